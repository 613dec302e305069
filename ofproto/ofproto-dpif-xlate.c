/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofproto-dpif-xlate.h"
#include "ofproto-dpif-xlate-private.h"
#include "xlate-xactions.h"

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/icmp6.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classifier.h"
#include "hash.h"
#include "mac-learning.h"
#include "match.h"
#include "miniflow.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ofproto-dpif.h"
#include "ofproto-dpif-meter.h"
#include "ofproto-dpif-trace.h"
#include "ofproto-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "packets.h"
#include "dpif.h"
#include "unixctl.h"
#include <linux/openvswitch.h>

VLOG_DEFINE_THIS_MODULE(ofproto_dpif_xlate);

/* The published configuration (read under RCU) and the one being built by
 * the current transaction (main thread only). */
static struct xlate_cfg *xcfgp;
static struct xlate_cfg *new_xcfg;

/* Incremented whenever a translation changes the MAC learning table. */
static uint64_t xlate_seq;

/* Rule lookups registered by ofproto-dpif, or NULL for the default
 * table. */
static const struct xlate_rule_ops *rule_ops;

/* Configuration copies. */

static uint32_t
odp_key_hash(const struct dpif *dpif, odp_port_t odp_port)
{
    return hash_int(odp_to_u32(odp_port), hash_pointer(dpif, 0));
}

static struct xlate_cfg *
xlate_cfg_create(void)
{
    struct xlate_cfg *xcfg = xmalloc(sizeof *xcfg);

    hmap_init(&xcfg->xbridges);
    hmap_init(&xcfg->xbundles);
    hmap_init(&xcfg->xports);
    hmap_init(&xcfg->xports_by_odp);
    return xcfg;
}

static struct xbridge *
xbridge_lookup(const struct xlate_cfg *xcfg,
               const struct ofproto_dpif *ofproto)
{
    struct xbridge *xbridge;

    if (!xcfg) {
        return NULL;
    }
    HMAP_FOR_EACH_WITH_HASH (xbridge, hmap_node, hash_pointer(ofproto, 0),
                             &xcfg->xbridges) {
        if (xbridge->ofproto == ofproto) {
            return xbridge;
        }
    }
    return NULL;
}

static struct xbundle *
xbundle_lookup(const struct xlate_cfg *xcfg, const struct ofbundle *ofbundle)
{
    struct xbundle *xbundle;

    if (!xcfg || !ofbundle) {
        return NULL;
    }
    HMAP_FOR_EACH_WITH_HASH (xbundle, hmap_node, hash_pointer(ofbundle, 0),
                             &xcfg->xbundles) {
        if (xbundle->ofbundle == ofbundle) {
            return xbundle;
        }
    }
    return NULL;
}

static struct xport *
xport_lookup(const struct xlate_cfg *xcfg, const struct ofport_dpif *ofport)
{
    struct xport *xport;

    if (!xcfg) {
        return NULL;
    }
    HMAP_FOR_EACH_WITH_HASH (xport, hmap_node, hash_pointer(ofport, 0),
                             &xcfg->xports) {
        if (xport->ofport == ofport) {
            return xport;
        }
    }
    return NULL;
}

struct xport *
xport_lookup_by_ofp(const struct xbridge *xbridge, ofp_port_t ofp_port)
{
    struct xport *xport;

    HMAP_FOR_EACH_WITH_HASH (xport, ofp_node, hash_int(ofp_port, 0),
                             &xbridge->xports) {
        if (xport->ofp_port == ofp_port) {
            return xport;
        }
    }
    return NULL;
}

static struct xport *
xport_lookup_by_odp(const struct xlate_cfg *xcfg, const struct dpif *dpif,
                    odp_port_t odp_port)
{
    struct xport *xport;

    if (!xcfg) {
        return NULL;
    }
    HMAP_FOR_EACH_WITH_HASH (xport, odp_node, odp_key_hash(dpif, odp_port),
                             &xcfg->xports_by_odp) {
        if (xport->odp_port == odp_port && xport->xbridge->dpif == dpif) {
            return xport;
        }
    }
    return NULL;
}

static unsigned long *
vlan_bitmap_clone(const unsigned long *trunks)
{
    return (trunks
            ? xmemdup(trunks, VLAN_BITMAP_LONGS * sizeof *trunks)
            : NULL);
}

static bool
vlan_bitmap_contains(const unsigned long *trunks, uint16_t vlan)
{
    return (!trunks
            || (trunks[vlan / (8 * sizeof *trunks)]
                & (1UL << (vlan % (8 * sizeof *trunks)))) != 0);
}

/* Creates an xbridge in 'xcfg'. */
static struct xbridge *
xbridge_create(struct xlate_cfg *xcfg, struct ofproto_dpif *ofproto)
{
    struct xbridge *xbridge = xzalloc(sizeof *xbridge);

    xbridge->ofproto = ofproto;
    ovs_list_init(&xbridge->xbundles);
    hmap_init(&xbridge->xports);
    hmap_insert(&xcfg->xbridges, &xbridge->hmap_node,
                hash_pointer(ofproto, 0));
    return xbridge;
}

static void
xbridge_set(struct xbridge *xbridge, const char *name, struct dpif *dpif,
            const struct mac_learning *ml, bool forward_bpdu)
{
    if (!xbridge->name || strcmp(xbridge->name, name)) {
        free(xbridge->name);
        xbridge->name = xstrdup(name);
    }
    xbridge->dpif = dpif;
    if (xbridge->ml != ml) {
        mac_learning_unref(xbridge->ml);
        xbridge->ml = mac_learning_ref(ml);
    }
    xbridge->forward_bpdu = forward_bpdu;
}

static struct xbundle *
xbundle_create(struct xlate_cfg *xcfg, struct xbridge *xbridge,
               struct ofbundle *ofbundle)
{
    struct xbundle *xbundle = xzalloc(sizeof *xbundle);

    xbundle->ofbundle = ofbundle;
    xbundle->xbridge = xbridge;
    ovs_list_init(&xbundle->xports);
    ovs_list_push_back(&xbridge->xbundles, &xbundle->list_node);
    hmap_insert(&xcfg->xbundles, &xbundle->hmap_node,
                hash_pointer(ofbundle, 0));
    return xbundle;
}

static void
xbundle_set(struct xbundle *xbundle, const char *name,
            enum port_vlan_mode vlan_mode, int vlan,
            const unsigned long *trunks,
            enum port_priority_tags_mode use_priority_tags,
            bool floodable, bool protected)
{
    if (!xbundle->name || strcmp(xbundle->name, name)) {
        free(xbundle->name);
        xbundle->name = xstrdup(name);
    }
    xbundle->vlan_mode = vlan_mode;
    xbundle->vlan = vlan;
    free(xbundle->trunks);
    xbundle->trunks = vlan_bitmap_clone(trunks);
    xbundle->use_priority_tags = use_priority_tags;
    xbundle->floodable = floodable;
    xbundle->protected = protected;
}

/* Attaches 'xport' to the bundle of 'xcfg' keyed by 'xport->ofbundle', if
 * it exists. */
static void
xport_attach(struct xlate_cfg *xcfg, struct xport *xport)
{
    struct xbundle *xbundle = xbundle_lookup(xcfg, xport->ofbundle);

    if (xbundle != xport->xbundle) {
        if (xport->xbundle) {
            ovs_list_remove(&xport->bundle_node);
        }
        xport->xbundle = xbundle;
        if (xbundle) {
            ovs_list_push_back(&xbundle->xports, &xport->bundle_node);
        }
    }
}

static struct xport *
xport_create(struct xlate_cfg *xcfg, struct xbridge *xbridge,
             struct ofport_dpif *ofport)
{
    struct xport *xport = xzalloc(sizeof *xport);

    xport->ofport = ofport;
    xport->xbridge = xbridge;
    xport->ofp_port = OFPP_NONE;
    xport->odp_port = ODPP_NONE;
    hmap_insert(&xcfg->xports, &xport->hmap_node, hash_pointer(ofport, 0));
    return xport;
}

/* Sets the numbers of 'xport' (re-indexing it). */
static void
xport_set_numbers(struct xlate_cfg *xcfg, struct xport *xport,
                  ofp_port_t ofp_port, odp_port_t odp_port)
{
    if (xport->ofp_port != OFPP_NONE) {
        hmap_remove(&xport->xbridge->xports, &xport->ofp_node);
    }
    if (xport->odp_port != ODPP_NONE) {
        hmap_remove(&xcfg->xports_by_odp, &xport->odp_node);
    }
    xport->ofp_port = ofp_port;
    xport->odp_port = odp_port;
    if (ofp_port != OFPP_NONE) {
        hmap_insert(&xport->xbridge->xports, &xport->ofp_node,
                    hash_int(ofp_port, 0));
    }
    if (odp_port != ODPP_NONE) {
        hmap_insert(&xcfg->xports_by_odp, &xport->odp_node,
                    odp_key_hash(xport->xbridge->dpif, odp_port));
    }
}

static void
xport_destroy(struct xlate_cfg *xcfg, struct xport *xport)
{
    xport_set_numbers(xcfg, xport, OFPP_NONE, ODPP_NONE);
    if (xport->xbundle) {
        ovs_list_remove(&xport->bundle_node);
    }
    hmap_remove(&xcfg->xports, &xport->hmap_node);
    free(xport->name);
    free(xport);
}

static void
xbundle_destroy(struct xlate_cfg *xcfg, struct xbundle *xbundle)
{
    struct xport *xport;

    LIST_FOR_EACH_POP (xport, bundle_node, &xbundle->xports) {
        xport->xbundle = NULL;
    }
    ovs_list_remove(&xbundle->list_node);
    hmap_remove(&xcfg->xbundles, &xbundle->hmap_node);
    free(xbundle->name);
    free(xbundle->trunks);
    free(xbundle);
}

static void
xbridge_destroy(struct xlate_cfg *xcfg, struct xbridge *xbridge)
{
    struct xbundle *xbundle;
    struct xport *xport;

    LIST_FOR_EACH_SAFE (xbundle, list_node, &xbridge->xbundles) {
        xbundle_destroy(xcfg, xbundle);
    }
    HMAP_FOR_EACH_SAFE (xport, ofp_node, &xbridge->xports) {
        xport_destroy(xcfg, xport);
    }
    /* Ports without numbers are not in 'xports': find them by bridge. */
    HMAP_FOR_EACH_SAFE (xport, hmap_node, &xcfg->xports) {
        if (xport->xbridge == xbridge) {
            xport_destroy(xcfg, xport);
        }
    }
    hmap_destroy(&xbridge->xports);
    hmap_remove(&xcfg->xbridges, &xbridge->hmap_node);
    mac_learning_unref(xbridge->ml);
    free(xbridge->name);
    free(xbridge);
}

static void
xlate_cfg_free(struct xlate_cfg *xcfg)
{
    struct xbridge *xbridge;

    if (!xcfg) {
        return;
    }
    HMAP_FOR_EACH_SAFE (xbridge, hmap_node, &xcfg->xbridges) {
        xbridge_destroy(xcfg, xbridge);
    }
    hmap_destroy(&xcfg->xbridges);
    hmap_destroy(&xcfg->xbundles);
    hmap_destroy(&xcfg->xports);
    hmap_destroy(&xcfg->xports_by_odp);
    free(xcfg);
}

/* Returns a deep copy of 'old' (which may be NULL). */
static struct xlate_cfg *
xlate_cfg_clone(const struct xlate_cfg *old)
{
    struct xlate_cfg *xcfg = xlate_cfg_create();
    const struct xbridge *oxb;
    const struct xport *oxp;

    if (!old) {
        return xcfg;
    }
    HMAP_FOR_EACH (oxb, hmap_node, &old->xbridges) {
        struct xbridge *xb = xbridge_create(xcfg, oxb->ofproto);
        const struct xbundle *oxbd;

        xbridge_set(xb, oxb->name, oxb->dpif, oxb->ml, oxb->forward_bpdu);
        LIST_FOR_EACH (oxbd, list_node, &oxb->xbundles) {
            struct xbundle *xbd = xbundle_create(xcfg, xb, oxbd->ofbundle);

            xbundle_set(xbd, oxbd->name, oxbd->vlan_mode, oxbd->vlan,
                        oxbd->trunks, oxbd->use_priority_tags,
                        oxbd->floodable, oxbd->protected);
        }
    }
    /* Ports, bundle by bundle first so that each bundle keeps its ports'
     * order, then the ports without a bundle. */
    HMAP_FOR_EACH (oxb, hmap_node, &old->xbridges) {
        const struct xbundle *oxbd;

        LIST_FOR_EACH (oxbd, list_node, &oxb->xbundles) {
            LIST_FOR_EACH (oxp, bundle_node, &oxbd->xports) {
                struct xbridge *xb = xbridge_lookup(xcfg, oxb->ofproto);
                struct xport *xp = xport_create(xcfg, xb, oxp->ofport);

                xp->ofbundle = oxp->ofbundle;
                xp->name = nullable_xstrdup(oxp->name);
                xp->config = oxp->config;
                xp->state = oxp->state;
                xp->may_enable = oxp->may_enable;
                xport_set_numbers(xcfg, xp, oxp->ofp_port, oxp->odp_port);
                xport_attach(xcfg, xp);
            }
        }
    }
    HMAP_FOR_EACH (oxp, hmap_node, &old->xports) {
        if (!oxp->xbundle) {
            struct xbridge *xb = xbridge_lookup(xcfg,
                                                oxp->xbridge->ofproto);
            struct xport *xp = xport_create(xcfg, xb, oxp->ofport);

            xp->ofbundle = oxp->ofbundle;
            xp->name = nullable_xstrdup(oxp->name);
            xp->config = oxp->config;
            xp->state = oxp->state;
            xp->may_enable = oxp->may_enable;
            xport_set_numbers(xcfg, xp, oxp->ofp_port, oxp->odp_port);
        }
    }
    return xcfg;
}

/* Transactions. */

/* Starts a configuration transaction: the setters below change a copy of
 * the current configuration until xlate_txn_commit(). */
