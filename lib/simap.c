/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "simap.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "openvswitch/util.h"

void
simap_init(struct simap *simap)
{
    hmap_init(&simap->map);
}

void
simap_destroy(struct simap *simap)
{
    if (simap) {
        simap_clear(simap);
        hmap_destroy(&simap->map);
    }
}

void
simap_swap(struct simap *a, struct simap *b)
{
    hmap_swap(&a->map, &b->map);
}

/* Fixes up 'simap' after it was moved in memory. */
void
simap_moved(struct simap *simap)
{
    hmap_moved(&simap->map);
}

void
simap_clear(struct simap *simap)
{
    struct simap_node *node;

    HMAP_FOR_EACH_POP (node, node, &simap->map) {
        free(node->name);
        free(node);
    }
}

bool
simap_is_empty(const struct simap *simap)
{
    return hmap_is_empty(&simap->map);
}

size_t
simap_count(const struct simap *simap)
{
    return hmap_count(&simap->map);
}

static struct simap_node *
simap_find__(const struct simap *simap, const char *name, size_t len,
             size_t hash)
{
    struct simap_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, node, hash, &simap->map) {
        if (!strncmp(node->name, name, len) && !node->name[len]) {
            return node;
        }
    }
    return NULL;
}

static struct simap_node *
simap_add_nocopy__(struct simap *simap, char *name, unsigned int data,
                   size_t hash)
{
    struct simap_node *node = xmalloc(sizeof *node);
    node->name = name;
    node->data = data;
    hmap_insert(&simap->map, &node->node, hash);
    return node;
}

bool
simap_put(struct simap *simap, const char *name, unsigned int data)
{
    size_t len = strlen(name);
    size_t hash = hash_bytes(name, len, 0);
    struct simap_node *node = simap_find__(simap, name, len, hash);

    if (node) {
        node->data = data;
        return false;
    }
    simap_add_nocopy__(simap, xmemdup0(name, len), data, hash);
    return true;
}

unsigned int
simap_increase(struct simap *simap, const char *name, unsigned int amt)
{
    size_t len = strlen(name);
    size_t hash = hash_bytes(name, len, 0);
    struct simap_node *node = simap_find__(simap, name, len, hash);

    if (node) {
        node->data += amt;
        return node->data;
    } else if (amt) {
        simap_add_nocopy__(simap, xmemdup0(name, len), amt, hash);
    }
    return amt;
}

void
simap_decrease(struct simap *simap, const char *name, unsigned int amt)
{
    struct simap_node *node = simap_find(simap, name);

    ovs_assert(node && node->data >= amt);
    node->data -= amt;
}

unsigned int
simap_get(const struct simap *simap, const char *name)
{
    struct simap_node *node = simap_find(simap, name);
    return node ? node->data : 0;
}

struct simap_node *
simap_find(const struct simap *simap, const char *name)
{
    return simap_find_len(simap, name, strlen(name));
}

struct simap_node *
simap_find_len(const struct simap *simap, const char *name, size_t len)
{
    return simap_find__(simap, name, len, hash_bytes(name, len, 0));
}

void
simap_delete(struct simap *simap, struct simap_node *node)
{
    hmap_remove(&simap->map, &node->node);
    free(node->name);
    free(node);
}

bool
simap_find_and_delete(struct simap *simap, const char *name)
{
    struct simap_node *node = simap_find(simap, name);

    if (node) {
        simap_delete(simap, node);
        return true;
    }
    return false;
}

bool
simap_equal(const struct simap *a, const struct simap *b)
{
    const struct simap_node *an;

    if (simap_count(a) != simap_count(b)) {
        return false;
    }
    SIMAP_FOR_EACH (an, a) {
        const struct simap_node *bn = simap_find(b, an->name);
        if (!bn || bn->data != an->data) {
            return false;
        }
    }
    return true;
}

static int
compare_nodes_by_name(const void *a_, const void *b_)
{
    const struct simap_node *const *a = a_;
    const struct simap_node *const *b = b_;
    return strcmp((*a)->name, (*b)->name);
}

const struct simap_node **
simap_sort(const struct simap *simap)
{
    size_t n = simap_count(simap);
    const struct simap_node **nodes;
    const struct simap_node *node;
    size_t i = 0;

    if (!n) {
        return NULL;
    }
    nodes = xmalloc(n * sizeof *nodes);
    SIMAP_FOR_EACH (node, simap) {
        nodes[i++] = node;
    }
    qsort(nodes, n, sizeof *nodes, compare_nodes_by_name);
    return nodes;
}
