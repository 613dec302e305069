/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofproto-dpif-upcall.h"

#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "coverage.h"
#include "dp-packet.h"
#include "dpif.h"
#include "flow.h"
#include "hash.h"
#include "latch.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "ofproto-dpif-xlate.h"
#include "ofproto-dpif.h"
#include "ofproto/connmgr.h"
#include "match.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "poll-loop.h"
#include "seq.h"
#include "simap.h"
#include "timeval.h"
#include "unixctl.h"

COVERAGE_DEFINE(revalidate_idle_skip);
VLOG_DEFINE_THIS_MODULE(ofproto_dpif_upcall);

/* Upcalls read by a handler in one batch. */
#define UPCALL_MAX_BATCH 64

/* Flows a revalidator pulls from a dump at once. */
#define REVALIDATE_MAX_BATCH 50

/* Shards of the ukey table (each with its own mutex). */
#define N_UMAPS 64

/* Interval between dumps, at most, in ms. */
#define DUMP_INTERVAL 500

/* Whether revalidators fix flows whose actions changed in place
 * (DPIF_FP_MODIFY) or replace them by deleting them.  dpif-netdev refuses
 * in-place modification of a flow put with the dumped key and mask for now
 * (EINVAL), so flows are deleted. */
static bool udpif_modify_ok = true;

/* Global knobs. */
static unsigned int flow_limit_global = 200000; /* other_config:flow-limit */
static unsigned int max_idle_global = 10000;    /* other_config:max-idle */

/* A datapath flow that the udpif knows about.  The userspace datapath
 * keeps a copy of a flow per forwarding thread that needed it, each with
 * its own statistics, under the same UFID: each copy has its ukey. */
struct udpif_key {
    struct hmap_node hmap_node; /* In a umap, by hash of 'ufid'. */
    ovs_u128 ufid;              /* The flow's UFID. */
    unsigned pmd_id;            /* The forwarding thread's copy, or
                                 * PMD_ID_NULL. */
    long long int created;      /* time_msec() when first seen. */
    uint64_t packets;           /* Packet count at the last dump. */
    uint64_t bytes;             /* Byte count at the last dump. */
    uint64_t dump_seq;          /* Dump in which it was last seen. */
    uint64_t reval_seq;         /* udpif 'reval_seq' last validated at. */
    uint64_t xlate_seq;         /* xlate_change_seq() last validated at. */
};

/* One shard of ukeys. */
struct umap {
    struct ovs_mutex mutex;     /* Protects 'map'. */
    struct hmap map;            /* "struct udpif_key"s. */
};

/* A handler thread (datapaths with dpif_recv()). */
struct handler {
    struct udpif *udpif;        /* Owner. */
    pthread_t thread;           /* The thread. */
    uint32_t handler_id;        /* 0...n_handlers-1. */
};

/* A revalidator thread. */
struct revalidator {
    struct udpif *udpif;        /* Owner. */
    pthread_t thread;           /* The thread. */
    unsigned int id;            /* ovsthread_id_self() of the thread. */
    size_t index;               /* 0...n_revalidators-1; 0 leads. */
};

/* Upcall handling for one datapath. */
struct udpif {
    struct ovs_list list_node;  /* In 'all_udpifs'. */
    struct dpif_backer *backer; /* The backer it serves. */
    struct dpif *dpif;          /* The datapath. */

    uint32_t n_handlers;        /* Handler threads wanted. */
    uint32_t n_revalidators;    /* Revalidator threads wanted. */
    struct handler *handlers;   /* Running handlers (n_handlers_running). */
    size_t n_handlers_running;  /* Number of running handlers. */
    struct revalidator *revalidators; /* Running revalidators. */
    size_t n_revalidators_running; /* Number of running revalidators. */
    bool threads_running;       /* Started? */

    struct latch exit_latch;    /* Tells the threads to exit. */
    pthread_barrier_t reval_barrier; /* Synchronizes revalidators. */
    bool reval_exit;            /* Set by the leader before a barrier. */
    struct dpif_flow_dump *dump; /* The dump in progress. */
    uint64_t n_dumps;           /* Dumps completed (atomic). */
    uint64_t cur_dump_seq;      /* Number of the dump in progress. */
    long long int dump_start;   /* time_msec() at the dump's start. */
    long long int dump_duration; /* Duration of the last dump, ms. */
    struct seq *dump_seq;       /* Changes after each dump. */
    struct seq *reval_seq;      /* Changes to request re-translation. */
    uint64_t reval_seq_at_dump; /* seq_read(reval_seq) at dump start. */
    uint64_t xlate_seq_at_dump; /* xlate_change_seq() at dump start. */
    unsigned int n_translating; /* Upcalls between translation and ukey
                                 * install (atomic). */

    unsigned int flow_limit;    /* Current adaptive flow limit (atomic). */
    unsigned int avg_n_flows;   /* Average flows per dump. */
    unsigned int max_n_flows;   /* Most flows seen in a dump. */
    uint64_t n_flows;           /* Cached datapath flow count (atomic). */
    long long int n_flows_timestamp; /* When 'n_flows' was read (atomic). */
    struct ovs_mutex n_flows_mutex; /* Serializes refreshing 'n_flows'. */

    struct umap umaps[N_UMAPS]; /* The ukeys. */
};

static struct ovs_list all_udpifs = OVS_LIST_INITIALIZER(&all_udpifs);

static void *udpif_revalidator(void *);
static void *udpif_handler(void *);
static bool udpif_is_empty(struct udpif *);
static upcall_callback upcall_cb;

void
udpif_set_flow_limit(unsigned int flow_limit)
{
    __atomic_store_n(&flow_limit_global, flow_limit, __ATOMIC_RELAXED);
}

void
udpif_set_max_idle(unsigned int max_idle)
{
    __atomic_store_n(&max_idle_global, max_idle, __ATOMIC_RELAXED);
}

static unsigned int
max_idle_get(void)
{
    return __atomic_load_n(&max_idle_global, __ATOMIC_RELAXED);
}

