// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * The megaflow table.
 *
 * A lookup tries the masks in order: for each, it masks the packet's key
 * over the mask's range and looks the result up in that mask's hash table.
 * The per-CPU mask cache remembers, for a packet hash, which mask found the
 * last flow, so a packet of a known connection usually costs one probe.
 * Once a second the masks are sorted by the packets they found flows for,
 * busiest first, so that lookups the cache cannot help probe fewer masks.
 *
 * Writers hold ovs_mutex.  Readers (the packet path, dumps) hold
 * rcu_read_lock and never block a writer: the mask array is replaced as a
 * whole, hash tables grow into a new instance that links the flows through
 * their second list node, and everything removed is freed after a grace
 * period.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jhash.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "datapath.h"
#include "flow_table.h"

#define MASK_TABLE_MIN_BUCKETS	16
#define ID_TABLE_MIN_BUCKETS	1024

/* ------------------------------------------------------------------------
 * Keys.
 * ------------------------------------------------------------------------ */

/* Sets 'dst' to 'src' & 'mask', over the whole key. */
void ovs_key_mask(struct ovs_key *dst, const struct ovs_key *src,
		  const struct ovs_key *mask)
{
	const long *s = (const long *)src;
	const long *m = (const long *)mask;
	long *d = (long *)dst;
	int i;

	for (i = 0; i < sizeof(*dst) / sizeof(long); i++)
		d[i] = s[i] & m[i];
}

