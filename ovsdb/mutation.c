/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "mutation.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "row.h"
#include "table.h"

static const char *const mutator_names[] = {
    [OVSDB_M_ADD] = "+=",
    [OVSDB_M_SUB] = "-=",
    [OVSDB_M_MUL] = "*=",
    [OVSDB_M_DIV] = "/=",
    [OVSDB_M_MOD] = "%=",
    [OVSDB_M_INSERT] = "insert",
    [OVSDB_M_DELETE] = "delete",
};

struct ovsdb_error *
ovsdb_mutator_from_string(const char *name, enum ovsdb_mutator *mutator)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(mutator_names); i++) {
        if (!strcmp(name, mutator_names[i])) {
            *mutator = i;
            return NULL;
        }
    }
    return ovsdb_error("unknown mutator", "No mutator named %s.", name);
}

const char *
ovsdb_mutator_to_string(enum ovsdb_mutator mutator)
{
    return ((size_t) mutator < ARRAY_SIZE(mutator_names)
            ? mutator_names[mutator] : "<invalid>");
}

static struct ovsdb_error *
type_mismatch(const struct ovsdb_mutation *m, const json_t *json)
{
    char *english = ovsdb_type_to_english(&m->column->type);
    struct ovsdb_error *error;

    error = ovsdb_syntax_error(json, NULL, "Type mismatch: \"%s\" operator "
                               "may not be applied to column %s of type %s.",
                               ovsdb_mutator_to_string(m->mutator),
                               m->column->name, english);
    free(english);
    return error;
}

/* Parses one mutation 'json' into 'm'. */
static struct ovsdb_error *
mutation_from_json(const struct ovsdb_table_schema *ts, const json_t *json,
                   struct ovsdb_symbol_table *symtab,
                   struct ovsdb_mutation *m)
{
    const struct ovsdb_type *column_type;
    struct ovsdb_error *error;
    const char *column_name, *mutator_name;

    if (!json_is_array(json) || json_array_size(json) != 3
        || !json_is_string(json_array_get(json, 0))
        || !json_is_string(json_array_get(json, 1))) {
        return ovsdb_syntax_error(json, NULL, "Parse error in mutation.");
    }
    column_name = json_string_value(json_array_get(json, 0));
    mutator_name = json_string_value(json_array_get(json, 1));

    m->column = ovsdb_table_schema_get_column(ts, column_name);
    if (!m->column) {
        return ovsdb_syntax_error(json, "unknown column",
                                  "No column %s in table %s.",
                                  column_name, ts->name);
    }
    if (!m->column->mutable) {
        return ovsdb_syntax_error(json, "constraint violation",
                                  "Cannot mutate immutable column %s in "
                                  "table %s.", column_name, ts->name);
    }

    error = ovsdb_mutator_from_string(mutator_name, &m->mutator);
    if (error) {
        ovsdb_error_destroy(error);
        return ovsdb_error("unknown mutator", "No mutator named %s.",
                           mutator_name);
    }

    column_type = &m->column->type;
    ovsdb_type_clone(&m->type, column_type);
    switch (m->mutator) {
    case OVSDB_M_ADD:
    case OVSDB_M_SUB:
    case OVSDB_M_MUL:
    case OVSDB_M_DIV:
    case OVSDB_M_MOD:
        if ((column_type->key.type != OVSDB_TYPE_INTEGER
             && column_type->key.type != OVSDB_TYPE_REAL)
            || (m->mutator == OVSDB_M_MOD
                && column_type->key.type == OVSDB_TYPE_REAL)
            || ovsdb_type_is_map(column_type)) {
            error = type_mismatch(m, json);
            goto error;
        }
        /* The argument is a single, unconstrained number. */
        ovsdb_base_type_clear_constraints(&m->type.key);
        m->type.n_min = m->type.n_max = 1;
        break;

    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
        if (!ovsdb_type_is_set(column_type)
            && !ovsdb_type_is_map(column_type)) {
            error = type_mismatch(m, json);
            goto error;
        }
        m->type.n_min = 0;
        if (m->mutator == OVSDB_M_DELETE) {
            m->type.n_max = UINT_MAX;
        }
        break;
    }

