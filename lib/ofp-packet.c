/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-packet.h"

#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "match.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "openflow/nicira-ext.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-match.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-parse.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "packets.h"

VLOG_DEFINE_THIS_MODULE(ofp_packet);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* All-ones 64-bit value in network byte order. */
#define OVS_BE64_MAX ((ovs_be64) UINT64_MAX)

/* Returns the 32-bit network byte order value at 'p', which need not be
 * aligned. */
static ovs_be32
read_be32(const void *p)
{
    ovs_be32 x;

    memcpy(&x, p, sizeof x);
    return x;
}

/* Packet-in formats. */

int
ofputil_packet_in_format_from_string(const char *s)
{
    return (!strcmp(s, "standard") || !strcmp(s, "openflow10")
            ? OFPUTIL_PACKET_IN_STD
            : !strcmp(s, "nxt_packet_in") || !strcmp(s, "nxm")
            ? OFPUTIL_PACKET_IN_NXT
            : !strcmp(s, "nxt_packet_in2")
            ? OFPUTIL_PACKET_IN_NXT2
            : -1);
}

const char *
ofputil_packet_in_format_to_string(enum ofputil_packet_in_format format)
{
    switch (format) {
    case OFPUTIL_PACKET_IN_STD:
        return "standard";
    case OFPUTIL_PACKET_IN_NXT:
        return "nxt_packet_in";
    case OFPUTIL_PACKET_IN_NXT2:
        return "nxt_packet_in2";
    default:
        OVS_NOT_REACHED();
    }
}

bool
ofputil_packet_in_format_is_valid(enum ofputil_packet_in_format format)
{
    switch (format) {
    case OFPUTIL_PACKET_IN_STD:
    case OFPUTIL_PACKET_IN_NXT:
    case OFPUTIL_PACKET_IN_NXT2:
        return true;
    }
    return false;
}

struct ofpbuf *
ofputil_encode_set_packet_in_format(enum ofp_version ofp_version,
                                    enum ofputil_packet_in_format format)
{
    struct ofpbuf *msg = ofpraw_alloc(OFPRAW_NXT_SET_PACKET_IN_FORMAT,
                                      ofp_version, 0);
    struct nx_set_packet_in_format *spif = ofpbuf_put_zeros(msg,
                                                            sizeof *spif);

    spif->format = htonl(format);
    return msg;
}

enum ofperr
ofputil_decode_set_packet_in_format(const struct ofp_header *oh,
                                    enum ofputil_packet_in_format *format)
{
    const struct nx_set_packet_in_format *spif;
    struct ofpbuf b;
    uint32_t f;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    spif = ofpbuf_try_pull(&b, sizeof *spif);
    if (!spif) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    f = ntohl(spif->format);
    if (f > OFPUTIL_PACKET_IN_NXT2) {
        VLOG_WARN_RL(&rl, "NXT_SET_PACKET_IN_FORMAT message specified "
                     "invalid packet-in format %"PRIu32, f);
        return OFPERR_OFPBRC_EPERM;
    }
    *format = f;
    return 0;
}

enum ofperr
ofputil_set_packet_in_format_msg_format(struct ds *string,
                                        const struct ofp_header *oh)
{
    enum ofputil_packet_in_format format;
    enum ofperr error;

    error = ofputil_decode_set_packet_in_format(oh, &format);
    if (!error) {
        ds_put_format(string, " format=%s",
                      ofputil_packet_in_format_to_string(format));
    }
    return error;
}

/* Packet-in reasons. */

const char *
ofputil_packet_in_reason_to_string(uint8_t reason, char *reasonbuf,
                                   size_t bufsize)
{
    switch (reason) {
    case OFPR_NO_MATCH:
        return "no_match";
    case OFPR_ACTION:
        return "action";
    case OFPR_INVALID_TTL:
        return "invalid_ttl";
    case OFPR_ACTION_SET:
        return "action_set";
    case OFPR_GROUP:
        return "group";
    case OFPR_PACKET_OUT:
        return "packet_out";
    case OFPR_EXPLICIT_MISS:
    case OFPR_IMPLICIT_MISS:
        return "";
    default:
        snprintf(reasonbuf, bufsize, "%d", (int) reason);
        return reasonbuf;
    }
}

bool
ofputil_packet_in_reason_from_string(const char *s, uint8_t *reason)
{
    int i;

    for (i = 0; i < OFPR_N_REASONS; i++) {
        char reasonbuf[16];
        const char *name = ofputil_packet_in_reason_to_string(
            i, reasonbuf, sizeof reasonbuf);

        if (!strcasecmp(s, name)) {
            *reason = i;
            return true;
        }
    }
    return false;
}

/* Packet-in encoding. */

/* Returns the number of bytes of 'pin''s packet to send. */
static size_t
packet_in_send_len(const struct ofputil_packet_in *pin)
{
    return (pin->max_len && pin->max_len < pin->packet_len
            ? pin->max_len
            : pin->packet_len);
}

/* Returns the input port in 'pin''s metadata. */
static ofp_port_t
packet_in_port(const struct ofputil_packet_in *pin)
{
    return pin->flow_metadata.flow.in_port.ofp_port;
}

/* Appends an OpenFlow property of 'type' with 'len' bytes of 'value',
 * padded to a multiple of 8 bytes, to 'msg'. */
static void
put_prop(struct ofpbuf *msg, uint16_t type, const void *value, size_t len)
{
    ovs_be16 hdr[2] = { htons(type), htons(4 + len) };

    ofpbuf_put(msg, hdr, sizeof hdr);
    ofpbuf_put(msg, value, len);
    ofpbuf_put_zeros(msg, ROUND_UP(4 + len, 8) - (4 + len));
}

/* Continuation properties (NXCPT_*), numbered as upstream's switch sends
 * them. */
enum {
    NXCPT_BRIDGE = 0x8000,      /* struct uuid, as raw memory. */
    NXCPT_STACK = 0x8001,       /* One stack entry per property, top
                                 * first. */
    NXCPT_MIRRORS = 0x8002,     /* be32. */
    NXCPT_CONNTRACKED = 0x8003, /* No payload. */
    NXCPT_TABLE_ID = 0x8004,    /* uint8_t, for the next NXCPT_ACTIONS. */
    NXCPT_COOKIE = 0x8005,      /* 4 bytes of padding, be64. */
    NXCPT_ACTIONS = 0x8006,     /* 4 bytes of padding, actions. */
    NXCPT_ACTION_SET = 0x8007,  /* 4 bytes of padding, actions. */
    NXCPT_ODP_PORT = 0x8008,    /* be32. */
};