/* Returns true if the keys 'a' and 'b' are identical. */
bool ovs_key_equal(const struct ovs_key *a, const struct ovs_key *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* Computes the range of 'mask' that is not zero. */
static void mask_range(const struct ovs_key *mask, struct ovs_key_range *r)
{
	const long *m = (const long *)mask;
	int n = sizeof(*mask) / sizeof(long);
	int first = -1, last = -1;
	int i;

	for (i = 0; i < n; i++) {
		if (m[i]) {
			if (first < 0)
				first = i;
			last = i;
		}
	}
	if (first < 0) {
		r->start = r->end = 0;
	} else {
		r->start = first * sizeof(long);
		r->end = (last + 1) * sizeof(long);
	}
}

/* Hashes the range 'range' of 'key' with 'seed'. */
static u32 range_hash(const struct ovs_key *key,
		      const struct ovs_key_range *range, u32 seed)
{
	const u32 *p = (const u32 *)((const u8 *)key + range->start);

	return jhash2(p, (range->end - range->start) / sizeof(u32), seed);
}

/* Returns true if 'a' and 'b' are equal over 'range'. */
static bool range_equal(const struct ovs_key *a, const struct ovs_key *b,
			const struct ovs_key_range *range)
{
	const long *pa = (const long *)((const u8 *)a + range->start);
	const long *pb = (const long *)((const u8 *)b + range->start);
	int n = (range->end - range->start) / sizeof(long);
	long diff = 0;
	int i;

	for (i = 0; i < n; i++)
		diff |= pa[i] ^ pb[i];
	return !diff;
}

/* Sets the range 'range' of 'dst' to 'src' & 'mask'; the rest of 'dst' is
 * left as it is. */
static void range_mask(struct ovs_key *dst, const struct ovs_key *src,
		       const struct ovs_key *mask,
		       const struct ovs_key_range *range)
{
	const long *s = (const long *)((const u8 *)src + range->start);
	const long *m = (const long *)((const u8 *)mask + range->start);
	long *d = (long *)((u8 *)dst + range->start);
	int n = (range->end - range->start) / sizeof(long);
	int i;

	for (i = 0; i < n; i++)
		d[i] = s[i] & m[i];
}

/* ------------------------------------------------------------------------
 * Hash table instances.
 * ------------------------------------------------------------------------ */

static struct table_instance *ti_alloc(unsigned int n_buckets, bool id_table)
{
	struct table_instance *ti;
	unsigned int i;

	ti = kmalloc(sizeof(*ti), GFP_KERNEL);
	if (!ti)
		return NULL;
	ti->buckets = kvmalloc_array(n_buckets, sizeof(struct hlist_head),
				     GFP_KERNEL);
	if (!ti->buckets) {
		kfree(ti);
		return NULL;
	}
	for (i = 0; i < n_buckets; i++)
		INIT_HLIST_HEAD(&ti->buckets[i]);
	ti->n_buckets = n_buckets;
	ti->node_ver = 0;
	ti->id_table = id_table;
	return ti;
}

/* RCU callback freeing a table instance (not its flows). */
static void ti_free_rcu(struct rcu_head *rcu)
{
	struct table_instance *ti = container_of(rcu, struct table_instance,
						 rcu);

	kvfree(ti->buckets);
	kfree(ti);
}

/* Returns the bucket of 'ti' for 'hash'. */
static struct hlist_head *ti_bucket(const struct table_instance *ti, u32 hash)
{
	return &ti->buckets[hash & (ti->n_buckets - 1)];
}

/* Called with ovs_mutex. */
static void ti_insert(struct table_instance *ti, struct ovs_flow *flow)
{
	int ver = ti->node_ver;

	if (ti->id_table)
		hlist_add_head_rcu(&flow->id_node[ver],
				   ti_bucket(ti, flow->id_hash));
	else
		hlist_add_head_rcu(&flow->mask_node[ver],
				   ti_bucket(ti, flow->hash));
}

/* Builds a copy of 'old' with 'n_buckets' buckets, linking every flow
 * through its other list node.  Returns NULL if memory is short, in which
 * case 'old' stays in use.  Called with ovs_mutex. */
static struct table_instance *ti_resize(struct table_instance *old,
					unsigned int n_buckets)
{
	struct table_instance *new;
	int old_ver = old->node_ver;
	unsigned int i;

	new = ti_alloc(n_buckets, old->id_table);
	if (!new)
		return NULL;
	new->node_ver = !old_ver;

	for (i = 0; i < old->n_buckets; i++) {
		struct ovs_flow *flow;

		if (old->id_table) {
			hlist_for_each_entry(flow, &old->buckets[i],
					     id_node[old_ver])
				ti_insert(new, flow);
		} else {
			hlist_for_each_entry(flow, &old->buckets[i],
					     mask_node[old_ver])
				ti_insert(new, flow);
		}
	}
	return new;
}

/* Doubles the table in '*tip' if it holds more than a flow per bucket.
 * Called with ovs_mutex. */
static void ti_maybe_grow(struct table_instance __rcu **tip,
			  unsigned int n_flows)
{
	struct table_instance *ti = ovsl_dereference(*tip);
	struct table_instance *new;

	if (n_flows <= ti->n_buckets)
		return;
	new = ti_resize(ti, ti->n_buckets * 2);
	if (!new)
		return;
	rcu_assign_pointer(*tip, new);
	call_rcu(&ti->rcu, ti_free_rcu);
}

/* ------------------------------------------------------------------------
 * Masks.
 * ------------------------------------------------------------------------ */

static void mask_free_rcu(struct rcu_head *rcu)
{
	struct ovs_mask *mask = container_of(rcu, struct ovs_mask, rcu);
	struct table_instance *ti = rcu_dereference_raw(mask->ti);

	kvfree(ti->buckets);
	kfree(ti);
	free_percpu(mask->hits);
	kfree(mask);
}

/* Returns a zeroed mask array of 'count' entries, or NULL. */
static struct mask_array *mask_array_alloc(u32 count)
{
	struct mask_array *ma;

	ma = kzalloc(struct_size(ma, masks, count), GFP_KERNEL);
	if (ma)
		ma->count = count;
	return ma;
}

/* Returns the mask of 'table' equal to 'key', or NULL.  Called with
 * ovs_mutex or rcu_read_lock. */
static struct ovs_mask *mask_find(const struct flow_table *table,
				  const struct ovs_key *key)
{
	struct mask_array *ma = rcu_dereference_ovsl(table->masks);
	u32 i;

	for (i = 0; i < ma->count; i++) {
		struct ovs_mask *mask = rcu_dereference_ovsl(ma->masks[i]);

		if (ovs_key_equal(&mask->key, key))
			return mask;
	}
	return NULL;
}

/* Adds a new mask equal to 'key' at the end of the mask list.  Returns it,
 * or NULL if memory is short.  Called with ovs_mutex. */
static struct ovs_mask *mask_add(struct flow_table *table,
				 const struct ovs_key *key)
{
	struct mask_array *old = ovsl_dereference(table->masks);
	struct mask_array *new;
	struct ovs_mask *mask;
	struct table_instance *ti;
	u32 i;

	mask = kzalloc(sizeof(*mask), GFP_KERNEL);
	if (!mask)
		return NULL;
	mask->hits = alloc_percpu(u64);
	if (!mask->hits)
		goto err_free_mask;
	ti = ti_alloc(MASK_TABLE_MIN_BUCKETS, false);
	if (!ti)
		goto err_free_mask;
	new = mask_array_alloc(old->count + 1);
	if (!new)
		goto err_free_ti;

	mask->key = *key;
	mask_range(key, &mask->range);
	mask->seed = get_random_u32();
	RCU_INIT_POINTER(mask->ti, ti);

	for (i = 0; i < old->count; i++)
		RCU_INIT_POINTER(new->masks[i],
				 ovsl_dereference(old->masks[i]));
	RCU_INIT_POINTER(new->masks[old->count], mask);
	rcu_assign_pointer(table->masks, new);
	kfree_rcu(old, rcu);
	return mask;

err_free_ti:
	kvfree(ti->buckets);
	kfree(ti);
err_free_mask:
	free_percpu(mask->hits);
	kfree(mask);
	return NULL;
}

/* Takes 'mask', which no flow uses any more, out of the mask list and frees
 * it after a grace period.  Called with ovs_mutex. */
static void mask_remove(struct flow_table *table, struct ovs_mask *mask)
{
	struct mask_array *old = ovsl_dereference(table->masks);
	struct mask_array *new;
	u32 i, j;

	new = mask_array_alloc(old->count - 1);
	if (new) {
		for (i = 0, j = 0; i < old->count; i++) {
			struct ovs_mask *m = ovsl_dereference(old->masks[i]);

			if (m != mask)
				RCU_INIT_POINTER(new->masks[j++], m);
		}
		rcu_assign_pointer(table->masks, new);
		kfree_rcu(old, rcu);
	} else {
		/* Out of memory: compact the array in place.  A reader may
		 * then skip a mask or try one twice, which only costs a
		 * spurious miss. */
		for (i = 0, j = 0; i < old->count; i++) {
			struct ovs_mask *m = ovsl_dereference(old->masks[i]);

			if (m != mask)
				rcu_assign_pointer(old->masks[j++], m);
		}
		WRITE_ONCE(old->count, j);
	}
	call_rcu(&mask->rcu, mask_free_rcu);
}

/* ------------------------------------------------------------------------
 * Tables.
 * ------------------------------------------------------------------------ */

static struct mask_cache *cache_alloc(u32 size)
{
	struct mask_cache *mc;

	mc = kzalloc(sizeof(*mc), GFP_KERNEL);
	if (!mc)
		return NULL;
	mc->size = size;
	if (size) {
		mc->entries = __alloc_percpu(size * sizeof(*mc->entries),
					     __alignof__(*mc->entries));
		if (!mc->entries) {
			kfree(mc);
			return NULL;
		}
	}
	return mc;
}

/* RCU callback freeing a mask cache. */
static void cache_free_rcu(struct rcu_head *rcu)
{
	struct mask_cache *mc = container_of(rcu, struct mask_cache, rcu);

	free_percpu(mc->entries);
	kfree(mc);
}

/* Initializes an empty 'table'.  Returns 0 or -ENOMEM. */
int ovs_flow_tbl_init(struct flow_table *table)
{
	struct mask_array *ma;
	struct mask_cache *mc;
	struct table_instance *ti;

	ma = mask_array_alloc(0);
	if (!ma)
		return -ENOMEM;
	mc = cache_alloc(OVS_MASK_CACHE_DEFAULT);
	if (!mc)
		goto err_free_ma;
	ti = ti_alloc(ID_TABLE_MIN_BUCKETS, true);
	if (!ti)
		goto err_free_mc;

	RCU_INIT_POINTER(table->masks, ma);
	RCU_INIT_POINTER(table->cache, mc);
	RCU_INIT_POINTER(table->id_ti, ti);
	table->id_seed = get_random_u32();
	table->count = 0;
	return 0;

err_free_mc:
	free_percpu(mc->entries);
	kfree(mc);
err_free_ma:
	kfree(ma);
	return -ENOMEM;
}

/* Frees, after a grace period, every flow of 'ti' and every mask of 'ma'
 * with their tables.  Called with ovs_mutex once neither is reachable. */
static void free_flows_and_masks(struct table_instance *ti,
				 struct mask_array *ma)
{
	unsigned int i;

	for (i = 0; i < ti->n_buckets; i++) {
		struct ovs_flow *flow;
		struct hlist_node *n;

		hlist_for_each_entry_safe(flow, n, &ti->buckets[i],
					  id_node[ti->node_ver]) {
			hlist_del_rcu(&flow->id_node[ti->node_ver]);
			ovs_flow_free(flow, true);
		}
	}
	call_rcu(&ti->rcu, ti_free_rcu);

	for (i = 0; i < ma->count; i++)
		call_rcu(&ovsl_dereference(ma->masks[i])->rcu, mask_free_rcu);
	kfree_rcu(ma, rcu);
}

/* Deletes every flow of 'table'.  If memory for the new empty tables is
 * short, deletes them one by one instead.  Called with ovs_mutex. */
void ovs_flow_tbl_flush(struct flow_table *table)
{
	struct table_instance *old_ti = ovsl_dereference(table->id_ti);
	struct mask_array *old_ma = ovsl_dereference(table->masks);
	struct table_instance *ti;
	struct mask_array *ma;

	ti = ti_alloc(ID_TABLE_MIN_BUCKETS, true);
	ma = mask_array_alloc(0);
	if (!ti || !ma) {
		u32 bucket = 0, idx = 0;
		struct ovs_flow *flow;

		kfree(ma);
		if (ti) {
			kvfree(ti->buckets);
			kfree(ti);
		}
		while ((flow = ovs_flow_tbl_dump_next(table, &bucket, &idx))) {
			ovs_flow_tbl_remove(table, flow);
			ovs_flow_free(flow, true);
			idx--;
		}
		return;
	}

	rcu_assign_pointer(table->id_ti, ti);
	rcu_assign_pointer(table->masks, ma);
	table->count = 0;
	free_flows_and_masks(old_ti, old_ma);
}

/* Frees 'table' and its flows, after a grace period.  Called with
 * ovs_mutex. */
void ovs_flow_tbl_destroy(struct flow_table *table)
{
	struct mask_cache *mc = ovsl_dereference(table->cache);

	free_flows_and_masks(ovsl_dereference(table->id_ti),
			     ovsl_dereference(table->masks));
	call_rcu(&mc->rcu, cache_free_rcu);
}

/**
 * ovs_flow_tbl_insert - adds a flow.
 * @table: the table.
 * @flow: the flow, with @key (masked) and @id set.
 * @mask: its mask.
 *
 * Returns 0 or -ENOMEM.  Called with ovs_mutex.
 */
int ovs_flow_tbl_insert(struct flow_table *table, struct ovs_flow *flow,
			const struct ovs_key *mask)
{
	struct ovs_mask *m;

	m = mask_find(table, mask);
	if (!m) {
		m = mask_add(table, mask);
		if (!m)
			return -ENOMEM;
	}
	m->ref_count++;
	m->n_flows++;
	flow->mask = m;
	flow->hash = range_hash(&flow->key, &m->range, m->seed);
	ti_insert(ovsl_dereference(m->ti), flow);
	ti_maybe_grow(&m->ti, m->n_flows);

	flow->id_hash = ovs_flow_id_hash(&flow->id, table->id_seed);
	ti_insert(ovsl_dereference(table->id_ti), flow);
	table->count++;
	ti_maybe_grow(&table->id_ti, table->count);
	return 0;
}

/* Takes 'flow' out of 'table'.  The caller frees it (deferred).  Called
 * with ovs_mutex. */
void ovs_flow_tbl_remove(struct flow_table *table, struct ovs_flow *flow)
{
	struct table_instance *id_ti = ovsl_dereference(table->id_ti);
	struct ovs_mask *mask = flow->mask;
	struct table_instance *ti = ovsl_dereference(mask->ti);

	hlist_del_rcu(&flow->mask_node[ti->node_ver]);
	hlist_del_rcu(&flow->id_node[id_ti->node_ver]);
	table->count--;
	mask->n_flows--;
	if (!--mask->ref_count)
		mask_remove(table, mask);
}

/* Returns the flow of 'mask' that matches 'key', or NULL.  Must be called
 * with rcu_read_lock or ovs_mutex. */
static struct ovs_flow *mask_lookup(const struct ovs_mask *mask,
				    const struct ovs_key *key)
{
	struct table_instance *ti = rcu_dereference_ovsl(mask->ti);
	struct ovs_key masked __uninitialized;	/* Only its range is used. */
	struct ovs_flow *flow;
	u32 hash;

	range_mask(&masked, key, &mask->key, &mask->range);
	hash = range_hash(&masked, &mask->range, mask->seed);
	hlist_for_each_entry_rcu(flow, ti_bucket(ti, hash),
				 mask_node[ti->node_ver],
				 lockdep_ovsl_is_held()) {
		if (flow->hash == hash &&
		    range_equal(&flow->key, &masked, &mask->range))
			return flow;
	}
	return NULL;
}

/* Tries every mask of 'ma' but the one at 'skip' (-1 for none).  Stores in
 * '*index' the position of the mask that matched.  Must be called with
 * rcu_read_lock or ovs_mutex. */
static struct ovs_flow *full_lookup(const struct mask_array *ma,
				    const struct ovs_key *key,
				    u32 *n_mask_hit, u32 *index, int skip)
{
	u32 count = READ_ONCE(ma->count);
	u32 i;

	for (i = 0; i < count; i++) {
		struct ovs_mask *mask;
		struct ovs_flow *flow;

		if (i == skip)
			continue;
		mask = rcu_dereference_ovsl(ma->masks[i]);
		if (!mask)
			continue;
		(*n_mask_hit)++;
		flow = mask_lookup(mask, key);
		if (flow) {
			this_cpu_inc(*mask->hits);
			*index = i;
			return flow;
		}
	}
	return NULL;
}

/**
 * ovs_flow_tbl_lookup_stats - finds the flow for a packet.
 * @table: the table.
 * @key: the packet's key.
 * @skb_hash: the packet's hash, or 0 to bypass the mask cache.
 * @n_mask_hit: set to the number of masks tried.
 * @n_cache_hit: set to 1 if the mask cache found the flow, else 0.
 *
 * Must be called with rcu_read_lock and bottom halves disabled.
 */
struct ovs_flow *ovs_flow_tbl_lookup_stats(struct flow_table *table,
					   const struct ovs_key *key,
					   u32 skb_hash, u32 *n_mask_hit,
					   u32 *n_cache_hit)
{
	struct mask_array *ma = rcu_dereference(table->masks);
	struct mask_cache *mc = rcu_dereference(table->cache);
	struct mask_cache_entry *entry;
	struct ovs_flow *flow;
	int skip = -1;
	u32 index;

	*n_mask_hit = 0;
	*n_cache_hit = 0;
	if (!mc->size || !skb_hash)
		return full_lookup(ma, key, n_mask_hit, &index, -1);

	entry = this_cpu_ptr(mc->entries) + (skb_hash & (mc->size - 1));
	if (entry->skb_hash == skb_hash &&
	    entry->mask_index < READ_ONCE(ma->count)) {
		struct ovs_mask *mask;

		mask = rcu_dereference(ma->masks[entry->mask_index]);
		if (mask) {
			(*n_mask_hit)++;
			flow = mask_lookup(mask, key);
			if (flow) {
				this_cpu_inc(*mask->hits);
				*n_cache_hit = 1;
				return flow;
			}
			skip = entry->mask_index;
		}
	}

	flow = full_lookup(ma, key, n_mask_hit, &index, skip);
	if (flow) {
		entry->skb_hash = skb_hash;
		entry->mask_index = index;
	} else {
		entry->skb_hash = 0;
	}
	return flow;
}

/* Returns the flow whose mask is 'mask' and whose masked key is
 * 'masked_key', or NULL.  Called with ovs_mutex. */
struct ovs_flow *ovs_flow_tbl_lookup_exact(struct flow_table *table,
					   const struct ovs_key *masked_key,
					   const struct ovs_key *mask)
{
	struct ovs_mask *m = mask_find(table, mask);

	return m ? mask_lookup(m, masked_key) : NULL;
}

/* Returns the flow named 'id', or NULL.  Called with ovs_mutex or
 * rcu_read_lock. */
struct ovs_flow *ovs_flow_tbl_lookup_id(struct flow_table *table,
					const struct ovs_flow_id *id)
{
	struct table_instance *ti = rcu_dereference_ovsl(table->id_ti);
	u32 hash = ovs_flow_id_hash(id, table->id_seed);
	struct ovs_flow *flow;

	hlist_for_each_entry_rcu(flow, ti_bucket(ti, hash),
				 id_node[ti->node_ver],
				 lockdep_ovsl_is_held()) {
		if (flow->id_hash == hash && ovs_flow_id_equal(&flow->id, id))
			return flow;
	}
	return NULL;
}

/**
 * ovs_flow_tbl_dump_next - iterates over the flows of a table.
 * @table: the table.
 * @bucket: position: bucket of the identifier table; start at 0.
 * @idx: position: index in the bucket; start at 0.
 *
 * Returns the flow at the position and advances it, or NULL at the end.
 * A table that grows during a dump may make it skip or repeat flows.
 * Called with ovs_mutex or rcu_read_lock.
 */
struct ovs_flow *ovs_flow_tbl_dump_next(struct flow_table *table,
					u32 *bucket, u32 *idx)
{
	struct table_instance *ti = rcu_dereference_ovsl(table->id_ti);

	while (*bucket < ti->n_buckets) {
		struct ovs_flow *flow;
		u32 i = 0;

		hlist_for_each_entry_rcu(flow, &ti->buckets[*bucket],
					 id_node[ti->node_ver],
					 lockdep_ovsl_is_held()) {
			if (i++ < *idx)
				continue;
			(*idx)++;
			return flow;
		}
		(*bucket)++;
		*idx = 0;
	}
	return NULL;
}

/* Returns the packets that 'mask' found a flow for since it was made. */
static u64 mask_hits(const struct ovs_mask *mask)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += *per_cpu_ptr(mask->hits, cpu);
	return sum;
}

