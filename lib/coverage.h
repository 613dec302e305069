/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef COVERAGE_H
#define COVERAGE_H 1

#include "openvswitch/compiler.h"
#include "ovs-thread.h"

/* Coverage counters: cheap event counts for debugging.
 *
 * Define a counter once, at file scope, and increment it where the event
 * happens:
 *
 *     COVERAGE_DEFINE(netdev_get_stats);
 *     ...
 *     COVERAGE_INC(netdev_get_stats);
 *
 * Counter names are global to a program.  An increment touches only a
 * per-thread variable; the thread folds its counts into the global totals
 * each time it goes through poll_block().  "ovs-appctl coverage/show"
 * prints every counter that has been hit, with its average rate over the
 * last 5 seconds, minute and hour and its total; "coverage/read-counter
 * NAME" prints one total. */

/* Number of 5-second samples kept for the per-minute average, and number
 * of per-minute samples kept for the per-hour average. */
#define COVERAGE_RUN_INTERVAL 5000
#define MIN_AVG_LEN (60000 / COVERAGE_RUN_INTERVAL)
#define HR_AVG_LEN 60

/* A coverage counter.  Define with COVERAGE_DEFINE. */
struct coverage_counter {
    const char *const name;     /* The counter's name. */
    unsigned int (*const count)(void); /* Returns and clears the calling
                                        * thread's count. */
    unsigned long long int total;  /* Total count, all threads. */
    unsigned long long int min[MIN_AVG_LEN]; /* Counts in each of the last
                                              * 5-second intervals. */
    unsigned long long int hr[HR_AVG_LEN]; /* Counts in each of the last
                                            * minutes. */
};

/* Registers 'counter'; COVERAGE_DEFINE does it at start-up. */
void coverage_counter_register(struct coverage_counter *counter);

/* Defines the counter 'COUNTER'. */
#define COVERAGE_DEFINE(COUNTER)                                        \
    DEFINE_STATIC_PER_THREAD_DATA(unsigned int,                         \
                                  counter_##COUNTER, 0);                \
    static unsigned int                                                 \
    COUNTER##_count(void)                                               \
    {                                                                   \
        unsigned int *countp = counter_##COUNTER##_get();               \
        unsigned int count = *countp;                                   \
        *countp = 0;                                                    \
        return count;                                                   \
    }                                                                   \
    static inline void                                                  \
    COUNTER##_add(unsigned int n)                                       \
    {                                                                   \
        *counter_##COUNTER##_get() += n;                                \
    }                                                                   \
    extern struct coverage_counter counter_##COUNTER;                   \
    struct coverage_counter counter_##COUNTER                           \
        = { #COUNTER, COUNTER##_count, 0, { 0 }, { 0 } };               \
    OVS_CONSTRUCTOR(COUNTER##_init_coverage)                            \
    {                                                                   \
        coverage_counter_register(&counter_##COUNTER);                  \
    }                                                                   \
    struct coverage_dummy_##COUNTER

/* Adds 1 (or 'AMOUNT') to 'COUNTER' in the calling thread. */
#define COVERAGE_INC(COUNTER) COVERAGE_ADD(COUNTER, 1)
#define COVERAGE_ADD(COUNTER, AMOUNT) COUNTER##_add(AMOUNT)

/* Registers the "coverage/show" and "coverage/read-counter" unixctl
 * commands.  Called automatically by the functions below. */
void coverage_init(void);

/* Logs the coverage counters at INFO level, as "coverage/show" prints
 * them, unless they have not changed since they were last logged.  Used
 * when something has gone wrong (e.g. a long poll interval). */
void coverage_log(void);

/* Folds the calling thread's counts into the totals.  poll_block() calls
 * this; coverage_try_clear() does it only if the lock is free and it has
 * not been done in the last second. */
void coverage_clear(void);
void coverage_try_clear(void);

/* Updates the per-5-second, per-minute and per-hour samples, once every
 * COVERAGE_RUN_INTERVAL.  poll_block() calls this in the main thread. */
void coverage_run(void);

/* Returns the total of the counter named 'name', or 0 if there is none,
 * storing in '*found' whether it exists (if 'found' is nonnull). */
unsigned long long int coverage_read_counter(const char *name, bool *found);

#endif /* coverage.h */
