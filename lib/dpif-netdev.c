/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The userspace datapath: datapath types "netdev" and "dummy".
 *
 * A datapath ("dp") has ports, each a netdev with its receive queues, and
 * execution contexts ("pmds", after upstream's poll-mode drivers): the
 * main thread's (NON_PMD_CORE_ID), which reads the ports that have no
 * file descriptor to sleep on (dummy devices) from dpif_netdev_run(), and
 * one per forwarding thread, which reads the rxqs of the devices that do
 * (netdev-linux) and sleeps in epoll_wait() when all of them are idle.
 * With one forwarding thread per CPU (the default), thread i reads queue i
 * of every "system" device, which receives what CPU i received (see
 * netdev_linux_n_cpus()), and runs on CPU i while its traffic is light
 * (on any CPU while it is heavy: see struct pmd_placement).
 *
 * Each pmd has its own flow table (by UFID) and megaflow classifier
 * (dpif-netdev-dpcls.c), with an exact-match cache (EMC) in front of it.
 * A packet is looked up in the EMC, then in the classifier; on a miss the
 * upcall callback translates it, and the datapath installs the megaflow
 * and executes the actions through odp-execute, with callbacks for the
 * actions that need the datapath (output, userspace, recirc).
 *
 * Locking: the per-packet path takes no lock.  Flow tables, classifiers,
 * the port table and the pmds' rxq lists are read under RCU; writers hold
 * the pmd's 'flow_mutex' (flows) or the dp's 'port_mutex' (ports).  The
 * main thread's pmd is also used by dpif_execute() from other threads, so
 * it is serialized by 'non_pmd_mutex'. */

#include <config.h>
#include "dpif-netdev.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "coverage.h"
#include "dp-packet.h"
#include "dpif-netdev-dpcls.h"
#include "dpif-netdev-meter.h"
#include "dpif-provider.h"
#include "flow.h"
#include "hash.h"
#include "latch.h"
#include "netdev-linux.h"
#include "netdev-provider.h"
#include "netdev.h"
#include "netlink.h"
#include "odp-execute.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/shash.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "packets.h"
#include "poll-loop.h"
#include "random.h"
#include "seq.h"
#include "smap.h"
#include "sset.h"
#include "timeval.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(dpif_netdev);

COVERAGE_DEFINE(datapath_drop_upcall_error);
COVERAGE_DEFINE(datapath_drop_lock_error);
COVERAGE_DEFINE(datapath_drop_recirc_error);
COVERAGE_DEFINE(datapath_drop_invalid_port);
COVERAGE_DEFINE(dpif_netdev_flow_limit);

/* Largest port number plus one. */
#define MAX_PORTS 65535

/* Hard cap on the flows of one pmd's table. */
#define MAX_FLOWS_PER_PMD 65536

/* Maximum recirculation depth of a packet. */
#define MAX_RECIRC_DEPTH 6

/* Exact-match cache size (a power of 2) and housekeeping interval. */
#define EMC_ENTRIES 4096
#define EMC_MASK (EMC_ENTRIES - 1)
#define EMC_SWEEP_SLICE 512
#define PMD_HOUSEKEEPING_MS 1000

/* Batches the main thread reads per rxq per dpif_netdev_run(). */
#define MAIN_BATCHES_PER_RUN 4

/* Most flows returned by one flow_dump_next() call. */
#define FLOW_DUMP_MAX_BATCH 50

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Datapaths, by name: each data is a "struct dp_netdev *".  Protected by
 * 'dp_netdev_mutex'. */
static struct ovs_mutex dp_netdev_mutex = OVS_MUTEX_INITIALIZER;
static struct shash dp_netdevs = SHASH_INITIALIZER(&dp_netdevs);

/* A datapath flow's actions, replaced as a whole (RCU). */
struct dp_netdev_actions {
    size_t size;                /* Size of 'actions' in bytes. */
    struct nlattr actions[];    /* OVS_ACTION_ATTR_* attributes. */
};

/* A datapath flow (megaflow) in one pmd's table. */
struct dp_netdev_flow {
    struct cds_lfht_node node;  /* In the pmd's 'flow_table', by UFID. */
    struct dpcls_rule cr;       /* In the pmd's classifier. */
    ovs_u128 ufid;              /* Unique flow identifier. */
    struct flow flow;           /* The key as installed (unmasked). */
    unsigned pmd_id;            /* Core id of the owning pmd. */
    bool dead;                  /* True once removed from the tables. */
    int ref_cnt;                /* References (atomic). */
    struct dp_netdev_actions *actions; /* RCU-protected. */

    /* Statistics, updated by the owning thread, read by any (atomic,
     * relaxed). */
    uint64_t n_packets;         /* Packets matched. */
    uint64_t n_bytes;           /* Bytes matched. */
    long long int used;         /* Last used (time_msec()), 0 if never. */
    uint16_t tcp_flags;         /* OR of TCP flags seen. */
};

/* One exact-match cache entry. */
struct emc_entry {
    struct dp_netdev_flow *flow; /* Holds a reference, or NULL. */
    uint32_t hash;              /* Hash of 'key'. */
    struct flow key;            /* The packet's full flow. */
};

/* A pmd's exact-match cache: only its thread touches it. */
struct emc_cache {
    struct emc_entry entries[EMC_ENTRIES]; /* Two-way hashed entries. */
    size_t sweep_idx;           /* Next entry for emc_sweep(). */
};

/* Per-pmd counters, summed on read. */
enum pmd_stat {
    PMD_STAT_EXACT_HIT,         /* Packets that hit in the EMC. */
    PMD_STAT_MASKED_HIT,        /* Packets that hit in the classifier. */
    PMD_STAT_MISS,              /* Packets that missed (upcalls). */
    PMD_STAT_LOST,              /* Upcalls that failed. */
    PMD_STAT_MASKED_LOOKUP,     /* Subtables visited for masked hits. */
    PMD_STAT_RECV,              /* Packets received from rxqs. */
    PMD_STAT_RECIRC,            /* Packets recirculated. */
    PMD_STAT_SENT_PKTS,         /* Packets sent to ports. */
    PMD_STAT_SENT_BATCHES,      /* Batches sent to ports. */
    PMD_N_STATS
};

/* An rxq assigned to a pmd. */
struct pmd_rxq {
    struct netdev_rxq *rxq;     /* The queue. */
    odp_port_t port_no;         /* Its port. */
};

/* A pmd's rxqs, replaced as a whole (RCU). */
struct pmd_rxqs {
    uint64_t gen;               /* Differs from every earlier set's. */
    size_t n;                   /* Number of rxqs. */
    struct pmd_rxq rxqs[];      /* The rxqs. */
};

/* Most output ports for which a pmd holds packets not yet sent (see
 * struct pmd_tx_pending).  Actions that output to more ports flush the
 * pending packets first. */
#define PMD_MAX_PENDING_PORTS 8

/* Packets that a pmd's actions output to one port and that it sends
 * together when it has processed a whole received batch: each packet of a
 * batch of new flows otherwise went out in its own system call. */
struct pmd_tx_pending {
    struct dp_netdev_port *port; /* The output port (RCU). */
    struct dp_packet_batch batch; /* Packets to send, in output order. */
};

/* An execution context: the main thread's, or a forwarding thread's. */
struct dp_netdev_pmd {
    struct dp_netdev *dp;       /* Owning datapath. */
    unsigned core_id;           /* NON_PMD_CORE_ID, or 0, 1, ... */
    int tx_qid;                 /* Tx queue to use on devices with
                                 * several. */
    pthread_t thread;           /* The thread (forwarding threads). */
    int cpu;                    /* CPU the thread runs on, or -1 if it may
                                 * run anywhere. */
    struct latch wake_latch;    /* Set to wake the thread from sleep:
                                 * 'rxqs' changed, or 'exiting'. */
    bool exiting;               /* Set (atomic) to make the thread exit. */
    struct pmd_rxqs *rxqs;      /* RCU-protected rxqs to read. */

    struct ovs_mutex flow_mutex; /* Protects writes to the tables. */
    struct cds_lfht *flow_table; /* "struct dp_netdev_flow"s by UFID. */
    struct dpcls cls;           /* Megaflow classifier. */
    size_t n_flows;             /* Flows in 'flow_table' (atomic). */
    unsigned long flow_table_buckets; /* Buckets that the last
                                 * dp_netdev_pmd_fit_tables() gave
                                 * 'flow_table' (under 'flow_mutex'). */
    size_t fit_flows;           /* 'n_flows' at the last
                                 * dp_netdev_pmd_fit_tables() (the thread
                                 * that reads 'pmd''s rxqs only). */

    struct emc_cache *emc;      /* Exact-match cache (own thread only). */
    size_t n_pending;           /* Ports in 'pending' (own thread only). */
    struct pmd_tx_pending pending[PMD_MAX_PENDING_PORTS]; /* Packets to
                                 * send at the end of the batch (own thread
                                 * only), see dp_netdev_pmd_flush_output(). */
    long long int next_housekeeping; /* Next EMC sweep and re-sort. */
    uint64_t stats[PMD_N_STATS]; /* Counters (atomic, relaxed). */
};

/* A datapath port. */
struct dp_netdev_port {
    struct cds_lfht_node node;  /* In 'dp->ports', by port number. */
    odp_port_t port_no;         /* Port number. */
    struct netdev *netdev;      /* The device (holds a reference). */
    char *type;                 /* Port type, as dumps report it. */
    bool threaded;              /* True if read by forwarding threads. */
    int n_rxq;                  /* Number of elements in 'rxqs'. */
    struct netdev_rxq **rxqs;   /* Receive queues (NULL entries if the
                                 * device cannot receive). */
};

/* A datapath. */
struct dp_netdev {
    const struct dpif_class *class; /* "netdev" or "dummy". */
    char *name;                 /* Datapath name, e.g. "ovs-netdev". */
    int ref_cnt;                /* Opens plus one while not destroyed
                                 * ('dp_netdev_mutex'). */
    bool destroyed;             /* dpif_delete() called. */

    struct ovs_mutex port_mutex; /* Protects port changes. */
    struct cds_lfht *ports;     /* "struct dp_netdev_port"s (RCU). */
    struct seq *port_seq;       /* Changed on every port change. */

    struct ovs_rwlock upcall_rwlock; /* Write-held while upcalls are
                                 * disabled. */
    upcall_callback *upcall_cb; /* Upcall callback, or NULL. */
    void *upcall_aux;           /* Its argument. */
    bool upcalls_enabled;       /* Main thread's view of the above. */

    struct ovs_mutex non_pmd_mutex; /* Serializes use of 'non_pmd'. */
    struct dp_netdev_pmd *non_pmd; /* The main thread's context. */
    struct pmd_rxqs *main_rxqs; /* Rxqs the main thread reads. */

    struct ovs_mutex pmds_mutex; /* Protects 'pmds' and 'n_pmds'. */
    struct dp_netdev_pmd **pmds; /* Forwarding threads' contexts. */
    size_t n_pmds;              /* Number of forwarding threads. */
    int n_threads_config;       /* other_config:n-forwarding-threads, or
                                 * -1 for one per core. */
    uint32_t emc_insert_min;    /* A classifier hit goes into the EMC if a
                                 * random u32 is <= this (0: never);
                                 * from other_config:emc-insert-inv-prob. */
    struct dp_meter_table *meters; /* Meters (dpif-netdev-meter.h). */
};

/* An open datapath, as dpif.c sees it. */
struct dpif_netdev {
    struct dpif dpif;           /* Generic part. */
    struct dp_netdev *dp;       /* The datapath. */
    uint64_t last_port_seq;     /* For port_poll(). */
};

/* Context of the action callbacks. */
struct dp_netdev_execute_aux {
    struct dp_netdev_pmd *pmd;  /* Executing context. */
    int depth;                  /* Recirculation depth. */
};

static void dp_netdev_input__(struct dp_netdev_pmd *,
                              struct dp_packet_batch *, bool md_is_valid,
                              odp_port_t port_no, int depth);
static void dp_netdev_execute_actions(struct dp_netdev_pmd *,
                                      struct dp_packet_batch *,
                                      bool should_steal,
                                      const struct nlattr *actions,
                                      size_t actions_len, int depth);
static void dp_netdev_reassign_rxqs(struct dp_netdev *);
static void dp_netdev_set_pmds(struct dp_netdev *, size_t n);
static void dp_netdev_pmd_flow_flush(struct dp_netdev_pmd *);

static bool
dpif_netdev_class_is_dummy(const struct dpif_class *class)
{
    return class != &dpif_netdev_class;
}

static struct dpif_netdev *
dpif_netdev_cast(const struct dpif *dpif)
{
    ovs_assert(dpif->dpif_class->open == dpif_netdev_class.open);
    return CONTAINER_OF(dpif, struct dpif_netdev, dpif);
}

static struct dp_netdev *
get_dp_netdev(const struct dpif *dpif)
{
    return dpif_netdev_cast(dpif)->dp;
}

static void
pmd_stat_add(struct dp_netdev_pmd *pmd, enum pmd_stat stat, uint64_t n)
{
    if (n) {
        __atomic_add_fetch(&pmd->stats[stat], n, __ATOMIC_RELAXED);
    }
}

/* Flows. */

static struct dp_netdev_actions *
dp_netdev_actions_create(const struct nlattr *actions, size_t size)
{
    struct dp_netdev_actions *a = xmalloc(sizeof *a + size);

    a->size = size;
    if (size) {
        memcpy(a->actions, actions, size);
    }
    return a;
}

static struct dp_netdev_actions *
dp_netdev_flow_get_actions(const struct dp_netdev_flow *flow)
{
    return rcu_dereference(flow->actions);
}

static void
dp_netdev_flow_free(struct dp_netdev_flow *flow)
{
    free(flow->actions);
    free(flow);
}

static void
dp_netdev_flow_ref(struct dp_netdev_flow *flow)
{
    __atomic_add_fetch(&flow->ref_cnt, 1, __ATOMIC_RELAXED);
}

static void
dp_netdev_flow_unref(struct dp_netdev_flow *flow)
{
    if (flow && !__atomic_sub_fetch(&flow->ref_cnt, 1, __ATOMIC_ACQ_REL)) {
        ovsrcu_postpone(dp_netdev_flow_free, flow);
    }
}

static bool
dp_netdev_flow_is_dead(const struct dp_netdev_flow *flow)
{
    return __atomic_load_n(&flow->dead, __ATOMIC_RELAXED);
}

/* Computes into '*ufid' the UFID of a flow that the datapath creates for
 * key 'flow' (on a miss, or for a put without a UFID). */
static void
dp_netdev_flow_ufid(const struct flow *flow, ovs_u128 *ufid)
{
    dpif_flow_hash(NULL, flow, sizeof *flow, ufid);
}

static uint32_t
ufid_hash(const ovs_u128 *ufid)
{
    return ufid->u32[0];
}

static int
flow_ufid_match(struct cds_lfht_node *node, const void *ufid_)
{
    const struct dp_netdev_flow *flow = CONTAINER_OF(node,
                                                     struct dp_netdev_flow,
                                                     node);
    const ovs_u128 *ufid = ufid_;

    return !memcmp(&flow->ufid, ufid, sizeof *ufid);
}

/* Returns the flow with 'ufid' in 'pmd', or NULL.  Call within an RCU
 * read-side critical section. */
static struct dp_netdev_flow *
dp_netdev_pmd_find_flow(const struct dp_netdev_pmd *pmd,
                        const ovs_u128 *ufid)
{
    struct cds_lfht_iter iter;
    struct cds_lfht_node *node;

    cds_lfht_lookup(pmd->flow_table, ufid_hash(ufid), flow_ufid_match, ufid,
                    &iter);
    node = cds_lfht_iter_get_node(&iter);
    return node ? CONTAINER_OF(node, struct dp_netdev_flow, node) : NULL;
}

/* Returns the live flow of 'pmd' with 'ufid' or, if 'ufid' is NULL, the
 * one whose megaflow matches 'key' (as upstream looks up flows given by
 * key alone), or NULL.  Call within an RCU read-side critical section. */
static struct dp_netdev_flow *
dp_netdev_pmd_find_flow__(const struct dp_netdev_pmd *pmd,
                          const ovs_u128 *ufid, const struct flow *key)
{
    struct dp_netdev_flow *f = NULL;

    if (ufid) {
        f = dp_netdev_pmd_find_flow(pmd, ufid);
    } else if (key) {
        const struct dpcls_rule *rule = dpcls_lookup(&pmd->cls, key, NULL);

        f = rule ? CONTAINER_OF(rule, struct dp_netdev_flow, cr) : NULL;
    }
    return f && !dp_netdev_flow_is_dead(f) ? f : NULL;
}

/* Adds a flow to 'pmd' with key 'flow', mask 'wc', 'ufid' and 'actions'.
 * The caller holds 'pmd->flow_mutex'.  Returns the new flow. */
static struct dp_netdev_flow *
dp_netdev_flow_add(struct dp_netdev_pmd *pmd, const struct flow *flow,
                   const struct flow_wildcards *wc, const ovs_u128 *ufid,
                   const struct nlattr *actions, size_t actions_len)
{
    struct dp_netdev_flow *f = xzalloc(sizeof *f);

    f->ufid = *ufid;
    f->flow = *flow;
    f->pmd_id = pmd->core_id;
    f->ref_cnt = 1;
    f->actions = dp_netdev_actions_create(actions, actions_len);
    dpcls_insert(&pmd->cls, &f->cr, flow, wc);
    cds_lfht_node_init(&f->node);
    rcu_read_lock();
    cds_lfht_add(pmd->flow_table, ufid_hash(ufid), &f->node);
    rcu_read_unlock();
    __atomic_add_fetch(&pmd->n_flows, 1, __ATOMIC_RELAXED);
    return f;
}

/* Removes 'flow' from 'pmd''s tables and drops the tables' reference.  The
 * caller holds 'pmd->flow_mutex'. */
static void
dp_netdev_pmd_remove_flow(struct dp_netdev_pmd *pmd,
                          struct dp_netdev_flow *flow)
{
    rcu_read_lock();
    cds_lfht_del(pmd->flow_table, &flow->node);
    rcu_read_unlock();
    dpcls_remove(&pmd->cls, &flow->cr);
    __atomic_store_n(&flow->dead, true, __ATOMIC_RELAXED);
    __atomic_sub_fetch(&pmd->n_flows, 1, __ATOMIC_RELAXED);
    dp_netdev_flow_unref(flow);
}

static void
get_dpif_flow_stats(const struct dp_netdev_flow *flow,
                    struct dpif_flow_stats *stats)
{
    stats->n_packets = __atomic_load_n(&flow->n_packets, __ATOMIC_RELAXED);
    stats->n_bytes = __atomic_load_n(&flow->n_bytes, __ATOMIC_RELAXED);
    stats->used = __atomic_load_n(&flow->used, __ATOMIC_RELAXED);
    stats->tcp_flags = __atomic_load_n(&flow->tcp_flags, __ATOMIC_RELAXED);
}

static void
dp_netdev_flow_zero_stats(struct dp_netdev_flow *flow)
{
    __atomic_store_n(&flow->n_packets, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&flow->n_bytes, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&flow->used, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&flow->tcp_flags, 0, __ATOMIC_RELAXED);
}

static void
dp_netdev_flow_used(struct dp_netdev_flow *flow, uint64_t n_packets,
                    uint64_t n_bytes, uint16_t tcp_flags, long long int now)
{
    __atomic_add_fetch(&flow->n_packets, n_packets, __ATOMIC_RELAXED);
    __atomic_add_fetch(&flow->n_bytes, n_bytes, __ATOMIC_RELAXED);
    __atomic_store_n(&flow->used, now, __ATOMIC_RELAXED);
    if (tcp_flags) {
        __atomic_or_fetch(&flow->tcp_flags, tcp_flags, __ATOMIC_RELAXED);
    }
}

/* Exact-match cache. */

/* Adds the 'n' bytes at 'p' ('n' a multiple of 4) to 'hash'. */
static inline uint32_t
emc_hash_add_bytes(uint32_t hash, const void *p, size_t n)
{
    const uint8_t *b = p;

    for (size_t i = 0; i < n; i += 4) {
        uint32_t w;

        memcpy(&w, b + i, 4);
        hash = hash_add(hash, w);
    }
    return hash;
}

/* Returns the EMC hash of 'key'.  It covers only the fields in which the
 * packets of a port usually differ (port, recirculation, L2, L3 addresses,
 * protocol, L4 ports), not the whole structure, which is mostly zeros:
 * hashing all of it dominated the cost of a hit.  The EMC compares whole
 * keys, so keys that differ only elsewhere (e.g. in tunnel metadata) still
 * get entries of their own; they merely share buckets. */
static uint32_t
emc_hash(const struct flow *key)
{
    uint32_t hash = 0;

    hash = emc_hash_add_bytes(hash, &key->in_port, sizeof key->in_port);
    hash = hash_add(hash, key->recirc_id);
    hash = hash_add(hash, key->dp_hash);
    hash = emc_hash_add_bytes(hash, &key->dl_dst, 16);
    hash = emc_hash_add_bytes(hash, key->vlans, sizeof key->vlans);
    hash = hash_add(hash, (uint32_t) key->nw_proto << 8 | key->nw_frag);
    if (key->dl_type == htons(ETH_TYPE_IPV6)) {
        hash = emc_hash_add_bytes(hash, &key->ipv6_src, 32);
    } else {
        hash = emc_hash_add_bytes(hash, &key->nw_src, 8);
    }
    hash = emc_hash_add_bytes(hash, &key->tp_src, 4);
    return hash_finish(hash, sizeof *key);
}

static struct emc_entry *
emc_probe(struct emc_cache *emc, uint32_t hash, int way)
{
    return &emc->entries[(way ? hash >> 16 ^ hash << 3 : hash) & EMC_MASK];
}

/* Returns the live flow cached for 'key' (with hash 'hash'), or NULL. */
static struct dp_netdev_flow *
emc_lookup(struct emc_cache *emc, const struct flow *key, uint32_t hash)
{
    for (int way = 0; way < 2; way++) {
        struct emc_entry *e = emc_probe(emc, hash, way);

        if (e->flow && e->hash == hash && !dp_netdev_flow_is_dead(e->flow)
            && !memcmp(&e->key, key, sizeof *key)) {
            return e->flow;
        }
    }
    return NULL;
}

static void
emc_entry_set(struct emc_entry *e, struct dp_netdev_flow *flow,
              const struct flow *key, uint32_t hash)
{
    if (e->flow != flow) {
        dp_netdev_flow_unref(e->flow);
        if (flow) {
            dp_netdev_flow_ref(flow);
        }
        e->flow = flow;
    }
    if (flow) {
        e->key = *key;
        e->hash = hash;
    }
}

/* Caches 'flow' for 'key': in a free or stale way if there is one,
 * otherwise replacing the first way. */
static void
emc_insert(struct emc_cache *emc, const struct flow *key, uint32_t hash,
           struct dp_netdev_flow *flow)
{
    struct emc_entry *victim = NULL;

    for (int way = 0; way < 2; way++) {
        struct emc_entry *e = emc_probe(emc, hash, way);

        if (e->flow && e->hash == hash && !memcmp(&e->key, key, sizeof *key)) {
            emc_entry_set(e, flow, key, hash);
            return;
        }
        if (!victim && (!e->flow || dp_netdev_flow_is_dead(e->flow))) {
            victim = e;
        }
    }
    emc_entry_set(victim ? victim : emc_probe(emc, hash, 0), flow, key, hash);
}

/* Returns true if a classifier hit should be cached in the EMC: with
 * probability 1/emc-insert-inv-prob (1/100 by default, as upstream), so
 * that the EMC holds the heavy hitters. */
static bool
emc_should_insert(const struct dp_netdev *dp)
{
    uint32_t min = __atomic_load_n(&dp->emc_insert_min, __ATOMIC_RELAXED);

    return min && (min == UINT32_MAX || random_uint32() <= min);
}

/* Drops references to dead flows in a slice of 'emc' (all of it if
 * 'all'), so that their memory can go. */
static void
emc_sweep(struct emc_cache *emc, bool all)
{
    size_t n = all ? EMC_ENTRIES : EMC_SWEEP_SLICE;

    for (size_t i = 0; i < n; i++) {
        struct emc_entry *e = &emc->entries[emc->sweep_idx];

        if (e->flow && (all || dp_netdev_flow_is_dead(e->flow))) {
            emc_entry_set(e, NULL, NULL, 0);
        }
        emc->sweep_idx = (emc->sweep_idx + 1) & EMC_MASK;
    }
}

/* Ports. */

static uint32_t
port_hash(odp_port_t port_no)
{
    return hash_int(odp_to_u32(port_no), 0);
}

static int
port_no_match(struct cds_lfht_node *node, const void *port_no_)
{
    const struct dp_netdev_port *port = CONTAINER_OF(node,
                                                     struct dp_netdev_port,
                                                     node);
    return port->port_no == *(const odp_port_t *) port_no_;
}

/* Returns port 'port_no' of 'dp', or NULL.  Call within an RCU read-side
 * critical section (or holding 'port_mutex'). */
static struct dp_netdev_port *
dp_netdev_lookup_port(const struct dp_netdev *dp, odp_port_t port_no)
{
    struct cds_lfht_iter iter;
    struct cds_lfht_node *node;

    cds_lfht_lookup(dp->ports, port_hash(port_no), port_no_match, &port_no,
                    &iter);
    node = cds_lfht_iter_get_node(&iter);
    return node ? CONTAINER_OF(node, struct dp_netdev_port, node) : NULL;
}

/* Returns the port named 'devname', or NULL.  Same rules as above. */
static struct dp_netdev_port *
dp_netdev_lookup_port_by_name(const struct dp_netdev *dp,
                              const char *devname)
{
    struct cds_lfht_iter iter;
    struct dp_netdev_port *port;

    cds_lfht_for_each_entry (dp->ports, &iter, port, node) {
        if (!strcmp(netdev_get_name(port->netdev), devname)) {
            return port;
        }
    }
    return NULL;
}

/* Returns true if 'netdev' is read by forwarding threads: devices with a
 * file descriptor to sleep on (the Linux classes).  Other devices (dummy
 * ones) are read by the main thread, which keeps tests deterministic. */
static bool
netdev_is_threaded(const struct netdev *netdev)
{
    const struct netdev_class *class = netdev_get_class(netdev);

    return !class->is_pmd
           && (class == &netdev_linux_class
               || class == &netdev_internal_class
               || class == &netdev_tap_class);
}

/* Picks a free port number for a port named 'name': on the dummy datapath
 * the number at the end of the name when it is free (so that "p1" is port
 * 1, and bridge "brN" is port 100+N, as upstream does), otherwise the
 * lowest free number from 1.  Returns ODPP_NONE if every number is
 * taken. */
static odp_port_t
choose_port(struct dp_netdev *dp, const char *name)
{
    if (dpif_netdev_class_is_dummy(dp->class)) {
        const char *p;
        size_t len = strlen(name);
        size_t start_no = 0;

        for (p = name + len; p > name && p[-1] >= '0' && p[-1] <= '9'; p--) {
            continue;
        }
        if (*p && len - (p - name) <= 5) {
            unsigned long n = strtoul(p, NULL, 10);

            if (!strncmp(name, "br", 2)) {
                start_no = 100;
            }
            n += start_no;
            if (n < MAX_PORTS
                && !dp_netdev_lookup_port(dp, u32_to_odp(n))) {
                return u32_to_odp(n);
            }
        }
    }
    for (uint32_t n = 1; n < MAX_PORTS; n++) {
        if (!dp_netdev_lookup_port(dp, u32_to_odp(n))) {
            return u32_to_odp(n);
        }
    }
    return ODPP_NONE;
}

/* Adds 'netdev' as port 'port_no' of 'dp'.  The caller holds
 * 'dp->port_mutex'. */
static int
do_add_port(struct dp_netdev *dp, struct netdev *netdev, odp_port_t port_no)
{
    struct dp_netdev_port *port = xzalloc(sizeof *port);
    enum netdev_flags flags;

    port->port_no = port_no;
    port->netdev = netdev_ref(netdev);
    port->type = xstrdup(netdev_get_type(netdev));
    port->threaded = netdev_is_threaded(netdev);
    port->n_rxq = MAX(netdev_n_rxq(netdev), 1);
    port->rxqs = xcalloc(port->n_rxq, sizeof *port->rxqs);
    for (int i = 0; i < port->n_rxq; i++) {
        int error = netdev_rxq_open(netdev, &port->rxqs[i], i);

        if (error && error != EOPNOTSUPP) {
            VLOG_ERR("%s: cannot receive packets on this network device "
                     "(%s)", netdev_get_name(netdev), ovs_strerror(error));
            for (int j = 0; j < i; j++) {
                netdev_rxq_close(port->rxqs[j]);
            }
            free(port->rxqs);
            free(port->type);
            netdev_close(port->netdev);
            free(port);
            return error;
        }
    }
    if (strcmp(port->type, "tap") && strcmp(port->type, "internal")
        && strcmp(port->type, "dummy-internal")) {
        netdev_turn_flags_on(netdev, NETDEV_PROMISC, &flags);
    }

    cds_lfht_node_init(&port->node);
    rcu_read_lock();
    cds_lfht_add(dp->ports, port_hash(port_no), &port->node);
    rcu_read_unlock();
    seq_change(dp->port_seq);
    dp_netdev_reassign_rxqs(dp);
    return 0;
}

/* Removes 'port' from 'dp' and frees it once no thread can see it.  The
 * caller holds 'dp->port_mutex' and is not in an RCU read-side critical
 * section. */
static void
do_del_port(struct dp_netdev *dp, struct dp_netdev_port *port)
{
    rcu_read_lock();
    cds_lfht_del(dp->ports, &port->node);
    rcu_read_unlock();
    seq_change(dp->port_seq);
    dp_netdev_reassign_rxqs(dp);
    ovsrcu_synchronize();

    for (int i = 0; i < port->n_rxq; i++) {
        netdev_rxq_close(port->rxqs[i]);
    }
    free(port->rxqs);
    free(port->type);
    netdev_close(port->netdev);
    free(port);
}

/* Pmds. */

/* dp_netdev_pmd_fit_tables() looks at a pmd's tables each time the number
 * of its flows has grown or shrunk by a quarter, or by this many, since the
 * last look. */
#define PMD_FIT_MIN_FLOWS 128

static struct dp_netdev_pmd *
dp_netdev_pmd_create(struct dp_netdev *dp, unsigned core_id, int tx_qid)
{
    struct dp_netdev_pmd *pmd = xzalloc(sizeof *pmd);

    pmd->dp = dp;
    pmd->core_id = core_id;
    pmd->tx_qid = tx_qid;
    pmd->cpu = -1;
    latch_init(&pmd->wake_latch);
    pmd->rxqs = xzalloc(sizeof *pmd->rxqs);
    ovs_mutex_init(&pmd->flow_mutex);
    pmd->flow_table = cds_lfht_new(64, 64, 0,
                                   CDS_LFHT_AUTO_RESIZE | CDS_LFHT_ACCOUNTING,
                                   NULL);
    ovs_assert(pmd->flow_table);
    pmd->flow_table_buckets = 64;
    dpcls_init(&pmd->cls);
    pmd->emc = xzalloc(sizeof *pmd->emc);
    return pmd;
}

/* Frees 'pmd', whose thread (if any) has exited. */
static void
dp_netdev_pmd_destroy(struct dp_netdev_pmd *pmd)
{
    emc_sweep(pmd->emc, true);
    free(pmd->emc);
    dp_netdev_pmd_flow_flush(pmd);
    ovsrcu_synchronize();
    dpcls_destroy(&pmd->cls);
    cds_lfht_destroy(pmd->flow_table, NULL);
    ovs_mutex_destroy(&pmd->flow_mutex);
    latch_destroy(&pmd->wake_latch);
    ovsrcu_postpone(free, pmd->rxqs);
    ovsrcu_barrier();
    dpcls_run();
    free(pmd);
}

/* Removes every flow of 'pmd'. */
static void
dp_netdev_pmd_flow_flush(struct dp_netdev_pmd *pmd)
{
    struct cds_lfht_iter iter;
    struct dp_netdev_flow *flow;

    ovs_mutex_lock(&pmd->flow_mutex);
    rcu_read_lock();
    cds_lfht_for_each_entry (pmd->flow_table, &iter, flow, node) {
        rcu_read_unlock();
        dp_netdev_pmd_remove_flow(pmd, flow);
        rcu_read_lock();
    }
    rcu_read_unlock();
    ovs_mutex_unlock(&pmd->flow_mutex);
}

/* Periodic work of a pmd, in its own thread: drop EMC references to dead
 * flows and re-rank the classifier's subtables. */
static void
dp_netdev_pmd_housekeeping(struct dp_netdev_pmd *pmd, long long int now)
{
    if (now < pmd->next_housekeeping) {
        return;
    }
    pmd->next_housekeeping = now + PMD_HOUSEKEEPING_MS;
    emc_sweep(pmd->emc, false);
    if (dpcls_sort_due(&pmd->cls, now)
        && !ovs_mutex_trylock(&pmd->flow_mutex)) {
        dpcls_sort_subtables(&pmd->cls);
        ovs_mutex_unlock(&pmd->flow_mutex);
    }
}

/* Fits 'pmd''s flow table and the hash tables of its classifier's
 * subtables to the number of their entries (see dpcls_lfht_fit()), when the
 * number of flows has changed enough since the last look (see
 * PMD_FIT_MIN_FLOWS).
 *
 * liburcu resizes a table created with CDS_LFHT_AUTO_RESIZE in a worker
 * thread of its own, lazily, each step after grace periods: when a burst
 * of new flows arrives (thousands of upcalls a second), the tables keep
 * their size for a long while and every lookup, of each packet in the
 * classifier and of each upcall's UFID, walks a chain hundreds of nodes
 * long (a third of the forwarding thread's time when setting up 9,000
 * flows on a loaded machine, whose load starves liburcu's worker).
 * cds_lfht_resize() resizes at once, in the calling thread.
 *
 * Call from forwarding thread 'pmd' itself, outside any RCU read-side
 * critical section: resizing waits for grace periods, while holding
 * 'pmd->flow_mutex', which no thread locks from inside such a section
 * (the thread itself does, in upcalls, but not while it calls this).
 * Not for the main thread's pmd, whose 'non_pmd_mutex' a thread inside a
 * read-side section may wait for (dpif_netdev_execute()); its tables,
 * which hold the flows of the few devices that the main thread reads, keep
 * liburcu's resizing.  Does nothing if another thread holds
 * 'pmd->flow_mutex' (the next call retries). */
static void
dp_netdev_pmd_fit_tables(struct dp_netdev_pmd *pmd)
{
    size_t n = __atomic_load_n(&pmd->n_flows, __ATOMIC_RELAXED);
    size_t base = pmd->fit_flows;
    size_t step = MAX(base / 4, PMD_FIT_MIN_FLOWS);

    if ((n < base + step && n + step > base) || rcu_read_ongoing()
        || ovs_mutex_trylock(&pmd->flow_mutex)) {
        return;
    }
    n = __atomic_load_n(&pmd->n_flows, __ATOMIC_RELAXED);
    dpcls_lfht_fit(pmd->flow_table, n, 64, &pmd->flow_table_buckets);
    dpcls_fit(&pmd->cls);
    pmd->fit_flows = n;
    ovs_mutex_unlock(&pmd->flow_mutex);
}

/* Sends the packets of 'pmd''s pending output 'p' and empties it. */
static void
dp_netdev_pmd_send_pending(struct dp_netdev_pmd *pmd,
                           struct pmd_tx_pending *p)
{
    struct netdev *netdev = p->port->netdev;

    pmd_stat_add(pmd, PMD_STAT_SENT_PKTS, p->batch.count);
    pmd_stat_add(pmd, PMD_STAT_SENT_BATCHES, 1);
    netdev_send(netdev, pmd->tx_qid % netdev_n_txq(netdev), &p->batch, true);
    dp_packet_batch_init(&p->batch);
}

/* Sends every packet that 'pmd''s actions output since the last call.
 * Call before leaving the RCU read-side critical section in which the
 * actions ran (the pending packets refer to ports by pointer), and, for
 * the main thread's pmd, before releasing 'non_pmd_mutex'. */
static void
dp_netdev_pmd_flush_output(struct dp_netdev_pmd *pmd)
{
    for (size_t i = 0; i < pmd->n_pending; i++) {
        dp_netdev_pmd_send_pending(pmd, &pmd->pending[i]);
    }
    pmd->n_pending = 0;
}

/* Queues the packets of 'out' (consumed) for output to 'port' at the next
 * dp_netdev_pmd_flush_output() of 'pmd'.  Packets output to one port keep
 * their order. */
static void
dp_netdev_pmd_queue_output(struct dp_netdev_pmd *pmd,
                           struct dp_netdev_port *port,
                           struct dp_packet_batch *out)
{
    struct pmd_tx_pending *p = NULL;
    struct dp_packet *packet;

    for (size_t i = 0; i < pmd->n_pending; i++) {
        if (pmd->pending[i].port == port) {
            p = &pmd->pending[i];
            break;
        }
    }
    if (!p) {
        if (pmd->n_pending >= PMD_MAX_PENDING_PORTS) {
            dp_netdev_pmd_flush_output(pmd);
        }
        p = &pmd->pending[pmd->n_pending++];
        p->port = port;
        dp_packet_batch_init(&p->batch);
    }
    DP_PACKET_BATCH_FOR_EACH (i, packet, out) {
        if (dp_packet_batch_is_full(&p->batch)) {
            dp_netdev_pmd_send_pending(pmd, p);
        }
        dp_packet_batch_add(&p->batch, packet);
    }
    dp_packet_batch_init(out);
}

/* Reads up to one batch from 'prxq' and processes it.  Returns true if it
 * received anything.  Call within an RCU read-side critical section. */
static bool
dp_netdev_process_rxq(struct dp_netdev_pmd *pmd, const struct pmd_rxq *prxq)
{
    struct dp_packet_batch batch;
    int error;

    error = netdev_rxq_recv(prxq->rxq, &batch, NULL);
    if (!error) {
        pmd_stat_add(pmd, PMD_STAT_RECV, batch.count);
        dp_netdev_input__(pmd, &batch, false, prxq->port_no, 0);
        dp_netdev_pmd_flush_output(pmd);
        return true;
    } else if (error != EAGAIN && error != EOPNOTSUPP) {
        VLOG_ERR_RL(&rl, "error receiving data from %s: %s",
                    netdev_rxq_get_name(prxq->rxq), ovs_strerror(error));
    }
    return false;
}

/* A forwarding thread that keeps finding packets goes through poll_block()
 * only once in this many rounds (to forget what packet processing might
 * have registered with the thread's poll loop, see pmd_sleep()); otherwise
 * each round would cost a poll() system call that cannot sleep anyway. */
#define PMD_BUSY_ROUNDS_PER_POLL 64

/* How often an idle forwarding thread runs pmd_flush_poll_loop(): well
 * under the second after which poll_block() warns of an "unreasonably long
 * poll interval", which measures the time since the thread's previous
 * poll_block(). */
#define PMD_FLUSH_MS 500

/* Runs poll_block() without sleeping, so that waits that packet processing
 * (e.g. an upcall) registered with the calling thread's poll loop are
 * forgotten, and the thread's coverage counters are folded into the
 * totals. */
static void
pmd_flush_poll_loop(void)
{
    poll_immediate_wake();
    poll_block();
}

/* How many busy rounds (rounds that found packets, after which a
 * forwarding thread does not sleep and so learns nothing from epoll) may
 * pass before it reads its taps again without being told they have
 * something (see struct pmd_poller). */
#define PMD_BUSY_ROUNDS_PER_TAP_READ 8

/* The epoll data of a forwarding thread's wake latch (rxqs have their
 * index). */
#define PMD_POLLER_LATCH UINT64_MAX

/* What a forwarding thread sleeps on, and which of its rxqs to read.
 *
 * The thread sleeps in epoll_wait() on an epoll set that holds its wake
 * latch and the file descriptors of its rxqs, built once for each set of
 * rxqs: poll() would register with and unregister from every file's wait
 * queue on each sleep, which costs more than epoll_wait() on the way to
 * sleep and, worse, on the way back, while the packet that woke the thread
 * waits.
 *
 * Reading an rxq whose device is a receive ring ("system") costs a look at
 * shared memory when it is empty, but reading a tap's costs a read()
 * system call.  So a tap is "armed" (read in the next round) only when
 * epoll reported it readable, while reads keep finding packets, and every
 * PMD_BUSY_ROUNDS_PER_TAP_READ busy rounds (which do not go through
 * epoll); rings are always armed. */
struct pmd_poller {
    int epfd;                   /* The epoll set, or -1 before the first
                                 * rxqs. */
    uint64_t gen;               /* 'gen' of the rxqs in 'epfd'. */
    size_t n;                   /* Number of rxqs in 'epfd'. */
    size_t allocated;           /* Elements allocated in 'armed' and
                                 * 'is_ring'. */
    bool *armed;                /* Per rxq: read it in the next round. */
    bool *is_ring;              /* Per rxq: reading it empty is free. */
    int *fds;                   /* Per rxq: its file descriptor in 'epfd',
                                 * or -1. */
    unsigned int busy_rounds;   /* Busy rounds since taps were last armed
                                 * without epoll's word. */
};

static void
pmd_poller_init(struct pmd_poller *poller)
{
    memset(poller, 0, sizeof *poller);
    poller->epfd = -1;
}

static void
pmd_poller_destroy(struct pmd_poller *poller)
{
    if (poller->epfd >= 0) {
        close(poller->epfd);
    }
    free(poller->armed);
    free(poller->is_ring);
    free(poller->fds);
}

/* Arms every rxq of 'poller'. */
static void
pmd_poller_arm_all(struct pmd_poller *poller)
{
    for (size_t i = 0; i < poller->n; i++) {
        poller->armed[i] = true;
    }
    poller->busy_rounds = 0;
}

/* Makes 'poller' of forwarding thread 'pmd' watch 'rxqs' (if it does not
 * already): a new epoll set with 'pmd''s wake latch and every rxq's file
 * descriptor, every rxq armed.  Call within an RCU read-side critical
 * section.  Failure to create the set (no memory, or the limit on file
 * descriptors) leaves 'poller->epfd' at -1, and the thread then sleeps
 * for a millisecond at a time, polling its rxqs in between, until it can
 * create one. */
static void
pmd_poller_update(struct dp_netdev_pmd *pmd, struct pmd_poller *poller,
                  const struct pmd_rxqs *rxqs)
{
    struct epoll_event ev;

    if (poller->epfd >= 0 && poller->gen == rxqs->gen) {
        return;
    }
    if (poller->epfd >= 0) {
        close(poller->epfd);
    }
    if (rxqs->n > poller->allocated) {
        poller->allocated = rxqs->n;
        poller->armed = xrealloc(poller->armed,
                                 rxqs->n * sizeof *poller->armed);
        poller->is_ring = xrealloc(poller->is_ring,
                                   rxqs->n * sizeof *poller->is_ring);
        poller->fds = xrealloc(poller->fds, rxqs->n * sizeof *poller->fds);
    }
    poller->n = rxqs->n;
    poller->gen = rxqs->gen;
    pmd_poller_arm_all(poller);
    for (size_t i = 0; i < rxqs->n; i++) {
        poller->is_ring[i] = netdev_linux_rxq_is_ring(rxqs->rxqs[i].rxq);
        poller->fds[i] = -1;
    }

    poller->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (poller->epfd < 0) {
        VLOG_ERR_RL(&rl, "pmd %u: epoll_create1 failed (%s)",
                    pmd->core_id, ovs_strerror(errno));
        return;
    }
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN;
    ev.data.u64 = PMD_POLLER_LATCH;
    epoll_ctl(poller->epfd, EPOLL_CTL_ADD, pmd->wake_latch.fds[0], &ev);
    for (size_t i = 0; i < rxqs->n; i++) {
        const struct netdev_rxq *rxq = rxqs->rxqs[i].rxq;
        int fd = netdev_linux_rxq_get_fd(rxq);

        if (fd >= 0) {
            ev.data.u64 = i;
            if (epoll_ctl(poller->epfd, EPOLL_CTL_ADD, fd, &ev)) {
                VLOG_ERR_RL(&rl, "pmd %u: cannot watch %s (%s)",
                            pmd->core_id, netdev_rxq_get_name(rxq),
                            ovs_strerror(errno));
            } else {
                poller->fds[i] = fd;
            }
        }
    }
}

/* Reads, in forwarding thread 'pmd', the armed rxqs among 'rxqs' (see
 * struct pmd_poller) and processes what they have.  Returns true if it
 * found anything.  Call within an RCU read-side critical section, after
 * pmd_poller_update(). */
static bool
pmd_poller_run(struct dp_netdev_pmd *pmd, struct pmd_poller *poller,
               const struct pmd_rxqs *rxqs)
{
    bool busy = false;

    for (size_t i = 0; i < rxqs->n; i++) {
        const struct pmd_rxq *prxq = &rxqs->rxqs[i];

        if (!poller->armed[i]) {
            continue;
        }
        if (dp_netdev_process_rxq(pmd, prxq)) {
            busy = true;
            continue;
        }
        if (!poller->is_ring[i]) {
            poller->armed[i] = false;
        }
        if (poller->fds[i] >= 0 && netdev_linux_rxq_get_fd(prxq->rxq) < 0) {
            /* The device is gone: nothing more to wait for (its socket
             * might stay readable, with an error, until the port goes). */
            epoll_ctl(poller->epfd, EPOLL_CTL_DEL, poller->fds[i], NULL);
            poller->fds[i] = -1;
        }
    }
    if (busy && ++poller->busy_rounds >= PMD_BUSY_ROUNDS_PER_TAP_READ) {
        pmd_poller_arm_all(poller);
    }
    return busy;
}

/* Puts forwarding thread 'pmd' to sleep until one of the rxqs in 'poller'
 * has something, its wake latch is set, or time_msec() reaches 'deadline'
 * ('now' is the current time_msec()); arms the rxqs that have something.
 *
 * This calls epoll_wait() directly, not poll_block(): every packet that
 * arrives while the thread sleeps waits for the thread to wake, and
 * poll_block()'s bookkeeping on each sleep and wake-up (a hash map of poll
 * nodes rebuilt and freed, a seq waiter registered under a global mutex,
 * coverage counters folded under another, CPU usage sampled, more system
 * calls) costs about as much as forwarding the packet itself.  The rxqs
 * are all Linux devices (see netdev_is_threaded()), so their file
 * descriptors are all there is to wait for; the poll loop's other duties
 * run every PMD_FLUSH_MS instead (pmd_flush_poll_loop()).
 *
 * The thread sleeps outside the RCU critical section.  A new rxq set is
 * published before the wake latch is set, and a removed device's rxqs are
 * closed only after that (a closed file leaves every epoll set by
 * itself). */
static void
pmd_sleep(struct dp_netdev_pmd *pmd, struct pmd_poller *poller,
          long long int now, long long int deadline)
{
    long long int timeout = deadline - now;
    struct epoll_event events[16];
    int n;

    timeout = timeout < 0 ? 0 : MIN(timeout, PMD_HOUSEKEEPING_MS);
    if (poller->epfd < 0) {
        poll(NULL, 0, MIN(timeout, 1));
        time_poll_interval_restart();
        return;
    }
    n = epoll_wait(poller->epfd, events, ARRAY_SIZE(events), timeout);
    time_poll_interval_restart();
    for (int i = 0; i < n; i++) {
        uint64_t idx = events[i].data.u64;

        if (idx == PMD_POLLER_LATCH) {
            latch_poll(&pmd->wake_latch);
        } else if (idx < poller->n) {
            poller->armed[idx] = true;
        }
    }
    if (n == ARRAY_SIZE(events)) {
        /* Perhaps more: read everything. */
        pmd_poller_arm_all(poller);
    }
}

/* A forwarding thread's load is measured over windows of this many
 * milliseconds (see struct pmd_placement). */
#define PMD_LOAD_WINDOW_MS 10

/* A thread bound to its CPU that receives at least PMD_LEAVE_PKTS packets
 * in a window, or runs for at least PMD_LEAVE_BUSY_PCT percent of it, is
 * unbound (see struct pmd_placement). */
#define PMD_LEAVE_PKTS 100
#define PMD_LEAVE_BUSY_PCT 25

/* An unbound thread is bound again after PMD_RETURN_WINDOWS windows in a
 * row in each of which it received fewer than PMD_RETURN_PKTS packets and
 * ran for less than PMD_RETURN_BUSY_PCT percent of the time. */
#define PMD_RETURN_PKTS 20
#define PMD_RETURN_BUSY_PCT 10
#define PMD_RETURN_WINDOWS 10

/* Where forwarding thread 'pmd' runs, when 'pmd->cpu' is not -1.
 *
 * The thread reads queue 'pmd->cpu' of every "system" device, which holds
 * what that CPU received.  While traffic is light (pings, requests and
 * answers), the thread is bound to that CPU: the CPU that receives a
 * packet wakes the thread that forwards it on itself, without an
 * interprocessor wake-up of a sleeping CPU (which on a virtual machine
 * costs tens of microseconds, more than forwarding), and a peer's answer,
 * which the kernel produces on the same CPU while the thread transmits,
 * is in the thread's own queues when it looks next.
 *
 * Under a heavy load, though, the CPU that receives the packets is busy
 * producing them (a sender in another namespace, or a NIC's interrupts),
 * and a thread bound to it would share it with the producer while the
 * other CPUs idle.  So a thread that receives many packets in a
 * PMD_LOAD_WINDOW_MS window, or is busy for much of it (a few large TCP
 * segments can keep it as busy as many small packets: its CPU time
 * includes what the kernel does for the packets it sends), is unbound (it
 * may run on every CPU that the process may use, and the scheduler
 * spreads it and the producer over them), and it is bound again when the
 * load has been light for a while.  See PMD_LEAVE_* and PMD_RETURN_*.
 *
 * Unbound rather than bound to the other CPUs: when other work loads the
 * machine, a thread confined to one CPU gets only its share of that CPU
 * (its nice value counts within its own scheduling group only), and
 * packets are lost while a CPU that the thread could have had idles. */
struct pmd_placement {
    bool away;                  /* True if unbound from 'pmd->cpu'. */
    long long int window_start; /* time_msec() when the window began. */
    uint64_t window_recv;       /* PMD_STAT_RECV when the window began. */
    long long int window_cpu_ns; /* Thread's CPU time then, in ns. */
    unsigned int light_windows; /* Light windows in a row, while away. */
};

/* Returns the CPU time that the calling thread has used, in nanoseconds. */
static long long int
pmd_thread_cpu_ns(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)) {
        return 0;
    }
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Binds the calling thread, forwarding thread 'pmd', to 'pmd->cpu' if
 * 'away' is false, otherwise to every CPU of the process's (see struct
 * pmd_placement).  Returns 0 or an errno.  Failure (e.g. a CPU
 * outside the process's cpuset) is harmless: the thread then runs
 * wherever the scheduler puts it, and pays a wake-up from another CPU for
 * some packets. */
static int
pmd_bind(const struct dp_netdev_pmd *pmd, bool away)
{
    cpu_set_t set;
    int error;

    if (away) {
        /* The CPUs of the process's main thread, which stays unbound. */
        if (sched_getaffinity(getpid(), sizeof set, &set)) {
            return errno;
        }
    } else {
        CPU_ZERO(&set);
        CPU_SET(pmd->cpu, &set);
    }
    error = pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    if (error) {
        VLOG_INFO("pmd %u: could not %s CPU %d (%s)",
                  pmd->core_id, away ? "unbind from" : "bind to",
                  pmd->cpu, ovs_strerror(error));
    }
    return error;
}

/* Binds forwarding thread 'pmd' (the caller) to its CPU, if it has one,
 * and starts measuring its load into 'pl'. */
static void
pmd_placement_init(struct dp_netdev_pmd *pmd, struct pmd_placement *pl)
{
    memset(pl, 0, sizeof *pl);
    pl->window_start = time_msec();
    pl->window_cpu_ns = pmd_thread_cpu_ns();
    if (pmd->cpu >= 0 && pmd_bind(pmd, false)) {
        pmd->cpu = -1;
    }
}

/* Moves forwarding thread 'pmd' (the caller) off its CPU or back to it,
 * as its load since the last window ended asks ('now' is time_msec()); see
 * struct pmd_placement. */
static void
pmd_placement_run(struct dp_netdev_pmd *pmd, struct pmd_placement *pl,
                  long long int now)
{
    long long int elapsed = now - pl->window_start;
    long long int cpu_ns, busy_pct;
    uint64_t recv, n;

    if (pmd->cpu < 0 || elapsed < PMD_LOAD_WINDOW_MS) {
        return;
    }
    recv = __atomic_load_n(&pmd->stats[PMD_STAT_RECV], __ATOMIC_RELAXED);
    cpu_ns = pmd_thread_cpu_ns();
    n = recv - pl->window_recv;
    /* Percent of the window's time that the thread ran. */
    busy_pct = (cpu_ns - pl->window_cpu_ns) / (elapsed * 10000);
    pl->window_start = now;
    pl->window_recv = recv;
    pl->window_cpu_ns = cpu_ns;
    if (recv < n) {
        /* The counters were cleared (dpif-netdev/pmd-stats-clear) during
         * the window: its packet count is unknown. */
        n = 0;
    }

    /* Thresholds in packets per window, scaled to the time that passed
     * (a thread that slept through several windows had a light load). */
    if (!pl->away) {
        if ((n * PMD_LOAD_WINDOW_MS >= PMD_LEAVE_PKTS * elapsed
             || busy_pct >= PMD_LEAVE_BUSY_PCT)
            && !pmd_bind(pmd, true)) {
            pl->away = true;
            pl->light_windows = 0;
        }
    } else if (n * PMD_LOAD_WINDOW_MS >= PMD_RETURN_PKTS * elapsed
               || busy_pct >= PMD_RETURN_BUSY_PCT) {
        pl->light_windows = 0;
    } else if (++pl->light_windows >= PMD_RETURN_WINDOWS
               || elapsed >= PMD_LOAD_WINDOW_MS * PMD_RETURN_WINDOWS) {
        if (!pmd_bind(pmd, false)) {
            pl->away = false;
        }
    }
}

static void *
pmd_thread_main(void *pmd_)
{
    struct dp_netdev_pmd *pmd = pmd_;
    unsigned int busy_rounds = 0;
    long long int next_flush = 0;
    struct pmd_placement placement;
    struct pmd_poller poller;

    /* Forwarding threads sleep when idle, so the wake-up latency of each
     * packet burst is the latency of the switch: ask the scheduler to
     * prefer them over batch work.  Failure (no CAP_SYS_NICE) only costs
     * latency. */
    if (setpriority(PRIO_PROCESS, syscall(SYS_gettid), -20)) {
        VLOG_DBG("pmd %u: could not raise priority (%s)",
                 pmd->core_id, ovs_strerror(errno));
    }
    pmd_placement_init(pmd, &placement);
    pmd_poller_init(&poller);

    while (!__atomic_load_n(&pmd->exiting, __ATOMIC_ACQUIRE)) {
        const struct pmd_rxqs *rxqs;
        long long int now;
        bool busy;

        rcu_read_lock();
        rxqs = rcu_dereference(pmd->rxqs);
        pmd_poller_update(pmd, &poller, rxqs);
        busy = pmd_poller_run(pmd, &poller, rxqs);
        rcu_read_unlock();
        dp_netdev_pmd_fit_tables(pmd);

        now = time_msec();
        dp_netdev_pmd_housekeeping(pmd, now);
        pmd_placement_run(pmd, &placement, now);
        if (now >= next_flush
            || (busy && ++busy_rounds >= PMD_BUSY_ROUNDS_PER_POLL)) {
            pmd_flush_poll_loop();
            busy_rounds = 0;
            next_flush = now + PMD_FLUSH_MS;
        }
        if (!busy) {
            pmd_sleep(pmd, &poller, now,
                      MIN(pmd->next_housekeeping, next_flush));
        }
    }
    pmd_poller_destroy(&poller);
    emc_sweep(pmd->emc, true);
    return NULL;
}

/* Publishes the rxq assignment: the main thread's rxqs to 'main_rxqs', the
 * others round-robin to the forwarding threads.  Starts forwarding threads
 * if there are threaded rxqs and none run.  The caller holds
 * 'dp->port_mutex'. */
static void
dp_netdev_reassign_rxqs(struct dp_netdev *dp)
{
    struct cds_lfht_iter iter;
    struct dp_netdev_port *port;
    size_t n_main = 0, n_threaded = 0;

    rcu_read_lock();
    cds_lfht_for_each_entry (dp->ports, &iter, port, node) {
        for (int i = 0; i < port->n_rxq; i++) {
            if (port->rxqs[i]) {
                if (port->threaded) {
                    n_threaded++;
                } else {
                    n_main++;
                }
            }
        }
    }
    rcu_read_unlock();

    size_t want = 0;
    if (n_threaded) {
        want = (dp->n_threads_config >= 0 ? dp->n_threads_config
                : MAX(sysconf(_SC_NPROCESSORS_ONLN), 1));
    }
    if (want != dp->n_pmds) {
        dp_netdev_set_pmds(dp, want);
    }
    if (!dp->n_pmds) {
        n_main += n_threaded;
    }

    struct pmd_rxqs *main_rxqs = xzalloc(sizeof *main_rxqs
                                         + n_main * sizeof main_rxqs->rxqs[0]);
    size_t n_pmds = dp->n_pmds;
    struct pmd_rxqs **new = xcalloc(MAX(n_pmds, 1), sizeof *new);
    for (size_t i = 0; i < n_pmds; i++) {
        new[i] = xzalloc(sizeof *new[i]
                         + n_threaded * sizeof new[i]->rxqs[0]);
    }

    /* A generation number for each set, so that a forwarding thread knows
     * a new set even at the address of an old one. */
    static uint64_t gen;
    for (size_t i = 0; i < n_pmds; i++) {
        new[i]->gen = __atomic_add_fetch(&gen, 1, __ATOMIC_RELAXED);
    }

    size_t next = 0;
    rcu_read_lock();
    cds_lfht_for_each_entry (dp->ports, &iter, port, node) {
        for (int i = 0; i < port->n_rxq; i++) {
            struct pmd_rxqs *dst;

            if (!port->rxqs[i]) {
                continue;
            }
            if (port->threaded && n_pmds && port->n_rxq > 1) {
                /* Queue c receives what CPU c received (see
                 * netdev_linux_n_cpus()), for the thread on CPU c. */
                dst = new[i % n_pmds];
            } else if (port->threaded && n_pmds) {
                dst = new[next++ % n_pmds];
            } else {
                dst = main_rxqs;
            }
            dst->rxqs[dst->n].rxq = port->rxqs[i];
            dst->rxqs[dst->n].port_no = port->port_no;
            dst->n++;
        }
    }
    rcu_read_unlock();

    free(dp->main_rxqs);
    dp->main_rxqs = main_rxqs;
    for (size_t i = 0; i < n_pmds; i++) {
        struct dp_netdev_pmd *pmd = dp->pmds[i];
        struct pmd_rxqs *old = pmd->rxqs;

        rcu_assign_pointer(pmd->rxqs, new[i]);
        ovsrcu_postpone(free, old);
        latch_set(&pmd->wake_latch);
    }
    free(new);
}

/* Starts or stops forwarding threads so that 'n' run.  Flows in the
 * tables of stopped threads are lost (the upcall path reinstalls them). */
static void
dp_netdev_set_pmds(struct dp_netdev *dp, size_t n)
{
    struct dp_netdev_pmd **old_pmds;
    size_t old_n;

    ovs_mutex_lock(&dp->pmds_mutex);
    old_pmds = dp->pmds;
    old_n = dp->n_pmds;
    dp->pmds = NULL;
    dp->n_pmds = 0;
    ovs_mutex_unlock(&dp->pmds_mutex);

    for (size_t i = 0; i < old_n; i++) {
        __atomic_store_n(&old_pmds[i]->exiting, true, __ATOMIC_RELEASE);
        latch_set(&old_pmds[i]->wake_latch);
    }
    for (size_t i = 0; i < old_n; i++) {
        xpthread_join(old_pmds[i]->thread, NULL);
        dp_netdev_pmd_destroy(old_pmds[i]);
    }
    free(old_pmds);

    if (n) {
        struct dp_netdev_pmd **pmds = xcalloc(n, sizeof *pmds);
        cpu_set_t allowed;
        bool pin;

        /* With one thread per CPU, thread i runs on CPU i, which receives
         * the frames on queue i of the Linux devices (see
         * dp_netdev_reassign_rxqs()). */
        pin = (n == netdev_linux_n_cpus()
               && !sched_getaffinity(0, sizeof allowed, &allowed));
        for (size_t i = 0; i < n; i++) {
            pmds[i] = dp_netdev_pmd_create(dp, i, i + 1);
            if (pin && CPU_ISSET(i, &allowed)) {
                pmds[i]->cpu = i;
            }
            pmds[i]->thread = ovs_thread_create("pmd", pmd_thread_main,
                                                pmds[i]);
        }
        ovs_mutex_lock(&dp->pmds_mutex);
        dp->pmds = pmds;
        dp->n_pmds = n;
        ovs_mutex_unlock(&dp->pmds_mutex);
        VLOG_INFO("%s: %zu forwarding thread%s", dp->name, n,
                  n == 1 ? "" : "s");
    }
}

/* Returns the pmds (all of them for PMD_ID_NULL, otherwise the one with
 * 'pmd_id') in 'pmds', which has room for 1 + dp->n_pmds; returns the
 * number.  The caller holds 'dp->pmds_mutex'. */
static size_t
dp_netdev_get_pmds(struct dp_netdev *dp, unsigned pmd_id,
                   struct dp_netdev_pmd **pmds)
{
    size_t n = 0;

    if (pmd_id == PMD_ID_NULL) {
        pmds[n++] = dp->non_pmd;
        for (size_t i = 0; i < dp->n_pmds; i++) {
            pmds[n++] = dp->pmds[i];
        }
    } else {
        for (size_t i = 0; i < dp->n_pmds; i++) {
            if (dp->pmds[i]->core_id == pmd_id) {
                pmds[n++] = dp->pmds[i];
            }
        }
    }
    return n;
}

/* Datapath life cycle. */

static const char *
dpif_netdev_port_open_type(const struct dpif_class *class, const char *type)
{
    return (strcmp(type, "internal") ? type
            : dpif_netdev_class_is_dummy(class) ? "dummy-internal"
            : "tap");
}

static int
create_dp_netdev(const char *name, const struct dpif_class *class,
                 struct dp_netdev **dpp)
{
    struct dp_netdev *dp = xzalloc(sizeof *dp);
    struct netdev *netdev;
    odp_port_t port_no = ODPP_LOCAL;
    int error;

    dp->class = class;
    dp->name = xstrdup(name);
    dp->ref_cnt = 1;
    ovs_mutex_init(&dp->port_mutex);
    dp->ports = cds_lfht_new(16, 16, 0, CDS_LFHT_AUTO_RESIZE, NULL);
    ovs_assert(dp->ports);
    dp->port_seq = seq_create();
    ovs_rwlock_init(&dp->upcall_rwlock);
    /* Upcalls start disabled: the main thread holds the write lock until
     * dpif_enable_upcall(). */
    ovs_rwlock_wrlock(&dp->upcall_rwlock);
    ovs_mutex_init_recursive(&dp->non_pmd_mutex);
    ovs_mutex_init(&dp->pmds_mutex);
    dp->non_pmd = dp_netdev_pmd_create(dp, NON_PMD_CORE_ID, 0);
    dp->main_rxqs = xzalloc(sizeof *dp->main_rxqs);
    dp->n_threads_config = -1;
    dp->emc_insert_min = UINT32_MAX / 100;
    dp->meters = dp_meter_table_create();

    error = netdev_open(name, dpif_netdev_port_open_type(class, "internal"),
                        &netdev);
    if (!error) {
        ovs_mutex_lock(&dp->port_mutex);
        error = do_add_port(dp, netdev, port_no);
        ovs_mutex_unlock(&dp->port_mutex);
        netdev_close(netdev);
    }
    if (error) {
        dp_netdev_pmd_destroy(dp->non_pmd);
        free(dp->main_rxqs);
        ovs_rwlock_unlock(&dp->upcall_rwlock);
        ovs_rwlock_destroy(&dp->upcall_rwlock);
        cds_lfht_destroy(dp->ports, NULL);
        seq_destroy(dp->port_seq);
        dp_meter_table_destroy(dp->meters);
        free(dp->name);
        free(dp);
        return error;
    }
    shash_add(&dp_netdevs, name, dp);
    *dpp = dp;
    return 0;
}

static void
dp_netdev_free(struct dp_netdev *dp)
{
    struct cds_lfht_iter iter;
    struct dp_netdev_port *port;

    shash_find_and_delete(&dp_netdevs, dp->name);

    ovs_mutex_lock(&dp->port_mutex);
    dp->n_threads_config = 0;
    dp_netdev_set_pmds(dp, 0);
    for (;;) {
        struct dp_netdev_port *victim = NULL;

        rcu_read_lock();
        cds_lfht_for_each_entry (dp->ports, &iter, port, node) {
            victim = port;
            break;
        }
        rcu_read_unlock();
        if (!victim) {
            break;
        }
        do_del_port(dp, victim);
    }
    ovs_mutex_unlock(&dp->port_mutex);

    if (!dp->upcalls_enabled) {
        ovs_rwlock_unlock(&dp->upcall_rwlock);
    }
    dp_netdev_pmd_destroy(dp->non_pmd);
    free(dp->main_rxqs);
    ovs_rwlock_destroy(&dp->upcall_rwlock);
    ovs_mutex_destroy(&dp->non_pmd_mutex);
    ovs_mutex_destroy(&dp->pmds_mutex);
    ovs_mutex_destroy(&dp->port_mutex);
    cds_lfht_destroy(dp->ports, NULL);
    seq_destroy(dp->port_seq);
    dp_meter_table_destroy(dp->meters);
    free(dp->name);
    free(dp);
}

static void
dp_netdev_unref(struct dp_netdev *dp)
{
    if (!--dp->ref_cnt) {
        dp_netdev_free(dp);
    }
}

static int
dpif_netdev_enumerate(struct sset *all_dps, const void *aux)
{
    const struct dpif_class *class = aux;
    struct shash_node *node;

    ovs_mutex_lock(&dp_netdev_mutex);
    SHASH_FOR_EACH (node, &dp_netdevs) {
        struct dp_netdev *dp = node->data;

        if (dp->class == class) {
            sset_add(all_dps, node->name);
        }
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return 0;
}

static int
dpif_netdev_open(const struct dpif_class *class, const char *name,
                 bool create, struct dpif **dpifp)
{
    struct dp_netdev *dp;
    int error = 0;

    ovs_mutex_lock(&dp_netdev_mutex);
    dp = shash_find_data(&dp_netdevs, name);
    if (!dp) {
        error = create ? create_dp_netdev(name, class, &dp) : ENODEV;
    } else if (dp->class != class) {
        error = EINVAL;
    } else if (create) {
        error = EEXIST;
    }
    if (!error) {
        struct dpif_netdev *dpif = xzalloc(sizeof *dpif);
        uint32_t hash = hash_string(dp->name, 0);

        dp->ref_cnt++;
        dpif_init(&dpif->dpif, class, dp->name, hash >> 8, hash);
        dpif->dp = dp;
        dpif->last_port_seq = seq_read(dp->port_seq);
        *dpifp = &dpif->dpif;
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return error;
}

static void
dpif_netdev_close(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    ovs_mutex_lock(&dp_netdev_mutex);
    dp_netdev_unref(dp);
    ovs_mutex_unlock(&dp_netdev_mutex);
    free(dpif_netdev_cast(dpif));
}

static int
dpif_netdev_destroy(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    ovs_mutex_lock(&dp_netdev_mutex);
    if (!dp->destroyed) {
        dp->destroyed = true;
        shash_find_and_delete(&dp_netdevs, dp->name);
        dp_netdev_unref(dp);
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    return 0;
}

/* Reads and processes the rxqs that the main thread serves. */
static bool
dpif_netdev_run(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_pmd *pmd = dp->non_pmd;
    long long int now;

    ovs_mutex_lock(&dp->non_pmd_mutex);
    rcu_read_lock();
    for (size_t i = 0; i < dp->main_rxqs->n; i++) {
        for (int j = 0; j < MAIN_BATCHES_PER_RUN; j++) {
            if (!dp_netdev_process_rxq(pmd, &dp->main_rxqs->rxqs[i])) {
                break;
            }
        }
    }
    rcu_read_unlock();
    now = time_msec();
    if (now >= pmd->next_housekeeping) {
        pmd->next_housekeeping = now + PMD_HOUSEKEEPING_MS;
        emc_sweep(pmd->emc, false);
        if (dpcls_sort_due(&pmd->cls, now)) {
            ovs_mutex_lock(&pmd->flow_mutex);
            dpcls_sort_subtables(&pmd->cls);
            ovs_mutex_unlock(&pmd->flow_mutex);
        }
    }
    ovs_mutex_unlock(&dp->non_pmd_mutex);
    dpcls_run();
    return false;
}

static void
dpif_netdev_wait(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    rcu_read_lock();
    for (size_t i = 0; i < dp->main_rxqs->n; i++) {
        netdev_rxq_wait(dp->main_rxqs->rxqs[i].rxq);
    }
    rcu_read_unlock();
    poll_timer_wait_until(dp->non_pmd->next_housekeeping);
}

static int
dpif_netdev_get_stats(const struct dpif *dpif, struct dpif_dp_stats *stats)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    uint64_t sum[PMD_N_STATS] = { 0 };
    uint64_t n_flows = 0;

    ovs_mutex_lock(&dp->pmds_mutex);
    struct dp_netdev_pmd *pmds[1 + dp->n_pmds];
    size_t n = dp_netdev_get_pmds(dp, PMD_ID_NULL, pmds);
    for (size_t i = 0; i < n; i++) {
        for (int s = 0; s < PMD_N_STATS; s++) {
            sum[s] += __atomic_load_n(&pmds[i]->stats[s], __ATOMIC_RELAXED);
        }
        n_flows += __atomic_load_n(&pmds[i]->n_flows, __ATOMIC_RELAXED);
    }
    ovs_mutex_unlock(&dp->pmds_mutex);

    stats->n_hit = sum[PMD_STAT_EXACT_HIT] + sum[PMD_STAT_MASKED_HIT];
    stats->n_missed = sum[PMD_STAT_MISS];
    stats->n_lost = sum[PMD_STAT_LOST];
    stats->n_flows = n_flows;
    /* Like upstream's userspace datapath, the mask statistics are not
     * reported here (dpctl/show prints no "masks:" line); see
     * dpif-netdev/pmd-stats-show. */
    stats->n_masks = UINT32_MAX;
    stats->n_mask_hit = UINT64_MAX;
    stats->n_cache_hit = UINT64_MAX;
    return 0;
}

void
dpif_netdev_get_stats_ext(const struct dpif *dpif,
                          struct dpif_netdev_stats *stats)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    uint64_t sum[PMD_N_STATS] = { 0 };

    memset(stats, 0, sizeof *stats);
    ovs_mutex_lock(&dp->pmds_mutex);
    struct dp_netdev_pmd *pmds[1 + dp->n_pmds];
    size_t n = dp_netdev_get_pmds(dp, PMD_ID_NULL, pmds);
    for (size_t i = 0; i < n; i++) {
        for (int s = 0; s < PMD_N_STATS; s++) {
            sum[s] += __atomic_load_n(&pmds[i]->stats[s], __ATOMIC_RELAXED);
        }
        stats->n_flows += __atomic_load_n(&pmds[i]->n_flows,
                                          __ATOMIC_RELAXED);
        rcu_read_lock();
        stats->n_masks += dpcls_n_subtables(&pmds[i]->cls);
        rcu_read_unlock();
    }
    stats->n_threads = dp->n_pmds;
    ovs_mutex_unlock(&dp->pmds_mutex);

    stats->n_received = sum[PMD_STAT_RECV];
    stats->n_emc_hit = sum[PMD_STAT_EXACT_HIT];
    stats->n_masked_hit = sum[PMD_STAT_MASKED_HIT];
    stats->n_masked_lookups = sum[PMD_STAT_MASKED_LOOKUP];
    stats->n_missed = sum[PMD_STAT_MISS];
    stats->n_lost = sum[PMD_STAT_LOST];
}

bool
dpif_is_netdev(const struct dpif *dpif)
{
    return dpif->dpif_class->open == dpif_netdev_class.open;
}

static int
dpif_netdev_set_config(struct dpif *dpif, const struct smap *other_config)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    int n = smap_get_int(other_config, "n-forwarding-threads", -1);
    int inv_prob = smap_get_int(other_config, "emc-insert-inv-prob", 100);

    if (inv_prob < 0 || inv_prob > 1048576) {
        inv_prob = 100;
    }
    __atomic_store_n(&dp->emc_insert_min,
                     inv_prob ? UINT32_MAX / inv_prob : 0, __ATOMIC_RELAXED);
    if (n < -1 || n > 1024) {
        n = -1;
    }
    if (n != dp->n_threads_config) {
        ovs_mutex_lock(&dp->port_mutex);
        dp->n_threads_config = n;
        dp_netdev_reassign_rxqs(dp);
        ovs_mutex_unlock(&dp->port_mutex);
    }
    return 0;
}

/* Ports. */

static int
dpif_netdev_port_add(struct dpif *dpif, struct netdev *netdev,
                     odp_port_t *port_nop)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    const char *name = netdev_get_name(netdev);
    odp_port_t port_no;
    int error;

    ovs_mutex_lock(&dp->port_mutex);
    rcu_read_lock();
    if (dp_netdev_lookup_port_by_name(dp, name)) {
        error = EEXIST;
    } else if (*port_nop != ODPP_NONE) {
        port_no = *port_nop;
        error = (odp_to_u32(port_no) >= MAX_PORTS ? EFBIG
                 : dp_netdev_lookup_port(dp, port_no) ? EBUSY : 0);
    } else {
        port_no = choose_port(dp, name);
        error = port_no == ODPP_NONE ? EFBIG : 0;
    }
    rcu_read_unlock();
    if (!error) {
        error = do_add_port(dp, netdev, port_no);
        if (!error) {
            *port_nop = port_no;
        }
    }
    ovs_mutex_unlock(&dp->port_mutex);
    return error;
}

