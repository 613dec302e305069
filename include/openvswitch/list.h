/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_LIST_H
#define OPENVSWITCH_LIST_H 1

#include <stdbool.h>
#include <stddef.h>
#include "openvswitch/util.h"

/* An intrusive, circular, doubly linked list.  The list head is itself a
 * 'struct ovs_list'; an empty list points to itself. */
struct ovs_list {
    struct ovs_list *prev;      /* Previous list element. */
    struct ovs_list *next;      /* Next list element. */
};

#define OVS_LIST_INITIALIZER(LIST) { LIST, LIST }

static inline void
ovs_list_init(struct ovs_list *list)
{
    list->next = list->prev = list;
}

/* Marks 'list' as not being in any list, for debugging. */
static inline void
ovs_list_poison(struct ovs_list *list)
{
    list->prev = list->next = (struct ovs_list *) (uintptr_t) 0xccccccccul;
}

/* Inserts 'elem' just before 'before'. */
static inline void
ovs_list_insert(struct ovs_list *before, struct ovs_list *elem)
{
    elem->prev = before->prev;
    elem->next = before;
    before->prev->next = elem;
    before->prev = elem;
}

/* Removes elements 'first' through 'last' (exclusive) from their list and
 * inserts them just before 'before'. */
static inline void
ovs_list_splice(struct ovs_list *before, struct ovs_list *first,
                struct ovs_list *last)
{
    if (first == last) {
        return;
    }
    last = last->prev;

    first->prev->next = last->next;
    last->next->prev = first->prev;

    first->prev = before->prev;
    last->next = before;
    before->prev->next = first;
    before->prev = last;
}

static inline void
ovs_list_push_front(struct ovs_list *list, struct ovs_list *elem)
{
    ovs_list_insert(list->next, elem);
}

static inline void
ovs_list_push_back(struct ovs_list *list, struct ovs_list *elem)
{
    ovs_list_insert(list, elem);
}

/* Puts 'elem' in the position of 'position', which is removed. */
static inline void
ovs_list_replace(struct ovs_list *elem, const struct ovs_list *position)
{
    elem->next = position->next;
    elem->next->prev = elem;
    elem->prev = position->prev;
    elem->prev->next = elem;
}

/* Fixes up 'list' after its head was moved in memory.  'list' must not
 * have been empty. */
static inline void
ovs_list_moved(struct ovs_list *list, const struct ovs_list *orig)
{
    if (list->next == orig) {
        ovs_list_init(list);
    } else {
        list->prev->next = list->next->prev = list;
    }
}

/* Moves all elements of 'src' to 'dst', which need not be initialized;
 * 'src' is left empty. */
static inline void
ovs_list_move(struct ovs_list *dst, struct ovs_list *src)
{
    *dst = *src;
    ovs_list_moved(dst, src);
    ovs_list_init(src);
}

/* Removes 'elem' from its list and returns the element that followed
 * it. */
static inline struct ovs_list *
ovs_list_remove(struct ovs_list *elem)
{
    elem->prev->next = elem->next;
    elem->next->prev = elem->prev;
    return elem->next;
}

static inline struct ovs_list *
ovs_list_pop_front(struct ovs_list *list)
{
    struct ovs_list *front = list->next;

    ovs_list_remove(front);
    return front;
}

static inline struct ovs_list *
ovs_list_pop_back(struct ovs_list *list)
{
    struct ovs_list *back = list->prev;

    ovs_list_remove(back);
    return back;
}

static inline struct ovs_list *
ovs_list_front(const struct ovs_list *list)
{
    return list->next;
}

static inline struct ovs_list *
ovs_list_back(const struct ovs_list *list)
{
    return list->prev;
}

static inline bool
ovs_list_is_empty(const struct ovs_list *list)
{
    return list->next == list;
}

static inline bool
ovs_list_is_singleton(const struct ovs_list *list)
{
    return !ovs_list_is_empty(list) && list->next == list->prev;
}

static inline bool
ovs_list_is_short(const struct ovs_list *list)
{
    return list->next == list->prev;
}

static inline size_t
ovs_list_size(const struct ovs_list *list)
{
    const struct ovs_list *e;
    size_t cnt = 0;

    for (e = list->next; e != list; e = e->next) {
        cnt++;
    }
    return cnt;
}

#define LIST_FOR_EACH(ITER, MEMBER, LIST)                               \
    for ((void) INIT_CONTAINER(ITER, (LIST)->next, MEMBER);                    \
         &(ITER)->MEMBER != (LIST) || ((ITER) = NULL, 0);               \
         (void) ASSIGN_CONTAINER(ITER, (ITER)->MEMBER.next, MEMBER))
#define LIST_FOR_EACH_CONTINUE(ITER, MEMBER, LIST)                      \
    for ((void) ASSIGN_CONTAINER(ITER, (ITER)->MEMBER.next, MEMBER);           \
         &(ITER)->MEMBER != (LIST) || ((ITER) = NULL, 0);               \
         (void) ASSIGN_CONTAINER(ITER, (ITER)->MEMBER.next, MEMBER))
#define LIST_FOR_EACH_REVERSE(ITER, MEMBER, LIST)                       \
    for ((void) INIT_CONTAINER(ITER, (LIST)->prev, MEMBER);                    \
         &(ITER)->MEMBER != (LIST) || ((ITER) = NULL, 0);               \
         (void) ASSIGN_CONTAINER(ITER, (ITER)->MEMBER.prev, MEMBER))

/* Like LIST_FOR_EACH, but ITER may be removed (and freed) in the body. */
#define LIST_FOR_EACH_SAFE(ITER, MEMBER, LIST)                          \
    for (struct ovs_list *list_next__ = (LIST)->next;                   \
         (list_next__ != (LIST)                                         \
          ? ((void) ASSIGN_CONTAINER(ITER, list_next__, MEMBER),             \
             list_next__ = list_next__->next, 1)                        \
          : ((ITER) = NULL, 0));                                        \
        )

/* Removes each element from the front of LIST, assigning it to ITER. */
#define LIST_FOR_EACH_POP(ITER, MEMBER, LIST)                           \
    while (!ovs_list_is_empty(LIST)                                     \
           && ((void) INIT_CONTAINER(ITER, ovs_list_pop_front(LIST), MEMBER), 1))

#endif /* openvswitch/list.h */
