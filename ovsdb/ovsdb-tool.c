/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovsdb-tool: creates, inspects, queries, compacts and converts OVSDB
 * database files without a running ovsdb-server.  Its commands, options,
 * output and exit codes are those of upstream Open vSwitch's ovsdb-tool,
 * for standalone databases; clustered databases are refused with an
 * explicit error. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb/column.h"
#include "ovsdb/execution.h"
#include "ovsdb/file.h"
#include "ovsdb/log.h"
#include "ovsdb/ovsdb.h"
#include "ovsdb/table.h"
#include "ovsdb/transaction.h"
#include "uuid.h"

/* -m, --more: how much "show-log" prints about each record. */
static int show_log_verbosity;

/* A subcommand. */
struct tool_command {
    const char *name;           /* Name on the command line. */
    const char *usage;          /* Arguments, for "list-commands". */
    int min_args;               /* Minimum number of arguments. */
    int max_args;               /* Maximum number of arguments. */
    void (*handler)(int argc, char *argv[]); /* argv[0] is the name. */
};

static const struct tool_command *get_all_commands(void);
static void parse_options(int argc, char *argv[]);
static void run_command(int argc, char *argv[]);
static void usage(void) OVS_NO_RETURN;

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    parse_options(argc, argv);
    run_command(argc - optind, argv + optind);
    return 0;
}

/* Directories and default file names. */

/* Returns the directory that holds databases by default: $OVS_DBDIR, else
 * $OVS_SYSCONFDIR/openvswitch, else the configured one. */
static const char *
tool_dbdir(void)
{
    static char *dbdir;

    if (!dbdir) {
        const char *env = getenv("OVS_DBDIR");
        const char *sysconfdir = getenv("OVS_SYSCONFDIR");

        /* An empty $OVS_DBDIR counts as unset, an empty $OVS_SYSCONFDIR
         * does not (as upstream's). */
        dbdir = (env && env[0] ? xstrdup(env)
                 : sysconfdir ? xasprintf("%s/openvswitch", sysconfdir)
                 : xstrdup(DBDIR));
    }
    return dbdir;
}

/* Returns the directory that holds the default schema: $OVS_PKGDATADIR,
 * else the configured one. */
static const char *
tool_pkgdatadir(void)
{
    const char *env = getenv("OVS_PKGDATADIR");

    return env && env[0] ? env : PKGDATADIR;
}

static const char *
default_db(void)
{
    static char *db;

    if (!db) {
        db = xasprintf("%s/conf.db", tool_dbdir());
    }
    return db;
}

static const char *
default_schema(void)
{
    static char *schema;

    if (!schema) {
        schema = xasprintf("%s/vswitch.ovsschema", tool_pkgdatadir());
    }
    return schema;
}

/* Exits with the text of 'error', if it is nonnull. */
static void
check_ovsdb_error(struct ovsdb_error *error)
{
    if (error) {
        ovs_fatal(0, "%s", ovsdb_error_to_string_free(error));
    }
}

