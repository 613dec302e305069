/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "flow.h"
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include "csum.h"
#include "dp-packet.h"
#include "hash.h"
#include "match.h"
#include "openvswitch/dynamic-string.h"
#include "packets.h"

_Static_assert(sizeof(struct flow) % sizeof(uint64_t) == 0,
               "struct flow must be a multiple of 8 bytes");

/* A cursor over the bytes of a packet being parsed. */
struct parse_ctx {
    const uint8_t *data;        /* Next byte to parse. */
    size_t size;                /* Bytes left, excluding L2 padding. */
};

/* Returns a pointer to the next 'n' bytes of 'ctx' and consumes them, or
 * NULL if fewer remain (then nothing is consumed). */
static const void *
pull(struct parse_ctx *ctx, size_t n)
{
    const void *p = ctx->data;

    if (ctx->size < n) {
        return NULL;
    }
    ctx->data += n;
    ctx->size -= n;
    return p;
}

/* Returns the Ethertype that follows the Ethernet addresses (and any VLAN
 * tags) at 'ctx': a real Ethertype, the one an 802.2 LLC/SNAP header with
 * the Ethernet OUI carries, or FLOW_DL_TYPE_NONE for other 802.3 frames.
 * Returns 0 (consuming nothing) if the type field is truncated. */
static ovs_be16
parse_ethertype(struct parse_ctx *ctx)
{
    const struct llc_snap_header *llc;
    const ovs_be16 *typep;
    ovs_be16 type;

    typep = pull(ctx, sizeof *typep);
    if (!typep) {
        return 0;
    }
    memcpy(&type, typep, sizeof type);
    if (ntohs(type) >= ETH_TYPE_MIN) {
        return type;
    }

    if (ctx->size < LLC_SNAP_HEADER_LEN) {
        return htons(FLOW_DL_TYPE_NONE);
    }
    llc = (const void *) ctx->data;
    if (llc->llc.llc_dsap != LLC_DSAP_SNAP
        || llc->llc.llc_ssap != LLC_SSAP_SNAP
        || llc->llc.llc_cntl != LLC_CNTL_SNAP
        || memcmp(llc->snap.snap_org, SNAP_ORG_ETHERNET,
                  sizeof llc->snap.snap_org)) {
        return htons(FLOW_DL_TYPE_NONE);
    }
    pull(ctx, LLC_SNAP_HEADER_LEN);
    memcpy(&type, llc->snap.snap_type, sizeof type);
    return ntohs(type) >= ETH_TYPE_MIN ? type : htons(FLOW_DL_TYPE_NONE);
}

/* Parses the L4 header of protocol 'flow->nw_proto' at 'ctx'. */
static void
parse_l4(struct parse_ctx *ctx, struct flow *flow)
{
    if (flow->nw_proto == IPPROTO_TCP) {
        const struct tcp_header *tcp = (const void *) ctx->data;
        size_t hlen = (ctx->size >= TCP_HEADER_LEN
                       ? TCP_OFFSET(tcp->tcp_ctl) * 4 : 0);

        /* A header length field that is too small or points past the end
         * makes the whole header invalid. */
        if (hlen >= TCP_HEADER_LEN && hlen <= ctx->size) {
            pull(ctx, hlen);
            flow->tp_src = tcp->tcp_src;
            flow->tp_dst = tcp->tcp_dst;
            flow->tcp_flags = TCP_FLAGS_BE16(tcp->tcp_ctl);
        }
    } else if (flow->nw_proto == IPPROTO_UDP) {
        const struct udp_header *udp = pull(ctx, UDP_HEADER_LEN);

        if (udp) {
            flow->tp_src = udp->udp_src;
            flow->tp_dst = udp->udp_dst;
        }
    } else if (flow->nw_proto == IPPROTO_SCTP) {
        const struct sctp_header *sctp = pull(ctx, SCTP_HEADER_LEN);

        if (sctp) {
            flow->tp_src = sctp->sctp_src;
            flow->tp_dst = sctp->sctp_dst;
        }
    } else if (flow->nw_proto == IPPROTO_ICMP
               && flow->dl_type == htons(ETH_TYPE_IP)) {
        const struct icmp_header *icmp = pull(ctx, ICMP_HEADER_LEN);

        if (icmp) {
            flow->tp_src = htons(icmp->icmp_type);
            flow->tp_dst = htons(icmp->icmp_code);
        }
    } else if (flow->nw_proto == IPPROTO_IGMP
               && flow->dl_type == htons(ETH_TYPE_IP)) {
        const struct igmp_header *igmp = pull(ctx, IGMP_HEADER_LEN);

        if (igmp) {
            flow->tp_src = htons(igmp->igmp_type);
            flow->tp_dst = htons(igmp->igmp_code);
            flow->igmp_group_ip4 = get_16aligned_be32(&igmp->group);
        }
    } else if (flow->nw_proto == IPPROTO_ICMPV6
               && flow->dl_type == htons(ETH_TYPE_IPV6)) {
        const struct icmp6_data_header *icmp6;

        icmp6 = pull(ctx, ICMP6_DATA_HEADER_LEN);
        if (!icmp6) {
            return;
        }
        flow->tp_src = htons(icmp6->icmp6_base.icmp6_type);
        flow->tp_dst = htons(icmp6->icmp6_base.icmp6_code);
        if (icmp6->icmp6_base.icmp6_code == 0
            && (icmp6->icmp6_base.icmp6_type == ND_NEIGHBOR_SOLICIT
                || icmp6->icmp6_base.icmp6_type == ND_NEIGHBOR_ADVERT)) {
            const struct in6_addr *target = pull(ctx, sizeof *target);

            if (!target) {
                return;
            }
            memcpy(&flow->nd_target, target, sizeof flow->nd_target);
            while (ctx->size >= 8) {
                const struct ovs_nd_lla_opt *opt = (const void *) ctx->data;
                size_t opt_size = opt->len * 8;

                if (!opt_size) {
                    /* A zero length ends the options. */
                    break;
                }
                if (opt_size > ctx->size) {
                    goto invalid;
                }
                if (opt->type == ND_OPT_SOURCE_LINKADDR && opt_size == 8) {
                    if (!eth_addr_is_zero(flow->arp_sha)) {
                        goto invalid;
                    }
                    flow->arp_sha = opt->mac;
                } else if (opt->type == ND_OPT_TARGET_LINKADDR
                           && opt_size == 8) {
                    if (!eth_addr_is_zero(flow->arp_tha)) {
                        goto invalid;
                    }
                    flow->arp_tha = opt->mac;
                }
                pull(ctx, opt_size);
            }
            return;

        invalid:
            memset(&flow->nd_target, 0, sizeof flow->nd_target);
            flow->arp_sha = eth_addr_zero;
            flow->arp_tha = eth_addr_zero;
        }
    }
}