struct udpif *
udpif_create(struct dpif_backer *backer, struct dpif *dpif)
{
    struct udpif *udpif = xzalloc(sizeof *udpif);
    size_t i;

    udpif->backer = backer;
    udpif->dpif = dpif;
    latch_init(&udpif->exit_latch);
    udpif->dump_seq = seq_create();
    udpif->reval_seq = seq_create();
    udpif->flow_limit = MIN(flow_limit_global, 10000);
    ovs_mutex_init(&udpif->n_flows_mutex);
    for (i = 0; i < N_UMAPS; i++) {
        ovs_mutex_init(&udpif->umaps[i].mutex);
        hmap_init(&udpif->umaps[i].map);
    }
    ovs_list_push_back(&all_udpifs, &udpif->list_node);
    return udpif;
}

/* Ukeys. */

static struct umap *
umap_for(struct udpif *udpif, const ovs_u128 *ufid)
{
    return &udpif->umaps[ufid->u32[0] % N_UMAPS];
}

static struct udpif_key *
ukey_lookup(struct umap *umap, const ovs_u128 *ufid, unsigned pmd_id)
{
    struct udpif_key *ukey;

    HMAP_FOR_EACH_WITH_HASH (ukey, hmap_node, ufid->u32[1], &umap->map) {
        if (ukey->ufid.u64.lo == ufid->u64.lo
            && ukey->ufid.u64.hi == ufid->u64.hi
            && ukey->pmd_id == pmd_id) {
            return ukey;
        }
    }
    return NULL;
}

static void
ukeys_clear(struct udpif *udpif)
{
    size_t i;

    for (i = 0; i < N_UMAPS; i++) {
        struct umap *umap = &udpif->umaps[i];
        struct udpif_key *ukey;

        ovs_mutex_lock(&umap->mutex);
        HMAP_FOR_EACH_SAFE (ukey, hmap_node, &umap->map) {
            hmap_remove(&umap->map, &ukey->hmap_node);
            free(ukey);
        }
        ovs_mutex_unlock(&umap->mutex);
    }
}

static size_t
ukeys_count(struct udpif *udpif, size_t index, size_t n)
{
    size_t count = 0;
    size_t i;

    for (i = index; i < N_UMAPS; i += MAX(n, 1)) {
        ovs_mutex_lock(&udpif->umaps[i].mutex);
        count += hmap_count(&udpif->umaps[i].map);
        ovs_mutex_unlock(&udpif->umaps[i].mutex);
    }
    return count;
}

/* Records that a flow with 'ufid' was just installed for forwarding thread
 * 'pmd_id' (or PMD_ID_NULL) (if no ukey exists yet), so that its idle time
 * counts from now. */
static void
ukey_install(struct udpif *udpif, const ovs_u128 *ufid, unsigned pmd_id)
{
    struct umap *umap = umap_for(udpif, ufid);
    struct udpif_key *ukey;

    ovs_mutex_lock(&umap->mutex);
    if (!ukey_lookup(umap, ufid, pmd_id)) {
        ukey = xzalloc(sizeof *ukey);
        ukey->ufid = *ufid;
        ukey->pmd_id = pmd_id;
        ukey->created = time_msec();
        ukey->reval_seq = seq_read(udpif->reval_seq);
        ukey->xlate_seq = xlate_change_seq();
        hmap_insert(&umap->map, &ukey->hmap_node, ufid->u32[1]);
    }
    ovs_mutex_unlock(&umap->mutex);
}

/* Threads. */

static uint32_t
default_n_threads(bool handlers)
{
    long n_cpus = sysconf(_SC_NPROCESSORS_ONLN);

    if (n_cpus < 1) {
        n_cpus = 1;
    }
    return handlers ? MAX(1, n_cpus - n_cpus / 4) : n_cpus / 4 + 1;
}

void
udpif_start(struct udpif *udpif)
{
    size_t i;

    if (udpif->threads_running) {
        return;
    }
    if (!udpif->n_handlers) {
        udpif->n_handlers = default_n_threads(true);
    }
    if (!udpif->n_revalidators) {
        udpif->n_revalidators = default_n_threads(false);
    }

    udpif->reval_exit = false;
    if (dpif_uses_upcall_cb(udpif->dpif)) {
        dpif_register_upcall_cb(udpif->dpif, upcall_cb, udpif);
        udpif->n_handlers_running = 0;
    } else {
        dpif_handlers_set(udpif->dpif, udpif->n_handlers);
        udpif->n_handlers_running = udpif->n_handlers;
        udpif->handlers = xcalloc(udpif->n_handlers,
                                  sizeof *udpif->handlers);
        for (i = 0; i < udpif->n_handlers; i++) {
            struct handler *h = &udpif->handlers[i];

            h->udpif = udpif;
            h->handler_id = i;
            h->thread = ovs_thread_create("handler", udpif_handler, h);
        }
    }
    dpif_enable_upcall(udpif->dpif);

    pthread_barrier_init(&udpif->reval_barrier, NULL,
                         udpif->n_revalidators);
    udpif->n_revalidators_running = udpif->n_revalidators;
    udpif->revalidators = xcalloc(udpif->n_revalidators,
                                  sizeof *udpif->revalidators);
    for (i = 0; i < udpif->n_revalidators; i++) {
        struct revalidator *r = &udpif->revalidators[i];

        r->udpif = udpif;
        r->index = i;
        r->thread = ovs_thread_create("revalidator", udpif_revalidator, r);
    }
    udpif->threads_running = true;
}

void
udpif_stop(struct udpif *udpif)
{
    size_t i;

    if (!udpif->threads_running) {
        return;
    }
    dpif_disable_upcall(udpif->dpif);
    latch_set(&udpif->exit_latch);
    for (i = 0; i < udpif->n_handlers_running; i++) {
        xpthread_join(udpif->handlers[i].thread, NULL);
    }
    for (i = 0; i < udpif->n_revalidators_running; i++) {
        xpthread_join(udpif->revalidators[i].thread, NULL);
    }
    pthread_barrier_destroy(&udpif->reval_barrier);
    free(udpif->handlers);
    udpif->handlers = NULL;
    udpif->n_handlers_running = 0;
    free(udpif->revalidators);
    udpif->revalidators = NULL;
    udpif->n_revalidators_running = 0;
    latch_poll(&udpif->exit_latch);
    udpif->threads_running = false;
}

