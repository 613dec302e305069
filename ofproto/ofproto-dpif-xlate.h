/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_DPIF_XLATE_H
#define OFPROTO_DPIF_XLATE_H 1

/* Translation: turns a flow (a packet's fields) arriving on a bridge into a
 * list of datapath actions plus the wildcard mask of the fields that the
 * decision depended on (together, a megaflow).
 *
 * Configuration.  Translation runs in the upcall handler and revalidator
 * threads (and in dpif-netdev's forwarding threads), concurrently with the
 * main thread reconfiguring bridges.  So translation keeps a copy of the
 * configuration of its own: one "xbridge" per bridge, one "xbundle" per
 * bundle, one "xport" per OpenFlow port.  The main thread changes it only
 * inside a transaction:
 *
 *     xlate_txn_start();
 *     xlate_ofproto_set(...); xlate_bundle_set(...); xlate_ofport_set(...);
 *     xlate_*_remove(...);
 *     xlate_txn_commit();
 *
 * xlate_txn_start() copies the current configuration; the setters modify
 * the copy; xlate_txn_commit() publishes it with RCU (rcu_assign_pointer)
 * and frees the old one after a grace period.  Readers (xlate_actions(),
 * xlate_lookup()) need no lock: they take rcu_read_lock() themselves.  A
 * setter called outside a transaction starts and commits one of its own.
 *
 * Objects are identified by the caller's pointers (struct ofproto_dpif,
 * struct ofbundle, struct ofport_dpif), which translation never
 * dereferences: they are opaque keys, returned again by xlate_lookup().
 *
 * Forwarding.  Translation walks the bridge's OpenFlow tables from table
 * 0 (rules come from ofproto-dpif through xlate_set_rule_ops()) and turns
 * each rule's actions (ofp-actions.h) into datapath actions: outputs,
 * header changes (committed as masked set actions just before the packet
 * leaves, only for the fields that changed), VLAN pushes and pops,
 * resubmit and goto_table (at most XLATE_MAX_DEPTH levels), the action
 * set, and the NORMAL action: 802.1Q VLAN processing by each bundle's
 * vlan_mode, MAC learning on the input bundle, output to the learned
 * bundle or flooding to every floodable bundle of the VLAN.  A table miss
 * in table 0 or after goto_table does what the table's miss config says
 * (xlate_rule_ops' table_miss(): drop, continue to the next table, or a
 * packet-in for OpenFlow 1.0 to 1.2 controllers); after resubmit it does
 * nothing.
 *
 * The flow given to translation is in ofproto's terms: 'flow.in_port' is an
 * OpenFlow port number (xlate_lookup() converts from a datapath key). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "ofproto.h"
#include "openvswitch/types.h"
#include "versions.h"

struct dp_packet;
struct nlattr;
struct dpif;
struct dpif_flow_stats;
struct ds;
struct mac_learning;
struct ofbundle;
struct ofpbuf;
struct ofport_dpif;
struct ofproto_dpif;

/* OpenFlow port config and state bits that xlate_ofport_set() takes
 * (OpenFlow 1.0 values). */
#define XLATE_PC_PORT_DOWN   (1 << 0)  /* Administratively down. */
#define XLATE_PC_NO_RECV     (1 << 2)  /* Drop packets received. */
#define XLATE_PC_NO_FWD      (1 << 5)  /* Do not forward out of it. */
#define XLATE_PS_LINK_DOWN   (1 << 0)  /* No physical link. */

/* Reasons why a flow must be handled by userspace per packet rather than
 * installed with plain actions (bits of xlate_out's 'slow'). */
enum slow_path_reason {
    SLOW_CFM = 1 << 0,          /* CFM, BFD, LLDP PDUs. */
    SLOW_LACP = 1 << 1,         /* LACP PDUs. */
    SLOW_STP = 1 << 2,          /* STP/RSTP BPDUs. */
    SLOW_CONTROLLER = 1 << 3,   /* Packets to the controller. */
    SLOW_ACTION = 1 << 4,       /* Actions the datapath cannot perform. */
    SLOW_MATCH = 1 << 5,        /* Fields the datapath cannot match. */
};

/* Results of translation. */
enum xlate_error {
    XLATE_OK = 0,               /* Success. */
    XLATE_BRIDGE_NOT_FOUND,     /* 'ofproto' is not configured. */
    XLATE_RECURSION_TOO_DEEP,   /* Too many resubmits/patch hops. */
    XLATE_TOO_MANY_RESUBMITS,   /* Too many resubmits in total. */
    XLATE_STACK_TOO_DEEP,       /* Stack overflow. */
    XLATE_NO_RECIRCULATION_CONTEXT, /* Recirculation id unknown. */
    XLATE_RECIRCULATION_CONFLICT, /* Conflicting recirculation. */
    XLATE_TOO_MANY_MPLS_LABELS, /* Too many MPLS labels. */
    XLATE_INVALID_TUNNEL_METADATA, /* Bad tunnel metadata. */
    XLATE_UNSUPPORTED_PACKET_TYPE, /* Packet type not supported. */
    XLATE_CONGESTION_DROP,      /* Output queue full. */
    XLATE_FORWARDING_DISABLED,  /* Forwarding disabled on the port. */
    XLATE_MAX,
};

