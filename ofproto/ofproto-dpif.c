/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ofproto-dpif: the OpenFlow switch on a datapath.  See ofproto-dpif.h. */

#include <config.h>
#include "ofproto/ofproto-dpif.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dpif.h"
#include "flow.h"
#include "match.h"
#include "hash.h"
#include "netdev.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofproto/connmgr.h"
#include "ofproto/mac-learning.h"
#include "ofproto/ofproto-dpif-features.h"
#include "ofproto/ofproto-dpif-meter.h"
#include "ofproto/ofproto-dpif-upcall.h"
#include "ofproto/ofproto-dpif-xlate.h"
#include "ofproto/xlate-xactions.h"
#include "ofpbuf.h"
#include "packets.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "poll-loop.h"
#include "seq.h"
#include "simap.h"
#include "smap.h"
#include "sset.h"
#include "timeval.h"
#include "unixctl.h"
#include "uuid.h"

VLOG_DEFINE_THIS_MODULE(ofproto_dpif);

/* The number of "unsigned long"s in a bitmap of the 4096 VLANs. */
#define VLAN_BITMAP_LONGS (4096 / (8 * sizeof(unsigned long)))

/* Every backer, by hash of its type. */
static struct hmap all_dpif_backers = HMAP_INITIALIZER(&all_dpif_backers);

/* Every bridge, by hash of name and by hash of uuid. */
static struct hmap all_ofproto_dpifs = HMAP_INITIALIZER(&all_ofproto_dpifs);
static struct hmap all_ofproto_dpifs_by_uuid
    = HMAP_INITIALIZER(&all_ofproto_dpifs_by_uuid);

/* The interface hints given at start-up: "struct iface_hint"s by interface
 * name. */
static struct shash init_ofp_ports = SHASH_INITIALIZER(&init_ofp_ports);

static void bundle_destroy(struct ofbundle *);
static void bundle_remove(struct ofport *);
static void ofproto_dpif_unixctl_init(void);
static const struct xlate_rule_ops xlate_rule_ops;

/* Casts. */

struct ofproto_dpif *
ofproto_dpif_cast(const struct ofproto *ofproto)
{
    ovs_assert(ofproto->ofproto_class == &ofproto_dpif_class);
    return CONTAINER_OF(ofproto, struct ofproto_dpif, up);
}

struct ofport_dpif *
ofport_dpif_cast(const struct ofport *ofport)
{
    return ofport ? CONTAINER_OF(ofport, struct ofport_dpif, up) : NULL;
}

struct rule_dpif *
rule_dpif_cast(const struct rule *rule)
{
    return rule ? CONTAINER_OF(rule, struct rule_dpif, up) : NULL;
}

/* Marks 'ofproto''s configuration as changed: the next run() or type_run()
 * pushes it to translation and revalidates. */
static void
ofproto_dpif_changed(struct ofproto_dpif *ofproto)
{
    ofproto->change_seq++;
    dpif_backer_revalidate(ofproto->backer, REV_RECONFIGURE);
}

/* Factory functions. */

static void
init(const struct shash *iface_hints)
{
    static bool inited;
    struct shash_node *node;

    /* A second call replaces the hints of the first. */
    SHASH_FOR_EACH (node, &init_ofp_ports) {
        struct iface_hint *hint = node->data;

        free(hint->br_name);
        free(hint->br_type);
        free(hint);
    }
    shash_clear(&init_ofp_ports);

    SHASH_FOR_EACH (node, iface_hints) {
        const struct iface_hint *orig = node->data;
        struct iface_hint *hint = xmalloc(sizeof *hint);

        hint->br_name = xstrdup(orig->br_name);
        hint->br_type = xstrdup(orig->br_type);
        hint->ofp_port = orig->ofp_port;
        shash_add(&init_ofp_ports, node->name, hint);
    }
    if (!inited) {
        inited = true;
        xlate_init();
        xlate_set_rule_ops(&xlate_rule_ops);
        udpif_init();
        ofproto_dpif_unixctl_init();
    }
}

static void
enumerate_types(struct sset *types)
{
    dp_enumerate_types(types);
}

static int
enumerate_names(const char *type, struct sset *names)
{
    struct ofproto_dpif *ofproto;

    sset_clear(names);
    HMAP_FOR_EACH (ofproto, all_ofproto_dpifs_node, &all_ofproto_dpifs) {
        if (!strcmp(type, ofproto->up.type)) {
            sset_add(names, ofproto->up.name);
        }
    }
    return 0;
}

static int
del(const char *type, const char *name)
{
    struct dpif *dpif;
    int error;

    error = dpif_open(name, type, &dpif);
    if (!error) {
        error = dpif_delete(dpif);
        dpif_close(dpif);
    }
    return error;
}

static const char *
port_open_type(const char *datapath_type, const char *port_type)
{
    return dpif_port_open_type(datapath_type, port_type);
}

/* Backers. */

static struct dpif_backer *
dpif_backer_lookup(const char *type)
{
    struct dpif_backer *backer;

    HMAP_FOR_EACH_WITH_HASH (backer, hmap_node, hash_string(type, 0),
                             &all_dpif_backers) {
        if (!strcmp(backer->type, type)) {
            return backer;
        }
    }
    return NULL;
}

/* Deletes the datapaths of 'type' other than 'keep' (left over by an
 * earlier run: the switch assumes it is the only one driving them). */
static void
delete_stale_datapaths(const char *type, const char *keep)
{
    struct sset names = SSET_INITIALIZER(&names);
    const char *name;

    dp_enumerate_names(type, &names);
    SSET_FOR_EACH (name, &names) {
        struct dpif *old;

        if (!strcmp(name, keep) || dpif_open(name, type, &old)) {
            continue;
        }
        VLOG_INFO("deleting stale datapath %s", dpif_name(old));
        dpif_delete(old);
        dpif_close(old);
    }
    sset_destroy(&names);
}

/* Deletes the ports of 'backer''s datapath that no interface hint claims
 * (except the datapath's own local port). */
static void
delete_stale_ports(struct dpif_backer *backer)
{
    struct ovs_list garbage = OVS_LIST_INITIALIZER(&garbage);
    struct dpif_port_dump dump;
    struct dpif_port port;
    struct odp_garbage {
        struct ovs_list node;   /* In 'garbage'. */
        odp_port_t port_no;     /* Port to delete. */
    } *g;

    DPIF_PORT_FOR_EACH (&port, &dump, backer->dpif) {
        if (port.port_no != ODPP_LOCAL
            && !shash_find(&init_ofp_ports, port.name)) {
            g = xmalloc(sizeof *g);
            g->port_no = port.port_no;
            ovs_list_push_back(&garbage, &g->node);
        }
    }
    LIST_FOR_EACH_POP (g, node, &garbage) {
        dpif_port_del(backer->dpif, g->port_no, false);
        free(g);
    }
}

/* Returns true if 'dpif' accepts the hash action with the symmetric L4
 * algorithm, which select groups prefer.  The probe executes the action
 * alone (it neither outputs nor changes anything) on a minimal frame from
 * the datapath's local port. */
static bool
probe_sym_l4_hash(struct dpif *dpif)
{
    struct ovs_action_hash hash = { .hash_alg = OVS_HASH_ALG_SYM_L4 };
    struct dp_packet *packet;
    struct ofpbuf actions;
    int error;

    packet = dp_packet_new(ETH_HEADER_LEN);
    memset(dp_packet_put_uninit(packet, ETH_HEADER_LEN), 0, ETH_HEADER_LEN);

    ofpbuf_init(&actions, 16);
    nl_msg_put_unspec(&actions, OVS_ACTION_ATTR_HASH, &hash, sizeof hash);
    error = dpif_probe_execute(dpif, packet, &actions);
    ofpbuf_uninit(&actions);
    VLOG_INFO("%s: datapath %s symmetric L4 hash", dpif_name(dpif),
              error ? "does not support" : "supports");
    return !error;
}

/* Returns true if 'dpif' can rewrite an ARP header with a masked set
 * action.  The probe executes the action alone (no output) on an ARP
 * request from the datapath's local port; rewriting ICMP, ICMPv6 and ND
 * headers is assumed to go with it. */
