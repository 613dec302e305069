/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_COMPILER_H
#define OPENVSWITCH_COMPILER_H 1

/* Compiler attributes, spelled once so that the rest of the tree reads
 * the same whatever the compiler. */

#define OVS_UNUSED __attribute__((__unused__))
#define OVS_NO_RETURN __attribute__((__noreturn__))
#define OVS_PRINTF_FORMAT(FMT, ARG1) \
    __attribute__((__format__(printf, FMT, ARG1)))
#define OVS_WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#define OVS_LIKELY(CONDITION) __builtin_expect(!!(CONDITION), 1)
#define OVS_UNLIKELY(CONDITION) __builtin_expect(!!(CONDITION), 0)
#define OVS_CONSTRUCTOR(NAME) \
    static void NAME(void) __attribute__((__constructor__)); \
    static void NAME(void)

/* Pastes A and B together after expanding them. */
#define OVS_JOIN(A, B) OVS_JOIN__(A, B)
#define OVS_JOIN__(A, B) A##B

#endif /* openvswitch/compiler.h */
