/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* OpenFlow queue stats and queue configuration.  See
 * include/openvswitch/ofp-queue.h. */

#include <config.h>
#include "openvswitch/ofp-queue.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"
#include "unaligned.h"

VLOG_DEFINE_THIS_MODULE(ofp_queue);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Queue description property types (OpenFlow 1.4+ queue desc). */
#define OFPQDPT14_MIN_RATE 1
#define OFPQDPT14_MAX_RATE 2

/* Appends queue id 'queue' to 's': "ALL" or the number. */
static void
format_queue(struct ds *s, uint32_t queue)
{
    if (queue == OFPQ_ALL) {
        ds_put_cstr(s, "ALL");
    } else {
        ds_put_format(s, "%"PRIu32, queue);
    }
}

/* Queue get-config. */

/* Returns a new request for the queues of 'port' ('queue' only matters in
 * OpenFlow 1.4+, where the request is a queue desc request). */
struct ofpbuf *
ofputil_encode_queue_get_config_request(enum ofp_version version,
                                        ofp_port_t port, uint32_t queue)
{
    struct ofpbuf *request;

    if (version == OFP10_VERSION) {
        struct ofp10_queue_get_config_request *qgcr10;

        request = ofpraw_alloc(OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST,
                               version, 0);
        qgcr10 = ofpbuf_put_zeros(request, sizeof *qgcr10);
        qgcr10->port = htons(ofp_to_u16(port));
    } else if (version < OFP14_VERSION) {
        struct ofp11_queue_get_config_request *qgcr11;

        request = ofpraw_alloc(OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST,
                               version, 0);
        qgcr11 = ofpbuf_put_zeros(request, sizeof *qgcr11);
        qgcr11->port = ofputil_port_to_ofp11(port);
    } else {
        struct ofp14_queue_desc_request *req14;

        request = ofpraw_alloc(OFPRAW_OFPST14_QUEUE_DESC_REQUEST, version, 0);
        req14 = ofpbuf_put_zeros(request, sizeof *req14);
        req14->port = ofputil_port_to_ofp11(port);
        req14->queue = htonl(queue);
    }
    ofpmsg_update_length(request);
    return request;
}

/* Decodes the queue get-config (or queue desc) request 'oh'. */
enum ofperr
ofputil_decode_queue_get_config_request(const struct ofp_header *oh,
                                        ofp_port_t *port, uint32_t *queue)
{
    const struct ofp10_queue_get_config_request *qgcr10;
    const struct ofp11_queue_get_config_request *qgcr11;
    const struct ofp14_queue_desc_request *qdr14;
    struct ofpbuf b;
    enum ofpraw raw;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&b);

    switch ((int) raw) {
    case OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST:
        qgcr10 = b.data;
        *port = u16_to_ofp(ntohs(qgcr10->port));
        *queue = OFPQ_ALL;
        break;

    case OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST:
        qgcr11 = b.data;
        *queue = OFPQ_ALL;
        enum ofperr error = ofputil_port_from_ofp11(qgcr11->port, port);
        if (error || *port == OFPP_ANY) {
            return error;
        }
        break;

    case OFPRAW_OFPST14_QUEUE_DESC_REQUEST:
        qdr14 = b.data;
        *queue = ntohl(qdr14->queue);
        return ofputil_port_from_ofp11(qdr14->port, port);

    default:
        OVS_NOT_REACHED();
    }

    return (ofp_to_u16(*port) < ofp_to_u16(OFPP_MAX)
            ? 0
            : OFPERR_OFPQOFC_BAD_PORT);
}

/* Formats a queue get-config request: " port=P" (and " queue=Q" for 1.4+
 * when not all queues). */
