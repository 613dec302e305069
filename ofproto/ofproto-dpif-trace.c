/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofproto-dpif-trace.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "flow.h"
#include "match.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ofproto-dpif-xlate.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovs-rcu.h"
#include "unixctl.h"

/* Returns true if translating 'flow' on 'ofproto' ends by executing an
 * action set (a dry run: no side effects, no output). */
static bool
trace_ends_with_action_set(struct ofproto_dpif *ofproto,
                           const struct flow *flow)
{
    struct xlate_out xout;
    struct xlate_in xin;
    struct ofpbuf actions;
    bool result;

    ofpbuf_init(&actions, 256);
    xlate_in_init(&xin, ofproto, flow, NULL, NULL, &actions);
    xin.allow_side_effects = xin.may_learn = false;
    xlate_actions(&xin, &xout);
    result = xout.action_set_executed;
    xlate_out_uninit(&xout);
    ofpbuf_uninit(&actions);
    return result;
}

/* Appends the trace of 'flow' on 'ofproto' to 'output'. */
void
ofproto_trace(struct ofproto_dpif *ofproto, const struct flow *flow,
              bool generate, struct ds *output)
{
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
    xin.allow_side_effects = xin.may_learn = generate;
    xin.trace = output;
    /* Upstream indents the table that the last action of table 0's rule
     * leads to as a nested one when the pipeline ends with an action
     * set. */
    xin.trace_nest_top_tail = trace_ends_with_action_set(ofproto, flow);
    error = xlate_actions(&xin, &xout);

    ds_put_cstr(output, "\nFinal flow: ");
    if (flow_equal(&xout.flow, flow)) {
        ds_put_cstr(output, "unchanged");
    } else {
        flow_format(output, &xout.flow);
    }
    xlate_out_uninit(&xout);
    ds_put_cstr(output, "\nMegaflow: ");
    if (!flow->vlans[0].tci) {
        /* The packet has no VLAN header: the datapath flow cannot match on
         * one, and upstream's megaflow shows no VLAN match either. */
        WC_UNMASK_FIELD(&wc, vlans);
    }
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
    }
    ofpbuf_uninit(&actions);
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

/* ofproto/trace {BRIDGE FLOW | [DP] ODP_FLOW} [-generate] */
static void
ofproto_unixctl_trace(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto_dpif *ofproto = NULL;
    const char *args[3];
    bool generate = false;
    struct ds output = DS_EMPTY_INITIALIZER;
    struct flow flow;
    char *error = NULL;
    int n_args = 0;
    int i;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-generate")) {
            generate = true;
        } else if (n_args < 3) {
            args[n_args++] = argv[i];
        }
    }

    memset(&flow, 0, sizeof flow);
    if (n_args >= 2 && !strchr(args[0], '(')
        && (ofproto = xlate_lookup_bridge_by_name(args[0])) != NULL
        && !strchr(args[1], '(')) {
        char *syntax = parse_ofp_exact_flow(&flow, NULL, NULL, args[1],
                                            NULL);

        if (syntax) {
            error = xasprintf("Bad openflow flow syntax: %s", syntax);
            free(syntax);
        } else {
            error = NULL;
        }
    } else if (n_args >= 2 && strchr(args[1], '(')) {
        error = parse_odp_flow(args[0], args[1], &ofproto, &flow);
    } else if (n_args >= 1 && strchr(args[0], '(')) {
        error = parse_odp_flow(NULL, args[0], &ofproto, &flow);
    } else if (n_args >= 1) {
        error = xasprintf("%s: unknown bridge", args[0]);
    } else {
        error = xstrdup("syntax error");
    }

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }
    ofproto_trace(ofproto, &flow, generate, &output);
    unixctl_command_reply(conn, ds_cstr(&output));
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
}
