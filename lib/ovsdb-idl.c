/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb-idl.h"
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "coverage.h"
#include "hash.h"
#include "json.h"
#include "jsonrpc.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/shash.h"
#include "openvswitch/vlog.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-idl-provider.h"
#include "poll-loop.h"
#include "random.h"
#include "simap.h"
#include "skiplist.h"
#include "sset.h"
#include "uuid.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_idl);

COVERAGE_DEFINE(txn_uncommitted);
COVERAGE_DEFINE(txn_unchanged);
COVERAGE_DEFINE(txn_incomplete);
COVERAGE_DEFINE(txn_aborted);
COVERAGE_DEFINE(txn_success);
COVERAGE_DEFINE(txn_try_again);
COVERAGE_DEFINE(txn_not_locked);
COVERAGE_DEFINE(txn_error);

/* How the IDL is built
 * ====================
 *
 * An IDL holds two replicas ("struct ovsdb_idl_db"): the client's database
 * and the server's _Server database, whose Database table tells the IDL
 * whether the client's database exists and, for a cluster, whether this
 * server is connected to it and its leader.  Both replicas use the same
 * code; the _Server one is described by a built-in class with no parsed
 * members.
 *
 * Each connection goes through these states, one request at a time:
 *
 *   SERVER_SCHEMA_REQUESTED    get_schema("_Server") sent.  A server that
 *                              lacks _Server (an old one) skips to
 *                              DATA_SCHEMA_REQUESTED.
 *   SERVER_MONITOR_REQUESTED   monitor_cond on _Server's Database table,
 *                              restricted to our database's row.
 *   DATA_SCHEMA_REQUESTED      get_schema(database) sent (skipped when the
 *                              _Server row carries the schema).
 *   DATA_MONITOR_*_REQUESTED   monitor_cond_since, or if the server does
 *                              not know it monitor_cond, or plain monitor.
 *   MONITORING                 Replicating: updates arrive as
 *                              notifications, transactions may be sent.
 *   ERROR                      Gave up on this connection (e.g. the
 *                              database does not exist); a retrying
 *                              session reconnects after a backoff.
 *
 * Requests that do not belong to this sequence (transactions, lock
 * requests, condition changes) carry their own request ids. */

enum idl_state {
    IDL_S_SERVER_SCHEMA_REQUESTED,
    IDL_S_SERVER_MONITOR_REQUESTED,
    IDL_S_DATA_SCHEMA_REQUESTED,
    IDL_S_DATA_MONITOR_COND_SINCE_REQUESTED,
    IDL_S_DATA_MONITOR_COND_REQUESTED,
    IDL_S_DATA_MONITOR_REQUESTED,
    IDL_S_MONITORING,
    IDL_S_ERROR,
};

/* The monitor method in use for a database. */
enum idl_monitor_method {
    IDL_MONITOR,                /* "monitor": no conditions. */
    IDL_MONITOR_COND,           /* "monitor_cond". */
    IDL_MONITOR_COND_SINCE,     /* "monitor_cond_since". */
};

/* The replica of one database. */
struct ovsdb_idl_db {
    struct ovsdb_idl *idl;      /* Containing IDL. */
    const struct ovsdb_idl_class *class_; /* What it replicates. */
    struct ovsdb_idl_table *tables; /* One per table in 'class_'. */
    struct shash table_by_name; /* Table name -> struct ovsdb_idl_table *. */
    json_t *monitor_id;         /* Id of our monitor, for notifications. */
    struct shash server_schema; /* Table name -> sset of column names, as
                                 * the server's schema has them. */
    bool has_server_schema;     /* Is 'server_schema' known? */
    unsigned int change_seqno;  /* Incremented on every visible change. */
    enum idl_monitor_method method; /* Monitor method in use. */
    struct uuid last_id;        /* Last transaction id seen (for
                                 * monitor_cond_since), or all-zeros. */
    bool monitoring;            /* Monitor set up on this connection? */

    /* Conditional monitoring. */
    unsigned int cond_seqno;    /* Condition changes acknowledged. */
    bool cond_changed;          /* Some table's condition must be sent. */
    json_t *cond_request_id;    /* Outstanding monitor_cond_change id. */
    unsigned int pending_cond_acks; /* Condition changes that the monitor
                                     * request in flight carries. */

    struct ovs_list deleted_rows; /* Rows deleted by the server, kept until
                                   * tracking lets go of them. */
};

/* An IDL. */
struct ovsdb_idl {
    struct ovsdb_idl_db server; /* The _Server database. */
    struct ovsdb_idl_db data;   /* The client's database. */

    /* Connection. */
    struct jsonrpc_session *session; /* Connection to the server, or NULL. */
    char *remote;               /* Remote(s) it connects to, or NULL. */
    bool retry;                 /* Reconnect after failures? */
    bool shuffle_remotes;       /* Try remotes in random order? */
    bool leader_only;           /* Only accept a cluster's leader? */
    unsigned int session_seqno; /* Last jsonrpc_session_get_seqno(). */
    enum idl_state state;       /* Where the connection stands. */
    json_t *request_id;         /* Outstanding request of 'state'. */
    bool server_unsupported;    /* Server lacks _Server? */
    uint64_t min_index;         /* Highest cluster index seen. */
    bool gave_up;               /* Error with 'retry' false. */

    /* Locking. */
    char *lock_name;            /* Name of lock we want, or NULL. */
    bool has_lock;              /* Do we hold it? */
    bool is_lock_contended;     /* Does someone else hold it? */
    json_t *lock_request_id;    /* Outstanding "lock" request id. */

    /* Transactions. */
    struct ovsdb_idl_txn *txn;  /* The open transaction, or NULL. */
    struct hmap outstanding_txns; /* Committing, by request id hash. */
    bool verify_write_only;     /* Reject writes to read/write columns? */
};

/* A transaction. */
struct ovsdb_idl_txn {
    struct hmap_node hmap_node; /* In 'outstanding_txns' while committing. */
    json_t *request_id;         /* "transact" request id, while in flight. */
    struct ovsdb_idl *idl;      /* Containing IDL. */
    struct hmap txn_rows;       /* Rows touched ('txn_node'). */
    enum ovsdb_idl_txn_status status; /* Status so far. */
    char *error;                /* Error text, for TXN_ERROR. */
    bool dry_run;               /* Abort at the server? */
    struct ds comment;          /* Comment for the log. */

    /* Increment. */
    const struct ovsdb_idl_table_class *inc_table; /* Table, or NULL. */
    const struct ovsdb_idl_column *inc_column; /* Column to increment. */
    struct uuid inc_row;        /* Row to increment. */
    bool inc_force;             /* Increment even if nothing else changes? */
    bool inc_sent;              /* Was the increment sent? */
    unsigned int inc_index;     /* Index of its "mutate" op's result. */
    int64_t inc_new_value;      /* New value, or INT64_MIN. */

    /* Inserted rows. */
    struct hmap inserted_rows;  /* Contains "struct ovsdb_idl_txn_insert"s. */
};

/* A row that a transaction inserted, to map its UUID to the server's. */
struct ovsdb_idl_txn_insert {
    struct hmap_node hmap_node; /* In 'inserted_rows', by uuid_hash(). */
    struct uuid dummy;          /* UUID the client used. */
    unsigned int op_index;      /* Index of the "insert" operation. */
    struct uuid real;           /* UUID the server assigned, once known. */
};

/* Pending partial updates of one map or set column in a transaction:
 * applied by the server as "delete" then "insert" mutations. */
struct ovsdb_idl_partial {
    struct ovsdb_datum deletes; /* Keys (maps) or elements (sets). */
    struct ovsdb_datum inserts; /* Pairs (maps) or elements (sets). */
};

/* A reference from one row to another. */
struct ovsdb_idl_arc {
    struct ovs_list src_node;   /* In 'src''s 'src_arcs'. */
    struct ovs_list dst_node;   /* In 'dst''s 'dst_arcs'. */
    struct ovsdb_idl_row *src;  /* Referring row. */
    struct ovsdb_idl_row *dst;  /* Referred-to row. */
};

/* One clause of a condition. */
struct ovsdb_idl_clause {
    struct hmap_node hmap_node; /* In struct ovsdb_idl_condition. */
    enum ovsdb_function function; /* Comparison. */
    const struct ovsdb_idl_column *column; /* Left-hand side. */
    struct ovsdb_datum arg;     /* Right-hand side. */
};

/* An index. */
struct ovsdb_idl_index {
    struct ovs_list node;       /* In the table's 'indexes'. */
    struct ovsdb_idl_table *table; /* Indexed table. */
    struct ovsdb_idl_index_column *columns; /* Key columns. */
    size_t n_columns;           /* Number of 'columns'. */
    struct skiplist *skiplist;  /* Contains "struct ovsdb_idl_row"s. */
};

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* The _Server database's Database table, as far as the IDL reads it.  Its
 * rows are plain struct ovsdb_idl_rows: the IDL reads their datums. */
enum {
    SERVER_COL_CID,
    SERVER_COL_CONNECTED,
    SERVER_COL_INDEX,
    SERVER_COL_LEADER,
    SERVER_COL_MODEL,
    SERVER_COL_NAME,
    SERVER_COL_SCHEMA,
    SERVER_N_COLUMNS
};

static void
server_parse(struct ovsdb_idl_row *row OVS_UNUSED,
             const struct ovsdb_datum *datum OVS_UNUSED)
{
}

static void
server_unparse(struct ovsdb_idl_row *row OVS_UNUSED)
{
}

#define SERVER_COLUMN(NAME, KEY, N_MIN)                                 \
    {                                                                   \
        .name = (char *) NAME,                                          \
        .type = { .key = KEY, .value = OVSDB_BASE_VOID_INIT,            \
                  .n_min = N_MIN, .n_max = 1 },                         \
        .is_mutable = true,                                             \
        .parse = server_parse,                                          \
        .unparse = server_unparse,                                      \
    }

static const struct ovsdb_idl_column server_columns[SERVER_N_COLUMNS] = {
    [SERVER_COL_CID] = SERVER_COLUMN("cid", OVSDB_BASE_UUID_INIT, 0),
    [SERVER_COL_CONNECTED] = SERVER_COLUMN("connected",
                                           OVSDB_BASE_BOOLEAN_INIT, 1),
    [SERVER_COL_INDEX] = SERVER_COLUMN("index", OVSDB_BASE_INTEGER_INIT, 0),
    [SERVER_COL_LEADER] = SERVER_COLUMN("leader", OVSDB_BASE_BOOLEAN_INIT, 1),
    [SERVER_COL_MODEL] = SERVER_COLUMN("model", OVSDB_BASE_STRING_INIT, 1),
    [SERVER_COL_NAME] = SERVER_COLUMN("name", OVSDB_BASE_STRING_INIT, 1),
    [SERVER_COL_SCHEMA] = SERVER_COLUMN("schema", OVSDB_BASE_STRING_INIT, 0),
};

static const struct ovsdb_idl_table_class server_table_classes[] = {
    {
        .name = (char *) "Database",
        .is_root = true,
        .columns = server_columns,
        .n_columns = SERVER_N_COLUMNS,
        .allocation_size = sizeof(struct ovsdb_idl_row),
    },
};

static const struct ovsdb_idl_class server_idl_class = {
    .database = "_Server",
    .tables = server_table_classes,
    .n_tables = ARRAY_SIZE(server_table_classes),
};

static void idl_db_init(struct ovsdb_idl_db *, struct ovsdb_idl *,
                        const struct ovsdb_idl_class *,
                        bool monitor_everything_by_default);
static void idl_db_destroy(struct ovsdb_idl_db *);
static void idl_db_clear(struct ovsdb_idl_db *);
static void idl_db_free_deleted_rows(struct ovsdb_idl_db *);
static bool idl_db_is_tracked(const struct ovsdb_idl_db *);
static struct ovsdb_idl_table *idl_db_table_from_class(
    const struct ovsdb_idl_db *, const struct ovsdb_idl_table_class *);
static struct ovsdb_idl_table *idl_table_from_column(
    const struct ovsdb_idl_db *, const struct ovsdb_idl_column *);
static void idl_row_parse(struct ovsdb_idl_row *);
static void idl_row_unparse(struct ovsdb_idl_row *);
static void idl_row_free(struct ovsdb_idl_row *);
static void idl_row_clear_arcs(struct ovsdb_idl_row *, bool destroy_dsts);
static void idl_add_to_indexes(struct ovsdb_idl_row *);
static void idl_remove_from_indexes(struct ovsdb_idl_row *);
static void idl_txn_disassemble(struct ovsdb_idl_txn *);
static void idl_txn_abandon_all(struct ovsdb_idl *);
static void idl_condition_clone(struct ovsdb_idl_condition *dst,
                                const struct ovsdb_idl_condition *src);
static bool idl_condition_equals(const struct ovsdb_idl_condition *,
                                 const struct ovsdb_idl_condition *);
static json_t *idl_condition_to_json(const struct ovsdb_idl_condition *);

/* Bitmaps of columns. */

#define BITS_PER_LONG (CHAR_BIT * sizeof(unsigned long int))

static unsigned long int *
idl_bitmap_alloc(size_t n)
{
    return xcalloc(DIV_ROUND_UP(n, BITS_PER_LONG), sizeof(unsigned long int));
}

static bool
idl_bitmap_is_set(const unsigned long int *b, size_t i)
{
    return (b[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG))) != 0;
}

