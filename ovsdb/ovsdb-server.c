/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovsdb-server: the OVSDB database server.
 *
 * It serves the standalone database files named on the command line (and
 * the built-in "_Server" database that describes them) over JSON-RPC, on
 * the remotes given with --remote or found in a database column, keeps
 * each file up to date with every committed transaction, compacts the
 * files when they grow, and writes the status of remotes back into the
 * database rows that configured them. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "column.h"
#include "command-line.h"
#include "daemon.h"
#include "dirs.h"
#include "execution.h"
#include "fatal-signal.h"
#include "file.h"
#include "json.h"
#include "jsonrpc-server.h"
#include "memory.h"
#include "monitor.h"
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
#include "simap.h"
#include "smap.h"
#include "sset.h"
#include "stream-ssl.h"
#include "stream.h"
#include "table.h"
#include "timeval.h"
#include "transaction.h"
#include "unixctl.h"
#include "uuid.h"

VLOG_DEFINE_THIS_MODULE(ovsdb_server);

/* The schema of the built-in _Server database. */
static const char server_schema_text[] =
#include "ovsdb/_server.ovsschema.inc"
    ;

/* How often to write the status of remotes into the database. */
#define STATUS_INTERVAL_MSEC 2500

/* A database that the server serves. */
struct db {
    char *filename;             /* File it came from (NULL for _Server). */
    struct ovsdb *db;           /* The database. */
    struct ovsdb_file *file;    /* Its storage (NULL for _Server). */
};

/* The state of the whole server. */
struct server_config {
    struct shash *all_dbs;      /* Maps a database name to a struct db *. */
    struct sset *remotes;       /* --remote options (and add-remote). */
    struct ovsdb_jsonrpc_server *jsonrpc; /* The JSON-RPC server. */
    struct db *server_db;       /* The _Server database. */
    bool server_db_stale;       /* _Server must be brought up to date. */
    bool exiting;               /* "exit" was requested. */
};

/* SSL configuration: each may be "db:DB,TABLE,COLUMN". */
static char *private_key_file;
static char *certificate_file;
static char *ca_cert_file;
static char *ssl_protocols;
static char *ssl_ciphers;
static bool bootstrap_ca_cert;

/* --run. */
static char *run_command;
static pid_t run_pid;
static int run_status;          /* Its wait() status once it exited. */

static unixctl_cb_func ovsdb_server_exit;
static unixctl_cb_func ovsdb_server_compact;
static unixctl_cb_func ovsdb_server_reconnect;
static unixctl_cb_func ovsdb_server_add_remote;
static unixctl_cb_func ovsdb_server_remove_remote;
static unixctl_cb_func ovsdb_server_list_remotes;
static unixctl_cb_func ovsdb_server_add_database;
static unixctl_cb_func ovsdb_server_remove_database;
static unixctl_cb_func ovsdb_server_list_databases;

static void parse_options(int argc, char *argv[], struct sset *db_filenames,
                          struct sset *remotes, char **unixctl_pathp);
OVS_NO_RETURN static void usage(void);

static char *open_db(struct server_config *, const char *filename)
    OVS_WARN_UNUSED_RESULT;
static void close_db(struct server_config *, struct db *,
                     const char *comment);
static void create_server_db(struct server_config *);
static ovsdb_jsonrpc_convert_func convert_db;
static void update_server_db(struct server_config *);
static char *reconfigure_remotes(struct server_config *)
    OVS_WARN_UNUSED_RESULT;
static char *reconfigure_ssl(const struct shash *all_dbs)
    OVS_WARN_UNUSED_RESULT;
static void update_remote_status(const struct server_config *);
static void start_run_command(void);
static bool run_command_exited(int *status);

/* Logs 'error' (freeing it) at most once per distinct message. */
static void
log_error_once(char *error)
{
    static struct sset logged = SSET_INITIALIZER(&logged);

    if (error) {
        if (!sset_contains(&logged, error)) {
            VLOG_ERR("%s", error);
            sset_add(&logged, error);
        }
        free(error);
    }
}

/* Adds to 'usage' counts of what the server holds, for "memory/show" and
 * the periodic memory log messages: "atoms" and "cells" in all rows, and
 * "n-weak-refs", the weak references among them (one per referring key or
 * value). */
static void
report_memory(const struct server_config *config, struct simap *usage)
{
    unsigned long long int cells = 0, atoms = 0, weak_refs = 0;
    struct shash_node *node;

    SHASH_FOR_EACH (node, config->all_dbs) {
        const struct db *db = node->data;
        struct shash_node *tnode;

        SHASH_FOR_EACH (tnode, &db->db->tables) {
            const struct ovsdb_table *table = tnode->data;
            const struct ovsdb_table_schema *ts = table->schema;
            size_t n_columns = ovsdb_table_schema_n_columns(ts);
            const struct ovsdb_row *row;

            cells += (unsigned long long int) hmap_count(&table->rows)
                     * n_columns;
            HMAP_FOR_EACH (row, hmap_node, &table->rows) {
                for (size_t i = 0; i < n_columns; i++) {
                    const struct ovsdb_type *type = &ts->by_index[i]->type;
                    unsigned int n = row->fields[i].n;

                    atoms += n;
                    if (ovsdb_base_type_is_weak_ref(&type->key)) {
                        weak_refs += n;
                    }
                    if (ovsdb_base_type_is_weak_ref(&type->value)) {
                        weak_refs += n;
                    }
                }
            }
        }
    }
    simap_put(usage, "atoms", atoms);
    simap_put(usage, "cells", cells);
    simap_put(usage, "n-weak-refs", weak_refs);
    ovsdb_jsonrpc_server_get_memory_usage(config->jsonrpc, usage);
}

/* A main loop iteration that takes at least this long did enough work
 * (a big transaction or monitor reply) to leave many free pages behind. */
#define TRIM_BUSY_MSEC 5

/* Free heap memory, beyond what it was after the last trim, at which
 * the heap gets trimmed even without a busy iteration. */
#define TRIM_THRESHOLD (4 * 1024 * 1024)

/* Least time between two checks of the heap's free memory outside busy
 * iterations: a check walks the heap's free lists, which costs too much to
 * do after every request when clients connect and disconnect back to
 * back. */
