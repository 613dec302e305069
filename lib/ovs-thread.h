/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVS_THREAD_H
#define OVS_THREAD_H 1

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "openvswitch/util.h"

/* Threads, locks and once-only initialization.
 *
 * Thin wrappers around POSIX threads that abort on any error other than
 * the ones a caller can act on (EBUSY from a trylock), and that record, for
 * each mutex, where it was last locked, which is what a person debugging a
 * deadlock wants to know first. */

/* Thread-safety annotations.  Clang's -Wthread-safety checks them; other
 * compilers ignore them.  They document which lock protects what. */
#ifndef OVS_LOCKABLE
#if defined(__clang__) && defined(__has_attribute)
#define OVS_LOCKABLE __attribute__((lockable))
#define OVS_GUARDED __attribute__((guarded_var))
#define OVS_GUARDED_BY(...) __attribute__((guarded_by(__VA_ARGS__)))
#define OVS_ACQUIRES(...) __attribute__((exclusive_lock_function(__VA_ARGS__)))
#define OVS_RELEASES(...) __attribute__((unlock_function(__VA_ARGS__)))
#define OVS_TRY_LOCK(...) \
    __attribute__((exclusive_trylock_function(__VA_ARGS__)))
#define OVS_REQUIRES(...) \
    __attribute__((exclusive_locks_required(__VA_ARGS__)))
#define OVS_EXCLUDED(...) __attribute__((locks_excluded(__VA_ARGS__)))
#define OVS_NO_THREAD_SAFETY_ANALYSIS \
    __attribute__((no_thread_safety_analysis))
#else
#define OVS_LOCKABLE
#define OVS_GUARDED
#define OVS_GUARDED_BY(...)
#define OVS_ACQUIRES(...)
#define OVS_RELEASES(...)
#define OVS_TRY_LOCK(...)
#define OVS_REQUIRES(...)
#define OVS_EXCLUDED(...)
#define OVS_NO_THREAD_SAFETY_ANALYSIS
#endif
#define OVS_ACQ_RDLOCK(...) OVS_ACQUIRES(__VA_ARGS__)
#define OVS_ACQ_WRLOCK(...) OVS_ACQUIRES(__VA_ARGS__)
#define OVS_REQ_RDLOCK(...) OVS_REQUIRES(__VA_ARGS__)
#define OVS_REQ_WRLOCK(...) OVS_REQUIRES(__VA_ARGS__)
#endif

#ifndef OVS_SOURCE_LOCATOR
#define OVS_SOURCE_LOCATOR __FILE__ ":" OVS_STRINGIZE2(__LINE__)
#endif

/* Mutexes. */

/* A mutex.  Statically allocated ones may use OVS_MUTEX_INITIALIZER;
 * others need ovs_mutex_init(). */
struct OVS_LOCKABLE ovs_mutex {
    pthread_mutex_t lock;       /* The underlying POSIX mutex. */
    const char *where;          /* Where last locked, "<unlocked>" if
                                 * unlocked, NULL if not initialized. */
};

#define OVS_MUTEX_INITIALIZER { PTHREAD_MUTEX_INITIALIZER, "<unlocked>" }

/* Initializes 'mutex' as a normal (non-recursive) or recursive mutex. */
void ovs_mutex_init(const struct ovs_mutex *mutex);
void ovs_mutex_init_recursive(const struct ovs_mutex *mutex);

/* Destroys 'mutex', which must be unlocked. */
void ovs_mutex_destroy(const struct ovs_mutex *mutex);

/* Locks 'mutex', recording 'where' as the place that holds it. */
#define ovs_mutex_lock(MUTEX) ovs_mutex_lock_at(MUTEX, OVS_SOURCE_LOCATOR)
void ovs_mutex_lock_at(const struct ovs_mutex *mutex, const char *where)
    OVS_ACQUIRES(mutex);

/* Tries to lock 'mutex'.  Returns 0 if successful, EBUSY if some thread
 * already holds it. */
#define ovs_mutex_trylock(MUTEX) \
    ovs_mutex_trylock_at(MUTEX, OVS_SOURCE_LOCATOR)
