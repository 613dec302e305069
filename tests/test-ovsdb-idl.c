/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Exercises the IDL (lib/ovsdb-idl.c) and the code that ovsdb-idlc
 * generates, against a running ovsdb-server.
 *
 *   test-ovsdb-idl idl REMOTE [OPTION...] STEP...
 *
 *     Replicates the "idltest" database (tests/idltest.ovsschema) from
 *     REMOTE, with change tracking on every column, and runs each STEP in
 *     turn, prefixing what it prints with the step's number.  The OPTIONs
 *     apply before connecting:
 *
 *       omit:TABLE.COLUMN        ovsdb_idl_omit() on COLUMN
 *       omit-alert:TABLE.COLUMN  ovsdb_idl_omit_alert() on COLUMN
 *       verify-write-only        ovsdb_idl_verify_write_only()
 *
 *     The STEPs:
 *
 *       print            prints the replica, through the generated structs
 *       track            prints the tracked changes, then clears them
 *       wait             waits for the replica to change
 *       reconnect        drops the connection and waits for the replica
 *                        to be reloaded
 *       raw:OPS          runs transaction OPS (a JSON array of operations)
 *                        on a separate connection, "another client"
 *       txn:CMDS         runs the IDL transaction CMDS (see below) and
 *                        commits it, waiting for the server's update if
 *                        it succeeds
 *       txn-nowait:CMDS  the same, without waiting for an update
 *       open:CMDS        starts transaction CMDS without committing it
 *       commit           commits the transaction that "open" started
 *       cond:TABLE:COND  makes the IDL replicate only the rows of TABLE
 *                        that match COND ("true", "false", or clauses
 *                        "COLUMN OP VALUE" separated by "|"), and waits
 *                        until the server has applied it
 *       index:NAME       looks up the Child rows named NAME through an
 *                        index, and lists all Child rows in index order
 *       !COMMAND         runs shell COMMAND (which must succeed)
 *
 *     CMDS are separated by ";", their words by spaces; rows are named by
 *     their "name" column (Simple rows by "s"):
 *
 *       insert-parent P             set-counter P N     verify-counter P
 *       insert-child P C (a full write of P's children)
 *       add-child P C / del-child P C (partial set updates)
 *       set-tag P K V / del-tag P K (partial map updates)
 *       set-tags P K=V,... (a full write)    set-flags P F,...
 *       set-favorite P C|-          set-peer C C|-      set-number C N|-
 *       delete-parent P             increment P         insert-simple S
 *       delete-simple S             dry-run             comment TEXT
 *
 *   test-ovsdb-idl lock REMOTE
 *
 *     Two IDLs contend for one lock: checks "has lock", "contended",
 *     TXN_NOT_LOCKED, and the lock moving when its holder goes away.
 *     Needs a Parent row named "p".
 *
 *   test-ovsdb-idl vswitch REMOTE [BRIDGE]
 *
 *     With the Open_vSwitch IDL (lib/vswitch-idl.h): adds BRIDGE (if
 *     given) with a port and an internal interface as "ovs-vsctl add-br"
 *     does, bumping next_cfg, then prints the bridges, ports and
 *     interfaces. */

#include <config.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "jsonrpc.h"
#include "lib/vswitch-idl.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-idl.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream.h"
#include "tests/idltest.h"

/* State of the "idl" command. */
static struct ovsdb_idl *idl;           /* The IDL under test. */
static const char *remote;              /* Where the server is. */
static struct jsonrpc *side_rpc;        /* The "other client". */
static int step;                        /* Number of the current step. */
static struct ovsdb_idl_txn *open_txn;  /* Transaction from "open:". */
static unsigned int txn_seqno;          /* Seqno when 'open_txn' began. */
static bool txn_dry_run;                /* Is 'open_txn' a dry run? */
static struct ovsdb_idl_index *child_index; /* Child rows by name. */

/* Prints a line for the current step. */
static void OVS_PRINTF_FORMAT(1, 2)
say(const char *format, ...)
{
    va_list args;

    printf("%03d: ", step);
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    putchar('\n');
    fflush(stdout);
}

/* Runs the IDL until 'done(aux)' is true. */
static void
run_until(bool (*done)(const void *aux), const void *aux)
{
    for (;;) {
        ovsdb_idl_run(idl);
        if (done(aux)) {
            return;
        }
        if (!ovsdb_idl_is_alive(idl)) {
            ovs_fatal(0, "%s: connection failed (%s)", remote,
                      ovs_retval_to_string(ovsdb_idl_get_last_error(idl)));
        }
        ovsdb_idl_wait(idl);
        poll_block();
    }
}

static bool
seqno_differs(const void *seqno_)
{
    const unsigned int *seqno = seqno_;

    return ovsdb_idl_get_seqno(idl) != *seqno;
}

/* Runs the IDL until its sequence number differs from 'seqno'. */
static void
wait_for_change(unsigned int seqno)
{
    run_until(seqno_differs, &seqno);
}

/* Row lookup by name. */

static const struct idltest_parent *
find_parent(const char *name)
{
    const struct idltest_parent *p;

    IDLTEST_PARENT_FOR_EACH (p, idl) {
        if (!strcmp(p->name, name)) {
            return p;
        }
    }
    ovs_fatal(0, "no Parent named %s", name);
}

static const struct idltest_child *
find_child(const char *name)
{
    const struct idltest_child *c;

    IDLTEST_CHILD_FOR_EACH (c, idl) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    ovs_fatal(0, "no Child named %s", name);
}

static const struct idltest_simple *
find_simple(const char *s)
{
    const struct idltest_simple *row;

    IDLTEST_SIMPLE_FOR_EACH (row, idl) {
        if (!strcmp(row->s, s)) {
            return row;
        }
    }
    ovs_fatal(0, "no Simple row with s=%s", s);
}

/* Printing. */

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

/* Prints the lines in 'lines' sorted, then empties it. */
static void
print_sorted(char **lines, size_t n)
{
    if (n) {
        qsort(lines, n, sizeof *lines, compare_strings);
    }
    for (size_t i = 0; i < n; i++) {
        say("%s", lines[i]);
        free(lines[i]);
    }
}

static void
put_child_names(struct ds *s, struct idltest_child **children, size_t n)
{
    char **names = xmalloc(MAX(1, n) * sizeof *names);

    for (size_t i = 0; i < n; i++) {
        names[i] = children[i]->name;
    }
    if (n) {
        qsort(names, n, sizeof *names, compare_strings);
    }
    ds_put_char(s, '[');
    for (size_t i = 0; i < n; i++) {
        ds_put_format(s, "%s%s", i ? " " : "", names[i]);
    }
    ds_put_char(s, ']');
    free(names);
}

static void
put_smap(struct ds *s, const struct smap *smap)
{
    const struct smap_node **nodes = smap_sort(smap);
    size_t n = smap_count(smap);

    ds_put_char(s, '{');
    for (size_t i = 0; i < n; i++) {
        ds_put_format(s, "%s%s=%s", i ? " " : "", nodes[i]->key,
                      nodes[i]->value);
    }
    ds_put_char(s, '}');
    free(nodes);
}

static char *
format_parent(const struct idltest_parent *p)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "Parent name=%s counter=%"PRId64" children=",
                  p->name, p->counter);
    put_child_names(&s, p->children, p->n_children);
    ds_put_format(&s, " favorite=%s tags=",
                  p->favorite ? p->favorite->name : "-");
    put_smap(&s, &p->tags);
    ds_put_cstr(&s, " flags=[");
    for (size_t i = 0; i < p->n_flags; i++) {
        ds_put_format(&s, "%s%s", i ? " " : "", p->flags[i]);
    }
    ds_put_char(&s, ']');
    return ds_steal_cstr(&s);
}

