/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_MONITOR_H
#define OVSDB_MONITOR_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "openvswitch/compiler.h"

/* Database monitors: what turns committed transactions into the updates
 * that clients asked for with "monitor" (RFC 7047 section 4.1.5),
 * "monitor_cond" and "monitor_cond_since" (upstream's extensions, see
 * ovsdb-server(7)).
 *
 * Every database that the server serves gets a change history
 * (ovsdb_monitor_enable_db()): a database replica that, for each committed
 * transaction, keeps a copy of every changed row before and after the
 * change, and gives the transaction an ID (a random UUID).  A monitor
 * reads the history from the point up to which it has reported to its
 * client, so that updates are computed only when the client is ready for
 * them and several transactions fold into one update.  The history also
 * keeps the most recent transactions (OVSDB_MONITOR_HISTORY_LEN), so that
 * a client that reconnects with "monitor_cond_since" and the ID of the
 * last transaction it saw receives only what it missed.
 *
 * This module knows nothing about JSON-RPC sessions: jsonrpc-server.c
 * creates the monitors, sends what they return and decides when. */

struct ovsdb;
struct ovsdb_error;
struct ovsdb_monitor;
struct uuid;

/* The number of most recent transactions that each database's history
 * keeps for "monitor_cond_since", as long as they do not hold more changed
 * rows than a quarter of the rows the database has (or
 * OVSDB_MONITOR_HISTORY_MIN_ROWS, if that is more): beyond that, sending
 * a reconnecting client everything costs about as much as sending what it
 * missed, and the old versions of rows that the history keeps cost
 * memory.  (Upstream keeps no history at all for a standalone
 * database.) */
#define OVSDB_MONITOR_HISTORY_LEN 20
#define OVSDB_MONITOR_HISTORY_MIN_ROWS 2000

/* The protocol flavor of a monitor. */
enum ovsdb_monitor_version {
    OVSDB_MONITOR_V1,           /* "monitor": "update" notifications with
                                 * "old" and "new" rows. */
    OVSDB_MONITOR_V2,           /* "monitor_cond": "update2", with
                                 * "initial", "insert", "delete" and
                                 * "modify" (column diffs). */
    OVSDB_MONITOR_V3            /* "monitor_cond_since": "update3", like
                                 * V2 plus transaction IDs. */
};

/* Kinds of row changes, as bits: the members of <monitor-select>. */
enum ovsdb_monitor_selection {
    OJMS_INITIAL = 1 << 0,      /* Rows present when monitoring starts. */
    OJMS_INSERT = 1 << 1,       /* Rows that appear. */
    OJMS_DELETE = 1 << 2,       /* Rows that go away. */
    OJMS_MODIFY = 1 << 3,       /* Rows that change. */
    OJMS_ALL = 0xf              /* All of them (the default). */
};

/* Gives 'db' a change history, if it has none yet.  Call this before
 * monitoring 'db', and preferably as soon as the database is open, so that
 * "monitor_cond_since" can find every transaction since.  The history is
 * a replica of 'db' and goes away with it. */
void ovsdb_monitor_enable_db(struct ovsdb *db);

/* Empties 'db''s history, which must have no monitors left, so that it
 * keeps no pointer into the database's current tables (before they are
 * replaced by ovsdb_replace(), for schema conversion).  The next
 * transaction starts the history afresh. */
void ovsdb_monitor_forget_history(struct ovsdb *db);

/* Returns the ID of the latest transaction in 'db''s history, or the
 * all-zeros UUID if 'db' has committed nothing since its history was
 * enabled. */
void ovsdb_monitor_get_last_txn_id(const struct ovsdb *db, struct uuid *);

/* Creates a monitor of 'db' (which must have a history) for the
 * <monitor-requests> (or <monitor-cond-requests>) object 'requests', in
 * protocol flavor 'version'.  On success stores the new monitor in
 * '*monitorp' and returns NULL; on failure stores NULL and returns an error
 * with upstream's texts.  The monitor starts up to date: it reports only
 * transactions committed after its creation. */
struct ovsdb_error *ovsdb_monitor_create(struct ovsdb *db,
                                         enum ovsdb_monitor_version version,
                                         const json_t *requests,
                                         struct ovsdb_monitor **monitorp)
    OVS_WARN_UNUSED_RESULT;

/* Destroys 'monitor' (NULL is allowed). */
void ovsdb_monitor_destroy(struct ovsdb_monitor *monitor);

/* Returns the database that 'monitor' watches. */
struct ovsdb *ovsdb_monitor_get_db(const struct ovsdb_monitor *);

/* Returns 'monitor''s flavor. */
enum ovsdb_monitor_version ovsdb_monitor_get_version(
    const struct ovsdb_monitor *);

/* Returns the reply to the request that created 'monitor': the current
 * contents of the monitored tables that the "initial" selections ask for,
 * as <table-updates> (V1) or <table-updates2> (V2 and V3; an empty object
 * if nothing is selected).  The caller owns the returned reference. */
json_t *ovsdb_monitor_get_initial(const struct ovsdb_monitor *);

/* For "monitor_cond_since": if 'last_id' names a transaction in the
 * database's history, sets '*found' to true and returns, as
 * <table-updates2>, the changes since that transaction (and 'monitor'
 * reports only later ones), otherwise sets '*found' to false and returns
 * what ovsdb_monitor_get_initial() would.  Either way stores the ID of the
 * database's latest transaction in '*new_last_id' (when 'last_id' was
 * found and nothing happened since, that is 'last_id' itself; when
 * nothing was ever committed, all-zeros). */
json_t *ovsdb_monitor_get_initial_since(struct ovsdb_monitor *,
                                        const struct uuid *last_id,
                                        bool *found,
                                        struct uuid *new_last_id);

/* True if transactions were committed since 'monitor' last reported (they
 * may or may not matter to it). */
bool ovsdb_monitor_has_pending(const struct ovsdb_monitor *);

/* Returns the number of transactions committed since 'monitor' last
 * reported. */
uint64_t ovsdb_monitor_n_pending(const struct ovsdb_monitor *);

/* Composes the update for everything committed since 'monitor' last
 * reported, folding several transactions into one, and marks it reported.
 * Returns the <table-updates> (V1) or <table-updates2> object, or NULL if
 * none of it concerns 'monitor'.  Stores in '*last_id' (if nonnull) the ID
 * of the latest transaction now reported. */
json_t *ovsdb_monitor_get_update(struct ovsdb_monitor *, struct uuid *last_id);

/* Applies the <monitor-cond-update-requests> object 'requests' of a
 * "monitor_cond_change" to 'monitor', whose pending changes the caller has
 * already flushed with ovsdb_monitor_get_update().  On success, returns
 * NULL and stores in '*updatep' the update that takes the client from the
 * old conditions to the new ones (rows that now match appear as "insert",
 * rows that no longer match as "delete"), or NULL if there is none.  On
 * failure nothing changes and '*updatep' is NULL. */
struct ovsdb_error *ovsdb_monitor_cond_change(struct ovsdb_monitor *,
                                              const json_t *requests,
                                              json_t **updatep)
    OVS_WARN_UNUSED_RESULT;

/* Adds to '*n_monitors' the number of monitors in existence and to
 * '*n_history' the number of row changes that histories hold, for
 * "memory/show". */
void ovsdb_monitor_get_memory_usage(unsigned long long int *n_monitors,
                                    unsigned long long int *n_history);

#endif /* ovsdb/monitor.h */
