/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The bridge: reconciles the switches with the Open_vSwitch database.
 *
 * Every time the database replica changes, bridge_reconfigure() walks the
 * configuration and brings the running state in line with it:
 *
 *   - one "struct bridge" and one ofproto per Bridge row;
 *   - one "struct port" (an ofproto bundle) per Port row;
 *   - one "struct iface" (a network device, added to the ofproto as an
 *     OpenFlow port) per Interface row.
 *
 * Anything that fails for one interface (a device that does not exist, a
 * bad option) is recorded in that Interface's "error" column, with ofport
 * -1, and the rest of the switch keeps working.
 *
 * What the switch knows goes back to the database: Interface status and
 * statistics, Bridge datapath_id, and Open_vSwitch cur_cfg, set to next_cfg
 * once a configuration is applied, which is what "ovs-vsctl" waits for. */

#include <config.h>

#include "bridge.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "daemon.h"
#include "dirs.h"
#include "dpctl.h"
#include "hash.h"
#include "netdev.h"
#include "ofproto/bundles.h"
#include "ofproto/mac-learning.h"
#include "ofproto/ofproto.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovsdb-idl.h"
#include "packets.h"
#include "poll-loop.h"
#include "seq.h"
#include "simap.h"
#include "smap.h"
#include "sset.h"
#include "timeval.h"
#include "unixctl.h"
#include "vswitch-idl.h"

VLOG_DEFINE_THIS_MODULE(bridge);

COVERAGE_DEFINE(bridge_reconfigure);

/* One Interface row: a network device and its OpenFlow port. */
struct iface {
    struct hmap_node name_node; /* In struct bridge's 'ifaces', by name. */
    struct ovs_list port_elem;  /* In struct port's 'ifaces'. */
    struct port *port;          /* The port it belongs to. */
    char *name;                 /* Interface name. */
    char *type;                 /* Interface type, "" for a system one. */
    int64_t ofport_request;     /* Requested OpenFlow port, or -1. */
    const struct ovsrec_interface *cfg; /* The database row. */
    struct netdev *netdev;      /* The device, NULL if it failed. */
    ofp_port_t ofp_port;        /* OpenFlow port, OFPP_NONE if none. */
    char *error;                /* Why it failed, NULL if it did not. */
};

/* One Port row: a bundle of interfaces. */
struct port {
    struct hmap_node node;      /* In struct bridge's 'ports', by name. */
    struct bridge *bridge;      /* The bridge it belongs to. */
    char *name;                 /* Port name. */
    const struct ovsrec_port *cfg; /* The database row. */
    struct ovs_list ifaces;     /* "struct iface"s, in database order. */
    bool registered;            /* Registered as an ofproto bundle? */
};

/* One Bridge row: an OpenFlow switch. */
struct bridge {
    struct hmap_node node;      /* In 'all_bridges', by name. */
    char *name;                 /* Bridge name. */
    char *type;                 /* Datapath type, normalized. */
    const struct ovsrec_bridge *cfg; /* The database row. */
    struct ofproto *ofproto;    /* The switch. */
    struct hmap ports;          /* "struct port"s by name. */
    struct hmap ifaces;         /* "struct iface"s by name. */
    struct eth_addr default_ea; /* Random MAC used when no better one. */
    struct eth_addr ea;         /* The bridge's MAC address. */
    uint64_t datapath_id;       /* OpenFlow datapath ID. */
    char *ctl_status;           /* Controller status last written (see
                                 * controller_status_signature()). */
};

/* Every bridge, by name. */
static struct hmap all_bridges = HMAP_INITIALIZER(&all_bridges);

/* The database connection. */
static struct ovsdb_idl *idl;
static unsigned int idl_seqno;  /* IDL seqno at the last reconfiguration. */
static bool reconfigure_pending; /* Reconfigure even if the seqno is
                                  * unchanged (an interface vanished). */
static bool ofproto_initialized; /* ofproto_init() called? */
static bool initial_config_done; /* First configuration applied? */

/* Status written back to the database. */
static struct ovsdb_idl_txn *daemonize_txn; /* The first commit, watched
                                              * so we detach once it is
                                              * done. */
static struct ovsdb_idl_txn *status_txn; /* Status commit in flight. */
static bool status_dirty;       /* Status columns need a refresh. */
static uint64_t netdev_seq;     /* netdev_global_change_seq() last read. */
static long long int stats_timer; /* When to refresh statistics next. */
static int stats_interval = 5000; /* Statistics refresh interval, in ms. */
static int64_t applied_cfg = -1; /* next_cfg of the last applied
                                  * configuration, -1 if none. */

/* Datapath types disabled by bridge_disallow_datapath_type(). */
static struct sset disallowed_types = SSET_INITIALIZER(&disallowed_types);

static void bridge_reconfigure(const struct ovsrec_open_vswitch *);
static void bridge_destroy(struct bridge *, bool del);
static struct bridge *bridge_lookup(const char *name);
static void port_destroy(struct port *);
static void iface_destroy(struct iface *);
static bool bridge_check_ports(void);
static void write_status(const struct ovsrec_open_vswitch *, bool stats);
static unixctl_cb_func bridge_unixctl_reconnect;

/* Initialization. */

void
bridge_init(const char *remote)
{
    idl = ovsdb_idl_create(remote, &ovsrec_idl_class, true, true);
    idl_seqno = ovsdb_idl_get_seqno(idl);
    ovsdb_idl_set_lock(idl, "ovs_vswitchd");
    ovsdb_idl_verify_write_only(idl);

    /* Columns that we write: their changes must not trigger a
     * reconfiguration. */
    ovsdb_idl_omit_alert(idl, &ovsrec_open_vswitch_col_cur_cfg);
    ovsdb_idl_omit_alert(idl, &ovsrec_open_vswitch_col_statistics);
    ovsdb_idl_omit_alert(idl, &ovsrec_open_vswitch_col_datapath_types);
    ovsdb_idl_omit_alert(idl, &ovsrec_open_vswitch_col_iface_types);
    ovsdb_idl_omit_alert(idl, &ovsrec_open_vswitch_col_dpdk_initialized);
    ovsdb_idl_omit_alert(idl, &ovsrec_open_vswitch_col_dpdk_version);
    ovsdb_idl_omit(idl, &ovsrec_open_vswitch_col_external_ids);
    ovsdb_idl_omit(idl, &ovsrec_open_vswitch_col_ovs_version);
    ovsdb_idl_omit(idl, &ovsrec_open_vswitch_col_db_version);
    ovsdb_idl_omit(idl, &ovsrec_open_vswitch_col_system_type);
    ovsdb_idl_omit(idl, &ovsrec_open_vswitch_col_system_version);

    ovsdb_idl_omit_alert(idl, &ovsrec_bridge_col_datapath_id);
    ovsdb_idl_omit_alert(idl, &ovsrec_bridge_col_datapath_version);
    ovsdb_idl_omit_alert(idl, &ovsrec_bridge_col_status);
    ovsdb_idl_omit(idl, &ovsrec_bridge_col_external_ids);

    ovsdb_idl_omit_alert(idl, &ovsrec_port_col_status);
    ovsdb_idl_omit_alert(idl, &ovsrec_port_col_statistics);
    ovsdb_idl_omit(idl, &ovsrec_port_col_external_ids);

    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_admin_state);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_duplex);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_link_speed);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_link_state);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_link_resets);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_mac_in_use);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_ifindex);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_mtu);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_ofport);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_statistics);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_status);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_error);
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_lacp_current);
    ovsdb_idl_omit(idl, &ovsrec_interface_col_external_ids);

    ovsdb_idl_omit_alert(idl, &ovsrec_controller_col_is_connected);
    ovsdb_idl_omit_alert(idl, &ovsrec_controller_col_role);
    ovsdb_idl_omit_alert(idl, &ovsrec_controller_col_status);
    ovsdb_idl_omit(idl, &ovsrec_controller_col_external_ids);

    unixctl_command_register("bridge/reconnect", "[bridge]", 0, 1,
                             bridge_unixctl_reconnect, NULL);
    dpctl_unixctl_register();
    netdev_seq = seq_read(netdev_global_change_seq());
}

