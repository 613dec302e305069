/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef FLOW_H
#define FLOW_H 1

/* struct flow: every field the switch can match on, extracted from a
 * packet plus its metadata.  It is the common currency of every layer:
 * the datapath key (odp-util converts to and from netlink), the input to
 * translation (ofproto-dpif-xlate), and, with a struct flow_wildcards
 * beside it, a megaflow or an OpenFlow match.
 *
 * Layout rules: the size is a multiple of 8 bytes and every field lies
 * within one 64-bit word, so that masked hashing and comparison can walk
 * the structure as an array of uint64_t (FLOW_U64S words).  Padding is
 * always zero.  Field names and meanings follow Open vSwitch's:
 *
 *   - VLANs: vlans[0] is the outermost tag.  'tci' holds the TCI with
 *     VLAN_CFI (0x1000) set when a tag is present, so a zero 'tci' means
 *     "no tag" (the CFI/DEI bit of the frame itself is not kept).
 *   - ARP: nw_src/nw_dst are the sender/target protocol addresses,
 *     nw_proto the low 8 bits of the opcode, arp_sha/arp_tha the hardware
 *     addresses.
 *   - ICMP/ICMPv6: tp_src is the type, tp_dst the code (network order).
 *   - IPv6 ND: nd_target, with arp_sha (source link-layer option) and
 *     arp_tha (target link-layer option).
 *   - nw_frag: FLOW_NW_FRAG_* bits. */

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "openvswitch/types.h"
#include "openvswitch/util.h"

struct dp_packet;
struct ds;

#define FLOW_N_REGS 16
#define FLOW_MAX_VLAN_HEADERS 2
#define FLOW_MAX_MPLS_LABELS 3

/* nw_frag bits. */
#define FLOW_NW_FRAG_ANY   (1 << 0) /* Set for any IP fragment. */
#define FLOW_NW_FRAG_LATER (1 << 1) /* Set for IP fragment with nonzero
                                     * offset. */
#define FLOW_NW_FRAG_MASK  (FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER)

/* Tunnel metadata: where a packet came from (on receive) or is going to
 * (on output to a tunnel port).  ip_dst == 0 and ipv6_dst all zero mean
 * "no tunnel". */
struct flow_tnl {
    ovs_be32 ip_dst;                /* Outer IPv4 destination. */
    ovs_be32 ip_src;                /* Outer IPv4 source. */
    struct in6_addr ipv6_dst;       /* Outer IPv6 destination. */
    struct in6_addr ipv6_src;       /* Outer IPv6 source. */
    ovs_be64 tun_id;                /* VNI/key. */
    uint16_t flags;                 /* FLOW_TNL_F_* bits. */
    uint8_t ip_tos;                 /* Outer TOS. */
    uint8_t ip_ttl;                 /* Outer TTL. */
    ovs_be16 tp_src;                /* Outer UDP source port. */
    ovs_be16 tp_dst;                /* Outer UDP destination port. */
    ovs_be16 gbp_id;                /* VXLAN group policy id. */
    uint8_t gbp_flags;              /* VXLAN group policy flags. */
    uint8_t pad1[5];                /* Zero. */
};

#define FLOW_TNL_F_DONT_FRAGMENT (1 << 1)
#define FLOW_TNL_F_CSUM (1 << 2)
#define FLOW_TNL_F_KEY (1 << 3)
#define FLOW_TNL_F_OAM (1 << 0)

/* One 802.1Q/802.1ad header. */
union flow_vlan_hdr {
    ovs_be32 qtag;                  /* Both, as one word. */
    struct {
        ovs_be16 tpid;              /* ETH_TYPE_VLAN_8021Q or _8021AD. */
        ovs_be16 tci;               /* PCP, VLAN_CFI if present, VID. */
    };
};

/* The input port: a datapath port number in the datapath layer, an
 * OpenFlow port number in ofproto. */
union flow_in_port {
    odp_port_t odp_port;
    ofp_port_t ofp_port;
};

