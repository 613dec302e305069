#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# kmod-bench-guest.sh OURS.ko RESULTS SECONDS FLOWS SETUPS   (in the guest)
#
# The guest side of tests/perf/kmod-bench: runs the same traffic through
# each switch named in SETUPS ("bridge kernel ours" by default, in that
# order), one after the other, and appends one line per figure to RESULTS:
#
#     SETUP FIGURE VALUE
#
# where FIGURE is pps1 (64-byte UDP packets per second, 1 flow), ppsN (the
# same with FLOWS flows), tcp (iperf3 bits per second) or setup (new flows
# installed in the datapath per second).  A figure that could not be
# measured is left out; "SETUP error TEXT" says why.
#
# Topology, the same for every switch: namespace ns1's eth0 is the peer of
# veth1, ns2's eth0 the peer of veth2, and veth1 and veth2 are the two ports
# of the switch.  pktgen (kernel thread kpktgend_0, ns1) sends on ns1's
# eth0 to a MAC address nobody owns; the switch sends those packets out of
# veth2 (OpenFlow rules, or a static fdb entry of the Linux bridge), and
# ns2 drops them at once (not its MAC address).  The rate is veth2's
# tx_packets: what the switch delivered.
set -u
ko=$1
results=$2
secs=$3
nflows=$4
setups=$5

run=/tmp/weft-bench-run
sink_mac=02:00:00:00:00:99
setup_max=60       # longest setup phase, seconds
port1=9            # UDP destination port of the 1-flow figure
portn=10000        # first port of the FLOWS-flow figures
vsctl="ovs-vsctl --db=unix:$run/db.sock --timeout=60"

log() { echo "kmod-bench: $*"; }
result() { echo "$1 $2 $3" >> "$results"; log "$1 $2 $3"; }

# now: seconds since boot, with centiseconds.
now() { cut -d' ' -f1 /proc/uptime; }

tx_packets() { cat /sys/class/net/veth2/statistics/tx_packets; }

topo_up() {
    for i in 1 2; do
        ip netns add ns$i
        ip link add veth$i type veth peer name eth0 netns ns$i
        ip link set veth$i up
        ip -n ns$i addr add 10.0.0.$i/24 dev eth0
        ip -n ns$i link set eth0 up
        ip -n ns$i link set lo up
    done
}

topo_down() {
    ip netns del ns1 2>/dev/null
    ip netns del ns2 2>/dev/null
    ip link del veth1 2>/dev/null
    ip link del veth2 2>/dev/null
    sleep 0.5
}

# pg FILE CMD: one pktgen command, in ns1.
pg() {
    ip netns exec ns1 sh -c "echo '$2' > /proc/net/pktgen/$1"
}

# pktgen_setup FIRST LAST: UDP to destination ports FIRST..LAST in turn.
pktgen_setup() {
    pg kpktgend_0 rem_device_all
    pg kpktgend_1 rem_device_all
    pg kpktgend_0 "add_device eth0"
    for c in "count 0" "clone_skb 0" "burst 1" "pkt_size 60" "delay 0" \
             "dst 10.0.0.99" "dst_mac $sink_mac" "src_min 10.0.0.1" \
             "src_max 10.0.0.1" "udp_src_min 7" "udp_src_max 7" \
             "udp_dst_min $1" "udp_dst_max $2"; do
        pg eth0 "$c"
    done
}

pktgen_start() {
    ip netns exec ns1 sh -c 'echo start > /proc/net/pktgen/pgctrl' &
    pktgen_pid=$!
}

pktgen_stop() {
    ip netns exec ns1 sh -c 'echo stop > /proc/net/pktgen/pgctrl'
    wait $pktgen_pid 2>/dev/null
}

# measure_pps SETUP FIGURE FIRST LAST: packets per second delivered to
# veth2 while pktgen cycles through ports FIRST..LAST, after one second of
# warm-up.
measure_pps() {
    pktgen_setup $3 $4
    pktgen_start
    sleep 1
    t0=$(now)
    p0=$(tx_packets)
    sleep "$secs"
    p1=$(tx_packets)
    t1=$(now)
    pktgen_stop
    result $1 $2 "$(echo "$p0 $p1 $t0 $t1" \
                    | awk '{printf "%.0f", ($2 - $1) / ($4 - $3)}')"
}