static char *
format_child(const struct idltest_child *c)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "Child name=%s peer=%s number=", c->name,
                  c->peer ? c->peer->name : "-");
    if (c->n_number) {
        ds_put_format(&s, "%"PRId64, c->number[0]);
    } else {
        ds_put_char(&s, '-');
    }
    return ds_steal_cstr(&s);
}

static char *
format_simple(const struct idltest_simple *r)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "Simple s=%s i=%"PRId64" r=%g b=%s u="UUID_FMT,
                  r->s, r->i, r->r, r->b ? "true" : "false",
                  UUID_ARGS(&r->u));
    ds_put_cstr(&s, " ia=[");
    for (size_t i = 0; i < r->n_ia; i++) {
        ds_put_format(&s, "%s%"PRId64, i ? " " : "", r->ia[i]);
    }
    ds_put_cstr(&s, "] ra=[");
    for (size_t i = 0; i < r->n_ra; i++) {
        ds_put_format(&s, "%s%g", i ? " " : "", r->ra[i]);
    }
    ds_put_cstr(&s, "] ba=[");
    for (size_t i = 0; i < r->n_ba; i++) {
        ds_put_format(&s, "%s%s", i ? " " : "",
                      r->ba[i] ? "true" : "false");
    }
    ds_put_cstr(&s, "] sa=[");
    for (size_t i = 0; i < r->n_sa; i++) {
        ds_put_format(&s, "%s%s", i ? " " : "", r->sa[i]);
    }
    ds_put_cstr(&s, "] ua=[");
    for (size_t i = 0; i < r->n_ua; i++) {
        ds_put_format(&s, "%s"UUID_FMT, i ? " " : "", UUID_ARGS(&r->ua[i]));
    }
    ds_put_cstr(&s, "] oi=");
    if (r->n_oi) {
        ds_put_format(&s, "%"PRId64, r->oi[0]);
    } else {
        ds_put_char(&s, '-');
    }
    ds_put_format(&s, " os=%s ob=%s si={", r->os ? r->os : "-",
                  !r->n_ob ? "-" : r->ob[0] ? "true" : "false");
    for (size_t i = 0; i < r->n_si; i++) {
        ds_put_format(&s, "%s%s=%"PRId64, i ? " " : "", r->key_si[i],
                      r->value_si[i]);
    }
    ds_put_format(&s, "} default=%s e=%s",
                  r->default_ ? r->default_ : "-", r->e ? r->e : "-");
    return ds_steal_cstr(&s);
}