static void
idl_bitmap_set1(unsigned long int *b, size_t i)
{
    b[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
}

/* Rows: basics. */

/* Returns true if 'row' is a placeholder for a row that is referenced but
 * not in the replica. */
static bool
idl_row_is_orphan(const struct ovsdb_idl_row *row)
{
    return !row->old_datum && !row->new_datum;
}

/* Returns true if 'row' exists as the open transaction (if any) sees it. */
static bool
idl_row_exists(const struct ovsdb_idl_row *row)
{
    return row->new_datum != NULL;
}

/* Returns the index of 'column' within 'row''s table class. */
static size_t
idl_column_index(const struct ovsdb_idl_row *row,
                 const struct ovsdb_idl_column *column)
{
    const struct ovsdb_idl_table_class *class = row->table->class_;
    size_t idx = column - class->columns;

    ovs_assert(idx < class->n_columns);
    return idx;
}

/* Returns the value of column 'idx' of 'row' as the transaction sees it. */
static const struct ovsdb_datum *
idl_row_datum(const struct ovsdb_idl_row *row, size_t idx)
{
    if (row->written && idl_bitmap_is_set(row->written, idx)) {
        return &row->new_datum[idx];
    } else if (row->old_datum) {
        return &row->old_datum[idx];
    } else if (row->new_datum) {
        return &row->new_datum[idx];
    } else {
        return ovsdb_datum_default(&row->table->class_->columns[idx].type);
    }
}

/* Returns the committed value of column 'idx' of 'row', the one that
 * indexes sort by. */
static const struct ovsdb_datum *
idl_row_committed_datum(const struct ovsdb_idl_row *row, size_t idx)
{
    return (row->old_datum
            ? &row->old_datum[idx]
            : ovsdb_datum_default(&row->table->class_->columns[idx].type));
}

/* Allocates an array with the default value of each column of 'class'. */
static struct ovsdb_datum *
idl_datum_array_create(const struct ovsdb_idl_table_class *class)
{
    struct ovsdb_datum *d = xmalloc(MAX(1, class->n_columns) * sizeof *d);

    for (size_t i = 0; i < class->n_columns; i++) {
        ovsdb_datum_init_default(&d[i], &class->columns[i].type);
    }
    return d;
}

static void
idl_datum_array_destroy(struct ovsdb_datum *d,
                        const struct ovsdb_idl_table_class *class)
{
    if (d) {
        for (size_t i = 0; i < class->n_columns; i++) {
            ovsdb_datum_destroy(&d[i], &class->columns[i].type);
        }
        free(d);
    }
}

/* Allocates a row of 'class', not in any table. */
static struct ovsdb_idl_row *
idl_row_alloc(const struct ovsdb_idl_table_class *class)
{
    struct ovsdb_idl_row *row = xzalloc(MAX(class->allocation_size,
                                            sizeof *row));

    if (class->row_init) {
        class->row_init(row);
    }
    ovs_list_init(&row->src_arcs);
    ovs_list_init(&row->dst_arcs);
    ovs_list_init(&row->track_node);
    ovs_list_init(&row->deleted_node);
    hmap_node_nullify(&row->txn_node);
    return row;
}

/* Creates an orphan row with 'uuid' in 'table'. */
static struct ovsdb_idl_row *
idl_row_create(struct ovsdb_idl_table *table, const struct uuid *uuid)
{
    struct ovsdb_idl_row *row = idl_row_alloc(table->class_);

    row->uuid = *uuid;
    row->table = table;
    hmap_insert(&table->rows, &row->hmap_node, uuid_hash(uuid));
    return row;
}

/* Returns the row in 'table' with 'uuid' (orphan or not), or NULL. */
static struct ovsdb_idl_row *
idl_get_row(const struct ovsdb_idl_table *table, const struct uuid *uuid)
{
    struct ovsdb_idl_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid), &table->rows) {
        if (uuid_equals(&row->uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

/* Fills in the C members of 'row' from its datums. */
static void
idl_row_parse(struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table_class *class = row->table->class_;

    for (size_t i = 0; i < class->n_columns; i++) {
        class->columns[i].parse(row, idl_row_datum(row, i));
    }
    row->parsed = true;
}

/* Frees what idl_row_parse() allocated. */
static void
idl_row_unparse(struct ovsdb_idl_row *row)
{
    if (row->parsed) {
        const struct ovsdb_idl_table_class *class = row->table->class_;

        for (size_t i = 0; i < class->n_columns; i++) {
            class->columns[i].unparse(row);
        }
        row->parsed = false;
    }
}

/* Frees 'row', which must not be in its table's 'rows', on any arc, or in
 * a transaction. */
static void
idl_row_free(struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table_class *class = row->table->class_;

    idl_row_unparse(row);
    if (row->new_datum != row->old_datum) {
        if (row->old_datum) {
            /* Only the written columns of 'new_datum' are valid. */
            if (row->new_datum) {
                for (size_t i = 0; i < class->n_columns; i++) {
                    if (row->written
                        && idl_bitmap_is_set(row->written, i)) {
                        ovsdb_datum_destroy(&row->new_datum[i],
                                            &class->columns[i].type);
                    }
                }
                free(row->new_datum);
            }
        } else {
            idl_datum_array_destroy(row->new_datum, class);
        }
    }
    idl_datum_array_destroy(row->old_datum, class);
    free(row->prereqs);
    free(row->written);
    free(row->updated);
    if (!ovs_list_is_empty(&row->track_node)) {
        ovs_list_remove(&row->track_node);
    }
    if (!ovs_list_is_empty(&row->deleted_node)) {
        ovs_list_remove(&row->deleted_node);
    }
    free(row);
}

/* Arcs. */

/* Removes the arcs from 'row' to other rows.  If 'destroy_dsts', frees the
 * orphans that no arc refers to any longer. */
static void
idl_row_clear_arcs(struct ovsdb_idl_row *row, bool destroy_dsts)
{
    struct ovsdb_idl_arc *arc;

    LIST_FOR_EACH_SAFE (arc, src_node, &row->src_arcs) {
        struct ovsdb_idl_row *dst = arc->dst;

        ovs_list_remove(&arc->src_node);
        ovs_list_remove(&arc->dst_node);
        free(arc);

        if (destroy_dsts && idl_row_is_orphan(dst) && !dst->deleted
            && ovs_list_is_empty(&dst->dst_arcs)) {
            hmap_remove(&dst->table->rows, &dst->hmap_node);
            idl_row_free(dst);
        }
    }
}

struct ovsdb_idl_row *
ovsdb_idl_get_row_arc(struct ovsdb_idl_row *src,
                      const struct ovsdb_idl_table_class *dst_table_class,
                      const struct uuid *dst_uuid)
{
    struct ovsdb_idl_db *db = src->table->db;
    struct ovsdb_idl_table *dst_table = idl_db_table_from_class(
        db, dst_table_class);
    struct ovsdb_idl_row *dst = idl_get_row(dst_table, dst_uuid);

    if (src->is_index_row || (db == &db->idl->data && db->idl->txn)) {
        /* Within a transaction the arcs stay as the committed data has
         * them: the transaction is undone before any update arrives. */
        return dst && idl_row_exists(dst) ? dst : NULL;
    }

    if (!dst) {
        dst = idl_row_create(dst_table, dst_uuid);
    }

    /* Skip a duplicate of the arc added just before. */
    if (ovs_list_is_empty(&src->src_arcs)
        || CONTAINER_OF(ovs_list_back(&src->src_arcs),
                        struct ovsdb_idl_arc, src_node)->dst != dst) {
        struct ovsdb_idl_arc *arc = xmalloc(sizeof *arc);

        ovs_list_push_back(&src->src_arcs, &arc->src_node);
        ovs_list_push_back(&dst->dst_arcs, &arc->dst_node);
        arc->src = src;
        arc->dst = dst;
    }
    return idl_row_is_orphan(dst) ? NULL : dst;
}

/* Parses again every row that refers to 'row', whose existence changed. */
static void
idl_row_reparse_backrefs(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_row **srcs = NULL;
    size_t n = 0, allocated = 0;
    struct ovsdb_idl_arc *arc;

    LIST_FOR_EACH (arc, dst_node, &row->dst_arcs) {
        if (n && srcs[n - 1] == arc->src) {
            continue;
        }
        if (n >= allocated) {
            srcs = x2nrealloc(srcs, &allocated, sizeof *srcs);
        }
        srcs[n++] = arc->src;
    }

    for (size_t i = 0; i < n; i++) {
        struct ovsdb_idl_row *src = srcs[i];

        if (i && srcs[i - 1] == src) {
            continue;
        }
        idl_row_unparse(src);
        idl_row_clear_arcs(src, true);
        idl_row_parse(src);
    }
    free(srcs);
}

/* Databases and tables. */

static void
idl_db_init(struct ovsdb_idl_db *db, struct ovsdb_idl *idl,
            const struct ovsdb_idl_class *class,
            bool monitor_everything_by_default)
{
    unsigned char default_mode = (monitor_everything_by_default
                                  ? OVSDB_IDL_MONITOR | OVSDB_IDL_ALERT
                                  : 0);

    memset(db, 0, sizeof *db);
    db->idl = idl;
    db->class_ = class;
    db->tables = xcalloc(MAX(1, class->n_tables), sizeof *db->tables);
    shash_init(&db->table_by_name);
    shash_init(&db->server_schema);
    db->method = IDL_MONITOR_COND_SINCE;
    ovs_list_init(&db->deleted_rows);
    db->monitor_id = json_pack("[ss]", "monid", class->database);

    for (size_t i = 0; i < class->n_tables; i++) {
        const struct ovsdb_idl_table_class *tc = &class->tables[i];
        struct ovsdb_idl_table *table = &db->tables[i];

        shash_add_assert(&db->table_by_name, tc->name, table);
        table->class_ = tc;
        table->modes = xmalloc(MAX(1, tc->n_columns));
        memset(table->modes, default_mode, tc->n_columns);
        table->need_table = false;
        shash_init(&table->columns);
        for (size_t j = 0; j < tc->n_columns; j++) {
            shash_add_assert(&table->columns, tc->columns[j].name,
                             &tc->columns[j]);
        }
        hmap_init(&table->rows);
        table->db = db;
        ovs_list_init(&table->indexes);
        ovs_list_init(&table->track_list);
        ovsdb_idl_condition_init(&table->condition);
        ovsdb_idl_condition_add_clause_true(&table->condition);
        table->cond_changed = false;
    }
}

static void
idl_db_forget_server_schema(struct ovsdb_idl_db *db)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &db->server_schema) {
        sset_destroy(node->data);
        free(node->data);
    }
    shash_clear(&db->server_schema);
    db->has_server_schema = false;
    for (size_t i = 0; i < db->class_->n_tables; i++) {
        db->tables[i].in_server_schema = false;
    }
}

static void
idl_db_destroy(struct ovsdb_idl_db *db)
{
    idl_db_clear(db);
    idl_db_free_deleted_rows(db);
    for (size_t i = 0; i < db->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &db->tables[i];
        struct ovsdb_idl_index *index;

        LIST_FOR_EACH_POP (index, node, &table->indexes) {
            skiplist_destroy(index->skiplist, NULL);
            free(index->columns);
            free(index);
        }
        ovsdb_idl_condition_destroy(&table->condition);
        shash_destroy(&table->columns);
        hmap_destroy(&table->rows);
        free(table->modes);
    }
    idl_db_forget_server_schema(db);
    shash_destroy(&db->server_schema);
    shash_destroy(&db->table_by_name);
    free(db->tables);
    json_decref(db->monitor_id);
    json_decref(db->cond_request_id);
}

static struct ovsdb_idl_table *
idl_db_table_from_class(const struct ovsdb_idl_db *db,
                        const struct ovsdb_idl_table_class *tc)
{
    ptrdiff_t idx = tc - db->class_->tables;

    ovs_assert(idx >= 0 && idx < db->class_->n_tables);
    return &db->tables[idx];
}

static struct ovsdb_idl_table *
idl_table_from_column(const struct ovsdb_idl_db *db,
                      const struct ovsdb_idl_column *column)
{
    const struct ovsdb_idl_table_class *tc
        = ovsdb_idl_table_class_from_column(db->class_, column);

    return idl_db_table_from_class(db, tc);
}

static bool
idl_db_is_tracked(const struct ovsdb_idl_db *db)
{
    for (size_t i = 0; i < db->class_->n_tables; i++) {
        if (ovsdb_idl_track_is_set(&db->tables[i])) {
            return true;
        }
    }
    return false;
}

/* Frees the rows that the server deleted and that were kept for
 * tracking. */
static void
idl_db_free_deleted_rows(struct ovsdb_idl_db *db)
{
    struct ovsdb_idl_row *row;

    LIST_FOR_EACH_POP (row, deleted_node, &db->deleted_rows) {
        ovs_list_init(&row->deleted_node);
        idl_row_free(row);
    }
}

/* Marks 'row' as changed by 'change' at the next sequence number, and adds
 * it to its table's tracking list if its table is tracked. */
static void
idl_row_note_change(struct ovsdb_idl_row *row, enum ovsdb_idl_change change)
{
    struct ovsdb_idl_table *table = row->table;
    unsigned int seqno = table->db->change_seqno + 1;

    row->change_seqno[change] = table->change_seqno[change] = seqno;
    if (ovsdb_idl_track_is_set(table)
        && ovs_list_is_empty(&row->track_node)) {
        ovs_list_push_back(&table->track_list, &row->track_node);
    }
}

/* Takes 'row', which the server deleted, out of the replica: the rows that
 * refer to it lose their references, and it moves to the deleted list,
 * still readable, until it is freed. */
static void
idl_row_delete(struct ovsdb_idl_row *row)
{
    idl_remove_from_indexes(row);
    idl_row_clear_arcs(row, true);
    hmap_remove(&row->table->rows, &row->hmap_node);
    row->deleted = true;
    idl_row_reparse_backrefs(row);
    idl_row_note_change(row, OVSDB_IDL_CHANGE_DELETE);
    ovs_list_push_back(&row->table->db->deleted_rows, &row->deleted_node);
}

/* Empties the replica of 'db' (all rows count as deleted). */
static void
idl_db_clear(struct ovsdb_idl_db *db)
{
    bool changed = false;

    /* First drop every arc, so that no row needs parsing again. */
    for (size_t i = 0; i < db->class_->n_tables; i++) {
        struct ovsdb_idl_row *row;

        HMAP_FOR_EACH (row, hmap_node, &db->tables[i].rows) {
            idl_row_clear_arcs(row, false);
        }
    }

    for (size_t i = 0; i < db->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &db->tables[i];
        struct ovsdb_idl_row *row;

        HMAP_FOR_EACH_SAFE (row, hmap_node, &table->rows) {
            if (idl_row_is_orphan(row)) {
                hmap_remove(&table->rows, &row->hmap_node);
                idl_row_free(row);
            } else {
                idl_remove_from_indexes(row);
                hmap_remove(&table->rows, &row->hmap_node);
                row->deleted = true;
                idl_row_note_change(row, OVSDB_IDL_CHANGE_DELETE);
                ovs_list_push_back(&db->deleted_rows, &row->deleted_node);
                changed = true;
            }
        }
    }
    if (changed) {
        db->change_seqno++;
    }
}

/* Records the tables and columns that the server's 'schema' has.  Returns
 * false if 'schema' is not a schema. */
static bool
idl_db_set_server_schema(struct ovsdb_idl_db *db, const json_t *schema)
{
    const json_t *tables = json_object_get(schema, "tables");
    const char *table_name;
    json_t *table_json;

    if (!json_is_object(tables)) {
        return false;
    }

    idl_db_forget_server_schema(db);
    json_object_foreach (CONST_CAST(json_t *, tables), table_name,
                         table_json) {
        const json_t *columns = json_object_get(table_json, "columns");
        struct sset *set = xmalloc(sizeof *set);
        const char *column_name;
        json_t *column_json;

        sset_init(set);
        if (json_is_object(columns)) {
            json_object_foreach (CONST_CAST(json_t *, columns), column_name,
                                 column_json) {
                sset_add(set, column_name);
            }
        }
        shash_add(&db->server_schema, table_name, set);
    }
    db->has_server_schema = true;
    for (size_t i = 0; i < db->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &db->tables[i];

        table->in_server_schema = shash_find(&db->server_schema,
                                             table->class_->name) != NULL;
    }
    return true;
}

/* Returns true if the server's schema has 'column' of 'table'. */
static bool
idl_db_server_has_column(const struct ovsdb_idl_db *db,
                         const struct ovsdb_idl_table *table,
                         const struct ovsdb_idl_column *column)
{
    const struct sset *set = shash_find_data(&db->server_schema,
                                             table->class_->name);

    return set && sset_contains(set, column->name);
}

/* Returns the monitor requests for 'db' for 'method'. */
static json_t *
idl_db_compose_monitor_requests(struct ovsdb_idl_db *db,
                                enum idl_monitor_method method)
{
    json_t *requests = json_object();

    for (size_t i = 0; i < db->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &db->tables[i];
        const struct ovsdb_idl_table_class *tc = table->class_;
        json_t *columns = json_array();
        bool wanted = table->need_table;

        for (size_t j = 0; j < tc->n_columns; j++) {
            const struct ovsdb_idl_column *column = &tc->columns[j];

            if (!(table->modes[j] & OVSDB_IDL_MONITOR)
                || column->is_synthetic) {
                continue;
            }
            wanted = true;
            if (!table->in_server_schema) {
                continue;
            }
            if (!idl_db_server_has_column(db, table, column)) {
                VLOG_WARN("%s table in %s database lacks %s column "
                          "(database needs upgrade?)",
                          tc->name, db->class_->database, column->name);
                continue;
            }
            json_array_append_new(columns, json_string(column->name));
        }

        if (!wanted) {
            json_decref(columns);
            continue;
        }
        if (!table->in_server_schema) {
            VLOG_WARN("%s database lacks %s table "
                      "(database needs upgrade?)",
                      db->class_->database, tc->name);
            json_decref(columns);
            continue;
        }

        json_t *request = json_object();
        json_object_set_new(request, "columns", columns);
        if (method != IDL_MONITOR && !table->condition.is_true) {
            json_object_set_new(request, "where",
                                idl_condition_to_json(&table->condition));
        }
        table->cond_changed = false;
        json_object_set_new(requests, tc->name,
                            method == IDL_MONITOR
                            ? request : json_pack("[o]", request));
    }
    return requests;
}

/* Applying updates from the server. */

enum idl_update_format {
    IDL_UPDATE1,                /* "monitor": {"old": ..., "new": ...}. */
    IDL_UPDATE2,                /* "monitor_cond": {"modify": diff}... */
};

/* How idl_row_update() interprets the columns it gets. */
enum idl_row_update_mode {
    IDL_ROW_REPLACE,            /* New values. */
    IDL_ROW_APPLY_DIFF,         /* update2 "modify" diffs. */
};

/* Sets the columns of 'row' (whose old_datum exists) from 'row_json'.
 * Returns true if an alerting column changed.  Records changes to tracked
 * columns in the row's 'updated' bitmap if 'track_updates'. */
static bool
idl_row_update(struct ovsdb_idl_row *row, const json_t *row_json,
               enum idl_row_update_mode mode, bool track_updates)
{
    struct ovsdb_idl_table *table = row->table;
    const struct ovsdb_idl_table_class *class = table->class_;
    bool changed = false;
    const char *column_name;
    json_t *value;

    json_object_foreach (CONST_CAST(json_t *, row_json), column_name,
                         value) {
        const struct ovsdb_idl_column *column
            = shash_find_data(&table->columns, column_name);
        struct ovsdb_error *error;
        struct ovsdb_datum datum;

        if (!column) {
            VLOG_WARN_RL(&rl, "unknown column %s in update to row "UUID_FMT
                         " of table %s", column_name, UUID_ARGS(&row->uuid),
                         class->name);
            continue;
        }
        size_t idx = column - class->columns;

        if (mode == IDL_ROW_APPLY_DIFF
            && ovsdb_type_is_composite(&column->type)) {
            struct ovsdb_type relaxed = column->type;
            struct ovsdb_datum diff;

            relaxed.n_min = 0;
            relaxed.n_max = UINT_MAX;
            error = ovsdb_datum_from_json(&diff, &relaxed, value, NULL);
            if (!error) {
                error = ovsdb_datum_apply_diff(&datum, &row->old_datum[idx],
                                               &diff, &column->type);
                ovsdb_datum_destroy(&diff, &column->type);
            }
        } else {
            error = ovsdb_datum_from_json(&datum, &column->type, value,
                                          NULL);
        }
        if (error) {
            char *s = ovsdb_error_to_string_free(error);
            VLOG_WARN_RL(&rl, "error parsing column %s in row "UUID_FMT
                         " of table %s: %s", column_name,
                         UUID_ARGS(&row->uuid), class->name, s);
            free(s);
            continue;
        }

        if (!ovsdb_datum_equals(&row->old_datum[idx], &datum,
                                &column->type)) {
            ovsdb_datum_swap(&row->old_datum[idx], &datum);
            if (table->modes[idx] & OVSDB_IDL_ALERT) {
                changed = true;
            }
            if (track_updates && table->modes[idx] & OVSDB_IDL_TRACK) {
                if (!row->updated) {
                    row->updated = idl_bitmap_alloc(class->n_columns);
                }
                idl_bitmap_set1(row->updated, idx);
            }
        }
        ovsdb_datum_destroy(&datum, &column->type);
    }
    return changed;
}

/* Inserts the row with 'uuid' and contents 'row_json' into 'table'. */
/* Rows inserted by one update, not yet parsed: see idl_insert_finish(). */
struct idl_inserted {
    struct ovsdb_idl_row **rows; /* The rows. */
    size_t n;                   /* Number of 'rows'. */
    size_t allocated;           /* Allocated elements of 'rows'. */
    struct ovsdb_idl_row **filled; /* Those of 'rows' that were orphans
                                    * (other rows referred to them). */
    size_t n_filled;            /* Number of 'filled'. */
    size_t allocated_filled;    /* Allocated elements of 'filled'. */
};

static bool
idl_process_insert(struct ovsdb_idl_table *table, const struct uuid *uuid,
                   const json_t *row_json, struct idl_inserted *inserted)
{
    struct ovsdb_idl_row *row = idl_get_row(table, uuid);

    if (row && !idl_row_is_orphan(row)) {
        VLOG_WARN_RL(&rl, "cannot add existing row "UUID_FMT" to table %s",
                     UUID_ARGS(uuid), table->class_->name);
        return false;
    }
    bool was_orphan = row != NULL;
    if (!row) {
        row = idl_row_create(table, uuid);
    }
    row->old_datum = row->new_datum = idl_datum_array_create(table->class_);
    idl_row_update(row, row_json, IDL_ROW_REPLACE, false);
    if (was_orphan) {
        /* Rows referred to it before it existed: now they can, once they
         * are parsed again.  That waits for the end of the update too, so
         * that a row referring to many of the rows inserted (a bridge to
         * its ports, which may come first) is parsed again once, not once
         * per row. */
        if (inserted->n_filled >= inserted->allocated_filled) {
            inserted->filled = x2nrealloc(inserted->filled,
                                          &inserted->allocated_filled,
                                          sizeof *inserted->filled);
        }
        inserted->filled[inserted->n_filled++] = row;
    }

    /* Parsing waits until every row of the update is in: a database's
     * initial contents come table by table, and the rows of one table (say,
     * ports) refer to rows of the next (their interfaces), which would
     * otherwise be missing at first and the referring rows parsed twice. */
    if (inserted->n >= inserted->allocated) {
        inserted->rows = x2nrealloc(inserted->rows, &inserted->allocated,
                                    sizeof *inserted->rows);
    }
    inserted->rows[inserted->n++] = row;
    return true;
}

/* Completes the insertion of the rows in 'inserted', now that the whole
 * update is in the replica, and frees 'inserted''s array. */
static void
idl_insert_finish(struct idl_inserted *inserted)
{
    for (size_t i = 0; i < inserted->n; i++) {
        struct ovsdb_idl_row *row = inserted->rows[i];

        idl_row_parse(row);
        idl_add_to_indexes(row);
        idl_row_note_change(row, OVSDB_IDL_CHANGE_INSERT);
    }
    free(inserted->rows);

    /* Parses again, once each, the rows that refer to the rows in
     * 'filled' (see idl_row_reparse_backrefs()). */
    if (inserted->n_filled) {
        struct idl_src_node {
            struct hmap_node hmap_node; /* In 'srcs', by pointer hash. */
            struct ovsdb_idl_row *src;  /* A referring row. */
        } *node;
        struct hmap srcs = HMAP_INITIALIZER(&srcs);

        for (size_t i = 0; i < inserted->n_filled; i++) {
            struct ovsdb_idl_arc *arc;

            LIST_FOR_EACH (arc, dst_node, &inserted->filled[i]->dst_arcs) {
                uint32_t hash = hash_pointer(arc->src, 0);
                bool found = false;

                HMAP_FOR_EACH_WITH_HASH (node, hmap_node, hash, &srcs) {
                    if (node->src == arc->src) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    node = xmalloc(sizeof *node);
                    node->src = arc->src;
                    hmap_insert(&srcs, &node->hmap_node, hash);
                }
            }
        }
        HMAP_FOR_EACH_POP (node, hmap_node, &srcs) {
            idl_row_unparse(node->src);
            idl_row_clear_arcs(node->src, true);
            idl_row_parse(node->src);
            free(node);
        }
        hmap_destroy(&srcs);
    }
    free(inserted->filled);
}

/* Modifies the row with 'uuid' in 'table' according to 'row_json'. */
static bool
idl_process_modify(struct ovsdb_idl_table *table, const struct uuid *uuid,
                   const json_t *row_json, enum idl_row_update_mode mode)
{
    struct ovsdb_idl_row *row = idl_get_row(table, uuid);

    if (!row || idl_row_is_orphan(row)) {
        VLOG_WARN_RL(&rl, "cannot modify missing row "UUID_FMT" in table %s",
                     UUID_ARGS(uuid), table->class_->name);
        return false;
    }

    idl_remove_from_indexes(row);
    idl_row_unparse(row);
    idl_row_clear_arcs(row, true);
    bool changed = idl_row_update(row, row_json, mode, true);
    idl_row_parse(row);
    idl_add_to_indexes(row);
    if (changed) {
        idl_row_note_change(row, OVSDB_IDL_CHANGE_MODIFY);
    } else if (row->updated && ovsdb_idl_track_is_set(table)
               && ovs_list_is_empty(&row->track_node)) {
        ovs_list_push_back(&table->track_list, &row->track_node);
    }
    return changed;
}

/* Deletes the row with 'uuid' from 'table'. */
static bool
idl_process_delete(struct ovsdb_idl_table *table, const struct uuid *uuid)
{
    struct ovsdb_idl_row *row = idl_get_row(table, uuid);

    if (!row || idl_row_is_orphan(row)) {
        VLOG_WARN_RL(&rl, "cannot delete missing row "UUID_FMT" from table "
                     "%s", UUID_ARGS(uuid), table->class_->name);
        return false;
    }
    idl_row_delete(row);
    return true;
}

/* Applies 'table_updates' (in 'format') to 'db'.  Increments the change
 * sequence number if anything visible changed.  Returns an error if the
 * updates are malformed (those before the problem are applied). */
static struct ovsdb_error *
idl_db_apply_updates(struct ovsdb_idl_db *db, const json_t *table_updates,
                     enum idl_update_format format)
{
    struct idl_inserted inserted = { .rows = NULL };
    struct ovsdb_error *error = NULL;
    bool changed = false;
    const char *table_name;
    json_t *table_update;

    if (!json_is_object(table_updates)) {
        return ovsdb_syntax_error(table_updates, NULL,
                                  "<table-updates> is not an object");
    }

    json_object_foreach (CONST_CAST(json_t *, table_updates), table_name,
                         table_update) {
        struct ovsdb_idl_table *table = shash_find_data(&db->table_by_name,
                                                        table_name);
        const char *uuid_string;
        json_t *row_update;

        if (!table) {
            error = ovsdb_syntax_error(table_updates, NULL,
                                       "<table-updates> includes unknown "
                                       "table \"%s\"", table_name);
            break;
        }
        if (!json_is_object(table_update)) {
            error = ovsdb_syntax_error(table_update, NULL,
                                       "<table-update> for table \"%s\" is "
                                       "not an object", table_name);
            break;
        }

        json_object_foreach (table_update, uuid_string, row_update) {
            struct uuid uuid;

            if (!uuid_from_string(&uuid, uuid_string)) {
                error = ovsdb_syntax_error(table_update, NULL,
                                           "<table-update> for table \"%s\" "
                                           "contains bad UUID \"%s\" as "
                                           "member name",
                                           table_name, uuid_string);
                goto done;
            }
            if (!json_is_object(row_update)) {
                error = ovsdb_syntax_error(row_update, NULL,
                                           "<table-update> for table \"%s\" "
                                           "contains <row-update> for %s "
                                           "that is not an object",
                                           table_name, uuid_string);
                goto done;
            }

            if (format == IDL_UPDATE2) {
                const char *op;
                json_t *row;

                if (json_object_size(row_update) != 1) {
                    error = ovsdb_syntax_error(row_update, NULL,
                                               "<row-update2> must have "
                                               "exactly one member");
                    goto done;
                }
                json_object_foreach (row_update, op, row) {
                    if (!strcmp(op, "delete")) {
                        changed |= idl_process_delete(table, &uuid);
                    } else if (!json_is_object(row)) {
                        error = ovsdb_syntax_error(row, NULL,
                                                   "\"%s\" is not an object",
                                                   op);
                        goto done;
                    } else if (!strcmp(op, "initial")
                               || !strcmp(op, "insert")) {
                        changed |= idl_process_insert(table, &uuid, row,
                                                      &inserted);
                    } else if (!strcmp(op, "modify")) {
                        changed |= idl_process_modify(table, &uuid, row,
                                                      IDL_ROW_APPLY_DIFF);
                    } else {
                        error = ovsdb_syntax_error(row_update, NULL,
                                                   "unknown <row-update2> "
                                                   "member \"%s\"", op);
                        goto done;
                    }
                }
            } else {
                const json_t *old = json_object_get(row_update, "old");
                const json_t *new = json_object_get(row_update, "new");

                if ((old && !json_is_object(old))
                    || (new && !json_is_object(new)) || (!old && !new)) {
                    error = ovsdb_syntax_error(row_update, NULL,
                                               "bad <row-update>");
                    goto done;
                }
                if (!new) {
                    changed |= idl_process_delete(table, &uuid);
                } else if (!old) {
                    changed |= idl_process_insert(table, &uuid, new,
                                                  &inserted);
                } else {
                    changed |= idl_process_modify(table, &uuid, new,
                                                  IDL_ROW_REPLACE);
                }
            }
        }
    }

done:
    idl_insert_finish(&inserted);
    if (changed) {
        db->change_seqno++;
    }
    return error;
}

/* Logs 'error' (which this frees) in processing an update for 'db' and
 * arranges to start over. */
static void
idl_db_update_error(struct ovsdb_idl_db *db, struct ovsdb_error *error)
{
    char *s = ovsdb_error_to_string_free(error);

    VLOG_WARN_RL(&rl, "%s: error parsing update for %s database: %s",
                 db->idl->remote ? db->idl->remote : "(none)",
                 db->class_->database, s);
    free(s);

    /* The replica may have missed something: reload it from scratch. */
    uuid_zero(&db->last_id);
    if (db->idl->session) {
        jsonrpc_session_force_reconnect(db->idl->session);
    }
}

/* The connection. */

/* Sends a request for 'method' with 'params' (which this takes) and returns
 * its id, or NULL if it could not be sent. */
static json_t *
idl_send_request(struct ovsdb_idl *idl, const char *method, json_t *params)
{
    json_t *id;
    struct jsonrpc_msg *request = jsonrpc_create_request(method, params, &id);

    if (jsonrpc_session_send(idl->session, request)) {
        json_decref(id);
        return NULL;
    }
    return id;
}

/* Moves to 'state' by sending the request that it waits for. */
static void
idl_send_fsm_request(struct ovsdb_idl *idl, enum idl_state state,
                     const char *method, json_t *params)
{
    json_decref(idl->request_id);
    idl->state = state;
    idl->request_id = idl_send_request(idl, method, params);
}

/* Gives up on the current connection: a retrying session tries again
 * later, otherwise the IDL is dead. */
static void
idl_fail(struct ovsdb_idl *idl)
{
    idl->state = IDL_S_ERROR;
    json_decref(idl->request_id);
    idl->request_id = NULL;
    if (idl->retry) {
        jsonrpc_session_force_reconnect(idl->session);
    } else {
        idl->gave_up = true;
    }
}

static void
idl_send_data_schema_request(struct ovsdb_idl *idl)
{
    idl_send_fsm_request(idl, IDL_S_DATA_SCHEMA_REQUESTED, "get_schema",
                         json_pack("[s]", idl->data.class_->database));
}

static void
idl_send_server_schema_request(struct ovsdb_idl *idl)
{
    idl_send_fsm_request(idl, IDL_S_SERVER_SCHEMA_REQUESTED, "get_schema",
                         json_pack("[s]", "_Server"));
}

/* Snapshots the condition bookkeeping of 'db' when a monitor request that
 * carries every table's current condition goes out. */
static int
idl_db_take_cond_acks(struct ovsdb_idl_db *db)
{
    int acks = (db->cond_request_id ? 1 : 0) + (db->cond_changed ? 1 : 0);

    json_decref(db->cond_request_id);
    db->cond_request_id = NULL;
    db->cond_changed = false;
    return acks;
}

static void
idl_send_data_monitor_request(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_db *db = &idl->data;
    json_t *requests = idl_db_compose_monitor_requests(db, db->method);
    int acks = idl_db_take_cond_acks(db);

    if (acks) {
        /* What the server remembers for us matched other conditions. */
        uuid_zero(&db->last_id);
    }
    db->pending_cond_acks += acks;

    switch (db->method) {
    case IDL_MONITOR_COND_SINCE: {
        char last_id[UUID_LEN + 1];

        snprintf(last_id, sizeof last_id, UUID_FMT, UUID_ARGS(&db->last_id));
        idl_send_fsm_request(idl, IDL_S_DATA_MONITOR_COND_SINCE_REQUESTED,
                             "monitor_cond_since",
                             json_pack("[sOos]", db->class_->database,
                                       db->monitor_id, requests, last_id));
        break;
    }
    case IDL_MONITOR_COND:
        idl_send_fsm_request(idl, IDL_S_DATA_MONITOR_COND_REQUESTED,
                             "monitor_cond",
                             json_pack("[sOo]", db->class_->database,
                                       db->monitor_id, requests));
        break;
    case IDL_MONITOR:
        idl_send_fsm_request(idl, IDL_S_DATA_MONITOR_REQUESTED, "monitor",
                             json_pack("[sOo]", db->class_->database,
                                       db->monitor_id, requests));
        break;
    default:
        OVS_NOT_REACHED();
    }
}

static void
idl_send_server_monitor_request(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_db *db = &idl->server;
    json_t *requests = idl_db_compose_monitor_requests(db, IDL_MONITOR_COND);

    idl_send_fsm_request(idl, IDL_S_SERVER_MONITOR_REQUESTED, "monitor_cond",
                         json_pack("[sOo]", db->class_->database,
                                   db->monitor_id, requests));
}

/* Returns the row of the _Server database's Database table that describes
 * our database, or NULL. */
static const struct ovsdb_idl_row *
idl_server_db_row(const struct ovsdb_idl *idl)
{
    const struct ovsdb_idl_table *table = &idl->server.tables[0];
    const struct ovsdb_idl_row *row;

    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        const struct ovsdb_datum *name;

        if (idl_row_is_orphan(row)) {
            continue;
        }
        name = &row->old_datum[SERVER_COL_NAME];
        if (name->n == 1
            && !strcmp(name->keys[0].string, idl->data.class_->database)) {
            return row;
        }
    }
    return NULL;
}