void
udpif_set_threads(struct udpif *udpif, uint32_t n_handlers,
                  uint32_t n_revalidators)
{
    udpif_stop(udpif);
    udpif->n_handlers = n_handlers;
    udpif->n_revalidators = n_revalidators;
    udpif_start(udpif);
}

void
udpif_destroy(struct udpif *udpif)
{
    size_t i;

    if (!udpif) {
        return;
    }
    udpif_stop(udpif);
    ovs_list_remove(&udpif->list_node);
    ukeys_clear(udpif);
    for (i = 0; i < N_UMAPS; i++) {
        hmap_destroy(&udpif->umaps[i].map);
        ovs_mutex_destroy(&udpif->umaps[i].mutex);
    }
    ovs_mutex_destroy(&udpif->n_flows_mutex);
    seq_destroy(udpif->dump_seq);
    seq_destroy(udpif->reval_seq);
    latch_destroy(&udpif->exit_latch);
    free(udpif);
}

void
udpif_run(struct udpif *udpif OVS_UNUSED)
{
}

void
udpif_wait(struct udpif *udpif OVS_UNUSED)
{
}

/* Asks 'udpif''s revalidators to re-translate every datapath flow.
 *
 * While the datapath has no flow, no ukey and no upcall in translation,
 * there is nothing to re-translate: a flow installed later is translated
 * against the tables as they are by then.  Then the revalidators are left
 * asleep, which spares a switch without traffic a thread wake-up per flow
 * mod.  The fence orders the caller's earlier publication of the new
 * tables version before the read of 'n_translating': an upcall that this
 * read misses starts its translation after it, in the new version. */
void
udpif_revalidate(struct udpif *udpif)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (!__atomic_load_n(&udpif->n_translating, __ATOMIC_SEQ_CST)
        && udpif_is_empty(udpif)) {
        COVERAGE_INC(revalidate_idle_skip);
        return;
    }
    seq_change(udpif->reval_seq);
}

struct seq *
udpif_dump_seq(struct udpif *udpif)
{
    return udpif->dump_seq;
}

void
udpif_flush(struct udpif *udpif)
{
    dpif_flow_flush(udpif->dpif);
    ukeys_clear(udpif);
}

void
udpif_synchronize(struct udpif *udpif)
{
    uint64_t target;

    if (!udpif->threads_running) {
        return;
    }
    /* A dump in progress may have started before the call: wait for the
     * end of the next one. */
    target = __atomic_load_n(&udpif->n_dumps, __ATOMIC_ACQUIRE) + 2;
    for (;;) {
        uint64_t seq = seq_read(udpif->dump_seq);

        if (__atomic_load_n(&udpif->n_dumps, __ATOMIC_ACQUIRE) >= target) {
            break;
        }
        seq_change(udpif->reval_seq);
        seq_wait(udpif->dump_seq, seq);
        poll_block();
    }
}

void
udpif_get_memory_usage(struct udpif *udpif, struct simap *usage)
{
    size_t n_frozen;

    simap_increase(usage, "handlers", udpif->n_handlers_running);
    simap_increase(usage, "revalidators", udpif->n_revalidators_running);
    simap_increase(usage, "udpif keys",
                   ukeys_count(udpif, 0, 1));
    n_frozen = xlate_frozen_states_count(udpif->backer);
    if (n_frozen) {
        simap_increase(usage, "frozen states", n_frozen);
    }
}

/* Returns the number of flows in the datapath, reading it at most every
 * 100 ms. */
static uint64_t
udpif_get_n_flows(struct udpif *udpif)
{
    long long int now = time_msec();
    long long int then = __atomic_load_n(&udpif->n_flows_timestamp,
                                         __ATOMIC_RELAXED);

    /* With the clock stopped (tests), read it every time. */
    if ((now - then >= 100 || timeval_is_stopped())
        && !ovs_mutex_trylock(&udpif->n_flows_mutex)) {
        struct dpif_dp_stats stats;

        if (!dpif_get_dp_stats(udpif->dpif, &stats)) {
            __atomic_store_n(&udpif->n_flows, stats.n_flows,
                             __ATOMIC_RELAXED);
        }
        __atomic_store_n(&udpif->n_flows_timestamp, now, __ATOMIC_RELAXED);
        ovs_mutex_unlock(&udpif->n_flows_mutex);
    }
    return __atomic_load_n(&udpif->n_flows, __ATOMIC_RELAXED);
}

static unsigned int
udpif_flow_limit(const struct udpif *udpif)
{
    return __atomic_load_n(&udpif->flow_limit, __ATOMIC_RELAXED);
}

/* Translates the miss of 'flow' (in_port a datapath port) with 'packet'
 * (may be NULL), learning MACs if 'may_learn', appending actions to
 * 'actions' and the examined fields to 'wc', and in '*slow' why the flow
 * must take the slow path (0 if it need not).  Returns 0 or ENODEV if the
 * input port belongs to no bridge (the actions then drop). */
static int
translate_miss(struct udpif *udpif, const struct flow *flow,
               const struct dp_packet *packet, bool may_learn,
               struct flow_wildcards *wc, struct ofpbuf *actions,
               enum slow_path_reason *slow)
{
    struct dpif_flow_stats stats;
    struct ofproto_dpif *ofproto;
    struct xlate_out xout;
    struct xlate_in xin;
    ofp_port_t ofp_in_port;
    struct flow xflow;
    int error;

    *slow = 0;
    error = xlate_lookup(udpif->dpif, flow, &ofproto, &ofp_in_port);
    if (error) {
        /* Install a flow that drops everything from the port, so that it
         * stops costing upcalls. */
        WC_MASK_FIELD(wc, in_port);
        WC_MASK_FIELD(wc, recirc_id);
        return error;
    }
    xflow = *flow;
    xflow.in_port.ofp_port = ofp_in_port;
    xlate_in_init(&xin, ofproto, &xflow, packet, wc, actions);
    xin.allow_side_effects = xin.may_learn = may_learn;
    if (packet) {
        /* The packet itself is executed, not counted by the datapath
         * flow: translation credits it to every rule it goes through
         * (resubmits included). */
        stats.n_packets = 1;
        stats.n_bytes = dp_packet_size(packet);
        stats.used = time_msec();
        stats.tcp_flags = ntohs(flow->tcp_flags);
        xin.resubmit_stats = &stats;
    }
    xlate_actions(&xin, &xout);
    *slow = xout.slow;
    xlate_out_uninit(&xout);
    return 0;
}

