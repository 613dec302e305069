/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovstest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "openvswitch/shash.h"
#include "openvswitch/util.h"

/* Registered tests, by name. */
static struct shash tests = SHASH_INITIALIZER(&tests);

void
ovstest_register(const char *test_name, ovstest_func f)
{
    shash_add_assert(&tests, test_name, (void *) f);
}

/* Dispatches to the subcommand of 'commands' named by argv[1]. */
void
ovstest_run_commands(int argc, char *argv[],
                     const struct ovstest_command *commands)
{
    const struct ovstest_command *c;

    if (argc < 2) {
        ovs_fatal(0, "%s: missing subcommand", argv[0]);
    }
    for (c = commands; c->name; c++) {
        if (!strcmp(c->name, argv[1])) {
            int n_args = argc - 2;
            if (n_args < c->min_args || n_args > c->max_args) {
                ovs_fatal(0, "%s %s: wrong number of arguments",
                          argv[0], argv[1]);
            }
            c->handler(argc - 1, argv + 1);
            return;
        }
    }
    ovs_fatal(0, "%s: unknown subcommand \"%s\"", argv[0], argv[1]);
}

static void
list_tests(void)
{
    const struct shash_node **nodes = shash_sort(&tests);
    size_t i;

    for (i = 0; i < shash_count(&tests); i++) {
        printf("%s\n", nodes[i]->name);
    }
    free(nodes);
}

int
main(int argc, char *argv[])
{
    ovstest_func f;

    set_program_name(argv[0]);
    if (argc < 2) {
        ovs_fatal(0, "usage: %s TEST-NAME [ARGS...] (or --list)", argv[0]);
    }
    if (!strcmp(argv[1], "--list")) {
        list_tests();
        return 0;
    }
    f = (ovstest_func) shash_find_data(&tests, argv[1]);
    if (!f) {
        ovs_fatal(0, "unknown test \"%s\" (use --list)", argv[1]);
    }
    set_program_name(argv[1]);
    f(argc - 1, argv + 1);
    shash_destroy(&tests);
    return 0;
}
