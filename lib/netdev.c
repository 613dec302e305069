/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Generic network device layer: the registry of netdev classes, the table
 * of open devices (reference counted by name), and thin wrappers that
 * dispatch to the providers. */

#include <config.h>
#include "netdev.h"

#include <errno.h>
#include <string.h>
#include "coverage.h"
#include "dp-packet.h"
#include "dpif.h"
#include "netdev-provider.h"
#include "openvswitch/shash.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "seq.h"
#include "smap.h"
#include "sset.h"

VLOG_DEFINE_THIS_MODULE(netdev);

COVERAGE_DEFINE(netdev_received);
COVERAGE_DEFINE(netdev_sent);
COVERAGE_DEFINE(netdev_get_stats);

/* Rate limit for warnings about individual devices. */
static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Protects 'netdev_classes' and 'netdev_shash'. */
static struct ovs_mutex netdev_mutex = OVS_MUTEX_INITIALIZER;

/* Registered classes, by type: each data is a "const struct netdev_class
 * *". */
static struct shash netdev_classes = SHASH_INITIALIZER(&netdev_classes);

/* Open devices, by name: each data is a "struct netdev *". */
static struct shash netdev_shash = SHASH_INITIALIZER(&netdev_shash);

/* Changes whenever any device's status changes. */
static struct seq *netdev_change_seq__;

static void
netdev_initialize(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        netdev_change_seq__ = seq_create();
        ovsthread_once_done(&once);
    }
}

/* Returns the sequence number that changes whenever any device's status
 * changes. */
struct seq *
netdev_global_change_seq(void)
{
    netdev_initialize();
    return netdev_change_seq__;
}

/* Providers call this whenever their device's status changes. */
void
netdev_change_seq_changed(const struct netdev *netdev_)
{
    struct netdev *netdev = CONST_CAST(struct netdev *, netdev_);

    netdev_initialize();
    __atomic_add_fetch(&netdev->change_seq, 1, __ATOMIC_RELAXED);
    if (!netdev->change_seq) {
        __atomic_add_fetch(&netdev->change_seq, 1, __ATOMIC_RELAXED);
    }
    seq_change(netdev_change_seq__);
}

/* Runs the periodic work of every registered class. */
void
netdev_run(void)
{
    struct shash_node *node;

    netdev_initialize();
    ovs_mutex_lock(&netdev_mutex);
    SHASH_FOR_EACH (node, &netdev_classes) {
        const struct netdev_class *class = node->data;

        if (class->run) {
            class->run(class);
        }
    }
    ovs_mutex_unlock(&netdev_mutex);
}

/* Arranges for poll_block() to wake when netdev_run() has work. */
void
netdev_wait(void)
{
    struct shash_node *node;

    ovs_mutex_lock(&netdev_mutex);
    SHASH_FOR_EACH (node, &netdev_classes) {
        const struct netdev_class *class = node->data;

        if (class->wait) {
            class->wait(class);
        }
    }
    ovs_mutex_unlock(&netdev_mutex);
}

/* Registers 'new_class'.  Returns EEXIST if a class of the same type is
 * registered already, or the error of the class's init function. */
int
netdev_register_provider(const struct netdev_class *new_class)
{
    int error = 0;

    netdev_initialize();
    ovs_mutex_lock(&netdev_mutex);
    if (shash_find(&netdev_classes, new_class->type)) {
        VLOG_WARN("attempted to register duplicate netdev provider: %s",
                  new_class->type);
        error = EEXIST;
    } else {
        error = new_class->init ? new_class->init() : 0;
        if (!error) {
            shash_add(&netdev_classes, new_class->type, new_class);
        } else {
            VLOG_ERR("failed to initialize %s network device class: %s",
                     new_class->type, ovs_strerror(error));
        }
    }
    ovs_mutex_unlock(&netdev_mutex);
    return error;
}

/* Unregisters the class of type 'type'.  Returns EAFNOSUPPORT if there is
 * none, EBUSY if a device of that class is open. */
