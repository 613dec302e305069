/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "condition.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "row.h"
#include "table.h"

void
ovsdb_condition_init(struct ovsdb_condition *cnd)
{
    cnd->clauses = NULL;
    cnd->n_clauses = 0;
}

bool
ovsdb_condition_empty(const struct ovsdb_condition *cnd)
{
    return !cnd->n_clauses;
}

/* Parses one clause 'json' into 'clause'. */
static struct ovsdb_error *
clause_from_json(const struct ovsdb_table_schema *ts, const json_t *json,
                 struct ovsdb_symbol_table *symtab,
                 struct ovsdb_clause *clause)
{
    const json_t *column_json, *function_json, *arg_json;
    struct ovsdb_error *error;
    struct ovsdb_type type;
    const char *function_name;

    if (json_is_boolean(json)) {
        clause->function = json_is_true(json) ? OVSDB_F_TRUE : OVSDB_F_FALSE;
        clause->column = NULL;
        clause->index = UINT_MAX;
        ovsdb_datum_init_empty(&clause->arg);
        return NULL;
    }

    if (!json_is_array(json) || json_array_size(json) != 3
        || !json_is_string(json_array_get(json, 0))
        || !json_is_string(json_array_get(json, 1))) {
        return ovsdb_syntax_error(json, NULL, "Parse error in condition.");
    }
    column_json = json_array_get(json, 0);
    function_json = json_array_get(json, 1);
    arg_json = json_array_get(json, 2);

    clause->column = ovsdb_table_schema_get_column(
        ts, json_string_value(column_json));
    if (!clause->column) {
        return ovsdb_syntax_error(json, "unknown column",
                                  "No column %s in table %s.",
                                  json_string_value(column_json), ts->name);
    }
    clause->index = clause->column->index;

    function_name = json_string_value(function_json);
    error = ovsdb_function_from_string(function_name, &clause->function);
    if (error) {
        ovsdb_error_destroy(error);
        return ovsdb_error("unknown function", "No function named %s.",
                           function_name);
    }

    /* The argument's type: the column's, minus the element count
     * constraints for the functions that deal with subsets, or a scalar
     * for the ordering functions. */
    ovsdb_type_clone(&type, &clause->column->type);
    switch (clause->function) {
    case OVSDB_F_LT:
    case OVSDB_F_LE:
    case OVSDB_F_GT:
    case OVSDB_F_GE:
        if (!ovsdb_type_is_scalar(&type)
            && !ovsdb_type_is_optional_scalar(&type)) {
            goto type_mismatch;
        }
        if (type.key.type != OVSDB_TYPE_INTEGER
            && type.key.type != OVSDB_TYPE_REAL) {
            goto type_mismatch;
        }
        type.n_min = 1;
        break;

    case OVSDB_F_EQ:
    case OVSDB_F_NE:
        break;

    case OVSDB_F_EXCLUDES:
        if (!ovsdb_type_is_scalar(&type)) {
            type.n_min = 0;
            type.n_max = UINT_MAX;
        }
        break;

    case OVSDB_F_INCLUDES:
        if (!ovsdb_type_is_scalar(&type)) {
            type.n_min = 0;
        }
        break;

    case OVSDB_F_TRUE:
    case OVSDB_F_FALSE:
        OVS_NOT_REACHED();
    }

    error = ovsdb_datum_from_json(&clause->arg, &type, arg_json, symtab);
    ovsdb_type_destroy(&type);
    return error;

type_mismatch: {
        char *english = ovsdb_type_to_english(&clause->column->type);

        error = ovsdb_syntax_error(json, NULL, "Type mismatch: \"%s\" "
                                   "operator may not be applied to column "
                                   "%s of type %s.",
                                   function_name, clause->column->name,
                                   english);
        free(english);
        ovsdb_type_destroy(&type);
        return error;
    }
}

/* Returns the type of 'clause''s argument (for freeing and comparing
 * it): the column's type, which has the same atomic types. */
static const struct ovsdb_type *
clause_arg_type(const struct ovsdb_clause *clause)
{
    return &clause->column->type;
}

