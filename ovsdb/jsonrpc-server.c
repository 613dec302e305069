/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>

#include "jsonrpc-server.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "coverage.h"
#include "execution.h"
#include "json.h"
#include "jsonrpc.h"
#include "monitor.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "row.h"
#include "server.h"
#include "simap.h"
#include "socket-util.h"
#include "stream.h"
#include "table.h"
#include "timeval.h"
#include "transaction.h"
#include "trigger.h"
#include "uuid.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_jsonrpc_server);

COVERAGE_DEFINE(jsonrpc_server_session);
COVERAGE_DEFINE(jsonrpc_server_request);
COVERAGE_DEFINE(jsonrpc_server_transact);
COVERAGE_DEFINE(jsonrpc_server_update);
COVERAGE_DEFINE(jsonrpc_server_overflow);

/* Most messages that one session handles in one run, so that a busy
 * client cannot starve the others. */
#define MAX_MSGS_PER_RUN 50

/* Most new connections that one passive remote accepts in one run. */
#define MAX_ACCEPTS_PER_RUN 50

/* How often to retry opening a passive remote that failed to open. */
#define LISTEN_RETRY_MSEC 5000

struct ovsdb_jsonrpc_remote;
struct ovsdb_jsonrpc_session;

/* The server. */
struct ovsdb_jsonrpc_server {
    struct ovsdb_server up;     /* Databases and locks. */
    bool read_only;             /* No session may modify a database. */
    unsigned int n_sessions;    /* Number of sessions, all remotes. */
    struct shash remotes;       /* Maps a remote name to its struct
                                 * ovsdb_jsonrpc_remote *. */
    ovsdb_jsonrpc_convert_func *convert_cb; /* For "convert", or NULL. */
    void *convert_aux;          /* Passed to 'convert_cb'. */
};

/* A remote: a passive stream and the sessions it accepted, or one active
 * session. */
struct ovsdb_jsonrpc_remote {
    struct ovsdb_jsonrpc_server *server; /* The server. */
    char *name;                 /* The remote's name (owned). */
    struct pstream *listener;   /* Passive remotes only, NULL while it
                                 * failed to open (and for active ones). */
    bool passive;               /* Listens rather than connects? */
    long long int retry_listen; /* When to try opening 'listener' again. */
    struct ovs_list sessions;   /* "struct ovsdb_jsonrpc_session"s. */
    struct ovsdb_jsonrpc_options options; /* Options ('role' owned). */
};

/* One client connection. */
struct ovsdb_jsonrpc_session {
    struct ovs_list node;       /* In the remote's 'sessions'. */
    struct ovsdb_session up;    /* Locks and trigger completions. */
    struct ovsdb_jsonrpc_remote *remote; /* The remote it came from. */
    struct jsonrpc_session *js; /* The connection. */
    unsigned int js_seqno;      /* jsonrpc_session_get_seqno() last seen. */
    struct hmap triggers;       /* "struct ovsdb_jsonrpc_trigger"s, by
                                 * hash of their request IDs. */
    struct hmap monitors;       /* "struct ovsdb_jsonrpc_monitor"s, by hash
                                 * of their monitor IDs. */
    bool db_change_aware;       /* Client sent set_db_change_aware true? */
    bool overflow;              /* Output backlog overflowed: disconnect. */
    bool must_reconnect;        /* A database changed under a client that
                                 * did not ask to be told: disconnect. */
};

/* A "transact" request in progress. */
struct ovsdb_jsonrpc_trigger {
    struct ovsdb_trigger trigger; /* The request. */
    struct hmap_node hmap_node; /* In the session's 'triggers'. */
    json_t *id;                 /* The request's ID (a reference). */
};

/* A monitor that a session created. */
struct ovsdb_jsonrpc_monitor {
    struct hmap_node node;      /* In the session's 'monitors'. */
    struct ovsdb_jsonrpc_session *session; /* The session. */
    json_t *monitor_id;         /* The client's <json-value> for it. */
    struct ovsdb_monitor *monitor; /* The monitor itself. */
};

static struct uuid server_id;
static char server_id_string[UUID_LEN + 1];

static void ovsdb_jsonrpc_remote_destroy(struct ovsdb_jsonrpc_remote *);
static struct ovsdb_jsonrpc_session *ovsdb_jsonrpc_session_create(
    struct ovsdb_jsonrpc_remote *, struct jsonrpc_session *);
static void ovsdb_jsonrpc_session_destroy(struct ovsdb_jsonrpc_session *);
static void ovsdb_jsonrpc_session_reset(struct ovsdb_jsonrpc_session *);
static void ovsdb_jsonrpc_session_run(struct ovsdb_jsonrpc_session *);
static void ovsdb_jsonrpc_session_wait(struct ovsdb_jsonrpc_session *);
static void ovsdb_jsonrpc_session_send(struct ovsdb_jsonrpc_session *,
                                       struct jsonrpc_msg *);
static void ovsdb_jsonrpc_monitor_destroy(struct ovsdb_jsonrpc_monitor *);
static void ovsdb_jsonrpc_monitor_flush_all(struct ovsdb_jsonrpc_session *,
                                            bool force);

const char *
ovsdb_jsonrpc_server_get_id(void)
{
    if (!server_id_string[0]) {
        uuid_generate(&server_id);
        snprintf(server_id_string, sizeof server_id_string, UUID_FMT,
                 UUID_ARGS(&server_id));
    }
    return server_id_string;
}

/* ovsdb_execute_lock_owner_func for "assert". */
static bool
session_owns_lock(const struct ovsdb_session *session, const char *lock_name)
{
    return ovsdb_session_owns_lock(session, lock_name);
}

struct ovsdb_jsonrpc_server *
ovsdb_jsonrpc_server_create(bool read_only)
{
    struct ovsdb_jsonrpc_server *server = xzalloc(sizeof *server);

    ovsdb_server_init(&server->up);
    server->read_only = read_only;
    shash_init(&server->remotes);
    ovsdb_execute_set_lock_owner_func(session_owns_lock);
    ovsdb_jsonrpc_server_get_id();
    return server;
}

void
ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *server)
{
    struct shash_node *node;

    if (!server) {
        return;
    }
    SHASH_FOR_EACH (node, &server->remotes) {
        ovsdb_jsonrpc_remote_destroy(node->data);
    }
    shash_destroy(&server->remotes);
    ovsdb_server_destroy(&server->up);
    free(server);
}

bool
ovsdb_jsonrpc_server_add_db(struct ovsdb_jsonrpc_server *server,
                            struct ovsdb *db)
{
    if (!ovsdb_server_add_db(&server->up, db)) {
        return false;
    }
    ovsdb_monitor_enable_db(db);
    ovsdb_jsonrpc_server_reconnect(server, false, NULL);
    return true;
}

