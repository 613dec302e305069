/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The generic OpenFlow switch: providers, creation and destruction,
 * OpenFlow port numbering and status, OpenFlow tables and rules.  What a
 * switch does with packets is the provider's business (ofproto-dpif). */

#include <config.h>
#include "ofproto/ofproto.h"

#include <endian.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "hash.h"
#include "match.h"
#include "miniflow.h"
#include "nx-match.h"
#include "netdev.h"
#include "ofpbuf.h"
#include "ofproto/bundles.h"
#include "ofproto/connmgr.h"
#include "ofproto/flow-monitor.h"
#include "ofproto/ofproto-group.h"
#include "ofproto/ofproto-meter.h"
#include "ofproto/ofproto-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-queue.h"
#include "openvswitch/ofp-switch.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/ofp-weft.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "poll-loop.h"
#include "seq.h"
#include "simap.h"
#include "sset.h"
#include "uuid.h"
#include "timeval.h"
#include "unixctl.h"
#include "byte-order.h"

VLOG_DEFINE_THIS_MODULE(ofproto);

/* OpenFlow 1.1+'s "any port" and "any group" for the out_port and
 * out_group of flow mods (OpenFlow 1.0's OFPP_NONE is the same port). */
#ifndef OFPP_ANY
#define OFPP_ANY OFPP_NONE
#endif
#ifndef OFPG_ANY
#define OFPG_ANY 0xffffffff
#endif

/* The priority of the fail-open flow: above every OpenFlow priority, so
 * that controllers never see it (flow dumps skip it), as upstream's. */
#define FAIL_OPEN_PRIORITY 0xf0f0f0

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
static void ofproto_add_internal_rules(struct ofproto *);
static void ofproto_flush_flows__(struct ofproto *, bool all);
static void ofproto_remove_dead_rules(void);
static void oftable_init(struct oftable *);
static void oftable_destroy(struct oftable *);
static void ofproto_expire(struct ofproto *);
static void ofport_send_status(const struct ofport *, uint8_t reason);
static void ofproto_update_fail_open(struct ofproto *);
static void ofproto_update_packet_in_on_miss(struct ofproto *);
static void handle_openflow(struct ofconn *, const struct ovs_list *msgs);
static enum ofperr handle_table_mod(struct ofconn *,
                                   const struct ofp_header *);

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

/* "bridge/dump-flows [--offload-stats] BRIDGE": prints every rule of the
 * bridge, those of the hidden table 254 and those with priorities outside
 * OpenFlow's (fail-open) too, one per line, in upstream's format:
 * "[table_id=N, ]duration=Ns, n_packets=N, n_bytes=N, MATCH,actions=...". */