/* Checks what the _Server database says about our database.  Returns true
 * if this server will do, otherwise arranges to try another and returns
 * false. */
static bool
idl_check_server_db(struct ovsdb_idl *idl)
{
    const struct ovsdb_idl_row *row = idl_server_db_row(idl);
    const char *remote = jsonrpc_session_get_name(idl->session);

    if (!row) {
        VLOG_INFO("%s: server does not have %s database",
                  remote, idl->data.class_->database);
        idl_fail(idl);
        return false;
    }

    const struct ovsdb_datum *model = &row->old_datum[SERVER_COL_MODEL];
    if (model->n == 1 && !strcmp(model->keys[0].string, "clustered")) {
        const struct ovsdb_datum *connected
            = &row->old_datum[SERVER_COL_CONNECTED];
        const struct ovsdb_datum *leader = &row->old_datum[SERVER_COL_LEADER];
        const struct ovsdb_datum *index = &row->old_datum[SERVER_COL_INDEX];
        const char *problem = NULL;

        if (connected->n == 1 && !connected->keys[0].boolean) {
            problem = "is disconnected from cluster";
        } else if (idl->leader_only && leader->n == 1
                   && !leader->keys[0].boolean) {
            problem = "is not cluster leader";
        } else if (index->n == 1 && index->keys[0].integer >= 0
                   && (uint64_t) index->keys[0].integer < idl->min_index) {
            problem = "has stale data";
        }
        if (problem) {
            VLOG_INFO("%s: clustered database server %s; trying another "
                      "server", remote, problem);
            idl->state = IDL_S_ERROR;
            jsonrpc_session_force_reconnect(idl->session);
            return false;
        }
        if (index->n == 1 && index->keys[0].integer >= 0) {
            idl->min_index = index->keys[0].integer;
        }
    }
    return true;
}

/* With the _Server monitor in place, goes on to our own database. */
static void
idl_start_data(struct ovsdb_idl *idl)
{
    const struct ovsdb_idl_row *row = idl_server_db_row(idl);
    const struct ovsdb_datum *schema = (row
                                        ? &row->old_datum[SERVER_COL_SCHEMA]
                                        : NULL);

    if (schema && schema->n == 1) {
        json_t *json = json_from_string(schema->keys[0].string);
        bool ok = json && idl_db_set_server_schema(&idl->data, json);

        json_decref(json);
        if (ok) {
            idl_send_data_monitor_request(idl);
            return;
        }
    }
    idl_send_data_schema_request(idl);
}

/* Handles the reply to a data monitor request of 'method'. */
static void
idl_handle_data_monitor_reply(struct ovsdb_idl *idl, const json_t *result,
                              enum idl_monitor_method method)
{
    struct ovsdb_idl_db *db = &idl->data;
    const json_t *updates = result;
    struct ovsdb_error *error;
    struct uuid last_id;
    bool found = false;

    if (method == IDL_MONITOR_COND_SINCE) {
        if (!json_is_array(result) || json_array_size(result) != 3
            || !json_is_boolean(json_array_get(result, 0))
            || !json_is_string(json_array_get(result, 1))
            || !uuid_from_string(&last_id, json_string_value(
                                     json_array_get(result, 1)))) {
            idl_db_update_error(db, ovsdb_syntax_error(
                                    result, NULL, "bad monitor_cond_since "
                                    "reply"));
            return;
        }
        found = json_is_true(json_array_get(result, 0));
        updates = json_array_get(result, 2);
    }

    if (!found) {
        idl_db_clear(db);
    }
    error = idl_db_apply_updates(db, updates, (method == IDL_MONITOR
                                               ? IDL_UPDATE1 : IDL_UPDATE2));
    if (error) {
        idl_db_update_error(db, error);
        return;
    }
    if (method == IDL_MONITOR_COND_SINCE) {
        db->last_id = last_id;
    }
    db->monitoring = true;
    idl->state = IDL_S_MONITORING;
    db->cond_seqno += db->pending_cond_acks;
    db->pending_cond_acks = 0;
    db->change_seqno++;
}

/* Handles the reply to the request that 'idl->state' waits for. */
static void
idl_handle_fsm_reply(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    bool ok = msg->type == JSONRPC_REPLY;
    struct ovsdb_idl_db *db = &idl->data;
    struct ovsdb_error *error;

    json_decref(idl->request_id);
    idl->request_id = NULL;

    switch (idl->state) {
    case IDL_S_SERVER_SCHEMA_REQUESTED:
        if (ok && idl_db_set_server_schema(&idl->server, msg->result)
            && idl->server.tables[0].in_server_schema) {
            idl_send_server_monitor_request(idl);
        } else {
            /* An old server, without the _Server database. */
            idl->server_unsupported = true;
            idl_send_data_schema_request(idl);
        }
        break;

    case IDL_S_SERVER_MONITOR_REQUESTED:
        if (!ok) {
            idl->server_unsupported = true;
            idl_send_data_schema_request(idl);
            break;
        }
        idl_db_clear(&idl->server);
        error = idl_db_apply_updates(&idl->server, msg->result,
                                     IDL_UPDATE2);
        if (error) {
            idl_db_update_error(&idl->server, error);
            break;
        }
        idl->server.monitoring = true;

        /* Ask to hear about schema changes instead of being
         * disconnected by them. */
        json_decref(idl_send_request(idl, "set_db_change_aware",
                                     json_pack("[b]", 1)));
        if (idl_check_server_db(idl)) {
            idl_start_data(idl);
        }
        break;

    case IDL_S_DATA_SCHEMA_REQUESTED:
        if (ok && idl_db_set_server_schema(db, msg->result)) {
            idl_send_data_monitor_request(idl);
        } else {
            char *s = json_to_string(ok ? msg->result : msg->error, 0);
            VLOG_WARN("%s: error getting schema for %s database: %s",
                      jsonrpc_session_get_name(idl->session),
                      db->class_->database, s);
            free(s);
            idl_fail(idl);
        }
        break;

    case IDL_S_DATA_MONITOR_COND_SINCE_REQUESTED:
    case IDL_S_DATA_MONITOR_COND_REQUESTED:
    case IDL_S_DATA_MONITOR_REQUESTED:
        if (ok) {
            idl_handle_data_monitor_reply(idl, msg->result, db->method);
        } else if (db->method != IDL_MONITOR) {
            /* An older server: fall back to an older method. */
            db->method = (db->method == IDL_MONITOR_COND_SINCE
                          ? IDL_MONITOR_COND : IDL_MONITOR);
            idl_send_data_monitor_request(idl);
        } else {
            char *s = json_to_string(msg->error, 0);
            VLOG_WARN("%s: error monitoring %s database: %s",
                      jsonrpc_session_get_name(idl->session),
                      db->class_->database, s);
            free(s);
            idl_fail(idl);
        }
        break;

    case IDL_S_MONITORING:
    case IDL_S_ERROR:
    default:
        break;
    }
}

