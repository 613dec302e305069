/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* "test-ovsdb SUBCOMMAND ARGS...": exercises the OVSDB data model.
 *
 *   parse-atomic-type JSON          parse-base-type JSON
 *   parse-type JSON                 parse-column NAME JSON
 *   parse-table NAME JSON [DEFAULT-IS-ROOT]
 *   parse-schema JSON
 *       Parse and print back (JSON with sorted members), or the error.
 *
 *   parse-atoms TYPE ATOM...        parse-data TYPE DATUM...
 *       Parse each JSON atom/datum of TYPE and print it back as JSON.
 *   parse-atom-strings TYPE S...    parse-data-strings TYPE S...
 *       Same with the ovs-vsctl string syntax; each result is also
 *       parsed back and checked to be equal.
 *   sort-atoms TYPE ARRAY           diff-data TYPE OLD NEW...
 *       Sort a JSON array of atoms; diff OLD against each NEW and check
 *       that applying the diff to OLD gives NEW.
 *
 *   evaluate-conditions TABLE CONDITIONS ROWS
 *   evaluate-conditions-any TABLE CONDITIONS ROWS
 *   compare-conditions TABLE CONDITIONS
 *   evaluate-mutations TABLE MUTATIONS ROWS
 *   query TABLE ROWS CONDITIONS     query-distinct TABLE ROWS CONDITIONS COLS
 *       Evaluate conditions and mutations (TABLE is a table schema,
 *       CONDITIONS/MUTATIONS/ROWS JSON arrays).
 *
 *   execute SCHEMA TXN...           execute-readonly SCHEMA TXN...
 *   execute-nowait SCHEMA TXN...
 *       Run each "transact" params array TXN on a database with SCHEMA,
 *       committing each, and print the results (with the rows of "select"
 *       results sorted).  "nowait" runs them as "ovsdb-tool transact"
 *       does, where a "wait" cannot block.
 *   txn-record SCHEMA TXN...
 *       Like execute, but print the log record that each commit would
 *       write, then replay the records into a second database and check
 *       that it ends up equal to the first.
 *
 * Errors are printed as ovsdb_error_to_string() gives them. */

#include <config.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ovsdb/column.h"
#include "ovsdb/condition.h"
#include "ovsdb/execution.h"
#include "ovsdb/mutation.h"
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-types.h"
#include "ovsdb/ovsdb.h"
#include "ovstest.h"
#include "ovsdb/query.h"
#include "ovsdb/row.h"
#include "ovsdb/table.h"
#include "ovsdb/transaction.h"
#include "uuid.h"

/* Prints 'json' in compact form with sorted object members, and a
 * new-line, then drops the reference to it. */
static void
print_and_free_json(json_t *json)
{
    char *s = json_to_string(json, JSSF_SORT);

    puts(s);
    free(s);
    json_decref(json);
}

/* Prints 'error' and frees it. */
static void
print_and_free_error(struct ovsdb_error *error)
{
    char *s = ovsdb_error_to_string_free(error);
    puts(s);
    free(s);
}

/* Parses 'string' as a JSON value (any type) or dies. */
static json_t *
parse_json(const char *string)
{
    json_t *json;
    char *error = json_parse(string, strlen(string), JSPF_VALUE, &json);

    if (error) {
        ovs_fatal(0, "\"%s\": %s", string, error);
    }
    return json;
}

/* Aborts with 'error' if it is nonnull. */
static void
check_ovsdb_error(struct ovsdb_error *error)
{
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        ovs_fatal(0, "%s", s);
    }
}

static void
parse_type_or_die(const char *s, struct ovsdb_type *type)
{
    json_t *json = parse_json(s);

    check_ovsdb_error(ovsdb_type_from_json(type, json));
    json_decref(json);
}

static void
do_parse_atomic_type(int argc OVS_UNUSED, char *argv[])
{
    enum ovsdb_atomic_type type;
    json_t *json = parse_json(argv[1]);
    struct ovsdb_error *error = ovsdb_atomic_type_from_json(&type, json);

    json_decref(json);
    if (error) {
        print_and_free_error(error);
    } else {
        print_and_free_json(ovsdb_atomic_type_to_json(type));
    }
}

