/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovsdb-client: a command-line client for OVSDB servers.
 *
 * Each command opens one JSON-RPC connection to a server (by default the
 * local ovsdb-server's Unix socket), does its work and prints the result
 * in the formats that upstream's ovsdb-client uses, so that scripts that
 * parse that output keep working. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "column.h"
#include "command-line.h"
#include "daemon.h"
#include "dirs.h"
#include "fatal-signal.h"
#include "file.h"
#include "json.h"
#include "jsonrpc.h"
#include "log.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-types.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "row.h"
#include "socket-util.h"
#include "sset.h"
#include "stream-ssl.h"
#include "stream.h"
#include "lib/table.h"
#include "ovsdb/table.h"
#include "timeval.h"
#include "transaction.h"
#include "unixctl.h"
#include "uuid.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_client);

/* What a command needs before it runs. */
enum args_needed {
    NEED_NONE,                  /* Nothing. */
    NEED_SERVER,                /* The name of a server (optional arg). */
    NEED_RPC,                   /* A connection to the server. */
    NEED_DATABASE               /* A connection and a database name. */
};

/* A command. */
struct ovsdb_client_command {
    const char *name;           /* Command name. */
    enum args_needed need;      /* What it needs. */
    int min_args;               /* Arguments, after SERVER and DATABASE. */
    int max_args;
    void (*handler)(struct jsonrpc *rpc, const char *database,
                    int argc, char *argv[]);
};

/* Output style.  parse_options() makes "table" the default format, as
 * upstream's ovsdb-client has it (ovs-vsctl's default is "list"). */
static struct table_style table_style = TABLE_STYLE_DEFAULT;

/* --timestamp: print the time above each monitor update. */
static bool timestamp;

/* --force: restore even if the schemas differ. */
static bool force;

/* --db-change-aware / --no-db-change-aware. */
static bool db_change_aware = true;

/* The server the command talks to, and the database (for commands that
 * need one). */
static char *server_name;
static char *database_name;

static const struct ovsdb_client_command *get_all_commands(void);
static void parse_options(int argc, char *argv[]);
OVS_NO_RETURN static void usage(void);

/* Returns the name of the default server. */
static char *
default_server(void)
{
    return xasprintf("unix:%s/db.sock", ovs_rundir());
}

/* True if 's' names an active or passive stream. */
static bool
is_server_name(const char *s)
{
    return !stream_verify_name(s) || !pstream_verify_name(s);
}

/* Connects to 'server' (or, for a passive name, waits for it to connect
 * to us) and returns the connection. */
static struct jsonrpc *
open_jsonrpc(const char *server)
{
    struct stream *stream;
    int error;

    if (!pstream_verify_name(server)) {
        struct pstream *pstream;

        error = jsonrpc_pstream_open(server, &pstream, DSCP_DEFAULT);
        if (error) {
            ovs_fatal(error, "failed to listen on \"%s\"", server);
        }
        VLOG_INFO("%s: waiting for connection...",
                  pstream_get_name(pstream));
        error = pstream_accept_block(pstream, &stream);
        if (error) {
            ovs_fatal(error, "failed to accept connection on \"%s\"",
                      server);
        }
        pstream_close(pstream);
    } else {
        error = stream_open_block(jsonrpc_stream_open(server, &stream,
                                                      DSCP_DEFAULT),
                                  -1, &stream);
        if (error) {
            ovs_fatal(0, "failed to connect to \"%s\" (%s)", server,
                      ovs_retval_to_string(error));
        }
    }
    return jsonrpc_open(stream);
}

/* Sends 'request' on 'rpc' and returns the reply, exiting with an error
 * message if the connection fails or the reply is an error. */
static struct jsonrpc_msg *
transact_or_die(struct jsonrpc *rpc, struct jsonrpc_msg *request)
{
    struct jsonrpc_msg *reply;
    int error;

    error = jsonrpc_transact_block(rpc, request, &reply);
    if (error) {
        ovs_fatal(error, "transaction failed");
    }
    if (reply->error) {
        char *s = json_to_string(reply->error, JSSF_SORT);
        ovs_fatal(0, "transaction returned error: %s", s);
    }
    return reply;
}

/* Returns the names of the databases on the server (an array of strings,
 * a new reference). */
static json_t *
fetch_dbs(struct jsonrpc *rpc)
{
    struct jsonrpc_msg *request, *reply;
    json_t *dbs;

    request = jsonrpc_create_request("list_dbs", json_array_create_empty(),
                                     NULL);
    reply = transact_or_die(rpc, request);
    if (!json_is_array(reply->result)) {
        ovs_fatal(0, "list_dbs response is not array");
    }
    for (size_t i = 0; i < json_array_size(reply->result); i++) {
        if (!json_is_string(json_array_get(reply->result, i))) {
            ovs_fatal(0, "list_dbs response %zu is not string", i);
        }
    }
    dbs = json_clone(reply->result);
    jsonrpc_msg_destroy(reply);
    return dbs;
}

/* True if the array of database names 'dbs' contains 'name'. */
static bool
dbs_contain(const json_t *dbs, const char *name)
{
    for (size_t i = 0; i < json_array_size(dbs); i++) {
        if (!strcmp(json_string_value(json_array_get(dbs, i)), name)) {
            return true;
        }
    }
    return false;
}

/* Fetches the schema of 'database'.  Stores the schema as the server sent
 * it in '*rawp' (a new reference) if 'rawp' is nonnull. */
static struct ovsdb_schema *
fetch_schema(struct jsonrpc *rpc, const char *database, json_t **rawp)
{
    struct jsonrpc_msg *request, *reply;
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;

    request = jsonrpc_create_request(
        "get_schema", json_array_create_1(json_string_create(database)),
        NULL);
    reply = transact_or_die(rpc, request);
    error = ovsdb_schema_from_json(reply->result, &schema);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    if (rawp) {
        *rawp = json_clone(reply->result);
    }
    jsonrpc_msg_destroy(reply);
    return schema;
}

/* Returns the member names of 'object' in the order in which an shash
 * (which iterates like upstream's) yields them after inserting them in
 * 'object''s order, 'passes' times over.  'prefix' names are inserted
 * before the others in the last pass.  The caller frees the returned
 * array (not the names, which belong to 'object' or 'prefix'). */
static const char **
shash_order(const json_t *object, int passes, const char *const *prefix,
            size_t n_prefix, size_t *np)
{
    size_t n = json_object_size(object);
    const char **names = xmalloc((n + n_prefix + 1) * sizeof *names);
    const char *name;
    json_t *value;
    size_t i = 0;

    json_object_foreach (CONST_CAST(json_t *, object), name, value) {
        names[i++] = name;
    }

    for (int pass = 0; pass < passes; pass++) {
        struct shash sh = SHASH_INITIALIZER(&sh);
        struct shash_node *node;
        size_t n_in = n;

        if (pass == passes - 1 && n_prefix) {
            memmove(&names[n_prefix], names, n * sizeof *names);
            memcpy(names, prefix, n_prefix * sizeof *names);
            n_in = n + n_prefix;
        }
        for (i = 0; i < n_in; i++) {
            shash_add(&sh, names[i], names[i]);
        }
        i = 0;
        SHASH_FOR_EACH (node, &sh) {
            names[i++] = node->data;
        }
        shash_destroy(&sh);
    }
    *np = n + n_prefix;
    return names;
}

/* list-dbs. */

static void
do_list_dbs(struct jsonrpc *rpc, const char *database OVS_UNUSED,
            int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    json_t *dbs = fetch_dbs(rpc);

    for (size_t i = 0; i < json_array_size(dbs); i++) {
        puts(json_string_value(json_array_get(dbs, i)));
    }
    json_decref(dbs);
}

/* get-schema and friends. */

static void
do_get_schema(struct jsonrpc *rpc, const char *database,
              int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = fetch_schema(rpc, database, NULL);
    json_t *json = ovsdb_schema_to_json(schema);
    char *s = json_to_string(json, table_style.json_flags | JSSF_SORT);

    puts(s);
    free(s);
    json_decref(json);
    ovsdb_schema_destroy(schema);
}

/* get-schema-version. */
static void
do_get_schema_version(struct jsonrpc *rpc, const char *database,
                      int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = fetch_schema(rpc, database, NULL);

    puts(schema->version);
    ovsdb_schema_destroy(schema);
}

/* get-schema-cksum. */
static void
do_get_schema_cksum(struct jsonrpc *rpc, const char *database,
                    int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema = fetch_schema(rpc, database, NULL);

    puts(schema->cksum);
    ovsdb_schema_destroy(schema);
}

/* Returns the names of the tables of 'raw' (a schema as the server sent
 * it) in the order upstream's client lists them. */
static const char **
table_names_in_order(const json_t *raw, size_t *n)
{
    return shash_order(json_object_get(raw, "tables"), 2, NULL, 0, n);
}

/* Returns the names of the columns of table schema 'raw_ts' (as the server
 * sent it), standard columns included, in the order upstream's client
 * lists them. */
static const char **
column_names_in_order(const json_t *raw_ts, size_t *n)
{
    static const char *const std[] = { "_uuid", "_version" };

    return shash_order(json_object_get(raw_ts, "columns"), 2, std,
                       ARRAY_SIZE(std), n);
}

/* list-tables: the tables, in the order upstream lists them. */
static void
do_list_tables(struct jsonrpc *rpc, const char *database,
               int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovsdb_schema *schema;
    struct table t;
    const char **names;
    json_t *raw;
    size_t n;

    schema = fetch_schema(rpc, database, &raw);
    table_init(&t);
    table_add_column(&t, "Table");
    names = table_names_in_order(raw, &n);
    for (size_t i = 0; i < n; i++) {
        table_add_row(&t);
        table_add_cell(&t)->text = xstrdup(names[i]);
    }
    free(names);
    table_print(&t, &table_style);
    table_destroy(&t);
    json_decref(raw);
    ovsdb_schema_destroy(schema);
}

/* list-columns [TABLE]: the columns of TABLE or of every table, with their
 * types as JSON. */
static void
do_list_columns(struct jsonrpc *rpc, const char *database,
                int argc, char *argv[])
{
    const char *table_name = argc > 0 ? argv[0] : NULL;
    struct ovsdb_schema *schema;
    const char **tables;
    size_t n_tables;
    struct table t;
    json_t *raw;

    schema = fetch_schema(rpc, database, &raw);
    table_init(&t);
    if (!table_name) {
        table_add_column(&t, "Table");
    }
    table_add_column(&t, "Column");
    table_add_column(&t, "Type");

    tables = table_names_in_order(raw, &n_tables);
    for (size_t i = 0; i < n_tables; i++) {
        const struct ovsdb_table_schema *ts;
        const char **columns;
        size_t n_columns;

        if (table_name && strcmp(table_name, tables[i])) {
            continue;
        }
        ts = shash_find_data(&schema->tables, tables[i]);
        columns = column_names_in_order(
            json_object_get(json_object_get(raw, "tables"), tables[i]),
            &n_columns);
        for (size_t j = 0; j < n_columns; j++) {
            const struct ovsdb_column *column
                = ovsdb_table_schema_get_column(ts, columns[j]);

            if (!column) {
                continue;
            }
            table_add_row(&t);
            if (!table_name) {
                table_add_cell(&t)->text = xstrdup(ts->name);
            }
            table_add_cell(&t)->text = xstrdup(column->name);
            table_add_cell(&t)->json = ovsdb_type_to_json(&column->type);
        }
        free(columns);
    }
    free(tables);
    table_print(&t, &table_style);
    table_destroy(&t);
    json_decref(raw);
    ovsdb_schema_destroy(schema);
}

/* transact and query. */

/* Parses 'arg' as a transaction (the params of a "transact" request), or
 * dies. */
static json_t *
parse_transaction(const char *arg)
{
    json_t *txn = json_from_string(arg);

    if (json_is_string(txn)) {
        char *error = xstrdup(json_string_value(txn));

        json_decref(txn);
        ovs_fatal(0, "\"%s\": %s", arg, error);
    }
    if (!json_is_array(txn) || !json_array_size(txn)
        || !json_is_string(json_array_get(txn, 0))) {
        json_decref(txn);
        ovs_fatal(0, "not a valid OVSDB query");
    }
    return txn;
}

/* Prints 'json' on one line (or indented, with --pretty). */
static void
print_json(const json_t *json)
{
    char *s = json_to_string(json, table_style.json_flags);

    puts(s);
    free(s);
}

/* Sends 'txn' (a "transact" request's params, taken over) and prints the
 * results.  For "query" ('query'), the transaction gets an "abort"
 * operation at the end, whose result is not printed. */
static void
run_transaction(struct jsonrpc *rpc, json_t *txn, bool query)
{
    struct jsonrpc_msg *request, *reply;
    json_t *result;

    if (query) {
        json_t *abort = json_object_create();

        json_object_put_string(abort, "op", "abort");
        json_array_add(txn, abort);
    }
    request = jsonrpc_create_request("transact", txn, NULL);
    reply = transact_or_die(rpc, request);
    result = reply->result;

    if (query && json_is_array(result) && json_array_size(result)) {
        const json_t *last = json_array_get(result,
                                             json_array_size(result) - 1);
        const json_t *err = json_object_get(last, "error");

        if (json_is_string(err)
            && !strcmp(json_string_value(err), "aborted")) {
            json_array_remove(result, json_array_size(result) - 1);
        }
    }
    print_json(result);
    jsonrpc_msg_destroy(reply);
}

/* transact TRANSACTION. */
static void
do_transact(struct jsonrpc *rpc, const char *database OVS_UNUSED,
            int argc OVS_UNUSED, char *argv[])
{
    run_transaction(rpc, parse_transaction(argv[0]), false);
}

/* query TRANSACTION. */
static void
do_query(struct jsonrpc *rpc, const char *database OVS_UNUSED,
         int argc OVS_UNUSED, char *argv[])
{
    run_transaction(rpc, parse_transaction(argv[0]), true);
}

/* Monitoring. */

/* A table that a monitor command watches. */
struct mon_table {
    const struct ovsdb_table_schema *ts; /* The table. */
    const struct ovsdb_column **columns; /* Columns to show, in order. */
    size_t n_columns;           /* Number of 'columns'. */
};

/* The state of a monitor command. */
struct mon_state {
    const char *database;       /* Database monitored. */
    struct ovsdb_schema *schema; /* Its schema. */
    struct mon_table *tables;   /* Tables monitored, sorted by name. */
    size_t n_tables;            /* Number of 'tables'. */
    bool all;                   /* Monitoring "ALL" (show captions)? */
    int version;                /* 1: monitor, 2: monitor_cond,
                                 * 3: monitor_cond_since. */
    bool blocked;               /* "ovsdb-client/block" in effect? */
    bool exiting;               /* "exit" received? */
    json_t *pending_cond;       /* Condition change to send, if any. */
    char *pending_cond_table;   /* Its table. */
};

/* qsort() comparison of columns by name. */
static int
compare_column_names(const void *a_, const void *b_)
{
    const struct ovsdb_column *const *a = a_;
    const struct ovsdb_column *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

/* Adds to 'mt' every column of its table except _uuid, in alphabetical
 * order, with _version last (as upstream shows them). */
static void
mon_table_add_all_columns(struct mon_table *mt)
{
    const struct ovsdb_column *version = NULL;
    struct shash_node *node;
    size_t n = 0;

    mt->columns = xmalloc(shash_count(&mt->ts->columns)
                          * sizeof *mt->columns);
    SHASH_FOR_EACH (node, &mt->ts->columns) {
        const struct ovsdb_column *c = node->data;

        if (c->index == OVSDB_COL_VERSION) {
            version = c;
        } else if (c->index != OVSDB_COL_UUID) {
            mt->columns[n++] = c;
        }
    }
    qsort(mt->columns, n, sizeof *mt->columns, compare_column_names);
    if (version) {
        mt->columns[n++] = version;
    }
    mt->n_columns = n;
}

/* Parses the column arguments 'argv' (comma-separated column names and
 * !initial, !insert, !delete, !modify) for 'mt' into its columns and a
 * <monitor-request>, which it returns. */
static json_t *
parse_monitor_columns(struct mon_table *mt, const char *database,
                      char *argv[], int argc)
{
    json_t *select = json_object_create();
    json_t *request = json_object_create();
    json_t *columns = json_array_create_empty();

    mt->columns = NULL;
    mt->n_columns = 0;
    for (int i = 0; i < argc; i++) {
        char *save_ptr = NULL;
        char *copy = xstrdup(argv[i]);

        for (char *token = strtok_r(copy, ",", &save_ptr); token;
             token = strtok_r(NULL, ",", &save_ptr)) {
            if (!strcmp(token, "!initial") || !strcmp(token, "!insert")
                || !strcmp(token, "!delete") || !strcmp(token, "!modify")) {
                json_object_put(select, token + 1,
                                json_boolean_create(false));
            } else {
                const struct ovsdb_column *column
                    = ovsdb_table_schema_get_column(mt->ts, token);

                if (!column) {
                    ovs_fatal(0, "%s: table \"%s\" in %s does not have a "
                              "column named \"%s\"", server_name,
                              mt->ts->name, database, token);
                }
                mt->columns = xrealloc(mt->columns, (mt->n_columns + 1)
                                       * sizeof *mt->columns);
                mt->columns[mt->n_columns++] = column;
                json_array_add(columns, json_string_create(column->name));
            }
        }
        free(copy);
    }

    if (!mt->n_columns) {
        mon_table_add_all_columns(mt);
        for (size_t i = 0; i < mt->n_columns; i++) {
            json_array_add(columns,
                           json_string_create(mt->columns[i]->name));
        }
    }
    json_object_put(request, "columns", columns);
    if (json_object_size(select)) {
        json_object_put(request, "select", select);
    } else {
        json_decref(select);
    }
    return request;
}

/* Returns the request for monitoring 'mt' with columns 'argv' (see
 * parse_monitor_columns()) in the form that 'st''s version wants, with
 * 'condition' (for versions 2 and 3). */
static json_t *
monitor_request(const struct mon_state *st, struct mon_table *mt,
                const char *database, char *argv[], int argc,
                const json_t *condition)
{
    json_t *request = parse_monitor_columns(mt, database, argv, argc);

    if (st->version == 1) {
        return request;
    }
    json_object_put(request, "where", json_clone(condition));
    return json_array_create_1(request);
}

/* Adds a row to 't' for a monitored row: 'uuid_s' (may be ""), 'action',
 * then the values of 'row' (a <row> object, may be NULL) for the columns of
 * 'mt'. */
static void
add_monitor_row(struct table *t, const struct mon_table *mt,
                const char *uuid_s, const char *action, const json_t *row)
{
    table_add_row(t);
    table_add_cell(t)->text = xstrdup(uuid_s);
    table_add_cell(t)->text = xstrdup(action);
    for (size_t i = 0; i < mt->n_columns; i++) {
        const struct ovsdb_column *c = mt->columns[i];
        const json_t *value = row ? json_object_get(row, c->name) : NULL;
        struct cell *cell = table_add_cell(t);

        if (value) {
            cell->json = json_clone(value);
            cell->type = &c->type;
        } else if (table_style.format != TF_JSON) {
            cell->text = xstrdup("");
        }
    }
}

/* Prints the <table-updates> (version 1) or <table-updates2> 'updates'.
 * 'initial' is true for the reply to the monitor request.  'caption' (may
 * be NULL) goes above the first table printed. */
static void
print_updates(const struct mon_state *st, const json_t *updates,
              bool initial, const char *caption)
{
    for (size_t i = 0; i < st->n_tables; i++) {
        const struct mon_table *mt = &st->tables[i];
        const json_t *tu = json_object_get(updates, mt->ts->name);
        const char **uuids;
        struct table t;
        size_t n;

        if (!json_is_object(tu) || !json_object_size(tu)) {
            continue;
        }

        table_init(&t);
        if (caption) {
            table_set_caption(&t, xstrdup(caption));
            caption = NULL;
        } else if (st->all) {
            table_set_caption(&t, xstrdup(mt->ts->name));
        }
        table_set_timestamp(&t, timestamp);
        table_add_column(&t, "row");
        table_add_column(&t, "action");
        for (size_t j = 0; j < mt->n_columns; j++) {
            table_add_column(&t, "%s", mt->columns[j]->name);
        }

        uuids = shash_order(tu, 1, NULL, 0, &n);
        for (size_t j = 0; j < n; j++) {
            const json_t *ru = json_object_get(tu, uuids[j]);
            const json_t *old, *new;

            if (st->version == 1) {
                old = json_object_get(ru, "old");
                new = json_object_get(ru, "new");
                if (initial) {
                    add_monitor_row(&t, mt, uuids[j], "initial", new);
                } else if (old && new) {
                    add_monitor_row(&t, mt, uuids[j], "old", old);
                    add_monitor_row(&t, mt, "", "new", new);
                } else if (new) {
                    add_monitor_row(&t, mt, uuids[j], "insert", new);
                } else {
                    add_monitor_row(&t, mt, uuids[j], "delete", old);
                }
            } else {
                static const char *const actions[] = {
                    "initial", "insert", "modify", "delete"
                };

                for (size_t k = 0; k < ARRAY_SIZE(actions); k++) {
                    const json_t *row = json_object_get(ru, actions[k]);

                    if (row) {
                        add_monitor_row(&t, mt, uuids[j], actions[k],
                                        json_is_object(row) ? row : NULL);
                        break;
                    }
                }
            }
        }
        free(uuids);
        table_print(&t, &table_style);
        table_destroy(&t);
    }
}

/* "exit" for a monitoring client. */
static void
monitor_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[] OVS_UNUSED, void *st_)
{
    struct mon_state *st = st_;

    st->exiting = true;
    unixctl_command_reply(conn, NULL);
}

/* "ovsdb-client/block": stop reading from the server. */
static void
monitor_block(struct unixctl_conn *conn, int argc OVS_UNUSED,
              const char *argv[] OVS_UNUSED, void *st_)
{
    struct mon_state *st = st_;

    st->blocked = true;
    unixctl_command_reply(conn, NULL);
}

/* "ovsdb-client/unblock": resume reading from the server. */
static void
monitor_unblock(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *st_)
{
    struct mon_state *st = st_;

    st->blocked = false;
    unixctl_command_reply(conn, NULL);
}

/* "ovsdb-client/cond_change TABLE COND": changes the monitor's condition
 * for TABLE. */
static void
monitor_cond_change_cmd(struct unixctl_conn *conn, int argc OVS_UNUSED,
                        const char *argv[], void *st_)
{
    struct mon_state *st = st_;
    json_t *cond;

    if (st->version == 1) {
        unixctl_command_reply_error(conn, "not a conditional monitor");
        return;
    }
    cond = json_from_string(argv[2]);
    if (!json_is_array(cond)) {
        json_decref(cond);
        unixctl_command_reply_error(conn, "condition must be a JSON array");
        return;
    }
    json_decref(st->pending_cond);
    free(st->pending_cond_table);
    st->pending_cond = cond;
    st->pending_cond_table = xstrdup(argv[1]);
    unixctl_command_reply(conn, NULL);
}

/* Checks a <table-updates> from _Server's Database table for the removal
 * of 'st''s database. */
static void
check_server_update(const struct mon_state *st, const json_t *updates)
{
    const json_t *tu = json_object_get(updates, "Database");
    const char *uuid_s;
    json_t *ru;

    json_object_foreach (CONST_CAST(json_t *, tu), uuid_s, ru) {
        const json_t *old = json_object_get(ru, "old");
        const json_t *new = json_object_get(ru, "new");
        const json_t *name = old ? json_object_get(old, "name") : NULL;

        if (old && !new && json_is_string(name)
            && !strcmp(json_string_value(name), st->database)) {
            ovs_fatal(0, "%s: %s database was removed", server_name,
                      st->database);
        }
    }
}

/* Runs a monitor command of 'version' (1, 2 or 3).  'argv' holds, for
 * version 3, an optional last transaction ID, then for versions 2 and 3 a
 * condition, then TABLE [COLUMN,...]... or ALL. */
static void
run_monitor(struct jsonrpc *rpc, const char *database, int argc,
            char *argv[], int version)
{
    struct mon_state st;
    struct unixctl_server *unixctl;
    struct uuid last_id;
    json_t *condition = NULL, *requests, *monitor_id, *params;
    struct jsonrpc_msg *request;
    json_t *request_id;
    const char *method;
    int error;

    memset(&st, 0, sizeof st);
    st.database = database;
    st.version = version;
    uuid_zero(&last_id);

    if (version == 3 && argc > 0 && uuid_from_string(&last_id, argv[0])) {
        argc--;
        argv++;
    }
    if (version >= 2) {
        if (argc < 1) {
            ovs_fatal(0, "missing condition");
        }
        condition = json_from_string(argv[0]);
        if (json_is_string(condition)) {
            char *msg = xstrdup(json_string_value(condition));

            json_decref(condition);
            ovs_fatal(0, "\"%s\": %s", argv[0], msg);
        }
        argc--;
        argv++;
    }
    if (argc < 1) {
        ovs_fatal(0, "missing table name");
    }

    st.schema = fetch_schema(rpc, database, NULL);
    requests = json_object_create();
    if (!strcmp(argv[0], "ALL")) {
        const struct shash_node **nodes = shash_sort(&st.schema->tables);

        st.all = true;
        st.n_tables = shash_count(&st.schema->tables);
        st.tables = xcalloc(st.n_tables + 1, sizeof *st.tables);
        for (size_t i = 0; i < st.n_tables; i++) {
            struct mon_table *mt = &st.tables[i];

            mt->ts = nodes[i]->data;
            json_object_put(requests, mt->ts->name,
                            monitor_request(&st, mt, database, NULL, 0,
                                            condition));
        }
        free(nodes);
    } else {
        struct mon_table *mt;
        json_t *mr;

        st.n_tables = 1;
        st.tables = xcalloc(2, sizeof *st.tables);
        mt = &st.tables[0];
        mt->ts = shash_find_data(&st.schema->tables, argv[0]);
        if (!mt->ts) {
            ovs_fatal(0, "%s: %s does not have a table named \"%s\"",
                      server_name, database, argv[0]);
        }
        mr = monitor_request(&st, mt, database, argv + 1, argc - 1,
                             condition);
        json_object_put(requests, mt->ts->name, mr);
    }

    /* Find out about the database being removed, if the server can tell. */
    if (db_change_aware) {
        struct jsonrpc_msg *reply;
        json_t *sparams, *sreq;

        request = jsonrpc_create_request(
            "set_db_change_aware",
            json_array_create_1(json_boolean_create(true)), NULL);
        if (!jsonrpc_transact_block(rpc, request, &reply)) {
            jsonrpc_msg_destroy(reply);
        }

        sreq = json_object_create();
        json_object_put(sreq, "Database", json_object_create());
        json_object_put(json_object_get(sreq, "Database"), "columns",
                        json_array_create_1(json_string_create("name")));
        sparams = json_array_create_3(json_string_create("_Server"),
                                      json_string_create("_Server"), sreq);
        request = jsonrpc_create_request("monitor", sparams, NULL);
        if (!jsonrpc_transact_block(rpc, request, &reply)) {
            jsonrpc_msg_destroy(reply);
        }
    }

    monitor_id = json_array_create_2(json_string_create("monid"),
                                     json_string_create(database));
    if (version == 1) {
        method = "monitor";
        params = json_array_create_3(json_string_create(database),
                                     json_clone(monitor_id), requests);
    } else if (version == 2) {
        method = "monitor_cond";
        params = json_array_create_3(json_string_create(database),
                                     json_clone(monitor_id), requests);
    } else {
        char buf[UUID_LEN + 1];

        snprintf(buf, sizeof buf, UUID_FMT, UUID_ARGS(&last_id));
        method = "monitor_cond_since";
        params = json_array_create_3(json_string_create(database),
                                     json_clone(monitor_id), requests);
        json_array_add(params, json_string_create(buf));
    }
    /* A detached monitor keeps printing to the same output. */
    daemon_save_fd(STDOUT_FILENO);
    daemon_save_fd(STDERR_FILENO);
    daemonize_start(false, false);
    request = jsonrpc_create_request(method, params, &request_id);
    error = jsonrpc_send(rpc, request);
    if (error) {
        ovs_fatal(error, "%s: send failed", server_name);
    }

    error = unixctl_server_create(NULL, &unixctl);
    if (error) {
        ovs_fatal(error, "failed to create unixctl server");
    }
    unixctl_command_register("exit", "", 0, 0, monitor_exit, &st);
    unixctl_command_register("ovsdb-client/block", "", 0, 0,
                             monitor_block, &st);
    unixctl_command_register("ovsdb-client/unblock", "", 0, 0,
                             monitor_unblock, &st);
    unixctl_command_register("ovsdb-client/cond_change", "TABLE COND", 2, 2,
                             monitor_cond_change_cmd, &st);

    while (!st.exiting) {
        struct jsonrpc_msg *msg;

        unixctl_server_run(unixctl);
        if (st.pending_cond) {
            json_t *cr = json_object_create();

            json_object_put(cr, "where", st.pending_cond);
            st.pending_cond = NULL;
            json_t *tables = json_object_create();
            json_object_put(tables, st.pending_cond_table,
                            json_array_create_1(cr));
            free(st.pending_cond_table);
            st.pending_cond_table = NULL;
            jsonrpc_send(rpc, jsonrpc_create_request(
                             "monitor_cond_change",
                             json_array_create_3(json_clone(monitor_id),
                                                 json_clone(monitor_id),
                                                 tables), NULL));
        }

        while (!st.blocked) {
            error = jsonrpc_recv(rpc, &msg);
            if (error == EAGAIN) {
                break;
            } else if (error) {
                ovs_fatal(error, "%s: receive failed", server_name);
            }

            if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
                jsonrpc_send(rpc, jsonrpc_create_reply(
                                 json_clone(msg->params), msg->id));
            } else if (msg->type == JSONRPC_REPLY && request_id
                       && json_equal(msg->id, request_id)) {
                if (version == 3) {
                    const json_t *r = msg->result;
                    char *caption = xasprintf(
                        "found: %s, last_id: %s",
                        json_is_true(json_array_get(r, 0))
                        ? "true" : "false",
                        json_string_value(json_array_get(r, 1)));
                    print_updates(&st, json_array_get(r, 2), true, caption);
                    free(caption);
                } else {
                    print_updates(&st, msg->result, true, NULL);
                }
                json_decref(request_id);
                request_id = NULL;
                daemonize_complete();
            } else if (msg->type == JSONRPC_ERROR && request_id
                       && json_equal(msg->id, request_id)) {
                char *s = json_to_string(msg->error, JSSF_SORT);
                ovs_fatal(0, "%s: %s failed: %s", server_name, method, s);
            } else if (msg->type == JSONRPC_NOTIFY) {
                const json_t *p = msg->params;
                const json_t *id = json_array_get(p, 0);

                if (json_is_string(id)
                    && !strcmp(json_string_value(id), "_Server")
                    && !strcmp(msg->method, "update")) {
                    check_server_update(&st, json_array_get(p, 1));
                } else if (!json_equal(id, monitor_id)) {
                    /* Not ours. */
                } else if (!strcmp(msg->method, "update")
                           || !strcmp(msg->method, "update2")) {
                    print_updates(&st, json_array_get(p, 1), false, NULL);
                } else if (!strcmp(msg->method, "update3")) {
                    char *caption = xasprintf(
                        "last_id: %s",
                        json_string_value(json_array_get(p, 1)));
                    print_updates(&st, json_array_get(p, 2), false,
                                  caption);
                    free(caption);
                } else if (!strcmp(msg->method, "monitor_canceled")) {
                    ovs_fatal(0, "%s: %s database was removed",
                              server_name, database);
                }
            }
            jsonrpc_msg_destroy(msg);
        }

        jsonrpc_run(rpc);
        error = jsonrpc_get_status(rpc);
        if (error) {
            ovs_fatal(error, "%s: connection failed", server_name);
        }

        if (st.exiting) {
            break;
        }
        unixctl_server_wait(unixctl);
        jsonrpc_wait(rpc);
        if (!st.blocked) {
            jsonrpc_recv_wait(rpc);
        }
        if (st.pending_cond) {
            poll_immediate_wake();
        }
        poll_block();
    }

    json_decref(monitor_id);
    json_decref(condition);
    json_decref(request_id);
    unixctl_server_destroy(unixctl);
    for (size_t i = 0; i < st.n_tables; i++) {
        free(st.tables[i].columns);
    }
    free(st.tables);
    ovsdb_schema_destroy(st.schema);
    jsonrpc_close(rpc);
    exit(0);
}