/* Locks. */

static void
idl_send_lock_request(struct ovsdb_idl *idl)
{
    json_decref(idl->lock_request_id);
    idl->lock_request_id = idl_send_request(idl, "lock",
                                            json_pack("[s]", idl->lock_name));
}

/* Records whether 'idl' holds its lock. */
static void
idl_update_has_lock(struct ovsdb_idl *idl, bool has_lock)
{
    if (has_lock != idl->has_lock) {
        idl->has_lock = has_lock;
        if (idl->state == IDL_S_MONITORING) {
            /* While setting up a connection, the first contents will
             * change the sequence number anyway. */
            idl->data.change_seqno++;
        }
    }
    if (has_lock) {
        idl->is_lock_contended = false;
    }
}

/* Handles a "locked" or "stolen" notification. */
static void
idl_handle_lock_notify(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg,
                       bool locked)
{
    const json_t *name = (json_is_array(msg->params)
                          ? json_array_get(msg->params, 0) : NULL);

    if (idl->lock_name && json_is_string(name)
        && !strcmp(json_string_value(name), idl->lock_name)) {
        idl_update_has_lock(idl, locked);
        if (!locked) {
            idl->is_lock_contended = true;
        }
    }
}

/* Condition changes. */

/* Sends the conditions that changed since the last request, if the
 * connection allows and none is in flight. */
static void
idl_send_cond_change(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_db *db = &idl->data;

    if (!db->cond_changed || idl->state != IDL_S_MONITORING
        || db->cond_request_id) {
        return;
    }

    json_t *requests = json_object();
    for (size_t i = 0; i < db->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &db->tables[i];

        if (table->cond_changed) {
            table->cond_changed = false;
            if (db->method != IDL_MONITOR && table->in_server_schema) {
                json_t *req = json_pack("{so}", "where",
                                        idl_condition_to_json(
                                            &table->condition));
                json_object_set_new(requests, table->class_->name,
                                    json_pack("[o]", req));
            }
        }
    }
    db->cond_changed = false;

    if (!json_object_size(requests)) {
        /* Nothing to tell the server (or a server that cannot be told):
         * the change is as good as acknowledged. */
        if (db->method == IDL_MONITOR) {
            VLOG_INFO_RL(&rl, "%s: server does not support conditional "
                         "monitoring; replicating whole tables",
                         jsonrpc_session_get_name(idl->session));
        }
        json_decref(requests);
        db->cond_seqno++;
        return;
    }

    db->cond_request_id = idl_send_request(
        idl, "monitor_cond_change",
        json_pack("[OOo]", db->monitor_id, db->monitor_id, requests));
    if (!db->cond_request_id) {
        /* Not connected: the next monitor request will carry it. */
        db->cond_changed = true;
    }
}

/* Handles the reply to a monitor_cond_change request. */
static void
idl_handle_cond_reply(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    struct ovsdb_idl_db *db = &idl->data;

    json_decref(db->cond_request_id);
    db->cond_request_id = NULL;
    if (msg->type == JSONRPC_REPLY) {
        db->cond_seqno++;
    } else {
        char *s = json_to_string(msg->error, 0);
        VLOG_WARN("%s: monitor_cond_change failed: %s",
                  jsonrpc_session_get_name(idl->session), s);
        free(s);

        /* Start over; the new monitor request carries the conditions. */
        db->cond_changed = true;
        jsonrpc_session_force_reconnect(idl->session);
    }
}

/* Messages. */

static struct ovsdb_idl_txn *idl_txn_find(struct ovsdb_idl *, const json_t *);
static void idl_txn_process_reply(struct ovsdb_idl_txn *,
                                  const struct jsonrpc_msg *);

/* Handles an "update", "update2" or "update3" notification. */
static void
idl_handle_update(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    const json_t *params = msg->params;
    bool update3 = !strcmp(msg->method, "update3");
    size_t n = update3 ? 3 : 2;
    struct ovsdb_idl_db *db;
    struct ovsdb_error *error;
    struct uuid last_id;

    if (!json_is_array(params) || json_array_size(params) != n) {
        VLOG_WARN_RL(&rl, "%s: bad %s notification",
                     jsonrpc_session_get_name(idl->session), msg->method);
        return;
    }

    const json_t *id = json_array_get(params, 0);
    if (json_equal(CONST_CAST(json_t *, id), idl->data.monitor_id)) {
        db = &idl->data;
    } else if (json_equal(CONST_CAST(json_t *, id), idl->server.monitor_id)) {
        db = &idl->server;
    } else {
        return;
    }
    if (!db->monitoring) {
        return;
    }
    if (update3) {
        const json_t *s = json_array_get(params, 1);

        if (!json_is_string(s)
            || !uuid_from_string(&last_id, json_string_value(s))) {
            VLOG_WARN_RL(&rl, "%s: bad update3 transaction id",
                         jsonrpc_session_get_name(idl->session));
            return;
        }
    }

    error = idl_db_apply_updates(db, json_array_get(params, n - 1),
                                 (!strcmp(msg->method, "update")
                                  ? IDL_UPDATE1 : IDL_UPDATE2));
    if (error) {
        idl_db_update_error(db, error);
        return;
    }
    if (update3) {
        db->last_id = last_id;
    }
    if (db == &idl->server) {
        idl_check_server_db(idl);
    }
}

/* Handles a "monitor_canceled" notification: the server dropped a monitor
 * (because the database's schema changed or the database went away). */
static void
idl_handle_monitor_canceled(struct ovsdb_idl *idl,
                            const struct jsonrpc_msg *msg)
{
    const json_t *id = (json_is_array(msg->params)
                        ? json_array_get(msg->params, 0) : NULL);

    if (!id) {
        return;
    }
    if (json_equal(CONST_CAST(json_t *, id), idl->data.monitor_id)) {
        VLOG_INFO("%s: %s database monitor canceled by server; "
                  "restarting it", jsonrpc_session_get_name(idl->session),
                  idl->data.class_->database);
        idl->data.monitoring = false;
        uuid_zero(&idl->data.last_id);
        idl->data.method = IDL_MONITOR_COND_SINCE;
        idl_send_data_schema_request(idl);
    } else if (json_equal(CONST_CAST(json_t *, id), idl->server.monitor_id)) {
        jsonrpc_session_force_reconnect(idl->session);
    }
}

static void
idl_process_msg(struct ovsdb_idl *idl, const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR) {
        struct ovsdb_idl_txn *txn;
        json_t *id = msg->id;

        if (!id) {
            return;
        }
        if (idl->request_id && json_equal(id, idl->request_id)) {
            idl_handle_fsm_reply(idl, msg);
        } else if (idl->lock_request_id
                   && json_equal(id, idl->lock_request_id)) {
            json_decref(idl->lock_request_id);
            idl->lock_request_id = NULL;
            if (msg->type == JSONRPC_REPLY) {
                const json_t *locked = json_object_get(msg->result,
                                                       "locked");
                if (json_is_true(locked)) {
                    idl_update_has_lock(idl, true);
                } else {
                    idl->is_lock_contended = true;
                }
            }
        } else if (idl->data.cond_request_id
                   && json_equal(id, idl->data.cond_request_id)) {
            idl_handle_cond_reply(idl, msg);
        } else if ((txn = idl_txn_find(idl, id)) != NULL) {
            idl_txn_process_reply(txn, msg);
        }
        /* Anything else answers a request we do not wait for. */
    } else if (msg->type == JSONRPC_NOTIFY) {
        if (!strcmp(msg->method, "update")
            || !strcmp(msg->method, "update2")
            || !strcmp(msg->method, "update3")) {
            idl_handle_update(idl, msg);
        } else if (!strcmp(msg->method, "locked")) {
            idl_handle_lock_notify(idl, msg, true);
        } else if (!strcmp(msg->method, "stolen")) {
            idl_handle_lock_notify(idl, msg, false);
        } else if (!strcmp(msg->method, "monitor_canceled")) {
            idl_handle_monitor_canceled(idl, msg);
        }
    }
}

/* Starts over on a new connection, or cleans up after losing one. */
static void
idl_restart(struct ovsdb_idl *idl)
{
    idl_txn_abandon_all(idl);

    json_decref(idl->request_id);
    idl->request_id = NULL;
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    idl_update_has_lock(idl, false);
    idl->is_lock_contended = false;
    idl->server.monitoring = idl->data.monitoring = false;
    idl->state = IDL_S_ERROR;

    /* A condition change in flight is lost; the next monitor request
     * carries every condition. */
    if (idl->data.cond_request_id) {
        json_decref(idl->data.cond_request_id);
        idl->data.cond_request_id = NULL;
        idl->data.pending_cond_acks++;
    }

    if (idl->session && jsonrpc_session_is_connected(idl->session)) {
        idl->data.method = IDL_MONITOR_COND_SINCE;
        if (idl->server_unsupported) {
            idl_send_data_schema_request(idl);
        } else {
            idl_send_server_schema_request(idl);
        }
        if (idl->lock_name) {
            idl_send_lock_request(idl);
        }
    }
}

/* Creating, running and destroying. */

struct ovsdb_idl *
ovsdb_idl_create(const char *remote, const struct ovsdb_idl_class *class,
                 bool monitor_everything_by_default, bool retry)
{
    struct ovsdb_idl *idl = ovsdb_idl_create_unconnected(
        class, monitor_everything_by_default);

    ovsdb_idl_set_remote(idl, remote, retry);
    return idl;
}

struct ovsdb_idl *
ovsdb_idl_create_unconnected(const struct ovsdb_idl_class *class,
                             bool monitor_everything_by_default)
{
    struct ovsdb_idl *idl = xzalloc(sizeof *idl);

    idl_db_init(&idl->data, idl, class, monitor_everything_by_default);
    idl_db_init(&idl->server, idl, &server_idl_class, true);

    /* Only our database's row of _Server's Database table matters. */
    struct ovsdb_idl_table *databases = &idl->server.tables[0];
    struct ovsdb_datum name = {
        .n = 1,
        .keys = &(union ovsdb_atom) {
            .string = CONST_CAST(char *, class->database)
        },
    };
    ovsdb_idl_condition_clear(&databases->condition);
    ovsdb_idl_condition_add_clause(&databases->condition, OVSDB_F_EQ,
                                   &server_columns[SERVER_COL_NAME], &name);

    idl->state = IDL_S_ERROR;
    idl->shuffle_remotes = true;
    idl->leader_only = true;
    hmap_init(&idl->outstanding_txns);
    return idl;
}

void
ovsdb_idl_set_remote(struct ovsdb_idl *idl, const char *remote, bool retry)
{
    if (idl->remote && remote && !strcmp(idl->remote, remote)
        && idl->retry == retry) {
        return;
    }

    if (idl->session) {
        jsonrpc_session_close(idl->session);
        idl->session = NULL;
    }
    free(idl->remote);
    idl->remote = nullable_xstrdup(remote);
    idl->retry = retry;
    idl->gave_up = false;
    idl->server_unsupported = false;
    if (remote) {
        struct sset remotes = SSET_INITIALIZER(&remotes);
        char *copy = xstrdup(remote);
        char *save_ptr = NULL;

        for (char *r = strtok_r(copy, ",", &save_ptr); r;
             r = strtok_r(NULL, ",", &save_ptr)) {
            while (*r == ' ') {
                r++;
            }
            if (*r) {
                sset_add(&remotes, r);
            }
        }
        free(copy);

        /* Spread clients over the servers of a cluster, unless told not
         * to. */
        const char **names = sset_sort(&remotes);
        size_t n = sset_count(&remotes);
        if (idl->shuffle_remotes) {
            for (size_t i = n; i > 1; i--) {
                size_t j = random_range(i);
                const char *tmp = names[i - 1];

                names[i - 1] = names[j];
                names[j] = tmp;
            }
        }
        idl->session = jsonrpc_session_open_multiple(names, n, retry);
        free(names);
        sset_destroy(&remotes);
    }
    idl->session_seqno = UINT_MAX;
    idl_restart(idl);
}

void
ovsdb_idl_set_shuffle_remotes(struct ovsdb_idl *idl, bool shuffle)
{
    idl->shuffle_remotes = shuffle;
}

void
ovsdb_idl_set_leader_only(struct ovsdb_idl *idl, bool leader_only)
{
    idl->leader_only = leader_only;
    if (leader_only && idl->server.monitoring) {
        idl_check_server_db(idl);
    }
}

void
ovsdb_idl_reset_min_index(struct ovsdb_idl *idl)
{
    idl->min_index = 0;
}

void
ovsdb_idl_destroy(struct ovsdb_idl *idl)
{
    if (!idl) {
        return;
    }

    ovs_assert(!idl->txn);
    idl_txn_abandon_all(idl);
    hmap_destroy(&idl->outstanding_txns);
    jsonrpc_session_close(idl->session);
    idl_db_destroy(&idl->data);
    idl_db_destroy(&idl->server);
    json_decref(idl->request_id);
    json_decref(idl->lock_request_id);
    free(idl->lock_name);
    free(idl->remote);
    free(idl);
}

void
ovsdb_idl_run(struct ovsdb_idl *idl)
{
    ovs_assert(!idl->txn);

    /* Without tracking, rows that the server deleted stay readable only
     * until the next run. */
    if (!idl_db_is_tracked(&idl->data)) {
        idl_db_free_deleted_rows(&idl->data);
    }
    idl_db_free_deleted_rows(&idl->server);

    if (!idl->session) {
        return;
    }

    jsonrpc_session_run(idl->session);
    for (int i = 0; i < 50; i++) {
        unsigned int seqno = jsonrpc_session_get_seqno(idl->session);
        if (seqno != idl->session_seqno) {
            idl->session_seqno = seqno;
            idl_restart(idl);
        }
        if (!jsonrpc_session_is_connected(idl->session)) {
            break;
        }

        struct jsonrpc_msg *msg = jsonrpc_session_recv(idl->session);
        if (!msg) {
            break;
        }
        idl_process_msg(idl, msg);
        jsonrpc_msg_destroy(msg);
    }
    idl_send_cond_change(idl);
}

void
ovsdb_idl_wait(struct ovsdb_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_wait(idl->session);
        jsonrpc_session_recv_wait(idl->session);
        if (idl->data.cond_changed && idl->state == IDL_S_MONITORING
            && !idl->data.cond_request_id) {
            poll_immediate_wake();
        }
    }
}

void
ovsdb_idl_get_memory_usage(struct ovsdb_idl *idl, struct simap *usage)
{
    const struct ovsdb_idl_db *db = &idl->data;
    unsigned int cells = 0;

    for (size_t i = 0; i < db->class_->n_tables; i++) {
        const struct ovsdb_idl_table *table = &db->tables[i];
        unsigned int n_columns = 0;

        for (size_t j = 0; j < table->class_->n_columns; j++) {
            n_columns += (table->modes[j] & OVSDB_IDL_MONITOR) != 0;
        }
        cells += n_columns * hmap_count(&table->rows);
    }
    simap_increase(usage, "cells", cells);
    if (!hmap_is_empty(&idl->outstanding_txns)) {
        simap_increase(usage, "txns", hmap_count(&idl->outstanding_txns));
    }
}

const struct ovsdb_idl_class *
ovsdb_idl_get_class(const struct ovsdb_idl *idl)
{
    return idl->data.class_;
}

const struct ovsdb_idl_table_class *
ovsdb_idl_table_class_from_column(const struct ovsdb_idl_class *class,
                                  const struct ovsdb_idl_column *column)
{
    for (size_t i = 0; i < class->n_tables; i++) {
        const struct ovsdb_idl_table_class *tc = &class->tables[i];

        if (column >= tc->columns && column < &tc->columns[tc->n_columns]) {
            return tc;
        }
    }
    OVS_NOT_REACHED();
}

bool
ovsdb_idl_server_has_table(const struct ovsdb_idl *idl,
                           const struct ovsdb_idl_table_class *tc)
{
    return idl_db_table_from_class(&idl->data, tc)->in_server_schema;
}

bool
ovsdb_idl_server_has_column(const struct ovsdb_idl *idl,
                            const struct ovsdb_idl_column *column)
{
    const struct ovsdb_idl_table *table = idl_table_from_column(&idl->data,
                                                                column);

    return idl_db_server_has_column(&idl->data, table, column);
}

unsigned int
ovsdb_idl_get_seqno(const struct ovsdb_idl *idl)
{
    return idl->data.change_seqno;
}

bool
ovsdb_idl_has_ever_connected(const struct ovsdb_idl *idl)
{
    return ovsdb_idl_get_seqno(idl) != 0;
}

bool
ovsdb_idl_is_connected(const struct ovsdb_idl *idl)
{
    return idl->session && jsonrpc_session_is_connected(idl->session);
}

bool
ovsdb_idl_is_alive(const struct ovsdb_idl *idl)
{
    return (idl->session && jsonrpc_session_is_alive(idl->session)
            && !idl->gave_up);
}

int
ovsdb_idl_get_last_error(const struct ovsdb_idl *idl)
{
    if (!idl->session) {
        return 0;
    }

    int err = jsonrpc_session_get_last_error(idl->session);
    if (err) {
        return err;
    } else if (idl->gave_up) {
        return ENOENT;
    }
    return 0;
}

void
ovsdb_idl_force_reconnect(struct ovsdb_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_force_reconnect(idl->session);
    }
}

void
ovsdb_idl_enable_reconnect(struct ovsdb_idl *idl)
{
    idl->retry = true;
    if (idl->session) {
        jsonrpc_session_enable_reconnect(idl->session);
    }
}

void
ovsdb_idl_set_probe_interval(const struct ovsdb_idl *idl, int probe_interval)
{
    if (idl->session) {
        jsonrpc_session_set_probe_interval(idl->session, probe_interval);
    }
}

void
ovsdb_idl_verify_write_only(struct ovsdb_idl *idl)
{
    idl->verify_write_only = true;
}