static void
do_parse_base_type(int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_base_type base;
    json_t *json = parse_json(argv[1]);
    struct ovsdb_error *error = ovsdb_base_type_from_json(&base, json);

    json_decref(json);
    if (error) {
        print_and_free_error(error);
    } else {
        print_and_free_json(ovsdb_base_type_to_json(&base));
        ovsdb_base_type_destroy(&base);
    }
}

static void
do_parse_type(int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_type type;
    json_t *json = parse_json(argv[1]);
    struct ovsdb_error *error = ovsdb_type_from_json(&type, json);

    json_decref(json);
    if (error) {
        print_and_free_error(error);
    } else {
        char *english = ovsdb_type_to_english(&type);

        print_and_free_json(ovsdb_type_to_json(&type));
        printf("(%s)\n", english);
        free(english);
        ovsdb_type_destroy(&type);
    }
}

static void
do_parse_atoms(int argc, char *argv[])
{
    struct ovsdb_base_type base;
    json_t *json = parse_json(argv[1]);
    int i;

    check_ovsdb_error(ovsdb_base_type_from_json(&base, json));
    json_decref(json);

    for (i = 2; i < argc; i++) {
        struct ovsdb_error *error;
        union ovsdb_atom atom;

        json = parse_json(argv[i]);
        error = ovsdb_atom_from_json(&atom, &base, json, NULL);
        json_decref(json);
        if (error) {
            print_and_free_error(error);
        } else {
            print_and_free_json(ovsdb_atom_to_json(&atom, base.type));
            ovsdb_atom_destroy(&atom, base.type);
        }
    }
    ovsdb_base_type_destroy(&base);
}

static void
do_parse_atom_strings(int argc, char *argv[])
{
    struct ovsdb_base_type base;
    json_t *json = parse_json(argv[1]);
    int i;

    check_ovsdb_error(ovsdb_base_type_from_json(&base, json));
    json_decref(json);

    for (i = 2; i < argc; i++) {
        union ovsdb_atom atom, atom2;
        struct ds out = DS_EMPTY_INITIALIZER;
        char *error;

        error = ovsdb_atom_from_string(&atom, NULL, &base, argv[i], NULL);
        if (error) {
            puts(error);
            free(error);
            continue;
        }
        ovsdb_atom_to_string(&atom, base.type, &out);
        puts(ds_cstr(&out));

        /* What we print must read back as the same atom. */
        error = ovsdb_atom_from_string(&atom2, NULL, &base, ds_cstr(&out),
                                       NULL);
        if (error) {
            ovs_fatal(0, "\"%s\" does not parse back: %s", ds_cstr(&out),
                      error);
        }
        ovs_assert(ovsdb_atom_equals(&atom, &atom2, base.type));
        ovsdb_atom_destroy(&atom, base.type);
        ovsdb_atom_destroy(&atom2, base.type);
        ds_destroy(&out);
    }
    ovsdb_base_type_destroy(&base);
}

static void
do_parse_data(int argc, char *argv[])
{
    struct ovsdb_type type;
    int i;

    parse_type_or_die(argv[1], &type);
    for (i = 2; i < argc; i++) {
        struct ovsdb_error *error;
        struct ovsdb_datum datum;
        json_t *json = parse_json(argv[i]);

        error = ovsdb_datum_from_json(&datum, &type, json, NULL);
        json_decref(json);
        if (error) {
            print_and_free_error(error);
        } else {
            print_and_free_json(ovsdb_datum_to_json(&datum, &type));
            ovsdb_datum_destroy(&datum, &type);
        }
    }
    ovsdb_type_destroy(&type);
}

