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
 *     hash(sym_l4(basis)),recirc(ID) and freezes what remains of the
 *     actions under ID; the recirculated packet, with its dp_hash, resumes
 *     them ("thaw") and takes the bucket that the group's hash map gives
 *     for dp_hash & mask (the megaflow matches on those bits only);
 *   - select, "hash" method (or when the weights need more than 256 hash
 *     slots): highest random weight over a hash of the flow (the selected
 *     fields for "hash", a symmetric L2-L4 hash otherwise), no
 *     recirculation.
 *
 * Frozen states are shared: an equal state reuses the id frozen before.
 * Each remembers when it was last used (frozen or thawed for a packet, or
 * seen by a revalidator in the key or actions of a datapath flow); after
 * each revalidator dump, the states that no datapath flow used for a while
 * are freed, so their number follows the datapath flows that use them. */

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

/* The state of a translation frozen at a select group, resumed when the
 * packet comes back with recirculation id 'recirc_id'. */
struct frozen_state {
    struct hmap_node id_node;   /* In 'frozen_by_id', by 'recirc_id'. */
    struct hmap_node state_node; /* In 'frozen_by_state', by 'hash'. */
    uint32_t hash;              /* Hash of the state (all below but the
                                 * id). */
    uint32_t recirc_id;         /* Its recirculation id. */
    long long int used;         /* Last time (msec) a translation froze or
                                 * thawed it or a datapath flow was seen
                                 * using it. */
    const struct ofproto_dpif *ofproto; /* The bridge. */
    const struct dpif_backer *backer; /* The bridge's datapath. */
    uint8_t table_id;           /* Table of the rule being translated. */
    ovs_be64 rule_cookie;       /* Cookie of that rule. */
    struct flow metadata;       /* The flow's metadata (registers,
                                 * metadata, tunnel...). */
    bool in_action_set;         /* Was the action set executing? */
    struct ofpbuf actions;      /* unroll_xlate + the actions to resume. */
    struct ofpbuf action_set;   /* The action set. */
    struct ofpbuf stack;        /* The register stack. */
};

static struct ovs_mutex frozen_mutex = OVS_MUTEX_INITIALIZER;
static struct hmap frozen_by_id = HMAP_INITIALIZER(&frozen_by_id);
static struct hmap frozen_by_state = HMAP_INITIALIZER(&frozen_by_state);

/* A frozen state is freed once no datapath flow of its bridge's datapath
 * used it (matched on its id or recirculated to it) during a revalidator
 * dump that started this long (msec) after its last use: the grace covers
 * flows being installed while a dump runs. */
