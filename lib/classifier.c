/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "classifier.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "classifier-private.h"
#include "hash.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovs-rcu.h"
#include "skiplist.h"

#if defined(__has_include)
#if __has_include("openvswitch/meta-flow.h") \
    && __has_include("openvswitch/ofp-errors.h")
#include "openvswitch/meta-flow.h"
#define CLS_HAVE_META_FLOW 1
#endif
#endif

/* The ports trie treats tp_src and tp_dst as one 32-bit field. */
_Static_assert(offsetof(struct flow, tp_dst)
               == offsetof(struct flow, tp_src) + 2,
               "tp_dst must follow tp_src");

/* The standard stage boundaries: metadata, L2, L3, L4. */
const uint8_t flow_segment_u64s[CLS_MAX_INDICES] = {
    FLOW_SEGMENT_1_ENDS_AT,
    FLOW_SEGMENT_2_ENDS_AT,
    FLOW_SEGMENT_3_ENDS_AT,
};

/* Reads an RCU-protected pointer, as rcu_dereference() does, but inline
 * (liburcu's is a function call unless built with _LGPL_SOURCE). */
#define cls_deref(P) __atomic_load_n(&(P), __ATOMIC_ACQUIRE)

/* What a lookup remembers about one prefix trie. */
struct trie_ctx {
    bool looked_up;             /* Has the trie been consulted yet? */
    unsigned int maskbits;      /* Leading bits of the field examined. */
    uint64_t plens[3];          /* Bit p: a rule prefix of length p
                                 * matches the flow. */
};

static void cls_publish_vec(struct classifier *);
static int compare_priority_counts(const void *, const void *,
                                   const void *conf);
static void trie_insert(struct cls_trie *, const uint8_t *value,
                        unsigned int plen);
static void trie_remove(struct cls_trie *, const uint8_t *value,
                        unsigned int plen);
static void trie_destroy(struct cls_trie *);

/* cls_rule. */

static struct cls_match *
get_cls_match(const struct cls_rule *rule)
{
    return __atomic_load_n(&CONST_CAST(struct cls_rule *, rule)->cls_match,
                           __ATOMIC_ACQUIRE);
}

static void
set_cls_match(const struct cls_rule *rule, struct cls_match *match)
{
    __atomic_store_n(&CONST_CAST(struct cls_rule *, rule)->cls_match, match,
                     __ATOMIC_RELEASE);
}

/* Initializes 'rule' to match packets that 'match' matches, at
 * 'priority'.  The caller must eventually call cls_rule_destroy(). */
void
cls_rule_init(struct cls_rule *rule, const struct match *match, int priority)
{
    rule->priority = priority;
    rule->cls_match = NULL;
    minimatch_init(CONST_CAST(struct minimatch *, &rule->match), match);
}

/* Same as cls_rule_init(), from a minimatch (copied). */
void
cls_rule_init_from_minimatch(struct cls_rule *rule,
                             const struct minimatch *match, int priority)
{
    rule->priority = priority;
    rule->cls_match = NULL;
    minimatch_clone(CONST_CAST(struct minimatch *, &rule->match), match);
}

/* Initializes 'dst' as a copy of 'src' (not in any classifier). */
void
cls_rule_clone(struct cls_rule *dst, const struct cls_rule *src)
{
    cls_rule_init_from_minimatch(dst, &src->match, src->priority);
}

/* Moves 'src' (which must not be in a classifier) to 'dst'; 'src' is left
 * destroyed. */
void
cls_rule_move(struct cls_rule *dst, struct cls_rule *src)
{
    ovs_assert(!get_cls_match(src));
    dst->priority = src->priority;
    dst->cls_match = NULL;
    minimatch_move(CONST_CAST(struct minimatch *, &dst->match),
                   CONST_CAST(struct minimatch *, &src->match));
}

/* Frees the storage of 'rule', which must not be in a classifier.  Accepts
 * NULL. */
void
cls_rule_destroy(struct cls_rule *rule)
{
    if (rule) {
        ovs_assert(!get_cls_match(rule));
        minimatch_destroy(CONST_CAST(struct minimatch *, &rule->match));
    }
}

/* Returns true if 'a' and 'b' have the same priority and match. */
bool
cls_rule_equal(const struct cls_rule *a, const struct cls_rule *b)
{
    return a->priority == b->priority && minimatch_equal(&a->match,
                                                         &b->match);
}

/* Returns a hash of 'rule''s match and priority with 'basis'. */
uint32_t
cls_rule_hash(const struct cls_rule *rule, uint32_t basis)
{
    return minimatch_hash(&rule->match, hash_int(rule->priority, basis));
}

/* Appends 'rule' to 's' in OpenFlow match syntax, with its priority. */
void
cls_rule_format(const struct cls_rule *rule,
                const struct tun_table *tun_table,
                const struct ofputil_port_map *port_map, struct ds *s)
{
    minimatch_format(&rule->match, tun_table, port_map, s, rule->priority);
}

/* Returns true if 'rule' matches every packet. */
bool
cls_rule_is_catchall(const struct cls_rule *rule)
{
    return minimatch_is_catchall(&rule->match);
}

/* Returns true if 'rule' matches only packets that 'criteria' matches:
 * 'rule''s mask has every bit of 'criteria''s, and the two agree on those
 * bits. */
bool
cls_rule_is_loose_match(const struct cls_rule *rule,
                        const struct minimatch *criteria)
{
    const struct miniflow *cmask = &criteria->mask->masks;
    const uint64_t *cm = miniflow_get_values(cmask);
    size_t n = 0;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (flowmap_is_set(&cmask->map, i)) {
            uint64_t m = cm[n++];

            if ((miniflow_get(&rule->match.mask->masks, i) & m) != m
                || ((miniflow_get(rule->match.flow, i)
                     ^ miniflow_get(criteria->flow, i)) & m)) {
                return false;
            }
        }
    }
    return true;
}

/* Makes 'rule', which must be in a classifier, invisible in 'version' and
 * every later version. */
void
cls_rule_make_invisible_in_version(const struct cls_rule *rule,
                                   ovs_version_t version)
{
    struct cls_match *match = get_cls_match(rule);

    ovs_assert(match);
    ovs_assert(version >= match->add_version);
    __atomic_store_n(&match->remove_version, version, __ATOMIC_RELEASE);
}

/* Undoes cls_rule_make_invisible_in_version(). */
void
cls_rule_restore_visibility(const struct cls_rule *rule)
{
    struct cls_match *match = get_cls_match(rule);

    ovs_assert(match);
    __atomic_store_n(&match->remove_version, OVS_VERSION_NOT_REMOVED,
                     __ATOMIC_RELEASE);
}

/* Returns true if 'rule' is in a classifier and visible in 'version'. */
bool
cls_rule_visible_in_version(const struct cls_rule *rule,
                            ovs_version_t version)
{
    struct cls_match *match;
    bool visible;

    rcu_read_lock();
    match = get_cls_match(rule);
    visible = match && cls_match_visible_in_version(match, version);
    rcu_read_unlock();
    return visible;
}

static struct cls_conjunction_set *
conj_set_create(const struct cls_conjunction *conj, size_t n)
{
    struct cls_conjunction_set *set;

    if (!n) {
        return NULL;
    }
    set = xmalloc(sizeof *set + n * sizeof *conj);
    set->n = n;
    memcpy(set->conj, conj, n * sizeof *conj);
    return set;
}

/* Replaces the conjunctions of 'rule', which must be in a classifier, by
 * the 'n' in 'conj' (writer only). */
void
cls_rule_set_conjunctions(struct cls_rule *rule,
                          const struct cls_conjunction *conj, size_t n)
{
    struct cls_match *match = get_cls_match(rule);
    struct cls_conjunction_set *old;

    ovs_assert(match);
    old = match->conj_set;
    if ((!old && !n)
        || (old && old->n == n
            && !memcmp(old->conj, conj, n * sizeof *conj))) {
        return;
    }
    rcu_assign_pointer(match->conj_set, conj_set_create(conj, n));
    if (old) {
        ovsrcu_postpone(free, old);
    }
}

static void
cls_match_free(struct cls_match *match)
{
    free(match->conj_set);
    free(match);
}

/* Subtable keys and hashes. */

/* Adds to 'basis' the words [start, end) of 'st''s mask from 'flow' and
 * returns the new basis. */
