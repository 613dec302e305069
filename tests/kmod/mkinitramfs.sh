#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# mkinitramfs.sh KVER OUT
#
# Builds the guest's tiny, uncompressed initramfs: busybox-static, the
# virtio, 9p and overlay modules of kernel KVER (in load order, since there
# is no modprobe there), and the two init stages.
set -eu
kver=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
moddir=/lib/modules/$kver/kernel
mods="drivers/virtio/virtio_ring drivers/virtio/virtio
      drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci_legacy_dev
      drivers/virtio/virtio_pci
      fs/netfs/netfs fs/fscache/fscache
      net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p
      fs/overlayfs/overlay"
[ -x /bin/busybox ] || { echo "mkinitramfs: /bin/busybox missing (busybox-static)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/proc" "$tmp/sys" "$tmp/dev" "$tmp/newroot" "$tmp/mods"
cp /bin/busybox "$tmp/bin/busybox"
ln -s busybox "$tmp/bin/sh"
: > "$tmp/mods/order"
for m in $mods; do
    f=$moddir/$m.ko
    [ -f "$f" ] || { echo "mkinitramfs: missing $f" >&2; exit 1; }
    cp "$f" "$tmp/mods/"
    echo "$(basename "$m").ko" >> "$tmp/mods/order"
done
cp "$here/guest-init" "$tmp/init"
cp "$here/guest-init2" "$tmp/init2"
chmod 755 "$tmp/init" "$tmp/init2"
(cd "$tmp" && find . -print0 | cpio --null -o -H newc --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
