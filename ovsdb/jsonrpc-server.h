/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_JSONRPC_SERVER_H
#define OVSDB_JSONRPC_SERVER_H 1

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "openvswitch/shash.h"

/* The OVSDB JSON-RPC server: RFC 7047's wire protocol on top of the
 * databases and locks of server.h.
 *
 * The server has "remotes", each named by a stream or passive stream name
 * ("punix:FILE", "ptcp:PORT[:IP]", "pssl:PORT[:IP]" listen for clients;
 * "unix:FILE", "tcp:HOST:PORT", "ssl:HOST:PORT" connect out and reconnect
 * when the connection drops).  Each connection is a session, which
 * handles the methods list_dbs, get_schema, transact, cancel, monitor,
 * monitor_cancel, lock, steal, unlock and echo, and upstream's extensions
 * monitor_cond, monitor_cond_change, monitor_cond_since,
 * set_db_change_aware and get_server_id.
 *
 * Nothing here blocks: ovsdb_jsonrpc_server_run() does whatever work is
 * ready and ovsdb_jsonrpc_server_wait() arranges to wake up for more.  A
 * session whose peer does not read what it is sent gets its monitor
 * updates folded together, and is disconnected once its unsent output
 * grows past a limit. */

struct ovsdb;
struct ovsdb_jsonrpc_server;
struct simap;

/* Unsent output beyond which a session is disconnected, provided it holds
 * more than one message (a single large reply, such as the initial
 * contents of a big database, is always allowed). */
#define OVSDB_JSONRPC_MAX_BACKLOG (32 * 1024 * 1024)

/* Number of transactions that a monitor may fall behind while its client
 * has not read the last update, before the server sends the next update
 * anyway. */
#define OVSDB_JSONRPC_MAX_MONITOR_LAG 100

/* Creates a server with no databases and no remotes.  If 'read_only', no
 * client may modify any database. */
struct ovsdb_jsonrpc_server *ovsdb_jsonrpc_server_create(bool read_only);

/* Destroys 'server', closing all of its sessions and remotes.  The
 * databases stay (the caller owns them). */
void ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *);

/* Starts serving 'db', which the caller keeps owning.  Returns false if
 * 'server' already serves a database of the same name.  Sessions that
 * asked to be told about database changes are not disconnected; all
 * other sessions are, so that they notice (as upstream does). */
bool ovsdb_jsonrpc_server_add_db(struct ovsdb_jsonrpc_server *,
                                 struct ovsdb *db);

/* Stops serving 'db': cancels every monitor of it (sending
 * "monitor_canceled" to sessions that asked to be told about database
 * changes) and every pending transaction on it (replying "canceled"), and
 * disconnects the sessions that did not ask to be told.  'comment' is
 * logged. */
void ovsdb_jsonrpc_server_remove_db(struct ovsdb_jsonrpc_server *,
                                    struct ovsdb *db, const char *comment);

/* Online schema conversion ("convert" requests).
 *
 * The server converts a database's contents to the new schema itself
 * (ovsdb_convert()), then calls 'cb' with the database, the converted
 * copy and the new schema as the client sent it (which is what the
 * database's storage records, as upstream's does), so that the storage can
 * record the new contents (for a standalone database,
 * ovsdb_file_snapshot()).  If 'cb' returns an error,
 * the conversion fails and the database stays as it was; otherwise the
 * server cancels the monitors and pending transactions on the database
 * (telling clients that asked to be told about database changes, and
 * disconnecting the others), then swaps the converted contents in.
 * Without a callback, "convert" fails. */
typedef struct ovsdb_error *ovsdb_jsonrpc_convert_func(
    struct ovsdb *db, const struct ovsdb *new, const json_t *schema_json,
    void *aux);
void ovsdb_jsonrpc_server_set_convert_cb(struct ovsdb_jsonrpc_server *,
                                         ovsdb_jsonrpc_convert_func *,
                                         void *aux);

/* Returns the database named 'name' that 'server' serves, or NULL. */
struct ovsdb *ovsdb_jsonrpc_server_get_db(
    const struct ovsdb_jsonrpc_server *, const char *name);

