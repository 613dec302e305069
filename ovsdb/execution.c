/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "execution.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "condition.h"
#include "mutation.h"
#include "openvswitch/util.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb.h"
#include "query.h"
#include "row.h"
#include "table.h"
#include "transaction.h"
#include "uuid.h"

/* The state of one "transact" request. */
struct ovsdb_execution {
    struct ovsdb *db;           /* The database. */
    const struct ovsdb_session *session; /* The client, for "assert". */
    struct ovsdb_txn *txn;      /* The transaction. */
    struct ovsdb_symbol_table *symtab; /* Named UUIDs. */
    bool durable;               /* A "commit" asked for durability? */
    bool read_only;             /* Only read operations allowed? */
    const char *op_name;        /* Name of the operation being executed. */

    /* Waiting. */
    long long int elapsed_msec; /* Time since the request first came. */
    long long int timeout_msec; /* Least time left among blocked waits. */
    bool must_wait;             /* Some "wait" is not satisfied yet. */
    bool can_wait;              /* Can the caller retry later? */
};

typedef struct ovsdb_error *ovsdb_operation_executor(struct ovsdb_execution *,
                                                     struct ovsdb_parser *,
                                                     json_t *result);

static ovsdb_execute_lock_owner_func *lock_owner_func;

void
ovsdb_execute_set_lock_owner_func(ovsdb_execute_lock_owner_func *func)
{
    lock_owner_func = func;
}

/* Returns the error for an operation that would write to a read-only
 * database, or NULL if the database is writable.  Operations call this
 * once they have parsed their members, so that problems with those take
 * precedence. */
static struct ovsdb_error *
check_writable(const struct ovsdb_execution *x)
{
    if (x->read_only && x->db->schema->name[0] == '_') {
        /* Databases whose names begin with "_" belong to the server, which
         * writes them itself; clients only read them. */
        return ovsdb_error("not allowed", "%s operation not allowed on "
                           "table in reserved database %s",
                           x->op_name, x->db->schema->name);
    } else if (x->read_only) {
        return ovsdb_error("not allowed", "%s operation not allowed when "
                           "database server is in read only mode",
                           x->op_name);
    }
    return NULL;
}

/* Looks up the "table" member of the operation in 'parser'.  Records a
 * parse error and returns NULL if there is no such table. */
static struct ovsdb_table *
parse_table(struct ovsdb_execution *x, struct ovsdb_parser *parser,
            const char *member)
{
    const json_t *json = ovsdb_parser_member(parser, member, OP_ID);
    struct ovsdb_table *table;

    if (!json) {
        return NULL;
    }
    table = ovsdb_get_table(x->db, json_string_value(json));
    if (!table) {
        ovsdb_parser_raise_error(parser, "No table named %s.",
                                 json_string_value(json));
    }
    return table;
}

/* Parses 'json' as a <row> for 'table' into a new row stored in '*rowp',
 * adding the columns that it names to 'columns' if nonnull. */
static struct ovsdb_error *
parse_row(const json_t *json, const struct ovsdb_table *table,
          struct ovsdb_symbol_table *symtab, struct ovsdb_row **rowp,
          struct ovsdb_column_set *columns)
{
    struct ovsdb_error *error;
    struct ovsdb_row *row;

    *rowp = NULL;
    if (!table) {
        return OVSDB_BUG("null table");
    }
    if (!json) {
        return OVSDB_BUG("null row");
    }

    row = ovsdb_row_create(table);
    error = ovsdb_row_from_json(row, json, symtab, columns, false);
    if (error) {
        ovsdb_row_destroy(row);
        return error;
    }
    *rowp = row;
    return NULL;
}

