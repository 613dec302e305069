/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef UUID_H
#define UUID_H 1

#include <stddef.h>
#include "openvswitch/uuid.h"
#include "hash.h"

/* Generating, parsing and comparing UUIDs.  Random (version 4) UUIDs come
 * from a generator seeded once from the kernel's random pool. */

void uuid_init(void);
void uuid_generate(struct uuid *);
struct uuid uuid_random(void);
void uuid_zero(struct uuid *);
bool uuid_is_zero(const struct uuid *);
int uuid_compare_3way(const struct uuid *, const struct uuid *);
bool uuid_from_string(struct uuid *, const char *);
bool uuid_from_string_prefix(struct uuid *, const char *);
int uuid_is_partial_string(const char *);
int uuid_is_partial_match(const struct uuid *, const char *match);

/* Writes the text form of 'uuid' (as UUID_FMT prints it) and a null
 * terminator into 's', which must have room for UUID_LEN + 1 bytes, and
 * returns 's'.  Faster than printf for hot paths. */
char *uuid_to_string(const struct uuid *uuid, char *s);
void uuid_set_bits_v4(struct uuid *);

/* Returns the hash of 'uuid', which is already random enough to use one
 * word of it directly. */
static inline uint32_t
uuid_hash(const struct uuid *uuid)
{
    return uuid->parts[0];
}

static inline bool
uuid_equals(const struct uuid *a, const struct uuid *b)
{
    return (a->parts[0] == b->parts[0]
            && a->parts[1] == b->parts[1]
            && a->parts[2] == b->parts[2]
            && a->parts[3] == b->parts[3]);
}

#endif /* uuid.h */
