/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Exercises lib/vconn*, lib/rconn: "ovstest test-vconn [OPTIONS] COMMAND
 * ARGS...".
 *
 * Commands:
 *   server PVCONN [VERSIONS]
 *       Listens on PVCONN allowing VERSIONS (e.g. "OpenFlow10,OpenFlow13";
 *       default all), accepts any number of connections, completes the
 *       hello exchange and answers echo requests, forever (use --detach,
 *       --pidfile).  Writes the bound TCP port (0 for Unix sockets) to the
 *       file "port".  Logs "connection N: negotiated 0xVV" or
 *       "connection N: failed (ERROR)" at INFO.
 *   connect VCONN [VERSIONS]
 *       Connects to VCONN allowing VERSIONS, prints the negotiated version
 *       or the error, then sends an echo request and prints whether the
 *       reply matched.
 *   rconn-backoff
 *       An rconn reconnecting to a listener that closes every connection
 *       at once, with time warped one second at a time: prints each
 *       connection attempt's time, which shows the backoff doubling up to
 *       the maximum.
 *   rconn-probe
 *       An rconn connected to a peer: shows the inactivity probe (echo
 *       request), the return to ACTIVE on traffic, the disconnect after an
 *       unanswered probe, the reconnect, packet counters and a monitor.
 *
 * Options: the SSL options (-p, -c, -C), the daemon and the logging
 * options. */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "fatal-signal.h"
#include "openflow/openflow-common.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "rconn.h"
#include "stream-ssl.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(test_vconn);

/* Parses an optional -O style version list. */
static uint32_t
parse_versions(int argc, char *argv[], int idx)
{
    if (argc <= idx) {
        return 0;
    }
    uint32_t versions = ofputil_versions_from_string(argv[idx]);
    if (!versions) {
        ovs_fatal(0, "%s: bad version list", argv[idx]);
    }
    return versions;
}

/* Returns a new message of 'type' in 'version' with 'xid' and no body. */
static struct ofpbuf *
make_msg(int version, uint8_t type, ovs_be32 xid)
{
    struct ofpbuf *msg = ofpbuf_new(sizeof(struct ofp_header));
    struct ofp_header *oh = ofpbuf_put_zeros(msg, sizeof *oh);

    oh->version = version;
    oh->type = type;
    oh->length = htons(sizeof *oh);
    oh->xid = xid;
    return msg;
}

/* Returns the reply to echo request 'request'. */
static struct ofpbuf *
make_echo_reply(const struct ofpbuf *request)
{
    struct ofpbuf *reply = ofpbuf_clone(request);
    ((struct ofp_header *) reply->data)->type = OFPT_ECHO_REPLY;
    return reply;
}

/* One connection of the server. */
struct server_conn {
    struct vconn *vconn;        /* The connection. */
    int id;                     /* Sequence number, for logging. */
    bool negotiated;            /* Hello exchange logged already? */
};

static void
do_server(int argc, char *argv[])
{
    uint32_t versions = parse_versions(argc, argv, 2);
    struct server_conn *conns = NULL;
    size_t n_conns = 0, allocated = 0;
    struct pvconn *pvconn;
    int next_id = 0;
    FILE *port_file;
    int error;

    daemonize_start(false, false);
    error = pvconn_open(argv[1], versions, 0, &pvconn);
    if (error) {
        ovs_fatal(error, "%s: listen failed", argv[1]);
    }
    port_file = fopen("port", "w");
    if (!port_file) {
        ovs_fatal(errno, "port: open failed");
    }
    fprintf(port_file, "%"PRIu16"\n", pvconn_get_bound_port(pvconn));
    fclose(port_file);
    daemonize_complete();

    for (;;) {
        struct vconn *vconn;

        while (!pvconn_accept(pvconn, &vconn)) {
            if (n_conns >= allocated) {
                conns = x2nrealloc(conns, &allocated, sizeof *conns);
            }
            conns[n_conns].vconn = vconn;
            conns[n_conns].id = next_id++;
            conns[n_conns].negotiated = false;
            n_conns++;
        }

        for (size_t i = 0; i < n_conns; ) {
            struct server_conn *c = &conns[i];
            struct ofpbuf *msg;

            vconn_run(c->vconn);
            error = vconn_recv(c->vconn, &msg);
            if (!c->negotiated && vconn_get_version(c->vconn) > 0) {
                VLOG_INFO("connection %d: negotiated 0x%02x", c->id,
                          vconn_get_version(c->vconn));
                c->negotiated = true;
            }
            if (!error) {
                const struct ofp_header *oh = msg->data;
                if (oh->type == OFPT_ECHO_REQUEST) {
                    struct ofpbuf *reply = make_echo_reply(msg);
                    if (vconn_send(c->vconn, reply)) {
                        ofpbuf_delete(reply);
                    }
                }
                ofpbuf_delete(msg);
                continue;
            } else if (error != EAGAIN) {
                VLOG_INFO("connection %d: %s (%s)", c->id,
                          c->negotiated ? "closed" : "failed",
                          error == EOF ? "end of file" : ovs_strerror(error));
                vconn_close(c->vconn);
                conns[i] = conns[--n_conns];
                continue;
            }
            i++;
        }

        pvconn_wait(pvconn);
        for (size_t i = 0; i < n_conns; i++) {
            vconn_run_wait(conns[i].vconn);
            vconn_recv_wait(conns[i].vconn);
        }
        poll_block();
    }
}

