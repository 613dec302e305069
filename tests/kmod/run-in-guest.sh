#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# run-in-guest.sh [-k KVER] [-o OUTDIR] [-t SECONDS] [-m MEM] [-s SMP] -- CMD [ARG...]
#
# Boots Debian's kernel KVER under qemu with the host's root shared
# read-only over virtio-9p, runs CMD as root in the guest (host userland,
# same current directory), powers off, and exits with CMD's status.  CMD's
# output goes to stdout and OUTDIR/log; the guest's kernel log ends up in
# OUTDIR/dmesg.
#
# Exit status: CMD's, or 98 (CMD passed but the kernel was tainted: WARN,
# BUG, oops...), 99 (the guest died without a result), 124 (timeout),
# 125 (the current directory does not exist in the guest), 2 (usage or
# setup error).
#
# KVER defaults to the kernel that the installed linux-image-amd64 package
# depends on, never the running kernel.  Environment: ACCEL=kvm|tcg,
# QEMU_CPU, KCACHE (where the extracted vmlinux is kept), KAPPEND (extra
# kernel arguments).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kver=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null \
       | sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
outdir=
tmo=300
mem=2G
smp=2
while getopts k:o:t:m:s: opt; do
    case $opt in
    k) kver=$OPTARG ;;
    o) outdir=$OPTARG ;;
    t) tmo=$OPTARG ;;
    m) mem=$OPTARG ;;
    s) smp=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [ $# -eq 0 ]; then
    echo "usage: $0 [-k KVER] [-o OUTDIR] [-t SEC] [-m MEM] [-s SMP] -- CMD [ARG...]" >&2
    exit 2
fi
if [ -z "$kver" ] || [ ! -r "/boot/vmlinuz-$kver" ]; then
    echo "run-in-guest: no Debian kernel image (install linux-image-amd64)" >&2
    exit 2
fi
command -v qemu-system-x86_64 >/dev/null || {
    echo "run-in-guest: qemu-system-x86_64 missing (install qemu-system-x86)" >&2
    exit 2
}

# KVM only on a CPU with real VMX/SVM.  Where /dev/kvm comes from kvm_pvm
# (a software hypervisor), a stock kernel runs through an instruction
# emulator, far slower than TCG.
if [ -z "${ACCEL:-}" ]; then
    if [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo \
       && [ ! -d /sys/module/kvm_pvm ]; then
        ACCEL=kvm
    else
        ACCEL=tcg
    fi
fi
case $ACCEL in
kvm) accel="-accel kvm -cpu ${QEMU_CPU:-host}" ;;
tcg) accel="-accel tcg,thread=multi -cpu ${QEMU_CPU:-max}" ;;
*) echo "run-in-guest: ACCEL must be kvm or tcg" >&2; exit 2 ;;
esac

[ -n "$outdir" ] || outdir=$(mktemp -d /tmp/weft-guest.XXXXXX)
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd -P)
case $outdir in
*[!A-Za-z0-9_./+-]*)
    echo "run-in-guest: OUTDIR may only hold [A-Za-z0-9_./+-]: $outdir" >&2
    exit 2 ;;
esac
rm -f "$outdir/rc" "$outdir/log" "$outdir/dmesg" "$outdir/cmd"

# The command the guest runs, each argument quoted.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
{
    echo '#!/bin/sh'
    echo "cd $(quote "$(pwd -P)") || exit 125"
    printf 'exec'
    for a in "$@"; do printf ' %s' "$(quote "$a")"; done
    echo
} > "$outdir/cmd"
chmod 755 "$outdir/cmd"

initrd=$outdir/initramfs.cpio
"$here/mkinitramfs.sh" "$kver" "$initrd"

cache=${KCACHE:-/var/tmp/weft-kmod-cache}
mkdir -p "$cache"
kernel=$cache/vmlinux-$kver
if [ ! -s "$kernel" ] || [ "/boot/vmlinuz-$kver" -nt "$kernel" ]; then
    "$here/extract-vmlinux.sh" "/boot/vmlinuz-$kver" "$kernel"
fi

set +e
timeout -k 5 "$tmo" qemu-system-x86_64 \
    $accel -m "$mem" -smp "$smp" \
    -nodefaults -no-user-config -display none -serial stdio -no-reboot \
    -kernel "$kernel" -initrd "$initrd" \
    -append "console=ttyS0 quiet panic=-1 ${KAPPEND:-} weft.out=$outdir" \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    -virtfs "local,path=$outdir,mount_tag=out,security_model=none" \
    </dev/null
qrc=$?
set -e
if [ ! -s "$outdir/rc" ]; then
    case $qrc in
    124|137) echo "run-in-guest: timeout after ${tmo}s" >&2; exit 124 ;;
    *) echo "run-in-guest: the guest died without a result (qemu status $qrc)" >&2; exit 99 ;;
    esac
fi
exit "$(cat "$outdir/rc")"
