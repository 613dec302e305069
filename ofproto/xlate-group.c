/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Translation of the OpenFlow "group" action, and of the recirculation that
 * select groups use.
 *
 * Every bucket runs on a copy of the flow: what a bucket changes does not
 * leak into what follows the group action (the next output commits the
 * flow back).
 *
 *   - all: every bucket, in order;
 *   - indirect: its bucket;
 *   - fast failover: the first live bucket (one whose watch port is up or
 *     whose watch group has a live bucket);
 *   - select, "dp_hash" method (the default): the first translation emits
 *     hash(sym_l4(basis)),recirc(ID) and freezes the translation from the
 *     group on (xlate-freeze.c); the recirculated packet, with its
 *     dp_hash, resumes it ("thaw") and takes the bucket that the group's
 *     hash map gives for dp_hash & mask (the megaflow matches on those
 *     bits only);
 *   - select, "hash" method (or when the weights need more than 256 hash
 *     slots): highest random weight over a hash of the flow (the selected
 *     fields for "hash", a symmetric L2-L4 hash otherwise), no
 *     recirculation. */

#include <config.h>

#include <errno.h>
#include <string.h>
#include "dpif.h"
#include "hash.h"
#include "netlink.h"
#include "ofproto/ofproto-dpif-xlate-private.h"
#include "ofproto/ofproto-dpif.h"
#include "ofproto/ofproto-group.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-group.h"
#include "openvswitch/util.h"
#include "ovs-thread.h"
#include "packets.h"
#include "timeval.h"
#include "linux/openvswitch.h"

/* Deepest chain of groups (a bucket's group action) and of watch groups
 * followed. */
#define MAX_GROUP_DEPTH 32

/* Returns the generic switch of the bridge being translated. */
static const struct ofproto *
ctx_ofproto(const struct xlate_ctx *ctx)
{
    return &ctx->xin->ofproto->up;
}

/* Liveness. */

static bool group_is_live(const struct xlate_ctx *, uint32_t group_id,
                          int depth);

/* True if OpenFlow port 'port' can forward (exists, is up, has a link). */
static bool
port_is_live(const struct xlate_ctx *ctx, ofp_port_t port)
{
    const struct xport *xport = xport_lookup_by_ofp(ctx->xbridge, port);

    return (xport && xport->may_enable
            && !(xport->config & XLATE_PC_PORT_DOWN)
            && !(xport->state & XLATE_PS_LINK_DOWN));
}

/* True if 'bucket' may be used: it watches nothing, or what it watches is
 * live.  'depth' bounds the chain of watch groups. */
static bool
bucket_is_live(const struct xlate_ctx *ctx,
               const struct ofputil_bucket *bucket, int depth)
{
    if (bucket->watch_port != OFPP_ANY
        && !port_is_live(ctx, bucket->watch_port)) {
        return false;
    }
    if (bucket->watch_group != OFPG_ANY
        && !group_is_live(ctx, bucket->watch_group, depth + 1)) {
        return false;
    }
    return true;
}

/* True if group 'group_id' exists and has a live bucket. */
static bool
group_is_live(const struct xlate_ctx *ctx, uint32_t group_id, int depth)
{
    struct ofgroup *group;
    bool live = false;
    uint32_t i;

    if (depth >= MAX_GROUP_DEPTH) {
        return false;
    }
    group = ofproto_group_lookup(ctx_ofproto(ctx), group_id);
    if (!group) {
        return false;
    }
    for (i = 0; i < group->n_buckets && !live; i++) {
        live = bucket_is_live(ctx, group->bucket_array[i], depth);
    }
    ofgroup_unref(group);
    return live;
}

/* Buckets. */

/* Translates 'bucket' of 'group' on a copy of the flow. */
static void
xlate_group_bucket(struct xlate_ctx *ctx,
                   const struct ofputil_bucket *bucket)
{
    const struct ofpact *saved_action = ctx->action;
    struct flow saved_flow = ctx->flow;
    int saved_indent = ctx->indent;

    xlate_report(ctx, 0, "bucket %"PRIu32, bucket->bucket_id);
    ctx->indent += 8;
    ctx->depth++;
    do_xlate_actions(bucket->ofpacts, bucket->ofpacts_len, ctx, false);
    ctx->depth--;
    ctx->indent = saved_indent;
    ctx->action = saved_action;

    /* What the bucket changed does not outlive it (the datapath actions
     * restore the packet at the next output).  A pipeline frozen inside
     * the bucket keeps its flow, for the trace's "Final flow". */
    if (!ctx->exit && !ctx->freezing) {
        ctx->flow = saved_flow;
    }
}

/* Credits the statistics being pushed by this translation, if any, to
 * 'group' and 'bucket' (NULL for the group alone). */
static void
credit(struct xlate_ctx *ctx, struct ofgroup *group,
       const struct ofputil_bucket *bucket)
{
    const struct dpif_flow_stats *stats = ctx->xin->resubmit_stats;

    if (stats) {
        ofgroup_credit_stats(group, bucket, stats->n_packets,
                             stats->n_bytes);
    }
}

