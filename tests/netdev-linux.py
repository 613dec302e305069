# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0

"""Peers for tests/system-netdev-linux.at (run as root, in namespaces).

  raw-recv IFACE N READY     receive N frames on IFACE with a raw AF_PACKET
                             socket, ignoring frames sent from IFACE, and
                             print each in hex with its VLAN tag put back
                             (the kernel moves it to auxdata); creates file
                             READY when listening
  send IFACE PKT...          send scapy packets (Python expressions such as
                             "Ether()/Dot1Q(vlan=10)/IP()") from IFACE
  flood IFACE COUNT          send COUNT 60-byte frames from IFACE
  tcp-server ADDR PORT READY accept one TCP connection, read to the end,
                             print the byte count and SHA-256
  tcp-client ADDR PORT SIZE  connect, send SIZE deterministic pseudo-random
                             bytes, print the byte count and SHA-256
"""

import hashlib
import random
import socket
import struct
import sys

SOL_PACKET = 263
PACKET_AUXDATA = 8
ETH_P_ALL = 3
TP_STATUS_VLAN_VALID = 1 << 4
TP_STATUS_VLAN_TPID_VALID = 1 << 6


def raw_recv(iface, n, ready):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    s.bind((iface, ETH_P_ALL))
    s.settimeout(10)
    open(ready, "w").close()
    got = 0
    while got < n:
        data, anc, _, addr = s.recvmsg(65536, socket.CMSG_SPACE(20))
        if addr[2] == socket.PACKET_OUTGOING:
            continue
        for level, kind, val in anc:
            if level == SOL_PACKET and kind == PACKET_AUXDATA:
                (status, _, _, _, _,
                 tci, tpid) = struct.unpack("IIIHHHH", val[:20])
                if status & TP_STATUS_VLAN_VALID:
                    if not status & TP_STATUS_VLAN_TPID_VALID:
                        tpid = 0x8100
                    data = (data[:12] + struct.pack("!HH", tpid, tci)
                            + data[12:])
        print(data.hex(), flush=True)
        got += 1


def send(iface, exprs):
    import scapy.all
    pkts = [eval(e, vars(scapy.all)) for e in exprs]
    scapy.all.sendp(pkts, iface=iface, verbose=0)


def flood(iface, count):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    frame = bytes.fromhex("0066778899aa0011223344550800") + bytes(46)
    for _ in range(count):
        s.send(frame)


def tcp_server(addr, port, ready):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(1)
    s.settimeout(30)
    open(ready, "w").close()
    c, _ = s.accept()
    c.settimeout(30)
    h = hashlib.sha256()
    total = 0
    while True:
        b = c.recv(1 << 20)
        if not b:
            break
        h.update(b)
        total += len(b)
    print(total, h.hexdigest())


def tcp_client(addr, port, size):
    data = random.Random(1).randbytes(size)
    c = socket.create_connection((addr, port), timeout=30)
    c.sendall(data)
    c.shutdown(socket.SHUT_WR)
    c.recv(1)
    c.close()
    print(size, hashlib.sha256(data).hexdigest())


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "raw-recv":
        raw_recv(args[0], int(args[1]), args[2])
    elif cmd == "send":
        send(args[0], args[1:])
    elif cmd == "flood":
        flood(args[0], int(args[1]))
    elif cmd == "tcp-server":
        tcp_server(args[0], int(args[1]), args[2])
    elif cmd == "tcp-client":
        tcp_client(args[0], int(args[1]), int(args[2]))
    else:
        sys.exit("unknown command %s" % cmd)


if __name__ == "__main__":
    main()
