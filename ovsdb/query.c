/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "query.h"

#include <stdlib.h>
#include "column.h"
#include "condition.h"
#include "openvswitch/util.h"
#include "row.h"
#include "table.h"
#include "uuid.h"

/* Returns the UUID that 'cnd' pins "_uuid" to with an "==" clause, or
 * NULL.  (Clauses are sorted by function, so "==" clauses come early.) */
static const struct uuid *
condition_uuid(const struct ovsdb_condition *cnd)
{
    size_t i;

    for (i = 0; i < cnd->n_clauses; i++) {
        const struct ovsdb_clause *clause = &cnd->clauses[i];

        if (clause->function == OVSDB_F_EQ
            && clause->column->index == OVSDB_COL_UUID
            && clause->arg.n == 1) {
            return &clause->arg.keys[0].uuid;
        }
    }
    return NULL;
}

void
ovsdb_query(struct ovsdb_table *table, const struct ovsdb_condition *cnd,
            bool (*output_row)(const struct ovsdb_row *, void *aux),
            void *aux)
{
    const struct uuid *uuid = condition_uuid(cnd);

    if (uuid) {
        const struct ovsdb_row *row = ovsdb_table_get_row(table, uuid);

        if (row && ovsdb_condition_match_every_clause(row, cnd)) {
            output_row(row, aux);
        }
        return;
    }

    /* The callback may replace or delete the row it is given (which
     * changes 'table->rows'), so collect the matching rows first. */
    struct ovsdb_row_set rows = OVSDB_ROW_SET_INITIALIZER;
    struct ovsdb_row *row;
    size_t i;

    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        if (ovsdb_condition_match_every_clause(row, cnd)) {
            ovsdb_row_set_add_row(&rows, row);
        }
    }
    for (i = 0; i < rows.n_rows; i++) {
        if (!output_row(rows.rows[i], aux)) {
            break;
        }
    }
    ovsdb_row_set_destroy(&rows);
}

static bool
add_row_to_set(const struct ovsdb_row *row, void *results)
{
    ovsdb_row_set_add_row(results, row);
    return true;
}

void
ovsdb_query_row_set(struct ovsdb_table *table,
                    const struct ovsdb_condition *cnd,
                    struct ovsdb_row_set *results)
{
    ovsdb_query(table, cnd, add_row_to_set, results);
}

struct distinct_aux {
    struct ovsdb_row_hash hash; /* Rows seen so far. */
    struct ovsdb_row_set *results; /* Where to add new ones. */
};

static bool
add_distinct_row(const struct ovsdb_row *row, void *aux_)
{
    struct distinct_aux *aux = aux_;

    if (ovsdb_row_hash_insert(&aux->hash, row)) {
        ovsdb_row_set_add_row(aux->results, row);
    }
    return true;
}

void
ovsdb_query_distinct(struct ovsdb_table *table,
                     const struct ovsdb_condition *cnd,
                     const struct ovsdb_column_set *columns,
                     struct ovsdb_row_set *results)
{
    struct distinct_aux aux;

    ovsdb_row_hash_init(&aux.hash, columns);
    aux.results = results;
    ovsdb_query(table, cnd, add_distinct_row, &aux);
    ovsdb_row_hash_destroy(&aux.hash, false);
}
