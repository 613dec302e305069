/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "xlate-xactions.h"

#include <inttypes.h>
#include <string.h>
#include "classifier.h"
#include "hash.h"
#include "match.h"
#include "ofpbuf.h"
#include "ofproto-dpif-xlate-private.h"
#include "ofproto-dpif.h"
#include "ofproto-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/util.h"
#include "ovs-thread.h"
#include "poll-loop.h"
#include "seq.h"
#include "timeval.h"

#ifndef OFP_DEFAULT_PRIORITY
#define OFP_DEFAULT_PRIORITY 0x8000
#endif

/* Learned flows.
 *
 * Translation adds flows for the learn action.  On the main thread
 * (packets of the dummy and userspace datapaths' non-PMD ports,
 * ofproto/trace -generate, packet-outs) it adds them at once, with
 * ofproto_flow_mod(), as upstream does from its handler threads.  Other
 * threads (kernel datapath handlers, revalidators replaying the side
 * effects of used megaflows, PMD threads) queue the change instead, and
 * the main thread executes the queue in xlate_learn_run(): ofproto's
 * tables and their indexes belong to the main thread.
 *
 * For the "limit" and "delete_learned" options, every learned flow is
 * registered with its owner: the learn action (identified by its learning
 * rule and its offset in the rule's actions) that added it. */

/* A learn action that learned flows. */
struct learn_owner {
    struct hmap_node hmap_node; /* In 'owners', by hash of the key. */
    struct rule *rule;          /* Key: the learning rule. */
    size_t ofs;                 /* Key: offset of the learn action in the
                                 * rule's actions. */
    bool delete_learned;        /* Delete learned flows with the rule? */
    struct ovs_list learned;    /* "struct learned"s, by 'owner_node'. */
    unsigned int n_learned;     /* Length of 'learned'. */
    struct ovs_list moved_node; /* Temporary list while the learning rule
                                 * is replaced. */
};

/* A learned flow. */
struct learned {
    struct hmap_node hmap_node; /* In 'learned_flows', by hash of 'rule'. */
    struct rule *rule;          /* The learned rule. */
    struct learn_owner *owner;  /* The learn action that added it. */
    struct ovs_list owner_node; /* In 'owner->learned'. */
};

/* Work for the main thread. */
enum learn_work_type {
    LEARN_WORK_ADD,             /* Add or refresh a learned flow. */
    LEARN_WORK_DELETE,          /* Delete a learned flow. */
    LEARN_WORK_REDUCE,          /* Reduce the timeouts of a rule. */
};

struct learn_work {
    struct ovs_list list_node;  /* In 'work_queue'. */
    enum learn_work_type type;  /* What to do. */
    char *bridge;               /* Name of the bridge. */
    struct ofputil_flow_mod fm; /* LEARN_WORK_ADD, LEARN_WORK_DELETE. */
    struct ofpbuf ofpacts;      /* Actions of 'fm'. */
    struct rule *rule;          /* LEARN_WORK_ADD: the learning rule;
                                 * LEARN_WORK_REDUCE: the rule (each holds
                                 * a reference). */
    size_t ofs;                 /* LEARN_WORK_ADD: offset of the learn
                                 * action in the rule's actions. */
    uint32_t limit;             /* LEARN_WORK_ADD: maximum number of flows
                                 * of the learn action, 0 for no limit. */
    bool delete_learned;        /* LEARN_WORK_ADD: delete_learned flag. */
    uint16_t idle_timeout;      /* LEARN_WORK_REDUCE: new idle timeout. */
    uint16_t hard_timeout;      /* LEARN_WORK_REDUCE: new hard timeout. */
    struct flow flow;           /* LEARN_WORK_ADD: the flow of the packet
                                 * whose translation learned, for the
                                 * error log. */
};

static struct ovs_mutex learn_mutex = OVS_MUTEX_INITIALIZER;
static struct hmap owners = HMAP_INITIALIZER(&owners);
static struct hmap learned_flows = HMAP_INITIALIZER(&learned_flows);
static struct ovs_list work_queue = OVS_LIST_INITIALIZER(&work_queue);
static struct seq *learn_seq;   /* Changes when 'work_queue' gets work. */
static uint64_t learn_last_seq; /* 'learn_seq' at the last run. */

static struct seq *
learn_seq_get(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        learn_seq = seq_create();
        ovsthread_once_done(&once);
    }
    return learn_seq;
}

