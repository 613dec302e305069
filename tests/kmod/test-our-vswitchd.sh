#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Our ovsdb-server and ovs-vswitchd (the build tree that holds WEFT_KO) on
# the kernel datapath (datapath_type=system), once on our openvswitch.ko and
# once on the kernel's own: two network namespaces behind veth ports of
# bridge br0 ping each other both ways through megaflows that our handler
# threads installed from miss upcalls, also through a select group (hash
# and recirculation); access ports of different VLANs are isolated; a
# controller action's ACTION upcalls (per-CPU dispatch) become packet-ins;
# dpif/show-dp-features prints what upstream's switch prints for the
# module; the bridge's internal port (made by the kernel) takes an address
# and answers pings; "dpctl/show" has lost no upcall; ovs-vswitchd killed
# and started again forwards again over the datapath it left; and our
# module unloads cleanly with the datapath and its ports still present (the
# kernel's own refuses until the datapath is deleted).
set -ex
. "$WEFT_KMOD_DIR/lib.sh"
builddir=$(cd "$(dirname "$WEFT_KO")/../.." && pwd)
srcdir=$(cd "$WEFT_KMOD_DIR/../.." && pwd)
for p in ovsdb/ovsdb-tool ovsdb/ovsdb-server vswitchd/ovs-vswitchd \
         utilities/ovs-vsctl utilities/ovs-appctl utilities/ovs-ofctl; do
    test -x "$builddir/$p"
done
run=/tmp/weft-our-vswitchd
export OVS_RUNDIR=$run OVS_LOGDIR=$run OVS_DBDIR=$run
vsctl="$builddir/utilities/ovs-vsctl --db=unix:$run/db.sock --timeout=30"
appctl="$builddir/utilities/ovs-appctl"

was_loaded=false
grep -q '^openvswitch ' /proc/modules && was_loaded=true

cleanup() {
    set +e
    if [ -f $run/ovs-vswitchd.pid ]; then
        $appctl dpctl/dump-flows
        $appctl dpctl/show
        $appctl fdb/show br0
        $appctl upcall/show
        cat $run/ovs-vswitchd.log
    fi
    stop_daemons
    for n in 1 2 3 4 5; do ip netns del ons$n 2>/dev/null; done
    for n in 1 2 3 4 5; do ip link del oveth$n 2>/dev/null; done
}
trap cleanup EXIT

# start_ours: a new database and our ovsdb-server and ovs-vswitchd on it.
start_ours() {
    start_ovsdb "$builddir/ovsdb/ovsdb-tool" "$builddir/ovsdb/ovsdb-server" \
        "$srcdir/vswitchd/vswitch.ovsschema"
    start_ovs_vswitchd "$builddir/vswitchd/ovs-vswitchd"
}

# ping_ok NS ADDR: NS reaches ADDR (a few tries: the first packets take
# the slow path).
ping_ok() {
    ip netns exec $1 ping -c 3 -i 0.2 -W 2 $2 \
        || ip netns exec $1 ping -c 3 -i 0.2 -W 2 $2
}

# packet_ins N: with "ovs-ofctl monitor" watching and a flow sending UDP
# port 9 from oveth1 to the controller, ons1 sends N such packets, and N
# packet-ins arrive (in $run/monitor.log).
packet_ins() {
    "$builddir/utilities/ovs-ofctl" monitor br0 65534 --detach --no-chdir \
        --pidfile=$run/monitor.pid 2> $run/monitor.log
    "$builddir/utilities/ovs-ofctl" add-flow br0 \
        'priority=20,udp,in_port=oveth1,tp_dst=9,actions=controller'
    ip netns exec ons1 python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(int(sys.argv[1])):
    s.sendto(b"weft-packet-in-%d" % i, ("10.0.0.2", 9))
    time.sleep(0.3)
' $1
    wait_for 20 sh -c "test \$(grep -c 'PACKET_IN' $run/monitor.log) -ge $1"
    kill "$(cat $run/monitor.pid)"
}

