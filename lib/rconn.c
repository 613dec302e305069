/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "rconn.h"
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "openflow/openflow-common.h"
#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"
#include "poll-loop.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(rconn);

/* The states of an rconn (see rconn.h). */
#define RCONN_STATES                            \
    RCONN_STATE(VOID)                           \
    RCONN_STATE(BACKOFF)                        \
    RCONN_STATE(CONNECTING)                     \
    RCONN_STATE(ACTIVE)                         \
    RCONN_STATE(IDLE)

enum rconn_state {
#define RCONN_STATE(NAME) S_##NAME,
    RCONN_STATES
#undef RCONN_STATE
};

/* The longest allowed number of monitors. */
#define RCONN_MAX_MONITORS 8

/* One message waiting in an rconn's send queue. */
struct rconn_msg {
    struct ovs_list node;       /* In struct rconn's 'txq'. */
    struct ofpbuf *msg;         /* The message. */
    struct rconn_packet_counter *counter; /* Counts 'msg', or NULL. */
    unsigned int n_bytes;       /* 'msg''s size when queued. */
};

/* A reliable connection. */
struct rconn {
    enum rconn_state state;     /* Current state. */
    long long int state_entered; /* time_msec() when 'state' began. */

    struct vconn *vconn;        /* Current connection, or NULL. */
    char *name;                 /* Name for log messages. */
    char *target;               /* vconn name to connect to, or NULL. */
    bool reliable;              /* Reconnect when the connection fails? */

    struct ovs_list txq;        /* Queued "struct rconn_msg"s. */

    int backoff;                /* Current backoff, in seconds. */
    int max_backoff;            /* Longest backoff, in seconds. */
    long long int backoff_deadline; /* A connection that lives past this
                                     * (msec) resets the backoff; set when
                                     * a connection succeeds. */
    long long int last_activity; /* Last time (msec) we received. */
    long long int last_connected; /* When we last connected (msec). */
    long long int last_admitted; /* When the peer last proved itself. */
    long long int creation_time; /* When the rconn was created (msec). */
    time_t last_connection_wall; /* Wall clock of the last connection. */
    time_t last_disconnect_wall; /* Wall clock of the last disconnect. */
    unsigned int seqno;         /* Changes on connect and disconnect. */
    int last_error;             /* Error of the last failure, or 0. */
    int probe_interval;         /* Inactivity probe interval, seconds. */

    uint32_t allowed_versions;  /* OpenFlow versions to allow. */
    uint8_t dscp;               /* DSCP for the connections. */

    struct vconn *monitors[RCONN_MAX_MONITORS]; /* Copies of traffic. */
    size_t n_monitors;          /* Number of 'monitors'. */
};

static void rconn_disconnect__(struct rconn *, int error);
static void rconn_copy_to_monitors(struct rconn *, const struct ofpbuf *);

static const char *
rconn_state_name(enum rconn_state state)
{
    switch (state) {
#define RCONN_STATE(NAME) case S_##NAME: return #NAME;
        RCONN_STATES
#undef RCONN_STATE
    }
    return "***ERROR***";
}

static void
rconn_set_state(struct rconn *rc, enum rconn_state state)
{
    if (state != rc->state) {
        VLOG_DBG("%s: entering %s", rc->name, rconn_state_name(state));
    }
    rc->state = state;
    rc->state_entered = time_msec();
}

struct rconn *
rconn_create(int probe_interval, int max_backoff, uint8_t dscp,
             uint32_t allowed_versions)
{
    struct rconn *rc = xzalloc(sizeof *rc);

    rc->state = S_VOID;
    rc->state_entered = time_msec();
    rc->name = xstrdup("void");
    ovs_list_init(&rc->txq);
    rc->backoff = 0;
    rc->creation_time = time_msec();
    rc->last_activity = rc->last_connected = rc->last_admitted = LLONG_MIN;
    rc->allowed_versions = allowed_versions;
    rc->dscp = dscp;
    rconn_set_max_backoff(rc, max_backoff);
    rconn_set_probe_interval(rc, probe_interval);
    return rc;
}

void
rconn_set_dscp(struct rconn *rc, uint8_t dscp)
{
    rc->dscp = dscp;
}

uint8_t
rconn_get_dscp(const struct rconn *rc)
{
    return rc->dscp;
}

void
rconn_set_max_backoff(struct rconn *rc, int max_backoff)
{
    rc->max_backoff = max_backoff > 0 ? max_backoff : 8;
    if (rc->state == S_BACKOFF && rc->backoff > rc->max_backoff) {
        rc->backoff = rc->max_backoff;
    }
}

