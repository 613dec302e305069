/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit tests of the datapath flow language (lib/odp-util.c) and of
 * lib/odp-execute.c.  Each command reads lines from stdin ('#' comments
 * and blank lines are skipped) and prints one result per line:
 *
 *   parse-keys       key text -> netlink -> struct flow -> netlink -> text
 *                    (with "fitness: X" if the key does not fit perfectly)
 *   parse-wc-keys    key/mask text -> netlink -> flow + wildcards ->
 *                    netlink -> text, as dpctl/dump-flows prints megaflows
 *   parse-actions    action text -> netlink -> text
 *   parse-hex-keys   hex netlink key (from a file) -> text and fitness
 *
 *   commit BASE FLOW [masked]
 *                    prints the actions and wildcards commit_odp_actions()
 *                    produces to turn BASE into FLOW
 *
 *   netlink          exercises the netlink attribute writer
 *
 *   execute FLOW ACTIONS
 *                    composes the packet FLOW describes, runs ACTIONS on it
 *                    and prints what each datapath callback saw: the packet
 *                    as a datapath flow, and whether its checksums equal
 *                    those of a packet composed afresh from that flow. */

#include <config.h>
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "flow.h"
#include "netlink.h"
#include "odp-execute.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ovstest.h"
#include "simap.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"

/* The L7 payload of composed packets. */
static const uint8_t payload[64];

/* The payload size for 'flow': none after ICMPv6 (whose neighbor
 * discovery options would be read from it), otherwise 64 bytes. */
static size_t
payload_size(const struct flow *flow)
{
    return flow->nw_proto == 58 ? 0 : sizeof payload;
}

static const struct odp_support test_support = {
    .max_vlan_headers = 2,
    .recirc = true,
};

static void
test_parse_keys(bool wc, bool verbose)
{
    struct ds in = DS_EMPTY_INITIALIZER;
    struct hmap portno_names = HMAP_INITIALIZER(&portno_names);
    int line = 0;

    if (verbose) {
        /* Name ports 1, 2 and 3 like the ports of a dummy bridge. */
        for (odp_port_t i = 1; i <= 3; i++) {
            char name[8];

            snprintf(name, sizeof name, "p%"PRIu32, i);
            odp_portno_names_set(&portno_names, i, name);
        }
    }

    while (!ds_get_preprocessed_line(&in, stdin, &line)) {
        struct ofpbuf key, mask, key2, mask2;
        enum odp_key_fitness fit;
        struct flow flow;
        struct flow_wildcards fwc;
        char *error;
        struct ds out = DS_EMPTY_INITIALIZER;

        ofpbuf_init(&key, 0);
        ofpbuf_init(&mask, 0);
        if (odp_flow_from_string(ds_cstr(&in), NULL, &key,
                                 wc ? &mask : NULL, &error)) {
            printf("odp_flow_from_string: error (%s)\n", error);
            free(error);
            goto next;
        }
        fit = odp_flow_key_to_flow(key.data, key.size, &flow, &error);
        if (fit == ODP_FIT_ERROR) {
            printf("odp_flow_key_to_flow: error (%s)\n",
                   error ? error : "?");
            free(error);
            goto next;
        }
        free(error);

        struct odp_flow_key_parms parms = {
            .flow = &flow,
            .support = test_support,
        };

        /* Megaflows as dpif-netdev dumps them carry conntrack fields and
         * the packet type. */
        parms.support.ct_state = wc;
        parms.support.packet_type = wc;
        ofpbuf_init(&key2, 0);
        ofpbuf_init(&mask2, 0);
        if (wc) {
            if (odp_flow_key_to_mask(mask.data, mask.size, &fwc, &flow,
                                     &error) == ODP_FIT_ERROR) {
                printf("odp_flow_key_to_mask: error (%s)\n",
                       error ? error : "?");
                free(error);
                ofpbuf_uninit(&key2);
                ofpbuf_uninit(&mask2);
                goto next;
            }
            free(error);
            parms.mask = &fwc.masks;
            odp_flow_key_from_flow(&parms, &key2);
            odp_flow_key_from_mask(&parms, &mask2);
            odp_flow_format(key2.data, key2.size, mask2.data, mask2.size,
                            verbose ? &portno_names : NULL, &out, verbose);
        } else {
            odp_flow_key_from_flow(&parms, &key2);
            odp_flow_key_format(key2.data, key2.size, &out);
        }
        if (fit != ODP_FIT_PERFECT) {
            printf("fitness: %s: ", odp_key_fitness_to_string(fit));
        }
        printf("%s\n", ds_cstr(&out));
        ofpbuf_uninit(&key2);
        ofpbuf_uninit(&mask2);
    next:
        ds_destroy(&out);
        ofpbuf_uninit(&key);
        ofpbuf_uninit(&mask);
    }
    ds_destroy(&in);
    odp_portno_names_destroy(&portno_names);
    hmap_destroy(&portno_names);
}