static void
clause_destroy(struct ovsdb_clause *clause)
{
    if (clause->column) {
        ovsdb_datum_destroy(&clause->arg, clause_arg_type(clause));
    }
}

static int
compare_clauses_3way(const struct ovsdb_clause *a,
                     const struct ovsdb_clause *b)
{
    if (a->function != b->function) {
        return a->function < b->function ? -1 : 1;
    } else if (!a->column || !b->column) {
        return 0;
    } else if (a->column->index != b->column->index) {
        return a->column->index < b->column->index ? -1 : 1;
    } else {
        return ovsdb_datum_compare_3way(&a->arg, &b->arg,
                                        clause_arg_type(a));
    }
}

static int
compare_clauses_qsort(const void *a, const void *b)
{
    return compare_clauses_3way(a, b);
}

struct ovsdb_error *
ovsdb_condition_from_json(const struct ovsdb_table_schema *ts,
                          const json_t *json,
                          struct ovsdb_symbol_table *symtab,
                          struct ovsdb_condition *cnd)
{
    size_t i, n;

    ovsdb_condition_init(cnd);
    if (!json_is_array(json)) {
        return ovsdb_syntax_error(json, NULL, "array expected");
    }

    n = json_array_size(json);
    cnd->clauses = xmalloc((n ? n : 1) * sizeof *cnd->clauses);
    for (i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = clause_from_json(ts, json_array_get(json, i), symtab,
                                 &cnd->clauses[i]);
        if (error) {
            ovsdb_condition_destroy(cnd);
            return error;
        }
        cnd->n_clauses++;
    }

    /* Sort the clauses and drop duplicates, so that equal conditions
     * compare equal. */
    if (cnd->n_clauses > 1) {
        size_t dst = 1;

        qsort(cnd->clauses, cnd->n_clauses, sizeof *cnd->clauses,
              compare_clauses_qsort);
        for (i = 1; i < cnd->n_clauses; i++) {
            if (!compare_clauses_3way(&cnd->clauses[i],
                                      &cnd->clauses[dst - 1])) {
                clause_destroy(&cnd->clauses[i]);
            } else {
                cnd->clauses[dst++] = cnd->clauses[i];
            }
        }
        cnd->n_clauses = dst;
    }
    return NULL;
}

static json_t *
clause_to_json(const struct ovsdb_clause *clause)
{
    if (!clause->column) {
        return json_boolean(clause->function == OVSDB_F_TRUE);
    }
    return json_pack("[sso]", clause->column->name,
                     ovsdb_function_to_string(clause->function),
                     ovsdb_datum_to_json(&clause->arg,
                                         clause_arg_type(clause)));
}

json_t *
ovsdb_condition_to_json(const struct ovsdb_condition *cnd)
{
    json_t *json = json_array();
    size_t i;

    for (i = 0; i < cnd->n_clauses; i++) {
        json_array_append_new(json, clause_to_json(&cnd->clauses[i]));
    }
    return json;
}

void
ovsdb_condition_destroy(struct ovsdb_condition *cnd)
{
    size_t i;

    for (i = 0; i < cnd->n_clauses; i++) {
        clause_destroy(&cnd->clauses[i]);
    }
    free(cnd->clauses);
    ovsdb_condition_init(cnd);
}

/* Evaluates 'clause' against 'field', the value of its column. */
static bool
clause_matches(const struct ovsdb_datum *field,
               const struct ovsdb_clause *clause)
{
    const struct ovsdb_type *type;
    int cmp;

    switch (clause->function) {
    case OVSDB_F_TRUE:
        return true;
    case OVSDB_F_FALSE:
        return false;
    default:
        break;
    }

    type = &clause->column->type;
    switch (clause->function) {
    case OVSDB_F_EQ:
        return ovsdb_datum_equals(field, &clause->arg, type);
    case OVSDB_F_NE:
        return !ovsdb_datum_equals(field, &clause->arg, type);
    case OVSDB_F_INCLUDES:
        return ovsdb_datum_includes_all(field, &clause->arg, type);
    case OVSDB_F_EXCLUDES:
        return ovsdb_datum_excludes_all(field, &clause->arg, type);
    case OVSDB_F_LT:
    case OVSDB_F_LE:
    case OVSDB_F_GT:
    case OVSDB_F_GE:
        if (field->n != 1 || clause->arg.n != 1) {
            return false;
        }
        cmp = ovsdb_atom_compare_3way(&field->keys[0], &clause->arg.keys[0],
                                      type->key.type);
        return (clause->function == OVSDB_F_LT ? cmp < 0
                : clause->function == OVSDB_F_LE ? cmp <= 0
                : clause->function == OVSDB_F_GT ? cmp > 0
                : cmp >= 0);
    case OVSDB_F_TRUE:
    case OVSDB_F_FALSE:
    default:
        OVS_NOT_REACHED();
    }
}

