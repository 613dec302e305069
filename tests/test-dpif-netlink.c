/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* "ovstest test-dpif-netlink DP PORT1 PORT2 READY-FILE" (needs the kernel
 * module, so it runs in the kmod guest): creates kernel datapath DP with
 * ports PORT1 and PORT2 (existing devices), checking the port change
 * notifications; enables upcalls with two handler threads' sockets,
 * writes READY-FILE, and waits (at most 10 s) for a miss upcall of a
 * packet that arrives on PORT1.  It prints the upcall's key, executes the
 * packet with an output to PORT2 (OVS_PACKET_CMD_EXECUTE), prints the
 * datapath's counters and deletes the datapath.  Exits nonzero on any
 * failure. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/openvswitch.h>

#include "dp-packet.h"
#include "dpif.h"
#include "flow.h"
#include "netdev-provider.h"
#include "netdev.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "timeval.h"

static odp_port_t
add_port(struct dpif *dpif, const char *name)
{
    odp_port_t port_no = ODPP_NONE;
    struct netdev *netdev;
    int error;

    error = netdev_open(name, "system", &netdev);
    if (error) {
        ovs_fatal(error, "%s: netdev_open failed", name);
    }
    error = dpif_port_add(dpif, netdev, &port_no);
    if (error) {
        ovs_fatal(error, "%s: dpif_port_add failed", name);
    }
    netdev_close(netdev);
    printf("port %"PRIu32": %s\n", odp_to_u32(port_no), name);
    return port_no;
}

/* Waits up to 5 s for a port notification naming 'name'. */
static void
wait_port_change(struct dpif *dpif, const char *name)
{
    long long int deadline = time_msec() + 5000;

    for (;;) {
        char *devname = NULL;
        int error = dpif_port_poll(dpif, &devname);

        if (!error && !strcmp(devname, name)) {
            printf("port change: %s\n", devname);
            free(devname);
            return;
        }
        free(devname);
        if (time_msec() > deadline) {
            ovs_fatal(0, "no port change notification for %s", name);
        }
        if (error == EAGAIN) {
            dpif_port_poll_wait(dpif);
            poll_timer_wait_until(deadline);
            poll_block();
        }
    }
}