static void
do_print(void)
{
    const struct idltest_parent *p;
    const struct idltest_child *c;
    const struct idltest_simple *r;
    char **lines = NULL;
    size_t n = 0, allocated = 0;

    IDLTEST_PARENT_FOR_EACH (p, idl) {
        if (n >= allocated) {
            lines = x2nrealloc(lines, &allocated, sizeof *lines);
        }
        lines[n++] = format_parent(p);
    }
    IDLTEST_CHILD_FOR_EACH (c, idl) {
        if (n >= allocated) {
            lines = x2nrealloc(lines, &allocated, sizeof *lines);
        }
        lines[n++] = format_child(c);
    }
    IDLTEST_SIMPLE_FOR_EACH (r, idl) {
        if (n >= allocated) {
            lines = x2nrealloc(lines, &allocated, sizeof *lines);
        }
        lines[n++] = format_simple(r);
    }
    if (!n) {
        say("empty");
    }
    print_sorted(lines, n);
    free(lines);
}

/* Describes how tracked 'row' changed: "inserted", "deleted" or
 * "modified" with the updated columns of 'columns'. */
static char *
describe_change(const struct ovsdb_idl_row *row, const char *table,
                const char *name, const struct ovsdb_idl_column *columns,
                size_t n_columns)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "track %s %s ", table, name);
    if (ovsdb_idl_row_get_seqno(row, OVSDB_IDL_CHANGE_DELETE)) {
        ds_put_cstr(&s, "deleted");
    } else if (!ovsdb_idl_row_get_seqno(row, OVSDB_IDL_CHANGE_MODIFY)) {
        ds_put_cstr(&s, "inserted");
    } else {
        bool first = true;

        ds_put_cstr(&s, "modified");
        for (size_t i = 0; i < n_columns; i++) {
            if (ovsdb_idl_track_is_updated(row, &columns[i])) {
                ds_put_format(&s, "%c%s", first ? ' ' : ',',
                              columns[i].name);
                first = false;
            }
        }
    }
    return ds_steal_cstr(&s);
}

static void
do_track(void)
{
    const struct idltest_parent *p;
    const struct idltest_child *c;
    const struct idltest_simple *r;
    char **lines = NULL;
    size_t n = 0, allocated = 0;

    IDLTEST_PARENT_FOR_EACH_TRACKED (p, idl) {
        if (n >= allocated) {
            lines = x2nrealloc(lines, &allocated, sizeof *lines);
        }
        ovs_assert(idltest_parent_is_deleted(p)
                   || idltest_parent_is_new(p)
                   || idltest_parent_row_get_seqno(
                          p, OVSDB_IDL_CHANGE_MODIFY));
        lines[n++] = describe_change(&p->header_, "Parent", p->name,
                                     idltest_parent_columns,
                                     IDLTEST_PARENT_N_COLUMNS);
    }
    IDLTEST_CHILD_FOR_EACH_TRACKED (c, idl) {
        if (n >= allocated) {
            lines = x2nrealloc(lines, &allocated, sizeof *lines);
        }
        lines[n++] = describe_change(&c->header_, "Child", c->name,
                                     idltest_child_columns,
                                     IDLTEST_CHILD_N_COLUMNS);
    }
    IDLTEST_SIMPLE_FOR_EACH_TRACKED (r, idl) {
        if (n >= allocated) {
            lines = x2nrealloc(lines, &allocated, sizeof *lines);
        }
        lines[n++] = describe_change(&r->header_, "Simple", r->s,
                                     idltest_simple_columns,
                                     IDLTEST_SIMPLE_N_COLUMNS);
    }
    if (!n) {
        say("no changes");
    }
    print_sorted(lines, n);
    free(lines);
    ovsdb_idl_track_clear(idl);
}

/* The other client. */

static struct jsonrpc *
open_side_rpc(void)
{
    struct stream *stream;
    int error = stream_open_block(jsonrpc_stream_open(remote, &stream,
                                                      DSCP_DEFAULT),
                                  -1, &stream);
    if (error) {
        ovs_fatal(error, "%s: connect failed", remote);
    }
    return jsonrpc_open(stream);
}

/* Runs 'ops_string', a JSON array of operations, on the side connection,
 * and prints whether they succeeded (the results hold UUIDs that vary from
 * run to run, so they are not printed). */
static void
do_raw(const char *ops_string)
{
    json_t *ops = json_from_string(ops_string);
    struct jsonrpc_msg *reply = NULL;
    int error;

    if (!json_is_array(ops)) {
        ovs_fatal(0, "raw: \"%s\" is not a JSON array", ops_string);
    }
    json_array_insert_new(ops, 0, json_string("idltest"));

    for (int attempt = 0; ; attempt++) {
        if (!side_rpc) {
            side_rpc = open_side_rpc();
        }
        error = jsonrpc_transact_block(
            side_rpc, jsonrpc_create_request("transact", json_incref(ops),
                                             NULL),
            &reply);
        if (!error || attempt) {
            break;
        }
        /* The server may have restarted: reconnect once. */
        jsonrpc_close(side_rpc);
        side_rpc = NULL;
    }
    json_decref(ops);
    if (error) {
        ovs_fatal(error, "raw: transaction failed");
    }

    const json_t *results = reply->result;
    for (size_t i = 0; i < json_array_size(results); i++) {
        const json_t *error_json = json_object_get(json_array_get(results,
                                                                  i),
                                                   "error");
        if (error_json) {
            say("raw: error: %s", json_string_value(error_json));
            jsonrpc_msg_destroy(reply);
            return;
        }
    }
    say("raw: ok");
    jsonrpc_msg_destroy(reply);
}

