/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-ofctl's commands on flows and tables: parse-flow and parse-flows,
 * which need no switch, and the switch commands add-flow, add-flows,
 * mod-flows, del-flows, replace-flows, diff-flows, dump-flows,
 * dump-aggregate, dump-tables, dump-table-features, dump-table-desc,
 * mod-table and packet-out.
 *
 * To print the same bytes as upstream's ovs-ofctl (message xids show in
 * its output), these commands open the same connections and send the same
 * messages in the same order: the port and table name maps are fetched on
 * connections of their own, once per switch name, and the flow format is
 * negotiated (NXT_SET_FLOW_FORMAT, NXT_FLOW_MOD_TABLE_ID) with a barrier
 * after each message. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "command-line.h"
#include "hash.h"
#include "match.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-group.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-switch.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/ofp-weft.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "ovs-ofctl.h"

/* Returns the protocols that the -O and -F options allow. */
static enum ofputil_protocol
ofctl_allowed_protocols(void)
{
    enum ofputil_protocol allowed;

    allowed = ofputil_protocols_from_version_bitmap(
        ofctl_options.allowed_versions);
    if (ofctl_options.preferred_flow_format) {
        allowed &= ofctl_options.preferred_flow_format;
    }
    return allowed;
}

/* Prints the 'n_fms' flow mods in 'fms' as parse-flow(s) does: the usable
 * protocols, the protocol chosen among those allowed (the first in
 * enum ofputil_protocol's order), and each flow mod encoded in it and
 * printed back.  Frees the flow mods' actions. */
static void
ofctl_parse_flows__(struct ofputil_flow_mod *fms, size_t n_fms,
                    enum ofputil_protocol usable_protocols)
{
    enum ofputil_protocol allowed = ofctl_allowed_protocols();
    enum ofputil_protocol protocol = 0;
    char *usable_s;
    size_t i;

    usable_s = ofputil_protocols_to_string(usable_protocols);
    printf("usable protocols: %s\n", usable_s);
    free(usable_s);

    if (!(usable_protocols & allowed)) {
        ovs_fatal(0, "no usable protocol");
    }
    for (i = 0; i < sizeof(enum ofputil_protocol) * CHAR_BIT; i++) {
        protocol = 1u << i;
        if (protocol & usable_protocols & allowed) {
            break;
        }
    }

    printf("chosen protocol: %s\n", ofputil_protocol_to_string(protocol));

    for (i = 0; i < n_fms; i++) {
        struct ofputil_flow_mod *fm = &fms[i];
        struct ofpbuf *msg;

        msg = ofputil_encode_flow_mod(fm, protocol);
        ofp_print(stdout, msg->data, msg->size, NULL, NULL,
                  ofctl_options.verbosity);
        ofpbuf_delete(msg);

        ofputil_flow_mod_uninit(fm);
    }
}

/* "parse-flow FLOW": parses FLOW as add-flow would and prints it. */
static void
ofctl_parse_flow(struct ovs_cmdl_context *ctx)
{
    enum ofputil_protocol usable_protocols;
    struct ofputil_flow_mod fm;
    char *error;

    error = parse_ofp_flow_mod_str(&fm, ctx->argv[1], NULL, NULL, OFPFC_ADD,
                                   &usable_protocols);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    ofctl_parse_flows__(&fm, 1, usable_protocols);
}

/* "parse-flows FILE": parses FILE ("-" for standard input) as add-flows
 * would and prints each flow. */
static void
ofctl_parse_flows(struct ovs_cmdl_context *ctx)
{
    enum ofputil_protocol usable_protocols;
    struct ofputil_flow_mod *fms = NULL;
    size_t n_fms = 0;
    char *error;

    error = parse_ofp_flow_mod_file(ctx->argv[1], NULL, NULL, OFPFC_ADD,
                                    &fms, &n_fms, &usable_protocols);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    ofctl_parse_flows__(fms, n_fms, usable_protocols);
    free(fms);
}

/* Talking to a switch. */

/* Exits with upstream's message for the vconn error 'error' while talking
 * to 'name', if 'error' is nonzero. */
static void
check_talk(int error, const char *name)
{
    if (error) {
        ovs_fatal(0, "talking to %s (%s)", name, ovs_retval_to_string(error));
    }
}

/* Sends the multipart request 'request' (taking ownership) on 'vconn' and
 * calls 'cb' on each reply, up to the last one.  A reply that is not a
 * multipart reply (an error) is passed to 'cb' too and ends the dump. */
static void
multipart_transact(struct vconn *vconn, const char *name,
                   struct ofpbuf *request,
                   void (*cb)(struct ofpbuf *reply, void *aux), void *aux)
{
    ovs_be32 xid = ((const struct ofp_header *) request->data)->xid;
    bool more = true;

    check_talk(vconn_send_block(vconn, request), name);
    while (more) {
        struct ofpbuf *reply;

        check_talk(vconn_recv_xid(vconn, xid, &reply), name);
        more = ofpmsg_is_stat_reply(reply->data) && ofpmp_more(reply->data);
        cb(reply, aux);
        ofpbuf_delete(reply);
    }
}

/* Name maps.
 *
 * Upstream fetches the port and table names of a switch on a connection of
 * its own, when it first needs them to parse or to print, and keeps them
 * per switch name (the name as given on the command line, or the vconn's
 * name when printing through a connection). */

/* Switch name to "struct ofputil_port_map *" / "struct ofputil_table_map
 * *". */
static struct shash port_maps = SHASH_INITIALIZER(&port_maps);
static struct shash table_maps = SHASH_INITIALIZER(&table_maps);

/* Adds the ports in 'b' (the body of a features reply or of a port desc
 * reply, in 'version') to 'map'. */
static void
put_ports(struct ofputil_port_map *map, enum ofp_version version,
          struct ofpbuf *b)
{
    struct ofputil_phy_port pp;

    while (!ofputil_pull_phy_port(version, b, &pp)) {
        ofputil_port_map_put(map, pp.port_no, pp.name);
    }
}

/* Multipart callback: adds the ports of a port desc reply to the map
 * 'map_'. */
static void
port_desc_cb(struct ofpbuf *reply, void *map_)
{
    const struct ofp_header *oh = reply->data;
    struct ofpbuf b = *reply;
    enum ofpraw raw;

    if (!ofpraw_pull(&raw, &b)) {
        put_ports(map_, oh->version, &b);
    }
}

/* Returns the port map of switch 'name', fetching it the first time:
 * from the features reply before OpenFlow 1.3, from the port descriptions
 * since. */
static const struct ofputil_port_map *
get_port_map(const char *name)
{
    struct ofputil_port_map *map = shash_find_data(&port_maps, name);
    struct vconn *vconn;
    int version;

    if (map) {
        return map;
    }
    map = xmalloc(sizeof *map);
    ofputil_port_map_init(map);
    shash_add(&port_maps, name, map);

    version = ofctl_open_vconn(name, &vconn);
    if (version < OFP13_VERSION) {
        struct ofpbuf *request = ofpraw_alloc(OFPRAW_OFPT_FEATURES_REQUEST,
                                              version, 0);
        struct ofpbuf *reply;
        struct ofputil_switch_features features;

        check_talk(vconn_transact(vconn, request, &reply), name);
        struct ofpbuf b = *reply;
        if (!ofputil_pull_switch_features(&b, &features)) {
            put_ports(map, version, &b);
        }
        ofpbuf_delete(reply);
    } else {
        multipart_transact(vconn, name,
                           ofputil_encode_port_desc_stats_request(
                               version, OFPP_NONE),
                           port_desc_cb, map);
    }
    vconn_close(vconn);
    return map;
}

/* Multipart callback: adds the named tables of a table stats reply to the
 * map 'map_'. */
static void
table_stats_cb(struct ofpbuf *reply, void *map_)
{
    struct ofputil_table_features features;
    struct ofputil_table_stats stats;
    struct ofpbuf b = *reply;

    if (!ofpmsg_is_stat_reply(reply->data)) {
        return;
    }
    memset(&features, 0, sizeof features);
    while (!ofputil_decode_table_stats_reply(&b, &stats, &features)) {
        if (features.name[0]) {
            ofputil_table_map_put(map_, features.table_id, features.name);
        }
        memset(&features, 0, sizeof features);
    }
}