static uint32_t
owner_hash(const struct rule *rule, size_t ofs)
{
    return hash_pointer(rule, ofs);
}

/* Returns the owner for the learn action at 'ofs' of 'rule', creating it
 * if 'create'.  Requires 'learn_mutex'. */
static struct learn_owner *
owner_find(struct rule *rule, size_t ofs, bool create)
{
    uint32_t hash = owner_hash(rule, ofs);
    struct learn_owner *owner;

    HMAP_FOR_EACH_WITH_HASH (owner, hmap_node, hash, &owners) {
        if (owner->rule == rule && owner->ofs == ofs) {
            return owner;
        }
    }
    if (!create) {
        return NULL;
    }
    owner = xzalloc(sizeof *owner);
    owner->rule = rule;
    owner->ofs = ofs;
    ovs_list_init(&owner->learned);
    hmap_insert(&owners, &owner->hmap_node, hash);
    return owner;
}

/* Returns the registration of learned rule 'rule', or NULL.  Requires
 * 'learn_mutex'. */
static struct learned *
learned_find(const struct rule *rule)
{
    struct learned *l;

    HMAP_FOR_EACH_WITH_HASH (l, hmap_node, hash_pointer(rule, 0),
                             &learned_flows) {
        if (l->rule == rule) {
            return l;
        }
    }
    return NULL;
}

/* Forgets learned flow 'l'.  Requires 'learn_mutex'. */
static void
learned_destroy(struct learned *l)
{
    hmap_remove(&learned_flows, &l->hmap_node);
    ovs_list_remove(&l->owner_node);
    l->owner->n_learned--;
    free(l);
}

/* Registers 'rule' as learned by 'owner' (moving it from another owner if
 * needed).  Requires 'learn_mutex'. */
static void
learned_register(struct rule *rule, struct learn_owner *owner)
{
    struct learned *l = learned_find(rule);

    if (l && l->owner == owner) {
        return;
    }
    if (l) {
        learned_destroy(l);
    }
    l = xzalloc(sizeof *l);
    l->rule = rule;
    l->owner = owner;
    hmap_insert(&learned_flows, &l->hmap_node, hash_pointer(rule, 0));
    ovs_list_push_back(&owner->learned, &l->owner_node);
    owner->n_learned++;
}

static void
learn_work_destroy(struct learn_work *w)
{
    if (w) {
        free(w->bridge);
        ofpbuf_uninit(&w->ofpacts);
        ofproto_rule_unref(w->rule);
        free(w);
    }
}

/* Queues 'w' for the main thread. */
static void
learn_work_queue(struct learn_work *w)
{
    ovs_mutex_lock(&learn_mutex);
    ovs_list_push_back(&work_queue, &w->list_node);
    ovs_mutex_unlock(&learn_mutex);
    seq_change(learn_seq_get());
}

/* Builds in 'fm' (with its actions in 'ofpacts', initialized by the
 * caller) the flow mod that 'learn' adds for 'flow'. */
static void
learn_build(const struct ofpact_learn *learn, const struct flow *flow,
            struct ofputil_flow_mod *fm, struct ofpbuf *ofpacts)
{
    const struct ofpact_learn_spec *spec;

    memset(fm, 0, sizeof *fm);
    match_init_catchall(&fm->match);
    fm->priority = learn->priority;
    fm->new_cookie = learn->cookie;
    fm->modify_cookie = false;
    fm->table_id = learn->table_id;
    fm->command = OFPFC_ADD;
    fm->idle_timeout = learn->idle_timeout;
    fm->hard_timeout = learn->hard_timeout;
    fm->buffer_id = UINT32_MAX;
    fm->out_port = OFPP_NONE;
    fm->out_group = OFPG11_ANY;
    fm->flags = (learn->flags & NX_LEARN_F_SEND_FLOW_REM
                 ? OFPUTIL_FF_SEND_FLOW_REM : 0);

    if (learn->fin_idle_timeout || learn->fin_hard_timeout) {
        struct ofpact_fin_timeout *oft = ofpact_put_FIN_TIMEOUT(ofpacts);

        oft->fin_idle_timeout = learn->fin_idle_timeout;
        oft->fin_hard_timeout = learn->fin_hard_timeout;
    }

