/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DPIF_NETDEV_H
#define DPIF_NETDEV_H 1

/* The userspace datapath (types "netdev" and "dummy"): what its users need
 * beyond dpif.h.  The provider itself is dpif_netdev_class
 * (dpif-provider.h), which dpif.c registers. */

#include <stdbool.h>
#include <stdint.h>

struct dpif;

/* Counters of the userspace datapath, summed over its execution contexts
 * (the main thread's and the forwarding threads'). */
struct dpif_netdev_stats {
    uint64_t n_received;        /* Packets read from ports. */
    uint64_t n_emc_hit;         /* Packets that hit in the exact-match
                                 * cache. */
    uint64_t n_masked_hit;      /* Packets that hit in the classifier. */
    uint64_t n_masked_lookups;  /* Subtables visited for those hits. */
    uint64_t n_missed;          /* Packets that missed (upcalls). */
    uint64_t n_lost;            /* Upcalls that failed. */
    uint64_t n_flows;           /* Flows in the tables. */
    uint64_t n_masks;           /* Distinct masks (subtables). */
    uint64_t n_threads;         /* Forwarding threads running. */
};

/* Fills '*stats' for the userspace datapath 'dpif'. */
void dpif_netdev_get_stats_ext(const struct dpif *dpif,
                               struct dpif_netdev_stats *stats);

/* True if 'dpif' is a userspace datapath. */
bool dpif_is_netdev(const struct dpif *dpif);

#endif /* dpif-netdev.h */