static void
ofproto_unixctl_dump_flows(struct unixctl_conn *conn, int argc,
                           const char *argv[], void *aux OVS_UNUSED)
{
    bool offload_stats = false;
    struct ds s = DS_EMPTY_INITIALIZER;
    ovs_version_t version;
    struct ofproto *p;
    long long int now;
    int i;

    if (argc > 2 && !strcmp(argv[1], "--offload-stats")) {
        offload_stats = true;
    }
    p = ofproto_lookup(argv[argc - 1]);
    if (!p) {
        unixctl_command_reply_error(conn, "Unknown bridge");
        return;
    }
    version = ofproto_get_tables_version(p);
    now = time_msec();
    for (i = 0; i < p->n_tables; i++) {
        struct rule *rule;

        CLS_FOR_EACH (rule, cr, &p->tables[i].cls) {
            const struct rule_actions *actions = rule_get_actions(rule);
            struct ofpact_format_params fp = { .s = &s };
            uint64_t packets, bytes;
            long long int used;

            if (!cls_rule_visible_in_version(&rule->cr, version)) {
                continue;
            }
            p->ofproto_class->rule_get_stats(rule, &packets, &bytes, &used);
            if (i) {
                ds_put_format(&s, "table_id=%d, ", i);
            }
            ds_put_format(&s, "duration=%llds, ",
                          (now - rule->created) / 1000);
            ds_put_format(&s, "n_packets=%"PRIu64", n_bytes=%"PRIu64", ",
                          packets, bytes);
            if (offload_stats) {
                ds_put_cstr(&s, "n_offload_packets=0, n_offload_bytes=0, ");
            }
            cls_rule_format(&rule->cr, NULL, NULL, &s);
            ds_put_cstr(&s, ",actions=");
            ofpacts_format(actions->ofpacts, actions->ofpacts_len, &fp);
            ds_put_char(&s, '\n');
        }
    }
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* Registers the ofproto unixctl commands (once). */
static void
ofproto_unixctl_init(void)
{
    static bool registered;

    if (registered) {
        return;
    }
    registered = true;
    unixctl_command_register("bridge/dump-flows", "[--offload-stats] bridge",
                             1, 2, ofproto_unixctl_dump_flows, NULL);
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
    ofproto_unixctl_init();
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
    uuid_generate(&ofproto->uuid);
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
        oftable_init(&ofproto->tables[i]);
    }
    /* The last table is internal, as upstream's: hidden, and read-only
     * (OFPBRC_EPERM) for controllers and learn actions. */
    ofproto->tables[OFPROTO_N_TABLES - 1].flags
        |= OFTABLE_HIDDEN | OFTABLE_READONLY;
    ofproto->tables_version = OVS_VERSION_MIN;
    ovs_list_init(&ofproto->expirable);
    ofproto->connmgr = NULL;
    ofproto->change_seq = seq_read(netdev_global_change_seq());

    error = class->construct(ofproto);
    if (error) {
        VLOG_ERR("failed to open datapath %s: %s",
                 datapath_name, ovs_strerror(error));
        hmap_remove(&all_ofprotos, &ofproto->hmap_node);
        for (i = 0; i < ofproto->n_tables; i++) {
            oftable_destroy(&ofproto->tables[i]);
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
    ofproto_meters_init(ofproto);

    ofproto->connmgr = connmgr_create(ofproto, datapath_name,
                                      datapath_name);
    init_ports(ofproto);
    if (!ofproto_get_port(ofproto, OFPP_LOCAL)) {
        VLOG_WARN("%s: datapath has no local port", ofproto->name);
    }
    ofproto_add_default_rule(ofproto);
    ofproto_add_internal_rules(ofproto);
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

    connmgr_destroy(p->connmgr);
    p->connmgr = NULL;
    ofproto_flush_flows__(p, true);
    ofproto_group_destroy_all(p);
    ofproto_meters_destroy(p);
    ofproto_remove_dead_rules();
    /* The rules are freed after an RCU grace period, and freeing one
     * needs its provider: wait for them before the switch goes away. */
    ovsrcu_barrier();
    HMAP_FOR_EACH_SAFE (ofport, hmap_node, &p->ports) {
        ofport_remove(ofport, del);
    }
    class->destruct(p, del);

    hmap_remove(&all_ofprotos, &p->hmap_node);
    for (i = 0; i < p->n_tables; i++) {
        oftable_destroy(&p->tables[i]);
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

    ofproto_remove_dead_rules();
    error = p->ofproto_class->run(p);
    if (error && error != EAGAIN) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_ERR_RL(&rl, "%s: run failed (%s)", p->name,
                    ovs_strerror(error));
    }

    ofproto_expire(p);
    connmgr_run(p->connmgr, handle_openflow);
    ofproto_update_fail_open(p);
    connmgr_fail_open_run(p->connmgr, p->fail_open_active);
    ofproto_update_packet_in_on_miss(p);

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
    connmgr_wait(p->connmgr);
    seq_wait(netdev_global_change_seq(), p->change_seq);
    if (!ovs_list_is_empty(&p->expirable)) {
        /* Wake at the earliest time a rule may expire (an idle rule's
         * deadline moves as it sees traffic: checking it early is
         * harmless). */
        long long int deadline = LLONG_MAX;
        struct rule *rule;

        LIST_FOR_EACH (rule, expirable, &p->expirable) {
            if (rule->hard_timeout) {
                deadline = MIN(deadline, (rule->modified
                                          + rule->hard_timeout * 1000LL));
            }
            if (rule->idle_timeout) {
                uint64_t packets, bytes;
                long long int used;

                p->ofproto_class->rule_get_stats(rule, &packets, &bytes,
                                                 &used);
                deadline = MIN(deadline,
                               used + rule->idle_timeout * 1000LL);
            }
        }
        poll_timer_wait_until(deadline);
    }
}

bool
ofproto_is_alive(const struct ofproto *p)
{
    return p->connmgr && connmgr_has_controllers(p->connmgr);
}

void
ofproto_get_memory_usage(const struct ofproto *p, struct simap *usage)
{
    unsigned int n_rules = 0;
    int i;

    for (i = 0; i < p->n_tables; i++) {
        n_rules += oftable_count(&p->tables[i]);
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

const struct uuid *
ofproto_get_uuid(const struct ofproto *p)
{
    return &p->uuid;
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
        ofport_send_status(ofport, OFPPR_MODIFY);
    }
}

/* Creates the OpenFlow port 'ofp_port' of 'p' for 'netdev' (takes a
 * reference of its own). */
static int
ofport_install(struct ofproto *p, struct netdev *netdev, ofp_port_t ofp_port)
{
    const char *name = netdev_get_name(netdev);
    struct ofport *ofport, *local;
    int error;

    ofport = p->ofproto_class->port_alloc();
    ofport->ofproto = p;
    ofport->netdev = netdev_ref(netdev);
    ofport->ofp_port = ofp_port;
    ofport->change_seq = netdev_get_change_seq(netdev);
    ofport->created = time_msec();
    netdev_get_mtu(netdev, &ofport->mtu);
    ofport_phy_port_init(&ofport->pp, ofp_port, netdev);

    local = (ofp_port != OFPP_LOCAL && !p->local_port_added
             ? ofproto_get_port(p, OFPP_LOCAL) : NULL);
    if (local) {
        /* Upstream's switch inserts the local port after the other ports
         * of the bridge's first configuration: keep it the last one
         * inserted, so that 'ports' lists them in the same order. */
        hmap_remove(&p->ports, &local->hmap_node);
    }
    hmap_insert(&p->ports, &ofport->hmap_node, hash_int(ofp_port, 0));
    if (local) {
        hmap_insert(&p->ports, &local->hmap_node, local->hmap_node.hash);
    }
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
    ofport_send_status(ofport, OFPPR_ADD);
    return 0;
}

/* Removes 'ofport' from its switch and frees it.  'del' tells the provider
 * whether the port is being deleted (rather than the switch going away
 * with the datapath ports kept). */
static void
ofport_remove(struct ofport *ofport, bool del)
{
    struct ofproto *p = ofport->ofproto;

    ofport_send_status(ofport, OFPPR_DELETE);
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
        if (!strcmp(name, p->name)) {
            ofproto_local_port_added(p);
        }
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

void
ofproto_local_port_added(struct ofproto *p)
{
    p->local_port_added = true;
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

/* Rule actions. */

struct rule_actions *
rule_actions_create(const struct ofpact *ofpacts, size_t ofpacts_len)
{
    struct rule_actions *actions;
    const struct ofpact *a;

    actions = xzalloc(sizeof *actions + ofpacts_len);
    actions->ofpacts_len = ofpacts_len;
    if (ofpacts_len) {
        memcpy(actions->ofpacts, ofpacts, ofpacts_len);
    }
    OFPACT_FOR_EACH_FLATTENED (a, actions->ofpacts, ofpacts_len) {
        if (a->type == OFPACT_METER) {
            actions->has_meter = true;
        } else if (a->type == OFPACT_GROUP) {
            actions->has_groups = true;
        } else if (a->type == OFPACT_LEARN
                   && (ofpact_get_LEARN(a)->flags
                       & NX_LEARN_F_DELETE_LEARNED)) {
            actions->has_learn_with_delete = true;
        }
    }
    return actions;
}

struct rule_actions *
rule_actions_create_outputs(const ofp_port_t *ports, size_t n)
{
    struct rule_actions *actions;
    struct ofpbuf ofpacts;
    size_t i;

    ofpbuf_init(&ofpacts, 0);
    for (i = 0; i < n; i++) {
        struct ofpact_output *output = ofpact_put_OUTPUT(&ofpacts);

        output->port = ports[i];
        output->max_len = ports[i] == OFPP_CONTROLLER ? UINT16_MAX : 0;
    }
    actions = rule_actions_create(ofpacts.data, ofpacts.size);
    ofpbuf_uninit(&ofpacts);
    return actions;
}

void
rule_actions_destroy(const struct rule_actions *actions)
{
    free(CONST_CAST(struct rule_actions *, actions));
}

bool
rule_actions_output_to_port(const struct rule_actions *actions,
                            ofp_port_t port)
{
    return ofpacts_output_to_port(actions->ofpacts, actions->ofpacts_len,
                                  port);
}

/* Tables. */

static void
oftable_init(struct oftable *table)
{
    /* As upstream: staged lookups, and prefix tries on the IPv4
     * destination and source, so that megaflows match no more of these
     * fields than the rules needed. */
    static const enum mf_field_id default_prefix_fields[] = {
        MFF_IPV4_DST, MFF_IPV4_SRC
    };

    memset(table, 0, sizeof *table);
    classifier_init(&table->cls, flow_segment_u64s);
    classifier_set_prefix_fields(&table->cls, default_prefix_fields,
                                 ARRAY_SIZE(default_prefix_fields));
    table->max_flows = UINT_MAX;
    table->miss_config = OFTABLE_MISS_DEFAULT;
}

/* Frees what 'table' holds; its rules are gone already. */
static void
oftable_destroy(struct oftable *table)
{
    ovs_assert(classifier_is_empty(&table->cls));
    classifier_destroy(&table->cls);
    free(table->name);
    table->name = NULL;
}

/* Rule references and destruction. */

/* Frees 'rule' (called after an RCU grace period). */
static void
rule_destroy_cb(struct rule *rule)
{
    const struct ofproto_class *class = rule->ofproto->ofproto_class;

    class->rule_destruct(rule);
    cls_rule_destroy(&rule->cr);
    rule_actions_destroy(rule->actions);
    class->rule_dealloc(rule);
}

void
ofproto_rule_ref(struct rule *rule)
{
    if (rule) {
        __atomic_add_fetch(&rule->ref_count, 1, __ATOMIC_RELAXED);
    }
}

bool
ofproto_rule_try_ref(struct rule *rule)
{
    unsigned int count = __atomic_load_n(&rule->ref_count, __ATOMIC_RELAXED);

    while (count) {
        if (__atomic_compare_exchange_n(&rule->ref_count, &count, count + 1,
                                        false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED)) {
            return true;
        }
    }
    return false;
}

void
ofproto_rule_unref(struct rule *rule)
{
    if (rule && __atomic_sub_fetch(&rule->ref_count, 1,
                                   __ATOMIC_ACQ_REL) == 0) {
        ovsrcu_postpone(rule_destroy_cb, rule);
    }
}

/* Returns the match of 'rule' in '*match'. */
static void
rule_get_match(const struct rule *rule, struct match *match)
{
    minimatch_expand(&rule->cr.match, match);
}

/* Creating rules. */

/* Allocates and constructs a rule of 'ofproto' in table 'table_id' with
 * the match and priority of 'cr' (moved into the rule: 'cr' is left
 * destroyed, also on error), the other settings of 'fm' (may be NULL for
 * defaults) and 'actions' (which the rule takes).  Returns 0 and stores it
 * in '*rulep' (one reference, for the caller), or an OFPERR_* (and
 * 'actions' is freed). */
static enum ofperr
rule_create__(struct ofproto *ofproto, uint8_t table_id, struct cls_rule *cr,
              const struct ofputil_flow_mod *fm,
              const struct rule_actions *actions, struct rule **rulep)
{
    const struct ofproto_class *class = ofproto->ofproto_class;
    enum ofperr meter_error;
    struct rule *rule;
    int error;

    /* The actions are not visible to anyone else yet. */
    meter_error = ofproto_meters_bind_actions(
        ofproto, CONST_CAST(struct rule_actions *, actions));
    if (meter_error) {
        cls_rule_destroy(cr);
        rule_actions_destroy(actions);
        *rulep = NULL;
        return meter_error;
    }

    rule = class->rule_alloc();
    rule->ofproto = ofproto;
    cls_rule_move(&rule->cr, cr);
    rule->table_id = table_id;
    rule->state = RULE_INITIALIZED;
    rule->ref_count = 1;
    rule->flow_cookie = fm ? fm->new_cookie : htonll(0);
    if (rule->flow_cookie == OVS_BE64_MAX) {
        rule->flow_cookie = htonll(0);
    }
    rule->flags = fm ? fm->flags & OFPUTIL_FF_STATE : 0;
    rule->idle_timeout = fm ? fm->idle_timeout : 0;
    rule->hard_timeout = fm ? fm->hard_timeout : 0;
    rule->importance = fm ? fm->importance : 0;
    rule->created = rule->modified = time_msec();
    ovs_list_init(&rule->expirable);
    rule->actions = actions;

    error = class->rule_construct(rule);
    if (error) {
        cls_rule_destroy(&rule->cr);
        rule_actions_destroy(rule->actions);
        class->rule_dealloc(rule);
        *rulep = NULL;
        return OFPERR_OFPFMFC_UNKNOWN;
    }
    *rulep = rule;
    return 0;
}

/* Same as rule_create__() with a match and priority instead of a
 * cls_rule. */
static enum ofperr
rule_create(struct ofproto *ofproto, uint8_t table_id,
            const struct match *match, int priority,
            const struct ofputil_flow_mod *fm,
            const struct rule_actions *actions, struct rule **rulep)
{
    struct cls_rule cr;

    cls_rule_init(&cr, match, priority);
    return rule_create__(ofproto, table_id, &cr, fm, actions, rulep);
}

/* Batches of rule changes.
 *
 * A batch stages its changes in version 'version' (the current version
 * plus one): new rules are inserted visible from 'version' on, deleted and
 * replaced rules are made invisible from 'version' on.  Lookups in the
 * current version do not see any of it.  ofproto_batch_commit() publishes
 * 'version', making the whole batch visible at once, then removes the dead
 * rules from the classifiers and tells the provider;
 * ofproto_batch_revert() undoes every change instead. */
struct ofproto_batch {
    struct ofproto *ofproto;    /* The switch. */
    ovs_version_t version;      /* Version being staged. */
    struct ovs_list ops;        /* "struct rule_op"s, in order. */
};

/* One change of a batch. */
struct rule_op {
    struct ovs_list node;       /* In the batch's 'ops'. */
    struct rule *new_rule;      /* Rule added, or NULL. */
    struct rule *old_rule;      /* Rule deleted or replaced, or NULL. */
    bool forward_counts;        /* New rule takes over old's counters? */
    uint8_t reason;             /* OFPRR_* reason for a deletion, for the
                                 * flow removed message. */
    bool modify;                /* From a modify flow mod (flow monitors
                                 * report NXFME_MODIFIED, not ADDED). */
};

/* Sends a flow removed message with 'reason' (OFPRR_*) for 'rule', which
 * is being deleted, to the controllers, if its flow mod asked for it. */
static void
rule_send_flow_removed(struct rule *rule, uint8_t reason)
{
    struct ofproto *ofproto = rule->ofproto;
    struct ofputil_flow_removed fr;
    long long int now = time_msec();
    long long int used;

    if (!(rule->flags & OFPUTIL_FF_SEND_FLOW_REM) || !ofproto->connmgr
        || rule->cr.priority < 0 || rule->cr.priority > UINT16_MAX) {
        return;
    }
    memset(&fr, 0, sizeof fr);
    rule_get_match(rule, &fr.match);
    fr.priority = rule->cr.priority;
    fr.cookie = rule->flow_cookie;
    fr.reason = reason;
    fr.table_id = rule->table_id;
    fr.duration_sec = (now - rule->created) / 1000;
    fr.duration_nsec = (now - rule->created) % 1000 * 1000 * 1000;
    fr.idle_timeout = rule->idle_timeout;
    fr.hard_timeout = rule->hard_timeout;
    ofproto->ofproto_class->rule_get_stats(rule, &fr.packet_count,
                                           &fr.byte_count, &used);
    connmgr_send_flow_removed(ofproto->connmgr, &fr);
}

static void
ofproto_batch_start(struct ofproto_batch *batch, struct ofproto *ofproto)
{
    batch->ofproto = ofproto;
    batch->version = ofproto->tables_version + 1;
    ovs_list_init(&batch->ops);
}

/* Returns true if 'rule' is already being removed by 'batch'. */
static bool
rule_is_dead_in_batch(const struct ofproto_batch *batch,
                      const struct rule *rule)
{
    return !cls_rule_visible_in_version(&rule->cr, batch->version);
}

/* Stages the replacement of 'old_rule' (NULL if none) by 'new_rule' (NULL
 * to delete 'old_rule') in 'batch'. */
static void
ofproto_batch_add(struct ofproto_batch *batch, struct rule *new_rule,
                  struct rule *old_rule, bool forward_counts)
{
    struct rule_op *op = xzalloc(sizeof *op);

    op->new_rule = new_rule;
    op->old_rule = old_rule;
    op->forward_counts = forward_counts;
    op->reason = OFPRR_DELETE;
    ovs_list_push_back(&batch->ops, &op->node);

    if (old_rule) {
        cls_rule_make_invisible_in_version(&old_rule->cr, batch->version);
        batch->ofproto->tables[old_rule->table_id].n_flows--;
    }
    if (new_rule) {
        struct oftable *table = &batch->ofproto->tables[new_rule->table_id];
        const struct rule_actions *actions = rule_get_actions(new_rule);
        struct cls_conjunction *conjs = NULL;
        size_t n_conjs = 0;
        const struct ofpact *a;

        /* A rule whose actions are conjunction(id,k/n)s is a clause of
         * conjunctive matches for the classifier, not a plain rule. */
        OFPACT_FOR_EACH (a, actions->ofpacts, actions->ofpacts_len) {
            if (a->type == OFPACT_CONJUNCTION) {
                const struct ofpact_conjunction *oc
                    = ofpact_get_CONJUNCTION(a);

                conjs = xrealloc(conjs, (n_conjs + 1) * sizeof *conjs);
                conjs[n_conjs].id = oc->id;
                conjs[n_conjs].clause = oc->clause;
                conjs[n_conjs].n_clauses = oc->n_clauses;
                n_conjs++;
            }
        }
        classifier_insert(&table->cls, &new_rule->cr, batch->version,
                          conjs, n_conjs);
        free(conjs);
        new_rule->state = RULE_INSERTED;
        table->n_flows++;
    }
}

/* Undoes every change of 'batch'. */
static void
ofproto_batch_revert(struct ofproto_batch *batch)
{
    struct rule_op *op;

    LIST_FOR_EACH_REVERSE (op, node, &batch->ops) {
        if (op->new_rule) {
            struct oftable *table
                = &batch->ofproto->tables[op->new_rule->table_id];

            classifier_remove_assert(&table->cls, &op->new_rule->cr);
            table->n_flows--;
            op->new_rule->state = RULE_INITIALIZED;
        }
        if (op->old_rule) {
            cls_rule_restore_visibility(&op->old_rule->cr);
            batch->ofproto->tables[op->old_rule->table_id].n_flows++;
        }
    }
    LIST_FOR_EACH_POP (op, node, &batch->ops) {
        if (op->new_rule) {
            /* Nothing could see it: free it after readers of the version
             * that never became current are surely gone. */
            ofproto_rule_unref(op->new_rule);
        }
        free(op);
    }
}

/* Registers 'rule', which became visible, in the switch's indexes. */
static void
rule_index_add(struct ofproto *ofproto, struct rule *rule)
{
    if (rule->idle_timeout || rule->hard_timeout) {
        ovs_list_push_back(&ofproto->expirable, &rule->expirable);
    }
    ofproto_meters_rule_added(ofproto, rule);
}

/* Removes 'rule' from the switch's indexes. */
static void
rule_index_remove(struct ofproto *ofproto, struct rule *rule)
{
    if (!ovs_list_is_empty(&rule->expirable)) {
        ovs_list_remove(&rule->expirable);
        ovs_list_init(&rule->expirable);
    }
    ofproto_meters_rule_removed(ofproto, rule);
}

/* Rules that committed batches deleted or replaced: invisible in the
 * current version, so that no lookup, dump or flow mod sees them any more,
 * but still in their tables' classifiers, each with the classifier's
 * reference.  ofproto_remove_dead_rules() takes them out of the
 * classifiers, in the next main loop iteration: a flow mod that deletes
 * 100,000 rules gets its reply (and the barrier that follows it) without
 * waiting for that work, as with upstream's switch. */
static struct rule **dead_rules OVS_GUARDED_BY(ofproto_mutex);
static size_t n_dead_rules OVS_GUARDED_BY(ofproto_mutex);
static size_t allocated_dead_rules OVS_GUARDED_BY(ofproto_mutex);

/* Queues 'rule', which a committed batch made invisible, for removal from
 * its classifier. */
static void
dead_rules_push(struct rule *rule)
    OVS_REQUIRES(ofproto_mutex)
{
    if (n_dead_rules >= allocated_dead_rules) {
        allocated_dead_rules = 2 * allocated_dead_rules + 64;
        dead_rules = xrealloc(dead_rules,
                              allocated_dead_rules * sizeof *dead_rules);
    }
    dead_rules[n_dead_rules++] = rule;
}

/* Removes the queued dead rules of every switch from their classifiers and
 * drops the classifiers' references to them. */
static void
ofproto_remove_dead_rules(void)
{
    size_t i;

    if (!__atomic_load_n(&n_dead_rules, __ATOMIC_RELAXED)) {
        return;
    }
    ovs_mutex_lock(&ofproto_mutex);
    for (i = 0; i < n_dead_rules; i++) {
        struct rule *rule = dead_rules[i];

        classifier_remove_assert(&rule->ofproto->tables[rule->table_id].cls,
                                 &rule->cr);
        ofproto_rule_unref(rule);
    }
    __atomic_store_n(&n_dead_rules, 0, __ATOMIC_RELAXED);
    if (allocated_dead_rules > 4096) {
        /* Do not keep the array of a big delete. */
        free(dead_rules);
        dead_rules = NULL;
        allocated_dead_rules = 0;
    }
    ovs_mutex_unlock(&ofproto_mutex);
}

/* Publishes the changes of 'batch' and finishes them. */
static void
ofproto_batch_commit(struct ofproto_batch *batch)
{
    struct ofproto *ofproto = batch->ofproto;
    const struct ofproto_class *class = ofproto->ofproto_class;
    struct rule_op *op;

    if (ovs_list_is_empty(&batch->ops)) {
        return;
    }
    __atomic_store_n(&ofproto->tables_version, batch->version,
                     __ATOMIC_RELEASE);

    LIST_FOR_EACH_POP (op, node, &batch->ops) {
        struct rule *old = op->old_rule;
        struct rule *new = op->new_rule;

        if (old) {
            old->state = RULE_REMOVED;
            rule_index_remove(ofproto, old);
        }
        if (new) {
            rule_index_add(ofproto, new);
            class->rule_insert(new, old, op->forward_counts);
        } else if (old) {
            rule_send_flow_removed(old, op->reason);
            class->rule_delete(old);
        }
        if (ofproto->connmgr) {
            /* Flow monitors (ofproto/flow-monitor.h). */
            ofmonitor_report(ofproto->connmgr, new ? new : old,
                             !new ? NXFME_DELETED
                             : old && op->modify ? NXFME_MODIFIED
                             : NXFME_ADDED,
                             op->reason, new ? old : NULL);
        }
        if (old) {
            /* Out of the classifier, and unreferenced, later. */
            dead_rules_push(old);
        }
        free(op);
    }
    if (ofproto->connmgr) {
        ofmonitor_flush(ofproto->connmgr);
    }
}

/* Flow mods. */

/* Returns true if 'rule' passes the cookie, out_port and out_group filters
 * of 'fm'. */
static bool
rule_matches_fm_filters(const struct rule *rule,
                        const struct ofputil_flow_mod *fm, bool check_out)
{
    if ((rule->cr.priority < 0 || rule->cr.priority > UINT16_MAX)
        && !(fm->flags & OFPUTIL_FF_NO_READONLY)) {
        /* Hidden flows are out of reach of controllers. */
        return false;
    }
    if ((rule->flow_cookie ^ fm->cookie) & fm->cookie_mask) {
        return false;
    }
    if (check_out) {
        const struct rule_actions *actions = rule_get_actions(rule);

        if (fm->out_port != OFPP_ANY && fm->out_port != OFPP_NONE
            && !rule_actions_output_to_port(actions, fm->out_port)) {
            return false;
        }
        if (fm->out_group != OFPG_ANY
            && !ofpacts_output_to_group(actions->ofpacts,
                                        actions->ofpacts_len,
                                        fm->out_group)) {
            return false;
        }
    }
    return true;
}

/* Returns true if table 'table_id' of 'ofproto' may be changed by 'fm'. */
static bool
table_is_writable(const struct ofproto *ofproto, uint8_t table_id,
                  const struct ofputil_flow_mod *fm)
{
    return (!(ofproto->tables[table_id].flags & OFTABLE_READONLY)
            || fm->flags & OFPUTIL_FF_NO_READONLY);
}

/* Collects into 'rules' (an array of '*n' rules, allocated) the rules that
 * 'fm' (a modify or delete) targets, in the staged version of 'batch'. */
static enum ofperr
collect_rules(struct ofproto_batch *batch, const struct ofputil_flow_mod *fm,
              bool strict, bool check_out, struct rule ***rulesp,
              size_t *n)
{
    struct ofproto *ofproto = batch->ofproto;
    struct rule **rules = NULL;
    size_t allocated = 0;
    struct cls_rule target;
    int first, last, i;

    *n = 0;
    if (fm->table_id == 0xff) {
        first = 0;
        last = ofproto->n_tables - 1;
    } else if (fm->table_id < ofproto->n_tables) {
        first = last = fm->table_id;
    } else {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }

    cls_rule_init(&target, &fm->match, fm->priority);
    for (i = first; i <= last; i++) {
        struct oftable *table = &ofproto->tables[i];

        if (fm->table_id == 0xff && table->flags & OFTABLE_HIDDEN) {
            continue;
        }
        if (strict) {
            const struct cls_rule *cr;

            cr = classifier_find_rule_exactly(&table->cls, &target,
                                              batch->version);
            if (cr) {
                struct rule *rule = CONTAINER_OF(cr, struct rule, cr);

                if (rule_matches_fm_filters(rule, fm, check_out)) {
                    rules = xrealloc(rules, (*n + 1) * sizeof *rules);
                    rules[(*n)++] = rule;
                }
            }
        } else {
            struct rule *rule;

            CLS_FOR_EACH_TARGET (rule, cr, &table->cls, &target,
                                 batch->version) {
                if (rule_matches_fm_filters(rule, fm, check_out)) {
                    if (*n >= allocated) {
                        allocated = 2 * allocated + 8;
                        rules = xrealloc(rules, allocated * sizeof *rules);
                    }
                    rules[(*n)++] = rule;
                }
            }
        }
    }
    cls_rule_destroy(&target);
    *rulesp = rules;
    return 0;
}

/* Stages an add flow mod. */
static enum ofperr
batch_add_flow(struct ofproto_batch *batch,
               const struct ofputil_flow_mod *fm)
{
    struct ofproto *ofproto = batch->ofproto;
    uint8_t table_id = fm->table_id == 0xff ? 0 : fm->table_id;
    const struct cls_rule *old_cr;
    struct rule *old_rule = NULL;
    struct oftable *table;
    struct rule *rule;
    enum ofperr error;
    struct cls_rule cr;

    if (table_id >= ofproto->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    if ((fm->priority < 0 || fm->priority > UINT16_MAX)
        && !(fm->flags & OFPUTIL_FF_NO_READONLY)) {
        /* Only the switch's own hidden flows (fail-open, table-miss to
         * controller) live outside OpenFlow's priorities. */
        return OFPERR_OFPFMFC_BAD_PRIORITY;
    }
    if (!table_is_writable(ofproto, table_id, fm)) {
        return OFPERR_OFPBRC_EPERM;
    }
    table = &ofproto->tables[table_id];

    cls_rule_init(&cr, &fm->match, fm->priority);
    old_cr = classifier_find_rule_exactly(&table->cls, &cr, batch->version);
    if (old_cr) {
        old_rule = CONTAINER_OF(old_cr, struct rule, cr);
    } else {
        if (fm->flags & OFPUTIL_FF_CHECK_OVERLAP
            && classifier_rule_overlaps(&table->cls, &cr, batch->version)) {
            cls_rule_destroy(&cr);
            return OFPERR_OFPFMFC_OVERLAP;
        }
        if (table->n_flows >= table->max_flows) {
            cls_rule_destroy(&cr);
            return OFPERR_OFPFMFC_TABLE_FULL;
        }
    }

    /* The new rule takes 'cr' (no second copy of the match). */
    error = rule_create__(ofproto, table_id, &cr, fm,
                          rule_actions_create(fm->ofpacts, fm->ofpacts_len),
                          &rule);
    if (!error) {
        ofproto_batch_add(batch, rule, old_rule, false);
    }
    return error;
}

/* Stages replacing each of the 'n' rules of 'rules' by one with the
 * actions of 'fm' (and its cookie if 'fm->modify_cookie'). */
static enum ofperr
batch_modify_rules(struct ofproto_batch *batch,
                   const struct ofputil_flow_mod *fm,
                   struct rule **rules, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        struct rule *old = rules[i];
        struct rule *new;
        struct match match;
        enum ofperr error;

        if (!table_is_writable(batch->ofproto, old->table_id, fm)) {
            return OFPERR_OFPBRC_EPERM;
        }
        rule_get_match(old, &match);
        error = rule_create(batch->ofproto, old->table_id, &match,
                            old->cr.priority, NULL,
                            rule_actions_create(fm->ofpacts,
                                                fm->ofpacts_len), &new);
        if (error) {
            return error;
        }
        new->flow_cookie = (fm->modify_cookie
                            && fm->new_cookie != OVS_BE64_MAX
                            ? fm->new_cookie : old->flow_cookie);
        new->flags = old->flags;
        new->idle_timeout = old->idle_timeout;
        new->hard_timeout = old->hard_timeout;
        new->importance = old->importance;
        new->created = old->created;
        ofproto_batch_add(batch, new, old,
                          !(fm->flags & OFPUTIL_FF_RESET_COUNTS));
        CONTAINER_OF(ovs_list_back(&batch->ops), struct rule_op,
                     node)->modify = true;
    }
    return 0;
}

/* Stages one flow mod 'fm' into 'batch'.  Returns 0 or an OFPERR_*. */
static enum ofperr
batch_flow_mod(struct ofproto_batch *batch, const struct ofputil_flow_mod *fm)
{
    struct rule **rules = NULL;
    enum ofperr error;
    size_t n, i;

    switch (fm->command) {
    case OFPFC_ADD:
        return batch_add_flow(batch, fm);

    case OFPFC_MODIFY:
    case OFPFC_MODIFY_STRICT:
        error = collect_rules(batch, fm, fm->command == OFPFC_MODIFY_STRICT,
                              false, &rules, &n);
        if (!error) {
            if (n) {
                error = batch_modify_rules(batch, fm, rules, n);
            } else if (!fm->cookie_mask && fm->new_cookie != OVS_BE64_MAX) {
                /* Nothing to modify: add the flow (OpenFlow 1.0). */
                error = batch_add_flow(batch, fm);
            }
        }
        free(rules);
        return error;

    case OFPFC_DELETE:
    case OFPFC_DELETE_STRICT:
        error = collect_rules(batch, fm, fm->command == OFPFC_DELETE_STRICT,
                              true, &rules, &n);
        /* collect_rules() found only rules visible in the batch's version,
         * so none of them is already being deleted by the batch. */
        for (i = 0; !error && i < n; i++) {
            if (!table_is_writable(batch->ofproto, rules[i]->table_id, fm)) {
                error = OFPERR_OFPBRC_EPERM;
            } else {
                ofproto_batch_add(batch, NULL, rules[i], false);
            }
        }
        free(rules);
        return error;

    default:
        return OFPERR_OFPFMFC_BAD_COMMAND;
    }
}

enum ofperr
ofproto_flow_mod_batch(struct ofproto *ofproto,
                       const struct ofputil_flow_mod *fms, size_t n_fms)
{
    struct ofproto_batch batch;
    enum ofperr error = 0;
    size_t i;

    ovs_mutex_lock(&ofproto_mutex);
    ofproto_batch_start(&batch, ofproto);
    for (i = 0; i < n_fms && !error; i++) {
        error = batch_flow_mod(&batch, &fms[i]);
    }
    if (error) {
        ofproto_batch_revert(&batch);
    } else {
        ofproto_batch_commit(&batch);
    }
    ovs_mutex_unlock(&ofproto_mutex);
    return error;
}

enum ofperr
ofproto_flow_mod(struct ofproto *ofproto, const struct ofputil_flow_mod *fm)
{
    return ofproto_flow_mod_batch(ofproto, fm, 1);
}

/* Initializes 'fm' as a flow mod of 'command' for 'match' at 'priority'
 * in table 0 with the given actions and no other settings. */
static void
flow_mod_init(struct ofputil_flow_mod *fm, const struct match *match,
              int priority, const struct ofpact *ofpacts,
              size_t ofpacts_len, uint16_t command)
{
    memset(fm, 0, sizeof *fm);
    fm->match = *match;
    fm->priority = priority;
    fm->new_cookie = htonll(0);
    fm->table_id = 0;
    fm->command = command;
    fm->buffer_id = UINT32_MAX;
    fm->out_port = OFPP_ANY;
    fm->out_group = OFPG_ANY;
    fm->flags = OFPUTIL_FF_NO_READONLY;
    fm->ofpacts = CONST_CAST(struct ofpact *, ofpacts);
    fm->ofpacts_len = ofpacts_len;
}

void
ofproto_add_flow(struct ofproto *ofproto, const struct match *match,
                 int priority, const struct ofpact *ofpacts,
                 size_t ofpacts_len)
{
    const struct cls_rule *cr;
    struct cls_rule target;
    struct ofputil_flow_mod fm;
    bool same = false;

    /* Adding the same flow again changes nothing (not even the counters),
     * as upstream. */
    cls_rule_init(&target, match, priority);
    cr = classifier_find_rule_exactly(&ofproto->tables[0].cls, &target,
                                      ofproto_get_tables_version(ofproto));
    if (cr) {
        const struct rule *rule = CONTAINER_OF(cr, struct rule, cr);
        const struct rule_actions *actions = rule_get_actions(rule);

        same = ofpacts_equal(actions->ofpacts, actions->ofpacts_len,
                             ofpacts, ofpacts_len);
    }
    cls_rule_destroy(&target);
    if (!same) {
        flow_mod_init(&fm, match, priority, ofpacts, ofpacts_len,
                      OFPFC_MODIFY_STRICT);
        ofproto_flow_mod(ofproto, &fm);
    }
}

void
ofproto_delete_flow(struct ofproto *ofproto, const struct match *target,
                    int priority)
{
    struct ofputil_flow_mod fm;

    flow_mod_init(&fm, target, priority, NULL, 0, OFPFC_DELETE_STRICT);
    ofproto_flow_mod(ofproto, &fm);
}

/* Deletes every rule of 'p' ('all': of hidden tables too). */
static void
ofproto_flush_flows__(struct ofproto *p, bool all)
{
    struct ofproto_batch batch;
    int i;

    ovs_mutex_lock(&ofproto_mutex);
    ofproto_batch_start(&batch, p);
    for (i = 0; i < p->n_tables; i++) {
        struct oftable *table = &p->tables[i];
        struct rule *rule;

        if (!all && table->flags & OFTABLE_HIDDEN) {
            continue;
        }
        CLS_FOR_EACH (rule, cr, &table->cls) {
            if (!rule_is_dead_in_batch(&batch, rule)) {
                ofproto_batch_add(&batch, NULL, rule, false);
            }
        }
    }
    ofproto_batch_commit(&batch);
    ovs_mutex_unlock(&ofproto_mutex);
}

void
ofproto_flush_flows(struct ofproto *p)
{
    ofproto_flush_flows__(p, false);
}

void
ofproto_rules_delete(struct ofproto *ofproto, struct rule **rules, size_t n,
                     uint8_t reason)
{
    struct ofproto_batch batch;
    size_t i;

    ovs_mutex_lock(&ofproto_mutex);
    ofproto_batch_start(&batch, ofproto);
    for (i = 0; i < n; i++) {
        if (!rule_is_dead_in_batch(&batch, rules[i])) {
            struct rule_op *op;

            ofproto_batch_add(&batch, NULL, rules[i], false);
            op = CONTAINER_OF(ovs_list_back(&batch.ops), struct rule_op,
                              node);
            op->reason = reason;
        }
    }
    ofproto_batch_commit(&batch);
    ovs_mutex_unlock(&ofproto_mutex);
}

/* Adds the default rule of table 0: match everything at priority 0 and
 * forward with the NORMAL action. */
static int
ofproto_add_default_rule(struct ofproto *p)
{
    struct ofpbuf ofpacts;
    struct match match;

    ofpbuf_init(&ofpacts, 0);
    ofpact_put_OUTPUT(&ofpacts)->port = OFPP_NORMAL;
    match_init_catchall(&match);
    ofproto_add_flow(p, &match, 0, ofpacts.data, ofpacts.size);
    ofpbuf_uninit(&ofpacts);
    return 0;
}

/* Adds to 'p' the switch's own rules of its internal (hidden, read-only)
 * table 254, as upstream's switch has them: "ovs-ofctl dump-flows BR
 * table=254", bridge/dump-flows and a resubmit to table 254 show them.
 * They are: priority 2, recirc_id=0: drop; priority 0, reg0=1: send to
 * the controller as a table miss; priority 0, reg0=2 and reg0=3: drop
 * (listed in this order). */
static void
ofproto_add_internal_rules(struct ofproto *p)
{
    static const struct {
        int priority;           /* Rule priority. */
        int reg0;               /* Value of reg0 to match, -1 for none. */
        bool controller;        /* Send to the controller (else drop)? */
    } rules[] = {
        /* In reverse order of upstream's listing: the classifier lists
         * the latest first. */
        { 0, 3, false },
        { 0, 2, false },
        { 0, 1, true },
        { 2, -1, false },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(rules); i++) {
        struct ofputil_flow_mod fm;
        struct ofpbuf ofpacts;
        struct match match;

        match_init_catchall(&match);
        if (rules[i].reg0 < 0) {
            match_set_recirc_id(&match, 0);
        } else {
            match_set_reg(&match, 0, rules[i].reg0);
        }
        ofpbuf_init(&ofpacts, 0);
        if (rules[i].controller) {
            struct ofpact_controller *oc = ofpact_put_CONTROLLER(&ofpacts);

            oc->max_len = UINT16_MAX;
            oc->controller_id = 0;
            oc->reason = OFPR_IMPLICIT_MISS;
            oc->meter_id = NX_CTLR_NO_METER;
            ofpact_finish_CONTROLLER(&ofpacts, &oc);
        }
        flow_mod_init(&fm, &match, rules[i].priority, ofpacts.data,
                      ofpacts.size, OFPFC_ADD);
        fm.table_id = OFPROTO_N_TABLES - 1;
        ofproto_flow_mod(p, &fm);
        ofpbuf_uninit(&ofpacts);
    }
}

/* Deletes the rules of 'p' whose idle or hard timeout expired. */
static void
ofproto_expire(struct ofproto *p)
{
    const struct ofproto_class *class = p->ofproto_class;
    long long int now = time_msec();
    struct ofproto_batch batch;
    struct rule *rule;

    if (ovs_list_is_empty(&p->expirable)) {
        return;
    }
    ovs_mutex_lock(&ofproto_mutex);
    ofproto_batch_start(&batch, p);
    LIST_FOR_EACH (rule, expirable, &p->expirable) {
        bool expired = false;

        if (rule->hard_timeout
            && now >= rule->modified + rule->hard_timeout * 1000LL) {
            expired = true;
        } else if (rule->idle_timeout) {
            uint64_t packets, bytes;
            long long int used;

            /* As upstream: idleness counts from the rule's last use (its
             * creation if unused); modifying or re-learning a rule does
             * not make it busy. */
            class->rule_get_stats(rule, &packets, &bytes, &used);
            if (now >= used + rule->idle_timeout * 1000LL) {
                expired = true;
            }
        }
        if (expired && !rule_is_dead_in_batch(&batch, rule)) {
            struct rule_op *op;

            ofproto_batch_add(&batch, NULL, rule, false);
            op = CONTAINER_OF(ovs_list_back(&batch.ops), struct rule_op,
                              node);
            op->reason = (rule->hard_timeout
                          && now >= (rule->modified
                                     + rule->hard_timeout * 1000LL)
                          ? OFPRR_HARD_TIMEOUT : OFPRR_IDLE_TIMEOUT);
        }
    }
    ofproto_batch_commit(&batch);
    ovs_mutex_unlock(&ofproto_mutex);
}

/* Rule queries. */

void
ofproto_rule_get_match(const struct rule *rule, struct match *match)
{
    rule_get_match(rule, match);
}

size_t
ofproto_collect_rules(struct ofproto *ofproto, uint8_t table_id,
                      struct rule ***rulesp)
{
    ovs_version_t version = ofproto_get_tables_version(ofproto);
    struct rule **rules = NULL;
    size_t n = 0, allocated = 0;
    int i;

    for (i = 0; i < ofproto->n_tables; i++) {
        struct rule *rule;

        if (table_id == 0xff
            ? ofproto->tables[i].flags & OFTABLE_HIDDEN
            : i != table_id) {
            continue;
        }
        CLS_FOR_EACH (rule, cr, &ofproto->tables[i].cls) {
            if (cls_rule_visible_in_version(&rule->cr, version)) {
                if (n >= allocated) {
                    allocated = 2 * allocated + 8;
                    rules = xrealloc(rules, allocated * sizeof *rules);
                }
                rules[n++] = rule;
            }
        }
    }
    *rulesp = rules;
    return n;
}

/* OpenFlow messages from controllers and ovs-ofctl (see connmgr.h). */

/* Fills in 'opp' from 'ofport'. */
static void
ofport_to_phy_port(const struct ofport *ofport, struct ofputil_phy_port *opp)
{
    memset(opp, 0, sizeof *opp);
    opp->port_no = ofport->pp.port_no;
    opp->hw_addr = ofport->pp.hw_addr;
    ovs_strlcpy(opp->name, ofport->pp.name, sizeof opp->name);
    opp->config = ofport->pp.config;
    opp->state = ofport->pp.state;
    opp->curr_speed = ofport->pp.curr_speed;
    opp->max_speed = ofport->pp.max_speed;
}

/* Returns the ports of 'p' in the order of its map of ports (the order in
 * which upstream's switch lists them in features, port description, port
 * statistics and queue statistics replies) in a malloc()ed array, and
 * their number in '*n'. */
static struct ofport **
ofproto_hash_ordered_ports(const struct ofproto *p, size_t *n)
{
    struct ofport **ports = xmalloc((hmap_count(&p->ports) + 1)
                                    * sizeof *ports);
    struct ofport *ofport;
    size_t i = 0;

    HMAP_FOR_EACH (ofport, hmap_node, &p->ports) {
        ports[i++] = ofport;
    }
    *n = i;
    return ports;
}

/* Returns the ports of 'p' sorted by OpenFlow port number in a malloc()ed
 * array, and their number in '*n'. */
static struct ofport **
ofproto_sorted_ports(const struct ofproto *p, size_t *n)
{
    struct ofport **ports = ofproto_hash_ordered_ports(p, n);
    size_t i = *n, j, k;

    /* Insertion sort: switches have few ports. */
    for (j = 1; j < i; j++) {
        struct ofport *tmp = ports[j];

        for (k = j; k > 0 && ports[k - 1]->ofp_port > tmp->ofp_port; k--) {
            ports[k] = ports[k - 1];
        }
        ports[k] = tmp;
    }
    *n = i;
    return ports;
}

/* Sends a port status message for 'ofport' with 'reason' (OFPPR_*) to the
 * controllers of its switch. */
static void
ofport_send_status(const struct ofport *ofport, uint8_t reason)
{
    if (ofport->ofproto->connmgr) {
        struct ofputil_phy_port opp;

        ofport_to_phy_port(ofport, &opp);
        connmgr_send_port_status(ofport->ofproto->connmgr, &opp, reason);
    }
}

/* Returns true if 'ofconn' may change the switch's state. */
static bool
ofconn_may_modify(const struct ofconn *ofconn)
{
    return ofconn_get_role(ofconn) != OFPCR12_ROLE_SLAVE;
}

/* Answers an echo request with the same payload. */
static enum ofperr
handle_echo_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    size_t len = ntohs(oh->length) - sizeof *oh;
    struct ofpbuf *reply = ofpraw_alloc_reply(OFPRAW_OFPT_ECHO_REPLY, oh,
                                              len);

    ofpbuf_put(reply, oh + 1, len);
    ofconn_send_reply(ofconn, reply);
    return 0;
}

/* Sends the switch features; OpenFlow 1.0 to 1.2 replies list the ports
 * too (1.3+ controllers ask for the port descriptions separately). */
static enum ofperr
handle_features_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_switch_features features;
    struct ofport **ports;
    struct ofpbuf *reply;
    size_t n, i;

    memset(&features, 0, sizeof features);
    features.datapath_id = p->datapath_id;
    features.n_buffers = 0;
    features.n_tables = 254;
    features.capabilities = (OFPUTIL_C_FLOW_STATS | OFPUTIL_C_TABLE_STATS
                             | OFPUTIL_C_PORT_STATS | OFPUTIL_C_QUEUE_STATS
                             | OFPUTIL_C_ARP_MATCH_IP
                             | OFPUTIL_C_GROUP_STATS | OFPUTIL_C_BUNDLES);
    features.ofp10_actions = 0xfff; /* OFPAT10_OUTPUT...OFPAT10_ENQUEUE. */
    reply = ofputil_encode_switch_features(&features,
                                           ofconn_get_protocol(ofconn),
                                           oh->xid);
    if (ofconn_get_version(ofconn) < OFP13_VERSION) {
        ports = ofproto_hash_ordered_ports(p, &n);
        for (i = 0; i < n; i++) {
            struct ofputil_phy_port opp;

            ofport_to_phy_port(ports[i], &opp);
            ofputil_put_switch_features_port(&opp, reply);
        }
        free(ports);
    }
    ofconn_send_reply(ofconn, reply);
    return 0;
}

/* The switch's fragment handling (OFPT_SET_CONFIG), shared by every
 * switch for now. */
static enum ofputil_frag_handling ofproto_frag_handling = OFPUTIL_FRAG_NORMAL;

/* Sends the switch configuration (fragment handling, the connection's
 * miss_send_len). */
static enum ofperr
handle_get_config_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofputil_switch_config config;

    struct ofconn_async_cfg async;

    ofconn_get_async_config(ofconn, &async);
    config.frag = ofproto_frag_handling;
    /* OpenFlow 1.0 to 1.2's "invalid TTL to controller" flag is the
     * connection's asynchronous config for that reason, as upstream. */
    config.invalid_ttl_to_controller
        = (async.packet_in[0] & (1u << OFPR_INVALID_TTL)) != 0;
    config.miss_send_len = ofconn_get_miss_send_len(ofconn);
    ofconn_send_reply(ofconn, ofputil_encode_get_config_reply(oh, &config));
    return 0;
}

/* Sets the fragment handling (normal or drop) and the connection's
 * miss_send_len. */
static enum ofperr
handle_set_config(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofputil_switch_config config;
    enum ofperr error;

    error = ofputil_decode_set_config(oh, &config);
    if (error) {
        return error;
    }
    if (ofconn_may_modify(ofconn)
        && (config.frag == OFPUTIL_FRAG_NORMAL
            || config.frag == OFPUTIL_FRAG_DROP)) {
        ofproto_frag_handling = config.frag;
    }
    if (config.invalid_ttl_to_controller >= 0) {
        struct ofconn_async_cfg async;
        uint32_t bit = 1u << OFPR_INVALID_TTL;

        ofconn_get_async_config(ofconn, &async);
        if (!(async.packet_in[0] & bit) != !config.invalid_ttl_to_controller) {
            async.packet_in[0] ^= bit;
            ofconn_set_async_config(ofconn, &async);
        }
    }
    ofconn_set_miss_send_len(ofconn, config.miss_send_len);
    return 0;
}

/* Answers a barrier: every earlier request has been handled already. */
static enum ofperr
handle_barrier_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    enum ofpraw raw = (oh->version == OFP10_VERSION
                       ? OFPRAW_OFPT10_BARRIER_REPLY
                       : OFPRAW_OFPT11_BARRIER_REPLY);

    ofconn_send_reply(ofconn, ofpraw_alloc_reply(raw, oh, 0));
    return 0;
}

/* Sends the switch description, as upstream's. */
static enum ofperr
handle_desc_stats_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofputil_switch_desc desc;

    memset(&desc, 0, sizeof desc);
    ovs_strlcpy(desc.mfr_desc, "Nicira, Inc.", sizeof desc.mfr_desc);
    ovs_strlcpy(desc.hw_desc, "Open vSwitch", sizeof desc.hw_desc);
    ovs_strlcpy(desc.sw_desc, PACKAGE_VERSION, sizeof desc.sw_desc);
    ovs_strlcpy(desc.serial_num, "None", sizeof desc.serial_num);
    ovs_strlcpy(desc.dp_desc, "None", sizeof desc.dp_desc);
    ofconn_send_reply(ofconn, ofputil_encode_switch_desc(&desc, oh));
    return 0;
}

