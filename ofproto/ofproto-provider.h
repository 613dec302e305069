/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_PROVIDER_H
#define OFPROTO_PROVIDER_H 1

/* The interface between the generic OpenFlow switch (ofproto.c) and its
 * implementations ("ofproto providers"; the only one is ofproto-dpif).
 *
 * ofproto.c owns the OpenFlow view: the switch's name and datapath id, its
 * OpenFlow ports (numbering, names, status) and its OpenFlow tables and
 * rules.  A provider owns how that view is realized: which datapath the
 * ports live in, how packets are forwarded, bundles and MAC learning.
 *
 * Object life cycles follow one pattern for ofprotos, ofports and rules:
 * the provider's alloc() returns zeroed memory big enough for its own
 * derived struct (which embeds the generic one as 'up'); ofproto.c fills
 * in the generic members and calls construct(); on the way out it calls
 * destruct() and then dealloc().  A construct() that fails must leave
 * nothing behind: ofproto.c then calls only dealloc().
 *
 * Threads: everything here runs in the main thread, unless a member says
 * otherwise.  Rules are read by upcall handler threads through the
 * provider; ofproto.c changes tables only in the main thread while holding
 * 'ofproto_mutex'.
 *
 * Errors are positive errno values. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "classifier.h"
#include "dpif.h"
#include "flow.h"
#include "ofproto/ofproto.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/uuid.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"
#include "openvswitch/types.h"
#include "ovs-thread.h"
#include "simap.h"
#include "versions.h"

struct connmgr;
struct ofproto_class;
struct ofputil_packet_out;
struct ofputil_packet_in_private;
struct sset;

/* Global knobs (see ofproto.h); read by the upcall threads. */
extern unsigned ofproto_flow_limit;  /* Max datapath flows. */
extern unsigned ofproto_max_idle;    /* Idle flow expiry, ms. */
extern int n_handlers;               /* Handler threads; 0 = default. */
extern int n_revalidators;           /* Revalidator threads; 0 = default. */

/* Held by the main thread while it changes OpenFlow tables and rules. */
extern struct ovs_mutex ofproto_mutex;

/* The number of OpenFlow tables of every switch (table ids 0...254). */
#define OFPROTO_N_TABLES 255

/* An OpenFlow switch. */
struct ofproto {
    struct hmap_node hmap_node; /* In the global list of all ofprotos, by
                                 * hash of 'name'. */
    const struct ofproto_class *ofproto_class; /* Its provider. */
    char *type;                 /* Datapath type, e.g. "netdev". */
    char *name;                 /* Datapath (and bridge) name, e.g.
                                 * "br0". */
    struct uuid uuid;           /* Random, names the bridge in the
                                 * continuations of paused pipelines. */

    /* OpenFlow identity. */
    uint64_t fallback_dpid;     /* Datapath id if none is configured: from
                                 * the local port's MAC. */
    uint64_t datapath_id;       /* Datapath id in use. */

    /* OpenFlow ports. */
    struct hmap ports;          /* Contains "struct ofport"s, by hash of
                                 * 'ofp_port'. */
    struct shash port_by_name;  /* "struct ofport"s by netdev name. */
    bool local_port_added;      /* The bridge added the local port: until
                                 * then, the local port stays the last one
                                 * inserted in 'ports' (as upstream's switch
                                 * inserts it), for the order of listings. */
    struct simap ofp_requests;  /* Requested OpenFlow port numbers, by
                                 * netdev name (ofport_request). */
    ofp_port_t alloc_port_no;   /* Last port number allocated without a
                                 * request. */
    ofp_port_t max_ports;       /* Port numbers must be below this. */
    struct hmap ofport_usage;   /* "struct ofport_usage"s: when each port
                                 * number was last used, so that freed
                                 * numbers are reused last. */

