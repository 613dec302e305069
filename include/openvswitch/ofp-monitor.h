/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_MONITOR_H
#define OPENVSWITCH_OFP_MONITOR_H 1

/* Flow monitors (the Nicira extension NXST_FLOW_MONITOR of OpenFlow 1.0 to
 * 1.2): a controller asks to be told about changes to the flow tables
 * ("ovs-ofctl monitor SWITCH watch:..."), and the switch answers with flow
 * updates (NXST_FLOW_MONITOR replies, also sent unsolicited with xid 0).
 * OpenFlow 1.3 uses the ONF extension (experimenter multipart
 * ONFST_FLOW_MONITOR, messages ONFT_FLOW_MONITOR_CANCEL/PAUSED/RESUMED), and
 * OpenFlow 1.4+ has the same as a standard message (OFPMP_FLOW_MONITOR);
 * both are encoded here too.  Names and shapes follow upstream's
 * ofp-monitor.h. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow-common.h"
#include "match.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/types.h"

struct ds;
struct ofpbuf;
struct ofp_header;
struct ofputil_port_map;
struct ofputil_table_map;
struct ovs_list;

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of a flow monitor request (NXFMF_*). */
enum nx_flow_monitor_flags {
    NXFMF_INITIAL = 1 << 0,     /* Initially matching flows. */
    NXFMF_ADD = 1 << 1,         /* New matching flows as they are added. */
    NXFMF_DELETE = 1 << 2,      /* Old matching flows as they are removed. */
    NXFMF_MODIFY = 1 << 3,      /* Matching flows as they are changed. */
    NXFMF_ACTIONS = 1 << 4,     /* Include actions in flow updates. */
    NXFMF_OWN = 1 << 5,         /* Include changes made by this
                                 * connection. */
};

/* OpenFlow 1.4 flow monitor request commands (OFPFMC14_*). */
enum ofp14_flow_monitor_command {
    OFPFMC14_ADD = 0,           /* New monitor. */
    OFPFMC14_MODIFY = 1,        /* Modify an existing monitor. */
    OFPFMC14_DELETE = 2,        /* Delete (cancel) a monitor. */
};

/* Abstract flow monitor request. */
struct ofputil_flow_monitor_request {
    uint32_t id;                /* Monitor id. */
    enum ofp14_flow_monitor_command command; /* OFPFMC14_* (always ADD
                                              * before OpenFlow 1.4). */
    enum nx_flow_monitor_flags flags; /* NXFMF_*. */
    ofp_port_t out_port;        /* Only flows that output here, or
                                 * OFPP_NONE. */
    uint32_t out_group;         /* Only flows that output to this group
                                 * (OpenFlow 1.4+), or OFPG_ANY. */
    uint8_t table_id;           /* One table, or 0xff for all. */
    struct match match;         /* Only flows that match this. */
};

/* Decodes the next request of the flow monitor request 'msg' into 'rq'
 * (the first call pulls the message header).  Returns 0, EOF at the end,
 * or an OFPERR_* value. */
int ofputil_decode_flow_monitor_request(struct ofputil_flow_monitor_request
                                        *rq, struct ofpbuf *msg);

/* Returns a new flow monitor request message for 'rq' in 'protocol' (an
 * OpenFlow 1.0 to 1.2 protocol: NXST_FLOW_MONITOR; 1.3:
 * ONFST_FLOW_MONITOR; 1.4 or later: OFPST_FLOW_MONITOR). */
struct ofpbuf *ofputil_encode_flow_monitor_request(
    const struct ofputil_flow_monitor_request *rq,
    enum ofputil_protocol protocol);

/* Appends " id=N flags=... [out_port=P] [table=T] [MATCH]". */
void ofputil_flow_monitor_request_format(
    struct ds *, const struct ofputil_flow_monitor_request *,
    const struct ofputil_port_map *, const struct ofputil_table_map *);

/* Parses 'str', the "watch:" argument of "ovs-ofctl monitor" without the
 * "watch:" ("!initial", "!add", "!delete", "!modify", "!actions", "!own",
 * "table=T", "out_port=P" and match items), into 'rq' (id 0).  Stores the
 * protocols that can send it in '*usable'.  Returns NULL or a malloc()'d
 * error message. */
char *parse_flow_monitor_request(struct ofputil_flow_monitor_request *rq,
                                 const char *str,
                                 const struct ofputil_port_map *,
                                 const struct ofputil_table_map *,
                                 enum ofputil_protocol *usable)
    OVS_WARN_UNUSED_RESULT;

