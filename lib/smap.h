/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef SMAP_H
#define SMAP_H 1

#include <stdint.h>
#include "openvswitch/hmap.h"

/* A map from string keys to string values, the shape of OVSDB's
 * "map of string to string" columns (other_config, external_ids). */

struct smap_node {
    struct hmap_node node;      /* In struct smap's 'map'. */
    char *key;                  /* Owned key. */
    char *value;                /* Owned value. */
};

struct smap {
    struct hmap map;            /* Contains "struct smap_node"s. */
};

#define SMAP_INITIALIZER(SMAP) { HMAP_INITIALIZER(&(SMAP)->map) }

#define SMAP_FOR_EACH(SMAP_NODE, SMAP) \
    HMAP_FOR_EACH (SMAP_NODE, node, &(SMAP)->map)
#define SMAP_FOR_EACH_SAFE(SMAP_NODE, SMAP) \
    HMAP_FOR_EACH_SAFE (SMAP_NODE, node, &(SMAP)->map)

void smap_init(struct smap *);
void smap_destroy(struct smap *);

struct smap_node *smap_add(struct smap *, const char *, const char *);
struct smap_node *smap_add_nocopy(struct smap *, char *, char *);
bool smap_add_once(struct smap *, const char *, const char *);
void smap_add_format(struct smap *, const char *key, const char *, ...)
    OVS_PRINTF_FORMAT(3, 4);
void smap_replace(struct smap *, const char *, const char *);
void smap_replace_nocopy(struct smap *, const char *, char *);

void smap_remove(struct smap *, const char *);
void smap_remove_node(struct smap *, struct smap_node *);
void smap_steal(struct smap *, struct smap_node *, char **keyp,
                char **valuep);
void smap_clear(struct smap *);

const char *smap_get(const struct smap *, const char *key);
const char *smap_get_def(const struct smap *, const char *key,
                         const char *def);
struct smap_node *smap_get_node(const struct smap *, const char *);
bool smap_get_bool(const struct smap *smap, const char *key, bool def);
int smap_get_int(const struct smap *smap, const char *key, int def);
unsigned int smap_get_uint(const struct smap *smap, const char *key,
                           unsigned int def);
unsigned long long int smap_get_ullong(const struct smap *, const char *key,
                                       unsigned long long def);

bool smap_is_empty(const struct smap *);
size_t smap_count(const struct smap *);

void smap_clone(struct smap *dst, const struct smap *src);
const struct smap_node **smap_sort(const struct smap *);
bool smap_equal(const struct smap *, const struct smap *);

#endif /* smap.h */
