/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The generic OpenFlow switch: providers, creation and destruction,
 * OpenFlow port numbering and status, OpenFlow tables and rules.  What a
 * switch does with packets is the provider's business (ofproto-dpif). */

#include <config.h>
#include "ofproto/ofproto.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "hash.h"
#include "netdev.h"
#include "ofproto/ofproto-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "poll-loop.h"
#include "seq.h"
#include "simap.h"
#include "sset.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(ofproto);

/* Global knobs (ofproto-provider.h). */
unsigned ofproto_flow_limit = OFPROTO_FLOW_LIMIT_DEFAULT;
unsigned ofproto_max_idle = OFPROTO_MAX_IDLE_DEFAULT;
int n_handlers;
int n_revalidators;
struct ovs_mutex ofproto_mutex = OVS_MUTEX_INITIALIZER;

/* Registered providers. */
static const struct ofproto_class **ofproto_classes;
static size_t n_ofproto_classes;
static size_t allocated_ofproto_classes;

/* Every ofproto, by hash of its name. */
static struct hmap all_ofprotos = HMAP_INITIALIZER(&all_ofprotos);

static void update_port(struct ofproto *, const char *devname,
                        struct netdev *);
static void ofport_remove(struct ofport *, bool del);
static void ofport_refresh(struct ofport *);
static int ofproto_add_default_rule(struct ofproto *);
static void ofproto_flush_rules(struct ofproto *);

/* Registers 'class' as a provider.  Returns 0 or EEXIST. */
int
ofproto_class_register(const struct ofproto_class *class)
{
    size_t i;

    for (i = 0; i < n_ofproto_classes; i++) {
        if (ofproto_classes[i] == class) {
            return EEXIST;
        }
    }
    if (n_ofproto_classes >= allocated_ofproto_classes) {
        allocated_ofproto_classes = 2 * allocated_ofproto_classes + 1;
        ofproto_classes = xrealloc(ofproto_classes,
                                   allocated_ofproto_classes
                                   * sizeof *ofproto_classes);
    }
    ofproto_classes[n_ofproto_classes++] = class;
    return 0;
}

/* Registers the built-in providers once. */
static void
ofproto_initialize(void)
{
    static bool inited;

    if (!inited) {
        inited = true;
        ofproto_class_register(&ofproto_dpif_class);
    }
}

void
ofproto_init(const struct shash *iface_hints)
{
    struct shash empty = SHASH_INITIALIZER(&empty);
    size_t i;

    ofproto_initialize();
    for (i = 0; i < n_ofproto_classes; i++) {
        ofproto_classes[i]->init(iface_hints ? iface_hints : &empty);
    }
}

/* Returns the provider that implements datapath type 'type', or NULL. */
static const struct ofproto_class *
ofproto_class_find__(const char *type)
{
    size_t i;

    ofproto_initialize();
    type = ofproto_normalize_type(type);
    for (i = 0; i < n_ofproto_classes; i++) {
        const struct ofproto_class *class = ofproto_classes[i];
        struct sset types;
        bool found;

        sset_init(&types);
        class->enumerate_types(&types);
        found = sset_contains(&types, type);
        sset_destroy(&types);
        if (found) {
            return class;
        }
    }
    return NULL;
}

void
ofproto_enumerate_types(struct sset *types)
{
    size_t i;

    ofproto_initialize();
    for (i = 0; i < n_ofproto_classes; i++) {
        ofproto_classes[i]->enumerate_types(types);
    }
}

const char *
ofproto_normalize_type(const char *type)
{
    return type && type[0] ? type : "system";
}

int
ofproto_enumerate_names(const char *type, struct sset *names)
{
    const struct ofproto_class *class = ofproto_class_find__(type);
    return class ? class->enumerate_names(type, names) : EAFNOSUPPORT;
}

void
ofproto_parse_name(const char *name, char **dp_name, char **dp_type)
{
    dp_parse_name(name, dp_name, dp_type);
}

int
ofproto_type_run(const char *datapath_type)
{
    const struct ofproto_class *class;
    int error;

    datapath_type = ofproto_normalize_type(datapath_type);
    class = ofproto_class_find__(datapath_type);
    if (!class) {
        return EAFNOSUPPORT;
    }
    error = class->type_run ? class->type_run(datapath_type) : 0;
    if (error && error != EAGAIN) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_ERR_RL(&rl, "%s: type_run failed (%s)",
                    datapath_type, ovs_strerror(error));
    }
    return error;
}