/* Multipart callback: adds the named tables of a table features reply to
 * the map 'map_'. */
static void
table_features_cb(struct ofpbuf *reply, void *map_)
{
    struct ofputil_table_features features;
    struct ofpbuf b = *reply;

    if (!ofpmsg_is_stat_reply(reply->data)) {
        return;
    }
    memset(&features, 0, sizeof features);
    while (!ofputil_decode_table_features(&b, &features, NULL)) {
        if (features.name[0]) {
            ofputil_table_map_put(map_, features.table_id, features.name);
        }
        memset(&features, 0, sizeof features);
    }
}

/* Returns the table map of switch 'name', fetching it the first time: from
 * the table stats before OpenFlow 1.3, from the table features since. */
static const struct ofputil_table_map *
get_table_map(const char *name)
{
    struct ofputil_table_map *map = shash_find_data(&table_maps, name);
    struct vconn *vconn;
    int version;

    if (map) {
        return map;
    }
    map = xmalloc(sizeof *map);
    ofputil_table_map_init(map);
    shash_add(&table_maps, name, map);

    version = ofctl_open_vconn(name, &vconn);
    if (version < OFP13_VERSION) {
        multipart_transact(vconn, name,
                           ofpraw_alloc(OFPRAW_OFPST_TABLE_REQUEST,
                                        version, 0),
                           table_stats_cb, map);
    } else {
        multipart_transact(vconn, name,
                           ofputil_encode_table_features_request(version),
                           table_features_cb, map);
    }
    vconn_close(vconn);
    return map;
}

/* Whether flows given on the command line may name ports and tables
 * (everything but --no-names). */
static bool
accept_names(void)
{
    return ofctl_options.use_names != 0;
}

/* Whether output shows port and table names (--names, or printing to a
 * terminal without --no-names). */
static bool
show_names(void)
{
    return (ofctl_options.use_names > 0
            || (ofctl_options.use_names < 0 && isatty(STDOUT_FILENO)));
}

/* The port map for parsing flows meant for switch 'name', or null. */
static const struct ofputil_port_map *
ports_to_accept(const char *name)
{
    return accept_names() ? get_port_map(name) : NULL;
}

/* The table map for parsing flows meant for switch 'name', or null. */
static const struct ofputil_table_map *
tables_to_accept(const char *name)
{
    return accept_names() ? get_table_map(name) : NULL;
}

/* The maps for printing what switch 'name' says, or null.  Upstream looks
 * the table names up first. */
static void
maps_to_show(const char *name, const struct ofputil_port_map **ports,
             const struct ofputil_table_map **tables)
{
    if (show_names()) {
        *tables = get_table_map(name);
        *ports = get_port_map(name);
    } else {
        *tables = NULL;
        *ports = NULL;
    }
}

/* Frees every cached map. */
static void
free_maps(void)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &port_maps) {
        ofputil_port_map_destroy(node->data);
    }
    shash_destroy_free_data(&port_maps);
    SHASH_FOR_EACH (node, &table_maps) {
        ofputil_table_map_destroy(node->data);
    }
    shash_destroy_free_data(&table_maps);
}

const struct ofputil_port_map *
ofctl_ports_to_accept(const char *name)
{
    return ports_to_accept(name);
}

const struct ofputil_table_map *
ofctl_tables_to_accept(const char *name)
{
    return tables_to_accept(name);
}

void
ofctl_free_maps(void)
{
    free_maps();
}

void
ofctl_maps_to_show(const char *name, const struct ofputil_port_map **ports,
                   const struct ofputil_table_map **tables)
{
    maps_to_show(name, ports, tables);
}

/* Flow format negotiation. */

/* Exits, with upstream's message, unless some protocol in 'usable' is
 * allowed by -O and -F. */
static void
check_usable_protocols(enum ofputil_protocol usable)
{
    enum ofputil_protocol allowed = ofctl_allowed_protocols();

    if (!(usable & allowed)) {
        char *usable_s = ofputil_protocols_to_string(usable);
        char *allowed_s = ofputil_protocols_to_string(allowed);

        ovs_fatal(0, "none of the usable flow formats (%s) is among the "
                  "allowed flow formats (%s)", usable_s, allowed_s);
    }
}

/* Switches 'vconn' from protocol '*cur' to 'want', one message at a time,
 * each followed by a barrier.  Returns true and updates '*cur' on success;
 * returns false if the switch refused. */
static bool
set_protocol(struct vconn *vconn, const char *name,
             enum ofputil_protocol *cur, enum ofputil_protocol want)
{
    while (*cur != want) {
        enum ofputil_protocol next;
        struct ofpbuf *request = ofputil_encode_set_protocol(*cur, want,
                                                             &next);
        struct ofpbuf *reply;

        if (!request) {
            return false;
        }
        check_talk(vconn_transact_noreply(vconn, request, &reply), name);
        if (reply) {
            ofpbuf_delete(reply);
            return false;
        }
        *cur = next;
    }
    return true;
}

/* Connects to 'name' for sending flow mods that 'usable' protocols can
 * express, and switches to one of them: the current one if usable and
 * allowed (-O, -F), else
 * the first allowed usable one (in enum ofputil_protocol's order) that the
 * switch accepts.  Returns the protocol. */
static enum ofputil_protocol
open_vconn_for_flow_mod(const char *name, struct vconn **vconnp,
                        enum ofputil_protocol usable)
{
    enum ofputil_protocol allowed = ofctl_allowed_protocols();
    enum ofputil_protocol cur;
    char *usable_s;

    cur = ofputil_protocol_from_ofp_version(ofctl_open_vconn(name, vconnp));
    if (cur & usable & allowed) {
        return cur;
    }
    for (size_t i = 0; i < sizeof(enum ofputil_protocol) * CHAR_BIT; i++) {
        enum ofputil_protocol p = 1u << i;

        if (p & usable & allowed
            && ofputil_protocol_to_ofp_version(p)
               == ofputil_protocol_to_ofp_version(cur)
            && set_protocol(*vconnp, name, &cur, p)) {
            return cur;
        }
    }

    usable_s = ofputil_protocols_to_string(usable);
    ovs_fatal(0, "switch does not support any of the usable flow formats "
              "(%s)", usable_s);
}

/* Connects to 'name' for dumping flows with a request that 'usable'
 * protocols can express, and switches to the first protocol of
 * ofputil_flow_dump_protocols[] that is usable, allowed, and accepted by the
 * switch.  Returns the protocol. */
static enum ofputil_protocol
open_vconn_for_flow_dump(const char *name, struct vconn **vconnp,
                         enum ofputil_protocol usable)
{
    enum ofputil_protocol allowed = ofctl_allowed_protocols();
    enum ofputil_protocol cur;
    char *usable_s;

    cur = ofputil_protocol_from_ofp_version(ofctl_open_vconn(name, vconnp));
    for (size_t i = 0; i < ofputil_n_flow_dump_protocols; i++) {
        enum ofputil_protocol p = ofputil_flow_dump_protocols[i];

        if (p & usable & allowed
            && ofputil_protocol_to_ofp_version(p)
               == ofputil_protocol_to_ofp_version(cur)
            && set_protocol(*vconnp, name, &cur, p)) {
            return cur;
        }
    }

    usable_s = ofputil_protocols_to_string(usable);
    ovs_fatal(0, "switch does not support any of the usable flow formats "
              "(%s)", usable_s);
}

/* Flow mods. */

/* Sends 'request' (taking ownership) on 'vconn' followed by a barrier; if
 * the switch answers with an error, prints it as upstream does and
 * exits. */
static void
transact_noreply_or_die(struct vconn *vconn, const char *name,
                        struct ofpbuf *request)
{
    struct ofpbuf *reply;

    check_talk(vconn_transact_noreply(vconn, request, &reply), name);
    if (reply) {
        ofp_print(stderr, reply->data, reply->size, NULL, NULL,
                  ofctl_options.verbosity + 2);
        exit(1);
    }
}

/* From how many flow mods on ovs-ofctl asks the switch to stop at the first
 * error (Weft's WFTT_STOP_ON_ERROR) so as to send them all without waiting
 * for each one's barrier reply.  Fewer go one at a time, as upstream's
 * ovs-ofctl sends them all: asking costs a round trip, and a switch without
 * the extension (upstream's) logs a warning about it. */
