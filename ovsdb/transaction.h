/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_TRANSACTION_H
#define OVSDB_TRANSACTION_H 1

#include <limits.h>
#include <stdbool.h>
#include <jansson.h>
#include "openvswitch/compiler.h"

/* In-memory OVSDB transactions.
 *
 * A transaction changes rows of one database in place: while it is open,
 * the tables' 'rows' show its view (inserted rows present, deleted rows
 * absent, modified rows in their new version), so queries inside the
 * transaction see its own changes.  At most one transaction is open per
 * database at a time.
 *
 * Commit (ovsdb_txn_commit()) then, in order (the order in which upstream
 * reports the errors):
 *
 *   1. counts the strong references that changed columns add and remove
 *      (a row's references to itself do not count), and fails with
 *      "referential integrity violation" on a new reference to a row that
 *      does not exist;
 *   2. garbage-collects rows of non-root tables that nothing references
 *      (strongly) any more, including rows inserted by this transaction,
 *      and removes weak references to rows that do not exist (with their
 *      map pairs), repeating until nothing changes;
 *   3. fails with "referential integrity violation" if a row deleted by
 *      the transaction is still referenced;
 *   4. fails with "constraint violation" if a table ends up with more than
 *      "maxRows" rows, if removing weak references left a column with
 *      fewer elements than its type allows, or if two rows share the
 *      values of one of their table's indexes;
 *   5. gives every changed row a new "_version", drops modifications that
 *      changed nothing, and calls the database's replicas (storage, then
 *      monitors), any of which may veto;
 *   6. makes the changes permanent.
 *
 * On any failure the transaction is rolled back as if aborted.  Errors use
 * upstream's tags and texts. */

struct ovsdb;
struct ovsdb_row;
struct ovsdb_schema;
struct ovsdb_table;
struct uuid;

/* Starts a transaction on 'db', which must have no other transaction
 * open. */
struct ovsdb_txn *ovsdb_txn_create(struct ovsdb *db);

/* Rolls back and frees 'txn'. */
void ovsdb_txn_abort(struct ovsdb_txn *txn);

/* Commits 'txn' as described above and frees it, whatever the outcome.
 * 'durable' is passed to the replicas.  Returns NULL on success or the
 * error (which the caller owns) that made the transaction fail. */
struct ovsdb_error *ovsdb_txn_commit(struct ovsdb_txn *txn, bool durable)
    OVS_WARN_UNUSED_RESULT;

/* Like ovsdb_txn_commit() but without calling any replica: for replaying
 * transactions that storage already has (reading the log at startup). */
struct ovsdb_error *ovsdb_txn_replay_commit(struct ovsdb_txn *txn)
    OVS_WARN_UNUSED_RESULT;

/* Returns the database of 'txn'. */
struct ovsdb *ovsdb_txn_get_db(const struct ovsdb_txn *txn);

/* Returns a modifiable version of 'row', which must be in 'txn''s view of
 * its table: the first call for a row clones it (replacing it in the
 * table's 'rows'), later calls return the same clone.  Modifying immutable
 * columns is the caller's business to prevent. */
struct ovsdb_row *ovsdb_txn_row_modify(struct ovsdb_txn *txn,
                                       const struct ovsdb_row *row);

/* Adds 'row', a new row created with ovsdb_row_create() whose UUID is set
 * and not used in its table, to 'txn'; 'txn' takes it over.  (Its
 * "_version" is assigned here.) */
void ovsdb_txn_row_insert(struct ovsdb_txn *txn, struct ovsdb_row *row);

/* Deletes 'row', which must be in 'txn''s view of its table. */
void ovsdb_txn_row_delete(struct ovsdb_txn *txn, const struct ovsdb_row *row);

/* True if 'txn' has inserted, deleted, modified or otherwise touched the
 * row with 'uuid' in 'table' (a row it deleted counts). */
bool ovsdb_txn_has_row(const struct ovsdb_txn *txn,
                       const struct ovsdb_table *table,
                       const struct uuid *uuid);

/* True if 'txn' has inserted, deleted or modified any row (a modification
 * may yet turn out to change nothing). */
bool ovsdb_txn_may_have_changed(const struct ovsdb_txn *txn);

/* Appends 'comment' to 'txn''s comment (comments of several "comment"
 * operations are joined with "\n") / returns the comment or NULL. */
void ovsdb_txn_add_comment(struct ovsdb_txn *txn, const char *comment);
const char *ovsdb_txn_get_comment(const struct ovsdb_txn *txn);

