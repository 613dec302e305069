/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Tests for lib/flow.c and lib/match.c:
 *
 *   parse-pcap FILE       Prints the flow of each packet in FILE, as
 *                         "ovs-ofctl ofp-print" prints a packet-in's.
 *   compose-pcap IN OUT   Writes to OUT the packet that flow_compose()
 *                         builds from the flow of each packet in IN, and
 *                         checks that it extracts back to the same flow.
 *   compose-hex FILE      Prints the packet composed from the flow of
 *                         each packet in FILE (hex, one per line).
 *   parse-match MATCH...  Prints each MATCH parsed and formatted again.
 *   parse-exact FLOW...   Prints each FLOW parsed as an exact flow, as
 *                         ofproto/trace prints it.
 *   wildcards             Checks the wildcard helpers.
 */

#include <config.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "flow.h"
#include "match.h"
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

/* Appends the checksum that "ovs-ofctl ofp-print" shows after a packet's
 * flow. */
static void
format_l4_csum(struct ds *s, const struct dp_packet *packet,
               const struct flow *flow)
{
    const void *l4 = dp_packet_l4(packet);
    size_t l4_size = dp_packet_l4_size(packet);

    if (!l4 || !is_ip_any(flow)) {
        return;
    }
    if (flow->nw_proto == IPPROTO_TCP && l4_size >= TCP_HEADER_LEN) {
        const struct tcp_header *th = l4;

        ds_put_format(s, " tcp_csum:%"PRIx16, ntohs(th->tcp_csum));
    } else if (flow->nw_proto == IPPROTO_UDP && l4_size >= UDP_HEADER_LEN) {
        const struct udp_header *uh = l4;

        ds_put_format(s, " udp_csum:%"PRIx16, ntohs(uh->udp_csum));
    } else if (flow->nw_proto == IPPROTO_SCTP
               && l4_size >= SCTP_HEADER_LEN) {
        const struct sctp_header *sh = l4;

        ds_put_format(s, " sctp_csum:%"PRIx32,
                      ntohl(get_16aligned_be32(&sh->sctp_csum)));
    } else if (flow->nw_proto == IPPROTO_ICMP
               && l4_size >= ICMP_HEADER_LEN) {
        const struct icmp_header *ih = l4;

        ds_put_format(s, " icmp_csum:%"PRIx16, ntohs(ih->icmp_csum));
    } else if (flow->nw_proto == IPPROTO_ICMPV6
               && l4_size >= ICMP6_HEADER_LEN) {
        const struct icmp6_header *ih = l4;

        ds_put_format(s, " icmp6_csum:%"PRIx16, ntohs(ih->icmp6_cksum));
    }
}

static void
test_parse_pcap(int argc OVS_UNUSED, char *argv[])
{
    struct pcap_file *pcap = ovs_pcap_open(argv[1], "rb");
    struct dp_packet *packet;
    int error;

    if (!pcap) {
        ovs_fatal(errno, "%s: open failed", argv[1]);
    }
    while (!(error = ovs_pcap_read(pcap, &packet, NULL))) {
        struct ds s = DS_EMPTY_INITIALIZER;
        struct flow flow;

        flow_extract(packet, &flow);
        flow_format(&s, &flow);
        format_l4_csum(&s, packet, &flow);
        puts(ds_cstr(&s));
        ds_destroy(&s);
        dp_packet_delete(packet);
    }
    if (error != EOF) {
        ovs_fatal(error, "%s: read failed", argv[1]);
    }
    ovs_pcap_close(pcap);
}

/* Returns the payload of 'packet' past its innermost parsed header, for
 * flow_compose(). */
