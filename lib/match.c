/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "match.h"
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-port.h"
#include "packets.h"

/* Initialization. */

/* Initializes 'match' to 'flow' restricted to 'wc'. */
void
match_init(struct match *match, const struct flow *flow,
           const struct flow_wildcards *wc)
{
    match->flow = *flow;
    match->wc = *wc;
    match_zero_wildcarded_fields(match);
}

/* Initializes 'match' to match exactly the fields that the headers of a
 * packet with flow 'flow' determine, plus its metadata. */
void
match_wc_init(struct match *match, const struct flow *flow)
{
    match->flow = *flow;
    flow_wildcards_init_for_packet(&match->wc, flow);
}

void
match_init_catchall(struct match *match)
{
    memset(&match->flow, 0, sizeof match->flow);
    flow_wildcards_init_catchall(&match->wc);
}

void
match_init_exact(struct match *match, const struct flow *flow)
{
    match->flow = *flow;
    flow_wildcards_init_exact(&match->wc);
}

/* Zeroes the bits of 'match->flow' that its wildcards ignore. */
void
match_zero_wildcarded_fields(struct match *match)
{
    flow_zero_wildcards(&match->flow, &match->wc);
}

bool
match_equal(const struct match *a, const struct match *b)
{
    return flow_equal(&a->flow, &b->flow)
           && flow_wildcards_equal(&a->wc, &b->wc);
}

uint32_t
match_hash(const struct match *match, uint32_t basis)
{
    return flow_hash(&match->flow, flow_wildcards_hash(&match->wc, basis));
}

/* True if 'flow' agrees with 'match' in every bit 'match' examines. */
bool
match_matches_flow(const struct match *match, const struct flow *flow)
{
    return flow_equal_except(&match->flow, flow, &match->wc);
}

/* Setters.  Each sets a field's value and mask, zeroing masked-out
 * value bits. */

#define SET_MASKED(MATCH, FIELD, VALUE, MASK)               \
    do {                                                    \
        (MATCH)->wc.masks.FIELD = (MASK);                   \
        (MATCH)->flow.FIELD = (VALUE) & (MASK);             \
    } while (0)

void
match_set_reg(struct match *match, unsigned int reg_idx, uint32_t value)
{
    match_set_reg_masked(match, reg_idx, value, UINT32_MAX);
}

void
match_set_reg_masked(struct match *match, unsigned int reg_idx,
                     uint32_t value, uint32_t mask)
{
    ovs_assert(reg_idx < FLOW_N_REGS);
    SET_MASKED(match, regs[reg_idx], value, mask);
}

void
match_set_metadata(struct match *match, ovs_be64 metadata)
{
    match_set_metadata_masked(match, metadata, UINT64_MAX);
}

void
match_set_metadata_masked(struct match *match, ovs_be64 metadata,
                          ovs_be64 mask)
{
    SET_MASKED(match, metadata, metadata, mask);
}

void
match_set_tun_id(struct match *match, ovs_be64 tun_id)
{
    match_set_tun_id_masked(match, tun_id, UINT64_MAX);
}

void
match_set_tun_id_masked(struct match *match, ovs_be64 tun_id, ovs_be64 mask)
{
    SET_MASKED(match, tunnel.tun_id, tun_id, mask);
}

void
match_set_tun_src(struct match *match, ovs_be32 src)
{
    match_set_tun_src_masked(match, src, UINT32_MAX);
}

void
match_set_tun_src_masked(struct match *match, ovs_be32 src, ovs_be32 mask)
{
    SET_MASKED(match, tunnel.ip_src, src, mask);
}

void
match_set_tun_dst(struct match *match, ovs_be32 dst)
{
    match_set_tun_dst_masked(match, dst, UINT32_MAX);
}

void
match_set_tun_dst_masked(struct match *match, ovs_be32 dst, ovs_be32 mask)
{
    SET_MASKED(match, tunnel.ip_dst, dst, mask);
}

void
match_set_in_port(struct match *match, ofp_port_t ofp_port)
{
    match->wc.masks.in_port.odp_port = 0;
    match->flow.in_port.odp_port = 0;
    match->wc.masks.in_port.ofp_port = UINT16_MAX;
    match->flow.in_port.ofp_port = ofp_port;
}

void
match_set_skb_priority(struct match *match, uint32_t skb_priority)
{
    SET_MASKED(match, skb_priority, skb_priority, UINT32_MAX);
}

void
match_set_pkt_mark(struct match *match, uint32_t pkt_mark)
{
    match_set_pkt_mark_masked(match, pkt_mark, UINT32_MAX);
}

void
match_set_pkt_mark_masked(struct match *match, uint32_t pkt_mark,
                          uint32_t mask)
{
    SET_MASKED(match, pkt_mark, pkt_mark, mask);
}

void
match_set_recirc_id(struct match *match, uint32_t value)
{
    SET_MASKED(match, recirc_id, value, UINT32_MAX);
}

void
match_set_dp_hash(struct match *match, uint32_t value)
{
    match_set_dp_hash_masked(match, value, UINT32_MAX);
}

void
match_set_dp_hash_masked(struct match *match, uint32_t value, uint32_t mask)
{
    SET_MASKED(match, dp_hash, value, mask);
}

void
match_set_conj_id(struct match *match, uint32_t value)
{
    SET_MASKED(match, conj_id, value, UINT32_MAX);
}

void
match_set_ct_state(struct match *match, uint32_t ct_state)
{
    match_set_ct_state_masked(match, ct_state, UINT8_MAX);
}

void
match_set_ct_state_masked(struct match *match, uint32_t ct_state,
                          uint32_t mask)
{
    SET_MASKED(match, ct_state, (uint8_t) ct_state, (uint8_t) mask);
}

void
match_set_ct_zone(struct match *match, uint16_t ct_zone)
{
    SET_MASKED(match, ct_zone, ct_zone, UINT16_MAX);
}

void
match_set_ct_mark(struct match *match, uint32_t ct_mark)
{
    match_set_ct_mark_masked(match, ct_mark, UINT32_MAX);
}

void
match_set_ct_mark_masked(struct match *match, uint32_t ct_mark,
                         uint32_t mask)
{
    SET_MASKED(match, ct_mark, ct_mark, mask);
}

void
match_set_dl_type(struct match *match, ovs_be16 dl_type)
{
    SET_MASKED(match, dl_type, dl_type, UINT16_MAX);
}

void
match_set_dl_src(struct match *match, const struct eth_addr dl_src)
{
    match_set_dl_src_masked(match, dl_src, eth_addr_exact);
}

void
match_set_dl_src_masked(struct match *match, const struct eth_addr dl_src,
                        const struct eth_addr mask)
{
    match->wc.masks.dl_src = mask;
    eth_addr_bitand(dl_src, mask, &match->flow.dl_src);
}

void
match_set_dl_dst(struct match *match, const struct eth_addr dl_dst)
{
    match_set_dl_dst_masked(match, dl_dst, eth_addr_exact);
}

void
match_set_dl_dst_masked(struct match *match, const struct eth_addr dl_dst,
                        const struct eth_addr mask)
{
    match->wc.masks.dl_dst = mask;
    eth_addr_bitand(dl_dst, mask, &match->flow.dl_dst);
}

/* Sets the outermost VLAN TCI to 'tci' exactly ('tci' == 0 means "no
 * VLAN tag"; otherwise VLAN_CFI should be set). */
void
match_set_dl_tci(struct match *match, ovs_be16 tci)
{
    match_set_dl_tci_masked(match, tci, htons(0xffff));
}

void
match_set_dl_tci_masked(struct match *match, ovs_be16 tci, ovs_be16 mask)
{
    match_set_vlan_tci_masked(match, 0, tci, mask);
}

void
match_set_vlan_tci(struct match *match, int id, ovs_be16 tci)
{
    match_set_vlan_tci_masked(match, id, tci, htons(0xffff));
}

void
match_set_vlan_tci_masked(struct match *match, int id, ovs_be16 tci,
                          ovs_be16 mask)
{
    ovs_assert(id >= 0 && id < FLOW_MAX_VLAN_HEADERS);
    SET_MASKED(match, vlans[id].tci, tci, mask);
}

/* Stops matching on the outermost VLAN ID. */
void
match_set_any_vid(struct match *match)
{
    if (match->wc.masks.vlans[0].tci & htons(VLAN_PCP_MASK)) {
        match->wc.masks.vlans[0].tci &= ~htons(VLAN_VID_MASK);
        match->flow.vlans[0].tci &= ~htons(VLAN_VID_MASK);
    } else {
        match_set_dl_tci_masked(match, 0, 0);
    }
}

/* Sets VLAN 'id' (0 = outermost) to match VLAN ID 'dl_vlan' (the
 * OpenFlow 1.0 dl_vlan: 0xffff means "no VLAN tag"). */
