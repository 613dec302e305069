/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Drives the Linux netdev classes ("system", "internal", "tap") from the
 * shell, for tests/system-netdev-linux.at (which needs root and runs in
 * network namespaces).  Devices are named TYPE:NAME or just NAME (then
 * "system").  Subcommands:
 *
 *   attrs DEV                 print the device's attributes
 *   stats DEV                 print its main counters
 *   monitor DEV CMD...        for each shell command CMD: run it, wait (up
 *                             to 5 s) for the device's change sequence
 *                             number to move, print "changed" or
 *                             "unchanged" and the attributes
 *   set DEV mtu=N|mac=M|up|down|promisc|nopromisc...
 *                             change attributes through the netdev API
 *   send DEV HEX...           send the frames, in one batch
 *   recv DEV N MSEC [READY]   receive until N frames arrived or MSEC
 *                             passed, printing each frame; creates file
 *                             READY once the receive queue is open
 *   forward DEV1 DEV2 STOP [READY]
 *                             forward frames between DEV1 and DEV2 both
 *                             ways until file STOP exists, then print
 *                             per-direction counts (frames, GSO frames)
 *   remove DEV CMD            run CMD (which should delete the device),
 *                             then show how the device behaves
 *   stall DEV STOP [READY]    open a receive queue and never read it,
 *                             until file STOP exists; then print the
 *                             device's rx_dropped counter
 */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dp-packet.h"
#include "netdev-provider.h"
#include "netdev.h"
#include "openvswitch/util.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "smap.h"
#include "timeval.h"

/* Opens "TYPE:NAME" (or "NAME", type "system") and returns it. */
static struct netdev *
open_dev(const char *spec)
{
    const char *colon = strchr(spec, ':');
    struct netdev *netdev;
    char *type;
    int error;

    netdev_linux_register();
    type = colon ? xmemdup0(spec, colon - spec) : xstrdup("system");
    error = netdev_open(colon ? colon + 1 : spec, type, &netdev);
    if (error) {
        ovs_fatal(0, "%s: open failed (%s)", spec, ovs_strerror(error));
    }
    free(type);
    return netdev;
}

static struct netdev_rxq *
open_rxq(struct netdev *netdev)
{
    struct netdev_rxq *rxq;
    int error = netdev_rxq_open(netdev, &rxq, 0);

    if (error) {
        ovs_fatal(0, "%s: rxq open failed (%s)", netdev_get_name(netdev),
                  ovs_strerror(error));
    }
    return rxq;
}

static void
touch(const char *file)
{
    FILE *f = fopen(file, "w");

    if (f) {
        fclose(f);
    }
}

static void
print_attrs(const struct netdev *netdev)
{
    enum netdev_flags flags = 0;
    struct eth_addr mac;
    bool carrier = false;
    int ifindex;
    int error;
    int mtu;

    printf("name=%s\n", netdev_get_name(netdev));
    ifindex = netdev_get_ifindex(netdev);
    if (ifindex >= 0) {
        printf("ifindex=%d\n", ifindex);
    } else {
        printf("ifindex=error:%s\n", ovs_strerror(-ifindex));
    }
    error = netdev_get_mtu(netdev, &mtu);
    if (!error) {
        printf("mtu=%d\n", mtu);
    } else {
        printf("mtu=error:%s\n", ovs_strerror(error));
    }
    error = netdev_get_etheraddr(netdev, &mac);
    if (!error) {
        printf("mac=%02x:%02x:%02x:%02x:%02x:%02x\n", mac.ea[0], mac.ea[1],
               mac.ea[2], mac.ea[3], mac.ea[4], mac.ea[5]);
    } else {
        printf("mac=error:%s\n", ovs_strerror(error));
    }
    netdev_get_carrier(netdev, &carrier);
    printf("carrier=%s\n", carrier ? "true" : "false");
    printf("carrier_resets=%lld\n", netdev_get_carrier_resets(netdev));
    error = netdev_get_flags(netdev, &flags);
    if (!error) {
        printf("flags=%s%s%s\n",
               flags & NETDEV_UP ? "up" : "down",
               flags & NETDEV_PROMISC ? ",promisc" : "",
               flags & NETDEV_LOOPBACK ? ",loopback" : "");
    } else {
        printf("flags=error:%s\n", ovs_strerror(error));
    }
    fflush(stdout);
}

