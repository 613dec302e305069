/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "token-bucket.h"

#include "poll-loop.h"
#include "timeval.h"

void
token_bucket_init(struct token_bucket *tb,
                  unsigned int rate, unsigned int burst)
{
    tb->rate = rate;
    tb->burst = burst;
    tb->tokens = 0;
    tb->last_fill = LLONG_MIN;
}

void
token_bucket_set(struct token_bucket *tb,
                 unsigned int rate, unsigned int burst)
{
    tb->rate = rate;
    tb->burst = burst;
    if (burst < tb->tokens) {
        tb->tokens = burst;
    }
}

/* Adds the tokens earned since the last refill. */
static void
token_bucket_refill(struct token_bucket *tb)
{
    long long int now = time_msec();

    if (tb->last_fill == LLONG_MIN) {
        tb->tokens = tb->burst;
        tb->last_fill = now;
    } else if (now > tb->last_fill) {
        unsigned long long int elapsed = now - tb->last_fill;
        unsigned long long int add = elapsed * tb->rate;
        unsigned long long int tokens = tb->tokens + add;

        if (tb->rate && add / tb->rate != elapsed) {
            tokens = tb->burst;     /* Overflow: certainly full. */
        }
        tb->tokens = tokens < tb->burst ? tokens : tb->burst;
        tb->last_fill = now;
    }
}

bool
token_bucket_withdraw(struct token_bucket *tb, unsigned int n)
{
    token_bucket_refill(tb);
    if (tb->tokens >= n) {
        tb->tokens -= n;
        return true;
    }
    return false;
}

void
token_bucket_wait_at(struct token_bucket *tb, unsigned int n,
                     const char *where)
{
    token_bucket_refill(tb);
    if (tb->tokens >= n) {
        poll_immediate_wake_at(where);
    } else if (!tb->rate) {
        /* The bucket never refills: nothing to wait for. */
    } else {
        unsigned int need = n - tb->tokens;
        poll_timer_wait_at((need + tb->rate - 1) / tb->rate, where);
    }
}