#define TRIM_CHECK_MSEC 500

/* Least time between two trims after busy iterations: a trim walks the
 * whole heap, which costs too much to do after every transaction when
 * clients send big ones back to back.  A busy iteration within this time
 * of the last trim sets a timer for the next one instead. */
#define TRIM_BUSY_INTERVAL_MSEC 100

/* When to return the heap's free pages to the kernel. */
struct heap_trim {
    long long int next_check;   /* When to check the free memory next. */
    size_t low;                 /* Least free memory seen since the last
                                 * trim (0 at first). */
    long long int next_trim;    /* Earliest time for the next trim after
                                 * a busy iteration. */
    bool pending;               /* A busy iteration awaits its trim, due
                                 * at 'next_trim'. */
};

/* Returns the heap's free pages to the kernel after a main loop iteration
 * that started at 'start' (a time_msec() value) was busy (at most once per
 * TRIM_BUSY_INTERVAL_MSEC: later, see heap_trim_wait()), or when at least
 * TRIM_THRESHOLD more of the heap is free than after the last trim: a big
 * transaction or monitor reply leaves many free pages in the middle of the
 * heap, which the C library would otherwise keep resident.  (Without "fast
 * bins", see main(), a trim costs little.) */
static void
heap_trim_run(struct heap_trim *ht, long long int start)
{
#ifdef __GLIBC__
    long long int now = time_msec();
    bool trim = false;

    if (now - start >= TRIM_BUSY_MSEC) {
        ht->pending = true;
    }
    if (ht->pending && now >= ht->next_trim) {
        trim = true;
    } else if (now >= ht->next_check) {
        struct mallinfo2 mi = mallinfo2();

        if (mi.fordblks >= ht->low + TRIM_THRESHOLD) {
            trim = true;
        } else if (mi.fordblks < ht->low) {
            ht->low = mi.fordblks;
        }
        ht->next_check = now + TRIM_CHECK_MSEC;
    }
    if (trim) {
        malloc_trim(0);
        ht->low = mallinfo2().fordblks;
        now = time_msec();
        ht->next_check = now + TRIM_CHECK_MSEC;
        ht->next_trim = now + TRIM_BUSY_INTERVAL_MSEC;
        ht->pending = false;
    }
#else
    (void) ht;
    (void) start;
#endif
}

/* Wakes the main loop when the trim that heap_trim_run() put off is
 * due. */
static void
heap_trim_wait(const struct heap_trim *ht)
{
    if (ht->pending) {
        poll_timer_wait_until(ht->next_trim);
    }
}

static void
main_loop(struct server_config *config, struct unixctl_server *unixctl)
{
    struct heap_trim heap_trim = { .next_check = 0 };
    long long int status_timer = LLONG_MIN;
    char *remotes_error = NULL, *ssl_error = NULL;

    while (!config->exiting) {
        long long int start = time_msec();
        struct shash_node *node;
        int status;

        memory_run();
        if (memory_should_report()) {
            struct simap usage = SIMAP_INITIALIZER(&usage);

            report_memory(config, &usage);
            memory_report(&usage);
            simap_destroy(&usage);
        }

        ovsdb_jsonrpc_server_run(config->jsonrpc);
        unixctl_server_run(unixctl);

        /* Remotes and SSL settings may come from the databases, which the
         * transactions just run may have changed, or from unixctl
         * commands. */
        free(remotes_error);
        remotes_error = reconfigure_remotes(config);
        log_error_once(remotes_error ? xstrdup(remotes_error) : NULL);
        free(ssl_error);
        ssl_error = reconfigure_ssl(config->all_dbs);
        log_error_once(ssl_error ? xstrdup(ssl_error) : NULL);

        SHASH_FOR_EACH (node, config->all_dbs) {
            struct db *db = node->data;

            if (db->file) {
                struct ovsdb_error *error
                    = ovsdb_file_compact_if_due(db->file);
                if (error) {
                    char *s = ovsdb_error_to_string_free(error);
                    VLOG_WARN("%s: compacting database failed (%s)",
                              db->filename, s);
                    free(s);
                }
            }
        }

        if (config->server_db_stale) {
            update_server_db(config);
        }

        if (time_msec() >= status_timer) {
            update_remote_status(config);
            status_timer = time_msec() + STATUS_INTERVAL_MSEC;
        }

        if (run_pid && run_command_exited(&status)) {
            run_status = status;
            break;
        }

        heap_trim_run(&heap_trim, start);

        /* Wait. */
        heap_trim_wait(&heap_trim);
        memory_wait();
        ovsdb_jsonrpc_server_wait(config->jsonrpc);
        unixctl_server_wait(unixctl);
        poll_timer_wait_until(status_timer);
        poll_timer_wait(60 * 1000);   /* To notice when compaction is due. */
        if (run_pid) {
            poll_timer_wait(100);
        }
        if (config->exiting || config->server_db_stale) {
            poll_immediate_wake();
        }
        poll_block();
    }
    free(remotes_error);
    free(ssl_error);
}