static inline uint32_t
subtable_hash_words(const struct cls_subtable *st, const uint64_t *flow,
                    unsigned int start, unsigned int end, uint32_t basis)
{
    for (unsigned int i = start; i < end; i++) {
        basis = hash_add64(basis, flow[st->words[i]] & st->masks[i]);
    }
    return basis;
}

/* What the match functions of 'rules' compare against. */
struct cls_key_ctx {
    const struct cls_subtable *st; /* The subtable. */
    const uint64_t *flow;       /* The flow, as words (unmasked). */
};

static int
cls_head_equal(struct cds_lfht_node *node, const void *ctx_)
{
    const struct cls_head *head = CONTAINER_OF(node, struct cls_head, node);
    const struct cls_key_ctx *ctx = ctx_;
    const struct cls_subtable *st = ctx->st;

    for (unsigned int i = 0; i < st->n_words; i++) {
        if ((ctx->flow[st->words[i]] & st->masks[i]) != head->key[i]) {
            return 0;
        }
    }
    return 1;
}

static int
cls_index_equal(struct cds_lfht_node *node, const void *hash_)
{
    const struct cls_index_node *in = CONTAINER_OF(node,
                                                   struct cls_index_node,
                                                   node);
    return in->hash == *(const uint32_t *) hash_;
}

static int
cls_subtable_equal(struct cds_lfht_node *node, const void *mask_)
{
    const struct cls_subtable *st = CONTAINER_OF(node, struct cls_subtable,
                                                 map_node);
    return flow_wildcards_equal(&st->mask, mask_);
}

/* Returns the head of 'st' for masked flow 'flow' with hash 'hash', or
 * NULL.  Stores the iterator into '*iter' if 'iter' is nonnull. */
static struct cls_head *
subtable_find_head(const struct cls_subtable *st, const uint64_t *flow,
                   uint32_t hash)
{
    struct cls_key_ctx ctx = { .st = st, .flow = flow };
    struct cds_lfht_iter iter;
    struct cds_lfht_node *node;

    cds_lfht_lookup(st->rules, hash, cls_head_equal, &ctx, &iter);
    node = cds_lfht_iter_get_node(&iter);
    return node ? CONTAINER_OF(node, struct cls_head, node) : NULL;
}

static bool
subtable_index_contains(const struct cls_subtable *st, unsigned int i,
                        uint32_t hash)
{
    struct cds_lfht_iter iter;

    cds_lfht_lookup(st->indices[i], hash, cls_index_equal, &hash, &iter);
    return cds_lfht_iter_get_node(&iter) != NULL;
}

/* Adds (if 'delta' > 0) or removes the partial hashes of 'flow' to or from
 * the staged indices of 'st'.  Writer only, under rcu_read_lock(). */
static void
subtable_index_update(struct cls_subtable *st, const uint64_t *flow,
                      int delta)
{
    uint32_t basis = 0;
    unsigned int pos = 0;

    for (unsigned int i = 0; i < st->n_indices; i++) {
        struct cds_lfht_iter iter;
        struct cds_lfht_node *node;
        uint32_t hash;

        basis = subtable_hash_words(st, flow, pos, st->index_ends[i], basis);
        pos = st->index_ends[i];
        hash = hash_finish(basis, pos * 8);

        cds_lfht_lookup(st->indices[i], hash, cls_index_equal, &hash,
                        &iter);
        node = cds_lfht_iter_get_node(&iter);
        if (delta > 0) {
            if (node) {
                CONTAINER_OF(node, struct cls_index_node, node)->count++;
            } else {
                struct cls_index_node *in = xmalloc(sizeof *in);

                cds_lfht_node_init(&in->node);
                in->hash = hash;
                in->count = 1;
                cds_lfht_add(st->indices[i], hash, &in->node);
                st->n_index_nodes[i]++;
            }
        } else {
            struct cls_index_node *in;

            ovs_assert(node);
            in = CONTAINER_OF(node, struct cls_index_node, node);
            if (!--in->count) {
                cds_lfht_del(st->indices[i], &in->node);
                st->n_index_nodes[i]--;
                ovsrcu_postpone(free, in);
            }
        }
    }
}

/* Grows 'ht', a hash table of the writer that holds 'n' nodes, to 'n'
 * buckets each time 'n' reaches a power of two (from 256 on).
 *
 * liburcu resizes a table created with CDS_LFHT_AUTO_RESIZE in a worker
 * thread of its own, lazily: each step waits for grace periods, and under
 * a steady stream of insertions (a switch adding 100,000 flows) the worker
 * falls far behind or stalls, leaving thousands of nodes per bucket, so
 * that every lookup walks a long chain.  cds_lfht_resize() resizes at once
 * in the calling thread instead.  It must not run inside a read-side
 * critical section (it waits for a grace period): a writer that calls the
 * classifier from inside one leaves the table to the automatic resize. */
static void
cls_lfht_fit(struct cds_lfht *ht, unsigned long n)
{
    if (n >= 256 && !(n & (n - 1)) && !rcu_read_ongoing()) {
        cds_lfht_resize(ht, n);
    }
}

/* Returns the hash of the whole key of 'flow' in 'st'. */
static uint32_t
subtable_hash(const struct cls_subtable *st, const uint64_t *flow)
{
    uint32_t basis = subtable_hash_words(st, flow, 0, st->n_words, 0);

    return hash_finish(basis, st->n_words * 8);
}

/* Stores the masked flow of 'head' in 'st' into '*flow'. */
static void
head_to_flow(const struct cls_subtable *st, const struct cls_head *head,
             struct flow *flow)
{
    uint64_t *words = flow_u64(flow);

    memset(flow, 0, sizeof *flow);
    for (unsigned int i = 0; i < st->n_words; i++) {
        words[st->words[i]] = head->key[i];
    }
}

/* Prefix tries. */

/* Returns 'n' (<= 32) bits of the 'n_bytes'-byte string 'p', starting at
 * bit 'ofs', left-aligned. */
static inline uint32_t
trie_get_bits(const uint8_t *p, unsigned int n_bytes, unsigned int ofs,
              unsigned int n)
{
    unsigned int byte = ofs / 8;
    uint64_t w = 0;

    if (!n) {
        return 0;
    }
    for (unsigned int i = 0; i < 8; i++) {
        w = (w << 8) | (byte + i < n_bytes ? p[byte + i] : 0);
    }
    w <<= ofs % 8;
    return (uint32_t) (w >> (64 - n)) << (32 - n);
}

static inline unsigned int
trie_bit(const uint8_t *p, unsigned int ofs)
{
    return (p[ofs / 8] >> (7 - ofs % 8)) & 1;
}

/* Returns the number of leading bits, at most 'n', on which 'a' and 'b'
 * agree. */
static inline unsigned int
trie_prefix_equal_bits(uint32_t a, uint32_t b, unsigned int n)
{
    uint32_t x = a ^ b;

    return x ? MIN(n, (unsigned int) __builtin_clz(x)) : n;
}

/* Returns a new branch of nodes for bits [ofs, plen) of 'value', the last
 * holding one rule. */
static struct trie_node *
trie_branch_create(const uint8_t *value, unsigned int n_bytes,
                   unsigned int ofs, unsigned int plen)
{
    unsigned int n = MIN(plen - ofs, 32);
    struct trie_node *node = xzalloc(sizeof *node);

    node->prefix = trie_get_bits(value, n_bytes, ofs, n);
    node->n_bits = n;
    if (ofs + n < plen) {
        node->edges[trie_bit(value, ofs + n)]
            = trie_branch_create(value, n_bytes, ofs + n, plen);
    } else {
        node->n_rules = 1;
    }
    return node;
}