static void
do_parse_data_strings(int argc, char *argv[])
{
    struct ovsdb_type type;
    int i;

    parse_type_or_die(argv[1], &type);
    for (i = 2; i < argc; i++) {
        struct ovsdb_datum datum, datum2;
        struct ds out = DS_EMPTY_INITIALIZER;
        char *error;

        error = ovsdb_datum_from_string(&datum, &type, argv[i], NULL);
        if (error) {
            puts(error);
            free(error);
            continue;
        }
        ovsdb_datum_to_string(&datum, &type, &out);
        puts(ds_cstr(&out));

        error = ovsdb_datum_from_string(&datum2, &type, ds_cstr(&out), NULL);
        if (error) {
            ovs_fatal(0, "\"%s\" does not parse back: %s", ds_cstr(&out),
                      error);
        }
        ovs_assert(ovsdb_datum_equals(&datum, &datum2, &type));

        ds_clear(&out);
        ovsdb_datum_to_bare(&datum, &type, &out);
        printf("bare=%s\n", ds_cstr(&out));

        ovsdb_datum_destroy(&datum, &type);
        ovsdb_datum_destroy(&datum2, &type);
        ds_destroy(&out);
    }
    ovsdb_type_destroy(&type);
}

static void
do_sort_atoms(int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_base_type base;
    struct ovsdb_type type;
    struct ovsdb_datum datum;
    struct ovsdb_error *error;
    json_t *json;
    size_t n_removed;
    size_t i;

    json = parse_json(argv[1]);
    check_ovsdb_error(ovsdb_base_type_from_json(&base, json));
    json_decref(json);

    type.key = base;
    ovsdb_base_type_init(&type.value, OVSDB_TYPE_VOID);
    type.n_min = 0;
    type.n_max = UINT_MAX;

    /* Parse the atoms unsorted. */
    json = parse_json(argv[2]);
    if (!json_is_array(json)) {
        ovs_fatal(0, "second argument must be an array");
    }
    ovsdb_datum_init_empty(&datum);
    for (i = 0; i < json_array_size(json); i++) {
        union ovsdb_atom atom;

        check_ovsdb_error(ovsdb_atom_from_json(&atom, &base,
                                               json_array_get(json, i),
                                               NULL));
        ovsdb_datum_add_unsafe(&datum, &atom, NULL, &type, NULL);
        ovsdb_atom_destroy(&atom, base.type);
    }
    json_decref(json);

    /* Sorting with duplicates is an error; sort_unique drops them. */
    error = ovsdb_datum_sort(&datum, base.type);
    if (error) {
        print_and_free_error(error);
        n_removed = ovsdb_datum_sort_unique(&datum, base.type,
                                            OVSDB_TYPE_VOID);
        printf("removed %zu duplicate(s)\n", n_removed);
    }

    json = json_array();
    for (i = 0; i < datum.n; i++) {
        json_array_append_new(json, ovsdb_atom_to_json(&datum.keys[i],
                                                       base.type));
    }
    print_and_free_json(json);
    ovsdb_datum_destroy(&datum, &type);
    ovsdb_type_destroy(&type);
}

static void
do_diff_data(int argc, char *argv[])
{
    struct ovsdb_datum old, new, diff, applied;
    struct ovsdb_type type, diff_type;
    json_t *json;
    int i;

    parse_type_or_die(argv[1], &type);
    diff_type = type;
    diff_type.n_min = 0;
    diff_type.n_max = UINT_MAX;

    json = parse_json(argv[2]);
    check_ovsdb_error(ovsdb_datum_from_json(&old, &type, json, NULL));
    json_decref(json);

    for (i = 3; i < argc; i++) {
        struct ovsdb_error *error;

        json = parse_json(argv[i]);
        check_ovsdb_error(ovsdb_datum_from_json(&new, &type, json, NULL));
        json_decref(json);

        ovsdb_datum_diff(&diff, &old, &new, &type);
        print_and_free_json(ovsdb_datum_to_json(&diff, &diff_type));

        error = ovsdb_datum_apply_diff(&applied, &old, &diff, &type);
        if (error) {
            print_and_free_error(error);
        } else {
            ovs_assert(ovsdb_datum_equals(&applied, &new, &type));
            ovsdb_datum_destroy(&applied, &type);
        }
        ovsdb_datum_destroy(&diff, &type);
        ovsdb_datum_destroy(&new, &type);
    }
    ovsdb_datum_destroy(&old, &type);
    ovsdb_type_destroy(&type);
}

