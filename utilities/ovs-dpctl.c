/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-dpctl: manages datapaths (the kernel module's, by default) directly,
 * without ovs-vswitchd.  The commands themselves live in lib/dpctl.c,
 * which ovs-vswitchd shares as its "dpctl/..." unixctl commands. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command-line.h"
#include "dpctl.h"
#include "fatal-signal.h"
#include "netdev-provider.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "timeval.h"

static void usage(void *aux);
static void parse_options(int argc, char *argv[], struct dpctl_params *);

/* Writes normal output to stdout and errors to stderr. */
static void
dpctl_print(void *aux OVS_UNUSED, bool error, const char *text)
{
    FILE *stream = error ? stderr : stdout;

    fputs(text, stream);
    fflush(stream);
}

int
main(int argc, char *argv[])
{
    struct dpctl_params params = {
        .output = dpctl_print,
        .usage = usage,
    };
    int error;

    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    netdev_linux_register();
    parse_options(argc, argv, &params);

    error = dpctl_run_command(argc - optind, (const char **) argv + optind,
                              &params);
    return error ? EXIT_FAILURE : EXIT_SUCCESS;
}

static void
parse_options(int argc, char *argv[], struct dpctl_params *p)
{
    enum {
        OPT_CLEAR = UCHAR_MAX + 1,
        OPT_MAY_CREATE,
        OPT_READ_ONLY,
        OPT_NAMES,
        OPT_NO_NAMES,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"statistics", no_argument, NULL, 's'},
        {"clear", no_argument, NULL, OPT_CLEAR},
        {"may-create", no_argument, NULL, OPT_MAY_CREATE},
        {"read-only", no_argument, NULL, OPT_READ_ONLY},
        {"more", no_argument, NULL, 'm'},
        {"names", no_argument, NULL, OPT_NAMES},
        {"no-names", no_argument, NULL, OPT_NO_NAMES},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {"option", no_argument, NULL, 'o'},
        {"version", no_argument, NULL, 'V'},
        VLOG_LONG_OPTIONS,
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
        case 's':
            p->print_statistics = true;
            break;

        case OPT_CLEAR:
            p->zero_statistics = true;
            break;

        case OPT_MAY_CREATE:
            p->may_create = true;
            break;

        case OPT_READ_ONLY:
            p->read_only = true;
            break;

        case 'm':
            p->verbosity++;
            break;

        case OPT_NAMES:
            p->names = true;
            p->names_set = true;
            break;

        case OPT_NO_NAMES:
            p->names = false;
            p->names_set = true;
            break;

        case 't':
            if (!str_to_int(optarg, 10, &timeout) || timeout <= 0) {
                ovs_fatal(0, "value %s on -t or --timeout is invalid",
                          optarg);
            }
            time_alarm(timeout);
            break;

        case 'h':
            usage(NULL);
            exit(EXIT_SUCCESS);

        case 'o':
            ovs_cmdl_print_options(long_options);
            exit(EXIT_SUCCESS);

        case 'V':
            ovs_print_version(0, 0);
            exit(EXIT_SUCCESS);

        VLOG_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);
}

static void
usage(void *aux OVS_UNUSED)
{
    printf("%s: Open vSwitch datapath management utility\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "  add-dp DP [IFACE...]     add new datapath DP (with IFACEs)\n"
           "  del-dp DP                delete local datapath DP\n"
           "  add-if DP IFACE...       add each IFACE as a port on DP\n"
           "  set-if DP IFACE...       reconfigure each IFACE within DP\n"
           "  del-if DP IFACE...       delete each IFACE from DP\n"
           "  dump-dps                 display names of all datapaths\n"
           "  show                     show basic info on all datapaths\n"
           "  show DP...               show basic info on each DP\n"
           "  dump-flows [DP]          display flows in DP\n"
           "  add-flow [DP] FLOW ACTIONS add FLOW with ACTIONS to DP\n"
           "  add-flows [DP] FILE        add flows from FILE\n"
           "  mod-flow [DP] FLOW ACTIONS change FLOW actions to ACTIONS in "
           "DP\n"
           "  mod-flows [DP] FILE        change flows from FILE\n"
           "  get-flow [DP] ufid:UFID    fetch flow corresponding to UFID\n"
           "  del-flow [DP] FLOW         delete FLOW from DP\n"
           "  del-flows [DP] [FILE]      delete all or specified flows from "
           "DP\n"
           "Each IFACE on add-dp, add-if, and set-if may be followed by\n"
           "comma-separated options.  See ovs-dpctl(8) for syntax, or the\n"
           "Interface table in ovs-vswitchd.conf.db(5) for an options "
           "list.\n"
           "For COMMAND dump-flows, add-flow, add-flows, mod-flow,\n"
           "mod-flows, del-flow and del-flows, DP is optional if there is\n"
           "only one datapath.\n",
           program_name, program_name);
    vlog_usage();
    printf("\nOptions for show and mod-flow:\n"
           "  -s,  --statistics           print statistics for port or "
           "flow\n"
           "\nOptions for dump-flows:\n"
           "  -m, --more                  increase verbosity of output\n"
           "  --names                     use port names in output\n"
           "\nOptions for mod-flow:\n"
           "  --may-create                create flow if it doesn't exist\n"
           "  --read-only                 do not run read/write commands\n"
           "  --clear                     reset existing stats to zero\n"
           "\nOther options:\n"
           "  -t, --timeout=SECS          give up after SECS seconds\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
}