int
rconn_get_max_backoff(const struct rconn *rc)
{
    return rc->max_backoff;
}

void
rconn_set_probe_interval(struct rconn *rc, int probe_interval)
{
    rc->probe_interval = probe_interval > 0 ? MAX(5, probe_interval) : 0;
}

int
rconn_get_probe_interval(const struct rconn *rc)
{
    return rc->probe_interval;
}

/* Starts a connection attempt to 'rc''s target. */
static void
rconn_reconnect__(struct rconn *rc)
{
    int error;

    VLOG_INFO("%s: connecting...", rc->name);
    error = vconn_open(rc->target, rc->allowed_versions, rc->dscp,
                       &rc->vconn);
    if (!error) {
        rconn_set_state(rc, S_CONNECTING);
    } else {
        VLOG_WARN("%s: connection failed (%s)", rc->name,
                  ovs_retval_to_string(error));
        rc->last_error = error;
        rconn_disconnect__(rc, 0);
    }
}

void
rconn_connect(struct rconn *rc, const char *target, const char *name)
{
    rconn_disconnect(rc);
    free(rc->target);
    rc->target = xstrdup(target);
    rconn_set_name(rc, name ? name : target);
    rc->reliable = true;
    rc->backoff = 0;
    rc->backoff_deadline = LLONG_MIN;
    rconn_reconnect__(rc);
}

void
rconn_connect_unreliably(struct rconn *rc, struct vconn *vconn,
                         const char *name)
{
    rconn_disconnect(rc);
    free(rc->target);
    rc->target = xstrdup(vconn_get_name(vconn));
    rconn_set_name(rc, name ? name : vconn_get_name(vconn));
    rc->reliable = false;
    rc->vconn = vconn;
    rconn_set_state(rc, S_CONNECTING);
}

void
rconn_reconnect(struct rconn *rc)
{
    if (rc->state == S_ACTIVE || rc->state == S_IDLE) {
        VLOG_INFO("%s: disconnecting", rc->name);
        rconn_disconnect__(rc, 0);
    }
}

/* Drops all queued messages. */
static void
rconn_flush_txq(struct rconn *rc)
{
    struct rconn_msg *m;

    LIST_FOR_EACH_POP (m, node, &rc->txq) {
        if (m->counter) {
            rconn_packet_counter_dec(m->counter, m->n_bytes);
        }
        ofpbuf_delete(m->msg);
        free(m);
    }
}

void
rconn_disconnect(struct rconn *rc)
{
    if (rc->state != S_VOID) {
        if (rc->vconn) {
            vconn_close(rc->vconn);
            rc->vconn = NULL;
        }
        rconn_flush_txq(rc);
        rconn_set_name(rc, "void");
        rc->reliable = false;
        rc->backoff = 0;
        rc->backoff_deadline = LLONG_MIN;
        rc->seqno++;
        rconn_set_state(rc, S_VOID);
    }
}

void
rconn_destroy(struct rconn *rc)
{
    if (rc) {
        vconn_close(rc->vconn);
        rconn_flush_txq(rc);
        for (size_t i = 0; i < rc->n_monitors; i++) {
            vconn_close(rc->monitors[i]);
        }
        free(rc->name);
        free(rc->target);
        free(rc);
    }
}

/* Closes the current connection, if any, after failure 'error' (0 if the
 * caller already reported it) and goes to BACKOFF (reliable rconns) or
 * VOID. */
static void
rconn_disconnect__(struct rconn *rc, int error)
{
    long long int now = time_msec();

    if (error) {
        rc->last_error = error;
    }
    if (rc->vconn) {
        vconn_close(rc->vconn);
        rc->vconn = NULL;
    }
    bool was_connected = rc->state == S_ACTIVE || rc->state == S_IDLE;
    if (was_connected) {
        rc->last_disconnect_wall = time_wall();
        rc->seqno++;
    }
    rconn_flush_txq(rc);

    if (rc->reliable) {
        /* A connection that lasted longer than the backoff resets it;
         * otherwise it doubles, up to the maximum. */
        if (was_connected && now >= rc->backoff_deadline) {
            rc->backoff = 1;
        } else if (rc->backoff < rc->max_backoff / 2) {
            rc->backoff = MAX(1, 2 * rc->backoff);
        } else {
            rc->backoff = rc->max_backoff;
        }
        if (rc->backoff > rc->max_backoff) {
            rc->backoff = rc->max_backoff;
        }
        VLOG_INFO("%s: waiting %d seconds before reconnect", rc->name,
                  rc->backoff);
        rconn_set_state(rc, S_BACKOFF);
    } else {
        rconn_set_state(rc, S_VOID);
    }
}

