/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "reconnect.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>

#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "poll-loop.h"

VLOG_DEFINE_THIS_MODULE(reconnect);

/* States.  Each is a distinct bit so that sets of states can be tested
 * with one mask. */
#define STATES                                  \
    STATE(VOID, 1 << 0)                         \
    STATE(BACKOFF, 1 << 1)                      \
    STATE(CONNECTING, 1 << 2)                   \
    STATE(ACTIVE, 1 << 3)                       \
    STATE(IDLE, 1 << 4)                         \
    STATE(RECONNECT, 1 << 5)                    \
    STATE(LISTENING, 1 << 6)
enum state {
#define STATE(NAME, VALUE) S_##NAME = VALUE,
    STATES
#undef STATE
};

/* States in which a connection is up. */
#define S_CONNECTED (S_ACTIVE | S_IDLE)

/* Returns the name of 'state'. */
static const char *
state_name(enum state state)
{
    switch (state) {
#define STATE(NAME, VALUE) case S_##NAME: return #NAME;
        STATES
#undef STATE
    }
    return "***ERROR***";
}

/* A reconnection state machine. */
struct reconnect {
    /* Configuration. */
    char *name;                 /* Name for log messages. */
    int min_backoff;            /* Minimum backoff, in ms. */
    int max_backoff;            /* Maximum backoff, in ms. */
    int probe_interval;         /* Inactivity probe interval, 0 for none. */
    bool passive;               /* Listening rather than connecting? */
    enum vlog_level info;       /* Level for routine messages: debug if
                                 * quiet, otherwise info. */
    bool suppressed;            /* No routine messages at all (after
                                 * failures up to the maximum backoff),
                                 * until the next connection? */

    /* State. */
    enum state state;           /* Current state. */
    long long int state_entered; /* When 'state' was entered. */
    int backoff;                /* Current backoff, in ms. */
    long long int last_activity; /* Last traffic from the peer. */
    long long int last_connected; /* Last connection, or LLONG_MAX. */
    long long int last_disconnected; /* Last disconnection, or
                                      * LLONG_MAX. */
    long long int last_receive_attempt; /* Last receive attempt, or
                                         * LLONG_MAX if the user never
                                         * reports them. */
    unsigned int max_tries;     /* Attempts left; UINT_MAX for no limit. */
    unsigned int backoff_free_tries; /* Attempts left without backoff. */

    /* Statistics. */
    long long int creation_time; /* When created. */
    unsigned int n_attempted_connections; /* Connection attempts. */
    unsigned int n_successful_connections; /* Successful ones. */
    unsigned int total_connected_duration; /* Time connected, in ms,
                                            * excluding the current
                                            * connection. */
    unsigned int seqno;         /* Bumped when connected-ness changes. */
};

static void reconnect_transition(struct reconnect *, long long int now,
                                 enum state);
static long long int reconnect_deadline(const struct reconnect *,
                                        long long int now);
static bool reconnect_may_retry(struct reconnect *);

/* Returns true if 'state' has a connection up. */
static bool
is_connected_state(enum state state)
{
    return (state & S_CONNECTED) != 0;
}

/* Creates and returns a new state machine, disabled (VOID), with default
 * backoff and probe settings.  'now' is the current time in ms. */
struct reconnect *
reconnect_create(long long int now)
{
    struct reconnect *fsm = xzalloc(sizeof *fsm);

    fsm->name = xstrdup("void");
    fsm->min_backoff = RECONNECT_DEFAULT_MIN_BACKOFF;
    fsm->max_backoff = RECONNECT_DEFAULT_MAX_BACKOFF;
    fsm->probe_interval = RECONNECT_DEFAULT_PROBE_INTERVAL;
    fsm->passive = false;
    fsm->info = VLL_INFO;
    fsm->suppressed = false;

    fsm->state = S_VOID;
    fsm->state_entered = now;
    fsm->backoff = 0;
    fsm->last_activity = now;
    fsm->last_connected = LLONG_MAX;
    fsm->last_disconnected = LLONG_MAX;
    fsm->last_receive_attempt = LLONG_MAX;
    fsm->max_tries = UINT_MAX;
    fsm->backoff_free_tries = 0;
    fsm->creation_time = now;
    return fsm;
}

/* Frees 'fsm', which may be NULL. */
void
reconnect_destroy(struct reconnect *fsm)
{
    if (fsm) {
        free(fsm->name);
        free(fsm);
    }
}

/* With 'quiet', logs routine events (connecting, connected, closed by the
 * peer, backoff) only at debug level, for as long as 'fsm' lives;
 * otherwise at info level.  Errors are logged as warnings either way. */
