/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit-test driver for lib/ofp-group.c, lib/ofp-meter.c and
 * lib/ofp-queue.c, independent of ofp-print's dispatcher:
 *
 *   test-ofp-group print HEX...
 *       Decodes the OpenFlow message given in hex (spaces allowed) and
 *       prints it as "ovs-ofctl ofp-print" does, for the group, meter and
 *       queue messages.
 *   test-ofp-group parse-group VERSIONS GROUP
 *       Like "ovs-ofctl -O VERSIONS parse-group GROUP" ("" for the
 *       default versions).
 *   test-ofp-group parse-meter COMMAND VERSION METER
 *       Parses METER (add-meter syntax) for COMMAND (add, mod, del, or
 *       "stats"/"config" for a meter request) and prints the encoded
 *       message in hex, then as ofp-print shows it.
 *   test-ofp-group encode-group VERSION GROUP
 *       Parses GROUP for "add" and prints the encoded group mod in hex.
 *   test-ofp-group replies VERSION
 *       Builds group desc/stats/features, meter config/stats/features and
 *       queue stats/config replies with the ofputil_append_*() and
 *       ofputil_encode_*_reply() functions and prints each message in hex,
 *       one per line. */

#include <config.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-bundle.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-group.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-queue.h"
#include "openvswitch/util.h"
#include "ovstest.h"

/* Formats the body of 'oh' (of type 'type') into 's'.  Returns 0, an
 * OFPERR_* for a malformed message, or -1 if the type is not ours. */
static int
format_body(struct ds *s, const struct ofp_header *oh, enum ofptype type)
{
    switch (type) {
    case OFPTYPE_GROUP_MOD:
        return ofputil_group_mod_format(s, oh, NULL, NULL);
    case OFPTYPE_GROUP_STATS_REQUEST:
        return ofputil_group_stats_request_format(s, oh);
    case OFPTYPE_GROUP_STATS_REPLY:
        return ofputil_group_stats_format(s, oh);
    case OFPTYPE_GROUP_DESC_STATS_REQUEST:
        return ofputil_group_desc_request_format(s, oh);
    case OFPTYPE_GROUP_DESC_STATS_REPLY:
        return ofputil_group_desc_format(s, oh, NULL, NULL);
    case OFPTYPE_GROUP_FEATURES_STATS_REQUEST:
        return 0;
    case OFPTYPE_GROUP_FEATURES_STATS_REPLY:
        ofputil_group_features_format(s, oh);
        return 0;
    case OFPTYPE_METER_MOD:
        return ofputil_meter_mod_format(s, oh);
    case OFPTYPE_METER_STATS_REQUEST:
    case OFPTYPE_METER_CONFIG_STATS_REQUEST:
    case OFPTYPE_METER_FEATURES_STATS_REQUEST:
        return ofputil_meter_request_format(s, oh);
    case OFPTYPE_METER_STATS_REPLY:
        return ofputil_meter_stats_reply_format(s, oh);
    case OFPTYPE_METER_CONFIG_STATS_REPLY:
        return ofputil_meter_config_reply_format(s, oh);
    case OFPTYPE_METER_FEATURES_STATS_REPLY:
        return ofputil_meter_features_reply_format(s, oh);
    case OFPTYPE_QUEUE_STATS_REQUEST:
        return ofputil_queue_stats_request_format(s, oh, NULL);
    case OFPTYPE_QUEUE_STATS_REPLY:
        return ofputil_queue_stats_reply_format(s, oh, NULL, 0);
    case OFPTYPE_QUEUE_GET_CONFIG_REQUEST:
    case OFPTYPE_QUEUE_DESC_STATS_REQUEST:
        return ofputil_queue_get_config_request_format(s, oh, NULL);
    case OFPTYPE_QUEUE_GET_CONFIG_REPLY:
    case OFPTYPE_QUEUE_DESC_STATS_REPLY:
        return ofputil_queue_get_config_reply_format(s, oh, NULL);
    case OFPTYPE_BUNDLE_CONTROL: {
        struct ofputil_bundle_ctrl_msg bc;
        enum ofperr error = ofputil_decode_bundle_ctrl(oh, &bc);
        if (!error) {
            ofputil_format_bundle_ctrl_request(s, &bc);
        }
        return error;
    }
    case OFPTYPE_BUNDLE_ADD_MESSAGE: {
        struct ofputil_bundle_add_msg badd;
        enum ofperr error = ofputil_decode_bundle_add(oh, &badd);
        if (!error) {
            ofputil_format_bundle_add(s, &badd, NULL, NULL, 0);
        }
        return error;
    }
    default:
        return -1;
    }
}