/* Flow update events (NXFME_*). */
enum nx_flow_update_event {
    NXFME_ADDED = 0,            /* Flow was added. */
    NXFME_DELETED = 1,          /* Flow was deleted. */
    NXFME_MODIFIED = 2,         /* Flow (generally its actions) changed. */
    NXFME_ABBREV = 3,           /* Abbreviated reply. */
    NXFME_INITIAL = 4,          /* A flow of the initial reply (OpenFlow
                                 * 1.4+ "INITIAL"; NXFME_ADDED on the wire
                                 * before 1.4). */
    NXFME_PAUSED = 5,           /* Updates paused (only for
                                 * ofputil_encode_flow_monitor_pause()). */
    NXFME_RESUMED = 6,          /* Updates resumed (likewise). */
};

/* Abstract flow update (one entry of a flow monitor reply). */
struct ofputil_flow_update {
    enum nx_flow_update_event event; /* NXFME_*. */

    /* Used only for NXFME_ADDED, NXFME_DELETED, NXFME_MODIFIED. */
    uint8_t reason;             /* OFPRR_* for NXFME_DELETED, else 0. */
    uint16_t idle_timeout;      /* Idle timeout, 0 for none. */
    uint16_t hard_timeout;      /* Hard timeout, 0 for none. */
    uint8_t table_id;           /* Flow table. */
    uint16_t priority;          /* Flow priority. */
    ovs_be64 cookie;            /* Flow cookie. */
    struct match match;         /* Flow match. */
    const struct ofpact *ofpacts; /* Actions (points into 'ofpacts' of the
                                   * decoder), or NULL. */
    size_t ofpacts_len;         /* Length of 'ofpacts' in bytes. */

    /* Used only for NXFME_ABBREV. */
    ovs_be32 xid;               /* Xid of the message that did it. */
};

/* Decodes the next update of the flow monitor reply 'msg' into 'update',
 * with its actions in 'ofpacts' (the first call pulls the message header).
 * Returns 0, EOF at the end, or an OFPERR_* value. */
int ofputil_decode_flow_update(struct ofputil_flow_update *update,
                               struct ofpbuf *msg, struct ofpbuf *ofpacts);

/* Starts 'replies', a list of flow monitor replies of 'protocol' with xid 0
 * (unsolicited updates), to which ofputil_append_flow_update() appends. */
void ofputil_start_flow_update(struct ovs_list *replies,
                               enum ofputil_protocol protocol);

/* Starts 'replies', the flow monitor replies to 'request'. */
void ofputil_start_flow_update_reply(struct ovs_list *replies,
                                     const struct ofp_header *request);

/* Appends 'update' to the flow monitor replies 'replies' (started with
 * ofputil_start_flow_update() or ofputil_start_flow_update_reply()). */
void ofputil_append_flow_update(const struct ofputil_flow_update *update,
                                struct ovs_list *replies);

/* Returns a new message that says that flow updates are paused ('event' is
 * NXFME_PAUSED) or resumed (NXFME_RESUMED), for 'protocol': before
 * OpenFlow 1.3 NXT_FLOW_MONITOR_PAUSED or _RESUMED, in 1.3
 * ONFT_FLOW_MONITOR_PAUSED or _RESUMED, from 1.4 on a flow monitor reply
 * with one OFPFME_PAUSED or _RESUMED update; xid 0. */
struct ofpbuf *ofputil_encode_flow_monitor_pause(
    enum nx_flow_update_event event, enum ofputil_protocol protocol);

/* Decodes the flow monitor cancel message 'oh' into '*id'.  Returns 0 or an
 * OFPERR_* value. */
enum ofperr ofputil_decode_flow_monitor_cancel(const struct ofp_header *oh,
                                               uint32_t *id);

/* Returns a new flow monitor cancel message for monitor 'id'. */
struct ofpbuf *ofputil_encode_flow_monitor_cancel(
    uint32_t id, enum ofputil_protocol protocol);

/* Appends an update as upstream prints it ("\n event=ADDED table=0
 * cookie=0 MATCH actions=..."). */
void ofputil_flow_update_format(struct ds *,
                                const struct ofputil_flow_update *,
                                const struct ofputil_port_map *,
                                const struct ofputil_table_map *);

/* Message-level formatters for the ofp-print dispatcher. */
enum ofperr ofputil_flow_monitor_request_msg_format(
    struct ds *, const struct ofp_header *,
    const struct ofputil_port_map *, const struct ofputil_table_map *);
enum ofperr ofputil_flow_monitor_reply_msg_format(
    struct ds *, const struct ofp_header *,
    const struct ofputil_port_map *, const struct ofputil_table_map *);

#ifdef __cplusplus
}
#endif

#endif /* openvswitch/ofp-monitor.h */