int
netdev_unregister_provider(const char *type)
{
    struct shash_node *node;
    int error = 0;

    ovs_mutex_lock(&netdev_mutex);
    node = shash_find(&netdev_classes, type);
    if (!node) {
        VLOG_WARN("attempted to unregister a netdev provider that is not "
                  "registered: %s", type);
        error = EAFNOSUPPORT;
    } else {
        const struct netdev_class *class = node->data;
        struct shash_node *dev_node;

        SHASH_FOR_EACH (dev_node, &netdev_shash) {
            struct netdev *netdev = dev_node->data;

            if (netdev->netdev_class == class) {
                error = EBUSY;
                break;
            }
        }
        if (!error) {
            shash_delete(&netdev_classes, node);
        }
    }
    ovs_mutex_unlock(&netdev_mutex);
    return error;
}

/* Adds every registered type to 'types'. */
void
netdev_enumerate_types(struct sset *types)
{
    struct shash_node *node;

    netdev_initialize();
    sset_clear(types);
    ovs_mutex_lock(&netdev_mutex);
    SHASH_FOR_EACH (node, &netdev_classes) {
        sset_add(types, node->name);
    }
    ovs_mutex_unlock(&netdev_mutex);
}

/* Returns true if 'name' may not be used for a port: the names of the
 * userspace datapaths' local ports ("ovs-netdev", "ovs-dummy", ...) and
 * the prefixes of the kernel's tunnel vports. */
bool
netdev_is_reserved_name(const char *name)
{
    static const char *const prefixes[] = {
        "genev_sys", "gre_sys", "vxlan_sys", "lisp_sys", "stt_sys",
        "gtpu_sys", "bareudp_sys",
    };

    for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++) {
        if (!strncmp(name, prefixes[i], strlen(prefixes[i]))) {
            return true;
        }
    }
    if (!strncmp(name, "ovs-", 4)) {
        struct sset types = SSET_INITIALIZER(&types);
        bool reserved;

        dp_enumerate_types(&types);
        reserved = sset_contains(&types, name + 4);
        sset_destroy(&types);
        return reserved;
    }
    return false;
}

/* Opens the network device named 'name' of type 'type' ("system" if NULL
 * or empty) and stores it in '*netdevp'.  If the device is open already,
 * takes another reference; EEXIST if it is open with a different type.
 * Returns EAFNOSUPPORT for an unknown type, or the provider's error.  The
 * caller releases the device with netdev_close(). */
int
netdev_open(const char *name, const char *type, struct netdev **netdevp)
{
    struct netdev *netdev;
    int error = 0;

    netdev_initialize();
    if (!type || !*type) {
        type = "system";
    }

    ovs_mutex_lock(&netdev_mutex);
    netdev = shash_find_data(&netdev_shash, name);
    if (netdev) {
        if (strcmp(type, netdev->netdev_class->type)) {
            VLOG_WARN("%s: opened as type %s but already open as type %s",
                      name, type, netdev->netdev_class->type);
            error = EEXIST;
        } else {
            netdev->ref_cnt++;
        }
    } else {
        const struct netdev_class *class = shash_find_data(&netdev_classes,
                                                           type);
        if (!class) {
            VLOG_WARN("could not create netdev %s of unknown type %s",
                      name, type);
            error = EAFNOSUPPORT;
        } else {
            netdev = class->alloc();
            memset(netdev, 0, sizeof *netdev);
            netdev->name = xstrdup(name);
            netdev->netdev_class = class;
            netdev->ref_cnt = 1;
            netdev->change_seq = 1;
            netdev->n_rxq = 1;
            netdev->n_txq = 1;
            netdev->node = shash_add(&netdev_shash, name, netdev);
            error = class->construct(netdev);
            if (error) {
                shash_delete(&netdev_shash, netdev->node);
                free(netdev->name);
                class->dealloc(netdev);
                netdev = NULL;
            } else {
                seq_change(netdev_change_seq__);
            }
        }
    }
    ovs_mutex_unlock(&netdev_mutex);

    *netdevp = error ? NULL : netdev;
    return error;
}

/* Takes another reference to 'netdev_', which must be open, and returns
 * it. */