/* monitor. */
static void
do_monitor(struct jsonrpc *rpc, const char *database, int argc, char *argv[])
{
    run_monitor(rpc, database, argc, argv, 1);
}

/* monitor-cond. */
static void
do_monitor_cond(struct jsonrpc *rpc, const char *database, int argc,
                char *argv[])
{
    run_monitor(rpc, database, argc, argv, 2);
}

/* monitor-cond-since. */
static void
do_monitor_cond_since(struct jsonrpc *rpc, const char *database, int argc,
                      char *argv[])
{
    run_monitor(rpc, database, argc, argv, 3);
}

/* convert and needs-conversion. */

static struct ovsdb_schema *
read_schema_file(const char *file_name)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;

    error = ovsdb_schema_from_file(file_name, &schema);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    return schema;
}

/* convert SCHEMA. */
static void
do_convert(struct jsonrpc *rpc, const char *database OVS_UNUSED,
           int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_schema *schema = read_schema_file(argv[0]);
    struct jsonrpc_msg *request, *reply;

    request = jsonrpc_create_request(
        "convert", json_array_create_2(json_string_create(schema->name),
                                       ovsdb_schema_to_json(schema)),
        NULL);
    reply = transact_or_die(rpc, request);
    jsonrpc_msg_destroy(reply);
    ovsdb_schema_destroy(schema);
}

