/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "transaction.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "column.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "ovsdb.h"
#include "row.h"
#include "table.h"
#include "uuid.h"

/* A transaction. */
struct ovsdb_txn {
    struct ovsdb *db;           /* The database. */
    struct ovs_list txn_tables; /* Contains struct ovsdb_txn_table. */
    struct ds comment;          /* Comments of "comment" operations. */
    bool checked;               /* Passed the commit checks? */
};

/* A table that a transaction touches. */
struct ovsdb_txn_table {
    struct ovs_list node;       /* In struct ovsdb_txn's 'txn_tables'. */
    struct ovsdb_table *table;  /* The table. */
    struct hmap txn_rows;       /* struct ovsdb_txn_row, by UUID hash. */
    struct ovs_list row_list;   /* The same, in order of creation. */
    unsigned int n_deleted;     /* Rows deleted so far. */
    unsigned int n_deleted_scanned; /* 'n_deleted' when weak references to
                                     * this table were last looked for in
                                     * rows outside the transaction. */
};

/* Weak references removed from one column of a row during commit. */
struct weak_removal {
    unsigned int n;             /* Number of references removed. */
    bool zero;                  /* Was one of them the all-zeros UUID? */
};

/* A row that a transaction touches.
 *
 *   - Inserted: 'old' is NULL, 'new' the row.
 *   - Deleted: 'old' the row, 'new' NULL.
 *   - Modified: 'old' the committed row, 'new' its modifiable copy.
 *   - Referenced only: 'old' == 'new', the committed row, which the
 *     transaction does not change but whose reference count it does.
 *   - Dead: both NULL (inserted, then deleted). */
struct ovsdb_txn_row {
    struct hmap_node hmap_node; /* In struct ovsdb_txn_table's 'txn_rows'. */
    struct ovs_list list_node;  /* In struct ovsdb_txn_table's 'row_list'. */
    struct ovsdb_txn_table *txn_table; /* The table's transaction data. */
    struct uuid uuid;           /* The row's UUID. */
    struct ovsdb_row *old;      /* Committed version, or NULL. */
    struct ovsdb_row *new;      /* Version after the transaction, or NULL. */
    size_t n_refs;              /* Strong references after the transaction
                                 * (meaningful during commit). */
    bool counted;               /* References counted by commit? */
    struct weak_removal *weak;  /* Per column, or NULL if none removed. */
    unsigned long int *changed; /* Bitmap of changed columns (after the
                                 * checks). */
};

static struct ovsdb_txn_row *add_txn_row(struct ovsdb_txn *,
                                         struct ovsdb_table *,
                                         struct ovsdb_row *old,
                                         struct ovsdb_row *new);

struct ovsdb_txn *
ovsdb_txn_create(struct ovsdb *db)
{
    struct ovsdb_txn *txn = xzalloc(sizeof *txn);

    ovs_assert(!db->txn);
    txn->db = db;
    ovs_list_init(&txn->txn_tables);
    ds_init(&txn->comment);
    txn->checked = false;
    db->txn = txn;
    return txn;
}

struct ovsdb *
ovsdb_txn_get_db(const struct ovsdb_txn *txn)
{
    return txn->db;
}

static struct ovsdb_txn_table *
get_txn_table(struct ovsdb_txn *txn, struct ovsdb_table *table)
{
    struct ovsdb_txn_table *txn_table = table->txn_table;

    if (!txn_table) {
        txn_table = xzalloc(sizeof *txn_table);
        txn_table->table = table;
        hmap_init(&txn_table->txn_rows);
        ovs_list_init(&txn_table->row_list);
        ovs_list_push_back(&txn->txn_tables, &txn_table->node);
        table->txn_table = txn_table;
    }
    return txn_table;
}

static struct ovsdb_txn_row *
find_txn_row(const struct ovsdb_table *table, const struct uuid *uuid)
{
    struct ovsdb_txn_row *txn_row;

    if (!table->txn_table) {
        return NULL;
    }
    HMAP_FOR_EACH_WITH_HASH (txn_row, hmap_node, uuid_hash(uuid),
                             &table->txn_table->txn_rows) {
        if (uuid_equals(&txn_row->uuid, uuid)) {
            return txn_row;
        }
    }
    return NULL;
}

static struct ovsdb_txn_row *
add_txn_row(struct ovsdb_txn *txn, struct ovsdb_table *table,
            struct ovsdb_row *old, struct ovsdb_row *new)
{
    struct ovsdb_txn_table *txn_table = get_txn_table(txn, table);
    struct ovsdb_txn_row *txn_row = xzalloc(sizeof *txn_row);

    txn_row->txn_table = txn_table;
    txn_row->uuid = *ovsdb_row_get_uuid(old ? old : new);
    txn_row->old = old;
    txn_row->new = new;
    txn_row->n_refs = old ? old->n_refs : 0;
    if (old) {
        old->txn_row = txn_row;
    }
    if (new) {
        new->txn_row = txn_row;
    }
    hmap_insert(&txn_table->txn_rows, &txn_row->hmap_node,
                uuid_hash(&txn_row->uuid));
    ovs_list_push_back(&txn_table->row_list, &txn_row->list_node);
    return txn_row;
}

struct ovsdb_row *
ovsdb_txn_row_modify(struct ovsdb_txn *txn, const struct ovsdb_row *ro_row)
{
    struct ovsdb_row *row = CONST_CAST(struct ovsdb_row *, ro_row);
    struct ovsdb_txn_row *txn_row = row->txn_row;
    struct ovsdb_table *table = row->table;
    struct ovsdb_row *new;

    if (txn_row && txn_row->new != txn_row->old) {
        /* Inserted or already modified: 'new' is ours to change. */
        ovs_assert(txn_row->new == row);
        return row;
    }

    new = ovsdb_row_clone(row);
    if (!txn_row) {
        txn_row = add_txn_row(txn, table, row, NULL);
    }
    new->txn_row = txn_row;
    txn_row->new = new;
    hmap_replace(&table->rows, &row->hmap_node, &new->hmap_node);
    return new;
}