#define STOP_ON_ERROR_MIN_FLOWS 64

/* Bytes of flow mods that send_flow_mods_batched() writes at a time. */
#define FLOW_MOD_BATCH_BYTES 65536

/* Returns a barrier request for 'vconn''s version with 'xid'. */
static struct ofpbuf *
barrier_request(const struct vconn *vconn, ovs_be32 xid)
{
    int version = vconn_get_version(vconn);

    return ofpraw_alloc_xid(version == OFP10_VERSION
                            ? OFPRAW_OFPT10_BARRIER_REQUEST
                            : OFPRAW_OFPT11_BARRIER_REQUEST,
                            version, xid, 0);
}

/* Asks the switch at the other end of 'vconn' to stop at the first error
 * (WFTT_STOP_ON_ERROR).  Returns true if it agreed, false if it answered
 * with an error (a switch without the extension).  The request and its
 * barrier carry fixed xids, so that the flow mods that follow get the xids
 * they would get without it. */
static bool
switch_stops_on_error(struct vconn *vconn)
{
    ovs_be32 barrier_xid = htonl(UINT32_MAX);
    struct ofpbuf *request, *reply;

    request = ofputil_encode_stop_on_error(vconn_get_version(vconn), true,
                                           htonl(UINT32_MAX - 1));
    check_talk(vconn_send_block(vconn, request), vconn_get_name(vconn));
    request = barrier_request(vconn, barrier_xid);
    check_talk(vconn_send_block(vconn, request), vconn_get_name(vconn));
    check_talk(vconn_recv_barrier_reply(vconn, barrier_xid, &reply),
               vconn_get_name(vconn));
    if (reply) {
        ofpbuf_delete(reply);
        return false;
    }
    return true;
}

/* Answers 'msg', which the switch sent while flow mods were on their way,
 * if it is an echo request; otherwise it is an answer to a flow mod (an
 * error, usually): prints it and exits, as send_flow_mods() does.  Takes
 * ownership of 'msg'. */
static void
check_flow_mod_answer(struct vconn *vconn, struct ofpbuf *msg)
{
    if (!vconn_answer_echo(vconn, msg)) {
        ofp_print(stderr, msg->data, msg->size, NULL, NULL,
                  ofctl_options.verbosity + 2);
        exit(1);
    }
    ofpbuf_delete(msg);
}

/* Sends the 'n_fms' flow mods in 'fms' over 'vconn', to switch 'name' that
 * stops at the first error, in 'protocol', without waiting between them,
 * then a barrier; frees the flow mods.  The outcome is that of sending
 * them one at a time (see send_flow_mods()): the switch drops what follows
 * a failed flow mod, and ovs-ofctl prints the error and exits.  Each flow
 * mod gets the xid it would get one at a time (a barrier's is skipped). */
static void
send_flow_mods_batched(struct vconn *vconn, const char *name,
                       struct ofputil_flow_mod *fms, size_t n_fms,
                       enum ofputil_protocol protocol)
{
    struct ofpbuf *batch = ofpbuf_new(FLOW_MOD_BATCH_BYTES);
    struct ofpbuf *reply;

    for (size_t i = 0; i < n_fms; i++) {
        struct ofpbuf *msg = ofputil_encode_flow_mod(&fms[i], protocol);

        alloc_xid();            /* The barrier's, one at a time. */
        ofputil_flow_mod_uninit(&fms[i]);
        ofpmsg_update_length(msg);
        ofpbuf_put(batch, msg->data, msg->size);
        ofpbuf_delete(msg);
        if (batch->size >= FLOW_MOD_BATCH_BYTES || i + 1 == n_fms) {
            check_talk(vconn_send_batch_block(vconn, batch), name);
            batch = ofpbuf_new(FLOW_MOD_BATCH_BYTES);

            /* Stop as soon as the switch reports an error. */
            while (!vconn_recv(vconn, &reply)) {
                check_flow_mod_answer(vconn, reply);
            }
        }
    }
    ofpbuf_delete(batch);

    ovs_be32 barrier_xid = alloc_xid();
    check_talk(vconn_send_block(vconn, barrier_request(vconn, barrier_xid)),
               name);
    check_talk(vconn_recv_barrier_reply(vconn, barrier_xid, &reply), name);
    if (reply) {
        check_flow_mod_answer(vconn, reply);
    }
}

/* Sends the 'n_fms' flow mods in 'fms' to switch 'name', each followed by
 * a barrier, in a protocol that can express all of them ('usable').  Frees
 * the flow mods. */
static void
send_flow_mods(const char *name, struct ofputil_flow_mod *fms, size_t n_fms,
               enum ofputil_protocol usable)
{
    enum ofputil_protocol protocol;
    struct vconn *vconn;

    check_usable_protocols(usable);
    protocol = open_vconn_for_flow_mod(name, &vconn, usable);
    if (ofctl_options.bundle) {
        struct ovs_list requests = OVS_LIST_INITIALIZER(&requests);

        for (size_t i = 0; i < n_fms; i++) {
            struct ofpbuf *msg = ofputil_encode_flow_mod(&fms[i], protocol);

            ovs_list_push_back(&requests, &msg->list_node);
            ofputil_flow_mod_uninit(&fms[i]);
        }
        ofctl_bundle_transact(vconn, &requests);
        vconn_close(vconn);
        return;
    }
    if (n_fms >= STOP_ON_ERROR_MIN_FLOWS && switch_stops_on_error(vconn)) {
        send_flow_mods_batched(vconn, name, fms, n_fms, protocol);
        vconn_close(vconn);
        return;
    }
    /* One flow mod and a barrier at a time, waiting for the barrier reply
     * before sending the next, as upstream does, so that the first flow
     * mod that fails stops the rest.  The next flow mod is encoded while
     * the switch works on the current one. */
    struct ofpbuf *next = ofputil_encode_flow_mod(&fms[0], protocol);
    for (size_t i = 0; i < n_fms; i++) {
        struct ofpbuf *reply;
        ovs_be32 barrier_xid;

        check_talk(vconn_send_with_barrier(vconn, next, &barrier_xid), name);
        ofputil_flow_mod_uninit(&fms[i]);
        next = (i + 1 < n_fms
                ? ofputil_encode_flow_mod(&fms[i + 1], protocol)
                : NULL);
        check_talk(vconn_recv_barrier_reply(vconn, barrier_xid, &reply),
                   name);
        if (reply) {
            ofp_print(stderr, reply->data, reply->size, NULL, NULL,
                      ofctl_options.verbosity + 2);
            exit(1);
        }
    }
    vconn_close(vconn);
}

/* The flow mod command 'command' (OFPFC_*), made strict by --strict when
 * it has a strict variant. */
static int
flow_mod_command(int command)
{
    if (ofctl_options.strict) {
        if (command == OFPFC_MODIFY) {
            return OFPFC_MODIFY_STRICT;
        } else if (command == OFPFC_DELETE) {
            return OFPFC_DELETE_STRICT;
        }
    }
    return command;
}


/* Parses the flow mods in 'file' ("-" for standard input) with
 * 'command' (as parse_ofp_flow_mod_file() takes it) and sends them to
 * switch 'name'. */
static void
send_flow_mod_file(const char *name, const char *file, int command)
{
    const struct ofputil_table_map *tables = tables_to_accept(name);
    const struct ofputil_port_map *ports = ports_to_accept(name);
    struct ofputil_flow_mod *fms = NULL;
    enum ofputil_protocol usable;
    size_t n_fms = 0;
    char *error;

    error = parse_ofp_flow_mod_file(file, ports, tables, command,
                                    &fms, &n_fms, &usable);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    if (n_fms) {
        send_flow_mods(name, fms, n_fms, usable);
    }
    free(fms);
    free_maps();
}
/* Common code for add-flow, mod-flows and del-flows: parses the flow in
 * argv[2] (for del-flows, none means all flows) and sends it. */
