#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# extract-vmlinux.sh VMLINUZ OUT
#
# Debian compresses its bzImage with XZ.  Decompressing under qemu's TCG
# costs seconds at every boot, so this pulls the ELF vmlinux out of the
# bzImage once; qemu boots it directly through its PVH entry point.
set -eu
in=$1
out=$2
magic=$(printf '\3757zXZ\000')
off=$(grep -abo "$magic" "$in" | head -1 | cut -d: -f1)
[ -n "$off" ] || { echo "extract-vmlinux: no XZ stream in $in" >&2; exit 1; }
tmp=$out.tmp.$$
# xz complains about the bytes after the stream; the ELF check below is
# what decides.
tail -c +$((off + 1)) "$in" | xz -dc 2>/dev/null > "$tmp" || true
if ! head -c 4 "$tmp" | grep -q ELF; then
    rm -f "$tmp"
    echo "extract-vmlinux: $in did not decompress to an ELF image" >&2
    exit 1
fi
mv "$tmp" "$out"