/* Parses the IPv4 header at 'ctx' into 'flow', setting the L3 and L4
 * offsets of 'packet' and its L2 padding.  Returns true if the L4 header
 * should be parsed. */
static bool
parse_ipv4(struct parse_ctx *ctx, struct dp_packet *packet,
           struct flow *flow)
{
    const struct ip_header *ip = (const void *) ctx->data;
    size_t ihl, tot_len;

    if (ctx->size < IP_HEADER_LEN) {
        return false;
    }
    ihl = IP_IHL(ip->ip_ihl_ver) * 4;
    tot_len = ntohs(ip->ip_tot_len);
    if (ihl < IP_HEADER_LEN || ihl > ctx->size || tot_len < ihl
        || tot_len > ctx->size) {
        return false;
    }
    packet->l2_pad_size = ctx->size - tot_len;
    ctx->size = tot_len;

    flow->nw_src = get_16aligned_be32(&ip->ip_src);
    flow->nw_dst = get_16aligned_be32(&ip->ip_dst);
    flow->nw_proto = ip->ip_proto;
    flow->nw_tos = ip->ip_tos;
    flow->nw_ttl = ip->ip_ttl;
    if (IP_IS_FRAGMENT(ip->ip_frag_off)) {
        flow->nw_frag = FLOW_NW_FRAG_ANY;
        if (ip->ip_frag_off & htons(IP_FRAG_OFF_MASK)) {
            flow->nw_frag |= FLOW_NW_FRAG_LATER;
        }
    }
    pull(ctx, ihl);
    dp_packet_set_l4(packet, CONST_CAST(uint8_t *, ctx->data));
    return !(flow->nw_frag & FLOW_NW_FRAG_LATER);
}

/* Parses the IPv6 header and extension headers at 'ctx' into 'flow'.
 * Returns true if the L4 header (of protocol 'flow->nw_proto') should be
 * parsed. */
static bool
parse_ipv6(struct parse_ctx *ctx, struct dp_packet *packet,
           struct flow *flow)
{
    const struct ovs_16aligned_ip6_hdr *ip6 = (const void *) ctx->data;
    uint8_t nw_proto, nw_frag = 0;
    ovs_be32 tc_flow;
    size_t plen;

    if (ctx->size < IPV6_HEADER_LEN) {
        return false;
    }
    plen = ntohs(ip6->ip6_plen);
    if (plen > ctx->size - IPV6_HEADER_LEN) {
        return false;
    }
    packet->l2_pad_size = ctx->size - IPV6_HEADER_LEN - plen;
    ctx->size = IPV6_HEADER_LEN + plen;

    memcpy(&flow->ipv6_src, &ip6->ip6_src, sizeof flow->ipv6_src);
    memcpy(&flow->ipv6_dst, &ip6->ip6_dst, sizeof flow->ipv6_dst);
    pull(ctx, IPV6_HEADER_LEN);

    /* The other IPv6 fields are kept only if the extension headers are
     * well-formed. */
    tc_flow = get_16aligned_be32(&ip6->ip6_flow);
    nw_proto = ip6->ip6_nxt;
    for (;;) {
        uint8_t nxt = nw_proto;

        if (nxt == IPPROTO_HOPOPTS || nxt == IPPROTO_ROUTING
            || nxt == IPPROTO_DSTOPTS || nxt == IPPROTO_AH) {
            const uint8_t *ext = ctx->data;
            size_t len;

            if (ctx->size < 8) {
                return false;
            }
            len = (nxt == IPPROTO_AH
                   ? (ext[1] + 2) * 4 : (ext[1] + 1) * 8);
            if (len > ctx->size) {
                return false;
            }
            nw_proto = ext[0];
            pull(ctx, len);
        } else if (nxt == IPPROTO_FRAGMENT) {
            const struct ovs_16aligned_ip6_frag *frag;

            frag = pull(ctx, sizeof *frag);
            if (!frag) {
                return false;
            }
            if (frag->ip6f_offlg & htons(0xfff8)) {
                nw_frag = FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER;
                break;
            }
            if (frag->ip6f_offlg & htons(1)) {
                nw_frag = FLOW_NW_FRAG_ANY;
            }
            nw_proto = frag->ip6f_nxt;
        } else {
            break;
        }
    }
    flow->nw_tos = ntohl(tc_flow) >> 20;
    flow->ipv6_label = tc_flow & htonl(IPV6_LABEL_MASK);
    flow->nw_ttl = ip6->ip6_hlim;
    flow->nw_proto = nw_proto;
    flow->nw_frag = nw_frag;
    dp_packet_set_l4(packet, CONST_CAST(uint8_t *, ctx->data));
    return !(nw_frag & FLOW_NW_FRAG_LATER);
}