void
bridge_disallow_datapath_type(const char *type)
{
    sset_add(&disallowed_types, type);
}

void
bridge_exit(bool delete_datapath)
{
    struct bridge *br;

    if (status_txn) {
        ovsdb_idl_txn_destroy(status_txn);
        status_txn = NULL;
    }
    if (daemonize_txn) {
        ovsdb_idl_txn_destroy(daemonize_txn);
        daemonize_txn = NULL;
    }
    HMAP_FOR_EACH_SAFE (br, node, &all_bridges) {
        bridge_destroy(br, delete_datapath);
    }
    hmap_destroy(&all_bridges);
    sset_destroy(&disallowed_types);

    /* Read what the server sent last, so that closing the connection does
     * not reset it (which the server would log as an error). */
    ovsdb_idl_run(idl);
    ovsdb_idl_destroy(idl);
    idl = NULL;
}

/* Calls ofproto_init() with hints about the interfaces that 'cfg' puts in
 * each bridge, so that a datapath left by an earlier run keeps its ports. */
static void
bridge_init_ofproto(const struct ovsrec_open_vswitch *cfg)
{
    struct shash iface_hints = SHASH_INITIALIZER(&iface_hints);

    for (size_t i = 0; cfg && i < cfg->n_bridges; i++) {
        const struct ovsrec_bridge *br_cfg = cfg->bridges[i];

        for (size_t j = 0; j < br_cfg->n_ports; j++) {
            const struct ovsrec_port *port_cfg = br_cfg->ports[j];

            for (size_t k = 0; k < port_cfg->n_interfaces; k++) {
                const struct ovsrec_interface *if_cfg
                    = port_cfg->interfaces[k];
                struct iface_hint *hint = xmalloc(sizeof *hint);

                hint->br_name = br_cfg->name;
                hint->br_type = CONST_CAST(char *, ofproto_normalize_type(
                                               br_cfg->datapath_type));
                /* As upstream: the requested port number, else the one
                 * the interface had before (kept in the database), so
                 * that ports already in a kernel datapath keep their
                 * numbers across restarts. */
                hint->ofp_port = (if_cfg->n_ofport_request
                                  ? u16_to_ofp(*if_cfg->ofport_request)
                                  : (if_cfg->n_ofport && *if_cfg->ofport >= 1
                                     && *if_cfg->ofport < ofp_to_u16(OFPP_MAX))
                                  ? u16_to_ofp(*if_cfg->ofport)
                                  : OFPP_NONE);
                if (!shash_add_once(&iface_hints, if_cfg->name, hint)) {
                    free(hint);
                }
            }
        }
    }
    ofproto_init(&iface_hints);
    shash_destroy_free_data(&iface_hints);
    ofproto_initialized = true;
}

/* Global configuration. */

/* Applies the Open_vSwitch table's other_config knobs. */
static void
bridge_configure_global(const struct ovsrec_open_vswitch *cfg)
{
    const struct smap *oc = &cfg->other_config;

    ofproto_set_flow_limit(smap_get_uint(oc, "flow-limit",
                                         OFPROTO_FLOW_LIMIT_DEFAULT));
    ofproto_set_max_idle(smap_get_uint(oc, "max-idle",
                                       OFPROTO_MAX_IDLE_DEFAULT));
    ofproto_set_threads(smap_get_int(oc, "n-handler-threads", 0),
                        smap_get_int(oc, "n-revalidator-threads", 0));
    ofp_bundle_set_idle_timeout(smap_get_uint(oc, "bundle-idle-timeout",
                                              10));

    stats_interval = MAX(5000, smap_get_int(oc, "stats-update-interval",
                                            5000));
}

/* Interfaces. */

/* Returns the netdev type to open for interface 'if_cfg' of 'br'. */
static const char *
iface_open_type(const struct bridge *br, const char *type)
{
    return ofproto_port_open_type(br->type, type);
}

/* Returns the database type of 'if_cfg', with "" for "system". */
static const char *
iface_cfg_type(const struct ovsrec_interface *if_cfg)
{
    return (if_cfg->type && strcmp(if_cfg->type, "system")
            ? if_cfg->type : "");
}

/* Returns the requested OpenFlow port of 'if_cfg', or -1. */
static int64_t
iface_cfg_ofport_request(const struct ovsrec_interface *if_cfg)
{
    if (if_cfg->n_ofport_request) {
        int64_t req = *if_cfg->ofport_request;

        if (req >= 1 && req < ofp_to_u16(OFPP_MAX)) {
            return req;
        }
    }
    return -1;
}

/* Records 'error' (consumed) as the reason why 'iface' failed, and logs it
 * as upstream does. */
static void
iface_set_error(struct iface *iface, char *error)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

    VLOG_WARN_RL(&rl, "%s", error);
    free(iface->error);
    iface->error = error;
}

/* Applies the Interface's mtu_request, if any, to 'iface''s device. */
static void
iface_configure_mtu(struct iface *iface)
{
    const struct ovsrec_interface *if_cfg = iface->cfg;
    int mtu, cur_mtu;
    int error;

    if (!iface->netdev || !if_cfg->n_mtu_request
        || *if_cfg->mtu_request <= 0) {
        return;
    }
    mtu = *if_cfg->mtu_request;
    if (!netdev_get_mtu(iface->netdev, &cur_mtu) && cur_mtu == mtu) {
        return;
    }
    error = netdev_set_mtu(iface->netdev, mtu);
    if (error && error != EOPNOTSUPP) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

        VLOG_WARN_RL(&rl, "failed to set MTU %d on %s (%s)",
                     mtu, iface->name, ovs_strerror(error));
    }
}

/* Opens the network device of 'iface' and adds it to its bridge's ofproto.
 * On failure, records the error in 'iface'. */
