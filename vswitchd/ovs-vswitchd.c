/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-vswitchd: the switch daemon.  It reads its configuration from
 * ovsdb-server (see bridge.c) and runs the switches it describes. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "bridge.h"
#include "command-line.h"
#include "coverage.h"
#include "daemon.h"
#include "dirs.h"
#include "dpif.h"
#include "fatal-signal.h"
#include "memory.h"
#include "netdev.h"
#include "netdev-provider.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "poll-loop.h"
#include "simap.h"
#include "stream.h"
#include "stream-ssl.h"
#include "timeval.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(vswitchd);

/* What the "exit" unixctl command asked for. */
struct exit_request {
    bool exiting;               /* True once "exit" was received. */
    bool cleanup;               /* True for "exit --cleanup". */
};

/* --mlockall: lock all of the process's memory. */
static bool want_mlockall;

static unixctl_cb_func ovs_vswitchd_exit;

static char *parse_options(int argc, char *argv[], char **unixctl_path);
OVS_NO_RETURN static void usage(void);

int
main(int argc, char *argv[])
{
    struct exit_request req = { .exiting = false, .cleanup = false };
    struct unixctl_server *unixctl;
    char *unixctl_path = NULL;
    char *remote;
    int retval;

    ovs_cmdl_proctitle_init(argc, argv);
    set_program_name(argv[0]);
    service_start(&argc, &argv);
    remote = parse_options(argc, argv, &unixctl_path);
    fatal_ignore_sigpipe();
    fatal_signal_init();

    daemonize_start(true, false);

    if (want_mlockall) {
        if (mlockall(MCL_CURRENT | MCL_FUTURE)) {
            VLOG_ERR("mlockall failed: %s", ovs_strerror(errno));
        }
    }

    retval = unixctl_server_create(unixctl_path, &unixctl);
    if (retval) {
        exit(EXIT_FAILURE);
    }
    unixctl_command_register("exit", "[--cleanup]", 0, 1,
                             ovs_vswitchd_exit, &req);

    /* The bridge completes daemonization (daemonize_complete()) once it has
     * read and applied the database's configuration for the first time, so
     * that "ovs-vswitchd --detach && ovs-vsctl ..." finds it ready. */
    bridge_init(remote);
    free(remote);

    while (!req.exiting) {
        memory_run();
        if (memory_should_report()) {
            struct simap usage = SIMAP_INITIALIZER(&usage);

            bridge_get_memory_usage(&usage);
            memory_report(&usage);
            simap_destroy(&usage);
        }
        bridge_run();
        unixctl_server_run(unixctl);
        netdev_run();

        memory_wait();
        bridge_wait();
        unixctl_server_wait(unixctl);
        netdev_wait();
        if (req.exiting) {
            poll_immediate_wake();
        }
        poll_block();
        if (should_service_stop()) {
            req.exiting = true;
        }
    }
    bridge_exit(req.cleanup);
    unixctl_server_destroy(unixctl);
    free(unixctl_path);
    service_stop();
    return 0;
}

/* Enables the dummy network devices, the dummy datapath and the time/stop
 * and time/warp commands, for testing.  'arg' is the --enable-dummy
 * argument: NULL or "" to add "dummy" beside the real types, "override" to
 * also replace "system", "internal" and "tap" network devices with
 * dummies. */
static void
enable_dummy(const char *arg)
{
    bool override = arg && !strcmp(arg, "override");

    if (arg && *arg && !override && strcmp(arg, "system")) {
        ovs_fatal(0, "--enable-dummy: unknown argument \"%s\" "
                  "(expected \"override\" or nothing)", arg);
    }
    /* dpif.c always provides the "dummy" datapath type. */
    netdev_dummy_register(override);
    timeval_dummy_register();
}

/* Parses the command line.  Returns the database remote to connect to
 * (the caller frees it) and stores the --unixctl argument, if any, in
 * '*unixctl_pathp'. */
