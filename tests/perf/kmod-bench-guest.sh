#!/bin/sh
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# kmod-bench-guest.sh OURS.ko RESULTS SECONDS FLOWS SETUPS
#                     [ROUNDS [B.ko [PERFDIR]]]                (in the guest)
#
# The guest side of tests/perf/kmod-bench: runs the same traffic through
# each switch named in SETUPS ("bridge kernel ours" by default), first
# once as a warm-up round (round 0, which the host leaves out of the
# statistics), then ROUNDS (default 3) measured rounds, each in a
# different, rotated order (round r starts with the r-th setup), so that
# every setup is measured first, in the middle and last equally often.
# Setup "oursb" is our module built as B.ko (an A/B comparison).  With
# PERFDIR, every figure is measured under `perf record -a -e cpu-clock`
# and the profile, by symbol, is written to PERFDIR/SETUP-FIGURE-ROUND.txt.
# Appends one line per figure to RESULTS:
#
#     SETUP FIGURE VALUE ROUND
#
# where FIGURE is pps1 (64-byte UDP packets per second, 1 flow), ppsN (the
# same with FLOWS flows), tcp (iperf3 bits per second) or setup (new flows
# installed in the datapath per second).  A figure that could not be
# measured is left out; "SETUP error TEXT" says why.
#
# Topology, built once for the whole boot and shared by every switch:
# namespace ns1's eth0 is the peer of veth1, ns2's eth0 the peer of veth2,
# and veth1 and veth2 are the two ports of the switch.  pktgen (kernel
# thread kpktgend_0, ns1) sends on ns1's eth0 to a MAC address nobody
# owns; the switch sends those packets out of veth2 (OpenFlow rules, or a
# static fdb entry of the Linux bridge), and ns2 drops them at once (not
# its MAC address).  The rate is veth2's tx_packets: what the switch
# delivered.  Around every measurement the guest writes
# "SEQ start" and then "SEQ stop SETUP FIGURE AMOUNT ROUND" (AMOUNT: packets
# or bits) to the file "mark" next to RESULTS, so that the host can count
# the CPU time qemu spent in between.  Before every measurement the guest
# waits until its CPUs are
# idle (deferred work of the previous setup: RCU callbacks, freed flows,
# module unload), and logs how busy they were.
set -u
ko=$1
results=$2
secs=$3
nflows=$4
setups=$5
rounds=${6:-3}
kob=${7:-}
perfdir=${8:-}
# The prefix that runs a command under the profiler (with PERFDIR).
perf=
[ -z "$perfdir" ] || perf="perf record -q -a -e cpu-clock -o /tmp/perf.data --"

run=/tmp/weft-bench-run
sink_mac=02:00:00:00:00:99
setup_max=60       # longest setup phase, seconds
settle_max=10      # longest wait for idle CPUs, seconds
settle_pct=40      # idle enough: less busy than this, percent
port1=9            # UDP destination port of the 1-flow figure
portn=10000        # first port of the FLOWS-flow figures
vsctl="ovs-vsctl --db=unix:$run/db.sock --timeout=60"
round=0
mark_seq=0

log() { echo "kmod-bench: $*"; }
result() { echo "$1 $2 $3 $round" >> "$results"; log "$1 $2 $3 (round $round)"; }

# mark WHAT...: tells the host that a measurement starts ("start") or
# stops ("stop SETUP FIGURE AMOUNT"); see the top of the file.
mark() {
    [ "$1" = start ] && mark_seq=$((mark_seq + 1))
    echo "$mark_seq $* $round" > "$(dirname "$results")/mark.new"
    mv "$(dirname "$results")/mark.new" "$(dirname "$results")/mark"
}

# now: seconds since boot, with centiseconds.
now() { cut -d' ' -f1 /proc/uptime; }

tx_packets() { cat /sys/class/net/veth2/statistics/tx_packets; }

# cpu_stat: the "cpu" line of /proc/stat (jiffies over all CPUs).
cpu_stat() { sed -n 's/^cpu  *//p' /proc/stat; }

