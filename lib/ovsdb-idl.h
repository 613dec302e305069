/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_IDL_H
#define OVSDB_IDL_H 1

/* The OVSDB "interface definition language" runtime: an in-memory replica
 * of an OVSDB database, kept up to date from an ovsdb-server, and
 * transactions that change it.
 *
 * The IDL connects to the server through a jsonrpc_session (which
 * reconnects with backoff), learns the server's schema, and asks the server
 * to "monitor" the tables and columns that the client selected: it tries
 * monitor_cond_since first (so that after a reconnection only the changes
 * made meanwhile come back), then falls back to monitor_cond and to plain
 * monitor for older servers.  It also monitors the server's _Server
 * database, which says whether the database exists, whether the server is
 * part of a cluster and its leader, and when the schema changes.
 *
 * Everything happens in ovsdb_idl_run(), which never blocks; call
 * ovsdb_idl_wait() before poll_block() to wake when there is work.  After
 * ovsdb_idl_run(), a change to the sequence number returned by
 * ovsdb_idl_get_seqno() means that the replica changed.
 *
 * Most clients do not call the functions that take column and table
 * classes directly: they use the typed wrappers that ovsdb-idlc generates
 * from the schema (e.g. lib/vswitch-idl.h, with struct ovsrec_bridge,
 * ovsrec_bridge_first(), ovsrec_bridge_set_name(), ...).
 *
 * Choosing what to replicate
 * ==========================
 *
 * With 'monitor_everything_by_default' true, every column of every table
 * is replicated, and every change to any of them changes the sequence
 * number.  Otherwise nothing is, until ovsdb_idl_add_column() selects
 * columns (a table is replicated if any of its columns is, or if
 * ovsdb_idl_add_table() asks for its rows).  ovsdb_idl_omit() stops
 * replicating a column entirely (it can still be written: such
 * "write-only" columns are how ovs-vswitchd reports statistics), and
 * ovsdb_idl_omit_alert() keeps replicating it but without changing the
 * sequence number when only it changes.  Make these calls before the first
 * ovsdb_idl_run().
 *
 * Reading
 * =======
 *
 * Rows are read through the generated structs, or generically with
 * ovsdb_idl_first_row()/ovsdb_idl_next_row() and ovsdb_idl_read().  A
 * row's pointers to other rows (its references) are kept valid: a
 * reference to a row that is not in the replica (yet) is left out.  Rows
 * and their data may be freed by the next ovsdb_idl_run(), so do not keep
 * pointers to them across calls; keep UUIDs instead.
 *
 * Change tracking
 * ===============
 *
 * ovsdb_idl_track_add_column() (or ovsdb_idl_track_add_all()) makes the
 * IDL remember, per table, which rows were inserted, modified or deleted,
 * and which tracked columns of each modified row changed, until the client
 * calls ovsdb_idl_track_clear().  Deleted rows stay readable on the
 * tracking list until then.
 *
 * Transactions
 * ============
 *
 * ovsdb_idl_txn_create() starts a transaction; the generated setters (or
 * ovsdb_idl_txn_write()), ovsdb_idl_txn_insert() and ovsdb_idl_txn_delete()
 * change rows in it, and the replica shows those changes right away.
 * ovsdb_idl_txn_verify() records that the transaction depends on the value
 * of a column it read: if another client changes it first, the commit
 * fails with TXN_TRY_AGAIN, and the client should re-run its logic after
 * the replica has caught up (that is, after the sequence number changes).
 * ovsdb_idl_txn_commit() sends the transaction; the replica shows its
 * effects once the server's update arrives, which may be before or after
 * the commit completes.  Only one transaction may be open at a time, and
 * ovsdb_idl_run() must not be called while one is open (committing ends
 * that phase).
 *
 * Locks
 * =====
 *
 * ovsdb_idl_set_lock() asks the server for a named lock.  While a lock is
 * configured, every transaction asserts it, and commits fail with
 * TXN_NOT_LOCKED unless the lock is held. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openvswitch/compiler.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "ovsdb-condition.h"
#include "ovsdb-types.h"

struct ovsdb_datum;
struct ovsdb_idl_class;
struct ovsdb_idl_row;
struct ovsdb_idl_column;
struct ovsdb_idl_table;
struct ovsdb_idl_table_class;
struct simap;
struct uuid;

/* Picks the third of the trailing arguments, which lets a macro take an
 * optional argument: the generated *_FOR_EACH_SAFE macros use it to accept
 * both (ROW, IDL) and (ROW, NEXT, IDL). */
