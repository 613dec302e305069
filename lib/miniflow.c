/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "miniflow.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"

/* Returns a newly allocated miniflow with the values of 'flow''s nonzero
 * words. */
struct miniflow *
miniflow_create(const struct flow *flow)
{
    const uint64_t *words = flow_u64_const(flow);
    struct flowmap map;
    size_t n = 0;

    memset(&map, 0, sizeof map);
    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (words[i]) {
            map.bits[i / 64] |= UINT64_C(1) << (i % 64);
            n++;
        }
    }

    struct miniflow *mf = xmalloc(sizeof *mf + n * sizeof(uint64_t));
    uint64_t *values = miniflow_values(mf);
    mf->map = map;
    n = 0;
    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (words[i]) {
            values[n++] = words[i];
        }
    }
    return mf;
}

/* Stores the flow that 'mf' represents into '*flow'. */
void
miniflow_expand(const struct miniflow *mf, struct flow *flow)
{
    const uint64_t *values = miniflow_get_values(mf);
    uint64_t *words = flow_u64(flow);

    memset(flow, 0, sizeof *flow);
    /* Visit only the words present: a rule's match has few of them. */
    for (size_t unit = 0; unit < FLOWMAP_UNITS; unit++) {
        for (uint64_t bits = mf->map.bits[unit]; bits; bits &= bits - 1) {
            words[unit * 64 + __builtin_ctzll(bits)] = *values++;
        }
    }
}

/* Returns the number of values stored in 'mf'. */
size_t
miniflow_n_values(const struct miniflow *mf)
{
    return flowmap_n_1bits(&mf->map);
}

/* Returns word 'u64_idx' of the flow that 'mf' represents. */
uint64_t
miniflow_get(const struct miniflow *mf, unsigned int u64_idx)
{
    size_t rank = 0;

    if (!flowmap_is_set(&mf->map, u64_idx)) {
        return 0;
    }
    for (size_t unit = 0; unit < u64_idx / 64; unit++) {
        rank += __builtin_popcountll(mf->map.bits[unit]);
    }
    rank += __builtin_popcountll(mf->map.bits[u64_idx / 64]
                                 & ((UINT64_C(1) << (u64_idx % 64)) - 1));
    return miniflow_get_values(mf)[rank];
}

/* Returns true if 'a' and 'b' represent the same flow. */
bool
miniflow_equal(const struct miniflow *a, const struct miniflow *b)
{
    return (!memcmp(&a->map, &b->map, sizeof a->map)
            && !memcmp(miniflow_get_values(a), miniflow_get_values(b),
                       miniflow_n_values(a) * sizeof(uint64_t)));
}

/* Returns a hash of 'mf' with 'basis'. */
uint32_t
miniflow_hash(const struct miniflow *mf, uint32_t basis)
{
    const uint64_t *values = miniflow_get_values(mf);
    size_t n = miniflow_n_values(mf);
    uint32_t hash = basis;

    for (size_t i = 0; i < FLOWMAP_UNITS; i++) {
        hash = hash_add64(hash, mf->map.bits[i]);
    }
    for (size_t i = 0; i < n; i++) {
        hash = hash_add64(hash, values[i]);
    }
    return hash_finish(hash, n * 8);
}

/* Returns a newly allocated minimask for 'wc'. */
struct minimask *
minimask_create(const struct flow_wildcards *wc)
{
    return (struct minimask *) miniflow_create(&wc->masks);
}

/* Stores the wildcards that 'mask' represents into '*wc'. */
void
minimask_expand(const struct minimask *mask, struct flow_wildcards *wc)
{
    miniflow_expand(&mask->masks, &wc->masks);
}

/* Returns true if 'a' and 'b' are the same mask. */
bool
minimask_equal(const struct minimask *a, const struct minimask *b)
{
    return miniflow_equal(&a->masks, &b->masks);
}

/* Returns true if 'b' has a 1-bit that 'a' does not have. */
bool
minimask_has_extra(const struct minimask *a, const struct minimask *b)
{
    const uint64_t *bv = miniflow_get_values(&b->masks);
    size_t n = 0;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (flowmap_is_set(&b->masks.map, i)) {
            uint64_t bw = bv[n++];

            if (bw & ~miniflow_get(&a->masks, i)) {
                return true;
            }
        }
    }
    return false;
}