/* A bitmap of column indexes, as passed to ovsdb_txn_row_cb_func. */
#define OVSDB_TXN_BITMAP_BITS (sizeof(unsigned long int) * CHAR_BIT)
static inline bool
ovsdb_txn_bitmap_is_set(const unsigned long int *bitmap, unsigned int idx)
{
    return (bitmap[idx / OVSDB_TXN_BITMAP_BITS]
            >> (idx % OVSDB_TXN_BITMAP_BITS)) & 1;
}

/* Called for each row that a committing transaction changes: 'old' is the
 * row before (NULL if inserted), 'new' the row after (NULL if deleted),
 * 'changed' a bitmap of the indexes of the columns whose values differ
 * (every column for an insertion or deletion; test it with
 * ovsdb_txn_bitmap_is_set()).  Returns true to continue, false to stop
 * the iteration. */
typedef bool ovsdb_txn_row_cb_func(const struct ovsdb_row *old,
                                   const struct ovsdb_row *new,
                                   const unsigned long int *changed,
                                   void *aux);

/* Calls 'cb' for every row changed by 'txn'.  Meaningful inside a
 * replica's 'commit' callback, when the transaction has passed its checks:
 * only real changes are reported then. */
void ovsdb_txn_for_each_change(const struct ovsdb_txn *txn,
                               ovsdb_txn_row_cb_func *cb, void *aux);

/* Transaction records: the JSON objects that the on-disk log holds after
 * the schema (upstream's format):
 *
 *     {"<table>": {"<uuid>": <row> | null, ...}, ...,
 *      "_date": <ms since the epoch>, "_comment": "<comment>",
 *      "_is_diff": true}
 *
 * A <row> maps column names to values.  null deletes the row.  For an
 * inserted row, the persistent columns that are not at their default;
 * for a modified row, the persistent columns that changed, where (with
 * "_is_diff") a set or map value is the diff from the old value
 * (ovsdb_datum_diff()) and a scalar is the new value.  Without "_is_diff"
 * (older writers, and whole-database snapshots), values are complete. */

/* Returns the record for committing 'txn' (from within a replica's
 * 'commit'), with "_is_diff": true but without "_date" and "_comment" (see
 * ovsdb_file_txn_annotate()), or NULL if 'txn' changes no persistent
 * column. */
json_t *ovsdb_file_txn_to_json(const struct ovsdb_txn *txn);

/* Adds "_comment" (if 'comment' is nonnull) and "_date" (now) to record
 * 'json' (creating an empty object if 'json' is NULL) and returns it. */
json_t *ovsdb_file_txn_annotate(json_t *json, const char *comment);

/* Parses record 'json' into a new transaction on 'db' (stored in '*txnp',
 * NULL on error), which the caller then commits with
 * ovsdb_txn_replay_commit() or aborts.  Members starting with "_" other
 * than "_is_diff" are ignored.  If 'converting', unknown tables and columns
 * are ignored instead of being errors (for reading a log written with an
 * older schema). */
struct ovsdb_error *ovsdb_file_txn_from_json(struct ovsdb *db,
                                             const json_t *json,
                                             bool converting,
                                             struct ovsdb_txn **txnp)
    OVS_WARN_UNUSED_RESULT;

/* Returns a record (with "_comment" if 'comment' is nonnull, no "_date",
 * no "_is_diff") that inserts every row of 'db': what a compacted log
 * holds after the schema. */
json_t *ovsdb_to_txn_json(const struct ovsdb *db, const char *comment);

/* Creates in '*dstp' a new database with a copy of 'new_schema' holding the
 * rows of 'src' converted to it: tables and columns that 'new_schema'
 * lacks are dropped, new columns get default values, and values are
 * converted through JSON (so a value that the new type rejects is an
 * error).  For online conversion.
 *
 * (The copy's tables and columns iterate in another order than
 * 'new_schema''s, as upstream's do after an online conversion: the order in
 * which the server then prints them depends on it.) */
struct ovsdb_error *ovsdb_convert(const struct ovsdb *src,
                                  const struct ovsdb_schema *new_schema,
                                  struct ovsdb **dstp)
    OVS_WARN_UNUSED_RESULT;

/* Like ovsdb_convert(), but the new database takes 'new_schema' itself,
 * whose tables and columns thus keep their order (as upstream's
 * "ovsdb-tool convert" writes them).  Takes ownership of 'new_schema' even
 * on failure. */
struct ovsdb_error *ovsdb_convert_take_schema(const struct ovsdb *src,
                                              struct ovsdb_schema *new_schema,
                                              struct ovsdb **dstp)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/transaction.h */