static void
do_parse_column(int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_column *column;
    struct ovsdb_error *error;
    json_t *json = parse_json(argv[2]);

    error = ovsdb_column_from_json(json, argv[1], &column);
    json_decref(json);
    if (error) {
        print_and_free_error(error);
    } else {
        print_and_free_json(ovsdb_column_to_json(column));
        ovsdb_column_destroy(column);
    }
}

static void
do_parse_table(int argc, char *argv[])
{
    struct ovsdb_table_schema *ts;
    struct ovsdb_error *error;
    bool default_is_root = argc > 3 && !strcmp(argv[3], "true");
    json_t *json = parse_json(argv[2]);

    error = ovsdb_table_schema_from_json(json, argv[1], &ts);
    json_decref(json);
    if (error) {
        print_and_free_error(error);
    } else {
        print_and_free_json(ovsdb_table_schema_to_json(ts, default_is_root));
        ovsdb_table_schema_destroy(ts);
    }
}

static void
do_parse_schema(int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_schema *schema, *clone;
    struct ovsdb_error *error;
    json_t *json = parse_json(argv[1]);

    error = ovsdb_schema_from_json(json, &schema);
    json_decref(json);
    if (error) {
        print_and_free_error(error);
        return;
    }
    print_and_free_json(ovsdb_schema_to_json(schema));

    /* A clone is equal, and what we print parses back to an equal
     * schema. */
    clone = ovsdb_schema_clone(schema);
    ovs_assert(ovsdb_schema_equal(schema, clone));
    ovsdb_schema_destroy(clone);

    json = ovsdb_schema_to_json(schema);
    check_ovsdb_error(ovsdb_schema_from_json(json, &clone));
    json_decref(json);
    ovs_assert(ovsdb_schema_equal(schema, clone));
    ovsdb_schema_destroy(clone);

    ovsdb_schema_destroy(schema);
}

/* Creates a one-table database from table schema 'ts_json' named "t" (so
 * that rows can be built), returning the database and table. */
static struct ovsdb *
create_table_db(const char *ts_json, struct ovsdb_table **tablep)
{
    struct ovsdb_table_schema *ts;
    struct ovsdb_schema *schema;
    json_t *json = parse_json(ts_json);
    struct ovsdb *db;

    check_ovsdb_error(ovsdb_table_schema_from_json(json, "t", &ts));
    json_decref(json);
    ts->is_root = true;         /* As the only table of a schema. */
    schema = ovsdb_schema_create("test", "1.0.0", "");
    shash_add(&schema->tables, "t", ts);
    db = ovsdb_create(schema, NULL);
    *tablep = ovsdb_get_table(db, "t");
    return db;
}

/* Parses JSON array 'rows_json' into rows of 'table' (not in the table),
 * with UUIDs 0, 1, 2... */
static struct ovsdb_row **
parse_rows(struct ovsdb_table *table, const char *rows_json, size_t *n_rowsp)
{
    json_t *json = parse_json(rows_json);
    struct ovsdb_row **rows;
    size_t i, n;

    if (!json_is_array(json)) {
        ovs_fatal(0, "ROWS must be an array");
    }
    n = json_array_size(json);
    rows = xmalloc((n ? n : 1) * sizeof *rows);
    for (i = 0; i < n; i++) {
        struct ovsdb_row *row = ovsdb_row_create(table);

        check_ovsdb_error(ovsdb_row_from_json(row, json_array_get(json, i),
                                              NULL, NULL, false));
        ovsdb_row_get_uuid_rw(row)->parts[3] = i;
        rows[i] = row;
    }
    json_decref(json);
    *n_rowsp = n;
    return rows;
}