/* IDL transactions. */

/* Splits 's' at 'delimiters' into a NULL-terminated array of words. */
static char **
split(char *s, const char *delimiters, size_t *np)
{
    char **words = NULL;
    size_t n = 0, allocated = 0;
    char *save_ptr = NULL;

    for (char *w = strtok_r(s, delimiters, &save_ptr); w;
         w = strtok_r(NULL, delimiters, &save_ptr)) {
        while (n + 2 > allocated) {
            words = x2nrealloc(words, &allocated, sizeof *words);
        }
        words[n++] = w;
    }
    if (!words) {
        words = xmalloc(sizeof *words);
    }
    words[n] = NULL;
    *np = n;
    return words;
}

static int64_t
parse_int(const char *s)
{
    long long int x;

    if (!str_to_llong(s, 10, &x)) {
        ovs_fatal(0, "%s: not an integer", s);
    }
    return x;
}

/* Children that this transaction inserted, by name, since they are not
 * visible through find_child() until... they are: the replica shows the
 * transaction's rows. */
static void
txn_insert_child(const struct idltest_parent *p, const char *name,
                 bool partial)
{
    struct idltest_child *c = idltest_child_insert(open_txn);

    idltest_child_set_name(c, name);
    if (partial) {
        idltest_parent_update_children_addvalue(p, c);
    } else {
        struct idltest_child **children
            = xmalloc((p->n_children + 1) * sizeof *children);

        for (size_t i = 0; i < p->n_children; i++) {
            children[i] = p->children[i];
        }
        children[p->n_children] = c;
        idltest_parent_verify_children(p);
        idltest_parent_set_children(p, children, p->n_children + 1);
        free(children);
    }
}

static void
txn_insert_simple(const char *s)
{
    struct idltest_simple *r = idltest_simple_insert(open_txn);
    static const int64_t ia[] = { 3, 1, 2, 1 };
    static const double ra[] = { 2.5, -1 };
    static const bool ba[] = { true, false };
    static const char *sa[] = { "x y", "", "b" };
    struct uuid ua[2];
    static const int64_t oi = 42;
    static const bool ob = false;
    static const char *si_keys[] = { "one", "two" };
    static const int64_t si_values[] = { 1, 2 };
    struct uuid u;

    uuid_from_string(&u, "01234567-89ab-cdef-0123-456789abcdef");
    uuid_from_string(&ua[0], "ffffffff-0000-0000-0000-000000000001");
    uuid_from_string(&ua[1], "00000000-0000-0000-0000-000000000002");

    idltest_simple_set_s(r, s);
    idltest_simple_set_i(r, -7);
    idltest_simple_set_r(r, 0.125);
    idltest_simple_set_b(r, true);
    idltest_simple_set_u(r, u);
    idltest_simple_set_ia(r, ia, ARRAY_SIZE(ia));
    idltest_simple_set_ra(r, ra, ARRAY_SIZE(ra));
    idltest_simple_set_ba(r, ba, ARRAY_SIZE(ba));
    idltest_simple_set_sa(r, sa, ARRAY_SIZE(sa));
    idltest_simple_set_ua(r, ua, ARRAY_SIZE(ua));
    idltest_simple_set_oi(r, &oi, 1);
    idltest_simple_set_os(r, "optional");
    idltest_simple_set_ob(r, &ob, 1);
    idltest_simple_set_si(r, si_keys, si_values, ARRAY_SIZE(si_keys));
    idltest_simple_set_default_(r, "keyword");
    idltest_simple_set_e(r, "two");
}