static void
cmd_parse_keys(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    test_parse_keys(false, false);
}

/* With "-m", prints verbosely with port names, as "dpctl/dump-flows -m"
 * does. */
static void
cmd_parse_wc_keys(int argc, char *argv[])
{
    test_parse_keys(true, argc > 1 && !strcmp(argv[1], "-m"));
}

/* Parses and reformats keys with masks without going through struct
 * flow: the formatter alone, verbose or not. */
static void
cmd_format_wc_keys(int argc, char *argv[])
{
    bool verbose = argc > 1 && !strcmp(argv[1], "-m");
    struct ds in = DS_EMPTY_INITIALIZER;
    int line = 0;

    while (!ds_get_preprocessed_line(&in, stdin, &line)) {
        struct ofpbuf key, mask;
        struct ds out = DS_EMPTY_INITIALIZER;
        char *error;

        ofpbuf_init(&key, 0);
        ofpbuf_init(&mask, 0);
        if (odp_flow_from_string(ds_cstr(&in), NULL, &key, &mask, &error)) {
            printf("odp_flow_from_string: error (%s)\n", error);
            free(error);
        } else {
            odp_flow_format(key.data, key.size, mask.data, mask.size, NULL,
                            &out, verbose);
            printf("%s\n", ds_cstr(&out));
        }
        ds_destroy(&out);
        ofpbuf_uninit(&key);
        ofpbuf_uninit(&mask);
    }
    ds_destroy(&in);
}

/* With "-m", ports 1, 2 and 3 are named p1, p2 and p3 in parsing and
 * formatting. */
static void
cmd_parse_actions(int argc, char *argv[])
{
    bool names = argc > 1 && !strcmp(argv[1], "-m");
    struct hmap portno_names = HMAP_INITIALIZER(&portno_names);
    struct simap port_names = SIMAP_INITIALIZER(&port_names);
    struct ds in = DS_EMPTY_INITIALIZER;
    int line = 0;

    if (names) {
        for (odp_port_t i = 1; i <= 3; i++) {
            char name[8];

            snprintf(name, sizeof name, "p%"PRIu32, i);
            odp_portno_names_set(&portno_names, i, name);
            simap_put(&port_names, name, i);
        }
    }
    while (!ds_get_preprocessed_line(&in, stdin, &line)) {
        struct ofpbuf actions;
        char *error;

        ofpbuf_init(&actions, 0);
        if (odp_actions_from_string__(ds_cstr(&in),
                                      names ? &port_names : NULL, &actions,
                                      &error)) {
            printf("odp_actions_from_string: error (%s)\n", error);
            free(error);
        } else {
            struct ds out = DS_EMPTY_INITIALIZER;

            format_odp_actions(&out, actions.data, actions.size,
                               names ? &portno_names : NULL);
            printf("%s\n", ds_cstr(&out));
            ds_destroy(&out);
        }
        ofpbuf_uninit(&actions);
    }
    ds_destroy(&in);
    odp_portno_names_destroy(&portno_names);
    hmap_destroy(&portno_names);
    simap_destroy(&port_names);
}