# settle WHAT: wait (at most settle_max seconds) until the CPUs are less
# than settle_pct% busy over half a second (an idle guest under TCG shows
# 10-35%, the measuring shell's own processes included); log how busy they were,
# split into user, system, irq and softirq.
settle() {
    t0=$(now)
    while :; do
        a=$(cpu_stat)
        sleep 0.5
        b=$(cpu_stat)
        split=$(echo "$a $b" | awk '{
            t = 0
            for (i = 1; i <= 10; i++) { d[i] = $(i + 10) - $i; t += d[i] }
            if (t == 0) { t = 1 }
            busy = t - d[4] - d[5]
            printf "%d %d%% (user %d%%, system %d%%, irq %d%%, softirq %d%%)",
                100 * busy / t, 100 * busy / t, 100 * (d[1] + d[2]) / t,
                100 * d[3] / t, 100 * d[6] / t, 100 * d[7] / t }')
        pct=${split%% *}
        waited=$(echo "$t0 $(now)" | awk '{printf "%.1f", $2 - $1}')
        if [ "$pct" -lt "$settle_pct" ]; then
            break
        fi
        if [ "$(echo "$waited" | awk '{print ($1 > '$settle_max')}')" = 1 ]; then
            log "settle $1: still ${split#* } busy after $waited s"
            return
        fi
    done
    log "settle $1: ${split#* } busy after $waited s"
}

topo_up() {
    # No IPv6: its router solicitations and MLD reports would add flows
    # of their own at random times.
    sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    sysctl -qw net.ipv6.conf.default.disable_ipv6=1
    for i in 1 2; do
        ip netns add ns$i
        ip netns exec ns$i sysctl -qw net.ipv6.conf.all.disable_ipv6=1
        ip netns exec ns$i sysctl -qw net.ipv6.conf.default.disable_ipv6=1
        ip link add veth$i type veth peer name eth0 netns ns$i
        ip link set veth$i up
        ip -n ns$i addr add 10.0.0.$i/24 dev eth0
        ip -n ns$i link set eth0 up
        ip -n ns$i link set lo up
    done
}

# pg FILE CMD: one pktgen command, in ns1.
pg() {
    ip netns exec ns1 sh -c "echo '$2' > /proc/net/pktgen/$1"
}