#define OVSDB_IDL_OVERLOAD_SAFE__(A, B, C, D, ...) D

/* Creating and destroying. */

/* Creates and returns an IDL for the database described by 'class',
 * connecting to 'remote' (e.g. "unix:db.sock", "tcp:127.0.0.1:6640", or
 * several, separated by commas, to try in turn).  If 'retry' is true, the
 * connection is retried with backoff whenever it fails; otherwise the IDL
 * gives up after the first failure (see ovsdb_idl_is_alive()).
 *
 * If 'monitor_everything_by_default' is true, every column of every table
 * is replicated (see "Choosing what to replicate" above). */
struct ovsdb_idl *ovsdb_idl_create(const char *remote,
                                   const struct ovsdb_idl_class *,
                                   bool monitor_everything_by_default,
                                   bool retry);

/* Like ovsdb_idl_create(), but without a remote: call
 * ovsdb_idl_set_remote() later. */
struct ovsdb_idl *ovsdb_idl_create_unconnected(
    const struct ovsdb_idl_class *, bool monitor_everything_by_default);

/* Connects 'idl' to 'remote' (as in ovsdb_idl_create()), dropping any
 * existing connection if 'remote' differs from the current one.  A NULL
 * 'remote' disconnects. */
void ovsdb_idl_set_remote(struct ovsdb_idl *, const char *remote,
                          bool retry);

/* If 'shuffle' is true (the default), a list of remotes is tried in random
 * order, which spreads clients over the servers of a cluster. */
void ovsdb_idl_set_shuffle_remotes(struct ovsdb_idl *, bool shuffle);

/* If 'leader_only' is true (the default), 'idl' accepts a clustered
 * database only from the cluster's leader, and moves on to another remote
 * otherwise. */
void ovsdb_idl_set_leader_only(struct ovsdb_idl *, bool leader_only);

/* Forgets the highest cluster log index seen so far, so that 'idl' will
 * accept a server whose copy of a clustered database is older than the
 * last one it saw (after the database was restored from a backup, for
 * example). */
void ovsdb_idl_reset_min_index(struct ovsdb_idl *);

/* Destroys 'idl' and every row in it.  No transaction may be open. */
void ovsdb_idl_destroy(struct ovsdb_idl *);

/* Running. */

/* Processes whatever the server sent and sends what is due: connection
 * set-up, monitor requests, condition changes, lock requests.  Never
 * blocks.  Must not be called with a transaction open. */
void ovsdb_idl_run(struct ovsdb_idl *);

/* Arranges for poll_block() to wake when ovsdb_idl_run() has work. */
void ovsdb_idl_wait(struct ovsdb_idl *);

/* Adds to 'usage' the number of cells (replicated columns times rows) that
 * 'idl' holds, under "cells", and the number of transactions in flight, if
 * any, under "txns". */
void ovsdb_idl_get_memory_usage(struct ovsdb_idl *, struct simap *usage);

/* Returns the database class that 'idl' was created with. */
const struct ovsdb_idl_class *ovsdb_idl_get_class(const struct ovsdb_idl *);

/* Returns the table class in 'class' that 'column' belongs to.  Aborts if
 * 'column' is not in 'class'. */