static void
evaluate_conditions(char *argv[], bool any)
{
    struct ovsdb_table *table;
    struct ovsdb *db = create_table_db(argv[1], &table);
    struct ovsdb_row **rows;
    json_t *conditions;
    size_t i, j, n_rows;

    conditions = parse_json(argv[2]);
    rows = parse_rows(table, argv[3], &n_rows);
    if (!json_is_array(conditions)) {
        ovs_fatal(0, "CONDITIONS must be an array");
    }

    for (i = 0; i < json_array_size(conditions); i++) {
        struct ovsdb_condition cnd;
        struct ovsdb_error *error;

        error = ovsdb_condition_from_json(table->schema,
                                          json_array_get(conditions, i),
                                          NULL, &cnd);
        printf("condition %2zu:", i);
        if (error) {
            char *s = ovsdb_error_to_string_free(error);
            printf(" %s\n", s);
            free(s);
            continue;
        }
        for (j = 0; j < n_rows; j++) {
            bool result;

            if (j % 5 == 0) {
                putchar(' ');
            }
            result = (any
                      ? ovsdb_condition_empty_or_match_any(rows[j]->fields,
                                                           &cnd, NULL)
                      : ovsdb_condition_match_every_clause(rows[j], &cnd));
            putchar(result ? 'T' : '-');
        }
        putchar('\n');
        ovsdb_condition_destroy(&cnd);
    }

    for (j = 0; j < n_rows; j++) {
        ovsdb_row_destroy(rows[j]);
    }
    free(rows);
    json_decref(conditions);
    ovsdb_destroy(db);
}

static void
do_evaluate_conditions(int argc OVS_UNUSED, char *argv[])
{
    evaluate_conditions(argv, false);
}

static void
do_evaluate_conditions_any(int argc OVS_UNUSED, char *argv[])
{
    evaluate_conditions(argv, true);
}

static void
do_compare_conditions(int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_table *table;
    struct ovsdb *db = create_table_db(argv[1], &table);
    struct ovsdb_condition *cnds;
    json_t *conditions = parse_json(argv[2]);
    size_t i, n;

    n = json_array_size(conditions);
    cnds = xmalloc((n ? n : 1) * sizeof *cnds);
    for (i = 0; i < n; i++) {
        check_ovsdb_error(ovsdb_condition_from_json(
                              table->schema, json_array_get(conditions, i),
                              NULL, &cnds[i]));
    }
    for (i = 0; i + 1 < n; i++) {
        int cmp = ovsdb_condition_cmp_3way(&cnds[i], &cnds[i + 1]);
        struct ovsdb_condition clone;

        printf("condition %zu-%zu: %d\n", i, i + 1,
               cmp < 0 ? -1 : cmp > 0);
        ovsdb_condition_clone(&clone, &cnds[i]);
        ovs_assert(!ovsdb_condition_cmp_3way(&clone, &cnds[i]));
        ovsdb_condition_destroy(&clone);
    }
    for (i = 0; i < n; i++) {
        print_and_free_json(ovsdb_condition_to_json(&cnds[i]));
        ovsdb_condition_destroy(&cnds[i]);
    }
    free(cnds);
    json_decref(conditions);
    ovsdb_destroy(db);
}

