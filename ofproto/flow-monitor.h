/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_FLOW_MONITOR_H
#define OFPROTO_FLOW_MONITOR_H 1

/* Flow monitors: the switch's side of NXST_FLOW_MONITOR (OpenFlow 1.0 to
 * 1.2) and OFPMP_FLOW_MONITOR (OpenFlow 1.4+).
 *
 * A connection asks, with a flow monitor request, to be told about the
 * flows that match some criteria (a match, a table, an output port): the
 * switch answers with the flows that match now (if the request has the
 * "initial" flag), then sends an unsolicited flow update (xid 0) whenever
 * a matching flow is added, modified or deleted, whatever did it: another
 * connection's flow mod, the connection's own (abbreviated to the xid of
 * its flow mod unless the request has the "own" flag), the learn action, a
 * timeout.  NXT_FLOW_MONITOR_CANCEL removes a monitor; monitors also end
 * with their connection.  When a connection does not read its updates,
 * they pause (NXT_FLOW_MONITOR_PAUSED) and resume when it catches up.
 *
 * Everything here runs on the main thread, with ofproto_mutex held where
 * the flow tables change. */

#include <stdint.h>
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-monitor.h"
#include "openvswitch/types.h"

struct connmgr;
struct ofconn;
struct ofp_header;
struct rule;
struct rule_actions;

/* Handles the flow monitor request 'oh' received on 'ofconn': adds its
 * monitors (OpenFlow 1.4: also modifies or deletes them) and sends the
 * reply with the initial flows.  On an error, no monitor changes, and the
 * error goes to 'ofconn' as upstream's switch sends it (xid 0, without
 * the request).  Returns 0. */
enum ofperr ofmonitor_handle_request(struct ofconn *ofconn,
                                     const struct ofp_header *oh);

/* Handles the flow monitor cancel 'oh' received on 'ofconn'.  Returns 0 or
 * an OFPERR_* value. */
enum ofperr ofmonitor_handle_cancel(struct ofconn *ofconn,
                                    const struct ofp_header *oh);

/* Removes every monitor of 'ofconn' (which is closing or reconnecting). */
void ofmonitor_destroy_ofconn(struct ofconn *ofconn);

/* Says that the flow table changes until ofmonitor_clear_origin() are the
 * doing of the message with 'xid' received on 'ofconn'. */
void ofmonitor_set_origin(const struct ofconn *ofconn, ovs_be32 xid);
void ofmonitor_clear_origin(void);

/* Reports the change 'event' (NXFME_ADDED, NXFME_DELETED or NXFME_MODIFIED)
 * of 'rule' of a switch whose connection manager is 'mgr', with 'reason'
 * (OFPRR_*) for a deletion.  When 'rule' replaces a rule, 'old_rule' is
 * that rule, else NULL: a modification that changes neither the actions
 * nor the cookie is not reported (as upstream), and a monitor with an
 * output port also reports a flow that used to output there.  The updates
 * wait in per-connection queues until ofmonitor_flush(). */
void ofmonitor_report(struct connmgr *mgr, const struct rule *rule,
                      enum nx_flow_update_event event, uint8_t reason,
                      const struct rule *old_rule);

/* Sends the queued updates of the connections of 'mgr'; pauses the updates
 * of a connection whose queue backs up. */
void ofmonitor_flush(struct connmgr *mgr);

/* Resumes the paused updates of the connections of 'mgr' whose queues have
 * drained (connmgr_run() calls it). */
void ofmonitor_run(struct connmgr *mgr);

/* Returns true if some connection of 'mgr' has a flow monitor. */
bool ofmonitor_has_monitors(const struct connmgr *mgr);

#endif /* ofproto/flow-monitor.h */