/* Sends the descriptions of every port (or of the one requested), in port
 * number order. */
static enum ofperr
handle_port_desc_stats_request(struct ofconn *ofconn,
                               const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ovs_list replies;
    struct ofport **ports;
    ofp_port_t port_no;
    enum ofperr error;
    size_t n, i;

    error = ofputil_decode_port_desc_stats_request(oh, &port_no);
    if (error) {
        return error;
    }
    ofpmp_init(&replies, oh);
    ports = ofproto_hash_ordered_ports(p, &n);
    for (i = 0; i < n; i++) {
        if (port_no == OFPP_ANY || port_no == OFPP_NONE
            || port_no == ports[i]->ofp_port) {
            struct ofputil_phy_port opp;

            ofport_to_phy_port(ports[i], &opp);
            ofputil_append_port_desc_stats_reply(&opp, &replies);
        }
    }
    free(ports);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* Sends the statistics of every port (or of the one requested). */
static enum ofperr
handle_port_stats_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    long long int now = time_msec();
    struct ovs_list replies;
    struct ofport **ports;
    ofp_port_t port_no;
    enum ofperr error;
    size_t n, i;

    error = ofputil_decode_port_stats_request(oh, &port_no);
    if (error) {
        return error;
    }
    ofpmp_init(&replies, oh);
    ports = ofproto_hash_ordered_ports(p, &n);
    for (i = 0; i < n; i++) {
        if (port_no == OFPP_ANY || port_no == OFPP_NONE
            || port_no == ports[i]->ofp_port) {
            struct ofputil_port_stats ops;
            long long int age = now - ports[i]->created;

            memset(&ops, 0, sizeof ops);
            ops.port_no = ports[i]->ofp_port;
            if (ofproto_port_get_stats(ports[i], &ops.stats)) {
                memset(&ops.stats, 0xff, sizeof ops.stats);
            }
            ops.duration_sec = age / 1000;
            ops.duration_nsec = (age % 1000) * 1000 * 1000;
            if (oh->version >= OFP14_VERSION) {
                /* OpenFlow 1.4+ carries the device's custom counters. */
                struct netdev_custom_stats custom;
                size_t j;

                netdev_get_custom_stats(ports[i]->netdev, &custom);
                for (j = 0; j < custom.size
                            && j < OFPUTIL_PORT_STATS_MAX_CUSTOM; j++) {
                    ovs_strlcpy(ops.custom[j].name, custom.counters[j].name,
                                sizeof ops.custom[j].name);
                    ops.custom[j].value = custom.counters[j].value;
                }
                ops.n_custom = j;
                netdev_free_custom_stats_counters(&custom);
            }
            ofputil_append_port_stat(&replies, &ops);
        }
    }
    free(ports);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* Stores in '*n' the number of hidden flows in table 0 of 'p' (fail-open)
 * and in '*packets' the packets they matched. */
static void
ofproto_count_hidden(struct ofproto *p, unsigned int *n, uint64_t *packets)
{
    static const int priorities[] = { FAIL_OPEN_PRIORITY };
    ovs_version_t version = ofproto_get_tables_version(p);
    size_t i;

    *n = 0;
    *packets = 0;
    for (i = 0; i < ARRAY_SIZE(priorities); i++) {
        const struct cls_rule *cr;
        struct cls_rule target;
        struct match match;

        match_init_catchall(&match);
        cls_rule_init(&target, &match, priorities[i]);
        cr = classifier_find_rule_exactly(&p->tables[0].cls, &target,
                                          version);
        cls_rule_destroy(&target);
        if (cr) {
            struct rule *rule = CONTAINER_OF(cr, struct rule, cr);
            uint64_t rule_packets, rule_bytes;
            long long int used;

            p->ofproto_class->rule_get_stats(rule, &rule_packets,
                                             &rule_bytes, &used);
            (*n)++;
            *packets += rule_packets;
        }
    }
}

/* Sends the statistics of tables 0 to 253 (table 254 is internal). */
static enum ofperr
handle_table_stats_request(struct ofconn *ofconn,
                           const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofpbuf *reply = ofputil_encode_table_stats_reply(oh);
    int i;

    for (i = 0; i < p->n_tables; i++) {
        const struct oftable *table = &p->tables[i];
        struct ofputil_table_features features;
        struct ofputil_table_stats stats;
        uint64_t matched, missed;

        if (i >= 254 || table->flags & OFTABLE_HIDDEN) {
            /* Table 254 exists internally but is not advertised. */
            continue;
        }
        ofputil_table_features_init_ovs(&features, i, 253);
        features.miss_config = (enum ofputil_table_miss)
            __atomic_load_n(&table->miss_config, __ATOMIC_RELAXED);

        matched = __atomic_load_n(&table->n_matched, __ATOMIC_RELAXED);
        missed = __atomic_load_n(&table->n_missed, __ATOMIC_RELAXED);
        stats.table_id = i;
        stats.active_count = oftable_count(table);
        if (i == 0) {
            /* The hidden flows are not flows for controllers, and packets
             * that only they matched missed the table. */
            uint64_t hidden_packets = 0;
            unsigned int n_hidden = 0;

            ofproto_count_hidden(p, &n_hidden, &hidden_packets);
            stats.active_count -= MIN(n_hidden, stats.active_count);
            hidden_packets = MIN(hidden_packets, matched);
            matched -= hidden_packets;
            missed += hidden_packets;
        }
        stats.lookup_count = matched + missed;
        stats.matched_count = matched;
        ofputil_append_table_stats_reply(reply, &stats, &features);
    }
    ofconn_send_reply(ofconn, reply);
    return 0;
}

/* Sends the features of tables 0 to 253; changing them is not supported. */
static enum ofperr
handle_table_features_request(struct ofconn *ofconn,
                              const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ovs_list replies;
    int i;

    if (ntohs(oh->length) > sizeof(struct ofp11_stats_msg)) {
        /* Changing table features is not supported. */
        return OFPERR_OFPTFFC_EPERM;
    }
    ofpmp_init(&replies, oh);
    for (i = 0; i < p->n_tables && i < 254; i++) {
        struct ofputil_table_features features;

        ofputil_table_features_init_ovs(&features, i, 253);
        ofputil_append_table_features_reply(&features, &replies);
    }
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* Decodes the flow mod 'oh' received on 'ofconn' into 'fm', with its
 * actions in 'ofpacts', and checks it: the role, the table, the actions
 * against the match, the buffer id and, if 'check_groups', the groups the
 * actions refer to.  On error, 'ofpacts' may hold data: the caller always
 * uninitializes it. */
static enum ofperr
decode_flow_mod_checked(struct ofconn *ofconn, const struct ofp_header *oh,
                        struct ofputil_flow_mod *fm, struct ofpbuf *ofpacts,
                        bool check_groups)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    enum ofperr error;

    if (!ofconn_may_modify(ofconn)) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    error = ofputil_decode_flow_mod(fm, oh, ofconn_get_protocol(ofconn),
                                    NULL, NULL, ofpacts, p->max_ports,
                                    p->n_tables);
    if (!error && fm->table_id == OFPROTO_N_TABLES - 1
        && fm->command != OFPFC_DELETE_STRICT) {
        /* The last table is internal, as upstream's, which also holds
         * internal flows there: every change is refused, but a strict
         * delete that matches none of them (here, none at all) does
         * nothing. */
        error = OFPERR_OFPBRC_EPERM;
    }
    if (!error && fm->command == OFPFC_ADD
        && ofconn_get_protocol(ofconn) & (OFPUTIL_P_OF10_ANY
                                          | OFPUTIL_P_OF11_STD)) {
        /* Versions without the flag always reset counters on add. */
        fm->flags |= OFPUTIL_FF_RESET_COUNTS;
    }
    if (!error) {
        struct ofpact_check_params cp = {
            .match = &fm->match,
            .max_ports = p->max_ports,
            .table_id = fm->table_id == 0xff ? 0 : fm->table_id,
            .n_tables = p->n_tables,
        };

        error = ofpacts_check_consistency(fm->ofpacts, fm->ofpacts_len,
                                          ofconn_get_protocol(ofconn), &cp);
    }
    if (!error && check_groups && fm->command != OFPFC_DELETE
        && fm->command != OFPFC_DELETE_STRICT) {
        error = ofproto_group_check_ofpacts(p, fm->ofpacts,
                                            fm->ofpacts_len);
    }
    if (!error && fm->buffer_id != UINT32_MAX
        && fm->command != OFPFC_DELETE
        && fm->command != OFPFC_DELETE_STRICT) {
        /* The switch buffers no packets (n_buffers:0), so, as upstream's,
         * it refuses the flow mod. */
        error = OFPERR_OFPBRC_BUFFER_UNKNOWN;
    }
    return error;
}

/* Applies a flow mod through ofproto_flow_mod(), after checking the role
 * and the actions against the match. */
static enum ofperr
handle_flow_mod(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_flow_mod fm;
    uint64_t ofpacts_stub[1024 / 8];
    struct ofpbuf ofpacts;
    enum ofperr error;

    ofpbuf_use_stub(&ofpacts, ofpacts_stub, sizeof ofpacts_stub);
    error = decode_flow_mod_checked(ofconn, oh, &fm, &ofpacts, true);
    if (!error) {
        ofmonitor_set_origin(ofconn, oh->xid);
        error = ofproto_flow_mod(p, &fm);
        ofmonitor_clear_origin();
    }
    ofpbuf_uninit(&ofpacts);
    return error;
}

/* Checks the flow mod 'oh', a message that 'ofconn' adds to a bundle, as
 * far as it can be checked before the bundle's commit (see
 * ofproto/bundles.h). */
enum ofperr
ofproto_bundle_check_flow_mod(struct ofconn *ofconn,
                              const struct ofp_header *oh)
{
    struct ofputil_flow_mod fm;
    uint64_t ofpacts_stub[1024 / 8];
    struct ofpbuf ofpacts;
    enum ofperr error;

    ofpbuf_use_stub(&ofpacts, ofpacts_stub, sizeof ofpacts_stub);
    error = decode_flow_mod_checked(ofconn, oh, &fm, &ofpacts, false);
    ofpbuf_uninit(&ofpacts);
    return error;
}

static enum ofperr handle_openflow__(struct ofconn *,
                                     const struct ofp_header *);

/* Returns true if 'oh' is a group mod that deletes groups (and with them
 * the flows that use them). */
static bool
is_group_delete(const struct ofp_header *oh)
{
    struct ofputil_group_mod gm;
    bool is_delete;

    if (ofputil_decode_group_mod(oh, &gm)) {
        return false;
    }
    is_delete = gm.command == OFPGC11_DELETE;
    ofputil_uninit_group_mod(&gm);
    return is_delete;
}

/* Commits the 'n' messages 'msgs' of a bundle of 'ofconn' (see
 * ofproto/bundles.h), in order.  The flow mods become visible together, in
 * one version of the flow tables, or not at all; group mods are undone if
 * a later message fails.  Exceptions: a group mod that deletes groups (and
 * so the flows that use them), a port mod or a packet-out first publishes
 * the flow mods before it, which then stay if a later message fails; port
 * mods and packet-outs take effect in their turn and stay.  On error,
 * stores in '*failed' the index of the message that failed. */
enum ofperr
ofproto_bundle_commit(struct ofconn *ofconn, const struct ofp_header **msgs,
                      size_t n, size_t *failed)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofproto_group_snapshot *groups = NULL;
    struct ofproto_batch batch;
    enum ofperr error = 0;
    size_t i;

    ovs_mutex_lock(&ofproto_mutex);
    ofproto_batch_start(&batch, p);
    for (i = 0; i < n && !error; i++) {
        struct ofputil_flow_mod fm;
        uint64_t ofpacts_stub[1024 / 8];
        struct ofpbuf ofpacts;
        enum ofptype type;

        if (!ofptype_decode(&type, msgs[i]) && type != OFPTYPE_FLOW_MOD) {
            if (type == OFPTYPE_GROUP_MOD && !groups) {
                groups = ofproto_group_snapshot_create(p);
            }
            if (type == OFPTYPE_GROUP_MOD && !is_group_delete(msgs[i])) {
                /* Changes only the group table (under 'group_mutex'):
                 * the staged flow mods stay staged. */
                error = handle_openflow__(ofconn, msgs[i]);
            } else {
                /* A group delete (which deletes flows in a version of its
                 * own), a port mod or a packet-out (which may run learn
                 * actions) needs 'ofproto_mutex' released, and nothing
                 * staged meanwhile, lest another thread's flow mod publish
                 * it: publish what comes before first. */
                ofproto_batch_commit(&batch);
                ovs_mutex_unlock(&ofproto_mutex);
                error = handle_openflow__(ofconn, msgs[i]);
                ovs_mutex_lock(&ofproto_mutex);
                ofproto_batch_start(&batch, p);
            }
            if (error) {
                *failed = i;
            }
            continue;
        }
        ofpbuf_use_stub(&ofpacts, ofpacts_stub, sizeof ofpacts_stub);
        error = decode_flow_mod_checked(ofconn, msgs[i], &fm, &ofpacts, true);
        if (!error) {
            error = batch_flow_mod(&batch, &fm);
        }
        ofpbuf_uninit(&ofpacts);
        if (error) {
            *failed = i;
        }
    }
    if (error) {
        ofproto_batch_revert(&batch);
    } else {
        ofproto_batch_commit(&batch);
    }
    ovs_mutex_unlock(&ofproto_mutex);
    if (error && groups) {
        ofproto_group_snapshot_restore(p, groups);
    } else {
        ofproto_group_snapshot_destroy(groups);
    }
    return error;
}