/**
 * ovs_flow_tbl_rebalance - puts the busiest masks first.
 * @table: the table.
 *
 * Sorts the masks by the packets each found a flow for since the last
 * call, most first, so that a lookup that the mask cache cannot help
 * (many flows, or a new connection) finds its flow with fewer probes.
 * Publishes a new mask array only if the order changes; cached mask
 * indexes then point at other masks, which costs one probe until the
 * cache learns again.  Called with ovs_mutex, about once a second.
 */
void ovs_flow_tbl_rebalance(struct flow_table *table)
{
	struct mask_array *old = ovsl_dereference(table->masks);
	u32 count = old->count;
	struct mask_array *new;
	bool sorted = true;
	u64 *delta;
	u32 i, j;

	if (count < 2)
		return;
	delta = kmalloc_array(count, sizeof(*delta), GFP_KERNEL);
	if (!delta)
		return;
	new = mask_array_alloc(count);
	if (!new) {
		kfree(delta);
		return;
	}

	/* Insertion sort on the hits since last time, stable, into 'new'. */
	for (i = 0; i < count; i++) {
		struct ovs_mask *mask = ovsl_dereference(old->masks[i]);
		u64 hits = mask_hits(mask);
		u64 d = hits - mask->last_hits;

		mask->last_hits = hits;
		for (j = i; j > 0 && delta[j - 1] < d; j--) {
			delta[j] = delta[j - 1];
			RCU_INIT_POINTER(new->masks[j],
					 ovsl_dereference(new->masks[j - 1]));
			sorted = false;
		}
		delta[j] = d;
		RCU_INIT_POINTER(new->masks[j], mask);
	}
	kfree(delta);

	if (sorted) {
		kfree(new);
		return;
	}
	rcu_assign_pointer(table->masks, new);
	kfree_rcu(old, rcu);
}

