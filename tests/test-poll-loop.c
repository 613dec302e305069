/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Tests for the poll loop, timeval, seq, latch and coverage:
 *
 *   ovstest test-poll-loop fd          wakes when a pipe becomes readable
 *   ovstest test-poll-loop timer       wakes after a timer, not before
 *   ovstest test-poll-loop immediate   poll_immediate_wake() does not sleep
 *   ovstest test-poll-loop threads     each thread has its own poll set
 *   ovstest test-poll-loop warp        a stopped clock moves only by warps,
 *                                      which wake sleeping threads
 *   ovstest test-poll-loop long-poll   a busy iteration is logged, counted
 *   ovstest test-poll-loop coverage    per-thread counters add up
 *   ovstest test-poll-loop token-bucket
 *   ovstest test-poll-loop strftime
 *   ovstest test-poll-loop latch-seq
 *   ovstest test-poll-loop alarm       time_alarm() kills the process
 */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "coverage.h"
#include "latch.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "seq.h"
#include "timeval.h"
#include "token-bucket.h"

COVERAGE_DEFINE(test_poll_loop_event);

/* Returns the kernel's monotonic time in ms, immune to warps. */
static long long int
real_msec(void)
{
    struct timespec ts;

    xclock_gettime(CLOCK_MONOTONIC, &ts);
    return timespec_to_msec(&ts);
}

/* A thread that sleeps 'delay_ms' and then writes one byte to 'fd'. */
struct delayed_write {
    int fd;                     /* Where to write. */
    int delay_ms;               /* How long to wait first. */
};

static void *
delayed_write_thread(void *aux_)
{
    struct delayed_write *aux = aux_;

    usleep(aux->delay_ms * 1000);
    ovs_assert(write(aux->fd, "x", 1) == 1);
    return NULL;
}

static void
test_fd(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct delayed_write dw;
    long long int start, elapsed;
    pthread_t thread;
    int fds[2];
    char c;

    ovs_assert(!pipe(fds));
    dw.fd = fds[1];
    dw.delay_ms = 200;
    thread = ovs_thread_create("writer", delayed_write_thread, &dw);

    /* A distant timer must not fire first; readiness must wake us. */
    start = real_msec();
    poll_fd_wait(fds[0], POLLIN);
    poll_timer_wait(10000);
    poll_block();
    elapsed = real_msec() - start;

    ovs_assert(read(fds[0], &c, 1) == 1 && c == 'x');
    xpthread_join(thread, NULL);
    printf("woke on fd after %s\n",
           elapsed >= 150 && elapsed < 5000 ? "the write" : "WRONG TIME");

    /* Nothing registered but a readable fd: wakes at once. */
    ovs_assert(write(fds[1], "y", 1) == 1);
    start = real_msec();
    poll_fd_wait(fds[0], POLLIN);
    poll_block();
    printf("readable fd: %s\n",
           real_msec() - start < 1000 ? "immediate" : "SLOW");

    /* POLLOUT on a pipe with room is ready at once. */
    start = real_msec();
    poll_fd_wait(fds[1], POLLOUT);
    poll_block();
    printf("writable fd: %s\n",
           real_msec() - start < 1000 ? "immediate" : "SLOW");

    close(fds[0]);
    close(fds[1]);
}

static void
test_timer(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long int start, elapsed;
    int fds[2];

    ovs_assert(!pipe(fds));

    /* The earliest of several timers wins. */
    start = real_msec();
    poll_fd_wait(fds[0], POLLIN);
    poll_timer_wait(5000);
    poll_timer_wait(300);
    poll_timer_wait_until(time_msec() + 8000);
    poll_block();
    elapsed = real_msec() - start;
    printf("timer: %s\n",
           elapsed >= 290 && elapsed < 3000 ? "woke after 300 ms"
           : "WRONG TIME");

    /* An absolute time in the past wakes at once. */
    start = real_msec();
    poll_timer_wait_until(time_msec() - 1);
    poll_block();
    printf("past deadline: %s\n",
           real_msec() - start < 1000 ? "immediate" : "SLOW");

    /* A zero or negative timer wakes at once. */
    start = real_msec();
    poll_timer_wait(0);
    poll_block();
    printf("zero timer: %s\n",
           real_msec() - start < 1000 ? "immediate" : "SLOW");

    close(fds[0]);
    close(fds[1]);
}