#define FROZEN_STATE_GRACE 1000

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
    if (!ctx->exit) {
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

/* Select groups: recirculation. */

/* True if the translation in 'ctx' is a packet's (a handler's upcall):
 * the state it freezes or thaws is about to be used by a new datapath
 * flow, so it is marked used.  Traces and revalidations do not mark
 * (revalidators mark what the datapath flows they see use). */
static bool
frozen_may_mark(const struct xlate_ctx *ctx)
{
    return !ctx->trace && ctx->xin->allow_side_effects;
}

/* Returns the hash of the content of 'state' (not its id). */
static uint32_t
frozen_state_hash(const struct frozen_state *state)
{
    uint32_t hash = hash_pointer(state->ofproto, state->table_id);

    hash = hash_bytes(&state->rule_cookie, sizeof state->rule_cookie, hash);
    hash = hash_bytes(&state->metadata, sizeof state->metadata, hash);
    hash = hash_bytes(state->actions.data, state->actions.size, hash);
    hash = hash_bytes(state->action_set.data, state->action_set.size, hash);
    hash = hash_bytes(state->stack.data, state->stack.size, hash);
    return hash_int(state->in_action_set, hash);
}

/* True if 'a' and 'b' hold the same state. */
static bool
frozen_state_equal(const struct frozen_state *a,
                   const struct frozen_state *b)
{
    return (a->ofproto == b->ofproto
            && a->table_id == b->table_id
            && a->rule_cookie == b->rule_cookie
            && a->in_action_set == b->in_action_set
            && flow_equal(&a->metadata, &b->metadata)
            && ofpbuf_equal(&a->actions, &b->actions)
            && ofpbuf_equal(&a->action_set, &b->action_set)
            && ofpbuf_equal(&a->stack, &b->stack));
}

/* Frees 'state' (not in the maps). */
static void
frozen_state_destroy(struct frozen_state *state)
{
    if (state) {
        ofpbuf_uninit(&state->actions);
        ofpbuf_uninit(&state->action_set);
        ofpbuf_uninit(&state->stack);
        free(state);
    }
}

/* Returns the recirculation id of 'state' (which this function takes):
 * the id of an equal state frozen before (marked used now if 'mark'), or
 * a new one.  A state frozen
 * by a trace is not kept (as upstream, whose trace releases what it
 * allocated): its id is returned but cannot be resumed. */
static uint32_t
frozen_state_install(struct frozen_state *state, bool keep, bool mark)
{
    struct frozen_state *old;
    uint32_t id;

    state->hash = frozen_state_hash(state);
    ovs_mutex_lock(&frozen_mutex);
    HMAP_FOR_EACH_WITH_HASH (old, state_node, state->hash,
                             &frozen_by_state) {
        if (frozen_state_equal(old, state)) {
            id = old->recirc_id;
            if (mark) {
                old->used = time_msec();
            }
            ovs_mutex_unlock(&frozen_mutex);
            frozen_state_destroy(state);
            return id;
        }
    }
    id = state->recirc_id = xlate_alloc_recirc_id();
    state->used = time_msec();
    if (keep) {
        hmap_insert(&frozen_by_state, &state->state_node, state->hash);
        hmap_insert(&frozen_by_id, &state->id_node, hash_int(id, 0));
        state = NULL;
    }
    ovs_mutex_unlock(&frozen_mutex);
    frozen_state_destroy(state);
    return id;
}

/* Freezes the translation at the group action 'ctx->action' (the rest of
 * its list up to 'end' is resumed after recirculation) and emits the
 * datapath actions that hash the packet with 'basis' and recirculate it. */
static void
xlate_group_freeze(struct xlate_ctx *ctx, uint32_t basis,
                   const struct ofpact *end)
{
    struct frozen_state *state = xzalloc(sizeof *state);
    struct ofpact_unroll_xlate *unroll;
    struct ovs_action_hash hash;
    uint32_t id;

    state->ofproto = ctx->xin->ofproto;
    state->backer = ofproto_dpif_get_backer(ctx->xin->ofproto);
    state->table_id = ctx->table_id;
    state->rule_cookie = ctx->rule ? ctx->rule->flow_cookie : htonll(0);
    flow_get_metadata(&ctx->flow, &state->metadata);
    state->metadata.dp_hash = 0;
    state->metadata.recirc_id = 0;
    state->in_action_set = ctx->in_action_set;

    ofpbuf_init(&state->actions, 64);
    unroll = ofpact_put_UNROLL_XLATE(&state->actions);
    unroll->rule_table_id = state->table_id;
    unroll->rule_cookie = state->rule_cookie;
    ofpbuf_put(&state->actions, ctx->action,
               (const uint8_t *) end - (const uint8_t *) ctx->action);

    ofpbuf_init(&state->action_set, ctx->action_set.size);
    ofpbuf_put(&state->action_set, ctx->action_set.data,
               ctx->action_set.size);
    ofpbuf_clear(&ctx->action_set);
    ofpbuf_init(&state->stack, ctx->stack.size);
    ofpbuf_put(&state->stack, ctx->stack.data, ctx->stack.size);

    /* Traces do not keep what they freeze; dry runs (no packet, no
     * megaflow, no side effects, no trace) need no id at all. */
    if (!ctx->trace && !ctx->xin->packet && !ctx->xin->wc
        && !ctx->xin->allow_side_effects) {
        frozen_state_destroy(state);
        id = 0;
    } else {
        id = frozen_state_install(state, !ctx->trace,
                                  frozen_may_mark(ctx));
    }

    commit_changes(ctx);
    memset(&hash, 0, sizeof hash);
    hash.hash_alg = (ofproto_dpif_get_backer(ctx->xin->ofproto)->sym_l4_hash
                     ? OVS_HASH_ALG_SYM_L4 : OVS_HASH_ALG_L4);
    hash.hash_basis = basis;
    nl_msg_put_unspec(ctx->odp_actions, OVS_ACTION_ATTR_HASH,
                      &hash, sizeof hash);
    nl_msg_put_u32(ctx->odp_actions, OVS_ACTION_ATTR_RECIRC, id);

    /* Nothing else runs in this pass. */
    ctx->exit = true;
}

void
xlate_group_thaw(struct xlate_ctx *ctx)
{
    struct frozen_state *state, *found = NULL;
    uint32_t id = ctx->flow.recirc_id;
    struct ofpbuf actions;

    ovs_mutex_lock(&frozen_mutex);
    HMAP_FOR_EACH_WITH_HASH (state, id_node, hash_int(id, 0),
                             &frozen_by_id) {
        if (state->recirc_id == id
            && state->ofproto == ctx->xin->ofproto) {
            found = state;
            break;
        }
    }
    if (found) {
        struct flow *flow = &ctx->flow;
        const struct flow *md = &found->metadata;

        if (frozen_may_mark(ctx)) {
            found->used = time_msec();
        }

        /* What the datapath does not carry comes from the frozen state. */
        flow_copy_pipeline_metadata(flow, md);
        ctx->table_id = found->table_id;
        ctx->in_action_set = found->in_action_set;
        ofpbuf_clear(&ctx->action_set);
        ofpbuf_put(&ctx->action_set, found->action_set.data,
                   found->action_set.size);
        ofpbuf_clear(&ctx->stack);
        ofpbuf_put(&ctx->stack, found->stack.data, found->stack.size);
        ofpbuf_init(&actions, found->actions.size);
        ofpbuf_put(&actions, found->actions.data, found->actions.size);
    }
    ovs_mutex_unlock(&frozen_mutex);

    if (!found) {
        xlate_report(ctx, 1, ">>>> Recirculation context not found for ID "
                     "%"PRIx32" <<<<", id);
        ctx->error = XLATE_NO_RECIRCULATION_CONTEXT;
        return;
    }
    if (ctx->trace) {
        struct ofpact_format_params fp = { .s = ctx->trace };

        xlate_report(ctx, 0, "thaw");
        xlate_report(ctx, 8, "Resuming from table %d", ctx->table_id);
        ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 4);
        ds_put_cstr(ctx->trace, "Restoring actions: ");
        ofpacts_format(actions.data, actions.size, &fp);
        ds_put_char(ctx->trace, '\n');
    }
    do_xlate_actions(actions.data, actions.size, ctx, false);
    ofpbuf_uninit(&actions);
}

