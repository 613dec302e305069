/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef NETDEV_PROVIDER_H
#define NETDEV_PROVIDER_H 1

/* The interface between netdev.c and a network device implementation.
 *
 * A provider fills in a struct netdev_class (designated initializers;
 * NULL where it lacks an operation: netdev.c then returns EOPNOTSUPP) and
 * registers it with netdev_register_provider().  Objects follow a
 * four-step life cycle, so that netdev.c owns the generic parts:
 *
 *   alloc()     the provider allocates its structure (embedding struct
 *               netdev) and returns the embedded member;
 *   construct() the provider initializes its part (netdev.c has already
 *               set the generic members);
 *   destruct()  the provider releases what construct() acquired;
 *   dealloc()   the provider frees the structure.
 *
 * Receive queues (struct netdev_rxq) follow the same pattern.  Providers
 * recover their structures with checked casts.
 *
 * Threads: configuration functions run in the main thread.  rxq_recv()
 * runs in one forwarding thread per rxq; send() runs in any forwarding
 * thread, concurrently on different qids (and on the same qid only when
 * the caller passes concurrent_txq, in which case the provider locks);
 * get_stats(), get_carrier() and get_etheraddr() may run in any thread. */

#include "netdev.h"
#include "openvswitch/util.h"

struct dp_packet_batch;
struct smap;

/* A network device, as netdev.c sees it. */
struct netdev {
    char *name;                         /* Name of network device. */
    const struct netdev_class *netdev_class; /* Functions to control it. */
    int ref_cnt;                        /* Times this device was opened
                                         * (main thread only). */
    uint64_t change_seq;                /* Bumped by netdev_change_seq_changed()
                                         * on any status change. */
    int n_txq;                          /* Number of tx queues. */
    int n_rxq;                          /* Number of rx queues. */
    struct shash_node *node;            /* In netdev.c's table of devices. */
};

/* Providers call this whenever something netdev_get_change_seq() users
 * would want to notice changes (carrier, flags, MTU, MAC). */
void netdev_change_seq_changed(const struct netdev *);

/* A receive queue. */
struct netdev_rxq {
    struct netdev *netdev;      /* Owns a reference to the netdev. */
    int queue_id;               /* Queue number, from 0. */
};

struct netdev_class {
    /* Type name, e.g. "system", "tap", "internal", "dummy".  Unique. */
    const char *type;

    /* True if the device is polled by forwarding threads without a file
     * descriptor to wait on (busy-polled); false if rxq_wait() works. */
    bool is_pmd;

    /* Called once when the class is registered.  May be NULL. */
    int (*init)(void);

    /* Periodic work for every device of this class, called from the main
     * loop (e.g. reading link notifications); and its wait function.  May
     * be NULL. */
    void (*run)(const struct netdev_class *netdev_class);
    void (*wait)(const struct netdev_class *netdev_class);

    /* Life cycle: see the comment at the top of this file.  construct()
     * returns 0 or an errno (ENODEV if a "system" device does not exist);
     * on error destruct() is not called but dealloc() is. */
    struct netdev *(*alloc)(void);
    int (*construct)(struct netdev *netdev);
    void (*destruct)(struct netdev *netdev);
    void (*dealloc)(struct netdev *netdev);

    /* Reads or applies the device's configuration (Interface options).
     * set_config() may set '*errp' to a malloc()ed message.  May be NULL
     * (a device without options then rejects any non-empty 'args'). */
    int (*get_config)(const struct netdev *netdev, struct smap *args);
    int (*set_config)(struct netdev *netdev, const struct smap *args,
                      char **errp);

    /* Sends every packet of 'batch' on tx queue 'qid' and frees them (on
     * error too).  Packets may carry offloads (dp_packet 'vnet'): a device
     * that cannot pass them on resolves them with
     * dp_packet_resolve_offloads() first.  Returns 0 or the first errno;
     * EAGAIN when the device is busy (the packets are dropped and counted
     * as tx_dropped). */
    int (*send)(struct netdev *netdev, int qid, struct dp_packet_batch *batch,
                bool concurrent_txq);

    /* Arranges for poll_block() to wake when send() on 'qid' would not
     * return EAGAIN.  May be NULL. */
    void (*send_wait)(struct netdev *netdev, int qid);

    /* Ethernet address. */
    int (*set_etheraddr)(struct netdev *netdev, const struct eth_addr mac);
    int (*get_etheraddr)(const struct netdev *netdev, struct eth_addr *mac);

    /* MTU (of the Ethernet payload, like Linux's).  EOPNOTSUPP if the
     * device has none. */
    int (*get_mtu)(const struct netdev *netdev, int *mtup);
    int (*set_mtu)(struct netdev *netdev, int mtu);

    /* Returns the Linux ifindex, or a negative errno. */
    int (*get_ifindex)(const struct netdev *netdev);

    /* Link state and the number of times it went down. */
    int (*get_carrier)(const struct netdev *netdev, bool *carrier);
    long long int (*get_carrier_resets)(const struct netdev *netdev);

    /* Statistics: sets every member of 'stats' (UINT64_MAX for counters
     * the device lacks). */
    int (*get_stats)(const struct netdev *netdev, struct netdev_stats *stats);

    /* Device-specific counters: stores in 'stats' a newly allocated array
     * of counters (see netdev_get_custom_stats()).  May be null. */
    int (*get_custom_stats)(const struct netdev *netdev,
                            struct netdev_custom_stats *stats);

    /* Adds provider-specific status key-value pairs (Interface status
     * column: e.g. "driver_name"). */
    int (*get_status)(const struct netdev *netdev, struct smap *smap);

    /* Turns the flags in 'off' off and those in 'on' on, and stores the
     * previous flags in '*old_flags'. */
    int (*update_flags)(struct netdev *netdev, enum netdev_flags off,
                        enum netdev_flags on, enum netdev_flags *old_flags);

    /* Receive queues: life cycle as for devices. */
    struct netdev_rxq *(*rxq_alloc)(void);
    int (*rxq_construct)(struct netdev_rxq *rxq);
    void (*rxq_destruct)(struct netdev_rxq *rxq);
    void (*rxq_dealloc)(struct netdev_rxq *rxq);

    /* Receives up to NETDEV_MAX_BURST packets into 'batch' (which is
     * empty on entry).  Each packet's md is initialized by the caller
     * afterwards; offsets need not be set.  Returns 0 if it received at
     * least one packet, EAGAIN if none were waiting, or another errno.
     * If 'qfill' is not NULL, may store the number of packets left in the
     * queue (or leave it alone). */
    int (*rxq_recv)(struct netdev_rxq *rxq, struct dp_packet_batch *batch,
                    int *qfill);

    /* Arranges for poll_block() to wake when rxq_recv() has packets. */
    void (*rxq_wait)(struct netdev_rxq *rxq);

    /* Discards every packet waiting on 'rxq'.  May be NULL. */
    int (*rxq_drain)(struct netdev_rxq *rxq);
};

int netdev_register_provider(const struct netdev_class *);

extern const struct netdev_class netdev_linux_class;    /* "system" */
extern const struct netdev_class netdev_internal_class; /* "internal" */
extern const struct netdev_class netdev_tap_class;      /* "tap" */

/* netdev-dummy: registers "dummy" and "dummy-internal" (and, with
 * 'override', replaces "system", "internal" and "tap" with dummies, as
 * upstream's --enable-dummy=override does). */
void netdev_dummy_register(bool override);
/* netdev-linux: registers "system", "internal" and "tap". */
void netdev_linux_register(void);

#endif /* netdev-provider.h */
