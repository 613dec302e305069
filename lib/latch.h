/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef LATCH_H
#define LATCH_H 1

#include <stdbool.h>
#include "openvswitch/util.h"

/* A latch: a flag that one thread sets and another thread waits for in
 * its poll loop.  Setting is async-signal-safe.  Built on a pipe: set
 * writes a byte, poll reads them all. */

struct latch {
    int fds[2];                 /* Read end, write end of a pipe. */
};

/* Initializes 'latch', unset, and destroys it. */
void latch_init(struct latch *latch);
void latch_destroy(struct latch *latch);

/* Clears 'latch' and returns true if it was set. */
bool latch_poll(struct latch *latch);

/* Sets 'latch', waking any thread waiting for it. */
void latch_set(struct latch *latch);

/* Returns true if 'latch' is set, without clearing it. */
bool latch_is_set(const struct latch *latch);

/* Makes the next poll_block() wake when 'latch' is set (at once if it is
 * set now). */
void latch_wait_at(const struct latch *latch, const char *where);
#define latch_wait(LATCH) latch_wait_at(LATCH, OVS_SOURCE_LOCATOR)

#endif /* latch.h */
