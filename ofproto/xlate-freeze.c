/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Freezing a translation in the middle of the pipeline, and resuming it.
 *
 * Two actions stop a translation before the pipeline ends:
 *
 *   - a select group that needs the datapath's hash of the packet: the
 *     datapath hashes and recirculates the packet, whose translation then
 *     resumes ("thaws") with the hash known;
 *
 *   - "controller(pause)": the controller receives the packet with a
 *     continuation (NXT_PACKET_IN2) and hands it back in an NXT_RESUME,
 *     which resumes the translation.
 *
 * The freezing action calls xlate_freeze_group() or xlate_freeze_pause()
 * and translation stops.  As each nesting level (a resubmit, goto_table,
 * group bucket...) unwinds, it appends what it had left to do to the
 * frozen actions (xlate_freeze_unroll()), innermost first, so that the
 * frozen actions run the rest of the pipeline in order.  Before an action
 * that may send an asynchronous message (which names the table and cookie
 * of its rule), an "unroll_xlate" restores the table and cookie of the
 * level it came from.  At the top, xlate_freeze_finish() keeps the frozen
 * state under a recirculation id and emits the datapath actions: hash and
 * recirculate, or a userspace action whose cookie names the state.
 *
 * Frozen states are shared: an equal state reuses the id frozen before.
 * Each remembers when it was last used (frozen or thawed for a packet, or
 * seen by a revalidator in the key or actions of a datapath flow); after
 * each revalidator dump, the states that no datapath flow used for a while
 * are freed, so their number follows the datapath flows that use them.
 * A continuation does not need its state any more once sent: it carries
 * all of it to the controller and back.
 *
 * Plain controller actions keep a state too, under the id that their
 * userspace action's cookie carries: what their packet-ins name besides
 * the packet (the metadata, table, cookie and userdata at the action).
 * These states come and go with the datapath flows the same way. */

#include <config.h>

#include <errno.h>
#include <string.h>
#include "dpif.h"
#include "hash.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofproto/ofproto-dpif-xlate-private.h"
#include "ofproto/ofproto-dpif.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/util.h"
#include "ovs-thread.h"
#include "timeval.h"
#include "linux/openvswitch.h"

/* What a frozen state is for. */
enum frozen_kind {
    FROZEN_GROUP,               /* A select group: resumed by
                                 * recirculation. */
    FROZEN_PAUSE,               /* "controller(pause)": resumed by
                                 * NXT_RESUME. */
    FROZEN_CONTROLLER,          /* A plain controller action: nothing to
                                 * resume, only what its packet-in names
                                 * (metadata, table, cookie, userdata). */
};

/* A translation frozen at a select group or a "controller(pause)", or the
 * pipeline state at a plain controller action. */
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
    enum frozen_kind kind;      /* What it is for. */
    const void *action;         /* FROZEN_CONTROLLER: the controller action
                                 * (identity only), else NULL. */
    uint8_t table_id;           /* Table of the outermost rule. */
    ovs_be64 rule_cookie;       /* Cookie of that rule. */
    struct flow metadata;       /* The flow's metadata (registers,
                                 * metadata, tunnel...). */
    bool in_action_set;         /* Was the action set executing? */
    struct ofpbuf actions;      /* The actions to resume, with
                                 * "unroll_xlate"s. */
    struct ofpbuf action_set;   /* The action set. */
    struct ofpbuf stack;        /* The register stack ("union
                                 * mf_subvalue"s). */
    struct ofpbuf userdata;     /* controller(userdata=...). */
};

static struct ovs_mutex frozen_mutex = OVS_MUTEX_INITIALIZER;
static struct hmap frozen_by_id OVS_GUARDED_BY(frozen_mutex)
    = HMAP_INITIALIZER(&frozen_by_id);
static struct hmap frozen_by_state OVS_GUARDED_BY(frozen_mutex)
    = HMAP_INITIALIZER(&frozen_by_state);

/* A frozen state is freed once no datapath flow of its bridge's datapath
 * used it (matched on its id, recirculated to it or named it in a
 * controller action) during a revalidator dump that started this long
 * (msec) after its last use: the grace covers flows being installed while
 * a dump runs. */
#define FROZEN_STATE_GRACE 1000

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
    hash = hash_bytes(state->userdata.data, state->userdata.size, hash);
    hash = hash_pointer(state->action, hash);
    return hash_int(state->in_action_set | (state->kind << 1), hash);
}