void
ofproto_type_wait(const char *datapath_type)
{
    const struct ofproto_class *class;

    datapath_type = ofproto_normalize_type(datapath_type);
    class = ofproto_class_find__(datapath_type);
    if (class && class->type_wait) {
        class->type_wait(datapath_type);
    }
}

void
ofproto_type_set_config(const char *datapath_type,
                        const struct smap *other_config)
{
    const struct ofproto_class *class;

    datapath_type = ofproto_normalize_type(datapath_type);
    class = ofproto_class_find__(datapath_type);
    if (class && class->type_set_config) {
        class->type_set_config(datapath_type, other_config);
    }
}

/* Returns the ofproto named 'name', or NULL. */
struct ofproto *
ofproto_lookup(const char *name)
{
    struct ofproto *ofproto;

    HMAP_FOR_EACH_WITH_HASH (ofproto, hmap_node, hash_string(name, 0),
                             &all_ofprotos) {
        if (!strcmp(ofproto->name, name)) {
            return ofproto;
        }
    }
    return NULL;
}

/* Installs every datapath port that the provider says belongs to 'p'. */
static void
init_ports(struct ofproto *p)
{
    struct ofproto_port_dump dump;
    struct ofproto_port ofproto_port;
    struct sset names = SSET_INITIALIZER(&names);
    const char *name;

    OFPROTO_PORT_FOR_EACH (&ofproto_port, &dump, p) {
        sset_add(&names, ofproto_port.name);
    }
    SSET_FOR_EACH (name, &names) {
        update_port(p, name, NULL);
    }
    sset_destroy(&names);
}

int
ofproto_create(const char *datapath_name, const char *datapath_type,
               struct ofproto **ofprotop)
{
    const struct ofproto_class *class;
    struct ofproto *ofproto;
    int error;
    int i;

    *ofprotop = NULL;
    datapath_type = ofproto_normalize_type(datapath_type);
    class = ofproto_class_find__(datapath_type);
    if (!class) {
        VLOG_WARN("unknown datapath type %s", datapath_type);
        VLOG_WARN("could not create datapath %s of unknown type %s",
                  datapath_name, datapath_type);
        return EAFNOSUPPORT;
    }
    if (ofproto_lookup(datapath_name)) {
        return EEXIST;
    }

    ofproto = class->alloc();
    ofproto->ofproto_class = class;
    ofproto->type = xstrdup(datapath_type);
    ofproto->name = xstrdup(datapath_name);
    hmap_insert(&all_ofprotos, &ofproto->hmap_node,
                hash_string(ofproto->name, 0));
    hmap_init(&ofproto->ports);
    shash_init(&ofproto->port_by_name);
    simap_init(&ofproto->ofp_requests);
    hmap_init(&ofproto->ofport_usage);
    ofproto->alloc_port_no = 0;
    ofproto->max_ports = OFPP_MAX;
    ofproto->n_tables = OFPROTO_N_TABLES;
    ofproto->tables = xcalloc(ofproto->n_tables, sizeof *ofproto->tables);
    for (i = 0; i < ofproto->n_tables; i++) {
        struct oftable *table = &ofproto->tables[i];

        ovs_list_init(&table->rules);
        table->max_flows = UINT_MAX;
        ovs_rwlock_init(&table->rwlock);
    }
    ofproto->connmgr = NULL;
    ofproto->change_seq = seq_read(netdev_global_change_seq());

    error = class->construct(ofproto);
    if (error) {
        VLOG_ERR("failed to open datapath %s: %s",
                 datapath_name, ovs_strerror(error));
        hmap_remove(&all_ofprotos, &ofproto->hmap_node);
        for (i = 0; i < ofproto->n_tables; i++) {
            ovs_rwlock_destroy(&ofproto->tables[i].rwlock);
        }
        free(ofproto->tables);
        hmap_destroy(&ofproto->ports);
        shash_destroy(&ofproto->port_by_name);
        simap_destroy(&ofproto->ofp_requests);
        hmap_destroy(&ofproto->ofport_usage);
        free(ofproto->name);
        free(ofproto->type);
        class->dealloc(ofproto);
        return error;
    }

