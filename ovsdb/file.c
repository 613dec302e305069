/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "openvswitch/util.h"
#include "json.h"
#include "ovsdb-error.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/transaction.h"

/* Compaction policy, in milliseconds and transactions (see file.h). */
#define FILE_COMPACT_MIN_MSEC (10 * 60 * 1000)      /* 10 minutes. */
#define FILE_COMPACT_MAX_MSEC (24 * 60 * 60 * 1000) /* 24 hours. */
#define FILE_COMPACT_RETRY_MSEC (60 * 1000)         /* 1 minute. */
#define FILE_COMPACT_MIN_TXNS 100

/* A database file open for writing: the replica that logs every committed
 * transaction of its database. */
struct ovsdb_file {
    struct ovsdb_replica replica; /* In 'db''s replicas. */
    struct ovsdb *db;           /* The database this file holds. */
    struct ovsdb_log *log;      /* The file. */
    unsigned long long int n_transactions; /* Records since compaction. */
    long long int last_compact; /* When last compacted (or opened). */
    long long int next_try;     /* No automatic compaction before this. */
};

static const struct ovsdb_replica_class ovsdb_file_class;

static struct ovsdb_file *
ovsdb_file_cast(struct ovsdb_replica *replica)
{
    ovs_assert(replica->class == &ovsdb_file_class);
    return CONTAINER_OF(replica, struct ovsdb_file, replica);
}

long long int
ovsdb_file_time_msec(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Reading. */

/* Reads the first record of 'log' and parses it as a schema into
 * '*schemap'. */
static struct ovsdb_error *
file_read_schema(struct ovsdb_log *log, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    json_t *json;

    *schemap = NULL;
    error = ovsdb_log_read(log, &json);
    if (error) {
        return error;
    } else if (!json) {
        return ovsdb_io_error(EOF, "%s: database file contains no schema",
                              ovsdb_log_get_name(log));
    }
    error = ovsdb_schema_from_json(json, schemap);
    json_decref(json);
    return error;
}

struct ovsdb_error *
ovsdb_file_read_schema(const char *file_name, struct ovsdb_schema **schemap)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;

    *schemap = NULL;
    error = ovsdb_log_open(file_name, OVSDB_MAGIC, OVSDB_LOG_READ_ONLY, 0,
                           &log);
    if (!error) {
        error = file_read_schema(log, schemap);
        ovsdb_log_close(log);
    }
    return error;
}

/* Returns true if nothing that looks like the start of another record
 * ("\n" followed by the magic and a space) follows byte 'offset' of
 * 'file_name', that is, if the bad record that starts at 'offset' is the
 * last one: a write torn by a crash, not damage in the middle of the
 * file, which truncation would turn into the loss of every later
 * transaction. */
static bool
file_bad_record_is_last(const char *file_name, off_t offset)
{
    static const char pattern[] = "\n" OVSDB_MAGIC " ";
    size_t matched = 0;
    FILE *stream;
    int c;

    stream = fopen(file_name, "rb");
    if (!stream) {
        return false;
    }
    if (fseeko(stream, offset, SEEK_SET)) {
        fclose(stream);
        return false;
    }
    while ((c = getc(stream)) != EOF) {
        if (c == pattern[matched]) {
            if (!pattern[++matched]) {
                fclose(stream);
                return false;
            }
        } else {
            matched = c == '\n';
        }
    }
    fclose(stream);
    return true;
}

/* Replays every transaction record of 'log' into 'db'.  Stores the number
 * of records replayed in '*n_txnsp'.  Stops at the end of the log, or at
 * the first record that cannot be read (returning its error in
 * '*read_errorp') or that does not apply to 'db' (returning the error). */
