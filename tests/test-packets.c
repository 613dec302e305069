/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Tests for lib/packets.c, lib/csum.c, lib/ofpbuf.c and lib/dp-packet.c:
 *
 *   ofpbuf            Checks the growable buffer.
 *   dp-packet         Checks dp_packet allocation, push/pull, layer
 *                     offsets, VLAN push/pop.
 *   addresses         Checks address parsing and formatting.
 *   rewrite IN OUT    Rewrites every packet of IN with packet_set_*()
 *                     and writes OUT (whose checksums the caller checks).
 *   gso IN OUT MSS    Treats each packet of IN as a TCP/UDP GSO packet
 *                     with 'MSS' and writes the segments to OUT.
 *   csum IN OUT       Treats each packet of IN as one whose L4 checksum
 *                     field holds the pseudo-header sum (a partial
 *                     checksum) and writes it completed to OUT.
 */

#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csum.h"
#include "dp-packet.h"
#include "flow.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovstest.h"
#include "packets.h"
#include "pcap-file.h"

/* Opens 'name' for writing a new capture, with its header. */
static struct pcap_file *
open_pcap_out(const char *name)
{
    struct pcap_file *pcap = ovs_pcap_open(name, "wb");

    if (pcap) {
        ovs_pcap_write_header(pcap, PCAP_ETHERNET);
    }
    return pcap;
}

static void
test_ofpbuf(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    uint8_t stub[8];
    struct ofpbuf b, *c;
    size_t n;
    char *s;

    /* Stub: starts in 'stub', moves to the heap when it outgrows it. */
    ofpbuf_use_stub(&b, stub, sizeof stub);
    ofpbuf_put(&b, "abcd", 4);
    ovs_assert(b.data == stub && b.size == 4);
    b.header = b.data;
    b.msg = (char *) b.data + 2;
    ofpbuf_put(&b, "efghijkl", 8);
    ovs_assert(b.data != stub && b.source == OFPBUF_MALLOC);
    ovs_assert(b.size == 12 && !memcmp(b.data, "abcdefghijkl", 12));
    ovs_assert(b.header == b.data);
    ovs_assert((char *) b.msg == (char *) b.data + 2);

    /* Push, pull, headroom. */
    ofpbuf_push(&b, "01", 2);
    ovs_assert(b.size == 14 && !memcmp(b.data, "01abcdefghijkl", 14));
    ovs_assert(!memcmp(b.header, "abcd", 4));
    ovs_assert(!memcmp(ofpbuf_pull(&b, 3), "01a", 3));
    ovs_assert(ofpbuf_headroom(&b) >= 3);
    ovs_assert(!ofpbuf_try_pull(&b, 100));
    ovs_assert(ofpbuf_at(&b, 0, 11) && !ofpbuf_at(&b, 1, 11));
    ovs_assert(!memcmp(ofpbuf_at_assert(&b, 10, 1), "l", 1));

    /* Insert, padto, trim, shift. */
    ofpbuf_insert(&b, 2, "XY", 2);
    ovs_assert(b.size == 13 && !memcmp(b.data, "bcXYdefghijkl", 13));
    ofpbuf_insert(&b, 13, "Z", 1);
    ovs_assert(!memcmp(b.data, "bcXYdefghijklZ", 14));
    ofpbuf_padto(&b, 16);
    ovs_assert(b.size == 16 && !((char *) b.data)[15]);
    ofpbuf_trim(&b);
    ovs_assert(!ofpbuf_headroom(&b) && !ofpbuf_tailroom(&b));
    ofpbuf_prealloc_tailroom(&b, 10);
    ofpbuf_shift(&b, 4);
    ovs_assert(ofpbuf_headroom(&b) == 4 && !memcmp(b.data, "bcXY", 4));

    /* Clone keeps header offsets. */
    b.header = (char *) b.data + 1;
    c = ofpbuf_clone_with_headroom(&b, 5);
    ovs_assert(ofpbuf_equal(&b, c) && ofpbuf_headroom(c) == 5);
    ovs_assert((char *) c->header == (char *) c->data + 1);
    ofpbuf_delete(c);

    /* Hex. */
    ofpbuf_clear(&b);
    ovs_assert(*ofpbuf_put_hex(&b, "01 0203\tff zz", &n) == 'z');
    ovs_assert(n == 4 && b.size == 4);
    ovs_assert(!memcmp(b.data, "\x01\x02\x03\xff", 4));
    s = ofpbuf_to_string(&b, 16);
    ovs_assert(strstr(s, "01 02 03 ff"));
    free(s);

    /* Steal. */
    s = ofpbuf_steal_data(&b);
    ovs_assert(!memcmp(s, "\x01\x02\x03\xff", 4));
    free(s);
    ofpbuf_uninit(&b);

    /* New with headroom, reserve, push_zeros, put_zeros. */
    c = ofpbuf_new_with_headroom(10, 20);
    ovs_assert(ofpbuf_headroom(c) == 20 && !c->size);
    memset(ofpbuf_push_uninit(c, 21), 'x', 21);
    ovs_assert(c->size == 21);
    ovs_assert(!*(char *) ofpbuf_put_zeros(c, 1000));
    ovs_assert(c->size == 1021 && ((char *) c->data)[20] == 'x');
    ofpbuf_delete(c);

    /* Stack buffers and const buffers. */
    ofpbuf_use_const(&b, "hello", 5);
    ovs_assert(b.size == 5 && !memcmp(ofpbuf_tail(&b), "", 0));
    ofpbuf_use_stack(&b, stub, sizeof stub);
    ofpbuf_put(&b, "12345678", 8);
    ovs_assert(!ofpbuf_tailroom(&b));
    ofpbuf_delete(NULL);
    printf("ok\n");
}

