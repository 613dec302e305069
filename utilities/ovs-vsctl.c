/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-vsctl: configures ovs-vswitchd through its database.
 *
 * The command line is a chain of commands separated by "--", all run in
 * one database transaction (see lib/db-ctl-base.h for the machinery and
 * the generic database commands).  This file adds the commands that
 * understand the Open_vSwitch schema: bridges (including "fake" VLAN
 * bridges), ports, bonds, interfaces, controllers, managers, SSL and so
 * on.  Unless --no-wait is given, a transaction that changes the database
 * also increments Open_vSwitch's next_cfg, and ovs-vsctl then waits for
 * ovs-vswitchd to report, through cur_cfg, that it has applied it. */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "command-line.h"
#include "db-ctl-base.h"
#include "dirs.h"
#include "fatal-signal.h"
#include "hash.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovsdb-data.h"
#include "ovsdb-idl.h"
#include "poll-loop.h"
#include "smap.h"
#include "sset.h"
#include "stream-ssl.h"
#include "table.h"
#include "timeval.h"
#include "uuid.h"
#include "lib/vswitch-idl.h"

VLOG_DEFINE_THIS_MODULE(vsctl);

/* --db: the database to connect to. */
static const char *db;

/* --oneline: print each command's output on a single line. */
static bool oneline;

/* --dry-run: check the transaction but do not commit it. */
static bool dry_run;

/* Wait for ovs-vswitchd to apply the change (turned off by --no-wait)? */
static bool wait_for_reload = true;

/* --timeout: seconds before giving up, or 0 for never. */
static unsigned int timeout;

/* --retry: keep trying to connect to the database. */
static bool retry;

/* --leader-only, --shuffle-remotes. */
static bool leader_only = true;
static bool shuffle_remotes = true;

/* --format, --data, --no-headings, ...: how "list" and "find" print. */
static struct table_style table_style = TABLE_STYLE_DEFAULT;

/* What vsctl_exit() cleans up. */
static struct ovsdb_idl *the_idl;
static struct ovsdb_idl_txn *the_idl_txn;

OVS_NO_RETURN static void vsctl_exit(int status);
OVS_NO_RETURN static void usage(void);
static void parse_options(int argc, char *argv[],
                          struct shash *local_options);
static void run_prerequisites(struct ctl_command[], size_t n_commands,
                              struct ovsdb_idl *);
static bool do_vsctl(const char *args, struct ctl_command *, size_t n,
                     struct ovsdb_idl *);
static char *escape_args(char *argv[]);
static void vsctl_cmd_init(void);

/* Tunes the allocator for this short-lived process, and lets the first
 * VSCTL_HEAP_RESERVE bytes of the heap be backed by transparent huge pages
 * where the kernel offers them on request ("madvise" mode).  Replicating
 * the database and building the transaction allocate several megabytes
 * that the process touches once: with 4 kB pages, taking the page faults
 * for them was about a fifth of its time.  The heap is grown once, by one
 * block that is marked and freed again (and kept: no trimming below twice
 * the reserve), so that later allocations come from the marked memory. */
static void
vsctl_prepare_heap(void)
{
#ifdef __GLIBC__
    /* No "fast bins": the replica and the transaction are thousands of
     * small blocks, cheaper to merge as they are freed than all at once
     * at the next big allocation. */
    mallopt(M_MXFAST, 0);
#endif

#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    enum {
        VSCTL_HEAP_RESERVE = 16 << 20,  /* Bytes of heap to mark. */
        VSCTL_HUGE_PAGE = 2 << 20,      /* Size of a huge page. */
    };

    /* The block must come from the heap, not a mapping of its own, and
     * stay there once freed. */
    mallopt(M_MMAP_THRESHOLD, 2 * VSCTL_HEAP_RESERVE);
    mallopt(M_TRIM_THRESHOLD, 2 * VSCTL_HEAP_RESERVE);

    char *block = malloc(VSCTL_HEAP_RESERVE);
    if (block) {
        uintptr_t start = ROUND_UP((uintptr_t) block, VSCTL_HUGE_PAGE);
        uintptr_t end = ((uintptr_t) block + VSCTL_HEAP_RESERVE)
                        / VSCTL_HUGE_PAGE * VSCTL_HUGE_PAGE;

        if (end > start) {
            /* Failure only costs the speed-up. */
            madvise((void *) start, end - start, MADV_HUGEPAGE);
        }
        free(block);
    }
#endif
}

int
main(int argc, char *argv[])
{
    struct ovsdb_idl *idl;
    struct ctl_command *commands;
    struct shash local_options;
    unsigned int seqno;
    size_t n_commands;
    char *args;

    vsctl_prepare_heap();
    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    vlog_set_levels_from_string_assert("reconnect:warn");

    vsctl_cmd_init();

    /* Parse the command line. */
    shash_init(&local_options);
    parse_options(argc, argv, &local_options);
    ctl_parse_commands(argc - optind, argv + optind, &local_options,
                       &commands, &n_commands);
    shash_destroy_free_data(&local_options);

    /* Log how we were called: that is often what explains a change. */
    args = escape_args(argv);
    if (ctl_might_write_to_db(commands, n_commands)) {
        VLOG_INFO("Called as %s", args);
    } else {
        VLOG_DBG("Called as %s", args);
    }

    if (timeout) {
        time_alarm(timeout);
    }

    /* Connect. */
    idl = the_idl = ovsdb_idl_create_unconnected(&ovsrec_idl_class, false);
    ovsdb_idl_set_shuffle_remotes(idl, shuffle_remotes);
    ovsdb_idl_set_remote(idl, db, retry);
    ovsdb_idl_set_leader_only(idl, leader_only);
    run_prerequisites(commands, n_commands, idl);

    /* Run the commands.  There is no point in trying more than once per
     * version of the replica: a transaction that failed because the
     * database changed needs the new contents before it is retried. */
    seqno = ovsdb_idl_get_seqno(idl);
    for (;;) {
        ovsdb_idl_run(idl);
        if (!ovsdb_idl_is_alive(idl)) {
            int retval = ovsdb_idl_get_last_error(idl);
            ctl_fatal("%s: database connection failed (%s)",
                      db, ovs_retval_to_string(retval));
        }

        if (seqno != ovsdb_idl_get_seqno(idl)) {
            seqno = ovsdb_idl_get_seqno(idl);
            if (do_vsctl(args, commands, n_commands, idl)) {
                free(args);
                exit(EXIT_SUCCESS);
            }
        }

        if (seqno == ovsdb_idl_get_seqno(idl)) {
            ovsdb_idl_wait(idl);
            poll_block();
        }
    }
}

/* Returns 'argv' as one string, each argument separated from the next by a
 * space and double-quoted (with backslash escapes) if it has white space,
 * quotes or backslashes in it. */
static char *
escape_args(char *argv[])
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    for (char **argp = argv; *argp; argp++) {
        const char *arg = *argp;

        if (argp != argv) {
            ds_put_char(&ds, ' ');
        }
        if (arg[strcspn(arg, " \t\r\n\v\\\'\"")]) {
            ds_put_char(&ds, '"');
            for (const char *p = arg; *p; p++) {
                if (*p == '\\' || *p == '\"') {
                    ds_put_char(&ds, '\\');
                }
                ds_put_char(&ds, *p);
            }
            ds_put_char(&ds, '"');
        } else {
            ds_put_cstr(&ds, arg);
        }
    }
    return ds_steal_cstr(&ds);
}