static struct ovsdb_error *
file_replay(struct ovsdb_log *log, struct ovsdb *db,
            unsigned long long int *n_txnsp, struct ovsdb_error **read_errorp)
{
    *n_txnsp = 0;
    *read_errorp = NULL;
    for (;;) {
        struct ovsdb_error *error;
        struct ovsdb_txn *txn;
        json_t *json;

        error = ovsdb_log_read(log, &json);
        if (error) {
            *read_errorp = error;
            return NULL;
        } else if (!json) {
            return NULL;
        }

        error = ovsdb_file_txn_from_json(db, json, false, &txn);
        json_decref(json);
        if (!error) {
            error = ovsdb_txn_replay_commit(txn);
        }
        if (error) {
            return error;
        }

        /* A compacted file holds the schema and one snapshot record: the
         * log's size then is its size right after compaction. */
        if (!*n_txnsp) {
            ovsdb_log_mark_base(log);
        }
        ++*n_txnsp;
    }
}

struct ovsdb_error *
ovsdb_file_open(const char *file_name, bool read_only, struct ovsdb **dbp,
                struct ovsdb_file **filep, char **warningp)
{
    struct ovsdb_error *error, *read_error;
    unsigned long long int n_txns;
    struct ovsdb_schema *schema;
    struct ovsdb_log *log;
    struct ovsdb *db;

    *dbp = NULL;
    if (filep) {
        *filep = NULL;
    }
    if (warningp) {
        *warningp = NULL;
    }

    error = ovsdb_log_open(file_name, OVSDB_MAGIC,
                           read_only ? OVSDB_LOG_READ_ONLY
                           : OVSDB_LOG_READ_WRITE, -1, &log);
    if (error) {
        return error;
    }

    error = file_read_schema(log, &schema);
    if (error) {
        ovsdb_log_close(log);
        return error;
    }
    ovsdb_log_mark_base(log);

    db = ovsdb_create(schema, NULL);
    error = file_replay(log, db, &n_txns, &read_error);
    if (error) {
        goto error;
    }

    if (read_error) {
        off_t good = ovsdb_log_get_offset(log);

        if (!warningp || !file_bad_record_is_last(file_name, good)) {
            error = read_error;
            goto error;
        }

        char *msg = ovsdb_error_to_string_free(read_error);
        if (read_only) {
            *warningp = xasprintf("%s: ignoring bad record at the end of "
                                  "the file (%s); using the %llu "
                                  "transactions before it", file_name, msg,
                                  n_txns);
        } else {
            error = ovsdb_log_truncate_tail(log);
            if (error) {
                free(msg);
                goto error;
            }
            *warningp = xasprintf("%s: discarding bad record at the end of "
                                  "the file (%s); keeping the %llu "
                                  "transactions before it and truncating "
                                  "the file to %lld bytes", file_name, msg,
                                  n_txns, (long long int) good);
        }
        free(msg);
    }

    if (read_only && !filep) {
        ovsdb_log_close(log);
    } else {
        struct ovsdb_file *file = xzalloc(sizeof *file);

        ovsdb_replica_init(&file->replica, &ovsdb_file_class);
        file->db = db;
        file->log = log;
        file->n_transactions = n_txns;
        file->last_compact = ovsdb_file_time_msec();
        file->next_try = 0;
        ovsdb_add_replica(db, &file->replica);
        if (filep) {
            *filep = file;
        }
    }
    *dbp = db;
    return NULL;

error:
    ovsdb_destroy(db);
    ovsdb_log_close(log);
    if (warningp) {
        free(*warningp);
        *warningp = NULL;
    }
    return error;
}

struct ovsdb_log *
ovsdb_file_get_log(const struct ovsdb_file *file)
{
    return file->log;
}

unsigned long long int
ovsdb_file_get_n_transactions(const struct ovsdb_file *file)
{
    return file->n_transactions;
}

/* Writing. */

/* Finishes 'record', the tables of a transaction record, the way upstream
 * does: "_comment" (if 'comment' is a nonempty string), "_is_diff" (if
 * 'is_diff'), then "_date", in that order, which sets their place in the
 * serialized record.  Returns 'record'. */
static json_t *
file_finish_record(json_t *record, const char *comment, bool is_diff)
{
    json_object_del(record, "_comment");
    json_object_del(record, "_is_diff");
    json_object_del(record, "_date");
    if (comment && comment[0]) {
        json_object_set_new(record, "_comment", json_string(comment));
    }
    if (is_diff) {
        json_object_set_new(record, "_is_diff", json_true());
    }
    return ovsdb_file_txn_annotate(record, NULL);
}