static void
do_connect(int argc, char *argv[])
{
    uint32_t versions = parse_versions(argc, argv, 2);
    struct ofpbuf *reply;
    struct vconn *vconn;
    int error;

    error = vconn_open_block(argv[1], versions, 0, 10000, &vconn);
    if (error) {
        printf("error: %s\n", ovs_retval_to_string(error));
        return;
    }
    printf("version 0x%02x\n", vconn_get_version(vconn));

    struct ofpbuf *request = make_msg(vconn_get_version(vconn),
                                      OFPT_ECHO_REQUEST, htonl(0x1234));
    error = vconn_transact(vconn, request, &reply);
    if (error) {
        printf("echo: %s\n",
               error == EOF ? "end of file" : ovs_strerror(error));
    } else {
        const struct ofp_header *oh = reply->data;
        printf("echo: %s\n", (oh->type == OFPT_ECHO_REPLY
                              && oh->xid == htonl(0x1234)
                              ? "reply ok" : "bad reply"));
        ofpbuf_delete(reply);
    }
    vconn_close(vconn);
}

/* Runs the poll loop for 'rc' (and 'pvconn', accepting into '*acceptedp'
 * if nonnull, otherwise closing accepted connections, and counting them in
 * '*n_accepts') for about 'msec' milliseconds of real time.  With 'drain',
 * discards what 'rc' receives. */