struct ovsdb *
ovsdb_jsonrpc_server_get_db(const struct ovsdb_jsonrpc_server *server,
                            const char *name)
{
    return ovsdb_server_get_db(&server->up, name);
}

/* Sessions of all remotes. */
#define SESSIONS_FOR_EACH_SAFE(SESSION, SERVER)                         \
    SHASH_FOR_EACH (remote_node__, &(SERVER)->remotes)                  \
        LIST_FOR_EACH_SAFE (SESSION, node,                              \
                            &((struct ovsdb_jsonrpc_remote *)           \
                              remote_node__->data)->sessions)

/* Cancels every monitor of 'db' (sending "monitor_canceled" to sessions
 * that asked to be told about database changes) and every pending
 * transaction on it (replying "canceled"), and marks the sessions that did
 * not ask, except 'except' (which may be NULL), for disconnection. */
static void
ovsdb_jsonrpc_server_forget_db(struct ovsdb_jsonrpc_server *server,
                               struct ovsdb *db,
                               const struct ovsdb_jsonrpc_session *except)
{
    struct shash_node *remote_node__;
    struct ovsdb_jsonrpc_session *s;

    SESSIONS_FOR_EACH_SAFE (s, server) {
        struct ovsdb_jsonrpc_monitor *m;
        struct ovsdb_jsonrpc_trigger *t;

        HMAP_FOR_EACH_SAFE (m, node, &s->monitors) {
            if (ovsdb_monitor_get_db(m->monitor) != db) {
                continue;
            }
            if (s->db_change_aware) {
                json_t *params = json_array_create_1(
                    json_clone(m->monitor_id));
                ovsdb_jsonrpc_session_send(
                    s, jsonrpc_create_notify("monitor_canceled", params));
            }
            ovsdb_jsonrpc_monitor_destroy(m);
        }
        HMAP_FOR_EACH (t, hmap_node, &s->triggers) {
            if (t->trigger.db == db) {
                ovsdb_trigger_cancel(&t->trigger, "canceled");
            }
        }
        if (!s->db_change_aware && s != except) {
            s->must_reconnect = true;
        }
    }
}

void
ovsdb_jsonrpc_server_remove_db(struct ovsdb_jsonrpc_server *server,
                               struct ovsdb *db, const char *comment)
{
    ovsdb_jsonrpc_server_forget_db(server, db, NULL);
    ovsdb_jsonrpc_server_reconnect(server, false, comment);
    ovsdb_server_remove_db(&server->up, db);
}

void
ovsdb_jsonrpc_server_set_convert_cb(struct ovsdb_jsonrpc_server *server,
                                    ovsdb_jsonrpc_convert_func *cb,
                                    void *aux)
{
    server->convert_cb = cb;
    server->convert_aux = aux;
}

/* Remotes. */

struct ovsdb_jsonrpc_options *
ovsdb_jsonrpc_default_options(const char *target)
{
    struct ovsdb_jsonrpc_options *options = xzalloc(sizeof *options);

    options->max_backoff = RECONNECT_DEFAULT_MAX_BACKOFF;
    options->probe_interval = (stream_or_pstream_needs_probes(target)
                               ? RECONNECT_DEFAULT_PROBE_INTERVAL : 0);
    options->dscp = DSCP_DEFAULT;
    return options;
}

void
ovsdb_jsonrpc_options_free(struct ovsdb_jsonrpc_options *options)
{
    if (options) {
        free(options->role);
        free(options);
    }
}

/* Applies the options of 's''s remote to its connection. */
static void
ovsdb_jsonrpc_session_apply_options(struct ovsdb_jsonrpc_session *s)
{
    const struct ovsdb_jsonrpc_options *o = &s->remote->options;

    jsonrpc_session_set_max_backoff(s->js, o->max_backoff);
    jsonrpc_session_set_probe_interval(s->js, o->probe_interval);
    jsonrpc_session_set_dscp(s->js, o->dscp);
}

/* Changes 'remote''s options to 'options' (copied), for it and for its
 * sessions. */
static void
ovsdb_jsonrpc_remote_set_options(struct ovsdb_jsonrpc_remote *remote,
                                 const struct ovsdb_jsonrpc_options *options)
{
    struct ovsdb_jsonrpc_session *s;

    free(remote->options.role);
    remote->options = *options;
    remote->options.role = nullable_xstrdup(options->role);
    LIST_FOR_EACH (s, node, &remote->sessions) {
        ovsdb_jsonrpc_session_apply_options(s);
    }
}

/* Tries to open 'remote''s listener. */
static void
ovsdb_jsonrpc_remote_listen(struct ovsdb_jsonrpc_remote *remote)
{
    int error = pstream_open(remote->name, &remote->listener,
                             remote->options.dscp);
    if (error) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

        VLOG_ERR_RL(&rl, "%s: listen failed: %s", remote->name,
                    ovs_strerror(error));
        remote->listener = NULL;
        remote->retry_listen = time_msec() + LISTEN_RETRY_MSEC;
    }
}

/* Creates the remote 'name' with 'options' (copied): a listener for a
 * passive name, otherwise one reconnecting session. */
static struct ovsdb_jsonrpc_remote *
ovsdb_jsonrpc_remote_create(struct ovsdb_jsonrpc_server *server,
                            const char *name,
                            const struct ovsdb_jsonrpc_options *options)
{
    struct ovsdb_jsonrpc_remote *remote = xzalloc(sizeof *remote);

    remote->server = server;
    remote->name = xstrdup(name);
    ovs_list_init(&remote->sessions);
    remote->options = *options;
    remote->options.role = nullable_xstrdup(options->role);
    remote->passive = !pstream_verify_name(name);
    if (remote->passive) {
        ovsdb_jsonrpc_remote_listen(remote);
    } else {
        struct ovsdb_jsonrpc_session *s;

        s = ovsdb_jsonrpc_session_create(remote,
                                         jsonrpc_session_open(name, true));
        ovsdb_jsonrpc_session_apply_options(s);
    }
    return remote;
}

/* Closes 'remote', its listener and its sessions, and frees it. */
static void
ovsdb_jsonrpc_remote_destroy(struct ovsdb_jsonrpc_remote *remote)
{
    struct ovsdb_jsonrpc_session *s;

    LIST_FOR_EACH_SAFE (s, node, &remote->sessions) {
        ovsdb_jsonrpc_session_destroy(s);
    }
    pstream_close(remote->listener);
    free(remote->options.role);
    free(remote->name);
    free(remote);
}