/* True if 'a' and 'b' hold the same state. */
static bool
frozen_state_equal(const struct frozen_state *a,
                   const struct frozen_state *b)
{
    return (a->ofproto == b->ofproto
            && a->kind == b->kind
            && a->action == b->action
            && a->table_id == b->table_id
            && a->rule_cookie == b->rule_cookie
            && a->in_action_set == b->in_action_set
            && flow_equal(&a->metadata, &b->metadata)
            && ofpbuf_equal(&a->actions, &b->actions)
            && ofpbuf_equal(&a->action_set, &b->action_set)
            && ofpbuf_equal(&a->stack, &b->stack)
            && ofpbuf_equal(&a->userdata, &b->userdata));
}

/* Frees 'state' (not in the maps). */
static void
frozen_state_destroy(struct frozen_state *state)
{
    if (state) {
        ofpbuf_uninit(&state->actions);
        ofpbuf_uninit(&state->action_set);
        ofpbuf_uninit(&state->stack);
        ofpbuf_uninit(&state->userdata);
        free(state);
    }
}

/* Returns the recirculation id of 'state' (which this function takes):
 * the id of an equal state frozen before (marked used now if 'mark'), or
 * a new one.  A state that is not kept ('keep' false) gets an id that
 * cannot be resumed. */
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

/* Returns the state with id 'id' of 'ofproto', or NULL. */
static struct frozen_state *
frozen_state_find(uint32_t id, const struct ofproto_dpif *ofproto)
    OVS_REQUIRES(frozen_mutex)
{
    struct frozen_state *state;

    HMAP_FOR_EACH_WITH_HASH (state, id_node, hash_int(id, 0),
                             &frozen_by_id) {
        if (state->recirc_id == id && state->ofproto == ofproto) {
            return state;
        }
    }
    return NULL;
}

/* Freezing. */

/* Starts freezing 'ctx' (see the comment at the top of this file). */
static void
freeze_start(struct xlate_ctx *ctx)
{
    ctx->freezing = true;
    ctx->frozen_in_action_set = ctx->in_action_set;
    ctx->freeze_table_id = ctx->table_id;
    ctx->freeze_cookie = ctx->rule_cookie;
    ctx->unroll_valid = false;
    ofpbuf_clear(&ctx->frozen_actions);
}

/* True if action 'a' may send an asynchronous message (a packet-in names
 * the table and cookie of the rule that sent it): in frozen actions, an
 * "unroll_xlate" before it restores them. */
static bool
freeze_needs_unroll(const struct ofpact *a)
{
    switch (a->type) {
    case OFPACT_OUTPUT:
    case OFPACT_OUTPUT_REG:
    case OFPACT_OUTPUT_TRUNC:
    case OFPACT_GROUP:
    case OFPACT_CONTROLLER:
    case OFPACT_DEC_TTL:
    case OFPACT_DEC_MPLS_TTL:
        return true;
    default:
        return false;
    }
}

/* Appends 'a' to the frozen actions of 'ctx', after an "unroll_xlate" for
 * the rule being translated if 'a' needs one and the last one differs. */
static void
freeze_put_action(struct xlate_ctx *ctx, const struct ofpact *a)
{
    if (freeze_needs_unroll(a)
        && (!ctx->unroll_valid
            || ctx->unroll_table_id != ctx->table_id
            || ctx->unroll_cookie != ctx->rule_cookie)) {
        struct ofpact_unroll_xlate *u
            = ofpact_put_UNROLL_XLATE(&ctx->frozen_actions);

        u->rule_table_id = ctx->table_id;
        u->rule_cookie = ctx->rule_cookie;
        ctx->unroll_valid = true;
        ctx->unroll_table_id = ctx->table_id;
        ctx->unroll_cookie = ctx->rule_cookie;
    }
    ofpbuf_put(&ctx->frozen_actions, a, OFPACT_ALIGN(a->len));
}

void
xlate_freeze_group(struct xlate_ctx *ctx, uint32_t basis)
{
    freeze_start(ctx);
    ctx->freeze_pause = NULL;
    ctx->freeze_basis = basis;
    /* The group itself runs again after the recirculation, with the
     * hash. */
    freeze_put_action(ctx, ctx->action);
}

void
xlate_freeze_pause(struct xlate_ctx *ctx,
                   const struct ofpact_controller *controller)
{
    freeze_start(ctx);
    ctx->freeze_pause = controller;
}

void
xlate_freeze_unroll(struct xlate_ctx *ctx, const struct ofpact *a,
                    const struct ofpact *end)
{
    for (; a < end; a = ofpact_next(a)) {
        freeze_put_action(ctx, a);
    }
}

