/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_H
#define OFPROTO_H 1

/* The OpenFlow switch, as the bridge (vswitchd/bridge.c) sees it.
 *
 * An ofproto is one OpenFlow switch ("bridge"): it has a name, a datapath
 * type ("system", "netdev", "dummy"), OpenFlow ports numbered by
 * ofp_port_t, bundles (the database's Port rows: one or more OpenFlow
 * ports that act as one for MAC learning and VLANs) and OpenFlow tables.
 * The implementation behind it is an ofproto provider (ofproto-provider.h);
 * the only one is ofproto-dpif, which runs the switch on a datapath.
 *
 * Main loop: call ofproto_type_run() for every datapath type in use and
 * ofproto_run() for every ofproto, then the matching *_wait() functions,
 * then poll_block().
 *
 * Errors are positive errno values.  Nothing here is thread-safe: call it
 * from the main thread only. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofproto/connmgr.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/types.h"

struct netdev;
struct netdev_stats;
struct ofport;
struct smap;
struct ofproto;
struct shash;
struct simap;
struct smap;
struct sset;
struct bond_settings;
struct lacp_settings;
struct lacp_slave_settings;
struct match;
struct ofpact;
struct ofputil_flow_mod;
struct rule;

/* Defaults for the global tuning knobs (other_config of Open_vSwitch). */
#define OFPROTO_FLOW_LIMIT_DEFAULT 200000 /* Datapath flows, at most. */
#define OFPROTO_MAX_IDLE_DEFAULT 10000    /* Idle flow expiry, in ms. */

/* Module initialization and datapath types. */

/* Initializes the ofproto module.  'iface_hints' maps interface names to
 * "struct iface_hint"s (bridge name and datapath type each port is expected
 * to belong to), so that providers can keep ports that existed in the
 * datapath before a restart; may be NULL or empty.  The caller keeps
 * 'iface_hints'. */
void ofproto_init(const struct shash *iface_hints);

/* A hint passed to ofproto_init() for one interface. */
struct iface_hint {
    char *br_name;              /* Name of the bridge it belongs to. */
    char *br_type;              /* Datapath type of that bridge. */
    ofp_port_t ofp_port;        /* Requested OpenFlow port number. */
};

/* Adds to 'types' (which the caller initialized) every datapath type some
 * provider implements. */
void ofproto_enumerate_types(struct sset *types);

/* Returns the canonical form of datapath type 'type': "system" for NULL or
 * "", otherwise 'type' itself. */
const char *ofproto_normalize_type(const char *type);

/* Adds to 'names' the names of the existing datapaths of 'type'.  Returns 0
 * or an errno (EAFNOSUPPORT if no provider implements 'type'). */
int ofproto_enumerate_names(const char *type, struct sset *names);

/* Parses "TYPE@NAME" or "NAME" into '*dp_name' and '*dp_type' (the caller
 * frees both). */
void ofproto_parse_name(const char *name, char **dp_name, char **dp_type);

/* Does the periodic work of every ofproto of datapath type 'type' that is
 * shared between them (the datapath itself, upcall threads, port changes).
 * Returns 0 or an errno. */
int ofproto_type_run(const char *datapath_type);

/* Arranges for poll_block() to wake when ofproto_type_run() has work. */
void ofproto_type_wait(const char *datapath_type);

/* Passes the Open_vSwitch table's 'other_config' to the datapath of type
 * 'datapath_type' shared by the switches of that type (for the userspace
 * datapath: n-forwarding-threads, emc-insert-inv-prob...).  Does nothing
 * if no switch of that type exists yet. */
void ofproto_type_set_config(const char *datapath_type,
                             const struct smap *other_config);

/* Creates and destroys. */

/* Creates an OpenFlow switch named 'datapath_name' of type 'datapath_type'
 * (NULL or "" means "system") and stores it in '*ofprotop'.  Its local port
 * (OFPP_LOCAL) is an internal network device named 'datapath_name'.
 * Returns 0 or an errno (EEXIST if a switch of that name exists;
 * EAFNOSUPPORT if no provider implements the type); on error '*ofprotop'
 * is NULL. */
int ofproto_create(const char *datapath_name, const char *datapath_type,
                   struct ofproto **ofprotop);

/* Destroys 'ofproto' (NULL is allowed).  If 'del' is true, also removes
 * its ports from the datapath, so that nothing of the switch is left
 * behind; otherwise they stay for the next start. */
void ofproto_destroy(struct ofproto *ofproto, bool del);

/* Deletes the datapath-level remains of a switch named 'name' of type
 * 'type' that is not open (for example left by an earlier run).  Returns 0
 * or an errno. */
int ofproto_delete(const char *name, const char *type);

