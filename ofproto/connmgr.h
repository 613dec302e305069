/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef CONNMGR_H
#define CONNMGR_H 1

/* The OpenFlow connections of one switch (ofproto).
 *
 * A connection manager owns:
 *
 *   - "ofservices": passive listeners (the management socket
 *     punix:<rundir>/<bridge>.mgmt, always present, and any "ptcp:",
 *     "punix:" controller targets), whose accepted connections become
 *     service connections (OFCONN_SERVICE);
 *
 *   - controllers: active connections (targets such as "tcp:IP:PORT"),
 *     kept up by an rconn with backoff and inactivity probes
 *     (OFCONN_PRIMARY).
 *
 * Each connection ("struct ofconn") has its own negotiated state: the flow
 * format ("protocol"), the controller role, the packet-in format, the
 * miss_send_len and asynchronous message configuration.  ofproto.c
 * handles the messages a connection receives (connmgr_run()'s callback)
 * and answers through the ofconn_send_*() functions.
 *
 * Everything here runs in the main thread. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/types.h"

struct connmgr;
struct ofconn;
struct ofpbuf;
struct ofproto;
struct ofputil_phy_port;
struct shash;
struct ofp_header;

/* What kind of connection an ofconn is. */
enum ofconn_type {
    OFCONN_PRIMARY,             /* An active controller connection. */
    OFCONN_SERVICE              /* Accepted on a passive listener (e.g. by
                                 * ovs-ofctl on the management socket). */
};

/* What the switch does without a controller (Bridge's fail_mode). */
enum ofproto_fail_mode {
    OFPROTO_FAIL_SECURE,        /* Keep the flows as they are. */
    OFPROTO_FAIL_STANDALONE     /* Act as a learning switch (NORMAL) while
                                 * no controller is connected. */
};

/* How a controller's packet-ins are sent, when connection is configured
 * from the database (Controller's connection_mode). */
enum ofproto_band {
    OFPROTO_IN_BAND,            /* In-band (not implemented: treated as
                                 * out-of-band). */
    OFPROTO_OUT_OF_BAND         /* Out-of-band. */
};

/* The configuration of one controller or service (a Controller row). */
struct ofproto_controller {
    char *target;               /* e.g. "tcp:127.0.0.1:6653", "ptcp:". */
    int max_backoff;            /* Reconnect backoff limit, seconds. */
    int probe_interval;         /* Inactivity probe interval, seconds
                                 * (0 disables). */
    enum ofproto_band band;     /* In-band or out-of-band. */
    int rate_limit;             /* Packet-ins per second, 0 for no limit. */
    int burst_limit;            /* Packet-in burst, 0 for the default. */
    uint32_t allowed_versions;  /* OpenFlow versions (bitmap of 1 <<
                                 * OFPxx_VERSION), 0 for the default. */
    uint8_t dscp;               /* DSCP for the connection's packets. */
};

/* A controller's status as the Controller table's columns show it. */
struct ofproto_controller_info {
    bool is_connected;          /* Connected? */
    const char *role;           /* "other", "master" or "slave". */
    char *last_error;           /* Last error (owned), NULL if none. */
    char *state;                /* rconn state (owned), e.g. "ACTIVE". */
    int sec_since_connect;      /* Seconds since connecting, -1 if never. */
    int sec_since_disconnect;   /* Seconds since disconnecting, -1 if
                                 * never. */
};

/* Asynchronous message configuration (OFPT_SET_ASYNC), as two masks for
 * each message type: [0] for master/equal role, [1] for slaves.  Bit N
 * enables reason N. */
struct ofconn_async_cfg {
    uint32_t packet_in[2];      /* OFPR_* reasons of packet-ins. */
    uint32_t port_status[2];    /* OFPPR_* reasons of port status. */
    uint32_t flow_removed[2];   /* OFPRR_* reasons of flow removed. */
    uint32_t role_status[2];    /* OpenFlow 1.4+ role status reasons. */
    uint32_t table_status[2];   /* OpenFlow 1.4+ table status reasons. */
    uint32_t requestforward[2]; /* OpenFlow 1.4+ request forward
                                 * reasons. */
};