    init_ports(ofproto);
    if (!ofproto_get_port(ofproto, OFPP_LOCAL)) {
        VLOG_WARN("%s: datapath has no local port", ofproto->name);
    }
    ofproto_add_default_rule(ofproto);
    *ofprotop = ofproto;
    return 0;
}

void
ofproto_destroy(struct ofproto *p, bool del)
{
    const struct ofproto_class *class;
    struct ofport *ofport;
    struct ofport_usage *usage;
    int i;

    if (!p) {
        return;
    }
    class = p->ofproto_class;

    ofproto_flush_rules(p);
    HMAP_FOR_EACH_SAFE (ofport, hmap_node, &p->ports) {
        ofport_remove(ofport, del);
    }
    class->destruct(p, del);

    hmap_remove(&all_ofprotos, &p->hmap_node);
    for (i = 0; i < p->n_tables; i++) {
        free(p->tables[i].name);
        ovs_rwlock_destroy(&p->tables[i].rwlock);
    }
    free(p->tables);
    hmap_destroy(&p->ports);
    shash_destroy(&p->port_by_name);
    simap_destroy(&p->ofp_requests);
    HMAP_FOR_EACH_POP (usage, hmap_node, &p->ofport_usage) {
        free(usage);
    }
    hmap_destroy(&p->ofport_usage);
    free(p->name);
    free(p->type);
    class->dealloc(p);
}

int
ofproto_delete(const char *name, const char *type)
{
    const struct ofproto_class *class = ofproto_class_find__(type);
    return (!class ? EAFNOSUPPORT
            : !class->del ? EACCES
            : class->del(ofproto_normalize_type(type), name));
}

int
ofproto_run(struct ofproto *p)
{
    uint64_t seq;
    int error;

    error = p->ofproto_class->run(p);
    if (error && error != EAGAIN) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_ERR_RL(&rl, "%s: run failed (%s)", p->name,
                    ovs_strerror(error));
    }

    /* Refresh the status of ports whose devices changed. */
    seq = seq_read(netdev_global_change_seq());
    if (seq != p->change_seq) {
        struct ofport *ofport;

        p->change_seq = seq;
        HMAP_FOR_EACH (ofport, hmap_node, &p->ports) {
            uint64_t port_seq = netdev_get_change_seq(ofport->netdev);

            if (port_seq != ofport->change_seq) {
                ofport->change_seq = port_seq;
                ofport_refresh(ofport);
            }
        }
    }
    return error;
}

void
ofproto_wait(struct ofproto *p)
{
    p->ofproto_class->wait(p);
    seq_wait(netdev_global_change_seq(), p->change_seq);
}

bool
ofproto_is_alive(const struct ofproto *p)
{
    return p->connmgr != NULL;
}

void
ofproto_get_memory_usage(const struct ofproto *p, struct simap *usage)
{
    unsigned int n_rules = 0;
    int i;

    for (i = 0; i < p->n_tables; i++) {
        n_rules += p->tables[i].n_rules;
    }
    simap_increase(usage, "ports", hmap_count(&p->ports));
    simap_increase(usage, "rules", n_rules);
    if (p->ofproto_class->get_memory_usage) {
        p->ofproto_class->get_memory_usage(p, usage);
    }
}

void
ofproto_type_get_memory_usage(const char *datapath_type, struct simap *usage)
{
    const struct ofproto_class *class = ofproto_class_find__(datapath_type);

    if (class && class->type_get_memory_usage) {
        class->type_get_memory_usage(ofproto_normalize_type(datapath_type),
                                     usage);
    }
}

const char *
ofproto_get_name(const struct ofproto *p)
{
    return p->name;
}

const char *
ofproto_get_type(const struct ofproto *p)
{
    return p->type;
}

/* Switch-wide configuration. */

void
ofproto_set_datapath_id(struct ofproto *p, uint64_t datapath_id)
{
    p->datapath_id = datapath_id ? datapath_id : p->fallback_dpid;
}

uint64_t
ofproto_get_datapath_id(const struct ofproto *p)
{
    return p->datapath_id;
}

void
ofproto_set_mac_table_config(struct ofproto *p, unsigned idle_time,
                             size_t max_entries)
{
    if (p->ofproto_class->set_mac_table_config) {
        p->ofproto_class->set_mac_table_config(p, idle_time, max_entries);
    }
}

