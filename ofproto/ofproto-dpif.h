/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_DPIF_H
#define OFPROTO_DPIF_H 1

/* ofproto-dpif: the OpenFlow switch implemented on a datapath (dpif).
 *
 * Every bridge of one datapath type shares one datapath, "ovs-<type>"
 * (e.g. "ovs-netdev"), through a "struct dpif_backer": the backer owns the
 * dpif, its upcall machinery (struct udpif, ofproto-dpif-upcall.h) and the
 * map from datapath port numbers to OpenFlow ports, which tells which
 * bridge a packet arrived on.  Each bridge is a "struct ofproto_dpif" with
 * its ports ("struct ofport_dpif"), bundles ("struct ofbundle") and MAC
 * learning table.
 *
 * ofproto-dpif pushes its configuration (bridges, bundles, ports) to the
 * translation module (ofproto-dpif-xlate.h), which keeps its own copy that
 * handler threads read without locks; every change also flags the backer
 * for revalidation, so that datapath flows get re-translated.
 *
 * Threads: the structures below are created, changed and destroyed by the
 * main thread.  Other threads (upcall handlers, revalidators) may use
 *   - odp_port_to_ofport() and odp_port_to_ofp_port() (they take the
 *     backer's 'odp_to_ofport_lock'),
 *   - rule_dpif_lookup() and rule_dpif_credit_stats(),
 *   - ofproto_dpif_revalidate(),
 * and must not touch anything else here except through xlate's copy. */

#include <stdbool.h>
#include <stdint.h>
#include "ofproto/ofproto-provider.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/uuid.h"
#include "ovs-thread.h"
#include "sset.h"

struct dpif;
struct dpif_flow_stats;
struct mac_learning;
struct seq;
struct dpif_features;
struct udpif;

/* Why a backer must revalidate its datapath flows (the first reason
 * recorded wins; the value only feeds statistics and logs). */
enum revalidate_reason {
    REV_RECONFIGURE = 1,        /* Switch configuration changed. */
    REV_PORT_TOGGLED,           /* A port went up or down. */
    REV_FLOW_TABLE,             /* OpenFlow rules changed. */
    REV_MAC_LEARNING,           /* MAC learning table changed. */
};

/* All the bridges of one datapath type share a backer. */
struct dpif_backer {
    struct hmap_node hmap_node; /* In the global map of backers, by hash of
                                 * 'type'. */
    char *type;                 /* Datapath type, e.g. "netdev". */
    int refcount;               /* Number of ofproto_dpifs using it. */
    struct dpif *dpif;          /* The datapath "ovs-<type>". */
    struct udpif *udpif;        /* Upcall handling and revalidation; NULL
                                 * until the first type_run(). */
    bool sym_l4_hash;           /* Does the datapath know the hash action's
                                 * OVS_HASH_ALG_SYM_L4?  (Linux's own
                                 * module does not before 6.2.) */
    bool set_arp_icmp_nd;       /* Can the datapath's set action rewrite ARP,
                                 * ICMP, ICMPv6 and ND headers?  (Kernel
                                 * modules cannot: such flows then take the
                                 * slow path.) */
    struct dpif_features *features; /* Probed at open, for
                                     * "dpif/show-dp-features". */

    /* Datapath port number -> OpenFlow port.  Written by the main thread
     * holding the lock for writing; read by any thread holding it for
     * reading. */
    struct ovs_rwlock odp_to_ofport_lock; /* Protects the map. */
    struct hmap odp_to_ofport_map; /* "struct ofport_dpif"s by hash of
                                    * 'odp_port'. */

    /* Revalidation: set from any thread with ofproto_dpif_revalidate();
     * the main thread acts on it in type_run(). */
    int need_revalidate;        /* 0 or an enum revalidate_reason; accessed
                                 * with __atomic builtins. */
    struct seq *revalidate_seq; /* Changed whenever 'need_revalidate' is
                                 * set, to wake the main loop. */

