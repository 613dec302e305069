#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Packet captures for the flow extraction tests (tests/flow.at).

  flow-pcap.py packets OUT.pcap
      Writes packets of every protocol that flow_extract() parses, with
      malformed variants and every truncation of some of them.
  flow-pcap.py base OUT.pcap
      Writes only the well-formed packets.
  flow-pcap.py wrap IN.pcap OUT.pcap
      Wraps each packet of IN.pcap into an OpenFlow 1.0 packet-in message
      and writes the messages as one TCP stream (port 6653) to OUT.pcap,
      so that "ovs-ofctl ofp-parse-pcap OUT.pcap" prints each packet's
      flow.
  flow-pcap.py flows OUT.txt
      Prints the "ofp-parse-pcap" flow lines of the reference output read
      from stdin (dropping the stream and message header lines).
  flow-pcap.py gso OUT.pcap
      Writes large TCP/IPv4, TCP/IPv6 and UDP packets for segmentation.
  flow-pcap.py partial OUT.pcap
      Writes TCP and UDP packets whose checksum field holds the
      pseudo-header sum (a partial checksum, as a virtio-net device
      hands them over with VIRTIO_NET_HDR_F_NEEDS_CSUM).
  flow-pcap.py check IN.pcap
      Verifies the IP, TCP, UDP, ICMP, ICMPv6 and SCTP checksums of every
      packet in IN.pcap by recomputing them with scapy, and prints one
      summary line per packet.
