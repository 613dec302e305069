/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "seq.h"

#include <stdlib.h>
#include "coverage.h"
#include "hash.h"
#include "latch.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "ovs-thread.h"
#include "poll-loop.h"

COVERAGE_DEFINE(seq_change);

/* A sequence number. */
struct seq {
    uint64_t value;             /* Current value.  Protected by
                                 * 'seq_mutex'. */
    struct hmap waiters;        /* "struct seq_waiter"s, by thread id. */
};

/* A thread's state, created on its first seq_wait(). */
struct seq_thread {
    struct ovs_list waiters;    /* "struct seq_waiter"s, in 'list_node'. */
    struct latch latch;         /* Set to wake this thread. */
};

/* A thread waiting on a seq. */
struct seq_waiter {
    struct seq *seq;            /* The seq waited on. */
    struct hmap_node hmap_node; /* In 'seq->waiters'. */
    unsigned int ovsthread_id;  /* The waiting thread's id. */
    struct seq_thread *thread;  /* The waiting thread's state. */
    struct ovs_list list_node;  /* In 'thread->waiters'. */
};

/* Protects everything above. */
static struct ovs_mutex seq_mutex = OVS_MUTEX_INITIALIZER;

/* The next value to hand out: values are never reused. */
static uint64_t seq_next = 1;

/* The calling thread's state, and the key whose destructor frees it. */
static __thread struct seq_thread *seq_thread_self;
static pthread_key_t seq_thread_key;

static void seq_thread_exit(void *thread_);
static void seq_wake_waiters(struct seq *);

static void
seq_init(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (ovsthread_once_start(&once)) {
        xpthread_key_create(&seq_thread_key, seq_thread_exit);
        ovsthread_once_done(&once);
    }
}

struct seq *
seq_create(void)
{
    struct seq *seq;

    seq_init();
    seq = xmalloc(sizeof *seq);
    ovs_mutex_lock(&seq_mutex);
    seq->value = seq_next++;
    hmap_init(&seq->waiters);
    ovs_mutex_unlock(&seq_mutex);
    return seq;
}

void
seq_destroy(struct seq *seq)
{
    if (seq) {
        ovs_mutex_lock(&seq_mutex);
        seq_wake_waiters(seq);
        hmap_destroy(&seq->waiters);
        ovs_mutex_unlock(&seq_mutex);
        free(seq);
    }
}

void
seq_change(struct seq *seq)
{
    COVERAGE_INC(seq_change);

    ovs_mutex_lock(&seq_mutex);
    seq->value = seq_next++;
    seq_wake_waiters(seq);
    ovs_mutex_unlock(&seq_mutex);
}

uint64_t
seq_read(const struct seq *seq)
{
    uint64_t value;

    ovs_mutex_lock(&seq_mutex);
    value = seq->value;
    ovs_mutex_unlock(&seq_mutex);
    return value;
}

static struct seq_thread *
seq_thread_get(void)
{
    struct seq_thread *thread = seq_thread_self;

    if (!thread) {
        seq_init();
        thread = xmalloc(sizeof *thread);
        ovs_list_init(&thread->waiters);
        latch_init(&thread->latch);
        seq_thread_self = thread;
        xpthread_setspecific(seq_thread_key, thread);
    }
    return thread;
}

void
seq_wait_at(const struct seq *seq_, uint64_t value, const char *where)
{
    struct seq *seq = CONST_CAST(struct seq *, seq_);
    struct seq_thread *thread = seq_thread_get();
    unsigned int id = ovsthread_id_self();
    uint32_t hash = hash_int(id, 0);
    struct seq_waiter *waiter;

    ovs_mutex_lock(&seq_mutex);
    if (value != seq->value) {
        ovs_mutex_unlock(&seq_mutex);
        poll_immediate_wake_at(where);
        return;
    }

    HMAP_FOR_EACH_IN_BUCKET (waiter, hmap_node, hash, &seq->waiters) {
        if (waiter->ovsthread_id == id) {
            goto done;
        }
    }
    waiter = xmalloc(sizeof *waiter);
    waiter->seq = seq;
    hmap_insert(&seq->waiters, &waiter->hmap_node, hash);
    waiter->ovsthread_id = id;
    waiter->thread = thread;
    ovs_list_push_back(&thread->waiters, &waiter->list_node);

done:
    ovs_mutex_unlock(&seq_mutex);
    latch_wait_at(&thread->latch, where);
}

/* Removes and frees 'waiter'.  Called with 'seq_mutex'. */
static void
seq_waiter_destroy(struct seq_waiter *waiter)
{
    hmap_remove(&waiter->seq->waiters, &waiter->hmap_node);
    ovs_list_remove(&waiter->list_node);
    free(waiter);
}

/* Wakes and forgets every waiter of 'seq'.  Called with 'seq_mutex'. */
static void
seq_wake_waiters(struct seq *seq)
{
    struct seq_waiter *waiter;

    HMAP_FOR_EACH_SAFE (waiter, hmap_node, &seq->waiters) {
        latch_set(&waiter->thread->latch);
        seq_waiter_destroy(waiter);
    }
}

/* Forgets every wait of 'thread'. */
static void
seq_thread_forget(struct seq_thread *thread)
{
    struct seq_waiter *waiter;

    ovs_mutex_lock(&seq_mutex);
    LIST_FOR_EACH_SAFE (waiter, list_node, &thread->waiters) {
        seq_waiter_destroy(waiter);
    }
    ovs_mutex_unlock(&seq_mutex);
}

void
seq_woke(void)
{
    struct seq_thread *thread = seq_thread_self;

    if (thread) {
        latch_poll(&thread->latch);
        seq_thread_forget(thread);
    }
}

static void
seq_thread_exit(void *thread_)
{
    struct seq_thread *thread = thread_;

    seq_thread_forget(thread);
    latch_destroy(&thread->latch);
    free(thread);
}
