/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "coverage.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/vlog.h"
#include "timeval.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(coverage);

/* The registered counters, in order of registration, and each one's total
 * at the last coverage_run() sample.  Protected by 'coverage_mutex' (except
 * during registration, which happens before main()). */
static struct coverage_counter **counters;
static unsigned long long int *last_totals;
static size_t n_counters, allocated_counters;

static struct ovs_mutex coverage_mutex = OVS_MUTEX_INITIALIZER;

/* coverage_run() state: when to take the next sample, which 'min' slot it
 * fills, how many slots of the current minute are filled, and which 'hr'
 * slot the next complete minute fills. */
static long long int coverage_run_time = LLONG_MIN;
static unsigned int min_idx;
static unsigned int min_filled;
static unsigned int hr_idx;

/* When the calling thread may next fold its counts in
 * coverage_try_clear(). */
static __thread long long int thread_next_clear = LLONG_MIN;

/* Hash of the counters last logged by coverage_log(). */
static uint32_t last_logged_hash;

void
coverage_counter_register(struct coverage_counter *counter)
{
    if (n_counters >= allocated_counters) {
        counters = x2nrealloc(counters, &allocated_counters,
                              sizeof *counters);
        last_totals = xrealloc(last_totals,
                               allocated_counters * sizeof *last_totals);
    }
    last_totals[n_counters] = 0;
    counters[n_counters++] = counter;
}

/* Folds the calling thread's counts into the totals.  Called with
 * 'coverage_mutex'. */
static void
coverage_clear__(void)
{
    for (size_t i = 0; i < n_counters; i++) {
        counters[i]->total += counters[i]->count();
    }
}

void
coverage_clear(void)
{
    ovs_mutex_lock(&coverage_mutex);
    coverage_clear__();
    ovs_mutex_unlock(&coverage_mutex);
    thread_next_clear = time_msec() + 1000;
}

void
coverage_try_clear(void)
{
    long long int now = time_msec();

    if (now >= thread_next_clear && !ovs_mutex_trylock(&coverage_mutex)) {
        coverage_clear__();
        ovs_mutex_unlock(&coverage_mutex);
        thread_next_clear = now + 1000;
    }
}

/* Returns the sum of the last 'n' entries of 'array' (size 'size') that
 * end just before index 'end' (cyclically). */
static unsigned long long int
sum_cyclic(const unsigned long long int *array, size_t size, size_t end,
           size_t n)
{
    unsigned long long int sum = 0;

    for (size_t i = 0; i < n; i++) {
        sum += array[(end + size - 1 - i) % size];
    }
    return sum;
}

void
coverage_run(void)
{
    long long int now = time_msec();

    if (coverage_run_time == LLONG_MIN) {
        coverage_run_time = now + COVERAGE_RUN_INTERVAL;
        return;
    }
    if (now < coverage_run_time) {
        return;
    }

    ovs_mutex_lock(&coverage_mutex);
    for (size_t i = 0; i < n_counters; i++) {
        struct coverage_counter *c = counters[i];

        c->min[min_idx] = c->total - last_totals[i];
        last_totals[i] = c->total;
    }
    min_idx = (min_idx + 1) % MIN_AVG_LEN;
    if (++min_filled >= MIN_AVG_LEN) {
        /* A minute is complete. */
        for (size_t i = 0; i < n_counters; i++) {
            struct coverage_counter *c = counters[i];
            c->hr[hr_idx] = sum_cyclic(c->min, MIN_AVG_LEN, min_idx,
                                       MIN_AVG_LEN);
        }
        hr_idx = (hr_idx + 1) % HR_AVG_LEN;
        min_filled = 0;
    }
    ovs_mutex_unlock(&coverage_mutex);

    /* Catch up if we fell behind, without sampling more than once. */
    coverage_run_time += COVERAGE_RUN_INTERVAL;
    if (coverage_run_time <= now) {
        coverage_run_time = now + COVERAGE_RUN_INTERVAL;
    }
}

/* Returns a hash of the names and totals of the counters that have been
 * hit.  Called with 'coverage_mutex'. */
static uint32_t
coverage_hash(void)
{
    uint32_t hash = 0;

    for (size_t i = 0; i < n_counters; i++) {
        if (counters[i]->total) {
            hash = hash_string(counters[i]->name, hash);
            hash = hash_uint64_basis(counters[i]->total, hash);
        }
    }
    return hash;
}

