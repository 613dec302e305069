/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSTEST_H
#define OVSTEST_H 1

#include "openvswitch/compiler.h"

/* The unit-test driver: "ovstest TEST-NAME [ARGS...]" runs the test
 * registered under TEST-NAME with argv[0] set to TEST-NAME.  A test
 * registers itself from its own file:
 *
 *     static void
 *     test_hmap_main(int argc, char *argv[])
 *     {
 *         ...
 *     }
 *
 *     OVSTEST_REGISTER("test-hmap", test_hmap_main);
 *
 * A test reports failure by aborting (ovs_assert()) or by exiting
 * non-zero; output is compared by the autotest suite. */

typedef void (*ovstest_func)(int argc, char *argv[]);

void ovstest_register(const char *test_name, ovstest_func f);

#define OVSTEST_REGISTER(name, function) \
    OVS_CONSTRUCTOR(register_##function) \
    { \
        ovstest_register(name, function); \
    }

/* A subcommand table for tests with several subcommands: "ovstest
 * test-foo SUBCOMMAND ARGS...". */
struct ovstest_command {
    const char *name;           /* Subcommand name. */
    int min_args;               /* Minimum number of arguments. */
    int max_args;               /* Maximum number of arguments. */
    void (*handler)(int argc, char *argv[]);   /* argv[0] is 'name'. */
};

void ovstest_run_commands(int argc, char *argv[],
                          const struct ovstest_command *commands);

#endif /* ovstest.h */
