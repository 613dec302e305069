/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovs-rcu.h"

#include "openvswitch/util.h"

/* A postponed call, freed after it runs. */
struct ovsrcu_cb {
    struct rcu_head rcu_head;           /* liburcu's queue node. */
    void (*function)(void *aux);        /* What to call. */
    void *aux;                          /* Its argument. */
};

static void
ovsrcu_run_cb(struct rcu_head *head)
{
    struct ovsrcu_cb *cb = CONTAINER_OF(head, struct ovsrcu_cb, rcu_head);

    cb->function(cb->aux);
    free(cb);
}

void
ovsrcu_postpone__(void (*function)(void *aux), void *aux)
{
    struct ovsrcu_cb *cb = xmalloc(sizeof *cb);

    cb->function = function;
    cb->aux = aux;
    call_rcu(&cb->rcu_head, ovsrcu_run_cb);
}

void
ovsrcu_synchronize(void)
{
    synchronize_rcu();
}

void
ovsrcu_barrier(void)
{
    rcu_barrier();
}
