/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef UNALIGNED_H
#define UNALIGNED_H 1

/* Big-endian 64-bit counters at any alignment: OpenFlow puts many of them
 * at 4-byte offsets (group, meter and queue statistics), where a plain
 * uint64_t access would be undefined. */

#include <endian.h>
#include <stdint.h>
#include <string.h>

/* Returns the big-endian 64-bit value at 'p', in host byte order. */
static inline uint64_t
get_unaligned_be64_host(const void *p)
{
    uint64_t x;

    memcpy(&x, p, sizeof x);
    return be64toh(x);
}

/* Stores 'x', given in host byte order, at 'p' in big-endian order. */
static inline void
put_unaligned_be64_host(void *p, uint64_t x)
{
    x = htobe64(x);
    memcpy(p, &x, sizeof x);
}

#endif /* unaligned.h */