void
reconnect_set_quiet(struct reconnect *fsm, bool quiet)
{
    fsm->info = quiet ? VLL_DBG : VLL_INFO;
}

/* Returns the name used in 'fsm''s log messages. */
const char *
reconnect_get_name(const struct reconnect *fsm)
{
    return fsm->name;
}

/* Sets the name used in 'fsm''s log messages to a copy of 'name' ("void"
 * if NULL). */
void
reconnect_set_name(struct reconnect *fsm, const char *name)
{
    free(fsm->name);
    fsm->name = xstrdup(name ? name : "void");
}

/* Returns the minimum backoff, in ms. */
int
reconnect_get_min_backoff(const struct reconnect *fsm)
{
    return fsm->min_backoff;
}

/* Returns the maximum backoff, in ms. */
int
reconnect_get_max_backoff(const struct reconnect *fsm)
{
    return fsm->max_backoff;
}

/* Returns the inactivity probe interval in ms (0: no probes). */
int
reconnect_get_probe_interval(const struct reconnect *fsm)
{
    return fsm->probe_interval;
}

/* Limits the connection attempts that 'fsm' will make to 'max_tries'
 * more (UINT_MAX: no limit).  When none are left, a failure or
 * disconnection makes 'fsm' VOID instead of BACKOFF. */
void
reconnect_set_max_tries(struct reconnect *fsm, unsigned int max_tries)
{
    fsm->max_tries = max_tries;
}

/* Returns the number of connection attempts left (UINT_MAX: no limit). */
unsigned int
reconnect_get_max_tries(struct reconnect *fsm)
{
    return fsm->max_tries;
}

/* Lets the next 'backoff_free_tries' - 1 reconnections happen without
 * backoff (useful when cycling through several remotes, so that each is
 * tried once before backing off). */
void
reconnect_set_backoff_free_tries(struct reconnect *fsm,
                                 unsigned int backoff_free_tries)
{
    fsm->backoff_free_tries = backoff_free_tries;
}

/* Sets the backoff range, in ms.  Each is at least 1000; a zero
 * 'max_backoff' means the default; 'max_backoff' is raised to at least
 * 'min_backoff'. */
void
reconnect_set_backoff(struct reconnect *fsm, int min_backoff,
                      int max_backoff)
{
    fsm->min_backoff = MAX(min_backoff, 1000);
    fsm->max_backoff = (max_backoff
                        ? MAX(max_backoff, 1000)
                        : RECONNECT_DEFAULT_MAX_BACKOFF);
    if (fsm->min_backoff > fsm->max_backoff) {
        fsm->max_backoff = fsm->min_backoff;
    }

    if (fsm->state == S_BACKOFF && fsm->backoff > fsm->max_backoff) {
        fsm->backoff = fsm->max_backoff;
    }
}

/* Sets the inactivity probe interval to 'probe_interval' ms, at least
 * 1000; 0 disables probing. */
void
reconnect_set_probe_interval(struct reconnect *fsm, int probe_interval)
{
    fsm->probe_interval = probe_interval ? MAX(1000, probe_interval) : 0;
}

/* Returns true if 'fsm' is passive (listens rather than connects). */
bool
reconnect_is_passive(const struct reconnect *fsm)
{
    return fsm->passive;
}

/* Makes 'fsm' passive (it listens for connections, and a dropped
 * connection means listening again at once) or active.  Switching
 * restarts a connection attempt or listen in progress. */
void
reconnect_set_passive(struct reconnect *fsm, bool passive, long long int now)
{
    if (fsm->passive != passive) {
        fsm->passive = passive;

        if (passive
            ? fsm->state & (S_CONNECTING | S_RECONNECT)
            : fsm->state == S_LISTENING && reconnect_may_retry(fsm)) {
            reconnect_transition(fsm, now, S_BACKOFF);
            fsm->backoff = 0;
        }
    }
}

/* Returns true if 'fsm' wants a connection (is not VOID). */
bool
reconnect_is_enabled(const struct reconnect *fsm)
{
    return fsm->state != S_VOID;
}

/* Enables 'fsm': if it was VOID, the next reconnect_run() says
 * RECONNECT_CONNECT (if attempts are left). */
void
reconnect_enable(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_VOID && reconnect_may_retry(fsm)) {
        reconnect_transition(fsm, now, S_BACKOFF);
        fsm->backoff = 0;
    }
}

/* Disables 'fsm': reconnect_run() will ask for nothing more.  The caller
 * should drop any connection itself. */
void
reconnect_disable(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_VOID) {
        reconnect_transition(fsm, now, S_VOID);
    }
}