void
ovsdb_jsonrpc_server_set_remotes(struct ovsdb_jsonrpc_server *server,
                                 const struct shash *new_remotes)
{
    struct shash_node *node;

    SHASH_FOR_EACH_SAFE (node, &server->remotes) {
        struct ovsdb_jsonrpc_remote *remote = node->data;
        const struct ovsdb_jsonrpc_options *options;

        options = shash_find_data(new_remotes, node->name);
        if (!options) {
            VLOG_INFO("%s: remote deconfigured", node->name);
            ovsdb_jsonrpc_remote_destroy(remote);
            shash_delete(&server->remotes, node);
        } else if (options->dscp != remote->options.dscp
                   && remote->listener) {
            /* The listener must be reopened to use the new DSCP. */
            ovsdb_jsonrpc_remote_set_options(remote, options);
            pstream_close(remote->listener);
            ovsdb_jsonrpc_remote_listen(remote);
        } else {
            ovsdb_jsonrpc_remote_set_options(remote, options);
        }
    }

    SHASH_FOR_EACH (node, new_remotes) {
        if (!shash_find(&server->remotes, node->name)) {
            shash_add(&server->remotes, node->name,
                      ovsdb_jsonrpc_remote_create(server, node->name,
                                                  node->data));
        }
    }
}

/* Appends the names of 'session''s locks to 'held', 'waiting' and 'lost'
 * (space-separated). */
static void
session_lock_status(const struct ovsdb_jsonrpc_session *s, struct ds *held,
                    struct ds *waiting, struct ds *lost)
{
    const struct ovsdb_lock_waiter *waiter;

    HMAP_FOR_EACH (waiter, session_node, &s->up.waiters) {
        struct ds *ds = (ovsdb_lock_waiter_is_owner(waiter) ? held
                         : waiter->mode == OVSDB_LOCK_WAIT ? waiting
                         : lost);
        if (ds->length) {
            ds_put_char(ds, ' ');
        }
        ds_put_cstr(ds, waiter->lock_name);
    }
}

bool
ovsdb_jsonrpc_server_get_remote_status(
    const struct ovsdb_jsonrpc_server *server, const char *target,
    struct ovsdb_jsonrpc_remote_status *status)
{
    const struct ovsdb_jsonrpc_remote *remote;
    const struct ovsdb_jsonrpc_session *s;
    struct ds held = DS_EMPTY_INITIALIZER;
    struct ds waiting = DS_EMPTY_INITIALIZER;
    struct ds lost = DS_EMPTY_INITIALIZER;

    memset(status, 0, sizeof *status);
    remote = shash_find_data(&server->remotes, target);
    if (!remote) {
        return false;
    }

    status->sec_since_connect = UINT_MAX;
    status->sec_since_disconnect = UINT_MAX;
    status->n_connections = ovs_list_size(&remote->sessions);
    if (remote->listener) {
        status->bound_port = pstream_get_bound_port(remote->listener);
        status->is_connected = status->n_connections > 0;
    }

    if (remote->passive) {
        /* Upstream's server reports neither the times nor the locks of the
         * connections that a passive remote accepted, however many there
         * are and for however long: both times read 0. */
        status->sec_since_connect = 0;
        status->sec_since_disconnect = 0;
    } else if (!ovs_list_is_empty(&remote->sessions)) {
        struct reconnect_stats rstats;

        s = CONTAINER_OF(ovs_list_front(&remote->sessions),
                         struct ovsdb_jsonrpc_session, node);
        jsonrpc_session_get_reconnect_stats(s->js, &rstats);
        status->state = rstats.state;
        status->is_connected = rstats.is_connected;
        if (rstats.msec_since_connect != UINT_MAX) {
            status->sec_since_connect = rstats.msec_since_connect / 1000;
        }
        if (rstats.msec_since_disconnect != UINT_MAX) {
            status->sec_since_disconnect
                = rstats.msec_since_disconnect / 1000;
        }
        session_lock_status(s, &held, &waiting, &lost);
    }

    status->locks_held = ds_steal_cstr(&held);
    status->locks_waiting = ds_steal_cstr(&waiting);
    status->locks_lost = ds_steal_cstr(&lost);
    return true;
}

void
ovsdb_jsonrpc_server_free_remote_status(
    struct ovsdb_jsonrpc_remote_status *status)
{
    free(status->locks_held);
    free(status->locks_waiting);
    free(status->locks_lost);
}

void
ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *server,
                               bool force, const char *comment)
{
    struct shash_node *remote_node__;
    struct ovsdb_jsonrpc_session *s;

    SESSIONS_FOR_EACH_SAFE (s, server) {
        if (force || !s->db_change_aware) {
            jsonrpc_session_force_reconnect(s->js);
            if (comment) {
                VLOG_INFO("%s: disconnecting (%s)",
                          jsonrpc_session_get_name(s->js), comment);
            }
            ovsdb_jsonrpc_session_reset(s);
            if (!jsonrpc_session_is_alive(s->js)) {
                ovsdb_jsonrpc_session_destroy(s);
            }
        }
    }
}

void
ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *server)
{
    long long int now = time_msec();
    struct shash_node *node;

    SHASH_FOR_EACH (node, &server->up.dbs) {
        ovsdb_trigger_run(node->data, now);
    }

    SHASH_FOR_EACH (node, &server->remotes) {
        struct ovsdb_jsonrpc_remote *remote = node->data;
        struct ovsdb_jsonrpc_session *s;

        if (remote->passive && !remote->listener
            && now >= remote->retry_listen) {
            ovsdb_jsonrpc_remote_listen(remote);
        }
        for (int i = 0; remote->listener && i < MAX_ACCEPTS_PER_RUN; i++) {
            struct stream *stream;
            int error = pstream_accept(remote->listener, &stream);

            if (!error) {
                struct jsonrpc_session *js;

                js = jsonrpc_session_open_unreliably(jsonrpc_open(stream),
                                                     remote->options.dscp);
                s = ovsdb_jsonrpc_session_create(remote, js);
                ovsdb_jsonrpc_session_apply_options(s);
            } else {
                if (error != EAGAIN) {
                    static struct vlog_rate_limit rl
                        = VLOG_RATE_LIMIT_INIT(1, 5);
                    VLOG_WARN_RL(&rl, "%s: accept failed: %s",
                                 pstream_get_name(remote->listener),
                                 ovs_strerror(error));
                }
                break;
            }
        }

        LIST_FOR_EACH_SAFE (s, node, &remote->sessions) {
            ovsdb_jsonrpc_session_run(s);
        }
    }
}