void
xlate_txn_start(void)
{
    ovs_assert(!new_xcfg);
    new_xcfg = xlate_cfg_clone(xcfgp);
}

/* Publishes the configuration built since xlate_txn_start() and frees the
 * previous one once no translation uses it. */
void
xlate_txn_commit(void)
{
    struct xlate_cfg *old = xcfgp;

    ovs_assert(new_xcfg);
    rcu_assign_pointer(xcfgp, new_xcfg);
    new_xcfg = NULL;
    if (old) {
        ovsrcu_postpone(xlate_cfg_free, old);
    }
}

/* Starts a transaction if none is open; returns true if it did (so the
 * caller must commit). */
static bool
xlate_txn_begin_implicit(void)
{
    if (new_xcfg) {
        return false;
    }
    xlate_txn_start();
    return true;
}

void
xlate_ofproto_set(struct ofproto_dpif *ofproto, const char *name,
                  struct dpif *dpif, const struct mac_learning *ml,
                  bool forward_bpdu)
{
    bool implicit = xlate_txn_begin_implicit();
    struct xbridge *xbridge = xbridge_lookup(new_xcfg, ofproto);

    if (!xbridge) {
        xbridge = xbridge_create(new_xcfg, ofproto);
    }
    xbridge_set(xbridge, name, dpif, ml, forward_bpdu);
    if (implicit) {
        xlate_txn_commit();
    }
}

void
xlate_remove_ofproto(struct ofproto_dpif *ofproto)
{
    xlate_frozen_states_remove(ofproto);
    bool implicit = xlate_txn_begin_implicit();
    struct xbridge *xbridge = xbridge_lookup(new_xcfg, ofproto);

    if (xbridge) {
        xbridge_destroy(new_xcfg, xbridge);
    }
    if (implicit) {
        xlate_txn_commit();
    }
}

void
xlate_bundle_set(struct ofproto_dpif *ofproto, struct ofbundle *ofbundle,
                 const char *name, enum port_vlan_mode vlan_mode, int vlan,
                 const unsigned long *trunks,
                 enum port_priority_tags_mode use_priority_tags,
                 bool floodable, bool protected)
{
    bool implicit = xlate_txn_begin_implicit();
    struct xbridge *xbridge = xbridge_lookup(new_xcfg, ofproto);
    struct xbundle *xbundle = xbundle_lookup(new_xcfg, ofbundle);
    struct xport *xport;

    if (xbridge) {
        if (xbundle && xbundle->xbridge != xbridge) {
            xbundle_destroy(new_xcfg, xbundle);
            xbundle = NULL;
        }
        if (!xbundle) {
            xbundle = xbundle_create(new_xcfg, xbridge, ofbundle);
            /* Adopt the ports that were waiting for this bundle. */
            HMAP_FOR_EACH (xport, hmap_node, &new_xcfg->xports) {
                if (xport->ofbundle == ofbundle) {
                    xport_attach(new_xcfg, xport);
                }
            }
        }
        xbundle_set(xbundle, name, vlan_mode, vlan, trunks,
                    use_priority_tags, floodable, protected);
    }
    if (implicit) {
        xlate_txn_commit();
    }
}

void
xlate_bundle_remove(struct ofbundle *ofbundle)
{
    bool implicit = xlate_txn_begin_implicit();
    struct xbundle *xbundle = xbundle_lookup(new_xcfg, ofbundle);

    if (xbundle) {
        xbundle_destroy(new_xcfg, xbundle);
    }
    if (implicit) {
        xlate_txn_commit();
    }
}

void
xlate_ofport_set(struct ofproto_dpif *ofproto, struct ofbundle *ofbundle,
                 struct ofport_dpif *ofport, ofp_port_t ofp_port,
                 odp_port_t odp_port, const char *name, uint32_t config,
                 uint32_t state, bool may_enable)
{
    bool implicit = xlate_txn_begin_implicit();
    struct xbridge *xbridge = xbridge_lookup(new_xcfg, ofproto);
    struct xport *xport = xport_lookup(new_xcfg, ofport);

    if (xbridge) {
        if (xport && xport->xbridge != xbridge) {
            xport_destroy(new_xcfg, xport);
            xport = NULL;
        }
        if (!xport) {
            xport = xport_create(new_xcfg, xbridge, ofport);
        }
        if (!xport->name || strcmp(xport->name, name ? name : "")) {
            free(xport->name);
            xport->name = xstrdup(name ? name : "");
        }
        xport->config = config;
        xport->state = state;
        xport->may_enable = may_enable;
        xport->ofbundle = ofbundle;
        xport_set_numbers(new_xcfg, xport, ofp_port, odp_port);
        xport_attach(new_xcfg, xport);
    }
    if (implicit) {
        xlate_txn_commit();
    }
}

void
xlate_ofport_remove(struct ofport_dpif *ofport)
{
    bool implicit = xlate_txn_begin_implicit();
    struct xport *xport = xport_lookup(new_xcfg, ofport);

    if (xport) {
        xport_destroy(new_xcfg, xport);
    }
    if (implicit) {
        xlate_txn_commit();
    }
}

uint64_t
xlate_change_seq(void)
{
    return __atomic_load_n(&xlate_seq, __ATOMIC_ACQUIRE);
}

static void
xlate_seq_bump(void)
{
    __atomic_add_fetch(&xlate_seq, 1, __ATOMIC_ACQ_REL);
}

void
xlate_set_rule_ops(const struct xlate_rule_ops *ops)
{
    rule_ops = ops;
}

static uint32_t next_recirc_id = 1;

uint32_t
xlate_alloc_recirc_id(void)
{
    return __atomic_fetch_add(&next_recirc_id, 1, __ATOMIC_RELAXED);
}

void
xlate_packet_in_metadata(uint32_t recirc_id, ofp_port_t in_port,
                         struct match *metadata, uint8_t *table_id,
                         uint8_t **userdata, size_t *userdata_len)
{
    struct flow md;

    *table_id = 0;
    *userdata = NULL;
    *userdata_len = 0;
    if (!xlate_frozen_controller(recirc_id, &md, table_id, userdata,
                                 userdata_len)) {
        memset(&md, 0, sizeof md);
    }
    xlate_metadata_to_match(&md, in_port, metadata);
}

/* Initializes 'metadata' with 'in_port' and the nonzero pipeline metadata
 * fields of 'md', as upstream's packet-ins carry them. */
void
xlate_metadata_to_match(const struct flow *md, ofp_port_t in_port,
                        struct match *metadata)
{
    int i;

    match_init_catchall(metadata);
    match_set_in_port(metadata, in_port);
    if (md->tunnel.tun_id) {
        match_set_tun_id(metadata, md->tunnel.tun_id);
    }
    if (md->tunnel.ip_src) {
        match_set_tun_src(metadata, md->tunnel.ip_src);
    }
    if (md->tunnel.ip_dst) {
        match_set_tun_dst(metadata, md->tunnel.ip_dst);
    }
    if (md->metadata) {
        match_set_metadata(metadata, md->metadata);
    }
    for (i = 0; i < FLOW_N_REGS; i++) {
        if (md->regs[i]) {
            match_set_reg(metadata, i, md->regs[i]);
        }
    }
    if (md->pkt_mark) {
        match_set_pkt_mark(metadata, md->pkt_mark);
    }
    if (md->ct_state) {
        match_set_ct_state(metadata, md->ct_state);
    }
    if (md->ct_zone) {
        match_set_ct_zone(metadata, md->ct_zone);
    }
    if (md->ct_mark) {
        match_set_ct_mark(metadata, md->ct_mark);
    }
}

/* Lookups for other modules. */

static const struct xlate_cfg *
xcfg_get(void)
{
    return rcu_dereference(xcfgp);
}

int
xlate_lookup(const struct dpif *dpif, const struct flow *flow,
             struct ofproto_dpif **ofprotop, ofp_port_t *ofp_in_port)
{
    const struct xport *xport;
    int error = ENODEV;

    rcu_read_lock();
    xport = xport_lookup_by_odp(xcfg_get(), dpif, flow->in_port.odp_port);
    if (xport) {
        if (ofprotop) {
            *ofprotop = xport->xbridge->ofproto;
        }
        if (ofp_in_port) {
            *ofp_in_port = xport->ofp_port;
        }
        error = 0;
    }
    rcu_read_unlock();
    return error;
}

struct ofproto_dpif *
xlate_lookup_bridge_by_name(const char *name)
{
    const struct xlate_cfg *xcfg;
    const struct xbridge *xbridge;
    struct ofproto_dpif *ofproto = NULL;

    rcu_read_lock();
    xcfg = xcfg_get();
    if (xcfg) {
        HMAP_FOR_EACH (xbridge, hmap_node, &xcfg->xbridges) {
            if (!strcmp(xbridge->name, name)) {
                ofproto = xbridge->ofproto;
                break;
            }
        }
    }
    rcu_read_unlock();
    return ofproto;
}

int
xlate_lookup_dpif_by_name(const char *dp_name, struct dpif **dpifp)
{
    const struct xlate_cfg *xcfg;
    const struct xbridge *xbridge;
    struct dpif *found = NULL;
    int error = 0;

    rcu_read_lock();
    xcfg = xcfg_get();
    if (xcfg) {
        HMAP_FOR_EACH (xbridge, hmap_node, &xcfg->xbridges) {
            struct dpif *dpif = xbridge->dpif;

            if (!dpif) {
                continue;
            }
            if (dp_name) {
                if (!strcmp(dpif_name(dpif), dp_name)
                    || !strcmp(dpif_base_name(dpif), dp_name)) {
                    found = dpif;
                    break;
                }
            } else if (found && found != dpif) {
                error = ENODEV;
                break;
            } else {
                found = dpif;
            }
        }
    }
    rcu_read_unlock();
    if (!found) {
        error = ENODEV;
    }
    *dpifp = error ? NULL : found;
    return error;
}

struct dpif *
xlate_ofproto_get_dpif(const struct ofproto_dpif *ofproto)
{
    const struct xbridge *xbridge;
    struct dpif *dpif;

    rcu_read_lock();
    xbridge = xbridge_lookup(xcfg_get(), ofproto);
    dpif = xbridge ? xbridge->dpif : NULL;
    rcu_read_unlock();
    return dpif;
}

odp_port_t
xlate_ofp_port_to_odp_port(const struct ofproto_dpif *ofproto,
                           ofp_port_t ofp_port)
{
    const struct xbridge *xbridge;
    const struct xport *xport = NULL;
    odp_port_t odp_port;

    rcu_read_lock();
    xbridge = xbridge_lookup(xcfg_get(), ofproto);
    if (xbridge) {
        xport = xport_lookup_by_ofp(xbridge, ofp_port);
    }
    odp_port = xport ? xport->odp_port : ODPP_NONE;
    rcu_read_unlock();
    return odp_port;
}

ofp_port_t
xlate_odp_port_to_ofp_port(const struct dpif *dpif, odp_port_t odp_port)
{
    const struct xport *xport;
    ofp_port_t ofp_port;

    rcu_read_lock();
    xport = xport_lookup_by_odp(xcfg_get(), dpif, odp_port);
    ofp_port = xport ? xport->ofp_port : OFPP_NONE;
    rcu_read_unlock();
    return ofp_port;
}

/* Translation. */

const char *
xlate_strerror(enum xlate_error error)
{
    switch (error) {
    case XLATE_OK:
        return "OK";
    case XLATE_BRIDGE_NOT_FOUND:
        return "Bridge not found";
    case XLATE_RECURSION_TOO_DEEP:
        return "Recursion too deep";
    case XLATE_TOO_MANY_RESUBMITS:
        return "Too many resubmits";
    case XLATE_STACK_TOO_DEEP:
        return "Stack too deep";
    case XLATE_NO_RECIRCULATION_CONTEXT:
        return "No recirculation context";
    case XLATE_RECIRCULATION_CONFLICT:
        return "Recirculation conflict";
    case XLATE_TOO_MANY_MPLS_LABELS:
        return "Too many MPLS labels";
    case XLATE_INVALID_TUNNEL_METADATA:
        return "Invalid tunnel metadata";
    case XLATE_UNSUPPORTED_PACKET_TYPE:
        return "Unsupported packet type";
    case XLATE_CONGESTION_DROP:
        return "Congestion drop";
    case XLATE_FORWARDING_DISABLED:
        return "Forwarding is disabled";
    case XLATE_MAX:
        break;
    }
    return "Unknown error";
}

void
xlate_in_init(struct xlate_in *xin, struct ofproto_dpif *ofproto,
              const struct flow *flow, const struct dp_packet *packet,
              struct flow_wildcards *wc, struct ofpbuf *odp_actions)
{
    memset(xin, 0, sizeof *xin);
    xin->ofproto = ofproto;
    xin->flow = *flow;
    xin->packet = packet;
    xin->allow_side_effects = packet != NULL;
    xin->may_learn = packet != NULL;
    xin->wc = wc;
    xin->odp_actions = odp_actions;
}

void
xlate_out_uninit(struct xlate_out *xout OVS_UNUSED)
{
}

/* Appends a trace line of 'ctx', formatted like printf(), indented like
 * the actions of the current table plus 'indent' spaces (0 for an action,
 * 1 for a detail line such as "-> learned ..."). */
void
xlate_report(struct xlate_ctx *ctx, int indent, const char *format, ...)
{
    if (ctx->trace) {
        va_list args;

        ds_put_char_multiple(ctx->trace, ' ', ctx->indent + indent);
        va_start(args, format);
        ds_put_format_valist(ctx->trace, format, args);
        va_end(args);
        ds_put_char(ctx->trace, '\n');
    }
}

