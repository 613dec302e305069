/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>

#include "monitor.h"

#include <stdlib.h>
#include <string.h>
#include "column.h"
#include "condition.h"
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb.h"
#include "row.h"
#include "table.h"
#include "transaction.h"
#include "uuid.h"

/* The change history of one database.
 *
 * Transactions are numbered from 1 ('seqno'); a monitor remembers the
 * number of the last transaction it reported, and the history keeps every
 * transaction that some monitor has yet to report, plus the
 * OVSDB_MONITOR_HISTORY_LEN most recent ones. */
struct mon_history {
    struct ovsdb_replica replica; /* Registered with 'db'. */
    struct ovsdb *db;           /* The database. */
    struct ovs_list txns;       /* "struct hist_txn"s, oldest first. */
    size_t n_txns;              /* Number of 'txns'. */
    size_t n_rows;              /* Number of "struct hist_row"s in 'txns'. */
    uint64_t last_seqno;        /* Number of the latest transaction, 0 if
                                 * none was ever committed. */
    struct uuid last_id;        /* ID of that transaction (all-zeros if
                                 * none). */
};

/* One committed transaction. */
struct hist_txn {
    struct ovs_list list_node;  /* In struct mon_history's 'txns'. */
    uint64_t seqno;             /* Its number. */
    struct uuid id;             /* Its ID, as monitor_cond_since sees it. */
    struct hmap rows;           /* "struct hist_row"s, by UUID hash. */
};

/* One row changed by one transaction. */
struct hist_row {
    struct hmap_node hmap_node; /* In struct hist_txn's 'rows'. */
    const struct ovsdb_table *table; /* The row's table. */
    struct uuid uuid;           /* The row's UUID. */
    struct ovsdb_row *old;      /* The row before (shared, ovsdb_row_ref()),
                                 * NULL if the transaction inserted it. */
    struct ovsdb_row *new;      /* The row after (shared), NULL if the
                                 * transaction deleted it. */
};

/* A monitored column. */
struct mon_column {
    const struct ovsdb_column *column; /* The column. */
    unsigned int select;        /* OJMS_* bits: the changes for which the
                                 * column is reported. */
};

/* A monitored table. */
struct mon_table {
    const struct ovsdb_table *table; /* The table. */
    struct mon_column *columns; /* Monitored columns, by column index. */
    size_t n_columns;           /* Number of 'columns'. */
    unsigned int select;        /* Union of the columns' selections (or of
                                 * the requests', if they have no
                                 * columns). */
    struct ovsdb_condition condition; /* Rows to report: those that match
                                       * any clause; all if empty. */
};

/* A monitor. */
struct ovsdb_monitor {
    struct ovs_list node;       /* In the database's 'monitors'. */
    struct mon_history *history; /* The database's history. */
    enum ovsdb_monitor_version version; /* Protocol flavor. */
    struct shash tables;        /* Maps a table name to its struct
                                 * mon_table *. */
    uint64_t seqno;             /* Latest transaction reported. */
};

/* A row's change over a range of transactions, while composing. */
struct merged_row {
    struct hmap_node hmap_node; /* In a local hmap, by UUID hash. */
    const struct ovsdb_table *table; /* The row's table. */
    const struct uuid *uuid;    /* The row's UUID. */
    const struct ovsdb_row *old; /* Before the first transaction, or
                                  * NULL. */
    const struct ovsdb_row *new; /* After the last, or NULL. */
};

static unsigned long long int n_monitors;
static unsigned long long int n_history_rows;

static const struct ovsdb_replica_class history_class;

/* The history. */

static struct mon_history *
mon_history_from_replica(struct ovsdb_replica *replica)
{
    return CONTAINER_OF(replica, struct mon_history, replica);
}

static struct mon_history *
mon_history_find(const struct ovsdb *db)
{
    struct ovsdb_replica *replica;

    LIST_FOR_EACH (replica, node, &db->replicas) {
        if (replica->class == &history_class) {
            return mon_history_from_replica(replica);
        }
    }
    return NULL;
}

static void
hist_txn_destroy(struct hist_txn *txn)
{
    struct hist_row *row;

    HMAP_FOR_EACH_POP (row, hmap_node, &txn->rows) {
        ovsdb_row_destroy(row->old);
        ovsdb_row_destroy(row->new);
        free(row);
        n_history_rows--;
    }
    hmap_destroy(&txn->rows);
    free(txn);
}

/* Drops the transactions that no monitor needs any more, beyond the most
 * recent OVSDB_MONITOR_HISTORY_LEN, and beyond what makes the history
 * hold more rows than a quarter of the database's (but at least
 * OVSDB_MONITOR_HISTORY_MIN_ROWS). */
