/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-ofctl's group and meter commands.  parse-group prints, like
 * upstream's, the protocols able to express a group mod, the version it
 * chose and the encoded message as ofp-print shows it. */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "command-line.h"
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-group.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-queue.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "ovs-ofctl.h"

/* Returns the lowest OpenFlow version in 'allowed_versions' (a bitmap of
 * 1 << OFPn_VERSION) that can express one of 'usable' protocols, or 0 if
 * there is none. */
static enum ofp_version
choose_version(uint32_t allowed_versions, enum ofputil_protocol usable)
{
    for (int v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
        if (allowed_versions & (1u << v)
            && ofputil_protocols_from_ofp_version(v) & usable) {
            return v;
        }
    }
    return 0;
}

/* "parse-group GROUP": parses GROUP (add-group syntax) and prints the
 * usable protocols, the chosen version and the encoded group mod. */
static void
ofctl_parse_group(struct ovs_cmdl_context *ctx)
{
    enum ofputil_protocol usable_protocols;
    struct ofputil_group_mod gm;
    enum ofp_version version;
    struct ofpbuf *msg;
    char *error;
    char *s;

    error = parse_ofp_group_mod_str(&gm, OFPGC11_ADD, ctx->argv[1], NULL,
                                    NULL, &usable_protocols);
    if (error) {
        ovs_fatal(0, "%s", error);
    }

    s = ofputil_protocols_to_string(usable_protocols);
    printf("usable protocols: %s\n", s);
    free(s);

    version = choose_version(ofctl_options.allowed_versions,
                             usable_protocols);
    if (!version) {
        ovs_fatal(0, "no usable protocol");
    }
    printf("chosen version: %s\n", ofputil_version_to_string(version));

    msg = ofputil_encode_group_mod(version, &gm, NULL, NULL);
    ofp_print(stdout, msg->data, msg->size, NULL, NULL,
              ofctl_options.verbosity);
    ofpbuf_delete(msg);
    ofputil_uninit_group_mod(&gm);
}

/* Talking to the switch. */

/* Opens 'name' and exits unless the negotiated version is at least
 * 'min_version' (meters: OpenFlow 1.3, with upstream's message about flow
 * formats; groups: 1.1, or 1.0 with the Nicira group mod only when
 * 'nx_ok').  Returns the version. */
static enum ofp_version
open_vconn_min(const char *name, const char *command,
               enum ofp_version min_version, bool nx_ok,
               struct vconn **vconnp)
{
    enum ofp_version version = ofctl_open_vconn(name, vconnp);

    if (version < min_version && !(nx_ok && version == OFP10_VERSION)) {
        if (min_version == OFP13_VERSION) {
            char *usable = ofputil_protocols_to_string(OFPUTIL_P_OF13_UP);
            char *allowed = ofputil_protocols_to_string(
                ofputil_protocols_from_ofp_version(version));
            ovs_fatal(0, "none of the usable flow formats (%s) is among the "
                      "allowed flow formats (%s)", usable, allowed);
        } else {
            ovs_fatal(0, "%s needs OpenFlow 1.%d or later "
                      "('-O OpenFlow1%d')", command, min_version - 1,
                      min_version - 1);
        }
    }
    return version;
}

/* Sends 'request' followed by a barrier; if the switch answers 'request'
 * (with an error), prints the answer to stderr and exits. */
static void
transact_noreply(struct vconn *vconn, struct ofpbuf *request)
{
    struct ofpbuf *reply;
    int error = vconn_transact_noreply(vconn, request, &reply);

    if (error) {
        ovs_fatal(error, "talking to %s", vconn_get_name(vconn));
    }
    if (reply) {
        ofp_print(stderr, reply->data, reply->size, NULL, NULL,
                  ofctl_options.verbosity + 2);
        exit(1);
    }
}

/* Sends the request 'request' and prints every reply to it (the parts of
 * a multipart reply, or an error). */
static void
dump_transaction(struct vconn *vconn, struct ofpbuf *request)
{
    const struct ofp_header *oh = request->data;
    ovs_be32 xid = oh->xid;
    bool stats = ofpmsg_is_stat_request(oh);
    int error;

    error = vconn_send_block(vconn, request);
    if (error) {
        ovs_fatal(error, "talking to %s", vconn_get_name(vconn));
    }
    for (;;) {
        struct ofpbuf *reply;
        bool more;

        error = vconn_recv_xid(vconn, xid, &reply);
        if (error) {
            ovs_fatal(error, "talking to %s", vconn_get_name(vconn));
        }
        enum ofptype type;
        ofp_print(stdout, reply->data, reply->size, NULL, NULL,
                  ofctl_options.verbosity + 1);
        if (ofptype_decode(&type, reply->data)) {
            ovs_fatal(0, "received bad reply: %s",
                      ofp_to_string(reply->data, reply->size, NULL, NULL,
                                    ofctl_options.verbosity + 1));
        }
        more = (stats && ofpmsg_is_stat_reply(reply->data)
                && ofpmp_more(reply->data));
        ofpbuf_delete(reply);
        if (!more) {
            break;
        }
    }
}

