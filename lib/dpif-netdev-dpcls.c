/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The userspace datapath's megaflow classifier: see dpif-netdev-dpcls.h. */

#include <config.h>
#include "dpif-netdev-dpcls.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "ovs-thread.h"
#include "timeval.h"

/* How often subtables are re-ranked by their hits, in milliseconds. */
#define DPCLS_SORT_INTERVAL 1000

/* One mask and its rules. */
struct dpcls_subtable {
    struct flow_wildcards mask; /* The mask. */
    uint64_t hits;              /* Lookups satisfied since the last sort
                                 * (updated by readers, relaxed). */
    size_t n_rules;             /* Rules in 'rules' (writer only). */
    struct cds_lfht *rules;     /* Contains "struct dpcls_rule"s. */
    unsigned long n_buckets;    /* Buckets that dpcls_fit() last gave
                                 * 'rules' (writer only). */
    struct ovs_list list_node;  /* In 'graveyard' once dead. */
    size_t n_words;             /* Number of nonzero words in 'mask'. */
    uint8_t words[FLOW_U64S];   /* Indexes of the mask's nonzero words. */
};

/* The ranked subtables of a classifier, replaced as a whole (RCU). */
struct dpcls_subtables {
    size_t n;                   /* Number of subtables. */
    struct dpcls_subtable *s[]; /* The subtables, most hits first. */
};

/* Empty subtables waiting to be destroyed by dpcls_run(), after a grace
 * period has passed since they were unlinked. */
static struct ovs_mutex graveyard_mutex = OVS_MUTEX_INITIALIZER;
static struct ovs_list graveyard = OVS_LIST_INITIALIZER(&graveyard);

static struct dpcls_subtables *
subtables_alloc(size_t n)
{
    struct dpcls_subtables *v = xmalloc(sizeof *v + n * sizeof v->s[0]);

    v->n = n;
    return v;
}

void
dpcls_init(struct dpcls *cls)
{
    cls->subtables = subtables_alloc(0);
    cls->next_sort = 0;
}

/* Destroys 'cls', which must be empty (every rule removed). */
void
dpcls_destroy(struct dpcls *cls)
{
    if (cls && cls->subtables) {
        ovs_assert(!cls->subtables->n);
        ovsrcu_postpone(free, cls->subtables);
        cls->subtables = NULL;
    }
}

/* Hashes the words of 'flow' that 'subtable''s mask selects, masked. */
static uint32_t
subtable_hash(const struct dpcls_subtable *subtable, const struct flow *flow)
{
    const uint64_t *f = flow_u64_const(flow);
    const uint64_t *m = flow_u64_const(&subtable->mask.masks);
    uint32_t hash = 0;

    for (size_t i = 0; i < subtable->n_words; i++) {
        size_t w = subtable->words[i];

        hash = hash_add64(hash, f[w] & m[w]);
    }
    return hash_finish(hash, subtable->n_words * 8);
}

/* Returns true if 'rule' (in 'subtable') matches 'flow'. */
static bool
subtable_rule_matches(const struct dpcls_subtable *subtable,
                      const struct dpcls_rule *rule, const struct flow *flow)
{
    const uint64_t *f = flow_u64_const(flow);
    const uint64_t *m = flow_u64_const(&subtable->mask.masks);
    const uint64_t *k = flow_u64_const(&rule->key);

    for (size_t i = 0; i < subtable->n_words; i++) {
        size_t w = subtable->words[i];

        if ((f[w] & m[w]) != k[w]) {
            return false;
        }
    }
    return true;
}

/* The lookup context that cds_lfht's match function receives. */
struct dpcls_match_ctx {
    const struct dpcls_subtable *subtable; /* Subtable probed. */
    const struct flow *flow;    /* The packet's flow. */
};

static int
dpcls_match_node(struct cds_lfht_node *node, const void *ctx_)
{
    const struct dpcls_match_ctx *ctx = ctx_;
    const struct dpcls_rule *rule = CONTAINER_OF(node, struct dpcls_rule,
                                                 node);

    return subtable_rule_matches(ctx->subtable, rule, ctx->flow);
}

/* Returns the rule of 'cls' that matches 'flow', or NULL.  Stores in
 * '*n_subtables_visited' (if nonnull) how many subtables it probed.  Must
 * be called within an RCU read-side critical section; the rule stays
 * valid until it ends. */