static void
test_immediate(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long int start = real_msec();
    unsigned long long int before, after;

    before = coverage_read_counter("poll_zero_timeout", NULL);
    for (int i = 0; i < 100; i++) {
        poll_timer_wait(60000);
        poll_immediate_wake();
        poll_block();
    }
    after = coverage_read_counter("poll_zero_timeout", NULL);
    printf("100 immediate wakeups: %s\n",
           real_msec() - start < 2000 ? "fast" : "SLOW");
    printf("poll_zero_timeout counted: %llu\n", after - before);
}

/* The second thread of test_threads(): registers only a short timer.  It
 * must not see the main thread's fd, which never becomes ready. */
static void *
short_timer_thread(void *aux)
{
    long long int *elapsed = aux;
    long long int start = real_msec();

    poll_timer_wait(100);
    poll_block();
    *elapsed = real_msec() - start;
    return NULL;
}

static void
test_threads(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long int thread_elapsed = -1, main_elapsed, start;
    pthread_t thread;
    int fds[2];

    ovs_assert(!pipe(fds));

    /* Main thread: wait on an fd that is already readable, plus a long
     * timer; the other thread: a short timer only. */
    ovs_assert(write(fds[1], "z", 1) == 1);
    poll_timer_wait(10000);

    thread = ovs_thread_create("timer", short_timer_thread,
                               &thread_elapsed);
    xpthread_join(thread, NULL);

    start = real_msec();
    poll_fd_wait(fds[0], POLLIN);
    poll_block();
    main_elapsed = real_msec() - start;

    printf("other thread woke on its own timer: %s\n",
           thread_elapsed >= 90 && thread_elapsed < 5000 ? "yes" : "NO");
    printf("main thread woke on its fd: %s\n",
           main_elapsed < 1000 ? "yes" : "NO");

    close(fds[0]);
    close(fds[1]);
}

/* Warps the clock by 5000 ms after 200 ms of real time. */
static void *
warp_thread(void *aux OVS_UNUSED)
{
    usleep(200 * 1000);
    timeval_warp(5000);
    return NULL;
}

static void
test_warp(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    long long int t0, t1, start, elapsed;
    pthread_t thread;

    timeval_stop();
    ovs_assert(timeval_is_stopped());

    /* A stopped clock does not move. */
    t0 = time_msec();
    usleep(100 * 1000);
    t1 = time_msec();
    printf("stopped clock moved %lld ms\n", t1 - t0);

    /* A warp moves it by exactly the warp. */
    timeval_warp(1234);
    printf("after warp: +%lld ms\n", time_msec() - t1);

    /* A 5-second timer on a stopped clock sleeps until another thread
     * warps the clock past it. */
    poll_timer_wait(5000);
    thread = ovs_thread_create("warper", warp_thread, NULL);
    start = real_msec();
    poll_block();
    elapsed = real_msec() - start;
    xpthread_join(thread, NULL);
    printf("timer fired on warp: %s\n",
           elapsed >= 150 && elapsed < 3000 ? "yes" : "NO");
    printf("clock now: +%lld ms\n", time_msec() - t1);

    /* The wall clock is not affected. */
    printf("wall clock is real: %s\n",
           llabs(time_wall_msec() / 1000 - (long long int) time(NULL)) <= 1
           ? "yes" : "NO");
}

