/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_TYPES_H
#define OVSDB_TYPES_H 1

#include <float.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>
#include "openvswitch/compiler.h"

/* OVSDB column types (RFC 7047 section 3.2, <type>, <base-type> and
 * <atomic-type>).
 *
 * A column's type (struct ovsdb_type) is a key base type, an optional
 * value base type (present for maps only) and bounds on the number of
 * elements.  A base type (struct ovsdb_base_type) is an atomic type plus
 * optional constraints: a set of allowed values ("enum"), an integer or
 * real range, a string length range, or for a UUID the table it refers to
 * and the strength of the reference. */

struct ovsdb_datum;
struct ovsdb_error;
struct ovsdb_table;

/* An atomic type: one kind of value. */
enum ovsdb_atomic_type {
    OVSDB_TYPE_VOID,            /* No value (a map's absent value type). */
    OVSDB_TYPE_INTEGER,         /* Signed 64-bit integer. */
    OVSDB_TYPE_REAL,            /* IEEE 754 double. */
    OVSDB_TYPE_BOOLEAN,         /* True or false. */
    OVSDB_TYPE_STRING,          /* UTF-8 string. */
    OVSDB_TYPE_UUID,            /* RFC 4122 UUID (row reference, maybe). */
    OVSDB_N_TYPES
};

static inline bool
ovsdb_atomic_type_is_valid(enum ovsdb_atomic_type atomic_type)
{
    return (int) atomic_type >= 0 && atomic_type < OVSDB_N_TYPES;
}

/* Converts between atomic types and their names ("integer", "real",
 * "boolean", "string", "uuid"; "void" for OVSDB_TYPE_VOID, which
 * ovsdb_atomic_type_from_string() does not accept). */
bool ovsdb_atomic_type_from_string(const char *, enum ovsdb_atomic_type *);
struct ovsdb_error *ovsdb_atomic_type_from_json(enum ovsdb_atomic_type *,
                                                const json_t *)
    OVS_WARN_UNUSED_RESULT;
const char *ovsdb_atomic_type_to_string(enum ovsdb_atomic_type);
json_t *ovsdb_atomic_type_to_json(enum ovsdb_atomic_type);

/* The strength of a reference from a UUID to a row. */
enum ovsdb_ref_type {
    OVSDB_REF_STRONG,           /* Target must exist; keeps it alive. */
    OVSDB_REF_WEAK              /* Removed when the target goes away. */
};

/* Constraints on an integer: min <= value <= max. */
struct ovsdb_integer_constraints {
    int64_t min;                /* minInteger, or INT64_MIN. */
    int64_t max;                /* maxInteger, or INT64_MAX. */
};

/* Constraints on a real: min <= value <= max. */
struct ovsdb_real_constraints {
    double min;                 /* minReal, or -DBL_MAX. */
    double max;                 /* maxReal, or DBL_MAX. */
};

/* Constraints on a string's length in Unicode code points. */
struct ovsdb_string_constraints {
    unsigned int minLen;        /* minLength, or 0. */
    unsigned int maxLen;        /* maxLength, or UINT_MAX. */
};

/* Constraints on a UUID: the table it refers to, if any. */
struct ovsdb_uuid_constraints {
    char *refTableName;         /* Name of referenced table, or NULL. */
    struct ovsdb_table *refTable; /* Referenced table, once resolved by
                                   * ovsdb_create(); NULL otherwise. */
    enum ovsdb_ref_type refType;  /* Reference strength. */
};

/* A base type: an atomic type and its constraints. */
struct ovsdb_base_type {
    enum ovsdb_atomic_type type; /* The atomic type. */

    /* If nonnull, the set of allowed values: a datum of this base type's
     * atomic type with no constraints, n_min 1 and n_max UINT_MAX (see
     * ovsdb_base_type_get_enum_type()).  An enum takes the place of the
     * other constraints. */
    struct ovsdb_datum *enum_;

