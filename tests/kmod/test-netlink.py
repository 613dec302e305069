#!/usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Netlink-level tests of the datapath module (in the guest, as root).

Talks to the four OVS generic netlink families directly: good requests and
deliberately bad ones (wrong sizes, unknown and duplicate attributes, nesting
too deep, over-long or unsafe actions, vports for missing devices), which
must fail with the right errno and an extended-ack message and change
nothing; packets through a veth pair for flow hits, misses and the keys the
datapath extracts, including malformed headers; execute requests with set,
VLAN, truncate, hash, recirculation and sample actions; and the
notifications sent when a vport's device goes away.

Prints one "ok"/"not ok" line per check and exits non-zero if any failed.
"""

import errno
import os
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ovsnl import *  # noqa: E402,F401,F403

_checks = Checks()
check = _checks.check
expect_error = _checks.expect_error


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def ifindex(name):
    with open('/sys/class/net/%s/ifindex' % name) as f:
        return int(f.read())


def dev_exists(name):
    return os.path.exists('/sys/class/net/%s' % name)


# ---------------------------------------------------------------------------
# Packets.

def mac(s):
    return bytes(int(x, 16) for x in s.split(':'))


def csum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ipv4_packet(src, dst, proto, payload, ttl=64, tos=0):
    hdr = struct.pack('!BBHHHBBH4s4s', 0x45, tos, 20 + len(payload), 1, 0,
                      ttl, proto, 0, socket.inet_aton(src),
                      socket.inet_aton(dst))
    hdr = hdr[:10] + struct.pack('!H', csum(hdr)) + hdr[12:]
    return hdr + payload


def udp_packet(src, dst, sport, dport, data=b'weft-test-payload'):
    u = struct.pack('!HHHH', sport, dport, 8 + len(data), 0) + data
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + \
        struct.pack('!BBH', 0, 17, len(u))
    c = csum(pseudo + u) or 0xffff
    u = u[:6] + struct.pack('!H', c) + u[8:]
    return ipv4_packet(src, dst, 17, u)


SRC_MAC = '02:00:00:00:00:01'
DST_MAC = '02:00:00:00:00:02'


def eth_frame(etype, payload, vlan=None):
    f = mac(DST_MAC) + mac(SRC_MAC)
    if vlan is not None:
        f += struct.pack('!HH', 0x8100, vlan)
    return f + struct.pack('!H', etype) + payload


def udp_frame(src='10.1.0.1', dst='10.1.0.2', sport=1000, dport=2000,
              vlan=None):
    return eth_frame(0x0800, udp_packet(src, dst, sport, dport), vlan)


def ip_ok(pkt):
    """Returns true if the IPv4 header at the start of 'pkt' and its UDP
    checksum are valid."""
    ihl = (pkt[0] & 15) * 4
    if csum(pkt[:ihl]) != 0:
        return False
    u = pkt[ihl:]
    pseudo = pkt[12:20] + struct.pack('!BBH', 0, 17, len(u))
    return csum(pseudo + u) == 0


# ---------------------------------------------------------------------------
# Keys and actions.

def k_eth(src=SRC_MAC, dst=DST_MAC):
    return attr(OVS_KEY_ATTR_ETHERNET, mac(src) + mac(dst))


def ipv4_key(src, dst, proto, tos=0, ttl=64, frag=0):
    return socket.inet_aton(src) + socket.inet_aton(dst) + \
        bytes([proto, tos, ttl, frag])


def k_udp_flow(in_port=1):
    return (u32(OVS_KEY_ATTR_IN_PORT, in_port) + k_eth() +
            be16(OVS_KEY_ATTR_ETHERTYPE, 0x0800) +
            attr(OVS_KEY_ATTR_IPV4, ipv4_key('10.1.0.1', '10.1.0.2', 17)) +
            attr(OVS_KEY_ATTR_UDP, struct.pack('!HH', 1000, 2000)))


def a_userspace(pid, data=None):
    a = u32(OVS_USERSPACE_ATTR_PID, pid)
    if data is not None:
        a += attr(OVS_USERSPACE_ATTR_USERDATA, data)
    return nest(OVS_ACTION_ATTR_USERSPACE, a)


def key_attrs(msg):
    """Returns the key of an upcall as a dict of attributes."""
    return attr_dict(msg.get(OVS_PACKET_ATTR_KEY) or b'')


def wait_upcall(sock, fam, pred=lambda m: True, timeout=5.0):
    """Returns the next upcall on 'sock' that satisfies 'pred', or None."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for mtype, mflags, _, body in sock.recv(deadline - time.time()):
            if mtype != fam:
                continue
            m = parse_ovs(mtype, mflags, body)
            if pred(m):
                return m
    return None


def from_us(m):
    pkt = m.get(OVS_PACKET_ATTR_PACKET) or b''
    return pkt[6:12] == mac(SRC_MAC)