/* Does the periodic work of 'ofproto' (port status, MAC aging, rules).
 * Returns 0 or an errno. */
int ofproto_run(struct ofproto *ofproto);

/* Arranges for poll_block() to wake when ofproto_run() has work. */
void ofproto_wait(struct ofproto *ofproto);

/* Returns true if 'ofproto' has a live controller connection (always false
 * until controllers exist). */
bool ofproto_is_alive(const struct ofproto *ofproto);

/* Adds memory usage statistics of 'ofproto' ("ports", "rules", ...) and of
 * its datapath type to 'usage'. */
void ofproto_get_memory_usage(const struct ofproto *ofproto,
                              struct simap *usage);
void ofproto_type_get_memory_usage(const char *datapath_type,
                                   struct simap *usage);

/* Returns the name and datapath type of 'ofproto'. */
const char *ofproto_get_name(const struct ofproto *ofproto);
const char *ofproto_get_type(const struct ofproto *ofproto);
const struct uuid *ofproto_get_uuid(const struct ofproto *ofproto);

/* Ports. */

/* An OpenFlow port as ofproto_port_query_by_name() and port dumps return
 * it. */
struct ofproto_port {
    char *name;                 /* Network device name, e.g. "eth0". */
    char *type;                 /* Network device type, e.g. "system". */
    ofp_port_t ofp_port;        /* OpenFlow port number. */
};

/* Copies 'src' into 'dst' (which the caller later frees with
 * ofproto_port_destroy()). */
void ofproto_port_clone(struct ofproto_port *dst,
                        const struct ofproto_port *src);

/* Frees the members of 'port' (not 'port' itself).  NULL is allowed. */
void ofproto_port_destroy(struct ofproto_port *port);

/* A dump of the ports of an ofproto, in OpenFlow port number order. */
struct ofproto_port_dump {
    const struct ofproto *ofproto; /* The switch being dumped. */
    int error;                  /* 0 while dumping, EOF at the end. */
    void *state;                /* The dump's own state. */
};
void ofproto_port_dump_start(struct ofproto_port_dump *,
                             const struct ofproto *);
bool ofproto_port_dump_next(struct ofproto_port_dump *,
                            struct ofproto_port *);
int ofproto_port_dump_done(struct ofproto_port_dump *);

/* Iterates over every port of OFPROTO, setting OFPROTO_PORT to each in
 * turn.  OFPROTO_PORT belongs to the dump (clone it to keep it).  Ports may
 * be added or deleted while iterating. */
#define OFPROTO_PORT_FOR_EACH(OFPROTO_PORT, DUMP, OFPROTO)  \
    for (ofproto_port_dump_start(DUMP, OFPROTO);            \
         (ofproto_port_dump_next(DUMP, OFPROTO_PORT)        \
          ? true                                            \
          : (ofproto_port_dump_done(DUMP), false));         \
        )

/* Returns the netdev type to open for a port of type 'port_type' ("" and
 * NULL mean "system") on 'datapath_type' (e.g. "internal" is "tap" on the
 * "netdev" datapath).  The caller does not free the result. */
const char *ofproto_port_open_type(const char *datapath_type,
                                   const char *port_type);

/* Adds 'netdev' (the caller keeps its reference; the ofproto takes one of
 * its own) to 'ofproto' as an OpenFlow port.  On input, '*ofp_portp' is the
 * requested OpenFlow port number (ofport_request) or OFPP_NONE to let
 * ofproto choose (as upstream: counting up from 1, numbers that were
 * freed are reused only once no fresh ones remain); a request for a number
 * in use is treated as OFPP_NONE.  On success it is the number assigned.
 * Adding a device that is already a port of 'ofproto' refreshes it and
 * returns its number.  Returns 0 or an errno (EBUSY if the device is a port
 * of another switch). */
int ofproto_port_add(struct ofproto *ofproto, struct netdev *netdev,
                     ofp_port_t *ofp_portp);

/* Tells 'ofproto' that its configuration took its local port as a port (the
 * bridge's interface named as the bridge): ports added later are listed
 * after it, as in upstream's switch. */
void ofproto_local_port_added(struct ofproto *ofproto);

/* Removes OpenFlow port 'ofp_port' from 'ofproto' and from the datapath.
 * Returns 0 or an errno (ENODEV if there is no such port). */
int ofproto_port_del(struct ofproto *ofproto, ofp_port_t ofp_port);

/* Looks up the port named 'devname' in 'ofproto'; on success fills in
 * '*port' (the caller frees it with ofproto_port_destroy()) and returns 0,
 * otherwise returns ENODEV and zeroes '*port'. */
int ofproto_port_query_by_name(const struct ofproto *ofproto,
                               const char *devname,
                               struct ofproto_port *port);

