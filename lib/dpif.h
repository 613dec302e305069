/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DPIF_H
#define DPIF_H 1

/* The datapath interface: what ofproto-dpif and the dpctl commands use to
 * drive a datapath, whatever implements it (dpif-netlink for the kernel
 * module, type "system"; dpif-netdev in-process, types "netdev" and
 * "dummy").
 *
 * A datapath has ports (vports), numbered by odp_port_t, and a megaflow
 * table: each flow is a key (netlink OVS_KEY_ATTR_* attributes, the
 * packet's fields), a mask of the same shape (1-bits must match), an
 * action list (OVS_ACTION_ATTR_*) and a UFID.  A packet that matches no
 * flow is a miss: it goes up to userspace ("upcall"), which translates it
 * and installs a flow.
 *
 * Names: a datapath is named "TYPE@NAME" or just "NAME" (type "system").
 * Errors are positive errno values; EOPNOTSUPP when a provider lacks an
 * operation. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
#include "dp-packet.h"
#include "flow.h"
#include "openvswitch/types.h"

struct dpif;
struct dpif_class;
struct ds;
struct netdev;
struct ofpbuf;
struct smap;
struct sset;

/* Datapath-wide statistics. */
struct dpif_dp_stats {
    uint64_t n_hit;             /* Packets that matched a flow. */
    uint64_t n_missed;          /* Packets that missed (upcalls). */
    uint64_t n_lost;            /* Upcalls that could not be queued. */
    uint64_t n_flows;           /* Flows in the flow table. */
    uint64_t n_cache_hit;       /* Mask cache hits; UINT64_MAX if none. */
    uint64_t n_mask_hit;        /* Masks visited for hits; UINT64_MAX if
                                 * not supported. */
    uint32_t n_masks;           /* Masks in use; UINT32_MAX if not
                                 * supported. */
};

/* Registration and enumeration. */
int dp_register_provider(const struct dpif_class *);
void dp_disallow_provider(const char *type);
void dp_enumerate_types(struct sset *types);
int dp_enumerate_names(const char *type, struct sset *names);
void dp_parse_name(const char *datapath_name, char **name, char **type);
const char *dpif_normalize_type(const char *);

/* Opening and closing. */
int dpif_open(const char *name, const char *type, struct dpif **);
int dpif_create(const char *name, const char *type, struct dpif **);
int dpif_create_and_open(const char *name, const char *type, struct dpif **);
void dpif_close(struct dpif *);
int dpif_delete(struct dpif *);

bool dpif_run(struct dpif *);
void dpif_wait(struct dpif *);

const char *dpif_name(const struct dpif *);
const char *dpif_base_name(const struct dpif *);
const char *dpif_type(const struct dpif *);

int dpif_get_dp_stats(const struct dpif *, struct dpif_dp_stats *);
int dpif_set_features(struct dpif *, uint32_t new_features);
int dpif_set_config(struct dpif *, const struct smap *other_config);

/* Ports. */
const char *dpif_port_open_type(const char *datapath_type,
                                const char *port_type);
int dpif_port_add(struct dpif *, struct netdev *, odp_port_t *port_nop);
int dpif_port_del(struct dpif *, odp_port_t port_no, bool local_delete);

/* A port as dpif_port_query_*() and dumps return it. */
struct dpif_port {
    char *name;                 /* Network device name, e.g. "eth0". */
    char *type;                 /* Network device type, e.g. "system". */
    odp_port_t port_no;         /* Port number within datapath. */
};
void dpif_port_clone(struct dpif_port *, const struct dpif_port *);
void dpif_port_destroy(struct dpif_port *);
bool dpif_port_exists(const struct dpif *, const char *devname);
int dpif_port_query_by_number(const struct dpif *, odp_port_t port_no,
                              struct dpif_port *);
int dpif_port_query_by_name(const struct dpif *, const char *devname,
                            struct dpif_port *);
int dpif_port_get_name(struct dpif *, odp_port_t port_no,
                       char *name, size_t name_size);

struct dpif_port_dump {
    const struct dpif *dpif;
    int error;                  /* 0 while dumping, EOF at end. */
    void *state;                /* Provider's state. */
};
void dpif_port_dump_start(struct dpif_port_dump *, const struct dpif *);
bool dpif_port_dump_next(struct dpif_port_dump *, struct dpif_port *);
int dpif_port_dump_done(struct dpif_port_dump *);