static int
dpif_netdev_port_del(struct dpif *dpif, odp_port_t port_no)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_port *port;
    int error = 0;

    if (port_no == ODPP_LOCAL) {
        return EINVAL;
    }
    ovs_mutex_lock(&dp->port_mutex);
    rcu_read_lock();
    port = dp_netdev_lookup_port(dp, port_no);
    rcu_read_unlock();
    if (port) {
        /* Only this thread, holding 'port_mutex', removes ports. */
        do_del_port(dp, port);
    } else {
        error = ENOENT;
    }
    ovs_mutex_unlock(&dp->port_mutex);
    return error;
}

static void
answer_port_query(const struct dp_netdev_port *port,
                  struct dpif_port *dpif_port)
{
    dpif_port->name = xstrdup(netdev_get_name(port->netdev));
    dpif_port->type = xstrdup(port->type);
    dpif_port->port_no = port->port_no;
}

static int
dpif_netdev_port_query_by_number(const struct dpif *dpif, odp_port_t port_no,
                                 struct dpif_port *dpif_port)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_port *port;
    int error = 0;

    ovs_mutex_lock(&dp->port_mutex);
    rcu_read_lock();
    port = dp_netdev_lookup_port(dp, port_no);
    if (!port) {
        error = ENODEV;
    } else if (dpif_port) {
        answer_port_query(port, dpif_port);
    }
    rcu_read_unlock();
    ovs_mutex_unlock(&dp->port_mutex);
    return error;
}

