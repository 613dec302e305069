/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_CONDITION_H
#define OVSDB_CONDITION_H 1

/* The functions of an OVSDB condition clause (RFC 7047 section 5.1,
 * <function>), shared by the server, which evaluates "where" clauses
 * (ovsdb/condition.h), and by the IDL, which builds them for conditional
 * monitoring (lib/ovsdb-idl.h).
 *
 * OVSDB_F_FALSE and OVSDB_F_TRUE are the boolean clauses that the
 * monitor_cond extension allows in place of a [column, function, value]
 * triple.  The order matters: the server relies on the comparison
 * functions being in this order. */
enum ovsdb_function {
    OVSDB_F_FALSE,              /* false: matches no row. */
    OVSDB_F_TRUE,               /* true: matches every row. */
    OVSDB_F_EQ,                 /* "==" */
    OVSDB_F_INCLUDES,           /* "includes" */
    OVSDB_F_LE,                 /* "<=" */
    OVSDB_F_LT,                 /* "<" */
    OVSDB_F_GE,                 /* ">=" */
    OVSDB_F_GT,                 /* ">" */
    OVSDB_F_EXCLUDES,           /* "excludes" */
    OVSDB_F_NE                  /* "!=" */
};

#endif /* ovsdb-condition.h */
