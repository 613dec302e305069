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

#include <stddef.h>

struct ds;
struct flow;
struct ofpact;
struct ofproto_dpif;

/* Registers ofproto/trace and ofproto/trace-packet-out (called by
 * xlate_init()). */
void ofproto_dpif_trace_init(void);

/* Appends to 'output' the trace of 'flow' (in_port an OpenFlow port) on
 * bridge 'ofproto'; 'generate' permits side effects (MAC learning). */
void ofproto_trace(struct ofproto_dpif *ofproto, const struct flow *flow,
                   bool generate, struct ds *output);

/* The same for a packet-out of 'flow' whose actions are the 'ofpacts_len'
 * bytes of 'ofpacts', instead of the pipeline. */
void ofproto_trace_packet_out(struct ofproto_dpif *, const struct flow *,
                              const struct ofpact *ofpacts,
                              size_t ofpacts_len, bool generate,
                              struct ds *output);

#endif /* ofproto-dpif-trace.h */
