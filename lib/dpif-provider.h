/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DPIF_PROVIDER_H
#define DPIF_PROVIDER_H 1

/* The interface between dpif.c and a datapath implementation.
 *
 * A provider fills in a struct dpif_class (designated initializers; NULL
 * for an operation it does not support: dpif.c then returns EOPNOTSUPP)
 * and registers it with dp_register_provider().  Each open datapath is a
 * struct dpif embedded in the provider's own structure; the provider
 * recovers its structure with a checked cast (CONTAINER_OF after asserting
 * dpif->dpif_class).
 *
 * Unless said otherwise, functions return 0 or a positive errno value, and
 * output arguments are unchanged on error.  dpif.c logs every failed
 * operation at a rate limit; providers log only what dpif.c cannot know.
 * Threads: open/close/port functions are called from the main thread;
 * flow operations, dumps and recv may be called from any thread,
 * concurrently, and must be thread-safe. */

#include "dpif.h"
#include "openvswitch/util.h"

/* An open datapath, as dpif.c sees it. */
struct dpif {
    const struct dpif_class *dpif_class; /* The provider. */
    char *base_name;            /* Name without the type, e.g. "br0". */
    char *full_name;            /* "TYPE@NAME", e.g. "netdev@ovs-netdev". */
    uint8_t netflow_engine_type; /* NetFlow engine type. */
    uint8_t netflow_engine_id;  /* NetFlow engine id. */
    long long int current_ms;   /* Last time stats were logged. */
};

/* Called by providers' open functions to initialize the generic part. */
void dpif_init(struct dpif *, const struct dpif_class *, const char *name,
               uint8_t netflow_engine_type, uint8_t netflow_engine_id);
void dpif_uninit(struct dpif *dpif, bool close);

static inline void
dpif_assert_class(const struct dpif *dpif,
                  const struct dpif_class *dpif_class)
{
    ovs_assert(dpif->dpif_class == dpif_class);
}

struct dpif_class {
    /* Datapath type this provider implements, e.g. "system" or "netdev".
     * Unique among registered providers. */
    const char *type;

    /* True if datapaths of this type must be deleted on exit (userspace
     * datapaths that live only in this process). */
    bool cleanup_required;

    /* Called once, when the class is registered.  May be NULL. */
    int (*init)(void);

    /* Adds the names of every existing datapath of this type to
     * 'all_dps'.  May be NULL if the provider cannot enumerate. */
    int (*enumerate)(struct sset *all_dps, const void *aux);

    /* Returns the netdev type to open for a port of database type 'type'
     * on this datapath type (e.g. "internal" may become "tap" for the
     * userspace datapath).  May be NULL: the type is used as is. */
    const char *(*port_open_type)(const struct dpif_class *,
                                  const char *type);

    /* Opens (and, if 'create', creates; EEXIST if it exists already) the
     * datapath named 'name' of this class, and stores it in '*dpifp'. */
    int (*open)(const struct dpif_class *, const char *name, bool create,
                struct dpif **dpifp);

    /* Closes 'dpif' and frees its memory.  The datapath itself stays unless
     * it was destroyed. */
    void (*close)(struct dpif *dpif);

    /* Destroys the datapath (it disappears once every opener closed it). */
    int (*destroy)(struct dpif *dpif);

    /* Periodic work, called from the main loop; returns true if work
     * remains that a later call must do.  May be NULL. */
    bool (*run)(struct dpif *dpif);

    /* Arranges for poll_block() to wake when run() has work.  May be
     * NULL. */
    void (*wait)(struct dpif *dpif);

    /* Retrieves statistics for the datapath. */
    int (*get_stats)(const struct dpif *dpif, struct dpif_dp_stats *stats);

    /* Sets the datapath's user features (OVS_DP_F_* bits).  May be NULL. */
    int (*set_features)(struct dpif *dpif, uint32_t user_features);

    /* Adds 'netdev' as a new port.  If '*port_no' is not ODPP_NONE, tries
     * that number (EBUSY if taken); otherwise picks one.  Stores the
     * number in '*port_no'.  EEXIST if a port of that name exists; EFBIG
     * if no number is free. */
    int (*port_add)(struct dpif *dpif, struct netdev *netdev,
                    odp_port_t *port_no);

    /* Removes port 'port_no'.  ENOENT if there is none; the local port
     * cannot be removed (EINVAL). */
    int (*port_del)(struct dpif *dpif, odp_port_t port_no);

    /* Applies 'cfg' (the Interface's other_config) to a port.  May be
     * NULL. */
    int (*port_set_config)(struct dpif *dpif, odp_port_t port_no,
                           const struct smap *cfg);

    /* Looks up a port by number or name; on success, fills 'port' (if not
     * NULL; the caller destroys it with dpif_port_destroy()).  ENODEV if
     * there is no such port. */
    int (*port_query_by_number)(const struct dpif *dpif, odp_port_t port_no,
                                struct dpif_port *port);
    int (*port_query_by_name)(const struct dpif *dpif, const char *devname,
                              struct dpif_port *port);

    /* Port dumps: start sets '*statep'; next fills 'port' (owned by the
     * state, valid until the next call) and returns 0, or EOF at the end;
     * done frees the state. */
    int (*port_dump_start)(const struct dpif *dpif, void **statep);
    int (*port_dump_next)(const struct dpif *dpif, void *state,
                          struct dpif_port *port);
    int (*port_dump_done)(const struct dpif *dpif, void *state);