int
main(int argc, char *argv[])
{
    struct sset db_filenames = SSET_INITIALIZER(&db_filenames);
    struct sset remotes = SSET_INITIALIZER(&remotes);
    struct shash all_dbs = SHASH_INITIALIZER(&all_dbs);
    struct server_config config;
    struct unixctl_server *unixctl;
    char *unixctl_path = NULL;
    const char *filename;
    struct shash_node *node;
    char *error;
    int retval;

#ifdef __GLIBC__
    /* No "fast bins": a freed small block merges with its free neighbors
     * at once instead of waiting for a big allocation to merge them all.
     * Each request parses into, and each reply is built from, thousands of
     * small blocks, and merging them later costs more than at once. */
    mallopt(M_MXFAST, 0);

    /* Big blocks (a serialized reply or transaction, a big table's
     * update) always come from their own mappings, so that freeing one
     * returns its memory to the kernel at once.  Setting the threshold
     * stops the C library from raising it after such a block is freed,
     * after which big blocks would come from, and fragment, the heap. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    ovs_cmdl_proctitle_init(argc, argv);
    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    fatal_signal_init();

    parse_options(argc, argv, &db_filenames, &remotes, &unixctl_path);

    daemonize_start(false, false);

    memset(&config, 0, sizeof config);
    config.all_dbs = &all_dbs;
    config.remotes = &remotes;
    config.jsonrpc = ovsdb_jsonrpc_server_create(false);
    ovsdb_jsonrpc_server_set_convert_cb(config.jsonrpc, convert_db, &config);

    SSET_FOR_EACH (filename, &db_filenames) {
        error = open_db(&config, filename);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
    }
    create_server_db(&config);
    /* Fill in _Server now: a client that connects as soon as --detach
     * returns must already find every database there. */
    update_server_db(&config);

    /* Check the remotes and SSL settings now, so that a mistake on the
     * command line is a startup failure instead of a log message. */
    error = reconfigure_remotes(&config);
    if (!error) {
        error = reconfigure_ssl(&all_dbs);
    }
    if (error) {
        ovs_fatal(0, "%s\n", error);
    }

    retval = unixctl_server_create(unixctl_path, &unixctl);
    if (retval) {
        exit(EXIT_FAILURE);
    }

    if (run_command) {
        start_run_command();
    }

    daemonize_complete();

    unixctl_command_register("exit", "", 0, 0, ovsdb_server_exit, &config);
    unixctl_command_register("ovsdb-server/compact", "", 0, 1,
                             ovsdb_server_compact, &config);
    unixctl_command_register("ovsdb-server/reconnect", "", 0, 0,
                             ovsdb_server_reconnect, &config);
    unixctl_command_register("ovsdb-server/add-remote", "REMOTE", 1, 1,
                             ovsdb_server_add_remote, &config);
    unixctl_command_register("ovsdb-server/remove-remote", "REMOTE", 1, 1,
                             ovsdb_server_remove_remote, &config);
    unixctl_command_register("ovsdb-server/list-remotes", "", 0, 0,
                             ovsdb_server_list_remotes, &config);
    unixctl_command_register("ovsdb-server/add-db", "DB", 1, 1,
                             ovsdb_server_add_database, &config);
    unixctl_command_register("ovsdb-server/remove-db", "DB", 1, 1,
                             ovsdb_server_remove_database, &config);
    unixctl_command_register("ovsdb-server/list-dbs", "", 0, 0,
                             ovsdb_server_list_databases, &config);

    VLOG_INFO("%s (Weft) %s", program_name, get_program_version());

    main_loop(&config, unixctl);

    /* Close every database, _Server included and without updating it, as
     * upstream does: clients that asked to be told about database changes
     * get "monitor_canceled" for their monitors (sent at once), the others
     * are disconnected. */
    SHASH_FOR_EACH_SAFE (node, &all_dbs) {
        close_db(&config, node->data, NULL);
    }

    /* Clean up, so that memory checkers see no leaks. */
    ovsdb_jsonrpc_server_destroy(config.jsonrpc);
    shash_destroy(&all_dbs);
    sset_destroy(&remotes);
    sset_destroy(&db_filenames);
    free(unixctl_path);
    unixctl_server_destroy(unixctl);
    if (run_pid) {
        kill(run_pid, SIGTERM);
    }
    if (run_status) {
        if (WIFEXITED(run_status)) {
            ovs_fatal(0, "%s: child exited, exit status %d", run_command,
                      WEXITSTATUS(run_status));
        } else if (WIFSIGNALED(run_status)) {
            ovs_fatal(0, "%s: child killed (%s)", run_command,
                      strsignal(WTERMSIG(run_status)));
        } else {
            ovs_fatal(0, "%s: child exited abnormally", run_command);
        }
    }
    free(run_command);
    return 0;
}

/* Databases. */

/* Returns true if 'a' and 'b' name the same file. */
static bool
same_file(const char *a, const char *b)
{
    char *ra = realpath(a, NULL);
    char *rb = realpath(b, NULL);
    bool same = ra && rb && !strcmp(ra, rb);

    free(ra);
    free(rb);
    return same;
}

/* Opens database file 'filename' and starts serving it.  Returns NULL on
 * success, otherwise a malloc'd error message. */
static char *
open_db(struct server_config *config, const char *filename)
{
    struct ovsdb_error *error;
    struct shash_node *node;
    struct ovsdb_file *file;
    struct ovsdb *ovsdb;
    char *warning = NULL;
    struct db *db;

    SHASH_FOR_EACH (node, config->all_dbs) {
        db = node->data;
        if (db->filename && same_file(db->filename, filename)) {
            return xasprintf("ovsdb error: %s: already open", filename);
        }
    }

    error = ovsdb_file_open(filename, false, &ovsdb, &file, &warning);
    if (error) {
        return ovsdb_error_to_string_free(error);
    }
    if (warning) {
        VLOG_WARN("%s", warning);
        free(warning);
    }

    if (shash_find(config->all_dbs, ovsdb->name)) {
        char *msg = xasprintf("ovsdb error: %s: duplicate database name",
                              ovsdb->name);
        ovsdb_destroy(ovsdb);
        return msg;
    }

    db = xzalloc(sizeof *db);
    db->filename = xstrdup(filename);
    db->db = ovsdb;
    db->file = file;
    shash_add(config->all_dbs, ovsdb->name, db);
    ovsdb_jsonrpc_server_add_db(config->jsonrpc, ovsdb);
    config->server_db_stale = true;
    return NULL;
}

static void
close_db(struct server_config *config, struct db *db, const char *comment)
{
    ovsdb_jsonrpc_server_remove_db(config->jsonrpc, db->db, comment);
    shash_find_and_delete(config->all_dbs, db->db->name);
    ovsdb_destroy(db->db);
    free(db->filename);
    free(db);
    config->server_db_stale = true;
}

static void
create_server_db(struct server_config *config)
{
    struct ovsdb_schema *schema;
    struct ovsdb_error *error;
    json_t *json;
    struct db *db;

    json = json_from_string(server_schema_text);
    error = ovsdb_schema_from_json(json, &schema);
    json_decref(json);
    ovsdb_error_assert(error);

    db = xzalloc(sizeof *db);
    db->db = ovsdb_create(schema, NULL);
    shash_add(config->all_dbs, db->db->name, db);
    ovsdb_jsonrpc_server_add_db(config->jsonrpc, db->db);
    config->server_db = db;
    config->server_db_stale = true;
}