static bool
probe_set_arp_icmp_nd(struct dpif *dpif)
{
    struct ovs_key_arp key, mask;
    struct dp_packet *packet;
    struct ofpbuf actions;
    uint8_t *p;
    size_t ofs;
    int error;

    packet = dp_packet_new(ETH_HEADER_LEN + ARP_ETH_HEADER_LEN);
    p = dp_packet_put_uninit(packet, ETH_HEADER_LEN + ARP_ETH_HEADER_LEN);
    memset(p, 0, ETH_HEADER_LEN + ARP_ETH_HEADER_LEN);
    p[12] = 0x08;               /* Ethertype ARP, */
    p[13] = 0x06;
    p[15] = 1;                  /* hardware type Ethernet, */
    p[16] = 0x08;               /* protocol type IPv4, */
    p[18] = ETH_ADDR_LEN;       /* address lengths, */
    p[19] = 4;
    p[21] = 1;                  /* opcode request. */

    memset(&key, 0, sizeof key);
    memset(&mask, 0, sizeof mask);
    key.arp_op = htons(2);
    mask.arp_op = htons(UINT16_MAX);
    ofpbuf_init(&actions, 64);
    ofs = nl_msg_start_nested(&actions, OVS_ACTION_ATTR_SET_MASKED);
    p = nl_msg_put_unspec_uninit(&actions, OVS_KEY_ATTR_ARP, 2 * sizeof key);
    memcpy(p, &key, sizeof key);
    memcpy(p + sizeof key, &mask, sizeof mask);
    nl_msg_end_nested(&actions, ofs);
    error = dpif_probe_execute(dpif, packet, &actions);
    ofpbuf_uninit(&actions);
    VLOG_INFO("%s: datapath %s rewriting ARP, ICMP and ND headers",
              dpif_name(dpif), error ? "does not support" : "supports");
    return !error;
}

/* Opens (or takes a reference to) the backer of 'type'. */
static int
open_dpif_backer(const char *type, struct dpif_backer **backerp)
{
    struct dpif_backer *backer;
    char *backer_name;
    int error;

    backer = dpif_backer_lookup(type);
    if (backer) {
        backer->refcount++;
        *backerp = backer;
        return 0;
    }

    backer_name = xasprintf("ovs-%s", type);
    delete_stale_datapaths(type, backer_name);

    backer = xzalloc(sizeof *backer);
    error = dpif_create_and_open(backer_name, type, &backer->dpif);
    free(backer_name);
    if (error) {
        VLOG_ERR("failed to open datapath of type %s: %s", type,
                 ovs_strerror(error));
        free(backer);
        *backerp = NULL;
        return error;
    }

    backer->type = xstrdup(type);
    backer->refcount = 1;
    ovs_rwlock_init(&backer->odp_to_ofport_lock);
    hmap_init(&backer->odp_to_ofport_map);
    backer->revalidate_seq = seq_create();
    sset_init(&backer->tnl_ports);
    backer->n_handlers = -1;
    backer->n_revalidators = -1;
    hmap_insert(&all_dpif_backers, &backer->hmap_node,
                hash_string(backer->type, 0));

    delete_stale_ports(backer);
    backer->sym_l4_hash = probe_sym_l4_hash(backer->dpif);
    backer->set_arp_icmp_nd = probe_set_arp_icmp_nd(backer->dpif);
    backer->features = xmalloc(sizeof *backer->features);
    dpif_features_probe(backer->dpif, backer->sym_l4_hash, backer->features);

    backer->recv_set_enable = !dpif_recv_set(backer->dpif, true);
    if (!backer->recv_set_enable) {
        VLOG_WARN("%s: failed to enable receiving upcalls",
                  dpif_name(backer->dpif));
    }
    backer->udpif = udpif_create(backer, backer->dpif);

    *backerp = backer;
    return 0;
}

/* Drops a reference to 'backer'; the last one closes the datapath (and
 * deletes it if 'del' is true). */
static void
close_dpif_backer(struct dpif_backer *backer, bool del)
{
    ovs_assert(backer->refcount > 0);
    if (--backer->refcount) {
        return;
    }

    udpif_destroy(backer->udpif);
    hmap_remove(&all_dpif_backers, &backer->hmap_node);
    if (del) {
        dpif_delete(backer->dpif);
    }
    dpif_close(backer->dpif);
    ovs_assert(hmap_is_empty(&backer->odp_to_ofport_map));
    hmap_destroy(&backer->odp_to_ofport_map);
    ovs_rwlock_destroy(&backer->odp_to_ofport_lock);
    seq_destroy(backer->revalidate_seq);
    sset_destroy(&backer->tnl_ports);
    free(backer->features);
    free(backer->type);
    free(backer);
}

void
dpif_backer_revalidate(struct dpif_backer *backer,
                       enum revalidate_reason reason)
{
    int expected = 0;

    /* If a revalidation is already pending, the main thread has been woken
     * for it and will see this change too when it takes the request in
     * type_run(): waking it again per flow mod only costs a lock. */
    if (__atomic_compare_exchange_n(&backer->need_revalidate, &expected,
                                    (int) reason, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE)) {
        seq_change(backer->revalidate_seq);
    }
}

void
ofproto_dpif_revalidate(struct ofproto_dpif *ofproto,
                        enum revalidate_reason reason)
{
    dpif_backer_revalidate(ofproto->backer, reason);
}

struct dpif_backer *
ofproto_dpif_get_backer(const struct ofproto_dpif *ofproto)
{
    return ofproto->backer;
}

/* Pushes the configuration of 'ofproto' (bridge, bundles, ports) to the
 * translation module in one transaction. */
static void
ofproto_dpif_push_config(struct ofproto_dpif *ofproto)
{
    struct ofbundle *bundle;
    struct ofport *port_;

    xlate_txn_start();
    xlate_ofproto_set(ofproto, ofproto->up.name, ofproto->backer->dpif,
                      ofproto->ml, false);
    HMAP_FOR_EACH (bundle, hmap_node, &ofproto->bundles) {
        xlate_bundle_set(ofproto, bundle, bundle->name, bundle->vlan_mode,
                         bundle->vlan, bundle->trunks,
                         bundle->use_priority_tags, bundle->floodable,
                         bundle->protected);
    }
    HMAP_FOR_EACH (port_, hmap_node, &ofproto->up.ports) {
        struct ofport_dpif *port = ofport_dpif_cast(port_);

        xlate_ofport_set(ofproto, port->bundle, port, port->up.ofp_port,
                         port->odp_port, netdev_get_name(port->up.netdev),
                         port->up.pp.config, port->up.pp.state,
                         port->may_enable);
    }
    xlate_txn_commit();
    ofproto->pushed_seq = ofproto->change_seq;
    dpif_backer_revalidate(ofproto->backer, REV_RECONFIGURE);
}

/* Handles a change reported by the datapath for port 'devname' (or, if
 * 'devname' is NULL, for every port): removes the OpenFlow ports whose
 * datapath ports vanished and refreshes the others. */
static void
process_dpif_port_change(struct dpif_backer *backer, const char *devname)
{
    struct ofproto_dpif *ofproto;

    HMAP_FOR_EACH (ofproto, all_ofproto_dpifs_node, &all_ofproto_dpifs) {
        struct sset names = SSET_INITIALIZER(&names);
        const char *name;

        if (ofproto->backer != backer) {
            continue;
        }
        if (devname) {
            if (sset_contains(&ofproto->ports, devname)) {
                sset_add(&names, devname);
            }
        } else {
            sset_clone(&names, &ofproto->ports);
        }
        SSET_FOR_EACH (name, &names) {
            if (!dpif_port_exists(backer->dpif, name)) {
                VLOG_INFO("%s: port %s disappeared from the datapath",
                          ofproto->up.name, name);
                sset_find_and_delete(&ofproto->ports, name);
            }
            ofproto_port_changed(&ofproto->up, name);
        }
        sset_destroy(&names);
    }
}

static int
type_run(const char *type)
{
    static unsigned int last_flow_limit, last_max_idle;
    struct dpif_backer *backer = dpif_backer_lookup(type);
    struct ofproto_dpif *ofproto;
    bool all_changed = false;
    struct sset changed = SSET_INITIALIZER(&changed);
    const char *name;
    char *devname;
    int need;
    int i;

    if (!backer) {
        /* No bridge uses this type: nothing to do. */
        return 0;
    }

    dpif_run(backer->dpif);
    udpif_run(backer->udpif);
    xlate_learn_run();

    if (backer->n_handlers != n_handlers
        || backer->n_revalidators != n_revalidators) {
        backer->n_handlers = n_handlers;
        backer->n_revalidators = n_revalidators;
        udpif_set_threads(backer->udpif, n_handlers, n_revalidators);
    }
    if (last_flow_limit != ofproto_flow_limit) {
        last_flow_limit = ofproto_flow_limit;
        udpif_set_flow_limit(ofproto_flow_limit);
    }
    if (last_max_idle != ofproto_max_idle) {
        last_max_idle = ofproto_max_idle;
        udpif_set_max_idle(ofproto_max_idle);
    }

    /* Port changes, in a bounded number of steps. */
    for (i = 0; i < 50; i++) {
        int error = dpif_port_poll(backer->dpif, &devname);

        if (error == EAGAIN) {
            break;
        } else if (error == ENOBUFS) {
            all_changed = true;
        } else if (!error) {
            sset_add(&changed, devname);
            free(devname);
        } else {
            break;
        }
    }
    if (all_changed) {
        process_dpif_port_change(backer, NULL);
    } else {
        SSET_FOR_EACH (name, &changed) {
            process_dpif_port_change(backer, name);
        }
    }
    sset_destroy(&changed);

    /* Configuration changes. */
    HMAP_FOR_EACH (ofproto, all_ofproto_dpifs_node, &all_ofproto_dpifs) {
        if (ofproto->backer == backer
            && ofproto->change_seq != ofproto->pushed_seq) {
            ofproto_dpif_push_config(ofproto);
        }
    }

    need = __atomic_exchange_n(&backer->need_revalidate, 0, __ATOMIC_ACQ_REL);
    if (need) {
        udpif_revalidate(backer->udpif);
    }
    return 0;
}