void
match_set_dl_vlan(struct match *match, ovs_be16 dl_vlan, int id)
{
    if (dl_vlan == htons(0xffff)) {
        match->flow.vlans[id].tci = 0;
        match->wc.masks.vlans[id].tci = htons(0xffff);
    } else {
        ovs_be16 vid = dl_vlan & htons(VLAN_VID_MASK);

        match->flow.vlans[id].tci &= ~htons(VLAN_VID_MASK);
        match->flow.vlans[id].tci |= vid | htons(VLAN_CFI);
        match->wc.masks.vlans[id].tci |= htons(VLAN_VID_MASK | VLAN_CFI);
    }
}

/* Sets the outermost VLAN to match VID 'vid' (an OpenFlow 1.2+ vlan_vid,
 * with OFPVID_PRESENT 0x1000 for "a tag is present"). */
void
match_set_vlan_vid(struct match *match, ovs_be16 vid)
{
    match_set_vlan_vid_masked(match, vid, htons(VLAN_VID_MASK | VLAN_CFI));
}

void
match_set_vlan_vid_masked(struct match *match, ovs_be16 vid, ovs_be16 mask)
{
    ovs_be16 pcp_mask = htons(VLAN_PCP_MASK);
    ovs_be16 vid_mask = htons(VLAN_VID_MASK | VLAN_CFI);

    mask &= vid_mask;
    match->flow.vlans[0].tci &= ~vid_mask;
    match->flow.vlans[0].tci |= vid & mask;
    match->wc.masks.vlans[0].tci &= pcp_mask;
    match->wc.masks.vlans[0].tci |= mask;
}

/* Stops matching on the outermost VLAN PCP. */
void
match_set_any_pcp(struct match *match)
{
    if (match->wc.masks.vlans[0].tci & htons(VLAN_VID_MASK)) {
        match->wc.masks.vlans[0].tci &= ~htons(VLAN_PCP_MASK);
        match->flow.vlans[0].tci &= ~htons(VLAN_PCP_MASK);
    } else {
        match_set_dl_tci_masked(match, 0, 0);
    }
}

/* Sets VLAN 'id' to match priority 'dl_vlan_pcp' (a tag must be
 * present). */
void
match_set_dl_vlan_pcp(struct match *match, uint8_t dl_vlan_pcp, int id)
{
    match->flow.vlans[id].tci &= ~htons(VLAN_PCP_MASK);
    match->flow.vlans[id].tci |= htons(((dl_vlan_pcp & 7) << VLAN_PCP_SHIFT)
                                       | VLAN_CFI);
    match->wc.masks.vlans[id].tci |= htons(VLAN_CFI | VLAN_PCP_MASK);
}

static void
set_mpls_bits(struct match *match, int idx, uint32_t value, uint32_t mask)
{
    ovs_assert(idx >= 0 && idx < FLOW_MAX_MPLS_LABELS);
    match->wc.masks.mpls_lse[idx] |= htonl(mask);
    match->flow.mpls_lse[idx] &= ~htonl(mask);
    match->flow.mpls_lse[idx] |= htonl(value & mask);
}

void
match_set_mpls_lse(struct match *match, int idx, ovs_be32 lse)
{
    set_mpls_bits(match, idx, ntohl(lse), UINT32_MAX);
}

void
match_set_mpls_label(struct match *match, int idx, ovs_be32 label)
{
    set_mpls_bits(match, idx, ntohl(label) << MPLS_LABEL_SHIFT,
                  MPLS_LABEL_MASK);
}

void
match_set_mpls_tc(struct match *match, int idx, uint8_t tc)
{
    set_mpls_bits(match, idx, tc << MPLS_TC_SHIFT, MPLS_TC_MASK);
}

void
match_set_mpls_bos(struct match *match, int idx, uint8_t bos)
{
    set_mpls_bits(match, idx, bos << MPLS_BOS_SHIFT, MPLS_BOS_MASK);
}

void
match_set_mpls_ttl(struct match *match, int idx, uint8_t ttl)
{
    set_mpls_bits(match, idx, ttl, MPLS_TTL_MASK);
}

void
match_set_nw_src(struct match *match, ovs_be32 nw_src)
{
    match_set_nw_src_masked(match, nw_src, UINT32_MAX);
}

void
match_set_nw_src_masked(struct match *match, ovs_be32 ip, ovs_be32 mask)
{
    SET_MASKED(match, nw_src, ip, mask);
}

void
match_set_nw_dst(struct match *match, ovs_be32 nw_dst)
{
    match_set_nw_dst_masked(match, nw_dst, UINT32_MAX);
}

void
match_set_nw_dst_masked(struct match *match, ovs_be32 ip, ovs_be32 mask)
{
    SET_MASKED(match, nw_dst, ip, mask);
}

void
match_set_nw_proto(struct match *match, uint8_t nw_proto)
{
    SET_MASKED(match, nw_proto, nw_proto, UINT8_MAX);
}

void
match_set_nw_dscp(struct match *match, uint8_t nw_dscp)
{
    match->flow.nw_tos &= ~IP_DSCP_MASK;
    match->flow.nw_tos |= nw_dscp & IP_DSCP_MASK;
    match->wc.masks.nw_tos |= IP_DSCP_MASK;
}

void
match_set_nw_ecn(struct match *match, uint8_t nw_ecn)
{
    match->flow.nw_tos &= ~IP_ECN_MASK;
    match->flow.nw_tos |= nw_ecn & IP_ECN_MASK;
    match->wc.masks.nw_tos |= IP_ECN_MASK;
}

void
match_set_nw_ttl(struct match *match, uint8_t nw_ttl)
{
    SET_MASKED(match, nw_ttl, nw_ttl, UINT8_MAX);
}

void
match_set_nw_tos_masked(struct match *match, uint8_t tos, uint8_t mask)
{
    SET_MASKED(match, nw_tos, tos, mask);
}

void
match_set_nw_frag(struct match *match, uint8_t nw_frag)
{
    match_set_nw_frag_masked(match, nw_frag, FLOW_NW_FRAG_MASK);
}

void
match_set_nw_frag_masked(struct match *match, uint8_t nw_frag, uint8_t mask)
{
    SET_MASKED(match, nw_frag, nw_frag, mask);
}

void
match_set_ipv6_src(struct match *match, const struct in6_addr *src)
{
    match_set_ipv6_src_masked(match, src, &in6addr_exact);
}

void
match_set_ipv6_src_masked(struct match *match, const struct in6_addr *src,
                          const struct in6_addr *mask)
{
    match->wc.masks.ipv6_src = *mask;
    match->flow.ipv6_src = ipv6_addr_bitand(src, mask);
}

void
match_set_ipv6_dst(struct match *match, const struct in6_addr *dst)
{
    match_set_ipv6_dst_masked(match, dst, &in6addr_exact);
}

void
match_set_ipv6_dst_masked(struct match *match, const struct in6_addr *dst,
                          const struct in6_addr *mask)
{
    match->wc.masks.ipv6_dst = *mask;
    match->flow.ipv6_dst = ipv6_addr_bitand(dst, mask);
}

void
match_set_ipv6_label(struct match *match, ovs_be32 label)
{
    match_set_ipv6_label_masked(match, label, htonl(IPV6_LABEL_MASK));
}

void
match_set_ipv6_label_masked(struct match *match, ovs_be32 label,
                            ovs_be32 mask)
{
    SET_MASKED(match, ipv6_label, label, mask);
}

void
match_set_arp_opcode_masked(struct match *match, uint8_t opcode,
                            uint8_t mask)
{
    SET_MASKED(match, nw_proto, opcode, mask);
}

void
match_set_arp_sha(struct match *match, const struct eth_addr sha)
{
    match_set_arp_sha_masked(match, sha, eth_addr_exact);
}

void
match_set_arp_sha_masked(struct match *match, const struct eth_addr sha,
                         const struct eth_addr mask)
{
    match->wc.masks.arp_sha = mask;
    eth_addr_bitand(sha, mask, &match->flow.arp_sha);
}

void
match_set_arp_tha(struct match *match, const struct eth_addr tha)
{
    match_set_arp_tha_masked(match, tha, eth_addr_exact);
}

void
match_set_arp_tha_masked(struct match *match, const struct eth_addr tha,
                         const struct eth_addr mask)
{
    match->wc.masks.arp_tha = mask;
    eth_addr_bitand(tha, mask, &match->flow.arp_tha);
}

void
match_set_nd_target(struct match *match, const struct in6_addr *target)
{
    match_set_nd_target_masked(match, target, &in6addr_exact);
}

void
match_set_nd_target_masked(struct match *match,
                           const struct in6_addr *target,
                           const struct in6_addr *mask)
{
    match->wc.masks.nd_target = *mask;
    match->flow.nd_target = ipv6_addr_bitand(target, mask);
}

void
match_set_tp_src(struct match *match, ovs_be16 tp_src)
{
    match_set_tp_src_masked(match, tp_src, UINT16_MAX);
}

void
match_set_tp_src_masked(struct match *match, ovs_be16 port, ovs_be16 mask)
{
    SET_MASKED(match, tp_src, port, mask);
}

void
match_set_tp_dst(struct match *match, ovs_be16 tp_dst)
{
    match_set_tp_dst_masked(match, tp_dst, UINT16_MAX);
}

