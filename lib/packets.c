/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "packets.h"
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "csum.h"
#include "dp-packet.h"
#include "openvswitch/dynamic-string.h"
#include "random.h"

const struct in6_addr in6addr_exact = IN6ADDR_EXACT_INIT;
const struct in6_addr in6addr_all_hosts = IN6ADDR_ALL_HOSTS_INIT;

/* Ethernet addresses. */

/* Stores a random unicast, locally administered address in 'ea'. */
void
eth_addr_random(struct eth_addr *ea)
{
    random_bytes(ea->ea, sizeof ea->ea);
    eth_addr_mark_random(ea);
}

/* Stores a random address in Nicira's OUI (00:23:20) in 'ea', with the
 * bit pattern that eth_addr_is_local() recognizes. */
void
eth_addr_nicira_random(struct eth_addr *ea)
{
    eth_addr_random(ea);
    ea->ea[0] = 0x00;
    ea->ea[1] = 0x23;
    ea->ea[2] = 0x20;
    ea->ea[3] |= 0x80;
    ea->ea[3] &= ~0x40;
}

/* True if 'ea' is one of the IEEE 802.1D/802.1Q reserved group addresses
 * (01:80:c2:00:00:00 to 01:80:c2:00:00:0f) that a bridge must not
 * forward, or a well-known control-protocol multicast address. */
bool
eth_addr_is_reserved(const struct eth_addr ea)
{
    static const struct eth_addr others[] = {
        ETH_ADDR_C(01, 80, c2, 00, 00, 10),     /* Bridge management. */
        ETH_ADDR_C(01, 80, c2, 00, 00, 20),     /* GMRP. */
        ETH_ADDR_C(01, 80, c2, 00, 00, 21),     /* GVRP. */
        ETH_ADDR_C(01, 00, 0c, cc, cc, cc),     /* CDP, VTP, DTP, PAgP. */
        ETH_ADDR_C(01, 00, 0c, cc, cc, cd),     /* PVST+. */
        ETH_ADDR_C(01, 00, 0c, cd, cd, cd),     /* STP UplinkFast. */
    };

    if (ea.ea[0] == 0x01 && ea.ea[1] == 0x80 && ea.ea[2] == 0xc2
        && ea.ea[3] == 0x00 && ea.ea[4] == 0x00 && ea.ea[5] < 0x10) {
        return true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(others); i++) {
        if (eth_addr_equals(ea, others[i])) {
            return true;
        }
    }
    return false;
}

/* Parses 's' as "xx:xx:xx:xx:xx:xx" (each xx one or two hex digits) into
 * '*ea'.  Returns true if successful (the whole string must be consumed),
 * otherwise false with '*ea' zeroed. */
bool
eth_addr_from_string(const char *s, struct eth_addr *ea)
{
    int n = 0;

    if (sscanf(s, ETH_ADDR_SCAN_FMT"%n", ETH_ADDR_SCAN_ARGS(*ea), &n)
        == ETH_ADDR_SCAN_COUNT && !s[n]) {
        return true;
    }
    *ea = eth_addr_zero;
    return false;
}

/* Appends 'eth' to 's', followed by "/" and 'mask' unless 'mask' is NULL or
 * all-ones. */
void
eth_format_masked(const struct eth_addr eth, const struct eth_addr *mask,
                  struct ds *s)
{
    ds_put_format(s, ETH_ADDR_FMT, ETH_ADDR_ARGS(eth));
    if (mask && !eth_mask_is_exact(*mask)) {
        ds_put_format(s, "/"ETH_ADDR_FMT, ETH_ADDR_ARGS(*mask));
    }
}

/* IPv4 addresses. */

/* Returns the number of leading 1-bits in CIDR netmask 'netmask'. */
int
ip_count_cidr_bits(ovs_be32 netmask)
{
    uint32_t x = ntohl(netmask);
    int n = 0;

    while (x & 0x80000000) {
        n++;
        x <<= 1;
    }
    return n;
}

/* Appends 'ip', then "/N" if 'mask' is a CIDR mask of N < 32 bits or
 * "/MASK" if it is another non-exact mask, to 's'. */
