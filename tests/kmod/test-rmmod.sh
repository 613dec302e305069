#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Unloading the module while datapaths, ports and flows exist and packets
# arrive is clean: every device it made goes away, every device it took is
# given back as it was, and loading it again works.
set -ex
. "$WEFT_KMOD_DIR/lib.sh"
dpctl=/usr/bin/ovs-dpctl
cleanup() {
    set +e
    [ -n "$flood" ] && kill $flood 2>/dev/null
    ip netns del rmns 2>/dev/null
    ip link del rmveth0 2>/dev/null
}
flood=
trap cleanup EXIT

load_weft

ip netns add rmns
ip link add rmveth0 type veth peer name rmveth1 netns rmns
ip link set rmveth0 up
ip -n rmns link set rmveth1 up
ip -n rmns addr add 10.9.0.1/24 dev rmveth1
ip -n rmns neigh add 10.9.0.2 lladdr 02:00:00:00:00:09 dev rmveth1
flags_before=$(cat /sys/class/net/rmveth0/flags)

$dpctl add-dp rmdp
$dpctl add-if rmdp rmveth0
$dpctl add-if rmdp rmint0,type=internal
ip link set rmint0 up
$dpctl add-flow rmdp 'in_port(1),eth(),eth_type(0x0800),ipv4()' 2
$dpctl show
ip -d link show rmveth0 | grep -q 'master rmdp'

# Packets keep arriving while the module goes away.
ip netns exec rmns ping -q -f -w 120 10.9.0.2 > /dev/null 2>&1 &
flood=$!
sleep 1
$dpctl show rmdp | grep -q 'lookups: hit:[1-9]'

rmmod openvswitch
fails grep -q '^openvswitch ' /proc/modules
fails ip link show rmdp
fails ip link show rmint0
fails ip link show ovs-system
# The veth is given back: no master, not promiscuous, no rx handler.
ip -d link show rmveth0 > /tmp/rmveth0.out
cat /tmp/rmveth0.out
fails grep -q master /tmp/rmveth0.out
test "$(cat /sys/class/net/rmveth0/flags)" = "$flags_before"
ip link add rmbr0 type bridge
ip link set rmveth0 master rmbr0
ip link set rmveth0 nomaster
ip link del rmbr0

# Loading again works, with the same device.
"$WEFT_KMOD_DIR/kmod-load.sh" "$WEFT_KO"
$dpctl add-dp rmdp2
$dpctl add-if rmdp2 rmveth0
$dpctl show rmdp2 | grep -q 'port 1: rmveth0'
sleep 0.5
$dpctl show rmdp2 | grep -q 'lookups: hit:0 missed:[1-9]'
$dpctl del-dp rmdp2
rmmod openvswitch
echo RMMOD-OK
