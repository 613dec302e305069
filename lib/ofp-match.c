/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* OpenFlow 1.0 and 1.1 fixed matches, normalization, and the choice of
 * match encoding for a protocol. */

#include <config.h>
#include "openvswitch/ofp-match.h"

#include <endian.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "match.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "openflow/openflow-1.0.h"
#include "openflow/openflow-1.1.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/vlog.h"
#include "packets.h"

VLOG_DEFINE_THIS_MODULE(ofp_match);

ovs_be16
ofputil_dl_type_to_openflow(ovs_be16 flow_dl_type)
{
    return flow_dl_type;
}

ovs_be16
ofputil_dl_type_from_openflow(ovs_be16 ofp_dl_type)
{
    return ofp_dl_type;
}

/* Converts the number of wildcarded low bits 'wcbits' (OpenFlow 1.0
 * nw_src/nw_dst wildcard count) into a netmask. */
static ovs_be32
wcbits_to_netmask(int wcbits)
{
    wcbits &= 0x3f;
    return wcbits < 32 ? htonl(~((UINT32_C(1) << wcbits) - 1)) : 0;
}

/* Converts 'netmask' into a wildcard bit count (32 minus the number of
 * leading 1-bits). */
static int
netmask_to_wcbits(ovs_be32 netmask)
{
    uint32_t m = ntohl(netmask);
    int ones = 0;

    while (ones < 32 && (m & (UINT32_C(1) << (31 - ones)))) {
        ones++;
    }
    return 32 - ones;
}

/* Makes 'match' match only Ethernet packets (packet_type 0) if it matches
 * any field beyond the input port and the metadata, all of which only
 * Ethernet packets have: the NXM and OXM decoders do the same, so that a
 * match means the same flow whichever format it came in (a flow added with
 * one can be modified or deleted with another). */
static void
ofp_match_set_eth_packet_type(struct match *match)
{
    struct flow_wildcards wc = match->wc;

    wc.masks.in_port.ofp_port = u16_to_ofp(0);
    wc.masks.metadata = 0;
    if (!flow_wildcards_is_catchall(&wc) && !match->wc.masks.packet_type) {
        match->flow.packet_type = htonl(0);
        match->wc.masks.packet_type = htonl(UINT32_MAX);
    }
}

/* OpenFlow 1.0. */

void
ofputil_wildcard_from_ofpfw10(uint32_t ofpfw, struct flow_wildcards *wc)
{
    flow_wildcards_init_catchall(wc);

    if (!(ofpfw & OFPFW10_IN_PORT)) {
        wc->masks.in_port.ofp_port = u16_to_ofp(UINT16_MAX);
    }
    if (!(ofpfw & OFPFW10_NW_TOS)) {
        wc->masks.nw_tos |= IP_DSCP_MASK;
    }
    if (!(ofpfw & OFPFW10_NW_PROTO)) {
        wc->masks.nw_proto = UINT8_MAX;
    }
    wc->masks.nw_src = wcbits_to_netmask(ofpfw >> OFPFW10_NW_SRC_SHIFT);
    wc->masks.nw_dst = wcbits_to_netmask(ofpfw >> OFPFW10_NW_DST_SHIFT);
    if (!(ofpfw & OFPFW10_TP_SRC)) {
        wc->masks.tp_src = htons(UINT16_MAX);
    }
    if (!(ofpfw & OFPFW10_TP_DST)) {
        wc->masks.tp_dst = htons(UINT16_MAX);
    }
    if (!(ofpfw & OFPFW10_DL_SRC)) {
        memset(&wc->masks.dl_src, 0xff, sizeof wc->masks.dl_src);
    }
    if (!(ofpfw & OFPFW10_DL_DST)) {
        memset(&wc->masks.dl_dst, 0xff, sizeof wc->masks.dl_dst);
    }
    if (!(ofpfw & OFPFW10_DL_TYPE)) {
        wc->masks.dl_type = htons(UINT16_MAX);
    }
    if (!(ofpfw & OFPFW10_DL_VLAN_PCP)) {
        wc->masks.vlans[0].tci |= htons(VLAN_PCP_MASK | VLAN_CFI);
    }
    if (!(ofpfw & OFPFW10_DL_VLAN)) {
        wc->masks.vlans[0].tci |= htons(VLAN_VID_MASK | VLAN_CFI);
    }
}