void
xlate_freeze_finish(struct xlate_ctx *ctx)
{
    const struct ofpact_controller *pause = ctx->freeze_pause;
    struct frozen_state *state = xzalloc(sizeof *state);
    uint8_t state_table_id = ctx->freeze_table_id;
    ovs_be64 state_cookie = ctx->freeze_cookie;
    uint32_t id;

    ctx->freezing = false;
    state->ofproto = ctx->xin->ofproto;
    state->backer = ofproto_dpif_get_backer(ctx->xin->ofproto);
    state->kind = pause ? FROZEN_PAUSE : FROZEN_GROUP;
    state->table_id = ctx->freeze_table_id;
    state->rule_cookie = ctx->freeze_cookie;
    flow_get_metadata(&ctx->flow, &state->metadata);
    state->metadata.dp_hash = 0;
    state->metadata.recirc_id = 0;
    state->in_action_set = ctx->frozen_in_action_set;
    ofpbuf_init(&state->actions, ctx->frozen_actions.size);
    ofpbuf_put(&state->actions, ctx->frozen_actions.data,
               ctx->frozen_actions.size);
    ofpbuf_clear(&ctx->frozen_actions);
    ofpbuf_init(&state->action_set, ctx->action_set.size);
    ofpbuf_put(&state->action_set, ctx->action_set.data,
               ctx->action_set.size);
    ofpbuf_clear(&ctx->action_set);
    ofpbuf_init(&state->stack, ctx->stack.size);
    ofpbuf_put(&state->stack, ctx->stack.data, ctx->stack.size);
    ofpbuf_init(&state->userdata, 0);
    if (pause) {
        ofpbuf_put(&state->userdata, pause->userdata, pause->userdata_len);
    }

    if (pause && ctx->trace && !ctx->xin->allow_side_effects) {
        /* A trace without side effects sends nothing, so nothing pauses:
         * upstream's trace shows no datapath action. */
        frozen_state_destroy(state);
        return;
    }

    /* Dry runs (no packet, no megaflow, no side effects, no trace) need no
     * id at all.  A trace's state is kept, as upstream's, so that the
     * recirculated packet can be traced too (unused, it goes at the next
     * sweep). */
    if (!ctx->trace && !ctx->xin->packet && !ctx->xin->wc
        && !ctx->xin->allow_side_effects) {
        frozen_state_destroy(state);
        id = 0;
    } else {
        id = frozen_state_install(state, true, frozen_may_mark(ctx));
    }

    if (pause) {
        /* The packet-in names the outermost rule. */
        ctx->table_id = state_table_id;
        ctx->rule_cookie = state_cookie;
        ctx->in_action_set = ctx->frozen_in_action_set;
        xlate_controller_action__(ctx, pause->max_len, pause->reason,
                                  pause->controller_id, NULL, 0, id);
        ctx->in_action_set = false;
    } else {
        struct ovs_action_hash hash;

        commit_changes(ctx);
        memset(&hash, 0, sizeof hash);
        hash.hash_alg = (ofproto_dpif_get_backer(ctx->xin->ofproto)
                         ->sym_l4_hash ? OVS_HASH_ALG_SYM_L4
                         : OVS_HASH_ALG_L4);
        hash.hash_basis = ctx->freeze_basis;
        nl_msg_put_unspec(ctx->odp_actions, OVS_ACTION_ATTR_HASH,
                          &hash, sizeof hash);
        nl_msg_put_u32(ctx->odp_actions, OVS_ACTION_ATTR_RECIRC, id);
    }
}

/* Thawing. */

/* Restores into 'ctx' what 'table_id', 'rule_cookie', 'in_action_set',
 * 'action_set' and 'stack' say, and traces the resumption of 'actions'. */
static void
thaw_restore(struct xlate_ctx *ctx, uint8_t table_id, ovs_be64 rule_cookie,
             bool in_action_set, const struct ofpbuf *action_set,
             const struct ofpbuf *stack, const struct ofpbuf *actions)
{
    ctx->table_id = table_id;
    ctx->rule_cookie = rule_cookie;
    ctx->in_action_set = in_action_set;
    ofpbuf_clear(&ctx->action_set);
    ofpbuf_put(&ctx->action_set, action_set->data, action_set->size);
    ofpbuf_clear(&ctx->stack);
    ofpbuf_put(&ctx->stack, stack->data, stack->size);
    if (ctx->trace) {
        struct ofpact_format_params fp = { .s = ctx->trace };

        xlate_report(ctx, 0, "thaw");
        xlate_report(ctx, 8, "Resuming from table %d", ctx->table_id);
        ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 4);
        ds_put_cstr(ctx->trace, "Restoring actions: ");
        ofpacts_format(actions->data, actions->size, &fp);
        ds_put_char(ctx->trace, '\n');
    }
}

