/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_FILE_H
#define OVSDB_FILE_H 1

#include <stdbool.h>
#include <jansson.h>
#include "openvswitch/compiler.h"

/* Standalone database files: a database kept in an ovsdb_log (log.h).
 *
 * The first record of the file is the schema; every later record is a
 * transaction (see transaction.h for the record format).  Opening a file
 * replays all of them into a new struct ovsdb.  If the file is opened for
 * writing, a "replica" attached to the database then appends a record for
 * every transaction that commits, and the file can be compacted: replaced,
 * atomically, by a schema record plus one record that inserts every row.
 *
 * Clustered database files ("OVSDB CLUSTER") are recognized and refused
 * with a clear error: Weft supports standalone databases only. */

struct ovsdb;
struct ovsdb_file;
struct ovsdb_log;
struct ovsdb_schema;

/* Reads the schema of the database in 'file_name' (only its first record,
 * without locking) into '*schemap' (NULL on error). */
struct ovsdb_error *ovsdb_file_read_schema(const char *file_name,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;

/* Opens database file 'file_name' and reads it into a new database stored
 * in '*dbp' (NULL on error).
 *
 * If 'read_only' is false, locks the file (a second writer fails with
 * "failed to lock lockfile") and attaches to the database a replica that
 * writes every committed transaction to the file; if 'filep' is nonnull,
 * stores that replica in '*filep' for ovsdb_file_compact() and friends.
 * The replica belongs to the database: ovsdb_destroy() closes the file.
 *
 * If 'read_only' is true, the file is not locked.  If 'filep' is NULL, the
 * file is closed once read and the database is purely in memory.  If
 * 'filep' is nonnull, the replica is attached all the same, on a log that
 * cannot be written: a commit that changes something then fails with the
 * I/O error that writing gives, which is what upstream's "ovsdb-tool
 * query" reports for a write operation.
 *
 * A last record that cannot be read (the file ends in the middle of it,
 * its hash is wrong, or it is not valid JSON), the trace of a crash in the
 * middle of a write:
 *
 *   - If 'warningp' is NULL, is an error, as it is for upstream's
 *     ovsdb-tool.
 *
 *   - Otherwise is dropped: the database holds the records before it,
 *     '*warningp' is set to a malloc'd message to log as a warning, and,
 *     if 'read_only' is false, the file is truncated right away at the end
 *     of the last good record, so that new records follow it.  '*warningp'
 *     is NULL if the whole file was good.
 *
 * A bad record followed by more records (damage, not a torn write, which
 * truncation would turn into the loss of every later transaction), a
 * record that does not apply to the database, and a bad schema record are
 * always errors. */
struct ovsdb_error *ovsdb_file_open(const char *file_name, bool read_only,
                                    struct ovsdb **dbp,
                                    struct ovsdb_file **filep,
                                    char **warningp)
    OVS_WARN_UNUSED_RESULT;

/* Returns the log that 'file' writes to. */
struct ovsdb_log *ovsdb_file_get_log(const struct ovsdb_file *file);

/* Returns the number of transaction records in 'file' since it was last
 * compacted (or created), counting those read when it was opened. */
unsigned long long int ovsdb_file_get_n_transactions(
    const struct ovsdb_file *file);

/* Compacts 'file' now: atomically replaces its contents by the schema of
 * its database and one record, with comment 'comment' (if nonnull), that
 * inserts every row.  On failure the file is unchanged. */
struct ovsdb_error *ovsdb_file_compact(struct ovsdb_file *file,
                                       const char *comment)
    OVS_WARN_UNUSED_RESULT;

/* Replaces 'file''s contents by a snapshot of 'db', which may have a
 * different schema from 'file''s database (for online schema conversion,
 * before the caller swaps 'db' in with ovsdb_replace()).  The schema
 * record is 'schema_json' if nonnull (for a conversion, the schema as the
 * client sent it, which upstream writes as is), otherwise 'db''s schema.
 * 'comment' is as for ovsdb_file_compact(). */
struct ovsdb_error *ovsdb_file_snapshot(struct ovsdb_file *file,
                                        const struct ovsdb *db,
                                        const json_t *schema_json,
                                        const char *comment)
    OVS_WARN_UNUSED_RESULT;

/* The automatic compaction policy (upstream's): a database is compacted
 * when at least 100 transactions were logged since the last compaction and
 * either
 *
 *   - at least 10 minutes have passed since the last compaction and the
 *     file is at least 10 MB and more than twice as big as it was right
 *     after it (ovsdb_log_grew_lots()), or
 *
 *   - at least 24 hours have passed since the last compaction.
 *
 * After a failed compaction, the next try waits at least a minute.
 *
 * ovsdb_file_compaction_due() applies the policy for time 'now' (in
 * milliseconds on the clock that ovsdb_file_time_msec() reads).
 * ovsdb_file_compact_if_due() compacts 'file' if it is due now, with
 * comment "compacting database online"; a daemon calls it from its main
 * loop after each commit.  Returns NULL if no compaction was due or if it
 * succeeded, otherwise the error. */
bool ovsdb_file_compaction_due(const struct ovsdb_file *file,
                               long long int now);
struct ovsdb_error *ovsdb_file_compact_if_due(struct ovsdb_file *file)
    OVS_WARN_UNUSED_RESULT;

/* Returns the current time on the monotonic clock that the compaction
 * policy uses, in milliseconds. */
long long int ovsdb_file_time_msec(void);

/* Writes a new database file 'file_name' (replacing any file of that name)
 * that holds 'db': its schema and one record, with comment 'comment' (if
 * nonnull) and without "_is_diff", that inserts every row (what upstream's
 * "ovsdb-tool compact" and "convert" write).  'locking' is as for
 * ovsdb_log_open(). */
struct ovsdb_error *ovsdb_file_save_copy(const char *file_name, int locking,
                                         const char *comment,
                                         const struct ovsdb *db)
    OVS_WARN_UNUSED_RESULT;

/* Returns the records that make up a snapshot of 'db', for
 * ovsdb_log_replace(): stores the schema record in 'records[0]' and the
 * data record in 'records[1]' (new references, which the caller must
 * json_decref()).  'comment' may be NULL; 'is_diff' adds "_is_diff": true
 * (as ovsdb-server writes; ovsdb-tool does not). */
void ovsdb_file_snapshot_records(const struct ovsdb *db, const char *comment,
                                 bool is_diff, json_t *records[2]);

#endif /* ovsdb/file.h */
