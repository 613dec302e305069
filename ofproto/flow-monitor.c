/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "flow-monitor.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "connmgr.h"
#include "flow.h"
#include "hash.h"
#include "match.h"
#include "ofproto.h"
#include "ofproto-provider.h"
#include "rconn.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-group.h"
#include "openvswitch/ofp-msgs.h"
#include "ofpbuf.h"
#include "openvswitch/util.h"

/* One flow monitor of one connection. */
struct ofmonitor {
    struct hmap_node hmap_node; /* In 'monitors', by hash of ofconn + id. */
    struct ofconn *ofconn;      /* The connection that asked for it. */
    uint32_t id;                /* Id, unique per connection. */
    enum nx_flow_monitor_flags flags; /* NXFMF_*. */
    ofp_port_t out_port;        /* Only flows that output here, or
                                 * OFPP_NONE. */
    uint32_t out_group;         /* Only flows that output to this group,
                                 * or OFPG_ANY (OpenFlow 1.4+). */
    uint8_t table_id;           /* One table, or 0xff for all. */
    struct match match;         /* Only flows at least this specific. */
};

/* The updates queued for one connection that has monitors. */
struct ofmonitor_conn {
    struct hmap_node hmap_node; /* In 'conns', by hash of 'ofconn'. */
    struct ofconn *ofconn;      /* The connection. */
    unsigned int n_monitors;    /* Its monitors in 'monitors'. */
    struct ovs_list updates;    /* Queued flow monitor replies (xid 0), or
                                 * empty. */
    bool sent_abbrev;           /* Was an abbreviated update queued since
                                 * the last flush? */

    /* Pausing: when more than OFMONITOR_MAX_BACKLOG bytes of updates wait
     * in the connection's queue, the switch says "paused" and keeps the
     * flows added or modified since in 'pending' (deletions of flows that
     * the connection knows about still go out); once the queue is empty,
     * it sends those flows (as added) and says "resumed". */
    struct rconn_packet_counter *counter; /* Queued updates. */
    bool paused;                /* Paused? */
    struct hmap pending;        /* "struct ofmonitor_pending"s, by hash of
                                 * the rule pointer. */
    struct ovs_list pending_order; /* The same, in the order they came. */
};

/* A flow added or modified while updates to a connection were paused. */
struct ofmonitor_pending {
    struct hmap_node hmap_node; /* In 'pending', by hash of 'rule'. */
    struct ovs_list list_node;  /* In 'pending_order'. */
    struct rule *rule;          /* The flow (a reference). */
};

/* Queued bytes of updates above which a connection's updates pause (as
 * upstream: 128 kB). */
#define OFMONITOR_MAX_BACKLOG (128 * 1024)

/* Every monitor of every switch (main thread). */
static struct hmap monitors = HMAP_INITIALIZER(&monitors);

/* Every "struct ofmonitor_conn" (main thread). */
static struct hmap conns = HMAP_INITIALIZER(&conns);

/* The connection and xid of the message whose flow table changes are being
 * reported, or NULL. */
static const struct ofconn *origin_ofconn;
static ovs_be32 origin_xid;

static uint32_t
ofmonitor_hash(const struct ofconn *ofconn, uint32_t id)
{
    return hash_pointer(ofconn, hash_int(id, 0));
}

/* Returns the monitor 'id' of 'ofconn', or NULL. */
static struct ofmonitor *
ofmonitor_find(const struct ofconn *ofconn, uint32_t id)
{
    struct ofmonitor *m;

    HMAP_FOR_EACH_WITH_HASH (m, hmap_node, ofmonitor_hash(ofconn, id),
                             &monitors) {
        if (m->ofconn == ofconn && m->id == id) {
            return m;
        }
    }
    return NULL;
}

/* Returns the queue of 'ofconn', creating it if 'create'. */
static struct ofmonitor_conn *
ofmonitor_conn_find(const struct ofconn *ofconn, bool create)
{
    struct ofmonitor_conn *mc;

    HMAP_FOR_EACH_WITH_HASH (mc, hmap_node, hash_pointer(ofconn, 0),
                             &conns) {
        if (mc->ofconn == ofconn) {
            return mc;
        }
    }
    if (!create) {
        return NULL;
    }
    mc = xzalloc(sizeof *mc);
    mc->ofconn = CONST_CAST(struct ofconn *, ofconn);
    ovs_list_init(&mc->updates);
    mc->counter = rconn_packet_counter_create();
    hmap_init(&mc->pending);
    ovs_list_init(&mc->pending_order);
    hmap_insert(&conns, &mc->hmap_node, hash_pointer(ofconn, 0));
    return mc;
}