    /* OpenFlow tables. */
    struct oftable *tables;     /* Array of 'n_tables' tables. */
    int n_tables;               /* Number of tables (OFPROTO_N_TABLES). */
    ovs_version_t tables_version; /* Version of the tables that lookups
                                   * use (__atomic; the main thread
                                   * increments it to publish a batch of
                                   * rule changes). */
    struct ovs_list expirable;  /* "struct rule"s with a timeout, by
                                 * 'expirable' (main thread). */

    /* OpenFlow connections: NULL until controllers are supported. */
    struct connmgr *connmgr;    /* Controller and monitor connections. */
    bool fail_open_active;      /* Is the fail-open flow installed? */
    bool packet_in_on_miss;     /* Does some connection want packet-ins
                                 * for table misses (OpenFlow 1.0 to 1.2)?
                                 * Written by the main thread, read by
                                 * translation (__atomic). */

    uint64_t change_seq;        /* netdev_global_change_seq's value when
                                 * the ports' status was last refreshed. */

    /* OpenFlow meters (ofproto-meter.c; main thread). */
    struct ofputil_meter_features meter_features; /* What the provider's
                                                   * meters can do. */
    struct hmap meters;         /* "struct meter"s by hash of their
                                 * OpenFlow meter id (ofproto-meter.c). */
    uint32_t controller_meter_id; /* The provider's number for meter
                                   * OFPM13_CONTROLLER, which every packet
                                   * sent to a controller goes through, or
                                   * UINT32_MAX if there is none (__atomic:
                                   * translation reads it). */
};

/* The OpenFlow port number space's bookkeeping: when a number was freed. */
struct ofport_usage {
    struct hmap_node hmap_node; /* In ofproto's 'ofport_usage', by hash of
                                 * 'ofp_port'. */
    ofp_port_t ofp_port;        /* The OpenFlow port number. */
    long long int last_used;    /* time_msec() of its last use; LLONG_MAX
                                 * while in use. */
};

/* OpenFlow port configuration and state bits (OFPPC_* and OFPPS_* in
 * OpenFlow 1.0 numbering). */
enum ofproto_port_config {
    OFPROTO_PC_PORT_DOWN = 1 << 0, /* Administratively down. */
    OFPROTO_PC_NO_RECV = 1 << 2,   /* Drop packets received. */
    OFPROTO_PC_NO_FWD = 1 << 5,    /* Drop packets sent to it. */
    OFPROTO_PC_NO_PACKET_IN = 1 << 6 /* No packet-ins from it. */
};
enum ofproto_port_state {
    OFPROTO_PS_LINK_DOWN = 1 << 0, /* No physical link. */
    OFPROTO_PS_LIVE = 1 << 2      /* Live for fast failover. */
};

/* The OpenFlow description of a port (the fields of ofp_phy_port that the
 * switch keeps). */
struct ofproto_phy_port {
    ofp_port_t port_no;         /* OpenFlow port number. */
    struct eth_addr hw_addr;    /* The device's MAC. */
    char name[16];              /* The device's name, NUL-terminated. */
    uint32_t config;            /* OFPROTO_PC_* bits. */
    uint32_t state;             /* OFPROTO_PS_* bits. */
    uint32_t curr_speed;        /* Current speed in kbps; 0 if unknown. */
    uint32_t max_speed;         /* Maximum speed in kbps; 0 if unknown. */
};

/* An OpenFlow port of an ofproto. */
struct ofport {
    struct hmap_node hmap_node; /* In struct ofproto's 'ports'. */
    struct ofproto *ofproto;    /* The switch it belongs to. */
    struct netdev *netdev;      /* Its network device (a reference). */
    struct ofproto_phy_port pp; /* Its OpenFlow description. */
    ofp_port_t ofp_port;        /* OpenFlow port number (== pp.port_no). */
    uint64_t change_seq;        /* netdev_get_change_seq() when 'pp' was
                                 * last refreshed. */
    long long int created;      /* time_msec() at creation. */
    int mtu;                    /* The device's MTU, 0 if unknown. */
};