const struct ovsdb_idl_table_class *ovsdb_idl_table_class_from_column(
    const struct ovsdb_idl_class *, const struct ovsdb_idl_column *);

/* Returns true if the server's schema has 'table' / 'column' of 'table'.
 * Before the server's schema is known, returns false. */
bool ovsdb_idl_server_has_table(const struct ovsdb_idl *,
                                const struct ovsdb_idl_table_class *);
bool ovsdb_idl_server_has_column(const struct ovsdb_idl *,
                                 const struct ovsdb_idl_column *);

/* Connection state. */

/* Returns a number that changes whenever the replica changes (rows
 * inserted, deleted or modified in alerting columns, the lock acquired or
 * lost, the replica reloaded after a reconnection).  It is 0 until the
 * first contents arrive. */
unsigned int ovsdb_idl_get_seqno(const struct ovsdb_idl *);

/* Returns true once 'idl' has received the database's contents at least
 * once. */
bool ovsdb_idl_has_ever_connected(const struct ovsdb_idl *);

/* Returns true if 'idl' is connected to a server and replicating. */
bool ovsdb_idl_is_connected(const struct ovsdb_idl *);

/* Returns false if 'idl' has given up: its connection failed and was not
 * to be retried, or the database does not exist on a server that it was
 * not to retry. */
bool ovsdb_idl_is_alive(const struct ovsdb_idl *);

/* Returns the error (a positive errno value, or EOF) that made the last
 * connection attempt fail or the last connection drop, or 0. */
int ovsdb_idl_get_last_error(const struct ovsdb_idl *);

/* Makes 'idl' drop its connection and reconnect. */
void ovsdb_idl_force_reconnect(struct ovsdb_idl *);

/* Makes a connection created with 'retry' false retry after all. */
void ovsdb_idl_enable_reconnect(struct ovsdb_idl *);

/* Sets the inactivity probe interval of the connection, in milliseconds
 * (0 disables probing). */
void ovsdb_idl_set_probe_interval(const struct ovsdb_idl *,
                                  int probe_interval);

/* Makes every later write to a read/write column (one that is replicated
 * and alerts) an error that is logged and ignored: for clients that
 * should only ever write columns they set up with ovsdb_idl_omit() or
 * ovsdb_idl_omit_alert(). */
void ovsdb_idl_verify_write_only(struct ovsdb_idl *);

/* Checks that every reference in the replica resolves to a row in it,
 * logging each one that does not.  Returns true if all do.  For tests. */
bool ovsdb_idl_check_consistency(const struct ovsdb_idl *);

/* Choosing columns and tables to replicate.
 *
 * A column's mode is a combination of these bits. */
#define OVSDB_IDL_MONITOR (1 << 0) /* Replicate this column? */
#define OVSDB_IDL_ALERT   (1 << 1) /* Change seqno when it changes? */
#define OVSDB_IDL_TRACK   (1 << 2) /* Track its changes (change tracking)? */

/* Replicates 'column', with alerts. */
void ovsdb_idl_add_column(struct ovsdb_idl *, const struct ovsdb_idl_column *);

/* Replicates the rows of 'table' even if none of its columns is replicated,
 * so that they can be iterated and references to them resolve (their
 * unreplicated columns read as default values).  Selects no column. */
void ovsdb_idl_add_table(struct ovsdb_idl *,
                         const struct ovsdb_idl_table_class *);

/* Stops replicating 'column' / replicates it without alerts. */
void ovsdb_idl_omit(struct ovsdb_idl *, const struct ovsdb_idl_column *);
void ovsdb_idl_omit_alert(struct ovsdb_idl *,
                          const struct ovsdb_idl_column *);

/* Change tracking. */

/* The kinds of change to a row, for the per-row and per-table change
 * sequence numbers. */
enum ovsdb_idl_change {
    OVSDB_IDL_CHANGE_INSERT,
    OVSDB_IDL_CHANGE_MODIFY,
    OVSDB_IDL_CHANGE_DELETE,
    OVSDB_IDL_CHANGE_MAX
};

