/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef VSWITCHD_BRIDGE_H
#define VSWITCHD_BRIDGE_H 1

/* The bridge: the link between the Open_vSwitch database and the switches.
 *
 * bridge_init() connects to the database; from then on bridge_run() reads
 * every change through the IDL and reconciles the switches (ofprotos), their
 * ports and bundles with it, then writes back what the database's readers
 * expect: each Interface's status columns (ofport, link_state, statistics,
 * error...), each Bridge's datapath_id, and Open_vSwitch's cur_cfg once a
 * configuration is applied, which is what "ovs-vsctl" waits for. */

#include <stdbool.h>

struct simap;

/* Connects to the database at 'remote' (e.g. "unix:/run/db.sock") and
 * registers the bridge's unixctl commands.  Call once, before
 * bridge_run(). */
void bridge_init(const char *remote);

/* Makes datapath type 'type' unavailable (--disable-system does it for
 * "system"): bridges of that type fail to be created, as if no provider
 * implemented it, and it is left out of Open_vSwitch's datapath_types.
 * Call before bridge_init(). */
void bridge_disallow_datapath_type(const char *type);

/* Tears every switch down.  With 'delete_datapath' (the "exit --cleanup"
 * command), also removes the datapaths and the ports the switches
 * created; otherwise they stay for the next start. */
void bridge_exit(bool delete_datapath);

/* Does the periodic work: database changes, switches, status updates. */
void bridge_run(void);

/* Arranges for poll_block() to wake when bridge_run() has work. */
void bridge_wait(void);

/* Adds memory usage counts ("bridges", "ports", ...) to 'usage'. */
void bridge_get_memory_usage(struct simap *usage);

#endif /* vswitchd/bridge.h */
