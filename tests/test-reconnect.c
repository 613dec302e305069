/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Drives lib/reconnect with a fake clock: "ovstest test-reconnect" reads
 * one command per line from stdin and prints, after each, what changed.
 *
 * Commands:
 *   enable, disable, force-reconnect, skip-backoff
 *   run                      Prints what reconnect_run() asks for.
 *   advance MSEC             Moves the clock forward.
 *   timeout                  Prints reconnect_timeout(), and advances the
 *                            clock by that much.
 *   connecting, connected, activity, receive-attempted, listening
 *   connect-failed ERROR     ERROR is an errno name (ECONNREFUSED, ...).
 *   disconnected [ERROR]     ERROR may also be EOF; default 0.
 *   listen-error ERROR
 *   set-passive true|false
 *   set-backoff MIN MAX
 *   set-probe-interval MSEC
 *   set-max-tries N
 *   set-backoff-free-tries N
 *   stats                    Prints all the statistics.
 *
 * Blank lines and lines starting with '#' are copied to the output. */

#include <config.h>
#include "reconnect.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovstest.h"

static long long int now = 1000;

/* Parses an errno name or number. */
static int
parse_error(const char *s)
{
    static const struct {
        const char *name;
        int value;
    } errors[] = {
        { "0", 0 },
        { "EOF", EOF },
        { "ECONNREFUSED", ECONNREFUSED },
        { "ETIMEDOUT", ETIMEDOUT },
        { "EPROTO", EPROTO },
        { "EPIPE", EPIPE },
        { "ECONNRESET", ECONNRESET },
        { "ENOENT", ENOENT },
        { "EADDRINUSE", EADDRINUSE },
    };

    if (!s) {
        return 0;
    }
    for (size_t i = 0; i < ARRAY_SIZE(errors); i++) {
        if (!strcmp(s, errors[i].name)) {
            return errors[i].value;
        }
    }
    return atoi(s);
}

/* Prints what changed between 'old' and 'new'. */
static void
diff_stats(const struct reconnect_stats *old,
           const struct reconnect_stats *new)
{
    if (strcmp(old->state, new->state)
        || old->state_elapsed > new->state_elapsed
        || old->backoff != new->backoff) {
        printf("  in %s for %u ms (%d ms backoff)\n",
               new->state, new->state_elapsed, new->backoff);
    }
    if (old->n_successful_connections != new->n_successful_connections
        || old->n_attempted_connections != new->n_attempted_connections
        || old->seqno != new->seqno) {
        printf("  %u successful connections out of %u attempts, seqno %u\n",
               new->n_successful_connections,
               new->n_attempted_connections, new->seqno);
    }
    if (old->is_connected != new->is_connected) {
        printf("  %sconnected\n", new->is_connected ? "" : "dis");
    }
}

/* Prints all of 'stats'. */
static void
print_stats(const struct reconnect_stats *stats)
{
    printf("  state %s for %u ms, backoff %d ms\n",
           stats->state, stats->state_elapsed, stats->backoff);
    if (stats->is_connected) {
        printf("  connected for %u ms", stats->msec_since_connect);
    } else if (stats->msec_since_connect != UINT_MAX) {
        printf("  not connected, last connected %u ms ago",
               stats->msec_since_connect);
    } else {
        printf("  not connected");
    }
    printf(", %u ms connected in total\n", stats->total_connected_duration);
    if (stats->msec_since_disconnect != UINT_MAX) {
        printf("  last disconnected %u ms ago\n",
               stats->msec_since_disconnect);
    } else {
        printf("  never disconnected\n");
    }
    printf("  last activity at %lld, created at %lld\n",
           stats->last_activity, stats->creation_time);
}