/* Prints the 'len'-byte message 'oh' as ofp-print would. */
static void
print_msg(const struct ofp_header *oh, size_t len)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    enum ofptype type;
    enum ofpraw raw;
    enum ofperr error;

    error = (len < sizeof *oh || ntohs(oh->length) != len
             ? OFPERR_OFPBRC_BAD_LEN
             : ofpraw_decode(&raw, oh));
    if (error) {
        ds_put_format(&s, "***decode error: %s***\n", ofperr_get_name(error));
        ds_put_hex_dump(&s, oh, len, 0, true);
        fputs(ds_cstr(&s), stdout);
        ds_destroy(&s);
        return;
    }
    type = ofptype_from_ofpraw(raw);

    ds_put_cstr(&s, ofpraw_get_name(raw));
    if (oh->version != OFP10_VERSION) {
        ds_put_format(&s, " (OF1.%d)", oh->version - 1);
    }
    ds_put_format(&s, " (xid=0x%"PRIx32"):", ntohl(oh->xid));

    int retval = format_body(&s, oh, type);
    if (retval < 0) {
        ovs_fatal(0, "%s: not a group, meter or queue message",
                  ofpraw_get_name(raw));
    } else if (retval) {
        ds_put_format(&s, " ***decode error: %s***\n",
                      ofperr_get_name(retval));
        ds_put_hex_dump(&s, oh, len, 0, true);
    } else {
        ds_put_char(&s, '\n');
    }
    fputs(ds_cstr(&s), stdout);
    ds_destroy(&s);
}

/* Converts the hex in the concatenation of 'argv' into 'b'. */
static void
hex_to_ofpbuf(int argc, char *argv[], struct ofpbuf *b)
{
    struct ds hex = DS_EMPTY_INITIALIZER;

    for (int i = 0; i < argc; i++) {
        ds_put_cstr(&hex, argv[i]);
        ds_put_char(&hex, ' ');
    }
    ofpbuf_init(b, 0);
    if (ofpbuf_put_hex(b, ds_cstr(&hex), NULL)[0] != '\0') {
        ovs_fatal(0, "trailing garbage following hex bytes");
    }
    ds_destroy(&hex);
}

static void
do_print(int argc, char *argv[])
{
    struct ofpbuf b;

    hex_to_ofpbuf(argc, argv, &b);
    print_msg(b.data, b.size);
    ofpbuf_uninit(&b);
}

/* Returns the lowest version in 'allowed' that can express 'usable', or
 * 0. */
static enum ofp_version
choose_version(uint32_t allowed, enum ofputil_protocol usable)
{
    for (int v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
        if (allowed & (1u << v)
            && ofputil_protocols_from_ofp_version(v) & usable) {
            return v;
        }
    }
    return 0;
}

static void
do_parse_group(const char *versions, const char *str)
{
    /* Without -O, upstream's ovs-ofctl allows OpenFlow 1.0 only. */
    uint32_t allowed = (*versions ? ofputil_versions_from_string(versions)
                        : 1u << OFP10_VERSION);
    enum ofputil_protocol usable;
    struct ofputil_group_mod gm;
    enum ofp_version version;
    struct ofpbuf *msg;
    char *error, *s;

    error = parse_ofp_group_mod_str(&gm, OFPGC11_ADD, str, NULL, NULL,
                                    &usable);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    s = ofputil_protocols_to_string(usable);
    printf("usable protocols: %s\n", s);
    free(s);

    version = choose_version(allowed, usable);
    if (!version) {
        ovs_fatal(0, "no usable protocol");
    }
    printf("chosen version: %s\n", ofputil_version_to_string(version));

    msg = ofputil_encode_group_mod(version, &gm, NULL, NULL);
    print_msg(msg->data, msg->size);
    ofpbuf_delete(msg);
    ofputil_uninit_group_mod(&gm);
}

/* Prints the hex of 'msg' on one line. */
static void
print_hex(const struct ofpbuf *msg)
{
    const uint8_t *p = msg->data;

    for (size_t i = 0; i < msg->size; i++) {
        printf("%02x", p[i]);
    }
    putchar('\n');
}

static void
do_encode_group(const char *version_s, const char *str)
{
    enum ofp_version version = ofputil_version_from_string(version_s);
    enum ofputil_protocol usable;
    struct ofputil_group_mod gm;
    struct ofpbuf *msg;
    char *error;

    error = parse_ofp_group_mod_str(&gm, OFPGC11_ADD, str, NULL, NULL,
                                    &usable);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    msg = ofputil_encode_group_mod(version, &gm, NULL, NULL);
    print_hex(msg);
    ofpbuf_delete(msg);
    ofputil_uninit_group_mod(&gm);
}