static int
dpif_netdev_port_query_by_name(const struct dpif *dpif, const char *devname,
                               struct dpif_port *dpif_port)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_port *port;
    int error = 0;

    ovs_mutex_lock(&dp->port_mutex);
    rcu_read_lock();
    port = dp_netdev_lookup_port_by_name(dp, devname);
    if (!port) {
        error = ENODEV;
    } else if (dpif_port) {
        answer_port_query(port, dpif_port);
    }
    rcu_read_unlock();
    ovs_mutex_unlock(&dp->port_mutex);
    return error;
}

/* State of a port dump: ports in increasing number order. */
struct dp_netdev_port_state {
    uint32_t next;              /* Smallest port number not yet dumped. */
    struct dpif_port port;      /* The last port returned (owned). */
};

static int
dpif_netdev_port_dump_start(const struct dpif *dpif OVS_UNUSED,
                            void **statep)
{
    *statep = xzalloc(sizeof(struct dp_netdev_port_state));
    return 0;
}

static int
dpif_netdev_port_dump_next(const struct dpif *dpif, void *state_,
                           struct dpif_port *dpif_port)
{
    struct dp_netdev_port_state *state = state_;
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dp_netdev_port *port, *best = NULL;
    struct cds_lfht_iter iter;
    int error = EOF;