static void
parse_options(int argc, char *argv[], struct shash *local_options)
{
    enum {
        OPT_DB = UCHAR_MAX + 1,
        OPT_ONELINE,
        OPT_NO_SYSLOG,
        OPT_NO_WAIT,
        OPT_DRY_RUN,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_PEER_CA_CERT,
        OPT_LOCAL,
        OPT_RETRY,
        OPT_COMMANDS,
        OPT_OPTIONS,
        OPT_LEADER_ONLY,
        OPT_NO_LEADER_ONLY,
        OPT_SHUFFLE_REMOTES,
        OPT_NO_SHUFFLE_REMOTES,
        VLOG_OPTION_ENUMS,
        TABLE_OPTION_ENUMS,
        STREAM_SSL_OPTION_ENUMS,
    };
    static const struct option global_long_options[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"no-syslog", no_argument, NULL, OPT_NO_SYSLOG},
        {"no-wait", no_argument, NULL, OPT_NO_WAIT},
        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
        {"oneline", no_argument, NULL, OPT_ONELINE},
        {"timeout", required_argument, NULL, 't'},
        {"retry", no_argument, NULL, OPT_RETRY},
        {"help", no_argument, NULL, 'h'},
        {"commands", no_argument, NULL, OPT_COMMANDS},
        {"options", no_argument, NULL, OPT_OPTIONS},
        {"leader-only", no_argument, NULL, OPT_LEADER_ONLY},
        {"no-leader-only", no_argument, NULL, OPT_NO_LEADER_ONLY},
        {"shuffle-remotes", no_argument, NULL, OPT_SHUFFLE_REMOTES},
        {"no-shuffle-remotes", no_argument, NULL, OPT_NO_SHUFFLE_REMOTES},
        {"version", no_argument, NULL, 'V'},
        VLOG_LONG_OPTIONS,
        TABLE_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {NULL, 0, NULL, 0},
    };
    const size_t n_global_long_options = ARRAY_SIZE(global_long_options) - 1;
    size_t allocated_options;
    size_t n_options;
    char *tmp;

    /* Static, so that they are still reachable (not leaked) if an option
     * such as --help makes the program exit from the loop below. */
    static struct option *options;
    static char *short_options;

    tmp = ovs_cmdl_long_options_to_short_options(global_long_options);
    short_options = xasprintf("+%s", tmp);
    free(tmp);

    /* getopt_long() parses the global options and, so that they may come
     * before the first command, every command's options too. */
    options = xmemdup(global_long_options, sizeof global_long_options);
    allocated_options = ARRAY_SIZE(global_long_options);
    n_options = n_global_long_options;
    ctl_add_cmd_options(&options, &n_options, &allocated_options, OPT_LOCAL);

    for (;;) {
        int idx;
        int c;

        c = getopt_long(argc, argv, short_options, options, &idx);
        if (c == -1) {
            break;
        }

        switch (c) {
        case OPT_DB:
            db = optarg;
            break;

        case OPT_ONELINE:
            oneline = true;
            break;

        case OPT_NO_SYSLOG:
            vlog_set_levels(THIS_MODULE, VLF_SYSLOG, VLL_WARN);
            break;

        case OPT_NO_WAIT:
            wait_for_reload = false;
            break;

        case OPT_DRY_RUN:
            dry_run = true;
            break;

        case OPT_LOCAL:
            ctl_add_local_option(local_options, options[idx].name, optarg);
            break;

        case 'h':
            usage();

        case OPT_COMMANDS:
            ctl_print_commands();
            exit(EXIT_SUCCESS);

        case OPT_OPTIONS:
            ctl_print_options(global_long_options);
            exit(EXIT_SUCCESS);

        case 'V':
            ovs_print_version(0, 0);
            printf("DB Schema %s\n", ovsrec_get_db_version());
            exit(EXIT_SUCCESS);

        case 't':
            if (!str_to_uint(optarg, 10, &timeout) || !timeout) {
                ctl_fatal("value %s on -t or --timeout is invalid", optarg);
            }
            break;

        case OPT_RETRY:
            retry = true;
            break;

        case OPT_LEADER_ONLY:
            leader_only = true;
            break;

        case OPT_NO_LEADER_ONLY:
            leader_only = false;
            break;

        case OPT_SHUFFLE_REMOTES:
            shuffle_remotes = true;
            break;

        case OPT_NO_SHUFFLE_REMOTES:
            shuffle_remotes = false;
            break;

        VLOG_OPTION_HANDLERS
        TABLE_OPTION_HANDLERS(&table_style)
        STREAM_SSL_OPTION_HANDLERS

        case OPT_PEER_CA_CERT:
            stream_ssl_set_peer_ca_cert_file(optarg);
            break;

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
    short_options = NULL;

    if (!db) {
        db = ctl_default_db();
    }

    for (size_t i = n_global_long_options; options[i].name; i++) {
        free(CONST_CAST(char *, options[i].name));
    }
    free(options);
    options = NULL;
}

static void
usage(void)
{
    char *default_db = ctl_default_db();

    printf("\
%s: configures ovs-vswitchd through its database\n\
usage: %s [OPTIONS] COMMAND [ARG...] [-- [OPTIONS] COMMAND [ARG...]]...\n\
\n\
Open vSwitch commands:\n\
  init                        initialize the database if it is empty\n\
  show                        print an overview of the configuration\n\
\n\
Bridge commands:\n\
  add-br BRIDGE               create bridge BRIDGE\n\
  add-br BRIDGE PARENT VLAN   create fake bridge BRIDGE in PARENT on VLAN\n\
  del-br BRIDGE               delete BRIDGE and its ports\n\
  list-br                     print the names of the bridges\n\
  br-exists BRIDGE            exit with status 2 if BRIDGE does not exist\n\
  br-to-vlan BRIDGE           print the VLAN of BRIDGE (0 if real)\n\
  br-to-parent BRIDGE         print the parent of BRIDGE (itself if real)\n\
  br-set-external-id BRIDGE KEY VALUE  set external id KEY of BRIDGE\n\
  br-set-external-id BRIDGE KEY  remove external id KEY from BRIDGE\n\
  br-get-external-id BRIDGE KEY  print external id KEY of BRIDGE\n\
  br-get-external-id BRIDGE  print all external ids of BRIDGE\n\
\n\
Port commands (a bond counts as one port):\n\
  list-ports BRIDGE           print the names of the ports of BRIDGE\n\
  add-port BRIDGE PORT        add network device PORT to BRIDGE\n\
  add-bond BRIDGE PORT IFACE...  add bond PORT made of IFACEs to BRIDGE\n\
  add-bond-iface BOND IFACE   add interface IFACE to bond BOND\n\
  del-bond-iface [BOND] IFACE remove interface IFACE from its bond\n\
  del-port [BRIDGE] PORT      delete PORT (bonded or not) from BRIDGE\n\
  port-to-br PORT             print the bridge that PORT is on\n\
\n\
Interface commands (a bond is made of several interfaces):\n\
  list-ifaces BRIDGE          print the names of the interfaces of BRIDGE\n\
  iface-to-br IFACE           print the bridge that IFACE is on\n\
\n\
Controller commands:\n\
  get-controller BRIDGE      print the controllers of BRIDGE\n\
  del-controller BRIDGE      remove the controllers of BRIDGE\n\
  [--inactivity-probe=MSECS]\n\
  set-controller BRIDGE TARGET...  make TARGETs the controllers of BRIDGE\n\
  get-fail-mode BRIDGE       print the fail mode of BRIDGE\n\
  del-fail-mode BRIDGE       remove the fail mode of BRIDGE\n\
  set-fail-mode BRIDGE MODE  set the fail mode of BRIDGE to MODE\n\
\n\
Manager commands:\n\
  get-manager                print the managers\n\
  del-manager                remove the managers\n\
  [--inactivity-probe=MSECS]\n\
  set-manager TARGET...      make TARGETs the managers\n\
\n\
SSL commands:\n\
  get-ssl                     print the SSL settings\n\
  del-ssl                     remove the SSL settings\n\
  [--bootstrap] set-ssl PRIV-KEY CERT CA-CERT  set the SSL settings\n\
\n\
Auto Attach commands:\n\
  add-aa-mapping BRIDGE I-SID VLAN   map I-SID to VLAN on BRIDGE\n\
  del-aa-mapping BRIDGE I-SID VLAN   remove that mapping from BRIDGE\n\
  get-aa-mapping BRIDGE              print the mappings of BRIDGE\n\
\n\
Connection tracking commands:\n\
  add-zone-tp DP zone=ZONE POLICY...  set the timeout policy of a zone\n\
  del-zone-tp DP zone=ZONE           remove the timeout policy of a zone\n\
  list-zone-tp DP                    print the zones' timeout policies\n\
  list-dp-cap DP                     print the capabilities of datapath DP\n\
\n\
Switch commands:\n\
  emer-reset                  reset the configuration to a safe state\n\
\n\
%s\
\n",
           program_name, program_name, ctl_get_db_cmd_usage());
    ctl_print_table_naming_usage();
    printf("\n\
Options:\n\
  --db=DATABASE               connect to DATABASE\n\
                              (default: %s)\n\
  --no-wait                   do not wait for ovs-vswitchd to apply changes\n\
  --retry                     keep trying to connect to the database\n\
  -t, --timeout=SECS          give up after SECS seconds\n\
  --dry-run                   check the changes but do not commit them\n\
  --oneline                   print one line of output per command\n",
           default_db);
    free(default_db);
    table_usage();
    printf("\n\
Logging options:\n\
  -vSPEC, --verbose=SPEC      set logging levels\n\
  -v, --verbose               log everything\n\
  --log-file[=FILE]           also log to FILE\n\
                              (default: %s/%s.log)\n\
  --syslog-method=(libc|unix:file|udp:ip:port)\n\
                              how to send messages to syslog\n\
  --syslog-target=HOST:PORT   also send syslog messages to HOST:PORT (UDP)\n\
  --no-syslog                 same as --verbose=vsctl:syslog:warn\n\
\n\
Database connection methods:\n\
  tcp:HOST:PORT, ssl:HOST:PORT, unix:FILE        connect to the server\n\
  ptcp:PORT[:IP], pssl:PORT[:IP], punix:FILE     wait for the server\n\
SSL options (needed for ssl: and pssl:):\n\
  -p, --private-key=FILE      file with the private key\n\
  -c, --certificate=FILE      file with the certificate for it\n\
  -C, --ca-cert=FILE          file with the peer CA certificate\n\
  --bootstrap-ca-cert=FILE    file with the peer CA certificate to read or\n\
                              create\n\
  --ssl-protocols=PROTOS      SSL protocols to enable\n\
  --ssl-ciphers=CIPHERS       SSL ciphers to enable\n\
\n\
Other options:\n\
  -h, --help                  display this help message\n\
  -V, --version               display version information\n",
           ovs_logdir(), program_name);
    exit(EXIT_SUCCESS);
}

/* The cache.
 *
 * Most commands see the configuration as bridges that have ports that
 * have interfaces, where a bridge is either a real one (a Bridge row) or a
 * "fake" VLAN bridge: a Port row of a real bridge with fake_bridge set and
 * a tag, standing for the ports of that bridge on that VLAN.  The cache
 * builds that view from the database once per transaction attempt (and
 * again after a command that changes it in ways it does not follow). */

/* A bridge, real or fake. */
struct vsctl_bridge {
    const struct ovsrec_bridge *br_cfg; /* The Bridge row; NULL if fake. */
    char *name;                 /* Name. */
    struct ovs_list ports;      /* Contains "struct vsctl_port"s. */

    /* Fake bridges.  Test 'parent' to tell a fake bridge: 'vlan' may be 0
     * either way. */
    struct hmap children;       /* Fake bridges of a real bridge, by
                                 * 'vlan'. */
    struct hmap_node children_node; /* In the parent's 'children'. */
    struct vsctl_bridge *parent; /* The real bridge of a fake one, or
                                  * NULL. */
    int vlan;                   /* VLAN of a fake bridge (0...4095), or 0. */
};

/* A port, in the bridge it appears on (a fake bridge for a port whose tag
 * is that of a fake bridge of its real bridge). */
struct vsctl_port {
    struct ovs_list ports_node; /* In struct vsctl_bridge's 'ports'. */
    struct ovs_list ifaces;     /* Contains "struct vsctl_iface"s. */
    const struct ovsrec_port *port_cfg; /* The Port row. */
    struct vsctl_bridge *bridge; /* The bridge it appears on. */
};

/* An interface. */
struct vsctl_iface {
    struct ovs_list ifaces_node; /* In struct vsctl_port's 'ifaces'. */
    const struct ovsrec_interface *iface_cfg; /* The Interface row. */
    struct vsctl_port *port;    /* The port it belongs to. */
};

/* ovs-vsctl's command context. */
struct vsctl_context {
    struct ctl_context base;    /* Must be first. */

    const struct ovsrec_open_vswitch *ovs; /* The Open_vSwitch row. */
    bool verified_ports;        /* verify_ports() done in this txn? */

    /* The cache: valid only if 'cache_valid'.  Call
     * vsctl_context_populate_cache() before using it; a command that
     * changes the database in a way that the cache does not reflect must
     * call vsctl_context_invalidate_cache(). */
    bool cache_valid;           /* Are the maps below up to date? */
    struct shash bridges;       /* Bridge name -> struct vsctl_bridge. */
    struct shash ports;         /* Port name -> struct vsctl_port. */
    struct shash ifaces;        /* Interface name -> struct vsctl_iface. */

    /* Ports that add-port and add-bond added to 'pending_br' but that are
     * not yet in its "ports" column.  Rewriting the whole column for each
     * of a chain of thousands of add-port commands costs time in the size
     * of the column each time, so the new ports are collected here and
     * written in one go by vsctl_flush_ports(), before anything else can
     * read the column: before any other command, before the cache is built
     * again, and at the end of the chain. */
    const struct ovsrec_bridge *pending_br; /* Bridge, or NULL if none. */
    struct ovsrec_port **pending_ports;     /* Ports to add to it. */
    size_t n_pending_ports;                 /* Number of 'pending_ports'. */
    size_t allocated_pending_ports;         /* Allocated 'pending_ports'. */
};

static void vsctl_flush_ports(struct vsctl_context *);

static struct vsctl_context *
vsctl_context_cast(struct ctl_context *ctx)
{
    return CONTAINER_OF(ctx, struct vsctl_context, base);
}

static void
vsctl_context_invalidate_cache(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct shash_node *node;

    if (!vsctl_ctx->cache_valid) {
        return;
    }
    vsctl_ctx->cache_valid = false;

    SHASH_FOR_EACH (node, &vsctl_ctx->bridges) {
        struct vsctl_bridge *bridge = node->data;
        hmap_destroy(&bridge->children);
        free(bridge->name);
        free(bridge);
    }
    shash_destroy(&vsctl_ctx->bridges);

    shash_destroy_free_data(&vsctl_ctx->ports);
    shash_destroy_free_data(&vsctl_ctx->ifaces);
}

/* Returns the fake bridge of 'parent' on 'vlan', or NULL. */
static struct vsctl_bridge *
find_vlan_bridge(struct vsctl_bridge *parent, int vlan)
{
    struct vsctl_bridge *child;

    HMAP_FOR_EACH_IN_BUCKET (child, children_node, hash_int(vlan, 0),
                             &parent->children) {
        if (child->vlan == vlan) {
            return child;
        }
    }
    return NULL;
}

static struct vsctl_bridge *
add_bridge_to_cache(struct vsctl_context *vsctl_ctx,
                    const struct ovsrec_bridge *br_cfg, const char *name,
                    struct vsctl_bridge *parent, int vlan)
{
    struct vsctl_bridge *br = xmalloc(sizeof *br);

    br->br_cfg = br_cfg;
    br->name = xstrdup(name);
    ovs_list_init(&br->ports);
    br->parent = parent;
    br->vlan = vlan;
    hmap_init(&br->children);
    if (parent) {
        struct vsctl_bridge *conflict = find_vlan_bridge(parent, vlan);
        if (conflict) {
            VLOG_WARN("%s: bridge has multiple VLAN bridges (%s and %s) "
                      "for VLAN %d", parent->name, name, conflict->name, vlan);
        } else {
            hmap_insert(&parent->children, &br->children_node,
                        hash_int(vlan, 0));
        }
    }
    shash_add(&vsctl_ctx->bridges, br->name, br);
    return br;
}

/* Removes 'br', which must have no ports and no fake bridges left, from
 * the cache and deletes its Bridge row, if it has one. */
static void
ovs_delete_bridge(const struct ovsrec_open_vswitch *ovs,
                  const struct ovsrec_bridge *bridge)
{
    struct ovsrec_bridge **bridges;
    size_t i, n;

    bridges = xmalloc(sizeof *ovs->bridges * ovs->n_bridges);
    for (i = n = 0; i < ovs->n_bridges; i++) {
        if (ovs->bridges[i] != bridge) {
            bridges[n++] = ovs->bridges[i];
        }
    }
    ovsrec_open_vswitch_set_bridges(ovs, bridges, n);
    free(bridges);
}

static void
del_cached_bridge(struct vsctl_context *vsctl_ctx, struct vsctl_bridge *br)
{
    ovs_assert(ovs_list_is_empty(&br->ports));
    ovs_assert(hmap_is_empty(&br->children));
    if (br->parent) {
        hmap_remove(&br->parent->children, &br->children_node);
    }
    if (br->br_cfg) {
        ovsrec_bridge_delete(br->br_cfg);
        ovs_delete_bridge(vsctl_ctx->ovs, br->br_cfg);
    }
    shash_find_and_delete(&vsctl_ctx->bridges, br->name);
    hmap_destroy(&br->children);
    free(br->name);
    free(br);
}

/* Returns true if 'port_cfg' stands for a fake bridge. */
static bool
port_is_fake_bridge(const struct ovsrec_port *port_cfg)
{
    return (port_cfg->fake_bridge
            && port_cfg->tag
            && *port_cfg->tag >= 0 && *port_cfg->tag <= 4095);
}

static struct vsctl_port *
add_port_to_cache(struct vsctl_context *vsctl_ctx,
                  struct vsctl_bridge *parent,
                  const struct ovsrec_port *port_cfg)
{
    struct vsctl_port *port;

    if (port_cfg->tag && *port_cfg->tag >= 0 && *port_cfg->tag <= 4095) {
        struct vsctl_bridge *vlan_bridge;

        vlan_bridge = find_vlan_bridge(parent, *port_cfg->tag);
        if (vlan_bridge) {
            parent = vlan_bridge;
        }
    }

    port = xmalloc(sizeof *port);
    ovs_list_push_back(&parent->ports, &port->ports_node);
    ovs_list_init(&port->ifaces);
    port->port_cfg = port_cfg;
    port->bridge = parent;
    shash_add(&vsctl_ctx->ports, port_cfg->name, port);
    return port;
}

static void
del_cached_port(struct vsctl_context *vsctl_ctx, struct vsctl_port *port)
{
    ovs_assert(ovs_list_is_empty(&port->ifaces));
    ovs_list_remove(&port->ports_node);
    shash_find_and_delete(&vsctl_ctx->ports, port->port_cfg->name);
    ovsrec_port_delete(port->port_cfg);
    free(port);
}

static struct vsctl_iface *
add_iface_to_cache(struct vsctl_context *vsctl_ctx, struct vsctl_port *parent,
                   const struct ovsrec_interface *iface_cfg)
{
    struct vsctl_iface *iface = xmalloc(sizeof *iface);

    ovs_list_push_back(&parent->ifaces, &iface->ifaces_node);
    iface->iface_cfg = iface_cfg;
    iface->port = parent;
    shash_add(&vsctl_ctx->ifaces, iface_cfg->name, iface);
    return iface;
}

static void
del_cached_iface(struct vsctl_context *vsctl_ctx, struct vsctl_iface *iface)
{
    ovs_list_remove(&iface->ifaces_node);
    shash_find_and_delete(&vsctl_ctx->ifaces, iface->iface_cfg->name);
    ovsrec_interface_delete(iface->iface_cfg);
    free(iface);
}

static void
vsctl_context_populate_cache(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsrec_open_vswitch *ovs = vsctl_ctx->ovs;
    struct sset bridges, ports;

    if (vsctl_ctx->cache_valid) {
        return;
    }
    vsctl_flush_ports(vsctl_ctx);
    vsctl_ctx->cache_valid = true;
    shash_init(&vsctl_ctx->bridges);
    shash_init(&vsctl_ctx->ports);
    shash_init(&vsctl_ctx->ifaces);

    /* First the bridges, real and fake. */
    sset_init(&bridges);
    sset_init(&ports);
    for (size_t i = 0; i < ovs->n_bridges; i++) {
        const struct ovsrec_bridge *br_cfg = ovs->bridges[i];
        struct vsctl_bridge *br;

        if (sset_contains(&bridges, br_cfg->name)) {
            VLOG_WARN("%s: database contains duplicate bridge name",
                      br_cfg->name);
            continue;
        }
        sset_add(&bridges, br_cfg->name);
        br = add_bridge_to_cache(vsctl_ctx, br_cfg, br_cfg->name, NULL, 0);

        for (size_t j = 0; j < br_cfg->n_ports; j++) {
            const struct ovsrec_port *port_cfg = br_cfg->ports[j];

            if (sset_contains(&ports, port_cfg->name)) {
                /* A duplicate port name: warned about below. */
                continue;
            }
            sset_add(&ports, port_cfg->name);
            if (port_is_fake_bridge(port_cfg)
                && !sset_contains(&bridges, port_cfg->name)) {
                sset_add(&bridges, port_cfg->name);
                add_bridge_to_cache(vsctl_ctx, NULL, port_cfg->name, br,
                                    *port_cfg->tag);
            }
        }
    }
    sset_destroy(&bridges);
    sset_destroy(&ports);

    /* Then the ports and interfaces. */
    sset_init(&bridges);
    for (size_t i = 0; i < ovs->n_bridges; i++) {
        const struct ovsrec_bridge *br_cfg = ovs->bridges[i];
        struct vsctl_bridge *br;

        if (sset_contains(&bridges, br_cfg->name)) {
            continue;
        }
        sset_add(&bridges, br_cfg->name);
        br = shash_find_data(&vsctl_ctx->bridges, br_cfg->name);
        for (size_t j = 0; j < br_cfg->n_ports; j++) {
            const struct ovsrec_port *port_cfg = br_cfg->ports[j];
            struct vsctl_port *port;

            port = shash_find_data(&vsctl_ctx->ports, port_cfg->name);
            if (port) {
                if (port_cfg == port->port_cfg) {
                    VLOG_WARN("%s: port is in multiple bridges (%s and %s)",
                              port_cfg->name, br->name, port->bridge->name);
                } else {
                    /* The database's uniqueness constraints should have
                     * made this impossible. */
                    VLOG_ERR("%s: database contains duplicate port name",
                             port_cfg->name);
                }
                continue;
            }

            if (port_is_fake_bridge(port_cfg)
                && sset_contains(&bridges, port_cfg->name)) {
                continue;
            }
            if (port_is_fake_bridge(port_cfg)) {
                sset_add(&bridges, port_cfg->name);
            }

            port = add_port_to_cache(vsctl_ctx, br, port_cfg);
            for (size_t k = 0; k < port_cfg->n_interfaces; k++) {
                const struct ovsrec_interface *iface_cfg
                    = port_cfg->interfaces[k];
                struct vsctl_iface *iface;

                iface = shash_find_data(&vsctl_ctx->ifaces, iface_cfg->name);
                if (iface) {
                    if (iface_cfg == iface->iface_cfg) {
                        VLOG_WARN("%s: interface is in multiple ports "
                                  "(%s and %s)",
                                  iface_cfg->name,
                                  iface->port->port_cfg->name,
                                  port->port_cfg->name);
                    } else {
                        VLOG_ERR("%s: database contains duplicate interface "
                                 "name", iface_cfg->name);
                    }
                    continue;
                }
                add_iface_to_cache(vsctl_ctx, port, iface_cfg);
            }
        }
    }
    sset_destroy(&bridges);
}

/* Makes the transaction fail if any bridge, port or interface changes
 * behind our back, once per command. */
static void
verify_ports(struct vsctl_context *vsctl_ctx)
{
    if (!vsctl_ctx->verified_ports) {
        const struct ovsrec_bridge *bridge;
        const struct ovsrec_port *port;

        ovsrec_open_vswitch_verify_bridges(vsctl_ctx->ovs);
        OVSREC_BRIDGE_FOR_EACH (bridge, vsctl_ctx->base.idl) {
            ovsrec_bridge_verify_ports(bridge);
        }
        OVSREC_PORT_FOR_EACH (port, vsctl_ctx->base.idl) {
            ovsrec_port_verify_interfaces(port);
        }

        vsctl_ctx->verified_ports = true;
    }
}

/* Fails if 'name' is already the name of a bridge, port or interface,
 * with 'msg' (which this frees) as the beginning of the message. */
static void
check_conflicts(struct vsctl_context *vsctl_ctx, const char *name,
                char *msg)
{
    struct vsctl_iface *iface;
    struct vsctl_port *port;

    verify_ports(vsctl_ctx);

    if (shash_find(&vsctl_ctx->bridges, name)) {
        ctl_fatal("%s because a bridge named %s already exists",
                  msg, name);
    }

    port = shash_find_data(&vsctl_ctx->ports, name);
    if (port) {
        ctl_fatal("%s because a port named %s already exists on "
                  "bridge %s", msg, name, port->bridge->name);
    }

    iface = shash_find_data(&vsctl_ctx->ifaces, name);
    if (iface) {
        ctl_fatal("%s because an interface named %s already exists "
                  "on bridge %s", msg, name, iface->port->bridge->name);
    }

    free(msg);
}

static struct vsctl_bridge *
find_bridge(struct vsctl_context *vsctl_ctx, const char *name,
            bool must_exist)
{
    struct vsctl_bridge *br;

    ovs_assert(vsctl_ctx->cache_valid);

    br = shash_find_data(&vsctl_ctx->bridges, name);
    if (must_exist && !br) {
        ctl_fatal("no bridge named %s", name);
    }
    ovsrec_open_vswitch_verify_bridges(vsctl_ctx->ovs);
    return br;
}

static struct vsctl_bridge *
find_real_bridge(struct vsctl_context *vsctl_ctx, const char *name,
                 bool must_exist)
{
    struct vsctl_bridge *br = find_bridge(vsctl_ctx, name, must_exist);
    if (br && br->parent) {
        ctl_fatal("%s is a fake bridge", name);
    }
    return br;
}

/* Returns the port named 'name'.  A bridge's own port (the one named after
 * it) does not count. */
static struct vsctl_port *
find_port(struct vsctl_context *vsctl_ctx, const char *name, bool must_exist)
{
    struct vsctl_port *port;

    ovs_assert(vsctl_ctx->cache_valid);

    port = shash_find_data(&vsctl_ctx->ports, name);
    if (port && !strcmp(name, port->bridge->name)) {
        port = NULL;
    }
    if (must_exist && !port) {
        ctl_fatal("no port named %s", name);
    }
    verify_ports(vsctl_ctx);
    return port;
}

/* Returns the interface named 'name'.  A bridge's own interface does not
 * count. */
static struct vsctl_iface *
find_iface(struct vsctl_context *vsctl_ctx, const char *name,
           bool must_exist)
{
    struct vsctl_iface *iface;

    ovs_assert(vsctl_ctx->cache_valid);

    iface = shash_find_data(&vsctl_ctx->ifaces, name);
    if (iface && !strcmp(name, iface->port->bridge->name)) {
        iface = NULL;
    }
    if (must_exist && !iface) {
        ctl_fatal("no interface named %s", name);
    }
    verify_ports(vsctl_ctx);
    return iface;
}

/* Adds the 'n' ports in 'new_ports' to the ports of 'br'. */
static void
bridge_insert_ports(const struct ovsrec_bridge *br,
                    struct ovsrec_port **new_ports, size_t n)
{
    struct ovsrec_port **ports;

    ports = xmalloc(sizeof *br->ports * (br->n_ports + n));
    for (size_t i = 0; i < br->n_ports; i++) {
        ports[i] = br->ports[i];
    }
    for (size_t i = 0; i < n; i++) {
        ports[br->n_ports + i] = new_ports[i];
    }
    ovsrec_bridge_set_ports(br, ports, br->n_ports + n);
    free(ports);
}

/* Writes the ports that vsctl_ctx holds back (see 'pending_br') into their
 * bridge's "ports" column. */
static void
vsctl_flush_ports(struct vsctl_context *vsctl_ctx)
{
    if (vsctl_ctx->n_pending_ports) {
        bridge_insert_ports(vsctl_ctx->pending_br, vsctl_ctx->pending_ports,
                            vsctl_ctx->n_pending_ports);
    }
    free(vsctl_ctx->pending_ports);
    vsctl_ctx->pending_br = NULL;
    vsctl_ctx->pending_ports = NULL;
    vsctl_ctx->n_pending_ports = 0;
    vsctl_ctx->allocated_pending_ports = 0;
}

/* Adds 'port' to the ports of 'br', at once. */
static void
bridge_insert_port(struct vsctl_context *vsctl_ctx,
                   const struct ovsrec_bridge *br,
                   const struct ovsrec_port *port)
{
    struct ovsrec_port *cfg = CONST_CAST(struct ovsrec_port *, port);

    vsctl_flush_ports(vsctl_ctx);
    bridge_insert_ports(br, &cfg, 1);
}

/* Adds 'port' to the ports of 'br', in the database by the time any other
 * command runs or the chain ends (see 'pending_br'). */
static void
bridge_insert_port_deferred(struct vsctl_context *vsctl_ctx,
                            const struct ovsrec_bridge *br,
                            const struct ovsrec_port *port)
{
    if (vsctl_ctx->pending_br != br) {
        vsctl_flush_ports(vsctl_ctx);
        vsctl_ctx->pending_br = br;
    }
    if (vsctl_ctx->n_pending_ports >= vsctl_ctx->allocated_pending_ports) {
        vsctl_ctx->pending_ports = x2nrealloc(
            vsctl_ctx->pending_ports, &vsctl_ctx->allocated_pending_ports,
            sizeof *vsctl_ctx->pending_ports);
    }
    vsctl_ctx->pending_ports[vsctl_ctx->n_pending_ports++]
        = CONST_CAST(struct ovsrec_port *, port);
}

/* Removes 'port' from the ports of 'br'. */
static void
bridge_delete_port(const struct ovsrec_bridge *br,
                   const struct ovsrec_port *port)
{
    struct ovsrec_port **ports;
    size_t i, n;

    ports = xmalloc(sizeof *br->ports * br->n_ports);
    for (i = n = 0; i < br->n_ports; i++) {
        if (br->ports[i] != port) {
            ports[n++] = br->ports[i];
        }
    }
    ovsrec_bridge_set_ports(br, ports, n);
    free(ports);
}

/* Adds 'bridge' to the bridges of 'ovs'. */
static void
ovs_insert_bridge(const struct ovsrec_open_vswitch *ovs,
                  const struct ovsrec_bridge *bridge)
{
    struct ovsrec_bridge **bridges;

    bridges = xmalloc(sizeof *ovs->bridges * (ovs->n_bridges + 1));
    for (size_t i = 0; i < ovs->n_bridges; i++) {
        bridges[i] = ovs->bridges[i];
    }
    bridges[ovs->n_bridges] = CONST_CAST(struct ovsrec_bridge *, bridge);
    ovsrec_open_vswitch_set_bridges(ovs, bridges, ovs->n_bridges + 1);
    free(bridges);
}

static void
del_port(struct vsctl_context *vsctl_ctx, struct vsctl_port *port)
{
    struct vsctl_iface *iface;

    bridge_delete_port((port->bridge->parent
                        ? port->bridge->parent->br_cfg
                        : port->bridge->br_cfg), port->port_cfg);

    LIST_FOR_EACH_SAFE (iface, ifaces_node, &port->ifaces) {
        del_cached_iface(vsctl_ctx, iface);
    }
    del_cached_port(vsctl_ctx, port);
}

static void
del_bridge(struct vsctl_context *vsctl_ctx, struct vsctl_bridge *br)
{
    struct vsctl_bridge *child;
    struct vsctl_port *port;
    const struct ovsrec_flow_sample_collector_set *fscset;

    HMAP_FOR_EACH_SAFE (child, children_node, &br->children) {
        del_bridge(vsctl_ctx, child);
    }

    LIST_FOR_EACH_SAFE (port, ports_node, &br->ports) {
        del_port(vsctl_ctx, port);
    }

    OVSREC_FLOW_SAMPLE_COLLECTOR_SET_FOR_EACH_SAFE (fscset,
                                                    vsctl_ctx->base.idl) {
        if (fscset->bridge == br->br_cfg) {
            ovsrec_flow_sample_collector_set_delete(fscset);
        }
    }

    del_cached_bridge(vsctl_ctx, br);
}

/* Interfaces inserted by this transaction whose fate to report once
 * ovs-vswitchd has reconfigured: their provisional UUIDs. */
static struct uuid *neoteric_ifaces;
static size_t n_neoteric_ifaces;
static size_t allocated_neoteric_ifaces;

static void
post_db_reload_check_init(void)
{
    n_neoteric_ifaces = 0;
}

static void
post_db_reload_expect_iface(const struct ovsrec_interface *iface)
{
    if (n_neoteric_ifaces >= allocated_neoteric_ifaces) {
        neoteric_ifaces = x2nrealloc(neoteric_ifaces,
                                     &allocated_neoteric_ifaces,
                                     sizeof *neoteric_ifaces);
    }
    neoteric_ifaces[n_neoteric_ifaces++] = iface->header_.uuid;
}

/* After ovs-vswitchd reconfigured, reports the interfaces that this
 * transaction added and that it failed to set up. */
static void
post_db_reload_do_checks(struct ovsdb_idl *idl, struct ovsdb_idl_txn *txn)
{
    bool print_error = false;

    for (size_t i = 0; i < n_neoteric_ifaces; i++) {
        const struct uuid *uuid;

        uuid = ovsdb_idl_txn_get_insert_uuid(txn, &neoteric_ifaces[i]);
        if (uuid) {
            const struct ovsrec_interface *iface;

            iface = ovsrec_interface_get_for_uuid(idl, uuid);
            if (iface && (!iface->ofport || *iface->ofport == -1)) {
                if (iface->error && *iface->error) {
                    ovs_error(0, "Error detected while setting up '%s': %s.  "
                              "See ovs-vswitchd log for details.",
                              iface->name, iface->error);
                } else {
                    ovs_error(0, "Error detected while setting up '%s'.  "
                              "See ovs-vswitchd log for details.",
                              iface->name);
                }
                print_error = true;
            }
        }
    }

    if (print_error) {
        ovs_error(0, "The default log directory is \"%s\".", ovs_logdir());
    }
}

/* What the commands about bridges, ports and interfaces need. */
static void
pre_get_info(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_bridges);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_name);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_controller);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_fail_mode);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_ports);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_name);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_fake_bridge);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_tag);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_interfaces);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_interface_col_name);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_interface_col_ofport);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_interface_col_error);
}