static struct ovsdb_error *
ovsdb_execute_insert(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                     json_t *result)
{
    struct ovsdb_table *table;
    struct ovsdb_row *row = NULL;
    const json_t *uuid_json, *uuid_name, *row_json;
    struct ovsdb_error *error;
    struct uuid row_uuid;
    size_t i, n;

    table = parse_table(x, parser, "table");
    uuid_name = ovsdb_parser_member(parser, "uuid-name", OP_ID | OP_OPTIONAL);
    uuid_json = ovsdb_parser_member(parser, "uuid", OP_STRING | OP_OPTIONAL);
    row_json = ovsdb_parser_member(parser, "row", OP_OBJECT);
    error = ovsdb_parser_get_error(parser);
    if (!error) {
        error = check_writable(x);
    }
    if (error) {
        return error;
    }

    if (uuid_json) {
        if (!uuid_from_string(&row_uuid, json_string_value(uuid_json))) {
            return ovsdb_syntax_error(uuid_json, NULL, "bad uuid");
        }
        if (ovsdb_table_get_row(table, &row_uuid)
            || ovsdb_txn_has_row(x->txn, table, &row_uuid)) {
            return ovsdb_syntax_error(uuid_json, "duplicate uuid",
                                      "This UUID would duplicate a UUID "
                                      "already present within the table or "
                                      "deleted within the same "
                                      "transaction.");
        }
    } else {
        uuid_generate(&row_uuid);
    }

    if (uuid_name) {
        struct ovsdb_symbol *symbol;

        symbol = ovsdb_symbol_table_insert(x->symtab,
                                           json_string_value(uuid_name));
        if (symbol->created) {
            return ovsdb_syntax_error(uuid_name, "duplicate uuid-name",
                                      "This \"uuid-name\" appeared on an "
                                      "earlier \"insert\" operation.");
        }
        if (uuid_json) {
            symbol->uuid = row_uuid;
        } else {
            row_uuid = symbol->uuid;
        }
        symbol->created = true;
    }

    error = parse_row(row_json, table, x->symtab, &row, NULL);
    if (error) {
        return error;
    }

    /* Every column must satisfy its constraints, including those the
     * request left at their defaults. */
    n = ovsdb_table_schema_n_columns(table->schema);
    for (i = 0; i < n; i++) {
        const struct ovsdb_column *column = table->schema->by_index[i];

        error = ovsdb_datum_check_constraints(&row->fields[i],
                                              &column->type);
        if (error) {
            ovsdb_row_destroy(row);
            return error;
        }
    }

    *ovsdb_row_get_uuid_rw(row) = row_uuid;
    ovsdb_txn_row_insert(x->txn, row);
    json_object_set_new(result, "uuid",
                        ovsdb_datum_to_json(&row->fields[OVSDB_COL_UUID],
                                            &ovsdb_type_uuid));
    return NULL;
}

static struct ovsdb_error *
ovsdb_execute_select(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                     json_t *result)
{
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_condition condition = OVSDB_CONDITION_INITIALIZER(&condition);
    struct ovsdb_row_set rows = OVSDB_ROW_SET_INITIALIZER;
    const json_t *where, *columns_json;
    struct ovsdb_table *table;
    struct ovsdb_error *error;

    table = parse_table(x, parser, "table");
    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    columns_json = ovsdb_parser_member(parser, "columns",
                                       OP_ARRAY | OP_OPTIONAL);
    error = ovsdb_parser_get_error(parser);
    if (!error) {
        error = ovsdb_condition_from_json(table->schema, where, x->symtab,
                                          &condition);
    }
    if (!error) {
        error = ovsdb_column_set_from_json(columns_json, table->schema,
                                           &columns);
    }
    if (!error) {
        /* Like upstream, "select" returns distinct rows: rows that are
         * equal in all of the selected columns appear once. */
        ovsdb_query_distinct(table, &condition, &columns, &rows);
        json_object_set_new(result, "rows",
                            ovsdb_row_set_to_json(&rows, &columns));
    }

    ovsdb_row_set_destroy(&rows);
    ovsdb_column_set_destroy(&columns);
    ovsdb_condition_destroy(&condition);
    return error;
}

/* What "update" and "mutate" do to each row. */
struct update_aux {
    struct ovsdb_execution *x;  /* The execution. */
    size_t n_matches;           /* Rows changed so far. */
    const struct ovsdb_row *row; /* "update": values to set. */
    const struct ovsdb_column_set *columns; /* "update": columns to set. */
    const struct ovsdb_mutation_set *mutations; /* "mutate". */
    struct ovsdb_error *error;  /* First error. */
};