/* Retrieves the statistics of 'port' (including what the datapath counted
 * for it).  Returns 0 or an errno. */
int ofproto_port_get_stats(const struct ofport *port,
                           struct netdev_stats *stats);

/* Returns the OpenFlow port number of the port named 'devname' in
 * 'ofproto', or OFPP_NONE. */
ofp_port_t ofproto_port_get_ofp_port(const struct ofproto *ofproto,
                                     const char *devname);

/* Switch-wide configuration. */

/* Sets and returns the OpenFlow datapath ID of 'ofproto' (the low 48 bits
 * are usually the local port's MAC). */
void ofproto_set_datapath_id(struct ofproto *ofproto, uint64_t datapath_id);
uint64_t ofproto_get_datapath_id(const struct ofproto *ofproto);

/* Configures the MAC learning table of 'ofproto': entries expire after
 * 'idle_time' seconds without traffic; the table holds at most
 * 'max_entries' entries. */
void ofproto_set_mac_table_config(struct ofproto *ofproto,
                                  unsigned idle_time, size_t max_entries);

/* Global knobs for every switch: the datapath flow limit
 * (other_config:flow-limit), the idle time after which datapath flows are
 * removed in ms (other_config:max-idle), and the number of upcall handler
 * and revalidator threads (0 means choose from the number of cores). */
void ofproto_set_flow_limit(unsigned limit);
void ofproto_set_max_idle(unsigned max_idle);
void ofproto_set_threads(int n_handlers, int n_revalidators);

/* Bundles (the database's Port rows). */

/* How a bundle treats 802.1Q VLAN tags (Port's vlan_mode column). */
enum port_vlan_mode {
    /* Untagged packets only, which belong to VLAN 'vlan'; tagged packets
     * received are dropped, packets sent are untagged. */
    PORT_VLAN_ACCESS,

    /* Tagged packets only, in the VLANs of 'trunks' (all if NULL);
     * untagged packets belong to VLAN 0. */
    PORT_VLAN_TRUNK,

    /* Untagged packets belong to VLAN 'vlan' (the native VLAN); packets
     * sent in it are tagged. */
    PORT_VLAN_NATIVE_TAGGED,

    /* As PORT_VLAN_NATIVE_TAGGED, but packets sent in the native VLAN are
     * untagged. */
    PORT_VLAN_NATIVE_UNTAGGED,

    /* 802.1ad: every packet received gets an outer tag of VLAN 'vlan';
     * 'cvlans' restricts the inner (customer) VLANs. */
    PORT_VLAN_DOT1Q_TUNNEL
};

/* When a bundle sends priority-tagged frames (802.1Q header with VLAN 0
 * that carries only the PCP) instead of untagged ones: the Port's
 * other_config:priority-tags. */
enum port_priority_tags_mode {
    PORT_PRIORITY_TAGS_NEVER = 0,   /* Never ("never", "false", default). */
    PORT_PRIORITY_TAGS_IF_NONZERO,  /* If the PCP is nonzero ("if-nonzero",
                                     * "true"). */
    PORT_PRIORITY_TAGS_ALWAYS,      /* "always": as upstream 3.1's NORMAL
                                     * does, which priority-tags the same
                                     * frames as "if-nonzero". */
};

/* The configuration of one bundle. */
struct ofproto_bundle_settings {
    char *name;                 /* Bundle name, e.g. the Port's name. */
    ofp_port_t *slaves;         /* The bundle's OpenFlow ports. */
    size_t n_slaves;            /* Number of elements in 'slaves'. */

    enum port_vlan_mode vlan_mode; /* How VLAN tags are treated. */
    uint16_t qinq_ethtype;      /* Outer tag's TPID for dot1q-tunnel, in
                                 * host byte order (0x88a8 or 0x8100). */
    int vlan;                   /* VLAN (0...4095) for access, native and
                                 * dot1q-tunnel modes; -1 if none. */
    unsigned long *trunks;      /* Bitmap of 4096 bits: the trunked VLANs;
                                 * NULL means all.  Caller owns it. */
    unsigned long *cvlans;      /* Bitmap of 4096 bits: customer VLANs of a
                                 * dot1q-tunnel; NULL means all. */
    enum port_priority_tags_mode use_priority_tags; /* When to send
                                 * priority-tagged (VLAN 0) frames. */
    bool protected;             /* Protected port mode: no forwarding
                                 * between protected bundles. */

    struct bond_settings *bond; /* Bonding, NULL if not a bond (not yet
                                 * supported: must be NULL). */
    struct lacp_settings *lacp; /* LACP, NULL if none (not yet supported:
                                 * must be NULL). */
    struct lacp_slave_settings *lacp_slaves; /* One per slave, or NULL. */
};