void
ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *server)
{
    long long int now = time_msec();
    struct shash_node *node;

    SHASH_FOR_EACH (node, &server->up.dbs) {
        ovsdb_trigger_wait(node->data, now);
    }

    SHASH_FOR_EACH (node, &server->remotes) {
        struct ovsdb_jsonrpc_remote *remote = node->data;
        struct ovsdb_jsonrpc_session *s;

        if (remote->listener) {
            pstream_wait(remote->listener);
        } else if (remote->passive) {
            poll_timer_wait_until(remote->retry_listen);
        }
        LIST_FOR_EACH (s, node, &remote->sessions) {
            ovsdb_jsonrpc_session_wait(s);
        }
    }
}

unsigned int
ovsdb_jsonrpc_server_n_sessions(const struct ovsdb_jsonrpc_server *server)
{
    return server->n_sessions;
}

void
ovsdb_jsonrpc_server_get_memory_usage(
    const struct ovsdb_jsonrpc_server *server, struct simap *usage)
{
    unsigned long long int n_monitors = 0, n_history = 0;

    ovsdb_monitor_get_memory_usage(&n_monitors, &n_history);
    simap_put(usage, "monitors", n_monitors);
    if (n_history) {
        simap_put(usage, "txn-history-rows", n_history);
    }
    if (server->n_sessions) {
        simap_put(usage, "sessions", server->n_sessions);
    }
}

/* Sessions. */

static struct ovsdb_jsonrpc_session *
ovsdb_jsonrpc_session_create(struct ovsdb_jsonrpc_remote *remote,
                             struct jsonrpc_session *js)
{
    struct ovsdb_jsonrpc_session *s = xzalloc(sizeof *s);

    COVERAGE_INC(jsonrpc_server_session);
    ovsdb_session_init(&s->up, &remote->server->up);
    s->remote = remote;
    ovs_list_push_back(&remote->sessions, &s->node);
    s->js = js;
    s->js_seqno = jsonrpc_session_get_seqno(js);
    hmap_init(&s->triggers);
    hmap_init(&s->monitors);
    remote->server->n_sessions++;
    return s;
}

/* Forgets and frees trigger 't' of session 's', without replying. */
static void
ovsdb_jsonrpc_trigger_destroy(struct ovsdb_jsonrpc_session *s,
                              struct ovsdb_jsonrpc_trigger *t)
{
    hmap_remove(&s->triggers, &t->hmap_node);
    ovsdb_trigger_destroy(&t->trigger);
    json_decref(t->id);
    free(t);
}

/* Gives up every lock of 's', telling the sessions that inherit them. */
static void
ovsdb_jsonrpc_session_unlock_all(struct ovsdb_jsonrpc_session *s)
{
    struct ovsdb_lock_waiter *waiter;

    HMAP_FOR_EACH_SAFE (waiter, session_node, &s->up.waiters) {
        char *name = xstrdup(waiter->lock_name);
        struct ovsdb_session *heir = ovsdb_lock_waiter_remove(waiter);

        if (heir) {
            struct ovsdb_jsonrpc_session *hs
                = CONTAINER_OF(heir, struct ovsdb_jsonrpc_session, up);
            ovsdb_jsonrpc_session_send(
                hs, jsonrpc_create_notify(
                    "locked", json_array_create_1(json_string_create(name))));
        }
        free(name);
    }
}

/* Forgets everything that belongs to the current connection of 's':
 * pending transactions, monitors and locks. */
static void
ovsdb_jsonrpc_session_reset(struct ovsdb_jsonrpc_session *s)
{
    struct ovsdb_jsonrpc_monitor *m;
    struct ovsdb_jsonrpc_trigger *t;

    HMAP_FOR_EACH_SAFE (t, hmap_node, &s->triggers) {
        ovsdb_jsonrpc_trigger_destroy(s, t);
    }
    HMAP_FOR_EACH_SAFE (m, node, &s->monitors) {
        ovsdb_jsonrpc_monitor_destroy(m);
    }
    ovsdb_jsonrpc_session_unlock_all(s);
}

/* Closes session 's' and frees it, with its triggers, monitors and locks. */
static void
ovsdb_jsonrpc_session_destroy(struct ovsdb_jsonrpc_session *s)
{
    ovsdb_jsonrpc_session_reset(s);
    jsonrpc_session_close(s->js);
    ovs_list_remove(&s->node);
    s->remote->server->n_sessions--;
    hmap_destroy(&s->triggers);
    hmap_destroy(&s->monitors);
    ovsdb_session_destroy(&s->up);
    free(s);
}

/* Sends 'msg' on 's', unless 's' already has more unsent output than
 * OVSDB_JSONRPC_MAX_BACKLOG: then its client is not reading, and 'msg' is
 * dropped and 's' marked for disconnection at the end of its run.  (A
 * single message bigger than the limit, such as the initial contents of a
 * big database, still goes out.) */
static void
ovsdb_jsonrpc_session_send(struct ovsdb_jsonrpc_session *s,
                           struct jsonrpc_msg *msg)
{
    size_t backlog = jsonrpc_session_get_backlog(s->js);

    if (s->overflow || backlog > OVSDB_JSONRPC_MAX_BACKLOG) {
        if (!s->overflow) {
            COVERAGE_INC(jsonrpc_server_overflow);
            VLOG_WARN("%s: disconnecting client that does not read its "
                      "messages (%zu bytes queued)",
                      jsonrpc_session_get_name(s->js), backlog);
            s->overflow = true;
        }
        jsonrpc_msg_destroy(msg);
    } else {
        jsonrpc_session_send(s->js, msg);
    }
}

/* Sends the replies of the triggers of 's' that completed. */
static void
ovsdb_jsonrpc_session_send_completions(struct ovsdb_jsonrpc_session *s)
{
    if (ovs_list_is_empty(&s->up.completions)) {
        return;
    }

    /* Updates for what a transaction changed go out before its reply. */
    ovsdb_jsonrpc_monitor_flush_all(s, true);

    while (!ovs_list_is_empty(&s->up.completions)) {
        struct ovsdb_jsonrpc_trigger *t;
        struct jsonrpc_msg *reply;

        t = CONTAINER_OF(ovs_list_front(&s->up.completions),
                         struct ovsdb_jsonrpc_trigger, trigger.node);
        if (t->trigger.result) {
            reply = jsonrpc_create_reply(json_incref(t->trigger.result),
                                         t->id);
        } else {
            reply = jsonrpc_create_error(
                json_string_create(t->trigger.error), t->id);
        }
        ovsdb_jsonrpc_session_send(s, reply);
        ovsdb_jsonrpc_trigger_destroy(s, t);
    }
}

