/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_UTIL_H
#define OPENVSWITCH_UTIL_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "openvswitch/compiler.h"

/* Small helpers used everywhere: checked allocation (failure aborts, so
 * callers never test for NULL), container arithmetic, fatal errors. */

/* Casts away const from a pointer, checking the type. */
#define CONST_CAST(TYPE, POINTER) ((TYPE) (POINTER))

#define ARRAY_SIZE(ARRAY) (sizeof (ARRAY) / sizeof (ARRAY)[0])

#ifndef MIN
#define MIN(X, Y) ((X) < (Y) ? (X) : (Y))
#endif
#ifndef MAX
#define MAX(X, Y) ((X) > (Y) ? (X) : (Y))
#endif

/* Number of 'UNIT'-sized units needed to hold 'X', rounding up. */
#define DIV_ROUND_UP(X, UNIT) (((X) + ((UNIT) - 1)) / (UNIT))
#define ROUND_UP(X, UNIT) (DIV_ROUND_UP(X, UNIT) * (UNIT))

/* Given a pointer to member 'MEMBER' of a 'STRUCT', returns the
 * STRUCT. */
#define CONTAINER_OF(POINTER, STRUCT, MEMBER)                           \
    ((STRUCT *) (void *) ((char *) (POINTER) - offsetof(STRUCT, MEMBER)))

/* Like CONTAINER_OF, but the struct type comes from 'OBJECT', a pointer
 * of the wanted type (its value is not used: it is often still
 * uninitialized, so it must not be dereferenced, not even to take a
 * member's address, which UBSan reports as a misaligned access). */
#define OBJECT_OFFSETOF(OBJECT, MEMBER) \
    offsetof(__typeof__(*(OBJECT)), MEMBER)
#define OBJECT_CONTAINING(POINTER, OBJECT, MEMBER)                      \
    ((__typeof__(OBJECT)) (void *)                                      \
     ((char *) (POINTER) - OBJECT_OFFSETOF(OBJECT, MEMBER)))

/* Sets 'OBJECT' to the object containing 'POINTER' and evaluates to
 * true, for use in for-loop conditions. */
#define ASSIGN_CONTAINER(OBJECT, POINTER, MEMBER) \
    ((OBJECT) = OBJECT_CONTAINING(POINTER, OBJECT, MEMBER), 1)

/* Sets 'OBJECT' to NULL and evaluates to 0. */
#define INIT_CONTAINER(OBJECT, POINTER, MEMBER) \
    ((OBJECT) = OBJECT_CONTAINING(POINTER, OBJECT, MEMBER), 0)

/* Aborts with a message naming the source location if 'CONDITION' is
 * false.  Unlike assert(), never compiled out. */
#define ovs_assert(CONDITION)                                           \
    (OVS_LIKELY(CONDITION)                                              \
     ? (void) 0                                                         \
     : ovs_assert_failure(__FILE__ ":" OVS_STRINGIZE2(__LINE__),        \
                          __func__, #CONDITION))
#define OVS_STRINGIZE(ARG) #ARG
#define OVS_STRINGIZE2(ARG) OVS_STRINGIZE(ARG)

/* "file.c:123", for functions that record where they were called from. */
#define OVS_SOURCE_LOCATOR __FILE__ ":" OVS_STRINGIZE2(__LINE__)
#define OVS_NOT_REACHED() ovs_abort(0, "%s: not reached", __func__)

void ovs_assert_failure(const char *where, const char *function,
                        const char *condition) OVS_NO_RETURN;

extern const char *program_name;
void set_program_name(const char *argv0);
const char *get_program_version(void);
void ovs_print_version(int min_ofp, int max_ofp);

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xzalloc(size_t size);
void *xrealloc(void *p, size_t size);
void *xmemdup(const void *p, size_t size);
char *xmemdup0(const char *p, size_t length);
char *xstrdup(const char *s);
char *nullable_xstrdup(const char *s);
char *xasprintf(const char *format, ...) OVS_PRINTF_FORMAT(1, 2);
char *xvasprintf(const char *format, va_list) OVS_PRINTF_FORMAT(1, 0);
void *x2nrealloc(void *p, size_t *n, size_t s);

void ovs_strlcpy(char *dst, const char *src, size_t size);
void ovs_strzcpy(char *dst, const char *src, size_t size);

void ovs_abort(int err_no, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;
void ovs_fatal(int err_no, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_NO_RETURN;
void ovs_fatal_valist(int err_no, const char *format, va_list)
    OVS_PRINTF_FORMAT(2, 0) OVS_NO_RETURN;
void ovs_error(int err_no, const char *format, ...) OVS_PRINTF_FORMAT(2, 3);
void ovs_error_valist(int err_no, const char *format, va_list)
    OVS_PRINTF_FORMAT(2, 0);
const char *ovs_retval_to_string(int retval);
const char *ovs_strerror(int err_no);

bool str_to_int(const char *s, int base, int *i);
bool str_to_long(const char *s, int base, long *li);
bool str_to_llong(const char *s, int base, long long *x);
bool str_to_uint(const char *s, int base, unsigned int *u);
bool str_to_ullong(const char *s, int base, unsigned long long *x);
bool str_to_double(const char *s, double *d);
bool string_ends_with(const char *str, const char *suffix);

char *dir_name(const char *file_name);
char *base_name(const char *file_name);
char *abs_file_name(const char *dir, const char *file_name);
char *follow_symlinks(const char *filename);
char *get_cwd(void);

int fsync_parent_dir(const char *file_name);
void ignore(bool x OVS_UNUSED);

#endif /* openvswitch/util.h */
