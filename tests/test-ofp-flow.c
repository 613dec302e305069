/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit tests of lib/ofp-flow.c, lib/ofp-packet.c and lib/ofp-table.c that
 * the ovs-ofctl commands do not reach directly:
 *
 *   print HEX [VERBOSITY]
 *       Decodes the message HEX with the flows helper's formatters and
 *       prints the body (what upstream's ofp-print writes after the
 *       header line).
 *   parse-file FILE
 *       Parses FILE as an add-flows file whose lines may begin with
 *       "add", "modify", "modify_strict", "delete", "delete_strict", and
 *       prints each flow mod encoded as OpenFlow 1.3 and printed back.
 *   encode-flow-mod PROTOCOL COMMAND FLOW
 *   encode-stats-request PROTOCOL (flow|aggregate) FLOW
 *   encode-stats-reply PROTOCOL FLOW...
 *   encode-aggregate-reply PROTOCOL PACKETS BYTES FLOWS
 *   encode-flow-removed PROTOCOL REASON FLOW
 *   encode-packet-in PROTOCOL FORMAT PACKET-HEX [MAX_LEN]
 *   encode-packet-out PROTOCOL PACKET-OUT
 *   encode-table-stats PROTOCOL N_TABLES
 *       Encode messages and print them in hex, one per line, for upstream's
 *       ovs-ofctl ofp-print to check. */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/util.h"
#include "ovstest.h"

/* Returns the single protocol named 's' (the first of a set). */
static enum ofputil_protocol
protocol_from_string(const char *s)
{
    enum ofputil_protocol protocols = ofputil_protocols_from_string(s);

    if (!protocols) {
        ovs_fatal(0, "%s: unknown protocol", s);
    }
    return protocols & -protocols;
}

/* Prints 'msg' in hex on one line and frees it. */
static void
print_hex_and_delete(struct ofpbuf *msg)
{
    const uint8_t *p = msg->data;
    size_t i;

    for (i = 0; i < msg->size; i++) {
        printf("%02x", p[i]);
    }
    putchar('\n');
    ofpbuf_delete(msg);
}

/* Parses 'flow' (add-flow syntax) into 'fm' or exits. */
static void
parse_flow_or_die(struct ofputil_flow_mod *fm, int command, const char *flow)
{
    enum ofputil_protocol usable;
    char *error = parse_ofp_str(fm, command, flow, NULL, NULL, &usable);

    if (error) {
        ovs_fatal(0, "%s", error);
    }
}

static void
test_print(int argc, char *argv[])
{
    int verbosity = argc > 2 ? atoi(argv[2]) : 2;
    struct ds s = DS_EMPTY_INITIALIZER;
    const struct ofp_header *oh;
    struct ofpbuf b;
    enum ofptype type;
    enum ofperr error;

    ofpbuf_init(&b, strlen(argv[1]) / 2);
    if (*ofpbuf_put_hex(&b, argv[1], NULL)) {
        ovs_fatal(0, "trailing garbage following hex bytes");
    }
    oh = b.data;
    error = ofptype_decode(&type, oh);
    if (!error) {
        switch ((int) type) {
        case OFPTYPE_FLOW_MOD:
            error = ofputil_flow_mod_format(&s, oh, NULL, NULL, verbosity);
            break;
        case OFPTYPE_FLOW_REMOVED:
            error = ofputil_flow_removed_msg_format(&s, oh, NULL, NULL,
                                                    verbosity);
            break;
        case OFPTYPE_FLOW_STATS_REQUEST:
        case OFPTYPE_AGGREGATE_STATS_REQUEST:
            error = ofputil_flow_stats_request_msg_format(&s, oh, NULL, NULL,
                                                          verbosity);
            break;
        case OFPTYPE_FLOW_STATS_REPLY:
            error = ofputil_flow_stats_reply_msg_format(&s, oh, NULL, NULL,
                                                        verbosity);
            break;
        case OFPTYPE_AGGREGATE_STATS_REPLY:
            error = ofputil_aggregate_stats_reply_msg_format(&s, oh, NULL,
                                                             NULL,
                                                             verbosity);
            break;
        case OFPTYPE_PACKET_IN:
            error = ofputil_packet_in_msg_format(&s, oh, NULL, NULL,
                                                 verbosity);
            break;
        case OFPTYPE_PACKET_OUT:
            error = ofputil_packet_out_msg_format(&s, oh, NULL, NULL,
                                                  verbosity);
            break;
        case OFPTYPE_FLOW_MOD_TABLE_ID:
            error = ofputil_flow_mod_table_id_msg_format(&s, oh, NULL, NULL,
                                                         verbosity);
            break;
        case OFPTYPE_SET_PACKET_IN_FORMAT:
            error = ofputil_set_packet_in_format_msg_format(&s, oh);
            break;
        case OFPTYPE_TABLE_STATS_REPLY:
            error = ofputil_table_stats_reply_msg_format(&s, oh, NULL);
            break;
        case OFPTYPE_TABLE_MOD:
            error = ofputil_table_mod_msg_format(&s, oh, NULL);
            break;
        default:
            ovs_fatal(0, "message type not handled here");
        }
    }
    if (error) {
        printf(" ***decode error: %s***\n", ofperr_get_name(error));
    } else {
        if (!s.length || s.string[s.length - 1] != '\n') {
            ds_put_char(&s, '\n');
        }
        fputs(ds_cstr(&s), stdout);
    }
    ds_destroy(&s);
    ofpbuf_uninit(&b);
}