static void
type_wait(const char *type)
{
    struct dpif_backer *backer = dpif_backer_lookup(type);

    if (!backer) {
        return;
    }
    dpif_wait(backer->dpif);
    udpif_wait(backer->udpif);
    xlate_learn_wait();
    dpif_port_poll_wait(backer->dpif);
    /* Read the sequence number before the flag: a request made in between
     * then changes the number we wait on.  A request made since type_run()
     * (the flow mods of this main loop iteration make one) is passed on to
     * the revalidators here, rather than in one more iteration. */
    uint64_t reval_seqno = seq_read(backer->revalidate_seq);
    if (__atomic_exchange_n(&backer->need_revalidate, 0, __ATOMIC_ACQ_REL)) {
        udpif_revalidate(backer->udpif);
    }
    seq_wait(backer->revalidate_seq, reval_seqno);
}

/* Passes 'other_config' to the datapath of 'type', if it is open. */
static void
type_set_config(const char *type, const struct smap *other_config)
{
    struct dpif_backer *backer = dpif_backer_lookup(type);

    if (backer) {
        dpif_set_config(backer->dpif, other_config);
    }
}

static void
type_get_memory_usage(const char *type, struct simap *usage)
{
    struct dpif_backer *backer = dpif_backer_lookup(type);

    if (backer) {
        udpif_get_memory_usage(backer->udpif, usage);
    }
}

/* Bridges. */

static struct ofproto *
alloc(void)
{
    struct ofproto_dpif *ofproto = xzalloc(sizeof *ofproto);
    return &ofproto->up;
}

static void
dealloc(struct ofproto *ofproto_)
{
    free(ofproto_dpif_cast(ofproto_));
}

/* Adds the local port of 'ofproto' (an internal device named after the
 * bridge) to the datapath if it is not there yet. */
static int
add_local_port(struct ofproto_dpif *ofproto)
{
    struct dpif *dpif = ofproto->backer->dpif;
    const char *name = ofproto->up.name;
    struct netdev *netdev;
    odp_port_t port_no = ODPP_NONE;
    int error;

    if (dpif_port_exists(dpif, name)) {
        return 0;
    }
    error = netdev_open(name, dpif_port_open_type(ofproto->up.type,
                                                  "internal"), &netdev);
    if (error) {
        VLOG_WARN("%s: could not open local port (%s)", name,
                  ovs_strerror(error));
        return error;
    }
    error = dpif_port_add(dpif, netdev, &port_no);
    if (error) {
        VLOG_WARN("%s: could not add local port to %s (%s)", name,
                  dpif_name(dpif), ovs_strerror(error));
    }
    netdev_close(netdev);
    return error;
}

static int
construct(struct ofproto *ofproto_)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);
    const char *name = ofproto->up.name;
    struct dpif_port_dump dump;
    struct dpif_port port;
    int error;

    error = open_dpif_backer(ofproto->up.type, &ofproto->backer);
    if (error) {
        return error;
    }

    uuid_generate(&ofproto->uuid);
    ofproto->ml = mac_learning_create(MAC_ENTRY_DEFAULT_IDLE_TIME);
    hmap_init(&ofproto->bundles);
    sset_init(&ofproto->ports);
    sset_init(&ofproto->ghost_ports);

    /* Ports of this bridge that a previous run left in the datapath. */
    DPIF_PORT_FOR_EACH (&port, &dump, ofproto->backer->dpif) {
        const struct iface_hint *hint = shash_find_data(&init_ofp_ports,
                                                        port.name);
        if (hint && !strcmp(hint->br_name, name)) {
            sset_add(&ofproto->ports, port.name);
        }
    }

    error = add_local_port(ofproto);
    if (error) {
        mac_learning_unref(ofproto->ml);
        hmap_destroy(&ofproto->bundles);
        sset_destroy(&ofproto->ports);
        sset_destroy(&ofproto->ghost_ports);
        close_dpif_backer(ofproto->backer, false);
        return error;
    }
    sset_add(&ofproto->ports, name);

    hmap_insert(&all_ofproto_dpifs, &ofproto->all_ofproto_dpifs_node,
                hash_string(name, 0));
    hmap_insert(&all_ofproto_dpifs_by_uuid,
                &ofproto->all_ofproto_dpifs_by_uuid_node,
                hash_bytes(&ofproto->uuid, sizeof ofproto->uuid, 0));
    ofproto_dpif_changed(ofproto);
    return 0;
}

static void
destruct(struct ofproto *ofproto_, bool del)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);
    struct ofbundle *bundle;

    xlate_remove_ofproto(ofproto);
    HMAP_FOR_EACH_SAFE (bundle, hmap_node, &ofproto->bundles) {
        bundle_destroy(bundle);
    }
    hmap_destroy(&ofproto->bundles);

    if (del) {
        const char *name;

        SSET_FOR_EACH (name, &ofproto->ports) {
            struct dpif_port port;

            if (!dpif_port_query_by_name(ofproto->backer->dpif, name,
                                         &port)) {
                dpif_port_del(ofproto->backer->dpif, port.port_no, false);
                dpif_port_destroy(&port);
            }
        }
    }

    hmap_remove(&all_ofproto_dpifs, &ofproto->all_ofproto_dpifs_node);
    hmap_remove(&all_ofproto_dpifs_by_uuid,
                &ofproto->all_ofproto_dpifs_by_uuid_node);
    mac_learning_unref(ofproto->ml);
    sset_destroy(&ofproto->ports);
    sset_destroy(&ofproto->ghost_ports);
    dpif_backer_revalidate(ofproto->backer, REV_RECONFIGURE);
    close_dpif_backer(ofproto->backer, del);
}

/* Packet-ins from the upcall threads, waiting for the main thread. */
struct pin_node {
    struct ovs_list list_node;  /* In 'pins'. */
    char *bridge;               /* Name of the bridge to send it from. */
    struct ofproto_async_msg *am; /* The packet-in. */
};
static struct ovs_mutex pins_mutex = OVS_MUTEX_INITIALIZER;
static struct ovs_list pins OVS_GUARDED_BY(pins_mutex)
    = OVS_LIST_INITIALIZER(&pins);
static struct seq *pins_seq;    /* Changes whenever 'pins' gets one. */

/* Creates 'pins_seq' (once). */
static void
pins_seq_create(void)
{
    pins_seq = seq_create();
}

/* Returns 'pins_seq', creating it the first time. */
static struct seq *
get_pins_seq(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, pins_seq_create);
    return pins_seq;
}

void
ofproto_dpif_send_async_msg(struct ofproto_dpif *ofproto,
                            struct ofproto_async_msg *am)
{
    struct pin_node *node = xmalloc(sizeof *node);

    node->bridge = xstrdup(ofproto->up.name);
    node->am = am;
    ovs_mutex_lock(&pins_mutex);
    ovs_list_push_back(&pins, &node->list_node);
    ovs_mutex_unlock(&pins_mutex);
    seq_change(get_pins_seq());
}

/* Sends the queued packet-ins of 'ofproto' (and drops those of bridges
 * that are gone). */
static void
send_queued_pins(struct ofproto_dpif *ofproto)
{
    struct ovs_list mine = OVS_LIST_INITIALIZER(&mine);
    struct pin_node *node;

    ovs_mutex_lock(&pins_mutex);
    LIST_FOR_EACH_SAFE (node, list_node, &pins) {
        if (!strcmp(node->bridge, ofproto->up.name)
            || !ofproto_dpif_lookup_by_name(node->bridge)) {
            ovs_list_remove(&node->list_node);
            ovs_list_push_back(&mine, &node->list_node);
        }
    }
    ovs_mutex_unlock(&pins_mutex);

    LIST_FOR_EACH_POP (node, list_node, &mine) {
        if (!strcmp(node->bridge, ofproto->up.name)) {
            ofproto_send_async_msg(&ofproto->up, node->am);
        }
        ofproto_async_msg_free(node->am);
        free(node->bridge);
        free(node);
    }
}