static void
ofctl_flow_mod(struct ovs_cmdl_context *ctx, int command)
{
    const char *name = ctx->argv[1];
    enum ofputil_protocol usable;
    struct ofputil_flow_mod fm;
    char *error;

    /* Upstream looks the table names up before the port names here. */
    const struct ofputil_table_map *tables = tables_to_accept(name);
    const struct ofputil_port_map *ports = ports_to_accept(name);
    if (ctx->argc > 2 && !strcmp(ctx->argv[2], "-")) {
        /* "-": one flow per line of standard input, as upstream. */
        send_flow_mod_file(name, "-", flow_mod_command(command));
        return;
    }
    error = parse_ofp_flow_mod_str(&fm, ctx->argc > 2 ? ctx->argv[2] : "",
                                   ports, tables, flow_mod_command(command),
                                   &usable);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    send_flow_mods(name, &fm, 1, usable);
    free_maps();
}

/* "add-flow SWITCH FLOW". */
static void
ofctl_add_flow(struct ovs_cmdl_context *ctx)
{
    ofctl_flow_mod(ctx, OFPFC_ADD);
}

/* "mod-flows SWITCH FLOW". */
static void
ofctl_mod_flows(struct ovs_cmdl_context *ctx)
{
    ofctl_flow_mod(ctx, OFPFC_MODIFY);
}

/* "del-flows SWITCH [FLOW]". */
static void
ofctl_del_flows(struct ovs_cmdl_context *ctx)
{
    ofctl_flow_mod(ctx, OFPFC_DELETE);
}

/* "add-flows SWITCH FILE": the flows in FILE ("-" for standard input),
 * each line optionally starting with "add", "modify", "modify_strict",
 * "delete" or "delete_strict". */
static void
ofctl_add_flows(struct ovs_cmdl_context *ctx)
{
    /* -2: each line may start with a command ("add", "modify",
     * "delete"...), as upstream's add-flows allows. */
    send_flow_mod_file(ctx->argv[1], ctx->argv[2], -2);
}

/* Dumping flows. */

/* One --sort or --rsort criterion. */
struct sort_criterion {
    const struct mf_field *field; /* Field to compare, NULL for priority. */
    bool descending;              /* --rsort? */
};

/* The criteria given by --sort and --rsort (upstream takes the last one). */
static struct sort_criterion sort_criterion;

/* Parses the --sort/--rsort option into 'sort_criterion'.  Returns false if
 * there is none. */
static bool
parse_sort_criterion(void)
{
    const char *field = ofctl_options.sort_field;

    if (!field) {
        return false;
    }
    sort_criterion.descending = ofctl_options.sort_descending;
    if (!field[0] || !strcasecmp(field, "priority")) {
        sort_criterion.field = NULL;
    } else {
        sort_criterion.field = mf_from_name(field);
        if (!sort_criterion.field) {
            ovs_fatal(0, "%s: unknown field name", field);
        }
    }
    return true;
}

/* A flow and its position in the dump, for sorting. */
struct sorted_flow {
    struct ofputil_flow_stats fs; /* The flow (actions in 'ofpacts'). */
    struct ofpbuf ofpacts;        /* Owns fs.ofpacts. */
    size_t index;                 /* Position in the dump. */
};

/* Compares 'a' and 'b' by 'sort_criterion'.  Flows in which the field is
 * wildcarded come last either way; equal flows keep the order of higher
 * priority first, then the dump order. */
static int
compare_flows(const void *a_, const void *b_)
{
    const struct sorted_flow *a = a_;
    const struct sorted_flow *b = b_;
    const struct mf_field *f = sort_criterion.field;
    int sign = sort_criterion.descending ? -1 : 1;
    int cmp;

    if (!f) {
        cmp = (a->fs.priority > b->fs.priority) - (a->fs.priority
                                                   < b->fs.priority);
        cmp *= sign;
    } else {
        bool a_wild = mf_is_all_wild(f, &a->fs.match.wc);
        bool b_wild = mf_is_all_wild(f, &b->fs.match.wc);

        if (a_wild != b_wild) {
            return a_wild ? 1 : -1;
        } else if (a_wild) {
            cmp = 0;
        } else {
            union mf_value av, bv;

            mf_get_value(f, &a->fs.match.flow, &av);
            mf_get_value(f, &b->fs.match.flow, &bv);
            cmp = memcmp(&av, &bv, f->n_bytes) * sign;
        }
        if (!cmp) {
            cmp = (b->fs.priority > a->fs.priority) - (b->fs.priority
                                                       < a->fs.priority);
        }
    }
    if (!cmp) {
        cmp = (a->index > b->index) - (a->index < b->index);
    }
    return cmp;
}

/* The flows collected from a dump. */
struct flow_dump {
    struct sorted_flow *flows;  /* The flows. */
    size_t n;                   /* Number of flows. */
    size_t allocated;           /* Allocated elements of 'flows'. */
};

/* Multipart callback: collects the flows of a flow stats reply into the
 * "struct flow_dump" 'dump_'.  An error reply ends the program, printed
 * as upstream does. */
static void
collect_flows_cb(struct ofpbuf *reply, void *dump_)
{
    struct flow_dump *dump = dump_;
    struct ofpbuf b = *reply;

    if (!ofpmsg_is_stat_reply(reply->data)) {
        ofp_print(stderr, reply->data, reply->size, NULL, NULL,
                  ofctl_options.verbosity + 1);
        exit(1);
    }
    for (;;) {
        struct sorted_flow *sf;
        int retval;

        if (dump->n >= dump->allocated) {
            dump->flows = x2nrealloc(dump->flows, &dump->allocated,
                                     sizeof *dump->flows);
        }
        sf = &dump->flows[dump->n];
        ofpbuf_init(&sf->ofpacts, 64);
        retval = ofputil_decode_flow_stats_reply(&sf->fs, &b, false,
                                                 &sf->ofpacts);
        if (retval) {
            ofpbuf_uninit(&sf->ofpacts);
            if (retval != EOF) {
                ovs_fatal(0, "parse error in reply");
            }
            break;
        }
        sf->fs.ofpacts = sf->ofpacts.data;
        sf->index = dump->n++;
    }
}

/* Multipart callback: prints a reply as upstream's dump-flows does without
 * sorting. */
static void
print_reply_cb(struct ofpbuf *reply, void *aux OVS_UNUSED)
{
    ofp_print(stdout, reply->data, reply->size, NULL, NULL,
              ofctl_options.verbosity + 1);
}

/* Parses the flow stats request for switch 'name' from 'argv[2]' (all
 * flows if there is none) into 'fsr'; returns the usable protocols. */
static enum ofputil_protocol
parse_flow_stats_request(struct ovs_cmdl_context *ctx, bool aggregate,
                         struct ofputil_flow_stats_request *fsr)
{
    const char *name = ctx->argv[1];
    enum ofputil_protocol usable;

    if (ctx->argc > 2) {
        /* Upstream looks the port names up before the table names here. */
        const struct ofputil_port_map *ports = ports_to_accept(name);
        const struct ofputil_table_map *tables = tables_to_accept(name);
        char *error = parse_ofp_flow_stats_request_str(fsr, aggregate,
                                                       ctx->argv[2], ports,
                                                       tables, &usable);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
    } else {
        char *error = parse_ofp_flow_stats_request_str(fsr, aggregate, "",
                                                       NULL, NULL, &usable);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
    }
    check_usable_protocols(usable);
    return usable;
}

/* "dump-flows SWITCH [FLOW]": prints the flows of SWITCH that match FLOW,
 * as the switch's replies (by default) or, with --sort, --rsort,
 * --no-stats or names shown, one flow per line. */
static void
ofctl_dump_flows(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct ofputil_flow_stats_request fsr;
    enum ofputil_protocol usable, protocol;
    bool show_stats = !ofctl_options.no_stats;
    bool sort = parse_sort_criterion();
    struct vconn *vconn;

    usable = parse_flow_stats_request(ctx, false, &fsr);
    protocol = open_vconn_for_flow_dump(name, &vconn, usable);
    struct ofpbuf *request = ofputil_encode_flow_stats_request(&fsr,
                                                               protocol);

    if (!sort && show_stats && !show_names()) {
        multipart_transact(vconn, name, request, print_reply_cb, NULL);
        vconn_close(vconn);
        free_maps();
        return;
    }

    struct flow_dump dump = { .n = 0 };
    multipart_transact(vconn, name, request, collect_flows_cb, &dump);
    vconn_close(vconn);
    if (sort) {
        qsort(dump.flows, dump.n, sizeof *dump.flows, compare_flows);
    }

    const struct ofputil_port_map *ports;
    const struct ofputil_table_map *tables;
    struct ds s = DS_EMPTY_INITIALIZER;

    maps_to_show(name, &ports, &tables);
    for (size_t i = 0; i < dump.n; i++) {
        ds_clear(&s);
        ofputil_flow_stats_format(&s, &dump.flows[i].fs, ports, tables,
                                  show_stats);
        printf(" %s\n", ds_cstr(&s));
        ofpbuf_uninit(&dump.flows[i].ofpacts);
    }
    ds_destroy(&s);
    free(dump.flows);
    free_maps();
}