void
xlate_group_states_remove(const struct ofproto_dpif *ofproto)
{
    struct frozen_state *state;

    ovs_mutex_lock(&frozen_mutex);
    HMAP_FOR_EACH_SAFE (state, id_node, &frozen_by_id) {
        if (state->ofproto == ofproto) {
            hmap_remove(&frozen_by_id, &state->id_node);
            hmap_remove(&frozen_by_state, &state->state_node);
            frozen_state_destroy(state);
        }
    }
    ovs_mutex_unlock(&frozen_mutex);
}

/* Marks as used now the frozen state with id 'id', if any.  Called with
 * 'frozen_mutex' held. */
static void
frozen_state_mark(uint32_t id, long long int now)
    OVS_REQUIRES(frozen_mutex)
{
    struct frozen_state *state;

    HMAP_FOR_EACH_WITH_HASH (state, id_node, hash_int(id, 0),
                             &frozen_by_id) {
        if (state->recirc_id == id) {
            state->used = now;
        }
    }
}

/* Marks the recirculation ids in the 'len' bytes of datapath actions
 * 'actions' (also inside clone and sample). */
static void
frozen_state_mark_actions(const struct nlattr *actions, size_t len,
                          long long int now, int depth)
    OVS_REQUIRES(frozen_mutex)
{
    const struct nlattr *a;
    size_t left;

    if (depth > 8) {
        return;
    }
    NL_ATTR_FOR_EACH (a, left, actions, len) {
        switch (nl_attr_type(a)) {
        case OVS_ACTION_ATTR_RECIRC:
            if (nl_attr_get_size(a) == sizeof(uint32_t)) {
                frozen_state_mark(nl_attr_get_u32(a), now);
            }
            break;
        case OVS_ACTION_ATTR_CLONE:
            frozen_state_mark_actions(nl_attr_get(a), nl_attr_get_size(a),
                                      now, depth + 1);
            break;
        case OVS_ACTION_ATTR_SAMPLE: {
            const struct nlattr *b;
            size_t left2;

            NL_NESTED_FOR_EACH (b, left2, a) {
                if (nl_attr_type(b) == OVS_SAMPLE_ATTR_ACTIONS) {
                    frozen_state_mark_actions(nl_attr_get(b),
                                              nl_attr_get_size(b),
                                              now, depth + 1);
                }
            }
            break;
        }
        default:
            break;
        }
    }
}