    ovs_mutex_lock(&dp->port_mutex);
    rcu_read_lock();
    cds_lfht_for_each_entry (dp->ports, &iter, port, node) {
        if (odp_to_u32(port->port_no) >= state->next
            && (!best || port->port_no < best->port_no)) {
            best = port;
        }
    }
    rcu_read_unlock();
    if (best) {
        dpif_port_destroy(&state->port);
        answer_port_query(best, &state->port);
        *dpif_port = state->port;
        state->next = odp_to_u32(best->port_no) + 1;
        error = 0;
    }
    ovs_mutex_unlock(&dp->port_mutex);
    return error;
}

static int
dpif_netdev_port_dump_done(const struct dpif *dpif OVS_UNUSED, void *state_)
{
    struct dp_netdev_port_state *state = state_;

    dpif_port_destroy(&state->port);
    free(state);
    return 0;
}

static int
dpif_netdev_port_poll(const struct dpif *dpif_, char **devnamep OVS_UNUSED)
{
    struct dpif_netdev *dpif = dpif_netdev_cast(dpif_);
    uint64_t new_port_seq = seq_read(dpif->dp->port_seq);

    if (dpif->last_port_seq != new_port_seq) {
        dpif->last_port_seq = new_port_seq;
        return ENOBUFS;
    }
    return EAGAIN;
}