/* If 'fsm' is connected or connecting, makes the next reconnect_run() say
 * RECONNECT_DISCONNECT, after which the usual backoff applies. */
void
reconnect_force_reconnect(struct reconnect *fsm, long long int now)
{
    if (fsm->state & (S_CONNECTING | S_ACTIVE | S_IDLE)) {
        reconnect_transition(fsm, now, S_RECONNECT);
    }
}

/* If 'fsm' is in BACKOFF, cuts the wait short: the next reconnect_run()
 * says RECONNECT_CONNECT. */
void
reconnect_skip_backoff(struct reconnect *fsm)
{
    if (fsm->state == S_BACKOFF) {
        fsm->backoff = 0;
    }
}

/* Returns true if 'fsm' has a connection up (ACTIVE or IDLE). */
bool
reconnect_is_connected(const struct reconnect *fsm)
{
    return is_connected_state(fsm->state);
}

/* Returns the ms since the last connection came up (whether or not it is
 * still up), or UINT_MAX if there has been none. */
unsigned int
reconnect_get_last_connect_elapsed(const struct reconnect *fsm,
                                   long long int now)
{
    return (fsm->last_connected == LLONG_MAX
            ? UINT_MAX
            : now - fsm->last_connected);
}

/* Returns the ms since the last disconnection, or UINT_MAX if there has
 * been none. */
unsigned int
reconnect_get_last_disconnect_elapsed(const struct reconnect *fsm,
                                      long long int now)
{
    return (fsm->last_disconnected == LLONG_MAX
            ? UINT_MAX
            : now - fsm->last_disconnected);
}

/* Logs 'format' at the level of 'fsm''s routine messages, unless they are
 * suppressed. */
static void OVS_PRINTF_FORMAT(2, 3)
reconnect_info(const struct reconnect *fsm, const char *format, ...)
{
    if (!fsm->suppressed && vlog_is_enabled(THIS_MODULE, fsm->info)) {
        va_list args;

        va_start(args, format);
        vlog_valist(THIS_MODULE, fsm->info, format, args);
        va_end(args);
    }
}

/* Tells 'fsm' that the connection dropped or a connection attempt failed,
 * with 'error' (a positive errno value, EOF for a connection closed by the
 * peer, or 0 for a connection closed by us).  'fsm' backs off, then asks
 * to connect again (or becomes VOID if no attempts are left). */
void
reconnect_disconnected(struct reconnect *fsm, long long int now, int error)
{
    if (fsm->state & (S_BACKOFF | S_VOID)) {
        return;
    }

    /* Report what happened. */
    if (fsm->state & S_CONNECTED) {
        if (error > 0) {
            VLOG_WARN("%s: connection dropped (%s)",
                      fsm->name, ovs_strerror(error));
        } else if (error == EOF) {
            reconnect_info(fsm, "%s: connection closed by peer", fsm->name);
        } else {
            reconnect_info(fsm, "%s: connection closed", fsm->name);
        }
    } else if (fsm->state == S_LISTENING) {
        if (error > 0) {
            VLOG_WARN("%s: error listening for connections (%s)",
                      fsm->name, ovs_strerror(error));
        } else {
            reconnect_info(fsm, "%s: error listening for connections",
                           fsm->name);
        }
    } else {
        /* CONNECTING, or RECONNECT (a forced reconnection, which upstream
         * reports as a connection attempt that timed out). */
        const char *type = fsm->passive ? "listen" : "connection";
        if (error > 0) {
            reconnect_info(fsm, "%s: %s attempt failed (%s)",
                           fsm->name, type, ovs_strerror(error));
        } else {
            reconnect_info(fsm, "%s: %s attempt timed out",
                           fsm->name, type);
        }
    }

    if (fsm->state & S_CONNECTED) {
        fsm->last_disconnected = now;
    }

    /* Choose the next backoff. */
    if (fsm->backoff_free_tries > 1) {
        fsm->backoff_free_tries--;
        fsm->backoff = 0;
    } else if (fsm->state & S_CONNECTED
               && (fsm->last_activity - fsm->last_connected >= fsm->backoff
                   || fsm->passive)) {
        /* The connection lasted long enough: start over. */
        fsm->backoff = fsm->passive ? 0 : fsm->min_backoff;
    } else if (fsm->backoff < fsm->min_backoff) {
        /* The first failure in a row: wait the minimum, without a word
         * (as upstream). */
        fsm->backoff = fsm->min_backoff;
    } else {
        if (fsm->backoff < fsm->max_backoff / 2) {
            fsm->backoff *= 2;
        } else if (fsm->backoff < fsm->max_backoff) {
            fsm->backoff = fsm->max_backoff;
        }

        if (fsm->backoff >= fsm->max_backoff) {
            reconnect_info(fsm, "%s: continuing to %s in the background but "
                           "suppressing further logging", fsm->name,
                           fsm->passive ? "try to listen" : "reconnect");
            fsm->suppressed = true;
        } else {
            reconnect_info(fsm, "%s: waiting %.3g seconds before %s",
                           fsm->name, fsm->backoff / 1000.0,
                           fsm->passive ? "trying to listen again"
                           : "reconnect");
        }
    }

    reconnect_transition(fsm, now, (reconnect_may_retry(fsm)
                                    ? S_BACKOFF : S_VOID));
}

