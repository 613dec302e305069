/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "poll-loop.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "coverage.h"
#include "fatal-signal.h"
#include "hash.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "seq.h"
#include "socket-util.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(poll_loop);

COVERAGE_DEFINE(poll_create_node);
COVERAGE_DEFINE(poll_zero_timeout);

/* One file descriptor that the thread waits on. */
struct poll_node {
    struct hmap_node hmap_node; /* In 'poll_loop->poll_nodes', by fd. */
    struct pollfd pollfd;       /* The fd and the events wanted. */
    const char *where;          /* Where the first wait was registered. */
};

/* A thread's set of events to wait for. */
struct poll_loop {
    struct hmap poll_nodes;     /* "struct poll_node"s. */
    long long int timeout_when; /* Wake at this time_msec(); LLONG_MIN
                                 * means at once, LLONG_MAX never. */
    const char *timeout_where;  /* Where 'timeout_when' was set. */

    /* What the last poll_block() found, for poll_fd_known_idle(): its
     * pollfds with their revents, or none ('n_last' is 0) if that poll
     * failed or waited on more than POLL_MAX_KNOWN fds. */
    struct pollfd *last;        /* The fds, events and revents. */
    size_t n_last;              /* Number of elements in 'last'. */
};

/* poll_fd_known_idle() scans the last poll's fds linearly: it answers
 * only for polls of at most this many fds. */
#define POLL_MAX_KNOWN 64

static __thread struct poll_loop *poll_loop_self;
static pthread_key_t poll_loop_key;

static void free_poll_nodes(struct poll_loop *);

static void
poll_loop_destroy(void *loop_)
{
    struct poll_loop *loop = loop_;

    free_poll_nodes(loop);
    hmap_destroy(&loop->poll_nodes);
    free(loop->last);
    free(loop);
}

/* Returns the calling thread's poll loop, creating it if needed. */
static struct poll_loop *
poll_loop(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
    struct poll_loop *loop = poll_loop_self;

    if (OVS_UNLIKELY(!loop)) {
        if (ovsthread_once_start(&once)) {
            xpthread_key_create(&poll_loop_key, poll_loop_destroy);
            ovsthread_once_done(&once);
        }
        loop = xzalloc(sizeof *loop);
        hmap_init(&loop->poll_nodes);
        loop->timeout_when = LLONG_MAX;
        poll_loop_self = loop;
        xpthread_setspecific(poll_loop_key, loop);
    }
    return loop;
}

void
poll_fd_wait_at(int fd, short int events, const char *where)
{
    struct poll_loop *loop = poll_loop();
    uint32_t hash = hash_int(fd, 0);
    struct poll_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, hmap_node, hash, &loop->poll_nodes) {
        if (node->pollfd.fd == fd) {
            node->pollfd.events |= events;
            return;
        }
    }

    COVERAGE_INC(poll_create_node);
    node = xzalloc(sizeof *node);
    node->pollfd.fd = fd;
    node->pollfd.events = events;
    node->where = where;
    hmap_insert(&loop->poll_nodes, &node->hmap_node, hash);
}

void
poll_timer_wait_at(long long int msec, const char *where)
{
    long long int now = time_msec();
    long long int when;

    if (msec <= 0) {
        when = LLONG_MIN;
    } else if (now > LLONG_MAX - msec) {
        when = LLONG_MAX;
    } else {
        when = now + msec;
    }
    poll_timer_wait_until_at(when, where);
}

void
poll_timer_wait_until_at(long long int when, const char *where)
{
    struct poll_loop *loop = poll_loop();

    if (when < loop->timeout_when) {
        loop->timeout_when = when;
        loop->timeout_where = where;
    }
}

void
poll_immediate_wake_at(const char *where)
{
    poll_timer_wait_until_at(LLONG_MIN, where);
}

/* Logs, at debug level (or at info level, rate limited, when the process
 * is busy), why the thread woke up: 'pollfd' if it was a descriptor, or a
 * timeout of 'timeout' milliseconds; 'where' is where the wait was
 * registered. */