static void
dpif_netdev_port_poll_wait(const struct dpif *dpif_)
{
    struct dpif_netdev *dpif = dpif_netdev_cast(dpif_);

    seq_wait(dpif->dp->port_seq, dpif->last_port_seq);
}

/* Flow operations. */

static int
dpif_netdev_flow_flush(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    ovs_mutex_lock(&dp->pmds_mutex);
    struct dp_netdev_pmd *pmds[1 + dp->n_pmds];
    size_t n = dp_netdev_get_pmds(dp, PMD_ID_NULL, pmds);
    for (size_t i = 0; i < n; i++) {
        dp_netdev_pmd_flow_flush(pmds[i]);
    }
    ovs_mutex_unlock(&dp->pmds_mutex);
    return 0;
}

/* Parses 'key' into 'flow'.  Returns EINVAL (logged) if it does not fit
 * perfectly. */
static int
dpif_netdev_flow_from_nlattrs(const struct nlattr *key, size_t key_len,
                              struct flow *flow, bool probe)
{
    memset(flow, 0, sizeof *flow);
    if (odp_flow_key_to_flow(key, key_len, flow, NULL) != ODP_FIT_PERFECT) {
        if (!probe) {
            struct ds s = DS_EMPTY_INITIALIZER;

            odp_flow_format(key, key_len, NULL, 0, NULL, &s, true);
            VLOG_ERR("internal error parsing flow key %s", ds_cstr(&s));
            ds_destroy(&s);
        }
        return EINVAL;
    }
    if (odp_to_u32(flow->in_port.odp_port) >= MAX_PORTS
        && flow->in_port.odp_port != ODPP_NONE) {
        return EINVAL;
    }
    return 0;
}