/* Appends each string in 'names', sorted, to 'output' on a line of its
 * own, and frees 'names'. */
static void
output_sorted(struct sset *names, struct ds *output)
{
    const char **sorted = sset_sort(names);

    for (size_t i = 0; i < sset_count(names); i++) {
        ds_put_format(output, "%s\n", sorted[i]);
    }
    free(sorted);
    sset_destroy(names);
}

/* Like output_sorted(), but for a list that may hold duplicates. */
static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

static void
output_sorted_array(const char **names, size_t n, struct ds *output)
{
    qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; i < n; i++) {
        ds_put_format(output, "%s\n", names[i]);
    }
}

/* Returns "--may-exist" followed by the command, for messages. */
static char *
may_exist_command(const struct ctl_context *ctx)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&s, "--may-exist");
    for (int i = 0; i < ctx->argc; i++) {
        ds_put_format(&s, " %s", ctx->argv[i]);
    }
    return ds_steal_cstr(&s);
}

/* The commands. */

static void
cmd_init(struct ctl_context *ctx OVS_UNUSED)
{
    /* do_vsctl() already inserted the Open_vSwitch row if there was
     * none. */
}

static void
pre_cmd_emer_reset(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_manager_options);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_ssl);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_controller);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_fail_mode);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_mirrors);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_netflow);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_sflow);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_ipfix);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_flood_vlans);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_other_config);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_other_config);

    ovsdb_idl_add_column(ctx->idl,
                         &ovsrec_interface_col_ingress_policing_rate);
    ovsdb_idl_add_column(ctx->idl,
                         &ovsrec_interface_col_ingress_policing_burst);
}