static bool
update_row_cb(const struct ovsdb_row *row, void *aux_)
{
    struct update_aux *aux = aux_;
    struct ovsdb_row *rw;

    aux->n_matches++;
    rw = ovsdb_txn_row_modify(aux->x->txn, row);
    aux->error = ovsdb_row_update_columns(rw, aux->row, aux->columns, false);
    return !aux->error;
}

static struct ovsdb_error *
ovsdb_execute_update(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                     json_t *result)
{
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    struct ovsdb_condition condition = OVSDB_CONDITION_INITIALIZER(&condition);
    const json_t *where, *row_json;
    struct ovsdb_row *row = NULL;
    struct ovsdb_table *table;
    struct ovsdb_error *error;
    struct update_aux aux;
    size_t i;

    table = parse_table(x, parser, "table");
    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    row_json = ovsdb_parser_member(parser, "row", OP_OBJECT);
    error = ovsdb_parser_get_error(parser);
    if (!error) {
        error = check_writable(x);
    }
    if (!error) {
        error = parse_row(row_json, table, x->symtab, &row, &columns);
    }
    if (!error) {
        for (i = 0; i < columns.n_columns; i++) {
            const struct ovsdb_column *column = columns.columns[i];

            if (!column->mutable) {
                error = ovsdb_syntax_error(parser->json,
                                           "constraint violation",
                                           "Cannot update immutable column "
                                           "%s in table %s.",
                                           column->name, table->schema->name);
                break;
            }
        }
    }
    if (!error) {
        error = ovsdb_condition_from_json(table->schema, where, x->symtab,
                                          &condition);
    }
    if (!error) {
        memset(&aux, 0, sizeof aux);
        aux.x = x;
        aux.row = row;
        aux.columns = &columns;
        ovsdb_query(table, &condition, update_row_cb, &aux);
        error = aux.error;
        if (!error) {
            json_object_set_new(result, "count",
                                json_integer(aux.n_matches));
        }
    }

    ovsdb_row_destroy(row);
    ovsdb_column_set_destroy(&columns);
    ovsdb_condition_destroy(&condition);
    return error;
}

static bool
mutate_row_cb(const struct ovsdb_row *row, void *aux_)
{
    struct update_aux *aux = aux_;
    struct ovsdb_row *rw;

    aux->n_matches++;
    rw = ovsdb_txn_row_modify(aux->x->txn, row);
    aux->error = ovsdb_mutation_set_execute(rw, aux->mutations);
    return !aux->error;
}

static struct ovsdb_error *
ovsdb_execute_mutate(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                     json_t *result)
{
    struct ovsdb_condition condition = OVSDB_CONDITION_INITIALIZER(&condition);
    struct ovsdb_mutation_set mutations = { NULL, 0 };
    const json_t *where, *mutations_json;
    struct ovsdb_table *table;
    struct ovsdb_error *error;
    struct update_aux aux;

    table = parse_table(x, parser, "table");
    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    mutations_json = ovsdb_parser_member(parser, "mutations", OP_ARRAY);
    error = ovsdb_parser_get_error(parser);
    if (!error) {
        error = check_writable(x);
    }
    if (!error) {
        error = ovsdb_mutation_set_from_json(table->schema, mutations_json,
                                             x->symtab, &mutations);
    }
    if (!error) {
        error = ovsdb_condition_from_json(table->schema, where, x->symtab,
                                          &condition);
    }
    if (!error) {
        memset(&aux, 0, sizeof aux);
        aux.x = x;
        aux.mutations = &mutations;
        ovsdb_query(table, &condition, mutate_row_cb, &aux);
        error = aux.error;
        if (!error) {
            json_object_set_new(result, "count",
                                json_integer(aux.n_matches));
        }
    }

    ovsdb_mutation_set_destroy(&mutations);
    ovsdb_condition_destroy(&condition);
    return error;
}

struct delete_aux {
    struct ovsdb_txn *txn;      /* The transaction. */
    size_t n_matches;           /* Rows deleted so far. */
};