void
ofputil_match_from_ofp10_match(const struct ofp10_match *ofmatch,
                               struct match *match)
{
    uint32_t ofpfw = ntohl(ofmatch->wildcards) & OFPFW10_ALL;

    memset(&match->flow, 0, sizeof match->flow);
    ofputil_wildcard_from_ofpfw10(ofpfw, &match->wc);

    match->flow.nw_src = ofmatch->nw_src;
    match->flow.nw_dst = ofmatch->nw_dst;
    match->flow.in_port.ofp_port = u16_to_ofp(ntohs(ofmatch->in_port));
    match->flow.dl_type = ofputil_dl_type_from_openflow(ofmatch->dl_type);
    match->flow.tp_src = ofmatch->tp_src;
    match->flow.tp_dst = ofmatch->tp_dst;
    match->flow.dl_src = ofmatch->dl_src;
    match->flow.dl_dst = ofmatch->dl_dst;
    match->flow.nw_tos = ofmatch->nw_tos & IP_DSCP_MASK;
    match->flow.nw_proto = ofmatch->nw_proto;

    if (!(ofpfw & OFPFW10_DL_VLAN)
        && ofmatch->dl_vlan == htons(OFP10_VLAN_NONE)) {
        /* Only packets without an 802.1Q header; the PCP is ignored. */
        match->flow.vlans[0].tci = htons(0);
        match->wc.masks.vlans[0].tci = htons(UINT16_MAX);
    } else {
        ovs_be16 vid = ofmatch->dl_vlan & htons(VLAN_VID_MASK);
        ovs_be16 pcp = htons((ofmatch->dl_vlan_pcp << VLAN_PCP_SHIFT)
                             & VLAN_PCP_MASK);

        match->flow.vlans[0].tci = vid | pcp | htons(VLAN_CFI);
    }

    match_zero_wildcarded_fields(match);
    ofp_match_set_eth_packet_type(match);
}

void
ofputil_match_to_ofp10_match(const struct match *match,
                             struct ofp10_match *ofmatch)
{
    const struct flow_wildcards *wc = &match->wc;
    ovs_be16 tci = match->flow.vlans[0].tci;
    ovs_be16 tci_mask = wc->masks.vlans[0].tci;
    uint32_t ofpfw = 0;

    memset(ofmatch, 0, sizeof *ofmatch);

    if (!wc->masks.in_port.ofp_port) {
        ofpfw |= OFPFW10_IN_PORT;
    }
    if (!wc->masks.dl_type) {
        ofpfw |= OFPFW10_DL_TYPE;
    }
    if (!wc->masks.nw_proto) {
        ofpfw |= OFPFW10_NW_PROTO;
    }
    ofpfw |= netmask_to_wcbits(wc->masks.nw_src) << OFPFW10_NW_SRC_SHIFT;
    ofpfw |= netmask_to_wcbits(wc->masks.nw_dst) << OFPFW10_NW_DST_SHIFT;
    if (!(wc->masks.nw_tos & IP_DSCP_MASK)) {
        ofpfw |= OFPFW10_NW_TOS;
    }
    if (!wc->masks.tp_src) {
        ofpfw |= OFPFW10_TP_SRC;
    }
    if (!wc->masks.tp_dst) {
        ofpfw |= OFPFW10_TP_DST;
    }
    if (eth_addr_is_zero(wc->masks.dl_src)) {
        ofpfw |= OFPFW10_DL_SRC;
    }
    if (eth_addr_is_zero(wc->masks.dl_dst)) {
        ofpfw |= OFPFW10_DL_DST;
    }

