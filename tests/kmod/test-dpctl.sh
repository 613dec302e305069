#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Upstream's ovs-dpctl (Debian's openvswitch-common) against our module:
# datapaths, ports and flows, and a datapath in a network namespace that
# goes away with it.
set -ex
. "$WEFT_KMOD_DIR/lib.sh"
dpctl=/usr/bin/ovs-dpctl

$dpctl add-dp dp0
$dpctl show > /tmp/dpctl-show.out
cat /tmp/dpctl-show.out
grep -q '^system@dp0:' /tmp/dpctl-show.out
grep -q 'lookups: hit:0 missed:0 lost:0' /tmp/dpctl-show.out
grep -q 'flows: 0' /tmp/dpctl-show.out
grep -q 'port 0: dp0 (internal)' /tmp/dpctl-show.out
# The local port is a real device that ip can configure.
ip -d link show dp0 | grep -q openvswitch
ip link set dp0 up
ip addr add 192.0.2.1/24 dev dp0
ip -4 addr show dp0 | grep -q 192.0.2.1
$dpctl dump-dps | grep -q '^system@dp0$'

# Ports.
ip link add dpveth0 type veth peer name dpveth1
$dpctl add-if dp0 dpveth0
$dpctl add-if dp0 dpveth1,port_no=7
$dpctl show dp0 > /tmp/dpctl-show.out
cat /tmp/dpctl-show.out
grep -q 'port 1: dpveth0$' /tmp/dpctl-show.out
grep -q 'port 7: dpveth1$' /tmp/dpctl-show.out
# A port whose device does not exist is refused.
fails $dpctl add-if dp0 no-such-dev 2> /tmp/dpctl-err.out
cat /tmp/dpctl-err.out
grep -q 'No such device' /tmp/dpctl-err.out
# The same device twice is refused.
fails $dpctl add-if dp0 dpveth0

# Flows.
$dpctl dump-flows dp0 > /tmp/flows.out
test ! -s /tmp/flows.out
$dpctl add-flow dp0 'in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2)' 7
$dpctl add-flow dp0 'in_port(7),eth(),eth_type(0x0806),arp()' 1
$dpctl dump-flows dp0 > /tmp/flows.out
cat /tmp/flows.out
test "$(wc -l < /tmp/flows.out)" -eq 2
grep -q 'in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2), packets:0, bytes:0, used:never, actions:7' /tmp/flows.out
$dpctl show dp0 | grep -q 'flows: 2'
# Adding the same flow again fails; mod-flow changes its actions.
fails $dpctl add-flow dp0 'in_port(7),eth(),eth_type(0x0806),arp()' 1
$dpctl mod-flow dp0 'in_port(7),eth(),eth_type(0x0806),arp()' 1,0
$dpctl dump-flows dp0 | grep 'in_port(7)' | grep -q 'actions:1,0'
# A flow named by a UFID: dump-flows -m shows it, get-flow finds it.
ufid=ufid:6cf4b3a2-0d5e-4b7c-9a1f-2e3d4c5b6a79
$dpctl add-flow dp0 "$ufid,in_port(1),eth(),eth_type(0x86dd),ipv6(proto=58),icmpv6(type=135,code=0),nd(target=fe80::1)" 0
$dpctl dump-flows -m dp0 > /tmp/flows.out
cat /tmp/flows.out
grep -q "^$ufid,.*in_port(dpveth0)" /tmp/flows.out
$dpctl get-flow dp0 "$ufid" > /tmp/flow.out
cat /tmp/flow.out
grep -q 'icmpv6(type=135,code=0),nd(target=fe80::1' /tmp/flow.out
grep -q 'actions:0$' /tmp/flow.out
$dpctl del-flow dp0 "$ufid"
fails $dpctl get-flow dp0 "$ufid"
$dpctl del-flow dp0 'in_port(1),eth(src=00:00:00:00:00:01,dst=00:00:00:00:00:02),eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2)'
$dpctl dump-flows dp0 > /tmp/flows.out
cat /tmp/flows.out
test "$(wc -l < /tmp/flows.out)" -eq 1
$dpctl del-flows dp0
$dpctl dump-flows dp0 > /tmp/flows.out
test ! -s /tmp/flows.out

$dpctl del-if dp0 dpveth1
$dpctl show dp0 > /tmp/dpctl-show.out
fails grep -q 'dpveth1' /tmp/dpctl-show.out
$dpctl del-dp dp0
fails ip link show dp0 2>/dev/null
fails $dpctl show dp0
ip link del dpveth0

# A datapath in another network namespace is invisible from this one and
# goes away with its namespace.
ip netns add dpns
ip -n dpns link add nsveth0 type veth peer name nsveth1
ip netns exec dpns $dpctl add-dp nsdp
ip netns exec dpns $dpctl add-if nsdp nsveth0
ip netns exec dpns $dpctl add-if nsdp nsint0,type=internal
ip netns exec dpns $dpctl show > /tmp/dpctl-show.out
cat /tmp/dpctl-show.out
grep -q 'port 1: nsveth0' /tmp/dpctl-show.out
$dpctl dump-dps > /tmp/dpctl-dps.out
fails grep -q nsdp /tmp/dpctl-dps.out
fails ip link show nsdp
ip netns del dpns
sleep 1
$dpctl dump-dps > /tmp/dpctl-dps.out
fails grep -q nsdp /tmp/dpctl-dps.out
echo DPCTL-OK