/* Parses 'mask' (for 'flow') into 'wc'; with no mask, every field present
 * in the key must match exactly.  The input port and recirculation id are
 * always matched exactly. */
static int
dpif_netdev_mask_from_nlattrs(const struct nlattr *key, size_t key_len,
                              const struct nlattr *mask, size_t mask_len,
                              const struct flow *flow,
                              struct flow_wildcards *wc, bool probe)
{
    if (mask_len) {
        memset(wc, 0, sizeof *wc);
        if (odp_flow_key_to_mask(mask, mask_len, wc, flow, NULL)
            != ODP_FIT_PERFECT) {
            if (!probe) {
                struct ds s = DS_EMPTY_INITIALIZER;

                odp_flow_format(key, key_len, mask, mask_len, NULL, &s,
                                true);
                VLOG_ERR("internal error parsing flow mask %s", ds_cstr(&s));
                ds_destroy(&s);
            }
            return EINVAL;
        }
    } else {
        flow_wildcards_init_for_packet(wc, flow);
    }
    WC_MASK_FIELD(wc, in_port);
    WC_MASK_FIELD(wc, recirc_id);
    return 0;
}

/* Applies 'put' to 'pmd'.  Adds the flow's previous stats to '*stats' if
 * nonnull. */
static int
flow_put_on_pmd(struct dp_netdev_pmd *pmd, const struct flow *flow,
                const struct flow_wildcards *wc, const ovs_u128 *ufid,
                const struct dpif_flow_put *put,
                struct dpif_flow_stats *stats)
{
    struct dp_netdev_flow *f;
    int error = 0;

    ovs_mutex_lock(&pmd->flow_mutex);
    rcu_read_lock();
    f = dp_netdev_pmd_find_flow(pmd, ufid);
    rcu_read_unlock();
    if (!f) {
        if (!(put->flags & DPIF_FP_CREATE)) {
            error = ENOENT;
        } else if (__atomic_load_n(&pmd->n_flows, __ATOMIC_RELAXED)
                   >= MAX_FLOWS_PER_PMD) {
            COVERAGE_INC(dpif_netdev_flow_limit);
            error = E2BIG;
        } else {
            dp_netdev_flow_add(pmd, flow, wc, ufid, put->actions,
                               put->actions_len);
        }
    } else if (put->flags & DPIF_FP_MODIFY) {
        if (!flow_equal_except(flow, &f->flow, dpcls_rule_mask(&f->cr))) {
            /* The UFID is taken by a flow with a different key (within the
             * megaflow's mask; like upstream, the mask of a modify is not
             * compared). */
            error = EINVAL;
        } else {
            struct dp_netdev_actions *old = f->actions;

            rcu_assign_pointer(f->actions,
                               dp_netdev_actions_create(put->actions,
                                                        put->actions_len));
            ovsrcu_postpone(free, old);
            if (stats) {
                struct dpif_flow_stats s;

                get_dpif_flow_stats(f, &s);
                stats->n_packets += s.n_packets;
                stats->n_bytes += s.n_bytes;
                stats->used = MAX(stats->used, s.used);
                stats->tcp_flags |= s.tcp_flags;
            }
            if (put->flags & DPIF_FP_ZERO_STATS) {
                dp_netdev_flow_zero_stats(f);
            }
        }
    } else {
        error = EEXIST;
    }
    ovs_mutex_unlock(&pmd->flow_mutex);
    return error;
}

static int
dpif_netdev_flow_put(struct dp_netdev *dp, const struct dpif *dpif,
                     struct dpif_flow_put *put)
{
    bool probe = put->flags & DPIF_FP_PROBE;
    struct flow_wildcards wc;
    struct flow flow;
    ovs_u128 ufid;
    int error;

    if (put->stats) {
        memset(put->stats, 0, sizeof *put->stats);
    }
    error = dpif_netdev_flow_from_nlattrs(put->key, put->key_len, &flow,
                                          probe);
    if (error) {
        return error;
    }
    error = dpif_netdev_mask_from_nlattrs(put->key, put->key_len, put->mask,
                                          put->mask_len, &flow, &wc, probe);
    if (error) {
        return error;
    }
    if (put->ufid) {
        ufid = *put->ufid;
    } else {
        dp_netdev_flow_ufid(&flow, &ufid);
    }

    ovs_mutex_lock(&dp->pmds_mutex);
    struct dp_netdev_pmd *pmds[1 + dp->n_pmds];
    size_t n = dp_netdev_get_pmds(dp, put->pmd_id, pmds);
    error = n ? 0 : EINVAL;
    for (size_t i = 0; i < n; i++) {
        int retval = flow_put_on_pmd(pmds[i], &flow, &wc, &ufid, put,
                                     put->stats);
        if (!error) {
            error = retval;
        }
    }
    ovs_mutex_unlock(&dp->pmds_mutex);
    return error;
}

static int
dpif_netdev_flow_del(struct dp_netdev *dp, const struct dpif *dpif OVS_UNUSED,
                     struct dpif_flow_del *del)
{
    struct flow key;
    int error = ENOENT;

    if (del->stats) {
        memset(del->stats, 0, sizeof *del->stats);
    }
    if (!del->ufid) {
        error = dpif_netdev_flow_from_nlattrs(del->key, del->key_len, &key,
                                              false);
        if (error) {
            return error;
        }
        error = ENOENT;
    }

    ovs_mutex_lock(&dp->pmds_mutex);
    struct dp_netdev_pmd *pmds[1 + dp->n_pmds];
    size_t n = dp_netdev_get_pmds(dp, del->pmd_id, pmds);
    for (size_t i = 0; i < n; i++) {
        struct dp_netdev_pmd *pmd = pmds[i];
        struct dp_netdev_flow *f;

        ovs_mutex_lock(&pmd->flow_mutex);
        rcu_read_lock();
        f = dp_netdev_pmd_find_flow__(pmd, del->ufid, &key);
        rcu_read_unlock();
        if (f) {
            if (del->stats) {
                struct dpif_flow_stats s;

                get_dpif_flow_stats(f, &s);
                del->stats->n_packets += s.n_packets;
                del->stats->n_bytes += s.n_bytes;
                del->stats->used = MAX(del->stats->used, s.used);
                del->stats->tcp_flags |= s.tcp_flags;
            }
            dp_netdev_pmd_remove_flow(pmd, f);
            error = 0;
        }
        ovs_mutex_unlock(&pmd->flow_mutex);
    }
    ovs_mutex_unlock(&dp->pmds_mutex);
    return error;
}

/* Where a flow's attributes lie in the buffers dp_netdev_flow_to_dpif_flow()
 * appended them to: offsets, since the buffers may move as they grow. */
struct dpif_flow_ofs {
    size_t key;                 /* Offset of the key in the key buffer. */
    size_t mask;                /* Offset of the mask in the mask buffer. */
    size_t actions;             /* Offset of the actions. */
};

/* Fills 'flow' from 'f' and, unless 'terse', appends 'f''s key, mask and
 * actions to the three buffers, storing their offsets in '*ofs' and their
 * lengths in 'flow' (the caller points 'flow''s pointers at them once the
 * buffers stop moving, with dpif_flow_set_pointers()). */
static void
dp_netdev_flow_to_dpif_flow(const struct dp_netdev_flow *f,
                            struct ofpbuf *key_buf, struct ofpbuf *mask_buf,
                            struct ofpbuf *actions_buf,
                            struct dpif_flow *flow, struct dpif_flow_ofs *ofs,
                            bool terse)
{
    memset(flow, 0, sizeof *flow);
    memset(ofs, 0, sizeof *ofs);
    if (!terse) {
        const struct flow_wildcards *wc = dpcls_rule_mask(&f->cr);
        struct odp_flow_key_parms parms = {
            .flow = &f->flow,
            .mask = &wc->masks,
            .support = {
                .max_vlan_headers = FLOW_MAX_VLAN_HEADERS,
                .recirc = true,
                .ct_state = true,
                .packet_type = true,
            },
        };
        const struct dp_netdev_actions *actions;

        ofs->key = key_buf->size;
        odp_flow_key_from_flow(&parms, key_buf);
        flow->key_len = key_buf->size - ofs->key;

        ofs->mask = mask_buf->size;
        odp_flow_key_from_mask(&parms, mask_buf);
        flow->mask_len = mask_buf->size - ofs->mask;

        rcu_read_lock();
        actions = dp_netdev_flow_get_actions(f);
        ofs->actions = actions_buf->size;
        ofpbuf_put(actions_buf, actions->actions, actions->size);
        flow->actions_len = actions->size;
        rcu_read_unlock();
    }
    flow->ufid = f->ufid;
    flow->ufid_present = true;
    flow->pmd_id = f->pmd_id;
    get_dpif_flow_stats(f, &flow->stats);
    flow->attrs.offloaded = false;
    flow->attrs.dp_layer = "ovs";
}

/* Points 'flow''s key, mask and actions into the buffers, at 'ofs'. */
static void
dpif_flow_set_pointers(struct dpif_flow *flow, const struct dpif_flow_ofs *ofs,
                       const struct ofpbuf *key_buf,
                       const struct ofpbuf *mask_buf,
                       const struct ofpbuf *actions_buf)
{
    flow->key = (const struct nlattr *) ((const char *) key_buf->data
                                         + ofs->key);
    flow->mask = (const struct nlattr *) ((const char *) mask_buf->data
                                          + ofs->mask);
    flow->actions = (const struct nlattr *) ((const char *) actions_buf->data
                                             + ofs->actions);
}

static int
dpif_netdev_flow_get(struct dp_netdev *dp, const struct dpif *dpif OVS_UNUSED,
                     struct dpif_flow_get *get)
{
    struct dp_netdev_flow *found = NULL;
    struct flow key;
    int error;

    if (!get->ufid) {
        error = dpif_netdev_flow_from_nlattrs(get->key, get->key_len, &key,
                                              false);
        if (error) {
            return error;
        }
    }

    ovs_mutex_lock(&dp->pmds_mutex);
    struct dp_netdev_pmd *pmds[1 + dp->n_pmds];
    size_t n = dp_netdev_get_pmds(dp, get->pmd_id, pmds);
    rcu_read_lock();
    for (size_t i = 0; i < n && !found; i++) {
        found = dp_netdev_pmd_find_flow__(pmds[i], get->ufid, &key);
        if (found) {
            dp_netdev_flow_ref(found);
        }
    }
    rcu_read_unlock();
    ovs_mutex_unlock(&dp->pmds_mutex);

    if (!found) {
        return ENOENT;
    }

    /* The three parts go, one after the other, into the caller's buffer:
     * key, then mask, then actions. */
    struct dpif_flow_ofs ofs;

    dp_netdev_flow_to_dpif_flow(found, get->buffer, get->buffer, get->buffer,
                                get->flow, &ofs, false);
    dp_netdev_flow_unref(found);
    dpif_flow_set_pointers(get->flow, &ofs, get->buffer, get->buffer,
                           get->buffer);
    return 0;
}