/* Tells 'fsm' that a connection attempt (or, if passive, an attempt to
 * listen) has started. */
void
reconnect_connecting(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_CONNECTING) {
        reconnect_info(fsm, "%s: %s...", fsm->name,
                       fsm->passive ? "listening" : "connecting");
        reconnect_transition(fsm, now, S_CONNECTING);
    }
}

/* Tells passive 'fsm' that it is listening for connections. */
void
reconnect_listening(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_LISTENING) {
        reconnect_info(fsm, "%s: listening...", fsm->name);
        reconnect_transition(fsm, now, S_LISTENING);
    }
}

/* Tells passive 'fsm' that listening failed with 'error' (a positive
 * errno value): it backs off and then asks to listen again. */
void
reconnect_listen_error(struct reconnect *fsm, long long int now, int error)
{
    if (fsm->state == S_LISTENING) {
        reconnect_disconnected(fsm, now, error);
    }
}

/* Tells 'fsm' that the connection is up.  A passive 'fsm' uses this when
 * it accepts a connection. */
void
reconnect_connected(struct reconnect *fsm, long long int now)
{
    if (!is_connected_state(fsm->state)) {
        reconnect_connecting(fsm, now);

        /* A connection ends the suppression of routine messages. */
        fsm->suppressed = false;
        reconnect_info(fsm, "%s: connected", fsm->name);
        reconnect_transition(fsm, now, S_ACTIVE);
        fsm->last_connected = now;
    }
}

/* Tells 'fsm' that a connection attempt failed with 'error' (a positive
 * errno value). */
void
reconnect_connect_failed(struct reconnect *fsm, long long int now,
                         int error)
{
    reconnect_connecting(fsm, now);
    reconnect_disconnected(fsm, now, error);
}

/* Tells 'fsm' that traffic arrived from the peer, which resets the
 * inactivity timer (and turns IDLE back into ACTIVE). */
void
reconnect_activity(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_IDLE) {
        reconnect_transition(fsm, now, S_ACTIVE);
    }
    fsm->last_activity = now;
}

/* Tells 'fsm' that the caller tried to receive from the connection.  A
 * caller that reports receive attempts is never declared idle just
 * because it was too busy to read: the inactivity timer only fires once a
 * receive was attempted after it expired. */
void
reconnect_receive_attempted(struct reconnect *fsm, long long int now)
{
    fsm->last_receive_attempt = now;
}

/* Moves 'fsm' to 'state' at time 'now', updating the statistics. */
static void
reconnect_transition(struct reconnect *fsm, long long int now,
                     enum state state)
{
    if (state == S_CONNECTING) {
        fsm->n_attempted_connections++;
    } else if (state == S_ACTIVE && !is_connected_state(fsm->state)) {
        fsm->n_successful_connections++;
    }

    if (is_connected_state(fsm->state) != is_connected_state(state)) {
        if (is_connected_state(fsm->state)) {
            fsm->total_connected_duration += now - fsm->last_connected;
        }
        fsm->seqno++;
    }

    VLOG_DBG("%s: entering %s", fsm->name, state_name(state));
    fsm->state = state;
    fsm->state_entered = now;
}

/* Returns the time at which the inactivity timer of connected 'fsm'
 * fires, given that it was last reset at 'base'. */
static long long int
reconnect_probe_deadline(const struct reconnect *fsm, long long int base,
                         long long int now)
{
    long long int expiration = base + fsm->probe_interval;

    if (now < expiration || fsm->last_receive_attempt >= expiration) {
        return expiration;
    }
    /* Expired, but we have not looked for traffic since: look first. */
    return now + 1;
}

/* Returns the time at which 'fsm' will next have something to say from
 * reconnect_run(), or LLONG_MAX if nothing is scheduled. */