void
match_set_tp_dst_masked(struct match *match, ovs_be16 port, ovs_be16 mask)
{
    SET_MASKED(match, tp_dst, port, mask);
}

void
match_set_tcp_flags(struct match *match, ovs_be16 flags)
{
    match_set_tcp_flags_masked(match, flags, UINT16_MAX);
}

void
match_set_tcp_flags_masked(struct match *match, ovs_be16 flags,
                           ovs_be16 mask)
{
    SET_MASKED(match, tcp_flags, flags, mask);
}

void
match_set_icmp_type(struct match *match, uint8_t icmp_type)
{
    match_set_tp_src(match, htons(icmp_type));
}

void
match_set_icmp_code(struct match *match, uint8_t icmp_code)
{
    match_set_tp_dst(match, htons(icmp_code));
}

/* Formatting. */

/* Reserved OpenFlow 1.0 port names. */
static const struct {
    ofp_port_t port;            /* Port number. */
    const char *name;           /* Its name in flow syntax. */
} reserved_ports[] = {
    { OFPP_IN_PORT, "IN_PORT" },
    { OFPP_TABLE, "TABLE" },
    { OFPP_NORMAL, "NORMAL" },
    { OFPP_FLOOD, "FLOOD" },
    { OFPP_ALL, "ALL" },
    { OFPP_CONTROLLER, "CONTROLLER" },
    { OFPP_LOCAL, "LOCAL" },
    { OFPP_NONE, "ANY" },
    { OFPP_UNSET, "UNSET" },
};

static void
format_port(ofp_port_t port, struct ds *s)
{
    for (size_t i = 0; i < ARRAY_SIZE(reserved_ports); i++) {
        if (reserved_ports[i].port == port) {
            ds_put_cstr(s, reserved_ports[i].name);
            return;
        }
    }
    ds_put_format(s, "%"PRIu16, port);
}

static bool
parse_port(const char *s, ofp_port_t *port)
{
    unsigned int u;

    for (size_t i = 0; i < ARRAY_SIZE(reserved_ports); i++) {
        if (!strcasecmp(s, reserved_ports[i].name)) {
            *port = reserved_ports[i].port;
            return true;
        }
    }
    if (!strcasecmp(s, "NONE")) {
        *port = OFPP_NONE;
        return true;
    }
    if (str_to_uint(s, 0, &u) && u <= UINT16_MAX) {
        *port = u;
        return true;
    }
    return false;
}

static void
format_u32_masked(struct ds *s, const char *name, uint32_t value,
                  uint32_t mask)
{
    if (mask) {
        ds_put_format(s, "%s=%#"PRIx32, name, value);
        if (mask != UINT32_MAX) {
            ds_put_format(s, "/%#"PRIx32, mask);
        }
        ds_put_char(s, ',');
    }
}

static void
format_be64_masked(struct ds *s, const char *name, ovs_be64 value,
                   ovs_be64 mask)
{
    if (mask) {
        ds_put_format(s, "%s=%#"PRIx64, name, be64toh(value));
        if (mask != UINT64_MAX) {
            ds_put_format(s, "/%#"PRIx64, be64toh(mask));
        }
        ds_put_char(s, ',');
    }
}

static void
format_be16_masked(struct ds *s, const char *name, ovs_be16 value,
                   ovs_be16 mask)
{
    if (mask == htons(UINT16_MAX)) {
        ds_put_format(s, "%s=%"PRIu16",", name, ntohs(value));
    } else if (mask) {
        ds_put_format(s, "%s=0x%"PRIx16"/0x%"PRIx16",", name, ntohs(value),
                      ntohs(mask));
    }
}

static void
format_eth_masked(struct ds *s, const char *name, struct eth_addr value,
                  struct eth_addr mask)
{
    if (!eth_addr_is_zero(mask)) {
        ds_put_format(s, "%s=", name);
        eth_format_masked(value, &mask, s);
        ds_put_char(s, ',');
    }
}

static void
format_ip_masked(struct ds *s, const char *name, ovs_be32 value,
                 ovs_be32 mask)
{
    if (mask) {
        ds_put_format(s, "%s=", name);
        ip_format_masked(value, mask, s);
        ds_put_char(s, ',');
    }
}

static void
format_ipv6_masked(struct ds *s, const char *name,
                   const struct in6_addr *value, const struct in6_addr *mask)
{
    if (!ipv6_mask_is_any(mask)) {
        ds_put_format(s, "%s=", name);
        ipv6_format_masked(value, mask, s);
        ds_put_char(s, ',');
    }
}

/* Formats the TCI of VLAN header 'i' of 'match'. */
static void
format_vlan(struct ds *s, const struct match *match, int i)
{
    ovs_be16 tci = match->flow.vlans[i].tci;
    ovs_be16 mask = match->wc.masks.vlans[i].tci;
    ovs_be16 vid_mask = mask & htons(VLAN_VID_MASK);
    ovs_be16 pcp_mask = mask & htons(VLAN_PCP_MASK);
    char suffix[12];

    if (!mask) {
        return;
    }
    if (i) {
        snprintf(suffix, sizeof suffix, "%d", i);
    } else {
        suffix[0] = '\0';
    }
    if (mask & htons(VLAN_CFI) && tci & htons(VLAN_CFI)
        && (!vid_mask || vid_mask == htons(VLAN_VID_MASK))
        && (!pcp_mask || pcp_mask == htons(VLAN_PCP_MASK))
        && (vid_mask || pcp_mask)) {
        if (vid_mask) {
            ds_put_format(s, "dl_vlan%s=%"PRIu16",", suffix,
                          vlan_tci_to_vid(tci));
        }
        if (pcp_mask) {
            ds_put_format(s, "dl_vlan_pcp%s=%d,", suffix,
                          vlan_tci_to_pcp(tci));
        }
    } else if (mask == htons(0xffff)) {
        ds_put_format(s, "vlan_tci%s=0x%04"PRIx16",", suffix, ntohs(tci));
    } else {
        ds_put_format(s, "vlan_tci%s=0x%04"PRIx16"/0x%04"PRIx16",", suffix,
                      ntohs(tci), ntohs(mask));
    }
}

static const char *
ct_state_name(uint32_t bit)
{
    switch (bit) {
    case 0x01: return "new";
    case 0x02: return "est";
    case 0x04: return "rel";
    case 0x08: return "rpl";
    case 0x10: return "inv";
    case 0x20: return "trk";
    case 0x40: return "snat";
    case 0x80: return "dnat";
    default: return NULL;
    }
}

/* Formats 'flags' under 'mask' as "+name-name" with 'namer' giving each
 * bit's name (or as hex for unnamed bits). */
static void
format_flags_masked(struct ds *s, const char *name,
                    const char *(*namer)(uint32_t), uint32_t flags,
                    uint32_t mask, uint32_t max_mask)
{
    ds_put_format(s, "%s=", name);
    mf_format_flags(s, namer, flags, mask, max_mask);
    ds_put_char(s, ',');
}

/* Names the public tunnel flag bits. */
static const char *
tnl_flag_name(uint32_t bit)
{
    return bit == FLOW_TNL_F_OAM ? "oam" : NULL;
}

/* Appends "NAME=0x...[/0x...]," for a 128-bit value, if 'mask' is
 * nonzero. */
static void
format_u128_masked(struct ds *s, const char *name, const ovs_u128 *value,
                   const ovs_u128 *mask)
{
    const ovs_u128 *x[2] = { value, mask };

    if (!mask->u64.hi && !mask->u64.lo) {
        return;
    }
    ds_put_format(s, "%s=", name);
    for (int i = 0; i < 2; i++) {
        if (i) {
            if (mask->u64.hi == UINT64_MAX && mask->u64.lo == UINT64_MAX) {
                break;
            }
            ds_put_char(s, '/');
        }
        if (x[i]->u64.hi) {
            ds_put_format(s, "%#"PRIx64"%016"PRIx64, x[i]->u64.hi,
                          x[i]->u64.lo);
        } else {
            ds_put_format(s, "%#"PRIx64, x[i]->u64.lo);
        }
    }
    ds_put_char(s, ',');
}

/* Returns the shorthand name for the protocol that 'match' matches, or
 * NULL.  Sets '*nw_proto_implied' if the name implies nw_proto. */
static const char *
protocol_name(const struct match *match, bool *nw_proto_implied)
{
    const struct flow *f = &match->flow;
    bool proto_exact = match->wc.masks.nw_proto == UINT8_MAX;

    *nw_proto_implied = false;
    if (match->wc.masks.dl_type != htons(UINT16_MAX)) {
        return NULL;
    }
    if (f->dl_type == htons(ETH_TYPE_IP)) {
        if (proto_exact) {
            *nw_proto_implied = true;
            switch (f->nw_proto) {
            case IPPROTO_ICMP: return "icmp";
            case IPPROTO_TCP: return "tcp";
            case IPPROTO_UDP: return "udp";
            case IPPROTO_SCTP: return "sctp";
            }
            *nw_proto_implied = false;
        }
        return "ip";
    } else if (f->dl_type == htons(ETH_TYPE_IPV6)) {
        if (proto_exact) {
            *nw_proto_implied = true;
            switch (f->nw_proto) {
            case IPPROTO_ICMPV6: return "icmp6";
            case IPPROTO_TCP: return "tcp6";
            case IPPROTO_UDP: return "udp6";
            case IPPROTO_SCTP: return "sctp6";
            }
            *nw_proto_implied = false;
        }
        return "ipv6";
    } else if (f->dl_type == htons(ETH_TYPE_ARP)) {
        return "arp";
    } else if (f->dl_type == htons(ETH_TYPE_RARP)) {
        return "rarp";
    } else if (f->dl_type == htons(ETH_TYPE_MPLS)) {
        return "mpls";
    } else if (f->dl_type == htons(ETH_TYPE_MPLS_MCAST)) {
        return "mplsm";
    }
    return NULL;
}

