/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Meta-flow: generic access to the fields of struct flow and struct match,
 * driven by the table generated from lib/meta-flow.fields.
 *
 * Most fields are plain members of struct flow ("generic" fields: the
 * table says where, and whether the member is in network or host byte
 * order); the others ("special" fields: VLAN and MPLS views, DSCP/ECN
 * parts of nw_tos, ICMP type/code in tp_src/tp_dst, ports, registers
 * grouped as xreg/xxreg...) have code here. */

#include <config.h>
#include "openvswitch/meta-flow.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "match.h"
#include "nx-match.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/vlog.h"
#include "packets.h"

VLOG_DEFINE_THIS_MODULE(meta_flow);

/* How struct flow holds a field. */
enum mf_access_kind {
    MFA_SPECIAL,                /* Code in this file. */
    MFA_BE,                     /* Member bytes are the value. */
    MFA_H32,                    /* Host-order uint32_t member. */
    MFA_H16,                    /* Host-order uint16_t member. */
    MFA_U8,                     /* One-byte member. */
};

/* Where struct flow holds a generic field. */
struct mf_access {
    enum mf_access_kind kind;   /* How. */
    size_t ofs;                 /* Offset of the member in struct flow. */
    size_t size;                /* Size of the member. */
};

/* A name of a field, for lookup. */
struct mf_name_entry {
    const char *name;           /* Field name or alternate name. */
    enum mf_field_id id;        /* The field. */
};

#include "meta-flow.inc"

/* ct_state bits. */
#define MF_CS_NEW 0x01
#define MF_CS_ESTABLISHED 0x02
#define MF_CS_RELATED 0x04
#define MF_CS_REPLY_DIR 0x08
#define MF_CS_INVALID 0x10
#define MF_CS_TRACKED 0x20
#define MF_CS_SRC_NAT 0x40
#define MF_CS_DST_NAT 0x80
#define MF_CS_SUPPORTED_MASK 0xff

/* The public tunnel flags (only "oam" so far). */
#define MF_TNL_PUB_F_MASK FLOW_TNL_F_OAM

/* Converts OpenFlow 1.0 port 'port' to OpenFlow 1.1 numbering. */
static ovs_be32
mf_port_to_ofp11(ofp_port_t port)
{
    return ofputil_port_to_ofp11(port);
}

/* Converts OpenFlow 1.1 port 'ofp11_port' to OpenFlow 1.0 numbering in
 * '*port'.  Returns false (and logs) if it has no OpenFlow 1.0
 * equivalent. */
static bool
mf_port_from_ofp11(ovs_be32 ofp11_port, ofp_port_t *port)
{
    return !ofputil_port_from_ofp11(ofp11_port, port);
}

/* Name lookup. */

static int
mf_name_compare(const void *key_, const void *entry_)
{
    const struct mf_name_entry *key = key_;
    const struct mf_name_entry *entry = entry_;

    return strcmp(key->name, entry->name);
}

/* Returns the field named 'name' (a field name or alternate name, not an
 * NXM/OXM name), or NULL. */
const struct mf_field *
mf_from_name(const char *name)
{
    struct mf_name_entry key = { .name = name };
    const struct mf_name_entry *e;

    e = bsearch(&key, mf_names, ARRAY_SIZE(mf_names), sizeof mf_names[0],
                mf_name_compare);
    return e ? &mf_fields[e->id] : NULL;
}

/* Returns the field whose name is the 'len' bytes at 'name', or NULL. */
const struct mf_field *
mf_from_name_len(const char *name, size_t len)
{
    char *s = xmemdup0(name, len);
    const struct mf_field *mf = mf_from_name(s);

    free(s);
    return mf;
}

/* Generic access helpers. */

static const struct mf_access *
mf_generic(const struct mf_field *mf)
{
    const struct mf_access *a = &mf_access[mf->id];

    return a->kind == MFA_SPECIAL ? NULL : a;
}

/* Reads generic field 'a' of '*flow' (a flow or a mask) into 'value'. */
static void
generic_read(const struct mf_field *mf, const struct mf_access *a,
             const struct flow *flow, union mf_value *value)
{
    const uint8_t *p = (const uint8_t *) flow + a->ofs;

    switch (a->kind) {
    case MFA_BE:
        memcpy(value->b, p, mf->n_bytes);
        break;
    case MFA_H32: {
        uint32_t x;

        memcpy(&x, p, 4);
        value->be32 = htonl(x);
        break;
    }
    case MFA_H16: {
        uint16_t x;

        memcpy(&x, p, 2);
        value->be16 = htons(x);
        break;
    }
    case MFA_U8:
        value->u8 = *p;
        break;
    case MFA_SPECIAL:
    default:
        OVS_NOT_REACHED();
    }
}

/* Writes 'value' into generic field 'a' of '*flow'. */
static void
generic_write(const struct mf_field *mf, const struct mf_access *a,
              const union mf_value *value, struct flow *flow)
{
    uint8_t *p = (uint8_t *) flow + a->ofs;

    switch (a->kind) {
    case MFA_BE:
        memcpy(p, value->b, mf->n_bytes);
        break;
    case MFA_H32: {
        uint32_t x = ntohl(value->be32);

        memcpy(p, &x, 4);
        break;
    }
    case MFA_H16: {
        uint16_t x = ntohs(value->be16);

        memcpy(p, &x, 2);
        break;
    }
    case MFA_U8:
        *p = value->u8;
        break;
    case MFA_SPECIAL:
    default:
        OVS_NOT_REACHED();
    }
}

static bool
bytes_all(const uint8_t *p, size_t n, uint8_t byte)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != byte) {
            return false;
        }
    }
    return true;
}

static bool
is_all_zeros(const void *p, size_t n)
{
    return bytes_all(p, n, 0);
}

static bool
is_all_ones(const void *p, size_t n)
{
    return bytes_all(p, n, 0xff);
}

/* 128-bit values: ovs_u128 in host order <-> 16 bytes in network order. */
static void
u128_to_be(const ovs_u128 *x, uint8_t b[16])
{
    uint64_t hi = htobe64(x->u64.hi), lo = htobe64(x->u64.lo);

    memcpy(b, &hi, 8);
    memcpy(b + 8, &lo, 8);
}

static ovs_u128
u128_from_be(const uint8_t b[16])
{
    uint64_t hi, lo;
    ovs_u128 x;

    memcpy(&hi, b, 8);
    memcpy(&lo, b + 8, 8);
    x.u64.hi = be64toh(hi);
    x.u64.lo = be64toh(lo);
    return x;
}

/* Reads registers 'first'..'first + n - 1' of 'regs' as one big-endian
 * value into 'b' (4 * n bytes). */
static void
regs_read(const uint32_t *regs, int first, int n, uint8_t *b)
{
    for (int i = 0; i < n; i++) {
        ovs_be32 x = htonl(regs[first + i]);

        memcpy(b + 4 * i, &x, 4);
    }
}

static void
regs_write(uint32_t *regs, int first, int n, const uint8_t *b)
{
    for (int i = 0; i < n; i++) {
        ovs_be32 x;

        memcpy(&x, b + 4 * i, 4);
        regs[first + i] = ntohl(x);
    }
}

/* Reading values. */

/* Reads the value of 'mf' in 'flow' into 'value' (the first mf->n_bytes
 * bytes; the rest is zeroed). */
void
mf_get_value(const struct mf_field *mf, const struct flow *flow,
             union mf_value *value)
{
    const struct mf_access *a = mf_generic(mf);
    ovs_be16 tci = flow->vlans[0].tci;
    uint32_t lse = ntohl(flow->mpls_lse[0]);

    memset(value, 0, sizeof *value);
    if (a) {
        generic_read(mf, a, flow, value);
        return;
    }