bool
ovsdb_condition_match_every_clause(const struct ovsdb_row *row,
                                   const struct ovsdb_condition *cnd)
{
    size_t i;

    for (i = 0; i < cnd->n_clauses; i++) {
        const struct ovsdb_clause *clause = &cnd->clauses[i];
        const struct ovsdb_datum *field = (clause->column
                                           ? &row->fields[clause->index]
                                           : NULL);

        if (!clause_matches(field, clause)) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_condition_match_any_clause(const struct ovsdb_datum *row_datum,
                                 const struct ovsdb_condition *cnd,
                                 const unsigned int index_map[])
{
    size_t i;

    for (i = 0; i < cnd->n_clauses; i++) {
        const struct ovsdb_clause *clause = &cnd->clauses[i];
        const struct ovsdb_datum *field = NULL;

        if (clause->column) {
            unsigned int idx = index_map ? index_map[clause->index]
                                         : clause->index;
            field = &row_datum[idx];
        }
        if (clause_matches(field, clause)) {
            return true;
        }
    }
    return false;
}

int
ovsdb_condition_cmp_3way(const struct ovsdb_condition *a,
                         const struct ovsdb_condition *b)
{
    size_t i;

    if (a->n_clauses != b->n_clauses) {
        return a->n_clauses < b->n_clauses ? -1 : 1;
    }
    for (i = 0; i < a->n_clauses; i++) {
        int cmp = compare_clauses_3way(&a->clauses[i], &b->clauses[i]);
        if (cmp) {
            return cmp;
        }
    }
    return 0;
}

void
ovsdb_condition_clone(struct ovsdb_condition *to,
                      const struct ovsdb_condition *from)
{
    size_t i;

    to->n_clauses = from->n_clauses;
    to->clauses = xmalloc((from->n_clauses ? from->n_clauses : 1)
                          * sizeof *to->clauses);
    for (i = 0; i < from->n_clauses; i++) {
        const struct ovsdb_clause *src = &from->clauses[i];
        struct ovsdb_clause *dst = &to->clauses[i];

        *dst = *src;
        if (src->column) {
            ovsdb_datum_clone(&dst->arg, &src->arg, clause_arg_type(src));
        }
    }
}

bool
ovsdb_condition_is_true(const struct ovsdb_condition *cnd)
{
    return cnd->n_clauses == 1 && cnd->clauses[0].function == OVSDB_F_TRUE;
}

bool
ovsdb_condition_is_false(const struct ovsdb_condition *cnd)
{
    return cnd->n_clauses == 1 && cnd->clauses[0].function == OVSDB_F_FALSE;
}

const struct ovsdb_column **
ovsdb_condition_get_columns(const struct ovsdb_condition *cnd,
                            size_t *n_columns)
{
    const struct ovsdb_column **columns;
    size_t i, j, n = 0;

    columns = xmalloc((cnd->n_clauses ? cnd->n_clauses : 1)
                      * sizeof *columns);
    for (i = 0; i < cnd->n_clauses; i++) {
        const struct ovsdb_column *column = cnd->clauses[i].column;

        if (!column) {
            continue;
        }
        for (j = 0; j < n; j++) {
            if (columns[j] == column) {
                break;
            }
        }
        if (j == n) {
            columns[n++] = column;
        }
    }
    *n_columns = n;
    return columns;
}
