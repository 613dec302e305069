/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_MSGS_H
#define OPENVSWITCH_OFP_MSGS_H 1

/* OpenFlow message headers and types.
 *
 * An OpenFlow message is identified at two levels:
 *
 *   - enum ofpraw: one exact wire format, e.g. OFPRAW_OFPT10_FEATURES_REPLY
 *     (OpenFlow 1.0's features reply with its array of ofp10_phy_port) is
 *     not OFPRAW_OFPT13_FEATURES_REPLY (1.3's, without ports).  Encoders
 *     pick a raw type; ofpraw_decode() tells which one a message is.
 *
 *   - enum ofptype: the message's meaning, whatever the version or
 *     encoding, e.g. OFPTYPE_FEATURES_REPLY.  Dispatchers switch on it.
 *
 * Every raw type is described once, in lib/ofp-msgs.def (version range,
 * OFPT/OFPST/NXT/NXST/ONFT number, fixed body size and element size for the
 * variable part, ofptype).  build-aux/extract-ofp-msgs turns it into
 * lib/ofp-msgs.inc in the build tree, and checks that the order of the
 * enums below is the table's. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/types.h"

struct ovs_list;
struct ofpbuf;

/* Raw message types, one per wire format.  The name says the message family
 * (OFPT = standard message, OFPST = standard statistics/multipart, NXT =
 * Nicira extension message, NXST = Nicira extension statistics, ONFT = ONF
 * extension message, ONFST = ONF extension multipart), the first version
 * that uses the format, and the message; statistics have a _REQUEST or
 * _REPLY suffix. */
enum ofpraw {
    /* Standard messages. */
    OFPRAW_OFPT_HELLO,
    OFPRAW_OFPT_ERROR,
    OFPRAW_OFPT_ECHO_REQUEST,
    OFPRAW_OFPT_ECHO_REPLY,
    OFPRAW_OFPT_FEATURES_REQUEST,
    OFPRAW_OFPT10_FEATURES_REPLY,
    OFPRAW_OFPT11_FEATURES_REPLY,
    OFPRAW_OFPT13_FEATURES_REPLY,
    OFPRAW_OFPT_GET_CONFIG_REQUEST,
    OFPRAW_OFPT_GET_CONFIG_REPLY,
    OFPRAW_OFPT_SET_CONFIG,
    OFPRAW_OFPT10_PACKET_IN,
    OFPRAW_OFPT11_PACKET_IN,
    OFPRAW_OFPT12_PACKET_IN,
    OFPRAW_OFPT13_PACKET_IN,
    OFPRAW_NXT_PACKET_IN,
    OFPRAW_NXT_PACKET_IN2,
    OFPRAW_OFPT10_FLOW_REMOVED,
    OFPRAW_OFPT11_FLOW_REMOVED,
    OFPRAW_OFPT15_FLOW_REMOVED,
    OFPRAW_NXT_FLOW_REMOVED,
    OFPRAW_OFPT10_PORT_STATUS,
    OFPRAW_OFPT11_PORT_STATUS,
    OFPRAW_OFPT14_PORT_STATUS,
    OFPRAW_OFPT10_PACKET_OUT,
    OFPRAW_OFPT11_PACKET_OUT,
    OFPRAW_OFPT15_PACKET_OUT,
    OFPRAW_OFPT10_FLOW_MOD,
    OFPRAW_OFPT11_FLOW_MOD,
    OFPRAW_NXT_FLOW_MOD,
    OFPRAW_OFPT11_GROUP_MOD,
    OFPRAW_OFPT15_GROUP_MOD,
    OFPRAW_NXT_GROUP_MOD,
    OFPRAW_OFPT10_PORT_MOD,
    OFPRAW_OFPT11_PORT_MOD,
    OFPRAW_OFPT14_PORT_MOD,
    OFPRAW_OFPT11_TABLE_MOD,
    OFPRAW_OFPT14_TABLE_MOD,
    OFPRAW_OFPT10_BARRIER_REQUEST,
    OFPRAW_OFPT11_BARRIER_REQUEST,
    OFPRAW_OFPT10_BARRIER_REPLY,
    OFPRAW_OFPT11_BARRIER_REPLY,
    OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST,
    OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST,
    OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY,
    OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY,
    OFPRAW_OFPT12_ROLE_REQUEST,
    OFPRAW_NXT_ROLE_REQUEST,
    OFPRAW_OFPT12_ROLE_REPLY,
    OFPRAW_NXT_ROLE_REPLY,
    OFPRAW_OFPT13_GET_ASYNC_REQUEST,
    OFPRAW_OFPT14_GET_ASYNC_REQUEST,
    OFPRAW_OFPT13_GET_ASYNC_REPLY,
    OFPRAW_OFPT14_GET_ASYNC_REPLY,
    OFPRAW_OFPT13_SET_ASYNC,
    OFPRAW_NXT_SET_ASYNC_CONFIG,
    OFPRAW_NXT_SET_ASYNC_CONFIG2,
    OFPRAW_OFPT14_SET_ASYNC,
    OFPRAW_OFPT13_METER_MOD,
    OFPRAW_OFPT14_ROLE_STATUS,
    OFPRAW_OFPT14_TABLE_STATUS,
    OFPRAW_OFPT14_REQUESTFORWARD,
    OFPRAW_OFPT14_BUNDLE_CONTROL,
    OFPRAW_ONFT13_BUNDLE_CONTROL,
    OFPRAW_OFPT14_BUNDLE_ADD_MESSAGE,
    OFPRAW_ONFT13_BUNDLE_ADD_MESSAGE,