void
xlate_group_action_set_written(struct xlate_ctx *ctx)
{
    const struct ofpact *a;
    bool has_group = false;

    OFPACT_FOR_EACH (a, ctx->action_set.data, ctx->action_set.size) {
        has_group |= a->type == OFPACT_GROUP;
    }
    if (has_group) {
        /* As upstream: the group takes the place of any output, written
         * before or after it. */
        struct ofpbuf set;

        ofpbuf_init(&set, ctx->action_set.size);
        OFPACT_FOR_EACH (a, ctx->action_set.data, ctx->action_set.size) {
            if (a->type != OFPACT_OUTPUT) {
                ofpbuf_put(&set, a, OFPACT_ALIGN(a->len));
            }
        }
        ofpbuf_uninit(&ctx->action_set);
        ctx->action_set = set;
        ctx->flow.actset_output = ctx->xin->flow.actset_output;
    }
}

void
xlate_unroll_action(struct xlate_ctx *ctx,
                    const struct ofpact_unroll_xlate *unroll)
{
    ctx->table_id = unroll->rule_table_id;
    ctx->rule_cookie = unroll->rule_cookie;
    xlate_report(ctx, 0, "restored state: table=%"PRIu8", cookie=%#"PRIx64,
                 unroll->rule_table_id, ntohll(unroll->rule_cookie));
}

/* Select groups: hashing the flow. */

/* Returns the hash of 'flow' that the "hash" selection method of 'group'
 * uses (the selected fields, each with its prerequisites, masked in
 * 'ctx->wc'), or for the other methods a symmetric L2-L4 hash. */
static uint32_t
select_flow_hash(struct xlate_ctx *ctx, const struct ofgroup *group)
{
    const struct ofputil_group_props *props = &group->props;
    uint32_t basis = (uint32_t) props->selection_method_param;
    struct flow_wildcards *wc = ctx->wc;
    const struct flow *flow = &ctx->flow;

    if (!strcmp(props->selection_method, "hash")) {
        const uint8_t *p = props->fields.values;
        uint32_t hash = basis;
        size_t i;

        for (i = 0; i < MFF_N_IDS; i++) {
            const struct mf_field *mf;
            union mf_value value, mask;
            size_t j;

            if (!mf_bitmap_is_set(&props->fields.used, i)) {
                continue;
            }
            /* 'values' holds each field's mask (ofp-group.c). */
            mf = mf_from_id(i);
            memset(&mask, 0, sizeof mask);
            memcpy(&mask, p, mf->n_bytes);
            p += mf->n_bytes;
            if (!mf_are_prereqs_ok(mf, flow, wc)) {
                continue;
            }
            mf_mask_field_masked(mf, &mask, wc);
            mf_get_value(mf, flow, &value);
            for (j = 0; j < mf->n_bytes; j++) {
                ((uint8_t *) &value)[j] &= ((uint8_t *) &mask)[j];
            }
            hash = hash_bytes(&value, mf->n_bytes, hash);
        }
        return hash;
    }

    /* Symmetric L2-L4: the addresses and, for TCP and SCTP, the ports. */
    WC_MASK_FIELD(wc, dl_src);
    WC_MASK_FIELD(wc, dl_dst);
    WC_MASK_FIELD(wc, dl_type);
    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        WC_MASK_FIELD(wc, nw_src);
        WC_MASK_FIELD(wc, nw_dst);
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        WC_MASK_FIELD(wc, ipv6_src);
        WC_MASK_FIELD(wc, ipv6_dst);
    }
    if (is_ip_any(flow)) {
        WC_MASK_FIELD(wc, nw_proto);
        if (flow->nw_proto == IPPROTO_TCP
            || flow->nw_proto == IPPROTO_SCTP) {
            WC_MASK_FIELD(wc, tp_src);
            WC_MASK_FIELD(wc, tp_dst);
        }
    }
    return flow_hash_symmetric_l4(flow, basis);
}

/* Returns the live bucket of the select group 'group' with the highest
 * score, (hash of the flow and bucket id) * weight, or NULL. */
static const struct ofputil_bucket *
select_by_score(struct xlate_ctx *ctx, const struct ofgroup *group)
{
    const struct ofputil_bucket *best = NULL;
    uint32_t flow_hash = select_flow_hash(ctx, group);
    uint64_t best_score = 0;
    uint32_t i;

    for (i = 0; i < group->n_buckets; i++) {
        const struct ofputil_bucket *bucket = group->bucket_array[i];
        uint64_t score;

        if (!bucket->weight || !bucket_is_live(ctx, bucket, 0)) {
            continue;
        }
        score = ((uint64_t) (hash_int(bucket->bucket_id, flow_hash)
                             & 0xffff) * bucket->weight);
        xlate_report(ctx, 1, "-> bucket %"PRIu32": score %"PRIu64,
                     bucket->bucket_id, score);
        if (!best || score > best_score) {
            best = bucket;
            best_score = score;
        }
    }
    return best;
}