/* Reads netlink keys in hex, one per line, and prints them as text with
 * their fitness. */
static void
cmd_parse_hex_keys(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds in = DS_EMPTY_INITIALIZER;
    int line = 0;

    while (!ds_get_preprocessed_line(&in, stdin, &line)) {
        struct ofpbuf key;
        struct flow flow;
        struct ds out = DS_EMPTY_INITIALIZER;
        enum odp_key_fitness fit;
        char *error;
        size_t n;

        ofpbuf_init(&key, 0);
        ofpbuf_put_hex(&key, ds_cstr(&in), &n);
        odp_flow_key_format(key.data, key.size, &out);
        fit = odp_flow_key_to_flow(key.data, key.size, &flow, &error);
        printf("%s: %s", ds_cstr(&out), odp_key_fitness_to_string(fit));
        if (error) {
            printf(" (%s)", error);
            free(error);
        }
        putchar('\n');
        ds_destroy(&out);
        ofpbuf_uninit(&key);
    }
    ds_destroy(&in);
}

/* Composes into a new packet the frame that datapath flow text 's'
 * describes, with its metadata, and parses it.  Exits on error. */
static struct dp_packet *
packet_from_flow_string(const char *s)
{
    struct ofpbuf key;
    struct flow flow;
    struct dp_packet *packet;
    char *error;

    ofpbuf_init(&key, 0);
    if (odp_flow_from_string(s, NULL, &key, NULL, &error)) {
        ovs_fatal(0, "%s: %s", s, error);
    }
    if (odp_flow_key_to_flow(key.data, key.size, &flow, &error)
        == ODP_FIT_ERROR) {
        ovs_fatal(0, "%s: %s", s, error);
    }
    free(error);
    ofpbuf_uninit(&key);

    packet = dp_packet_new(2048);
    flow_compose(packet, &flow, payload, payload_size(&flow));
    pkt_metadata_init(&packet->md, flow.in_port.odp_port);
    packet->md.skb_priority = flow.skb_priority;
    packet->md.pkt_mark = flow.pkt_mark;
    packet->md.recirc_id = flow.recirc_id;
    packet->md.dp_hash = flow.dp_hash;
    flow_extract(packet, &flow);
    return packet;
}

/* Prints 'packet' as a datapath flow, and whether its bytes equal those
 * of a packet composed afresh from that flow (so checksums are right). */
static void
print_packet(const char *prefix, struct dp_packet *packet)
{
    struct odp_flow_key_parms parms = { .support = test_support };
    struct dp_packet *copy = dp_packet_clone(packet);
    struct dp_packet *fresh;
    struct ofpbuf key;
    struct ds s = DS_EMPTY_INITIALIZER;
    struct flow flow;

    flow_extract(copy, &flow);
    flow.in_port.odp_port = packet->md.in_port;
    flow.skb_priority = packet->md.skb_priority;
    flow.pkt_mark = packet->md.pkt_mark;
    flow.recirc_id = packet->md.recirc_id;
    flow.dp_hash = packet->md.dp_hash;
    parms.flow = &flow;
    ofpbuf_init(&key, 0);
    odp_flow_key_from_flow(&parms, &key);
    odp_flow_key_format(key.data, key.size, &s);

    fresh = dp_packet_new(2048);
    flow_compose(fresh, &flow, payload, payload_size(&flow));
    printf("%s%s", prefix, ds_cstr(&s));
    if (packet->cutlen) {
        printf(" cut %"PRIu32, packet->cutlen);
    }
    if (dp_packet_size(fresh) != dp_packet_size(packet)) {
        printf(" (size %"PRIu32" differs from composed %"PRIu32")\n",
               dp_packet_size(packet), dp_packet_size(fresh));
    } else {
        const uint8_t *a = dp_packet_data(packet);
        const uint8_t *b = dp_packet_data(fresh);
        size_t i;

        for (i = 0; i < dp_packet_size(packet); i++) {
            if (a[i] != b[i]) {
                break;
            }
        }
        if (i < dp_packet_size(packet)) {
            printf(" (byte %zu is %02x, composed %02x)\n", i, a[i], b[i]);
        } else {
            printf(" (packet ok)\n");
        }
    }
    dp_packet_delete(fresh);
    dp_packet_delete(copy);
    ofpbuf_uninit(&key);
    ds_destroy(&s);
}

