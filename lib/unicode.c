/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "unicode.h"

#include <stdbool.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"

/* Returns true if 'c' may follow lead byte 'lead' as the second byte of a
 * well-formed UTF-8 sequence.  The narrower ranges after 0xe0, 0xed, 0xf0
 * and 0xf4 exclude overlong forms, surrogates and code points beyond
 * U+10FFFF. */
static bool
utf8_second_byte_ok(unsigned char lead, unsigned char c)
{
    switch (lead) {
    case 0xe0:
        return c >= 0xa0 && c <= 0xbf;
    case 0xed:
        return c >= 0x80 && c <= 0x9f;
    case 0xf0:
        return c >= 0x90 && c <= 0xbf;
    case 0xf4:
        return c >= 0x80 && c <= 0x8f;
    default:
        return c >= 0x80 && c <= 0xbf;
    }
}

/* Returns the number of bytes in the UTF-8 sequence that begins with lead
 * byte 'lead', or 0 if 'lead' cannot begin one. */
static int
utf8_sequence_size(unsigned char lead)
{
    return (lead < 0x80 ? 1
            : lead < 0xc2 ? 0
            : lead < 0xe0 ? 2
            : lead < 0xf0 ? 3
            : lead < 0xf5 ? 4
            : 0);
}

/* Checks that null-terminated string 's' is valid UTF-8.
 *
 * If it is, returns NULL and, if 'lengthp' is nonnull, stores the number of
 * code points in 's' in '*lengthp'.
 *
 * Otherwise, returns a malloc()'d error message that the caller must free,
 * naming the bytes of the first bad sequence up to and including the first
 * byte that makes it bad, e.g. "invalid UTF-8 sequence 0xe2 0x28".  A
 * sequence cut short by the end of the string names the terminating null
 * byte as 0x00.  '*lengthp' is then indeterminate. */
char *
utf8_validate(const char *s, size_t *lengthp)
{
    const unsigned char *p = (const unsigned char *) s;
    size_t length = 0;

    while (*p) {
        int size = utf8_sequence_size(p[0]);
        int n_ok;

        /* Count how many bytes of the sequence are acceptable. */
        n_ok = size ? 1 : 0;
        while (n_ok > 0 && n_ok < size) {
            bool ok = (n_ok == 1
                       ? utf8_second_byte_ok(p[0], p[1])
                       : p[n_ok] >= 0x80 && p[n_ok] <= 0xbf);
            if (!ok) {
                break;
            }
            n_ok++;
        }

        if (n_ok < size || !size) {
            struct ds msg = DS_EMPTY_INITIALIZER;

            ds_put_cstr(&msg, "invalid UTF-8 sequence");
            for (int i = 0; i <= n_ok; i++) {
                ds_put_format(&msg, " 0x%02x", p[i]);
            }
            return ds_steal_cstr(&msg);
        }
        p += size;
        length++;
    }
    if (lengthp) {
        *lengthp = length;
    }
    return NULL;
}
