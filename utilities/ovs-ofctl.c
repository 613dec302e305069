/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-ofctl: OpenFlow switch management utility.  This file holds main()
 * and the options; the commands live in the per-area tables declared in
 * utilities/ovs-ofctl.h. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command-line.h"
#include "daemon.h"
#include "fatal-signal.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-bundle.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-ofctl.h"
#include "stream-ssl.h"
#include "timeval.h"
#include "openvswitch/vconn.h"

VLOG_DEFINE_THIS_MODULE(ofctl);

/* Without -O, ovs-ofctl speaks OpenFlow 1.0 only, as upstream's does
 * (whatever its --help says). */
#define OFCTL_DEFAULT_VERSIONS (1u << OFP10_VERSION)

struct ofctl_options ofctl_options = {
    .allowed_versions = OFCTL_DEFAULT_VERSIONS,
    .use_names = -1,
};

static void usage(void) OVS_NO_RETURN;
static void parse_options(int argc, char *argv[]);
static void ofctl_help(struct ovs_cmdl_context *);
static void ofctl_list_commands(struct ovs_cmdl_context *);

/* "help" and "list-commands", which need every table. */
static const struct ovs_cmdl_command ofctl_main_commands[] = {
    { "help", NULL, 0, INT_MAX, ofctl_help, OVS_RO },
    { "list-commands", NULL, 0, INT_MAX, ofctl_list_commands, OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};

/* Every command table, in lookup order.  Each area's table is added here
 * when its file exists. */
static const struct ovs_cmdl_command *const ofctl_tables[] = {
    ofctl_print_commands,
    ofctl_match_commands,
    ofctl_actions_commands,
    ofctl_switch_commands,
    ofctl_group_commands,
    ofctl_flows_commands,
    ofctl_monitor_commands,
    ofctl_main_commands,
};

/* Prints to stderr, as upstream's ovs-ofctl does, the error message 'oh'
 * that the switch sent about a bundle: "Error NAME for: " and the message
 * it refers to (for an added message, the inner message). */
static void
bundle_error_reporter(const struct ofp_header *oh)
{
    struct ofputil_bundle_add_msg badd;
    const struct ofp_header *about;
    struct ofpbuf payload;
    enum ofperr error;
    enum ofptype type;
    size_t size;

    error = ofperr_decode_msg(oh, &payload);
    if (!error) {
        ofp_print(stderr, oh, ntohs(oh->length), NULL, NULL,
                  ofctl_options.verbosity + 1);
        return;
    }
    about = payload.data;
    size = payload.size;
    if (size >= sizeof *about && ntohs(about->length) <= size
        && !ofptype_decode(&type, about)
        && type == OFPTYPE_BUNDLE_ADD_MESSAGE
        && !ofputil_decode_bundle_add(about, &badd)) {
        about = badd.msg;
        size = ntohs(badd.msg->length);
    }
    fprintf(stderr, "Error %s for: ", ofperr_get_name(error));

    /* A copy, aligned as the decoders need. */
    struct ofpbuf *copy = ofpbuf_clone_data(about, size);
    ofp_print(stderr, copy->data, copy->size, NULL, NULL,
              ofctl_options.verbosity + 1);
    ofpbuf_delete(copy);
}

void
ofctl_bundle_transact(struct vconn *vconn, struct ovs_list *requests)
{
    int error = vconn_bundle_transact(vconn, requests,
                                      OFPBF_ORDERED | OFPBF_ATOMIC,
                                      bundle_error_reporter);
    if (error) {
        ovs_fatal(error, "talking to %s", vconn_get_name(vconn));
    }
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    parse_options(argc, argv);

    argc -= optind;
    argv += optind;
    if (argc < 1) {
        ovs_fatal(0, "missing command name; use --help for help");
    }

    for (size_t i = 0; i < ARRAY_SIZE(ofctl_tables); i++) {
        for (const struct ovs_cmdl_command *p = ofctl_tables[i]; p->name;
             p++) {
            if (strcmp(p->name, argv[0])) {
                continue;
            }

            int n_arg = argc - 1;
            if (n_arg < p->min_args) {
                ovs_fatal(0, "'%s' command requires at least %d arguments",
                          p->name, p->min_args);
            } else if (n_arg > p->max_args) {
                ovs_fatal(0, "'%s' command takes at most %d arguments",
                          p->name, p->max_args);
            }
            if (p->mode == OVS_RW && ofctl_options.read_only) {
                ovs_fatal(0, "'%s' command does not work in read only mode",
                          p->name);
            }

            struct ovs_cmdl_context ctx = {
                .argc = argc,
                .argv = argv,
            };
            p->handler(&ctx);
            return 0;
        }
    }
    ovs_fatal(0, "unknown command '%s'; use --help for help", argv[0]);
}

/* Parses the -O/--protocols argument 'arg'. */
static void
parse_protocols(const char *arg)
{
    uint32_t versions = ofputil_versions_from_string(arg);

    if (versions & ~OFPUTIL_SUPPORTED_VERSIONS) {
        ovs_fatal(0, "ofp-version %s is not supported", arg);
    }
    /* An empty list leaves the default. */
    ofctl_options.allowed_versions = (versions ? versions
                                      : OFCTL_DEFAULT_VERSIONS);
}

/* Checks that some allowed OpenFlow version supports some allowed flow
 * format (-O and -F), and drops the versions that support none. */
static void
check_versions_and_formats(void)
{
    uint32_t versions = ofctl_options.allowed_versions;
    enum ofputil_protocol version_protocols
        = ofputil_protocols_from_version_bitmap(versions);
    enum ofputil_protocol allowed = (ofctl_options.preferred_flow_format
                                     ? ofctl_options.preferred_flow_format
                                     : OFPUTIL_P_ANY);

    if (!(allowed & version_protocols)) {
        struct ds version_s = DS_EMPTY_INITIALIZER;
        char *protocols = ofputil_protocols_to_string(allowed);

        ofputil_format_version_bitmap_names(&version_s, versions);
        ovs_fatal(0, "None of the enabled OpenFlow versions (%s) supports "
                  "any of the enabled flow formats (%s).  (Use -O to enable "
                  "additional OpenFlow versions or -F to enable additional "
                  "flow formats.)", ds_cstr(&version_s), protocols);
    }
    allowed &= version_protocols;
    ofctl_options.allowed_versions
        &= ofputil_protocols_to_version_bitmap(allowed);
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_STRICT = UCHAR_MAX + 1,
        OPT_READD,
        OPT_TIMESTAMP,
        OPT_SORT,
        OPT_RSORT,
        OPT_UNIXCTL,
        OPT_BUNDLE,
        OPT_COLOR,
        OPT_MAY_CREATE,
        OPT_READ_ONLY,
        OPT_NAMES,
        OPT_NO_NAMES,
        OPT_NO_STATS,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS,
        STREAM_SSL_OPTION_ENUMS,
    };
    static const struct option long_options[] = {
        {"timeout", required_argument, NULL, 't'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"readd", no_argument, NULL, OPT_READD},
        {"flow-format", required_argument, NULL, 'F'},
        {"packet-in-format", required_argument, NULL, 'P'},
        {"more", no_argument, NULL, 'm'},
        {"timestamp", no_argument, NULL, OPT_TIMESTAMP},
        {"sort", optional_argument, NULL, OPT_SORT},
        {"rsort", optional_argument, NULL, OPT_RSORT},
        {"names", no_argument, NULL, OPT_NAMES},
        {"no-names", no_argument, NULL, OPT_NO_NAMES},
        {"no-stats", no_argument, NULL, OPT_NO_STATS},
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"help", no_argument, NULL, 'h'},
        {"option", no_argument, NULL, 'o'},
        {"version", no_argument, NULL, 'V'},
        {"protocols", required_argument, NULL, 'O'},
        {"bundle", no_argument, NULL, OPT_BUNDLE},
        {"color", optional_argument, NULL, OPT_COLOR},
        {"may-create", no_argument, NULL, OPT_MAY_CREATE},
        {"read-only", no_argument, NULL, OPT_READ_ONLY},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = ovs_cmdl_long_options_to_short_options(
        long_options);

    for (;;) {
        int timeout;
        int c;

        c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 't':
            if (!str_to_int(optarg, 10, &timeout) || timeout < 0) {
                ovs_fatal(0, "value %s on -t or --timeout is invalid",
                          optarg);
            }
            ofctl_options.timeout = timeout;
            if (timeout) {
                time_alarm(timeout);
            }
            break;

        case 'F':
            ofctl_options.preferred_flow_format
                = ofputil_protocols_from_string(optarg);
            if (!ofctl_options.preferred_flow_format) {
                ovs_fatal(0, "%s: unknown flow protocol", optarg);
            }
            break;

        case 'P':
            if (ofputil_packet_in_format_from_string(optarg) < 0) {
                ovs_fatal(0, "unknown packet-in format `%s'", optarg);
            }
            ofctl_options.preferred_packet_in_format = optarg;
            break;

        case 'O':
            parse_protocols(optarg);
            break;

        case 'V':
            ovs_print_version(OFP10_VERSION, OFP15_VERSION);
            exit(EXIT_SUCCESS);

        case 'm':
            ofctl_options.verbosity++;
            break;

        case 'h':
            usage();

        case 'o':
            ovs_cmdl_print_options(long_options);
            exit(EXIT_SUCCESS);

        case OPT_BUNDLE:
            ofctl_options.bundle = true;
            break;

        case OPT_NO_STATS:
            ofctl_options.no_stats = true;
            break;

        case OPT_UNIXCTL:
            ofctl_options.unixctl_path = optarg;
            break;

        case OPT_COLOR:
        case OPT_MAY_CREATE:
            /* Accepted for compatibility; the commands that use them read
             * them from their own arguments when they exist. */
            break;

        case OPT_STRICT:
            ofctl_options.strict = true;
            break;

        case OPT_READ_ONLY:
            ofctl_options.read_only = true;
            break;

        case OPT_READD:
            ofctl_options.readd = true;
            break;

        case OPT_TIMESTAMP:
            ofctl_options.timestamp = true;
            break;

        case OPT_SORT:
        case OPT_RSORT:
            ofctl_options.sort_field = optarg ? optarg : "";
            ofctl_options.sort_descending = c == OPT_RSORT;
            break;

        case OPT_NAMES:
            ofctl_options.use_names = 1;
            break;

        case OPT_NO_NAMES:
            ofctl_options.use_names = 0;
            break;

        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS
        STREAM_SSL_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);
    if (optind < argc && !strcmp(argv[optind], "bundle")) {
        /* The "bundle" command always sends a bundle. */
        ofctl_options.bundle = true;
    }
    if (ofctl_options.bundle
        && !(ofctl_options.allowed_versions
             & ~((1u << OFP13_VERSION) - 1))) {
        /* Bundles need OpenFlow 1.4 (or 1.3 with the ONF extension): as
         * upstream's, --bundle without either allows only 1.4. */
        ofctl_options.allowed_versions = 1u << OFP14_VERSION;
    }
    check_versions_and_formats();
}