    /* Port change notification: see dpif_port_poll() in dpif.h.  May be
     * NULL (the caller then re-dumps ports periodically). */
    int (*port_poll)(const struct dpif *dpif, char **devnamep);
    void (*port_poll_wait)(const struct dpif *dpif);

    /* Deletes every flow. */
    int (*flow_flush)(struct dpif *dpif);

    /* Flow dumps.  flow_dump_create() starts a dump over every flow
     * (in every PMD's table); any number of threads may then each create a
     * dump thread and call flow_dump_next() on it, receiving each flow
     * exactly once overall.  Flows added or deleted during the dump may or
     * may not appear.  'terse' permits omitting key, mask and actions
     * (revalidators that only need stats and UFIDs). */
    struct dpif_flow_dump *(*flow_dump_create)(
        const struct dpif *dpif, bool terse,
        struct dpif_flow_dump_types *types);
    int (*flow_dump_destroy)(struct dpif_flow_dump *dump);
    struct dpif_flow_dump_thread *(*flow_dump_thread_create)(
        struct dpif_flow_dump *dump);
    void (*flow_dump_thread_destroy)(struct dpif_flow_dump_thread *thread);
    /* Stores up to 'max_flows' flows into 'flows' and returns how many; 0
     * at the end.  The flows' pointers stay valid until the next call on
     * the same thread. */
    int (*flow_dump_next)(struct dpif_flow_dump_thread *thread,
                          struct dpif_flow *flows, int max_flows);

    /* Executes each of the 'n_ops' operations in 'ops', in order, storing
     * each one's result in its 'error' member.  Flow puts with a mask
     * install a megaflow; EEXIST if DPIF_FP_CREATE alone and the flow
     * exists, ENOENT if DPIF_FP_MODIFY alone and it does not, EINVAL for a
     * malformed key, mask or action list, E2BIG (or ENOSPC) if the table is
     * full. */
    void (*operate)(struct dpif *dpif, struct dpif_op **ops, size_t n_ops);

    /* Upcalls through dpif_recv() (the kernel datapath).  recv_set()
     * enables or disables receiving; handlers_set() sets the number of
     * handler threads, each with its own queue 'handler_id'; recv() stores
     * one upcall, pointing into 'buf', or returns EAGAIN; recv_wait()
     * wakes poll_block() when recv() has something; recv_purge() drops
     * queued upcalls.  All NULL for datapaths that call the upcall
     * callback instead. */
    int (*recv_set)(struct dpif *dpif, bool enable);
    int (*handlers_set)(struct dpif *dpif, uint32_t n_handlers);

    /* Returns the netlink port id that a userspace action in a flow whose
     * packets arrive on 'port_no' should name, so that its upcalls reach a
     * handler; 0 if the datapath picks the handler itself (per-CPU
     * dispatch) or does not use port ids.  May be NULL (always 0). */
    uint32_t (*port_get_pid)(const struct dpif *dpif, odp_port_t port_no);
    int (*recv)(struct dpif *dpif, uint32_t handler_id,
                struct dpif_upcall *upcall, struct ofpbuf *buf);
    void (*recv_wait)(struct dpif *dpif, uint32_t handler_id);
    void (*recv_purge)(struct dpif *dpif);

    /* Applies datapath-wide configuration from Open_vSwitch other_config
     * (e.g. "n-forwarding-threads", "pmd-busy-poll").  May be NULL. */
    int (*set_config)(struct dpif *dpif, const struct smap *other_config);

    /* Upcalls through a callback (userspace datapaths): see
     * upcall_callback in dpif.h.  The datapath must not call 'cb' before
     * enable_upcall() and must stop (waiting for calls in progress) in
     * disable_upcall().  NULL for datapaths that queue upcalls. */
    void (*register_upcall_cb)(struct dpif *dpif, upcall_callback *cb,
                               void *aux);
    void (*enable_upcall)(struct dpif *dpif);
    void (*disable_upcall)(struct dpif *dpif);

    /* Appends provider-specific lines for dpctl/show (for example the
     * forwarding threads of a userspace datapath) to 'reply'.  May be
     * NULL. */
    void (*show_extra)(const struct dpif *dpif, struct ds *reply);

    /* Meters: see dpif_meter_get_features(), dpif_meter_set(),
     * dpif_meter_get() and dpif_meter_del() in dpif.h for the semantics.
     * All NULL for a datapath without meters (dpif.c then reports no
     * meters and EOPNOTSUPP). */
    void (*meter_get_features)(const struct dpif *dpif,
                               struct ofputil_meter_features *features);
    int (*meter_set)(struct dpif *dpif, ofproto_meter_id meter_id,
                     struct ofputil_meter_config *config);
    int (*meter_get)(const struct dpif *dpif, ofproto_meter_id meter_id,
                     struct ofputil_meter_stats *stats, uint16_t n_bands);
    int (*meter_del)(struct dpif *dpif, ofproto_meter_id meter_id,
                     struct ofputil_meter_stats *stats, uint16_t n_bands);
};

extern const struct dpif_class dpif_netlink_class;
extern const struct dpif_class dpif_netdev_class;

#endif /* dpif-provider.h */