void
ip_format_masked(ovs_be32 ip, ovs_be32 mask, struct ds *s)
{
    ds_put_format(s, IP_FMT, IP_ARGS(ip));
    if (mask != htonl(UINT32_MAX)) {
        if (ip_is_cidr(mask)) {
            ds_put_format(s, "/%d", ip_count_cidr_bits(mask));
        } else {
            ds_put_format(s, "/"IP_FMT, IP_ARGS(mask));
        }
    }
}

/* Parses dotted-quad 's' into '*ip'.  Returns true if successful. */
bool
ip_parse(const char *s, ovs_be32 *ip)
{
    struct in_addr a;

    if (inet_pton(AF_INET, s, &a) == 1) {
        *ip = a.s_addr;
        return true;
    }
    return false;
}

/* Parses "IP", "IP/N" or "IP/MASK" into '*ip' and '*mask'.  Returns NULL
 * if successful, otherwise a malloc()ed error message. */
char *
ip_parse_masked(const char *s, ovs_be32 *ip, ovs_be32 *mask)
{
    const char *slash = strchr(s, '/');
    char *addr = slash ? xmemdup0(s, slash - s) : xstrdup(s);
    bool ok = ip_parse(addr, ip);

    free(addr);
    if (!ok) {
        return xasprintf("%s: invalid IP address", s);
    }
    if (!slash) {
        *mask = htonl(UINT32_MAX);
    } else if (strchr(slash + 1, '.')) {
        if (!ip_parse(slash + 1, mask)) {
            return xasprintf("%s: invalid IP address", s);
        }
    } else {
        int plen;

        if (!str_to_int(slash + 1, 10, &plen) || plen < 0 || plen > 32) {
            return xasprintf("%s: invalid IP prefix length", s);
        }
        *mask = plen ? htonl(UINT32_MAX << (32 - plen)) : 0;
    }
    return NULL;
}

/* Parses "IP" or "IP/N" (a CIDR mask only) into '*ip' and '*plen'. */
char *
ip_parse_cidr(const char *s, ovs_be32 *ip, unsigned int *plen)
{
    ovs_be32 mask;
    char *error = ip_parse_masked(s, ip, &mask);

    if (error) {
        return error;
    }
    if (!ip_is_cidr(mask)) {
        return xasprintf("%s: CIDR network required", s);
    }
    *plen = ip_count_cidr_bits(mask);
    return NULL;
}

/* IPv6 addresses. */

struct in6_addr
ipv6_addr_bitand(const struct in6_addr *a, const struct in6_addr *b)
{
    struct in6_addr dst;

    for (int i = 0; i < 16; i++) {
        dst.s6_addr[i] = a->s6_addr[i] & b->s6_addr[i];
    }
    return dst;
}

struct in6_addr
ipv6_addr_bitxor(const struct in6_addr *a, const struct in6_addr *b)
{
    struct in6_addr dst;

    for (int i = 0; i < 16; i++) {
        dst.s6_addr[i] = a->s6_addr[i] ^ b->s6_addr[i];
    }
    return dst;
}

/* Returns an IPv6 netmask with 'mask' leading 1-bits (0 to 128). */
struct in6_addr
ipv6_create_mask(int mask)
{
    struct in6_addr netmask;

    memset(&netmask, 0, sizeof netmask);
    for (int i = 0; i < 16 && mask > 0; i++, mask -= 8) {
        netmask.s6_addr[i] = mask >= 8 ? 0xff : (0xff << (8 - mask)) & 0xff;
    }
    return netmask;
}

/* Returns the number of leading 1-bits in 'netmask' (meaningful only if
 * it is a CIDR mask). */
int
ipv6_count_cidr_bits(const struct in6_addr *netmask)
{
    int n = 0;

    for (int i = 0; i < 16; i++) {
        uint8_t b = netmask->s6_addr[i];

        while (b & 0x80) {
            n++;
            b <<= 1;
        }
        if (netmask->s6_addr[i] != 0xff) {
            break;
        }
    }
    return n;
}

/* True if 'netmask' is a CIDR mask. */
bool
ipv6_is_cidr(const struct in6_addr *netmask)
{
    struct in6_addr cidr = ipv6_create_mask(ipv6_count_cidr_bits(netmask));

    return ipv6_addr_equals(&cidr, netmask);
}

/* Appends 'addr' in RFC 5952 text form to 's'. */
void
ipv6_format_addr(const struct in6_addr *addr, struct ds *s)
{
    char buf[INET6_ADDRSTRLEN];

    inet_ntop(AF_INET6, addr, buf, sizeof buf);
    ds_put_cstr(s, buf);
}