    OFPACT_LEARN_SPEC_FOR_EACH (spec, learn) {
        union mf_subvalue value;

        memset(&value, 0, sizeof value);
        if (spec->src_type == NX_LEARN_SRC_FIELD) {
            mf_read_subfield(&spec->src, flow, &value);
        } else if (spec->dst_type != NX_LEARN_DST_OUTPUT) {
            size_t n = DIV_ROUND_UP(spec->n_bits, 8);

            memcpy(&value.u8[sizeof value.u8 - n],
                   ofpact_learn_spec_imm(spec), n);
        }

        switch (spec->dst_type) {
        case NX_LEARN_DST_MATCH:
            mf_write_subfield(&spec->dst, &value, &fm->match);
            if (spec->dst.field->prereqs != MFP_NONE
                && !fm->match.wc.masks.packet_type) {
                /* As the NXM decoder does for the same flow mod: a field
                 * with prerequisites implies an Ethernet packet, so that
                 * a flow mod naming the field finds the learned flow. */
                fm->match.flow.packet_type = htonl(0);
                fm->match.wc.masks.packet_type = htonl(UINT32_MAX);
            }
            break;

        case NX_LEARN_DST_LOAD: {
            const struct mf_field *field = spec->dst.field;
            union mf_subvalue ones;
            union mf_value v, m;
            struct flow vflow, mflow;

            memset(&vflow, 0, sizeof vflow);
            memset(&mflow, 0, sizeof mflow);
            memset(&ones, 0xff, sizeof ones);
            mf_write_subfield_flow(&spec->dst, &value, &vflow);
            mf_write_subfield_flow(&spec->dst, &ones, &mflow);
            mf_get_value(field, &vflow, &v);
            mf_get_value(field, &mflow, &m);
            ofpact_put_reg_load(ofpacts, field, &v, &m);
            break;
        }

        case NX_LEARN_DST_OUTPUT: {
            /* As upstream: a port number that does not fit in 16 bits
             * adds no output. */
            uint64_t port = ntohll(value.be64[ARRAY_SIZE(value.be64) - 1]);
            size_t i;
            bool big = false;

            for (i = 0; i < ARRAY_SIZE(value.be64) - 1; i++) {
                big |= value.be64[i] != 0;
            }
            if (!big && port <= UINT16_MAX) {
                struct ofpact_output *output = ofpact_put_OUTPUT(ofpacts);

                output->port = u16_to_ofp(port);
                output->max_len = 0;
            }
            break;
        }
        }
    }
    fm->ofpacts = ofpacts->data;
    fm->ofpacts_len = ofpacts->size;
}

/* Appends the trace text of learned flow 'fm' to 's' as upstream prints
 * it: "table=N MATCH priority=P cookie=C idle=I hard=H FLAGS
 * actions=ACTIONS". */
static void
learn_format_fm(const struct ofputil_flow_mod *fm, struct ds *s)
{
    struct ofpact_format_params fp = { .s = s };
    size_t start;

    ds_put_format(s, "table=%"PRIu8" ", fm->table_id);
    start = s->length;
    match_format(&fm->match, NULL, s, OFP_DEFAULT_PRIORITY);
    if (s->length > start) {
        if (s->string[s->length - 1] == ',') {
            s->length--;
            s->string[s->length] = '\0';
        }
        ds_put_char(s, ' ');
    }
    ds_put_format(s, "priority=%d", fm->priority);
    if (fm->new_cookie) {
        ds_put_format(s, " cookie=%#"PRIx64, ntohll(fm->new_cookie));
    }
    if (fm->idle_timeout) {
        ds_put_format(s, " idle=%"PRIu16, fm->idle_timeout);
    }
    if (fm->hard_timeout) {
        ds_put_format(s, " hard=%"PRIu16, fm->hard_timeout);
    }
    if (fm->flags & OFPUTIL_FF_SEND_FLOW_REM) {
        ds_put_cstr(s, " send_flow_rem");
    }
    ds_put_cstr(s, " actions=");
    ofpacts_format(fm->ofpacts, fm->ofpacts_len, &fp);
}

/* Finds the rule of 'ofproto' that 'fm' would replace, in the current
 * version, or NULL. */
static struct rule *
learn_find_rule(struct ofproto *ofproto, const struct ofputil_flow_mod *fm)
{
    const struct cls_rule *cr;

    if (fm->table_id >= ofproto->n_tables) {
        return NULL;
    }
    cr = classifier_find_match_exactly(&ofproto->tables[fm->table_id].cls,
                                       &fm->match, fm->priority,
                                       ofproto_get_tables_version(ofproto));
    return cr ? CONTAINER_OF(cr, struct rule, cr) : NULL;
}