/* A packet-in that the switch wants to send (from a table miss or a
 * controller action). */
struct ofproto_async_msg {
    uint16_t controller_id;     /* Controller to send to (0: all). */
    struct ofputil_packet_in pin; /* The packet-in; 'pin.packet' is
                                   * owned by the message. */
    bool table_miss;            /* From a table miss (not sent to OpenFlow
                                 * 1.3+ connections, as upstream). */
    struct ofputil_packet_in_private *continuation; /* A paused
                                 * pipeline's continuation (its 'base' is
                                 * not used: 'pin' is), or NULL. */
};

/* Frees 'am', its packet, userdata and continuation. */
void ofproto_async_msg_free(struct ofproto_async_msg *am);

/* Life cycle. */

/* Creates a connection manager for 'ofproto', whose datapath is called
 * 'dpif_name' and whose local port is called 'local_name'.  Opens the
 * management socket punix:<rundir>/<dpif_name>.mgmt. */
struct connmgr *connmgr_create(struct ofproto *ofproto,
                               const char *dpif_name,
                               const char *local_name);

/* Closes every connection of 'mgr' and frees it (NULL is allowed). */
void connmgr_destroy(struct connmgr *mgr);

/* Runs 'mgr': accepts connections, runs each connection's rconn, and
 * passes each message received to 'handle_openflow' (as a list holding one
 * "struct ofpbuf", by 'list_node'; the callee must not keep it). */
void connmgr_run(struct connmgr *mgr,
                 void (*handle_openflow)(struct ofconn *,
                                         const struct ovs_list *msgs));

/* Makes poll_block() wake when connmgr_run() has work. */
void connmgr_wait(struct connmgr *mgr);

/* Returns the ofproto of 'mgr'. */
struct ofproto *connmgr_get_ofproto(const struct connmgr *mgr);

/* Configuration. */

/* Replaces the controllers and extra services of 'mgr' by those of
 * 'controllers' (a shash of "struct ofproto_controller"s by target). */
void connmgr_set_controllers(struct connmgr *mgr,
                             const struct shash *controllers);

/* Returns true if 'mgr' has at least one configured controller. */
bool connmgr_has_controllers(const struct connmgr *mgr);

/* Returns true if some controller of 'mgr' is connected. */
bool connmgr_is_any_controller_connected(const struct connmgr *mgr);

/* Adds to 'info' (a shash of "struct ofproto_controller_info"s by target,
 * which the caller frees with connmgr_free_controller_info()) the status
 * of each controller of 'mgr'. */
void connmgr_get_controller_info(struct connmgr *mgr, struct shash *info);
void connmgr_free_controller_info(struct shash *info);

/* Sets and returns the fail mode. */
void connmgr_set_fail_mode(struct connmgr *mgr, enum ofproto_fail_mode);
enum ofproto_fail_mode connmgr_get_fail_mode(const struct connmgr *mgr);

/* Returns true if the switch should act as a learning switch right now:
 * fail mode standalone, with controllers, none of which has been connected
 * for connmgr_fail_open_trigger() seconds (three times the longest
 * inactivity probe interval, as upstream). */
bool connmgr_wants_fail_open(const struct connmgr *mgr);
int connmgr_fail_open_trigger(const struct connmgr *mgr);

/* Tells 'mgr' whether the switch is failing open right now
 * ('failing_open'), so that it sends upstream's "bogus" packet-ins to the
 * connected controllers every 2 seconds meanwhile.  Call it from the main
 * loop. */
void connmgr_fail_open_run(struct connmgr *mgr, bool failing_open);

/* Reconnects every controller of 'mgr'. */
void connmgr_reconnect(const struct connmgr *mgr);

/* Asynchronous messages. */

/* Sends a port status message with 'reason' (OFPPR_*) for port 'pp' to
 * each connection of 'mgr' that wants it. */
void connmgr_send_port_status(struct connmgr *mgr,
                              const struct ofputil_phy_port *pp,
                              uint8_t reason);

