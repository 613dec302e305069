/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef SSET_H
#define SSET_H 1

#include "openvswitch/hmap.h"

/* A set of strings. */

struct sset_node {
    struct hmap_node hmap_node; /* In struct sset's 'map'. */
    char name[];                /* The string, null-terminated. */
};

struct sset {
    struct hmap map;            /* Contains "struct sset_node"s. */
};

#define SSET_INITIALIZER(SSET) { HMAP_INITIALIZER(&(SSET)->map) }

void sset_init(struct sset *);
void sset_destroy(struct sset *);
void sset_clone(struct sset *, const struct sset *);
void sset_swap(struct sset *, struct sset *);
void sset_moved(struct sset *);
void sset_clear(struct sset *);
bool sset_is_empty(const struct sset *);
size_t sset_count(const struct sset *);
struct sset_node *sset_add(struct sset *, const char *);
struct sset_node *sset_add_and_free(struct sset *, char *);
void sset_add_assert(struct sset *, const char *);
void sset_add_array(struct sset *, char **, size_t n);
bool sset_find_and_delete(struct sset *, const char *);
void sset_find_and_delete_assert(struct sset *, const char *);
char *sset_pop(struct sset *);
void sset_delete(struct sset *, struct sset_node *);
struct sset_node *sset_find(const struct sset *, const char *);
bool sset_contains(const struct sset *, const char *);
bool sset_equals(const struct sset *, const struct sset *);
const char **sset_array(const struct sset *);
const char **sset_sort(const struct sset *);
struct sset_node *sset_first(const struct sset *);
struct sset_node *sset_next(const struct sset *, const struct sset_node *);

#define SSET_NODE_FROM_NAME(NAME) \
    CONTAINER_OF(NAME, struct sset_node, name)

/* Iterates NAME (a "const char *") over the strings in SSET. */
#define SSET_FOR_EACH(NAME, SSET)                                       \
    for (struct sset_node *sset_node__ = sset_first(SSET);              \
         sset_node__ ? ((NAME) = sset_node__->name, 1) : ((NAME) = NULL, 0); \
         sset_node__ = sset_next(SSET, sset_node__))

/* Like SSET_FOR_EACH, but NAME may be deleted in the body. */
#define SSET_FOR_EACH_SAFE(NAME, SSET)                                  \
    for (struct sset_node *sset_node__ = sset_first(SSET),              \
             *sset_next__ = NULL;                                       \
         (sset_node__                                                   \
          ? ((NAME) = sset_node__->name,                                \
             sset_next__ = sset_next(SSET, sset_node__), 1)             \
          : ((NAME) = NULL, 0));                                        \
         sset_node__ = sset_next__)

#endif /* sset.h */
