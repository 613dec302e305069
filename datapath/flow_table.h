/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * The megaflow table: a list of masks, each with a hash table of the flows
 * that use it, a per-CPU cache that remembers which mask matched a packet
 * hash, and a table of every flow by its identifier.
 */

#ifndef WEFT_FLOW_TABLE_H
#define WEFT_FLOW_TABLE_H 1

#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "flow.h"

/* Default and largest number of entries of the per-CPU mask cache. */
#define OVS_MASK_CACHE_DEFAULT	256
#define OVS_MASK_CACHE_MAX \
	(PCPU_MIN_UNIT_SIZE / sizeof(struct mask_cache_entry))

/**
 * struct table_instance - one version of a hash table of flows.
 * @rcu: frees the bucket array after the last reader.
 * @buckets: @n_buckets list heads.
 * @n_buckets: a power of 2.
 * @node_ver: which of a flow's two list nodes this version uses.
 * @id_table: true for the identifier table (flows linked by id_node),
 *	false for a mask's table (mask_node).
 *
 * Growing the table builds a new instance with the other node version, so
 * readers walking the old one are never disturbed.
 */
struct table_instance {
	struct rcu_head rcu;
	struct hlist_head *buckets;
	unsigned int n_buckets;
	int node_ver;
	bool id_table;
};

/**
 * struct ovs_mask - a mask shared by flows, with the table of its flows.
 * @rcu: frees the mask after the last reader.
 * @ref_count: flows using the mask (ovs_mutex).
 * @n_flows: flows in @ti (ovs_mutex).
 * @seed: hash seed of @ti.
 * @range: the part of @key that is not zero.
 * @ti: the flows, by hash of their masked key.
 * @hits: per-CPU count of packets whose flow this mask found.
 * @last_hits: sum of @hits at the last rebalancing (ovs_mutex).
 * @key: the mask itself.
 */
struct ovs_mask {
	struct rcu_head rcu;
	int ref_count;
	unsigned int n_flows;
	u32 seed;
	struct ovs_key_range range;
	struct table_instance __rcu *ti;
	u64 __percpu *hits;
	u64 last_hits;
	struct ovs_key key;
};

/* The masks of a table, in lookup order; replaced as a whole on change. */
struct mask_array {
	struct rcu_head rcu;		/* Frees the array after readers. */
	u32 count;			/* Entries in 'masks'. */
	struct ovs_mask __rcu *masks[];	/* The masks. */
};

/* One entry of the per-CPU mask cache. */
struct mask_cache_entry {
	u32 skb_hash;			/* Packet hash, 0 if unused. */
	u32 mask_index;			/* Index in the mask array. */
};

/* The per-CPU mask cache. */
struct mask_cache {
	struct rcu_head rcu;		/* Frees the cache after readers. */
	u32 size;			/* Entries per CPU, a power of 2. */
	struct mask_cache_entry __percpu *entries; /* 'size' per CPU. */
};

/**
 * struct flow_table - a datapath's megaflows.
 * @masks: the masks.
 * @cache: the mask cache; its @size may be 0 (disabled).
 * @id_ti: every flow, by identifier.
 * @id_seed: hash seed of @id_ti.
 * @count: number of flows (ovs_mutex).
 */
struct flow_table {
	struct mask_array __rcu *masks;
	struct mask_cache __rcu *cache;
	struct table_instance __rcu *id_ti;
	u32 id_seed;
	unsigned int count;
};

int ovs_flow_tbl_init(struct flow_table *table);
void ovs_flow_tbl_destroy(struct flow_table *table);
void ovs_flow_tbl_flush(struct flow_table *table);

int ovs_flow_tbl_insert(struct flow_table *table, struct ovs_flow *flow,
			const struct ovs_key *mask);
void ovs_flow_tbl_remove(struct flow_table *table, struct ovs_flow *flow);

struct ovs_flow *ovs_flow_tbl_lookup_stats(struct flow_table *table,
					   const struct ovs_key *key,
					   u32 skb_hash, u32 *n_mask_hit,
					   u32 *n_cache_hit);
struct ovs_flow *ovs_flow_tbl_lookup_exact(struct flow_table *table,
					   const struct ovs_key *masked_key,
					   const struct ovs_key *mask);
struct ovs_flow *ovs_flow_tbl_lookup_id(struct flow_table *table,
					const struct ovs_flow_id *id);
struct ovs_flow *ovs_flow_tbl_dump_next(struct flow_table *table,
					u32 *bucket, u32 *idx);

u32 ovs_flow_tbl_num_masks(const struct flow_table *table);
u32 ovs_flow_tbl_cache_size(const struct flow_table *table);
int ovs_flow_tbl_cache_resize(struct flow_table *table, u32 size);
void ovs_flow_tbl_rebalance(struct flow_table *table);

void ovs_key_mask(struct ovs_key *dst, const struct ovs_key *src,
		  const struct ovs_key *mask);
bool ovs_key_equal(const struct ovs_key *a, const struct ovs_key *b);

#endif /* WEFT_FLOW_TABLE_H */