struct netdev *
netdev_ref(const struct netdev *netdev_)
{
    struct netdev *netdev = CONST_CAST(struct netdev *, netdev_);

    ovs_mutex_lock(&netdev_mutex);
    ovs_assert(netdev->ref_cnt > 0);
    netdev->ref_cnt++;
    ovs_mutex_unlock(&netdev_mutex);
    return netdev;
}

/* Releases a reference to 'netdev' (NULL is allowed); destroys the device
 * when the last reference goes. */
void
netdev_close(struct netdev *netdev)
{
    if (!netdev) {
        return;
    }

    ovs_mutex_lock(&netdev_mutex);
    ovs_assert(netdev->ref_cnt > 0);
    if (--netdev->ref_cnt) {
        ovs_mutex_unlock(&netdev_mutex);
        return;
    }
    shash_delete(&netdev_shash, netdev->node);
    ovs_mutex_unlock(&netdev_mutex);

    netdev->netdev_class->destruct(netdev);
    free(netdev->name);
    netdev->netdev_class->dealloc(netdev);
    seq_change(netdev_global_change_seq());
}

/* Like netdev_close(), for a device whose underlying object should go away
 * (a tap device the switch created).  The providers delete such devices
 * in destruct(), so this is the same as netdev_close(). */
void
netdev_remove(struct netdev *netdev)
{
    netdev_close(netdev);
}

/* Applies 'args' (may be NULL) to 'netdev'.  A device without options
 * rejects any non-empty 'args' with EINVAL. */
int
netdev_set_config(struct netdev *netdev, const struct smap *args, char **errp)
{
    if (errp) {
        *errp = NULL;
    }
    if (netdev->netdev_class->set_config) {
        const struct smap no_args = SMAP_INITIALIZER(&no_args);
        char *verbose_error = NULL;
        int error;

        error = netdev->netdev_class->set_config(netdev,
                                                 args ? args : &no_args,
                                                 &verbose_error);
        if (error) {
            VLOG_WARN_RL(&rl,
                         "%s: could not set configuration (%s)",
                         netdev_get_name(netdev), ovs_strerror(error));
            if (verbose_error) {
                if (errp) {
                    *errp = verbose_error;
                } else {
                    free(verbose_error);
                }
            }
        }
        return error;
    } else if (args && !smap_is_empty(args)) {
        VLOG_WARN("%s: arguments provided to device that is not "
                  "configurable", netdev_get_name(netdev));
        if (errp) {
            *errp = xasprintf("%s: arguments provided to device that is "
                              "not configurable", netdev_get_name(netdev));
        }
        return EINVAL;
    }
    return 0;
}

/* Stores 'netdev''s configuration in 'args' (cleared first). */
int
netdev_get_config(const struct netdev *netdev, struct smap *args)
{
    int error;

    smap_clear(args);
    if (netdev->netdev_class->get_config) {
        error = netdev->netdev_class->get_config(netdev, args);
        if (error) {
            smap_clear(args);
        }
    } else {
        error = 0;
    }
    return error;
}

const char *
netdev_get_name(const struct netdev *netdev)
{
    return netdev->name;
}

const char *
netdev_get_type(const struct netdev *netdev)
{
    return netdev->netdev_class->type;
}

const struct netdev_class *
netdev_get_class(const struct netdev *netdev)
{
    return netdev->netdev_class;
}

/* Stores the MTU in '*mtup' (0 on error).  EOPNOTSUPP if the device has
 * no MTU. */
int
netdev_get_mtu(const struct netdev *netdev, int *mtup)
{
    const struct netdev_class *class = netdev->netdev_class;
    int error;

    error = class->get_mtu ? class->get_mtu(netdev, mtup) : EOPNOTSUPP;
    if (error) {
        *mtup = 0;
        if (error != EOPNOTSUPP) {
            VLOG_DBG_RL(&rl,
                        "failed to retrieve MTU for network device %s: %s",
                        netdev_get_name(netdev), ovs_strerror(error));
        }
    }
    return error;
}

int
netdev_set_mtu(struct netdev *netdev, int mtu)
{
    const struct netdev_class *class = netdev->netdev_class;
    int error;

    error = class->set_mtu ? class->set_mtu(netdev, mtu) : EOPNOTSUPP;
    if (error && error != EOPNOTSUPP) {
        VLOG_WARN_RL(&rl,
                     "failed to set MTU for network device %s: %s",
                     netdev_get_name(netdev), ovs_strerror(error));
    }
    return error;
}