/* Returns the database named in the first element of 'params' of
 * 'request' (for 'method'), or NULL after storing an error reply in
 * '*replyp'. */
static struct ovsdb *
session_get_db(const struct ovsdb_jsonrpc_session *s,
               const struct jsonrpc_msg *request, struct jsonrpc_msg **replyp)
{
    const json_t *params = request->params;
    const json_t *name = json_array_get(params, 0);
    struct ovsdb_error *error;
    struct ovsdb *db;

    if (!json_is_string(name)) {
        error = ovsdb_syntax_error(params, NULL,
                                   "%s request params must begin with "
                                   "<db-name>", request->method);
    } else {
        db = ovsdb_server_get_db(s->up.server, json_string_value(name));
        if (db) {
            return db;
        }
        error = ovsdb_syntax_error(params, "unknown database",
                                   "%s request specifies unknown database "
                                   "%s", request->method,
                                   json_string_value(name));
    }
    *replyp = jsonrpc_create_error(ovsdb_error_to_json_free(error),
                                   request->id);
    return NULL;
}

/* Returns an error reply to 'request' that carries 'error' (freed). */
static struct jsonrpc_msg *
syntax_error_reply(const struct jsonrpc_msg *request,
                   struct ovsdb_error *error)
{
    return jsonrpc_create_error(ovsdb_error_to_json_free(error),
                                request->id);
}

/* Returns the "invalid parameters" error reply to 'request'. */
static struct jsonrpc_msg *
invalid_params_reply(const struct jsonrpc_msg *request)
{
    return jsonrpc_create_error(json_string_create("invalid parameters"),
                                request->id);
}

/* "get_schema": replies with the database's schema. */
static struct jsonrpc_msg *
handle_get_schema(struct ovsdb_jsonrpc_session *s,
                  const struct jsonrpc_msg *request)
{
    struct jsonrpc_msg *reply = NULL;
    struct ovsdb *db = session_get_db(s, request, &reply);

    return (db
            ? jsonrpc_create_reply(ovsdb_schema_to_json(db->schema),
                                   request->id)
            : reply);
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

/* "list_dbs": replies with the names of the databases, sorted. */
static struct jsonrpc_msg *
handle_list_dbs(struct ovsdb_jsonrpc_session *s,
                const struct jsonrpc_msg *request)
{
    const struct shash *dbs = &s->up.server->dbs;
    const char **names = xmalloc(shash_count(dbs) * sizeof *names + 1);
    const struct shash_node *node;
    json_t *result = json_array_create_empty();
    size_t n = 0;

    SHASH_FOR_EACH (node, dbs) {
        names[n++] = node->name;
    }
    qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; i < n; i++) {
        json_array_add(result, json_string_create(names[i]));
    }
    free(names);
    return jsonrpc_create_reply(result, request->id);
}

/* Returns the pending "transact" of 's' with request ID 'id' (whose hash
 * is 'hash'), or NULL. */
static struct ovsdb_jsonrpc_trigger *
session_find_trigger(const struct ovsdb_jsonrpc_session *s, const json_t *id,
                     uint32_t hash)
{
    struct ovsdb_jsonrpc_trigger *t;

    HMAP_FOR_EACH_WITH_HASH (t, hmap_node, hash, &s->triggers) {
        if (json_equal(t->id, id)) {
            return t;
        }
    }
    return NULL;
}

/* "transact": starts a trigger for the request.  Its reply goes out when it
 * completes, which may be at once.  Returns NULL or an immediate error
 * reply. */
static struct jsonrpc_msg *
handle_transact(struct ovsdb_jsonrpc_session *s,
                const struct jsonrpc_msg *request)
{
    struct jsonrpc_msg *reply = NULL;
    struct ovsdb_jsonrpc_trigger *t;
    uint32_t hash;
    struct ovsdb *db;
    bool read_only;

    db = session_get_db(s, request, &reply);
    if (!db) {
        return reply;
    }

    hash = json_hash(request->id, 0);
    if (session_find_trigger(s, request->id, hash)) {
        return jsonrpc_create_error(json_string_create("duplicate request "
                                                       "ID"), request->id);
    }

    COVERAGE_INC(jsonrpc_server_transact);
    /* Databases whose names begin with "_" belong to the server. */
    read_only = (s->remote->server->read_only || s->remote->options.read_only
                 || db->name[0] == '_');
    t = xzalloc(sizeof *t);
    t->id = json_clone(request->id);
    hmap_insert(&s->triggers, &t->hmap_node, hash);
    ovsdb_trigger_init(&s->up, db, &t->trigger, request->params,
                       time_msec(), read_only);
    ovsdb_jsonrpc_session_send_completions(s);
    return NULL;
}

/* "cancel" notification: completes the named pending "transact" with error
 * "canceled". */
static void
handle_cancel(struct ovsdb_jsonrpc_session *s, const struct jsonrpc_msg *msg)
{
    struct ovsdb_jsonrpc_trigger *t;
    const json_t *id;

    if (!json_is_array(msg->params) || json_array_size(msg->params) != 1) {
        return;
    }
    id = json_array_get(msg->params, 0);
    t = session_find_trigger(s, id, json_hash(id, 0));
    if (t) {
        ovsdb_trigger_cancel(&t->trigger, "canceled");
        ovsdb_jsonrpc_session_send_completions(s);
    }
}

/* Monitors. */

static struct ovsdb_jsonrpc_monitor *
session_find_monitor(const struct ovsdb_jsonrpc_session *s,
                     const json_t *monitor_id)
{
    struct ovsdb_jsonrpc_monitor *m;

    HMAP_FOR_EACH_WITH_HASH (m, node, json_hash(monitor_id, 0),
                             &s->monitors) {
        if (json_equal(m->monitor_id, monitor_id)) {
            return m;
        }
    }
    return NULL;
}

/* Destroys monitor 'm' and removes it from its session. */
static void
ovsdb_jsonrpc_monitor_destroy(struct ovsdb_jsonrpc_monitor *m)
{
    hmap_remove(&m->session->monitors, &m->node);
    ovsdb_monitor_destroy(m->monitor);
    json_decref(m->monitor_id);
    free(m);
}

static void
uuid_to_string_buf(const struct uuid *uuid, char buf[UUID_LEN + 1])
{
    snprintf(buf, UUID_LEN + 1, UUID_FMT, UUID_ARGS(uuid));
}

/* Returns the notification that carries 'updates' (which it takes over) of
 * monitor 'm' with transaction ID 'last_id' (for V3). */
