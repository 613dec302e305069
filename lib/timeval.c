/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "timeval.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include "coverage.h"
#include "fatal-signal.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "poll-loop.h"
#include "seq.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(timeval);

COVERAGE_DEFINE(long_poll_interval);

/* The monotonic clock, as adjusted for tests.
 *
 * time_msec() is the kernel's monotonic clock, or its value when
 * timeval_stop() was called if 'stopped', plus 'warp'.  Protected by
 * 'clock_mutex'. */
static struct ovs_mutex clock_mutex = OVS_MUTEX_INITIALIZER;
static bool clock_stopped;          /* Stopped by timeval_stop()? */
static struct timespec clock_frozen; /* Kernel's time at the stop. */
static long long int clock_warp;    /* Milliseconds added by warps. */

/* Set (once, never cleared) when tests first stop or warp the clock.  Until
 * then time_timespec() reads the kernel's clock without the mutex: every
 * thread asks for the time many times a second. */
static bool clock_adjusted;

/* Changes whenever the clock warps, to wake sleeping threads. */
static struct seq *timewarp_seq;

/* A stepped warp in progress ("time/warp LARGE_MSECS MSECS"), applied by
 * timewarp_run() in the main thread. */
static long long int timewarp_remaining; /* Milliseconds still to warp. */
static long long int timewarp_step;      /* Milliseconds per step. */
static struct unixctl_conn *timewarp_conn; /* Gets "warped" when done. */

/* time_alarm() deadline, on the time_msec() clock; LLONG_MAX if none. */
static long long int alarm_deadline = LLONG_MAX;

/* Wall-clock time at start-up. */
static long long int boot_time;

/* CPU usage sampling: the process's CPU time and the kernel's monotonic
 * time at the last sample, and the usage over the interval that ended
 * there.  Protected by 'cpu_mutex'. */
static struct ovs_mutex cpu_mutex = OVS_MUTEX_INITIALIZER;
static long long int cpu_last_sample;   /* Monotonic msec, 0 if none. */
static long long int cpu_last_time;     /* CPU msec at that time. */
static int cpu_usage = -1;              /* Percentage, -1 if unknown. */

/* When the calling thread last returned from poll(), by the kernel's
 * (unwarped) monotonic clock, 0 if never; and its resource usage then. */
static __thread long long int last_wakeup;
static __thread struct rusage last_rusage;

/* When 'last_rusage' was sampled, by the same clock as 'last_wakeup'. */
static __thread long long int last_rusage_when;

/* The resource usage sampled at a wakeup only serves log_poll_interval(),
 * which reports intervals of at least a second: a sample up to this many
 * milliseconds old moves its figures by at most that much, and saves a
 * getrusage() system call in nearly every iteration of a busy loop. */
#define RUSAGE_MAX_AGE 10

OVS_CONSTRUCTOR(timeval_init_boot_time)
{
    boot_time = time_wall_msec();
}

/* Returns the (never NULL) seq that changes on every warp. */
static struct seq *
timewarp_seq_get(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        timewarp_seq = seq_create();
        ovsthread_once_done(&once);
    }
    return timewarp_seq;
}

void
xclock_gettime(clockid_t id, struct timespec *ts)
{
    if (clock_gettime(id, ts) == -1) {
        ovs_abort(errno, "clock_gettime failed");
    }
}

void
xgettimeofday(struct timeval *tv)
{
    if (gettimeofday(tv, NULL) == -1) {
        ovs_abort(errno, "gettimeofday failed");
    }
}

long long int
timespec_to_msec(const struct timespec *ts)
{
    return (long long int) ts->tv_sec * 1000 + ts->tv_nsec / 1000000;
}

long long int
timespec_to_usec(const struct timespec *ts)
{
    return (long long int) ts->tv_sec * 1000 * 1000 + ts->tv_nsec / 1000;
}

long long int
timeval_to_msec(const struct timeval *tv)
{
    return (long long int) tv->tv_sec * 1000 + tv->tv_usec / 1000;
}

long long int
timeval_to_usec(const struct timeval *tv)
{
    return (long long int) tv->tv_sec * 1000 * 1000 + tv->tv_usec;
}

