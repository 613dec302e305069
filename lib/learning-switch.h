/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef LEARNING_SWITCH_H
#define LEARNING_SWITCH_H 1

/* A simple OpenFlow controller for one switch connection: a learning
 * switch (as in ovs-testcontroller).
 *
 * On connection it sends a features request and the configured default
 * flows.  For every packet-in it learns that the packet's source MAC lives
 * on its input port; if the destination MAC has been learned it sends the
 * packet there and (unless flows are disabled) installs a flow that does
 * the same for later packets, expiring after 'max_idle' seconds of
 * inactivity; otherwise it floods the packet.  It answers echo requests and
 * works with OpenFlow 1.0 and 1.3 switches. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openvswitch/ofp-protocol.h"

struct ofputil_flow_mod;
struct rconn;
struct simap;

/* How the switch forwards. */
enum lswitch_mode {
    LSW_NORMAL,                 /* Install one flow with action NORMAL. */
    LSW_FLOOD,                  /* Flood every packet ("hub"). */
    LSW_LEARN                   /* Learn MAC addresses (the default). */
};

/* Configuration of a learning switch. */
struct lswitch_config {
    enum lswitch_mode mode;     /* How to forward. */

    /* 0 for exact-match flows, an OFPFW10_* bitmap of the fields to
     * wildcard, or UINT32_MAX to wildcard everything except in_port and
     * the Ethernet destination (the default). */
    uint32_t wildcards;

    /* Negative: no flows, every packet goes to the controller.
     * OFP_FLOW_PERMANENT (0): permanent flows.  Positive: flows expire
     * after 'max_idle' seconds without traffic. */
    int max_idle;

    /* Flow mods to send at connection time (not owned). */
    const struct ofputil_flow_mod *default_flows;
    size_t n_default_flows;     /* Number of 'default_flows'. */

    /* Protocols the default flows may be sent in. */
    enum ofputil_protocol usable_protocols;

    /* Queue for output actions, or UINT32_MAX for none. */
    uint32_t default_queue;

    /* Maps port names to queue ids (may be null; not owned). */
    const struct simap *port_queues;

    /* If true, never answer the switch (for testing fail-open). */
    bool mute;
};

/* Creates a learning switch on 'rconn', taking ownership of it (the switch
 * runs it, and lswitch_destroy() destroys it), with configuration 'cfg'
 * (copied, except the pointed-to default flows and port queues, which must
 * outlive the switch). */
struct lswitch *lswitch_create(struct rconn *, const struct lswitch_config *);

/* True while the connection is alive. */
bool lswitch_is_alive(const struct lswitch *);

/* Sets the queue for output actions ("NAME" or a number as text). */
void lswitch_set_queue(struct lswitch *sw, const char *queue);

/* Runs the connection and processes messages from the switch; registers
 * what lswitch_run() waits for. */
void lswitch_run(struct lswitch *);
void lswitch_wait(struct lswitch *);

/* Frees 'sw'.  Accepts NULL. */
void lswitch_destroy(struct lswitch *);

/* Stops answering the switch. */
void lswitch_mute(struct lswitch *);

#endif /* learning-switch.h */
