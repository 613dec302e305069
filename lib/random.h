/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef RANDOM_H
#define RANDOM_H 1

#include <stddef.h>
#include <stdint.h>

/* A fast per-thread pseudo-random generator (xorshift), seeded from the
 * kernel's random pool.  Not for cryptography. */

void random_init(void);
void random_set_seed(uint32_t);
void random_bytes(void *, size_t);
uint32_t random_uint32(void);
uint64_t random_uint64(void);

/* Returns a random number in [0, max). */
static inline int
random_range(int max)
{
    return random_uint32() % max;
}

#endif /* random.h */
