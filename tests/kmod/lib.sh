# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
#
# Helpers for the guest test scripts, sourced after "set -e".

# fails CMD [ARG...]: runs CMD, which must fail.  (A bare "! CMD" does not
# stop a "set -e" script when CMD succeeds.)
fails() {
    if "$@"; then
        echo "unexpected success: $*" >&2
        exit 1
    fi
}

# wait_for SECONDS CMD [ARG...]: retries CMD every 0.1 s until it succeeds.
wait_for() {
    _n=$(($1 * 10))
    shift
    while ! "$@"; do
        _n=$((_n - 1))
        if [ "$_n" -le 0 ]; then
            echo "timed out waiting for: $*" >&2
            return 1
        fi
        sleep 0.1
    done
}

# The helpers below work on the run directory $run (OVS_RUNDIR) of the
# calling script, and use its $vsctl.

# load_weft: loads our module (WEFT_KO) unless a module is loaded already,
# and checks that the loaded one is ours (only ours has the parameter
# refuse_features; the kernel's, left loaded by a failed test, must not
# pass for ours).
load_weft() {
    grep -q '^openvswitch ' /proc/modules \
        || "$WEFT_KMOD_DIR/kmod-load.sh" "$WEFT_KO"
    dmesg | grep -q 'openvswitch: Weft datapath loaded'
    test -e /sys/module/openvswitch/parameters/refuse_features
}

# load_kernel_ovs: loads the kernel's own openvswitch.ko, and checks that
# it announced itself.
load_kernel_ovs() {
    _kdir=/lib/modules/$(uname -r)/kernel/net/openvswitch
    _n=$(dmesg | grep -c 'Open vSwitch switching datapath' || true)
    "$WEFT_KMOD_DIR/kmod-load.sh" $(ls $_kdir/openvswitch.ko*)
    test "$(dmesg | grep -c 'Open vSwitch switching datapath')" \
        -eq $((_n + 1))
}

# ns_veth NS VETH: network namespace NS whose eth0 is the peer of VETH
# (here), both up, and NS's loopback up.
ns_veth() {
    ip netns add $1
    ip link add $2 type veth peer name eth0 netns $1
    ip link set $2 up
    ip -n $1 link set eth0 up
    ip -n $1 link set lo up
}

# start_ovsdb [TOOL SERVER SCHEMA]: a new database in a new $run, from
# SCHEMA with ovsdb-tool TOOL, served by ovsdb-server SERVER on
# $run/db.sock, initialized (upstream's programs by default).
start_ovsdb() {
    rm -rf $run
    mkdir -p $run
    ${1:-ovsdb-tool} create $run/conf.db \
        ${3:-/usr/share/openvswitch/vswitch.ovsschema}
    ${2:-ovsdb-server} $run/conf.db --remote=punix:$run/db.sock \
        --pidfile=$run/ovsdb-server.pid --detach \
        --log-file=$run/ovsdb-server.log
    $vsctl --no-wait init
}

# start_ovs_vswitchd [VSWITCHD]: ovs-vswitchd VSWITCHD (upstream's by
# default) on $run's database.  Debian's OVS 3.1.0 counts 0 CPU cores while
# the system has been up for less than 10 s (fixed upstream later) and
# would then start no upcall handler: that is waited out first.
start_ovs_vswitchd() {
    _up=$(cut -d. -f1 /proc/uptime)
    [ "$_up" -ge 11 ] || sleep $((11 - _up))
    ${1:-ovs-vswitchd} unix:$run/db.sock --pidfile=$run/ovs-vswitchd.pid \
        --detach --log-file=$run/ovs-vswitchd.log
}

# stop_daemons: stops the ovs-vswitchd and ovsdb-server of $run and waits
# until they are gone, so that nothing holds the module.
stop_daemons() {
    for _d in ovs-vswitchd ovsdb-server; do
        if [ -f $run/$_d.pid ]; then
            _pid=$(cat $run/$_d.pid)
            kill $_pid 2>/dev/null || true
            wait_for 10 sh -c "! kill -0 $_pid 2>/dev/null" || true
            rm -f $run/$_d.pid
        fi
    done
}
