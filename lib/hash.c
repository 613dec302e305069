/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "hash.h"

/* Returns the hash of the 'n_bytes' bytes at 'p', starting from
 * 'basis'. */
uint32_t
hash_bytes(const void *p, size_t n_bytes, uint32_t basis)
{
    const uint8_t *bytes = p;
    uint32_t hash = basis;
    size_t n;

    for (n = n_bytes; n >= 4; n -= 4, bytes += 4) {
        uint32_t word;

        memcpy(&word, bytes, 4);
        hash = hash_add(hash, word);
    }
    if (n) {
        uint32_t tail = 0;

        memcpy(&tail, bytes, n);
        hash = hash_add(hash, tail);
    }
    return hash_finish(hash, n_bytes);
}