/* Returns the sequence number (as ovsdb_idl_get_seqno() counts) at which
 * any row of 'table_class' last changed, or 0. */
unsigned int ovsdb_idl_table_get_seqno(
    const struct ovsdb_idl *, const struct ovsdb_idl_table_class *);

/* Returns the sequence number at which 'row' last underwent 'change', or
 * 0 if it never did. */
unsigned int ovsdb_idl_row_get_seqno(const struct ovsdb_idl_row *,
                                     enum ovsdb_idl_change);

/* Enables change tracking for 'column' (which is also replicated) / for
 * every replicated column. */
void ovsdb_idl_track_add_column(struct ovsdb_idl *,
                                const struct ovsdb_idl_column *);
void ovsdb_idl_track_add_all(struct ovsdb_idl *);

/* Iterates over the rows of 'table_class' that changed since the last
 * ovsdb_idl_track_clear(), deleted ones included. */
const struct ovsdb_idl_row *ovsdb_idl_track_get_first(
    const struct ovsdb_idl *, const struct ovsdb_idl_table_class *);
const struct ovsdb_idl_row *ovsdb_idl_track_get_next(
    const struct ovsdb_idl_row *);

/* Returns true if tracked 'column' of 'row' changed since the last
 * ovsdb_idl_track_clear(). */
bool ovsdb_idl_track_is_updated(const struct ovsdb_idl_row *,
                                const struct ovsdb_idl_column *);

/* Returns true if change tracking is enabled for any column of 'table'. */
bool ovsdb_idl_track_is_set(struct ovsdb_idl_table *);

/* Forgets every tracked change and frees the deleted rows that tracking
 * kept. */
void ovsdb_idl_track_clear(struct ovsdb_idl *);

/* Reading the replica. */

/* Returns the row of 'table_class' with 'uuid', or NULL if there is none
 * (rows deleted by the open transaction are still returned). */
const struct ovsdb_idl_row *ovsdb_idl_get_row_for_uuid(
    const struct ovsdb_idl *, const struct ovsdb_idl_table_class *,
    const struct uuid *);

/* Iterates over the rows of 'table_class', as the open transaction (if
 * any) sees them. */
const struct ovsdb_idl_row *ovsdb_idl_first_row(
    const struct ovsdb_idl *, const struct ovsdb_idl_table_class *);
const struct ovsdb_idl_row *ovsdb_idl_next_row(const struct ovsdb_idl_row *);

/* Returns the value of 'column' in 'row', as the open transaction sees it
 * (for a column that is not replicated, its default value).  The datum
 * belongs to the IDL.  ovsdb_idl_get() also asserts that the column has
 * the given key and value types. */
const struct ovsdb_datum *ovsdb_idl_read(const struct ovsdb_idl_row *,
                                         const struct ovsdb_idl_column *);
const struct ovsdb_datum *ovsdb_idl_get(const struct ovsdb_idl_row *,
                                        const struct ovsdb_idl_column *,
                                        enum ovsdb_atomic_type key_type,
                                        enum ovsdb_atomic_type value_type);

/* Returns true if 'row' is not part of any IDL: a row that the client
 * built itself (e.g. with a generated *_init() function). */
bool ovsdb_idl_row_is_synthetic(const struct ovsdb_idl_row *);

/* Returns true if 'column' of 'row' may be written: it is mutable, or
 * 'row' is being inserted by the open transaction. */
bool ovsdb_idl_is_mutable(const struct ovsdb_idl_row *,
                          const struct ovsdb_idl_column *);

/* Transactions. */

