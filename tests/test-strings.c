/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Checks the string containers: struct ds, shash, sset and smap.  Each
 * subcommand prints what it built so that the autotest suite compares
 * exact output. */

#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/shash.h"
#include "ovstest.h"
#include "smap.h"
#include "sset.h"

/* Prints ARGS joined by spaces through a ds, growing it byte by byte and
 * by format, then the hex dump of the result. */
static void
test_ds(int argc, char *argv[])
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    int i;

    ovs_assert(!strcmp(ds_cstr(&ds), ""));
    for (i = 1; i < argc; i++) {
        if (i > 1) {
            ds_put_char(&ds, ' ');
        }
        ds_put_format(&ds, "%s", argv[i]);
    }
    ds_put_char_multiple(&ds, '!', 3);
    ds_put_utf8(&ds, 0xe9);
    printf("%s\n", ds_cstr(&ds));
    ds_put_char(&ds, '\n');
    ovs_assert(ds_chomp(&ds, '\n') && !ds_chomp(&ds, 'x'));
    ds_truncate(&ds, 4);
    printf("[%s] last='%c'\n", ds_cstr(&ds), ds_last(&ds));

    ds_clear(&ds);
    ds_put_hex_dump(&ds, "Weft, a virtual switch\n", 23, 0, true);
    printf("%s", ds_cstr(&ds));
    ds_destroy(&ds);
}

/* Adds each ARG to a shash (counting duplicates), deletes "del", and
 * prints the sorted contents. */
static void
test_shash(int argc, char *argv[])
{
    const struct shash_node **nodes;
    struct shash sh;
    size_t i;

    shash_init(&sh);
    for (i = 1; i < argc; i++) {
        intptr_t count = (intptr_t) shash_find_data(&sh, argv[i]);
        shash_replace(&sh, argv[i], (void *) (count + 1));
    }
    shash_find_and_delete(&sh, "del");
    nodes = shash_sort(&sh);
    for (i = 0; i < shash_count(&sh); i++) {
        printf("%s=%d\n", nodes[i]->name, (int) (intptr_t) nodes[i]->data);
    }
    free(nodes);
    shash_destroy(&sh);
}

/* Builds an sset from ARGS, removes "del", prints it sorted, and checks
 * clone and equality. */
static void
test_sset(int argc, char *argv[])
{
    struct sset set, copy;
    const char **names;
    const char *name;
    size_t n = 0;
    int i;

    sset_init(&set);
    for (i = 1; i < argc; i++) {
        sset_add(&set, argv[i]);
    }
    sset_find_and_delete(&set, "del");
    SSET_FOR_EACH (name, &set) {
        n++;
    }
    ovs_assert(n == sset_count(&set));

    sset_clone(&copy, &set);
    ovs_assert(sset_equals(&copy, &set));
    names = sset_sort(&set);
    for (i = 0; names[i]; i++) {
        printf("%s\n", names[i]);
    }
    free(names);
    SSET_FOR_EACH_SAFE (name, &copy) {
        sset_find_and_delete(&copy, name);
    }
    ovs_assert(sset_is_empty(&copy));
    sset_destroy(&copy);
    sset_destroy(&set);
}

/* Parses ARGS as KEY=VALUE into an smap (later values replace earlier
 * ones) and prints it sorted, then typed lookups. */
static void
test_smap(int argc, char *argv[])
{
    const struct smap_node **nodes;
    struct smap smap, clone;
    size_t i;

    smap_init(&smap);
    for (i = 1; i < argc; i++) {
        char *key = xstrdup(argv[i]);
        char *eq = strchr(key, '=');

        ovs_assert(eq);
        *eq = '\0';
        smap_replace(&smap, key, eq + 1);
        free(key);
    }
    smap_clone(&clone, &smap);
    ovs_assert(smap_equal(&clone, &smap));
    smap_remove(&clone, "int");
    ovs_assert(!smap_equal(&clone, &smap) || !smap_get(&smap, "int"));

    nodes = smap_sort(&smap);
    for (i = 0; i < smap_count(&smap); i++) {
        printf("%s=%s\n", nodes[i]->key, nodes[i]->value);
    }
    free(nodes);
    printf("int=%d bool=%s missing=%d\n",
           smap_get_int(&smap, "int", -1),
           smap_get_bool(&smap, "bool", false) ? "true" : "false",
           smap_get_int(&smap, "missing", 42));
    smap_destroy(&clone);
    smap_destroy(&smap);
}

static void
test_strings_main(int argc, char *argv[])
{
    static const struct ovstest_command commands[] = {
        { "ds", 0, 100, test_ds },
        { "shash", 0, 100, test_shash },
        { "sset", 0, 100, test_sset },
        { "smap", 0, 100, test_smap },
        { NULL, 0, 0, NULL },
    };

    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-strings", test_strings_main);