/* Datapath capabilities assumed when building masks. */
static struct odp_support
udpif_odp_support(void)
{
    struct odp_support support = {
        .max_vlan_headers = 2,
        .recirc = true,
        .ct_state = false,
    };
    return support;
}

/* Round-trips 'wc' (for 'flow', in_port a datapath port) through the
 * datapath's netlink mask form, which drops what the datapath cannot match
 * on, so that it equals the mask the datapath will store and report.
 * Returns false if the conversion fails. */
static bool
wc_to_datapath(const struct flow *flow, struct flow_wildcards *wc)
{
    struct odp_flow_key_parms parms = {
        .flow = flow,
        .mask = &wc->masks,
        .support = udpif_odp_support(),
    };
    struct flow_wildcards out;
    enum odp_key_fitness fit;
    struct ofpbuf buf;

    ofpbuf_init(&buf, 256);
    odp_flow_key_from_mask(&parms, &buf);
    fit = odp_flow_key_to_mask(buf.data, buf.size, &out, flow, NULL);
    ofpbuf_uninit(&buf);
    if (fit == ODP_FIT_ERROR) {
        return false;
    }
    *wc = out;
    return true;
}

/* Handles the userspace action 'userdata' (a cookie from translation)
 * executed on 'packet' whose flow is 'flow' (in_port a datapath port):
 * queues a packet-in for a controller action. */
static void
process_userspace_action(struct udpif *udpif, const struct flow *flow,
                         const struct dp_packet *packet,
                         const struct nlattr *userdata)
{
    struct user_action_cookie cookie;
    struct ofproto_dpif *ofproto;
    struct ofproto_async_msg *am;
    ofp_port_t ofp_in_port;

    if (!userdata || nl_attr_get_size(userdata) != sizeof cookie) {
        return;
    }
    memcpy(&cookie, nl_attr_get(userdata), sizeof cookie);
    if (cookie.type != USER_ACTION_COOKIE_CONTROLLER || cookie.dont_send
        || xlate_lookup(udpif->dpif, flow, &ofproto, &ofp_in_port)) {
        return;
    }

    am = xzalloc(sizeof *am);
    am->controller_id = cookie.controller_id;
    am->table_miss = cookie.reason == OFPR_IMPLICIT_MISS;
    if (cookie.continuation) {
        /* A paused pipeline: the packet-in carries its continuation. */
        struct ofputil_packet_in_private *priv = xzalloc(sizeof *priv);

        if (!xlate_frozen_packet_in(cookie.recirc_id, ofproto,
                                    cookie.ofp_in_port, priv)) {
            free(priv);
            free(am);
            return;
        }
        priv->bridge = *ofproto_get_uuid(&ofproto->up);
        priv->odp_port = flow->in_port.odp_port;
        am->pin = priv->base;
        am->continuation = priv;
    } else {
        xlate_packet_in_metadata(cookie.recirc_id, cookie.ofp_in_port,
                                 &am->pin.flow_metadata, &am->pin.table_id,
                                 &am->pin.userdata, &am->pin.userdata_len);
        am->pin.cookie = htobe64(
            ((uint64_t) ntohl(cookie.rule_cookie_hi) << 32)
            | ntohl(cookie.rule_cookie_lo));
    }
    am->pin.packet = xmemdup(dp_packet_data(packet), dp_packet_size(packet));
    am->pin.packet_len = dp_packet_size(packet);
    am->pin.reason = cookie.reason;
    am->pin.max_len = cookie.max_len;
    ofproto_dpif_send_async_msg(ofproto, am);
}

static int upcall_cb__(struct udpif *, const struct dp_packet *,
                       const struct flow *, ovs_u128 *ufid, unsigned pmd_id,
                       struct ofpbuf *, struct flow_wildcards *);

/* The upcall callback of datapaths that translate in their own threads. */
static int
upcall_cb(const struct dp_packet *packet, const struct flow *flow,
          ovs_u128 *ufid, unsigned pmd_id,
          enum dpif_upcall_type type, const struct nlattr *userdata,
          struct ofpbuf *actions, struct flow_wildcards *wc,
          struct ofpbuf *put_actions OVS_UNUSED, void *aux)
{
    struct udpif *udpif = aux;
    int error;

    if (type == DPIF_UC_ACTION) {
        process_userspace_action(udpif, flow, packet, userdata);
        return 0;
    } else if (type != DPIF_UC_MISS) {
        return 0;
    }
    __atomic_add_fetch(&udpif->n_translating, 1, __ATOMIC_SEQ_CST);
    error = upcall_cb__(udpif, packet, flow, ufid, pmd_id, actions, wc);
    __atomic_sub_fetch(&udpif->n_translating, 1, __ATOMIC_RELEASE);
    return error;
}

/* upcall_cb()'s work for a miss, with 'udpif''s 'n_translating' raised:
 * translates it into 'actions' and 'wc' and records its ukey. */
static int
upcall_cb__(struct udpif *udpif, const struct dp_packet *packet,
            const struct flow *flow, ovs_u128 *ufid, unsigned pmd_id,
            struct ofpbuf *actions, struct flow_wildcards *wc)
{
    enum slow_path_reason slow;

    translate_miss(udpif, flow, packet, true, wc, actions, &slow);
    wc_to_datapath(flow, wc);
    if (slow) {
        /* Executed, not installed (ENOSPC says so). */
        return ENOSPC;
    }
    if (udpif_get_n_flows(udpif) >= udpif_flow_limit(udpif)) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

        VLOG_WARN_RL(&rl, "upcall: datapath reached the dynamic limit of "
                     "%u flows.", udpif_flow_limit(udpif));
        return ENOSPC;
    }
    if (ufid) {
        ukey_install(udpif, ufid, pmd_id);
    }
    return 0;
}