/* Adds a rule with the 'plen'-bit prefix of 'value' to 'trie'. */
static void
trie_insert(struct cls_trie *trie, const uint8_t *value, unsigned int plen)
{
    unsigned int n_bytes = trie->n_bits / 8;
    struct trie_node **edge = &trie->root;
    unsigned int ofs = 0;

    for (;;) {
        struct trie_node *node = *edge;
        struct trie_node *upper, *lower;
        unsigned int n, eq;

        if (!node) {
            rcu_assign_pointer(*edge,
                               trie_branch_create(value, n_bytes, ofs, plen));
            return;
        }
        n = MIN(node->n_bits, plen - ofs);
        eq = trie_prefix_equal_bits(node->prefix,
                                    trie_get_bits(value, n_bytes, ofs, n), n);
        if (eq == node->n_bits) {
            ofs += node->n_bits;
            if (ofs == plen) {
                __atomic_add_fetch(&node->n_rules, 1, __ATOMIC_RELAXED);
                return;
            }
            edge = &node->edges[trie_bit(value, ofs)];
            continue;
        }

        /* Split 'node' after 'eq' bits (eq >= 1: a node's first bit is the
         * one its edge stands for). */
        lower = xmalloc(sizeof *lower);
        lower->prefix = node->prefix << eq;
        lower->n_bits = node->n_bits - eq;
        lower->n_rules = node->n_rules;
        lower->edges[0] = node->edges[0];
        lower->edges[1] = node->edges[1];

        upper = xzalloc(sizeof *upper);
        upper->prefix = node->prefix & ~(UINT32_MAX >> eq);
        upper->n_bits = eq;
        upper->edges[lower->prefix >> 31] = lower;
        if (ofs + eq == plen) {
            upper->n_rules = 1;
        } else {
            upper->edges[trie_bit(value, ofs + eq)]
                = trie_branch_create(value, n_bytes, ofs + eq, plen);
        }
        rcu_assign_pointer(*edge, upper);
        ovsrcu_postpone(free, node);
        return;
    }
}

/* Removes a rule with the 'plen'-bit prefix of 'value' from 'trie'. */
static void
trie_remove(struct cls_trie *trie, const uint8_t *value, unsigned int plen)
{
    struct trie_node **path[130];
    struct trie_node **edge = &trie->root;
    struct trie_node *node;
    unsigned int ofs = 0;
    int depth = 0;

    for (;;) {
        node = *edge;
        ovs_assert(node && depth < ARRAY_SIZE(path));
        path[depth++] = edge;
        ofs += node->n_bits;
        if (ofs >= plen) {
            ovs_assert(ofs == plen);
            break;
        }
        edge = &node->edges[trie_bit(value, ofs)];
    }
    ovs_assert(node->n_rules > 0);
    __atomic_sub_fetch(&node->n_rules, 1, __ATOMIC_RELAXED);

    /* Prune nodes left with no rules and no children (never the root). */
    while (depth > 1) {
        edge = path[--depth];
        node = *edge;
        if (node->n_rules || node->edges[0] || node->edges[1]) {
            break;
        }
        rcu_assign_pointer(*edge, NULL);
        ovsrcu_postpone(free, node);
    }
}

/* Looks up 'value', a field of 'trie''s width, in 'trie'. */
static void
trie_lookup_value(const struct cls_trie *trie, const uint8_t *value,
                  struct trie_ctx *ctx)
{
    unsigned int n_bytes = trie->n_bits / 8;
    const struct trie_node *node = cls_deref(trie->root);
    const struct trie_node *next;
    unsigned int ofs = 0;

    memset(ctx->plens, 0, sizeof ctx->plens);
    ctx->looked_up = true;
    for (;;) {
        if (node->n_bits) {
            uint32_t bits = trie_get_bits(value, n_bytes, ofs, node->n_bits);
            unsigned int eq = trie_prefix_equal_bits(node->prefix, bits,
                                                     node->n_bits);

            if (eq < node->n_bits) {
                ctx->maskbits = ofs + eq + 1;
                return;
            }
            ofs += node->n_bits;
            if (__atomic_load_n(&node->n_rules, __ATOMIC_RELAXED)) {
                ctx->plens[ofs / 64] |= UINT64_C(1) << (ofs % 64);
            }
        }
        if (ofs >= trie->n_bits) {
            ctx->maskbits = trie->n_bits;
            return;
        }
        next = cls_deref(node->edges[trie_bit(value, ofs)]);
        if (!next) {
            /* The next bit matters only if it leads somewhere. */
            ctx->maskbits = (cls_deref(node->edges[0])
                             || cls_deref(node->edges[1])
                             ? ofs + 1 : ofs);
            return;
        }
        node = next;
    }
}

/* Looks up the field of 'trie' from 'flow'. */
static void
trie_lookup(const struct cls_trie *trie, const struct flow *flow,
            struct trie_ctx *ctx)
{
    trie_lookup_value(trie, (const uint8_t *) flow + trie->ofs, ctx);
}

static void
trie_node_destroy(struct trie_node *node)
{
    if (node) {
        trie_node_destroy(node->edges[0]);
        trie_node_destroy(node->edges[1]);
        free(node);
    }
}

/* Frees every node of 'trie' at once (no reader may be using it). */
static void
trie_destroy(struct cls_trie *trie)
{
    trie_node_destroy(trie->root);
    trie->root = NULL;
}

/* Returns the length of the prefix that the 'n_bytes' bytes at 'mask'
 * form, or -1 if they are not a prefix mask.  0 means all-zero. */
static int
mask_prefix_len(const uint8_t *mask, unsigned int n_bytes)
{
    unsigned int i = 0;
    int plen = 0;

    while (i < n_bytes && mask[i] == 0xff) {
        plen += 8;
        i++;
    }
    if (i < n_bytes) {
        uint8_t b = mask[i];
        int ones = b ? __builtin_clz((unsigned int) (uint8_t) ~b << 24) : 0;

        if ((uint8_t) (b << ones)) {
            return -1;
        }
        plen += ones;
        for (i++; i < n_bytes; i++) {
            if (mask[i]) {
                return -1;
            }
        }
    }
    return plen;
}

/* Sets 'st''s prefix lengths for the tries of 'cls'. */
static void
subtable_init_tries(const struct classifier *cls, struct cls_subtable *st)
{
    memset(st->trie_plen, 0, sizeof st->trie_plen);
    memset(st->trie_stage, 0, sizeof st->trie_stage);
    for (unsigned int j = 0; j < CLS_MAX_TRIES; j++) {
        const struct cls_trie *trie = &cls->tries[j];
        unsigned int word;
        int plen;

        if (trie->field_id < 0) {
            continue;
        }
        plen = mask_prefix_len((const uint8_t *) &st->mask.masks + trie->ofs,
                               trie->n_bits / 8);
        if (plen <= 0) {
            continue;
        }
        st->trie_plen[j] = plen;
        word = trie->ofs / 8;
        for (unsigned int i = 0; i < st->n_indices; i++) {
            if (st->words[st->index_ends[i] - 1] < word) {
                st->trie_stage[j] = i + 1;
            }
        }
    }
}

/* Sets up the ports trie of 'st', used if the last stage of 'st' holds
 * the transport ports and nothing else. */
static void
subtable_init_ports_trie(struct cls_subtable *st)
{
    const unsigned int ports_word = offsetof(struct flow, tp_src) / 8;
    const unsigned int ports_ofs = offsetof(struct flow, tp_src) % 8;
    unsigned int first = st->n_indices ? st->index_ends[st->n_indices - 1]
                                       : 0;
    uint64_t other_bits;
    uint32_t mask;

    st->ports_plen = 0;
    st->ports_trie.field_id = -1;
    st->ports_trie.ofs = offsetof(struct flow, tp_src);
    st->ports_trie.n_bits = 32;
    st->ports_trie.root = NULL;
    if (first != st->n_words - 1 || st->words[first] != ports_word) {
        return;
    }
    memcpy(&st->ports_mask, (const uint8_t *) &st->mask.masks
           + offsetof(struct flow, tp_src), 4);
    other_bits = st->masks[first];
    memset((uint8_t *) &other_bits + ports_ofs, 0, 4);
    mask = ntohl(st->ports_mask);
    if (!mask || other_bits) {
        return;
    }
    st->ports_plen = 32 - __builtin_ctz(mask);
    st->ports_trie.root = xzalloc(sizeof *st->ports_trie.root);
}

/* Adds (if 'add') or removes the prefixes of the rule with masked flow
 * 'flow' in 'st' to or from the tries of 'cls'. */
static void
subtable_update_tries(struct classifier *cls, const struct cls_subtable *st,
                      const struct flow *flow, bool add)
{
    for (unsigned int j = 0; j < CLS_MAX_TRIES; j++) {
        if (st->trie_plen[j]) {
            const uint8_t *value = (const uint8_t *) flow + cls->tries[j].ofs;

            if (add) {
                trie_insert(&cls->tries[j], value, st->trie_plen[j]);
            } else {
                trie_remove(&cls->tries[j], value, st->trie_plen[j]);
            }
        }
    }
}

/* Adds (if 'add') or removes the ports of the rule with masked flow
 * 'flow' to or from the ports trie of 'st'. */