def main():
    sh('ip link add nlveth0 type veth peer name nlveth1')
    sh('ip link set nlveth1 address %s' % SRC_MAC)
    for d in ('nlveth0', 'nlveth1'):
        sh('sysctl -qw net.ipv6.conf.%s.disable_ipv6=1' % d)
        sh('ip link set %s up' % d)
    sh('ip addr add 10.1.0.1/24 dev nlveth1')
    sh('ip neigh add 10.1.0.2 lladdr %s dev nlveth1' % DST_MAC)

    ovs = Ovs()
    up = GenlSocket()
    mon = GenlSocket([ovs.groups['ovs_vport'], ovs.groups['ovs_datapath']])
    pkt_fam = ovs.fam['ovs_packet']
    tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    tx.bind(('nlveth1', 0))

    def dp_new(name, extra=b'', flags=NLM_F_ECHO):
        return ovs.request('ovs_datapath', OVS_DP_CMD_NEW, 0,
                           string(OVS_DP_ATTR_NAME, name) +
                           u32(OVS_DP_ATTR_UPCALL_PID, 0) + extra, flags)

    # ---- Datapaths. ------------------------------------------------------
    expect_error('dp NEW without a name', errno.EINVAL,
                 lambda: ovs.request('ovs_datapath', OVS_DP_CMD_NEW, 0,
                                     u32(OVS_DP_ATTR_UPCALL_PID, 0)),
                 'OVS_DP_ATTR_NAME')
    r = dp_new('nltest0', u32(OVS_DP_ATTR_USER_FEATURES,
                              OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS))
    check('dp NEW replies', len(r) == 1 and r[0].cmd == OVS_DP_CMD_NEW)
    dp = r[0]
    dpi = ifindex('nltest0')
    check('dp NEW reply names the local port', dp.dp_ifindex == dpi and
          dp.get(OVS_DP_ATTR_NAME) == b'nltest0\0')
    check('dp NEW reply has stats and megaflow stats',
          len(dp.get(OVS_DP_ATTR_STATS) or b'') == 32 and
          len(dp.get(OVS_DP_ATTR_MEGAFLOW_STATS) or b'') == 32)
    check('dp NEW reply has features and masks cache size',
          dp.get(OVS_DP_ATTR_USER_FEATURES) == struct.pack('I', 3) and
          dp.get(OVS_DP_ATTR_MASKS_CACHE_SIZE) == struct.pack('I', 256))
    check('local port is a network device',
          open('/sys/class/net/nltest0/type').read().strip() == '1')
    expect_error('dp NEW of an existing name', errno.EEXIST,
                 lambda: dp_new('nltest0'))
    expect_error('dp NEW with an unknown feature bit', errno.EOPNOTSUPP,
                 lambda: dp_new('nltest1',
                                u32(OVS_DP_ATTR_USER_FEATURES, 1 << 10)),
                 'unsupported user feature')
    check('failed dp NEW created nothing', not dev_exists('nltest1'))
    expect_error('dp NEW with a 2-byte feature attribute', errno.EINVAL,
                 lambda: dp_new('nltest1',
                                u16(OVS_DP_ATTR_USER_FEATURES, 1)),
                 'wrong size')
    expect_error('dp NEW with an unknown attribute', errno.EINVAL,
                 lambda: dp_new('nltest1', u32(50, 1)),
                 'unknown attribute type')
    expect_error('dp NEW with a duplicate attribute', errno.EINVAL,
                 lambda: dp_new('nltest1', u32(OVS_DP_ATTR_UPCALL_PID, 0)),
                 'duplicate attribute')
    expect_error('dp NEW with a name too long', errno.EINVAL,
                 lambda: dp_new('x' * 20))
    check('failed dp NEWs created nothing', not dev_exists('nltest1'))

    r = ovs.request('ovs_datapath', OVS_DP_CMD_GET, 0,
                    string(OVS_DP_ATTR_NAME, 'nltest0'))
    check('dp GET by name', r[0].dp_ifindex == dpi)
    r = ovs.request('ovs_datapath', OVS_DP_CMD_GET, dpi)
    check('dp GET by ifindex', r[0].get(OVS_DP_ATTR_NAME) == b'nltest0\0')
    r = ovs.dump('ovs_datapath', OVS_DP_CMD_GET)
    check('dp dump lists the datapath',
          b'nltest0\0' in [m.get(OVS_DP_ATTR_NAME) for m in r])
    expect_error('dp GET of a missing datapath', errno.ENODEV,
                 lambda: ovs.request('ovs_datapath', OVS_DP_CMD_GET, 0,
                                     string(OVS_DP_ATTR_NAME, 'nosuchdp')))

    def dp_set(extra):
        return ovs.request('ovs_datapath', OVS_DP_CMD_SET, dpi, extra,
                           NLM_F_ECHO)[0]
    expect_error('masks cache size not a power of 2', errno.EINVAL,
                 lambda: dp_set(u32(OVS_DP_ATTR_MASKS_CACHE_SIZE, 1000)),
                 'power of 2')
    r = dp_set(u32(OVS_DP_ATTR_MASKS_CACHE_SIZE, 512))
    check('masks cache size set to 512',
          r.get(OVS_DP_ATTR_MASKS_CACHE_SIZE) == struct.pack('I', 512))
    r = dp_set(u32(OVS_DP_ATTR_MASKS_CACHE_SIZE, 0))
    check('masks cache disabled',
          r.get(OVS_DP_ATTR_MASKS_CACHE_SIZE) == struct.pack('I', 0))
    dp_set(u32(OVS_DP_ATTR_MASKS_CACHE_SIZE, 256))
    r = dp_set(u32(OVS_DP_ATTR_USER_FEATURES,
                   OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS |
                   OVS_DP_F_DISPATCH_UPCALL_PER_CPU) +
               attr(OVS_DP_ATTR_PER_CPU_PIDS, struct.pack('II', 0, 0)))
    check('per-CPU dispatch set',
          r.get(OVS_DP_ATTR_USER_FEATURES) == struct.pack('I', 11) and
          r.get(OVS_DP_ATTR_PER_CPU_PIDS) is not None)
    expect_error('per-CPU pids not a u32 array', errno.EINVAL,
                 lambda: dp_set(attr(OVS_DP_ATTR_PER_CPU_PIDS, b'12345')))
    dp_set(u32(OVS_DP_ATTR_USER_FEATURES,
               OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS))

    # ---- Vports. ---------------------------------------------------------
    def vport_new(name, vtype=OVS_VPORT_TYPE_NETDEV, pids=None, extra=b''):
        a = string(OVS_VPORT_ATTR_NAME, name) + \
            u32(OVS_VPORT_ATTR_TYPE, vtype)
        if pids is not None:
            a += attr(OVS_VPORT_ATTR_UPCALL_PID,
                      struct.pack('%dI' % len(pids), *pids))
        return ovs.request('ovs_vport', OVS_VPORT_CMD_NEW, dpi, a + extra,
                           NLM_F_ECHO)

    expect_error('vport for a missing device', errno.ENODEV,
                 lambda: vport_new('nosuchdev', pids=[0]),
                 'no network device')
    expect_error('vport without upcall pids', errno.EINVAL,
                 lambda: vport_new('nlveth0'), 'UPCALL_PID')
    expect_error('vport with an empty upcall pid array', errno.EINVAL,
                 lambda: vport_new('nlveth0', pids=[]), 'wrong size')
    expect_error('tunnel vport', errno.EAFNOSUPPORT,
                 lambda: vport_new('gre-x', OVS_VPORT_TYPE_GRE, [0]))
    expect_error('vport of unknown type', errno.EINVAL,
                 lambda: vport_new('nlveth0', 77, [0]), 'unknown vport type')
    expect_error('loopback as a vport', errno.EINVAL,
                 lambda: vport_new('lo', pids=[0]))
    expect_error('vport name too long', errno.EINVAL,
                 lambda: vport_new('y' * 30, pids=[0]))
    expect_error('vport in a missing datapath', errno.ENODEV,
                 lambda: ovs.request('ovs_vport', OVS_VPORT_CMD_NEW, 999999,
                                     string(OVS_VPORT_ATTR_NAME, 'nlveth0') +
                                     u32(OVS_VPORT_ATTR_TYPE, 1) +
                                     u32(OVS_VPORT_ATTR_UPCALL_PID, 0)))
    r = ovs.dump('ovs_vport', OVS_VPORT_CMD_GET, dpi)
    check('failed vport NEWs added nothing', len(r) == 1)

    r = vport_new('nlveth0', pids=[up.pid])
    v = r[0]
    check('vport NEW netdev', v.get(OVS_VPORT_ATTR_PORT_NO) ==
          struct.pack('I', 1) and v.get(OVS_VPORT_ATTR_NAME) == b'nlveth0\0'
          and v.get(OVS_VPORT_ATTR_UPCALL_PID) == struct.pack('I', up.pid)
          and v.get(OVS_VPORT_ATTR_IFINDEX) ==
          struct.pack('I', ifindex('nlveth0'))
          and len(v.get(OVS_VPORT_ATTR_STATS) or b'') == 64)
    n = wait_upcall(mon, ovs.fam['ovs_vport'],
                    lambda m: m.cmd == OVS_VPORT_CMD_NEW)
    check('vport NEW notified', n is not None and
          n.get(OVS_VPORT_ATTR_NAME) == b'nlveth0\0')
    expect_error('the same device twice', errno.EEXIST,
                 lambda: vport_new('nlveth0', pids=[0]))
    r = vport_new('nlint0', OVS_VPORT_TYPE_INTERNAL, [0],
                  u32(OVS_VPORT_ATTR_PORT_NO, 5))
    check('vport NEW internal with a port number',
          r[0].get(OVS_VPORT_ATTR_PORT_NO) == struct.pack('I', 5) and
          dev_exists('nlint0'))
    sh('sysctl -qw net.ipv6.conf.nlint0.disable_ipv6=1')
    sh('ip link set nlint0 up && ip addr add 192.0.2.5/24 dev nlint0')
    expect_error('port number in use', errno.EBUSY,
                 lambda: vport_new('nlint1', OVS_VPORT_TYPE_INTERNAL, [0],
                                   u32(OVS_VPORT_ATTR_PORT_NO, 5)))
    check('failed internal vport left no device', not dev_exists('nlint1'))
    expect_error('port number out of range', errno.EFBIG,
                 lambda: vport_new('nlint1', OVS_VPORT_TYPE_INTERNAL, [0],
                                   u32(OVS_VPORT_ATTR_PORT_NO, 70000)))
    expect_error('local port cannot be deleted', errno.EINVAL,
                 lambda: ovs.request('ovs_vport', OVS_VPORT_CMD_DEL, dpi,
                                     u32(OVS_VPORT_ATTR_PORT_NO, 0)))
    r = ovs.request('ovs_vport', OVS_VPORT_CMD_SET, dpi,
                    u32(OVS_VPORT_ATTR_PORT_NO, 1) +
                    attr(OVS_VPORT_ATTR_UPCALL_PID,
                         struct.pack('II', up.pid, up.pid)), NLM_F_ECHO)
    check('vport SET upcall pids', r[0].get(OVS_VPORT_ATTR_UPCALL_PID) ==
          struct.pack('II', up.pid, up.pid))
    expect_error('vport SET cannot change the type', errno.EINVAL,
                 lambda: ovs.request('ovs_vport', OVS_VPORT_CMD_SET, dpi,
                                     u32(OVS_VPORT_ATTR_PORT_NO, 1) +
                                     u32(OVS_VPORT_ATTR_TYPE, 2)))
    r = ovs.request('ovs_vport', OVS_VPORT_CMD_GET, 0,
                    string(OVS_VPORT_ATTR_NAME, 'nlveth0'))
    check('vport GET by name', r[0].get(OVS_VPORT_ATTR_PORT_NO) ==
          struct.pack('I', 1) and r[0].dp_ifindex == dpi)
    r = ovs.dump('ovs_vport', OVS_VPORT_CMD_GET, dpi)
    check('vport dump', sorted(struct.unpack('I',
          m.get(OVS_VPORT_ATTR_PORT_NO))[0] for m in r) == [0, 1, 5])

    # ---- Flows: bad requests. --------------------------------------------
    def flow(cmd, a, flags=0):
        return ovs.request('ovs_flow', cmd, dpi, a, flags)

    def flow_new(key, acts, mask=None, ufid=None, flags=NLM_F_ECHO):
        a = nest(OVS_FLOW_ATTR_KEY, key)
        if mask is not None:
            a += nest(OVS_FLOW_ATTR_MASK, mask)
        if ufid is not None:
            a += attr(OVS_FLOW_ATTR_UFID, ufid)
        if acts is not None:
            a += nest(OVS_FLOW_ATTR_ACTIONS, acts)
        return flow(OVS_FLOW_CMD_NEW, a, flags)

    def n_flows():
        r = ovs.request('ovs_datapath', OVS_DP_CMD_GET, dpi)[0]
        return struct.unpack('4Q', r.get(OVS_DP_ATTR_STATS))[3]

    out1 = u32(OVS_ACTION_ATTR_OUTPUT, 1)
    expect_error('flow without actions', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), None), 'ACTIONS')
    expect_error('flow without a key', errno.EINVAL,
                 lambda: flow(OVS_FLOW_CMD_NEW,
                              nest(OVS_FLOW_ATTR_ACTIONS, out1)), 'KEY')
    expect_error('key attribute of the wrong size', errno.EINVAL,
                 lambda: flow_new(u16(OVS_KEY_ATTR_IN_PORT, 1) + k_eth(),
                                  out1), 'wrong size')
    expect_error('unknown key attribute', errno.EINVAL,
                 lambda: flow_new(k_udp_flow() + u32(40, 0), out1),
                 'unknown flow key attribute')
    expect_error('duplicate key attribute', errno.EINVAL,
                 lambda: flow_new(k_udp_flow() +
                                  be16(OVS_KEY_ATTR_ETHERTYPE, 0x0800),
                                  out1), 'duplicate flow key attribute')
    expect_error('kernel-internal key attribute', errno.EINVAL,
                 lambda: flow_new(k_udp_flow() +
                                  attr(OVS_KEY_ATTR_TUNNEL_INFO, b'\0' * 8),
                                  out1), 'internal')
    expect_error('unsupported key attribute with a value', errno.EINVAL,
                 lambda: flow_new(k_udp_flow() +
                                  u32(OVS_KEY_ATTR_CT_STATE, 1), out1),
                 'not supported')
    expect_error('ethertype below 0x600', errno.EINVAL,
                 lambda: flow_new(k_eth() + be16(OVS_KEY_ATTR_ETHERTYPE, 5),
                                  out1), 'ethertype')
    expect_error('TCP attribute in a UDP key', errno.EINVAL,
                 lambda: flow_new(k_udp_flow() + attr(OVS_KEY_ATTR_TCP,
                                                      b'\0' * 4), out1),
                 'does not fit')
    vlan3 = be16(OVS_KEY_ATTR_ETHERTYPE, 0x0800)
    for _ in range(3):
        vlan3 = (be16(OVS_KEY_ATTR_ETHERTYPE, 0x8100) +
                 be16(OVS_KEY_ATTR_VLAN, 0x1001) +
                 nest(OVS_KEY_ATTR_ENCAP, vlan3))
    expect_error('three VLAN tags', errno.EINVAL,
                 lambda: flow_new(k_eth() + vlan3, out1),
                 'more than two VLAN tags')
    deep = out1
    for _ in range(10):
        deep = nest(OVS_ACTION_ATTR_CLONE, deep)
    expect_error('actions nested too deeply', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), deep), 'nested too deeply')
    expect_error('over-long action list', errno.EMSGSIZE,
                 lambda: flow_new(k_udp_flow(), out1 * 5000), 'too long')
    expect_error('output to a port out of range', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(),
                                  u32(OVS_ACTION_ATTR_OUTPUT, 70000)))
    arp_key = (u32(OVS_KEY_ATTR_IN_PORT, 1) + k_eth() +
               be16(OVS_KEY_ATTR_ETHERTYPE, 0x0806))
    set_ip = nest(OVS_ACTION_ATTR_SET,
                  attr(OVS_KEY_ATTR_IPV4,
                       ipv4_key('10.9.9.9', '10.1.0.2', 17)))
    expect_error('set IPv4 on an ARP flow', errno.EINVAL,
                 lambda: flow_new(arp_key, set_ip), "protocol exactly")
    wild_proto = (u32(OVS_KEY_ATTR_IN_PORT, 0xffffffff) +
                  attr(OVS_KEY_ATTR_ETHERNET, b'\0' * 12) +
                  be16(OVS_KEY_ATTR_ETHERTYPE, 0xffff) +
                  attr(OVS_KEY_ATTR_IPV4, b'\xff' * 8 + b'\0' * 4))
    set_udp = nest(OVS_ACTION_ATTR_SET_MASKED,
                   attr(OVS_KEY_ATTR_UDP, struct.pack('!HHHH', 0, 9, 0,
                                                      0xffff)))
    expect_error('set UDP port with the IP protocol wildcarded',
                 errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), set_udp, wild_proto),
                 'protocol exactly')
    expect_error('set IPv4 changing the protocol', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), nest(
                     OVS_ACTION_ATTR_SET, attr(OVS_KEY_ATTR_IPV4, ipv4_key(
                         '10.9.9.9', '10.1.0.2', 6)))), 'IP protocol')
    expect_error('set of a field that cannot be set', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), nest(
                     OVS_ACTION_ATTR_SET, u32(OVS_KEY_ATTR_IN_PORT, 3))),
                 'cannot be set')
    expect_error('set holding two attributes', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), nest(
                     OVS_ACTION_ATTR_SET, u32(OVS_KEY_ATTR_PRIORITY, 3),
                     u32(OVS_KEY_ATTR_SKB_MARK, 3))), 'exactly one')
    expect_error('push_vlan without VLAN_CFI', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), attr(
                     OVS_ACTION_ATTR_PUSH_VLAN,
                     struct.pack('!HH', 0x8100, 5))), 'VLAN_CFI')
    expect_error('userspace action without a pid', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), nest(
                     OVS_ACTION_ATTR_USERSPACE,
                     attr(OVS_USERSPACE_ATTR_USERDATA, b'x'))), 'PID')
    expect_error('userspace action with port id 0', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), a_userspace(0)),
                 'port id 0')

    # Tunnel keys: malformed ones are refused, good ones come back.
    def tun(*attrs):
        return nest(OVS_KEY_ATTR_TUNNEL, *attrs)

    tid = attr(OVS_TUNNEL_KEY_ATTR_ID, struct.pack('!Q', 0x64))
    tsrc = attr(OVS_TUNNEL_KEY_ATTR_IPV4_SRC, socket.inet_aton('172.31.1.1'))
    tdst = attr(OVS_TUNNEL_KEY_ATTR_IPV4_DST, socket.inet_aton('172.31.1.2'))
    tttl = u8(OVS_TUNNEL_KEY_ATTR_TTL, 64)
    t6dst = attr(OVS_TUNNEL_KEY_ATTR_IPV6_DST,
                 socket.inet_pton(socket.AF_INET6, 'fd01::2'))
    for name, t, msg in [
            ('tunnel key without a destination', tun(tid, tsrc, tttl),
             'destination'),
            ('tunnel key without a TTL', tun(tid, tsrc, tdst), 'TTL'),
            ('tunnel key attribute of the wrong size',
             tun(attr(OVS_TUNNEL_KEY_ATTR_ID, b'\0' * 4), tdst, tttl),
             'wrong size'),
            ('unknown tunnel key attribute', tun(tdst, tttl, u32(30, 1)),
             'unknown or unsupported tunnel key attribute'),
            ('duplicate tunnel key attribute', tun(tdst, tttl, tdst),
             'duplicate tunnel key attribute'),
            ('tunnel key mixing IPv4 and IPv6', tun(tdst, t6dst, tttl),
             'mixes IPv4 and IPv6'),
            ('tunnel key with Geneve options',
             tun(tdst, tttl, attr(OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS,
                                  b'\1' * 8)), 'options')]:
        expect_error(name, errno.EINVAL,
                     lambda t=t: flow_new(t + k_udp_flow(), out1), msg)
        expect_error('set(%s)' % name.replace('tunnel key', 'tunnel'),
                     errno.EINVAL,
                     lambda t=t: flow_new(k_udp_flow(),
                                          nest(OVS_ACTION_ATTR_SET, t) +
                                          out1), msg)
    good_tun = tun(tid, tsrc, tdst, tttl,
                   attr(OVS_TUNNEL_KEY_ATTR_CSUM),
                   be16(OVS_TUNNEL_KEY_ATTR_TP_DST, 4789))
    expect_error('set_masked(tunnel)', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), nest(
                     OVS_ACTION_ATTR_SET_MASKED, good_tun)), 'masked')
    check('bad tunnel requests added no flow', n_flows() == 0)
    tmask = (u32(OVS_KEY_ATTR_RECIRC_ID, 0xffffffff) +
             u32(OVS_KEY_ATTR_IN_PORT, 0xffffffff) +
             tun(attr(OVS_TUNNEL_KEY_ATTR_ID, b'\xff' * 8),
                 attr(OVS_TUNNEL_KEY_ATTR_IPV4_SRC, b'\0' * 4),
                 attr(OVS_TUNNEL_KEY_ATTR_IPV4_DST, b'\xff' * 4),
                 u8(OVS_TUNNEL_KEY_ATTR_TTL, 0)) +
             attr(OVS_KEY_ATTR_ETHERNET, b'\0' * 12))
    tacts = nest(OVS_ACTION_ATTR_SET, good_tun) + out1
    r = flow_new(good_tun + k_udp_flow(), tacts, tmask, b't' * 16)
    f = r[0] if r else None
    tk = attr_dict(attr_dict(f.get(OVS_FLOW_ATTR_KEY)).get(
        OVS_KEY_ATTR_TUNNEL, b'')) if f else {}
    tm = attr_dict(attr_dict(f.get(OVS_FLOW_ATTR_MASK)).get(
        OVS_KEY_ATTR_TUNNEL, b'')) if f else {}
    check('tunnel flow: set(tunnel) action kept',
          f is not None and f.get(OVS_FLOW_ATTR_ACTIONS) == tacts)
    check('tunnel flow: key masked', tk.get(OVS_TUNNEL_KEY_ATTR_ID) ==
          struct.pack('!Q', 0x64) and
          tk.get(OVS_TUNNEL_KEY_ATTR_IPV4_DST) ==
          socket.inet_aton('172.31.1.2') and
          OVS_TUNNEL_KEY_ATTR_IPV4_SRC not in tk, 'key %r' % tk)
    check('tunnel flow: mask as given',
          tm.get(OVS_TUNNEL_KEY_ATTR_ID) == b'\xff' * 8 and
          tm.get(OVS_TUNNEL_KEY_ATTR_IPV4_DST) == b'\xff' * 4 and
          OVS_TUNNEL_KEY_ATTR_IPV4_SRC not in tm and
          tm.get(OVS_TUNNEL_KEY_ATTR_TTL) == b'\0' and
          OVS_TUNNEL_KEY_ATTR_TP_DST not in tm and
          OVS_TUNNEL_KEY_ATTR_CSUM not in tm,
          'mask %r' % tm)
    flow(OVS_FLOW_CMD_DEL, attr(OVS_FLOW_ATTR_UFID, b't' * 16))
    check('tunnel flow deleted', n_flows() == 0)

    expect_error('conntrack action', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), nest(OVS_ACTION_ATTR_CT)),
                 'not supported')
    expect_error('unknown action', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), u32(99, 0)),
                 'unknown action')
    expect_error('action of the wrong size', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(),
                                  u16(OVS_ACTION_ATTR_OUTPUT, 1)),
                 'wrong size')
    expect_error('UFID of 17 bytes', errno.EINVAL,
                 lambda: flow_new(k_udp_flow(), out1, ufid=b'u' * 17),
                 'UFID')
    check('bad flow requests added no flow', n_flows() == 0)

    # ---- Flows: a megaflow. ----------------------------------------------
    ufid = bytes(range(16))
    mask = (u32(OVS_KEY_ATTR_RECIRC_ID, 0xffffffff) +
            u32(OVS_KEY_ATTR_IN_PORT, 0xffffffff) +
            attr(OVS_KEY_ATTR_ETHERNET, b'\xff' * 12) +
            be16(OVS_KEY_ATTR_ETHERTYPE, 0xffff) +
            attr(OVS_KEY_ATTR_IPV4, b'\0' * 4 + b'\xff' * 4 + b'\0' * 4))
    acts = a_userspace(up.pid, b'hello')
    r = flow_new(k_udp_flow(), acts, mask, ufid)
    f = r[0] if r else None
    check('flow NEW echoes the flow', f is not None and
          f.get(OVS_FLOW_ATTR_UFID) == ufid and
          f.get(OVS_FLOW_ATTR_ACTIONS) == acts and
          f.get(OVS_FLOW_ATTR_MASK) is not None)
    mk = attr_dict(f.get(OVS_FLOW_ATTR_MASK) if f else b'')
    check('flow mask as given', mk.get(OVS_KEY_ATTR_IPV4) ==
          b'\0' * 4 + b'\xff' * 4 + b'\0' * 4 and
          mk.get(OVS_KEY_ATTR_IN_PORT) == struct.pack('I', 0xffffffff))
    kk = attr_dict(f.get(OVS_FLOW_ATTR_KEY) if f else b'')
    check('flow key is masked', kk.get(OVS_KEY_ATTR_IPV4) ==
          ipv4_key('0.0.0.0', '10.1.0.2', 0, 0, 0, 0))
    r = flow(OVS_FLOW_CMD_GET, attr(OVS_FLOW_ATTR_UFID, ufid))
    check('flow GET by UFID', r[0].get(OVS_FLOW_ATTR_ACTIONS) == acts)
    r = ovs.dump('ovs_flow', OVS_FLOW_CMD_GET, dpi,
                 u32(OVS_FLOW_ATTR_UFID_FLAGS, OVS_UFID_F_OMIT_KEY |
                     OVS_UFID_F_OMIT_MASK | OVS_UFID_F_OMIT_ACTIONS))
    check('terse flow dump', len(r) == 1 and
          [t for t, _ in parse_attrs(r[0].attrs)] == [OVS_FLOW_ATTR_UFID])
    expect_error('flow NEW of an existing flow with NLM_F_CREATE',
                 errno.EEXIST,
                 lambda: flow_new(k_udp_flow(), acts, mask, ufid,
                                  NLM_F_CREATE))
    flow_new(k_udp_flow(), acts + out1, mask, ufid, 0)
    r = flow(OVS_FLOW_CMD_GET, attr(OVS_FLOW_ATTR_UFID, ufid))
    check('flow NEW without NLM_F_CREATE modifies',
          r[0].get(OVS_FLOW_ATTR_ACTIONS) == acts + out1)

    # ---- Packets through the veth pair. ----------------------------------
    frame = udp_frame()
    tx.send(frame)
    m = wait_upcall(up, pkt_fam, from_us)
    check('flow hit runs its userspace action', m is not None and
          m.cmd == OVS_PACKET_CMD_ACTION and
          m.get(OVS_PACKET_ATTR_USERDATA) == b'hello' and
          m.get(OVS_PACKET_ATTR_PACKET) == frame)
    k = key_attrs(m) if m else {}
    check('upcall key', k.get(OVS_KEY_ATTR_IN_PORT) == struct.pack('I', 1)
          and k.get(OVS_KEY_ATTR_ETHERNET) == mac(SRC_MAC) + mac(DST_MAC)
          and k.get(OVS_KEY_ATTR_ETHERTYPE) == b'\x08\x00'
          and k.get(OVS_KEY_ATTR_IPV4) == ipv4_key('10.1.0.1', '10.1.0.2',
                                                   17)
          and k.get(OVS_KEY_ATTR_UDP) == struct.pack('!HH', 1000, 2000)
          and OVS_KEY_ATTR_RECIRC_ID in k, repr(k))
    # The lookup does not hash the packet (the mask cache hashes the key),
    # but an upcall still carries the packet's L4 hash, as Linux's module
    # gives it (bit 33: an L4 hash).
    h1 = m.get(OVS_PACKET_ATTR_HASH) if m else None
    check('upcall carries the packet\'s L4 hash',
          h1 is not None and struct.unpack('Q', h1)[0] >> 33 & 1 == 1 and
          struct.unpack('Q', h1)[0] & 0xffffffff != 0, repr(h1))
    tx.send(udp_frame(sport=3000))
    m = wait_upcall(up, pkt_fam, from_us)
    check('second packet hits the same megaflow',
          m is not None and m.cmd == OVS_PACKET_CMD_ACTION)
    h2 = m.get(OVS_PACKET_ATTR_HASH) if m else None
    check('another connection, another hash',
          h2 is not None and h2 != h1, repr((h1, h2)))
    r = flow(OVS_FLOW_CMD_GET, attr(OVS_FLOW_ATTR_UFID, ufid))
    st = r[0].get(OVS_FLOW_ATTR_STATS)
    check('flow counts both packets',
          st is not None and struct.unpack('QQ', st)[0] == 2 and
          r[0].get(OVS_FLOW_ATTR_USED) is not None, repr(st))
    # Each CPU counts a flow's packets in counters of its own: the first
    # CPU's come with the flow, another's are allocated on its first
    # packet.  Packets sent from each CPU in turn (a packet socket's send
    # runs the datapath on the sender's CPU) all add up, bytes too, and
    # clearing zeroes every CPU's counters.
    cpus = sorted(os.sched_getaffinity(0))
    sent = 0
    for i in range(6):
        os.sched_setaffinity(0, {cpus[i % len(cpus)]})
        tx.send(udp_frame(sport=4000 + i))
        sent += 1
        m = wait_upcall(up, pkt_fam, from_us)
    os.sched_setaffinity(0, cpus)
    r = flow(OVS_FLOW_CMD_GET, attr(OVS_FLOW_ATTR_UFID, ufid))
    st = r[0].get(OVS_FLOW_ATTR_STATS)
    pk, by = struct.unpack('QQ', st) if st else (0, 0)
    check('flow counts packets from %d CPUs' % len(cpus),
          len(cpus) >= 2 and pk == 2 + sent and
          by == (2 + sent) * len(frame), repr((cpus, pk, by)))
    r = flow(OVS_FLOW_CMD_SET, attr(OVS_FLOW_ATTR_UFID, ufid) +
             attr(OVS_FLOW_ATTR_CLEAR), NLM_F_ECHO)
    r = flow(OVS_FLOW_CMD_GET, attr(OVS_FLOW_ATTR_UFID, ufid))
    check('flow SET with CLEAR zeroes every CPU\'s counters',
          r[0].get(OVS_FLOW_ATTR_STATS) is None and
          r[0].get(OVS_FLOW_ATTR_USED) is None,
          repr(r[0].get(OVS_FLOW_ATTR_STATS)))
    tx.send(udp_frame(sport=3000))
    m = wait_upcall(up, pkt_fam, from_us)
    r = flow(OVS_FLOW_CMD_GET, attr(OVS_FLOW_ATTR_UFID, ufid))
    st = r[0].get(OVS_FLOW_ATTR_STATS)
    check('flow counts again after CLEAR',
          st is not None and struct.unpack('QQ', st)[0] == 1, repr(st))
    r = ovs.request('ovs_datapath', OVS_DP_CMD_GET, dpi)[0]
    hit, missed, lost, nflows = struct.unpack('4Q', r.get(OVS_DP_ATTR_STATS))
    masks = struct.unpack('QII', r.get(OVS_DP_ATTR_MEGAFLOW_STATS)[:16])
    check('datapath counts hits, flows and masks',
          hit >= 2 and nflows == 1 and masks[1] == 1,
          repr((hit, missed, lost, nflows, masks)))

    tx.send(udp_frame(dst='10.1.0.3'))
    m = wait_upcall(up, pkt_fam, from_us)
    check('no matching flow: miss upcall', m is not None and
          m.cmd == OVS_PACKET_CMD_MISS and
          key_attrs(m).get(OVS_KEY_ATTR_IPV4) ==
          ipv4_key('10.1.0.1', '10.1.0.3', 17))
    h3 = m.get(OVS_PACKET_ATTR_HASH) if m else None
    check('miss upcall carries the packet\'s L4 hash',
          h3 is not None and struct.unpack('Q', h3)[0] >> 33 & 1 == 1,
          repr(h3))

    short = eth_frame(0x0800, b'\x45' + b'\0' * 9)
    tx.send(short)
    m = wait_upcall(up, pkt_fam, from_us)
    k = key_attrs(m) if m else {}
    check('truncated IPv4 header: empty IPv4 attribute, packet kept',
          m is not None and m.get(OVS_PACKET_ATTR_PACKET) == short and
          k.get(OVS_KEY_ATTR_ETHERTYPE) == b'\x08\x00' and
          k.get(OVS_KEY_ATTR_IPV4) == b'\0' * 12 and
          OVS_KEY_ATTR_UDP not in k, repr(k))

    tagged = udp_frame(vlan=(3 << 13) | 100)
    tx.send(tagged)
    m = wait_upcall(up, pkt_fam, from_us)
    k = key_attrs(m) if m else {}
    enc = attr_dict(k.get(OVS_KEY_ATTR_ENCAP, b''))
    check('VLAN frame: tag in the key, inner fields in ENCAP',
          m is not None and m.get(OVS_PACKET_ATTR_PACKET) == tagged and
          k.get(OVS_KEY_ATTR_ETHERTYPE) == b'\x81\x00' and
          k.get(OVS_KEY_ATTR_VLAN) == struct.pack('!H', 0x7064) and
          enc.get(OVS_KEY_ATTR_ETHERTYPE) == b'\x08\x00' and
          enc.get(OVS_KEY_ATTR_UDP) == struct.pack('!HH', 1000, 2000),
          repr(k))

    # One 5000-byte UDP send in 1000-byte segments (UDP_SEGMENT) leaves
    # nlveth1 as a single GSO packet; it goes up segment by segment.
    gso = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    gso.setsockopt(socket.SOL_UDP, 103, 1000)
    gso.bind(('10.1.0.1', 5555))
    gso.sendto(bytes(5000), ('10.1.0.2', 2000))
    segs = []
    while True:
        m = wait_upcall(up, pkt_fam, lambda m: from_us(m) and
                        m.get(OVS_PACKET_ATTR_PACKET)[34:36] == b'\x15\xb3',
                        2.0)
        if m is None:
            break
        segs.append(len(m.get(OVS_PACKET_ATTR_PACKET)))
    check('a GSO packet goes up segment by segment',
          segs == [14 + 20 + 8 + 1000] * 5, repr(segs))
    gso.close()

    # ---- Per-CPU upcall dispatch. -------------------------------------------
    # Every CPU's port id is 'pc': misses, and userspace actions whatever
    # port id they name, go there instead of to the vport's port id 'up'.
    pc = GenlSocket()
    ncpu = os.sysconf('SC_NPROCESSORS_CONF')
    dp_set(u32(OVS_DP_ATTR_USER_FEATURES,
               OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS |
               OVS_DP_F_DISPATCH_UPCALL_PER_CPU) +
           attr(OVS_DP_ATTR_PER_CPU_PIDS, struct.pack('I', pc.pid) * ncpu))
    tx.send(udp_frame(dst='10.1.0.5'))
    m = wait_upcall(pc, pkt_fam, from_us)
    check('per-CPU dispatch: a miss goes to the CPU\'s port id',
          m is not None and m.cmd == OVS_PACKET_CMD_MISS)
    tx.send(udp_frame(sport=3001))
    m = wait_upcall(pc, pkt_fam, from_us)
    check('per-CPU dispatch: a userspace action goes to the CPU\'s port id',
          m is not None and m.cmd == OVS_PACKET_CMD_ACTION and
          m.get(OVS_PACKET_ATTR_USERDATA) == b'hello')
    check('per-CPU dispatch: nothing for the vport\'s port id',
          wait_upcall(up, pkt_fam, from_us, 0.5) is None)
    dp_set(u32(OVS_DP_ATTR_USER_FEATURES,
               OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS))
    tx.send(udp_frame(sport=3002))
    m = wait_upcall(up, pkt_fam, from_us)
    check('per-vport dispatch again: the action\'s port id gets it',
          m is not None and m.cmd == OVS_PACKET_CMD_ACTION)
    pc.close()

    # ---- Execute. ----------------------------------------------------------
    def execute(pkt, actions, key=u32(OVS_KEY_ATTR_IN_PORT, 1), extra=b''):
        return ovs.request('ovs_packet', OVS_PACKET_CMD_EXECUTE, dpi,
                           attr(OVS_PACKET_ATTR_PACKET, pkt) +
                           nest(OVS_PACKET_ATTR_KEY, key) +
                           nest(OVS_PACKET_ATTR_ACTIONS, actions) + extra)

    # Every set(tunnel) action holds a metadata dst made when its list is
    # installed (nested ones too), which packets take references to and
    # which goes with the list: flows with two such actions each, their
    # actions replaced, packets executed through the same list, all
    # deleted: slab and per-CPU memory come back (each dst is ~300 bytes
    # of slab and a per-CPU route cache; 10,000 of them leaked would be
    # ~3.5 MB).
    def slab_percpu_kb():
        kb = {}
        with open('/proc/meminfo') as f:
            for line in f:
                k, v = line.split(':')
                kb[k] = int(v.split()[0])
        return kb['Slab'] + kb['Percpu']

    def tun_n(n):
        return tun(attr(OVS_TUNNEL_KEY_ATTR_ID, struct.pack('!Q', n)),
                   tsrc, tdst, tttl, be16(OVS_TUNNEL_KEY_ATTR_TP_DST, 4789))

    # (In port 7, which no vport has: no earlier flow overlaps them.)
    time.sleep(1)
    mem0 = slab_percpu_kb()
    flows0 = n_flows()
    n_tun_flows = 2500
    ok_acts = True
    for i in range(n_tun_flows):
        acts = (nest(OVS_ACTION_ATTR_SET, tun_n(i)) +
                nest(OVS_ACTION_ATTR_CLONE,
                     nest(OVS_ACTION_ATTR_SET, tun_n(i + 1)) + out1) + out1)
        tufid = struct.pack('!QQ', 0x7475, i)
        flow_new(tun_n(i) + k_udp_flow(7), acts, tmask, tufid, flags=0)
        r = flow_new(tun_n(i) + k_udp_flow(7), acts, tmask, tufid)
        ok_acts = ok_acts and r[0].get(OVS_FLOW_ATTR_ACTIONS) == acts
    check('%d flows with set(tunnel) actions installed and replaced'
          % n_tun_flows, n_flows() == flows0 + n_tun_flows and ok_acts)
    for i in range(500):
        execute(frame, nest(OVS_ACTION_ATTR_SET, tun_n(i)) + out1 +
                nest(OVS_ACTION_ATTR_SET, tun_n(i + 1)) + out1)
    for i in range(n_tun_flows):
        flow(OVS_FLOW_CMD_DEL, attr(OVS_FLOW_ATTR_UFID,
                                    struct.pack('!QQ', 0x7475, i)))
    check('tunnel flows deleted', n_flows() == flows0)
    for _ in range(20):
        time.sleep(0.5)
        grew = slab_percpu_kb() - mem0
        if grew < 1024:
            break
    check('set(tunnel) metadata dsts all freed', grew < 1024,
          'slab and per-CPU memory grew by %d kB' % grew)

    # The module keeps set(tunnel) actions in a form of its own (the index
    # of their metadata dst): the copy of the list that the userspace
    # action sends (OVS_USERSPACE_ATTR_ACTIONS) is still the list as
    # given, nested set(tunnel) included, and the packets still go out.
    uacts = (nest(OVS_ACTION_ATTR_SET, tun_n(1)) +
             nest(OVS_ACTION_ATTR_CLONE,
                  nest(OVS_ACTION_ATTR_SET, tun_n(2)) + out1) +
             nest(OVS_ACTION_ATTR_SAMPLE,
                  u32(OVS_SAMPLE_ATTR_PROBABILITY, 0xffffffff) +
                  nest(OVS_SAMPLE_ATTR_ACTIONS,
                       nest(OVS_ACTION_ATTR_SET, tun_n(3)))) +
             nest(OVS_ACTION_ATTR_USERSPACE,
                  u32(OVS_USERSPACE_ATTR_PID, up.pid) +
                  attr(OVS_USERSPACE_ATTR_USERDATA, b'acts') +
                  attr(OVS_USERSPACE_ATTR_ACTIONS, b'')) + out1)
    execute(frame, uacts)
    m = wait_upcall(up, pkt_fam,
                    lambda m: from_us(m) and
                    m.get(OVS_PACKET_ATTR_USERDATA) == b'acts')
    check('userspace action: its copy of the actions is the list as given',
          m is not None and m.get(OVS_PACKET_ATTR_ACTIONS) == uacts,
          'got %r' % (m.get(OVS_PACKET_ATTR_ACTIONS) if m else None))

    expect_error('execute a packet shorter than Ethernet', errno.EINVAL,
                 lambda: execute(b'\0' * 10, out1), 'shorter')
    expect_error('execute with a 3-byte MRU', errno.EINVAL,
                 lambda: execute(frame, out1,
                                 extra=attr(OVS_PACKET_ATTR_MRU, b'abc')),
                 'wrong size')
    expect_error('execute without actions', errno.EINVAL,
                 lambda: ovs.request('ovs_packet', OVS_PACKET_CMD_EXECUTE,
                                     dpi, attr(OVS_PACKET_ATTR_PACKET, frame) +
                                     nest(OVS_PACKET_ATTR_KEY, b'')))
    execute(frame, nest(OVS_ACTION_ATTR_SET, attr(
        OVS_KEY_ATTR_IPV4, ipv4_key('10.9.9.9', '10.1.0.2', 17, 0, 33))) +
        nest(OVS_ACTION_ATTR_SET_MASKED, attr(
            OVS_KEY_ATTR_UDP, struct.pack('!HHHH', 0, 4242, 0, 0xffff))) +
        attr(OVS_ACTION_ATTR_PUSH_VLAN, struct.pack('!HH', 0x8100,
                                                    0x1000 | 7)) +
        a_userspace(up.pid, b'exec'))
    m = wait_upcall(up, pkt_fam, from_us)
    p = m.get(OVS_PACKET_ATTR_PACKET) if m else b''
    check('execute: set, set_masked and push_vlan rewrite the packet',
          m is not None and m.get(OVS_PACKET_ATTR_USERDATA) == b'exec' and
          p[12:16] == struct.pack('!HH', 0x8100, 7) and
          p[18 + 12:18 + 16] == socket.inet_aton('10.9.9.9') and
          p[18 + 8] == 33 and
          struct.unpack('!H', p[18 + 22:18 + 24])[0] == 4242 and
          ip_ok(p[18:]), p.hex())
    k = key_attrs(m) if m else {}
    check('execute: the upcall key follows the actions',
          k.get(OVS_KEY_ATTR_VLAN) == struct.pack('!H', 0x1007) and
          attr_dict(k.get(OVS_KEY_ATTR_ENCAP, b'')).get(OVS_KEY_ATTR_UDP)
          == struct.pack('!HH', 1000, 4242), repr(k))

    execute(tagged, attr(OVS_ACTION_ATTR_POP_VLAN) +
            a_userspace(up.pid, b'pop'))
    m = wait_upcall(up, pkt_fam, from_us)
    check('execute: pop_vlan', m is not None and
          m.get(OVS_PACKET_ATTR_PACKET) == frame and
          OVS_KEY_ATTR_VLAN not in key_attrs(m))

    execute(frame, u32(OVS_ACTION_ATTR_TRUNC, 20) + a_userspace(up.pid))
    m = wait_upcall(up, pkt_fam, from_us)
    check('execute: trunc cuts the upcall and reports the length',
          m is not None and m.get(OVS_PACKET_ATTR_PACKET) == frame[:20] and
          m.get(OVS_PACKET_ATTR_LEN) == struct.pack('I', len(frame)))

    cut = mac(DST_MAC) + mac(SRC_MAC) + b'\x81\x00\x00\x64'
    execute(cut, a_userspace(up.pid))
    m = wait_upcall(up, pkt_fam, from_us)
    k = key_attrs(m) if m else {}
    check('truncated VLAN tag: TCI 0 and an empty ENCAP',
          k.get(OVS_KEY_ATTR_VLAN) == b'\0\0' and
          k.get(OVS_KEY_ATTR_ENCAP) == b'' and
          k.get(OVS_KEY_ATTR_ETHERTYPE) == b'\x81\x00', repr(k))

    execute(frame, attr(OVS_ACTION_ATTR_HASH, struct.pack('II', 0, 7)) +
            u32(OVS_ACTION_ATTR_RECIRC, 7))
    m = wait_upcall(up, pkt_fam, from_us)
    k = key_attrs(m) if m else {}
    check('execute: hash and recirc give a miss with recirc_id and dp_hash',
          m is not None and m.cmd == OVS_PACKET_CMD_MISS and
          k.get(OVS_KEY_ATTR_RECIRC_ID) == struct.pack('I', 7) and
          k.get(OVS_KEY_ATTR_DP_HASH) not in (None, b'\0\0\0\0'), repr(k))

    def sample(prob):
        return nest(OVS_ACTION_ATTR_SAMPLE,
                    u32(OVS_SAMPLE_ATTR_PROBABILITY, prob),
                    nest(OVS_SAMPLE_ATTR_ACTIONS,
                         a_userspace(up.pid, b'sampled')))
    execute(frame, sample(0))
    check('sample with probability 0 runs nothing',
          wait_upcall(up, pkt_fam, from_us, 0.5) is None)
    execute(frame, sample(0xffffffff) +
            nest(OVS_ACTION_ATTR_CLONE, a_userspace(up.pid, b'cloned')))
    m1 = wait_upcall(up, pkt_fam, from_us)
    m2 = wait_upcall(up, pkt_fam, from_us)
    check('sample with probability 1 and clone run their actions',
          m1 is not None and m2 is not None and
          [m1.get(OVS_PACKET_ATTR_USERDATA),
           m2.get(OVS_PACKET_ATTR_USERDATA)] == [b'sampled', b'cloned'])
    execute(frame, u32(OVS_ACTION_ATTR_OUTPUT, 5) +
            u32(OVS_ACTION_ATTR_OUTPUT, 1) + u32(OVS_ACTION_ATTR_OUTPUT, 42))
    check('execute: output to ports, including a missing one', True)

    def tx_errors(port):
        r = ovs.request('ovs_vport', OVS_VPORT_CMD_GET, dpi,
                        u32(OVS_VPORT_ATTR_PORT_NO, port))
        return struct.unpack('8Q', r[0].get(OVS_VPORT_ATTR_STATS))[5]
    sh('ip link set nlint0 mtu 1000')
    errs = tx_errors(5)
    big = eth_frame(0x0800, ipv4_packet('10.1.0.1', '10.1.0.2', 17,
                                        bytes(1100)))
    execute(big, u32(OVS_ACTION_ATTR_OUTPUT, 5))
    check('a packet over the MTU is dropped as a transmit error',
          tx_errors(5) == errs + 1)

    # ---- Flow deletion. ----------------------------------------------------
    r = flow(OVS_FLOW_CMD_DEL, attr(OVS_FLOW_ATTR_UFID, ufid), NLM_F_ECHO)
    st = r[0].get(OVS_FLOW_ATTR_STATS) if r else None
    # The frame after the clearing, the GSO packet (counted once, as one
    # skb) and the two frames of the per-CPU dispatch checks.
    check('flow DEL returns the final stats',
          st is not None and struct.unpack('QQ', st)[0] == 4,
          repr(st and struct.unpack('QQ', st)))
    expect_error('flow DEL of a missing flow', errno.ENOENT,
                 lambda: flow(OVS_FLOW_CMD_DEL,
                              attr(OVS_FLOW_ATTR_UFID, ufid)))
    flow_new(k_udp_flow(), out1, flags=0)
    flow_new(arp_key, out1, flags=0)
    r = flow(OVS_FLOW_CMD_GET, nest(OVS_FLOW_ATTR_KEY, arp_key))
    check('flow GET by key', len(r) == 1)
    check('two flows', n_flows() == 2)
    flow(OVS_FLOW_CMD_DEL, b'')
    check('flow DEL without a key flushes', n_flows() == 0)

    # ---- A vport's device goes away. -----------------------------------
    while mon.recv(0.1):
        pass
    sh('ip link del nlveth0')
    n = wait_upcall(mon, ovs.fam['ovs_vport'],
                    lambda m: m.cmd == OVS_VPORT_CMD_DEL)
    check('deleting the device removes the vport and notifies',
          n is not None and n.get(OVS_VPORT_ATTR_NAME) == b'nlveth0\0' and
          n.get(OVS_VPORT_ATTR_PORT_NO) == struct.pack('I', 1))
    expect_error('the vport is gone', errno.ENODEV,
                 lambda: ovs.request('ovs_vport', OVS_VPORT_CMD_GET, dpi,
                                     u32(OVS_VPORT_ATTR_PORT_NO, 1)))
    # Internal devices cannot be deleted with ip (no rtnl dellink), as with
    # the kernel's module: they go with their vport or datapath.
    fails_ip = subprocess.run('ip link del nlint0', shell=True).returncode
    check('ip cannot delete an internal port', fails_ip != 0 and
          dev_exists('nlint0'))
    ovs.request('ovs_datapath', OVS_DP_CMD_DEL, 0,
                string(OVS_DP_ATTR_NAME, 'nltest0'))
    n = wait_upcall(mon, ovs.fam['ovs_datapath'],
                    lambda m: m.cmd == OVS_DP_CMD_DEL)
    check('datapath DEL notifies',
          n is not None and n.get(OVS_DP_ATTR_NAME) == b'nltest0\0')
    expect_error('the datapath is gone', errno.ENODEV,
                 lambda: ovs.request('ovs_datapath', OVS_DP_CMD_GET, 0,
                                     string(OVS_DP_ATTR_NAME, 'nltest0')))
    check('its internal port went with it', not dev_exists('nlint0'))

    return _checks.finish()


if __name__ == '__main__':
    sys.exit(main())