void
ovsdb_txn_row_insert(struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    struct ovsdb_table *table = row->table;

    uuid_generate(ovsdb_row_get_version_rw(row));
    row->n_refs = 0;
    add_txn_row(txn, table, NULL, row);
    hmap_insert(&table->rows, &row->hmap_node, ovsdb_row_hash(row));
}

void
ovsdb_txn_row_delete(struct ovsdb_txn *txn, const struct ovsdb_row *ro_row)
{
    struct ovsdb_row *row = CONST_CAST(struct ovsdb_row *, ro_row);
    struct ovsdb_txn_row *txn_row = row->txn_row;
    struct ovsdb_table *table = row->table;

    hmap_remove(&table->rows, &row->hmap_node);
    if (!txn_row) {
        txn_row = add_txn_row(txn, table, row, NULL);
    } else {
        ovs_assert(txn_row->new == row);
        if (txn_row->new != txn_row->old) {
            ovsdb_row_destroy(txn_row->new);
        }
        txn_row->new = NULL;
    }
    txn_row->txn_table->n_deleted++;
}

bool
ovsdb_txn_has_row(const struct ovsdb_txn *txn OVS_UNUSED,
                  const struct ovsdb_table *table, const struct uuid *uuid)
{
    return find_txn_row(table, uuid) != NULL;
}

bool
ovsdb_txn_may_have_changed(const struct ovsdb_txn *txn)
{
    const struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        const struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
            if (txn_row->old != txn_row->new) {
                return true;
            }
        }
    }
    return false;
}

void
ovsdb_txn_add_comment(struct ovsdb_txn *txn, const char *comment)
{
    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    ds_put_cstr(&txn->comment, comment);
}

const char *
ovsdb_txn_get_comment(const struct ovsdb_txn *txn)
{
    return txn->comment.length ? ds_cstr_ro(&txn->comment) : NULL;
}

/* Frees 'txn' and its bookkeeping, detaching it from the rows and tables;
 * the caller has already put the rows where they belong. */
static void
txn_destroy(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH_POP (txn_table, node, &txn->txn_tables) {
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH_POP (txn_row, list_node, &txn_table->row_list) {
            free(txn_row->weak);
            free(txn_row->changed);
            free(txn_row);
        }
        hmap_destroy(&txn_table->txn_rows);
        txn_table->table->txn_table = NULL;
        free(txn_table);
    }
    ds_destroy(&txn->comment);
    txn->db->txn = NULL;
    free(txn);
}

void
ovsdb_txn_abort(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    if (!txn) {
        return;
    }

    /* Undo in reverse order of creation, so that rows end up as they
     * were. */
    LIST_FOR_EACH_REVERSE (txn_table, node, &txn->txn_tables) {
        struct ovsdb_table *table = txn_table->table;
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH_REVERSE (txn_row, list_node, &txn_table->row_list) {
            struct ovsdb_row *old = txn_row->old;
            struct ovsdb_row *new = txn_row->new;

            if (old == new) {
                /* Nothing changed (or dead). */
            } else if (old && new) {
                hmap_replace(&table->rows, &new->hmap_node, &old->hmap_node);
                ovsdb_row_destroy(new);
            } else if (new) {
                hmap_remove(&table->rows, &new->hmap_node);
                ovsdb_row_destroy(new);
            } else {
                hmap_insert(&table->rows, &old->hmap_node,
                            ovsdb_row_hash(old));
            }
            if (old) {
                old->txn_row = NULL;
            }
        }
    }
    txn_destroy(txn);
}

/* Reference counting. */

/* Returns true if 'uuid' in 'ref_table' is 'row' itself.  As upstream
 * does, a row's references to itself do not count: they do not keep it
 * from being garbage collected or deleted. */
static bool
is_self_ref(const struct ovsdb_row *row, const struct ovsdb_table *ref_table,
            const struct uuid *uuid)
{
    return (ref_table == row->table
            && uuid_equals(uuid, ovsdb_row_get_uuid(row)));
}

/* Calls 'cb' for each strong reference in 'row' (other than to itself):
 * for each atom of a column whose key or value is a strong reference, with
 * the referenced table.  If 'other' is nonnull, only columns whose values
 * differ between 'row' and 'other' are considered.  Stops and returns the
 * first error 'cb' returns. */
static struct ovsdb_error *
for_each_strong_ref(struct ovsdb_txn *txn, struct ovsdb_row *row,
                    struct ovsdb_error *(*cb)(struct ovsdb_txn *,
                                              struct ovsdb_row *,
                                              const struct ovsdb_column *,
                                              struct ovsdb_table *,
                                              const struct uuid *),
                    const struct ovsdb_row *other)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    size_t i, n = ovsdb_table_schema_n_columns(ts);

    for (i = OVSDB_N_STD_COLUMNS; i < n; i++) {
        const struct ovsdb_column *column = ts->by_index[i];
        const struct ovsdb_datum *datum = &row->fields[i];
        const struct ovsdb_base_type *bases[2] = { &column->type.key,
                                                   &column->type.value };
        int b;

        if (other
            && !ovsdb_base_type_is_strong_ref(&column->type.key)
            && !ovsdb_base_type_is_strong_ref(&column->type.value)) {
            continue;
        }
        if (other && ovsdb_datum_equals(datum, &other->fields[i],
                                        &column->type)) {
            continue;
        }
        for (b = 0; b < 2; b++) {
            const struct ovsdb_base_type *base = bases[b];
            const union ovsdb_atom *atoms = b ? datum->values : datum->keys;
            unsigned int j;

            if (!ovsdb_base_type_is_strong_ref(base) || !atoms) {
                continue;
            }
            for (j = 0; j < datum->n; j++) {
                struct ovsdb_error *error;

                if (is_self_ref(row, base->u.uuid.refTable, &atoms[j].uuid)) {
                    continue;
                }
                error = cb(txn, row, column, base->u.uuid.refTable,
                           &atoms[j].uuid);
                if (error) {
                    return error;
                }
            }
        }
    }
    return NULL;
}