/* Like ipv6_format_addr(), within [] if 'bracket'. */
void
ipv6_format_addr_bracket(const struct in6_addr *addr, struct ds *s,
                         bool bracket)
{
    if (bracket) {
        ds_put_char(s, '[');
    }
    ipv6_format_addr(addr, s);
    if (bracket) {
        ds_put_char(s, ']');
    }
}

/* Appends 'addr', then "/N" or "/MASK" unless 'mask' is exact, to 's'. */
void
ipv6_format_masked(const struct in6_addr *addr, const struct in6_addr *mask,
                   struct ds *s)
{
    ipv6_format_addr(addr, s);
    if (mask && !ipv6_mask_is_exact(mask)) {
        if (ipv6_is_cidr(mask)) {
            ds_put_format(s, "/%d", ipv6_count_cidr_bits(mask));
        } else {
            ds_put_char(s, '/');
            ipv6_format_addr(mask, s);
        }
    }
}

/* Parses 's' as an IPv6 address into '*ip'.  Returns true if
 * successful. */
bool
ipv6_parse(const char *s, struct in6_addr *ip)
{
    return inet_pton(AF_INET6, s, ip) == 1;
}

/* Parses "IPV6", "IPV6/N" or "IPV6/MASK".  Returns NULL if successful,
 * otherwise a malloc()ed error message. */
char *
ipv6_parse_masked(const char *s, struct in6_addr *ip, struct in6_addr *mask)
{
    const char *slash = strchr(s, '/');
    char *addr = slash ? xmemdup0(s, slash - s) : xstrdup(s);
    bool ok = ipv6_parse(addr, ip);

    free(addr);
    if (!ok) {
        return xasprintf("%s: invalid IPv6 address", s);
    }
    if (!slash) {
        *mask = in6addr_exact;
    } else if (strchr(slash + 1, ':')) {
        if (!ipv6_parse(slash + 1, mask)) {
            return xasprintf("%s: invalid IPv6 address", s);
        }
    } else {
        int plen;

        if (!str_to_int(slash + 1, 10, &plen) || plen < 0 || plen > 128) {
            return xasprintf("%s: invalid IPv6 prefix length", s);
        }
        *mask = ipv6_create_mask(plen);
    }
    return NULL;
}

/* TCP flags. */

const char *
packet_tcp_flag_to_string(uint32_t flag)
{
    switch (flag) {
    case TCP_FIN: return "fin";
    case TCP_SYN: return "syn";
    case TCP_RST: return "rst";
    case TCP_PSH: return "psh";
    case TCP_ACK: return "ack";
    case TCP_URG: return "urg";
    case TCP_ECE: return "ece";
    case TCP_CWR: return "cwr";
    case TCP_NS: return "ns";
    case 0x200: return "[200]";
    case 0x400: return "[400]";
    case 0x800: return "[800]";
    default: return NULL;
    }
}

void
packet_format_tcp_flags(struct ds *s, uint16_t tcp_flags)
{
    bool first = true;

    if (!tcp_flags) {
        ds_put_cstr(s, "none");
        return;
    }
    for (uint32_t bit = 1; bit <= 0x800; bit <<= 1) {
        if (tcp_flags & bit) {
            if (!first) {
                ds_put_char(s, '|');
            }
            ds_put_cstr(s, packet_tcp_flag_to_string(bit));
            first = false;
        }
    }
}

/* Checksums. */

/* Returns the partial checksum of the IPv4 pseudo-header of 'ip' (for the
 * L4 payload length implied by its total length and header length). */
uint32_t
packet_csum_pseudoheader(const struct ip_header *ip)
{
    uint16_t tot_len = ntohs(ip->ip_tot_len);
    uint16_t hdr_len = IP_IHL(ip->ip_ihl_ver) * 4;
    uint32_t partial = 0;

    partial = csum_add32(partial, get_16aligned_be32(&ip->ip_src));
    partial = csum_add32(partial, get_16aligned_be32(&ip->ip_dst));
    partial = csum_add16(partial, htons(ip->ip_proto));
    partial = csum_add16(partial, htons(tot_len > hdr_len
                                        ? tot_len - hdr_len : 0));
    return partial;
}

/* Returns the partial checksum of the addresses, payload length and next
 * header of the IPv6 pseudo-header of 'ip6'. */
