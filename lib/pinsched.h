/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef PINSCHED_H
#define PINSCHED_H 1

/* Packet-in scheduling: rate limiting of the packet-in messages a switch
 * sends to one controller (the Controller table's controller_rate_limit and
 * controller_burst_limit columns).
 *
 * With a rate limit, packets-in are admitted at up to 'rate_limit' per
 * second on average, with bursts of up to 'burst_limit'.  Packets that
 * exceed the limit are queued per input port (up to 'burst_limit' packets
 * per port, dropping the oldest beyond that) and released round-robin
 * across ports as tokens become available, so that one busy port cannot
 * starve the others.  Without a rate limit (a null pinsched), packets go
 * straight through. */

#include <stdint.h>
#include "openvswitch/list.h"
#include "openvswitch/types.h"

struct ofpbuf;
struct pinsched;

/* Creates a scheduler admitting 'rate_limit' packets per second (0 or
 * negative means 1000) with bursts of 'burst_limit' packets (0 or negative
 * means rate_limit / 4; at least 1).  'burst_limit' is also the most
 * packets queued, per port and in all. */
struct pinsched *pinsched_create(int rate_limit, int burst_limit);

/* Reports and changes the limits, with the same adjustments as
 * pinsched_create(). */
void pinsched_get_limits(const struct pinsched *,
                         int *rate_limit, int *burst_limit);
void pinsched_set_limits(struct pinsched *, int rate_limit, int burst_limit);

/* Frees 'ps' and every packet it has queued.  Accepts NULL. */
void pinsched_destroy(struct pinsched *ps);

/* Offers 'packet' (a packet-in message, ownership transferred) that
 * arrived on 'port_no'.  If it may be sent now, appends it to 'txq' (a
 * list of "struct ofpbuf" linked through 'list_node'); otherwise queues it
 * (or drops an older packet of the same port to make room).  A null 'ps'
 * always appends. */
void pinsched_send(struct pinsched *ps, ofp_port_t port_no,
                   struct ofpbuf *packet, struct ovs_list *txq);

/* Appends to 'txq' the queued packets that may be sent now. */
void pinsched_run(struct pinsched *ps, struct ovs_list *txq);

/* Arranges for poll_block() to wake when pinsched_run() has work. */
void pinsched_wait(struct pinsched *ps);

/* Counters for "ovs-appctl bridge/..." style status output. */
struct pinsched_stats {
    unsigned int n_queued;          /* Packets now queued. */
    unsigned long long n_normal;    /* Packets sent without waiting. */
    unsigned long long n_limited;   /* Packets that had to be queued. */
    unsigned long long n_queue_dropped; /* Packets dropped from queues. */
};

/* Stores 'ps''s counters in '*stats' (all zero for a null 'ps'). */
void pinsched_get_stats(const struct pinsched *ps, struct pinsched_stats *);

#endif /* pinsched.h */