void
xlate_thaw(struct xlate_ctx *ctx)
{
    struct ofpbuf actions, action_set, stack;
    uint32_t id = ctx->flow.recirc_id;
    struct frozen_state *state;
    uint8_t table_id = 0;
    ovs_be64 cookie = 0;
    bool in_action_set = false;

    ofpbuf_init(&actions, 0);
    ofpbuf_init(&action_set, 0);
    ofpbuf_init(&stack, 0);
    ovs_mutex_lock(&frozen_mutex);
    state = frozen_state_find(id, ctx->xin->ofproto);
    if (state && state->kind == FROZEN_GROUP) {
        if (frozen_may_mark(ctx)) {
            state->used = time_msec();
        }
        /* What the datapath does not carry comes from the frozen state. */
        flow_copy_pipeline_metadata(&ctx->flow, &state->metadata);
        table_id = state->table_id;
        cookie = state->rule_cookie;
        in_action_set = state->in_action_set;
        ofpbuf_put(&actions, state->actions.data, state->actions.size);
        ofpbuf_put(&action_set, state->action_set.data,
                   state->action_set.size);
        ofpbuf_put(&stack, state->stack.data, state->stack.size);
    } else {
        state = NULL;
    }
    ovs_mutex_unlock(&frozen_mutex);

    if (!state) {
        xlate_report(ctx, 1, ">>>> Recirculation context not found for ID "
                     "%"PRIx32" <<<<", id);
        ctx->error = XLATE_NO_RECIRCULATION_CONTEXT;
    } else {
        thaw_restore(ctx, table_id, cookie, in_action_set, &action_set,
                     &stack, &actions);
        do_xlate_actions(actions.data, actions.size, ctx, false);
    }
    ofpbuf_uninit(&actions);
    ofpbuf_uninit(&action_set);
    ofpbuf_uninit(&stack);
}

/* Continuations ("controller(pause)"). */

/* The register stack 'stack' ("union mf_subvalue"s, bottom first) as
 * NXCPT_STACK entries, top first (each a length byte and the value's bytes
 * without leading zeros, at least one). */
static void
stack_to_continuation(const struct ofpbuf *stack, struct ofpbuf *out)
{
    const union mf_subvalue *v = stack->data;
    size_t n = stack->size / sizeof *v;

    for (size_t i = n; i-- > 0; ) {
        size_t skip = 0;

        while (skip < sizeof v[i].u8 - 1 && !v[i].u8[skip]) {
            skip++;
        }
        uint8_t len = sizeof v[i].u8 - skip;
        ofpbuf_put(out, &len, 1);
        ofpbuf_put(out, &v[i].u8[skip], len);
    }
}

/* The NXCPT_STACK entries 'stack' ('size' bytes, top first) as a register
 * stack of "union mf_subvalue"s (bottom first). */
static void
stack_from_continuation(const uint8_t *stack, size_t size,
                        struct ofpbuf *out)
{
    for (size_t ofs = 0; ofs < size; ) {
        union mf_subvalue v;
        uint8_t len = stack[ofs];
        size_t n = MIN(len, sizeof v.u8);

        if (ofs + 1 + len > size) {
            break;
        }
        memset(&v, 0, sizeof v);
        memcpy(&v.u8[sizeof v.u8 - n], &stack[ofs + 1 + len - n], n);
        ofpbuf_push(out, &v, sizeof v);
        ofs += 1 + len;
    }
}

bool
xlate_frozen_packet_in(uint32_t recirc_id,
                       const struct ofproto_dpif *ofproto,
                       ofp_port_t in_port,
                       struct ofputil_packet_in_private *pin)
{
    struct frozen_state *state;
    struct ofpbuf stack;

    ovs_mutex_lock(&frozen_mutex);
    state = frozen_state_find(recirc_id, ofproto);
    if (!state || state->kind != FROZEN_PAUSE) {
        ovs_mutex_unlock(&frozen_mutex);
        return false;
    }
    state->used = time_msec();
    xlate_metadata_to_match(&state->metadata, in_port,
                            &pin->base.flow_metadata);
    pin->base.table_id = state->table_id;
    pin->base.cookie = state->rule_cookie;
    if (state->userdata.size) {
        pin->base.userdata = xmemdup(state->userdata.data,
                                     state->userdata.size);
        pin->base.userdata_len = state->userdata.size;
    }
    pin->actions = xmemdup(state->actions.data, state->actions.size);
    pin->actions_len = state->actions.size;
    pin->action_set = xmemdup(state->action_set.data,
                              state->action_set.size);
    pin->action_set_len = state->action_set.size;
    ofpbuf_init(&stack, 0);
    stack_to_continuation(&state->stack, &stack);
    pin->stack_size = stack.size;
    pin->stack = ofpbuf_steal_data(&stack);
    ovs_mutex_unlock(&frozen_mutex);
    return true;
}