    /* Constraints that depend on 'type'. */
    union {
        struct ovsdb_integer_constraints integer; /* OVSDB_TYPE_INTEGER. */
        struct ovsdb_real_constraints real;       /* OVSDB_TYPE_REAL. */
        /* No constraints for OVSDB_TYPE_BOOLEAN. */
        struct ovsdb_string_constraints string;   /* OVSDB_TYPE_STRING. */
        struct ovsdb_uuid_constraints uuid;       /* OVSDB_TYPE_UUID. */
    } u;
};

/* Initializers for base types without constraints. */
#define OVSDB_BASE_VOID_INIT    { .type = OVSDB_TYPE_VOID }
#define OVSDB_BASE_INTEGER_INIT { .type = OVSDB_TYPE_INTEGER,           \
                                  .u.integer = { INT64_MIN, INT64_MAX } }
#define OVSDB_BASE_REAL_INIT    { .type = OVSDB_TYPE_REAL,              \
                                  .u.real = { -DBL_MAX, DBL_MAX } }
#define OVSDB_BASE_BOOLEAN_INIT { .type = OVSDB_TYPE_BOOLEAN }
#define OVSDB_BASE_STRING_INIT  { .type = OVSDB_TYPE_STRING,            \
                                  .u.string = { 0, UINT_MAX } }
#define OVSDB_BASE_UUID_INIT    { .type = OVSDB_TYPE_UUID,              \
                                  .u.uuid = { NULL, NULL, OVSDB_REF_STRONG } }

/* Initializes 'base' as an unconstrained base type of 'type'. */
void ovsdb_base_type_init(struct ovsdb_base_type *base,
                          enum ovsdb_atomic_type type);

/* Initializes 'dst' as a deep copy of 'src' (the resolved 'refTable'
 * pointer is copied as is). */
void ovsdb_base_type_clone(struct ovsdb_base_type *dst,
                           const struct ovsdb_base_type *src);

/* Frees what 'base' owns (not 'base' itself). */
void ovsdb_base_type_destroy(struct ovsdb_base_type *base);

/* True if 'base''s constraints make sense (e.g. min <= max). */
bool ovsdb_base_type_is_valid(const struct ovsdb_base_type *);

/* True if 'base' has any constraint at all (including a refTable). */
bool ovsdb_base_type_has_constraints(const struct ovsdb_base_type *);

/* Drops every constraint from 'base', keeping its atomic type. */
void ovsdb_base_type_clear_constraints(struct ovsdb_base_type *);

/* Returns the type of an "enum" datum for atomic type 'atomic_type': a
 * set of 1 or more unconstrained atoms.  The returned type is static. */
const struct ovsdb_type *ovsdb_base_type_get_enum_type(
    enum ovsdb_atomic_type atomic_type);

/* Parses 'json' (an <atomic-type> string or a <base-type> object) into
 * 'base'.  On error 'base' is left initialized as void. */
struct ovsdb_error *ovsdb_base_type_from_json(struct ovsdb_base_type *,
                                              const json_t *)
    OVS_WARN_UNUSED_RESULT;

/* Returns 'base' as JSON: a bare type name if it has no constraints,
 * otherwise an object with "type" and the constraints. */
json_t *ovsdb_base_type_to_json(const struct ovsdb_base_type *);

/* True if 'a' and 'b' are the same type with the same constraints. */
bool ovsdb_base_type_equals(const struct ovsdb_base_type *a,
                            const struct ovsdb_base_type *b);

/* True if 'base' is a UUID that refers to a table (of either strength, or
 * strong, or weak). */
static inline bool
ovsdb_base_type_is_ref(const struct ovsdb_base_type *base)
{
    return base->type == OVSDB_TYPE_UUID && base->u.uuid.refTableName;
}