/* Initializes 'flow' from the metadata and headers of 'packet' and sets
 * its L3 and L4 offsets (and L2.5 for MPLS).  Never fails: parsing stops
 * at the first malformed or truncated header, leaving the fields of that
 * and later layers zero. */
void
flow_extract(struct dp_packet *packet, struct flow *flow)
{
    struct parse_ctx ctx;
    const struct eth_header *eth;
    ovs_be16 dl_type;

    memset(flow, 0, sizeof *flow);
    flow->recirc_id = packet->md.recirc_id;
    flow->dp_hash = packet->md.dp_hash;
    flow->skb_priority = packet->md.skb_priority;
    flow->pkt_mark = packet->md.pkt_mark;
    flow->in_port.odp_port = packet->md.in_port;

    dp_packet_reset_offsets(packet);
    ctx.data = dp_packet_data(packet);
    ctx.size = dp_packet_size(packet);

    if (ctx.size < ETH_HEADER_LEN) {
        return;
    }
    eth = pull(&ctx, 2 * ETH_ADDR_LEN);
    flow->dl_dst = eth->eth_dst;
    flow->dl_src = eth->eth_src;

    /* VLAN tags: each counts only if the Ethertype after it is there
     * too. */
    for (int n = 0; ctx.size >= 6; n++) {
        ovs_be16 tpid, tci;

        memcpy(&tpid, ctx.data, 2);
        if (!eth_type_vlan(tpid) || n >= FLOW_MAX_VLAN_HEADERS) {
            break;
        }
        memcpy(&tci, ctx.data + 2, 2);
        flow->vlans[n].tpid = tpid;
        flow->vlans[n].tci = tci | htons(VLAN_CFI);
        pull(&ctx, 4);
    }

    dl_type = parse_ethertype(&ctx);
    flow->dl_type = dl_type;
    dp_packet_set_l3(packet, CONST_CAST(uint8_t *, ctx.data));

    if (eth_type_mpls(dl_type)) {
        packet->l2_5_ofs = packet->l3_ofs;
        for (int n = 0; ; n++) {
            const struct mpls_hdr *mpls = pull(&ctx, MPLS_HLEN);
            ovs_be32 lse;

            if (!mpls) {
                break;
            }
            lse = get_16aligned_be32(&mpls->mpls_lse);
            if (n < FLOW_MAX_MPLS_LABELS) {
                flow->mpls_lse[n] = lse;
            }
            if (lse & htonl(MPLS_BOS_MASK)) {
                break;
            }
        }
        dp_packet_set_l3(packet, CONST_CAST(uint8_t *, ctx.data));
        return;
    }

    if (dl_type == htons(ETH_TYPE_IP)) {
        if (parse_ipv4(&ctx, packet, flow)) {
            parse_l4(&ctx, flow);
        }
    } else if (dl_type == htons(ETH_TYPE_IPV6)) {
        if (parse_ipv6(&ctx, packet, flow)) {
            parse_l4(&ctx, flow);
        }
    } else if (dl_type == htons(ETH_TYPE_ARP)
               || dl_type == htons(ETH_TYPE_RARP)) {
        const struct arp_eth_header *arp = pull(&ctx, ARP_ETH_HEADER_LEN);

        if (arp && arp->ar_hrd == htons(ARP_HRD_ETHERNET)
            && arp->ar_pro == htons(ETH_TYPE_IP)
            && arp->ar_hln == ETH_ADDR_LEN && arp->ar_pln == 4) {
            if (ntohs(arp->ar_op) <= 0xff) {
                flow->nw_proto = ntohs(arp->ar_op);
            }
            flow->nw_src = get_16aligned_be32(&arp->ar_spa);
            flow->nw_dst = get_16aligned_be32(&arp->ar_tpa);
            flow->arp_sha = arp->ar_sha;
            flow->arp_tha = arp->ar_tha;
        }
    }
}

/* Copies into 'dst' the metadata of 'src' that the pipeline keeps and the
 * packet does not carry: tunnel, metadata, registers, priority, mark. */
void
flow_copy_pipeline_metadata(struct flow *dst, const struct flow *src)
{
    dst->tunnel = src->tunnel;
    dst->metadata = src->metadata;
    memcpy(dst->regs, src->regs, sizeof dst->regs);
    dst->skb_priority = src->skb_priority;
    dst->pkt_mark = src->pkt_mark;
}

/* Copies the metadata fields of 'flow' into 'metadata', zeroing the
 * rest. */
void
flow_get_metadata(const struct flow *flow, struct flow *metadata)
{
    memset(metadata, 0, sizeof *metadata);
    flow_copy_pipeline_metadata(metadata, flow);
    metadata->dp_hash = flow->dp_hash;
    metadata->in_port = flow->in_port;
    metadata->recirc_id = flow->recirc_id;
    metadata->ct_state = flow->ct_state;
    metadata->ct_nw_proto = flow->ct_nw_proto;
    metadata->ct_zone = flow->ct_zone;
    metadata->ct_mark = flow->ct_mark;
    metadata->ct_label = flow->ct_label;
    metadata->packet_type = flow->packet_type;
}

/* Comparison and hashing. */

bool
flow_equal(const struct flow *a, const struct flow *b)
{
    return !memcmp(a, b, sizeof *a);
}