static void
iface_do_create(struct iface *iface)
{
    struct bridge *br = iface->port->bridge;
    const struct ovsrec_interface *if_cfg = iface->cfg;
    bool local = !strcmp(iface->name, br->name);
    const char *type = local && !*iface->type ? "internal" : iface->type;
    struct ofproto_port ofproto_port;
    char *err_msg = NULL;
    int error;

    free(iface->error);
    iface->error = NULL;

    error = netdev_open(iface->name, iface_open_type(br, type),
                        &iface->netdev);
    if (error) {
        iface_set_error(iface, xasprintf("could not open network device %s "
                                         "(%s)", iface->name,
                                         ovs_strerror(error)));
        iface->netdev = NULL;
        return;
    }

    error = netdev_set_config(iface->netdev, &if_cfg->options, &err_msg);
    if (error) {
        iface_set_error(iface, (err_msg
                                ? err_msg
                                : xasprintf("could not configure network "
                                            "device %s (%s)", iface->name,
                                            ovs_strerror(error))));
        netdev_close(iface->netdev);
        iface->netdev = NULL;
        return;
    }
    free(err_msg);

    iface_configure_mtu(iface);

    if (!ofproto_port_query_by_name(br->ofproto, iface->name,
                                    &ofproto_port)) {
        /* The port is there already: the bridge's local port, or one left
         * in a persistent datapath by an earlier run. */
        iface->ofp_port = ofproto_port.ofp_port;
        if (iface->ofp_port == OFPP_LOCAL) {
            ofproto_local_port_added(br->ofproto);
        }
        ofproto_port_destroy(&ofproto_port);
    } else {
        /* As upstream: the requested port number, else the one the
         * interface had before (kept in the database across restarts),
         * else any. */
        ofp_port_t ofp_port = OFPP_NONE;
        bool previous = false;

        if (iface->ofport_request > 0) {
            ofp_port = u16_to_ofp(iface->ofport_request);
        } else if (if_cfg->n_ofport && *if_cfg->ofport >= 1
                   && *if_cfg->ofport < ofp_to_u16(OFPP_MAX)) {
            ofp_port = u16_to_ofp(*if_cfg->ofport);
            previous = true;
        }

        error = ofproto_port_add(br->ofproto, iface->netdev, &ofp_port);
        if (error && previous) {
            /* The old number is taken now: take another. */
            ofp_port = OFPP_NONE;
            error = ofproto_port_add(br->ofproto, iface->netdev, &ofp_port);
        }
        if (error) {
            iface_set_error(iface,
                            xasprintf("could not add network device %s to "
                                      "ofproto (%s)", iface->name,
                                      ovs_strerror(error)));
            netdev_close(iface->netdev);
            iface->netdev = NULL;
            return;
        }
        iface->ofp_port = ofp_port;
    }
    VLOG_INFO("bridge %s: added interface %s on port %"PRIu16,
              br->name, iface->name, ofp_to_u16(iface->ofp_port));
}

/* Creates the interface of 'if_cfg' in 'port'. */
static struct iface *
iface_create(struct port *port, const struct ovsrec_interface *if_cfg)
{
    struct bridge *br = port->bridge;
    struct iface *iface = xzalloc(sizeof *iface);

    iface->port = port;
    iface->name = xstrdup(if_cfg->name);
    iface->type = xstrdup(iface_cfg_type(if_cfg));
    iface->ofport_request = iface_cfg_ofport_request(if_cfg);
    iface->cfg = if_cfg;
    iface->ofp_port = OFPP_NONE;
    hmap_insert(&br->ifaces, &iface->name_node, hash_string(iface->name, 0));
    ovs_list_push_back(&port->ifaces, &iface->port_elem);

    iface_do_create(iface);
    return iface;
}

/* Removes 'iface' from its ofproto and frees it. */
static void
iface_destroy(struct iface *iface)
{
    struct bridge *br = iface->port->bridge;

    if (iface->ofp_port != OFPP_NONE) {
        if (iface->ofp_port != OFPP_LOCAL && br->ofproto) {
            int error = ofproto_port_del(br->ofproto, iface->ofp_port);
            if (error && error != ENODEV) {
                VLOG_WARN("bridge %s: failed to remove %s interface (%s)",
                          br->name, iface->name, ovs_strerror(error));
            }
        }
        VLOG_INFO("bridge %s: deleted interface %s on port %"PRIu16,
                  br->name, iface->name, ofp_to_u16(iface->ofp_port));
    }
    netdev_close(iface->netdev);
    hmap_remove(&br->ifaces, &iface->name_node);
    ovs_list_remove(&iface->port_elem);
    free(iface->name);
    free(iface->type);
    free(iface->error);
    free(iface);
}

/* Returns the interface named 'name' in 'br', or NULL. */
static struct iface *
iface_lookup(const struct bridge *br, const char *name)
{
    struct iface *iface;

    HMAP_FOR_EACH_WITH_HASH (iface, name_node, hash_string(name, 0),
                             &br->ifaces) {
        if (!strcmp(iface->name, name)) {
            return iface;
        }
    }
    return NULL;
}

/* Ports. */

