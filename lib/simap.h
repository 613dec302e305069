/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef SIMAP_H
#define SIMAP_H 1

#include <stdbool.h>
#include <stddef.h>
#include "openvswitch/hmap.h"

/* A map from strings to unsigned integers, e.g. the memory usage counts
 * passed to memory_report(). */

struct simap {
    struct hmap map;            /* Contains "struct simap_node"s. */
};

struct simap_node {
    struct hmap_node node;      /* In struct simap's 'map' hmap. */
    char *name;                 /* Key, owned by the node. */
    unsigned int data;          /* Value. */
};

#define SIMAP_INITIALIZER(SIMAP) { HMAP_INITIALIZER(&(SIMAP)->map) }

#define SIMAP_FOR_EACH(SIMAP_NODE, SIMAP) \
    HMAP_FOR_EACH (SIMAP_NODE, node, &(SIMAP)->map)
#define SIMAP_FOR_EACH_SAFE(SIMAP_NODE, SIMAP) \
    HMAP_FOR_EACH_SAFE (SIMAP_NODE, node, &(SIMAP)->map)

void simap_init(struct simap *);
void simap_destroy(struct simap *);
void simap_swap(struct simap *, struct simap *);
void simap_moved(struct simap *);
void simap_clear(struct simap *);

bool simap_is_empty(const struct simap *);
size_t simap_count(const struct simap *);

/* Sets 'name' to 'data', adding it if absent.  Returns true if added. */
bool simap_put(struct simap *, const char *name, unsigned int data);

/* Adds 'amt' to the value of 'name' (absent counts as 0), unless 'amt' is
 * 0 and 'name' is absent.  Returns the new value. */
unsigned int simap_increase(struct simap *, const char *name,
                            unsigned int amt);

/* Subtracts 'amt' from the value of 'name', which must be present and at
 * least 'amt'. */
void simap_decrease(struct simap *, const char *name, unsigned int amt);

/* Returns the value of 'name', or 0 if absent. */
unsigned int simap_get(const struct simap *, const char *name);

/* Returns the node for 'name' (or the first 'len' bytes of it), or NULL. */
struct simap_node *simap_find(const struct simap *, const char *name);
struct simap_node *simap_find_len(const struct simap *, const char *name,
                                  size_t len);

/* Removes 'node' from the map and frees it. */
void simap_delete(struct simap *, struct simap_node *node);

/* Removes 'name' if present.  Returns true if it was. */
bool simap_find_and_delete(struct simap *, const char *name);

/* Returns true if the two maps have the same names with the same
 * values. */
bool simap_equal(const struct simap *, const struct simap *);

/* Returns a malloc()'d array of the nodes, sorted by name (NULL if
 * empty). */
const struct simap_node **simap_sort(const struct simap *);

#endif /* simap.h */
