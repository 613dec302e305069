/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "xlate-xactions.h"

#include <inttypes.h>
#include <string.h>
#include <netinet/in.h>
#include "dpif.h"
#include "flow.h"
#include "hash.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofproto-dpif-xlate-private.h"
#include "ofproto-dpif.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "packets.h"
#include "timeval.h"
#include <linux/openvswitch.h>

VLOG_DEFINE_THIS_MODULE(xlate_xactions);

/* Hashing as upstream's multipath and bundle actions do, so that the same
 * flow picks the same link or member on both switches. */

/* Bob Jenkins' lookup3 mixing steps (public domain). */
static inline uint32_t
jhash_rot(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

static inline void
jhash_mix(uint32_t *a, uint32_t *b, uint32_t *c)
{
    *a -= *c; *a ^= jhash_rot(*c, 4);  *c += *b;
    *b -= *a; *b ^= jhash_rot(*a, 6);  *a += *c;
    *c -= *b; *c ^= jhash_rot(*b, 8);  *b += *a;
    *a -= *c; *a ^= jhash_rot(*c, 16); *c += *b;
    *b -= *a; *b ^= jhash_rot(*a, 19); *a += *c;
    *c -= *b; *c ^= jhash_rot(*b, 4);  *b += *a;
}

static inline void
jhash_final(uint32_t *a, uint32_t *b, uint32_t *c)
{
    *c ^= *b; *c -= jhash_rot(*b, 14);
    *a ^= *c; *a -= jhash_rot(*c, 11);
    *b ^= *a; *b -= jhash_rot(*a, 25);
    *c ^= *b; *c -= jhash_rot(*b, 16);
    *a ^= *c; *a -= jhash_rot(*c, 4);
    *b ^= *a; *b -= jhash_rot(*a, 14);
    *c ^= *b; *c -= jhash_rot(*b, 24);
}

/* Returns the lookup3 hash of the 'n' bytes at 'p_' with 'basis' (words
 * read in host byte order, the last partial block padded with zeros). */
static uint32_t
jhash_bytes(const void *p_, size_t n, uint32_t basis)
{
    const uint8_t *p = p_;
    uint32_t a, b, c;

    a = b = c = 0xdeadbeef + n + basis;
    while (n > 12) {
        uint32_t w[3];

        memcpy(w, p, sizeof w);
        a += w[0];
        b += w[1];
        c += w[2];
        jhash_mix(&a, &b, &c);
        n -= 12;
        p += 12;
    }
    if (n) {
        uint32_t w[3] = { 0, 0, 0 };

        memcpy(w, p, n);
        a += w[0];
        b += w[1];
        c += w[2];
        jhash_final(&a, &b, &c);
    }
    return c;
}

/* The IP addresses and ports of a connection combined so that both
 * directions hash the same ("symmetric_l4"). */
static uint32_t
hash_symmetric_l4(const struct flow *flow, uint32_t basis)
{
    struct {
        union {
            ovs_be32 ipv4_addr;
            struct in6_addr ipv6_addr;
        };
        ovs_be16 eth_type;
        ovs_be16 vlan_tci;
        ovs_be16 tp_port;
        struct eth_addr eth_addr;
        uint8_t ip_proto;
    } fields;
    int i;

    memset(&fields, 0, sizeof fields);
    for (i = 0; i < 3; i++) {
        fields.eth_addr.be16[i] = flow->dl_src.be16[i] ^ flow->dl_dst.be16[i];
    }
    for (i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        fields.vlan_tci ^= flow->vlans[i].tci & htons(VLAN_VID_MASK);
    }
    fields.eth_type = flow->dl_type;
    if (fields.eth_type == htons(ETH_TYPE_IP)) {
        fields.ipv4_addr = flow->nw_src ^ flow->nw_dst;
    } else if (fields.eth_type == htons(ETH_TYPE_IPV6)) {
        const uint8_t *a = flow->ipv6_src.s6_addr;
        const uint8_t *b = flow->ipv6_dst.s6_addr;

        for (i = 0; i < 16; i++) {
            fields.ipv6_addr.s6_addr[i] = a[i] ^ b[i];
        }
    }
    if (fields.eth_type == htons(ETH_TYPE_IP)
        || fields.eth_type == htons(ETH_TYPE_IPV6)) {
        fields.ip_proto = flow->nw_proto;
        if (fields.ip_proto == IPPROTO_TCP
            || fields.ip_proto == IPPROTO_SCTP) {
            fields.tp_port = flow->tp_src ^ flow->tp_dst;
        }
    }
    return jhash_bytes(&fields, sizeof fields, basis);
}

/* "symmetric_l3l4" and "symmetric_l3l4+udp". */
static uint32_t
hash_symmetric_l3l4(const struct flow *flow, uint32_t basis, bool udp)
{
    uint32_t hash = basis;

    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        hash = hash_add(hash, (uint32_t) (flow->nw_src
                                                    ^ flow->nw_dst));
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        int i;

        for (i = 0; i < 2; i++) {
            uint64_t a, b;

            memcpy(&a, &flow->ipv6_src.s6_addr[i * 8], 8);
            memcpy(&b, &flow->ipv6_dst.s6_addr[i * 8], 8);
            hash = hash_add64(hash, a ^ b);
        }
    } else {
        return 0;
    }
    hash = hash_add(hash, flow->nw_proto);
    if (!(flow->nw_frag & FLOW_NW_FRAG_MASK)
        && (flow->nw_proto == IPPROTO_TCP || flow->nw_proto == IPPROTO_SCTP
            || (udp && flow->nw_proto == IPPROTO_UDP))) {
        hash = hash_add(hash, (uint16_t) (flow->tp_src
                                                    ^ flow->tp_dst));
    }
    return hash_finish(hash, basis);
}