static void
do_parse_meter(const char *command_s, const char *version_s, const char *str)
{
    enum ofp_version version = ofputil_version_from_string(version_s);
    enum ofputil_protocol usable;
    struct ofputil_meter_mod mm;
    struct ofpbuf *msg;
    int command;
    char *error;

    if (!strcmp(command_s, "add")) {
        command = OFPMC13_ADD;
    } else if (!strcmp(command_s, "mod")) {
        command = OFPMC13_MODIFY;
    } else if (!strcmp(command_s, "del")) {
        command = OFPMC13_DELETE;
    } else if (!strcmp(command_s, "stats") || !strcmp(command_s, "config")) {
        command = -1;
    } else {
        ovs_fatal(0, "%s: unknown command", command_s);
    }

    error = parse_ofp_meter_mod_str(&mm, *str ? str : NULL, command,
                                    &usable);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    if (command == -1) {
        msg = ofputil_encode_meter_request(
            version, (!strcmp(command_s, "stats") ? OFPUTIL_METER_STATS
                      : OFPUTIL_METER_CONFIG),
            *str ? mm.meter.meter_id : OFPM13_ALL);
    } else {
        if (command == OFPMC13_DELETE && !*str) {
            mm.meter.meter_id = OFPM13_ALL;
        }
        msg = ofputil_encode_meter_mod(version, &mm);
    }
    print_hex(msg);
    print_msg(msg->data, msg->size);
    ofpbuf_delete(msg);
    free(mm.meter.bands);
}

/* Prints the hex of every message in 'replies' and frees them. */
static void
print_replies(struct ovs_list *replies)
{
    struct ofpbuf *msg;

    while ((msg = ofpmp_pop(replies))) {
        print_hex(msg);
        ofpbuf_delete(msg);
    }
}

