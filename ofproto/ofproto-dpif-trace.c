/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofproto-dpif-trace.h"

#include <limits.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dpif.h"
#include "flow.h"
#include "match.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "netdev.h"
#include "ofproto-dpif.h"
#include "ofproto-dpif-xlate.h"
#include "ofproto-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-protocol.h"
#include "packets.h"
#include "openvswitch/util.h"
#include "ovs-rcu.h"
#include "unixctl.h"

/* Returns true if translating 'flow' on 'ofproto' ends by executing an
 * action set (a dry run: no side effects, no output). */
static bool
trace_ends_with_action_set(struct ofproto_dpif *ofproto,
                           const struct flow *flow,
                           const struct ofpact *ofpacts, size_t ofpacts_len)
{
    struct xlate_out xout;
    struct xlate_in xin;
    struct ofpbuf actions;
    bool result;

    ofpbuf_init(&actions, 256);
    xlate_in_init(&xin, ofproto, flow, NULL, NULL, &actions);
    xin.ofpacts = ofpacts;
    xin.ofpacts_len = ofpacts_len;
    xin.allow_side_effects = xin.may_learn = false;
    xlate_actions(&xin, &xout);
    result = xout.action_set_executed;
    xlate_out_uninit(&xout);
    ofpbuf_uninit(&actions);
    return result;
}

/* Narrows 'wc', the wildcards that translating 'flow' produced, as
 * upstream's Megaflow line shows them: the datapath's ICMP type and code
 * are 8 bits wide, so only the low 8 bits of the masks of the 16-bit
 * tp_src and tp_dst that hold them for ICMP count (e.g. an ICMP type
 * match shows as "icmp_type=0x8/0xff"). */
static void
trace_narrow_wc(const struct flow *flow, struct flow_wildcards *wc)
{
    if ((flow->dl_type == htons(ETH_TYPE_IP)
         && flow->nw_proto == IPPROTO_ICMP)
        || (flow->dl_type == htons(ETH_TYPE_IPV6)
            && flow->nw_proto == IPPROTO_ICMPV6)) {
        wc->masks.tp_src &= htons(UINT8_MAX);
        wc->masks.tp_dst &= htons(UINT8_MAX);
    }
}

/* Appends the trace of 'flow' on 'ofproto' to 'output': through the
 * pipeline, or through the 'ofpacts_len' bytes of 'ofpacts' if nonnull. */
static void
ofproto_trace__(struct ofproto_dpif *ofproto, const struct flow *flow,
                const struct ofpact *ofpacts, size_t ofpacts_len,
                bool generate, struct ds *output)
{
    enum slow_path_reason slow;
    struct flow_wildcards wc;
    struct xlate_out xout;
    struct xlate_in xin;
    struct ofpbuf actions;
    enum xlate_error error;
    struct match match;

    ds_put_cstr(output, "Flow: ");
    flow_format(output, flow);
    ds_put_cstr(output, "\n\n");

    flow_wildcards_init_catchall(&wc);
    ofpbuf_init(&actions, 256);
    xlate_in_init(&xin, ofproto, flow, NULL, &wc, &actions);
    xin.ofpacts = ofpacts;
    xin.ofpacts_len = ofpacts_len;
    xin.allow_side_effects = xin.may_learn = generate;
    xin.trace = output;
    /* Upstream indents the table that the last action of table 0's rule
     * leads to as a nested one when the pipeline ends with an action
     * set. */
    xin.trace_nest_top_tail = trace_ends_with_action_set(ofproto, flow,
                                                         ofpacts,
                                                         ofpacts_len);
    error = xlate_actions(&xin, &xout);

    ds_put_cstr(output, "\nFinal flow: ");
    if (flow_equal(&xout.flow, flow)) {
        ds_put_cstr(output, "unchanged");
    } else {
        flow_format(output, &xout.flow);
    }
    slow = xout.slow;
    xlate_out_uninit(&xout);
    ds_put_cstr(output, "\nMegaflow: ");
    if (!flow->vlans[0].tci) {
        /* The packet has no VLAN header: the datapath flow cannot match on
         * one, and upstream's megaflow shows no VLAN match either. */
        WC_UNMASK_FIELD(&wc, vlans);
    }
    trace_narrow_wc(flow, &wc);
    match_init(&match, flow, &wc);
    match_format(&match, NULL, output, OFP_DEFAULT_PRIORITY);
    ds_put_char(output, '\n');

    ds_put_cstr(output, "Datapath actions: ");
    if (error) {
        ds_put_format(output, "drop\nTranslation failed (%s), packet is "
                      "dropped.\n", xlate_strerror(error));
    } else {
        xlate_format_odp_actions(output, actions.data, actions.size);
        ds_put_char(output, '\n');
        if (slow & (SLOW_ACTION | SLOW_MATCH)) {
            ds_put_cstr(output, "This flow is handled by the userspace "
                        "slow path because it:\n");
        }
        if (slow & SLOW_ACTION) {
            ds_put_cstr(output, "  - Uses action(s) not supported by "
                        "datapath.\n");
        }
        if (slow & SLOW_MATCH) {
            ds_put_cstr(output, "  - Needs more specific matching than "
                        "datapath supports.\n");
        }
    }
    ofpbuf_uninit(&actions);
}