static void
subtable_update_ports_trie(struct cls_subtable *st, const struct flow *flow,
                           bool add)
{
    if (st->ports_plen) {
        const uint8_t *value = (const uint8_t *) flow + st->ports_trie.ofs;

        if (add) {
            trie_insert(&st->ports_trie, value, st->ports_plen);
        } else {
            trie_remove(&st->ports_trie, value, st->ports_plen);
        }
    }
}

/* Marks the first 'n_bits' bits of the field at byte offset 'ofs' as
 * examined in 'wc'. */
static void
wc_mask_prefix(struct flow_wildcards *wc, unsigned int ofs,
               unsigned int n_bits)
{
    uint8_t *p = (uint8_t *) &wc->masks + ofs;
    unsigned int i;

    for (i = 0; n_bits >= 8; i++, n_bits -= 8) {
        p[i] = 0xff;
    }
    if (n_bits) {
        p[i] |= (uint8_t) (0xff << (8 - n_bits));
    }
}

/* Returns true if the first 'n_bits' bits of the field at byte offset
 * 'ofs' are all marked as examined in 'wc'. */
static bool
wc_has_prefix(const struct flow_wildcards *wc, unsigned int ofs,
              unsigned int n_bits)
{
    const uint8_t *p = (const uint8_t *) &wc->masks + ofs;
    unsigned int i;

    for (i = 0; n_bits >= 8; i++, n_bits -= 8) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    if (n_bits) {
        uint8_t m = 0xff << (8 - n_bits);

        return (p[i] & m) == m;
    }
    return true;
}

/* Subtables. */

static void
subtable_mark_dead(struct cls_subtable *st)
{
    __atomic_store_n(&st->dead, true, __ATOMIC_RELEASE);
}

static struct cls_subtable *
subtable_find(const struct classifier *cls, const struct flow_wildcards *mask,
              uint32_t mask_hash)
{
    struct cds_lfht_iter iter;
    struct cds_lfht_node *node;

    cds_lfht_lookup(cls->subtables_map, mask_hash, cls_subtable_equal, mask,
                    &iter);
    node = cds_lfht_iter_get_node(&iter);
    return node ? CONTAINER_OF(node, struct cls_subtable, map_node) : NULL;
}

/* Creates a subtable for 'mask' in 'cls' (not yet in the vector).  Writer
 * only, under rcu_read_lock(). */
static struct cls_subtable *
subtable_create(struct classifier *cls, const struct flow_wildcards *mask,
                uint32_t mask_hash)
{
    const uint64_t *masks = flow_u64_const(&mask->masks);
    struct cls_subtable *st = xzalloc(sizeof *st);

    cds_lfht_node_init(&st->map_node);
    st->mask_hash = mask_hash;
    st->serial = cls->next_serial++;
    st->mask = *mask;
    for (unsigned int i = 0; i < FLOW_U64S; i++) {
        if (masks[i]) {
            st->words[st->n_words] = i;
            st->masks[st->n_words] = masks[i];
            st->n_words++;
        }
    }

    /* Stage boundaries: only those that split the mask's words. */
    for (unsigned int i = 0; i < cls->n_flow_segments; i++) {
        unsigned int pos = 0;

        while (pos < st->n_words && st->words[pos] < cls->flow_segments[i]) {
            pos++;
        }
        if (pos > 0 && pos < st->n_words
            && (!st->n_indices || pos > st->index_ends[st->n_indices - 1])) {
            st->index_ends[st->n_indices] = pos;
            st->indices[st->n_indices] = cds_lfht_new(16, 16, 0,
                                                      CDS_LFHT_AUTO_RESIZE
                                                      | CDS_LFHT_ACCOUNTING,
                                                      NULL);
            st->n_indices++;
        }
    }
    st->rules = cds_lfht_new(16, 16, 0,
                             CDS_LFHT_AUTO_RESIZE | CDS_LFHT_ACCOUNTING,
                             NULL);
    st->max_priority = INT_MIN;
    st->max_count = 0;
    st->priorities = skiplist_create(compare_priority_counts, NULL);
    subtable_init_tries(cls, st);
    subtable_init_ports_trie(st);

    cds_lfht_add(cls->subtables_map, mask_hash, &st->map_node);

    st->list_prev = NULL;
    st->list_next = cls->subtable_list;
    if (cls->subtable_list) {
        cls->subtable_list->list_prev = st;
    }
    rcu_assign_pointer(cls->subtable_list, st);
    return st;
}

/* Frees 'st', which no reader can see any more. */
static void
subtable_free(struct cls_subtable *st)
{
    for (unsigned int i = 0; i < st->n_indices; i++) {
        cds_lfht_destroy(st->indices[i], NULL);
    }
    cds_lfht_destroy(st->rules, NULL);
    trie_destroy(&st->ports_trie);
    skiplist_destroy(st->priorities, free);
    free(st);
}

/* Frees the zombies that no reader can see (all of them if 'all').  Must
 * not be called inside a read-side critical section. */
static void
cls_drain_zombies(struct classifier *cls, bool all)
{
    struct cls_subtable **p = &cls->zombies;

    while (*p) {
        struct cls_subtable *st = *p;

        if (all || __atomic_load_n(&st->dead, __ATOMIC_ACQUIRE)) {
            *p = st->zombie_next;
            subtable_free(st);
        } else {
            p = &st->zombie_next;
        }
    }
}

/* Removes 'st', which has become empty, from 'cls'.  Writer only, under
 * rcu_read_lock(). */
static void
subtable_destroy(struct classifier *cls, struct cls_subtable *st)
{
    cds_lfht_del(cls->subtables_map, &st->map_node);
    if (st->list_prev) {
        rcu_assign_pointer(st->list_prev->list_next, st->list_next);
    } else {
        rcu_assign_pointer(cls->subtable_list, st->list_next);
    }
    if (st->list_next) {
        st->list_next->list_prev = st->list_prev;
    }
    cls_publish_vec(cls);

    st->zombie_next = cls->zombies;
    cls->zombies = st;
    ovsrcu_postpone(subtable_mark_dead, st);
}

/* Orders struct cls_priority_count by decreasing priority. */
static int
compare_priority_counts(const void *a_, const void *b_,
                        const void *conf OVS_UNUSED)
{
    const struct cls_priority_count *a = a_;
    const struct cls_priority_count *b = b_;

    return a->priority > b->priority ? -1 : a->priority < b->priority;
}

/* Sets 'st''s max priority and count from its 'priorities'. */
static void
subtable_update_max(struct cls_subtable *st)
{
    struct skiplist_node *first = skiplist_first(st->priorities);

    if (first) {
        const struct cls_priority_count *pc = skiplist_get_data(first);

        st->max_priority = pc->priority;
        st->max_count = pc->count;
    } else {
        st->max_priority = INT_MIN;
        st->max_count = 0;
    }
}

/* Accounts for a new rule with 'priority' in 'st'.  Returns true if the
 * subtable's max priority changed. */
static bool
subtable_add_priority(struct cls_subtable *st, int priority)
{
    struct cls_priority_count key = { .priority = priority };
    struct skiplist_node *node = skiplist_find(st->priorities, &key);
    int old_max = st->max_priority;
    bool was_empty = !st->max_count;

    if (node) {
        ((struct cls_priority_count *) skiplist_get_data(node))->count++;
    } else {
        struct cls_priority_count *pc = xmalloc(sizeof *pc);

        pc->priority = priority;
        pc->count = 1;
        skiplist_insert(st->priorities, pc);
    }
    subtable_update_max(st);
    return was_empty || st->max_priority != old_max;
}

/* Accounts for the removal of a rule with 'priority' from 'st'.  Returns
 * true if the max priority changed. */
static bool
subtable_remove_priority(struct cls_subtable *st, int priority)
{
    struct cls_priority_count key = { .priority = priority };
    struct skiplist_node *node = skiplist_find(st->priorities, &key);
    struct cls_priority_count *pc;
    int old_max = st->max_priority;

    ovs_assert(node);
    pc = skiplist_get_data(node);
    if (!--pc->count) {
        free(skiplist_delete(st->priorities, pc));
    }
    subtable_update_max(st);
    return st->max_priority != old_max;
}

static int
compare_subtable_entries(const void *a_, const void *b_)
{
    const struct cls_subtable_entry *a = a_;
    const struct cls_subtable_entry *b = b_;

    if (a->priority != b->priority) {
        return a->priority > b->priority ? -1 : 1;
    }
    return a->serial < b->serial ? -1 : a->serial > b->serial;
}

