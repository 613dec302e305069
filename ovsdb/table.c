/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "table.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "row.h"
#include "uuid.h"

/* Adds a standard column named 'name' of UUID type to 'ts'. */
static void
add_std_column(struct ovsdb_table_schema *ts, const char *name)
{
    struct ovsdb_column *column;

    column = ovsdb_column_create(name, false, true, &ovsdb_type_uuid);
    ovsdb_table_schema_add_column(ts, column);
}

struct ovsdb_table_schema *
ovsdb_table_schema_create(const char *name, bool mutable,
                          unsigned int max_rows, bool is_root)
{
    struct ovsdb_table_schema *ts = xzalloc(sizeof *ts);

    ts->name = xstrdup(name);
    ts->mutable = mutable;
    ts->is_root = is_root;
    ts->max_rows = max_rows;
    shash_init(&ts->columns);
    ts->indexes = NULL;
    ts->n_indexes = 0;

    add_std_column(ts, "_uuid");
    add_std_column(ts, "_version");
    return ts;
}

void
ovsdb_table_schema_add_column(struct ovsdb_table_schema *ts,
                              struct ovsdb_column *column)
{
    size_t n = shash_count(&ts->columns);

    column->index = n;
    shash_add_assert(&ts->columns, column->name, column);
    ts->by_index = xrealloc(ts->by_index, (n + 1) * sizeof *ts->by_index);
    ts->by_index[n] = column;
}

const struct ovsdb_column **
ovsdb_table_schema_columns_by_index(const struct ovsdb_table_schema *ts)
{
    size_t n = shash_count(&ts->columns);

    return xmemdup(ts->by_index, (n ? n : 1) * sizeof *ts->by_index);
}

struct ovsdb_table_schema *
ovsdb_table_schema_clone(const struct ovsdb_table_schema *old)
{
    struct ovsdb_table_schema *new;
    struct shash_node *node;
    size_t i;

    new = ovsdb_table_schema_create(old->name, old->mutable, old->max_rows,
                                    old->is_root);
    SHASH_FOR_EACH (node, &old->columns) {
        const struct ovsdb_column *column = node->data;

        if (column->index >= OVSDB_N_STD_COLUMNS) {
            ovsdb_table_schema_add_column(new, ovsdb_column_clone(column));
        }
    }

    new->n_indexes = old->n_indexes;
    new->indexes = (old->n_indexes
                    ? xmalloc(old->n_indexes * sizeof *new->indexes)
                    : NULL);
    for (i = 0; i < old->n_indexes; i++) {
        const struct ovsdb_column_set *old_index = &old->indexes[i];
        struct ovsdb_column_set *new_index = &new->indexes[i];
        size_t j;

        ovsdb_column_set_init(new_index);
        for (j = 0; j < old_index->n_columns; j++) {
            const struct ovsdb_column *column;

            column = ovsdb_table_schema_get_column(
                new, old_index->columns[j]->name);
            ovsdb_column_set_add(new_index, column);
        }
    }
    return new;
}

void
ovsdb_table_schema_destroy(struct ovsdb_table_schema *ts)
{
    struct shash_node *node;
    size_t i;

    if (!ts) {
        return;
    }
    for (i = 0; i < ts->n_indexes; i++) {
        ovsdb_column_set_destroy(&ts->indexes[i]);
    }
    free(ts->indexes);

    SHASH_FOR_EACH (node, &ts->columns) {
        ovsdb_column_destroy(node->data);
    }
    shash_destroy(&ts->columns);
    free(ts->by_index);
    free(ts->name);
    free(ts);
}

struct ovsdb_error *
ovsdb_table_schema_from_json(const json_t *json, const char *name,
                             struct ovsdb_table_schema **tsp)
{
    struct ovsdb_table_schema *ts;
    const json_t *columns, *mutable_json, *max_rows, *is_root, *indexes;
    struct ovsdb_error *error;
    struct ovsdb_parser parser;
    unsigned int n_max_rows;

    *tsp = NULL;

    ovsdb_parser_init(&parser, json, "table schema for table %s", name);
    columns = ovsdb_parser_member(&parser, "columns", OP_OBJECT);
    mutable_json = ovsdb_parser_member(&parser, "mutable",
                                       OP_TRUE | OP_FALSE | OP_OPTIONAL);
    max_rows = ovsdb_parser_member(&parser, "maxRows",
                                   OP_INTEGER | OP_OPTIONAL);
    is_root = ovsdb_parser_member(&parser, "isRoot",
                                  OP_TRUE | OP_FALSE | OP_OPTIONAL);
    indexes = ovsdb_parser_member(&parser, "indexes",
                                  OP_ARRAY | OP_OPTIONAL);
    error = ovsdb_parser_finish(&parser);
    if (error) {
        return error;
    }

    if (max_rows) {
        if (json_integer_value(max_rows) <= 0) {
            return ovsdb_syntax_error(json, NULL,
                                      "maxRows must be at least 1");
        }
        n_max_rows = (json_integer_value(max_rows) > UINT_MAX
                      ? UINT_MAX : json_integer_value(max_rows));
    } else {
        n_max_rows = UINT_MAX;
    }

