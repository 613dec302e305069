/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "skiplist.h"
#include <stdlib.h>
#include "openvswitch/util.h"
#include "random.h"

/* Each node is on levels 0 through 'height' - 1; level 0 links every node
 * in order, and each higher level links a random subset (each node rises
 * one more level with probability 1/4), which searches use to skip ahead.
 * The head is a node without a value that is on every level. */

#define SKIPLIST_MAX_HEIGHT 24  /* Plenty for 4**24 values. */

struct skiplist_node {
    const void *data;           /* The value; NULL in the head. */
    int height;                 /* Number of levels it is on. */
    struct skiplist_node *next[]; /* Successor on each level. */
};

struct skiplist {
    struct skiplist_node *head; /* On all SKIPLIST_MAX_HEIGHT levels. */
    int height;                 /* Highest level in use, plus 1. */
    uint32_t size;              /* Number of values. */
    skiplist_comparator *cmp;   /* Ordering. */
    void *conf;                 /* Passed to 'cmp'. */
};

static struct skiplist_node *
skiplist_node_create(const void *data, int height)
{
    struct skiplist_node *node = xzalloc(sizeof *node
                                         + height * sizeof node->next[0]);
    node->data = data;
    node->height = height;
    return node;
}

struct skiplist *
skiplist_create(skiplist_comparator *cmp, void *conf)
{
    struct skiplist *list = xmalloc(sizeof *list);

    list->head = skiplist_node_create(NULL, SKIPLIST_MAX_HEIGHT);
    list->height = 1;
    list->size = 0;
    list->cmp = cmp;
    list->conf = conf;
    return list;
}

void
skiplist_destroy(struct skiplist *list, void (*free_fn)(void *))
{
    if (!list) {
        return;
    }

    struct skiplist_node *node = list->head->next[0];
    while (node) {
        struct skiplist_node *next = node->next[0];
        if (free_fn) {
            free_fn(CONST_CAST(void *, node->data));
        }
        free(node);
        node = next;
    }
    free(list->head);
    free(list);
}

/* Fills 'update[i]', for each level i in use, with the last node on level i
 * whose value is less than 'value' (the head if none), and returns the node
 * after 'update[0]'. */
static struct skiplist_node *
skiplist_search(struct skiplist *list, const void *value,
                struct skiplist_node **update)
{
    struct skiplist_node *x = list->head;

    for (int i = list->height - 1; i >= 0; i--) {
        while (x->next[i] && list->cmp(x->next[i]->data, value,
                                       list->conf) < 0) {
            x = x->next[i];
        }
        if (update) {
            update[i] = x;
        }
    }
    return x->next[0];
}

static int
skiplist_random_height(void)
{
    int height = 1;

    while (height < SKIPLIST_MAX_HEIGHT && !(random_uint32() & 3)) {
        height++;
    }
    return height;
}

void
skiplist_insert(struct skiplist *list, const void *value)
{
    struct skiplist_node *update[SKIPLIST_MAX_HEIGHT];
    struct skiplist_node *x = skiplist_search(list, value, update);

    if (x && !list->cmp(x->data, value, list->conf)) {
        x->data = value;
        return;
    }

    int height = skiplist_random_height();
    for (int i = list->height; i < height; i++) {
        update[i] = list->head;
    }
    if (height > list->height) {
        list->height = height;
    }

    x = skiplist_node_create(value, height);
    for (int i = 0; i < height; i++) {
        x->next[i] = update[i]->next[i];
        update[i]->next[i] = x;
    }
    list->size++;
}

void *
skiplist_delete(struct skiplist *list, const void *value)
{
    struct skiplist_node *update[SKIPLIST_MAX_HEIGHT];
    struct skiplist_node *x = skiplist_search(list, value, update);

    if (!x || list->cmp(x->data, value, list->conf)) {
        return NULL;
    }

    for (int i = 0; i < x->height; i++) {
        update[i]->next[i] = x->next[i];
    }
    while (list->height > 1 && !list->head->next[list->height - 1]) {
        list->height--;
    }
    list->size--;

    void *data = CONST_CAST(void *, x->data);
    free(x);
    return data;
}

struct skiplist_node *
skiplist_find(struct skiplist *list, const void *value)
{
    struct skiplist_node *x = skiplist_search(list, value, NULL);

    return x && !list->cmp(x->data, value, list->conf) ? x : NULL;
}

struct skiplist_node *
skiplist_forward_to(struct skiplist *list, const void *value)
{
    return skiplist_search(list, value, NULL);
}

struct skiplist_node *
skiplist_first(struct skiplist *list)
{
    return list->head->next[0];
}

struct skiplist_node *
skiplist_next(struct skiplist_node *node)
{
    return node ? node->next[0] : NULL;
}

void *
skiplist_get_data(struct skiplist_node *node)
{
    return node ? CONST_CAST(void *, node->data) : NULL;
}

uint32_t
skiplist_get_size(struct skiplist *list)
{
    return list->size;
}