/* Returns true if 'mask' matches every packet. */
bool
minimask_is_catchall(const struct minimask *mask)
{
    /* Words are stored only when nonzero. */
    return !flowmap_n_1bits(&mask->masks.map);
}

/* Initializes 'dst' as a compressed copy of 'src'.  Bits of 'src->flow'
 * outside 'src->wc' are ignored. */
void
minimatch_init(struct minimatch *dst, const struct match *src)
{
    struct flow masked = src->flow;
    uint64_t *words = flow_u64(&masked);
    const uint64_t *masks = flow_u64_const(&src->wc.masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        words[i] &= masks[i];
    }
    dst->flow = miniflow_create(&masked);
    dst->mask = minimask_create(&src->wc);
}

/* Initializes 'dst' to match every packet. */
void
minimatch_init_catchall(struct minimatch *dst)
{
    struct match match;

    match_init_catchall(&match);
    minimatch_init(dst, &match);
}

static struct miniflow *
miniflow_clone__(const struct miniflow *src)
{
    return xmemdup(src, sizeof *src
                   + miniflow_n_values(src) * sizeof(uint64_t));
}

/* Initializes 'dst' as a copy of 'src'. */
void
minimatch_clone(struct minimatch *dst, const struct minimatch *src)
{
    dst->flow = miniflow_clone__(src->flow);
    dst->mask = (struct minimask *) miniflow_clone__(&src->mask->masks);
}

/* Moves 'src''s storage to 'dst', leaving 'src' empty. */
void
minimatch_move(struct minimatch *dst, struct minimatch *src)
{
    dst->flow = src->flow;
    dst->mask = src->mask;
    src->flow = NULL;
    src->mask = NULL;
}

/* Frees the storage of 'match' (which may be empty). */
void
minimatch_destroy(struct minimatch *match)
{
    free(match->flow);
    free(match->mask);
    match->flow = NULL;
    match->mask = NULL;
}

/* Stores the match that 'src' represents into '*dst'. */
void
minimatch_expand(const struct minimatch *src, struct match *dst)
{
    miniflow_expand(src->flow, &dst->flow);
    minimask_expand(src->mask, &dst->wc);
}

/* Returns true if 'a' and 'b' match the same packets. */
bool
minimatch_equal(const struct minimatch *a, const struct minimatch *b)
{
    return (minimask_equal(a->mask, b->mask)
            && miniflow_equal(a->flow, b->flow));
}

/* Returns a hash of 'match' with 'basis'. */
uint32_t
minimatch_hash(const struct minimatch *match, uint32_t basis)
{
    return miniflow_hash(match->flow, miniflow_hash(&match->mask->masks,
                                                    basis));
}

/* Returns true if 'flow' matches 'match'. */
bool
minimatch_matches_flow(const struct minimatch *match,
                       const struct flow *flow)
{
    const struct miniflow *mask = &match->mask->masks;
    const uint64_t *masks = miniflow_get_values(mask);
    const uint64_t *words = flow_u64_const(flow);
    size_t n = 0;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (flowmap_is_set(&mask->map, i)) {
            if ((words[i] ^ miniflow_get(match->flow, i)) & masks[n]) {
                return false;
            }
            n++;
        }
    }
    return true;
}

/* Returns true if 'match' matches every packet. */
bool
minimatch_is_catchall(const struct minimatch *match)
{
    return minimask_is_catchall(match->mask);
}

/* Appends 'match' to 's' in OpenFlow match syntax, as match_format(). */
void
minimatch_format(const struct minimatch *match,
                 const struct tun_table *tun_table OVS_UNUSED,
                 const struct ofputil_port_map *port_map,
                 struct ds *s, int priority)
{
    struct match megamatch;

    minimatch_expand(match, &megamatch);
    match_format(&megamatch, port_map, s, priority);
}

/* Returns 'match' formatted as by minimatch_format(), malloc()ed. */
char *
minimatch_to_string(const struct minimatch *match,
                    const struct ofputil_port_map *port_map, int priority)
{
    struct match megamatch;

    minimatch_expand(match, &megamatch);
    return match_to_string(&megamatch, port_map, priority);
}