/* Appends 'match' in OpenFlow flow syntax to 's', with "priority=N" first
 * if 'priority' is not OFP_DEFAULT_PRIORITY.  Prints nothing for a
 * catch-all match at the default priority. */
void
match_format(const struct match *match,
             const struct ofputil_port_map *port_map,
             struct ds *s, int priority)
{
    const struct flow_wildcards *wc = &match->wc;
    const struct flow *f = &match->flow;
    size_t start_len = s->length;
    bool nw_proto_implied;
    const char *proto;
    bool is_arp = false;
    bool is_ipv6 = false;
    bool is_ip = false;

    if (priority != OFP_DEFAULT_PRIORITY) {
        ds_put_format(s, "priority=%d,", priority);
    }
    format_u32_masked(s, "pkt_mark", f->pkt_mark, wc->masks.pkt_mark);
    if (wc->masks.recirc_id) {
        ds_put_format(s, "recirc_id=%#"PRIx32",", f->recirc_id);
    }
    format_u32_masked(s, "dp_hash", f->dp_hash, wc->masks.dp_hash);
    if (wc->masks.conj_id) {
        ds_put_format(s, "conj_id=%"PRIu32",", f->conj_id);
    }
    if (wc->masks.skb_priority) {
        ds_put_format(s, "skb_priority=%#"PRIx32",", f->skb_priority);
    }
    if (wc->masks.actset_output) {
        ds_put_cstr(s, "actset_output=");
        format_port(f->actset_output, s);
        ds_put_char(s, ',');
    }
    if (wc->masks.ct_state) {
        format_flags_masked(s, "ct_state", ct_state_name, f->ct_state,
                            wc->masks.ct_state, UINT8_MAX);
    }
    if (wc->masks.ct_zone) {
        ds_put_format(s, "ct_zone=%"PRIu16",", f->ct_zone);
    }
    format_u32_masked(s, "ct_mark", f->ct_mark, wc->masks.ct_mark);
    format_u128_masked(s, "ct_label", &f->ct_label, &wc->masks.ct_label);
    format_ip_masked(s, "ct_nw_src", f->ct_nw_src, wc->masks.ct_nw_src);
    format_ip_masked(s, "ct_nw_dst", f->ct_nw_dst, wc->masks.ct_nw_dst);
    format_ipv6_masked(s, "ct_ipv6_src", &f->ct_ipv6_src,
                       &wc->masks.ct_ipv6_src);
    format_ipv6_masked(s, "ct_ipv6_dst", &f->ct_ipv6_dst,
                       &wc->masks.ct_ipv6_dst);
    if (wc->masks.ct_nw_proto) {
        ds_put_format(s, "ct_nw_proto=%"PRIu8",", f->ct_nw_proto);
    }
    format_be16_masked(s, "ct_tp_src", f->ct_tp_src, wc->masks.ct_tp_src);
    format_be16_masked(s, "ct_tp_dst", f->ct_tp_dst, wc->masks.ct_tp_dst);

    /* A matched packet type: "(NS,ID)" for packet types other than
     * Ethernet.  Ethernet is the default, so it is written ("eth") only in
     * megaflows, which are recognized by their matched recirc_id, as
     * ofproto/trace prints them. */
    if (wc->masks.packet_type == htonl(UINT32_MAX)) {
        uint32_t pt = ntohl(f->packet_type);

        if (!pt) {
            if (wc->masks.recirc_id) {
                ds_put_cstr(s, "eth,");
            }
        } else {
            /* Upstream writes numbers below 10 in decimal, others in
             * hexadecimal. */
            ds_put_format(s, (pt & 0xffff) < 10
                          ? "packet_type=(%"PRIu32",%"PRIu32"),"
                          : "packet_type=(%"PRIu32",%#"PRIx32"),",
                          pt >> 16, pt & 0xffff);
        }
    }

    proto = protocol_name(match, &nw_proto_implied);
    if (proto) {
        ds_put_format(s, "%s,", proto);
    }
    if (match->wc.masks.dl_type == htons(UINT16_MAX)) {
        is_ip = f->dl_type == htons(ETH_TYPE_IP);
        is_ipv6 = f->dl_type == htons(ETH_TYPE_IPV6);
        is_arp = (f->dl_type == htons(ETH_TYPE_ARP)
                  || f->dl_type == htons(ETH_TYPE_RARP));
    }

