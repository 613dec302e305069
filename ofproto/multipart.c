/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofproto/multipart.h"

#include <arpa/inet.h>
#include "byte-order.h"
#include "hash.h"
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "poll-loop.h"

/* A request whose last part has not arrived yet. */
struct mp_request {
    struct hmap_node hmap_node; /* In 'requests', by hash of 'xid'. */
    ovs_be32 xid;               /* Its xid. */
    enum ofpraw raw;            /* Its type (every part's). */
    struct ofpbuf *msg;         /* Header of the first part (flags
                                 * cleared), then every part's body. */
    struct ofpbuf *last;        /* A copy of the last part received. */
    long long int deadline;     /* When it times out. */
};

void
mp_assembler_init(struct mp_assembler *a)
{
    hmap_init(&a->requests);
}

static void
mp_request_destroy(struct mp_assembler *a, struct mp_request *r)
{
    hmap_remove(&a->requests, &r->hmap_node);
    ofpbuf_delete(r->msg);
    ofpbuf_delete(r->last);
    free(r);
}

void
mp_assembler_clear(struct mp_assembler *a)
{
    struct mp_request *r;

    HMAP_FOR_EACH_SAFE (r, hmap_node, &a->requests) {
        mp_request_destroy(a, r);
    }
}

void
mp_assembler_destroy(struct mp_assembler *a)
{
    if (a) {
        mp_assembler_clear(a);
        hmap_destroy(&a->requests);
    }
}

static struct mp_request *
mp_request_find(const struct mp_assembler *a, ovs_be32 xid)
{
    struct mp_request *r;

    HMAP_FOR_EACH_WITH_HASH (r, hmap_node, hash_int(ntohl(xid), 0),
                             &a->requests) {
        if (r->xid == xid) {
            return r;
        }
    }
    return NULL;
}

/* True if 'oh' is a multipart request of a version that can split them. */
static bool
is_splittable_request(const struct ofp_header *oh)
{
    return oh->version >= OFP13_VERSION && ofpmsg_is_stat_request(oh);
}

bool
mp_assembler_wants(const struct mp_assembler *a, const struct ofpbuf *msg)
{
    const struct ofp_header *oh = msg->data;

    if (msg->size < sizeof(struct ofp10_stats_msg)
        || !is_splittable_request(oh)) {
        return false;
    }
    return ((ofpmp_flags(oh) & OFPSF_REQ_MORE)
            || (!hmap_is_empty(&a->requests)
                && mp_request_find(a, oh->xid)));
}

struct ofpbuf *
mp_assembler_execute(struct mp_assembler *a, const struct ofpbuf *msg,
                     long long int now, enum ofperr *error)
{
    const struct ofp_header *oh = msg->data;
    struct mp_request *r = mp_request_find(a, oh->xid);
    bool more = (ofpmp_flags(oh) & OFPSF_REQ_MORE) != 0;
    struct ofpbuf b;
    enum ofpraw raw;

    ofpbuf_use_const(&b, msg->data, msg->size);
    *error = ofpraw_pull(&raw, &b);
    if (*error) {
        if (r) {
            mp_request_destroy(a, r);
        }
        return NULL;
    }

    if (r && r->raw != raw) {
        /* Parts of different types under one xid. */
        mp_request_destroy(a, r);
        *error = OFPERR_OFPBRC_BAD_STAT;
        return NULL;
    }
    if (!r) {
        struct ofp10_stats_msg *hdr;

        r = xzalloc(sizeof *r);
        r->xid = oh->xid;
        r->raw = raw;
        r->msg = ofpbuf_clone_data(msg->data,
                                   (const uint8_t *) b.data
                                   - (const uint8_t *) msg->data);
        hdr = r->msg->data;
        hdr->flags = htons(0);
        hmap_insert(&a->requests, &r->hmap_node, hash_int(ntohl(r->xid), 0));
    } else {
        ofpbuf_delete(r->last);
    }
    ofpbuf_put(r->msg, b.data, b.size);
    r->last = ofpbuf_clone(msg);
    r->deadline = now + MP_ASSEMBLY_TIMEOUT;

    if (r->msg->size > UINT16_MAX) {
        mp_request_destroy(a, r);
        *error = OFPERR_OFPBRC_MULTIPART_BUFFER_OVERFLOW;
        return NULL;
    }
    if (more) {
        return NULL;
    }

    struct ofpbuf *whole = r->msg;
    struct ofp_header *whole_oh = whole->data;

    r->msg = NULL;
    whole_oh->length = htons(whole->size);
    mp_request_destroy(a, r);
    return whole;
}

struct ofpbuf *
mp_assembler_run(struct mp_assembler *a, long long int now)
{
    struct mp_request *r;

    HMAP_FOR_EACH (r, hmap_node, &a->requests) {
        if (now >= r->deadline) {
            struct ofpbuf *last = r->last;

            r->last = NULL;
            mp_request_destroy(a, r);
            return last;
        }
    }
    return NULL;
}

void
mp_assembler_wait(const struct mp_assembler *a)
{
    const struct mp_request *r;

    HMAP_FOR_EACH (r, hmap_node, &a->requests) {
        poll_timer_wait_until(r->deadline);
    }
}