static int
run(struct ofproto *ofproto_)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);

    ofproto->pins_seqno = seq_read(get_pins_seq());
    send_queued_pins(ofproto);

    if (mac_learning_run(ofproto->ml)) {
        dpif_backer_revalidate(ofproto->backer, REV_MAC_LEARNING);
    }
    if (ofproto->change_seq != ofproto->pushed_seq) {
        ofproto_dpif_push_config(ofproto);
    }
    return 0;
}

static void
wait_ofproto(struct ofproto *ofproto_)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);

    mac_learning_wait(ofproto->ml);
    seq_wait(get_pins_seq(), ofproto->pins_seqno);
    if (ofproto->change_seq != ofproto->pushed_seq) {
        poll_immediate_wake();
    }
}

static void
get_memory_usage(const struct ofproto *ofproto_, struct simap *usage)
{
    const struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);

    simap_increase(usage, "mac-learning", mac_learning_count(ofproto->ml));
}

struct ofproto_dpif *
ofproto_dpif_lookup_by_name(const char *name)
{
    struct ofproto_dpif *ofproto;

    HMAP_FOR_EACH_WITH_HASH (ofproto, all_ofproto_dpifs_node,
                             hash_string(name, 0), &all_ofproto_dpifs) {
        if (!strcmp(ofproto->up.name, name)) {
            return ofproto;
        }
    }
    return NULL;
}

struct ofproto_dpif *
ofproto_dpif_lookup_by_uuid(const struct uuid *uuid)
{
    struct ofproto_dpif *ofproto;

    HMAP_FOR_EACH_WITH_HASH (ofproto, all_ofproto_dpifs_by_uuid_node,
                             hash_bytes(uuid, sizeof *uuid, 0),
                             &all_ofproto_dpifs_by_uuid) {
        if (uuid_equals(&ofproto->uuid, uuid)) {
            return ofproto;
        }
    }
    return NULL;
}

/* Ports. */

struct ofport_dpif *
odp_port_to_ofport(const struct dpif_backer *backer, odp_port_t odp_port)
{
    struct ofport_dpif *port;

    ovs_rwlock_rdlock(&backer->odp_to_ofport_lock);
    HMAP_FOR_EACH_IN_BUCKET (port, odp_port_node, hash_int(odp_port, 0),
                             &backer->odp_to_ofport_map) {
        if (port->odp_port == odp_port) {
            ovs_rwlock_unlock(&backer->odp_to_ofport_lock);
            return port;
        }
    }
    ovs_rwlock_unlock(&backer->odp_to_ofport_lock);
    return NULL;
}

ofp_port_t
odp_port_to_ofp_port(const struct dpif_backer *backer, odp_port_t odp_port,
                     struct ofproto_dpif **ofprotop)
{
    struct ofport_dpif *port;
    ofp_port_t ofp_port = OFPP_NONE;
    struct ofproto_dpif *ofproto = NULL;

    ovs_rwlock_rdlock(&backer->odp_to_ofport_lock);
    HMAP_FOR_EACH_IN_BUCKET (port, odp_port_node, hash_int(odp_port, 0),
                             &backer->odp_to_ofport_map) {
        if (port->odp_port == odp_port) {
            ofp_port = port->up.ofp_port;
            ofproto = ofproto_dpif_cast(port->up.ofproto);
            break;
        }
    }
    ovs_rwlock_unlock(&backer->odp_to_ofport_lock);
    if (ofprotop) {
        *ofprotop = ofproto;
    }
    return ofp_port;
}

struct ofport_dpif *
ofp_port_to_ofport(const struct ofproto_dpif *ofproto, ofp_port_t ofp_port)
{
    return ofport_dpif_cast(ofproto_get_port(&ofproto->up, ofp_port));
}

odp_port_t
ofp_port_to_odp_port(const struct ofproto_dpif *ofproto, ofp_port_t ofp_port)
{
    const struct ofport_dpif *port = ofp_port_to_ofport(ofproto, ofp_port);
    return port ? port->odp_port : ODPP_NONE;
}

static struct ofport *
port_alloc(void)
{
    struct ofport_dpif *port = xzalloc(sizeof *port);
    return &port->up;
}

/* Frees 'port' after an RCU grace period: other threads may still hold a
 * pointer from odp_port_to_ofport(). */
static void
port_dealloc(struct ofport *port_)
{
    ovsrcu_postpone(free, ofport_dpif_cast(port_));
}

/* Returns true if 'port' may forward: its device has carrier. */
static bool
port_may_enable(const struct ofport_dpif *port)
{
    return !(port->up.pp.state & OFPROTO_PS_LINK_DOWN);
}

static int
port_construct(struct ofport *port_)
{
    struct ofport_dpif *port = ofport_dpif_cast(port_);
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(port->up.ofproto);
    struct dpif_backer *backer = ofproto->backer;
    const char *name = netdev_get_name(port->up.netdev);
    struct dpif_port dpif_port;
    int error;

    error = dpif_port_query_by_name(backer->dpif, name, &dpif_port);
    if (error) {
        return error;
    }
    port->odp_port = dpif_port.port_no;
    dpif_port_destroy(&dpif_port);

    if (odp_port_to_ofport(backer, port->odp_port)) {
        VLOG_ERR("%s: datapath port %"PRIu32" of %s is already an OpenFlow "
                 "port", ofproto->up.name, port->odp_port, name);
        port->odp_port = ODPP_NONE;
        return EBUSY;
    }

    port->bundle = NULL;
    ovs_list_init(&port->bundle_node);
    port->may_enable = port_may_enable(port);

    ovs_rwlock_wrlock(&backer->odp_to_ofport_lock);
    hmap_insert(&backer->odp_to_ofport_map, &port->odp_port_node,
                hash_int(port->odp_port, 0));
    ovs_rwlock_unlock(&backer->odp_to_ofport_lock);

    ofproto_dpif_changed(ofproto);
    return 0;
}

static void
port_destruct(struct ofport *port_, bool del)
{
    struct ofport_dpif *port = ofport_dpif_cast(port_);
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(port->up.ofproto);
    struct dpif_backer *backer = ofproto->backer;
    const char *name = netdev_get_name(port->up.netdev);

    xlate_ofport_remove(port);
    if (port->odp_port != ODPP_NONE) {
        ovs_rwlock_wrlock(&backer->odp_to_ofport_lock);
        hmap_remove(&backer->odp_to_ofport_map, &port->odp_port_node);
        ovs_rwlock_unlock(&backer->odp_to_ofport_lock);
    }
    if (del && sset_contains(&ofproto->ports, name)) {
        if (port->odp_port != ODPP_NONE
            && dpif_port_exists(backer->dpif, name)) {
            dpif_port_del(backer->dpif, port->odp_port, false);
        }
        sset_find_and_delete(&ofproto->ports, name);
    }
    bundle_remove(port_);
    ofproto_dpif_changed(ofproto);
}

static void
port_modified(struct ofport *port_)
{
    struct ofport_dpif *port = ofport_dpif_cast(port_);
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(port->up.ofproto);
    bool may_enable = port_may_enable(port);

    if (may_enable != port->may_enable) {
        port->may_enable = may_enable;
        dpif_backer_revalidate(ofproto->backer, REV_PORT_TOGGLED);
    }
    ofproto_dpif_changed(ofproto);
}

static void
port_reconfigured(struct ofport *port_, uint32_t old_config)
{
    struct ofport_dpif *port = ofport_dpif_cast(port_);

    if (port->up.pp.config != old_config) {
        /* A bundle floods unless one of its ports has OFPPC_NO_FLOOD. */
        if (port->bundle) {
            const struct ofport_dpif *p;
            bool floodable = true;

            LIST_FOR_EACH (p, bundle_node, &port->bundle->ports) {
                if (p->up.pp.config & OFPUTIL_PC_NO_FLOOD) {
                    floodable = false;
                }
            }
            port->bundle->floodable = floodable;
        }
        ofproto_dpif_changed(ofproto_dpif_cast(port->up.ofproto));
    }
}