    /* Standard statistics (multipart). */
    OFPRAW_OFPST_DESC_REQUEST,
    OFPRAW_OFPST_DESC_REPLY,
    OFPRAW_OFPST10_FLOW_REQUEST,
    OFPRAW_OFPST11_FLOW_REQUEST,
    OFPRAW_NXST_FLOW_REQUEST,
    OFPRAW_OFPST10_FLOW_REPLY,
    OFPRAW_OFPST11_FLOW_REPLY,
    OFPRAW_OFPST13_FLOW_REPLY,
    OFPRAW_NXST_FLOW_REPLY,
    OFPRAW_OFPST10_AGGREGATE_REQUEST,
    OFPRAW_OFPST11_AGGREGATE_REQUEST,
    OFPRAW_NXST_AGGREGATE_REQUEST,
    OFPRAW_OFPST_AGGREGATE_REPLY,
    OFPRAW_OFPST15_AGGREGATE_REPLY,
    OFPRAW_NXST_AGGREGATE_REPLY,
    OFPRAW_OFPST_TABLE_REQUEST,
    OFPRAW_OFPST10_TABLE_REPLY,
    OFPRAW_OFPST11_TABLE_REPLY,
    OFPRAW_OFPST12_TABLE_REPLY,
    OFPRAW_OFPST13_TABLE_REPLY,
    OFPRAW_OFPST10_PORT_REQUEST,
    OFPRAW_OFPST11_PORT_REQUEST,
    OFPRAW_OFPST10_PORT_REPLY,
    OFPRAW_OFPST11_PORT_REPLY,
    OFPRAW_OFPST13_PORT_REPLY,
    OFPRAW_OFPST14_PORT_REPLY,
    OFPRAW_OFPST10_QUEUE_REQUEST,
    OFPRAW_OFPST11_QUEUE_REQUEST,
    OFPRAW_OFPST10_QUEUE_REPLY,
    OFPRAW_OFPST11_QUEUE_REPLY,
    OFPRAW_OFPST13_QUEUE_REPLY,
    OFPRAW_OFPST14_QUEUE_REPLY,
    OFPRAW_OFPST11_GROUP_REQUEST,
    OFPRAW_NXST_GROUP_REQUEST,
    OFPRAW_OFPST11_GROUP_REPLY,
    OFPRAW_OFPST13_GROUP_REPLY,
    OFPRAW_NXST_GROUP_REPLY,
    OFPRAW_OFPST11_GROUP_DESC_REQUEST,
    OFPRAW_OFPST15_GROUP_DESC_REQUEST,
    OFPRAW_NXST_GROUP_DESC_REQUEST,
    OFPRAW_OFPST11_GROUP_DESC_REPLY,
    OFPRAW_NXST_GROUP_DESC_REPLY,
    OFPRAW_OFPST12_GROUP_FEATURES_REQUEST,
    OFPRAW_NXST_GROUP_FEATURES_REQUEST,
    OFPRAW_OFPST12_GROUP_FEATURES_REPLY,
    OFPRAW_NXST_GROUP_FEATURES_REPLY,
    OFPRAW_OFPST13_METER_REQUEST,
    OFPRAW_OFPST13_METER_REPLY,
    OFPRAW_OFPST13_METER_CONFIG_REQUEST,
    OFPRAW_OFPST13_METER_CONFIG_REPLY,
    OFPRAW_OFPST13_METER_FEATURES_REQUEST,
    OFPRAW_OFPST13_METER_FEATURES_REPLY,
    OFPRAW_OFPST13_TABLE_FEATURES_REQUEST,
    OFPRAW_OFPST13_TABLE_FEATURES_REPLY,
    OFPRAW_OFPST14_TABLE_DESC_REQUEST,
    OFPRAW_OFPST14_TABLE_DESC_REPLY,
    OFPRAW_OFPST10_PORT_DESC_REQUEST,
    OFPRAW_OFPST15_PORT_DESC_REQUEST,
    OFPRAW_OFPST10_PORT_DESC_REPLY,
    OFPRAW_OFPST11_PORT_DESC_REPLY,
    OFPRAW_OFPST14_PORT_DESC_REPLY,
    OFPRAW_OFPST14_QUEUE_DESC_REQUEST,
    OFPRAW_OFPST14_QUEUE_DESC_REPLY,
    OFPRAW_OFPST14_FLOW_MONITOR_REQUEST,
    OFPRAW_NXST_FLOW_MONITOR_REQUEST,
    OFPRAW_ONFST13_FLOW_MONITOR_REQUEST,
    OFPRAW_OFPST14_FLOW_MONITOR_REPLY,
    OFPRAW_NXST_FLOW_MONITOR_REPLY,
    OFPRAW_ONFST13_FLOW_MONITOR_REPLY,

