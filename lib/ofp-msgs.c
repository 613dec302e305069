/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-msgs.h"
#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>
#include "ofpbuf.h"
#include "openvswitch/list.h"
#include "openflow/openflow.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_msgs);

/* Where a raw type's number goes, i.e. which headers it has. */
enum raw_family {
    RAW_OFPT,                   /* ofp_header 'type'. */
    RAW_OFPST_REQUEST,          /* Stats/multipart request 'type'. */
    RAW_OFPST_REPLY,            /* Stats/multipart reply 'type'. */
    RAW_NXT,                    /* Nicira vendor message subtype. */
    RAW_NXST_REQUEST,           /* Nicira vendor stats request subtype. */
    RAW_NXST_REPLY,             /* Nicira vendor stats reply subtype. */
    RAW_ONFT,                   /* ONF experimenter message type. */
    RAW_ONFST_REQUEST,          /* ONF experimenter multipart request type
                                 * (OpenFlow 1.1+). */
    RAW_ONFST_REPLY,            /* ONF experimenter multipart reply type
                                 * (OpenFlow 1.1+). */
    RAW_WFT                     /* Weft experimenter message subtype. */
};

/* One raw message type, from lib/ofp-msgs.def. */
struct raw_info {
    const char *name;           /* Name as printed, "OFPST_FLOW request". */
    enum ofptype type;          /* Meaning. */
    enum raw_family family;     /* Where 'number' goes. */
    uint8_t min_version;        /* First version with this format. */
    uint8_t max_version;        /* Last version (255: every later one). */
    uint16_t number;            /* Type, stat type or subtype. */
    uint16_t min_body;          /* Minimum bytes after the headers. */
    uint16_t elem_size;         /* Size of variable part's elements, 0 if
                                 * none, 1 for any number of bytes. */
};

/* Generated: raw_infos[], ofptype_names[]. */
#include "ofp-msgs.inc"

/* The headers of a message, as far as they identify its raw type. */
struct ofphdrs {
    uint8_t version;            /* ofp_header 'version'. */
    uint8_t type;               /* ofp_header 'type'. */
    uint16_t stat;              /* Stats type, for stats messages. */
    uint32_t vendor;            /* Vendor, for vendor messages and stats. */
    uint32_t subtype;           /* Vendor subtype. */
    enum raw_family family;     /* Which of the above are meaningful. */
    size_t hdrs_len;            /* Bytes of headers. */
};

static const struct raw_info *
raw_info_get(enum ofpraw raw)
{
    ovs_assert(raw < OFPRAW_N_RAWS);
    return &raw_infos[raw];
}

/* Returns true if 'type' is a statistics (multipart) request or reply type
 * in 'version'; sets '*is_reply' accordingly. */
static bool
is_stats_type(uint8_t version, uint8_t type, bool *is_reply)
{
    uint8_t request = (version == OFP10_VERSION
                       ? OFPT10_STATS_REQUEST : OFPT11_STATS_REQUEST);
    if (type == request || type == request + 1) {
        *is_reply = type == request + 1;
        return true;
    }
    return false;
}

/* Size of the stats/multipart header in 'version'. */
static size_t
stats_hdr_len(uint8_t version)
{
    return (version == OFP10_VERSION
            ? sizeof(struct ofp10_stats_msg)
            : sizeof(struct ofp11_stats_msg));
}

/* Returns the 32-bit big-endian value at offset 'ofs' of 'p'. */
static uint32_t
get_be32_at(const void *p, size_t ofs)
{
    ovs_be32 x;

    memcpy(&x, (const uint8_t *) p + ofs, sizeof x);
    return ntohl(x);
}

/* Returns the 16-bit big-endian value at offset 'ofs' of 'p'. */
static uint16_t
get_be16_at(const void *p, size_t ofs)
{
    ovs_be16 x;

    memcpy(&x, (const uint8_t *) p + ofs, sizeof x);
    return ntohs(x);
}

/* Decodes the headers of message 'oh', of which 'length' bytes are
 * available, into 'hdrs'. */
