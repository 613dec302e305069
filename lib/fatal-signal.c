/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "fatal-signal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "poll-loop.h"
#include "signals.h"
#include "sset.h"

VLOG_DEFINE_THIS_MODULE(fatal_signal);

/* The signals handled here. */
static const int fatal_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGALRM };

/* A registered hook. */
struct hook {
    void (*hook_cb)(void *aux); /* Runs on a fatal signal (or exit). */
    void (*cancel_cb)(void *aux); /* Runs in a forked child instead. */
    void *aux;                  /* Argument for both. */
    bool run_at_exit;           /* Also run at normal exit? */
};

#define MAX_HOOKS 32
static struct hook hooks[MAX_HOOKS];
static size_t n_hooks;

/* Signal number stored by the handler, 0 if none yet. */
static volatile sig_atomic_t stored_sig_nr;

/* The handler writes a byte to signal_fds[1]; poll loops wait on
 * signal_fds[0]. */
static int signal_fds[2] = { -1, -1 };

/* Protects 'hooks', 'n_hooks' and the files to unlink, and serializes
 * running the hooks. */
static struct ovs_mutex mutex = OVS_MUTEX_INITIALIZER;

/* True while or after the hooks run, so that they run only once. */
static bool hooks_running;

static void call_hooks(int sig_nr);

/* Creates the wakeup pipe, non-blocking and close-on-exec. */
static void
open_signal_pipe(void)
{
    if (pipe2(signal_fds, O_NONBLOCK | O_CLOEXEC)) {
        ovs_abort(errno, "could not create pipe");
    }
}

void
fatal_signal_init(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        size_t i;

        ovs_mutex_init_recursive(&mutex);
        open_signal_pipe();
        fatal_ignore_sigpipe();

        for (i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
            int sig_nr = fatal_signals[i];
            struct sigaction old_sa;

            xsigaction(sig_nr, NULL, &old_sa);
            /* Leave alone a signal that someone chose to ignore (e.g. SIGHUP
             * under nohup). */
            if (old_sa.sa_handler == SIG_DFL) {
                struct sigaction sa;

                memset(&sa, 0, sizeof sa);
                sa.sa_handler = fatal_signal_handler;
                sigemptyset(&sa.sa_mask);
                sa.sa_flags = SA_RESTART;
                xsigaction(sig_nr, &sa, NULL);
            }
        }
        atexit(fatal_signal_atexit_handler);
        ovsthread_once_done(&once);
    }
}

void
fatal_signal_add_hook(void (*hook_cb)(void *aux),
                      void (*cancel_cb)(void *aux), void *aux,
                      bool run_at_exit)
{
    fatal_signal_init();

    ovs_mutex_lock(&mutex);
    ovs_assert(n_hooks < MAX_HOOKS);
    hooks[n_hooks].hook_cb = hook_cb;
    hooks[n_hooks].cancel_cb = cancel_cb;
    hooks[n_hooks].aux = aux;
    hooks[n_hooks].run_at_exit = run_at_exit;
    n_hooks++;
    ovs_mutex_unlock(&mutex);
}

void
fatal_signal_handler(int sig_nr)
{
    int saved_errno = errno;
    ssize_t retval;

    stored_sig_nr = sig_nr;
    do {
        retval = write(signal_fds[1], "", 1);
    } while (retval < 0 && errno == EINTR);
    errno = saved_errno;
}

void
fatal_signal_run(void)
{
    int sig_nr;

    fatal_signal_init();

    sig_nr = stored_sig_nr;
    if (sig_nr) {
        char namebuf[SIGNAL_NAME_BUFSIZE];
        sigset_t unblock;

        ovs_mutex_lock(&mutex);

        VLOG_WARN("terminating with signal %d (%s)", sig_nr,
                  signal_name(sig_nr, namebuf, sizeof namebuf));
        call_hooks(sig_nr);

        /* Die from the signal, so that our parent sees how we died.  The
         * signal may be blocked in this thread: unblock it. */
        signal(sig_nr, SIG_DFL);
        sigemptyset(&unblock);
        sigaddset(&unblock, sig_nr);
        pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
        raise(sig_nr);

        /* Not reached unless the signal is ignored elsewhere. */
        ovs_mutex_unlock(&mutex);
        OVS_NOT_REACHED();
    }
}

