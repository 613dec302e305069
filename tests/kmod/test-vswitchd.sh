#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Upstream's ovsdb-server and ovs-vswitchd (Debian's openvswitch-switch)
# drive our module: two network namespaces, each with a veth pair whose
# other end is a port of bridge br0, ping each other both ways (IPv4, IPv6,
# fragmented IPv4) and move a TCP stream; a trunk port and an access port
# exchange VLAN traffic (push_vlan and pop_vlan in the datapath); the
# datapath then holds megaflows and has lost no upcall.
set -ex
. "$WEFT_KMOD_DIR/lib.sh"
run=/tmp/weft-ovs-run
export OVS_RUNDIR=$run OVS_LOGDIR=$run OVS_DBDIR=$run
vsctl="ovs-vsctl --db=unix:$run/db.sock --timeout=30"
cleanup() {
    set +e
    stop_daemons
    for n in 1 2 3 4; do ip netns del ns$n 2>/dev/null; done
}
trap cleanup EXIT

start_ovsdb
start_ovs_vswitchd
$vsctl add-br br0
# Upstream's view of our module's features: the record that our
# ovs-vswitchd must reproduce (test-our-vswitchd.sh).
ovs-appctl dpif/show-dp-features br0 > /tmp/vswitchd-features.out
diff -u "$WEFT_KMOD_DIR/dp-features-weft.txt" /tmp/vswitchd-features.out
for i in 1 2; do
    ns_veth ns$i veth$i
    ip -n ns$i addr add 10.0.0.$i/24 dev eth0
    ip -n ns$i addr add fd00::$i/64 dev eth0 nodad
    $vsctl add-port br0 veth$i
done
$vsctl show
ovs-dpctl show

ip netns exec ns1 ping -c 3 -i 0.2 -W 2 10.0.0.2
ip netns exec ns2 ping -c 3 -i 0.2 -W 2 10.0.0.1
ip netns exec ns1 ping -6 -c 2 -i 0.2 -W 2 fd00::2
ip netns exec ns2 ping -6 -c 2 -i 0.2 -W 2 fd00::1
ovs-dpctl dump-flows > /tmp/vswitchd-flows.out
cat /tmp/vswitchd-flows.out
# Megaflows for IPv4 and IPv6 both ways, with packets counted against them.
# (Checked right away: idle flows expire after 10 s.)
grep -q 'eth_type(0x0800),ipv4(frag=no), packets:[1-9]' /tmp/vswitchd-flows.out
grep -q 'eth_type(0x86dd),ipv6(frag=no), packets:[1-9]' /tmp/vswitchd-flows.out

# Fragments: the first and the later ones take different megaflows.
ip netns exec ns1 ping -c 2 -i 0.2 -W 2 -s 3000 10.0.0.2
ip netns exec ns2 ping -c 2 -i 0.2 -W 2 -s 3000 10.0.0.1
ovs-dpctl dump-flows > /tmp/vswitchd-flows.out
cat /tmp/vswitchd-flows.out
grep -q 'ipv4(frag=first)' /tmp/vswitchd-flows.out
grep -q 'ipv4(frag=later)' /tmp/vswitchd-flows.out

# A TCP stream (segmentation offload through the datapath).
rm -f /tmp/tcp-ready
ip netns exec ns2 python3 -c '
import hashlib, socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.0.0.2", 5001)); s.listen(1); s.settimeout(30)
open("/tmp/tcp-ready", "w").close()
c, _ = s.accept(); h = hashlib.sha1(); n = 0
while True:
    d = c.recv(65536)
    if not d: break
    h.update(d); n += len(d)
open("/tmp/tcp-rx.out", "w").write("%d %s" % (n, h.hexdigest()))
' &
server=$!
wait_for 30 test -f /tmp/tcp-ready
ip netns exec ns1 python3 -c '
import hashlib, socket, time
data = bytes(range(256)) * 8192
c = socket.create_connection(("10.0.0.2", 5001), timeout=30)
c.sendall(data); c.close()
open("/tmp/tcp-tx.out", "w").write("%d %s" % (len(data), hashlib.sha1(data).hexdigest()))
'
wait $server
cat /tmp/tcp-tx.out /tmp/tcp-rx.out
cmp /tmp/tcp-tx.out /tmp/tcp-rx.out

# VLANs: ns3 tags its traffic (VLAN 10) on a trunk port, ns4 sits on an
# access port of VLAN 10.
ns_veth ns3 veth3
ip -n ns3 link add link eth0 name eth0.10 type vlan id 10
ip -n ns3 addr add 10.0.10.3/24 dev eth0.10
ns_veth ns4 veth4
ip -n ns4 addr add 10.0.10.4/24 dev eth0
ip -n ns3 link set eth0.10 up
$vsctl add-port br0 veth3 trunks=10 -- add-port br0 veth4 tag=10
ip netns exec ns3 ping -c 3 -i 0.2 -W 2 10.0.10.4
ip netns exec ns4 ping -c 3 -i 0.2 -W 2 10.0.10.3
ovs-dpctl dump-flows > /tmp/vswitchd-flows.out
cat /tmp/vswitchd-flows.out
grep -q 'eth_type(0x8100),vlan(vid=10,pcp=0),encap(eth_type(0x0800),ipv4(frag=no)), packets:[1-9].*actions:pop_vlan,' /tmp/vswitchd-flows.out
grep -q 'eth_type(0x0800),ipv4(frag=no), packets:[1-9].*actions:push_vlan(vid=10,pcp=0),' /tmp/vswitchd-flows.out

ovs-dpctl show > /tmp/vswitchd-show.out
cat /tmp/vswitchd-show.out
grep -q 'system@ovs-system:' /tmp/vswitchd-show.out
grep -q 'lost:0' /tmp/vswitchd-show.out
grep -q 'port [0-9]*: br0 (internal)' /tmp/vswitchd-show.out
grep -q 'port [0-9]*: veth1' /tmp/vswitchd-show.out
ovs-ofctl dump-flows br0
ovs-appctl -t $run/ovs-vswitchd.$(cat $run/ovs-vswitchd.pid).ctl dpif/show-dp-features br0 || true

# Nothing went wrong in the daemons.
cat $run/ovs-vswitchd.log
fails grep -E '\|(ERR|EMER)\|' $run/ovs-vswitchd.log
fails grep -E 'failed to (put|flow_del|execute)' $run/ovs-vswitchd.log

$vsctl del-br br0
ovs-dpctl show
echo VSWITCHD-OK