/* Publishes a new vector of the subtables of 'cls'. */
static void
cls_publish_vec(struct classifier *cls)
{
    struct cls_subtable_vec *old = cls->subtables;
    struct cls_subtable_vec *vec;
    size_t n = 0;

    for (struct cls_subtable *st = cls->subtable_list; st;
         st = st->list_next) {
        n++;
    }
    vec = xmalloc(sizeof *vec + n * sizeof vec->entries[0]);
    vec->n = 0;
    for (struct cls_subtable *st = cls->subtable_list; st;
         st = st->list_next) {
        if (st->n_rules) {
            vec->entries[vec->n].priority = st->max_priority;
            vec->entries[vec->n].serial = st->serial;
            vec->entries[vec->n].subtable = st;
            vec->n++;
        }
    }
    qsort(vec->entries, vec->n, sizeof vec->entries[0],
          compare_subtable_entries);
    rcu_assign_pointer(cls->subtables, vec);
    if (old) {
        ovsrcu_postpone(free, old);
    }
    cls->vec_dirty = false;
}

/* Notes that the order of the subtables of 'cls' changed. */
static void
cls_vec_changed(struct classifier *cls)
{
    if (cls->publish) {
        cls_publish_vec(cls);
    } else {
        cls->vec_dirty = true;
    }
}

/* Classifier. */

/* Initializes 'cls' as an empty classifier with the stage boundaries in
 * 'flow_segments' (up to CLS_MAX_INDICES words, increasing, ending at
 * the first zero or out-of-range entry) or none if it is NULL.  No prefix
 * tries until classifier_set_prefix_fields(). */
void
classifier_init(struct classifier *cls, const uint8_t *flow_segments)
{
    memset(cls, 0, sizeof *cls);
    cls->n_flow_segments = 0;
    if (flow_segments) {
        for (unsigned int i = 0; i < CLS_MAX_INDICES; i++) {
            uint8_t seg = flow_segments[i];

            if (!seg || seg >= FLOW_U64S
                || (i && seg <= cls->flow_segments[i - 1])) {
                break;
            }
            cls->flow_segments[cls->n_flow_segments++] = seg;
        }
    }
    cls->subtables_map = cds_lfht_new(16, 16, 0,
                                      CDS_LFHT_AUTO_RESIZE
                                      | CDS_LFHT_ACCOUNTING, NULL);
    cls->subtables = xzalloc(sizeof *cls->subtables);
    cls->subtable_list = NULL;
    cls->zombies = NULL;
    for (unsigned int j = 0; j < CLS_MAX_TRIES; j++) {
        cls->tries[j].field_id = -1;
    }
    cls->n_tries = 0;
    cls->publish = true;
    cls->vec_dirty = false;
}

/* Frees the storage of 'cls' (accepts NULL).  Rules still in 'cls' are
 * the caller's; they are left pointing to freed memory, so remove them
 * first.  No lookups may be in progress. */
void
classifier_destroy(struct classifier *cls)
{
    struct cls_subtable *st, *next;

    if (!cls) {
        return;
    }

    rcu_read_lock();
    for (st = cls->subtable_list; st; st = st->list_next) {
        struct cds_lfht_iter iter;
        struct cds_lfht_node *node;

        cds_lfht_for_each(st->rules, &iter, node) {
            struct cls_head *head = CONTAINER_OF(node, struct cls_head,
                                                 node);
            struct cls_match *m, *m_next;

            for (m = head->first; m; m = m_next) {
                m_next = m->next;
                cls_match_free(m);
            }
            cds_lfht_del(st->rules, node);
            free(head);
        }
        for (unsigned int i = 0; i < st->n_indices; i++) {
            cds_lfht_for_each(st->indices[i], &iter, node) {
                cds_lfht_del(st->indices[i], node);
                free(CONTAINER_OF(node, struct cls_index_node, node));
            }
        }
        cds_lfht_del(cls->subtables_map, &st->map_node);
    }
    rcu_read_unlock();

    for (st = cls->subtable_list; st; st = next) {
        next = st->list_next;
        subtable_free(st);
    }
    cls->subtable_list = NULL;
    if (cls->zombies) {
        ovsrcu_barrier();
        cls_drain_zombies(cls, true);
    }
    for (unsigned int j = 0; j < CLS_MAX_TRIES; j++) {
        trie_destroy(&cls->tries[j]);
    }
    cds_lfht_destroy(cls->subtables_map, NULL);
    free(cls->subtables);
    cls->subtables = NULL;
}

/* Sets the prefix tries of 'cls' to the 'n_fields' in 'fields' (at most
 * CLS_MAX_TRIES are used; invalid or duplicate ones are skipped).  Returns
 * true if that changed them.  Writer only; waits for lookups in progress
 * to finish, so must not be called inside a read-side critical section. */
bool
classifier_set_prefix_fields__(struct classifier *cls,
                               const struct cls_prefix_field *fields,
                               unsigned int n_fields)
{
    struct cls_prefix_field new[CLS_MAX_TRIES];
    unsigned int n_new = 0;
    bool changed;

    for (unsigned int i = 0; i < n_fields && n_new < CLS_MAX_TRIES; i++) {
        const struct cls_prefix_field *f = &fields[i];
        bool dup = false;

        if (!f->n_bits || f->n_bits % 8 || f->n_bits > 128
            || f->ofs + f->n_bits / 8 > sizeof(struct flow)) {
            continue;
        }
        for (unsigned int j = 0; j < n_new; j++) {
            if (new[j].ofs == f->ofs) {
                dup = true;
            }
        }
        if (!dup) {
            new[n_new++] = *f;
        }
    }

    changed = n_new != cls->n_tries;
    for (unsigned int j = 0; !changed && j < n_new; j++) {
        changed = (new[j].ofs != cls->tries[j].ofs
                   || new[j].n_bits != cls->tries[j].n_bits
                   || new[j].field_id != cls->tries[j].field_id);
    }
    if (!changed) {
        return false;
    }

    /* Take the tries away from lookups, then rebuild them. */
    __atomic_store_n(&cls->n_tries, 0, __ATOMIC_RELEASE);
    ovsrcu_synchronize();
    cls_drain_zombies(cls, false);
    for (unsigned int j = 0; j < CLS_MAX_TRIES; j++) {
        struct cls_trie *trie = &cls->tries[j];

        trie_destroy(trie);
        if (j < n_new) {
            trie->field_id = new[j].field_id;
            trie->ofs = new[j].ofs;
            trie->n_bits = new[j].n_bits;
            trie->root = xzalloc(sizeof *trie->root);
        } else {
            trie->field_id = -1;
            trie->ofs = 0;
            trie->n_bits = 0;
        }
    }

    rcu_read_lock();
    for (struct cls_subtable *st = cls->subtable_list; st;
         st = st->list_next) {
        subtable_init_tries(cls, st);
        for (struct cls_match *m = st->rules_list; m; m = m->list_next) {
            struct flow flow;

            head_to_flow(st, m->head, &flow);
            subtable_update_tries(cls, st, &flow, true);
        }
    }
    rcu_read_unlock();
    __atomic_store_n(&cls->n_tries, n_new, __ATOMIC_RELEASE);
    return true;
}

/* Sets the prefix tries of 'cls' to the fields in 'trie_fields' (those
 * that support prefix lookup: IPv4 and IPv6 addresses, tunnel addresses),
 * at most CLS_MAX_TRIES.  Returns true if that changed them. */
bool
classifier_set_prefix_fields(struct classifier *cls,
                             const enum mf_field_id *trie_fields,
                             unsigned int n_trie_fields)
{
    struct cls_prefix_field fields[CLS_MAX_TRIES];
    unsigned int n = 0;

#ifdef CLS_HAVE_META_FLOW
    for (unsigned int i = 0; i < n_trie_fields && n < CLS_MAX_TRIES; i++) {
        struct cls_prefix_field *f = &fields[n];

        f->field_id = trie_fields[i];
        switch (trie_fields[i]) {
#define CLS_PREFIX_FIELD(ID, MEMBER)                            \
        case ID:                                                \
            f->ofs = offsetof(struct flow, MEMBER);             \
            f->n_bits = sizeof ((struct flow *) 0)->MEMBER * 8; \
            n++;                                                \
            break;
        CLS_PREFIX_FIELD(MFF_IPV4_SRC, nw_src)
        CLS_PREFIX_FIELD(MFF_IPV4_DST, nw_dst)
        CLS_PREFIX_FIELD(MFF_IPV6_SRC, ipv6_src)
        CLS_PREFIX_FIELD(MFF_IPV6_DST, ipv6_dst)
        CLS_PREFIX_FIELD(MFF_ARP_SPA, nw_src)
        CLS_PREFIX_FIELD(MFF_ARP_TPA, nw_dst)
        CLS_PREFIX_FIELD(MFF_TUN_SRC, tunnel.ip_src)
        CLS_PREFIX_FIELD(MFF_TUN_DST, tunnel.ip_dst)
        CLS_PREFIX_FIELD(MFF_TUN_IPV6_SRC, tunnel.ipv6_src)
        CLS_PREFIX_FIELD(MFF_TUN_IPV6_DST, tunnel.ipv6_dst)
#undef CLS_PREFIX_FIELD
        default:
            /* Not a field with prefix lookup. */
            break;
        }
    }
#else
    /* Built without meta-flow: the field ids cannot be mapped. */
    ovs_assert(!n_trie_fields);
#endif
    return classifier_set_prefix_fields__(cls, fields, n);
}

