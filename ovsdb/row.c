/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "row.h"

#include <stdlib.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "uuid.h"

/* Allocates a row for 'table' with uninitialized fields. */
static struct ovsdb_row *
allocate_row(const struct ovsdb_table *table)
{
    size_t n_fields = ovsdb_table_schema_n_columns(table->schema);
    size_t n_indexes = table->schema->n_indexes;
    size_t fields_size = n_fields * sizeof(struct ovsdb_datum);
    struct ovsdb_row *row;

    row = xmalloc(sizeof *row + fields_size
                  + n_indexes * sizeof(struct hmap_node));
    row->table = CONST_CAST(struct ovsdb_table *, table);
    row->txn_row = NULL;
    row->n_refs = 0;
    row->n_extra_owners = 0;
    row->index_nodes = (struct hmap_node *) ((char *) (row + 1)
                                             + fields_size);
    return row;
}

struct ovsdb_row *
ovsdb_row_from_index_node(const struct hmap_node *node,
                          const struct ovsdb_table *table, size_t i)
{
    size_t n_fields = ovsdb_table_schema_n_columns(table->schema);
    size_t offset = (sizeof(struct ovsdb_row)
                     + n_fields * sizeof(struct ovsdb_datum)
                     + i * sizeof(struct hmap_node));

    return (struct ovsdb_row *) ((char *) node - offset);
}

struct ovsdb_row *
ovsdb_row_create(const struct ovsdb_table *table)
{
    struct ovsdb_column **columns = table->schema->by_index;
    struct ovsdb_row *row = allocate_row(table);
    size_t i, n;

    n = ovsdb_table_schema_n_columns(table->schema);
    for (i = 0; i < n; i++) {
        ovsdb_datum_init_default(&row->fields[i], &columns[i]->type);
    }
    return row;
}

struct ovsdb_row *
ovsdb_row_create_partial(const struct ovsdb_table *table,
                         const struct ovsdb_column_set *columns)
{
    struct ovsdb_row *row = allocate_row(table);
    size_t i, n;

    n = ovsdb_table_schema_n_columns(table->schema);
    for (i = 0; i < n; i++) {
        ovsdb_datum_init_empty(&row->fields[i]);
    }
    for (i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *c = columns->columns[i];
        struct ovsdb_datum *d = &row->fields[c->index];

        ovsdb_datum_destroy(d, &c->type);
        ovsdb_datum_init_default(d, &c->type);
    }
    return row;
}

struct ovsdb_row *
ovsdb_row_clone(const struct ovsdb_row *old)
{
    const struct ovsdb_table *table = old->table;
    struct ovsdb_column **columns = table->schema->by_index;
    struct ovsdb_row *new = allocate_row(table);
    size_t i, n;

    n = ovsdb_table_schema_n_columns(table->schema);
    for (i = 0; i < n; i++) {
        ovsdb_datum_clone(&new->fields[i], &old->fields[i],
                          &columns[i]->type);
    }
    new->n_refs = old->n_refs;
    return new;
}

struct ovsdb_row *
ovsdb_row_ref(const struct ovsdb_row *row_)
{
    struct ovsdb_row *row = CONST_CAST(struct ovsdb_row *, row_);

    row->n_extra_owners++;
    return row;
}

void
ovsdb_row_destroy(struct ovsdb_row *row)
{
    if (row && row->n_extra_owners) {
        row->n_extra_owners--;
    } else if (row) {
        struct ovsdb_column **columns = row->table->schema->by_index;
        size_t i, n;

        n = ovsdb_table_schema_n_columns(row->table->schema);
        for (i = 0; i < n; i++) {
            ovsdb_datum_destroy(&row->fields[i], &columns[i]->type);
        }
        free(row);
    }
}

uint32_t
ovsdb_row_hash_columns(const struct ovsdb_row *row,
                       const struct ovsdb_column_set *columns,
                       uint32_t basis)
{
    size_t i;

    for (i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];

        basis = ovsdb_datum_hash(&row->fields[column->index], &column->type,
                                 basis);
    }
    return basis;
}