static void
test_dp_packet(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const uint8_t frame[] = {
        0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,     /* dst */
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55,     /* src */
        0x08, 0x00,                             /* IPv4 */
        0x45, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x40, 0x11,
        0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
        0x00, 0x35, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00, /* UDP */
        0xee, 0xee,                             /* L2 padding */
    };
    struct dp_packet_batch batch, batch2;
    struct dp_packet *p, *q;
    struct vlan_eth_header *veh;
    struct flow flow;
    uint8_t stub[16];
    size_t n;
    char *s;

    p = dp_packet_clone_data_with_headroom(frame, sizeof frame, 8);
    ovs_assert(dp_packet_headroom(p) == 8);
    ovs_assert(dp_packet_size(p) == sizeof frame);
    p->md.in_port = 5;
    flow_extract(p, &flow);
    ovs_assert(flow.in_port.odp_port == 5);
    ovs_assert(p->l3_ofs == 14 && p->l4_ofs == 34 && p->l2_pad_size == 2);
    ovs_assert(dp_packet_l3_size(p) == 28 && dp_packet_l4_size(p) == 8);
    ovs_assert(flow.tp_src == htons(53));

    /* VLAN push keeps the layer offsets on their headers. */
    eth_push_vlan(p, htons(ETH_TYPE_VLAN_8021Q), htons(0x1000 | 0x2005));
    veh = dp_packet_data(p);
    ovs_assert(veh->veth_type == htons(ETH_TYPE_VLAN_8021Q));
    ovs_assert(veh->veth_tci == htons(0x2005));
    ovs_assert(veh->veth_next_type == htons(ETH_TYPE_IP));
    ovs_assert(eth_addr_equals(veh->veth_src, flow.dl_src));
    ovs_assert(p->l3_ofs == 18 && p->l4_ofs == 38);
    ovs_assert(dp_packet_headroom(p) == 4);
    flow_extract(p, &flow);
    ovs_assert(flow.vlans[0].tci == htons(0x3005));
    eth_set_vlan_tci(p, htons(0x0007));
    ovs_assert(((struct vlan_eth_header *) dp_packet_data(p))->veth_tci
               == htons(7));

    /* Pushing past the headroom reallocates. */
    eth_push_vlan(p, htons(ETH_TYPE_VLAN_8021AD), htons(0x0064));
    eth_push_vlan(p, htons(ETH_TYPE_VLAN_8021AD), htons(0x0065));
    ovs_assert(p->l3_ofs == 26);
    eth_pop_vlan(p);
    eth_pop_vlan(p);
    eth_pop_vlan(p);
    ovs_assert(p->l3_ofs == 14 && p->l4_ofs == 34);
    ovs_assert(dp_packet_size(p) == sizeof frame);
    ovs_assert(!memcmp(dp_packet_data(p), frame, sizeof frame));
    eth_pop_vlan(p);
    ovs_assert(dp_packet_size(p) == sizeof frame);

    /* Clone. */
    q = dp_packet_clone(p);
    ovs_assert(q->l4_ofs == p->l4_ofs && q->md.in_port == 5);
    ovs_assert(!memcmp(dp_packet_data(q), frame, sizeof frame));

    /* Pull, try_pull, push. */
    ovs_assert(dp_packet_pull(q, 14) == (char *) dp_packet_data(q) - 14);
    ovs_assert(!dp_packet_try_pull(q, 100));
    dp_packet_push(q, "abc", 3);
    ovs_assert(!memcmp(dp_packet_data(q), "abc\x45", 4));
    dp_packet_prealloc_tailroom(q, 1);
    dp_packet_shift(q, 1);
    ovs_assert(!memcmp(dp_packet_data(q), "abc\x45", 4));
    dp_packet_delete(q);

    /* Hex. */
    q = dp_packet_new(0);
    ovs_assert(!*dp_packet_put_hex(q, "0102 03", &n) && n == 3);
    s = dp_packet_to_string(q, 100);
    ovs_assert(strstr(s, "size=3") && strstr(s, "01 02 03"));
    free(s);

    /* Batches. */
    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, p);
    dp_packet_batch_add(&batch, q);
    dp_packet_batch_clone(&batch2, &batch);
    ovs_assert(dp_packet_batch_size(&batch2) == 2);
    ovs_assert(batch2.packets[0] != p);
    ovs_assert(dp_packet_size(batch2.packets[1]) == 3);
    dp_packet_delete_batch(&batch, true);
    dp_packet_delete_batch(&batch2, true);
    ovs_assert(dp_packet_batch_is_empty(&batch));

    /* Stub packets move to the heap when they grow. */
    {
        struct dp_packet b;

        dp_packet_use_stub(&b, stub, sizeof stub);
        dp_packet_put(&b, frame, 10);
        ovs_assert(dp_packet_data(&b) == (void *) stub);
        dp_packet_put(&b, frame + 10, sizeof frame - 10);
        ovs_assert(dp_packet_data(&b) != (void *) stub);
        ovs_assert(!memcmp(dp_packet_data(&b), frame, sizeof frame));
        dp_packet_uninit(&b);
    }
    printf("ok\n");
}

