/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovs-thread.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "fatal-signal.h"
#include "openvswitch/util.h"

/* Aborts with a message naming 'function' and the error 'error'. */
static void OVS_NO_RETURN
thread_error(const char *function, const char *where, int error)
{
    ovs_abort(error, "%s: %s failed", where ? where : "ovs-thread",
              function);
}

#define XPTHREAD(FUNCTION, WHERE, ...)                  \
    do {                                                \
        int error__ = FUNCTION(__VA_ARGS__);            \
        if (OVS_UNLIKELY(error__)) {                    \
            thread_error(#FUNCTION, WHERE, error__);    \
        }                                               \
    } while (0)

/* Mutexes. */

static void
ovs_mutex_init__(const struct ovs_mutex *l_, int type)
{
    struct ovs_mutex *l = CONST_CAST(struct ovs_mutex *, l_);
    pthread_mutexattr_t attr;

    l->where = "<unlocked>";
    XPTHREAD(pthread_mutexattr_init, NULL, &attr);
    XPTHREAD(pthread_mutexattr_settype, NULL, &attr, type);
    XPTHREAD(pthread_mutex_init, NULL, &l->lock, &attr);
    XPTHREAD(pthread_mutexattr_destroy, NULL, &attr);
}

void
ovs_mutex_init(const struct ovs_mutex *mutex)
{
    ovs_mutex_init__(mutex, PTHREAD_MUTEX_ERRORCHECK);
}

void
ovs_mutex_init_recursive(const struct ovs_mutex *mutex)
{
    ovs_mutex_init__(mutex, PTHREAD_MUTEX_RECURSIVE);
}

void
ovs_mutex_destroy(const struct ovs_mutex *l_)
{
    struct ovs_mutex *l = CONST_CAST(struct ovs_mutex *, l_);

    ovs_assert(l->where);
    l->where = NULL;
    XPTHREAD(pthread_mutex_destroy, NULL, &l->lock);
}

void
ovs_mutex_lock_at(const struct ovs_mutex *l_, const char *where)
{
    struct ovs_mutex *l = CONST_CAST(struct ovs_mutex *, l_);

    if (OVS_UNLIKELY(!l->where)) {
        ovs_abort(0, "%s: ovs_mutex_lock() passed uninitialized ovs_mutex",
                  where);
    }
    XPTHREAD(pthread_mutex_lock, where, &l->lock);
    l->where = where;
}

int
ovs_mutex_trylock_at(const struct ovs_mutex *l_, const char *where)
{
    struct ovs_mutex *l = CONST_CAST(struct ovs_mutex *, l_);
    int error;

    if (OVS_UNLIKELY(!l->where)) {
        ovs_abort(0, "%s: ovs_mutex_trylock() passed uninitialized "
                  "ovs_mutex", where);
    }
    error = pthread_mutex_trylock(&l->lock);
    if (!error) {
        l->where = where;
    } else if (error != EBUSY) {
        thread_error("pthread_mutex_trylock", where, error);
    }
    return error;
}

void
ovs_mutex_unlock(const struct ovs_mutex *l_)
{
    struct ovs_mutex *l = CONST_CAST(struct ovs_mutex *, l_);

    ovs_assert(l->where);
    l->where = "<unlocked>";
    XPTHREAD(pthread_mutex_unlock, NULL, &l->lock);
}

void
ovs_mutex_cond_wait(pthread_cond_t *cond, const struct ovs_mutex *l_)
{
    struct ovs_mutex *l = CONST_CAST(struct ovs_mutex *, l_);
    const char *where = l->where;

    XPTHREAD(pthread_cond_wait, where, cond, &l->lock);
    l->where = where;
}

/* Read-write locks. */

void
ovs_rwlock_init(const struct ovs_rwlock *l_)
{
    struct ovs_rwlock *l = CONST_CAST(struct ovs_rwlock *, l_);
    pthread_rwlockattr_t attr;

    l->where = "<unlocked>";
    XPTHREAD(pthread_rwlockattr_init, NULL, &attr);
    XPTHREAD(pthread_rwlockattr_setkind_np, NULL, &attr,
             PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    XPTHREAD(pthread_rwlock_init, NULL, &l->lock, &attr);
    XPTHREAD(pthread_rwlockattr_destroy, NULL, &attr);
}

void
ovs_rwlock_destroy(const struct ovs_rwlock *l_)
{
    struct ovs_rwlock *l = CONST_CAST(struct ovs_rwlock *, l_);

    ovs_assert(l->where);
    l->where = NULL;
    XPTHREAD(pthread_rwlock_destroy, NULL, &l->lock);
}

void
ovs_rwlock_rdlock_at(const struct ovs_rwlock *l_, const char *where)
{
    struct ovs_rwlock *l = CONST_CAST(struct ovs_rwlock *, l_);

    ovs_assert(l->where);
    XPTHREAD(pthread_rwlock_rdlock, where, &l->lock);
    l->where = where;
}

void
ovs_rwlock_wrlock_at(const struct ovs_rwlock *l_, const char *where)
{
    struct ovs_rwlock *l = CONST_CAST(struct ovs_rwlock *, l_);

    ovs_assert(l->where);
    XPTHREAD(pthread_rwlock_wrlock, where, &l->lock);
    l->where = where;
}

static int
ovs_rwlock_try__(struct ovs_rwlock *l, const char *where, bool write)
{
    int error;

    ovs_assert(l->where);
    error = (write
             ? pthread_rwlock_trywrlock(&l->lock)
             : pthread_rwlock_tryrdlock(&l->lock));
    if (!error) {
        l->where = where;
    } else if (error != EBUSY) {
        thread_error(write ? "pthread_rwlock_trywrlock"
                     : "pthread_rwlock_tryrdlock", where, error);
    }
    return error;
}

int
ovs_rwlock_tryrdlock_at(const struct ovs_rwlock *l, const char *where)
{
    return ovs_rwlock_try__(CONST_CAST(struct ovs_rwlock *, l), where,
                            false);
}

int
ovs_rwlock_trywrlock_at(const struct ovs_rwlock *l, const char *where)
{
    return ovs_rwlock_try__(CONST_CAST(struct ovs_rwlock *, l), where,
                            true);
}

void
ovs_rwlock_unlock(const struct ovs_rwlock *l_)
{
    struct ovs_rwlock *l = CONST_CAST(struct ovs_rwlock *, l_);

    ovs_assert(l->where);
    l->where = "<unlocked>";
    XPTHREAD(pthread_rwlock_unlock, NULL, &l->lock);
}

/* Wrappers. */

void
xpthread_cond_init(pthread_cond_t *cond, pthread_condattr_t *attr)
{
    XPTHREAD(pthread_cond_init, NULL, cond, attr);
}

void
xpthread_cond_destroy(pthread_cond_t *cond)
{
    XPTHREAD(pthread_cond_destroy, NULL, cond);
}

void
xpthread_cond_signal(pthread_cond_t *cond)
{
    XPTHREAD(pthread_cond_signal, NULL, cond);
}

void
xpthread_cond_broadcast(pthread_cond_t *cond)
{
    XPTHREAD(pthread_cond_broadcast, NULL, cond);
}

void
xpthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
    XPTHREAD(pthread_key_create, NULL, key, destructor);
}

void
xpthread_key_delete(pthread_key_t key)
{
    XPTHREAD(pthread_key_delete, NULL, key);
}

void
xpthread_setspecific(pthread_key_t key, const void *value)
{
    XPTHREAD(pthread_setspecific, NULL, key, value);
}

void
xpthread_join(pthread_t thread, void **retval)
{
    XPTHREAD(pthread_join, NULL, thread, retval);
}

void
xpthread_sigmask(int how, const sigset_t *set, sigset_t *oldset)
{
    XPTHREAD(pthread_sigmask, NULL, how, set, oldset);
}

/* Threads. */

/* True once a thread has been created. */
static bool multithreaded;

/* The main thread's id, recorded at start-up. */
static pthread_t main_thread_id;

/* Per-thread identity. */
static __thread unsigned int thread_id;
static __thread char thread_name[16];

/* The next thread id to hand out, and counters for name suffixes. */
static struct ovs_mutex thread_mutex = OVS_MUTEX_INITIALIZER;
static unsigned int next_thread_id = 1;

OVS_CONSTRUCTOR(ovs_thread_record_main)
{
    main_thread_id = pthread_self();
}

/* What a new thread needs before it runs its start function. */
struct ovsthread_aux {
    void *(*start)(void *);     /* Start function. */
    void *arg;                  /* Its argument. */
    char name[16];              /* Thread name, with suffix. */
    unsigned int id;            /* Thread id. */
};

static void *
ovsthread_wrapper(void *aux_)
{
    struct ovsthread_aux *aux = aux_;
    void *(*start)(void *) = aux->start;
    void *arg = aux->arg;

    thread_id = aux->id;
    set_subprogram_name(aux->name);
    free(aux);

    return start(arg);
}

pthread_t
ovs_thread_create(const char *name, void *(*start)(void *), void *arg)
{
    struct ovsthread_aux *aux;
    pthread_attr_t attr;
    sigset_t old_mask;
    pthread_t thread;

    /* Make sure the fatal signal handlers are installed (and that new
     * threads inherit a mask that blocks the fatal signals), so that the
     * main thread receives them. */
    fatal_signal_init();
    fatal_signal_block(&old_mask);

    __atomic_store_n(&multithreaded, true, __ATOMIC_RELAXED);

    aux = xmalloc(sizeof *aux);
    aux->start = start;
    aux->arg = arg;
    ovs_mutex_lock(&thread_mutex);
    aux->id = next_thread_id++;
    ovs_mutex_unlock(&thread_mutex);
    snprintf(aux->name, sizeof aux->name, "%.*s%u",
             (int) (sizeof aux->name - 5), name, aux->id);

    XPTHREAD(pthread_attr_init, NULL, &attr);
    XPTHREAD(pthread_create, name, &thread, &attr, ovsthread_wrapper, aux);
    XPTHREAD(pthread_attr_destroy, NULL, &attr);

    xpthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    return thread;
}

const char *
get_subprogram_name(void)
{
    return thread_name[0] ? thread_name : "main";
}

void
set_subprogram_name(const char *name)
{
    ovs_strlcpy(thread_name, name, sizeof thread_name);
    prctl(PR_SET_NAME, thread_name);
}

unsigned int
ovsthread_id_self(void)
{
    return thread_id;
}

bool
single_threaded(void)
{
    return !__atomic_load_n(&multithreaded, __ATOMIC_RELAXED);
}

bool
is_main_thread(void)
{
    return pthread_equal(pthread_self(), main_thread_id);
}

/* Once-only initialization. */

bool
ovsthread_once_start__(struct ovsthread_once *once)
{
    ovs_mutex_lock(&once->mutex);
    if (!__atomic_load_n(&once->done, __ATOMIC_ACQUIRE)) {
        return false;
    }
    ovs_mutex_unlock(&once->mutex);
    return true;
}

void
ovsthread_once_done(struct ovsthread_once *once)
{
    __atomic_store_n(&once->done, true, __ATOMIC_RELEASE);
    ovs_mutex_unlock(&once->mutex);
}

/* Fork. */

void
assert_single_threaded_at(const char *where)
{
    if (!single_threaded()) {
        ovs_abort(0, "%s: attempted operation not allowed when "
                  "multithreaded", where);
    }
}

pid_t
xfork_at(const char *where)
{
    pid_t pid;

    assert_single_threaded_at(where);
    pid = fork();
    if (pid < 0) {
        ovs_abort(errno, "%s: fork failed", where);
    }
    return pid;
}

int
count_cpu_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}
