/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef TOKEN_BUCKET_H
#define TOKEN_BUCKET_H 1

#include <limits.h>
#include <stdbool.h>

/* A token bucket, for rate limiting.
 *
 * The bucket gains 'rate' tokens per millisecond of time_msec(), up to
 * 'burst' tokens; an event that costs N tokens may happen only when the
 * bucket holds N.  Not thread-safe: callers serialize access. */
struct token_bucket {
    unsigned int rate;          /* Tokens added per millisecond. */
    unsigned int burst;         /* Maximum number of tokens held. */
    unsigned int tokens;        /* Tokens now in the bucket. */
    long long int last_fill;    /* Time of the last refill, LLONG_MIN if
                                 * never filled. */
};

/* A statically initialized token bucket that starts full. */
#define TOKEN_BUCKET_INIT(RATE, BURST) { RATE, BURST, 0, LLONG_MIN }

/* Initializes 'tb' to gain 'rate' tokens per millisecond up to 'burst'
 * tokens.  It starts full. */
void token_bucket_init(struct token_bucket *tb,
                       unsigned int rate, unsigned int burst);

/* Changes the rate and burst of 'tb', keeping its tokens up to the new
 * 'burst'. */
void token_bucket_set(struct token_bucket *tb,
                      unsigned int rate, unsigned int burst);

/* Removes 'n' tokens from 'tb' and returns true if it holds at least 'n'
 * (after refilling); otherwise returns false and leaves it unchanged. */
bool token_bucket_withdraw(struct token_bucket *tb, unsigned int n);

/* Makes the next poll_block() wake when 'tb' will hold 'n' tokens. */
void token_bucket_wait_at(struct token_bucket *tb, unsigned int n,
                          const char *where);
#define token_bucket_wait(TB, N) \
    token_bucket_wait_at(TB, N, OVS_SOURCE_LOCATOR)

#endif /* token-bucket.h */