static void
test_parse_file(int argc OVS_UNUSED, char *argv[])
{
    enum ofputil_protocol usable;
    struct ofputil_flow_mod *fms;
    size_t n_fms, i;
    char *error;

    error = parse_ofp_flow_mod_file(argv[1], NULL, NULL, -2, &fms, &n_fms,
                                    &usable);
    if (error) {
        printf("error: %s\n", error);
        free(error);
        return;
    }
    for (i = 0; i < n_fms; i++) {
        struct ofpbuf *msg = ofputil_encode_flow_mod(&fms[i],
                                                     OFPUTIL_P_OF13_OXM);
        struct ds s = DS_EMPTY_INITIALIZER;
        enum ofperr err;

        err = ofputil_flow_mod_format(&s, msg->data, NULL, NULL, 0);
        if (err) {
            printf("decode error %s\n", ofperr_get_name(err));
        } else {
            printf("%s\n", ds_cstr(&s));
        }
        ds_destroy(&s);
        ofpbuf_delete(msg);
        ofputil_flow_mod_uninit(&fms[i]);
    }
    free(fms);
}

static void
test_encode_flow_mod(int argc OVS_UNUSED, char *argv[])
{
    enum ofputil_protocol protocol = protocol_from_string(argv[1]);
    struct ofputil_flow_mod fm;
    int command = atoi(argv[2]);

    parse_flow_or_die(&fm, command, argv[3]);
    print_hex_and_delete(ofputil_encode_flow_mod(&fm, protocol));
    ofputil_flow_mod_uninit(&fm);
}

static void
test_encode_stats_request(int argc OVS_UNUSED, char *argv[])
{
    enum ofputil_protocol protocol = protocol_from_string(argv[1]);
    struct ofputil_flow_stats_request fsr;
    enum ofputil_protocol usable;
    char *error;

    error = parse_ofp_flow_stats_request_str(&fsr,
                                             !strcmp(argv[2], "aggregate"),
                                             argv[3], NULL, NULL, &usable);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    print_hex_and_delete(ofputil_encode_flow_stats_request(&fsr, protocol));
}

/* Returns a stats request for 'protocol' to build replies to. */
static struct ofpbuf *
make_request(enum ofputil_protocol protocol, bool aggregate)
{
    struct ofputil_flow_stats_request fsr;

    memset(&fsr, 0, sizeof fsr);
    fsr.aggregate = aggregate;
    match_init_catchall(&fsr.match);
    fsr.out_port = OFPP_NONE;
    fsr.out_group = OFPG11_ANY;
    fsr.table_id = 0xff;
    return ofputil_encode_flow_stats_request(&fsr, protocol);
}

static void
test_encode_stats_reply(int argc, char *argv[])
{
    enum ofputil_protocol protocol = protocol_from_string(argv[1]);
    struct ofpbuf *request = make_request(protocol, false);
    struct ovs_list replies;
    struct ofpbuf *reply;
    int i;

    ofpmp_init(&replies, request->data);
    for (i = 2; i < argc; i++) {
        struct ofputil_flow_mod fm;
        struct ofputil_flow_stats fs;

        parse_flow_or_die(&fm, OFPFC_ADD, argv[i]);
        memset(&fs, 0, sizeof fs);
        fs.match = fm.match;
        fs.cookie = fm.new_cookie;
        fs.table_id = fm.table_id == 0xff ? 0 : fm.table_id;
        fs.priority = fm.priority;
        fs.idle_timeout = fm.idle_timeout;
        fs.hard_timeout = fm.hard_timeout;
        fs.duration_sec = i;
        fs.duration_nsec = i * 1000000;
        fs.idle_age = i;
        fs.hard_age = i + 1;
        fs.packet_count = i * 10;
        fs.byte_count = i * 1000;
        fs.ofpacts = fm.ofpacts;
        fs.ofpacts_len = fm.ofpacts_len;
        fs.flags = fm.flags & OFPUTIL_FF_STATE;
        fs.importance = fm.importance;
        ofputil_append_flow_stats_reply(&fs, &replies, NULL);
        ofputil_flow_mod_uninit(&fm);
    }
    while ((reply = ofpmp_pop(&replies)) != NULL) {
        print_hex_and_delete(reply);
    }
    ofpbuf_delete(request);
}

static void
test_encode_aggregate_reply(int argc OVS_UNUSED, char *argv[])
{
    enum ofputil_protocol protocol = protocol_from_string(argv[1]);
    struct ofpbuf *request = make_request(protocol, true);
    struct ofputil_aggregate_stats as;

    as.packet_count = strtoull(argv[2], NULL, 0);
    as.byte_count = strtoull(argv[3], NULL, 0);
    as.flow_count = strtoul(argv[4], NULL, 0);
    print_hex_and_delete(ofputil_encode_aggregate_stats_reply(&as,
                                                              request->data));
    ofpbuf_delete(request);
}