/* Multipart callback: prints a reply with the name maps in 'aux' (a
 * two-element array: port map, table map). */
static void
print_reply_with_maps_cb(struct ofpbuf *reply, void *aux)
{
    const void **maps = aux;

    ofp_print(stdout, reply->data, reply->size, maps[0], maps[1],
              ofctl_options.verbosity + 1);
}

/* "dump-aggregate SWITCH [FLOW]": the aggregate statistics of the flows
 * that match FLOW. */
static void
ofctl_dump_aggregate(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct ofputil_flow_stats_request fsr;
    enum ofputil_protocol usable, protocol;
    struct vconn *vconn;
    const void *maps[2];

    usable = parse_flow_stats_request(ctx, true, &fsr);
    protocol = open_vconn_for_flow_dump(name, &vconn, usable);
    struct ofpbuf *request = ofputil_encode_flow_stats_request(&fsr,
                                                               protocol);
    ovs_be32 xid = ((const struct ofp_header *) request->data)->xid;
    struct ofpbuf *reply;

    /* Upstream prints through the connection's name, so a switch given by
     * bridge name has its maps fetched again here. */
    check_talk(vconn_send_block(vconn, request), name);
    check_talk(vconn_recv_xid(vconn, xid, &reply), name);
    maps_to_show(vconn_get_name(vconn),
                 (const struct ofputil_port_map **) &maps[0],
                 (const struct ofputil_table_map **) &maps[1]);
    print_reply_with_maps_cb(reply, maps);
    ofpbuf_delete(reply);
    vconn_close(vconn);
    free_maps();
}

/* Tables. */

/* "dump-tables SWITCH": table statistics. */
static void
ofctl_dump_tables(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct vconn *vconn;
    int version = ofctl_open_vconn(name, &vconn);
    const void *maps[2] = { NULL, NULL };

    multipart_transact(vconn, name,
                       ofpraw_alloc(OFPRAW_OFPST_TABLE_REQUEST, version, 0),
                       print_reply_with_maps_cb, maps);
    vconn_close(vconn);
}

/* Multipart callback: prints each table of a table features reply as
 * upstream's dump-table-features does (no message header; each table
 * compared with the previous one, across replies, and runs of identical
 * tables printed as "ditto").  Prints an error reply and exits. */
static void
print_table_features_cb(struct ofpbuf *reply, void *printer_)
{
    struct ofputil_table_printer *printer = printer_;
    bool first = !printer->has_prev;
    struct ds s = DS_EMPTY_INITIALIZER;
    struct ofpbuf b = *reply;

    if (!ofpmsg_is_stat_reply(reply->data)) {
        ofp_print(stderr, reply->data, reply->size, NULL, NULL,
                  ofctl_options.verbosity + 1);
        exit(1);
    }
    for (;;) {
        struct ofputil_table_features tf;
        int retval = ofputil_decode_table_features(&b, &tf, NULL);

        if (retval) {
            if (retval != EOF) {
                ovs_fatal(0, "decode error in table features reply");
            }
            break;
        }
        ofputil_table_printer_add(&s, printer, &tf, NULL, NULL);
    }
    if (!ofpmp_more(reply->data)) {
        ofputil_table_printer_finish(&s, printer);
        ds_put_char(&s, '\n');
    }
    /* The printer separates tables with a blank line before each;
     * upstream prints none before the first. */
    const char *text = ds_cstr(&s);
    fputs(first && text[0] == '\n' ? text + 1 : text, stdout);
    ds_destroy(&s);
}

/* "dump-table-features SWITCH": table features (OpenFlow 1.3+). */
static void
ofctl_dump_table_features(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct ofputil_table_printer printer;
    struct vconn *vconn;
    int version = ofctl_open_vconn(name, &vconn);

    if (version < OFP13_VERSION) {
        ovs_fatal(0, "dump-table-features needs OpenFlow 1.3 or later "
                  "('-O OpenFlow13')");
    }
    ofputil_table_printer_init(&printer);
    multipart_transact(vconn, name,
                       ofputil_encode_table_features_request(version),
                       print_table_features_cb, &printer);
    vconn_close(vconn);
}

/* "dump-table-desc SWITCH": table descriptions (OpenFlow 1.4+). */
static void
ofctl_dump_table_desc(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct vconn *vconn;
    int version = ofctl_open_vconn(name, &vconn);
    const void *maps[2] = { NULL, NULL };

    if (version < OFP14_VERSION) {
        ovs_fatal(0, "dump-table-desc needs OpenFlow 1.4 or later "
                  "('-O OpenFlow14')");
    }
    multipart_transact(vconn, name,
                       ofputil_encode_table_desc_request(version),
                       print_reply_with_maps_cb, maps);
    vconn_close(vconn);
}

/* What mod-table looks for in the table descriptions of the switch. */
struct table_desc_lookup {
    uint8_t table_id;             /* Table wanted (OFPTT_ALL: the first). */
    struct ofputil_table_desc td; /* Its description, if 'found'. */
    bool found;                   /* Was it found? */
};

/* Multipart callback: looks for a table in a table desc reply. */
static void
table_desc_cb(struct ofpbuf *reply, void *lookup_)
{
    struct table_desc_lookup *lookup = lookup_;
    const struct ofp_header *oh = reply->data;
    struct ofputil_table_desc td;
    struct ofpbuf b = *reply;

    if (!ofpmsg_is_stat_reply(oh)) {
        return;
    }
    while (!lookup->found && !ofputil_decode_table_desc(&b, &td,
                                                        oh->version)) {
        if (lookup->table_id == 0xff || td.table_id == lookup->table_id) {
            lookup->td = td;
            lookup->found = true;
        }
    }
}

/* "mod-table SWITCH TABLE SETTING": changes a table's table-miss behaviour
 * (OpenFlow 1.1 and 1.2: controller, continue, drop) or its eviction and
 * vacancy events (OpenFlow 1.4+: evict, noevict, vacancy:LOW,HIGH,
 * novacancy).  On OpenFlow 1.4+ the settings not given keep the values
 * the switch reports. */
static void
ofctl_mod_table(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    uint32_t usable_versions;
    struct ofputil_table_mod tm;
    struct vconn *vconn;
    char *error;
    int version;

    error = parse_ofp_table_mod(&tm, ctx->argv[2], ctx->argv[3],
                                tables_to_accept(name), &usable_versions);
    if (error) {
        ovs_fatal(0, "%s", error);
    }

    uint32_t allowed = ofctl_options.allowed_versions & usable_versions;
    if (!allowed) {
        struct ds versions = DS_EMPTY_INITIALIZER;

        ofputil_format_version_bitmap_names(&versions, usable_versions);
        ovs_fatal(0, "table_mod '%s' requires one of the OpenFlow versions "
                  "%s", ctx->argv[3], ds_cstr(&versions));
    }

    /* Connect with only the versions that can express the change. */
    uint32_t saved = ofctl_options.allowed_versions;
    ofctl_options.allowed_versions = allowed;
    version = ofctl_open_vconn(name, &vconn);
    ofctl_options.allowed_versions = saved;

    /* Like upstream, whenever -O allows OpenFlow 1.4 or later, whatever
     * version the connection speaks. */
    if (saved & ((1u << OFP14_VERSION) | (1u << OFP15_VERSION))) {
        struct table_desc_lookup lookup = { .table_id = tm.table_id };

        if (version < OFP14_VERSION) {
            ovs_fatal(0, "dump-table-desc needs OpenFlow 1.4 or later "
                      "('-O OpenFlow14')");
        }

        multipart_transact(vconn, name,
                           ofputil_encode_table_desc_request(version),
                           table_desc_cb, &lookup);
        if (lookup.found) {
            if (tm.eviction == OFPUTIL_TABLE_EVICTION_DEFAULT) {
                tm.eviction = lookup.td.eviction;
                tm.eviction_flags = lookup.td.eviction_flags;
            }
            if (tm.vacancy == OFPUTIL_TABLE_VACANCY_DEFAULT) {
                tm.vacancy = lookup.td.vacancy;
                tm.table_vacancy_down = lookup.td.table_vacancy_down;
                tm.table_vacancy_up = lookup.td.table_vacancy_up;
            }
        }
    }
    transact_noreply_or_die(vconn, name,
                            ofputil_encode_table_mod(
                                &tm,
                                ofputil_protocol_from_ofp_version(version)));
    vconn_close(vconn);
    free_maps();
}