static void
test_addresses(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct in6_addr a6, m6;
    struct eth_addr ea;
    ovs_be32 ip, mask;
    char *error;

    ovs_assert(eth_addr_from_string("0:1:a2:B3:44:ff", &ea));
    ds_put_format(&s, ETH_ADDR_FMT"\n", ETH_ADDR_ARGS(ea));
    ovs_assert(!eth_addr_from_string("00:11:22:33:44", &ea));
    ovs_assert(!eth_addr_from_string("00:11:22:33:44:55x", &ea));
    ovs_assert(eth_addr_is_zero(ea));
    ovs_assert(eth_addr_is_broadcast(eth_addr_broadcast));
    ovs_assert(eth_addr_is_multicast(eth_addr_stp));
    ovs_assert(eth_addr_is_reserved(eth_addr_stp));
    ovs_assert(!eth_addr_is_reserved(eth_addr_bfd));
    eth_addr_random(&ea);
    ovs_assert(!eth_addr_is_multicast(ea) && eth_addr_is_local(ea));
    eth_addr_nicira_random(&ea);
    ovs_assert(eth_addr_is_local(ea) && ea.ea[0] == 0 && ea.ea[2] == 0x20);
    eth_addr_from_uint64(0x0123456789abULL, &ea);
    ovs_assert(eth_addr_to_uint64(ea) == 0x0123456789abULL);
    eth_format_masked(ea, NULL, &s);
    ds_put_char(&s, ' ');
    eth_format_masked(ea, &eth_addr_stp, &s);
    ds_put_char(&s, '\n');

    ovs_assert(!ip_parse_masked("10.1.2.3/255.255.0.0", &ip, &mask));
    ip_format_masked(ip, mask, &s);
    ds_put_char(&s, ' ');
    ovs_assert(!ip_parse_masked("10.1.2.3/255.0.255.0", &ip, &mask));
    ip_format_masked(ip, mask, &s);
    ds_put_char(&s, ' ');
    ovs_assert(!ip_parse_masked("10.1.2.3", &ip, &mask));
    ip_format_masked(ip, mask, &s);
    ds_put_char(&s, ' ');
    ovs_assert(!ip_parse_masked("0.0.0.0/0", &ip, &mask) && !mask);
    ds_put_format(&s, IP_FMT"\n", IP_ARGS(htonl(0xc0a80001)));
    error = ip_parse_masked("10.1.2.300", &ip, &mask);
    ovs_assert(error);
    free(error);
    error = ip_parse_masked("10.1.2.3/33", &ip, &mask);
    ovs_assert(error);
    free(error);

    ovs_assert(!ipv6_parse_masked("2001:db8::1/48", &a6, &m6));
    ipv6_format_masked(&a6, &m6, &s);
    ds_put_char(&s, ' ');
    ovs_assert(ipv6_count_cidr_bits(&m6) == 48 && ipv6_is_cidr(&m6));
    ovs_assert(!ipv6_parse_masked("::1/ffff::ff", &a6, &m6));
    ipv6_format_masked(&a6, &m6, &s);
    ovs_assert(!ipv6_is_cidr(&m6));
    ds_put_char(&s, ' ');
    a6 = in6_addr_mapped_ipv4(htonl(0x01020304));
    ipv6_format_addr_bracket(&a6, &s, true);
    ovs_assert(in6_addr_get_mapped_ipv4(&a6) == htonl(0x01020304));
    ds_put_char(&s, '\n');

    packet_format_tcp_flags(&s, TCP_SYN | TCP_ACK | 0x800);
    ds_put_char(&s, ' ');
    packet_format_tcp_flags(&s, 0);
    ds_put_char(&s, '\n');

    /* RFC 1071 example: the checksum of these bytes is ~0xddf2. */
    {
        static const uint8_t data[] = { 0x00, 0x01, 0xf2, 0x03,
                                        0xf4, 0xf5, 0xf6, 0xf7 };
        ovs_be16 c = csum(data, sizeof data);
        uint32_t partial;

        ovs_assert(c == htons(0x220d));
        partial = csum_continue(0, data, 3);
        ovs_assert(csum_finish(csum_continue(csum_add16(0, htons(0x0001)),
                                             data + 2, 6)) == c);
        ovs_assert(partial);
        /* Incremental update agrees with recomputation. */
        {
            uint8_t copy[sizeof data];
            ovs_be16 old, new;

            memcpy(copy, data, sizeof copy);
            memcpy(&old, copy + 4, 2);
            new = htons(0x1234);
            memcpy(copy + 4, &new, 2);
            ovs_assert(recalc_csum16(c, old, new) == csum(copy, sizeof copy));
        }
    }
    fputs(ds_cstr(&s), stdout);
    ds_destroy(&s);
}