    for (int i = 0; i < FLOW_N_REGS; i++) {
        char name[16];

        snprintf(name, sizeof name, "reg%d", i);
        format_u32_masked(s, name, f->regs[i], wc->masks.regs[i]);
    }
    format_be64_masked(s, "tun_id", f->tunnel.tun_id,
                       wc->masks.tunnel.tun_id);
    format_ip_masked(s, "tun_src", f->tunnel.ip_src, wc->masks.tunnel.ip_src);
    format_ip_masked(s, "tun_dst", f->tunnel.ip_dst, wc->masks.tunnel.ip_dst);
    format_ipv6_masked(s, "tun_ipv6_src", &f->tunnel.ipv6_src,
                       &wc->masks.tunnel.ipv6_src);
    format_ipv6_masked(s, "tun_ipv6_dst", &f->tunnel.ipv6_dst,
                       &wc->masks.tunnel.ipv6_dst);
    format_be16_masked(s, "tun_gbp_id", f->tunnel.gbp_id,
                       wc->masks.tunnel.gbp_id);
    if (wc->masks.tunnel.gbp_flags) {
        /* Upstream prints the value only, even under a partial mask. */
        ds_put_format(s, "tun_gbp_flags=%#"PRIx8",", f->tunnel.gbp_flags);
    }
    if (wc->masks.tunnel.ip_tos) {
        ds_put_format(s, "tun_tos=%"PRIu8",", f->tunnel.ip_tos);
    }
    if (wc->masks.tunnel.ip_ttl) {
        ds_put_format(s, "tun_ttl=%"PRIu8",", f->tunnel.ip_ttl);
    }
    if (wc->masks.tunnel.flags & FLOW_TNL_F_OAM) {
        format_flags_masked(s, "tun_flags", tnl_flag_name,
                            f->tunnel.flags & FLOW_TNL_F_OAM,
                            wc->masks.tunnel.flags & FLOW_TNL_F_OAM,
                            UINT16_MAX);
    }
    format_be64_masked(s, "metadata", f->metadata, wc->masks.metadata);
    if (wc->masks.in_port.ofp_port) {
        ds_put_cstr(s, "in_port=");
        if (port_map) {
            ofputil_format_port(f->in_port.ofp_port, port_map, s);
        } else {
            format_port(f->in_port.ofp_port, s);
        }
        ds_put_char(s, ',');
    }
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        format_vlan(s, match, i);
    }
    format_eth_masked(s, "dl_src", f->dl_src, wc->masks.dl_src);
    format_eth_masked(s, "dl_dst", f->dl_dst, wc->masks.dl_dst);
    if (!proto && wc->masks.dl_type) {
        ds_put_format(s, "dl_type=0x%04"PRIx16",", ntohs(f->dl_type));
    }

    if (is_ipv6) {
        format_ipv6_masked(s, "ipv6_src", &f->ipv6_src, &wc->masks.ipv6_src);
        format_ipv6_masked(s, "ipv6_dst", &f->ipv6_dst, &wc->masks.ipv6_dst);
        if (wc->masks.ipv6_label) {
            if (wc->masks.ipv6_label == htonl(IPV6_LABEL_MASK)
                || wc->masks.ipv6_label == htonl(UINT32_MAX)) {
                ds_put_format(s, "ipv6_label=0x%05"PRIx32",",
                              ntohl(f->ipv6_label));
            } else {
                ds_put_format(s, "ipv6_label=0x%05"PRIx32"/0x%05"PRIx32",",
                              ntohl(f->ipv6_label),
                              ntohl(wc->masks.ipv6_label));
            }
        }
    } else if (is_arp) {
        format_ip_masked(s, "arp_spa", f->nw_src, wc->masks.nw_src);
        format_ip_masked(s, "arp_tpa", f->nw_dst, wc->masks.nw_dst);
    } else {
        format_ip_masked(s, "nw_src", f->nw_src, wc->masks.nw_src);
        format_ip_masked(s, "nw_dst", f->nw_dst, wc->masks.nw_dst);
    }
    if (!nw_proto_implied && wc->masks.nw_proto) {
        const char *name = is_arp ? "arp_op" : "nw_proto";

        if (wc->masks.nw_proto == UINT8_MAX) {
            ds_put_format(s, "%s=%"PRIu8",", name, f->nw_proto);
        } else {
            ds_put_format(s, "%s=%"PRIu8"/%"PRIu8",", name, f->nw_proto,
                          wc->masks.nw_proto);
        }
    }
    if (wc->masks.nw_tos & IP_DSCP_MASK) {
        ds_put_format(s, "nw_tos=%d,", f->nw_tos & IP_DSCP_MASK);
    }
    if (wc->masks.nw_tos & IP_ECN_MASK) {
        ds_put_format(s, "nw_ecn=%d,", f->nw_tos & IP_ECN_MASK);
    }
    if (wc->masks.nw_ttl) {
        ds_put_format(s, "nw_ttl=%d,", f->nw_ttl);
    }
    if (wc->masks.mpls_lse[0] & htonl(MPLS_LABEL_MASK)) {
        ds_put_format(s, "mpls_label=%"PRIu32",",
                      (ntohl(f->mpls_lse[0]) & MPLS_LABEL_MASK)
                      >> MPLS_LABEL_SHIFT);
    }
    if (wc->masks.mpls_lse[0] & htonl(MPLS_TC_MASK)) {
        ds_put_format(s, "mpls_tc=%"PRIu32",",
                      (ntohl(f->mpls_lse[0]) & MPLS_TC_MASK) >> MPLS_TC_SHIFT);
    }
    if (wc->masks.mpls_lse[0] & htonl(MPLS_TTL_MASK)) {
        ds_put_format(s, "mpls_ttl=%"PRIu32",",
                      ntohl(f->mpls_lse[0]) & MPLS_TTL_MASK);
    }
    if (wc->masks.mpls_lse[0] & htonl(MPLS_BOS_MASK)) {
        ds_put_format(s, "mpls_bos=%"PRIu32",",
                      (ntohl(f->mpls_lse[0]) & MPLS_BOS_MASK)
                      >> MPLS_BOS_SHIFT);
    }
    for (int i = 1; i < FLOW_MAX_MPLS_LABELS; i++) {
        if (wc->masks.mpls_lse[i] == htonl(UINT32_MAX)) {
            ds_put_format(s, "mpls_lse%d=%"PRIu32",", i,
                          ntohl(f->mpls_lse[i]));
        } else if (wc->masks.mpls_lse[i]) {
            ds_put_format(s, "mpls_lse%d=%#"PRIx32"/%#"PRIx32",", i,
                          ntohl(f->mpls_lse[i]), ntohl(wc->masks.mpls_lse[i]));
        }
    }
    switch (wc->masks.nw_frag & FLOW_NW_FRAG_MASK) {
    case FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER:
        ds_put_format(s, "nw_frag=%s,",
                      f->nw_frag & FLOW_NW_FRAG_ANY
                      ? (f->nw_frag & FLOW_NW_FRAG_LATER ? "later" : "first")
                      : (f->nw_frag & FLOW_NW_FRAG_LATER ? "<error>" : "no"));
        break;
    case FLOW_NW_FRAG_ANY:
        ds_put_format(s, "nw_frag=%s,",
                      f->nw_frag & FLOW_NW_FRAG_ANY ? "yes" : "no");
        break;
    case FLOW_NW_FRAG_LATER:
        ds_put_format(s, "nw_frag=%s,",
                      f->nw_frag & FLOW_NW_FRAG_LATER ? "later" : "not_later");
        break;
    }
    if (is_arp) {
        format_eth_masked(s, "arp_sha", f->arp_sha, wc->masks.arp_sha);
        format_eth_masked(s, "arp_tha", f->arp_tha, wc->masks.arp_tha);
    }
    if ((is_ip && f->nw_proto == IPPROTO_ICMP)
        || (is_ipv6 && f->nw_proto == IPPROTO_ICMPV6)) {
        /* As upstream: a partial mask (e.g. the 8-bit mask of a
         * datapath flow) shows as value/mask. */
        format_be16_masked(s, "icmp_type", f->tp_src, wc->masks.tp_src);
        format_be16_masked(s, "icmp_code", f->tp_dst, wc->masks.tp_dst);
        if (is_ipv6) {
            format_ipv6_masked(s, "nd_target", &f->nd_target,
                               &wc->masks.nd_target);
            format_eth_masked(s, "nd_sll", f->arp_sha, wc->masks.arp_sha);
            format_eth_masked(s, "nd_tll", f->arp_tha, wc->masks.arp_tha);
            if (wc->masks.igmp_group_ip4) {
                /* The ND reserved field shares igmp_group_ip4. */
                ds_put_format(s, "nd_reserved=%"PRIu32",",
                              ntohl(f->igmp_group_ip4));
            }
            if (wc->masks.tcp_flags) {
                /* The ND options type shares tcp_flags. */
                ds_put_format(s, "nd_options_type=%"PRIu16",",
                              ntohs(f->tcp_flags) & 0xff);
            }
        }
    } else {
        format_be16_masked(s, "tp_src", f->tp_src, wc->masks.tp_src);
        format_be16_masked(s, "tp_dst", f->tp_dst, wc->masks.tp_dst);
    }
    if ((is_ip || is_ipv6) && f->nw_proto == IPPROTO_TCP
        && wc->masks.tcp_flags) {
        format_flags_masked(s, "tcp_flags", packet_tcp_flag_to_string,
                            ntohs(f->tcp_flags),
                            TCP_FLAGS(wc->masks.tcp_flags), 0x0fff);
    }

    if (s->length > start_len) {
        ds_chomp(s, ',');
    }
}

/* Returns 'match' formatted by match_format() as a malloc()ed string. */
char *
match_to_string(const struct match *match,
                const struct ofputil_port_map *port_map, int priority)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    match_format(match, port_map, &s, priority);
    if (!s.length) {
        ds_put_cstr(&s, "");
    }
    return ds_steal_cstr(&s);
}

/* Prints 'match' and a new-line on stdout. */
void
match_print(const struct match *match,
            const struct ofputil_port_map *port_map)
{
    char *s = match_to_string(match, port_map, OFP_DEFAULT_PRIORITY);

    puts(s);
    free(s);
}

/* Parsing. */

/* Parses 's' as an unsigned integer no larger than 'max' (decimal, or
 * hexadecimal with 0x).  Returns true if successful. */
static bool
parse_uint(const char *s, uint64_t max, uint64_t *value)
{
    unsigned long long x;
    char *end;

    if (!*s || *s == '-' || isspace((unsigned char) *s)) {
        return false;
    }
    errno = 0;
    x = strtoull(s, &end, 0);
    if (errno || *end || x > max) {
        return false;
    }
    *value = x;
    return true;
}

/* Parses "VALUE" or "VALUE/MASK" integers no larger than 'max'.  '*mask'
 * is 'max' without a mask. */
static char *
parse_uint_masked(const char *name, const char *s, uint64_t max,
                  uint64_t *value, uint64_t *mask)
{
    const char *slash = strchr(s, '/');
    char *v = slash ? xmemdup0(s, slash - s) : xstrdup(s);
    bool ok = parse_uint(v, max, value);

    free(v);
    if (ok && slash) {
        ok = parse_uint(slash + 1, max, mask);
    } else {
        *mask = max;
    }
    if (ok) {
        return NULL;
    } else if (isdigit((unsigned char) *s)
               && strspn(s, "0123456789abcdefABCDEFx/") == strlen(s)) {
        int n_bytes = max > UINT32_MAX ? 8 : max > UINT16_MAX ? 4
                      : max > UINT8_MAX ? 2 : 1;

        return xasprintf("%s: value too large for %d-byte field %s",
                         s, n_bytes, name);
    } else {
        return xasprintf("%s: bad syntax for %s value", s, name);
    }
}

static char *
parse_eth_masked(const char *name, const char *s, struct eth_addr *value,
                 struct eth_addr *mask)
{
    const char *slash = strchr(s, '/');
    char *v = slash ? xmemdup0(s, slash - s) : xstrdup(s);
    bool ok = eth_addr_from_string(v, value);

    free(v);
    if (ok && slash) {
        ok = eth_addr_from_string(slash + 1, mask);
    } else {
        *mask = eth_addr_exact;
    }
    return ok ? NULL : xasprintf("%s: invalid Ethernet address", s);
}

/* Sets dl_type (and nw_proto if 'nw_proto' >= 0) for a shorthand. */
static void
set_protocol(struct match *match, uint16_t dl_type, int nw_proto)
{
    match_set_dl_type(match, htons(dl_type));
    if (nw_proto >= 0) {
        match_set_nw_proto(match, nw_proto);
    }
}

