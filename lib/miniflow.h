/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef MINIFLOW_H
#define MINIFLOW_H 1

/* Compressed flows, masks and matches.
 *
 * A struct flow is FLOW_U64S 64-bit words, most of them zero in any given
 * match.  A struct miniflow keeps only the nonzero words: a bitmap with
 * one bit per word of struct flow ('map'), followed in memory by the
 * values of the words whose bits are set, in increasing word order.  A
 * struct minimask is a miniflow of a struct flow_wildcards' masks, and a
 * struct minimatch a miniflow plus a minimask, the compact form in which
 * the classifier's rules keep their match (struct cls_rule 'match').
 *
 * Miniflows are immutable once created and are allocated as one block
 * (free() releases them).  The names and shapes follow Open vSwitch's,
 * where these live in flow.h and match.h. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "match.h"

struct ds;
struct ofputil_port_map;
struct tun_table;

/* The number of 64-bit units in a struct flowmap. */
#define FLOWMAP_UNITS DIV_ROUND_UP(FLOW_U64S, 64)

/* A bitmap with one bit per 64-bit word of struct flow. */
struct flowmap {
    uint64_t bits[FLOWMAP_UNITS]; /* Bit i%64 of bits[i/64]: word i. */
};

/* A compressed struct flow.  The values of the words named by 'map'
 * follow it in memory (miniflow_get_values()). */
struct miniflow {
    struct flowmap map;         /* Words present (all others are zero). */
    /* uint64_t values[n], n = number of 1-bits in 'map', follow. */
};

/* A compressed struct flow_wildcards. */
struct minimask {
    struct miniflow masks;      /* The mask words, as a miniflow. */
};

/* A compressed struct match.  'flow' has no bits outside 'mask'. */
struct minimatch {
    union {
        struct {
            struct miniflow *flow;  /* The values. */
            struct minimask *mask;  /* Which bits matter. */
        };
        struct miniflow *flows[2];  /* 'flow' and &'mask'->masks. */
    };
};

/* The values that follow 'mf'. */
static inline uint64_t *
miniflow_values(struct miniflow *mf)
{
    return (uint64_t *) (mf + 1);
}

static inline const uint64_t *
miniflow_get_values(const struct miniflow *mf)
{
    return (const uint64_t *) (mf + 1);
}

/* Returns the number of words 'map' names. */
static inline size_t
flowmap_n_1bits(const struct flowmap *map)
{
    size_t n = 0;

    for (size_t i = 0; i < FLOWMAP_UNITS; i++) {
        n += __builtin_popcountll(map->bits[i]);
    }
    return n;
}

/* Returns true if 'map' names word 'idx'. */
static inline bool
flowmap_is_set(const struct flowmap *map, size_t idx)
{
    return (map->bits[idx / 64] >> (idx % 64)) & 1;
}

/* Miniflows. */
struct miniflow *miniflow_create(const struct flow *);
void miniflow_expand(const struct miniflow *, struct flow *);
size_t miniflow_n_values(const struct miniflow *);
bool miniflow_equal(const struct miniflow *, const struct miniflow *);
uint64_t miniflow_get(const struct miniflow *, unsigned int u64_idx);
uint32_t miniflow_hash(const struct miniflow *, uint32_t basis);

/* Minimasks. */
struct minimask *minimask_create(const struct flow_wildcards *);
void minimask_expand(const struct minimask *, struct flow_wildcards *);
bool minimask_equal(const struct minimask *, const struct minimask *);
bool minimask_has_extra(const struct minimask *, const struct minimask *);
bool minimask_is_catchall(const struct minimask *);

/* Minimatches.  minimatch_init() and minimatch_clone() allocate,
 * minimatch_destroy() frees, minimatch_move() transfers ownership (and
 * leaves 'src' empty, safe to destroy). */
void minimatch_init(struct minimatch *, const struct match *);
void minimatch_init_catchall(struct minimatch *);
void minimatch_clone(struct minimatch *dst, const struct minimatch *src);
void minimatch_move(struct minimatch *dst, struct minimatch *src);
void minimatch_destroy(struct minimatch *);
void minimatch_expand(const struct minimatch *, struct match *);
bool minimatch_equal(const struct minimatch *, const struct minimatch *);
uint32_t minimatch_hash(const struct minimatch *, uint32_t basis);
bool minimatch_matches_flow(const struct minimatch *, const struct flow *);
bool minimatch_is_catchall(const struct minimatch *);
void minimatch_format(const struct minimatch *, const struct tun_table *,
                      const struct ofputil_port_map *, struct ds *,
                      int priority);
char *minimatch_to_string(const struct minimatch *,
                          const struct ofputil_port_map *, int priority);

#endif /* miniflow.h */
