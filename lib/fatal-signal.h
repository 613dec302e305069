/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef FATAL_SIGNAL_H
#define FATAL_SIGNAL_H 1

#include <signal.h>
#include <stdbool.h>

/* Clean shutdown on fatal signals.
 *
 * SIGTERM, SIGINT, SIGHUP and SIGALRM would kill the process at once,
 * leaving behind its pid file, its unixctl socket and other temporary
 * files.  This module catches them instead: the signal handler only
 * records the signal and wakes the poll loop; the next poll_block() (or
 * fatal_signal_run()) then runs the registered hooks, which unlink the
 * registered files among other things, and finally re-raises the signal
 * with its default action, so that the process dies "killed by SIGTERM"
 * as its parent expects.  The same hooks (those registered with
 * 'run_at_exit') also run when the process exits normally.
 *
 * SIGPIPE is ignored, so that writing to a closed socket fails with EPIPE
 * rather than killing the process.
 *
 * Everything here is for the main thread; other threads have the fatal
 * signals blocked (see ovs_thread_create()). */

/* Installs the signal handlers and the exit hook.  Called automatically by
 * the other functions; idempotent. */
void fatal_signal_init(void);

/* Registers 'hook_cb(aux)' to run when a fatal signal arrives, and also at
 * normal process exit if 'run_at_exit' is true.  Hooks run in the reverse
 * order of registration, at most once each.  'cancel_cb', if nonnull, is
 * called with 'aux' by fatal_signal_fork() in a child process instead of
 * running 'hook_cb', so the child forgets the parent's cleanup. */
void fatal_signal_add_hook(void (*hook_cb)(void *aux),
                           void (*cancel_cb)(void *aux), void *aux,
                           bool run_at_exit);

/* Makes a child process forget the parent's hooks and unlink list, after a
 * fork() that keeps the child running Weft code. */
void fatal_signal_fork(void);

/* If a fatal signal has arrived, runs the hooks and dies from the signal.
 * Otherwise does nothing.  poll_block() calls this. */
void fatal_signal_run(void);

/* Makes the next poll_block() wake when a fatal signal arrives. */
void fatal_signal_wait(void);

/* Ignores SIGPIPE. */
void fatal_ignore_sigpipe(void);

/* Runs the hooks registered with 'run_at_exit'; for atexit(). */
void fatal_signal_atexit_handler(void);

/* Adds 'file_name' to the files to unlink when the process dies from a
 * fatal signal or exits normally.  The name is copied; a relative name is
 * relative to the working directory at the time of this call. */
void fatal_signal_add_file_to_unlink(const char *file_name);

/* Removes 'file_name' from the files to unlink (without unlinking it). */
void fatal_signal_remove_file_to_unlink(const char *file_name);

/* Unlinks 'file_name' now and removes it from the files to unlink.
 * Returns 0 or a positive errno value (logging it), ENOENT included. */
int fatal_signal_unlink_file_now(const char *file_name);

/* The signal handler itself, for a program that installs it for another
 * signal by hand: records 'sig_nr' and wakes the poll loop. */
void fatal_signal_handler(int sig_nr);

/* Blocks the fatal signals in the calling thread, storing the previous
 * mask in '*prev_mask' if it is nonnull. */
void fatal_signal_block(sigset_t *prev_mask);

#endif /* fatal-signal.h */