void
ofproto_set_flow_limit(unsigned limit)
{
    ofproto_flow_limit = limit;
}

void
ofproto_set_max_idle(unsigned max_idle)
{
    ofproto_max_idle = max_idle;
}

void
ofproto_set_threads(int n_handlers_, int n_revalidators_)
{
    n_handlers = MAX(n_handlers_, 0);
    n_revalidators = MAX(n_revalidators_, 0);
}

/* Bundles. */

int
ofproto_bundle_register(struct ofproto *p, void *aux,
                        const struct ofproto_bundle_settings *s)
{
    return (p->ofproto_class->bundle_set
            ? p->ofproto_class->bundle_set(p, aux, s)
            : EOPNOTSUPP);
}

int
ofproto_bundle_unregister(struct ofproto *p, void *aux)
{
    return ofproto_bundle_register(p, aux, NULL);
}

/* Ports. */

void
ofproto_port_clone(struct ofproto_port *dst, const struct ofproto_port *src)
{
    dst->name = xstrdup(src->name);
    dst->type = xstrdup(src->type);
    dst->ofp_port = src->ofp_port;
}

void
ofproto_port_destroy(struct ofproto_port *port)
{
    if (port) {
        free(port->name);
        free(port->type);
        port->name = port->type = NULL;
    }
}

/* The state of a port dump: a snapshot of the ports, sorted by number. */
struct ofproto_port_dump_state {
    struct ofproto_port *ports; /* The ports. */
    size_t n;                   /* Number of elements in 'ports'. */
    size_t next;                /* Index of the next one to return. */
    struct ofproto_port cur;    /* The one returned last (owned). */
};

static int
compare_ofproto_ports(const void *a_, const void *b_)
{
    const struct ofproto_port *a = a_;
    const struct ofproto_port *b = b_;

    return (a->ofp_port != b->ofp_port
            ? (a->ofp_port < b->ofp_port ? -1 : 1)
            : strcmp(a->name, b->name));
}

void
ofproto_port_dump_start(struct ofproto_port_dump *dump,
                        const struct ofproto *ofproto)
{
    const struct ofproto_class *class = ofproto->ofproto_class;
    struct ofproto_port_dump_state *state = xzalloc(sizeof *state);
    size_t allocated = 0;
    void *pstate;

    dump->ofproto = ofproto;
    dump->state = state;
    dump->error = class->port_dump_start(ofproto, &pstate);
    if (!dump->error) {
        struct ofproto_port port;

        while (!class->port_dump_next(ofproto, pstate, &port)) {
            struct ofport *ofport;

            if (state->n >= allocated) {
                allocated = 2 * allocated + 8;
                state->ports = xrealloc(state->ports,
                                        allocated * sizeof *state->ports);
            }
            ofproto_port_clone(&state->ports[state->n], &port);
            ofport = shash_find_data(&ofproto->port_by_name, port.name);
            if (ofport) {
                state->ports[state->n].ofp_port = ofport->ofp_port;
            }
            state->n++;
        }
        class->port_dump_done(ofproto, pstate);
        qsort(state->ports, state->n, sizeof *state->ports,
              compare_ofproto_ports);
    }
}

bool
ofproto_port_dump_next(struct ofproto_port_dump *dump,
                       struct ofproto_port *port)
{
    struct ofproto_port_dump_state *state = dump->state;

    if (dump->error) {
        return false;
    }
    ofproto_port_destroy(&state->cur);
    if (state->next >= state->n) {
        dump->error = EOF;
        return false;
    }
    state->cur = state->ports[state->next++];
    *port = state->cur;
    return true;
}

int
ofproto_port_dump_done(struct ofproto_port_dump *dump)
{
    struct ofproto_port_dump_state *state = dump->state;

    if (state) {
        ofproto_port_destroy(&state->cur);
        while (state->next < state->n) {
            ofproto_port_destroy(&state->ports[state->next++]);
        }
        free(state->ports);
        free(state);
        dump->state = NULL;
    }
    return dump->error == EOF ? 0 : dump->error;
}

const char *
ofproto_port_open_type(const char *datapath_type, const char *port_type)
{
    const struct ofproto_class *class = ofproto_class_find__(datapath_type);

    if (!port_type || !port_type[0]) {
        port_type = "system";
    }
    return (class && class->port_open_type
            ? class->port_open_type(ofproto_normalize_type(datapath_type),
                                    port_type)
            : port_type);
}