static void
do_evaluate_mutations(int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_table *table;
    struct ovsdb *db = create_table_db(argv[1], &table);
    const struct ovsdb_table_schema *ts = table->schema;
    json_t *mutations = parse_json(argv[2]);
    struct ovsdb_row **rows;
    size_t i, j, k, n_rows;

    rows = parse_rows(table, argv[3], &n_rows);
    for (i = 0; i < json_array_size(mutations); i++) {
        struct ovsdb_mutation_set set;
        struct ovsdb_error *error;

        error = ovsdb_mutation_set_from_json(ts, json_array_get(mutations, i),
                                             NULL, &set);
        printf("mutation %2zu:\n", i);
        if (error) {
            print_and_free_error(error);
            continue;
        }
        for (j = 0; j < n_rows; j++) {
            struct ovsdb_row *row = ovsdb_row_clone(rows[j]);

            printf("row %zu: ", j);
            error = ovsdb_mutation_set_execute(row, &set);
            if (error) {
                print_and_free_error(error);
            } else {
                json_t *changes = json_object();

                for (k = OVSDB_N_STD_COLUMNS;
                     k < ovsdb_table_schema_n_columns(ts); k++) {
                    const struct ovsdb_column *c = ts->by_index[k];

                    if (!ovsdb_datum_equals(&row->fields[k],
                                            &rows[j]->fields[k], &c->type)) {
                        json_object_set_new(
                            changes, c->name,
                            ovsdb_datum_to_json(&row->fields[k], &c->type));
                    }
                }
                if (json_object_size(changes)) {
                    print_and_free_json(changes);
                } else {
                    json_decref(changes);
                    puts("no change");
                }
            }
            ovsdb_row_destroy(row);
        }
        ovsdb_mutation_set_destroy(&set);
    }

    for (j = 0; j < n_rows; j++) {
        ovsdb_row_destroy(rows[j]);
    }
    free(rows);
    json_decref(mutations);
    ovsdb_destroy(db);
}

/* Inserts 'rows' into 'table' in a committed transaction. */
static void
insert_rows(struct ovsdb *db, struct ovsdb_row **rows, size_t n_rows)
{
    struct ovsdb_txn *txn = ovsdb_txn_create(db);
    size_t i;

    for (i = 0; i < n_rows; i++) {
        ovsdb_txn_row_insert(txn, rows[i]);
    }
    check_ovsdb_error(ovsdb_txn_commit(txn, false));
}

static void
do_query(int argc, char *argv[])
{
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    bool distinct = !strcmp(argv[0], "query-distinct");
    struct ovsdb_table *table;
    struct ovsdb *db = create_table_db(argv[1], &table);
    json_t *conditions = parse_json(argv[3]);
    struct ovsdb_row **rows;
    size_t i, j, n_rows;

    rows = parse_rows(table, argv[2], &n_rows);
    insert_rows(db, rows, n_rows);
    free(rows);

    if (distinct) {
        json_t *json = parse_json(argc > 4 ? argv[4] : "[]");

        check_ovsdb_error(ovsdb_column_set_from_json(json, table->schema,
                                                     &columns));
        json_decref(json);
    }

    for (i = 0; i < json_array_size(conditions); i++) {
        struct ovsdb_row_set results = OVSDB_ROW_SET_INITIALIZER;
        struct ovsdb_condition cnd;
        char *marks;

        check_ovsdb_error(ovsdb_condition_from_json(
                              table->schema, json_array_get(conditions, i),
                              NULL, &cnd));
        if (distinct) {
            ovsdb_query_distinct(table, &cnd, &columns, &results);
        } else {
            ovsdb_query_row_set(table, &cnd, &results);
        }

        if (distinct) {
            /* Which of several equal rows comes first depends on hashing:
             * print only how many there are. */
            printf("query %2zu: %zu distinct row(s)\n", i, results.n_rows);
        } else {
            /* Mark the matching rows by their index (the last UUID
             * word). */
            marks = xzalloc(n_rows + 1);
            memset(marks, '-', n_rows);
            for (j = 0; j < results.n_rows; j++) {
                unsigned int idx
                    = ovsdb_row_get_uuid(results.rows[j])->parts[3];

                ovs_assert(idx < n_rows);
                marks[idx] = 'T';
            }
            printf("query %2zu: %s (%zu)\n", i, marks, results.n_rows);
            free(marks);
        }
        ovsdb_row_set_destroy(&results);
        ovsdb_condition_destroy(&cnd);
    }
    ovsdb_column_set_destroy(&columns);
    json_decref(conditions);
    ovsdb_destroy(db);
}

/* Creates a database from schema JSON 's'. */
static struct ovsdb *
create_db(const char *s)
{
    struct ovsdb_schema *schema;
    json_t *json = parse_json(s);

    check_ovsdb_error(ovsdb_schema_from_json(json, &schema));
    json_decref(json);
    return ovsdb_create(schema, NULL);
}