    /* VLAN: no match at all, "no tag", or VID and/or PCP of a tag. */
    if (!tci_mask) {
        ofpfw |= OFPFW10_DL_VLAN | OFPFW10_DL_VLAN_PCP;
    } else if ((tci_mask & htons(VLAN_CFI)) && !(tci & htons(VLAN_CFI))) {
        ofmatch->dl_vlan = htons(OFP10_VLAN_NONE);
    } else {
        if (tci_mask & htons(VLAN_VID_MASK)) {
            ofmatch->dl_vlan = htons(vlan_tci_to_vid(tci));
        } else {
            ofpfw |= OFPFW10_DL_VLAN;
        }
        if (tci_mask & htons(VLAN_PCP_MASK)) {
            ofmatch->dl_vlan_pcp = vlan_tci_to_pcp(tci);
        } else {
            ofpfw |= OFPFW10_DL_VLAN_PCP;
        }
    }

    ofmatch->wildcards = htonl(ofpfw);
    ofmatch->in_port = htons(ofp_to_u16(match->flow.in_port.ofp_port));
    ofmatch->dl_src = match->flow.dl_src;
    ofmatch->dl_dst = match->flow.dl_dst;
    ofmatch->dl_type = ofputil_dl_type_to_openflow(match->flow.dl_type);
    ofmatch->nw_src = match->flow.nw_src;
    ofmatch->nw_dst = match->flow.nw_dst;
    ofmatch->nw_tos = match->flow.nw_tos & IP_DSCP_MASK;
    ofmatch->nw_proto = match->flow.nw_proto;
    ofmatch->tp_src = match->flow.tp_src;
    ofmatch->tp_dst = match->flow.tp_dst;
}

/* What a match may match, given its dl_type and nw_proto. */
enum {
    MAY_NW_ADDR = 1 << 0,       /* nw_src, nw_dst. */
    MAY_TP_ADDR = 1 << 1,       /* tp_src, tp_dst. */
    MAY_NW_PROTO = 1 << 2,      /* nw_proto. */
    MAY_IPVX = 1 << 3,          /* tos, frag, ttl. */
    MAY_ARP_SHA = 1 << 4,       /* arp_sha. */
    MAY_ARP_THA = 1 << 5,       /* arp_tha. */
    MAY_IPV6 = 1 << 6,          /* ipv6_src, ipv6_dst, ipv6_label. */
    MAY_ND_TARGET = 1 << 7,     /* nd_target. */
    MAY_MPLS = 1 << 8,          /* mpls label and tc. */
};