/* Returns upstream's name for 'error', e.g. "Recursion too deep". */
const char *xlate_strerror(enum xlate_error error);

/* The input to translation. */
struct xlate_in {
    struct ofproto_dpif *ofproto; /* The bridge. */
    struct flow flow;           /* The flow; 'in_port' is an OpenFlow port
                                 * number. */
    const struct dp_packet *packet; /* The packet, or NULL if none (e.g.
                                     * revalidation). */

    /* Side effects.  'allow_side_effects' permits learning MACs and similar
     * changes to the switch's state; 'may_learn' is the narrower "may
     * update the MAC learning table" (both must be true to learn). */
    bool allow_side_effects;    /* May change the switch's state. */
    bool may_learn;             /* May update MAC learning. */

    /* Statistics to credit to what translation touches (e.g. refreshing
     * the MAC entries of the input port), or NULL. */
    const struct dpif_flow_stats *resubmit_stats;

    /* Outputs the caller provides.  'wc' may be NULL if the caller does not
     * need the megaflow mask; fields examined are ORed into it.
     * 'odp_actions' receives the datapath actions (appended). */
    struct flow_wildcards *wc;  /* Examined fields (ORed in), or NULL. */
    struct ofpbuf *odp_actions; /* Datapath actions (appended). */

    /* Tracing: if nonnull, each step appends lines in ofproto/trace's
     * format ("bridge(\"br0\")", " 0. priority 0", "    NORMAL",
     * "     -> ...") to 'trace'. */
    struct ds *trace;           /* Trace output, or NULL. */
    bool trace_nest_top_tail;   /* Trace layout: indent a table reached by
                                 * the last action of table 0's rule as a
                                 * nested one, as upstream does when the
                                 * pipeline ends with an action set (see
                                 * ofproto-dpif-trace.c). */

    /* If nonnull, translation runs these actions (e.g. a packet-out's)
     * instead of looking up table 0; an output to OFPP_TABLE among them
     * submits the packet to the pipeline from table 0.  Not owned; must
     * stay valid during xlate_actions(). */
    const struct ofpact *ofpacts; /* Actions to run, or NULL. */
    size_t ofpacts_len;         /* Size of 'ofpacts', in bytes. */

    /* If nonnull, translation resumes this continuation of a paused
     * pipeline (an NXT_RESUME) instead of looking up table 0.  Not
     * owned. */
    const struct ofputil_packet_in_private *resume;
};

/* The output of translation besides the datapath actions. */
struct xlate_out {
    enum slow_path_reason slow; /* 0 if the flow may be installed. */
    struct flow flow;           /* The flow after translation (the "Final
                                 * flow" of ofproto/trace). */
    bool action_set_executed;   /* Did the pipeline end by executing an
                                 * action set? */
};

/* Initializes 'xin' for translating 'flow' (with 'flow->in_port' an
 * OpenFlow port number) in 'ofproto', with 'packet' (may be NULL) and
 * outputs 'wc' (may be NULL) and 'odp_actions'.  Side effects and learning
 * are allowed if 'packet' is nonnull; the caller may change that. */
void xlate_in_init(struct xlate_in *xin, struct ofproto_dpif *ofproto,
                   const struct flow *flow, const struct dp_packet *packet,
                   struct flow_wildcards *wc, struct ofpbuf *odp_actions);

/* Translates 'xin'.  Appends the datapath actions to 'xin->odp_actions',
 * ORs the examined fields into 'xin->wc' and fills in 'xout'.  On error
 * the actions are empty (drop).  Thread-safe; takes no lock but RCU. */
enum xlate_error xlate_actions(struct xlate_in *xin, struct xlate_out *xout);

/* Frees what 'xout' holds (nothing yet; call it anyway). */
void xlate_out_uninit(struct xlate_out *xout);

/* Looks up the bridge and the OpenFlow port of datapath port
 * 'flow->in_port.odp_port' of datapath 'dpif'.  On success returns 0 and
 * stores them in '*ofprotop' and '*ofp_in_port' (either may be NULL).
 * Returns ENODEV if the port belongs to no configured bridge. */
int xlate_lookup(const struct dpif *dpif, const struct flow *flow,
                 struct ofproto_dpif **ofprotop, ofp_port_t *ofp_in_port);