/* Iterates over every port in DPIF, setting PORT to each in turn.  PORT
 * is owned by the dump: clone it to keep it. */
#define DPIF_PORT_FOR_EACH(DPIF_PORT, DUMP, DPIF)      \
    for (dpif_port_dump_start(DUMP, DPIF);             \
         (dpif_port_dump_next(DUMP, DPIF_PORT)         \
          ? true                                       \
          : (dpif_port_dump_done(DUMP), false));       \
        )

/* Port changes: returns 0 and sets '*devnamep' (caller frees) to a port
 * that was added, deleted or changed; ENOBUFS if changes were lost (the
 * caller must re-read all ports); EAGAIN if nothing changed. */
int dpif_port_poll(const struct dpif *, char **devnamep);
void dpif_port_poll_wait(const struct dpif *);

/* Flows. */
struct dpif_flow_stats {
    uint64_t n_packets;
    uint64_t n_bytes;
    long long int used;         /* Last used, msec since the epoch of
                                 * time_msec(); 0 if never used. */
    uint16_t tcp_flags;         /* OR of the TCP flags seen. */
};
void dpif_flow_stats_extract(const struct flow *, const struct dp_packet *,
                             long long int used, struct dpif_flow_stats *);
void dpif_flow_stats_format(const struct dpif_flow_stats *, struct ds *);

/* Datapath flow attributes (for dump-flows' "dp:" and "offloaded:"). */
struct dpif_flow_attrs {
    bool offloaded;             /* True if in hardware. */
    const char *dp_layer;       /* "ovs" for software datapaths. */
};

/* Computes the UFID that the userspace datapaths use when the caller does
 * not supply one: a hash of the key. */
void dpif_flow_hash(const struct dpif *, const void *key, size_t key_len,
                    ovs_u128 *hash);

int dpif_flow_flush(struct dpif *);

enum dpif_flow_put_flags {
    DPIF_FP_CREATE = 1 << 0,    /* Allow creating a new flow. */
    DPIF_FP_MODIFY = 1 << 1,    /* Allow modifying an existing flow. */
    DPIF_FP_ZERO_STATS = 1 << 2, /* Zero the stats of an existing flow. */
    DPIF_FP_PROBE = 1 << 3      /* Suppress error messages, if any. */
};

int dpif_flow_put(struct dpif *, enum dpif_flow_put_flags,
                  const struct nlattr *key, size_t key_len,
                  const struct nlattr *mask, size_t mask_len,
                  const struct nlattr *actions, size_t actions_len,
                  const ovs_u128 *ufid, const unsigned pmd_id,
                  struct dpif_flow_stats *);
int dpif_flow_del(struct dpif *,
                  const struct nlattr *key, size_t key_len,
                  const ovs_u128 *ufid, const unsigned pmd_id,
                  struct dpif_flow_stats *);

/* A flow as dumps and gets return it.  The pointers point into memory that
 * the dump thread (or the buffer passed to dpif_flow_get()) owns, valid
 * until the next call. */
struct dpif_flow {
    const struct nlattr *key;   /* Flow key, as OVS_KEY_ATTR_* attrs. */
    size_t key_len;             /* 'key' length in bytes. */
    const struct nlattr *mask;  /* Flow mask, as OVS_KEY_ATTR_* attrs. */
    size_t mask_len;            /* 'mask' length in bytes. */
    const struct nlattr *actions; /* Actions, as OVS_ACTION_ATTR_ */
    size_t actions_len;         /* 'actions' length in bytes. */
    ovs_u128 ufid;              /* Unique flow identifier. */
    bool ufid_present;          /* True if 'ufid' was given by the
                                 * datapath. */
    unsigned pmd_id;            /* Datapath poll mode driver id. */
    struct dpif_flow_stats stats; /* Flow statistics. */
    struct dpif_flow_attrs attrs; /* Flow attributes. */
};
int dpif_flow_get(struct dpif *,
                  const struct nlattr *key, size_t key_len,
                  const ovs_u128 *ufid, const unsigned pmd_id,
                  struct ofpbuf *, struct dpif_flow *);

/* PMD id meaning "any" (for datapaths without per-thread flow tables) and
 * the id of the non-PMD (main thread) table. */
#define PMD_ID_NULL UINT32_MAX
#define NON_PMD_CORE_ID UINT32_MAX