static char *
parse_options(int argc, char *argv[], char **unixctl_pathp)
{
    enum {
        OPT_PEER_CA_CERT = UCHAR_MAX + 1,
        OPT_MLOCKALL,
        OPT_UNIXCTL,
        VLOG_OPTION_ENUMS,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_ENABLE_DUMMY,
        OPT_DISABLE_SYSTEM,
        OPT_DISABLE_SYSTEM_ROUTE,
        DAEMON_OPTION_ENUMS,
        OPT_DPDK,
        OPT_DUMMY_NUMA,
        STREAM_SSL_OPTION_ENUMS,
    };
    static const struct option long_options[] = {
        {"help",        no_argument, NULL, 'h'},
        {"version",     no_argument, NULL, 'V'},
        {"mlockall",    no_argument, NULL, OPT_MLOCKALL},
        {"unixctl",     required_argument, NULL, OPT_UNIXCTL},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {"bootstrap-ca-cert", required_argument, NULL, OPT_BOOTSTRAP_CA_CERT},
        {"enable-dummy", optional_argument, NULL, OPT_ENABLE_DUMMY},
        {"disable-system", no_argument, NULL, OPT_DISABLE_SYSTEM},
        {"disable-system-route", no_argument, NULL,
         OPT_DISABLE_SYSTEM_ROUTE},
        {"dpdk", optional_argument, NULL, OPT_DPDK},
        {"dummy-numa", required_argument, NULL, OPT_DUMMY_NUMA},
        {NULL, 0, NULL, 0},
    };
    char *short_options = ovs_cmdl_long_options_to_short_options(long_options);
    bool disable_system = false;
    bool want_dummy = false;
    char *dummy_arg = NULL;

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 'h':
            usage();

        case 'V':
            ovs_print_version(0, 0);
            exit(EXIT_SUCCESS);

        case OPT_MLOCKALL:
            want_mlockall = true;
            break;

        case OPT_UNIXCTL:
            free(*unixctl_pathp);
            *unixctl_pathp = xstrdup(optarg);
            break;

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS
        STREAM_SSL_OPTION_HANDLERS

        case OPT_PEER_CA_CERT:
            stream_ssl_set_peer_ca_cert_file(optarg);
            break;

        case OPT_BOOTSTRAP_CA_CERT:
            stream_ssl_set_ca_cert_file(optarg, true);
            break;

        case OPT_ENABLE_DUMMY:
            want_dummy = true;
            free(dummy_arg);
            dummy_arg = nullable_xstrdup(optarg);
            break;

        case OPT_DISABLE_SYSTEM:
            /* As upstream: only the "system" datapath (the kernel module)
             * goes away; "system", "internal" and "tap" network devices
             * stay available to the userspace datapath. */
            disable_system = true;
            break;

        case OPT_DISABLE_SYSTEM_ROUTE:
            /* We do not mirror the kernel's routing table yet, so there is
             * nothing to disable. */
            break;

        case OPT_DPDK:
            ovs_fatal(0, "Using --dpdk to configure DPDK is not supported.");

        case OPT_DUMMY_NUMA:
            /* Only meaningful to upstream's DPDK-aware NUMA emulation. */
            break;

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);

    /* The real network devices first, so that "--enable-dummy=override"
     * can replace them. */
    netdev_linux_register();
    if (want_dummy) {
        enable_dummy(dummy_arg);
        free(dummy_arg);
    }
    if (disable_system) {
        dp_disallow_provider("system");
    }

    argc -= optind;
    argv += optind;

    switch (argc) {
    case 0:
        return xasprintf("unix:%s/db.sock", ovs_rundir());

    case 1:
        return xstrdup(argv[0]);

    default:
        VLOG_FATAL("at most one non-option argument accepted; "
                   "use --help for usage");
    }
}

/* Prints the usage message and exits successfully. */
static void
usage(void)
{
    printf("%s: Open vSwitch daemon (Weft)\n"
           "usage: %s [OPTIONS] [DATABASE]\n"
           "where DATABASE is a socket on which ovsdb-server is listening\n"
           "      (default: \"unix:%s/db.sock\").\n",
           program_name, program_name, ovs_rundir());
    stream_usage("DATABASE", true, false, true);
    daemon_usage();
    vlog_usage();
    printf("\nTesting options:\n"
           "  --enable-dummy[=override]\n"
           "                          enable the dummy network devices and "
           "datapath\n"
           "                          (with \"override\", dummies replace "
           "the system ones)\n"
           "  --disable-system        disable the system (kernel) "
           "datapath\n");
    printf("\nOther options:\n"
           "  --unixctl=SOCKET          override default control socket "
           "name\n"
           "  --mlockall                lock all memory into RAM\n"
           "  -h, --help                display this help message\n"
           "  -V, --version             display version information\n");
    exit(EXIT_SUCCESS);
}

/* The "exit [--cleanup]" command: stops the daemon; with --cleanup, also
 * removes the datapaths and the ports the daemon created. */
static void
ovs_vswitchd_exit(struct unixctl_conn *conn, int argc, const char *argv[],
                  void *req_)
{
    struct exit_request *req = req_;

    if (argc > 1 && strcmp(argv[1], "--cleanup")) {
        unixctl_command_reply_error(conn, "unknown option");
        return;
    }
    req->exiting = true;
    req->cleanup = argc > 1;
    unixctl_command_reply(conn, NULL);
}