static void
execute_cb(void *dp OVS_UNUSED, struct dp_packet_batch *batch,
           const struct nlattr *action, bool should_steal)
{
    struct dp_packet *packet;
    struct ds s = DS_EMPTY_INITIALIZER;

    format_odp_actions(&s, action, NLA_ALIGN(action->nla_len), NULL);
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        char *prefix = xasprintf("%s%s: ", ds_cstr(&s),
                                 should_steal ? " (steal)" : "");
        print_packet(prefix, packet);
        free(prefix);
        packet->cutlen = 0;
    }
    if (should_steal) {
        dp_packet_delete_batch(batch, true);
    }
    ds_destroy(&s);
}

static void
cmd_execute(int argc OVS_UNUSED, char *argv[])
{
    struct dp_packet *packet = packet_from_flow_string(argv[1]);
    struct dp_packet_batch batch;
    struct ofpbuf actions;
    char *error;

    ofpbuf_init(&actions, 0);
    if (odp_actions_from_string__(argv[2], NULL, &actions, &error)) {
        ovs_fatal(0, "%s: %s", argv[2], error);
    }
    dp_packet_batch_init_packet(&batch, packet);
    odp_execute_actions(NULL, &batch, true, actions.data, actions.size,
                        execute_cb);
    ofpbuf_uninit(&actions);
}

/* Parses datapath flow text 's' into 'flow'.  Exits on error. */
static void
flow_from_string(const char *s, struct flow *flow)
{
    struct ofpbuf key;
    char *error;

    ofpbuf_init(&key, 0);
    if (odp_flow_from_string(s, NULL, &key, NULL, &error)
        || odp_flow_key_to_flow(key.data, key.size, flow, &error)
           == ODP_FIT_ERROR) {
        ovs_fatal(0, "%s: %s", s, error);
    }
    free(error);
    ofpbuf_uninit(&key);
}

/* "commit BASE FLOW [masked]": prints the actions commit_odp_actions()
 * emits to turn BASE into FLOW, then the fields it marked in the
 * wildcards, as a datapath mask of FLOW. */
static void
cmd_commit(int argc, char *argv[])
{
    bool use_masked = argc > 3 && !strcmp(argv[3], "masked");
    struct flow base, flow;
    struct flow_wildcards wc;
    struct ofpbuf actions, key, mask;
    struct ds s = DS_EMPTY_INITIALIZER;

    flow_from_string(argv[1], &base);
    flow_from_string(argv[2], &flow);
    memset(&wc, 0, sizeof wc);
    ofpbuf_init(&actions, 0);
    commit_odp_actions(&flow, &base, &actions, &wc, use_masked);
    format_odp_actions(&s, actions.data, actions.size, NULL);
    printf("actions: %s\n", ds_cstr(&s));

    struct odp_flow_key_parms parms = {
        .flow = &flow,
        .mask = &wc.masks,
        .support = test_support,
    };
    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    odp_flow_key_from_flow(&parms, &key);
    odp_flow_key_from_mask(&parms, &mask);
    ds_clear(&s);
    odp_flow_format(key.data, key.size, mask.data, mask.size, NULL, &s,
                    false);
    printf("wildcards: %s\n", ds_cstr(&s));
    printf("base %s flow\n",
           memcmp(&base, &flow, sizeof base) ? "differs from" : "equals");
    ds_destroy(&s);
    ofpbuf_uninit(&actions);
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
}

