#!/usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""A netlink fuzzer for the datapath module (in the guest, as root).

Starts from valid requests of every family (flows with every kind of key and
action, packet executions, vport and datapath queries and changes), mutates
them (flipped bytes, truncations, insertions, duplicated spans, rewritten
attribute lengths, extra nesting) and sends them while packets flow through
a port of the datapath.  The kernel must answer each one, accepted or not,
and must keep working: the datapath still answers at the end, and once it
is deleted the slab and per-CPU memory are back where they were (no leak).
A WARN or oops fails the guest suite by itself.

Environment: WEFT_FUZZ_ITERATIONS (default 20000), WEFT_FUZZ_SECONDS (a
time cap, default 60), WEFT_FUZZ_SEED.
"""

import errno
import os
import random
import socket
import struct
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ovsnl import *  # noqa: E402,F401,F403


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def meminfo():
    out = {}
    with open('/proc/meminfo') as f:
        for line in f:
            k, v = line.split(':')
            out[k] = int(v.split()[0])
    return out


def mac(s):
    return bytes(int(x, 16) for x in s.split(':'))


SRC = mac('02:00:00:00:0f:01')
DST = mac('02:00:00:00:0f:02')


def frames():
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28, 1, 0, 64, 17, 0,
                     socket.inet_aton('10.7.0.1'), socket.inet_aton('10.7.0.2'))
    udp = struct.pack('!HHHH', 1000, 2000, 8, 0)
    tcp = struct.pack('!HHIIBBHHH', 1000, 80, 1, 0, 0x50, 0x02, 1024, 0, 0)
    ip6 = struct.pack('!IHBB16s16s', 0x60000000, 32, 58, 255,
                      socket.inet_pton(socket.AF_INET6, 'fe80::1'),
                      socket.inet_pton(socket.AF_INET6, 'ff02::1:ff00:2'))
    nd = struct.pack('!BBHI16s', 135, 0, 0, 0,
                     socket.inet_pton(socket.AF_INET6, 'fe80::2')) + \
        b'\x01\x01' + SRC
    arp = struct.pack('!HHBBH6s4s6s4s', 1, 0x0800, 6, 4, 1, SRC,
                      socket.inet_aton('10.7.0.1'), b'\0' * 6,
                      socket.inet_aton('10.7.0.2'))
    eth = DST + SRC
    return [eth + b'\x08\x00' + ip + udp,
            eth + b'\x08\x00' + ip[:9] + b'\x06' + ip[10:] + tcp,
            eth + b'\x81\x00\x20\x0a\x08\x00' + ip + udp,
            eth + b'\x88\xa8\x00\x05\x81\x00\x00\x06\x08\x00' + ip + udp,
            eth + b'\x86\xdd' + ip6 + nd,
            eth + b'\x08\x06' + arp,
            eth + b'\x00\x20' + b'\xaa\xaa\x03\0\0\0\x08\x00' + ip + udp]


def key(in_port=1, etype=0x0800, proto=17, l4=(1000, 2000), vlan=None):
    inner = be16(OVS_KEY_ATTR_ETHERTYPE, etype)
    if etype == 0x0800:
        inner += attr(OVS_KEY_ATTR_IPV4, socket.inet_aton('10.7.0.1') +
                      socket.inet_aton('10.7.0.2') + bytes([proto, 0, 64, 0]))
        l4type = {17: OVS_KEY_ATTR_UDP, 6: OVS_KEY_ATTR_TCP,
                  132: OVS_KEY_ATTR_SCTP}.get(proto)
        if l4type:
            inner += attr(l4type, struct.pack('!HH', *l4))
    elif etype == 0x0806:
        inner += attr(OVS_KEY_ATTR_ARP, b'\0' * 24)
    k = u32(OVS_KEY_ATTR_RECIRC_ID, 0) + u32(OVS_KEY_ATTR_IN_PORT, in_port) + \
        attr(OVS_KEY_ATTR_ETHERNET, SRC + DST)
    if vlan is None:
        return k + inner
    return k + be16(OVS_KEY_ATTR_ETHERTYPE, 0x8100) + \
        be16(OVS_KEY_ATTR_VLAN, 0x1000 | vlan) + \
        nest(OVS_KEY_ATTR_ENCAP, inner)


def actions(pid):
    us = nest(OVS_ACTION_ATTR_USERSPACE, u32(OVS_USERSPACE_ATTR_PID, pid),
              attr(OVS_USERSPACE_ATTR_USERDATA, b'fz'))
    out = u32(OVS_ACTION_ATTR_OUTPUT, 2)
    return [
        out,
        us + out,
        nest(OVS_ACTION_ATTR_SET, attr(
            OVS_KEY_ATTR_IPV4, socket.inet_aton('10.7.9.9') +
            socket.inet_aton('10.7.0.2') + bytes([17, 0, 9, 0]))) + out,
        nest(OVS_ACTION_ATTR_SET_MASKED, attr(
            OVS_KEY_ATTR_UDP, struct.pack('!HHHH', 7, 0, 0xffff, 0))) + out,
        nest(OVS_ACTION_ATTR_SET, attr(OVS_KEY_ATTR_ETHERNET, DST + SRC)) + out,
        attr(OVS_ACTION_ATTR_PUSH_VLAN, struct.pack('!HH', 0x8100, 0x1005)) +
        out + attr(OVS_ACTION_ATTR_POP_VLAN) + out,
        nest(OVS_ACTION_ATTR_SAMPLE, u32(OVS_SAMPLE_ATTR_PROBABILITY,
                                         0x80000000),
             nest(OVS_SAMPLE_ATTR_ACTIONS, us)) + out,
        nest(OVS_ACTION_ATTR_CLONE, nest(OVS_ACTION_ATTR_CLONE, out), us),
        u32(OVS_ACTION_ATTR_TRUNC, 40) + us + out,
        attr(OVS_ACTION_ATTR_HASH, struct.pack('II', 0, 5)) +
        u32(OVS_ACTION_ATTR_RECIRC, 3),
        u32(OVS_ACTION_ATTR_RECIRC, 0),
        b'',
    ]


def mutate(rng, data):
    """Returns 'data' with one to three random mutations."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        if not data:
            data = bytearray(rng.randbytes(rng.randint(1, 16)))
            continue
        op = rng.randrange(8)
        i = rng.randrange(len(data))
        if op == 0:
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[i] = rng.randrange(256)
        elif op == 2:
            del data[i:]
        elif op == 3:
            data[i:i] = rng.randbytes(rng.randint(1, 8))
        elif op == 4:
            j = rng.randrange(i, len(data) + 1)
            data[i:i] = data[i:j]
        elif op == 5:
            # Rewrite the length of an attribute (any aligned offset).
            i &= ~3
            if i + 2 <= len(data):
                data[i:i + 2] = struct.pack('H', rng.choice(
                    [0, 1, 3, 4, 5, 8, 0xffff, rng.randrange(65536)]))
        elif op == 6:
            # Rewrite the type of an attribute.
            i &= ~3
            if i + 4 <= len(data):
                data[i + 2:i + 4] = struct.pack('H', rng.choice(
                    [0, 1, 2, 3, 30, 31, 32, 33, 100, 0x8000 | 2,
                     rng.randrange(65536)]))
        else:
            # Wrap a span in a nested attribute.
            j = rng.randrange(i, len(data) + 1)
            data[i:j] = attr(rng.randrange(1, 34), bytes(data[i:j]))
    return bytes(data)


