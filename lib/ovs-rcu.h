/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVS_RCU_H
#define OVS_RCU_H 1

/* Read-copy-update for shared tables, on liburcu's "bulletproof" flavor.
 *
 * We use liburcu rather than an RCU of our own.  The bulletproof flavor
 * needs no per-thread registration: any thread, including ones created by
 * libraries, may enter a read-side critical section at any time, which
 * removes a whole class of "forgot to register" bugs at the cost of a
 * slightly heavier rcu_read_lock() than the QSBR flavor.
 *
 * Readers:   rcu_read_lock(); p = rcu_dereference(shared); ...;
 *            rcu_read_unlock();
 * Writers:   hold the table's mutex; rcu_assign_pointer(shared, new);
 *            ovsrcu_postpone(free_fn, old);
 *
 * Concurrent hash tables: liburcu-cds's cds_lfht (<urcu/rculfhash.h>),
 * included here so that it binds to the same flavor. */

#include <urcu-bp.h>
#include <urcu/rculfhash.h>

/* Calls FUNCTION(ARG) once every thread that might hold a reference to ARG
 * (obtained inside a read-side critical section) has left it. */
void ovsrcu_postpone__(void (*function)(void *aux), void *aux);
#define ovsrcu_postpone(FUNCTION, ARG)                                  \
    ((void) sizeof ((FUNCTION)(ARG), 1),                                \
     ovsrcu_postpone__((void (*)(void *)) (FUNCTION), ARG))

/* Waits until every read-side critical section in progress has ended. */
void ovsrcu_synchronize(void);

/* Waits until every callback postponed so far has run (before exit, and in
 * tests that check for leaks). */
void ovsrcu_barrier(void);

#endif /* ovs-rcu.h */