/* Returns a hash of all of 'flow', starting from 'basis'. */
uint32_t
flow_hash(const struct flow *flow, uint32_t basis)
{
    const uint64_t *p = flow_u64_const(flow);
    uint32_t hash = basis;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        hash = hash_add64(hash, p[i]);
    }
    return hash_finish(hash, sizeof *flow);
}

/* Returns a hash of the addresses, protocol and ports of 'flow' (0-valued
 * fields for non-IP flows). */
uint32_t
flow_hash_5tuple(const struct flow *flow, uint32_t basis)
{
    uint32_t hash = basis;

    if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        hash = hash_bytes(&flow->ipv6_src, sizeof flow->ipv6_src, hash);
        hash = hash_bytes(&flow->ipv6_dst, sizeof flow->ipv6_dst, hash);
    } else if (flow->dl_type == htons(ETH_TYPE_IP)) {
        hash = hash_add(hash, flow->nw_src);
        hash = hash_add(hash, flow->nw_dst);
    } else {
        return hash_finish(hash, 0);
    }
    hash = hash_add(hash, flow->nw_proto);
    hash = hash_add(hash, (uint32_t) flow->tp_src << 16 | flow->tp_dst);
    return hash_finish(hash, 42);
}

/* Returns a hash of 'flow' that is the same in both directions of a
 * connection: addresses and ports are combined with XOR. */
uint32_t
flow_hash_symmetric_l4(const struct flow *flow, uint32_t basis)
{
    uint32_t hash = basis;

    hash = hash_add(hash, flow->dl_type);
    for (int i = 0; i < 3; i++) {
        hash = hash_add(hash, flow->dl_src.be16[i] ^ flow->dl_dst.be16[i]);
    }
    hash = hash_add(hash, flow->vlans[0].tci & htons(VLAN_VID_MASK));
    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        hash = hash_add(hash, flow->nw_src ^ flow->nw_dst);
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        const uint32_t *a = (const uint32_t *) &flow->ipv6_src;
        const uint32_t *b = (const uint32_t *) &flow->ipv6_dst;

        for (int i = 0; i < 4; i++) {
            hash = hash_add(hash, a[i] ^ b[i]);
        }
    }
    if (is_ip_any(flow)) {
        hash = hash_add(hash, flow->nw_proto);
        if (flow->nw_proto == IPPROTO_TCP || flow->nw_proto == IPPROTO_UDP
            || flow->nw_proto == IPPROTO_SCTP) {
            hash = hash_add(hash, flow->tp_src ^ flow->tp_dst);
        }
    }
    return hash_finish(hash, 0);
}

/* Text. */

/* Appends 'flow' to 'ds' in OpenFlow match syntax, as ovs-ofctl prints the
 * flow of a packet: every field that the packet's headers determine, and
 * the metadata fields that are nonzero. */
void
flow_format(struct ds *ds, const struct flow *flow)
{
    struct match match;

    match_wc_init(&match, flow);
    if (!flow->in_port.ofp_port) {
        WC_UNMASK_FIELD(&match.wc, in_port);
    }
    if (!flow->skb_priority) {
        WC_UNMASK_FIELD(&match.wc, skb_priority);
    }
    if (!flow->pkt_mark) {
        WC_UNMASK_FIELD(&match.wc, pkt_mark);
    }
    if (!flow->recirc_id) {
        WC_UNMASK_FIELD(&match.wc, recirc_id);
    } else {
        /* Upstream then writes the packet type ("eth"), as in megaflows. */
        WC_MASK_FIELD(&match.wc, packet_type);
    }
    if (!flow->dp_hash) {
        WC_UNMASK_FIELD(&match.wc, dp_hash);
    }
    if (!flow->ct_state) {
        WC_UNMASK_FIELD(&match.wc, ct_state);
    }
    if (!flow->ct_zone) {
        WC_UNMASK_FIELD(&match.wc, ct_zone);
    }
    if (!flow->ct_mark) {
        WC_UNMASK_FIELD(&match.wc, ct_mark);
    }
    if (!flow->ct_label.u64.lo && !flow->ct_label.u64.hi) {
        WC_UNMASK_FIELD(&match.wc, ct_label);
    }
    for (int i = 0; i < FLOW_N_REGS; i++) {
        if (!flow->regs[i]) {
            WC_UNMASK_FIELD(&match.wc, regs[i]);
        }
    }
    if (!flow->metadata) {
        WC_UNMASK_FIELD(&match.wc, metadata);
    }
    match_format(&match, NULL, ds, OFP_DEFAULT_PRIORITY);
}

/* Returns 'flow' formatted by flow_format(), as a malloc()ed string. */
char *
flow_to_string(const struct flow *flow)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    flow_format(&ds, flow);
    return ds_steal_cstr(&ds);
}

/* Wildcards. */

void
flow_wildcards_init_catchall(struct flow_wildcards *wc)
{
    memset(&wc->masks, 0, sizeof wc->masks);
}

void
flow_wildcards_init_exact(struct flow_wildcards *wc)
{
    memset(&wc->masks, 0xff, sizeof wc->masks);
    flow_wildcards_clear_pads(wc);
}

/* Zeroes the padding of 'wc''s masks, which must never be set. */
void
flow_wildcards_clear_pads(struct flow_wildcards *wc)
{
    memset(wc->masks.tunnel.pad1, 0, sizeof wc->masks.tunnel.pad1);
    memset(wc->masks.pad1, 0, sizeof wc->masks.pad1);
    memset(wc->masks.pad2, 0, sizeof wc->masks.pad2);
    memset(wc->masks.pad3, 0, sizeof wc->masks.pad3);
    memset(wc->masks.pad4, 0, sizeof wc->masks.pad4);
}

