/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "pinsched.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "ofpbuf.h"
#include "poll-loop.h"
#include "token-bucket.h"

/* Tokens one packet costs: the bucket gains 'rate_limit' tokens per
 * millisecond, so this makes 'rate_limit' packets per second. */
#define PINSCHED_TOKENS_PER_PACKET 1000

/* The most packets pinsched_run() releases in one call. */
#define PINSCHED_MAX_RUN 50

/* The packets queued for one input port. */
struct pinqueue {
    struct hmap_node node;      /* In struct pinsched's 'queues'. */
    struct ovs_list active_node; /* In 'active' while 'packets' is not
                                  * empty. */
    ofp_port_t port_no;         /* The input port. */
    struct ovs_list packets;    /* "struct ofpbuf"s, via 'list_node'. */
    int n;                      /* Number of 'packets'. */
};

/* A packet-in scheduler. */
struct pinsched {
    struct token_bucket tb;     /* Admits packets at the rate limit. */
    int rate_limit;             /* Packets per second. */
    int burst_limit;            /* Largest burst, and per-port queue
                                 * limit. */

    struct hmap queues;         /* "struct pinqueue"s, by port. */
    struct ovs_list active;     /* Non-empty queues, in service order. */
    unsigned int n_queued;      /* Packets in all queues. */

    /* Statistics. */
    unsigned long long n_normal;    /* Sent without queuing. */
    unsigned long long n_limited;   /* Queued. */
    unsigned long long n_queue_dropped; /* Dropped from a queue. */
};

/* Adjusts 'rate_limit' and 'burst_limit' to the documented defaults and
 * bounds. */
static void
pinsched_adjust_limits(int *rate_limit, int *burst_limit)
{
    if (*rate_limit <= 0) {
        *rate_limit = 1000;
    }
    if (*burst_limit <= 0) {
        *burst_limit = *rate_limit / 4;
    }
    *burst_limit = MAX(*burst_limit, 1);
    *burst_limit = MIN(*burst_limit, INT_MAX / PINSCHED_TOKENS_PER_PACKET);
}

struct pinsched *
pinsched_create(int rate_limit, int burst_limit)
{
    struct pinsched *ps = xzalloc(sizeof *ps);

    hmap_init(&ps->queues);
    ovs_list_init(&ps->active);
    pinsched_adjust_limits(&rate_limit, &burst_limit);
    ps->rate_limit = rate_limit;
    ps->burst_limit = burst_limit;
    token_bucket_init(&ps->tb, rate_limit,
                      burst_limit * PINSCHED_TOKENS_PER_PACKET);
    return ps;
}

void
pinsched_get_limits(const struct pinsched *ps, int *rate_limit,
                    int *burst_limit)
{
    *rate_limit = ps->rate_limit;
    *burst_limit = ps->burst_limit;
}

/* Drops the oldest packet of 'q'. */
static void
pinqueue_drop_oldest(struct pinsched *ps, struct pinqueue *q)
{
    struct ofpbuf *packet = CONTAINER_OF(ovs_list_pop_front(&q->packets),
                                         struct ofpbuf, list_node);
    ofpbuf_delete(packet);
    q->n--;
    ps->n_queued--;
    ps->n_queue_dropped++;
    if (!q->n) {
        ovs_list_remove(&q->active_node);
    }
}

/* Drops packets from the longest queues until at most 'max' are queued in
 * all and at most 'per_queue' in each. */
static void
pinsched_trim(struct pinsched *ps, unsigned int max, int per_queue)
{
    struct pinqueue *q;

    HMAP_FOR_EACH (q, node, &ps->queues) {
        while (q->n > per_queue) {
            pinqueue_drop_oldest(ps, q);
        }
    }
    while (ps->n_queued > max) {
        struct pinqueue *longest = NULL;

        HMAP_FOR_EACH (q, node, &ps->queues) {
            if (!longest || q->n > longest->n) {
                longest = q;
            }
        }
        pinqueue_drop_oldest(ps, longest);
    }
}

