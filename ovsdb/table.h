/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_TABLE_H
#define OVSDB_TABLE_H 1

#include <stdbool.h>
#include <jansson.h>
#include "openvswitch/compiler.h"
#include "openvswitch/hmap.h"
#include "openvswitch/shash.h"

/* OVSDB tables: a table's schema (RFC 7047 <table-schema>, plus upstream's
 * "indexes" and "isRoot" extensions) and its rows. */

struct ovsdb_column_set;
struct ovsdb_txn_table;
struct uuid;

/* A table's schema. */
struct ovsdb_table_schema {
    char *name;                 /* Table name (owned). */
    bool mutable;               /* The table's "mutable" member (default
                                 * true): kept and written back, not
                                 * enforced. */
    bool is_root;               /* Part of the root set?  Rows of non-root
                                 * tables that nothing references
                                 * (strongly) are garbage collected. */
    unsigned int max_rows;      /* "maxRows", or UINT_MAX. */
    struct shash columns;       /* Maps a column name to its
                                 * struct ovsdb_column *, which this schema
                                 * owns.  Includes "_uuid" and "_version";
                                 * column 'index'es are 0...n-1. */
    struct ovsdb_column **by_index; /* The same columns, in order of index
                                     * (shash_count(&columns) of them). */
    struct ovsdb_column_set *indexes; /* Each a set of columns whose values
                                       * must be unique among the rows. */
    size_t n_indexes;           /* Number of 'indexes'. */
};

/* Creates a table schema named 'name' that has only the standard columns
 * "_uuid" and "_version".  Add columns with ovsdb_table_schema_add_column()
 * (not directly into 'columns'). */
struct ovsdb_table_schema *ovsdb_table_schema_create(
    const char *name, bool mutable, unsigned int max_rows, bool is_root);

/* Adds 'column' (which 'ts' takes over) as the next column of 'ts'. */
void ovsdb_table_schema_add_column(struct ovsdb_table_schema *ts,
                                   struct ovsdb_column *column);

/* Returns a copy of a table schema.  The copy's columns are added in the
 * order in which the original's 'columns' iterates (as upstream's are), so
 * that their indexes, and the order in which the copy iterates them, may
 * differ from the original's. */
struct ovsdb_table_schema *ovsdb_table_schema_clone(
    const struct ovsdb_table_schema *);
void ovsdb_table_schema_destroy(struct ovsdb_table_schema *);

/* Parses <table-schema> 'json' for a table named 'name' into a new schema
 * stored in '*tsp' (NULL on error).  "isRoot" defaults to false here;
 * ovsdb_schema_from_json() makes every table root if no table in the
 * schema says "isRoot". */
struct ovsdb_error *ovsdb_table_schema_from_json(
    const json_t *, const char *name, struct ovsdb_table_schema **tsp)
    OVS_WARN_UNUSED_RESULT;

/* Returns the <table-schema> of 'ts'.  "isRoot" is written if it differs
 * from 'default_is_root'. */
json_t *ovsdb_table_schema_to_json(const struct ovsdb_table_schema *,
                                   bool default_is_root);

/* Returns the column of 'ts' named 'name', or NULL. */
const struct ovsdb_column *ovsdb_table_schema_get_column(
    const struct ovsdb_table_schema *, const char *name);

/* Returns the number of columns of 'ts', standard ones included (the
 * number of fields of each row). */
static inline size_t
ovsdb_table_schema_n_columns(const struct ovsdb_table_schema *ts)
{
    return shash_count(&ts->columns);
}

/* Returns a copy of 'ts->by_index' (the caller frees the array, not the
 * columns). */
const struct ovsdb_column **ovsdb_table_schema_columns_by_index(
    const struct ovsdb_table_schema *);

/* A table: a schema and rows. */
struct ovsdb_table {
    struct ovsdb_table_schema *schema; /* Owned. */
    struct ovsdb_txn_table *txn_table; /* Only during a transaction. */
    struct hmap rows;           /* Contains "struct ovsdb_row"s, by
                                 * uuid_hash() of their UUID.  While a
                                 * transaction is open, holds its view. */

    /* One hmap per index in 'schema->indexes', each holding the committed
     * rows by ovsdb_row_hash_columns() of the index columns, through the
     * rows' 'index_nodes'. */
    struct hmap *indexes;
};

/* Creates an empty table for 'ts', which the table takes over. */
struct ovsdb_table *ovsdb_table_create(struct ovsdb_table_schema *ts);

/* Destroys 'table', its rows and its schema. */
void ovsdb_table_destroy(struct ovsdb_table *);

/* Returns the row of 'table' with UUID 'uuid' (as the open transaction, if
 * any, sees it), or NULL. */
const struct ovsdb_row *ovsdb_table_get_row(const struct ovsdb_table *,
                                            const struct uuid *);

#endif /* ovsdb/table.h */