/* Inserts 'rule' into 'cls', visible from 'version' on, with the
 * 'n_conjunctions' conjunctions in 'conjs' (a copy is kept).  If 'cls'
 * already holds a rule with the same match and priority that has not been
 * made invisible, 'rule' replaces it and that rule is returned (no longer
 * in 'cls'; the caller frees it after a grace period); otherwise returns
 * NULL.  Writer only. */
const struct cls_rule *
classifier_replace(struct classifier *cls, const struct cls_rule *rule,
                   ovs_version_t version, const struct cls_conjunction *conjs,
                   size_t n_conjunctions)
{
    struct cls_match *new, *old = NULL;
    struct cls_subtable *st;
    struct cls_head *head;
    struct match match;
    uint32_t mask_hash, hash;
    const uint64_t *flow;
    bool vec_changed = false;

    ovs_assert(!get_cls_match(rule));
    cls_drain_zombies(cls, false);
    minimatch_expand(&rule->match, &match);
    flow = flow_u64_const(&match.flow);

    rcu_read_lock();
    mask_hash = flow_wildcards_hash(&match.wc, 0);
    st = subtable_find(cls, &match.wc, mask_hash);
    if (!st) {
        st = subtable_create(cls, &match.wc, mask_hash);
        vec_changed = true;
    }

    new = xzalloc(sizeof *new);
    new->subtable = st;
    new->cls_rule = rule;
    new->priority = rule->priority;
    new->add_version = version;
    new->remove_version = OVS_VERSION_NOT_REMOVED;
    new->conj_set = conj_set_create(conjs, n_conjunctions);

    hash = subtable_hash(st, flow);
    head = subtable_find_head(st, flow, hash);
    if (!head) {
        head = xmalloc(sizeof *head + st->n_words * sizeof head->key[0]);
        cds_lfht_node_init(&head->node);
        head->hash = hash;
        for (unsigned int i = 0; i < st->n_words; i++) {
            head->key[i] = flow[st->words[i]] & st->masks[i];
        }
        head->first = new;
        new->head = head;
        cds_lfht_add(st->rules, hash, &head->node);
        st->n_heads++;
        subtable_index_update(st, flow, 1);
    } else {
        struct cls_match **prevp = &head->first;
        struct cls_match *iter;

        new->head = head;

        /* A live rule with the same priority gets replaced. */
        for (iter = head->first; iter; iter = iter->next) {
            if (iter->priority == new->priority
                && (__atomic_load_n(&iter->remove_version, __ATOMIC_ACQUIRE)
                    == OVS_VERSION_NOT_REMOVED)) {
                old = iter;
                break;
            }
        }

        /* Otherwise insert before the first rule of lower or equal
         * priority. */
        for (iter = head->first; iter; iter = iter->next) {
            if (iter == old || iter->priority <= new->priority) {
                break;
            }
            prevp = &iter->next;
        }
        if (old) {
            ovs_assert(*prevp == old);
            new->next = old->next;
        } else {
            new->next = *prevp;
        }
        rcu_assign_pointer(*prevp, new);
    }

    /* The iteration list. */
    new->list_prev = NULL;
    new->list_next = st->rules_list;
    if (st->rules_list) {
        st->rules_list->list_prev = new;
    }
    rcu_assign_pointer(st->rules_list, new);

    if (subtable_add_priority(st, new->priority)) {
        vec_changed = true;
    }
    subtable_update_tries(cls, st, &match.flow, true);
    subtable_update_ports_trie(st, &match.flow, true);
    st->n_rules++;
    cls->n_rules++;
    set_cls_match(rule, new);

    if (old) {
        if (old->list_prev) {
            rcu_assign_pointer(old->list_prev->list_next, old->list_next);
        } else {
            rcu_assign_pointer(st->rules_list, old->list_next);
        }
        if (old->list_next) {
            old->list_next->list_prev = old->list_prev;
        }
        if (subtable_remove_priority(st, old->priority)) {
            vec_changed = true;
        }
        subtable_update_tries(cls, st, &match.flow, false);
        subtable_update_ports_trie(st, &match.flow, false);
        st->n_rules--;
        cls->n_rules--;
    }
    if (vec_changed) {
        cls_vec_changed(cls);
    }
    rcu_read_unlock();

    cls_lfht_fit(st->rules, st->n_heads);
    for (unsigned int i = 0; i < st->n_indices; i++) {
        cls_lfht_fit(st->indices[i], st->n_index_nodes[i]);
    }

    if (old) {
        const struct cls_rule *old_rule = old->cls_rule;

        set_cls_match(old_rule, NULL);
        ovsrcu_postpone(cls_match_free, old);
        return old_rule;
    }
    return NULL;
}

/* Inserts 'rule' into 'cls', as classifier_replace(), where no rule with
 * the same match and priority may be live. */
void
classifier_insert(struct classifier *cls, const struct cls_rule *rule,
                  ovs_version_t version, const struct cls_conjunction *conj,
                  size_t n_conj)
{
    const struct cls_rule *displaced = classifier_replace(cls, rule, version,
                                                          conj, n_conj);
    ovs_assert(!displaced);
}

/* Removes 'rule' from 'cls'.  Returns 'rule' if it was in 'cls', NULL
 * otherwise.  Lookups in progress may still return 'rule': free it only
 * after a grace period.  Writer only. */
const struct cls_rule *
classifier_remove(struct classifier *cls, const struct cls_rule *rule)
{
    struct cls_match *m = get_cls_match(rule);
    struct cls_subtable *st;
    struct cls_head *head;
    struct cls_match **prevp;
    bool vec_changed;
    struct flow flow;

    if (!m) {
        return NULL;
    }
    cls_drain_zombies(cls, false);
    st = m->subtable;
    head = m->head;
    head_to_flow(st, head, &flow);

    rcu_read_lock();
    for (prevp = &head->first; *prevp != m; prevp = &(*prevp)->next) {
        ovs_assert(*prevp);
    }
    rcu_assign_pointer(*prevp, m->next);
    if (!head->first) {
        cds_lfht_del(st->rules, &head->node);
        st->n_heads--;
        subtable_index_update(st, flow_u64_const(&flow), -1);
        ovsrcu_postpone(free, head);
    }

    if (m->list_prev) {
        rcu_assign_pointer(m->list_prev->list_next, m->list_next);
    } else {
        rcu_assign_pointer(st->rules_list, m->list_next);
    }
    if (m->list_next) {
        m->list_next->list_prev = m->list_prev;
    }
    subtable_update_tries(cls, st, &flow, false);
    subtable_update_ports_trie(st, &flow, false);
    st->n_rules--;
    cls->n_rules--;
    vec_changed = subtable_remove_priority(st, m->priority);
    if (!st->n_rules) {
        subtable_destroy(cls, st);
    } else if (vec_changed) {
        cls_vec_changed(cls);
    }
    rcu_read_unlock();

    set_cls_match(rule, NULL);
    ovsrcu_postpone(cls_match_free, m);
    return rule;
}

/* Removes 'rule', which must be in 'cls'. */
void
classifier_remove_assert(struct classifier *cls, const struct cls_rule *rule)
{
    ovs_assert(classifier_remove(cls, rule) == rule);
}

/* Stops publishing changes of the subtable order of 'cls' to lookups until
 * classifier_publish(). */
void
classifier_defer(struct classifier *cls)
{
    cls->publish = false;
}

/* Publishes the changes made since classifier_defer(). */
void
classifier_publish(struct classifier *cls)
{
    cls->publish = true;
    if (cls->vec_dirty) {
        cls_publish_vec(cls);
    }
    cls_drain_zombies(cls, false);
}