bool
ovsdb_idl_check_consistency(const struct ovsdb_idl *idl)
{
    const struct ovsdb_idl_db *db = &idl->data;
    bool ok = true;

    for (size_t i = 0; i < db->class_->n_tables; i++) {
        const struct ovsdb_idl_table *table = &db->tables[i];
        const struct ovsdb_idl_table_class *tc = table->class_;
        const struct ovsdb_idl_row *row;

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            if (idl_row_is_orphan(row)) {
                continue;
            }
            for (size_t j = 0; j < tc->n_columns; j++) {
                const struct ovsdb_type *type = &tc->columns[j].type;
                const struct ovsdb_datum *datum = idl_row_datum(row, j);
                const struct ovsdb_base_type *bases[2] = { &type->key,
                                                           &type->value };

                for (size_t k = 0; k < 2; k++) {
                    const struct ovsdb_base_type *base = bases[k];
                    const union ovsdb_atom *atoms = (k ? datum->values
                                                     : datum->keys);
                    if (!ovsdb_base_type_is_ref(base) || !atoms) {
                        continue;
                    }
                    struct shash_node *node = shash_find(
                        &db->table_by_name, base->u.uuid.refTableName);
                    if (!node) {
                        continue;
                    }
                    const struct ovsdb_idl_table *dst = node->data;
                    for (size_t n = 0; n < datum->n; n++) {
                        const struct ovsdb_idl_row *d
                            = idl_get_row(dst, &atoms[n].uuid);
                        if (!d || idl_row_is_orphan(d)) {
                            VLOG_INFO("%s row "UUID_FMT" column %s refers "
                                      "to missing %s row "UUID_FMT,
                                      tc->name, UUID_ARGS(&row->uuid),
                                      tc->columns[j].name,
                                      dst->class_->name,
                                      UUID_ARGS(&atoms[n].uuid));
                            ok = false;
                        }
                    }
                }
            }
        }
    }
    return ok;
}

/* Choosing columns and tables. */

static unsigned char *
idl_column_mode(struct ovsdb_idl *idl, const struct ovsdb_idl_column *column)
{
    struct ovsdb_idl_table *table = idl_table_from_column(&idl->data, column);

    return &table->modes[column - table->class_->columns];
}

/* Marks the table that 'base' refers to, if any, as needed: references
 * to its rows resolve only if they are in the replica. */
static void
idl_need_ref_table(struct ovsdb_idl *idl, const struct ovsdb_base_type *base)
{
    if (ovsdb_base_type_is_ref(base)) {
        struct ovsdb_idl_table *table
            = shash_find_data(&idl->data.table_by_name,
                              base->u.uuid.refTableName);
        if (table) {
            table->need_table = true;
        }
    }
}

void
ovsdb_idl_add_column(struct ovsdb_idl *idl,
                     const struct ovsdb_idl_column *column)
{
    *idl_column_mode(idl, column) |= OVSDB_IDL_MONITOR | OVSDB_IDL_ALERT;
    idl_need_ref_table(idl, &column->type.key);
    idl_need_ref_table(idl, &column->type.value);
}

void
ovsdb_idl_add_table(struct ovsdb_idl *idl,
                    const struct ovsdb_idl_table_class *tc)
{
    idl_db_table_from_class(&idl->data, tc)->need_table = true;
}

void
ovsdb_idl_omit(struct ovsdb_idl *idl, const struct ovsdb_idl_column *column)
{
    *idl_column_mode(idl, column) = 0;
}

void
ovsdb_idl_omit_alert(struct ovsdb_idl *idl,
                     const struct ovsdb_idl_column *column)
{
    unsigned char *mode = idl_column_mode(idl, column);

    *mode = (*mode & ~(OVSDB_IDL_ALERT | OVSDB_IDL_TRACK))
            | OVSDB_IDL_MONITOR;
}

/* Change tracking. */

unsigned int
ovsdb_idl_table_get_seqno(const struct ovsdb_idl *idl,
                          const struct ovsdb_idl_table_class *tc)
{
    const struct ovsdb_idl_table *table = idl_db_table_from_class(&idl->data,
                                                                  tc);
    unsigned int max = 0;

    for (size_t i = 0; i < OVSDB_IDL_CHANGE_MAX; i++) {
        max = MAX(max, table->change_seqno[i]);
    }
    return max;
}

unsigned int
ovsdb_idl_row_get_seqno(const struct ovsdb_idl_row *row,
                        enum ovsdb_idl_change change)
{
    ovs_assert(change < OVSDB_IDL_CHANGE_MAX);
    return row->change_seqno[change];
}

void
ovsdb_idl_track_add_column(struct ovsdb_idl *idl,
                           const struct ovsdb_idl_column *column)
{
    *idl_column_mode(idl, column) |= (OVSDB_IDL_MONITOR | OVSDB_IDL_ALERT
                                      | OVSDB_IDL_TRACK);
}

void
ovsdb_idl_track_add_all(struct ovsdb_idl *idl)
{
    for (size_t i = 0; i < idl->data.class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &idl->data.tables[i];

        for (size_t j = 0; j < table->class_->n_columns; j++) {
            if (table->modes[j] & OVSDB_IDL_MONITOR) {
                table->modes[j] |= OVSDB_IDL_ALERT | OVSDB_IDL_TRACK;
            }
        }
    }
}

bool
ovsdb_idl_track_is_set(struct ovsdb_idl_table *table)
{
    for (size_t i = 0; i < table->class_->n_columns; i++) {
        if (table->modes[i] & OVSDB_IDL_TRACK) {
            return true;
        }
    }
    return false;
}

const struct ovsdb_idl_row *
ovsdb_idl_track_get_first(const struct ovsdb_idl *idl,
                          const struct ovsdb_idl_table_class *tc)
{
    struct ovsdb_idl_table *table = idl_db_table_from_class(&idl->data, tc);

    if (ovs_list_is_empty(&table->track_list)) {
        return NULL;
    }
    return CONTAINER_OF(ovs_list_front(&table->track_list),
                        struct ovsdb_idl_row, track_node);
}

const struct ovsdb_idl_row *
ovsdb_idl_track_get_next(const struct ovsdb_idl_row *row)
{
    const struct ovs_list *next = row->track_node.next;

    if (next == &row->table->track_list) {
        return NULL;
    }
    return CONTAINER_OF(next, struct ovsdb_idl_row, track_node);
}

bool
ovsdb_idl_track_is_updated(const struct ovsdb_idl_row *row,
                           const struct ovsdb_idl_column *column)
{
    if (!row->table || !row->updated) {
        return false;
    }
    return idl_bitmap_is_set(row->updated, idl_column_index(row, column));
}

void
ovsdb_idl_track_clear(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_db *db = &idl->data;

    for (size_t i = 0; i < db->class_->n_tables; i++) {
        struct ovsdb_idl_table *table = &db->tables[i];
        struct ovsdb_idl_row *row;

        LIST_FOR_EACH_POP (row, track_node, &table->track_list) {
            ovs_list_init(&row->track_node);
            free(row->updated);
            row->updated = NULL;
        }
    }
    idl_db_free_deleted_rows(db);
}

/* Reading. */

const struct ovsdb_idl_row *
ovsdb_idl_get_row_for_uuid(const struct ovsdb_idl *idl,
                           const struct ovsdb_idl_table_class *tc,
                           const struct uuid *uuid)
{
    const struct ovsdb_idl_row *row = idl_get_row(
        idl_db_table_from_class(&idl->data, tc), uuid);

    return row && !idl_row_is_orphan(row) ? row : NULL;
}

/* Returns 'node' or the first row after it that exists, in 'table'. */
static const struct ovsdb_idl_row *
idl_next_existing_row(const struct ovsdb_idl_table *table,
                      const struct hmap_node *node)
{
    for (; node; node = hmap_next(&table->rows, node)) {
        const struct ovsdb_idl_row *row
            = CONTAINER_OF(node, struct ovsdb_idl_row, hmap_node);

        if (idl_row_exists(row)) {
            return row;
        }
    }
    return NULL;
}

const struct ovsdb_idl_row *
ovsdb_idl_first_row(const struct ovsdb_idl *idl,
                    const struct ovsdb_idl_table_class *tc)
{
    const struct ovsdb_idl_table *table = idl_db_table_from_class(&idl->data,
                                                                  tc);

    return idl_next_existing_row(table, hmap_first(&table->rows));
}

const struct ovsdb_idl_row *
ovsdb_idl_next_row(const struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table *table = row->table;

    return idl_next_existing_row(table, hmap_next(&table->rows,
                                                  &row->hmap_node));
}

const struct ovsdb_datum *
ovsdb_idl_read(const struct ovsdb_idl_row *row,
               const struct ovsdb_idl_column *column)
{
    if (!row->table) {
        /* A synthetic row has no datums. */
        return ovsdb_datum_default(&column->type);
    }
    return idl_row_datum(row, idl_column_index(row, column));
}

const struct ovsdb_datum *
ovsdb_idl_get(const struct ovsdb_idl_row *row,
              const struct ovsdb_idl_column *column,
              enum ovsdb_atomic_type key_type,
              enum ovsdb_atomic_type value_type)
{
    ovs_assert(column->type.key.type == key_type);
    ovs_assert(column->type.value.type == value_type);
    return ovsdb_idl_read(row, column);
}

bool
ovsdb_idl_row_is_synthetic(const struct ovsdb_idl_row *row)
{
    return row->table == NULL;
}

bool
ovsdb_idl_is_mutable(const struct ovsdb_idl_row *row,
                     const struct ovsdb_idl_column *column)
{
    return column->is_mutable || (row->new_datum && !row->old_datum);
}

/* Transactions. */

const char *
ovsdb_idl_txn_status_to_string(enum ovsdb_idl_txn_status status)
{
    switch (status) {
    case TXN_UNCOMMITTED:
        return "uncommitted";
    case TXN_UNCHANGED:
        return "unchanged";
    case TXN_INCOMPLETE:
        return "incomplete";
    case TXN_ABORTED:
        return "aborted";
    case TXN_SUCCESS:
        return "success";
    case TXN_TRY_AGAIN:
        return "try again";
    case TXN_NOT_LOCKED:
        return "not locked";
    case TXN_ERROR:
        return "error";
    }
    return "<unknown>";
}

struct ovsdb_idl_txn *
ovsdb_idl_txn_create(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_txn *txn;

    ovs_assert(!idl->txn);
    idl->txn = txn = xzalloc(sizeof *txn);
    txn->idl = idl;
    hmap_init(&txn->txn_rows);
    txn->status = TXN_UNCOMMITTED;
    ds_init(&txn->comment);
    txn->inc_new_value = INT64_MIN;
    hmap_init(&txn->inserted_rows);
    return txn;
}

struct ovsdb_idl *
ovsdb_idl_txn_get_idl(struct ovsdb_idl_txn *txn)
{
    return txn->idl;
}

void
ovsdb_idl_txn_add_comment(struct ovsdb_idl_txn *txn, const char *s, ...)
{
    va_list args;

    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    va_start(args, s);
    ds_put_format_valist(&txn->comment, s, args);
    va_end(args);
}

void
ovsdb_idl_txn_set_dry_run(struct ovsdb_idl_txn *txn)
{
    txn->dry_run = true;
}

void
ovsdb_idl_txn_increment(struct ovsdb_idl_txn *txn,
                        const struct ovsdb_idl_row *row,
                        const struct ovsdb_idl_column *column, bool force)
{
    ovs_assert(!txn->inc_table);
    ovs_assert(column->type.key.type == OVSDB_TYPE_INTEGER);
    ovs_assert(column->type.value.type == OVSDB_TYPE_VOID);

    txn->inc_table = row->table->class_;
    txn->inc_column = column;
    txn->inc_row = row->uuid;
    txn->inc_force = force;
}

/* Marks every transaction in flight as needing another try (the connection
 * they were sent on is gone). */
static void
idl_txn_abandon_all(struct ovsdb_idl *idl)
{
    struct ovsdb_idl_txn *txn;

    HMAP_FOR_EACH_POP (txn, hmap_node, &idl->outstanding_txns) {
        json_decref(txn->request_id);
        txn->request_id = NULL;
        txn->status = TXN_TRY_AGAIN;
    }
}

static struct ovsdb_idl_txn *
idl_txn_find(struct ovsdb_idl *idl, const json_t *id)
{
    struct ovsdb_idl_txn *txn;

    HMAP_FOR_EACH_WITH_HASH (txn, hmap_node, json_hash(id, 0),
                             &idl->outstanding_txns) {
        if (json_equal(CONST_CAST(json_t *, id), txn->request_id)) {
            return txn;
        }
    }
    return NULL;
}

void
ovsdb_idl_txn_destroy(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl_txn_insert *insert;

    if (!txn) {
        return;
    }
    if (txn->status == TXN_INCOMPLETE && txn->request_id) {
        hmap_remove(&txn->idl->outstanding_txns, &txn->hmap_node);
    }
    json_decref(txn->request_id);
    ovsdb_idl_txn_abort(txn);
    ds_destroy(&txn->comment);
    free(txn->error);
    HMAP_FOR_EACH_POP (insert, hmap_node, &txn->inserted_rows) {
        free(insert);
    }
    hmap_destroy(&txn->inserted_rows);
    hmap_destroy(&txn->txn_rows);
    free(txn);
}

void
ovsdb_idl_txn_wait(const struct ovsdb_idl_txn *txn)
{
    if (txn->status != TXN_INCOMPLETE) {
        poll_immediate_wake();
    }
}

/* Adds 'row' to the rows that the open transaction touches. */
static void
idl_txn_add_row(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_txn *txn = row->table->db->idl->txn;

    ovs_assert(txn);
    if (hmap_node_is_null(&row->txn_node)) {
        hmap_insert(&txn->txn_rows, &row->txn_node, uuid_hash(&row->uuid));
    }
}

/* Returns the row that the open transaction 'txn' inserted with 'uuid', or
 * NULL. */
static const struct ovsdb_idl_row *
idl_txn_get_inserted_row(const struct ovsdb_idl_txn *txn,
                         const struct uuid *uuid)
{
    const struct ovsdb_idl_row *row;

    HMAP_FOR_EACH_WITH_HASH (row, txn_node, uuid_hash(uuid),
                             &txn->txn_rows) {
        if (uuid_equals(&row->uuid, uuid) && !row->old_datum
            && row->new_datum) {
            return row;
        }
    }
    return NULL;
}

/* Length of the "uuid-name" of a row inserted in a transaction. */
#define IDL_NAMED_UUID_LEN (3 + UUID_LEN)

/* Stores in 'name' the "uuid-name" for row 'uuid' inserted in a
 * transaction, and returns it. */
static const char *
idl_named_uuid(const struct uuid *uuid, char name[IDL_NAMED_UUID_LEN + 1])
{
    snprintf(name, IDL_NAMED_UUID_LEN + 1, "row"UUID_FMT, UUID_ARGS(uuid));
    for (char *p = name; *p; p++) {
        if (*p == '-') {
            *p = '_';
        }
    }
    return name;
}

/* Replaces, within 'json', every ["uuid", U] that names a row inserted by
 * 'txn' by ["named-uuid", name], since the server does not know U.
 * Returns 'json' or its replacement; takes 'json'. */
static json_t *
idl_substitute_uuids(json_t *json, const struct ovsdb_idl_txn *txn)
{
    if (json_is_array(json)) {
        struct uuid uuid;

        if (json_array_size(json) == 2
            && json_is_string(json_array_get(json, 0))
            && !strcmp(json_string_value(json_array_get(json, 0)), "uuid")
            && json_is_string(json_array_get(json, 1))
            && uuid_from_string(&uuid, json_string_value(
                                    json_array_get(json, 1)))) {
            if (idl_txn_get_inserted_row(txn, &uuid)) {
                char name[IDL_NAMED_UUID_LEN + 1];

                json_decref(json);
                return json_pack("[ss]", "named-uuid",
                                 idl_named_uuid(&uuid, name));
            }
            return json;
        }
        for (size_t i = 0; i < json_array_size(json); i++) {
            json_t *elem = json_incref(json_array_get(json, i));
            json_array_set_new(json, i, idl_substitute_uuids(elem, txn));
        }
    } else if (json_is_object(json)) {
        const char *key;
        json_t *value;

        json_object_foreach (json, key, value) {
            json_object_set_new(json, key,
                                idl_substitute_uuids(json_incref(value),
                                                     txn));
        }
    }
    return json;
}

/* Returns the "where" clause that selects row 'uuid' in 'txn'. */
static json_t *
idl_txn_where_uuid(const struct ovsdb_idl_txn *txn, const struct uuid *uuid)
{
    json_t *value;

    if (idl_txn_get_inserted_row(txn, uuid)) {
        char name[IDL_NAMED_UUID_LEN + 1];

        value = json_array();
        json_array_append_new(value, json_string_nocheck("named-uuid"));
        json_array_append_new(value,
                              json_string_nocheck(idl_named_uuid(uuid,
                                                                 name)));
    } else {
        char s[UUID_LEN + 1];

        value = json_array();
        json_array_append_new(value, json_string_nocheck("uuid"));
        json_array_append_new(value,
                              json_stringn_nocheck(uuid_to_string(uuid, s),
                                                   UUID_LEN));
    }

    /* Built directly rather than with json_pack(), which costs more than
     * the rest of this function: a transaction has one of these per
     * verified row. */
    json_t *clause = json_array();
    json_array_append_new(clause, json_string_nocheck("_uuid"));
    json_array_append_new(clause, json_string_nocheck("=="));
    json_array_append_new(clause, value);

    json_t *where = json_array();
    json_array_append_new(where, clause);
    return where;
}

/* Returns a "wait" operation on the table of 'class' that verifies the
 * columns in 'prereqs' of the 'n_rows' rows in 'rows' (each in the replica):
 * they must still have the values in 'old_datum'.  With 'whole_table', the
 * rows are all of the table's: "where" is empty and "_uuid" is among the
 * columns, so that the server compares the whole table's projection with
 * the replica's.  Otherwise 'n_rows' is 1 and "where" selects that row by
 * UUID, the form that upstream's IDL sends.
 *
 * The operation is composed as text, the same bytes as the tree that the
 * obvious code would build and serialize: a transaction of ovs-vsctl
 * verifies every port of every bridge, which makes building and freeing
 * those trees a good part of its work. */