/* One upcall being handled by a handler thread. */
struct upcall {
    struct dpif_upcall dupcall;   /* As received. */
    struct ofpbuf buf;            /* Storage 'dupcall' points into. */
    struct flow flow;             /* Its flow. */
    struct flow_wildcards wc;     /* Fields examined. */
    struct ofpbuf actions;        /* Translated actions. */
    struct ofpbuf mask;           /* Netlink mask. */
    bool install;                 /* Install a flow? */
    enum slow_path_reason slow;   /* Why not to install it, if nonzero. */
};

/* Reads and handles one batch of upcalls.  Returns the number handled. */
static size_t
handle_upcalls(struct handler *handler)
{
    struct udpif *udpif = handler->udpif;
    struct upcall *upcalls = xcalloc(UPCALL_MAX_BATCH, sizeof *upcalls);
    struct dpif_op *opsp[UPCALL_MAX_BATCH * 2];
    struct dpif_op ops[UPCALL_MAX_BATCH * 2];
    size_t n_upcalls = 0, n_ops = 0;
    bool over_limit;
    size_t i;

    /* From the first translation to the last ukey install (see
     * udpif_revalidate()). */
    __atomic_add_fetch(&udpif->n_translating, 1, __ATOMIC_SEQ_CST);
    while (n_upcalls < UPCALL_MAX_BATCH) {
        struct upcall *u = &upcalls[n_upcalls];

        ofpbuf_init(&u->buf, 4096);
        if (dpif_recv(udpif->dpif, handler->handler_id, &u->dupcall,
                      &u->buf)) {
            ofpbuf_uninit(&u->buf);
            break;
        }
        n_upcalls++;
        if (u->dupcall.type == DPIF_UC_ACTION
            && odp_flow_key_to_flow(u->dupcall.key, u->dupcall.key_len,
                                    &u->flow, NULL) != ODP_FIT_ERROR) {
            process_userspace_action(udpif, &u->flow, &u->dupcall.packet,
                                     u->dupcall.userdata);
        }
        if (u->dupcall.type != DPIF_UC_MISS
            || odp_flow_key_to_flow(u->dupcall.key, u->dupcall.key_len,
                                    &u->flow, NULL) == ODP_FIT_ERROR) {
            u->install = false;
            ofpbuf_init(&u->actions, 0);
            ofpbuf_init(&u->mask, 0);
            continue;
        }
        flow_wildcards_init_catchall(&u->wc);
        ofpbuf_init(&u->actions, 256);
        ofpbuf_init(&u->mask, 256);
        translate_miss(udpif, &u->flow, &u->dupcall.packet, true, &u->wc,
                       &u->actions, &u->slow);
        u->install = true;
    }

    over_limit = udpif_get_n_flows(udpif) >= udpif_flow_limit(udpif);
    for (i = 0; i < n_upcalls; i++) {
        struct upcall *u = &upcalls[i];
        struct dpif_op *op;

        if (!u->install) {
            continue;
        }
        if (!over_limit && !u->slow) {
            struct odp_flow_key_parms parms = {
                .flow = &u->flow,
                .mask = &u->wc.masks,
                .support = udpif_odp_support(),
            };
            odp_flow_key_from_mask(&parms, &u->mask);

            op = &ops[n_ops++];
            memset(op, 0, sizeof *op);
            op->type = DPIF_OP_FLOW_PUT;
            op->flow_put.flags = DPIF_FP_CREATE;
            op->flow_put.key = u->dupcall.key;
            op->flow_put.key_len = u->dupcall.key_len;
            op->flow_put.mask = u->mask.data;
            op->flow_put.mask_len = u->mask.size;
            op->flow_put.actions = u->actions.data;
            op->flow_put.actions_len = u->actions.size;
            op->flow_put.ufid = &u->dupcall.ufid;
            op->flow_put.pmd_id = PMD_ID_NULL;
            ukey_install(udpif, &u->dupcall.ufid, PMD_ID_NULL);
        }
        if (u->actions.size) {
            op = &ops[n_ops++];
            memset(op, 0, sizeof *op);
            op->type = DPIF_OP_EXECUTE;
            op->execute.actions = u->actions.data;
            op->execute.actions_len = u->actions.size;
            op->execute.flow = &u->flow;
            op->execute.packet = &u->dupcall.packet;
            op->execute.needs_help = (u->slow & SLOW_ACTION) != 0;
        }
    }
    for (i = 0; i < n_ops; i++) {
        opsp[i] = &ops[i];
    }
    if (n_ops) {
        dpif_operate(udpif->dpif, opsp, n_ops);
    }
    __atomic_sub_fetch(&udpif->n_translating, 1, __ATOMIC_RELEASE);

    for (i = 0; i < n_upcalls; i++) {
        ofpbuf_uninit(&upcalls[i].actions);
        ofpbuf_uninit(&upcalls[i].mask);
        ofpbuf_uninit(&upcalls[i].buf);
    }
    free(upcalls);
    return n_upcalls;
}

static void *
udpif_handler(void *arg)
{
    struct handler *handler = arg;
    struct udpif *udpif = handler->udpif;

    while (!latch_is_set(&udpif->exit_latch)) {
        if (!handle_upcalls(handler)) {
            dpif_recv_wait(udpif->dpif, handler->handler_id);
            latch_wait(&udpif->exit_latch);
            poll_block();
        }
    }
    return NULL;
}

/* Revalidation. */

/* Returns true if every bit of 'new' is also set in 'old'. */
static bool
wc_covered(const struct flow_wildcards *new, const struct flow_wildcards *old)
{
    const uint64_t *n = flow_u64_const(&new->masks);
    const uint64_t *o = flow_u64_const(&old->masks);
    size_t i;

    for (i = 0; i < FLOW_U64S; i++) {
        if (n[i] & ~o[i]) {
            return false;
        }
    }
    return true;
}

/* What to do with a dumped flow. */
enum reval_result {
    UKEY_KEEP,                  /* Leave it alone. */
    UKEY_DELETE,                /* Delete it. */
    UKEY_MODIFY,                /* Replace its actions. */
};

/* Re-translates dumped flow 'f' and decides its fate.  If the actions
 * must change, stores them in 'new_actions' and the mask to install with
 * them in 'new_mask'. */