/* Group commands. */

/* Sends the 'n' group mods 'gms' (uninitializing them) in 'version' on
 * 'vconn': each with a barrier, or all in one bundle with --bundle. */
static void
send_group_mods(struct vconn *vconn, enum ofp_version version,
                struct ofputil_group_mod *gms, size_t n)
{
    struct ovs_list requests = OVS_LIST_INITIALIZER(&requests);

    for (size_t i = 0; i < n; i++) {
        struct ofpbuf *msg = ofputil_encode_group_mod(version, &gms[i], NULL,
                                                      NULL);
        if (ofctl_options.bundle) {
            ovs_list_push_back(&requests, &msg->list_node);
        } else {
            transact_noreply(vconn, msg);
        }
        ofputil_uninit_group_mod(&gms[i]);
    }
    if (ofctl_options.bundle) {
        ofctl_bundle_transact(vconn, &requests);
    }
}

/* Shared by add-group, mod-group, del-groups, insert-buckets and
 * remove-buckets: parses argv[2] (if any) for 'command' and sends it. */
static void
ofctl_group_mod(struct ovs_cmdl_context *ctx, int command)
{
    enum ofputil_protocol usable_protocols;
    struct ofputil_group_mod gm;
    enum ofp_version version;
    struct vconn *vconn;
    char *error;

    /* Upstream looks the table names up, then the port names. */
    const struct ofputil_table_map *tables
        = ofctl_tables_to_accept(ctx->argv[1]);
    const struct ofputil_port_map *ports
        = ofctl_ports_to_accept(ctx->argv[1]);
    error = parse_ofp_group_mod_str(&gm, command,
                                    ctx->argc > 2 ? ctx->argv[2] : "",
                                    ports, tables, &usable_protocols);
    if (error) {
        ovs_fatal(0, "%s", error);
    }

    version = open_vconn_min(ctx->argv[1], ctx->argv[0], OFP11_VERSION,
                             true, &vconn);
    if ((command == OFPGC15_INSERT_BUCKET
         || command == OFPGC15_REMOVE_BUCKET)
        && version < OFP15_VERSION) {
        ovs_fatal(0, "%s needs OpenFlow 1.5 or later ('-O OpenFlow15')",
                  command == OFPGC15_INSERT_BUCKET ? "insert-bucket"
                  : "remove-bucket");
    }
    send_group_mods(vconn, version, &gm, 1);
    vconn_close(vconn);
}

static void
ofctl_add_group(struct ovs_cmdl_context *ctx)
{
    ofctl_group_mod(ctx, OFPGC11_ADD);
}

static void
ofctl_mod_group(struct ovs_cmdl_context *ctx)
{
    ofctl_group_mod(ctx, OFPGC11_MODIFY);
}

static void
ofctl_del_groups(struct ovs_cmdl_context *ctx)
{
    ofctl_group_mod(ctx, OFPGC11_DELETE);
}

static void
ofctl_insert_buckets(struct ovs_cmdl_context *ctx)
{
    ofctl_group_mod(ctx, OFPGC15_INSERT_BUCKET);
}

static void
ofctl_remove_buckets(struct ovs_cmdl_context *ctx)
{
    ofctl_group_mod(ctx, OFPGC15_REMOVE_BUCKET);
}

/* "add-groups SWITCH FILE": one group per line, each optionally starting
 * with a command keyword. */
static void
ofctl_add_groups(struct ovs_cmdl_context *ctx)
{
    enum ofputil_protocol usable_protocols;
    struct ofputil_group_mod *gms;
    enum ofp_version version;
    struct vconn *vconn;
    size_t n_gms;
    char *error;

    const struct ofputil_table_map *tables
        = ofctl_tables_to_accept(ctx->argv[1]);
    const struct ofputil_port_map *ports
        = ofctl_ports_to_accept(ctx->argv[1]);
    error = parse_ofp_group_mod_file(ctx->argv[2], ports, tables, -1, &gms,
                                     &n_gms, &usable_protocols);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    version = open_vconn_min(ctx->argv[1], ctx->argv[0], OFP11_VERSION,
                             true, &vconn);
    send_group_mods(vconn, version, gms, n_gms);
    free(gms);
    vconn_close(vconn);
}