/* Formats OpenFlow port 'port' as upstream does in messages. */
static void
ofp_port_format(ofp_port_t port, char *buf, size_t size)
{
    switch (port) {
    case OFPP_IN_PORT:
        snprintf(buf, size, "IN_PORT");
        break;
    case OFPP_TABLE:
        snprintf(buf, size, "TABLE");
        break;
    case OFPP_NORMAL:
        snprintf(buf, size, "NORMAL");
        break;
    case OFPP_FLOOD:
        snprintf(buf, size, "FLOOD");
        break;
    case OFPP_ALL:
        snprintf(buf, size, "ALL");
        break;
    case OFPP_CONTROLLER:
        snprintf(buf, size, "CONTROLLER");
        break;
    case OFPP_LOCAL:
        snprintf(buf, size, "LOCAL");
        break;
    case OFPP_NONE:
        snprintf(buf, size, "NONE");
        break;
    default:
        snprintf(buf, size, "%"PRIu16, port);
        break;
    }
}

/* Emits the VLAN actions that turn the packet as the datapath has it
 * ('ctx->base_flow') into 'ctx->flow': pops the outer tags that differ and
 * pushes the new ones, keeping the inner tags that both share, and marks
 * the outer VLAN header as examined if anything must change. */
static void
commit_vlan(struct xlate_ctx *ctx)
{
    union flow_vlan_hdr *cur = ctx->base_flow.vlans;
    const union flow_vlan_hdr *want = ctx->flow.vlans;
    int n_cur = flow_count_vlan_headers(&ctx->base_flow);
    int n_want = flow_count_vlan_headers(&ctx->flow);
    int keep = 0;
    int i;

    /* Tags that stay, counted from the innermost. */
    while (keep < n_cur && keep < n_want
           && cur[n_cur - 1 - keep].tci == want[n_want - 1 - keep].tci
           && (cur[n_cur - 1 - keep].tpid
               == want[n_want - 1 - keep].tpid)) {
        keep++;
    }
    if (keep == n_cur && keep == n_want) {
        return;
    }

    ctx->wc->masks.vlans[0].tci = htons(0xffff);
    for (i = 0; i < n_cur - keep; i++) {
        ctx->wc->masks.vlans[i].tci = htons(0xffff);
        nl_msg_put_flag(ctx->odp_actions, OVS_ACTION_ATTR_POP_VLAN);
    }
    for (i = n_want - keep - 1; i >= 0; i--) {
        struct ovs_action_push_vlan push;

        push.vlan_tpid = (want[i].tpid ? want[i].tpid
                          : htons(ETH_TYPE_VLAN_8021Q));
        push.vlan_tci = want[i].tci;
        nl_msg_put_unspec(ctx->odp_actions, OVS_ACTION_ATTR_PUSH_VLAN,
                          &push, sizeof push);
    }
    for (i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        cur[i] = i < n_want ? want[i] : (union flow_vlan_hdr) { .qtag = 0 };
    }
}

/* Appends to 'ctx->odp_actions' a masked set action of datapath key
 * attribute 'type' whose value is the 'size' bytes at 'value' and whose
 * mask is the 'size' bytes at 'mask'. */
static void
put_set_masked(struct xlate_ctx *ctx, enum ovs_key_attr type,
               const void *value, const void *mask, size_t size)
{
    size_t ofs = nl_msg_start_nested(ctx->odp_actions,
                                     OVS_ACTION_ATTR_SET_MASKED);
    char *p = nl_msg_put_unspec_uninit(ctx->odp_actions, type, 2 * size);

    memcpy(p, value, size);
    memcpy(p + size, mask, size);
    nl_msg_end_nested(ctx->odp_actions, ofs);
}

/* Sets the 'size' bytes at 'mask' to all-ones if the 'size' bytes at 'a'
 * and 'b' differ, to zeros otherwise.  Returns true if they differ. */
static bool
diff_mask(const void *a, const void *b, void *mask, size_t size)
{
    bool differ = memcmp(a, b, size) != 0;

    memset(mask, differ ? 0xff : 0, size);
    return differ;
}

/* Returns the mask of the parts of the IP TOS byte (DSCP, ECN) that differ
 * between 'a' and 'b'. */
static uint8_t
tos_change_mask(uint8_t a, uint8_t b)
{
    uint8_t diff = a ^ b;

    return ((diff & IP_DSCP_MASK ? IP_DSCP_MASK : 0)
            | (diff & IP_ECN_MASK ? IP_ECN_MASK : 0));
}

/* Appends a masked set of 'type' (ARP, ICMP, ICMPv6 or ND) and, if the
 * datapath cannot rewrite such headers (a kernel module), sends the flow
 * through the slow path: upcalls then execute it with userspace's help and
 * install no datapath flow. */
static void
put_set_l3_extra(struct xlate_ctx *ctx, enum ovs_key_attr type,
                 const void *value, const void *mask, size_t size)
{
    const struct dpif_backer *backer
        = ofproto_dpif_get_backer(ctx->xin->ofproto);

    put_set_masked(ctx, type, value, mask, size);
    if (!backer->set_arp_icmp_nd) {
        ctx->xout->slow |= SLOW_ACTION;
    }
}

/* Commits the ARP (or RARP) fields of 'ctx->flow' that differ from
 * 'ctx->base_flow': opcode, sender and target protocol and hardware
 * addresses, as one masked set. */
static void
commit_arp(struct xlate_ctx *ctx)
{
    struct flow *base = &ctx->base_flow;
    const struct flow *flow = &ctx->flow;
    struct flow_wildcards *wc = ctx->wc;
    struct ovs_key_arp key, mask;
    bool changed = false;

    if ((flow->dl_type != htons(ETH_TYPE_ARP)
         && flow->dl_type != htons(ETH_TYPE_RARP))
        || base->dl_type != flow->dl_type) {
        return;
    }
    memset(&key, 0, sizeof key);
    memset(&mask, 0, sizeof mask);
    if (flow->nw_src != base->nw_src) {
        key.arp_sip = flow->nw_src;
        mask.arp_sip = htonl(UINT32_MAX);
        WC_MASK_FIELD(wc, nw_src);
        changed = true;
    }
    if (flow->nw_dst != base->nw_dst) {
        key.arp_tip = flow->nw_dst;
        mask.arp_tip = htonl(UINT32_MAX);
        WC_MASK_FIELD(wc, nw_dst);
        changed = true;
    }
    if (flow->nw_proto != base->nw_proto) {
        key.arp_op = htons(flow->nw_proto);
        mask.arp_op = htons(UINT16_MAX);
        WC_MASK_FIELD(wc, nw_proto);
        changed = true;
    }
    if (diff_mask(&flow->arp_sha, &base->arp_sha, mask.arp_sha,
                  ETH_ADDR_LEN)) {
        memcpy(key.arp_sha, flow->arp_sha.ea, ETH_ADDR_LEN);
        WC_MASK_FIELD(wc, arp_sha);
        changed = true;
    }
    if (diff_mask(&flow->arp_tha, &base->arp_tha, mask.arp_tha,
                  ETH_ADDR_LEN)) {
        memcpy(key.arp_tha, flow->arp_tha.ea, ETH_ADDR_LEN);
        WC_MASK_FIELD(wc, arp_tha);
        changed = true;
    }
    if (changed) {
        put_set_l3_extra(ctx, OVS_KEY_ATTR_ARP, &key, &mask, sizeof key);
        base->nw_src = flow->nw_src;
        base->nw_dst = flow->nw_dst;
        base->nw_proto = flow->nw_proto;
        base->arp_sha = flow->arp_sha;
        base->arp_tha = flow->arp_tha;
    }
}

/* Commits the ICMP or ICMPv6 type and code of 'ctx->flow' (kept in tp_src
 * and tp_dst) that differ from 'ctx->base_flow'. */
static void
commit_icmp(struct xlate_ctx *ctx)
{
    struct flow *base = &ctx->base_flow;
    const struct flow *flow = &ctx->flow;
    struct flow_wildcards *wc = ctx->wc;
    struct ovs_key_icmp key, mask;  /* Same layout as ovs_key_icmpv6. */
    enum ovs_key_attr type;

    if (!is_ip_any(base) || base->dl_type != flow->dl_type
        || base->nw_proto != flow->nw_proto
        || (flow->tp_src == base->tp_src && flow->tp_dst == base->tp_dst)) {
        return;
    }
    if (flow->dl_type == htons(ETH_TYPE_IP)
        && flow->nw_proto == IPPROTO_ICMP) {
        type = OVS_KEY_ATTR_ICMP;
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)
               && flow->nw_proto == IPPROTO_ICMPV6) {
        type = OVS_KEY_ATTR_ICMPV6;
    } else {
        return;
    }
    /* As upstream, type and code are set together. */
    key.icmp_type = ntohs(flow->tp_src);
    key.icmp_code = ntohs(flow->tp_dst);
    mask.icmp_type = mask.icmp_code = UINT8_MAX;
    WC_MASK_FIELD(wc, tp_src);
    WC_MASK_FIELD(wc, tp_dst);
    put_set_l3_extra(ctx, type, &key, &mask, sizeof key);
    base->tp_src = flow->tp_src;
    base->tp_dst = flow->tp_dst;
}

/* Commits the IPv6 neighbor discovery target and link-layer address
 * options of 'ctx->flow' that differ from 'ctx->base_flow', for a neighbor
 * solicitation or advertisement. */
static void
commit_nd(struct xlate_ctx *ctx)
{
    struct flow *base = &ctx->base_flow;
    const struct flow *flow = &ctx->flow;
    struct flow_wildcards *wc = ctx->wc;
    struct ovs_key_nd key, mask;
    bool changed = false;

    if (flow->dl_type != htons(ETH_TYPE_IPV6)
        || base->dl_type != flow->dl_type
        || flow->nw_proto != IPPROTO_ICMPV6
        || base->nw_proto != IPPROTO_ICMPV6
        || (flow->tp_src != htons(ND_NEIGHBOR_SOLICIT)
            && flow->tp_src != htons(ND_NEIGHBOR_ADVERT))
        || flow->tp_dst != htons(0)) {
        return;
    }
    memset(&key, 0, sizeof key);
    memset(&mask, 0, sizeof mask);
    if (diff_mask(&flow->nd_target, &base->nd_target, mask.nd_target,
                  sizeof mask.nd_target)) {
        memcpy(key.nd_target, &flow->nd_target, sizeof key.nd_target);
        WC_MASK_FIELD(wc, nd_target);
        changed = true;
    }
    if (diff_mask(&flow->arp_sha, &base->arp_sha, mask.nd_sll,
                  ETH_ADDR_LEN)) {
        memcpy(key.nd_sll, flow->arp_sha.ea, ETH_ADDR_LEN);
        WC_MASK_FIELD(wc, arp_sha);
        changed = true;
    }
    if (diff_mask(&flow->arp_tha, &base->arp_tha, mask.nd_tll,
                  ETH_ADDR_LEN)) {
        memcpy(key.nd_tll, flow->arp_tha.ea, ETH_ADDR_LEN);
        WC_MASK_FIELD(wc, arp_tha);
        changed = true;
    }
    if (changed) {
        put_set_l3_extra(ctx, OVS_KEY_ATTR_ND, &key, &mask, sizeof key);
        base->nd_target = flow->nd_target;
        base->arp_sha = flow->arp_sha;
        base->arp_tha = flow->arp_tha;
    }
}

/* Emits the datapath actions that turn the packet as the datapath has it
 * ('ctx->base_flow') into 'ctx->flow': masked sets of the header fields
 * that changed (Ethernet, IPv4/IPv6, TCP/UDP/SCTP ports, ARP, ICMP and
 * ICMPv6 type and code, ND target and link-layer addresses, packet mark) and
 * VLAN pushes and pops, and marks the fields changed as examined, so that
 * the megaflow holds only packets for which those actions are right. */