static enum reval_result
revalidate_flow(struct udpif *udpif, const struct dpif_flow *f,
                struct ofpbuf *new_actions, struct ofpbuf *new_mask)
{
    struct flow_wildcards old_wc, wc;
    enum slow_path_reason slow;
    struct flow flow;

    if (!f->key || !f->key_len
        || odp_flow_key_to_flow(f->key, f->key_len, &flow, NULL)
           == ODP_FIT_ERROR) {
        return UKEY_DELETE;
    }
    if (!f->mask || !f->mask_len) {
        flow_wildcards_init_exact(&old_wc);
    } else if (odp_flow_key_to_mask(f->mask, f->mask_len, &old_wc, &flow,
                                    NULL) == ODP_FIT_ERROR) {
        return UKEY_DELETE;
    }
    flow_wildcards_init_catchall(&wc);
    translate_miss(udpif, &flow, NULL, false, &wc, new_actions, &slow);
    if (slow) {
        /* The flow now takes the slow path. */
        return UKEY_DELETE;
    }

    /* Compare the masks as the datapath sees them. */
    if (!wc_to_datapath(&flow, &wc)) {
        return UKEY_DELETE;
    }
    if (!wc_covered(&wc, &old_wc)) {
        return UKEY_DELETE;
    }
    if (new_actions->size != f->actions_len
        || (f->actions_len
            && memcmp(new_actions->data, f->actions, f->actions_len))) {
        /* Keep the installed mask (it covers the new one), re-encoded the
         * way we encode masks at installation. */
        struct odp_flow_key_parms parms = {
            .flow = &flow,
            .mask = &old_wc.masks,
            .support = udpif_odp_support(),
        };
        odp_flow_key_from_mask(&parms, new_mask);
        return UKEY_MODIFY;
    }
    return UKEY_KEEP;
}

/* Refreshes MAC learning for dumped flow 'f', which saw traffic, and
 * credits 'delta' (the traffic since the previous dump) to the OpenFlow
 * rules it went through. */
static void
push_stats(struct udpif *udpif, const struct dpif_flow *f,
           const struct dpif_flow_stats *delta)
{
    struct ofproto_dpif *ofproto;
    struct ofpbuf actions;
    struct xlate_out xout;
    struct xlate_in xin;
    ofp_port_t ofp_in_port;
    struct flow flow;

    if (!f->key || !f->key_len
        || odp_flow_key_to_flow(f->key, f->key_len, &flow, NULL)
           == ODP_FIT_ERROR
        || xlate_lookup(udpif->dpif, &flow, &ofproto, &ofp_in_port)) {
        return;
    }
    flow.in_port.ofp_port = ofp_in_port;
    ofpbuf_init(&actions, 128);
    xlate_in_init(&xin, ofproto, &flow, NULL, NULL, &actions);
    xin.allow_side_effects = xin.may_learn = true;
    xin.resubmit_stats = delta;
    xlate_actions(&xin, &xout);
    xlate_out_uninit(&xout);
    ofpbuf_uninit(&actions);
}