void
xlate_resume(struct xlate_ctx *ctx,
             const struct ofputil_packet_in_private *pin)
{
    struct ofpbuf actions, action_set, stack;

    ofpbuf_use_const(&actions, pin->actions, pin->actions_len);
    ofpbuf_use_const(&action_set, pin->action_set, pin->action_set_len);
    ofpbuf_init(&stack, 0);
    stack_from_continuation(pin->stack, pin->stack_size, &stack);
    thaw_restore(ctx, 0, htonll(0), false, &action_set, &stack, &actions);
    ofpbuf_uninit(&stack);
    do_xlate_actions(pin->actions, pin->actions_len, ctx, false);
}

/* Plain controller actions. */

uint32_t
xlate_freeze_controller(const struct xlate_ctx *ctx,
                        const uint8_t *userdata, size_t userdata_len)
{
    struct frozen_state *state = xzalloc(sizeof *state);
    const struct flow *flow = &ctx->flow;
    struct flow *md = &state->metadata;

    state->ofproto = ctx->xin->ofproto;
    state->backer = ofproto_dpif_get_backer(ctx->xin->ofproto);
    state->kind = FROZEN_CONTROLLER;
    state->action = ctx->action;
    state->table_id = ctx->table_id;
    state->rule_cookie = ctx->rule_cookie;
    /* Only what packet-ins carry (see xlate_packet_in_metadata()), so that
     * the same pipeline state gets the same id however the flow came (a
     * datapath upcall or a trace). */
    md->tunnel = flow->tunnel;
    md->metadata = flow->metadata;
    memcpy(md->regs, flow->regs, sizeof md->regs);
    md->pkt_mark = flow->pkt_mark;
    md->ct_state = flow->ct_state;
    md->ct_zone = flow->ct_zone;
    md->ct_mark = flow->ct_mark;
    md->in_port.ofp_port = flow->in_port.ofp_port;
    ofpbuf_init(&state->actions, 0);
    ofpbuf_init(&state->action_set, 0);
    ofpbuf_init(&state->stack, 0);
    ofpbuf_init(&state->userdata, userdata_len);
    ofpbuf_put(&state->userdata, userdata, userdata_len);
    return frozen_state_install(state, true, frozen_may_mark(ctx));
}

bool
xlate_frozen_controller(uint32_t recirc_id, struct flow *metadata,
                        uint8_t *table_id, uint8_t **userdata,
                        size_t *userdata_len)
{
    const struct frozen_state *state;
    bool found = false;

    ovs_mutex_lock(&frozen_mutex);
    HMAP_FOR_EACH_WITH_HASH (state, id_node, hash_int(recirc_id, 0),
                             &frozen_by_id) {
        if (state->recirc_id == recirc_id
            && state->kind == FROZEN_CONTROLLER) {
            *metadata = state->metadata;
            *table_id = state->table_id;
            if (state->userdata.size) {
                *userdata = xmemdup(state->userdata.data,
                                    state->userdata.size);
                *userdata_len = state->userdata.size;
            }
            found = true;
            break;
        }
    }
    ovs_mutex_unlock(&frozen_mutex);
    return found;
}

/* Forgetting states. */

void
xlate_frozen_states_remove(const struct ofproto_dpif *ofproto)
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

/* Marks as used now the frozen state with id 'id', if any. */
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

/* Marks the state that the userspace action 'a' names, if it is a
 * controller action. */
static void
frozen_state_mark_userspace(const struct nlattr *a, long long int now)
    OVS_REQUIRES(frozen_mutex)
{
    const struct nlattr *b;
    size_t left;

    NL_NESTED_FOR_EACH (b, left, a) {
        struct user_action_cookie cookie;

        if (nl_attr_type(b) == OVS_USERSPACE_ATTR_USERDATA
            && nl_attr_get_size(b) == sizeof cookie) {
            memcpy(&cookie, nl_attr_get(b), sizeof cookie);
            if (cookie.type == USER_ACTION_COOKIE_CONTROLLER
                && cookie.recirc_id) {
                frozen_state_mark(cookie.recirc_id, now);
            }
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
        case OVS_ACTION_ATTR_USERSPACE:
            frozen_state_mark_userspace(a, now);
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
xlate_frozen_states_mark_flow(const struct nlattr *key, size_t key_len,
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
xlate_frozen_states_sweep(const struct dpif_backer *backer,
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
xlate_frozen_states_count(const struct dpif_backer *backer)
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