static void
normalize_match__(struct match *match)
{
    const struct flow *flow = &match->flow;
    struct flow_wildcards *wc = &match->wc;
    ovs_be16 dl_type = flow->dl_type;
    uint8_t proto = flow->nw_proto;
    int may_match;

    if (dl_type == htons(ETH_TYPE_IP)) {
        may_match = MAY_NW_PROTO | MAY_IPVX | MAY_NW_ADDR;
        if (proto == IPPROTO_TCP || proto == IPPROTO_UDP
            || proto == IPPROTO_SCTP || proto == IPPROTO_ICMP) {
            may_match |= MAY_TP_ADDR;
        }
    } else if (dl_type == htons(ETH_TYPE_IPV6)) {
        may_match = MAY_NW_PROTO | MAY_IPVX | MAY_IPV6;
        if (proto == IPPROTO_TCP || proto == IPPROTO_UDP
            || proto == IPPROTO_SCTP) {
            may_match |= MAY_TP_ADDR;
        } else if (proto == IPPROTO_ICMPV6) {
            may_match |= MAY_TP_ADDR;
            if (flow->tp_src == htons(135)) {
                may_match |= MAY_ND_TARGET | MAY_ARP_SHA;
            } else if (flow->tp_src == htons(136)) {
                may_match |= MAY_ND_TARGET | MAY_ARP_THA;
            }
        }
    } else if (dl_type == htons(ETH_TYPE_ARP)
               || dl_type == htons(ETH_TYPE_RARP)) {
        may_match = MAY_NW_PROTO | MAY_NW_ADDR | MAY_ARP_SHA | MAY_ARP_THA;
    } else if (eth_type_mpls(dl_type)) {
        may_match = MAY_MPLS;
    } else {
        may_match = 0;
    }

    if (!(may_match & MAY_TP_ADDR)) {
        wc->masks.tp_src = wc->masks.tp_dst = htons(0);
        wc->masks.tcp_flags = htons(0);
    }
    if (!(may_match & MAY_NW_PROTO)) {
        wc->masks.nw_proto = 0;
    }
    if (!(may_match & MAY_IPVX)) {
        wc->masks.nw_tos = 0;
        wc->masks.nw_ttl = 0;
        wc->masks.nw_frag = 0;
    }
    if (!(may_match & MAY_NW_ADDR)) {
        wc->masks.nw_src = wc->masks.nw_dst = htonl(0);
    }
    if (!(may_match & MAY_ARP_SHA)) {
        memset(&wc->masks.arp_sha, 0, sizeof wc->masks.arp_sha);
    }
    if (!(may_match & MAY_ARP_THA)) {
        memset(&wc->masks.arp_tha, 0, sizeof wc->masks.arp_tha);
    }
    if (!(may_match & MAY_IPV6)) {
        memset(&wc->masks.ipv6_src, 0, sizeof wc->masks.ipv6_src);
        memset(&wc->masks.ipv6_dst, 0, sizeof wc->masks.ipv6_dst);
        wc->masks.ipv6_label = htonl(0);
    }
    if (!(may_match & MAY_ND_TARGET)) {
        memset(&wc->masks.nd_target, 0, sizeof wc->masks.nd_target);
    }
    if (!(may_match & MAY_MPLS)) {
        memset(wc->masks.mpls_lse, 0, sizeof wc->masks.mpls_lse);
    }

    match_zero_wildcarded_fields(match);
}

void
ofputil_normalize_match(struct match *match)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    struct match orig = *match;

    normalize_match__(match);
    if (!match_equal(&orig, match)) {
        char *pre = match_to_string(&orig, NULL, OFP_DEFAULT_PRIORITY);
        char *post = match_to_string(match, NULL, OFP_DEFAULT_PRIORITY);

        if (!VLOG_DROP_INFO(&rl)) {
            VLOG_INFO("normalization changed ofp_match, details:");
            VLOG_INFO(" pre: %s", pre);
            VLOG_INFO("post: %s", post);
        }
        free(pre);
        free(post);
    }
}

void
ofputil_normalize_match_quiet(struct match *match)
{
    normalize_match__(match);
}

void
ofp10_match_print(struct ds *s, const struct ofp10_match *om,
                  const struct ofputil_port_map *port_map,
                  int verbosity OVS_UNUSED)
{
    struct match match;

    ofputil_match_from_ofp10_match(om, &match);
    match_format(&match, port_map, s, OFP_DEFAULT_PRIORITY);
}

char *
ofp10_match_to_string(const struct ofp10_match *om,
                      const struct ofputil_port_map *port_map, int verbosity)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ofp10_match_print(&s, om, port_map, verbosity);
    return ds_steal_cstr(&s);
}

/* OpenFlow 1.1. */

static struct eth_addr
eth_invert(struct eth_addr a)
{
    for (int i = 0; i < 6; i++) {
        a.ea[i] = ~a.ea[i];
    }
    return a;
}

enum ofperr
ofputil_match_from_ofp11_match(const struct ofp11_match *ofmatch,
                               struct match *match)
{
    uint32_t wc = ntohl(ofmatch->wildcards);
    bool ipv4, arp;

    match_init_catchall(match);