/* needs-conversion SCHEMA. */
static void
do_needs_conversion(struct jsonrpc *rpc, const char *database OVS_UNUSED,
                    int argc OVS_UNUSED, char *argv[])
{
    struct ovsdb_schema *schema = read_schema_file(argv[0]);
    struct ovsdb_schema *server_schema = fetch_schema(rpc, schema->name,
                                                      NULL);

    puts(ovsdb_schema_equal(schema, server_schema) ? "no" : "yes");
    ovsdb_schema_destroy(server_schema);
    ovsdb_schema_destroy(schema);
}

/* dump. */

/* One row of a dumped table: its values, by position in the dump's
 * columns. */
struct dump_row {
    struct ovsdb_datum *data;   /* One datum per column. */
};

/* For sorting dumped rows. */
static const struct ovsdb_column **sort_columns;
static size_t n_sort_columns;

/* True if values of 'type' contain UUIDs. */
static bool
type_has_uuid(const struct ovsdb_type *type)
{
    return (type->key.type == OVSDB_TYPE_UUID
            || type->value.type == OVSDB_TYPE_UUID);
}

/* Compares rows by their values, UUIDs last: UUIDs differ from one run to
 * the next, so putting them last makes the order as reproducible as the
 * data allows. */
static int
compare_dump_rows(const void *a_, const void *b_)
{
    const struct dump_row *a = a_;
    const struct dump_row *b = b_;

    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n_sort_columns; i++) {
            const struct ovsdb_type *type = &sort_columns[i]->type;
            int cmp;

            if (type_has_uuid(type) != (pass == 1)) {
                continue;
            }
            cmp = ovsdb_datum_compare_3way(&a->data[i], &b->data[i], type);
            if (cmp) {
                return cmp;
            }
        }
    }
    return 0;
}