void
timespec_add(struct timespec *sum, const struct timespec *a,
             const struct timespec *b)
{
    struct timespec tmp;

    tmp.tv_sec = a->tv_sec + b->tv_sec;
    tmp.tv_nsec = a->tv_nsec + b->tv_nsec;
    if (tmp.tv_nsec >= 1000 * 1000 * 1000) {
        tmp.tv_nsec -= 1000 * 1000 * 1000;
        tmp.tv_sec++;
    }
    *sum = tmp;
}

/* Returns the kernel's monotonic time, ignoring stops and warps. */
static long long int
real_monotonic_msec(void)
{
    struct timespec ts;

    xclock_gettime(CLOCK_MONOTONIC, &ts);
    return timespec_to_msec(&ts);
}

void
time_timespec(struct timespec *ts)
{
    struct timespec warp;
    long long int warp_msec;

    if (!__atomic_load_n(&clock_adjusted, __ATOMIC_ACQUIRE)) {
        xclock_gettime(CLOCK_MONOTONIC, ts);
        return;
    }
    ovs_mutex_lock(&clock_mutex);
    if (clock_stopped) {
        *ts = clock_frozen;
    } else {
        xclock_gettime(CLOCK_MONOTONIC, ts);
    }
    warp_msec = clock_warp;
    ovs_mutex_unlock(&clock_mutex);

    if (warp_msec) {
        warp.tv_sec = warp_msec / 1000;
        warp.tv_nsec = (warp_msec % 1000) * 1000 * 1000;
        timespec_add(ts, ts, &warp);
    }
}

void
time_wall_timespec(struct timespec *ts)
{
    xclock_gettime(CLOCK_REALTIME, ts);
}

time_t
time_now(void)
{
    struct timespec ts;

    time_timespec(&ts);
    return ts.tv_sec;
}

long long int
time_msec(void)
{
    struct timespec ts;

    time_timespec(&ts);
    return timespec_to_msec(&ts);
}

long long int
time_usec(void)
{
    struct timespec ts;

    time_timespec(&ts);
    return timespec_to_usec(&ts);
}

time_t
time_wall(void)
{
    struct timespec ts;

    time_wall_timespec(&ts);
    return ts.tv_sec;
}

long long int
time_wall_msec(void)
{
    struct timespec ts;

    time_wall_timespec(&ts);
    return timespec_to_msec(&ts);
}

long long int
time_wall_usec(void)
{
    struct timespec ts;

    time_wall_timespec(&ts);
    return timespec_to_usec(&ts);
}

long long int
time_boot_msec(void)
{
    return boot_time;
}

void
time_alarm(unsigned int secs)
{
    long long int now = time_msec();

    fatal_signal_init();
    __atomic_store_n(&alarm_deadline,
                     secs ? now + secs * 1000LL : LLONG_MAX,
                     __ATOMIC_RELAXED);
}

/* CPU usage. */

static long long int
rusage_cpu_msec(const struct rusage *ru)
{
    return timeval_to_msec(&ru->ru_utime) + timeval_to_msec(&ru->ru_stime);
}

/* Takes a new CPU usage sample if the last one is at least a second
 * old. */
static void
refresh_cpu_usage(void)
{
    long long int now = real_monotonic_msec();

    ovs_mutex_lock(&cpu_mutex);
    if (!cpu_last_sample || now - cpu_last_sample >= 1000) {
        struct rusage ru;
        long long int cpu;

        getrusage(RUSAGE_SELF, &ru);
        cpu = rusage_cpu_msec(&ru);
        if (cpu_last_sample) {
            long long int wall = now - cpu_last_sample;
            long long int used = cpu - cpu_last_time;
            int usage = wall > 0 ? (used * 100 + wall / 2) / wall : 0;

            /* Smooth a little so that one busy second does not dominate. */
            cpu_usage = cpu_usage < 0 ? usage : (cpu_usage + usage * 3) / 4;
        }
        cpu_last_sample = now;
        cpu_last_time = cpu;
    }
    ovs_mutex_unlock(&cpu_mutex);
}