static void
test_dpif_netlink_main(int argc, char *argv[])
{
    struct dpif_upcall upcall;
    struct dpif_dp_stats stats;
    odp_port_t port2;
    struct dpif *dpif;
    struct ofpbuf buf;
    char *devname;
    FILE *ready;
    int error;

    if (argc != 5) {
        ovs_fatal(0, "usage: ovstest test-dpif-netlink DP PORT1 PORT2 "
                  "READY-FILE");
    }
    netdev_linux_register();

    error = dpif_create_and_open(argv[1], "system", &dpif);
    if (error) {
        ovs_fatal(error, "%s: cannot create datapath", argv[1]);
    }
    printf("opened %s\n", dpif_name(dpif));

    /* The first poll reports that changes may have been missed. */
    error = dpif_port_poll(dpif, &devname);
    printf("first port poll: %s\n", ovs_strerror(error));

    add_port(dpif, argv[2]);
    wait_port_change(dpif, argv[2]);
    port2 = add_port(dpif, argv[3]);
    wait_port_change(dpif, argv[3]);

    error = dpif_handlers_set(dpif, 2);
    if (!error) {
        error = dpif_recv_set(dpif, true);
    }
    if (error) {
        ovs_fatal(error, "enabling upcalls failed");
    }

    ready = fopen(argv[4], "w");
    if (!ready) {
        ovs_fatal(errno, "%s: create failed", argv[4]);
    }
    fclose(ready);

    /* Wait for a miss on either handler. */
    long long int deadline = time_msec() + 10000;
    ofpbuf_init(&buf, 4096);
    for (;;) {
        bool got = false;

        for (uint32_t h = 0; h < 2; h++) {
            error = dpif_recv(dpif, h, &upcall, &buf);
            if (!error) {
                got = true;
                break;
            } else if (error != EAGAIN) {
                ovs_fatal(error, "dpif_recv failed");
            }
        }
        if (got) {
            break;
        }
        if (time_msec() > deadline) {
            ovs_fatal(0, "no upcall");
        }
        dpif_recv_wait(dpif, 0);
        dpif_recv_wait(dpif, 1);
        poll_timer_wait_until(deadline);
        poll_block();
    }

    struct ds s = DS_EMPTY_INITIALIZER;
    odp_flow_key_format(upcall.key, upcall.key_len, &s);
    printf("upcall %s: %s, %"PRIu32" bytes\n",
           dpif_upcall_type_to_string(upcall.type), ds_cstr(&s),
           dp_packet_size(&upcall.packet));
    ds_destroy(&s);

    /* Send the packet out of the other port. */
    struct flow flow;
    if (odp_flow_key_to_flow(upcall.key, upcall.key_len, &flow, NULL)
        == ODP_FIT_ERROR) {
        ovs_fatal(0, "upcall key does not parse");
    }
    struct ofpbuf actions;
    ofpbuf_init(&actions, 64);
    nl_msg_put_u32(&actions, OVS_ACTION_ATTR_OUTPUT, odp_to_u32(port2));
    struct dpif_execute execute = {
        .actions = actions.data,
        .actions_len = actions.size,
        .flow = &flow,
        .packet = &upcall.packet,
    };
    error = dpif_execute(dpif, &execute);
    printf("execute: %s\n", ovs_strerror(error));
    ofpbuf_uninit(&actions);
    dp_packet_uninit(&upcall.packet);
    ofpbuf_uninit(&buf);

    /* A batch: two creates, a duplicate create, a get and a delete. */
    static const char *keys[] = {
        "in_port(1),eth(),eth_type(0x0806),arp()",
        "in_port(2),eth(),eth_type(0x0800),ipv4(frag=no)",
    };
    struct ofpbuf key_bufs[2], mask_bufs[2], acts, get_buf;
    struct dpif_flow_stats del_stats;
    struct dpif_flow got;
    struct dpif_op ops[5], *opp[5];

    ofpbuf_init(&acts, 64);
    nl_msg_put_u32(&acts, OVS_ACTION_ATTR_OUTPUT, odp_to_u32(port2));
    for (int i = 0; i < 2; i++) {
        ofpbuf_init(&key_bufs[i], 0);
        ofpbuf_init(&mask_bufs[i], 0);
        if (odp_flow_from_string(keys[i], NULL, &key_bufs[i], &mask_bufs[i],
                                 NULL)) {
            ovs_fatal(0, "%s: does not parse", keys[i]);
        }
    }
    memset(ops, 0, sizeof ops);
    for (int i = 0; i < 3; i++) {
        ops[i].type = DPIF_OP_FLOW_PUT;
        ops[i].flow_put = (struct dpif_flow_put) {
            .flags = DPIF_FP_CREATE,
            .key = key_bufs[i % 2].data, .key_len = key_bufs[i % 2].size,
            .mask = mask_bufs[i % 2].data,
            .mask_len = mask_bufs[i % 2].size,
            .actions = acts.data, .actions_len = acts.size,
            .pmd_id = PMD_ID_NULL,
        };
    }
    ofpbuf_init(&get_buf, 1024);
    ops[3].type = DPIF_OP_FLOW_GET;
    ops[3].flow_get = (struct dpif_flow_get) {
        .key = key_bufs[1].data, .key_len = key_bufs[1].size,
        .pmd_id = PMD_ID_NULL, .buffer = &get_buf, .flow = &got,
    };
    ops[4].type = DPIF_OP_FLOW_DEL;
    ops[4].flow_del = (struct dpif_flow_del) {
        .key = key_bufs[0].data, .key_len = key_bufs[0].size,
        .pmd_id = PMD_ID_NULL, .stats = &del_stats,
    };
    for (int i = 0; i < 5; i++) {
        opp[i] = &ops[i];
    }
    dpif_operate(dpif, opp, 5);
    for (int i = 0; i < 5; i++) {
        printf("op %d: %s\n", i, ovs_strerror(ops[i].error));
    }
    if (!ops[3].error) {
        struct ds d = DS_EMPTY_INITIALIZER;

        odp_flow_format(got.key, got.key_len, got.mask, got.mask_len, NULL,
                        &d, false);
        ds_put_cstr(&d, ", actions:");
        format_odp_actions(&d, got.actions, got.actions_len, NULL);
        printf("got: %s\n", ds_cstr(&d));
        ds_destroy(&d);
    }
    for (int i = 0; i < 2; i++) {
        ofpbuf_uninit(&key_bufs[i]);
        ofpbuf_uninit(&mask_bufs[i]);
    }
    ofpbuf_uninit(&acts);
    ofpbuf_uninit(&get_buf);

    error = dpif_get_dp_stats(dpif, &stats);
    if (error) {
        ovs_fatal(error, "dpif_get_dp_stats failed");
    }
    printf("missed>0: %s\n", stats.n_missed > 0 ? "yes" : "no");
    printf("flows: %"PRIu64"\n", stats.n_flows);

    dpif_recv_set(dpif, false);
    error = dpif_delete(dpif);
    dpif_close(dpif);
    printf("deleted: %s\n", ovs_strerror(error));
}

OVSTEST_REGISTER("test-dpif-netlink", test_dpif_netlink_main);
