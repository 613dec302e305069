/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef SKIPLIST_H
#define SKIPLIST_H 1

#include <stdbool.h>
#include <stdint.h>

/* A sorted set of pointers, kept in a skip list: O(log n) expected time to
 * insert, delete and find, and ordered iteration from any position.
 *
 * The list orders its values with a caller-supplied comparison function,
 * which must be a total order on the values stored: two values that
 * compare equal are the same entry.  The list does not own the values. */

struct skiplist;
struct skiplist_node;

/* Compares 'a' and 'b', returning negative, 0 or positive.  'conf' is the
 * pointer given to skiplist_create(). */
typedef int skiplist_comparator(const void *a, const void *b,
                                const void *conf);

/* Creates an empty list ordered by 'cmp'. */
struct skiplist *skiplist_create(skiplist_comparator *cmp, void *conf);

/* Frees 'list' (NULL is allowed), calling 'free_fn' (if nonnull) on every
 * value. */
void skiplist_destroy(struct skiplist *list, void (*free_fn)(void *));

/* Inserts 'value', replacing the value that compares equal to it, if
 * any. */
void skiplist_insert(struct skiplist *list, const void *value);

/* Removes the value that compares equal to 'value' and returns it, or
 * returns NULL if there is none. */
void *skiplist_delete(struct skiplist *list, const void *value);

/* Returns the node whose value compares equal to 'value', or NULL. */
struct skiplist_node *skiplist_find(struct skiplist *list, const void *value);

/* Returns the first node whose value is not less than 'value', or NULL. */
struct skiplist_node *skiplist_forward_to(struct skiplist *list,
                                          const void *value);

/* Iteration in ascending order: the first node (NULL if the list is
 * empty), the node after 'node' (NULL at the end). */
struct skiplist_node *skiplist_first(struct skiplist *list);
struct skiplist_node *skiplist_next(struct skiplist_node *node);

/* Returns the value in 'node'. */
void *skiplist_get_data(struct skiplist_node *node);

/* Returns the number of values in 'list'. */
uint32_t skiplist_get_size(struct skiplist *list);

#endif /* skiplist.h */