static void
mon_history_prune(struct mon_history *h)
{
    size_t max_rows = MAX(ovsdb_n_rows(h->db) / 4,
                          OVSDB_MONITOR_HISTORY_MIN_ROWS);
    uint64_t min_seqno = h->last_seqno;
    struct ovsdb_monitor *m;

    LIST_FOR_EACH (m, node, &h->db->monitors) {
        min_seqno = MIN(min_seqno, m->seqno);
    }

    while (h->n_txns > OVSDB_MONITOR_HISTORY_LEN || h->n_rows > max_rows) {
        struct hist_txn *txn = CONTAINER_OF(ovs_list_front(&h->txns),
                                            struct hist_txn, list_node);
        if (txn->seqno > min_seqno) {
            break;
        }
        ovs_list_remove(&txn->list_node);
        h->n_txns--;
        h->n_rows -= hmap_count(&txn->rows);
        hist_txn_destroy(txn);
    }
}

/* ovsdb_txn_for_each_change() callback: records one row's change. */
static bool
mon_history_record_row(const struct ovsdb_row *old,
                       const struct ovsdb_row *new,
                       const unsigned long int *changed OVS_UNUSED,
                       void *txn_)
{
    struct hist_txn *txn = txn_;
    const struct ovsdb_row *any = old ? old : new;
    struct hist_row *row = xmalloc(sizeof *row);

    row->table = any->table;
    row->uuid = *ovsdb_row_get_uuid(any);
    /* Committed rows never change, so the history shares them with the
     * table instead of copying them. */
    row->old = old ? ovsdb_row_ref(old) : NULL;
    row->new = new ? ovsdb_row_ref(new) : NULL;
    hmap_insert(&txn->rows, &row->hmap_node, uuid_hash(&row->uuid));
    n_history_rows++;
    return true;
}

static struct ovsdb_error *
mon_history_commit(struct ovsdb_replica *replica, const struct ovsdb_txn *otxn,
                   bool durable OVS_UNUSED)
{
    struct mon_history *h = mon_history_from_replica(replica);
    struct hist_txn *txn = xmalloc(sizeof *txn);

    hmap_init(&txn->rows);
    ovsdb_txn_for_each_change(otxn, mon_history_record_row, txn);
    if (hmap_is_empty(&txn->rows)) {
        hist_txn_destroy(txn);
        return NULL;
    }

    txn->seqno = ++h->last_seqno;
    h->n_rows += hmap_count(&txn->rows);
    uuid_generate(&txn->id);
    h->last_id = txn->id;
    ovs_list_push_back(&h->txns, &txn->list_node);
    h->n_txns++;
    mon_history_prune(h);
    return NULL;
}

static void
mon_history_destroy(struct ovsdb_replica *replica)
{
    struct mon_history *h = mon_history_from_replica(replica);
    struct hist_txn *txn;

    LIST_FOR_EACH_POP (txn, list_node, &h->txns) {
        hist_txn_destroy(txn);
    }
    free(h);
}

static const struct ovsdb_replica_class history_class = {
    .commit = mon_history_commit,
    .destroy = mon_history_destroy,
};

void
ovsdb_monitor_enable_db(struct ovsdb *db)
{
    struct mon_history *h;

    if (mon_history_find(db)) {
        return;
    }

    h = xzalloc(sizeof *h);
    ovsdb_replica_init(&h->replica, &history_class);
    h->db = db;
    ovs_list_init(&h->txns);
    ovsdb_add_replica(db, &h->replica);
}

void
ovsdb_monitor_forget_history(struct ovsdb *db)
{
    struct mon_history *h = mon_history_find(db);
    struct hist_txn *txn;

    if (h) {
        ovs_assert(ovs_list_is_empty(&db->monitors));
        LIST_FOR_EACH_POP (txn, list_node, &h->txns) {
            hist_txn_destroy(txn);
        }
        h->n_txns = 0;
        h->n_rows = 0;
    }
}

void
ovsdb_monitor_get_last_txn_id(const struct ovsdb *db, struct uuid *id)
{
    const struct mon_history *h = mon_history_find(db);

    if (h) {
        *id = h->last_id;
    } else {
        uuid_zero(id);
    }
}

/* Parsing monitor requests. */

static struct ovsdb_error * OVS_WARN_UNUSED_RESULT
check_members(const json_t *request, const char *what,
              const char *const allowed[], size_t n_allowed)
{
    const char *name;
    json_t *value;

    json_object_foreach (CONST_CAST(json_t *, request), name, value) {
        size_t i;

        for (i = 0; i < n_allowed; i++) {
            if (!strcmp(name, allowed[i])) {
                break;
            }
        }
        if (i >= n_allowed) {
            return ovsdb_syntax_error(request, NULL,
                                      "Parsing %s failed: Member '%s' is "
                                      "present but not allowed here.",
                                      what, name);
        }
    }
    return NULL;
}