/* Prints the rows 'rows' (a JSON array of <row>s) of table 'ts' for the
 * columns 'columns'. */
static void
dump_table(const struct ovsdb_table_schema *ts,
           const struct ovsdb_column **columns, size_t n_columns,
           const json_t *rows)
{
    size_t n_rows = json_array_size(rows);
    struct dump_row *data = xcalloc(n_rows + 1, sizeof *data);
    struct table t;
    size_t n_out;

    for (size_t y = 0; y < n_rows; y++) {
        const json_t *row = json_array_get(rows, y);

        data[y].data = xcalloc(n_columns + 1, sizeof *data[y].data);
        for (size_t x = 0; x < n_columns; x++) {
            const json_t *value = json_object_get(row, columns[x]->name);
            struct ovsdb_error *error = NULL;

            if (!value) {
                ovs_fatal(0, "row %zu in table %s response lacks %s column",
                          y, ts->name, columns[x]->name);
            }
            error = ovsdb_datum_from_json(&data[y].data[x],
                                          &columns[x]->type, value, NULL);
            if (error) {
                ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
            }
        }
    }

    sort_columns = columns;
    n_sort_columns = n_columns;
    qsort(data, n_rows, sizeof *data, compare_dump_rows);

    table_init(&t);
    table_set_caption(&t, xasprintf("%s table", ts->name));
    for (size_t x = 0; x < n_columns; x++) {
        table_add_column(&t, "%s", columns[x]->name);
    }
    n_out = 0;
    for (size_t y = 0; y < n_rows; y++) {
        bool dup = false;

        if (n_out) {
            dup = true;
            for (size_t x = 0; x < n_columns; x++) {
                if (!ovsdb_datum_equals(&data[y].data[x],
                                        &data[y - 1].data[x],
                                        &columns[x]->type)) {
                    dup = false;
                    break;
                }
            }
        }
        if (dup) {
            continue;
        }
        n_out++;
        table_add_row(&t);
        for (size_t x = 0; x < n_columns; x++) {
            struct cell *cell = table_add_cell(&t);

            cell->json = ovsdb_datum_to_json(&data[y].data[x],
                                             &columns[x]->type);
            cell->type = &columns[x]->type;
        }
    }
    table_print(&t, &table_style);
    table_destroy(&t);

    for (size_t y = 0; y < n_rows; y++) {
        for (size_t x = 0; x < n_columns; x++) {
            ovsdb_datum_destroy(&data[y].data[x], &columns[x]->type);
        }
        free(data[y].data);
    }
    free(data);
}