/* Reports a failed connection (EOF meaning a clean close) and
 * disconnects. */
static void
rconn_report_failure(struct rconn *rc, int error)
{
    if (error == EOF) {
        VLOG_INFO("%s: connection closed by peer", rc->name);
    } else {
        VLOG_WARN("%s: connection dropped (%s)", rc->name,
                  ovs_retval_to_string(error));
    }
    rconn_disconnect__(rc, error);
}

/* Returns the time (msec) at which 'rc''s current state times out, or
 * LLONG_MAX if it does not. */
static long long int
rconn_timeout(const struct rconn *rc)
{
    switch (rc->state) {
    case S_VOID:
        return LLONG_MAX;
    case S_BACKOFF:
        return rc->state_entered + rc->backoff * 1000LL;
    case S_CONNECTING:
        return rc->state_entered + MAX(1, rc->backoff) * 1000LL;
    case S_ACTIVE:
        if (rc->probe_interval) {
            long long int base = MAX(rc->last_activity, rc->state_entered);
            return base + rc->probe_interval * 1000LL;
        }
        return LLONG_MAX;
    case S_IDLE:
        return rc->state_entered + rc->probe_interval * 1000LL;
    }
    return LLONG_MAX;
}

/* Sends as many queued messages as the connection takes. */
static void
rconn_try_send(struct rconn *rc)
{
    while (!ovs_list_is_empty(&rc->txq)) {
        struct rconn_msg *m = CONTAINER_OF(ovs_list_front(&rc->txq),
                                           struct rconn_msg, node);
        int error = vconn_send(rc->vconn, m->msg);
        if (error == EAGAIN) {
            return;
        }
        ovs_list_remove(&m->node);
        if (m->counter) {
            rconn_packet_counter_dec(m->counter, m->n_bytes);
        }
        if (error) {
            ofpbuf_delete(m->msg);
            free(m);
            rconn_report_failure(rc, error);
            return;
        }
        free(m);
    }
}

/* Runs the monitors, dropping any whose connection failed. */
static void
rconn_run_monitors(struct rconn *rc)
{
    for (size_t i = 0; i < rc->n_monitors; ) {
        struct vconn *m = rc->monitors[i];
        struct ofpbuf *msg;
        int error;

        vconn_run(m);
        error = vconn_recv(m, &msg);
        if (!error) {
            ofpbuf_delete(msg);
        }
        if (error && error != EAGAIN) {
            VLOG_DBG("%s: closing monitor connection (%s)", rc->name,
                     ovs_retval_to_string(error));
            vconn_close(m);
            rc->monitors[i] = rc->monitors[--rc->n_monitors];
        } else {
            i++;
        }
    }
}

void
rconn_run(struct rconn *rc)
{
    long long int now;
    int error;

    if (rc->vconn) {
        vconn_run(rc->vconn);
    }
    rconn_run_monitors(rc);

    now = time_msec();
    switch (rc->state) {
    case S_VOID:
        break;

    case S_BACKOFF:
        if (now >= rconn_timeout(rc)) {
            if (rc->reliable) {
                rconn_reconnect__(rc);
            } else {
                rconn_set_state(rc, S_VOID);
            }
        }
        break;

    case S_CONNECTING:
        error = vconn_connect(rc->vconn);
        if (!error) {
            VLOG_INFO("%s: connected", rc->name);
            rc->last_connected = now;
            rc->last_activity = now;
            rc->last_connection_wall = time_wall();
            rc->last_error = 0;
            rc->backoff_deadline = now + rc->backoff * 1000LL;
            rc->seqno++;
            rconn_set_state(rc, S_ACTIVE);
        } else if (error != EAGAIN) {
            if (rc->reliable) {
                VLOG_WARN("%s: connection failed (%s)", rc->name,
                          ovs_retval_to_string(error));
            }
            rconn_disconnect__(rc, error);
        } else if (now >= rconn_timeout(rc)) {
            VLOG_INFO("%s: connection timed out", rc->name);
            rconn_disconnect__(rc, ETIMEDOUT);
        }
        break;

    case S_ACTIVE:
        if (now >= rconn_timeout(rc)) {
            long long int base = MAX(rc->last_activity, rc->state_entered);
            int version = vconn_get_version(rc->vconn);
            struct ofpbuf *echo = ofpbuf_new(sizeof(struct ofp_header));
            struct ofp_header *oh = ofpbuf_put_zeros(echo, sizeof *oh);

            VLOG_DBG("%s: idle %lld seconds, sending inactivity probe",
                     rc->name, (now - base) / 1000);
            oh->version = version > 0 ? version : OFP10_VERSION;
            oh->type = OFPT_ECHO_REQUEST;
            oh->length = htons(sizeof *oh);
            oh->xid = htonl(0);
            rconn_set_state(rc, S_IDLE);
            rconn_send(rc, echo, NULL);
        } else {
            rconn_try_send(rc);
        }
        break;

    case S_IDLE:
        if (now >= rconn_timeout(rc)) {
            VLOG_ERR("%s: no response to inactivity probe after %d "
                     "seconds, disconnecting", rc->name,
                     rc->probe_interval);
            rconn_disconnect__(rc, ETIMEDOUT);
        } else {
            rconn_try_send(rc);
        }
        break;
    }
}

