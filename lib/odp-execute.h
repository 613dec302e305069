/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef ODP_EXECUTE_H
#define ODP_EXECUTE_H 1

/* Executing datapath actions (OVS_ACTION_ATTR_*) on packets in userspace.
 *
 * odp_execute_actions() does itself what needs only the packet: set and
 * set_masked of Ethernet, IPv4, IPv6 (with checksum updates), TCP/UDP/SCTP
 * ports, ICMP, ARP, ND and the metadata (skb_priority, skb_mark,
 * dp_hash, recirc_id); push_vlan and pop_vlan; sample; clone; hash;
 * trunc.  Everything that needs the datapath (output, userspace, recirc,
 * ct, meter, and any action it does not know) goes to the caller's
 * callback.
 *
 * The packets' layer offsets must be valid (flow_extract() sets them). */

#include <stdbool.h>
#include <stddef.h>

struct dp_packet_batch;
struct nlattr;

/* Runs the single action 'action' on every packet of 'batch' for datapath
 * 'dp'.  If 'should_steal', the callback owns the packets and must free
 * them (or pass them on) and may leave 'batch' empty; otherwise it must
 * leave them as they are (clone before modifying or sending). */
typedef void (*odp_execute_cb)(void *dp, struct dp_packet_batch *batch,
                               const struct nlattr *action,
                               bool should_steal);

/* Executes the 'actions_len' bytes of actions at 'actions' on 'batch'.
 * With 'steal', the packets belong to this call: they are freed (or
 * handed to the callback for the last action) when it returns; otherwise
 * the caller keeps them, unmodified only if the actions do not modify
 * packets. */
void odp_execute_actions(void *dp, struct dp_packet_batch *batch,
                         bool steal, const struct nlattr *actions,
                         size_t actions_len,
                         odp_execute_cb dp_execute_action);

#endif /* odp-execute.h */