/* Appends the "coverage/show" report to 's', one line per element of
 * '*lines' if 'lines' is nonnull (for logging).  Called with
 * 'coverage_mutex'. */
static void
coverage_read(struct ds *s, uint32_t hash)
{
    size_t n_never_hit = 0;

    ds_put_format(s, "Event coverage, avg rate over last: %d seconds, last "
                  "minute, last hour,  hash=%08"PRIx32":\n",
                  COVERAGE_RUN_INTERVAL / 1000, hash);
    for (size_t i = 0; i < n_counters; i++) {
        const struct coverage_counter *c = counters[i];
        unsigned long long int last5, minute, hour;

        if (!c->total) {
            n_never_hit++;
            continue;
        }
        last5 = c->min[(min_idx + MIN_AVG_LEN - 1) % MIN_AVG_LEN];
        minute = sum_cyclic(c->min, MIN_AVG_LEN, min_idx, MIN_AVG_LEN);
        hour = (sum_cyclic(c->hr, HR_AVG_LEN, hr_idx, HR_AVG_LEN)
                + sum_cyclic(c->min, MIN_AVG_LEN, min_idx, min_filled));
        ds_put_format(s, "%-24s %5.1f/sec %9.3f/sec %13.4f/sec   "
                      "total: %llu\n", c->name,
                      last5 / (COVERAGE_RUN_INTERVAL / 1000.0),
                      minute / 60.0, hour / 3600.0, c->total);
    }
    ds_put_format(s, "%zu events never hit\n", n_never_hit);
}

void
coverage_log(void)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 3);
    struct ds s = DS_EMPTY_INITIALIZER;
    uint32_t hash;

    if (VLOG_DROP_INFO(&rl)) {
        return;
    }

    ovs_mutex_lock(&coverage_mutex);
    coverage_clear__();
    hash = coverage_hash();
    if (hash == last_logged_hash) {
        ovs_mutex_unlock(&coverage_mutex);
        VLOG_INFO("Skipping details of duplicate event coverage for "
                  "hash=%08"PRIx32, hash);
        return;
    }
    last_logged_hash = hash;
    coverage_read(&s, hash);
    ovs_mutex_unlock(&coverage_mutex);

    for (char *line = s.string, *nl; line && *line; line = nl + 1) {
        nl = strchr(line, '\n');
        *nl = '\0';
        VLOG_INFO("%s", line);
    }
    ds_destroy(&s);
}

unsigned long long int
coverage_read_counter(const char *name, bool *found)
{
    unsigned long long int total = 0;
    bool exists = false;

    ovs_mutex_lock(&coverage_mutex);
    coverage_clear__();
    for (size_t i = 0; i < n_counters; i++) {
        if (!strcmp(counters[i]->name, name)) {
            total = counters[i]->total;
            exists = true;
            break;
        }
    }
    ovs_mutex_unlock(&coverage_mutex);

    if (found) {
        *found = exists;
    }
    return total;
}

static void
coverage_unixctl_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                      const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ovs_mutex_lock(&coverage_mutex);
    coverage_clear__();
    coverage_read(&s, coverage_hash());
    ovs_mutex_unlock(&coverage_mutex);

    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
coverage_unixctl_read_counter(struct unixctl_conn *conn, int argc OVS_UNUSED,
                              const char *argv[], void *aux OVS_UNUSED)
{
    unsigned long long int total;
    bool found;
    char *reply;

    total = coverage_read_counter(argv[1], &found);
    if (!found) {
        unixctl_command_reply_error(conn, "No such counter");
        return;
    }
    reply = xasprintf("%llu\n", total);
    unixctl_command_reply(conn, reply);
    free(reply);
}

void
coverage_init(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        unixctl_command_register("coverage/show", "", 0, 0,
                                 coverage_unixctl_show, NULL);
        unixctl_command_register("coverage/read-counter", "COUNTER", 1, 1,
                                 coverage_unixctl_read_counter, NULL);
        ovsthread_once_done(&once);
    }
}

/* The coverage/... commands exist in every program: register them at
 * start-up. */
OVS_CONSTRUCTOR(coverage_init_commands)
{
    coverage_init();
}
