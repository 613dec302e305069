/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_CONDITION_H
#define OVSDB_CONDITION_H 1

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "openvswitch/compiler.h"
#include "ovsdb-condition.h"
#include "ovsdb-data.h"

/* Conditions (RFC 7047 section 5.1, <condition>): the "where" of
 * operations and the conditions of "monitor_cond".
 *
 * A condition is a conjunction of clauses [column, function, value] with
 * function one of "<", "<=", "==", "!=", ">=", ">", "includes",
 * "excludes".  The ordering functions apply only to integer and real
 * scalar (or optional scalar) columns; "==" and "!=" compare whole
 * values; "includes" is true if the column's value contains every element
 * of the argument, "excludes" if it contains none of them.  As in
 * upstream's monitor_cond, a clause may also be the bare JSON true or
 * false.  The functions are enum ovsdb_function, from
 * lib/ovsdb-condition.h. */

struct ovsdb_column;
struct ovsdb_row;
struct ovsdb_symbol_table;
struct ovsdb_table_schema;

/* One clause. */
struct ovsdb_clause {
    enum ovsdb_function function; /* What to test. */
    const struct ovsdb_column *column; /* Column tested, NULL for the
                                        * constants. */
    unsigned int index;         /* Index of 'column' in the datum array that
                                 * ovsdb_condition_match_any_clause() is
                                 * given (set by the caller's 'index_map';
                                 * 'column->index' by default). */
    struct ovsdb_datum arg;     /* Argument, of a type derived from the
                                 * column's (see the .c file). */
};

/* A condition: 'n_clauses' clauses, sorted and without duplicates. */
struct ovsdb_condition {
    struct ovsdb_clause *clauses; /* The clauses. */
    size_t n_clauses;           /* Number of 'clauses'. */
};

#define OVSDB_CONDITION_INITIALIZER(COND) { NULL, 0 }

void ovsdb_condition_init(struct ovsdb_condition *);

/* True if 'cnd' has no clauses (matches every row in "where", but
 * matches nothing as a monitor condition: see
 * ovsdb_condition_empty_or_match_any()). */
bool ovsdb_condition_empty(const struct ovsdb_condition *);

/* Parses 'json' (an array of clauses) for a table with schema 'ts' into
 * 'cnd', which this function initializes.  Errors: "unknown column",
 * syntax errors with upstream's texts (e.g. "Type mismatch: \"<\"
 * operator may not be applied to column c of type string."), and
 * constraint violations from the argument. */
struct ovsdb_error *ovsdb_condition_from_json(
    const struct ovsdb_table_schema *ts, const json_t *json,
    struct ovsdb_symbol_table *symtab, struct ovsdb_condition *cnd)
    OVS_WARN_UNUSED_RESULT;

/* Returns 'cnd' as a JSON array of clauses. */
json_t *ovsdb_condition_to_json(const struct ovsdb_condition *);
void ovsdb_condition_destroy(struct ovsdb_condition *);

/* True if 'row' satisfies every clause of 'cnd' (true for no clauses). */
bool ovsdb_condition_match_every_clause(const struct ovsdb_row *row,
                                        const struct ovsdb_condition *cnd);

/* True if the row whose column values are 'row_datum' satisfies at least
 * one clause of 'cnd' (false for no clauses).  Clause i looks at
 * row_datum[index_map ? index_map[clause.index] : clause.index]. */
bool ovsdb_condition_match_any_clause(const struct ovsdb_datum *row_datum,
                                      const struct ovsdb_condition *cnd,
                                      const unsigned int index_map[]);

/* Monitor semantics: an empty condition means "everything". */
static inline bool
ovsdb_condition_empty_or_match_any(const struct ovsdb_datum *row_datum,
                                   const struct ovsdb_condition *cnd,
                                   const unsigned int index_map[])
{
    return (ovsdb_condition_empty(cnd)
            || ovsdb_condition_match_any_clause(row_datum, cnd, index_map));
}

/* Compares two conditions (after the sorting that from_json() does). */
int ovsdb_condition_cmp_3way(const struct ovsdb_condition *a,
                             const struct ovsdb_condition *b);

/* Initializes 'to' as a deep copy of 'from'. */
void ovsdb_condition_clone(struct ovsdb_condition *to,
                           const struct ovsdb_condition *from);

/* True if 'cnd' is exactly [true] / [false]. */
bool ovsdb_condition_is_true(const struct ovsdb_condition *);
bool ovsdb_condition_is_false(const struct ovsdb_condition *);

/* Returns a malloc'd array of the distinct columns that 'cnd' tests and
 * stores its size in '*n_columns'. */
const struct ovsdb_column **ovsdb_condition_get_columns(
    const struct ovsdb_condition *, size_t *n_columns);

#endif /* ovsdb/condition.h */
