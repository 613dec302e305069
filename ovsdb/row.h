/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_ROW_H
#define OVSDB_ROW_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "column.h"
#include "openvswitch/compiler.h"
#include "openvswitch/hmap.h"
#include "ovsdb-data.h"
#include "table.h"
#include "uuid.h"

/* OVSDB rows.
 *
 * A row is one allocation: the header, then one datum per column of its
 * table (standard columns included: fields[OVSDB_COL_UUID] holds the row's
 * UUID, fields[OVSDB_COL_VERSION] its version), then one hmap node per
 * table index. */

struct ds;
struct ovsdb_column_set;
struct ovsdb_txn_row;

/* A row. */
struct ovsdb_row {
    struct hmap_node hmap_node; /* In 'table->rows', by UUID hash. */
    struct ovsdb_table *table;  /* Table the row belongs to. */
    struct ovsdb_txn_row *txn_row; /* Nonnull if the open transaction
                                    * modifies this row (for both the old
                                    * and the new version). */
    size_t n_refs;              /* Number of strong references to this row
                                 * from other committed rows (an atom counts
                                 * once per occurrence; a row's references
                                 * to itself do not count, as upstream).
                                 * Maintained by transaction commit, for
                                 * garbage collection and delete checks. */
    unsigned int n_extra_owners; /* Owners besides the first, which took the
                                  * row with ovsdb_row_ref() (e.g. the
                                  * monitor history).  A committed row's
                                  * fields never change, so it can be
                                  * shared. */
    struct hmap_node *index_nodes; /* One per table index, in the index's
                                    * hmap in 'table->indexes' while the row
                                    * is committed.  Points into this
                                    * row's allocation. */
    struct ovsdb_datum fields[]; /* One per column, by column index. */
};

/* Creates a row of 'table' with every column at its default value (the
 * UUID and version all-zeros: the caller sets them).  The row is not added
 * to the table. */
struct ovsdb_row *ovsdb_row_create(const struct ovsdb_table *);

/* Creates a row of 'table' like ovsdb_row_create(), except that only the
 * columns in 'columns' get their default values: the others are empty,
 * even where their type requires a value, and cost no allocation.  Only
 * for a row that is read on 'columns' alone (hashed, compared) and then
 * destroyed, such as the rows that a "wait" operation expects. */
struct ovsdb_row *ovsdb_row_create_partial(const struct ovsdb_table *,
                                           const struct ovsdb_column_set *);

/* Returns a deep copy of 'row' (not in any table or transaction; n_refs
 * copied). */
struct ovsdb_row *ovsdb_row_clone(const struct ovsdb_row *);

/* Drops the caller's ownership of 'row' (NULL allowed), freeing it if no
 * other owner remains (see ovsdb_row_ref()).  The caller removes it from
 * its table first. */
void ovsdb_row_destroy(struct ovsdb_row *);

/* Adds an owner to 'row', which must not change any more (a committed row,
 * or one about to be committed), and returns 'row'.  The new owner releases
 * it with ovsdb_row_destroy(); the row must not outlive its table. */
struct ovsdb_row *ovsdb_row_ref(const struct ovsdb_row *);

/* Hashes the values of 'columns' in 'row' with 'basis'. */
uint32_t ovsdb_row_hash_columns(const struct ovsdb_row *,
                                const struct ovsdb_column_set *,
                                uint32_t basis);

/* True if 'a' and 'b' (rows of the same table) have equal values in
 * 'columns'. */
bool ovsdb_row_equal_columns(const struct ovsdb_row *a,
                             const struct ovsdb_row *b,
                             const struct ovsdb_column_set *);

/* Compares 'a' and 'b' on 'columns' in order, like a 3-way compare. */
int ovsdb_row_compare_columns_3way(const struct ovsdb_row *a,
                                   const struct ovsdb_row *b,
                                   const struct ovsdb_column_set *);

/* Copies the values of 'columns' from 'src' into 'dst'.  If 'xor' is
 * true, the values in 'src' are diffs (ovsdb_datum_diff()) to apply to
 * 'dst' instead; an error (and partial update) results if a diff breaks
 * the column's size limits. */
struct ovsdb_error *ovsdb_row_update_columns(struct ovsdb_row *dst,
                                             const struct ovsdb_row *src,
                                             const struct ovsdb_column_set *,
                                             bool xor)
    OVS_WARN_UNUSED_RESULT;

/* Appends the values of 'columns' in 'row' to 'out' in the string syntax,
 * separated by ", " (for error messages). */
void ovsdb_row_columns_to_string(const struct ovsdb_row *,
                                 const struct ovsdb_column_set *,
                                 struct ds *out);