static void
cmd_emer_reset(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsdb_idl *idl = ctx->idl;
    const struct ovsrec_bridge *br;
    const struct ovsrec_port *port;
    const struct ovsrec_interface *iface;
    const struct ovsrec_mirror *mirror;
    const struct ovsrec_controller *ctrl;
    const struct ovsrec_manager *mgr;
    const struct ovsrec_netflow *nf;
    const struct ovsrec_ssl *ssl;
    const struct ovsrec_sflow *sflow;
    const struct ovsrec_ipfix *ipfix;
    const struct ovsrec_flow_sample_collector_set *fscset;

    /* Reset the Open_vSwitch table. */
    ovsrec_open_vswitch_set_manager_options(vsctl_ctx->ovs, NULL, 0);
    ovsrec_open_vswitch_set_ssl(vsctl_ctx->ovs, NULL);

    OVSREC_BRIDGE_FOR_EACH (br, idl) {
        const char *hwaddr;

        ovsrec_bridge_set_controller(br, NULL, 0);
        ovsrec_bridge_set_fail_mode(br, NULL);
        ovsrec_bridge_set_mirrors(br, NULL, 0);
        ovsrec_bridge_set_netflow(br, NULL);
        ovsrec_bridge_set_sflow(br, NULL);
        ovsrec_bridge_set_ipfix(br, NULL);
        ovsrec_bridge_set_flood_vlans(br, NULL, 0);

        /* Of other_config, only "hwaddr" survives. */
        hwaddr = smap_get(&br->other_config, "hwaddr");
        if (hwaddr) {
            struct smap smap = SMAP_INITIALIZER(&smap);
            smap_add(&smap, "hwaddr", hwaddr);
            ovsrec_bridge_set_other_config(br, &smap);
            smap_destroy(&smap);
        } else {
            ovsrec_bridge_set_other_config(br, NULL);
        }
    }

    OVSREC_PORT_FOR_EACH (port, idl) {
        ovsrec_port_set_other_config(port, NULL);
    }

    OVSREC_INTERFACE_FOR_EACH (iface, idl) {
        ovsrec_interface_set_ingress_policing_rate(iface, 0);
        ovsrec_interface_set_ingress_policing_burst(iface, 0);
    }

    OVSREC_MIRROR_FOR_EACH_SAFE (mirror, idl) {
        ovsrec_mirror_delete(mirror);
    }
    OVSREC_CONTROLLER_FOR_EACH_SAFE (ctrl, idl) {
        ovsrec_controller_delete(ctrl);
    }
    OVSREC_MANAGER_FOR_EACH_SAFE (mgr, idl) {
        ovsrec_manager_delete(mgr);
    }
    OVSREC_NETFLOW_FOR_EACH_SAFE (nf, idl) {
        ovsrec_netflow_delete(nf);
    }
    OVSREC_SSL_FOR_EACH_SAFE (ssl, idl) {
        ovsrec_ssl_delete(ssl);
    }
    OVSREC_SFLOW_FOR_EACH_SAFE (sflow, idl) {
        ovsrec_sflow_delete(sflow);
    }
    OVSREC_IPFIX_FOR_EACH_SAFE (ipfix, idl) {
        ovsrec_ipfix_delete(ipfix);
    }
    OVSREC_FLOW_SAMPLE_COLLECTOR_SET_FOR_EACH_SAFE (fscset, idl) {
        ovsrec_flow_sample_collector_set_delete(fscset);
    }

    vsctl_context_invalidate_cache(ctx);
}

static void
cmd_add_br(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;
    const char *br_name, *parent_name;
    struct ovsrec_interface *iface;
    int vlan;

    br_name = ctx->argv[1];
    if (!br_name[0]) {
        ctl_fatal("bridge name must not be empty string");
    }
    if (ctx->argc == 2) {
        parent_name = NULL;
        vlan = 0;
    } else if (ctx->argc == 4) {
        parent_name = ctx->argv[2];
        vlan = atoi(ctx->argv[3]);
        if (vlan < 0 || vlan > 4095) {
            ctl_fatal("%s: vlan must be between 0 and 4095", ctx->argv[0]);
        }
    } else {
        ctl_fatal("'%s' command takes exactly 1 or 3 arguments",
                  ctx->argv[0]);
    }

    vsctl_context_populate_cache(ctx);
    if (may_exist) {
        struct vsctl_bridge *br;

        br = find_bridge(vsctl_ctx, br_name, false);
        if (br) {
            if (!parent_name) {
                if (br->parent) {
                    ctl_fatal("\"--may-exist add-br %s\" but %s is "
                              "a VLAN bridge for VLAN %d",
                              br_name, br_name, br->vlan);
                }
            } else {
                if (!br->parent) {
                    ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                              "is not a VLAN bridge",
                              br_name, parent_name, vlan, br_name);
                } else if (strcmp(br->parent->name, parent_name)) {
                    ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                              "has the wrong parent %s",
                              br_name, parent_name, vlan,
                              br_name, br->parent->name);
                } else if (br->vlan != vlan) {
                    ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                              "is a VLAN bridge for the wrong VLAN %d",
                              br_name, parent_name, vlan, br_name,
                              br->vlan);
                }
            }
            return;
        }
    }
    check_conflicts(vsctl_ctx, br_name,
                    xasprintf("cannot create a bridge named %s", br_name));

    if (!parent_name) {
        struct ovsrec_port *port;
        struct ovsrec_bridge *br;

        iface = ovsrec_interface_insert(ctx->txn);
        ovsrec_interface_set_name(iface, br_name);
        ovsrec_interface_set_type(iface, "internal");

        port = ovsrec_port_insert(ctx->txn);
        ovsrec_port_set_name(port, br_name);
        ovsrec_port_set_interfaces(port, &iface, 1);

        br = ovsrec_bridge_insert(ctx->txn);
        ovsrec_bridge_set_name(br, br_name);
        ovsrec_bridge_set_ports(br, &port, 1);

        ovs_insert_bridge(vsctl_ctx->ovs, br);
    } else {
        struct vsctl_bridge *conflict;
        struct vsctl_bridge *parent;
        struct ovsrec_port *port;
        int64_t tag = vlan;

        parent = find_bridge(vsctl_ctx, parent_name, false);
        if (parent && parent->parent) {
            ctl_fatal("cannot create bridge with fake bridge as parent");
        }
        if (!parent) {
            ctl_fatal("parent bridge %s does not exist", parent_name);
        }

        conflict = find_vlan_bridge(parent, vlan);
        if (conflict) {
            ctl_fatal("bridge %s already has a child VLAN bridge %s "
                      "on VLAN %d", parent_name, conflict->name, vlan);
        }

        iface = ovsrec_interface_insert(ctx->txn);
        ovsrec_interface_set_name(iface, br_name);
        ovsrec_interface_set_type(iface, "internal");

        port = ovsrec_port_insert(ctx->txn);
        ovsrec_port_set_name(port, br_name);
        ovsrec_port_set_interfaces(port, &iface, 1);
        ovsrec_port_set_fake_bridge(port, true);
        ovsrec_port_set_tag(port, &tag, 1);

        bridge_insert_port(vsctl_ctx, parent->br_cfg, port);
    }

    post_db_reload_expect_iface(iface);
    vsctl_context_invalidate_cache(ctx);
}

static void
cmd_del_br(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    struct vsctl_bridge *bridge;

    vsctl_context_populate_cache(ctx);
    bridge = find_bridge(vsctl_ctx, ctx->argv[1], must_exist);
    if (bridge) {
        del_bridge(vsctl_ctx, bridge);
    }
}

static void
cmd_list_br(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool real = shash_find(&ctx->options, "--real");
    bool fake = shash_find(&ctx->options, "--fake");
    struct sset bridges = SSET_INITIALIZER(&bridges);
    struct shash_node *node;

    /* Neither option means both. */
    if (!real && !fake) {
        real = fake = true;
    }

    vsctl_context_populate_cache(ctx);
    SHASH_FOR_EACH (node, &vsctl_ctx->bridges) {
        struct vsctl_bridge *br = node->data;

        if (br->parent ? fake : real) {
            sset_add(&bridges, br->name);
        }
    }
    output_sorted(&bridges, &ctx->output);
}

static void
cmd_br_exists(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);

    vsctl_context_populate_cache(ctx);
    if (!find_bridge(vsctl_ctx, ctx->argv[1], false)) {
        vsctl_exit(2);
    }
}

/* Sets 'new' to a copy of 'old' with 'key' set to 'value', or removed if
 * 'value' is null. */
static void
set_external_id(const struct smap *old, struct smap *new,
                const char *key, const char *value)
{
    smap_clone(new, old);
    if (value) {
        smap_replace(new, key, value);
    } else {
        smap_remove(new, key);
    }
}

static void
pre_cmd_br_set_external_id(struct ctl_context *ctx)
{
    pre_get_info(ctx);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_external_ids);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_port_col_external_ids);
}

static void
cmd_br_set_external_id(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const char *value = ctx->argc >= 4 ? ctx->argv[3] : NULL;
    struct vsctl_bridge *bridge;
    struct smap new;

    vsctl_context_populate_cache(ctx);
    bridge = find_bridge(vsctl_ctx, ctx->argv[1], true);
    if (bridge->br_cfg) {
        set_external_id(&bridge->br_cfg->external_ids, &new, ctx->argv[2],
                        value);
        ovsrec_bridge_verify_external_ids(bridge->br_cfg);
        ovsrec_bridge_set_external_ids(bridge->br_cfg, &new);
    } else {
        /* A fake bridge keeps its external ids in its Port row, with a
         * prefix. */
        char *key = xasprintf("fake-bridge-%s", ctx->argv[2]);
        struct vsctl_port *port = shash_find_data(&vsctl_ctx->ports,
                                                  ctx->argv[1]);
        set_external_id(&port->port_cfg->external_ids, &new, key, value);
        ovsrec_port_verify_external_ids(port->port_cfg);
        ovsrec_port_set_external_ids(port->port_cfg, &new);
        free(key);
    }
    smap_destroy(&new);
}