/* Returns true if 'rule' already is the flow that 'fm' describes, so that
 * learning it again only refreshes it. */
static bool
learn_rule_is_same(const struct rule *rule, const struct ofputil_flow_mod *fm)
{
    const struct rule_actions *actions = rule_get_actions(rule);

    return (rule->flow_cookie == fm->new_cookie
            && rule->idle_timeout == fm->idle_timeout
            && rule->hard_timeout == fm->hard_timeout
            && (rule->flags & OFPUTIL_FF_STATE) == (fm->flags
                                                    & OFPUTIL_FF_STATE)
            && ofpacts_equal(actions->ofpacts, actions->ofpacts_len,
                             fm->ofpacts, fm->ofpacts_len));
}

/* Outcome of learning a flow. */
enum learn_result {
    LEARN_OK,                   /* Added or refreshed. */
    LEARN_LIMIT,                /* The learn action's limit was reached. */
    LEARN_ERROR,                /* The flow mod failed. */
};

/* Adds (or refreshes) learned flow 'fm' in 'ofproto' for the learn action
 * at 'ofs' of 'learning_rule' with 'limit' and 'delete_learned'.  Main
 * thread only. */
static enum learn_result
learn_apply(struct ofproto *ofproto, const struct ofputil_flow_mod *fm,
            struct rule *learning_rule, size_t ofs, uint32_t limit,
            bool delete_learned, enum ofperr *errorp)
{
    struct learn_owner *owner;
    struct rule *old, *new;
    struct learned *l;
    enum ofperr error;

    old = learn_find_rule(ofproto, fm);

    /* A learning rule that already left its table (a translation that
     * started before it was replaced) owns nothing: its replacement does,
     * or nobody does. */
    if (learning_rule->state != RULE_INSERTED) {
        learning_rule = NULL;
    }

    if (learning_rule) {
        ovs_mutex_lock(&learn_mutex);
        owner = owner_find(learning_rule, ofs, true);
        owner->delete_learned = delete_learned;
        l = old ? learned_find(old) : NULL;
        if (limit && !(l && l->owner == owner)
            && owner->n_learned >= limit) {
            ovs_mutex_unlock(&learn_mutex);
            return LEARN_LIMIT;
        }
        ovs_mutex_unlock(&learn_mutex);
    }

    if (old && learn_rule_is_same(old, fm)) {
        /* Learning the same flow again refreshes it. */
        ovs_mutex_lock(&ofproto_mutex);
        old->modified = time_msec();
        ovs_mutex_unlock(&ofproto_mutex);
        new = old;
    } else {
        error = ofproto_flow_mod(ofproto, fm);
        if (error) {
            if (errorp) {
                *errorp = error;
            }
            return LEARN_ERROR;
        }
        new = learn_find_rule(ofproto, fm);
    }

    if (new && learning_rule) {
        ovs_mutex_lock(&learn_mutex);
        owner = owner_find(learning_rule, ofs, true);
        learned_register(new, owner);
        ovs_mutex_unlock(&learn_mutex);
    }
    return LEARN_OK;
}