/* Returns the transaction row for the row with 'uuid' in 'table',
 * creating a referenced-only one if the row exists but the transaction
 * does not touch it yet.  Returns NULL if there is no such row in the
 * transaction's view (though a deleted row's entry is returned). */
static struct ovsdb_txn_row *
get_ref_target(struct ovsdb_txn *txn, struct ovsdb_table *table,
               const struct uuid *uuid)
{
    struct ovsdb_txn_row *txn_row = find_txn_row(table, uuid);

    if (!txn_row) {
        struct ovsdb_row *row;

        row = CONST_CAST(struct ovsdb_row *, ovsdb_table_get_row(table,
                                                                  uuid));
        if (!row) {
            return NULL;
        }
        txn_row = add_txn_row(txn, table, row, row);
        txn_row->counted = true;
    }
    return txn_row;
}

static struct ovsdb_error *
decrement_ref(struct ovsdb_txn *txn, struct ovsdb_row *row OVS_UNUSED,
              const struct ovsdb_column *column OVS_UNUSED,
              struct ovsdb_table *ref_table, const struct uuid *uuid)
{
    struct ovsdb_txn_row *target = get_ref_target(txn, ref_table, uuid);

    if (target) {
        ovs_assert(target->n_refs > 0);
        target->n_refs--;
    }
    return NULL;
}

static struct ovsdb_error *
increment_ref(struct ovsdb_txn *txn, struct ovsdb_row *row,
              const struct ovsdb_column *column,
              struct ovsdb_table *ref_table, const struct uuid *uuid)
{
    struct ovsdb_txn_row *target = get_ref_target(txn, ref_table, uuid);

    if (!target || !target->new) {
        return ovsdb_error("referential integrity violation",
                           "Table %s column %s row "UUID_FMT" references "
                           "nonexistent row "UUID_FMT" in table %s.",
                           row->table->schema->name, column->name,
                           UUID_ARGS(ovsdb_row_get_uuid(row)),
                           UUID_ARGS(uuid), ref_table->schema->name);
    }
    target->n_refs++;
    return NULL;
}

/* Counts the references that the transaction adds and removes. */
static struct ovsdb_error *
count_refs(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
            struct ovsdb_error *error;

            if (txn_row->counted) {
                continue;
            }
            txn_row->counted = true;
            if (txn_row->old == txn_row->new) {
                continue;
            }
            /* For a modified row, only the columns that changed. */
            if (txn_row->old) {
                ovs_assert(!for_each_strong_ref(txn, txn_row->old,
                                                decrement_ref,
                                                txn_row->new));
            }
            if (txn_row->new) {
                error = for_each_strong_ref(txn, txn_row->new,
                                            increment_ref, txn_row->old);
                if (error) {
                    return error;
                }
            }
        }
    }
    return NULL;
}

/* Garbage collection: deletes the rows of non-root tables that nothing
 * references.  Returns true if it deleted any. */
static bool
collect_garbage(struct ovsdb_txn *txn)
{
    bool any = false;
    bool progress;

    do {
        struct ovsdb_txn_table *txn_table;

        progress = false;
        LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
            struct ovsdb_txn_row *txn_row;

            if (txn_table->table->schema->is_root) {
                continue;
            }
            LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
                struct ovsdb_row *row = txn_row->new;

                if (row && !txn_row->n_refs) {
                    ovs_assert(!for_each_strong_ref(txn, row, decrement_ref,
                                                    NULL));
                    ovsdb_txn_row_delete(txn, row);
                    progress = any = true;
                }
            }
        }
    } while (progress);
    return any;
}

/* Returns true if the row with 'uuid' exists in 'table' (as the
 * transaction sees it). */
static bool
row_exists(const struct ovsdb_table *table, const struct uuid *uuid)
{
    return ovsdb_table_get_row(table, uuid) != NULL;
}

/* Returns true if 'row' has a weak reference to a row that does not
 * exist. */
static bool
has_dangling_weak_refs(const struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    size_t i, n = ovsdb_table_schema_n_columns(ts);

    for (i = OVSDB_N_STD_COLUMNS; i < n; i++) {
        const struct ovsdb_column *column = ts->by_index[i];
        const struct ovsdb_datum *datum = &row->fields[i];
        unsigned int j;

        if (ovsdb_base_type_is_weak_ref(&column->type.key)) {
            for (j = 0; j < datum->n; j++) {
                if (!row_exists(column->type.key.u.uuid.refTable,
                                &datum->keys[j].uuid)) {
                    return true;
                }
            }
        }
        if (ovsdb_base_type_is_weak_ref(&column->type.value)) {
            for (j = 0; j < datum->n; j++) {
                if (!row_exists(column->type.value.u.uuid.refTable,
                                &datum->values[j].uuid)) {
                    return true;
                }
            }
        }
    }
    return false;
}

/* Removes the weak references to nonexistent rows from 'row' (which the
 * transaction touches), dropping strong references that went along in a
 * map.  Returns true if it removed any. */