/* ovsdb_jsonrpc_convert_func for "convert" requests: writes 'new', the
 * converted contents of 'ovsdb', to 'ovsdb''s file, with 'schema_json'
 * (the new schema as the client sent it) as the schema record. */
static struct ovsdb_error *
convert_db(struct ovsdb *ovsdb, const struct ovsdb *new,
           const json_t *schema_json, void *config_)
{
    struct server_config *config = config_;
    struct shash_node *node;

    SHASH_FOR_EACH (node, config->all_dbs) {
        struct db *db = node->data;

        if (db->db == ovsdb && db->file) {
            struct ovsdb_error *error;

            error = ovsdb_file_snapshot(db->file, new, schema_json,
                                        "converted by ovsdb-server");
            if (!error) {
                config->server_db_stale = true;
            }
            return error;
        }
    }
    return ovsdb_error("not allowed", "database %s may not be converted",
                       ovsdb->name);
}

/* Runs the operations in 'ops' (a JSON array whose first element is
 * already the database name) on 'db' as a server-internal transaction,
 * and logs any failure. */
static void
execute_internal(struct ovsdb *db, json_t *params)
{
    json_t *result = ovsdb_execute(db, NULL, params, false, 0, NULL);
    size_t i;

    for (i = 0; result && i < json_array_size(result); i++) {
        const json_t *r = json_array_get(result, i);
        if (json_is_object(r) && json_object_get(r, "error")) {
            char *s = json_to_string(result, JSSF_SORT);
            VLOG_WARN("%s: internal transaction failed: %s", db->name, s);
            free(s);
            break;
        }
    }
    json_decref(result);
}

/* Sets column 'name' of 'row', a new row, to 'value' (JSON). */
static void
set_server_column(struct ovsdb_row *row, const char *name, json_t *value)
{
    const struct ovsdb_column *c
        = ovsdb_table_schema_get_column(row->table->schema, name);
    struct ovsdb_datum datum;

    ovsdb_error_assert(ovsdb_datum_from_json(&datum, &c->type, value, NULL));
    ovsdb_datum_swap(&row->fields[c->index], &datum);
    ovsdb_datum_destroy(&datum, &c->type);
    json_decref(value);
}

/* Brings the rows of _Server's Database table up to date with the set of
 * databases served.  (Clients may not write to _Server, so this goes
 * through the transaction layer directly.) */
static void
update_server_db(struct server_config *config)
{
    struct ovsdb *sdb = config->server_db->db;
    struct ovsdb_table *table = ovsdb_get_table(sdb, "Database");
    const struct ovsdb_column *name_col, *schema_col;
    struct sset present = SSET_INITIALIZER(&present);
    struct ovsdb_txn *txn = ovsdb_txn_create(sdb);
    struct ovsdb_error *error;
    struct ovsdb_row *row;
    struct shash_node *node;

    config->server_db_stale = false;
    name_col = ovsdb_table_schema_get_column(table->schema, "name");
    schema_col = ovsdb_table_schema_get_column(table->schema, "schema");

    /* Delete rows of databases that went away or changed schema. */
    HMAP_FOR_EACH_SAFE (row, hmap_node, &table->rows) {
        const struct ovsdb_datum *name = &row->fields[name_col->index];
        const struct ovsdb_datum *schema = &row->fields[schema_col->index];
        const struct db *db = shash_find_data(config->all_dbs,
                                              name->keys[0].string);
        bool keep = false;

        if (db && schema->n == 1) {
            json_t *sj = ovsdb_schema_to_json(db->db->schema);
            char *s = json_to_string(sj, JSSF_SORT);

            keep = !strcmp(s, schema->keys[0].string);
            free(s);
            json_decref(sj);
        }
        if (keep) {
            sset_add(&present, name->keys[0].string);
        } else {
            ovsdb_txn_row_delete(txn, row);
        }
    }

    /* Insert rows for new databases. */
    SHASH_FOR_EACH (node, config->all_dbs) {
        const struct db *db = node->data;
        json_t *sj;

        if (sset_contains(&present, node->name)) {
            continue;
        }
        sj = ovsdb_schema_to_json(db->db->schema);
        row = ovsdb_row_create(table);
        uuid_generate(ovsdb_row_get_uuid_rw(row));
        set_server_column(row, "name", json_string_create(node->name));
        set_server_column(row, "model", json_string_create("standalone"));
        set_server_column(row, "connected", json_boolean_create(true));
        set_server_column(row, "leader", json_boolean_create(true));
        set_server_column(row, "schema", json_string_create_nocopy(
                              json_to_string(sj, JSSF_SORT)));
        json_decref(sj);
        ovsdb_txn_row_insert(txn, row);
    }
    sset_destroy(&present);

    if (!ovsdb_txn_may_have_changed(txn)) {
        ovsdb_txn_abort(txn);
        return;
    }
    error = ovsdb_txn_commit(txn, false);
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        VLOG_WARN("%s: updating database failed (%s)", sdb->name, s);
        free(s);
    }
}

/* Remotes. */

/* Parses "db:DB,TABLE,COLUMN" in 'name' and finds the database, table and
 * column it names.  Returns NULL on success, otherwise a malloc'd error
 * message.  'what' is what the column is used for ("remote" or "key"). */
static char *
parse_db_column(const struct shash *all_dbs, const char *name,
                const struct db **dbp, const struct ovsdb_table **tablep,
                const struct ovsdb_column **columnp)
{
    char *copy = xstrdup(name + 3);
    char *save_ptr = NULL;
    const char *db_name, *table_name, *column_name;
    const struct ovsdb_column *column;
    const struct ovsdb_table *table;
    const struct db *db;
    char *error = NULL;

    db_name = strtok_r(copy, ",", &save_ptr);
    table_name = strtok_r(NULL, ",", &save_ptr);
    column_name = strtok_r(NULL, ",", &save_ptr);
    if (!db_name || !table_name || !column_name
        || strtok_r(NULL, ",", &save_ptr)) {
        error = xasprintf("\"%s\": invalid syntax", name);
        goto out;
    }

    db = shash_find_data(all_dbs, db_name);
    if (!db) {
        error = xasprintf("\"%s\": no database named %s", name, db_name);
        goto out;
    }
    table = ovsdb_get_table(db->db, table_name);
    if (!table) {
        error = xasprintf("\"%s\": no table named %s", name, table_name);
        goto out;
    }
    column = ovsdb_table_schema_get_column(table->schema, column_name);
    if (!column) {
        error = xasprintf("\"%s\": table \"%s\" has no column \"%s\"",
                          name, table_name, column_name);
        goto out;
    }

    *dbp = db;
    *tablep = table;
    *columnp = column;
out:
    free(copy);
    return error;
}