"""

import struct
import sys

from scapy.all import (ARP, Dot1Q, Ether, ICMP, IP, LLC, Raw, SNAP, TCP,
                       UDP, rdpcap, wrpcap, raw)
from scapy.layers.inet6 import (ICMPv6EchoReply, ICMPv6EchoRequest,
                                ICMPv6ND_NA,
                                ICMPv6ND_NS, ICMPv6NDOptDstLLAddr,
                                ICMPv6NDOptSrcLLAddr, IPv6,
                                IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                                IPv6ExtHdrHopByHop, IPv6ExtHdrRouting)
from scapy.layers.ipsec import AH
from scapy.layers.sctp import SCTP
from scapy.contrib.mpls import MPLS

M = dict(src="00:11:22:33:44:55", dst="66:77:88:99:aa:bb")
V4 = dict(src="10.0.0.1", dst="10.0.0.2")
V6 = dict(src="fe80::1", dst="2001:db8::2")


def base_packets():
    """Well-formed packets, one or more per protocol."""
    e = Ether(**M)
    pk = [
        e / IP(tos=0x5d, ttl=33, **V4) / TCP(sport=1234, dport=80,
                                              flags="SA") / b"hello",
        e / IP(**V4) / TCP(flags="FPUECN"),
        e / IP(**V4) / TCP(flags=0),
        e / IP(**V4) / UDP(sport=53, dport=5353) / (b"x" * 20),
        e / IP(**V4) / ICMP(type=8, code=0) / b"ping",
        e / IP(**V4) / ICMP(type=3, code=4),
        e / IP(**V4) / SCTP(sport=7, dport=9),
        e / IP(proto=2, **V4) / Raw(b"\x16\x00\xfa\x04\xe0\x01\x02\x03"),
        e / IP(proto=47, **V4) / Raw(b"\x00\x00\x65\x58"),
        e / IP(options=b"\x07\x07\x04\x00\x00\x00\x00\x00", **V4) / TCP(),
        e / IP(flags="MF", **V4) / UDP(),
        e / IP(frag=100, **V4) / UDP(),
        e / IP(frag=1, flags="MF", proto=6, **V4) / Raw(b"x" * 30),
        e / IP(flags="DF", **V4) / UDP(),
        e / ARP(op=2, hwsrc="00:11:22:33:44:55", psrc="1.2.3.4",
                hwdst="aa:bb:cc:dd:ee:ff", pdst="5.6.7.8"),
        e / ARP(op=1, psrc="1.2.3.4", pdst="5.6.7.9"),
        e / ARP(op=0x1234),
        e / ARP(hwtype=6),
        e / ARP(ptype=0x86dd),
        e / ARP(hwlen=8),
        Ether(type=0x8035, **M) / ARP(op=3),
        e / Dot1Q(vlan=10, prio=3) / IP(**V4) / TCP(),
        e / Dot1Q(vlan=0, prio=0) / IP(**V4) / UDP(),
        e / Dot1Q(vlan=4095, prio=7, id=1) / ARP(),
        Ether(type=0x88a8, **M) / Dot1Q(vlan=100, prio=1)
        / Dot1Q(vlan=10, prio=3) / IP(**V4) / TCP(),
        e / Dot1Q(vlan=1) / Dot1Q(vlan=2) / Dot1Q(vlan=3) / IP(**V4),
        e / Dot1Q(vlan=1, type=0x88a8) / Dot1Q(vlan=2) / IPv6(**V6),
        e / IPv6(tc=0x12, fl=0x12345, hlim=7, **V6) / TCP(sport=1, dport=2,
                                                         flags="F"),
        e / IPv6(**V6) / UDP(sport=546, dport=547) / b"dhcp",
        e / IPv6(**V6) / SCTP(sport=3, dport=4),
        e / IPv6(**V6) / ICMPv6EchoRequest(),
        e / IPv6(src="fe80::1", dst="ff02::1")
        / ICMPv6ND_NS(tgt="fe80::99")
        / ICMPv6NDOptSrcLLAddr(lladdr="00:11:22:33:44:55"),
        e / IPv6(src="fe80::1", dst="ff02::1")
        / ICMPv6ND_NA(tgt="fe80::99")
        / ICMPv6NDOptDstLLAddr(lladdr="00:11:22:33:44:56"),
        e / IPv6(src="fe80::1", dst="ff02::1")
        / ICMPv6ND_NS(tgt="fe80::98")
        / ICMPv6NDOptSrcLLAddr(lladdr="00:11:22:33:44:55")
        / ICMPv6NDOptDstLLAddr(lladdr="00:11:22:33:44:57"),
        e / IPv6(src="fe80::1", dst="ff02::1")
        / ICMPv6ND_NS(tgt="fe80::98")
        / ICMPv6NDOptSrcLLAddr(lladdr="00:11:22:33:44:55")
        / ICMPv6NDOptSrcLLAddr(lladdr="00:11:22:33:44:58"),
        e / IPv6(src="fe80::1", dst="ff02::1")
        / ICMPv6ND_NS(tgt="fe80::98") / Raw(b"\x01\x00" + b"\0" * 6),
        e / IPv6(src="fe80::1", dst="ff02::1")
        / ICMPv6ND_NA(tgt="fe80::98", code=1),
        e / IPv6(src="fe80::1", dst="ff02::1")
        / ICMPv6ND_NA(tgt="fe80::98") / Raw(b"\x05\x01" + b"\0" * 6),
        e / IPv6(**V6) / IPv6ExtHdrFragment(offset=0, m=1) / UDP(),
        e / IPv6(**V6) / IPv6ExtHdrFragment(offset=10, m=0) / UDP(),
        e / IPv6(**V6) / IPv6ExtHdrFragment(offset=0, m=0) / TCP(),
        e / IPv6(**V6) / IPv6ExtHdrHopByHop() / IPv6ExtHdrRouting()
        / IPv6ExtHdrDestOpt() / TCP(),
        e / IPv6(**V6) / AH(nh=17, payloadlen=4, icv=b"\0" * 12) / UDP(),
        e / IPv6(**V6, nh=59),
        e / LLC(dsap=0x42, ssap=0x42, ctrl=3) / Raw(b"stp"),
        e / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0, code=0x0800)
        / IP(**V4) / UDP(),
        e / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0x00000c,
                                                     code=0x2000),
        e / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0, code=0x0100),
        Ether(type=0x8847, **M) / MPLS(label=100, cos=3, ttl=64, s=1)
        / IP(**V4),
        Ether(type=0x8847, **M) / MPLS(label=1, s=0) / MPLS(label=2, s=0)
        / MPLS(label=3, s=0) / MPLS(label=4, s=1),
        Ether(type=0x8848, **M) / MPLS(label=5, s=1),
        Ether(type=0x88cc, **M) / Raw(b"lldp"),
        Ether(type=0x0000, **M),
    ]
    for p in pk:
        # Make the lengths and checksums concrete before any truncation.
        p.do_build()
    return [Ether(raw(p)) for p in pk]


def malformed_packets():
    """Packets with inconsistent lengths and other bad fields."""
    e = Ether(**M)
    ip = raw(IP(**V4) / UDP(sport=1, dport=2) / b"abcd")
    ip6 = raw(IPv6(**V6) / UDP(sport=1, dport=2) / b"abcd")
    out = []

    def ip_with(**kw):
        b = bytearray(ip)
        for ofs, val in kw.get("bytes", []):
            b[ofs] = val
        return raw(e)[:12] + b"\x08\x00" + bytes(b)

    out.append(ip_with(bytes=[(0, 0x44)]))          # IHL 4.
    out.append(ip_with(bytes=[(0, 0x4f)]))          # IHL past the end.
    out.append(ip_with(bytes=[(0, 0x65)]))          # Version 6.
    out.append(ip_with(bytes=[(2, 0x00), (3, 0x10)]))   # tot_len < IHL.
    out.append(ip_with(bytes=[(2, 0x01), (3, 0x00)]))   # tot_len > size.
    out.append(ip_with(bytes=[(2, 0x00), (3, 0x1a)]))   # Short UDP.
    out.append(ip_with() + b"\xee" * 10)            # Ethernet padding.
    b6 = bytearray(ip6)
    b6[0] = 0x40                                    # IPv6 version 4.
    out.append(raw(e)[:12] + b"\x86\xdd" + bytes(b6))
    b6 = bytearray(ip6)
    b6[5] = 0xff                                    # Payload too long.
    out.append(raw(e)[:12] + b"\x86\xdd" + bytes(b6))
    b6 = bytearray(ip6)
    b6[5] = 4                                       # Payload too short.
    out.append(raw(e)[:12] + b"\x86\xdd" + bytes(b6))
    out.append(raw(e / IPv6(**V6) / IPv6ExtHdrHopByHop(len=20) / UDP()))
    out.append(raw(e / IPv6(**V6) / TCP(dataofs=3)))
    out.append(raw(e / IP(**V4) / TCP(dataofs=15)))
    out.append(raw(Ether(type=0x0100, **M) / Raw(b"xx")))
    out.append(raw(Ether(type=0x05ff, **M) / Raw(b"\xaa\xaa\x03\0\0\0")))
    nd = raw(e / IPv6(src="fe80::1", dst="ff02::1")
             / ICMPv6ND_NS(tgt="fe80::97")
             / ICMPv6NDOptSrcLLAddr(lladdr="00:11:22:33:44:55"))
    out.append(nd + b"\x02\x02" + b"\0" * 6)     # Option past the end.
    out.append(nd + b"\x02\x01\0\0\0\0")       # Truncated option.
    out.append(nd + b"\x03\x02" + b"\0" * 14)    # Other option.
    return [Ether(p) for p in out]


def truncations(packets):
    out = []
    for p in packets:
        b = raw(p)
        for n in range(len(b)):
            out.append(b[:n])
    return out


def write_pcap(name, frames):
    """Writes the byte strings 'frames' to a classic Ethernet pcap file
    (scapy would mangle frames too short for an Ethernet header)."""
    with open(name, "wb") as f:
        f.write(struct.pack("=IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, frame in enumerate(frames):
            f.write(struct.pack("=IIII", i, 0, len(frame), len(frame)))
            f.write(frame)


def read_pcap(name):
    """Returns the frames in classic pcap file 'name' as byte strings."""
    with open(name, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    ofs = 24
    frames = []
    while ofs + 16 <= len(data):
        incl = struct.unpack(order + "IIII", data[ofs:ofs + 16])[2]
        frames.append(data[ofs + 16:ofs + 16 + incl])
        ofs += 16 + incl
    return frames


def cmd_packets(out):
    base = base_packets()
    trunc_src = [base[i] for i in (0, 3, 4, 6, 7, 14, 22, 24, 27, 31, 33,
                                   38, 41, 42, 43, 44, 48, 49, 50)]
    write_pcap(out, [raw(p) for p in base + malformed_packets()]
               + truncations(trunc_src))


def cmd_wrap(inp, out):
    msgs = b""
    for d in read_pcap(inp):
        body = struct.pack("!IHHBB", 0xffffffff, len(d), 1, 0, 0) + d
        msgs += struct.pack("!BBHI", 1, 10, 8 + len(body), 0) + body
    pk = []
    seq = 1000
    for i in range(0, len(msgs), 1400):
        chunk = msgs[i:i + 1400]
        pk.append(Ether() / IP(src="1.1.1.1", dst="2.2.2.2")
                  / TCP(sport=6653, dport=40000, seq=seq, flags="A")
                  / chunk)
        seq += len(chunk)
    wrpcap(out, pk)


def cmd_flows():
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line or line.endswith(":") or line.startswith("OFPT_"):
            continue
        print(line)


def cmd_gso(out):
    e = Ether(**M)
    payload = bytes(range(256)) * 40
    wrpcap(out, [
        e / IP(id=100, **V4) / TCP(sport=1, dport=2, seq=1000,
                                   flags="PA") / payload[:5000],
        e / IP(id=7, **V4) / TCP(sport=3, dport=4, seq=0xfffffff0,
                                 flags="FPAC",
                                 options=[("NOP", None), ("NOP", None),
                                          ("Timestamp", (1, 2))])
        / payload[:3001],
        e / Dot1Q(vlan=5) / IPv6(**V6) / TCP(sport=5, dport=6, seq=9,
                                             flags="A") / payload[:4000],
        e / IP(**V4) / TCP(sport=7, dport=8) / payload[:100],
        e / IP(**V4) / UDP(sport=9, dport=10) / payload[:3000],
        e / IPv6(**V6) / UDP(sport=11, dport=12) / payload[:2000],
    ])


def pseudo_sum(p):
    """Returns the pseudo-header sum (not complemented) of 'p''s L4."""
    if IP in p:
        ip = p[IP]
        l4 = raw(ip.payload)
        hdr = (raw(ip)[12:20] + struct.pack("!BBH", 0, ip.proto, len(l4)))
    else:
        ip = p[IPv6]
        l4 = raw(ip.payload)
        hdr = (raw(ip)[8:40] + struct.pack("!IxxxB", len(l4), ip.nh))
    s = 0
    for i in range(0, len(hdr), 2):
        s += (hdr[i] << 8) | hdr[i + 1]
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