/* A row of a "select" result and its serialization, for sorting. */
struct sorted_row {
    char *text;                 /* The row as compact JSON, members
                                 * sorted. */
    json_t *row;                /* The row. */
};

static int
compare_sorted_rows(const void *a_, const void *b_)
{
    const struct sorted_row *a = a_;
    const struct sorted_row *b = b_;

    return strcmp(a->text, b->text);
}

/* Sorts the rows of each "select" result in 'results', whose order
 * depends on hashing, by their JSON text, so that tests can compare
 * output. */
static void
sort_select_results(json_t *results)
{
    size_t i;

    if (!json_is_array(results)) {
        return;
    }
    for (i = 0; i < json_array_size(results); i++) {
        json_t *rows = json_object_get(json_array_get(results, i), "rows");
        struct sorted_row *sorted;
        json_t *new_rows;
        size_t j, n;

        if (!json_is_array(rows)) {
            continue;
        }
        n = json_array_size(rows);
        sorted = xcalloc(n ? n : 1, sizeof *sorted);
        for (j = 0; j < n; j++) {
            sorted[j].row = json_array_get(rows, j);
            sorted[j].text = json_to_string(sorted[j].row, JSSF_SORT);
        }
        qsort(sorted, n, sizeof *sorted, compare_sorted_rows);
        new_rows = json_array_create_empty();
        for (j = 0; j < n; j++) {
            json_array_add(new_rows, json_clone(sorted[j].row));
            free(sorted[j].text);
        }
        free(sorted);
        json_object_put(json_array_get(results, i), "rows", new_rows);
    }
}

static void
execute__(int argc, char *argv[], bool read_only, bool can_wait)
{
    struct ovsdb *db = create_db(argv[1]);
    int i;

    for (i = 2; i < argc; i++) {
        long long int timeout_msec;
        json_t *params = parse_json(argv[i]);
        json_t *result;

        result = ovsdb_execute(db, NULL, params, read_only, 0,
                               can_wait ? &timeout_msec : NULL);
        if (result) {
            sort_select_results(result);
            print_and_free_json(result);
        } else if (timeout_msec == LLONG_MAX) {
            puts("must wait (no timeout)");
        } else {
            printf("must wait (%lld ms)\n", timeout_msec);
        }
        json_decref(params);
    }
    ovsdb_destroy(db);
}

static void
do_execute(int argc, char *argv[])
{
    execute__(argc, argv, false, true);
}

static void
do_execute_readonly(int argc, char *argv[])
{
    execute__(argc, argv, true, true);
}

static void
do_execute_nowait(int argc, char *argv[])
{
    execute__(argc, argv, false, false);
}

/* A replica that prints each committed transaction's record and saves it
 * for replay. */
struct record_replica {
    struct ovsdb_replica up;    /* Base. */
    json_t *records;            /* Array of records. */
};

static bool
count_change(const struct ovsdb_row *old, const struct ovsdb_row *new,
             const unsigned long int *changed OVS_UNUSED, void *n_)
{
    size_t *n = n_;

    ovs_assert(old || new);
    (*n)++;
    return true;
}

static struct ovsdb_error *
record_replica_commit(struct ovsdb_replica *replica_,
                      const struct ovsdb_txn *txn, bool durable)
{
    struct record_replica *replica = CONTAINER_OF(replica_,
                                                  struct record_replica, up);
    json_t *record = ovsdb_file_txn_to_json(txn);
    size_t n_changes = 0;

    ovsdb_txn_for_each_change(txn, count_change, &n_changes);
    printf("commit: %zu change(s)%s%s%s: ", n_changes,
           durable ? ", durable" : "",
           ovsdb_txn_get_comment(txn) ? ", comment: " : "",
           ovsdb_txn_get_comment(txn) ? ovsdb_txn_get_comment(txn) : "");
    if (record) {
        json_array_append(replica->records, record);
        print_and_free_json(record);
    } else {
        puts("no record");
    }
    return NULL;
}