struct flow {
    /* Metadata. */
    struct flow_tnl tunnel;         /* Encapsulating tunnel parameters. */
    ovs_be64 metadata;              /* OpenFlow metadata field. */
    uint32_t regs[FLOW_N_REGS];     /* Registers. */
    uint32_t skb_priority;          /* Packet priority for QoS. */
    uint32_t pkt_mark;              /* Packet mark. */
    uint32_t dp_hash;               /* Datapath computed hash value. */
    union flow_in_port in_port;     /* Input port. */
    uint32_t recirc_id;             /* Recirculation id; 0 on first pass. */
    uint8_t ct_state;               /* Connection tracking state. */
    uint8_t ct_nw_proto;            /* CT original direction protocol. */
    uint16_t ct_zone;               /* Connection tracking zone. */
    uint32_t ct_mark;               /* Connection mark. */
    ovs_be32 packet_type;           /* 0 for Ethernet. */
    ovs_u128 ct_label;              /* Connection label. */
    uint32_t conj_id;               /* Conjunction id. */
    ofp_port_t actset_output;       /* Output port in action set. */
    uint8_t pad1[2];                /* Zero. */

    /* L2. */
    struct eth_addr dl_dst;         /* Ethernet destination address. */
    struct eth_addr dl_src;         /* Ethernet source address. */
    ovs_be16 dl_type;               /* Ethernet frame type (after VLANs). */
    uint8_t pad2[2];                /* Zero. */
    union flow_vlan_hdr vlans[FLOW_MAX_VLAN_HEADERS]; /* Outermost first. */
    ovs_be32 mpls_lse[ROUND_UP(FLOW_MAX_MPLS_LABELS, 2)]; /* MPLS labels. */

    /* L3. */
    ovs_be32 nw_src;                /* IPv4 source or ARP SPA. */
    ovs_be32 nw_dst;                /* IPv4 destination or ARP TPA. */
    ovs_be32 ct_nw_src;             /* CT orig tuple IPv4 source. */
    ovs_be32 ct_nw_dst;             /* CT orig tuple IPv4 destination. */
    struct in6_addr ipv6_src;       /* IPv6 source. */
    struct in6_addr ipv6_dst;       /* IPv6 destination. */
    struct in6_addr ct_ipv6_src;    /* CT orig tuple IPv6 source. */
    struct in6_addr ct_ipv6_dst;    /* CT orig tuple IPv6 destination. */
    ovs_be32 ipv6_label;            /* IPv6 flow label (low 20 bits). */
    uint8_t nw_frag;                /* FLOW_NW_FRAG_* flags. */
    uint8_t nw_tos;                 /* IP ToS (including DSCP and ECN). */
    uint8_t nw_ttl;                 /* IP TTL/Hop Limit. */
    uint8_t nw_proto;               /* IP protocol or low 8 bits of ARP
                                     * opcode. */
    struct in6_addr nd_target;      /* IPv6 neighbor discovery target. */
    struct eth_addr arp_sha;        /* ARP/ND source hardware address. */
    struct eth_addr arp_tha;        /* ARP/ND target hardware address. */
    ovs_be16 tcp_flags;             /* TCP flags (low 12 bits). */
    uint8_t pad3[2];                /* Zero. */

    /* L4. */
    ovs_be16 tp_src;                /* TCP/UDP/SCTP source port, ICMP type. */
    ovs_be16 tp_dst;                /* TCP/UDP/SCTP dest port, ICMP code. */
    ovs_be16 ct_tp_src;             /* CT original tuple source port. */
    ovs_be16 ct_tp_dst;             /* CT original tuple dest port. */
    ovs_be32 igmp_group_ip4;        /* IGMP group IPv4 address. */
    uint8_t pad4[4];                /* Zero. */
};

#define FLOW_U64S (sizeof (struct flow) / sizeof (uint64_t))

/* Which bits of a struct flow matter: a 1-bit in 'masks' means the
 * corresponding bit of the flow was examined (for a megaflow) or must
 * match (for a match). */
struct flow_wildcards {
    struct flow masks;
};