/* Flow dumps: one dump, any number of threads each pulling batches. */
struct dpif_flow_dump {
    const struct dpif *dpif;
    bool terse;                 /* If true, key/mask/actions may be
                                 * omitted. */
};
struct dpif_flow_dump_thread {
    const struct dpif *dpif;
};
struct dpif_flow_dump_types {
    bool ovs_flows;
    bool netdev_flows;
};
struct dpif_flow_dump *dpif_flow_dump_create(const struct dpif *, bool terse,
                                             struct dpif_flow_dump_types *);
int dpif_flow_dump_destroy(struct dpif_flow_dump *);
struct dpif_flow_dump_thread *dpif_flow_dump_thread_create(
    struct dpif_flow_dump *);
void dpif_flow_dump_thread_destroy(struct dpif_flow_dump_thread *);
/* Fills in up to 'max_flows' flows; returns how many (0 at the end). */
int dpif_flow_dump_next(struct dpif_flow_dump_thread *,
                        struct dpif_flow *flows, int max_flows);

/* Operations, batched. */
enum dpif_op_type {
    DPIF_OP_FLOW_PUT = 1,
    DPIF_OP_FLOW_DEL,
    DPIF_OP_EXECUTE,
    DPIF_OP_FLOW_GET,
};

struct dpif_flow_put {
    enum dpif_flow_put_flags flags;
    const struct nlattr *key;
    size_t key_len;
    const struct nlattr *mask;
    size_t mask_len;
    const struct nlattr *actions;
    size_t actions_len;
    const ovs_u128 *ufid;       /* Optional. */
    unsigned pmd_id;
    struct dpif_flow_stats *stats; /* Optional output: old stats. */
};

struct dpif_flow_del {
    const struct nlattr *key;   /* NULL to delete by 'ufid' alone. */
    size_t key_len;
    const ovs_u128 *ufid;
    bool terse;
    unsigned pmd_id;
    struct dpif_flow_stats *stats; /* Optional output. */
};

struct dpif_execute {
    const struct nlattr *actions;
    size_t actions_len;
    bool needs_help;            /* Actions need userspace's help. */
    bool probe;                 /* Suppress error messages. */
    unsigned int mtu;           /* Maximum transmission unit to fragment;
                                 * 0 if not fragmenting. */
    const struct flow *flow;    /* Flow extracted from 'packet'. */
    struct dp_packet *packet;   /* The packet: the caller keeps it; the
                                 * actions may modify it. */
};

struct dpif_flow_get {
    const struct nlattr *key;
    size_t key_len;
    const ovs_u128 *ufid;
    unsigned pmd_id;
    struct ofpbuf *buffer;      /* Storage for the flow's attributes. */
    struct dpif_flow *flow;     /* Output. */
};

struct dpif_op {
    enum dpif_op_type type;
    int error;                  /* Output: 0 or a positive errno. */
    union {
        struct dpif_flow_put flow_put;
        struct dpif_flow_del flow_del;
        struct dpif_execute execute;
        struct dpif_flow_get flow_get;
    };
};

void dpif_operate(struct dpif *, struct dpif_op **ops, size_t n_ops);
int dpif_execute(struct dpif *, struct dpif_execute *);

/* Upcalls. */
enum dpif_upcall_type {
    DPIF_UC_MISS,               /* Miss in flow table. */
    DPIF_UC_ACTION,             /* OVS_ACTION_ATTR_USERSPACE action. */
    DPIF_N_UC_TYPES
};
const char *dpif_upcall_type_to_string(enum dpif_upcall_type);

/* An upcall read with dpif_recv() (datapaths with handler threads: the
 * kernel).  The pointers point into the buffer passed to dpif_recv(). */
struct dpif_upcall {
    enum dpif_upcall_type type;
    struct dp_packet packet;    /* Packet data; 'md' not set. */
    struct nlattr *key;         /* Flow key. */
    size_t key_len;             /* Length of 'key' in bytes. */
    ovs_u128 ufid;              /* Unique flow identifier for 'key'. */
    struct nlattr *mru;         /* Maximum receive unit. */
    struct nlattr *hash;        /* Packet hash. */
    struct nlattr *cutlen;      /* Number of bytes shrunk from the end. */
    struct nlattr *userdata;    /* Argument to OVS_ACTION_ATTR_USERSPACE. */
    struct nlattr *out_tun_key; /* Output tunnel key. */
    struct nlattr *actions;     /* Argument to OVS_ACTION_ATTR_USERSPACE. */
};