/* The status of a transaction. */
enum ovsdb_idl_txn_status {
    TXN_UNCOMMITTED,            /* Not yet committed or aborted. */
    TXN_UNCHANGED,              /* Transaction didn't include any changes. */
    TXN_INCOMPLETE,             /* Commit in progress, please wait. */
    TXN_ABORTED,                /* ovsdb_idl_txn_abort() called. */
    TXN_SUCCESS,                /* Commit successful. */
    TXN_TRY_AGAIN,              /* Commit failed because a "verify" operation
                                 * reported an inconsistency, due to a network
                                 * problem, or other transient failure.  Wait
                                 * for a change, then try again. */
    TXN_NOT_LOCKED,             /* Server hasn't given us the lock yet. */
    TXN_ERROR                   /* Commit failed due to a hard error. */
};

/* Returns "uncommitted", "unchanged", "incomplete", "aborted", "success",
 * "try again", "not locked" or "error". */
const char *ovsdb_idl_txn_status_to_string(enum ovsdb_idl_txn_status);

/* Starts a transaction on 'idl', which must not have one open. */
struct ovsdb_idl_txn *ovsdb_idl_txn_create(struct ovsdb_idl *);

/* Returns the IDL that 'txn' belongs to. */
struct ovsdb_idl *ovsdb_idl_txn_get_idl(struct ovsdb_idl_txn *);

/* Appends a line to the comment that the transaction records in the
 * database log. */
void ovsdb_idl_txn_add_comment(struct ovsdb_idl_txn *, const char *, ...)
    OVS_PRINTF_FORMAT(2, 3);

/* Makes the server check the transaction and then abort it: a commit that
 * would have succeeded reports TXN_SUCCESS (with the UUIDs that inserted
 * rows would have had) but changes nothing. */
void ovsdb_idl_txn_set_dry_run(struct ovsdb_idl_txn *);

/* Makes the transaction, when it commits, add 1 to integer 'column' of
 * 'row' and fetch the new value (see
 * ovsdb_idl_txn_get_increment_new_value()).  Unless 'force' is true, this
 * happens only if the transaction changes something else too.  At most one
 * increment per transaction. */
void ovsdb_idl_txn_increment(struct ovsdb_idl_txn *,
                             const struct ovsdb_idl_row *,
                             const struct ovsdb_idl_column *, bool force);

/* Commits 'txn' (the first call sends it) and returns its status:
 * TXN_INCOMPLETE until the server's reply arrives (call again after
 * ovsdb_idl_run()), then its final status.  A transaction that changes
 * nothing completes at once with TXN_UNCHANGED.  After the first call the
 * transaction is no longer open: its changes vanish from the replica (until
 * the server's update brings them back) and another may be created. */
enum ovsdb_idl_txn_status ovsdb_idl_txn_commit(struct ovsdb_idl_txn *);

/* Like ovsdb_idl_txn_commit(), but runs the IDL and blocks until the
 * commit completes. */
enum ovsdb_idl_txn_status ovsdb_idl_txn_commit_block(struct ovsdb_idl_txn *);

/* Abandons 'txn' if it has not been committed (its status becomes
 * TXN_ABORTED). */
void ovsdb_idl_txn_abort(struct ovsdb_idl_txn *);

/* Destroys 'txn', aborting it if it is still open.  A reply that arrives
 * later for it is ignored. */
void ovsdb_idl_txn_destroy(struct ovsdb_idl_txn *);

/* Arranges for poll_block() to wake when 'txn' completes. */
void ovsdb_idl_txn_wait(const struct ovsdb_idl_txn *);

/* After a TXN_ERROR, returns a description of the error (for an error
 * that the server reported, its error object as JSON with sorted members);
 * otherwise the name of the status, as from
 * ovsdb_idl_txn_status_to_string(). */
const char *ovsdb_idl_txn_get_error(const struct ovsdb_idl_txn *);

/* After a successful commit with ovsdb_idl_txn_increment(), returns the new
 * value of the incremented column; otherwise INT64_MIN. */
int64_t ovsdb_idl_txn_get_increment_new_value(const struct ovsdb_idl_txn *);