/* Appends to 'output' the value of 'prefix''key' in 'smap' or, if 'key' is
 * null, every "key=value" pair whose key starts with 'prefix' (without the
 * prefix), sorted. */
static void
get_external_id(const struct smap *smap, const char *prefix,
                const char *key, struct ds *output)
{
    if (key) {
        char *prefix_key = xasprintf("%s%s", prefix, key);
        const char *value = smap_get(smap, prefix_key);

        if (value) {
            ds_put_format(output, "%s\n", value);
        }
        free(prefix_key);
    } else {
        const struct smap_node **sorted = smap_sort(smap);
        size_t prefix_len = strlen(prefix);

        for (size_t i = 0; i < smap_count(smap); i++) {
            const struct smap_node *node = sorted[i];
            if (!strncmp(node->key, prefix, prefix_len)) {
                ds_put_format(output, "%s=%s\n", node->key + prefix_len,
                              node->value);
            }
        }
        free(sorted);
    }
}

static void
cmd_br_get_external_id(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const char *key = ctx->argc >= 3 ? ctx->argv[2] : NULL;
    struct vsctl_bridge *bridge;

    vsctl_context_populate_cache(ctx);
    bridge = find_bridge(vsctl_ctx, ctx->argv[1], true);
    if (bridge->br_cfg) {
        ovsrec_bridge_verify_external_ids(bridge->br_cfg);
        get_external_id(&bridge->br_cfg->external_ids, "", key,
                        &ctx->output);
    } else {
        struct vsctl_port *port = shash_find_data(&vsctl_ctx->ports,
                                                  ctx->argv[1]);
        ovsrec_port_verify_external_ids(port->port_cfg);
        get_external_id(&port->port_cfg->external_ids, "fake-bridge-", key,
                        &ctx->output);
    }
}

static void
cmd_br_to_vlan(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct vsctl_bridge *br;

    vsctl_context_populate_cache(ctx);
    br = find_bridge(vsctl_ctx, ctx->argv[1], true);
    ds_put_format(&ctx->output, "%d\n", br->vlan);
}

static void
cmd_br_to_parent(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct vsctl_bridge *br;

    vsctl_context_populate_cache(ctx);
    br = find_bridge(vsctl_ctx, ctx->argv[1], true);
    if (br->parent) {
        br = br->parent;
    }
    ds_put_format(&ctx->output, "%s\n", br->name);
}

static void
cmd_list_ports(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct sset ports = SSET_INITIALIZER(&ports);
    struct vsctl_bridge *br;
    struct vsctl_port *port;

    vsctl_context_populate_cache(ctx);
    br = find_bridge(vsctl_ctx, ctx->argv[1], true);
    ovsrec_bridge_verify_ports(br->br_cfg ? br->br_cfg : br->parent->br_cfg);

    LIST_FOR_EACH (port, ports_node, &br->ports) {
        if (strcmp(port->port_cfg->name, br->name)) {
            sset_add(&ports, port->port_cfg->name);
        }
    }
    output_sorted(&ports, &ctx->output);
}

/* Returns true if the sorted arrays 'a' and 'b' of 'n' strings are
 * equal. */
static bool
string_arrays_equal(const char **a, const char **b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(a[i], b[i])) {
            return false;
        }
    }
    return true;
}

static void
add_port(struct ctl_context *ctx,
         const char *br_name, const char *port_name,
         bool may_exist, bool fake_iface,
         char *iface_names[], int n_ifaces,
         char *settings[], int n_settings)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct vsctl_port *vsctl_port;
    struct vsctl_bridge *bridge;
    struct ovsrec_interface **ifaces;
    struct ovsrec_port *port;

    if (!port_name[0]) {
        ctl_fatal("port name must not be empty string");
    }
    for (int i = 0; i < n_ifaces; i++) {
        if (!iface_names[i][0]) {
            ctl_fatal("interface name must not be empty string");
        }
    }

    vsctl_context_populate_cache(ctx);
    if (may_exist) {
        vsctl_port = find_port(vsctl_ctx, port_name, false);
        if (vsctl_port) {
            const struct ovsrec_port *cfg = vsctl_port->port_cfg;
            const char **want, **have;
            bool same;

            if (strcmp(vsctl_port->bridge->name, br_name)) {
                ctl_fatal("\"%s\" but %s is actually attached to bridge %s",
                          may_exist_command(ctx), port_name,
                          vsctl_port->bridge->name);
            }

            want = xmalloc(n_ifaces * sizeof *want);
            for (int i = 0; i < n_ifaces; i++) {
                want[i] = iface_names[i];
            }
            qsort(want, n_ifaces, sizeof *want, compare_strings);
            have = xmalloc((cfg->n_interfaces + 1) * sizeof *have);
            for (size_t i = 0; i < cfg->n_interfaces; i++) {
                have[i] = cfg->interfaces[i]->name;
            }
            qsort(have, cfg->n_interfaces, sizeof *have, compare_strings);

            same = (cfg->n_interfaces == n_ifaces
                    && string_arrays_equal(want, have, n_ifaces));
            if (!same) {
                struct ds names = DS_EMPTY_INITIALIZER;

                for (size_t i = 0; i < cfg->n_interfaces; i++) {
                    ds_put_format(&names, "%s%s", i ? ", " : "", have[i]);
                }
                /* Free what the fatal error would leave behind, so that
                 * leak checkers stay quiet on this error path. */
                free(want);
                free(have);
                ctl_fatal("\"%s\" but %s actually has interface(s) %s",
                          may_exist_command(ctx), port_name,
                          ds_cstr(&names));
            }

            free(want);
            free(have);
            return;
        }
    }
    check_conflicts(vsctl_ctx, port_name,
                    xasprintf("cannot create a port named %s", port_name));
    for (int i = 0; i < n_ifaces; i++) {
        check_conflicts(vsctl_ctx, iface_names[i],
                        xasprintf("cannot create an interface named %s",
                                  iface_names[i]));
    }
    bridge = find_bridge(vsctl_ctx, br_name, true);

    ifaces = xmalloc(n_ifaces * sizeof *ifaces);
    for (int i = 0; i < n_ifaces; i++) {
        ifaces[i] = ovsrec_interface_insert(ctx->txn);
        ovsrec_interface_set_name(ifaces[i], iface_names[i]);
        post_db_reload_expect_iface(ifaces[i]);
    }

    port = ovsrec_port_insert(ctx->txn);
    ovsrec_port_set_name(port, port_name);
    ovsrec_port_set_interfaces(port, ifaces, n_ifaces);
    ovsrec_port_set_bond_fake_iface(port, fake_iface);

    if (bridge->parent) {
        int64_t tag = bridge->vlan;
        ovsrec_port_set_tag(port, &tag, 1);
    }

    for (int i = 0; i < n_settings; i++) {
        ctl_set_column("Port", &port->header_, settings[i], ctx->symtab);
    }

    bridge_insert_port_deferred(vsctl_ctx,
                                (bridge->parent ? bridge->parent->br_cfg
                                 : bridge->br_cfg), port);

    vsctl_port = add_port_to_cache(vsctl_ctx, bridge, port);
    for (int i = 0; i < n_ifaces; i++) {
        add_iface_to_cache(vsctl_ctx, vsctl_port, ifaces[i]);
    }
    free(ifaces);
}

static void
cmd_add_port(struct ctl_context *ctx)
{
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;

    add_port(ctx, ctx->argv[1], ctx->argv[2], may_exist, false,
             &ctx->argv[2], 1, &ctx->argv[3], ctx->argc - 3);
}

static void
cmd_add_bond(struct ctl_context *ctx)
{
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;
    bool fake_iface = shash_find(&ctx->options, "--fake-iface") != NULL;
    int n_ifaces;

    /* The interfaces end where the column settings begin. */
    n_ifaces = ctx->argc - 3;
    for (int i = 3; i < ctx->argc; i++) {
        if (strchr(ctx->argv[i], '=')) {
            n_ifaces = i - 3;
            break;
        }
    }
    if (n_ifaces < 2) {
        ctl_fatal("add-bond requires at least 2 interfaces, but only "
                  "%d were specified", n_ifaces);
    }

    add_port(ctx, ctx->argv[1], ctx->argv[2], may_exist, fake_iface,
             &ctx->argv[3], n_ifaces,
             &ctx->argv[n_ifaces + 3], ctx->argc - 3 - n_ifaces);
}

static void
cmd_add_bond_iface(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;
    const char *iface_name = ctx->argv[2];
    struct ovsrec_interface *iface;
    struct vsctl_port *port;

    vsctl_context_populate_cache(ctx);
    port = find_port(vsctl_ctx, ctx->argv[1], true);

    if (may_exist) {
        struct vsctl_iface *old = find_iface(vsctl_ctx, iface_name, false);
        if (old) {
            if (old->port == port) {
                return;
            }
            ctl_fatal("\"%s\" but %s is actually attached to port %s",
                      may_exist_command(ctx), iface_name,
                      old->port->port_cfg->name);
        }
    }
    check_conflicts(vsctl_ctx, iface_name,
                    xasprintf("cannot create an interface named %s",
                              iface_name));

    iface = ovsrec_interface_insert(ctx->txn);
    ovsrec_interface_set_name(iface, iface_name);
    ovsrec_port_update_interfaces_addvalue(port->port_cfg, iface);
    post_db_reload_expect_iface(iface);
    add_iface_to_cache(vsctl_ctx, port, iface);
}

static void
cmd_del_bond_iface(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const char *iface_name = ctx->argv[ctx->argc - 1];
    struct vsctl_iface *iface;

    vsctl_context_populate_cache(ctx);
    iface = find_iface(vsctl_ctx, iface_name, must_exist);
    if (!iface) {
        return;
    }

    if (ctx->argc > 2) {
        const char *port_name = ctx->argv[1];
        struct vsctl_port *port = find_port(vsctl_ctx, port_name, true);

        if (iface->port != port) {
            ctl_fatal("port %s does not have an interface %s",
                      port_name, iface_name);
        }
    }

    if (ovs_list_is_short(&iface->port->ifaces)) {
        ctl_fatal("cannot delete last interface from port %s",
                  iface->port->port_cfg->name);
    }

    ovsrec_port_update_interfaces_delvalue(iface->port->port_cfg,
                                           iface->iface_cfg);
    del_cached_iface(vsctl_ctx, iface);
}

static void
cmd_del_port(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    bool with_iface = shash_find(&ctx->options, "--with-iface") != NULL;
    const char *target = ctx->argv[ctx->argc - 1];
    struct vsctl_port *port;

    vsctl_context_populate_cache(ctx);
    if (find_bridge(vsctl_ctx, target, false)) {
        if (must_exist) {
            ctl_fatal("cannot delete port %s because it is the local port "
                      "for bridge %s (deleting this port requires deleting "
                      "the entire bridge)", target, target);
        }
        port = NULL;
    } else if (!with_iface) {
        port = find_port(vsctl_ctx, target, must_exist);
    } else {
        port = find_port(vsctl_ctx, target, false);
        if (!port) {
            struct vsctl_iface *iface = find_iface(vsctl_ctx, target, false);
            if (iface) {
                port = iface->port;
            }
        }
        if (must_exist && !port) {
            ctl_fatal("no port or interface named %s", target);
        }
    }

    if (port) {
        if (ctx->argc == 3) {
            struct vsctl_bridge *bridge;

            bridge = find_bridge(vsctl_ctx, ctx->argv[1], true);
            if (port->bridge != bridge) {
                if (port->bridge->parent == bridge) {
                    ctl_fatal("bridge %s does not have a port %s (although "
                              "its child bridge %s does)",
                              ctx->argv[1], ctx->argv[2],
                              port->bridge->name);
                } else {
                    ctl_fatal("bridge %s does not have a port %s",
                              ctx->argv[1], ctx->argv[2]);
                }
            }
        }

        del_port(vsctl_ctx, port);
    }
}

static void
cmd_port_to_br(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct vsctl_port *port;

    vsctl_context_populate_cache(ctx);
    port = find_port(vsctl_ctx, ctx->argv[1], true);
    ds_put_format(&ctx->output, "%s\n", port->bridge->name);
}

static void
cmd_list_ifaces(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct sset ifaces = SSET_INITIALIZER(&ifaces);
    struct vsctl_bridge *br;
    struct vsctl_port *port;

    vsctl_context_populate_cache(ctx);
    br = find_bridge(vsctl_ctx, ctx->argv[1], true);
    verify_ports(vsctl_ctx);

    LIST_FOR_EACH (port, ports_node, &br->ports) {
        struct vsctl_iface *iface;

        LIST_FOR_EACH (iface, ifaces_node, &port->ifaces) {
            if (strcmp(iface->iface_cfg->name, br->name)) {
                sset_add(&ifaces, iface->iface_cfg->name);
            }
        }
    }
    output_sorted(&ifaces, &ctx->output);
}

static void
cmd_iface_to_br(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct vsctl_iface *iface;

    vsctl_context_populate_cache(ctx);
    iface = find_iface(vsctl_ctx, ctx->argv[1], true);
    ds_put_format(&ctx->output, "%s\n", iface->port->bridge->name);
}

/* Controllers. */

static void
pre_controller(struct ctl_context *ctx)
{
    pre_get_info(ctx);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_controller_col_target);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_controller_col_inactivity_probe);
}

static void
verify_controllers(const struct ovsrec_bridge *bridge)
{
    ovsrec_bridge_verify_controller(bridge);
    for (size_t i = 0; i < bridge->n_controller; i++) {
        ovsrec_controller_verify_target(bridge->controller[i]);
    }
}