static bool
delete_row_cb(const struct ovsdb_row *row, void *aux_)
{
    struct delete_aux *aux = aux_;

    aux->n_matches++;
    ovsdb_txn_row_delete(aux->txn, row);
    return true;
}

static struct ovsdb_error *
ovsdb_execute_delete(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                     json_t *result)
{
    struct ovsdb_condition condition = OVSDB_CONDITION_INITIALIZER(&condition);
    struct ovsdb_table *table;
    struct ovsdb_error *error;
    const json_t *where;

    table = parse_table(x, parser, "table");
    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    error = ovsdb_parser_get_error(parser);
    if (!error) {
        error = check_writable(x);
    }
    if (!error) {
        error = ovsdb_condition_from_json(table->schema, where, x->symtab,
                                          &condition);
    }
    if (!error) {
        struct delete_aux aux = { x->txn, 0 };

        ovsdb_query(table, &condition, delete_row_cb, &aux);
        json_object_set_new(result, "count", json_integer(aux.n_matches));
    }

    ovsdb_condition_destroy(&condition);
    return error;
}

struct wait_aux {
    struct ovsdb_row_hash *actual; /* Rows that the "where" selected. */
};

static bool
wait_row_cb(const struct ovsdb_row *row, void *aux_)
{
    struct wait_aux *aux = aux_;

    ovsdb_row_hash_insert(aux->actual, row);
    return true;
}

static struct ovsdb_error *
ovsdb_execute_wait(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                   json_t *result OVS_UNUSED)
{
    struct ovsdb_condition condition = OVSDB_CONDITION_INITIALIZER(&condition);
    struct ovsdb_column_set columns = OVSDB_COLUMN_SET_INITIALIZER;
    const json_t *timeout, *where, *columns_json, *until, *rows;
    struct ovsdb_row_hash expected, actual;
    struct ovsdb_table *table;
    struct ovsdb_error *error;
    long long int timeout_msec = LLONG_MAX;
    bool expected_inited = false;
    size_t i;

    table = parse_table(x, parser, "table");
    timeout = ovsdb_parser_member(parser, "timeout",
                                  OP_INTEGER | OP_OPTIONAL);
    where = ovsdb_parser_member(parser, "where", OP_ARRAY);
    columns_json = ovsdb_parser_member(parser, "columns",
                                       OP_ARRAY | OP_OPTIONAL);
    until = ovsdb_parser_member(parser, "until", OP_STRING);
    rows = ovsdb_parser_member(parser, "rows", OP_ARRAY);
    error = ovsdb_parser_get_error(parser);
    if (error) {
        return error;
    }

    if (timeout) {
        if (json_integer_value(timeout) < 0) {
            return ovsdb_syntax_error(timeout, NULL,
                                      "timeout must be nonnegative");
        }
        timeout_msec = json_integer_value(timeout);
    }

    error = ovsdb_condition_from_json(table->schema, where, x->symtab,
                                      &condition);
    if (!error) {
        error = ovsdb_column_set_from_json(columns_json, table->schema,
                                           &columns);
    }
    if (!error) {
        const char *s = json_string_value(until);

        if (strcmp(s, "==") && strcmp(s, "!=")) {
            error = ovsdb_syntax_error(until, NULL,
                                       "\"until\" must be \"==\" or "
                                       "\"!=\"");
        }
    }
    if (error) {
        goto exit;
    }

    /* The rows that the client expects: they are only compared on
     * 'columns', so the other columns need no default values (which
     * saves allocations: ovs-vsctl sends one "wait" per port). */
    ovsdb_row_hash_init(&expected, &columns);
    expected_inited = true;
    for (i = 0; i < json_array_size(rows); i++) {
        struct ovsdb_row *row = ovsdb_row_create_partial(table, &columns);

        error = ovsdb_row_from_json(row, json_array_get(rows, i), x->symtab,
                                    NULL, false);
        if (error) {
            ovsdb_row_destroy(row);
            goto exit;
        }
        if (!ovsdb_row_hash_insert(&expected, row)) {
            /* A duplicate: the client listed the same row twice. */
            ovsdb_row_destroy(row);
        }
    }

    /* The rows that are there. */
    struct wait_aux aux;

    ovsdb_row_hash_init(&actual, &columns);
    aux.actual = &actual;
    ovsdb_query(table, &condition, wait_row_cb, &aux);

    bool equal = (ovsdb_row_hash_count(&actual)
                  == ovsdb_row_hash_count(&expected)
                  && ovsdb_row_hash_contains_all(&actual, &expected));
    ovsdb_row_hash_destroy(&actual, false);

    if (!strcmp(json_string_value(until), "==") != equal) {
        /* Not satisfied. */
        if (x->elapsed_msec >= timeout_msec) {
            if (x->elapsed_msec) {
                error = ovsdb_error("timed out", "\"wait\" timed out after "
                                    "%lld ms", x->elapsed_msec);
            } else {
                error = ovsdb_error("timed out",
                                    "\"where\" clause test failed");
            }
        } else if (!x->can_wait) {
            error = ovsdb_error("not supported", "triggers not supported");
        } else {
            /* Wait, then try again. */
            long long int left = (timeout_msec == LLONG_MAX ? LLONG_MAX
                                  : timeout_msec - x->elapsed_msec);

            x->must_wait = true;
            x->timeout_msec = MIN(x->timeout_msec, left);
        }
    }

exit:
    if (expected_inited) {
        ovsdb_row_hash_destroy(&expected, true);
    }
    ovsdb_column_set_destroy(&columns);
    ovsdb_condition_destroy(&condition);
    return error;
}