static bool
remove_dangling_weak_refs(struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    const struct ovsdb_table_schema *ts = row->table->schema;
    size_t i, n = ovsdb_table_schema_n_columns(ts);
    bool any = false;

    if (!has_dangling_weak_refs(row)) {
        return false;
    }
    row = ovsdb_txn_row_modify(txn, row);

    for (i = OVSDB_N_STD_COLUMNS; i < n; i++) {
        const struct ovsdb_column *column = ts->by_index[i];
        const struct ovsdb_type *type = &column->type;
        struct ovsdb_datum *datum = &row->fields[i];
        bool key_weak = ovsdb_base_type_is_weak_ref(&type->key);
        bool value_weak = ovsdb_base_type_is_weak_ref(&type->value);
        unsigned int j;

        if (!key_weak && !value_weak) {
            continue;
        }
        for (j = 0; j < datum->n; ) {
            const struct uuid *dangling = NULL;

            if (key_weak && !row_exists(type->key.u.uuid.refTable,
                                        &datum->keys[j].uuid)) {
                dangling = &datum->keys[j].uuid;
            } else if (value_weak
                       && !row_exists(type->value.u.uuid.refTable,
                                      &datum->values[j].uuid)) {
                dangling = &datum->values[j].uuid;
            }
            if (!dangling) {
                j++;
                continue;
            }

            struct ovsdb_txn_row *txn_row = row->txn_row;
            if (!txn_row->weak) {
                txn_row->weak = xcalloc(n, sizeof *txn_row->weak);
            }
            txn_row->weak[i].n++;
            if (uuid_is_zero(dangling)) {
                txn_row->weak[i].zero = true;
            }

            /* A strong reference on the other side of the pair goes too. */
            if (ovsdb_base_type_is_strong_ref(&type->key)
                && !is_self_ref(row, type->key.u.uuid.refTable,
                                &datum->keys[j].uuid)) {
                decrement_ref(txn, row, column, type->key.u.uuid.refTable,
                              &datum->keys[j].uuid);
            }
            if (ovsdb_base_type_is_strong_ref(&type->value)
                && !is_self_ref(row, type->value.u.uuid.refTable,
                                &datum->values[j].uuid)) {
                decrement_ref(txn, row, column, type->value.u.uuid.refTable,
                              &datum->values[j].uuid);
            }
            ovsdb_datum_remove_unsafe(datum, j, type);
            any = true;
        }
        ovsdb_datum_sort_assert(datum, type->key.type);
    }
    return any;
}

/* Removes weak references to nonexistent rows from every row that may
 * have them.  Returns true if it changed anything. */
static bool
update_weak_refs(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;
    bool any = false;

    /* Rows in the transaction. */
    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
            if (txn_row->new && remove_dangling_weak_refs(txn,
                                                          txn_row->new)) {
                any = true;
            }
        }
    }

    /* Rows outside the transaction that refer to rows it deleted. */
    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        struct ovsdb_table *deleted_from = txn_table->table;
        struct shash_node *node;

        if (txn_table->n_deleted == txn_table->n_deleted_scanned) {
            continue;
        }
        txn_table->n_deleted_scanned = txn_table->n_deleted;

        SHASH_FOR_EACH (node, &txn->db->tables) {
            struct ovsdb_table *table = node->data;
            const struct ovsdb_table_schema *ts = table->schema;
            size_t i, n = ovsdb_table_schema_n_columns(ts);
            bool refers = false;

            for (i = OVSDB_N_STD_COLUMNS; i < n; i++) {
                const struct ovsdb_type *type = &ts->by_index[i]->type;

                if ((ovsdb_base_type_is_weak_ref(&type->key)
                     && type->key.u.uuid.refTable == deleted_from)
                    || (ovsdb_base_type_is_weak_ref(&type->value)
                        && type->value.u.uuid.refTable == deleted_from)) {
                    refers = true;
                    break;
                }
            }
            if (!refers) {
                continue;
            }

            /* Collect first: modifying a row replaces it in 'rows'. */
            struct ovsdb_row_set dangling = OVSDB_ROW_SET_INITIALIZER;
            struct ovsdb_row *row;

            HMAP_FOR_EACH (row, hmap_node, &table->rows) {
                if (!row->txn_row && has_dangling_weak_refs(row)) {
                    ovsdb_row_set_add_row(&dangling, row);
                }
            }
            for (i = 0; i < dangling.n_rows; i++) {
                remove_dangling_weak_refs(
                    txn, CONST_CAST(struct ovsdb_row *, dangling.rows[i]));
                any = true;
            }
            ovsdb_row_set_destroy(&dangling);
        }
    }
    return any;
}

/* Fails if a row that the transaction deleted is still referenced. */
static struct ovsdb_error *
check_deleted_refs(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
            if (txn_row->old && !txn_row->new && txn_row->n_refs) {
                return ovsdb_error("referential integrity violation",
                                   "cannot delete %s row "UUID_FMT" because "
                                   "of %zu remaining reference(s)",
                                   txn_table->table->schema->name,
                                   UUID_ARGS(&txn_row->uuid),
                                   txn_row->n_refs);
            }
        }
    }
    return NULL;
}

/* Fails if removing weak references left a column too small. */
static struct ovsdb_error *
check_weak_constraints(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        const struct ovsdb_table_schema *ts = txn_table->table->schema;
        size_t n = ovsdb_table_schema_n_columns(ts);
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
            size_t i;

            if (!txn_row->new || !txn_row->weak) {
                continue;
            }
            for (i = 0; i < n; i++) {
                const struct ovsdb_column *column = ts->by_index[i];
                const struct weak_removal *w = &txn_row->weak[i];

                if (!w->n
                    || txn_row->new->fields[i].n >= column->type.n_min) {
                    continue;
                }
                if (w->zero) {
                    return ovsdb_error(
                        "constraint violation",
                        "Weak reference column \"%s\" in \"%s\" row "
                        UUID_FMT" %scontained all-zeros UUID (probably as "
                        "the default value for this column) but deleting "
                        "this value caused a constraint volation because "
                        "this column is not allowed to be empty.",
                        column->name, ts->name, UUID_ARGS(&txn_row->uuid),
                        txn_row->old ? ""
                        : "(inserted within this transaction) ");
                }
                return ovsdb_error(
                    "constraint violation",
                    "Deletion of %u weak reference(s) to deleted (or "
                    "never-existing) rows from column \"%s\" in \"%s\" row "
                    UUID_FMT" %scaused this column to become empty, but "
                    "constraints on this column disallow an empty column.",
                    w->n, column->name, ts->name, UUID_ARGS(&txn_row->uuid),
                    txn_row->old ? "" : "(inserted within this transaction) ");
            }
        }
    }
    return NULL;
}