/* "dump-groups SWITCH [GROUP]". */
static void
ofctl_dump_groups(struct ovs_cmdl_context *ctx)
{
    uint32_t group_id = OFPG_ALL;
    enum ofp_version version;
    struct vconn *vconn;

    if (ctx->argc > 2 && !ofputil_group_from_string(ctx->argv[2],
                                                    &group_id)) {
        /* As upstream: the error is logged and all groups are asked for. */
        group_id = OFPG_ALL;
    }
    version = open_vconn_min(ctx->argv[1], ctx->argv[0], OFP11_VERSION,
                             true, &vconn);
    dump_transaction(vconn, ofputil_encode_group_desc_request(version,
                                                              group_id));
    vconn_close(vconn);
}

/* "dump-group-stats SWITCH [GROUP]" (GROUP in "group_id=N" syntax). */
static void
ofctl_dump_group_stats(struct ovs_cmdl_context *ctx)
{
    enum ofputil_protocol usable_protocols;
    struct ofputil_group_mod gm;
    enum ofp_version version;
    struct vconn *vconn;
    uint32_t group_id;
    char *error;

    const struct ofputil_table_map *tables
        = ofctl_tables_to_accept(ctx->argv[1]);
    const struct ofputil_port_map *ports
        = ofctl_ports_to_accept(ctx->argv[1]);
    error = parse_ofp_group_mod_str(&gm, OFPGC11_DELETE,
                                    ctx->argc > 2 ? ctx->argv[2] : "",
                                    ports, tables, &usable_protocols);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    group_id = gm.group_id;
    ofputil_uninit_group_mod(&gm);

    version = open_vconn_min(ctx->argv[1], ctx->argv[0], OFP11_VERSION,
                             true, &vconn);
    dump_transaction(vconn, ofputil_encode_group_stats_request(version,
                                                               group_id));
    vconn_close(vconn);
}

/* "dump-group-features SWITCH". */
static void
ofctl_dump_group_features(struct ovs_cmdl_context *ctx)
{
    enum ofp_version version;
    struct vconn *vconn;

    version = ofctl_open_vconn(ctx->argv[1], &vconn);
    dump_transaction(vconn, ofputil_encode_group_features_request(version));
    vconn_close(vconn);
}

/* Meter commands. */

/* Shared by add-meter, mod-meter, del-meter(s): parses argv[2] (if any)
 * for 'command' and sends it. */
static void
ofctl_meter_mod(struct ovs_cmdl_context *ctx, uint16_t command)
{
    enum ofputil_protocol usable_protocols;
    struct ofputil_meter_mod mm;
    enum ofp_version version;
    struct vconn *vconn;
    char *error;

    if (ctx->argc > 2) {
        error = parse_ofp_meter_mod_str(&mm, ctx->argv[2], command,
                                        &usable_protocols);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
    } else {
        memset(&mm, 0, sizeof mm);
        mm.command = command;
        mm.meter.meter_id = OFPM13_ALL;
    }

    version = open_vconn_min(ctx->argv[1], ctx->argv[0], OFP13_VERSION,
                             false, &vconn);
    transact_noreply(vconn, ofputil_encode_meter_mod(version, &mm));
    free(mm.meter.bands);
    vconn_close(vconn);
}

static void
ofctl_add_meter(struct ovs_cmdl_context *ctx)
{
    ofctl_meter_mod(ctx, OFPMC13_ADD);
}

static void
ofctl_mod_meter(struct ovs_cmdl_context *ctx)
{
    ofctl_meter_mod(ctx, OFPMC13_MODIFY);
}

static void
ofctl_del_meters(struct ovs_cmdl_context *ctx)
{
    ofctl_meter_mod(ctx, OFPMC13_DELETE);
}

/* Shared by dump-meter(s), meter-stats and meter-features. */
static void
ofctl_meter_request(struct ovs_cmdl_context *ctx,
                    enum ofputil_meter_request_type type)
{
    enum ofputil_protocol usable_protocols;
    struct ofputil_meter_mod mm;
    enum ofp_version version;
    struct vconn *vconn;
    char *error;

    memset(&mm, 0, sizeof mm);
    mm.meter.meter_id = OFPM13_ALL;
    if (ctx->argc > 2) {
        error = parse_ofp_meter_mod_str(&mm, ctx->argv[2], -1,
                                        &usable_protocols);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
    }

    version = open_vconn_min(ctx->argv[1], ctx->argv[0], OFP13_VERSION,
                             false, &vconn);
    dump_transaction(vconn, ofputil_encode_meter_request(
                         version, type, mm.meter.meter_id));
    free(mm.meter.bands);
    vconn_close(vconn);
}

