/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Tests for vlog:
 *
 *   ovstest test-vlog set SPEC...    applies each SPEC, printing "ok" or
 *                                    the error, then test_vlog's levels
 *   ovstest test-vlog log [OPTION]... parses the logging options (-v,
 *                                    --verbose, --log-file), then logs one
 *                                    message at each level from module
 *                                    test_vlog
 *   ovstest test-vlog pattern PATTERN logs one message with the console
 *                                    pattern set to PATTERN
 *   ovstest test-vlog ratelimit      exercises VLOG_WARN_RL under a
 *                                    stopped, warped clock
 *   ovstest test-vlog list           prints vlog/list and vlog/list-pattern
 *   ovstest test-vlog fatal          VLOG_FATAL()
 */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "command-line.h"
#include "openvswitch/vlog.h"
#include "ovstest.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(test_vlog);

static void
print_levels(void)
{
    printf("test_vlog: console=%s syslog=%s file=%s\n",
           vlog_get_level_name(vlog_get_level(THIS_MODULE, VLF_CONSOLE)),
           vlog_get_level_name(vlog_get_level(THIS_MODULE, VLF_SYSLOG)),
           vlog_get_level_name(vlog_get_level(THIS_MODULE, VLF_FILE)));
}

static void
test_set(int argc, char *argv[])
{
    for (int i = 1; i < argc; i++) {
        char *error = vlog_set_levels_from_string(argv[i]);

        printf("\"%s\": %s\n", argv[i], error ? error : "ok");
        free(error);
        print_levels();
    }
}

static void
log_all_levels(void)
{
    VLOG_EMER("emergency message");
    VLOG_ERR("error message");
    VLOG_WARN("warning message %d", 42);
    VLOG_INFO("info message");
    VLOG_DBG("debug message");
}

static void
test_log(int argc, char *argv[])
{
    enum { VLOG_OPTION_ENUMS };
    static const struct option long_options[] = {
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = ovs_cmdl_long_options_to_short_options(
        long_options);

    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        VLOG_OPTION_HANDLERS
        default:
            exit(EXIT_FAILURE);
        }
    }
    free(short_options);

    log_all_levels();
}

static void
test_pattern(int argc OVS_UNUSED, char *argv[])
{
    vlog_set_pattern(VLF_CONSOLE, argv[1]);
    VLOG_WARN("the message");
}

static void
test_ratelimit(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    /* One message per minute on average, bursts of three. */
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 3);

    vlog_set_pattern(VLF_CONSOLE, "%c|%p|%m");
    timeval_stop();

    /* The first three get through, the next seven are dropped. */
    for (int i = 1; i <= 10; i++) {
        VLOG_WARN_RL(&rl, "message %d", i);
        if (i == 5) {
            timeval_warp(2000);
        }
    }

    /* After 61 more seconds one more token has accumulated: the next
     * message says how many were dropped, then gets through. */
    timeval_warp(61000);
    VLOG_WARN_RL(&rl, "message 11");
    VLOG_WARN_RL(&rl, "message 12");

    /* Disabled levels never count as drops. */
    vlog_set_levels(THIS_MODULE, VLF_ANY_DESTINATION, VLL_ERR);
    VLOG_WARN_RL(&rl, "message 13");
    vlog_set_levels(THIS_MODULE, VLF_ANY_DESTINATION, VLL_DBG);
    timeval_warp(60000);
    VLOG_WARN_RL(&rl, "message 14");
    VLOG_WARN_RL(&rl, "message 15");
    timeval_warp(60000);
    VLOG_WARN_RL(&rl, "message 16");

    /* A module that ignores rate limits logs everything. */
    THIS_MODULE->honor_rate_limits = false;
    for (int i = 17; i <= 19; i++) {
        VLOG_WARN_RL(&rl, "message %d", i);
    }
}

static void
test_list(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char *s = vlog_get_levels();
    fputs(s, stdout);
    free(s);

    s = vlog_get_patterns();
    fputs(s, stdout);
    free(s);
}

static void
test_fatal(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    VLOG_FATAL("fatal error %d", 7);
}

static const struct ovstest_command commands[] = {
    { "set", 0, INT_MAX, test_set },
    { "log", 0, INT_MAX, test_log },
    { "pattern", 1, 1, test_pattern },
    { "ratelimit", 0, 0, test_ratelimit },
    { "list", 0, 0, test_list },
    { "fatal", 0, 0, test_fatal },
    { NULL, 0, 0, NULL },
};

static void
test_vlog_main(int argc, char *argv[])
{
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-vlog", test_vlog_main);
