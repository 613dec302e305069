/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef HASH_H
#define HASH_H 1

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Non-cryptographic hashing for hash tables: the MurmurHash3 (x86_32)
 * mixing steps.  'basis' chains hashes: pass the previous result to fold
 * several values into one hash. */

static inline uint32_t
hash_rot(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

/* Mixes 'data' into 'hash'. */
static inline uint32_t
hash_add(uint32_t hash, uint32_t data)
{
    data *= 0xcc9e2d51;
    data = hash_rot(data, 15);
    data *= 0x1b873593;
    hash ^= data;
    hash = hash_rot(hash, 13);
    return hash * 5 + 0xe6546b64;
}

static inline uint32_t
hash_add64(uint32_t hash, uint64_t data)
{
    return hash_add(hash_add(hash, data), data >> 32);
}

/* Finishes a hash: 'final' is usually the number of bytes hashed. */
static inline uint32_t
hash_finish(uint32_t hash, uint32_t final)
{
    hash ^= final;
    hash ^= hash >> 16;
    hash *= 0x85ebca6b;
    hash ^= hash >> 13;
    hash *= 0xc2b2ae35;
    hash ^= hash >> 16;
    return hash;
}

uint32_t hash_bytes(const void *, size_t n_bytes, uint32_t basis);

static inline uint32_t
hash_string(const char *s, uint32_t basis)
{
    return hash_bytes(s, strlen(s), basis);
}

/* Hashes the two words 'x' and 'y'.  This is the function whose results
 * upstream's switch shows through its hash-ordered listings (ports,
 * meters...), so that ours list them in the same order. */
static inline uint32_t
hash_2words(uint32_t x, uint32_t y)
{
    return hash_finish(hash_add(hash_add(x, 0), y), 8);
}

static inline uint32_t
hash_int(uint32_t x, uint32_t basis)
{
    return hash_2words(x, basis);
}

static inline uint32_t
hash_uint64_basis(uint64_t x, uint32_t basis)
{
    return hash_finish(hash_add64(basis, x), 8);
}

static inline uint32_t
hash_uint64(uint64_t x)
{
    return hash_uint64_basis(x, 0);
}

static inline uint32_t
hash_pointer(const void *p, uint32_t basis)
{
    return hash_uint64_basis((uintptr_t) p, basis);
}

static inline uint32_t
hash_boolean(int x, uint32_t basis)
{
    return hash_int(x != 0, basis);
}

static inline uint32_t
hash_double(double x, uint32_t basis)
{
    uint64_t bits;

    if (x == 0) {
        x = 0;                  /* Makes -0.0 and 0.0 hash the same. */
    }
    memcpy(&bits, &x, sizeof bits);
    return hash_uint64_basis(bits, basis);
}

#endif /* hash.h */
