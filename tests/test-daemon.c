/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* A small daemon for testing daemon.c, fatal-signal.c, memory.c, the
 * unixctl commands of vlog, coverage and timeval, and the poll loop in a
 * real main loop:
 *
 *   ovstest test-daemon [OPTIONS]
 *
 * Options: the daemon options (--detach, --pidfile, --monitor, ...), the
 * logging options, and:
 *
 *   --unixctl=SOCKET      control socket (default: the usual one)
 *   --unlink=FILE         create FILE and have fatal-signal unlink it
 *   --fail=STATUS         exit with STATUS before becoming ready
 *   --access-datapath     with --user, keep the datapath capabilities
 *   --status-file=FILE    once ready, write our uid and effective
 *                         capabilities (from /proc) to FILE
 *
 * unixctl commands: "exit", "bump" (increments a coverage counter),
 * "timer MSECS" (replies once a poll-loop timer of MSECS expires on the
 * time_msec() clock), "crash", and time/stop, time/warp, memory/show.
 *
 *   ovstest test-dirs        prints ovs_rundir() and friends
 *   ovstest test-fatal-signal [--exit] FILE...
 *                            registers FILEs for unlinking, then waits for
 *                            a signal in poll_block() (or, with --exit,
 *                            exits normally at once)
 */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "command-line.h"
#include "coverage.h"
#include "daemon.h"
#include "dirs.h"
#include "fatal-signal.h"
#include "memory.h"
#include "openvswitch/vlog.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "simap.h"
#include "timeval.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(test_daemon);

COVERAGE_DEFINE(test_daemon_bump);

/* Set by the "exit" command. */
static bool exiting;

/* A pending "timer" command: when it expires, and whom to tell. */
static long long int timer_when = LLONG_MAX;
static struct unixctl_conn *timer_conn;

static void
test_daemon_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                 const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
test_daemon_bump(struct unixctl_conn *conn, int argc OVS_UNUSED,
                 const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    COVERAGE_INC(test_daemon_bump);
    unixctl_command_reply(conn, NULL);
}

static void
test_daemon_timer(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[], void *aux OVS_UNUSED)
{
    long long int msecs;

    if (timer_conn || !str_to_llong(argv[1], 10, &msecs)) {
        unixctl_command_reply_error(conn, "bad timer");
        return;
    }
    timer_when = time_msec() + msecs;
    timer_conn = conn;
}

static void
test_daemon_crash(struct unixctl_conn *conn OVS_UNUSED, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    abort();
}

/* Writes our uid and effective capability set, as /proc shows them, to
 * 'file_name'. */
static void
write_status_file(const char *file_name)
{
    FILE *in = fopen("/proc/self/status", "r");
    FILE *out = fopen(file_name, "w");
    char line[256];

    if (!in || !out) {
        ovs_fatal(errno, "%s: could not write status", file_name);
    }
    while (fgets(line, sizeof line, in)) {
        if (!strncmp(line, "Uid:", 4) || !strncmp(line, "Gid:", 4)
            || !strncmp(line, "CapEff:", 7) || !strncmp(line, "CapPrm:", 7)) {
            fputs(line, out);
        }
    }
    fclose(in);
    fclose(out);
}