/* "symmetric_l3": the IP addresses only. */
static uint32_t
hash_symmetric_l3(const struct flow *flow, uint32_t basis)
{
    struct {
        union {
            ovs_be32 ipv4_addr;
            struct in6_addr ipv6_addr;
        };
        ovs_be16 eth_type;
    } fields;
    int i;

    memset(&fields, 0, sizeof fields);
    fields.eth_type = flow->dl_type;
    if (fields.eth_type == htons(ETH_TYPE_IP)) {
        fields.ipv4_addr = flow->nw_src ^ flow->nw_dst;
    } else if (fields.eth_type == htons(ETH_TYPE_IPV6)) {
        for (i = 0; i < 16; i++) {
            fields.ipv6_addr.s6_addr[i] = (flow->ipv6_src.s6_addr[i]
                                           ^ flow->ipv6_dst.s6_addr[i]);
        }
    }
    return jhash_bytes(&fields, sizeof fields, basis);
}

uint32_t
xlate_flow_hash_fields(const struct flow *flow, enum nx_hash_fields fields,
                       uint16_t basis)
{
    switch (fields) {
    case NX_HASH_FIELDS_ETH_SRC:
        return jhash_bytes(&flow->dl_src, sizeof flow->dl_src, basis);

    case NX_HASH_FIELDS_SYMMETRIC_L4:
        return hash_symmetric_l4(flow, basis);

    case NX_HASH_FIELDS_SYMMETRIC_L3L4:
        return hash_symmetric_l3l4(flow, basis, false);

    case NX_HASH_FIELDS_SYMMETRIC_L3L4_UDP:
        return hash_symmetric_l3l4(flow, basis, true);

    case NX_HASH_FIELDS_NW_SRC:
        if (flow->dl_type == htons(ETH_TYPE_IP)) {
            return jhash_bytes(&flow->nw_src, sizeof flow->nw_src, basis);
        } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
            return jhash_bytes(&flow->ipv6_src, sizeof flow->ipv6_src,
                               basis);
        }
        return basis;

    case NX_HASH_FIELDS_NW_DST:
        if (flow->dl_type == htons(ETH_TYPE_IP)) {
            return jhash_bytes(&flow->nw_dst, sizeof flow->nw_dst, basis);
        } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
            return jhash_bytes(&flow->ipv6_dst, sizeof flow->ipv6_dst,
                               basis);
        }
        return basis;

    case NX_HASH_FIELDS_SYMMETRIC_L3:
        return hash_symmetric_l3(flow, basis);
    }
    return basis;
}

