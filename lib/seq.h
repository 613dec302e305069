/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef SEQ_H
#define SEQ_H 1

#include <stdint.h>
#include "openvswitch/util.h"

/* Sequence numbers that threads can wait on.
 *
 * A "struct seq" holds a 64-bit value that only changes, through
 * seq_change(), to a value never used before by any seq.  A thread reads
 * the value, does its work, then calls seq_wait() with the value it read:
 * its next poll_block() wakes as soon as the value differs (at once if it
 * already does).  This is how one thread tells others "something changed,
 * look again" without them polling. */

struct seq;

/* Creates and destroys a seq.  Destroying a seq that threads wait on wakes
 * them. */
struct seq *seq_create(void);
void seq_destroy(struct seq *);

/* Changes the value of 'seq', waking every thread waiting on it. */
void seq_change(struct seq *);

/* Returns the current value of 'seq'. */
uint64_t seq_read(const struct seq *);

/* Makes the next poll_block() wake when 'seq''s value is no longer
 * 'value'. */
void seq_wait_at(const struct seq *, uint64_t value, const char *where);
#define seq_wait(SEQ, VALUE) seq_wait_at(SEQ, VALUE, OVS_SOURCE_LOCATOR)

/* Forgets the calling thread's waits; poll_block() calls this after
 * waking. */
void seq_woke(void);

#endif /* seq.h */