/* Returns the ifindex, or a negative errno. */
int
netdev_get_ifindex(const struct netdev *netdev)
{
    const struct netdev_class *class = netdev->netdev_class;

    return class->get_ifindex ? class->get_ifindex(netdev) : -EOPNOTSUPP;
}

int
netdev_set_etheraddr(struct netdev *netdev, const struct eth_addr mac)
{
    const struct netdev_class *class = netdev->netdev_class;

    return class->set_etheraddr ? class->set_etheraddr(netdev, mac)
                                : EOPNOTSUPP;
}

/* Stores the Ethernet address in '*mac' (all zeros on error). */
int
netdev_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    const struct netdev_class *class = netdev->netdev_class;
    int error;

    error = class->get_etheraddr ? class->get_etheraddr(netdev, mac)
                                 : EOPNOTSUPP;
    if (error) {
        memset(mac, 0, sizeof *mac);
    }
    return error;
}

/* Stores the link state in '*carrier'.  A device that does not know its
 * link state reports carrier up. */
int
netdev_get_carrier(const struct netdev *netdev, bool *carrier)
{
    const struct netdev_class *class = netdev->netdev_class;
    int error;

    if (!class->get_carrier) {
        *carrier = true;
        return 0;
    }
    error = class->get_carrier(netdev, carrier);
    if (error) {
        *carrier = false;
    }
    return error;
}

long long int
netdev_get_carrier_resets(const struct netdev *netdev)
{
    const struct netdev_class *class = netdev->netdev_class;

    return class->get_carrier_resets ? class->get_carrier_resets(netdev) : 0;
}

/* Stores 'netdev''s statistics in '*stats' (UINT64_MAX for counters it
 * does not keep; all UINT64_MAX on error). */
int
netdev_get_stats(const struct netdev *netdev, struct netdev_stats *stats)
{
    const struct netdev_class *class = netdev->netdev_class;
    int error;

    COVERAGE_INC(netdev_get_stats);
    memset(stats, 0xff, sizeof *stats);
    error = class->get_stats ? class->get_stats(netdev, stats) : EOPNOTSUPP;
    if (error) {
        memset(stats, 0xff, sizeof *stats);
    }
    return error;
}

int
netdev_get_custom_stats(const struct netdev *netdev,
                        struct netdev_custom_stats *stats)
{
    const struct netdev_class *class = netdev->netdev_class;
    int error;

    stats->size = 0;
    stats->counters = NULL;
    error = (class->get_custom_stats
             ? class->get_custom_stats(netdev, stats) : EOPNOTSUPP);
    if (error) {
        netdev_free_custom_stats_counters(stats);
    }
    return error;
}

void
netdev_free_custom_stats_counters(struct netdev_custom_stats *stats)
{
    if (stats) {
        free(stats->counters);
        stats->counters = NULL;
        stats->size = 0;
    }
}

/* Adds the device's status to 'smap' (cleared first). */
int
netdev_get_status(const struct netdev *netdev, struct smap *smap)
{
    const struct netdev_class *class = netdev->netdev_class;

    smap_clear(smap);
    return class->get_status ? class->get_status(netdev, smap) : EOPNOTSUPP;
}

static int
netdev_update_flags(struct netdev *netdev, enum netdev_flags off,
                    enum netdev_flags on, enum netdev_flags *old_flagsp)
{
    const struct netdev_class *class = netdev->netdev_class;
    enum netdev_flags old_flags;
    int error;

    error = class->update_flags
            ? class->update_flags(netdev, off & ~on, on, &old_flags)
            : EOPNOTSUPP;
    if (error) {
        /* Reading the flags of a device that vanished is routine (the
         * switch notices it and reports it in the Interface's error
         * column), so only a failure to change them is worth a warning. */
        if (off || on) {
            VLOG_WARN_RL(&rl, "failed to set flags for network device %s: %s",
                         netdev_get_name(netdev), ovs_strerror(error));
        } else {
            VLOG_DBG_RL(&rl, "failed to get flags for network device %s: %s",
                        netdev_get_name(netdev), ovs_strerror(error));
        }
        old_flags = 0;
    }
    if (old_flagsp) {
        *old_flagsp = old_flags;
    }
    return error;
}