/* Returns the pending entry of 'rule' in 'mc', or NULL. */
static struct ofmonitor_pending *
ofmonitor_pending_find(const struct ofmonitor_conn *mc,
                       const struct rule *rule)
{
    struct ofmonitor_pending *p;

    HMAP_FOR_EACH_WITH_HASH (p, hmap_node, hash_pointer(rule, 0),
                             &mc->pending) {
        if (p->rule == rule) {
            return p;
        }
    }
    return NULL;
}

static void
ofmonitor_pending_remove(struct ofmonitor_conn *mc,
                         struct ofmonitor_pending *p)
{
    hmap_remove(&mc->pending, &p->hmap_node);
    ovs_list_remove(&p->list_node);
    ofproto_rule_unref(p->rule);
    free(p);
}

static void
ofmonitor_pending_clear(struct ofmonitor_conn *mc)
{
    struct ofmonitor_pending *p;

    HMAP_FOR_EACH_SAFE (p, hmap_node, &mc->pending) {
        ofmonitor_pending_remove(mc, p);
    }
}

static void
ofmonitor_conn_destroy(struct ofmonitor_conn *mc)
{
    hmap_remove(&conns, &mc->hmap_node);
    ofpmp_destroy(&mc->updates);
    ofmonitor_pending_clear(mc);
    hmap_destroy(&mc->pending);
    rconn_packet_counter_destroy(mc->counter);
    free(mc);
}

/* Removes and frees 'm'. */
static void
ofmonitor_destroy(struct ofmonitor *m)
{
    struct ofmonitor_conn *mc = ofmonitor_conn_find(m->ofconn, false);

    hmap_remove(&monitors, &m->hmap_node);
    if (mc && !--mc->n_monitors) {
        ofmonitor_conn_destroy(mc);
    }
    free(m);
}

/* Returns true if 'rule', whose actions are 'actions' (and were
 * 'old_actions', if nonnull), is one that 'm' watches. */
static bool
ofmonitor_selects_rule(const struct ofmonitor *m, const struct rule *rule,
                       const struct rule_actions *actions,
                       const struct rule_actions *old_actions)
{
    if (rule->cr.priority < 0 || rule->cr.priority > UINT16_MAX) {
        /* Hidden flows are invisible to controllers. */
        return false;
    }
    if (m->table_id != 0xff && m->table_id != rule->table_id) {
        return false;
    }
    if (m->out_port != OFPP_NONE
        && !rule_actions_output_to_port(actions, m->out_port)
        && !(old_actions
             && rule_actions_output_to_port(old_actions, m->out_port))) {
        return false;
    }
    if (m->out_group != OFPG_ANY
        && !ofpacts_output_to_group(actions->ofpacts, actions->ofpacts_len,
                                    m->out_group)
        && !(old_actions
             && ofpacts_output_to_group(old_actions->ofpacts,
                                        old_actions->ofpacts_len,
                                        m->out_group))) {
        return false;
    }
    return ofproto_rule_is_loose_match(rule, &m->match);
}

/* Fills in 'update' for 'rule', with its actions 'actions' if 'flags' has
 * NXFMF_ACTIONS.  'match' is storage for the match. */
static void
ofmonitor_init_update(struct ofputil_flow_update *update,
                      const struct rule *rule,
                      const struct rule_actions *actions,
                      enum nx_flow_monitor_flags flags,
                      enum nx_flow_update_event event, uint8_t reason)
{
    memset(update, 0, sizeof *update);
    update->event = event;
    update->reason = reason;
    update->idle_timeout = rule->idle_timeout;
    update->hard_timeout = rule->hard_timeout;
    update->table_id = rule->table_id;
    update->priority = rule->cr.priority;
    update->cookie = rule->flow_cookie;
    ofproto_rule_get_match(rule, &update->match);
    if (flags & NXFMF_ACTIONS) {
        update->ofpacts = actions->ofpacts;
        update->ofpacts_len = actions->ofpacts_len;
    }
}

