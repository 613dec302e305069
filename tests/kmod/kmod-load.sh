#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# kmod-load.sh MODULE.ko [PARAM=VALUE...]   (in the guest)
#
# Loads an out-of-tree module after modprobe'ing the in-tree modules it
# depends on, as read from its own .modinfo.
set -e
ko=$1
shift
deps=$(modinfo -F depends "$ko" | tr ',' ' ')
[ -z "$deps" ] || modprobe -a $deps
exec insmod "$ko" "$@"