def main():
    iterations = int(os.environ.get('WEFT_FUZZ_ITERATIONS', 20000))
    seconds = float(os.environ.get('WEFT_FUZZ_SECONDS', 60))
    seed = int(os.environ.get('WEFT_FUZZ_SEED', time.time()))
    rng = random.Random(seed)
    print('seed %d, up to %d iterations or %.0f s' % (seed, iterations,
                                                     seconds))

    sh('ip link add fzveth0 type veth peer name fzveth1')
    for d in ('fzveth0', 'fzveth1'):
        sh('sysctl -qw net.ipv6.conf.%s.disable_ipv6=1' % d)
        sh('ip link set %s up' % d)

    ovs = Ovs()
    up = GenlSocket()
    up.sock.setblocking(False)
    subprocess.run('sync; echo 2 > /proc/sys/vm/drop_caches', shell=True)
    time.sleep(1)
    before = meminfo()

    r = ovs.request('ovs_datapath', OVS_DP_CMD_NEW, 0,
                    string(OVS_DP_ATTR_NAME, 'fzdp') +
                    u32(OVS_DP_ATTR_UPCALL_PID, up.pid) +
                    u32(OVS_DP_ATTR_USER_FEATURES, 3), NLM_F_ECHO)
    dpi = r[0].dp_ifindex
    ovs.request('ovs_vport', OVS_VPORT_CMD_NEW, dpi,
                string(OVS_VPORT_ATTR_NAME, 'fzveth0') +
                u32(OVS_VPORT_ATTR_TYPE, OVS_VPORT_TYPE_NETDEV) +
                u32(OVS_VPORT_ATTR_UPCALL_PID, up.pid))
    ovs.request('ovs_vport', OVS_VPORT_CMD_NEW, dpi,
                string(OVS_VPORT_ATTR_NAME, 'fzint0') +
                u32(OVS_VPORT_ATTR_TYPE, OVS_VPORT_TYPE_INTERNAL) +
                u32(OVS_VPORT_ATTR_UPCALL_PID, up.pid))
    sh('sysctl -qw net.ipv6.conf.fzint0.disable_ipv6=1')
    sh('ip link set fzint0 up')

    pkts = frames()
    acts = actions(up.pid)
    keys = [key(), key(proto=6, l4=(1000, 80)), key(vlan=10),
            key(etype=0x0806), key(in_port=2), key(etype=0x86dd)]
    seeds = []
    for k in keys:
        for a in acts:
            ufid = rng.randbytes(16)
            seeds.append(('ovs_flow', OVS_FLOW_CMD_NEW,
                          attr(OVS_FLOW_ATTR_UFID, ufid) +
                          nest(OVS_FLOW_ATTR_KEY, k) +
                          nest(OVS_FLOW_ATTR_ACTIONS, a)))
    seeds.append(('ovs_flow', OVS_FLOW_CMD_NEW,
                  nest(OVS_FLOW_ATTR_KEY, key()) +
                  nest(OVS_FLOW_ATTR_MASK, u32(OVS_KEY_ATTR_IN_PORT, 0xffffffff) +
                       be16(OVS_KEY_ATTR_ETHERTYPE, 0xffff)) +
                  nest(OVS_FLOW_ATTR_ACTIONS, acts[1])))
    seeds.append(('ovs_flow', OVS_FLOW_CMD_SET,
                  nest(OVS_FLOW_ATTR_KEY, key()) +
                  nest(OVS_FLOW_ATTR_ACTIONS, acts[3]) +
                  attr(OVS_FLOW_ATTR_CLEAR)))
    seeds.append(('ovs_flow', OVS_FLOW_CMD_GET,
                  nest(OVS_FLOW_ATTR_KEY, key())))
    seeds.append(('ovs_flow', OVS_FLOW_CMD_DEL,
                  nest(OVS_FLOW_ATTR_KEY, key())))
    for p in pkts:
        for a in acts:
            seeds.append(('ovs_packet', OVS_PACKET_CMD_EXECUTE,
                          attr(OVS_PACKET_ATTR_PACKET, p) +
                          nest(OVS_PACKET_ATTR_KEY,
                               u32(OVS_KEY_ATTR_IN_PORT, 1)) +
                          nest(OVS_PACKET_ATTR_ACTIONS, a)))
    seeds.append(('ovs_vport', OVS_VPORT_CMD_SET,
                  u32(OVS_VPORT_ATTR_PORT_NO, 1) +
                  attr(OVS_VPORT_ATTR_UPCALL_PID,
                       struct.pack('III', up.pid, up.pid, 0))))
    seeds.append(('ovs_vport', OVS_VPORT_CMD_GET,
                  string(OVS_VPORT_ATTR_NAME, 'fzint0')))
    seeds.append(('ovs_datapath', OVS_DP_CMD_GET,
                  string(OVS_DP_ATTR_NAME, 'fzdp')))
    seeds.append(('ovs_datapath', OVS_DP_CMD_SET,
                  u32(OVS_DP_ATTR_MASKS_CACHE_SIZE, 64) +
                  u32(OVS_DP_ATTR_USER_FEATURES, 3)))

    # Packets keep coming through the datapath meanwhile.
    stop = threading.Event()

    def traffic():
        tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        tx.bind(('fzveth1', 0))
        while not stop.is_set():
            for p in pkts:
                try:
                    tx.send(p)
                except OSError:
                    pass
            time.sleep(0.002)

    def drain():
        while not stop.is_set():
            try:
                up.sock.recv(1 << 17)
            except BlockingIOError:
                time.sleep(0.01)
            except OSError:
                pass

    threads = [threading.Thread(target=traffic),
               threading.Thread(target=drain)]
    for t in threads:
        t.start()

    counts = {}
    start = time.time()
    n = 0
    try:
        while n < iterations and time.time() - start < seconds:
            n += 1
            family, cmd, attrs = rng.choice(seeds)
            if rng.random() < 0.9:
                attrs = mutate(rng, attrs)
            flags = rng.choice([0, NLM_F_ECHO, NLM_F_CREATE,
                                NLM_F_ECHO | NLM_F_CREATE])
            try:
                ovs.request(family, cmd, dpi, attrs, flags)
                counts['ok'] = counts.get('ok', 0) + 1
            except NlError as e:
                name = errno.errorcode.get(e.errno, str(e.errno))
                counts[name] = counts.get(name, 0) + 1
            if n % 2000 == 0:
                ovs.request('ovs_flow', OVS_FLOW_CMD_DEL, dpi)
    finally:
        stop.set()
        for t in threads:
            t.join()
    elapsed = time.time() - start
    print('%d requests in %.1f s: %s' % (n, elapsed, sorted(counts.items())))

    ok = True
    r = ovs.request('ovs_datapath', OVS_DP_CMD_GET, dpi)
    stats = struct.unpack('4Q', r[0].get(OVS_DP_ATTR_STATS))
    print('datapath still answers: hit %d missed %d lost %d flows %d'
          % stats)
    ovs.dump('ovs_flow', OVS_FLOW_CMD_GET, dpi)
    ovs.request('ovs_datapath', OVS_DP_CMD_DEL, dpi)
    sh('ip link del fzveth0')
    up.close()
    ovs.nl.close()

    # Everything freed after RCU grace periods: slab and per-CPU memory back
    # to what they were, within a tolerance for unrelated activity.
    time.sleep(3)
    subprocess.run('sync; echo 2 > /proc/sys/vm/drop_caches', shell=True)
    time.sleep(1)
    after = meminfo()
    for k in ('Slab', 'Percpu'):
        grew = after[k] - before[k]
        print('%s: %d kB before, %d kB after (%+d kB)' % (k, before[k],
                                                         after[k], grew))
        if grew > 1024:
            print('FAIL: %s grew by %d kB' % (k, grew))
            ok = False
    if n < 1000:
        print('FAIL: only %d requests' % n)
        ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
