/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofproto-dpif-xlate.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "mac-learning.h"
#include "netlink.h"
#include "ofpbuf.h"
#include "ofproto-dpif-trace.h"
#include "ofproto-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "packets.h"
#include "dpif.h"
#include "unixctl.h"
#include <linux/openvswitch.h>

VLOG_DEFINE_THIS_MODULE(ofproto_dpif_xlate);

/* Number of unsigned longs in a bitmap of 4096 VLANs. */
#define VLAN_BITMAP_LONGS (4096 / (8 * sizeof(unsigned long)))

/* Translation's copy of a bridge. */
struct xbridge {
    struct hmap_node hmap_node;   /* In xlate_cfg's 'xbridges'. */
    struct ofproto_dpif *ofproto; /* Key: the bridge in ofproto-dpif. */
    char *name;                   /* Bridge name, e.g. "br0". */
    struct dpif *dpif;            /* Its datapath. */
    struct mac_learning *ml;      /* MAC learning table (a reference). */
    bool forward_bpdu;            /* Forward reserved multicast frames? */
    struct ovs_list xbundles;     /* "struct xbundle"s in creation
                                   * order. */
    struct hmap xports;           /* "struct xport"s by 'ofp_port'. */
};

/* Translation's copy of a bundle. */
struct xbundle {
    struct hmap_node hmap_node;   /* In xlate_cfg's 'xbundles'. */
    struct ovs_list list_node;    /* In xbridge's 'xbundles'. */
    struct ofbundle *ofbundle;    /* Key: the bundle in ofproto-dpif. */
    struct xbridge *xbridge;      /* The bridge it belongs to. */
    char *name;                   /* Name, for traces and logs. */
    enum port_vlan_mode vlan_mode; /* 802.1Q mode. */
    int vlan;                     /* Access/native VLAN, -1 if none. */
    unsigned long *trunks;        /* Trunked VLANs (owned), NULL for
                                   * all. */
    enum port_priority_tags_mode use_priority_tags; /* Priority-tag
                                   * frames that leave untagged? */
    bool floodable;               /* May flooded packets leave here? */
    bool protected;               /* Protected port mode. */
    struct ovs_list xports;       /* "struct xport"s by 'bundle_node'. */
};

/* Translation's copy of an OpenFlow port. */
struct xport {
    struct hmap_node hmap_node;   /* In xlate_cfg's 'xports'. */
    struct hmap_node ofp_node;    /* In xbridge's 'xports'. */
    struct hmap_node odp_node;    /* In xlate_cfg's 'xports_by_odp'. */
    struct ovs_list bundle_node;  /* In xbundle's 'xports' (if any). */
    struct ofport_dpif *ofport;   /* Key: the port in ofproto-dpif. */
    struct xbridge *xbridge;      /* Its bridge. */
    struct xbundle *xbundle;      /* Its bundle, or NULL. */
    struct ofbundle *ofbundle;    /* Key of 'xbundle' (kept even if the
                                   * bundle does not exist yet). */
    ofp_port_t ofp_port;          /* OpenFlow port number. */
    odp_port_t odp_port;          /* Datapath port number. */
    char *name;                   /* Device name. */
    uint32_t config;              /* XLATE_PC_* bits. */
    uint32_t state;               /* XLATE_PS_* bits. */
    bool may_enable;              /* Usable for forwarding? */
};

/* One version of the whole translation configuration. */
struct xlate_cfg {
    struct hmap xbridges;         /* By hash_pointer(ofproto). */
    struct hmap xbundles;         /* By hash_pointer(ofbundle). */
    struct hmap xports;           /* By hash_pointer(ofport). */
    struct hmap xports_by_odp;    /* By hash of (dpif, odp_port). */
};

/* The published configuration (read under RCU) and the one being built by
 * the current transaction (main thread only). */
static struct xlate_cfg *xcfgp;
static struct xlate_cfg *new_xcfg;

/* Incremented whenever a translation changes the MAC learning table. */
static uint64_t xlate_seq;

/* Rule lookup registered by ofproto-dpif, or NULL for the default table. */
static xlate_rule_lookup_func *rule_lookup;