static struct jsonrpc_msg *
monitor_update_msg(const struct ovsdb_jsonrpc_monitor *m, json_t *updates,
                   const struct uuid *last_id)
{
    json_t *id = json_clone(m->monitor_id);
    char buf[UUID_LEN + 1];

    switch (ovsdb_monitor_get_version(m->monitor)) {
    case OVSDB_MONITOR_V1:
        return jsonrpc_create_notify("update",
                                     json_array_create_2(id, updates));
    case OVSDB_MONITOR_V2:
        return jsonrpc_create_notify("update2",
                                     json_array_create_2(id, updates));
    case OVSDB_MONITOR_V3:
    default:
        uuid_to_string_buf(last_id, buf);
        return jsonrpc_create_notify("update3",
                                     json_array_create_3(
                                         id, json_string_create(buf),
                                         updates));
    }
}

/* Sends the update for what 'm' has pending, if it concerns 'm'. */
static void
ovsdb_jsonrpc_monitor_flush(struct ovsdb_jsonrpc_monitor *m)
{
    struct uuid last_id;
    json_t *updates = ovsdb_monitor_get_update(m->monitor, &last_id);

    if (updates) {
        COVERAGE_INC(jsonrpc_server_update);
        ovsdb_jsonrpc_session_send(m->session,
                                   monitor_update_msg(m, updates, &last_id));
    }
}

/* Sends the pending updates of the monitors of 's'.  Unless 'force', only
 * monitors that fell far behind send theirs while 's' has unsent
 * output: the others wait, so that more changes fold into one update. */
static void
ovsdb_jsonrpc_monitor_flush_all(struct ovsdb_jsonrpc_session *s, bool force)
{
    bool idle = !jsonrpc_session_get_backlog(s->js);
    struct ovsdb_jsonrpc_monitor *m;

    HMAP_FOR_EACH (m, node, &s->monitors) {
        if (ovsdb_monitor_has_pending(m->monitor)
            && (force || idle
                || (ovsdb_monitor_n_pending(m->monitor)
                    >= OVSDB_JSONRPC_MAX_MONITOR_LAG))) {
            ovsdb_jsonrpc_monitor_flush(m);
        }
    }
}

/* True if any monitor of 's' has transactions to report. */
static bool
session_has_pending_updates(const struct ovsdb_jsonrpc_session *s)
{
    const struct ovsdb_jsonrpc_monitor *m;

    HMAP_FOR_EACH (m, node, &s->monitors) {
        if (ovsdb_monitor_has_pending(m->monitor)) {
            return true;
        }
    }
    return false;
}

/* "monitor", "monitor_cond" and "monitor_cond_since" ('version'): creates
 * the monitor and replies with the initial contents. */
static struct jsonrpc_msg *
handle_monitor(struct ovsdb_jsonrpc_session *s,
               const struct jsonrpc_msg *request,
               enum ovsdb_monitor_version version)
{
    const json_t *params = request->params;
    struct ovsdb_jsonrpc_monitor *m;
    struct jsonrpc_msg *reply = NULL;
    struct ovsdb_monitor *monitor;
    struct ovsdb_error *error;
    const json_t *monitor_id;
    struct uuid last_id;
    json_t *result;
    struct ovsdb *db;

    if (json_array_size(params) != (version == OVSDB_MONITOR_V3 ? 4 : 3)) {
        return invalid_params_reply(request);
    }
    db = session_get_db(s, request, &reply);
    if (!db) {
        return reply;
    }

    monitor_id = json_array_get(params, 1);
    if (session_find_monitor(s, monitor_id)) {
        return syntax_error_reply(request,
                                  ovsdb_syntax_error(monitor_id, NULL,
                                                     "duplicate monitor ID"));
    }

    if (version == OVSDB_MONITOR_V3) {
        const json_t *last = json_array_get(params, 3);

        if (!json_is_string(last)
            || !uuid_from_string(&last_id, json_string_value(last))) {
            return syntax_error_reply(
                request, ovsdb_syntax_error(last, NULL, "last-txn-id must "
                                            "be UUID format."));
        }
    }

    error = ovsdb_monitor_create(db, version, json_array_get(params, 2),
                                 &monitor);
    if (error) {
        return syntax_error_reply(request, error);
    }

    m = xzalloc(sizeof *m);
    m->session = s;
    m->monitor_id = json_deep_clone(monitor_id);
    m->monitor = monitor;
    hmap_insert(&s->monitors, &m->node, json_hash(monitor_id, 0));

    if (version == OVSDB_MONITOR_V3) {
        struct uuid new_last_id;
        char buf[UUID_LEN + 1];
        json_t *updates;
        bool found;

        updates = ovsdb_monitor_get_initial_since(monitor, &last_id, &found,
                                                  &new_last_id);
        uuid_to_string_buf(&new_last_id, buf);
        result = json_array_create_3(json_boolean_create(found),
                                     json_string_create(buf), updates);
    } else {
        result = ovsdb_monitor_get_initial(monitor);
    }
    return jsonrpc_create_reply(result, request->id);
}

/* "monitor_cancel". */
static struct jsonrpc_msg *
handle_monitor_cancel(struct ovsdb_jsonrpc_session *s,
                      const struct jsonrpc_msg *request)
{
    struct ovsdb_jsonrpc_monitor *m;

    if (json_array_size(request->params) != 1) {
        return invalid_params_reply(request);
    }
    m = session_find_monitor(s, json_array_get(request->params, 0));
    if (!m) {
        return jsonrpc_create_error(json_string_create("unknown monitor"),
                                    request->id);
    }
    ovsdb_jsonrpc_monitor_destroy(m);
    return jsonrpc_create_reply(json_object_create(), request->id);
}

/* "monitor_cond_change": flushes what the monitor has pending, applies the
 * new conditions, sends the rows that come and go as an update under the
 * new ID, then replies. */