/* Returns the number of masks of 'table'.  Called with ovs_mutex or
 * rcu_read_lock. */
u32 ovs_flow_tbl_num_masks(const struct flow_table *table)
{
	return READ_ONCE(rcu_dereference_ovsl(table->masks)->count);
}

/* Returns the number of entries per CPU of the mask cache.  Called with
 * ovs_mutex or rcu_read_lock. */
u32 ovs_flow_tbl_cache_size(const struct flow_table *table)
{
	return rcu_dereference_ovsl(table->cache)->size;
}

/* Replaces the mask cache by an empty one with 'size' entries per CPU: 0,
 * or a power of 2 up to OVS_MASK_CACHE_MAX.  Returns 0, -EINVAL or -ENOMEM.
 * Called with ovs_mutex. */
int ovs_flow_tbl_cache_resize(struct flow_table *table, u32 size)
{
	struct mask_cache *old = ovsl_dereference(table->cache);
	struct mask_cache *mc;

	if (size > OVS_MASK_CACHE_MAX || (size & (size - 1)))
		return -EINVAL;
	if (size == old->size)
		return 0;
	mc = cache_alloc(size);
	if (!mc)
		return -ENOMEM;
	rcu_assign_pointer(table->cache, mc);
	call_rcu(&old->rcu, cache_free_rcu);
	return 0;
}
