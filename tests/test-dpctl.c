/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* "ovstest test-dpctl SOCKET": a small daemon that serves the dpctl/...
 * unixctl commands (lib/dpctl.c) on the unix socket SOCKET, over the
 * in-process userspace datapaths ("dummy@..."), until "exit".  It lets the
 * tests drive dpctl the way ovs-appctl drives ovs-vswitchd. */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "dpctl.h"
#include "netdev-provider.h"
#include "openvswitch/util.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "unixctl.h"

static void
test_dpctl_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *exiting_)
{
    bool *exiting = exiting_;

    *exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
test_dpctl_main(int argc, char *argv[])
{
    struct unixctl_server *server;
    bool exiting = false;
    int error;

    if (argc != 2) {
        ovs_fatal(0, "usage: ovstest test-dpctl SOCKET");
    }
    netdev_dummy_register(false);
    error = unixctl_server_create(argv[1], &server);
    if (error) {
        ovs_fatal(error, "%s: cannot listen", argv[1]);
    }
    unixctl_command_register("exit", "", 0, 0, test_dpctl_exit, &exiting);
    dpctl_unixctl_register();

    while (!exiting) {
        unixctl_server_run(server);
        unixctl_server_wait(server);
        if (exiting) {
            poll_immediate_wake();
        }
        poll_block();
    }
    unixctl_server_destroy(server);
}

OVSTEST_REGISTER("test-dpctl", test_dpctl_main);