void
ofproto_trace(struct ofproto_dpif *ofproto, const struct flow *flow,
              bool generate, struct ds *output)
{
    ofproto_trace__(ofproto, flow, NULL, 0, generate, output);
}

void
ofproto_trace_packet_out(struct ofproto_dpif *ofproto,
                         const struct flow *flow,
                         const struct ofpact *ofpacts, size_t ofpacts_len,
                         bool generate, struct ds *output)
{
    ofproto_trace__(ofproto, flow, ofpacts, ofpacts_len, generate, output);
}

/* Parses the datapath flow 's' (with in_port a datapath port number) and
 * finds its bridge on datapath 'dp_name' (NULL: the only datapath).  On
 * success stores the bridge in '*ofprotop' and the flow, with in_port
 * turned into an OpenFlow port number, in '*flow', and returns NULL;
 * otherwise returns an error message (the caller frees it). */
static char *
parse_odp_flow(const char *dp_name, const char *s,
               struct ofproto_dpif **ofprotop, struct flow *flow)
{
    struct ofpbuf key;
    char *error = NULL;
    struct dpif *dpif = NULL;
    ofp_port_t ofp_in_port;

    ofpbuf_init(&key, 128);
    if (odp_flow_from_string(s, NULL, &key, NULL, &error)) {
        char *msg = xasprintf("%s", error ? error : "invalid datapath flow");

        free(error);
        ofpbuf_uninit(&key);
        return msg;
    }
    free(error);
    error = NULL;
    if (odp_flow_key_to_flow(key.data, key.size, flow, NULL)
        == ODP_FIT_ERROR) {
        ofpbuf_uninit(&key);
        return xstrdup("Failed to parse datapath flow key");
    }
    ofpbuf_uninit(&key);

    if (xlate_lookup_dpif_by_name(dp_name, &dpif)) {
        return xstrdup("Cannot find the datapath");
    }
    if (xlate_lookup(dpif, flow, ofprotop, &ofp_in_port)) {
        return xstrdup("no OpenFlow port for datapath port");
    }
    flow->in_port.ofp_port = ofp_in_port;
    return NULL;
}

/* Replaces the packet fields of '*flow' by those of the packet written in
 * hex in 's', keeping the metadata that '*flow' gives (input port,
 * registers, metadata, tunnel, mark, priority).  Returns NULL or an error
 * message (the caller frees it). */
static char *
trace_parse_packet(const char *s, struct flow *flow)
{
    struct dp_packet *packet;
    struct ofpbuf hex;
    struct flow md = *flow;
    char *error = NULL;

    ofpbuf_init(&hex, strlen(s) / 2);
    if (ofpbuf_put_hex(&hex, s, NULL)[0] != '\0') {
        ofpbuf_uninit(&hex);
        return xstrdup("Trailing garbage in packet data");
    }
    packet = dp_packet_new(hex.size);
    dp_packet_put(packet, hex.data, hex.size);
    ofpbuf_uninit(&hex);
    pkt_metadata_init(&packet->md, ODPP_NONE);
    flow_extract(packet, flow);
    dp_packet_delete(packet);

    flow->in_port = md.in_port;
    flow_copy_pipeline_metadata(flow, &md);
    return error;
}

/* Parses the arguments of ofproto/trace and ofproto/trace-packet-out (the
 * 'argc' - 1 of 'argv' after the command, the last one the actions of a
 * packet-out if 'ofpacts' is nonnull): "{[DP] ODP_FLOW | BRIDGE BR_FLOW}
 * [-generate | PACKET]".  Returns NULL, with the bridge in '*ofprotop', the
 * flow in '*flow' and '*generate' set, or an error message. */
static char *
trace_parse_args(int argc, const char *argv[], struct ofproto_dpif **ofprotop,
                 struct flow *flow, bool *generate, struct ofpbuf *ofpacts)
{
    const char *args[4];
    const char *packet = NULL;
    char *error = NULL;
    int n_args = 0;
    int i;