void
commit_changes(struct xlate_ctx *ctx)
{
    struct flow *base = &ctx->base_flow;
    const struct flow *flow = &ctx->flow;
    struct flow_wildcards *wc = ctx->wc;

    /* Ethernet. */
    {
        struct ovs_key_ethernet key, mask;
        bool src = diff_mask(&flow->dl_src, &base->dl_src, mask.eth_src,
                             sizeof mask.eth_src);
        bool dst = diff_mask(&flow->dl_dst, &base->dl_dst, mask.eth_dst,
                             sizeof mask.eth_dst);

        if (src || dst) {
            memcpy(key.eth_src, flow->dl_src.ea, ETH_ADDR_LEN);
            memcpy(key.eth_dst, flow->dl_dst.ea, ETH_ADDR_LEN);
            put_set_masked(ctx, OVS_KEY_ATTR_ETHERNET, &key, &mask,
                           sizeof key);
            if (src) {
                WC_MASK_FIELD(wc, dl_src);
            }
            if (dst) {
                WC_MASK_FIELD(wc, dl_dst);
            }
            base->dl_src = flow->dl_src;
            base->dl_dst = flow->dl_dst;
        }
    }

    commit_vlan(ctx);

    /* IPv4 and IPv6 (as upstream, not for a packet whose IP protocol is
     * 0, which may not really have an L3 header). */
    if (!base->nw_proto) {
        /* Nothing. */
    } else if (flow->dl_type == htons(ETH_TYPE_IP)
               && base->dl_type == flow->dl_type) {
        struct ovs_key_ipv4 key, mask;
        bool changed = false;

        memset(&key, 0, sizeof key);
        memset(&mask, 0, sizeof mask);
        if (flow->nw_src != base->nw_src) {
            key.ipv4_src = flow->nw_src;
            mask.ipv4_src = htonl(UINT32_MAX);
            WC_MASK_FIELD(wc, nw_src);
            changed = true;
        }
        if (flow->nw_dst != base->nw_dst) {
            key.ipv4_dst = flow->nw_dst;
            mask.ipv4_dst = htonl(UINT32_MAX);
            WC_MASK_FIELD(wc, nw_dst);
            changed = true;
        }
        if (flow->nw_tos != base->nw_tos) {
            mask.ipv4_tos = tos_change_mask(flow->nw_tos, base->nw_tos);
            key.ipv4_tos = flow->nw_tos & mask.ipv4_tos;
            wc->masks.nw_tos |= mask.ipv4_tos;
            changed = true;
        }
        if (flow->nw_ttl != base->nw_ttl) {
            key.ipv4_ttl = flow->nw_ttl;
            mask.ipv4_ttl = UINT8_MAX;
            WC_MASK_FIELD(wc, nw_ttl);
            changed = true;
        }
        if (changed) {
            put_set_masked(ctx, OVS_KEY_ATTR_IPV4, &key, &mask, sizeof key);
            base->nw_src = flow->nw_src;
            base->nw_dst = flow->nw_dst;
            base->nw_tos = flow->nw_tos;
            base->nw_ttl = flow->nw_ttl;
        }
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)
               && base->dl_type == flow->dl_type) {
        struct ovs_key_ipv6 key, mask;
        bool changed = false;

        memset(&key, 0, sizeof key);
        memset(&mask, 0, sizeof mask);
        if (memcmp(&flow->ipv6_src, &base->ipv6_src, 16)) {
            memcpy(&key.ipv6_src, &flow->ipv6_src, 16);
            memset(&mask.ipv6_src, 0xff, 16);
            WC_MASK_FIELD(wc, ipv6_src);
            changed = true;
        }
        if (memcmp(&flow->ipv6_dst, &base->ipv6_dst, 16)) {
            memcpy(&key.ipv6_dst, &flow->ipv6_dst, 16);
            memset(&mask.ipv6_dst, 0xff, 16);
            WC_MASK_FIELD(wc, ipv6_dst);
            changed = true;
        }
        if (flow->ipv6_label != base->ipv6_label) {
            key.ipv6_label = flow->ipv6_label;
            mask.ipv6_label = htonl(0xfffff);
            WC_MASK_FIELD(wc, ipv6_label);
            changed = true;
        }
        if (flow->nw_tos != base->nw_tos) {
            mask.ipv6_tclass = tos_change_mask(flow->nw_tos, base->nw_tos);
            key.ipv6_tclass = flow->nw_tos & mask.ipv6_tclass;
            wc->masks.nw_tos |= mask.ipv6_tclass;
            changed = true;
        }
        if (flow->nw_ttl != base->nw_ttl) {
            key.ipv6_hlimit = flow->nw_ttl;
            mask.ipv6_hlimit = UINT8_MAX;
            WC_MASK_FIELD(wc, nw_ttl);
            changed = true;
        }
        if (changed) {
            put_set_masked(ctx, OVS_KEY_ATTR_IPV6, &key, &mask, sizeof key);
            base->ipv6_src = flow->ipv6_src;
            base->ipv6_dst = flow->ipv6_dst;
            base->ipv6_label = flow->ipv6_label;
            base->nw_tos = flow->nw_tos;
            base->nw_ttl = flow->nw_ttl;
        }
    }

    /* Transport ports. */
    if (is_ip_any(base) && base->nw_proto == flow->nw_proto
        && (flow->nw_proto == IPPROTO_TCP || flow->nw_proto == IPPROTO_UDP
            || flow->nw_proto == IPPROTO_SCTP)
        && (flow->tp_src != base->tp_src || flow->tp_dst != base->tp_dst)) {
        struct ovs_key_tcp key, mask;   /* Same layout for UDP, SCTP. */
        enum ovs_key_attr type = (flow->nw_proto == IPPROTO_TCP
                                  ? OVS_KEY_ATTR_TCP
                                  : flow->nw_proto == IPPROTO_UDP
                                  ? OVS_KEY_ATTR_UDP : OVS_KEY_ATTR_SCTP);

        memset(&key, 0, sizeof key);
        memset(&mask, 0, sizeof mask);
        if (flow->tp_src != base->tp_src) {
            key.tcp_src = flow->tp_src;
            mask.tcp_src = htons(UINT16_MAX);
            WC_MASK_FIELD(wc, tp_src);
        }
        if (flow->tp_dst != base->tp_dst) {
            key.tcp_dst = flow->tp_dst;
            mask.tcp_dst = htons(UINT16_MAX);
            WC_MASK_FIELD(wc, tp_dst);
        }
        put_set_masked(ctx, type, &key, &mask, sizeof key);
        base->tp_src = flow->tp_src;
        base->tp_dst = flow->tp_dst;
    }

    commit_arp(ctx);
    commit_icmp(ctx);
    commit_nd(ctx);

    /* Packet priority (QoS queue) and mark. */
    if (flow->skb_priority != base->skb_priority) {
        size_t ofs = nl_msg_start_nested(ctx->odp_actions,
                                         OVS_ACTION_ATTR_SET);

        nl_msg_put_u32(ctx->odp_actions, OVS_KEY_ATTR_PRIORITY,
                       flow->skb_priority);
        nl_msg_end_nested(ctx->odp_actions, ofs);
        WC_MASK_FIELD(wc, skb_priority);
        base->skb_priority = flow->skb_priority;
    }
    if (flow->pkt_mark != base->pkt_mark) {
        uint32_t mask = UINT32_MAX;

        put_set_masked(ctx, OVS_KEY_ATTR_SKB_MARK, &flow->pkt_mark, &mask,
                       sizeof mask);
        WC_MASK_FIELD(wc, pkt_mark);
        base->pkt_mark = flow->pkt_mark;
    }
}

/* Outputs the current flow to 'xport' (after committing the changes made
 * to it so far). */
void
compose_output(struct xlate_ctx *ctx, const struct xport *xport)
{
    if (xport->odp_port == ODPP_NONE
        || xport->config & (XLATE_PC_PORT_DOWN | XLATE_PC_NO_FWD)
        || !xport->may_enable) {
        return;
    }
    commit_changes(ctx);
    nl_msg_put_odp_port(ctx->odp_actions, OVS_ACTION_ATTR_OUTPUT,
                        xport->odp_port);
}

/* Returns the port of 'xbundle' to output through, or NULL if none may be
 * used. */
static const struct xport *
xbundle_output_port(const struct xbundle *xbundle)
{
    const struct xport *xport;

    LIST_FOR_EACH (xport, bundle_node, &xbundle->xports) {
        if (xport->may_enable
            && !(xport->config & (XLATE_PC_PORT_DOWN | XLATE_PC_NO_FWD))
            && xport->odp_port != ODPP_NONE) {
            return xport;
        }
    }
    return NULL;
}

/* Returns true if 'xbundle' carries VLAN 'vlan'. */
static bool
xbundle_includes_vlan(const struct xbundle *xbundle, uint16_t vlan)
{
    switch (xbundle->vlan_mode) {
    case PORT_VLAN_ACCESS:
        return vlan == xbundle->vlan;
    case PORT_VLAN_TRUNK:
        return vlan_bitmap_contains(xbundle->trunks, vlan);
    case PORT_VLAN_NATIVE_TAGGED:
    case PORT_VLAN_NATIVE_UNTAGGED:
        return (vlan == xbundle->vlan
                || vlan_bitmap_contains(xbundle->trunks, vlan));
    case PORT_VLAN_DOT1Q_TUNNEL:
        return vlan == xbundle->vlan;
    }
    return false;
}

/* The VLAN context of a packet inside NORMAL. */
struct xvlan {
    uint16_t vlan;              /* The packet's VLAN in the bridge. */
    ovs_be16 pcp;               /* Its priority bits (VLAN_PCP_MASK). */
    bool tagged;                /* Did it carry (or get) a tag? */
};

/* Sends the packet out of 'out' in VLAN 'xv', tagging it as the bundle's
 * mode demands. */
static void
output_normal(struct xlate_ctx *ctx, const struct xbundle *out,
              const struct xvlan *xv)
{
    const struct xport *xport = xbundle_output_port(out);
    union flow_vlan_hdr saved = ctx->flow.vlans[0];
    bool untag;
    bool tagged;
    uint16_t vid;

    if (!xport) {
        return;
    }

    untag = (out->vlan_mode == PORT_VLAN_ACCESS
             || (out->vlan_mode == PORT_VLAN_NATIVE_UNTAGGED
                 && xv->vlan == out->vlan));
    if (untag) {
        /* A priority tag carries a nonzero PCP: upstream's "always" adds
         * none for PCP 0 either (observed with its ofproto/trace). */
        vid = 0;
        tagged = (out->use_priority_tags != PORT_PRIORITY_TAGS_NEVER
                  && xv->pcp);
    } else {
        vid = xv->vlan;
        tagged = vid || (xv->tagged && xv->pcp);
    }
    if (tagged) {
        ctx->flow.vlans[0].tpid = (saved.tci & htons(VLAN_CFI)
                                   ? saved.tpid
                                   : htons(ETH_TYPE_VLAN_8021Q));
        ctx->flow.vlans[0].tci = htons(vid) | xv->pcp | htons(VLAN_CFI);
    } else {
        ctx->flow.vlans[0].qtag = 0;
    }
    compose_output(ctx, xport);
    ctx->flow.vlans[0] = saved;
}

/* Reports a packet dropped by NORMAL for an input problem: a warning line
 * framed by ">>>> <<<<" and a conclusion line. */
void
xlate_report_drop(struct xlate_ctx *ctx, const char *format, ...)
{
    if (ctx->trace) {
        va_list args;

        ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 1);
        ds_put_cstr(ctx->trace, ">>>> ");
        va_start(args, format);
        ds_put_format_valist(ctx->trace, format, args);
        va_end(args);
        ds_put_cstr(ctx->trace, " <<<<\n");
    }
}

/* Logs, as upstream's switch does (a warning of this module, rate
 * limited), that a learn action that translating a packet with 'flow' on
 * bridge 'bridge' executed failed with 'error'. */
void
xlate_report_learn_error(const char *bridge, const struct flow *flow,
                         enum ofperr error)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    struct ds s;

    if (VLOG_DROP_WARN(&rl)) {
        return;
    }
    ds_init(&s);
    flow_format(&s, flow);
    VLOG_WARN("LEARN action execution failed (%s). on bridge %s while "
              "processing %s", ofperr_to_string(error), bridge,
              ds_cstr(&s));
    ds_destroy(&s);
}

/* Computes the VLAN of the flow received on 'in' into '*xv'.  Returns
 * false (and reports why) if 'in' does not accept it. */
static bool
input_vlan(struct xlate_ctx *ctx, const struct xbundle *in,
           struct xvlan *xv)
{
    ovs_be16 tci = ctx->flow.vlans[0].tci;
    bool tagged = (tci & htons(VLAN_CFI)) != 0;
    uint16_t vid = tagged ? vlan_tci_to_vid(tci) : 0;

    xv->pcp = tagged ? tci & htons(VLAN_PCP_MASK) : 0;
    xv->tagged = tagged;
    switch (in->vlan_mode) {
    case PORT_VLAN_ACCESS:
    case PORT_VLAN_DOT1Q_TUNNEL:
        if (vid) {
            xlate_report_drop(ctx, "dropping VLAN %"PRIu16" tagged packet "
                              "received on port %s configured as VLAN %d "
                              "access port", vid, in->name, in->vlan);
            return false;
        }
        xv->vlan = in->vlan;
        xv->tagged = true;
        return true;

    case PORT_VLAN_NATIVE_TAGGED:
    case PORT_VLAN_NATIVE_UNTAGGED:
        if (!vid) {
            xv->vlan = in->vlan;
            xv->tagged = true;
            return true;
        }
        if (vid == in->vlan) {
            xv->vlan = vid;
            return true;
        }
        /* Fall through. */
    case PORT_VLAN_TRUNK:
        if (!vlan_bitmap_contains(in->trunks, vid)) {
            xlate_report_drop(ctx, "dropping VLAN %"PRIu16" packet received "
                              "on port %s not configured for trunking VLAN "
                              "%"PRIu16, vid, in->name, vid);
            return false;
        }
        xv->vlan = vid;
        return true;
    }
    return false;
}

/* Returns true if the flow is a gratuitous ARP (a broadcast ARP reply, or
 * a broadcast ARP request whose sender and target addresses are equal),
 * marking the fields examined. */
static bool
is_gratuitous_arp(struct xlate_ctx *ctx)
{
    const struct flow *flow = &ctx->flow;
    struct flow_wildcards *wc = ctx->wc;

    if (flow->dl_type != htons(ETH_TYPE_ARP)) {
        return false;
    }
    WC_MASK_FIELD(wc, dl_dst);
    if (!eth_addr_is_broadcast(flow->dl_dst)) {
        return false;
    }
    WC_MASK_FIELD(wc, nw_proto);
    if (flow->nw_proto == 2) {
        return true;            /* ARP reply. */
    } else if (flow->nw_proto == 1) {
        WC_MASK_FIELD(wc, nw_src);
        WC_MASK_FIELD(wc, nw_dst);
        return flow->nw_src == flow->nw_dst;
    }
    return false;
}

/* Learns the flow's source MAC on 'in' in VLAN 'vlan'. */
static void
update_learning_table(struct xlate_ctx *ctx, const struct xbundle *in,
                      uint16_t vlan, bool is_grat_arp)
{
    struct mac_learning *ml = ctx->xbridge->ml;

    if (!ml || !mac_learning_may_learn(ml, ctx->flow.dl_src, vlan)) {
        return;
    }
    if (mac_learning_update(ml, ctx->flow.dl_src, vlan, is_grat_arp, false,
                            in->ofbundle)) {
        xlate_seq_bump();
        xlate_report(ctx, 1, "-> learned that "ETH_ADDR_FMT" is on port %s "
                     "in VLAN %"PRIu16, ETH_ADDR_ARGS(ctx->flow.dl_src),
                     in->name, vlan);
    }
}

/* Floods the packet to every bundle of VLAN 'xv->vlan' but 'in'. */
static void
flood_normal(struct xlate_ctx *ctx, const struct xbundle *in,
             const struct xvlan *xv)
{
    const struct xbundle *xbundle;

    LIST_FOR_EACH (xbundle, list_node, &ctx->xbridge->xbundles) {
        if (xbundle != in
            && xbundle->floodable
            && xbundle_includes_vlan(xbundle, xv->vlan)
            && !(in->protected && xbundle->protected)) {
            output_normal(ctx, xbundle, xv);
        }
    }
}