/* Returns the port numbered 'ofp_port' of 'ofproto', or NULL. */
struct ofport *
ofproto_get_port(const struct ofproto *ofproto, ofp_port_t ofp_port)
{
    struct ofport *port;

    HMAP_FOR_EACH_IN_BUCKET (port, hmap_node, hash_int(ofp_port, 0),
                             &ofproto->ports) {
        if (port->ofp_port == ofp_port) {
            return port;
        }
    }
    return NULL;
}

/* Returns the usage record of 'ofp_port' in 'ofproto', or NULL. */
static struct ofport_usage *
ofport_usage_find(const struct ofproto *ofproto, ofp_port_t ofp_port)
{
    struct ofport_usage *usage;

    HMAP_FOR_EACH_IN_BUCKET (usage, hmap_node, hash_int(ofp_port, 0),
                             &ofproto->ofport_usage) {
        if (usage->ofp_port == ofp_port) {
            return usage;
        }
    }
    return NULL;
}

/* Records that 'ofp_port' was in use at 'last_used' (LLONG_MAX: it is in
 * use now). */
static void
ofport_usage_set(struct ofproto *ofproto, ofp_port_t ofp_port,
                 long long int last_used)
{
    struct ofport_usage *usage = ofport_usage_find(ofproto, ofp_port);

    if (!usage) {
        usage = xzalloc(sizeof *usage);
        usage->ofp_port = ofp_port;
        hmap_insert(&ofproto->ofport_usage, &usage->hmap_node,
                    hash_int(ofp_port, 0));
    }
    usage->last_used = last_used;
}

/* Returns true if 'ofp_port' is requested (ofport_request) by a port
 * other than 'devname'. */
static bool
ofp_port_requested_by_other(const struct ofproto *ofproto,
                            ofp_port_t ofp_port, const char *devname)
{
    const struct simap_node *node;

    SIMAP_FOR_EACH (node, &ofproto->ofp_requests) {
        if (node->data == ofp_port && strcmp(node->name, devname)) {
            return true;
        }
    }
    return false;
}

/* Chooses an OpenFlow port number for the new port 'devname': its request
 * if it has one that is free, otherwise the next never used number after
 * the last one allocated, otherwise the number freed longest ago.  Returns
 * OFPP_NONE if every number is taken. */
static ofp_port_t
alloc_ofp_port(struct ofproto *ofproto, const char *devname)
{
    uint16_t max = ofp_to_u16(ofproto->max_ports);
    uint16_t port_idx = simap_get(&ofproto->ofp_requests, devname);
    ofp_port_t best = OFPP_NONE;
    long long int best_used = LLONG_MAX;
    uint16_t i;

    if (port_idx && port_idx < max
        && !ofproto_get_port(ofproto, u16_to_ofp(port_idx))) {
        return u16_to_ofp(port_idx);
    }

    /* Numbers never used before, from after the last allocation. */
    for (i = ofp_to_u16(ofproto->alloc_port_no) + 1; i < max; i++) {
        ofp_port_t p = u16_to_ofp(i);

        if (!ofproto_get_port(ofproto, p) && !ofport_usage_find(ofproto, p)
            && !ofp_port_requested_by_other(ofproto, p, devname)) {
            ofproto->alloc_port_no = p;
            return p;
        }
    }

    /* Otherwise the least recently used free number. */
    for (i = 1; i < max; i++) {
        ofp_port_t p = u16_to_ofp(i);
        struct ofport_usage *usage;
        long long int used;

        if (ofproto_get_port(ofproto, p)
            || ofp_port_requested_by_other(ofproto, p, devname)) {
            continue;
        }
        usage = ofport_usage_find(ofproto, p);
        used = usage ? usage->last_used : LLONG_MIN;
        if (used < best_used || best == OFPP_NONE) {
            best = p;
            best_used = used;
        }
        if (used == LLONG_MIN) {
            break;
        }
    }
    if (best != OFPP_NONE) {
        ofproto->alloc_port_no = best;
    }
    return best;
}

