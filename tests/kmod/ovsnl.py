# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""A small generic-netlink client for the OVS families, for tests.

Only the standard library: raw AF_NETLINK sockets and struct.  Requests are
built from attribute byte strings (see attr(), nest(), u32()...), so a test
can also build malformed ones on purpose.  Errors come back as NlError with
the kernel's errno and extended-ack message.
"""

import errno
import os
import select
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11

NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_ECHO = 0x8
NLM_F_ROOT = 0x100
NLM_F_MATCH = 0x200
NLM_F_EXCL = 0x200
NLM_F_CREATE = 0x400
NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH
NLM_F_ACK_TLVS = 0x200

NLMSG_ERROR = 2
NLMSG_DONE = 3
NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_OFFS = 2

GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME = 1
CTRL_ATTR_MCAST_GRP_ID = 2

# <linux/openvswitch.h>
OVS_DP_CMD_NEW, OVS_DP_CMD_DEL, OVS_DP_CMD_GET, OVS_DP_CMD_SET = 1, 2, 3, 4
(OVS_DP_ATTR_NAME, OVS_DP_ATTR_UPCALL_PID, OVS_DP_ATTR_STATS,
 OVS_DP_ATTR_MEGAFLOW_STATS, OVS_DP_ATTR_USER_FEATURES, OVS_DP_ATTR_PAD,
 OVS_DP_ATTR_MASKS_CACHE_SIZE, OVS_DP_ATTR_PER_CPU_PIDS,
 OVS_DP_ATTR_IFINDEX) = range(1, 10)
OVS_DP_F_UNALIGNED = 1 << 0
OVS_DP_F_VPORT_PIDS = 1 << 1
OVS_DP_F_TC_RECIRC_SHARING = 1 << 2
OVS_DP_F_DISPATCH_UPCALL_PER_CPU = 1 << 3

OVS_VPORT_CMD_NEW, OVS_VPORT_CMD_DEL, OVS_VPORT_CMD_GET, OVS_VPORT_CMD_SET = \
    1, 2, 3, 4
(OVS_VPORT_TYPE_NETDEV, OVS_VPORT_TYPE_INTERNAL, OVS_VPORT_TYPE_GRE,
 OVS_VPORT_TYPE_VXLAN, OVS_VPORT_TYPE_GENEVE) = range(1, 6)
(OVS_VPORT_ATTR_PORT_NO, OVS_VPORT_ATTR_TYPE, OVS_VPORT_ATTR_NAME,
 OVS_VPORT_ATTR_OPTIONS, OVS_VPORT_ATTR_UPCALL_PID, OVS_VPORT_ATTR_STATS,
 OVS_VPORT_ATTR_PAD, OVS_VPORT_ATTR_IFINDEX,
 OVS_VPORT_ATTR_NETNSID) = range(1, 10)

OVS_FLOW_CMD_NEW, OVS_FLOW_CMD_DEL, OVS_FLOW_CMD_GET, OVS_FLOW_CMD_SET = \
    1, 2, 3, 4
(OVS_FLOW_ATTR_KEY, OVS_FLOW_ATTR_ACTIONS, OVS_FLOW_ATTR_STATS,
 OVS_FLOW_ATTR_TCP_FLAGS, OVS_FLOW_ATTR_USED, OVS_FLOW_ATTR_CLEAR,
 OVS_FLOW_ATTR_MASK, OVS_FLOW_ATTR_PROBE, OVS_FLOW_ATTR_UFID,
 OVS_FLOW_ATTR_UFID_FLAGS, OVS_FLOW_ATTR_PAD) = range(1, 12)
OVS_UFID_F_OMIT_KEY = 1
OVS_UFID_F_OMIT_MASK = 2
OVS_UFID_F_OMIT_ACTIONS = 4

OVS_PACKET_CMD_MISS, OVS_PACKET_CMD_ACTION, OVS_PACKET_CMD_EXECUTE = 1, 2, 3
(OVS_PACKET_ATTR_PACKET, OVS_PACKET_ATTR_KEY, OVS_PACKET_ATTR_ACTIONS,
 OVS_PACKET_ATTR_USERDATA, OVS_PACKET_ATTR_EGRESS_TUN_KEY,
 OVS_PACKET_ATTR_UNUSED1, OVS_PACKET_ATTR_UNUSED2, OVS_PACKET_ATTR_PROBE,
 OVS_PACKET_ATTR_MRU, OVS_PACKET_ATTR_LEN, OVS_PACKET_ATTR_HASH) = \
    range(1, 12)

(OVS_KEY_ATTR_ENCAP, OVS_KEY_ATTR_PRIORITY, OVS_KEY_ATTR_IN_PORT,
 OVS_KEY_ATTR_ETHERNET, OVS_KEY_ATTR_VLAN, OVS_KEY_ATTR_ETHERTYPE,
 OVS_KEY_ATTR_IPV4, OVS_KEY_ATTR_IPV6, OVS_KEY_ATTR_TCP, OVS_KEY_ATTR_UDP,
 OVS_KEY_ATTR_ICMP, OVS_KEY_ATTR_ICMPV6, OVS_KEY_ATTR_ARP, OVS_KEY_ATTR_ND,
 OVS_KEY_ATTR_SKB_MARK, OVS_KEY_ATTR_TUNNEL, OVS_KEY_ATTR_SCTP,
 OVS_KEY_ATTR_TCP_FLAGS, OVS_KEY_ATTR_DP_HASH, OVS_KEY_ATTR_RECIRC_ID,
 OVS_KEY_ATTR_MPLS, OVS_KEY_ATTR_CT_STATE) = range(1, 23)
OVS_KEY_ATTR_TUNNEL_INFO = 31

(OVS_ACTION_ATTR_OUTPUT, OVS_ACTION_ATTR_USERSPACE, OVS_ACTION_ATTR_SET,
 OVS_ACTION_ATTR_PUSH_VLAN, OVS_ACTION_ATTR_POP_VLAN, OVS_ACTION_ATTR_SAMPLE,
 OVS_ACTION_ATTR_RECIRC, OVS_ACTION_ATTR_HASH, OVS_ACTION_ATTR_PUSH_MPLS,
 OVS_ACTION_ATTR_POP_MPLS, OVS_ACTION_ATTR_SET_MASKED, OVS_ACTION_ATTR_CT,
 OVS_ACTION_ATTR_TRUNC, OVS_ACTION_ATTR_PUSH_ETH, OVS_ACTION_ATTR_POP_ETH,
 OVS_ACTION_ATTR_CT_CLEAR, OVS_ACTION_ATTR_PUSH_NSH, OVS_ACTION_ATTR_POP_NSH,
 OVS_ACTION_ATTR_METER, OVS_ACTION_ATTR_CLONE) = range(1, 21)
(OVS_USERSPACE_ATTR_PID, OVS_USERSPACE_ATTR_USERDATA,
 OVS_USERSPACE_ATTR_EGRESS_TUN_PORT, OVS_USERSPACE_ATTR_ACTIONS) = range(1, 5)
OVS_SAMPLE_ATTR_PROBABILITY, OVS_SAMPLE_ATTR_ACTIONS = 1, 2
(OVS_TUNNEL_KEY_ATTR_ID, OVS_TUNNEL_KEY_ATTR_IPV4_SRC,
 OVS_TUNNEL_KEY_ATTR_IPV4_DST, OVS_TUNNEL_KEY_ATTR_TOS,
 OVS_TUNNEL_KEY_ATTR_TTL, OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT,
 OVS_TUNNEL_KEY_ATTR_CSUM, OVS_TUNNEL_KEY_ATTR_OAM,
 OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS, OVS_TUNNEL_KEY_ATTR_TP_SRC,
 OVS_TUNNEL_KEY_ATTR_TP_DST, OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS,
 OVS_TUNNEL_KEY_ATTR_IPV6_SRC, OVS_TUNNEL_KEY_ATTR_IPV6_DST) = range(0, 14)


def attr(atype, payload=b''):
    """Returns a netlink attribute of type 'atype', padded to 4 bytes."""
    a = struct.pack('HH', 4 + len(payload), atype) + payload
    return a + b'\0' * (-len(a) % 4)


def nest(atype, *attrs):
    return attr(atype, b''.join(attrs))


def u8(atype, v):
    return attr(atype, struct.pack('B', v))


def u16(atype, v):
    return attr(atype, struct.pack('H', v))


def be16(atype, v):
    return attr(atype, struct.pack('!H', v))


def u32(atype, v):
    return attr(atype, struct.pack('I', v))


def string(atype, s):
    return attr(atype, s.encode() + b'\0')


def parse_attrs(data):
    """Returns the attributes in 'data' as a list of (type, payload)."""
    out = []
    while len(data) >= 4:
        alen, atype = struct.unpack_from('HH', data)
        if alen < 4 or alen > len(data):
            raise ValueError('bad attribute length %d' % alen)
        out.append((atype & 0x3fff, data[4:alen]))
        data = data[(alen + 3) & ~3:]
    return out


def attr_dict(data):
    return {t: p for t, p in parse_attrs(data)}


class NlError(Exception):
    """An NLMSG_ERROR reply: errno, extack message and bad-attribute offset."""

    def __init__(self, err, msg, offs):
        Exception.__init__(self, '%s (%s)%s' % (
            errno.errorcode.get(err, err), os.strerror(err),
            ': ' + msg if msg else ''))
        self.errno = err
        self.msg = msg
        self.offs = offs


class Msg(object):
    """A received generic netlink message of an OVS family."""

    def __init__(self, nltype, flags, cmd, dp_ifindex, attrs):
        self.nltype = nltype
        self.flags = flags
        self.cmd = cmd
        self.dp_ifindex = dp_ifindex
        self.attrs = attrs

    def get(self, atype):
        return attr_dict(self.attrs).get(atype)


class GenlSocket(object):
    """A generic netlink socket."""

    def __init__(self, groups=()):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.sock.bind((0, 0))
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.pid = self.sock.getsockname()[0]
        self.seq = 1
        for g in groups:
            self.join(g)

    def join(self, group_id):
        self.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group_id)

    def close(self):
        self.sock.close()

    def send(self, nltype, flags, payload):
        self.seq += 1
        hdr = struct.pack('IHHII', 16 + len(payload), nltype, flags,
                          self.seq, 0)
        self.sock.send(hdr + payload)
        return self.seq

    def recv(self, timeout=5.0):
        """Returns the messages of one datagram, [] on timeout."""
        r, _, _ = select.select([self.sock], [], [], timeout)
        if not r:
            return []
        data = self.sock.recv(1 << 17)
        msgs = []
        while len(data) >= 16:
            mlen, mtype, mflags, mseq, mpid = struct.unpack_from('IHHII',
                                                                 data)
            msgs.append((mtype, mflags, mseq, data[16:mlen]))
            data = data[(mlen + 3) & ~3:]
        return msgs

    def transact(self, nltype, flags, payload, hdrlen=8):
        """Sends a request and returns its replies as (type, flags, body),
        raising NlError for an error.  A dump ends at NLMSG_DONE, anything
        else at the acknowledgement."""
        seq = self.send(nltype, flags | NLM_F_REQUEST | NLM_F_ACK, payload)
        replies = []
        while True:
            msgs = self.recv()
            if not msgs:
                raise RuntimeError('no reply to request %d' % seq)
            for mtype, mflags, mseq, body in msgs:
                if mseq != seq:
                    continue
                if mtype == NLMSG_ERROR:
                    err = -struct.unpack_from('i', body)[0]
                    msg, offs = None, None
                    if mflags & NLM_F_ACK_TLVS:
                        for t, p in parse_attrs(body[4 + 16:]):
                            if t == NLMSGERR_ATTR_MSG:
                                msg = p.rstrip(b'\0').decode()
                            elif t == NLMSGERR_ATTR_OFFS:
                                offs = struct.unpack('I', p)[0]
                    if err:
                        raise NlError(err, msg, offs)
                    return replies
                if mtype == NLMSG_DONE:
                    return replies
                replies.append((mtype, mflags, body))

    def resolve(self, name):
        """Returns (family id, {multicast group name: id})."""
        payload = struct.pack('BBH', CTRL_CMD_GETFAMILY, 1, 0) + \
            string(CTRL_ATTR_FAMILY_NAME, name)
        (_, _, body), = self.transact(GENL_ID_CTRL, 0, payload)
        a = attr_dict(body[4:])
        fid = struct.unpack('H', a[CTRL_ATTR_FAMILY_ID])[0]
        groups = {}
        for _, g in parse_attrs(a.get(CTRL_ATTR_MCAST_GROUPS, b'')):
            ga = attr_dict(g)
            groups[ga[CTRL_ATTR_MCAST_GRP_NAME].rstrip(b'\0').decode()] = \
                struct.unpack('I', ga[CTRL_ATTR_MCAST_GRP_ID])[0]
        return fid, groups


def ovs_payload(cmd, dp_ifindex, attrs, version=1):
    return struct.pack('BBHi', cmd, version, 0, dp_ifindex) + attrs


def parse_ovs(mtype, mflags, body):
    cmd = body[0]
    dp_ifindex = struct.unpack_from('i', body, 4)[0]
    return Msg(mtype, mflags, cmd, dp_ifindex, body[8:])


class Ovs(object):
    """The four OVS families on one socket."""

    def __init__(self):
        self.nl = GenlSocket()
        self.fam = {}
        self.groups = {}
        for name in ('ovs_datapath', 'ovs_vport', 'ovs_flow', 'ovs_packet'):
            self.fam[name], g = self.nl.resolve(name)
            self.groups.update(g)
        self.versions = {'ovs_datapath': 2}

    def request(self, family, cmd, dp_ifindex=0, attrs=b'', flags=0):
        payload = ovs_payload(cmd, dp_ifindex, attrs,
                              self.versions.get(family, 1))
        return [parse_ovs(*r)
                for r in self.nl.transact(self.fam[family], flags, payload)]

    def dump(self, family, cmd, dp_ifindex=0, attrs=b''):
        return self.request(family, cmd, dp_ifindex, attrs, NLM_F_DUMP)


class Checks(object):
    """TAP-like checks for the netlink tests: one "ok"/"not ok" line each."""

    def __init__(self):
        self.count = 0
        self.failures = 0

    def check(self, name, cond, detail=''):
        self.count += 1
        if cond:
            print('ok %d - %s' % (self.count, name))
        else:
            self.failures += 1
            print('not ok %d - %s %s' % (self.count, name, detail))
        sys.stdout.flush()
        return cond

    def expect_error(self, name, err, fn, msg=None):
        """Runs fn(), which must raise NlError with 'err' and, if given, an
        extended-ack message containing 'msg'."""
        try:
            fn()
        except NlError as e:
            ok = e.errno == err and (msg is None or (e.msg and msg in e.msg))
            return self.check(name, ok, 'got %s' % e)
        return self.check(name, False, 'unexpectedly succeeded')

    def finish(self):
        """Prints the summary; returns the exit status."""
        print('%d checks, %d failed' % (self.count, self.failures))
        return 1 if self.failures else 0