/* Appends to 'b' a property of 'type' holding 4 bytes of padding then the
 * OpenFlow encoding of the 'len' bytes of 'ofpacts' for 'version'. */
static void
put_actions_prop(struct ofpbuf *b, uint16_t type,
                 const struct ofpact *ofpacts, size_t len,
                 enum ofp_version version)
{
    struct ofpbuf acts;

    ofpbuf_init(&acts, 64);
    ofpbuf_put_zeros(&acts, 4);
    ofpacts_put_openflow_actions(ofpacts, len, &acts, version);
    put_prop(b, type, acts.data, acts.size);
    ofpbuf_uninit(&acts);
}

/* Appends the continuation of 'pin' (NXPINT_CONTINUATION) to 'msg'.  Each
 * "unroll_xlate" in the actions starts a new NXCPT_ACTIONS property,
 * preceded by NXCPT_TABLE_ID and NXCPT_COOKIE when they change. */
static void
put_continuation(struct ofpbuf *msg,
                 const struct ofputil_packet_in_private *pin,
                 enum ofp_version version)
{
    struct ofpbuf cont;

    ofpbuf_init(&cont, 64);
    ofpbuf_put_zeros(&cont, 4);
    put_prop(&cont, NXCPT_BRIDGE, &pin->bridge, sizeof pin->bridge);
    for (size_t ofs = 0; ofs < pin->stack_size; ) {
        uint8_t len = pin->stack[ofs];

        put_prop(&cont, NXCPT_STACK, &pin->stack[ofs + 1], len);
        ofs += 1 + len;
    }
    if (pin->mirrors) {
        ovs_be32 mirrors = htonl(pin->mirrors);
        put_prop(&cont, NXCPT_MIRRORS, &mirrors, sizeof mirrors);
    }
    if (pin->conntracked) {
        put_prop(&cont, NXCPT_CONNTRACKED, NULL, 0);
    }
    if (pin->actions_len) {
        const struct ofpact *start = pin->actions;
        const struct ofpact *a;
        uint8_t table_id = 0;
        ovs_be64 cookie = 0;

        OFPACT_FOR_EACH (a, pin->actions, pin->actions_len) {
            if (a->type == OFPACT_UNROLL_XLATE) {
                const struct ofpact_unroll_xlate *u
                    = ofpact_get_UNROLL_XLATE(a);

                if (a != start) {
                    put_actions_prop(&cont, NXCPT_ACTIONS, start,
                                     (const char *) a
                                     - (const char *) start, version);
                }
                if (u->rule_table_id != table_id) {
                    table_id = u->rule_table_id;
                    put_prop(&cont, NXCPT_TABLE_ID, &table_id, 1);
                }
                if (u->rule_cookie != cookie) {
                    uint8_t buf[12] = { 0 };

                    cookie = u->rule_cookie;
                    memcpy(&buf[4], &cookie, sizeof cookie);
                    put_prop(&cont, NXCPT_COOKIE, buf, sizeof buf);
                }
                start = ofpact_next(a);
            }
        }
        put_actions_prop(&cont, NXCPT_ACTIONS, start,
                         (const char *) pin->actions + pin->actions_len
                         - (const char *) start, version);
    }
    if (pin->action_set_len) {
        put_actions_prop(&cont, NXCPT_ACTION_SET, pin->action_set,
                         pin->action_set_len, version);
    }
    if (pin->odp_port) {
        ovs_be32 odp_port = htonl(odp_to_u32(pin->odp_port));
        put_prop(&cont, NXCPT_ODP_PORT, &odp_port, sizeof odp_port);
    }
    put_prop(msg, NXPINT_CONTINUATION, cont.data, cont.size);
    ofpbuf_uninit(&cont);
}

/* Encodes 'pin' (with 'priv', if nonnull, for the continuation, or else
 * the encoded continuation 'raw_cont', if nonnull) as an NXT_PACKET_IN2 or
 * NXT_RESUME ('raw') for 'version'. */
static struct ofpbuf *
encode_nx_packet_in2(const struct ofputil_packet_in *pin,
                     const struct ofputil_packet_in_private *priv,
                     const struct ofpbuf *raw_cont, enum ofpraw raw,
                     enum ofp_version version)
{
    size_t send_len = packet_in_send_len(pin);
    struct ofpbuf *msg;

    msg = ofpraw_alloc_xid(raw, version, htonl(0), send_len + 256);
    put_prop(msg, NXPINT_PACKET, pin->packet, send_len);
    if (send_len < pin->packet_len) {
        ovs_be32 full_len = htonl(pin->packet_len);
        put_prop(msg, NXPINT_FULL_LEN, &full_len, sizeof full_len);
    }
    if (pin->table_id) {
        put_prop(msg, NXPINT_TABLE_ID, &pin->table_id, 1);
    }
    if (pin->cookie != OVS_BE64_MAX) {
        uint8_t cookie[12] = { 0 };

        memcpy(&cookie[4], &pin->cookie, sizeof pin->cookie);
        put_prop(msg, NXPINT_COOKIE, cookie, sizeof cookie);
    }
    if (pin->reason != OFPR_NO_MATCH) {
        put_prop(msg, NXPINT_REASON, &pin->reason, 1);
    }

    /* The metadata, as OXM entries. */
    struct ofpbuf oxm;
    ofpbuf_init(&oxm, 64);
    oxm_put_raw(&oxm, &pin->flow_metadata, version);
    put_prop(msg, NXPINT_METADATA, oxm.data, oxm.size);
    ofpbuf_uninit(&oxm);

    if (pin->userdata_len) {
        put_prop(msg, NXPINT_USERDATA, pin->userdata, pin->userdata_len);
    }
    if (priv) {
        put_continuation(msg, priv, version);
    } else if (raw_cont) {
        put_prop(msg, NXPINT_CONTINUATION, raw_cont->data, raw_cont->size);
    }
    ofpmsg_update_length(msg);
    return msg;
}