int
ovsdb_row_compare_columns_3way(const struct ovsdb_row *a,
                               const struct ovsdb_row *b,
                               const struct ovsdb_column_set *columns)
{
    size_t i;

    for (i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        int cmp = ovsdb_datum_compare_3way(&a->fields[column->index],
                                           &b->fields[column->index],
                                           &column->type);
        if (cmp) {
            return cmp;
        }
    }
    return 0;
}

bool
ovsdb_row_equal_columns(const struct ovsdb_row *a, const struct ovsdb_row *b,
                        const struct ovsdb_column_set *columns)
{
    size_t i;

    for (i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];

        if (!ovsdb_datum_equals(&a->fields[column->index],
                                &b->fields[column->index], &column->type)) {
            return false;
        }
    }
    return true;
}

struct ovsdb_error *
ovsdb_row_update_columns(struct ovsdb_row *dst, const struct ovsdb_row *src,
                         const struct ovsdb_column_set *columns, bool xor)
{
    size_t i;

    for (i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];
        struct ovsdb_datum *d = &dst->fields[column->index];
        const struct ovsdb_datum *s = &src->fields[column->index];

        if (xor && column->type.n_max > 1) {
            struct ovsdb_error *error;

            error = ovsdb_datum_apply_diff_in_place(d, s, &column->type);
            if (error) {
                return error;
            }
        } else {
            ovsdb_datum_destroy(d, &column->type);
            ovsdb_datum_clone(d, s, &column->type);
        }
    }
    return NULL;
}

void
ovsdb_row_columns_to_string(const struct ovsdb_row *row,
                            const struct ovsdb_column_set *columns,
                            struct ds *out)
{
    size_t i;

    for (i = 0; i < columns->n_columns; i++) {
        const struct ovsdb_column *column = columns->columns[i];

        if (i) {
            ds_put_cstr(out, ", ");
        }
        ovsdb_datum_to_string(&row->fields[column->index], &column->type,
                              out);
    }
}

struct ovsdb_error *
ovsdb_row_from_json(struct ovsdb_row *row, const json_t *json,
                    struct ovsdb_symbol_table *symtab,
                    struct ovsdb_column_set *included, bool is_diff)
{
    const struct ovsdb_table_schema *schema = row->table->schema;
    struct ovsdb_error *error = NULL;
    struct shash_node *node;
    struct shash members;

    if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL, "row must be JSON object");
    }

    /* Visit the columns in the order upstream does, so that the same error
     * is reported first. */
    ovsdb_parser_object_to_shash(json, &members);
    SHASH_FOR_EACH (node, &members) {
        const char *name = node->name;
        const json_t *value = node->data;
        const struct ovsdb_column *column;
        struct ovsdb_datum datum;

        column = ovsdb_table_schema_get_column(schema, name);
        if (!column) {
            error = ovsdb_syntax_error(json, "unknown column",
                                       "No column %s in table %s.",
                                       name, schema->name);
            break;
        }

        if (is_diff && column->type.n_max > 1) {
            struct ovsdb_type diff_type;

            /* A diff may have more elements than the column allows. */
            diff_type = column->type;
            diff_type.n_min = 0;
            diff_type.n_max = UINT_MAX;
            error = ovsdb_datum_from_json(&datum, &diff_type, value, symtab);
            if (error) {
                break;
            }
            error = ovsdb_datum_apply_diff_in_place(
                &row->fields[column->index], &datum, &column->type);
            ovsdb_datum_destroy(&datum, &column->type);
            if (error) {
                break;
            }
        } else {
            error = ovsdb_datum_from_json(&datum, &column->type, value,
                                          symtab);
            if (error) {
                break;
            }
            ovsdb_datum_swap(&row->fields[column->index], &datum);
            ovsdb_datum_destroy(&datum, &column->type);
        }
        if (included) {
            ovsdb_column_set_add(included, column);
        }
    }
    shash_destroy(&members);
    return error;
}

json_t *
ovsdb_row_to_json(const struct ovsdb_row *row,
                  const struct ovsdb_column_set *include)
{
    json_t *json = json_object();
    size_t i;

    for (i = 0; i < include->n_columns; i++) {
        const struct ovsdb_column *column = include->columns[i];

        json_object_set_new(json, column->name,
                            ovsdb_datum_to_json(&row->fields[column->index],
                                                &column->type));
    }
    return json;
}