/* Fills in 'pp' from 'netdev'. */
static void
ofport_phy_port_init(struct ofproto_phy_port *pp, ofp_port_t ofp_port,
                     const struct netdev *netdev)
{
    enum netdev_flags flags = 0;
    bool carrier = true;

    memset(pp, 0, sizeof *pp);
    pp->port_no = ofp_port;
    netdev_get_etheraddr(netdev, &pp->hw_addr);
    ovs_strlcpy(pp->name, netdev_get_name(netdev), sizeof pp->name);
    netdev_get_flags(netdev, &flags);
    pp->config = flags & NETDEV_UP ? 0 : OFPROTO_PC_PORT_DOWN;
    if (netdev_get_carrier(netdev, &carrier) || !carrier) {
        pp->state = OFPROTO_PS_LINK_DOWN;
    } else {
        pp->state = OFPROTO_PS_LIVE;
    }
}

/* Re-reads the status of 'ofport''s device and tells the provider if
 * anything changed. */
static void
ofport_refresh(struct ofport *ofport)
{
    struct ofproto_phy_port pp;
    int mtu = 0;

    ofport_phy_port_init(&pp, ofport->ofp_port, ofport->netdev);
    netdev_get_mtu(ofport->netdev, &mtu);
    pp.config |= ofport->pp.config & ~OFPROTO_PC_PORT_DOWN;
    if (memcmp(&pp, &ofport->pp, sizeof pp) || mtu != ofport->mtu) {
        uint32_t old_config = ofport->pp.config;

        ofport->pp = pp;
        ofport->mtu = mtu;
        if (ofport->ofproto->ofproto_class->port_modified) {
            ofport->ofproto->ofproto_class->port_modified(ofport);
        }
        if (old_config != pp.config
            && ofport->ofproto->ofproto_class->port_reconfigured) {
            ofport->ofproto->ofproto_class->port_reconfigured(ofport,
                                                              old_config);
        }
    }
}

/* Creates the OpenFlow port 'ofp_port' of 'p' for 'netdev' (takes a
 * reference of its own). */
static int
ofport_install(struct ofproto *p, struct netdev *netdev, ofp_port_t ofp_port)
{
    const char *name = netdev_get_name(netdev);
    struct ofport *ofport;
    int error;

    ofport = p->ofproto_class->port_alloc();
    ofport->ofproto = p;
    ofport->netdev = netdev_ref(netdev);
    ofport->ofp_port = ofp_port;
    ofport->change_seq = netdev_get_change_seq(netdev);
    ofport->created = time_msec();
    netdev_get_mtu(netdev, &ofport->mtu);
    ofport_phy_port_init(&ofport->pp, ofp_port, netdev);

    hmap_insert(&p->ports, &ofport->hmap_node, hash_int(ofp_port, 0));
    shash_add(&p->port_by_name, name, ofport);

    error = p->ofproto_class->port_construct(ofport);
    if (error) {
        VLOG_WARN("%s: could not add port %s (%s)",
                  p->name, name, ovs_strerror(error));
        hmap_remove(&p->ports, &ofport->hmap_node);
        shash_find_and_delete(&p->port_by_name, name);
        netdev_close(ofport->netdev);
        p->ofproto_class->port_dealloc(ofport);
        return error;
    }
    ofport_usage_set(p, ofp_port, LLONG_MAX);

    if (ofp_port == OFPP_LOCAL) {
        const uint8_t *ea = ofport->pp.hw_addr.ea;
        uint64_t dpid = 0;
        int i;

        for (i = 0; i < 6; i++) {
            dpid = (dpid << 8) | ea[i];
        }
        p->fallback_dpid = dpid;
        if (!p->datapath_id) {
            p->datapath_id = dpid;
        }
    }
    return 0;
}

/* Removes 'ofport' from its switch and frees it.  'del' tells the provider
 * whether the port is being deleted (rather than the switch going away
 * with the datapath ports kept). */
static void
ofport_remove(struct ofport *ofport, bool del)
{
    struct ofproto *p = ofport->ofproto;

    p->ofproto_class->port_destruct(ofport, del);
    hmap_remove(&p->ports, &ofport->hmap_node);
    shash_find_and_delete(&p->port_by_name, netdev_get_name(ofport->netdev));
    ofport_usage_set(p, ofport->ofp_port, time_msec());
    netdev_close(ofport->netdev);
    ofport->netdev = NULL;
    p->ofproto_class->port_dealloc(ofport);
}