static struct ovsdb_error *
ovsdb_execute_commit(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                     json_t *result OVS_UNUSED)
{
    const json_t *durable;

    durable = ovsdb_parser_member(parser, "durable", OP_BOOLEAN);
    if (!durable) {
        return NULL;            /* ovsdb_parser_finish() reports it. */
    }
    if (json_is_true(durable)) {
        x->durable = true;
    }
    return check_writable(x);
}

static struct ovsdb_error *
ovsdb_execute_abort(struct ovsdb_execution *x OVS_UNUSED,
                    struct ovsdb_parser *parser OVS_UNUSED,
                    json_t *result OVS_UNUSED)
{
    return ovsdb_error("aborted", "aborted by request");
}

static struct ovsdb_error *
ovsdb_execute_comment(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                      json_t *result OVS_UNUSED)
{
    const json_t *comment;

    comment = ovsdb_parser_member(parser, "comment", OP_STRING);
    if (!comment) {
        return NULL;
    }
    ovsdb_txn_add_comment(x->txn, json_string_value(comment));
    return NULL;
}

static struct ovsdb_error *
ovsdb_execute_assert(struct ovsdb_execution *x, struct ovsdb_parser *parser,
                     json_t *result OVS_UNUSED)
{
    const json_t *lock_name;
    const char *name;

    lock_name = ovsdb_parser_member(parser, "lock", OP_ID);
    if (!lock_name) {
        return NULL;
    }
    name = json_string_value(lock_name);
    if (x->session && lock_owner_func && lock_owner_func(x->session, name)) {
        return NULL;
    }
    return ovsdb_error("not owner", "Asserted lock %s not held.", name);
}

/* The operations.  (Those that write check_writable() themselves.) */
struct ovsdb_operation {
    const char *name;           /* "op" member. */
    ovsdb_operation_executor *executor; /* Implementation. */
};

static const struct ovsdb_operation operations[] = {
    { "insert", ovsdb_execute_insert },
    { "select", ovsdb_execute_select },
    { "update", ovsdb_execute_update },
    { "mutate", ovsdb_execute_mutate },
    { "delete", ovsdb_execute_delete },
    { "wait", ovsdb_execute_wait },
    { "commit", ovsdb_execute_commit },
    { "abort", ovsdb_execute_abort },
    { "comment", ovsdb_execute_comment },
    { "assert", ovsdb_execute_assert },
};

