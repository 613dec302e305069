/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Hello messages (declared in openvswitch/ofp-protocol.h). */

#include <config.h>
#include "openvswitch/ofp-protocol.h"
#include <arpa/inet.h>
#include <string.h>
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_util);

/* Decodes the version bitmap element 'elem' of 'len' bytes into
 * '*allowed'.  Returns false if it is malformed or allows no version, in
 * which case '*allowed' is unchanged. */
static bool
ofputil_decode_hello_bitmap(const struct ofp_hello_elem_header *elem,
                            size_t len, uint32_t *allowed)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    size_t bitmap_len = len - sizeof *elem;
    ovs_be32 be_bitmap;
    uint32_t bitmap;

    if (!bitmap_len || bitmap_len % sizeof(ovs_be32)) {
        return false;
    }
    memcpy(&be_bitmap, elem + 1, sizeof be_bitmap);
    bitmap = ntohl(be_bitmap);
    if (bitmap & 1) {
        VLOG_WARN_RL(&rl, "peer claims to support invalid OpenFlow version "
                     "0x00");
        bitmap &= ~1u;
    }
    if (!bitmap) {
        VLOG_WARN_RL(&rl, "peer does not support any OpenFlow version "
                     "(between 0x01 and 0x1f)");
        return false;
    }
    *allowed = bitmap;
    return true;
}

bool
ofputil_decode_hello(const struct ofp_header *oh, uint32_t *allowed_versions)
{
    size_t len = ntohs(oh->length);
    struct ofpbuf msg;
    bool ok = true;

    /* Without a bitmap, every version up to the header's. */
    *allowed_versions = (oh->version >= 31
                         ? UINT32_MAX & ~1u
                         : (1u << (oh->version + 1)) - 2);

    ofpbuf_use_const(&msg, oh, len);
    ofpbuf_pull(&msg, sizeof *oh);
    while (msg.size) {
        const struct ofp_hello_elem_header *elem;
        size_t elem_len;

        if (msg.size < sizeof *elem) {
            return false;
        }
        elem = msg.data;
        elem_len = ntohs(elem->length);
        if (elem_len < sizeof *elem || ROUND_UP(elem_len, 8) > msg.size) {
            return false;
        }
        if (elem->type == htons(OFPHET_VERSIONBITMAP)) {
            if (!ofputil_decode_hello_bitmap(elem, elem_len,
                                             allowed_versions)) {
                ok = false;
            }
        } else {
            ok = false;
        }
        ofpbuf_pull(&msg, ROUND_UP(elem_len, 8));
    }
    return ok;
}

struct ofpbuf *
ofputil_encode_hello(uint32_t allowed_versions)
{
    enum ofp_version version;
    struct ofpbuf *msg;

    ovs_assert(allowed_versions & ~1u);
    version = 31 - __builtin_clz(allowed_versions);
    msg = ofpraw_alloc(OFPRAW_OFPT_HELLO, version, 16);

    uint64_t contiguous = (UINT64_C(1) << (version + 1)) - 2;
    if ((allowed_versions & ~1u) != contiguous) {
        struct ofp_hello_elem_header *elem;
        ovs_be32 bitmap = htonl(allowed_versions);

        elem = ofpbuf_put_zeros(msg, sizeof *elem);
        elem->type = htons(OFPHET_VERSIONBITMAP);
        elem->length = htons(sizeof *elem + sizeof bitmap);
        ofpbuf_put(msg, &bitmap, sizeof bitmap);
    }
    ofpmsg_update_length(msg);
    return msg;
}