/* Encodes 'pin' (with continuation 'priv', which may be NULL). */
static struct ofpbuf *
encode_packet_in(const struct ofputil_packet_in *pin,
                 const struct ofputil_packet_in_private *priv,
                 enum ofputil_protocol protocol,
                 enum ofputil_packet_in_format format)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    size_t send_len = packet_in_send_len(pin);
    uint16_t total_len = MIN(pin->packet_len, UINT16_MAX);
    struct ofpbuf *msg;

    switch (format) {
    case OFPUTIL_PACKET_IN_STD:
        switch (protocol) {
        case OFPUTIL_P_OF10_STD:
        case OFPUTIL_P_OF10_STD_TID:
        case OFPUTIL_P_OF10_NXM:
        case OFPUTIL_P_OF10_NXM_TID: {
            struct ofp10_packet_in *opi;

            msg = ofpraw_alloc_xid(OFPRAW_OFPT10_PACKET_IN, OFP10_VERSION,
                                   htonl(0), send_len);
            opi = ofpbuf_put_zeros(msg,
                                   offsetof(struct ofp10_packet_in, data));
            opi->buffer_id = htonl(UINT32_MAX);
            opi->total_len = htons(total_len);
            opi->in_port = htons(ofp_to_u16(packet_in_port(pin)));
            opi->reason = pin->reason;
            break;
        }

        case OFPUTIL_P_OF11_STD: {
            struct ofp11_packet_in *opi;

            msg = ofpraw_alloc_xid(OFPRAW_OFPT11_PACKET_IN, OFP11_VERSION,
                                   htonl(0), send_len);
            opi = ofpbuf_put_zeros(msg, sizeof *opi);
            opi->buffer_id = htonl(UINT32_MAX);
            opi->in_port = ofputil_port_to_ofp11(packet_in_port(pin));
            opi->in_phy_port = opi->in_port;
            opi->total_len = htons(total_len);
            opi->reason = pin->reason;
            opi->table_id = pin->table_id;
            break;
        }

        case OFPUTIL_P_OF12_OXM:
        case OFPUTIL_P_OF13_OXM:
        case OFPUTIL_P_OF14_OXM:
        case OFPUTIL_P_OF15_OXM: {
            struct ofp12_packet_in *opi;

            if (version == OFP12_VERSION) {
                msg = ofpraw_alloc_xid(OFPRAW_OFPT12_PACKET_IN, version,
                                       htonl(0), send_len + 128);
                opi = ofpbuf_put_zeros(msg, sizeof *opi);
            } else {
                struct ofp13_packet_in *opi13;

                msg = ofpraw_alloc_xid(OFPRAW_OFPT13_PACKET_IN, version,
                                       htonl(0), send_len + 128);
                opi13 = ofpbuf_put_zeros(msg, sizeof *opi13);
                opi13->cookie = pin->cookie;
                opi = &opi13->pi;
            }
            opi->buffer_id = htonl(UINT32_MAX);
            opi->total_len = htons(total_len);
            opi->reason = pin->reason;
            opi->table_id = pin->table_id;
            oxm_put_match(msg, &pin->flow_metadata, version);
            ofpbuf_put_zeros(msg, 2);
            break;
        }

        default:
            OVS_NOT_REACHED();
        }
        ofpbuf_put(msg, pin->packet, send_len);
        break;

    case OFPUTIL_PACKET_IN_NXT: {
        struct nx_packet_in *npi;
        int match_len;

        msg = ofpraw_alloc_xid(OFPRAW_NXT_PACKET_IN, version, htonl(0),
                               send_len + 128);
        ofpbuf_put_zeros(msg, sizeof *npi);
        match_len = nx_put_match(msg, &pin->flow_metadata, 0, 0);
        ofpbuf_put_zeros(msg, 2);

        npi = msg->msg;
        npi->buffer_id = htonl(UINT32_MAX);
        npi->total_len = htons(total_len);
        npi->reason = pin->reason;
        npi->table_id = pin->table_id;
        npi->cookie = pin->cookie;
        npi->match_len = htons(match_len);
        ofpbuf_put(msg, pin->packet, send_len);
        break;
    }

    case OFPUTIL_PACKET_IN_NXT2:
        return encode_nx_packet_in2(pin, priv, NULL, OFPRAW_NXT_PACKET_IN2,
                                    version);

    default:
        OVS_NOT_REACHED();
    }

    ofpmsg_update_length(msg);
    return msg;
}

struct ofpbuf *
ofputil_encode_packet_in(const struct ofputil_packet_in *pin,
                         enum ofputil_protocol protocol,
                         enum ofputil_packet_in_format format)
{
    return encode_packet_in(pin, NULL, protocol, format);
}

struct ofpbuf *
ofputil_encode_packet_in_private(const struct ofputil_packet_in_private *pin,
                                 enum ofputil_protocol protocol,
                                 enum ofputil_packet_in_format format)
{
    return encode_packet_in(&pin->base, pin, protocol, format);
}

struct ofpbuf *
ofputil_encode_resume(const struct ofputil_packet_in *pin,
                      const struct ofpbuf *continuation,
                      enum ofputil_protocol protocol)
{
    struct ofputil_packet_in whole = *pin;

    /* The whole packet, without the userdata, as upstream's. */
    whole.max_len = 0;
    whole.userdata = NULL;
    whole.userdata_len = 0;
    return encode_nx_packet_in2(&whole, NULL, continuation,
                                OFPRAW_NXT_RESUME,
                                ofputil_protocol_to_ofp_version(protocol));
}

/* Packet-in decoding. */

/* Decodes the properties of the NXT_PACKET_IN2 in 'b' into 'pin'. */
static enum ofperr
decode_nx_packet_in2(const struct ofp_header *oh, bool loose,
                     const struct tun_table *tun_table,
                     const struct vl_mff_map *vl_mff_map,
                     struct ofputil_packet_in *pin,
                     size_t *total_len, uint32_t *buffer_id,
                     struct ofpbuf *b, struct ofpbuf *continuation)
{
    *total_len = 0;
    *buffer_id = UINT32_MAX;

