/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef TIMEVAL_H
#define TIMEVAL_H 1

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/time.h>
#include <time.h>
#include "openvswitch/util.h"

/* Clocks.
 *
 * Two clocks, both in milliseconds (or microseconds, or seconds):
 *
 *   - The monotonic clock, time_msec(), which never jumps when someone sets
 *     the date.  Use it for timers, timeouts and rates.
 *
 *   - The wall clock, time_wall_msec(), the time of day since the Unix
 *     epoch.  Use it only for what a person reads or what goes on the
 *     wire (log time stamps, database records).
 *
 * For tests, the monotonic clock can be stopped and warped (moved forward
 * by a given amount), so that a test can make a 30-second timer expire
 * without waiting 30 seconds: timeval_stop() and timeval_warp(), reachable
 * as the "time/stop" and "time/warp" unixctl commands once a daemon calls
 * timeval_dummy_register().  Warping affects the monotonic clock only; the
 * wall clock keeps the real time of day. */

struct unixctl_conn;

/* The largest and smallest time_t values. */
#define TIME_MAX ((time_t) ((sizeof(time_t) == 8) ? INT64_MAX : INT32_MAX))
#define TIME_MIN ((time_t) ((sizeof(time_t) == 8) ? INT64_MIN : INT32_MIN))

/* Interval between updates to the available time, in milliseconds.  (Our
 * clocks are read from the kernel on every call, so this is the
 * granularity that callers may assume and nothing more.) */
#define TIME_UPDATE_INTERVAL 100

/* A broken-down time with a milliseconds part, for strftime_msec(). */
struct tm_msec {
    struct tm tm;               /* Broken-down time, to the second. */
    int msec;                   /* Milliseconds, 0...999. */
};

/* Returns the monotonic time in seconds, milliseconds or microseconds.
 * While the clock is stopped (see timeval_stop()), returns the same value
 * until the next warp. */
time_t time_now(void);
long long int time_msec(void);
long long int time_usec(void);

/* Returns the wall-clock time in seconds, milliseconds or microseconds
 * since the Unix epoch. */
time_t time_wall(void);
long long int time_wall_msec(void);
long long int time_wall_usec(void);

/* Stores the monotonic (time_timespec()) or wall-clock
 * (time_wall_timespec()) time in '*ts'. */
void time_timespec(struct timespec *ts);
void time_wall_timespec(struct timespec *ts);

/* Returns the wall-clock time, in milliseconds since the epoch, at which
 * the process started (more precisely, at which this module was first
 * used). */
long long int time_boot_msec(void);

/* Arranges for the process to die from SIGALRM after 'secs' seconds unless
 * called again (0 cancels), as alarm(2), but surviving a time warp. */
void time_alarm(unsigned int secs);

/* Calls poll() on the 'n_pollfds' descriptors in 'pollfds' until
 * 'timeout_when', an absolute time_msec() value (LLONG_MIN means "don't
 * block", LLONG_MAX means "no timeout"), retrying on EINTR only when no
 * fatal signal is pending.  Stores the number of milliseconds spent
 * blocked in '*elapsed'.  Returns the number of ready descriptors (0 on
 * timeout) or a negative errno value.
 *
 * Also logs and counts unreasonably long intervals between successive
 * calls in the same thread: poll_block() is the only caller that most
 * programs need. */
int time_poll(struct pollfd *pollfds, int n_pollfds,
              long long int timeout_when, int *elapsed);

/* Tells time_poll() that the calling thread has just woken from a sleep
 * of its own (e.g. in epoll_wait()), so that the sleep does not count as
 * part of its next poll interval.  Also makes poll_fd_known_idle() forget
 * the thread's last poll_block(), which that sleep made stale. */
void time_poll_interval_restart(void);

/* Returns this process's CPU usage over roughly the last few seconds, as a
 * percentage (0...100 for a single thread, more with several threads), or
 * -1 if not yet known. */
int get_cpu_usage(void);

/* Conversions between timevals, timespecs and milliseconds. */
long long int timespec_to_msec(const struct timespec *);
long long int timespec_to_usec(const struct timespec *);
long long int timeval_to_msec(const struct timeval *);
long long int timeval_to_usec(const struct timeval *);
void timespec_add(struct timespec *sum, const struct timespec *a,
                  const struct timespec *b);

/* Like gettimeofday() and clock_gettime(), but abort on failure. */
void xgettimeofday(struct timeval *);
void xclock_gettime(clockid_t, struct timespec *);

/* Fills in '*result' from the wall-clock time 'when' (in milliseconds
 * since the epoch), in local time or UTC.  Returns 'result', or NULL on
 * error. */
struct tm_msec *localtime_msec(long long int when, struct tm_msec *result);
struct tm_msec *gmtime_msec(long long int when, struct tm_msec *result);

/* Like strftime(), with one extension: every "#" in 'format' after a
 * seconds conversion (e.g. "%S.###") is replaced by the next digit of
 * the milliseconds of 'tm'. */
size_t strftime_msec(char *s, size_t max, const char *format,
                     const struct tm_msec *tm);

/* Time control for tests. */

/* Freezes the monotonic clock at its current value: from now on,
 * time_msec() changes only through timeval_warp().  Idempotent. */
void timeval_stop(void);

/* Moves the monotonic clock forward by 'msecs' milliseconds at once and
 * wakes every thread that is waiting for a timer.  Works whether or not
 * the clock is stopped. */
void timeval_warp(long long int msecs);

/* Returns true if timeval_stop() has stopped the clock. */
bool timeval_is_stopped(void);

/* Applies a pending stepped warp (see the "time/warp LARGE_MSECS MSECS"
 * command): moves the clock forward by one step of MSECS, and arranges for
 * the next poll_block() to wake at once while steps remain.  poll_block()
 * calls this once per iteration; other callers need not. */
void timewarp_run(void);

/* Registers the "time/stop" and "time/warp" unixctl commands:
 *
 *   time/stop                   stops the monotonic clock (empty reply).
 *   time/warp MSECS             warps the clock forward by MSECS at once.
 *   time/warp LARGE_MSECS MSECS warps forward by LARGE_MSECS in steps of
 *                               MSECS, letting the main loop run once
 *                               after each step.
 *
 * time/warp replies "warped" once the whole warp has been applied.
 * Daemons call this only when running for tests (e.g. with
 * --enable-dummy), as upstream does. */
void timeval_dummy_register(void);

#endif /* timeval.h */