static struct ovsdb_error *
check_max_rows(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        const struct ovsdb_table *table = txn_table->table;
        size_t n_rows = hmap_count(&table->rows);
        unsigned int max_rows = table->schema->max_rows;

        if (n_rows > max_rows) {
            return ovsdb_error("constraint violation",
                               "transaction causes \"%s\" table to contain "
                               "%zu rows, greater than the "
                               "schema-defined limit of %u row(s)",
                               table->schema->name, n_rows, max_rows);
        }
    }
    return NULL;
}

/* Appends 'items' to 'ds' as an English list: "a", "a and b",
 * "a, b, and c". */
static void
put_english_list(struct ds *ds, char **items, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i > 0) {
            ds_put_cstr(ds, (n == 2 ? " and "
                             : i == n - 1 ? ", and " : ", "));
        }
        ds_put_cstr(ds, items[i]);
    }
}

/* Appends the values of 'index' in 'row' to 'ds' as an English list. */
static void
put_index_values(struct ds *ds, const struct ovsdb_row *row,
                 const struct ovsdb_column_set *index)
{
    char **items = xmalloc(index->n_columns * sizeof *items);
    size_t i;

    for (i = 0; i < index->n_columns; i++) {
        const struct ovsdb_column *column = index->columns[i];
        struct ds value = DS_EMPTY_INITIALIZER;

        ovsdb_datum_to_string(&row->fields[column->index], &column->type,
                              &value);
        items[i] = ds_steal_cstr(&value);
        if (!items[i]) {
            items[i] = xstrdup("");
        }
    }
    put_english_list(ds, items, index->n_columns);
    for (i = 0; i < index->n_columns; i++) {
        free(items[i]);
    }
    free(items);
}

/* Describes for an index error where 'row' came from. */
static void
describe_index_row(struct ds *ds, const struct ovsdb_row *row,
                   const struct ovsdb_column_set *index)
{
    const struct ovsdb_txn_row *txn_row = row->txn_row;

    if (!txn_row || txn_row->old == txn_row->new) {
        ds_put_cstr(ds, "existed in the database before this transaction "
                    "and was not modified by the transaction.");
    } else if (!txn_row->old) {
        ds_put_cstr(ds, "was inserted by this transaction.");
    } else {
        ds_put_cstr(ds, "had the following index values before the "
                    "transaction: ");
        put_index_values(ds, txn_row->old, index);
        ds_put_char(ds, '.');
    }
}

static struct ovsdb_error *
duplicate_index_error(const struct ovsdb_table *table,
                      const struct ovsdb_column_set *index,
                      const struct ovsdb_row *first,
                      const struct ovsdb_row *second)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ovsdb_error *error;
    char **names;
    size_t i;

    ds_put_format(&ds, "Transaction causes multiple rows in \"%s\" table to "
                  "have identical values (", table->schema->name);
    put_index_values(&ds, second, index);
    ds_put_format(&ds, ") for index on column%s ",
                  index->n_columns > 1 ? "s" : "");

    names = xmalloc(index->n_columns * sizeof *names);
    for (i = 0; i < index->n_columns; i++) {
        names[i] = xasprintf("\"%s\"", index->columns[i]->name);
    }
    put_english_list(&ds, names, index->n_columns);
    for (i = 0; i < index->n_columns; i++) {
        free(names[i]);
    }
    free(names);

    ds_put_format(&ds, ".  First row, with UUID "UUID_FMT", ",
                  UUID_ARGS(ovsdb_row_get_uuid(first)));
    describe_index_row(&ds, first, index);
    ds_put_format(&ds, "  Second row, with UUID "UUID_FMT", ",
                  UUID_ARGS(ovsdb_row_get_uuid(second)));
    describe_index_row(&ds, second, index);

    error = ovsdb_error("constraint violation", "%s", ds_cstr(&ds));
    ds_destroy(&ds);
    return error;
}

/* An entry in a temporary index of a transaction's rows. */
struct index_entry {
    struct hmap_node hmap_node; /* In the temporary index. */
    const struct ovsdb_row *row; /* The row. */
};