/* Comparing and replacing flow tables (diff-flows, replace-flows). */

/* What a flow is, apart from what identifies it. */
struct fte_version {
    ovs_be64 cookie;            /* Cookie. */
    uint16_t idle_timeout;      /* Idle timeout, 0 for none. */
    uint16_t hard_timeout;      /* Hard timeout, 0 for none. */
    uint16_t importance;        /* Eviction precedence. */
    enum ofputil_flow_mod_flags flags; /* OFPUTIL_FF_*. */
    struct ofpact *ofpacts;     /* Actions (owned). */
    size_t ofpacts_len;         /* Length of 'ofpacts' in bytes. */
};

/* A flow in one or both of the two tables being compared: identified by
 * table, priority and match, with a version from each side (index 0: the
 * first source or the switch; 1: the second source or the file). */
struct fte {
    struct hmap_node node;      /* In "struct fte_table"'s 'ftes'. */
    uint8_t table_id;           /* Table. */
    int priority;               /* Priority. */
    struct match match;         /* Match. */
    char *key;                  /* fte_key() of the above. */
    struct fte_version *versions[2]; /* Each side's version, or NULL. */
    size_t index;               /* Order of first appearance. */
};

/* The union of two flow tables. */
struct fte_table {
    struct hmap ftes;           /* Contains "struct fte"s. */
    size_t n;                   /* Number of ftes. */
};

/* Returns the identity of a flow ('table_id', 'priority', 'match') as a
 * malloc()'d string: the match as text is canonical, whereas two decodings
 * of the same match (from a file, from a switch) may differ in bits that
 * do not matter. */
static char *
fte_key(uint8_t table_id, int priority, const struct match *match)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_format(&s, "%"PRIu8" %d ", table_id, priority);
    match_format(match, NULL, &s, priority);
    return ds_steal_cstr(&s);
}

/* Adds 'version' (taking ownership) as side 'index' of the flow
 * identified by 'table_id', 'priority', 'match' in 'ft', replacing any
 * version that side already has (as a later flow in a file replaces an
 * earlier one with the same identity). */
static void
fte_insert(struct fte_table *ft, uint8_t table_id, int priority,
           const struct match *match, struct fte_version *version,
           int index)
{
    char *key = fte_key(table_id, priority, match);
    uint32_t hash = hash_string(key, 0);
    struct fte *fte;

    HMAP_FOR_EACH_WITH_HASH (fte, node, hash, &ft->ftes) {
        if (!strcmp(fte->key, key)) {
            free(key);
            goto found;
        }
    }
    fte = xzalloc(sizeof *fte);
    fte->key = key;
    fte->table_id = table_id;
    fte->priority = priority;
    fte->match = *match;
    fte->index = ft->n++;
    hmap_insert(&ft->ftes, &fte->node, hash);

found:
    if (fte->versions[index]) {
        free(fte->versions[index]->ofpacts);
        free(fte->versions[index]);
    }
    fte->versions[index] = version;
}

/* Returns a new version with a copy of 'len' bytes of actions from
 * 'ofpacts'. */
static struct fte_version *
fte_version_create(ovs_be64 cookie, uint16_t idle, uint16_t hard,
                   uint16_t importance, enum ofputil_flow_mod_flags flags,
                   const struct ofpact *ofpacts, size_t len)
{
    struct fte_version *v = xzalloc(sizeof *v);

    v->cookie = cookie;
    v->idle_timeout = idle;
    v->hard_timeout = hard;
    v->importance = importance;
    v->flags = flags & OFPUTIL_FF_STATE;
    v->ofpacts = len ? xmemdup(ofpacts, len) : NULL;
    v->ofpacts_len = len;
    return v;
}

/* Returns true if 'a' and 'b' have the same actions.  They are compared as
 * text: the same actions decoded from a switch and parsed from a file may
 * differ in bits that do not matter (such as the wire encoding they came
 * from). */
static bool
ofpacts_equal_as_text(const struct fte_version *a,
                      const struct fte_version *b)
{
    struct ds as = DS_EMPTY_INITIALIZER;
    struct ds bs = DS_EMPTY_INITIALIZER;
    struct ofpact_format_params ap = { .s = &as };
    struct ofpact_format_params bp = { .s = &bs };
    bool equal;

    if (ofpacts_equal(a->ofpacts, a->ofpacts_len,
                      b->ofpacts, b->ofpacts_len)) {
        return true;
    }
    ofpacts_format(a->ofpacts, a->ofpacts_len, &ap);
    ofpacts_format(b->ofpacts, b->ofpacts_len, &bp);
    equal = !strcmp(ds_cstr(&as), ds_cstr(&bs));
    ds_destroy(&as);
    ds_destroy(&bs);
    return equal;
}

/* Returns true if 'a' and 'b' differ in what diff-flows and replace-flows
 * compare: cookie, timeouts, importance and actions. */
static bool
fte_version_differs(const struct fte_version *a, const struct fte_version *b)
{
    return (a->cookie != b->cookie
            || a->idle_timeout != b->idle_timeout
            || a->hard_timeout != b->hard_timeout
            || a->importance != b->importance
            || !ofpacts_equal_as_text(a, b));
}

/* Returns true if 'source' names a file rather than a switch: it contains
 * a slash or exists in the file system (as upstream decides). */
static bool
source_is_file(const char *source)
{
    return strchr(source, '/') || !access(source, F_OK);
}

/* Reads the flows of file 'file_name' into side 'index' of 'ft'.  Returns
 * the protocols that can express all of them. */
static enum ofputil_protocol
read_flows_from_file(const char *file_name, struct fte_table *ft, int index,
                     const struct ofputil_port_map *ports,
                     const struct ofputil_table_map *tables)
{
    struct ofputil_flow_mod *fms = NULL;
    enum ofputil_protocol usable;
    size_t n_fms = 0;
    char *error;
    FILE *file;

    /* Upstream reads these files itself, with its own message. */
    file = fopen(file_name, "r");
    if (!file) {
        ovs_fatal(0, "%s: open (%s)", file_name, ovs_strerror(errno));
    }
    fclose(file);

    error = parse_ofp_flow_mod_file(file_name, ports, tables, OFPFC_ADD,
                                    &fms, &n_fms, &usable);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    for (size_t i = 0; i < n_fms; i++) {
        struct ofputil_flow_mod *fm = &fms[i];

        fte_insert(ft, fm->table_id == 0xff ? 0 : fm->table_id,
                   fm->priority, &fm->match,
                   fte_version_create(fm->new_cookie, fm->idle_timeout,
                                      fm->hard_timeout, fm->importance,
                                      fm->flags, fm->ofpacts,
                                      fm->ofpacts_len),
                   index);
        ofputil_flow_mod_uninit(fm);
    }
    free(fms);
    return usable;
}

/* Dumps every flow of the switch on 'vconn' (named 'name'), speaking
 * 'protocol', into side 'index' of 'ft'. */
static void
read_flows_from_switch(struct vconn *vconn, const char *name,
                       enum ofputil_protocol protocol,
                       struct fte_table *ft, int index)
{
    struct ofputil_flow_stats_request fsr;
    struct flow_dump dump = { .n = 0 };