/* Lookup. */

/* Marks the first 'n' words of 'st''s mask as examined in 'wc'. */
static inline void
subtable_unwildcard(const struct cls_subtable *st, struct flow_wildcards *wc,
                    unsigned int n)
{
    uint64_t *wcw = flow_u64(&wc->masks);

    for (unsigned int i = 0; i < n; i++) {
        wcw[st->words[i]] |= st->masks[i];
    }
}

/* Looks 'flow' up in 'st'.  Returns the first rule of the matching chain
 * visible in 'version', or NULL.  Marks what it examined in 'wc'. */
static const struct cls_match *
subtable_lookup(const struct classifier *cls, unsigned int n_tries,
                const struct cls_subtable *st, ovs_version_t version,
                const struct flow *flow, struct trie_ctx tctx[],
                struct flow_wildcards *wc)
{
    const uint64_t *words = flow_u64_const(flow);
    unsigned int pos = 0;
    uint32_t basis = 0;

    for (unsigned int s = 0; s <= st->n_indices; s++) {
        unsigned int end = s < st->n_indices ? st->index_ends[s]
                                             : st->n_words;
        uint32_t hash;

        /* Prefix tries whose field is in this stage. */
        for (unsigned int j = 0; j < n_tries; j++) {
            unsigned int plen = st->trie_plen[j];

            if (plen && st->trie_stage[j] == s) {
                struct trie_ctx *ctx = &tctx[j];

                if (!ctx->looked_up) {
                    trie_lookup(&cls->tries[j], flow, ctx);
                }
                if (!(ctx->plens[plen / 64] & (UINT64_C(1) << (plen % 64)))) {
                    /* No rule with this prefix length matches the flow.  The
                     * stages consulted so far and the prefix bits examined
                     * decided that.  The trie is shared by all subtables,
                     * so it may have examined more bits than this
                     * subtable's prefix: then skip only if those bits are
                     * already un-wildcarded, otherwise let the stage lookup
                     * decide, with no more bits than the subtable's own. */
                    const struct cls_trie *trie = &cls->tries[j];

                    if (!wc) {
                        return NULL;
                    } else if (ctx->maskbits <= plen) {
                        subtable_unwildcard(st, wc, pos);
                        wc_mask_prefix(wc, trie->ofs, ctx->maskbits);
                        return NULL;
                    } else if (wc_has_prefix(wc, trie->ofs, ctx->maskbits)) {
                        subtable_unwildcard(st, wc, pos);
                        return NULL;
                    }
                }
            }
        }

        basis = subtable_hash_words(st, words, pos, end, basis);
        pos = end;
        hash = hash_finish(basis, end * 8);
        if (s < st->n_indices) {
            if (!subtable_index_contains(st, s, hash)) {
                if (wc) {
                    subtable_unwildcard(st, wc, end);
                }
                return NULL;
            }
        } else {
            const struct cls_head *head;

            head = subtable_find_head(st, words, hash);
            if (!head && st->ports_plen && wc) {
                /* Miss in the last stage, which holds only the ports: the
                 * ports trie tells how many port bits decided that. */
                struct trie_ctx ctx;
                ovs_be32 value, bits, *wcp;

                memcpy(&value, (const uint8_t *) flow + st->ports_trie.ofs,
                       4);
                value &= st->ports_mask;
                trie_lookup_value(&st->ports_trie, (const uint8_t *) &value,
                                  &ctx);
                bits = MIN(ctx.maskbits, st->ports_plen);
                subtable_unwildcard(st, wc, end - 1);
                wcp = (ovs_be32 *) ((uint8_t *) &wc->masks
                                    + st->ports_trie.ofs);
                *wcp |= st->ports_mask & htonl(bits ? UINT32_MAX << (32 - bits)
                                                    : 0);
                return NULL;
            }
            if (wc) {
                subtable_unwildcard(st, wc, st->n_words);
            }
            if (head) {
                for (const struct cls_match *m = cls_deref(head->first);
                     m; m = cls_deref(m->next)) {
                    if (cls_match_visible_in_version(m, version)) {
                        return m;
                    }
                }
            }
            return NULL;
        }
    }
    OVS_NOT_REACHED();
}

/* Returns the next rule after 'm' with the same match that is visible in
 * 'version', or NULL. */
static const struct cls_match *
cls_match_next_visible(const struct cls_match *m, ovs_version_t version)
{
    for (m = cls_deref(m->next); m; m = cls_deref(m->next)) {
        if (cls_match_visible_in_version(m, version)) {
            return m;
        }
    }
    return NULL;
}

/* A rule with conjunctions that matched. */
struct cls_soft {
    int priority;               /* The rule's priority. */
    const struct cls_conjunction_set *set; /* Its conjunctions. */
};

/* Progress of one conjunction id at one priority. */
struct cls_conj_progress {
    uint32_t id;                /* Conjunction id. */
    uint8_t n_clauses;          /* Number of clauses. */
    uint64_t clauses;           /* Bit k: clause k matched. */
};

static int
compare_soft(const void *a_, const void *b_)
{
    const struct cls_soft *a = a_;
    const struct cls_soft *b = b_;

    return a->priority > b->priority ? -1 : a->priority < b->priority;
}

static const struct cls_match *
classifier_lookup__(const struct classifier *cls, ovs_version_t version,
                    struct flow *flow, struct flow_wildcards *wc,
                    bool allow_conjunctive)
{
    struct trie_ctx tctx[CLS_MAX_TRIES];
    unsigned int n_tries = __atomic_load_n(&cls->n_tries, __ATOMIC_ACQUIRE);
    const struct cls_subtable_vec *vec = cls_deref(cls->subtables);
    const struct cls_match *hard = NULL;
    struct cls_soft soft_stub[16];
    struct cls_soft *soft = soft_stub;
    size_t n_soft = 0, allocated_soft = ARRAY_SIZE(soft_stub);
    const struct cls_match *result;

    for (unsigned int j = 0; j < n_tries; j++) {
        tctx[j].looked_up = false;
    }

    for (size_t i = 0; i < vec->n; i++) {
        const struct cls_subtable_entry *e = &vec->entries[i];
        const struct cls_conjunction_set *set;
        const struct cls_match *m;

        if (hard && e->priority <= hard->priority) {
            break;
        }
        m = subtable_lookup(cls, n_tries, e->subtable, version, flow, tctx,
                            wc);

        /* Rules with conjunctions do not hide lower-priority rules with the
         * same match. */
        for (; m; m = cls_match_next_visible(m, version)) {
            if (hard && m->priority <= hard->priority) {
                break;
            }
            set = cls_deref(m->conj_set);
            if (!set) {
                hard = m;
                break;
            } else if (allow_conjunctive) {
                if (n_soft >= allocated_soft) {
                    if (soft == soft_stub) {
                        soft = xmemdup(soft_stub, sizeof soft_stub);
                    }
                    soft = x2nrealloc(soft, &allocated_soft, sizeof *soft);
                }
                soft[n_soft].priority = m->priority;
                soft[n_soft].set = set;
                n_soft++;
            }
        }
    }

    result = hard;
    if (n_soft) {
        qsort(soft, n_soft, sizeof *soft, compare_soft);
        for (size_t i = 0; i < n_soft; ) {
            struct cls_conj_progress prog_stub[16];
            struct cls_conj_progress *prog = prog_stub;
            size_t n_prog = 0, allocated_prog = ARRAY_SIZE(prog_stub);
            int priority = soft[i].priority;
            const struct cls_match *found = NULL;
            size_t j;

            if (hard && priority <= hard->priority) {
                break;
            }

            /* Gather the clauses matched at 'priority'. */
            for (j = i; j < n_soft && soft[j].priority == priority; j++) {
                const struct cls_conjunction_set *set = soft[j].set;

                for (unsigned int k = 0; k < set->n; k++) {
                    const struct cls_conjunction *c = &set->conj[k];
                    size_t p;

                    if (c->clause >= c->n_clauses || c->n_clauses > 64) {
                        continue;
                    }
                    for (p = 0; p < n_prog; p++) {
                        if (prog[p].id == c->id
                            && prog[p].n_clauses == c->n_clauses) {
                            break;
                        }
                    }
                    if (p == n_prog) {
                        if (n_prog >= allocated_prog) {
                            if (prog == prog_stub) {
                                prog = xmemdup(prog_stub, sizeof prog_stub);
                            }
                            prog = x2nrealloc(prog, &allocated_prog,
                                              sizeof *prog);
                        }
                        prog[p].id = c->id;
                        prog[p].n_clauses = c->n_clauses;
                        prog[p].clauses = 0;
                        n_prog++;
                    }
                    prog[p].clauses |= UINT64_C(1) << c->clause;
                }
            }
            i = j;

            /* Try the complete conjunctions. */
            for (size_t p = 0; p < n_prog && !found; p++) {
                uint64_t all = (prog[p].n_clauses == 64
                                ? UINT64_MAX
                                : (UINT64_C(1) << prog[p].n_clauses) - 1);

                if (prog[p].clauses == all) {
                    uint32_t saved_conj_id = flow->conj_id;

                    flow->conj_id = prog[p].id;
                    found = classifier_lookup__(cls, version, flow, wc,
                                                false);
                    flow->conj_id = saved_conj_id;
                }
            }
            if (prog != prog_stub) {
                free(prog);
            }
            if (found) {
                result = found;
                break;
            }
        }
    }
    if (soft != soft_stub) {
        free(soft);
    }
    return result;
}

