/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_QUERY_H
#define OVSDB_QUERY_H 1

#include <stdbool.h>

/* Finding the rows of a table that satisfy a condition. */

struct ovsdb_column_set;
struct ovsdb_condition;
struct ovsdb_row;
struct ovsdb_row_set;
struct ovsdb_table;

/* Calls 'output_row(row, aux)' for each row of 'table' (in the open
 * transaction's view) that satisfies 'cnd', until it returns false.  A
 * condition "_uuid" == <uuid> is looked up directly instead of scanning
 * the table.  'output_row' may modify or delete the row it is given
 * (through the transaction), but no other row. */
void ovsdb_query(struct ovsdb_table *table, const struct ovsdb_condition *cnd,
                 bool (*output_row)(const struct ovsdb_row *, void *aux),
                 void *aux);

/* Adds to 'results' each row of 'table' that satisfies 'cnd'. */
void ovsdb_query_row_set(struct ovsdb_table *table,
                         const struct ovsdb_condition *cnd,
                         struct ovsdb_row_set *results);

/* Like ovsdb_query_row_set(), but adds only the first of the rows that
 * have equal values in 'columns'. */
void ovsdb_query_distinct(struct ovsdb_table *table,
                          const struct ovsdb_condition *cnd,
                          const struct ovsdb_column_set *columns,
                          struct ovsdb_row_set *results);

#endif /* ovsdb/query.h */