void
xlate_learn_action(struct xlate_ctx *ctx, const struct ofpact_learn *learn)
{
    const struct ofpact_learn_spec *spec;
    struct ofputil_flow_mod fm;
    struct ofpbuf ofpacts;
    enum learn_result result = LEARN_OK;
    struct ofproto *ofproto = &ctx->xin->ofproto->up;
    enum ofperr error = 0;

    /* The learned flow depends on the source fields. */
    OFPACT_LEARN_SPEC_FOR_EACH (spec, learn) {
        if (spec->src_type == NX_LEARN_SRC_FIELD) {
            union mf_subvalue ones;

            memset(&ones, 0xff, sizeof ones);
            mf_write_subfield_flow(&spec->src, &ones, &ctx->wc->masks);
        }
    }

    if (!ctx->xin->allow_side_effects) {
        xlate_report(ctx, 1, ">> suppressing side effects, so learn action "
                     "ignored");
        return;
    }

    ofpbuf_init(&ofpacts, 64);
    learn_build(learn, &ctx->flow, &fm, &ofpacts);
    if (ctx->trace) {
        ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 1);
        ds_put_cstr(ctx->trace, "-> ");
        learn_format_fm(&fm, ctx->trace);
        ds_put_char(ctx->trace, '\n');
    }

    if (ctx->rule) {
        const struct rule_actions *actions = rule_get_actions(ctx->rule);
        size_t ofs = ((const uint8_t *) learn
                      - (const uint8_t *) actions->ofpacts);
        bool delete_learned = (learn->flags
                               & NX_LEARN_F_DELETE_LEARNED) != 0;

        if (ofs >= actions->ofpacts_len) {
            /* Not one of the rule's own actions (e.g. in an action
             * set copy): key the owner by the action's position in the
             * copy, which is stable for a given rule. */
            ofs = SIZE_MAX;
        }
        if (is_main_thread()) {
            result = learn_apply(ofproto, &fm, ctx->rule, ofs, learn->limit,
                                 delete_learned, &error);
            if (result == LEARN_ERROR && error) {
                xlate_report_learn_error(ofproto->name, &ctx->xin->flow,
                                         error);
            }
        } else if (ofproto_rule_try_ref(ctx->rule)) {
            struct learn_work *w = xzalloc(sizeof *w);

            w->type = LEARN_WORK_ADD;
            w->bridge = xstrdup(ofproto->name);
            w->fm = fm;
            ofpbuf_init(&w->ofpacts, 0);
            ofpbuf_put(&w->ofpacts, fm.ofpacts, fm.ofpacts_len);
            w->fm.ofpacts = w->ofpacts.data;
            w->fm.ofpacts_len = w->ofpacts.size;
            w->rule = ctx->rule;
            w->ofs = ofs;
            w->limit = learn->limit;
            w->delete_learned = delete_learned;
            w->flow = ctx->xin->flow;
            learn_work_queue(w);
        }
    } else if (is_main_thread()) {
        /* A packet-out's own actions: no learning rule owns the flow. */
        error = ofproto_flow_mod(ofproto, &fm);
        if (error) {
            xlate_report_learn_error(ofproto->name, &ctx->xin->flow, error);
            result = LEARN_ERROR;
        }
    }

    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        union mf_subvalue value, ones;

        memset(&value, 0, sizeof value);
        value.u8[sizeof value.u8 - 1] = result == LEARN_OK;
        memset(&ones, 0xff, sizeof ones);
        mf_write_subfield_flow(&learn->result_dst, &value, &ctx->flow);
        mf_write_subfield_flow(&learn->result_dst, &ones, &ctx->wc->masks);
        if (ctx->trace) {
            mf_read_subfield(&learn->result_dst, &ctx->flow, &value);
            ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 1);
            ds_put_cstr(ctx->trace, "-> ");
            mf_format_subfield(&learn->result_dst, ctx->trace);
            ds_put_cstr(ctx->trace, " is now ");
            mf_format_subvalue(&value, ctx->trace);
            ds_put_char(ctx->trace, '\n');
        }
    }
    if (result == LEARN_LIMIT) {
        xlate_report(ctx, 1, "-> Limit exceeded, learn failed");
    } else if (result == LEARN_ERROR && error) {
        xlate_report(ctx, 1, ">>>> LEARN action execution failed (%s). <<<<",
                     ofperr_to_string(error));
    }
    ofpbuf_uninit(&ofpacts);
}

/* Reduces the timeouts of 'rule' to 'idle' and 'hard' seconds (0: leave
 * alone) where they are longer or unset.  Main thread only. */
static void
reduce_timeouts(struct rule *rule, uint16_t idle, uint16_t hard)
{
    ovs_mutex_lock(&ofproto_mutex);
    if (rule->state == RULE_INSERTED) {
        if (idle && (!rule->idle_timeout || rule->idle_timeout > idle)) {
            rule->idle_timeout = idle;
        }
        if (hard && (!rule->hard_timeout || rule->hard_timeout > hard)) {
            rule->hard_timeout = hard;
        }
        if ((rule->idle_timeout || rule->hard_timeout)
            && ovs_list_is_empty(&rule->expirable)) {
            ovs_list_push_back(&rule->ofproto->expirable, &rule->expirable);
        }
    }
    ovs_mutex_unlock(&ofproto_mutex);
}

void
xlate_rule_reduce_timeouts(struct rule *rule, uint16_t idle, uint16_t hard)
{
    if (is_main_thread()) {
        reduce_timeouts(rule, idle, hard);
    } else if (ofproto_rule_try_ref(rule)) {
        struct learn_work *w = xzalloc(sizeof *w);

        w->type = LEARN_WORK_REDUCE;
        ofpbuf_init(&w->ofpacts, 0);
        w->rule = rule;
        w->idle_timeout = idle;
        w->hard_timeout = hard;
        learn_work_queue(w);
    }
}