static struct ovsdb_error *
ovsdb_file_commit(struct ovsdb_replica *replica, const struct ovsdb_txn *txn,
                  bool durable)
{
    struct ovsdb_file *file = ovsdb_file_cast(replica);
    struct ovsdb_error *error;
    json_t *record;

    record = ovsdb_file_txn_to_json(txn);
    if (!record) {
        /* Nothing persistent changed. */
        return NULL;
    }
    record = file_finish_record(record, ovsdb_txn_get_comment(txn), true);

    error = ovsdb_log_write_and_free(file->log, record);
    if (!error && durable) {
        error = ovsdb_log_commit_block(file->log);
    }
    if (!error) {
        file->n_transactions++;
    }
    return error;
}

static void
ovsdb_file_destroy(struct ovsdb_replica *replica)
{
    struct ovsdb_file *file = ovsdb_file_cast(replica);

    ovsdb_log_close(file->log);
    free(file);
}

static const struct ovsdb_replica_class ovsdb_file_class = {
    .commit = ovsdb_file_commit,
    .destroy = ovsdb_file_destroy,
};

/* Snapshots and compaction. */

void
ovsdb_file_snapshot_records(const struct ovsdb *db, const char *comment,
                            bool is_diff, json_t *records[2])
{
    records[0] = ovsdb_schema_to_json(db->schema);
    records[1] = file_finish_record(ovsdb_to_txn_json(db, NULL), comment,
                                    is_diff);
}

struct ovsdb_error *
ovsdb_file_snapshot(struct ovsdb_file *file, const struct ovsdb *db,
                    const json_t *schema_json, const char *comment)
{
    struct ovsdb_error *error;
    json_t *records[2];

    ovsdb_file_snapshot_records(db, comment, true, records);
    if (schema_json) {
        json_decref(records[0]);
        records[0] = json_clone(schema_json);
    }
    error = ovsdb_log_replace(file->log, records, 2);
    json_decref(records[0]);
    json_decref(records[1]);

    if (!error) {
        ovsdb_log_mark_base(file->log);
        file->n_transactions = 0;
        file->last_compact = ovsdb_file_time_msec();
        file->next_try = 0;
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_compact(struct ovsdb_file *file, const char *comment)
{
    return ovsdb_file_snapshot(file, file->db, NULL, comment);
}

bool
ovsdb_file_compaction_due(const struct ovsdb_file *file, long long int now)
{
    long long int elapsed = now - file->last_compact;

    if (file->n_transactions < FILE_COMPACT_MIN_TXNS
        || now < file->next_try) {
        return false;
    }
    if (elapsed >= FILE_COMPACT_MAX_MSEC) {
        return true;
    }
    return elapsed >= FILE_COMPACT_MIN_MSEC
           && ovsdb_log_grew_lots(file->log);
}

struct ovsdb_error *
ovsdb_file_compact_if_due(struct ovsdb_file *file)
{
    long long int now = ovsdb_file_time_msec();
    struct ovsdb_error *error;

    if (!ovsdb_file_compaction_due(file, now)) {
        return NULL;
    }
    error = ovsdb_file_compact(file, "compacting database online");
    if (error) {
        file->next_try = now + FILE_COMPACT_RETRY_MSEC;
    }
    return error;
}

struct ovsdb_error *
ovsdb_file_save_copy(const char *file_name, int locking, const char *comment,
                     const struct ovsdb *db)
{
    struct ovsdb_error *error;
    struct ovsdb_log *log;
    json_t *records[2];

    error = ovsdb_log_open(file_name, OVSDB_MAGIC, OVSDB_LOG_CREATE, locking,
                           &log);
    if (error) {
        return error;
    }

    ovsdb_file_snapshot_records(db, comment, false, records);
    for (int i = 0; i < 2 && !error; i++) {
        error = ovsdb_log_write(log, records[i]);
    }
    if (!error) {
        error = ovsdb_log_commit_block(log);
    }
    json_decref(records[0]);
    json_decref(records[1]);
    ovsdb_log_close(log);
    return error;
}