/* A rule's actions: a sequence of "struct ofpact"s (ofp-actions.h), the
 * OpenFlow instructions included (goto_table, write_actions, ...).  An
 * empty sequence drops.  Immutable once created; a rule's 'actions' is
 * replaced as a whole (modify flow mods), and the old one freed after an
 * RCU grace period, so a translation that read 'rule->actions' inside a
 * read-side critical section may use it until the end of that section. */
struct rule_actions {
    bool has_meter;             /* Has an OFPACT_METER? */
    bool has_groups;            /* Has an OFPACT_GROUP? */
    bool has_learn_with_delete; /* Has a learn with NX_LEARN_F_DELETE_
                                 * LEARNED? */
    uint32_t ofpacts_len;       /* Size of 'ofpacts', in bytes. */
    struct ofpact ofpacts[];    /* The actions, OFPACT_ALIGNTO aligned. */
};

/* Returns a new rule_actions holding a copy of the 'ofpacts_len' bytes of
 * 'ofpacts' (the caller frees it with rule_actions_destroy(), or hands it
 * to a rule). */
struct rule_actions *rule_actions_create(const struct ofpact *ofpacts,
                                         size_t ofpacts_len);

/* Returns a new rule_actions whose actions output to the 'n' ports of
 * 'ports' in order (reserved ports such as OFPP_NORMAL included); n == 0
 * drops. */
struct rule_actions *rule_actions_create_outputs(const ofp_port_t *ports,
                                                 size_t n);

/* Frees 'actions' now (NULL is allowed).  Use only for actions that no
 * other thread can see: otherwise postpone it with
 * ovsrcu_postpone(rule_actions_destroy, actions). */
void rule_actions_destroy(const struct rule_actions *actions);

/* Returns true if 'actions' outputs to 'port' (directly, not through
 * groups), as the out_port of delete flow mods requires. */
bool rule_actions_output_to_port(const struct rule_actions *actions,
                                 ofp_port_t port);

/* The life cycle of a rule. */
enum rule_state {
    RULE_INITIALIZED,           /* Constructed, not yet in a table. */
    RULE_INSERTED,              /* In its table's classifier. */
    RULE_REMOVED,               /* Out of its table; freed after an RCU
                                 * grace period once unreferenced. */
};

/* An OpenFlow rule (flow entry).
 *
 * A rule sits in the classifier of table 'table_id' of 'ofproto' through
 * 'cr', which also holds its match and priority.  Rules are versioned: a
 * rule added by a batch of changes becomes visible in the version that
 * the batch publishes, and a deleted or replaced rule stops being visible
 * in that version (see 'tables_version' in struct ofproto), so that a
 * batch becomes visible to translation all at once.
 *
 * Threads: the main thread creates and changes rules, holding
 * 'ofproto_mutex'.  Translation (any thread) finds them with
 * classifier_lookup() inside an RCU read-side critical section and may
 * read every member below except those marked "main thread" until it
 * leaves it; to keep a rule longer, take a reference with
 * ofproto_rule_try_ref(). */
struct rule {
    struct ofproto *ofproto;    /* The switch it belongs to. */
    struct cls_rule cr;         /* In its table's 'cls': match and
                                 * priority. */
    uint8_t table_id;           /* Index of its table in ofproto's
                                 * 'tables'. */
    enum rule_state state;      /* Life cycle state (main thread). */
    unsigned int ref_count;     /* References (__atomic); the rule is
                                 * freed, after an RCU grace period, when
                                 * it drops to 0. */

    ovs_be64 flow_cookie;       /* Controller-issued cookie. */
    enum ofputil_flow_mod_flags flags; /* OFPUTIL_FF_*. */
    uint16_t idle_timeout;      /* Seconds of inactivity before expiry; 0
                                 * for none. */
    uint16_t hard_timeout;      /* Seconds of life; 0 for no limit. */
    uint16_t importance;        /* Eviction precedence (OpenFlow 1.4). */
    long long int created;      /* time_msec() at creation. */
    long long int modified;     /* time_msec() of the last change. */
    struct ovs_list expirable;  /* In ofproto's 'expirable' if it has a
                                 * timeout (main thread). */