    error = ovsdb_datum_from_json(&m->arg, &m->type, json_array_get(json, 2),
                                  symtab);
    if (error && m->mutator == OVSDB_M_DELETE
        && ovsdb_type_is_map(column_type)) {
        /* "delete" on a map also takes a set of keys. */
        struct ovsdb_error *error2;

        ovsdb_base_type_destroy(&m->type.value);
        ovsdb_base_type_init(&m->type.value, OVSDB_TYPE_VOID);
        error2 = ovsdb_datum_from_json(&m->arg, &m->type,
                                       json_array_get(json, 2), symtab);
        if (!error2) {
            ovsdb_error_destroy(error);
            error = NULL;
        } else {
            ovsdb_error_destroy(error2);
        }
    }
    if (error) {
        goto error;
    }
    return NULL;

error:
    ovsdb_type_destroy(&m->type);
    return error;
}

static void
mutation_destroy(struct ovsdb_mutation *m)
{
    ovsdb_datum_destroy(&m->arg, &m->type);
    ovsdb_type_destroy(&m->type);
}

struct ovsdb_error *
ovsdb_mutation_set_from_json(const struct ovsdb_table_schema *ts,
                             const json_t *json,
                             struct ovsdb_symbol_table *symtab,
                             struct ovsdb_mutation_set *set)
{
    size_t i, n;

    set->mutations = NULL;
    set->n_mutations = 0;
    if (!json_is_array(json)) {
        return ovsdb_syntax_error(json, NULL, "array expected");
    }

    n = json_array_size(json);
    set->mutations = xmalloc((n ? n : 1) * sizeof *set->mutations);
    for (i = 0; i < n; i++) {
        struct ovsdb_error *error;

        error = mutation_from_json(ts, json_array_get(json, i), symtab,
                                   &set->mutations[i]);
        if (error) {
            ovsdb_mutation_set_destroy(set);
            return error;
        }
        set->n_mutations++;
    }
    return NULL;
}

json_t *
ovsdb_mutation_set_to_json(const struct ovsdb_mutation_set *set)
{
    json_t *json = json_array();
    size_t i;

    for (i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_mutation *m = &set->mutations[i];

        json_array_append_new(json,
                              json_pack("[sso]", m->column->name,
                                        ovsdb_mutator_to_string(m->mutator),
                                        ovsdb_datum_to_json(&m->arg,
                                                            &m->type)));
    }
    return json;
}

void
ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *set)
{
    size_t i;

    for (i = 0; i < set->n_mutations; i++) {
        mutation_destroy(&set->mutations[i]);
    }
    free(set->mutations);
    set->mutations = NULL;
    set->n_mutations = 0;
}

/* Arithmetic. */

static struct ovsdb_error *
range_error(const struct ovsdb_mutation *m)
{
    return ovsdb_error("range error", "Result of \"%s\" operation is out of "
                       "range.", ovsdb_mutator_to_string(m->mutator));
}

/* Applies integer mutation 'm' with argument 'y' to '*x'. */
static struct ovsdb_error *
mutate_integer(const struct ovsdb_mutation *m, int64_t *x, int64_t y)
{
    int64_t result;

    switch (m->mutator) {
    case OVSDB_M_ADD:
        if (__builtin_add_overflow(*x, y, &result)) {
            return range_error(m);
        }
        break;
    case OVSDB_M_SUB:
        if (__builtin_sub_overflow(*x, y, &result)) {
            return range_error(m);
        }
        break;
    case OVSDB_M_MUL:
        if (__builtin_mul_overflow(*x, y, &result)) {
            return range_error(m);
        }
        break;
    case OVSDB_M_DIV:
        if (!y) {
            return ovsdb_error("domain error", "Division by zero.");
        }
        if (*x == INT64_MIN && y == -1) {
            return range_error(m);
        }
        result = *x / y;
        break;
    case OVSDB_M_MOD:
        if (!y) {
            return ovsdb_error("domain error", "Division by zero.");
        }
        result = (*x == INT64_MIN && y == -1) ? 0 : *x % y;
        break;
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        OVS_NOT_REACHED();
    }
    *x = result;
    return NULL;
}