    /* Datapath port bookkeeping. */
    struct sset tnl_ports;      /* Unused until tunnels arrive. */
    int n_handlers;             /* Handler threads 'udpif' was given. */
    int n_revalidators;         /* Revalidator threads 'udpif' was
                                 * given. */
    bool recv_set_enable;       /* Whether dpif_recv_set() succeeded. */
};

/* A bridge. */
struct ofproto_dpif {
    struct hmap_node all_ofproto_dpifs_node; /* In the global map of
                                              * bridges, by hash of the
                                              * name. */
    struct hmap_node all_ofproto_dpifs_by_uuid_node; /* In the global map
                                                      * of bridges, by
                                                      * hash of 'uuid'. */
    struct ofproto up;          /* The generic switch. */
    struct dpif_backer *backer; /* Its datapath (shared). */
    struct uuid uuid;           /* Unique id, random at creation. */

    struct mac_learning *ml;    /* MAC learning table (mac-learning.h). */
    struct hmap bundles;        /* "struct ofbundle"s, by hash of 'aux'. */

    struct sset ports;          /* Names of its ports in the datapath,
                                 * including the local port. */
    struct sset ghost_ports;    /* Ports that belong to it but that
                                 * ofproto.c does not know yet. */
    uint64_t change_seq;        /* Local changes to push to xlate: bumped
                                 * on every change. */
    uint64_t pushed_seq;        /* 'change_seq' when last pushed. */
    uint64_t pins_seqno;        /* Queued packet-ins' seq when last
                                 * sent. */
};

/* An OpenFlow port of a bridge, in the datapath. */
struct ofport_dpif {
    struct hmap_node odp_port_node; /* In the backer's 'odp_to_ofport_map'
                                     * (only while 'odp_port' is valid). */
    struct ofport up;           /* The generic port. */
    odp_port_t odp_port;        /* Datapath port number. */
    struct ofbundle *bundle;    /* The bundle it belongs to, or NULL. */
    struct ovs_list bundle_node; /* In 'bundle''s 'ports'. */
    bool may_enable;            /* May forward: device up and link up. */
};

/* A bundle: one or more ports that act as one for MAC learning and VLANs
 * (the database's Port). */
struct ofbundle {
    struct hmap_node hmap_node; /* In ofproto_dpif's 'bundles'. */
    struct ofproto_dpif *ofproto; /* The bridge it belongs to. */
    void *aux;                  /* Key given by the client (the bridge's
                                 * "struct port"). */
    char *name;                 /* Name, for logs and traces. */

    struct ovs_list ports;      /* "struct ofport_dpif"s, by
                                 * 'bundle_node'. */

    enum port_vlan_mode vlan_mode; /* How VLAN tags are treated. */
    uint16_t qinq_ethtype;      /* Outer TPID for dot1q-tunnel. */
    int vlan;                   /* VLAN for access/native/dot1q-tunnel,
                                 * -1 if none. */
    unsigned long *trunks;      /* Bitmap of trunked VLANs (4096 bits,
                                 * owned), NULL for all. */
    unsigned long *cvlans;      /* Bitmap of customer VLANs (owned), NULL
                                 * for all. */
    enum port_priority_tags_mode use_priority_tags; /* Priority tags. */
    bool floodable;             /* True unless a port has
                                 * OFPPC_NO_FLOOD. */
    bool protected;             /* Protected port mode. */
};

/* A rule of ofproto-dpif: the generic rule plus its statistics. */
struct rule_dpif {
    struct rule up;             /* The generic rule. */
    struct ovs_mutex stats_mutex; /* Protects the three members below. */
    uint64_t n_packets;         /* Packets that matched it. */
    uint64_t n_bytes;           /* Bytes that matched it. */
    long long int used;         /* time_msec() of the last match, 0 for
                                 * never. */
};

/* Casts (checked). */
/* Queues the packet-in 'am' for the controllers of 'ofproto' (any thread:
 * the main thread sends it from the provider's run()).  Takes 'am' and
 * its 'pin.packet' (both malloc()ed). */
struct ofproto_async_msg;
void ofproto_dpif_send_async_msg(struct ofproto_dpif *ofproto,
                                 struct ofproto_async_msg *am);