static enum ofperr
ofphdrs_decode(struct ofphdrs *hdrs, const struct ofp_header *oh,
               size_t length)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    bool is_reply;

    memset(hdrs, 0, sizeof *hdrs);
    if (length < sizeof *oh) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    hdrs->version = oh->version;
    hdrs->type = oh->type;

    if (oh->type == OFPT_VENDOR) {
        if (length < sizeof(struct nicira_header)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        hdrs->vendor = get_be32_at(oh, 8);
        if (hdrs->vendor == NX_VENDOR_ID) {
            hdrs->family = RAW_NXT;
        } else if (hdrs->vendor == ONF_VENDOR_ID) {
            hdrs->family = RAW_ONFT;
        } else if (hdrs->vendor == WFT_VENDOR_ID) {
            hdrs->family = RAW_WFT;
        } else {
            VLOG_WARN_RL(&rl, "OpenFlow message has unknown vendor %#"PRIx32,
                         hdrs->vendor);
            return OFPERR_OFPBRC_BAD_VENDOR;
        }
        hdrs->subtype = get_be32_at(oh, 12);
        hdrs->hdrs_len = sizeof(struct nicira_header);
    } else if (oh->version && is_stats_type(oh->version, oh->type,
                                            &is_reply)) {
        size_t hl = stats_hdr_len(oh->version);

        if (length < hl) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        hdrs->stat = get_be16_at(oh, 8);
        if (hdrs->stat == OFPST_VENDOR) {
            /* OpenFlow 1.0's vendor stats header ends after the vendor;
             * 1.1's also has the subtype. */
            if (length < (oh->version == OFP10_VERSION
                          ? sizeof(struct ofp10_vendor_stats_msg)
                          : sizeof(struct ofp11_vendor_stats_msg))) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            hdrs->vendor = get_be32_at(oh, hl);
            if (hdrs->vendor != NX_VENDOR_ID
                && (hdrs->vendor != ONF_VENDOR_ID
                    || oh->version == OFP10_VERSION)) {
                VLOG_WARN_RL(&rl, "OpenFlow message has unknown vendor "
                             "%#"PRIx32, hdrs->vendor);
                return OFPERR_OFPBRC_BAD_VENDOR;
            }
            if (length < sizeof(struct nicira10_stats_msg)) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            hdrs->subtype = get_be32_at(oh, hl + 4);
            if (hdrs->vendor == NX_VENDOR_ID) {
                hdrs->family = (is_reply
                                ? RAW_NXST_REPLY : RAW_NXST_REQUEST);
            } else {
                /* The ONF experimenter multipart header has the same
                 * size and layout as OpenFlow 1.1's Nicira one. */
                hdrs->family = (is_reply
                                ? RAW_ONFST_REPLY : RAW_ONFST_REQUEST);
            }
            hdrs->hdrs_len = sizeof(struct nicira10_stats_msg);
        } else {
            hdrs->family = is_reply ? RAW_OFPST_REPLY : RAW_OFPST_REQUEST;
            hdrs->hdrs_len = hl;
        }
    } else {
        hdrs->family = RAW_OFPT;
        hdrs->hdrs_len = sizeof *oh;
    }
    return 0;
}

/* Returns the number that identifies a message of 'hdrs''s family. */
static uint32_t
ofphdrs_number(const struct ofphdrs *hdrs)
{
    switch (hdrs->family) {
    case RAW_OFPT:
        return hdrs->type;
    case RAW_OFPST_REQUEST:
    case RAW_OFPST_REPLY:
        return hdrs->stat;
    case RAW_NXT:
    case RAW_NXST_REQUEST:
    case RAW_NXST_REPLY:
    case RAW_ONFT:
    case RAW_ONFST_REQUEST:
    case RAW_ONFST_REPLY:
    case RAW_WFT:
        return hdrs->subtype;
    }
    OVS_NOT_REACHED();
}

/* Finds the raw type with 'hdrs''s headers, or logs and returns an
 * error. */