/* After a successful commit, returns the UUID that the server gave the row
 * that the transaction inserted as 'uuid' (the UUID of the row that
 * ovsdb_idl_txn_insert() returned), or NULL if there is no such row. */
const struct uuid *ovsdb_idl_txn_get_insert_uuid(const struct ovsdb_idl_txn *,
                                                 const struct uuid *);

/* Sets 'column' of 'row' to 'datum' in the open transaction.  Takes
 * ownership of the data that 'datum' holds (not of 'datum' itself).  The
 * _clone variant copies it instead. */
void ovsdb_idl_txn_write(const struct ovsdb_idl_row *,
                         const struct ovsdb_idl_column *,
                         struct ovsdb_datum *);
void ovsdb_idl_txn_write_clone(const struct ovsdb_idl_row *,
                               const struct ovsdb_idl_column *,
                               const struct ovsdb_datum *);

/* Changes part of a map or set column without rewriting the rest, so that
 * concurrent changes to other keys or elements by other clients do not
 * conflict: _write_partial_map sets the keys in 'datum' (a map of the
 * column's type) to its values, _delete_partial_map removes the keys in
 * 'datum' (a set of the column's key type), _write_partial_set adds the
 * elements of 'datum', _delete_partial_set removes them.  Each takes
 * ownership of 'datum', which must be heap-allocated.  The replica shows
 * these changes only once the server reports them. */
void ovsdb_idl_txn_write_partial_map(const struct ovsdb_idl_row *,
                                     const struct ovsdb_idl_column *,
                                     struct ovsdb_datum *);
void ovsdb_idl_txn_delete_partial_map(const struct ovsdb_idl_row *,
                                      const struct ovsdb_idl_column *,
                                      struct ovsdb_datum *);
void ovsdb_idl_txn_write_partial_set(const struct ovsdb_idl_row *,
                                     const struct ovsdb_idl_column *,
                                     struct ovsdb_datum *);
void ovsdb_idl_txn_delete_partial_set(const struct ovsdb_idl_row *,
                                      const struct ovsdb_idl_column *,
                                      struct ovsdb_datum *);

/* Deletes 'row' in the open transaction.  A row of a non-root table is not
 * deleted explicitly: the server deletes it once nothing refers to it. */
void ovsdb_idl_txn_delete(const struct ovsdb_idl_row *);

/* Inserts a new row of 'class' in 'txn', with default values, and returns
 * it.  Its UUID is 'uuid' if nonnull, otherwise a random one; either way,
 * the server assigns the real UUID (see ovsdb_idl_txn_get_insert_uuid()),
 * and references to the row written in the same transaction follow it. */
const struct ovsdb_idl_row *ovsdb_idl_txn_insert(
    struct ovsdb_idl_txn *, const struct ovsdb_idl_table_class *,
    const struct uuid *);

/* Makes the commit fail with TXN_TRY_AGAIN if 'column' of 'row' does not
 * still have the value that the replica has now. */
void ovsdb_idl_txn_verify(const struct ovsdb_idl_row *,
                          const struct ovsdb_idl_column *);

/* Locks. */

/* Asks the server for the lock named 'lock_name' (NULL for none), after
 * releasing any lock that was configured before. */
void ovsdb_idl_set_lock(struct ovsdb_idl *, const char *lock_name);

/* Returns true if 'idl' holds its lock. */
bool ovsdb_idl_has_lock(const struct ovsdb_idl *);

/* Returns true if another client holds the lock that 'idl' wants. */
bool ovsdb_idl_is_lock_contended(const struct ovsdb_idl *);

/* Conditional monitoring.
 *
 * A condition is a disjunction of clauses: a row is replicated if any
 * clause matches it.  A condition with no clause matches nothing; one with
 * a "true" clause matches everything (the default for every table). */
struct ovsdb_idl_condition {
    struct hmap clauses;        /* Contains "struct ovsdb_idl_clause"s. */
    bool is_true;               /* Is the condition unconditionally true? */
};