struct ofproto_dpif *ofproto_dpif_cast(const struct ofproto *);
struct ofport_dpif *ofport_dpif_cast(const struct ofport *);
struct rule_dpif *rule_dpif_cast(const struct rule *);

/* Bridges by name ("br0") or by uuid; NULL if none.  Main thread. */
struct ofproto_dpif *ofproto_dpif_lookup_by_name(const char *name);
struct ofproto_dpif *ofproto_dpif_lookup_by_uuid(const struct uuid *);

/* Returns the backer of 'ofproto' (never NULL). */
struct dpif_backer *ofproto_dpif_get_backer(const struct ofproto_dpif *);

/* Returns the OpenFlow port of 'backer' with datapath port number
 * 'odp_port', or NULL.  Any thread.  The result stays valid only while the
 * main thread cannot delete the port: in other threads use it only to find
 * the port's bridge or OpenFlow number, inside an RCU read-side critical
 * section (ports are freed after a grace period). */
struct ofport_dpif *odp_port_to_ofport(const struct dpif_backer *backer,
                                       odp_port_t odp_port);

/* Returns the OpenFlow port number of datapath port 'odp_port' of
 * 'backer' and sets '*ofprotop' (if nonnull) to its bridge; OFPP_NONE and
 * NULL if there is none.  Any thread. */
ofp_port_t odp_port_to_ofp_port(const struct dpif_backer *backer,
                                odp_port_t odp_port,
                                struct ofproto_dpif **ofprotop);

/* Returns the datapath port number of OpenFlow port 'ofp_port' of
 * 'ofproto' (OFPP_LOCAL included), or ODPP_NONE.  Main thread. */
odp_port_t ofp_port_to_odp_port(const struct ofproto_dpif *ofproto,
                                ofp_port_t ofp_port);

/* Returns the port of 'ofproto' numbered 'ofp_port', or NULL.  Main
 * thread. */
struct ofport_dpif *ofp_port_to_ofport(const struct ofproto_dpif *ofproto,
                                       ofp_port_t ofp_port);

/* Flags 'ofproto''s backer for revalidation for 'reason' and wakes the
 * main loop, which makes the udpif re-translate every datapath flow.  Any
 * thread. */
void ofproto_dpif_revalidate(struct ofproto_dpif *ofproto,
                             enum revalidate_reason reason);
void dpif_backer_revalidate(struct dpif_backer *backer,
                            enum revalidate_reason reason);

/* Looks up the highest-priority rule of table 'table_id' of 'ofproto'
 * visible in tables version 'version' that matches 'flow' (which the
 * lookup may modify temporarily), ORing the fields examined into 'wc' (if
 * nonnull).  Counts nothing (translation counts table statistics for real
 * packets).  Returns NULL if none matches (a table miss).  Any thread: the
 * caller must be inside an RCU read-side critical section (rcu_read_lock())
 * and may use the rule until it leaves it. */
struct rule_dpif *rule_dpif_lookup_in_table(struct ofproto_dpif *ofproto,
                                            ovs_version_t version,
                                            uint8_t table_id,
                                            struct flow *flow,
                                            struct flow_wildcards *wc);

/* The same in the current version. */
struct rule_dpif *rule_dpif_lookup(struct ofproto_dpif *ofproto,
                                   uint8_t table_id,
                                   const struct flow *flow,
                                   struct flow_wildcards *wc);

/* Returns the version of the tables of 'ofproto' in use now.  Any
 * thread. */
ovs_version_t ofproto_dpif_get_tables_version(const struct ofproto_dpif *);

/* Returns the actions of 'rule' (same lifetime as 'rule'). */
const struct rule_actions *rule_dpif_get_actions(const struct rule_dpif *);

/* Adds 'stats' to the statistics of 'rule'.  Any thread. */
void rule_dpif_credit_stats(struct rule_dpif *rule,
                            const struct dpif_flow_stats *stats);

#endif /* ofproto/ofproto-dpif.h */