/* Returns true if 'rule' passes the filters of 'fsr'. */
static bool
rule_matches_fsr(const struct rule *rule,
                 const struct ofputil_flow_stats_request *fsr)
{
    const struct rule_actions *actions = rule_get_actions(rule);

    if ((rule->flow_cookie ^ fsr->cookie) & fsr->cookie_mask) {
        return false;
    }
    if (fsr->out_port != OFPP_ANY && fsr->out_port != OFPP_NONE
        && !rule_actions_output_to_port(actions, fsr->out_port)) {
        return false;
    }
    if (fsr->out_group != OFPG_ANY
        && !ofpacts_output_to_group(actions->ofpacts, actions->ofpacts_len,
                                    fsr->out_group)) {
        return false;
    }
    return true;
}

bool
ofproto_rule_is_loose_match(const struct rule *rule,
                            const struct match *criteria)
{
    const uint64_t *cf = flow_u64_const(&criteria->flow);
    const uint64_t *cm = flow_u64_const(&criteria->wc.masks);
    const uint64_t *rf, *rm;
    struct match rule_match;
    size_t i;

    rule_get_match(rule, &rule_match);
    rf = flow_u64_const(&rule_match.flow);
    rm = flow_u64_const(&rule_match.wc.masks);
    for (i = 0; i < FLOW_U64S; i++) {
        if ((rm[i] & cm[i]) != cm[i] || (rf[i] ^ cf[i]) & cm[i]) {
            return false;
        }
    }
    return true;
}