static json_t *
idl_txn_compose_wait__(const struct ovsdb_idl_table_class *class,
                       const unsigned long int *prereqs,
                       const struct ovsdb_idl_row *const *rows, size_t n_rows,
                       bool whole_table)
{
    /* The operation's members, in the order in which they would be added
     * to the object, and the order in which the serializer prints them. */
    static const char *const op_names[] = {
        "op", "table", "timeout", "where", "until", "columns", "rows"
    };
    enum { N_OP_NAMES = ARRAY_SIZE(op_names) };
    static size_t op_order[N_OP_NAMES];
    static bool op_order_inited;

    /* The columns: "_uuid" first if 'whole_table', then the verified ones,
     * as names and as indexes in 'class' ('idx' is SIZE_MAX for "_uuid"),
     * and 'order', the order in which the serializer prints them. */
    size_t max_names = class->n_columns + 1;
    const char *names_stub[16];
    const char **names = (max_names <= ARRAY_SIZE(names_stub)
                          ? names_stub
                          : xmalloc(max_names * sizeof *names));
    size_t idx_stub[16];
    size_t *idx = (max_names <= ARRAY_SIZE(idx_stub)
                   ? idx_stub
                   : xmalloc(max_names * sizeof *idx));
    size_t order_stub[16];
    size_t *order = (max_names <= ARRAY_SIZE(order_stub)
                     ? order_stub
                     : xmalloc(max_names * sizeof *order));
    char uuid_s[UUID_LEN + 1];
    struct ds text;
    size_t n = 0;
    json_t *op;

    if (!op_order_inited) {
        json_object_member_order(op_names, N_OP_NAMES, op_order);
        op_order_inited = true;
    }

    if (whole_table) {
        names[n] = "_uuid";
        idx[n] = SIZE_MAX;
        n++;
    }
    for (size_t i = 0; i < class->n_columns; i++) {
        if (idl_bitmap_is_set(prereqs, i)) {
            names[n] = class->columns[i].name;
            idx[n] = i;
            n++;
        }
    }
    json_object_member_order(names, n, order);

    ds_init(&text);
    ds_put_char(&text, '{');
    for (size_t k = 0; k < N_OP_NAMES; k++) {
        size_t member = op_order[k];

        if (k) {
            ds_put_char(&text, ',');
        }
        json_string_escape(op_names[member], &text);
        ds_put_char(&text, ':');
        switch (member) {
        case 0:
            ds_put_cstr(&text, "\"wait\"");
            break;
        case 1:
            json_string_escape(class->name, &text);
            break;
        case 2:
            ds_put_char(&text, '0');
            break;
        case 3:
            if (whole_table) {
                ds_put_cstr(&text, "[]");
            } else {
                ds_put_cstr(&text, "[[\"_uuid\",\"==\",[\"uuid\",\"");
                ds_put_buffer(&text, uuid_to_string(&rows[0]->uuid, uuid_s),
                              UUID_LEN);
                ds_put_cstr(&text, "\"]]]");
            }
            break;
        case 4:
            ds_put_cstr(&text, "\"==\"");
            break;
        case 5:
            ds_put_char(&text, '[');
            for (size_t i = 0; i < n; i++) {
                if (i) {
                    ds_put_char(&text, ',');
                }
                json_string_escape(names[i], &text);
            }
            ds_put_char(&text, ']');
            break;
        case 6:
            ds_put_char(&text, '[');
            for (size_t r = 0; r < n_rows; r++) {
                const struct ovsdb_idl_row *row = rows[r];

                ds_put_cstr(&text, r ? ",{" : "{");
                for (size_t i = 0; i < n; i++) {
                    size_t c = idx[order[i]];

                    if (i) {
                        ds_put_char(&text, ',');
                    }
                    json_string_escape(names[order[i]], &text);
                    ds_put_char(&text, ':');
                    if (c == SIZE_MAX) {
                        ds_put_cstr(&text, "[\"uuid\",\"");
                        ds_put_buffer(&text,
                                      uuid_to_string(&row->uuid, uuid_s),
                                      UUID_LEN);
                        ds_put_cstr(&text, "\"]");
                    } else {
                        ovsdb_datum_to_json_ds(&row->old_datum[c],
                                               &class->columns[c].type,
                                               &text);
                    }
                }
                ds_put_char(&text, '}');
            }
            ds_put_char(&text, ']');
            break;
        default:
            OVS_NOT_REACHED();
        }
    }
    ds_put_char(&text, '}');

    op = json_raw_create(text.string, text.length);
    ds_destroy(&text);
    if (names != names_stub) {
        free(names);
    }
    if (idx != idx_stub) {
        free(idx);
    }
    if (order != order_stub) {
        free(order);
    }
    return op;
}

/* Returns the "wait" operation that verifies the columns of 'row' (which
 * must be in the replica) that are in its 'prereqs'. */
static json_t *
idl_txn_compose_wait(const struct ovsdb_idl_row *row)
{
    return idl_txn_compose_wait__(row->table->class_, row->prereqs, &row, 1,
                                  false);
}

/* Transactions with at least this many verified rows in one table may
 * verify them all with one "wait" (see idl_txn_compose_waits()). */
#define IDL_WAIT_COALESCE_MIN 8

/* What idl_txn_compose_waits() learns about one table of a transaction. */
struct idl_wait_table {
    size_t n_verified;          /* Rows with 'prereqs' and 'old_datum'. */
    const unsigned long int *prereqs; /* The first such row's 'prereqs'. */
    bool same;                  /* Do all of them have the same ones? */
    bool coalesce;              /* Verify them all with a single "wait"? */
};

/* Returns true if the replica of 'table' holds every row that the server's
 * table holds (as of the last update received): its condition is always
 * true and acknowledged. */
static bool
idl_table_is_whole(const struct ovsdb_idl *idl,
                   const struct ovsdb_idl_table *table)
{
    return (idl->state == IDL_S_MONITORING
            && table->condition.is_true
            && !table->cond_changed
            && !idl->data.cond_changed
            && !idl->data.cond_request_id);
}

/* Returns the number of rows of 'table' that the server has, as far as the
 * replica knows: neither orphans nor rows inserted by the transaction. */
static size_t
idl_table_n_committed(const struct ovsdb_idl_table *table)
{
    const struct ovsdb_idl_row *row;
    size_t n = 0;

    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        n += row->old_datum != NULL;
    }
    return n;
}

/* Returns one "wait" operation that verifies the columns in 'prereqs' of
 * every row of 'table' at once, the 'n_rows' rows that 'txn' verifies being
 * all the rows of the table.  It is the same check as one "wait" per row,
 * except that a row inserted into the table by another client since the
 * last update also fails it (the transaction is then tried again), and it
 * spares the server parsing and executing one operation per row:
 * ovs-vsctl verifies the interfaces of every port. */
static json_t *
idl_txn_compose_table_wait(const struct ovsdb_idl_txn *txn,
                           const struct ovsdb_idl_table *table,
                           const unsigned long int *prereqs, size_t n_rows)
{
    const struct ovsdb_idl_row **rows = xmalloc(n_rows * sizeof *rows);
    const struct ovsdb_idl_row *row;
    size_t n = 0;

    HMAP_FOR_EACH (row, txn_node, &txn->txn_rows) {
        if (row->table == table && row->prereqs && row->old_datum) {
            ovs_assert(n < n_rows);
            rows[n++] = row;
        }
    }
    ovs_assert(n == n_rows);

    json_t *op = idl_txn_compose_wait__(table->class_, prereqs, rows, n,
                                        true);
    free(rows);
    return op;
}

/* Appends to 'ops' the "wait" operations that verify what 'txn' read: one
 * per verified row, except that the rows of a table that verify the same
 * columns of all its rows (at least IDL_WAIT_COALESCE_MIN of them) share
 * one operation (see idl_txn_compose_table_wait()). */
static void
idl_txn_compose_waits(const struct ovsdb_idl_txn *txn, json_t *ops)
{
    const struct ovsdb_idl *idl = txn->idl;
    size_t n_tables = idl->data.class_->n_tables;
    struct idl_wait_table *wt = xcalloc(n_tables, sizeof *wt);
    const struct ovsdb_idl_row *row;

    HMAP_FOR_EACH (row, txn_node, &txn->txn_rows) {
        if (row->prereqs && row->old_datum) {
            struct idl_wait_table *w = &wt[row->table - idl->data.tables];
            size_t n_longs = DIV_ROUND_UP(row->table->class_->n_columns,
                                          BITS_PER_LONG);

            if (!w->n_verified++) {
                w->prereqs = row->prereqs;
                w->same = true;
            } else if (w->same
                       && memcmp(w->prereqs, row->prereqs,
                                 n_longs * sizeof *row->prereqs)) {
                w->same = false;
            }
        }
    }

    for (size_t i = 0; i < n_tables; i++) {
        struct idl_wait_table *w = &wt[i];
        const struct ovsdb_idl_table *table = &idl->data.tables[i];

        if (w->n_verified >= IDL_WAIT_COALESCE_MIN && w->same
            && idl_table_is_whole(idl, table)
            && idl_table_n_committed(table) == w->n_verified) {
            w->coalesce = true;
            json_array_append_new(ops, idl_txn_compose_table_wait(
                                      txn, table, w->prereqs,
                                      w->n_verified));
        }
    }

    HMAP_FOR_EACH (row, txn_node, &txn->txn_rows) {
        if (row->prereqs && row->old_datum
            && !wt[row->table - idl->data.tables].coalesce) {
            json_array_append_new(ops, idl_txn_compose_wait(row));
        }
    }
    free(wt);
}

/* Returns a set type whose elements are 'type''s keys. */
static struct ovsdb_type
idl_key_set_type(const struct ovsdb_type *type)
{
    struct ovsdb_type set = {
        .key = type->key,
        .value = OVSDB_BASE_VOID_INIT,
        .n_min = 0,
        .n_max = UINT_MAX,
    };
    return set;
}

/* Returns 'type' without a bound on the number of elements. */
static struct ovsdb_type
idl_unbounded_type(const struct ovsdb_type *type)
{
    struct ovsdb_type t = *type;

    t.n_min = 0;
    t.n_max = UINT_MAX;
    return t;
}

/* Returns a datum of a set type as JSON, always in ["set", [...]] form. */
static json_t *
idl_set_to_json(const struct ovsdb_datum *datum,
                const struct ovsdb_type *type)
{
    json_t *elems = json_array();

    for (size_t i = 0; i < datum->n; i++) {
        json_array_append_new(elems, ovsdb_atom_to_json(&datum->keys[i],
                                                        type->key.type));
    }
    return json_pack("[so]", "set", elems);
}

/* Appends the "mutate" operation for the partial updates of 'row', if
 * any.  Returns true if it appended one. */
static bool
idl_txn_add_partials(struct ovsdb_idl_txn *txn, struct ovsdb_idl_row *row,
                     json_t *ops)
{
    const struct ovsdb_idl_table_class *class = row->table->class_;
    json_t *mutations = json_array();

    for (size_t i = 0; row->partials && i < class->n_columns; i++) {
        const struct ovsdb_idl_partial *p = row->partials[i];
        const struct ovsdb_idl_column *column = &class->columns[i];

        if (!p) {
            continue;
        }

        /* For a map, "insert" leaves existing keys alone, so the keys
         * being set that the replica has must be deleted first. */
        struct ovsdb_type set_type = idl_key_set_type(&column->type);
        struct ovsdb_datum deletes;
        ovsdb_datum_clone(&deletes, &p->deletes, &set_type);
        if (ovsdb_type_is_map(&column->type)) {
            const struct ovsdb_datum *old = &row->old_datum[i];

            for (size_t j = 0; j < p->inserts.n; j++) {
                if (ovsdb_datum_find_key(old, &p->inserts.keys[j],
                                         column->type.key.type, NULL)) {
                    ovsdb_datum_add_unsafe(&deletes, &p->inserts.keys[j],
                                           NULL, &set_type, NULL);
                }
            }
            ovsdb_datum_sort_unique(&deletes, column->type.key.type,
                                    OVSDB_TYPE_VOID);
        }
        if (deletes.n) {
            json_array_append_new(mutations, json_pack(
                                      "[sso]", column->name, "delete",
                                      idl_set_to_json(&deletes, &set_type)));
        }
        ovsdb_datum_destroy(&deletes, &set_type);
        if (p->inserts.n) {
            struct ovsdb_type type = idl_unbounded_type(&column->type);
            json_t *value = (ovsdb_type_is_map(&type)
                             ? ovsdb_datum_to_json(&p->inserts, &type)
                             : idl_set_to_json(&p->inserts, &type));
            json_array_append_new(mutations, json_pack(
                                      "[sso]", column->name, "insert",
                                      value));
        }
    }

    if (!json_array_size(mutations)) {
        json_decref(mutations);
        return false;
    }
    json_array_append_new(ops, json_pack(
                              "{sssssoso}", "op", "mutate",
                              "table", class->name,
                              "where", idl_txn_where_uuid(txn, &row->uuid),
                              "mutations",
                              idl_substitute_uuids(mutations, txn)));
    return true;
}

