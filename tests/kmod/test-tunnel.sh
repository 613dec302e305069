#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Tunnels through collect-metadata devices: upstream's ovsdb-server and
# ovs-vswitchd drive the module with bridge br0 holding a veth port (to
# namespace tns1, 10.0.0.1) and a vxlan port (key 100) to a Linux vxlan
# device in namespace tremote (10.0.0.2) over a veth underlay
# (172.31.1.1 here, 172.31.1.2 there); then a geneve port (key 200) to a
# Linux geneve device, then a vxlan port (key 300) over IPv6 (fd31::1,
# fd31::2).  The switch adds the vxlan port as
# a collect-metadata device (vxlan_sys_4789) that the datapath sees as a
# NETDEV vport.  Pings go both ways through the tunnel; the datapath's flows
# match the tunnel key of received packets (tunnel(...)) and set it for sent
# ones (set(tunnel(...))).  The same runs on our module and then on the
# kernel's own openvswitch.ko in the same boot, and both show the same
# tunnel keys and actions.
set -ex
. "$WEFT_KMOD_DIR/lib.sh"
run=/tmp/weft-tunnel-run
export OVS_RUNDIR=$run OVS_LOGDIR=$run OVS_DBDIR=$run
vsctl="ovs-vsctl --db=unix:$run/db.sock --timeout=30"

cleanup() {
    set +e
    stop_daemons
    for n in tns1 tremote; do ip netns del $n 2>/dev/null; done
    ip link del tul0 2>/dev/null
    ip link del vxlan_sys_4789 2>/dev/null
    ip link del genev_sys_6081 2>/dev/null
}
trap cleanup EXIT

was_loaded=false
grep -q '^openvswitch ' /proc/modules && was_loaded=true

# flows_have FILE RECEIVED SENT: the datapath's flows, saved in FILE, hold
# one with packets that matches the tunnel key RECEIVED (the start of its
# "tunnel(...)") of received packets, and one with packets whose actions
# set the tunnel key SENT before an output.
flows_have() {
    ovs-dpctl dump-flows > $1
    cat $1
    grep -q "tunnel($2,.*eth_type(0x0800),ipv4(frag=no), packets:[1-9]" $1
    grep -q "packets:[1-9].*actions:set(tunnel($3,.*flags(df|key))),"  $1
}

