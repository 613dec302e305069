/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* A unixctl server for testing ovs-appctl: "ovstest test-unixctl
 * [--unixctl=PATH] [--detach] [--pidfile[=FILE]] [--no-chdir]".
 *
 * Commands, besides the built-in ones:
 *   echo [ARG...]        replies with the arguments, separated by spaces
 *   error [TEXT]         fails, with TEXT (default "oops") as the error
 *   block                never replies (for testing client timeouts)
 *   multiline            replies with several lines
 *   exit                 replies, then exits */

#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "fatal-signal.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "unixctl.h"

static bool exiting;

static void
unixctl_echo(struct unixctl_conn *conn, int argc, const char *argv[],
             void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    for (int i = 1; i < argc; i++) {
        if (i > 1) {
            ds_put_char(&ds, ' ');
        }
        ds_put_cstr(&ds, argv[i]);
    }
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
unixctl_error(struct unixctl_conn *conn, int argc, const char *argv[],
              void *aux OVS_UNUSED)
{
    unixctl_command_reply_error(conn, argc > 1 ? argv[1] : "oops");
}

static void
unixctl_block(struct unixctl_conn *conn OVS_UNUSED, int argc OVS_UNUSED,
              const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    /* Never replies. */
}

static void
unixctl_multiline(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    unixctl_command_reply(conn, "line 1\nline 2\n\tindented \"quoted\"\n");
}

static void
unixctl_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
             const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
test_unixctl_main(int argc, char *argv[])
{
    enum {
        OPT_UNIXCTL = UCHAR_MAX + 1,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct unixctl_server *server;
    const char *unixctl_path = NULL;
    int error;

    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "v::", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_UNIXCTL:
            unixctl_path = optarg;
            break;

        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS

        default:
            exit(EXIT_FAILURE);
        }
    }

    fatal_ignore_sigpipe();
    vlog_init();
    daemonize_start(false, false);
    error = unixctl_server_create(unixctl_path, &server);
    if (error) {
        ovs_fatal(error, "could not create unixctl server");
    }
    unixctl_command_register("echo", "[ARG...]", 0, INT_MAX, unixctl_echo,
                             NULL);
    unixctl_command_register("error", "[TEXT]", 0, 1, unixctl_error, NULL);
    unixctl_command_register("block", "", 0, 0, unixctl_block, NULL);
    unixctl_command_register("multiline", "", 0, 0, unixctl_multiline,
                             NULL);
    unixctl_command_register("exit", "", 0, 0, unixctl_exit, NULL);
    daemonize_complete();

    while (!exiting) {
        unixctl_server_run(server);
        if (exiting) {
            break;
        }
        unixctl_server_wait(server);
        poll_block();
    }
    unixctl_server_destroy(server);
}

OVSTEST_REGISTER("test-unixctl", test_unixctl_main);