/* The NORMAL action: an 802.1Q learning switch. */
static void
xlate_normal(struct xlate_ctx *ctx)
{
    struct flow_wildcards *wc = ctx->wc;
    struct flow *flow = &ctx->flow;
    const struct xlate_cfg *xcfg = xcfg_get();
    const struct xbundle *in, *out;
    const struct xport *in_xport;
    struct mac_learning *ml = ctx->xbridge->ml;
    struct ofbundle *learned = NULL;
    bool is_grat_arp;
    struct xvlan xv;

    WC_MASK_FIELD(wc, dl_src);
    WC_MASK_FIELD(wc, dl_dst);
    wc->masks.vlans[0].tci |= htons(VLAN_VID_MASK | VLAN_CFI);

    in_xport = xport_lookup_by_ofp(ctx->xbridge, flow->in_port.ofp_port);
    in = in_xport ? in_xport->xbundle : NULL;
    if (!in) {
        char name[16];

        ofp_port_format(flow->in_port.ofp_port, name, sizeof name);
        xlate_report_drop(ctx, "received packet on unknown port %s", name);
        xlate_report(ctx, 1, ">> no input bundle, dropping");
        return;
    }

    /* A VLAN Ethertype without a tag is a malformed frame. */
    if (flow->dl_type == htons(ETH_TYPE_VLAN_8021Q)
        && !(flow->vlans[0].tci & htons(VLAN_CFI))) {
        xlate_report(ctx, 1, "-> dropping packet with partial VLAN tag");
        return;
    }

    if (!input_vlan(ctx, in, &xv)) {
        xlate_report(ctx, 1, ">> disallowed VLAN VID for this input port, "
                     "dropping");
        return;
    }

    if (!ctx->xbridge->forward_bpdu && eth_addr_is_reserved(flow->dl_dst)) {
        xlate_report(ctx, 1, "-> packet has reserved destination MAC, "
                     "dropping");
        return;
    }

    is_grat_arp = is_gratuitous_arp(ctx);
    if (ctx->xin->allow_side_effects && ctx->xin->may_learn) {
        update_learning_table(ctx, in, xv.vlan, is_grat_arp);
    }

    if (ml && !eth_addr_is_multicast(flow->dl_dst)) {
        const struct mac_entry *e;

        ovs_rwlock_rdlock(&ml->rwlock);
        e = mac_learning_lookup(ml, flow->dl_dst, xv.vlan);
        if (e) {
            learned = mac_entry_get_port(ml, e);
        }
        ovs_rwlock_unlock(&ml->rwlock);
    }

    out = learned ? xbundle_lookup(xcfg, learned) : NULL;
    if (out) {
        if (out == in) {
            xlate_report(ctx, 1, "-> learned port is input port, dropping");
        } else if (in->protected && out->protected) {
            xlate_report(ctx, 1, "-> protected bundle, dropping");
        } else {
            xlate_report(ctx, 1, "-> forwarding to learned port");
            output_normal(ctx, out, &xv);
        }
    } else {
        xlate_report(ctx, 1, "-> no learned MAC for destination, flooding");
        flood_normal(ctx, in, &xv);
    }
}

/* Outputs to every port of the bridge but the input port (OFPP_ALL), or
 * to every port but the input port and those with flooding disabled
 * (OFPP_FLOOD), without VLAN processing.  The ports come in the order of
 * the bridge's hash map of ports by OpenFlow port number, as upstream
 * lists them. */
void
flood_packets(struct xlate_ctx *ctx, bool all)
{
    const struct xport *xport;

    HMAP_FOR_EACH (xport, ofp_node, &ctx->xbridge->xports) {
        if (!xport->xbundle || (!all && !xport->xbundle->floodable)) {
            continue;
        }
        if (xport->ofp_port != ctx->flow.in_port.ofp_port) {
            compose_output(ctx, xport);
        }
    }
}

/* Returns true if 'rule' is a table-miss flow: priority 0, matching every
 * packet.  Its controller actions send packet-ins with the internal reason
 * OFPR_EXPLICIT_MISS, which OpenFlow 1.3+ controllers see as "no_match"
 * and older ones as "action", as upstream. */
static bool
rule_is_table_miss(const struct rule *rule)
{
    return rule && rule->cr.priority == 0 && cls_rule_is_catchall(&rule->cr);
}

static void xlate_table_action__(struct xlate_ctx *, ofp_port_t in_port,
                                 uint8_t table_id, bool tail,
                                 bool honor_table_miss, bool show_final);

/* Sends the packet to the controller: a userspace action whose cookie
 * tells the upcall handler to send a packet-in with 'reason',
 * 'controller_id' and at most 'max_len' bytes of the packet. */
void
xlate_controller_action(struct xlate_ctx *ctx, uint16_t max_len,
                        enum ofp_packet_in_reason reason,
                        uint16_t controller_id)
{
    xlate_controller_action__(ctx, max_len, reason, controller_id, NULL, 0,
                              0);
}

/* Like xlate_controller_action(), with 'userdata_len' bytes of 'userdata'
 * for the packet-in, or for a paused pipeline ('continuation_id' nonzero)
 * the id of its frozen state (which holds the userdata). */
void
xlate_controller_action__(struct xlate_ctx *ctx, uint16_t max_len,
                          enum ofp_packet_in_reason reason,
                          uint16_t controller_id, const uint8_t *userdata,
                          size_t userdata_len, uint32_t continuation_id)
{
    struct user_action_cookie cookie;
    const struct xport *in_xport;
    uint64_t rule_cookie;
    size_t meter_ofs[2];
    uint32_t pid;
    bool metered;

    /* Upstream's internal reasons, which connmgr turns into what each
     * connection's OpenFlow version knows. */
    if (reason == OFPR_ACTION) {
        if (ctx->in_action_set) {
            reason = OFPR_ACTION_SET;
        } else if (ctx->xin->ofpacts) {
            /* Anywhere in a packet-out's translation, as upstream. */
            reason = OFPR_PACKET_OUT;
        } else if (rule_is_table_miss(ctx->rule)) {
            reason = OFPR_EXPLICIT_MISS;
        }
    }

    commit_changes(ctx);
    memset(&cookie, 0, sizeof cookie);
    cookie.type = USER_ACTION_COOKIE_CONTROLLER;
    cookie.ofp_in_port = ctx->xin->flow.in_port.ofp_port;
    cookie.reason = reason;
    /* As upstream: a trace without side effects must not send packet-ins
     * (revalidation, which has none either, must reproduce the installed
     * actions, so it does not count). */
    cookie.dont_send = ctx->xin->trace && !ctx->xin->allow_side_effects;
    cookie.continuation = continuation_id != 0;
    cookie.recirc_id = (continuation_id ? continuation_id
                        : xlate_freeze_controller(ctx, userdata,
                                                  userdata_len));
    /* A packet-out's own actions have no rule: all-ones, which packet-ins
     * leave out. */
    rule_cookie = ntohll(ctx->rule_cookie);
    cookie.rule_cookie_hi = htonl(rule_cookie >> 32);
    cookie.rule_cookie_lo = htonl(rule_cookie);
    cookie.controller_id = controller_id;
    cookie.max_len = max_len;
    metered = xlate_controller_meter_start(ctx->xbridge->ofproto,
                                           ctx->odp_actions, meter_ofs);
    /* The kernel datapath without per-CPU dispatch sends the upcall to the
     * port id the action names: one of the input port's handlers. */
    in_xport = xport_lookup_by_ofp(ctx->xbridge,
                                   ctx->xin->flow.in_port.ofp_port);
    pid = dpif_port_get_pid(ctx->xbridge->dpif,
                            in_xport ? in_xport->odp_port : ODPP_NONE);
    odp_put_userspace_action(pid, &cookie, sizeof cookie, ODPP_NONE, false,
                             ctx->odp_actions);
    if (metered) {
        xlate_controller_meter_end(ctx->odp_actions, meter_ofs);
    }
}

/* Translates the OpenFlow output action to 'port' ('max_len' applies to
 * OFPP_CONTROLLER). */
void
xlate_output(struct xlate_ctx *ctx, ofp_port_t port, uint16_t max_len)
{
    const struct xport *xport;

    switch (port) {
    case OFPP_NORMAL:
        xlate_normal(ctx);
        break;
    case OFPP_FLOOD:
        flood_packets(ctx, false);
        break;
    case OFPP_ALL:
        flood_packets(ctx, true);
        break;
    case OFPP_IN_PORT:
        xport = xport_lookup_by_ofp(ctx->xbridge,
                                    ctx->flow.in_port.ofp_port);
        if (xport) {
            compose_output(ctx, xport);
        }
        break;
    case OFPP_CONTROLLER:
        xlate_controller_action(ctx, max_len, OFPR_ACTION, 0);
        break;
    case OFPP_TABLE:
        /* Only packet-outs may output to OFPP_TABLE: the packet goes
         * through the pipeline from table 0. */
        if (ctx->xin->ofpacts && !ctx->depth) {
            xlate_table_action__(ctx, OFPP_IN_PORT, 0, false, true, true);
        }
        break;
    case OFPP_NONE:
        break;
    default:
        if (port == ctx->flow.in_port.ofp_port) {
            xlate_report(ctx, 1, ">> skipping output to input port");
            break;
        }
        xport = xport_lookup_by_ofp(ctx->xbridge, port);
        if (xport) {
            compose_output(ctx, xport);
        } else {
            xlate_report(ctx, 1, ">> Nonexistent output port");
        }
        break;
    }
}

/* Appends to the trace the line that opens table 'table_id' at
 * 'line_indent' spaces: "N. MATCH, priority P, cookie C" for 'rule', "N.
 * No match." if 'rule' is NULL. */
static void
xlate_trace_table(struct xlate_ctx *ctx, int line_indent, uint8_t table_id,
                  const struct rule *rule)
{
    struct ds *s = ctx->trace;

    if (!s) {
        return;
    }
    ds_put_char_multiple(s, ' ', line_indent);
    ds_put_format(s, "%2d. ", table_id);
    if (!rule) {
        ds_put_cstr(s, "No match.\n");
        return;
    }
    if (!cls_rule_is_catchall(&rule->cr)) {
        struct match match;

        minimatch_expand(&rule->cr.match, &match);
        match_format(&match, NULL, s, OFP_DEFAULT_PRIORITY);
        ds_put_cstr(s, ", ");
    }
    ds_put_format(s, "priority %d", rule->cr.priority);
    if (rule->flow_cookie) {
        ds_put_format(s, ", cookie %#"PRIx64, ntohll(rule->flow_cookie));
    }
    ds_put_char(s, '\n');
}


/* Re-indents the trace lines of 's' from offset 'start' on, which show a
 * table reached from another one as nested, as a tail call instead: the
 * table's own line moves left by 4 spaces, the others by 8. */
static void
xlate_trace_unnest(struct ds *s, size_t start)
{
    struct ds block = DS_EMPTY_INITIALIZER;
    const char *p = s->string + start;
    const char *end = s->string + s->length;
    bool first = true;

    while (p < end) {
        const char *nl = memchr(p, '\n', end - p);
        size_t len = nl ? nl - p + 1 : end - p;
        size_t skip = first ? 4 : 8;
        size_t spaces = 0;

        while (spaces < skip && spaces < len && p[spaces] == ' ') {
            spaces++;
        }
        ds_put_buffer(&block, p + spaces, len - spaces);
        p += len;
        first = false;
    }
    s->length = start;
    ds_put_buffer(s, block.string, block.length);
    ds_destroy(&block);
}

/* Counts a lookup in table 'table_id' in the table's statistics, as many
 * times as packets the translation stands for: those of 'resubmit_stats'
 * (revalidation pushing datapath flow statistics), or the one packet being
 * translated.  Traces and plain revalidation count nothing, as upstream. */
static void
xlate_count_lookup(struct xlate_ctx *ctx, uint8_t table_id, bool matched)
{
    const struct xlate_in *xin = ctx->xin;
    uint64_t n_packets = (xin->resubmit_stats ? xin->resubmit_stats->n_packets
                          : xin->packet ? 1 : 0);

    if (n_packets && rule_ops->count_lookup) {
        rule_ops->count_lookup(xin->ofproto, table_id, matched, n_packets);
    }
}

/* Looks up table 'table_id' for the current flow, with its input port
 * temporarily 'in_port' (unless that is OFPP_IN_PORT), and translates the
 * actions of the rule found.  If no rule matches and 'honor_table_miss' is
 * false (resubmit), the lookup just drops; otherwise (table 0, goto_table,
 * OFPP_TABLE) the table's table-miss behaviour applies: drop, continue to
 * the next table, or send to the controller.  'tail' says whether the
 * lookup is the last action of the rule being translated (which only
 * changes how the trace is indented).  'show_final' makes the trace name
 * the table where the lookups ended rather than 'table_id' (as upstream
 * does for the pipeline's first lookup). */