void
rconn_run_wait(struct rconn *rc)
{
    long long int timeout = rconn_timeout(rc);

    if (timeout != LLONG_MAX) {
        poll_timer_wait_until(timeout);
    }
    if (rc->vconn) {
        vconn_run_wait(rc->vconn);
        if (rc->state == S_CONNECTING) {
            vconn_connect_wait(rc->vconn);
        } else if ((rc->state == S_ACTIVE || rc->state == S_IDLE)
                   && !ovs_list_is_empty(&rc->txq)) {
            vconn_send_wait(rc->vconn);
        }
    }
    for (size_t i = 0; i < rc->n_monitors; i++) {
        vconn_run_wait(rc->monitors[i]);
        vconn_recv_wait(rc->monitors[i]);
    }
}

struct ofpbuf *
rconn_recv(struct rconn *rc)
{
    struct ofpbuf *msg;
    int error;

    if (rc->state != S_ACTIVE && rc->state != S_IDLE) {
        return NULL;
    }
    error = vconn_recv(rc->vconn, &msg);
    if (error == EAGAIN) {
        return NULL;
    } else if (error) {
        rconn_report_failure(rc, error);
        return NULL;
    }

    const struct ofp_header *oh = msg->data;
    rconn_copy_to_monitors(rc, msg);
    rc->last_activity = time_msec();
    /* As upstream, a peer that only says hello, echoes or asks for the
     * switch's features has not admitted the switch yet. */
    if (oh->type != OFPT_HELLO && oh->type != OFPT_ERROR
        && oh->type != OFPT_ECHO_REQUEST && oh->type != OFPT_ECHO_REPLY
        && oh->type != OFPT_FEATURES_REQUEST) {
        rc->last_admitted = rc->last_activity;
    }
    if (rc->state == S_IDLE) {
        rconn_set_state(rc, S_ACTIVE);
    }
    return msg;
}

void
rconn_recv_wait(struct rconn *rc)
{
    if (rc->vconn && (rc->state == S_ACTIVE || rc->state == S_IDLE)) {
        vconn_recv_wait(rc->vconn);
    }
}

int
rconn_send(struct rconn *rc, struct ofpbuf *msg,
           struct rconn_packet_counter *counter)
{
    if (rc->state != S_ACTIVE && rc->state != S_IDLE) {
        ofpbuf_delete(msg);
        return ENOTCONN;
    }

    struct rconn_msg *m = xmalloc(sizeof *m);
    m->msg = msg;
    m->counter = counter;
    m->n_bytes = msg->size;
    if (counter) {
        rconn_packet_counter_inc(counter, m->n_bytes);
    }
    rconn_copy_to_monitors(rc, msg);
    ovs_list_push_back(&rc->txq, &m->node);
    if (ovs_list_is_short(&rc->txq)) {
        rconn_try_send(rc);
    }
    return 0;
}

int
rconn_send_with_limit(struct rconn *rc, struct ofpbuf *msg,
                      struct rconn_packet_counter *counter, int queue_limit)
{
    if (counter && rconn_packet_counter_n_packets(counter) >= queue_limit) {
        ofpbuf_delete(msg);
        return EAGAIN;
    }
    return rconn_send(rc, msg, counter);
}

void
rconn_add_monitor(struct rconn *rc, struct vconn *vconn)
{
    if (rc->n_monitors < RCONN_MAX_MONITORS) {
        VLOG_INFO("new monitor connection from %s", vconn_get_name(vconn));
        rc->monitors[rc->n_monitors++] = vconn;
    } else {
        VLOG_DBG("too many monitor connections, discarding %s",
                 vconn_get_name(vconn));
        vconn_close(vconn);
    }
}