/* Initializes 'wc' to the fields that the headers of a packet whose flow
 * is 'flow' determine, plus the metadata fields: what a flow extracted
 * from that packet can be matched on exactly. */
void
flow_wildcards_init_for_packet(struct flow_wildcards *wc,
                               const struct flow *flow)
{
    memset(&wc->masks, 0, sizeof wc->masks);

    /* Metadata. */
    if (flow->tunnel.ip_dst || ipv6_addr_is_set(&flow->tunnel.ipv6_dst)) {
        WC_MASK_FIELD(wc, tunnel.ip_dst);
        WC_MASK_FIELD(wc, tunnel.ip_src);
        WC_MASK_FIELD(wc, tunnel.ipv6_dst);
        WC_MASK_FIELD(wc, tunnel.ipv6_src);
        WC_MASK_FIELD(wc, tunnel.tun_id);
        WC_MASK_FIELD(wc, tunnel.flags);
        WC_MASK_FIELD(wc, tunnel.ip_tos);
        WC_MASK_FIELD(wc, tunnel.ip_ttl);
        WC_MASK_FIELD(wc, tunnel.tp_src);
        WC_MASK_FIELD(wc, tunnel.tp_dst);
    } else if (flow->tunnel.tun_id) {
        WC_MASK_FIELD(wc, tunnel.tun_id);
    }
    WC_MASK_FIELD(wc, metadata);
    WC_MASK_FIELD(wc, regs);
    WC_MASK_FIELD(wc, skb_priority);
    WC_MASK_FIELD(wc, pkt_mark);
    WC_MASK_FIELD(wc, dp_hash);
    WC_MASK_FIELD(wc, in_port);
    WC_MASK_FIELD(wc, recirc_id);
    WC_MASK_FIELD(wc, ct_state);
    WC_MASK_FIELD(wc, ct_zone);
    WC_MASK_FIELD(wc, ct_mark);
    WC_MASK_FIELD(wc, ct_label);

    /* L2. */
    WC_MASK_FIELD(wc, dl_dst);
    WC_MASK_FIELD(wc, dl_src);
    WC_MASK_FIELD(wc, dl_type);
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        WC_MASK_FIELD(wc, vlans[i].tci);
        if (!(flow->vlans[i].tci & htons(VLAN_CFI))) {
            break;
        }
        WC_MASK_FIELD(wc, vlans[i].tpid);
    }

    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        WC_MASK_FIELD(wc, nw_src);
        WC_MASK_FIELD(wc, nw_dst);
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        WC_MASK_FIELD(wc, ipv6_src);
        WC_MASK_FIELD(wc, ipv6_dst);
        wc->masks.ipv6_label = htonl(IPV6_LABEL_MASK);
    } else if (flow->dl_type == htons(ETH_TYPE_ARP)
               || flow->dl_type == htons(ETH_TYPE_RARP)) {
        WC_MASK_FIELD(wc, nw_src);
        WC_MASK_FIELD(wc, nw_dst);
        WC_MASK_FIELD(wc, nw_proto);
        WC_MASK_FIELD(wc, arp_sha);
        WC_MASK_FIELD(wc, arp_tha);
        return;
    } else if (eth_type_mpls(flow->dl_type)) {
        for (int i = 0; i < FLOW_MAX_MPLS_LABELS; i++) {
            WC_MASK_FIELD(wc, mpls_lse[i]);
            if (flow->mpls_lse[i] & htonl(MPLS_BOS_MASK)) {
                break;
            }
        }
        return;
    } else {
        return;
    }

    /* IPv4 or IPv6. */
    WC_MASK_FIELD(wc, nw_proto);
    WC_MASK_FIELD(wc, nw_tos);
    WC_MASK_FIELD(wc, nw_ttl);
    wc->masks.nw_frag = FLOW_NW_FRAG_MASK;
    if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
        return;
    }

    switch (flow->nw_proto) {
    case IPPROTO_TCP:
        WC_MASK_FIELD(wc, tcp_flags);
        /* Fall through. */
    case IPPROTO_UDP:
    case IPPROTO_SCTP:
        WC_MASK_FIELD(wc, tp_src);
        WC_MASK_FIELD(wc, tp_dst);
        break;

    case IPPROTO_ICMP:
        if (flow->dl_type == htons(ETH_TYPE_IP)) {
            WC_MASK_FIELD(wc, tp_src);
            WC_MASK_FIELD(wc, tp_dst);
        }
        break;

    case IPPROTO_IGMP:
        if (flow->dl_type == htons(ETH_TYPE_IP)) {
            WC_MASK_FIELD(wc, tp_src);
            WC_MASK_FIELD(wc, tp_dst);
            WC_MASK_FIELD(wc, igmp_group_ip4);
        }
        break;

    case IPPROTO_ICMPV6:
        if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
            WC_MASK_FIELD(wc, tp_src);
            WC_MASK_FIELD(wc, tp_dst);
            if (flow->tp_dst == htons(0)
                && (flow->tp_src == htons(ND_NEIGHBOR_SOLICIT)
                    || flow->tp_src == htons(ND_NEIGHBOR_ADVERT))) {
                WC_MASK_FIELD(wc, nd_target);
                WC_MASK_FIELD(wc, arp_sha);
                WC_MASK_FIELD(wc, arp_tha);
            }
        }
        break;

    default:
        break;
    }
}

