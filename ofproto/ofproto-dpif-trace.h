/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_DPIF_TRACE_H
#define OFPROTO_DPIF_TRACE_H 1

/* ofproto/trace: shows, step by step, how a flow or packet would be
 * translated, in upstream Open vSwitch's output format:
 *
 *     ovs-appctl ofproto/trace BRIDGE FLOW [-generate | PACKET]
 *     ovs-appctl ofproto/trace [DATAPATH] ODP_FLOW [-generate | PACKET]
 *
 * FLOW uses OpenFlow match syntax ("in_port=1,dl_src=..."), ODP_FLOW the
 * datapath flow syntax ("in_port(1),eth(...)"). */

#include <stdbool.h>

struct ds;
struct flow;
struct ofproto_dpif;

/* Registers ofproto/trace (called by xlate_init()). */
void ofproto_dpif_trace_init(void);

/* Appends to 'output' the trace of 'flow' (in_port an OpenFlow port) on
 * bridge 'ofproto'; 'generate' permits side effects (MAC learning). */
void ofproto_trace(struct ofproto_dpif *ofproto, const struct flow *flow,
                   bool generate, struct ds *output);

#endif /* ofproto-dpif-trace.h */