    switch (mf->id) {
    case MFF_TUN_FLAGS:
        value->be16 = htons(flow->tunnel.flags & MF_TNL_PUB_F_MASK);
        break;
    case MFF_IN_PORT:
        value->be16 = htons(ofp_to_u16(flow->in_port.ofp_port));
        break;
    case MFF_IN_PORT_OXM:
        value->be32 = mf_port_to_ofp11(flow->in_port.ofp_port);
        break;
    case MFF_ACTSET_OUTPUT:
        value->be32 = mf_port_to_ofp11(flow->actset_output);
        break;
    case MFF_CT_STATE:
        value->be32 = htonl(flow->ct_state);
        break;
    case MFF_CT_LABEL:
        u128_to_be(&flow->ct_label, value->b);
        break;
    case MFF_XREG0: case MFF_XREG1: case MFF_XREG2: case MFF_XREG3:
    case MFF_XREG4: case MFF_XREG5: case MFF_XREG6: case MFF_XREG7:
        regs_read(flow->regs, 2 * (mf->id - MFF_XREG0), 2, value->b);
        break;
    case MFF_XXREG0: case MFF_XXREG1: case MFF_XXREG2: case MFF_XXREG3:
        regs_read(flow->regs, 4 * (mf->id - MFF_XXREG0), 4, value->b);
        break;
    case MFF_VLAN_TCI:
        value->be16 = tci;
        break;
    case MFF_DL_VLAN:
        value->be16 = tci & htons(VLAN_VID_MASK);
        break;
    case MFF_VLAN_VID:
        value->be16 = tci & htons(VLAN_VID_MASK | VLAN_CFI);
        break;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        value->u8 = vlan_tci_to_pcp(tci);
        break;
    case MFF_MPLS_LABEL:
        value->be32 = htonl((lse & MPLS_LABEL_MASK) >> MPLS_LABEL_SHIFT);
        break;
    case MFF_MPLS_TC:
        value->u8 = (lse & MPLS_TC_MASK) >> MPLS_TC_SHIFT;
        break;
    case MFF_MPLS_BOS:
        value->u8 = (lse & MPLS_BOS_MASK) >> MPLS_BOS_SHIFT;
        break;
    case MFF_MPLS_TTL:
        value->u8 = (lse & MPLS_TTL_MASK) >> MPLS_TTL_SHIFT;
        break;
    case MFF_IP_DSCP:
        value->u8 = flow->nw_tos & IP_DSCP_MASK;
        break;
    case MFF_IP_DSCP_SHIFTED:
        value->u8 = flow->nw_tos >> 2;
        break;
    case MFF_IP_ECN:
        value->u8 = flow->nw_tos & IP_ECN_MASK;
        break;
    case MFF_IP_FRAG:
        value->u8 = flow->nw_frag & FLOW_NW_FRAG_MASK;
        break;
    case MFF_ARP_OP:
        value->be16 = htons(flow->nw_proto);
        break;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        value->u8 = ntohs(flow->tp_src);
        break;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        value->u8 = ntohs(flow->tp_dst);
        break;
    case MFF_ND_OPTIONS_TYPE:
        /* Kept in the low byte of tcp_flags. */
        value->u8 = ntohs(flow->tcp_flags);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

/* Reads the mask of 'mf' in 'wc' into 'mask'. */
void
mf_get_mask(const struct mf_field *mf, const struct flow_wildcards *wc,
            union mf_value *mask)
{
    const struct mf_access *a = mf_generic(mf);
    const struct flow *m = &wc->masks;

    if (a) {
        memset(mask, 0, sizeof *mask);
        generic_read(mf, a, m, mask);
        return;
    }

    switch (mf->id) {
    case MFF_VLAN_VID:
        memset(mask, 0, sizeof *mask);
        mask->be16 = m->vlans[0].tci & htons(VLAN_VID_MASK | VLAN_CFI);
        break;
    case MFF_MPLS_LABEL:
        memset(mask, 0, sizeof *mask);
        mask->be32 = htonl((ntohl(m->mpls_lse[0]) & MPLS_LABEL_MASK)
                           >> MPLS_LABEL_SHIFT);
        break;
    default:
        /* The masks' own view of the field is its mask. */
        mf_get_value(mf, m, mask);
        break;
    }
}

/* Returns true if no bit of 'mf' is matched by 'wc'. */
bool
mf_is_all_wild(const struct mf_field *mf, const struct flow_wildcards *wc)
{
    const struct mf_access *a = mf_generic(mf);
    union mf_value mask;

    if (a) {
        /* Fast path: the member's own bytes are zero or not, whatever
         * their byte order (this runs for every field of every flow that
         * a dump encodes). */
        size_t n = (a->kind == MFA_BE ? mf->n_bytes
                    : a->kind == MFA_H32 ? 4
                    : a->kind == MFA_H16 ? 2
                    : 1);

        return is_all_zeros((const uint8_t *) &wc->masks + a->ofs, n);
    }
    mf_get_mask(mf, wc, &mask);
    return is_all_zeros(&mask, mf->n_bytes);
}

/* Returns true if 'mask' is a valid mask for 'mf': any mask for a fully
 * maskable field, otherwise all-zeros or all-ones. */
bool
mf_is_mask_valid(const struct mf_field *mf, const union mf_value *mask)
{
    switch (mf->maskable) {
    case MFM_NONE:
        return (is_all_zeros(mask, mf->n_bytes)
                || is_all_ones(mask, mf->n_bytes));
    case MFM_FULLY:
        return true;
    default:
        OVS_NOT_REACHED();
    }
}

/* Prerequisites. */

static bool
is_ethernet(const struct flow *flow, struct flow_wildcards *wc)
{
    if (wc) {
        WC_MASK_FIELD(wc, packet_type);
    }
    return flow->packet_type == htonl(0);
}

static bool
is_dl_type(const struct flow *flow, struct flow_wildcards *wc,
           uint16_t type1, uint16_t type2)
{
    if (wc) {
        WC_MASK_FIELD(wc, dl_type);
    }
    return flow->dl_type == htons(type1) || flow->dl_type == htons(type2);
}

static bool
is_ip_proto(const struct flow *flow, struct flow_wildcards *wc,
            uint16_t dl_type1, uint16_t dl_type2, uint8_t proto)
{
    if (!is_dl_type(flow, wc, dl_type1, dl_type2)) {
        return false;
    }
    if (wc) {
        WC_MASK_FIELD(wc, nw_proto);
    }
    return flow->nw_proto == proto;
}

static bool
is_nd(const struct flow *flow, struct flow_wildcards *wc, int type)
{
    if (!is_ip_proto(flow, wc, ETH_TYPE_IPV6, ETH_TYPE_IPV6,
                     IPPROTO_ICMPV6)) {
        return false;
    }
    if (wc) {
        wc->masks.tp_src |= htons(0xff);
        wc->masks.tp_dst |= htons(0xff);
    }
    if (flow->tp_dst != htons(0)) {
        return false;
    }
    return (type
            ? flow->tp_src == htons(type)
            : (flow->tp_src == htons(135) || flow->tp_src == htons(136)));
}

/* Returns true if 'flow' (with 'mask' the match's mask, or NULL for a
 * packet's flow) has a valid connection tracking state. */
static bool
is_ct_valid(const struct flow *flow, const struct flow_wildcards *mask,
            struct flow_wildcards *wc)
{
    if (mask && !wc) {
        /* A match: one of the bits that imply a valid entry must be set,
         * or "+trk-inv" must be matched. */
        return ((flow->ct_state & (MF_CS_NEW | MF_CS_ESTABLISHED
                                   | MF_CS_RELATED | MF_CS_REPLY_DIR
                                   | MF_CS_SRC_NAT | MF_CS_DST_NAT))
                || ((flow->ct_state & MF_CS_TRACKED)
                    && (mask->masks.ct_state & MF_CS_INVALID)
                    && !(flow->ct_state & MF_CS_INVALID)));
    }
    if (wc) {
        wc->masks.ct_state |= MF_CS_NEW | MF_CS_ESTABLISHED
                              | MF_CS_REPLY_DIR;
    }
    return (flow->ct_state & (MF_CS_NEW | MF_CS_ESTABLISHED
                              | MF_CS_REPLY_DIR)) != 0;
}

static bool
prereqs_ok__(const struct mf_field *mf, const struct flow *flow,
             const struct flow_wildcards *mask, struct flow_wildcards *wc)
{
    switch (mf->prereqs) {
    case MFP_NONE:
        return true;
    case MFP_ETHERNET:
        return is_ethernet(flow, wc);
    case MFP_ARP:
        return is_dl_type(flow, wc, ETH_TYPE_ARP, ETH_TYPE_RARP);
    case MFP_IPV4:
        return is_dl_type(flow, wc, ETH_TYPE_IP, ETH_TYPE_IP);
    case MFP_IPV6:
        return is_dl_type(flow, wc, ETH_TYPE_IPV6, ETH_TYPE_IPV6);
    case MFP_IP_ANY:
        return is_dl_type(flow, wc, ETH_TYPE_IP, ETH_TYPE_IPV6);
    case MFP_VLAN_VID:
        if (wc) {
            wc->masks.vlans[0].tci |= htons(VLAN_CFI);
        }
        return is_ethernet(flow, wc)
               && (flow->vlans[0].tci & htons(VLAN_CFI)) != 0;
    case MFP_MPLS:
        return is_dl_type(flow, wc, ETH_TYPE_MPLS, ETH_TYPE_MPLS_MCAST);
    case MFP_TCP:
        return is_ip_proto(flow, wc, ETH_TYPE_IP, ETH_TYPE_IPV6,
                           IPPROTO_TCP);
    case MFP_UDP:
        return is_ip_proto(flow, wc, ETH_TYPE_IP, ETH_TYPE_IPV6,
                           IPPROTO_UDP);
    case MFP_SCTP:
        return is_ip_proto(flow, wc, ETH_TYPE_IP, ETH_TYPE_IPV6,
                           IPPROTO_SCTP);
    case MFP_ICMPV4:
        return is_ip_proto(flow, wc, ETH_TYPE_IP, ETH_TYPE_IP,
                           IPPROTO_ICMP);
    case MFP_ICMPV6:
        return is_ip_proto(flow, wc, ETH_TYPE_IPV6, ETH_TYPE_IPV6,
                           IPPROTO_ICMPV6);
    case MFP_CT_VALID:
        return is_ct_valid(flow, mask, wc);
    case MFP_ND:
        return is_nd(flow, wc, 0);
    case MFP_ND_SOLICIT:
        return is_nd(flow, wc, 135);
    case MFP_ND_ADVERT:
        return is_nd(flow, wc, 136);
    default:
        OVS_NOT_REACHED();
    }
}

/* Returns true if 'flow' meets the prerequisites of 'mf'.  If 'wc' is
 * nonnull, marks in it the bits that were examined. */
bool
mf_are_prereqs_ok(const struct mf_field *mf, const struct flow *flow,
                  struct flow_wildcards *wc)
{
    return prereqs_ok__(mf, flow, NULL, wc);
}

/* Returns true if 'match' meets the prerequisites of 'mf' (the fields the
 * prerequisites need must be matched; the flow's values of wildcarded
 * fields are zero, so that comes for free). */
bool
mf_are_match_prereqs_ok(const struct mf_field *mf, const struct match *match)
{
    return prereqs_ok__(mf, &match->flow, &match->wc, NULL);
}

/* Marks in 'wc' the fields that 'mf''s prerequisites need, given that
 * 'flow' meets them. */
void
mf_set_mask_l3_prereqs(const struct mf_field *mf, const struct flow *flow,
                       struct flow_wildcards *wc)
{
    if (is_ip_any(flow)
        || flow->dl_type == htons(ETH_TYPE_ARP)
        || flow->dl_type == htons(ETH_TYPE_RARP)) {
        prereqs_ok__(mf, flow, NULL, wc);
    }
}

/* Marks 'mf' and the fields its prerequisites consult in 'wc'. */
void
mf_mask_field_and_prereqs(const struct mf_field *mf, struct flow_wildcards *wc)
{
    mf_mask_field(mf, wc);
    switch (mf->prereqs) {
    case MFP_ND:
    case MFP_ND_SOLICIT:
    case MFP_ND_ADVERT:
        WC_MASK_FIELD(wc, tp_src);
        WC_MASK_FIELD(wc, tp_dst);
        /* Fall through. */
    case MFP_TCP:
    case MFP_UDP:
    case MFP_SCTP:
    case MFP_ICMPV4:
    case MFP_ICMPV6:
        WC_MASK_FIELD(wc, nw_proto);
        /* Fall through. */
    case MFP_ARP:
    case MFP_IPV4:
    case MFP_IPV6:
    case MFP_MPLS:
    case MFP_IP_ANY:
        WC_MASK_FIELD(wc, dl_type);
        /* Fall through. */
    case MFP_ETHERNET:
        WC_MASK_FIELD(wc, packet_type);
        break;
    case MFP_VLAN_VID:
        wc->masks.vlans[0].tci |= htons(VLAN_CFI);
        WC_MASK_FIELD(wc, packet_type);
        break;
    case MFP_CT_VALID:
        wc->masks.ct_state |= MF_CS_NEW | MF_CS_ESTABLISHED
                              | MF_CS_REPLY_DIR;
        break;
    case MFP_NONE:
        break;
    }
}

/* Adds 'mf' and the fields of its prerequisites to 'bm'. */
void
mf_bitmap_set_field_and_prereqs(const struct mf_field *mf,
                                struct mf_bitmap *bm)
{
    mf_bitmap_set(bm, mf->id);
    switch (mf->prereqs) {
    case MFP_ND:
    case MFP_ND_SOLICIT:
    case MFP_ND_ADVERT:
        mf_bitmap_set(bm, MFF_ICMPV6_TYPE);
        mf_bitmap_set(bm, MFF_ICMPV6_CODE);
        /* Fall through. */
    case MFP_TCP:
    case MFP_UDP:
    case MFP_SCTP:
    case MFP_ICMPV4:
    case MFP_ICMPV6:
        mf_bitmap_set(bm, MFF_IP_PROTO);
        /* Fall through. */
    case MFP_ARP:
    case MFP_IPV4:
    case MFP_IPV6:
    case MFP_MPLS:
    case MFP_IP_ANY:
        mf_bitmap_set(bm, MFF_ETH_TYPE);
        break;
    case MFP_VLAN_VID:
        mf_bitmap_set(bm, MFF_VLAN_VID);
        break;
    case MFP_CT_VALID:
        mf_bitmap_set(bm, MFF_CT_STATE);
        break;
    case MFP_ETHERNET:
        mf_bitmap_set(bm, MFF_PACKET_TYPE);
        break;
    case MFP_NONE:
        break;
    }
}

/* Values. */

/* Returns true if 'value' is a valid value for 'mf' (e.g. a VLAN ID fits
 * in 12 bits). */
bool
mf_is_value_valid(const struct mf_field *mf, const union mf_value *value)
{
    switch (mf->id) {
    case MFF_IN_PORT_OXM: {
        ofp_port_t port;

        return mf_port_from_ofp11(value->be32, &port);
    }
    case MFF_TUN_FLAGS:
        return !(value->be16 & ~htons(MF_TNL_PUB_F_MASK));
    case MFF_CT_STATE:
        return !(value->be32 & ~htonl(MF_CS_SUPPORTED_MASK));
    case MFF_IP_DSCP:
        return !(value->u8 & ~IP_DSCP_MASK);
    case MFF_IP_DSCP_SHIFTED:
        return !(value->u8 & (~IP_DSCP_MASK >> 2));
    case MFF_IP_ECN:
        return !(value->u8 & ~IP_ECN_MASK);
    case MFF_IP_FRAG:
        return !(value->u8 & ~FLOW_NW_FRAG_MASK);
    case MFF_TCP_FLAGS:
        return !(value->be16 & ~htons(0x0fff));
    case MFF_ARP_OP:
        return !(value->be16 & htons(0xff00));
    case MFF_DL_VLAN:
        return !(value->be16 & htons(VLAN_CFI | VLAN_PCP_MASK));
    case MFF_VLAN_VID:
        return !(value->be16 & htons(VLAN_PCP_MASK));
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        return !(value->u8 & ~(VLAN_PCP_MASK >> VLAN_PCP_SHIFT));
    case MFF_IPV6_LABEL:
        return !(value->be32 & ~htonl(IPV6_LABEL_MASK));
    case MFF_MPLS_LABEL:
        return !(value->be32 & ~htonl(MPLS_LABEL_MASK >> MPLS_LABEL_SHIFT));
    case MFF_MPLS_TC:
        return !(value->u8 & ~(MPLS_TC_MASK >> MPLS_TC_SHIFT));
    case MFF_MPLS_BOS:
        return !(value->u8 & ~(MPLS_BOS_MASK >> MPLS_BOS_SHIFT));
    default:
        return true;
    }
}

/* Sets 'mf' in 'flow' to 'value'. */
void
mf_set_flow_value(const struct mf_field *mf, const union mf_value *value,
                  struct flow *flow)
{
    const struct mf_access *a = mf_generic(mf);
    uint32_t lse = ntohl(flow->mpls_lse[0]);
    ofp_port_t port;

    if (a) {
        generic_write(mf, a, value, flow);
        return;
    }

    switch (mf->id) {
    case MFF_TUN_FLAGS:
        flow->tunnel.flags = ((flow->tunnel.flags & ~MF_TNL_PUB_F_MASK)
                              | (ntohs(value->be16) & MF_TNL_PUB_F_MASK));
        break;
    case MFF_IN_PORT:
        flow->in_port.ofp_port = u16_to_ofp(ntohs(value->be16));
        break;
    case MFF_IN_PORT_OXM:
        if (mf_port_from_ofp11(value->be32, &port)) {
            flow->in_port.ofp_port = port;
        } else {
            flow->in_port.ofp_port = OFPP_NONE;
        }
        break;
    case MFF_ACTSET_OUTPUT:
        if (mf_port_from_ofp11(value->be32, &port)) {
            flow->actset_output = port;
        } else {
            flow->actset_output = OFPP_NONE;
        }
        break;
    case MFF_CT_STATE:
        flow->ct_state = ntohl(value->be32);
        break;
    case MFF_CT_LABEL:
        flow->ct_label = u128_from_be(value->b);
        break;
    case MFF_XREG0: case MFF_XREG1: case MFF_XREG2: case MFF_XREG3:
    case MFF_XREG4: case MFF_XREG5: case MFF_XREG6: case MFF_XREG7:
        regs_write(flow->regs, 2 * (mf->id - MFF_XREG0), 2, value->b);
        break;
    case MFF_XXREG0: case MFF_XXREG1: case MFF_XXREG2: case MFF_XXREG3:
        regs_write(flow->regs, 4 * (mf->id - MFF_XXREG0), 4, value->b);
        break;
    case MFF_VLAN_TCI:
        flow->vlans[0].tci = value->be16;
        break;
    case MFF_DL_VLAN:
        if (value->be16 == htons(0xffff)) {
            flow->vlans[0].tci = htons(0);
        } else {
            flow->vlans[0].tci &= ~htons(VLAN_VID_MASK);
            flow->vlans[0].tci |= ((value->be16 & htons(VLAN_VID_MASK))
                                   | htons(VLAN_CFI));
        }
        break;
    case MFF_VLAN_VID:
        flow->vlans[0].tci &= ~htons(VLAN_VID_MASK | VLAN_CFI);
        flow->vlans[0].tci |= value->be16 & htons(VLAN_VID_MASK | VLAN_CFI);
        break;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        flow->vlans[0].tci &= ~htons(VLAN_PCP_MASK);
        flow->vlans[0].tci |= htons(((value->u8 & 7) << VLAN_PCP_SHIFT)
                                    | VLAN_CFI);
        break;
    case MFF_MPLS_LABEL:
        lse &= ~MPLS_LABEL_MASK;
        lse |= (ntohl(value->be32) << MPLS_LABEL_SHIFT) & MPLS_LABEL_MASK;
        flow->mpls_lse[0] = htonl(lse);
        break;
    case MFF_MPLS_TC:
        lse &= ~MPLS_TC_MASK;
        lse |= ((uint32_t) value->u8 << MPLS_TC_SHIFT) & MPLS_TC_MASK;
        flow->mpls_lse[0] = htonl(lse);
        break;
    case MFF_MPLS_BOS:
        lse &= ~MPLS_BOS_MASK;
        lse |= ((uint32_t) value->u8 << MPLS_BOS_SHIFT) & MPLS_BOS_MASK;
        flow->mpls_lse[0] = htonl(lse);
        break;
    case MFF_MPLS_TTL:
        lse &= ~MPLS_TTL_MASK;
        lse |= ((uint32_t) value->u8 << MPLS_TTL_SHIFT) & MPLS_TTL_MASK;
        flow->mpls_lse[0] = htonl(lse);
        break;
    case MFF_IP_DSCP:
        flow->nw_tos = (flow->nw_tos & ~IP_DSCP_MASK)
                       | (value->u8 & IP_DSCP_MASK);
        break;
    case MFF_IP_DSCP_SHIFTED:
        flow->nw_tos = (flow->nw_tos & ~IP_DSCP_MASK)
                       | ((value->u8 << 2) & IP_DSCP_MASK);
        break;
    case MFF_IP_ECN:
        flow->nw_tos = (flow->nw_tos & ~IP_ECN_MASK)
                       | (value->u8 & IP_ECN_MASK);
        break;
    case MFF_IP_FRAG:
        flow->nw_frag = value->u8 & FLOW_NW_FRAG_MASK;
        break;
    case MFF_ARP_OP:
        flow->nw_proto = ntohs(value->be16);
        break;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        flow->tp_src = htons(value->u8);
        break;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        flow->tp_dst = htons(value->u8);
        break;
    case MFF_ND_OPTIONS_TYPE:
        flow->tcp_flags = htons(value->u8);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

/* Sets the bits of 'mf' in 'flow' that are 1 in 'mask' to those of
 * 'value'. */
void
mf_set_flow_value_masked(const struct mf_field *mf,
                         const union mf_value *value,
                         const union mf_value *mask, struct flow *flow)
{
    union mf_value tmp;

    mf_get_value(mf, flow, &tmp);
    for (size_t i = 0; i < mf->n_bytes; i++) {
        tmp.b[i] = (tmp.b[i] & ~mask->b[i]) | (value->b[i] & mask->b[i]);
    }
    mf_set_flow_value(mf, &tmp, flow);
}

/* Returns false: tunnel metadata fields are not supported. */
bool
mf_is_tun_metadata(const struct mf_field *mf OVS_UNUSED)
{
    return false;
}

/* Returns true if 'mf' is saved along with the flow when translation is
 * frozen (tunnel, metadata, registers, input port). */
bool
mf_is_frozen_metadata(const struct mf_field *mf)
{
    if (mf->id >= MFF_TUN_ID && mf->id <= MFF_IN_PORT_OXM) {
        return true;
    }
    return mf->id >= MFF_REG0 && mf->id <= MFF_XXREG3;
}

/* Returns true if 'mf' is a pipeline field, one that packet-in and resume
 * messages carry (tunnel, metadata, registers, input port, packet mark,
 * conntrack). */
bool
mf_is_pipeline_field(const struct mf_field *mf)
{
    switch (mf->id) {
    case MFF_TUN_ID: case MFF_TUN_SRC: case MFF_TUN_DST:
    case MFF_TUN_IPV6_SRC: case MFF_TUN_IPV6_DST: case MFF_TUN_FLAGS:
    case MFF_TUN_TTL: case MFF_TUN_TOS: case MFF_TUN_GBP_ID:
    case MFF_TUN_GBP_FLAGS: case MFF_METADATA: case MFF_IN_PORT:
    case MFF_IN_PORT_OXM: case MFF_PKT_MARK: case MFF_CT_STATE:
    case MFF_CT_ZONE: case MFF_CT_MARK: case MFF_CT_LABEL:
    case MFF_CT_NW_PROTO: case MFF_CT_NW_SRC: case MFF_CT_NW_DST:
    case MFF_CT_IPV6_SRC: case MFF_CT_IPV6_DST: case MFF_CT_TP_SRC:
    case MFF_CT_TP_DST:
        return true;
    default:
        return mf->id >= MFF_REG0 && mf->id <= MFF_XXREG3;
    }
}

/* Returns true if the value of 'mf' in 'flow' is nonzero. */
bool
mf_is_set(const struct mf_field *mf, const struct flow *flow)
{
    union mf_value value;

    mf_get_value(mf, flow, &value);
    return !is_all_zeros(&value, mf->n_bytes);
}

/* Masks. */

/* Sets the mask of 'mf' in 'wc' to 'mask' (replacing it). */
static void
set_mask(const struct mf_field *mf, const union mf_value *mask,
         struct flow_wildcards *wc)
{
    struct flow *m = &wc->masks;
    const struct mf_access *a = mf_generic(mf);

    if (a) {
        generic_write(mf, a, mask, m);
        return;
    }

    switch (mf->id) {
    case MFF_TUN_FLAGS:
        m->tunnel.flags = ntohs(mask->be16) & MF_TNL_PUB_F_MASK;
        break;
    case MFF_IN_PORT:
    case MFF_IN_PORT_OXM:
        m->in_port.ofp_port = is_all_zeros(mask, mf->n_bytes) ? 0 : UINT16_MAX;
        break;
    case MFF_ACTSET_OUTPUT:
        m->actset_output = is_all_zeros(mask, mf->n_bytes) ? 0 : UINT16_MAX;
        break;
    case MFF_CT_STATE:
        m->ct_state = ntohl(mask->be32);
        break;
    case MFF_CT_LABEL:
        m->ct_label = u128_from_be(mask->b);
        break;
    case MFF_XREG0: case MFF_XREG1: case MFF_XREG2: case MFF_XREG3:
    case MFF_XREG4: case MFF_XREG5: case MFF_XREG6: case MFF_XREG7:
        regs_write(m->regs, 2 * (mf->id - MFF_XREG0), 2, mask->b);
        break;
    case MFF_XXREG0: case MFF_XXREG1: case MFF_XXREG2: case MFF_XXREG3:
        regs_write(m->regs, 4 * (mf->id - MFF_XXREG0), 4, mask->b);
        break;
    case MFF_VLAN_TCI:
        m->vlans[0].tci = mask->be16;
        break;
    case MFF_DL_VLAN:
        m->vlans[0].tci &= ~htons(VLAN_VID_MASK | VLAN_CFI);
        if (mask->be16) {
            m->vlans[0].tci |= htons(VLAN_VID_MASK | VLAN_CFI);
        }
        break;
    case MFF_VLAN_VID:
        m->vlans[0].tci &= ~htons(VLAN_VID_MASK | VLAN_CFI);
        m->vlans[0].tci |= mask->be16 & htons(VLAN_VID_MASK | VLAN_CFI);
        break;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        m->vlans[0].tci &= ~htons(VLAN_PCP_MASK);
        if (mask->u8) {
            m->vlans[0].tci |= htons(VLAN_PCP_MASK | VLAN_CFI);
        }
        break;
    case MFF_MPLS_LABEL:
    case MFF_MPLS_TC:
    case MFF_MPLS_BOS:
    case MFF_MPLS_TTL: {
        union mf_value all;

        memset(&all, 0xff, sizeof all);
        /* Writes the mask bits into the masks' LSE. */
        mf_set_flow_value_masked(mf, mask, &all, m);
        break;
    }
    case MFF_IP_DSCP:
        m->nw_tos = (m->nw_tos & ~IP_DSCP_MASK) | (mask->u8 ? IP_DSCP_MASK
                                                   : 0);
        break;
    case MFF_IP_DSCP_SHIFTED:
        m->nw_tos = (m->nw_tos & ~IP_DSCP_MASK) | (mask->u8 ? IP_DSCP_MASK
                                                   : 0);
        break;
    case MFF_IP_ECN:
        m->nw_tos = (m->nw_tos & ~IP_ECN_MASK) | (mask->u8 ? IP_ECN_MASK
                                                  : 0);
        break;
    case MFF_IP_FRAG:
        m->nw_frag = mask->u8 & FLOW_NW_FRAG_MASK;
        break;
    case MFF_ARP_OP:
        m->nw_proto = mask->be16 ? 0xff : 0;
        break;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        m->tp_src = mask->u8 ? htons(UINT16_MAX) : htons(0);
        break;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        m->tp_dst = mask->u8 ? htons(UINT16_MAX) : htons(0);
        break;
    case MFF_ND_OPTIONS_TYPE:
        m->tcp_flags = mask->u8 ? htons(UINT16_MAX) : htons(0);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

/* Marks every bit of 'mf' as matched in 'wc'. */
void
mf_mask_field(const struct mf_field *mf, struct flow_wildcards *wc)
{
    union mf_value mask;

    memset(&mask, 0xff, sizeof mask);
    mf_mask_field_masked(mf, &mask, wc);
}

/* Marks the bits of 'mf' that are 1 in 'mask' as matched in 'wc'. */
void
mf_mask_field_masked(const struct mf_field *mf, const union mf_value *mask,
                     struct flow_wildcards *wc)
{
    union mf_value cur;

    mf_get_mask(mf, wc, &cur);
    for (size_t i = 0; i < mf->n_bytes; i++) {
        cur.b[i] |= mask->b[i];
    }
    set_mask(mf, &cur, wc);
}

/* Returns the number of bytes of 'mf' needed to encode 'value' under
 * 'mask' (always mf->n_bytes for now) and stores in '*is_masked' whether
 * 'mask' is not all-ones. */
int
mf_field_len(const struct mf_field *mf, const union mf_value *value OVS_UNUSED,
             const union mf_value *mask, bool *is_masked)
{
    if (is_masked) {
        *is_masked = mask && !is_all_ones(mask, mf->n_bytes);
    }
    return mf->n_bytes;
}

/* Reads 'mf' from 'match' into 'value' and 'mask'. */
void
mf_get(const struct mf_field *mf, const struct match *match,
       union mf_value *value, union mf_value *mask)
{
    mf_get_value(mf, &match->flow, value);
    mf_get_mask(mf, &match->wc, mask);
}

/* Setting fields of a match. */

/* Sets 'mf' in 'match' to 'value' exactly. */
void
mf_set_value(const struct mf_field *mf, const union mf_value *value,
             struct match *match, char **err_str)
{
    union mf_value mask;

    if (err_str) {
        *err_str = NULL;
    }
    switch (mf->id) {
    case MFF_DL_VLAN:
        match_set_dl_vlan(match, value->be16, 0);
        return;
    case MFF_VLAN_VID:
        match_set_vlan_vid(match, value->be16);
        return;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        match_set_dl_vlan_pcp(match, value->u8, 0);
        return;
    case MFF_IN_PORT_OXM: {
        ofp_port_t port;

        if (!mf_port_from_ofp11(value->be32, &port)) {
            port = OFPP_NONE;
        }
        match_set_in_port(match, port);
        return;
    }
    default:
        break;
    }

    memset(&mask, 0xff, sizeof mask);
    mf_set_flow_value(mf, value, &match->flow);
    mf_mask_field_masked(mf, &mask, &match->wc);
    match_zero_wildcarded_fields(match);
}

/* Stops matching on 'mf' in 'match'. */
void
mf_set_wild(const struct mf_field *mf, struct match *match, char **err_str)
{
    union mf_value zero;

    if (err_str) {
        *err_str = NULL;
    }
    switch (mf->id) {
    case MFF_DL_VLAN:
    case MFF_VLAN_VID:
        match_set_any_vid(match);
        return;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        match_set_any_pcp(match);
        return;
    default:
        break;
    }

    memset(&zero, 0, sizeof zero);
    set_mask(mf, &zero, &match->wc);
    match_zero_wildcarded_fields(match);
}

/* Returns true if 'mask' (of 'mf') is a CIDR mask: ones then zeros. */
static bool
mask_is_cidr(const struct mf_field *mf, const union mf_value *mask)
{
    bool zeros = false;

    for (size_t i = 0; i < mf->n_bytes * 8; i++) {
        bool bit = (mask->b[i / 8] >> (7 - i % 8)) & 1;

        if (zeros && bit) {
            return false;
        }
        if (!bit) {
            zeros = true;
        }
    }
    return true;
}

/* Sets 'mf' in 'match' to 'value' under 'mask'.  Returns the OFPUTIL_P_*
 * protocols that can express it. */
uint32_t
mf_set(const struct mf_field *mf, const union mf_value *value,
       const union mf_value *mask, struct match *match, char **err_str)
{
    if (err_str) {
        *err_str = NULL;
    }
    if (!mask || is_all_ones(mask, mf->n_bytes)) {
        mf_set_value(mf, value, match, err_str);
        return mf->usable_protocols_exact;
    } else if (is_all_zeros(mask, mf->n_bytes)) {
        mf_set_wild(mf, match, err_str);
        return OFPUTIL_P_ANY;
    }

    switch (mf->id) {
    case MFF_VLAN_VID:
        match_set_vlan_vid_masked(match, value->be16, mask->be16);
        break;
    default:
        mf_set_flow_value_masked(mf, value, mask, &match->flow);
        set_mask(mf, mask, &match->wc);
        match_zero_wildcarded_fields(match);
        break;
    }

    return (mask_is_cidr(mf, mask)
            ? mf->usable_protocols_cidr
            : mf->usable_protocols_bitwise);
}

/* Bit operations on big-endian byte strings ("bitwise_*" of upstream's
 * util, kept here). */

/* Copies 'n_bits' bits starting at bit 'src_ofs' of the big-endian
 * 'src_len'-byte string 'src' to bit 'dst_ofs' of 'dst' ('dst_len'
 * bytes).  Bit 0 is the least significant bit of the last byte. */
static void
mf_bitwise_copy(const void *src_, unsigned int src_len, unsigned int src_ofs,
                void *dst_, unsigned int dst_len, unsigned int dst_ofs,
                unsigned int n_bits)
{
    const uint8_t *src = src_;
    uint8_t *dst = dst_;

    for (unsigned int i = 0; i < n_bits; i++) {
        unsigned int s = src_ofs + i, d = dst_ofs + i;
        const uint8_t *sb = &src[src_len - 1 - s / 8];
        uint8_t *db = &dst[dst_len - 1 - d / 8];
        uint8_t bit = 1u << (d % 8);

        if (*sb & (1u << (s % 8))) {
            *db |= bit;
        } else {
            *db &= ~bit;
        }
    }
}

static void
mf_bitwise_one(void *dst_, unsigned int dst_len, unsigned int dst_ofs,
               unsigned int n_bits)
{
    uint8_t *dst = dst_;

    for (unsigned int i = 0; i < n_bits; i++) {
        unsigned int d = dst_ofs + i;

        dst[dst_len - 1 - d / 8] |= 1u << (d % 8);
    }
}

/* Subfields. */

/* Copies 'sf''s bits of 'x' (right-justified) into 'value' of the
 * field. */
static void
subvalue_into_value(const struct mf_subfield *sf, const union mf_subvalue *x,
                    union mf_value *value)
{
    mf_bitwise_copy(x, sizeof *x, 0, value, sf->field->n_bytes, sf->ofs,
                    sf->n_bits);
}

/* Writes the low sf->n_bits bits of 'x' into the subfield 'sf' of
 * 'flow'. */
void
mf_write_subfield_flow(const struct mf_subfield *sf,
                       const union mf_subvalue *x, struct flow *flow)
{
    const struct mf_field *field = sf->field;
    union mf_value value;

    mf_get_value(field, flow, &value);
    subvalue_into_value(sf, x, &value);
    mf_set_flow_value(field, &value, flow);
}

/* Makes 'match' match the low sf->n_bits bits of 'x' in subfield 'sf',
 * keeping its other bits. */
void
mf_write_subfield(const struct mf_subfield *sf, const union mf_subvalue *x,
                  struct match *match)
{
    const struct mf_field *field = sf->field;
    union mf_value value, mask;

    mf_get(field, match, &value, &mask);
    subvalue_into_value(sf, x, &value);
    mf_bitwise_one(&mask, field->n_bytes, sf->ofs, sf->n_bits);
    mf_set(field, &value, &mask, match, NULL);
}

/* Like mf_write_subfield(), with 'src' the DIV_ROUND_UP(sf->n_bits, 8)
 * bytes of the value, big-endian and right-justified. */
void
mf_write_subfield_value(const struct mf_subfield *sf, const void *src,
                        struct match *match)
{
    union mf_subvalue x;
    size_t n = DIV_ROUND_UP(sf->n_bits, 8);

    memset(&x, 0, sizeof x);
    memcpy(&x.u8[sizeof x - n], src, n);
    mf_write_subfield(sf, &x, match);
}

/* Like mf_write_subfield(), with the value an integer. */
void
mf_set_subfield_value(const struct mf_subfield *sf, uint64_t value,
                      struct match *match)
{
    union mf_subvalue x;

    memset(&x, 0, sizeof x);
    x.integer = htobe64(value);
    mf_write_subfield(sf, &x, match);
}

/* Makes 'match' match 'value' under 'mask' in 'field', where 'value' and
 * 'mask' are right-justified subvalues covering the whole field; only the
 * bits that are 1 in 'mask' change. */
void
mf_mask_subfield(const struct mf_field *field,
                 const union mf_subvalue *value,
                 const union mf_subvalue *mask, struct match *match)
{
    union mf_value cur_value, cur_mask;
    const uint8_t *v = &value->u8[sizeof *value - field->n_bytes];
    const uint8_t *m = &mask->u8[sizeof *mask - field->n_bytes];

    mf_get(field, match, &cur_value, &cur_mask);
    for (size_t i = 0; i < field->n_bytes; i++) {
        cur_value.b[i] = (cur_value.b[i] & ~m[i]) | (v[i] & m[i]);
        cur_mask.b[i] |= m[i];
    }
    mf_set(field, &cur_value, &cur_mask, match, NULL);
}

/* Reads subfield 'sf' of 'flow' into 'x', right-justified, other bits
 * zero. */
void
mf_read_subfield(const struct mf_subfield *sf, const struct flow *flow,
                 union mf_subvalue *x)
{
    union mf_value value;

    mf_get_value(sf->field, flow, &value);
    memset(x, 0, sizeof *x);
    mf_bitwise_copy(&value, sf->field->n_bytes, sf->ofs, x, sizeof *x, 0,
                    sf->n_bits);
}

/* Returns subfield 'sf' (at most 64 bits) of 'flow'. */
uint64_t
mf_get_subfield(const struct mf_subfield *sf, const struct flow *flow)
{
    union mf_subvalue x;

    mf_read_subfield(sf, flow, &x);
    return be64toh(x.integer);
}

/* Copies 'src' to 'dst' (same widths) in 'flow', marking both in 'wc' if
 * nonnull. */
void
mf_subfield_copy(const struct mf_subfield *src,
                 const struct mf_subfield *dst,
                 struct flow *flow, struct flow_wildcards *wc)
{
    union mf_value src_value, dst_value;

    ovs_assert(src->n_bits == dst->n_bits);
    if (mf_are_prereqs_ok(dst->field, flow, wc)
        && mf_are_prereqs_ok(src->field, flow, wc)) {
        if (wc) {
            union mf_value mask;

            memset(&mask, 0, sizeof mask);
            mf_bitwise_one(&mask, src->field->n_bytes, src->ofs,
                           src->n_bits);
            mf_mask_field_masked(src->field, &mask, wc);
            memset(&mask, 0, sizeof mask);
            mf_bitwise_one(&mask, dst->field->n_bytes, dst->ofs,
                           dst->n_bits);
            mf_mask_field_masked(dst->field, &mask, wc);
        }
        mf_get_value(src->field, flow, &src_value);
        mf_get_value(dst->field, flow, &dst_value);
        mf_bitwise_copy(&src_value, src->field->n_bytes, src->ofs,
                        &dst_value, dst->field->n_bytes, dst->ofs,
                        src->n_bits);
        mf_set_flow_value(dst->field, &dst_value, flow);
    }
}

/* Swaps subfields 'a' and 'b' (same widths) in 'flow', marking both in
 * 'wc' if nonnull. */
void
mf_subfield_swap(const struct mf_subfield *a, const struct mf_subfield *b,
                 struct flow *flow, struct flow_wildcards *wc)
{
    union mf_subvalue av, bv;

    ovs_assert(a->n_bits == b->n_bits);
    if (mf_are_prereqs_ok(a->field, flow, wc)
        && mf_are_prereqs_ok(b->field, flow, wc)) {
        if (wc) {
            union mf_value mask;

            memset(&mask, 0, sizeof mask);
            mf_bitwise_one(&mask, a->field->n_bytes, a->ofs, a->n_bits);
            mf_mask_field_masked(a->field, &mask, wc);
            memset(&mask, 0, sizeof mask);
            mf_bitwise_one(&mask, b->field->n_bytes, b->ofs, b->n_bits);
            mf_mask_field_masked(b->field, &mask, wc);
        }
        mf_read_subfield(a, flow, &av);
        mf_read_subfield(b, flow, &bv);
        mf_write_subfield_flow(a, &bv, flow);
        mf_write_subfield_flow(b, &av, flow);
    }
}

static enum ofperr
mf_check__(const struct mf_subfield *sf, const struct match *match,
           const char *type)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 1);

    if (!sf->field) {
        VLOG_WARN_RL(&rl, "unknown %s field", type);
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    } else if (!sf->n_bits) {
        VLOG_WARN_RL(&rl, "zero bit %s field %s", type, sf->field->name);
        return OFPERR_OFPBAC_BAD_SET_LEN;
    } else if (sf->ofs >= sf->field->n_bits) {
        VLOG_WARN_RL(&rl, "bit offset %d exceeds %d-bit width of %s field %s",
                     sf->ofs, sf->field->n_bits, type, sf->field->name);
        return OFPERR_OFPBAC_BAD_SET_LEN;
    } else if (sf->ofs + sf->n_bits > sf->field->n_bits) {
        VLOG_WARN_RL(&rl, "bit offset %d and width %d exceeds %d-bit width "
                     "of %s field %s", sf->ofs, sf->n_bits,
                     sf->field->n_bits, type, sf->field->name);
        return OFPERR_OFPBAC_BAD_SET_LEN;
    } else if (match && !mf_are_match_prereqs_ok(sf->field, match)) {
        VLOG_WARN_RL(&rl, "%s field %s lacks correct prerequisites",
                     type, sf->field->name);
        return OFPERR_OFPBAC_MATCH_INCONSISTENT;
    }
    return 0;
}

/* Checks that 'sf' is a valid source subfield given 'match' (NULL: no
 * prerequisite check).  Returns 0 or an OFPERR_OFPBAC_* error. */
enum ofperr
mf_check_src(const struct mf_subfield *sf, const struct match *match)
{
    return mf_check__(sf, match, "source");
}

/* Checks that 'sf' is a valid, writable destination subfield given
 * 'match'.  Returns 0 or an OFPERR_OFPBAC_* error. */
enum ofperr
mf_check_dst(const struct mf_subfield *sf, const struct match *match)
{
    enum ofperr error = mf_check__(sf, match, "destination");

    if (!error && !sf->field->writable) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 1);

        VLOG_WARN_RL(&rl, "destination field %s is not writable",
                     sf->field->name);
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    return error;
}

/* Subvalues. */

/* Returns the number of significant bits in 'x' (the position of its most
 * significant 1-bit plus one), 0 if it is all zeros. */
int
mf_subvalue_width(const union mf_subvalue *x)
{
    for (size_t i = 0; i < sizeof x->u8; i++) {
        if (x->u8[i]) {
            int bits = 8;

            while (!(x->u8[i] & (1u << (bits - 1)))) {
                bits--;
            }
            return (sizeof x->u8 - 1 - i) * 8 + bits;
        }
    }
    return 0;
}

/* Shifts 'x' left by 'n' bits ('n' > 0) or right by -'n' bits. */
void
mf_subvalue_shift(union mf_subvalue *x, int n)
{
    union mf_subvalue tmp;
    int total = sizeof x->u8 * 8;

    if (!n) {
        return;
    }
    memset(&tmp, 0, sizeof tmp);
    if (n > 0 && n < total) {
        mf_bitwise_copy(x, sizeof *x, 0, &tmp, sizeof tmp, n, total - n);
    } else if (n < 0 && -n < total) {
        mf_bitwise_copy(x, sizeof *x, -n, &tmp, sizeof tmp, 0, total + n);
    }
    *x = tmp;
}

/* Intersects value/mask 'a' and 'b' into 'dst'.  Returns false (leaving
 * 'dst' unspecified) if they conflict on a bit both match. */
bool
mf_subvalue_intersect(const union mf_subvalue *a_value,
                      const union mf_subvalue *a_mask,
                      const union mf_subvalue *b_value,
                      const union mf_subvalue *b_mask,
                      union mf_subvalue *dst_value,
                      union mf_subvalue *dst_mask)
{
    for (size_t i = 0; i < ARRAY_SIZE(a_value->be64); i++) {
        ovs_be64 av = a_value->be64[i], am = a_mask->be64[i];
        ovs_be64 bv = b_value->be64[i], bm = b_mask->be64[i];

        if ((av ^ bv) & (am & bm)) {
            return false;
        }
        dst_value->be64[i] = (av & am) | (bv & bm);
        dst_mask->be64[i] = am | bm;
    }
    return true;
}

/* Formats 'x' as hexadecimal ("0x1f"), without leading zeros. */
void
mf_format_subvalue(const union mf_subvalue *x, struct ds *s)
{
    for (size_t i = 0; i < sizeof x->u8; i++) {
        if (x->u8[i]) {
            ds_put_format(s, "0x%"PRIx8, x->u8[i]);
            for (i++; i < sizeof x->u8; i++) {
                ds_put_format(s, "%02"PRIx8, x->u8[i]);
            }
            return;
        }
    }
    ds_put_char(s, '0');
}

/* Subfield text. */

/* Appends "NAME[...]" for 'sf' to 's': the NXM/OXM name of the field when
 * it has one (as OpenFlow 1.0 would encode it), else its field name. */
void
mf_format_subfield(const struct mf_subfield *sf, struct ds *s)
{
    if (!sf->field) {
        ds_put_cstr(s, "<unknown>");
    } else {
        if (mf_nxm_header(sf->field->id)) {
            nx_format_field_name(sf->field->id, OFP10_VERSION, s);
        } else {
            ds_put_cstr(s, sf->field->name);
        }
    }

    if (sf->field && sf->ofs == 0 && sf->n_bits == sf->field->n_bits) {
        ds_put_cstr(s, "[]");
    } else if (sf->n_bits == 1) {
        ds_put_format(s, "[%u]", sf->ofs);
    } else {
        ds_put_format(s, "[%u..%u]", sf->ofs, sf->ofs + sf->n_bits - 1);
    }
}

/* Looks up the field named by the 'len' bytes at 's', which may be a field
 * name or an NXM/OXM name (with "_W" accepted).  Returns NULL if there is
 * none. */
static const struct mf_field *
mf_parse_subfield_name(const char *s, size_t len, bool *wild)
{
    const struct mf_field *mf;
    char *name;

    *wild = false;
    mf = mf_from_name_len(s, len);
    if (mf) {
        return mf;
    }

    name = xmemdup0(s, len);
    mf = nx_field_from_name(name, wild);
    free(name);
    return mf;
}

/* Parses a subfield from the front of '*sp' and advances '*sp' past it.
 * Returns NULL on success, otherwise a malloc()ed error message. */
char *
mf_parse_subfield__(struct mf_subfield *sf, const char **sp)
{
    const struct mf_field *field;
    const char *name, *s;
    int start, end;
    size_t name_len;
    bool wild;

    s = *sp;
    name = s;
    name_len = strcspn(s, "[-");

    field = mf_parse_subfield_name(name, name_len, &wild);
    if (!field) {
        return xasprintf("%s: unknown field `%.*s'", *sp, (int) name_len, s);
    }

    s += name_len;
    /* Assume full field. */
    start = 0;
    end = field->n_bits - 1;
    if (*s == '[') {
        if (!strchr(s, ']')) {
            return xasprintf("%s: syntax error expecting [] or [<bit>] or "
                             "[<start>..<end>]", *sp);
        } else if (!strncmp(s, "[]", 2)) {
            /* Nothing to do. */
        } else if (sscanf(s, "[%d..%d]", &start, &end) == 2) {
            /* Nothing to do. */
        } else if (sscanf(s, "[%d]", &start) == 1) {
            end = start;
        } else {
            return xasprintf("%s: syntax error expecting [] or [<bit>] or "
                             "[<start>..<end>]", *sp);
        }
        s = strchr(s, ']') + 1;
    }

    if (start > end) {
        return xasprintf("%s: starting bit %d is after ending bit %d",
                         *sp, start, end);
    } else if (start >= field->n_bits) {
        return xasprintf("%s: starting bit %d is not valid because field is "
                         "only %d bits wide", *sp, start, field->n_bits);
    } else if (end >= field->n_bits) {
        return xasprintf("%s: ending bit %d is not valid because field is "
                         "only %d bits wide", *sp, end, field->n_bits);
    }

    sf->field = field;
    sf->ofs = start;
    sf->n_bits = end - start + 1;

    *sp = s;
    return NULL;
}

/* Parses 's' as a whole subfield.  Returns NULL or a malloc()ed error
 * message. */
char *
mf_parse_subfield(struct mf_subfield *sf, const char *s)
{
    char *error = mf_parse_subfield__(sf, &s);

    if (!error && s[0]) {
        error = xstrdup("unexpected input following field syntax");
    }
    return error;
}

/* Parses a field name in 's' (a field name or an NXM/OXM name) into
 * '*field'.  Returns NULL or a malloc()ed error message. */
char *
mf_parse_field(const struct mf_field **field, const char *s)
{
    bool wild;

    *field = mf_parse_subfield_name(s, strlen(s), &wild);
    if (!*field) {
        return xasprintf("%s: unknown field `%s'", s, s);
    }
    return NULL;
}

/* Values as text. */

static int
hexit_value(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    } else if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Parses the integer at the start of 's' (decimal, or hexadecimal with
 * "0x", of any width) into the big-endian 'n'-byte 'out'.  Returns the
 * number of characters consumed (0 if none), or -1 if it does not fit
 * ('*too_large' is then set). */
static int
parse_int_bytes(const char *s, uint8_t *out, size_t n, bool *too_large)
{
    const char *p = s;

    memset(out, 0, n);
    *too_large = false;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')
        && hexit_value(p[2]) >= 0) {
        const char *start = p + 2;
        const char *end = start;
        size_t n_hex, k;

        while (hexit_value(*end) >= 0) {
            end++;
        }
        n_hex = end - start;
        for (k = 0; k < n_hex; k++) {
            int v = hexit_value(end[-1 - (int) k]);
            size_t byte = k / 2;

            if (byte >= n) {
                if (v) {
                    *too_large = true;
                }
                continue;
            }
            out[n - 1 - byte] |= k % 2 ? v << 4 : v;
        }
        return *too_large ? -1 : end - s;
    } else if (isdigit((unsigned char) *p)) {
        unsigned long long x;
        char *end;

        errno = 0;
        x = strtoull(p, &end, 10);
        if (errno == ERANGE) {
            *too_large = true;
            return -1;
        }
        for (size_t i = 0; i < n && i < 8; i++) {
            out[n - 1 - i] = x >> (8 * i);
        }
        if (n < 8 && (x >> (8 * n))) {
            *too_large = true;
            return -1;
        }
        return end - s;
    } else if (*p == '-') {
        *too_large = true;
        return -1;
    }
    return 0;
}

/* Parses an integer value with optional "/mask" for 'mf'. */
static char *
mf_from_integer_string(const struct mf_field *mf, const char *s,
                       uint8_t *value, uint8_t *mask)
{
    bool too_large;
    int n;

    n = parse_int_bytes(s, value, mf->n_bytes, &too_large);
    if (too_large) {
        return xasprintf("%s: value too large for %u-byte field %s",
                         s, mf->n_bytes, mf->name);
    } else if (n <= 0 || (s[n] && s[n] != '/')) {
        return xasprintf("%s: bad syntax for %s value", s, mf->name);
    }

    if (s[n] == '/') {
        const char *m = s + n + 1;
        int k = parse_int_bytes(m, mask, mf->n_bytes, &too_large);

        if (too_large) {
            return xasprintf("%s: mask too large for %u-byte field %s",
                             s, mf->n_bytes, mf->name);
        } else if (k <= 0 || m[k]) {
            return xasprintf("%s: bad syntax for %s mask", s, mf->name);
        }
    } else {
        memset(mask, 0xff, mf->n_bytes);
    }
    return NULL;
}

/* Flag names, for MFS_CT_STATE, MFS_TCP_FLAGS and MFS_TNL_FLAGS. */
static const char *
ct_state_flag_name(uint32_t bit)
{
    switch (bit) {
    case MF_CS_NEW: return "new";
    case MF_CS_ESTABLISHED: return "est";
    case MF_CS_RELATED: return "rel";
    case MF_CS_REPLY_DIR: return "rpl";
    case MF_CS_INVALID: return "inv";
    case MF_CS_TRACKED: return "trk";
    case MF_CS_SRC_NAT: return "snat";
    case MF_CS_DST_NAT: return "dnat";
    default: return NULL;
    }
}

static const char *
tcp_flag_name(uint32_t bit)
{
    switch (bit) {
    case 0x001: return "fin";
    case 0x002: return "syn";
    case 0x004: return "rst";
    case 0x008: return "psh";
    case 0x010: return "ack";
    case 0x020: return "urg";
    case 0x040: return "ece";
    case 0x080: return "cwr";
    case 0x100: return "ns";
    case 0x200: return "[200]";
    case 0x400: return "[400]";
    case 0x800: return "[800]";
    default: return NULL;
    }
}

static const char *
tnl_flag_name(uint32_t bit)
{
    return bit == FLOW_TNL_F_OAM ? "oam" : NULL;
}

/* Parses flags 's' ("+a-b", "a|b", or a number with optional mask) with
 * 'namer' for 'max_mask' bits.  Returns NULL or an error message. */
static char *
parse_flags(const char *s, const char *(*namer)(uint32_t),
            uint32_t max_mask, const char *what, uint32_t *flagsp,
            uint32_t *maskp)
{
    uint32_t flags = 0, mask = 0;
    const char *p = s;

    if (isdigit((unsigned char) *s)) {
        unsigned long long v, m = UINT32_MAX;
        char *end;

        v = strtoull(s, &end, 0);
        if (*end == '/') {
            m = strtoull(end + 1, &end, 0);
        }
        if (*end) {
            return xasprintf("%s: unknown %s flag(s)", s, what);
        }
        *flagsp = v;
        *maskp = m;
        return NULL;
    }

    if (*p != '+' && *p != '-') {
        /* "a|b": exact match on the named flags. */
        char *copy = xstrdup(s), *save = NULL, *tok;

        for (tok = strtok_r(copy, "|", &save); tok;
             tok = strtok_r(NULL, "|", &save)) {
            uint32_t bit;

            for (bit = 1; bit && bit <= max_mask; bit <<= 1) {
                const char *n = namer(bit);

                if (n && !strcmp(n, tok)) {
                    break;
                }
            }
            if (!bit || bit > max_mask) {
                char *err = xasprintf("%s: unknown %s flag(s)", tok, what);

                free(copy);
                return err;
            }
            flags |= bit;
        }
        free(copy);
        *flagsp = flags;
        *maskp = max_mask;
        return NULL;
    }

    while (*p) {
        bool set = *p == '+';
        const char *start;
        size_t len;
        uint32_t bit;

        if (*p != '+' && *p != '-') {
            return xasprintf("%s: %s must be preceded by '+' (for SET) or "
                             "'-' (NOT SET)", p, what);
        }
        start = ++p;
        len = strcspn(start, "+-");
        p = start + len;
        for (bit = 1; bit && bit <= max_mask; bit <<= 1) {
            const char *n = namer(bit);

            if (n && strlen(n) == len && !strncmp(n, start, len)) {
                break;
            }
        }
        if (!bit || bit > max_mask) {
            return xasprintf("%.*s: unknown %s flag(s)", (int) len, start,
                             what);
        }
        if (mask & bit) {
            return xasprintf("%s: Each %s flag can be specified only once",
                             s, what);
        }
        mask |= bit;
        if (set) {
            flags |= bit;
        }
    }
    *flagsp = flags;
    *maskp = mask;
    return NULL;
}

/* Fragment names. */
static const struct {
    const char *name;           /* Name. */
    uint8_t value;              /* nw_frag value. */
    uint8_t mask;               /* nw_frag mask. */
} mf_frag_names[] = {
    { "no", 0, FLOW_NW_FRAG_ANY },
    { "yes", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_ANY },
    { "first", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_MASK },
    { "later", FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER, FLOW_NW_FRAG_MASK },
    { "not_later", 0, FLOW_NW_FRAG_LATER },
};

/* Scans a dotted quad at the start of 's' as the flow syntax reads one:
 * each part a decimal number converted modulo 256 (so "300.1.1.1" is
 * 44.1.1.1, as upstream accepts it).  Returns the number of characters
 * consumed, 0 if 's' does not start with an address. */
static int
mf_scan_ipv4(const char *s, ovs_be32 *ip)
{
    unsigned char a, b, c, d;
    int n = 0;

    if (sscanf(s, "%hhu.%hhu.%hhu.%hhu%n", &a, &b, &c, &d, &n) != 4 || !n) {
        return 0;
    }
    *ip = htonl(((uint32_t) a << 24) | ((uint32_t) b << 16)
                | ((uint32_t) c << 8) | d);
    return n;
}

/* Parses a prefix length in 's' (a whole decimal int, converted as int).
 * Returns true if successful. */
static bool
mf_scan_plen(const char *s, int *plen)
{
    int n = 0;

    return sscanf(s, "%d%n", plen, &n) == 1 && n && !s[n];
}

/* Parses "IP", "IP/MASK" or "IP/PREFIX-LENGTH" in 's' into 'ip' and
 * 'mask'.  Returns NULL or a malloc()ed error message in upstream's
 * wording. */
static char *
mf_parse_ipv4_masked(const char *s, ovs_be32 *ip, ovs_be32 *mask)
{
    int n = mf_scan_ipv4(s, ip);
    int plen;

    if (n && !s[n]) {
        *mask = htonl(UINT32_MAX);
        return NULL;
    } else if (n && s[n] == '/') {
        const char *m = &s[n + 1];
        int mn = mf_scan_ipv4(m, mask);

        if (mn && !m[mn]) {
            return NULL;
        } else if (mf_scan_plen(m, &plen)) {
            if (plen < 0 || plen > 32) {
                return xasprintf("%s: IPv4 network prefix bits not between "
                                 "0 and 32, inclusive", s);
            }
            *mask = plen ? htonl(UINT32_MAX << (32 - plen)) : htonl(0);
            return NULL;
        }
    }
    return xasprintf("%s: invalid IP address", s);
}

/* Parses "IPV6", "IPV6/MASK" or "IPV6/PREFIX-LENGTH" in 's' into 'ip' and
 * 'mask'.  Returns NULL or a malloc()ed error message in upstream's
 * wording. */
static char *
mf_parse_ipv6_masked(const char *s, struct in6_addr *ip,
                     struct in6_addr *mask)
{
    const char *slash = strchr(s, '/');
    char *addr = xmemdup0(s, slash ? (size_t) (slash - s) : strlen(s));
    bool ok = inet_pton(AF_INET6, addr, ip) == 1;
    int plen;

    free(addr);
    if (ok && !slash) {
        memset(mask, 0xff, sizeof *mask);
        return NULL;
    } else if (ok) {
        if (inet_pton(AF_INET6, slash + 1, mask) == 1) {
            return NULL;
        } else if (mf_scan_plen(slash + 1, &plen)) {
            if (plen < 0 || plen > 128) {
                return xasprintf("%s: IPv6 network prefix bits not between "
                                 "0 and 128, inclusive", s);
            }
            *mask = ipv6_create_mask(plen);
            return NULL;
        }
    }
    return xasprintf("%s: invalid IPv6 address", s);
}

/* Parses 's' as a value with optional mask for 'mf' into 'value' and
 * 'mask' (all-ones if no mask is given).  Returns NULL or a malloc()ed
 * error message in upstream's wording. */
char *
mf_parse(const struct mf_field *mf, const char *s,
         const struct ofputil_port_map *port_map,
         union mf_value *value, union mf_value *mask)
{
    char *error = NULL;

    memset(value, 0, sizeof *value);
    memset(mask, 0, sizeof *mask);

    if (!strcmp(s, "*")) {
        return NULL;
    }

    switch (mf->string) {
    case MFS_DECIMAL:
    case MFS_HEXADECIMAL:
        error = mf_from_integer_string(mf, s, value->b, mask->b);
        break;

    case MFS_CT_STATE: {
        uint32_t flags, fmask;

        error = parse_flags(s, ct_state_flag_name, MF_CS_SUPPORTED_MASK,
                            "ct_state", &flags, &fmask);
        if (!error) {
            value->be32 = htonl(flags);
            mask->be32 = htonl(fmask);
        }
        break;
    }

    case MFS_TCP_FLAGS: {
        uint32_t flags, fmask;

        error = parse_flags(s, tcp_flag_name, 0x0fff, "TCP", &flags,
                            &fmask);
        if (!error) {
            value->be16 = htons(flags);
            mask->be16 = htons(fmask);
        }
        break;
    }

    case MFS_TNL_FLAGS: {
        uint32_t flags, fmask;

        error = parse_flags(s, tnl_flag_name, MF_TNL_PUB_F_MASK, "tunnel",
                            &flags, &fmask);
        if (!error) {
            value->be16 = htons(flags);
            mask->be16 = htons(fmask);
        }
        break;
    }

    case MFS_ETHERNET: {
        const char *slash = strchr(s, '/');
        char *addr = xmemdup0(s, slash ? (size_t) (slash - s) : strlen(s));

        if (!eth_addr_from_string(addr, &value->mac)
            || (slash && !eth_addr_from_string(slash + 1, &mask->mac))) {
            error = xasprintf("%s: invalid Ethernet address", s);
        } else if (!slash) {
            memset(&mask->mac, 0xff, sizeof mask->mac);
        }
        free(addr);
        break;
    }

    case MFS_IPV4:
        error = mf_parse_ipv4_masked(s, &value->be32, &mask->be32);
        break;

    case MFS_IPV6:
        error = mf_parse_ipv6_masked(s, &value->ipv6, &mask->ipv6);
        break;

    case MFS_OFP_PORT: {
        ofp_port_t port;

        if (ofputil_port_from_string(s, port_map, &port)) {
            value->be16 = htons(ofp_to_u16(port));
            mask->be16 = htons(UINT16_MAX);
        } else {
            error = xasprintf("%s: invalid or unknown port for %s",
                              s, mf->name);
        }
        break;
    }

    case MFS_OFP_PORT_OXM: {
        ofp_port_t port;

        if (ofputil_port_from_string(s, port_map, &port)) {
            value->be32 = mf_port_to_ofp11(port);
            mask->be32 = htonl(UINT32_MAX);
        } else {
            error = xasprintf("%s: port value out of range for %s",
                              s, mf->name);
        }
        break;
    }

    case MFS_FRAG: {
        size_t i;

        for (i = 0; i < ARRAY_SIZE(mf_frag_names); i++) {
            if (!strcasecmp(s, mf_frag_names[i].name)) {
                value->u8 = mf_frag_names[i].value;
                mask->u8 = mf_frag_names[i].mask;
                break;
            }
        }
        if (i >= ARRAY_SIZE(mf_frag_names)) {
            error = xasprintf("%s: unknown fragment type (valid types are "
                              "\"no\", \"yes\", \"first\", \"later\", "
                              "\"not_later\"", s);
        }
        break;
    }

    case MFS_PACKET_TYPE: {
        int ns, ns_type;
        int n = 0;

        if (s[0] != '(') {
            error = xasprintf("%s: bad syntax for packet type missing '('",
                              s);
        } else if (sscanf(s, "(%i,%i)%n", &ns, &ns_type, &n) != 2
                   || s[n] || ns < 0 || ns > UINT16_MAX
                   || ns_type < 0 || ns_type > UINT16_MAX) {
            error = xasprintf("%s: bad syntax for packet type", s);
        } else {
            value->be32 = htonl(((uint32_t) ns << 16) | ns_type);
            mask->be32 = htonl(UINT32_MAX);
        }
        break;
    }

    default:
        OVS_NOT_REACHED();
    }

    if (!error && !mf_is_mask_valid(mf, mask)) {
        error = xasprintf("%s: invalid mask for field %s", s, mf->name);
    }
    return error;
}

/* Parses 's' as a value (no mask) for 'mf'.  Returns NULL or a malloc()ed
 * error message. */
char *
mf_parse_value(const struct mf_field *mf, const char *s,
               const struct ofputil_port_map *port_map,
               union mf_value *value)
{
    union mf_value mask;
    char *error;

    error = mf_parse(mf, s, port_map, value, &mask);
    if (error) {
        return error;
    }
    if (!is_all_ones(&mask, mf->n_bytes)) {
        return xasprintf("%s: wildcards not allowed here", s);
    }
    return NULL;
}

/* Formats the 'n' big-endian bytes at 'p' as hexadecimal "0x..." without
 * leading zeros. */
static void
format_hex_bytes(const uint8_t *p, size_t n, struct ds *s)
{
    size_t i = 0;

    while (i < n - 1 && !p[i]) {
        i++;
    }
    if (i == n - 1 && !p[i]) {
        /* Like printf("%#x", 0). */
        ds_put_char(s, '0');
        return;
    }
    ds_put_format(s, "0x%"PRIx8, p[i]);
    for (i++; i < n; i++) {
        ds_put_format(s, "%02"PRIx8, p[i]);
    }
}

static uint64_t
bytes_to_u64(const uint8_t *p, size_t n)
{
    uint64_t x = 0;

    for (size_t i = 0; i < n; i++) {
        x = (x << 8) | p[i];
    }
    return x;
}

/* Appends 'flags' under 'mask' to 's' as upstream prints flag fields:
 * "syn|ack" when 'mask' covers every bit of 'max_mask', otherwise
 * "+syn-ack" for the masked bits.  'namer' names one bit, or returns NULL
 * for a bit without a name (printed in hex). */
void
mf_format_flags(struct ds *s, const char *(*namer)(uint32_t),
                uint32_t flags, uint32_t mask, uint32_t max_mask)
{
    if (mask == max_mask) {
        bool first = true;

        if (!flags) {
            ds_put_cstr(s, "0");
        }
        for (uint32_t bit = 1; bit && bit <= max_mask; bit <<= 1) {
            if (flags & bit) {
                const char *n = namer(bit);

                if (!first) {
                    ds_put_char(s, '|');
                }
                if (n) {
                    ds_put_cstr(s, n);
                } else {
                    ds_put_format(s, "0x%"PRIx32, bit);
                }
                first = false;
            }
        }
    } else {
        for (uint32_t bit = 1; bit && bit <= max_mask; bit <<= 1) {
            if (mask & bit) {
                const char *n = namer(bit);

                ds_put_char(s, flags & bit ? '+' : '-');
                if (n) {
                    ds_put_cstr(s, n);
                } else {
                    ds_put_format(s, "0x%"PRIx32, bit);
                }
            }
        }
    }
}

/* Appends 'value' under 'mask' (NULL: exact) for 'mf' to 's' as text that
 * mf_parse() reads back. */
void
mf_format(const struct mf_field *mf,
          const union mf_value *value, const union mf_value *mask,
          const struct ofputil_port_map *port_map, struct ds *s)
{
    if (mask && is_all_ones(mask, mf->n_bytes)) {
        mask = NULL;
    } else if (mask && is_all_zeros(mask, mf->n_bytes)) {
        /* Nothing matched (or, in a set_field, nothing written). */
        ds_put_cstr(s, "ANY");
        return;
    }

    switch (mf->string) {
    case MFS_OFP_PORT_OXM:
        if (!mask) {
            ofp_port_t port;

            if (mf_port_from_ofp11(value->be32, &port)) {
                ofputil_format_port(port, port_map, s);
            } else {
                ds_put_format(s, "%"PRIu32, ntohl(value->be32));
            }
            break;
        }
        /* Fall through. */
    case MFS_OFP_PORT:
        if (!mask && mf->string == MFS_OFP_PORT) {
            ofputil_format_port(u16_to_ofp(ntohs(value->be16)), port_map, s);
            break;
        }
        /* Fall through. */
    case MFS_DECIMAL:
    case MFS_HEXADECIMAL:
        if (mf->n_bytes > 8) {
            format_hex_bytes(value->b, mf->n_bytes, s);
        } else if (mf->string == MFS_DECIMAL
                   || mf->string == MFS_OFP_PORT
                   || mf->string == MFS_OFP_PORT_OXM) {
            ds_put_format(s, "%"PRIu64, bytes_to_u64(value->b,
                                                     mf->n_bytes));
        } else {
            ds_put_format(s, "%#"PRIx64, bytes_to_u64(value->b,
                                                      mf->n_bytes));
        }
        if (mask) {
            ds_put_char(s, '/');
            if (mf->n_bytes > 8) {
                format_hex_bytes(mask->b, mf->n_bytes, s);
            } else {
                ds_put_format(s, "%#"PRIx64, bytes_to_u64(mask->b,
                                                          mf->n_bytes));
            }
        }
        break;

    case MFS_CT_STATE:
        mf_format_flags(s, ct_state_flag_name, ntohl(value->be32),
                        mask ? ntohl(mask->be32) : MF_CS_SUPPORTED_MASK,
                        MF_CS_SUPPORTED_MASK);
        break;

    case MFS_TCP_FLAGS:
        mf_format_flags(s, tcp_flag_name, ntohs(value->be16),
                        mask ? ntohs(mask->be16) : 0x0fff, 0x0fff);
        break;

    case MFS_TNL_FLAGS:
        mf_format_flags(s, tnl_flag_name, ntohs(value->be16),
                        mask ? ntohs(mask->be16) : MF_TNL_PUB_F_MASK,
                        MF_TNL_PUB_F_MASK);
        break;

    case MFS_ETHERNET:
        eth_format_masked(value->mac, mask ? &mask->mac : NULL, s);
        break;

    case MFS_IPV4:
        ip_format_masked(value->be32,
                         mask ? mask->be32 : htonl(UINT32_MAX), s);
        break;

    case MFS_IPV6:
        ipv6_format_masked(&value->ipv6, mask ? &mask->ipv6 : NULL, s);
        break;

    case MFS_FRAG: {
        uint8_t v = value->u8, m = mask ? mask->u8 : FLOW_NW_FRAG_MASK;
        size_t i;

        v &= m;
        for (i = 0; i < ARRAY_SIZE(mf_frag_names); i++) {
            if (mf_frag_names[i].value == v && mf_frag_names[i].mask == m) {
                ds_put_cstr(s, mf_frag_names[i].name);
                break;
            }
        }
        if (i >= ARRAY_SIZE(mf_frag_names)) {
            ds_put_format(s, "<error: bad frag value %#"PRIx8"/%#"PRIx8">",
                          v, m);
        }
        break;
    }

    case MFS_PACKET_TYPE: {
        uint32_t pt = ntohl(value->be32);

        /* Numbers below 10 in decimal, others in hexadecimal. */
        ds_put_format(s, (pt & 0xffff) < 10
                      ? "(%"PRIu32",%"PRIu32")" : "(%"PRIu32",%#"PRIx32")",
                      pt >> 16, pt & 0xffff);
        break;
    }

    default:
        OVS_NOT_REACHED();
    }
}
