#!/usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Netlink-level tests of the ovs_meter family and the meter action (in the
guest, as root, with our module loaded).

Features; set, get and delete with their replies; a packets-per-second
meter and a kbit/s meter on executed packets (what passes reaches a
userspace action, the rest is counted in the band); statistics kept or
cleared when a meter is replaced; bad requests (missing, unknown,
duplicate and wrongly sized attributes, bad bands, unknown meters and
datapaths), each failing with the right errno and an extended-ack message
and changing nothing.

Prints one "ok"/"not ok" line per check and exits non-zero if any failed.
"""

import errno
import os
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ovsnl import *  # noqa: E402,F401,F403

OVS_METER_CMD_FEATURES, OVS_METER_CMD_SET, OVS_METER_CMD_DEL, \
    OVS_METER_CMD_GET = 1, 2, 3, 4
(OVS_METER_ATTR_ID, OVS_METER_ATTR_KBPS, OVS_METER_ATTR_STATS,
 OVS_METER_ATTR_BANDS, OVS_METER_ATTR_USED, OVS_METER_ATTR_CLEAR,
 OVS_METER_ATTR_MAX_METERS, OVS_METER_ATTR_MAX_BANDS,
 OVS_METER_ATTR_PAD) = range(1, 10)
(OVS_BAND_ATTR_TYPE, OVS_BAND_ATTR_RATE, OVS_BAND_ATTR_BURST,
 OVS_BAND_ATTR_STATS) = range(1, 5)
OVS_METER_BAND_TYPE_DROP = 1

_checks = Checks()
check = _checks.check
expect_error = _checks.expect_error


def band(rate, burst, btype=OVS_METER_BAND_TYPE_DROP):
    return nest(0, u32(OVS_BAND_ATTR_TYPE, btype) +
                u32(OVS_BAND_ATTR_RATE, rate) +
                u32(OVS_BAND_ATTR_BURST, burst))


def stats(payload):
    """(packets, bytes) of an ovs_flow_stats attribute."""
    return struct.unpack('QQ', payload)


def band_stats(msg):
    """[(packets, bytes)] of the bands of a meter reply."""
    out = []
    for _, b in parse_attrs(msg.get(OVS_METER_ATTR_BANDS) or b''):
        out.append(stats(attr_dict(b)[OVS_BAND_ATTR_STATS]))
    return out


def main():
    with open('/proc/modules') as f:
        loaded = any(line.startswith('openvswitch ') for line in f)
    if not loaded:
        subprocess.run([os.path.join(os.environ['WEFT_KMOD_DIR'],
                                     'kmod-load.sh'), os.environ['WEFT_KO']],
                       check=True)
    ovs = Ovs()
    nl = ovs.nl
    mfam, groups = nl.resolve('ovs_meter')
    check('ovs_meter has its multicast group', 'ovs_meter' in groups)
    up = GenlSocket()
    pkt_fam = ovs.fam['ovs_packet']

    r = ovs.request('ovs_datapath', OVS_DP_CMD_NEW, 0,
                    string(OVS_DP_ATTR_NAME, 'mtest0') +
                    u32(OVS_DP_ATTR_UPCALL_PID, 0), NLM_F_ECHO)
    dpi = r[0].dp_ifindex

    def meter(cmd, attrs=b'', dp=None, flags=0):
        payload = ovs_payload(cmd, dpi if dp is None else dp, attrs)
        return [parse_ovs(*x) for x in nl.transact(mfam, flags, payload)]

    # ---- Features. ----------------------------------------------------
    f = meter(OVS_METER_CMD_FEATURES)[0]
    check('features: 200000 meters, 1 band',
          f.get(OVS_METER_ATTR_MAX_METERS) == struct.pack('I', 200000) and
          f.get(OVS_METER_ATTR_MAX_BANDS) == struct.pack('I', 1))
    bands = parse_attrs(f.get(OVS_METER_ATTR_BANDS) or b'')
    check('features: one band type, drop',
          len(bands) == 1 and attr_dict(bands[0][1]).get(OVS_BAND_ATTR_TYPE)
          == struct.pack('I', OVS_METER_BAND_TYPE_DROP))

    # ---- Bad requests. --------------------------------------------------
    ok_bands = nest(OVS_METER_ATTR_BANDS, band(10, 10))
    expect_error('set without an id', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, ok_bands),
                 'OVS_METER_ATTR_ID')
    expect_error('set without bands', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1)),
                 'OVS_METER_ATTR_BANDS')
    expect_error('set with a 2-byte id', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET,
                               u16(OVS_METER_ATTR_ID, 1) + ok_bands),
                 'wrong size')
    expect_error('set with an unknown attribute', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1) +
                               ok_bands + u32(40, 0)),
                 'unknown attribute type')
    expect_error('set with a duplicate attribute', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1) +
                               u32(OVS_METER_ATTR_ID, 1) + ok_bands),
                 'duplicate attribute')
    expect_error('set with no band in the bands', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1) +
                               nest(OVS_METER_ATTR_BANDS)),
                 'needs a band')
    expect_error('set with two bands', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1) +
                               nest(OVS_METER_ATTR_BANDS, band(10, 10),
                                    band(20, 10))),
                 'too many bands')
    expect_error('set with a band of unknown type', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1) +
                               nest(OVS_METER_ATTR_BANDS, band(10, 10, 2))),
                 'band type')
    expect_error('set with a zero rate', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1) +
                               nest(OVS_METER_ATTR_BANDS, band(0, 10))),
                 'rate')
    expect_error('set with a wrongly sized band rate', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1) +
                               nest(OVS_METER_ATTR_BANDS, nest(
                                   0, u32(OVS_BAND_ATTR_TYPE, 1) +
                                   u16(OVS_BAND_ATTR_RATE, 10)))),
                 'wrong size')
    expect_error('set on a missing datapath', errno.ENODEV,
                 lambda: meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 1) +
                               ok_bands, dp=0x7ffffff0),
                 'no datapath')
    expect_error('get of a meter never set', errno.ENOENT,
                 lambda: meter(OVS_METER_CMD_GET, u32(OVS_METER_ATTR_ID, 1)),
                 'no meter')
    expect_error('del of a meter never set', errno.ENOENT,
                 lambda: meter(OVS_METER_CMD_DEL, u32(OVS_METER_ATTR_ID, 1)),
                 'no meter')
    expect_error('get without an id', errno.EINVAL,
                 lambda: meter(OVS_METER_CMD_GET), 'OVS_METER_ATTR_ID')

    # ---- Set, get. ------------------------------------------------------
    # Ids are any u32 (upstream's switch probes with ids in the millions).
    r = meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 54545401) +
              ok_bands)
    check('set replies with the id and zero stats',
          len(r) == 1 and r[0].cmd == OVS_METER_CMD_SET and
          r[0].get(OVS_METER_ATTR_ID) == struct.pack('I', 54545401) and
          stats(r[0].get(OVS_METER_ATTR_STATS)) == (0, 0) and
          band_stats(r[0]) == [(0, 0)])
    r = meter(OVS_METER_CMD_GET, u32(OVS_METER_ATTR_ID, 54545401))
    check('get finds it, never used',
          stats(r[0].get(OVS_METER_ATTR_STATS)) == (0, 0) and
          r[0].get(OVS_METER_ATTR_USED) is None)

    # ---- Packets through meters. ----------------------------------------
    # 125 bytes: 1 kbit.
    frame = (b'\x02\0\0\0\0\x02' + b'\x02\0\0\0\0\x01' + b'\x88\xb5' +
             b'\0' * 111)
    key = u32(OVS_KEY_ATTR_IN_PORT, 0)

    def execute(meter_id, n, pkt=frame):
        for i in range(n):
            ovs.request('ovs_packet', OVS_PACKET_CMD_EXECUTE, dpi,
                        attr(OVS_PACKET_ATTR_PACKET, pkt) +
                        nest(OVS_PACKET_ATTR_KEY, key) +
                        nest(OVS_PACKET_ATTR_ACTIONS,
                             u32(OVS_ACTION_ATTR_METER, meter_id) +
                             nest(OVS_ACTION_ATTR_USERSPACE,
                                  u32(OVS_USERSPACE_ATTR_PID, up.pid))))
        got = 0
        while True:
            msgs = up.recv(0.5)
            if not msgs:
                return got
            got += sum(1 for m in msgs if m[0] == pkt_fam)

    # 1 packet a second with a burst of 3: 3 of 20 back-to-back packets
    # pass, then, a second later, one more.
    meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 7) +
          nest(OVS_METER_ATTR_BANDS, band(1, 3)))
    got = execute(7, 20)
    check('pktps meter: the burst passes, the rest is dropped', got == 3,
          'got %d' % got)
    r = meter(OVS_METER_CMD_GET, u32(OVS_METER_ATTR_ID, 7))[0]
    check('pktps meter: 20 packets in, 17 in the band',
          stats(r.get(OVS_METER_ATTR_STATS)) == (20, 20 * len(frame)) and
          band_stats(r) == [(17, 17 * len(frame))])
    check('pktps meter: used is set', r.get(OVS_METER_ATTR_USED) is not None)
    time.sleep(1.2)
    got = execute(7, 5)
    check('pktps meter: refilled by the rate', got == 1, 'got %d' % got)
    meter_id_missing = 99
    got = execute(meter_id_missing, 3)
    check('a missing meter lets everything through', got == 3)

    # 1 kbit/s with a burst of 3 kbit: three 1-kbit frames of ten pass.
    meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 8) +
          flag_attr(OVS_METER_ATTR_KBPS) +
          nest(OVS_METER_ATTR_BANDS, band(1, 3)))
    got = execute(8, 10)
    check('kbps meter: 3 kbit of 1-kbit frames pass', got == 3,
          'got %d' % got)

    # Replacing a meter keeps its statistics, unless asked to clear them.
    r = meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 7) +
              nest(OVS_METER_ATTR_BANDS, band(1, 1)))
    check('replaced meter keeps its stats',
          stats(r[0].get(OVS_METER_ATTR_STATS))[0] == 25)
    r = meter(OVS_METER_CMD_SET, u32(OVS_METER_ATTR_ID, 7) +
              flag_attr(OVS_METER_ATTR_CLEAR) +
              nest(OVS_METER_ATTR_BANDS, band(1, 1)))
    check('replaced meter with CLEAR starts again',
          stats(r[0].get(OVS_METER_ATTR_STATS)) == (0, 0))

    # ---- The action in flows. --------------------------------------------
    fkey = (u32(OVS_KEY_ATTR_IN_PORT, 0) +
            attr(OVS_KEY_ATTR_ETHERNET, b'\x02\0\0\0\0\x01\x02\0\0\0\0\x02') +
            be16(OVS_KEY_ATTR_ETHERTYPE, 0x88b5))
    ovs.request('ovs_flow', OVS_FLOW_CMD_NEW, dpi,
                nest(OVS_FLOW_ATTR_KEY, fkey) +
                nest(OVS_FLOW_ATTR_ACTIONS, u32(OVS_ACTION_ATTR_METER, 7)))
    r = ovs.request('ovs_flow', OVS_FLOW_CMD_GET, dpi,
                    nest(OVS_FLOW_ATTR_KEY, fkey))
    check('a flow keeps its meter action',
          r[0].get(OVS_FLOW_ATTR_ACTIONS) ==
          u32(OVS_ACTION_ATTR_METER, 7))
    expect_error('a 2-byte meter action', errno.EINVAL,
                 lambda: ovs.request('ovs_flow', OVS_FLOW_CMD_SET, dpi,
                                     nest(OVS_FLOW_ATTR_KEY, fkey) +
                                     nest(OVS_FLOW_ATTR_ACTIONS,
                                          u16(OVS_ACTION_ATTR_METER, 7))),
                 'wrong size')

    # ---- Delete. -------------------------------------------------------------
    r = meter(OVS_METER_CMD_DEL, u32(OVS_METER_ATTR_ID, 8))
    check('del replies with the last stats',
          stats(r[0].get(OVS_METER_ATTR_STATS)) == (10, 10 * len(frame)) and
          band_stats(r[0]) == [(7, 7 * len(frame))])
    expect_error('get after del', errno.ENOENT,
                 lambda: meter(OVS_METER_CMD_GET, u32(OVS_METER_ATTR_ID, 8)),
                 'no meter')
    got = execute(8, 3)
    check('a deleted meter lets everything through', got == 3)

    # Meters go with their datapath (the module unloads cleanly later).
    ovs.request('ovs_datapath', OVS_DP_CMD_DEL, dpi)
    expect_error('get after the datapath is gone', errno.ENODEV,
                 lambda: meter(OVS_METER_CMD_GET, u32(OVS_METER_ATTR_ID, 7)))

    return _checks.finish()


def flag_attr(atype):
    return attr(atype)


if __name__ == '__main__':
    sys.exit(main())