    memset(&fsr, 0, sizeof fsr);
    match_init_catchall(&fsr.match);
    fsr.out_port = OFPP_ANY;
    fsr.out_group = OFPG_ANY;
    fsr.table_id = 0xff;
    multipart_transact(vconn, name,
                       ofputil_encode_flow_stats_request(&fsr, protocol),
                       collect_flows_cb, &dump);
    for (size_t i = 0; i < dump.n; i++) {
        const struct ofputil_flow_stats *fs = &dump.flows[i].fs;

        fte_insert(ft, fs->table_id, fs->priority, &fs->match,
                   fte_version_create(fs->cookie, fs->idle_timeout,
                                      fs->hard_timeout, fs->importance,
                                      fs->flags, fs->ofpacts,
                                      fs->ofpacts_len),
                   index);
        ofpbuf_uninit(&dump.flows[i].ofpacts);
    }
    free(dump.flows);
}

/* Reads 'source', a file or a switch, into side 'index' of 'ft'. */
static void
read_flows_from_source(const char *source, struct fte_table *ft, int index)
{
    if (source_is_file(source)) {
        read_flows_from_file(source, ft, index, NULL, NULL);
    } else {
        struct vconn *vconn;
        enum ofputil_protocol protocol;

        protocol = open_vconn_for_flow_dump(source, &vconn, OFPUTIL_P_ANY);
        read_flows_from_switch(vconn, source, protocol, ft, index);
        vconn_close(vconn);
    }
}

/* Returns the ftes of 'ft' in order of first appearance, in a malloc()'d
 * array. */
static struct fte **
fte_table_sorted(const struct fte_table *ft)
{
    struct fte **ftes = xmalloc((ft->n ? ft->n : 1) * sizeof *ftes);
    struct fte *fte;

    HMAP_FOR_EACH (fte, node, &ft->ftes) {
        ftes[fte->index] = fte;
    }
    return ftes;
}

/* Frees 'ft' and its contents. */
static void
fte_table_destroy(struct fte_table *ft)
{
    struct fte *fte;

    HMAP_FOR_EACH_POP (fte, node, &ft->ftes) {
        for (int i = 0; i < 2; i++) {
            if (fte->versions[i]) {
                free(fte->versions[i]->ofpacts);
                free(fte->versions[i]);
            }
        }
        free(fte->key);
        free(fte);
    }
    hmap_destroy(&ft->ftes);
}

/* Prints 'fte''s version 'index' preceded by 'sign', as diff-flows
 * does. */
static void
fte_version_print(const struct fte *fte, int index, char sign)
{
    const struct fte_version *v = fte->versions[index];
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_char(&s, sign);
    if (fte->table_id) {
        ds_put_format(&s, "table=%"PRIu8" ", fte->table_id);
    }
    match_format(&fte->match, NULL, &s, fte->priority);
    if (s.length && s.string[s.length - 1] != ' ') {
        ds_put_char(&s, ' ');
    }
    if (v->cookie) {
        ds_put_format(&s, "cookie=0x%"PRIx64" ", be64toh(v->cookie));
    }
    if (v->idle_timeout) {
        ds_put_format(&s, "idle_timeout=%"PRIu16" ", v->idle_timeout);
    }
    if (v->hard_timeout) {
        ds_put_format(&s, "hard_timeout=%"PRIu16" ", v->hard_timeout);
    }
    if (v->importance) {
        ds_put_format(&s, "importance=%"PRIu16" ", v->importance);
    }
    ds_put_cstr(&s, "actions=");
    struct ofpact_format_params fp = { .s = &s };
    ofpacts_format(v->ofpacts, v->ofpacts_len, &fp);
    puts(ds_cstr(&s));
    ds_destroy(&s);
}

/* "diff-flows SOURCE1 SOURCE2": prints the flows that differ between the
 * two sources (files or switches), "-" for SOURCE1's and "+" for
 * SOURCE2's; exits with status 2 if there are differences. */
static void
ofctl_diff_flows(struct ovs_cmdl_context *ctx)
{
    struct fte_table ft = { HMAP_INITIALIZER(&ft.ftes), 0 };
    bool differences = false;

    read_flows_from_source(ctx->argv[1], &ft, 0);
    read_flows_from_source(ctx->argv[2], &ft, 1);

    struct fte **ftes = fte_table_sorted(&ft);
    for (size_t i = 0; i < ft.n; i++) {
        struct fte *fte = ftes[i];
        struct fte_version *a = fte->versions[0];
        struct fte_version *b = fte->versions[1];

        if (!a || !b || fte_version_differs(a, b)) {
            differences = true;
            if (a) {
                fte_version_print(fte, 0, '-');
            }
            if (b) {
                fte_version_print(fte, 1, '+');
            }
        }
    }
    free(ftes);
    fte_table_destroy(&ft);
    if (differences) {
        fflush(stdout);
        exit(2);
    }
}

/* Appends to 'msgs' a flow mod 'command' for 'fte' with its version
 * 'index', encoded in 'protocol'. */
static void
fte_make_flow_mod(const struct fte *fte, int index, uint16_t command,
                  enum ofputil_protocol protocol, struct ovs_list *msgs)
{
    const struct fte_version *v = fte->versions[index];
    struct ofputil_flow_mod fm;
    struct ofpbuf *msg;

    memset(&fm, 0, sizeof fm);
    fm.match = fte->match;
    fm.priority = fte->priority;
    fm.cookie = htobe64(0);
    fm.cookie_mask = htobe64(0);
    fm.new_cookie = v->cookie;
    fm.modify_cookie = true;
    fm.table_id = fte->table_id;
    fm.command = command;
    fm.idle_timeout = v->idle_timeout;
    fm.hard_timeout = v->hard_timeout;
    fm.buffer_id = UINT32_MAX;
    fm.out_port = OFPP_ANY;
    fm.out_group = OFPG_ANY;
    fm.flags = v->flags;
    fm.importance = v->importance;
    if (command == OFPFC_ADD) {
        fm.ofpacts = v->ofpacts;
        fm.ofpacts_len = v->ofpacts_len;
    }
    msg = ofputil_encode_flow_mod(&fm, protocol);
    ovs_list_push_back(msgs, &msg->list_node);
}

/* "replace-flows SWITCH FILE": makes SWITCH's flows those of FILE,
 * deleting the flows FILE lacks and adding those that are new or changed
 * (every flow of FILE with --readd). */
static void
ofctl_replace_flows(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct fte_table ft = { HMAP_INITIALIZER(&ft.ftes), 0 };
    enum ofputil_protocol usable, protocol;
    struct ovs_list msgs = OVS_LIST_INITIALIZER(&msgs);
    struct vconn *vconn;

    /* Upstream looks the port names up before the table names here. */
    const struct ofputil_port_map *ports = ports_to_accept(name);
    const struct ofputil_table_map *tables = tables_to_accept(name);
    usable = read_flows_from_file(ctx->argv[2], &ft, 1, ports, tables);
    check_usable_protocols(usable);

    protocol = open_vconn_for_flow_dump(name, &vconn, usable);
    read_flows_from_switch(vconn, name, protocol, &ft, 0);

    /* Encode everything first (allocating the xids), then send each
     * message with a barrier, as upstream does. */
    struct fte **ftes = fte_table_sorted(&ft);
    for (size_t i = 0; i < ft.n; i++) {
        if (ftes[i]->versions[0] && !ftes[i]->versions[1]) {
            fte_make_flow_mod(ftes[i], 0, OFPFC_DELETE_STRICT, protocol,
                              &msgs);
        }
    }
    for (size_t i = 0; i < ft.n; i++) {
        struct fte_version *a = ftes[i]->versions[0];
        struct fte_version *b = ftes[i]->versions[1];

        if (b && (!a || ofctl_options.readd || fte_version_differs(a, b))) {
            fte_make_flow_mod(ftes[i], 1, OFPFC_ADD, protocol, &msgs);
        }
    }
    free(ftes);

    if (ofctl_options.bundle) {
        ofctl_bundle_transact(vconn, &msgs);
    } else {
        struct ofpbuf *msg;

        LIST_FOR_EACH_POP (msg, list_node, &msgs) {
            transact_noreply_or_die(vconn, name, msg);
        }
    }
    vconn_close(vconn);
    fte_table_destroy(&ft);
    free_maps();
}

/* Bundles. */

/* One message of a "bundle" command's file. */
struct bundle_line {
    enum { BL_FLOW, BL_GROUP, BL_PACKET_OUT } type; /* What it is. */
    struct ofputil_flow_mod fm;     /* BL_FLOW. */
    struct ofputil_group_mod gm;    /* BL_GROUP. */
    struct ofputil_packet_out po;   /* BL_PACKET_OUT. */
};

