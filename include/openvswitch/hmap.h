/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_HMAP_H
#define OPENVSWITCH_HMAP_H 1

#include <stdbool.h>
#include <stdlib.h>
#include "openvswitch/util.h"

/* An intrusive hash map.  The caller embeds a 'struct hmap_node' in each
 * element and computes hashes itself; the map never allocates elements.
 * Several nodes may share a hash; lookups walk the matching bucket. */

/* A node in a hash map. */
struct hmap_node {
    size_t hash;                /* Hash value. */
    struct hmap_node *next;     /* Next in linked list. */
};

/* A hash map. */
struct hmap {
    struct hmap_node **buckets; /* Array of 'mask' + 1 bucket heads. */
    struct hmap_node *one;      /* Storage for 'buckets' when mask == 0. */
    size_t mask;                /* Number of buckets minus 1. */
    size_t n;                   /* Number of nodes. */
};

#define HMAP_INITIALIZER(HMAP) \
    { (struct hmap_node **const) &(HMAP)->one, NULL, 0, 0 }

/* Returns the hash value embedded in 'node'. */
static inline size_t
hmap_node_hash(const struct hmap_node *node)
{
    return node->hash;
}

/* Marks 'node' as not being in any map, for hmap_node_is_null(). */
static inline void
hmap_node_nullify(struct hmap_node *node)
{
    node->next = (struct hmap_node *) 1;
}

static inline bool
hmap_node_is_null(const struct hmap_node *node)
{
    return node->next == (struct hmap_node *) 1;
}

void hmap_init(struct hmap *);
void hmap_destroy(struct hmap *);
void hmap_clear(struct hmap *);
void hmap_swap(struct hmap *a, struct hmap *b);
void hmap_moved(struct hmap *);

static inline size_t
hmap_count(const struct hmap *hmap)
{
    return hmap->n;
}

static inline bool
hmap_is_empty(const struct hmap *hmap)
{
    return hmap->n == 0;
}

void hmap_expand_at(struct hmap *, const char *where);
void hmap_shrink_at(struct hmap *, const char *where);
void hmap_reserve_at(struct hmap *, size_t capacity, const char *where);
#define hmap_expand(HMAP) hmap_expand_at(HMAP, __func__)
#define hmap_shrink(HMAP) hmap_shrink_at(HMAP, __func__)
#define hmap_reserve(HMAP, CAPACITY) hmap_reserve_at(HMAP, CAPACITY, __func__)

/* Inserts 'node' with 'hash' without growing the map. */
static inline void
hmap_insert_fast(struct hmap *hmap, struct hmap_node *node, size_t hash)
{
    struct hmap_node **bucket = &hmap->buckets[hash & hmap->mask];

    node->hash = hash;
    node->next = *bucket;
    *bucket = node;
    hmap->n++;
}

/* Inserts 'node' with 'hash', growing the map if it gets crowded. */
static inline void
hmap_insert_at(struct hmap *hmap, struct hmap_node *node, size_t hash,
               const char *where)
{
    hmap_insert_fast(hmap, node, hash);
    if (hmap->n / 2 > hmap->mask) {
        hmap_expand_at(hmap, where);
    }
}
#define hmap_insert(HMAP, NODE, HASH) \
    hmap_insert_at(HMAP, NODE, HASH, __func__)

/* Removes 'node' from 'hmap'.  Never shrinks the map. */
static inline void
hmap_remove(struct hmap *hmap, struct hmap_node *node)
{
    struct hmap_node **bucket = &hmap->buckets[node->hash & hmap->mask];

    while (*bucket != node) {
        bucket = &(*bucket)->next;
    }
    *bucket = node->next;
    hmap->n--;
}

/* Puts 'new_node' in the place of 'old_node', which has the same hash. */
static inline void
hmap_replace(struct hmap *hmap, const struct hmap_node *old_node,
             struct hmap_node *new_node)
{
    struct hmap_node **bucket = &hmap->buckets[old_node->hash & hmap->mask];

    while (*bucket != old_node) {
        bucket = &(*bucket)->next;
    }
    *bucket = new_node;
    new_node->hash = old_node->hash;
    new_node->next = old_node->next;
}

static inline struct hmap_node *
hmap_next_with_hash__(const struct hmap_node *node, size_t hash)
{
    while (node != NULL && node->hash != hash) {
        node = node->next;
    }
    return (struct hmap_node *) node;
}

/* Returns the first node in 'hmap' with 'hash', or NULL. */
static inline struct hmap_node *
hmap_first_with_hash(const struct hmap *hmap, size_t hash)
{
    return hmap_next_with_hash__(hmap->buckets[hash & hmap->mask], hash);
}

/* Returns the next node after 'node' with the same hash, or NULL. */
static inline struct hmap_node *
hmap_next_with_hash(const struct hmap_node *node)
{
    return hmap_next_with_hash__(node->next, node->hash);
}

/* The iteration macros keep the struct hmap_node pointer in a variable of
 * their own (named after the line, so that loops can nest) and convert it
 * to the container only when it is nonnull. */