/* Parses <monitor-select> 'select' into '*selectp'. */
static struct ovsdb_error * OVS_WARN_UNUSED_RESULT
parse_select(const char *table_name, const json_t *select,
             unsigned int *selectp)
{
    static const char *const names[] = {
        "initial", "insert", "delete", "modify"
    };
    struct ovsdb_error *error;
    char *what;
    size_t i;

    *selectp = OJMS_ALL;
    if (!select) {
        return NULL;
    }

    what = xasprintf("table %s select", table_name);
    error = check_members(select, what, names, ARRAY_SIZE(names));
    for (i = 0; !error && i < ARRAY_SIZE(names); i++) {
        const json_t *value = json_object_get(select, names[i]);

        if (!value) {
            continue;
        } else if (!json_is_boolean(value)) {
            error = ovsdb_syntax_error(select, NULL,
                                       "Parsing %s failed: Type mismatch "
                                       "for member '%s'.", what, names[i]);
        } else if (json_is_false(value)) {
            *selectp &= ~(1u << i);
        }
    }
    free(what);
    return error;
}

/* Adds 'column' to 'mt', keeping 'mt->columns' in the order of the
 * columns' indexes, the order in which upstream's server puts a row's
 * columns into its updates: objects print in an order that depends on
 * the order in which their members were added. */
static void
mon_table_add_column(struct mon_table *mt, const struct ovsdb_column *column,
                     unsigned int select)
{
    size_t i;

    mt->columns = xrealloc(mt->columns,
                           (mt->n_columns + 1) * sizeof *mt->columns);
    for (i = mt->n_columns; i > 0; i--) {
        if (mt->columns[i - 1].column->index < column->index) {
            break;
        }
        mt->columns[i] = mt->columns[i - 1];
    }
    mt->columns[i].column = column;
    mt->columns[i].select = select;
    mt->n_columns++;
}

static bool
mon_table_has_column(const struct mon_table *mt,
                     const struct ovsdb_column *column)
{
    for (size_t i = 0; i < mt->n_columns; i++) {
        if (mt->columns[i].column == column) {
            return true;
        }
    }
    return false;
}

/* Parses one <monitor-request> (or <monitor-cond-request>) 'request' for
 * 'mt'.  '*where' is set to the request's "where" if it has one and
 * '*where' is still NULL. */
static struct ovsdb_error * OVS_WARN_UNUSED_RESULT
parse_monitor_request(struct mon_table *mt,
                      enum ovsdb_monitor_version version,
                      const json_t *request, const json_t **where)
{
    static const char *const v1_members[] = { "columns", "select" };
    static const char *const v2_members[] = { "columns", "select", "where" };
    const struct ovsdb_table_schema *ts = mt->table->schema;
    const json_t *columns, *select, *w;
    struct ovsdb_error *error;
    unsigned int sel;
    char *what;

    if (!json_is_object(request)) {
        return ovsdb_syntax_error(NULL, NULL, "Parsing table %s failed: "
                                  "Object expected.", ts->name);
    }

    what = xasprintf("table %s", ts->name);
    columns = json_object_get(request, "columns");
    select = json_object_get(request, "select");
    w = version == OVSDB_MONITOR_V1 ? NULL : json_object_get(request, "where");
    if (columns && !json_is_array(columns)) {
        error = ovsdb_syntax_error(request, NULL, "Parsing %s failed: Type "
                                   "mismatch for member 'columns'.", what);
    } else if (select && !json_is_object(select)) {
        error = ovsdb_syntax_error(request, NULL, "Parsing %s failed: Type "
                                   "mismatch for member 'select'.", what);
    } else if (w && !json_is_array(w)) {
        error = ovsdb_syntax_error(request, NULL, "Parsing %s failed: Type "
                                   "mismatch for member 'where'.", what);
    } else if (version == OVSDB_MONITOR_V1) {
        error = check_members(request, what, v1_members,
                              ARRAY_SIZE(v1_members));
    } else {
        error = check_members(request, what, v2_members,
                              ARRAY_SIZE(v2_members));
    }
    free(what);
    if (error) {
        return error;
    }

    error = parse_select(ts->name, select, &sel);
    if (error) {
        return error;
    }
    mt->select |= sel;

    if (columns) {
        for (size_t i = 0; i < json_array_size(columns); i++) {
            const json_t *name = json_array_get(columns, i);
            const struct ovsdb_column *column;

            if (!json_is_string(name)) {
                return ovsdb_syntax_error(columns, NULL,
                                          "array of column names expected");
            }
            column = ovsdb_table_schema_get_column(ts,
                                                   json_string_value(name));
            if (!column) {
                return ovsdb_syntax_error(columns, NULL,
                                          "%s is not a valid column name",
                                          json_string_value(name));
            }
            if (mon_table_has_column(mt, column)) {
                return ovsdb_syntax_error(columns, NULL, "column %s "
                                          "mentioned more than once",
                                          column->name);
            }
            mon_table_add_column(mt, column, sel);
        }
    } else {
        const struct ovsdb_column **all;
        size_t n = ovsdb_table_schema_n_columns(ts);

        all = ovsdb_table_schema_columns_by_index(ts);
        for (size_t i = 0; i < n; i++) {
            if (all[i]->index == OVSDB_COL_UUID) {
                continue;
            }
            if (mon_table_has_column(mt, all[i])) {
                error = ovsdb_syntax_error(NULL, NULL, "column %s mentioned "
                                           "more than once", all[i]->name);
                free(all);
                return error;
            }
            mon_table_add_column(mt, all[i], sel);
        }
        free(all);
    }

    if (w && !*where) {
        *where = w;
    }
    return NULL;
}

