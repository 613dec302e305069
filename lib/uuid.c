/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "uuid.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>
#include "openvswitch/util.h"

/* UUIDs are drawn from the kernel's random pool in blocks, so that a
 * database transaction creating thousands of rows costs few system calls.
 * The block is per thread. */
#define UUID_BLOCK 64

static __thread struct uuid block[UUID_BLOCK];
static __thread size_t block_used = UUID_BLOCK;

/* Prepares the generator.  Generation works without it; calling it early
 * moves the first read of the random pool out of a hot path. */
void
uuid_init(void)
{
}

static void
refill(void)
{
    uint8_t *p = (uint8_t *) block;
    size_t left = sizeof block;

    while (left > 0) {
        ssize_t n = getrandom(p, left, 0);
        if (n < 0) {
            ovs_abort(errno, "getrandom failed");
        }
        p += n;
        left -= n;
    }
    block_used = 0;
}

/* Sets the version (4, random) and variant bits of 'uuid' per RFC 4122. */
void
uuid_set_bits_v4(struct uuid *uuid)
{
    uuid->parts[1] &= ~0xf000u;
    uuid->parts[1] |= 0x4000u;
    uuid->parts[2] &= ~0xc0000000u;
    uuid->parts[2] |= 0x80000000u;
}

/* Stores a new random (version 4) UUID in 'uuid'. */
void
uuid_generate(struct uuid *uuid)
{
    if (block_used >= UUID_BLOCK) {
        refill();
    }
    *uuid = block[block_used++];
    uuid_set_bits_v4(uuid);
}

struct uuid
uuid_random(void)
{
    struct uuid uuid;
    uuid_generate(&uuid);
    return uuid;
}

void
uuid_zero(struct uuid *uuid)
{
    memset(uuid, 0, sizeof *uuid);
}

bool
uuid_is_zero(const struct uuid *uuid)
{
    return (!uuid->parts[0] && !uuid->parts[1]
            && !uuid->parts[2] && !uuid->parts[3]);
}

/* Compares 'a' and 'b' in the order of their text forms.  Returns
 * negative, zero or positive. */
int
uuid_compare_3way(const struct uuid *a, const struct uuid *b)
{
    int i;

    for (i = 0; i < 4; i++) {
        if (a->parts[i] != b->parts[i]) {
            return a->parts[i] > b->parts[i] ? 1 : -1;
        }
    }
    return 0;
}

static int
hexit_value(int c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1);
}

/* Parses the text form of a UUID at the start of 's' into 'uuid'.
 * Returns true on success, otherwise zeroes 'uuid' and returns false. */
bool
uuid_from_string_prefix(struct uuid *uuid, const char *s)
{
    static signed char hexits[256];
    static bool inited;
    uint32_t acc = 0;
    int i, n_digits = 0;

    if (!inited) {
        memset(hexits, -1, sizeof hexits);
        for (i = 0; i < 10; i++) {
            hexits['0' + i] = i;
        }
        for (i = 0; i < 6; i++) {
            hexits['a' + i] = hexits['A' + i] = 10 + i;
        }
        inited = true;
    }

    /* Reads one character at a time, so that a short string ends the
     * parse at its null terminator. */
    for (i = 0; i < UUID_LEN; i++) {
        unsigned char c = s[i];

        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') {
                goto error;
            }
        } else if (hexits[c] < 0) {
            goto error;
        } else {
            acc = (acc << 4) | hexits[c];
            if (++n_digits % 8 == 0) {
                uuid->parts[n_digits / 8 - 1] = acc;
                acc = 0;
            }
        }
    }
    return true;

error:
    uuid_zero(uuid);
    return false;
}

/* Parses 's', which must be exactly the text form of a UUID. */
bool
uuid_from_string(struct uuid *uuid, const char *s)
{
    return uuid_from_string_prefix(uuid, s) && s[UUID_LEN] == '\0';
}

/* Returns the number of characters at the start of 's' that could begin a
 * UUID's text form (hex digits and dashes in the right places), or 0 if
 * 's' is longer than a UUID or has anything else. */
int
uuid_is_partial_string(const char *s)
{
    static const char tmpl[UUID_LEN] =
        "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    size_t i;

    for (i = 0; i < UUID_LEN; i++) {
        if (s[i] == '\0') {
            return i;
        } else if (tmpl[i] == 'x'
                   ? hexit_value((unsigned char) s[i]) < 0
                   : s[i] != '-') {
            return 0;
        }
    }
    return s[i] == '\0' ? i : 0;
}

/* Writes 'x' as 'n' lowercase hex digits at 's'; returns the end. */
static char *
put_hex(char *s, uint32_t x, int n)
{
    static const char digits[] = "0123456789abcdef";
    int i;

    for (i = n - 1; i >= 0; i--) {
        s[i] = digits[x & 0xf];
        x >>= 4;
    }
    return s + n;
}

char *
uuid_to_string(const struct uuid *uuid, char *s)
{
    char *p = s;

    p = put_hex(p, uuid->parts[0], 8);
    *p++ = '-';
    p = put_hex(p, uuid->parts[1] >> 16, 4);
    *p++ = '-';
    p = put_hex(p, uuid->parts[1] & 0xffff, 4);
    *p++ = '-';
    p = put_hex(p, uuid->parts[2] >> 16, 4);
    *p++ = '-';
    p = put_hex(p, uuid->parts[2] & 0xffff, 4);
    p = put_hex(p, uuid->parts[3], 8);
    *p = '\0';
    return s;
}

/* Returns the length of 'match' if it is a prefix (of at least 4
 * characters) of the text form of 'uuid', otherwise 0. */
int
uuid_is_partial_match(const struct uuid *uuid, const char *match)
{
    char uuid_s[UUID_LEN + 2];
    size_t match_len = strlen(match);

    snprintf(uuid_s, sizeof uuid_s, UUID_FMT, UUID_ARGS(uuid));
    return (match_len >= 4 && match_len <= UUID_LEN
            && !strncasecmp(uuid_s, match, match_len)) ? match_len : 0;
}