static int
port_query_by_name(const struct ofproto *ofproto_, const char *devname,
                   struct ofproto_port *ofproto_port)
{
    const struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);
    struct dpif_port dpif_port;
    const struct iface_hint *hint;
    struct ofport *ofport;
    int error;

    if (!sset_contains(&ofproto->ports, devname)) {
        return ENODEV;
    }
    error = dpif_port_query_by_name(ofproto->backer->dpif, devname,
                                    &dpif_port);
    if (error) {
        return error;
    }

    ofproto_port->name = dpif_port.name;
    ofproto_port->type = dpif_port.type;
    ofport = shash_find_data(&ofproto->up.port_by_name, devname);
    hint = shash_find_data(&init_ofp_ports, devname);
    if (!strcmp(devname, ofproto->up.name)) {
        ofproto_port->ofp_port = OFPP_LOCAL;
    } else if (ofport) {
        ofproto_port->ofp_port = ofport->ofp_port;
    } else if (hint && !strcmp(hint->br_name, ofproto->up.name)) {
        ofproto_port->ofp_port = hint->ofp_port;
    } else {
        ofproto_port->ofp_port = OFPP_NONE;
    }
    return 0;
}

/* The state of a port dump: the bridge's port names. */
struct port_dump_state {
    const char **names;         /* Sorted names (pointers into a copy). */
    struct sset copy;           /* Owns the names. */
    size_t n;                   /* Number of names. */
    size_t next;                /* Next index to return. */
    struct ofproto_port port;   /* The port returned last. */
    bool has_port;              /* Whether 'port' needs freeing. */
};

static int
port_dump_start(const struct ofproto *ofproto_, void **statep)
{
    const struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);
    struct port_dump_state *state = xzalloc(sizeof *state);

    sset_clone(&state->copy, &ofproto->ports);
    state->names = sset_sort(&state->copy);
    state->n = sset_count(&state->copy);
    *statep = state;
    return 0;
}

static int
port_dump_next(const struct ofproto *ofproto, void *state_,
               struct ofproto_port *port)
{
    struct port_dump_state *state = state_;

    if (state->has_port) {
        ofproto_port_destroy(&state->port);
        state->has_port = false;
    }
    while (state->next < state->n) {
        const char *name = state->names[state->next++];

        if (!port_query_by_name(ofproto, name, &state->port)) {
            state->has_port = true;
            *port = state->port;
            return 0;
        }
    }
    return EOF;
}

static int
port_dump_done(const struct ofproto *ofproto OVS_UNUSED, void *state_)
{
    struct port_dump_state *state = state_;

    if (state->has_port) {
        ofproto_port_destroy(&state->port);
    }
    free(state->names);
    sset_destroy(&state->copy);
    free(state);
    return 0;
}

/* Returns the bridge of the same backer as 'ofproto', other than it, that
 * has a port named 'devname', or NULL. */
static struct ofproto_dpif *
port_owner(const struct ofproto_dpif *ofproto, const char *devname)
{
    struct ofproto_dpif *other;

    HMAP_FOR_EACH (other, all_ofproto_dpifs_node, &all_ofproto_dpifs) {
        if (other != ofproto && other->backer == ofproto->backer
            && sset_contains(&other->ports, devname)) {
            return other;
        }
    }
    return NULL;
}

static int
port_add(struct ofproto *ofproto_, struct netdev *netdev)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);
    struct dpif *dpif = ofproto->backer->dpif;
    const char *devname = netdev_get_name(netdev);
    struct ofproto_dpif *owner = port_owner(ofproto, devname);

    if (owner) {
        VLOG_WARN("%s: cannot add port %s: it belongs to bridge %s",
                  ofproto->up.name, devname, owner->up.name);
        return EBUSY;
    }
    if (!dpif_port_exists(dpif, devname)) {
        odp_port_t port_no = ODPP_NONE;
        int error = dpif_port_add(dpif, netdev, &port_no);

        if (error) {
            return error;
        }
    }
    sset_add(&ofproto->ports, devname);
    return 0;
}

static int
port_del(struct ofproto *ofproto_, ofp_port_t ofp_port)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);
    struct ofport_dpif *port = ofp_port_to_ofport(ofproto, ofp_port);
    const char *name;
    int error = 0;

    if (!port) {
        return ENODEV;
    }
    name = netdev_get_name(port->up.netdev);
    if (sset_contains(&ofproto->ports, name)) {
        if (port->odp_port != ODPP_NONE) {
            error = dpif_port_del(ofproto->backer->dpif, port->odp_port,
                                  false);
        }
        if (!error) {
            sset_find_and_delete(&ofproto->ports, name);
        }
    }
    return error;
}

static int
port_get_stats(const struct ofport *port, struct netdev_stats *stats)
{
    return netdev_get_stats(port->netdev, stats);
}

/* Bundles. */

static struct ofbundle *
bundle_lookup(const struct ofproto_dpif *ofproto, void *aux)
{
    struct ofbundle *bundle;

    HMAP_FOR_EACH_IN_BUCKET (bundle, hmap_node, hash_pointer(aux, 0),
                             &ofproto->bundles) {
        if (bundle->aux == aux) {
            return bundle;
        }
    }
    return NULL;
}

/* Forgets the MAC addresses learned on 'bundle'. */
static void
bundle_flush_macs(struct ofbundle *bundle)
{
    struct mac_learning *ml = bundle->ofproto->ml;

    ovs_rwlock_wrlock(&ml->rwlock);
    mac_learning_flush_port(ml, bundle);
    ovs_rwlock_unlock(&ml->rwlock);
    dpif_backer_revalidate(bundle->ofproto->backer, REV_MAC_LEARNING);
}

/* Takes 'port' out of its bundle, if any. */
static void
bundle_del_port(struct ofport_dpif *port)
{
    if (port->bundle) {
        ovs_list_remove(&port->bundle_node);
        ovs_list_init(&port->bundle_node);
        port->bundle = NULL;
    }
}

/* Destroys 'bundle' (NULL is allowed); its ports stay, without a bundle. */
static void
bundle_destroy(struct ofbundle *bundle)
{
    struct ofport_dpif *port;

    if (!bundle) {
        return;
    }
    xlate_bundle_remove(bundle);
    bundle_flush_macs(bundle);
    LIST_FOR_EACH_SAFE (port, bundle_node, &bundle->ports) {
        bundle_del_port(port);
    }
    hmap_remove(&bundle->ofproto->bundles, &bundle->hmap_node);
    ofproto_dpif_changed(bundle->ofproto);
    free(bundle->name);
    free(bundle->trunks);
    free(bundle->cvlans);
    free(bundle);
}

/* Returns a copy of VLAN bitmap 'src' (NULL for NULL). */
static unsigned long *
vlan_bitmap_clone(const unsigned long *src)
{
    return (src
            ? xmemdup(src, VLAN_BITMAP_LONGS * sizeof *src)
            : NULL);
}

/* Returns true if VLAN bitmaps 'a' and 'b' are the same. */
static bool
vlan_bitmap_equal(const unsigned long *a, const unsigned long *b)
{
    return (!a || !b
            ? a == b
            : !memcmp(a, b, VLAN_BITMAP_LONGS * sizeof *a));
}

static int
bundle_set(struct ofproto *ofproto_, void *aux,
           const struct ofproto_bundle_settings *s)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);
    struct ofbundle *bundle = bundle_lookup(ofproto, aux);
    struct ofport_dpif *port;
    bool vlan_changed = false;
    size_t i;

    if (!s) {
        bundle_destroy(bundle);
        return 0;
    }
    if (s->bond || s->lacp) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_WARN_RL(&rl, "%s: bundle %s: bonding and LACP are not "
                     "supported yet", ofproto->up.name, s->name);
    }

    if (!bundle) {
        bundle = xzalloc(sizeof *bundle);
        bundle->ofproto = ofproto;
        bundle->aux = aux;
        hmap_insert(&ofproto->bundles, &bundle->hmap_node,
                    hash_pointer(aux, 0));
        ovs_list_init(&bundle->ports);
        bundle->vlan_mode = s->vlan_mode;
        bundle->vlan = s->vlan;
        bundle->floodable = true;
    } else if (bundle->vlan_mode != s->vlan_mode
               || bundle->vlan != s->vlan
               || bundle->qinq_ethtype != s->qinq_ethtype
               || !vlan_bitmap_equal(bundle->trunks, s->trunks)
               || !vlan_bitmap_equal(bundle->cvlans, s->cvlans)
               || bundle->use_priority_tags != s->use_priority_tags) {
        vlan_changed = true;
    }

    if (!bundle->name || strcmp(bundle->name, s->name)) {
        free(bundle->name);
        bundle->name = xstrdup(s->name);
    }
    bundle->vlan_mode = s->vlan_mode;
    bundle->qinq_ethtype = s->qinq_ethtype;
    bundle->vlan = s->vlan;
    free(bundle->trunks);
    bundle->trunks = vlan_bitmap_clone(s->trunks);
    free(bundle->cvlans);
    bundle->cvlans = vlan_bitmap_clone(s->cvlans);
    bundle->use_priority_tags = s->use_priority_tags;
    bundle->protected = s->protected;

    /* Ports that left the bundle. */
    LIST_FOR_EACH_SAFE (port, bundle_node, &bundle->ports) {
        bool keep = false;

        for (i = 0; i < s->n_slaves; i++) {
            if (port->up.ofp_port == s->slaves[i]) {
                keep = true;
                break;
            }
        }
        if (!keep) {
            bundle_del_port(port);
            vlan_changed = true;
        }
    }

    /* Ports that joined it. */
    for (i = 0; i < s->n_slaves; i++) {
        port = ofp_port_to_ofport(ofproto, s->slaves[i]);
        if (!port) {
            /* The bridge names ports that failed to be added, too. */
            VLOG_DBG("%s: bundle %s: no OpenFlow port %"PRIu16,
                     ofproto->up.name, s->name, s->slaves[i]);
            continue;
        }
        if (port->bundle != bundle) {
            if (port->bundle) {
                bundle_flush_macs(port->bundle);
            }
            bundle_del_port(port);
            port->bundle = bundle;
            ovs_list_push_back(&bundle->ports, &port->bundle_node);
        }
    }

    if (vlan_changed) {
        bundle_flush_macs(bundle);
    }
    ofproto_dpif_changed(ofproto);
    return 0;
}

