/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_IDL_PROVIDER_H
#define OVSDB_IDL_PROVIDER_H 1

/* The interface between the IDL runtime (lib/ovsdb-idl.c) and the code
 * that ovsdb-idlc generates from a schema.
 *
 * The generated code describes the database with constant tables: one
 * struct ovsdb_idl_class for the database, one struct
 * ovsdb_idl_table_class per table and one struct ovsdb_idl_column per
 * column.  Each table has a generated row struct (e.g. struct
 * ovsrec_bridge) whose first member is a struct ovsdb_idl_row, followed
 * by a C member (or members) per column: the "parsed" form of the
 * column's value.
 *
 * The runtime keeps each row's values as datums (struct ovsdb_datum), one
 * per column, and calls each column's 'parse' function to fill in the C
 * members from a datum whenever the value changes, and its 'unparse'
 * function to free what 'parse' allocated before that.  Parsed members
 * point into the datums (strings) or to other rows (references); they
 * stay valid until the next unparse.
 *
 * Clients should not use the members of these structures, except through
 * the generated code and the functions of ovsdb-idl.h. */

#include <stdbool.h>
#include <stddef.h>
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"
#include "openvswitch/uuid.h"
#include "ovsdb-idl.h"
#include "ovsdb-types.h"

struct ovsdb_datum;

/* A row in the replica (or in a transaction, or a search key for an
 * index).
 *
 * A row's values ('old_datum' and 'new_datum', each an array with one
 * datum per column of its table) take these forms:
 *
 *   - A row as the server last reported it: 'old_datum' holds its values
 *     and 'new_datum' == 'old_datum'.
 *
 *   - A row that the open transaction modified: 'new_datum' is a separate
 *     array in which only the columns set in 'written' are valid; read the
 *     others from 'old_datum'.
 *
 *   - A row that the open transaction inserted: 'old_datum' is NULL and
 *     every column of 'new_datum' is valid ('written' says which to send).
 *
 *   - A row that the open transaction deleted: 'new_datum' is NULL.
 *
 *   - An "orphan": a row that other rows refer to but that the server has
 *     not sent (yet): both are NULL.  Orphans exist only to hold the arcs
 *     of the rows that refer to them; clients never see them.
 *
 * Arcs: each reference from row A to row B that A's parsed members hold
 * is an "arc" on A's 'src_arcs' and B's 'dst_arcs' lists, so that when B
 * appears or disappears the rows that refer to it can be parsed again. */
struct ovsdb_idl_row {
    struct hmap_node hmap_node; /* In struct ovsdb_idl_table's 'rows'. */
    struct uuid uuid;           /* Row "_uuid" field. */
    struct ovs_list src_arcs;   /* Arcs from this row ('src_node'). */
    struct ovs_list dst_arcs;   /* Arcs to this row ('dst_node'). */
    struct ovsdb_idl_table *table; /* Containing table, NULL if synthetic. */
    struct ovsdb_datum *old_datum; /* Committed values (see above). */
    struct ovsdb_datum *new_datum; /* Values in the transaction. */
    unsigned long int *prereqs; /* Bitmap of columns to verify, or NULL. */
    unsigned long int *written; /* Bitmap of columns written, or NULL. */
    struct hmap_node txn_node;  /* In struct ovsdb_idl_txn's 'txn_rows'. */
    struct ovsdb_idl_partial **partials; /* Per-column partial updates in
                                          * the transaction, or NULL. */

    /* Change tracking. */
    unsigned int change_seqno[OVSDB_IDL_CHANGE_MAX]; /* Last change of
                                                      * each kind. */
    struct ovs_list track_node; /* In the table's 'track_list', or
                                 * self-linked if not on it. */
    unsigned long int *updated; /* Bitmap of tracked columns changed, or
                                 * NULL. */
    bool deleted;               /* Deleted by the server: no longer in the
                                 * table's 'rows', kept for tracking. */
    struct ovs_list deleted_node; /* In the IDL's list of deleted rows. */

    bool is_index_row;          /* A search key for an index? */
    bool parsed;                /* Are the C members filled in? */
};

/* A column of a table. */
struct ovsdb_idl_column {
    char *name;                 /* Column name. */
    struct ovsdb_type type;     /* Column type. */
    bool is_mutable;            /* May it change after insertion? */
    bool is_synthetic;          /* Kept by the client only, never sent to
                                 * or requested from the server? */

    /* Fills in the C members for this column of 'row' from 'datum'. */
    void (*parse)(struct ovsdb_idl_row *row, const struct ovsdb_datum *datum);

    /* Frees what 'parse' allocated for this column of 'row'. */
    void (*unparse)(struct ovsdb_idl_row *row);
};

/* A table of a database. */
struct ovsdb_idl_table_class {
    char *name;                 /* Table name. */
    bool is_root;               /* Is it a root table (rows are not garbage
                                 * collected)? */
    bool is_singleton;          /* At most one row ("maxRows": 1)? */
    const struct ovsdb_idl_column *columns; /* Its columns. */
    size_t n_columns;           /* Number of 'columns'. */
    size_t allocation_size;     /* Size of the generated row struct. */

    /* Initializes the C members of a zeroed row that need it. */
    void (*row_init)(struct ovsdb_idl_row *);
};

/* A database. */
struct ovsdb_idl_class {
    const char *database;       /* Database name. */
    const struct ovsdb_idl_table_class *tables; /* Its tables. */
    size_t n_tables;            /* Number of 'tables'. */
};

/* The replica of one table. */
struct ovsdb_idl_table {
    const struct ovsdb_idl_table_class *class_; /* What it replicates. */
    unsigned char *modes;       /* OVSDB_IDL_* bitmasks, per column. */
    bool need_table;            /* Replicate it even without columns? */
    struct shash columns;       /* Column name -> struct ovsdb_idl_column *. */
    struct hmap rows;           /* Contains "struct ovsdb_idl_row"s, by
                                 * uuid_hash(). */
    struct ovsdb_idl_db *db;    /* Containing database. */
    unsigned int change_seqno[OVSDB_IDL_CHANGE_MAX]; /* Last change of
                                                      * each kind. */
    struct ovs_list indexes;    /* Contains "struct ovsdb_idl_index"s. */
    struct ovs_list track_list; /* Tracked rows ('track_node'). */
    struct ovsdb_idl_condition condition; /* Rows to replicate. */
    bool cond_changed;          /* 'condition' not yet sent to server? */
    bool in_server_schema;      /* Does the server's schema have it? */
};

/* Returns the row of 'dst_table' with 'dst_uuid', as referenced by 'src':
 * the generated 'parse' functions call this for every reference.  Outside
 * a transaction, records an arc from 'src' to the row (creating an orphan
 * if needed) and returns the row, or NULL if it is an orphan.  Inside a
 * transaction (and for index search keys), returns the row if the
 * transaction sees it, otherwise NULL. */
struct ovsdb_idl_row *ovsdb_idl_get_row_arc(
    struct ovsdb_idl_row *src,
    const struct ovsdb_idl_table_class *dst_table,
    const struct uuid *dst_uuid);

#endif /* ovsdb-idl-provider.h */
