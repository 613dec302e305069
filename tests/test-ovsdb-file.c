/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Drives ovsdb/file.c:
 *
 *     test-ovsdb-file open FILE MODE [TRANSACTION...]
 *
 * opens database FILE with ovsdb_file_open() in MODE: "rw" (read/write,
 * recovering from a bad last record), "ro" (read-only, recovering), or
 * "strict" (read/write, a bad record is an error).  Prints the warning or
 * the error, if any, runs each TRANSACTION (a "transact" params array) and
 * prints its result, then prints the number of rows.
 *
 *     test-ovsdb-file policy FILE TABLE COLUMN N SIZE
 *
 * opens FILE read/write, commits N transactions that each insert a row into
 * TABLE with a distinct string of SIZE bytes in COLUMN, and prints what the
 * automatic compaction policy says at several times after opening; then
 * compacts and prints it again. */

#include <config.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb/execution.h"
#include "ovsdb/file.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb.h"
#include "ovstest.h"

static json_t *
parse_json_arg(const char *s)
{
    json_t *json;
    char *error = json_parse(s, strlen(s), 0, &json);

    if (error) {
        ovs_fatal(0, "%s: %s", s, error);
    }
    return json;
}

/* Runs transaction 'params' on 'db' and prints the result. */
static void
run_transaction(struct ovsdb *db, const char *params)
{
    json_t *request = parse_json_arg(params);
    json_t *result = ovsdb_execute(db, NULL, request, false, 0, NULL);
    char *s = json_to_string(result, JSSF_SORT);

    printf("%s\n", s);
    free(s);
    json_decref(result);
    json_decref(request);
}

static void
do_open(int argc, char *argv[])
{
    const char *mode = argv[2];
    bool strict = !strcmp(mode, "strict");
    bool read_only = !strcmp(mode, "ro");
    struct ovsdb_error *error;
    struct ovsdb_file *file;
    struct ovsdb *db;
    char *warning;

    if (!strict && !read_only && strcmp(mode, "rw")) {
        ovs_fatal(0, "%s: unknown mode", mode);
    }
    error = ovsdb_file_open(argv[1], read_only, &db, read_only ? NULL : &file,
                            strict ? NULL : &warning);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        printf("error: %s\n", s);
        free(s);
        return;
    }
    if (!strict && warning) {
        printf("warning: %s\n", warning);
        free(warning);
    }
    for (int i = 3; i < argc; i++) {
        run_transaction(db, argv[i]);
    }
    printf("rows: %zu\n", ovsdb_n_rows(db));
    ovsdb_destroy(db);
}

static void
print_policy(const struct ovsdb_file *file, long long int start)
{
    static const struct {
        const char *name;
        long long int msec;
    } times[] = {
        { "now", 0 },
        { "+5min", 5 * 60 * 1000 },
        { "+11min", 11 * 60 * 1000 },
        { "+25h", 25LL * 60 * 60 * 1000 },
    };

    printf("transactions: %llu, due:",
           ovsdb_file_get_n_transactions(file));
    for (size_t i = 0; i < ARRAY_SIZE(times); i++) {
        printf(" %s=%s", times[i].name,
               ovsdb_file_compaction_due(file, start + times[i].msec)
               ? "yes" : "no");
    }
    printf("\n");
}

static void
do_policy(int argc OVS_UNUSED, char *argv[])
{
    const char *table = argv[2];
    const char *column = argv[3];
    int n = atoi(argv[4]);
    size_t size = atoi(argv[5]);
    struct ovsdb_file *file;
    struct ovsdb *db;
    long long int start;
    char *value;

    start = ovsdb_file_time_msec();
    ovsdb_error_assert(ovsdb_file_open(argv[1], false, &db, &file, NULL));

    value = xmalloc(size + 32);
    for (int i = 0; i < n; i++) {
        json_t *row = json_object();
        json_t *op, *params, *result;

        /* Distinct values, in case COLUMN is indexed. */
        int len = snprintf(value, 32, "%lld-%d-",
                           (long long int) start, i);
        memset(value + len, 'x', size > len ? size - len : 0);
        value[MAX(size, len)] = '\0';
        json_object_set_new(row, column, json_string(value));
        op = json_pack("{s:s, s:s, s:o}", "op", "insert", "table", table,
                       "row", row);
        params = json_pack("[s, o]", db->schema->name, op);
        result = ovsdb_execute(db, NULL, params, false, 0, NULL);
        for (size_t j = 0; !json_is_array(result)
                           || j < json_array_size(result); j++) {
            if (!json_is_array(result)
                || json_object_get(json_array_get(result, j), "error")) {
                char *s = json_to_string(result, JSSF_SORT);
                ovs_fatal(0, "transaction failed: %s", s);
            }
        }
        json_decref(result);
        json_decref(params);
    }
    free(value);

    print_policy(file, start);
    ovsdb_error_assert(ovsdb_file_compact_if_due(file));
    printf("compacted if due: %llu transactions\n",
           ovsdb_file_get_n_transactions(file));
    ovsdb_error_assert(ovsdb_file_compact(file, "compacting by request"));
    printf("compacted: size %lld\n",
           (long long int) ovsdb_log_get_offset(ovsdb_file_get_log(file)));
    print_policy(file, ovsdb_file_time_msec());
    ovsdb_destroy(db);
}

static void
test_ovsdb_file_main(int argc, char *argv[])
{
    static const struct ovstest_command commands[] = {
        { "open", 2, INT_MAX, do_open },
        { "policy", 5, 5, do_policy },
        { NULL, 0, 0, NULL },
    };

    setvbuf(stdout, NULL, _IOLBF, 0);
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-ovsdb-file", test_ovsdb_file_main);