    /* The actions.  Replaced by modify flow mods (main thread, with
     * __atomic stores); readers load it once with rule_get_actions(). */
    const struct rule_actions *actions;
};

/* Returns the actions of 'rule' (see struct rule_actions for how long they
 * stay valid). */
static inline const struct rule_actions *
rule_get_actions(const struct rule *rule)
{
    return __atomic_load_n(&rule->actions, __ATOMIC_ACQUIRE);
}

/* References.  ofproto_rule_ref() and ofproto_rule_unref() accept NULL;
 * ofproto_rule_try_ref() returns false if 'rule' is already being freed
 * (only possible for a rule found through a table lookup). */
void ofproto_rule_ref(struct rule *rule);
bool ofproto_rule_try_ref(struct rule *rule);
void ofproto_rule_unref(struct rule *rule);

/* Flags of an OpenFlow table. */
enum oftable_flags {
    OFTABLE_HIDDEN = 1 << 0,    /* Hidden from controllers (table stats,
                                 * flow dumps of all tables). */
    OFTABLE_READONLY = 1 << 1   /* Controllers may not change its rules
                                 * (rules added by ofproto_add_flow() are
                                 * allowed). */
};

/* What a table does with a packet that no rule matches ("table-miss"),
 * OpenFlow 1.1+ table-mod's OFPTC_* values. */
enum oftable_miss {
    OFTABLE_MISS_DEFAULT,       /* Version dependent: send to OpenFlow 1.0
                                 * to 1.2 controllers (if any wants it,
                                 * see 'packet_in_on_miss'), drop for
                                 * OpenFlow 1.3+. */
    OFTABLE_MISS_CONTROLLER,    /* Send to the controller. */
    OFTABLE_MISS_CONTINUE,      /* Continue to the next table. */
    OFTABLE_MISS_DROP,          /* Drop. */
};

/* An OpenFlow table: its rules in a classifier. */
struct oftable {
    enum oftable_flags flags;   /* OFTABLE_*. */
    struct classifier cls;      /* "struct rule"s by their 'cr'.  Changed
                                 * by the main thread with 'ofproto_mutex'
                                 * held; read by any thread (RCU). */
    char *name;                 /* Name, NULL for the default "tableN". */
    unsigned int max_flows;     /* Maximum number of rules (UINT_MAX: no
                                 * limit). */
    unsigned int n_flows;       /* Number of rules visible in the current
                                 * version (main thread). */
    enum oftable_miss miss_config; /* Table-miss behaviour (__atomic). */

    /* Statistics, updated by translation (__atomic). */
    uint64_t n_matched;         /* Lookups that found a rule. */
    uint64_t n_missed;          /* Lookups that found none. */
};

/* Iterates TABLE over every table of OFPROTO. */
#define OFPROTO_FOR_EACH_TABLE(TABLE, OFPROTO)                  \
    for ((TABLE) = (OFPROTO)->tables;                           \
         (TABLE) < &(OFPROTO)->tables[(OFPROTO)->n_tables];     \
         (TABLE)++)

/* Returns the number of rules of 'table' (visible now). */
static inline unsigned int
oftable_count(const struct oftable *table)
{
    return table->n_flows;
}

/* Returns the version of 'ofproto''s tables that lookups must use now (any
 * thread). */
static inline ovs_version_t
ofproto_get_tables_version(const struct ofproto *ofproto)
{
    return __atomic_load_n(&ofproto->tables_version, __ATOMIC_ACQUIRE);
}

/* Lookups that providers use. */
struct ofproto *ofproto_lookup(const char *name);
struct ofport *ofproto_get_port(const struct ofproto *, ofp_port_t);

/* Called by a provider when a port's status may have changed, or when a
 * port disappeared from the datapath, so that ofproto.c refreshes (or
 * removes) the OpenFlow port named 'devname'. */
void ofproto_port_changed(struct ofproto *, const char *devname);

/* An ofproto provider. */
struct ofproto_class {
    /* ## ----------------- ## */
    /* ## Factory functions ## */
    /* ## ----------------- ## */