    if (!json_object_size(columns)) {
        return ovsdb_syntax_error(json, NULL,
                                  "table must have at least one column");
    }

    ts = ovsdb_table_schema_create(name,
                                   mutable_json
                                   ? json_is_true(mutable_json) : true,
                                   n_max_rows,
                                   is_root ? json_is_true(is_root) : false);
    struct shash columns_sh;
    struct shash_node *node;

    ovsdb_parser_object_to_shash(columns, &columns_sh);
    SHASH_FOR_EACH (node, &columns_sh) {
        const char *column_name = node->name;
        const json_t *column_json = node->data;
        struct ovsdb_column *column;

        if (*column_name == '_') {
            error = ovsdb_syntax_error(json, NULL, "names beginning with "
                                       "\"_\" are reserved");
        } else if (!ovsdb_parser_is_id(column_name)) {
            error = ovsdb_syntax_error(json, NULL, "name must be a valid id");
        } else {
            error = ovsdb_column_from_json(column_json, column_name,
                                           &column);
        }
        if (error) {
            shash_destroy(&columns_sh);
            goto error;
        }
        ovsdb_table_schema_add_column(ts, column);
    }
    shash_destroy(&columns_sh);

    if (indexes) {
        size_t i;

        ts->indexes = xmalloc(json_array_size(indexes)
                              * sizeof *ts->indexes);
        for (i = 0; i < json_array_size(indexes); i++) {
            const json_t *index_json = json_array_get(indexes, i);
            struct ovsdb_column_set *index = &ts->indexes[i];
            size_t j;

            error = ovsdb_column_set_from_json(index_json, ts, index);
            if (error) {
                goto error;
            }
            ts->n_indexes++;

            if (index->n_columns == 0) {
                error = ovsdb_syntax_error(json, NULL, "index must have "
                                           "at least one column");
                goto error;
            }
            for (j = 0; j < index->n_columns; j++) {
                const struct ovsdb_column *column = index->columns[j];

                if (!column->persistent) {
                    error = ovsdb_syntax_error(json, NULL,
                                               "ephemeral columns (such as "
                                               "%s) may not be indexed",
                                               column->name);
                    goto error;
                }
            }
        }
    }

    *tsp = ts;
    return NULL;

error:
    ovsdb_table_schema_destroy(ts);
    return error;
}

json_t *
ovsdb_table_schema_to_json(const struct ovsdb_table_schema *ts,
                           bool default_is_root)
{
    json_t *json, *columns_json;
    struct shash_node *node;
    size_t i;

    json = json_object();
    if (!ts->mutable) {
        json_object_set_new(json, "mutable", json_false());
    }

    /* In the order of the 'columns' shash, as upstream does. */
    columns_json = json_object();
    SHASH_FOR_EACH (node, &ts->columns) {
        const struct ovsdb_column *column = node->data;

        if (column->index >= OVSDB_N_STD_COLUMNS) {
            json_object_set_new(columns_json, column->name,
                                ovsdb_column_to_json(column));
        }
    }
    json_object_set_new(json, "columns", columns_json);

    if (ts->is_root != default_is_root) {
        json_object_set_new(json, "isRoot", json_boolean(ts->is_root));
    }
    if (ts->max_rows != UINT_MAX) {
        json_object_set_new(json, "maxRows", json_integer(ts->max_rows));
    }
    if (ts->n_indexes) {
        json_t *indexes = json_array();

        for (i = 0; i < ts->n_indexes; i++) {
            json_array_append_new(indexes,
                                  ovsdb_column_set_to_json(&ts->indexes[i]));
        }
        json_object_set_new(json, "indexes", indexes);
    }
    return json;
}

const struct ovsdb_column *
ovsdb_table_schema_get_column(const struct ovsdb_table_schema *ts,
                              const char *name)
{
    return shash_find_data(&ts->columns, name);
}

/* Tables. */

struct ovsdb_table *
ovsdb_table_create(struct ovsdb_table_schema *ts)
{
    struct ovsdb_table *table = xzalloc(sizeof *table);
    size_t i;

    table->schema = ts;
    table->txn_table = NULL;
    hmap_init(&table->rows);
    table->indexes = xmalloc((ts->n_indexes ? ts->n_indexes : 1)
                             * sizeof *table->indexes);
    for (i = 0; i < ts->n_indexes; i++) {
        hmap_init(&table->indexes[i]);
    }
    return table;
}

void
ovsdb_table_destroy(struct ovsdb_table *table)
{
    struct ovsdb_row *row;
    size_t i;

    if (!table) {
        return;
    }
    HMAP_FOR_EACH_POP (row, hmap_node, &table->rows) {
        ovsdb_row_destroy(row);
    }
    hmap_destroy(&table->rows);

    for (i = 0; i < table->schema->n_indexes; i++) {
        hmap_destroy(&table->indexes[i]);
    }
    free(table->indexes);

    ovsdb_table_schema_destroy(table->schema);
    free(table);
}

const struct ovsdb_row *
ovsdb_table_get_row(const struct ovsdb_table *table, const struct uuid *uuid)
{
    struct ovsdb_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid), &table->rows) {
        if (uuid_equals(ovsdb_row_get_uuid(row), uuid)) {
            return row;
        }
    }
    return NULL;
}