/* Stores in '*criteria' the match of 'fsr' as rules' matches compare with
 * it.  Returns true if it matches everything. */
static bool
fsr_criteria(const struct ofputil_flow_stats_request *fsr,
             struct match *criteria)
{
    *criteria = fsr->match;
    if (!criteria->flow.packet_type
        && criteria->wc.masks.packet_type == htonl(UINT32_MAX)) {
        /* The decoders make "Ethernet" explicit; rules leave it implicit. */
        criteria->wc.masks.packet_type = 0;
    }
    /* A dump of everything (the common case) need not expand each rule's
     * match to compare it with the criteria. */
    return flow_wildcards_is_catchall(&criteria->wc);
}

/* Returns true if 'fsr', whose match is 'criteria' ('catchall' if it
 * matches everything, see fsr_criteria()), selects 'rule', a rule visible
 * in the current version. */
static bool
fsr_selects_rule(const struct ofputil_flow_stats_request *fsr,
                 const struct rule *rule, const struct match *criteria,
                 bool catchall)
{
    return (rule->cr.priority >= 0
            && rule->cr.priority <= UINT16_MAX
            && (catchall || ofproto_rule_is_loose_match(rule, criteria))
            && rule_matches_fsr(rule, fsr));
}

/* Collects the rules that 'fsr' selects into '*rulesp' (malloc()ed), in
 * table order, and returns how many, or an error. */