    if (!(wc & OFPFW11_IN_PORT)) {
        ofp_port_t port;
        enum ofperr error;

        error = ofputil_port_from_ofp11(ofmatch->in_port, &port);
        if (error) {
            return OFPERR_OFPBMC_BAD_VALUE;
        }
        match_set_in_port(match, port);
    }

    match_set_dl_src_masked(match, ofmatch->dl_src,
                            eth_invert(ofmatch->dl_src_mask));
    match_set_dl_dst_masked(match, ofmatch->dl_dst,
                            eth_invert(ofmatch->dl_dst_mask));

    if (!(wc & OFPFW11_DL_VLAN)) {
        if (ofmatch->dl_vlan == htons(OFPVID11_NONE)) {
            /* Packets without a VLAN tag. */
            match_set_dl_tci_masked(match, htons(0), htons(UINT16_MAX));
        } else {
            if (ofmatch->dl_vlan == htons(OFPVID11_ANY)) {
                /* Any VLAN tag, whatever its VID. */
                match_set_dl_tci_masked(match, htons(VLAN_CFI),
                                        htons(VLAN_CFI));
            } else {
                if (ntohs(ofmatch->dl_vlan) > VLAN_VID_MASK) {
                    return OFPERR_OFPBMC_BAD_VALUE;
                }
                match_set_dl_vlan(match, ofmatch->dl_vlan, 0);
            }
            if (!(wc & OFPFW11_DL_VLAN_PCP)) {
                if (ofmatch->dl_vlan_pcp > 7) {
                    return OFPERR_OFPBMC_BAD_VALUE;
                }
                match_set_dl_vlan_pcp(match, ofmatch->dl_vlan_pcp, 0);
            }
        }
    }

    if (!(wc & OFPFW11_DL_TYPE)) {
        match_set_dl_type(match,
                          ofputil_dl_type_from_openflow(ofmatch->dl_type));
    }

    ipv4 = match->flow.dl_type == htons(ETH_TYPE_IP);
    arp = (match->flow.dl_type == htons(ETH_TYPE_ARP)
           || match->flow.dl_type == htons(ETH_TYPE_RARP));

    if (ipv4 && !(wc & OFPFW11_NW_TOS)) {
        if (ofmatch->nw_tos & ~IP_DSCP_MASK) {
            /* Low 2 bits must be zero. */
            return OFPERR_OFPBMC_BAD_VALUE;
        }
        match_set_nw_dscp(match, ofmatch->nw_tos);
    }

    if (ipv4 || arp) {
        if (!(wc & OFPFW11_NW_PROTO)) {
            match_set_nw_proto(match, ofmatch->nw_proto);
        }
        match_set_nw_src_masked(match, ofmatch->nw_src,
                                ~ofmatch->nw_src_mask);
        match_set_nw_dst_masked(match, ofmatch->nw_dst,
                                ~ofmatch->nw_dst_mask);
    }

    if (ipv4 && (wc & (OFPFW11_TP_SRC | OFPFW11_TP_DST))
                != (OFPFW11_TP_SRC | OFPFW11_TP_DST)) {
        switch (match->flow.nw_proto) {
        case IPPROTO_ICMP:
            /* "A.2.3 Flow Match Structures" of OpenFlow 1.1: the ICMP type
             * and code are in the low 8 bits of tp_src and tp_dst. */
            if (!(wc & OFPFW11_TP_SRC)) {
                match_set_icmp_type(match, ntohs(ofmatch->tp_src));
            }
            if (!(wc & OFPFW11_TP_DST)) {
                match_set_icmp_code(match, ntohs(ofmatch->tp_dst));
            }
            break;

        case IPPROTO_TCP:
        case IPPROTO_UDP:
        case IPPROTO_SCTP:
            if (!(wc & OFPFW11_TP_SRC)) {
                match_set_tp_src(match, ofmatch->tp_src);
            }
            if (!(wc & OFPFW11_TP_DST)) {
                match_set_tp_dst(match, ofmatch->tp_dst);
            }
            break;

        default:
            /* OpenFlow 1.1 says to ignore the ports for other
             * protocols. */
            break;
        }
    }