/* Returns the bridge named 'name', or NULL.  Main thread or RCU reader. */
struct ofproto_dpif *xlate_lookup_bridge_by_name(const char *name);

/* Finds the datapath named 'dp_name' (as dpif_name() or dpif_base_name()
 * returns it) among the configured bridges', or, if 'dp_name' is NULL, the
 * only datapath in use.  Returns 0 and stores it in '*dpifp', or ENODEV
 * (none, or several when 'dp_name' is NULL). */
int xlate_lookup_dpif_by_name(const char *dp_name, struct dpif **dpifp);

/* Returns the datapath of bridge 'ofproto', or NULL. */
struct dpif *xlate_ofproto_get_dpif(const struct ofproto_dpif *ofproto);

/* Returns the datapath port number of OpenFlow port 'ofp_port' of
 * 'ofproto', or ODPP_NONE. */
odp_port_t xlate_ofp_port_to_odp_port(const struct ofproto_dpif *ofproto,
                                      ofp_port_t ofp_port);

/* Returns the OpenFlow port number of datapath port 'odp_port' of 'dpif',
 * or OFPP_NONE. */
ofp_port_t xlate_odp_port_to_ofp_port(const struct dpif *dpif,
                                      odp_port_t odp_port);

/* Configuration transactions (main thread only). */
void xlate_txn_start(void);
void xlate_txn_commit(void);

/* Creates or updates the bridge 'ofproto' named 'name' on datapath 'dpif',
 * with MAC learning table 'ml' (translation takes a reference) and
 * 'forward_bpdu' (other_config:forward-bpdu: forward frames to reserved
 * multicast addresses instead of dropping them). */
void xlate_ofproto_set(struct ofproto_dpif *ofproto, const char *name,
                       struct dpif *dpif, const struct mac_learning *ml,
                       bool forward_bpdu);
/* Removes bridge 'ofproto' with all its bundles and ports. */
void xlate_remove_ofproto(struct ofproto_dpif *ofproto);

/* Creates or updates bundle 'bundle' of bridge 'ofproto': 'name', VLAN
 * configuration 'vlan_mode', 'vlan' (-1 for none), 'trunks' (bitmap of
 * 4096 bits, copied; NULL means all VLANs), 'use_priority_tags',
 * 'floodable' (false keeps flooded packets from leaving through it) and
 * 'protected'.  The bridge's local port belongs to a bundle too (usually a
 * trunk of all VLANs). */
void xlate_bundle_set(struct ofproto_dpif *ofproto, struct ofbundle *bundle,
                      const char *name, enum port_vlan_mode vlan_mode,
                      int vlan, const unsigned long *trunks,
                      enum port_priority_tags_mode use_priority_tags,
                      bool floodable, bool protected);
/* Removes bundle 'bundle' (its ports stay, with no bundle). */
void xlate_bundle_remove(struct ofbundle *bundle);

/* Creates or updates port 'ofport' of bridge 'ofproto': member of 'bundle'
 * (NULL if none yet: a port without a bundle neither receives nor sends),
 * OpenFlow number 'ofp_port', datapath number 'odp_port', name 'name',
 * OpenFlow 'config' (XLATE_PC_* bits) and 'state' (XLATE_PS_* bits) and
 * 'may_enable' (link up and usable). */
void xlate_ofport_set(struct ofproto_dpif *ofproto, struct ofbundle *bundle,
                      struct ofport_dpif *ofport, ofp_port_t ofp_port,
                      odp_port_t odp_port, const char *name,
                      uint32_t config, uint32_t state, bool may_enable);
/* Removes port 'ofport'. */
void xlate_ofport_remove(struct ofport_dpif *ofport);

/* Returns a number that changes whenever translation results may have
 * changed for reasons other than configuration transactions (MAC learning
 * changes made by translation itself, fdb/flush); revalidators compare
 * it. */
uint64_t xlate_change_seq(void);

/* Frozen states of select groups and paused pipelines
 * (ofproto/xlate-freeze.c), freed once no datapath flow uses them:
 * revalidators call xlate_frozen_states_mark_flow() for every datapath
 * flow they keep (its key and actions), then, after a dump that started at
 * 'dump_start' (or a round without flows), xlate_frozen_states_sweep()
 * frees the states of 'backer''s bridges that nothing used for a while.
 * xlate_frozen_states_count() returns how many states 'backer''s bridges
 * have. */
struct dpif_backer;
void xlate_frozen_states_mark_flow(const struct nlattr *key, size_t key_len,
                                   const struct nlattr *actions,
                                   size_t actions_len);
void xlate_frozen_states_sweep(const struct dpif_backer *backer,
                               long long int dump_start);