static enum ofperr
ofphdrs_lookup(const struct ofphdrs *hdrs, enum ofpraw *rawp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    uint32_t number = ofphdrs_number(hdrs);

    for (size_t i = 0; i < OFPRAW_N_RAWS; i++) {
        const struct raw_info *info = &raw_infos[i];
        if (info->family == hdrs->family && info->number == number
            && hdrs->version >= info->min_version
            && hdrs->version <= info->max_version) {
            *rawp = i;
            return 0;
        }
    }

    switch (hdrs->family) {
    case RAW_OFPT:
        VLOG_WARN_RL(&rl, "unknown OpenFlow message (version %"PRIu8", "
                     "type %"PRIu8")", hdrs->version, hdrs->type);
        return OFPERR_OFPBRC_BAD_TYPE;
    case RAW_OFPST_REQUEST:
    case RAW_OFPST_REPLY:
        VLOG_WARN_RL(&rl, "unknown OpenFlow message (version %"PRIu8", "
                     "type %"PRIu8", stat %"PRIu16")",
                     hdrs->version, hdrs->type, hdrs->stat);
        return OFPERR_OFPBRC_BAD_STAT;
    case RAW_NXT:
    case RAW_ONFT:
    case RAW_WFT:
        VLOG_WARN_RL(&rl, "unknown OpenFlow message (version %"PRIu8", "
                     "type %"PRIu8", vendor %#"PRIx32", subtype %"PRIu32")",
                     hdrs->version, hdrs->type, hdrs->vendor,
                     hdrs->subtype);
        return OFPERR_OFPBRC_BAD_SUBTYPE;
    case RAW_NXST_REQUEST:
    case RAW_NXST_REPLY:
    case RAW_ONFST_REQUEST:
    case RAW_ONFST_REPLY:
        VLOG_WARN_RL(&rl, "unknown OpenFlow message (version %"PRIu8", "
                     "type %"PRIu8", stat %"PRIu16", vendor %#"PRIx32", "
                     "subtype %"PRIu32")", hdrs->version, hdrs->type,
                     hdrs->stat, hdrs->vendor, hdrs->subtype);
        return OFPERR_OFPBRC_BAD_SUBTYPE;
    }
    OVS_NOT_REACHED();
}

enum ofperr
ofpraw_decode_partial(enum ofpraw *raw, const struct ofp_header *oh,
                      size_t length)
{
    struct ofphdrs hdrs;
    enum ofperr error;

    error = ofphdrs_decode(&hdrs, oh, length);
    if (!error) {
        error = ofphdrs_lookup(&hdrs, raw);
    }
    return error;
}

/* Checks that the 'length'-byte message with headers 'hdrs' has a valid
 * length for raw type 'raw'. */