static long long int
reconnect_deadline(const struct reconnect *fsm, long long int now)
{
    switch (fsm->state) {
    case S_VOID:
    case S_LISTENING:
        return LLONG_MAX;

    case S_BACKOFF:
        return fsm->state_entered + fsm->backoff;

    case S_CONNECTING:
        return fsm->state_entered + MAX(1000, fsm->backoff);

    case S_ACTIVE:
        if (fsm->probe_interval) {
            long long int base = MAX(fsm->last_activity,
                                     fsm->state_entered);
            return reconnect_probe_deadline(fsm, base, now);
        }
        return LLONG_MAX;

    case S_IDLE:
        if (fsm->probe_interval) {
            return reconnect_probe_deadline(fsm, fsm->state_entered, now);
        }
        return LLONG_MAX;

    case S_RECONNECT:
        return fsm->state_entered;
    }
    OVS_NOT_REACHED();
}

/* Returns what the caller should do now, if anything (0 if nothing):
 *
 *   RECONNECT_CONNECT: start a connection attempt (or listen), then call
 *   reconnect_connecting(), reconnect_connected() or
 *   reconnect_connect_failed() (for passive: reconnect_listening() or
 *   reconnect_listen_error()).
 *
 *   RECONNECT_DISCONNECT: drop the connection (or abandon the attempt) and
 *   call reconnect_disconnected().
 *
 *   RECONNECT_PROBE: send something that the peer must answer (e.g. a
 *   JSON-RPC "echo" request).  'fsm' is now IDLE. */
enum reconnect_action
reconnect_run(struct reconnect *fsm, long long int now)
{
    if (now < reconnect_deadline(fsm, now)) {
        return 0;
    }

    switch (fsm->state) {
    case S_VOID:
    case S_LISTENING:
        return 0;

    case S_BACKOFF:
        return RECONNECT_CONNECT;

    case S_CONNECTING:
        return RECONNECT_DISCONNECT;

    case S_ACTIVE:
        VLOG_DBG("%s: idle %lld ms, sending inactivity probe", fsm->name,
                 now - MAX(fsm->last_activity, fsm->state_entered));
        reconnect_transition(fsm, now, S_IDLE);
        return RECONNECT_PROBE;

    case S_IDLE:
        VLOG_ERR("%s: no response to inactivity probe after %.3g "
                 "seconds, disconnecting",
                 fsm->name, (now - fsm->state_entered) / 1000.0);
        return RECONNECT_DISCONNECT;

    case S_RECONNECT:
        return RECONNECT_DISCONNECT;
    }
    OVS_NOT_REACHED();
}

/* Makes poll_block() wake when reconnect_run() will have something to
 * say. */
void
reconnect_wait(struct reconnect *fsm, long long int now)
{
    int timeout = reconnect_timeout(fsm, now);

    if (timeout >= 0) {
        poll_timer_wait(timeout);
    }
}

/* Returns the ms until reconnect_run() will have something to say, or -1
 * if nothing is scheduled. */
int
reconnect_timeout(struct reconnect *fsm, long long int now)
{
    long long int deadline = reconnect_deadline(fsm, now);

    if (deadline == LLONG_MAX) {
        return -1;
    } else {
        long long int remaining = MAX(0, deadline - now);
        return MIN(remaining, INT_MAX);
    }
}

/* Decides whether 'fsm' may make another connection attempt, using one of
 * its remaining tries.  Logs when the last try is gone. */
static bool
reconnect_may_retry(struct reconnect *fsm)
{
    bool may_retry = fsm->max_tries > 0;

    if (may_retry && fsm->max_tries != UINT_MAX) {
        fsm->max_tries--;
    }
    return may_retry;
}

/* Fills in 'stats' for 'fsm' as of 'now'. */
void
reconnect_get_stats(const struct reconnect *fsm, long long int now,
                    struct reconnect_stats *stats)
{
    stats->creation_time = fsm->creation_time;
    stats->last_activity = fsm->last_activity;
    stats->last_connected = fsm->last_connected;
    stats->last_disconnected = fsm->last_disconnected;
    stats->last_receive_attempt = fsm->last_receive_attempt;
    stats->backoff = fsm->backoff;
    stats->seqno = fsm->seqno;
    stats->is_connected = reconnect_is_connected(fsm);
    stats->msec_since_connect = reconnect_get_last_connect_elapsed(fsm, now);
    stats->msec_since_disconnect
        = reconnect_get_last_disconnect_elapsed(fsm, now);
    stats->total_connected_duration = fsm->total_connected_duration
        + (is_connected_state(fsm->state) ? now - fsm->last_connected : 0);
    stats->n_attempted_connections = fsm->n_attempted_connections;
    stats->n_successful_connections = fsm->n_successful_connections;
    stats->state = state_name(fsm->state);
    stats->state_elapsed = now - fsm->state_entered;
}