static void
cmd_attrs(int argc OVS_UNUSED, char *argv[])
{
    struct netdev *netdev = open_dev(argv[1]);
    struct smap status = SMAP_INITIALIZER(&status);

    print_attrs(netdev);
    if (!netdev_get_status(netdev, &status)) {
        printf("driver_name=%s\n", smap_get_def(&status, "driver_name", ""));
    }
    smap_destroy(&status);
    netdev_close(netdev);
}

static void
cmd_stats(int argc OVS_UNUSED, char *argv[])
{
    struct netdev *netdev = open_dev(argv[1]);
    struct netdev_stats s;
    int error = netdev_get_stats(netdev, &s);

    if (error) {
        ovs_fatal(0, "get_stats failed (%s)", ovs_strerror(error));
    }
    printf("rx_packets=%"PRIu64"\n" "tx_packets=%"PRIu64"\n"
           "rx_bytes=%"PRIu64"\n" "tx_bytes=%"PRIu64"\n"
           "rx_dropped=%"PRIu64"\n" "tx_dropped=%"PRIu64"\n"
           "rx_errors=%"PRIu64"\n" "tx_errors=%"PRIu64"\n",
           s.rx_packets, s.tx_packets, s.rx_bytes, s.tx_bytes,
           s.rx_dropped, s.tx_dropped, s.rx_errors, s.tx_errors);
    netdev_close(netdev);
}

/* Runs the netdev modules until 'netdev''s change sequence number is no
 * longer 'seq' or 'msec' milliseconds passed.  Returns true if it
 * changed. */