/* Removes the port 'port_' (going away) from its bundle, and destroys the
 * bundle if that was its last port. */
static void
bundle_remove(struct ofport *port_)
{
    struct ofport_dpif *port = ofport_dpif_cast(port_);
    struct ofbundle *bundle = port->bundle;

    if (bundle) {
        bundle_del_port(port);
        if (ovs_list_is_empty(&bundle->ports)) {
            bundle_destroy(bundle);
        } else {
            bundle_flush_macs(bundle);
            ofproto_dpif_changed(bundle->ofproto);
        }
    }
}

static void
set_mac_table_config(struct ofproto *ofproto_, unsigned int idle_time,
                     size_t max_entries)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofproto_);

    ovs_rwlock_wrlock(&ofproto->ml->rwlock);
    mac_learning_set_idle_time(ofproto->ml, idle_time);
    mac_learning_set_max_entries(ofproto->ml, max_entries);
    ovs_rwlock_unlock(&ofproto->ml->rwlock);
}

/* Rules. */

static struct rule *
rule_alloc(void)
{
    struct rule_dpif *rule = xzalloc(sizeof *rule);
    return &rule->up;
}

static void
rule_dealloc(struct rule *rule_)
{
    free(rule_dpif_cast(rule_));
}

static int
rule_construct(struct rule *rule_)
{
    struct rule_dpif *rule = rule_dpif_cast(rule_);

    ovs_mutex_init(&rule->stats_mutex);
    rule->n_packets = 0;
    rule->n_bytes = 0;
    rule->used = rule_->created;  /* Idle time counts from creation. */
    return 0;
}

static void
rule_insert(struct rule *rule_, struct rule *old_rule_, bool forward_counts)
{
    struct rule_dpif *rule = rule_dpif_cast(rule_);

    if (old_rule_ && forward_counts) {
        struct rule_dpif *old_rule = rule_dpif_cast(old_rule_);

        ovs_mutex_lock(&old_rule->stats_mutex);
        ovs_mutex_lock(&rule->stats_mutex);
        rule->n_packets = old_rule->n_packets;
        rule->n_bytes = old_rule->n_bytes;
        rule->used = old_rule->used;
        ovs_mutex_unlock(&rule->stats_mutex);
        ovs_mutex_unlock(&old_rule->stats_mutex);
    }
    if (old_rule_) {
        xlate_learn_rule_removed(old_rule_, rule_);
    }
    dpif_backer_revalidate(ofproto_dpif_cast(rule_->ofproto)->backer,
                           REV_FLOW_TABLE);
}

static void
rule_delete(struct rule *rule)
{
    xlate_learn_rule_removed(rule, NULL);
    dpif_backer_revalidate(ofproto_dpif_cast(rule->ofproto)->backer,
                           REV_FLOW_TABLE);
}

static void
rule_destruct(struct rule *rule_)
{
    ovs_mutex_destroy(&rule_dpif_cast(rule_)->stats_mutex);
}

static void
rule_get_stats(struct rule *rule_, uint64_t *packets, uint64_t *bytes,
               long long int *used)
{
    struct rule_dpif *rule = rule_dpif_cast(rule_);

    ovs_mutex_lock(&rule->stats_mutex);
    *packets = rule->n_packets;
    *bytes = rule->n_bytes;
    *used = rule->used;
    ovs_mutex_unlock(&rule->stats_mutex);
}

struct rule_dpif *
rule_dpif_lookup_in_table(struct ofproto_dpif *ofproto, ovs_version_t version,
                          uint8_t table_id, struct flow *flow,
                          struct flow_wildcards *wc)
{
    const struct cls_rule *cr;
    struct oftable *table;

    if (table_id >= ofproto->up.n_tables) {
        return NULL;
    }
    table = &ofproto->up.tables[table_id];
    cr = classifier_lookup(&table->cls, version, flow, wc);
    return cr ? rule_dpif_cast(CONTAINER_OF(cr, struct rule, cr)) : NULL;
}

struct rule_dpif *
rule_dpif_lookup(struct ofproto_dpif *ofproto, uint8_t table_id,
                 const struct flow *flow, struct flow_wildcards *wc)
{
    struct flow tmp = *flow;

    return rule_dpif_lookup_in_table(ofproto,
                                     ofproto_dpif_get_tables_version(ofproto),
                                     table_id, &tmp, wc);
}

ovs_version_t
ofproto_dpif_get_tables_version(const struct ofproto_dpif *ofproto)
{
    return ofproto_get_tables_version(&ofproto->up);
}

/* The rule lookups of translation (xlate_set_rule_ops()). */
static ovs_version_t
xlate_get_tables_version(const struct ofproto_dpif *ofproto)
{
    return ofproto_dpif_get_tables_version(ofproto);
}

static struct rule *
xlate_rule_lookup(struct ofproto_dpif *ofproto, ovs_version_t version,
                  uint8_t table_id, struct flow *flow,
                  struct flow_wildcards *wc)
{
    struct rule_dpif *rule;

    rule = rule_dpif_lookup_in_table(ofproto, version, table_id, flow, wc);
    return rule ? &rule->up : NULL;
}

/* Returns true if table 'table_id' of 'ofproto' is the last one that
 * controllers see (the tables after it are hidden or do not exist). */
static bool
is_last_visible_table(const struct ofproto_dpif *ofproto, uint8_t table_id)
{
    int next = table_id + 1;

    return (next >= ofproto->up.n_tables
            || next >= OFPROTO_N_TABLES - 1
            || ofproto->up.tables[next].flags & OFTABLE_HIDDEN);
}

/* What a table miss in 'table_id' does: its miss config, where the
 * default (and "continue" past the last table) sends packet-ins only while
 * an OpenFlow 1.0 to 1.2 connection wants them, as upstream. */
static enum xlate_table_miss
xlate_table_miss(const struct ofproto_dpif *ofproto, uint8_t table_id)
{
    enum oftable_miss config;

    if (table_id >= ofproto->up.n_tables) {
        return XLATE_MISS_DROP;
    }
    config = __atomic_load_n(&ofproto->up.tables[table_id].miss_config,
                             __ATOMIC_ACQUIRE);
    switch (config) {
    case OFTABLE_MISS_CONTINUE:
        if (!is_last_visible_table(ofproto, table_id)) {
            return XLATE_MISS_CONTINUE;
        }
        break;
    case OFTABLE_MISS_CONTROLLER:
        return XLATE_MISS_CONTROLLER;
    case OFTABLE_MISS_DROP:
        return XLATE_MISS_DROP;
    case OFTABLE_MISS_DEFAULT:
    default:
        break;
    }
    return (__atomic_load_n(&ofproto->up.packet_in_on_miss, __ATOMIC_ACQUIRE)
            ? XLATE_MISS_CONTROLLER : XLATE_MISS_DROP);
}

/* Counts 'n_packets' lookups in table 'table_id' of 'ofproto'. */
static void
xlate_count_lookup(struct ofproto_dpif *ofproto, uint8_t table_id,
                   bool matched, uint64_t n_packets)
{
    struct oftable *table;

    if (table_id < ofproto->up.n_tables) {
        table = &ofproto->up.tables[table_id];
        __atomic_add_fetch(matched ? &table->n_matched : &table->n_missed,
                           n_packets, __ATOMIC_RELAXED);
    }
}