static enum ofperr
ofpraw_check_length(enum ofpraw raw, const struct ofphdrs *hdrs,
                    size_t length)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    const struct raw_info *info = raw_info_get(raw);
    size_t min_len = hdrs->hdrs_len + info->min_body;

    if (info->elem_size == 0) {
        if (length != min_len) {
            VLOG_WARN_RL(&rl, "received %s with incorrect length %zu"
                         " (expected length %zu)",
                         info->name, length, min_len);
            return OFPERR_OFPBRC_BAD_LEN;
        }
    } else if (info->elem_size == 1) {
        if (length < min_len) {
            VLOG_WARN_RL(&rl, "received %s with incorrect length %zu"
                         " (expected length at least %zu bytes)",
                         info->name, length, min_len);
            return OFPERR_OFPBRC_BAD_LEN;
        }
    } else if (length < min_len
               || (length - min_len) % info->elem_size) {
        VLOG_WARN_RL(&rl, "received %s with incorrect length %zu"
                     " (must be exactly %zu bytes or longer by an "
                     "integer multiple of %"PRIu16" bytes)",
                     info->name, length, min_len, info->elem_size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    return 0;
}

/* Decodes 'oh' (of 'length' bytes) completely, storing its headers in
 * '*hdrs'. */
static enum ofperr
ofpraw_decode__(enum ofpraw *rawp, struct ofphdrs *hdrs,
                const struct ofp_header *oh, size_t length)
{
    enum ofperr error;

    error = ofphdrs_decode(hdrs, oh, length);
    if (!error) {
        error = ofphdrs_lookup(hdrs, rawp);
    }
    if (!error) {
        error = ofpraw_check_length(*rawp, hdrs, length);
    }
    return error;
}

enum ofperr
ofpraw_decode(enum ofpraw *raw, const struct ofp_header *oh)
{
    struct ofphdrs hdrs;

    return ofpraw_decode__(raw, &hdrs, oh, ntohs(oh->length));
}

enum ofpraw
ofpraw_decode_assert(const struct ofp_header *oh)
{
    enum ofpraw raw;

    ovs_assert(!ofpraw_decode(&raw, oh));
    return raw;
}

enum ofperr
ofpraw_pull(enum ofpraw *rawp, struct ofpbuf *msg)
{
    struct ofphdrs hdrs;
    enum ofperr error;
    enum ofpraw raw;

    /* The message is the whole buffer, whatever its 'length' field says:
     * the length check applies to what is there. */
    error = ofpraw_decode__(&raw, &hdrs, msg->data, msg->size);
    if (error) {
        return error;
    }
    msg->header = msg->data;
    msg->msg = (uint8_t *) msg->data + hdrs.hdrs_len;
    ofpbuf_pull(msg, hdrs.hdrs_len);
    *rawp = raw;
    return 0;
}

enum ofpraw
ofpraw_pull_assert(struct ofpbuf *msg)
{
    enum ofpraw raw;

    ovs_assert(!ofpraw_pull(&raw, msg));
    return raw;
}

/* Returns the size of the headers of 'raw' in 'version'. */
static size_t
ofpraw_hdrs_len(const struct raw_info *info, uint8_t version)
{
    switch (info->family) {
    case RAW_OFPT:
        return sizeof(struct ofp_header);
    case RAW_OFPST_REQUEST:
    case RAW_OFPST_REPLY:
        return stats_hdr_len(version);
    case RAW_NXT:
    case RAW_ONFT:
    case RAW_WFT:
        return sizeof(struct nicira_header);
    case RAW_NXST_REQUEST:
    case RAW_NXST_REPLY:
    case RAW_ONFST_REQUEST:
    case RAW_ONFST_REPLY:
        return sizeof(struct nicira10_stats_msg);
    }
    OVS_NOT_REACHED();
}

/* Appends the headers of 'raw' for 'version' with 'xid' to 'buf'. */
static void
ofpraw_put__(enum ofpraw raw, uint8_t version, ovs_be32 xid,
             size_t extra_tailroom, struct ofpbuf *buf)
{
    const struct raw_info *info = raw_info_get(raw);
    size_t hdrs_len = ofpraw_hdrs_len(info, version);
    struct ofp_header *oh;
    uint8_t *p;

    ovs_assert(version >= info->min_version
               && version <= info->max_version);

    ofpbuf_prealloc_tailroom(buf, hdrs_len + info->min_body
                             + extra_tailroom);
    p = ofpbuf_put_zeros(buf, hdrs_len);
    oh = (struct ofp_header *) p;
    buf->header = oh;
    buf->msg = p + hdrs_len;

    oh->version = version;
    oh->length = htons(hdrs_len);
    oh->xid = xid;

    bool reply = (info->family == RAW_OFPST_REPLY
                  || info->family == RAW_NXST_REPLY
                  || info->family == RAW_ONFST_REPLY);
    uint8_t stats_type = ((version == OFP10_VERSION
                           ? OFPT10_STATS_REQUEST : OFPT11_STATS_REQUEST)
                          + reply);
    ovs_be32 be32;
    ovs_be16 be16;

    switch (info->family) {
    case RAW_OFPT:
        oh->type = info->number;
        break;
    case RAW_OFPST_REQUEST:
    case RAW_OFPST_REPLY:
        oh->type = stats_type;
        be16 = htons(info->number);
        memcpy(p + 8, &be16, sizeof be16);
        break;
    case RAW_NXT:
    case RAW_ONFT:
    case RAW_WFT:
        oh->type = OFPT_VENDOR;
        be32 = htonl(info->family == RAW_NXT ? NX_VENDOR_ID
                     : info->family == RAW_ONFT ? ONF_VENDOR_ID
                     : WFT_VENDOR_ID);
        memcpy(p + 8, &be32, sizeof be32);
        be32 = htonl(info->number);
        memcpy(p + 12, &be32, sizeof be32);
        break;
    case RAW_NXST_REQUEST:
    case RAW_NXST_REPLY:
    case RAW_ONFST_REQUEST:
    case RAW_ONFST_REPLY: {
        size_t hl = stats_hdr_len(version);
        bool nx = (info->family == RAW_NXST_REQUEST
                   || info->family == RAW_NXST_REPLY);

        oh->type = stats_type;
        be16 = htons(OFPST_VENDOR);
        memcpy(p + 8, &be16, sizeof be16);
        be32 = htonl(nx ? NX_VENDOR_ID : ONF_VENDOR_ID);
        memcpy(p + hl, &be32, sizeof be32);
        be32 = htonl(info->number);
        memcpy(p + hl + 4, &be32, sizeof be32);
        break;
    }
    }
}

struct ofpbuf *
ofpraw_alloc_xid(enum ofpraw raw, uint8_t ofp_version, ovs_be32 xid,
                 size_t extra_tailroom)
{
    struct ofpbuf *buf = ofpbuf_new(0);

    ofpraw_put__(raw, ofp_version, xid, extra_tailroom, buf);
    return buf;
}

struct ofpbuf *
ofpraw_alloc(enum ofpraw raw, uint8_t ofp_version, size_t extra_tailroom)
{
    return ofpraw_alloc_xid(raw, ofp_version, alloc_xid(), extra_tailroom);
}

struct ofpbuf *
ofpraw_alloc_reply(enum ofpraw raw, const struct ofp_header *request,
                   size_t extra_tailroom)
{
    return ofpraw_alloc_xid(raw, request->version, request->xid,
                            extra_tailroom);
}

struct ofpbuf *
ofpraw_alloc_stats_reply(const struct ofp_header *request,
                         size_t extra_tailroom)
{
    enum ofpraw request_raw = ofpraw_decode_assert(request);
    enum ofpraw reply_raw = ofpraw_stats_request_to_reply(request_raw,
                                                          request->version);

    return ofpraw_alloc_reply(reply_raw, request, extra_tailroom);
}

void
ofpraw_put(enum ofpraw raw, uint8_t ofp_version, struct ofpbuf *buf)
{
    ofpraw_put__(raw, ofp_version, alloc_xid(), 0, buf);
}

void
ofpraw_put_xid(enum ofpraw raw, uint8_t ofp_version, ovs_be32 xid,
               struct ofpbuf *buf)
{
    ofpraw_put__(raw, ofp_version, xid, 0, buf);
}

void
ofpraw_put_reply(enum ofpraw raw, const struct ofp_header *request,
                 struct ofpbuf *buf)
{
    ofpraw_put__(raw, request->version, request->xid, 0, buf);
}

void
ofpraw_put_stats_reply(const struct ofp_header *request, struct ofpbuf *buf)
{
    enum ofpraw request_raw = ofpraw_decode_assert(request);
    enum ofpraw reply_raw = ofpraw_stats_request_to_reply(request_raw,
                                                          request->version);

    ofpraw_put_reply(reply_raw, request, buf);
}

const char *
ofpraw_get_name(enum ofpraw raw)
{
    return raw_info_get(raw)->name;
}

bool
ofpraw_get_body_size(enum ofpraw raw, uint8_t version, size_t *min_body,
                     size_t *elem_size)
{
    const struct raw_info *info = raw_info_get(raw);

    if (version < info->min_version || version > info->max_version) {
        return false;
    }
    *min_body = info->min_body;
    *elem_size = info->elem_size;
    return true;
}

enum ofpraw
ofpraw_stats_request_to_reply(enum ofpraw raw, uint8_t version)
{
    const struct raw_info *info = raw_info_get(raw);
    enum raw_family family;

    if (info->family == RAW_OFPST_REQUEST) {
        family = RAW_OFPST_REPLY;
    } else if (info->family == RAW_ONFST_REQUEST) {
        family = RAW_ONFST_REPLY;
    } else {
        ovs_assert(info->family == RAW_NXST_REQUEST);
        family = RAW_NXST_REPLY;
    }
    for (size_t i = 0; i < OFPRAW_N_RAWS; i++) {
        const struct raw_info *r = &raw_infos[i];
        if (r->family == family && r->number == info->number
            && version >= r->min_version && version <= r->max_version) {
            return i;
        }
    }
    OVS_NOT_REACHED();
}

ovs_be32
alloc_xid(void)
{
    static uint32_t next_xid = 1;

    return htonl(__atomic_fetch_add(&next_xid, 1, __ATOMIC_RELAXED));
}

enum ofperr
ofptype_decode(enum ofptype *type, const struct ofp_header *oh)
{
    enum ofperr error;
    enum ofpraw raw;

    error = ofpraw_decode(&raw, oh);
    if (!error) {
        *type = ofptype_from_ofpraw(raw);
    }
    return error;
}

enum ofperr
ofptype_pull(enum ofptype *type, struct ofpbuf *msg)
{
    enum ofperr error;
    enum ofpraw raw;

    error = ofpraw_pull(&raw, msg);
    if (!error) {
        *type = ofptype_from_ofpraw(raw);
    }
    return error;
}

enum ofptype
ofptype_from_ofpraw(enum ofpraw raw)
{
    return raw_info_get(raw)->type;
}

const char *
ofptype_get_name(enum ofptype type)
{
    ovs_assert(type < OFPTYPE_N_TYPES);
    return ofptype_names[type];
}

void
ofpmsg_update_length(struct ofpbuf *buf)
{
    struct ofp_header *oh = buf->header ? buf->header : buf->data;

    oh->length = htons((uint8_t *) ofpbuf_tail(buf) - (uint8_t *) oh);
}

const void *
ofpmsg_body(const struct ofp_header *oh)
{
    struct ofphdrs hdrs;

    ovs_assert(!ofphdrs_decode(&hdrs, oh, ntohs(oh->length)));
    return (const uint8_t *) oh + hdrs.hdrs_len;
}

bool
ofpmsg_is_stat_request(const struct ofp_header *oh)
{
    bool is_reply;

    return is_stats_type(oh->version, oh->type, &is_reply) && !is_reply;
}

bool
ofpmsg_is_stat_reply(const struct ofp_header *oh)
{
    bool is_reply;

    return is_stats_type(oh->version, oh->type, &is_reply) && is_reply;
}

bool
ofpmsg_is_stat(const struct ofp_header *oh)
{
    bool is_reply;

    return is_stats_type(oh->version, oh->type, &is_reply);
}

uint16_t
ofpmp_flags(const struct ofp_header *oh)
{
    return get_be16_at(oh, offsetof(struct ofp10_stats_msg, flags));
}

bool
ofpmp_more(const struct ofp_header *oh)
{
    return (ofpmp_flags(oh) & OFPSF_REPLY_MORE) != 0;
}

/* Multipart replies.
 *
 * Until struct ofpbuf has a list node of its own, each reply lives in a
 * struct ofpmp_part whose first member is the ofpbuf, so that the ofpbuf
 * pointer is also the start of the allocation: ofpbuf_delete() on a reply
 * frees the whole part. */
struct ofpmp_part {
    struct ofpbuf msg;          /* The reply (must be first). */
    struct ovs_list list_node;  /* In the caller's list of replies. */
};

static struct ofpmp_part *
ofpmp_part_from_node(const struct ovs_list *node)
{
    return CONTAINER_OF(node, struct ofpmp_part, list_node);
}

/* Returns the last reply in 'replies'. */
static struct ofpbuf *
ofpmp_last(struct ovs_list *replies)
{
    return &ofpmp_part_from_node(ovs_list_back(replies))->msg;
}

/* Appends to 'replies' a new, empty reply with 'size' bytes of room. */
static struct ofpbuf *
ofpmp_new_part(struct ovs_list *replies, size_t size)
{
    struct ofpmp_part *part = xmalloc(sizeof *part);

    ofpbuf_init(&part->msg, size);
    ovs_list_push_back(replies, &part->list_node);
    return &part->msg;
}

/* Returns the size of the headers of multipart message 'msg'. */
static size_t
ofpmp_hdrs_len(const struct ofpbuf *msg)
{
    return (const uint8_t *) msg->msg - (const uint8_t *) msg->header;
}

/* Sets or clears OFPSF_REPLY_MORE in the multipart message in 'msg'. */
static void
ofpmp_set_more(struct ofpbuf *msg, bool more)
{
    uint8_t *flagsp = (uint8_t *) msg->header
                      + offsetof(struct ofp10_stats_msg, flags);
    uint16_t flags = get_be16_at(msg->header,
                                 offsetof(struct ofp10_stats_msg, flags));
    ovs_be16 be_flags;

    flags = more ? flags | OFPSF_REPLY_MORE : flags & ~OFPSF_REPLY_MORE;
    be_flags = htons(flags);
    memcpy(flagsp, &be_flags, sizeof be_flags);
}

/* Finishes 'old' with OFPSF_REPLY_MORE and appends to 'replies' a new reply
 * with the same headers and room for 'len' more bytes. */
static struct ofpbuf *
ofpmp_split(struct ovs_list *replies, struct ofpbuf *old, size_t len)
{
    size_t hdrs_len = ofpmp_hdrs_len(old);
    struct ofpbuf *next = ofpmp_new_part(replies, MAX(1024, hdrs_len + len));

    ofpbuf_put(next, old->header, hdrs_len);
    next->header = next->data;
    next->msg = ofpbuf_tail(next);

    ofpmp_set_more(old, true);
    ofpmsg_update_length(old);
    return next;
}

struct ofpbuf *
ofpbuf_from_list(const struct ovs_list *node)
{
    return &ofpmp_part_from_node(node)->msg;
}

void
ofpmp_init(struct ovs_list *replies, const struct ofp_header *request)
{
    struct ofpbuf *msg;

    ovs_list_init(replies);
    msg = ofpmp_new_part(replies, 1024);
    ofpraw_put_stats_reply(request, msg);
}

struct ofpbuf *
ofpmp_reserve(struct ovs_list *replies, size_t len)
{
    struct ofpbuf *msg = ofpmp_last(replies);

    if (msg->size + len <= UINT16_MAX) {
        ofpbuf_prealloc_tailroom(msg, len);
        return msg;
    }
    return ofpmp_split(replies, msg, len);
}

void *
ofpmp_append(struct ovs_list *replies, size_t len)
{
    return ofpbuf_put_uninit(ofpmp_reserve(replies, len), len);
}

void
ofpmp_postappend(struct ovs_list *replies, size_t start_ofs)
{
    struct ofpbuf *msg = ofpmp_last(replies);

    ovs_assert(start_ofs <= msg->size);
    if (msg->size > UINT16_MAX) {
        size_t len = msg->size - start_ofs;
        struct ofpbuf *next;

        next = ofpmp_split(replies, msg, len);
        ofpbuf_put(next, (uint8_t *) msg->data + start_ofs, len);
        msg->size = start_ofs;
        ofpmsg_update_length(msg);
        msg = next;
    }
    ofpmsg_update_length(msg);
}

enum ofp_version
ofpmp_version(struct ovs_list *replies)
{
    const struct ofp_header *oh = ofpmp_last(replies)->header;

    return oh->version;
}

enum ofpraw
ofpmp_decode_raw(struct ovs_list *replies)
{
    const struct ofpbuf *msg = ofpmp_last(replies);
    enum ofpraw raw;

    ovs_assert(!ofpraw_decode_partial(&raw, msg->header,
                                      (uint8_t *) ofpbuf_tail(msg)
                                      - (uint8_t *) msg->header));
    return raw;
}

struct ofpbuf *
ofpmp_pop(struct ovs_list *replies)
{
    struct ofpbuf *msg;

    if (ovs_list_is_empty(replies)) {
        return NULL;
    }
    msg = &ofpmp_part_from_node(ovs_list_pop_front(replies))->msg;
    ofpmsg_update_length(msg);
    return msg;
}

struct ofpbuf *
ofpmp_front(const struct ovs_list *replies)
{
    return (ovs_list_is_empty(replies)
            ? NULL
            : &ofpmp_part_from_node(replies->next)->msg);
}

struct ofpbuf *
ofpmp_next(const struct ovs_list *replies, const struct ofpbuf *msg)
{
    const struct ofpmp_part *part = (const struct ofpmp_part *) msg;

    return (part->list_node.next == replies
            ? NULL
            : &ofpmp_part_from_node(part->list_node.next)->msg);
}

void
ofpmp_destroy(struct ovs_list *replies)
{
    struct ofpbuf *msg;

    while ((msg = ofpmp_pop(replies))) {
        ofpbuf_delete(msg);
    }
}