uint32_t
packet_csum_pseudoheader6(const struct ovs_16aligned_ip6_hdr *ip6)
{
    uint32_t partial = 0;

    partial = csum_continue(partial, &ip6->ip6_src, sizeof ip6->ip6_src);
    partial = csum_continue(partial, &ip6->ip6_dst, sizeof ip6->ip6_dst);
    partial = csum_add16(partial, htons(ip6->ip6_nxt));
    partial = csum_add16(partial, ip6->ip6_plen);
    return partial;
}

/* Returns the checksum of the 'l4_size' bytes of L4 data at 'data' for
 * protocol 'l4_protocol' over IPv6 header 'ip6'. */
ovs_be16
packet_csum_upperlayer6(const struct ovs_16aligned_ip6_hdr *ip6,
                        const void *data, uint8_t l4_protocol,
                        uint16_t l4_size)
{
    uint32_t partial = 0;

    partial = csum_continue(partial, &ip6->ip6_src, sizeof ip6->ip6_src);
    partial = csum_continue(partial, &ip6->ip6_dst, sizeof ip6->ip6_dst);
    partial = csum_add16(partial, htons(l4_protocol));
    partial = csum_add16(partial, htons(l4_size));
    partial = csum_continue(partial, data, l4_size);
    return csum_finish(partial);
}

/* CRC32C (Castagnoli), reflected, as SCTP uses it. */
ovs_be32
crc32c(const uint8_t *data, size_t size)
{
    static uint32_t table[256];
    static bool inited;
    uint32_t crc = 0xffffffff;
    uint8_t bytes[4];
    ovs_be32 result;

    if (!inited) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;

            for (int k = 0; k < 8; k++) {
                c = c & 1 ? (c >> 1) ^ 0x82f63b78 : c >> 1;
            }
            table[i] = c;
        }
        inited = true;
    }
    for (size_t i = 0; i < size; i++) {
        crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    }
    crc = ~crc;

    /* SCTP transmits the CRC least significant byte first. */
    bytes[0] = crc;
    bytes[1] = crc >> 8;
    bytes[2] = crc >> 16;
    bytes[3] = crc >> 24;
    memcpy(&result, bytes, 4);
    return result;
}

/* Header rewriting. */

/* Sets the TCI of the outermost VLAN tag of 'packet' to 'tci' (without
 * VLAN_CFI), pushing an 802.1Q tag if it has none. */
void
eth_set_vlan_tci(struct dp_packet *packet, ovs_be16 tci)
{
    struct eth_header *eh = dp_packet_eth(packet);

    if (eh && dp_packet_size(packet) >= VLAN_ETH_HEADER_LEN
        && eth_type_vlan(eh->eth_type)) {
        struct vlan_eth_header *veh = dp_packet_eth(packet);

        veh->veth_tci = tci & htons(~VLAN_CFI);
    } else {
        eth_push_vlan(packet, htons(ETH_TYPE_VLAN_8021Q), tci);
    }
}

/* Inserts a VLAN header with TPID 'tpid' and TCI 'tci' (VLAN_CFI is
 * cleared) after the Ethernet addresses of 'packet'. */
void
eth_push_vlan(struct dp_packet *packet, ovs_be16 tpid, ovs_be16 tci)
{
    struct vlan_eth_header *veh;

    dp_packet_resize_l2(packet, VLAN_HEADER_LEN);
    veh = dp_packet_data(packet);
    memmove(veh, (char *) veh + VLAN_HEADER_LEN, 2 * ETH_ADDR_LEN);
    veh->veth_type = tpid;
    veh->veth_tci = tci & htons(~VLAN_CFI);
}

/* Removes the outermost VLAN header of 'packet', if it has one. */
void
eth_pop_vlan(struct dp_packet *packet)
{
    struct vlan_eth_header *veh = dp_packet_eth(packet);

    if (veh && dp_packet_size(packet) >= VLAN_ETH_HEADER_LEN
        && eth_type_vlan(veh->veth_type)) {
        memmove((char *) veh + VLAN_HEADER_LEN, veh, 2 * ETH_ADDR_LEN);
        dp_packet_resize_l2(packet, -VLAN_HEADER_LEN);
    }
}

/* Pushes an Ethernet header with 'dst' and 'src' in front of an L3 packet
 * (its Ethertype is left zero for the caller to fill). */