static void
usage(void)
{
    printf("%s: OpenFlow switch management utility\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "\nFor OpenFlow switches:\n"
           "  show SWITCH                 show OpenFlow information\n"
           "  dump-desc SWITCH            print switch description\n"
           "  dump-tables SWITCH          print table stats\n"
           "  dump-table-features SWITCH  print table features\n"
           "  dump-table-desc SWITCH      print table description (OF1.4+)\n"
           "  mod-port SWITCH IFACE ACT   modify port behavior\n"
           "  mod-table SWITCH MOD        modify flow table behavior\n"
           "      OF1.1/1.2 MOD: controller, continue, drop\n"
           "      OF1.4+ MOD: evict, noevict, vacancy:low,high, novacancy\n"
           "  get-frags SWITCH            print fragment handling behavior\n"
           "  set-frags SWITCH FRAG_MODE  set fragment handling behavior\n"
           "      FRAG_MODE: normal, drop, reassemble, nx-match\n"
           "  dump-ports SWITCH [PORT]    print port statistics\n"
           "  dump-ports-desc SWITCH [PORT]  print port descriptions\n"
           "  dump-flows SWITCH           print all flow entries\n"
           "  dump-flows SWITCH FLOW      print matching FLOWs\n"
           "  dump-aggregate SWITCH       print aggregate flow statistics\n"
           "  dump-aggregate SWITCH FLOW  print aggregate stats for FLOWs\n"
           "  queue-stats SWITCH [PORT [QUEUE]]  dump queue stats\n"
           "  add-flow SWITCH FLOW        add flow described by FLOW\n"
           "  add-flows SWITCH FILE       add flows from FILE\n"
           "  mod-flows SWITCH FLOW       modify actions of matching FLOWs\n"
           "  del-flows SWITCH [FLOW]     delete matching FLOWs\n"
           "  replace-flows SWITCH FILE   replace flows with those in FILE\n"
           "  diff-flows SOURCE1 SOURCE2  compare flows from two sources\n"
           "  packet-out SWITCH IN_PORT ACTIONS PACKET...\n"
           "                              execute ACTIONS on PACKET\n"
           "  monitor SWITCH [MISSLEN] [invalid_ttl] [watch:[...]]\n"
           "                              print packets received from "
           "SWITCH\n"
           "  snoop SWITCH                snoop on SWITCH and its "
           "controller\n"
           "  add-group SWITCH GROUP      add group described by GROUP\n"
           "  add-groups SWITCH FILE      add group from FILE\n"
           "  [--may-create] mod-group SWITCH GROUP   modify specific "
           "group\n"
           "  del-groups SWITCH [GROUP]   delete matching GROUPs\n"
           "  insert-buckets SWITCH [GROUP] add buckets to GROUP\n"
           "  remove-buckets SWITCH [GROUP] remove buckets from GROUP\n"
           "  dump-group-features SWITCH  print group features\n"
           "  dump-groups SWITCH [GROUP]  print group description\n"
           "  dump-group-stats SWITCH [GROUP]  print group statistics\n"
           "  queue-get-config SWITCH [PORT]  print queue config for PORT\n"
           "  add-meter SWITCH METER      add meter described by METER\n"
           "  mod-meter SWITCH METER      modify specific METER\n"
           "  del-meters SWITCH [METER]   delete meters matching METER\n"
           "  dump-meters SWITCH [METER]  print METER configuration\n"
           "  meter-stats SWITCH [METER]  print meter statistics\n"
           "  meter-features SWITCH       print meter features\n"
           "  add-tlv-map SWITCH MAP      add TLV option MAPpings\n"
           "  del-tlv-map SWITCH [MAP] delete TLV option MAPpings\n"
           "  dump-tlv-map SWITCH      print TLV option mappings\n"
           "  dump-ipfix-bridge SWITCH    print ipfix stats of bridge\n"
           "  dump-ipfix-flow SWITCH      print flow ipfix of a bridge\n"
           "  ct-flush-zone SWITCH ZONE   flush conntrack entries in ZONE\n"
           "  ct-flush SWITCH [ZONE] [CT_ORIG_TUPLE [CT_REPLY_TUPLE]]\n"
           "                              flush conntrack entries "
           "specified\n"
           "                              by CT_ORIG/REPLY_TUPLE and ZONE\n"
           "\nFor OpenFlow switches and controllers:\n"
           "  probe TARGET                probe whether TARGET is up\n"
           "  ping TARGET [N]             latency of N-byte echos\n"
           "  benchmark TARGET N COUNT    bandwidth of COUNT N-byte echos\n"
           "SWITCH or TARGET is an active OpenFlow connection method.\n"
           "\nOther commands:\n"
           "  ofp-parse FILE              print messages read from FILE\n"
           "  ofp-parse-pcap PCAP         print OpenFlow read from PCAP\n",
           program_name, program_name);
    printf("\nActive OpenFlow connection methods:\n"
           "  tcp:HOST[:PORT]         PORT (default: 6653) at remote HOST\n"
           "  ssl:HOST[:PORT]         SSL PORT (default: 6653) at remote "
           "HOST\n"
           "  unix:FILE               Unix domain socket named FILE\n"
           "PKI configuration (required to use SSL):\n"
           "  -p, --private-key=FILE  file with private key\n"
           "  -c, --certificate=FILE  file with certificate for private "
           "key\n"
           "  -C, --ca-cert=FILE      file with peer CA certificate\n");
    daemon_usage();
    printf("\nOpenFlow version options:\n"
           "  -V, --version           display version information\n"
           "  -O, --protocols         set allowed OpenFlow versions\n"
           "                          (default: OpenFlow10, OpenFlow11, "
           "OpenFlow12, OpenFlow13, OpenFlow14, OpenFlow15)\n");
    vlog_usage();
    printf("\nOther options:\n"
           "  --strict                    use strict match for flow "
           "commands\n"
           "  --read-only                 do not execute read/write "
           "commands\n"
           "  --readd                     replace flows that haven't "
           "changed\n"
           "  -F, --flow-format=FORMAT    force particular flow format\n"
           "  -P, --packet-in-format=FRMT force particular packet in "
           "format\n"
           "  -m, --more                  be more verbose printing "
           "OpenFlow\n"
           "  --timestamp                 (monitor, snoop) print "
           "timestamps\n"
           "  -t, --timeout=SECS          give up after SECS seconds\n"
           "  --sort[=field]              sort in ascending order\n"
           "  --rsort[=field]             sort in descending order\n"
           "  --names                     show port names instead of "
           "numbers\n"
           "  --no-names                  show port numbers, but not "
           "names\n"
           "  --unixctl=SOCKET            set control socket name\n"
           "  --color[=always|never|auto] control use of color in output\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
    exit(EXIT_SUCCESS);
}

/* "help": prints the usage text. */
static void
ofctl_help(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    usage();
}

/* The order in which upstream's "list-commands" lists its commands. */
static const char *const ofctl_command_order[] = {
    "show", "monitor", "snoop", "dump-desc", "dump-tables",
    "dump-table-features", "dump-table-desc", "dump-flows", "dump-aggregate",
    "queue-stats", "queue-get-config", "add-flow", "add-flows", "mod-flows",
    "del-flows", "replace-flows", "diff-flows", "add-meter", "mod-meter",
    "del-meter", "del-meters", "dump-meter", "dump-meters", "meter-stats",
    "meter-features", "packet-out", "dump-ports", "dump-ports-desc",
    "mod-port", "mod-table", "get-frags", "set-frags", "probe", "ping",
    "benchmark", "dump-ipfix-bridge", "dump-ipfix-flow", "ct-flush-zone",
    "ct-flush", "ofp-parse", "ofp-parse-pcap", "add-group", "add-groups",
    "mod-group", "del-groups", "insert-buckets", "remove-buckets",
    "dump-groups", "dump-group-stats", "dump-group-features", "bundle",
    "add-tlv-map", "del-tlv-map", "dump-tlv-map", "help", "list-commands",
    "parse-flow", "parse-flows", "parse-group", "parse-nx-match", "parse-nxm",
    "parse-oxm", "parse-actions", "parse-instructions", "parse-ofp10-match",
    "parse-ofp11-match", "parse-pcap", "check-vlan", "print-error",
    "encode-error-reply", "ofp-print", "encode-hello", "parse-key-value",
    "compose-packet", "parse-packet",
};

/* Returns the command named 'name', or NULL. */
static const struct ovs_cmdl_command *
ofctl_find_command(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(ofctl_tables); i++) {
        for (const struct ovs_cmdl_command *p = ofctl_tables[i]; p->name;
             p++) {
            if (!strcmp(p->name, name)) {
                return p;
            }
        }
    }
    return NULL;
}

/* Prints command 'p' as "list-commands" does. */
static void
ofctl_print_command(const struct ovs_cmdl_command *p)
{
    printf("  %-23s %s\n", p->name, p->usage ? p->usage : "");
}

/* "list-commands": prints every command with its arguments, in upstream's
 * order, then the commands that upstream's list does not have. */
static void
ofctl_list_commands(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    printf("The available commands are:\n");
    for (size_t i = 0; i < ARRAY_SIZE(ofctl_command_order); i++) {
        const struct ovs_cmdl_command *p
            = ofctl_find_command(ofctl_command_order[i]);

        if (p) {
            ofctl_print_command(p);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(ofctl_tables); i++) {
        for (const struct ovs_cmdl_command *p = ofctl_tables[i]; p->name;
             p++) {
            bool listed = false;

            for (size_t j = 0; j < ARRAY_SIZE(ofctl_command_order); j++) {
                if (!strcmp(p->name, ofctl_command_order[j])) {
                    listed = true;
                    break;
                }
            }
            if (!listed) {
                ofctl_print_command(p);
            }
        }
    }
}