static void
do_replies(const char *version_s)
{
    enum ofp_version version = ofputil_version_from_string(version_s);
    static const char *groups[] = {
        "group_id=1,type=select,bucket=weight:100,actions=output:1,"
        "bucket=weight:50,actions=output:2",
        "group_id=2,type=ff,bucket=watch_port:3,actions=output:3,"
        "bucket=watch_group:4,actions=output:4",
        "group_id=3,type=all",
        "group_id=4,type=indirect,bucket=actions=mod_dl_src:00:11:22:33:44:55,"
        "output:7",
        "group_id=5,type=select,selection_method=hash,"
        "fields(eth_dst=ff:ff:ff:00:00:00,ip_src),bucket=output:1",
    };
    struct ovs_list replies;
    struct ofpbuf *request;

    /* Queue stats and queue config (every version). */
    struct ofputil_queue_stats_request qsr = { OFPP_ANY, OFPQ_ALL };
    request = ofputil_encode_queue_stats_request(version, &qsr);
    ofpmp_init(&replies, request->data);
    for (int i = 0; i < 3; i++) {
        struct ofputil_queue_stats qs = {
            .port_no = i + 1, .queue_id = i * 7,
            .tx_bytes = 1000 * i, .tx_packets = 10 * i,
            .tx_errors = i ? UINT64_MAX : 0,
            .duration_sec = i == 2 ? UINT32_MAX : 5 + i,
            .duration_nsec = i == 2 ? UINT32_MAX : 500000 * i,
        };
        ofputil_append_queue_stat(&replies, &qs);
    }
    ofpbuf_delete(request);
    print_replies(&replies);

    request = ofputil_encode_queue_get_config_request(version, 1, OFPQ_ALL);
    struct ofputil_queue_config qcs[] = {
        { 1, 5, 100, 200 },
        { 1, 6, UINT16_MAX, UINT16_MAX },
        { 1, 7, 1001, 50 },
    };
    struct ofpbuf *reply = ofputil_encode_queue_get_config_reply(
        request->data, qcs, ARRAY_SIZE(qcs));
    print_hex(reply);
    ofpbuf_delete(reply);
    ofpbuf_delete(request);

    if (version < OFP11_VERSION) {
        return;
    }

    /* Group desc. */
    request = ofputil_encode_group_desc_request(version, OFPG_ALL);
    ofpmp_init(&replies, request->data);
    for (size_t i = 0; i < ARRAY_SIZE(groups); i++) {
        enum ofputil_protocol usable;
        struct ofputil_group_mod gm;
        struct ofputil_group_desc gd;
        char *error;

        error = parse_ofp_group_mod_str(&gm, OFPGC11_ADD, groups[i], NULL,
                                        NULL, &usable);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
        memset(&gd, 0, sizeof gd);
        gd.type = gm.type;
        gd.group_id = gm.group_id;
        if (version >= OFP15_VERSION) {
            gd.props = gm.props;
        }
        ofputil_append_group_desc_reply(&gd, &gm.buckets, &replies);
        ofputil_uninit_group_mod(&gm);
    }
    ofpbuf_delete(request);
    print_replies(&replies);

    /* Group stats. */
    request = ofputil_encode_group_stats_request(version, OFPG_ALL);
    ofpmp_init(&replies, request->data);
    for (int i = 0; i < 3; i++) {
        struct bucket_counter bc[] = { { 1, 2 }, { 3, 4 } };
        struct ofputil_group_stats gs = {
            .group_id = i + 1, .ref_count = i, .packet_count = 100 * i,
            .byte_count = 2000 * i, .duration_sec = 10 + i,
            .duration_nsec = 500000 * i, .n_buckets = i < 2 ? i + 1 : 0,
            .bucket_stats = bc,
        };
        ofputil_append_group_stats(&replies, &gs);
    }
    ofpbuf_delete(request);
    print_replies(&replies);

    if (version < OFP12_VERSION) {
        return;
    }

    /* Group features. */
    struct ofputil_group_features gf = {
        .types = 0xf, .capabilities = 0x5,
        .max_groups = { 1, 2, 3, 4 },
    };
    gf.ofpacts[0] = ofpact_bitmap_from_openflow(htonl(1), version);
    gf.ofpacts[3] = gf.ofpacts[0];
    request = ofputil_encode_group_features_request(version);
    reply = ofputil_encode_group_features_reply(&gf, request->data);
    print_hex(reply);
    ofpbuf_delete(reply);
    ofpbuf_delete(request);

    if (version < OFP13_VERSION) {
        return;
    }

    /* Meter config. */
    struct ofputil_meter_band bands[] = {
        { OFPMBT13_DROP, 0, 1000, 100 },
        { OFPMBT13_DSCP_REMARK, 2, 100, 10 },
    };
    request = ofputil_encode_meter_request(version, OFPUTIL_METER_CONFIG,
                                           OFPM13_ALL);
    ofpmp_init(&replies, request->data);
    for (int i = 0; i < 3; i++) {
        struct ofputil_meter_config mc = {
            .meter_id = i + 1,
            .flags = (i == 0 ? OFPMF13_KBPS | OFPMF13_BURST
                      : i == 1 ? OFPMF13_PKTPS | OFPMF13_STATS
                      : OFPMF13_KBPS),
            .n_bands = i == 2 ? 0 : i + 1,
            .bands = bands,
        };
        ofputil_append_meter_config(&replies, &mc);
    }
    ofpbuf_delete(request);
    print_replies(&replies);

    /* Meter stats. */
    struct ofputil_meter_band_stats mbs[] = { { 1, 2 }, { 3, 4 } };
    request = ofputil_encode_meter_request(version, OFPUTIL_METER_STATS,
                                           OFPM13_ALL);
    ofpmp_init(&replies, request->data);
    for (int i = 0; i < 2; i++) {
        struct ofputil_meter_stats ms = {
            .meter_id = i + 1, .flow_count = 3 * i,
            .packet_in_count = 100 * i, .byte_in_count = 2000 * i,
            .duration_sec = 10 * i, .duration_nsec = 500000 * i,
            .n_bands = 2 - i, .bands = mbs,
        };
        ofputil_append_meter_stats(&replies, &ms);
    }
    ofpbuf_delete(request);
    print_replies(&replies);

    /* Meter features. */
    struct ofputil_meter_features mf = {
        .max_meters = 65536, .band_types = 1 << OFPMBT13_DROP,
        .capabilities = 0xf, .max_bands = 2, .max_color = 0,
    };
    request = ofputil_encode_meter_request(version, OFPUTIL_METER_FEATURES,
                                           0);
    reply = ofputil_encode_meter_features_reply(&mf, request->data);
    print_hex(reply);
    ofpbuf_delete(reply);
    ofpbuf_delete(request);
}

static void
test_ofp_group_main(int argc, char *argv[])
{
    if (argc < 2) {
        ovs_fatal(0, "usage: %s print|parse-group|parse-meter|encode-group "
                  "ARGS...", argv[0]);
    }
    if (!strcmp(argv[1], "print") && argc >= 3) {
        do_print(argc - 2, argv + 2);
    } else if (!strcmp(argv[1], "parse-group") && argc == 4) {
        do_parse_group(argv[2], argv[3]);
    } else if (!strcmp(argv[1], "encode-group") && argc == 4) {
        do_encode_group(argv[2], argv[3]);
    } else if (!strcmp(argv[1], "replies") && argc == 3) {
        do_replies(argv[2]);
    } else if (!strcmp(argv[1], "parse-meter") && argc == 5) {
        do_parse_meter(argv[2], argv[3], argv[4]);
    } else {
        ovs_fatal(0, "%s: bad command or argument count", argv[1]);
    }
}

OVSTEST_REGISTER("test-ofp-group", test_ofp_group_main);