static const struct ovsdb_replica_class record_replica_class = {
    .commit = record_replica_commit,
    .destroy = NULL,
};

static void
do_txn_record(int argc, char *argv[])
{
    struct ovsdb *db = create_db(argv[1]);
    struct ovsdb *copy = create_db(argv[1]);
    struct record_replica replica;
    json_t *snapshot, *snapshot_copy;
    size_t i;

    ovsdb_replica_init(&replica.up, &record_replica_class);
    replica.records = json_array();
    ovsdb_add_replica(db, &replica.up);

    for (i = 2; i < (size_t) argc; i++) {
        long long int timeout_msec;
        json_t *params = parse_json(argv[i]);
        json_t *result;

        result = ovsdb_execute(db, NULL, params, false, 0, &timeout_msec);
        if (result) {
            sort_select_results(result);
            print_and_free_json(result);
        }
        json_decref(params);
    }
    ovsdb_remove_replica(db, &replica.up);

    /* Replaying the records gives the same database. */
    for (i = 0; i < json_array_size(replica.records); i++) {
        struct ovsdb_txn *txn;

        check_ovsdb_error(ovsdb_file_txn_from_json(
                              copy, json_array_get(replica.records, i),
                              false, &txn));
        check_ovsdb_error(ovsdb_txn_replay_commit(txn));
    }
    snapshot = ovsdb_to_txn_json(db, NULL);
    snapshot_copy = ovsdb_to_txn_json(copy, NULL);
    ovs_assert(json_equal(snapshot, snapshot_copy));
    printf("replay: ok, %zu row(s)\n", ovsdb_n_rows(copy));

    /* So does loading a snapshot. */
    struct ovsdb *copy2 = create_db(argv[1]);
    struct ovsdb_txn *txn;

    check_ovsdb_error(ovsdb_file_txn_from_json(copy2, snapshot, false,
                                               &txn));
    check_ovsdb_error(ovsdb_txn_replay_commit(txn));
    json_decref(snapshot_copy);
    snapshot_copy = ovsdb_to_txn_json(copy2, NULL);
    ovs_assert(json_equal(snapshot, snapshot_copy));
    printf("snapshot: ok\n");

    json_decref(snapshot);
    json_decref(snapshot_copy);
    json_decref(replica.records);
    ovsdb_destroy(copy2);
    ovsdb_destroy(copy);
    ovsdb_destroy(db);
}

static void
test_ovsdb_main(int argc, char *argv[])
{
    static const struct ovstest_command commands[] = {
        { "parse-atomic-type", 1, 1, do_parse_atomic_type },
        { "parse-base-type", 1, 1, do_parse_base_type },
        { "parse-type", 1, 1, do_parse_type },
        { "parse-atoms", 2, INT_MAX, do_parse_atoms },
        { "parse-atom-strings", 2, INT_MAX, do_parse_atom_strings },
        { "parse-data", 2, INT_MAX, do_parse_data },
        { "parse-data-strings", 2, INT_MAX, do_parse_data_strings },
        { "sort-atoms", 2, 2, do_sort_atoms },
        { "diff-data", 3, INT_MAX, do_diff_data },
        { "parse-column", 2, 2, do_parse_column },
        { "parse-table", 2, 3, do_parse_table },
        { "parse-schema", 1, 1, do_parse_schema },
        { "evaluate-conditions", 3, 3, do_evaluate_conditions },
        { "evaluate-conditions-any", 3, 3, do_evaluate_conditions_any },
        { "compare-conditions", 2, 2, do_compare_conditions },
        { "evaluate-mutations", 3, 3, do_evaluate_mutations },
        { "query", 3, 3, do_query },
        { "query-distinct", 4, 4, do_query },
        { "execute", 2, INT_MAX, do_execute },
        { "execute-readonly", 2, INT_MAX, do_execute_readonly },
        { "execute-nowait", 2, INT_MAX, do_execute_nowait },
        { "txn-record", 2, INT_MAX, do_txn_record },
        { NULL, 0, 0, NULL },
    };

    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-ovsdb", test_ovsdb_main);