    /* Nicira extension messages. */
    OFPRAW_NXT_SET_FLOW_FORMAT,
    OFPRAW_NXT_FLOW_MOD_TABLE_ID,
    OFPRAW_NXT_SET_PACKET_IN_FORMAT,
    OFPRAW_NXT_FLOW_AGE,
    OFPRAW_NXT_SET_CONTROLLER_ID,
    OFPRAW_NXT_FLOW_MONITOR_CANCEL,
    OFPRAW_NXT_FLOW_MONITOR_PAUSED,
    OFPRAW_NXT_FLOW_MONITOR_RESUMED,
    OFPRAW_ONFT13_FLOW_MONITOR_CANCEL,
    OFPRAW_ONFT13_FLOW_MONITOR_PAUSED,
    OFPRAW_ONFT13_FLOW_MONITOR_RESUMED,
    OFPRAW_NXT_TLV_TABLE_MOD,
    OFPRAW_NXT_TLV_TABLE_REQUEST,
    OFPRAW_NXT_TLV_TABLE_REPLY,
    OFPRAW_NXT_RESUME,
    OFPRAW_NXT_CT_FLUSH_ZONE,
    OFPRAW_NXT_CT_FLUSH,
    OFPRAW_NXST_IPFIX_BRIDGE_REQUEST,
    OFPRAW_NXST_IPFIX_BRIDGE_REPLY,
    OFPRAW_NXST_IPFIX_FLOW_REQUEST,
    OFPRAW_NXST_IPFIX_FLOW_REPLY,
    OFPRAW_WFT_STOP_ON_ERROR
};

/* Number of raw types. */
#define OFPRAW_N_RAWS (OFPRAW_WFT_STOP_ON_ERROR + 1)

/* Decoding raw types.  Each returns 0 and stores the type in '*raw', or an
 * OFPERR_* (OFPBRC_BAD_VERSION, OFPBRC_BAD_TYPE, OFPBRC_BAD_STAT,
 * OFPBRC_BAD_VENDOR, OFPBRC_BAD_SUBTYPE, OFPBRC_BAD_LEN) and stores an
 * unspecified value.  'oh' must be the whole message (its 'length' bytes).
 *
 * ofpraw_pull() also sets 'msg->header' to the header and 'msg->msg' to the
 * body, and pulls the header (including the stats or vendor header) off
 * 'msg'.  The _assert variants abort on failure. */