/* Applies real mutation 'm' with argument 'y' to '*x'. */
static struct ovsdb_error *
mutate_real(const struct ovsdb_mutation *m, double *x, double y)
{
    double result;

    switch (m->mutator) {
    case OVSDB_M_ADD:
        result = *x + y;
        break;
    case OVSDB_M_SUB:
        result = *x - y;
        break;
    case OVSDB_M_MUL:
        result = *x * y;
        break;
    case OVSDB_M_DIV:
        if (y == 0) {
            return ovsdb_error("domain error", "Division by zero.");
        }
        result = *x / y;
        break;
    case OVSDB_M_MOD:
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        OVS_NOT_REACHED();
    }
    if (!isfinite(result)) {
        return range_error(m);
    }
    *x = result;
    return NULL;
}

/* Applies arithmetic mutation 'm' to every key of 'datum'. */
static struct ovsdb_error *
mutate_arith(const struct ovsdb_mutation *m, struct ovsdb_datum *datum)
{
    const struct ovsdb_type *type = &m->column->type;
    const union ovsdb_atom *arg = &m->arg.keys[0];
    struct ovsdb_error *error;
    unsigned int i;

    for (i = 0; i < datum->n; i++) {
        union ovsdb_atom *atom = &datum->keys[i];

        if (type->key.type == OVSDB_TYPE_INTEGER) {
            error = mutate_integer(m, &atom->integer, arg->integer);
        } else {
            error = mutate_real(m, &atom->real, arg->real);
        }
        if (!error) {
            error = ovsdb_atom_check_constraints(atom, &type->key);
        }
        if (error) {
            return error;
        }
    }

    /* Arithmetic can make elements collide, e.g. multiplying by zero. */
    error = ovsdb_datum_sort(datum, type->key.type);
    if (error) {
        ovsdb_error_destroy(error);
        return ovsdb_error("constraint violation", "Result of \"%s\" "
                           "operation contains duplicates.",
                           ovsdb_mutator_to_string(m->mutator));
    }
    return NULL;
}

/* Checks that 'datum' has an acceptable number of elements for 'm''s
 * column. */
static struct ovsdb_error *
check_n(const struct ovsdb_mutation *m, const struct ovsdb_datum *datum)
{
    const struct ovsdb_type *type = &m->column->type;

    if (datum->n > type->n_max || datum->n < type->n_min) {
        char *english = ovsdb_type_to_english(type);
        struct ovsdb_error *error;

        error = ovsdb_error("constraint violation",
                            "Attempted to store %u elements in %s.",
                            datum->n, english);
        free(english);
        return error;
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_mutation_set_execute(struct ovsdb_row *row,
                           const struct ovsdb_mutation_set *set)
{
    size_t i;

    for (i = 0; i < set->n_mutations; i++) {
        const struct ovsdb_mutation *m = &set->mutations[i];
        struct ovsdb_datum *datum = &row->fields[m->column->index];
        const struct ovsdb_type *type = &m->column->type;
        struct ovsdb_error *error;

        switch (m->mutator) {
        case OVSDB_M_ADD:
        case OVSDB_M_SUB:
        case OVSDB_M_MUL:
        case OVSDB_M_DIV:
        case OVSDB_M_MOD:
            error = mutate_arith(m, datum);
            break;

        case OVSDB_M_INSERT:
            ovsdb_datum_union(datum, &m->arg, type);
            error = check_n(m, datum);
            break;

        case OVSDB_M_DELETE:
            ovsdb_datum_subtract(datum, type, &m->arg, &m->type);
            error = check_n(m, datum);
            break;

        default:
            OVS_NOT_REACHED();
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}