/* Parses a protocol shorthand 'name'.  Returns true if it is one. */
static bool
parse_protocol(struct match *match, const char *name)
{
    static const struct {
        const char *name;       /* Shorthand. */
        uint16_t dl_type;       /* Ethertype it implies. */
        int nw_proto;           /* IP protocol it implies, or -1. */
    } protocols[] = {
        { "ip", ETH_TYPE_IP, -1 },
        { "ipv4", ETH_TYPE_IP, -1 },
        { "icmp", ETH_TYPE_IP, IPPROTO_ICMP },
        { "igmp", ETH_TYPE_IP, IPPROTO_IGMP },
        { "tcp", ETH_TYPE_IP, IPPROTO_TCP },
        { "udp", ETH_TYPE_IP, IPPROTO_UDP },
        { "sctp", ETH_TYPE_IP, IPPROTO_SCTP },
        { "ipv6", ETH_TYPE_IPV6, -1 },
        { "ip6", ETH_TYPE_IPV6, -1 },
        { "icmp6", ETH_TYPE_IPV6, IPPROTO_ICMPV6 },
        { "tcp6", ETH_TYPE_IPV6, IPPROTO_TCP },
        { "udp6", ETH_TYPE_IPV6, IPPROTO_UDP },
        { "sctp6", ETH_TYPE_IPV6, IPPROTO_SCTP },
        { "arp", ETH_TYPE_ARP, -1 },
        { "rarp", ETH_TYPE_RARP, -1 },
        { "mpls", ETH_TYPE_MPLS, -1 },
        { "mplsm", ETH_TYPE_MPLS_MCAST, -1 },
    };

    if (!strcmp(name, "eth")) {
        /* Ethernet packet type. */
        match->flow.packet_type = htonl(0);
        match->wc.masks.packet_type = htonl(UINT32_MAX);
        return true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(protocols); i++) {
        if (!strcmp(name, protocols[i].name)) {
            set_protocol(match, protocols[i].dl_type, protocols[i].nw_proto);
            return true;
        }
    }
    return false;
}

/* Parses flags 'value' for field 'name', either as "VALUE[/MASK]"
 * integers, as "+name-name..." (the named bits must be set or clear), or
 * as "name|name" (exactly those bits). */
static char *
parse_flags(const char *name, const char *value,
            const char *(*namer)(uint32_t), uint32_t max_mask,
            uint32_t *flagsp, uint32_t *maskp)
{
    uint64_t v, m;

    if (isdigit((unsigned char) value[0])) {
        char *error = parse_uint_masked(name, value, max_mask, &v, &m);

        if (!error) {
            *flagsp = v;
            *maskp = m;
        }
        return error;
    }

    *flagsp = 0;
    *maskp = value[0] == '+' || value[0] == '-' ? 0 : max_mask;
    for (const char *p = value; *p; ) {
        bool set = true;
        size_t len;
        uint32_t bit;

        if (*p == '+' || *p == '-') {
            set = *p == '+';
            p++;
        } else if (*p == '|') {
            p++;
        }
        len = strcspn(p, "+-|");
        for (bit = 1; bit && bit <= max_mask; bit <<= 1) {
            const char *n = namer(bit);

            if (n && strlen(n) == len && !strncmp(n, p, len)) {
                break;
            }
        }
        if (!bit || bit > max_mask) {
            return xasprintf("%.*s: unknown %s flag(s)", (int) len, p,
                             namer == ct_state_name ? "CT" : "TCP");
        }
        if (set) {
            *flagsp |= bit;
        }
        if (*maskp != max_mask) {
            *maskp |= bit;
        }
        p += len;
    }
    return NULL;
}

/* Parses one "name=value" item into 'match'. */
static char *
parse_field(struct match *match, const char *name, const char *value,
            int *priority)
{
    uint64_t v, m;
    char *error;

    if (!strcmp(name, "priority")) {
        error = parse_uint_masked(name, value, UINT16_MAX, &v, &m);
        if (!error && priority) {
            *priority = v;
        }
        return error;
    } else if (!strcmp(name, "in_port")) {
        ofp_port_t port;

        if (!parse_port(value, &port)) {
            return xasprintf("%s: invalid or unknown port for %s", value,
                             name);
        }
        match_set_in_port(match, port);
        return NULL;
    } else if (!strcmp(name, "dl_src") || !strcmp(name, "eth_src")
               || !strcmp(name, "dl_dst") || !strcmp(name, "eth_dst")
               || !strcmp(name, "arp_sha") || !strcmp(name, "arp_tha")
               || !strcmp(name, "nd_sll") || !strcmp(name, "nd_tll")) {
        struct eth_addr ea, mask;

        error = parse_eth_masked(name, value, &ea, &mask);
        if (error) {
            return error;
        }
        if (strstr(name, "src")) {
            match_set_dl_src_masked(match, ea, mask);
        } else if (strstr(name, "dst")) {
            match_set_dl_dst_masked(match, ea, mask);
        } else if (!strcmp(name, "arp_sha") || !strcmp(name, "nd_sll")) {
            match_set_arp_sha_masked(match, ea, mask);
        } else {
            match_set_arp_tha_masked(match, ea, mask);
        }
        return NULL;
    } else if (!strcmp(name, "nw_src") || !strcmp(name, "nw_dst")
               || !strcmp(name, "ip_src") || !strcmp(name, "ip_dst")
               || !strcmp(name, "arp_spa") || !strcmp(name, "arp_tpa")
               || !strcmp(name, "tun_src") || !strcmp(name, "tun_dst")) {
        ovs_be32 ip, mask;

        error = ip_parse_masked(value, &ip, &mask);
        if (error) {
            free(error);
            return xasprintf("%s: invalid IP address", value);
        }
        if (!strcmp(name, "tun_src")) {
            match_set_tun_src_masked(match, ip, mask);
        } else if (!strcmp(name, "tun_dst")) {
            match_set_tun_dst_masked(match, ip, mask);
        } else if (strstr(name, "src") || !strcmp(name, "arp_spa")) {
            match_set_nw_src_masked(match, ip, mask);
        } else {
            match_set_nw_dst_masked(match, ip, mask);
        }
        return NULL;
    } else if (!strcmp(name, "ipv6_src") || !strcmp(name, "ipv6_dst")
               || !strcmp(name, "nd_target")) {
        struct in6_addr ip, mask;

        error = ipv6_parse_masked(value, &ip, &mask);
        if (error) {
            free(error);
            return xasprintf("%s: invalid IPv6 address", value);
        }
        if (!strcmp(name, "ipv6_src")) {
            match_set_ipv6_src_masked(match, &ip, &mask);
        } else if (!strcmp(name, "ipv6_dst")) {
            match_set_ipv6_dst_masked(match, &ip, &mask);
        } else {
            match_set_nd_target_masked(match, &ip, &mask);
        }
        return NULL;
    } else if (!strcmp(name, "nw_frag") || !strcmp(name, "ip_frag")) {
        static const struct {
            const char *name;   /* Keyword. */
            uint8_t value;      /* nw_frag value. */
            uint8_t mask;       /* nw_frag mask. */
        } frags[] = {
            { "no", 0, FLOW_NW_FRAG_MASK },
            { "yes", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_ANY },
            { "first", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_MASK },
            { "later", FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER,
              FLOW_NW_FRAG_MASK },
            { "not_later", 0, FLOW_NW_FRAG_LATER },
        };

        for (size_t i = 0; i < ARRAY_SIZE(frags); i++) {
            if (!strcmp(value, frags[i].name)) {
                match_set_nw_frag_masked(match, frags[i].value,
                                         frags[i].mask);
                return NULL;
            }
        }
        return xasprintf("%s: unknown fragment type (valid types are "
                         "\"no\", \"yes\", \"first\", \"later\", "
                         "\"not_later\"", value);
    } else if (!strcmp(name, "tcp_flags")) {
        uint32_t flags, mask;

        error = parse_flags(name, value, packet_tcp_flag_to_string, 0x0fff,
                            &flags, &mask);
        if (!error) {
            match_set_tcp_flags_masked(match, htons(flags), htons(mask));
        }
        return error;
    } else if (!strcmp(name, "ct_state")) {
        uint32_t flags, mask;

        error = parse_flags(name, value, ct_state_name, UINT8_MAX, &flags,
                            &mask);
        if (!error) {
            match_set_ct_state_masked(match, flags, mask);
        }
        return error;
    }

    /* The rest are integers. */
    static const struct {
        const char *name;       /* Field name. */
        uint64_t max;           /* Largest value. */
    } ints[] = {
        { "dl_type", UINT16_MAX }, { "eth_type", UINT16_MAX },
        { "dl_vlan", UINT16_MAX }, { "dl_vlan1", UINT16_MAX },
        { "dl_vlan_pcp", 7 }, { "dl_vlan_pcp1", 7 },
        { "vlan_tci", UINT16_MAX }, { "vlan_tci1", UINT16_MAX },
        { "nw_proto", UINT8_MAX }, { "ip_proto", UINT8_MAX },
        { "arp_op", UINT8_MAX },
        { "nw_tos", UINT8_MAX }, { "ip_dscp", 63 },
        { "nw_ecn", 3 }, { "ip_ecn", 3 }, { "nw_ttl", UINT8_MAX },
        { "tp_src", UINT16_MAX }, { "tp_dst", UINT16_MAX },
        { "tcp_src", UINT16_MAX }, { "tcp_dst", UINT16_MAX },
        { "udp_src", UINT16_MAX }, { "udp_dst", UINT16_MAX },
        { "sctp_src", UINT16_MAX }, { "sctp_dst", UINT16_MAX },
        { "icmp_type", UINT8_MAX }, { "icmp_code", UINT8_MAX },
        { "icmpv6_type", UINT8_MAX }, { "icmpv6_code", UINT8_MAX },
        { "ipv6_label", IPV6_LABEL_MASK },
        { "metadata", UINT64_MAX }, { "tun_id", UINT64_MAX },
        { "pkt_mark", UINT32_MAX }, { "skb_priority", UINT32_MAX },
        { "recirc_id", UINT32_MAX }, { "dp_hash", UINT32_MAX },
        { "conj_id", UINT32_MAX }, { "ct_zone", UINT16_MAX },
        { "ct_mark", UINT32_MAX },
        { "mpls_label", 0xfffff }, { "mpls_tc", 7 }, { "mpls_bos", 1 },
        { "mpls_ttl", UINT8_MAX },
    };
    size_t i;
    int reg;

    if (sscanf(name, "reg%d", &reg) == 1 && reg >= 0 && reg < FLOW_N_REGS) {
        char regname[16];

        snprintf(regname, sizeof regname, "reg%d", reg);
        if (!strcmp(regname, name)) {
            error = parse_uint_masked(name, value, UINT32_MAX, &v, &m);
            if (!error) {
                match_set_reg_masked(match, reg, v, m);
            }
            return error;
        }
    }
    for (i = 0; i < ARRAY_SIZE(ints); i++) {
        if (!strcmp(name, ints[i].name)) {
            break;
        }
    }
    if (i >= ARRAY_SIZE(ints) || mf_from_name(name)) {
        /* Everything else, and the integer fields, through meta-flow. */
        const struct mf_field *mf = mf_from_name(name);
        union mf_value mf_value, mf_mask;

        if (!mf) {
            return xasprintf("unknown keyword %s", name);
        }
        error = mf_parse(mf, value, NULL, &mf_value, &mf_mask);
        if (!error) {
            mf_set(mf, &mf_value, &mf_mask, match, &error);
        }
        return error;
    }
    error = parse_uint_masked(name, value, ints[i].max, &v, &m);
    if (error) {
        return error;
    }

    if (!strcmp(name, "dl_type") || !strcmp(name, "eth_type")) {
        match_set_dl_type(match, htons(v));
    } else if (!strcmp(name, "dl_vlan") || !strcmp(name, "dl_vlan1")) {
        match_set_dl_vlan(match, htons(v), name[7] == '1');
    } else if (!strcmp(name, "dl_vlan_pcp") || !strcmp(name, "dl_vlan_pcp1")) {
        match_set_dl_vlan_pcp(match, v, name[11] == '1');
    } else if (!strcmp(name, "vlan_tci") || !strcmp(name, "vlan_tci1")) {
        match_set_vlan_tci_masked(match, name[8] == '1', htons(v), htons(m));
    } else if (!strcmp(name, "nw_proto") || !strcmp(name, "ip_proto")) {
        match_set_nw_proto(match, v);
    } else if (!strcmp(name, "arp_op")) {
        match_set_arp_opcode_masked(match, v, m);
    } else if (!strcmp(name, "nw_tos")) {
        match_set_nw_dscp(match, v);
    } else if (!strcmp(name, "ip_dscp")) {
        match_set_nw_dscp(match, v << 2);
    } else if (!strcmp(name, "nw_ecn") || !strcmp(name, "ip_ecn")) {
        match_set_nw_ecn(match, v);
    } else if (!strcmp(name, "nw_ttl")) {
        match_set_nw_ttl(match, v);
    } else if (!strcmp(name, "icmp_type") || !strcmp(name, "icmpv6_type")) {
        match_set_icmp_type(match, v);
    } else if (!strcmp(name, "icmp_code") || !strcmp(name, "icmpv6_code")) {
        match_set_icmp_code(match, v);
    } else if (strstr(name, "_src")) {
        match_set_tp_src_masked(match, htons(v), htons(m));
    } else if (strstr(name, "_dst")) {
        match_set_tp_dst_masked(match, htons(v), htons(m));
    } else if (!strcmp(name, "ipv6_label")) {
        match_set_ipv6_label_masked(match, htonl(v), htonl(m));
    } else if (!strcmp(name, "metadata")) {
        match_set_metadata_masked(match, htobe64(v), htobe64(m));
    } else if (!strcmp(name, "tun_id")) {
        match_set_tun_id_masked(match, htobe64(v), htobe64(m));
    } else if (!strcmp(name, "pkt_mark")) {
        match_set_pkt_mark_masked(match, v, m);
    } else if (!strcmp(name, "skb_priority")) {
        match_set_skb_priority(match, v);
    } else if (!strcmp(name, "recirc_id")) {
        match_set_recirc_id(match, v);
    } else if (!strcmp(name, "dp_hash")) {
        match_set_dp_hash_masked(match, v, m);
    } else if (!strcmp(name, "conj_id")) {
        match_set_conj_id(match, v);
    } else if (!strcmp(name, "ct_zone")) {
        match_set_ct_zone(match, v);
    } else if (!strcmp(name, "ct_mark")) {
        match_set_ct_mark_masked(match, v, m);
    } else if (!strcmp(name, "mpls_label")) {
        match_set_mpls_label(match, 0, htonl(v));
    } else if (!strcmp(name, "mpls_tc")) {
        match_set_mpls_tc(match, 0, v);
    } else if (!strcmp(name, "mpls_bos")) {
        match_set_mpls_bos(match, 0, v);
    } else if (!strcmp(name, "mpls_ttl")) {
        match_set_mpls_ttl(match, 0, v);
    }
    return NULL;
}

