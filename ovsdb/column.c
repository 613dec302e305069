/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "column.h"

#include <stdlib.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "row.h"
#include "table.h"

struct ovsdb_column *
ovsdb_column_create(const char *name, bool mutable, bool persistent,
                    const struct ovsdb_type *type)
{
    struct ovsdb_column *column = xzalloc(sizeof *column);

    column->name = xstrdup(name);
    column->mutable = mutable;
    column->persistent = persistent;
    ovsdb_type_clone(&column->type, type);
    return column;
}

struct ovsdb_column *
ovsdb_column_clone(const struct ovsdb_column *old)
{
    struct ovsdb_column *new = ovsdb_column_create(old->name, old->mutable,
                                                   old->persistent,
                                                   &old->type);
    new->index = old->index;
    return new;
}

void
ovsdb_column_destroy(struct ovsdb_column *column)
{
    if (column) {
        ovsdb_type_destroy(&column->type);
        free(column->name);
        free(column);
    }
}

struct ovsdb_error *
ovsdb_column_from_json(const json_t *json, const char *name,
                       struct ovsdb_column **columnp)
{
    const json_t *mutable_json, *ephemeral, *type_json;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    struct ovsdb_type type;
    bool persistent;

    *columnp = NULL;

    ovsdb_parser_init(&parser, json, "schema for column %s", name);
    type_json = ovsdb_parser_member(&parser, "type", OP_STRING | OP_OBJECT);
    mutable_json = ovsdb_parser_member(&parser, "mutable",
                                       OP_TRUE | OP_FALSE | OP_OPTIONAL);
    ephemeral = ovsdb_parser_member(&parser, "ephemeral",
                                    OP_TRUE | OP_FALSE | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    persistent = ephemeral ? !json_is_true(ephemeral) : true;
    error = ovsdb_type_from_json(&type, type_json);
    if (error) {
        return error;
    }

    *columnp = ovsdb_column_create(name,
                                   mutable_json
                                   ? json_is_true(mutable_json) : true,
                                   persistent, &type);
    ovsdb_type_destroy(&type);
    return NULL;
}

json_t *
ovsdb_column_to_json(const struct ovsdb_column *column)
{
    json_t *json = json_object();

    json_object_set_new(json, "type", ovsdb_type_to_json(&column->type));
    if (!column->persistent) {
        json_object_set_new(json, "ephemeral", json_true());
    }
    if (!column->mutable) {
        json_object_set_new(json, "mutable", json_false());
    }
    return json;
}

/* Column sets. */

void
ovsdb_column_set_init(struct ovsdb_column_set *set)
{
    set->columns = NULL;
    set->n_columns = 0;
    set->allocated_columns = 0;
}

void
ovsdb_column_set_destroy(struct ovsdb_column_set *set)
{
    free(set->columns);
    ovsdb_column_set_init(set);
}

void
ovsdb_column_set_clone(struct ovsdb_column_set *new,
                       const struct ovsdb_column_set *old)
{
    new->columns = (old->n_columns
                    ? xmemdup(old->columns,
                              old->n_columns * sizeof *old->columns)
                    : NULL);
    new->n_columns = new->allocated_columns = old->n_columns;
}

struct ovsdb_error *
ovsdb_column_set_from_json(const json_t *json,
                           const struct ovsdb_table_schema *schema,
                           struct ovsdb_column_set *set)
{
    size_t i;

    ovsdb_column_set_init(set);
    if (!json) {
        struct shash_node *node;

        /* In the order of the 'columns' shash, as upstream. */
        SHASH_FOR_EACH (node, &schema->columns) {
            ovsdb_column_set_add(set, node->data);
        }
        return NULL;
    }

    if (!json_is_array(json)) {
        return ovsdb_syntax_error(json, NULL, "array of distinct column "
                                  "names expected");
    }

    for (i = 0; i < json_array_size(json); i++) {
        const json_t *name = json_array_get(json, i);
        const struct ovsdb_column *column;

        if (!json_is_string(name)) {
            ovsdb_column_set_destroy(set);
            return ovsdb_syntax_error(json, NULL, "array of distinct "
                                      "column names expected");
        }

        column = ovsdb_table_schema_get_column(schema,
                                               json_string_value(name));
        if (!column) {
            ovsdb_column_set_destroy(set);
            return ovsdb_syntax_error(json, NULL, "%s is not a valid column "
                                      "name", json_string_value(name));
        }
        if (ovsdb_column_set_contains(set, column->index)) {
            ovsdb_column_set_destroy(set);
            return ovsdb_syntax_error(json, NULL, "array of distinct "
                                      "column names expected");
        }
        ovsdb_column_set_add(set, column);
    }
    return NULL;
}

json_t *
ovsdb_column_set_to_json(const struct ovsdb_column_set *set)
{
    json_t *json = json_array();
    size_t i;

    for (i = 0; i < set->n_columns; i++) {
        json_array_append_new(json, json_string(set->columns[i]->name));
    }
    return json;
}

char *
ovsdb_column_set_to_string(const struct ovsdb_column_set *set)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    size_t i;

    for (i = 0; i < set->n_columns; i++) {
        if (i) {
            ds_put_cstr(&ds, ", ");
        }
        ds_put_cstr(&ds, set->columns[i]->name);
    }
    return ds_steal_cstr(&ds);
}

void
ovsdb_column_set_add(struct ovsdb_column_set *set,
                     const struct ovsdb_column *column)
{
    if (set->n_columns >= set->allocated_columns) {
        set->columns = x2nrealloc(set->columns, &set->allocated_columns,
                                  sizeof *set->columns);
    }
    set->columns[set->n_columns++] = column;
}

void
ovsdb_column_set_add_all(struct ovsdb_column_set *set,
                         const struct ovsdb_table *table)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &table->schema->columns) {
        ovsdb_column_set_add(set, node->data);
    }
}

int
ovsdb_column_set_find(const struct ovsdb_column_set *set,
                      unsigned int column_index)
{
    size_t i;

    for (i = 0; i < set->n_columns; i++) {
        if (set->columns[i]->index == column_index) {
            return i;
        }
    }
    return -1;
}

bool
ovsdb_column_set_equals(const struct ovsdb_column_set *a,
                        const struct ovsdb_column_set *b)
{
    size_t i;

    if (a->n_columns != b->n_columns) {
        return false;
    }
    for (i = 0; i < a->n_columns; i++) {
        if (a->columns[i] != b->columns[i]) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_column_set_overlaps(const struct ovsdb_column_set *a,
                          const struct ovsdb_column_set *b)
{
    size_t i;

    for (i = 0; i < a->n_columns; i++) {
        if (ovsdb_column_set_contains(b, a->columns[i]->index)) {
            return true;
        }
    }
    return false;
}