/* Checks that no two rows share the values of any index. */
static struct ovsdb_error *
check_indexes(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        const struct ovsdb_table *table = txn_table->table;
        size_t i;

        for (i = 0; i < table->schema->n_indexes; i++) {
            const struct ovsdb_column_set *index = &table->schema->indexes[i];
            struct ovsdb_error *error = NULL;
            struct ovsdb_txn_row *txn_row;
            struct index_entry *entry;
            struct hmap seen;

            hmap_init(&seen);
            LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
                const struct ovsdb_row *row = txn_row->new;
                const struct ovsdb_row *other;
                uint32_t hash;

                if (!row) {
                    continue;
                }
                hash = ovsdb_row_hash_columns(row, index, 0);

                /* Committed rows that the transaction does not touch. */
                for (struct hmap_node *node
                         = hmap_first_with_hash(&table->indexes[i], hash);
                     node; node = hmap_next_with_hash(node)) {
                    other = ovsdb_row_from_index_node(node, table, i);
                    if (!other->txn_row
                        && ovsdb_row_equal_columns(row, other, index)) {
                        error = duplicate_index_error(table, index, other,
                                                      row);
                        goto done;
                    }
                }

                /* Rows of the transaction. */
                HMAP_FOR_EACH_WITH_HASH (entry, hmap_node, hash, &seen) {
                    if (ovsdb_row_equal_columns(row, entry->row, index)) {
                        error = duplicate_index_error(table, index,
                                                      entry->row, row);
                        goto done;
                    }
                }

                entry = xmalloc(sizeof *entry);
                entry->row = row;
                hmap_insert(&seen, &entry->hmap_node, hash);
            }

        done:
            HMAP_FOR_EACH_POP (entry, hmap_node, &seen) {
                free(entry);
            }
            hmap_destroy(&seen);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

/* Sets a bit in a bitmap. */
static void
bitmap_set1(unsigned long int *bitmap, size_t idx)
{
    bitmap[idx / OVSDB_TXN_BITMAP_BITS]
        |= 1UL << (idx % OVSDB_TXN_BITMAP_BITS);
}

/* Computes which columns each row changed, reverts modifications that
 * changed nothing, and gives changed rows a new version. */
static void
finalize_changes(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        struct ovsdb_table *table = txn_table->table;
        const struct ovsdb_table_schema *ts = table->schema;
        size_t n = ovsdb_table_schema_n_columns(ts);
        size_t n_longs = DIV_ROUND_UP(n, OVSDB_TXN_BITMAP_BITS);
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
            struct ovsdb_row *old = txn_row->old;
            struct ovsdb_row *new = txn_row->new;
            bool any = false;
            size_t i;

            if (old == new) {
                continue;
            }
            txn_row->changed = xcalloc(n_longs, sizeof *txn_row->changed);
            for (i = 0; i < n; i++) {
                if (!old || !new
                    || (i != OVSDB_COL_VERSION
                        && !ovsdb_datum_equals(&old->fields[i],
                                               &new->fields[i],
                                               &ts->by_index[i]->type))) {
                    bitmap_set1(txn_row->changed, i);
                    any = true;
                }
            }

            if (old && new) {
                if (!any) {
                    /* A modification that changed nothing. */
                    hmap_replace(&table->rows, &new->hmap_node,
                                 &old->hmap_node);
                    ovsdb_row_destroy(new);
                    txn_row->new = old;
                    free(txn_row->changed);
                    txn_row->changed = NULL;
                } else {
                    uuid_generate(ovsdb_row_get_version_rw(new));
                    bitmap_set1(txn_row->changed, OVSDB_COL_VERSION);
                }
            }
        }
    }
}

/* Runs every check of a commit on 'txn'. */
static struct ovsdb_error *
precommit(struct ovsdb_txn *txn)
{
    struct ovsdb_error *error;

    error = count_refs(txn);
    if (error) {
        return error;
    }

    for (;;) {
        bool changed = collect_garbage(txn);

        if (update_weak_refs(txn)) {
            changed = true;
        }
        if (!changed) {
            break;
        }
    }

    error = check_deleted_refs(txn);
    if (!error) {
        error = check_max_rows(txn);
    }
    if (!error) {
        error = check_weak_constraints(txn);
    }
    if (!error) {
        error = check_indexes(txn);
    }
    if (!error) {
        finalize_changes(txn);
        txn->checked = true;
    }
    return error;
}

/* Makes 'txn''s changes permanent and frees it. */
static void
apply(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        struct ovsdb_table *table = txn_table->table;
        size_t n_indexes = table->schema->n_indexes;
        struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
            struct ovsdb_row *old = txn_row->old;
            struct ovsdb_row *new = txn_row->new;
            size_t i;

            if (old && old != new) {
                for (i = 0; i < n_indexes; i++) {
                    hmap_remove(&table->indexes[i], &old->index_nodes[i]);
                }
                ovsdb_row_destroy(old);
            }
            if (new) {
                new->n_refs = txn_row->n_refs;
                new->txn_row = NULL;
                if (new != old) {
                    for (i = 0; i < n_indexes; i++) {
                        const struct ovsdb_column_set *index
                            = &table->schema->indexes[i];

                        hmap_insert(&table->indexes[i], &new->index_nodes[i],
                                    ovsdb_row_hash_columns(new, index, 0));
                    }
                }
            }
        }
    }
    txn->db->n_commits++;
    txn->db->run_triggers = true;
    txn_destroy(txn);
}

static struct ovsdb_error *
commit__(struct ovsdb_txn *txn, bool durable, bool replay)
{
    struct ovsdb_error *error;

    error = precommit(txn);
    if (!error && !replay) {
        struct ovsdb_replica *replica;

        LIST_FOR_EACH (replica, node, &txn->db->replicas) {
            error = replica->class->commit(replica, txn, durable);
            if (error) {
                break;
            }
        }
    }
    if (error) {
        ovsdb_txn_abort(txn);
        return error;
    }
    apply(txn);
    return NULL;
}

struct ovsdb_error *
ovsdb_txn_commit(struct ovsdb_txn *txn, bool durable)
{
    return commit__(txn, durable, false);
}

struct ovsdb_error *
ovsdb_txn_replay_commit(struct ovsdb_txn *txn)
{
    return commit__(txn, false, true);
}

void
ovsdb_txn_for_each_change(const struct ovsdb_txn *txn,
                          ovsdb_txn_row_cb_func *cb, void *aux)
{
    const struct ovsdb_txn_table *txn_table;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        const struct ovsdb_txn_row *txn_row;

        LIST_FOR_EACH (txn_row, list_node, &txn_table->row_list) {
            if (txn_row->old != txn_row->new && txn_row->changed) {
                if (!cb(txn_row->old, txn_row->new, txn_row->changed, aux)) {
                    return;
                }
            }
        }
    }
}

/* Transaction records. */

/* Returns the record of one changed row, or NULL if it changed no
 * persistent column. */