#define OVSDB_IDL_CONDITION_INIT(CONDITION) \
    { HMAP_INITIALIZER(&(CONDITION)->clauses), false }

/* Initializes 'cond' as false / frees what it owns / makes it false
 * again. */
void ovsdb_idl_condition_init(struct ovsdb_idl_condition *);
void ovsdb_idl_condition_destroy(struct ovsdb_idl_condition *);
void ovsdb_idl_condition_clear(struct ovsdb_idl_condition *);

/* Adds the clause "'column' 'function' 'arg'" to 'cond' ('arg' is copied).
 * OVSDB_F_TRUE makes the whole condition true; OVSDB_F_FALSE adds
 * nothing. */
void ovsdb_idl_condition_add_clause(struct ovsdb_idl_condition *,
                                    enum ovsdb_function function,
                                    const struct ovsdb_idl_column *column,
                                    const struct ovsdb_datum *arg);
void ovsdb_idl_condition_add_clause_true(struct ovsdb_idl_condition *);
bool ovsdb_idl_condition_is_true(const struct ovsdb_idl_condition *);

/* Makes 'idl' replicate only the rows of 'table_class' that match
 * 'condition' (which is copied).  Returns the value that
 * ovsdb_idl_get_condition_seqno() will reach once the server has applied
 * the change and the replica reflects it. */
unsigned int ovsdb_idl_set_condition(struct ovsdb_idl *,
                                     const struct ovsdb_idl_table_class *,
                                     const struct ovsdb_idl_condition *);

/* Returns the number of condition changes that the server has
 * acknowledged. */
unsigned int ovsdb_idl_get_condition_seqno(const struct ovsdb_idl *);

/* The main loop of a client that keeps one transaction in flight: see
 * ovsdb_idl_loop_run() and ovsdb_idl_loop_commit_and_wait(). */
struct ovsdb_idl_loop {
    struct ovsdb_idl *idl;      /* The IDL, owned by the client. */
    unsigned int skip_seqno;    /* Don't start a txn at this seqno. */
    struct ovsdb_idl_txn *committing_txn; /* Being committed, or NULL. */
    unsigned int precommit_seqno; /* Seqno when 'committing_txn' began. */
    struct ovsdb_idl_txn *open_txn; /* Returned by the last loop_run(). */

    /* These members are for the client's use: 'cur_cfg' becomes
     * 'next_cfg' when a transaction commits successfully. */
    int64_t cur_cfg;            /* Last configuration committed. */
    int64_t next_cfg;           /* Configuration being committed. */
};

#define OVSDB_IDL_LOOP_INITIALIZER(IDL) { .idl = (IDL) }

/* Destroys the transactions of 'loop' and the IDL itself. */
void ovsdb_idl_loop_destroy(struct ovsdb_idl_loop *);

/* Runs the IDL, finishes the commit in progress if its reply arrived, and
 * returns a new open transaction for the client to fill in, or NULL if a
 * commit is still in progress or the last one failed with TXN_TRY_AGAIN
 * and the replica has not changed since (the client should not write
 * then). */
struct ovsdb_idl_txn *ovsdb_idl_loop_run(struct ovsdb_idl_loop *);

/* Commits the transaction that ovsdb_idl_loop_run() returned, if any, and
 * calls ovsdb_idl_wait().  Returns 1 if the transaction in flight (if any)
 * committed successfully or changed nothing, 0 if it failed, -1 if it is
 * still in progress. */
int ovsdb_idl_loop_commit_and_wait(struct ovsdb_idl_loop *);

/* Indexes.
 *
 * An index keeps the rows of one table sorted by one or more columns, for
 * lookups by value and ordered iteration.  Indexes reflect the replica as
 * the server last reported it, not the open transaction's changes.  The
 * generated code wraps these functions per table (e.g.
 * ovsrec_bridge_index_init_row(), OVSREC_BRIDGE_FOR_EACH_EQUAL). */