static enum ofperr
collect_fsr_rules(struct ofproto *p,
                  const struct ofputil_flow_stats_request *fsr,
                  struct rule ***rulesp, size_t *np)
{
    ovs_version_t version = ofproto_get_tables_version(p);
    size_t n = 0, allocated = 0;
    struct rule **rules = NULL;
    struct match criteria;
    bool catchall;
    int i;

    *rulesp = NULL;
    *np = 0;
    if (fsr->table_id != 0xff && fsr->table_id >= p->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    catchall = fsr_criteria(fsr, &criteria);
    for (i = 0; i < p->n_tables; i++) {
        struct rule *rule;

        if (fsr->table_id == 0xff
            ? p->tables[i].flags & OFTABLE_HIDDEN
            : i != fsr->table_id) {
            continue;
        }
        CLS_FOR_EACH_TARGET (rule, cr, &p->tables[i].cls, NULL, version) {
            if (fsr_selects_rule(fsr, rule, &criteria, catchall)) {
                if (n >= allocated) {
                    allocated = 2 * allocated + 8;
                    rules = xrealloc(rules, allocated * sizeof *rules);
                }
                rules[n++] = rule;
            }
        }
    }
    *rulesp = rules;
    *np = n;
    return 0;
}

/* Appends the flow stats of 'rule', a rule of 'p', at 'now', to the
 * multipart replies 'replies'. */
static void
append_flow_stats(struct ofproto *p, const struct rule *rule,
                  long long int now, struct ovs_list *replies)
{
    const struct rule_actions *actions = rule_get_actions(rule);
    struct ofputil_flow_stats fs;
    long long int used = 0;

    memset(&fs, 0, sizeof fs);
    rule_get_match(rule, &fs.match);
    fs.priority = rule->cr.priority;
    fs.cookie = rule->flow_cookie;
    fs.table_id = rule->table_id;
    fs.duration_sec = (now - rule->created) / 1000;
    fs.duration_nsec = (now - rule->created) % 1000 * 1000 * 1000;
    fs.idle_timeout = rule->idle_timeout;
    fs.hard_timeout = rule->hard_timeout;
    fs.importance = rule->importance;
    p->ofproto_class->rule_get_stats(CONST_CAST(struct rule *, rule),
                                     &fs.packet_count, &fs.byte_count,
                                     &used);
    fs.hard_age = (now - rule->modified) / 1000;
    fs.idle_age = (now - used) / 1000;
    fs.flags = rule->flags & (OFPUTIL_FF_SEND_FLOW_REM
                              | OFPUTIL_FF_RESET_COUNTS
                              | OFPUTIL_FF_NO_PKT_COUNTS
                              | OFPUTIL_FF_NO_BYT_COUNTS);
    fs.ofpacts = actions->ofpacts;
    fs.ofpacts_len = actions->ofpacts_len;
    ofputil_append_flow_stats_reply(&fs, replies, NULL);
}

/* Sends the flows that a flow stats request selects, split into as many
 * multipart replies as needed. */
static enum ofperr
handle_flow_stats_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    ovs_version_t version = ofproto_get_tables_version(p);
    struct ofputil_flow_stats_request fsr;
    long long int now = time_msec();
    struct ovs_list replies;
    struct match criteria;
    enum ofperr error;
    struct rule *rule;
    bool catchall;
    int t;

    error = ofputil_decode_flow_stats_request(&fsr, oh, NULL, NULL);
    if (error) {
        return error;
    }
    if (fsr.table_id != 0xff && fsr.table_id >= p->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    catchall = fsr_criteria(&fsr, &criteria);

    /* One pass over the tables, encoding each rule as it is found, so that
     * the first replies leave at once (flow mods, learned flows included,
     * run in this thread: nothing changes the tables meanwhile). */
    ofpmp_init(&replies, oh);
    for (t = 0; t < p->n_tables; t++) {
        if (fsr.table_id == 0xff
            ? p->tables[t].flags & OFTABLE_HIDDEN
            : t != fsr.table_id) {
            continue;
        }
        CLS_FOR_EACH_TARGET (rule, cr, &p->tables[t].cls, NULL, version) {
            if (fsr_selects_rule(&fsr, rule, &criteria, catchall)) {
                append_flow_stats(p, rule, now, &replies);

                /* Every part but the last is complete: send it now, so
                 * that the controller reads a big dump while the rest is
                 * encoded. */
                while (!ovs_list_is_short(&replies)) {
                    ofconn_send_reply(ofconn, ofpmp_pop(&replies));
                }
            }
        }
    }
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* Sends the totals of the flows that an aggregate stats request selects. */
static enum ofperr
handle_aggregate_stats_request(struct ofconn *ofconn,
                               const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_flow_stats_request fsr;
    struct ofputil_aggregate_stats stats;
    struct rule **rules;
    enum ofperr error;
    size_t n, i;

    error = ofputil_decode_flow_stats_request(&fsr, oh, NULL, NULL);
    if (!error) {
        error = collect_fsr_rules(p, &fsr, &rules, &n);
    }
    if (error) {
        return error;
    }
    memset(&stats, 0, sizeof stats);
    for (i = 0; i < n; i++) {
        uint64_t packets, bytes;
        long long int used;

        p->ofproto_class->rule_get_stats(rules[i], &packets, &bytes, &used);
        stats.packet_count += packets;
        stats.byte_count += bytes;
        stats.flow_count++;
    }
    free(rules);
    ofconn_send_reply(ofconn, ofputil_encode_aggregate_stats_reply(&stats,
                                                                   oh));
    return 0;
}

/* Handles OpenFlow 1.2+ and Nicira role requests: changes the
 * connection's role (a new master demotes the others) and replies with
 * the role in effect. */
static enum ofperr
handle_role_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    enum ofp12_controller_role role;
    uint64_t generation_id = UINT64_MAX;
    enum ofpraw raw, reply_raw;
    struct ofpbuf b, *reply;
    enum ofperr error;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }
    if (raw == OFPRAW_NXT_ROLE_REQUEST) {
        const struct nx_role_request *nrr = ofpbuf_try_pull(&b, sizeof *nrr);
        uint32_t nx_role = nrr ? ntohl(nrr->role) : UINT32_MAX;

        if (nx_role > 2) {
            return OFPERR_OFPRRFC_BAD_ROLE;
        }
        role = (nx_role == 0 ? OFPCR12_ROLE_EQUAL
                : nx_role == 1 ? OFPCR12_ROLE_MASTER
                : OFPCR12_ROLE_SLAVE);
        reply_raw = OFPRAW_NXT_ROLE_REPLY;
    } else {
        const struct ofp12_role_request *orr = ofpbuf_try_pull(&b,
                                                               sizeof *orr);

        if (!orr || ntohl(orr->role) > OFPCR12_ROLE_SLAVE) {
            return OFPERR_OFPRRFC_BAD_ROLE;
        }
        role = ntohl(orr->role);
        generation_id = be64toh(orr->generation_id);
        reply_raw = OFPRAW_OFPT12_ROLE_REPLY;
    }
    if (role == OFPCR12_ROLE_MASTER || role == OFPCR12_ROLE_SLAVE) {
        if (raw != OFPRAW_NXT_ROLE_REQUEST
            && !ofconn_set_master_election_id(ofconn, generation_id)) {
            return OFPERR_OFPRRFC_STALE;
        }
    }
    if (role != OFPCR12_ROLE_NOCHANGE) {
        ofconn_set_role(ofconn, role);
    }
    role = ofconn_get_role(ofconn);

    reply = ofpraw_alloc_reply(reply_raw, oh, 0);
    if (reply_raw == OFPRAW_NXT_ROLE_REPLY) {
        struct nx_role_request *nrr = ofpbuf_put_zeros(reply, sizeof *nrr);

        nrr->role = htonl(role == OFPCR12_ROLE_MASTER ? 1
                          : role == OFPCR12_ROLE_SLAVE ? 2 : 0);
    } else {
        struct ofp12_role_request *orr = ofpbuf_put_zeros(reply,
                                                          sizeof *orr);

        orr->role = htonl(role);
        orr->generation_id = htobe64(ofconn_get_master_election_id(ofconn));
    }
    ofconn_send_reply(ofconn, reply);
    return 0;
}

/* NXT_SET_FLOW_FORMAT: switches the connection between the OpenFlow 1.0
 * match and NXM, keeping the table id extension setting. */
static enum ofperr
handle_set_flow_format(struct ofconn *ofconn, const struct ofp_header *oh)
{
    enum nx_flow_format format = ofputil_decode_nx_set_flow_format(oh);
    enum ofputil_protocol cur, base;

    if (!ofputil_nx_flow_format_is_valid(format)) {
        return OFPERR_OFPBRC_EPERM;
    }
    cur = ofconn_get_protocol(ofconn);
    base = ofputil_nx_flow_format_to_protocol(format);
    ofconn_set_protocol(ofconn, ofputil_protocol_set_base(cur, base));
    return 0;
}

/* NXT_FLOW_MOD_TABLE_ID: lets OpenFlow 1.0 flow mods name a table. */
static enum ofperr
handle_nxt_flow_mod_table_id(struct ofconn *ofconn,
                             const struct ofp_header *oh)
{
    bool enable = ofputil_decode_nx_flow_mod_table_id(oh);

    ofconn_set_protocol(ofconn,
                        ofputil_protocol_set_tid(ofconn_get_protocol(ofconn),
                                                 enable));
    return 0;
}