/* A table to dump and its columns. */
struct dump_spec {
    const struct ovsdb_table_schema *ts; /* The table. */
    const struct ovsdb_column **columns; /* Its columns, sorted by name. */
    size_t n_columns;           /* Number of 'columns'. */
};

/* dump [TABLE [COLUMN]...]: prints the tables (sorted by name) with their
 * columns sorted by name and their rows sorted as dump_table() does. */
static void
do_dump(struct jsonrpc *rpc, const char *database, int argc, char *argv[])
{
    struct ovsdb_schema *schema = fetch_schema(rpc, database, NULL);
    struct jsonrpc_msg *request, *reply;
    struct dump_spec *specs;
    size_t n_specs;
    json_t *ops;

    if (argc > 0) {
        const struct ovsdb_table_schema *ts
            = shash_find_data(&schema->tables, argv[0]);

        if (!ts) {
            ovs_fatal(0, "No table \"%s\" found.", argv[0]);
        }
        specs = xcalloc(2, sizeof *specs);
        n_specs = 1;
        specs[0].ts = ts;
    } else {
        const struct shash_node **nodes = shash_sort(&schema->tables);

        n_specs = shash_count(&schema->tables);
        specs = xcalloc(n_specs + 1, sizeof *specs);
        for (size_t i = 0; i < n_specs; i++) {
            specs[i].ts = nodes[i]->data;
        }
        free(nodes);
    }

    ops = json_array_create_1(json_string_create(database));
    for (size_t i = 0; i < n_specs; i++) {
        struct dump_spec *spec = &specs[i];
        const struct ovsdb_table_schema *ts = spec->ts;
        json_t *op, *columns;

        spec->columns = xmalloc((shash_count(&ts->columns) + argc + 1)
                                * sizeof *spec->columns);
        if (argc > 1) {
            for (int j = 1; j < argc; j++) {
                const struct ovsdb_column *c
                    = ovsdb_table_schema_get_column(ts, argv[j]);
                if (!c) {
                    ovs_fatal(0, "Table \"%s\" has no column %s.",
                              ts->name, argv[j]);
                }
                spec->columns[spec->n_columns++] = c;
            }
        } else {
            struct shash_node *node;

            SHASH_FOR_EACH (node, &ts->columns) {
                const struct ovsdb_column *c = node->data;

                if (c->index != OVSDB_COL_VERSION) {
                    spec->columns[spec->n_columns++] = c;
                }
            }
        }
        qsort(spec->columns, spec->n_columns, sizeof *spec->columns,
              compare_column_names);

        columns = json_array_create_empty();
        for (size_t j = 0; j < spec->n_columns; j++) {
            json_array_add(columns,
                           json_string_create(spec->columns[j]->name));
        }
        op = json_object_create();
        json_object_put_string(op, "op", "select");
        json_object_put_string(op, "table", ts->name);
        json_object_put(op, "where", json_array_create_empty());
        json_object_put(op, "columns", columns);
        json_array_add(ops, op);
    }

    request = jsonrpc_create_request("transact", ops, NULL);
    reply = transact_or_die(rpc, request);
    if (!json_is_array(reply->result)
        || json_array_size(reply->result) != n_specs) {
        ovs_fatal(0, "not enough results in \"transact\" reply");
    }
    for (size_t i = 0; i < n_specs; i++) {
        const json_t *result = json_array_get(reply->result, i);
        const json_t *rows = json_object_get(result, "rows");

        if (!json_is_array(rows)) {
            char *s = json_to_string(result, JSSF_SORT);
            ovs_fatal(0, "%s table reply is not an object with a \"rows\" "
                      "member: %s", specs[i].ts->name, s);
        }
        dump_table(specs[i].ts, specs[i].columns, specs[i].n_columns, rows);
        free(specs[i].columns);
    }
    free(specs);
    jsonrpc_msg_destroy(reply);
    ovsdb_schema_destroy(schema);
}

/* backup and restore. */