/* The upcall callback: datapaths that translate misses in their own
 * threads (dpif-netdev's forwarding threads) call it directly instead of
 * queueing upcalls.  The callee translates 'packet'/'flow' and appends the
 * actions to execute on the packet to 'actions' and the actions to install
 * in the datapath flow to 'put_actions' (usually the same; empty
 * 'put_actions' means use 'actions'), and ORs the fields it examined into
 * 'wc'.  Returns 0 to install the flow, ENOSPC when the flow table is full
 * (execute only), or another errno to drop the packet. */
typedef int upcall_callback(const struct dp_packet *packet,
                            const struct flow *flow,
                            ovs_u128 *ufid,
                            unsigned pmd_id,
                            enum dpif_upcall_type type,
                            const struct nlattr *userdata,
                            struct ofpbuf *actions,
                            struct flow_wildcards *wc,
                            struct ofpbuf *put_actions,
                            void *aux);

void dpif_register_upcall_cb(struct dpif *, upcall_callback *, void *aux);
void dpif_enable_upcall(struct dpif *);
void dpif_disable_upcall(struct dpif *);
int dpif_recv_set(struct dpif *, bool enable);
int dpif_handlers_set(struct dpif *, uint32_t n_handlers);
uint32_t dpif_port_get_pid(const struct dpif *, odp_port_t port_no);
int dpif_recv(struct dpif *, uint32_t handler_id, struct dpif_upcall *,
              struct ofpbuf *);
void dpif_recv_purge(struct dpif *);
void dpif_recv_wait(struct dpif *, uint32_t handler_id);

/* Feature and capability reporting. */
bool dpif_supports_explicit_drop_action(const struct dpif *);
void dpif_get_netflow_ids(const struct dpif *,
                          uint8_t *engine_type, uint8_t *engine_id);
/* True if the datapath reads packets in its own threads and calls the
 * upcall callback (dpif-netdev), false if upcalls come through
 * dpif_recv(). */
bool dpif_uses_upcall_cb(const struct dpif *);

/* Meters (OpenFlow meters as the datapath implements them).
 *
 * A datapath meter is identified by a number that ofproto chooses (below
 * the datapath's 'max_meters'), distinct from the OpenFlow meter id; the
 * action OVS_ACTION_ATTR_METER with that number sends packets through
 * it.  A packet that exceeds the rate of one of the meter's drop bands is
 * dropped and counted in the band with the highest rate among those it
 * exceeds.  Datapaths without meters report 0 'max_meters' and fail the
 * other calls with EOPNOTSUPP. */
struct ofputil_meter_config;
struct ofputil_meter_features;
struct ofputil_meter_stats;

/* A datapath meter number. */
typedef struct {
    uint32_t uint32;            /* The number. */
} ofproto_meter_id;

/* Stores in '*features' the meters that 'dpif' supports (all zeros if
 * none). */
void dpif_meter_get_features(const struct dpif *,
                             struct ofputil_meter_features *features);

/* Creates datapath meter 'meter_id' in 'dpif' with 'config' (its flags and
 * bands; 'config->meter_id' is ignored), or replaces it (which resets its
 * statistics).  Returns 0, EOPNOTSUPP if the datapath has no meters,
 * EFBIG if 'meter_id' is out of range, ENODEV for a band type the datapath
 * does not have, EINVAL for other settings it cannot do (logged). */
int dpif_meter_set(struct dpif *, ofproto_meter_id meter_id,
                   struct ofputil_meter_config *config);

/* Stores the statistics of datapath meter 'meter_id' of 'dpif' in
 * '*stats': packet_in_count, byte_in_count, and the counters of up to
 * 'n_bands' bands into 'stats->bands' (an array of at least 'n_bands'
 * elements the caller provides), setting 'stats->n_bands'.  Returns 0,
 * ENOENT if there is no such meter, or EOPNOTSUPP. */
int dpif_meter_get(const struct dpif *, ofproto_meter_id meter_id,
                   struct ofputil_meter_stats *stats, uint16_t n_bands);

/* Deletes datapath meter 'meter_id' of 'dpif', storing its last
 * statistics in '*stats' as dpif_meter_get() does if 'stats' is
 * nonnull.  Returns 0, ENOENT, or EOPNOTSUPP. */
int dpif_meter_del(struct dpif *, ofproto_meter_id meter_id,
                   struct ofputil_meter_stats *stats, uint16_t n_bands);

#endif /* dpif.h */