static json_t *
txn_row_to_json(const struct ovsdb_txn_row *txn_row)
{
    const struct ovsdb_row *old = txn_row->old;
    const struct ovsdb_row *new = txn_row->new;
    const struct ovsdb_table_schema *ts;
    struct shash_node *node;
    json_t *json = NULL;

    if (!new) {
        return json_null();
    }

    /* In the order of the 'columns' shash, as upstream writes them. */
    ts = new->table->schema;
    SHASH_FOR_EACH (node, &ts->columns) {
        const struct ovsdb_column *column = node->data;
        const struct ovsdb_type *type = &column->type;
        size_t i = column->index;
        json_t *value;

        if (!column->persistent || i < OVSDB_N_STD_COLUMNS) {
            continue;
        }
        if (!old) {
            if (ovsdb_datum_is_default(&new->fields[i], type)) {
                continue;
            }
            value = ovsdb_datum_to_json(&new->fields[i], type);
        } else {
            if (!ovsdb_txn_bitmap_is_set(txn_row->changed, i)) {
                continue;
            }
            if (type->n_max > 1) {
                struct ovsdb_datum diff;

                ovsdb_datum_diff(&diff, &old->fields[i], &new->fields[i],
                                 type);
                value = ovsdb_datum_to_json(&diff, type);
                ovsdb_datum_destroy(&diff, type);
            } else {
                value = ovsdb_datum_to_json(&new->fields[i], type);
            }
        }
        if (!json) {
            json = json_object();
        }
        json_object_set_new(json, column->name, value);
    }

    /* A new row with only default values is still a change. */
    if (!json && !old) {
        json = json_object();
    }
    return json;
}

json_t *
ovsdb_file_txn_to_json(const struct ovsdb_txn *txn)
{
    const struct ovsdb_txn_table *txn_table;
    json_t *json = NULL;

    LIST_FOR_EACH (txn_table, node, &txn->txn_tables) {
        const struct ovsdb_txn_row *txn_row;
        json_t *table_json = NULL;

        HMAP_FOR_EACH (txn_row, hmap_node, &txn_table->txn_rows) {
            char uuid_s[UUID_LEN + 1];
            json_t *row_json;

            if (txn_row->old == txn_row->new || !txn_row->changed) {
                continue;
            }
            row_json = txn_row_to_json(txn_row);
            if (!row_json) {
                continue;
            }
            if (!table_json) {
                table_json = json_object();
            }
            snprintf(uuid_s, sizeof uuid_s, UUID_FMT,
                     UUID_ARGS(&txn_row->uuid));
            json_object_set_new(table_json, uuid_s, row_json);
        }
        if (table_json) {
            if (!json) {
                json = json_object();
            }
            json_object_set_new(json, txn_table->table->schema->name,
                                table_json);
        }
    }
    if (json) {
        json_object_set_new(json, "_is_diff", json_true());
    }
    return json;
}

json_t *
ovsdb_file_txn_annotate(json_t *json, const char *comment)
{
    struct timespec ts;
    long long int msec;

    if (!json) {
        json = json_object();
    }
    if (comment) {
        json_object_set_new(json, "_comment", json_string(comment));
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    msec = (long long int) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    json_object_set_new(json, "_date", json_integer(msec));
    return json;
}

/* Applies the record 'json' of the row with 'uuid' in 'table' to 'txn'. */
static struct ovsdb_error *
txn_row_from_json(struct ovsdb_txn *txn, struct ovsdb_table *table,
                  const struct uuid *uuid, const json_t *json,
                  bool converting, bool is_diff)
{
    const struct ovsdb_row *row = ovsdb_table_get_row(table, uuid);

    if (json_is_null(json)) {
        if (!row) {
            return ovsdb_syntax_error(NULL, "transaction error",
                                      "transaction deletes nonexistent row "
                                      UUID_FMT, UUID_ARGS(uuid));
        }
        ovsdb_txn_row_delete(txn, row);
        return NULL;
    } else if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL, "object or null expected");
    }

    struct ovsdb_row *new;
    bool inserting = !row;
    if (inserting) {
        if (find_txn_row(table, uuid)) {
            return ovsdb_syntax_error(json, "transaction error",
                                      "transaction inserts row "UUID_FMT
                                      " twice", UUID_ARGS(uuid));
        }
        new = ovsdb_row_create(table);
        *ovsdb_row_get_uuid_rw(new) = *uuid;
    } else {
        new = ovsdb_txn_row_modify(txn, row);
    }

    struct shash_node *node;
    struct shash columns;
    struct ovsdb_error *error = NULL;

    ovsdb_parser_object_to_shash(json, &columns);
    SHASH_FOR_EACH (node, &columns) {
        const char *name = node->name;
        const json_t *value = node->data;
        const struct ovsdb_column *column;
        struct ovsdb_datum datum;

        column = ovsdb_table_schema_get_column(table->schema, name);
        if (!column || column->index < OVSDB_N_STD_COLUMNS) {
            if (converting) {
                continue;
            }
            error = ovsdb_syntax_error(json, "unknown column",
                                       "No column %s in table %s.",
                                       name, table->schema->name);
            break;
        }

        if (is_diff && !inserting && column->type.n_max > 1) {
            struct ovsdb_type diff_type = column->type;

            diff_type.n_min = 0;
            diff_type.n_max = UINT_MAX;
            error = ovsdb_datum_from_json(&datum, &diff_type, value, NULL);
            if (!error) {
                error = ovsdb_datum_apply_diff_in_place(
                    &new->fields[column->index], &datum, &column->type);
                ovsdb_datum_destroy(&datum, &column->type);
            }
        } else {
            error = ovsdb_datum_from_json(&datum, &column->type, value, NULL);
            if (!error) {
                ovsdb_datum_swap(&new->fields[column->index], &datum);
                ovsdb_datum_destroy(&datum, &column->type);
            }
        }
        if (error) {
            break;
        }
    }
    shash_destroy(&columns);

    if (error) {
        if (inserting) {
            ovsdb_row_destroy(new);
        }
        return error;
    }
    if (inserting) {
        ovsdb_txn_row_insert(txn, new);
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_file_txn_from_json(struct ovsdb *db, const json_t *json,
                         bool converting, struct ovsdb_txn **txnp)
{
    struct ovsdb_error *error = NULL;
    struct ovsdb_txn *txn;
    const json_t *is_diff_json;
    struct shash_node *tnode;
    struct shash tables;
    bool is_diff;

    *txnp = NULL;
    if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL, "object expected");
    }
    is_diff_json = json_object_get(json, "_is_diff");
    is_diff = is_diff_json && json_is_true(is_diff_json);

    txn = ovsdb_txn_create(db);
    ovsdb_parser_object_to_shash(json, &tables);
    SHASH_FOR_EACH (tnode, &tables) {
        const char *table_name = tnode->name;
        const json_t *table_json = tnode->data;
        struct ovsdb_table *table;
        struct shash_node *rnode;
        struct shash rows;

        if (table_name[0] == '_') {
            continue;
        }
        table = ovsdb_get_table(db, table_name);
        if (!table) {
            if (converting) {
                continue;
            }
            error = ovsdb_syntax_error(json, "unknown table",
                                       "No table named %s.", table_name);
            goto error;
        }
        if (!json_is_object(table_json)) {
            error = ovsdb_syntax_error(table_json, NULL, "object expected");
            goto error;
        }

        ovsdb_parser_object_to_shash(table_json, &rows);
        SHASH_FOR_EACH (rnode, &rows) {
            struct uuid uuid;

            if (!uuid_from_string(&uuid, rnode->name)) {
                error = ovsdb_syntax_error(table_json, NULL,
                                           "\"%s\" is not a valid UUID",
                                           rnode->name);
            } else {
                error = txn_row_from_json(txn, table, &uuid, rnode->data,
                                          converting, is_diff);
            }
            if (error) {
                break;
            }
        }
        shash_destroy(&rows);
        if (error) {
            goto error;
        }
    }
    shash_destroy(&tables);
    *txnp = txn;
    return NULL;