static void
do_backup(struct jsonrpc *rpc, const char *database,
          int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds header = DS_EMPTY_INITIALIZER, data = DS_EMPTY_INITIALIZER;
    struct jsonrpc_msg *request, *reply;
    struct ovsdb_schema *schema;
    const struct shash_node **nodes;
    json_t *ops, *record, *schema_json;
    size_t n_tables;

    if (isatty(STDOUT_FILENO)) {
        ovs_fatal(0, "not writing backup to a terminal; "
                  "please redirect stdout to a file");
    }

    schema = fetch_schema(rpc, database, NULL);
    nodes = shash_sort(&schema->tables);
    n_tables = shash_count(&schema->tables);

    ops = json_array_create_1(json_string_create(database));
    for (size_t i = 0; i < n_tables; i++) {
        json_t *op = json_object_create();

        json_object_put_string(op, "op", "select");
        json_object_put_string(op, "table", nodes[i]->name);
        json_object_put(op, "where", json_array_create_empty());
        json_array_add(ops, op);
    }
    request = jsonrpc_create_request("transact", ops, NULL);
    reply = transact_or_die(rpc, request);
    if (json_array_size(reply->result) != n_tables) {
        ovs_fatal(0, "not enough results in \"transact\" reply");
    }

    record = json_object_create();
    for (size_t i = 0; i < n_tables; i++) {
        const json_t *result = json_array_get(reply->result, i);
        const json_t *rows = json_object_get(result, "rows");
        json_t *table_json = json_object_create();

        if (!json_is_array(rows)) {
            ovs_fatal(0, "%s table reply is not an object with a \"rows\" "
                      "member", nodes[i]->name);
        }
        for (size_t j = 0; j < json_array_size(rows); j++) {
            json_t *row = json_deep_clone(json_array_get(rows, j));
            const json_t *uuid = json_array_get(json_object_get(row,
                                                                "_uuid"), 1);

            if (!json_is_string(uuid)) {
                ovs_fatal(0, "%s table reply row lacks _uuid",
                          nodes[i]->name);
            }
            json_object_put(table_json, json_string_value(uuid), row);
            json_object_del(row, "_uuid");
            json_object_del(row, "_version");
        }
        if (json_object_size(table_json)) {
            json_object_put(record, nodes[i]->name, table_json);
        } else {
            json_decref(table_json);
        }
    }
    json_object_put(record, "_is_diff", json_boolean_create(true));
    record = ovsdb_file_txn_annotate(record,
                                     "produced by \"ovsdb-client backup\"");

    schema_json = ovsdb_schema_to_json(schema);
    ovsdb_log_compose_record(schema_json, OVSDB_MAGIC, &header, &data);
    fwrite(header.string, 1, header.length, stdout);
    fwrite(data.string, 1, data.length, stdout);
    ds_clear(&header);
    ds_clear(&data);
    ovsdb_log_compose_record(record, OVSDB_MAGIC, &header, &data);
    fwrite(header.string, 1, header.length, stdout);
    fwrite(data.string, 1, data.length, stdout);
    if (fflush(stdout) || ferror(stdout)) {
        ovs_fatal(errno, "writing backup failed");
    }

    ds_destroy(&header);
    ds_destroy(&data);
    json_decref(schema_json);
    json_decref(record);
    free(nodes);
    jsonrpc_msg_destroy(reply);
    ovsdb_schema_destroy(schema);
}

/* Returns a one-clause condition comparing "_uuid" with 'uuid_s' by
 * 'function'. */
static json_t *
uuid_condition(const char *function, const char *uuid_s)
{
    return json_array_create_1(json_array_create_3(
        json_string_create("_uuid"), json_string_create(function),
        json_array_create_2(json_string_create("uuid"),
                            json_string_create(uuid_s))));
}

/* restore: makes the database hold what the database file on stdin holds,
 * with the same row UUIDs, in one transaction. */
static void
do_restore(struct jsonrpc *rpc, const char *database,
           int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static struct hmap empty_rows = HMAP_INITIALIZER(&empty_rows);
    struct ovsdb_schema *schema, *backup_schema;
    json_t *existing;
    size_t i;
    struct jsonrpc_msg *request, *reply;
    struct ovsdb_error *error;
    struct shash_node *node;
    struct ovsdb *backup;
    json_t *ops;

    if (isatty(STDIN_FILENO)) {
        ovs_fatal(0, "not reading backup from a terminal; "
                  "please redirect stdin from a file");
    }

    error = ovsdb_file_open("/dev/stdin", true, &backup, NULL, NULL);
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
    backup_schema = backup->schema;

    schema = fetch_schema(rpc, database, NULL);
    if (!ovsdb_schema_equal(schema, backup_schema)) {
        struct ds s = DS_EMPTY_INITIALIZER;

        if (strcmp(backup_schema->version, schema->version)) {
            ds_put_format(&s, "backup schema has version \"%s\" but "
                          "database schema has version \"%s\"",
                          backup_schema->version, schema->version);
        } else {
            ds_put_format(&s, "backup schema and database schema are both "
                          "version %s but still differ",
                          schema->version);
        }
        if (!force) {
            ds_put_cstr(&s, " (use --force to override differences, or "
                        "\"ovsdb-client convert\" to change the schema)");
            ovs_fatal(0, "%s", ds_cstr(&s));
        }
        VLOG_INFO("%s", ds_cstr(&s));
        ds_destroy(&s);
    }

    /* Find out which rows exist now: those that the backup also has are
     * updated in place, the others deleted, and the backup's other rows
     * inserted with their UUIDs, all in one transaction. */
    ops = json_array_create_1(json_string_create(database));
    SHASH_FOR_EACH (node, &schema->tables) {
        json_t *op = json_object_create();

        json_object_put_string(op, "op", "select");
        json_object_put_string(op, "table", node->name);
        json_object_put(op, "where", json_array_create_empty());
        json_object_put(op, "columns", json_array_create_1(
                            json_string_create("_uuid")));
        json_array_add(ops, op);
    }
    request = jsonrpc_create_request("transact", ops, NULL);
    reply = transact_or_die(rpc, request);
    existing = json_object_create();
    i = 0;
    SHASH_FOR_EACH (node, &schema->tables) {
        const json_t *rows = json_object_get(json_array_get(reply->result,
                                                            i++), "rows");
        json_t *uuids = json_object_create();

        for (size_t j = 0; j < json_array_size(rows); j++) {
            const json_t *u = json_array_get(json_object_get(
                                                 json_array_get(rows, j),
                                                 "_uuid"), 1);
            if (json_is_string(u)) {
                json_object_put(uuids, json_string_value(u),
                                json_null_create());
            }
        }
        json_object_put(existing, node->name, uuids);
    }
    jsonrpc_msg_destroy(reply);

    ops = json_array_create_1(json_string_create(database));
    SHASH_FOR_EACH (node, &schema->tables) {
        const struct ovsdb_table *table = shash_find_data(&backup->tables,
                                                          node->name);
        const json_t *uuids = json_object_get(existing, node->name);
        json_t *where = json_array_create_empty();
        const struct ovsdb_row *row;
        json_t *op;

        HMAP_FOR_EACH (row, hmap_node, table ? &table->rows : &empty_rows) {
            struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
            char uuid_s[UUID_LEN + 1];
            struct shash_node *cnode;
            json_t *row_json, *clause;

            snprintf(uuid_s, sizeof uuid_s, UUID_FMT,
                     UUID_ARGS(ovsdb_row_get_uuid(row)));
            SHASH_FOR_EACH (cnode, &table->schema->columns) {
                const struct ovsdb_column *c = cnode->data;

                if (c->index >= OVSDB_N_STD_COLUMNS
                    && ovsdb_table_schema_get_column(node->data, c->name)) {
                    ovsdb_column_set_add(&columns, c);
                }
            }
            row_json = ovsdb_row_to_json(row, &columns);
            ovsdb_column_set_destroy(&columns);

            op = json_object_create();
            if (json_object_get(uuids, uuid_s)) {
                json_object_put_string(op, "op", "update");
                json_object_put_string(op, "table", node->name);
                json_object_put(op, "where", uuid_condition("==", uuid_s));
            } else {
                json_object_put_string(op, "op", "insert");
                json_object_put_string(op, "table", node->name);
                json_object_put_string(op, "uuid", uuid_s);
            }
            json_object_put(op, "row", row_json);
            json_array_add(ops, op);

            clause = uuid_condition("!=", uuid_s);
            json_array_extend(where, clause);
            json_decref(clause);
        }

        op = json_object_create();
        json_object_put_string(op, "op", "delete");
        json_object_put_string(op, "table", node->name);
        json_object_put(op, "where", where);
        json_array_insert_new(ops, 1, op);
    }
    json_decref(existing);

    request = jsonrpc_create_request("transact", ops, NULL);
    reply = transact_or_die(rpc, request);
    for (i = 0; i < json_array_size(reply->result); i++) {
        const json_t *r = json_array_get(reply->result, i);
        const json_t *err = json_object_get(r, "error");

        if (err) {
            char *s = json_to_string(r, JSSF_SORT);
            ovs_fatal(0, "%s", s);
        }
    }
    jsonrpc_msg_destroy(reply);
    ovsdb_schema_destroy(schema);
    ovsdb_destroy(backup);
}