static void
log_wakeup(const char *where, const struct pollfd *pollfd, int timeout)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 10);
    enum vlog_level level;
    int cpu_usage;
    struct ds s;

    cpu_usage = get_cpu_usage();
    if (VLOG_IS_DBG_ENABLED()) {
        level = VLL_DBG;
    } else if (cpu_usage > 50 && !VLOG_DROP_INFO(&rl)) {
        level = VLL_INFO;
    } else {
        return;
    }

    ds_init(&s);
    ds_put_cstr(&s, "wakeup due to ");
    if (pollfd) {
        char *description = describe_fd(pollfd->fd);

        if (pollfd->revents & POLLIN) {
            ds_put_cstr(&s, "[POLLIN]");
        }
        if (pollfd->revents & POLLOUT) {
            ds_put_cstr(&s, "[POLLOUT]");
        }
        if (pollfd->revents & POLLERR) {
            ds_put_cstr(&s, "[POLLERR]");
        }
        if (pollfd->revents & POLLHUP) {
            ds_put_cstr(&s, "[POLLHUP]");
        }
        if (pollfd->revents & POLLNVAL) {
            ds_put_cstr(&s, "[POLLNVAL]");
        }
        ds_put_format(&s, " on fd %d (%s)", pollfd->fd, description);
        free(description);
    } else {
        ds_put_format(&s, "%d-ms timeout", timeout);
    }
    if (where) {
        ds_put_format(&s, " at %s", where);
    }
    if (cpu_usage >= 0) {
        ds_put_format(&s, " (%d%% CPU usage)", cpu_usage);
    }
    VLOG(level, "%s", ds_cstr(&s));
    ds_destroy(&s);
}

static void
free_poll_nodes(struct poll_loop *loop)
{
    struct poll_node *node;

    HMAP_FOR_EACH_POP (node, hmap_node, &loop->poll_nodes) {
        free(node);
    }
}

/* Returns true if the calling thread's last poll_block() waited on 'fd'
 * for all of 'events' and poll() reported none of them on it, nor an error
 * or a hangup.  Then a non-blocking read (POLLIN) or accept on 'fd' would
 * most likely fail with EAGAIN: a caller may skip that system call and act
 * as if it had, provided that it then waits on 'fd' as it would after
 * EAGAIN (what arrived since the poll wakes the next poll_block() at once).
 * Returns false whenever it does not know. */
bool
poll_fd_known_idle(int fd, short int events)
{
    const struct poll_loop *loop = poll_loop_self;

    if (!loop) {
        return false;
    }
    for (size_t i = 0; i < loop->n_last; i++) {
        const struct pollfd *pfd = &loop->last[i];

        if (pfd->fd == fd) {
            return ((pfd->events & events) == events
                    && !(pfd->revents
                         & (events | POLLERR | POLLHUP | POLLNVAL)));
        }
    }
    return false;
}

/* Forgets what the calling thread's last poll_block() found, for a thread
 * that has slept some other way since (see time_poll_interval_restart()):
 * after that sleep, poll_fd_known_idle() must not trust the older poll. */
void
poll_forget_known_idle(void)
{
    struct poll_loop *loop = poll_loop_self;

    if (loop) {
        free(loop->last);
        loop->last = NULL;
        loop->n_last = 0;
    }
}

void
poll_block(void)
{
    struct poll_loop *loop = poll_loop();
    struct poll_node **nodes;
    struct pollfd *pollfds;
    struct poll_node *node;
    int elapsed;
    int retval;
    size_t i, n;

    /* Register the fatal-signal wakeup before doing real work, so that a
     * signal arriving now interrupts the sleep. */
    fatal_signal_wait();

    /* Apply test time warps (possibly making timers expire). */
    timewarp_run();

    if (loop->timeout_when == LLONG_MIN) {
        COVERAGE_INC(poll_zero_timeout);
    }

    n = hmap_count(&loop->poll_nodes);
    pollfds = xmalloc((n ? n : 1) * sizeof *pollfds);
    nodes = xmalloc((n ? n : 1) * sizeof *nodes);
    i = 0;
    HMAP_FOR_EACH (node, hmap_node, &loop->poll_nodes) {
        pollfds[i] = node->pollfd;
        nodes[i] = node;
        i++;
    }

    retval = time_poll(pollfds, n, loop->timeout_when, &elapsed);
    if (retval < 0) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_ERR_RL(&rl, "poll: %s", ovs_strerror(-retval));
    } else if (!retval) {
        log_wakeup(loop->timeout_where, NULL, elapsed);
    } else if (get_cpu_usage() > 50 || VLOG_IS_DBG_ENABLED()) {
        for (i = 0; i < n; i++) {
            if (pollfds[i].revents) {
                log_wakeup(nodes[i]->where, &pollfds[i], 0);
            }
        }
    }

    free_poll_nodes(loop);
    loop->timeout_when = LLONG_MAX;
    loop->timeout_where = NULL;
    free(loop->last);
    if (retval >= 0 && n <= POLL_MAX_KNOWN) {
        loop->last = pollfds;
        loop->n_last = n;
    } else {
        free(pollfds);
        loop->last = NULL;
        loop->n_last = 0;
    }
    free(nodes);

    /* Handle a fatal signal before anything else. */
    fatal_signal_run();

    seq_woke();
}
