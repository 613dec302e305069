/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb-condition.h"

#include <string.h>
#include "openvswitch/util.h"
#include "ovsdb-error.h"

/* Function names, by enum ovsdb_function. */
static const char *const function_names[] = {
    [OVSDB_F_FALSE] = "false",
    [OVSDB_F_TRUE] = "true",
    [OVSDB_F_EQ] = "==",
    [OVSDB_F_INCLUDES] = "includes",
    [OVSDB_F_LE] = "<=",
    [OVSDB_F_LT] = "<",
    [OVSDB_F_GE] = ">=",
    [OVSDB_F_GT] = ">",
    [OVSDB_F_EXCLUDES] = "excludes",
    [OVSDB_F_NE] = "!=",
};

struct ovsdb_error *
ovsdb_function_from_string(const char *name, enum ovsdb_function *function)
{
    size_t i;

    for (i = OVSDB_F_EQ; i < ARRAY_SIZE(function_names); i++) {
        if (!strcmp(name, function_names[i])) {
            *function = i;
            return NULL;
        }
    }
    return ovsdb_error("unknown function", "No function named %s.", name);
}

const char *
ovsdb_function_to_string(enum ovsdb_function function)
{
    return ((size_t) function < ARRAY_SIZE(function_names)
            ? function_names[function] : "<invalid>");
}