static const struct xlate_rule_ops xlate_rule_ops = {
    .get_tables_version = xlate_get_tables_version,
    .lookup = xlate_rule_lookup,
    .table_miss = xlate_table_miss,
    .count_lookup = xlate_count_lookup,
};

static void
table_miss_changed(struct ofproto *ofproto_)
{
    ofproto_dpif_revalidate(ofproto_dpif_cast(ofproto_), REV_FLOW_TABLE);
}

const struct rule_actions *
rule_dpif_get_actions(const struct rule_dpif *rule)
{
    return rule_get_actions(&rule->up);
}

void
rule_dpif_credit_stats(struct rule_dpif *rule,
                       const struct dpif_flow_stats *stats)
{
    ovs_mutex_lock(&rule->stats_mutex);
    rule->n_packets += stats->n_packets;
    rule->n_bytes += stats->n_bytes;
    rule->used = MAX(rule->used, stats->used);
    ovs_mutex_unlock(&rule->stats_mutex);
}

/* Packet-out. */

/* Translates, for the 'packet_len' bytes of 'packet_data' with the input
 * port and pipeline metadata of 'md', the actions 'ofpacts' (a
 * packet-out's) or the continuation 'resume' (an NXT_RESUME's), and
 * executes the result in the datapath. */
static enum ofperr
execute_controller_packet(struct ofproto_dpif *ofproto,
                          const void *packet_data, size_t packet_len,
                          const struct flow *md,
                          const struct ofpact *ofpacts, size_t ofpacts_len,
                          const struct ofputil_packet_in_private *resume)
{
    ofp_port_t in_port = md->in_port.ofp_port;
    struct dpif_flow_stats stats;
    struct dpif_execute execute;
    struct ofpbuf odp_actions;
    struct dp_packet *packet;
    struct xlate_out xout;
    struct xlate_in xin;
    struct flow flow, dp_flow;
    enum xlate_error xerror;
    enum ofperr error = 0;

    packet = dp_packet_clone_data(packet_data, packet_len);
    pkt_metadata_init(&packet->md, ofp_port_to_odp_port(ofproto, in_port));
    flow_extract(packet, &dp_flow);
    if (resume && !uuid_equals(&resume->bridge, &ofproto->up.uuid)) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        struct ds s = DS_EMPTY_INITIALIZER;

        /* Paused in another bridge, or before a restart. */
        flow = dp_flow;
        flow.in_port.ofp_port = in_port;
        flow_format(&s, &flow);
        VLOG_WARN_RL(&rl, "Frozen bridge no longer exists. on bridge %s "
                     "while processing %s", ofproto->up.name, ds_cstr(&s));
        ds_destroy(&s);
        dp_packet_delete(packet);
        return OFPERR_NXR_STALE;
    }
    flow = dp_flow;
    flow.in_port.ofp_port = in_port;
    /* The pipeline metadata that OpenFlow 1.5 packet-outs and resumed
     * packet-ins carry. */
    flow.tunnel = md->tunnel;
    flow.metadata = md->metadata;
    memcpy(flow.regs, md->regs, sizeof flow.regs);
    flow.pkt_mark = md->pkt_mark;
    if (resume) {
        flow.ct_state = md->ct_state;
        flow.ct_zone = md->ct_zone;
        flow.ct_mark = md->ct_mark;
        flow.ct_label = md->ct_label;
    }

    /* The packet counts in the statistics of the rules and tables it goes
     * through. */
    memset(&stats, 0, sizeof stats);
    stats.n_packets = 1;
    stats.n_bytes = dp_packet_size(packet);
    stats.used = time_msec();
    stats.tcp_flags = ntohs(dp_flow.tcp_flags);

    ofpbuf_init(&odp_actions, 64);
    xlate_in_init(&xin, ofproto, &flow, packet, NULL, &odp_actions);
    xin.resubmit_stats = &stats;
    xin.ofpacts = ofpacts;
    xin.ofpacts_len = ofpacts_len;
    xin.resume = resume;
    xerror = xlate_actions(&xin, &xout);
    xlate_out_uninit(&xout);

    if (!xerror && odp_actions.size) {
        memset(&execute, 0, sizeof execute);
        execute.actions = odp_actions.data;
        execute.actions_len = odp_actions.size;
        execute.flow = &dp_flow;
        execute.packet = packet;
        if (dpif_execute(ofproto->backer->dpif, &execute)) {
            error = OFPERR_OFPBRC_EPERM;
        }
    }
    ofpbuf_uninit(&odp_actions);
    dp_packet_delete(packet);
    return error;
}

/* Executes packet-out 'po' by translating its actions for its packet
 * (with the packet's flow and 'po''s in_port and metadata) and executing
 * the result in the datapath.  An output to OFPP_TABLE among the actions
 * runs the packet through the pipeline. */
static enum ofperr
packet_out(struct ofproto *ofproto_, const struct ofputil_packet_out *po)
{
    return execute_controller_packet(ofproto_dpif_cast(ofproto_),
                                     po->packet, po->packet_len,
                                     &po->flow_metadata.flow,
                                     po->ofpacts, po->ofpacts_len, NULL);
}

/* Resumes the paused pipeline of NXT_RESUME 'pin'. */
static enum ofperr
nxt_resume(struct ofproto *ofproto_,
           const struct ofputil_packet_in_private *pin)
{
    return execute_controller_packet(ofproto_dpif_cast(ofproto_),
                                     pin->base.packet, pin->base.packet_len,
                                     &pin->base.flow_metadata.flow,
                                     NULL, 0, pin);
}

/* unixctl commands. */

static int
compare_ofproto_dpif_by_name(const void *a_, const void *b_)
{
    const struct ofproto_dpif *const *a = a_;
    const struct ofproto_dpif *const *b = b_;

    return strcmp((*a)->up.name, (*b)->up.name);
}

/* Returns an array of every bridge (of 'backer' if nonnull), sorted by
 * name, and stores its length in '*n'.  The caller frees the array. */
static struct ofproto_dpif **
sorted_ofprotos(const struct dpif_backer *backer, size_t *n)
{
    struct ofproto_dpif **array;
    struct ofproto_dpif *ofproto;
    size_t i = 0;

    array = xmalloc((hmap_count(&all_ofproto_dpifs) + 1) * sizeof *array);
    HMAP_FOR_EACH (ofproto, all_ofproto_dpifs_node, &all_ofproto_dpifs) {
        if (!backer || ofproto->backer == backer) {
            array[i++] = ofproto;
        }
    }
    qsort(array, i, sizeof *array, compare_ofproto_dpif_by_name);
    *n = i;
    return array;
}

static int
compare_ofports_by_name(const void *a_, const void *b_)
{
    const struct ofport *const *a = a_;
    const struct ofport *const *b = b_;

    return strcmp(netdev_get_name((*a)->netdev),
                  netdev_get_name((*b)->netdev));
}

static int
compare_backers_by_type(const void *a_, const void *b_)
{
    const struct dpif_backer *const *a = a_;
    const struct dpif_backer *const *b = b_;

    return strcmp((*a)->type, (*b)->type);
}

/* Appends 'ofproto''s part of dpif/show to 'ds'. */
static void
dpif_show_ofproto(struct ofproto_dpif *ofproto, struct ds *ds)
{
    size_t n_ports = hmap_count(&ofproto->up.ports);
    const struct ofport **ports = xmalloc((n_ports + 1) * sizeof *ports);
    const struct ofport *port;
    size_t i = 0;

    HMAP_FOR_EACH (port, hmap_node, &ofproto->up.ports) {
        ports[i++] = port;
    }
    qsort(ports, n_ports, sizeof *ports, compare_ofports_by_name);

    ds_put_format(ds, "  %s:\n", ofproto->up.name);
    for (i = 0; i < n_ports; i++) {
        const struct ofport_dpif *p = ofport_dpif_cast(ports[i]);
        struct smap config = SMAP_INITIALIZER(&config);

        ds_put_format(ds, "    %s %"PRIu16"/",
                      netdev_get_name(p->up.netdev), p->up.ofp_port);
        if (p->odp_port != ODPP_NONE) {
            ds_put_format(ds, "%"PRIu32":", p->odp_port);
        } else {
            ds_put_cstr(ds, "none:");
        }
        ds_put_format(ds, " (%s", netdev_get_type(p->up.netdev));
        if (!netdev_get_config(p->up.netdev, &config)
            && !smap_is_empty(&config)) {
            const struct smap_node **nodes = smap_sort(&config);
            size_t j;

            ds_put_cstr(ds, ": ");
            for (j = 0; j < smap_count(&config); j++) {
                ds_put_format(ds, "%s%s=%s", j ? ", " : "",
                              nodes[j]->key, nodes[j]->value);
            }
            free(nodes);
        }
        smap_destroy(&config);
        ds_put_cstr(ds, ")\n");
    }
    free(ports);
}

