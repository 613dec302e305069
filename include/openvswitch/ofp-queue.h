/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_QUEUE_H
#define OPENVSWITCH_OFP_QUEUE_H 1

/* OpenFlow queues: queue stats requests and replies (ovs-ofctl
 * queue-stats) and queue get-config (ovs-ofctl queue-get-config), for
 * OpenFlow 1.0 to 1.5. */

#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow.h"
#include "openvswitch/list.h"
#include "openvswitch/types.h"

struct ds;
struct ofpbuf;
struct ofputil_port_map;
enum ofperr;

/* "Any port", under upstream's name, if the wire headers lack it. */
#ifndef OFPP_ANY
#define OFPP_ANY OFPP_NONE
#endif

/* Queue get-config request. */
struct ofpbuf *ofputil_encode_queue_get_config_request(enum ofp_version,
                                                       ofp_port_t port,
                                                       uint32_t queue);
enum ofperr ofputil_decode_queue_get_config_request(const struct ofp_header *,
                                                    ofp_port_t *port,
                                                    uint32_t *queue);
enum ofperr ofputil_queue_get_config_request_format(
    struct ds *, const struct ofp_header *, const struct ofputil_port_map *);

/* Queue configuration reply. */
struct ofputil_queue_config {
    ofp_port_t port;            /* Port the queue belongs to. */
    uint32_t queue;             /* Queue id. */

    /* Each of these optional values is expressed in tenths of a percent.
     * Values greater than 1000 indicate that the feature is disabled.
     * UINT16_MAX indicates that the value is not specified. */
    uint16_t min_rate;          /* Minimum rate. */
    uint16_t max_rate;          /* Maximum rate. */
};

/* Returns the reply to the queue get-config (or, in OpenFlow 1.4+, queue
 * desc) request 'request' describing the 'n_qcs' queues in 'qcs'.  (Upstream
 * builds this reply with ofputil_start_queue_get_config_reply() and
 * ofputil_append_queue_get_config_reply() on a list of ofpbufs; Weft's
 * ofpbuf has no list node, so the reply is built in one call.) */
struct ofpbuf *ofputil_encode_queue_get_config_reply(
    const struct ofp_header *request,
    const struct ofputil_queue_config *qcs, size_t n_qcs);
/* Pulls the next queue from 'reply' into 'qc'.  Returns 0, EOF at the end,
 * or an OFPERR_* value. */
int ofputil_pull_queue_get_config_reply(struct ofpbuf *reply,
                                        struct ofputil_queue_config *qc);
enum ofperr ofputil_queue_get_config_reply_format(
    struct ds *, const struct ofp_header *, const struct ofputil_port_map *);

/* Queue stats request. */
struct ofputil_queue_stats_request {
    ofp_port_t port_no;         /* OFPP_ANY means all ports. */
    uint32_t queue_id;          /* OFPQ_ALL means all queues. */
};

enum ofperr ofputil_decode_queue_stats_request(
    const struct ofp_header *request, struct ofputil_queue_stats_request *);
struct ofpbuf *ofputil_encode_queue_stats_request(
    enum ofp_version, const struct ofputil_queue_stats_request *);
enum ofperr ofputil_queue_stats_request_format(
    struct ds *, const struct ofp_header *, const struct ofputil_port_map *);

/* Queue stats reply, for one queue. */
struct ofputil_queue_stats {
    ofp_port_t port_no;         /* Port. */
    uint32_t queue_id;          /* Queue id. */

    /* Values of unsupported statistics are set to all-1-bits
     * (UINT64_MAX). */
    uint64_t tx_bytes;          /* Bytes transmitted. */
    uint64_t tx_packets;        /* Packets transmitted. */
    uint64_t tx_errors;         /* Packets dropped for overrun. */

    /* UINT32_MAX if unknown. */
    uint32_t duration_sec;      /* Time the queue has been alive. */
    uint32_t duration_nsec;     /* ...nanoseconds beyond that. */
};

size_t ofputil_count_queue_stats(const struct ofp_header *);
/* Pulls the next queue's stats from 'msg' into 'qs'.  Returns 0, EOF at
 * the end of the message, or an OFPERR_* value. */
int ofputil_decode_queue_stats(struct ofputil_queue_stats *qs,
                               struct ofpbuf *msg);
void ofputil_append_queue_stat(struct ovs_list *replies,
                               const struct ofputil_queue_stats *oqs);
enum ofperr ofputil_queue_stats_reply_format(struct ds *,
                                             const struct ofp_header *,
                                             const struct ofputil_port_map *,
                                             int verbosity);

#endif /* openvswitch/ofp-queue.h */