# suite NAME: the whole sequence on the module loaded now.
suite() {
    name=$1
    start_ours
    $vsctl add-br br0 -- set bridge br0 datapath_type=system
    for i in 1 2 3 4 5; do
        ns_veth ons$i oveth$i
    done
    for i in 1 2; do
        ip -n ons$i addr add 10.0.0.$i/24 dev eth0
        ip -n ons$i addr add fd00::$i/64 dev eth0 nodad
        $vsctl add-port br0 oveth$i
    done
    # ons3 and ons4 on access ports of VLAN 10, ons5 of VLAN 20, all in
    # the same IP subnet.
    for i in 3 4 5; do
        ip -n ons$i addr add 10.0.10.$i/24 dev eth0
    done
    $vsctl add-port br0 oveth3 tag=10 -- add-port br0 oveth4 tag=10 \
        -- add-port br0 oveth5 tag=20
    $vsctl show
    $appctl dpif/show
    # What the datapath can do, exactly as upstream's ovs-vswitchd shows it
    # for the same module (recorded from it; test-vswitchd.sh checks the
    # record for ours).
    $appctl dpif/show-dp-features br0 > $run/features.out
    diff -u "$WEFT_KMOD_DIR/dp-features-$name.txt" $run/features.out
    fails $appctl dpif/show-dp-features nobr
    $appctl dpctl/show > $run/show.out
    cat $run/show.out
    grep -q 'system@ovs-system:' $run/show.out
    grep -q 'port [0-9]*: br0 (internal)' $run/show.out
    grep -q 'port [0-9]*: oveth1$' $run/show.out
    # The kernel made the internal device: nobody made a tap.
    fails sh -c 'ip -d link show br0 | grep -q tun'

    ping_ok ons1 10.0.0.2
    ping_ok ons2 10.0.0.1
    ip netns exec ons1 ping -6 -c 2 -i 0.2 -W 2 fd00::2
    ip netns exec ons2 ping -6 -c 2 -i 0.2 -W 2 fd00::1
    $appctl dpctl/dump-flows > $run/flows.out
    cat $run/flows.out
    # Megaflows installed by the handlers, with packets counted.
    grep -q 'eth_type(0x0800),ipv4(frag=no), packets:[1-9]' $run/flows.out
    grep -q 'eth_type(0x86dd),ipv6(frag=no), packets:[1-9]' $run/flows.out

    # VLANs: same VLAN reaches, different VLAN is isolated.
    ping_ok ons3 10.0.10.4
    ping_ok ons4 10.0.10.3
    fails ip netns exec ons5 ping -c 2 -i 0.2 -W 1 10.0.10.3
    fails ip netns exec ons3 ping -c 2 -i 0.2 -W 1 10.0.10.5
    $appctl fdb/show br0
    $appctl fdb/show br0 | grep -q '^ *[0-9]* *10 '

    # A controller action: the datapath runs the flow's userspace action,
    # its ACTION upcall reaches a handler thread (the handler of the CPU
    # that received the packet, with per-CPU dispatch), and the switch
    # sends a packet-in per packet to "ovs-ofctl monitor".
    grep -q 'dpif_netlink|INFO|Datapath dispatch mode: per-cpu' \
        $run/ovs-vswitchd.log
    packet_ins 4
    cat $run/monitor.log
    test "$(grep -c 'PACKET_IN' $run/monitor.log)" -eq 4
    grep -q 'in_port=.*(via action)' $run/monitor.log
    grep -q 'udp.*tp_dst=9' $run/monitor.log
    # The later packets went straight from the megaflow to userspace.
    $appctl dpctl/dump-flows > $run/flows.out
    cat $run/flows.out
    grep 'udp(.*dst=9' $run/flows.out | grep 'packets:[1-9]' \
        | grep -q 'actions:userspace('
    "$builddir/utilities/ovs-ofctl" del-flows br0 'udp,in_port=oveth1,tp_dst=9'

    # An ARP responder (set-field on ARP headers), as cloud agents install
    # it.  No kernel module can rewrite ARP headers: the switch sends such
    # packets through its slow path (userspace rewrites the packet and has
    # the datapath output it; no megaflow), as upstream's does, and ons1
    # learns the address the flow answers with.
    "$builddir/utilities/ovs-ofctl" add-flow br0 'priority=30,arp,arp_op=1,arp_tpa=10.0.0.99,actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],mod_dl_src:fa:16:3e:00:00:99,load:0x2->NXM_OF_ARP_OP[],move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],load:0xfa163e000099->NXM_NX_ARP_SHA[],load:0x0a000063->NXM_OF_ARP_SPA[],in_port'
    grep -q 'datapath does not support rewriting ARP, ICMP and ND headers' \
        $run/ovs-vswitchd.log
    $appctl ofproto/trace br0 \
        'in_port=oveth1,arp,arp_op=1,arp_spa=10.0.0.1,arp_tpa=10.0.0.99' \
        > $run/trace.out
    cat $run/trace.out
    grep -q '^This flow is handled by the userspace slow path' $run/trace.out
    ip netns exec ons1 ping -c 1 -W 1 10.0.0.99 || true
    ip -n ons1 neigh show 10.0.0.99
    ip -n ons1 neigh show 10.0.0.99 | grep -q 'lladdr fa:16:3e:00:00:99'
    $appctl dpctl/dump-flows > $run/flows.out
    cat $run/flows.out
    fails grep -q 'tip=10.0.0.99' $run/flows.out
    "$builddir/utilities/ovs-ofctl" del-flows br0 'arp,arp_tpa=10.0.0.99'

    # A select group: the switch hashes with the symmetric L4 hash where
    # the module knows it (ours) and with the plain L4 hash where it does
    # not (Linux 6.1's), then recirculates to pick the bucket.
    ofctl="$builddir/utilities/ovs-ofctl -O OpenFlow13"
    $ofctl add-group br0 \
        'group_id=1,type=select,bucket=output:oveth2,bucket=output:oveth2'
    $ofctl add-flow br0 'priority=10,in_port=oveth1,actions=group:1'
    ping_ok ons1 10.0.0.2
    $appctl dpctl/dump-flows > $run/flows.out
    cat $run/flows.out
    if [ $name = weft ]; then alg=sym_l4; else alg=l4; fi
    grep -q "actions:hash($alg(0)),recirc(0x[0-9a-f]*)\$" $run/flows.out
    grep 'recirc_id(0x[0-9a-f]*[1-9a-f][0-9a-f]*)' $run/flows.out \
        | grep 'dp_hash(' | grep -q 'packets:[1-9]'
    $ofctl dump-group-stats br0 | grep -q 'packet_count=[1-9]'
    $ofctl del-flows br0 in_port=oveth1
    $ofctl del-groups br0

    # The bridge's internal port, configured by hand.
    ip addr add 10.0.0.254/24 dev br0
    ip link set br0 up
    ping_ok ons1 10.0.0.254
    ping -c 2 -i 0.2 -W 2 10.0.0.2

    $appctl dpctl/show > $run/show.out
    cat $run/show.out
    grep -q 'lost:0' $run/show.out
    $appctl upcall/show

    # Killed and started again: the datapath and its ports stay, the new
    # daemon takes them over and forwards.  (Upstream's ovs-dpctl, run in
    # between, switches the datapath to per-CPU upcall dispatch; the new
    # daemon must switch it back.)  Misses that arrive while no daemon
    # runs are lost, none after.
    # OpenFlow port numbers survive it too: oveth2 gets 42 by request and
    # keeps it once the request is gone, the database remembering it.
    $vsctl set interface oveth2 ofport_request=42
    $vsctl clear interface oveth2 ofport_request
    "$builddir/utilities/ovs-ofctl" show br0 | grep -q ' 42(oveth2)'
    kill -9 "$(cat $run/ovs-vswitchd.pid)"
    wait_for 10 sh -c "! kill -0 $(cat $run/ovs-vswitchd.pid) 2>/dev/null"
    rm -f $run/ovs-vswitchd.pid
    /usr/bin/ovs-dpctl show | grep -q 'port [0-9]*: oveth1$'
    start_ovs_vswitchd "$builddir/vswitchd/ovs-vswitchd"
    wait_for 20 sh -c "$appctl dpif/show | grep -q 'oveth5 [0-9]*/[0-9]*:'"
    "$builddir/utilities/ovs-ofctl" show br0 | grep -q ' 42(oveth2)'
    test "$($vsctl get interface oveth2 ofport)" = 42
    lost=$($appctl dpctl/show | sed -n 's/.*lost:\([0-9]*\).*/\1/p')
    ping_ok ons1 10.0.0.2
    ping_ok ons2 10.0.0.1
    ping_ok ons1 10.0.0.254
    ping_ok ons3 10.0.10.4
    fails ip netns exec ons5 ping -c 2 -i 0.2 -W 1 10.0.10.3
    $appctl dpctl/show > $run/show.out
    cat $run/show.out
    grep -q "lost:$lost\$" $run/show.out
    test "$(grep -c 'port [0-9]*: br0 (internal)' $run/show.out)" -eq 1

    # Nothing went wrong in the daemons.
    cat $run/ovs-vswitchd.log
    fails grep -E '\|(ERR|EMER)\|' $run/ovs-vswitchd.log
    fails grep -E 'failed to (put|flow_del|execute)' $run/ovs-vswitchd.log

    # Unloading the module with the datapath and its ports present.  The
    # kernel's own module holds a reference to itself for each vport, so
    # it refuses (and keeps working) until the datapath is deleted; ours
    # unloads at once.
    stop_daemons
    /usr/bin/ovs-dpctl show | grep -q 'port [0-9]*: br0 (internal)'
    if [ $name = kernel ]; then
        fails rmmod openvswitch
        ip link show br0
        /usr/bin/ovs-dpctl del-dp ovs-system
    fi
    rmmod openvswitch
    fails grep -q '^openvswitch ' /proc/modules
    fails ip link show br0
    fails ip link show ovs-system
    fails sh -c 'ip -d link show oveth1 | grep -q master'
    for n in 1 2 3 4 5; do ip netns del ons$n; done
    echo "$name OK"
}

