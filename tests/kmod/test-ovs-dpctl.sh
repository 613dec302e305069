#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Our ovs-dpctl (utilities/ovs-dpctl of the build tree that holds WEFT_KO)
# against our module and against the kernel's own openvswitch.ko: the same
# sequence of commands (add-dp, add-if, show, dump-dps, add-flow,
# dump-flows, get-flow, mod-flow, del-flow, del-flows, del-if, del-dp, and
# their failures) run by upstream's ovs-dpctl and by ours must print the
# same output and errors and exit with the same status; then packets
# between two network namespaces are forwarded by flows that our
# ovs-dpctl installed; then "ovstest test-dpif-netlink" receives a miss
# upcall and executes the packet through lib/dpif-netlink.c.
set -ex
. "$WEFT_KMOD_DIR/lib.sh"
builddir=$(cd "$(dirname "$WEFT_KO")/../.." && pwd)
ours=$builddir/utilities/ovs-dpctl
upstream=/usr/bin/ovs-dpctl
test -x "$ours"
test -x "$builddir/tests/ovstest"
work=/tmp/weft-ovs-dpctl
rm -rf $work
mkdir -p $work

pid=
was_loaded=false
grep -q '^openvswitch ' /proc/modules && was_loaded=true

cleanup() {
    set +e
    for d in tdp fwd updp; do
        $upstream del-dp $d 2>/dev/null
    done
    ip link del tveth0 2>/dev/null
    ip link del tveth2 2>/dev/null
    [ -n "$pid" ] && kill $pid 2>/dev/null
    ip netns del tnsa 2>/dev/null
    ip netns del tnsb 2>/dev/null
}
trap cleanup EXIT

F1='in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),eth_type(0x0800),ipv4(src=10.1.0.1,dst=10.1.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2)'
U1=ufid:6cf4b3a2-0d5e-4b7c-9a1f-2e3d4c5b6a79
F2='in_port(5),eth(),eth_type(0x0806),arp()'
F3='in_port(1),eth(src=00:00:00:00:00:01/ff:ff:ff:00:00:00),eth_type(0x86dd),ipv6(proto=58),icmpv6(type=135,code=0),nd(target=fe80::1)'

# Lookup counters depend on the packets the kernel happens to see (IPv6
# router solicitations...): hide their values.  The kernel's own module
# reports OVS_KEY_ATTR_IPV6_EXTHDRS (32), which upstream's OVS 3.1 does not
# know and prints raw as "key32(...)": drop it.
normalize() {
    sed -e 's/lookups: hit:[0-9]* missed:[0-9]* lost:[0-9]*/lookups: hit:H missed:M lost:L/' \
        -e 's/key32([0-9a-f ]*\/[0-9a-f ]*),//' \
        -e 's/masks: hit:[0-9]* \(total:[0-9]*\) hit\/pkt:[0-9.]*/masks: hit:H \1 hit\/pkt:P/'
}

# run_with FILTER TITLE ARG...: runs our or upstream's ovs-dpctl (by $D)
# with the arguments, appending "$ TITLE", stdout (normalized, then through
# FILTER), stderr without log lines, and the exit status to $out.
run_with() {
    _filter=$1
    echo "\$ $2" >> $out
    shift 2
    set +e
    $D "$@" > $work/o 2> $work/e
    rc=$?
    set -e
    normalize < $work/o | $_filter >> $out
    grep -Ev '^[0-9]{4}-[0-9]{2}-[0-9]{2}T.*\|' $work/e | sed 's/^/stderr: /' >> $out || true
    echo "rc=$rc" >> $out
}

# run CMD...: run_with, stdout as it comes.
run() {
    run_with cat "$*" "$@"
}

# run_sorted CMD...: run_with, stdout sorted (flow dumps come in hash
# order).
run_sorted() {
    run_with sort "$* (sorted)" "$@"
}

sequence() {
    ip link add tveth0 type veth peer name tveth1
    run add-dp tdp
    run add-dp tdp
    run dump-dps
    run add-if tdp tveth0
    run add-if tdp tveth1,port_no=5
    run add-if tdp no-such-dev
    run show tdp
    run show no-such-dp
    run dump-flows
    run add-flow tdp "$F1" 5
    run add-flow tdp "$F1" 5
    run add-flow tdp "$U1,$F2" 1
    run add-flow tdp 'in_port(1),frob' 5
    run_sorted dump-flows -m tdp
    run add-flow tdp "$F3" 'set(ipv6(hlimit=1)),5'
    run show tdp
    run_sorted dump-flows --names tdp
    run get-flow tdp "$U1"
    run -s mod-flow tdp "$F1" 1,5
    run mod-flow tdp 'in_port(7),eth(),eth_type(0x0806),arp()' 1
    run del-flow tdp "$F1"
    run del-flow tdp "$F1"
    run -s del-flow tdp "$U1"
    run_sorted dump-flows tdp
    run del-flows tdp
    run dump-flows tdp
    run del-if tdp tveth1
    run show tdp
    run del-dp tdp
    run show tdp
    ip link del tveth0
}

