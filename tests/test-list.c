/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Checks struct ovs_list: push, pop, insert, splice, iteration in both
 * directions and removal during iteration. */

#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include "openvswitch/list.h"
#include "ovstest.h"

struct element {
    int value;                  /* Payload. */
    struct ovs_list node;       /* In the list under test. */
};

/* Checks that 'list' holds the 'n' values in 'values', in order, both
 * forward and backward. */
static void
check_list(struct ovs_list *list, const int values[], size_t n)
{
    struct element *e;
    size_t i;

    i = 0;
    LIST_FOR_EACH (e, node, list) {
        ovs_assert(i < n && e->value == values[i]);
        i++;
    }
    ovs_assert(e == NULL);
    ovs_assert(i == n);

    i = 0;
    LIST_FOR_EACH_REVERSE (e, node, list) {
        ovs_assert(i < n && e->value == values[n - i - 1]);
        i++;
    }
    ovs_assert(i == n);
    ovs_assert(ovs_list_is_empty(list) == !n);
    ovs_assert(ovs_list_is_singleton(list) == (n == 1));
    ovs_assert(ovs_list_size(list) == n);
}

static void
test_list_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct element elements[8];
    struct ovs_list list, other;
    struct element *e;
    int i;

    ovs_list_init(&list);
    check_list(&list, NULL, 0);
    for (i = 0; i < 8; i++) {
        elements[i].value = i;
    }

    ovs_list_push_back(&list, &elements[1].node);
    ovs_list_push_back(&list, &elements[2].node);
    ovs_list_push_front(&list, &elements[0].node);
    check_list(&list, (int[]) { 0, 1, 2 }, 3);

    ovs_list_insert(&elements[2].node, &elements[5].node);
    check_list(&list, (int[]) { 0, 1, 5, 2 }, 4);

    /* Splice 1 and 5 to the end. */
    ovs_list_splice(&list, &elements[1].node, &elements[2].node);
    check_list(&list, (int[]) { 0, 2, 1, 5 }, 4);

    /* Remove odd elements while iterating. */
    LIST_FOR_EACH_SAFE (e, node, &list) {
        if (e->value % 2) {
            ovs_list_remove(&e->node);
        }
    }
    check_list(&list, (int[]) { 0, 2 }, 2);

    /* Move to another head. */
    ovs_list_move(&other, &list);
    check_list(&list, NULL, 0);
    check_list(&other, (int[]) { 0, 2 }, 2);

    e = CONTAINER_OF(ovs_list_pop_back(&other), struct element, node);
    ovs_assert(e->value == 2);
    e = CONTAINER_OF(ovs_list_pop_front(&other), struct element, node);
    ovs_assert(e->value == 0);
    check_list(&other, NULL, 0);

    for (i = 0; i < 8; i++) {
        ovs_list_push_back(&list, &elements[i].node);
    }
    i = 0;
    LIST_FOR_EACH_POP (e, node, &list) {
        ovs_assert(e->value == i++);
    }
    ovs_assert(i == 8 && ovs_list_is_empty(&list));
}

OVSTEST_REGISTER("test-list", test_list_main);