/* True if 'wc' matches every packet. */
bool
flow_wildcards_is_catchall(const struct flow_wildcards *wc)
{
    const uint64_t *p = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* Sets 'dst' to the union of 'src1' and 'src2' (a field examined by either
 * is examined).  'dst' may be the same as either. */
void
flow_wildcards_or(struct flow_wildcards *dst,
                  const struct flow_wildcards *src1,
                  const struct flow_wildcards *src2)
{
    uint64_t *d = flow_u64(&dst->masks);
    const uint64_t *a = flow_u64_const(&src1->masks);
    const uint64_t *b = flow_u64_const(&src2->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        d[i] = a[i] | b[i];
    }
}

/* Sets 'dst' to the intersection of 'src1' and 'src2'. */
void
flow_wildcards_and(struct flow_wildcards *dst,
                   const struct flow_wildcards *src1,
                   const struct flow_wildcards *src2)
{
    uint64_t *d = flow_u64(&dst->masks);
    const uint64_t *a = flow_u64_const(&src1->masks);
    const uint64_t *b = flow_u64_const(&src2->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        d[i] = a[i] & b[i];
    }
}

/* True if 'a' has a 1-bit wherever 'b' has one and 'a' != 'b' (that is,
 * 'a' matches fewer packets than 'b'). */
bool
flow_wildcards_has_extra(const struct flow_wildcards *a,
                         const struct flow_wildcards *b)
{
    const uint64_t *pa = flow_u64_const(&a->masks);
    const uint64_t *pb = flow_u64_const(&b->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((pa[i] | pb[i]) != pb[i]) {
            return true;
        }
    }
    return false;
}

bool
flow_wildcards_equal(const struct flow_wildcards *a,
                     const struct flow_wildcards *b)
{
    return flow_equal(&a->masks, &b->masks);
}

uint32_t
flow_wildcards_hash(const struct flow_wildcards *wc, uint32_t basis)
{
    return flow_hash(&wc->masks, basis);
}

/* Zeroes the bits of 'flow' that 'wc' does not examine. */
void
flow_zero_wildcards(struct flow *flow, const struct flow_wildcards *wc)
{
    uint64_t *f = flow_u64(flow);
    const uint64_t *m = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        f[i] &= m[i];
    }
}

/* True if 'a' and 'b' agree in every bit that 'wc' examines. */
bool
flow_equal_except(const struct flow *a, const struct flow *b,
                  const struct flow_wildcards *wc)
{
    const uint64_t *pa = flow_u64_const(a);
    const uint64_t *pb = flow_u64_const(b);
    const uint64_t *m = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((pa[i] ^ pb[i]) & m[i]) {
            return false;
        }
    }
    return true;
}

/* Returns a hash of the bits of 'flow' that 'wc' examines: flows that
 * flow_equal_except() says are equal hash the same. */
uint32_t
flow_hash_in_wildcards(const struct flow *flow,
                       const struct flow_wildcards *wc, uint32_t basis)
{
    const uint64_t *f = flow_u64_const(flow);
    const uint64_t *m = flow_u64_const(&wc->masks);
    uint32_t hash = basis;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (m[i]) {
            hash = hash_add64(hash, f[i] & m[i]);
        }
    }
    return hash_finish(hash, 8 * FLOW_U64S);
}

/* Clears the masks of 'wc' that are not packet header or datapath
 * metadata fields (OpenFlow metadata, registers, conjunction id, action
 * set output): a datapath flow cannot match on them. */
void
flow_wildcards_clear_non_packet_fields(struct flow_wildcards *wc)
{
    WC_UNMASK_FIELD(wc, metadata);
    WC_UNMASK_FIELD(wc, regs);
    WC_UNMASK_FIELD(wc, conj_id);
    WC_UNMASK_FIELD(wc, actset_output);
}

/* Composition. */

/* Appends 'l7_len' bytes of payload to 'p': a copy of 'l7', or the byte
 * pattern 0, 1, 2, ... if 'l7' is NULL. */
static void
compose_l7(struct dp_packet *p, const void *l7, size_t l7_len)
{
    if (l7) {
        dp_packet_put(p, l7, l7_len);
    } else {
        uint8_t *payload = dp_packet_put_uninit(p, l7_len);

        for (size_t i = 0; i < l7_len; i++) {
            payload[i] = i;
        }
    }
}

/* Appends the L4 header for 'flow' to 'p' and, for the protocols that
 * carry one in composed packets (as upstream composes them: TCP without
 * SYN, FIN or RST, UDP, ICMP and ICMPv6 other than neighbor discovery),
 * the payload.  Returns true if it added an L4 header (at the end of 'p'
 * on entry), whose checksum the caller fills in later. */