void
push_eth(struct dp_packet *packet, const struct eth_addr *dst,
         const struct eth_addr *src)
{
    struct eth_header *eh;

    dp_packet_resize_l2(packet, ETH_HEADER_LEN);
    eh = dp_packet_data(packet);
    eh->eth_dst = *dst;
    eh->eth_src = *src;
    eh->eth_type = 0;
}

/* Sets the Ethernet source and destination of 'packet'. */
void
packet_set_eth_addr(struct dp_packet *packet, const struct eth_addr src,
                    const struct eth_addr dst)
{
    struct eth_header *eh = dp_packet_eth(packet);

    if (eh && dp_packet_size(packet) >= ETH_HEADER_LEN) {
        eh->eth_src = src;
        eh->eth_dst = dst;
    }
}

/* Returns the L4 header of IPv4 'packet' if it holds at least 'size' bytes
 * and is not a later fragment, otherwise NULL. */
static void *
ipv4_l4(const struct dp_packet *packet, size_t size)
{
    const struct ip_header *nh = dp_packet_l3(packet);

    if (!nh || !dp_packet_l4(packet) || dp_packet_l4_size(packet) < size
        || nh->ip_frag_off & htons(IP_FRAG_OFF_MASK)) {
        return NULL;
    }
    return dp_packet_l4(packet);
}

/* Changes the IPv4 address at 'addr' (the source or destination of
 * 'packet''s IPv4 header) to 'new_addr', updating the IP header checksum
 * and the TCP or UDP checksum. */
void
packet_set_ipv4_addr(struct dp_packet *packet, ovs_16aligned_be32 *addr,
                     ovs_be32 new_addr)
{
    struct ip_header *nh = dp_packet_l3(packet);
    ovs_be32 old_addr = get_16aligned_be32(addr);

    if (nh->ip_proto == IPPROTO_TCP) {
        struct tcp_header *th = ipv4_l4(packet, TCP_HEADER_LEN);

        if (th) {
            th->tcp_csum = recalc_csum32(th->tcp_csum, old_addr, new_addr);
        }
    } else if (nh->ip_proto == IPPROTO_UDP) {
        struct udp_header *uh = ipv4_l4(packet, UDP_HEADER_LEN);

        if (uh && uh->udp_csum) {
            uh->udp_csum = recalc_csum32(uh->udp_csum, old_addr, new_addr);
            if (!uh->udp_csum) {
                uh->udp_csum = htons(0xffff);
            }
        }
    }
    nh->ip_csum = recalc_csum32(nh->ip_csum, old_addr, new_addr);
    put_16aligned_be32(addr, new_addr);
}

/* Sets the IPv4 source, destination, ToS and TTL of 'packet', updating
 * checksums.  Does nothing if 'packet' has no complete IPv4 header at its
 * L3 offset. */
void
packet_set_ipv4(struct dp_packet *packet, ovs_be32 src, ovs_be32 dst,
                uint8_t tos, uint8_t ttl)
{
    struct ip_header *nh = dp_packet_l3(packet);

    if (!nh || dp_packet_l3_size(packet) < IP_HEADER_LEN) {
        return;
    }

    if (get_16aligned_be32(&nh->ip_src) != src) {
        packet_set_ipv4_addr(packet, &nh->ip_src, src);
    }
    if (get_16aligned_be32(&nh->ip_dst) != dst) {
        packet_set_ipv4_addr(packet, &nh->ip_dst, dst);
    }
    if (nh->ip_tos != tos) {
        uint8_t *field = &nh->ip_tos;

        nh->ip_csum = recalc_csum16(nh->ip_csum, htons((uint16_t) *field),
                                    htons((uint16_t) tos));
        *field = tos;
    }
    if (nh->ip_ttl != ttl) {
        uint8_t *field = &nh->ip_ttl;

        nh->ip_csum = recalc_csum16(nh->ip_csum, htons(*field << 8),
                                    htons(ttl << 8));
        *field = ttl;
    }
}

/* Returns the L4 header of IPv6 'packet' if it has at least 'size' bytes
 * and is not a later fragment (flow_extract() leaves no L4 offset for
 * those), otherwise NULL. */
static void *
ipv6_l4(const struct dp_packet *packet, size_t size)
{
    return (dp_packet_l4(packet) && dp_packet_l4_size(packet) >= size
            ? dp_packet_l4(packet) : NULL);
}

