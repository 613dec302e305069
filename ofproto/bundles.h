/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_BUNDLES_H
#define OFPROTO_BUNDLES_H 1

/* OpenFlow bundles on the switch side: OFPT_BUNDLE_CONTROL and
 * OFPT_BUNDLE_ADD_MESSAGE of OpenFlow 1.4+, and the same messages as the
 * ONF extension 230 of OpenFlow 1.3 (ONFT_BUNDLE_CONTROL,
 * ONFT_BUNDLE_ADD_MESSAGE).
 *
 * Each OpenFlow connection has its own set of bundles, identified by a
 * 32-bit id chosen by the controller (see ofconn_get_bundles()).  A bundle
 * is opened by an OPEN_REQUEST or implicitly by its first added message,
 * collects flow mods, group mods, port mods and packet-outs (each checked
 * as far as possible when it is added), may be closed (no more messages),
 * and ends with a COMMIT_REQUEST, which applies its messages in order, or
 * a DISCARD_REQUEST.  The bundles of a connection are discarded when it
 * closes or reconnects, or when they expire (see below).
 *
 * A commit applies all the flow mods of a bundle in one version of the
 * flow tables: lookups, dumps and other controllers see all of them or
 * none, and if one of them fails none takes effect.  The switch then
 * sends an error for the failed message (with its OFPT_BUNDLE_ADD_MESSAGE
 * as data) and OFPBFC_MSG_FAILED for the commit.  Group mods take effect
 * in their turn and are undone too if a later message fails.  A group mod
 * that deletes groups, a port mod or a packet-out first publishes the flow
 * mods before it, which then stay (as do port mods and packet-outs) if a
 * later message fails. */

#include <stddef.h>
#include "openvswitch/ofp-errors.h"

struct hmap;
struct ofconn;
struct ofp_header;

/* Handles the bundle control message 'oh' received on 'ofconn': sends the
 * reply, or returns an error for the caller to send. */
enum ofperr ofp_bundle_handle_control(struct ofconn *ofconn,
                                      const struct ofp_header *oh);

/* Handles the bundle add message 'oh' received on 'ofconn': stores its
 * inner message in the bundle, or returns an error for the caller to
 * send. */
enum ofperr ofp_bundle_handle_add(struct ofconn *ofconn,
                                  const struct ofp_header *oh);

/* Discards every bundle in 'bundles' (a connection's, see
 * ofconn_get_bundles()), leaving it empty. */
void ofp_bundles_discard_all(struct hmap *bundles);

/* A bundle that has seen no message for the idle timeout (10 s by default,
 * the bridge's other_config:bundle-idle-timeout) expires: the switch
 * discards it and sends OFPBFC_TIMEOUT quoting the message that opened
 * it.  ofp_bundles_run() expires the bundles of 'ofconn';
 * ofp_bundles_wait() wakes the poll loop for the next expiry. */
void ofp_bundle_set_idle_timeout(unsigned int seconds);
void ofp_bundles_run(struct ofconn *ofconn);
void ofp_bundles_wait(struct ofconn *ofconn);

/* Implemented in ofproto.c. */

/* Checks the flow mod 'oh' that 'ofconn' adds to a bundle, as far as
 * possible before the commit (not the groups that its actions use, which
 * an earlier message of the bundle may add). */
enum ofperr ofproto_bundle_check_flow_mod(struct ofconn *ofconn,
                                          const struct ofp_header *oh);

/* Applies the 'n' messages 'msgs' of a committed bundle of 'ofconn' as
 * described above.  Returns 0, or the error of the message that failed,
 * whose index it stores in '*failed'. */
enum ofperr ofproto_bundle_commit(struct ofconn *ofconn,
                                  const struct ofp_header **msgs, size_t n,
                                  size_t *failed);

#endif /* ofproto/bundles.h */