enum ofperr ofpraw_decode(enum ofpraw *raw, const struct ofp_header *oh);
enum ofpraw ofpraw_decode_assert(const struct ofp_header *oh);
enum ofperr ofpraw_pull(enum ofpraw *raw, struct ofpbuf *msg);
enum ofpraw ofpraw_pull_assert(struct ofpbuf *msg);

/* Like ofpraw_decode() but 'oh' may be only the first 'length' bytes of a
 * message: identifies the type without checking the body's length. */
enum ofperr ofpraw_decode_partial(enum ofpraw *raw,
                                  const struct ofp_header *oh,
                                  size_t length);

/* Encoding raw types.
 *
 * ofpraw_alloc() returns a new message of type 'raw' for 'ofp_version',
 * with a fresh xid (ofpraw_alloc_xid(): with 'xid').  It contains only the
 * headers (ofp_header plus, as the type requires, the stats/multipart and
 * vendor headers), filled in; 'msg->header' points to the ofp_header and
 * 'msg->msg' just past the headers, where the caller appends the body
 * (e.g. ofpbuf_put_zeros(msg, sizeof *body)).  Room is reserved for the
 * type's minimum body plus 'extra_tailroom' bytes.  Call
 * ofpmsg_update_length() once the body is complete.
 *
 * ofpraw_alloc_reply() takes the version and xid from 'request';
 * ofpraw_alloc_stats_reply() also takes the type: the reply raw type that
 * matches the statistics request 'request'.
 *
 * The _put variants append to an existing 'buf' instead. */
struct ofpbuf *ofpraw_alloc(enum ofpraw raw, uint8_t ofp_version,
                            size_t extra_tailroom);
struct ofpbuf *ofpraw_alloc_xid(enum ofpraw raw, uint8_t ofp_version,
                                ovs_be32 xid, size_t extra_tailroom);
struct ofpbuf *ofpraw_alloc_reply(enum ofpraw raw,
                                  const struct ofp_header *request,
                                  size_t extra_tailroom);
struct ofpbuf *ofpraw_alloc_stats_reply(const struct ofp_header *request,
                                        size_t extra_tailroom);
void ofpraw_put(enum ofpraw raw, uint8_t ofp_version, struct ofpbuf *buf);
void ofpraw_put_xid(enum ofpraw raw, uint8_t ofp_version, ovs_be32 xid,
                    struct ofpbuf *buf);
void ofpraw_put_reply(enum ofpraw raw, const struct ofp_header *request,
                      struct ofpbuf *buf);
void ofpraw_put_stats_reply(const struct ofp_header *request,
                            struct ofpbuf *buf);

/* Returns 'raw''s name as ofp-print shows it, e.g. "OFPT_FEATURES_REPLY",
 * "OFPST_FLOW request", "NXT_FLOW_MOD", "NXST_FLOW reply". */
const char *ofpraw_get_name(enum ofpraw raw);

/* If 'raw' exists in OpenFlow 'version', stores the minimum size of its
 * body (what follows the headers) in '*min_body' and the size of the
 * elements of its variable part in '*elem_size' (0: none, 1: any bytes)
 * and returns true; otherwise returns false. */
bool ofpraw_get_body_size(enum ofpraw raw, uint8_t version,
                          size_t *min_body, size_t *elem_size);

/* Returns the raw type of the reply to statistics request 'raw' in
 * 'version'. */
enum ofpraw ofpraw_stats_request_to_reply(enum ofpraw raw, uint8_t version);

/* Returns a new transaction id. */
ovs_be32 alloc_xid(void);

/* Message types by meaning, whatever the version or encoding. */
enum ofptype {
    /* Immutable messages. */
    OFPTYPE_HELLO,              /* OFPRAW_OFPT_HELLO. */
    OFPTYPE_ERROR,              /* OFPRAW_OFPT_ERROR. */
    OFPTYPE_ECHO_REQUEST,       /* OFPRAW_OFPT_ECHO_REQUEST. */
    OFPTYPE_ECHO_REPLY,         /* OFPRAW_OFPT_ECHO_REPLY. */