static void
xlate_table_action__(struct xlate_ctx *ctx, ofp_port_t in_port,
                     uint8_t table_id, bool tail, bool honor_table_miss,
                     bool show_final)
{
    enum xlate_table_miss miss = XLATE_MISS_DROP;
    int saved_indent = ctx->indent;
    uint8_t saved_table_id = ctx->table_id;
    ovs_be64 saved_rule_cookie = ctx->rule_cookie;
    struct rule *saved_rule = ctx->rule;
    union flow_in_port saved_in_port = ctx->flow.in_port;
    uint8_t shown_table_id = table_id;
    size_t trace_start;
    struct rule *rule;
    int line_indent;
    bool nested;

    if (ctx->error) {
        return;
    }
    /* Table 0's lookup does not count toward the depth limit. */
    if (ctx->depth - 1 > XLATE_MAX_DEPTH) {
        xlate_report(ctx, 1, ">>>> over max translation depth %d <<<<",
                     XLATE_MAX_DEPTH);
        ctx->error = XLATE_RECURSION_TOO_DEEP;
        return;
    }
    if (ctx->resubmits >= XLATE_MAX_RESUBMITS) {
        xlate_report(ctx, 1, ">>>> over %d resubmit actions on bridge %s "
                     "<<<<", XLATE_MAX_RESUBMITS, ctx->xbridge->name);
        ctx->error = XLATE_TOO_MANY_RESUBMITS;
        return;
    }

    nested = !(tail && (!ctx->depth
                        || !(ctx->indent == 4
                             && ctx->xin->trace_nest_top_tail)));
    if (nested) {
        line_indent = ctx->indent;
        ctx->indent += 8;
    } else {
        line_indent = ctx->indent - 4;
    }
    trace_start = ctx->trace ? ctx->trace->length : 0;

    if (in_port != OFPP_IN_PORT) {
        ctx->flow.in_port.ofp_port = in_port;
    }
    for (;;) {
        rule = rule_ops->lookup(ctx->xin->ofproto, ctx->tables_version,
                                table_id, &ctx->flow, ctx->wc);
        xlate_count_lookup(ctx, table_id, rule != NULL);
        if (rule || !honor_table_miss) {
            break;
        }
        miss = (rule_ops->table_miss
                ? rule_ops->table_miss(ctx->xin->ofproto, table_id)
                : XLATE_MISS_DROP);
        if (miss != XLATE_MISS_CONTINUE || table_id >= UINT8_MAX - 1) {
            break;
        }
        table_id++;
    }
    ctx->flow.in_port = saved_in_port;
    if (show_final) {
        shown_table_id = table_id;
    }

    ctx->depth++;
    ctx->resubmits++;
    if (rule) {
        const struct rule_actions *actions = rule_get_actions(rule);

        xlate_trace_table(ctx, line_indent, shown_table_id, rule);
        ctx->table_id = table_id;
        ctx->rule = rule;
        ctx->rule_cookie = rule->flow_cookie;
        xlate_credit_rule(ctx, rule);
        do_xlate_actions(actions->ofpacts, actions->ofpacts_len, ctx, true);
    } else if (miss == XLATE_MISS_CONTROLLER) {
        if (ctx->trace) {
            ds_put_char_multiple(ctx->trace, ' ', line_indent);
            ds_put_format(ctx->trace, "%2d. No match, and a \"packet-in\" "
                          "is called for.\n", shown_table_id);
        }
        xlate_report(ctx, 0, "controller(reason=)");
        ctx->table_id = table_id;
        ctx->rule = NULL;
        ctx->rule_cookie = htonll(0);
        xlate_controller_action(ctx, UINT16_MAX, OFPR_IMPLICIT_MISS, 0);
    } else {
        xlate_trace_table(ctx, line_indent, shown_table_id, NULL);
        xlate_report(ctx, 0, "drop");
    }
    ctx->depth--;
    if (ctx->freezing) {
        /* The outermost rule's table and cookie go with the frozen state
         * (and a paused pipeline's packet-in). */
        ctx->freeze_table_id = ctx->table_id;
        ctx->freeze_cookie = ctx->rule_cookie;
    }

    if (nested && ctx->exit && ctx->trace) {
        /* "exit" ends the whole pipeline, so nothing follows the table in
         * the trace: upstream then shows it as a tail call. */
        xlate_trace_unnest(ctx->trace, trace_start);
    }
    ctx->indent = saved_indent;
    ctx->table_id = saved_table_id;
    ctx->rule_cookie = saved_rule_cookie;
    ctx->rule = saved_rule;
}

/* Looks up table 'table_id' for the current flow, with its input port
 * temporarily 'in_port' (unless that is OFPP_IN_PORT), and translates the
 * actions of the rule found; a miss drops (as resubmit does).  'tail'
 * says whether the lookup is the last action of the rule being translated
 * (which only changes how the trace is indented). */
void
xlate_table_action(struct xlate_ctx *ctx, ofp_port_t in_port,
                   uint8_t table_id, bool tail)
{
    xlate_table_action__(ctx, in_port, table_id, tail, false, false);
}

/* Returns true if the flow has at least one VLAN header. */
static bool
flow_has_vlan(const struct flow *flow)
{
    return (flow->vlans[0].tci & htons(VLAN_CFI)) != 0;
}

/* Pushes a VLAN header with 'tpid' and a TCI of 0 onto the flow. */
static void
flow_push_vlan(struct flow *flow, ovs_be16 tpid)
{
    flow->vlans[1] = flow->vlans[0];
    flow->vlans[0].tpid = tpid;
    flow->vlans[0].tci = htons(VLAN_CFI);
}

/* Pops the outer VLAN header of the flow, if any. */
static void
flow_pop_vlan(struct flow *flow)
{
    flow->vlans[0] = flow->vlans[1];
    flow->vlans[1].qtag = 0;
}

/* Returns the place in the order in which an action set executes of the
 * action 'a' (OpenFlow 1.3 section 5.10). */
static int
action_set_order(const struct ofpact *a)
{
    switch (a->type) {
    case OFPACT_STRIP_VLAN:
    case OFPACT_POP_MPLS:
        return 0;
    case OFPACT_PUSH_MPLS:
        return 1;
    case OFPACT_PUSH_VLAN:
        return 2;
    case OFPACT_DEC_TTL:
    case OFPACT_DEC_MPLS_TTL:
        return 3;
    case OFPACT_SET_QUEUE:
        return 5;
    case OFPACT_GROUP:
        return 6;
    case OFPACT_OUTPUT:
        return 7;
    default:
        return 4;               /* Set-field and the like. */
    }
}

/* Returns true if 'a' and 'b' occupy the same slot of an action set (a
 * later one replaces an earlier one). */
static bool
action_set_same_slot(const struct ofpact *a, const struct ofpact *b)
{
    if (a->type != b->type) {
        return ((a->type == OFPACT_STRIP_VLAN && b->type == OFPACT_POP_MPLS)
                || (a->type == OFPACT_POP_MPLS
                    && b->type == OFPACT_STRIP_VLAN));
    }
    /* Header changes accumulate, as upstream's action set keeps them
     * all, in order. */
    return action_set_order(a) != 4;
}

/* Writes the 'len' bytes of actions 'ofpacts' into the action set of
 * 'ctx', each replacing any action of the same slot, and keeps the set in
 * execution order. */
static void
action_set_write(struct xlate_ctx *ctx, const struct ofpact *ofpacts,
                 size_t len)
{
    const struct ofpact *a, *b;
    struct ofpbuf merged;
    int order;

    ofpbuf_init(&merged, ctx->action_set.size + len);
    for (order = 0; order <= 7; order++) {
        OFPACT_FOR_EACH (a, ctx->action_set.data, ctx->action_set.size) {
            bool replaced = false;

            if (action_set_order(a) != order) {
                continue;
            }
            OFPACT_FOR_EACH (b, ofpacts, len) {
                if (action_set_same_slot(a, b)) {
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                ofpbuf_put(&merged, a, OFPACT_ALIGN(a->len));
            }
        }
        OFPACT_FOR_EACH (b, ofpacts, len) {
            const struct ofpact *c;
            bool superseded = false;

            if (action_set_order(b) != order) {
                continue;
            }
            /* Within the written list, the last of a slot wins. */
            for (c = ofpact_next(b); c < ofpact_end(ofpacts, len);
                 c = ofpact_next(c)) {
                if (action_set_same_slot(b, c)) {
                    superseded = true;
                    break;
                }
            }
            if (!superseded) {
                ofpbuf_put(&merged, b, OFPACT_ALIGN(b->len));
            }
        }
    }
    ofpbuf_uninit(&ctx->action_set);
    ctx->action_set = merged;
}

/* Appends the text of the action set of 'ctx' to the trace. */
static void
xlate_trace_action_set(struct xlate_ctx *ctx, const char *prefix)
{
    if (ctx->trace) {
        struct ofpact_format_params fp = { .s = ctx->trace };

        ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 1);
        ds_put_cstr(ctx->trace, prefix);
        ofpacts_format(ctx->action_set.data, ctx->action_set.size, &fp);
        ds_put_char(ctx->trace, '\n');
    }
}

/* Marks the bits of 'mf' under 'mask' as examined, with the fields that
 * tell that the field exists (for L3 and L4 fields, the IP protocol). */
static void
mask_set_field(struct xlate_ctx *ctx, const struct mf_field *mf,
               const union mf_value *mask)
{
    mf_mask_field_masked(mf, mask, ctx->wc);
    if (mf_is_l3_or_higher(mf) && is_ip_any(&ctx->flow)) {
        WC_MASK_FIELD(ctx->wc, nw_proto);
    }
}

/* Returns true if 'mf' is one of the VLAN fields. */
static bool
mf_is_vlan_field(const struct mf_field *mf)
{
    return (mf->id == MFF_VLAN_TCI || mf->id == MFF_DL_VLAN
            || mf->id == MFF_VLAN_VID || mf->id == MFF_DL_VLAN_PCP
            || mf->id == MFF_VLAN_PCP);
}

/* Translates set_field (and load). */
static void
xlate_set_field(struct xlate_ctx *ctx, const struct ofpact_set_field *sf)
{
    const struct mf_field *mf = sf->field;
    union mf_value value, mask;

    /* Aligned copies: in the action, the mask follows the value directly
     * and is not aligned for union mf_value. */
    memset(&value, 0, sizeof value);
    memset(&mask, 0, sizeof mask);
    memcpy(&value, sf->value, mf->n_bytes);
    memcpy(&mask, (const uint8_t *) sf->value + mf->n_bytes, mf->n_bytes);

    if (mf_is_vlan_field(mf) && mf->id != MFF_VLAN_TCI) {
        ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
        if (!flow_has_vlan(&ctx->flow)) {
            /* Nothing to set. */
            return;
        }
    }
    if (!mf_are_prereqs_ok(mf, &ctx->flow, ctx->wc)) {
        xlate_report(ctx, 1, ">> unmet prerequisites for %s, set_field "
                     "ignored", mf->name);
        return;
    }
    mask_set_field(ctx, mf, &mask);
    mf_set_flow_value_masked(mf, &value, &mask, &ctx->flow);
}

/* Translates mod_vlan_vid / set_vlan_vid (and mod_vlan_pcp when 'pcp'). */
static void
xlate_set_vlan(struct xlate_ctx *ctx, bool pcp, uint16_t value,
               bool push_if_needed)
{
    ovs_be16 *tci = &ctx->flow.vlans[0].tci;

    ctx->wc->masks.vlans[0].tci |= htons(pcp ? VLAN_PCP_MASK | VLAN_CFI
                                         : VLAN_VID_MASK | VLAN_CFI);
    if (!flow_has_vlan(&ctx->flow)) {
        if (!push_if_needed) {
            return;
        }
        flow_push_vlan(&ctx->flow, htons(ETH_TYPE_VLAN_8021Q));
    }
    if (pcp) {
        *tci = (*tci & ~htons(VLAN_PCP_MASK))
               | htons((value << VLAN_PCP_SHIFT) & VLAN_PCP_MASK);
    } else {
        *tci = (*tci & ~htons(VLAN_VID_MASK)) | htons(value & VLAN_VID_MASK);
    }
}

/* Translates dec_ttl.  Returns false if translation must stop (the TTL
 * ran out and the packet went to the controllers). */
static bool
xlate_dec_ttl(struct xlate_ctx *ctx, const struct ofpact_cnt_ids *ids)
{
    struct flow *flow = &ctx->flow;
    unsigned int i;

    if (!is_ip_any(flow)) {
        return true;
    }
    WC_MASK_FIELD(ctx->wc, nw_ttl);
    WC_MASK_FIELD(ctx->wc, nw_proto);
    if (flow->nw_ttl > 1) {
        flow->nw_ttl--;
        return true;
    }
    xlate_report(ctx, 1, ">> %s decrement TTL exception",
                 flow->dl_type == htons(ETH_TYPE_IP) ? "IPv4" : "IPv6");
    for (i = 0; i < ids->n_controllers; i++) {
        xlate_controller_action(ctx, UINT16_MAX, OFPR_INVALID_TTL,
                                ids->cnt_ids[i]);
    }
    return false;
}

/* Translates the 'ofpacts_len' bytes of 'ofpacts'.  'is_rule_actions' is
 * true for the top-level actions of a rule (where a resubmit or goto_table
 * that comes last is a tail call). */
void
do_xlate_actions(const struct ofpact *ofpacts, size_t ofpacts_len,
                 struct xlate_ctx *ctx, bool is_rule_actions)
{
    struct flow_wildcards *wc = ctx->wc;
    struct flow *flow = &ctx->flow;
    const struct ofpact *a;

    if (!ofpacts_len && is_rule_actions) {
        xlate_report(ctx, 0, "drop");
        return;
    }

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        bool last = (is_rule_actions
                     && ofpact_last(a, ofpacts, ofpacts_len));

        if (ctx->exit || ctx->error) {
            break;
        }
        if (ctx->freezing) {
            /* An action before froze the translation: what is left of
             * this list runs when it resumes. */
            xlate_freeze_unroll(ctx, a, ofpact_end(ofpacts, ofpacts_len));
            break;
        }
        ctx->action = a;
        if (ctx->trace) {
            struct ofpact_format_params fp = { .s = ctx->trace };

            ds_put_char_multiple(ctx->trace, ' ', ctx->indent);
            ofpact_format(a, &fp);
            ds_put_char(ctx->trace, '\n');
        }