/* Flow dumps: a snapshot of references to every flow, taken at creation,
 * handed out in batches to any number of threads. */
struct dpif_netdev_flow_dump {
    struct dpif_flow_dump up;   /* Generic part. */
    struct ovs_mutex mutex;     /* Protects 'next'. */
    struct dp_netdev_flow **flows; /* Referenced flows. */
    size_t n_flows;             /* Number of 'flows'. */
    size_t next;                /* Next flow to hand out. */
};

struct dpif_netdev_flow_dump_thread {
    struct dpif_flow_dump_thread up; /* Generic part. */
    struct dpif_netdev_flow_dump *dump; /* The dump. */
    struct ofpbuf keys;         /* Keys of the last batch. */
    struct ofpbuf masks;        /* Masks of the last batch. */
    struct ofpbuf actions;      /* Actions of the last batch. */
};

static struct dpif_netdev_flow_dump *
dpif_netdev_flow_dump_cast(struct dpif_flow_dump *dump)
{
    return CONTAINER_OF(dump, struct dpif_netdev_flow_dump, up);
}

static struct dpif_flow_dump *
dpif_netdev_flow_dump_create(const struct dpif *dpif, bool terse,
                             struct dpif_flow_dump_types *types)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);
    struct dpif_netdev_flow_dump *dump = xzalloc(sizeof *dump);
    size_t allocated = 0;

    dump->up.dpif = dpif;
    dump->up.terse = terse;
    ovs_mutex_init(&dump->mutex);

    if (types && !types->ovs_flows) {
        return &dump->up;
    }

    ovs_mutex_lock(&dp->pmds_mutex);
    struct dp_netdev_pmd *pmds[1 + dp->n_pmds];
    size_t n = dp_netdev_get_pmds(dp, PMD_ID_NULL, pmds);
    for (size_t i = 0; i < n; i++) {
        struct dp_netdev_pmd *pmd = pmds[i];
        struct cds_lfht_iter iter;
        struct dp_netdev_flow *f;

        ovs_mutex_lock(&pmd->flow_mutex);
        rcu_read_lock();
        cds_lfht_for_each_entry (pmd->flow_table, &iter, f, node) {
            if (dump->n_flows >= allocated) {
                allocated = allocated ? 2 * allocated : 64;
                dump->flows = xrealloc(dump->flows,
                                       allocated * sizeof *dump->flows);
            }
            dp_netdev_flow_ref(f);
            dump->flows[dump->n_flows++] = f;
        }
        rcu_read_unlock();
        ovs_mutex_unlock(&pmd->flow_mutex);
    }
    ovs_mutex_unlock(&dp->pmds_mutex);
    return &dump->up;
}

static int
dpif_netdev_flow_dump_destroy(struct dpif_flow_dump *dump_)
{
    struct dpif_netdev_flow_dump *dump = dpif_netdev_flow_dump_cast(dump_);

    for (size_t i = dump->next; i < dump->n_flows; i++) {
        dp_netdev_flow_unref(dump->flows[i]);
    }
    free(dump->flows);
    ovs_mutex_destroy(&dump->mutex);
    free(dump);
    return 0;
}

static struct dpif_flow_dump_thread *
dpif_netdev_flow_dump_thread_create(struct dpif_flow_dump *dump_)
{
    struct dpif_netdev_flow_dump *dump = dpif_netdev_flow_dump_cast(dump_);
    struct dpif_netdev_flow_dump_thread *thread = xzalloc(sizeof *thread);

    thread->up.dpif = dump->up.dpif;
    thread->dump = dump;
    ofpbuf_init(&thread->keys, 0);
    ofpbuf_init(&thread->masks, 0);
    ofpbuf_init(&thread->actions, 0);
    return &thread->up;
}

static void
dpif_netdev_flow_dump_thread_destroy(struct dpif_flow_dump_thread *thread_)
{
    struct dpif_netdev_flow_dump_thread *thread
        = CONTAINER_OF(thread_, struct dpif_netdev_flow_dump_thread, up);

    ofpbuf_uninit(&thread->keys);
    ofpbuf_uninit(&thread->masks);
    ofpbuf_uninit(&thread->actions);
    free(thread);
}

static int
dpif_netdev_flow_dump_next(struct dpif_flow_dump_thread *thread_,
                           struct dpif_flow *flows, int max_flows)
{
    struct dpif_netdev_flow_dump_thread *thread
        = CONTAINER_OF(thread_, struct dpif_netdev_flow_dump_thread, up);
    struct dpif_netdev_flow_dump *dump = thread->dump;
    struct dp_netdev_flow *batch[FLOW_DUMP_MAX_BATCH];
    struct dpif_flow_ofs ofs[FLOW_DUMP_MAX_BATCH];
    int n_batch = 0, n = 0;

    max_flows = MIN(max_flows, FLOW_DUMP_MAX_BATCH);
    ovs_mutex_lock(&dump->mutex);
    while (n_batch < max_flows && dump->next < dump->n_flows) {
        batch[n_batch++] = dump->flows[dump->next++];
    }
    ovs_mutex_unlock(&dump->mutex);

    ofpbuf_clear(&thread->keys);
    ofpbuf_clear(&thread->masks);
    ofpbuf_clear(&thread->actions);
    for (int i = 0; i < n_batch; i++) {
        struct dp_netdev_flow *f = batch[i];

        if (!dp_netdev_flow_is_dead(f)) {
            dp_netdev_flow_to_dpif_flow(f, &thread->keys, &thread->masks,
                                        &thread->actions, &flows[n],
                                        &ofs[n], dump->up.terse);
            n++;
        }
        dp_netdev_flow_unref(f);
    }
    if (!dump->up.terse) {
        for (int i = 0; i < n; i++) {
            dpif_flow_set_pointers(&flows[i], &ofs[i], &thread->keys,
                                   &thread->masks, &thread->actions);
        }
    }
    if (!n && n_batch) {
        /* Every flow of the batch died: try the next batch. */
        return dpif_netdev_flow_dump_next(thread_, flows, max_flows);
    }
    return n;
}

/* Execution. */

static int
dpif_netdev_execute(struct dp_netdev *dp, struct dpif_execute *execute)
{
    struct dp_packet *packet = execute->packet;
    struct dp_packet_batch batch;

    if (dp_packet_size(packet) < ETH_HEADER_LEN
        || dp_packet_size(packet) > UINT16_MAX) {
        return EINVAL;
    }
    if (execute->flow) {
        const struct flow *flow = execute->flow;

        pkt_metadata_init(&packet->md, flow->in_port.odp_port);
        packet->md.recirc_id = flow->recirc_id;
        packet->md.dp_hash = flow->dp_hash;
        packet->md.skb_priority = flow->skb_priority;
        packet->md.pkt_mark = flow->pkt_mark;
    }

    ovs_mutex_lock(&dp->non_pmd_mutex);
    rcu_read_lock();
    if (dp_meter_in_actions(execute->actions, execute->actions_len)) {
        /* A meter may drop the packet, which only works on a packet that
         * the actions own: run them on a copy. */
        dp_packet_batch_init_packet(&batch, dp_packet_clone(packet));
        dp_netdev_execute_actions(dp->non_pmd, &batch, true,
                                  execute->actions, execute->actions_len, 0);
    } else {
        dp_packet_batch_init_packet(&batch, packet);
        dp_netdev_execute_actions(dp->non_pmd, &batch, false,
                                  execute->actions, execute->actions_len, 0);
    }
    dp_netdev_pmd_flush_output(dp->non_pmd);
    rcu_read_unlock();
    ovs_mutex_unlock(&dp->non_pmd_mutex);
    return 0;
}

static void
dpif_netdev_operate(struct dpif *dpif, struct dpif_op **ops, size_t n_ops)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    for (size_t i = 0; i < n_ops; i++) {
        struct dpif_op *op = ops[i];

        switch (op->type) {
        case DPIF_OP_FLOW_PUT:
            op->error = dpif_netdev_flow_put(dp, dpif, &op->flow_put);
            break;
        case DPIF_OP_FLOW_DEL:
            op->error = dpif_netdev_flow_del(dp, dpif, &op->flow_del);
            break;
        case DPIF_OP_EXECUTE:
            op->error = dpif_netdev_execute(dp, &op->execute);
            break;
        case DPIF_OP_FLOW_GET:
            op->error = dpif_netdev_flow_get(dp, dpif, &op->flow_get);
            break;
        default:
            op->error = EINVAL;
            break;
        }
    }
}

/* Upcalls. */

static void
dpif_netdev_register_upcall_cb(struct dpif *dpif, upcall_callback *cb,
                               void *aux)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    dp->upcall_aux = aux;
    dp->upcall_cb = cb;
}

static void
dpif_netdev_enable_upcall(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    if (!dp->upcalls_enabled) {
        dp->upcalls_enabled = true;
        ovs_rwlock_unlock(&dp->upcall_rwlock);
    }
}

static void
dpif_netdev_disable_upcall(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    if (dp->upcalls_enabled) {
        ovs_rwlock_wrlock(&dp->upcall_rwlock);
        dp->upcalls_enabled = false;
    }
}

/* Calls the upcall callback for 'packet' with flow 'flow'.  Returns its
 * result, or ENODEV if upcalls are disabled or no callback is
 * registered. */
static int
dp_netdev_upcall(struct dp_netdev_pmd *pmd, const struct dp_packet *packet,
                 const struct flow *flow, struct flow_wildcards *wc,
                 ovs_u128 *ufid, enum dpif_upcall_type type,
                 const struct nlattr *userdata, struct ofpbuf *actions,
                 struct ofpbuf *put_actions)
{
    struct dp_netdev *dp = pmd->dp;
    int error;

    if (ovs_rwlock_tryrdlock(&dp->upcall_rwlock)) {
        return ENODEV;
    }
    if (!dp->upcall_cb) {
        error = ENODEV;
    } else {
        error = dp->upcall_cb(packet, flow, ufid, pmd->core_id, type,
                              userdata, actions, wc, put_actions,
                              dp->upcall_aux);
    }
    ovs_rwlock_unlock(&dp->upcall_rwlock);
    return error;
}

/* Handles a miss of 'packet' (whose flow is 'key'): upcall, install the
 * megaflow, execute.  Consumes 'packet'. */
static void
handle_packet_upcall(struct dp_netdev_pmd *pmd, struct dp_packet *packet,
                     const struct flow *key, int depth)
{
    uint64_t actions_stub[512 / 8], put_actions_stub[512 / 8];
    struct ofpbuf actions, put_actions;
    struct flow_wildcards wc;
    struct dp_packet_batch b;
    ovs_u128 ufid;
    int error;

    ofpbuf_use_stub(&actions, actions_stub, sizeof actions_stub);
    ofpbuf_use_stub(&put_actions, put_actions_stub, sizeof put_actions_stub);
    flow_wildcards_init_catchall(&wc);
    dp_netdev_flow_ufid(key, &ufid);

    pmd_stat_add(pmd, PMD_STAT_MISS, 1);
    error = dp_netdev_upcall(pmd, packet, key, &wc, &ufid, DPIF_UC_MISS,
                             NULL, &actions, &put_actions);
    if (error && error != ENOSPC) {
        if (error != ENODEV) {
            VLOG_DBG_RL(&rl, "upcall failed: %s", ovs_strerror(error));
        }
        COVERAGE_INC(datapath_drop_upcall_error);
        pmd_stat_add(pmd, PMD_STAT_LOST, 1);
        dp_packet_delete(packet);
        ofpbuf_uninit(&actions);
        ofpbuf_uninit(&put_actions);
        return;
    }

    if (!error) {
        const struct ofpbuf *add_actions = put_actions.size ? &put_actions
                                                            : &actions;

        /* Like upstream's userspace datapath, megaflows installed on a
         * miss always match the input port, the recirculation id and the
         * packet type exactly. */
        WC_MASK_FIELD(&wc, in_port);
        WC_MASK_FIELD(&wc, recirc_id);
        WC_MASK_FIELD(&wc, packet_type);

        /* Install the megaflow, unless another upcall installed it (or a
         * flow with the same UFID) meanwhile, or the table is full.  Like
         * upstream, the packet that caused the upcall is not counted in
         * the flow's statistics (the upcall handler accounts for it). */
        ovs_mutex_lock(&pmd->flow_mutex);
        rcu_read_lock();
        if (!dpcls_lookup(&pmd->cls, key, NULL)
            && !dp_netdev_pmd_find_flow(pmd, &ufid)) {
            if (__atomic_load_n(&pmd->n_flows, __ATOMIC_RELAXED)
                < MAX_FLOWS_PER_PMD) {
                dp_netdev_flow_add(pmd, key, &wc, &ufid, add_actions->data,
                                   add_actions->size);
            } else {
                COVERAGE_INC(dpif_netdev_flow_limit);
            }
        }
        rcu_read_unlock();
        ovs_mutex_unlock(&pmd->flow_mutex);
    }

    dp_packet_batch_init_packet(&b, packet);
    dp_netdev_execute_actions(pmd, &b, true, actions.data, actions.size,
                              depth);
    ofpbuf_uninit(&actions);
    ofpbuf_uninit(&put_actions);
}

/* Processes 'packets', received on 'port_no' (if '!md_is_valid') or
 * recirculated: look up each, execute the actions of hits grouped by
 * flow, and send misses up.  Consumes the packets.  Call within an RCU
 * read-side critical section, in the thread that owns 'pmd' (or holding
 * 'non_pmd_mutex' for the main thread's). */