static void
test_long_poll(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    unsigned long long int before, after;
    long long int start;

    before = coverage_read_counter("long_poll_interval", NULL);
    poll_immediate_wake();
    poll_block();

    /* A busy iteration of 1.1 seconds. */
    start = real_msec();
    while (real_msec() - start < 1100) {
        continue;
    }

    poll_immediate_wake();
    poll_block();
    after = coverage_read_counter("long_poll_interval", NULL);
    printf("long_poll_interval counted: %llu\n", after - before);
}

/* Adds 1000 to the test counter, from its own thread, and returns. */
static void *
coverage_thread(void *aux OVS_UNUSED)
{
    for (int i = 0; i < 1000; i++) {
        COVERAGE_INC(test_poll_loop_event);
    }
    /* Fold this thread's counts into the totals, as poll_block() would. */
    coverage_clear();
    return NULL;
}

static void
test_coverage(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    pthread_t threads[3];
    bool found;

    for (int i = 0; i < 3; i++) {
        threads[i] = ovs_thread_create("cov", coverage_thread, NULL);
    }
    for (int i = 0; i < 3; i++) {
        xpthread_join(threads[i], NULL);
    }
    COVERAGE_ADD(test_poll_loop_event, 5);
    printf("total: %llu\n",
           coverage_read_counter("test_poll_loop_event", &found));
    coverage_read_counter("no_such_counter", &found);
    printf("no_such_counter found: %s\n", found ? "yes" : "no");
}

static void
test_token_bucket(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct token_bucket tb = TOKEN_BUCKET_INIT(1, 5);
    int n = 0;

    timeval_stop();
    while (token_bucket_withdraw(&tb, 1)) {
        n++;
    }
    printf("burst: %d\n", n);
    timeval_warp(3);
    n = 0;
    while (token_bucket_withdraw(&tb, 1)) {
        n++;
    }
    printf("after 3 ms: %d\n", n);
    timeval_warp(1000000);
    n = 0;
    while (token_bucket_withdraw(&tb, 1)) {
        n++;
    }
    printf("after a long time: %d\n", n);
}