/* Rewrites each packet of IN (see the usage at the top of the file). */
static void
test_rewrite(int argc OVS_UNUSED, char *argv[])
{
    struct pcap_file *in = ovs_pcap_open(argv[1], "rb");
    struct pcap_file *out = open_pcap_out(argv[2]);
    static const struct eth_addr mac1 = ETH_ADDR_C(02, 00, 00, 00, 00, 01);
    static const struct eth_addr mac2 = ETH_ADDR_C(02, 00, 00, 00, 00, 02);
    struct dp_packet *p;

    if (!in || !out) {
        ovs_fatal(errno, "open failed");
    }
    while (!ovs_pcap_read(in, &p, NULL)) {
        struct flow flow;

        flow_extract(p, &flow);
        packet_set_eth_addr(p, mac1, mac2);
        if (flow.dl_type == htons(ETH_TYPE_IP)) {
            packet_set_ipv4(p, htonl(0xc0a80101), htonl(0xc0a80202),
                            flow.nw_tos ^ 0xfc, flow.nw_ttl - 1);
        } else if (flow.dl_type == htons(ETH_TYPE_IPV6)) {
            struct in6_addr src, dst;

            ipv6_parse("2001:db8::aa", &src);
            ipv6_parse("2001:db8::bb", &dst);
            packet_set_ipv6(p, &src, &dst, 0x28, htonl(0xabcde), 9);
        } else if (flow.dl_type == htons(ETH_TYPE_ARP)) {
            packet_set_arp(p, ARP_OP_REPLY, htonl(0x01010101),
                           htonl(0x02020202), mac1, mac2);
        }
        if (!(flow.nw_frag & FLOW_NW_FRAG_LATER) && is_ip_any(&flow)) {
            switch (flow.nw_proto) {
            case IPPROTO_TCP:
                packet_set_tcp_port(p, htons(1111), htons(2222));
                break;
            case IPPROTO_UDP:
                packet_set_udp_port(p, htons(3333), htons(4444));
                break;
            case IPPROTO_SCTP:
                packet_set_sctp_port(p, htons(5555), htons(6666));
                break;
            case IPPROTO_ICMP:
            case IPPROTO_ICMPV6:
                if (flow.tp_src == htons(ND_NEIGHBOR_SOLICIT)
                    || flow.tp_src == htons(ND_NEIGHBOR_ADVERT)) {
                    struct in6_addr target;

                    ipv6_parse("fe80::abcd", &target);
                    packet_set_nd(p, &target, mac1, mac2);
                } else if (flow.dl_type == htons(ETH_TYPE_IPV6)) {
                    packet_set_icmp(p, ICMP6_ECHO_REPLY, 0);
                } else if (flow.tp_src == htons(ICMP4_ECHO_REQUEST)) {
                    packet_set_icmp(p, ICMP4_ECHO_REPLY, 0);
                } else {
                    packet_set_icmp(p, ICMP4_TIME_EXCEEDED, 1);
                }
                break;
            }
        }
        ovs_pcap_write(out, p);
        dp_packet_delete(p);
    }
    ovs_pcap_close(in);
    ovs_pcap_close(out);
}