/* Sort order of one column of an index. */
enum ovsdb_index_order {
    OVSDB_INDEX_ASC,            /* Ascending. */
    OVSDB_INDEX_DESC            /* Descending. */
};

/* Compares two rows on one column: negative, 0 or positive. */
typedef int column_comparator_func(const void *a, const void *b);

/* One column of an index. */
struct ovsdb_idl_index_column {
    const struct ovsdb_idl_column *column; /* The column. */
    column_comparator_func *comparer;   /* Compares two rows on it, or NULL
                                         * to compare the column's datums. */
    enum ovsdb_index_order order;       /* Sort order. */
};

struct ovsdb_idl_index;

/* Creates an index of the rows of the table that 'columns' belong to
 * (which are replicated), ordered by 'columns' in turn.  The index belongs
 * to 'idl' and lives as long as it. */
struct ovsdb_idl_index *ovsdb_idl_index_create(
    struct ovsdb_idl *, const struct ovsdb_idl_index_column *columns,
    size_t n);
struct ovsdb_idl_index *ovsdb_idl_index_create1(
    struct ovsdb_idl *, const struct ovsdb_idl_column *);
struct ovsdb_idl_index *ovsdb_idl_index_create2(
    struct ovsdb_idl *, const struct ovsdb_idl_column *,
    const struct ovsdb_idl_column *);

/* Returns the table that 'index' indexes. */
const struct ovsdb_idl_table_class *ovsdb_idl_index_get_table(
    const struct ovsdb_idl_index *);

/* A position in an index. */
struct ovsdb_idl_cursor {
    struct ovsdb_idl_index *index; /* The index. */
    struct skiplist_node *position; /* Current position, or NULL at end. */
};

/* Cursors at the first row / the first row equal to 'row' (at the end if
 * none) / the first row not less than 'row' (NULL: the first row). */
struct ovsdb_idl_cursor ovsdb_idl_cursor_first(struct ovsdb_idl_index *);
struct ovsdb_idl_cursor ovsdb_idl_cursor_first_eq(
    struct ovsdb_idl_index *, const struct ovsdb_idl_row *);
struct ovsdb_idl_cursor ovsdb_idl_cursor_first_ge(
    struct ovsdb_idl_index *, const struct ovsdb_idl_row *);

/* Moves 'cursor' to the next row / to the next row if it equals the
 * current one, else to the end. */
void ovsdb_idl_cursor_next(struct ovsdb_idl_cursor *);
void ovsdb_idl_cursor_next_eq(struct ovsdb_idl_cursor *);

/* Returns the row at 'cursor', or NULL at the end. */
struct ovsdb_idl_row *ovsdb_idl_cursor_data(struct ovsdb_idl_cursor *);

/* Compares 'a' and 'b' in the order of 'index'. */
int ovsdb_idl_index_compare(struct ovsdb_idl_index *,
                            const struct ovsdb_idl_row *a,
                            const struct ovsdb_idl_row *b);

/* Returns a row of 'index' equal to 'target', or NULL. */
const struct ovsdb_idl_row *ovsdb_idl_index_find(
    struct ovsdb_idl_index *, const struct ovsdb_idl_row *target);

/* Search keys: a row outside the replica, with default values, whose
 * columns ovsdb_idl_index_write() sets (taking ownership of 'datum''s
 * data).  Free it with ovsdb_idl_index_destroy_row(). */
struct ovsdb_idl_row *ovsdb_idl_index_init_row(struct ovsdb_idl_index *);
void ovsdb_idl_index_write(struct ovsdb_idl_row *,
                           const struct ovsdb_idl_column *,
                           struct ovsdb_datum *,
                           const struct ovsdb_idl_table_class *);
void ovsdb_idl_index_destroy_row(const struct ovsdb_idl_row *);

#endif /* ovsdb-idl.h */