/* Runs one transaction command, 'words'. */
static void
txn_command(char **words, size_t n)
{
    const char *cmd = words[0];

#define NEED(N)                                                         \
    if (n != (N) + 1) {                                                 \
        ovs_fatal(0, "%s: wants %d arguments", cmd, N);                 \
    }

    if (!strcmp(cmd, "insert-parent")) {
        NEED(1);
        struct idltest_parent *p = idltest_parent_insert(open_txn);
        idltest_parent_set_name(p, words[1]);
    } else if (!strcmp(cmd, "insert-child")) {
        NEED(2);
        txn_insert_child(find_parent(words[1]), words[2], false);
    } else if (!strcmp(cmd, "add-child")) {
        NEED(2);
        txn_insert_child(find_parent(words[1]), words[2], true);
    } else if (!strcmp(cmd, "del-child")) {
        NEED(2);
        idltest_parent_update_children_delvalue(find_parent(words[1]),
                                                find_child(words[2]));
    } else if (!strcmp(cmd, "set-counter")) {
        NEED(2);
        idltest_parent_set_counter(find_parent(words[1]),
                                   parse_int(words[2]));
    } else if (!strcmp(cmd, "verify-counter")) {
        NEED(1);
        idltest_parent_verify_counter(find_parent(words[1]));
    } else if (!strcmp(cmd, "increment")) {
        NEED(1);
        ovsdb_idl_txn_increment(open_txn, &find_parent(words[1])->header_,
                                &idltest_parent_col_counter, true);
    } else if (!strcmp(cmd, "set-tag")) {
        NEED(3);
        idltest_parent_update_tags_setkey(find_parent(words[1]), words[2],
                                          words[3]);
    } else if (!strcmp(cmd, "del-tag")) {
        NEED(2);
        idltest_parent_update_tags_delkey(find_parent(words[1]), words[2]);
    } else if (!strcmp(cmd, "set-tags")) {
        NEED(2);
        struct smap tags = SMAP_INITIALIZER(&tags);
        size_t n_pairs;
        char **pairs = split(words[2], ",", &n_pairs);

        for (size_t i = 0; i < n_pairs; i++) {
            char *eq = strchr(pairs[i], '=');
            if (!eq) {
                ovs_fatal(0, "%s: not KEY=VALUE", pairs[i]);
            }
            *eq = '\0';
            smap_replace(&tags, pairs[i], eq + 1);
        }
        idltest_parent_set_tags(find_parent(words[1]), &tags);
        smap_destroy(&tags);
        free(pairs);
    } else if (!strcmp(cmd, "set-flags")) {
        NEED(2);
        size_t n_flags;
        char **flags = split(words[2], ",", &n_flags);

        idltest_parent_set_flags(find_parent(words[1]),
                                 (const char **) flags, n_flags);
        free(flags);
    } else if (!strcmp(cmd, "set-favorite")) {
        NEED(2);
        idltest_parent_set_favorite(find_parent(words[1]),
                                    (strcmp(words[2], "-")
                                     ? find_child(words[2]) : NULL));
    } else if (!strcmp(cmd, "set-peer")) {
        NEED(2);
        idltest_child_set_peer(find_child(words[1]),
                               (strcmp(words[2], "-")
                                ? find_child(words[2]) : NULL));
    } else if (!strcmp(cmd, "set-number")) {
        NEED(2);
        int64_t number = strcmp(words[2], "-") ? parse_int(words[2]) : 0;
        idltest_child_set_number(find_child(words[1]), &number,
                                 strcmp(words[2], "-") ? 1 : 0);
    } else if (!strcmp(cmd, "delete-parent")) {
        NEED(1);
        idltest_parent_delete(find_parent(words[1]));
    } else if (!strcmp(cmd, "insert-simple")) {
        NEED(1);
        txn_insert_simple(words[1]);
    } else if (!strcmp(cmd, "delete-simple")) {
        NEED(1);
        idltest_simple_delete(find_simple(words[1]));
    } else if (!strcmp(cmd, "dry-run")) {
        NEED(0);
        ovsdb_idl_txn_set_dry_run(open_txn);
        txn_dry_run = true;
    } else if (!strcmp(cmd, "comment")) {
        ovsdb_idl_txn_add_comment(open_txn, "%s", n > 1 ? words[1] : "");
    } else {
        ovs_fatal(0, "unknown transaction command %s", cmd);
    }
#undef NEED
}

/* Starts a transaction and runs 'cmds' in it. */
static void
do_open(char *cmds)
{
    size_t n_cmds;
    char **list = split(cmds, ";", &n_cmds);

    ovs_assert(!open_txn);
    txn_seqno = ovsdb_idl_get_seqno(idl);
    txn_dry_run = false;
    open_txn = ovsdb_idl_txn_create(idl);
    for (size_t i = 0; i < n_cmds; i++) {
        size_t n_words;
        char **words = split(list[i], " ", &n_words);

        if (n_words) {
            txn_command(words, n_words);
        }
        free(words);
    }
    free(list);
}

/* Commits the open transaction and reports how it went. */
static void
do_commit(bool wait)
{
    unsigned int commit_seqno = ovsdb_idl_get_seqno(idl);
    enum ovsdb_idl_txn_status status;

    ovs_assert(open_txn);
    status = ovsdb_idl_txn_commit_block(open_txn);
    if (status == TXN_ERROR) {
        say("txn: error: %s", ovsdb_idl_txn_get_error(open_txn));
    } else {
        say("txn: %s", ovsdb_idl_txn_status_to_string(status));
    }
    if (status == TXN_SUCCESS) {
        int64_t value = ovsdb_idl_txn_get_increment_new_value(open_txn);

        if (value != INT64_MIN) {
            say("txn: counter incremented to %"PRId64, value);
        }
    }
    ovsdb_idl_txn_destroy(open_txn);
    open_txn = NULL;

    /* Let the replica catch up with the change before going on, unless
     * it already has (or there is none: a dry run).  After TXN_TRY_AGAIN,
     * wait for the change that made it fail. */
    if (status == TXN_SUCCESS && !txn_dry_run && wait) {
        wait_for_change(commit_seqno);
    } else if (status == TXN_TRY_AGAIN) {
        wait_for_change(txn_seqno);
    }
}

/* Conditions. */