/* Marks the IP addresses of 'flow' (IPv4 or IPv6), as 'src' and 'dst'
 * say, as examined in 'wc'. */
static void
mask_ip_addrs(const struct flow *flow, struct flow_wildcards *wc,
              bool src, bool dst)
{
    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        if (src) {
            WC_MASK_FIELD(wc, nw_src);
        }
        if (dst) {
            WC_MASK_FIELD(wc, nw_dst);
        }
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        if (src) {
            WC_MASK_FIELD(wc, ipv6_src);
        }
        if (dst) {
            WC_MASK_FIELD(wc, ipv6_dst);
        }
    }
}

void
xlate_flow_mask_hash_fields(const struct flow *flow,
                            struct flow_wildcards *wc,
                            enum nx_hash_fields fields)
{
    switch (fields) {
    case NX_HASH_FIELDS_ETH_SRC:
        WC_MASK_FIELD(wc, dl_src);
        break;

    case NX_HASH_FIELDS_SYMMETRIC_L4:
        WC_MASK_FIELD(wc, dl_src);
        WC_MASK_FIELD(wc, dl_dst);
        wc->masks.vlans[0].tci |= htons(VLAN_VID_MASK | VLAN_CFI);
        mask_ip_addrs(flow, wc, true, true);
        if (is_ip_any(flow)) {
            WC_MASK_FIELD(wc, nw_proto);
            /* As upstream: every transport but UDP has its ports (ICMP
             * its type and code) examined. */
            if ((flow->dl_type == htons(ETH_TYPE_IP)
                 && flow->nw_proto == IPPROTO_ICMP)
                || (flow->dl_type == htons(ETH_TYPE_IPV6)
                    && flow->nw_proto == IPPROTO_ICMPV6)) {
                wc->masks.tp_src |= htons(0xff);
                wc->masks.tp_dst |= htons(0xff);
            } else if (flow->nw_proto != IPPROTO_UDP) {
                WC_MASK_FIELD(wc, tp_src);
                WC_MASK_FIELD(wc, tp_dst);
            }
        }
        break;

    case NX_HASH_FIELDS_SYMMETRIC_L3L4_UDP:
    case NX_HASH_FIELDS_SYMMETRIC_L3L4:
        mask_ip_addrs(flow, wc, true, true);
        if (is_ip_any(flow)) {
            WC_MASK_FIELD(wc, nw_proto);
            if (flow->nw_proto == IPPROTO_TCP
                || flow->nw_proto == IPPROTO_SCTP
                || (fields == NX_HASH_FIELDS_SYMMETRIC_L3L4_UDP
                    && flow->nw_proto == IPPROTO_UDP)) {
                WC_MASK_FIELD(wc, tp_src);
                WC_MASK_FIELD(wc, tp_dst);
            }
        }
        break;

    case NX_HASH_FIELDS_NW_SRC:
        mask_ip_addrs(flow, wc, true, false);
        break;

    case NX_HASH_FIELDS_NW_DST:
        mask_ip_addrs(flow, wc, false, true);
        break;

    case NX_HASH_FIELDS_SYMMETRIC_L3:
        mask_ip_addrs(flow, wc, true, true);
        break;
    }
}

/* Highest random weight among 'n_links' links. */
static uint16_t
multipath_hrw(uint32_t hash, unsigned int n_links)
{
    uint32_t best_weight = hash_2words(hash, 0);
    uint16_t best_link = 0;
    unsigned int link;

    for (link = 1; link < n_links; link++) {
        uint32_t weight = hash_2words(hash, link);

        if (weight > best_weight) {
            best_link = link;
            best_weight = weight;
        }
    }
    return best_link;
}

