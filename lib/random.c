/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "random.h"

#include <string.h>
#include <sys/random.h>
#include <sys/time.h>
#include <unistd.h>

/* Per-thread state; 0 means "not seeded yet". */
static __thread uint32_t seed;

static uint32_t
random_next(void)
{
    uint32_t x = seed;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    seed = x;
    return x;
}

/* Seeds this thread's generator from the kernel, if not yet seeded. */
void
random_init(void)
{
    while (!seed) {
        uint32_t s;

        if (getrandom(&s, sizeof s, GRND_NONBLOCK) != sizeof s) {
            struct timeval tv;

            gettimeofday(&tv, NULL);
            s = tv.tv_sec ^ tv.tv_usec ^ getpid();
        }
        seed = s;
    }
}

/* Sets the seed of this thread's generator, for repeatable tests. */
void
random_set_seed(uint32_t seed_)
{
    seed = seed_ ? seed_ : 1;
}

void
random_bytes(void *p_, size_t n)
{
    uint8_t *p = p_;

    random_init();
    for (; n >= 4; n -= 4, p += 4) {
        uint32_t x = random_next();
        memcpy(p, &x, 4);
    }
    if (n) {
        uint32_t x = random_next();
        memcpy(p, &x, n);
    }
}

uint32_t
random_uint32(void)
{
    random_init();
    return random_next();
}

uint64_t
random_uint64(void)
{
    uint64_t x;

    random_init();
    x = random_next();
    return (x << 32) | random_next();
}