/* Parses 'name' as the function of a clause. */
static bool
parse_function(const char *name, enum ovsdb_function *function)
{
    static const struct {
        const char *name;
        enum ovsdb_function function;
    } functions[] = {
        { "==", OVSDB_F_EQ }, { "!=", OVSDB_F_NE },
        { "<", OVSDB_F_LT }, { "<=", OVSDB_F_LE },
        { ">", OVSDB_F_GT }, { ">=", OVSDB_F_GE },
        { "includes", OVSDB_F_INCLUDES }, { "excludes", OVSDB_F_EXCLUDES },
    };

    for (size_t i = 0; i < ARRAY_SIZE(functions); i++) {
        if (!strcmp(name, functions[i].name)) {
            *function = functions[i].function;
            return true;
        }
    }
    return false;
}

static bool
cond_seqno_reached(const void *seqno_)
{
    const unsigned int *seqno = seqno_;

    return ovsdb_idl_get_condition_seqno(idl) == *seqno;
}

static void
do_cond(char *arg)
{
    char *colon = strchr(arg, ':');
    const struct ovsdb_idl_table_class *tc = NULL;
    struct ovsdb_idl_condition cond;

    if (!colon) {
        ovs_fatal(0, "cond: wants TABLE:CONDITION");
    }
    *colon = '\0';
    for (size_t i = 0; i < idltest_idl_class.n_tables; i++) {
        if (!strcmp(idltest_idl_class.tables[i].name, arg)) {
            tc = &idltest_idl_class.tables[i];
        }
    }
    if (!tc) {
        ovs_fatal(0, "cond: unknown table %s", arg);
    }

    ovsdb_idl_condition_init(&cond);
    size_t n_clauses;
    char **clauses = split(colon + 1, "|", &n_clauses);
    for (size_t i = 0; i < n_clauses; i++) {
        size_t n_words;
        char **words = split(clauses[i], " ", &n_words);
        enum ovsdb_function function;

        if (n_words == 1 && !strcmp(words[0], "true")) {
            ovsdb_idl_condition_add_clause_true(&cond);
        } else if (n_words == 1 && !strcmp(words[0], "false")) {
            /* Adds nothing. */
        } else if (n_words == 3
                   && parse_function(words[1], &function)) {
            const struct ovsdb_idl_column *column = NULL;
            struct ovsdb_datum datum;

            for (size_t j = 0; j < tc->n_columns; j++) {
                if (!strcmp(tc->columns[j].name, words[0])) {
                    column = &tc->columns[j];
                }
            }
            if (!column) {
                ovs_fatal(0, "cond: unknown column %s", words[0]);
            }
            char *error = ovsdb_datum_from_string(&datum, &column->type,
                                                  words[2], NULL);
            if (error) {
                ovs_fatal(0, "cond: %s", error);
            }
            ovsdb_idl_condition_add_clause(&cond, function, column, &datum);
            ovsdb_datum_destroy(&datum, &column->type);
        } else {
            ovs_fatal(0, "cond: bad clause");
        }
        free(words);
    }
    free(clauses);

    unsigned int seqno = ovsdb_idl_set_condition(idl, tc, &cond);
    ovsdb_idl_condition_destroy(&cond);
    run_until(cond_seqno_reached, &seqno);
    say("cond: %s condition acknowledged", tc->name);
}

/* Indexes. */

static void
do_index(const char *name)
{
    struct idltest_child *key = idltest_child_index_init_row(child_index);
    const struct idltest_child *c;
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t n = 0;

    idltest_child_index_set_name(key, name);
    IDLTEST_CHILD_FOR_EACH_EQUAL (c, key, child_index) {
        ovs_assert(!strcmp(c->name, name));
        n++;
    }
    say("index: %zu Child row(s) named %s%s", n, name,
        idltest_child_index_find(child_index, key) ? "" : " (none found)");
    idltest_child_index_destroy_row(key);

    IDLTEST_CHILD_FOR_EACH_BYINDEX (c, child_index) {
        ds_put_format(&s, " %s", c->name);
    }
    say("index: all:%s", ds_cstr(&s));
    ds_destroy(&s);
}

/* Returns the column named 'name', as "TABLE.COLUMN". */
static const struct ovsdb_idl_column *
find_column(const char *name)
{
    for (size_t i = 0; i < idltest_idl_class.n_tables; i++) {
        const struct ovsdb_idl_table_class *tc = &idltest_idl_class.tables[i];
        size_t len = strlen(tc->name);

        if (!strncmp(name, tc->name, len) && name[len] == '.') {
            for (size_t j = 0; j < tc->n_columns; j++) {
                if (!strcmp(tc->columns[j].name, name + len + 1)) {
                    return &tc->columns[j];
                }
            }
        }
    }
    ovs_fatal(0, "%s: no such column", name);
}