# Our module.
load_weft
suite weft

# The kernel's own module.
load_kernel_ovs
suite kernel

# Our module refusing per-CPU upcall dispatch, as Linux's before 5.14: the
# switch falls back to per-vport upcall port ids, and a controller action
# names one of the handlers' port ids so that its packet-ins still arrive.
"$WEFT_KMOD_DIR/kmod-load.sh" "$WEFT_KO" refuse_features=8
start_ours
$vsctl add-br br0 -- set bridge br0 datapath_type=system
for i in 1 2; do
    ns_veth ons$i oveth$i
    ip -n ons$i addr add 10.0.0.$i/24 dev eth0
    $vsctl add-port br0 oveth$i
done
grep -q 'dpif_netlink|INFO|Datapath dispatch mode: per-vport' \
    $run/ovs-vswitchd.log
ping_ok ons1 10.0.0.2
packet_ins 3
$appctl dpctl/dump-flows > $run/flows.out
cat $run/flows.out
grep 'udp(.*dst=9' $run/flows.out | grep 'packets:[1-9]' \
    | grep -q 'actions:userspace(pid=[1-9]'
$appctl dpctl/show | grep -q 'lost:0'
fails grep -E '\|(WARN|ERR|EMER)\|' $run/ovs-vswitchd.log
stop_daemons
rmmod openvswitch
for n in 1 2; do ip netns del ons$n; done
echo "per-vport fallback OK"

if $was_loaded; then
    "$WEFT_KMOD_DIR/kmod-load.sh" "$WEFT_KO"
fi
echo OUR-VSWITCHD-OK
