/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "memory.h"

#include <stdlib.h>
#include <sys/resource.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/vlog.h"
#include "poll-loop.h"
#include "simap.h"
#include "timeval.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(memory);

/* How often, at most, to check the peak RSS, in milliseconds, and the
 * factor by which it must grow to be logged again. */
#define MEMORY_CHECK_INTERVAL 10000
#define MEMORY_GROWTH_FACTOR 1.5

/* time_msec() when this module was first run, and of the next check. */
static long long int start_time = LLONG_MIN;
static long long int next_check;

/* Peak RSS, in kB, when last logged (0 if never), and when. */
static unsigned long int last_reported_maxrss;
static long long int last_report_time;

/* True if a report is due because memory use was just logged. */
static bool want_report;

/* Pending "memory/show" requests. */
static struct unixctl_conn **conns;
static size_t n_conns, allocated_conns;

static void
memory_unixctl_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    if (n_conns >= allocated_conns) {
        conns = x2nrealloc(conns, &allocated_conns, sizeof *conns);
    }
    conns[n_conns++] = conn;
}

static void
memory_init(void)
{
    if (start_time == LLONG_MIN) {
        start_time = time_msec();
        next_check = start_time + MEMORY_CHECK_INTERVAL;
        unixctl_command_register("memory/show", "", 0, 0,
                                 memory_unixctl_show, NULL);
    }
}

void
memory_run(void)
{
    long long int now;
    unsigned long int maxrss;
    struct rusage usage;

    memory_init();
    now = time_msec();
    if (now < next_check) {
        return;
    }
    next_check = now + MEMORY_CHECK_INTERVAL;

    getrusage(RUSAGE_SELF, &usage);
    maxrss = usage.ru_maxrss;           /* Kilobytes on Linux. */
    if (!last_reported_maxrss) {
        VLOG_INFO("%lu kB peak resident set size after %.1f seconds",
                  maxrss, (now - start_time) / 1000.0);
    } else if (maxrss >= last_reported_maxrss * MEMORY_GROWTH_FACTOR) {
        VLOG_INFO("peak resident set size grew %.0f%% in last %.1f seconds, "
                  "from %lu kB to %lu kB",
                  ((double) maxrss / last_reported_maxrss - 1.0) * 100.0,
                  (now - last_report_time) / 1000.0,
                  last_reported_maxrss, maxrss);
    } else {
        return;
    }
    last_reported_maxrss = maxrss;
    last_report_time = now;
    want_report = true;
}

void
memory_wait(void)
{
    memory_init();
    if (memory_should_report()) {
        poll_immediate_wake();
    } else {
        poll_timer_wait_until(next_check);
    }
}

bool
memory_should_report(void)
{
    return want_report || n_conns > 0;
}

void
memory_report(const struct simap *usage)
{
    const struct simap_node **nodes = simap_sort(usage);
    struct ds s = DS_EMPTY_INITIALIZER;
    size_t n = simap_count(usage);

    for (size_t i = 0; i < n; i++) {
        if (i) {
            ds_put_char(&s, ' ');
        }
        ds_put_format(&s, "%s:%u", nodes[i]->name, nodes[i]->data);
    }
    free(nodes);

    if (want_report && s.length) {
        VLOG_INFO("%s", ds_cstr(&s));
    }
    want_report = false;

    for (size_t i = 0; i < n_conns; i++) {
        unixctl_command_reply(conns[i], ds_cstr(&s));
    }
    n_conns = 0;

    ds_destroy(&s);
}
