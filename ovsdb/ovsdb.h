/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_OVSDB_H
#define OVSDB_OVSDB_H 1

#include <stdbool.h>
#include <jansson.h>
#include "openvswitch/compiler.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"

/* An OVSDB database: its schema (RFC 7047 <database-schema>) and its
 * tables, plus the hooks that let storage and monitors observe committed
 * transactions.
 *
 * Transactions are in transaction.h, the "transact" method in
 * execution.h. */

struct ovsdb_storage;
struct ovsdb_txn;

/* A database schema. */
struct ovsdb_schema {
    char *name;                 /* Database name. */
    char *version;              /* "x.y.z", or "" if the schema has none. */
    char *cksum;                /* "cksum" member, or "" if none. */
    struct shash tables;        /* Maps a table name to its
                                 * struct ovsdb_table_schema *, owned. */
};

/* Creates an empty schema (each string is copied; NULL means ""). */
struct ovsdb_schema *ovsdb_schema_create(const char *name,
                                         const char *version,
                                         const char *cksum);

/* Returns a copy of a schema, whose tables and columns may iterate in
 * another order than the original's (see ovsdb_table_schema_clone()). */
struct ovsdb_schema *ovsdb_schema_clone(const struct ovsdb_schema *);
void ovsdb_schema_destroy(struct ovsdb_schema *);

/* Reads and parses the schema in file 'file_name' into '*schemap' (NULL on
 * error). */
struct ovsdb_error *ovsdb_schema_from_file(const char *file_name,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;

/* Parses <database-schema> 'json' into '*schemap' (NULL on error):
 * validates names (identifiers, no leading "_" for tables and columns),
 * the version ("x.y.z"), types, that every refTable names a table of the
 * schema, and indexes (which must name existing, non-ephemeral columns).
 * Errors are syntax errors with upstream's texts. */
struct ovsdb_error *ovsdb_schema_from_json(const json_t *,
                                           struct ovsdb_schema **schemap)
    OVS_WARN_UNUSED_RESULT;

/* Returns 'schema' as <database-schema> JSON. */
json_t *ovsdb_schema_to_json(const struct ovsdb_schema *);

/* True if 'a' and 'b' are the same schema (compared as JSON). */
bool ovsdb_schema_equal(const struct ovsdb_schema *a,
                        const struct ovsdb_schema *b);

/* Parses a schema version "x.y.z" (each part a nonnegative integer); on
 * success stores the parts in 'major', 'minor', 'patch' (any may be NULL)
 * and returns true. */
bool ovsdb_parse_version(const char *, int *major, int *minor, int *patch);
bool ovsdb_is_valid_version(const char *);

/* True if 's' is a valid OVSDB identifier: [_A-Za-z][_A-Za-z0-9]*. */
bool ovsdb_is_valid_id(const char *s);

/* Observers of committed transactions ("replicas" in upstream's older
 * terms): the file storage that writes each transaction to the log, and
 * the server's monitors that turn transactions into "update"
 * notifications.
 *
 * ovsdb_txn_commit() calls each replica's 'commit' in the order they were
 * added, after the transaction passed every check and before it takes
 * effect in the tables, so a replica sees both the old and the new rows
 * (ovsdb_txn_for_each_change()).  If one returns an error, the
 * transaction aborts and the remaining replicas are not called: so add
 * replicas that may fail (storage) before those that cannot (monitors). */
struct ovsdb_replica {
    struct ovs_list node;       /* In struct ovsdb's 'replicas'. */
    const struct ovsdb_replica_class *class; /* What this replica does. */
};

struct ovsdb_replica_class {
    /* Sees 'txn', which is about to commit to the database.  'durable'
     * says whether the client asked (with "commit" "durable": true) that
     * the transaction be on stable storage before the reply.  Returns
     * NULL, or an error that vetoes the commit (the caller takes it). */
    struct ovsdb_error *(*commit)(struct ovsdb_replica *,
                                  const struct ovsdb_txn *txn,
                                  bool durable);

    /* Destroys the replica ('ovsdb_destroy()' calls it for replicas still
     * attached).  May be NULL if there is nothing to free. */
    void (*destroy)(struct ovsdb_replica *);
};

/* Initializes 'replica' with 'class'. */
void ovsdb_replica_init(struct ovsdb_replica *,
                        const struct ovsdb_replica_class *);

/* A database. */
struct ovsdb {
    char *name;                 /* Database name, as in 'schema'. */
    struct ovsdb_schema *schema; /* Owned; the tables point into it. */
    struct ovsdb_storage *storage; /* Owned by whoever created the database
                                    * with it; not used by this module. */
    struct shash tables;        /* Maps a table name to its
                                 * struct ovsdb_table *, owned. */
    struct ovs_list replicas;   /* Contains struct ovsdb_replica's. */
    struct ovs_list monitors;   /* For the server's monitors (the server's
                                 * type, with a struct ovs_list node). */
    struct ovs_list triggers;   /* For the server's pending transactions
                                 * (the server's type). */
    bool run_triggers;          /* Set by every commit: the server should
                                 * retry its pending triggers. */
    struct ovsdb_txn *txn;      /* The open transaction, if any: at most
                                 * one at a time. */
    unsigned long long int n_commits; /* Number of committed transactions
                                       * since creation (including
                                       * replays). */
};

/* Creates a database with 'schema' (which it takes over) and no rows, and
 * resolves every column's refTable.  'storage' (may be NULL) is kept in
 * 'db->storage' for the caller's use. */
struct ovsdb *ovsdb_create(struct ovsdb_schema *schema,
                           struct ovsdb_storage *storage);

/* Destroys 'db': its replicas (through their 'destroy'), tables and
 * schema.  The caller destroys any open transaction, monitors and triggers
 * first.  NULL is allowed. */
void ovsdb_destroy(struct ovsdb *db);

/* Returns the table named 'name', or NULL. */
struct ovsdb_table *ovsdb_get_table(const struct ovsdb *, const char *name);

/* Adds 'replica' to 'db' (at the end of the list) / removes it (without
 * destroying it). */
void ovsdb_add_replica(struct ovsdb *db, struct ovsdb_replica *replica);
void ovsdb_remove_replica(struct ovsdb *db, struct ovsdb_replica *replica);

/* Moves every table and the schema of 'src' into 'dst', replacing what
 * 'dst' had (its rows are freed), then destroys 'src'.  Replicas, monitors
 * and triggers of 'dst' stay (the caller tells them).  For online schema
 * conversion and "reload". */
void ovsdb_replace(struct ovsdb *dst, struct ovsdb *src);

/* Returns the total number of rows in 'db'. */
size_t ovsdb_n_rows(const struct ovsdb *db);

#endif /* ovsdb/ovsdb.h */