void
xlate_group_states_mark_flow(const struct nlattr *key, size_t key_len,
                             const struct nlattr *actions,
                             size_t actions_len)
{
    long long int now = time_msec();
    const struct nlattr *a;
    size_t left;

    ovs_mutex_lock(&frozen_mutex);
    if (!hmap_is_empty(&frozen_by_id)) {
        NL_ATTR_FOR_EACH (a, left, key, key_len) {
            if (nl_attr_type(a) == OVS_KEY_ATTR_RECIRC_ID
                && nl_attr_get_size(a) == sizeof(uint32_t)) {
                uint32_t id = nl_attr_get_u32(a);

                if (id) {
                    frozen_state_mark(id, now);
                }
            }
        }
        frozen_state_mark_actions(actions, actions_len, now, 0);
    }
    ovs_mutex_unlock(&frozen_mutex);
}

void
xlate_group_states_sweep(const struct dpif_backer *backer,
                         long long int dump_start)
{
    long long int limit = dump_start - FROZEN_STATE_GRACE;
    struct frozen_state *state;

    ovs_mutex_lock(&frozen_mutex);
    HMAP_FOR_EACH_SAFE (state, id_node, &frozen_by_id) {
        if (state->backer == backer && state->used < limit) {
            hmap_remove(&frozen_by_id, &state->id_node);
            hmap_remove(&frozen_by_state, &state->state_node);
            frozen_state_destroy(state);
        }
    }
    ovs_mutex_unlock(&frozen_mutex);
}

size_t
xlate_group_states_count(const struct dpif_backer *backer)
{
    const struct frozen_state *state;
    size_t n = 0;

    ovs_mutex_lock(&frozen_mutex);
    HMAP_FOR_EACH (state, id_node, &frozen_by_id) {
        n += state->backer == backer;
    }
    ovs_mutex_unlock(&frozen_mutex);
    return n;
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
xlate_select_group(struct xlate_ctx *ctx, struct ofgroup *group,
                   const struct ofpact *end)
{
    const struct ofputil_bucket *bucket = NULL;

    if (group->hash_map) {
        if (!ctx->flow.dp_hash) {
            /* No hash yet: let the datapath compute one. */
            xlate_report(ctx, 1, "-> no live bucket");
            xlate_group_freeze(ctx,
                               (uint32_t) group->props.selection_method_param,
                               end);
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
xlate_group_action(struct xlate_ctx *ctx, uint32_t group_id,
                   const struct ofpact *end)
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
        for (i = 0; i < group->n_buckets && !ctx->exit && !ctx->error;
             i++) {
            credit(ctx, group, group->bucket_array[i]);
            xlate_group_bucket(ctx, group->bucket_array[i]);
        }
        break;

    case OFPGT11_SELECT:
        xlate_select_group(ctx, group, end);
        break;

    case OFPGT11_FF:
        xlate_ff_group(ctx, group);
        break;
    }
    ofgroup_unref(group);
}
