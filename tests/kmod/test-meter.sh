#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# OpenFlow meters executed in the kernel datapath (the ovs_meter family and
# the meter action): upstream's ovs-vswitchd on our module, then on the
# kernel's own, then our ovs-vswitchd on our module.  Each run: the meter
# features that OpenFlow reports are the kernel module's; a packets-per-
# second meter on the echo requests from one namespace lets through about
# its burst and rate, and its drop band counts the requests that got no
# reply (but for one or two lost on the way); a kbit/s meter drops most large packets and no small ones;
# meter statistics and deletion.
set -ex
. "$WEFT_KMOD_DIR/lib.sh"
builddir=$(cd "$(dirname "$WEFT_KO")/../.." && pwd)
srcdir=$(cd "$WEFT_KMOD_DIR/../.." && pwd)
run=/tmp/weft-meter
export OVS_RUNDIR=$run OVS_LOGDIR=$run OVS_DBDIR=$run

cleanup() {
    set +e
    if [ -f $run/ovs-vswitchd.pid ]; then
        $ofctl -O OpenFlow13 dump-flows br0
        $appctl dpctl/dump-flows
        cat $run/ovs-vswitchd.log
    fi
    stop_daemons
    for n in 1 2; do ip netns del mns$n 2>/dev/null; done
}
trap cleanup EXIT

# field NAME FILE: the value of the first "NAME:VALUE" in FILE.
field() {
    sed -n "s/.*[ ]$1:\([0-9]*\).*/\1/p; s/^$1:\([0-9]*\).*/\1/p" $2 | head -1
}

# received PING_OUTPUT: how many replies ping got.
received() {
    sed -n 's/.* \([0-9]*\) received.*/\1/p' $1
}

# suite NAME TOOL SERVER VSWITCHD BIN SCHEMA: the tests with ovsdb-tool
# TOOL, ovsdb-server SERVER, ovs-vswitchd VSWITCHD, and ovs-vsctl, ovs-ofctl
# and ovs-appctl from directory BIN.
suite() {
    name=$1 tool=$2 server=$3 vswitchd=$4 bin=$5 schema=$6
    vsctl="$bin/ovs-vsctl --db=unix:$run/db.sock --timeout=30"
    ofctl="$bin/ovs-ofctl -O OpenFlow13"
    appctl="$bin/ovs-appctl"
    start_ovsdb $tool $server $schema
    start_ovs_vswitchd $vswitchd
    $vsctl add-br br0
    for n in 1 2; do
        ns_veth mns$n mveth$n
        ip -n mns$n addr add 10.9.0.$n/24 dev eth0
        $vsctl add-port br0 mveth$n
    done

    $ofctl meter-features br0 > $run/features
    cat > $run/features.expected <<'EOT'
OFPST_METER_FEATURES reply (OF1.3) (xid=0x2):
max_meter:200000 max_bands:1 max_color:0
band_types: drop
capabilities: kbps pktps burst stats
EOT
    diff -u $run/features.expected $run/features

    # Packets per second: a burst of 10, then 10 a second.
    $ofctl add-meter br0 meter=1,pktps,burst,band=type=drop,rate=10,burst_size=10
    $ofctl add-meter br0 meter=2,kbps,burst,band=type=drop,rate=64,burst_size=16
    $ofctl add-flow br0 priority=10,icmp,in_port=mveth1,icmp_type=8,actions=meter:1,output:mveth2
    $ofctl add-flow br0 priority=0,actions=NORMAL
    ip netns exec mns1 ping -c 100 -i 0.01 -W 3 -q 10.9.0.2 > $run/ping1 || true
    cat $run/ping1
    got=$(received $run/ping1)
    test "$got" -ge 10
    test "$got" -le 60
    $ofctl meter-stats br0 meter=1 | tee $run/stats1
    test "$(field packet_in_count $run/stats1)" -eq 100
    # Every request without a reply was dropped by the band, but for one
    # or two that the meter let through and that got lost on the way
    # (the first one waits in the upcall and for ARP).
    dropped=$(field packet_count $run/stats1)
    test "$dropped" -le $((100 - got))
    test "$dropped" -ge $((100 - got - 2))
    $appctl dpctl/dump-flows | grep 'meter('

    # kbit/s: a 16 kbit bucket that fills by 64 kbit a second lets few
    # 1,400-byte packets through at 100 a second, and every small one at
    # 20 a second.
    $ofctl mod-flows br0 in_port=mveth1,icmp,icmp_type=8,actions=meter:2,output:mveth2
    ip netns exec mns1 ping -c 30 -i 0.01 -s 1400 -W 3 -q 10.9.0.2 > $run/ping2 || true
    cat $run/ping2
    test "$(received $run/ping2)" -ge 1
    test "$(received $run/ping2)" -le 10
    ip netns exec mns1 ping -c 20 -i 0.05 -W 3 -q 10.9.0.2 > $run/ping3
    cat $run/ping3
    test "$(received $run/ping3)" -eq 20

    # Deleting a meter deletes its flows; the other meter stays.
    $ofctl del-meter br0 meter=2
    $ofctl meter-stats br0 > $run/stats2
    cat $run/stats2
    grep -q '^meter:1 ' $run/stats2
    fails grep -q '^meter:2 ' $run/stats2
    fails sh -c "$ofctl dump-flows br0 | grep -q meter:2"
    ip netns exec mns1 ping -c 3 -i 0.2 -W 2 10.9.0.2

    stop_daemons
    for n in 1 2; do ip netns del mns$n; done
    echo "$name OK"
}

# Upstream's switch on our module, then on the kernel's.
load_weft
upstream="/usr/bin/ovsdb-tool /usr/sbin/ovsdb-server /usr/sbin/ovs-vswitchd /usr/bin /usr/share/openvswitch/vswitch.ovsschema"
ours="$builddir/ovsdb/ovsdb-tool $builddir/ovsdb/ovsdb-server $builddir/vswitchd/ovs-vswitchd $builddir/utilities $srcdir/vswitchd/vswitch.ovsschema"
suite upstream-weft $upstream
# Our switch on our module.
suite weft-weft $ours
rmmod openvswitch
load_kernel_ovs
suite upstream-kernel $upstream
# The kernel's module refuses to unload while the datapath exists.
ovs-dpctl del-dp ovs-system
rmmod openvswitch