#define HMAP_ITER__(LINE) OVS_JOIN(hmap_iter_, LINE)

#define HMAP_FOR_EACH_FROM__(NODE, MEMBER, FIRST, NEXT, ITER)           \
    for (struct hmap_node *ITER = (FIRST);                              \
         (ITER                                                          \
          ? ((void) ASSIGN_CONTAINER(NODE, ITER, MEMBER), 1)            \
          : ((NODE) = NULL, 0));                                        \
         ITER = (NEXT))

/* Iterates NODE over the elements of HMAP with HASH; MEMBER names the
 * struct hmap_node member of NODE's type. */
#define HMAP_FOR_EACH_WITH_HASH(NODE, MEMBER, HASH, HMAP)               \
    HMAP_FOR_EACH_FROM__(NODE, MEMBER, hmap_first_with_hash(HMAP, HASH), \
                         hmap_next_with_hash(HMAP_ITER__(__LINE__)),    \
                         HMAP_ITER__(__LINE__))

/* Like HMAP_FOR_EACH_WITH_HASH but for all nodes in a bucket, whatever
 * their hash. */
#define HMAP_FOR_EACH_IN_BUCKET(NODE, MEMBER, HASH, HMAP)               \
    HMAP_FOR_EACH_FROM__(NODE, MEMBER, hmap_first_in_bucket(HMAP, HASH), \
                         HMAP_ITER__(__LINE__)->next, HMAP_ITER__(__LINE__))

static inline struct hmap_node *
hmap_first_in_bucket(const struct hmap *hmap, size_t hash)
{
    return hmap->buckets[hash & hmap->mask];
}

struct hmap_node *hmap_first(const struct hmap *);
struct hmap_node *hmap_next(const struct hmap *, const struct hmap_node *);

/* A position in an hmap, for resuming an iteration later. */
struct hmap_position {
    unsigned int bucket;        /* Bucket index. */
    unsigned int offset;        /* Index of the node within its bucket. */
};

struct hmap_node *hmap_at_position(const struct hmap *,
                                   struct hmap_position *);
struct hmap_node *hmap_random_node(const struct hmap *);
bool hmap_contains(const struct hmap *, const struct hmap_node *);

/* Iterates NODE over every element of HMAP.  The loop body must not
 * remove NODE; use HMAP_FOR_EACH_SAFE for that. */
#define HMAP_FOR_EACH(NODE, MEMBER, HMAP)                               \
    HMAP_FOR_EACH_FROM__(NODE, MEMBER, hmap_first(HMAP),                \
                         hmap_next(HMAP, HMAP_ITER__(__LINE__)),        \
                         HMAP_ITER__(__LINE__))

/* Like HMAP_FOR_EACH, but NODE may be removed (and freed) in the body. */
#define HMAP_FOR_EACH_SAFE(NODE, MEMBER, HMAP)                          \
    HMAP_FOR_EACH_SAFE__(NODE, MEMBER, HMAP, HMAP_ITER__(__LINE__))
#define HMAP_FOR_EACH_SAFE__(NODE, MEMBER, HMAP, ITER)                  \
    for (struct hmap_node *ITER = hmap_first(HMAP);                     \
         (ITER                                                          \
          ? ((void) ASSIGN_CONTAINER(NODE, ITER, MEMBER),               \
             ITER = hmap_next(HMAP, ITER), 1)                           \
          : ((NODE) = NULL, 0));                                        \
        )

/* Where HMAP_FOR_EACH_POP is in its hmap. */
struct hmap_pop_cursor__ {
    size_t bucket;              /* Buckets before this one are empty. */
    struct hmap_node *node;     /* The node just removed, or NULL. */
};

/* Removes and returns a node of 'hmap' from bucket '*bucket' or a later
 * one, advancing '*bucket' past the empty buckets; NULL if none is left.
 * Resuming from '*bucket' rather than from bucket 0 keeps emptying a map
 * linear in its size. */
static inline struct hmap_node *
hmap_pop_helper__(struct hmap *hmap, size_t *bucket)
{
    for (; *bucket <= hmap->mask; (*bucket)++) {
        struct hmap_node *node = hmap->buckets[*bucket];

        if (node) {
            hmap_remove(hmap, node);
            return node;
        }
    }
    return NULL;
}

/* Removes every element from HMAP, assigning each to NODE in turn; the
 * body usually frees it.  The body must not insert into HMAP. */
#define HMAP_FOR_EACH_POP(NODE, MEMBER, HMAP)                           \
    HMAP_FOR_EACH_POP__(NODE, MEMBER, HMAP, HMAP_ITER__(__LINE__))
#define HMAP_FOR_EACH_POP__(NODE, MEMBER, HMAP, ITER)                   \
    for (struct hmap_pop_cursor__ ITER = { 0, NULL };                   \
         ((ITER.node = hmap_pop_helper__(HMAP, &ITER.bucket))           \
          ? ((void) ASSIGN_CONTAINER(NODE, ITER.node, MEMBER), 1)       \
          : ((NODE) = NULL, 0));                                        \
        )

#endif /* openvswitch/hmap.h */