/* Does the work of ofmonitor_handle_request(). */
static enum ofperr
ofmonitor_handle_request__(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *ofproto = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_flow_monitor_request *rqs = NULL;
    size_t n_rqs = 0, allocated = 0;
    struct ofmonitor_conn *mc;
    struct ovs_list replies;
    struct rule **rules = NULL;
    struct ofpbuf b;
    size_t n_rules, i, j;

    /* Decode and check every request first: a request with an error adds
     * no monitor at all. */
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_flow_monitor_request rq;
        int retval = ofputil_decode_flow_monitor_request(&rq, &b);

        if (retval == EOF) {
            break;
        } else if (retval) {
            free(rqs);
            return retval;
        }
        if (rq.command != OFPFMC14_DELETE && rq.table_id != 0xff
            && rq.table_id >= ofproto->n_tables) {
            free(rqs);
            return OFPERR_OFPBRC_BAD_TABLE_ID;
        }
        if (rq.command != OFPFMC14_MODIFY && rq.command != OFPFMC14_DELETE) {
            /* As upstream, an unknown command adds a monitor. */
            rq.command = OFPFMC14_ADD;
        }
        if (rq.command == OFPFMC14_ADD
            ? ofmonitor_find(ofconn, rq.id) != NULL
            : !ofmonitor_find(ofconn, rq.id)) {
            free(rqs);
            return (rq.command == OFPFMC14_ADD
                    ? OFPERR_OFPMOFC_MONITOR_EXISTS
                    : OFPERR_OFPMOFC_UNKNOWN_MONITOR);
        }
        for (i = 0; i < n_rqs; i++) {
            if (rqs[i].id == rq.id) {
                free(rqs);
                return OFPERR_OFPMOFC_MONITOR_EXISTS;
            }
        }
        if (n_rqs >= allocated) {
            allocated = 2 * allocated + 1;
            rqs = xrealloc(rqs, allocated * sizeof *rqs);
        }
        rqs[n_rqs++] = rq;
    }

    /* Apply them: OpenFlow 1.4's "delete" cancels a monitor, "modify"
     * replaces its criteria. */
    for (i = 0; i < n_rqs; i++) {
        struct ofmonitor *m = ofmonitor_find(ofconn, rqs[i].id);

        if (rqs[i].command == OFPFMC14_DELETE) {
            ofmonitor_destroy(m);
            continue;
        } else if (!m) {
            mc = ofmonitor_conn_find(ofconn, true);
            m = xzalloc(sizeof *m);
            m->ofconn = ofconn;
            m->id = rqs[i].id;
            hmap_insert(&monitors, &m->hmap_node,
                        ofmonitor_hash(ofconn, m->id));
            mc->n_monitors++;
        }
        m->flags = rqs[i].flags;
        m->out_port = rqs[i].out_port;
        m->out_group = rqs[i].out_group;
        m->table_id = rqs[i].table_id;
        m->match = rqs[i].match;
    }

    /* The reply: every flow that a monitor with NXFMF_INITIAL selects, once
     * (with actions if one of the monitors that select it wants them). */
    ofputil_start_flow_update_reply(&replies, oh);
    ovs_mutex_lock(&ofproto_mutex);
    n_rules = ofproto_collect_rules(ofproto, 0xff, &rules);
    for (j = 0; j < n_rules; j++) {
        const struct rule *rule = rules[j];
        const struct rule_actions *actions = rule_get_actions(rule);
        enum nx_flow_monitor_flags flags = 0;
        bool selected = false;

        for (i = 0; i < n_rqs; i++) {
            struct ofmonitor *m = ofmonitor_find(ofconn, rqs[i].id);

            if (m && m->flags & NXFMF_INITIAL
                && ofmonitor_selects_rule(m, rule, actions, NULL)) {
                selected = true;
                flags |= m->flags;
            }
        }
        if (selected) {
            struct ofputil_flow_update update;

            ofmonitor_init_update(&update, rule, actions, flags,
                                  NXFME_INITIAL, 0);
            ofputil_append_flow_update(&update, &replies);
        }
    }
    ovs_mutex_unlock(&ofproto_mutex);
    free(rules);
    free(rqs);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* Sends 'error' about the flow monitor request 'oh' to 'ofconn' as
 * upstream's switch does: with xid 0 and without the request. */
static void
ofmonitor_send_error(struct ofconn *ofconn, const struct ofp_header *oh,
                     enum ofperr error)
{
    struct ofp_header empty = {
        .version = oh->version,
        .type = oh->type,
        .length = htons(0),
        .xid = htonl(0),
    };