int
get_cpu_usage(void)
{
    int usage;

    ovs_mutex_lock(&cpu_mutex);
    usage = cpu_usage;
    ovs_mutex_unlock(&cpu_mutex);
    return usage;
}

/* Long poll intervals. */

/* Logs and counts the interval between the calling thread's last wakeup
 * and now, by the kernel's clock, if it is unreasonably long: the thread
 * was busy for that long without going back to poll(). */
static void
log_poll_interval(long long int last)
{
    long long int interval = real_monotonic_msec() - last;

    if (interval >= 1000) {
        struct rusage ru;

        COVERAGE_INC(long_poll_interval);
        getrusage(RUSAGE_THREAD, &ru);
        VLOG_WARN("Unreasonably long %lldms poll interval "
                  "(%lldms user, %lldms system)", interval,
                  timeval_to_msec(&ru.ru_utime)
                  - timeval_to_msec(&last_rusage.ru_utime),
                  timeval_to_msec(&ru.ru_stime)
                  - timeval_to_msec(&last_rusage.ru_stime));
        if (ru.ru_minflt > last_rusage.ru_minflt
            || ru.ru_majflt > last_rusage.ru_majflt) {
            VLOG_WARN("faults: %ld minor, %ld major",
                      ru.ru_minflt - last_rusage.ru_minflt,
                      ru.ru_majflt - last_rusage.ru_majflt);
        }
        if (ru.ru_nvcsw > last_rusage.ru_nvcsw
            || ru.ru_nivcsw > last_rusage.ru_nivcsw) {
            VLOG_WARN("context switches: %ld voluntary, %ld involuntary",
                      ru.ru_nvcsw - last_rusage.ru_nvcsw,
                      ru.ru_nivcsw - last_rusage.ru_nivcsw);
        }
        coverage_log();
    }
}

void
time_poll_interval_restart(void)
{
    /* The thread slept outside poll_block(): what that found is stale. */
    poll_forget_known_idle();
    if (last_wakeup) {
        last_wakeup = real_monotonic_msec();
    }
}

int
time_poll(struct pollfd *pollfds, int n_pollfds,
          long long int timeout_when, int *elapsed)
{
    long long int start, deadline;
    bool stopped;
    int retval = 0;

    coverage_clear();
    if (is_main_thread()) {
        coverage_run();
    }
    if (last_wakeup) {
        log_poll_interval(last_wakeup);
    }

    start = time_msec();
    deadline = __atomic_load_n(&alarm_deadline, __ATOMIC_RELAXED);
    if (deadline < timeout_when) {
        timeout_when = deadline;
    }

    for (;;) {
        long long int now = time_msec();
        int time_left;

        ovs_mutex_lock(&clock_mutex);
        stopped = clock_stopped;
        ovs_mutex_unlock(&clock_mutex);

        if (timeout_when == LLONG_MIN || now >= timeout_when) {
            time_left = 0;
        } else if (timeout_when == LLONG_MAX || stopped) {
            /* With the clock stopped, only a warp can bring the timeout
             * closer, and poll_block() waits on the warp seq. */
            time_left = -1;
        } else {
            long long int left = timeout_when - now;
            time_left = left > INT_MAX ? INT_MAX : left;
        }

        retval = poll(pollfds, n_pollfds, time_left);
        if (retval < 0) {
            retval = -errno;
        }

        if (__atomic_load_n(&alarm_deadline, __ATOMIC_RELAXED)
            <= time_msec()) {
            fatal_signal_handler(SIGALRM);
            if (retval < 0) {
                retval = 0;
            }
            break;
        }
        if (retval != -EINTR) {
            break;
        }
    }

    last_wakeup = real_monotonic_msec();
    if (!last_rusage_when
        || last_wakeup - last_rusage_when >= RUSAGE_MAX_AGE) {
        getrusage(RUSAGE_THREAD, &last_rusage);
        last_rusage_when = last_wakeup;
    }
    refresh_cpu_usage();
    *elapsed = time_msec() - start;
    return retval;
}

/* Broken-down time. */