static void
get_l7(const struct dp_packet *packet, const struct flow *flow,
       const uint8_t **l7, size_t *l7_len)
{
    const uint8_t *end = (const uint8_t *) dp_packet_tail(packet)
                         - packet->l2_pad_size;
    const uint8_t *p = dp_packet_l4(packet);

    if (p && !(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
        size_t hlen = 0;

        switch (flow->nw_proto) {
        case IPPROTO_TCP:
            hlen = TCP_OFFSET(((const struct tcp_header *) p)->tcp_ctl) * 4;
            break;
        case IPPROTO_UDP:
            hlen = UDP_HEADER_LEN;
            break;
        case IPPROTO_SCTP:
            hlen = SCTP_HEADER_LEN;
            break;
        case IPPROTO_ICMP:
        case IPPROTO_IGMP:
            hlen = ICMP_HEADER_LEN;
            break;
        case IPPROTO_ICMPV6:
            hlen = end - p;
            break;
        }
        p = p + hlen <= end ? p + hlen : end;
    } else if (!p) {
        p = end;
    }
    *l7 = p;
    *l7_len = end - p;
}

static void
test_compose_pcap(int argc OVS_UNUSED, char *argv[])
{
    struct pcap_file *in = ovs_pcap_open(argv[1], "rb");
    struct pcap_file *out = open_pcap_out(argv[2]);
    struct dp_packet *packet;
    int n = 0, n_bad = 0, n_skipped = 0;

    if (!in || !out) {
        ovs_fatal(errno, "open failed");
    }
    while (!ovs_pcap_read(in, &packet, NULL)) {
        struct dp_packet composed;
        struct flow flow, flow2;
        const uint8_t *l7;
        size_t l7_len;

        n++;
        flow_extract(packet, &flow);
        if (flow.dl_type == htons(ETH_TYPE_IPV6) && flow.nw_frag) {
            /* flow_compose(), like upstream's, composes no IPv6 fragment
             * header: keep the original. */
            n_skipped++;
            ovs_pcap_write(out, packet);
            dp_packet_delete(packet);
            continue;
        }
        get_l7(packet, &flow, &l7, &l7_len);
        dp_packet_init(&composed, 0);
        flow_compose(&composed, &flow, l7, l7_len);
        flow_extract(&composed, &flow2);
        if (eth_type_mpls(flow.dl_type)
            && !((flow.mpls_lse[0] | flow.mpls_lse[1] | flow.mpls_lse[2])
                 & htonl(MPLS_BOS_MASK))) {
            /* More MPLS labels than a flow holds: not reproducible. */
        } else if (!flow_equal(&flow, &flow2)) {
            char *s1 = flow_to_string(&flow);
            char *s2 = flow_to_string(&flow2);

            printf("packet %d: flow mismatch\n  %s\n  %s\n", n, s1, s2);
            free(s1);
            free(s2);
            n_bad++;
        }
        ovs_pcap_write(out, &composed);
        dp_packet_uninit(&composed);
        dp_packet_delete(packet);
    }
    ovs_pcap_close(in);
    ovs_pcap_close(out);
    printf("%d packets, %d IPv6 fragments skipped, %d mismatches\n", n,
           n_skipped, n_bad);
}

/* For each line of hex in file 'argv[1]', prints in hex the packet that
 * flow_compose() builds from the flow of that packet, with the payload
 * that netdev-dummy/receive gives it (64 bytes of 0, 1, 2, ...). */
static void
test_compose_hex(int argc OVS_UNUSED, char *argv[])
{
    FILE *file = fopen(argv[1], "r");
    struct ds line = DS_EMPTY_INITIALIZER;

    if (!file) {
        ovs_fatal(errno, "%s: open failed", argv[1]);
    }
    while (!ds_get_line(&line, file)) {
        struct dp_packet *packet = dp_packet_new(0);
        struct dp_packet composed;
        struct flow flow;
        struct ds out = DS_EMPTY_INITIALIZER;

        ovs_assert(!*dp_packet_put_hex(packet, ds_cstr(&line), NULL));
        flow_extract(packet, &flow);
        dp_packet_init(&composed, 0);
        flow_compose(&composed, &flow, NULL, 64);
        for (size_t i = 0; i < dp_packet_size(&composed); i++) {
            ds_put_format(&out, "%02x",
                          ((uint8_t *) dp_packet_data(&composed))[i]);
        }
        puts(ds_cstr(&out));
        ds_destroy(&out);
        dp_packet_uninit(&composed);
        dp_packet_delete(packet);
    }
    ds_destroy(&line);
    fclose(file);
}

static void
test_parse_match(int argc, char *argv[])
{
    for (int i = 1; i < argc; i++) {
        struct match match, match2;
        int priority, priority2;
        char *error, *s;

        error = match_parse(argv[i], NULL, &match, &priority);
        if (error) {
            printf("error: %s\n", error);
            free(error);
            continue;
        }
        s = match_to_string(&match, NULL, priority);
        puts(s);

        /* What we print must parse back to the same match. */
        error = match_parse(s, NULL, &match2, &priority2);
        ovs_assert(!error);
        ovs_assert(match_equal(&match, &match2));
        ovs_assert(priority == priority2);
        free(s);
    }
}

/* Prints each FLOW of 'argv' parsed with parse_ofp_exact_flow(), the way
 * ofproto/trace prints its "Flow:" line or its error. */
static void
test_parse_exact(int argc, char *argv[])
{
    for (int i = 1; i < argc; i++) {
        struct flow flow;
        char *error;

        error = parse_ofp_exact_flow(&flow, NULL, NULL, argv[i], NULL);
        if (error) {
            printf("Bad openflow flow syntax: %s\n", error);
            free(error);
        } else {
            char *s = flow_to_string(&flow);

            printf("Flow: %s\n", s);
            free(s);
        }
    }
}

static void
test_wildcards(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct flow_wildcards a, b, c;
    struct flow f1, f2;
    struct match m;
    char *error;

    flow_wildcards_init_catchall(&a);
    ovs_assert(flow_wildcards_is_catchall(&a));
    flow_wildcards_init_exact(&b);
    ovs_assert(!flow_wildcards_is_catchall(&b));
    ovs_assert(!b.masks.pad1[0] && !b.masks.pad4[3]);

    /* OR and AND. */
    WC_MASK_FIELD(&a, dl_src);
    flow_wildcards_init_catchall(&c);
    WC_MASK_FIELD(&c, tp_dst);
    flow_wildcards_or(&c, &a, &c);
    ovs_assert(eth_addr_is_broadcast(c.masks.dl_src));
    ovs_assert(c.masks.tp_dst == htons(0xffff));
    ovs_assert(flow_wildcards_has_extra(&c, &a));
    ovs_assert(!flow_wildcards_has_extra(&a, &c));
    flow_wildcards_and(&c, &c, &a);
    ovs_assert(flow_wildcards_equal(&c, &a));
    ovs_assert(flow_wildcards_hash(&c, 0) == flow_wildcards_hash(&a, 0));

    /* flow_equal_except() and flow_hash_in_wildcards(). */
    error = parse_ofp_exact_flow(&f1, NULL, NULL,
                                 "tcp,dl_src=00:00:00:00:00:01,tp_dst=80",
                                 NULL);
    ovs_assert(!error);
    f2 = f1;
    f2.tp_dst = htons(81);
    ovs_assert(flow_equal_except(&f1, &f2, &a));
    ovs_assert(flow_hash_in_wildcards(&f1, &a, 7)
               == flow_hash_in_wildcards(&f2, &a, 7));
    ovs_assert(!flow_equal_except(&f1, &f2, &c) || !c.masks.tp_dst);
    WC_MASK_FIELD(&c, tp_dst);
    ovs_assert(!flow_equal_except(&f1, &f2, &c));
    ovs_assert(!flow_equal(&f1, &f2));
    ovs_assert(flow_hash(&f1, 0) != flow_hash(&f2, 0));

    /* flow_zero_wildcards(). */
    flow_zero_wildcards(&f2, &a);
    ovs_assert(f2.tp_dst == 0 && f2.dl_type == 0);
    ovs_assert(eth_addr_equals(f2.dl_src, f1.dl_src));

    /* Symmetric hash. */
    f2 = f1;
    f2.dl_src = f1.dl_dst;
    f2.dl_dst = f1.dl_src;
    f2.tp_src = f1.tp_dst;
    f2.tp_dst = f1.tp_src;
    ovs_assert(flow_hash_symmetric_l4(&f1, 3)
               == flow_hash_symmetric_l4(&f2, 3));

    /* Non-packet fields. */
    flow_wildcards_init_exact(&a);
    flow_wildcards_clear_non_packet_fields(&a);
    ovs_assert(!a.masks.metadata && !a.masks.regs[3]);
    ovs_assert(a.masks.in_port.odp_port);

    /* Wildcards for a packet: a TCP packet with no VLAN. */
    flow_wildcards_init_for_packet(&a, &f1);
    ovs_assert(a.masks.tp_dst && a.masks.tcp_flags && a.masks.nw_frag);
    ovs_assert(a.masks.vlans[0].tci == htons(0xffff));
    ovs_assert(!a.masks.vlans[1].tci);
    ovs_assert(!a.masks.nd_target.s6_addr[0]);

    /* match_matches_flow(). */
    error = match_parse("tcp,tp_dst=0x50/0xfff0", NULL, &m, NULL);
    ovs_assert(!error);
    ovs_assert(match_matches_flow(&m, &f1));
    f2 = f1;
    f2.tp_dst = htons(96);
    ovs_assert(!match_matches_flow(&m, &f2));
    f2.tp_dst = htons(95);
    ovs_assert(match_matches_flow(&m, &f2));
    printf("ok\n");
}

static const struct ovstest_command commands[] = {
    { "parse-pcap", 1, 1, test_parse_pcap },
    { "compose-pcap", 2, 2, test_compose_pcap },
    { "compose-hex", 1, 1, test_compose_hex },
    { "parse-match", 1, INT_MAX, test_parse_match },
    { "parse-exact", 1, INT_MAX, test_parse_exact },
    { "wildcards", 0, 0, test_wildcards },
    { NULL, 0, 0, NULL },
};

static void
test_flow_main(int argc, char *argv[])
{
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-flow", test_flow_main);