const struct dpcls_rule *
dpcls_lookup(const struct dpcls *cls, const struct flow *flow,
             int *n_subtables_visited)
{
    const struct dpcls_subtables *v = rcu_dereference(cls->subtables);
    int visited = 0;

    for (size_t i = 0; i < v->n; i++) {
        struct dpcls_subtable *subtable = v->s[i];
        struct dpcls_match_ctx ctx = { subtable, flow };
        struct cds_lfht_iter iter;
        struct cds_lfht_node *node;

        visited++;
        cds_lfht_lookup(subtable->rules, subtable_hash(subtable, flow),
                        dpcls_match_node, &ctx, &iter);
        node = cds_lfht_iter_get_node(&iter);
        if (node) {
            __atomic_add_fetch(&subtable->hits, 1, __ATOMIC_RELAXED);
            if (n_subtables_visited) {
                *n_subtables_visited = visited;
            }
            return CONTAINER_OF(node, struct dpcls_rule, node);
        }
    }
    if (n_subtables_visited) {
        *n_subtables_visited = visited;
    }
    return NULL;
}

static struct dpcls_subtable *
dpcls_find_subtable(const struct dpcls *cls, const struct flow_wildcards *wc)
{
    const struct dpcls_subtables *v = cls->subtables;

    for (size_t i = 0; i < v->n; i++) {
        if (flow_wildcards_equal(&v->s[i]->mask, wc)) {
            return v->s[i];
        }
    }
    return NULL;
}

static struct dpcls_subtable *
dpcls_create_subtable(struct dpcls *cls, const struct flow_wildcards *wc)
{
    struct dpcls_subtable *subtable = xzalloc(sizeof *subtable);
    const uint64_t *m = flow_u64_const(&wc->masks);
    struct dpcls_subtables *old = cls->subtables, *new;

    subtable->mask = *wc;
    for (size_t w = 0; w < FLOW_U64S; w++) {
        if (m[w]) {
            subtable->words[subtable->n_words++] = w;
        }
    }
    subtable->rules = cds_lfht_new(16, 16, 0,
                                   CDS_LFHT_AUTO_RESIZE | CDS_LFHT_ACCOUNTING,
                                   NULL);
    ovs_assert(subtable->rules);
    subtable->n_buckets = 16;

    /* A new subtable goes last: it has no hits yet. */
    new = subtables_alloc(old->n + 1);
    memcpy(new->s, old->s, old->n * sizeof old->s[0]);
    new->s[old->n] = subtable;
    rcu_assign_pointer(cls->subtables, new);
    ovsrcu_postpone(free, old);
    return subtable;
}

/* Moves 'subtable' to the graveyard once readers are done with it. */
static void
subtable_bury(struct dpcls_subtable *subtable)
{
    ovs_mutex_lock(&graveyard_mutex);
    ovs_list_push_back(&graveyard, &subtable->list_node);
    ovs_mutex_unlock(&graveyard_mutex);
}

static void
dpcls_destroy_subtable(struct dpcls *cls, struct dpcls_subtable *subtable)
{
    struct dpcls_subtables *old = cls->subtables, *new;
    size_t j = 0;

    new = subtables_alloc(old->n - 1);
    for (size_t i = 0; i < old->n; i++) {
        if (old->s[i] != subtable) {
            new->s[j++] = old->s[i];
        }
    }
    ovs_assert(j == old->n - 1);
    rcu_assign_pointer(cls->subtables, new);
    ovsrcu_postpone(free, old);
    ovsrcu_postpone(subtable_bury, subtable);
}

/* Inserts 'rule' into 'cls' with key 'flow' and mask 'wc'.  The caller
 * holds the writer mutex and owns 'rule''s memory. */
void
dpcls_insert(struct dpcls *cls, struct dpcls_rule *rule,
             const struct flow *flow, const struct flow_wildcards *wc)
{
    struct dpcls_subtable *subtable = dpcls_find_subtable(cls, wc);
    const uint64_t *f = flow_u64_const(flow);
    const uint64_t *m = flow_u64_const(&wc->masks);
    uint64_t *k = flow_u64(&rule->key);

    if (!subtable) {
        subtable = dpcls_create_subtable(cls, wc);
    }
    for (size_t w = 0; w < FLOW_U64S; w++) {
        k[w] = f[w] & m[w];
    }
    rule->subtable = subtable;
    rule->hash = subtable_hash(subtable, &rule->key);
    cds_lfht_node_init(&rule->node);
    rcu_read_lock();
    cds_lfht_add(subtable->rules, rule->hash, &rule->node);
    rcu_read_unlock();
    subtable->n_rules++;
}

/* Removes 'rule' from 'cls'.  The caller holds the writer mutex and frees
 * 'rule' after a grace period. */
void
dpcls_remove(struct dpcls *cls, struct dpcls_rule *rule)
{
    struct dpcls_subtable *subtable = rule->subtable;
    int retval;

    rcu_read_lock();
    retval = cds_lfht_del(subtable->rules, &rule->node);
    rcu_read_unlock();
    ovs_assert(!retval);
    if (!--subtable->n_rules) {
        dpcls_destroy_subtable(cls, subtable);
    }
}