static void
ofproto_unixctl_dpif_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                          const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    size_t n_backers = hmap_count(&all_dpif_backers);
    struct dpif_backer **backers;
    struct dpif_backer *backer;
    struct ds ds = DS_EMPTY_INITIALIZER;
    size_t i = 0;

    backers = xmalloc((n_backers + 1) * sizeof *backers);
    HMAP_FOR_EACH (backer, hmap_node, &all_dpif_backers) {
        backers[i++] = backer;
    }
    qsort(backers, n_backers, sizeof *backers, compare_backers_by_type);

    for (i = 0; i < n_backers; i++) {
        struct dpif_dp_stats s;
        struct ofproto_dpif **ofprotos;
        size_t n, j;

        backer = backers[i];
        memset(&s, 0, sizeof s);
        dpif_get_dp_stats(backer->dpif, &s);
        ds_put_format(&ds, "%s: hit:%"PRIu64" missed:%"PRIu64"\n",
                      dpif_name(backer->dpif), s.n_hit, s.n_missed);

        ofprotos = sorted_ofprotos(backer, &n);
        for (j = 0; j < n; j++) {
            dpif_show_ofproto(ofprotos[j], &ds);
        }
        free(ofprotos);
    }
    free(backers);

    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
ofproto_unixctl_dpif_dump_dps(struct unixctl_conn *conn, int argc OVS_UNUSED,
                              const char *argv[] OVS_UNUSED,
                              void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ofproto_dpif **ofprotos;
    size_t n, i;

    ofprotos = sorted_ofprotos(NULL, &n);
    for (i = 0; i < n; i++) {
        ds_put_format(&ds, "%s@%s\n", ofprotos[i]->up.type,
                      ofprotos[i]->up.name);
    }
    free(ofprotos);
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

/* Appends 'ufid' to 'ds' in upstream's "ufid:" form. */
static void
format_ufid(const ovs_u128 *ufid, struct ds *ds)
{
    ds_put_format(ds, "ufid:%08"PRIx32"-%04"PRIx32"-%04"PRIx32"-%04"PRIx32
                  "-%04"PRIx32"%08"PRIx32,
                  ufid->u32[0], ufid->u32[1] >> 16, ufid->u32[1] & 0xffff,
                  ufid->u32[2] >> 16, ufid->u32[2] & 0xffff, ufid->u32[3]);
}

/* Returns the datapath input port of flow key 'key', or ODPP_NONE. */
static odp_port_t
flow_key_in_port(const struct nlattr *key, size_t key_len)
{
    const struct nlattr *nla = nl_attr_find__(key, key_len,
                                              OVS_KEY_ATTR_IN_PORT);
    return nla ? nl_attr_get_odp_port(nla) : ODPP_NONE;
}

static void
ofproto_unixctl_dpif_dump_flows(struct unixctl_conn *conn, int argc,
                                const char *argv[], void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct dpif_flow_dump_thread *thread;
    struct dpif_flow_dump *dump;
    struct ofproto_dpif *ofproto;
    struct hmap portno_names;
    struct dpif_flow flows[50];
    bool verbose = false;
    int names = -1;
    int error;
    int i, n;

    for (i = 1; i < argc - 1; i++) {
        if (!strcmp(argv[i], "-m")) {
            verbose = true;
        } else if (!strcmp(argv[i], "--names")) {
            names = 1;
        } else if (!strcmp(argv[i], "--no-names")) {
            names = 0;
        } else {
            unixctl_command_reply_error(conn, "invalid option");
            return;
        }
    }
    if (names < 0) {
        names = verbose;
    }

    ofproto = ofproto_dpif_lookup_by_name(argv[argc - 1]);
    if (!ofproto) {
        unixctl_command_reply_error(conn, "no such bridge");
        return;
    }

    hmap_init(&portno_names);
    if (names) {
        struct ofport *port;

        HMAP_FOR_EACH (port, hmap_node, &ofproto->up.ports) {
            const struct ofport_dpif *p = ofport_dpif_cast(port);

            odp_portno_names_set(&portno_names, p->odp_port,
                                 netdev_get_name(port->netdev));
        }
    }

    dump = dpif_flow_dump_create(ofproto->backer->dpif, false, NULL);
    thread = dpif_flow_dump_thread_create(dump);
    while ((n = dpif_flow_dump_next(thread, flows, ARRAY_SIZE(flows))) > 0) {
        for (i = 0; i < n; i++) {
            const struct dpif_flow *f = &flows[i];
            struct ofproto_dpif *owner;

            odp_port_to_ofp_port(ofproto->backer,
                                 flow_key_in_port(f->key, f->key_len),
                                 &owner);
            if (owner != ofproto) {
                continue;
            }
            if (verbose && f->ufid_present) {
                format_ufid(&f->ufid, &ds);
                ds_put_char(&ds, ' ');
            }
            odp_flow_format(f->key, f->key_len, f->mask, f->mask_len,
                            &portno_names, &ds, verbose);
            ds_put_cstr(&ds, ", ");
            dpif_flow_stats_format(&f->stats, &ds);
            ds_put_cstr(&ds, ", actions:");
            format_odp_actions(&ds, f->actions, f->actions_len,
                               &portno_names);
            ds_put_char(&ds, '\n');
        }
    }
    dpif_flow_dump_thread_destroy(thread);
    error = dpif_flow_dump_destroy(dump);
    odp_portno_names_destroy(&portno_names);
    hmap_destroy(&portno_names);

    if (error) {
        ds_clear(&ds);
        ds_put_format(&ds, "dpif/dump_flows failed: %s",
                      ovs_strerror(error));
        unixctl_command_reply_error(conn, ds_cstr(&ds));
    } else {
        unixctl_command_reply(conn, ds_cstr(&ds));
    }
    ds_destroy(&ds);
}

static void
ofproto_dpif_unixctl_init(void)
{
    static bool registered;

    if (registered) {
        return;
    }
    registered = true;
    unixctl_command_register("dpif/show", "", 0, 0,
                             ofproto_unixctl_dpif_show, NULL);
    unixctl_command_register("dpif/dump-dps", "", 0, 0,
                             ofproto_unixctl_dpif_dump_dps, NULL);
    unixctl_command_register("dpif/dump-flows",
                             "[-m] [--names | --no-names] bridge", 1,
                             INT_MAX, ofproto_unixctl_dpif_dump_flows,
                             NULL);
    dpif_features_unixctl_init();
}

const struct ofproto_class ofproto_dpif_class = {
    .init = init,
    .enumerate_types = enumerate_types,
    .enumerate_names = enumerate_names,
    .del = del,
    .port_open_type = port_open_type,
    .type_run = type_run,
    .type_wait = type_wait,
    .type_set_config = type_set_config,
    .alloc = alloc,
    .construct = construct,
    .destruct = destruct,
    .dealloc = dealloc,
    .run = run,
    .wait = wait_ofproto,
    .get_memory_usage = get_memory_usage,
    .type_get_memory_usage = type_get_memory_usage,
    .port_alloc = port_alloc,
    .port_construct = port_construct,
    .port_destruct = port_destruct,
    .port_dealloc = port_dealloc,
    .port_modified = port_modified,
    .port_reconfigured = port_reconfigured,
    .port_query_by_name = port_query_by_name,
    .port_dump_start = port_dump_start,
    .port_dump_next = port_dump_next,
    .port_dump_done = port_dump_done,
    .port_add = port_add,
    .port_del = port_del,
    .port_get_stats = port_get_stats,
    .bundle_set = bundle_set,
    .bundle_remove = bundle_remove,
    .set_mac_table_config = set_mac_table_config,
    .rule_alloc = rule_alloc,
    .rule_construct = rule_construct,
    .rule_insert = rule_insert,
    .rule_delete = rule_delete,
    .rule_destruct = rule_destruct,
    .rule_dealloc = rule_dealloc,
    .rule_get_stats = rule_get_stats,
    .packet_out = packet_out,
    .nxt_resume = nxt_resume,
    .table_miss_changed = table_miss_changed,
    .meter_get_features = ofproto_dpif_meter_get_features,
    .meter_set = ofproto_dpif_meter_set,
    .meter_get = ofproto_dpif_meter_get,
    .meter_del = ofproto_dpif_meter_del,
};