int ovs_mutex_trylock_at(const struct ovs_mutex *mutex, const char *where)
    OVS_TRY_LOCK(0, mutex);

/* Unlocks 'mutex', which the calling thread must hold. */
void ovs_mutex_unlock(const struct ovs_mutex *mutex) OVS_RELEASES(mutex);

/* Read-write locks. */

/* A read-write lock: any number of readers or one writer. */
struct OVS_LOCKABLE ovs_rwlock {
    pthread_rwlock_t lock;      /* The underlying POSIX lock. */
    const char *where;          /* Where last locked, as for ovs_mutex. */
};

#define OVS_RWLOCK_INITIALIZER { PTHREAD_RWLOCK_INITIALIZER, "<unlocked>" }

/* Initializes and destroys 'rwlock'.  Writers are preferred, so that a
 * steady stream of readers cannot starve them. */
void ovs_rwlock_init(const struct ovs_rwlock *rwlock);
void ovs_rwlock_destroy(const struct ovs_rwlock *rwlock);

/* Locks 'rwlock' for reading or for writing, recording 'where'. */
#define ovs_rwlock_rdlock(RWLOCK) \
    ovs_rwlock_rdlock_at(RWLOCK, OVS_SOURCE_LOCATOR)
void ovs_rwlock_rdlock_at(const struct ovs_rwlock *rwlock, const char *where)
    OVS_ACQ_RDLOCK(rwlock);
#define ovs_rwlock_wrlock(RWLOCK) \
    ovs_rwlock_wrlock_at(RWLOCK, OVS_SOURCE_LOCATOR)
void ovs_rwlock_wrlock_at(const struct ovs_rwlock *rwlock, const char *where)
    OVS_ACQ_WRLOCK(rwlock);

/* Tries to lock 'rwlock' for reading or writing; 0 or EBUSY. */
#define ovs_rwlock_tryrdlock(RWLOCK) \
    ovs_rwlock_tryrdlock_at(RWLOCK, OVS_SOURCE_LOCATOR)
int ovs_rwlock_tryrdlock_at(const struct ovs_rwlock *rwlock,
                            const char *where) OVS_TRY_LOCK(0, rwlock);
#define ovs_rwlock_trywrlock(RWLOCK) \
    ovs_rwlock_trywrlock_at(RWLOCK, OVS_SOURCE_LOCATOR)
int ovs_rwlock_trywrlock_at(const struct ovs_rwlock *rwlock,
                            const char *where) OVS_TRY_LOCK(0, rwlock);

/* Unlocks 'rwlock', whichever way the calling thread holds it. */
void ovs_rwlock_unlock(const struct ovs_rwlock *rwlock) OVS_RELEASES(rwlock);

/* Condition variables, used with an ovs_mutex. */

/* Atomically unlocks 'mutex', waits on 'cond' until signaled, and
 * relocks 'mutex'. */
void ovs_mutex_cond_wait(pthread_cond_t *cond,
                         const struct ovs_mutex *mutex)
    OVS_REQUIRES(mutex);

/* pthread_cond_*() wrappers that abort on error. */
void xpthread_cond_init(pthread_cond_t *, pthread_condattr_t *);
void xpthread_cond_destroy(pthread_cond_t *);
void xpthread_cond_signal(pthread_cond_t *);
void xpthread_cond_broadcast(pthread_cond_t *);

/* Other pthread wrappers that abort on error. */
void xpthread_key_create(pthread_key_t *, void (*destructor)(void *));
void xpthread_key_delete(pthread_key_t);
void xpthread_setspecific(pthread_key_t, const void *);
void xpthread_join(pthread_t, void **);
void xpthread_sigmask(int how, const sigset_t *set, sigset_t *oldset);

/* Threads. */

/* Starts a thread that runs 'start(arg)' and returns its id.  'name' (at
 * most 15 characters are kept) names the thread for the kernel and for
 * logging; a numeric suffix makes names unique ("handler1",
 * "handler2"...).  The new thread has all signals that fatal-signal
 * handles blocked, so that they are delivered to the main thread. */
pthread_t ovs_thread_create(const char *name, void *(*start)(void *),
                            void *arg);