static struct jsonrpc_msg *
handle_monitor_cond_change(struct ovsdb_jsonrpc_session *s,
                           const struct jsonrpc_msg *request)
{
    const json_t *params = request->params;
    const json_t *old_id, *new_id;
    struct ovsdb_jsonrpc_monitor *m;
    struct ovsdb_error *error;
    json_t *updates;

    if (json_array_size(params) != 3) {
        return invalid_params_reply(request);
    }
    old_id = json_array_get(params, 0);
    new_id = json_array_get(params, 1);

    m = session_find_monitor(s, old_id);
    if (!m) {
        return syntax_error_reply(request,
                                  ovsdb_syntax_error(old_id, NULL,
                                                     "unknown monitor "
                                                     "session"));
    }
    if (!json_equal(old_id, new_id) && session_find_monitor(s, new_id)) {
        return syntax_error_reply(request,
                                  ovsdb_syntax_error(new_id, NULL,
                                                     "duplicate monitor "
                                                     "ID"));
    }

    /* What happened under the old conditions goes out first, under the
     * old ID. */
    ovsdb_jsonrpc_monitor_flush(m);

    error = ovsdb_monitor_cond_change(m->monitor, json_array_get(params, 2),
                                      &updates);
    if (error) {
        return syntax_error_reply(request, error);
    }

    hmap_remove(&s->monitors, &m->node);
    json_decref(m->monitor_id);
    m->monitor_id = json_deep_clone(new_id);
    hmap_insert(&s->monitors, &m->node, json_hash(new_id, 0));

    if (updates) {
        struct uuid last_id;

        ovsdb_monitor_get_last_txn_id(ovsdb_monitor_get_db(m->monitor),
                                      &last_id);
        ovsdb_jsonrpc_session_send(s, monitor_update_msg(m, updates,
                                                         &last_id));
    }
    return jsonrpc_create_reply(json_object_create(), request->id);
}

/* Locks. */

/* Returns the lock name in the params of 'request', or NULL after storing
 * an error reply in '*replyp'. */
static const char *
lock_name_from_request(const struct jsonrpc_msg *request,
                       struct jsonrpc_msg **replyp)
{
    const json_t *params = request->params;
    const json_t *name = json_array_get(params, 0);

    if (json_array_size(params) != 1 || !json_is_string(name)) {
        *replyp = syntax_error_reply(
            request, ovsdb_syntax_error(params, NULL, "%s request params "
                                        "must be <id>", request->method));
        return NULL;
    }
    return json_string_value(name);
}

/* Sends notification 'method' ("locked" or "stolen") for 'lock_name' to
 * 'session'. */
static void
send_lock_notify(struct ovsdb_session *session, const char *method,
                 const char *lock_name)
{
    struct ovsdb_jsonrpc_session *s
        = CONTAINER_OF(session, struct ovsdb_jsonrpc_session, up);

    ovsdb_jsonrpc_session_send(
        s, jsonrpc_create_notify(method, json_array_create_1(
                                     json_string_create(lock_name))));
}

/* "lock" and "steal" ('mode'). */
static struct jsonrpc_msg *
handle_lock(struct ovsdb_jsonrpc_session *s,
            const struct jsonrpc_msg *request, enum ovsdb_lock_mode mode)
{
    struct jsonrpc_msg *reply = NULL;
    struct ovsdb_lock_waiter *waiter;
    struct ovsdb_session *victim;
    const char *lock_name;
    json_t *result;

    lock_name = lock_name_from_request(request, &reply);
    if (!lock_name) {
        return reply;
    }

    waiter = ovsdb_session_get_lock_waiter(&s->up, lock_name);
    if (waiter) {
        return syntax_error_reply(
            request, ovsdb_syntax_error(request->params, NULL,
                                        "must issue \"unlock\" before new "
                                        "\"%s\"", request->method));
    }

    waiter = ovsdb_server_lock(s->up.server, &s->up, lock_name, mode,
                               &victim);
    if (victim) {
        send_lock_notify(victim, "stolen", lock_name);
    }

    result = json_object_create();
    json_object_put(result, "locked",
                    json_boolean_create(ovsdb_lock_waiter_is_owner(waiter)));
    return jsonrpc_create_reply(result, request->id);
}

/* "unlock": gives the lock up, telling the session that inherits it. */
static struct jsonrpc_msg *
handle_unlock(struct ovsdb_jsonrpc_session *s,
              const struct jsonrpc_msg *request)
{
    struct jsonrpc_msg *reply = NULL;
    struct ovsdb_lock_waiter *waiter;
    struct ovsdb_session *heir;
    const char *lock_name;
    char *name;

    lock_name = lock_name_from_request(request, &reply);
    if (!lock_name) {
        return reply;
    }

    waiter = ovsdb_session_get_lock_waiter(&s->up, lock_name);
    if (!waiter) {
        return syntax_error_reply(
            request, ovsdb_syntax_error(request->params, NULL,
                                        "unlock: \"unlock\" without "
                                        "\"lock\" or \"steal\""));
    }

    name = xstrdup(lock_name);
    heir = ovsdb_lock_waiter_remove(waiter);
    if (heir) {
        send_lock_notify(heir, "locked", name);
    }
    free(name);
    return jsonrpc_create_reply(json_object_create(), request->id);
}

/* Schema conversion. */

static struct jsonrpc_msg *
handle_convert(struct ovsdb_jsonrpc_session *s,
               const struct jsonrpc_msg *request)
{
    struct ovsdb_jsonrpc_server *server = s->remote->server;
    const json_t *params = request->params;
    struct jsonrpc_msg *reply = NULL;
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    struct ovsdb *db, *new;

    if (json_array_size(params) != 2) {
        return syntax_error_reply(request,
                                  ovsdb_syntax_error(params, NULL,
                                                     "array expected"));
    }
    db = session_get_db(s, request, &reply);
    if (!db) {
        return reply;
    }
    if (s->remote->server->read_only || s->remote->options.read_only
        || db->name[0] == '_' || !server->convert_cb) {
        return syntax_error_reply(
            request, ovsdb_error("not allowed", "database %s may not be "
                                 "converted", db->name));
    }

    error = ovsdb_schema_from_json(json_array_get(params, 1), &schema);
    if (error) {
        return syntax_error_reply(request, error);
    }
    if (strcmp(schema->name, db->name)) {
        error = ovsdb_error("invalid parameters", "new schema name (%s) does "
                            "not match database name (%s)", schema->name,
                            db->name);
        ovsdb_schema_destroy(schema);
        return syntax_error_reply(request, error);
    }

    error = ovsdb_convert(db, schema, &new);
    ovsdb_schema_destroy(schema);
    if (!error) {
        error = server->convert_cb(db, new, json_array_get(params, 1),
                                   server->convert_aux);
        if (error) {
            ovsdb_destroy(new);
        }
    }
    if (error) {
        return syntax_error_reply(request, error);
    }

    /* Nothing may keep pointers into the old contents. */
    ovsdb_jsonrpc_server_forget_db(server, db, s);
    ovsdb_monitor_forget_history(db);
    ovsdb_replace(db, new);
    /* (Upstream's server logs nothing at info level here.) */
    VLOG_DBG("%s: database converted to schema version %s",
             db->name, db->schema->version);
    return jsonrpc_create_reply(json_object_create(), request->id);
}

/* Requests. */