static void
dp_netdev_input__(struct dp_netdev_pmd *pmd, struct dp_packet_batch *packets,
                  bool md_is_valid, odp_port_t port_no, int depth)
{
    size_t cnt = packets->count;
    struct flow keys[NETDEV_MAX_BURST];
    struct dp_netdev_flow *flows[NETDEV_MAX_BURST];
    uint64_t n_exact = 0, n_masked = 0, n_lookups = 0;
    long long int now = time_msec();
    size_t missed[NETDEV_MAX_BURST];
    size_t n_missed = 0;

    for (size_t i = 0; i < cnt; i++) {
        struct dp_packet *packet = packets->packets[i];
        struct dp_netdev_flow *flow;
        uint32_t hash;

        if (!md_is_valid) {
            pkt_metadata_init(&packet->md, port_no);
        }
        flow_extract(packet, &keys[i]);
        hash = emc_hash(&keys[i]);
        flow = emc_lookup(pmd->emc, &keys[i], hash);
        if (flow) {
            n_exact++;
        } else {
            int visited;
            const struct dpcls_rule *rule = dpcls_lookup(&pmd->cls, &keys[i],
                                                         &visited);
            if (rule) {
                flow = CONTAINER_OF(rule, struct dp_netdev_flow, cr);
                n_masked++;
                n_lookups += visited;
                if (emc_should_insert(pmd->dp)) {
                    emc_insert(pmd->emc, &keys[i], hash, flow);
                }
            } else {
                missed[n_missed++] = i;
            }
        }
        flows[i] = flow;
    }
    pmd_stat_add(pmd, PMD_STAT_EXACT_HIT, n_exact);
    pmd_stat_add(pmd, PMD_STAT_MASKED_HIT, n_masked);
    pmd_stat_add(pmd, PMD_STAT_MASKED_LOOKUP, n_lookups);

    /* Hits: batch the packets of each flow, in arrival order. */
    for (size_t i = 0; i < cnt; i++) {
        struct dp_netdev_flow *flow = flows[i];
        struct dp_packet_batch batch;
        uint64_t n_bytes = 0;
        uint16_t tcp_flags = 0;

        if (!flow) {
            continue;
        }
        dp_packet_batch_init(&batch);
        for (size_t j = i; j < cnt; j++) {
            if (flows[j] == flow) {
                struct dp_packet *packet = packets->packets[j];

                n_bytes += dp_packet_size(packet);
                if (keys[j].nw_proto == IPPROTO_TCP && is_ip_any(&keys[j])) {
                    tcp_flags |= ntohs(keys[j].tcp_flags);
                }
                dp_packet_batch_add(&batch, packet);
                flows[j] = NULL;
            }
        }
        dp_netdev_flow_used(flow, batch.count, n_bytes, tcp_flags, now);

        const struct dp_netdev_actions *actions
            = dp_netdev_flow_get_actions(flow);
        dp_netdev_execute_actions(pmd, &batch, true, actions->actions,
                                  actions->size, depth);
    }

    /* Misses, in arrival order.  An earlier miss of this batch may have
     * installed the flow that a later one needs. */
    for (size_t k = 0; k < n_missed; k++) {
        size_t i = missed[k];
        struct dp_packet *packet = packets->packets[i];
        const struct dpcls_rule *rule = dpcls_lookup(&pmd->cls, &keys[i],
                                                     NULL);

        if (rule) {
            struct dp_netdev_flow *flow = CONTAINER_OF(rule,
                                                       struct dp_netdev_flow,
                                                       cr);
            const struct dp_netdev_actions *actions;
            struct dpif_flow_stats s;
            struct dp_packet_batch b;

            pmd_stat_add(pmd, PMD_STAT_MASKED_HIT, 1);
            dpif_flow_stats_extract(&keys[i], packet, now, &s);
            dp_netdev_flow_used(flow, 1, s.n_bytes, s.tcp_flags, now);
            actions = dp_netdev_flow_get_actions(flow);
            dp_packet_batch_init_packet(&b, packet);
            dp_netdev_execute_actions(pmd, &b, true, actions->actions,
                                      actions->size, depth);
        } else {
            handle_packet_upcall(pmd, packet, &keys[i], depth);
        }
    }
}

/* The callback odp-execute calls for the actions that need the datapath. */
static void
dp_execute_cb(void *aux_, struct dp_packet_batch *packets,
              const struct nlattr *a, bool should_steal)
{
    struct dp_netdev_execute_aux *aux = aux_;
    struct dp_netdev_pmd *pmd = aux->pmd;
    struct dp_netdev *dp = pmd->dp;
    struct dp_packet *packet;

    switch ((enum ovs_action_attr) nl_attr_type(a)) {
    case OVS_ACTION_ATTR_OUTPUT: {
        struct dp_netdev_port *port
            = dp_netdev_lookup_port(dp, nl_attr_get_odp_port(a));
        struct dp_packet_batch out;

        if (!port) {
            COVERAGE_INC(datapath_drop_invalid_port);
            break;
        }
        if (should_steal) {
            out = *packets;
            dp_packet_batch_init(packets);
        } else {
            dp_packet_batch_clone(&out, packets);
            /* A truncation applies to this output only, as in the
             * kernel datapath. */
            DP_PACKET_BATCH_FOR_EACH (i, packet, packets) {
                packet->cutlen = 0;
            }
            packets->trunc = false;
        }
        DP_PACKET_BATCH_FOR_EACH (i, packet, &out) {
            uint32_t cutlen = dp_packet_get_cutlen(packet);

            if (cutlen) {
                if (cutlen < dp_packet_size(packet)) {
                    dp_packet_set_size(packet,
                                       dp_packet_size(packet) - cutlen);
                }
                packet->cutlen = 0;
            }
        }
        out.trunc = false;
        dp_netdev_pmd_queue_output(pmd, port, &out);
        return;
    }

    case OVS_ACTION_ATTR_USERSPACE: {
        const struct nlattr *userdata
            = nl_attr_find_nested(a, OVS_USERSPACE_ATTR_USERDATA);
        uint64_t stub[256 / 8];
        struct ofpbuf actions;

        ofpbuf_use_stub(&actions, stub, sizeof stub);
        DP_PACKET_BATCH_FOR_EACH (i, packet, packets) {
            struct flow flow;
            ovs_u128 ufid;
            int error;

            ofpbuf_clear(&actions);
            flow_extract(packet, &flow);
            dp_netdev_flow_ufid(&flow, &ufid);
            error = dp_netdev_upcall(pmd, packet, &flow, NULL, &ufid,
                                     DPIF_UC_ACTION, userdata, &actions,
                                     NULL);
            if ((!error || error == ENOSPC) && actions.size) {
                struct dp_packet_batch b;

                dp_packet_batch_init_packet(&b, dp_packet_clone(packet));
                dp_netdev_execute_actions(pmd, &b, true, actions.data,
                                          actions.size, aux->depth);
            } else if (error && error != ENOSPC && error != ENODEV) {
                pmd_stat_add(pmd, PMD_STAT_LOST, 1);
            }
        }
        ofpbuf_uninit(&actions);
        break;
    }

    case OVS_ACTION_ATTR_RECIRC:
        if (aux->depth < MAX_RECIRC_DEPTH) {
            struct dp_packet_batch recirc;

            if (should_steal) {
                recirc = *packets;
                dp_packet_batch_init(packets);
            } else {
                dp_packet_batch_clone(&recirc, packets);
            }
            DP_PACKET_BATCH_FOR_EACH (i, packet, &recirc) {
                packet->md.recirc_id = nl_attr_get_u32(a);
            }
            pmd_stat_add(pmd, PMD_STAT_RECIRC, recirc.count);
            dp_netdev_input__(pmd, &recirc, true, ODPP_NONE,
                              aux->depth + 1);
            return;
        }
        COVERAGE_INC(datapath_drop_recirc_error);
        VLOG_WARN_RL(&rl, "Packet dropped. Max recirculation depth "
                     "exceeded.");
        break;

    case OVS_ACTION_ATTR_METER:
        /* Drops the packets beyond the meter's rate from 'packets'; the
         * others go on to the next action. */
        dp_meter_run(dp->meters, packets, nl_attr_get_u32(a), time_msec());
        break;

    default:
        /* Tunnels, conntrack and the like are not supported by this
         * datapath yet: the packets are dropped. */
        break;
    }

    dp_packet_delete_batch(packets, should_steal);
}

static void
dp_netdev_execute_actions(struct dp_netdev_pmd *pmd,
                          struct dp_packet_batch *packets, bool should_steal,
                          const struct nlattr *actions, size_t actions_len,
                          int depth)
{
    struct dp_netdev_execute_aux aux = { pmd, depth };

    odp_execute_actions(&aux, packets, should_steal, actions, actions_len,
                        dp_execute_cb);
}

/* Meters (see dpif-netdev-meter.h). */

static void
dpif_netdev_meter_get_features(const struct dpif *dpif OVS_UNUSED,
                               struct ofputil_meter_features *features)
{
    dp_meter_get_features(features);
}

static int
dpif_netdev_meter_set(struct dpif *dpif, ofproto_meter_id meter_id,
                      struct ofputil_meter_config *config)
{
    return dp_meter_set(get_dp_netdev(dpif)->meters, meter_id.uint32,
                        config);
}

static int
dpif_netdev_meter_get(const struct dpif *dpif, ofproto_meter_id meter_id,
                      struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    return dp_meter_get(get_dp_netdev(dpif)->meters, meter_id.uint32,
                        stats, n_bands);
}

static int
dpif_netdev_meter_del(struct dpif *dpif, ofproto_meter_id meter_id,
                      struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    return dp_meter_del(get_dp_netdev(dpif)->meters, meter_id.uint32,
                        stats, n_bands);
}

static void
dpif_netdev_show_extra(const struct dpif *dpif, struct ds *reply)
{
    struct dp_netdev *dp = get_dp_netdev(dpif);

    ovs_mutex_lock(&dp->pmds_mutex);
    if (dp->n_pmds) {
        ds_put_format(reply, "  forwarding threads: %zu\n",
                      dp->n_pmds);
    }
    ovs_mutex_unlock(&dp->pmds_mutex);
}

static double
stat_ratio(uint64_t a, uint64_t b)
{
    return b ? (double) a / b : 0.0;
}

/* Appends upstream's pmd-stats-show block for 'pmd' to 'reply'. */
static void
pmd_stats_format(const struct dp_netdev_pmd *pmd, struct ds *reply)
{
    uint64_t s[PMD_N_STATS];

    for (int j = 0; j < PMD_N_STATS; j++) {
        s[j] = __atomic_load_n(&pmd->stats[j], __ATOMIC_RELAXED);
    }
    if (pmd->core_id == NON_PMD_CORE_ID) {
        ds_put_cstr(reply, "main thread:\n");
    } else {
        ds_put_format(reply, "pmd thread numa_id 0 core_id %u:\n",
                      pmd->core_id);
    }
    ds_put_format(reply,
                  "  packets received: %"PRIu64"\n"
                  "  packet recirculations: %"PRIu64"\n"
                  "  avg. datapath passes per packet: %.02f\n"
                  "  phwol hits: 0\n"
                  "  mfex opt hits: 0\n"
                  "  simple match hits: 0\n"
                  "  emc hits: %"PRIu64"\n"
                  "  smc hits: 0\n"
                  "  megaflow hits: %"PRIu64"\n"
                  "  avg. subtable lookups per megaflow hit: %.02f\n"
                  "  miss with success upcall: %"PRIu64"\n"
                  "  miss with failed upcall: %"PRIu64"\n"
                  "  avg. packets per output batch: %.02f\n",
                  s[PMD_STAT_RECV], s[PMD_STAT_RECIRC],
                  stat_ratio(s[PMD_STAT_RECV] + s[PMD_STAT_RECIRC],
                             s[PMD_STAT_RECV]),
                  s[PMD_STAT_EXACT_HIT], s[PMD_STAT_MASKED_HIT],
                  stat_ratio(s[PMD_STAT_MASKED_LOOKUP],
                             s[PMD_STAT_MASKED_HIT]),
                  s[PMD_STAT_MISS] - MIN(s[PMD_STAT_MISS], s[PMD_STAT_LOST]),
                  s[PMD_STAT_LOST],
                  stat_ratio(s[PMD_STAT_SENT_PKTS],
                             s[PMD_STAT_SENT_BATCHES]));
}

/* ovs-appctl dpif-netdev/pmd-stats-show [-pmd CORE] [DP] and
 * dpif-netdev/pmd-stats-clear [-pmd CORE] [DP]: per-context counters of
 * every userspace datapath (or DP), as upstream prints them. */
static void
dpif_netdev_pmd_stats(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *clear_)
{
    bool clear = clear_ != NULL;
    struct ds reply = DS_EMPTY_INITIALIZER;
    unsigned int core = UINT_MAX;
    const char *dp_name = NULL;
    struct shash_node *node;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-pmd") && i + 1 < argc) {
            core = strtoul(argv[++i], NULL, 10);
        } else {
            dp_name = argv[i];
        }
    }

    ovs_mutex_lock(&dp_netdev_mutex);
    if (dp_name && !shash_find(&dp_netdevs, dp_name)) {
        ovs_mutex_unlock(&dp_netdev_mutex);
        unixctl_command_reply_error(conn,
                                    "please specify an existing datapath");
        return;
    }
    SHASH_FOR_EACH (node, &dp_netdevs) {
        struct dp_netdev *dp = node->data;

        if (dp_name && strcmp(dp_name, dp->name)) {
            continue;
        }
        ovs_mutex_lock(&dp->pmds_mutex);
        struct dp_netdev_pmd *pmds[1 + dp->n_pmds];
        size_t n = dp_netdev_get_pmds(dp, PMD_ID_NULL, pmds);
        /* Forwarding threads first, then the main thread, as upstream. */
        for (size_t k = 0; k < n; k++) {
            struct dp_netdev_pmd *pmd = pmds[(k + 1) % n];

            if (core != UINT_MAX && pmd->core_id != core) {
                continue;
            }
            if (clear) {
                for (int j = 0; j < PMD_N_STATS; j++) {
                    __atomic_store_n(&pmd->stats[j], 0, __ATOMIC_RELAXED);
                }
            } else {
                pmd_stats_format(pmd, &reply);
            }
        }
        ovs_mutex_unlock(&dp->pmds_mutex);
    }
    ovs_mutex_unlock(&dp_netdev_mutex);
    unixctl_command_reply(conn, ds_cstr(&reply));
    ds_destroy(&reply);
}

static int
dpif_netdev_init(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        static int clear = 1;

        unixctl_command_register("dpif-netdev/pmd-stats-show",
                                 "[-pmd core] [dp]", 0, 3,
                                 dpif_netdev_pmd_stats, NULL);
        unixctl_command_register("dpif-netdev/pmd-stats-clear",
                                 "[-pmd core] [dp]", 0, 3,
                                 dpif_netdev_pmd_stats, &clear);
        ovsthread_once_done(&once);
    }
    return 0;
}

const struct dpif_class dpif_netdev_class = {
    .type = "netdev",
    .cleanup_required = true,
    .init = dpif_netdev_init,
    .enumerate = dpif_netdev_enumerate,
    .port_open_type = dpif_netdev_port_open_type,
    .open = dpif_netdev_open,
    .close = dpif_netdev_close,
    .destroy = dpif_netdev_destroy,
    .run = dpif_netdev_run,
    .wait = dpif_netdev_wait,
    .get_stats = dpif_netdev_get_stats,
    .port_add = dpif_netdev_port_add,
    .port_del = dpif_netdev_port_del,
    .port_query_by_number = dpif_netdev_port_query_by_number,
    .port_query_by_name = dpif_netdev_port_query_by_name,
    .port_dump_start = dpif_netdev_port_dump_start,
    .port_dump_next = dpif_netdev_port_dump_next,
    .port_dump_done = dpif_netdev_port_dump_done,
    .port_poll = dpif_netdev_port_poll,
    .port_poll_wait = dpif_netdev_port_poll_wait,
    .flow_flush = dpif_netdev_flow_flush,
    .flow_dump_create = dpif_netdev_flow_dump_create,
    .flow_dump_destroy = dpif_netdev_flow_dump_destroy,
    .flow_dump_thread_create = dpif_netdev_flow_dump_thread_create,
    .flow_dump_thread_destroy = dpif_netdev_flow_dump_thread_destroy,
    .flow_dump_next = dpif_netdev_flow_dump_next,
    .operate = dpif_netdev_operate,
    .set_config = dpif_netdev_set_config,
    .register_upcall_cb = dpif_netdev_register_upcall_cb,
    .enable_upcall = dpif_netdev_enable_upcall,
    .disable_upcall = dpif_netdev_disable_upcall,
    .show_extra = dpif_netdev_show_extra,
    .meter_get_features = dpif_netdev_meter_get_features,
    .meter_set = dpif_netdev_meter_set,
    .meter_get = dpif_netdev_meter_get,
    .meter_del = dpif_netdev_meter_del,
};