enum ofperr
ofputil_queue_get_config_request_format(
    struct ds *s, const struct ofp_header *oh,
    const struct ofputil_port_map *port_map)
{
    enum ofperr error;
    ofp_port_t port;
    uint32_t queue;

    error = ofputil_decode_queue_get_config_request(oh, &port, &queue);
    if (error) {
        return error;
    }

    ds_put_cstr(s, " port=");
    ofputil_format_port(port, port_map, s);

    if (queue != OFPQ_ALL) {
        ds_put_cstr(s, " queue=");
        format_queue(s, queue);
    }
    return 0;
}

/* Appends a rate property of 'type' with 'rate' to 'reply' (OpenFlow 1.0
 * to 1.3 queue property format). */
static void
put_queue_rate(struct ofpbuf *reply, uint16_t type, uint16_t rate)
{
    struct ofp_queue_prop_rate *oqpr = ofpbuf_put_zeros(reply, sizeof *oqpr);

    oqpr->prop_header.property = htons(type);
    oqpr->prop_header.len = htons(sizeof *oqpr);
    oqpr->rate = htons(rate);
}

/* Appends 'qc' to the get-config reply 'reply' of 'version' ('desc': in
 * the OpenFlow 1.4+ queue desc format). */
static void
append_queue_config(const struct ofputil_queue_config *qc,
                    enum ofp_version version, bool desc,
                    struct ofpbuf *reply)
{
    size_t start_ofs = reply->size;
    size_t len_ofs;
    ovs_be16 *len;

    if (desc) {
        struct ofp14_queue_desc *oqd14;

        oqd14 = ofpbuf_put_zeros(reply, sizeof *oqd14);
        oqd14->port_no = ofputil_port_to_ofp11(qc->port);
        oqd14->queue_id = htonl(qc->queue);
        len_ofs = (char *) &oqd14->len - (char *) reply->data;
        for (int i = 0; i < 2; i++) {
            uint16_t rate = i ? qc->max_rate : qc->min_rate;
            if (rate != UINT16_MAX) {
                uint8_t *p = ofpbuf_put_zeros(reply, 8);
                ovs_be16 t = htons(i ? OFPQDPT14_MAX_RATE
                                   : OFPQDPT14_MIN_RATE);
                ovs_be16 l = htons(8);
                ovs_be16 r = htons(rate);
                memcpy(p, &t, 2);
                memcpy(p + 2, &l, 2);
                memcpy(p + 4, &r, 2);
            }
        }
    } else if (version < OFP12_VERSION) {
        struct ofp10_packet_queue *opq10;

        opq10 = ofpbuf_put_zeros(reply, sizeof *opq10);
        opq10->queue_id = htonl(qc->queue);
        len_ofs = (char *) &opq10->len - (char *) reply->data;
    } else {
        struct ofp12_packet_queue *opq12;

        opq12 = ofpbuf_put_zeros(reply, sizeof *opq12);
        opq12->port = ofputil_port_to_ofp11(qc->port);
        opq12->queue_id = htonl(qc->queue);
        len_ofs = (char *) &opq12->len - (char *) reply->data;
    }

    if (!desc) {
        if (qc->min_rate != UINT16_MAX) {
            put_queue_rate(reply, OFPQT_MIN_RATE, qc->min_rate);
        }
        if (qc->max_rate != UINT16_MAX && version >= OFP12_VERSION) {
            put_queue_rate(reply, OFPQT_MAX_RATE, qc->max_rate);
        }
    }

    len = ofpbuf_at_assert(reply, len_ofs, sizeof *len);
    *len = htons(reply->size - start_ofs);
}

/* Returns the reply to 'request' for the 'n_qcs' queues 'qcs'.  See
 * ofp-queue.h. */