/* Parses <row> 'json' (an object mapping column names to values) into
 * 'row'.  Columns named in 'json' are added to 'included' if it is
 * nonnull.  Names starting with "_" (the standard columns) and unknown
 * names are "unknown column" errors.  If 'is_diff', values are diffs
 * (ovsdb_datum_diff()) applied to the row's current values. */
struct ovsdb_error *ovsdb_row_from_json(struct ovsdb_row *, const json_t *,
                                        struct ovsdb_symbol_table *,
                                        struct ovsdb_column_set *included,
                                        bool is_diff)
    OVS_WARN_UNUSED_RESULT;

/* Returns the values of the columns of 'include' in 'row' as a <row>
 * object. */
json_t *ovsdb_row_to_json(const struct ovsdb_row *,
                          const struct ovsdb_column_set *include);

static inline const struct uuid *
ovsdb_row_get_uuid(const struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_UUID].keys[0].uuid;
}

static inline struct uuid *
ovsdb_row_get_uuid_rw(struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_UUID].keys[0].uuid;
}

static inline const struct uuid *
ovsdb_row_get_version(const struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_VERSION].keys[0].uuid;
}

static inline struct uuid *
ovsdb_row_get_version_rw(struct ovsdb_row *row)
{
    return &row->fields[OVSDB_COL_VERSION].keys[0].uuid;
}

/* Returns the row whose index node 'i' is 'node', in 'table'. */
struct ovsdb_row *ovsdb_row_from_index_node(const struct hmap_node *node,
                                            const struct ovsdb_table *table,
                                            size_t i);

/* Returns the hash used for 'row' in its table's 'rows'. */
static inline uint32_t
ovsdb_row_hash(const struct ovsdb_row *row)
{
    return uuid_hash(ovsdb_row_get_uuid(row));
}

/* A set of rows hashed on some of their columns, for "wait" and the
 * like. */
struct ovsdb_row_hash {
    struct hmap rows;           /* Contains struct ovsdb_row_hash_node. */
    struct ovsdb_column_set columns; /* Columns that are hashed/compared. */
};

/* An element of an ovsdb_row_hash. */
struct ovsdb_row_hash_node {
    struct hmap_node hmap_node; /* In struct ovsdb_row_hash's 'rows'. */
    const struct ovsdb_row *row; /* The row (not owned unless the
                                  * destroy call says so). */
};

/* Initializes 'rh' for rows compared on 'columns' (copied). */
void ovsdb_row_hash_init(struct ovsdb_row_hash *rh,
                         const struct ovsdb_column_set *columns);

/* Frees 'rh'; also destroys the rows themselves if 'destroy_rows'. */
void ovsdb_row_hash_destroy(struct ovsdb_row_hash *rh, bool destroy_rows);
size_t ovsdb_row_hash_count(const struct ovsdb_row_hash *);

/* True if 'rh' holds a row equal to 'row' on the hashed columns. */
bool ovsdb_row_hash_contains(const struct ovsdb_row_hash *,
                             const struct ovsdb_row *);

/* True if every row of 'b' is in 'a' (both hashed on equal columns). */
bool ovsdb_row_hash_contains_all(const struct ovsdb_row_hash *a,
                                 const struct ovsdb_row_hash *b);

/* Adds 'row' unless an equal one is there; returns true if added. */
bool ovsdb_row_hash_insert(struct ovsdb_row_hash *, const struct ovsdb_row *);

/* An array of rows, e.g. the result of a query. */
struct ovsdb_row_set {
    const struct ovsdb_row **rows; /* The rows (not owned). */
    size_t n_rows;              /* Number of 'rows'. */
    size_t allocated_rows;      /* Allocated size of 'rows'. */
};

#define OVSDB_ROW_SET_INITIALIZER { NULL, 0, 0 }

void ovsdb_row_set_init(struct ovsdb_row_set *);
void ovsdb_row_set_destroy(struct ovsdb_row_set *);
void ovsdb_row_set_add_row(struct ovsdb_row_set *, const struct ovsdb_row *);

/* Returns the rows of 'set' as a JSON array of <row>s limited to
 * 'columns'. */
json_t *ovsdb_row_set_to_json(const struct ovsdb_row_set *,
                              const struct ovsdb_column_set *columns);

/* Sorts 'set' by 'columns' (ovsdb_row_compare_columns_3way()). */
void ovsdb_row_set_sort(struct ovsdb_row_set *,
                        const struct ovsdb_column_set *columns);

#endif /* ovsdb/row.h */