static bool
wait_for_change(const struct netdev *netdev, uint64_t seq, int msec)
{
    long long int deadline = time_msec() + msec;
    bool changed = false;

    for (;;) {
        netdev_run();
        if (!changed && netdev_get_change_seq(netdev) != seq) {
            /* One change often comes in several notifications (e.g. the
             * operational state follows the administrative one): let
             * them settle. */
            changed = true;
            deadline = time_msec() + 300;
        }
        if (changed && time_msec() >= deadline) {
            return true;
        }
        if (time_msec() >= deadline) {
            return false;
        }
        netdev_wait();
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

static void
cmd_monitor(int argc, char *argv[])
{
    struct netdev *netdev = open_dev(argv[1]);

    print_attrs(netdev);
    for (int i = 2; i < argc; i++) {
        uint64_t seq = netdev_get_change_seq(netdev);

        printf("-- %s\n", argv[i]);
        fflush(stdout);
        if (system(argv[i])) {
            ovs_fatal(0, "\"%s\" failed", argv[i]);
        }
        printf("%s\n", wait_for_change(netdev, seq, 5000)
               ? "changed" : "unchanged");
        print_attrs(netdev);
    }
    netdev_close(netdev);
}

static void
cmd_set(int argc, char *argv[])
{
    struct netdev *netdev = open_dev(argv[1]);

    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        enum netdev_flags old;
        int error;

        if (!strncmp(arg, "mtu=", 4)) {
            error = netdev_set_mtu(netdev, atoi(arg + 4));
        } else if (!strncmp(arg, "mac=", 4)) {
            struct eth_addr mac;

            if (sscanf(arg + 4, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
                       &mac.ea[0], &mac.ea[1], &mac.ea[2], &mac.ea[3],
                       &mac.ea[4], &mac.ea[5]) != 6) {
                ovs_fatal(0, "%s: bad MAC", arg);
            }
            error = netdev_set_etheraddr(netdev, mac);
        } else if (!strcmp(arg, "up")) {
            error = netdev_turn_flags_on(netdev, NETDEV_UP, &old);
        } else if (!strcmp(arg, "down")) {
            error = netdev_turn_flags_off(netdev, NETDEV_UP, &old);
        } else if (!strcmp(arg, "promisc")) {
            error = netdev_turn_flags_on(netdev, NETDEV_PROMISC, &old);
        } else if (!strcmp(arg, "nopromisc")) {
            error = netdev_turn_flags_off(netdev, NETDEV_PROMISC, &old);
        } else {
            ovs_fatal(0, "%s: unknown setting", arg);
        }
        printf("%s: %s\n", arg, error ? ovs_strerror(error) : "ok");
    }
    print_attrs(netdev);
    netdev_close(netdev);
}

static void
cmd_send(int argc, char *argv[])
{
    struct netdev *netdev = open_dev(argv[1]);
    struct dp_packet_batch batch;
    int error;

    dp_packet_batch_init(&batch);
    for (int i = 2; i < argc; i++) {
        struct dp_packet *p = dp_packet_new(strlen(argv[i]) / 2 + 1);
        size_t n;

        if (*dp_packet_put_hex(p, argv[i], &n) != '\0') {
            ovs_fatal(0, "%s: bad hex", argv[i]);
        }
        dp_packet_batch_add(&batch, p);
    }
    error = netdev_send(netdev, 0, &batch, false);
    printf("sent %d: %s\n", argc - 2, error ? ovs_strerror(error) : "ok");
    netdev_close(netdev);
    exit(error ? 1 : 0);
}

static void
print_packet(const struct dp_packet *p)
{
    const uint8_t *data = dp_packet_data(p);

    for (size_t i = 0; i < dp_packet_size(p); i++) {
        printf("%02x", data[i]);
    }
    if (p->vnet.flags || p->vnet.gso_type) {
        printf(" vnet(flags=%u,gso_type=%u,gso_size=%u,csum_start=%u,"
               "csum_offset=%u)", p->vnet.flags, p->vnet.gso_type,
               p->vnet.gso_size, p->vnet.csum_start, p->vnet.csum_offset);
    }
    printf("\n");
}

static void
cmd_recv(int argc, char *argv[])
{
    struct netdev *netdev = open_dev(argv[1]);
    struct netdev_rxq *rxq = open_rxq(netdev);
    int want = atoi(argv[2]);
    long long int deadline = time_msec() + atoi(argv[3]);
    int got = 0;

    if (argc > 4) {
        touch(argv[4]);
    }
    while (got < want && time_msec() < deadline) {
        struct dp_packet_batch batch;
        struct dp_packet *p;

        netdev_run();
        dp_packet_batch_init(&batch);
        if (!netdev_rxq_recv(rxq, &batch, NULL)) {
            DP_PACKET_BATCH_FOR_EACH (i, p, &batch) {
                print_packet(p);
                got++;
            }
            dp_packet_delete_batch(&batch, true);
            fflush(stdout);
            continue;
        }
        netdev_wait();
        netdev_rxq_wait(rxq);
        poll_timer_wait_until(deadline);
        poll_block();
    }
    netdev_rxq_close(rxq);
    netdev_close(netdev);
    if (got < want) {
        ovs_fatal(0, "received %d of %d frames", got, want);
    }
}

/* One direction of "forward". */
struct fwd_dir {
    struct netdev_rxq *rxq;         /* Where frames come from. */
    struct netdev *out;             /* Where they go. */
    uint64_t packets;               /* Frames forwarded. */
    uint64_t gso;                   /* ...of which GSO frames. */
    uint64_t csum;                  /* ...with partial checksums. */
    uint32_t max_size;              /* Largest frame. */
};

/* Forwards what is waiting on 'd''s rxq.  Returns true if it did some
 * work. */
static bool
fwd_run(struct fwd_dir *d)
{
    bool busy = false;

    for (int i = 0; i < 64; i++) {
        struct dp_packet_batch batch;
        struct dp_packet *p;

        dp_packet_batch_init(&batch);
        if (netdev_rxq_recv(d->rxq, &batch, NULL)) {
            break;
        }
        busy = true;
        DP_PACKET_BATCH_FOR_EACH (j, p, &batch) {
            d->packets++;
            d->gso += p->vnet.gso_type != VIRTIO_NET_HDR_GSO_NONE;
            d->csum += (p->vnet.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) != 0;
            d->max_size = MAX(d->max_size, dp_packet_size(p));
        }
        netdev_send(d->out, 0, &batch, true);
    }
    return busy;
}

static void
cmd_forward(int argc, char *argv[])
{
    struct netdev *a = open_dev(argv[1]);
    struct netdev *b = open_dev(argv[2]);
    const char *stop = argv[3];
    struct fwd_dir ab = { .rxq = open_rxq(a), .out = b };
    struct fwd_dir ba = { .rxq = open_rxq(b), .out = a };

    if (argc > 4) {
        touch(argv[4]);
    }
    for (;;) {
        bool busy;

        netdev_run();
        busy = fwd_run(&ab);
        busy |= fwd_run(&ba);
        if (!access(stop, F_OK)) {
            break;
        }
        if (busy) {
            continue;
        }
        netdev_wait();
        netdev_rxq_wait(ab.rxq);
        netdev_rxq_wait(ba.rxq);
        poll_timer_wait(100);
        poll_block();
    }
    printf("%s->%s: packets=%"PRIu64" gso=%"PRIu64" csum=%"PRIu64
           " max_size=%"PRIu32"\n", netdev_get_name(a), netdev_get_name(b),
           ab.packets, ab.gso, ab.csum, ab.max_size);
    printf("%s->%s: packets=%"PRIu64" gso=%"PRIu64" csum=%"PRIu64
           " max_size=%"PRIu32"\n", netdev_get_name(b), netdev_get_name(a),
           ba.packets, ba.gso, ba.csum, ba.max_size);
    netdev_rxq_close(ab.rxq);
    netdev_rxq_close(ba.rxq);
    netdev_close(a);
    netdev_close(b);
}

static void
cmd_remove(int argc OVS_UNUSED, char *argv[])
{
    struct netdev *netdev = open_dev(argv[1]);
    struct netdev_rxq *rxq = open_rxq(netdev);
    uint64_t seq = netdev_get_change_seq(netdev);
    struct dp_packet_batch batch;
    bool carrier;
    int error;

    if (system(argv[2])) {
        ovs_fatal(0, "\"%s\" failed", argv[2]);
    }
    printf("%s\n", wait_for_change(netdev, seq, 5000)
           ? "changed" : "unchanged");

    netdev_get_carrier(netdev, &carrier);
    printf("carrier=%s\n", carrier ? "true" : "false");
    dp_packet_batch_init(&batch);
    error = netdev_rxq_recv(rxq, &batch, NULL);
    printf("recv: %s\n", error ? ovs_strerror(error) : "ok");
    dp_packet_delete_batch(&batch, true);

    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, dp_packet_new(64));
    dp_packet_put_zeros(batch.packets[0], 60);
    error = netdev_send(netdev, 0, &batch, false);
    printf("send: %s\n", error ? ovs_strerror(error) : "ok");
    error = netdev_get_ifindex(netdev);
    printf("ifindex: %s\n", error < 0 ? ovs_strerror(-error) : "ok");

    /* The forwarding thread would sleep here: the wait must not spin. */
    netdev_rxq_wait(rxq);
    poll_timer_wait(200);
    long long int start = time_msec();
    poll_block();
    printf("slept: %s\n", time_msec() - start >= 150 ? "yes" : "no");

    netdev_rxq_close(rxq);
    netdev_close(netdev);
}