static void
test_daemon_main(int argc, char *argv[])
{
    enum {
        OPT_UNIXCTL = UCHAR_MAX + 1,
        OPT_UNLINK,
        OPT_FAIL,
        OPT_ACCESS_DATAPATH,
        OPT_STATUS_FILE,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"unlink", required_argument, NULL, OPT_UNLINK},
        {"fail", required_argument, NULL, OPT_FAIL},
        {"access-datapath", no_argument, NULL, OPT_ACCESS_DATAPATH},
        {"status-file", required_argument, NULL, OPT_STATUS_FILE},
        {"help", no_argument, NULL, 'h'},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = ovs_cmdl_long_options_to_short_options(
        long_options);
    struct unixctl_server *server;
    const char *unixctl_path = NULL;
    const char *status_file = NULL;
    bool access_datapath = false;
    int fail_status = 0;
    int error;

    ovs_cmdl_proctitle_init(argc, argv);
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_UNIXCTL:
            unixctl_path = optarg;
            break;
        case OPT_UNLINK: {
            FILE *f = fopen(optarg, "w");
            if (!f) {
                ovs_fatal(errno, "%s: create failed", optarg);
            }
            fclose(f);
            fatal_signal_add_file_to_unlink(optarg);
            break;
        }
        case OPT_FAIL:
            fail_status = atoi(optarg);
            break;
        case OPT_ACCESS_DATAPATH:
            access_datapath = true;
            break;
        case OPT_STATUS_FILE:
            status_file = optarg;
            break;
        case 'h':
            daemon_usage();
            vlog_usage();
            exit(EXIT_SUCCESS);
        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS
        default:
            exit(EXIT_FAILURE);
        }
    }
    free(short_options);

    daemonize_start(access_datapath, false);
    if (fail_status) {
        VLOG_ERR("failing with status %d as asked", fail_status);
        exit(fail_status);
    }

    error = unixctl_server_create(unixctl_path, &server);
    if (error) {
        ovs_fatal(error, "could not create unixctl server");
    }
    unixctl_command_register("exit", "", 0, 0, test_daemon_exit, NULL);
    unixctl_command_register("bump", "", 0, 0, test_daemon_bump, NULL);
    unixctl_command_register("timer", "MSECS", 1, 1, test_daemon_timer,
                             NULL);
    unixctl_command_register("crash", "", 0, 0, test_daemon_crash, NULL);
    timeval_dummy_register();

    if (status_file) {
        write_status_file(status_file);
    }
    VLOG_INFO("test-daemon started");
    daemonize_complete();

    while (!exiting) {
        memory_run();
        if (memory_should_report()) {
            struct simap usage = SIMAP_INITIALIZER(&usage);

            simap_put(&usage, "widgets", 42);
            simap_put(&usage, "gadgets", 7);
            memory_report(&usage);
            simap_destroy(&usage);
        }
        unixctl_server_run(server);
        if (timer_conn && time_msec() >= timer_when) {
            unixctl_command_reply(timer_conn, "timer expired");
            timer_conn = NULL;
            timer_when = LLONG_MAX;
        }

        memory_wait();
        unixctl_server_wait(server);
        poll_timer_wait_until(timer_when);
        if (exiting) {
            poll_immediate_wake();
        }
        poll_block();
    }
    unixctl_server_destroy(server);
    VLOG_INFO("test-daemon exiting");
}

OVSTEST_REGISTER("test-daemon", test_daemon_main);

static void
test_dirs_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    printf("rundir=%s\n", ovs_rundir());
    printf("dbdir=%s\n", ovs_dbdir());
    printf("logdir=%s\n", ovs_logdir());
    printf("sysconfdir=%s\n", ovs_sysconfdir());
    printf("pkgdatadir=%s\n", ovs_pkgdatadir());
    printf("bindir=%s\n", ovs_bindir());
}

OVSTEST_REGISTER("test-dirs", test_dirs_main);

static void
test_fatal_signal_main(int argc, char *argv[])
{
    bool exit_at_once = argc > 1 && !strcmp(argv[1], "--exit");

    for (int i = exit_at_once ? 2 : 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "w");
        if (!f) {
            ovs_fatal(errno, "%s: create failed", argv[i]);
        }
        fclose(f);
        fatal_signal_add_file_to_unlink(argv[i]);
    }

    /* A file registered and then removed again stays. */
    {
        FILE *f = fopen("kept", "w");
        ovs_assert(f);
        fclose(f);
        fatal_signal_add_file_to_unlink("kept");
        fatal_signal_remove_file_to_unlink("kept");
    }

    printf("ready\n");
    fflush(stdout);
    if (exit_at_once) {
        exit(0);
    }
    for (;;) {
        poll_block();
    }
}

OVSTEST_REGISTER("test-fatal-signal", test_fatal_signal_main);
