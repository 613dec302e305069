/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_MUTATION_H
#define OVSDB_MUTATION_H 1

#include <stddef.h>
#include <jansson.h>
#include "openvswitch/compiler.h"
#include "ovsdb-data.h"

/* Mutations (RFC 7047 section 5.1, <mutation>), for the "mutate"
 * operation: [column, mutator, value] with mutator one of "+=", "-=",
 * "*=", "/=", "%=" (integer and real columns, element by element for
 * sets; "%=" integers only), "insert" and "delete" (sets and maps). */

struct ovsdb_column;
struct ovsdb_row;
struct ovsdb_symbol_table;
struct ovsdb_table_schema;

enum ovsdb_mutator {
    OVSDB_M_ADD,                /* "+=". */
    OVSDB_M_SUB,                /* "-=". */
    OVSDB_M_MUL,                /* "*=". */
    OVSDB_M_DIV,                /* "/=". */
    OVSDB_M_MOD,                /* "%=". */
    OVSDB_M_INSERT,             /* "insert". */
    OVSDB_M_DELETE              /* "delete". */
};

struct ovsdb_error *ovsdb_mutator_from_string(const char *,
                                              enum ovsdb_mutator *)
    OVS_WARN_UNUSED_RESULT;
const char *ovsdb_mutator_to_string(enum ovsdb_mutator);

/* One mutation. */
struct ovsdb_mutation {
    enum ovsdb_mutator mutator; /* What to do. */
    const struct ovsdb_column *column; /* Column to change. */
    struct ovsdb_datum arg;     /* Argument, of 'type'. */
    struct ovsdb_type type;     /* Type of 'arg' (derived from the column's
                                 * type and the mutator). */
};

/* A list of mutations applied in order. */
struct ovsdb_mutation_set {
    struct ovsdb_mutation *mutations; /* The mutations. */
    size_t n_mutations;         /* Number of 'mutations'. */
};

/* Parses 'json' (an array of mutations) for a table with schema 'ts' into
 * 'set' (initialized here).  Immutable columns are a "constraint
 * violation"; unknown columns "unknown column"; mismatched types syntax
 * errors. */
struct ovsdb_error *ovsdb_mutation_set_from_json(
    const struct ovsdb_table_schema *ts, const json_t *json,
    struct ovsdb_symbol_table *symtab, struct ovsdb_mutation_set *set)
    OVS_WARN_UNUSED_RESULT;
json_t *ovsdb_mutation_set_to_json(const struct ovsdb_mutation_set *);
void ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *);

/* Applies 'set' to 'row' (a modifiable row).  Errors: "domain error"
 * (division by zero), "range error" (integer overflow, or a result outside
 * the column's integer or real range), "constraint violation" (another
 * constraint broken, or too many or too few elements).  On error, 'row'
 * may be partly mutated (the caller aborts the transaction). */
struct ovsdb_error *ovsdb_mutation_set_execute(
    struct ovsdb_row *row, const struct ovsdb_mutation_set *set)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb/mutation.h */