/* Resizes hash table 'ht', which holds 'n' nodes and was last given
 * '*n_buckets' buckets (at least 'min'), to the smallest power of two at
 * least twice 'n' if 'n' is above '*n_buckets' or under a quarter of it.
 * liburcu's automatic resizing (CDS_LFHT_AUTO_RESIZE) runs lazily in a
 * worker thread of its own, each step after grace periods, and lags far
 * behind a burst of insertions, leaving long chains for every lookup to
 * walk; cds_lfht_resize() resizes at once.  The automatic resizing may
 * still change the size in between: '*n_buckets' is only what this asked
 * last.  Call outside any RCU read-side critical section (this waits for
 * grace periods). */
void
dpcls_lfht_fit(struct cds_lfht *ht, unsigned long n, unsigned long min,
               unsigned long *n_buckets)
{
    if (n > *n_buckets || (n < *n_buckets / 4 && *n_buckets > min)) {
        unsigned long size = min;

        while (size < 2 * n) {
            size *= 2;
        }
        cds_lfht_resize(ht, size);
        *n_buckets = size;
    }
}

/* Fits the hash table of each subtable of 'cls' to its number of rules
 * (see dpcls_lfht_fit()).  The caller holds the writer mutex and is
 * outside any RCU read-side critical section. */
void
dpcls_fit(struct dpcls *cls)
{
    const struct dpcls_subtables *subtables = cls->subtables;

    for (size_t i = 0; i < subtables->n; i++) {
        struct dpcls_subtable *subtable = subtables->s[i];

        dpcls_lfht_fit(subtable->rules, subtable->n_rules, 16,
                       &subtable->n_buckets);
    }
}

/* Returns the mask of 'rule'. */
const struct flow_wildcards *
dpcls_rule_mask(const struct dpcls_rule *rule)
{
    return &rule->subtable->mask;
}

/* Returns true if 'rule' matches 'flow'. */
bool
dpcls_rule_matches(const struct dpcls_rule *rule, const struct flow *flow)
{
    return subtable_rule_matches(rule->subtable, rule, flow);
}

/* Returns the number of subtables (distinct masks) in 'cls'. */
size_t
dpcls_n_subtables(const struct dpcls *cls)
{
    return rcu_dereference(cls->subtables)->n;
}

static int
compare_subtables_by_hits(const void *a_, const void *b_)
{
    const struct dpcls_subtable *const *a = a_;
    const struct dpcls_subtable *const *b = b_;
    uint64_t ha = __atomic_load_n(&(*a)->hits, __ATOMIC_RELAXED);
    uint64_t hb = __atomic_load_n(&(*b)->hits, __ATOMIC_RELAXED);

    return ha > hb ? -1 : ha < hb;
}

/* Returns true if it is time to re-rank 'cls''s subtables. */
bool
dpcls_sort_due(const struct dpcls *cls, long long int now)
{
    return now >= cls->next_sort;
}

/* Re-ranks 'cls''s subtables, most hits first, and starts counting hits
 * anew.  The caller holds the writer mutex. */
void
dpcls_sort_subtables(struct dpcls *cls)
{
    struct dpcls_subtables *old = cls->subtables, *new;

    cls->next_sort = time_msec() + DPCLS_SORT_INTERVAL;
    if (old->n < 2) {
        return;
    }
    new = subtables_alloc(old->n);
    memcpy(new->s, old->s, old->n * sizeof old->s[0]);
    qsort(new->s, new->n, sizeof new->s[0], compare_subtables_by_hits);
    for (size_t i = 0; i < new->n; i++) {
        __atomic_store_n(&new->s[i]->hits, 0, __ATOMIC_RELAXED);
    }
    rcu_assign_pointer(cls->subtables, new);
    ovsrcu_postpone(free, old);
}

/* Destroys the empty subtables whose grace period has passed.  Call from
 * a thread that is not in an RCU read-side critical section. */
void
dpcls_run(void)
{
    struct ovs_list dead;

    ovs_mutex_lock(&graveyard_mutex);
    if (ovs_list_is_empty(&graveyard)) {
        ovs_mutex_unlock(&graveyard_mutex);
        return;
    }
    ovs_list_move(&dead, &graveyard);
    ovs_list_init(&graveyard);
    ovs_mutex_unlock(&graveyard_mutex);

    struct dpcls_subtable *subtable;
    LIST_FOR_EACH_POP (subtable, list_node, &dead) {
        cds_lfht_destroy(subtable->rules, NULL);
        free(subtable);
    }
}
