/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DPIF_NETDEV_DPCLS_H
#define DPIF_NETDEV_DPCLS_H 1

/* The userspace datapath's megaflow classifier ("dpcls"): tuple space
 * search over struct flow.
 *
 * Each distinct mask has a subtable, which keeps the list of the mask's
 * nonzero 64-bit words and a hash table (liburcu's cds_lfht) of its rules,
 * keyed by a hash of the masked key over those words only.  A lookup tries
 * the subtables in turn, each with one hash probe.  Subtables are ranked
 * by how many lookups they satisfied and re-sorted now and then, so that
 * the busiest are tried first.
 *
 * Megaflows installed by the datapath do not overlap, so the first match
 * is the only one; rules carry no priority.
 *
 * Threads: lookups run inside an RCU read-side critical section, without
 * locks, concurrently with one writer.  Insertions, removals and sorting
 * require the owner's writer mutex (the caller's).  Memory of removed
 * rules is the caller's, to be freed after a grace period; empty
 * subtables are freed by dpcls itself, after a grace period, from
 * dpcls_run() in the main thread (never from an RCU callback: a cds_lfht
 * may not be destroyed there). */

#include <stdbool.h>
#include <stdint.h>
#include "flow.h"
#include "ovs-rcu.h"

struct dpcls_subtable;
struct dpcls_subtables;

/* A classifier. */
struct dpcls {
    struct dpcls_subtables *subtables; /* RCU-protected ranked vector. */
    long long int next_sort;    /* Time of the next re-sort (msec). */
};

/* A rule: embed it in the flow it stands for. */
struct dpcls_rule {
    struct cds_lfht_node node;  /* In the subtable's 'rules'. */
    struct dpcls_subtable *subtable; /* The subtable of the rule's mask. */
    uint32_t hash;              /* Hash of 'key' over the mask's words. */
    struct flow key;            /* The key with the mask applied. */
};

void dpcls_init(struct dpcls *);
void dpcls_destroy(struct dpcls *);
void dpcls_insert(struct dpcls *, struct dpcls_rule *, const struct flow *,
                  const struct flow_wildcards *);
void dpcls_remove(struct dpcls *, struct dpcls_rule *);
void dpcls_fit(struct dpcls *);
void dpcls_lfht_fit(struct cds_lfht *, unsigned long n, unsigned long min,
                    unsigned long *n_buckets);
const struct dpcls_rule *dpcls_lookup(const struct dpcls *,
                                      const struct flow *,
                                      int *n_subtables_visited);
const struct flow_wildcards *dpcls_rule_mask(const struct dpcls_rule *);
bool dpcls_rule_matches(const struct dpcls_rule *, const struct flow *);
size_t dpcls_n_subtables(const struct dpcls *);
void dpcls_sort_subtables(struct dpcls *);
bool dpcls_sort_due(const struct dpcls *, long long int now);

void dpcls_run(void);

#endif /* dpif-netdev-dpcls.h */