# measure_tcp SETUP: iperf3 from ns1 to ns2, bits per second received.
measure_tcp() {
    ip netns exec ns2 iperf3 -s -1 -B 10.0.0.2 >/dev/null 2>&1 &
    srv=$!
    sleep 1
    bps=$(ip netns exec ns1 iperf3 -c 10.0.0.2 -t "$secs" -O 1 -J 2>/dev/null \
          | python3 -c 'import json, sys
print("%.0f" % json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"])')
    wait $srv 2>/dev/null
    if [ -n "$bps" ]; then
        result $1 tcp "$bps"
    else
        result $1 error "iperf3 failed"
    fi
}

dp_flows() {
    ovs-dpctl show 2>/dev/null | sed -n 's/^ *flows: *\([0-9]*\).*/\1/p' \
        | head -1
}

# measure_setup SETUP FIRST LAST: pktgen cycles through ports
# FIRST..LAST, each of which needs a megaflow of its own; flows installed
# per second until the datapath holds them all (or setup_max seconds passed).
measure_setup() {
    n=$(($3 - $2 + 1))
    pktgen_setup $2 $3
    f0=$(dp_flows)
    t0=$(now)
    pktgen_start
    f=$f0
    t=$t0
    while [ $((f - f0)) -lt "$n" ]; do
        sleep 0.2
        f=$(dp_flows)
        t=$(now)
        if [ "$(echo "$t0 $t" | awk '{print ($2 - $1 > '$setup_max')}')" = 1 ]; then
            result $1 error "only $((f - f0)) of $n flows after $setup_max s"
            break
        fi
    done
    # Keep the flows alive: the FLOWS-flow rate comes next, on these.
    pktgen_stop
    result $1 setup "$(echo "$f0 $f $t0 $t" \
                       | awk '{printf "%.0f", ($2 - $1) / ($4 - $3)}')"
    ovs-dpctl show | grep -E 'lookups|flows|masks'
    appctl upcall/show
}

# appctl ARG...: ovs-appctl to this run's ovs-vswitchd.
appctl() {
    ovs-appctl -t $run/ovs-vswitchd.$(cat $run/ovs-vswitchd.pid).ctl "$@"
}

# dump_time: how long one full dump of the datapath's flows takes.
dump_time() {
    t0=$(now)
    n=$(ovs-dpctl dump-flows | wc -l)
    t1=$(now)
    log "ovs-dpctl dump-flows: $n flows in $(echo "$t0 $t1" | awk '{print $2 - $1}') s"
}

ovs_up() {
    rm -rf $run
    mkdir -p $run
    export OVS_RUNDIR=$run OVS_LOGDIR=$run OVS_DBDIR=$run
    ovsdb-tool create $run/conf.db /usr/share/openvswitch/vswitch.ovsschema
    ovsdb-server $run/conf.db --remote=punix:$run/db.sock \
        --pidfile=$run/ovsdb-server.pid --detach \
        --log-file=$run/ovsdb-server.log || return 1
    $vsctl --no-wait init
    # Debian's OVS 3.1.0 counts 0 CPU cores while the system has been up
    # for less than 10 s, and then starts no upcall handler.
    up=$(cut -d. -f1 /proc/uptime)
    [ "$up" -ge 11 ] || sleep $((11 - up))
    ovs-vswitchd unix:$run/db.sock --pidfile=$run/ovs-vswitchd.pid \
        --detach --log-file=$run/ovs-vswitchd.log || return 1
    $vsctl add-br br0 -- set bridge br0 datapath_type=system \
        -- add-port br0 veth1 -- set interface veth1 ofport_request=1 \
        -- add-port br0 veth2 -- set interface veth2 ofport_request=2 \
        || return 1
    # One rule per UDP destination port, so that each port needs a
    # megaflow of its own; everything else (ARP, TCP) takes NORMAL.
    {
        echo "priority=10,udp,in_port=1,tp_dst=$port1,actions=output:2"
        awk -v a=$portn -v b=$((portn + nflows - 1)) 'BEGIN {
            for (p = a; p <= b; p++) {
                printf "priority=10,udp,in_port=1,tp_dst=%d,actions=output:2\n", p
            }
        }'
    } > $run/flows.txt
    ovs-ofctl add-flows br0 $run/flows.txt 2>$run/ofctl.log || return 1
    ovs-ofctl dump-aggregate br0
}

ovs_down() {
    for d in ovs-vswitchd ovsdb-server; do
        if [ -f $run/$d.pid ]; then
            pid=$(cat $run/$d.pid)
            kill "$pid" 2>/dev/null
            for i in $(seq 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
        fi
    done
    grep -E '\|(WARN|ERR|EMER)\|' $run/ovs-vswitchd.log | head -20
    ovs-dpctl del-dp ovs-system 2>/dev/null
    unset OVS_RUNDIR OVS_LOGDIR OVS_DBDIR
}

bench_ovs() {
    name=$1
    topo_up
    if ! ovs_up; then
        result $name error "ovs-vswitchd setup failed"
        cat $run/ovs-vswitchd.log
        ovs_down
        topo_down
        return
    fi
    # Learn both MAC addresses, so that TCP's first packets are not
    # flooded.
    ip netns exec ns1 ping -c 2 -i 0.2 -W 2 10.0.0.2 >/dev/null
    measure_setup $name $portn $((portn + nflows - 1))
    measure_pps $name ppsN $portn $((portn + nflows - 1))
    ovs-dpctl show | grep -E 'lookups|flows|masks'
    appctl upcall/show
    dump_time
    measure_pps $name pps1 $port1 $port1
    measure_tcp $name
    ovs-dpctl show
    ovs_down
    topo_down
}

bench_bridge() {
    topo_up
    ip link add br0 type bridge
    ip link set veth1 master br0
    ip link set veth2 master br0
    ip link set br0 up
    bridge fdb add $sink_mac dev veth2 master static
    ip netns exec ns1 ping -c 2 -i 0.2 -W 2 10.0.0.2 >/dev/null
    measure_pps bridge ppsN $portn $((portn + nflows - 1))
    measure_pps bridge pps1 $port1 $port1
    measure_tcp bridge
    ip link del br0
    topo_down
}

: > "$results"
modprobe pktgen || { result all error "no pktgen module"; exit 1; }
rmmod openvswitch 2>/dev/null
for s in $setups; do
    log "=== $s"
    case $s in
    bridge)
        bench_bridge
        ;;
    kernel)
        if modprobe openvswitch; then
            bench_ovs kernel
            rmmod openvswitch
        else
            result kernel error "modprobe openvswitch failed"
        fi
        ;;
    ours)
        if "$(dirname "$0")/../kmod/kmod-load.sh" "$ko"; then
            dmesg | grep -q 'Weft datapath loaded' \
                || result ours error "the loaded module is not ours"
            bench_ovs ours
            rmmod openvswitch
        else
            result ours error "cannot load $ko"
        fi
        ;;
    esac
done
exit 0