/* NXT_SET_PACKET_IN_FORMAT: chooses the connection's packet-in format. */
static enum ofperr
handle_set_packet_in_format(struct ofconn *ofconn,
                            const struct ofp_header *oh)
{
    enum ofputil_packet_in_format format;
    enum ofperr error;

    error = ofputil_decode_set_packet_in_format(oh, &format);
    if (!error) {
        ofconn_set_packet_in_format(ofconn, format);
    }
    return error;
}

/* NXT_SET_CONTROLLER_ID: sets the connection's controller id. */
static enum ofperr
handle_set_controller_id(struct ofconn *ofconn, const struct ofp_header *oh)
{
    const struct nx_controller_id *nci = ofpmsg_body(oh);

    if (ntohs(oh->length) < 16 + sizeof *nci) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ofconn_set_controller_id(ofconn, ntohs(nci->controller_id));
    return 0;
}

/* Handles Weft's WFTT_STOP_ON_ERROR (include/openflow/weft-ext.h). */
static enum ofperr
handle_stop_on_error(struct ofconn *ofconn, const struct ofp_header *oh)
{
    enum ofperr error;
    bool enable;

    error = ofputil_decode_stop_on_error(oh, &enable);
    if (!error) {
        ofconn_set_stop_on_error(ofconn, enable);
    }
    return error;
}

/* Checks the actions of packet-out 'po' against the packet's own flow, as
 * upstream's switch does (e.g. "set_vlan_vid" needs a VLAN header, and
 * OFPBAC_MATCH_INCONSISTENT says the packet lacks one).  Returns 0 or an
 * OFPERR_* value. */
static enum ofperr
packet_out_check_actions(const struct ofproto *p, const struct ofconn *ofconn,
                         struct ofputil_packet_out *po)
{
    struct ofpact_check_params cp;
    struct dp_packet packet;
    struct match match;
    struct flow flow;

    dp_packet_use_const(&packet, po->packet, po->packet_len);
    flow_extract(&packet, &flow);
    flow.in_port.ofp_port = po->flow_metadata.flow.in_port.ofp_port;
    match_wc_init(&match, &flow);

    memset(&cp, 0, sizeof cp);
    cp.match = &match;
    cp.max_ports = p->max_ports;
    cp.table_id = 0;
    cp.n_tables = p->n_tables;
    return ofpacts_check_consistency(po->ofpacts, po->ofpacts_len,
                                     ofconn_get_protocol(ofconn), &cp);
}

/* Executes a packet-out (unbuffered packets only: the switch has no
 * buffers) through the provider. */
static enum ofperr
handle_packet_out(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_packet_out po;
    uint64_t ofpacts_stub[1024 / 8];
    struct ofpbuf ofpacts;
    enum ofperr error;

    if (!ofconn_may_modify(ofconn)) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    ofpbuf_use_stub(&ofpacts, ofpacts_stub, sizeof ofpacts_stub);
    error = ofputil_decode_packet_out(&po, oh, NULL, &ofpacts);
    if (!error && po.buffer_id != UINT32_MAX) {
        error = OFPERR_OFPBRC_BUFFER_UNKNOWN;
    }
    if (!error) {
        /* The meters of the actions (OpenFlow 1.5) must exist. */
        error = ofproto_meters_bind_ofpacts(p, po.ofpacts, po.ofpacts_len);
    }
    if (!error) {
        /* So must the groups (OFPBAC_BAD_OUT_GROUP, as upstream). */
        error = ofproto_group_check_ofpacts(p, po.ofpacts, po.ofpacts_len);
    }
    if (!error) {
        ofp_port_t in_port = po.flow_metadata.flow.in_port.ofp_port;

        if (in_port >= p->max_ports && in_port < OFPP_MAX) {
            error = OFPERR_OFPBRC_BAD_PORT;
        } else if ((error = packet_out_check_actions(p, ofconn, &po))) {
            /* Actions inconsistent with the packet. */
        } else if (!p->ofproto_class->packet_out) {
            error = OFPERR_OFPBRC_BAD_TYPE;
        } else {
            error = p->ofproto_class->packet_out(p, &po);
        }
    }
    ofpbuf_uninit(&ofpacts);
    return error;
}

/* Resumes a pipeline paused by "controller(pause)" in this bridge. */
static enum ofperr
handle_nxt_resume(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_packet_in_private pin;
    enum ofperr error;

    if (!ofconn_may_modify(ofconn)) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    error = ofputil_decode_packet_in_private(oh, false, NULL, NULL, &pin,
                                             NULL, NULL);
    if (error) {
        return error;
    }
    error = (p->ofproto_class->nxt_resume
             ? p->ofproto_class->nxt_resume(p, &pin)
             : OFPERR_NXR_NOT_SUPPORTED);
    ofputil_packet_in_private_destroy(&pin);
    return error;
}

/* Changes a port's configuration bits (port down, no_recv, no_fwd,
 * no_packet_in, OpenFlow 1.0's no_flood) and tells the controllers. */
static enum ofperr
handle_port_mod(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_port_mod pm;
    struct ofport *ofport;
    enum ofperr error;
    uint32_t old_config, new_config, changed;

    if (!ofconn_may_modify(ofconn)) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    error = ofputil_decode_port_mod(oh, &pm, false);
    if (error) {
        return error;
    }
    ofport = ofproto_get_port(p, pm.port_no);
    if (!ofport) {
        return OFPERR_OFPPMFC_BAD_PORT;
    }
    if (memcmp(&ofport->pp.hw_addr, &pm.hw_addr, sizeof pm.hw_addr)) {
        return OFPERR_OFPPMFC_BAD_HW_ADDR;
    }
    old_config = ofport->pp.config;
    new_config = (old_config & ~pm.mask) | (pm.config & pm.mask);
    new_config &= (OFPROTO_PC_PORT_DOWN | OFPROTO_PC_NO_RECV
                   | OFPROTO_PC_NO_FWD | OFPROTO_PC_NO_PACKET_IN
                   | OFPUTIL_PC_NO_FLOOD);
    changed = old_config ^ new_config;
    if (!changed) {
        return 0;
    }
    if (changed & OFPROTO_PC_PORT_DOWN) {
        if (new_config & OFPROTO_PC_PORT_DOWN) {
            netdev_turn_flags_off(ofport->netdev, NETDEV_UP, NULL);
        } else {
            netdev_turn_flags_on(ofport->netdev, NETDEV_UP, NULL);
        }
    }
    ofport->pp.config = new_config;
    if (p->ofproto_class->port_reconfigured) {
        p->ofproto_class->port_reconfigured(ofport, old_config);
    }
    ofport_send_status(ofport, OFPPR_MODIFY);
    return 0;
}

/* Sends the statistics of queue 0 of every port (or of the one
 * requested): the switch has no QoS, so every port has only its default
 * queue, with unknown counters. */
static enum ofperr
handle_queue_stats_request(struct ofconn *ofconn,
                           const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_queue_stats_request oqsr;
    struct ovs_list replies;
    struct ofport **ports;
    enum ofperr error;
    size_t n, i;

    error = ofputil_decode_queue_stats_request(oh, &oqsr);
    if (error) {
        return error;
    }
    if (oqsr.port_no != OFPP_ANY && oqsr.port_no != OFPP_NONE
        && !ofproto_get_port(p, oqsr.port_no)) {
        return OFPERR_OFPQOFC_BAD_PORT;
    }
    if (oqsr.queue_id != OFPQ_ALL && oqsr.queue_id != 0) {
        return OFPERR_OFPQOFC_BAD_QUEUE;
    }
    ofpmp_init(&replies, oh);
    ports = ofproto_hash_ordered_ports(p, &n);
    for (i = 0; i < n; i++) {
        if (oqsr.port_no == OFPP_ANY || oqsr.port_no == OFPP_NONE
            || oqsr.port_no == ports[i]->ofp_port) {
            struct ofputil_queue_stats oqs;

            memset(&oqs, 0, sizeof oqs);
            oqs.port_no = ports[i]->ofp_port;
            oqs.queue_id = 0;
            oqs.tx_bytes = oqs.tx_packets = oqs.tx_errors = UINT64_MAX;
            oqs.duration_sec = oqs.duration_nsec = UINT32_MAX;
            ofputil_append_queue_stat(&replies, &oqs);
        }
    }
    free(ports);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* OFPT_QUEUE_GET_CONFIG_REQUEST (OpenFlow 1.0-1.3) and OFPMP_QUEUE_DESC
 * (1.4+): as upstream's switch without QoS configured, every port has one
 * queue, 0, without rates; OFPP_ANY lists every port's. */
static enum ofperr
handle_queue_get_config_request(struct ofconn *ofconn,
                                const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_queue_config *qcs;
    struct ofport **ports;
    enum ofperr error;
    ofp_port_t port;
    uint32_t queue;
    size_t n, n_qcs, i;

    error = ofputil_decode_queue_get_config_request(oh, &port, &queue);
    if (error) {
        return error;
    }
    if (port != OFPP_ANY && !ofproto_get_port(p, port)) {
        return OFPERR_OFPQOFC_BAD_PORT;
    }
    if (queue != OFPQ_ALL && queue != 0) {
        return OFPERR_OFPQOFC_BAD_QUEUE;
    }
    ports = ofproto_sorted_ports(p, &n);
    qcs = xmalloc((n + 1) * sizeof *qcs);
    n_qcs = 0;
    for (i = 0; i < n; i++) {
        if (port == OFPP_ANY || port == ports[i]->ofp_port) {
            struct ofputil_queue_config *qc = &qcs[n_qcs++];

            qc->port = ports[i]->ofp_port;
            qc->queue = 0;
            qc->min_rate = qc->max_rate = UINT16_MAX;
        }
    }
    ofconn_send_reply(ofconn,
                      ofputil_encode_queue_get_config_reply(oh, qcs, n_qcs));
    free(qcs);
    free(ports);
    return 0;
}

/* Returns the mask of async config 'async' that OpenFlow 1.4 property
 * 'type' (OFPACPT_*: even types for slaves, odd ones for masters) stands
 * for, or NULL if 'type' is unknown.  Stores in '*valid' the reasons that
 * the property may enable. */
static uint32_t *
async_prop_mask(struct ofconn_async_cfg *async, uint16_t type,
                uint32_t *valid)
{
    int role = type & 1 ? 0 : 1;

    switch (type / 2) {
    case 0:
        *valid = 0x3f;
        return &async->packet_in[role];
    case 1:
        *valid = 0x7;
        return &async->port_status[role];
    case 2:
        *valid = 0x3f;
        return &async->flow_removed[role];
    case 3:
        *valid = 0x7;
        return &async->role_status[role];
    case 4:
        *valid = 0x18;
        return &async->table_status[role];
    case 5:
        *valid = 0x3;
        return &async->requestforward[role];
    default:
        return NULL;
    }
}

/* OFPT_GET_ASYNC_REQUEST: sends the connection's asynchronous message
 * configuration, as OpenFlow 1.3's six masks or as OpenFlow 1.4's twelve
 * properties (slave then master for packet-in, port status, flow removed,
 * role status, table status and request forward). */
static enum ofperr
handle_get_async_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofconn_async_cfg async;
    struct ofpbuf *reply;
    enum ofpraw raw;
    int i;

    if (ofpraw_decode(&raw, oh)) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    ofconn_get_async_config(ofconn, &async);
    if (raw == OFPRAW_OFPT13_GET_ASYNC_REQUEST) {
        struct nx_async_config *body;

        reply = ofpraw_alloc_reply(OFPRAW_OFPT13_GET_ASYNC_REPLY, oh, 0);
        body = ofpbuf_put_zeros(reply, sizeof *body);
        for (i = 0; i < 2; i++) {
            body->packet_in_mask[i] = htonl(async.packet_in[i]);
            body->port_status_mask[i] = htonl(async.port_status[i]);
            body->flow_removed_mask[i] = htonl(async.flow_removed[i]);
        }
    } else {
        reply = ofpraw_alloc_reply(OFPRAW_OFPT14_GET_ASYNC_REPLY, oh, 0);
        for (i = 0; i < 12; i++) {
            uint32_t valid;
            ovs_be32 prop[2];

            prop[0] = htonl((uint32_t) i << 16 | 8);
            prop[1] = htonl(*async_prop_mask(&async, i, &valid));
            ofpbuf_put(reply, prop, sizeof prop);
        }
    }
    ofconn_send_reply(ofconn, reply);
    return 0;
}

/* Parses the OpenFlow 1.4 async config properties in 'b' into 'async' (which
 * holds the current config: properties change only what they name). */
static enum ofperr
decode_async_props(struct ofpbuf *b, struct ofconn_async_cfg *async)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

    while (b->size) {
        const uint8_t *p = b->data;
        uint16_t type, len;
        uint32_t *mask, valid, value;

        if (b->size < 4) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        type = p[0] << 8 | p[1];
        len = p[2] << 8 | p[3];
        if (len < 4 || ROUND_UP(len, 8) > b->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        mask = async_prop_mask(async, type, &valid);
        if (!mask) {
            VLOG_WARN_RL(&rl, "unknown async config property type %"PRIu16,
                         type);
            return OFPERR_OFPACFC_UNSUPPORTED;
        }
        if (len != 8) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        value = (uint32_t) p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7];
        if (value & ~valid) {
            static const char *const names[] = {
                "PACKET_IN", "PORT_STATUS", "FLOW_REMOVED", "ROLE_STATUS",
                "TABLE_STATUS", "REQUESTFORWARD"
            };

            VLOG_WARN_RL(&rl, "bad value %#"PRIx32" for %s (allowed mask "
                         "%#"PRIx32")", value, names[type / 2], valid);
            return OFPERR_OFPACFC_INVALID;
        }
        *mask = value;
        ofpbuf_pull(b, ROUND_UP(len, 8));
    }
    return 0;
}