void
xlate_learn_rule_removed(struct rule *rule, struct rule *new_rule)
{
    struct learn_owner *owner;
    struct ovs_list moved;
    struct learned *l;
    bool pending;

    ovs_mutex_lock(&learn_mutex);

    /* A learned flow: replaced by the same learning, it stays counted. */
    l = learned_find(rule);
    if (l) {
        struct learn_owner *o = l->owner;

        learned_destroy(l);
        if (new_rule) {
            learned_register(new_rule, o);
        }
    }

    /* A learning flow.  Replaced (re-added or modified), it keeps its
     * learned flows, as upstream; deleted, it forgets them, or deletes them
     * with "delete_learned". */
    ovs_list_init(&moved);
    HMAP_FOR_EACH_SAFE (owner, hmap_node, &owners) {
        struct learned *lf;

        if (owner->rule != rule) {
            continue;
        }
        if (new_rule) {
            hmap_remove(&owners, &owner->hmap_node);
            owner->rule = new_rule;
            ovs_list_push_back(&moved, &owner->moved_node);
            continue;
        }
        LIST_FOR_EACH_SAFE (lf, owner_node, &owner->learned) {
            if (owner->delete_learned) {
                struct learn_work *w = xzalloc(sizeof *w);

                w->type = LEARN_WORK_DELETE;
                w->bridge = xstrdup(lf->rule->ofproto->name);
                minimatch_expand(&lf->rule->cr.match, &w->fm.match);
                w->fm.priority = lf->rule->cr.priority;
                w->fm.table_id = lf->rule->table_id;
                w->fm.command = OFPFC_DELETE_STRICT;
                w->fm.out_port = OFPP_NONE;
                w->fm.out_group = OFPG11_ANY;
                w->fm.buffer_id = UINT32_MAX;
                w->fm.new_cookie = OVS_BE64_MAX;
                ofpbuf_init(&w->ofpacts, 0);
                ovs_list_push_back(&work_queue, &w->list_node);
            }
            learned_destroy(lf);
        }
        hmap_remove(&owners, &owner->hmap_node);
        free(owner);
    }
    LIST_FOR_EACH_POP (owner, moved_node, &moved) {
        hmap_insert(&owners, &owner->hmap_node,
                    owner_hash(owner->rule, owner->ofs));
    }
    pending = !ovs_list_is_empty(&work_queue);
    ovs_mutex_unlock(&learn_mutex);
    if (pending) {
        seq_change(learn_seq_get());
    }
}

void
xlate_learn_run(void)
{
    struct ovs_list queue;
    struct learn_work *w;

    learn_last_seq = seq_read(learn_seq_get());
    ovs_mutex_lock(&learn_mutex);
    ovs_list_move(&queue, &work_queue);
    ovs_list_init(&work_queue);
    ovs_mutex_unlock(&learn_mutex);

    LIST_FOR_EACH_POP (w, list_node, &queue) {
        struct ofproto *ofproto = w->bridge ? ofproto_lookup(w->bridge)
                                            : NULL;

        switch (w->type) {
        case LEARN_WORK_ADD:
            /* Nothing if the learning rule went away meanwhile (e.g. with
             * delete_learned, re-adding its flows would be wrong). */
            if (ofproto && w->rule->state == RULE_INSERTED) {
                enum ofperr error = 0;

                if (learn_apply(ofproto, &w->fm, w->rule, w->ofs, w->limit,
                                w->delete_learned, &error) == LEARN_ERROR
                    && error) {
                    xlate_report_learn_error(ofproto->name, &w->flow,
                                             error);
                }
            }
            break;

        case LEARN_WORK_DELETE:
            if (ofproto) {
                w->fm.flags |= OFPUTIL_FF_NO_READONLY;
                ofproto_flow_mod(ofproto, &w->fm);
            }
            break;

        case LEARN_WORK_REDUCE:
            reduce_timeouts(w->rule, w->idle_timeout, w->hard_timeout);
            break;
        }
        learn_work_destroy(w);
    }
}

void
xlate_learn_wait(void)
{
    bool pending;

    ovs_mutex_lock(&learn_mutex);
    pending = !ovs_list_is_empty(&work_queue);
    ovs_mutex_unlock(&learn_mutex);
    if (pending) {
        poll_immediate_wake();
    } else {
        seq_wait(learn_seq_get(), learn_last_seq);
    }
}