    /* Switch configuration messages. */
    OFPTYPE_FEATURES_REQUEST,   /* OFPRAW_OFPT_FEATURES_REQUEST. */
    OFPTYPE_FEATURES_REPLY,     /* OFPRAW_OFPT1[013]_FEATURES_REPLY. */
    OFPTYPE_GET_CONFIG_REQUEST, /* OFPRAW_OFPT_GET_CONFIG_REQUEST. */
    OFPTYPE_GET_CONFIG_REPLY,   /* OFPRAW_OFPT_GET_CONFIG_REPLY. */
    OFPTYPE_SET_CONFIG,         /* OFPRAW_OFPT_SET_CONFIG. */

    /* Asynchronous messages. */
    OFPTYPE_PACKET_IN,          /* OFPRAW_OFPT1[0123]_PACKET_IN,
                                 * OFPRAW_NXT_PACKET_IN(2). */
    OFPTYPE_FLOW_REMOVED,       /* OFPRAW_OFPT1[015]_FLOW_REMOVED,
                                 * OFPRAW_NXT_FLOW_REMOVED. */
    OFPTYPE_PORT_STATUS,        /* OFPRAW_OFPT1[014]_PORT_STATUS. */

    /* Controller command messages. */
    OFPTYPE_PACKET_OUT,         /* OFPRAW_OFPT1[015]_PACKET_OUT. */
    OFPTYPE_FLOW_MOD,           /* OFPRAW_OFPT1[01]_FLOW_MOD,
                                 * OFPRAW_NXT_FLOW_MOD. */
    OFPTYPE_GROUP_MOD,          /* OFPRAW_OFPT1[15]_GROUP_MOD,
                                 * OFPRAW_NXT_GROUP_MOD. */
    OFPTYPE_PORT_MOD,           /* OFPRAW_OFPT1[014]_PORT_MOD. */
    OFPTYPE_TABLE_MOD,          /* OFPRAW_OFPT1[14]_TABLE_MOD. */

    /* Barrier messages. */
    OFPTYPE_BARRIER_REQUEST,    /* OFPRAW_OFPT1[01]_BARRIER_REQUEST. */
    OFPTYPE_BARRIER_REPLY,      /* OFPRAW_OFPT1[01]_BARRIER_REPLY. */

    /* Queue configuration messages. */
    OFPTYPE_QUEUE_GET_CONFIG_REQUEST, /* OFPRAW_OFPT1[01]_QUEUE_GET_CONFIG_
                                       * REQUEST. */
    OFPTYPE_QUEUE_GET_CONFIG_REPLY, /* OFPRAW_OFPT1[01]_QUEUE_GET_CONFIG_
                                     * REPLY. */

    /* Controller role change request messages. */
    OFPTYPE_ROLE_REQUEST,       /* OFPRAW_OFPT12_ROLE_REQUEST,
                                 * OFPRAW_NXT_ROLE_REQUEST. */
    OFPTYPE_ROLE_REPLY,         /* OFPRAW_OFPT12_ROLE_REPLY,
                                 * OFPRAW_NXT_ROLE_REPLY. */

    /* Asynchronous message configuration. */
    OFPTYPE_GET_ASYNC_REQUEST,  /* OFPRAW_OFPT1[34]_GET_ASYNC_REQUEST. */
    OFPTYPE_GET_ASYNC_REPLY,    /* OFPRAW_OFPT1[34]_GET_ASYNC_REPLY. */
    OFPTYPE_SET_ASYNC_CONFIG,   /* OFPRAW_NXT_SET_ASYNC_CONFIG(2),
                                 * OFPRAW_OFPT1[34]_SET_ASYNC. */

    /* Meters and rate limiters configuration messages. */
    OFPTYPE_METER_MOD,          /* OFPRAW_OFPT13_METER_MOD. */

    /* Controller role change event messages. */
    OFPTYPE_ROLE_STATUS,        /* OFPRAW_OFPT14_ROLE_STATUS. */

    /* Request forwarding by the switch. */
    OFPTYPE_REQUESTFORWARD,     /* OFPRAW_OFPT14_REQUESTFORWARD. */

    /* Asynchronous table status messages. */
    OFPTYPE_TABLE_STATUS,       /* OFPRAW_OFPT14_TABLE_STATUS. */

    /* Bundles. */
    OFPTYPE_BUNDLE_CONTROL,     /* OFPRAW_OFPT14_BUNDLE_CONTROL,
                                 * OFPRAW_ONFT13_BUNDLE_CONTROL. */
    OFPTYPE_BUNDLE_ADD_MESSAGE, /* OFPRAW_OFPT14_BUNDLE_ADD_MESSAGE,
                                 * OFPRAW_ONFT13_BUNDLE_ADD_MESSAGE. */