/* OFPT_SET_ASYNC (OpenFlow 1.3 masks or OpenFlow 1.4 properties) and
 * NXT_SET_ASYNC_CONFIG: sets the connection's asynchronous message
 * configuration. */
static enum ofperr
handle_set_async_config(struct ofconn *ofconn, const struct ofp_header *oh)
{
    const struct nx_async_config *body;
    struct ofconn_async_cfg async;
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;
    int i;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }
    ofconn_get_async_config(ofconn, &async);
    if (raw == OFPRAW_OFPT14_SET_ASYNC
        || raw == OFPRAW_NXT_SET_ASYNC_CONFIG2) {
        error = decode_async_props(&b, &async);
        if (error) {
            return error;
        }
        ofconn_set_async_config(ofconn, &async);
        return 0;
    }
    if (raw != OFPRAW_OFPT13_SET_ASYNC && raw != OFPRAW_NXT_SET_ASYNC_CONFIG) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    if (b.size != sizeof *body) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    body = b.data;
    for (i = 0; i < 2; i++) {
        async.packet_in[i] = ntohl(body->packet_in_mask[i]);
        async.port_status[i] = ntohl(body->port_status_mask[i]);
        async.flow_removed[i] = ntohl(body->flow_removed_mask[i]);
    }
    ofconn_set_async_config(ofconn, &async);
    return 0;
}

/* Handles 'oh', returning 0 or an error to send back. */
static enum ofperr
handle_openflow__(struct ofconn *ofconn, const struct ofp_header *oh)
{
    enum ofptype type;
    enum ofperr error;

    error = ofptype_decode(&type, oh);
    if (error) {
        return error;
    }
    switch (type) {
    case OFPTYPE_ECHO_REQUEST:
        return handle_echo_request(ofconn, oh);
    case OFPTYPE_FEATURES_REQUEST:
        return handle_features_request(ofconn, oh);
    case OFPTYPE_GET_CONFIG_REQUEST:
        return handle_get_config_request(ofconn, oh);
    case OFPTYPE_SET_CONFIG:
        return handle_set_config(ofconn, oh);
    case OFPTYPE_BARRIER_REQUEST:
        return handle_barrier_request(ofconn, oh);
    case OFPTYPE_DESC_STATS_REQUEST:
        return handle_desc_stats_request(ofconn, oh);
    case OFPTYPE_PORT_DESC_STATS_REQUEST:
        return handle_port_desc_stats_request(ofconn, oh);
    case OFPTYPE_PORT_STATS_REQUEST:
        return handle_port_stats_request(ofconn, oh);
    case OFPTYPE_TABLE_STATS_REQUEST:
        return handle_table_stats_request(ofconn, oh);
    case OFPTYPE_TABLE_FEATURES_STATS_REQUEST:
        return handle_table_features_request(ofconn, oh);
    case OFPTYPE_TABLE_MOD:
        return handle_table_mod(ofconn, oh);
    case OFPTYPE_FLOW_MOD:
        return handle_flow_mod(ofconn, oh);
    case OFPTYPE_FLOW_STATS_REQUEST:
        return handle_flow_stats_request(ofconn, oh);
    case OFPTYPE_AGGREGATE_STATS_REQUEST:
        return handle_aggregate_stats_request(ofconn, oh);
    case OFPTYPE_ROLE_REQUEST:
        return handle_role_request(ofconn, oh);
    case OFPTYPE_SET_FLOW_FORMAT:
        return handle_set_flow_format(ofconn, oh);
    case OFPTYPE_FLOW_MOD_TABLE_ID:
        return handle_nxt_flow_mod_table_id(ofconn, oh);
    case OFPTYPE_SET_PACKET_IN_FORMAT:
        return handle_set_packet_in_format(ofconn, oh);
    case OFPTYPE_SET_CONTROLLER_ID:
        return handle_set_controller_id(ofconn, oh);
    case OFPTYPE_STOP_ON_ERROR:
        return handle_stop_on_error(ofconn, oh);
    case OFPTYPE_PACKET_OUT:
        return handle_packet_out(ofconn, oh);
    case OFPTYPE_NXT_RESUME:
        return handle_nxt_resume(ofconn, oh);
    case OFPTYPE_PORT_MOD:
        return handle_port_mod(ofconn, oh);
    case OFPTYPE_QUEUE_STATS_REQUEST:
        return handle_queue_stats_request(ofconn, oh);
    case OFPTYPE_QUEUE_GET_CONFIG_REQUEST:
    case OFPTYPE_QUEUE_DESC_STATS_REQUEST:
        return handle_queue_get_config_request(ofconn, oh);
    case OFPTYPE_GET_ASYNC_REQUEST:
        return handle_get_async_request(ofconn, oh);
    case OFPTYPE_SET_ASYNC_CONFIG:
        return handle_set_async_config(ofconn, oh);
    case OFPTYPE_GROUP_MOD:
        return ofproto_group_mod(connmgr_get_ofproto(
                                     ofconn_get_connmgr(ofconn)), ofconn, oh);
    case OFPTYPE_GROUP_STATS_REQUEST:
        return ofproto_group_stats_request(connmgr_get_ofproto(
                                     ofconn_get_connmgr(ofconn)), ofconn, oh);
    case OFPTYPE_GROUP_DESC_STATS_REQUEST:
        return ofproto_group_desc_request(connmgr_get_ofproto(
                                     ofconn_get_connmgr(ofconn)), ofconn, oh);
    case OFPTYPE_GROUP_FEATURES_STATS_REQUEST:
        return ofproto_group_features_request(connmgr_get_ofproto(
                                     ofconn_get_connmgr(ofconn)), ofconn, oh);
    case OFPTYPE_METER_MOD:
        return ofproto_handle_meter_mod(ofconn, oh);
    case OFPTYPE_METER_STATS_REQUEST:
    case OFPTYPE_METER_CONFIG_STATS_REQUEST:
        return ofproto_handle_meter_request(ofconn, oh);
    case OFPTYPE_METER_FEATURES_STATS_REQUEST:
        return ofproto_handle_meter_features_request(ofconn, oh);
    case OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST:
    case OFPTYPE_IPFIX_FLOW_STATS_REQUEST:
        return OFPERR_NXST_NOT_CONFIGURED;
    case OFPTYPE_BUNDLE_CONTROL:
        return ofp_bundle_handle_control(ofconn, oh);
    case OFPTYPE_BUNDLE_ADD_MESSAGE:
        return ofp_bundle_handle_add(ofconn, oh);
    case OFPTYPE_FLOW_MONITOR_STATS_REQUEST:
        return ofmonitor_handle_request(ofconn, oh);
    case OFPTYPE_FLOW_MONITOR_CANCEL:
        return ofmonitor_handle_cancel(ofconn, oh);

    case OFPTYPE_ECHO_REPLY:
        return 0;
    case OFPTYPE_HELLO:
    case OFPTYPE_ERROR:
        /* The vconn handled the first hello: as upstream's switch, refuse
         * a later hello, and an error from the controller. */
        return OFPERR_OFPBRC_BAD_TYPE;

    default:
        if (ofpmsg_is_stat_request(oh)) {
            return OFPERR_OFPBRC_BAD_STAT;
        }
        return OFPERR_OFPBRC_BAD_TYPE;
    }
}

/* connmgr_run()'s callback: handles each message of 'msgs'. */
static void
handle_openflow(struct ofconn *ofconn, const struct ovs_list *msgs)
{
    struct ofpbuf *msg;

    LIST_FOR_EACH (msg, list_node, msgs) {
        const struct ofp_header *oh = msg->data;
        enum ofperr error = handle_openflow__(ofconn, oh);

        if (error) {
            ofconn_send_error(ofconn, oh, error);
        }
    }
}

/* Controllers. */


/* Re-creates the flow table of 'p' as a new controller setup finds it, as
 * upstream: no flows with controllers, otherwise (standalone) one that
 * sends everything to NORMAL. */
static void
ofproto_reset_flows(struct ofproto *p)
{
    ofproto_flush_flows(p);
    p->fail_open_active = false;
    if (!connmgr_has_controllers(p->connmgr)
        && connmgr_get_fail_mode(p->connmgr) == OFPROTO_FAIL_STANDALONE) {
        ofproto_add_default_rule(p);
    }
}

void
ofproto_set_controllers(struct ofproto *p, const struct shash *controllers)
{
    bool had_controllers = connmgr_has_controllers(p->connmgr);

    connmgr_set_controllers(p->connmgr, controllers);
    if (had_controllers != connmgr_has_controllers(p->connmgr)) {
        ofproto_reset_flows(p);
    }
}

void
ofproto_set_fail_mode(struct ofproto *p, enum ofproto_fail_mode fail_mode)
{
    if (fail_mode != connmgr_get_fail_mode(p->connmgr)) {
        connmgr_set_fail_mode(p->connmgr, fail_mode);
        if (!connmgr_has_controllers(p->connmgr)) {
            ofproto_reset_flows(p);
        }
    }
}


/* Tells the provider that what table misses do changed. */
static void
ofproto_table_miss_changed(struct ofproto *p)
{
    if (p->ofproto_class->table_miss_changed) {
        p->ofproto_class->table_miss_changed(p);
    }
}

/* OpenFlow 1.0 to 1.2 send table misses to the controller (tables whose
 * miss config is the default), OpenFlow 1.3+ drop them: translation sends
 * packet-ins for them while some connection wants them, as upstream. */
static void
ofproto_update_packet_in_on_miss(struct ofproto *p)
{
    bool want = connmgr_wants_packet_in_on_miss(p->connmgr);

    if (want != __atomic_load_n(&p->packet_in_on_miss, __ATOMIC_RELAXED)) {
        __atomic_store_n(&p->packet_in_on_miss, want, __ATOMIC_RELEASE);
        ofproto_table_miss_changed(p);
    }
}

/* Handles an OpenFlow 1.1+ table mod: sets the table-miss behaviour of one
 * table or of all (OpenFlow 1.1 and 1.2 only carry one; later versions'
 * eviction and vacancy settings are accepted and ignored). */
static enum ofperr
handle_table_mod(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *p = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_table_mod tm;
    bool changed = false;
    enum ofperr error;
    int i;

    if (!ofconn_may_modify(ofconn)) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    error = ofputil_decode_table_mod(oh, &tm);
    if (error) {
        return error;
    }
    if (tm.table_id != OFPTT_ALL && tm.table_id >= OFPROTO_N_TABLES - 1) {
        /* The last table is internal, as upstream's. */
        return OFPERR_OFPTMFC_EPERM;
    }
    if (tm.miss == OFPUTIL_TABLE_MISS_DEFAULT) {
        return 0;
    }
    for (i = 0; i < p->n_tables && i < OFPROTO_N_TABLES - 1; i++) {
        struct oftable *table = &p->tables[i];

        if ((tm.table_id == OFPTT_ALL || tm.table_id == i)
            && table->miss_config != (enum oftable_miss) tm.miss) {
            __atomic_store_n(&table->miss_config, (enum oftable_miss) tm.miss,
                             __ATOMIC_RELEASE);
            changed = true;
        }
    }
    if (changed) {
        ofproto_table_miss_changed(p);
    }
    return 0;
}

/* Fail open: in standalone mode, while no controller has been connected
 * for a while, a hidden flow makes the switch a learning switch. */
static void
ofproto_update_fail_open(struct ofproto *p)
{
    bool want = connmgr_wants_fail_open(p->connmgr);
    struct match match;

    if (want == p->fail_open_active) {
        return;
    }
    match_init_catchall(&match);
    if (want) {
        struct ofpbuf ofpacts;

        VLOG_WARN("%s: Could not connect to controller (or switch failed "
                  "controller's post-connection admission control policy) "
                  "for %d seconds, failing open", p->name,
                  connmgr_fail_open_trigger(p->connmgr));
        ofpbuf_init(&ofpacts, 0);
        ofpact_put_OUTPUT(&ofpacts)->port = OFPP_NORMAL;
        ofproto_add_flow(p, &match, FAIL_OPEN_PRIORITY, ofpacts.data,
                         ofpacts.size);
        ofpbuf_uninit(&ofpacts);
    } else {
        VLOG_INFO("%s: leaving fail-open mode", p->name);
        ofproto_delete_flow(p, &match, FAIL_OPEN_PRIORITY);
    }
    p->fail_open_active = want;
}

void
ofproto_get_controller_info(const struct ofproto *p, struct shash *info)
{
    connmgr_get_controller_info(p->connmgr, info);
}

void
ofproto_free_controller_info(struct shash *info)
{
    connmgr_free_controller_info(info);
}

void
ofproto_reconnect_controllers(struct ofproto *p)
{
    connmgr_reconnect(p->connmgr);
}

void
ofproto_send_async_msg(struct ofproto *p, const struct ofproto_async_msg *am)
{
    connmgr_send_async_msg(p->connmgr, am);
}