void
pinsched_set_limits(struct pinsched *ps, int rate_limit, int burst_limit)
{
    pinsched_adjust_limits(&rate_limit, &burst_limit);
    if (rate_limit != ps->rate_limit || burst_limit != ps->burst_limit) {
        ps->rate_limit = rate_limit;
        ps->burst_limit = burst_limit;
        token_bucket_set(&ps->tb, rate_limit,
                         burst_limit * PINSCHED_TOKENS_PER_PACKET);
        pinsched_trim(ps, burst_limit, burst_limit);
    }
}

void
pinsched_destroy(struct pinsched *ps)
{
    if (ps) {
        struct pinqueue *q;

        HMAP_FOR_EACH_POP (q, node, &ps->queues) {
            struct ofpbuf *packet;

            LIST_FOR_EACH_POP (packet, list_node, &q->packets) {
                ofpbuf_delete(packet);
            }
            free(q);
        }
        hmap_destroy(&ps->queues);
        free(ps);
    }
}

/* Returns the queue for 'port_no', creating it if necessary. */
static struct pinqueue *
pinqueue_get(struct pinsched *ps, ofp_port_t port_no)
{
    uint32_t hash = hash_int(ofp_to_u16(port_no), 0);
    struct pinqueue *q;

    HMAP_FOR_EACH_WITH_HASH (q, node, hash, &ps->queues) {
        if (q->port_no == port_no) {
            return q;
        }
    }
    q = xzalloc(sizeof *q);
    q->port_no = port_no;
    ovs_list_init(&q->packets);
    hmap_insert(&ps->queues, &q->node, hash);
    return q;
}

void
pinsched_send(struct pinsched *ps, ofp_port_t port_no,
              struct ofpbuf *packet, struct ovs_list *txq)
{
    if (!ps) {
        ovs_list_push_back(txq, &packet->list_node);
    } else if (!ps->n_queued
               && token_bucket_withdraw(&ps->tb,
                                        PINSCHED_TOKENS_PER_PACKET)) {
        /* Nothing is waiting and the rate allows it: send now. */
        ps->n_normal++;
        ovs_list_push_back(txq, &packet->list_node);
    } else {
        /* Over the limit: queue, making room first if needed. */
        struct pinqueue *q = pinqueue_get(ps, port_no);

        if (q->n >= ps->burst_limit) {
            pinqueue_drop_oldest(ps, q);
        } else if (ps->n_queued >= ps->burst_limit) {
            pinsched_trim(ps, ps->n_queued - 1, ps->burst_limit);
        }
        if (!q->n) {
            ovs_list_push_back(&ps->active, &q->active_node);
        }
        ovs_list_push_back(&q->packets, &packet->list_node);
        q->n++;
        ps->n_queued++;
        ps->n_limited++;
    }
}

void
pinsched_run(struct pinsched *ps, struct ovs_list *txq)
{
    if (!ps) {
        return;
    }
    for (int i = 0; i < PINSCHED_MAX_RUN && ps->n_queued; i++) {
        if (!token_bucket_withdraw(&ps->tb, PINSCHED_TOKENS_PER_PACKET)) {
            break;
        }

        /* Serve the queues round-robin: take one packet from the queue at
         * the front, then move that queue to the back. */
        struct pinqueue *q = CONTAINER_OF(ovs_list_pop_front(&ps->active),
                                          struct pinqueue, active_node);
        struct ofpbuf *packet = CONTAINER_OF(ovs_list_pop_front(&q->packets),
                                             struct ofpbuf, list_node);
        q->n--;
        ps->n_queued--;
        if (q->n) {
            ovs_list_push_back(&ps->active, &q->active_node);
        }
        ovs_list_push_back(txq, &packet->list_node);
    }
}

void
pinsched_wait(struct pinsched *ps)
{
    if (ps && ps->n_queued) {
        token_bucket_wait(&ps->tb, PINSCHED_TOKENS_PER_PACKET);
    }
}

void
pinsched_get_stats(const struct pinsched *ps, struct pinsched_stats *stats)
{
    if (ps) {
        stats->n_queued = ps->n_queued;
        stats->n_normal = ps->n_normal;
        stats->n_limited = ps->n_limited;
        stats->n_queue_dropped = ps->n_queue_dropped;
    } else {
        memset(stats, 0, sizeof *stats);
    }
}
