#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# check-kmod.sh SRCDIR MODULE.ko OUTDIR [TEST...]
#
# The host side of "make check-kmod": checks our uapi header against the
# installed kernel header, then boots Debian's kernel once under qemu and
# runs the guest suite (tests/kmod/guest-suite.sh) on MODULE.ko.  Leaves the
# console log in OUTDIR/log, each test's output in OUTDIR/logs/ and the
# guest's kernel log in OUTDIR/dmesg.  Ends with "N passed, N failed" and
# exits 0 only if nothing failed.
set -u
srcdir=$1
ko=$2
out=$3
shift 3
here=$srcdir/tests/kmod
passed=0
failed=0

if /usr/bin/python3 "$here/check-uapi-header.py" \
        "$srcdir/include/linux/openvswitch.h"; then
    echo "PASS uapi-header"
    passed=$((passed + 1))
else
    echo "FAIL uapi-header"
    failed=$((failed + 1))
fi

if [ ! -f "$ko" ]; then
    echo "FAIL guest: no module at $ko"
    failed=$((failed + 1))
else
    mkdir -p "$out"
    rm -rf "$out/logs"
    start=$(date +%s)
    "$here/run-in-guest.sh" -o "$out" -t 2400 -- \
        "$here/guest-suite.sh" -l "$out/logs" "$ko" "$@" \
        | grep -v '^guest-init'
    rc=$(cat "$out/rc" 2>/dev/null || echo 99)
    echo "guest run: $(( $(date +%s) - start )) s, status $rc"
    summary=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
              "$out/log" 2>/dev/null | tail -1)
    if [ -n "$summary" ]; then
        set -- $summary
        passed=$((passed + $1))
        failed=$((failed + $2))
    fi
    # A tainted kernel (98), a panic (99) or a timeout (124) fails the run
    # even if every test passed.
    if [ "$rc" -ne 0 ] && { [ -z "$summary" ] || [ "$2" -eq 0 ]; }; then
        echo "FAIL guest: status $rc (98 kernel tainted, 99 guest died, 124 timeout)"
        failed=$((failed + 1))
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