char *
match_parse(const char *s, const struct ofputil_port_map *port_map OVS_UNUSED,
            struct match *match, int *priority)
{
    const char *p = s;

    match_init_catchall(match);
    if (priority) {
        *priority = OFP_DEFAULT_PRIORITY;
    }
    for (;;) {
        char *name, *value, *error;
        size_t name_len, value_len;

        p += strspn(p, ", \t\r\n");
        if (!*p) {
            return NULL;
        }
        name_len = strcspn(p, "=:, \t\r\n");
        name = xmemdup0(p, name_len);
        p += name_len;
        if (*p == '=' || *p == ':') {
            p++;
            if (*p == '(') {
                /* A parenthesized value may contain commas. */
                const char *close = strchr(p, ')');

                value_len = close ? close - p + 1 : strlen(p);
            } else {
                value_len = strcspn(p, ", \t\r\n");
            }
            value = xmemdup0(p, value_len);
            p += value_len;
            error = parse_field(match, name, value, priority);
            free(value);
        } else if (parse_protocol(match, name)) {
            error = NULL;
        } else {
            error = xasprintf("field %s missing value", name);
        }
        free(name);
        if (error) {
            return error;
        }
    }
}

/* Prerequisites of fields in the exact flow syntax, which follows the
 * OXM/NXM field definitions: "tp_src" is TCP's, "icmp_type" is ICMPv4's,
 * "nw_src" is IPv4's. */
enum field_prereq {
    PREREQ_NONE,
    PREREQ_IPV4,
    PREREQ_IPV6,
    PREREQ_IP_ANY,
    PREREQ_ARP,
    PREREQ_TCP,
    PREREQ_UDP,
    PREREQ_SCTP,
    PREREQ_ICMPV4,
    PREREQ_ICMPV6,
    PREREQ_ND,
    PREREQ_ND_SOLICIT,
    PREREQ_ND_ADVERT,
    PREREQ_MPLS,
};