# pktgen_setup FIRST LAST: UDP to destination ports FIRST..LAST in turn.
# (pktgen's udp_dst_max is exclusive: it cycles through min..max-1.  With
# max = LAST, the FLOWS-flow figures used one port fewer than FLOWS, and the
# setup phase, waiting for FLOWS flows, always ran into its time limit.)
pktgen_setup() {
    last=$2
    [ "$2" -eq "$1" ] || last=$(($2 + 1))
    pg kpktgend_0 rem_device_all
    pg kpktgend_1 rem_device_all
    pg kpktgend_0 "add_device eth0"
    for c in "count 0" "clone_skb 0" "burst 1" "pkt_size 60" "delay 0" \
             "dst 10.0.0.99" "dst_mac $sink_mac" "src_min 10.0.0.1" \
             "src_max 10.0.0.1" "udp_src_min 7" "udp_src_max 7" \
             "udp_dst_min $1" "udp_dst_max $last"; do
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

# perf_report SETUP FIGURE: writes the profile that "$perf" took, by
# symbol, to PERFDIR/SETUP-FIGURE-ROUND.txt.
perf_report() {
    perf report -i /tmp/perf.data --stdio --no-children --sort sym \
        2>/dev/null | grep -v '^#' | grep -v '^$' | head -80 \
        > "$perfdir/$1-$2-$round.txt"
}

# measure_pps SETUP FIGURE FIRST LAST: packets per second delivered to
# veth2 while pktgen cycles through ports FIRST..LAST, after one second of
# warm-up.
measure_pps() {
    settle "$1 $2"
    pktgen_setup $3 $4
    pktgen_start
    sleep 1
    mark start
    t0=$(now)
    p0=$(tx_packets)
    $perf sleep "$secs"
    p1=$(tx_packets)
    t1=$(now)
    mark stop $1 $2 $((p1 - p0))
    pktgen_stop
    [ -z "$perfdir" ] || perf_report $1 $2
    result $1 $2 "$(echo "$p0 $p1 $t0 $t1" \
                    | awk '{printf "%.0f", ($2 - $1) / ($4 - $3)}')"
}

# measure_tcp SETUP: iperf3 from ns1 to ns2, bits per second received.
measure_tcp() {
    settle "$1 tcp"
    ip netns exec ns2 iperf3 -s -1 -B 10.0.0.2 >/dev/null 2>&1 &
    srv=$!
    sleep 1
    # The CPU time of iperf3's whole run (its 1 s warm-up omitted from
    # the rate included) against the bits received in the measured part.
    mark start
    bps=$($perf ip netns exec ns1 \
              iperf3 -c 10.0.0.2 -t "$secs" -O 1 -J 2>/dev/null \
          | python3 -c 'import json, sys
print("%.0f" % json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"])')
    wait $srv 2>/dev/null
    [ -z "$perfdir" ] || perf_report $1 tcp
    [ -z "$bps" ] || mark stop $1 tcp "$(echo "$bps $secs" \
                                        | awk '{printf "%.0f", $1 * $2}')"
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

# dp_wait_flows TARGET READY: polls the flow count of datapath ovs-system
# every 5 ms (OVS_DP_CMD_GET over generic netlink, its OVS_DP_ATTR_STATS)
# until it reaches TARGET or setup_max seconds passed; prints "COUNT TIME",
# TIME in seconds since boot (the clock of /proc/uptime).  Creates the file
# READY once it has read a first count: python's start-up under emulation
# takes a good part of a second, so the caller starts the traffic only
# then.  Exits non-zero if the datapath cannot be read.  (Polling with
# ovs-dpctl, a process per count 0.2 s apart, measured a setup phase of
# 2000 flows, about 1 s, in steps of a quarter of it.)
dp_wait_flows() {
    python3 - "$1" "$2" "$setup_max" <<'EOF'
import socket, struct, sys, time

target, ready, tmax = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)  # NETLINK_GENERIC
s.bind((0, 0))
seq = 0


def attrs(buf):
    """Yields (type, payload) of the netlink attributes in 'buf'."""
    while len(buf) >= 4:
        alen, atype = struct.unpack_from("=HH", buf)
        if alen < 4:
            return
        yield atype & 0x3fff, buf[4:alen]
        buf = buf[(alen + 3) & ~3:]


def request(family, cmd, version, payload):
    """Sends one generic netlink request; returns the payload of the
    reply after its generic netlink header."""
    global seq
    seq += 1
    msg = struct.pack("=BBH", cmd, version, 0) + payload
    s.send(struct.pack("=IHHII", 16 + len(msg), family, 1, seq, 0) + msg)
    reply = s.recv(65536)
    mlen, mtype = struct.unpack_from("=IH", reply)
    if mtype == 2:  # NLMSG_ERROR
        raise OSError(-struct.unpack_from("=i", reply, 16)[0], "netlink")
    return reply[20:mlen]


def nla(atype, data):
    return struct.pack("=HH", 4 + len(data), atype) + data + \
        b"\0" * (-len(data) % 4)


# CTRL_CMD_GETFAMILY (3) of "ovs_datapath" on GENL_ID_CTRL (16).
family = None
for atype, data in attrs(request(16, 3, 1, nla(2, b"ovs_datapath\0"))):
    if atype == 1:  # CTRL_ATTR_FAMILY_ID
        family = struct.unpack_from("=H", data)[0]
if family is None:
    sys.exit(1)
# OVS_DP_CMD_GET (3), version 2; struct ovs_header (dp_ifindex 0) and
# OVS_DP_ATTR_NAME (1).
get = struct.pack("=i", 0) + nla(1, b"ovs-system\0")
t0 = None
while True:
    count = None
    for atype, data in attrs(request(family, 3, 2, get)[4:]):
        if atype == 3:  # OVS_DP_ATTR_STATS: n_hit n_missed n_lost n_flows
            count = struct.unpack_from("=QQQQ", data)[3]
    if count is None:
        sys.exit(1)
    t = time.clock_gettime(time.CLOCK_BOOTTIME)
    if t0 is None:
        t0 = t
        open(ready, "w").close()
    if count >= target or t - t0 > tmax:
        print(count, "%.3f" % t)
        break
    time.sleep(0.005)
EOF
}

# measure_setup SETUP FIRST LAST: pktgen cycles through ports
# FIRST..LAST, each of which needs a megaflow of its own; flows installed
# per second until the datapath holds them all (or setup_max seconds
# passed).  Runs first on a fresh ovs-vswitchd, before any other traffic:
# the datapath holds no flow that could expire during the phase (an
# earlier ping's flows, expiring after 10 s, made the count fall short of
# FLOWS and the phase run into its time limit).
measure_setup() {
    n=$(($3 - $2 + 1))
    settle "$1 setup"
    pktgen_setup $2 $3
    f0=$(dp_flows)
    rm -f /tmp/weft-setup-ready /tmp/weft-setup-count
    dp_wait_flows $((f0 + n)) /tmp/weft-setup-ready \
        > /tmp/weft-setup-count &
    waiter=$!
    i=0
    while [ ! -e /tmp/weft-setup-ready ] && [ $i -lt 200 ] &&
          kill -0 $waiter 2>/dev/null; do
        sleep 0.05
        i=$((i + 1))
    done
    mark start
    t0=$(now)
    pktgen_start
    # The profile covers the first 5 s (and delays the first count).
    [ -z "$perfdir" ] || $perf sleep 5
    ft=
    if wait $waiter; then
        read -r ft < /tmp/weft-setup-count
    fi
    if [ -n "$ft" ]; then
        f=${ft% *}
        t=${ft#* }
    else
        # The netlink poller failed: poll with ovs-dpctl, 0.2 s apart.
        log "setup: dp_wait_flows failed, polling with ovs-dpctl"
        f=$f0
        t=$t0
        while [ $((f - f0)) -lt "$n" ]; do
            sleep 0.2
            f=$(dp_flows)
            t=$(now)
            if [ "$(echo "$t0 $t" | awk '{print ($2 - $1 > '$setup_max')}')" = 1 ]; then
                break
            fi
        done
    fi
    if [ $((f - f0)) -lt "$n" ]; then
        result $1 error "only $((f - f0)) of $n flows after $setup_max s"
    fi
    mark stop $1 setup $((f - f0))
    # Keep the flows alive: the FLOWS-flow rate comes next, on these.
    pktgen_stop
    [ -z "$perfdir" ] || perf_report $1 setup
    log "setup: $f0 flows before, $f after $(echo "$t0 $t" | awk '{print $2 - $1}') s"
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

# db_up: ovsdb-server with bridge br0 (ports veth1 and veth2), once for
# the whole boot; every Open vSwitch setup starts its own ovs-vswitchd on
# it.
db_up() {
    rm -rf $run
    mkdir -p $run
    export OVS_RUNDIR=$run OVS_LOGDIR=$run OVS_DBDIR=$run
    ovsdb-tool create $run/conf.db /usr/share/openvswitch/vswitch.ovsschema
    ovsdb-server $run/conf.db --remote=punix:$run/db.sock \
        --pidfile=$run/ovsdb-server.pid --detach \
        --log-file=$run/ovsdb-server.log || return 1
    $vsctl --no-wait init
    # Megaflows idle for 60 s (not 10) before they expire: the idle waits
    # between phases must not empty the datapath that the FLOWS-flow
    # figure then measures.
    $vsctl --no-wait set Open_vSwitch . other_config:max-idle=60000
    $vsctl --no-wait add-br br0 -- set bridge br0 datapath_type=system \
        -- add-port br0 veth1 -- set interface veth1 ofport_request=1 \
        -- add-port br0 veth2 -- set interface veth2 ofport_request=2 \
        || return 1
    # One rule for all of UDP from port 1, whose action reads the UDP
    # destination port (into a register that the datapath never sees), so
    # that each port needs a megaflow of its own (recirc_id=0,eth,udp,
    # in_port=1,nw_frag=no,tp_dst=P, actions 2: the same megaflows as one
    # rule per port, without adding 10,000 rules to every ovs-vswitchd,
    # which took 40-110 s under TCG); everything else (ARP, TCP) takes
    # NORMAL.
    echo "priority=10,udp,in_port=1,actions=move:NXM_OF_UDP_DST[]->NXM_NX_REG0[0..15],output:2" > $run/flows.txt
}

ovs_up() {
    # Debian's OVS 3.1.0 counts 0 CPU cores while the system has been up
    # for less than 10 s, and then starts no upcall handler.
    up=$(cut -d. -f1 /proc/uptime)
    [ "$up" -ge 11 ] || sleep $((11 - up))
    rm -f $run/ovs-vswitchd.log
    ovs-vswitchd unix:$run/db.sock --pidfile=$run/ovs-vswitchd.pid \
        --detach --log-file=$run/ovs-vswitchd.log || return 1
    for i in $(seq 300); do
        ovs-ofctl show br0 >/dev/null 2>&1 && break
        sleep 0.2
    done
    t0=$(now)
    ovs-ofctl add-flows br0 $run/flows.txt 2>$run/ofctl.log || return 1
    log "add-flows: $(echo "$t0 $(now)" | awk '{print $2 - $1}') s"
    ovs-ofctl dump-aggregate br0
}

ovs_down() {
    if [ -f $run/ovs-vswitchd.pid ]; then
        pid=$(cat $run/ovs-vswitchd.pid)
        kill "$pid" 2>/dev/null
        for i in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    grep -E '\|(WARN|ERR|EMER)\|' $run/ovs-vswitchd.log | head -20
    # Upstream's ovs-vswitchd lowers its flow limit when its revalidator
    # takes long to dump the flows (over 1.3 s: slow under a loaded TCG
    # host); past the limit it installs no new flow and expires the others
    # at once, and the setup and FLOWS-flow figures of the round collapse.
    # Say so: the host prints which setups and rounds hit it.
    hits=$(grep -c 'reached the dynamic limit' $run/ovs-vswitchd.log)
    [ "$hits" -eq 0 ] || result $name flow-limit "$hits"
    ovs-dpctl del-dp ovs-system 2>/dev/null
}

bench_ovs() {
    name=$1
    if ! ovs_up; then
        result $name error "ovs-vswitchd setup failed"
        cat $run/ovs-vswitchd.log
        ovs_down
        return
    fi
    measure_setup $name $portn $((portn + nflows - 1))
    measure_pps $name ppsN $portn $((portn + nflows - 1))
    ovs-dpctl show | grep -E 'lookups|flows|masks'
    appctl upcall/show
    dump_time
    measure_pps $name pps1 $port1 $port1
    # Learn both MAC addresses, so that TCP's first packets are not
    # flooded.
    ip netns exec ns1 ping -c 2 -i 0.2 -W 2 10.0.0.2 >/dev/null
    measure_tcp $name
    ovs-dpctl show
    ovs_down
}

bench_bridge() {
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
}

# bench SETUP: one setup, module loaded and unloaded around it.
bench() {
    log "=== $1 (round $round)"
    case $1 in
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
    ours|oursb)
        file=$ko
        [ "$1" = ours ] || file=$kob
        if [ -n "$file" ] &&
           "$(dirname "$0")/../kmod/kmod-load.sh" "$file"; then
            dmesg | grep -q 'Weft datapath loaded' \
                || result $1 error "the loaded module is not ours"
            bench_ovs $1
            rmmod openvswitch
        else
            result $1 error "cannot load ${file:-a module (no B.ko)}"
        fi
        ;;
    esac
}

: > "$results"
modprobe pktgen || { result all error "no pktgen module"; exit 1; }
rmmod openvswitch 2>/dev/null
topo_up
db_up || { result all error "ovsdb-server setup failed"; exit 1; }
set -- $setups
nsetups=$#
while [ $round -le "$rounds" ]; do
    # Round 0 (warm-up) and round 1 in the order given, round r rotated
    # left by r - 1.
    shift_by=0
    [ $round -eq 0 ] || shift_by=$(( (round - 1) % nsetups ))
    order=$(echo "$setups" | awk -v k=$shift_by '{
        for (i = 0; i < NF; i++) { printf "%s ", $((i + k) % NF + 1) } }')
    log "round $round: $order"
    echo "all order $(echo $order | tr ' ' ,) $round" >> "$results"
    for s in $order; do
        bench $s
    done
    round=$((round + 1))
done
exit 0