    *generate = false;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-generate")) {
            *generate = true;
        } else if (!strcmp(argv[i], "-consistent")
                   || !strcmp(argv[i], "--consistent")) {
            /* Accepted: actions are always checked against the flow. */
        } else if (n_args < ARRAY_SIZE(args)) {
            args[n_args++] = argv[i];
        } else {
            return xstrdup("syntax error");
        }
    }
    if (ofpacts) {
        struct ofpact_parse_params pp;
        enum ofputil_protocol usable = OFPUTIL_P_ANY;

        if (!n_args) {
            return xstrdup("syntax error");
        }
        memset(&pp, 0, sizeof pp);
        pp.ofpacts = ofpacts;
        pp.usable_protocols = &usable;
        error = ofpacts_parse_actions(args[--n_args], &pp);
        if (error) {
            return error;
        }
    }
    /* A packet follows the flow: a third argument, or a second one after
     * a datapath flow without a datapath name. */
    if (n_args == 3 || (n_args == 2 && strchr(args[0], '('))) {
        packet = args[--n_args];
    }

    memset(flow, 0, sizeof *flow);
    *ofprotop = NULL;
    if (n_args == 2 && !strchr(args[0], '(')
        && (*ofprotop = xlate_lookup_bridge_by_name(args[0])) != NULL
        && !strchr(args[1], '(')) {
        struct ofputil_port_map map;
        const struct ofport *port;
        char *syntax;

        /* Ports by name too ("in_port=eth0"), as upstream. */
        ofputil_port_map_init(&map);
        HMAP_FOR_EACH (port, hmap_node, &(*ofprotop)->up.ports) {
            ofputil_port_map_put(&map, port->ofp_port,
                                 netdev_get_name(port->netdev));
        }
        syntax = parse_ofp_exact_flow(flow, NULL, NULL, args[1], &map);
        ofputil_port_map_destroy(&map);
        if (syntax) {
            error = xasprintf("Bad openflow flow syntax: %s", syntax);
            free(syntax);
        }
    } else if (n_args == 2 && strchr(args[1], '(')) {
        error = parse_odp_flow(args[0], args[1], ofprotop, flow);
    } else if (n_args == 1 && strchr(args[0], '(')) {
        error = parse_odp_flow(NULL, args[0], ofprotop, flow);
    } else if (n_args >= 1 && !xlate_lookup_bridge_by_name(args[0])
               && !strchr(args[0], '(')) {
        error = xasprintf("%s: unknown bridge", args[0]);
    } else {
        error = xstrdup("syntax error");
    }
    if (!error && packet) {
        error = trace_parse_packet(packet, flow);
    }
    return error;
}

/* ofproto/trace {[DP] ODP_FLOW | BRIDGE BR_FLOW} [-generate | PACKET] */
static void
ofproto_unixctl_trace(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux OVS_UNUSED)
{
    struct ds output = DS_EMPTY_INITIALIZER;
    struct ofproto_dpif *ofproto;
    struct flow flow;
    bool generate;
    char *error;

    error = trace_parse_args(argc, argv, &ofproto, &flow, &generate, NULL);
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }
    ofproto_trace(ofproto, &flow, generate, &output);
    unixctl_command_reply(conn, ds_cstr(&output));
    ds_destroy(&output);
}

/* ofproto/trace-packet-out [-consistent] {[DP] ODP_FLOW | BRIDGE BR_FLOW}
 * [-generate | PACKET] ACTIONS */
static void
ofproto_unixctl_trace_packet_out(struct unixctl_conn *conn, int argc,
                                 const char *argv[], void *aux OVS_UNUSED)
{
    struct ds output = DS_EMPTY_INITIALIZER;
    struct ofproto_dpif *ofproto;
    struct ofpbuf ofpacts;
    struct flow flow;
    bool generate;
    char *error;

    ofpbuf_init(&ofpacts, 64);
    error = trace_parse_args(argc, argv, &ofproto, &flow, &generate,
                             &ofpacts);
    if (!error) {
        struct ofpact_check_params cp;
        struct match match;
        enum ofperr err;

        match_wc_init(&match, &flow);
        memset(&cp, 0, sizeof cp);
        cp.match = &match;
        cp.max_ports = OFPP_MAX;
        cp.n_tables = 255;
        err = ofpacts_check(ofpacts.data, ofpacts.size, &cp);
        if (err) {
            error = xasprintf("Bad actions: %s", ofperr_to_string(err));
        }
    }
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    } else {
        /* No actions at all: as upstream, the pipeline then runs. */
        ofproto_trace_packet_out(ofproto, &flow,
                                 ofpacts.size ? ofpacts.data : NULL,
                                 ofpacts.size, generate, &output);
        unixctl_command_reply(conn, ds_cstr(&output));
    }
    ofpbuf_uninit(&ofpacts);
    ds_destroy(&output);
}

void
ofproto_dpif_trace_init(void)
{
    static bool inited;

    if (inited) {
        return;
    }
    inited = true;
    unixctl_command_register(
        "ofproto/trace",
        "{[dp_name] odp_flow | bridge br_flow} [OPTIONS...] "
        "[-generate|packet]", 1, INT_MAX, ofproto_unixctl_trace, NULL);
    unixctl_command_register(
        "ofproto/trace-packet-out",
        "[-consistent] {[dp_name] odp_flow | bridge br_flow} [OPTIONS...] "
        "[-generate|packet] actions", 2, INT_MAX,
        ofproto_unixctl_trace_packet_out, NULL);
}