static void
test_strftime(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct tm_msec tm;
    char buf[64];

    /* 2026-11-21T00:52:48.123Z */
    gmtime_msec(1795222368123LL, &tm);
    strftime_msec(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.###Z", &tm);
    printf("%s\n", buf);
    strftime_msec(buf, sizeof buf, "%H:%M:%S.#", &tm);
    printf("%s\n", buf);
}

static void
test_latch_seq(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct seq *seq = seq_create();
    uint64_t value = seq_read(seq);
    struct latch latch;
    long long int start;

    latch_init(&latch);
    printf("latch initially set: %s\n", latch_is_set(&latch) ? "yes" : "no");
    latch_set(&latch);
    printf("latch after set: %s\n", latch_is_set(&latch) ? "yes" : "no");
    start = real_msec();
    latch_wait(&latch);
    poll_timer_wait(10000);
    poll_block();
    printf("set latch wakes: %s\n",
           real_msec() - start < 1000 ? "yes" : "NO");
    printf("latch_poll: %s\n", latch_poll(&latch) ? "was set" : "unset");
    printf("latch after poll: %s\n", latch_is_set(&latch) ? "yes" : "no");
    latch_destroy(&latch);

    seq_change(seq);
    printf("seq changed: %s\n", seq_read(seq) != value ? "yes" : "no");
    start = real_msec();
    seq_wait(seq, value);
    poll_timer_wait(10000);
    poll_block();
    printf("stale seq_wait wakes: %s\n",
           real_msec() - start < 1000 ? "yes" : "NO");
    seq_destroy(seq);
}

/* time_alarm(): the process dies from SIGALRM once the (warped) clock
 * passes the deadline, even while it sleeps in poll_block(). */
static void
test_alarm(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    timeval_stop();
    time_alarm(60);
    timeval_warp(59000);
    poll_timer_wait(0);
    poll_block();
    printf("alive after 59 s\n");
    fflush(stdout);

    timeval_warp(2000);
    for (;;) {
        poll_timer_wait(100000);
        poll_block();
    }
}

/* poll_fd_known_idle(): what the last poll_block() found on an fd, and
 * latch_poll() saving its read() on a latch that the poll found idle. */
static void
test_known_idle(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct latch latch;
    int idle[2], busy[2];

    ovs_assert(!pipe(idle));
    ovs_assert(!pipe(busy));
    ignore(write(busy[1], "x", 1));
    latch_init(&latch);

    printf("before any poll: %s\n",
           poll_fd_known_idle(idle[0], POLLIN) ? "idle" : "unknown");

    /* The busy pipe wakes the poll; the idle one and the latch are
     * polled too and found idle. */
    poll_fd_wait(idle[0], POLLIN);
    poll_fd_wait(busy[0], POLLIN);
    latch_wait(&latch);
    poll_block();
    printf("polled idle fd: %s\n",
           poll_fd_known_idle(idle[0], POLLIN) ? "idle" : "unknown");
    printf("polled readable fd: %s\n",
           poll_fd_known_idle(busy[0], POLLIN) ? "idle" : "not idle");
    printf("events not polled for: %s\n",
           poll_fd_known_idle(idle[0], POLLIN | POLLOUT)
           ? "idle" : "unknown");
    printf("fd not polled: %s\n",
           poll_fd_known_idle(idle[1], POLLIN) ? "idle" : "unknown");

    /* Set after the poll: latch_poll() trusts the poll and skips the read,
     * and the next poll wakes at once on the latch. */
    latch_set(&latch);
    printf("latch_poll after an idle poll: %s\n",
           latch_poll(&latch) ? "was set" : "unset (read skipped)");
    long long int start = time_msec();
    latch_wait(&latch);
    poll_timer_wait(10000);
    poll_block();
    printf("latch set since wakes the next poll: %s\n",
           time_msec() - start < 5000 ? "yes" : "NO");
    printf("latch_poll then: %s\n",
           latch_poll(&latch) ? "was set" : "unset");

    /* A poll with no fds at all forgets the earlier ones. */
    poll_immediate_wake();
    poll_block();
    printf("after a poll without it: %s\n",
           poll_fd_known_idle(idle[0], POLLIN) ? "idle" : "unknown");

    /* So does a sleep outside poll_block(). */
    poll_fd_wait(idle[0], POLLIN);
    poll_immediate_wake();
    poll_block();
    printf("polled again: %s\n",
           poll_fd_known_idle(idle[0], POLLIN) ? "idle" : "unknown");
    time_poll_interval_restart();
    printf("after a sleep of the thread's own: %s\n",
           poll_fd_known_idle(idle[0], POLLIN) ? "idle" : "unknown");

    latch_destroy(&latch);
    close(idle[0]);
    close(idle[1]);
    close(busy[0]);
    close(busy[1]);
}

static const struct ovstest_command commands[] = {
    { "fd", 0, 0, test_fd },
    { "timer", 0, 0, test_timer },
    { "immediate", 0, 0, test_immediate },
    { "threads", 0, 0, test_threads },
    { "warp", 0, 0, test_warp },
    { "long-poll", 0, 0, test_long_poll },
    { "coverage", 0, 0, test_coverage },
    { "token-bucket", 0, 0, test_token_bucket },
    { "strftime", 0, 0, test_strftime },
    { "latch-seq", 0, 0, test_latch_seq },
    { "known-idle", 0, 0, test_known_idle },
    { "alarm", 0, 0, test_alarm },
    { NULL, 0, 0, NULL },
};

static void
test_poll_loop_main(int argc, char *argv[])
{
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);
    vlog_set_levels(vlog_module_from_name("timeval"), VLF_CONSOLE,
                    VLL_WARN);
    vlog_set_levels(vlog_module_from_name("fatal_signal"), VLF_CONSOLE,
                    VLL_WARN);
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-poll-loop", test_poll_loop_main);