/* Returns the port named 'name' in 'br', or NULL. */
static struct port *
port_lookup(const struct bridge *br, const char *name)
{
    struct port *port;

    HMAP_FOR_EACH_WITH_HASH (port, node, hash_string(name, 0), &br->ports) {
        if (!strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

/* Creates an empty port for 'port_cfg' in 'br'. */
static struct port *
port_create(struct bridge *br, const struct ovsrec_port *port_cfg)
{
    struct port *port = xzalloc(sizeof *port);

    port->bridge = br;
    port->name = xstrdup(port_cfg->name);
    port->cfg = port_cfg;
    ovs_list_init(&port->ifaces);
    hmap_insert(&br->ports, &port->node, hash_string(port->name, 0));
    return port;
}

/* Destroys 'port', its bundle and its interfaces. */
static void
port_destroy(struct port *port)
{
    struct bridge *br = port->bridge;
    struct iface *iface;

    if (port->registered && br->ofproto) {
        ofproto_bundle_unregister(br->ofproto, port);
    }
    LIST_FOR_EACH_SAFE (iface, port_elem, &port->ifaces) {
        iface_destroy(iface);
    }
    hmap_remove(&br->ports, &port->node);
    free(port->name);
    free(port);
}

/* Allocates a bitmap of 4096 VLANs with the VLANs of 'port_cfg''s trunks
 * column set, or returns NULL if the column is empty (all VLANs). */
static unsigned long *
port_trunks_bitmap(const struct ovsrec_port *port_cfg)
{
    size_t n_longs = 4096 / (CHAR_BIT * sizeof(unsigned long));
    unsigned long *bitmap;
    size_t n = 0;

    if (!port_cfg->n_trunks) {
        return NULL;
    }
    bitmap = xcalloc(n_longs, sizeof *bitmap);
    for (size_t i = 0; i < port_cfg->n_trunks; i++) {
        int64_t vid = port_cfg->trunks[i];

        if (vid >= 0 && vid < 4096) {
            bitmap[vid / (CHAR_BIT * sizeof(unsigned long))]
                |= 1UL << (vid % (CHAR_BIT * sizeof(unsigned long)));
            n++;
        }
    }
    if (!n) {
        free(bitmap);
        return NULL;
    }
    return bitmap;
}

/* Registers 'port' as an ofproto bundle with its VLAN configuration, or
 * unregisters it if none of its interfaces is an OpenFlow port. */
static void
port_configure(struct port *port)
{
    const struct ovsrec_port *cfg = port->cfg;
    struct bridge *br = port->bridge;
    struct ofproto_bundle_settings s;
    struct iface *iface;
    ofp_port_t *slaves;
    size_t n_slaves = 0;

    slaves = xmalloc(ovs_list_size(&port->ifaces) * sizeof *slaves + 1);
    LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
        if (iface->ofp_port != OFPP_NONE) {
            slaves[n_slaves++] = iface->ofp_port;
        }
    }
    if (!n_slaves) {
        if (port->registered) {
            ofproto_bundle_unregister(br->ofproto, port);
            port->registered = false;
        }
        free(slaves);
        return;
    }
    if (n_slaves > 1) {
        /* Bonds are not supported yet: the first member carries the
         * port. */
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

        VLOG_WARN_RL(&rl, "port %s: bonding is not supported; using only "
                     "interface %s", port->name,
                     CONTAINER_OF(ovs_list_front(&port->ifaces),
                                  struct iface, port_elem)->name);
        n_slaves = 1;
    }

    memset(&s, 0, sizeof s);
    s.name = port->name;
    s.slaves = slaves;
    s.n_slaves = n_slaves;
    s.qinq_ethtype = 0x88a8;

    /* VLAN tag. */
    s.vlan = -1;
    if (cfg->n_tag == 1 && *cfg->tag >= 0 && *cfg->tag <= 4095) {
        s.vlan = *cfg->tag;
    }

    /* VLAN mode: as upstream, an unset mode means "access" with a tag and
     * "trunk" without one. */
    if (cfg->vlan_mode) {
        if (!strcmp(cfg->vlan_mode, "access")) {
            s.vlan_mode = PORT_VLAN_ACCESS;
        } else if (!strcmp(cfg->vlan_mode, "trunk")) {
            s.vlan_mode = PORT_VLAN_TRUNK;
        } else if (!strcmp(cfg->vlan_mode, "native-tagged")) {
            s.vlan_mode = PORT_VLAN_NATIVE_TAGGED;
        } else if (!strcmp(cfg->vlan_mode, "native-untagged")) {
            s.vlan_mode = PORT_VLAN_NATIVE_UNTAGGED;
        } else if (!strcmp(cfg->vlan_mode, "dot1q-tunnel")) {
            s.vlan_mode = PORT_VLAN_DOT1Q_TUNNEL;
        } else {
            /* The schema's enum constraint makes this impossible. */
            VLOG_WARN("port %s: unknown VLAN mode %s",
                      port->name, cfg->vlan_mode);
            s.vlan_mode = PORT_VLAN_TRUNK;
        }
    } else {
        s.vlan_mode = s.vlan >= 0 ? PORT_VLAN_ACCESS : PORT_VLAN_TRUNK;
    }
    if (s.vlan_mode == PORT_VLAN_TRUNK && s.vlan >= 0) {
        VLOG_WARN("port %s: ignoring VLAN tag %d in trunk mode",
                  port->name, s.vlan);
        s.vlan = -1;
    } else if (s.vlan_mode != PORT_VLAN_TRUNK && s.vlan < 0) {
        /* A native or tunnel port without a tag uses VLAN 0. */
        s.vlan = 0;
    }
    if (!strcmp(smap_get_def(&cfg->other_config, "qinq-ethtype", ""),
                "802.1q")) {
        s.qinq_ethtype = 0x8100;
    }

    /* Trunks: empty means every VLAN; ignored on access ports. */
    s.trunks = NULL;
    if (s.vlan_mode != PORT_VLAN_ACCESS) {
        s.trunks = port_trunks_bitmap(cfg);
    } else if (cfg->n_trunks) {
        VLOG_WARN("port %s: ignoring trunks in access mode", port->name);
    }
    if (s.vlan_mode == PORT_VLAN_NATIVE_TAGGED
        || s.vlan_mode == PORT_VLAN_NATIVE_UNTAGGED) {
        /* A native port cannot carry VLAN 0 (untagged frames are in its
         * native VLAN), so as in upstream, "all VLANs" means 1...4095. */
        size_t n_longs = 4096 / (CHAR_BIT * sizeof(unsigned long));

        if (!s.trunks) {
            s.trunks = xmalloc(n_longs * sizeof *s.trunks);
            memset(s.trunks, 0xff, n_longs * sizeof *s.trunks);
        }
        s.trunks[0] &= ~1UL;
    }
    s.cvlans = NULL;
    const char *pt = smap_get_def(&cfg->other_config, "priority-tags", "");
    s.use_priority_tags = (!strcmp(pt, "always") ? PORT_PRIORITY_TAGS_ALWAYS
                           : !strcmp(pt, "if-nonzero") || !strcmp(pt, "true")
                           ? PORT_PRIORITY_TAGS_IF_NONZERO
                           : PORT_PRIORITY_TAGS_NEVER);
    s.protected = cfg->protected;
    s.bond = NULL;
    s.lacp = NULL;
    s.lacp_slaves = NULL;

    ofproto_bundle_register(br->ofproto, port, &s);
    port->registered = true;

    free(s.trunks);
    free(slaves);
}

/* Bridges. */

/* Returns the bridge named 'name', or NULL. */
static struct bridge *
bridge_lookup(const char *name)
{
    struct bridge *br;

    HMAP_FOR_EACH_WITH_HASH (br, node, hash_string(name, 0), &all_bridges) {
        if (!strcmp(br->name, name)) {
            return br;
        }
    }
    return NULL;
}

/* Creates the bridge of 'br_cfg' with its ofproto.  Returns NULL (after
 * logging) if the ofproto could not be created. */
static struct bridge *
bridge_create(const struct ovsrec_bridge *br_cfg)
{
    const char *type = ofproto_normalize_type(br_cfg->datapath_type);
    struct ofproto *ofproto;
    struct bridge *br;
    int error;

    if (sset_contains(&disallowed_types, type)) {
        VLOG_WARN("could not create datapath %s of unknown type %s",
                  br_cfg->name, type);
        error = EAFNOSUPPORT;
    } else {
        error = ofproto_create(br_cfg->name, type, &ofproto);
    }
    if (error) {
        VLOG_ERR("failed to create bridge %s: %s", br_cfg->name,
                 ovs_strerror(error));
        return NULL;
    }

    br = xzalloc(sizeof *br);
    br->name = xstrdup(br_cfg->name);
    br->type = xstrdup(type);
    br->cfg = br_cfg;
    br->ofproto = ofproto;
    hmap_init(&br->ports);
    hmap_init(&br->ifaces);

    /* A MAC for when the bridge has no better one: stable for the name, so
     * that the datapath ID does not change across restarts. */
    uint32_t h = hash_string(br->name, 0);
    br->default_ea = (struct eth_addr) { { {
        0x02, 0x00, h >> 24, h >> 16, h >> 8, h } } };
    eth_addr_mark_random(&br->default_ea);

    hmap_insert(&all_bridges, &br->node, hash_string(br->name, 0));
    return br;
}

/* Destroys 'br'.  With 'del', also removes its datapath ports. */
static void
bridge_destroy(struct bridge *br, bool del)
{
    struct port *port;

    HMAP_FOR_EACH_SAFE (port, node, &br->ports) {
        port_destroy(port);
    }
    ofproto_destroy(br->ofproto, del);
    hmap_remove(&all_bridges, &br->node);
    free(br->ctl_status);
    hmap_destroy(&br->ports);
    hmap_destroy(&br->ifaces);
    free(br->name);
    free(br->type);
    free(br);
}

/* Picks the bridge's MAC: other_config:hwaddr if valid, otherwise the
 * lowest universally administered unicast MAC among its non-internal
 * interfaces, otherwise the bridge's stable random one. */
static struct eth_addr
bridge_pick_ea(const struct bridge *br)
{
    const char *hwaddr = smap_get(&br->cfg->other_config, "hwaddr");
    struct eth_addr best = eth_addr_zero;
    struct iface *iface;
    struct eth_addr ea;

    if (hwaddr && eth_addr_from_string(hwaddr, &ea)
        && !eth_addr_is_multicast(ea) && !eth_addr_is_zero(ea)) {
        return ea;
    }

    HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
        if (!iface->netdev || iface->ofp_port == OFPP_LOCAL
            || !strcmp(iface->type, "internal")
            || netdev_get_etheraddr(iface->netdev, &ea)
            || eth_addr_is_multicast(ea) || eth_addr_is_local(ea)
            || eth_addr_is_zero(ea)) {
            continue;
        }
        if (eth_addr_is_zero(best) || eth_addr_compare_3way(ea, best) < 0) {
            best = ea;
        }
    }
    return eth_addr_is_zero(best) ? br->default_ea : best;
}

/* Configures 'br''s MAC, datapath ID and MAC learning table. */
static void
bridge_configure_switch(struct bridge *br)
{
    const struct smap *oc = &br->cfg->other_config;
    const char *dpid_string = smap_get(oc, "datapath-id");
    struct iface *local = iface_lookup(br, br->name);
    uint64_t dpid = 0;
    struct eth_addr ea;
    int idle, size;

    ea = bridge_pick_ea(br);
    if (local && local->netdev) {
        struct eth_addr cur;

        if (netdev_get_etheraddr(local->netdev, &cur)
            || !eth_addr_equals(cur, ea)) {
            netdev_set_etheraddr(local->netdev, ea);
        }
    }
    br->ea = ea;

    if (dpid_string) {
        const char *s = dpid_string;
        char *tail;

        if (!strncmp(s, "0x", 2)) {
            s += 2;
        }
        if (strlen(s) == 16 && strspn(s, "0123456789abcdefABCDEF") == 16) {
            dpid = strtoull(s, &tail, 16);
        }
    }
    if (!dpid) {
        dpid = eth_addr_to_uint64(ea);
    }
    if (dpid != br->datapath_id) {
        br->datapath_id = dpid;
        ofproto_set_datapath_id(br->ofproto, dpid);
        VLOG_INFO("bridge %s: using datapath ID %016"PRIx64, br->name, dpid);
    }

    idle = smap_get_int(oc, "mac-aging-time", MAC_ENTRY_DEFAULT_IDLE_TIME);
    size = smap_get_int(oc, "mac-table-size", MAC_DEFAULT_MAX);
    ofproto_set_mac_table_config(br->ofproto, idle > 0 ? idle
                                 : MAC_ENTRY_DEFAULT_IDLE_TIME,
                                 size > 0 ? size : MAC_DEFAULT_MAX);
}

/* Configures the controllers and fail mode of 'br' from its database
 * row (Bridge's controller, fail_mode and protocols columns). */
static void
bridge_configure_controllers(struct bridge *br)
{
    const struct ovsrec_bridge *cfg = br->cfg;
    struct shash controllers = SHASH_INITIALIZER(&controllers);
    struct ofproto_controller *ocs;
    uint32_t allowed_versions = 0;
    size_t i;

    if (cfg->n_protocols) {
        allowed_versions = ofputil_versions_from_strings(cfg->protocols,
                                                         cfg->n_protocols);
    }
    ocs = xcalloc(cfg->n_controller + 1, sizeof *ocs);
    for (i = 0; i < cfg->n_controller; i++) {
        const struct ovsrec_controller *c = cfg->controller[i];
        struct ofproto_controller *oc = &ocs[i];

        oc->target = c->target;
        oc->max_backoff = (c->n_max_backoff && *c->max_backoff >= 1000
                           ? *c->max_backoff / 1000 : 8);
        oc->probe_interval = (c->n_inactivity_probe
                              ? *c->inactivity_probe / 1000 : 5);
        oc->band = (c->connection_mode
                    && !strcmp(c->connection_mode, "out-of-band")
                    ? OFPROTO_OUT_OF_BAND : OFPROTO_IN_BAND);
        oc->rate_limit = (c->n_controller_rate_limit
                          ? *c->controller_rate_limit : 0);
        oc->burst_limit = (c->n_controller_burst_limit
                           ? *c->controller_burst_limit : 0);
        oc->allowed_versions = allowed_versions;
        oc->dscp = 48;
        shash_add_once(&controllers, c->target, oc);
    }
    ofproto_set_controllers(br->ofproto, &controllers);
    ofproto_set_fail_mode(br->ofproto,
                          (cfg->fail_mode && !strcmp(cfg->fail_mode, "secure")
                           ? OFPROTO_FAIL_SECURE
                           : OFPROTO_FAIL_STANDALONE));
    shash_destroy(&controllers);
    free(ocs);
}

/* Returns a malloc()ed string that summarizes the status of the
 * controllers of 'br', so that a change can be noticed. */
static char *
controller_status_signature(const struct bridge *br)
{
    struct shash info = SHASH_INITIALIZER(&info);
    struct ds s = DS_EMPTY_INITIALIZER;
    struct shash_node *node;

    ofproto_get_controller_info(br->ofproto, &info);
    SHASH_FOR_EACH (node, &info) {
        const struct ofproto_controller_info *ci = node->data;

        ds_put_format(&s, "%s %d %s %s %s;", node->name, ci->is_connected,
                      ci->role, ci->state,
                      ci->last_error ? ci->last_error : "");
    }
    ofproto_free_controller_info(&info);
    return ds_steal_cstr(&s);
}

/* Writes the status columns of the Controller rows of 'br'. */
static void
bridge_write_controller_status(struct bridge *br)
{
    struct shash info = SHASH_INITIALIZER(&info);
    size_t i;

    ofproto_get_controller_info(br->ofproto, &info);
    for (i = 0; i < br->cfg->n_controller; i++) {
        const struct ovsrec_controller *c = br->cfg->controller[i];
        const struct ofproto_controller_info *ci;
        struct smap status = SMAP_INITIALIZER(&status);

        ci = shash_find_data(&info, c->target);
        if (!ci) {
            continue;
        }
        if (c->is_connected != ci->is_connected) {
            ovsrec_controller_set_is_connected(c, ci->is_connected);
        }
        if (!c->role || strcmp(c->role, ci->role)) {
            ovsrec_controller_set_role(c, ci->role);
        }
        if (ci->last_error) {
            smap_add(&status, "last_error", ci->last_error);
        }
        smap_add(&status, "state", ci->state);
        if (ci->sec_since_connect >= 0) {
            smap_add_format(&status, "sec_since_connect", "%d",
                            ci->sec_since_connect);
        }
        if (ci->sec_since_disconnect >= 0) {
            smap_add_format(&status, "sec_since_disconnect", "%d",
                            ci->sec_since_disconnect);
        }
        ovsrec_controller_set_status(c, &status);
        smap_destroy(&status);
    }
    ofproto_free_controller_info(&info);
}

/* Reconciles the ports and interfaces of 'br' with its database row. */
static void
bridge_reconfigure_ports(struct bridge *br, struct sset *seen_ifaces)
{
    struct shash wanted_ports = SHASH_INITIALIZER(&wanted_ports);
    struct shash wanted_ifaces = SHASH_INITIALIZER(&wanted_ifaces);
    const struct ovsrec_bridge *br_cfg = br->cfg;
    struct port *port;
    struct iface *iface;

    /* What the database wants. */
    for (size_t i = 0; i < br_cfg->n_ports; i++) {
        const struct ovsrec_port *port_cfg = br_cfg->ports[i];

        if (!shash_add_once(&wanted_ports, port_cfg->name, port_cfg)) {
            VLOG_WARN("bridge %s: %s specified twice as bridge port",
                      br->name, port_cfg->name);
            continue;
        }
        for (size_t j = 0; j < port_cfg->n_interfaces; j++) {
            const struct ovsrec_interface *if_cfg = port_cfg->interfaces[j];

            if (!sset_add(seen_ifaces, if_cfg->name)) {
                VLOG_WARN("bridge %s: interface %s is already in use",
                          br->name, if_cfg->name);
                continue;
            }
            shash_add(&wanted_ifaces, if_cfg->name, if_cfg);
        }
    }

    /* Remove what is gone or changed beyond reconfiguration: a port that
     * vanished, an interface that vanished, moved to another port, changed
     * type or requested another OpenFlow port, and interfaces that failed
     * (to retry them). */
    HMAP_FOR_EACH_SAFE (port, node, &br->ports) {
        port->cfg = shash_find_data(&wanted_ports, port->name);
        if (!port->cfg) {
            port_destroy(port);
            continue;
        }
        LIST_FOR_EACH_SAFE (iface, port_elem, &port->ifaces) {
            const struct ovsrec_interface *if_cfg
                = shash_find_data(&wanted_ifaces, iface->name);
            bool in_port = false;

            for (size_t i = 0; if_cfg && i < port->cfg->n_interfaces; i++) {
                in_port |= port->cfg->interfaces[i] == if_cfg;
            }
            if (!if_cfg || !in_port
                || strcmp(iface->type, iface_cfg_type(if_cfg))
                || iface->ofport_request != iface_cfg_ofport_request(if_cfg)
                || iface->ofp_port == OFPP_NONE) {
                iface_destroy(iface);
            } else {
                iface->cfg = if_cfg;
                iface_configure_mtu(iface);
                if (!smap_is_empty(&if_cfg->options)) {
                    char *err_msg = NULL;
                    int error = netdev_set_config(iface->netdev,
                                                  &if_cfg->options,
                                                  &err_msg);
                    if (error) {
                        iface_set_error(iface, (err_msg
                            ? err_msg
                            : xasprintf("could not configure network "
                                        "device %s (%s)", iface->name,
                                        ovs_strerror(error))));
                    } else {
                        free(err_msg);
                    }
                }
            }
        }
    }

    /* Add what is new.  Interfaces with a requested OpenFlow port go
     * first, so that automatically numbered ones do not take their
     * numbers.  Ports are added in the order of 'wanted_ports' (the hash
     * order of their names), as upstream's switch adds them: the order of
     * the switch's map of OpenFlow ports, and so of its port listings,
     * depends on it. */
    for (int pass = 0; pass < 2; pass++) {
        struct shash_node *node;

        SHASH_FOR_EACH (node, &wanted_ports) {
            const struct ovsrec_port *port_cfg = node->data;

            port = port_lookup(br, port_cfg->name);
            if (!port) {
                port = port_create(br, port_cfg);
            }
            for (size_t j = 0; j < port_cfg->n_interfaces; j++) {
                const struct ovsrec_interface *if_cfg
                    = port_cfg->interfaces[j];
                bool requested = iface_cfg_ofport_request(if_cfg) > 0;

                if (requested != !pass
                    || shash_find_data(&wanted_ifaces, if_cfg->name)
                       != if_cfg
                    || iface_lookup(br, if_cfg->name)) {
                    continue;
                }
                iface_create(port, if_cfg);
            }
        }
    }

    /* Bundles. */
    HMAP_FOR_EACH (port, node, &br->ports) {
        port_configure(port);
    }

    shash_destroy(&wanted_ports);
    shash_destroy(&wanted_ifaces);
}

/* Brings the running switches in line with 'ovs_cfg'. */
static void
bridge_reconfigure(const struct ovsrec_open_vswitch *ovs_cfg)
{
    struct shash wanted = SHASH_INITIALIZER(&wanted);
    struct sset seen_ifaces = SSET_INITIALIZER(&seen_ifaces);
    struct bridge *br;

    COVERAGE_INC(bridge_reconfigure);

    if (ovs_cfg) {
        bridge_configure_global(ovs_cfg);
        for (size_t i = 0; i < ovs_cfg->n_bridges; i++) {
            const struct ovsrec_bridge *br_cfg = ovs_cfg->bridges[i];

            if (!shash_add_once(&wanted, br_cfg->name, br_cfg)) {
                VLOG_WARN("bridge %s specified twice", br_cfg->name);
            }
        }
    }

    /* Delete bridges that are gone or changed datapath type. */
    HMAP_FOR_EACH_SAFE (br, node, &all_bridges) {
        br->cfg = shash_find_data(&wanted, br->name);
        if (!br->cfg || strcmp(br->type, ofproto_normalize_type(
                                   br->cfg->datapath_type))) {
            bridge_destroy(br, true);
        }
    }

    /* Create the new ones. */
    struct shash_node *node;
    SHASH_FOR_EACH (node, &wanted) {
        const struct ovsrec_bridge *br_cfg = node->data;

        if (!bridge_lookup(br_cfg->name)) {
            bridge_create(br_cfg);
        }
    }

    /* Ports, interfaces and switch settings. */
    HMAP_FOR_EACH (br, node, &all_bridges) {
        bridge_reconfigure_ports(br, &seen_ifaces);
        bridge_configure_switch(br);
        bridge_configure_controllers(br);
    }

    /* Datapath settings, once per datapath type in use. */
    if (ovs_cfg) {
        struct sset types = SSET_INITIALIZER(&types);
        const char *type;

        HMAP_FOR_EACH (br, node, &all_bridges) {
            sset_add(&types, br->type);
        }
        SSET_FOR_EACH (type, &types) {
            ofproto_type_set_config(type, &ovs_cfg->other_config);
        }
        sset_destroy(&types);
    }

    shash_destroy(&wanted);
    sset_destroy(&seen_ifaces);
    status_dirty = true;
}

/* Returns true if an interface lost its OpenFlow port or its device behind
 * our back (someone deleted the device), after removing what is left of
 * it, so that a reconfiguration retries it: if the device is still gone,
 * the retry records the error in the Interface's "error" column. */
static bool
bridge_check_ports(void)
{
    struct bridge *br;
    bool changed = false;

    HMAP_FOR_EACH (br, node, &all_bridges) {
        struct iface *iface;

        HMAP_FOR_EACH_SAFE (iface, name_node, &br->ifaces) {
            enum netdev_flags flags;
            bool gone;

            if (iface->ofp_port == OFPP_NONE
                || iface->ofp_port == OFPP_LOCAL) {
                continue;
            }
            gone = (ofproto_port_get_ofp_port(br->ofproto, iface->name)
                    == OFPP_NONE);
            if (!gone && iface->netdev
                && netdev_get_flags(iface->netdev, &flags) == ENODEV) {
                gone = true;
            }
            if (gone) {
                VLOG_INFO("bridge %s: interface %s disappeared",
                          br->name, iface->name);
                iface_destroy(iface);
                changed = true;
            }
        }
    }
    return changed;
}

/* Status. */

/* Returns true if 'a' and 'b' are both NULL or equal strings. */
static bool
nullable_string_is_equal(const char *a, const char *b)
{
    return a ? b && !strcmp(a, b) : !b;
}

/* Writes the status columns of 'iface' (and its statistics, if 'stats'). */
static void
iface_write_status(const struct iface *iface, bool stats)
{
    const struct ovsrec_interface *cfg = iface->cfg;
    int64_t ofport;

    if (!iface->netdev || iface->ofp_port == OFPP_NONE) {
        ofport = -1;
        ovsrec_interface_set_ofport(cfg, &ofport, 1);
        ovsrec_interface_set_error(cfg, iface->error);
        ovsrec_interface_set_admin_state(cfg, NULL);
        ovsrec_interface_set_link_state(cfg, NULL);
        ovsrec_interface_set_link_resets(cfg, NULL, 0);
        ovsrec_interface_set_mac_in_use(cfg, NULL);
        ovsrec_interface_set_mtu(cfg, NULL, 0);
        ovsrec_interface_set_ifindex(cfg, NULL, 0);
        ovsrec_interface_set_statistics(cfg, NULL, NULL, 0);
        return;
    }

    ofport = ofp_to_u16(iface->ofp_port);
    if (cfg->n_ofport != 1 || *cfg->ofport != ofport) {
        ovsrec_interface_set_ofport(cfg, &ofport, 1);
    }
    if (cfg->error) {
        ovsrec_interface_set_error(cfg, iface->error);
    }

    enum netdev_flags flags;
    const char *admin = (!netdev_get_flags(iface->netdev, &flags)
                         ? (flags & NETDEV_UP ? "up" : "down") : NULL);
    if (!nullable_string_is_equal(admin, cfg->admin_state)) {
        ovsrec_interface_set_admin_state(cfg, admin);
    }

    bool carrier;
    const char *link = (!netdev_get_carrier(iface->netdev, &carrier)
                        ? (carrier ? "up" : "down") : NULL);
    if (!nullable_string_is_equal(link, cfg->link_state)) {
        ovsrec_interface_set_link_state(cfg, link);
    }

    int64_t resets = netdev_get_carrier_resets(iface->netdev);
    if (cfg->n_link_resets != 1 || *cfg->link_resets != resets) {
        ovsrec_interface_set_link_resets(cfg, &resets, 1);
    }

    struct eth_addr ea;
    if (!netdev_get_etheraddr(iface->netdev, &ea)) {
        char mac[ETH_ADDR_STRLEN + 1];

        snprintf(mac, sizeof mac, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
        if (!nullable_string_is_equal(mac, cfg->mac_in_use)) {
            ovsrec_interface_set_mac_in_use(cfg, mac);
        }
    } else if (cfg->mac_in_use) {
        ovsrec_interface_set_mac_in_use(cfg, NULL);
    }

    int mtu;
    if (!netdev_get_mtu(iface->netdev, &mtu)) {
        int64_t mtu64 = mtu;
        if (cfg->n_mtu != 1 || *cfg->mtu != mtu64) {
            ovsrec_interface_set_mtu(cfg, &mtu64, 1);
        }
    } else if (cfg->n_mtu) {
        ovsrec_interface_set_mtu(cfg, NULL, 0);
    }

    int ifindex = netdev_get_ifindex(iface->netdev);
    int64_t ifindex64 = ifindex > 0 ? ifindex : 0;
    if (cfg->n_ifindex != 1 || *cfg->ifindex != ifindex64) {
        ovsrec_interface_set_ifindex(cfg, &ifindex64, 1);
    }

    if (stats) {
        struct netdev_stats s;

        if (!netdev_get_stats(iface->netdev, &s)) {
            /* Upstream's key names; counters the device does not keep
             * (UINT64_MAX) are left out. */
            const struct {
                const char *name;
                uint64_t value;
            } counters[] = {
                { "collisions", s.collisions },
                { "rx_bytes", s.rx_bytes },
                { "rx_crc_err", s.rx_crc_errors },
                { "rx_dropped", s.rx_dropped },
                { "rx_errors", s.rx_errors },
                { "rx_frame_err", s.rx_frame_errors },
                { "rx_missed_errors", s.rx_missed_errors },
                { "rx_over_err", s.rx_over_errors },
                { "rx_packets", s.rx_packets },
                { "tx_bytes", s.tx_bytes },
                { "tx_dropped", s.tx_dropped },
                { "tx_errors", s.tx_errors },
                { "tx_packets", s.tx_packets },
            };
            const char *keys[ARRAY_SIZE(counters)];
            int64_t values[ARRAY_SIZE(counters)];
            size_t n = 0;

            for (size_t i = 0; i < ARRAY_SIZE(counters); i++) {
                if (counters[i].value != UINT64_MAX) {
                    keys[n] = counters[i].name;
                    values[n] = counters[i].value;
                    n++;
                }
            }
            ovsrec_interface_set_statistics(cfg, keys, values, n);
        }
    }
}

/* Returns the datapath version to report for a bridge of type 'type'. */
static const char *
datapath_version(const char *type, char *buf, size_t size)
{
    if (strcmp(type, "system")) {
        return "<built-in>";
    }

    FILE *f = fopen("/sys/module/openvswitch/version", "r");
    if (f) {
        bool ok = fgets(buf, size, f) != NULL;
        fclose(f);
        if (ok) {
            buf[strcspn(buf, "\n")] = '\0';
            return buf;
        }
    }
    return "<unknown>";
}

/* Writes every status column into the open transaction, and the statistics
 * too if 'stats'. */
static void
write_status(const struct ovsrec_open_vswitch *cfg, bool stats)
{
    struct bridge *br;

    HMAP_FOR_EACH (br, node, &all_bridges) {
        char dpid[17];
        char buf[64];
        const char *version = datapath_version(br->type, buf, sizeof buf);
        struct iface *iface;

        snprintf(dpid, sizeof dpid, "%016"PRIx64, br->datapath_id);
        if (!nullable_string_is_equal(dpid, br->cfg->datapath_id)) {
            ovsrec_bridge_set_datapath_id(br->cfg, dpid);
        }
        if (strcmp(version, br->cfg->datapath_version)) {
            ovsrec_bridge_set_datapath_version(br->cfg, version);
        }
        HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
            iface_write_status(iface, stats);
        }
        bridge_write_controller_status(br);
    }

    if (cfg && !cfg->dpdk_initialized) {
        /* As upstream without DPDK. */
        ovsrec_open_vswitch_set_dpdk_version(cfg, "none");
    }
}

/* Writes the datapath and interface types this daemon supports. */
static void
write_types(const struct ovsrec_open_vswitch *cfg)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char **array;
    const char *type;

    ofproto_enumerate_types(&types);
    SSET_FOR_EACH (type, &disallowed_types) {
        sset_find_and_delete(&types, type);
    }
    array = sset_sort(&types);
    ovsrec_open_vswitch_set_datapath_types(cfg, array, sset_count(&types));
    free(array);
    sset_clear(&types);

    netdev_enumerate_types(&types);
    array = sset_sort(&types);
    ovsrec_open_vswitch_set_iface_types(cfg, array, sset_count(&types));
    free(array);
    sset_destroy(&types);
}