/* Returns the column named 'name' of 'table' if it has type 'key' (and
 * 'value', for maps), with at most 'n_max' elements; otherwise NULL. */
static const struct ovsdb_column *
get_typed_column(const struct ovsdb_table *table, const char *name,
                 enum ovsdb_atomic_type key, enum ovsdb_atomic_type value,
                 unsigned int n_max)
{
    const struct ovsdb_column *c
        = ovsdb_table_schema_get_column(table->schema, name);

    return (c && c->type.key.type == key && c->type.value.type == value
            && c->type.n_max <= n_max
            ? c : NULL);
}

/* Reads an optional integer column 'name' of 'row' into '*value'. */
static bool
read_int_column(const struct ovsdb_row *row, const char *name, int *value)
{
    const struct ovsdb_column *c
        = get_typed_column(row->table, name, OVSDB_TYPE_INTEGER,
                           OVSDB_TYPE_VOID, 1);

    if (c && row->fields[c->index].n == 1) {
        long long int v = row->fields[c->index].keys[0].integer;
        *value = v > INT_MAX ? INT_MAX : v < INT_MIN ? INT_MIN : v;
        return true;
    }
    return false;
}

/* Returns the value of optional string column 'name' of 'row', or NULL. */
static const char *
read_string_column(const struct ovsdb_row *row, const char *name)
{
    const struct ovsdb_column *c
        = get_typed_column(row->table, name, OVSDB_TYPE_STRING,
                           OVSDB_TYPE_VOID, 1);

    return (c && row->fields[c->index].n == 1
            ? row->fields[c->index].keys[0].string : NULL);
}

/* Adds remote 'target' with default options to 'remotes', unless it is
 * already there, and returns its options. */
static struct ovsdb_jsonrpc_options *
add_remote(struct shash *remotes, const char *target)
{
    struct ovsdb_jsonrpc_options *options = shash_find_data(remotes, target);

    if (!options) {
        options = ovsdb_jsonrpc_default_options(target);
        shash_add(remotes, target, options);
    }
    return options;
}

/* Adds the remote described by row 'row' (with a "target" column, and
 * optionally "max_backoff", "inactivity_probe", "read_only", "role" and
 * "other_config:dscp") to 'remotes'. */
static void
add_manager_options(struct shash *remotes, const struct ovsdb_row *row)
{
    const char *target = read_string_column(row, "target");
    struct ovsdb_jsonrpc_options *options;
    const struct ovsdb_column *c;
    const char *role;
    int value;

    if (!target) {
        return;
    }
    options = add_remote(remotes, target);
    if (read_int_column(row, "max_backoff", &value)) {
        options->max_backoff = value;
    }
    if (read_int_column(row, "inactivity_probe", &value)) {
        options->probe_interval = value;
    }
    c = get_typed_column(row->table, "read_only", OVSDB_TYPE_BOOLEAN,
                         OVSDB_TYPE_VOID, 1);
    if (c && row->fields[c->index].n == 1) {
        options->read_only = row->fields[c->index].keys[0].boolean;
    }
    role = read_string_column(row, "role");
    if (role) {
        free(options->role);
        options->role = xstrdup(role);
    }
    c = get_typed_column(row->table, "other_config", OVSDB_TYPE_STRING,
                         OVSDB_TYPE_STRING, UINT_MAX);
    if (c) {
        const struct ovsdb_datum *d = &row->fields[c->index];
        union ovsdb_atom key;
        unsigned int pos;

        key.string = CONST_CAST(char *, "dscp");
        if (ovsdb_datum_find_key(d, &key, OVSDB_TYPE_STRING, &pos)) {
            int dscp = atoi(d->values[pos].string);
            if (dscp >= 0 && dscp <= 63) {
                options->dscp = dscp;
            }
        }
    }
}

/* Adds the remotes named in the column that "db:..." remote 'name' refers
 * to.  Returns NULL or a malloc'd error message. */
static char *
query_db_remotes(const char *name, const struct shash *all_dbs,
                 struct shash *remotes)
{
    const struct ovsdb_column *column;
    const struct ovsdb_table *table;
    const struct ovsdb_row *row;
    const struct db *db;
    char *error;

    error = parse_db_column(all_dbs, name, &db, &table, &column);
    if (error) {
        return error;
    }

    if (column->type.key.type == OVSDB_TYPE_STRING
        && column->type.value.type == OVSDB_TYPE_VOID) {
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            const struct ovsdb_datum *d = &row->fields[column->index];

            for (size_t i = 0; i < d->n; i++) {
                add_remote(remotes, d->keys[i].string);
            }
        }
    } else if (column->type.key.type == OVSDB_TYPE_UUID
               && column->type.key.u.uuid.refTable
               && column->type.value.type == OVSDB_TYPE_VOID) {
        const struct ovsdb_table *ref_table
            = column->type.key.u.uuid.refTable;

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            const struct ovsdb_datum *d = &row->fields[column->index];

            for (size_t i = 0; i < d->n; i++) {
                const struct ovsdb_row *ref
                    = ovsdb_table_get_row(ref_table, &d->keys[i].uuid);
                if (ref) {
                    add_manager_options(remotes, ref);
                }
            }
        }
    } else {
        return xasprintf("\"%s\": type of table \"%s\" column \"%s\" is not "
                         "string or reference", name, table->schema->name,
                         column->name);
    }
    return NULL;
}

/* Makes the JSON-RPC server's remotes those of the --remote options, with
 * "db:" remotes looked up in the databases.  Returns NULL or a malloc'd
 * message describing the first error (other remotes are still set). */