    ofconn_send_reply(ofconn, ofperr_encode_reply(error, &empty));
}

enum ofperr
ofmonitor_handle_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    enum ofperr error = ofmonitor_handle_request__(ofconn, oh);

    if (error) {
        ofmonitor_send_error(ofconn, oh, error);
    }
    return 0;
}

enum ofperr
ofmonitor_handle_cancel(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofmonitor *m;
    enum ofperr error;
    uint32_t id;

    error = ofputil_decode_flow_monitor_cancel(oh, &id);
    if (error) {
        return error;
    }
    m = ofmonitor_find(ofconn, id);
    if (!m) {
        return OFPERR_OFPMOFC_UNKNOWN_MONITOR;
    }
    ofmonitor_destroy(m);
    return 0;
}

void
ofmonitor_destroy_ofconn(struct ofconn *ofconn)
{
    struct ofmonitor_conn *mc = ofmonitor_conn_find(ofconn, false);
    struct ofmonitor *m;

    if (!mc) {
        return;
    }
    HMAP_FOR_EACH_SAFE (m, hmap_node, &monitors) {
        if (m->ofconn == ofconn) {
            hmap_remove(&monitors, &m->hmap_node);
            free(m);
        }
    }
    ofmonitor_conn_destroy(mc);
    if (origin_ofconn == ofconn) {
        origin_ofconn = NULL;
    }
}

void
ofmonitor_set_origin(const struct ofconn *ofconn, ovs_be32 xid)
{
    origin_ofconn = ofconn;
    origin_xid = xid;
}

void
ofmonitor_clear_origin(void)
{
    origin_ofconn = NULL;
}

void
ofmonitor_report(struct connmgr *mgr, const struct rule *rule,
                 enum nx_flow_update_event event, uint8_t reason,
                 const struct rule *old_rule)
{
    const struct rule_actions *actions = rule_get_actions(rule);
    const struct rule_actions *old_actions;
    enum nx_flow_monitor_flags want;
    struct ofmonitor_conn *mc;

    if (hmap_is_empty(&monitors)) {
        return;
    }
    old_actions = old_rule ? rule_get_actions(old_rule) : NULL;
    if (event == NXFME_MODIFIED && old_rule
        && old_rule->flow_cookie == rule->flow_cookie
        && ofpacts_equal(actions->ofpacts, actions->ofpacts_len,
                         old_actions->ofpacts, old_actions->ofpacts_len)) {
        return;
    }
    want = (event == NXFME_ADDED ? NXFMF_ADD
            : event == NXFME_DELETED ? NXFMF_DELETE
            : NXFMF_MODIFY);

    /* One update per connection, whatever the number of its monitors that
     * select the flow. */
    HMAP_FOR_EACH (mc, hmap_node, &conns) {
        enum nx_flow_monitor_flags flags = 0;
        struct ofputil_flow_update update;
        struct ofmonitor *m;

        if (ofconn_get_connmgr(mc->ofconn) != mgr) {
            continue;
        }
        HMAP_FOR_EACH (m, hmap_node, &monitors) {
            if (m->ofconn == mc->ofconn && m->flags & want
                && ofmonitor_selects_rule(m, rule, actions, old_actions)) {
                flags |= m->flags;
            }
        }
        if (!flags) {
            continue;
        }

        if (mc->paused) {
            struct ofmonitor_pending *p;

            if (event != NXFME_DELETED) {
                /* Sent when the updates resume. */
                if (old_rule) {
                    p = ofmonitor_pending_find(mc, old_rule);
                    if (p) {
                        ofmonitor_pending_remove(mc, p);
                    }
                }
                if (!ofmonitor_pending_find(mc, rule)) {
                    p = xmalloc(sizeof *p);
                    p->rule = CONST_CAST(struct rule *, rule);
                    ofproto_rule_ref(p->rule);
                    hmap_insert(&mc->pending, &p->hmap_node,
                                hash_pointer(rule, 0));
                    ovs_list_push_back(&mc->pending_order, &p->list_node);
                }
                continue;
            }
            p = ofmonitor_pending_find(mc, rule);
            if (p) {
                /* Added and deleted while paused: nothing to say. */
                ofmonitor_pending_remove(mc, p);
                continue;
            }
        }

        if (ovs_list_is_empty(&mc->updates)) {
            ofputil_start_flow_update(&mc->updates,
                                      ofconn_get_protocol(mc->ofconn));
        }
        if (mc->ofconn == origin_ofconn && !(flags & NXFMF_OWN)) {
            /* The connection knows what it did: one abbreviated update
             * per message. */
            if (!mc->sent_abbrev) {
                memset(&update, 0, sizeof update);
                update.event = NXFME_ABBREV;
                update.xid = origin_xid;
                ofputil_append_flow_update(&update, &mc->updates);
                mc->sent_abbrev = true;
            }
        } else {
            ofmonitor_init_update(&update, rule, actions, flags, event,
                                  event == NXFME_DELETED ? reason : 0);
            ofputil_append_flow_update(&update, &mc->updates);
        }
    }
}