size_t xlate_frozen_states_count(const struct dpif_backer *backer);

/* Fills in the packet-in 'pin' of a "controller(pause)" whose userspace
 * action names frozen state 'recirc_id' of 'ofproto' (the packet arrived
 * on OpenFlow port 'in_port'): metadata, table, cookie, userdata and the
 * continuation (actions, action set, stack), all malloc()'d.  The caller
 * fills in the packet, reason and the continuation's bridge and datapath
 * port.  Returns false if there is no such state. */
struct ofputil_packet_in_private;
bool xlate_frozen_packet_in(uint32_t recirc_id,
                            const struct ofproto_dpif *ofproto,
                            ofp_port_t in_port,
                            struct ofputil_packet_in_private *pin);

/* The OpenFlow tables as translation sees them.  ofproto-dpif registers
 * its lookups with xlate_set_rule_ops() at start-up; until it does (unit
 * tests of NORMAL alone), every bridge behaves as if its table 0 held only
 * the default rule "priority=0, actions=NORMAL".
 *
 * get_tables_version() returns the version of 'ofproto''s tables to use
 * for a whole translation.  lookup() returns the highest-priority rule of
 * table 'table_id' of 'ofproto' visible in 'version' that matches 'flow'
 * (which it may modify temporarily), ORing the bits it examined into 'wc',
 * or NULL on a table miss.  Both are called inside an RCU read-side
 * critical section; a rule returned stays valid until its end. */
struct rule;

/* What translation does after a table miss (see xlate_rule_ops). */
enum xlate_table_miss {
    XLATE_MISS_DROP,            /* Drop: "No match." then "drop". */
    XLATE_MISS_CONTINUE,        /* Look up the next table. */
    XLATE_MISS_CONTROLLER       /* Send a packet-in with the internal
                                 * reason OFPR_IMPLICIT_MISS (OpenFlow 1.0
                                 * to 1.2 connections see "no_match"). */
};

struct xlate_rule_ops {
    /* The version of the tables to use. */
    ovs_version_t (*get_tables_version)(const struct ofproto_dpif *ofproto);

    /* A table lookup.  Counts nothing in the table's statistics. */
    struct rule *(*lookup)(struct ofproto_dpif *ofproto,
                           ovs_version_t version, uint8_t table_id,
                           struct flow *flow, struct flow_wildcards *wc);

    /* Returns what a lookup in table 'table_id' of 'ofproto' that found no
     * rule does, when the lookup honors the table-miss configuration
     * (table 0 and goto_table, not resubmit).  May be NULL (drop). */
    enum xlate_table_miss (*table_miss)(const struct ofproto_dpif *ofproto,
                                        uint8_t table_id);

    /* Adds 'n_packets' lookups to the statistics of table 'table_id' of
     * 'ofproto', as matched or missed ('matched').  May be NULL. */
    void (*count_lookup)(struct ofproto_dpif *ofproto, uint8_t table_id,
                         bool matched, uint64_t n_packets);
};
void xlate_set_rule_ops(const struct xlate_rule_ops *);

/* The userdata of the userspace datapath actions that translation emits
 * (the cookie that comes back with the upcall) is lib/odp-util.h's struct
 * user_action_cookie, which odp-util prints as upstream does. */

/* Fills in 'metadata' (initialized here) with the pipeline metadata of
 * the packet-in for the controller action whose cookie carries 'recirc_id'
 * and 'in_port', as upstream's packet-ins carry it: the input port and the
 * nonzero ones of the tunnel fields, metadata, registers, pkt_mark and
 * connection tracking fields, as they were at the action; stores in
 * '*table_id' the table of the action (or of the table miss) and in
 * '*userdata' (malloc()'d, or NULL) and '*userdata_len' the action's
 * userdata.  Unknown ids give just 'in_port' and table 0.  Thread-safe. */
struct match;
void xlate_packet_in_metadata(uint32_t recirc_id, ofp_port_t in_port,
                              struct match *metadata, uint8_t *table_id,
                              uint8_t **userdata, size_t *userdata_len);

/* Appends the text of the datapath actions 'actions' ('actions_len'
 * bytes) to 'ds' as format_odp_actions() does (which decodes the cookies
 * of userspace actions that translation emitted the way upstream prints
 * them, "userspace(pid=0,controller(reason=1,...))"). */
void xlate_format_odp_actions(struct ds *ds, const struct nlattr *actions,
                              size_t actions_len);

/* Registers the fdb/ unixctl commands (fdb/show, fdb/flush, fdb/add,
 * fdb/del, fdb/stats-show, fdb/stats-clear) and ofproto/trace.  Called once by
 * ofproto-dpif's init. */
void xlate_init(void);

#endif /* ofproto-dpif-xlate.h */