static void
test_idl(int argc, char *argv[])
{
    remote = argv[1];
    idl = ovsdb_idl_create(remote, &idltest_idl_class, true, true);
    ovsdb_idl_track_add_all(idl);
    child_index = ovsdb_idl_index_create1(idl, &idltest_child_col_name);

    int first_step;
    for (first_step = 2; first_step < argc; first_step++) {
        const char *arg = argv[first_step];

        if (!strncmp(arg, "omit:", 5)) {
            ovsdb_idl_omit(idl, find_column(arg + 5));
        } else if (!strncmp(arg, "omit-alert:", 11)) {
            ovsdb_idl_omit_alert(idl, find_column(arg + 11));
        } else if (!strcmp(arg, "verify-write-only")) {
            ovsdb_idl_verify_write_only(idl);
        } else {
            break;
        }
    }

    /* Wait for the initial contents. */
    wait_for_change(0);

    for (int i = first_step; i < argc; i++) {
        char *arg = xstrdup(argv[i]);

        step = i - first_step;
        if (!strcmp(arg, "print")) {
            do_print();
        } else if (!strcmp(arg, "track")) {
            do_track();
        } else if (!strcmp(arg, "wait")) {
            wait_for_change(ovsdb_idl_get_seqno(idl));
        } else if (!strcmp(arg, "reconnect")) {
            unsigned int seqno = ovsdb_idl_get_seqno(idl);

            ovsdb_idl_force_reconnect(idl);
            wait_for_change(seqno);
        } else if (!strncmp(arg, "raw:", 4)) {
            do_raw(arg + 4);
        } else if (!strncmp(arg, "txn:", 4)) {
            do_open(arg + 4);
            do_commit(true);
        } else if (!strncmp(arg, "txn-nowait:", 11)) {
            do_open(arg + 11);
            do_commit(false);
        } else if (!strncmp(arg, "open:", 5)) {
            do_open(arg + 5);
        } else if (!strcmp(arg, "commit")) {
            do_commit(true);
        } else if (!strncmp(arg, "cond:", 5)) {
            do_cond(arg + 5);
        } else if (!strncmp(arg, "index:", 6)) {
            do_index(arg + 6);
        } else if (arg[0] == '!') {
            fflush(stdout);
            int status = system(arg + 1);
            if (status) {
                ovs_fatal(0, "\"%s\" failed (status %d)", arg + 1, status);
            }
        } else {
            ovs_fatal(0, "unknown step \"%s\"", arg);
        }
        free(arg);
    }

    ovs_assert(!open_txn);
    ovs_assert(ovsdb_idl_check_consistency(idl));
    if (side_rpc) {
        jsonrpc_close(side_rpc);
    }
    ovsdb_idl_destroy(idl);
}

/* Locks. */

static struct ovsdb_idl *lock_idls[2];  /* The contenders. */

static bool
lock_settled(const void *aux OVS_UNUSED)
{
    for (int i = 0; i < 2; i++) {
        if (lock_idls[i]) {
            ovsdb_idl_run(lock_idls[i]);
        }
    }
    return (ovsdb_idl_has_ever_connected(lock_idls[1])
            && (lock_idls[0]
                ? (ovsdb_idl_has_ever_connected(lock_idls[0])
                   && ovsdb_idl_has_lock(lock_idls[0])
                   && ovsdb_idl_is_lock_contended(lock_idls[1]))
                : ovsdb_idl_has_lock(lock_idls[1])));
}

static void
lock_run_until_settled(void)
{
    while (!lock_settled(NULL)) {
        for (int i = 0; i < 2; i++) {
            if (lock_idls[i]) {
                ovsdb_idl_wait(lock_idls[i]);
            }
        }
        poll_block();
    }
}

static void
lock_report(int i)
{
    printf("idl%d: has_lock=%s contended=%s\n", i + 1,
           ovsdb_idl_has_lock(lock_idls[i]) ? "true" : "false",
           ovsdb_idl_is_lock_contended(lock_idls[i]) ? "true" : "false");
}

/* Has lock_idls[i] set the counter of Parent "p" to 'value'. */
static void
lock_txn(int i, int64_t value)
{
    struct ovsdb_idl_txn *txn = ovsdb_idl_txn_create(lock_idls[i]);
    const struct idltest_parent *p = idltest_parent_first(lock_idls[i]);
    enum ovsdb_idl_txn_status status;

    ovs_assert(p);
    idltest_parent_set_counter(p, value);
    status = ovsdb_idl_txn_commit_block(txn);
    printf("idl%d: txn: %s\n", i + 1,
           ovsdb_idl_txn_status_to_string(status));
    ovsdb_idl_txn_destroy(txn);
}

static void
test_lock(int argc OVS_UNUSED, char *argv[])
{
    for (int i = 0; i < 2; i++) {
        lock_idls[i] = ovsdb_idl_create(argv[1], &idltest_idl_class, true,
                                        true);
        ovsdb_idl_set_lock(lock_idls[i], "the_lock");
        if (!i) {
            /* Let the first one get the lock first. */
            for (;;) {
                ovsdb_idl_run(lock_idls[0]);
                if (ovsdb_idl_has_lock(lock_idls[0])
                    && ovsdb_idl_has_ever_connected(lock_idls[0])) {
                    break;
                }
                ovsdb_idl_wait(lock_idls[0]);
                poll_block();
            }
        }
    }
    lock_run_until_settled();
    lock_report(0);
    lock_report(1);
    lock_txn(1, 1);
    lock_txn(0, 2);

    /* When the holder goes away, the other gets the lock. */
    ovsdb_idl_destroy(lock_idls[0]);
    lock_idls[0] = NULL;
    lock_run_until_settled();
    lock_report(1);
    lock_txn(1, 3);

    /* Releasing the lock. */
    ovsdb_idl_set_lock(lock_idls[1], NULL);
    lock_report(1);
    ovsdb_idl_destroy(lock_idls[1]);
}

