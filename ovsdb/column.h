/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_COLUMN_H
#define OVSDB_COLUMN_H 1

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "openvswitch/compiler.h"
#include "ovsdb-types.h"

/* Columns of an OVSDB table schema (RFC 7047 <column-schema>), and sets
 * of columns.
 *
 * Every table has two standard columns ahead of the schema's own:
 * "_uuid" (index OVSDB_COL_UUID) and "_version" (OVSDB_COL_VERSION), both
 * immutable UUIDs.  A column's 'index' is its position in each row's
 * 'fields' array. */

struct ovsdb_table;
struct ovsdb_table_schema;

/* A column. */
struct ovsdb_column {
    unsigned int index;         /* Index in struct ovsdb_row's 'fields'. */
    char *name;                 /* Column name (owned). */
    bool mutable;               /* False if "mutable": false: the column is
                                 * set by "insert" and never changed. */
    bool persistent;            /* False if "ephemeral": true: the column is
                                 * not written to the log. */
    struct ovsdb_type type;     /* The column's type. */
};

/* Indexes of the standard columns. */
enum {
    OVSDB_COL_UUID = 0,         /* "_uuid". */
    OVSDB_COL_VERSION = 1,      /* "_version". */
    OVSDB_N_STD_COLUMNS
};

/* Creates a column named 'name' of 'type' (copied).  Its 'index' is set
 * when it is added to a table schema. */
struct ovsdb_column *ovsdb_column_create(const char *name, bool mutable,
                                         bool persistent,
                                         const struct ovsdb_type *);
struct ovsdb_column *ovsdb_column_clone(const struct ovsdb_column *);
void ovsdb_column_destroy(struct ovsdb_column *);

/* Parses <column-schema> 'json' for a column named 'name' into a new
 * column stored in '*columnp' (NULL on error). */
struct ovsdb_error *ovsdb_column_from_json(const json_t *, const char *name,
                                           struct ovsdb_column **columnp)
    OVS_WARN_UNUSED_RESULT;

/* Returns the <column-schema> of 'column' (members "type", and "ephemeral"
 * and "mutable" only when not the default). */
json_t *ovsdb_column_to_json(const struct ovsdb_column *);

/* An ordered set of columns of one table (order matters for "columns" in
 * "select" and for index definitions). */
struct ovsdb_column_set {
    const struct ovsdb_column **columns; /* The columns, not owned. */
    size_t n_columns;           /* Number of 'columns'. */
    size_t allocated_columns;   /* Allocated size of 'columns'. */
};

#define OVSDB_COLUMN_SET_INITIALIZER { NULL, 0, 0 }

void ovsdb_column_set_init(struct ovsdb_column_set *);
void ovsdb_column_set_destroy(struct ovsdb_column_set *);
void ovsdb_column_set_clone(struct ovsdb_column_set *dst,
                            const struct ovsdb_column_set *src);

/* Parses 'json', an array of column names of 'schema', into 'set' (which
 * this function initializes).  Duplicate names are a syntax error; unknown
 * ones an "unknown column" error. */
struct ovsdb_error *ovsdb_column_set_from_json(
    const json_t *, const struct ovsdb_table_schema *,
    struct ovsdb_column_set *)
    OVS_WARN_UNUSED_RESULT;

/* Returns 'set' as a JSON array of column names. */
json_t *ovsdb_column_set_to_json(const struct ovsdb_column_set *);

/* Returns 'set' as a malloc'd string "a, b, c" (for error messages). */
char *ovsdb_column_set_to_string(const struct ovsdb_column_set *);

/* Appends 'column' to 'set'. */
void ovsdb_column_set_add(struct ovsdb_column_set *,
                          const struct ovsdb_column *);

/* Appends every column of 'table''s schema (standard columns included), in
 * the order of the schema's 'columns' shash. */
void ovsdb_column_set_add_all(struct ovsdb_column_set *,
                              const struct ovsdb_table *);

/* Returns the position of the column with index 'column_index' in 'set',
 * or -1 if it is not there. */
int ovsdb_column_set_find(const struct ovsdb_column_set *,
                          unsigned int column_index);

static inline bool
ovsdb_column_set_contains(const struct ovsdb_column_set *set,
                          unsigned int column_index)
{
    return ovsdb_column_set_find(set, column_index) >= 0;
}

static inline bool
ovsdb_column_set_is_empty(const struct ovsdb_column_set *set)
{
    return !set->n_columns;
}

/* True if 'a' and 'b' have the same columns in the same order. */
bool ovsdb_column_set_equals(const struct ovsdb_column_set *a,
                             const struct ovsdb_column_set *b);

/* True if 'a' and 'b' have any column in common. */
bool ovsdb_column_set_overlaps(const struct ovsdb_column_set *a,
                               const struct ovsdb_column_set *b);

#endif /* ovsdb/column.h */