    if (eth_type_mpls(match->flow.dl_type)) {
        if (!(wc & OFPFW11_MPLS_LABEL)) {
            match_set_mpls_label(match, 0, ofmatch->mpls_label);
        }
        if (!(wc & OFPFW11_MPLS_TC)) {
            match_set_mpls_tc(match, 0, ofmatch->mpls_tc);
        }
    }

    match_set_metadata_masked(match, ofmatch->metadata,
                              ~ofmatch->metadata_mask);
    ofp_match_set_eth_packet_type(match);
    return 0;
}

void
ofputil_match_to_ofp11_match(const struct match *match,
                             struct ofp11_match *ofmatch)
{
    const struct flow *flow = &match->flow;
    const struct flow *m = &match->wc.masks;
    ovs_be16 tci = flow->vlans[0].tci;
    ovs_be16 tci_mask = m->vlans[0].tci;
    uint32_t wc = 0;

    memset(ofmatch, 0, sizeof *ofmatch);
    ofmatch->omh.type = htons(OFPMT_STANDARD);
    ofmatch->omh.length = htons(OFPMT11_STANDARD_LENGTH);

    if (!m->in_port.ofp_port) {
        wc |= OFPFW11_IN_PORT;
    } else {
        ofmatch->in_port = ofputil_port_to_ofp11(flow->in_port.ofp_port);
    }

    ofmatch->dl_src = flow->dl_src;
    ofmatch->dl_src_mask = eth_invert(m->dl_src);
    ofmatch->dl_dst = flow->dl_dst;
    ofmatch->dl_dst_mask = eth_invert(m->dl_dst);

    if (!tci_mask) {
        wc |= OFPFW11_DL_VLAN | OFPFW11_DL_VLAN_PCP;
    } else if ((tci_mask & htons(VLAN_CFI)) && !(tci & htons(VLAN_CFI))) {
        ofmatch->dl_vlan = htons(OFPVID11_NONE);
        wc |= OFPFW11_DL_VLAN_PCP;
    } else {
        if (!(tci_mask & htons(VLAN_VID_MASK))) {
            ofmatch->dl_vlan = htons(OFPVID11_ANY);
        } else {
            ofmatch->dl_vlan = htons(vlan_tci_to_vid(tci));
        }
        if (!(tci_mask & htons(VLAN_PCP_MASK))) {
            wc |= OFPFW11_DL_VLAN_PCP;
        } else {
            ofmatch->dl_vlan_pcp = vlan_tci_to_pcp(tci);
        }
    }

    if (!m->dl_type) {
        wc |= OFPFW11_DL_TYPE;
    } else {
        ofmatch->dl_type = ofputil_dl_type_to_openflow(flow->dl_type);
    }

    if (!(m->nw_tos & IP_DSCP_MASK)) {
        wc |= OFPFW11_NW_TOS;
    } else {
        ofmatch->nw_tos = flow->nw_tos & IP_DSCP_MASK;
    }

    if (!m->nw_proto) {
        wc |= OFPFW11_NW_PROTO;
    } else {
        ofmatch->nw_proto = flow->nw_proto;
    }

    ofmatch->nw_src = flow->nw_src;
    ofmatch->nw_src_mask = ~m->nw_src;
    ofmatch->nw_dst = flow->nw_dst;
    ofmatch->nw_dst_mask = ~m->nw_dst;

    if (!m->tp_src) {
        wc |= OFPFW11_TP_SRC;
    } else {
        ofmatch->tp_src = flow->tp_src;
    }
    if (!m->tp_dst) {
        wc |= OFPFW11_TP_DST;
    } else {
        ofmatch->tp_dst = flow->tp_dst;
    }