/* The Open_vSwitch database. */

static bool
vswitch_connected(const void *aux OVS_UNUSED)
{
    return ovsdb_idl_has_ever_connected(idl);
}

static int
compare_bridges(const void *a_, const void *b_)
{
    const struct ovsrec_bridge *const *a = a_;
    const struct ovsrec_bridge *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

static int
compare_ports(const void *a_, const void *b_)
{
    const struct ovsrec_port *const *a = a_;
    const struct ovsrec_port *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

static void
vswitch_add_bridge(const char *name)
{
    const struct ovsrec_open_vswitch *ovs = ovsrec_open_vswitch_first(idl);
    struct ovsdb_idl_txn *txn = ovsdb_idl_txn_create(idl);
    enum ovsdb_idl_txn_status status;
    unsigned int seqno = ovsdb_idl_get_seqno(idl);

    if (!ovs) {
        ovs_fatal(0, "no Open_vSwitch row");
    }
    ovsdb_idl_txn_add_comment(txn, "test-ovsdb-idl: add-br %s", name);

    struct ovsrec_interface *iface = ovsrec_interface_insert(txn);
    ovsrec_interface_set_name(iface, name);
    ovsrec_interface_set_type(iface, "internal");

    struct ovsrec_port *port = ovsrec_port_insert(txn);
    ovsrec_port_set_name(port, name);
    ovsrec_port_set_interfaces(port, &iface, 1);

    struct ovsrec_bridge *br = ovsrec_bridge_insert(txn);
    ovsrec_bridge_set_name(br, name);
    ovsrec_bridge_set_ports(br, &port, 1);

    ovsrec_open_vswitch_verify_bridges(ovs);
    ovsrec_open_vswitch_update_bridges_addvalue(ovs, br);
    ovsdb_idl_txn_increment(txn, &ovs->header_,
                            &ovsrec_open_vswitch_col_next_cfg, false);

    struct uuid br_uuid = br->header_.uuid;
    status = ovsdb_idl_txn_commit_block(txn);
    printf("add-br %s: %s", name, ovsdb_idl_txn_status_to_string(status));
    if (status == TXN_SUCCESS) {
        printf(", next_cfg=%"PRId64", bridge uuid %s",
               ovsdb_idl_txn_get_increment_new_value(txn),
               ovsdb_idl_txn_get_insert_uuid(txn, &br_uuid) ? "known"
               : "unknown");
    } else if (status == TXN_ERROR) {
        printf(": %s", ovsdb_idl_txn_get_error(txn));
    }
    putchar('\n');
    ovsdb_idl_txn_destroy(txn);
    if (status == TXN_SUCCESS && ovsdb_idl_get_seqno(idl) == seqno) {
        wait_for_change(seqno);
    }
}

static void
test_vswitch(int argc, char *argv[])
{
    remote = argv[1];
    ovsrec_init();
    idl = ovsdb_idl_create(remote, &ovsrec_idl_class, true, true);
    run_until(vswitch_connected, NULL);

    if (argc > 2) {
        vswitch_add_bridge(argv[2]);
    }

    const struct ovsrec_open_vswitch *ovs = ovsrec_open_vswitch_first(idl);
    if (ovs) {
        printf("Open_vSwitch: next_cfg=%"PRId64" cur_cfg=%"PRId64
               " bridges=%zu\n", ovs->next_cfg, ovs->cur_cfg,
               ovs->n_bridges);
    }

    const struct ovsrec_bridge *br;
    const struct ovsrec_bridge **bridges = NULL;
    size_t n = 0, allocated = 0;
    OVSREC_BRIDGE_FOR_EACH (br, idl) {
        if (n >= allocated) {
            bridges = x2nrealloc(bridges, &allocated, sizeof *bridges);
        }
        bridges[n++] = br;
    }
    if (n) {
        qsort(bridges, n, sizeof *bridges, compare_bridges);
    }
    for (size_t i = 0; i < n; i++) {
        br = bridges[i];
        printf("Bridge %s\n", br->name);

        struct ovsrec_port **ports = xmalloc(MAX(1, br->n_ports)
                                             * sizeof *ports);
        for (size_t j = 0; j < br->n_ports; j++) {
            ports[j] = br->ports[j];
        }
        if (br->n_ports) {
            qsort(ports, br->n_ports, sizeof *ports, compare_ports);
        }
        for (size_t j = 0; j < br->n_ports; j++) {
            const struct ovsrec_port *port = ports[j];

            printf("    Port %s\n", port->name);
            for (size_t k = 0; k < port->n_interfaces; k++) {
                const struct ovsrec_interface *iface = port->interfaces[k];

                printf("        Interface %s%s%s\n", iface->name,
                       iface->type[0] ? " type: " : "", iface->type);
            }
        }
        free(ports);
    }
    free(bridges);
    ovsdb_idl_destroy(idl);
}

static const struct ovstest_command commands[] = {
    { "idl", 1, INT_MAX, test_idl },
    { "lock", 1, 1, test_lock },
    { "vswitch", 1, 2, test_vswitch },
    { NULL, 0, 0, NULL },
};

static void
test_ovsdb_idl_main(int argc, char *argv[])
{
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-ovsdb-idl", test_ovsdb_idl_main);
