/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Tests for command-line.c and ovs-thread.c:
 *
 *   ovstest test-command-line short-options
 *   ovstest test-command-line run COMMAND [ARG]...   (ovs_cmdl_run_command)
 *   ovstest test-command-line run-ro COMMAND [ARG]...
 *   ovstest test-command-line parse-all [OPTION]...
 *   ovstest test-ovs-thread
 */

#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "command-line.h"
#include "ovs-thread.h"
#include "ovstest.h"

static const struct option test_options[] = {
    {"help", no_argument, NULL, 'h'},
    {"verbose", optional_argument, NULL, 'v'},
    {"timeout", required_argument, NULL, 't'},
    {"long-only", no_argument, NULL, UCHAR_MAX + 1},
    {"db", required_argument, NULL, UCHAR_MAX + 2},
    {NULL, 0, NULL, 0},
};

static void
print_args(struct ovs_cmdl_context *ctx)
{
    printf("%s:", ctx->argv[0]);
    for (int i = 1; i < ctx->argc; i++) {
        printf(" %s", ctx->argv[i]);
    }
    printf("\n");
}

static const struct ovs_cmdl_command test_commands[] = {
    { "show", NULL, 0, 0, print_args, OVS_RO },
    { "add", "A B [C]", 2, 3, print_args, OVS_RW },
    { "any", "[ARG...]", 0, INT_MAX, print_args, OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};

static void
test_command_line_main(int argc, char *argv[])
{
    if (argc < 2) {
        ovs_fatal(0, "missing subcommand");
    }
    if (!strcmp(argv[1], "short-options")) {
        char *s = ovs_cmdl_long_options_to_short_options(test_options);
        printf("%s\n", s);
        free(s);
    } else if (!strcmp(argv[1], "run") || !strcmp(argv[1], "run-ro")) {
        struct ovs_cmdl_context ctx = {
            .argc = argc - 2,
            .argv = argv + 2,
        };
        if (!strcmp(argv[1], "run")) {
            ovs_cmdl_run_command(&ctx, test_commands);
        } else {
            ovs_cmdl_run_command_read_only(&ctx, test_commands);
        }
    } else if (!strcmp(argv[1], "parse-all")) {
        struct ovs_cmdl_parsed_option *po;
        size_t n_po;
        char *error;

        error = ovs_cmdl_parse_all(argc - 1, argv + 1, test_options,
                                   &po, &n_po);
        if (error) {
            printf("error: %s\n", error);
            free(error);
            return;
        }
        for (size_t i = 0; i < n_po; i++) {
            printf("%s=%s\n", po[i].o->name, po[i].arg ? po[i].arg : "");
        }
        free(po);
    } else if (!strcmp(argv[1], "commands")) {
        ovs_cmdl_print_commands(test_commands);
    } else {
        ovs_fatal(0, "unknown subcommand %s", argv[1]);
    }
}

OVSTEST_REGISTER("test-command-line", test_command_line_main);

/* ovs-thread: once-only initialization and mutexes across threads. */

#define N_THREADS 4
#define N_ITERATIONS 10000

static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
static int n_initializations;
static struct ovs_mutex counter_mutex = OVS_MUTEX_INITIALIZER;
static long long int counter;

static void *
thread_main(void *aux OVS_UNUSED)
{
    if (ovsthread_once_start(&once)) {
        n_initializations++;
        ovsthread_once_done(&once);
    }
    for (int i = 0; i < N_ITERATIONS; i++) {
        ovs_mutex_lock(&counter_mutex);
        counter++;
        ovs_mutex_unlock(&counter_mutex);
    }
    return NULL;
}

static void
test_ovs_thread_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    pthread_t threads[N_THREADS];
    struct ovs_mutex m;

    printf("single-threaded before: %s\n", single_threaded() ? "yes" : "no");
    printf("main thread: %s (id %u, %s)\n",
           is_main_thread() ? "yes" : "no", ovsthread_id_self(),
           get_subprogram_name());
    for (int i = 0; i < N_THREADS; i++) {
        threads[i] = ovs_thread_create("worker", thread_main, NULL);
    }
    for (int i = 0; i < N_THREADS; i++) {
        xpthread_join(threads[i], NULL);
    }
    printf("single-threaded after: %s\n", single_threaded() ? "yes" : "no");
    printf("initializations: %d\n", n_initializations);
    printf("counter: %lld\n", counter);

    ovs_mutex_init(&m);
    ovs_mutex_lock(&m);
    printf("trylock on a held mutex: %s\n",
           ovs_mutex_trylock(&m) ? "busy" : "acquired");
    ovs_mutex_unlock(&m);
    printf("trylock on a free mutex: %s\n",
           ovs_mutex_trylock(&m) ? "busy" : "acquired");
    ovs_mutex_unlock(&m);
    ovs_mutex_destroy(&m);
}

OVSTEST_REGISTER("test-ovs-thread", test_ovs_thread_main);