int
netdev_get_flags(const struct netdev *netdev, enum netdev_flags *flagsp)
{
    return netdev_update_flags(CONST_CAST(struct netdev *, netdev), 0, 0,
                               flagsp);
}

int
netdev_turn_flags_on(struct netdev *netdev, enum netdev_flags flags,
                     enum netdev_flags *old_flags)
{
    return netdev_update_flags(netdev, 0, flags, old_flags);
}

int
netdev_turn_flags_off(struct netdev *netdev, enum netdev_flags flags,
                      enum netdev_flags *old_flags)
{
    return netdev_update_flags(netdev, flags, 0, old_flags);
}

int
netdev_n_rxq(const struct netdev *netdev)
{
    return netdev->n_rxq;
}

int
netdev_n_txq(const struct netdev *netdev)
{
    return netdev->n_txq;
}

bool
netdev_is_pmd(const struct netdev *netdev)
{
    return netdev->netdev_class->is_pmd;
}

/* Returns true if 'netdev' can take packets carrying offloads (GSO and
 * partial checksums) as they are: the Linux classes pass them to the
 * kernel in a virtio-net header.  Every other device gets complete
 * frames. */
bool
netdev_supports_offloads(const struct netdev *netdev)
{
    const struct netdev_class *class = netdev->netdev_class;

    return (class == &netdev_linux_class
            || class == &netdev_internal_class
            || class == &netdev_tap_class);
}

uint64_t
netdev_get_change_seq(const struct netdev *netdev)
{
    return __atomic_load_n(&netdev->change_seq, __ATOMIC_RELAXED);
}

/* Opens receive queue 'queue_id' of 'netdev' and stores it in '*rxqp'.
 * The queue holds a reference to 'netdev'. */
int
netdev_rxq_open(struct netdev *netdev, struct netdev_rxq **rxqp, int queue_id)
{
    const struct netdev_class *class = netdev->netdev_class;
    int error;

    if (!class->rxq_alloc) {
        *rxqp = NULL;
        return EOPNOTSUPP;
    }
    if (queue_id < 0 || queue_id >= netdev->n_rxq) {
        *rxqp = NULL;
        return EINVAL;
    }

    struct netdev_rxq *rxq = class->rxq_alloc();
    rxq->netdev = netdev;
    rxq->queue_id = queue_id;
    error = class->rxq_construct(rxq);
    if (error) {
        class->rxq_dealloc(rxq);
        *rxqp = NULL;
        return error;
    }
    netdev_ref(netdev);
    *rxqp = rxq;
    return 0;
}

/* Closes 'rxq' (NULL is allowed) and releases its device reference. */
void
netdev_rxq_close(struct netdev_rxq *rxq)
{
    if (rxq) {
        struct netdev *netdev = rxq->netdev;

        netdev->netdev_class->rxq_destruct(rxq);
        netdev->netdev_class->rxq_dealloc(rxq);
        netdev_close(netdev);
    }
}

const char *
netdev_rxq_get_name(const struct netdev_rxq *rxq)
{
    return netdev_get_name(rxq->netdev);
}

int
netdev_rxq_get_queue_id(const struct netdev_rxq *rxq)
{
    return rxq->queue_id;
}

/* Receives a batch of packets into 'batch' (initialized here).  Returns 0
 * with at least one packet, EAGAIN if none were waiting, or an errno. */
int
netdev_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch,
                int *qfill)
{
    int error;

    dp_packet_batch_init(batch);
    error = rxq->netdev->netdev_class->rxq_recv(rxq, batch, qfill);
    if (!error) {
        if (!batch->count) {
            return EAGAIN;
        }
        COVERAGE_ADD(netdev_received, batch->count);
    } else {
        dp_packet_delete_batch(batch, true);
    }
    return error;
}

void
netdev_rxq_wait(struct netdev_rxq *rxq)
{
    rxq->netdev->netdev_class->rxq_wait(rxq);
}