static void
test_encode_flow_removed(int argc OVS_UNUSED, char *argv[])
{
    enum ofputil_protocol protocol = protocol_from_string(argv[1]);
    struct ofputil_flow_removed fr;
    struct ofputil_flow_mod fm;

    parse_flow_or_die(&fm, OFPFC_ADD, argv[3]);
    memset(&fr, 0, sizeof fr);
    fr.match = fm.match;
    fr.cookie = fm.new_cookie;
    fr.priority = fm.priority;
    fr.reason = atoi(argv[2]);
    fr.table_id = fm.table_id == 0xff ? 0 : fm.table_id;
    fr.duration_sec = 7;
    fr.duration_nsec = 250000000;
    fr.idle_timeout = fm.idle_timeout;
    fr.hard_timeout = fm.hard_timeout;
    fr.packet_count = 3;
    fr.byte_count = 180;
    print_hex_and_delete(ofputil_encode_flow_removed(&fr, protocol));
    ofputil_flow_mod_uninit(&fm);
}

static void
test_encode_packet_in(int argc, char *argv[])
{
    enum ofputil_protocol protocol = protocol_from_string(argv[1]);
    int format = ofputil_packet_in_format_from_string(argv[2]);
    struct ofputil_packet_in pin;
    struct ofpbuf packet;

    if (format < 0) {
        ovs_fatal(0, "%s: unknown packet-in format", argv[2]);
    }
    ofpbuf_init(&packet, 0);
    if (*ofpbuf_put_hex(&packet, argv[3], NULL)) {
        ovs_fatal(0, "trailing garbage following hex bytes");
    }

    memset(&pin, 0, sizeof pin);
    pin.packet = packet.data;
    pin.packet_len = packet.size;
    match_init_catchall(&pin.flow_metadata);
    match_set_in_port(&pin.flow_metadata, 3);
    pin.reason = OFPR_ACTION;
    pin.table_id = 2;
    pin.cookie = htobe64(0x1234);
    pin.max_len = argc > 4 ? atoi(argv[4]) : 0;
    print_hex_and_delete(ofputil_encode_packet_in(&pin, protocol, format));
    ofpbuf_uninit(&packet);
}

static void
test_encode_packet_out(int argc OVS_UNUSED, char *argv[])
{
    enum ofputil_protocol protocol = protocol_from_string(argv[1]);
    enum ofputil_protocol usable;
    struct ofputil_packet_out po;
    char *error;

    error = parse_ofp_packet_out_str(&po, argv[2], NULL, NULL, &usable);
    if (error) {
        printf("error: %s\n", error);
        free(error);
        return;
    }
    print_hex_and_delete(ofputil_encode_packet_out(&po, protocol));
    free(CONST_CAST(void *, po.packet));
    free(po.ofpacts);
}

static void
test_encode_table_stats(int argc OVS_UNUSED, char *argv[])
{
    enum ofputil_protocol protocol = protocol_from_string(argv[1]);
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    int n_tables = atoi(argv[2]);
    struct ofpbuf *request, *reply;
    int i;

    request = ofpraw_alloc(OFPRAW_OFPST_TABLE_REQUEST, version, 0);
    reply = ofputil_encode_table_stats_reply(request->data);
    for (i = 0; i < n_tables; i++) {
        struct ofputil_table_features tf;
        struct ofputil_table_stats ts;

        memset(&tf, 0, sizeof tf);
        tf.table_id = i;
        snprintf(tf.name, sizeof tf.name, "table%d", i);
        tf.metadata_match = tf.metadata_write = htobe64(UINT64_MAX);
        tf.max_entries = 1000000;
        memset(&ts, 0, sizeof ts);
        ts.table_id = i;
        ts.active_count = i;
        ts.lookup_count = 10 * i;
        ts.matched_count = 5 * i;
        ofputil_append_table_stats_reply(reply, &ts, &tf);
    }
    ofpmsg_update_length(reply);
    print_hex_and_delete(reply);
    ofpbuf_delete(request);
}

static const struct ovstest_command commands[] = {
    { "print", 1, 2, test_print },
    { "parse-file", 1, 1, test_parse_file },
    { "encode-flow-mod", 3, 3, test_encode_flow_mod },
    { "encode-stats-request", 3, 3, test_encode_stats_request },
    { "encode-stats-reply", 1, INT_MAX, test_encode_stats_reply },
    { "encode-aggregate-reply", 4, 4, test_encode_aggregate_reply },
    { "encode-flow-removed", 3, 3, test_encode_flow_removed },
    { "encode-packet-in", 3, 4, test_encode_packet_in },
    { "encode-packet-out", 2, 2, test_encode_packet_out },
    { "encode-table-stats", 2, 2, test_encode_table_stats },
    { NULL, 0, 0, NULL },
};

static void
test_ofp_flow_main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-ofp-flow", test_ofp_flow_main);