/* Main loop. */

/* Runs the periodic work of every datapath type and switch. */
static void
bridge_run__(void)
{
    struct sset types = SSET_INITIALIZER(&types);
    struct bridge *br;
    const char *type;

    HMAP_FOR_EACH (br, node, &all_bridges) {
        sset_add(&types, br->type);
    }
    SSET_FOR_EACH (type, &types) {
        ofproto_type_run(type);
    }
    sset_destroy(&types);

    HMAP_FOR_EACH (br, node, &all_bridges) {
        ofproto_run(br->ofproto);
        if (br->cfg && br->cfg->n_controller) {
            char *sig = controller_status_signature(br);

            if (!br->ctl_status || strcmp(sig, br->ctl_status)) {
                free(br->ctl_status);
                br->ctl_status = sig;
                status_dirty = true;
            } else {
                free(sig);
            }
        }
    }
}

void
bridge_run(void)
{
    const struct ovsrec_open_vswitch *cfg;

    ovsdb_idl_run(idl);

    if (ovsdb_idl_is_lock_contended(idl)) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 1);
        struct bridge *br;

        VLOG_ERR_RL(&rl, "another ovs-vswitchd process is running, "
                    "disabling this process until it goes away");
        HMAP_FOR_EACH_SAFE (br, node, &all_bridges) {
            bridge_destroy(br, false);
        }
        return;
    } else if (!ovsdb_idl_has_lock(idl)
               || !ovsdb_idl_has_ever_connected(idl)) {
        /* Keep forwarding with what we have until we can read the
         * database again. */
        bridge_run__();
        return;
    }

    cfg = ovsrec_open_vswitch_first(idl);
    if (!ofproto_initialized) {
        bridge_init_ofproto(cfg);
    }

    bridge_run__();

    uint64_t seq = seq_read(netdev_global_change_seq());
    if (seq != netdev_seq) {
        netdev_seq = seq;
        status_dirty = true;
        if (bridge_check_ports()) {
            reconfigure_pending = true;
        }
    }

    if (ovsdb_idl_get_seqno(idl) != idl_seqno || reconfigure_pending) {
        idl_seqno = ovsdb_idl_get_seqno(idl);
        reconfigure_pending = false;
        bridge_reconfigure(cfg);
        /* The switches push the new configuration to translation in their
         * run functions: run them before cur_cfg says it is applied, so
         * that a client that waited for it (ovs-vsctl, then "ofproto/trace
         * br0 ...") finds the new bridges and ports in place. */
        bridge_run__();
        applied_cfg = cfg ? cfg->next_cfg : -1;

        if (!initial_config_done) {
            initial_config_done = true;
            if (cfg) {
                /* Keep the first transaction to detach once it is done. */
                daemonize_txn = ovsdb_idl_txn_create(idl);
                ovsrec_open_vswitch_set_cur_cfg(cfg, cfg->next_cfg);
                write_types(cfg);
                write_status(cfg, true);
                stats_timer = time_msec() + stats_interval;
                status_dirty = false;
                ovsdb_idl_txn_commit(daemonize_txn);
            } else {
                daemonize_complete();
                vlog_enable_async();
                VLOG_INFO("%s (Weft) %s", program_name,
                          get_program_version());
            }
        }
    }

    if (daemonize_txn) {
        enum ovsdb_idl_txn_status status
            = ovsdb_idl_txn_commit(daemonize_txn);
        if (status != TXN_INCOMPLETE) {
            ovsdb_idl_txn_destroy(daemonize_txn);
            daemonize_txn = NULL;
            if (status != TXN_SUCCESS && status != TXN_UNCHANGED) {
                status_dirty = true;
            }

            /* The first configuration is applied and recorded: detach
             * (with --detach) so that the starting script goes on. */
            daemonize_complete();
            vlog_enable_async();
            VLOG_INFO("%s (Weft) %s", program_name, get_program_version());
        }
    }

    if (status_txn) {
        enum ovsdb_idl_txn_status status = ovsdb_idl_txn_commit(status_txn);
        if (status != TXN_INCOMPLETE) {
            ovsdb_idl_txn_destroy(status_txn);
            status_txn = NULL;
            if (status != TXN_SUCCESS && status != TXN_UNCHANGED) {
                /* Lost to a reconnection or a race: write again. */
                status_dirty = true;
            }
        }
    }

    bool stats_due = time_msec() >= stats_timer;
    if (!status_txn && !daemonize_txn && cfg
        && (status_dirty || stats_due || cfg->cur_cfg != applied_cfg)) {
        status_txn = ovsdb_idl_txn_create(idl);
        if (applied_cfg >= 0 && cfg->cur_cfg != applied_cfg) {
            ovsrec_open_vswitch_set_cur_cfg(cfg, applied_cfg);
        }
        write_status(cfg, stats_due);
        if (stats_due) {
            stats_timer = time_msec() + stats_interval;
        }
        status_dirty = false;

        enum ovsdb_idl_txn_status status = ovsdb_idl_txn_commit(status_txn);
        if (status != TXN_INCOMPLETE) {
            ovsdb_idl_txn_destroy(status_txn);
            status_txn = NULL;
        }
    }
}