static void
mon_table_destroy(struct mon_table *mt)
{
    if (mt) {
        free(mt->columns);
        ovsdb_condition_destroy(&mt->condition);
        free(mt);
    }
}

struct ovsdb_error *
ovsdb_monitor_create(struct ovsdb *db, enum ovsdb_monitor_version version,
                     const json_t *requests, struct ovsdb_monitor **monitorp)
{
    struct mon_history *h = mon_history_find(db);
    struct ovsdb_monitor *m;
    struct ovsdb_error *error = NULL;
    const char *table_name;
    json_t *value;

    ovs_assert(h);
    *monitorp = NULL;

    if (!json_is_object(requests)) {
        return ovsdb_syntax_error(requests, NULL,
                                  "monitor-requests must be object");
    }

    m = xzalloc(sizeof *m);
    m->history = h;
    m->version = version;
    shash_init(&m->tables);
    m->seqno = h->last_seqno;

    json_object_foreach (CONST_CAST(json_t *, requests), table_name, value) {
        const struct ovsdb_table *table = ovsdb_get_table(db, table_name);
        const json_t *where = NULL;
        struct mon_table *mt;

        if (!table) {
            error = ovsdb_syntax_error(NULL, NULL, "no table named %s",
                                       table_name);
            break;
        }

        mt = xzalloc(sizeof *mt);
        mt->table = table;
        ovsdb_condition_init(&mt->condition);
        if (json_is_array(value)) {
            for (size_t i = 0; !error && i < json_array_size(value); i++) {
                error = parse_monitor_request(mt, version,
                                              json_array_get(value, i),
                                              &where);
            }
        } else {
            error = parse_monitor_request(mt, version, value, &where);
        }
        if (!error && where) {
            ovsdb_condition_destroy(&mt->condition);
            error = ovsdb_condition_from_json(table->schema, where, NULL,
                                              &mt->condition);
            if (error) {
                ovsdb_condition_init(&mt->condition);
            }
        }
        if (error) {
            mon_table_destroy(mt);
            break;
        }

        if (!mt->select || (json_is_array(value) && !json_array_size(value))) {
            /* Nothing to report for this table, ever. */
            mon_table_destroy(mt);
        } else {
            mon_table_destroy(shash_replace(&m->tables, table_name, mt));
        }
    }

    ovs_list_push_back(&db->monitors, &m->node);
    n_monitors++;
    if (error) {
        ovsdb_monitor_destroy(m);
        return error;
    }
    *monitorp = m;
    return NULL;
}

void
ovsdb_monitor_destroy(struct ovsdb_monitor *m)
{
    struct shash_node *node;

    if (!m) {
        return;
    }

    SHASH_FOR_EACH (node, &m->tables) {
        mon_table_destroy(node->data);
    }
    shash_destroy(&m->tables);
    ovs_list_remove(&m->node);
    n_monitors--;
    mon_history_prune(m->history);
    free(m);
}

struct ovsdb *
ovsdb_monitor_get_db(const struct ovsdb_monitor *m)
{
    return m->history->db;
}

enum ovsdb_monitor_version
ovsdb_monitor_get_version(const struct ovsdb_monitor *m)
{
    return m->version;
}

/* Composing updates. */

/* Returns true if the updates of 'm' print every object's members sorted
 * by name, as upstream's server does for a "monitor_cond" or
 * "monitor_cond_since" monitor whose tables all have a condition that is
 * always true (none, an empty one, or one with a "true" clause: the
 * clauses are alternatives).  Plain "monitor" updates, and those of a
 * monitor with any real condition, come in hash order instead. */
static bool
mon_is_sorted(const struct ovsdb_monitor *m)
{
    struct shash_node *node;

    if (m->version == OVSDB_MONITOR_V1) {
        return false;
    }
    SHASH_FOR_EACH (node, &m->tables) {
        const struct mon_table *mt = node->data;
        const struct ovsdb_condition *cnd = &mt->condition;
        bool always = !cnd->n_clauses;

        for (size_t i = 0; !always && i < cnd->n_clauses; i++) {
            always = cnd->clauses[i].function == OVSDB_F_TRUE;
        }
        if (!always) {
            return false;
        }
    }
    return true;
}

/* Returns 'updates' (which it takes over) ready to send for 'm': as it is,
 * or, if mon_is_sorted(m), as pre-serialized text with every object's
 * members sorted by name.  Returns NULL if 'updates' is NULL. */
static json_t *
mon_finish_updates(const struct ovsdb_monitor *m, json_t *updates)
{
    if (updates && json_object_size(updates) && mon_is_sorted(m)) {
        struct ds text = DS_EMPTY_INITIALIZER;
        json_t *raw;

        json_to_ds(updates, JSSF_SORT, &text);
        raw = json_raw_create(text.string, text.length);
        ds_destroy(&text);
        json_decref(updates);
        return raw;
    }
    return updates;
}