/* Pulls and handles batches of the current dump. */
static void
revalidate(struct revalidator *r)
{
    struct udpif *udpif = r->udpif;
    struct dpif_flow_dump_thread *dump_thread;
    struct dpif_flow flows[REVALIDATE_MAX_BATCH];
    unsigned int max_idle = max_idle_get();
    uint64_t dump_seq = udpif->cur_dump_seq;
    uint64_t reval_seq = udpif->reval_seq_at_dump;
    uint64_t xseq = udpif->xlate_seq_at_dump;
    int n;

    dump_thread = dpif_flow_dump_thread_create(udpif->dump);
    while ((n = dpif_flow_dump_next(dump_thread, flows,
                                    REVALIDATE_MAX_BATCH)) > 0) {
        struct ofpbuf new_actions[REVALIDATE_MAX_BATCH];
        struct ofpbuf new_masks[REVALIDATE_MAX_BATCH];
        size_t op_flow[REVALIDATE_MAX_BATCH];
        struct dpif_op ops[REVALIDATE_MAX_BATCH];
        struct dpif_op *opsp[REVALIDATE_MAX_BATCH];
        size_t n_ops = 0;
        long long int now = time_msec();
        int i;

        for (i = 0; i < n; i++) {
            const struct dpif_flow *f = &flows[i];
            struct umap *umap = umap_for(udpif, &f->ufid);
            enum reval_result result = UKEY_KEEP;
            struct udpif_key *ukey;
            struct dpif_flow_stats delta;
            bool need_reval, active;
            long long int used;

            ofpbuf_init(&new_actions[i], 0);
            ofpbuf_init(&new_masks[i], 0);
            ovs_mutex_lock(&umap->mutex);
            ukey = ukey_lookup(umap, &f->ufid, f->pmd_id);
            if (!ukey) {
                ukey = xzalloc(sizeof *ukey);
                ukey->ufid = f->ufid;
                ukey->pmd_id = f->pmd_id;
                ukey->created = now;
                /* A flow we did not install (or whose installation we
                 * missed): validate it now. */
                ukey->reval_seq = reval_seq - 1;
                ukey->xlate_seq = xseq - 1;
                hmap_insert(&umap->map, &ukey->hmap_node, f->ufid.u32[1]);
            } else if (ukey->dump_seq == dump_seq) {
                /* Already seen in this dump (dumps may repeat flows). */
                ovs_mutex_unlock(&umap->mutex);
                continue;
            }
            ukey->dump_seq = dump_seq;
            active = f->stats.n_packets > ukey->packets;
            delta.n_packets = (active
                               ? f->stats.n_packets - ukey->packets : 0);
            delta.n_bytes = (f->stats.n_bytes > ukey->bytes
                             ? f->stats.n_bytes - ukey->bytes : 0);
            delta.used = f->stats.used;
            delta.tcp_flags = f->stats.tcp_flags;
            need_reval = (ukey->reval_seq != reval_seq
                          || ukey->xlate_seq != xseq);
            ukey->packets = f->stats.n_packets;
            ukey->bytes = f->stats.n_bytes;
            ukey->reval_seq = reval_seq;
            ukey->xlate_seq = xseq;
            used = MAX(f->stats.used, ukey->created);
            ovs_mutex_unlock(&umap->mutex);

            if (now - used > max_idle) {
                result = UKEY_DELETE;
            } else {
                if (active) {
                    push_stats(udpif, f, &delta);
                }
                if (need_reval) {
                    result = revalidate_flow(udpif, f, &new_actions[i],
                                             &new_masks[i]);
                }
            }

            if (VLOG_IS_DBG_ENABLED()) {
                struct ds ds = DS_EMPTY_INITIALIZER;

                odp_flow_key_format(f->key, f->key_len, &ds);
                VLOG_DBG("revalidate %s: %s%s%s", ds_cstr(&ds),
                         result == UKEY_DELETE ? "delete"
                         : result == UKEY_MODIFY ? "modify" : "keep",
                         need_reval ? " (retranslated)" : "",
                         active ? " (active)" : "");
                ds_destroy(&ds);
            }
            if (result != UKEY_DELETE) {
                xlate_frozen_states_mark_flow(f->key, f->key_len,
                                              f->actions, f->actions_len);
            }
            if (result == UKEY_MODIFY && !udpif_modify_ok) {
                /* Replace the flow by deleting it: the next packet
                 * installs the new one. */
                result = UKEY_DELETE;
            }
            if (result == UKEY_DELETE) {
                struct dpif_op *op = &ops[n_ops++];

                op_flow[n_ops - 1] = i;
                memset(op, 0, sizeof *op);
                op->type = DPIF_OP_FLOW_DEL;
                op->flow_del.key = f->key;
                op->flow_del.key_len = f->key_len;
                op->flow_del.ufid = f->ufid_present ? &f->ufid : NULL;
                op->flow_del.pmd_id = f->pmd_id;
                ovs_mutex_lock(&umap->mutex);
                ukey = ukey_lookup(umap, &f->ufid, f->pmd_id);
                if (ukey) {
                    hmap_remove(&umap->map, &ukey->hmap_node);
                    free(ukey);
                }
                ovs_mutex_unlock(&umap->mutex);
            } else if (result == UKEY_MODIFY) {
                struct dpif_op *op = &ops[n_ops++];

                op_flow[n_ops - 1] = i;
                memset(op, 0, sizeof *op);
                op->type = DPIF_OP_FLOW_PUT;
                op->flow_put.flags = DPIF_FP_MODIFY;
                op->flow_put.key = f->key;
                op->flow_put.key_len = f->key_len;
                op->flow_put.mask = new_masks[i].data;
                op->flow_put.mask_len = new_masks[i].size;
                op->flow_put.actions = new_actions[i].data;
                op->flow_put.actions_len = new_actions[i].size;
                op->flow_put.ufid = f->ufid_present ? &f->ufid : NULL;
                op->flow_put.pmd_id = f->pmd_id;
            }
        }
        for (i = 0; i < n_ops; i++) {
            opsp[i] = &ops[i];
        }
        if (n_ops) {
            dpif_operate(udpif->dpif, opsp, n_ops);
        }
        for (i = 0; i < n_ops; i++) {
            if (ops[i].error && ops[i].type == DPIF_OP_FLOW_PUT) {
                /* Could not fix it: delete it instead (the next packet
                 * installs a fresh one). */
                const struct dpif_flow *f = &flows[op_flow[i]];

                dpif_flow_del(udpif->dpif, f->key, f->key_len,
                              f->ufid_present ? &f->ufid : NULL, f->pmd_id,
                              NULL);
            }
        }
        for (i = 0; i < n; i++) {
            ofpbuf_uninit(&new_actions[i]);
            ofpbuf_uninit(&new_masks[i]);
        }
    }
    dpif_flow_dump_thread_destroy(dump_thread);
}

/* Forgets the ukeys of flows that the last dump did not return (except
 * those installed since it started). */
static void
sweep_ukeys(struct udpif *udpif)
{
    size_t i;

    for (i = 0; i < N_UMAPS; i++) {
        struct umap *umap = &udpif->umaps[i];
        struct udpif_key *ukey;

        ovs_mutex_lock(&umap->mutex);
        HMAP_FOR_EACH_SAFE (ukey, hmap_node, &umap->map) {
            if (ukey->dump_seq != udpif->cur_dump_seq
                && ukey->created < udpif->dump_start) {
                hmap_remove(&umap->map, &ukey->hmap_node);
                free(ukey);
            }
        }
        ovs_mutex_unlock(&umap->mutex);
    }
}

/* Adapts the flow limit to how long the dump of 'n_flows' flows took, as
 * upstream does: shrink when dumps get slow, grow while they are fast. */
static void
adapt_flow_limit(struct udpif *udpif, uint64_t n_flows)
{
    long long int duration = udpif->dump_duration;
    unsigned int limit = udpif_flow_limit(udpif);
    unsigned int global = __atomic_load_n(&flow_limit_global,
                                          __ATOMIC_RELAXED);

    if (duration > 2000) {
        limit /= duration / 1000;
    } else if (duration > 1300) {
        limit = limit * 3 / 4;
    } else if (duration < 1000 && n_flows > 2000
               && limit < n_flows * 1000 / MAX(duration, 1)) {
        limit += 1000;
    }
    limit = MIN(global, MAX(limit, 1000));
    __atomic_store_n(&udpif->flow_limit, limit, __ATOMIC_RELAXED);
}

/* Returns true if 'udpif''s datapath has no flow and no ukey is left:
 * then a revalidation round has nothing to do. */
static bool
udpif_is_empty(struct udpif *udpif)
{
    struct dpif_dp_stats stats;

    /* The ukeys first: reading their counts takes no lock and no system
     * call (a count read while it changes only makes the answer "not
     * empty" or, for a ukey being inserted, is covered by 'n_translating',
     * see udpif_revalidate()). */
    for (size_t i = 0; i < N_UMAPS; i++) {
        if (__atomic_load_n(&udpif->umaps[i].map.n, __ATOMIC_RELAXED)) {
            return false;
        }
    }
    return !dpif_get_dp_stats(udpif->dpif, &stats) && !stats.n_flows;
}