    if (!(m->mpls_lse[0] & htonl(MPLS_LABEL_MASK))) {
        wc |= OFPFW11_MPLS_LABEL;
    } else {
        ofmatch->mpls_label = htonl((ntohl(flow->mpls_lse[0])
                                     & MPLS_LABEL_MASK) >> MPLS_LABEL_SHIFT);
    }
    if (!(m->mpls_lse[0] & htonl(MPLS_TC_MASK))) {
        wc |= OFPFW11_MPLS_TC;
    } else {
        ofmatch->mpls_tc = (ntohl(flow->mpls_lse[0]) & MPLS_TC_MASK)
                           >> MPLS_TC_SHIFT;
    }

    ofmatch->metadata = flow->metadata;
    ofmatch->metadata_mask = ~m->metadata;

    ofmatch->wildcards = htonl(wc);
}

enum ofperr
ofputil_pull_ofp11_match(struct ofpbuf *b,
                         const struct tun_table *tun_table,
                         const struct vl_mff_map *vl_mff_map,
                         struct match *match, uint16_t *padded_match_len)
{
    const struct ofp11_match_header *omh = b->data;
    uint16_t match_len;

    if (b->size < sizeof *omh) {
        return OFPERR_OFPBMC_BAD_LEN;
    }

    match_len = ntohs(omh->length);
    switch (ntohs(omh->type)) {
    case OFPMT_STANDARD: {
        const struct ofp11_match *om;

        if (match_len != sizeof *om || b->size < sizeof *om) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
        om = ofpbuf_pull(b, sizeof *om);
        if (padded_match_len) {
            *padded_match_len = match_len;
        }
        return ofputil_match_from_ofp11_match(om, match);
    }

    case OFPMT_OXM:
        if (padded_match_len) {
            *padded_match_len = ROUND_UP(match_len, 8);
        }
        return oxm_pull_match(b, false, tun_table, vl_mff_map, match);

    default:
        return OFPERR_OFPBMC_BAD_TYPE;
    }
}

/* Returns the OpenFlow version of OXM protocol 'protocol'. */
static enum ofp_version
oxm_protocol_version(enum ofputil_protocol protocol)
{
    switch (protocol) {
    case OFPUTIL_P_OF12_OXM:
        return OFP12_VERSION;
    case OFPUTIL_P_OF13_OXM:
        return OFP13_VERSION;
    case OFPUTIL_P_OF14_OXM:
        return OFP14_VERSION;
    case OFPUTIL_P_OF15_OXM:
        return OFP15_VERSION;
    default:
        OVS_NOT_REACHED();
    }
}

int
ofputil_put_ofp11_match(struct ofpbuf *b, const struct match *match,
                        enum ofputil_protocol protocol)
{
    switch (protocol) {
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID:
    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID:
        OVS_NOT_REACHED();

    case OFPUTIL_P_OF11_STD: {
        struct ofp11_match *om = ofpbuf_put_uninit(b, sizeof *om);

        ofputil_match_to_ofp11_match(match, om);
        return sizeof *om;
    }

    case OFPUTIL_P_OF12_OXM:
    case OFPUTIL_P_OF13_OXM:
    case OFPUTIL_P_OF14_OXM:
    case OFPUTIL_P_OF15_OXM: {
        size_t start = b->size;

        oxm_put_match(b, match, oxm_protocol_version(protocol));
        return b->size - start;
    }

    case OFPUTIL_P_NONE:
    default:
        OVS_NOT_REACHED();
    }
}

int
ofputil_match_typical_len(enum ofputil_protocol protocol)
{
    switch (protocol) {
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID:
        return sizeof (struct ofp10_match);

    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID:
        return NXM_TYPICAL_LEN;

    case OFPUTIL_P_OF11_STD:
        return sizeof (struct ofp11_match);

    case OFPUTIL_P_OF12_OXM:
    case OFPUTIL_P_OF13_OXM:
    case OFPUTIL_P_OF14_OXM:
    case OFPUTIL_P_OF15_OXM:
        return NXM_TYPICAL_LEN;

    case OFPUTIL_P_NONE:
    default:
        OVS_NOT_REACHED();
    }
}