        switch (a->type) {
        case OFPACT_OUTPUT:
            xlate_output(ctx, ofpact_get_OUTPUT(a)->port,
                         ofpact_get_OUTPUT(a)->max_len);
            break;

        case OFPACT_ENQUEUE:
            xlate_enqueue_action(ctx, ofpact_get_ENQUEUE(a));
            break;

        case OFPACT_CONTROLLER: {
            const struct ofpact_controller *oc = ofpact_get_CONTROLLER(a);

            if (oc->pause) {
                xlate_freeze_pause(ctx, oc);
            } else {
                xlate_controller_action__(ctx, oc->max_len, oc->reason,
                                          oc->controller_id, oc->userdata,
                                          oc->userdata_len, 0);
            }
            break;
        }

        case OFPACT_OUTPUT_REG: {
            const struct ofpact_output_reg *or = ofpact_get_OUTPUT_REG(a);
            uint64_t port = mf_get_subfield(&or->src, flow);

            union mf_subvalue ones;

            memset(&ones, 0xff, sizeof ones);
            mf_write_subfield_flow(&or->src, &ones, &wc->masks);
            xlate_report(ctx, 1, "-> output port is %"PRIu64, port);
            if (port <= UINT16_MAX) {
                xlate_output(ctx, u16_to_ofp(port), or->max_len);
            }
            break;
        }

        case OFPACT_SET_FIELD:
            xlate_set_field(ctx, ofpact_get_SET_FIELD(a));
            break;

        case OFPACT_SET_VLAN_VID: {
            const struct ofpact_vlan_vid *vid = ofpact_get_SET_VLAN_VID(a);

            xlate_set_vlan(ctx, false, vid->vlan_vid,
                           vid->push_vlan_if_needed || vid->flow_has_vlan);
            break;
        }

        case OFPACT_SET_VLAN_PCP: {
            const struct ofpact_vlan_pcp *pcp = ofpact_get_SET_VLAN_PCP(a);

            xlate_set_vlan(ctx, true, pcp->vlan_pcp,
                           pcp->push_vlan_if_needed || pcp->flow_has_vlan);
            break;
        }

        case OFPACT_STRIP_VLAN:
            wc->masks.vlans[0].tci |= htons(VLAN_CFI);
            flow_pop_vlan(flow);
            break;

        case OFPACT_PUSH_VLAN:
            flow_push_vlan(flow, ofpact_get_PUSH_VLAN(a)->ethertype);
            break;

        case OFPACT_SET_ETH_SRC:
            WC_MASK_FIELD(wc, dl_src);
            flow->dl_src = ofpact_get_SET_ETH_SRC(a)->mac;
            break;

        case OFPACT_SET_ETH_DST:
            WC_MASK_FIELD(wc, dl_dst);
            flow->dl_dst = ofpact_get_SET_ETH_DST(a)->mac;
            break;

        case OFPACT_SET_IPV4_SRC:
            if (flow->dl_type == htons(ETH_TYPE_IP)) {
                WC_MASK_FIELD(wc, nw_src);
                WC_MASK_FIELD(wc, nw_proto);
                flow->nw_src = ofpact_get_SET_IPV4_SRC(a)->ipv4;
            }
            break;

        case OFPACT_SET_IPV4_DST:
            if (flow->dl_type == htons(ETH_TYPE_IP)) {
                WC_MASK_FIELD(wc, nw_dst);
                WC_MASK_FIELD(wc, nw_proto);
                flow->nw_dst = ofpact_get_SET_IPV4_DST(a)->ipv4;
            }
            break;

        case OFPACT_SET_IP_DSCP:
            if (is_ip_any(flow)) {
                wc->masks.nw_tos |= IP_DSCP_MASK;
                WC_MASK_FIELD(wc, nw_proto);
                flow->nw_tos = ((flow->nw_tos & ~IP_DSCP_MASK)
                                | (ofpact_get_SET_IP_DSCP(a)->dscp
                                   & IP_DSCP_MASK));
            }
            break;

        case OFPACT_SET_IP_ECN:
            if (is_ip_any(flow)) {
                wc->masks.nw_tos |= IP_ECN_MASK;
                WC_MASK_FIELD(wc, nw_proto);
                flow->nw_tos = ((flow->nw_tos & ~IP_ECN_MASK)
                                | (ofpact_get_SET_IP_ECN(a)->ecn
                                   & IP_ECN_MASK));
            }
            break;

        case OFPACT_SET_IP_TTL:
            if (is_ip_any(flow)) {
                WC_MASK_FIELD(wc, nw_ttl);
                WC_MASK_FIELD(wc, nw_proto);
                flow->nw_ttl = ofpact_get_SET_IP_TTL(a)->ttl;
            }
            break;

        case OFPACT_SET_L4_SRC_PORT:
        case OFPACT_SET_L4_DST_PORT:
            if (is_ip_any(flow)
                && (flow->nw_proto == IPPROTO_TCP
                    || flow->nw_proto == IPPROTO_UDP
                    || flow->nw_proto == IPPROTO_SCTP)
                && !(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
                /* Both types share struct ofpact_l4_port. */
                const struct ofpact_l4_port *p
                    = ALIGNED_CAST(const struct ofpact_l4_port *, a);

                WC_MASK_FIELD(wc, nw_proto);
                if (a->type == OFPACT_SET_L4_SRC_PORT) {
                    WC_MASK_FIELD(wc, tp_src);
                    flow->tp_src = htons(p->port);
                } else {
                    WC_MASK_FIELD(wc, tp_dst);
                    flow->tp_dst = htons(p->port);
                }
            }
            break;

        case OFPACT_REG_MOVE: {
            const struct ofpact_reg_move *move = ofpact_get_REG_MOVE(a);

            mf_subfield_copy(&move->src, &move->dst, flow, wc);
            if (ctx->trace) {
                union mf_subvalue value;

                mf_read_subfield(&move->dst, flow, &value);
                ds_put_char_multiple(ctx->trace, ' ', ctx->indent + 1);
                ds_put_cstr(ctx->trace, "-> ");
                mf_format_subfield(&move->dst, ctx->trace);
                ds_put_cstr(ctx->trace, " is now ");
                mf_format_subvalue(&value, ctx->trace);
                ds_put_char(ctx->trace, '\n');
            }
            break;
        }

        case OFPACT_DEC_TTL:
            if (!xlate_dec_ttl(ctx, ofpact_get_DEC_TTL(a))) {
                ctx->exit = true;
            }
            break;

        case OFPACT_SET_TUNNEL:
            flow->tunnel.tun_id = htonll(ofpact_get_SET_TUNNEL(a)->tun_id);
            break;

        case OFPACT_RESUBMIT: {
            const struct ofpact_resubmit *r = ofpact_get_RESUBMIT(a);

            xlate_table_action(ctx, r->in_port,
                               r->table_id == 255 ? ctx->table_id
                               : r->table_id, last);
            break;
        }

        case OFPACT_GOTO_TABLE:
            xlate_table_action__(ctx, OFPP_IN_PORT,
                                 ofpact_get_GOTO_TABLE(a)->table_id, true,
                                 true, false);
            break;

        case OFPACT_WRITE_METADATA: {
            const struct ofpact_metadata *md = ofpact_get_WRITE_METADATA(a);

            flow->metadata = ((flow->metadata & ~md->mask)
                              | (md->metadata & md->mask));
            break;
        }

        case OFPACT_CLEAR_ACTIONS:
            if (ctx->action_set.size) {
                xlate_trace_action_set(ctx, "-> action set was: ");
            } else {
                xlate_report(ctx, 1, "-> action set was empty");
            }
            ofpbuf_clear(&ctx->action_set);
            flow->actset_output = OFPP_UNSET;
            break;

        case OFPACT_WRITE_ACTIONS: {
            const struct ofpact_nest *on = ofpact_get_WRITE_ACTIONS(a);

            const struct ofpact *wa;

            action_set_write(ctx, on->actions,
                             ofpact_nest_get_action_len(on));
            OFPACT_FOR_EACH (wa, on->actions,
                             ofpact_nest_get_action_len(on)) {
                if (wa->type == OFPACT_OUTPUT) {
                    flow->actset_output = ofpact_get_OUTPUT(wa)->port;
                }
            }
            xlate_group_action_set_written(ctx);
            xlate_trace_action_set(ctx, "-> action set is: ");
            break;
        }

        case OFPACT_CLONE: {
            const struct ofpact_nest *on = ofpact_get_CLONE(a);
            struct flow saved_flow = ctx->flow;
            struct ofpbuf saved_set;

            ofpbuf_init(&saved_set, 0);
            ofpbuf_put(&saved_set, ctx->action_set.data,
                       ctx->action_set.size);
            do_xlate_actions(on->actions, ofpact_nest_get_action_len(on),
                             ctx, false);
            ctx->flow = saved_flow;
            ofpbuf_uninit(&ctx->action_set);
            ctx->action_set = saved_set;
            break;
        }

        case OFPACT_EXIT:
            ctx->exit = true;
            break;

        case OFPACT_FIN_TIMEOUT:
            xlate_fin_timeout_action(ctx, ofpact_get_FIN_TIMEOUT(a));
            break;

        case OFPACT_SET_QUEUE:
            xlate_set_queue_action(ctx, ofpact_get_SET_QUEUE(a)->queue_id);
            break;

        case OFPACT_POP_QUEUE:
            xlate_pop_queue_action(ctx);
            break;

        case OFPACT_LEARN:
            xlate_learn_action(ctx, ofpact_get_LEARN(a));
            break;

        case OFPACT_MULTIPATH:
            xlate_multipath_action(ctx, ofpact_get_MULTIPATH(a));
            break;

        case OFPACT_BUNDLE:
            xlate_bundle_action(ctx, ofpact_get_BUNDLE(a));
            break;

        case OFPACT_STACK_PUSH:
            xlate_stack_push(ctx, ofpact_get_STACK_PUSH(a));
            break;

        case OFPACT_STACK_POP:
            xlate_stack_pop(ctx, ofpact_get_STACK_POP(a));
            break;

        case OFPACT_OUTPUT_TRUNC:
            xlate_output_trunc_action(ctx, ofpact_get_OUTPUT_TRUNC(a)->port,
                                      ofpact_get_OUTPUT_TRUNC(a)->max_len);
            break;

        case OFPACT_SAMPLE:
            xlate_sample_action(ctx, ofpact_get_SAMPLE(a));
            break;

        case OFPACT_NOTE:
        case OFPACT_CONJUNCTION:
            /* Nothing to do for the datapath (yet). */
            break;

        case OFPACT_METER:
            xlate_meter_action(ofpact_get_METER(a), ctx->odp_actions);
            break;

        case OFPACT_GROUP:
            xlate_group_action(ctx, ofpact_get_GROUP(a)->group_id);
            break;

        case OFPACT_UNROLL_XLATE:
            xlate_unroll_action(ctx, ofpact_get_UNROLL_XLATE(a));
            break;

        case OFPACT_SET_MPLS_LABEL:
        case OFPACT_SET_MPLS_TC:
        case OFPACT_SET_MPLS_TTL:
        case OFPACT_DEC_MPLS_TTL:
        case OFPACT_PUSH_MPLS:
        case OFPACT_POP_MPLS:
        case OFPACT_CT:
        case OFPACT_CT_CLEAR:
        case OFPACT_NAT:
        default:
            xlate_report(ctx, 1, ">> %s is not supported yet, skipping",
                         ofpact_name(a->type));
            break;
        }
    }
}

/* Executes the action set of 'ctx' (at the end of the pipeline). */
static void
xlate_action_set(struct xlate_ctx *ctx)
{
    struct ofpbuf set = ctx->action_set;
    const struct ofpact *a;
    bool has_group = false;
    struct ofpbuf actions;

    ofpbuf_init(&ctx->action_set, 0);
    OFPACT_FOR_EACH (a, set.data, set.size) {
        has_group |= a->type == OFPACT_GROUP;
    }
    /* With a group, the output is ignored. */
    ofpbuf_init(&actions, set.size);
    OFPACT_FOR_EACH (a, set.data, set.size) {
        if (!(has_group && a->type == OFPACT_OUTPUT)) {
            ofpbuf_put(&actions, a, OFPACT_ALIGN(a->len));
        }
    }
    if (ctx->trace) {
        ds_put_cstr(ctx->trace, "--. Executing action set:\n");
    }
    ctx->indent = 4;
    ctx->in_action_set = true;
    do_xlate_actions(actions.data, actions.size, ctx, false);
    ctx->in_action_set = false;
    ofpbuf_uninit(&actions);
    ofpbuf_uninit(&set);
}

/* Translates the pipeline when no rule lookup is registered: table 0 holds
 * only the default rule "priority=0, actions=NORMAL". */
static void
xlate_default_table(struct xlate_ctx *ctx)
{
    struct ofpbuf ofpacts;

    ofpbuf_init(&ofpacts, 0);
    ofpact_put_OUTPUT(&ofpacts)->port = OFPP_NORMAL;
    if (ctx->trace) {
        ds_put_cstr(ctx->trace, " 0. priority 0\n");
    }
    do_xlate_actions(ofpacts.data, ofpacts.size, ctx, true);
    ofpbuf_uninit(&ofpacts);
}

