/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_SHASH_H
#define OPENVSWITCH_SHASH_H 1

#include "openvswitch/hmap.h"

/* A map from strings to arbitrary pointers.  Each node owns a copy of its
 * name; the data pointers belong to the caller. */

struct shash_node {
    struct hmap_node node;      /* In struct shash's 'map'. */
    char *name;                 /* Owned copy of the key. */
    void *data;                 /* Caller's data. */
};

struct shash {
    struct hmap map;            /* Contains "struct shash_node"s. */
};

#define SHASH_INITIALIZER(SHASH) { HMAP_INITIALIZER(&(SHASH)->map) }

#define SHASH_FOR_EACH(SHASH_NODE, SHASH) \
    HMAP_FOR_EACH (SHASH_NODE, node, &(SHASH)->map)
#define SHASH_FOR_EACH_SAFE(SHASH_NODE, SHASH) \
    HMAP_FOR_EACH_SAFE (SHASH_NODE, node, &(SHASH)->map)

void shash_init(struct shash *);
void shash_destroy(struct shash *);
void shash_destroy_free_data(struct shash *);
void shash_swap(struct shash *, struct shash *);
void shash_moved(struct shash *);
void shash_clear(struct shash *);
void shash_clear_free_data(struct shash *);
bool shash_is_empty(const struct shash *);
size_t shash_count(const struct shash *);
struct shash_node *shash_add(struct shash *, const char *, const void *);
struct shash_node *shash_add_nocopy(struct shash *, char *, const void *);
bool shash_add_once(struct shash *, const char *, const void *);
void shash_add_assert(struct shash *, const char *, const void *);
void *shash_replace(struct shash *, const char *, const void *data);
void *shash_replace_nocopy(struct shash *, char *name, const void *data);
void shash_delete(struct shash *, struct shash_node *);
char *shash_steal(struct shash *, struct shash_node *);
struct shash_node *shash_find(const struct shash *, const char *);
struct shash_node *shash_find_len(const struct shash *, const char *,
                                  size_t);
void *shash_find_data(const struct shash *, const char *);
void *shash_find_and_delete(struct shash *, const char *);
void *shash_find_and_delete_assert(struct shash *, const char *);
struct shash_node *shash_first(const struct shash *);
const struct shash_node **shash_sort(const struct shash *);
bool shash_equal_keys(const struct shash *, const struct shash *);
struct shash_node *shash_random_node(struct shash *);

#endif /* openvswitch/shash.h */