/* Returns the position of the bucket of the select group 'group' that
 * hash slot 'slot' goes to when only its live buckets count (the slots
 * dealt again among them as ofproto-group.c deals them to all), or -1 if
 * no bucket is live. */
static int
live_hash_slot(const struct xlate_ctx *ctx, const struct ofgroup *group,
               uint32_t slot)
{
    uint32_t *allotted = xcalloc(group->n_buckets, sizeof *allotted);
    bool *live = xcalloc(group->n_buckets, sizeof *live);
    int best = -1;
    uint32_t i, j;

    for (j = 0; j < group->n_buckets; j++) {
        live[j] = (group->bucket_array[j]->weight
                   && bucket_is_live(ctx, group->bucket_array[j], 0));
    }
    for (i = 0; i <= slot; i++) {
        best = -1;
        for (j = 0; j < group->n_buckets; j++) {
            uint64_t w = group->bucket_array[j]->weight;

            if (!live[j]) {
                continue;
            }
            if (best < 0
                || (w * (2 * allotted[best] + 1)
                    > (uint64_t) group->bucket_array[best]->weight
                      * (2 * allotted[j] + 1))) {
                best = j;
            }
        }
        if (best < 0) {
            break;
        }
        allotted[best]++;
    }
    free(allotted);
    free(live);
    return best;
}

/* Translates the select group 'group'. */
static void
xlate_select_group(struct xlate_ctx *ctx, struct ofgroup *group)
{
    const struct ofputil_bucket *bucket = NULL;

    if (group->hash_map) {
        if (!ctx->flow.dp_hash) {
            /* No hash yet: let the datapath compute one. */
            xlate_report(ctx, 1, "-> no live bucket");
            xlate_freeze_group(ctx,
                               (uint32_t) group->props.selection_method_param);
            return;
        }
        uint32_t slot = ctx->flow.dp_hash & group->hash_mask;
        int pos = group->hash_map[slot];

        ctx->wc->masks.dp_hash |= group->hash_mask;
        if (pos < 0 || !bucket_is_live(ctx, group->bucket_array[pos], 0)) {
            pos = live_hash_slot(ctx, group, slot);
        }
        if (pos >= 0) {
            bucket = group->bucket_array[pos];
        }
    } else {
        bucket = select_by_score(ctx, group);
    }

    if (bucket) {
        xlate_report(ctx, 1, "-> using bucket %"PRIu32, bucket->bucket_id);
        credit(ctx, group, NULL);
        credit(ctx, group, bucket);
        xlate_group_bucket(ctx, bucket);
    } else {
        xlate_report(ctx, 1, "-> no live bucket");
    }
}

/* Translates the fast failover group 'group': its first live bucket. */
static void
xlate_ff_group(struct xlate_ctx *ctx, struct ofgroup *group)
{
    uint32_t i;

    for (i = 0; i < group->n_buckets; i++) {
        const struct ofputil_bucket *bucket = group->bucket_array[i];

        if (bucket_is_live(ctx, bucket, 0)) {
            xlate_report(ctx, 1, "-> using bucket %"PRIu32,
                         bucket->bucket_id);
            credit(ctx, group, NULL);
            credit(ctx, group, bucket);
            xlate_group_bucket(ctx, bucket);
            return;
        }
        if (ctx->trace) {
            /* Upstream says "port" for a watch group too. */
            xlate_report(ctx, 1, "-> bucket %"PRIu32": not live due to "
                         "port %"PRIu32, bucket->bucket_id,
                         (bucket->watch_port != OFPP_ANY
                          && !port_is_live(ctx, bucket->watch_port)
                          ? (uint32_t) ofp_to_u16(bucket->watch_port)
                          : bucket->watch_group));
        }
    }
    xlate_report(ctx, 1, "-> no live bucket");
}

void
xlate_group_action(struct xlate_ctx *ctx, uint32_t group_id)
{
    struct ofgroup *group;
    uint32_t i;

    /* Each bucket nests one level deeper, as a resubmit does. */
    if (ctx->depth - 1 >= XLATE_MAX_DEPTH) {
        xlate_report(ctx, 1, ">>>> over max translation depth %d <<<<",
                     XLATE_MAX_DEPTH);
        ctx->error = XLATE_RECURSION_TOO_DEEP;
        return;
    }
    group = ofproto_group_lookup(ctx_ofproto(ctx), group_id);
    if (!group) {
        /* A bucket may name a group that does not exist (any more). */
        xlate_report(ctx, 1, ">> output to nonexistent group %"PRIu32,
                     group_id);
        return;
    }

    switch (group->type) {
    case OFPGT11_ALL:
    case OFPGT11_INDIRECT:
        credit(ctx, group, NULL);
        for (i = 0; i < group->n_buckets && !ctx->exit && !ctx->error
                    && !ctx->freezing; i++) {
            credit(ctx, group, group->bucket_array[i]);
            xlate_group_bucket(ctx, group->bucket_array[i]);
        }
        break;

    case OFPGT11_SELECT:
        xlate_select_group(ctx, group);
        break;

    case OFPGT11_FF:
        xlate_ff_group(ctx, group);
        break;
    }
    ofgroup_unref(group);
}