/* wait. */

/* What "wait" waits for. */
enum wait_state {
    WAIT_ADDED,                 /* The database exists. */
    WAIT_CONNECTED,             /* It exists and is connected. */
    WAIT_REMOVED                /* It does not exist. */
};

/* wait DATABASE STATE: watches _Server's Database table, reconnecting as
 * needed, until DATABASE is in STATE, then exits. */
static void
do_wait(struct jsonrpc *rpc OVS_UNUSED, const char *database OVS_UNUSED,
        int argc OVS_UNUSED, char *argv[])
{
    const char *db_name = argv[0];
    const char *state_name = argv[1];
    struct jsonrpc_session *js;
    enum wait_state state;
    json_t *request_id = NULL;
    unsigned int seqno = 0;
    bool have_rows = false;
    bool exists = false, connected = false;

    if (!strcmp(state_name, "added")) {
        state = WAIT_ADDED;
    } else if (!strcmp(state_name, "connected")) {
        state = WAIT_CONNECTED;
    } else if (!strcmp(state_name, "removed")) {
        state = WAIT_REMOVED;
    } else {
        ovs_fatal(0, "%s: unknown state", state_name);
    }

    js = jsonrpc_session_open(server_name, true);
    for (;;) {
        jsonrpc_session_run(js);
        if (seqno != jsonrpc_session_get_seqno(js)
            && jsonrpc_session_is_connected(js)) {
            json_t *requests = json_object_create();
            json_t *mr = json_object_create();
            json_t *where = json_array_create_1(json_array_create_3(
                json_string_create("name"), json_string_create("=="),
                json_string_create(db_name)));

            seqno = jsonrpc_session_get_seqno(js);
            json_object_put(mr, "columns", json_array_create_2(
                                json_string_create("name"),
                                json_string_create("connected")));
            json_object_put(mr, "where", where);
            json_object_put(requests, "Database", json_array_create_1(mr));
            json_decref(request_id);
            have_rows = false;
            exists = connected = false;
            jsonrpc_session_send(js, jsonrpc_create_request(
                                     "monitor_cond", json_array_create_3(
                                         json_string_create("_Server"),
                                         json_null_create(), requests),
                                     &request_id));
        }

        for (;;) {
            struct jsonrpc_msg *msg = jsonrpc_session_recv(js);
            const json_t *updates = NULL;

            if (!msg) {
                break;
            }
            if (msg->type == JSONRPC_REPLY && request_id
                && json_equal(msg->id, request_id)) {
                updates = msg->result;
                have_rows = true;
            } else if (msg->type == JSONRPC_ERROR && request_id
                       && json_equal(msg->id, request_id)) {
                char *s = json_to_string(msg->error, JSSF_SORT);
                ovs_fatal(0, "%s: _Server database monitoring failed: %s",
                          server_name, s);
            } else if (msg->type == JSONRPC_NOTIFY
                       && !strcmp(msg->method, "update2")) {
                updates = json_array_get(msg->params, 1);
            }

            if (updates) {
                const json_t *tu = json_object_get(updates, "Database");
                const char *uuid_s;
                json_t *ru;

                json_object_foreach (CONST_CAST(json_t *, tu), uuid_s, ru) {
                    const json_t *row;

                    if (json_object_get(ru, "delete")) {
                        exists = connected = false;
                        continue;
                    }
                    row = json_object_get(ru, "initial");
                    if (!row) {
                        row = json_object_get(ru, "insert");
                    }
                    if (!row) {
                        row = json_object_get(ru, "modify");
                    }
                    exists = true;
                    if (row && json_object_get(row, "connected")) {
                        connected = json_is_true(json_object_get(row,
                                                                 "connected"));
                    } else if (json_object_get(ru, "initial")
                               || json_object_get(ru, "insert")) {
                        connected = false;
                    }
                }
            }
            jsonrpc_msg_destroy(msg);

            if (have_rows
                && ((state == WAIT_ADDED && exists)
                    || (state == WAIT_CONNECTED && exists && connected)
                    || (state == WAIT_REMOVED && !exists))) {
                json_decref(request_id);
                jsonrpc_session_close(js);
                exit(0);
            }
        }

        jsonrpc_session_wait(js);
        jsonrpc_session_recv_wait(js);
        poll_block();
    }
}

/* lock, steal, unlock. */

static void
run_lock(const char *method, const char *lock_name)
{
    struct jsonrpc *rpc = open_jsonrpc(server_name);
    struct jsonrpc_msg *request;
    json_t *request_id;
    int error;

    request = jsonrpc_create_request(
        method, json_array_create_1(json_string_create(lock_name)),
        &request_id);
    error = jsonrpc_send(rpc, request);
    if (error) {
        ovs_fatal(error, "%s: send failed", server_name);
    }

    for (;;) {
        struct jsonrpc_msg *msg;

        error = jsonrpc_recv_block(rpc, &msg);
        if (error) {
            ovs_fatal(error, "%s: receive failed", server_name);
        }
        if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
            jsonrpc_send(rpc, jsonrpc_create_reply(json_clone(msg->params),
                                                   msg->id));
        } else if (msg->type == JSONRPC_REPLY
                   && json_equal(msg->id, request_id)) {
            print_json(msg->result);
            fflush(stdout);
        } else if (msg->type == JSONRPC_NOTIFY) {
            puts(msg->method);
            print_json(msg->params);
            fflush(stdout);
        }
        jsonrpc_msg_destroy(msg);
    }
}

/* lock LOCK. */
static void
do_lock(struct jsonrpc *rpc OVS_UNUSED, const char *database OVS_UNUSED,
        int argc OVS_UNUSED, char *argv[])
{
    run_lock("lock", argv[0]);
}

/* steal LOCK. */
static void
do_steal(struct jsonrpc *rpc OVS_UNUSED, const char *database OVS_UNUSED,
         int argc OVS_UNUSED, char *argv[])
{
    run_lock("steal", argv[0]);
}

/* unlock LOCK. */
static void
do_unlock(struct jsonrpc *rpc OVS_UNUSED, const char *database OVS_UNUSED,
          int argc OVS_UNUSED, char *argv[])
{
    run_lock("unlock", argv[0]);
}

/* help. */
static void
do_help(struct jsonrpc *rpc OVS_UNUSED, const char *database OVS_UNUSED,
        int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    usage();
}

/* list-commands. */
static void
do_list_commands(struct jsonrpc *rpc OVS_UNUSED,
                 const char *database OVS_UNUSED, int argc OVS_UNUSED,
                 char *argv[] OVS_UNUSED)
{
    for (const struct ovsdb_client_command *c = get_all_commands(); c->name;
         c++) {
        puts(c->name);
    }
}

static const struct ovsdb_client_command all_commands[] = {
    { "list-dbs", NEED_RPC, 0, 0, do_list_dbs },
    { "get-schema", NEED_DATABASE, 0, 0, do_get_schema },
    { "get-schema-version", NEED_DATABASE, 0, 0, do_get_schema_version },
    { "get-schema-cksum", NEED_DATABASE, 0, 0, do_get_schema_cksum },
    { "list-tables", NEED_DATABASE, 0, 0, do_list_tables },
    { "list-columns", NEED_DATABASE, 0, 1, do_list_columns },
    { "transact", NEED_RPC, 1, 1, do_transact },
    { "query", NEED_RPC, 1, 1, do_query },
    { "monitor", NEED_DATABASE, 1, INT_MAX, do_monitor },
    { "monitor-cond", NEED_DATABASE, 2, 3, do_monitor_cond },
    { "monitor-cond-since", NEED_DATABASE, 2, 4, do_monitor_cond_since },
    { "convert", NEED_RPC, 1, 1, do_convert },
    { "needs-conversion", NEED_RPC, 1, 1, do_needs_conversion },
    { "wait", NEED_SERVER, 2, 2, do_wait },
    { "dump", NEED_DATABASE, 0, INT_MAX, do_dump },
    { "backup", NEED_DATABASE, 0, 0, do_backup },
    { "restore", NEED_DATABASE, 0, 0, do_restore },
    { "lock", NEED_SERVER, 1, 1, do_lock },
    { "steal", NEED_SERVER, 1, 1, do_steal },
    { "unlock", NEED_SERVER, 1, 1, do_unlock },
    { "help", NEED_NONE, 0, INT_MAX, do_help },
    { "list-commands", NEED_NONE, 0, 0, do_list_commands },
    { NULL, NEED_NONE, 0, 0, NULL },
};

