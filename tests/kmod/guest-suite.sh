#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# guest-suite.sh [-l LOGDIR] MODULE.ko [TEST...]   (in the guest)
#
# Runs the kernel-module tests in one boot, in order, each as
# tests/kmod/test-NAME.sh (or .py) with WEFT_KO naming our module and
# WEFT_KMOD_DIR this directory.  Prints "PASS NAME" or "FAIL NAME" per
# test, the output of the failed ones, and a last line "N passed, N failed".
# Each test's full output is kept in LOGDIR/NAME.log (default
# /tmp/weft-kmod-logs).
# Exits 0 only if every test passed.
#
# The in-tree openvswitch module is blocked first, so that nothing can load
# it instead of ours.
here=$(cd "$(dirname "$0")" && pwd)
logdir=/tmp/weft-kmod-logs
if [ "$1" = -l ]; then
    logdir=$2
    shift 2
fi
export WEFT_KO=$(readlink -f "$1")
export WEFT_KMOD_DIR=$here
shift
[ -f "$WEFT_KO" ] || { echo "guest-suite: no module at $WEFT_KO"; echo "0 passed, 1 failed"; exit 1; }

default_tests="load dpctl netlink fuzz vswitchd tunnel ovs-dpctl our-vswitchd meter-netlink meter rmmod"
tests=${*:-$default_tests}

echo 'install openvswitch /bin/false' > /etc/modprobe.d/weft-no-intree-openvswitch.conf

mkdir -p "$logdir"
passed=0
failed=0
for t in $tests; do
    script=$here/test-$t.sh
    [ -f "$script" ] || script=$here/test-$t.py
    start=$(cut -d' ' -f1 /proc/uptime)
    # No test may take more than 8 minutes: the guest is emulated, and CI
    # machines may be busy.
    if [ -f "$script" ] && timeout -k 5 480 "$script" > "$logdir/$t.log" 2>&1; then
        result=PASS
        passed=$((passed + 1))
    else
        result=FAIL
        failed=$((failed + 1))
    fi
    end=$(cut -d' ' -f1 /proc/uptime)
    echo "$result $t ($(echo "$start $end" | awk '{printf "%.1f", $2 - $1}') s)"
    if [ $result = FAIL ]; then
        sed 's/^/    /' "$logdir/$t.log"
    fi
done
# A WARN or oops anywhere fails the run (the init also checks the taint).
if dmesg | grep -qE 'WARNING:|BUG:|Oops|general protection fault|Call Trace'; then
    echo "FAIL kernel-log"
    dmesg | grep -E -B5 -A30 'WARNING:|BUG:|Oops|general protection fault|Call Trace' | head -80 | sed 's/^/    /'
    failed=$((failed + 1))
else
    echo "PASS kernel-log"
    passed=$((passed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