static char *
reconfigure_remotes(struct server_config *config)
{
    struct shash resolved = SHASH_INITIALIZER(&resolved);
    char *first_error = NULL;
    struct shash_node *node;
    const char *name;

    SSET_FOR_EACH (name, config->remotes) {
        if (!strncmp(name, "db:", 3)) {
            char *error = query_db_remotes(name, config->all_dbs, &resolved);
            if (error) {
                if (!first_error) {
                    first_error = error;
                } else {
                    free(error);
                }
            }
        } else {
            add_remote(&resolved, name);
        }
    }

    ovsdb_jsonrpc_server_set_remotes(config->jsonrpc, &resolved);

    SHASH_FOR_EACH (node, &resolved) {
        ovsdb_jsonrpc_options_free(node->data);
    }
    shash_destroy(&resolved);
    return first_error;
}

/* Resolves 'setting', which is either a file name or "db:DB,TABLE,COLUMN"
 * naming a string column whose first nonempty value (in any row) is the
 * file name.  Stores the result (NULL if the column is empty or the
 * setting unset) in '*valuep'.  Returns NULL or a malloc'd error. */
static char *
query_db_string(const struct shash *all_dbs, const char *setting,
                const char **valuep)
{
    const struct ovsdb_column *column;
    const struct ovsdb_table *table;
    const struct ovsdb_row *row;
    const struct db *db;
    char *error;

    *valuep = NULL;
    if (!setting || strncmp(setting, "db:", 3)) {
        *valuep = setting;
        return NULL;
    }

    error = parse_db_column(all_dbs, setting, &db, &table, &column);
    if (error) {
        return error;
    }
    if (column->type.key.type != OVSDB_TYPE_STRING
        || column->type.value.type != OVSDB_TYPE_VOID) {
        return xasprintf("\"%s\": type of table \"%s\" column \"%s\" is not "
                         "string", setting, table->schema->name,
                         column->name);
    }
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        const struct ovsdb_datum *d = &row->fields[column->index];

        for (size_t i = 0; i < d->n; i++) {
            if (d->keys[i].string[0]) {
                *valuep = d->keys[i].string;
                return NULL;
            }
        }
    }
    return NULL;
}

/* Applies the SSL settings, looking up "db:" ones in the databases.
 * Returns NULL or a malloc'd error message. */
static char *
reconfigure_ssl(const struct shash *all_dbs)
{
    const char *key, *cert, *ca, *protocols, *ciphers;
    char *error;

    error = query_db_string(all_dbs, private_key_file, &key);
    if (!error) {
        error = query_db_string(all_dbs, certificate_file, &cert);
    }
    if (!error) {
        error = query_db_string(all_dbs, ca_cert_file, &ca);
    }
    if (!error) {
        error = query_db_string(all_dbs, ssl_protocols, &protocols);
    }
    if (!error) {
        error = query_db_string(all_dbs, ssl_ciphers, &ciphers);
    }
    if (error) {
        return error;
    }

    if (key || cert) {
        stream_ssl_set_key_and_cert(key, cert);
    }
    if (ca) {
        stream_ssl_set_ca_cert_file(ca, bootstrap_ca_cert);
    }
    if (protocols) {
        stream_ssl_set_protocols(protocols);
    }
    if (ciphers) {
        stream_ssl_set_ciphers(ciphers);
    }
    return NULL;
}

/* Remote status. */

/* Appends to 'ops' an "update" of 'row' that sets its "is_connected" and
 * "status" columns to reflect 'target''s status, if that changes
 * anything. */
static void
update_remote_row(const struct server_config *config,
                  const struct ovsdb_row *row, json_t *ops)
{
    const char *target = read_string_column(row, "target");
    const struct ovsdb_column *conn_col, *status_col;
    struct ovsdb_jsonrpc_remote_status status;
    struct ovsdb_datum status_datum;
    json_t *new_row = NULL;
    struct smap smap;

    if (!target || !ovsdb_jsonrpc_server_get_remote_status(config->jsonrpc,
                                                           target, &status)) {
        return;
    }

    conn_col = get_typed_column(row->table, "is_connected",
                                OVSDB_TYPE_BOOLEAN, OVSDB_TYPE_VOID, 1);
    status_col = get_typed_column(row->table, "status", OVSDB_TYPE_STRING,
                                  OVSDB_TYPE_STRING, UINT_MAX);

    if (conn_col) {
        const struct ovsdb_datum *d = &row->fields[conn_col->index];

        if (d->n != 1 || d->keys[0].boolean != status.is_connected) {
            new_row = json_object_create();
            json_object_put(new_row, "is_connected",
                            json_boolean_create(status.is_connected));
        }
    }

    if (status_col) {
        smap_init(&smap);
        if (status.state) {
            smap_add(&smap, "state", status.state);
        }
        if (status.sec_since_connect != UINT_MAX) {
            smap_add_format(&smap, "sec_since_connect", "%u",
                            status.sec_since_connect);
        }
        if (status.sec_since_disconnect != UINT_MAX) {
            smap_add_format(&smap, "sec_since_disconnect", "%u",
                            status.sec_since_disconnect);
        }
        if (status.locks_held && status.locks_held[0]) {
            smap_add(&smap, "locks_held", status.locks_held);
        }
        if (status.locks_waiting && status.locks_waiting[0]) {
            smap_add(&smap, "locks_waiting", status.locks_waiting);
        }
        if (status.locks_lost && status.locks_lost[0]) {
            smap_add(&smap, "locks_lost", status.locks_lost);
        }
        if (status.n_connections > 1) {
            smap_add_format(&smap, "n_connections", "%d",
                            status.n_connections);
        }
        if (status.bound_port) {
            smap_add_format(&smap, "bound_port", "%u", status.bound_port);
        }

        ovsdb_datum_from_smap(&status_datum, &smap);
        if (!ovsdb_datum_equals(&status_datum,
                                &row->fields[status_col->index],
                                &status_col->type)) {
            if (!new_row) {
                new_row = json_object_create();
            }
            json_object_put(new_row, "status",
                            ovsdb_datum_to_json(&status_datum,
                                                &status_col->type));
        }
        ovsdb_datum_destroy(&status_datum, &status_col->type);
        smap_destroy(&smap);
    }
    ovsdb_jsonrpc_server_free_remote_status(&status);

    if (new_row) {
        char uuid_s[UUID_LEN + 1];
        json_t *op = json_object_create();

        snprintf(uuid_s, sizeof uuid_s, UUID_FMT,
                 UUID_ARGS(ovsdb_row_get_uuid(row)));
        json_object_put_string(op, "op", "update");
        json_object_put_string(op, "table", row->table->schema->name);
        json_object_put(op, "where", json_array_create_1(
                            json_array_create_3(
                                json_string_create("_uuid"),
                                json_string_create("=="),
                                json_array_create_2(
                                    json_string_create("uuid"),
                                    json_string_create(uuid_s)))));
        json_object_put(op, "row", new_row);
        json_array_add(ops, op);
    }
}