# suite NAME: the whole scenario on the module loaded now; leaves the
# datapath's flows in /tmp/tunnel-flows-NAME.out.
suite() {
    name=$1
    start_ovsdb
    start_ovs_vswitchd

    # The underlay and the far end of the tunnel.
    ip netns add tremote
    ip link add tul0 type veth peer name eth0 netns tremote
    ip addr add 172.31.1.1/24 dev tul0
    ip link set tul0 up
    ip -n tremote addr add 172.31.1.2/24 dev eth0
    ip -n tremote link set eth0 up
    ip -n tremote link set lo up
    ip -n tremote link add vx0 type vxlan id 100 local 172.31.1.2 \
        remote 172.31.1.1 dstport 4789
    ip -n tremote addr add 10.0.0.2/24 dev vx0
    ip -n tremote link set vx0 up

    # The overlay host behind the switch.
    ns_veth tns1 tveth1
    ip -n tns1 addr add 10.0.0.1/24 dev eth0

    $vsctl add-br br0 -- add-port br0 tveth1 \
        -- add-port br0 vx1 -- set interface vx1 type=vxlan \
           options:remote_ip=172.31.1.2 options:local_ip=172.31.1.1 \
           options:key=100
    $vsctl show
    ovs-dpctl show
    ovs-dpctl show | grep -q 'port [0-9]*: vxlan_sys_4789'
    ip -d link show vxlan_sys_4789
    ip -d link show vxlan_sys_4789 | grep -q 'external'

    ip netns exec tns1 ping -c 3 -i 0.2 -W 2 10.0.0.2
    ip netns exec tremote ping -c 3 -i 0.2 -W 2 10.0.0.1
    # Received: the tunnel key matched, then out to the veth.  Sent: the
    # tunnel key set before the output to vxlan_sys_4789.
    flows_have /tmp/tunnel-flows-$name.out \
        'tun_id=0x64,src=172.31.1.2,dst=172.31.1.1' \
        'tun_id=0x64,src=172.31.1.1,dst=172.31.1.2,.*tp_dst=4789'
    ovs-dpctl show | grep -q 'lost:0'

    # Geneve (key 200) instead of vxlan.
    $vsctl del-port br0 vx1 \
        -- add-port br0 gnv1 -- set interface gnv1 type=geneve \
           options:remote_ip=172.31.1.2 options:local_ip=172.31.1.1 \
           options:key=200
    ip -n tremote link del vx0
    ip -n tremote link add gnv0 type geneve id 200 remote 172.31.1.1
    ip -n tremote addr add 10.0.0.2/24 dev gnv0
    ip -n tremote link set gnv0 up
    ip -n tns1 neigh flush all
    ovs-dpctl show
    ip -d link show genev_sys_6081 | grep -q 'external'
    ip netns exec tns1 ping -c 3 -i 0.2 -W 2 10.0.0.2
    ip netns exec tremote ping -c 3 -i 0.2 -W 2 10.0.0.1
    flows_have /tmp/tunnel-flows-geneve-$name.out \
        'tun_id=0xc8,src=172.31.1.2,dst=172.31.1.1' \
        'tun_id=0xc8,src=172.31.1.1,dst=172.31.1.2,.*tp_dst=6081'
    cat /tmp/tunnel-flows-geneve-$name.out >> /tmp/tunnel-flows-$name.out

    # Vxlan (key 300) over an IPv6 underlay.
    ip addr add fd31::1/64 dev tul0 nodad
    ip -n tremote addr add fd31::2/64 dev eth0 nodad
    $vsctl del-port br0 gnv1 \
        -- add-port br0 vx6 -- set interface vx6 type=vxlan \
           options:remote_ip=fd31::2 options:local_ip=fd31::1 \
           options:key=300
    ip -n tremote link del gnv0
    # The switch sends IPv6 tunnel packets with a zero UDP checksum
    # (no options:csum=true).
    ip -n tremote link add vx6 type vxlan id 300 local fd31::2 \
        remote fd31::1 dstport 4789 udp6zerocsumrx
    ip -n tremote addr add 10.0.0.2/24 dev vx6
    ip -n tremote link set vx6 up
    ip -n tns1 neigh flush all
    ovs-dpctl show
    ip netns exec tns1 ping -c 3 -i 0.2 -W 2 10.0.0.2 || {
        ovs-dpctl dump-flows; ip -s link; ip -n tremote -s link
        ip -6 neigh; ip -6 route; false; }
    ip netns exec tremote ping -c 3 -i 0.2 -W 2 10.0.0.1
    flows_have /tmp/tunnel-flows-ipv6-$name.out \
        'tun_id=0x12c,ipv6_src=fd31::2,ipv6_dst=fd31::1' \
        'tun_id=0x12c,ipv6_src=fd31::1,ipv6_dst=fd31::2,.*tp_dst=4789'
    cat /tmp/tunnel-flows-ipv6-$name.out >> /tmp/tunnel-flows-$name.out
    ovs-dpctl show | grep -q 'lost:0'

    cat $run/ovs-vswitchd.log
    fails grep -E '\|(ERR|EMER)\|' $run/ovs-vswitchd.log
    fails grep -E 'failed to (put|flow_del|execute)' $run/ovs-vswitchd.log

    $vsctl del-br br0
    stop_daemons
    ovs-dpctl show
    ip link del vxlan_sys_4789 2>/dev/null || true
    ip link del genev_sys_6081 2>/dev/null || true
    ip link del tul0
    for n in tns1 tremote; do ip netns del $n; done
    echo "$name OK"
}

# The parts of the flows that concern tunnels, without statistics.
tunnel_parts() {
    grep -oE 'tunnel\(([^()]|\([^()]*\))*\)' "$1" | sort -u
}

# Our module.
load_weft
suite weft
rmmod openvswitch

# The kernel's own module.
load_kernel_ovs
suite kernel
/usr/bin/ovs-dpctl del-dp ovs-system 2>/dev/null || true
rmmod openvswitch

tunnel_parts /tmp/tunnel-flows-weft.out > /tmp/tunnel-parts-weft.out
tunnel_parts /tmp/tunnel-flows-kernel.out > /tmp/tunnel-parts-kernel.out
cat /tmp/tunnel-parts-kernel.out
diff -u /tmp/tunnel-parts-kernel.out /tmp/tunnel-parts-weft.out

if $was_loaded; then
    "$WEFT_KMOD_DIR/kmod-load.sh" "$WEFT_KO"
fi
echo TUNNEL-OK