static void
cmd_get_controller(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsrec_bridge *br_cfg;
    struct vsctl_bridge *br;
    const char **targets;

    vsctl_context_populate_cache(ctx);
    br = find_bridge(vsctl_ctx, ctx->argv[1], true);
    if (br->parent) {
        br = br->parent;
    }
    br_cfg = br->br_cfg;
    verify_controllers(br_cfg);

    /* Sorted, for reproducibility; duplicates are kept. */
    targets = xmalloc((br_cfg->n_controller + 1) * sizeof *targets);
    for (size_t i = 0; i < br_cfg->n_controller; i++) {
        targets[i] = br_cfg->controller[i]->target;
    }
    output_sorted_array(targets, br_cfg->n_controller, &ctx->output);
    free(targets);
}

static void
delete_controllers(struct ovsrec_controller **controllers,
                   size_t n_controllers)
{
    for (size_t i = 0; i < n_controllers; i++) {
        ovsrec_controller_delete(controllers[i]);
    }
}

static void
cmd_del_controller(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsrec_bridge *br;

    vsctl_context_populate_cache(ctx);
    br = find_real_bridge(vsctl_ctx, ctx->argv[1], true)->br_cfg;
    verify_controllers(br);

    if (br->controller) {
        delete_controllers(br->controller, br->n_controller);
        ovsrec_bridge_set_controller(br, NULL, 0);
    }
}

/* Returns true if 'target' starts with the name of a connection method
 * that ovs-vswitchd understands, followed by ':'. */
static bool
target_type_is_known(const char *target)
{
    static const char *const types[] = {
        "tcp:", "ssl:", "unix:", "ptcp:", "pssl:", "punix:",
    };

    for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
        if (!strncmp(target, types[i], strlen(types[i]))) {
            return true;
        }
    }
    return false;
}

static struct ovsrec_controller **
insert_controllers(struct ctl_context *ctx, char *targets[], size_t n)
{
    const char *inactivity_probe = shash_find_data(&ctx->options,
                                                   "--inactivity-probe");
    struct ovsrec_controller **controllers;

    controllers = xmalloc(n * sizeof *controllers);
    for (size_t i = 0; i < n; i++) {
        if (!target_type_is_known(targets[i])) {
            VLOG_WARN("target type \"%s\" is possibly erroneous",
                      targets[i]);
        }
        controllers[i] = ovsrec_controller_insert(ctx->txn);
        ovsrec_controller_set_target(controllers[i], targets[i]);
        if (inactivity_probe) {
            int64_t msecs = atoll(inactivity_probe);
            ovsrec_controller_set_inactivity_probe(controllers[i], &msecs, 1);
        }
    }
    return controllers;
}

static void
cmd_set_controller(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct ovsrec_controller **controllers;
    const struct ovsrec_bridge *br;
    size_t n;

    vsctl_context_populate_cache(ctx);
    br = find_real_bridge(vsctl_ctx, ctx->argv[1], true)->br_cfg;
    verify_controllers(br);

    delete_controllers(br->controller, br->n_controller);

    n = ctx->argc - 2;
    controllers = insert_controllers(ctx, &ctx->argv[2], n);
    ovsrec_bridge_set_controller(br, controllers, n);
    free(controllers);
}

static void
cmd_get_fail_mode(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct vsctl_bridge *br;

    vsctl_context_populate_cache(ctx);
    br = find_bridge(vsctl_ctx, ctx->argv[1], true);
    if (br->parent) {
        br = br->parent;
    }
    ovsrec_bridge_verify_fail_mode(br->br_cfg);

    if (br->br_cfg->fail_mode) {
        ds_put_format(&ctx->output, "%s\n", br->br_cfg->fail_mode);
    }
}

static void
cmd_del_fail_mode(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct vsctl_bridge *br;

    vsctl_context_populate_cache(ctx);
    br = find_real_bridge(vsctl_ctx, ctx->argv[1], true);
    ovsrec_bridge_set_fail_mode(br->br_cfg, NULL);
}

static void
cmd_set_fail_mode(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const char *fail_mode = ctx->argv[2];
    struct vsctl_bridge *br;

    vsctl_context_populate_cache(ctx);
    br = find_real_bridge(vsctl_ctx, ctx->argv[1], true);

    if (strcmp(fail_mode, "standalone") && strcmp(fail_mode, "secure")) {
        ctl_fatal("fail-mode must be \"standalone\" or \"secure\"");
    }

    ovsrec_bridge_set_fail_mode(br->br_cfg, fail_mode);
}

/* Managers. */

static void
pre_manager(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_manager_options);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_manager_col_target);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_manager_col_inactivity_probe);
}

static void
verify_managers(const struct ovsrec_open_vswitch *ovs)
{
    ovsrec_open_vswitch_verify_manager_options(ovs);
    for (size_t i = 0; i < ovs->n_manager_options; i++) {
        ovsrec_manager_verify_target(ovs->manager_options[i]);
    }
}

static void
cmd_get_manager(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsrec_open_vswitch *ovs = vsctl_ctx->ovs;
    struct sset targets = SSET_INITIALIZER(&targets);

    verify_managers(ovs);

    /* Sorted, for reproducibility, without duplicates. */
    for (size_t i = 0; i < ovs->n_manager_options; i++) {
        sset_add(&targets, ovs->manager_options[i]->target);
    }
    output_sorted(&targets, &ctx->output);
}

static void
delete_managers(const struct ovsrec_open_vswitch *ovs)
{
    for (size_t i = 0; i < ovs->n_manager_options; i++) {
        ovsrec_manager_delete(ovs->manager_options[i]);
    }
    ovsrec_open_vswitch_set_manager_options(ovs, NULL, 0);
}

static void
cmd_del_manager(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);

    verify_managers(vsctl_ctx->ovs);
    delete_managers(vsctl_ctx->ovs);
}

static void
cmd_set_manager(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const char *inactivity_probe = shash_find_data(&ctx->options,
                                                   "--inactivity-probe");
    size_t n = ctx->argc - 1;
    struct ovsrec_manager **managers;

    verify_managers(vsctl_ctx->ovs);
    delete_managers(vsctl_ctx->ovs);

    managers = xmalloc(n * sizeof *managers);
    for (size_t i = 0; i < n; i++) {
        const char *target = ctx->argv[i + 1];

        if (!target_type_is_known(target)) {
            VLOG_WARN("target type \"%s\" is possibly erroneous", target);
        }
        managers[i] = ovsrec_manager_insert(ctx->txn);
        ovsrec_manager_set_target(managers[i], target);
        if (inactivity_probe) {
            int64_t msecs = atoll(inactivity_probe);
            ovsrec_manager_set_inactivity_probe(managers[i], &msecs, 1);
        }
    }
    ovsrec_open_vswitch_set_manager_options(vsctl_ctx->ovs, managers, n);
    free(managers);
}

/* SSL. */

static void
pre_cmd_get_ssl(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_ssl);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_ssl_col_private_key);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_ssl_col_certificate);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_ssl_col_ca_cert);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_ssl_col_bootstrap_ca_cert);
}

static void
cmd_get_ssl(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsrec_ssl *ssl = vsctl_ctx->ovs->ssl;

    ovsrec_open_vswitch_verify_ssl(vsctl_ctx->ovs);
    if (ssl) {
        ovsrec_ssl_verify_private_key(ssl);
        ovsrec_ssl_verify_certificate(ssl);
        ovsrec_ssl_verify_ca_cert(ssl);
        ovsrec_ssl_verify_bootstrap_ca_cert(ssl);

        ds_put_format(&ctx->output, "Private key: %s\n", ssl->private_key);
        ds_put_format(&ctx->output, "Certificate: %s\n", ssl->certificate);
        ds_put_format(&ctx->output, "CA Certificate: %s\n", ssl->ca_cert);
        ds_put_format(&ctx->output, "Bootstrap: %s\n",
                      ssl->bootstrap_ca_cert ? "true" : "false");
    }
}

static void
pre_cmd_ssl(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_ssl);
}

static void
cmd_del_ssl(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsrec_ssl *ssl = vsctl_ctx->ovs->ssl;

    if (ssl) {
        ovsrec_open_vswitch_verify_ssl(vsctl_ctx->ovs);
        ovsrec_ssl_delete(ssl);
        ovsrec_open_vswitch_set_ssl(vsctl_ctx->ovs, NULL);
    }
}

static void
cmd_set_ssl(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool bootstrap = shash_find(&ctx->options, "--bootstrap");
    const struct ovsrec_ssl *ssl = vsctl_ctx->ovs->ssl;
    struct ovsrec_ssl *new;

    ovsrec_open_vswitch_verify_ssl(vsctl_ctx->ovs);
    if (ssl) {
        ovsrec_ssl_delete(ssl);
    }
    new = ovsrec_ssl_insert(ctx->txn);

    ovsrec_ssl_set_private_key(new, ctx->argv[1]);
    ovsrec_ssl_set_certificate(new, ctx->argv[2]);
    ovsrec_ssl_set_ca_cert(new, ctx->argv[3]);
    ovsrec_ssl_set_bootstrap_ca_cert(new, bootstrap);

    ovsrec_open_vswitch_set_ssl(vsctl_ctx->ovs, new);
}

/* Auto Attach. */

static void
pre_aa_mapping(struct ctl_context *ctx)
{
    pre_get_info(ctx);

    ovsdb_idl_add_column(ctx->idl, &ovsrec_bridge_col_auto_attach);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_autoattach_col_mappings);
}

/* Parses the I-SID and VLAN arguments of the mapping commands (as C's
 * strtoull() does: anything that starts with a number will do). */
static void
parse_aa_mapping(struct ctl_context *ctx, int64_t *isid, int64_t *vlan)
{
    char *nptr = NULL;

    *isid = strtoull(ctx->argv[2], &nptr, 10);
    if (nptr == ctx->argv[2] || nptr == NULL) {
        ctl_fatal("Invalid argument %s", ctx->argv[2]);
    }

    *vlan = strtoull(ctx->argv[3], &nptr, 10);
    if (nptr == ctx->argv[3] || nptr == NULL) {
        ctl_fatal("Invalid argument %s", ctx->argv[3]);
    }
}

/* Returns the real bridge that ctx->argv[1] names. */
static struct vsctl_bridge *
find_aa_bridge(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    struct vsctl_bridge *br;

    vsctl_context_populate_cache(ctx);
    br = find_bridge(vsctl_ctx, ctx->argv[1], true);
    if (br->parent) {
        br = br->parent;
    }
    return br;
}

/* Returns a datum holding the one mapping 'isid' -> 'vlan'. */
static struct ovsdb_datum
aa_mapping_datum(int64_t isid, int64_t vlan)
{
    struct ovsdb_datum datum;
    union ovsdb_atom key, value;

    key.integer = isid;
    value.integer = vlan;
    ovsdb_datum_init_empty(&datum);
    ovsdb_datum_add_unsafe(&datum, &key, &value,
                           &ovsrec_autoattach_col_mappings.type, NULL);
    return datum;
}

static void
cmd_add_aa_mapping(struct ctl_context *ctx)
{
    const struct ovsdb_type *type = &ovsrec_autoattach_col_mappings.type;
    struct vsctl_bridge *br;
    int64_t isid, vlan;

    parse_aa_mapping(ctx, &isid, &vlan);
    br = find_aa_bridge(ctx);
    if (br->br_cfg) {
        const struct ovsrec_autoattach *aa = br->br_cfg->auto_attach;
        struct ovsdb_datum mapping = aa_mapping_datum(isid, vlan);
        struct ovsdb_datum datum;

        if (!aa) {
            aa = ovsrec_autoattach_insert(ctx->txn);
            ovsrec_bridge_set_auto_attach(br->br_cfg, aa);
            vsctl_context_invalidate_cache(ctx);
        }

        /* An I-SID that already has a mapping keeps it. */
        ovsdb_datum_clone(&datum,
                          ovsdb_idl_read(&aa->header_,
                                         &ovsrec_autoattach_col_mappings),
                          type);
        ovsdb_datum_union(&datum, &mapping, type);
        ovsdb_datum_destroy(&mapping, type);
        ovsdb_idl_txn_write(&aa->header_, &ovsrec_autoattach_col_mappings,
                            &datum);
    }
}

static void
cmd_del_aa_mapping(struct ctl_context *ctx)
{
    const struct ovsdb_type *type = &ovsrec_autoattach_col_mappings.type;
    struct vsctl_bridge *br;
    int64_t isid, vlan;

    parse_aa_mapping(ctx, &isid, &vlan);
    br = find_aa_bridge(ctx);
    if (br->br_cfg && br->br_cfg->auto_attach) {
        const struct ovsrec_autoattach *aa = br->br_cfg->auto_attach;
        struct ovsdb_datum mapping = aa_mapping_datum(isid, vlan);
        struct ovsdb_datum datum;

        /* Only a mapping to that very VLAN goes away. */
        ovsdb_datum_clone(&datum,
                          ovsdb_idl_read(&aa->header_,
                                         &ovsrec_autoattach_col_mappings),
                          type);
        ovsdb_datum_subtract(&datum, type, &mapping, type);
        ovsdb_datum_destroy(&mapping, type);
        ovsdb_idl_txn_write(&aa->header_, &ovsrec_autoattach_col_mappings,
                            &datum);
    }
}

static void
cmd_get_aa_mapping(struct ctl_context *ctx)
{
    struct vsctl_bridge *br = find_aa_bridge(ctx);

    if (br->br_cfg) {
        ovsrec_bridge_verify_auto_attach(br->br_cfg);
        if (br->br_cfg->auto_attach) {
            const struct ovsrec_autoattach *aa = br->br_cfg->auto_attach;

            for (size_t i = 0; i < aa->n_mappings; i++) {
                ds_put_format(&ctx->output, "%"PRId64" %"PRId64"\n",
                              aa->key_mappings[i], aa->value_mappings[i]);
            }
        }
    }
}