static const struct ovsdb_operation *
lookup_operation(const char *name)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(operations); i++) {
        if (!strcmp(operations[i].name, name)) {
            return &operations[i];
        }
    }
    return NULL;
}

struct ovsdb_txn *
ovsdb_execute_compose(struct ovsdb *db, const struct ovsdb_session *session,
                      const json_t *params, bool read_only,
                      long long int elapsed_msec, long long int *timeout_msec,
                      bool *durable, json_t **resultsp)
{
    struct ovsdb_execution x;
    struct ovsdb_error *error = NULL;
    json_t *results;
    size_t n_ops, i;

    *durable = false;
    if (timeout_msec) {
        *timeout_msec = LLONG_MAX;
    }

    if (!json_is_array(params) || !json_array_size(params)
        || !json_is_string(json_array_get(params, 0))
        || strcmp(json_string_value(json_array_get(params, 0)),
                  db->schema->name)) {
        if (!json_is_array(params)) {
            error = ovsdb_syntax_error(params, NULL, "array expected");
        } else {
            error = ovsdb_syntax_error(params, NULL, "database name expected "
                                       "as first parameter");
        }
        *resultsp = ovsdb_error_to_json_free(error);
        return NULL;
    }

    memset(&x, 0, sizeof x);
    x.db = db;
    x.session = session;
    x.txn = ovsdb_txn_create(db);
    x.symtab = ovsdb_symbol_table_create();
    x.durable = false;
    x.read_only = read_only;
    x.elapsed_msec = elapsed_msec;
    x.timeout_msec = LLONG_MAX;
    x.must_wait = false;
    x.can_wait = timeout_msec != NULL;

    results = json_array();
    n_ops = json_array_size(params) - 1;
    for (i = 1; i <= n_ops; i++) {
        const json_t *operation = json_array_get(params, i);
        const struct ovsdb_operation *op = NULL;
        struct ovsdb_error *parse_error;
        struct ovsdb_parser parser;
        const json_t *op_json;
        json_t *result;

        ovsdb_parser_init(&parser, operation, "ovsdb operation %zu of %zu",
                          i, n_ops);
        op_json = ovsdb_parser_member(&parser, "op", OP_ID);
        result = json_object();
        if (op_json) {
            const char *op_name = json_string_value(op_json);

            op = lookup_operation(op_name);
            if (!op) {
                ovsdb_parser_raise_error(&parser, "No operation \"%s\"",
                                         op_name);
            } else {
                x.op_name = op->name;
                error = op->executor(&x, &parser, result);
            }
        }
        /* A problem with the operation's members (e.g. one that is not
         * allowed) takes precedence over what the operation reported. */
        parse_error = ovsdb_parser_finish(&parser);
        if (parse_error) {
            ovsdb_error_destroy(error);
            error = parse_error;
        }

        if (error) {
            json_decref(result);
            json_array_append_new(results, ovsdb_error_to_json_free(error));
            error = NULL;
            for (i++; i <= n_ops; i++) {
                json_array_append_new(results, json_null());
            }
            ovsdb_txn_abort(x.txn);
            x.txn = NULL;
            break;
        }
        json_array_append_new(results, result);
    }

    ovsdb_symbol_table_destroy(x.symtab);

    if (x.txn && x.must_wait) {
        /* Retry later. */
        ovsdb_txn_abort(x.txn);
        json_decref(results);
        *timeout_msec = x.timeout_msec;
        *resultsp = NULL;
        return NULL;
    }

    *resultsp = results;
    *durable = x.durable;
    return x.txn;
}

json_t *
ovsdb_execute(struct ovsdb *db, const struct ovsdb_session *session,
              const json_t *params, bool read_only,
              long long int elapsed_msec, long long int *timeout_msec)
{
    struct ovsdb_txn *txn;
    json_t *results;
    bool durable;

    txn = ovsdb_execute_compose(db, session, params, read_only, elapsed_msec,
                                timeout_msec, &durable, &results);
    if (txn) {
        struct ovsdb_error *error = ovsdb_txn_commit(txn, durable);

        if (error) {
            json_array_append_new(results, ovsdb_error_to_json_free(error));
        }
    }
    return results;
}