void
bridge_wait(void)
{
    struct sset types = SSET_INITIALIZER(&types);
    struct bridge *br;
    const char *type;

    ovsdb_idl_wait(idl);
    if (daemonize_txn) {
        ovsdb_idl_txn_wait(daemonize_txn);
    }
    if (status_txn) {
        ovsdb_idl_txn_wait(status_txn);
    }
    if (reconfigure_pending || status_dirty) {
        poll_immediate_wake();
    }

    HMAP_FOR_EACH (br, node, &all_bridges) {
        sset_add(&types, br->type);
    }
    SSET_FOR_EACH (type, &types) {
        ofproto_type_wait(type);
    }
    sset_destroy(&types);
    HMAP_FOR_EACH (br, node, &all_bridges) {
        ofproto_wait(br->ofproto);
    }

    seq_wait(netdev_global_change_seq(), netdev_seq);
    if (initial_config_done) {
        poll_timer_wait_until(stats_timer);
    }
}

void
bridge_get_memory_usage(struct simap *usage)
{
    struct bridge *br;
    size_t n_ports = 0, n_ifaces = 0;
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;

    HMAP_FOR_EACH (br, node, &all_bridges) {
        n_ports += hmap_count(&br->ports);
        n_ifaces += hmap_count(&br->ifaces);
        ofproto_get_memory_usage(br->ofproto, usage);
        sset_add(&types, br->type);
    }
    SSET_FOR_EACH (type, &types) {
        ofproto_type_get_memory_usage(type, usage);
    }
    sset_destroy(&types);
    simap_increase(usage, "bridges", hmap_count(&all_bridges));
    simap_increase(usage, "bridge-ports", n_ports);
    simap_increase(usage, "bridge-ifaces", n_ifaces);
    ovsdb_idl_get_memory_usage(idl, usage);
}

/* unixctl. */

/* "bridge/reconnect [BRIDGE]": makes the named bridge (or every bridge)
 * drop and re-establish its controller connections. */
static void
bridge_unixctl_reconnect(struct unixctl_conn *conn, int argc,
                         const char *argv[], void *aux OVS_UNUSED)
{
    struct bridge *br;

    if (argc > 1) {
        br = bridge_lookup(argv[1]);
        if (!br) {
            unixctl_command_reply_error(conn, "no such bridge");
            return;
        }
        ofproto_reconnect_controllers(br->ofproto);
    } else {
        HMAP_FOR_EACH (br, node, &all_bridges) {
            ofproto_reconnect_controllers(br->ofproto);
        }
    }
    unixctl_command_reply(conn, NULL);
}
