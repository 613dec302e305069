/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The vconn functions that take lists of messages (linked through struct
 * ofpbuf's 'list_node'): several requests with one barrier, multipart
 * requests and replies, and bundles.  Written on vconn.h's public
 * functions only. */

#include <config.h>
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include "openflow/openflow.h"
#include "openvswitch/list.h"
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

int
vconn_bundle_transact(struct vconn *vconn, struct ovs_list *requests,
                      uint16_t bundle_flags OVS_UNUSED,
                      void (*error_reporter)(const struct ofp_header *))
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

    vconn_free_list(requests);
    VLOG_WARN_RL(&rl, "%s: OpenFlow 1.4 bundles are not supported yet",
                 vconn_get_name(vconn));
    (void) error_reporter;
    return EOPNOTSUPP;
}
