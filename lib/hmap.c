/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/hmap.h"

#include <stdint.h>
#include <string.h>
#include "random.h"

/* Initializes 'hmap' as an empty hash map with a single bucket. */
void
hmap_init(struct hmap *hmap)
{
    hmap->buckets = &hmap->one;
    hmap->one = NULL;
    hmap->mask = 0;
    hmap->n = 0;
}

/* Frees the memory of 'hmap' itself.  The caller must already have freed
 * the elements, which the map does not own. */
void
hmap_destroy(struct hmap *hmap)
{
    if (hmap && hmap->buckets != &hmap->one) {
        free(hmap->buckets);
    }
}

/* Removes every node from 'hmap' without freeing them, keeping the
 * buckets. */
void
hmap_clear(struct hmap *hmap)
{
    if (hmap->n > 0) {
        hmap->n = 0;
        memset(hmap->buckets, 0, (hmap->mask + 1) * sizeof *hmap->buckets);
    }
}

/* Exchanges the contents of 'a' and 'b'. */
void
hmap_swap(struct hmap *a, struct hmap *b)
{
    struct hmap tmp = *a;

    *a = *b;
    *b = tmp;
    hmap_moved(a);
    hmap_moved(b);
}

/* Fixes up 'hmap' after its struct was moved in memory (e.g. with
 * memcpy()). */
void
hmap_moved(struct hmap *hmap)
{
    if (!hmap->mask) {
        hmap->buckets = &hmap->one;
    }
}

static void
resize(struct hmap *hmap, size_t new_mask, const char *where OVS_UNUSED)
{
    struct hmap tmp;
    size_t i;

    tmp.n = 0;
    tmp.mask = new_mask;
    if (new_mask) {
        tmp.buckets = xcalloc(new_mask + 1, sizeof *tmp.buckets);
    } else {
        tmp.buckets = &tmp.one;
        tmp.one = NULL;
    }
    for (i = 0; i <= hmap->mask; i++) {
        struct hmap_node *node, *next;

        for (node = hmap->buckets[i]; node; node = next) {
            next = node->next;
            hmap_insert_fast(&tmp, node, node->hash);
        }
    }
    hmap_swap(hmap, &tmp);
    hmap_destroy(&tmp);
}

/* Returns the mask for a map able to hold 'capacity' nodes at about two
 * nodes per bucket. */
static size_t
calc_mask(size_t capacity)
{
    size_t mask = capacity / 2;

    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
#if SIZE_MAX > UINT32_MAX
    mask |= mask >> 32;
#endif
    /* A map that allocates buckets at all gets at least four. */
    mask |= (mask & 1) << 1;
    return mask;
}

/* Grows 'hmap' to suit its current number of nodes. */
void
hmap_expand_at(struct hmap *hmap, const char *where)
{
    size_t new_mask = calc_mask(hmap->n);

    if (new_mask > hmap->mask) {
        resize(hmap, new_mask, where);
    }
}

/* Shrinks 'hmap' to suit its current number of nodes. */
void
hmap_shrink_at(struct hmap *hmap, const char *where)
{
    size_t new_mask = calc_mask(hmap->n);

    if (new_mask < hmap->mask) {
        resize(hmap, new_mask, where);
    }
}

/* Makes 'hmap' big enough for 'n' nodes without further resizing. */
void
hmap_reserve_at(struct hmap *hmap, size_t n, const char *where)
{
    size_t new_mask = calc_mask(n);

    if (new_mask > hmap->mask) {
        resize(hmap, new_mask, where);
    }
}

static struct hmap_node *
first_from_bucket(const struct hmap *hmap, size_t start)
{
    size_t i;

    for (i = start; i <= hmap->mask; i++) {
        if (hmap->buckets[i]) {
            return hmap->buckets[i];
        }
    }
    return NULL;
}

/* Returns the first node in 'hmap' in arbitrary order, or NULL. */
struct hmap_node *
hmap_first(const struct hmap *hmap)
{
    return first_from_bucket(hmap, 0);
}

/* Returns the node after 'node' in 'hmap' in arbitrary order, or NULL.
 * The order is stable while 'hmap' does not change. */
struct hmap_node *
hmap_next(const struct hmap *hmap, const struct hmap_node *node)
{
    return (node->next
            ? node->next
            : first_from_bucket(hmap, (node->hash & hmap->mask) + 1));
}

/* Returns the node at '*pos' and advances '*pos', so that an iteration
 * can be resumed after changes; NULL at the end.  Nodes may be skipped or
 * repeated if the map changes in between. */
struct hmap_node *
hmap_at_position(const struct hmap *hmap, struct hmap_position *pos)
{
    size_t b_idx;
    size_t offset;

    offset = pos->offset;
    for (b_idx = pos->bucket; b_idx <= hmap->mask; b_idx++) {
        struct hmap_node *node;
        size_t n_idx;

        for (n_idx = 0, node = hmap->buckets[b_idx]; node != NULL;
             n_idx++, node = node->next) {
            if (n_idx == offset) {
                if (node->next) {
                    pos->bucket = node->hash & hmap->mask;
                    pos->offset = offset + 1;
                } else {
                    pos->bucket = (node->hash & hmap->mask) + 1;
                    pos->offset = 0;
                }
                return node;
            }
        }
        offset = 0;
    }
    pos->bucket = 0;
    pos->offset = 0;
    return NULL;
}

/* Returns a node chosen at random from non-empty 'hmap'. */
struct hmap_node *
hmap_random_node(const struct hmap *hmap)
{
    struct hmap_node *bucket, *node;
    size_t n, i;

    do {
        bucket = hmap->buckets[random_uint32() & hmap->mask];
    } while (!bucket);

    for (n = 0, node = bucket; node; node = node->next) {
        n++;
    }
    i = random_range(n);
    for (node = bucket; i-- > 0; node = node->next) {
        continue;
    }
    return node;
}

/* Returns true if 'node' is in 'hmap'. */
bool
hmap_contains(const struct hmap *hmap, const struct hmap_node *node)
{
    struct hmap_node *p;

    for (p = hmap_first_in_bucket(hmap, node->hash); p; p = p->next) {
        if (p == node) {
            return true;
        }
    }
    return false;
}