/* Parses 'line' (line 'line_number' of 'file') into 'bl'.  Returns NULL
 * or a malloc()'d error message. */
static char *
parse_bundle_line(struct bundle_line *bl, char *line, const char *file,
                  int line_number, const struct ofputil_port_map *ports,
                  const struct ofputil_table_map *tables,
                  enum ofputil_protocol *usable)
{
    size_t n = strcspn(line, " \t");
    char *rest = line + n + strspn(line + n, " \t");
    char *error;

    memset(bl, 0, sizeof *bl);
    if (n == 4 && !strncmp(line, "flow", 4)) {
        bl->type = BL_FLOW;
        error = parse_ofp_flow_mod_str(&bl->fm, rest, ports, tables, -2,
                                       usable);
    } else if (n == 5 && !strncmp(line, "group", 5)) {
        bl->type = BL_GROUP;
        error = parse_ofp_group_mod_str(&bl->gm, -1, rest, ports, tables,
                                        usable);
    } else if (n == 10 && !strncmp(line, "packet-out", 10)) {
        bl->type = BL_PACKET_OUT;
        error = parse_ofp_packet_out_str(&bl->po, rest, ports, tables,
                                         usable);
    } else {
        line[n] = '\0';
        error = xasprintf("Unsupported bundle message type: %s", line);
    }
    if (error) {
        char *msg = xasprintf("%s:%d: %s", file, line_number, error);

        free(error);
        return msg;
    }
    return NULL;
}

/* "bundle SWITCH FILE": sends the messages of FILE ("-" for standard
 * input) to SWITCH in one atomic, ordered bundle, one message per line:
 * "flow [COMMAND] FLOW" as add-flows takes it, "group [COMMAND] GROUP" as
 * add-groups takes it, or "packet-out PACKET-OUT". */
static void
ofctl_bundle(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    const char *file = ctx->argv[2];
    enum ofputil_protocol usable = OFPUTIL_P_ANY;
    struct ovs_list requests = OVS_LIST_INITIALIZER(&requests);
    struct bundle_line *lines = NULL;
    size_t n_lines = 0, allocated = 0;
    enum ofputil_protocol protocol;
    struct ds line = DS_EMPTY_INITIALIZER;
    struct vconn *vconn;
    int line_number = 0;
    FILE *stream;

    const struct ofputil_table_map *tables = tables_to_accept(name);
    const struct ofputil_port_map *ports = ports_to_accept(name);
    stream = !strcmp(file, "-") ? stdin : fopen(file, "r");
    if (!stream) {
        ovs_fatal(errno, "%s: open failed", file);
    }
    while (!ds_get_preprocessed_line(&line, stream, &line_number)) {
        enum ofputil_protocol line_usable;
        char *error;

        if (n_lines >= allocated) {
            allocated = 2 * allocated + 8;
            lines = xrealloc(lines, allocated * sizeof *lines);
        }
        error = parse_bundle_line(&lines[n_lines], ds_cstr(&line), file,
                                  line_number, ports, tables, &line_usable);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
        usable &= line_usable;
        n_lines++;
    }
    if (stream != stdin) {
        fclose(stream);
    }
    ds_destroy(&line);

    check_usable_protocols(usable);
    protocol = open_vconn_for_flow_mod(name, &vconn, usable);
    for (size_t i = 0; i < n_lines; i++) {
        struct bundle_line *bl = &lines[i];
        struct ofpbuf *msg;

        switch (bl->type) {
        case BL_FLOW:
            msg = ofputil_encode_flow_mod(&bl->fm, protocol);
            ofputil_flow_mod_uninit(&bl->fm);
            break;
        case BL_GROUP:
            msg = ofputil_encode_group_mod(
                ofputil_protocol_to_ofp_version(protocol), &bl->gm, NULL,
                NULL);
            ofputil_uninit_group_mod(&bl->gm);
            break;
        case BL_PACKET_OUT:
        default:
            msg = ofputil_encode_packet_out(&bl->po, protocol);
            free(CONST_CAST(void *, bl->po.packet));
            free(bl->po.ofpacts);
            break;
        }
        ovs_list_push_back(&requests, &msg->list_node);
    }
    free(lines);
    ofctl_bundle_transact(vconn, &requests);
    vconn_close(vconn);
    free_maps();
}

/* Packets. */

/* "packet-out SWITCH PACKET-OUT": sends the packet-out described by
 * PACKET-OUT ("in_port=PORT packet=HEX actions=...").  The older form
 * "packet-out SWITCH IN_PORT ACTIONS PACKET..." is accepted too. */
static void
ofctl_packet_out(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    enum ofputil_protocol usable, protocol;
    struct ofputil_packet_out po;
    struct vconn *vconn;
    char *error;

    if (ctx->argc == 3) {
        const struct ofputil_table_map *tables = tables_to_accept(name);
        const struct ofputil_port_map *ports = ports_to_accept(name);

        error = parse_ofp_packet_out_str(&po, ctx->argv[2], ports, tables,
                                         &usable);
        if (error) {
            ovs_fatal(0, "%s", error);
        }
        protocol = open_vconn_for_flow_mod(name, &vconn, usable);
        transact_noreply_or_die(vconn, name,
                                ofputil_encode_packet_out(&po, protocol));
        free(CONST_CAST(void *, po.packet));
        free(po.ofpacts);
    } else {
        /* "IN_PORT ACTIONS PACKET...": one packet-out per packet. */
        const struct ofputil_table_map *tables = tables_to_accept(name);
        const struct ofputil_port_map *ports = ports_to_accept(name);
        protocol = 0;
        vconn = NULL;
        for (int i = 4; i < ctx->argc; i++) {
            char *s = xasprintf("in_port=%s packet=%s actions=%s",
                                ctx->argv[2], ctx->argv[i], ctx->argv[3]);

            error = parse_ofp_packet_out_str(&po, s, ports, tables, &usable);
            free(s);
            if (error) {
                /* Upstream reports bad packet data of this form without
                 * the "packet: " prefix of the keyword form. */
                const char *msg = error;

                if (!strncmp(msg, "packet: ", 8)) {
                    msg += 8;
                }
                ovs_fatal(0, "%s", msg);
            }
            if (!vconn) {
                protocol = open_vconn_for_flow_mod(name, &vconn, usable);
            }
            transact_noreply_or_die(vconn, name,
                                    ofputil_encode_packet_out(&po,
                                                              protocol));
            free(CONST_CAST(void *, po.packet));
            free(po.ofpacts);
        }
    }
    if (vconn) {
        vconn_close(vconn);
    }
    free_maps();
}

const struct ovs_cmdl_command ofctl_flows_commands[] = {
    { "parse-flow", NULL, 1, 1, ofctl_parse_flow, OVS_RW },
    { "parse-flows", NULL, 1, 1, ofctl_parse_flows, OVS_RW },
    { "add-flow", "switch flow", 2, 2, ofctl_add_flow, OVS_RW },
    { "add-flows", "switch file", 2, 2, ofctl_add_flows, OVS_RW },
    { "mod-flows", "switch flow", 2, 2, ofctl_mod_flows, OVS_RW },
    { "del-flows", "switch [flow]", 1, 2, ofctl_del_flows, OVS_RW },
    { "dump-flows", "switch", 1, 2, ofctl_dump_flows, OVS_RO },
    { "dump-aggregate", "switch", 1, 2, ofctl_dump_aggregate, OVS_RO },
    { "dump-tables", "switch", 1, 1, ofctl_dump_tables, OVS_RO },
    { "dump-table-features", "switch", 1, 1, ofctl_dump_table_features,
      OVS_RO },
    { "dump-table-desc", "switch", 1, 1, ofctl_dump_table_desc, OVS_RO },
    { "mod-table", "switch mod", 3, 3, ofctl_mod_table, OVS_RW },
    { "diff-flows", "source1 source2", 2, 2, ofctl_diff_flows, OVS_RW },
    { "replace-flows", "switch file", 2, 2, ofctl_replace_flows, OVS_RW },
    { "bundle", "switch file", 2, 2, ofctl_bundle, OVS_RW },
    { "packet-out", "switch \"in_port=<port> packet=<hex data> "
      "actions=...\"", 2, INT_MAX, ofctl_packet_out, OVS_RW },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};