/* Options. */

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_RBAC_ROLE = UCHAR_MAX + 1,
        OPT_ELECTION_TIMER,
        OPT_CID,
    };
    static const struct option long_options[] = {
        {"more", no_argument, NULL, 'm'},
        {"rbac-role", required_argument, NULL, OPT_RBAC_ROLE},
        {"election-timer", required_argument, NULL, OPT_ELECTION_TIMER},
        {"cid", required_argument, NULL, OPT_CID},
        {"verbose", optional_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };

    for (;;) {
        struct uuid cid;
        int c;

        c = getopt_long(argc, argv, "mhVv::", long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 'm':
            show_log_verbosity++;
            break;

        case OPT_RBAC_ROLE:
            /* Roles restrict what a remote client may change; a local
             * tool with direct access to the file is not such a client,
             * so the role changes nothing here. */
            break;

        case OPT_ELECTION_TIMER: {
            long long int ms;

            if (!str_to_llong(optarg, 10, &ms) || ms < 100 || ms > 600000) {
                ovs_fatal(0, "ovsdb error: election timer must be between "
                          "100 and 600000, in msec.");
            }
            break;
        }

        case OPT_CID:
            if (!uuid_from_string(&cid, optarg) || uuid_is_zero(&cid)) {
                ovs_fatal(0, "%s: not a valid UUID", optarg);
            }
            break;

        case 'v':
            /* Log levels: this program logs nothing of its own. */
            break;

        case 'h':
            usage();

        case 'V':
            ovs_print_version(0, 0);
            exit(EXIT_SUCCESS);

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
}

static void
usage(void)
{
    printf("%s: Weft database management utility\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "  create [DB [SCHEMA]]    create DB from SCHEMA\n"
           "  compact [DB [DST]]      compact DB in place (or into DST)\n"
           "  convert [DB [SCHEMA [DST]]]   convert DB to SCHEMA "
           "(in place or into DST)\n"
           "  needs-conversion [DB [SCHEMA]]  is DB's schema other than "
           "SCHEMA?\n"
           "  db-name [DB]            print the name of DB's schema\n"
           "  db-version [DB]         print the version of DB's schema\n"
           "  db-cksum [DB]           print the checksum of DB's schema\n"
           "  db-is-clustered DB      exit 0 if DB is clustered, 2 if not\n"
           "  db-is-standalone DB     exit 0 if DB is standalone, "
           "2 if not\n"
           "  schema-name [SCHEMA]    print SCHEMA's name\n"
           "  schema-version [SCHEMA] print SCHEMA's version\n"
           "  schema-cksum [SCHEMA]   print SCHEMA's checksum\n"
           "  compare-versions A OP B  exit 0 if version A OP B holds, "
           "2 if not\n"
           "  query [DB] TRNS         run transaction TRNS on DB, "
           "keeping DB unchanged\n"
           "  transact [DB] TRNS      run transaction TRNS on DB\n"
           "  [-m]... show-log [DB]   print the records of DB's log\n"
           "Clustered databases are not supported.\n"
           "The default DB is %s.\n"
           "The default SCHEMA is %s.\n"
           "\n"
           "Options:\n"
           "  -m, --more              print more of each record "
           "(show-log)\n"
           "  --rbac-role=ROLE        accepted for compatibility; "
           "no effect\n"
           "  -v, --verbose[=SPEC]    accepted for compatibility; "
           "no effect\n"
           "  -h, --help              print this help and exit\n"
           "  -V, --version           print the version and exit\n",
           program_name, program_name, default_db(), default_schema());
    exit(EXIT_SUCCESS);
}

/* Command dispatch. */

static void
run_command(int argc, char *argv[])
{
    const struct tool_command *cmd;

    if (argc < 1) {
        ovs_fatal(0, "missing command name; use --help for help");
    }
    for (cmd = get_all_commands(); cmd->name; cmd++) {
        if (!strcmp(cmd->name, argv[0])) {
            int n_args = argc - 1;

            if (n_args < cmd->min_args) {
                ovs_fatal(0, "'%s' command requires at least %d arguments",
                          cmd->name, cmd->min_args);
            } else if (n_args > cmd->max_args) {
                ovs_fatal(0, "'%s' command takes at most %d arguments",
                          cmd->name, cmd->max_args);
            }
            cmd->handler(argc, argv);
            if (ferror(stdout) || fflush(stdout)) {
                ovs_fatal(0, "write to stdout failed");
            }
            return;
        }
    }
    ovs_fatal(0, "unknown command '%s'; use --help for help", argv[0]);
}

/* create. */

static void
do_create(int argc, char *argv[])
{
    const char *db_file_name = argc >= 2 ? argv[1] : default_db();
    const char *schema_file_name = argc >= 3 ? argv[2] : default_schema();
    struct ovsdb_schema *schema;
    struct ovsdb_log *log;

    check_ovsdb_error(ovsdb_schema_from_file(schema_file_name, &schema));
    check_ovsdb_error(ovsdb_log_open(db_file_name, OVSDB_MAGIC,
                                     OVSDB_LOG_CREATE_EXCL, -1, &log));
    check_ovsdb_error(ovsdb_log_write_and_free(
                          log, ovsdb_schema_to_json(schema)));
    check_ovsdb_error(ovsdb_log_commit_block(log));
    ovsdb_log_close(log);
    ovsdb_schema_destroy(schema);
}

/* compact and convert. */

/* Rewrites database 'src_name' as a schema plus one record holding every
 * row, with 'comment', into 'dst_name', or in place (atomically) if
 * 'dst_name' is NULL.  With 'new_schema', converts the data to it first;
 * takes ownership of 'new_schema'. */
static void
compact_or_convert(const char *src_name, const char *dst_name,
                   struct ovsdb_schema *new_schema, const char *comment)
{
    const char *lock_name = dst_name ? dst_name : src_name;
    struct ovsdb_log_lock *lock;
    struct ovsdb *db;
    int retval;

    retval = ovsdb_log_lock_file(lock_name, &lock);
    if (retval) {
        ovs_fatal(retval, "%s: failed to lock lockfile", lock_name);
    }

    check_ovsdb_error(ovsdb_file_open(src_name, true, &db, NULL, NULL));
    if (new_schema) {
        struct ovsdb *new_db;

        /* The converted database gets 'new_schema' itself, not a copy
         * whose tables and columns would come out in another order, so
         * that the file is written as upstream's. */
        check_ovsdb_error(ovsdb_convert_take_schema(db, new_schema,
                                                    &new_db));
        ovsdb_destroy(db);
        db = new_db;
    }

    if (dst_name) {
        check_ovsdb_error(ovsdb_file_save_copy(dst_name, 0, comment, db));
    } else {
        struct ovsdb_log *log;
        json_t *records[2];

        check_ovsdb_error(ovsdb_log_open(src_name, OVSDB_MAGIC,
                                         OVSDB_LOG_READ_WRITE, 0, &log));
        ovsdb_file_snapshot_records(db, comment, false, records);
        check_ovsdb_error(ovsdb_log_replace(log, records, 2));
        json_decref(records[0]);
        json_decref(records[1]);
        ovsdb_log_close(log);
    }

    ovsdb_destroy(db);
    ovsdb_log_unlock_file(lock);
}

static void
do_compact(int argc, char *argv[])
{
    const char *db = argc >= 2 ? argv[1] : default_db();
    const char *target = argc >= 3 ? argv[2] : NULL;
    char *comment = xasprintf("compacted by ovsdb-tool %s",
                              get_program_version());

    compact_or_convert(db, target, NULL, comment);
    free(comment);
}

static void
do_convert(int argc, char *argv[])
{
    const char *db = argc >= 2 ? argv[1] : default_db();
    const char *schema_name = argc >= 3 ? argv[2] : default_schema();
    const char *target = argc >= 4 ? argv[3] : NULL;
    struct ovsdb_schema *new_schema;
    char *comment;

    check_ovsdb_error(ovsdb_schema_from_file(schema_name, &new_schema));
    comment = xasprintf("converted by ovsdb-tool %s", get_program_version());
    compact_or_convert(db, target, new_schema, comment);
    free(comment);
}

static void
do_needs_conversion(int argc, char *argv[])
{
    const char *db_file_name = argc >= 2 ? argv[1] : default_db();
    const char *schema_file_name = argc >= 3 ? argv[2] : default_schema();
    struct ovsdb_schema *schema1, *schema2;

    check_ovsdb_error(ovsdb_file_read_schema(db_file_name, &schema1));
    check_ovsdb_error(ovsdb_schema_from_file(schema_file_name, &schema2));
    puts(ovsdb_schema_equal(schema1, schema2) ? "no" : "yes");
    ovsdb_schema_destroy(schema1);
    ovsdb_schema_destroy(schema2);
}

/* Schema information. */

/* Which part of a schema a command prints. */
enum schema_field {
    SCHEMA_NAME,
    SCHEMA_VERSION,
    SCHEMA_CKSUM
};

static void
print_schema_field(const struct ovsdb_schema *schema,
                   enum schema_field field)
{
    puts(field == SCHEMA_NAME ? schema->name
         : field == SCHEMA_VERSION ? schema->version
         : schema->cksum);
}

static void
print_db_schema_field(int argc, char *argv[], enum schema_field field)
{
    const char *db_file_name = argc >= 2 ? argv[1] : default_db();
    struct ovsdb_schema *schema;

    check_ovsdb_error(ovsdb_file_read_schema(db_file_name, &schema));
    print_schema_field(schema, field);
    ovsdb_schema_destroy(schema);
}

static void
print_file_schema_field(int argc, char *argv[], enum schema_field field)
{
    const char *schema_file_name = argc >= 2 ? argv[1] : default_schema();
    struct ovsdb_schema *schema;

    check_ovsdb_error(ovsdb_schema_from_file(schema_file_name, &schema));
    print_schema_field(schema, field);
    ovsdb_schema_destroy(schema);
}

static void
do_db_name(int argc, char *argv[])
{
    print_db_schema_field(argc, argv, SCHEMA_NAME);
}

static void
do_db_version(int argc, char *argv[])
{
    print_db_schema_field(argc, argv, SCHEMA_VERSION);
}

static void
do_db_cksum(int argc, char *argv[])
{
    print_db_schema_field(argc, argv, SCHEMA_CKSUM);
}

static void
do_schema_name(int argc, char *argv[])
{
    print_file_schema_field(argc, argv, SCHEMA_NAME);
}

static void
do_schema_version(int argc, char *argv[])
{
    print_file_schema_field(argc, argv, SCHEMA_VERSION);
}

static void
do_schema_cksum(int argc, char *argv[])
{
    print_file_schema_field(argc, argv, SCHEMA_CKSUM);
}

/* Returns true if database file 'name' is clustered, false if it is
 * standalone; exits on error. */
static bool
db_is_clustered(const char *name)
{
    struct ovsdb_log *log;
    bool clustered;

    check_ovsdb_error(ovsdb_log_open(name, OVSDB_MAGIC"|"RAFT_MAGIC,
                                     OVSDB_LOG_READ_ONLY, -1, &log));
    clustered = !strcmp(ovsdb_log_get_magic(log), RAFT_MAGIC);
    ovsdb_log_close(log);
    return clustered;
}

static void
do_db_is_clustered(int argc OVS_UNUSED, char *argv[])
{
    exit(db_is_clustered(argv[1]) ? 0 : 2);
}

static void
do_db_is_standalone(int argc OVS_UNUSED, char *argv[])
{
    exit(db_is_clustered(argv[1]) ? 2 : 0);
}

/* db-cid, db-sid, db-local-address: facts about clustered databases. */
static void
do_db_cluster_info(int argc OVS_UNUSED, char *argv[])
{
    if (!db_is_clustered(argv[1])) {
        ovs_fatal(0, "%s: not a clustered database", argv[1]);
    }
    ovs_fatal(0, "%s: clustered databases are not supported", argv[1]);
}

/* create-cluster, join-cluster, cluster-to-standalone, check-cluster. */
static void
do_cluster_command(int argc OVS_UNUSED, char *argv[])
{
    ovs_fatal(0, "%s: clustered databases are not supported", argv[0]);
}

static void
do_compare_versions(int argc OVS_UNUSED, char *argv[])
{
    int a[3], b[3];
    const char *op = argv[2];
    int cmp;

    if (!ovsdb_parse_version(argv[1], &a[0], &a[1], &a[2])) {
        ovs_fatal(0, "%s: not an OVSDB version number in format x.y.z",
                  argv[1]);
    }
    if (!ovsdb_parse_version(argv[3], &b[0], &b[1], &b[2])) {
        ovs_fatal(0, "%s: not an OVSDB version number in format x.y.z",
                  argv[3]);
    }

    cmp = 0;
    for (int i = 0; i < 3 && !cmp; i++) {
        unsigned int x = a[i], y = b[i];

        cmp = x < y ? -1 : x > y;
    }

    bool result;
    if (!strcmp(op, "<")) {
        result = cmp < 0;
    } else if (!strcmp(op, "<=")) {
        result = cmp <= 0;
    } else if (!strcmp(op, "==")) {
        result = cmp == 0;
    } else if (!strcmp(op, ">=")) {
        result = cmp >= 0;
    } else if (!strcmp(op, ">")) {
        result = cmp > 0;
    } else if (!strcmp(op, "!=")) {
        result = cmp != 0;
    } else {
        ovs_fatal(0, "%s: not a relational operator", op);
    }
    exit(result ? 0 : 2);
}

/* query and transact. */

static void
transact(int argc, char *argv[], bool read_only)
{
    const char *db_file_name = argc >= 3 ? argv[1] : default_db();
    const char *transaction = argv[argc >= 3 ? 2 : 1];
    struct ovsdb_file *file;
    struct ovsdb *db;
    json_t *request, *result;
    char *error;
    char *s;

    /* For "query" the log is read-only but the file still stays attached,
     * as upstream's does: a write operation then fails at commit, with the
     * error that writing a read-only file gives. */
    check_ovsdb_error(ovsdb_file_open(db_file_name, read_only, &db, &file,
                                      NULL));

    error = json_parse(transaction, strlen(transaction), 0, &request);
    if (error) {
        ovs_fatal(0, "\"%s\": %s", transaction, error);
    }

    result = ovsdb_execute(db, NULL, request, false, 0, NULL);
    s = json_to_string(result, JSSF_SORT);
    puts(s);
    free(s);

    json_decref(result);
    json_decref(request);
    ovsdb_destroy(db);
}

static void
do_query(int argc, char *argv[])
{
    transact(argc, argv, true);
}

static void
do_transact(int argc, char *argv[])
{
    transact(argc, argv, false);
}

/* show-log. */

/* Calls 'cb' for each member of object 'json' in the order in which
 * upstream's tools visit them (the order of an shash built from the
 * object's members), so that output comes out in the same order. */
static void
for_each_member(const json_t *json,
                void (*cb)(const char *name, const json_t *value,
                           void *aux),
                void *aux)
{
    struct shash members = SHASH_INITIALIZER(&members);
    struct shash_node *node;
    const char *key;
    json_t *value;

    json_object_foreach (CONST_CAST(json_t *, json), key, value) {
        shash_add(&members, key, value);
    }
    SHASH_FOR_EACH (node, &members) {
        cb(node->name, node->data, aux);
    }
    shash_destroy(&members);
}

/* State for printing the changes in one record. */
struct show_log_ctx {
    const struct ovsdb_schema *schema; /* Database schema. */
    struct shash *names;        /* Maps a row UUID to its display name. */
    bool is_diff;               /* Record has "_is_diff": true? */
    bool any_table;             /* Printed the first table yet? */
    const char *table_name;     /* Table being printed. */
    const struct ovsdb_table_schema *table; /* Its schema, if known. */
};

/* Prints "    NAME=VALUE" for column 'name' of a row, using the column's
 * type to format 'value' if the value fits it, otherwise as JSON. */
static void
print_column(const char *name, const json_t *value, void *ctx_)
{
    struct show_log_ctx *ctx = ctx_;
    const struct ovsdb_column *column;
    struct ds s = DS_EMPTY_INITIALIZER;

    column = ctx->table ? ovsdb_table_schema_get_column(ctx->table, name)
             : NULL;
    if (column) {
        struct ovsdb_error *error;
        struct ovsdb_datum datum;

        error = ovsdb_datum_from_json(&datum, &column->type, value, NULL);
        if (!error) {
            ovsdb_datum_to_string(&datum, &column->type, &s);
            ovsdb_datum_destroy(&datum, &column->type);
        } else {
            ovsdb_error_destroy(error);
            json_to_ds(value, 0, &s);
        }
    } else {
        json_to_ds(value, 0, &s);
    }
    printf("    %s=%s\n", name, ds_cstr(&s));
    ds_destroy(&s);
}

/* Prints the change to the row with UUID 'uuid' in the current table. */
static void
print_row(const char *uuid, const json_t *row, void *ctx_)
{
    struct show_log_ctx *ctx = ctx_;
    const char *old_name = shash_find_data(ctx->names, uuid);
    char *new_name = NULL;

    if (json_is_object(row)) {
        const json_t *name = json_object_get(row, "name");

        if (name) {
            new_name = json_to_string(name, 0);
        }
    }

    printf("  table %s", ctx->table_name);
    if (old_name) {
        printf(" row %s (%.8s)%s:\n", old_name, uuid,
               ctx->is_diff ? " diff" : "");
    } else if (new_name) {
        printf(" insert row %s (%.8s):\n", new_name, uuid);
    } else {
        printf(" insert row %.8s:\n", uuid);
    }

    if (json_is_object(row)) {
        if (show_log_verbosity > 1) {
            for_each_member(row, print_column, ctx);
        }
        if (new_name) {
            free(shash_replace(ctx->names, uuid, new_name));
            new_name = NULL;
        } else if (!old_name) {
            shash_add(ctx->names, uuid, xasprintf("%.8s", uuid));
        }
    } else if (json_is_null(row)) {
        printf("    delete row\n");
        free(shash_find_and_delete(ctx->names, uuid));
    }
    free(new_name);
}

/* Prints the changes to table 'name' in a record. */
static void
print_table(const char *name, const json_t *rows, void *ctx_)
{
    struct show_log_ctx *ctx = ctx_;

    if (name[0] == '_' || !json_is_object(rows)) {
        return;
    }
    if (!ctx->any_table) {
        putchar('\n');
        ctx->any_table = true;
    }
    ctx->table_name = name;
    ctx->table = shash_find_data(&ctx->schema->tables, name);
    for_each_member(rows, print_row, ctx);
}

/* Returns the "_date" of 'record' in milliseconds in '*msecp', if it has
 * one (an integer).  Dates before 2**31 - 1 are in seconds, as the
 * earliest writers used. */
static bool
get_record_date(const json_t *record, long long int *msecp)
{
    const json_t *date = json_object_get(record, "_date");
    long long int value;

    if (!json_is_integer(date)) {
        return false;
    }
    value = json_integer_value(date);

    if (value < INT32_MAX) {
        /* Wraps like the upstream computation on overflow. */
        value = (long long int) ((unsigned long long int) value * 1000);
    }
    *msecp = value;
    return true;
}

/* Prints 'msec' (milliseconds since the epoch) as "YYYY-MM-DD
 * HH:MM:SS.mmm" in UTC. */
static void
print_date(long long int msec)
{
    long long int secs = msec / 1000;
    int ms = msec % 1000;
    char buf[128];
    struct tm tm;
    time_t t;

    if (ms < 0) {
        ms += 1000;
        secs--;
    }
    t = secs;
    if (!gmtime_r(&t, &tm)
        || !strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm)) {
        buf[0] = '\0';
    }
    printf(" %s.%03d", buf, ms);
}

static void
do_show_log(int argc, char *argv[])
{
    const char *db_file_name = argc >= 2 ? argv[1] : default_db();
    struct shash names = SHASH_INITIALIZER(&names);
    struct ovsdb_schema *schema = NULL;
    struct ovsdb_log *log;

    check_ovsdb_error(ovsdb_log_open(db_file_name, OVSDB_MAGIC,
                                     OVSDB_LOG_READ_ONLY, -1, &log));
    for (unsigned int i = 0; ; i++) {
        json_t *json;

        check_ovsdb_error(ovsdb_log_read(log, &json));
        if (!json) {
            break;
        }

        printf("record %u:", i);
        if (i == 0) {
            check_ovsdb_error(ovsdb_schema_from_json(json, &schema));
            printf(" \"%s\" schema, version=\"%s\", cksum=\"%s\"\n",
                   schema->name, schema->version, schema->cksum);
        } else {
            const json_t *comment = json_object_get(json, "_comment");
            long long int msec;

            if (get_record_date(json, &msec)) {
                print_date(msec);
            }
            if (json_is_string(comment)) {
                printf(" \"%s\"", json_string_value(comment));
            }

            if (show_log_verbosity > 0) {
                struct show_log_ctx ctx = {
                    .schema = schema,
                    .names = &names,
                    .is_diff = json_is_true(json_object_get(json,
                                                            "_is_diff")),
                    .any_table = false,
                };
                for_each_member(json, print_table, &ctx);
            }
        }
        json_decref(json);
        putchar('\n');
    }

    ovsdb_log_close(log);
    ovsdb_schema_destroy(schema);
    shash_destroy_free_data(&names);
}

/* help and list-commands. */

static void
do_help(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    usage();
}

static void
do_list_commands(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    const struct tool_command *cmd;

    printf("The available commands are:\n");
    for (cmd = get_all_commands(); cmd->name; cmd++) {
        printf("  %-23s %s\n", cmd->name, cmd->usage);
    }
}

static const struct tool_command all_commands[] = {
    { "create", "[db [schema]]", 0, 2, do_create },
    { "create-cluster", "db contents local", 3, 3, do_cluster_command },
    { "join-cluster", "db name local remote...", 4, INT_MAX,
      do_cluster_command },
    { "compact", "[db [dst]]", 0, 2, do_compact },
    { "convert", "[db [schema [dst]]]", 0, 3, do_convert },
    { "needs-conversion", "", 0, 2, do_needs_conversion },
    { "db-name", "[db]",  0, 1, do_db_name },
    { "db-version", "[db]",  0, 1, do_db_version },
    { "db-cksum", "[db]", 0, 1, do_db_cksum },
    { "db-cid", "db", 1, 1, do_db_cluster_info },
    { "db-sid", "db", 1, 1, do_db_cluster_info },
    { "db-local-address", "db", 1, 1, do_db_cluster_info },
    { "db-is-clustered", "db", 1, 1, do_db_is_clustered },
    { "db-is-standalone", "db", 1, 1, do_db_is_standalone },
    { "schema-name", "[schema]", 0, 1, do_schema_name },
    { "schema-version", "[schema]", 0, 1, do_schema_version },
    { "schema-cksum", "[schema]", 0, 1, do_schema_cksum },
    { "query", "[db] trns", 1, 2, do_query },
    { "transact", "[db] trns", 1, 2, do_transact },
    { "show-log", "[db]", 0, 1, do_show_log },
    { "check-cluster", "db...", 1, INT_MAX, do_cluster_command },
    { "compare-versions", "a op b", 3, 3, do_compare_versions },
    { "help", "", 0, INT_MAX, do_help },
    { "list-commands", "", 0, INT_MAX, do_list_commands },
    { "cluster-to-standalone", "db clusterdb", 2, 2, do_cluster_command },
    { NULL, NULL, 0, 0, NULL },
};

static const struct tool_command *
get_all_commands(void)
{
    return all_commands;
}