# compare MODULE: runs the sequence with both programs and diffs.
compare() {
    D=$upstream out=$work/upstream-$1.out sequence
    D=$ours out=$work/ours-$1.out sequence
    cat $work/upstream-$1.out
    diff -u $work/upstream-$1.out $work/ours-$1.out
}

# forward: two namespaces joined through a datapath whose flows our
# ovs-dpctl installs; ping must pass and the flows must count packets.
forward() {
    ip netns add tnsa
    ip netns add tnsb
    ip link add tveth0 type veth peer name eth0 netns tnsa
    ip link add tveth2 type veth peer name eth0 netns tnsb
    ip -n tnsa addr add 10.1.0.1/24 dev eth0
    ip -n tnsb addr add 10.1.0.2/24 dev eth0
    ip -n tnsa link set eth0 up
    ip -n tnsb link set eth0 up
    ip link set tveth0 up
    ip link set tveth2 up
    $ours add-dp fwd tveth0 tveth2
    $ours show fwd | grep -q 'port 1: tveth0$'
    $ours show fwd | grep -q 'port 2: tveth2$'
    fails ip netns exec tnsa ping -c 1 -W 1 10.1.0.2
    for p in '1 2' '2 1'; do
        set -- $p
        $ours add-flow fwd "in_port($1),eth(),eth_type(0x0806),arp()" $2
        $ours add-flow fwd "in_port($1),eth(),eth_type(0x0800),ipv4(frag=no)" $2
    done
    ip netns exec tnsa ping -c 3 -i 0.2 -W 2 10.1.0.2
    $ours dump-flows fwd > $work/fwd.out
    cat $work/fwd.out
    grep -q 'in_port(1),eth(),eth_type(0x0800),ipv4(frag=no), packets:[1-9]' $work/fwd.out
    grep -q 'in_port(2),eth(),eth_type(0x0800),ipv4(frag=no), packets:[1-9]' $work/fwd.out
    $ours show fwd | grep -q 'lookups: hit:[1-9][0-9]* missed:[1-9]'
    # Statistics of the ports, as upstream prints them.
    $upstream show -s fwd > $work/show-s-upstream.out
    $ours show -s fwd > $work/show-s-ours.out
    cat $work/show-s-ours.out
    grep -q 'RX packets:[1-9]' $work/show-s-ours.out
    test "$(grep -c 'TX bytes' $work/show-s-ours.out)" -eq 3
    # Removing the flows stops the traffic.
    $ours del-flows fwd
    fails ip netns exec tnsa ping -c 1 -W 1 10.1.0.2
    $ours del-dp fwd
    ip netns del tnsa
    ip netns del tnsb
}

# upcalls: lib/dpif-netlink.c's upcall path (handler sockets registered as
# vport upcall pids, OVS_PACKET_CMD_MISS parsing, execute), its port
# change notifications and a batch of flow operations, through "ovstest
# test-dpif-netlink".
upcalls() {
    ip netns add tnsa
    ip link add tveth0 type veth peer name eth0 netns tnsa
    ip link add tveth2 type veth peer name tveth3
    ip -n tnsa addr add 10.3.0.1/24 dev eth0
    ip -n tnsa link set eth0 up
    ip link set tveth0 up
    ip link set tveth2 up
    rm -f $work/ready
    "$builddir/tests/ovstest" test-dpif-netlink updp tveth0 tveth2 \
        $work/ready > $work/upcall.out 2>&1 &
    pid=$!
    wait_for 10 test -e $work/ready
    ip netns exec tnsa ping -c 2 -i 0.3 -W 1 10.3.0.2 || true
    wait $pid
    cat $work/upcall.out
    grep -q '^opened system@updp$' $work/upcall.out
    grep -q '^first port poll: No buffer space available$' $work/upcall.out
    grep -q '^port change: tveth0$' $work/upcall.out
    grep -q '^port change: tveth2$' $work/upcall.out
    grep -q '^upcall miss: .*in_port(1),' $work/upcall.out
    grep -q '^execute: Success$' $work/upcall.out
    grep -q '^missed>0: yes$' $work/upcall.out
    # A batch through one socket: create, create, duplicate, get, delete.
    grep -q '^op 0: Success$' $work/upcall.out
    grep -q '^op 1: Success$' $work/upcall.out
    grep -q '^op 2: File exists$' $work/upcall.out
    grep -q '^op 3: Success$' $work/upcall.out
    grep -q '^op 4: Success$' $work/upcall.out
    grep -q '^got: in_port(2),.*eth_type(0x0800),ipv4(frag=no), actions:2$' $work/upcall.out
    grep -q '^flows: 1$' $work/upcall.out
    grep -q '^deleted: Success$' $work/upcall.out
    fails $upstream show updp
    ip link del tveth0
    ip link del tveth2
    ip netns del tnsa
}

# Our module (loaded by an earlier test, or now).
load_weft
compare weft
forward
upcalls

# The kernel's own module.
rmmod openvswitch
load_kernel_ovs
compare kernel
forward
upcalls
rmmod openvswitch
if $was_loaded; then
    "$WEFT_KMOD_DIR/kmod-load.sh" "$WEFT_KO"
fi
echo OVS-DPCTL-OK