/* Row hashes. */

void
ovsdb_row_hash_init(struct ovsdb_row_hash *rh,
                    const struct ovsdb_column_set *columns)
{
    hmap_init(&rh->rows);
    ovsdb_column_set_clone(&rh->columns, columns);
}

void
ovsdb_row_hash_destroy(struct ovsdb_row_hash *rh, bool destroy_rows)
{
    struct ovsdb_row_hash_node *node;

    HMAP_FOR_EACH_POP (node, hmap_node, &rh->rows) {
        if (destroy_rows) {
            ovsdb_row_destroy(CONST_CAST(struct ovsdb_row *, node->row));
        }
        free(node);
    }
    hmap_destroy(&rh->rows);
    ovsdb_column_set_destroy(&rh->columns);
}

size_t
ovsdb_row_hash_count(const struct ovsdb_row_hash *rh)
{
    return hmap_count(&rh->rows);
}

static bool
row_hash_contains__(const struct ovsdb_row_hash *rh,
                    const struct ovsdb_row *row, uint32_t hash)
{
    struct ovsdb_row_hash_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, hmap_node, hash, &rh->rows) {
        if (ovsdb_row_equal_columns(row, node->row, &rh->columns)) {
            return true;
        }
    }
    return false;
}

bool
ovsdb_row_hash_contains(const struct ovsdb_row_hash *rh,
                        const struct ovsdb_row *row)
{
    return row_hash_contains__(rh, row,
                               ovsdb_row_hash_columns(row, &rh->columns, 0));
}

bool
ovsdb_row_hash_contains_all(const struct ovsdb_row_hash *a,
                            const struct ovsdb_row_hash *b)
{
    struct ovsdb_row_hash_node *node;

    HMAP_FOR_EACH (node, hmap_node, &b->rows) {
        if (!row_hash_contains__(a, node->row, node->hmap_node.hash)) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_row_hash_insert(struct ovsdb_row_hash *rh, const struct ovsdb_row *row)
{
    uint32_t hash = ovsdb_row_hash_columns(row, &rh->columns, 0);

    if (row_hash_contains__(rh, row, hash)) {
        return false;
    } else {
        struct ovsdb_row_hash_node *node = xmalloc(sizeof *node);

        node->row = row;
        hmap_insert(&rh->rows, &node->hmap_node, hash);
        return true;
    }
}

/* Row sets. */

void
ovsdb_row_set_init(struct ovsdb_row_set *set)
{
    set->rows = NULL;
    set->n_rows = set->allocated_rows = 0;
}

void
ovsdb_row_set_destroy(struct ovsdb_row_set *set)
{
    free(set->rows);
    ovsdb_row_set_init(set);
}

void
ovsdb_row_set_add_row(struct ovsdb_row_set *set, const struct ovsdb_row *row)
{
    if (set->n_rows >= set->allocated_rows) {
        set->rows = x2nrealloc(set->rows, &set->allocated_rows,
                               sizeof *set->rows);
    }
    set->rows[set->n_rows++] = row;
}

json_t *
ovsdb_row_set_to_json(const struct ovsdb_row_set *set,
                      const struct ovsdb_column_set *columns)
{
    json_t *json = json_array();
    size_t i;

    for (i = 0; i < set->n_rows; i++) {
        json_array_append_new(json, ovsdb_row_to_json(set->rows[i], columns));
    }
    return json;
}

static int
compare_rows(const void *a_, const void *b_, void *columns_)
{
    const struct ovsdb_row *const *a = a_;
    const struct ovsdb_row *const *b = b_;
    const struct ovsdb_column_set *columns = columns_;

    return ovsdb_row_compare_columns_3way(*a, *b, columns);
}

void
ovsdb_row_set_sort(struct ovsdb_row_set *set,
                   const struct ovsdb_column_set *columns)
{
    if (columns && columns->n_columns && set->n_rows > 1) {
        qsort_r(set->rows, set->n_rows, sizeof *set->rows, compare_rows,
                CONST_CAST(struct ovsdb_column_set *, columns));
    }
}