    /* Initializes the provider once at start-up.  'iface_hints' is as for
     * ofproto_init(). */
    void (*init)(const struct shash *iface_hints);

    /* Adds the datapath types the provider implements to 'types'. */
    void (*enumerate_types)(struct sset *types);

    /* Adds the names of existing datapaths of 'type' to 'names'.  Returns 0
     * or an errno. */
    int (*enumerate_names)(const char *type, struct sset *names);

    /* Deletes the datapath 'name' of 'type' which no ofproto has open.
     * Returns 0 or an errno. */
    int (*del)(const char *type, const char *name);

    /* Returns the netdev type to open for ports of 'port_type' on
     * 'datapath_type' (the caller does not free it). */
    const char *(*port_open_type)(const char *datapath_type,
                                  const char *port_type);

    /* ## ------------------------ ## */
    /* ## Top-level type functions ## */
    /* ## ------------------------ ## */

    /* Does the periodic work shared by every ofproto of 'type' (datapath
     * runs, port changes, upcall thread configuration, revalidation).
     * Returns 0 or an errno. */
    int (*type_run)(const char *type);

    /* Makes poll_block() wake when type_run() has work for 'type'. */
    void (*type_wait)(const char *type);

    /* Applies 'other_config' (the Open_vSwitch table's column, owned by
     * the caller) to the datapath shared by the ofprotos of 'type', if one
     * is open.  May be NULL if the provider has no such settings. */
    void (*type_set_config)(const char *type,
                            const struct smap *other_config);

    /* ## --------------------------- ## */
    /* ## Top-level ofproto functions ## */
    /* ## --------------------------- ## */

    /* Returns zeroed memory for the provider's ofproto (which embeds
     * "struct ofproto" as 'up'); dealloc() frees it. */
    struct ofproto *(*alloc)(void);

    /* Sets up the provider's part of 'ofproto', whose 'name', 'type',
     * 'ports', 'port_by_name', 'ofp_requests' and 'tables' ofproto.c set up
     * before.  Creates or opens the datapath and adds the local port (an
     * internal device named like the switch) to it; the provider reports
     * its OpenFlow port OFPP_LOCAL through port_query_by_name() and
     * ofproto.c installs it.  Returns 0 or an errno. */
    int (*construct)(struct ofproto *ofproto);

    /* Tears down what construct() set up.  ofproto.c removed every port
     * and rule first.  If 'del' is true the provider also removes the
     * switch's ports (including the local port) from the datapath. */
    void (*destruct)(struct ofproto *ofproto, bool del);

    /* Frees memory from alloc(). */
    void (*dealloc)(struct ofproto *ofproto);

    /* Does the periodic work of 'ofproto' (MAC aging, ...).  Returns 0 or
     * an errno. */
    int (*run)(struct ofproto *ofproto);

    /* Makes poll_block() wake when run() has work. */
    void (*wait)(struct ofproto *ofproto);

    /* Adds memory usage statistics to 'usage'.  Optional (may be
     * NULL). */
    void (*get_memory_usage)(const struct ofproto *ofproto,
                             struct simap *usage);
    void (*type_get_memory_usage)(const char *type, struct simap *usage);

    /* ## ---------------- ## */
    /* ## ofport functions ## */
    /* ## ---------------- ## */

    /* Life cycle of the provider's ofport (embeds "struct ofport" as 'up'):
     * alloc() returns zeroed memory; construct() runs after ofproto.c set
     * 'ofproto', 'netdev', 'ofp_port' and 'pp' and sets up the provider's
     * state (the datapath port exists already: port_add() or construct()
     * added it); destruct() undoes it ('del' true if the port is being
     * deleted from the datapath rather than the switch going away);
     * dealloc() frees the memory. */
    struct ofport *(*port_alloc)(void);
    int (*port_construct)(struct ofport *ofport);
    void (*port_destruct)(struct ofport *ofport, bool del);
    void (*port_dealloc)(struct ofport *ofport);