struct ofpbuf *
ofputil_encode_queue_get_config_reply(const struct ofp_header *request,
                                      const struct ofputil_queue_config *qcs,
                                      size_t n_qcs)
{
    struct ofpbuf *reply;
    ofp_port_t port;
    uint32_t queue;
    enum ofpraw raw;

    ovs_assert(!ofputil_decode_queue_get_config_request(request, &port,
                                                        &queue));
    raw = ofpraw_decode_assert(request);
    switch ((int) raw) {
    case OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST: {
        struct ofp10_queue_get_config_reply *qgcr10;

        reply = ofpraw_alloc_reply(OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY,
                                   request, 0);
        qgcr10 = ofpbuf_put_zeros(reply, sizeof *qgcr10);
        qgcr10->port = htons(ofp_to_u16(port));
        break;
    }
    case OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST: {
        struct ofp11_queue_get_config_reply *qgcr11;

        reply = ofpraw_alloc_reply(OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY,
                                   request, 0);
        qgcr11 = ofpbuf_put_zeros(reply, sizeof *qgcr11);
        qgcr11->port = ofputil_port_to_ofp11(port);
        break;
    }
    case OFPRAW_OFPST14_QUEUE_DESC_REQUEST:
        reply = ofpraw_alloc_stats_reply(request, 0);
        break;
    default:
        OVS_NOT_REACHED();
    }

    for (size_t i = 0; i < n_qcs; i++) {
        append_queue_config(&qcs[i], request->version,
                            raw == OFPRAW_OFPST14_QUEUE_DESC_REQUEST, reply);
    }
    ofpmsg_update_length(reply);
    return reply;
}

/* Parses the 'len' bytes of 1.0-1.3 queue properties at 'p' into 'qc'. */
static enum ofperr
parse_queue_props(const uint8_t *p, size_t len,
                  struct ofputil_queue_config *qc)
{
    /* A property's length need not be a multiple of 8, so the next one may
     * be misaligned: each is decoded from an aligned copy. */
    while (len > 0) {
        struct ofp_queue_prop_header hdr;
        size_t prop_len;
        uint16_t type;

        if (len < sizeof hdr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        memcpy(&hdr, p, sizeof hdr);
        type = ntohs(hdr.property);
        prop_len = ntohs(hdr.len);
        if (prop_len < sizeof hdr || prop_len > len) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        if (type == OFPQT_MIN_RATE || type == OFPQT_MAX_RATE) {
            struct ofp_queue_prop_rate oqpr;
            uint16_t rate;

            if (prop_len != sizeof oqpr) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            memcpy(&oqpr, p, sizeof oqpr);
            rate = ntohs(oqpr.rate);
            if (type == OFPQT_MIN_RATE) {
                qc->min_rate = rate;
            } else {
                qc->max_rate = rate;
            }
        } else {
            VLOG_INFO_RL(&rl, "unknown queue property %"PRIu16, type);
        }
        p += prop_len;
        len -= prop_len;
    }
    return 0;
}

/* Pulls the next queue from a get-config (or queue desc) reply. */
int
ofputil_pull_queue_get_config_reply(struct ofpbuf *msg,
                                    struct ofputil_queue_config *qc)
{
    enum ofpraw raw;

    if (!msg->header) {
        /* Pull OpenFlow header and the reply's port. */
        raw = ofpraw_pull_assert(msg);
        if (raw == OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY) {
            const struct ofp10_queue_get_config_reply *oqgcr10;
            oqgcr10 = ofpbuf_pull(msg, sizeof *oqgcr10);
            qc->port = u16_to_ofp(ntohs(oqgcr10->port));
        } else if (raw == OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY) {
            const struct ofp11_queue_get_config_reply *oqgcr11;
            enum ofperr error;

            oqgcr11 = ofpbuf_pull(msg, sizeof *oqgcr11);
            error = ofputil_port_from_ofp11(oqgcr11->port, &qc->port);
            if (error) {
                return error;
            }
        }
    } else {
        raw = ofpraw_decode_assert(msg->header);
    }

    qc->min_rate = UINT16_MAX;
    qc->max_rate = UINT16_MAX;

    if (!msg->size) {
        return EOF;
    }

