/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef POLL_LOOP_H
#define POLL_LOOP_H 1

#include <poll.h>
#include "openvswitch/util.h"

/* The poll loop: how a thread sleeps until something happens.
 *
 * Every module offers a "run" function, which does whatever work is
 * pending without blocking, and a "wait" function, which calls the
 * functions below to say what would give the module more work: a file
 * descriptor becoming readable or writable, or a time being reached.
 * The main loop of a daemon calls every run function, then every wait
 * function, then poll_block(), which sleeps until one of the registered
 * events happens and then forgets all of them, so that the next round of
 * wait functions starts from nothing.
 *
 * Each thread has its own set of events: what one thread registers never
 * wakes another.
 *
 * Every function takes a 'where' argument naming the source location that
 * asked for the wakeup ("lib/stream.c:123"); the macros without the "_at"
 * suffix supply it automatically.  When a thread wakes up, poll_block()
 * logs, at debug level (or at info level when the process is busy), which
 * event woke it and where it was registered, which makes "what keeps this
 * daemon awake?" a question that the log answers. */

#ifndef OVS_SOURCE_LOCATOR
#define OVS_SOURCE_LOCATOR __FILE__ ":" OVS_STRINGIZE2(__LINE__)
#endif

/* Registers 'fd' as waiting for 'events' (a combination of POLLIN,
 * POLLOUT and POLLPRI) in the current thread.  The next poll_block() wakes
 * when any of them is ready on 'fd', and also when 'fd' reports an error or
 * hangup.  Registering the same 'fd' more than once combines the events.
 *
 * 'fd' must stay open until the next poll_block(). */
#define poll_fd_wait(FD, EVENTS) \
    poll_fd_wait_at(FD, EVENTS, OVS_SOURCE_LOCATOR)
void poll_fd_wait_at(int fd, short int events, const char *where);

/* Makes the next poll_block() wake up after at most 'msec' milliseconds,
 * measured on the monotonic clock from now (see time_msec()).  A 'msec' of
 * 0 or less wakes immediately.  Of several timers, the earliest wins. */
#define poll_timer_wait(MSEC) \
    poll_timer_wait_at(MSEC, OVS_SOURCE_LOCATOR)
void poll_timer_wait_at(long long int msec, const char *where);

/* Makes the next poll_block() wake up no later than 'msec', an absolute
 * time on the time_msec() clock.  A time in the past wakes immediately;
 * LLONG_MAX means never (and so does nothing). */
#define poll_timer_wait_until(MSEC) \
    poll_timer_wait_until_at(MSEC, OVS_SOURCE_LOCATOR)
void poll_timer_wait_until_at(long long int msec, const char *where);

/* Makes the next poll_block() return at once, without sleeping.  Use it
 * when a module has more work ready but wants to let others run first. */
#define poll_immediate_wake() poll_immediate_wake_at(OVS_SOURCE_LOCATOR)
void poll_immediate_wake_at(const char *where);

/* Sleeps until one of the events registered by the current thread since
 * the last poll_block() happens, then clears the whole set.  With nothing
 * registered it sleeps until a signal handled by fatal-signal arrives.
 *
 * Before sleeping, it also runs the bookkeeping that every loop iteration
 * needs: pending fatal signals are handled (which may exit the process),
 * this thread's coverage counters are folded into the totals, time warps
 * requested for tests are applied, and a loop iteration that took an
 * unreasonably long time is logged and counted. */
void poll_block(void);

/* Returns true if the calling thread's last poll_block() waited on 'fd' for
 * all of 'events' and found none of them (nor an error or hangup): a
 * non-blocking read or accept on 'fd' may then be skipped as if it had
 * failed with EAGAIN, as long as the caller then waits on 'fd'. */
bool poll_fd_known_idle(int fd, short int events);

/* Makes poll_fd_known_idle() forget the calling thread's last poll_block():
 * for a thread that slept some other way (epoll_wait(), poll()) since. */
void poll_forget_known_idle(void);

#endif /* poll-loop.h */