    /* Tells the provider that the netdev of 'ofport' changed (status,
     * address).  Optional. */
    void (*port_modified)(struct ofport *ofport);

    /* Tells the provider that OpenFlow port config changed from
     * 'old_config' to 'ofport->pp.config'.  Optional. */
    void (*port_reconfigured)(struct ofport *ofport,
                              uint32_t old_config);

    /* Looks up the datapath port named 'devname' that belongs to 'ofproto'
     * and fills in 'port' (name, type, and ofp_port: OFPP_LOCAL for the
     * local port, otherwise the number the provider remembers for it or
     * OFPP_NONE if ofproto.c must allocate one).  Returns 0, or ENODEV if
     * there is no such port.  The caller frees 'port' with
     * ofproto_port_destroy(). */
    int (*port_query_by_name)(const struct ofproto *ofproto,
                              const char *devname,
                              struct ofproto_port *port);

    /* Dumps the datapath ports that belong to 'ofproto' (the local port
     * included), each as port_query_by_name() would return it.
     * port_dump_start() stores the dump's state in '*statep'; each
     * port_dump_next() fills in 'port' (which the state owns until the next
     * call) and returns 0, or EOF at the end; port_dump_done() frees the
     * state.  All return 0 or an errno. */
    int (*port_dump_start)(const struct ofproto *ofproto, void **statep);
    int (*port_dump_next)(const struct ofproto *ofproto, void *state,
                          struct ofproto_port *port);
    int (*port_dump_done)(const struct ofproto *ofproto, void *state);

    /* Adds 'netdev' to the datapath of 'ofproto'.  Does not create the
     * ofport (ofproto.c does that next, through port_alloc/construct).
     * Returns 0 or an errno. */
    int (*port_add)(struct ofproto *ofproto, struct netdev *netdev);

    /* Removes the port with OpenFlow number 'ofp_port' from the datapath.
     * Returns 0 or an errno. */
    int (*port_del)(struct ofproto *ofproto, ofp_port_t ofp_port);

    /* Retrieves the statistics of 'ofport'.  Returns 0 or an errno;
     * optional (NULL means use the netdev's own statistics). */
    int (*port_get_stats)(const struct ofport *ofport,
                          struct netdev_stats *stats);

    /* ## ------------------- ## */
    /* ## Bundles, MAC table  ## */
    /* ## ------------------- ## */

    /* Creates or reconfigures the bundle 'aux' of 'ofproto' with 's' (see
     * ofproto_bundle_register()); s == NULL removes it.  Returns 0 or an
     * errno. */
    int (*bundle_set)(struct ofproto *ofproto, void *aux,
                      const struct ofproto_bundle_settings *s);

    /* Removes 'ofport' from the bundle it belongs to, if any (the port is
     * going away). */
    void (*bundle_remove)(struct ofport *ofport);

    /* Configures MAC learning (see ofproto_set_mac_table_config()). */
    void (*set_mac_table_config)(struct ofproto *ofproto,
                                 unsigned int idle_time,
                                 size_t max_entries);

    /* ## ------------- ## */
    /* ## Rules         ## */
    /* ## ------------- ## */

    /* Life cycle of the provider's rule (embeds "struct rule" as 'up'):
     *
     *   - alloc() returns zeroed memory;
     *   - construct() runs after ofproto.c filled in the generic members
     *     (and may refuse the rule's actions with an errno);
     *   - insert() runs after ofproto.c published the version in which the
     *     rule is visible.  'old_rule', if nonnull, is the rule it replaces
     *     (same match and priority: an "add" over an existing rule, or a
     *     modify flow mod); if 'forward_counts' is true the new rule takes
     *     over the old one's statistics.  The provider forces
     *     revalidation;
     *   - delete() runs after ofproto.c published the version in which the
     *     rule is no longer visible (not called for a replaced rule);
     *   - destruct() and dealloc() run when no thread can see it any more
     *     (after an RCU grace period). */
    struct rule *(*rule_alloc)(void);
    int (*rule_construct)(struct rule *rule);
    void (*rule_insert)(struct rule *rule, struct rule *old_rule,
                        bool forward_counts);
    void (*rule_delete)(struct rule *rule);
    void (*rule_destruct)(struct rule *rule);
    void (*rule_dealloc)(struct rule *rule);