/* Options for one remote. */
struct ovsdb_jsonrpc_options {
    int max_backoff;            /* Maximum reconnection backoff, in ms. */
    int probe_interval;         /* Inactivity probe interval, in ms, 0 to
                                 * disable probes. */
    bool read_only;             /* Sessions may not modify databases. */
    int dscp;                   /* DSCP value for the remote's traffic. */
    char *role;                 /* RBAC role of the sessions, or NULL. */
};

/* Returns new default options for remote 'target' (the caller frees them
 * with ovsdb_jsonrpc_options_free()): probes every 5 s except on Unix
 * domain sockets, backoff up to 8 s. */
struct ovsdb_jsonrpc_options *ovsdb_jsonrpc_default_options(
    const char *target);
void ovsdb_jsonrpc_options_free(struct ovsdb_jsonrpc_options *);

/* Makes 'server''s remotes those in 'remotes', which maps a remote name to
 * its struct ovsdb_jsonrpc_options *: remotes that disappear are closed
 * (with their sessions), new ones are opened, and the options of the
 * others are updated.  A remote that cannot be opened is logged and
 * retried at the next call.  'remotes' stays the caller's. */
void ovsdb_jsonrpc_server_set_remotes(struct ovsdb_jsonrpc_server *,
                                      const struct shash *remotes);

/* The status of one remote, as the Manager table's "status" column shows
 * it. */
struct ovsdb_jsonrpc_remote_status {
    const char *state;          /* Connection state (reconnect.h's names),
                                 * for active remotes; NULL otherwise. */
    /* (No "last error": upstream's server does not report the errors of
     * connection attempts or connections, refused, reset or protocol
     * errors alike.) */
    unsigned int sec_since_connect; /* Seconds since the last connection
                                     * was made, UINT_MAX if never. */
    unsigned int sec_since_disconnect; /* Seconds since the last
                                        * disconnection, UINT_MAX if
                                        * never. */
    bool is_connected;          /* Has at least one live connection. */
    char *locks_held;           /* Space-separated lock names (owned). */
    char *locks_waiting;        /* Ditto, for locks waited for. */
    char *locks_lost;           /* Ditto, for locks stolen away. */
    int n_connections;          /* Number of connections. */
    uint16_t bound_port;        /* Listening port of a passive TCP or SSL
                                 * remote, 0 otherwise. */
};

/* Fills in 'status' for the remote named 'target' and returns true, or
 * returns false if 'server' has no such remote.  Free 'status' with
 * ovsdb_jsonrpc_server_free_remote_status(). */
bool ovsdb_jsonrpc_server_get_remote_status(
    const struct ovsdb_jsonrpc_server *, const char *target,
    struct ovsdb_jsonrpc_remote_status *status);
void ovsdb_jsonrpc_server_free_remote_status(
    struct ovsdb_jsonrpc_remote_status *);

/* Disconnects every session (active remotes reconnect).  If 'force' is
 * false, sessions that asked to be told about database changes stay.
 * 'comment' is logged. */
void ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *,
                                    bool force, const char *comment);

/* Does whatever work is ready, without blocking. */
void ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *);

/* Arranges for poll_block() to wake up when there is work for
 * ovsdb_jsonrpc_server_run(). */
void ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *);

/* Adds to 'usage' counts of what 'server' holds, for "memory/show":
 * "monitors", "sessions" (if any, as upstream) and "txn-history-rows" (if
 * any). */
void ovsdb_jsonrpc_server_get_memory_usage(
    const struct ovsdb_jsonrpc_server *, struct simap *usage);

/* Returns the number of sessions of 'server'. */
unsigned int ovsdb_jsonrpc_server_n_sessions(
    const struct ovsdb_jsonrpc_server *);

/* Returns the UUID that identifies this server process for the
 * "get_server_id" method, as a string. */
const char *ovsdb_jsonrpc_server_get_id(void);

#endif /* ovsdb/jsonrpc-server.h */