static void
spin(struct rconn *rc, struct pvconn *pvconn, struct vconn **acceptedp,
     int *n_accepts, int msec, bool drain)
{
    long long int deadline = time_msec() + msec;

    while (time_msec() < deadline) {
        struct vconn *vconn;

        rconn_run(rc);
        while (drain) {
            struct ofpbuf *msg = rconn_recv(rc);
            if (!msg) {
                break;
            }
            ofpbuf_delete(msg);
        }
        while (pvconn && !pvconn_accept(pvconn, &vconn)) {
            if (n_accepts) {
                ++*n_accepts;
            }
            if (acceptedp && !*acceptedp) {
                *acceptedp = vconn;
            } else {
                vconn_close(vconn);
            }
        }
        if (acceptedp && *acceptedp) {
            vconn_run(*acceptedp);
            vconn_connect(*acceptedp);
        }

        rconn_run_wait(rc);
        rconn_recv_wait(rc);
        if (pvconn) {
            pvconn_wait(pvconn);
        }
        if (acceptedp && *acceptedp) {
            vconn_run_wait(*acceptedp);
            vconn_recv_wait(*acceptedp);
        }
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

static void
do_rconn_backoff(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct pvconn *pvconn;
    struct rconn *rc;
    int n_accepts = 0;
    int error;

    unlink("backoff.sock");
    error = pvconn_open("punix:backoff.sock", 0, 0, &pvconn);
    if (error) {
        ovs_fatal(error, "listen failed");
    }

    rc = rconn_create(0, 8, 0, 0);
    printf("created: %s\n", rconn_get_state(rc));
    rconn_connect(rc, "unix:backoff.sock", "test");
    printf("connect: %s, alive %s\n", rconn_get_state(rc),
           rconn_is_alive(rc) ? "yes" : "no");

    /* Each connection is accepted and closed at once, so every attempt
     * fails and the backoff grows: 1, 2, 4, 8, 8 seconds. */
    for (int t = 0; t <= 31; t++) {
        int before = n_accepts;
        spin(rc, pvconn, NULL, &n_accepts, 30, true);
        if (n_accepts != before) {
            printf("t=%d: attempt %d\n", t, n_accepts);
        }
        timeval_warp(1000);
    }

    rconn_disconnect(rc);
    printf("disconnect: %s, alive %s\n", rconn_get_state(rc),
           rconn_is_alive(rc) ? "yes" : "no");
    rconn_destroy(rc);
    pvconn_close(pvconn);
}

/* Receives messages on 'vconn' until one arrives or 'msec' pass; returns
 * it or NULL. */
static struct ofpbuf *
recv_within(struct vconn *vconn, int msec)
{
    long long int deadline = time_msec() + msec;

    for (;;) {
        struct ofpbuf *msg;

        vconn_run(vconn);
        if (!vconn_recv(vconn, &msg)) {
            return msg;
        }
        if (time_msec() >= deadline) {
            return NULL;
        }
        vconn_run_wait(vconn);
        vconn_recv_wait(vconn);
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

/* Returns a short name for OpenFlow message type 'type'. */
static const char *
type_name(uint8_t type)
{
    switch (type) {
    case OFPT_HELLO: return "HELLO";
    case OFPT_ERROR: return "ERROR";
    case OFPT_ECHO_REQUEST: return "ECHO_REQUEST";
    case OFPT_ECHO_REPLY: return "ECHO_REPLY";
    case OFPT_FEATURES_REQUEST: return "FEATURES_REQUEST";
    case OFPT_GET_CONFIG_REQUEST: return "GET_CONFIG_REQUEST";
    default: return "OTHER";
    }
}

static void
do_rconn_probe(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct rconn_packet_counter *counter;
    struct vconn *peer = NULL;
    struct pvconn *pvconn, *mon_pvconn;
    struct vconn *snooper, *monitor = NULL;
    struct ofpbuf *msg;
    struct rconn *rc;
    int n_accepts = 0;
    int error;

    unlink("probe.sock");
    unlink("mon.sock");
    error = pvconn_open("punix:probe.sock", 0, 0, &pvconn);
    if (error) {
        ovs_fatal(error, "listen failed");
    }

    rc = rconn_create(5, 8, 0, (1u << OFP10_VERSION) | (1u << OFP13_VERSION));
    rconn_connect(rc, "unix:probe.sock", NULL);
    spin(rc, pvconn, &peer, &n_accepts, 200, false);
    printf("state %s, connected %s, version 0x%02x, admitted %s\n",
           rconn_get_state(rc), rconn_is_connected(rc) ? "yes" : "no",
           rconn_get_version(rc), rconn_is_admitted(rc) ? "yes" : "no");
    if (!peer) {
        ovs_fatal(0, "no connection accepted");
    }

    /* A monitor: the snooper connects to mon.sock, and the accepted side
     * becomes the rconn's monitor. */
    error = pvconn_open("punix:mon.sock", 0, 0, &mon_pvconn);
    if (error) {
        ovs_fatal(error, "listen failed");
    }
    error = vconn_open("unix:mon.sock", 0, 0, &snooper);
    if (error) {
        ovs_fatal(error, "connect failed");
    }
    for (int i = 0; i < 100 && !monitor; i++) {
        if (!pvconn_accept(mon_pvconn, &monitor)) {
            break;
        }
        pvconn_wait(mon_pvconn);
        poll_timer_wait(10);
        poll_block();
    }
    if (!monitor) {
        ovs_fatal(0, "monitor not accepted");
    }
    for (int i = 0; i < 50 && (vconn_connect(snooper) == EAGAIN
                               || vconn_connect(monitor) == EAGAIN); i++) {
        vconn_run(snooper);
        vconn_run(monitor);
        vconn_run_wait(snooper);
        vconn_connect_wait(snooper);
        vconn_run_wait(monitor);
        vconn_connect_wait(monitor);
        poll_timer_wait(10);
        poll_block();
    }
    vconn_set_recv_any_version(snooper);
    rconn_add_monitor(rc, monitor);

    /* A features request does not yet show that the peer accepted the
     * switch (as upstream); any other request makes the rconn admitted. */
    static const uint8_t requests[] = {
        OFPT_FEATURES_REQUEST, OFPT_GET_CONFIG_REQUEST
    };
    for (size_t i = 0; i < ARRAY_SIZE(requests); i++) {
        error = vconn_send_block(peer, make_msg(vconn_get_version(peer),
                                                requests[i], htonl(7)));
        ovs_assert(!error);
        spin(rc, NULL, NULL, NULL, 100, false);
        msg = rconn_recv(rc);
        printf("rconn received %s, admitted %s\n",
               msg ? type_name(((struct ofp_header *) msg->data)->type)
               : "none",
               rconn_is_admitted(rc) ? "yes" : "no");
        ofpbuf_delete(msg);
    }

    /* A counted message. */
    counter = rconn_packet_counter_create();
    error = rconn_send(rc, make_msg(rconn_get_version(rc),
                                    OFPT_FEATURES_REQUEST, htonl(8)),
                       counter);
    spin(rc, NULL, NULL, NULL, 50, false);
    printf("send: %d, counter after flush: %u packets, %u bytes\n", error,
           rconn_packet_counter_n_packets(counter),
           rconn_packet_counter_n_bytes(counter));
    msg = recv_within(peer, 500);
    printf("peer received %s\n",
           msg ? type_name(((struct ofp_header *) msg->data)->type) : "none");
    ofpbuf_delete(msg);

    /* Idle for the probe interval: an echo request goes out. */
    timeval_warp(5000);
    spin(rc, NULL, NULL, NULL, 50, false);
    printf("after 5 s idle: %s\n", rconn_get_state(rc));
    msg = recv_within(peer, 500);
    printf("peer received %s\n",
           msg ? type_name(((struct ofp_header *) msg->data)->type) : "none");

    /* The peer answers: back to ACTIVE. */
    if (msg) {
        vconn_send_block(peer, make_echo_reply(msg));
        ofpbuf_delete(msg);
    }
    spin(rc, NULL, NULL, NULL, 100, false);
    msg = rconn_recv(rc);
    printf("rconn received %s, state %s\n",
           msg ? type_name(((struct ofp_header *) msg->data)->type) : "none",
           rconn_get_state(rc));
    ofpbuf_delete(msg);

    /* Idle again, and the probe goes unanswered: disconnect. */
    timeval_warp(5000);
    spin(rc, NULL, NULL, NULL, 50, false);
    printf("after 5 s idle: %s\n", rconn_get_state(rc));
    timeval_warp(5000);
    spin(rc, NULL, NULL, NULL, 50, false);
    printf("after 5 s more: %s, last error: %s\n", rconn_get_state(rc),
           ovs_retval_to_string(rconn_get_last_error(rc)));
    printf("sending while disconnected: %s\n",
           ovs_strerror(rconn_send(rc, make_msg(OFP10_VERSION,
                                                OFPT_ECHO_REQUEST, 0),
                                   counter)));
    vconn_close(peer);
    peer = NULL;

    /* The connection lasted longer than the backoff: it restarts at 1 s. */
    timeval_warp(1000);
    spin(rc, pvconn, &peer, &n_accepts, 200, false);
    printf("after 1 s: %s, connections accepted: %d\n", rconn_get_state(rc),
           n_accepts);

    /* What the snooper saw. */
    printf("snooper saw:");
    while ((msg = recv_within(snooper, 100))) {
        printf(" %s", type_name(((struct ofp_header *) msg->data)->type));
        ofpbuf_delete(msg);
    }
    printf("\n");

    /* Queue limits: the peer does not read, so big messages pile up in
     * the rconn's queue until the limit refuses more. */
    int n_sent = 0, n_refused = 0;
    for (int i = 0; i < 40; i++) {
        struct ofpbuf *big = make_msg(rconn_get_version(rc),
                                      OFPT_ECHO_REQUEST, htonl(100 + i));
        ofpbuf_put_zeros(big, 60000);
        if (rconn_send_with_limit(rc, big, counter, 3)) {
            n_refused++;
        } else {
            n_sent++;
        }
    }
    printf("queue limit: %s, counted at most 3: %s, txq %s\n",
           n_refused ? "reached" : "not reached",
           rconn_packet_counter_n_packets(counter) <= 3 ? "yes" : "no",
           rconn_count_txqlen(rc) ? "not empty" : "empty");

    /* Once the peer reads, the queue drains and the counter goes to 0. */
    for (int i = 0; i < 200 && (rconn_packet_counter_n_packets(counter)
                                || rconn_count_txqlen(rc)); i++) {
        spin(rc, NULL, NULL, NULL, 10, false);
        while (peer && !vconn_recv(peer, &msg)) {
            ofpbuf_delete(msg);
        }
    }
    printf("after the peer reads: %u packets, %u bytes counted, txq %u\n",
           rconn_packet_counter_n_packets(counter),
           rconn_packet_counter_n_bytes(counter), rconn_count_txqlen(rc));

    rconn_packet_counter_destroy(counter);
    rconn_destroy(rc);
    vconn_close(peer);
    vconn_close(snooper);
    pvconn_close(pvconn);
    pvconn_close(mon_pvconn);
}

static const struct ovstest_command commands[] = {
    { "server", 1, 2, do_server },
    { "connect", 1, 2, do_connect },
    { "rconn-backoff", 0, 0, do_rconn_backoff },
    { "rconn-probe", 0, 0, do_rconn_probe },
    { NULL, 0, 0, NULL },
};

static void
test_vconn_main(int argc, char *argv[])
{
    enum {
        STREAM_SSL_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        STREAM_SSL_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };

    fatal_ignore_sigpipe();
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "+p:c:C:v::", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        STREAM_SSL_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS

        default:
            exit(EXIT_FAILURE);
        }
    }

    ovstest_run_commands(argc - optind + 1, argv + optind - 1, commands);
}

OVSTEST_REGISTER("test-vconn", test_vconn_main);