/* Iterative hashing: rehashes until the value modulo the smallest power of
 * two at least 'n_links' (or 2**'arg' if that is larger) is a link. */
static uint16_t
multipath_iter_hash(uint32_t hash, unsigned int n_links, unsigned int arg)
{
    uint32_t modulo;
    uint16_t link;
    int i;

    if (arg >= 32) {
        return hash % n_links;
    }
    modulo = 1u << arg;
    while (modulo < n_links) {
        modulo *= 2;
    }
    i = 0;
    do {
        link = hash_2words(hash, i++) % modulo;
    } while (link >= n_links);
    return link;
}

uint16_t
xlate_multipath_algorithm(uint32_t hash, enum nx_mp_algorithm algorithm,
                          unsigned int n_links, unsigned int arg)
{
    switch (algorithm) {
    case NX_MP_ALG_MODULO_N:
        return hash % n_links;

    case NX_MP_ALG_HASH_THRESHOLD:
        if (n_links == 1) {
            return 0;
        }
        return hash / (UINT32_MAX / n_links + 1);

    case NX_MP_ALG_HRW:
        return (n_links <= 64
                ? multipath_hrw(hash, n_links)
                : multipath_iter_hash(hash, n_links, 0));

    case NX_MP_ALG_ITER_HASH:
        return multipath_iter_hash(hash, n_links, arg);
    }
    return 0;
}

/* Appends the trace line "-> SUBFIELD is now VALUE" for 'sf'. */
static void
report_subfield(struct xlate_ctx *ctx, const struct mf_subfield *sf)
{
    if (ctx->trace) {
        union mf_subvalue value;

        mf_read_subfield(sf, &ctx->flow, &value);
        ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 1);
        ds_put_cstr(ctx->trace, "-> ");
        mf_format_subfield(sf, ctx->trace);
        ds_put_cstr(ctx->trace, " is now ");
        mf_format_subvalue(&value, ctx->trace);
        ds_put_char(ctx->trace, '\n');
    }
}

/* Stores 'value' into subfield 'dst' of the current flow and marks the
 * subfield as examined. */
static void
load_subfield(struct xlate_ctx *ctx, const struct mf_subfield *dst,
              uint64_t value)
{
    union mf_subvalue sv, ones;

    memset(&sv, 0, sizeof sv);
    sv.be64[ARRAY_SIZE(sv.be64) - 1] = htonll(value);
    mf_write_subfield_flow(dst, &sv, &ctx->flow);
    memset(&ones, 0xff, sizeof ones);
    mf_write_subfield_flow(dst, &ones, &ctx->wc->masks);
}

void
xlate_multipath_action(struct xlate_ctx *ctx,
                       const struct ofpact_multipath *mp)
{
    uint32_t hash = xlate_flow_hash_fields(&ctx->flow, mp->fields,
                                           mp->basis);
    uint16_t link = xlate_multipath_algorithm(hash, mp->algorithm,
                                              mp->max_link + 1, mp->arg);

    xlate_flow_mask_hash_fields(&ctx->flow, ctx->wc, mp->fields);
    load_subfield(ctx, &mp->dst, link);
    report_subfield(ctx, &mp->dst);
}

/* Returns true if OpenFlow port 'ofp_port' may be chosen as a bundle
 * member: it exists, is up and may forward. */
static bool
bundle_member_enabled(const struct xlate_ctx *ctx, ofp_port_t ofp_port)
{
    const struct xport *xport = xport_lookup_by_ofp(ctx->xbridge, ofp_port);

    return (xport && xport->may_enable
            && !(xport->config & (XLATE_PC_PORT_DOWN | XLATE_PC_NO_FWD))
            && !(xport->state & XLATE_PS_LINK_DOWN));
}

/* Returns the member of 'bundle' chosen for the current flow, or OFPP_NONE
 * if none is enabled, marking the fields used as examined. */