/* Brings the OpenFlow port named 'devname' of 'p' in line with the
 * datapath: creates it if the datapath has it and 'p' does not, removes
 * it if the datapath lost it, refreshes it otherwise.  'netdev', if
 * nonnull, is the device to use for a new port (otherwise it is opened by
 * name). */
static void
update_port(struct ofproto *p, const char *devname, struct netdev *netdev)
{
    struct ofproto_port ofproto_port;
    struct ofport *ofport;
    char *name = xstrdup(devname);

    ofport = shash_find_data(&p->port_by_name, name);
    if (p->ofproto_class->port_query_by_name(p, name, &ofproto_port)) {
        /* The datapath no longer has it. */
        if (ofport) {
            ofport_remove(ofport, false);
        }
        free(name);
        return;
    }

    if (ofport && (!netdev || ofport->netdev == netdev)) {
        ofport_refresh(ofport);
    } else {
        ofp_port_t ofp_port = ofproto_port.ofp_port;
        struct netdev *opened = NULL;

        if (ofport) {
            /* Same name, different device: replace it. */
            ofport_remove(ofport, false);
        }
        if (!netdev) {
            int error = netdev_open(ofproto_port.name, ofproto_port.type,
                                    &opened);
            if (error) {
                VLOG_WARN("%s: ignoring port %s (%s)", p->name,
                          ofproto_port.name, ovs_strerror(error));
                goto out;
            }
            netdev = opened;
        }
        if (!strcmp(name, p->name)) {
            ofp_port = OFPP_LOCAL;
        } else if (!ofp_to_u16(ofp_port) || ofp_port >= p->max_ports
                   || ofproto_get_port(p, ofp_port)) {
            ofp_port = alloc_ofp_port(p, name);
        }
        if (ofp_port == OFPP_NONE) {
            VLOG_WARN("%s: no OpenFlow port number left for %s",
                      p->name, name);
        } else {
            ofport_install(p, netdev, ofp_port);
        }
        netdev_close(opened);
    }
out:
    ofproto_port_destroy(&ofproto_port);
    free(name);
}

/* Tells ofproto that the datapath port 'devname' of 'p' changed or went
 * away. */
void
ofproto_port_changed(struct ofproto *p, const char *devname)
{
    update_port(p, devname, NULL);
}

int
ofproto_port_add(struct ofproto *p, struct netdev *netdev,
                 ofp_port_t *ofp_portp)
{
    const char *name = netdev_get_name(netdev);
    ofp_port_t request = ofp_portp ? *ofp_portp : OFPP_NONE;
    struct ofport *ofport;
    int error;

    if (request != OFPP_NONE && request != OFPP_LOCAL
        && ofp_to_u16(request) > 0 && request < p->max_ports) {
        simap_put(&p->ofp_requests, name, ofp_to_u16(request));
    } else {
        simap_find_and_delete(&p->ofp_requests, name);
    }

    error = p->ofproto_class->port_add(p, netdev);
    if (!error) {
        update_port(p, name, netdev);
        ofport = shash_find_data(&p->port_by_name, name);
        if (!ofport) {
            error = ENODEV;
        } else if (ofp_portp) {
            *ofp_portp = ofport->ofp_port;
        }
    }
    if (error) {
        VLOG_WARN("%s: cannot add port %s (%s)",
                  p->name, name, ovs_strerror(error));
        if (ofp_portp) {
            *ofp_portp = OFPP_NONE;
        }
    }
    return error;
}

int
ofproto_port_del(struct ofproto *p, ofp_port_t ofp_port)
{
    struct ofport *ofport = ofproto_get_port(p, ofp_port);
    int error;

    if (!ofport) {
        return ENODEV;
    }
    simap_find_and_delete(&p->ofp_requests, netdev_get_name(ofport->netdev));
    error = p->ofproto_class->port_del(p, ofp_port);
    if (!error) {
        ofport_remove(ofport, true);
    }
    return error;
}

int
ofproto_port_query_by_name(const struct ofproto *p, const char *devname,
                           struct ofproto_port *port)
{
    int error = p->ofproto_class->port_query_by_name(p, devname, port);

    if (!error) {
        struct ofport *ofport = shash_find_data(&p->port_by_name, devname);

        if (ofport) {
            port->ofp_port = ofport->ofp_port;
        }
    } else {
        memset(port, 0, sizeof *port);
    }
    return error;
}