static struct jsonrpc_msg *
handle_set_db_change_aware(struct ovsdb_jsonrpc_session *s,
                           const struct jsonrpc_msg *request)
{
    const json_t *value = json_array_get(request->params, 0);

    if (json_array_size(request->params) != 1 || !json_is_boolean(value)) {
        return syntax_error_reply(
            request, ovsdb_syntax_error(request->params, NULL,
                                        "set_db_change_aware: true or false "
                                        "parameter expected"));
    }
    s->db_change_aware = json_is_true(value);
    return jsonrpc_create_reply(json_object_create(), request->id);
}

/* Dispatches 'request' to its method and sends the reply, if there is one
 * already. */
static void
handle_request(struct ovsdb_jsonrpc_session *s,
               const struct jsonrpc_msg *request)
{
    const char *method = request->method;
    struct jsonrpc_msg *reply;

    COVERAGE_INC(jsonrpc_server_request);
    if (!json_is_array(request->params)) {
        reply = invalid_params_reply(request);
    } else if (!strcmp(method, "transact")) {
        reply = handle_transact(s, request);
    } else if (!strcmp(method, "monitor")) {
        reply = handle_monitor(s, request, OVSDB_MONITOR_V1);
    } else if (!strcmp(method, "monitor_cond")) {
        reply = handle_monitor(s, request, OVSDB_MONITOR_V2);
    } else if (!strcmp(method, "monitor_cond_since")) {
        reply = handle_monitor(s, request, OVSDB_MONITOR_V3);
    } else if (!strcmp(method, "monitor_cond_change")) {
        reply = handle_monitor_cond_change(s, request);
    } else if (!strcmp(method, "monitor_cancel")) {
        reply = handle_monitor_cancel(s, request);
    } else if (!strcmp(method, "get_schema")) {
        reply = handle_get_schema(s, request);
    } else if (!strcmp(method, "list_dbs")) {
        reply = handle_list_dbs(s, request);
    } else if (!strcmp(method, "lock")) {
        reply = handle_lock(s, request, OVSDB_LOCK_WAIT);
    } else if (!strcmp(method, "steal")) {
        reply = handle_lock(s, request, OVSDB_LOCK_STEAL);
    } else if (!strcmp(method, "unlock")) {
        reply = handle_unlock(s, request);
    } else if (!strcmp(method, "echo")) {
        reply = jsonrpc_create_reply(json_deep_clone(request->params),
                                     request->id);
    } else if (!strcmp(method, "get_server_id")) {
        reply = jsonrpc_create_reply(
            json_string_create(ovsdb_jsonrpc_server_get_id()), request->id);
    } else if (!strcmp(method, "set_db_change_aware")) {
        reply = handle_set_db_change_aware(s, request);
    } else if (!strcmp(method, "convert")) {
        reply = handle_convert(s, request);
    } else {
        reply = jsonrpc_create_error(json_string_create("unknown method"),
                                     request->id);
    }

    if (reply) {
        ovsdb_jsonrpc_session_send(s, reply);
    }
}

/* Handles one message received on 's'. */
static void
handle_message(struct ovsdb_jsonrpc_session *s, struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_REQUEST) {
        handle_request(s, msg);
    } else if (msg->type == JSONRPC_NOTIFY) {
        if (!strcmp(msg->method, "cancel")) {
            handle_cancel(s, msg);
        }
        /* Other notifications (including "echo") need no action. */
    } else {
        VLOG_WARN("%s: received unexpected %s message",
                  jsonrpc_session_get_name(s->js),
                  jsonrpc_msg_type_to_string(msg->type));
        jsonrpc_session_force_reconnect(s->js);
    }
}

/* Runs session 's': handles its connection's ups and downs, sends completed
 * transactions' replies and monitor updates, and handles new requests.  May
 * destroy 's'. */
static void
ovsdb_jsonrpc_session_run(struct ovsdb_jsonrpc_session *s)
{
    jsonrpc_session_run(s->js);
    if (s->js_seqno != jsonrpc_session_get_seqno(s->js)) {
        /* A new connection (or none): start from scratch. */
        s->js_seqno = jsonrpc_session_get_seqno(s->js);
        ovsdb_jsonrpc_session_reset(s);
    }

    if (!jsonrpc_session_is_alive(s->js)) {
        ovsdb_jsonrpc_session_destroy(s);
        return;
    }

    if (s->must_reconnect) {
        s->must_reconnect = false;
        jsonrpc_session_force_reconnect(s->js);
        ovsdb_jsonrpc_session_reset(s);
        if (!jsonrpc_session_is_alive(s->js)) {
            ovsdb_jsonrpc_session_destroy(s);
            return;
        }
    }

    ovsdb_jsonrpc_session_send_completions(s);
    ovsdb_jsonrpc_monitor_flush_all(s, false);

    /* Take new requests only from a client that keeps up with the replies
     * to the old ones. */
    for (int i = 0; i < MAX_MSGS_PER_RUN; i++) {
        struct jsonrpc_msg *msg;

        if (jsonrpc_session_get_backlog(s->js)) {
            break;
        }
        msg = jsonrpc_session_recv(s->js);
        if (!msg) {
            break;
        }
        handle_message(s, msg);
        jsonrpc_msg_destroy(msg);
        if (s->js_seqno != jsonrpc_session_get_seqno(s->js)) {
            break;
        }
    }

    if (s->overflow || s->must_reconnect) {
        s->overflow = s->must_reconnect = false;
        jsonrpc_session_force_reconnect(s->js);
        ovsdb_jsonrpc_session_reset(s);
    }
    jsonrpc_session_run(s->js);
    if (!jsonrpc_session_is_alive(s->js)) {
        ovsdb_jsonrpc_session_destroy(s);
    }
}

/* Arranges to wake up when 's' has work to do. */
static void
ovsdb_jsonrpc_session_wait(struct ovsdb_jsonrpc_session *s)
{
    jsonrpc_session_wait(s->js);
    if (!ovs_list_is_empty(&s->up.completions) || s->must_reconnect) {
        poll_immediate_wake();
    } else if (!jsonrpc_session_get_backlog(s->js)) {
        if (session_has_pending_updates(s)) {
            poll_immediate_wake();
        } else {
            jsonrpc_session_recv_wait(s->js);
        }
    } else {
        const struct ovsdb_jsonrpc_monitor *m;

        HMAP_FOR_EACH (m, node, &s->monitors) {
            if (ovsdb_monitor_n_pending(m->monitor)
                >= OVSDB_JSONRPC_MAX_MONITOR_LAG) {
                poll_immediate_wake();
                break;
            }
        }
    }
}