    while (b->size > 0) {
        const ovs_be16 *hdr;
        uint16_t type, len;
        struct ofpbuf payload;
        enum ofperr error = 0;

        if (b->size < 4) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        hdr = b->data;
        type = ntohs(hdr[0]);
        len = ntohs(hdr[1]);
        if (len < 4 || len > b->size) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        ofpbuf_use_const(&payload, (const uint8_t *) b->data + 4, len - 4);
        ofpbuf_pull(b, MIN(ROUND_UP(len, 8), b->size));

        switch (type) {
        case NXPINT_PACKET:
            pin->packet = CONST_CAST(void *, payload.data);
            pin->packet_len = payload.size;
            break;

        case NXPINT_FULL_LEN:
            if (payload.size != 4) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            *total_len = ntohl(read_be32(payload.data));
            break;

        case NXPINT_BUFFER_ID:
            if (payload.size != 4) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            *buffer_id = ntohl(read_be32(payload.data));
            break;

        case NXPINT_TABLE_ID:
            if (payload.size != 1) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            pin->table_id = *(const uint8_t *) payload.data;
            break;

        case NXPINT_COOKIE:
            if (payload.size != 12) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            memcpy(&pin->cookie, (const uint8_t *) payload.data + 4,
                   sizeof pin->cookie);
            break;

        case NXPINT_REASON:
            if (payload.size != 1) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            pin->reason = *(const uint8_t *) payload.data;
            break;

        case NXPINT_METADATA:
            error = oxm_decode_match(payload.data, payload.size, loose,
                                     tun_table, vl_mff_map,
                                     &pin->flow_metadata);
            break;

        case NXPINT_USERDATA:
            pin->userdata = CONST_CAST(void *, payload.data);
            pin->userdata_len = payload.size;
            break;

        case NXPINT_CONTINUATION:
            if (continuation) {
                ofpbuf_put(continuation, payload.data, payload.size);
            }
            break;

        default:
            if (!loose && !(type & 0x8000)) {
                VLOG_WARN_RL(&rl, "unknown NX_PACKET_IN2 property type %"PRIu16,
                             type);
                error = OFPERR_OFPBPC_BAD_TYPE;
            }
            break;
        }
        if (error) {
            return error;
        }
    }

    if (!pin->packet_len) {
        VLOG_WARN_RL(&rl, "NXT_PACKET_IN2 lacks packet");
        return OFPERR_OFPBRC_BAD_LEN;
    } else if (!*total_len) {
        *total_len = pin->packet_len;
    } else if (*total_len < pin->packet_len) {
        VLOG_WARN_RL(&rl, "NXT_PACKET_IN2 claimed full_len < len");
        return OFPERR_OFPBRC_BAD_LEN;
    }
    (void) oh;
    return 0;
}

enum ofperr
ofputil_decode_packet_in(const struct ofp_header *oh, bool loose,
                         const struct tun_table *tun_table,
                         const struct vl_mff_map *vl_mff_map,
                         struct ofputil_packet_in *pin,
                         size_t *total_lenp, uint32_t *buffer_idp,
                         struct ofpbuf *continuation)
{
    uint32_t buffer_id;
    size_t total_len;
    enum ofperr error;
    struct ofpbuf b;
    enum ofpraw raw;

    memset(pin, 0, sizeof *pin);
    pin->cookie = OVS_BE64_MAX;
    match_init_catchall(&pin->flow_metadata);
    if (continuation) {
        ofpbuf_clear(continuation);
    }

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&b);
    if (raw == OFPRAW_OFPT13_PACKET_IN || raw == OFPRAW_OFPT12_PACKET_IN) {
        const struct ofp12_packet_in *opi;

        if (raw == OFPRAW_OFPT13_PACKET_IN) {
            const struct ofp13_packet_in *opi13;

            opi13 = ofpbuf_try_pull(&b, sizeof *opi13);
            if (!opi13) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            opi = &opi13->pi;
            pin->cookie = opi13->cookie;
        } else {
            opi = ofpbuf_try_pull(&b, sizeof *opi);
            if (!opi) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
        }

        error = (loose
                 ? oxm_pull_match_loose(&b, false, tun_table,
                                        &pin->flow_metadata)
                 : oxm_pull_match(&b, false, tun_table, vl_mff_map,
                                  &pin->flow_metadata));
        if (error) {
            return error;
        }

        if (!ofpbuf_try_pull(&b, 2)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }

        pin->reason = opi->reason;
        pin->table_id = opi->table_id;
        buffer_id = ntohl(opi->buffer_id);
        total_len = ntohs(opi->total_len);
        pin->packet = b.data;
        pin->packet_len = b.size;
    } else if (raw == OFPRAW_OFPT10_PACKET_IN) {
        const struct ofp10_packet_in *opi;

        opi = ofpbuf_try_pull(&b, offsetof(struct ofp10_packet_in, data));
        if (!opi) {
            return OFPERR_OFPBRC_BAD_LEN;
        }

        pin->packet = b.data;
        pin->packet_len = b.size;

        match_set_in_port(&pin->flow_metadata,
                          u16_to_ofp(ntohs(opi->in_port)));
        pin->reason = opi->reason;
        buffer_id = ntohl(opi->buffer_id);
        total_len = ntohs(opi->total_len);
    } else if (raw == OFPRAW_OFPT11_PACKET_IN) {
        const struct ofp11_packet_in *opi;
        ofp_port_t in_port;

        opi = ofpbuf_try_pull(&b, sizeof *opi);
        if (!opi) {
            return OFPERR_OFPBRC_BAD_LEN;
        }

        pin->packet = b.data;
        pin->packet_len = b.size;

        buffer_id = ntohl(opi->buffer_id);
        error = ofputil_port_from_ofp11(opi->in_port, &in_port);
        if (error) {
            return error;
        }
        match_set_in_port(&pin->flow_metadata, in_port);
        total_len = ntohs(opi->total_len);
        pin->reason = opi->reason;
        pin->table_id = opi->table_id;
    } else if (raw == OFPRAW_NXT_PACKET_IN) {
        const struct nx_packet_in *npi;
        ovs_be64 cookie, cookie_mask;

        npi = ofpbuf_try_pull(&b, sizeof *npi);
        if (!npi) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = (loose
                 ? nx_pull_match_loose(&b, ntohs(npi->match_len),
                                       &pin->flow_metadata, &cookie,
                                       &cookie_mask, false, tun_table)
                 : nx_pull_match(&b, ntohs(npi->match_len),
                                 &pin->flow_metadata, &cookie, &cookie_mask,
                                 false, tun_table, vl_mff_map));
        if (error) {
            return error;
        }

        if (!ofpbuf_try_pull(&b, 2)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }

        pin->reason = npi->reason;
        pin->table_id = npi->table_id;
        pin->cookie = npi->cookie;

        buffer_id = ntohl(npi->buffer_id);
        total_len = ntohs(npi->total_len);

        pin->packet = b.data;
        pin->packet_len = b.size;
    } else if (raw == OFPRAW_NXT_PACKET_IN2 || raw == OFPRAW_NXT_RESUME) {
        error = decode_nx_packet_in2(oh, loose, tun_table, vl_mff_map, pin,
                                     &total_len, &buffer_id, &b,
                                     continuation);
        if (error) {
            return error;
        }
    } else {
        OVS_NOT_REACHED();
    }

    if (total_lenp) {
        *total_lenp = total_len;
    }
    if (buffer_idp) {
        *buffer_idp = buffer_id;
    }

    return 0;
}