static void
test_reconnect_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct reconnect_stats prev;
    struct reconnect *fsm;
    struct ds line = DS_EMPTY_INITIALIZER;

    fsm = reconnect_create(now);
    reconnect_set_name(fsm, "remote");
    reconnect_get_stats(fsm, now, &prev);

    while (!ds_get_line(&line, stdin)) {
        if (!line.length || line.string[0] == '#') {
            printf("%s\n", ds_cstr(&line));
            continue;
        }

        char *save_ptr = NULL;
        char *cmd = strtok_r(ds_cstr(&line), " ", &save_ptr);
        char *arg = strtok_r(NULL, " ", &save_ptr);
        char *arg2 = strtok_r(NULL, " ", &save_ptr);
        struct reconnect_stats cur;

        if (!cmd) {
            continue;
        }
        printf("%s", cmd);
        if (arg) {
            printf(" %s", arg);
        }
        if (arg2) {
            printf(" %s", arg2);
        }
        printf("\n");

        if (!strcmp(cmd, "enable")) {
            reconnect_enable(fsm, now);
        } else if (!strcmp(cmd, "disable")) {
            reconnect_disable(fsm, now);
        } else if (!strcmp(cmd, "force-reconnect")) {
            reconnect_force_reconnect(fsm, now);
        } else if (!strcmp(cmd, "skip-backoff")) {
            reconnect_skip_backoff(fsm);
        } else if (!strcmp(cmd, "run")) {
            switch (reconnect_run(fsm, now)) {
            default:
                printf("  should do nothing\n");
                break;
            case RECONNECT_CONNECT:
                printf("  should connect\n");
                break;
            case RECONNECT_DISCONNECT:
                printf("  should disconnect\n");
                break;
            case RECONNECT_PROBE:
                printf("  should send probe\n");
                break;
            }
        } else if (!strcmp(cmd, "advance")) {
            now += atoi(arg);
            printf("### t=%lld ###\n", now);
        } else if (!strcmp(cmd, "timeout")) {
            int timeout = reconnect_timeout(fsm, now);
            if (timeout >= 0) {
                printf("  advance %d ms\n", timeout);
                now += timeout;
                printf("### t=%lld ###\n", now);
            } else {
                printf("  no timeout\n");
            }
        } else if (!strcmp(cmd, "connecting")) {
            reconnect_connecting(fsm, now);
        } else if (!strcmp(cmd, "connected")) {
            reconnect_connected(fsm, now);
        } else if (!strcmp(cmd, "activity")) {
            reconnect_activity(fsm, now);
        } else if (!strcmp(cmd, "receive-attempted")) {
            reconnect_receive_attempted(fsm, now);
        } else if (!strcmp(cmd, "listening")) {
            reconnect_listening(fsm, now);
        } else if (!strcmp(cmd, "connect-failed")) {
            reconnect_connect_failed(fsm, now, parse_error(arg));
        } else if (!strcmp(cmd, "disconnected")) {
            reconnect_disconnected(fsm, now, parse_error(arg));
        } else if (!strcmp(cmd, "listen-error")) {
            reconnect_listen_error(fsm, now, parse_error(arg));
        } else if (!strcmp(cmd, "set-passive")) {
            reconnect_set_passive(fsm, !strcmp(arg, "true"), now);
        } else if (!strcmp(cmd, "set-backoff")) {
            reconnect_set_backoff(fsm, atoi(arg), atoi(arg2));
            printf("  backoff %d to %d ms\n", reconnect_get_min_backoff(fsm),
                   reconnect_get_max_backoff(fsm));
        } else if (!strcmp(cmd, "set-probe-interval")) {
            reconnect_set_probe_interval(fsm, atoi(arg));
            printf("  probe interval %d ms\n",
                   reconnect_get_probe_interval(fsm));
        } else if (!strcmp(cmd, "set-max-tries")) {
            reconnect_set_max_tries(fsm, atoi(arg));
        } else if (!strcmp(cmd, "stats")) {
            reconnect_get_stats(fsm, now, &cur);
            print_stats(&cur);
        } else if (!strcmp(cmd, "set-backoff-free-tries")) {
            reconnect_set_backoff_free_tries(fsm, atoi(arg));
        } else {
            ovs_fatal(0, "unknown command %s", cmd);
        }

        reconnect_get_stats(fsm, now, &cur);
        diff_stats(&prev, &cur);
        prev = cur;
        if (!reconnect_is_enabled(fsm) && reconnect_get_max_tries(fsm) == 0
            && !strcmp(cmd, "run")) {
            printf("  no tries left\n");
        }
    }
    ds_destroy(&line);
    reconnect_destroy(fsm);
}

OVSTEST_REGISTER("test-reconnect", test_reconnect_main);