/* Changes the IPv6 address 'addr' of 'packet' to 'new_addr', updating the
 * L4 checksum of protocol 'proto' if 'recalculate_csum'. */
void
packet_set_ipv6_addr(struct dp_packet *packet, uint8_t proto,
                     ovs_16aligned_be32 addr[4],
                     const struct in6_addr *new_addr, bool recalculate_csum)
{
    if (recalculate_csum) {
        if (proto == IPPROTO_TCP) {
            struct tcp_header *th = ipv6_l4(packet, TCP_HEADER_LEN);

            if (th) {
                th->tcp_csum = recalc_csum128(th->tcp_csum, addr, new_addr);
            }
        } else if (proto == IPPROTO_UDP) {
            struct udp_header *uh = ipv6_l4(packet, UDP_HEADER_LEN);

            if (uh) {
                uh->udp_csum = recalc_csum128(uh->udp_csum, addr, new_addr);
                if (!uh->udp_csum) {
                    uh->udp_csum = htons(0xffff);
                }
            }
        } else if (proto == IPPROTO_ICMPV6) {
            struct icmp6_header *ih = ipv6_l4(packet, ICMP6_HEADER_LEN);

            if (ih) {
                ih->icmp6_cksum = recalc_csum128(ih->icmp6_cksum, addr,
                                                 new_addr);
            }
        }
    }
    memcpy(addr, new_addr, sizeof *new_addr);
}

/* Returns the upper-layer protocol of the IPv6 'packet': the protocol
 * whose header is at the L4 offset, or the IPv6 next header. */
static uint8_t
ipv6_l4_proto(const struct dp_packet *packet)
{
    const struct ovs_16aligned_ip6_hdr *nh = dp_packet_l3(packet);
    const uint8_t *l3 = dp_packet_l3(packet);
    const uint8_t *l4 = dp_packet_l4(packet);
    uint8_t nxt = nh->ip6_nxt;
    size_t ofs = IPV6_HEADER_LEN;

    if (!l4) {
        return nxt;
    }
    /* Walk the extension headers up to the L4 offset. */
    while (l3 + ofs < l4) {
        const uint8_t *ext = l3 + ofs;

        if (nxt == IPPROTO_FRAGMENT) {
            ofs += 8;
        } else if (nxt == IPPROTO_AH) {
            ofs += (ext[1] + 2) * 4;
        } else {
            ofs += (ext[1] + 1) * 8;
        }
        nxt = ext[0];
    }
    return nxt;
}

/* Sets the IPv6 source, destination, traffic class, flow label and hop
 * limit of 'packet', updating the L4 checksum.  Does nothing if 'packet'
 * has no complete IPv6 header at its L3 offset. */
void
packet_set_ipv6(struct dp_packet *packet, const struct in6_addr *src,
                const struct in6_addr *dst, uint8_t key_tc, ovs_be32 key_fl,
                uint8_t key_hl)
{
    struct ovs_16aligned_ip6_hdr *nh = dp_packet_l3(packet);
    uint8_t proto;
    ovs_be32 flow;

    if (!nh || dp_packet_l3_size(packet) < IPV6_HEADER_LEN) {
        return;
    }
    proto = ipv6_l4_proto(packet);

    if (memcmp(&nh->ip6_src, src, sizeof *src)) {
        packet_set_ipv6_addr(packet, proto, nh->ip6_src.be32, src, true);
    }
    if (memcmp(&nh->ip6_dst, dst, sizeof *dst)) {
        packet_set_ipv6_addr(packet, proto, nh->ip6_dst.be32, dst, true);
    }
    flow = get_16aligned_be32(&nh->ip6_flow);
    flow = (flow & ~htonl(0x0ff00000)) | htonl((uint32_t) key_tc << 20);
    flow = ((flow & ~htonl(IPV6_LABEL_MASK))
            | (key_fl & htonl(IPV6_LABEL_MASK)));
    put_16aligned_be32(&nh->ip6_flow, flow);
    nh->ip6_hlim = key_hl;
}

/* Updates a 16-bit L4 field '*field' to 'new_value', incrementally fixing
 * the checksum at '*csum' (skipped if 'csum' is NULL; a zero UDP checksum
 * stays zero when 'udp'). */
