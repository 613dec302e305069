/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_UUID_H
#define OPENVSWITCH_UUID_H 1

#include <stdbool.h>
#include <stdint.h>

/* A UUID, in the order of its RFC 4122 text form: parts[0] holds the
 * first 8 hex digits. */
struct uuid {
    uint32_t parts[4];          /* Four 32-bit words. */
};

#define UUID_LEN 36             /* Length of the text form. */
#define UUID_FMT "%08x-%04x-%04x-%04x-%04x%08x"
#define UUID_ARGS(UUID)                             \
    ((unsigned int) ((UUID)->parts[0])),            \
    ((unsigned int) ((UUID)->parts[1] >> 16)),      \
    ((unsigned int) ((UUID)->parts[1] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[2] >> 16)),      \
    ((unsigned int) ((UUID)->parts[2] & 0xffff)),   \
    ((unsigned int) ((UUID)->parts[3]))

#endif /* openvswitch/uuid.h */
