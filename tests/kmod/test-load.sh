#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Loads our openvswitch.ko (not the kernel's) and checks that the module
# the kernel runs is the file we built.
set -ex
. "$WEFT_KMOD_DIR/lib.sh"
fails grep -q '^openvswitch ' /proc/modules
# guest-suite.sh blocked the kernel's own module.
modprobe --show-depends openvswitch | grep -q 'install /bin/false'
"$WEFT_KMOD_DIR/kmod-load.sh" "$WEFT_KO"
grep '^openvswitch ' /proc/modules
test "$(cat /sys/module/openvswitch/srcversion)" = "$(modinfo -F srcversion "$WEFT_KO")"
dmesg | grep 'openvswitch: Weft datapath loaded'
echo LOAD-OK