/* Connection tracking zones and datapath capabilities. */

static void
pre_get_zone(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_datapaths);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_datapath_col_ct_zones);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_ct_zone_col_timeout_policy);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_ct_timeout_policy_col_timeouts);
}

static void
pre_get_dp_cap(struct ctl_context *ctx)
{
    ovsdb_idl_add_column(ctx->idl, &ovsrec_open_vswitch_col_datapaths);
    ovsdb_idl_add_column(ctx->idl, &ovsrec_datapath_col_capabilities);
}

static const struct ovsrec_datapath *
find_datapath(struct vsctl_context *vsctl_ctx, const char *dp_name)
{
    const struct ovsrec_open_vswitch *ovs = vsctl_ctx->ovs;

    for (size_t i = 0; i < ovs->n_datapaths; i++) {
        if (!strcmp(ovs->key_datapaths[i], dp_name)) {
            return ovs->value_datapaths[i];
        }
    }
    return NULL;
}

static const struct ovsrec_ct_zone *
find_ct_zone(const struct ovsrec_datapath *dp, int64_t zone_id)
{
    for (size_t i = 0; i < dp->n_ct_zones; i++) {
        if (dp->key_ct_zones[i] == zone_id) {
            return dp->value_ct_zones[i];
        }
    }
    return NULL;
}

/* Parses "zone=ID" (ID in C syntax: decimal, 0x hex or 0 octal) into
 * '*zone_id', leaving it alone if 'arg' does not have that form. */
static void
parse_zone_id(const char *arg, int64_t *zone_id)
{
    long long int id;
    char *tail;

    if (strncmp(arg, "zone=", 5)) {
        return;
    }
    errno = 0;
    id = strtoll(arg + 5, &tail, 0);
    if (tail != arg + 5 && !errno) {
        *zone_id = id;
    }
}

static void
cmd_add_zone_tp(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool may_exist = shash_find(&ctx->options, "--may-exist") != NULL;
    struct smap policies = SMAP_INITIALIZER(&policies);
    const char *dp_name = ctx->argv[1];
    const struct ovsrec_datapath *dp;
    const struct ovsrec_ct_zone *zone;
    struct ovsrec_ct_timeout_policy *tp;
    int64_t zone_id = 0;

    parse_zone_id(ctx->argv[2], &zone_id);
    for (int i = 3; i < ctx->argc; i++) {
        char *policy = xstrdup(ctx->argv[i]);
        char *equals = strchr(policy, '=');
        const char *value = "";

        if (equals) {
            *equals = '\0';
            value = equals + 1;
            char *second = strchr(value, '=');
            if (second) {
                *second = '\0';
            }
        }
        smap_replace(&policies, policy, value);
        free(policy);
    }

    dp = find_datapath(vsctl_ctx, dp_name);
    if (!dp) {
        smap_destroy(&policies);
        ctl_fatal("datapath %s does not exist", dp_name);
    }

    zone = find_ct_zone(dp, zone_id);
    if (zone && !may_exist) {
        smap_destroy(&policies);
        ctl_fatal("zone id %"PRIu64" already exists", (uint64_t) zone_id);
    }

    /* The new timeout policy. */
    size_t n = smap_count(&policies);
    const char **keys = xmalloc((n + 1) * sizeof *keys);
    int64_t *values = xmalloc((n + 1) * sizeof *values);
    struct smap_node *node;
    size_t i = 0;

    SMAP_FOR_EACH (node, &policies) {
        keys[i] = node->key;
        values[i] = strtoull(node->value, NULL, 10);
        i++;
    }
    tp = ovsrec_ct_timeout_policy_insert(ctx->txn);
    ovsrec_ct_timeout_policy_set_timeouts(tp, keys, values, n);
    free(keys);
    free(values);

    if (zone) {
        ovsrec_ct_zone_set_timeout_policy(zone, tp);
    } else {
        struct ovsrec_ct_zone *new = ovsrec_ct_zone_insert(ctx->txn);
        ovsrec_ct_zone_set_timeout_policy(new, tp);
        ovsrec_datapath_update_ct_zones_setkey(dp, zone_id, new);
    }
    smap_destroy(&policies);
}

static void
cmd_del_zone_tp(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    bool must_exist = !shash_find(&ctx->options, "--if-exists");
    const char *dp_name = ctx->argv[1];
    const struct ovsrec_datapath *dp;
    int64_t zone_id = 0;

    parse_zone_id(ctx->argv[2], &zone_id);

    dp = find_datapath(vsctl_ctx, dp_name);
    if (!dp) {
        ctl_fatal("datapath %s does not exist", dp_name);
    }

    if (!find_ct_zone(dp, zone_id)) {
        if (must_exist) {
            ctl_fatal("zone id %"PRIu64" does not exist", (uint64_t) zone_id);
        }
        return;
    }
    ovsrec_datapath_update_ct_zones_delkey(dp, zone_id);
}

static void
cmd_list_zone_tp(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsrec_datapath *dp;

    dp = find_datapath(vsctl_ctx, ctx->argv[1]);
    if (!dp) {
        ctl_fatal("datapath: %s record not found", ctx->argv[1]);
    }

    for (size_t i = 0; i < dp->n_ct_zones; i++) {
        const struct ovsrec_ct_zone *zone = dp->value_ct_zones[i];
        const struct ovsrec_ct_timeout_policy *tp;

        ds_put_format(&ctx->output, "Zone:%"PRIu64", Timeout Policies: ",
                      (uint64_t) dp->key_ct_zones[i]);
        tp = zone ? zone->timeout_policy : NULL;
        if (tp) {
            for (size_t j = 0; j < tp->n_timeouts; j++) {
                ds_put_format(&ctx->output, "%s%s=%"PRIu64,
                              j ? " " : "", tp->key_timeouts[j],
                              (uint64_t) tp->value_timeouts[j]);
            }
        }
        ds_put_char(&ctx->output, '\n');
    }
}

static void
cmd_list_dp_cap(struct ctl_context *ctx)
{
    struct vsctl_context *vsctl_ctx = vsctl_context_cast(ctx);
    const struct ovsrec_datapath *dp;
    struct smap_node *node;

    dp = find_datapath(vsctl_ctx, ctx->argv[1]);
    if (!dp) {
        ctl_fatal("datapath \"%s\" record not found", ctx->argv[1]);
    }

    /* In hash order, as upstream prints them. */
    SMAP_FOR_EACH (node, &dp->capabilities) {
        ds_put_format(&ctx->output, "%s=%s ", node->key, node->value);
    }
    ds_chomp(&ctx->output, ' ');
    ds_put_char(&ctx->output, '\n');
}

/* Running the chain. */

static void
vsctl_context_init_command(struct vsctl_context *vsctl_ctx,
                           struct ctl_command *command, bool last)
{
    /* 'verified_ports' stays set from one command to the next: verifying
     * again in the same transaction would change nothing (rows inserted
     * since have nothing to verify, and the others are verified already),
     * but would cost a walk of every port for each command. */
    ctl_context_init_command(&vsctl_ctx->base, command, last);
    if (command->syntax->run != cmd_add_port
        && command->syntax->run != cmd_add_bond) {
        vsctl_flush_ports(vsctl_ctx);
    }
}

static void
vsctl_context_init(struct vsctl_context *vsctl_ctx,
                   struct ctl_command *command, struct ovsdb_idl *idl,
                   struct ovsdb_idl_txn *txn,
                   const struct ovsrec_open_vswitch *ovs,
                   struct ovsdb_symbol_table *symtab)
{
    ctl_context_init(&vsctl_ctx->base, command, idl, txn, symtab,
                     vsctl_context_invalidate_cache);
    vsctl_ctx->verified_ports = false;
    vsctl_ctx->ovs = ovs;
    vsctl_ctx->cache_valid = false;
    vsctl_ctx->pending_br = NULL;
    vsctl_ctx->pending_ports = NULL;
    vsctl_ctx->n_pending_ports = 0;
    vsctl_ctx->allocated_pending_ports = 0;
}

static void
vsctl_context_done_command(struct vsctl_context *vsctl_ctx,
                           struct ctl_command *command)
{
    ctl_context_done_command(&vsctl_ctx->base, command);
}

static void
vsctl_context_done(struct vsctl_context *vsctl_ctx,
                   struct ctl_command *command)
{
    vsctl_flush_ports(vsctl_ctx);
    vsctl_context_invalidate_cache(&vsctl_ctx->base);
    ctl_context_done(&vsctl_ctx->base, command);
}

static void
run_prerequisites(struct ctl_command commands[], size_t n_commands,
                  struct ovsdb_idl *idl)
{
    ovsdb_idl_add_table(idl, &ovsrec_table_open_vswitch);
    if (wait_for_reload) {
        ovsdb_idl_add_column(idl, &ovsrec_open_vswitch_col_cur_cfg);
    }
    for (struct ctl_command *c = commands; c < &commands[n_commands]; c++) {
        if (c->syntax->prerequisites) {
            struct vsctl_context vsctl_ctx;

            vsctl_context_init(&vsctl_ctx, c, idl, NULL, NULL, NULL);
            (c->syntax->prerequisites)(&vsctl_ctx.base);
            vsctl_context_done(&vsctl_ctx, c);

            ovs_assert(!c->output.string);
            ovs_assert(!c->table);
        }
    }
}

/* Returns the first part (the program name) of the command line of the
 * parent process, or NULL if it is not known. */
static char *
vsctl_parent_process_info(void)
{
    pid_t parent_pid = getppid();
    char *name = NULL;

    if (parent_pid > 1) {
        char *procfile = xasprintf("/proc/%d/cmdline", (int) parent_pid);
        FILE *f = fopen(procfile, "r");

        free(procfile);
        if (f) {
            struct ds s = DS_EMPTY_INITIALIZER;
            int c;

            while ((c = getc(f)) != EOF && c != '\0' && c != '\n') {
                ds_put_char(&s, c);
            }
            fclose(f);
            if (s.length) {
                name = ds_steal_cstr(&s);
            } else {
                ds_destroy(&s);
            }
        }
    }
    return name;
}

/* Frees what the commands' runs left in them, so that they can run
 * again. */
static void
reset_commands(struct ctl_command *commands, size_t n_commands)
{
    for (struct ctl_command *c = commands; c < &commands[n_commands]; c++) {
        ds_destroy(&c->output);
        ds_init(&c->output);
        table_destroy(c->table);
        free(c->table);
        c->table = NULL;
    }
}

/* Prints the output of 'c'. */
static void
print_command_output(struct ctl_command *c)
{
    struct ds *ds = &c->output;

    if (c->table) {
        table_print(c->table, &table_style);
    } else if (oneline) {
        ds_chomp(ds, '\n');
        for (size_t j = 0; j < ds->length; j++) {
            int ch = ds->string[j];
            switch (ch) {
            case '\n':
                fputs("\\n", stdout);
                break;

            case '\\':
                fputs("\\\\", stdout);
                break;

            default:
                putchar(ch);
            }
        }
        putchar('\n');
    } else {
        fputs(ds_cstr(ds), stdout);
    }
}

/* Runs 'commands' once on the current contents of 'idl'.  Returns true if
 * it is done (having printed the output, waited for ovs-vswitchd if
 * needed, and freed everything but 'idl', which the caller must not use
 * any more: it exits), false if the chain needs to run again once the
 * contents change. */
static bool
do_vsctl(const char *args, struct ctl_command *commands, size_t n_commands,
         struct ovsdb_idl *idl)
{
    const struct ovsrec_open_vswitch *ovs;
    enum ovsdb_idl_txn_status status;
    struct ovsdb_symbol_table *symtab;
    struct vsctl_context vsctl_ctx;
    struct ovsdb_idl_txn *txn;
    struct shash_node *node;
    int64_t next_cfg = 0;
    char *ppid_info;
    char *error = NULL;

    txn = the_idl_txn = ovsdb_idl_txn_create(idl);
    if (dry_run) {
        ovsdb_idl_txn_set_dry_run(txn);
    }

    ppid_info = vsctl_parent_process_info();
    if (ppid_info) {
        ovsdb_idl_txn_add_comment(txn, "ovs-vsctl (invoked by %s): %s",
                                  ppid_info, args);
        free(ppid_info);
    } else {
        ovsdb_idl_txn_add_comment(txn, "ovs-vsctl: %s", args);
    }

    ovs = ovsrec_open_vswitch_first(idl);
    if (!ovs) {
        /* An empty database: "init" and every other command start by
         * creating the Open_vSwitch row. */
        ovs = ovsrec_open_vswitch_insert(txn);
    }

    if (wait_for_reload) {
        ovsdb_idl_txn_increment(txn, &ovs->header_,
                                &ovsrec_open_vswitch_col_next_cfg, false);
    }

    post_db_reload_check_init();
    symtab = ovsdb_symbol_table_create();
    reset_commands(commands, n_commands);

    vsctl_context_init(&vsctl_ctx, NULL, idl, txn, ovs, symtab);
    for (struct ctl_command *c = commands; c < &commands[n_commands]; c++) {
        vsctl_context_init_command(&vsctl_ctx, c,
                                   c == &commands[n_commands - 1]);
        if (c->syntax->run) {
            (c->syntax->run)(&vsctl_ctx.base);
        }
        vsctl_context_done_command(&vsctl_ctx, c);

        if (vsctl_ctx.base.try_again) {
            vsctl_context_done(&vsctl_ctx, NULL);
            goto try_again;
        }
    }
    vsctl_context_done(&vsctl_ctx, NULL);