error:
    shash_destroy(&tables);
    ovsdb_txn_abort(txn);
    return error;
}

json_t *
ovsdb_to_txn_json(const struct ovsdb *db, const char *comment)
{
    struct shash_node *node;
    json_t *json = json_object();

    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_table_schema *ts = table->schema;
        const struct ovsdb_row *row;
        json_t *table_json = NULL;

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            char uuid_s[UUID_LEN + 1];
            json_t *row_json = json_object();
            struct shash_node *cnode;

            SHASH_FOR_EACH (cnode, &ts->columns) {
                const struct ovsdb_column *column = cnode->data;
                size_t i = column->index;

                if (i >= OVSDB_N_STD_COLUMNS && column->persistent
                    && !ovsdb_datum_is_default(&row->fields[i],
                                               &column->type)) {
                    json_object_set_new(row_json, column->name,
                                        ovsdb_datum_to_json(&row->fields[i],
                                                            &column->type));
                }
            }
            if (!table_json) {
                table_json = json_object();
            }
            snprintf(uuid_s, sizeof uuid_s, UUID_FMT,
                     UUID_ARGS(ovsdb_row_get_uuid(row)));
            json_object_set_new(table_json, uuid_s, row_json);
        }
        if (table_json) {
            json_object_set_new(json, node->name, table_json);
        }
    }
    if (comment) {
        json_object_set_new(json, "_comment", json_string(comment));
    }
    return json;
}

/* Converts 'datum' of 'old_type' into 'new' of 'new_type' through JSON. */
static struct ovsdb_error *
convert_datum(struct ovsdb_datum *new, const struct ovsdb_type *new_type,
              const struct ovsdb_datum *old,
              const struct ovsdb_type *old_type)
{
    json_t *json = ovsdb_datum_to_json(old, old_type);
    struct ovsdb_error *error;

    error = ovsdb_datum_from_json(new, new_type, json, NULL);
    json_decref(json);
    return error;
}

struct ovsdb_error *
ovsdb_convert(const struct ovsdb *src, const struct ovsdb_schema *new_schema,
              struct ovsdb **dstp)
{
    return ovsdb_convert_take_schema(src, ovsdb_schema_clone(new_schema),
                                     dstp);
}

struct ovsdb_error *
ovsdb_convert_take_schema(const struct ovsdb *src,
                          struct ovsdb_schema *new_schema, struct ovsdb **dstp)
{
    struct ovsdb *dst = ovsdb_create(new_schema, NULL);
    struct ovsdb_txn *txn = ovsdb_txn_create(dst);
    struct ovsdb_error *error = NULL;
    struct shash_node *node;

    *dstp = NULL;
    SHASH_FOR_EACH (node, &dst->tables) {
        struct ovsdb_table *dst_table = node->data;
        const struct ovsdb_table_schema *dst_ts = dst_table->schema;
        struct ovsdb_table *src_table = ovsdb_get_table(src, node->name);
        size_t n_dst = ovsdb_table_schema_n_columns(dst_ts);
        const struct ovsdb_row *src_row;

        if (!src_table) {
            continue;
        }
        HMAP_FOR_EACH (src_row, hmap_node, &src_table->rows) {
            struct ovsdb_row *dst_row = ovsdb_row_create(dst_table);
            size_t i;

            *ovsdb_row_get_uuid_rw(dst_row) = *ovsdb_row_get_uuid(src_row);
            for (i = OVSDB_N_STD_COLUMNS; i < n_dst; i++) {
                const struct ovsdb_column *dst_column = dst_ts->by_index[i];
                const struct ovsdb_column *src_column;
                struct ovsdb_datum datum;

                src_column = ovsdb_table_schema_get_column(
                    src_table->schema, dst_column->name);
                if (!src_column) {
                    continue;
                }
                error = convert_datum(&datum, &dst_column->type,
                                      &src_row->fields[src_column->index],
                                      &src_column->type);
                if (error) {
                    ovsdb_row_destroy(dst_row);
                    goto error;
                }
                ovsdb_datum_swap(&dst_row->fields[i], &datum);
                ovsdb_datum_destroy(&datum, &dst_column->type);
            }
            ovsdb_txn_row_insert(txn, dst_row);
        }
    }

    error = ovsdb_txn_replay_commit(txn);
    txn = NULL;
    if (error) {
        goto error;
    }
    *dstp = dst;
    return NULL;

error:
    ovsdb_txn_abort(txn);
    ovsdb_destroy(dst);
    return error;
}