    /* Retrieves the packet and byte counts of 'rule' and the time it last
     * matched a packet (time_msec(), 0 for never). */
    void (*rule_get_stats)(struct rule *rule, uint64_t *packets,
                           uint64_t *bytes, long long int *used);

    /* ## ------------- ## */
    /* ## OpenFlow      ## */
    /* ## ------------- ## */

    /* Executes the packet-out 'po' (its packet and actions; the input port
     * and metadata in 'po->flow_metadata') in 'ofproto'.  Returns 0 or an
     * OFPERR_*.  Optional (NULL: packet-outs fail with
     * OFPERR_OFPBRC_BAD_TYPE). */
    enum ofperr (*packet_out)(struct ofproto *ofproto,
                              const struct ofputil_packet_out *po);

    /* Resumes the paused pipeline that the NXT_RESUME 'pin' hands back
     * (its packet, metadata and continuation), as a packet-out would run
     * it.  Returns 0 or an OFPERR_*: OFPERR_NXR_STALE if the pipeline was
     * not paused in this bridge (see ofproto_get_uuid()), or in this one
     * before a restart.  Optional (NULL: NXT_RESUME fails with
     * OFPERR_NXR_NOT_SUPPORTED). */
    enum ofperr (*nxt_resume)(struct ofproto *ofproto,
                              const struct ofputil_packet_in_private *pin);

    /* Tells the provider that what table misses do changed: a table's
     * 'miss_config' or ofproto's 'packet_in_on_miss'.  The provider
     * revalidates its datapath flows.  Optional. */
    void (*table_miss_changed)(struct ofproto *ofproto);

    /* ## ------------- ## */
    /* ## Meters        ## */
    /* ## ------------- ## */

    /* Stores in '*features' what the provider's meters can do (all zeros
     * if it has none).  Optional: NULL means no meters. */
    void (*meter_get_features)(const struct ofproto *ofproto,
                               struct ofputil_meter_features *features);

    /* Creates a meter with 'config' (flags and bands, already checked
     * against the features) if '*id' is UINT32_MAX, storing the provider's
     * number for it in '*id', or changes meter '*id' to 'config' (which
     * resets its statistics).  Returns 0 or an OFPERR_* (e.g.
     * OFPERR_OFPMMFC_OUT_OF_METERS).  Optional with meter_get_features. */
    enum ofperr (*meter_set)(struct ofproto *ofproto, ofproto_meter_id *id,
                             struct ofputil_meter_config *config);

    /* Stores the counters of meter 'id' in 'stats': packet_in_count,
     * byte_in_count and the counters of up to 'stats->n_bands' bands in
     * the caller's array 'stats->bands' (setting 'stats->n_bands' to the
     * number filled in).  Returns 0 or an OFPERR_*. */
    enum ofperr (*meter_get)(const struct ofproto *ofproto,
                             ofproto_meter_id id,
                             struct ofputil_meter_stats *stats);

    /* Deletes meter 'id', which no rule uses any more. */
    void (*meter_del)(struct ofproto *ofproto, ofproto_meter_id id);
};

/* Deletes the 'n' rules of 'rules' (visible ones of 'ofproto', in the
 * current version) as one batch, sending flow removed messages with
 * 'reason' (OFPRR_*) for those that asked for them.  Takes
 * 'ofproto_mutex'. */
void ofproto_rules_delete(struct ofproto *ofproto, struct rule **rules,
                          size_t n, uint8_t reason);

/* The providers. */
extern const struct ofproto_class ofproto_dpif_class;

/* Registers an additional provider (ofproto_dpif_class is built in).
 * Returns 0 or EEXIST. */
int ofproto_class_register(const struct ofproto_class *);

#endif /* ofproto/ofproto-provider.h */
