/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* OpenFlow bundles: decoding, encoding and printing of bundle control and
 * bundle add messages.  See include/openvswitch/ofp-bundle.h. */

#include <config.h>
#include "openvswitch/ofp-bundle.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdlib.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"

VLOG_DEFINE_THIS_MODULE(ofp_bundle);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Decodes the bundle control message 'oh' into 'msg'. */
enum ofperr
ofputil_decode_bundle_ctrl(const struct ofp_header *oh,
                           struct ofputil_bundle_ctrl_msg *msg)
{
    const struct ofp14_bundle_ctrl_msg *m;
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    m = ofpbuf_pull(&b, sizeof *m);
    msg->bundle_id = ntohl(m->bundle_id);
    msg->type = ntohs(m->type);
    msg->flags = ntohs(m->flags);
    return 0;
}

/* Returns the raw type of a bundle message for 'version': OpenFlow 1.3
 * uses the ONF extension. */
static enum ofpraw
bundle_raw(enum ofp_version version, bool add)
{
    if (version == OFP13_VERSION) {
        return (add ? OFPRAW_ONFT13_BUNDLE_ADD_MESSAGE
                : OFPRAW_ONFT13_BUNDLE_CONTROL);
    }
    return (add ? OFPRAW_OFPT14_BUNDLE_ADD_MESSAGE
            : OFPRAW_OFPT14_BUNDLE_CONTROL);
}

/* Appends the body of 'bc' to 'request'. */
static void
put_bundle_ctrl(struct ofpbuf *request,
                const struct ofputil_bundle_ctrl_msg *bc)
{
    struct ofp14_bundle_ctrl_msg *m = ofpbuf_put_zeros(request, sizeof *m);

    m->bundle_id = htonl(bc->bundle_id);
    m->type = htons(bc->type);
    m->flags = htons(bc->flags);
    ofpmsg_update_length(request);
}

/* Returns a new bundle control request for 'bc' in 'ofp_version' (1.3 with
 * the ONF extension, or 1.4+). */
struct ofpbuf *
ofputil_encode_bundle_ctrl_request(enum ofp_version ofp_version,
                                   struct ofputil_bundle_ctrl_msg *bc)
{
    struct ofpbuf *request = ofpraw_alloc(bundle_raw(ofp_version, false),
                                          ofp_version, 0);
    put_bundle_ctrl(request, bc);
    return request;
}

/* Returns a reply to the bundle control message 'oh' carrying 'msg'. */
struct ofpbuf *
ofputil_encode_bundle_ctrl_reply(const struct ofp_header *oh,
                                 struct ofputil_bundle_ctrl_msg *msg)
{
    struct ofpbuf *reply = ofpraw_alloc_reply(bundle_raw(oh->version, false),
                                              oh, 0);
    put_bundle_ctrl(reply, msg);
    return reply;
}

/* Returns the name of bundle control type 'type', or "" if unknown. */
static const char *
bundle_ctrl_type_name(uint16_t type)
{
    switch (type) {
    case OFPBCT_OPEN_REQUEST: return "OPEN_REQUEST";
    case OFPBCT_OPEN_REPLY: return "OPEN_REPLY";
    case OFPBCT_CLOSE_REQUEST: return "CLOSE_REQUEST";
    case OFPBCT_CLOSE_REPLY: return "CLOSE_REPLY";
    case OFPBCT_COMMIT_REQUEST: return "COMMIT_REQUEST";
    case OFPBCT_COMMIT_REPLY: return "COMMIT_REPLY";
    case OFPBCT_DISCARD_REQUEST: return "DISCARD_REQUEST";
    case OFPBCT_DISCARD_REPLY: return "DISCARD_REPLY";
    default: return "";
    }
}

/* Appends the bundle flags 'flags' to 's': "atomic ordered", "0", or the
 * unknown bits in hex. */
static void
format_bundle_flags(struct ds *s, uint16_t flags)
{
    static const struct {
        uint16_t bit;           /* Flag bit. */
        const char *name;       /* Its name. */
    } names[] = {
        { OFPBF_ATOMIC, "atomic" },
        { OFPBF_ORDERED, "ordered" },
    };
    bool first = true;

    if (!flags) {
        ds_put_char(s, '0');
        return;
    }
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (flags & names[i].bit) {
            if (!first) {
                ds_put_char(s, ' ');
            }
            first = false;
            ds_put_cstr(s, names[i].name);
            flags &= ~names[i].bit;
        }
    }
    if (flags) {
        if (!first) {
            ds_put_char(s, ' ');
        }
        ds_put_format(s, "0x%"PRIx16, flags);
    }
}