/* One object member name, for member_order_sorted(). */
struct mon_name {
    const char *name;           /* The name. */
    size_t index;               /* Its index in the caller's array. */
};

/* qsort() comparison function for "struct mon_name"s, by name. */
static int
mon_name_compare(const void *a_, const void *b_)
{
    const struct mon_name *a = a_;
    const struct mon_name *b = b_;

    return strcmp(a->name, b->name);
}

/* Stores in 'order' the indexes 0...n-1 of the 'n' member names in
 * 'names': sorted by name if 'sorted', otherwise in the order in which
 * the serializer prints an object built in the order of 'names' (see
 * json_object_member_order()). */
static void
mon_member_order(const char *const names[], size_t n, size_t order[],
                 bool sorted)
{
    struct mon_name *v;

    if (!sorted || n < 2) {
        json_object_member_order(names, n, order);
        return;
    }
    v = xmalloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i].name = names[i];
        v[i].index = i;
    }
    qsort(v, n, sizeof *v, mon_name_compare);
    for (size_t i = 0; i < n; i++) {
        order[i] = v[i].index;
    }
    free(v);
}

/* Returns a <row> with the columns of 'mt' that 'select' covers, from
 * 'row'.  If 'skip_defaults', columns at their default value are left
 * out. */
static json_t *
row_to_json(const struct mon_table *mt, const struct ovsdb_row *row,
            unsigned int select, bool skip_defaults)
{
    json_t *json = json_object_create();

    for (size_t i = 0; i < mt->n_columns; i++) {
        const struct ovsdb_column *c = mt->columns[i].column;
        const struct ovsdb_datum *d = &row->fields[c->index];

        if (!(mt->columns[i].select & select)
            || (skip_defaults && ovsdb_datum_is_default(d, &c->type))) {
            continue;
        }
        json_object_put(json, c->name, ovsdb_datum_to_json(d, &c->type));
    }
    return json;
}

static bool
row_matches(const struct mon_table *mt, const struct ovsdb_row *row)
{
    return row && ovsdb_condition_empty_or_match_any(row->fields,
                                                     &mt->condition, NULL);
}

/* Returns the "modify" part of an update for a row that changed from 'old'
 * to 'new', or NULL if no column that 'mt' reports for modifications
 * changed. */
static json_t *
compose_modify(const struct ovsdb_monitor *m, const struct mon_table *mt,
               const struct ovsdb_row *old, const struct ovsdb_row *new)
{
    json_t *diff_json = NULL;

    for (size_t i = 0; i < mt->n_columns; i++) {
        const struct ovsdb_column *c = mt->columns[i].column;
        const struct ovsdb_datum *od = &old->fields[c->index];
        const struct ovsdb_datum *nd = &new->fields[c->index];
        json_t *value;

        if (!(mt->columns[i].select & OJMS_MODIFY)
            || ovsdb_datum_equals(od, nd, &c->type)) {
            continue;
        }

        if (m->version == OVSDB_MONITOR_V1) {
            value = ovsdb_datum_to_json(od, &c->type);
        } else if (ovsdb_type_is_composite(&c->type)) {
            struct ovsdb_datum diff;

            ovsdb_datum_diff(&diff, od, nd, &c->type);
            value = ovsdb_datum_to_json(&diff, &c->type);
            ovsdb_datum_destroy(&diff, &c->type);
        } else {
            value = ovsdb_datum_to_json(nd, &c->type);
        }

        if (!diff_json) {
            diff_json = json_object_create();
        }
        json_object_put(diff_json, c->name, value);
    }
    return diff_json;
}

/* Returns the <row-update> (V1) or <row-update2> for a row that went from
 * 'old' to 'new' (either may be NULL), or for a row 'new' that the client
 * should see as initial contents if 'initial' is true.  Returns NULL if
 * the client should hear nothing about the row. */
static json_t *
compose_row_update(const struct ovsdb_monitor *m, const struct mon_table *mt,
                   const struct ovsdb_row *old, const struct ovsdb_row *new,
                   bool initial)
{
    bool v1 = m->version == OVSDB_MONITOR_V1;
    bool old_match, new_match;
    json_t *update;

    if (initial) {
        if (!(mt->select & OJMS_INITIAL) || !row_matches(mt, new)) {
            return NULL;
        }
        update = json_object_create();
        json_object_put(update, v1 ? "new" : "initial",
                        row_to_json(mt, new, OJMS_INITIAL, !v1));
        return update;
    }

    old_match = row_matches(mt, old);
    new_match = row_matches(mt, new);
    if (!old_match && new_match) {
        if (!(mt->select & OJMS_INSERT)) {
            return NULL;
        }
        update = json_object_create();
        json_object_put(update, v1 ? "new" : "insert",
                        row_to_json(mt, new, OJMS_INSERT, !v1));
    } else if (old_match && !new_match) {
        if (!(mt->select & OJMS_DELETE)) {
            return NULL;
        }
        update = json_object_create();
        if (v1) {
            json_object_put(update, "old",
                            row_to_json(mt, old, OJMS_DELETE, false));
        } else {
            json_object_put(update, "delete", json_null_create());
        }
    } else if (old_match && new_match) {
        json_t *diff;

        if (!(mt->select & OJMS_MODIFY)) {
            return NULL;
        }
        diff = compose_modify(m, mt, old, new);
        if (!diff) {
            return NULL;
        }
        update = json_object_create();
        if (v1) {
            json_object_put(update, "old", diff);
            json_object_put(update, "new",
                            row_to_json(mt, new, OJMS_MODIFY, false));
        } else {
            json_object_put(update, "modify", diff);
        }
    } else {
        return NULL;
    }
    return update;
}