static void
cmd_stall(int argc, char *argv[])
{
    struct netdev *netdev = open_dev(argv[1]);
    struct netdev_rxq *rxq = open_rxq(netdev);
    struct netdev_stats stats;
    int error;

    if (argc > 3) {
        touch(argv[3]);
    }
    while (access(argv[2], F_OK)) {
        poll_timer_wait(50);
        poll_block();
    }
    error = netdev_get_stats(netdev, &stats);
    if (error) {
        ovs_fatal(0, "get_stats failed (%s)", ovs_strerror(error));
    }
    printf("rx_dropped=%"PRIu64"\n", stats.rx_dropped);
    netdev_rxq_close(rxq);
    netdev_close(netdev);
}

static void
test_netdev_linux_main(int argc, char *argv[])
{
    static const struct ovstest_command commands[] = {
        { "attrs", 1, 1, cmd_attrs },
        { "stats", 1, 1, cmd_stats },
        { "monitor", 1, INT_MAX, cmd_monitor },
        { "set", 2, INT_MAX, cmd_set },
        { "send", 2, INT_MAX, cmd_send },
        { "recv", 3, 4, cmd_recv },
        { "forward", 3, 4, cmd_forward },
        { "remove", 2, 2, cmd_remove },
        { "stall", 2, 3, cmd_stall },
        { NULL, 0, 0, NULL },
    };

    setvbuf(stdout, NULL, _IOLBF, 0);
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-netdev-linux", test_netdev_linux_main);