static ofp_port_t
bundle_choose(struct xlate_ctx *ctx, const struct ofpact_bundle *bundle)
{
    unsigned int i;

    if (bundle->algorithm == NX_BD_ALG_ACTIVE_BACKUP) {
        for (i = 0; i < bundle->n_members; i++) {
            if (bundle_member_enabled(ctx, bundle->members[i])) {
                return bundle->members[i];
            }
        }
        return OFPP_NONE;
    } else {
        uint32_t flow_hash, best_hash = 0;
        int best = -1;

        if (bundle->n_members > 1) {
            xlate_flow_mask_hash_fields(&ctx->flow, ctx->wc,
                                        bundle->fields);
        }
        flow_hash = xlate_flow_hash_fields(&ctx->flow, bundle->fields,
                                           bundle->basis);
        for (i = 0; i < bundle->n_members; i++) {
            if (bundle_member_enabled(ctx, bundle->members[i])) {
                uint32_t hash = hash_2words(i, flow_hash);

                if (best < 0 || hash > best_hash) {
                    best_hash = hash;
                    best = i;
                }
            }
        }
        return best >= 0 ? bundle->members[best] : OFPP_NONE;
    }
}

void
xlate_bundle_action(struct xlate_ctx *ctx,
                    const struct ofpact_bundle *bundle)
{
    ofp_port_t port = bundle_choose(ctx, bundle);

    if (bundle->dst.field) {
        load_subfield(ctx, &bundle->dst, ofp_to_u16(port));
        report_subfield(ctx, &bundle->dst);
    } else {
        xlate_output(ctx, port, 0);
    }
}

/* The register stack: each entry is a union mf_subvalue; like upstream's,
 * it has no practical depth limit (it grows as needed). */

void
xlate_stack_push(struct xlate_ctx *ctx, const struct ofpact_stack *push)
{
    union mf_subvalue value, ones;

    memset(&ones, 0xff, sizeof ones);
    mf_write_subfield_flow(&push->subfield, &ones, &ctx->wc->masks);
    mf_read_subfield(&push->subfield, &ctx->flow, &value);
    ofpbuf_put(&ctx->stack, &value, sizeof value);
}

void
xlate_stack_pop(struct xlate_ctx *ctx, const struct ofpact_stack *pop)
{
    union mf_subvalue value, ones;

    if (ctx->stack.size < sizeof value) {
        xlate_report(ctx, 1, ">>>> stack underflow <<<<");
        return;
    }
    ctx->stack.size -= sizeof value;
    memcpy(&value, (const uint8_t *) ctx->stack.data + ctx->stack.size,
           sizeof value);
    memset(&ones, 0xff, sizeof ones);
    mf_write_subfield_flow(&pop->subfield, &ones, &ctx->wc->masks);
    mf_write_subfield_flow(&pop->subfield, &value, &ctx->flow);
    report_subfield(ctx, &pop->subfield);
}

void
xlate_output_trunc_action(struct xlate_ctx *ctx, ofp_port_t port,
                          uint32_t max_len)
{
    const struct xport *xport;

    switch (port) {
    case OFPP_TABLE:
    case OFPP_NORMAL:
    case OFPP_FLOOD:
    case OFPP_ALL:
    case OFPP_CONTROLLER:
    case OFPP_NONE:
    case OFPP_LOCAL:
    case OFPP_IN_PORT:
        xlate_report(ctx, 1, ">> output_trunc does not support port: %s",
                     port == OFPP_TABLE ? "TABLE"
                     : port == OFPP_NORMAL ? "NORMAL"
                     : port == OFPP_FLOOD ? "FLOOD"
                     : port == OFPP_ALL ? "ALL"
                     : port == OFPP_CONTROLLER ? "CONTROLLER"
                     : port == OFPP_NONE ? "NONE"
                     : port == OFPP_LOCAL ? "LOCAL" : "IN_PORT");
        return;
    default:
        break;
    }
    if (port == ctx->flow.in_port.ofp_port) {
        xlate_report(ctx, 1, ">> skipping output to input port");
        return;
    }
    xport = xport_lookup_by_ofp(ctx->xbridge, port);
    if (!xport) {
        xlate_report(ctx, 1, ">> Nonexistent output port");
        return;
    }
    if (xport->odp_port == ODPP_NONE
        || xport->config & (XLATE_PC_PORT_DOWN | XLATE_PC_NO_FWD)
        || !xport->may_enable) {
        return;
    }
    {
        struct ovs_action_trunc trunc = { .max_len = max_len };

        nl_msg_put_unspec(ctx->odp_actions, OVS_ACTION_ATTR_TRUNC,
                          &trunc, sizeof trunc);
    }
    compose_output(ctx, xport);
}