static void
write_batch(struct pcap_file *out, struct dp_packet_batch *batch)
{
    struct dp_packet *p;

    DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
        ovs_assert(!dp_packet_has_offloads(p));
        ovs_pcap_write(out, p);
    }
    dp_packet_delete_batch(batch, true);
}

static void
test_gso(int argc OVS_UNUSED, char *argv[])
{
    struct pcap_file *in = ovs_pcap_open(argv[1], "rb");
    struct pcap_file *out = open_pcap_out(argv[2]);
    int mss = atoi(argv[3]);
    struct dp_packet *p;

    if (!in || !out) {
        ovs_fatal(errno, "open failed");
    }
    while (!ovs_pcap_read(in, &p, NULL)) {
        struct dp_packet_batch batch;
        struct flow flow;
        int error;

        flow_extract(p, &flow);
        p->vnet.gso_size = mss;
        p->vnet.gso_type = (flow.nw_proto == IPPROTO_UDP
                            ? 5 /* VIRTIO_NET_HDR_GSO_UDP_L4 */
                            : flow.dl_type == htons(ETH_TYPE_IPV6)
                            ? VIRTIO_NET_HDR_GSO_TCPV6
                            : VIRTIO_NET_HDR_GSO_TCPV4);
        ovs_assert(dp_packet_has_offloads(p));
        dp_packet_batch_init(&batch);
        error = dp_packet_resolve_offloads(p, &batch);
        printf("%s: %zu segments\n", error ? ovs_strerror(error) : "ok",
               dp_packet_batch_size(&batch));
        write_batch(out, &batch);
    }
    ovs_pcap_close(in);
    ovs_pcap_close(out);
}