static bool
compose_l4(struct dp_packet *p, const struct flow *flow, const void *l7,
           size_t l7_len)
{
    bool with_l7 = true;
    bool l4 = true;

    if (flow->nw_proto == IPPROTO_TCP) {
        struct tcp_header *tcp = dp_packet_put_zeros(p, sizeof *tcp);

        tcp->tcp_src = flow->tp_src;
        tcp->tcp_dst = flow->tp_dst;
        tcp->tcp_ctl = TCP_CTL(ntohs(flow->tcp_flags), 5);
        with_l7 = !(flow->tcp_flags & htons(TCP_SYN | TCP_FIN | TCP_RST));
    } else if (flow->nw_proto == IPPROTO_UDP) {
        struct udp_header *udp = dp_packet_put_zeros(p, sizeof *udp);

        udp->udp_src = flow->tp_src;
        udp->udp_dst = flow->tp_dst;
        udp->udp_len = htons(sizeof *udp + l7_len);
    } else if (flow->nw_proto == IPPROTO_SCTP) {
        struct sctp_header *sctp = dp_packet_put_zeros(p, sizeof *sctp);

        sctp->sctp_src = flow->tp_src;
        sctp->sctp_dst = flow->tp_dst;
        with_l7 = false;
    } else if (flow->nw_proto == IPPROTO_ICMP
               && flow->dl_type == htons(ETH_TYPE_IP)) {
        struct icmp_header *icmp = dp_packet_put_zeros(p, sizeof *icmp);

        icmp->icmp_type = ntohs(flow->tp_src);
        icmp->icmp_code = ntohs(flow->tp_dst);
    } else if (flow->nw_proto == IPPROTO_IGMP
               && flow->dl_type == htons(ETH_TYPE_IP)) {
        struct igmp_header *igmp = dp_packet_put_zeros(p, sizeof *igmp);

        igmp->igmp_type = ntohs(flow->tp_src);
        igmp->igmp_code = ntohs(flow->tp_dst);
        put_16aligned_be32(&igmp->group, flow->igmp_group_ip4);
        with_l7 = false;
    } else if (flow->nw_proto == IPPROTO_ICMPV6
               && flow->dl_type == htons(ETH_TYPE_IPV6)) {
        struct icmp6_data_header *icmp6;

        icmp6 = dp_packet_put_zeros(p, sizeof *icmp6);
        icmp6->icmp6_base.icmp6_type = ntohs(flow->tp_src);
        icmp6->icmp6_base.icmp6_code = ntohs(flow->tp_dst);
        if (flow->tp_dst == htons(0)
            && (flow->tp_src == htons(ND_NEIGHBOR_SOLICIT)
                || flow->tp_src == htons(ND_NEIGHBOR_ADVERT))) {
            dp_packet_put(p, &flow->nd_target, sizeof flow->nd_target);
            with_l7 = false;
            if (!eth_addr_is_zero(flow->arp_sha)) {
                struct ovs_nd_lla_opt *opt;

                opt = dp_packet_put_zeros(p, sizeof *opt);
                opt->type = ND_OPT_SOURCE_LINKADDR;
                opt->len = 1;
                opt->mac = flow->arp_sha;
            }
            if (!eth_addr_is_zero(flow->arp_tha)) {
                struct ovs_nd_lla_opt *opt;

                opt = dp_packet_put_zeros(p, sizeof *opt);
                opt->type = ND_OPT_TARGET_LINKADDR;
                opt->len = 1;
                opt->mac = flow->arp_tha;
            }
        }
    } else {
        l4 = false;
        with_l7 = false;
    }
    if (with_l7 && l7_len) {
        compose_l7(p, l7, l7_len);
    }
    return l4;
}

/* Fills in the L4 checksum of the L4 header 'l4' of protocol
 * 'flow->nw_proto' that extends to the end of 'p', given the partial
 * checksum 'pseudo' of its pseudo-header (unused for ICMP, IGMP and
 * SCTP). */
static void
compose_l4_csum(struct dp_packet *p, const struct flow *flow,
                uint32_t pseudo)
{
    void *l4 = dp_packet_l4(p);
    size_t size = (char *) dp_packet_tail(p) - (char *) l4;

    if (flow->nw_proto == IPPROTO_TCP) {
        struct tcp_header *tcp = l4;

        tcp->tcp_csum = csum_finish(csum_continue(pseudo, tcp, size));
    } else if (flow->nw_proto == IPPROTO_UDP) {
        struct udp_header *udp = l4;

        udp->udp_csum = csum_finish(csum_continue(pseudo, udp, size));
        if (!udp->udp_csum) {
            udp->udp_csum = htons(0xffff);
        }
    } else if (flow->nw_proto == IPPROTO_SCTP) {
        struct sctp_header *sctp = l4;

        put_16aligned_be32(&sctp->sctp_csum, crc32c(l4, size));
    } else if (flow->nw_proto == IPPROTO_ICMP) {
        struct icmp_header *icmp = l4;

        icmp->icmp_csum = csum(icmp, size);
    } else if (flow->nw_proto == IPPROTO_IGMP) {
        struct igmp_header *igmp = l4;

        igmp->igmp_csum = csum(igmp, size);
    } else if (flow->nw_proto == IPPROTO_ICMPV6) {
        struct icmp6_header *icmp6 = l4;

        icmp6->icmp6_cksum = csum_finish(csum_continue(pseudo, icmp6, size));
    }
}

/* Composes into 'p' (emptied first) a packet whose flow_extract() gives
 * back the header fields of 'flow' (metadata excepted, and except for the
 * fields a header cannot carry, e.g. nw_proto of a non-IP packet, and
 * IPv6 fragmentation: like upstream, no fragment header is composed),
 * followed, for TCP without SYN, FIN or RST, UDP, ICMP and ICMPv6 other
 * than ND, by the 'l7_len' bytes of payload at 'l7' (or the bytes 0, 1,
 * 2, ... if 'l7' is NULL; netdev-dummy/receive uses 64).  The result is
 * byte for byte what upstream composes, except that the SCTP checksum is
 * valid where upstream leaves it zero.  Sets the layer offsets of 'p'. */