ofp_port_t
ofproto_port_get_ofp_port(const struct ofproto *p, const char *devname)
{
    struct ofport *ofport = shash_find_data(&p->port_by_name, devname);

    return ofport ? ofport->ofp_port : OFPP_NONE;
}

int
ofproto_port_get_stats(const struct ofport *port, struct netdev_stats *stats)
{
    const struct ofproto_class *class = port->ofproto->ofproto_class;

    return (class->port_get_stats
            ? class->port_get_stats(port, stats)
            : netdev_get_stats(port->netdev, stats));
}

/* Rules. */

struct rule_actions *
rule_actions_create(const ofp_port_t *ports, size_t n)
{
    struct rule_actions *actions;

    actions = xmalloc(sizeof *actions + n * sizeof actions->outputs[0]);
    actions->n_outputs = n;
    if (n) {
        memcpy(actions->outputs, ports, n * sizeof *ports);
    }
    return actions;
}

struct rule *
oftable_lookup(const struct oftable *table, const struct flow *flow,
               struct flow_wildcards *wc)
{
    struct rule *rule;

    LIST_FOR_EACH (rule, node, &table->rules) {
        if (wc) {
            flow_wildcards_or(wc, wc, &rule->match.wc);
        }
        if (flow_equal_except(flow, &rule->match.flow, &rule->match.wc)) {
            return rule;
        }
    }
    return NULL;
}

/* Inserts 'rule' into 'table' in priority order (after rules of the same
 * priority).  The caller holds the table's lock for writing. */
static void
oftable_insert(struct oftable *table, struct rule *rule)
{
    struct rule *pos;

    LIST_FOR_EACH (pos, node, &table->rules) {
        if (pos->priority < rule->priority) {
            ovs_list_insert(&pos->node, &rule->node);
            table->n_rules++;
            return;
        }
    }
    ovs_list_push_back(&table->rules, &rule->node);
    table->n_rules++;
}

/* Adds the default rule of table 0: match everything at priority 0 and
 * forward with the NORMAL action. */
static int
ofproto_add_default_rule(struct ofproto *p)
{
    const struct ofproto_class *class = p->ofproto_class;
    static const ofp_port_t normal = OFPP_NORMAL;
    struct oftable *table = &p->tables[0];
    struct rule *rule;
    int error;

    rule = class->rule_alloc();
    rule->ofproto = p;
    rule->table_id = 0;
    rule->priority = 0;
    memset(&rule->match, 0, sizeof rule->match);
    flow_wildcards_init_catchall(&rule->match.wc);
    rule->created = rule->modified = time_msec();
    rule->actions = rule_actions_create(&normal, 1);

    error = class->rule_construct(rule);
    if (error) {
        free(CONST_CAST(struct rule_actions *, rule->actions));
        class->rule_dealloc(rule);
        return error;
    }

    ovs_mutex_lock(&ofproto_mutex);
    ovs_rwlock_wrlock(&table->rwlock);
    oftable_insert(table, rule);
    ovs_rwlock_unlock(&table->rwlock);
    ovs_mutex_unlock(&ofproto_mutex);
    class->rule_insert(rule);
    return 0;
}

/* Removes every rule of 'p' and frees them once no thread can see them. */
static void
ofproto_flush_rules(struct ofproto *p)
{
    const struct ofproto_class *class = p->ofproto_class;
    struct ovs_list dead = OVS_LIST_INITIALIZER(&dead);
    struct rule *rule;
    int i;

    ovs_mutex_lock(&ofproto_mutex);
    for (i = 0; i < p->n_tables; i++) {
        struct oftable *table = &p->tables[i];

        ovs_rwlock_wrlock(&table->rwlock);
        ovs_list_splice(&dead, ovs_list_front(&table->rules), &table->rules);
        table->n_rules = 0;
        ovs_rwlock_unlock(&table->rwlock);
    }
    ovs_mutex_unlock(&ofproto_mutex);

    if (ovs_list_is_empty(&dead)) {
        return;
    }
    LIST_FOR_EACH (rule, node, &dead) {
        class->rule_delete(rule);
    }
    ovsrcu_synchronize();
    LIST_FOR_EACH_POP (rule, node, &dead) {
        class->rule_destruct(rule);
        free(CONST_CAST(struct rule_actions *, rule->actions));
        class->rule_dealloc(rule);
    }
}