/* Adds 'row_update' for the row with 'uuid' in the table named
 * 'table_name' to 'updates', which it creates if it is NULL.  Returns
 * 'updates'. */
static json_t *
add_row_update(json_t *updates, const char *table_name,
               const struct uuid *uuid, json_t *row_update)
{
    char uuid_s[UUID_LEN + 1];
    json_t *table_updates;

    if (!updates) {
        updates = json_object_create();
    }
    table_updates = json_object_get(updates, table_name);
    if (!table_updates) {
        table_updates = json_object_create();
        json_object_put(updates, table_name, table_updates);
    }
    json_object_put(table_updates, uuid_to_string(uuid, uuid_s),
                    row_update);
    return updates;
}

/* Appends to 'out' the text of the <row> that row_to_json() returns for
 * the same arguments, without building it, with the columns sorted by
 * name if 'sorted'. */
static void
row_to_json_ds(const struct mon_table *mt, const struct ovsdb_row *row,
               unsigned int select, bool skip_defaults, bool sorted,
               struct ds *out)
{
    const struct ovsdb_column *stub[16];
    const struct ovsdb_column **cols = (mt->n_columns <= ARRAY_SIZE(stub)
                                        ? stub
                                        : xmalloc(mt->n_columns
                                                  * sizeof *cols));
    const char *names_stub[16];
    const char **names = (mt->n_columns <= ARRAY_SIZE(names_stub)
                          ? names_stub
                          : xmalloc(mt->n_columns * sizeof *names));
    size_t order_stub[16];
    size_t *order = (mt->n_columns <= ARRAY_SIZE(order_stub)
                     ? order_stub
                     : xmalloc(mt->n_columns * sizeof *order));
    size_t n = 0;

    for (size_t i = 0; i < mt->n_columns; i++) {
        const struct ovsdb_column *c = mt->columns[i].column;

        if (!(mt->columns[i].select & select)
            || (skip_defaults
                && ovsdb_datum_is_default(&row->fields[c->index],
                                          &c->type))) {
            continue;
        }
        cols[n] = c;
        names[n] = c->name;
        n++;
    }

    mon_member_order(names, n, order, sorted);
    ds_put_char(out, '{');
    for (size_t i = 0; i < n; i++) {
        const struct ovsdb_column *c = cols[order[i]];

        if (i) {
            ds_put_char(out, ',');
        }
        json_string_escape(c->name, out);
        ds_put_char(out, ':');
        ovsdb_datum_to_json_ds(&row->fields[c->index], &c->type, out);
    }
    ds_put_char(out, '}');

    if (cols != stub) {
        free(cols);
    }
    if (names != names_stub) {
        free(names);
    }
    if (order != order_stub) {
        free(order);
    }
}

/* One row's initial update while composing a table's, in
 * compose_initial_table(). */
struct initial_row {
    char uuid[UUID_LEN + 1];    /* The row's UUID, as a string. */
    size_t ofs;                 /* Offset of its <row-update> text. */
    size_t len;                 /* Length of its <row-update> text. */
};

/* Returns the <table-update> (or <table-update2>) that gives the client of
 * 'm' the initial contents of 'mt', or NULL if no row is to be reported.
 * It is the same, once serialized, as the object that compose_row_update()
 * and add_row_update() would build, but composed as text: a big table's
 * initial contents are most of what a new client costs the server. */