/* Pulls the OpenFlow actions of continuation property 'payload' into a
 * malloc()'d array of ofpacts in '*actsp', '*lenp'. */
static enum ofperr
pull_continuation_actions(const struct ofpbuf *payload,
                          enum ofp_version version,
                          const struct vl_mff_map *vl_mff_map,
                          struct ofpact **actsp, size_t *lenp)
{
    struct ofpbuf b = *payload;
    struct ofpbuf ofpacts;
    enum ofperr error;

    ofpbuf_init(&ofpacts, 64);
    error = ofpacts_pull_openflow_actions(&b, b.size, version, vl_mff_map,
                                          NULL, &ofpacts);
    if (error) {
        ofpbuf_uninit(&ofpacts);
        return error;
    }
    *lenp = ofpacts.size;
    *actsp = ofpbuf_steal_data(&ofpacts);
    return 0;
}

enum ofperr
ofputil_decode_packet_in_private(const struct ofp_header *oh, bool loose,
                                 const struct tun_table *tun_table,
                                 const struct vl_mff_map *vl_mff_map,
                                 struct ofputil_packet_in_private *pin,
                                 size_t *total_len, uint32_t *buffer_id)
{
    struct ofpbuf continuation;
    enum ofperr error;

    memset(pin, 0, sizeof *pin);
    ofpbuf_init(&continuation, 0);
    error = ofputil_decode_packet_in(oh, loose, tun_table, vl_mff_map,
                                     &pin->base, total_len, buffer_id,
                                     &continuation);
    if (error) {
        ofpbuf_uninit(&continuation);
        return error;
    }

    /* Copy what points into 'oh', so that 'pin' owns its members. */
    pin->base.packet = xmemdup(pin->base.packet, pin->base.packet_len);
    pin->base.userdata = (pin->base.userdata_len
                          ? xmemdup(pin->base.userdata,
                                    pin->base.userdata_len)
                          : NULL);

    /* The properties follow 4 bytes of padding. */
    ofpbuf_pull(&continuation, MIN(4, continuation.size));

    struct ofpbuf stack, actions;
    uint8_t table_id = 0;
    ovs_be64 cookie = 0;

    ofpbuf_init(&stack, 0);
    ofpbuf_init(&actions, 0);
    while (continuation.size > 0) {
        const ovs_be16 *hdr = continuation.data;
        struct ofpbuf payload;
        uint16_t type, len;

        if (continuation.size < 4) {
            error = OFPERR_OFPBPC_BAD_LEN;
            break;
        }
        type = ntohs(hdr[0]);
        len = ntohs(hdr[1]);
        if (len < 4 || len > continuation.size) {
            error = OFPERR_OFPBPC_BAD_LEN;
            break;
        }
        ofpbuf_use_const(&payload, (const uint8_t *) continuation.data + 4,
                         len - 4);
        ofpbuf_pull(&continuation, MIN(ROUND_UP(len, 8), continuation.size));

        switch (type) {
        case NXCPT_BRIDGE:
            if (payload.size == sizeof pin->bridge) {
                memcpy(&pin->bridge, payload.data, sizeof pin->bridge);
            }
            break;
        case NXCPT_STACK:
            if (payload.size <= UINT8_MAX) {
                uint8_t n = payload.size;
                ofpbuf_put(&stack, &n, 1);
                ofpbuf_put(&stack, payload.data, payload.size);
            }
            break;
        case NXCPT_MIRRORS:
            if (payload.size == 4) {
                pin->mirrors = ntohl(read_be32(payload.data));
            }
            break;
        case NXCPT_CONNTRACKED:
            pin->conntracked = true;
            break;
        case NXCPT_TABLE_ID:
            if (payload.size >= 1) {
                table_id = ((const uint8_t *) payload.data)[0];
            }
            break;
        case NXCPT_COOKIE:
            if (payload.size == 12 || payload.size == 8) {
                memcpy(&cookie, (const uint8_t *) payload.data
                       + (payload.size - 8), sizeof cookie);
            }
            break;
        case NXCPT_ACTIONS: {
            struct ofpact_unroll_xlate *u = ofpact_put_UNROLL_XLATE(&actions);
            struct ofpbuf group;

            u->rule_table_id = table_id;
            u->rule_cookie = cookie;
            ofpbuf_pull(&payload, MIN(4, payload.size));
            ofpbuf_init(&group, 64);
            error = ofpacts_pull_openflow_actions(&payload, payload.size,
                                                  oh->version, vl_mff_map,
                                                  NULL, &group);
            ofpbuf_put(&actions, group.data, group.size);
            ofpbuf_uninit(&group);
            break;
        }
        case NXCPT_ACTION_SET:
            free(pin->action_set);
            pin->action_set = NULL;
            ofpbuf_pull(&payload, MIN(4, payload.size));
            error = pull_continuation_actions(&payload, oh->version,
                                              vl_mff_map, &pin->action_set,
                                              &pin->action_set_len);
            break;
        case NXCPT_ODP_PORT:
            if (payload.size == 4) {
                pin->odp_port = u32_to_odp(
                    ntohl(read_be32(payload.data)));
            }
            break;
        default:
            break;
        }
        if (error) {
            break;
        }
    }
    pin->stack_size = stack.size;
    pin->stack = ofpbuf_steal_data(&stack);
    pin->actions_len = actions.size;
    pin->actions = ofpbuf_steal_data(&actions);
    ofpbuf_uninit(&continuation);
    if (error) {
        ofputil_packet_in_private_destroy(pin);
    }
    return error;
}

void
ofputil_packet_in_private_destroy(struct ofputil_packet_in_private *pin)
{
    if (pin) {
        free(pin->base.packet);
        free(pin->base.userdata);
        free(pin->stack);
        free(pin->actions);
        free(pin->action_set);
        memset(pin, 0, sizeof *pin);
    }
}