/* Appends "\n bundle_id=0x1 type=OPEN_REQUEST flags=atomic ordered" for
 * 'bc' to 's'. */
void
ofputil_format_bundle_ctrl_request(struct ds *s,
                                   const struct ofputil_bundle_ctrl_msg *bc)
{
    ds_put_char(s, '\n');
    ds_put_format(s, " bundle_id=%#"PRIx32" type=%s flags=", bc->bundle_id,
                  bundle_ctrl_type_name(bc->type));
    format_bundle_flags(s, bc->flags);
}

/* Decodes the bundle add message 'oh' into 'msg'. */
enum ofperr
ofputil_decode_bundle_add(const struct ofp_header *oh,
                          struct ofputil_bundle_add_msg *msg)
{
    const struct ofp14_bundle_add_msg *m;
    enum ofptype inner_type;
    enum ofperr error;
    struct ofpbuf b;
    size_t inner_len;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    m = ofpbuf_pull(&b, sizeof *m);
    msg->bundle_id = ntohl(m->bundle_id);
    msg->flags = ntohs(m->flags);

    msg->msg = b.data;
    if (b.size < sizeof *msg->msg) {
        return OFPERR_OFPBFC_MSG_BAD_LEN;
    }
    if (msg->msg->version != oh->version) {
        return OFPERR_OFPBFC_BAD_VERSION;
    }
    inner_len = ntohs(msg->msg->length);
    if (inner_len < sizeof *msg->msg || inner_len > b.size
        || ROUND_UP(inner_len, 8) < b.size) {
        return OFPERR_OFPBFC_MSG_BAD_LEN;
    }
    if (msg->msg->xid != oh->xid) {
        return OFPERR_OFPBFC_MSG_BAD_XID;
    }

    /* Only a few types of messages may be bundled. */
    error = ofptype_decode(&inner_type, msg->msg);
    if (error) {
        VLOG_WARN_RL(&rl, "%s contained message is unparsable (%s)",
                     "OFPT14_BUNDLE_ADD_MESSAGE",
                     ofperr_get_name(error));
        return OFPERR_OFPBFC_MSG_UNSUP;
    }
    switch (inner_type) {
    case OFPTYPE_PORT_MOD:
    case OFPTYPE_FLOW_MOD:
    case OFPTYPE_GROUP_MOD:
    case OFPTYPE_PACKET_OUT:
        return 0;
    default:
        VLOG_WARN_RL(&rl, "%s message not allowed inside %s",
                     ofptype_get_name(inner_type),
                     "OFPT14_BUNDLE_ADD_MESSAGE");
        return OFPERR_OFPBFC_MSG_UNSUP;
    }
}

/* Returns a new bundle add message for 'msg' in 'ofp_version'. */
struct ofpbuf *
ofputil_encode_bundle_add(enum ofp_version ofp_version,
                          struct ofputil_bundle_add_msg *msg)
{
    struct ofp14_bundle_add_msg *m;
    struct ofpbuf *request;
    size_t inner_len = ntohs(msg->msg->length);

    request = ofpraw_alloc_xid(bundle_raw(ofp_version, true), ofp_version,
                               msg->msg->xid, inner_len);
    m = ofpbuf_put_zeros(request, sizeof *m);
    m->bundle_id = htonl(msg->bundle_id);
    m->flags = htons(msg->flags);
    ofpbuf_put(request, msg->msg, inner_len);
    ofpmsg_update_length(request);
    return request;
}

/* Appends "\n bundle_id=0x7 flags=atomic ordered\n" and the inner message
 * as ofp-print shows it to 's'. */
void
ofputil_format_bundle_add(struct ds *s,
                          const struct ofputil_bundle_add_msg *badd,
                          const struct ofputil_port_map *port_map,
                          const struct ofputil_table_map *table_map,
                          int verbosity)
{
    char *inner;

    ds_put_char(s, '\n');
    ds_put_format(s, " bundle_id=%#"PRIx32, badd->bundle_id);
    ds_put_cstr(s, " flags=");
    format_bundle_flags(s, badd->flags);
    ds_put_char(s, '\n');

    inner = ofp_to_string(badd->msg, ntohs(badd->msg->length), port_map,
                          table_map, verbosity);
    ds_put_cstr(s, inner);
    free(inner);
    ds_chomp(s, '\n');
}
