/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at:
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/* udp-blast: the packet generator of tests/perf/userspace-bench.
 *
 *     udp-blast IFACE SRC-MAC DST-MAC SRC-IP DST-IP N-FLOWS VARY SECONDS
 *
 * sends minimum-size Ethernet frames (60 bytes, 64 with the FCS) carrying
 * IPv4/UDP out of IFACE through an AF_PACKET socket with sendmmsg(), as
 * fast as it can, for SECONDS seconds (a fraction is fine).  N-FLOWS
 * distinct frames are sent in turn; VARY says what differs between them:
 * "sport" (the UDP source port, so that the flows share one megaflow of a
 * MAC-learning switch but not an exact-match cache entry) or "dmac" (the
 * low 16 bits of the destination MAC, so that each flow needs a megaflow of
 * its own).  With SECONDS 0 it sends every frame exactly once.
 *
 * It prints the number of frames sent and the seconds it took on one line
 * ("sent N in S s") and exits 0, or prints an error and exits 1.  It is
 * compiled by the benchmark at run time; it is not part of the build. */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Frames per sendmmsg() call. */
#define BATCH 64

/* Frame size without the FCS. */
#define FRAME_SIZE 60

/* Prints a message built from 'msg' and errno to stderr and exits 1. */
static void
die(const char *msg)
{
    fprintf(stderr, "udp-blast: %s: %s\n", msg, strerror(errno));
    exit(1);
}

/* Parses the MAC "xx:xx:xx:xx:xx:xx" in 's' into 'mac', exits on error. */
static void
parse_mac(const char *s, uint8_t mac[6])
{
    unsigned int b[6];

    if (sscanf(s, "%x:%x:%x:%x:%x:%x",
               &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6) {
        fprintf(stderr, "udp-blast: bad MAC %s\n", s);
        exit(1);
    }
    for (int i = 0; i < 6; i++) {
        mac[i] = b[i];
    }
}

/* Returns the Internet checksum of the 'n' bytes at 'p' (n even). */
static uint16_t
ip_csum(const uint8_t *p, size_t n)
{
    uint32_t sum = 0;

    for (size_t i = 0; i < n; i += 2) {
        sum += (p[i] << 8) | p[i + 1];
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum & 0xffff;
}

/* Returns the monotonic time in seconds. */
static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Fills 'f' with flow number 'i' of the frame template. */
static void
make_frame(uint8_t *f, const uint8_t smac[6], const uint8_t dmac[6],
           uint32_t sip, uint32_t dip, unsigned int i, int vary_dmac)
{
    uint16_t sport = vary_dmac ? 1024 : 1024 + i % 64000;
    uint16_t csum;

    memset(f, 0, FRAME_SIZE);
    memcpy(f, dmac, 6);
    if (vary_dmac) {
        f[4] = (i >> 8) & 0xff;
        f[5] = i & 0xff;
    }
    memcpy(f + 6, smac, 6);
    f[12] = 0x08;                       /* ETH_TYPE_IP. */
    f[13] = 0x00;

    uint8_t *ip = f + 14;
    ip[0] = 0x45;
    ip[2] = 0;
    ip[3] = FRAME_SIZE - 14;            /* Total length. */
    ip[8] = 64;                         /* TTL. */
    ip[9] = 17;                         /* UDP. */
    memcpy(ip + 12, &sip, 4);
    memcpy(ip + 16, &dip, 4);
    csum = ip_csum(ip, 20);
    ip[10] = csum >> 8;
    ip[11] = csum & 0xff;

    uint8_t *udp = ip + 20;
    udp[0] = sport >> 8;
    udp[1] = sport & 0xff;
    udp[2] = 9 >> 8;                    /* Discard. */
    udp[3] = 9;
    udp[4] = 0;
    udp[5] = FRAME_SIZE - 14 - 20;      /* Length; checksum stays 0. */
}

int
main(int argc, char *argv[])
{
    uint8_t smac[6], dmac[6];
    struct in_addr sip, dip;

    if (argc != 9) {
        fprintf(stderr, "usage: udp-blast IFACE SRC-MAC DST-MAC SRC-IP "
                "DST-IP N-FLOWS sport|dmac SECONDS\n");
        return 1;
    }
    parse_mac(argv[2], smac);
    parse_mac(argv[3], dmac);
    if (!inet_aton(argv[4], &sip) || !inet_aton(argv[5], &dip)) {
        fprintf(stderr, "udp-blast: bad IP address\n");
        return 1;
    }
    unsigned int n_flows = strtoul(argv[6], NULL, 10);
    int vary_dmac = !strcmp(argv[7], "dmac");
    double seconds = strtod(argv[8], NULL);
    if (n_flows < 1 || n_flows > 65536) {
        fprintf(stderr, "udp-blast: N-FLOWS must be 1...65536\n");
        return 1;
    }

    int fd = socket(AF_PACKET, SOCK_RAW, 0);
    if (fd < 0) {
        die("socket");
    }
    struct sockaddr_ll sll = {
        .sll_family = AF_PACKET,
        .sll_ifindex = if_nametoindex(argv[1]),
        .sll_halen = 6,
    };
    if (!sll.sll_ifindex) {
        die(argv[1]);
    }
    if (bind(fd, (struct sockaddr *) &sll, sizeof sll) < 0) {
        die("bind");
    }
    /* Skip the qdisc, as pktgen does: the switch is what we measure. */
    int one = 1;
    setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one);

    uint8_t *frames = malloc((size_t) n_flows * FRAME_SIZE);
    if (!frames) {
        die("malloc");
    }
    for (unsigned int i = 0; i < n_flows; i++) {
        make_frame(frames + (size_t) i * FRAME_SIZE, smac, dmac,
                   sip.s_addr, dip.s_addr, i, vary_dmac);
    }

    struct mmsghdr msgs[BATCH];
    struct iovec iovs[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        iovs[i].iov_len = FRAME_SIZE;
    }

    unsigned long long sent = 0;
    unsigned long long calls = 0;
    unsigned int next = 0;
    double start = now();
    double end = start + seconds;
    for (;;) {
        int n = BATCH;
        if (seconds <= 0 && sent + n > n_flows) {
            n = n_flows - sent;
            if (n <= 0) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            iovs[i].iov_base = frames + (size_t) next * FRAME_SIZE;
            if (++next >= n_flows) {
                next = 0;
            }
        }
        int k = sendmmsg(fd, msgs, n, 0);
        if (k < 0) {
            if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) {
                continue;
            }
            die("sendmmsg");
        }
        sent += k;
        if (k < n) {
            /* Frames not sent go again next time. */
            next = (next + n_flows - (n - k)) % n_flows;
        }
        if (seconds > 0 && ++calls % 16 == 0 && now() >= end) {
            break;
        }
    }
    printf("sent %llu in %.3f s\n", sent, now() - start);
    return 0;
}