/* Appends the continuation of 'priv' as upstream prints it. */
static void
continuation_format(struct ds *string,
                    const struct ofputil_packet_in_private *priv,
                    const struct ofputil_port_map *port_map,
                    const struct ofputil_table_map *table_map)
{
    struct ofpact_format_params fp = {
        .port_map = port_map,
        .table_map = table_map,
        .s = string,
    };

    ds_put_format(string, " continuation.bridge="UUID_FMT"\n",
                  UUID_ARGS(&priv->bridge));
    if (priv->stack_size) {
        ds_put_cstr(string, " continuation.stack=(top)");
        for (size_t ofs = 0; ofs < priv->stack_size; ) {
            uint8_t len = priv->stack[ofs];
            const uint8_t *v = &priv->stack[ofs + 1];
            size_t i = 0;

            while (i < len && !v[i]) {
                i++;
            }
            if (i == len) {
                ds_put_cstr(string, " 0");
            } else {
                ds_put_format(string, " 0x%x", v[i]);
                for (i++; i < len; i++) {
                    ds_put_format(string, "%02x", v[i]);
                }
            }
            ofs += 1 + len;
        }
        ds_put_cstr(string, " (bottom)\n");
    }
    if (priv->mirrors) {
        ds_put_format(string, " continuation.mirrors=0x%"PRIx32"\n",
                      priv->mirrors);
    }
    if (priv->conntracked) {
        ds_put_cstr(string, " continuation.conntracked=true\n");
    }
    if (priv->actions_len) {
        ds_put_cstr(string, " continuation.actions=");
        ofpacts_format(priv->actions, priv->actions_len, &fp);
        ds_put_char(string, '\n');
    }
    if (priv->action_set_len) {
        ds_put_cstr(string, " continuation.action_set=");
        ofpacts_format(priv->action_set, priv->action_set_len, &fp);
        ds_put_char(string, '\n');
    }
    if (priv->odp_port) {
        ds_put_format(string, " continuation.odp_port=%"PRIu32"\n",
                      odp_to_u32(priv->odp_port));
    }
}

/* Appends the text of 'pin' (with the continuation of 'priv', if
 * nonnull) as upstream's ofp-print prints packet-ins. */
static void
packet_in_format(struct ds *string, const struct ofputil_packet_in *pin,
                 const struct ofputil_packet_in_private *priv,
                 size_t total_len, uint32_t buffer_id,
                 const struct ofputil_port_map *port_map,
                 const struct ofputil_table_map *table_map, int verbosity)
{
    char reasonbuf[16];

    if (pin->table_id
        || ofputil_table_map_get_name(table_map, pin->table_id)) {
        ds_put_cstr(string, " table_id=");
        ofputil_format_table(pin->table_id, table_map, string);
    }

    if (pin->cookie != OVS_BE64_MAX) {
        ds_put_format(string, " cookie=0x%"PRIx64, be64toh(pin->cookie));
    }

    ds_put_format(string, " total_len=%zu ", total_len);

    match_format(&pin->flow_metadata, port_map, string,
                 OFP_DEFAULT_PRIORITY);

    ds_put_format(string, " (via %s)",
                  ofputil_packet_in_reason_to_string(pin->reason, reasonbuf,
                                                     sizeof reasonbuf));

    ds_put_format(string, " data_len=%zu", pin->packet_len);
    if (buffer_id == UINT32_MAX) {
        ds_put_format(string, " (unbuffered)");
        if (total_len != pin->packet_len) {
            ds_put_format(string, " (***total_len != data_len***)");
        }
    } else {
        ds_put_format(string, " buffer=0x%08"PRIx32, buffer_id);
        if (total_len < pin->packet_len) {
            ds_put_format(string, " (***total_len < data_len***)");
        }
    }
    ds_put_char(string, '\n');

    if (pin->userdata_len) {
        size_t i;

        ds_put_cstr(string, " userdata=");
        for (i = 0; i < pin->userdata_len; i++) {
            if (i) {
                ds_put_char(string, '.');
            }
            ds_put_format(string, "%02x", pin->userdata[i]);
        }
        ds_put_char(string, '\n');
    }
    if (priv) {
        continuation_format(string, priv, port_map, table_map);
    }

    if (verbosity > 0) {
        char *packet = ofp_packet_to_string(pin->packet, pin->packet_len,
                                            htonl(0));
        ds_put_cstr(string, packet);
        free(packet);
    }
    if (verbosity > 2) {
        ds_put_hex_dump(string, pin->packet, pin->packet_len, 0, false);
    }
}

void
ofputil_packet_in_private_format(struct ds *string,
                                 const struct ofputil_packet_in_private *pin,
                                 size_t total_len, uint32_t buffer_id,
                                 const struct ofputil_port_map *port_map,
                                 const struct ofputil_table_map *table_map,
                                 int verbosity)
{
    packet_in_format(string, &pin->base, pin, total_len, buffer_id,
                     port_map, table_map, verbosity);
}

enum ofperr
ofputil_packet_in_msg_format(struct ds *string, const struct ofp_header *oh,
                             const struct ofputil_port_map *port_map,
                             const struct ofputil_table_map *table_map,
                             int verbosity)
{
    struct ofputil_packet_in pin;
    size_t total_len;
    uint32_t buffer_id;
    enum ofperr error;
    enum ofpraw raw;

    if (!ofpraw_decode(&raw, oh)
        && (raw == OFPRAW_NXT_PACKET_IN2 || raw == OFPRAW_NXT_RESUME)) {
        struct ofputil_packet_in_private priv;
        struct ofpbuf cont;

        /* With a continuation ("controller(pause)"), print it too. */
        ofpbuf_init(&cont, 0);
        error = ofputil_decode_packet_in(oh, true, NULL, NULL, &pin,
                                         &total_len, &buffer_id, &cont);
        bool has_cont = !error && cont.size;
        ofpbuf_uninit(&cont);
        if (has_cont && !ofputil_decode_packet_in_private(
                oh, true, NULL, NULL, &priv, &total_len, &buffer_id)) {
            packet_in_format(string, &priv.base, &priv, total_len,
                             buffer_id, port_map, table_map, verbosity);
            ofputil_packet_in_private_destroy(&priv);
            return 0;
        }
    }

    error = ofputil_decode_packet_in(oh, true, NULL, NULL, &pin, &total_len,
                                     &buffer_id, NULL);
    if (!error) {
        packet_in_format(string, &pin, NULL, total_len, buffer_id, port_map,
                         table_map, verbosity);
    }
    return error;
}