/* Sends a copy of 'msg' to each monitor, dropping monitors that fail. */
static void
rconn_copy_to_monitors(struct rconn *rc, const struct ofpbuf *msg)
{
    for (size_t i = 0; i < rc->n_monitors; ) {
        struct vconn *m = rc->monitors[i];
        struct ofpbuf *copy = ofpbuf_clone(msg);
        int error = vconn_send(m, copy);

        if (error) {
            ofpbuf_delete(copy);
        }
        if (error && error != EAGAIN) {
            VLOG_DBG("%s: closing monitor connection (%s)", rc->name,
                     ovs_retval_to_string(error));
            vconn_close(m);
            rc->monitors[i] = rc->monitors[--rc->n_monitors];
        } else {
            i++;
        }
    }
}

const char *
rconn_get_name(const struct rconn *rc)
{
    return rc->name;
}

void
rconn_set_name(struct rconn *rc, const char *new_name)
{
    char *old = rc->name;
    rc->name = xstrdup(new_name);
    free(old);
}

const char *
rconn_get_target(const struct rconn *rc)
{
    return rc->target;
}

bool
rconn_is_alive(const struct rconn *rc)
{
    return rc->state != S_VOID;
}

bool
rconn_is_connected(const struct rconn *rc)
{
    return rc->state == S_ACTIVE || rc->state == S_IDLE;
}

bool
rconn_is_admitted(const struct rconn *rc)
{
    return (rconn_is_connected(rc)
            && rc->last_admitted != LLONG_MIN
            && rc->last_admitted >= rc->last_connected);
}

int
rconn_failure_duration(const struct rconn *rc)
{
    if (rconn_is_admitted(rc)) {
        return 0;
    }
    long long int since = MAX(rc->last_admitted, rc->creation_time);
    return (time_msec() - since) / 1000;
}

int
rconn_get_version(const struct rconn *rc)
{
    return rconn_is_connected(rc) ? vconn_get_version(rc->vconn) : -1;
}

const char *
rconn_get_state(const struct rconn *rc)
{
    return rconn_state_name(rc->state);
}

time_t
rconn_get_last_connection(const struct rconn *rc)
{
    return rc->last_connection_wall;
}

time_t
rconn_get_last_disconnect(const struct rconn *rc)
{
    return rc->last_disconnect_wall;
}

unsigned int
rconn_get_connection_seqno(const struct rconn *rc)
{
    return rc->seqno;
}

int
rconn_get_last_error(const struct rconn *rc)
{
    return rc->last_error;
}

unsigned int
rconn_count_txqlen(const struct rconn *rc)
{
    return ovs_list_size(&rc->txq);
}

/* Packet counters. */

struct rconn_packet_counter *
rconn_packet_counter_create(void)
{
    struct rconn_packet_counter *c = xzalloc(sizeof *c);
    ovs_mutex_init(&c->mutex);
    c->ref_cnt = 1;
    return c;
}

/* Drops one reference to 'c' and frees it when none remains. */
static void
rconn_packet_counter_unref(struct rconn_packet_counter *c)
{
    bool last;

    ovs_mutex_lock(&c->mutex);
    ovs_assert(c->ref_cnt > 0);
    last = --c->ref_cnt == 0;
    ovs_mutex_unlock(&c->mutex);
    if (last) {
        ovs_mutex_destroy(&c->mutex);
        free(c);
    }
}

void
rconn_packet_counter_destroy(struct rconn_packet_counter *c)
{
    if (c) {
        rconn_packet_counter_unref(c);
    }
}

void
rconn_packet_counter_inc(struct rconn_packet_counter *c, unsigned int n_bytes)
{
    ovs_mutex_lock(&c->mutex);
    c->ref_cnt++;
    c->n_packets++;
    c->n_bytes += n_bytes;
    ovs_mutex_unlock(&c->mutex);
}

void
rconn_packet_counter_dec(struct rconn_packet_counter *c, unsigned int n_bytes)
{
    ovs_mutex_lock(&c->mutex);
    ovs_assert(c->n_packets > 0 && c->n_bytes >= n_bytes);
    c->n_packets--;
    c->n_bytes -= n_bytes;
    ovs_mutex_unlock(&c->mutex);
    rconn_packet_counter_unref(c);
}

unsigned int
rconn_packet_counter_n_packets(const struct rconn_packet_counter *c)
{
    unsigned int n;

    ovs_mutex_lock(&c->mutex);
    n = c->n_packets;
    ovs_mutex_unlock(&c->mutex);
    return n;
}

unsigned int
rconn_packet_counter_n_bytes(const struct rconn_packet_counter *c)
{
    unsigned int n;

    ovs_mutex_lock(&c->mutex);
    n = c->n_bytes;
    ovs_mutex_unlock(&c->mutex);
    return n;
}