    SHASH_FOR_EACH (node, &symtab->sh) {
        struct ovsdb_symbol *symbol = node->data;

        if (!symbol->created) {
            ctl_fatal("row id \"%s\" is referenced but never created (e.g. "
                      "with \"-- --id=%s create ...\")",
                      node->name, node->name);
        }
        if (!symbol->strong_ref) {
            if (!symbol->weak_ref) {
                VLOG_WARN("row id \"%s\" was created but no reference to it "
                          "was inserted, so it will not actually appear in "
                          "the database", node->name);
            } else {
                VLOG_WARN("row id \"%s\" was created but only a weak "
                          "reference to it was inserted, so it will not "
                          "actually appear in the database", node->name);
            }
        }
    }

    status = ovsdb_idl_txn_commit_block(txn);
    if (wait_for_reload && status == TXN_SUCCESS) {
        next_cfg = ovsdb_idl_txn_get_increment_new_value(txn);
    }
    if (status == TXN_UNCHANGED || status == TXN_SUCCESS) {
        for (struct ctl_command *c = commands; c < &commands[n_commands];
             c++) {
            if (c->syntax->postprocess) {
                vsctl_context_init(&vsctl_ctx, c, idl, txn, ovs, symtab);
                (c->syntax->postprocess)(&vsctl_ctx.base);
                vsctl_context_done(&vsctl_ctx, c);
            }
        }
    }
    error = xstrdup(ovsdb_idl_txn_get_error(txn));

    switch (status) {
    case TXN_UNCOMMITTED:
    case TXN_INCOMPLETE:
        OVS_NOT_REACHED();

    case TXN_ABORTED:
        /* We never call ovsdb_idl_txn_abort() on a transaction that is
         * being committed. */
        ctl_fatal("transaction aborted");

    case TXN_UNCHANGED:
    case TXN_SUCCESS:
        break;

    case TXN_TRY_AGAIN:
        goto try_again;

    case TXN_ERROR:
        ctl_fatal("transaction error: %s", error);

    case TXN_NOT_LOCKED:
        /* We never ask for a lock. */
        ctl_fatal("database not locked");

    default:
        OVS_NOT_REACHED();
    }
    free(error);

    ovsdb_symbol_table_destroy(symtab);

    for (struct ctl_command *c = commands; c < &commands[n_commands]; c++) {
        print_command_output(c);
    }
    fflush(stdout);
    ctl_free_commands(commands, n_commands);

    if (wait_for_reload && status != TXN_UNCHANGED) {
        /* Even without --retry, keep (re)connecting: otherwise a dropped
         * connection would leave us waiting forever for cur_cfg. */
        ovsdb_idl_enable_reconnect(idl);
        for (;;) {
            ovsdb_idl_run(idl);
            OVSREC_OPEN_VSWITCH_FOR_EACH (ovs, idl) {
                if (ovs->cur_cfg >= next_cfg) {
                    post_db_reload_do_checks(idl, txn);
                    goto done;
                }
            }
            ovsdb_idl_wait(idl);
            poll_block();
        }
    done: ;
    }

    ovsdb_idl_txn_destroy(txn);
    the_idl_txn = NULL;
    /* The caller exits as soon as this returns true, so the replica is left
     * for the exit to reclaim: freeing it row by row and datum by datum
     * would take a sizeable part of a short run's time against a large
     * database.  'the_idl' keeps pointing to it, so it stays reachable. */
    free(neoteric_ifaces);
    neoteric_ifaces = NULL;

    return true;

try_again:
    /* The transaction must run again, on newer contents of the replica. */
    ovsdb_idl_txn_abort(txn);
    ovsdb_idl_txn_destroy(txn);
    the_idl_txn = NULL;

    ovsdb_symbol_table_destroy(symtab);
    reset_commands(commands, n_commands);
    free(error);
    return false;
}

/* Exits with 'status', cleaning up first. */
static void
vsctl_exit(int status)
{
    if (the_idl_txn) {
        ovsdb_idl_txn_abort(the_idl_txn);
        ovsdb_idl_txn_destroy(the_idl_txn);
        the_idl_txn = NULL;
    }
    ovsdb_idl_destroy(the_idl);
    the_idl = NULL;
    exit(status);
}

/* How records of each table may be named on the command line, in the
 * order of ovsrec_table_classes[]. */
static const struct ctl_table_class tables[OVSREC_N_TABLES] = {
    [OVSREC_TABLE_BRIDGE].row_ids[0] = {&ovsrec_bridge_col_name, NULL},

    [OVSREC_TABLE_CONTROLLER].row_ids[0]
    = {&ovsrec_bridge_col_name, &ovsrec_bridge_col_controller},

    [OVSREC_TABLE_INTERFACE].row_ids[0]
    = {&ovsrec_interface_col_name, NULL},

    [OVSREC_TABLE_MIRROR].row_ids[0] = {&ovsrec_mirror_col_name, NULL},

    [OVSREC_TABLE_MANAGER].row_ids[0] = {&ovsrec_manager_col_target, NULL},

    [OVSREC_TABLE_NETFLOW].row_ids[0]
    = {&ovsrec_bridge_col_name, &ovsrec_bridge_col_netflow},

    [OVSREC_TABLE_PORT].row_ids[0] = {&ovsrec_port_col_name, NULL},

    [OVSREC_TABLE_QOS].row_ids[0]
    = {&ovsrec_port_col_name, &ovsrec_port_col_qos},

    [OVSREC_TABLE_SFLOW].row_ids[0]
    = {&ovsrec_bridge_col_name, &ovsrec_bridge_col_sflow},

    [OVSREC_TABLE_FLOW_TABLE].row_ids[0]
    = {&ovsrec_flow_table_col_name, NULL},

    [OVSREC_TABLE_IPFIX].row_ids[0]
    = {&ovsrec_bridge_col_name, &ovsrec_bridge_col_ipfix},

    [OVSREC_TABLE_AUTOATTACH].row_ids[0]
    = {&ovsrec_bridge_col_name, &ovsrec_bridge_col_auto_attach},

    [OVSREC_TABLE_FLOW_SAMPLE_COLLECTOR_SET].row_ids[0]
    = {&ovsrec_flow_sample_collector_set_col_id, NULL},
};

/* What "show" prints. */
static const struct cmd_show_table cmd_show_tables[] = {
    {&ovsrec_table_open_vswitch,
     NULL,
     {&ovsrec_open_vswitch_col_manager_options,
      &ovsrec_open_vswitch_col_bridges,
      &ovsrec_open_vswitch_col_ovs_version,
      NULL}},

    {&ovsrec_table_bridge,
     &ovsrec_bridge_col_name,
     {&ovsrec_bridge_col_controller,
      &ovsrec_bridge_col_fail_mode,
      &ovsrec_bridge_col_datapath_type,
      &ovsrec_bridge_col_ports}},

    {&ovsrec_table_port,
     &ovsrec_port_col_name,
     {&ovsrec_port_col_tag,
      &ovsrec_port_col_trunks,
      &ovsrec_port_col_interfaces,
      NULL}},

    {&ovsrec_table_interface,
     &ovsrec_interface_col_name,
     {&ovsrec_interface_col_type,
      &ovsrec_interface_col_options,
      &ovsrec_interface_col_error,
      &ovsrec_interface_col_bfd_status}},

    {&ovsrec_table_controller,
     &ovsrec_controller_col_target,
     {&ovsrec_controller_col_is_connected,
      NULL, NULL, NULL}},

    {&ovsrec_table_manager,
     &ovsrec_manager_col_target,
     {&ovsrec_manager_col_is_connected,
      NULL, NULL, NULL}},

    {NULL, NULL, {NULL, NULL, NULL, NULL}},
};

static const struct ctl_command_syntax vsctl_commands[] = {
    /* Open vSwitch commands. */
    {"init", 0, 0, "", NULL, cmd_init, NULL, "", RW},

    /* Bridge commands. */
    {"add-br", 1, 3, "NEW-BRIDGE [PARENT] [NEW-VLAN]", pre_get_info,
     cmd_add_br, NULL, "--may-exist", RW},
    {"del-br", 1, 1, "BRIDGE", pre_get_info, cmd_del_br,
     NULL, "--if-exists", RW},
    {"list-br", 0, 0, "", pre_get_info, cmd_list_br, NULL,
     "--real,--fake", RO},
    {"br-exists", 1, 1, "BRIDGE", pre_get_info, cmd_br_exists, NULL, "", RO},
    {"br-to-vlan", 1, 1, "BRIDGE", pre_get_info, cmd_br_to_vlan, NULL, "",
     RO},
    {"br-to-parent", 1, 1, "BRIDGE", pre_get_info, cmd_br_to_parent, NULL,
     "", RO},
    {"br-set-external-id", 2, 3, "BRIDGE KEY [VALUE]",
     pre_cmd_br_set_external_id, cmd_br_set_external_id, NULL, "", RW},
    {"br-get-external-id", 1, 2, "BRIDGE [KEY]", pre_cmd_br_set_external_id,
     cmd_br_get_external_id, NULL, "", RO},

    /* Port commands. */
    {"list-ports", 1, 1, "BRIDGE", pre_get_info, cmd_list_ports, NULL, "",
     RO},
    {"add-port", 2, INT_MAX, "BRIDGE NEW-PORT [COLUMN[:KEY]=VALUE]...",
     pre_get_info, cmd_add_port, NULL, "--may-exist", RW},
    {"add-bond", 4, INT_MAX,
     "BRIDGE BOND IFACE... [COLUMN[:KEY]=VALUE]...", pre_get_info,
     cmd_add_bond, NULL, "--may-exist,--fake-iface", RW},
    {"add-bond-iface", 2, 2, "BOND IFACE", pre_get_info, cmd_add_bond_iface,
     NULL, "--may-exist", RW},
    {"del-bond-iface", 1, 2, "[BOND] IFACE", pre_get_info,
     cmd_del_bond_iface, NULL, "--if-exists", RW},
    {"del-port", 1, 2, "[BRIDGE] PORT|IFACE", pre_get_info, cmd_del_port,
     NULL, "--if-exists,--with-iface", RW},
    {"port-to-br", 1, 1, "PORT", pre_get_info, cmd_port_to_br, NULL, "",
     RO},

    /* Interface commands. */
    {"list-ifaces", 1, 1, "BRIDGE", pre_get_info, cmd_list_ifaces, NULL,
     "", RO},
    {"iface-to-br", 1, 1, "IFACE", pre_get_info, cmd_iface_to_br, NULL,
     "", RO},

    /* Controller commands. */
    {"get-controller", 1, 1, "BRIDGE", pre_controller, cmd_get_controller,
     NULL, "", RO},
    {"del-controller", 1, 1, "BRIDGE", pre_controller, cmd_del_controller,
     NULL, "", RW},
    {"set-controller", 1, INT_MAX, "BRIDGE TARGET...", pre_controller,
     cmd_set_controller, NULL, "--inactivity-probe=", RW},
    {"get-fail-mode", 1, 1, "BRIDGE", pre_get_info, cmd_get_fail_mode, NULL,
     "", RO},
    {"del-fail-mode", 1, 1, "BRIDGE", pre_get_info, cmd_del_fail_mode, NULL,
     "", RW},
    {"set-fail-mode", 2, 2, "BRIDGE MODE", pre_get_info, cmd_set_fail_mode,
     NULL, "", RW},

    /* Manager commands. */
    {"get-manager", 0, 0, "", pre_manager, cmd_get_manager, NULL, "", RO},
    {"del-manager", 0, 0, "", pre_manager, cmd_del_manager, NULL, "", RW},
    {"set-manager", 1, INT_MAX, "TARGET...", pre_manager, cmd_set_manager,
     NULL, "--inactivity-probe=", RW},

    /* SSL commands. */
    {"get-ssl", 0, 0, "", pre_cmd_get_ssl, cmd_get_ssl, NULL, "", RO},
    {"del-ssl", 0, 0, "", pre_cmd_ssl, cmd_del_ssl, NULL, "", RW},
    {"set-ssl", 3, 3, "PRIVATE-KEY CERTIFICATE CA-CERT", pre_cmd_ssl,
     cmd_set_ssl, NULL, "--bootstrap", RW},

    /* Auto Attach commands. */
    {"add-aa-mapping", 3, 3, "BRIDGE ARG ARG", pre_aa_mapping,
     cmd_add_aa_mapping, NULL, "", RW},
    {"del-aa-mapping", 3, 3, "BRIDGE ARG ARG", pre_aa_mapping,
     cmd_del_aa_mapping, NULL, "", RW},
    {"get-aa-mapping", 1, 1, "BRIDGE", pre_aa_mapping, cmd_get_aa_mapping,
     NULL, "", RO},

    /* Connection tracking zone timeout policy commands. */
    {"add-zone-tp", 3, 18, "", pre_get_zone, cmd_add_zone_tp, NULL,
     "--may-exist", RW},
    {"del-zone-tp", 2, 2, "", pre_get_zone, cmd_del_zone_tp, NULL,
     "--if-exists", RW},
    {"list-zone-tp", 1, 1, "", pre_get_zone, cmd_list_zone_tp, NULL, "", RO},

    /* Datapath capabilities. */
    {"list-dp-cap", 1, 1, "", pre_get_dp_cap, cmd_list_dp_cap, NULL, "",
     RO},

    /* Switch commands. */
    {"emer-reset", 0, 0, "", pre_cmd_emer_reset, cmd_emer_reset, NULL, "",
     RW},

    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, RO},
};

static void
vsctl_cmd_init(void)
{
    ctl_init(&ovsrec_idl_class, tables, cmd_show_tables, vsctl_exit);
    ctl_register_commands(vsctl_commands);
}