static void
ofctl_dump_meters(struct ovs_cmdl_context *ctx)
{
    ofctl_meter_request(ctx, OFPUTIL_METER_CONFIG);
}

static void
ofctl_meter_stats(struct ovs_cmdl_context *ctx)
{
    ofctl_meter_request(ctx, OFPUTIL_METER_STATS);
}

static void
ofctl_meter_features(struct ovs_cmdl_context *ctx)
{
    ofctl_meter_request(ctx, OFPUTIL_METER_FEATURES);
}

/* Queue commands. */

/* Parses the optional PORT and QUEUE arguments of queue-stats and
 * queue-get-config. */
static void
parse_port_queue(struct ovs_cmdl_context *ctx, ofp_port_t *port,
                 uint32_t *queue)
{
    *port = OFPP_ANY;
    *queue = OFPQ_ALL;
    if (ctx->argc > 2 && strcasecmp(ctx->argv[2], "all")) {
        if (!ofputil_port_from_string(ctx->argv[2], NULL, port)) {
            ovs_fatal(0, "%s: unknown port", ctx->argv[2]);
        }
    }
    if (ctx->argc > 3 && strcasecmp(ctx->argv[3], "all")) {
        unsigned int u;
        if (!str_to_uint(ctx->argv[3], 10, &u)) {
            ovs_fatal(0, "%s: bad queue id", ctx->argv[3]);
        }
        *queue = u;
    }
}

/* "queue-stats SWITCH [PORT [QUEUE]]". */
static void
ofctl_queue_stats(struct ovs_cmdl_context *ctx)
{
    struct ofputil_queue_stats_request oqs;
    enum ofp_version version;
    struct vconn *vconn;

    parse_port_queue(ctx, &oqs.port_no, &oqs.queue_id);
    version = ofctl_open_vconn(ctx->argv[1], &vconn);
    dump_transaction(vconn, ofputil_encode_queue_stats_request(version,
                                                               &oqs));
    vconn_close(vconn);
}

/* "queue-get-config SWITCH [PORT [QUEUE]]". */
static void
ofctl_queue_get_config(struct ovs_cmdl_context *ctx)
{
    enum ofp_version version;
    struct vconn *vconn;
    ofp_port_t port;
    uint32_t queue;

    parse_port_queue(ctx, &port, &queue);
    version = ofctl_open_vconn(ctx->argv[1], &vconn);
    dump_transaction(vconn, ofputil_encode_queue_get_config_request(
                         version, port, queue));
    vconn_close(vconn);
}

const struct ovs_cmdl_command ofctl_group_commands[] = {
    { "parse-group", NULL, 1, 1, ofctl_parse_group, OVS_RO },
    { "add-group", "switch group", 1, 2, ofctl_add_group, OVS_RW },
    { "add-groups", "switch file", 2, 2, ofctl_add_groups, OVS_RW },
    { "mod-group", "switch group", 1, 2, ofctl_mod_group, OVS_RW },
    { "del-groups", "switch [group]", 1, 2, ofctl_del_groups, OVS_RW },
    { "insert-buckets", "switch [group]", 1, 2, ofctl_insert_buckets,
      OVS_RW },
    { "remove-buckets", "switch [group]", 1, 2, ofctl_remove_buckets,
      OVS_RW },
    { "dump-groups", "switch [group]", 1, 2, ofctl_dump_groups, OVS_RO },
    { "dump-group-stats", "switch [group]", 1, 2, ofctl_dump_group_stats,
      OVS_RO },
    { "dump-group-features", "switch", 1, 1, ofctl_dump_group_features,
      OVS_RO },
    { "add-meter", "switch meter", 2, 2, ofctl_add_meter, OVS_RW },
    { "mod-meter", "switch meter", 2, 2, ofctl_mod_meter, OVS_RW },
    { "del-meter", "switch meter", 1, 2, ofctl_del_meters, OVS_RW },
    { "del-meters", "switch", 1, 2, ofctl_del_meters, OVS_RW },
    { "dump-meter", "switch meter", 1, 2, ofctl_dump_meters, OVS_RO },
    { "dump-meters", "switch", 1, 2, ofctl_dump_meters, OVS_RO },
    { "meter-stats", "switch [meter]", 1, 2, ofctl_meter_stats, OVS_RO },
    { "meter-features", "switch", 1, 1, ofctl_meter_features, OVS_RO },
    { "queue-stats", "switch [port [queue]]", 1, 3, ofctl_queue_stats,
      OVS_RO },
    { "queue-get-config", "switch [port [queue]]", 1, 3,
      ofctl_queue_get_config, OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};
