/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Exercises lib/pinsched with a stopped clock: "ovstest test-pinsched".
 * Prints which packets go out when, the per-port queue limit, round-robin
 * service across ports, and the statistics. */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "ofpbuf.h"
#include "ovstest.h"
#include "pinsched.h"
#include "timeval.h"

/* Returns a fake packet-in labelled 'label'. */
static struct ofpbuf *
make_packet(const char *label)
{
    return ofpbuf_clone_data(label, strlen(label) + 1);
}

/* Prints and frees the packets in 'txq', after 'what'. */
static void
print_txq(const char *what, struct ovs_list *txq)
{
    struct ofpbuf *packet;

    printf("%s:", what);
    LIST_FOR_EACH_POP (packet, list_node, txq) {
        printf(" %s", (const char *) packet->data);
        ofpbuf_delete(packet);
    }
    printf("\n");
}

static void
print_stats(const struct pinsched *ps)
{
    struct pinsched_stats s;

    pinsched_get_stats(ps, &s);
    printf("queued %u, normal %llu, limited %llu, dropped %llu\n",
           s.n_queued, s.n_normal, s.n_limited, s.n_queue_dropped);
}

static void
test_pinsched_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ovs_list txq = OVS_LIST_INITIALIZER(&txq);
    struct pinsched *ps;
    int rate, burst;

    timeval_stop();

    /* Defaults and bounds. */
    ps = pinsched_create(0, 0);
    pinsched_get_limits(ps, &rate, &burst);
    printf("defaults: rate %d, burst %d\n", rate, burst);
    pinsched_set_limits(ps, 2, 0);
    pinsched_get_limits(ps, &rate, &burst);
    printf("rate 2: burst %d\n", burst);
    pinsched_destroy(ps);

    /* No scheduler: straight through. */
    pinsched_send(NULL, 1, make_packet("n1"), &txq);
    print_txq("no scheduler", &txq);

    /* 10 packets per second, bursts of 3. */
    ps = pinsched_create(10, 3);
    for (int i = 1; i <= 5; i++) {
        char label[16];
        snprintf(label, sizeof label, "a%d", i);
        pinsched_send(ps, 1, make_packet(label), &txq);
    }
    print_txq("port 1 burst of 5", &txq);
    print_stats(ps);
    pinsched_send(ps, 2, make_packet("b1"), &txq);
    pinsched_send(ps, 2, make_packet("b2"), &txq);
    print_txq("port 2 while port 1 queued", &txq);
    print_stats(ps);

    /* One packet per 100 ms, ports served in turn. */
    for (int i = 0; i < 4; i++) {
        pinsched_run(ps, &txq);
        print_txq("run", &txq);
        timeval_warp(100);
    }
    print_stats(ps);

    /* The bucket refills up to the burst. */
    timeval_warp(10000);
    for (int i = 1; i <= 4; i++) {
        char label[16];
        snprintf(label, sizeof label, "c%d", i);
        pinsched_send(ps, 3, make_packet(label), &txq);
    }
    print_txq("after a long pause", &txq);
    print_stats(ps);

    /* Lowering the burst trims the queues. */
    pinsched_send(ps, 4, make_packet("d1"), &txq);
    pinsched_set_limits(ps, 10, 1);
    print_stats(ps);
    pinsched_destroy(ps);
}

OVSTEST_REGISTER("test-pinsched", test_pinsched_main);