/* State of one translation. */
struct xlate_ctx {
    struct xlate_in *xin;         /* The input. */
    struct xlate_out *xout;       /* The output. */
    const struct xbridge *xbridge; /* The bridge. */
    struct flow flow;             /* Current flow, as actions change it. */
    struct flow base_flow;        /* The packet as the datapath has it
                                   * after the actions emitted so far. */
    struct flow_wildcards *wc;    /* Examined fields. */
    struct ofpbuf *odp_actions;   /* Output actions. */
    struct ds *trace;             /* Trace output, or NULL. */
};

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

static struct xport *
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
xlate_set_rule_lookup(xlate_rule_lookup_func *func)
{
    rule_lookup = func;
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

/* Appends a trace line of 'ctx' at 'indent' spaces, formatted like
 * printf(). */
static void OVS_PRINTF_FORMAT(3, 4)
xlate_report(struct xlate_ctx *ctx, int indent, const char *format, ...)
{
    if (ctx->trace) {
        va_list args;

        ds_put_char_multiple(ctx->trace, ' ', indent);
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
 * ('ctx->base_flow') into 'ctx->flow', marking the VLAN header as examined
 * if anything must change. */
static void
commit_vlan(struct xlate_ctx *ctx)
{
    union flow_vlan_hdr *cur = &ctx->base_flow.vlans[0];
    const union flow_vlan_hdr *want = &ctx->flow.vlans[0];
    bool cur_present = (cur->tci & htons(VLAN_CFI)) != 0;
    bool want_present = (want->tci & htons(VLAN_CFI)) != 0;

    if (cur_present == want_present
        && (!cur_present || (cur->tci == want->tci
                             && cur->tpid == want->tpid))) {
        return;
    }
    ctx->wc->masks.vlans[0].tci = htons(0xffff);
    if (cur_present) {
        nl_msg_put_flag(ctx->odp_actions, OVS_ACTION_ATTR_POP_VLAN);
    }
    if (want_present) {
        struct ovs_action_push_vlan push;

        push.vlan_tpid = want->tpid ? want->tpid : htons(ETH_TYPE_VLAN_8021Q);
        push.vlan_tci = want->tci;
        nl_msg_put_unspec(ctx->odp_actions, OVS_ACTION_ATTR_PUSH_VLAN,
                          &push, sizeof push);
    }
    *cur = *want;
    if (!want_present) {
        cur->qtag = 0;
    }
}

/* Outputs the current flow to 'xport' as is (after committing any pending
 * VLAN change). */
static void
compose_output(struct xlate_ctx *ctx, const struct xport *xport)
{
    if (xport->odp_port == ODPP_NONE
        || xport->config & (XLATE_PC_PORT_DOWN | XLATE_PC_NO_FWD)
        || !xport->may_enable) {
        return;
    }
    commit_vlan(ctx);
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
static void OVS_PRINTF_FORMAT(2, 3)
xlate_report_drop(struct xlate_ctx *ctx, const char *format, ...)
{
    if (ctx->trace) {
        va_list args;

        ds_put_cstr(ctx->trace, "     >>>> ");
        va_start(args, format);
        ds_put_format_valist(ctx->trace, format, args);
        va_end(args);
        ds_put_cstr(ctx->trace, " <<<<\n");
    }
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
        xlate_report(ctx, 5, "-> learned that "ETH_ADDR_FMT" is on port %s "
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
        xlate_report(ctx, 5, ">> no input bundle, dropping");
        return;
    }

    /* A VLAN Ethertype without a tag is a malformed frame. */
    if (flow->dl_type == htons(ETH_TYPE_VLAN_8021Q)
        && !(flow->vlans[0].tci & htons(VLAN_CFI))) {
        xlate_report(ctx, 5, "-> dropping packet with partial VLAN tag");
        return;
    }

    if (!input_vlan(ctx, in, &xv)) {
        xlate_report(ctx, 5, ">> disallowed VLAN VID for this input port, "
                     "dropping");
        return;
    }

    if (!ctx->xbridge->forward_bpdu && eth_addr_is_reserved(flow->dl_dst)) {
        xlate_report(ctx, 5, "-> packet has reserved destination MAC, "
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
            xlate_report(ctx, 5, "-> learned port is input port, dropping");
        } else if (in->protected && out->protected) {
            xlate_report(ctx, 5, "-> protected bundle, dropping");
        } else {
            xlate_report(ctx, 5, "-> forwarding to learned port");
            output_normal(ctx, out, &xv);
        }
    } else {
        xlate_report(ctx, 5, "-> no learned MAC for destination, flooding");
        flood_normal(ctx, in, &xv);
    }
}

/* Outputs to every port of the bridge but the input port (OFPP_ALL), or
 * to every port but the input port and those with flooding disabled
 * (OFPP_FLOOD), without VLAN processing. */
static void
flood_packets(struct xlate_ctx *ctx, bool all)
{
    const struct xbundle *xbundle;

    LIST_FOR_EACH (xbundle, list_node, &ctx->xbridge->xbundles) {
        const struct xport *xport;

        if (!all && !xbundle->floodable) {
            continue;
        }
        LIST_FOR_EACH (xport, bundle_node, &xbundle->xports) {
            if (xport->ofp_port != ctx->flow.in_port.ofp_port) {
                compose_output(ctx, xport);
            }
        }
    }
}

/* Translates the OpenFlow output action to 'port'. */
static void
xlate_output(struct xlate_ctx *ctx, ofp_port_t port)
{
    char name[16];
    const struct xport *xport;

    ofp_port_format(port, name, sizeof name);
    if (port >= OFPP_MAX) {
        xlate_report(ctx, 4, "%s", name);
    } else {
        xlate_report(ctx, 4, "output:%s", name);
    }
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
    default:
        if (port == ctx->flow.in_port.ofp_port) {
            xlate_report(ctx, 5, "-> skipping output to input port");
            break;
        }
        xport = xport_lookup_by_ofp(ctx->xbridge, port);
        if (xport) {
            compose_output(ctx, xport);
        } else {
            xlate_report(ctx, 5, "-> output to nonexistent port %s", name);
        }
        break;
    }
}

/* Walks table 0 for the flow. */
static void
xlate_table(struct xlate_ctx *ctx)
{
    const struct rule_actions *actions = NULL;
    uint16_t priority = 0;

    if (rule_lookup) {
        actions = rule_lookup(ctx->xin->ofproto, 0, &ctx->flow, ctx->wc,
                              &priority);
        if (!actions) {
            xlate_report(ctx, 1, "0. No match.");
            xlate_report(ctx, 4, "drop");
            return;
        }
    }
    xlate_report(ctx, 1, "0. priority %"PRIu16, priority);
    if (!actions) {
        xlate_output(ctx, OFPP_NORMAL);
    } else if (!actions->n_outputs) {
        xlate_report(ctx, 4, "drop");
    } else {
        size_t i;

        for (i = 0; i < actions->n_outputs; i++) {
            xlate_output(ctx, actions->outputs[i]);
        }
    }
}

enum xlate_error
xlate_actions(struct xlate_in *xin, struct xlate_out *xout)
{
    struct flow_wildcards scratch_wc;
    struct xlate_ctx ctx;
    enum xlate_error error = XLATE_OK;

    memset(xout, 0, sizeof *xout);
    memset(&ctx, 0, sizeof ctx);
    ctx.xin = xin;
    ctx.xout = xout;
    ctx.flow = xin->flow;
    ctx.base_flow = xin->flow;
    ctx.odp_actions = xin->odp_actions;
    ctx.trace = xin->trace;
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
        error = XLATE_BRIDGE_NOT_FOUND;
    } else {
        if (ctx.trace) {
            size_t start = ctx.trace->length;

            ds_put_format(ctx.trace, "bridge(\"%s\")\n", ctx.xbridge->name);
            ds_put_char_multiple(ctx.trace, '-',
                                 ctx.trace->length - start - 1);
            ds_put_char(ctx.trace, '\n');
        }
        xlate_table(&ctx);
    }
    rcu_read_unlock();

    if (error) {
        ofpbuf_clear(xin->odp_actions);
    }
    return error;
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
