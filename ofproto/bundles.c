/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* OpenFlow bundles on the switch side.  See ofproto/bundles.h. */

#include <config.h>
#include "ofproto/bundles.h"

#include <stdlib.h>
#include "coverage.h"
#include "hash.h"
#include "ofpbuf.h"
#include "ofproto/connmgr.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-bundle.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "poll-loop.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(bundles);

COVERAGE_DEFINE(bundle_commit);
COVERAGE_DEFINE(bundle_commit_failed);
COVERAGE_DEFINE(bundle_discard);
COVERAGE_DEFINE(bundle_expired);

/* The state of a bundle. */
enum ofp_bundle_state {
    BS_OPEN,                    /* Open: messages may be added. */
    BS_CLOSED,                  /* Closed: only commit or discard. */
};

/* One message of a bundle. */
struct ofp_bundle_entry {
    struct ovs_list node;       /* In its bundle's 'msgs', in order. */
    struct ofpbuf *add;         /* The whole OFPT_BUNDLE_ADD_MESSAGE (errors
                                 * quote it). */
    const struct ofp_header *msg; /* The inner message, in 'add'. */
};

/* A bundle of one connection. */
struct ofp_bundle {
    struct hmap_node hmap_node; /* In the connection's bundles, by hash of
                                 * 'id'. */
    uint32_t id;                /* Bundle id. */
    uint16_t flags;             /* OFPBF_* flags it was opened with. */
    enum ofp_bundle_state state; /* Open or closed. */
    struct ovs_list msgs;       /* "struct ofp_bundle_entry"s, in order. */
    size_t n_msgs;              /* Number of elements in 'msgs'. */
    struct ofpbuf *opener;      /* The message that opened it (the error of
                                 * an expiry quotes it). */
    long long int used;         /* time_msec() of its last message. */
};

/* Milliseconds after which a bundle that has seen no message expires. */
static long long int idle_timeout_ms = 10 * 1000;

/* Returns the bundle of 'bundles' with id 'id', or NULL. */
static struct ofp_bundle *
bundle_find(const struct hmap *bundles, uint32_t id)
{
    struct ofp_bundle *b;

    HMAP_FOR_EACH_WITH_HASH (b, hmap_node, hash_int(id, 0), bundles) {
        if (b->id == id) {
            return b;
        }
    }
    return NULL;
}

/* Creates an open bundle 'id' with 'flags' in 'bundles', opened by the
 * message 'oh', and returns it. */
static struct ofp_bundle *
bundle_create(struct hmap *bundles, uint32_t id, uint16_t flags,
              const struct ofp_header *oh)
{
    struct ofp_bundle *b = xzalloc(sizeof *b);

    b->id = id;
    b->flags = flags;
    b->state = BS_OPEN;
    b->opener = ofpbuf_clone_data(oh, ntohs(oh->length));
    b->used = time_msec();
    ovs_list_init(&b->msgs);
    hmap_insert(bundles, &b->hmap_node, hash_int(id, 0));
    return b;
}

/* Removes bundle 'b' from 'bundles' and frees it with its messages. */
static void
bundle_destroy(struct hmap *bundles, struct ofp_bundle *b)
{
    struct ofp_bundle_entry *e;

    hmap_remove(bundles, &b->hmap_node);
    LIST_FOR_EACH_POP (e, node, &b->msgs) {
        ofpbuf_delete(e->add);
        free(e);
    }
    ofpbuf_delete(b->opener);
    free(b);
}

void
ofp_bundle_set_idle_timeout(unsigned int seconds)
{
    idle_timeout_ms = (long long int) (seconds ? seconds : 10) * 1000;
}

void
ofp_bundles_run(struct ofconn *ofconn)
{
    struct hmap *bundles = ofconn_get_bundles(ofconn);
    long long int now = time_msec();
    struct ofp_bundle *b;

    HMAP_FOR_EACH_SAFE (b, hmap_node, bundles) {
        if (now >= b->used + idle_timeout_ms) {
            COVERAGE_INC(bundle_expired);
            ofconn_send_error(ofconn, b->opener->data, OFPERR_OFPBFC_TIMEOUT);
            bundle_destroy(bundles, b);
        }
    }
}

void
ofp_bundles_wait(struct ofconn *ofconn)
{
    const struct hmap *bundles = ofconn_get_bundles(ofconn);
    const struct ofp_bundle *b;

    HMAP_FOR_EACH (b, hmap_node, bundles) {
        poll_timer_wait_until(b->used + idle_timeout_ms);
    }
}

void
ofp_bundles_discard_all(struct hmap *bundles)
{
    struct ofp_bundle *b;

    HMAP_FOR_EACH_SAFE (b, hmap_node, bundles) {
        COVERAGE_INC(bundle_discard);
        bundle_destroy(bundles, b);
    }
}

/* Commits bundle 'b' of 'ofconn' (and destroys it).  If a message fails,
 * sends its error, quoting its bundle add message, and returns
 * OFPBFC_MSG_FAILED for the commit. */