/* Writes the status of the remotes that come from database rows into
 * those rows. */
static void
update_remote_status(const struct server_config *config)
{
    struct shash updates = SHASH_INITIALIZER(&updates);
    struct shash_node *node;
    const char *name;

    SSET_FOR_EACH (name, config->remotes) {
        const struct ovsdb_column *column;
        const struct ovsdb_table *table, *ref_table;
        const struct ovsdb_row *row;
        const struct db *db;
        json_t *ops;

        if (strncmp(name, "db:", 3)
            || parse_db_column(config->all_dbs, name, &db, &table,
                               &column)) {
            /* (parse_db_column() errors were logged elsewhere.) */
            continue;
        }
        ref_table = column->type.key.u.uuid.refTable;
        if (column->type.key.type != OVSDB_TYPE_UUID || !ref_table) {
            continue;
        }

        ops = shash_find_data(&updates, db->db->name);
        if (!ops) {
            ops = json_array_create_1(json_string_create(db->db->name));
            shash_add(&updates, db->db->name, ops);
        }
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            const struct ovsdb_datum *d = &row->fields[column->index];

            for (size_t i = 0; i < d->n; i++) {
                const struct ovsdb_row *ref
                    = ovsdb_table_get_row(ref_table, &d->keys[i].uuid);
                if (ref) {
                    update_remote_row(config, ref, ops);
                }
            }
        }
    }

    SHASH_FOR_EACH (node, &updates) {
        json_t *ops = node->data;
        struct db *db = shash_find_data(config->all_dbs, node->name);

        if (json_array_size(ops) > 1 && db) {
            execute_internal(db->db, ops);
        }
        json_decref(ops);
    }
    shash_destroy(&updates);
}

/* --run. */

static void
start_run_command(void)
{
    pid_t pid = fork();

    if (pid < 0) {
        ovs_fatal(errno, "%s: fork failed", run_command);
    } else if (!pid) {
        execl("/bin/sh", "/bin/sh", "-c", run_command, (char *) NULL);
        fprintf(stderr, "%s: exec failed: %s\n", run_command,
                ovs_strerror(errno));
        _exit(127);
    }
    run_pid = pid;
}

static bool
run_command_exited(int *status)
{
    pid_t pid = waitpid(run_pid, status, WNOHANG);

    if (pid == run_pid) {
        run_pid = 0;
        return true;
    }
    return false;
}

/* Unixctl commands. */

static void
ovsdb_server_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *config_)
{
    struct server_config *config = config_;

    config->exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
ovsdb_server_compact(struct unixctl_conn *conn, int argc,
                     const char *argv[], void *config_)
{
    struct server_config *config = config_;
    struct ds reply = DS_EMPTY_INITIALIZER;
    struct shash_node *node;
    int n = 0;

    SHASH_FOR_EACH (node, config->all_dbs) {
        struct db *db = node->data;
        const char *name = db->db->name;

        if (argc < 2 || !strcmp(argv[1], name)) {
            if (!db->file) {
                if (argc >= 2) {
                    unixctl_command_reply_error(
                        conn, "cannot compact built-in databases");
                    ds_destroy(&reply);
                    return;
                }
                continue;
            }

            VLOG_INFO("compacting %s database by user request", name);

            struct ovsdb_error *error
                = ovsdb_file_compact(db->file, "compacting database online");
            if (error) {
                char *s = ovsdb_error_to_string_free(error);
                ds_put_format(&reply, "%s\n", s);
                free(s);
            }
            n++;
        }
    }

    if (!n) {
        unixctl_command_reply_error(conn, "no database by that name");
    } else if (reply.length) {
        unixctl_command_reply_error(conn, ds_cstr(&reply));
    } else {
        unixctl_command_reply(conn, NULL);
    }
    ds_destroy(&reply);
}

static void
ovsdb_server_reconnect(struct unixctl_conn *conn, int argc OVS_UNUSED,
                       const char *argv[] OVS_UNUSED, void *config_)
{
    struct server_config *config = config_;

    ovsdb_jsonrpc_server_reconnect(config->jsonrpc, true,
                                   "user ran ovsdb-server/reconnect");
    unixctl_command_reply(conn, NULL);
}

static void
ovsdb_server_add_remote(struct unixctl_conn *conn, int argc OVS_UNUSED,
                        const char *argv[], void *config_)
{
    struct server_config *config = config_;
    const char *remote = argv[1];

    if (!strncmp(remote, "db:", 3)) {
        const struct ovsdb_column *column;
        const struct ovsdb_table *table;
        const struct db *db;
        char *error = parse_db_column(config->all_dbs, remote, &db, &table,
                                      &column);
        if (error) {
            unixctl_command_reply_error(conn, error);
            free(error);
            return;
        }
    }
    sset_add(config->remotes, remote);
    unixctl_command_reply(conn, NULL);
}

static void
ovsdb_server_remove_remote(struct unixctl_conn *conn, int argc OVS_UNUSED,
                           const char *argv[], void *config_)
{
    struct server_config *config = config_;

    if (sset_find_and_delete(config->remotes, argv[1])) {
        unixctl_command_reply(conn, NULL);
    } else {
        unixctl_command_reply_error(conn, "no such remote");
    }
}

static void
ovsdb_server_list_remotes(struct unixctl_conn *conn, int argc OVS_UNUSED,
                          const char *argv[] OVS_UNUSED, void *config_)
{
    struct server_config *config = config_;
    struct ds s = DS_EMPTY_INITIALIZER;
    const char **list;
    size_t n = sset_count(config->remotes);

    list = sset_sort(config->remotes);
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&s, "%s\n", list[i]);
    }
    free(list);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