/* Extraction and composition. */
void flow_extract(struct dp_packet *, struct flow *);
void flow_compose(struct dp_packet *, const struct flow *,
                  const void *l7, size_t l7_len);
void flow_get_metadata(const struct flow *, struct flow *metadata);
void flow_copy_pipeline_metadata(struct flow *dst, const struct flow *src);

/* Comparison and hashing. */
bool flow_equal(const struct flow *, const struct flow *);
uint32_t flow_hash(const struct flow *, uint32_t basis);
uint32_t flow_hash_5tuple(const struct flow *, uint32_t basis);
uint32_t flow_hash_symmetric_l4(const struct flow *, uint32_t basis);

/* Text, in OpenFlow's match syntax (the "Flow:" line of ofproto/trace). */
void flow_format(struct ds *, const struct flow *);
char *flow_to_string(const struct flow *);

/* Wildcards. */
void flow_wildcards_init_catchall(struct flow_wildcards *);
void flow_wildcards_init_exact(struct flow_wildcards *);
void flow_wildcards_init_for_packet(struct flow_wildcards *,
                                    const struct flow *);
bool flow_wildcards_is_catchall(const struct flow_wildcards *);
void flow_wildcards_or(struct flow_wildcards *dst,
                       const struct flow_wildcards *,
                       const struct flow_wildcards *);
bool flow_wildcards_equal(const struct flow_wildcards *,
                          const struct flow_wildcards *);
uint32_t flow_wildcards_hash(const struct flow_wildcards *, uint32_t basis);
void flow_zero_wildcards(struct flow *, const struct flow_wildcards *);
bool flow_equal_except(const struct flow *, const struct flow *,
                       const struct flow_wildcards *);
uint32_t flow_hash_in_wildcards(const struct flow *,
                                const struct flow_wildcards *,
                                uint32_t basis);
void flow_wildcards_clear_non_packet_fields(struct flow_wildcards *);
void flow_wildcards_clear_pads(struct flow_wildcards *);
void flow_wildcards_and(struct flow_wildcards *dst,
                        const struct flow_wildcards *,
                        const struct flow_wildcards *);
bool flow_wildcards_has_extra(const struct flow_wildcards *,
                              const struct flow_wildcards *);

/* Marks FIELD of WC as fully examined, e.g.
 * WC_MASK_FIELD(wc, dl_dst). */
#define WC_MASK_FIELD(WC, FIELD) \
    memset(&(WC)->masks.FIELD, 0xff, sizeof (WC)->masks.FIELD)
/* Marks the bits of FIELD of WC that are 1 in MASK as examined. */
#define WC_MASK_FIELD_MASK(WC, FIELD, MASK) \
    ((WC)->masks.FIELD |= (MASK))
#define WC_UNMASK_FIELD(WC, FIELD) \
    memset(&(WC)->masks.FIELD, 0, sizeof (WC)->masks.FIELD)

/* The flow's words, for code that walks it generically. */
static inline const uint64_t *
flow_u64_const(const struct flow *flow)
{
    return (const uint64_t *) flow;
}

static inline uint64_t *
flow_u64(struct flow *flow)
{
    return (uint64_t *) flow;
}

/* VLAN helpers on flow->vlans[i].tci (VLAN_CFI marks presence). */
static inline uint16_t
vlan_tci_to_vid(ovs_be16 tci)
{
    return ntohs(tci) & 0x0fff;
}

static inline int
vlan_tci_to_pcp(ovs_be16 tci)
{
    return ntohs(tci) >> 13;
}

/* Returns the number of VLAN headers present in 'flow'. */
static inline int
flow_count_vlan_headers(const struct flow *flow)
{
    int n;

    for (n = 0; n < FLOW_MAX_VLAN_HEADERS; n++) {
        if (!(flow->vlans[n].tci & htons(0x1000))) {
            break;
        }
    }
    return n;
}

/* True if 'flow' is IPv4 or IPv6. */
static inline bool
is_ip_any(const struct flow *flow)
{
    return flow->dl_type == htons(0x0800) || flow->dl_type == htons(0x86dd);
}

#endif /* flow.h */
