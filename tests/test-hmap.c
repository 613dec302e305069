/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Checks struct hmap against a plain array: random inserts, removals,
 * lookups, iteration (plain, safe and pop) and resizing, with a hash
 * function that is good, constant (everything in one bucket) or
 * identity-like. */

#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "openvswitch/hmap.h"
#include "ovstest.h"
#include "random.h"

struct element {
    int value;                  /* The key. */
    struct hmap_node node;      /* In the map under test. */
};

typedef size_t hash_func(int value);

static size_t good_hash(int value) { return hash_int(value, 0x1234abcd); }
static size_t constant_hash(int value OVS_UNUSED) { return 123; }
static size_t identity_hash(int value) { return value; }

/* Checks that 'hmap' holds exactly the 'n' values in 'values'. */
static void
check_hmap(struct hmap *hmap, const int values[], size_t n, hash_func *hash)
{
    int *sorted_values, *iter_values;
    struct element *e;
    size_t i;

    ovs_assert(hmap_count(hmap) == n);
    ovs_assert(hmap_is_empty(hmap) == !n);

    iter_values = xmalloc(MAX(n, 1) * sizeof *iter_values);
    i = 0;
    HMAP_FOR_EACH (e, node, hmap) {
        ovs_assert(i < n);
        iter_values[i++] = e->value;
    }
    ovs_assert(i == n);

    sorted_values = xmemdup(values, MAX(n, 1) * sizeof *values);
    for (i = 0; i < n; i++) {
        size_t j;
        bool found = false;

        for (j = 0; j < n; j++) {
            if (iter_values[j] == sorted_values[i]) {
                iter_values[j] = -1;
                found = true;
                break;
            }
        }
        ovs_assert(found);
    }

    for (i = 0; i < n; i++) {
        size_t count = 0;

        HMAP_FOR_EACH_WITH_HASH (e, node, hash(values[i]), hmap) {
            count += e->value == values[i];
        }
        ovs_assert(count == 1);
    }
    /* A value not present is not found. */
    HMAP_FOR_EACH_WITH_HASH (e, node, hash(-5), hmap) {
        ovs_assert(e->value != -5);
    }
    free(sorted_values);
    free(iter_values);
}

static void
run_random(hash_func *hash)
{
    enum { N = 200 };
    struct element elements[N];
    int values[N];
    struct hmap hmap;
    size_t n = 0;
    int round;

    hmap_init(&hmap);
    for (round = 0; round < 4000; round++) {
        int choice = random_range(3);

        if (choice < 2 && n < N) {
            /* Insert the next value. */
            struct element *e = &elements[n];
            e->value = n;
            values[n] = n;
            hmap_insert(&hmap, &e->node, hash(e->value));
            n++;
        } else if (n > 0) {
            /* Remove the last value (so elements stay contiguous). */
            n--;
            hmap_remove(&hmap, &elements[n].node);
            if (random_range(4) == 0) {
                hmap_shrink(&hmap);
            }
        }
        check_hmap(&hmap, values, n, hash);
    }
    hmap_destroy(&hmap);
}

/* Removing every element in HMAP_FOR_EACH_SAFE and then HMAP_FOR_EACH_POP
 * leaves the map empty and visits each element once. */
static void
run_safe_and_pop(hash_func *hash)
{
    enum { N = 64 };
    struct element *e;
    struct hmap hmap;
    int seen[N];
    int i;

    hmap_init(&hmap);
    for (i = 0; i < N; i++) {
        e = xmalloc(sizeof *e);
        e->value = i;
        hmap_insert(&hmap, &e->node, hash(i));
    }

    memset(seen, 0, sizeof seen);
    HMAP_FOR_EACH_SAFE (e, node, &hmap) {
        seen[e->value]++;
        if (e->value % 2) {
            hmap_remove(&hmap, &e->node);
            free(e);
        }
    }
    for (i = 0; i < N; i++) {
        ovs_assert(seen[i] == 1);
    }
    ovs_assert(hmap_count(&hmap) == N / 2);

    memset(seen, 0, sizeof seen);
    HMAP_FOR_EACH_POP (e, node, &hmap) {
        seen[e->value]++;
        free(e);
    }
    for (i = 0; i < N; i++) {
        ovs_assert(seen[i] == !(i % 2));
    }
    ovs_assert(hmap_is_empty(&hmap));
    hmap_destroy(&hmap);
}

static void
test_hmap_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    hash_func *hashes[] = { good_hash, constant_hash, identity_hash };
    size_t i;

    random_set_seed(0x5eed);
    for (i = 0; i < ARRAY_SIZE(hashes); i++) {
        run_random(hashes[i]);
        run_safe_and_pop(hashes[i]);
        printf(".");
    }
    printf("\n");
}

OVSTEST_REGISTER("test-hmap", test_hmap_main);