def cmd_partial(out):
    e = Ether(**M)
    pk = [e / IP(**V4) / TCP(sport=1, dport=2) / b"odd",
          e / IP(**V4) / UDP(sport=3, dport=4) / b"even",
          e / IPv6(**V6) / TCP(sport=5, dport=6) / (b"z" * 999),
          e / Dot1Q(vlan=3) / IPv6(**V6) / UDP(sport=7, dport=8) / b"q"]
    res = []
    for p in pk:
        p = Ether(raw(p))
        l4 = p[TCP] if TCP in p else p[UDP]
        l4.chksum = pseudo_sum(p)
        res.append(Ether(raw(p)))
    wrpcap(out, res)


def cmd_check(inp):
    for p in rdpcap(inp):
        fields = []
        for layer in (IP, TCP, UDP, ICMP, SCTP):
            if layer in p:
                orig = p[layer].chksum
                q = Ether(raw(p))
                del q[layer].chksum
                good = Ether(raw(q))[layer].chksum
                fields.append("%s_csum=%s" % (layer.__name__.lower(),
                              "ok" if orig == good else "BAD"))
        for l in (ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6ND_NS,
                  ICMPv6ND_NA):
            if l in p:
                orig = p[l].cksum
                q = Ether(raw(p))
                del q[l].cksum
                good = Ether(raw(q))[l].cksum
                fields.append("icmp6_csum=%s"
                              % ("ok" if orig == good else "BAD"))
        if IP in p:
            fields.append("id=%d len=%d" % (p[IP].id, p[IP].len))
        if IPv6 in p:
            fields.append("plen=%d" % p[IPv6].plen)
        if TCP in p:
            fields.append("seq=%d flags=%s payload=%d"
                          % (p[TCP].seq, p[TCP].flags,
                             len(raw(p[TCP].payload))))
        if UDP in p:
            fields.append("ulen=%d payload=%d"
                          % (p[UDP].len, len(raw(p[UDP].payload))))
        print(" ".join(fields))


def main():
    cmd = sys.argv[1]
    if cmd == "packets":
        cmd_packets(sys.argv[2])
    elif cmd == "base":
        write_pcap(sys.argv[2], [raw(p) for p in base_packets()])
    elif cmd == "wrap":
        cmd_wrap(sys.argv[2], sys.argv[3])
    elif cmd == "flows":
        cmd_flows()
    elif cmd == "gso":
        cmd_gso(sys.argv[2])
    elif cmd == "partial":
        cmd_partial(sys.argv[2])
    elif cmd == "check":
        cmd_check(sys.argv[2])
    else:
        sys.exit("unknown command %s" % cmd)


if __name__ == "__main__":
    main()