void
flow_compose(struct dp_packet *p, const struct flow *flow,
             const void *l7, size_t l7_len)
{
    struct eth_header *eth;
    uint32_t pseudo = 0;
    bool l4;

    dp_packet_clear(p);
    dp_packet_reset_offsets(p);
    eth = dp_packet_put_zeros(p, 2 * ETH_ADDR_LEN);
    eth->eth_dst = flow->dl_dst;
    eth->eth_src = flow->dl_src;
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        struct vlan_header *vlan;
        ovs_be16 *tpid;

        if (!(flow->vlans[i].tci & htons(VLAN_CFI))) {
            break;
        }
        tpid = dp_packet_put_uninit(p, sizeof *tpid);
        *tpid = flow->vlans[i].tpid ? flow->vlans[i].tpid
                                    : htons(ETH_TYPE_VLAN_8021Q);
        vlan = dp_packet_put_uninit(p, 2);
        vlan->vlan_tci = flow->vlans[i].tci & htons(~VLAN_CFI);
    }
    if (flow->dl_type != htons(FLOW_DL_TYPE_NONE)) {
        ovs_be16 *type = dp_packet_put_uninit(p, sizeof *type);

        *type = flow->dl_type;
    } else {
        /* An 802.3 frame: a length field and an LLC header. */
        struct llc_header *llc;
        ovs_be16 *len = dp_packet_put_uninit(p, sizeof *len);

        *len = htons(LLC_HEADER_LEN);
        llc = dp_packet_put_zeros(p, sizeof *llc);
        llc->llc_dsap = LLC_DSAP_STP;
        llc->llc_ssap = LLC_SSAP_STP;
        llc->llc_cntl = LLC_CNTL_STP;
    }
    dp_packet_set_l3(p, dp_packet_tail(p));

    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        struct ip_header *ip = dp_packet_put_zeros(p, sizeof *ip);
        size_t l3_ofs = p->l3_ofs;

        ip->ip_ihl_ver = IP_IHL_VER(5, 4);
        ip->ip_tos = flow->nw_tos;
        ip->ip_ttl = flow->nw_ttl;
        ip->ip_proto = flow->nw_proto;
        put_16aligned_be32(&ip->ip_src, flow->nw_src);
        put_16aligned_be32(&ip->ip_dst, flow->nw_dst);
        if (flow->nw_frag & FLOW_NW_FRAG_ANY) {
            ip->ip_frag_off |= htons(IP_MORE_FRAGMENTS);
            if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
                ip->ip_frag_off |= htons(100);
            }
        }
        dp_packet_set_l4(p, dp_packet_tail(p));
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            l4 = compose_l4(p, flow, l7, l7_len);
        } else {
            l4 = false;
        }
        ip = (struct ip_header *) ((char *) dp_packet_data(p) + l3_ofs);
        ip->ip_tot_len = htons(dp_packet_size(p) - l3_ofs);
        ip->ip_csum = csum(ip, sizeof *ip);
        if (l4) {
            pseudo = packet_csum_pseudoheader(ip);
            compose_l4_csum(p, flow, pseudo);
        }
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        struct ovs_16aligned_ip6_hdr *ip6;
        size_t l3_ofs = p->l3_ofs;
        uint8_t nxt = flow->nw_proto;

        ip6 = dp_packet_put_zeros(p, sizeof *ip6);
        put_16aligned_be32(&ip6->ip6_flow,
                           htonl(6 << 28 | (uint32_t) flow->nw_tos << 20)
                           | (flow->ipv6_label & htonl(IPV6_LABEL_MASK)));
        ip6->ip6_hlim = flow->nw_ttl;
        memcpy(&ip6->ip6_src, &flow->ipv6_src, sizeof ip6->ip6_src);
        memcpy(&ip6->ip6_dst, &flow->ipv6_dst, sizeof ip6->ip6_dst);
        /* Like upstream, no fragment header: 'nw_frag' only decides
         * whether there is an L4 header. */
        ip6->ip6_nxt = nxt;
        dp_packet_set_l4(p, dp_packet_tail(p));
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            l4 = compose_l4(p, flow, l7, l7_len);
        } else {
            l4 = false;
        }
        ip6 = (void *) ((char *) dp_packet_data(p) + l3_ofs);
        ip6->ip6_plen = htons(dp_packet_size(p) - l3_ofs - IPV6_HEADER_LEN);
        if (l4) {
            size_t l4_size = dp_packet_size(p) - p->l4_ofs;

            pseudo = csum_continue(0, &ip6->ip6_src, 32);
            pseudo = csum_add16(pseudo, htons(nxt));
            pseudo = csum_add16(pseudo, htons(l4_size));
            compose_l4_csum(p, flow, pseudo);
        }
    } else if (flow->dl_type == htons(ETH_TYPE_ARP)
               || flow->dl_type == htons(ETH_TYPE_RARP)) {
        struct arp_eth_header *arp = dp_packet_put_zeros(p, sizeof *arp);

        arp->ar_hrd = htons(ARP_HRD_ETHERNET);
        arp->ar_pro = htons(ARP_PRO_IP);
        arp->ar_hln = ETH_ADDR_LEN;
        arp->ar_pln = 4;
        arp->ar_op = htons(flow->nw_proto);
        arp->ar_sha = flow->arp_sha;
        arp->ar_tha = flow->arp_tha;
        put_16aligned_be32(&arp->ar_spa, flow->nw_src);
        put_16aligned_be32(&arp->ar_tpa, flow->nw_dst);
    } else if (eth_type_mpls(flow->dl_type)) {
        p->l2_5_ofs = p->l3_ofs;
        for (int i = 0; i < FLOW_MAX_MPLS_LABELS; i++) {
            struct mpls_hdr *mpls = dp_packet_put_uninit(p, sizeof *mpls);
            ovs_be32 lse = flow->mpls_lse[i];

            if (i == FLOW_MAX_MPLS_LABELS - 1) {
                lse |= htonl(MPLS_BOS_MASK);
            }
            put_16aligned_be32(&mpls->mpls_lse, lse);
            if (lse & htonl(MPLS_BOS_MASK)) {
                break;
            }
        }
        dp_packet_set_l3(p, dp_packet_tail(p));
    }
}