static void
test_csum(int argc OVS_UNUSED, char *argv[])
{
    struct pcap_file *in = ovs_pcap_open(argv[1], "rb");
    struct pcap_file *out = open_pcap_out(argv[2]);
    struct dp_packet *p;

    if (!in || !out) {
        ovs_fatal(errno, "open failed");
    }
    while (!ovs_pcap_read(in, &p, NULL)) {
        struct dp_packet_batch batch;
        struct flow flow;
        int error;

        flow_extract(p, &flow);
        p->vnet.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        p->vnet.csum_start = p->l4_ofs;
        p->vnet.csum_offset = (flow.nw_proto == IPPROTO_TCP
                               ? offsetof(struct tcp_header, tcp_csum)
                               : offsetof(struct udp_header, udp_csum));
        dp_packet_batch_init(&batch);
        error = dp_packet_resolve_offloads(p, &batch);
        ovs_assert(!error);
        ovs_assert(dp_packet_batch_size(&batch) == 1);
        write_batch(out, &batch);
    }
    ovs_pcap_close(in);
    ovs_pcap_close(out);
}

/* Writes, appends to and reads back a pcap file in directory 'argv[1]'. */
static void
test_pcap(int argc OVS_UNUSED, char *argv[])
{
    char *name = xasprintf("%s/test.pcap", argv[1]);
    struct pcap_file *pcap;
    struct dp_packet *p;
    long long int when;
    int i;

    pcap = open_pcap_out(name);
    ovs_assert(pcap);
    for (i = 0; i < 2; i++) {
        p = dp_packet_new(0);
        memset(dp_packet_put_uninit(p, 60 + i), 'a' + i, 60 + i);
        ovs_pcap_write(pcap, p);
        dp_packet_delete(p);
    }
    ovs_pcap_close(pcap);

    pcap = ovs_pcap_open(name, "ab");
    ovs_assert(pcap);
    p = dp_packet_new(0);
    ovs_pcap_write(pcap, p);    /* An empty packet. */
    dp_packet_delete(p);
    ovs_pcap_close(pcap);

    pcap = ovs_pcap_open(name, "rb");
    ovs_assert(pcap);
    for (i = 0; !ovs_pcap_read(pcap, &p, &when); i++) {
        ovs_assert(when > 1000000LL * 1000000000);
        printf("packet %d: %"PRIu32" bytes", i, dp_packet_size(p));
        if (dp_packet_size(p)) {
            printf(" of '%c'", *(char *) dp_packet_data(p));
        }
        putchar('\n');
        dp_packet_delete(p);
    }
    ovs_pcap_close(pcap);
    free(name);

    /* Not a pcap file. */
    name = xasprintf("%s/bad.pcap", argv[1]);
    FILE *f = fopen(name, "w");
    fputs("this is not a capture file at all", f);
    fclose(f);
    ovs_assert(!ovs_pcap_open(name, "rb") && errno == EPROTO);
    ovs_assert(!ovs_pcap_open(name, "ab"));
    free(name);
}

static const struct ovstest_command commands[] = {
    { "pcap", 1, 1, test_pcap },
    { "ofpbuf", 0, 0, test_ofpbuf },
    { "dp-packet", 0, 0, test_dp_packet },
    { "addresses", 0, 0, test_addresses },
    { "rewrite", 2, 2, test_rewrite },
    { "gso", 3, 3, test_gso },
    { "csum", 2, 2, test_csum },
    { NULL, 0, 0, NULL },
};

static void
test_packets_main(int argc, char *argv[])
{
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-packets", test_packets_main);