static enum ofperr
bundle_commit(struct ofconn *ofconn, struct ofp_bundle *b)
{
    const struct ofp_header **msgs;
    struct ofp_bundle_entry *e;
    enum ofperr error = 0;
    size_t failed = 0;
    size_t i = 0;

    msgs = xmalloc((b->n_msgs ? b->n_msgs : 1) * sizeof *msgs);
    LIST_FOR_EACH (e, node, &b->msgs) {
        msgs[i++] = e->msg;
    }
    if (b->n_msgs) {
        error = ofproto_bundle_commit(ofconn, msgs, b->n_msgs, &failed);
    }
    free(msgs);

    if (error) {
        COVERAGE_INC(bundle_commit_failed);
        i = 0;
        LIST_FOR_EACH (e, node, &b->msgs) {
            if (i++ == failed) {
                ofconn_send_error(ofconn, e->add->data, error);
                break;
            }
        }
        error = OFPERR_OFPBFC_MSG_FAILED;
    } else {
        COVERAGE_INC(bundle_commit);
    }
    bundle_destroy(ofconn_get_bundles(ofconn), b);
    return error;
}

enum ofperr
ofp_bundle_handle_control(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct hmap *bundles = ofconn_get_bundles(ofconn);
    struct ofputil_bundle_ctrl_msg bctrl;
    struct ofputil_bundle_ctrl_msg reply;
    struct ofp_bundle *b;
    enum ofperr error;

    if (ofconn_get_role(ofconn) == OFPCR12_ROLE_SLAVE) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    error = ofputil_decode_bundle_ctrl(oh, &bctrl);
    if (error) {
        return error;
    }

    reply.bundle_id = bctrl.bundle_id;
    reply.flags = 0;
    b = bundle_find(bundles, bctrl.bundle_id);
    if (b) {
        b->used = time_msec();
    }
    switch (bctrl.type) {
    case OFPBCT_OPEN_REQUEST:
        if (b) {
            return OFPERR_OFPBFC_BAD_ID;
        }
        bundle_create(bundles, bctrl.bundle_id, bctrl.flags, oh);
        reply.type = OFPBCT_OPEN_REPLY;
        break;

    case OFPBCT_CLOSE_REQUEST:
        if (!b) {
            return OFPERR_OFPBFC_BAD_ID;
        } else if (b->state == BS_CLOSED || b->flags != bctrl.flags) {
            /* As upstream's switch, a bad request discards the bundle. */
            error = (b->state == BS_CLOSED ? OFPERR_OFPBFC_BUNDLE_CLOSED
                     : OFPERR_OFPBFC_BAD_FLAGS);
            COVERAGE_INC(bundle_discard);
            bundle_destroy(bundles, b);
            return error;
        }
        b->state = BS_CLOSED;
        reply.type = OFPBCT_CLOSE_REPLY;
        break;

    case OFPBCT_COMMIT_REQUEST:
        if (!b) {
            return OFPERR_OFPBFC_BAD_ID;
        } else if (b->flags != bctrl.flags) {
            COVERAGE_INC(bundle_discard);
            bundle_destroy(bundles, b);
            return OFPERR_OFPBFC_BAD_FLAGS;
        }
        error = bundle_commit(ofconn, b);
        if (error) {
            return error;
        }
        reply.type = OFPBCT_COMMIT_REPLY;
        break;

    case OFPBCT_DISCARD_REQUEST:
        if (!b) {
            return OFPERR_OFPBFC_BAD_ID;
        }
        COVERAGE_INC(bundle_discard);
        bundle_destroy(bundles, b);
        reply.type = OFPBCT_DISCARD_REPLY;
        break;

    case OFPBCT_OPEN_REPLY:
    case OFPBCT_CLOSE_REPLY:
    case OFPBCT_COMMIT_REPLY:
    case OFPBCT_DISCARD_REPLY:
        return OFPERR_OFPBFC_BAD_TYPE;

    default:
        /* Upstream's switch answers a type that OpenFlow does not define
         * with a reply of type 0 and does nothing else: so does this
         * one. */
        reply.type = 0;
        break;
    }
    ofconn_send_reply(ofconn, ofputil_encode_bundle_ctrl_reply(oh, &reply));
    return 0;
}

enum ofperr
ofp_bundle_handle_add(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct hmap *bundles = ofconn_get_bundles(ofconn);
    struct ofputil_bundle_add_msg badd;
    struct ofp_bundle_entry *e;
    struct ofp_bundle *b;
    enum ofptype type;
    enum ofperr error;

    if (ofconn_get_role(ofconn) == OFPCR12_ROLE_SLAVE) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    error = ofputil_decode_bundle_add(oh, &badd);
    if (error) {
        return error;
    }

    b = bundle_find(bundles, badd.bundle_id);
    if (!b) {
        /* The first message of a bundle opens it. */
        b = bundle_create(bundles, badd.bundle_id, badd.flags, oh);
    } else if (b->state == BS_CLOSED) {
        /* As upstream's switch, this discards the bundle. */
        COVERAGE_INC(bundle_discard);
        bundle_destroy(bundles, b);
        return OFPERR_OFPBFC_BUNDLE_CLOSED;
    } else if (b->flags != badd.flags) {
        return OFPERR_OFPBFC_BAD_FLAGS;
    }
    b->used = time_msec();

    if (!ofptype_decode(&type, badd.msg) && type == OFPTYPE_FLOW_MOD) {
        error = ofproto_bundle_check_flow_mod(ofconn, badd.msg);
        if (error) {
            return error;
        }
    }

    e = xmalloc(sizeof *e);
    e->add = ofpbuf_clone_data(oh, ntohs(oh->length));
    e->msg = (const struct ofp_header *)
             ((const uint8_t *) e->add->data
              + ((const uint8_t *) badd.msg - (const uint8_t *) oh));
    ovs_list_push_back(&b->msgs, &e->node);
    b->n_msgs++;
    return 0;
}