/* Frees the partial updates of 'row'. */
static void
idl_row_free_partials(struct ovsdb_idl_row *row)
{
    const struct ovsdb_idl_table_class *class = row->table->class_;

    if (!row->partials) {
        return;
    }
    for (size_t i = 0; i < class->n_columns; i++) {
        struct ovsdb_idl_partial *p = row->partials[i];

        if (p) {
            struct ovsdb_type set_type
                = idl_key_set_type(&class->columns[i].type);
            struct ovsdb_type type
                = idl_unbounded_type(&class->columns[i].type);

            ovsdb_datum_destroy(&p->deletes, &set_type);
            ovsdb_datum_destroy(&p->inserts, &type);
            free(p);
        }
    }
    free(row->partials);
    row->partials = NULL;
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_commit(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl *idl = txn->idl;
    struct ovsdb_idl_row *row;
    bool any_updates = false;

    if (txn != idl->txn) {
        goto coverage_out;
    }

    /* Without the lock that the client asked for, give up at once. */
    if (idl->lock_name && !ovsdb_idl_has_lock(idl)) {
        txn->status = TXN_NOT_LOCKED;
        goto disassemble_out;
    }

    json_t *ops = json_pack("[s]", idl->data.class_->database);
    if (idl->lock_name) {
        json_array_append_new(ops, json_pack("{ssss}", "op", "assert",
                                             "lock", idl->lock_name));
    }

    /* Verifications first: the server checks them against the state from
     * before this transaction. */
    idl_txn_compose_waits(txn, ops);

    HMAP_FOR_EACH (row, txn_node, &txn->txn_rows) {
        const struct ovsdb_idl_table_class *class = row->table->class_;

        if (!row->new_datum) {
            /* Rows of non-root tables go away once nothing refers to them:
             * the server collects them. */
            if (class->is_root) {
                json_array_append_new(ops, json_pack(
                                          "{ssssso}", "op", "delete",
                                          "table", class->name,
                                          "where", idl_txn_where_uuid(
                                              txn, &row->uuid)));
                any_updates = true;
            }
            continue;
        }

        json_t *row_json = json_object();
        for (size_t i = 0; row->written && i < class->n_columns; i++) {
            const struct ovsdb_idl_column *column = &class->columns[i];

            if (!idl_bitmap_is_set(row->written, i)
                || column->is_synthetic) {
                continue;
            }
            if (row->old_datum
                && (row->table->modes[i] & OVSDB_IDL_MONITOR)
                && ovsdb_datum_equals(&row->old_datum[i],
                                      &row->new_datum[i], &column->type)) {
                continue;
            }
            json_object_set_new(row_json, column->name,
                                idl_substitute_uuids(
                                    ovsdb_datum_to_json(&row->new_datum[i],
                                                        &column->type),
                                    txn));
        }

        if (!row->old_datum) {
            struct ovsdb_idl_txn_insert *insert = xmalloc(sizeof *insert);
            char name[IDL_NAMED_UUID_LEN + 1];

            insert->dummy = row->uuid;
            insert->op_index = json_array_size(ops) - 1;
            uuid_zero(&insert->real);
            hmap_insert(&txn->inserted_rows, &insert->hmap_node,
                        uuid_hash(&insert->dummy));

            json_array_append_new(ops, json_pack(
                                      "{ssssssso}", "op", "insert",
                                      "table", class->name,
                                      "uuid-name",
                                      idl_named_uuid(&row->uuid, name),
                                      "row", row_json));
            any_updates = true;
        } else if (json_object_size(row_json)) {
            json_array_append_new(ops, json_pack(
                                      "{sssssoso}", "op", "update",
                                      "table", class->name,
                                      "where", idl_txn_where_uuid(
                                          txn, &row->uuid),
                                      "row", row_json));
            any_updates = true;
        } else {
            json_decref(row_json);
        }

        if (row->old_datum && idl_txn_add_partials(txn, row, ops)) {
            any_updates = true;
        }
    }

    if (txn->inc_table && (any_updates || txn->inc_force)) {
        /* Results are indexed from 0 at the operation after the database
         * name. */
        txn->inc_index = json_array_size(ops) - 1;
        txn->inc_sent = true;
        json_array_append_new(ops, json_pack(
                                  "{sssssos[[ssi]]}", "op", "mutate",
                                  "table", txn->inc_table->name,
                                  "where", idl_txn_where_uuid(txn,
                                                              &txn->inc_row),
                                  "mutations", txn->inc_column->name, "+=",
                                  1));
        json_array_append_new(ops, json_pack(
                                  "{sssssos[s]}", "op", "select",
                                  "table", txn->inc_table->name,
                                  "where", idl_txn_where_uuid(txn,
                                                              &txn->inc_row),
                                  "columns", txn->inc_column->name));
        any_updates = true;
    }

    if (txn->comment.length) {
        json_array_append_new(ops, json_pack("{ssss}", "op", "comment",
                                             "comment",
                                             ds_cstr(&txn->comment)));
    }
    if (txn->dry_run) {
        json_array_append_new(ops, json_pack("{ss}", "op", "abort"));
    }

    if (!any_updates) {
        txn->status = TXN_UNCHANGED;
        json_decref(ops);
    } else if (idl->state != IDL_S_MONITORING || !idl->session
               || !(txn->request_id = idl_send_request(idl, "transact",
                                                       ops))) {
        if (idl->state != IDL_S_MONITORING || !idl->session) {
            json_decref(ops);
        }
        txn->status = TXN_TRY_AGAIN;
    } else {
        hmap_insert(&idl->outstanding_txns, &txn->hmap_node,
                    json_hash(txn->request_id, 0));
        txn->status = TXN_INCOMPLETE;
    }

disassemble_out:
    idl_txn_disassemble(txn);
coverage_out:
    switch (txn->status) {
    case TXN_UNCOMMITTED:
        COVERAGE_INC(txn_uncommitted);
        break;
    case TXN_UNCHANGED:
        COVERAGE_INC(txn_unchanged);
        break;
    case TXN_INCOMPLETE:
        COVERAGE_INC(txn_incomplete);
        break;
    case TXN_ABORTED:
        COVERAGE_INC(txn_aborted);
        break;
    case TXN_SUCCESS:
        COVERAGE_INC(txn_success);
        break;
    case TXN_TRY_AGAIN:
        COVERAGE_INC(txn_try_again);
        break;
    case TXN_NOT_LOCKED:
        COVERAGE_INC(txn_not_locked);
        break;
    case TXN_ERROR:
        COVERAGE_INC(txn_error);
        break;
    }
    return txn->status;
}

enum ovsdb_idl_txn_status
ovsdb_idl_txn_commit_block(struct ovsdb_idl_txn *txn)
{
    enum ovsdb_idl_txn_status status;

    while ((status = ovsdb_idl_txn_commit(txn)) == TXN_INCOMPLETE) {
        ovsdb_idl_run(txn->idl);
        ovsdb_idl_wait(txn->idl);
        ovsdb_idl_txn_wait(txn);
        poll_block();
    }
    return status;
}

void
ovsdb_idl_txn_abort(struct ovsdb_idl_txn *txn)
{
    if (txn->idl->txn == txn) {
        idl_txn_disassemble(txn);
        if (txn->status == TXN_UNCOMMITTED) {
            txn->status = TXN_ABORTED;
        }
    }
}

const char *
ovsdb_idl_txn_get_error(const struct ovsdb_idl_txn *txn)
{
    if (txn->status != TXN_ERROR) {
        return ovsdb_idl_txn_status_to_string(txn->status);
    } else if (txn->error) {
        return txn->error;
    } else {
        return "no error details available";
    }
}

int64_t
ovsdb_idl_txn_get_increment_new_value(const struct ovsdb_idl_txn *txn)
{
    return txn->inc_new_value;
}

const struct uuid *
ovsdb_idl_txn_get_insert_uuid(const struct ovsdb_idl_txn *txn,
                              const struct uuid *uuid)
{
    const struct ovsdb_idl_txn_insert *insert;

    ovs_assert(txn->status == TXN_SUCCESS || txn->status == TXN_UNCHANGED);
    HMAP_FOR_EACH_WITH_HASH (insert, hmap_node, uuid_hash(uuid),
                             &txn->inserted_rows) {
        if (uuid_equals(uuid, &insert->dummy)) {
            return &insert->real;
        }
    }
    return NULL;
}

/* Ends the open phase of 'txn': the rows it touched show the committed
 * data again, and the rows it inserted go away. */
static void
idl_txn_disassemble(struct ovsdb_idl_txn *txn)
{
    struct ovsdb_idl *idl = txn->idl;
    struct ovsdb_idl_row **rows = xmalloc(MAX(1, hmap_count(&txn->txn_rows))
                                          * sizeof *rows);
    struct ovsdb_idl_row *row;
    size_t n = 0;

    /* Undo every change before parsing anything again, so that rows parse
     * with every row they refer to back in place. */
    HMAP_FOR_EACH_POP (row, txn_node, &txn->txn_rows) {
        const struct ovsdb_idl_table_class *class = row->table->class_;

        hmap_node_nullify(&row->txn_node);
        if (row->old_datum && row->new_datum == row->old_datum
            && !row->written && !row->partials) {
            /* Only verified (ovs-vsctl verifies every port of every
             * bridge): its data and parsed view never changed, so there is
             * nothing to undo or parse again. */
            free(row->prereqs);
            row->prereqs = NULL;
            continue;
        }
        idl_row_unparse(row);
        idl_row_free_partials(row);
        free(row->prereqs);
        row->prereqs = NULL;

        if (!row->old_datum) {
            hmap_remove(&row->table->rows, &row->hmap_node);
            idl_row_free(row);
            continue;
        }
        if (row->new_datum && row->new_datum != row->old_datum) {
            for (size_t i = 0; i < class->n_columns; i++) {
                if (row->written && idl_bitmap_is_set(row->written, i)) {
                    ovsdb_datum_destroy(&row->new_datum[i],
                                        &class->columns[i].type);
                }
            }
            free(row->new_datum);
        }
        free(row->written);
        row->written = NULL;
        row->new_datum = row->old_datum;
        rows[n++] = row;
    }

    /* Still in the transaction, so that parsing leaves arcs alone. */
    for (size_t i = 0; i < n; i++) {
        idl_row_parse(rows[i]);
    }
    free(rows);
    idl->txn = NULL;
}

/* Processes the server's 'reply' to 'txn'. */
static void
idl_txn_process_reply(struct ovsdb_idl_txn *txn,
                      const struct jsonrpc_msg *reply)
{
    const json_t *ops = reply->result;
    unsigned int soft_errors = 0, hard_errors = 0, lock_errors = 0;

    hmap_remove(&txn->idl->outstanding_txns, &txn->hmap_node);
    json_decref(txn->request_id);
    txn->request_id = NULL;

    if (reply->type == JSONRPC_ERROR) {
        txn->status = TXN_ERROR;
        txn->error = json_to_string(reply->error, JSSF_SORT);
        return;
    }
    if (!json_is_array(ops)) {
        txn->status = TXN_ERROR;
        txn->error = xstrdup("reply to \"transact\" is not a JSON array");
        return;
    }

    for (size_t i = 0; i < json_array_size(ops); i++) {
        const json_t *op = json_array_get(ops, i);
        const json_t *error;

        if (json_is_null(op)) {
            /* Not executed because an earlier operation failed. */
            continue;
        }
        if (!json_is_object(op)) {
            hard_errors++;
            if (!txn->error) {
                txn->error = xasprintf("operation %zu reply is not an "
                                       "object", i);
            }
            continue;
        }
        error = json_object_get(op, "error");
        if (!error) {
            continue;
        }
        if (json_is_string(error)
            && !strcmp(json_string_value(error), "timed out")) {
            soft_errors++;
        } else if (json_is_string(error)
                   && !strcmp(json_string_value(error), "not owner")) {
            lock_errors++;
        } else if (json_is_string(error) && txn->dry_run
                   && !strcmp(json_string_value(error), "aborted")) {
            /* The "abort" that makes a dry run. */
        } else {
            hard_errors++;
            if (!txn->error) {
                txn->error = json_to_string(op, JSSF_SORT);
            }
        }
    }

    if (!hard_errors && !soft_errors && !lock_errors) {
        struct ovsdb_idl_txn_insert *insert;

        HMAP_FOR_EACH (insert, hmap_node, &txn->inserted_rows) {
            const json_t *op = json_array_get(ops, insert->op_index);
            const json_t *uuid = json_object_get(op, "uuid");

            if (!json_is_array(uuid) || json_array_size(uuid) != 2
                || !json_is_string(json_array_get(uuid, 1))
                || !uuid_from_string(&insert->real, json_string_value(
                                         json_array_get(uuid, 1)))) {
                hard_errors++;
                if (!txn->error) {
                    txn->error = xstrdup("\"insert\" reply lacks UUID");
                }
            }
        }

        if (txn->inc_sent) {
            const json_t *select = json_array_get(ops, txn->inc_index + 1);
            const json_t *rows = json_object_get(select, "rows");
            const json_t *value = (json_array_size(rows) == 1
                                   ? json_object_get(
                                       json_array_get(rows, 0),
                                       txn->inc_column->name)
                                   : NULL);

            if (json_is_integer(value)) {
                txn->inc_new_value = json_integer_value(value);
            } else {
                hard_errors++;
                if (!txn->error) {
                    txn->error = xasprintf("\"select\" reply for "
                                           "incremented column %s is "
                                           "malformed",
                                           txn->inc_column->name);
                }
            }
        }
    }

    if (hard_errors) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

        /* Clients such as ovs-vsctl show this on the console. */
        VLOG_WARN_RL(&rl, "transaction error: %s", txn->error);
    }
    txn->status = (hard_errors ? TXN_ERROR
                   : lock_errors ? TXN_NOT_LOCKED
                   : soft_errors ? TXN_TRY_AGAIN
                   : TXN_SUCCESS);
}

/* Writes 'datum' (taking its data) to 'column' of 'row'. */
static void
idl_txn_write__(const struct ovsdb_idl_row *row_,
                const struct ovsdb_idl_column *column,
                struct ovsdb_datum *datum, bool owns_datum)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);
    const struct ovsdb_idl_table_class *class;
    struct ovsdb_idl *idl;
    size_t idx;

    if (ovsdb_idl_row_is_synthetic(row)) {
        goto discard;
    }

    class = row->table->class_;
    idl = row->table->db->idl;
    idx = idl_column_index(row, column);
    ovs_assert(idl->txn);
    ovs_assert(row->new_datum != NULL);
    ovs_assert(column->is_mutable || !row->old_datum);

    bool write_only = row->table->modes[idx] == OVSDB_IDL_MONITOR;
    if (idl->verify_write_only && !write_only
        && (row->table->modes[idx] & OVSDB_IDL_MONITOR)) {
        VLOG_ERR("Bug: Attempt to write to a read/write column (%s:%s) when"
                 " explicitly configured not to.", class->name,
                 column->name);
        goto discard;
    }

    /* Writing an unchanged value to a write-only column is skipped: such
     * columns are rewritten periodically whether or not they changed.  (A
     * read/write column keeps the write, since another client may have
     * changed it since.) */
    if (write_only && row->old_datum
        && ovsdb_datum_equals(idl_row_datum(row, idx), datum,
                              &column->type)) {
        goto discard;
    }

    idl_txn_add_row(row);
    if (row->new_datum == row->old_datum) {
        row->new_datum = xmalloc(class->n_columns * sizeof *row->new_datum);
    }
    if (!row->written) {
        row->written = idl_bitmap_alloc(class->n_columns);
    }

    /* A whole new value supersedes partial updates made before. */
    if (row->partials && row->partials[idx]) {
        struct ovsdb_idl_partial *p = row->partials[idx];
        struct ovsdb_type set_type = idl_key_set_type(&column->type);
        struct ovsdb_type type = idl_unbounded_type(&column->type);

        ovsdb_datum_destroy(&p->deletes, &set_type);
        ovsdb_datum_destroy(&p->inserts, &type);
        free(p);
        row->partials[idx] = NULL;
    }

    column->unparse(row);
    if (idl_bitmap_is_set(row->written, idx) || !row->old_datum) {
        ovsdb_datum_destroy(&row->new_datum[idx], &column->type);
    }
    if (owns_datum) {
        row->new_datum[idx] = *datum;
    } else {
        ovsdb_datum_clone(&row->new_datum[idx], datum, &column->type);
    }
    idl_bitmap_set1(row->written, idx);
    column->parse(row, &row->new_datum[idx]);
    return;

discard:
    if (owns_datum) {
        ovsdb_datum_destroy(datum, &column->type);
    }
}

void
ovsdb_idl_txn_write(const struct ovsdb_idl_row *row,
                    const struct ovsdb_idl_column *column,
                    struct ovsdb_datum *datum)
{
    idl_txn_write__(row, column, datum, true);
}

void
ovsdb_idl_txn_write_clone(const struct ovsdb_idl_row *row,
                          const struct ovsdb_idl_column *column,
                          const struct ovsdb_datum *datum)
{
    idl_txn_write__(row, column, CONST_CAST(struct ovsdb_datum *, datum),
                    false);
}

/* The kinds of partial update. */
enum idl_partial_op {
    IDL_MAP_WRITE,              /* Set keys to values. */
    IDL_MAP_DELETE,             /* Delete keys. */
    IDL_SET_WRITE,              /* Add elements. */
    IDL_SET_DELETE,             /* Delete elements. */
};

/* Applies 'op' with argument 'arg' to 'target', of 'type'. */
static void
idl_apply_partial(struct ovsdb_datum *target, const struct ovsdb_type *type,
                  const struct ovsdb_datum *arg, enum idl_partial_op op)
{
    struct ovsdb_type set_type = idl_key_set_type(type);

    switch (op) {
    case IDL_MAP_WRITE:
        ovsdb_datum_subtract(target, type, arg, &set_type);
        ovsdb_datum_union(target, arg, type);
        break;
    case IDL_MAP_DELETE:
        ovsdb_datum_subtract(target, type, arg, &set_type);
        break;
    case IDL_SET_WRITE:
        ovsdb_datum_union(target, arg, type);
        break;
    case IDL_SET_DELETE:
        ovsdb_datum_subtract(target, type, arg, type);
        break;
    }
}

/* Records partial update 'op' of 'column' of 'row' with argument 'datum'
 * (heap-allocated, taken). */
static void
idl_txn_write_partial(const struct ovsdb_idl_row *row_,
                      const struct ovsdb_idl_column *column,
                      struct ovsdb_datum *datum, enum idl_partial_op op)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);
    struct ovsdb_type type = idl_unbounded_type(&column->type);
    struct ovsdb_type set_type = idl_key_set_type(&column->type);
    const struct ovsdb_type *arg_type = (op == IDL_MAP_DELETE ? &set_type
                                         : &type);

    ovs_assert(op == IDL_MAP_WRITE || op == IDL_MAP_DELETE
               ? ovsdb_type_is_map(&column->type)
               : ovsdb_type_is_set(&column->type));
    if (ovsdb_idl_row_is_synthetic(row) || !row->new_datum) {
        goto out;
    }

    size_t idx = idl_column_index(row, column);
    ovs_assert(row->table->db->idl->txn);

    if (!row->old_datum
        || (row->written && idl_bitmap_is_set(row->written, idx))) {
        /* The transaction has the whole value: change it in place. */
        struct ovsdb_datum value;

        ovsdb_datum_clone(&value, idl_row_datum(row, idx), &column->type);
        idl_apply_partial(&value, &column->type, datum, op);
        idl_txn_write__(row, column, &value, true);
        goto out;
    }

    idl_txn_add_row(row);
    if (!row->partials) {
        row->partials = xcalloc(row->table->class_->n_columns,
                                sizeof *row->partials);
    }
    struct ovsdb_idl_partial *p = row->partials[idx];
    if (!p) {
        p = row->partials[idx] = xmalloc(sizeof *p);
        ovsdb_datum_init_empty(&p->deletes);
        ovsdb_datum_init_empty(&p->inserts);
    }

    switch (op) {
    case IDL_MAP_WRITE:
        /* At commit, the keys that the replica has are deleted first (see
         * idl_txn_add_partials()). */
        ovsdb_datum_subtract(&p->inserts, &type, datum, &set_type);
        ovsdb_datum_union(&p->inserts, datum, &type);
        break;
    case IDL_MAP_DELETE:
        ovsdb_datum_subtract(&p->inserts, &type, datum, &set_type);
        ovsdb_datum_union(&p->deletes, datum, &set_type);
        break;
    case IDL_SET_WRITE:
        ovsdb_datum_subtract(&p->deletes, &set_type, datum, &set_type);
        ovsdb_datum_union(&p->inserts, datum, &type);
        break;
    case IDL_SET_DELETE:
        ovsdb_datum_subtract(&p->inserts, &type, datum, &set_type);
        ovsdb_datum_union(&p->deletes, datum, &set_type);
        break;
    }

out:
    ovsdb_datum_destroy(datum, arg_type);
    free(datum);
}

void
ovsdb_idl_txn_write_partial_map(const struct ovsdb_idl_row *row,
                                const struct ovsdb_idl_column *column,
                                struct ovsdb_datum *datum)
{
    idl_txn_write_partial(row, column, datum, IDL_MAP_WRITE);
}

void
ovsdb_idl_txn_delete_partial_map(const struct ovsdb_idl_row *row,
                                 const struct ovsdb_idl_column *column,
                                 struct ovsdb_datum *datum)
{
    idl_txn_write_partial(row, column, datum, IDL_MAP_DELETE);
}

void
ovsdb_idl_txn_write_partial_set(const struct ovsdb_idl_row *row,
                                const struct ovsdb_idl_column *column,
                                struct ovsdb_datum *datum)
{
    idl_txn_write_partial(row, column, datum, IDL_SET_WRITE);
}

void
ovsdb_idl_txn_delete_partial_set(const struct ovsdb_idl_row *row,
                                 const struct ovsdb_idl_column *column,
                                 struct ovsdb_datum *datum)
{
    idl_txn_write_partial(row, column, datum, IDL_SET_DELETE);
}

void
ovsdb_idl_txn_delete(const struct ovsdb_idl_row *row_)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);

    if (ovsdb_idl_row_is_synthetic(row)) {
        return;
    }

    struct ovsdb_idl_txn *txn = row->table->db->idl->txn;
    const struct ovsdb_idl_table_class *class = row->table->class_;

    ovs_assert(txn);
    ovs_assert(row->new_datum != NULL);

    idl_row_unparse(row);
    idl_row_free_partials(row);
    if (!row->old_datum) {
        /* Inserted by this transaction: just forget it. */
        hmap_remove(&txn->txn_rows, &row->txn_node);
        hmap_remove(&row->table->rows, &row->hmap_node);
        idl_row_free(row);
        return;
    }

    idl_txn_add_row(row);
    if (row->new_datum != row->old_datum) {
        for (size_t i = 0; i < class->n_columns; i++) {
            if (row->written && idl_bitmap_is_set(row->written, i)) {
                ovsdb_datum_destroy(&row->new_datum[i],
                                    &class->columns[i].type);
            }
        }
        free(row->new_datum);
    }
    free(row->written);
    row->written = NULL;
    row->new_datum = NULL;

    /* The row stays readable, with its committed values. */
    idl_row_parse(row);
}

const struct ovsdb_idl_row *
ovsdb_idl_txn_insert(struct ovsdb_idl_txn *txn,
                     const struct ovsdb_idl_table_class *class,
                     const struct uuid *uuid)
{
    struct ovsdb_idl_table *table = idl_db_table_from_class(&txn->idl->data,
                                                            class);
    struct ovsdb_idl_row *row = idl_row_alloc(class);

    ovs_assert(txn == txn->idl->txn);
    if (uuid) {
        ovs_assert(!idl_get_row(table, uuid));
        row->uuid = *uuid;
    } else {
        uuid_generate(&row->uuid);
    }
    row->table = table;
    row->new_datum = idl_datum_array_create(class);
    row->written = idl_bitmap_alloc(class->n_columns);
    hmap_insert(&table->rows, &row->hmap_node, uuid_hash(&row->uuid));
    hmap_insert(&txn->txn_rows, &row->txn_node, uuid_hash(&row->uuid));
    idl_row_parse(row);
    return row;
}

void
ovsdb_idl_txn_verify(const struct ovsdb_idl_row *row_,
                     const struct ovsdb_idl_column *column)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);

    if (ovsdb_idl_row_is_synthetic(row)) {
        return;
    }

    size_t idx = idl_column_index(row, column);
    ovs_assert(row->new_datum != NULL);
    ovs_assert(!row->old_datum
               || row->table->modes[idx] & OVSDB_IDL_MONITOR);
    if (!row->old_datum
        || (row->written && idl_bitmap_is_set(row->written, idx))) {
        return;
    }

    idl_txn_add_row(row);
    if (!row->prereqs) {
        row->prereqs = idl_bitmap_alloc(row->table->class_->n_columns);
    }
    idl_bitmap_set1(row->prereqs, idx);
}

/* Locks. */