/* Returns the name of the calling thread: "main" for the main thread, the
 * name given to ovs_thread_create() (with its suffix) for others. */
const char *get_subprogram_name(void);

/* Sets the calling thread's name, as returned by get_subprogram_name(). */
void set_subprogram_name(const char *name);

/* Returns a small integer that identifies the calling thread: 0 for the
 * main thread, 1, 2, ... for others, in order of creation. */
unsigned int ovsthread_id_self(void);

/* Returns true until the first call to ovs_thread_create(). */
bool single_threaded(void);

/* Returns true if the calling thread is the process's main thread. */
bool is_main_thread(void);

/* Once-only initialization.
 *
 * Use like this:
 *
 *     static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
 *
 *     if (ovsthread_once_start(&once)) {
 *         ...initialize...
 *         ovsthread_once_done(&once);
 *     }
 *
 * Exactly one caller sees true; any other caller that arrives while the
 * initialization runs waits until it is done, then sees false. */
struct ovsthread_once {
    bool done;                  /* Initialization complete? */
    struct ovs_mutex mutex;     /* Held during initialization. */
};

#define OVSTHREAD_ONCE_INITIALIZER { false, OVS_MUTEX_INITIALIZER }

bool ovsthread_once_start__(struct ovsthread_once *once)
    OVS_TRY_LOCK(true, once->mutex);
void ovsthread_once_done(struct ovsthread_once *once)
    OVS_RELEASES(once->mutex);

/* Returns true if the caller must do the initialization guarded by 'once'
 * (and then call ovsthread_once_done()), false if it has been done. */
static inline bool
ovsthread_once_start(struct ovsthread_once *once)
{
    return OVS_UNLIKELY(!__atomic_load_n(&once->done, __ATOMIC_ACQUIRE)
                        && !ovsthread_once_start__(once));
}

/* Per-thread data.
 *
 * DEFINE_STATIC_PER_THREAD_DATA(TYPE, NAME, INITIALIZER) defines, with
 * static linkage, a variable of type TYPE of which every thread has its
 * own copy, initially INITIALIZER, and a function NAME_get() that returns a
 * pointer to the calling thread's copy.  DEFINE_PER_THREAD_DATA and
 * DECLARE_EXTERN_PER_THREAD_DATA do the same with external linkage. */
#define DEFINE_STATIC_PER_THREAD_DATA(TYPE, NAME, ...)          \
    static __thread TYPE NAME##_var = __VA_ARGS__;              \
    static inline TYPE *                                        \
    NAME##_get_unsafe(void)                                     \
    {                                                           \
        return &NAME##_var;                                     \
    }                                                           \
    static inline TYPE *                                        \
    NAME##_get(void)                                            \
    {                                                           \
        return NAME##_get_unsafe();                             \
    }

#define DECLARE_EXTERN_PER_THREAD_DATA(TYPE, NAME)              \
    extern __thread TYPE NAME##_var;                            \
    static inline TYPE *                                        \
    NAME##_get_unsafe(void)                                     \
    {                                                           \
        return &NAME##_var;                                     \
    }                                                           \
    static inline TYPE *                                        \
    NAME##_get(void)                                            \
    {                                                           \
        return NAME##_get_unsafe();                             \
    }

#define DEFINE_EXTERN_PER_THREAD_DATA(NAME, ...) \
    __thread __typeof__(NAME##_var) NAME##_var = __VA_ARGS__;

/* Fork. */

/* Like fork(), but aborts on failure, and refuses (aborting) once the
 * process has started threads, since only the forking thread would survive
 * in the child.  Returns the child's pid in the parent, 0 in the child. */
pid_t xfork_at(const char *where);
#define xfork() xfork_at(OVS_SOURCE_LOCATOR)

/* Asserts that the process has no threads besides the main one; used
 * before fork() and by daemonize. */
void assert_single_threaded_at(const char *where);
#define assert_single_threaded() \
    assert_single_threaded_at(OVS_SOURCE_LOCATOR)

/* Returns the number of online CPU cores, at least 1. */
int count_cpu_cores(void);

#endif /* ovs-thread.h */
