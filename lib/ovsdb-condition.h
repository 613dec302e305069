/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef LIB_OVSDB_CONDITION_H
#define LIB_OVSDB_CONDITION_H 1

#include "openvswitch/compiler.h"

/* The functions of an OVSDB condition clause (RFC 7047 section 5.1,
 * <function>), shared by the server, which evaluates "where" clauses and
 * monitor conditions (ovsdb/condition.h), and by the IDL, which builds
 * conditions for conditional monitoring.
 *
 * OVSDB_F_FALSE and OVSDB_F_TRUE are the boolean clauses that the
 * monitor_cond extension allows in place of a [column, function, value]
 * triple.  The order matters: clauses are sorted by function in this
 * order. */
enum ovsdb_function {
    OVSDB_F_FALSE,              /* Constant false: matches no row. */
    OVSDB_F_TRUE,               /* Constant true: matches every row. */
    OVSDB_F_EQ,                 /* "==". */
    OVSDB_F_INCLUDES,           /* "includes". */
    OVSDB_F_LE,                 /* "<=". */
    OVSDB_F_LT,                 /* "<". */
    OVSDB_F_GE,                 /* ">=". */
    OVSDB_F_GT,                 /* ">". */
    OVSDB_F_EXCLUDES,           /* "excludes". */
    OVSDB_F_NE                  /* "!=". */
};

/* Parses function name 'name' ("==", "includes", ...; not "true" or
 * "false", which are JSON booleans in a condition, not names) into
 * '*function'.  Returns NULL if successful, otherwise an "unknown
 * function" error. */
struct ovsdb_error *ovsdb_function_from_string(const char *name,
                                               enum ovsdb_function *function)
    OVS_WARN_UNUSED_RESULT;

/* Returns the name of 'function' ("true" and "false" for the
 * constants). */
const char *ovsdb_function_to_string(enum ovsdb_function function);

#endif /* lib/ovsdb-condition.h */