/* Creates or reconfigures the bundle identified by 'aux' (an opaque
 * pointer, usually the bridge's "struct port") in 'ofproto' with the
 * settings 's'.  The ports named in 's->slaves' must already be OpenFlow
 * ports of 'ofproto'; a port belongs to at most one bundle, so it moves
 * from any other bundle.  The caller keeps 's'.  Returns 0 or an errno. */
int ofproto_bundle_register(struct ofproto *ofproto, void *aux,
                            const struct ofproto_bundle_settings *s);

/* Removes the bundle identified by 'aux' from 'ofproto', if any.  Its
 * ports stay OpenFlow ports, with no bundle.  Returns 0. */
int ofproto_bundle_unregister(struct ofproto *ofproto, void *aux);

/* OpenFlow flows.
 *
 * Every change below is one batch: it becomes visible to translation all
 * at once (see struct rule in ofproto-provider.h), and a batch that fails
 * changes nothing. */

/* Applies the flow mod 'fm' (add, modify, modify-strict, delete,
 * delete-strict, with cookies, out_port, out_group, check-overlap,
 * reset-counts, timeouts; table_id 0xff means every table for modify and
 * delete and table 0 for add), as a controller's OFPT_FLOW_MOD would.
 * The caller keeps 'fm'.  Returns 0 or an OFPERR_* (e.g.
 * OFPERR_OFPFMFC_OVERLAP, OFPERR_OFPBRC_BAD_TABLE_ID,
 * OFPERR_OFPFMFC_TABLE_FULL). */
enum ofperr ofproto_flow_mod(struct ofproto *,
                             const struct ofputil_flow_mod *);

/* Applies the 'n_fms' flow mods of 'fms' in order as one batch: all of
 * them, visible at once, or, if one fails, none.  Returns 0 or the error
 * of the first one that failed. */
enum ofperr ofproto_flow_mod_batch(struct ofproto *,
                                   const struct ofputil_flow_mod *fms,
                                   size_t n_fms);

/* Adds a flow to table 0 of 'ofproto' that matches 'match' at 'priority'
 * and executes the 'ofpacts_len' bytes of actions 'ofpacts', replacing a
 * flow with the same match and priority if its actions differ (keeping
 * its counters).  The flow may be added to a read-only table.  For
 * in-band control, fail-open and the like; the caller keeps its
 * arguments. */
void ofproto_add_flow(struct ofproto *, const struct match *, int priority,
                      const struct ofpact *ofpacts, size_t ofpacts_len);

/* Deletes the flow of table 0 of 'ofproto' whose match is exactly
 * 'target' and whose priority is 'priority', if any. */
void ofproto_delete_flow(struct ofproto *, const struct match *target,
                         int priority);

/* Deletes every flow of every table of 'ofproto' that is not hidden. */
void ofproto_flush_flows(struct ofproto *);

/* Stores in '*rulesp' a malloc()ed array of the rules of table 'table_id'
 * of 'ofproto' (every table but the hidden one, 254, if 'table_id' is
 * 0xff, as OpenFlow's "all tables"), in no particular
 * order, and returns how many there are.  The rules stay valid until the
 * caller changes the tables. */
size_t ofproto_collect_rules(struct ofproto *, uint8_t table_id,
                             struct rule ***rulesp);

/* Stores the match of 'rule' in '*match'. */
void ofproto_rule_get_match(const struct rule *, struct match *);

/* Returns true if 'rule' matches at least what 'criteria' matches: every
 * bit that 'criteria' matches, 'rule' matches with the same value (the
 * rules that a non-strict flow mod or stats request selects). */
bool ofproto_rule_is_loose_match(const struct rule *,
                                 const struct match *criteria);

/* OpenFlow controllers (see connmgr.h). */

/* Replaces the controllers and passive services of 'ofproto' by those of
 * 'controllers', a shash of "struct ofproto_controller"s by target (the
 * caller keeps it).  The management socket is always there. */
void ofproto_set_controllers(struct ofproto *, const struct shash *);

/* Sets what 'ofproto' does without a connected controller. */
void ofproto_set_fail_mode(struct ofproto *, enum ofproto_fail_mode);

/* Fills 'info' (an initialized shash) with "struct
 * ofproto_controller_info"s by target; free with
 * ofproto_free_controller_info(). */
void ofproto_get_controller_info(const struct ofproto *, struct shash *info);
void ofproto_free_controller_info(struct shash *info);

/* Makes every controller connection of 'ofproto' reconnect. */
void ofproto_reconnect_controllers(struct ofproto *);

/* Sends the packet-in 'am' to the controllers that want it (main thread;
 * the caller keeps 'am'). */
void ofproto_send_async_msg(struct ofproto *,
                            const struct ofproto_async_msg *am);

#endif /* ofproto/ofproto.h */