void
ofmonitor_flush(struct connmgr *mgr)
{
    struct ofmonitor_conn *mc;

    HMAP_FOR_EACH (mc, hmap_node, &conns) {
        if (ofconn_get_connmgr(mc->ofconn) == mgr) {
            struct ofpbuf *msg;

            while ((msg = ofpmp_pop(&mc->updates)) != NULL) {
                ofconn_send_counted(mc->ofconn, msg, mc->counter);
            }
            ovs_list_init(&mc->updates);
            mc->sent_abbrev = false;

            if (!mc->paused && (rconn_packet_counter_n_bytes(mc->counter)
                                > OFMONITOR_MAX_BACKLOG)) {
                mc->paused = true;
                ofconn_send_counted(
                    mc->ofconn,
                    ofputil_encode_flow_monitor_pause(
                        NXFME_PAUSED, ofconn_get_protocol(mc->ofconn)),
                    mc->counter);
            }
        }
    }
}

/* Sends the flows that changed while the updates to 'mc' were paused, then
 * says that they resume. */
static void
ofmonitor_resume(struct ofmonitor_conn *mc)
{
    enum ofputil_protocol protocol = ofconn_get_protocol(mc->ofconn);
    struct ofmonitor_pending *p;
    struct ovs_list replies;
    size_t n_updates = 0;

    /* The flows in the order in which they changed, as upstream. */
    ofputil_start_flow_update(&replies, protocol);
    LIST_FOR_EACH (p, list_node, &mc->pending_order) {
        const struct rule *rule = p->rule;
        const struct rule_actions *actions = rule_get_actions(rule);
        enum nx_flow_monitor_flags flags = 0;
        struct ofmonitor *m;

        HMAP_FOR_EACH (m, hmap_node, &monitors) {
            if (m->ofconn == mc->ofconn && m->flags & (NXFMF_ADD
                                                       | NXFMF_MODIFY)
                && ofmonitor_selects_rule(m, rule, actions, NULL)) {
                flags |= m->flags;
            }
        }
        if (flags) {
            struct ofputil_flow_update update;

            ofmonitor_init_update(&update, rule, actions, flags,
                                  NXFME_ADDED, 0);
            ofputil_append_flow_update(&update, &replies);
            n_updates++;
        }
    }
    ofmonitor_pending_clear(mc);

    if (n_updates) {
        struct ofpbuf *msg;

        while ((msg = ofpmp_pop(&replies)) != NULL) {
            ofconn_send_counted(mc->ofconn, msg, mc->counter);
        }
    } else {
        ofpmp_destroy(&replies);
    }
    ofconn_send_counted(mc->ofconn,
                        ofputil_encode_flow_monitor_pause(NXFME_RESUMED,
                                                          protocol),
                        mc->counter);
    mc->paused = false;
}

void
ofmonitor_run(struct connmgr *mgr)
{
    struct ofmonitor_conn *mc;

    HMAP_FOR_EACH (mc, hmap_node, &conns) {
        if (mc->paused && ofconn_get_connmgr(mc->ofconn) == mgr
            && !rconn_packet_counter_n_packets(mc->counter)) {
            ofmonitor_resume(mc);
        }
    }
}

bool
ofmonitor_has_monitors(const struct connmgr *mgr)
{
    struct ofmonitor_conn *mc;

    HMAP_FOR_EACH (mc, hmap_node, &conns) {
        if (ofconn_get_connmgr(mc->ofconn) == mgr) {
            return true;
        }
    }
    return false;
}