/* Packet-out. */

/* Returns true if 'port' may be a packet-out's input port. */
static bool
packet_out_port_is_valid(ofp_port_t port)
{
    return (ofp_to_u16(port) < ofp_to_u16(OFPP_MAX)
            || port == OFPP_LOCAL
            || port == OFPP_NONE
            || port == OFPP_CONTROLLER);
}

enum ofperr
ofputil_decode_packet_out(struct ofputil_packet_out *po,
                          const struct ofp_header *oh,
                          const struct tun_table *tun_table,
                          struct ofpbuf *ofpacts)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;
    ofp_port_t in_port;

    memset(po, 0, sizeof *po);
    match_init_catchall(&po->flow_metadata);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&b);

    if (raw == OFPRAW_OFPT15_PACKET_OUT) {
        const struct ofp15_packet_out *opo;

        opo = ofpbuf_try_pull(&b, sizeof *opo);
        if (!opo) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        po->buffer_id = ntohl(opo->buffer_id);
        error = oxm_pull_match_loose(&b, true, tun_table,
                                     &po->flow_metadata);
        if (error) {
            return error;
        }
        error = ofpacts_pull_openflow_actions(&b, ntohs(opo->actions_len),
                                              oh->version, NULL, NULL,
                                              ofpacts);
        if (error) {
            return error;
        }
    } else if (raw == OFPRAW_OFPT11_PACKET_OUT) {
        const struct ofp11_packet_out *opo;

        opo = ofpbuf_try_pull(&b, sizeof *opo);
        if (!opo) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        po->buffer_id = ntohl(opo->buffer_id);
        error = ofputil_port_from_ofp11(opo->in_port, &in_port);
        if (error) {
            return error;
        }
        match_set_in_port(&po->flow_metadata, in_port);

        error = ofpacts_pull_openflow_actions(&b, ntohs(opo->actions_len),
                                              oh->version, NULL, NULL,
                                              ofpacts);
        if (error) {
            return error;
        }
    } else if (raw == OFPRAW_OFPT10_PACKET_OUT) {
        const struct ofp10_packet_out *opo;

        opo = ofpbuf_try_pull(&b, sizeof *opo);
        if (!opo) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        po->buffer_id = ntohl(opo->buffer_id);
        match_set_in_port(&po->flow_metadata,
                          u16_to_ofp(ntohs(opo->in_port)));

        error = ofpacts_pull_openflow_actions(&b, ntohs(opo->actions_len),
                                              oh->version, NULL, NULL,
                                              ofpacts);
        if (error) {
            return error;
        }
    } else {
        OVS_NOT_REACHED();
    }

    in_port = po->flow_metadata.flow.in_port.ofp_port;
    if (!packet_out_port_is_valid(in_port)) {
        VLOG_WARN_RL(&rl, "packet-out has bad input port %#"PRIx16,
                     ofp_to_u16(in_port));
        return OFPERR_OFPBRC_BAD_PORT;
    }

    po->ofpacts = ofpacts->data;
    po->ofpacts_len = ofpacts->size;

    if (po->buffer_id == UINT32_MAX) {
        po->packet = b.data;
        po->packet_len = b.size;
    } else {
        po->packet = NULL;
        po->packet_len = 0;
    }

    return 0;
}

struct ofpbuf *
ofputil_encode_packet_out(const struct ofputil_packet_out *po,
                          enum ofputil_protocol protocol)
{
    enum ofp_version ofp_version = ofputil_protocol_to_ofp_version(protocol);
    ofp_port_t in_port = po->flow_metadata.flow.in_port.ofp_port;
    struct ofpbuf *msg;
    size_t size;

    size = po->ofpacts_len;
    if (po->buffer_id == UINT32_MAX) {
        size += po->packet_len;
    }

    switch (ofp_version) {
    case OFP10_VERSION: {
        struct ofp10_packet_out *opo;
        size_t actions_ofs;

        msg = ofpraw_alloc(OFPRAW_OFPT10_PACKET_OUT, OFP10_VERSION, size);
        ofpbuf_put_zeros(msg, sizeof *opo);
        actions_ofs = msg->size;
        ofpacts_put_openflow_actions(po->ofpacts, po->ofpacts_len, msg,
                                     ofp_version);

        opo = msg->msg;
        opo->buffer_id = htonl(po->buffer_id);
        opo->in_port = htons(ofp_to_u16(in_port));
        opo->actions_len = htons(msg->size - actions_ofs);
        break;
    }

    case OFP11_VERSION:
    case OFP12_VERSION:
    case OFP13_VERSION:
    case OFP14_VERSION: {
        struct ofp11_packet_out *opo;
        size_t len;

        msg = ofpraw_alloc(OFPRAW_OFPT11_PACKET_OUT, ofp_version, size);
        ofpbuf_put_zeros(msg, sizeof *opo);
        len = ofpacts_put_openflow_actions(po->ofpacts, po->ofpacts_len, msg,
                                           ofp_version);
        opo = msg->msg;
        opo->buffer_id = htonl(po->buffer_id);
        opo->in_port = ofputil_port_to_ofp11(in_port);
        opo->actions_len = htons(len);
        break;
    }

    case OFP15_VERSION:
    case OFP16_VERSION: {
        struct ofp15_packet_out *opo;
        size_t len;

        msg = ofpraw_alloc(OFPRAW_OFPT15_PACKET_OUT, ofp_version, size + 64);
        ofpbuf_put_zeros(msg, sizeof *opo);
        oxm_put_match(msg, &po->flow_metadata, ofp_version);
        len = ofpacts_put_openflow_actions(po->ofpacts, po->ofpacts_len, msg,
                                           ofp_version);
        opo = msg->msg;
        opo->buffer_id = htonl(po->buffer_id);
        opo->actions_len = htons(len);
        break;
    }

    default:
        OVS_NOT_REACHED();
    }

    if (po->buffer_id == UINT32_MAX) {
        ofpbuf_put(msg, po->packet, po->packet_len);
    }

    ofpmsg_update_length(msg);

    return msg;
}