    /* Statistics. */
    OFPTYPE_DESC_STATS_REQUEST, /* OFPRAW_OFPST_DESC_REQUEST. */
    OFPTYPE_DESC_STATS_REPLY,   /* OFPRAW_OFPST_DESC_REPLY. */
    OFPTYPE_FLOW_STATS_REQUEST, /* OFPRAW_OFPST1[01]_FLOW_REQUEST,
                                 * OFPRAW_NXST_FLOW_REQUEST. */
    OFPTYPE_FLOW_STATS_REPLY,   /* OFPRAW_OFPST1[013]_FLOW_REPLY,
                                 * OFPRAW_NXST_FLOW_REPLY. */
    OFPTYPE_AGGREGATE_STATS_REQUEST, /* OFPRAW_OFPST1[01]_AGGREGATE_REQUEST,
                                      * OFPRAW_NXST_AGGREGATE_REQUEST. */
    OFPTYPE_AGGREGATE_STATS_REPLY, /* OFPRAW_OFPST(15)_AGGREGATE_REPLY,
                                    * OFPRAW_NXST_AGGREGATE_REPLY. */
    OFPTYPE_TABLE_STATS_REQUEST, /* OFPRAW_OFPST_TABLE_REQUEST. */
    OFPTYPE_TABLE_STATS_REPLY,  /* OFPRAW_OFPST1[0123]_TABLE_REPLY. */
    OFPTYPE_PORT_STATS_REQUEST, /* OFPRAW_OFPST1[01]_PORT_REQUEST. */
    OFPTYPE_PORT_STATS_REPLY,   /* OFPRAW_OFPST1[0134]_PORT_REPLY. */
    OFPTYPE_QUEUE_STATS_REQUEST, /* OFPRAW_OFPST1[01]_QUEUE_REQUEST. */
    OFPTYPE_QUEUE_STATS_REPLY,  /* OFPRAW_OFPST1[0134]_QUEUE_REPLY. */
    OFPTYPE_GROUP_STATS_REQUEST, /* OFPRAW_OFPST11_GROUP_REQUEST. */
    OFPTYPE_GROUP_STATS_REPLY,  /* OFPRAW_OFPST1[13]_GROUP_REPLY. */
    OFPTYPE_GROUP_DESC_STATS_REQUEST, /* OFPRAW_OFPST1[15]_GROUP_DESC_
                                       * REQUEST. */
    OFPTYPE_GROUP_DESC_STATS_REPLY, /* OFPRAW_OFPST11_GROUP_DESC_REPLY. */
    OFPTYPE_GROUP_FEATURES_STATS_REQUEST, /* OFPRAW_OFPST12_GROUP_FEATURES_
                                           * REQUEST. */
    OFPTYPE_GROUP_FEATURES_STATS_REPLY, /* OFPRAW_OFPST12_GROUP_FEATURES_
                                         * REPLY. */
    OFPTYPE_METER_STATS_REQUEST, /* OFPRAW_OFPST13_METER_REQUEST. */
    OFPTYPE_METER_STATS_REPLY,  /* OFPRAW_OFPST13_METER_REPLY. */
    OFPTYPE_METER_CONFIG_STATS_REQUEST, /* OFPRAW_OFPST13_METER_CONFIG_
                                         * REQUEST. */
    OFPTYPE_METER_CONFIG_STATS_REPLY, /* OFPRAW_OFPST13_METER_CONFIG_
                                       * REPLY. */
    OFPTYPE_METER_FEATURES_STATS_REQUEST, /* OFPRAW_OFPST13_METER_FEATURES_
                                           * REQUEST. */
    OFPTYPE_METER_FEATURES_STATS_REPLY, /* OFPRAW_OFPST13_METER_FEATURES_
                                         * REPLY. */
    OFPTYPE_TABLE_FEATURES_STATS_REQUEST, /* OFPRAW_OFPST13_TABLE_FEATURES_
                                           * REQUEST. */
    OFPTYPE_TABLE_FEATURES_STATS_REPLY, /* OFPRAW_OFPST13_TABLE_FEATURES_
                                         * REPLY. */
    OFPTYPE_TABLE_DESC_REQUEST, /* OFPRAW_OFPST14_TABLE_DESC_REQUEST. */
    OFPTYPE_TABLE_DESC_REPLY,   /* OFPRAW_OFPST14_TABLE_DESC_REPLY. */
    OFPTYPE_PORT_DESC_STATS_REQUEST, /* OFPRAW_OFPST1[05]_PORT_DESC_
                                      * REQUEST. */
    OFPTYPE_PORT_DESC_STATS_REPLY, /* OFPRAW_OFPST1[014]_PORT_DESC_REPLY. */
    OFPTYPE_QUEUE_DESC_STATS_REQUEST, /* OFPRAW_OFPST14_QUEUE_DESC_
                                       * REQUEST. */
    OFPTYPE_QUEUE_DESC_STATS_REPLY, /* OFPRAW_OFPST14_QUEUE_DESC_REPLY. */