enum xlate_error
xlate_actions(struct xlate_in *xin, struct xlate_out *xout)
{
    struct flow_wildcards scratch_wc;
    struct xlate_ctx ctx;

    memset(xout, 0, sizeof *xout);
    memset(&ctx, 0, sizeof ctx);
    ctx.xin = xin;
    ctx.xout = xout;
    ctx.flow = xin->flow;
    ctx.base_flow = xin->flow;
    ctx.odp_actions = xin->odp_actions;
    ctx.trace = xin->trace;
    ctx.indent = 4;
    ofpbuf_init(&ctx.action_set, 0);
    ofpbuf_init(&ctx.frozen_actions, 0);
    /* A packet-out's own actions have no rule: all-ones, which packet-ins
     * leave out. */
    ctx.rule_cookie = xin->ofpacts ? OVS_BE64_MAX : htonll(0);
    if (xin->wc) {
        ctx.wc = xin->wc;
    } else {
        flow_wildcards_init_catchall(&scratch_wc);
        ctx.wc = &scratch_wc;
    }

    /* Fields every megaflow matches on. */
    WC_MASK_FIELD(ctx.wc, in_port);
    WC_MASK_FIELD(ctx.wc, recirc_id);
    WC_MASK_FIELD(ctx.wc, packet_type);
    WC_MASK_FIELD(ctx.wc, dl_type);
    if (is_ip_any(&ctx.flow)) {
        ctx.wc->masks.nw_frag |= FLOW_NW_FRAG_MASK;
    }

    rcu_read_lock();
    ctx.xbridge = xbridge_lookup(xcfg_get(), xin->ofproto);
    if (!ctx.xbridge) {
        ctx.error = XLATE_BRIDGE_NOT_FOUND;
    } else {
        if (ctx.trace) {
            size_t start = ctx.trace->length;

            ds_put_format(ctx.trace, "bridge(\"%s\")\n", ctx.xbridge->name);
            ds_put_char_multiple(ctx.trace, '-',
                                 ctx.trace->length - start - 1);
            ds_put_char(ctx.trace, '\n');
        }
        if (rule_ops) {
            ctx.tables_version = rule_ops->get_tables_version(xin->ofproto);
            if (xin->ofpacts) {
                /* Traced like a rule's actions (a resubmit that comes last
                 * is a tail call), as upstream traces packet-outs. */
                do_xlate_actions(xin->ofpacts, xin->ofpacts_len, &ctx,
                                 true);
            } else if (xin->resume) {
                xlate_resume(&ctx, xin->resume);
            } else if (ctx.flow.recirc_id) {
                xlate_thaw(&ctx);
            } else {
                xlate_table_action__(&ctx, OFPP_IN_PORT, 0, true, true,
                                     true);
            }
        } else {
            xlate_default_table(&ctx);
        }
        if (!ctx.error && !ctx.freezing && ctx.action_set.size) {
            xout->action_set_executed = true;
            ctx.exit = false;
            xlate_action_set(&ctx);
        }
        if (!ctx.error && ctx.freezing) {
            /* (With the action set, if it did not run.) */
            xlate_freeze_finish(&ctx);
        }
    }
    rcu_read_unlock();

    /* The datapath cannot match on metadata and registers: they are what
     * the pipeline computed, not part of the packet. */
    flow_wildcards_clear_non_packet_fields(ctx.wc);
    /* No datapath extracts MPLS label stack entries into its flow keys: a
     * megaflow cannot tell apart MPLS packets that the pipeline told apart
     * by them, so such a flow is not installed and each of its packets is
     * translated on its own.  (Other packets have no label stack: their
     * megaflows match the Ethertype exactly, which says so, and need no
     * label match.) */
    if (eth_type_mpls(xin->flow.dl_type)) {
        for (size_t i = 0; i < ARRAY_SIZE(ctx.wc->masks.mpls_lse); i++) {
            if (ctx.wc->masks.mpls_lse[i]) {
                xout->slow |= SLOW_MATCH;
            }
        }
    } else {
        memset(ctx.wc->masks.mpls_lse, 0, sizeof ctx.wc->masks.mpls_lse);
    }
    xout->flow = ctx.flow;
    ofpbuf_uninit(&ctx.action_set);
    ofpbuf_uninit(&ctx.frozen_actions);
    ofpbuf_uninit(&ctx.stack);
    if (ctx.error) {
        ofpbuf_clear(xin->odp_actions);
    }
    return ctx.error;
}

/* Formatting datapath actions. */

/* If 'a' is the sample action that sends packets to a controller through
 * the controller meter (see xlate_controller_meter_start()), appends its
 * upstream text to 'ds' and returns true. */
static bool
format_controller_meter(struct ds *ds, const struct nlattr *a)
{
    const struct nlattr *prob, *acts;

    if (nl_attr_type(a) != OVS_ACTION_ATTR_SAMPLE) {
        return false;
    }
    prob = nl_attr_find_nested(a, OVS_SAMPLE_ATTR_PROBABILITY);
    acts = nl_attr_find_nested(a, OVS_SAMPLE_ATTR_ACTIONS);
    if (!prob || nl_attr_get_u32(prob) != UINT32_MAX || !acts) {
        return false;
    }
    ds_put_cstr(ds, "sample(sample=100.0%,actions(");
    xlate_format_odp_actions(ds, nl_attr_get(acts), nl_attr_get_size(acts));
    ds_put_cstr(ds, "))");
    return true;
}

void
xlate_format_odp_actions(struct ds *ds, const struct nlattr *actions,
                         size_t actions_len)
{
    const struct nlattr *a;
    size_t left;

    if (!actions_len) {
        ds_put_cstr(ds, "drop");
        return;
    }
    NL_ATTR_FOR_EACH (a, left, actions, actions_len) {
        if (a != actions) {
            ds_put_char(ds, ',');
        }
        if (!format_controller_meter(ds, a)) {
            format_odp_actions(ds, a, a->nla_len, NULL);
        }
    }
}

/* fdb/ commands. */

/* Finds the bridge named 'name' in the published configuration.  Must be
 * called in an RCU read-side critical section. */
static const struct xbridge *
xbridge_find_by_name(const char *name)
{
    const struct xlate_cfg *xcfg = xcfg_get();
    const struct xbridge *xbridge;

    if (xcfg) {
        HMAP_FOR_EACH (xbridge, hmap_node, &xcfg->xbridges) {
            if (!strcmp(xbridge->name, name)) {
                return xbridge;
            }
        }
    }
    return NULL;
}

/* Formats the OpenFlow port through which 'ofbundle' of 'xbridge' is
 * reached into 'buf'. */
static void
bundle_port_format(const struct xbridge *xbridge,
                   const struct ofbundle *ofbundle, char *buf, size_t size)
{
    const struct xbundle *xbundle = xbundle_lookup(xcfg_get(), ofbundle);
    const struct xport *xport = NULL;

    if (xbundle && xbundle->xbridge == xbridge
        && !ovs_list_is_empty(&xbundle->xports)) {
        xport = CONTAINER_OF(ovs_list_front(&xbundle->xports), struct xport,
                             bundle_node);
    }
    ofp_port_format(xport ? xport->ofp_port : OFPP_NONE, buf, size);
}

static void
fdb_show(struct unixctl_conn *conn, int argc OVS_UNUSED, const char *argv[],
         void *aux OVS_UNUSED)
{
    const struct xbridge *xbridge;
    struct ds ds = DS_EMPTY_INITIALIZER;
    const struct mac_entry *e;

    rcu_read_lock();
    xbridge = xbridge_find_by_name(argv[1]);
    if (!xbridge || !xbridge->ml) {
        rcu_read_unlock();
        unixctl_command_reply_error(conn, "no such bridge");
        return;
    }
    ds_put_cstr(&ds, " port  VLAN  MAC                Age\n");
    ovs_rwlock_rdlock(&xbridge->ml->rwlock);
    LIST_FOR_EACH (e, lru_node, &xbridge->ml->lrus) {
        char port[16];

        bundle_port_format(xbridge, e->port, port, sizeof port);
        ds_put_format(&ds, "%5s  %4d  "ETH_ADDR_FMT"  ", port, e->vlan,
                      ETH_ADDR_ARGS(e->mac));
        if (e->is_static) {
            ds_put_cstr(&ds, "static\n");
        } else {
            ds_put_format(&ds, "%3d\n", mac_entry_age(xbridge->ml, e));
        }
    }
    ovs_rwlock_unlock(&xbridge->ml->rwlock);
    rcu_read_unlock();
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

/* Calls 'apply' on the MAC learning table of bridge argv[1], or of every
 * bridge if there is no argv[1], under the table's write lock (fdb/flush
 * and fdb/stats-clear).  Returns false, after replying "no such bridge",
 * if argv[1] names no bridge. */
static bool
fdb_apply_to_bridges(struct unixctl_conn *conn, int argc,
                     const char *argv[],
                     void (*apply)(struct mac_learning *))
{
    const struct xlate_cfg *xcfg;
    const struct xbridge *xbridge;

    rcu_read_lock();
    xcfg = xcfg_get();
    if (argc > 1) {
        xbridge = xbridge_find_by_name(argv[1]);
        if (!xbridge || !xbridge->ml) {
            rcu_read_unlock();
            unixctl_command_reply_error(conn, "no such bridge");
            return false;
        }
        ovs_rwlock_wrlock(&xbridge->ml->rwlock);
        apply(xbridge->ml);
        ovs_rwlock_unlock(&xbridge->ml->rwlock);
    } else if (xcfg) {
        HMAP_FOR_EACH (xbridge, hmap_node, &xcfg->xbridges) {
            if (xbridge->ml) {
                ovs_rwlock_wrlock(&xbridge->ml->rwlock);
                apply(xbridge->ml);
                ovs_rwlock_unlock(&xbridge->ml->rwlock);
            }
        }
    }
    rcu_read_unlock();
    return true;
}

static void
fdb_flush(struct unixctl_conn *conn, int argc, const char *argv[],
          void *aux OVS_UNUSED)
{
    if (fdb_apply_to_bridges(conn, argc, argv, mac_learning_flush)) {
        xlate_seq_bump();
        unixctl_command_reply(conn, "table successfully flushed");
    }
}

static void
fdb_stats_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
               const char *argv[], void *aux OVS_UNUSED)
{
    const struct xbridge *xbridge;
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct mac_learning *ml;

    rcu_read_lock();
    xbridge = xbridge_find_by_name(argv[1]);
    if (!xbridge || !xbridge->ml) {
        rcu_read_unlock();
        unixctl_command_reply_error(conn, "no such bridge");
        return;
    }
    ml = xbridge->ml;
    ovs_rwlock_rdlock(&ml->rwlock);
    ds_put_format(&ds, "Statistics for bridge \"%s\":\n", argv[1]);
    ds_put_format(&ds, "  Current/maximum MAC entries in the table: "
                  "%zu/%zu\n",
                  hmap_count(&ml->table), ml->max_entries);
    ds_put_format(&ds, "  Current static MAC entries in the table : "
                  "%zu\n", ml->n_static);
    ds_put_format(&ds, "  Total number of learned MAC entries     : "
                  "%"PRIu64"\n", ml->stats.learned);
    ds_put_format(&ds, "  Total number of expired MAC entries     : "
                  "%"PRIu64"\n", ml->stats.expired);
    ds_put_format(&ds, "  Total number of evicted MAC entries     : "
                  "%"PRIu64"\n", ml->stats.evicted);
    ds_put_format(&ds, "  Total number of port moved MAC entries  : "
                  "%"PRIu64"\n", ml->stats.moved);
    ovs_rwlock_unlock(&ml->rwlock);
    rcu_read_unlock();
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
fdb_stats_clear(struct unixctl_conn *conn, int argc, const char *argv[],
                void *aux OVS_UNUSED)
{
    if (fdb_apply_to_bridges(conn, argc, argv,
                             mac_learning_clear_statistics)) {
        unixctl_command_reply(conn, "statistics successfully cleared");
    }
}

/* Parses 's' as a VLAN (0...4095) into '*vlan'.  Returns true if
 * successful. */
static bool
parse_vlan(const char *s, uint16_t *vlan)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (!*s || *end || v < 0 || v > 4095) {
        return false;
    }
    *vlan = v;
    return true;
}

/* fdb/add BRIDGE PORT VLAN MAC: adds a static entry. */
static void
fdb_add(struct unixctl_conn *conn, int argc OVS_UNUSED, const char *argv[],
        void *aux OVS_UNUSED)
{
    const struct xbridge *xbridge;
    const struct xport *xport, *found = NULL;
    struct eth_addr mac;
    uint16_t vlan;
    const char *error = NULL;

    rcu_read_lock();
    xbridge = xbridge_find_by_name(argv[1]);
    if (!xbridge || !xbridge->ml) {
        error = "no such bridge";
    } else {
        HMAP_FOR_EACH (xport, ofp_node, &xbridge->xports) {
            if (xport->name && !strcmp(xport->name, argv[2])) {
                found = xport;
                break;
            }
        }
        if (!found || !found->xbundle) {
            error = "no such port";
        } else if (!parse_vlan(argv[3], &vlan)) {
            error = "bad VLAN";
        } else if (!eth_addr_from_string(argv[4], &mac)) {
            error = "bad MAC address";
        } else {
            ovs_rwlock_wrlock(&xbridge->ml->rwlock);
            if (!mac_learning_add_static_entry(xbridge->ml, mac, vlan,
                                               found->xbundle->ofbundle)) {
                error = "static entry already exists";
            }
            ovs_rwlock_unlock(&xbridge->ml->rwlock);
        }
    }
    rcu_read_unlock();
    if (error) {
        unixctl_command_reply_error(conn, error);
    } else {
        xlate_seq_bump();
        unixctl_command_reply(conn, "");
    }
}

/* fdb/del BRIDGE VLAN MAC: removes a static entry. */
static void
fdb_del(struct unixctl_conn *conn, int argc OVS_UNUSED, const char *argv[],
        void *aux OVS_UNUSED)
{
    const struct xbridge *xbridge;
    struct eth_addr mac;
    uint16_t vlan;
    const char *error = NULL;

    rcu_read_lock();
    xbridge = xbridge_find_by_name(argv[1]);
    if (!xbridge || !xbridge->ml) {
        error = "no such bridge";
    } else if (!parse_vlan(argv[2], &vlan)) {
        error = "bad VLAN";
    } else if (!eth_addr_from_string(argv[3], &mac)) {
        error = "bad MAC address";
    } else {
        ovs_rwlock_wrlock(&xbridge->ml->rwlock);
        if (!mac_learning_del_static_entry(xbridge->ml, mac, vlan)) {
            error = "could not find static mac entry";
        }
        ovs_rwlock_unlock(&xbridge->ml->rwlock);
    }
    rcu_read_unlock();
    if (error) {
        unixctl_command_reply_error(conn, error);
    } else {
        xlate_seq_bump();
        unixctl_command_reply(conn, "");
    }
}

void
xlate_init(void)
{
    static bool inited;

    if (inited) {
        return;
    }
    inited = true;
    unixctl_command_register("fdb/show", "bridge", 1, 1, fdb_show, NULL);
    unixctl_command_register("fdb/flush", "[bridge]", 0, 1, fdb_flush, NULL);
    unixctl_command_register("fdb/add", "bridge port vlan mac", 4, 4,
                             fdb_add, NULL);
    unixctl_command_register("fdb/del", "bridge vlan mac", 3, 3, fdb_del,
                             NULL);
    unixctl_command_register("fdb/stats-show", "bridge", 1, 1,
                             fdb_stats_show, NULL);
    unixctl_command_register("fdb/stats-clear", "[bridge]", 0, 1,
                             fdb_stats_clear, NULL);
    ofproto_dpif_trace_init();
}