/* Returns the packet priority (skb_priority) that selects QoS queue
 * 'queue_id' in the bridge's datapath, as upstream's
 * dpif_queue_to_priority(): a Linux tc class id (major 1, minor
 * 'queue_id' + 1) on the kernel datapath, the queue id itself on the
 * userspace one. */
static uint32_t
queue_to_priority(const struct xlate_ctx *ctx, uint32_t queue_id)
{
    const char *type = ctx->xbridge->dpif ? dpif_type(ctx->xbridge->dpif)
                                          : NULL;

    if (type && !strcmp(type, "system")) {
        return (1u << 16) | ((queue_id + 1) & 0xffff);
    }
    return queue_id;
}

void
xlate_set_queue_action(struct xlate_ctx *ctx, uint32_t queue_id)
{
    ctx->flow.skb_priority = queue_to_priority(ctx, queue_id);
}

void
xlate_pop_queue_action(struct xlate_ctx *ctx)
{
    WC_MASK_FIELD(ctx->wc, skb_priority);
    if (ctx->flow.skb_priority != ctx->xin->flow.skb_priority) {
        ctx->flow.skb_priority = ctx->xin->flow.skb_priority;
        xlate_report(ctx, 1, "-> queue = %#"PRIx32,
                     ctx->flow.skb_priority);
    }
}

void
xlate_enqueue_action(struct xlate_ctx *ctx,
                     const struct ofpact_enqueue *enq)
{
    uint32_t saved_priority = ctx->flow.skb_priority;

    WC_MASK_FIELD(ctx->wc, skb_priority);
    ctx->flow.skb_priority = queue_to_priority(ctx, enq->queue);
    xlate_output(ctx, enq->port, 0);
    ctx->flow.skb_priority = saved_priority;
}

void
xlate_sample_action(struct xlate_ctx *ctx OVS_UNUSED,
                    const struct ofpact_sample *sample OVS_UNUSED)
{
    /* Sampling sends packets to an IPFIX collector set: with none
     * configured (this switch has no IPFIX exporter yet), upstream emits
     * nothing for the action either. */
}

void
xlate_fin_timeout_action(struct xlate_ctx *ctx,
                         const struct ofpact_fin_timeout *oft)
{
    uint16_t tcp_flags;

    /* As upstream: the action depends on the packet being TCP. */
    WC_MASK_FIELD(ctx->wc, nw_proto);
    if (!ctx->rule || !ctx->xin->allow_side_effects) {
        return;
    }
    tcp_flags = (ctx->xin->resubmit_stats
                 ? ctx->xin->resubmit_stats->tcp_flags
                 : ctx->xin->packet ? ntohs(ctx->xin->flow.tcp_flags) : 0);
    if (tcp_flags & (TCP_FIN | TCP_RST)) {
        xlate_rule_reduce_timeouts(ctx->rule, oft->fin_idle_timeout,
                                     oft->fin_hard_timeout);
    }
}

void
xlate_credit_rule(struct xlate_ctx *ctx, struct rule *rule)
{
    if (ctx->xin->resubmit_stats && rule) {
        rule_dpif_credit_stats(rule_dpif_cast(rule),
                               ctx->xin->resubmit_stats);
    }
}