    /* Nicira extensions. */
    OFPTYPE_SET_FLOW_FORMAT,    /* OFPRAW_NXT_SET_FLOW_FORMAT. */
    OFPTYPE_FLOW_MOD_TABLE_ID,  /* OFPRAW_NXT_FLOW_MOD_TABLE_ID. */
    OFPTYPE_SET_PACKET_IN_FORMAT, /* OFPRAW_NXT_SET_PACKET_IN_FORMAT. */
    OFPTYPE_FLOW_AGE,           /* OFPRAW_NXT_FLOW_AGE. */
    OFPTYPE_SET_CONTROLLER_ID,  /* OFPRAW_NXT_SET_CONTROLLER_ID. */
    OFPTYPE_NXT_TLV_TABLE_MOD,  /* OFPRAW_NXT_TLV_TABLE_MOD. */
    OFPTYPE_NXT_TLV_TABLE_REQUEST, /* OFPRAW_NXT_TLV_TABLE_REQUEST. */
    OFPTYPE_NXT_TLV_TABLE_REPLY, /* OFPRAW_NXT_TLV_TABLE_REPLY. */
    OFPTYPE_NXT_RESUME,         /* OFPRAW_NXT_RESUME. */
    OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST, /* OFPRAW_NXST_IPFIX_BRIDGE_
                                         * REQUEST. */
    OFPTYPE_IPFIX_BRIDGE_STATS_REPLY, /* OFPRAW_NXST_IPFIX_BRIDGE_REPLY. */
    OFPTYPE_IPFIX_FLOW_STATS_REQUEST, /* OFPRAW_NXST_IPFIX_FLOW_REQUEST. */
    OFPTYPE_IPFIX_FLOW_STATS_REPLY, /* OFPRAW_NXST_IPFIX_FLOW_REPLY. */
    OFPTYPE_CT_FLUSH_ZONE,      /* OFPRAW_NXT_CT_FLUSH_ZONE. */
    OFPTYPE_CT_FLUSH,           /* OFPRAW_NXT_CT_FLUSH. */

    /* Flow monitor extension. */
    OFPTYPE_FLOW_MONITOR_CANCEL, /* OFPRAW_NXT_FLOW_MONITOR_CANCEL,
                                  * OFPRAW_ONFT13_FLOW_MONITOR_CANCEL. */
    OFPTYPE_FLOW_MONITOR_PAUSED, /* OFPRAW_NXT_FLOW_MONITOR_PAUSED,
                                  * OFPRAW_ONFT13_FLOW_MONITOR_PAUSED. */
    OFPTYPE_FLOW_MONITOR_RESUMED, /* OFPRAW_NXT_FLOW_MONITOR_RESUMED,
                                   * OFPRAW_ONFT13_FLOW_MONITOR_RESUMED. */
    OFPTYPE_FLOW_MONITOR_STATS_REQUEST, /* OFPRAW_NXST_FLOW_MONITOR_REQUEST,
                                         * OFPRAW_ONFST13_FLOW_MONITOR_
                                         * REQUEST,
                                         * OFPRAW_OFPST14_FLOW_MONITOR_
                                         * REQUEST. */
    OFPTYPE_FLOW_MONITOR_STATS_REPLY, /* OFPRAW_NXST_FLOW_MONITOR_REPLY,
                                      * OFPRAW_ONFST13_FLOW_MONITOR_REPLY,
                                      * OFPRAW_OFPST14_FLOW_MONITOR_
                                      * REPLY. */