static const struct ovsdb_client_command *
get_all_commands(void)
{
    return all_commands;
}

int
main(int argc, char *argv[])
{
    const struct ovsdb_client_command *command;
    struct jsonrpc *rpc = NULL;
    char **args;
    int n_args;

    ovs_cmdl_proctitle_init(argc, argv);
    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    parse_options(argc, argv);

    if (optind >= argc) {
        ovs_fatal(0, "missing command name; use --help for help");
    }
    for (command = all_commands; command->name; command++) {
        if (!strcmp(command->name, argv[optind])) {
            break;
        }
    }
    if (!command->name) {
        ovs_fatal(0, "unknown command '%s'; use --help for help",
                  argv[optind]);
    }
    args = argv + optind + 1;
    n_args = argc - optind - 1;

    if (command->need != NEED_NONE) {
        if (n_args > 0 && is_server_name(args[0])) {
            server_name = xstrdup(args[0]);
            args++;
            n_args--;
        } else {
            server_name = default_server();
        }
    }
    if (command->need == NEED_RPC || command->need == NEED_DATABASE) {
        rpc = open_jsonrpc(server_name);
    }
    if (command->need == NEED_DATABASE) {
        json_t *dbs = fetch_dbs(rpc);
        const char *database;

        if (n_args > 0 && dbs_contain(dbs, args[0])) {
            database = args[0];
            args++;
            n_args--;
        } else if (dbs_contain(dbs, "Open_vSwitch")) {
            database = "Open_vSwitch";
        } else {
            const char *only = NULL;
            int n = 0;

            for (size_t i = 0; i < json_array_size(dbs); i++) {
                const char *name
                    = json_string_value(json_array_get(dbs, i));
                if (strcmp(name, "_Server")) {
                    only = name;
                    n++;
                }
            }
            if (n != 1) {
                ovs_fatal(0, "could not find a default database, please "
                          "specify a database name");
            }
            database = only;
        }
        database_name = xstrdup(database);
        json_decref(dbs);
    }

    if (n_args < command->min_args || n_args > command->max_args) {
        ovs_fatal(0, "invalid syntax for '%s' (use --help for help)",
                  command->name);
    }

    command->handler(rpc, database_name, n_args, args);

    if (rpc) {
        jsonrpc_close(rpc);
    }
    free(database_name);
    free(server_name);
    return 0;
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_BOOTSTRAP_CA_CERT = UCHAR_MAX + 1,
        OPT_TIMESTAMP,
        OPT_FORCE,
        OPT_DB_CHANGE_AWARE,
        OPT_NO_DB_CHANGE_AWARE,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS,
        STREAM_SSL_OPTION_ENUMS,
        TABLE_OPTION_ENUMS,
    };
    static const struct option long_options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"timeout", required_argument, NULL, 't'},
        {"timestamp", no_argument, NULL, OPT_TIMESTAMP},
        {"force", no_argument, NULL, OPT_FORCE},
        {"db-change-aware", no_argument, NULL, OPT_DB_CHANGE_AWARE},
        {"no-db-change-aware", no_argument, NULL, OPT_NO_DB_CHANGE_AWARE},
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        TABLE_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = ovs_cmdl_long_options_to_short_options(long_options);

    table_style.format = TF_TABLE;
    for (;;) {
        unsigned int timeout;
        int c = getopt_long(argc, argv, short_options, long_options, NULL);

        if (c == -1) {
            break;
        }

        switch (c) {
        case OPT_TIMESTAMP:
            timestamp = true;
            break;

        case OPT_FORCE:
            force = true;
            break;

        case OPT_DB_CHANGE_AWARE:
            db_change_aware = true;
            break;

        case OPT_NO_DB_CHANGE_AWARE:
            db_change_aware = false;
            break;

        case 't':
            if (!str_to_uint(optarg, 10, &timeout) || !timeout) {
                ovs_fatal(0, "value %s on -t or --timeout is invalid",
                          optarg);
            }
            time_alarm(timeout);
            break;

        case 'h':
            usage();

        case 'V':
            ovs_print_version(0, 0);
            exit(EXIT_SUCCESS);

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS
        STREAM_SSL_OPTION_HANDLERS
        TABLE_OPTION_HANDLERS(&table_style)

        case OPT_BOOTSTRAP_CA_CERT:
            stream_ssl_set_ca_cert_file(optarg, true);
            break;

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);
}

static void
usage(void)
{
    char *server = default_server();

    printf("%s: OVSDB JSON-RPC client\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "\nValid commands are:\n"
           "\n  list-dbs [SERVER]\n"
           "    list databases available on SERVER\n"
           "\n  get-schema [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER\n"
           "\n  get-schema-version [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER and report only "
           "its\n    version number on stdout\n"
           "\n  get-schema-cksum [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER and report only "
           "its\n    checksum on stdout\n"
           "\n  list-tables [SERVER] [DATABASE]\n"
           "    list tables for DATABASE on SERVER\n"
           "\n  list-columns [SERVER] [DATABASE] [TABLE]\n"
           "    list columns in TABLE (or all tables) in DATABASE on "
           "SERVER\n"
           "\n  transact [SERVER] TRANSACTION\n"
           "    run TRANSACTION (params for \"transact\" request) on "
           "SERVER\n    and print the results as JSON on stdout\n"
           "\n  query [SERVER] TRANSACTION\n"
           "    run TRANSACTION (params for \"transact\" request) on "
           "SERVER,\n    as read-only, and print the results as JSON on "
           "stdout\n"
           "\n  monitor [SERVER] [DATABASE] TABLE [COLUMN,...]...\n"
           "    monitor contents of COLUMNs in TABLE in DATABASE on "
           "SERVER.\n"
           "    COLUMNs may include !initial, !insert, !delete, !modify\n"
           "    to avoid seeing the specified kinds of changes.\n"
           "\n  monitor-cond [SERVER] [DATABASE] CONDITION TABLE "
           "[COLUMN,...]...\n"
           "    monitor contents that match CONDITION of COLUMNs in TABLE "
           "in\n    DATABASE on SERVER.\n"
           "    COLUMNs may include !initial, !insert, !delete, !modify\n"
           "    to avoid seeing the specified kinds of changes.\n"
           "\n  monitor-cond-since [SERVER] [DATABASE] [LASTID] CONDITION "
           "TABLE [COLUMN,...]...\n"
           "    monitor contents that match CONDITION of COLUMNs in TABLE "
           "in\n    DATABASE on SERVER, since the transaction LASTID "
           "(default:\n    an all-zero UUID, meaning everything).\n"
           "\n  monitor [SERVER] [DATABASE] ALL\n"
           "    monitor all changes to all columns in all tables\n"
           "\n  convert [SERVER] SCHEMA\n"
           "    convert the database on SERVER named in SCHEMA to SCHEMA\n"
           "\n  needs-conversion [SERVER] SCHEMA\n"
           "    print \"yes\" if SCHEMA's database on SERVER needs "
           "conversion\n    to SCHEMA, \"no\" otherwise\n"
           "\n  wait [SERVER] DATABASE STATE\n"
           "    wait until DATABASE reaches STATE (\"added\" or "
           "\"connected\"\n    or \"removed\") on SERVER.\n"
           "\n  dump [SERVER] [DATABASE] [TABLE [COLUMN]...]\n"
           "    dump contents of DATABASE on SERVER to stdout\n"
           "\n  backup [SERVER] [DATABASE] > SNAPSHOT\n"
           "    dump database contents in the form of a database file\n"
           "\n  [--force] restore [SERVER] [DATABASE] < SNAPSHOT\n"
           "    restore database contents from a database file\n"
           "\n  lock [SERVER] LOCK\n"
           "    create or wait for LOCK in SERVER\n"
           "\n  steal [SERVER] LOCK\n"
           "    steal LOCK from SERVER\n"
           "\n  unlock [SERVER] LOCK\n"
           "    unlock LOCK from SERVER\n"
           "\nThe default SERVER is %s.\n"
           "The default DATABASE is Open_vSwitch.\n",
           program_name, program_name, server);
    free(server);
    stream_usage("SERVER", true, true, true);
    table_usage();
    printf("  --timestamp                 print the time above each "
           "monitor update\n");
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  -t, --timeout=SECS          give up after SECS seconds\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
    exit(EXIT_SUCCESS);
}
