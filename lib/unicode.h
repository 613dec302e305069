/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef UNICODE_H
#define UNICODE_H 1

/* UTF-8 validation.
 *
 * The JSON parser passes the bytes of quoted strings through unchecked, as
 * Open vSwitch's does; OVSDB then rejects a string atom that is not valid
 * UTF-8 as a constraint violation.  Both rely on this one validator, which
 * accepts exactly the well-formed byte sequences of the Unicode standard
 * (table 3-7): no overlong forms, no encoded surrogates, nothing beyond
 * U+10FFFF. */

#include <stddef.h>

char *utf8_validate(const char *s, size_t *lengthp);

#endif /* unicode.h */