ovsdb_server_add_database(struct unixctl_conn *conn, int argc OVS_UNUSED,
                          const char *argv[], void *config_)
{
    struct server_config *config = config_;
    char *error = open_db(config, argv[1]);

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    } else {
        unixctl_command_reply(conn, NULL);
    }
}

static void
ovsdb_server_remove_database(struct unixctl_conn *conn, int argc OVS_UNUSED,
                             const char *argv[], void *config_)
{
    struct server_config *config = config_;
    struct db *db = shash_find_data(config->all_dbs, argv[1]);

    if (!db) {
        unixctl_command_reply_error(conn, "Failed to find the database.");
    } else if (!db->file) {
        unixctl_command_reply_error(conn, "Cannot remove reserved database.");
    } else {
        close_db(config, db, "removing database");
        unixctl_command_reply(conn, NULL);
    }
}

static void
ovsdb_server_list_databases(struct unixctl_conn *conn, int argc OVS_UNUSED,
                            const char *argv[] OVS_UNUSED, void *config_)
{
    struct server_config *config = config_;
    const struct shash_node **nodes;
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t n = shash_count(config->all_dbs);

    nodes = shash_sort(config->all_dbs);
    for (size_t i = 0; i < n; i++) {
        ds_put_format(&s, "%s\n", nodes[i]->name);
    }
    free(nodes);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* Command line. */

static void
parse_options(int argc, char *argv[], struct sset *db_filenames,
              struct sset *remotes, char **unixctl_pathp)
{
    enum {
        OPT_REMOTE = UCHAR_MAX + 1,
        OPT_UNIXCTL,
        OPT_RUN,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_SSL_PROTOCOLS,
        OPT_SSL_CIPHERS,
        OPT_SYNC_FROM,
        OPT_SYNC_EXCLUDE,
        OPT_ACTIVE,
        OPT_FILE_COLUMN_DIFF,
        OPT_RECORD,
        OPT_REPLAY,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS,
    };
    static const struct option long_options[] = {
        {"remote",      required_argument, NULL, OPT_REMOTE},
        {"unixctl",     required_argument, NULL, OPT_UNIXCTL},
        {"run",         required_argument, NULL, OPT_RUN},
        {"help",        no_argument, NULL, 'h'},
        {"version",     no_argument, NULL, 'V'},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert",     required_argument, NULL, 'C'},
        {"bootstrap-ca-cert", required_argument, NULL, OPT_BOOTSTRAP_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
        {"sync-from",   required_argument, NULL, OPT_SYNC_FROM},
        {"sync-exclude-tables", required_argument, NULL, OPT_SYNC_EXCLUDE},
        {"active", no_argument, NULL, OPT_ACTIVE},
        {"disable-file-column-diff", no_argument, NULL,
         OPT_FILE_COLUMN_DIFF},
        {"record", optional_argument, NULL, OPT_RECORD},
        {"replay", optional_argument, NULL, OPT_REPLAY},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = ovs_cmdl_long_options_to_short_options(long_options);

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case OPT_REMOTE:
            sset_add(remotes, optarg);
            break;

        case OPT_UNIXCTL:
            free(*unixctl_pathp);
            *unixctl_pathp = xstrdup(optarg);
            break;

        case OPT_RUN:
            free(run_command);
            run_command = xstrdup(optarg);
            break;

        case 'h':
            usage();

        case 'V':
            ovs_print_version(0, 0);
            exit(EXIT_SUCCESS);

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS

        case 'p':
            free(private_key_file);
            private_key_file = xstrdup(optarg);
            break;

        case 'c':
            free(certificate_file);
            certificate_file = xstrdup(optarg);
            break;

        case 'C':
            free(ca_cert_file);
            ca_cert_file = xstrdup(optarg);
            bootstrap_ca_cert = false;
            break;

        case OPT_BOOTSTRAP_CA_CERT:
            free(ca_cert_file);
            ca_cert_file = xstrdup(optarg);
            bootstrap_ca_cert = true;
            break;

        case OPT_SSL_PROTOCOLS:
            free(ssl_protocols);
            ssl_protocols = xstrdup(optarg);
            break;

        case OPT_SSL_CIPHERS:
            free(ssl_ciphers);
            ssl_ciphers = xstrdup(optarg);
            break;

        case OPT_FILE_COLUMN_DIFF:
            /* Our files always use column diffs, which every reader
             * understands; accepted for compatibility. */
            break;

        case OPT_SYNC_FROM:
        case OPT_SYNC_EXCLUDE:
        case OPT_ACTIVE:
            ovs_fatal(0, "active-backup replication (--sync-from, "
                      "--sync-exclude-tables, --active) is not supported");

        case OPT_RECORD:
        case OPT_REPLAY:
            ovs_fatal(0, "--record and --replay are not supported");

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);

    argc -= optind;
    argv += optind;
    if (argc > 0) {
        for (int i = 0; i < argc; i++) {
            sset_add(db_filenames, argv[i]);
        }
    } else {
        sset_add_and_free(db_filenames, xasprintf("%s/conf.db", ovs_dbdir()));
    }
}

static void
usage(void)
{
    printf("%s: OVSDB database server\n"
           "usage: %s [OPTIONS] [DATABASE...]\n"
           "where each DATABASE is a database file in ovsdb format.\n"
           "The default DATABASE, if none is given, is\n%s/conf.db.\n",
           program_name, program_name, ovs_dbdir());
    printf("\nJSON-RPC options (may be specified any number of times):\n"
           "  --remote=REMOTE         connect or listen to REMOTE\n");
    stream_usage("JSON-RPC", true, true, true);
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  --run COMMAND           run COMMAND as subprocess then exit\n"
           "  --unixctl=SOCKET        override default control socket name\n"
           "  --disable-file-column-diff\n"
           "                          don't use column diff in database "
           "file\n"
           "  -h, --help              display this help message\n"
           "  -V, --version           display version information\n");
    exit(EXIT_SUCCESS);
}