void
ovsdb_idl_set_lock(struct ovsdb_idl *idl, const char *lock_name)
{
    ovs_assert(!idl->txn);
    ovs_assert(hmap_is_empty(&idl->outstanding_txns));

    if (idl->lock_name
        && (!lock_name || strcmp(lock_name, idl->lock_name))) {
        /* Release the old lock. */
        if (ovsdb_idl_is_connected(idl)) {
            json_decref(idl_send_request(idl, "unlock",
                                         json_pack("[s]", idl->lock_name)));
        }
        free(idl->lock_name);
        idl->lock_name = NULL;
        json_decref(idl->lock_request_id);
        idl->lock_request_id = NULL;
        idl_update_has_lock(idl, false);
        idl->is_lock_contended = false;
    }

    if (lock_name && !idl->lock_name) {
        idl->lock_name = xstrdup(lock_name);
        if (ovsdb_idl_is_connected(idl)) {
            idl_send_lock_request(idl);
        }
    }
}

bool
ovsdb_idl_has_lock(const struct ovsdb_idl *idl)
{
    return idl->has_lock;
}

bool
ovsdb_idl_is_lock_contended(const struct ovsdb_idl *idl)
{
    return idl->is_lock_contended;
}

/* Conditions. */

void
ovsdb_idl_condition_init(struct ovsdb_idl_condition *cond)
{
    hmap_init(&cond->clauses);
    cond->is_true = false;
}

void
ovsdb_idl_condition_clear(struct ovsdb_idl_condition *cond)
{
    struct ovsdb_idl_clause *clause;

    HMAP_FOR_EACH_POP (clause, hmap_node, &cond->clauses) {
        ovsdb_datum_destroy(&clause->arg, &clause->column->type);
        free(clause);
    }
    cond->is_true = false;
}

void
ovsdb_idl_condition_destroy(struct ovsdb_idl_condition *cond)
{
    if (cond) {
        ovsdb_idl_condition_clear(cond);
        hmap_destroy(&cond->clauses);
    }
}

bool
ovsdb_idl_condition_is_true(const struct ovsdb_idl_condition *cond)
{
    return cond->is_true;
}

static uint32_t
idl_clause_hash(enum ovsdb_function function,
                const struct ovsdb_idl_column *column,
                const struct ovsdb_datum *arg)
{
    uint32_t hash = hash_pointer(column, function);

    return ovsdb_datum_hash(arg, &column->type, hash);
}

/* Returns the clause in 'cond' equal to the given one, or NULL. */
static struct ovsdb_idl_clause *
idl_condition_find_clause(const struct ovsdb_idl_condition *cond,
                          enum ovsdb_function function,
                          const struct ovsdb_idl_column *column,
                          const struct ovsdb_datum *arg, uint32_t hash)
{
    struct ovsdb_idl_clause *clause;

    HMAP_FOR_EACH_WITH_HASH (clause, hmap_node, hash, &cond->clauses) {
        if (clause->function == function && clause->column == column
            && ovsdb_datum_equals(&clause->arg, arg, &column->type)) {
            return clause;
        }
    }
    return NULL;
}

static void
idl_condition_add_clause__(struct ovsdb_idl_condition *cond,
                           enum ovsdb_function function,
                           const struct ovsdb_idl_column *column,
                           const struct ovsdb_datum *arg, uint32_t hash)
{
    struct ovsdb_idl_clause *clause = xmalloc(sizeof *clause);

    clause->function = function;
    clause->column = column;
    ovsdb_datum_clone(&clause->arg, arg, &column->type);
    hmap_insert(&cond->clauses, &clause->hmap_node, hash);
}

void
ovsdb_idl_condition_add_clause(struct ovsdb_idl_condition *cond,
                               enum ovsdb_function function,
                               const struct ovsdb_idl_column *column,
                               const struct ovsdb_datum *arg)
{
    if (function == OVSDB_F_TRUE) {
        ovsdb_idl_condition_add_clause_true(cond);
    } else if (function != OVSDB_F_FALSE && !cond->is_true) {
        uint32_t hash = idl_clause_hash(function, column, arg);

        if (!idl_condition_find_clause(cond, function, column, arg, hash)) {
            idl_condition_add_clause__(cond, function, column, arg, hash);
        }
    }
}

void
ovsdb_idl_condition_add_clause_true(struct ovsdb_idl_condition *cond)
{
    ovsdb_idl_condition_clear(cond);
    cond->is_true = true;
}

static void
idl_condition_clone(struct ovsdb_idl_condition *dst,
                    const struct ovsdb_idl_condition *src)
{
    const struct ovsdb_idl_clause *clause;

    ovsdb_idl_condition_init(dst);
    dst->is_true = src->is_true;
    HMAP_FOR_EACH (clause, hmap_node, &src->clauses) {
        idl_condition_add_clause__(dst, clause->function, clause->column,
                                   &clause->arg,
                                   hmap_node_hash(&clause->hmap_node));
    }
}

static bool
idl_condition_equals(const struct ovsdb_idl_condition *a,
                     const struct ovsdb_idl_condition *b)
{
    const struct ovsdb_idl_clause *clause;

    if (a->is_true != b->is_true
        || hmap_count(&a->clauses) != hmap_count(&b->clauses)) {
        return false;
    }
    HMAP_FOR_EACH (clause, hmap_node, &a->clauses) {
        if (!idl_condition_find_clause(b, clause->function, clause->column,
                                       &clause->arg,
                                       hmap_node_hash(&clause->hmap_node))) {
            return false;
        }
    }
    return true;
}

/* Returns 'cond' as the JSON array of clauses that monitor_cond takes:
 * [true] if it is true, [false] if it has no clauses. */
static json_t *
idl_condition_to_json(const struct ovsdb_idl_condition *cond)
{
    const struct ovsdb_idl_clause *clause;
    json_t *clauses;

    if (cond->is_true) {
        return json_pack("[b]", 1);
    } else if (hmap_is_empty(&cond->clauses)) {
        return json_pack("[b]", 0);
    }

    /* Sort the clauses, so that the same condition always looks the same
     * on the wire. */
    size_t n = hmap_count(&cond->clauses);
    char **texts = xmalloc(n * sizeof *texts);
    json_t **jsons = xmalloc(n * sizeof *jsons);
    size_t i = 0;
    HMAP_FOR_EACH (clause, hmap_node, &cond->clauses) {
        jsons[i] = json_pack("[sso]", clause->column->name,
                             ovsdb_function_to_string(clause->function),
                             ovsdb_datum_to_json(&clause->arg,
                                                 &clause->column->type));
        texts[i] = json_to_string(jsons[i], JSSF_SORT);
        i++;
    }
    clauses = json_array();
    for (;;) {
        size_t best = SIZE_MAX;

        for (size_t j = 0; j < n; j++) {
            if (jsons[j] && (best == SIZE_MAX
                             || strcmp(texts[j], texts[best]) < 0)) {
                best = j;
            }
        }
        if (best == SIZE_MAX) {
            break;
        }
        json_array_append_new(clauses, jsons[best]);
        jsons[best] = NULL;
        free(texts[best]);
    }
    free(texts);
    free(jsons);
    return clauses;
}

unsigned int
ovsdb_idl_set_condition(struct ovsdb_idl *idl,
                        const struct ovsdb_idl_table_class *tc,
                        const struct ovsdb_idl_condition *condition)
{
    struct ovsdb_idl_db *db = &idl->data;
    struct ovsdb_idl_table *table = idl_db_table_from_class(db, tc);

    if (!idl_condition_equals(condition, &table->condition)) {
        ovsdb_idl_condition_destroy(&table->condition);
        idl_condition_clone(&table->condition, condition);
        table->cond_changed = true;
        db->cond_changed = true;
        poll_immediate_wake();
    }
    return (db->cond_seqno + db->pending_cond_acks
            + (db->cond_request_id ? 1 : 0) + (db->cond_changed ? 1 : 0));
}

unsigned int
ovsdb_idl_get_condition_seqno(const struct ovsdb_idl *idl)
{
    return idl->data.cond_seqno;
}

/* Indexes. */

/* Orders the rows in an index's skiplist: by the index's columns, then by
 * UUID, so that rows with equal keys are distinct entries (search keys,
 * with the all-zeros UUID, come before the rows they equal). */
static int
idl_index_skiplist_cmp(const void *a_, const void *b_, const void *index_)
{
    struct ovsdb_idl_index *index = CONST_CAST(struct ovsdb_idl_index *,
                                               index_);
    const struct ovsdb_idl_row *a = a_;
    const struct ovsdb_idl_row *b = b_;
    int cmp = ovsdb_idl_index_compare(index, a, b);

    return cmp ? cmp : uuid_compare_3way(&a->uuid, &b->uuid);
}

struct ovsdb_idl_index *
ovsdb_idl_index_create(struct ovsdb_idl *idl,
                       const struct ovsdb_idl_index_column *columns,
                       size_t n)
{
    ovs_assert(n > 0);

    struct ovsdb_idl_table *table = idl_table_from_column(&idl->data,
                                                          columns[0].column);
    struct ovsdb_idl_index *index = xzalloc(sizeof *index);
    struct ovsdb_idl_row *row;

    for (size_t i = 0; i < n; i++) {
        ovs_assert(idl_table_from_column(&idl->data, columns[i].column)
                   == table);
        ovs_assert(table->modes[columns[i].column - table->class_->columns]
                   & OVSDB_IDL_MONITOR);
    }
    index->table = table;
    index->columns = xmemdup(columns, n * sizeof *columns);
    index->n_columns = n;
    index->skiplist = skiplist_create(idl_index_skiplist_cmp, index);
    ovs_list_push_back(&table->indexes, &index->node);

    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        if (!idl_row_is_orphan(row)) {
            skiplist_insert(index->skiplist, row);
        }
    }
    return index;
}

struct ovsdb_idl_index *
ovsdb_idl_index_create1(struct ovsdb_idl *idl,
                        const struct ovsdb_idl_column *column)
{
    const struct ovsdb_idl_index_column columns[] = {
        { .column = column, .order = OVSDB_INDEX_ASC },
    };
    return ovsdb_idl_index_create(idl, columns, ARRAY_SIZE(columns));
}

struct ovsdb_idl_index *
ovsdb_idl_index_create2(struct ovsdb_idl *idl,
                        const struct ovsdb_idl_column *column1,
                        const struct ovsdb_idl_column *column2)
{
    const struct ovsdb_idl_index_column columns[] = {
        { .column = column1, .order = OVSDB_INDEX_ASC },
        { .column = column2, .order = OVSDB_INDEX_ASC },
    };
    return ovsdb_idl_index_create(idl, columns, ARRAY_SIZE(columns));
}

const struct ovsdb_idl_table_class *
ovsdb_idl_index_get_table(const struct ovsdb_idl_index *index)
{
    return index->table->class_;
}

static void
idl_add_to_indexes(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_index *index;

    LIST_FOR_EACH (index, node, &row->table->indexes) {
        skiplist_insert(index->skiplist, row);
    }
}

static void
idl_remove_from_indexes(struct ovsdb_idl_row *row)
{
    struct ovsdb_idl_index *index;

    LIST_FOR_EACH (index, node, &row->table->indexes) {
        skiplist_delete(index->skiplist, row);
    }
}

int
ovsdb_idl_index_compare(struct ovsdb_idl_index *index,
                        const struct ovsdb_idl_row *a,
                        const struct ovsdb_idl_row *b)
{
    const struct ovsdb_idl_table_class *class = index->table->class_;

    for (size_t i = 0; i < index->n_columns; i++) {
        const struct ovsdb_idl_index_column *c = &index->columns[i];
        size_t idx = c->column - class->columns;
        int cmp;

        if (c->comparer) {
            cmp = c->comparer(a, b);
        } else {
            cmp = ovsdb_datum_compare_3way(idl_row_committed_datum(a, idx),
                                           idl_row_committed_datum(b, idx),
                                           &c->column->type);
        }
        if (cmp) {
            return c->order == OVSDB_INDEX_ASC ? cmp : -cmp;
        }
    }
    return 0;
}

struct ovsdb_idl_cursor
ovsdb_idl_cursor_first(struct ovsdb_idl_index *index)
{
    return (struct ovsdb_idl_cursor) {
        .index = index,
        .position = skiplist_first(index->skiplist),
    };
}

struct ovsdb_idl_cursor
ovsdb_idl_cursor_first_ge(struct ovsdb_idl_index *index,
                          const struct ovsdb_idl_row *target)
{
    return (struct ovsdb_idl_cursor) {
        .index = index,
        .position = (target
                     ? skiplist_forward_to(index->skiplist, target)
                     : skiplist_first(index->skiplist)),
    };
}

struct ovsdb_idl_cursor
ovsdb_idl_cursor_first_eq(struct ovsdb_idl_index *index,
                          const struct ovsdb_idl_row *target)
{
    struct ovsdb_idl_cursor cursor = ovsdb_idl_cursor_first_ge(index,
                                                               target);
    const struct ovsdb_idl_row *row = ovsdb_idl_cursor_data(&cursor);

    if (row && ovsdb_idl_index_compare(index, row, target)) {
        cursor.position = NULL;
    }
    return cursor;
}

void
ovsdb_idl_cursor_next(struct ovsdb_idl_cursor *cursor)
{
    cursor->position = skiplist_next(cursor->position);
}

void
ovsdb_idl_cursor_next_eq(struct ovsdb_idl_cursor *cursor)
{
    struct ovsdb_idl_row *cur = ovsdb_idl_cursor_data(cursor);

    ovsdb_idl_cursor_next(cursor);
    struct ovsdb_idl_row *next = ovsdb_idl_cursor_data(cursor);
    if (next && ovsdb_idl_index_compare(cursor->index, cur, next)) {
        cursor->position = NULL;
    }
}

struct ovsdb_idl_row *
ovsdb_idl_cursor_data(struct ovsdb_idl_cursor *cursor)
{
    return skiplist_get_data(cursor->position);
}

const struct ovsdb_idl_row *
ovsdb_idl_index_find(struct ovsdb_idl_index *index,
                     const struct ovsdb_idl_row *target)
{
    struct ovsdb_idl_cursor cursor = ovsdb_idl_cursor_first_eq(index,
                                                               target);
    return ovsdb_idl_cursor_data(&cursor);
}

struct ovsdb_idl_row *
ovsdb_idl_index_init_row(struct ovsdb_idl_index *index)
{
    const struct ovsdb_idl_table_class *class = index->table->class_;
    struct ovsdb_idl_row *row = idl_row_alloc(class);

    row->table = index->table;
    row->is_index_row = true;
    row->old_datum = row->new_datum = idl_datum_array_create(class);
    idl_row_parse(row);
    return row;
}

void
ovsdb_idl_index_write(struct ovsdb_idl_row *row,
                      const struct ovsdb_idl_column *column,
                      struct ovsdb_datum *datum,
                      const struct ovsdb_idl_table_class *class)
{
    size_t idx = column - class->columns;

    ovs_assert(row->is_index_row && row->table->class_ == class);
    ovs_assert(idx < class->n_columns);
    column->unparse(row);
    ovsdb_datum_destroy(&row->old_datum[idx], &column->type);
    row->old_datum[idx] = *datum;
    column->parse(row, &row->old_datum[idx]);
}

void
ovsdb_idl_index_destroy_row(const struct ovsdb_idl_row *row_)
{
    struct ovsdb_idl_row *row = CONST_CAST(struct ovsdb_idl_row *, row_);

    if (row) {
        ovs_assert(row->is_index_row);
        idl_row_free(row);
    }
}

/* The transaction loop. */

void
ovsdb_idl_loop_destroy(struct ovsdb_idl_loop *loop)
{
    if (loop) {
        ovsdb_idl_txn_destroy(loop->committing_txn);
        ovsdb_idl_txn_destroy(loop->open_txn);
        ovsdb_idl_destroy(loop->idl);
    }
}

/* Finishes with 'loop''s committing transaction, which completed with
 * 'status'.  Returns 1 for success, 0 for failure. */
static int
idl_loop_txn_done(struct ovsdb_idl_loop *loop,
                  enum ovsdb_idl_txn_status status)
{
    int retval = 0;

    switch (status) {
    case TXN_TRY_AGAIN:
        /* Run again once the replica differs from what the transaction
         * was based on (perhaps it already does). */
        loop->skip_seqno = loop->precommit_seqno;
        if (ovsdb_idl_get_seqno(loop->idl) != loop->skip_seqno) {
            poll_immediate_wake();
        }
        break;

    case TXN_SUCCESS:
        /* Work may have waited for this transaction: look again. */
        loop->cur_cfg = loop->next_cfg;
        poll_immediate_wake();
        retval = 1;
        break;

    case TXN_UNCHANGED:
        loop->cur_cfg = loop->next_cfg;
        retval = 1;
        break;

    case TXN_ABORTED:
    case TXN_NOT_LOCKED:
    case TXN_ERROR:
        break;

    case TXN_UNCOMMITTED:
    case TXN_INCOMPLETE:
    default:
        OVS_NOT_REACHED();
    }

    ovsdb_idl_txn_destroy(loop->committing_txn);
    loop->committing_txn = NULL;
    return retval;
}

struct ovsdb_idl_txn *
ovsdb_idl_loop_run(struct ovsdb_idl_loop *loop)
{
    ovsdb_idl_run(loop->idl);

    if (loop->committing_txn) {
        enum ovsdb_idl_txn_status status
            = ovsdb_idl_txn_commit(loop->committing_txn);
        if (status != TXN_INCOMPLETE) {
            idl_loop_txn_done(loop, status);
        }
    }

    loop->open_txn = (loop->committing_txn
                      || ovsdb_idl_get_seqno(loop->idl) == loop->skip_seqno
                      ? NULL
                      : ovsdb_idl_txn_create(loop->idl));
    if (loop->open_txn) {
        ovsdb_idl_txn_add_comment(loop->open_txn, "%s", program_name);
    }
    return loop->open_txn;
}

int
ovsdb_idl_loop_commit_and_wait(struct ovsdb_idl_loop *loop)
{
    int retval = 1;

    if (loop->open_txn) {
        loop->committing_txn = loop->open_txn;
        loop->open_txn = NULL;
        loop->precommit_seqno = ovsdb_idl_get_seqno(loop->idl);
    }

    if (loop->committing_txn) {
        enum ovsdb_idl_txn_status status
            = ovsdb_idl_txn_commit(loop->committing_txn);
        if (status == TXN_INCOMPLETE) {
            ovsdb_idl_txn_wait(loop->committing_txn);
            retval = -1;
        } else {
            retval = idl_loop_txn_done(loop, status);
        }
    }

    ovsdb_idl_wait(loop->idl);
    return retval;
}