/* Called by the leading revalidator after a round: sleeps until the next
 * round is due, revalidation is requested (the 'reval_seq' of 'udpif'
 * moves from 'last_reval_seq'), or we must exit. */
static void
udpif_revalidator_sleep(struct udpif *udpif, uint64_t last_reval_seq)
{
    if (seq_read(udpif->reval_seq) == last_reval_seq
        && xlate_change_seq() == udpif->xlate_seq_at_dump) {
        poll_timer_wait_until(udpif->dump_start
                              + MIN(max_idle_get(), DUMP_INTERVAL));
        seq_wait(udpif->reval_seq, last_reval_seq);
        latch_wait(&udpif->exit_latch);
        poll_block();
    }
}

static void *
udpif_revalidator(void *arg)
{
    struct revalidator *r = arg;
    struct udpif *udpif = r->udpif;
    bool leader = r->index == 0;
    uint64_t last_reval_seq = seq_read(udpif->reval_seq);

    r->id = ovsthread_id_self();
    for (;;) {
        if (leader) {
            udpif->reval_exit = latch_is_set(&udpif->exit_latch);
            if (!udpif->reval_exit) {
                last_reval_seq = seq_read(udpif->reval_seq);
                udpif->reval_seq_at_dump = last_reval_seq;
                udpif->xlate_seq_at_dump = xlate_change_seq();
                udpif->cur_dump_seq = udpif->n_dumps + 1;
                udpif->dump_start = time_msec();
                if (udpif_is_empty(udpif)) {
                    /* Nothing to revalidate: the round counts as a dump
                     * without one (a burst of flow mods on a switch
                     * without traffic asks for a round per main loop
                     * iteration).  The other revalidators stay at the
                     * barrier. */
                    udpif->dump_duration = 0;
                    udpif->avg_n_flows /= 2;
                    adapt_flow_limit(udpif, 0);
                    xlate_frozen_states_sweep(udpif->backer,
                                              udpif->dump_start);
                    __atomic_store_n(&udpif->n_dumps, udpif->cur_dump_seq,
                                     __ATOMIC_RELEASE);
                    seq_change(udpif->dump_seq);
                    udpif_revalidator_sleep(udpif, last_reval_seq);
                    continue;
                }
                udpif->dump = dpif_flow_dump_create(udpif->dpif, false,
                                                    NULL);
            }
        }
        pthread_barrier_wait(&udpif->reval_barrier);
        if (udpif->reval_exit) {
            break;
        }

        revalidate(r);

        pthread_barrier_wait(&udpif->reval_barrier);
        if (leader) {
            struct dpif_dp_stats stats;
            uint64_t n_flows = 0;

            dpif_flow_dump_destroy(udpif->dump);
            udpif->dump = NULL;
            udpif->dump_duration = time_msec() - udpif->dump_start;
            sweep_ukeys(udpif);
            xlate_frozen_states_sweep(udpif->backer, udpif->dump_start);
            if (!dpif_get_dp_stats(udpif->dpif, &stats)) {
                n_flows = stats.n_flows;
            }
            udpif->avg_n_flows = (udpif->avg_n_flows + n_flows) / 2;
            udpif->max_n_flows = MAX(udpif->max_n_flows, n_flows);
            adapt_flow_limit(udpif, n_flows);
            __atomic_store_n(&udpif->n_dumps, udpif->cur_dump_seq,
                             __ATOMIC_RELEASE);
            seq_change(udpif->dump_seq);

            udpif_revalidator_sleep(udpif, last_reval_seq);
        }
    }
    return NULL;
}

/* unixctl commands. */

static void
upcall_unixctl_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct udpif *udpif;

    LIST_FOR_EACH (udpif, list_node, &all_udpifs) {
        struct dpif_dp_stats stats;
        uint64_t n_flows = 0;
        size_t i;

        if (!dpif_get_dp_stats(udpif->dpif, &stats)) {
            n_flows = stats.n_flows;
        }
        ds_put_format(&ds, "%s:\n", dpif_name(udpif->dpif));
        ds_put_format(&ds, "  flows         : (current %"PRIu64")"
                      " (avg %u) (max %u) (limit %u)\n", n_flows,
                      udpif->avg_n_flows, udpif->max_n_flows,
                      udpif_flow_limit(udpif));
        ds_put_format(&ds, "  dump duration : %lldms\n",
                      udpif->dump_duration);
        ds_put_format(&ds, "  ufid enabled : true\n");
        ds_put_char(&ds, '\n');
        for (i = 0; i < udpif->n_revalidators_running; i++) {
            struct revalidator *r = &udpif->revalidators[i];

            ds_put_format(&ds, "  %u: (keys %zu)\n", r->id,
                          ukeys_count(udpif, i,
                                      udpif->n_revalidators_running));
        }
    }
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
upcall_unixctl_wait(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct udpif *udpif;

    LIST_FOR_EACH (udpif, list_node, &all_udpifs) {
        udpif_synchronize(udpif);
    }
    unixctl_command_reply(conn, "");
}

static void
upcall_unixctl_purge(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct udpif *udpif;

    LIST_FOR_EACH (udpif, list_node, &all_udpifs) {
        udpif_flush(udpif);
    }
    unixctl_command_reply(conn, "");
}

static void
upcall_unixctl_set_flow_limit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                              const char *argv[], void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct udpif *udpif;
    unsigned int limit = strtoul(argv[1], NULL, 10);

    LIST_FOR_EACH (udpif, list_node, &all_udpifs) {
        __atomic_store_n(&udpif->flow_limit, limit, __ATOMIC_RELAXED);
    }
    ds_put_format(&ds, "set flow_limit to %u\n", limit);
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

void
udpif_init(void)
{
    static bool inited;

    if (inited) {
        return;
    }
    inited = true;
    unixctl_command_register("upcall/show", "", 0, 0, upcall_unixctl_show,
                             NULL);
    unixctl_command_register("revalidator/wait", "", 0, 0,
                             upcall_unixctl_wait, NULL);
    unixctl_command_register("revalidator/purge", "", 0, 0,
                             upcall_unixctl_purge, NULL);
    unixctl_command_register("upcall/set-flow-limit", "flow-limit-number",
                             1, 1, upcall_unixctl_set_flow_limit, NULL);
}