int
ofputil_put_match(struct ofpbuf *b, const struct match *match,
                  enum ofputil_protocol protocol)
{
    switch (protocol) {
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID: {
        struct ofp10_match *om = ofpbuf_put_uninit(b, sizeof *om);

        ofputil_match_to_ofp10_match(match, om);
        return sizeof *om;
    }

    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID:
        return nx_put_match(b, match, 0, 0);

    default:
        return ofputil_put_ofp11_match(b, match, protocol);
    }
}

/* Returns true if OpenFlow 1.0's and 1.1's dl_vlan/dl_vlan_pcp can express
 * the VLAN part of 'match' exactly. */
static bool
vlan_is_expressible(const struct match *match)
{
    ovs_be16 tci = match->flow.vlans[0].tci;
    uint16_t mask = ntohs(match->wc.masks.vlans[0].tci);

    if (!mask || mask == UINT16_MAX) {
        return true;
    }
    if (!(tci & htons(VLAN_CFI))) {
        /* "No tag" must be matched exactly. */
        return false;
    }
    return (mask == (VLAN_VID_MASK | VLAN_CFI)
            || mask == (VLAN_PCP_MASK | VLAN_CFI));
}

enum ofputil_protocol
ofputil_usable_protocols(const struct match *match)
{
    uint32_t usable = OFPUTIL_P_ANY;

    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);
        union mf_value value, mask;
        bool ones = true, cidr = true, zeros_seen = false, any = false;

        switch (mf->id) {
        case MFF_VLAN_TCI: case MFF_DL_VLAN: case MFF_VLAN_VID:
        case MFF_DL_VLAN_PCP: case MFF_VLAN_PCP:
        case MFF_XREG0: case MFF_XREG1: case MFF_XREG2: case MFF_XREG3:
        case MFF_XREG4: case MFF_XREG5: case MFF_XREG6: case MFF_XREG7:
        case MFF_XXREG0: case MFF_XXREG1: case MFF_XXREG2: case MFF_XXREG3:
        case MFF_IN_PORT_OXM: case MFF_IP_DSCP_SHIFTED:
            /* Views of storage that another field covers. */
            continue;
        default:
            break;
        }

        /* Several fields share storage (tcp_dst, udp_dst and icmp_code
         * all live in tp_dst): only the one whose prerequisites the match
         * meets counts. */
        if (!mf_are_match_prereqs_ok(mf, match)) {
            continue;
        }

        mf_get(mf, match, &value, &mask);
        for (size_t j = 0; j < mf->n_bytes * 8; j++) {
            bool bit = (mask.b[j / 8] >> (7 - j % 8)) & 1;

            ones = ones && bit;
            any = any || bit;
            if (!bit) {
                zeros_seen = true;
            } else if (zeros_seen) {
                cidr = false;
            }
        }
        if (!any) {
            continue;
        }

        /* Fields stored narrower than their wire form: the full mask of
         * the stored bits is an exact match. */
        switch (mf->id) {
        case MFF_IN_PORT: case MFF_ACTSET_OUTPUT: case MFF_CT_STATE:
        case MFF_IP_DSCP: case MFF_IP_ECN: case MFF_IP_FRAG:
        case MFF_ARP_OP: case MFF_TUN_FLAGS: case MFF_MPLS_LABEL:
        case MFF_MPLS_TC: case MFF_MPLS_BOS: case MFF_MPLS_TTL:
        case MFF_ICMPV4_TYPE: case MFF_ICMPV4_CODE:
        case MFF_ICMPV6_TYPE: case MFF_ICMPV6_CODE:
            ones = true;
            break;
        default:
            break;
        }

        usable &= (ones ? mf->usable_protocols_exact
                   : cidr ? mf->usable_protocols_cidr
                   : mf->usable_protocols_bitwise);
    }

    if (!vlan_is_expressible(match)) {
        usable &= OFPUTIL_P_NXM_OXM_ANY;
    }
    return usable;
}