static void
set_l4_field(ovs_be16 *field, ovs_be16 new_value, ovs_be16 *csum, bool udp)
{
    if (*field == new_value) {
        return;
    }
    if (csum && (!udp || *csum)) {
        *csum = recalc_csum16(*csum, *field, new_value);
        if (udp && !*csum) {
            *csum = htons(0xffff);
        }
    }
    *field = new_value;
}

/* Returns the L4 header of 'packet' if it is at least 'size' bytes. */
static void *
l4_at_least(const struct dp_packet *packet, size_t size)
{
    const struct ip_header *nh = dp_packet_l3(packet);

    if (nh && dp_packet_l3_size(packet) >= IP_HEADER_LEN
        && IP_VER(nh->ip_ihl_ver) == 4) {
        return ipv4_l4(packet, size);
    }
    return ipv6_l4(packet, size);
}

/* Sets the TCP ports of 'packet', updating the checksum. */
void
packet_set_tcp_port(struct dp_packet *packet, ovs_be16 src, ovs_be16 dst)
{
    struct tcp_header *th = l4_at_least(packet, TCP_HEADER_LEN);

    if (th) {
        set_l4_field(&th->tcp_src, src, &th->tcp_csum, false);
        set_l4_field(&th->tcp_dst, dst, &th->tcp_csum, false);
    }
}

/* Sets the UDP ports of 'packet', updating a nonzero checksum. */
void
packet_set_udp_port(struct dp_packet *packet, ovs_be16 src, ovs_be16 dst)
{
    struct udp_header *uh = l4_at_least(packet, UDP_HEADER_LEN);

    if (uh) {
        set_l4_field(&uh->udp_src, src, &uh->udp_csum, true);
        set_l4_field(&uh->udp_dst, dst, &uh->udp_csum, true);
    }
}

/* Sets the SCTP ports of 'packet' and recomputes its CRC32C. */
void
packet_set_sctp_port(struct dp_packet *packet, ovs_be16 src, ovs_be16 dst)
{
    struct sctp_header *sh = l4_at_least(packet, SCTP_HEADER_LEN);

    if (sh) {
        size_t size = dp_packet_l4_size(packet);

        sh->sctp_src = src;
        sh->sctp_dst = dst;
        put_16aligned_be32(&sh->sctp_csum, 0);
        put_16aligned_be32(&sh->sctp_csum, crc32c((uint8_t *) sh, size));
    }
}

/* Sets the ICMP or ICMPv6 type and code of 'packet', updating the
 * checksum. */
void
packet_set_icmp(struct dp_packet *packet, uint8_t type, uint8_t code)
{
    struct icmp_header *ih = l4_at_least(packet, ICMP6_HEADER_LEN);

    if (ih) {
        ovs_be16 orig = htons(ih->icmp_type << 8 | ih->icmp_code);
        ovs_be16 new = htons(type << 8 | code);

        if (orig != new) {
            ih->icmp_type = type;
            ih->icmp_code = code;
            ih->icmp_csum = recalc_csum16(ih->icmp_csum, orig, new);
        }
    }
}

/* Sets the target address and link-layer address options of an IPv6
 * neighbor solicitation or advertisement, updating the checksum.  Only
 * options present in the packet change; a zero 'sll' or 'tll' leaves the
 * option as it is. */
void
packet_set_nd(struct dp_packet *packet, const struct in6_addr *target,
              const struct eth_addr sll, const struct eth_addr tll)
{
    struct ovs_nd_msg *ns = ipv6_l4(packet, ND_MSG_LEN);
    size_t bytes_remain;
    uint8_t *opt;

    if (!ns) {
        return;
    }
    bytes_remain = dp_packet_l4_size(packet) - ND_MSG_LEN;
    if (memcmp(&ns->target, target, sizeof *target)) {
        packet_set_ipv6_addr(packet, IPPROTO_ICMPV6, ns->target.be32, target,
                             true);
    }

    opt = (uint8_t *) &ns->options[0];
    while (bytes_remain >= ND_LLA_OPT_LEN && opt[1] != 0) {
        struct ovs_nd_lla_opt *lla = (struct ovs_nd_lla_opt *) opt;
        size_t opt_size = opt[1] * ND_LLA_OPT_LEN;

        if (opt_size > bytes_remain) {
            break;
        }
        if (lla->type == ND_OPT_SOURCE_LINKADDR && opt[1] == 1
            && !eth_addr_is_zero(sll) && !eth_addr_equals(lla->mac, sll)) {
            ns->icmph.icmp6_cksum = recalc_csum48(ns->icmph.icmp6_cksum,
                                                  lla->mac, sll);
            lla->mac = sll;
        } else if (lla->type == ND_OPT_TARGET_LINKADDR && opt[1] == 1
                   && !eth_addr_is_zero(tll)
                   && !eth_addr_equals(lla->mac, tll)) {
            ns->icmph.icmp6_cksum = recalc_csum48(ns->icmph.icmp6_cksum,
                                                  lla->mac, tll);
            lla->mac = tll;
        }
        opt += opt_size;
        bytes_remain -= opt_size;
    }
}