/* "netlink": builds attributes with the nl_msg_put_*() writer (nesting,
 * cancelling, odd sizes), prints them in hex and parses them back with
 * libnl's nla_parse(). */
static void
cmd_netlink(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofpbuf buf;
    struct nlattr *tb[8];
    struct ds s = DS_EMPTY_INITIALIZER;
    const struct nlattr *a;
    size_t ofs, left;
    struct in6_addr in6;

    ofpbuf_init(&buf, 0);
    nl_msg_put_u8(&buf, 1, 0xab);
    nl_msg_put_be16(&buf, 2, htons(0x1234));
    nl_msg_put_string(&buf, 3, "hello");
    ofs = nl_msg_start_nested(&buf, 4);
    nl_msg_put_u32(&buf, 1, 7);
    nl_msg_put_flag(&buf, 2);
    nl_msg_end_nested(&buf, ofs);
    ofs = nl_msg_start_nested(&buf, 5);
    nl_msg_put_u64(&buf, 1, 1);
    nl_msg_cancel_nested(&buf, ofs);
    ofs = nl_msg_start_nested(&buf, 5);
    printf("empty nested removed: %s\n",
           nl_msg_end_non_empty_nested(&buf, ofs) ? "yes" : "no");
    memset(&in6, 0, sizeof in6);
    in6.s6_addr[15] = 1;
    nl_msg_put_in6_addr(&buf, 6, &in6);
    nl_msg_put_be64(&buf, 7, htobe64(UINT64_C(0x0102030405060708)));
    memcpy(nl_msg_put_unspec_zero(&buf, 0, 3), "xy", 2);

    ds_put_hex_dump(&s, buf.data, buf.size, 0, false);
    printf("%s", ds_cstr(&s));

    if (nla_parse(tb, 7, buf.data, buf.size, NULL)) {
        printf("nla_parse failed\n");
    } else {
        printf("u8 %#x, be16 %#x, string %s, in6 last byte %d, "
               "be64 %#"PRIx64"\n",
               nl_attr_get_u8(tb[1]), ntohs(nl_attr_get_be16(tb[2])),
               nl_attr_get_string(tb[3]),
               nl_attr_get_in6_addr(tb[6]).s6_addr[15],
               be64toh(nl_attr_get_be64(tb[7])));
        NL_NESTED_FOR_EACH (a, left, tb[4]) {
            printf("nested type %u size %zu\n", nl_attr_type(a),
                   nl_attr_get_size(a));
        }
        printf("find 2 in nested: %s, find 3: %s\n",
               nl_attr_find_nested(tb[4], 2) ? "yes" : "no",
               nl_attr_find_nested(tb[4], 3) ? "yes" : "no");
    }
    NL_ATTR_FOR_EACH (a, left, buf.data, buf.size) {
        printf("%u:%zu ", nl_attr_type(a), nl_attr_get_size(a));
    }
    printf("left %zu\n", left);
    ds_destroy(&s);
    ofpbuf_uninit(&buf);
}

static const struct ovstest_command commands[] = {
    { "netlink", 0, 0, cmd_netlink },
    { "commit", 2, 3, cmd_commit },
    { "parse-keys", 0, 0, cmd_parse_keys },
    { "parse-wc-keys", 0, 1, cmd_parse_wc_keys },
    { "format-wc-keys", 0, 1, cmd_format_wc_keys },
    { "parse-actions", 0, 1, cmd_parse_actions },
    { "parse-hex-keys", 0, 0, cmd_parse_hex_keys },
    { "execute", 2, 2, cmd_execute },
    { NULL, 0, 0, NULL },
};

static void
test_odp_main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-odp", test_odp_main);