struct tm_msec *
localtime_msec(long long int when, struct tm_msec *result)
{
    time_t secs = when / 1000;

    result->msec = when % 1000;
    return localtime_r(&secs, &result->tm) ? result : NULL;
}

struct tm_msec *
gmtime_msec(long long int when, struct tm_msec *result)
{
    time_t secs = when / 1000;

    result->msec = when % 1000;
    return gmtime_r(&secs, &result->tm) ? result : NULL;
}

size_t
strftime_msec(char *s, size_t max, const char *format,
              const struct tm_msec *tm)
{
    size_t n = strftime(s, max, format, &tm->tm);

    if (n) {
        char digits[4];
        size_t i;
        int d = 0;

        snprintf(digits, sizeof digits, "%03d", tm->msec);
        for (i = 0; i < n; i++) {
            if (s[i] == '#') {
                s[i] = d < 3 ? digits[d] : '0';
                d++;
            }
        }
    }
    return n;
}

/* Time control for tests. */

void
timeval_stop(void)
{
    ovs_mutex_lock(&clock_mutex);
    if (!clock_stopped) {
        xclock_gettime(CLOCK_MONOTONIC, &clock_frozen);
        clock_stopped = true;
        __atomic_store_n(&clock_adjusted, true, __ATOMIC_RELEASE);
    }
    ovs_mutex_unlock(&clock_mutex);
    seq_change(timewarp_seq_get());
}

void
timeval_warp(long long int msecs)
{
    ovs_mutex_lock(&clock_mutex);
    clock_warp += msecs;
    __atomic_store_n(&clock_adjusted, true, __ATOMIC_RELEASE);
    ovs_mutex_unlock(&clock_mutex);
    seq_change(timewarp_seq_get());
}

bool
timeval_is_stopped(void)
{
    bool stopped;

    ovs_mutex_lock(&clock_mutex);
    stopped = clock_stopped;
    ovs_mutex_unlock(&clock_mutex);
    return stopped;
}

void
timewarp_run(void)
{
    if (timeval_is_stopped()) {
        /* Sleeping threads wake when the clock warps. */
        struct seq *seq = timewarp_seq_get();
        seq_wait(seq, seq_read(seq));
    }

    if (timewarp_conn && is_main_thread()) {
        long long int step = MIN(timewarp_step, timewarp_remaining);

        timeval_warp(step);
        timewarp_remaining -= step;
        if (timewarp_remaining > 0) {
            poll_immediate_wake();
        } else {
            unixctl_command_reply(timewarp_conn, "warped");
            timewarp_conn = NULL;
        }
    }
}

static void
timeval_stop_cb(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    timeval_stop();
    unixctl_command_reply(conn, NULL);
}

/* Parses 's' as a number of milliseconds (positive, or zero if
 * 'allow_zero'). */
static bool
parse_msecs(const char *s, bool allow_zero, long long int *msecs)
{
    return (str_to_llong(s, 10, msecs)
            && (*msecs > 0 || (allow_zero && !*msecs)));
}

static void
timeval_warp_cb(struct unixctl_conn *conn, int argc, const char *argv[],
                void *aux OVS_UNUSED)
{
    long long int large = 0, msecs;

    if (!parse_msecs(argv[argc - 1], true, &msecs)
        || (argc > 2 && (!parse_msecs(argv[1], false, &large) || !msecs))) {
        unixctl_command_reply_error(conn, "invalid MSECS");
        return;
    }
    if (timewarp_conn) {
        unixctl_command_reply_error(conn, "A previous warp in progress");
        return;
    }

    if (argc > 2) {
        timewarp_remaining = large;
        timewarp_step = msecs;
        timewarp_conn = conn;
        poll_immediate_wake();
    } else {
        timeval_warp(msecs);
        unixctl_command_reply(conn, "warped");
    }
}

void
timeval_dummy_register(void)
{
    unixctl_command_register("time/stop", "", 0, 0, timeval_stop_cb, NULL);
    unixctl_command_register("time/warp", "[large_msecs] msecs", 1, 2,
                             timeval_warp_cb, NULL);
}