static json_t *
compose_initial_table(const struct ovsdb_monitor *m,
                      const struct mon_table *mt)
{
    bool v1 = m->version == OVSDB_MONITOR_V1;
    bool sorted = mon_is_sorted(m);
    size_t n_rows = hmap_count(&mt->table->rows);
    struct initial_row *rows = xmalloc(MAX(1, n_rows) * sizeof *rows);
    struct ds updates = DS_EMPTY_INITIALIZER;
    const struct ovsdb_row *row;
    size_t n = 0;
    json_t *json = NULL;

    HMAP_FOR_EACH (row, hmap_node, &mt->table->rows) {
        struct initial_row *ir;

        if (!row_matches(mt, row)) {
            continue;
        }
        ir = &rows[n++];
        uuid_to_string(ovsdb_row_get_uuid(row), ir->uuid);
        ir->ofs = updates.length;
        ds_put_cstr(&updates, v1 ? "{\"new\":" : "{\"initial\":");
        row_to_json_ds(mt, row, OJMS_INITIAL, !v1, sorted, &updates);
        ds_put_char(&updates, '}');
        ir->len = updates.length - ir->ofs;
    }

    if (n) {
        const char **names = xmalloc(n * sizeof *names);
        size_t *order = xmalloc(n * sizeof *order);
        struct ds text = DS_EMPTY_INITIALIZER;

        for (size_t i = 0; i < n; i++) {
            names[i] = rows[i].uuid;
        }
        mon_member_order(names, n, order, sorted);

        ds_reserve(&text, updates.length + n * (UUID_LEN + 4) + 2);
        ds_put_char(&text, '{');
        for (size_t i = 0; i < n; i++) {
            const struct initial_row *ir = &rows[order[i]];

            if (i) {
                ds_put_char(&text, ',');
            }
            ds_put_char(&text, '"');
            ds_put_buffer(&text, ir->uuid, UUID_LEN);
            ds_put_cstr(&text, "\":");
            ds_put_buffer(&text, &updates.string[ir->ofs], ir->len);
        }
        ds_put_char(&text, '}');
        json = json_raw_create(text.string, text.length);

        ds_destroy(&text);
        free(order);
        free(names);
    }
    ds_destroy(&updates);
    free(rows);
    return json;
}

json_t *
ovsdb_monitor_get_initial(const struct ovsdb_monitor *m)
{
    json_t *updates = json_object_create();
    struct shash_node *node;

    SHASH_FOR_EACH (node, &m->tables) {
        const struct mon_table *mt = node->data;
        json_t *table_update;

        if (!(mt->select & OJMS_INITIAL)) {
            continue;
        }
        table_update = compose_initial_table(m, mt);
        if (table_update) {
            json_object_put(updates, node->name, table_update);
        }
    }
    return mon_finish_updates(m, updates);
}

static struct mon_table *
monitor_find_table(const struct ovsdb_monitor *m,
                   const struct ovsdb_table *table)
{
    return shash_find_data(&m->tables, table->schema->name);
}

/* Composes the update for the transactions numbered after 'after_seqno',
 * folded together.  Returns NULL if none of it concerns 'm'. */
static json_t *
compose_range(const struct ovsdb_monitor *m, uint64_t after_seqno)
{
    struct hmap merged = HMAP_INITIALIZER(&merged);
    const struct hist_txn *txn;
    struct merged_row *mr;
    json_t *updates = NULL;

    LIST_FOR_EACH (txn, list_node, &m->history->txns) {
        const struct hist_row *hr;

        if (txn->seqno <= after_seqno) {
            continue;
        }
        HMAP_FOR_EACH (hr, hmap_node, &txn->rows) {
            uint32_t hash = uuid_hash(&hr->uuid);
            bool found = false;

            if (!monitor_find_table(m, hr->table)) {
                continue;
            }
            HMAP_FOR_EACH_WITH_HASH (mr, hmap_node, hash, &merged) {
                if (mr->table == hr->table && uuid_equals(mr->uuid,
                                                          &hr->uuid)) {
                    mr->new = hr->new;
                    found = true;
                    break;
                }
            }
            if (!found) {
                mr = xmalloc(sizeof *mr);
                mr->table = hr->table;
                mr->uuid = &hr->uuid;
                mr->old = hr->old;
                mr->new = hr->new;
                hmap_insert(&merged, &mr->hmap_node, hash);
            }
        }
    }

    HMAP_FOR_EACH_POP (mr, hmap_node, &merged) {
        const struct mon_table *mt = monitor_find_table(m, mr->table);
        json_t *ru = compose_row_update(m, mt, mr->old, mr->new, false);

        if (ru) {
            updates = add_row_update(updates, mt->table->schema->name,
                                     mr->uuid, ru);
        }
        free(mr);
    }
    hmap_destroy(&merged);
    return updates;
}

static const struct hist_txn *
mon_history_find_txn(const struct mon_history *h, const struct uuid *id)
{
    const struct hist_txn *txn;

    LIST_FOR_EACH (txn, list_node, &h->txns) {
        if (uuid_equals(&txn->id, id)) {
            return txn;
        }
    }
    return NULL;
}

json_t *
ovsdb_monitor_get_initial_since(struct ovsdb_monitor *m,
                                const struct uuid *last_id, bool *found,
                                struct uuid *new_last_id)
{
    const struct mon_history *h = m->history;
    const struct hist_txn *txn;
    json_t *updates;

    *new_last_id = h->last_id;
    txn = uuid_is_zero(last_id) ? NULL : mon_history_find_txn(h, last_id);
    if (!txn) {
        *found = false;
        m->seqno = h->last_seqno;
        return ovsdb_monitor_get_initial(m);
    }

    *found = true;
    updates = compose_range(m, txn->seqno);
    m->seqno = h->last_seqno;
    mon_history_prune(m->history);
    return updates ? mon_finish_updates(m, updates) : json_object_create();
}

bool
ovsdb_monitor_has_pending(const struct ovsdb_monitor *m)
{
    return m->seqno < m->history->last_seqno;
}