/* Returns the prerequisite of field 'name', or -1 if it is unknown. */
static int
field_prereq(const char *name)
{
    static const struct {
        const char *name;           /* Field name. */
        enum field_prereq prereq;   /* What it needs. */
    } fields[] = {
        { "in_port", PREREQ_NONE }, { "dl_src", PREREQ_NONE },
        { "eth_src", PREREQ_NONE }, { "dl_dst", PREREQ_NONE },
        { "eth_dst", PREREQ_NONE }, { "dl_type", PREREQ_NONE },
        { "eth_type", PREREQ_NONE }, { "dl_vlan", PREREQ_NONE },
        { "dl_vlan_pcp", PREREQ_NONE }, { "vlan_tci", PREREQ_NONE },
        { "metadata", PREREQ_NONE }, { "tun_id", PREREQ_NONE },
        { "tun_src", PREREQ_NONE }, { "tun_dst", PREREQ_NONE },
        { "pkt_mark", PREREQ_NONE }, { "skb_priority", PREREQ_NONE },
        { "recirc_id", PREREQ_NONE }, { "dp_hash", PREREQ_NONE },
        { "conj_id", PREREQ_NONE }, { "ct_state", PREREQ_NONE },
        { "ct_zone", PREREQ_NONE }, { "ct_mark", PREREQ_NONE },
        { "nw_src", PREREQ_IPV4 }, { "nw_dst", PREREQ_IPV4 },
        { "ip_src", PREREQ_IPV4 }, { "ip_dst", PREREQ_IPV4 },
        { "ipv6_src", PREREQ_IPV6 }, { "ipv6_dst", PREREQ_IPV6 },
        { "ipv6_label", PREREQ_IPV6 },
        { "nw_proto", PREREQ_IP_ANY }, { "ip_proto", PREREQ_IP_ANY },
        { "nw_tos", PREREQ_IP_ANY }, { "ip_dscp", PREREQ_IP_ANY },
        { "nw_ecn", PREREQ_IP_ANY }, { "ip_ecn", PREREQ_IP_ANY },
        { "nw_ttl", PREREQ_IP_ANY }, { "nw_frag", PREREQ_IP_ANY },
        { "ip_frag", PREREQ_IP_ANY },
        { "arp_op", PREREQ_ARP }, { "arp_spa", PREREQ_ARP },
        { "arp_tpa", PREREQ_ARP }, { "arp_sha", PREREQ_ARP },
        { "arp_tha", PREREQ_ARP },
        { "tp_src", PREREQ_TCP }, { "tp_dst", PREREQ_TCP },
        { "tcp_src", PREREQ_TCP }, { "tcp_dst", PREREQ_TCP },
        { "tcp_flags", PREREQ_TCP },
        { "udp_src", PREREQ_UDP }, { "udp_dst", PREREQ_UDP },
        { "sctp_src", PREREQ_SCTP }, { "sctp_dst", PREREQ_SCTP },
        { "icmp_type", PREREQ_ICMPV4 }, { "icmp_code", PREREQ_ICMPV4 },
        { "icmpv6_type", PREREQ_ICMPV6 }, { "icmpv6_code", PREREQ_ICMPV6 },
        { "nd_target", PREREQ_ND }, { "nd_sll", PREREQ_ND_SOLICIT },
        { "nd_tll", PREREQ_ND_ADVERT },
        { "mpls_label", PREREQ_MPLS }, { "mpls_tc", PREREQ_MPLS },
        { "mpls_bos", PREREQ_MPLS }, { "mpls_ttl", PREREQ_MPLS },
    };
    int reg;

    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        if (!strcmp(name, fields[i].name)) {
            return fields[i].prereq;
        }
    }
    if (sscanf(name, "reg%d", &reg) == 1 && reg >= 0 && reg < FLOW_N_REGS) {
        return PREREQ_NONE;
    }
    return -1;
}

/* True if 'flow' satisfies 'prereq'. */
static bool
prereq_ok(enum field_prereq prereq, const struct flow *flow)
{
    bool ipv4 = flow->dl_type == htons(ETH_TYPE_IP);
    bool ipv6 = flow->dl_type == htons(ETH_TYPE_IPV6);
    bool icmpv6 = ipv6 && flow->nw_proto == IPPROTO_ICMPV6;

    switch (prereq) {
    case PREREQ_NONE:
        return true;
    case PREREQ_IPV4:
        return ipv4;
    case PREREQ_IPV6:
        return ipv6;
    case PREREQ_IP_ANY:
        return ipv4 || ipv6;
    case PREREQ_ARP:
        return (flow->dl_type == htons(ETH_TYPE_ARP)
                || flow->dl_type == htons(ETH_TYPE_RARP));
    case PREREQ_TCP:
        return (ipv4 || ipv6) && flow->nw_proto == IPPROTO_TCP;
    case PREREQ_UDP:
        return (ipv4 || ipv6) && flow->nw_proto == IPPROTO_UDP;
    case PREREQ_SCTP:
        return (ipv4 || ipv6) && flow->nw_proto == IPPROTO_SCTP;
    case PREREQ_ICMPV4:
        return ipv4 && flow->nw_proto == IPPROTO_ICMP;
    case PREREQ_ICMPV6:
        return icmpv6;
    case PREREQ_ND:
        return (icmpv6 && !flow->tp_dst
                && (flow->tp_src == htons(ND_NEIGHBOR_SOLICIT)
                    || flow->tp_src == htons(ND_NEIGHBOR_ADVERT)));
    case PREREQ_ND_SOLICIT:
        return (icmpv6 && !flow->tp_dst
                && flow->tp_src == htons(ND_NEIGHBOR_SOLICIT));
    case PREREQ_ND_ADVERT:
        return (icmpv6 && !flow->tp_dst
                && flow->tp_src == htons(ND_NEIGHBOR_ADVERT));
    case PREREQ_MPLS:
        return eth_type_mpls(flow->dl_type);
    }
    return false;
}

/* True if 'value' of field 'name' would match only part of the field. */
static bool
value_has_wildcards(const char *name, const char *value)
{
    if (strchr(value, '/')) {
        return true;
    }
    if (!strcmp(name, "tcp_flags") || !strcmp(name, "ct_state")) {
        return value[0] == '+' || value[0] == '-';
    }
    if (!strcmp(name, "nw_frag") || !strcmp(name, "ip_frag")) {
        return !strcmp(value, "yes") || !strcmp(value, "not_later");
    }
    return false;
}

/* Returns the name upstream's field table gives the field that 'name' (an
 * alias, perhaps) designates, for error messages: "tp_src" is "tcp_src",
 * "dl_type" is "eth_type", and so on.  Other names are returned as is. */
static const char *
canonical_field_name(const char *name)
{
    static const char *const aliases[][2] = {
        { "dl_type", "eth_type" },
        { "ip_proto", "nw_proto" },
        { "ip_ecn", "nw_ecn" },
        { "tp_src", "tcp_src" },
        { "tp_dst", "tcp_dst" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(aliases); i++) {
        if (!strcmp(name, aliases[i][0])) {
            return aliases[i][1];
        }
    }
    return name;
}

/* Returns true if 'match' already matches some bit of the field called
 * 'name' (for the exact flow syntax, which allows each field once).  A
 * field's own bits count: dl_vlan and dl_vlan_pcp, or nw_tos and nw_ecn,
 * do not overlap. */
static bool
exact_field_is_set(const struct match *match, const char *name)
{
    const struct mf_field *mf = mf_from_name(name);

    return mf && !mf_is_all_wild(mf, &match->wc);
}

/* Returns true if 'name' is a protocol shorthand ("ip", "tcp6", ...). */
static bool
is_protocol_name(const char *name)
{
    struct match scratch;

    match_init_catchall(&scratch);
    return parse_protocol(&scratch, name);
}

char *
parse_ofp_exact_flow(struct flow *flow, struct flow_wildcards *wc,
                     const void *tun_table OVS_UNUSED, const char *s,
                     const struct ofputil_port_map *port_map)
{
    const char *p = s;
    struct match match;
    char *error = NULL;

    match_init_catchall(&match);
    for (;;) {
        size_t name_len, value_len;
        char *name, *value;
        int prereq;

        p += strspn(p, ", \t\r\n");
        if (!*p) {
            break;
        }
        name_len = strcspn(p, "=:, \t\r\n");
        name = xmemdup0(p, name_len);
        p += name_len;
        if (*p == '=' || *p == ':') {
            p++;
            if (*p == '(') {
                /* A parenthesized value may contain commas. */
                const char *close = strchr(p, ')');

                value_len = close ? close - p + 1 : strlen(p);
            } else {
                value_len = strcspn(p, ", \t\r\n");
            }
            value = xmemdup0(p, value_len);
            p += value_len;

            prereq = field_prereq(name);
            if (prereq < 0) {
                error = xasprintf("unknown field %s", name);
            } else if (!prereq_ok(prereq, &match.flow)) {
                error = xasprintf("prerequisites not met for setting %s",
                                  name);
            } else if (exact_field_is_set(&match, name)) {
                error = xasprintf("field %s set multiple times", name);
            } else if (value_has_wildcards(name, value)) {
                error = xasprintf("bad value for %s (%s: wildcards not "
                                  "allowed here)", name, value);
            } else {
                ofp_port_t port;
                char *inner = NULL;

                if (!strcmp(name, "in_port") && port_map
                    && ofputil_port_from_string(value, port_map, &port)) {
                    /* A port name of the bridge. */
                    match_set_in_port(&match, port);
                } else {
                    inner = parse_field(&match, canonical_field_name(name),
                                        value, NULL);
                }
                if (inner) {
                    error = xasprintf("bad value for %s (%s)", name, inner);
                    free(inner);
                }
            }
            free(value);
        } else if (!strcmp(name, "eth")) {
            /* The exact syntax has no packet types. */
            error = xasprintf("unknown field %s", name);
        } else if (match.wc.masks.dl_type) {
            error = (field_prereq(name) < 0 && !is_protocol_name(name)
                     ? xasprintf("unknown field %s", name)
                     : xstrdup("Ethernet type set multiple times"));
        } else if (!parse_protocol(&match, name)) {
            error = xasprintf("unknown field %s", name);
        }
        free(name);
        if (error) {
            char *full = xasprintf("%s: %s", s, error);

            free(error);
            memset(flow, 0, sizeof *flow);
            return full;
        }
    }
    *flow = match.flow;
    if (wc) {
        *wc = match.wc;
    }
    return NULL;
}
