/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef PACKETS_H
#define PACKETS_H 1

/* Wire formats of the protocols the switch parses (Ethernet, 802.1Q, ARP,
 * IPv4, IPv6 with its extension headers, ICMP, ICMPv6 and neighbor
 * discovery, TCP, UDP, SCTP, IGMP), constants, address helpers, and
 * header rewriting with checksum updates on a struct dp_packet.
 *
 * Header structures describe the bytes on the wire: multibyte fields are
 * in network byte order (ovs_be*).  32-bit fields that may be only 2-byte
 * aligned in a frame (everything after a 14-byte Ethernet header) are
 * ovs_16aligned_be32; read and write them with get_16aligned_be32() and
 * put_16aligned_be32(). */

#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip6.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "openvswitch/types.h"
#include "openvswitch/util.h"

struct dp_packet;
struct ds;
struct flow;

#define PACKETS_ASSERT_SIZE(STRUCT, SIZE) \
    _Static_assert(sizeof(STRUCT) == (SIZE), #STRUCT " has wrong size")

/* 16-bit aligned 32-bit values. */

/* Returns the host-order-agnostic 32-bit value stored in 'x'. */
static inline ovs_be32
get_16aligned_be32(const ovs_16aligned_be32 *x)
{
#ifdef WORDS_BIGENDIAN
    return ((ovs_be32) x->hi << 16) | x->lo;
#else
    return ((ovs_be32) x->lo << 16) | x->hi;
#endif
}

/* Stores 'value' into 'x'. */
static inline void
put_16aligned_be32(ovs_16aligned_be32 *x, ovs_be32 value)
{
#ifdef WORDS_BIGENDIAN
    x->hi = value >> 16;
    x->lo = value;
#else
    x->hi = value;
    x->lo = value >> 16;
#endif
}

/* A 64-bit value in network byte order with only 2-byte alignment. */
typedef struct {
    ovs_be16 hi_hi, hi_lo, lo_hi, lo_lo;   /* In memory order. */
} ovs_16aligned_be64;

static inline ovs_be64
get_16aligned_be64(const ovs_16aligned_be64 *x)
{
    ovs_be64 v;

    memcpy(&v, x, sizeof v);
    return v;
}

static inline void
put_16aligned_be64(ovs_16aligned_be64 *x, ovs_be64 v)
{
    memcpy(x, &v, sizeof v);
}

/* Ethernet. */

#define ETH_ADDR_LEN           6
#define ETH_TYPE_MIN           0x600
#define ETH_TYPE_IP            0x0800
#define ETH_TYPE_ARP           0x0806
#define ETH_TYPE_TEB           0x6558
#define ETH_TYPE_VLAN_8021Q    0x8100
#define ETH_TYPE_VLAN          ETH_TYPE_VLAN_8021Q
#define ETH_TYPE_VLAN_8021AD   0x88a8
#define ETH_TYPE_IPV6          0x86dd
#define ETH_TYPE_LACP          0x8809
#define ETH_TYPE_RARP          0x8035
#define ETH_TYPE_MPLS          0x8847
#define ETH_TYPE_MPLS_MCAST    0x8848
#define ETH_TYPE_NSH           0x894f
#define ETH_TYPE_ERSPAN1       0x88be
#define ETH_TYPE_ERSPAN2       0x22eb
#define ETH_TYPE_CFM           0x8902

/* The dl_type of a frame without an Ethertype (802.2 LLC without SNAP),
 * as OpenFlow defines it. */
#define FLOW_DL_TYPE_NONE      0x5ff

static inline bool
eth_type_mpls(ovs_be16 eth_type)
{
    return eth_type == htons(ETH_TYPE_MPLS)
           || eth_type == htons(ETH_TYPE_MPLS_MCAST);
}

static inline bool
eth_type_vlan(ovs_be16 eth_type)
{
    return eth_type == htons(ETH_TYPE_VLAN_8021Q)
           || eth_type == htons(ETH_TYPE_VLAN_8021AD);
}

#define ETH_HEADER_LEN 14
#define ETH_PAYLOAD_MIN 46
#define ETH_PAYLOAD_MAX 1500
#define ETH_TOTAL_MIN (ETH_HEADER_LEN + ETH_PAYLOAD_MIN)
#define ETH_TOTAL_MAX (ETH_HEADER_LEN + ETH_PAYLOAD_MAX)
#define ETH_VLAN_TOTAL_MAX (ETH_HEADER_LEN + VLAN_HEADER_LEN + ETH_PAYLOAD_MAX)

struct eth_header {
    struct eth_addr eth_dst;    /* Destination address. */
    struct eth_addr eth_src;    /* Source address. */
    ovs_be16 eth_type;          /* Ethertype, or length if < 0x600. */
};
PACKETS_ASSERT_SIZE(struct eth_header, ETH_HEADER_LEN);

/* 802.2 LLC and SNAP. */
#define LLC_DSAP_SNAP 0xaa
#define LLC_SSAP_SNAP 0xaa
#define LLC_CNTL_SNAP 3
#define LLC_DSAP_STP 0x42
#define LLC_SSAP_STP 0x42
#define LLC_CNTL_STP 3

#define LLC_HEADER_LEN 3
struct llc_header {
    uint8_t llc_dsap;           /* Destination service access point. */
    uint8_t llc_ssap;           /* Source service access point. */
    uint8_t llc_cntl;           /* Control. */
};
PACKETS_ASSERT_SIZE(struct llc_header, LLC_HEADER_LEN);

#define SNAP_ORG_ETHERNET "\0\0" /* The compiler adds a null byte. */
#define SNAP_HEADER_LEN 5
struct snap_header {
    uint8_t snap_org[3];        /* Organization (00:00:00 = Ethertype). */
    uint8_t snap_type[2];       /* Ethertype, unaligned. */
};
PACKETS_ASSERT_SIZE(struct snap_header, SNAP_HEADER_LEN);

#define LLC_SNAP_HEADER_LEN (LLC_HEADER_LEN + SNAP_HEADER_LEN)
struct llc_snap_header {
    struct llc_header llc;      /* LLC part. */
    struct snap_header snap;    /* SNAP part. */
};
PACKETS_ASSERT_SIZE(struct llc_snap_header, LLC_SNAP_HEADER_LEN);

/* Well-known Ethernet addresses. */
#define ETH_ADDR_C(A, B, C, D, E, F) \
    { { { 0x##A, 0x##B, 0x##C, 0x##D, 0x##E, 0x##F } } }

static const struct eth_addr eth_addr_broadcast OVS_UNUSED
    = ETH_ADDR_C(ff, ff, ff, ff, ff, ff);
static const struct eth_addr eth_addr_exact OVS_UNUSED
    = ETH_ADDR_C(ff, ff, ff, ff, ff, ff);
static const struct eth_addr eth_addr_zero OVS_UNUSED
    = ETH_ADDR_C(00, 00, 00, 00, 00, 00);
static const struct eth_addr eth_addr_stp OVS_UNUSED
    = ETH_ADDR_C(01, 80, c2, 00, 00, 00);
static const struct eth_addr eth_addr_lacp OVS_UNUSED
    = ETH_ADDR_C(01, 80, c2, 00, 00, 02);
static const struct eth_addr eth_addr_bfd OVS_UNUSED
    = ETH_ADDR_C(00, 23, 20, 00, 00, 01);

static inline bool
eth_addr_is_broadcast(const struct eth_addr a)
{
    return (a.be16[0] & a.be16[1] & a.be16[2]) == htons(0xffff);
}

static inline bool
eth_addr_is_multicast(const struct eth_addr a)
{
    return a.ea[0] & 1;
}

static inline bool
eth_addr_is_local(const struct eth_addr a)
{
    /* Local if it is either a locally administered address or a Nicira
     * random address. */
    return a.ea[0] & 2
        || (a.be16[0] == htons(0x0023)
            && (a.be16[1] & htons(0xff80)) == htons(0x2080));
}

static inline bool
eth_addr_is_zero(const struct eth_addr a)
{
    return !(a.be16[0] | a.be16[1] | a.be16[2]);
}

static inline int
eth_mask_is_exact(const struct eth_addr a)
{
    return (a.be16[0] & a.be16[1] & a.be16[2]) == htons(0xffff);
}

static inline int
eth_addr_compare_3way(const struct eth_addr a, const struct eth_addr b)
{
    return memcmp(&a, &b, sizeof a);
}

static inline bool
eth_addr_equals(const struct eth_addr a, const struct eth_addr b)
{
    return !eth_addr_compare_3way(a, b);
}

/* True if 'a' and 'b' are equal in the bits that are 1 in 'mask'. */
static inline bool
eth_addr_equal_except(const struct eth_addr a, const struct eth_addr b,
                      const struct eth_addr mask)
{
    return !(((a.be16[0] ^ b.be16[0]) & mask.be16[0])
             || ((a.be16[1] ^ b.be16[1]) & mask.be16[1])
             || ((a.be16[2] ^ b.be16[2]) & mask.be16[2]));
}

static inline uint64_t
eth_addr_to_uint64(const struct eth_addr ea)
{
    return (((uint64_t) ea.ea[0] << 40) | ((uint64_t) ea.ea[1] << 32)
            | ((uint64_t) ea.ea[2] << 24) | ((uint64_t) ea.ea[3] << 16)
            | ((uint64_t) ea.ea[4] << 8) | ea.ea[5]);
}

static inline uint64_t
eth_addr_vlan_to_uint64(const struct eth_addr ea, uint16_t vlan)
{
    return (((uint64_t) vlan << 48) | eth_addr_to_uint64(ea));
}

static inline void
eth_addr_from_uint64(uint64_t x, struct eth_addr *ea)
{
    ea->ea[0] = x >> 40;
    ea->ea[1] = x >> 32;
    ea->ea[2] = x >> 24;
    ea->ea[3] = x >> 16;
    ea->ea[4] = x >> 8;
    ea->ea[5] = x;
}

static inline struct eth_addr
eth_addr_invert(const struct eth_addr src)
{
    struct eth_addr dst;

    for (int i = 0; i < ARRAY_SIZE(src.be16); i++) {
        dst.be16[i] = ~src.be16[i];
    }
    return dst;
}

static inline void
eth_addr_bitand(const struct eth_addr src, const struct eth_addr mask,
                struct eth_addr *dst)
{
    for (int i = 0; i < ARRAY_SIZE(src.be16); i++) {
        dst->be16[i] = src.be16[i] & mask.be16[i];
    }
}

/* Makes 'ea' a unicast, locally administered address. */
static inline void
eth_addr_mark_random(struct eth_addr *ea)
{
    ea->ea[0] &= ~1;                /* Unicast. */
    ea->ea[0] |= 2;                 /* Private. */
}

void eth_addr_random(struct eth_addr *);
void eth_addr_nicira_random(struct eth_addr *);
bool eth_addr_is_reserved(const struct eth_addr);
bool eth_addr_from_string(const char *, struct eth_addr *);
void eth_format_masked(const struct eth_addr eth,
                       const struct eth_addr *mask, struct ds *);

/* Example:
 *     struct eth_addr mac;
 *     printf("The Ethernet address is "ETH_ADDR_FMT"\n",
 *            ETH_ADDR_ARGS(mac)); */
#define ETH_ADDR_FMT \
    "%02"PRIx8":%02"PRIx8":%02"PRIx8":%02"PRIx8":%02"PRIx8":%02"PRIx8
#define ETH_ADDR_ARGS(EA) ETH_ADDR_BYTES_ARGS((EA).ea)
#define ETH_ADDR_BYTES_ARGS(EAB) \
    (EAB)[0], (EAB)[1], (EAB)[2], (EAB)[3], (EAB)[4], (EAB)[5]
#define ETH_ADDR_STRLEN 17

/* For sscanf():
 *     struct eth_addr mac;
 *     if (sscanf(string, ETH_ADDR_SCAN_FMT, ETH_ADDR_SCAN_ARGS(mac))
 *         == ETH_ADDR_SCAN_COUNT) { ... } */
#define ETH_ADDR_SCAN_FMT \
    "%"SCNx8":%"SCNx8":%"SCNx8":%"SCNx8":%"SCNx8":%"SCNx8
#define ETH_ADDR_SCAN_ARGS(EA) \
    &(EA).ea[0], &(EA).ea[1], &(EA).ea[2], &(EA).ea[3], &(EA).ea[4], \
    &(EA).ea[5]
#define ETH_ADDR_SCAN_COUNT 6

/* 802.1Q VLANs. */

#define VLAN_VID_MASK 0x0fff
#define VLAN_VID_SHIFT 0
#define VLAN_PCP_MASK 0xe000
#define VLAN_PCP_SHIFT 13
#define VLAN_CFI 0x1000
#define VLAN_CFI_SHIFT 12

static inline int
vlan_tci_to_cfi(ovs_be16 vlan_tci)
{
    return (vlan_tci & htons(VLAN_CFI)) != 0;
}

#define VLAN_HEADER_LEN 4
struct vlan_header {
    ovs_be16 vlan_tci;          /* Lowest 12 bits are VLAN ID. */
    ovs_be16 vlan_next_type;    /* Ethertype of the next header. */
};
PACKETS_ASSERT_SIZE(struct vlan_header, VLAN_HEADER_LEN);

#define VLAN_ETH_HEADER_LEN (ETH_HEADER_LEN + VLAN_HEADER_LEN)
struct vlan_eth_header {
    struct eth_addr veth_dst;   /* Destination address. */
    struct eth_addr veth_src;   /* Source address. */
    ovs_be16 veth_type;         /* Always ETH_TYPE_VLAN_8021Q or _8021AD. */
    ovs_be16 veth_tci;          /* Lowest 12 bits are VLAN ID. */
    ovs_be16 veth_next_type;    /* Ethertype of the next header. */
};
PACKETS_ASSERT_SIZE(struct vlan_eth_header, VLAN_ETH_HEADER_LEN);

/* MPLS. */

#define MPLS_TC_MASK 0x00000e00
#define MPLS_TC_SHIFT 9
#define MPLS_LABEL_MASK 0xfffff000
#define MPLS_LABEL_SHIFT 12
#define MPLS_TTL_MASK 0x000000ff
#define MPLS_TTL_SHIFT 0
#define MPLS_BOS_MASK 0x00000100
#define MPLS_BOS_SHIFT 8

#define MPLS_HLEN 4
struct mpls_hdr {
    ovs_16aligned_be32 mpls_lse;        /* Label stack entry. */
};
PACKETS_ASSERT_SIZE(struct mpls_hdr, MPLS_HLEN);

/* IPv4. */

#define IP_FMT "%"PRIu32".%"PRIu32".%"PRIu32".%"PRIu32
#define IP_ARGS(ip)                             \
    ntohl(ip) >> 24,                            \
    (ntohl(ip) >> 16) & 0xff,                   \
    (ntohl(ip) >> 8) & 0xff,                    \
    ntohl(ip) & 0xff

/* For sscanf():
 *     ovs_be32 ip;
 *     if (sscanf(string, IP_SCAN_FMT, IP_SCAN_ARGS(&ip)) == 4) { ... } */
#define IP_SCAN_FMT "%"SCNu8".%"SCNu8".%"SCNu8".%"SCNu8
#define IP_SCAN_ARGS(ip)                                    \
        ((void) (ovs_be32) *(ip), &((uint8_t *) ip)[0]),    \
        &((uint8_t *) ip)[1],                               \
        &((uint8_t *) ip)[2],                               \
        &((uint8_t *) ip)[3]

#define IP_VER(ip_ihl_ver) ((ip_ihl_ver) >> 4)
#define IP_IHL(ip_ihl_ver) ((ip_ihl_ver) & 15)
#define IP_IHL_VER(ihl, ver) (((ver) << 4) | (ihl))
#define IP_VERSION 4

#define IP_DSCP_MASK 0xfc
#define IP_DSCP_CS6 0xc0
#define IP_ECN_MASK 0x03
#define IP_ECN_NOT_ECT 0x0
#define IP_ECN_ECT_1 0x01
#define IP_ECN_ECT_0 0x02
#define IP_ECN_CE 0x03
#define IP_IS_FRAGMENT(ip_frag_off) \
    ((ip_frag_off) & htons(IP_MORE_FRAGMENTS | IP_FRAG_OFF_MASK))
#define IP_DONT_FRAGMENT  0x4000 /* Don't fragment. */
#define IP_MORE_FRAGMENTS 0x2000 /* More fragments. */
#define IP_FRAG_OFF_MASK  0x1fff /* Fragment offset (8-byte units). */

#define IP_HEADER_LEN 20
struct ip_header {
    uint8_t ip_ihl_ver;         /* Version (high 4 bits), IHL (low 4). */
    uint8_t ip_tos;             /* DSCP and ECN. */
    ovs_be16 ip_tot_len;        /* Total length of the datagram. */
    ovs_be16 ip_id;             /* Identification. */
    ovs_be16 ip_frag_off;       /* Flags and fragment offset. */
    uint8_t ip_ttl;             /* Time to live. */
    uint8_t ip_proto;           /* Protocol of the payload. */
    ovs_be16 ip_csum;           /* Header checksum. */
    ovs_16aligned_be32 ip_src;  /* Source address. */
    ovs_16aligned_be32 ip_dst;  /* Destination address. */
};
PACKETS_ASSERT_SIZE(struct ip_header, IP_HEADER_LEN);

static inline bool
ip_is_multicast(ovs_be32 ip)
{
    return (ip & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool
ip_is_local_multicast(ovs_be32 ip)
{
    return (ip & htonl(0xffffff00)) == htonl(0xe0000000);
}

/* True if 'netmask' is a CIDR netmask (ones, then zeros). */
static inline bool
ip_is_cidr(ovs_be32 netmask)
{
    uint32_t x = ~ntohl(netmask);

    return !(x & (x + 1));
}

int ip_count_cidr_bits(ovs_be32 netmask);
void ip_format_masked(ovs_be32 ip, ovs_be32 mask, struct ds *);
bool ip_parse(const char *s, ovs_be32 *ip);
char *ip_parse_masked(const char *s, ovs_be32 *ip, ovs_be32 *mask)
    OVS_WARN_UNUSED_RESULT;
char *ip_parse_cidr(const char *s, ovs_be32 *ip, unsigned int *plen)
    OVS_WARN_UNUSED_RESULT;

/* ICMP (IPv4). */

#define ICMP4_ECHO_REPLY 0
#define ICMP4_DST_UNREACH 3
#define ICMP4_SOURCEQUENCH 4
#define ICMP4_REDIRECT 5
#define ICMP4_ECHO_REQUEST 8
#define ICMP4_TIME_EXCEEDED 11
#define ICMP4_PARAM_PROB 12
#define ICMP4_TIMESTAMP 13
#define ICMP4_TIMESTAMPREPLY 14
#define ICMP4_INFOREQUEST 15
#define ICMP4_INFOREPLY 16

#define ICMP_HEADER_LEN 8
struct icmp_header {
    uint8_t icmp_type;          /* Message type. */
    uint8_t icmp_code;          /* Type-specific code. */
    ovs_be16 icmp_csum;         /* Checksum of the ICMP message. */
    union {
        struct {
            ovs_be16 id;        /* Echo identifier. */
            ovs_be16 seq;       /* Echo sequence number. */
        } echo;
        struct {
            ovs_be16 empty;     /* Unused. */
            ovs_be16 mtu;       /* Next-hop MTU. */
        } frag;
        ovs_16aligned_be32 gateway; /* Redirect gateway. */
    } icmp_fields;              /* Type-specific second word. */
};
PACKETS_ASSERT_SIZE(struct icmp_header, ICMP_HEADER_LEN);

/* IGMP. */

#define IGMP_HEADER_LEN 8
struct igmp_header {
    uint8_t igmp_type;          /* Message type. */
    uint8_t igmp_code;          /* Max response time. */
    ovs_be16 igmp_csum;         /* Checksum. */
    ovs_16aligned_be32 group;   /* Group address. */
};
PACKETS_ASSERT_SIZE(struct igmp_header, IGMP_HEADER_LEN);

#define IGMP_HOST_MEMBERSHIP_QUERY    0x11
#define IGMP_HOST_MEMBERSHIP_REPORT   0x12
#define IGMPV2_HOST_MEMBERSHIP_REPORT 0x16
#define IGMP_HOST_LEAVE_MESSAGE       0x17
#define IGMPV3_HOST_MEMBERSHIP_REPORT 0x22

/* SCTP. */

#define SCTP_HEADER_LEN 12
struct sctp_header {
    ovs_be16 sctp_src;              /* Source port. */
    ovs_be16 sctp_dst;              /* Destination port. */
    ovs_16aligned_be32 sctp_vtag;   /* Verification tag. */
    ovs_16aligned_be32 sctp_csum;   /* CRC32C checksum. */
};
PACKETS_ASSERT_SIZE(struct sctp_header, SCTP_HEADER_LEN);

/* UDP. */

#define UDP_HEADER_LEN 8
struct udp_header {
    ovs_be16 udp_src;           /* Source port. */
    ovs_be16 udp_dst;           /* Destination port. */
    ovs_be16 udp_len;           /* Length of header and payload. */
    ovs_be16 udp_csum;          /* Checksum (0 = none, IPv4 only). */
};
PACKETS_ASSERT_SIZE(struct udp_header, UDP_HEADER_LEN);

/* TCP. */

#define TCP_FIN 0x001
#define TCP_SYN 0x002
#define TCP_RST 0x004
#define TCP_PSH 0x008
#define TCP_ACK 0x010
#define TCP_URG 0x020
#define TCP_ECE 0x040
#define TCP_CWR 0x080
#define TCP_NS  0x100

#define TCP_CTL(flags, offset) (htons((flags) | ((offset) << 12)))
#define TCP_FLAGS(tcp_ctl) (ntohs(tcp_ctl) & 0x0fff)
#define TCP_FLAGS_BE16(tcp_ctl) ((tcp_ctl) & htons(0x0fff))
#define TCP_OFFSET(tcp_ctl) (ntohs(tcp_ctl) >> 12)

#define TCP_HEADER_LEN 20
struct tcp_header {
    ovs_be16 tcp_src;               /* Source port. */
    ovs_be16 tcp_dst;               /* Destination port. */
    ovs_16aligned_be32 tcp_seq;     /* Sequence number. */
    ovs_16aligned_be32 tcp_ack;     /* Acknowledgement number. */
    ovs_be16 tcp_ctl;               /* Data offset (4 bits), flags (12). */
    ovs_be16 tcp_winsz;             /* Window size. */
    ovs_be16 tcp_csum;              /* Checksum. */
    ovs_be16 tcp_urg;               /* Urgent pointer. */
};
PACKETS_ASSERT_SIZE(struct tcp_header, TCP_HEADER_LEN);

/* Returns the name of TCP flag 'flag' (one bit), e.g. "syn", or NULL. */
const char *packet_tcp_flag_to_string(uint32_t flag);
/* Appends 'tcp_flags' as "syn|ack" style text ("none" if zero). */
void packet_format_tcp_flags(struct ds *, uint16_t tcp_flags);

/* ARP. */

#define ARP_HRD_ETHERNET 1
#define ARP_PRO_IP 0x0800
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2
#define ARP_OP_RARP 3

#define ARP_ETH_HEADER_LEN 28
struct arp_eth_header {
    /* Generic members. */
    ovs_be16 ar_hrd;            /* Hardware type. */
    ovs_be16 ar_pro;            /* Protocol type. */
    uint8_t ar_hln;             /* Hardware address length. */
    uint8_t ar_pln;             /* Protocol address length. */
    ovs_be16 ar_op;             /* Opcode. */

    /* Ethernet+IPv4 specific members. */
    struct eth_addr ar_sha;     /* Sender hardware address. */
    ovs_16aligned_be32 ar_spa;  /* Sender protocol address. */
    struct eth_addr ar_tha;     /* Target hardware address. */
    ovs_16aligned_be32 ar_tpa;  /* Target protocol address. */
};
PACKETS_ASSERT_SIZE(struct arp_eth_header, ARP_ETH_HEADER_LEN);

/* IPv6. */

#define IPV6_HEADER_LEN 40
#define IPV6_LABEL_MASK 0x000fffff

/* An IPv6 address with only 2-byte alignment. */
union ovs_16aligned_in6_addr {
    ovs_be16 be16[8];                   /* As 16-bit words. */
    ovs_16aligned_be32 be32[4];         /* As 32-bit words. */
};

/* Like struct ip6_hdr, with 2-byte alignment.  <netinet/ip6.h>'s macros
 * ip6_flow, ip6_plen, ip6_nxt, ip6_hlim and ip6_vfc work on it. */
struct ovs_16aligned_ip6_hdrctl {
    ovs_16aligned_be32 ip6_un1_flow;    /* Version, traffic class, label. */
    ovs_be16 ip6_un1_plen;              /* Payload length. */
    uint8_t ip6_un1_nxt;                /* Next header. */
    uint8_t ip6_un1_hlim;               /* Hop limit. */
};

struct ovs_16aligned_ip6_hdr {
    union {
        struct ovs_16aligned_ip6_hdrctl ip6_un1;  /* Fixed fields. */
        uint8_t ip6_un2_vfc;            /* Version and top of class. */
    } ip6_ctlun;
    union ovs_16aligned_in6_addr ip6_src;   /* Source address. */
    union ovs_16aligned_in6_addr ip6_dst;   /* Destination address. */
};
PACKETS_ASSERT_SIZE(struct ovs_16aligned_ip6_hdr, IPV6_HEADER_LEN);

/* The IPv6 fragment extension header, with 2-byte alignment. */
struct ovs_16aligned_ip6_frag {
    uint8_t ip6f_nxt;                   /* Next header. */
    uint8_t ip6f_reserved;              /* Reserved. */
    ovs_be16 ip6f_offlg;                /* Offset, reserved, more flag. */
    ovs_16aligned_be32 ip6f_ident;      /* Identification. */
};
PACKETS_ASSERT_SIZE(struct ovs_16aligned_ip6_frag, 8);

/* IPv6 textual formats: for sscanf(), IPV6_SCAN_FMT with a char buffer of
 * IPV6_SCAN_LEN + 1 bytes. */
#define IPV6_SCAN_LEN 46
#define IPV6_SCAN_FMT "%46[0123456789abcdefABCDEF:.]"

extern const struct in6_addr in6addr_exact;
#define IN6ADDR_EXACT_INIT { { { 0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff, \
                                 0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff } } }
extern const struct in6_addr in6addr_all_hosts;
#define IN6ADDR_ALL_HOSTS_INIT                                  \
    { { { 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,       \
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 } } }

static inline bool
ipv6_addr_equals(const struct in6_addr *a, const struct in6_addr *b)
{
    return !memcmp(a, b, sizeof *a);
}

static inline bool
ipv6_mask_is_any(const struct in6_addr *mask)
{
    static const struct in6_addr any = IN6ADDR_ANY_INIT;

    return ipv6_addr_equals(mask, &any);
}

static inline bool
ipv6_mask_is_exact(const struct in6_addr *mask)
{
    static const struct in6_addr exact = IN6ADDR_EXACT_INIT;

    return ipv6_addr_equals(mask, &exact);
}

static inline bool
ipv6_is_zero(const struct in6_addr *a)
{
    return ipv6_mask_is_any(a);
}

static inline bool
ipv6_addr_is_set(const struct in6_addr *a)
{
    return !ipv6_is_zero(a);
}

static inline bool
ipv6_addr_is_multicast(const struct in6_addr *ip)
{
    return ip->s6_addr[0] == 0xff;
}

/* Returns 'a' & 'mask'. */
struct in6_addr ipv6_addr_bitand(const struct in6_addr *a,
                                 const struct in6_addr *mask);
struct in6_addr ipv6_addr_bitxor(const struct in6_addr *a,
                                 const struct in6_addr *b);
struct in6_addr ipv6_create_mask(int mask);
int ipv6_count_cidr_bits(const struct in6_addr *netmask);
bool ipv6_is_cidr(const struct in6_addr *netmask);
void ipv6_format_addr(const struct in6_addr *, struct ds *);
void ipv6_format_addr_bracket(const struct in6_addr *, struct ds *,
                              bool bracket);
void ipv6_format_masked(const struct in6_addr *addr,
                        const struct in6_addr *mask, struct ds *);
bool ipv6_parse(const char *s, struct in6_addr *);
char *ipv6_parse_masked(const char *s, struct in6_addr *ip,
                        struct in6_addr *mask) OVS_WARN_UNUSED_RESULT;

/* IPv4-mapped IPv6 addresses (::ffff:a.b.c.d). */
static inline void
in6_addr_set_mapped_ipv4(struct in6_addr *ip6, ovs_be32 ip4)
{
    memset(ip6, 0, sizeof *ip6);
    ip6->s6_addr[10] = 0xff;
    ip6->s6_addr[11] = 0xff;
    memcpy(&ip6->s6_addr[12], &ip4, 4);
}

static inline struct in6_addr
in6_addr_mapped_ipv4(ovs_be32 ip4)
{
    struct in6_addr ip6;

    in6_addr_set_mapped_ipv4(&ip6, ip4);
    return ip6;
}

static inline ovs_be32
in6_addr_get_mapped_ipv4(const struct in6_addr *addr)
{
    ovs_be32 ip4;

    if (IN6_IS_ADDR_V4MAPPED(addr)) {
        memcpy(&ip4, &addr->s6_addr[12], 4);
        return ip4;
    }
    return INADDR_ANY;
}

/* Copies between 2-byte aligned and ordinary IPv6 addresses. */
static inline void
ovs_16aligned_in6_to_in6(const union ovs_16aligned_in6_addr *src,
                         struct in6_addr *dst)
{
    memcpy(dst, src, sizeof *dst);
}

static inline void
in6_to_ovs_16aligned_in6(const struct in6_addr *src,
                         union ovs_16aligned_in6_addr *dst)
{
    memcpy(dst, src, sizeof *dst);
}

/* ICMPv6 and neighbor discovery.  ND_NEIGHBOR_SOLICIT (135),
 * ND_NEIGHBOR_ADVERT (136), ND_OPT_SOURCE_LINKADDR (1) and
 * ND_OPT_TARGET_LINKADDR (2) come from <netinet/icmp6.h>. */

#define ICMP6_HEADER_LEN 4
struct icmp6_header {
    uint8_t icmp6_type;         /* Message type. */
    uint8_t icmp6_code;         /* Type-specific code. */
    ovs_be16 icmp6_cksum;       /* Checksum. */
};
PACKETS_ASSERT_SIZE(struct icmp6_header, ICMP6_HEADER_LEN);

#define ICMP6_DATA_HEADER_LEN 8
struct icmp6_data_header {
    struct icmp6_header icmp6_base;     /* Type, code, checksum. */
    union {
        ovs_16aligned_be32 be32[1];     /* As one word. */
        ovs_be16 be16[2];               /* As two halves. */
        uint8_t u8[4];                  /* As bytes. */
    } icmp6_data;                       /* Message-specific word. */
};
PACKETS_ASSERT_SIZE(struct icmp6_data_header, ICMP6_DATA_HEADER_LEN);

/* A neighbor discovery link-layer address option. */
#define ND_LLA_OPT_LEN 8
struct ovs_nd_lla_opt {
    uint8_t type;               /* ND_OPT_SOURCE/TARGET_LINKADDR. */
    uint8_t len;                /* Length in 8-byte units (1). */
    struct eth_addr mac;        /* The link-layer address. */
};
PACKETS_ASSERT_SIZE(struct ovs_nd_lla_opt, ND_LLA_OPT_LEN);

/* Any neighbor discovery option (the header of one). */
struct ovs_nd_opt {
    uint8_t nd_opt_type;        /* Option type. */
    uint8_t nd_opt_len;         /* Length in 8-byte units, 0 invalid. */
};

/* A neighbor solicitation or advertisement. */
#define ND_MSG_LEN 24
struct ovs_nd_msg {
    struct icmp6_header icmph;          /* Type, code, checksum. */
    ovs_16aligned_be32 rso_flags;       /* Router/solicited/override. */
    union ovs_16aligned_in6_addr target; /* Target address. */
    struct ovs_nd_lla_opt options[];    /* Options. */
};
PACKETS_ASSERT_SIZE(struct ovs_nd_msg, ND_MSG_LEN);

#define ND_RSO_ROUTER    0x80000000
#define ND_RSO_SOLICITED 0x40000000
#define ND_RSO_OVERRIDE  0x20000000

#define MLD_QUERY 130
#define MLD_REPORT 131
#define MLD_DONE 132
#define MLD2_REPORT 143

/* Checksum helpers for layer 4 over IPv4 and IPv6 (see also csum.h). */
uint32_t packet_csum_pseudoheader(const struct ip_header *);
uint32_t packet_csum_pseudoheader6(const struct ovs_16aligned_ip6_hdr *);
ovs_be16 packet_csum_upperlayer6(const struct ovs_16aligned_ip6_hdr *,
                                 const void *, uint8_t l4_protocol,
                                 uint16_t l4_size);

/* Header rewriting on a packet whose layer offsets were set by
 * flow_extract().  Each updates the IP header checksum and the L4
 * checksum (TCP, UDP if nonzero, ICMP, ICMPv6; SCTP's CRC32C is
 * recomputed) as needed. */
void eth_set_vlan_tci(struct dp_packet *, ovs_be16 tci);
void eth_push_vlan(struct dp_packet *, ovs_be16 tpid, ovs_be16 tci);
void eth_pop_vlan(struct dp_packet *);
void push_eth(struct dp_packet *, const struct eth_addr *dst,
              const struct eth_addr *src);
void packet_set_eth_addr(struct dp_packet *, const struct eth_addr src,
                         const struct eth_addr dst);
void packet_set_ipv4_addr(struct dp_packet *, ovs_16aligned_be32 *addr,
                          ovs_be32 new_addr);
void packet_set_ipv4(struct dp_packet *, ovs_be32 src, ovs_be32 dst,
                     uint8_t tos, uint8_t ttl);
void packet_set_ipv6_addr(struct dp_packet *, uint8_t proto,
                          ovs_16aligned_be32 addr[4],
                          const struct in6_addr *new_addr,
                          bool recalculate_csum);
void packet_set_ipv6(struct dp_packet *, const struct in6_addr *src,
                     const struct in6_addr *dst, uint8_t tc,
                     ovs_be32 fl, uint8_t hlmit);
void packet_set_tcp_port(struct dp_packet *, ovs_be16 src, ovs_be16 dst);
void packet_set_udp_port(struct dp_packet *, ovs_be16 src, ovs_be16 dst);
void packet_set_sctp_port(struct dp_packet *, ovs_be16 src, ovs_be16 dst);
void packet_set_icmp(struct dp_packet *, uint8_t type, uint8_t code);
void packet_set_nd(struct dp_packet *, const struct in6_addr *target,
                   const struct eth_addr sll, const struct eth_addr tll);
void packet_set_arp(struct dp_packet *, uint16_t op, ovs_be32 spa,
                    ovs_be32 tpa, const struct eth_addr sha,
                    const struct eth_addr tha);

/* Packet construction. */
void *eth_compose(struct dp_packet *, const struct eth_addr eth_dst,
                  const struct eth_addr eth_src, uint16_t eth_type,
                  size_t size);
void compose_arp(struct dp_packet *, uint16_t arp_op,
                 const struct eth_addr arp_sha,
                 const struct eth_addr arp_tha, bool broadcast,
                 ovs_be32 arp_spa, ovs_be32 arp_tpa);
void compose_rarp(struct dp_packet *, const struct eth_addr);

/* CRC32C as SCTP uses it (RFC 3309), in SCTP's byte order. */
ovs_be32 crc32c(const uint8_t *data, size_t size);

#endif /* packets.h */