/* Sends the flow removed message 'fr' to each connection of 'mgr' that
 * wants it. */
struct ofputil_flow_removed;
void connmgr_send_flow_removed(struct connmgr *mgr,
                               const struct ofputil_flow_removed *fr);

/* Sends the packet-in 'am' to the controllers of 'mgr' that want it (rate
 * limited per connection).  The caller keeps 'am'. */
void connmgr_send_async_msg(struct connmgr *mgr,
                            const struct ofproto_async_msg *am);

/* Returns true if some controller connection of 'mgr' would take a
 * table-miss packet-in (an OpenFlow 1.0-1.2 controller connection). */
bool connmgr_wants_packet_in_on_miss(const struct connmgr *mgr);

/* Per connection. */

/* Returns the connection's type, its connection manager, and the OpenFlow
 * version negotiated. */
enum ofconn_type ofconn_get_type(const struct ofconn *);
struct connmgr *ofconn_get_connmgr(const struct ofconn *);
enum ofp_version ofconn_get_version(const struct ofconn *);

/* The connection's protocol (flow format).  Until the controller chooses
 * one, it is the default for the negotiated version. */
enum ofputil_protocol ofconn_get_protocol(const struct ofconn *);
void ofconn_set_protocol(struct ofconn *, enum ofputil_protocol);

/* The connection's controller role (OFPCR12_ROLE_EQUAL, _MASTER, _SLAVE).
 * Setting MASTER demotes every other master to SLAVE. */
enum ofp12_controller_role ofconn_get_role(const struct ofconn *);
void ofconn_set_role(struct ofconn *, enum ofp12_controller_role);

/* The master election generation id: returns false if 'generation_id' is
 * stale, otherwise records it and returns true. */
bool ofconn_set_master_election_id(struct ofconn *, uint64_t generation_id);

/* Returns the latest master election generation id, UINT64_MAX if none
 * was set. */
uint64_t ofconn_get_master_election_id(const struct ofconn *);

/* Packet-in format, miss_send_len, controller id, async config. */
enum ofputil_packet_in_format ofconn_get_packet_in_format(struct ofconn *);
void ofconn_set_packet_in_format(struct ofconn *,
                                 enum ofputil_packet_in_format);
int ofconn_get_miss_send_len(const struct ofconn *);
void ofconn_set_miss_send_len(struct ofconn *, int miss_send_len);
void ofconn_set_controller_id(struct ofconn *, uint16_t controller_id);
void ofconn_get_async_config(const struct ofconn *,
                             struct ofconn_async_cfg *);
void ofconn_set_async_config(struct ofconn *,
                             const struct ofconn_async_cfg *);

/* Sends 'msg' (which the function takes over) on 'ofconn'. */
void ofconn_send_reply(const struct ofconn *, struct ofpbuf *msg);

/* Sends each reply of 'replies' (a multipart reply list built with
 * ofpmp_init(); taken over, the list is left empty) on 'ofconn'. */
void ofconn_send_replies(const struct ofconn *, struct ovs_list *replies);

/* Sends 'msg' on 'ofconn', counted in 'counter' (e.g. flow monitor updates,
 * whose backlog ofproto/flow-monitor.c watches). */
struct rconn_packet_counter;
void ofconn_send_counted(const struct ofconn *, struct ofpbuf *msg,
                         struct rconn_packet_counter *counter);

/* Sends an OpenFlow error reply for 'error' in reply to 'request'. */
void ofconn_send_error(struct ofconn *, const struct ofp_header *request,
                       enum ofperr error);
void ofconn_set_stop_on_error(struct ofconn *, bool enable);

/* Returns the hmap of 'ofconn''s open OpenFlow bundles, which
 * ofproto/bundles.c manages. */
struct hmap *ofconn_get_bundles(struct ofconn *);

/* Returns a string naming 'ofconn' for log messages ("br0<->unix#3"). */
const char *ofconn_get_name(const struct ofconn *);

#endif /* ofproto/connmgr.h */