int
netdev_rxq_drain(struct netdev_rxq *rxq)
{
    const struct netdev_class *class = rxq->netdev->netdev_class;

    return class->rxq_drain ? class->rxq_drain(rxq) : 0;
}

/* Appends 'packet' to 'out', first sending 'out' on 'qid' of 'netdev' if it
 * is full.  Updates '*error' with the first error. */
static void
netdev_send_queue(struct netdev *netdev, int qid, struct dp_packet_batch *out,
                  struct dp_packet *packet, bool concurrent_txq, int *error)
{
    if (dp_packet_batch_is_full(out)) {
        int retval = netdev->netdev_class->send(netdev, qid, out,
                                                concurrent_txq);
        if (!*error) {
            *error = retval;
        }
        dp_packet_batch_init(out);
    }
    dp_packet_batch_add(out, packet);
}

/* Sends 'batch' with the offloads resolved in software, for a device that
 * cannot take them: a GSO packet becomes as many complete segments as it
 * takes, a partial checksum is completed.  Consumes the packets and
 * returns the first error. */
static int
netdev_send_resolved(struct netdev *netdev, int qid,
                     struct dp_packet_batch *batch, bool concurrent_txq)
{
    struct dp_packet_batch out;
    struct dp_packet *packet;
    int error = 0;

    dp_packet_batch_init(&out);
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        int retval = 0;

        if (!dp_packet_has_offloads(packet)) {
            netdev_send_queue(netdev, qid, &out, packet, concurrent_txq,
                              &error);
        } else if ((packet->vnet.gso_type & ~VIRTIO_NET_HDR_GSO_ECN)
                   != VIRTIO_NET_HDR_GSO_NONE) {
            struct dp_packet **segs;
            size_t n_segs;

            retval = dp_packet_gso_segment(packet, &segs, &n_segs);
            for (size_t j = 0; j < n_segs; j++) {
                netdev_send_queue(netdev, qid, &out, segs[j], concurrent_txq,
                                  &error);
            }
            free(segs);
        } else {
            struct dp_packet_batch fixed;

            dp_packet_batch_init(&fixed);
            retval = dp_packet_resolve_offloads(packet, &fixed);
            for (size_t j = 0; j < fixed.count; j++) {
                netdev_send_queue(netdev, qid, &out, fixed.packets[j],
                                  concurrent_txq, &error);
            }
        }
        if (retval) {
            VLOG_WARN_RL(&rl, "%s: could not resolve offloads of a packet "
                         "(%s)", netdev_get_name(netdev),
                         ovs_strerror(retval));
            if (!error) {
                error = retval;
            }
        }
    }
    if (!dp_packet_batch_is_empty(&out)) {
        int retval = netdev->netdev_class->send(netdev, qid, &out,
                                                concurrent_txq);
        if (!error) {
            error = retval;
        }
    }
    dp_packet_batch_init(batch);
    return error;
}

/* Sends every packet of 'batch' on tx queue 'qid' of 'netdev' and consumes
 * them, resolving offloads first for a device that cannot take them. */
int
netdev_send(struct netdev *netdev, int qid, struct dp_packet_batch *batch,
            bool concurrent_txq)
{
    const struct netdev_class *class = netdev->netdev_class;
    size_t count = batch->count;
    bool offloads = false;
    struct dp_packet *packet;
    int error;

    if (!class->send) {
        dp_packet_delete_batch(batch, true);
        return EOPNOTSUPP;
    }

    if (!netdev_supports_offloads(netdev)) {
        DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
            if (dp_packet_has_offloads(packet)) {
                offloads = true;
                break;
            }
        }
    }
    if (offloads) {
        error = netdev_send_resolved(netdev, qid, batch, concurrent_txq);
    } else {
        error = class->send(netdev, qid, batch, concurrent_txq);
        dp_packet_batch_init(batch);
    }
    if (!error) {
        COVERAGE_ADD(netdev_sent, count);
    }
    return error;
}

void
netdev_send_wait(struct netdev *netdev, int qid)
{
    if (netdev->netdev_class->send_wait) {
        netdev->netdev_class->send_wait(netdev, qid);
    }
}