void
ofputil_packet_out_format(struct ds *s, const struct ofputil_packet_out *po,
                          const struct ofputil_port_map *port_map,
                          const struct ofputil_table_map *table_map,
                          int verbosity)
{
    ds_put_char(s, ' ');
    match_format(&po->flow_metadata, port_map, s, OFP_DEFAULT_PRIORITY);

    ds_put_cstr(s, " actions=");
    struct ofpact_format_params fp = {
        .port_map = port_map,
        .table_map = table_map,
        .s = s,
    };
    ofpacts_format(po->ofpacts, po->ofpacts_len, &fp);

    if (po->buffer_id == UINT32_MAX) {
        ds_put_format(s, " data_len=%zu", po->packet_len);
        if (verbosity > 0 && po->packet_len > 0) {
            char *packet = ofp_packet_to_string(po->packet, po->packet_len,
                                                htonl(0));
            ds_put_char(s, '\n');
            ds_put_cstr(s, packet);
            free(packet);
        }
        if (verbosity > 2) {
            ds_put_hex_dump(s, po->packet, po->packet_len, 0, false);
        }
    } else {
        ds_put_format(s, " buffer=0x%08"PRIx32, po->buffer_id);
    }
}

enum ofperr
ofputil_packet_out_msg_format(struct ds *string, const struct ofp_header *oh,
                              const struct ofputil_port_map *port_map,
                              const struct ofputil_table_map *table_map,
                              int verbosity)
{
    struct ofputil_packet_out po;
    struct ofpbuf ofpacts;
    enum ofperr error;

    ofpbuf_init(&ofpacts, 64);
    error = ofputil_decode_packet_out(&po, oh, NULL, &ofpacts);
    if (!error) {
        ofputil_packet_out_format(string, &po, port_map, table_map,
                                  verbosity);
    }
    ofpbuf_uninit(&ofpacts);
    return error;
}

/* Parses 'value' as hex bytes of an Ethernet frame into '*packetp' and
 * '*lenp' (malloc()'d).  Returns NULL or an error message (not to be
 * freed). */
static const char *
packet_from_hex(const char *value, uint8_t **packetp, size_t *lenp)
{
    struct ofpbuf b;
    const char *tail;

    ofpbuf_init(&b, strlen(value) / 2);
    tail = ofpbuf_put_hex(&b, value, NULL);
    if (*tail) {
        ofpbuf_uninit(&b);
        return "Trailing garbage in packet data";
    }
    if (b.size < ETH_HEADER_LEN) {
        ofpbuf_uninit(&b);
        return "Packet data too short for Ethernet";
    }
    *lenp = b.size;
    *packetp = ofpbuf_steal_data(&b);
    return NULL;
}

/* The body of parse_ofp_packet_out_str() on a modifiable copy 'string'. */
static char *
parse_ofp_packet_out_str__(struct ofputil_packet_out *po, char *string,
                           const struct ofputil_port_map *port_map,
                           const struct ofputil_table_map *table_map,
                           enum ofputil_protocol *usable_protocols)
{
    uint8_t *packet = NULL;
    size_t packet_len = 0;
    char *act_str;
    char *name, *value;
    char *error = NULL;

    *usable_protocols = OFPUTIL_P_ANY;

    memset(po, 0, sizeof *po);
    po->buffer_id = UINT32_MAX;
    match_init_catchall(&po->flow_metadata);
    match_set_in_port(&po->flow_metadata, OFPP_CONTROLLER);

    act_str = ofp_extract_actions(string);

    while (ofputil_parse_key_value(&string, &name, &value)) {
        if (!*value) {
            error = xasprintf("field %s missing value", name);
            break;
        }

        if (!strcmp(name, "in_port")) {
            ofp_port_t in_port;

            if (!ofputil_port_from_string(value, port_map, &in_port)) {
                error = xasprintf("%s is not a valid OpenFlow port", value);
                break;
            }
            if (ofp_to_u16(in_port) > ofp_to_u16(OFPP_MAX)
                && in_port != OFPP_LOCAL
                && in_port != OFPP_NONE
                && in_port != OFPP_CONTROLLER) {
                error = xasprintf("%s is not a valid OpenFlow port for "
                                  "PACKET_OUT", value);
                break;
            }
            match_set_in_port(&po->flow_metadata, in_port);
        } else if (!strcmp(name, "packet")) {
            const char *error_msg;

            free(packet);
            packet = NULL;
            error_msg = packet_from_hex(value, &packet, &packet_len);
            if (error_msg) {
                error = xasprintf("%s: %s", name, error_msg);
                break;
            }
        } else {
            const struct mf_field *mf = mf_from_name(name);
            union mf_value v, m;

            if (!mf) {
                error = xasprintf("unknown keyword %s", name);
                break;
            }
            error = mf_parse(mf, value, port_map, &v, &m);
            if (error) {
                break;
            }
            *usable_protocols &= mf_set(mf, &v, &m, &po->flow_metadata,
                                        &error);
            if (error) {
                break;
            }
            if (!mf_is_pipeline_field(mf)) {
                error = xasprintf("%s is not a valid pipeline field "
                                  "for PACKET_OUT", name);
                break;
            }
        }
    }

    if (!error && !packet_len) {
        error = xstrdup("must specify packet");
    }

    if (!error && act_str) {
        struct ofpbuf ofpacts;
        struct ofpact_parse_params pp = {
            .port_map = port_map,
            .table_map = table_map,
            .ofpacts = &ofpacts,
            .usable_protocols = usable_protocols,
            .depth = 0,
        };

        ofpbuf_init(&ofpacts, 64);
        error = ofpacts_parse_actions(act_str, &pp);
        if (error) {
            ofpbuf_uninit(&ofpacts);
        } else {
            po->ofpacts_len = ofpacts.size;
            po->ofpacts = ofpbuf_steal_data(&ofpacts);
        }
    }

    if (error) {
        free(packet);
        free(po->ofpacts);
        po->ofpacts = NULL;
        po->ofpacts_len = 0;
        return error;
    }

    po->packet = packet;
    po->packet_len = packet_len;
    return NULL;
}

char *
parse_ofp_packet_out_str(struct ofputil_packet_out *po, const char *str_,
                         const struct ofputil_port_map *port_map,
                         const struct ofputil_table_map *table_map,
                         enum ofputil_protocol *usable_protocols)
{
    char *string = xstrdup(str_);
    char *error;

    error = parse_ofp_packet_out_str__(po, string, port_map, table_map,
                                       usable_protocols);
    free(string);
    return error;
}