    /* Weft extension (include/openflow/weft-ext.h). */
    OFPTYPE_STOP_ON_ERROR       /* OFPRAW_WFT_STOP_ON_ERROR. */
};

/* Number of ofptypes. */
#define OFPTYPE_N_TYPES (OFPTYPE_STOP_ON_ERROR + 1)

/* Decoding message types.  Like ofpraw_decode() and ofpraw_pull(), but
 * store the ofptype. */
enum ofperr ofptype_decode(enum ofptype *type, const struct ofp_header *oh);
enum ofperr ofptype_pull(enum ofptype *type, struct ofpbuf *msg);

/* Returns the ofptype of raw type 'raw'. */
enum ofptype ofptype_from_ofpraw(enum ofpraw raw);

/* Returns a name for 'type', e.g. "OFPT_FEATURES_REPLY". */
const char *ofptype_get_name(enum ofptype type);

/* Sets the 'length' field of the OpenFlow message in 'buf' (starting at
 * 'buf->header') to the size from there to the end of 'buf'. */
void ofpmsg_update_length(struct ofpbuf *buf);

/* Returns the first byte past the header(s) of message 'oh' (past the
 * stats/multipart and vendor headers too). */
const void *ofpmsg_body(const struct ofp_header *oh);

/* Returns true if 'oh' is a statistics (multipart) request, reply, or
 * either. */
bool ofpmsg_is_stat_request(const struct ofp_header *oh);
bool ofpmsg_is_stat_reply(const struct ofp_header *oh);
bool ofpmsg_is_stat(const struct ofp_header *oh);

/* Multipart messages (aka "statistics").
 *
 * Building a multipart reply: ofpmp_init() starts in 'replies' a list of
 * replies to statistics request 'request' (with one empty reply);
 * ofpmp_append() and ofpmp_reserve() add room for an entry at the end of
 * the last reply, first starting a new reply (and setting
 * OFPSF_REPLY_MORE on the previous one) whenever the entry would take the
 * last reply past the 64 kB OpenFlow limit; ofpmp_postappend() splits an
 * entry that grew past the limit after being appended at offset
 * 'start_ofs' of the last reply.
 *
 * The replies are struct ofpbufs kept in the list through a private node:
 * walk them with ofpmp_front()/ofpmp_next(), or take them out one by one
 * with ofpmp_pop() (which also sets each message's length field; free each
 * with ofpbuf_delete()), or free them all with ofpmp_destroy(). */
void ofpmp_init(struct ovs_list *replies, const struct ofp_header *request);
struct ofpbuf *ofpmp_reserve(struct ovs_list *replies, size_t len);
void *ofpmp_append(struct ovs_list *replies, size_t len);
void ofpmp_postappend(struct ovs_list *replies, size_t start_ofs);

/* Returns the OpenFlow version and the raw type of the replies in
 * 'replies'. */
enum ofp_version ofpmp_version(struct ovs_list *replies);
enum ofpraw ofpmp_decode_raw(struct ovs_list *replies);

/* Returns the OFPSF_* flags of multipart message 'oh', and whether
 * OFPSF_REPLY_MORE (or OFPSF_REQ_MORE) is set. */
uint16_t ofpmp_flags(const struct ofp_header *oh);
bool ofpmp_more(const struct ofp_header *oh);

/* Returns the reply whose list node is 'node', for lists built by
 * ofpmp_init() (e.g. ofpbuf_from_list(ovs_list_back(replies)) is the last
 * reply).  Upstream declares this in ofpbuf.h for every list of ofpbufs;
 * here it is valid only for multipart reply lists until struct ofpbuf gets
 * a list node of its own. */
struct ofpbuf *ofpbuf_from_list(const struct ovs_list *node);

/* Walking and consuming the replies built by ofpmp_init(). */
struct ofpbuf *ofpmp_front(const struct ovs_list *replies);
struct ofpbuf *ofpmp_next(const struct ovs_list *replies,
                          const struct ofpbuf *msg);
struct ofpbuf *ofpmp_pop(struct ovs_list *replies);

/* Frees every message in 'replies' (as built by ofpmp_init()). */
void ofpmp_destroy(struct ovs_list *replies);

#endif /* openvswitch/ofp-msgs.h */