/* Finds and returns the highest-priority rule in 'cls' that matches 'flow'
 * and is visible in 'version', or NULL.  ORs into 'wc', if nonnull, the
 * bits of 'flow' that the lookup examined: any flow that agrees with
 * 'flow' on them has the same result.  'flow' is restored before
 * returning. */
const struct cls_rule *
classifier_lookup(const struct classifier *cls, ovs_version_t version,
                  struct flow *flow, struct flow_wildcards *wc)
{
    const struct cls_match *m;

    rcu_read_lock();
    m = classifier_lookup__(cls, version, flow, wc, true);
    rcu_read_unlock();
    return m ? m->cls_rule : NULL;
}

/* Returns the rule in 'cls' with the same match and priority as 'target'
 * that is visible in 'version', or NULL. */
const struct cls_rule *
classifier_find_rule_exactly(const struct classifier *cls,
                             const struct cls_rule *target,
                             ovs_version_t version)
{
    const struct cls_rule *rule = NULL;
    const struct cls_subtable *st;
    const struct cls_head *head;
    struct match match;

    minimatch_expand(&target->match, &match);
    rcu_read_lock();
    st = subtable_find(cls, &match.wc, flow_wildcards_hash(&match.wc, 0));
    if (st) {
        const uint64_t *flow = flow_u64_const(&match.flow);

        head = subtable_find_head(st, flow, subtable_hash(st, flow));
        if (head) {
            for (const struct cls_match *m = cls_deref(head->first);
                 m; m = cls_deref(m->next)) {
                if (m->priority < target->priority) {
                    break;
                }
                if (m->priority == target->priority
                    && cls_match_visible_in_version(m, version)) {
                    rule = m->cls_rule;
                    break;
                }
            }
        }
    }
    rcu_read_unlock();
    return rule;
}

/* Same as classifier_find_rule_exactly() for 'target' and 'priority'. */
const struct cls_rule *
classifier_find_match_exactly(const struct classifier *cls,
                              const struct match *target, int priority,
                              ovs_version_t version)
{
    const struct cls_rule *retval;
    struct cls_rule cr;

    cls_rule_init(&cr, target, priority);
    retval = classifier_find_rule_exactly(cls, &cr, version);
    cls_rule_destroy(&cr);
    return retval;
}

/* Same as classifier_find_rule_exactly() for 'target' and 'priority'. */
const struct cls_rule *
classifier_find_minimatch_exactly(const struct classifier *cls,
                                  const struct minimatch *target,
                                  int priority, ovs_version_t version)
{
    const struct cls_rule *retval;
    struct cls_rule cr;

    cls_rule_init_from_minimatch(&cr, target, priority);
    retval = classifier_find_rule_exactly(cls, &cr, version);
    cls_rule_destroy(&cr);
    return retval;
}

/* Returns true if some rule in 'cls' other than 'target', visible in
 * 'version' and of the same priority as 'target', matches a packet that
 * 'target' also matches. */
bool
classifier_rule_overlaps(const struct classifier *cls,
                         const struct cls_rule *target,
                         ovs_version_t version)
{
    const struct cls_subtable_vec *vec;
    struct match match;
    bool overlaps = false;

    minimatch_expand(&target->match, &match);
    rcu_read_lock();
    vec = cls_deref(cls->subtables);
    for (size_t i = 0; i < vec->n && !overlaps; i++) {
        const struct cls_subtable *st = vec->entries[i].subtable;
        const uint64_t *tf = flow_u64_const(&match.flow);
        const uint64_t *tm = flow_u64_const(&match.wc.masks);

        if (vec->entries[i].priority < target->priority) {
            break;
        }
        for (const struct cls_match *m = cls_deref(st->rules_list);
             m && !overlaps; m = cls_deref(m->list_next)) {
            bool conflict = false;

            if (m->priority != target->priority || m->cls_rule == target
                || !cls_match_visible_in_version(m, version)) {
                continue;
            }
            for (unsigned int w = 0; w < st->n_words; w++) {
                unsigned int idx = st->words[w];

                if ((tf[idx] ^ m->head->key[w]) & st->masks[w] & tm[idx]) {
                    conflict = true;
                    break;
                }
            }
            overlaps = !conflict;
        }
    }
    rcu_read_unlock();
    return overlaps;
}

/* Returns true if 'cls' holds no rules. */
bool
classifier_is_empty(const struct classifier *cls)
{
    return classifier_count(cls) == 0;
}

/* Returns the number of rules in 'cls', including invisible ones. */
int
classifier_count(const struct classifier *cls)
{
    return __atomic_load_n(&cls->n_rules, __ATOMIC_RELAXED);
}

/* Iteration. */

/* Returns true if 'st' may hold rules that are loose matches of 'target':
 * its mask has every bit of 'target''s. */
static bool
subtable_covers(const struct cls_subtable *st, const struct cls_rule *target)
{
    const struct miniflow *tmask = &target->match.mask->masks;
    const uint64_t *tm = miniflow_get_values(tmask);
    const uint64_t *sm = flow_u64_const(&st->mask.masks);
    size_t n = 0;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (flowmap_is_set(&tmask->map, i)) {
            if ((sm[i] & tm[n]) != tm[n]) {
                return false;
            }
            n++;
        }
    }
    return true;
}

/* Starting at 'm' in 'st' (or the first rule of 'st' if 'm' is NULL),
 * finds the first rule the cursor should visit and stores it in
 * 'cursor'. */
static void
cls_cursor_find(struct cls_cursor *cursor, const struct cls_subtable *st,
                const struct cls_match *m)
{
    rcu_read_lock();
    while (st) {
        if (!cursor->target || subtable_covers(st, cursor->target)) {
            if (!m) {
                m = cls_deref(st->rules_list);
            }
            for (; m; m = cls_deref(m->list_next)) {
                if (cls_match_visible_in_version(m, cursor->version)
                    && (!cursor->target
                        || cls_rule_is_loose_match(m->cls_rule,
                                                   &cursor->target->match))) {
                    cursor->subtable = st;
                    cursor->match = m;
                    cursor->rule = m->cls_rule;
                    rcu_read_unlock();
                    return;
                }
            }
        }
        st = cls_deref(st->list_next);
        m = NULL;
    }
    rcu_read_unlock();
    cursor->subtable = NULL;
    cursor->match = NULL;
    cursor->rule = NULL;
}

/* Returns a cursor positioned at the first rule of 'cls' that is visible
 * in 'version' and a loose match of 'target' (any rule if 'target' is
 * NULL or a catchall). */
struct cls_cursor
cls_cursor_start(const struct classifier *cls, const struct cls_rule *target,
                 ovs_version_t version)
{
    struct cls_cursor cursor;

    cursor.cls = cls;
    cursor.target = target && !cls_rule_is_catchall(target) ? target : NULL;
    cursor.version = version;
    cls_cursor_find(&cursor, cls_deref(cls->subtable_list), NULL);
    return cursor;
}

/* Moves 'cursor' to the next rule. */
void
cls_cursor_advance(struct cls_cursor *cursor)
{
    const struct cls_match *next;

    if (!cursor->match) {
        return;
    }
    next = cls_deref(cursor->match->list_next);
    if (next) {
        cls_cursor_find(cursor, cursor->subtable, next);
    } else {
        cls_cursor_find(cursor,
                        cls_deref(cursor->subtable->list_next), NULL);
    }
}