static inline bool
ovsdb_base_type_is_strong_ref(const struct ovsdb_base_type *base)
{
    return (ovsdb_base_type_is_ref(base)
            && base->u.uuid.refType == OVSDB_REF_STRONG);
}

static inline bool
ovsdb_base_type_is_weak_ref(const struct ovsdb_base_type *base)
{
    return (ovsdb_base_type_is_ref(base)
            && base->u.uuid.refType == OVSDB_REF_WEAK);
}

/* A column type: a scalar, an optional scalar, a set or a map. */
struct ovsdb_type {
    struct ovsdb_base_type key;   /* Key (or element) type. */
    struct ovsdb_base_type value; /* Value type: OVSDB_TYPE_VOID unless this
                                   * is a map. */
    unsigned int n_min;         /* Minimum number of elements: 0 or 1. */
    unsigned int n_max;         /* Maximum number of elements, at least 1;
                                 * UINT_MAX means "unlimited". */
};

/* Initializer for a scalar type with key base type 'KEY'. */
#define OVSDB_TYPE_SCALAR_INITIALIZER(KEY) { KEY, OVSDB_BASE_VOID_INIT, 1, 1 }

/* Unconstrained scalar types of each atomic type. */
extern const struct ovsdb_type ovsdb_type_integer;
extern const struct ovsdb_type ovsdb_type_real;
extern const struct ovsdb_type ovsdb_type_boolean;
extern const struct ovsdb_type ovsdb_type_string;
extern const struct ovsdb_type ovsdb_type_uuid;

/* Deep-copies 'src' into 'dst' / frees what 'type' owns. */
void ovsdb_type_clone(struct ovsdb_type *dst, const struct ovsdb_type *src);
void ovsdb_type_destroy(struct ovsdb_type *type);

/* True if 'type' is well-formed: valid base types, n_min <= 1 <= n_max,
 * n_min <= n_max, no void key. */
bool ovsdb_type_is_valid(const struct ovsdb_type *);

/* True if 'a' and 'b' are identical, constraints included. */
bool ovsdb_type_equals(const struct ovsdb_type *a, const struct ovsdb_type *b);

/* Exactly one value, no map. */
static inline bool
ovsdb_type_is_scalar(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && type->n_min == 1 && type->n_max == 1);
}

/* Zero elements allowed. */
static inline bool
ovsdb_type_is_optional(const struct ovsdb_type *type)
{
    return type->n_min == 0;
}

/* Zero or one value, no map. */
static inline bool
ovsdb_type_is_optional_scalar(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && type->n_min == 0 && type->n_max == 1);
}

/* More than one element allowed (a set or a map of size > 1). */
static inline bool
ovsdb_type_is_composite(const struct ovsdb_type *type)
{
    return type->n_max > 1;
}

/* Not a map, and not a plain scalar. */
static inline bool
ovsdb_type_is_set(const struct ovsdb_type *type)
{
    return (type->value.type == OVSDB_TYPE_VOID
            && (type->n_min != 1 || type->n_max != 1));
}

/* Has a value type. */
static inline bool
ovsdb_type_is_map(const struct ovsdb_type *type)
{
    return type->value.type != OVSDB_TYPE_VOID;
}

/* Returns a malloc'd English description of 'type', as upstream's tools
 * print it in error messages: "integer", "set of strings", "set of up to
 * 4096 integers", "map of (string, integer) pairs" (constraints are not
 * described). */
char *ovsdb_type_to_english(const struct ovsdb_type *);

/* Parses 'json' (a <type>: an atomic type name, a <base-type> object, or
 * an object with "key", "value", "min", "max") into 'type'. */
struct ovsdb_error *ovsdb_type_from_json(struct ovsdb_type *, const json_t *)
    OVS_WARN_UNUSED_RESULT;

/* Returns 'type' as JSON, in the shortest form RFC 7047 allows. */
json_t *ovsdb_type_to_json(const struct ovsdb_type *);

#endif /* ovsdb-types.h */
