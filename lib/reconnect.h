/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef RECONNECT_H
#define RECONNECT_H 1

/* A finite-state machine for keeping a connection up: when to connect,
 * how long to back off after failures, when to probe an idle connection
 * and when to give up on it.  It does no I/O itself: the caller tells it
 * what happened (reconnect_connected(), reconnect_activity(), ...) and
 * asks it what to do (reconnect_run()), passing the current time in
 * milliseconds ('now', normally time_msec()) to every function, which
 * makes it easy to test with a fake clock.
 *
 * States (as reported by reconnect_get_stats()):
 *
 *   VOID        Disabled: no connection wanted.
 *   BACKOFF     Waiting before the next connection attempt.
 *   CONNECTING  Connection attempt in progress.
 *   ACTIVE      Connected, with recent traffic from the peer.
 *   IDLE        Connected, inactivity probe sent, awaiting traffic.
 *   RECONNECT   Connected, but a reconnection was asked for.
 *   LISTENING   Passive: listening for connections.
 *
 * Backoff: the first attempt is immediate; after each failure the delay
 * starts at the minimum backoff and doubles up to the maximum.  A
 * connection that stayed up at least as long as the current backoff
 * resets it to the minimum (to zero for a passive connection).
 *
 * Inactivity probes: when 'probe_interval' milliseconds pass without
 * traffic from the peer, reconnect_run() says RECONNECT_PROBE and the
 * state becomes IDLE; if another interval passes without traffic, it says
 * RECONNECT_DISCONNECT. */

#include <stdbool.h>

struct reconnect;

/* Defaults, in milliseconds. */
#define RECONNECT_DEFAULT_MIN_BACKOFF 1000
#define RECONNECT_DEFAULT_MAX_BACKOFF 8000
#define RECONNECT_DEFAULT_PROBE_INTERVAL 5000

struct reconnect *reconnect_create(long long int now);
void reconnect_destroy(struct reconnect *);

void reconnect_set_quiet(struct reconnect *, bool quiet);

const char *reconnect_get_name(const struct reconnect *);
void reconnect_set_name(struct reconnect *, const char *name);

int reconnect_get_min_backoff(const struct reconnect *);
int reconnect_get_max_backoff(const struct reconnect *);
int reconnect_get_probe_interval(const struct reconnect *);

void reconnect_set_max_tries(struct reconnect *, unsigned int max_tries);
unsigned int reconnect_get_max_tries(struct reconnect *);
void reconnect_set_backoff_free_tries(struct reconnect *,
                                      unsigned int backoff_free_tries);

void reconnect_set_backoff(struct reconnect *,
                           int min_backoff, int max_backoff);
void reconnect_set_probe_interval(struct reconnect *, int probe_interval);

bool reconnect_is_passive(const struct reconnect *);
void reconnect_set_passive(struct reconnect *, bool passive,
                           long long int now);

bool reconnect_is_enabled(const struct reconnect *);
void reconnect_enable(struct reconnect *, long long int now);
void reconnect_disable(struct reconnect *, long long int now);

void reconnect_force_reconnect(struct reconnect *, long long int now);
void reconnect_skip_backoff(struct reconnect *);

bool reconnect_is_connected(const struct reconnect *);
unsigned int reconnect_get_last_connect_elapsed(const struct reconnect *,
                                                long long int now);
unsigned int reconnect_get_last_disconnect_elapsed(const struct reconnect *,
                                                   long long int now);

/* Events. */
void reconnect_disconnected(struct reconnect *, long long int now,
                            int error);
void reconnect_connecting(struct reconnect *, long long int now);
void reconnect_listening(struct reconnect *, long long int now);
void reconnect_listen_error(struct reconnect *, long long int now,
                            int error);
void reconnect_connected(struct reconnect *, long long int now);
void reconnect_connect_failed(struct reconnect *, long long int now,
                              int error);
void reconnect_activity(struct reconnect *, long long int now);
void reconnect_receive_attempted(struct reconnect *, long long int now);

/* What the caller should do, from reconnect_run(). */
enum reconnect_action {
    RECONNECT_CONNECT = 1,      /* Start connecting (or listening). */
    RECONNECT_DISCONNECT,       /* Drop the connection. */
    RECONNECT_PROBE             /* Send an inactivity probe. */
};
enum reconnect_action reconnect_run(struct reconnect *, long long int now);
void reconnect_wait(struct reconnect *, long long int now);
int reconnect_timeout(struct reconnect *, long long int now);

/* Statistics. */
struct reconnect_stats {
    /* All times and durations in this structure are in milliseconds. */
    long long int creation_time;     /* Time reconnect_create() called. */
    long long int last_activity;     /* Last call to reconnect_activity(). */
    long long int last_connected;    /* Last call to reconnect_connected(),
                                      * LLONG_MAX if never. */
    long long int last_disconnected; /* Last call to
                                      * reconnect_disconnected(), LLONG_MAX
                                      * if never. */
    long long int last_receive_attempt; /* Last call to
                                      * reconnect_receive_attempted(). */
    int backoff;                     /* Current backoff duration. */

    unsigned int seqno;              /* Changes when the connection goes up
                                      * or down. */

    bool is_connected;               /* Currently connected? */
    unsigned int msec_since_connect; /* Time since last connect (even if
                                      * since disconnected), UINT_MAX if
                                      * never connected. */
    unsigned int msec_since_disconnect; /* Time since last disconnect,
                                      * UINT_MAX if never. */
    unsigned int total_connected_duration; /* Sum of all connections. */
    unsigned int n_attempted_connections;  /* Connection attempts. */
    unsigned int n_successful_connections; /* Successful ones. */

    const char *state;               /* Current state name, e.g.
                                      * "ACTIVE". */
    unsigned int state_elapsed;      /* Time in the current state. */
};

void reconnect_get_stats(const struct reconnect *, long long int now,
                         struct reconnect_stats *);

#endif /* reconnect.h */
