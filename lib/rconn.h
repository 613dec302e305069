/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef RCONN_H
#define RCONN_H 1

/* A reliable OpenFlow connection: a vconn that reconnects by itself.
 *
 * An rconn is in one of these states (the names rconn_get_state()
 * returns):
 *
 *   VOID        not connected and not trying (no target, or disconnected)
 *   BACKOFF     waiting before the next connection attempt
 *   CONNECTING  a connection attempt (and hello exchange) is in progress
 *   ACTIVE      connected, traffic seen recently
 *   IDLE        connected, an inactivity probe (echo request) was sent and
 *               no traffic has arrived since
 *
 * A failed attempt or a lost connection moves to BACKOFF; the backoff
 * starts at 1 second and doubles up to 'max_backoff' seconds.  When nothing
 * is received for 'probe_interval' seconds in ACTIVE, the rconn sends an
 * echo request and enters IDLE; if nothing arrives in another
 * 'probe_interval' seconds, it disconnects.
 *
 * Messages sent while disconnected are dropped.  Every queued message may
 * be counted in an rconn_packet_counter, which the owner uses to limit the
 * queue (rconn_send_with_limit()).  Monitors (e.g. "ovs-ofctl snoop") get a
 * copy of all traffic. */

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include "openvswitch/types.h"
#include "ovs-thread.h"

struct ofpbuf;
struct rconn;
struct rconn_packet_counter;
struct vconn;

/* Creates and returns a new rconn, not yet connected.  'probe_interval' is
 * the inactivity probe interval in seconds (0 disables probes, values 1 to
 * 4 become 5), 'max_backoff' the longest backoff in seconds (0 means the
 * default of 8), 'dscp' the DSCP for its packets, 'allowed_versions' the
 * OpenFlow version bitmap its vconns allow (0 for the default). */
struct rconn *rconn_create(int probe_interval, int max_backoff,
                           uint8_t dscp, uint32_t allowed_versions);
void rconn_set_dscp(struct rconn *, uint8_t dscp);
uint8_t rconn_get_dscp(const struct rconn *);
void rconn_set_max_backoff(struct rconn *, int max_backoff);
int rconn_get_max_backoff(const struct rconn *);
void rconn_set_probe_interval(struct rconn *, int inactivity_probe_interval);
int rconn_get_probe_interval(const struct rconn *);

/* Makes 'rconn' connect (and reconnect forever) to the vconn named
 * 'target'; 'name' is used in log messages (NULL means 'target'). */
void rconn_connect(struct rconn *, const char *target, const char *name);

/* Makes 'rconn' use the already-open 'vconn' (taking ownership), without
 * reconnecting when it fails ("unreliable" connection, e.g. one accepted
 * by a passive listener).  'name' is used in log messages (NULL means the
 * vconn's name). */
void rconn_connect_unreliably(struct rconn *, struct vconn *,
                              const char *name);

/* Drops the current connection, if any, and reconnects after the backoff
 * (unreliable rconns just disconnect). */
void rconn_reconnect(struct rconn *);

/* Drops the current connection and stops connecting (state VOID). */
void rconn_disconnect(struct rconn *);

/* Disconnects and frees 'rconn'.  Accepts NULL. */
void rconn_destroy(struct rconn *);

/* Does 'rconn''s background work (connecting, probes, timeouts, flushing)
 * and registers the matching waits. */
void rconn_run(struct rconn *);
void rconn_run_wait(struct rconn *);

/* Returns the next message received, owned by the caller, or NULL.  The
 * caller answers echo requests (as every OpenFlow peer must). */
struct ofpbuf *rconn_recv(struct rconn *);
void rconn_recv_wait(struct rconn *);

/* Queues 'msg' for sending, taking ownership of it in all cases.  If
 * 'counter' is nonnull, 'msg' is counted in it until it is sent or
 * dropped.  Returns 0, or ENOTCONN (and drops 'msg') if not connected. */
int rconn_send(struct rconn *, struct ofpbuf *msg,
               struct rconn_packet_counter *counter);

/* Like rconn_send(), but drops 'msg' and returns EAGAIN if 'counter'
 * already counts 'queue_limit' or more packets. */
int rconn_send_with_limit(struct rconn *, struct ofpbuf *msg,
                          struct rconn_packet_counter *counter,
                          int queue_limit);

/* Adds 'vconn' (taking ownership) as a monitor: it gets a copy of every
 * message 'rconn' sends and receives. */
void rconn_add_monitor(struct rconn *, struct vconn *);

const char *rconn_get_name(const struct rconn *);
void rconn_set_name(struct rconn *, const char *new_name);
const char *rconn_get_target(const struct rconn *);

/* True if 'rconn' is connected or trying to (not VOID). */
bool rconn_is_alive(const struct rconn *);

/* True if 'rconn' is connected (ACTIVE or IDLE). */
bool rconn_is_connected(const struct rconn *);

/* True if 'rconn' is connected and the peer has sent something other than
 * a hello/echo/error since it connected, i.e. it looks like a working
 * OpenFlow peer. */
bool rconn_is_admitted(const struct rconn *);

/* Seconds since 'rconn' was last admitted, 0 if it is admitted now. */
int rconn_failure_duration(const struct rconn *);

/* Negotiated OFPn_VERSION of the current connection, -1 if none. */
int rconn_get_version(const struct rconn *);

/* The state name: "VOID", "BACKOFF", "CONNECTING", "ACTIVE" or "IDLE". */
const char *rconn_get_state(const struct rconn *);

/* Wall-clock times of the last connection and disconnection. */
time_t rconn_get_last_connection(const struct rconn *);
time_t rconn_get_last_disconnect(const struct rconn *);

/* A number that changes each time 'rconn' connects or disconnects. */
unsigned int rconn_get_connection_seqno(const struct rconn *);

/* The error of the last failed connection (a positive errno, EOF for a
 * clean close), or 0. */
int rconn_get_last_error(const struct rconn *);

/* Number of messages waiting to be sent. */
unsigned int rconn_count_txqlen(const struct rconn *);

/* Counts the packets (and bytes) queued on rconns, for queue limits.
 * Reference-counted: each queued message holds a reference. */
struct rconn_packet_counter {
    struct ovs_mutex mutex;     /* Protects the members below. */
    unsigned int n_packets;     /* Messages queued. */
    unsigned int n_bytes;       /* Bytes in those messages. */
    int ref_cnt;                /* References, including the creator's. */
};

struct rconn_packet_counter *rconn_packet_counter_create(void);
void rconn_packet_counter_destroy(struct rconn_packet_counter *);
void rconn_packet_counter_inc(struct rconn_packet_counter *,
                              unsigned int n_bytes);
void rconn_packet_counter_dec(struct rconn_packet_counter *,
                              unsigned int n_bytes);
unsigned int rconn_packet_counter_n_packets(
    const struct rconn_packet_counter *);
unsigned int rconn_packet_counter_n_bytes(
    const struct rconn_packet_counter *);

#endif /* rconn.h */