/* Sets the fields of the ARP header of 'packet'. */
void
packet_set_arp(struct dp_packet *packet, uint16_t op, ovs_be32 spa,
               ovs_be32 tpa, const struct eth_addr sha,
               const struct eth_addr tha)
{
    struct arp_eth_header *arp = dp_packet_l3(packet);

    if (arp && dp_packet_l3_size(packet) >= ARP_ETH_HEADER_LEN) {
        arp->ar_op = htons(op);
        arp->ar_sha = sha;
        arp->ar_tha = tha;
        put_16aligned_be32(&arp->ar_spa, spa);
        put_16aligned_be32(&arp->ar_tpa, tpa);
    }
}

/* Packet construction. */

/* Clears 'b' and composes an Ethernet header from 'eth_dst', 'eth_src'
 * and 'eth_type' followed by 'size' zero bytes of payload.  Sets the L3
 * offset to the payload and returns a pointer to it. */
void *
eth_compose(struct dp_packet *b, const struct eth_addr eth_dst,
            const struct eth_addr eth_src, uint16_t eth_type, size_t size)
{
    struct eth_header *eh;
    void *data;

    dp_packet_clear(b);
    dp_packet_prealloc_tailroom(b, ETH_HEADER_LEN + VLAN_HEADER_LEN + size);
    dp_packet_reserve(b, VLAN_HEADER_LEN);
    eh = dp_packet_put_uninit(b, ETH_HEADER_LEN);
    data = dp_packet_put_zeros(b, size);
    eh->eth_dst = eth_dst;
    eh->eth_src = eth_src;
    eh->eth_type = htons(eth_type);
    dp_packet_reset_offsets(b);
    dp_packet_set_l3(b, data);
    return data;
}

/* Composes an ARP packet into 'b'. */
void
compose_arp(struct dp_packet *b, uint16_t arp_op,
            const struct eth_addr arp_sha, const struct eth_addr arp_tha,
            bool broadcast, ovs_be32 arp_spa, ovs_be32 arp_tpa)
{
    struct arp_eth_header *arp;

    arp = eth_compose(b, broadcast ? eth_addr_broadcast : arp_tha, arp_sha,
                      ETH_TYPE_ARP, ARP_ETH_HEADER_LEN);
    arp->ar_hrd = htons(ARP_HRD_ETHERNET);
    arp->ar_pro = htons(ARP_PRO_IP);
    arp->ar_hln = sizeof arp->ar_sha;
    arp->ar_pln = sizeof arp->ar_spa;
    arp->ar_op = htons(arp_op);
    arp->ar_sha = arp_sha;
    arp->ar_tha = arp_tha;
    put_16aligned_be32(&arp->ar_spa, arp_spa);
    put_16aligned_be32(&arp->ar_tpa, arp_tpa);
}

/* Composes a RARP request for 'eth_src' into 'b' (what a migrated VM
 * sends to announce itself). */
void
compose_rarp(struct dp_packet *b, const struct eth_addr eth_src)
{
    struct arp_eth_header *arp;

    arp = eth_compose(b, eth_addr_broadcast, eth_src, ETH_TYPE_RARP,
                      ARP_ETH_HEADER_LEN);
    arp->ar_hrd = htons(ARP_HRD_ETHERNET);
    arp->ar_pro = htons(ARP_PRO_IP);
    arp->ar_hln = sizeof arp->ar_sha;
    arp->ar_pln = sizeof arp->ar_spa;
    arp->ar_op = htons(ARP_OP_RARP);
    arp->ar_sha = eth_src;
    arp->ar_tha = eth_src;
    put_16aligned_be32(&arp->ar_spa, 0);
    put_16aligned_be32(&arp->ar_tpa, 0);
}
