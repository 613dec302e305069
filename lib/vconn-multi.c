/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The vconn functions that take lists of messages (linked through struct
 * ofpbuf's 'list_node'): several requests with one barrier, multipart
 * requests and replies, and bundles.  Written on vconn.h's public
 * functions (and the OpenFlow codec) only. */

#include <config.h>
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include "openflow/openflow.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-bundle.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"

VLOG_DEFINE_THIS_MODULE(vconn_multi);

/* Frees every message in 'requests'. */
static void
vconn_free_list(struct ovs_list *requests)
{
    struct ofpbuf *request;

    LIST_FOR_EACH_POP (request, list_node, requests) {
        ofpbuf_delete(request);
    }
}

int
vconn_transact_multiple_noreply(struct vconn *vconn, struct ovs_list *requests,
                                struct ofpbuf **replyp)
{
    int error = 0;

    *replyp = NULL;
    while (!ovs_list_is_empty(requests)) {
        struct ofpbuf *request = CONTAINER_OF(ovs_list_pop_front(requests),
                                              struct ofpbuf, list_node);
        if (ovs_list_is_empty(requests)) {
            /* The last one: its barrier covers all the others, and
             * vconn_transact_noreply() keeps the first reply to any. */
            return vconn_transact_noreply(vconn, request, replyp);
        }
        error = vconn_send_block(vconn, request);
        if (error) {
            ofpbuf_delete(request);
            vconn_free_list(requests);
            return error;
        }
    }
    return 0;
}

/* Returns true if 'oh' is a multipart (stats) reply with the "more" flag
 * set: the flags follow the header and the 16-bit type in both the 1.0
 * and the 1.1+ layouts. */
static bool
vconn_multipart_more(const struct ofp_header *oh)
{
    uint8_t reply_type = (oh->version == OFP10_VERSION
                          ? OFPT10_STATS_REPLY : OFPT11_STATS_REPLY);
    ovs_be16 flags;

    if (oh->type != reply_type || ntohs(oh->length) < 12) {
        return false;
    }
    memcpy(&flags, (const uint8_t *) oh + 10, sizeof flags);
    return (ntohs(flags) & OFPSF_REPLY_MORE) != 0;
}

int
vconn_transact_multipart(struct vconn *vconn, struct ovs_list *requests,
                         struct ovs_list *replies)
{
    ovs_be32 last_xid = 0;
    int error = vconn_connect_block(vconn, -1);

    ovs_list_init(replies);
    while (!error && !ovs_list_is_empty(requests)) {
        struct ofpbuf *request = CONTAINER_OF(ovs_list_pop_front(requests),
                                              struct ofpbuf, list_node);
        last_xid = ((struct ofp_header *) request->data)->xid;
        error = vconn_send_block(vconn, request);
        if (error) {
            ofpbuf_delete(request);
        }
    }
    if (error) {
        vconn_free_list(requests);
        return error;
    }

    for (;;) {
        struct ofpbuf *reply;

        error = vconn_recv_xid(vconn, last_xid, &reply);
        if (error) {
            vconn_free_list(replies);
            return error;
        }
        ovs_list_push_back(replies, &reply->list_node);

        const struct ofp_header *oh = reply->data;
        if (oh->type == OFPT_ERROR || !vconn_multipart_more(oh)) {
            return 0;
        }
    }
}

/* Receives messages on 'vconn' until the one with 'xid', which it returns
 * in '*replyp' (the caller frees it).  Each error message with another xid
 * that arrives meanwhile goes to 'error_reporter' (if nonnull) and sets
 * '*failed'.  Returns 0 or a positive errno. */
static int
bundle_recv(struct vconn *vconn, ovs_be32 xid, struct ofpbuf **replyp,
            void (*error_reporter)(const struct ofp_header *), bool *failed)
{
    for (;;) {
        struct ofpbuf *msg;
        int error = vconn_recv_block(vconn, &msg);

        if (error) {
            *replyp = NULL;
            return error;
        }
        const struct ofp_header *oh = msg->data;
        if (oh->xid == xid) {
            *replyp = msg;
            return 0;
        }
        if (oh->type == OFPT_ERROR) {
            *failed = true;
            if (error_reporter) {
                error_reporter(oh);
            }
        }
        ofpbuf_delete(msg);
    }
}

/* Sends 'request' (taken over) on 'vconn' and waits for its reply, which
 * must be a bundle control reply of 'type' for 'bundle_id'.  Errors for
 * other messages go to 'error_reporter' and set '*failed'; an error reply
 * too, and then the function returns EPROTO. */
static int
bundle_control_transact(struct vconn *vconn, struct ofpbuf *request,
                        uint16_t type,
                        void (*error_reporter)(const struct ofp_header *),
                        bool *failed)
{
    ovs_be32 xid = ((struct ofp_header *) request->data)->xid;
    struct ofputil_bundle_ctrl_msg reply_msg;
    struct ofpbuf *reply;
    enum ofptype reply_type;
    int error;

    error = vconn_send_block(vconn, request);
    if (error) {
        ofpbuf_delete(request);
        return error;
    }
    error = bundle_recv(vconn, xid, &reply, error_reporter, failed);
    if (error) {
        return error;
    }
    const struct ofp_header *oh = reply->data;
    if (oh->type == OFPT_ERROR) {
        *failed = true;
        if (error_reporter) {
            error_reporter(oh);
        }
        error = EPROTO;
    } else if (ofptype_decode(&reply_type, oh)
               || reply_type != OFPTYPE_BUNDLE_CONTROL
               || ofputil_decode_bundle_ctrl(oh, &reply_msg)
               || reply_msg.type != type) {
        VLOG_WARN("%s: unexpected reply to a bundle control request",
                  vconn_get_name(vconn));
        error = EPROTO;
    }
    ofpbuf_delete(reply);
    return error;
}

int
vconn_bundle_transact(struct vconn *vconn, struct ovs_list *requests,
                      uint16_t bundle_flags,
                      void (*error_reporter)(const struct ofp_header *))
{
    enum ofp_version version = vconn_get_version(vconn);
    struct ofputil_bundle_ctrl_msg bc = {
        .bundle_id = 0,
        .flags = bundle_flags,
    };
    struct ofpbuf *request;
    bool failed = false;
    int error;

    if (version < OFP13_VERSION) {
        /* Bundles need OpenFlow 1.4, or the ONF extension of 1.3. */
        vconn_free_list(requests);
        return EOPNOTSUPP;
    }

    bc.type = OFPBCT_OPEN_REQUEST;
    error = bundle_control_transact(
        vconn, ofputil_encode_bundle_ctrl_request(version, &bc),
        OFPBCT_OPEN_REPLY, error_reporter, &failed);
    if (error) {
        vconn_free_list(requests);
        return error;
    }

    /* Every message, each in a bundle add message with its own xid. */
    LIST_FOR_EACH_POP (request, list_node, requests) {
        struct ofputil_bundle_add_msg badd = {
            .bundle_id = bc.bundle_id,
            .flags = bc.flags,
            .msg = request->data,
        };
        struct ofpbuf *add = ofputil_encode_bundle_add(version, &badd);

        ofpbuf_delete(request);
        error = vconn_send_block(vconn, add);
        if (error) {
            ofpbuf_delete(add);
            vconn_free_list(requests);
            return error;
        }
    }

    /* A barrier, so that any error for an added message arrives before the
     * commit is sent. */
    request = ofpraw_alloc(version == OFP10_VERSION
                           ? OFPRAW_OFPT10_BARRIER_REQUEST
                           : OFPRAW_OFPT11_BARRIER_REQUEST, version, 0);
    ovs_be32 barrier_xid = ((struct ofp_header *) request->data)->xid;
    error = vconn_send_block(vconn, request);
    if (error) {
        ofpbuf_delete(request);
        return error;
    }
    struct ofpbuf *reply;
    error = bundle_recv(vconn, barrier_xid, &reply, error_reporter, &failed);
    if (error) {
        return error;
    }
    ofpbuf_delete(reply);

    /* Commit, or discard the bundle if the switch refused a message. */
    bc.type = failed ? OFPBCT_DISCARD_REQUEST : OFPBCT_COMMIT_REQUEST;
    error = bundle_control_transact(
        vconn, ofputil_encode_bundle_ctrl_request(version, &bc),
        bc.type + 1, error_reporter, &failed);
    if (error) {
        return error;
    }
    return failed ? EPROTO : 0;
}
