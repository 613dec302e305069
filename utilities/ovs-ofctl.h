/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVS_OFCTL_H
#define OVS_OFCTL_H 1

/* ovs-ofctl is one main() (utilities/ovs-ofctl.c: options, then dispatch)
 * and one command table per area, each in a file of its own, so that each
 * part of the OpenFlow codec brings the commands that exercise it:
 *
 *   utilities/ofctl-print.c    ofp-print, print-error, encode-error-reply,
 *                              encode-hello, ofp-parse, ofp-parse-pcap
 *   utilities/ofctl-match.c    parse-nxm, parse-nx-match, parse-oxm,
 *                              parse-ofp10-match, parse-ofp11-match,
 *                              check-vlan
 *   utilities/ofctl-actions.c  parse-actions, parse-instructions
 *   utilities/ofctl-flows.c    parse-flow, parse-flows, and the switch
 *                              commands on flows (add-flow, dump-flows...)
 *   utilities/ofctl-groups.c   parse-group, and the group and meter
 *                              commands
 *   utilities/ofctl-switch.c   show, dump-desc, dump-ports, mod-port,
 *                              probe, ping, snoop...
 *   utilities/ofctl-monitor.c  monitor
 *
 * main() looks a command up in each table in turn.  Every handler reads
 * the global options below, never its own copy. */

#include <stdbool.h>
#include <stdint.h>
#include "command-line.h"

/* Global options, set by main() from the command line. */
struct ofctl_options {
    /* -O, --protocols: OpenFlow versions allowed, as a bitmap of
     * 1u << OFPn_VERSION.  Without -O, only OpenFlow 1.0, as upstream's
     * ovs-ofctl does; main() also drops the versions that support none of
     * the -F flow formats. */
    uint32_t allowed_versions;

    /* -F, --flow-format: an "enum ofputil_protocol" bitmap, 0 if not
     * given. */
    uint32_t preferred_flow_format;

    /* -P, --packet-in-format: packet-in format name, NULL if not given. */
    const char *preferred_packet_in_format;

    bool strict;                /* --strict. */
    bool readd;                 /* --readd. */
    bool read_only;             /* --read-only. */
    bool timestamp;             /* --timestamp (monitor, snoop). */
    int verbosity;              /* Number of -m/--more options. */
    int timeout;                /* -t, --timeout, in seconds; 0 = none. */

    /* --names / --no-names: 1, 0, or -1 for the default (names when
     * printing to a terminal, as upstream). */
    int use_names;

    /* --sort / --rsort: the field name ("" for the default order of
     * priority), NULL when not sorting. */
    const char *sort_field;
    bool sort_descending;       /* --rsort rather than --sort. */

    bool no_stats;              /* --no-stats (dump-flows). */
    const char *unixctl_path;   /* --unixctl (monitor), NULL: default. */
    bool bundle;                /* --bundle: changes in one OpenFlow
                                 * bundle (atomic, ordered). */
};

extern struct ofctl_options ofctl_options;

/* The command tables, each ended by an entry with a NULL name.  A table
 * appears here when its file exists. */
extern const struct ovs_cmdl_command ofctl_print_commands[];
extern const struct ovs_cmdl_command ofctl_match_commands[];
extern const struct ovs_cmdl_command ofctl_actions_commands[];
extern const struct ovs_cmdl_command ofctl_switch_commands[];
extern const struct ovs_cmdl_command ofctl_group_commands[];
extern const struct ovs_cmdl_command ofctl_flows_commands[];
extern const struct ovs_cmdl_command ofctl_monitor_commands[];

/* Connects to the switch 'name' (a vconn name such as "tcp:IP:PORT" or
 * "unix:FILE", a bridge name meaning RUNDIR/NAME.mgmt, or a socket file),
 * allowing the versions of -O, and completes the hello exchange.  Stores
 * the connection in '*vconnp' and returns the negotiated OpenFlow version.
 * Exits with upstream's error messages on failure ("connecting to NAME
 * (ERROR)", "NAME: failed to connect to socket (ERROR)", "NAME is not a
 * bridge or a socket").  In utilities/ofctl-switch.c. */
struct vconn;
int ofctl_open_vconn(const char *name, struct vconn **vconnp);

/* The port and table name maps of switch 'name' for parsing what the user
 * gives on the command line (null with --no-names), fetched on
 * connections of their own the first time they are needed, as upstream
 * does, then kept until ofctl_free_maps().  In utilities/ofctl-flows.c. */
struct ofputil_port_map;
struct ofputil_table_map;
const struct ofputil_port_map *ofctl_ports_to_accept(const char *name);
const struct ofputil_table_map *ofctl_tables_to_accept(const char *name);
void ofctl_free_maps(void);

/* Sends the messages in 'requests' (taken over) to the switch on 'vconn'
 * in one atomic, ordered bundle (--bundle).  On failure, prints the
 * switch's errors and exits, as upstream's ovs-ofctl does.  In
 * utilities/ovs-ofctl.c. */
struct ovs_list;
void ofctl_bundle_transact(struct vconn *vconn, struct ovs_list *requests);

/* The maps for printing what switch 'name' says: with --names (or printing
 * to a terminal), fetched as above (table names first), otherwise null. */
void ofctl_maps_to_show(const char *name,
                        const struct ofputil_port_map **ports,
                        const struct ofputil_table_map **tables);

#endif /* ovs-ofctl.h */