void
fatal_signal_wait(void)
{
    fatal_signal_init();
    poll_fd_wait(signal_fds[0], POLLIN);
}

void
fatal_ignore_sigpipe(void)
{
    signal(SIGPIPE, SIG_IGN);
}

void
fatal_signal_atexit_handler(void)
{
    call_hooks(0);
}

/* Runs the hooks, once: for signal 'sig_nr', or for a normal exit if it is
 * 0. */
static void
call_hooks(int sig_nr)
{
    ovs_mutex_lock(&mutex);
    if (!hooks_running) {
        size_t i;

        hooks_running = true;
        for (i = n_hooks; i-- > 0; ) {
            struct hook *h = &hooks[i];
            if (sig_nr || h->run_at_exit) {
                h->hook_cb(h->aux);
            }
        }
    }
    ovs_mutex_unlock(&mutex);
}

void
fatal_signal_fork(void)
{
    size_t i;

    fatal_signal_init();

    ovs_mutex_lock(&mutex);
    for (i = 0; i < n_hooks; i++) {
        struct hook *h = &hooks[i];
        if (h->cancel_cb) {
            h->cancel_cb(h->aux);
        }
    }
    ovs_mutex_unlock(&mutex);

    /* The child gets a wakeup pipe of its own, so that a signal to one
     * process does not wake the other. */
    close(signal_fds[0]);
    close(signal_fds[1]);
    open_signal_pipe();
    if (stored_sig_nr) {
        fatal_signal_handler(stored_sig_nr);
    }
}

void
fatal_signal_block(sigset_t *prev_mask)
{
    sigset_t block;
    size_t i;

    sigemptyset(&block);
    for (i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        sigaddset(&block, fatal_signals[i]);
    }
    xpthread_sigmask(SIG_BLOCK, &block, prev_mask);
}

/* Files to unlink. */

/* Absolute names of the files to unlink. */
static struct sset files = SSET_INITIALIZER(&files);

static void
unlink_files(void *aux OVS_UNUSED)
{
    const char *name;

    SSET_FOR_EACH (name, &files) {
        unlink(name);
    }
}

static void
cancel_files(void *aux OVS_UNUSED)
{
    sset_clear(&files);
}

/* Returns a malloc()'d absolute version of 'file_name'. */
static char *
absolutize(const char *file_name)
{
    char *abs = abs_file_name(NULL, file_name);
    return abs ? abs : xstrdup(file_name);
}

void
fatal_signal_add_file_to_unlink(const char *file_name)
{
    static bool added_hook = false;
    char *abs = absolutize(file_name);

    if (!added_hook) {
        added_hook = true;
        fatal_signal_add_hook(unlink_files, cancel_files, NULL, true);
    }

    ovs_mutex_lock(&mutex);
    sset_add(&files, abs);
    ovs_mutex_unlock(&mutex);
    free(abs);
}

void
fatal_signal_remove_file_to_unlink(const char *file_name)
{
    char *abs = absolutize(file_name);

    fatal_signal_init();
    ovs_mutex_lock(&mutex);
    sset_find_and_delete(&files, abs);
    ovs_mutex_unlock(&mutex);
    free(abs);
}

int
fatal_signal_unlink_file_now(const char *file_name)
{
    int error = unlink(file_name) ? errno : 0;

    if (error) {
        VLOG_WARN("could not unlink \"%s\" (%s)", file_name,
                  ovs_strerror(error));
    }
    fatal_signal_remove_file_to_unlink(file_name);
    return error;
}