    if (raw == OFPRAW_OFPST14_QUEUE_DESC_REPLY) {
        const struct ofp14_queue_desc *oqd14;
        const uint8_t *p;
        size_t len;

        oqd14 = ofpbuf_try_pull(msg, sizeof *oqd14);
        if (!oqd14) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        len = ntohs(oqd14->len);
        if (len < sizeof *oqd14 || len - sizeof *oqd14 > msg->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        enum ofperr error = ofputil_port_from_ofp11(oqd14->port_no,
                                                    &qc->port);
        if (error) {
            return error;
        }
        qc->queue = ntohl(oqd14->queue_id);
        len -= sizeof *oqd14;
        p = ofpbuf_pull(msg, len);
        while (len >= 4) {
            ovs_be16 t, l;
            memcpy(&t, p, 2);
            memcpy(&l, p + 2, 2);
            size_t plen = ntohs(l);
            if (plen < 4 || plen > len) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            if (plen >= 6 && (ntohs(t) == OFPQDPT14_MIN_RATE
                              || ntohs(t) == OFPQDPT14_MAX_RATE)) {
                ovs_be16 rate;
                memcpy(&rate, p + 4, 2);
                if (ntohs(t) == OFPQDPT14_MIN_RATE) {
                    qc->min_rate = ntohs(rate);
                } else {
                    qc->max_rate = ntohs(rate);
                }
            }
            p += ROUND_UP(plen, 8) <= len ? ROUND_UP(plen, 8) : plen;
            len -= ROUND_UP(plen, 8) <= len ? ROUND_UP(plen, 8) : plen;
        }
        return 0;
    }

    unsigned int opq_len;
    size_t len;
    const uint8_t *props;

    if (raw == OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY
        || ((const struct ofp_header *) msg->header)->version
           == OFP11_VERSION) {
        const struct ofp10_packet_queue *opq10;

        opq10 = ofpbuf_try_pull(msg, sizeof *opq10);
        if (!opq10) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        qc->queue = ntohl(opq10->queue_id);
        len = ntohs(opq10->len);
        opq_len = sizeof *opq10;
    } else {
        const struct ofp12_packet_queue *opq12;
        enum ofperr error;

        opq12 = ofpbuf_try_pull(msg, sizeof *opq12);
        if (!opq12) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        qc->queue = ntohl(opq12->queue_id);
        len = ntohs(opq12->len);
        opq_len = sizeof *opq12;
        error = ofputil_port_from_ofp11(opq12->port, &qc->port);
        if (error) {
            return error;
        }
    }

    if (len < opq_len || len - opq_len > msg->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    len -= opq_len;
    props = ofpbuf_pull(msg, len);
    return parse_queue_props(props, len, qc);
}

/* Appends a rate in tenths of a percent to 's' ("10.0%"). */
static void
print_queue_rate(struct ds *s, const char *name, unsigned int rate)
{
    if (rate <= 1000) {
        ds_put_format(s, " %s:%u.%u%%", name, rate / 10, rate % 10);
    } else if (rate < UINT16_MAX) {
        ds_put_format(s, " %s:(disabled)", name);
    }
}

/* Formats a queue get-config (or queue desc) reply. */
enum ofperr
ofputil_queue_get_config_reply_format(struct ds *s,
                                      const struct ofp_header *oh,
                                      const struct ofputil_port_map *port_map)
{
    struct ofpbuf b;
    ofp_port_t port = 0;
    enum ofpraw raw;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_decode_assert(oh);

    for (bool first = true; ; first = false) {
        struct ofputil_queue_config qc;
        int retval;

        retval = ofputil_pull_queue_get_config_reply(&b, &qc);
        if (retval && retval != EOF) {
            /* As upstream: no port before an error in the first queue, a
             * new line before an error after the last good queue. */
            if (!first) {
                ds_put_char(s, '\n');
            }
            return retval;
        }
        if (first && (raw != OFPRAW_OFPST14_QUEUE_DESC_REPLY || !retval)) {
            /* A queue desc reply has no port of its own: show the first
             * queue's. */
            port = qc.port;
            ds_put_cstr(s, " port=");
            ofputil_format_port(port, port_map, s);
        }
        if (retval) {
            return retval != EOF ? retval : 0;
        }

        ds_put_char(s, '\n');
        ds_put_format(s, "queue %"PRIu32":", qc.queue);
        print_queue_rate(s, "min_rate", qc.min_rate);
        print_queue_rate(s, "max_rate", qc.max_rate);
    }
}

/* Queue stats. */

/* Decodes the queue stats request 'request' into 'oqsr'. */
enum ofperr
ofputil_decode_queue_stats_request(const struct ofp_header *request,
                                   struct ofputil_queue_stats_request *oqsr)
{
    switch ((enum ofp_version) request->version) {
    case OFP15_VERSION:
    case OFP14_VERSION:
    case OFP13_VERSION:
    case OFP12_VERSION:
    case OFP11_VERSION: {
        const struct ofp11_queue_stats_request *qsr11 = ofpmsg_body(request);
        oqsr->queue_id = ntohl(qsr11->queue_id);
        return ofputil_port_from_ofp11(qsr11->port_no, &oqsr->port_no);
    }

    case OFP10_VERSION: {
        const struct ofp10_queue_stats_request *qsr10 = ofpmsg_body(request);
        oqsr->queue_id = ntohl(qsr10->queue_id);
        oqsr->port_no = u16_to_ofp(ntohs(qsr10->port_no));
        /* OF 1.0 uses OFPP_ALL for OFPP_ANY. */
        if (oqsr->port_no == OFPP_ALL) {
            oqsr->port_no = OFPP_ANY;
        }
        return 0;
    }

    default:
        OVS_NOT_REACHED();
    }
}

/* Returns a new queue stats request for 'oqsr'. */
struct ofpbuf *
ofputil_encode_queue_stats_request(
    enum ofp_version ofp_version,
    const struct ofputil_queue_stats_request *oqsr)
{
    struct ofpbuf *request;

    if (ofp_version >= OFP11_VERSION) {
        struct ofp11_queue_stats_request *req;
        request = ofpraw_alloc(OFPRAW_OFPST11_QUEUE_REQUEST, ofp_version, 0);
        req = ofpbuf_put_zeros(request, sizeof *req);
        req->port_no = ofputil_port_to_ofp11(oqsr->port_no);
        req->queue_id = htonl(oqsr->queue_id);
    } else {
        struct ofp10_queue_stats_request *req;
        request = ofpraw_alloc(OFPRAW_OFPST10_QUEUE_REQUEST, ofp_version, 0);
        req = ofpbuf_put_zeros(request, sizeof *req);
        /* OpenFlow 1.0 needs OFPP_ALL instead of OFPP_ANY. */
        req->port_no = htons(ofp_to_u16(oqsr->port_no == OFPP_ANY
                                        ? OFPP_ALL : oqsr->port_no));
        req->queue_id = htonl(oqsr->queue_id);
    }
    ofpmsg_update_length(request);
    return request;
}

/* Formats a queue stats request: " port=P queue=Q". */
enum ofperr
ofputil_queue_stats_request_format(struct ds *s, const struct ofp_header *oh,
                                   const struct ofputil_port_map *port_map)
{
    struct ofputil_queue_stats_request oqsr;
    enum ofperr error;

    error = ofputil_decode_queue_stats_request(oh, &oqsr);
    if (error) {
        return error;
    }

    ds_put_cstr(s, " port=");
    ofputil_format_port(oqsr.port_no, port_map, s);
    ds_put_cstr(s, " queue=");
    format_queue(s, oqsr.queue_id);
    return 0;
}

/* Returns the number of queue stats elements in the reply 'oh'. */
size_t
ofputil_count_queue_stats(const struct ofp_header *oh)
{
    struct ofputil_queue_stats qs;
    struct ofpbuf b;
    size_t n = 0;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    while (!ofputil_decode_queue_stats(&qs, &b)) {
        n++;
    }
    return n;
}

/* Pulls the next queue stats from 'msg'. */
int
ofputil_decode_queue_stats(struct ofputil_queue_stats *qs, struct ofpbuf *msg)
{
    enum ofperr error;
    enum ofpraw raw;

    error = (msg->header ? ofpraw_decode(&raw, msg->header)
             : ofpraw_pull(&raw, msg));
    if (error) {
        return error;
    }

    if (!msg->size) {
        return EOF;
    }

    size_t len;
    const uint8_t *p;
    bool has_duration = true;

    switch ((int) raw) {
    case OFPRAW_OFPST14_QUEUE_REPLY: {
        ovs_be16 l;
        if (msg->size < 48) {
            goto bad_len;
        }
        memcpy(&l, msg->data, 2);
        len = ntohs(l);
        if (len < 48 || len > msg->size) {
            goto bad_len;
        }
        p = (const uint8_t *) ofpbuf_pull(msg, len) + 8;
        break;
    }
    case OFPRAW_OFPST13_QUEUE_REPLY:
        p = ofpbuf_try_pull(msg, sizeof(struct ofp13_queue_stats));
        break;
    case OFPRAW_OFPST11_QUEUE_REPLY:
        p = ofpbuf_try_pull(msg, sizeof(struct ofp11_queue_stats));
        has_duration = false;
        break;
    case OFPRAW_OFPST10_QUEUE_REPLY: {
        const struct ofp10_queue_stats *qs10;

        qs10 = ofpbuf_try_pull(msg, sizeof *qs10);
        if (!qs10) {
            goto bad_len;
        }
        qs->port_no = u16_to_ofp(ntohs(qs10->port_no));
        qs->queue_id = ntohl(qs10->queue_id);
        qs->tx_bytes = get_unaligned_be64_host(&qs10->tx_bytes);
        qs->tx_packets = get_unaligned_be64_host(&qs10->tx_packets);
        qs->tx_errors = get_unaligned_be64_host(&qs10->tx_errors);
        qs->duration_sec = qs->duration_nsec = UINT32_MAX;
        return 0;
    }
    default:
        OVS_NOT_REACHED();
    }

    if (!p) {
        goto bad_len;
    }
    {
        /* An OpenFlow 1.4 entry's length need not be a multiple of 8, so
         * the next one may be misaligned: decode from an aligned copy. */
        struct ofp11_queue_stats copy;
        const struct ofp11_queue_stats *qs11 = &copy;

        memcpy(&copy, p, sizeof copy);
        error = ofputil_port_from_ofp11(qs11->port_no, &qs->port_no);
        if (error) {
            return error;
        }
        qs->queue_id = ntohl(qs11->queue_id);
        qs->tx_bytes = get_unaligned_be64_host(&qs11->tx_bytes);
        qs->tx_packets = get_unaligned_be64_host(&qs11->tx_packets);
        qs->tx_errors = get_unaligned_be64_host(&qs11->tx_errors);
        if (has_duration) {
            ovs_be32 sec, nsec;
            memcpy(&sec, p + 32, 4);
            memcpy(&nsec, p + 36, 4);
            qs->duration_sec = ntohl(sec);
            qs->duration_nsec = ntohl(nsec);
        } else {
            qs->duration_sec = qs->duration_nsec = UINT32_MAX;
        }
    }
    return 0;

bad_len:
    VLOG_WARN_RL(&rl, "OFPST_QUEUE reply has %"PRIu32" leftover "
                 "bytes at end", msg->size);
    return OFPERR_OFPBRC_BAD_LEN;
}

/* Appends 'oqs' to the queue stats reply 'replies'. */
void
ofputil_append_queue_stat(struct ovs_list *replies,
                          const struct ofputil_queue_stats *oqs)
{
    enum ofp_version version = ofpmp_version(replies);

    if (version == OFP10_VERSION) {
        struct ofp10_queue_stats *qs10 = ofpmp_append(replies, sizeof *qs10);
        memset(qs10, 0, sizeof *qs10);
        qs10->port_no = htons(ofp_to_u16(oqs->port_no));
        qs10->queue_id = htonl(oqs->queue_id);
        put_unaligned_be64_host(&qs10->tx_bytes, oqs->tx_bytes);
        put_unaligned_be64_host(&qs10->tx_packets, oqs->tx_packets);
        put_unaligned_be64_host(&qs10->tx_errors, oqs->tx_errors);
        return;
    }

    size_t len = (version >= OFP14_VERSION ? 48
                  : version == OFP13_VERSION ? 40 : 32);
    uint8_t *p = ofpmp_append(replies, len);
    memset(p, 0, len);
    if (version >= OFP14_VERSION) {
        ovs_be16 l = htons(len);
        memcpy(p, &l, 2);
        p += 8;
    }
    struct ofp11_queue_stats *qs11 = (void *) p;
    qs11->port_no = ofputil_port_to_ofp11(oqs->port_no);
    qs11->queue_id = htonl(oqs->queue_id);
    put_unaligned_be64_host(&qs11->tx_bytes, oqs->tx_bytes);
    put_unaligned_be64_host(&qs11->tx_packets, oqs->tx_packets);
    put_unaligned_be64_host(&qs11->tx_errors, oqs->tx_errors);
    if (version >= OFP13_VERSION) {
        ovs_be32 sec = htonl(oqs->duration_sec);
        ovs_be32 nsec = htonl(oqs->duration_nsec);
        memcpy(p + 32, &sec, 4);
        memcpy(p + 36, &nsec, 4);
    }
}

/* Appends ", NAME=VALUE" ("?" for UINT64_MAX) to 's'. */
static void
print_queue_stat(struct ds *s, const char *leader, uint64_t stat, int more)
{
    ds_put_cstr(s, leader);
    if (stat != UINT64_MAX) {
        ds_put_format(s, "%"PRIu64, stat);
    } else {
        ds_put_char(s, '?');
    }
    if (more) {
        ds_put_cstr(s, ", ");
    }
}

/* Formats a queue stats reply: " N queues" then one line per queue. */
enum ofperr
ofputil_queue_stats_reply_format(struct ds *s, const struct ofp_header *oh,
                                 const struct ofputil_port_map *port_map,
                                 int verbosity OVS_UNUSED)
{
    ds_put_format(s, " %zu queues", ofputil_count_queue_stats(oh));

    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_queue_stats qs;
        int retval;

        retval = ofputil_decode_queue_stats(&qs, &b);
        if (retval) {
            if (retval != EOF) {
                /* As upstream: a decoding error goes on a line of its
                 * own. */
                ds_put_char(s, '\n');
            }
            return retval != EOF ? retval : 0;
        }

        ds_put_cstr(s, "\n  port ");
        ofputil_format_port(qs.port_no, port_map, s);
        ds_put_cstr(s, " queue ");
        format_queue(s, qs.queue_id);
        ds_put_cstr(s, ": ");

        print_queue_stat(s, "bytes=", qs.tx_bytes, 1);
        print_queue_stat(s, "pkts=", qs.tx_packets, 1);
        print_queue_stat(s, "errors=", qs.tx_errors, 1);

        ds_put_cstr(s, "duration=");
        if (qs.duration_sec != UINT32_MAX) {
            ds_put_format(s, "%"PRIu32, qs.duration_sec);
            if (qs.duration_nsec > 0) {
                ds_put_format(s, ".%09"PRIu32, qs.duration_nsec);
                while (s->string[s->length - 1] == '0') {
                    s->length--;
                }
                s->string[s->length] = '\0';
            }
            ds_put_char(s, 's');
        } else {
            ds_put_char(s, '?');
        }
    }
}