uint64_t
ovsdb_monitor_n_pending(const struct ovsdb_monitor *m)
{
    return m->history->last_seqno - m->seqno;
}

json_t *
ovsdb_monitor_get_update(struct ovsdb_monitor *m, struct uuid *last_id)
{
    json_t *updates = NULL;

    if (ovsdb_monitor_has_pending(m)) {
        updates = mon_finish_updates(m, compose_range(m, m->seqno));
        m->seqno = m->history->last_seqno;
        mon_history_prune(m->history);
    }
    if (last_id) {
        *last_id = m->history->last_id;
    }
    return updates;
}

/* Condition changes. */

/* A parsed condition change for one table. */
struct cond_change {
    struct mon_table *mt;       /* The table. */
    struct ovsdb_condition new; /* Its new condition. */
};

struct ovsdb_error *
ovsdb_monitor_cond_change(struct ovsdb_monitor *m, const json_t *requests,
                          json_t **updatep)
{
    struct ovsdb *db = m->history->db;
    struct ovsdb_error *error = NULL;
    struct cond_change *changes;
    size_t n_changes = 0;
    const char *table_name;
    json_t *updates = NULL;
    json_t *value;

    *updatep = NULL;
    if (!json_is_object(requests)) {
        return ovsdb_syntax_error(requests, NULL,
                                  "monitor-cond-change-requests must be "
                                  "object");
    }

    changes = xmalloc(json_object_size(requests) * sizeof *changes + 1);
    json_object_foreach (CONST_CAST(json_t *, requests), table_name, value) {
        const struct ovsdb_table *table = ovsdb_get_table(db, table_name);
        const json_t *where = NULL;
        struct mon_table *mt;

        if (!table) {
            error = ovsdb_syntax_error(NULL, NULL, "no table named %s",
                                       table_name);
            break;
        }
        mt = monitor_find_table(m, table);
        if (!mt) {
            error = ovsdb_syntax_error(NULL, NULL, "no table named %s in "
                                       "monitor session", table_name);
            break;
        }
        if (!json_is_array(value)) {
            error = ovsdb_syntax_error(NULL, NULL, "table %s no "
                                       "monitor-cond-change JSON array",
                                       table_name);
            break;
        }
        for (size_t i = 0; i < json_array_size(value); i++) {
            const json_t *request = json_array_get(value, i);

            if (!json_is_object(request)) {
                error = ovsdb_syntax_error(request, NULL, "Parsing table %s "
                                           "failed: Object expected.",
                                           table_name);
                break;
            }
            if (json_object_get(request, "columns")) {
                error = ovsdb_syntax_error(request, NULL, "changing columns "
                                           "is unsupported");
                break;
            }
            if (!where) {
                where = json_object_get(request, "where");
                if (where && !json_is_array(where)) {
                    error = ovsdb_syntax_error(request, NULL,
                                               "Parsing table %s failed: "
                                               "Type mismatch for member "
                                               "'where'.", table_name);
                    break;
                }
            }
        }
        if (error) {
            break;
        }
        if (!where) {
            continue;
        }

        error = ovsdb_condition_from_json(table->schema, where, NULL,
                                          &changes[n_changes].new);
        if (error) {
            break;
        }
        changes[n_changes++].mt = mt;
    }

    if (error) {
        for (size_t i = 0; i < n_changes; i++) {
            ovsdb_condition_destroy(&changes[i].new);
        }
        free(changes);
        return error;
    }

    for (size_t i = 0; i < n_changes; i++) {
        struct mon_table *mt = changes[i].mt;
        struct ovsdb_condition old = mt->condition;
        const struct ovsdb_row *row;

        mt->condition = changes[i].new;
        HMAP_FOR_EACH (row, hmap_node, &mt->table->rows) {
            bool old_match = ovsdb_condition_empty_or_match_any(
                row->fields, &old, NULL);
            bool new_match = row_matches(mt, row);
            bool v1 = m->version == OVSDB_MONITOR_V1;
            json_t *ru = NULL;

            if (old_match && !new_match && mt->select & OJMS_DELETE) {
                ru = json_object_create();
                if (v1) {
                    json_object_put(ru, "old",
                                    row_to_json(mt, row, OJMS_DELETE,
                                                false));
                } else {
                    json_object_put(ru, "delete", json_null_create());
                }
            } else if (!old_match && new_match && mt->select & OJMS_INSERT) {
                ru = json_object_create();
                json_object_put(ru, v1 ? "new" : "insert",
                                row_to_json(mt, row, OJMS_INSERT, !v1));
            }
            if (ru) {
                updates = add_row_update(updates, mt->table->schema->name,
                                         ovsdb_row_get_uuid(row), ru);
            }
        }
        ovsdb_condition_destroy(&old);
    }
    free(changes);

    *updatep = updates;
    return NULL;
}

void
ovsdb_monitor_get_memory_usage(unsigned long long int *n_monitorsp,
                               unsigned long long int *n_historyp)
{
    *n_monitorsp += n_monitors;
    *n_historyp += n_history_rows;
}
