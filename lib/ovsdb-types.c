/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb-types.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovsdb-data.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"

const struct ovsdb_type ovsdb_type_integer =
    OVSDB_TYPE_SCALAR_INITIALIZER(OVSDB_BASE_INTEGER_INIT);
const struct ovsdb_type ovsdb_type_real =
    OVSDB_TYPE_SCALAR_INITIALIZER(OVSDB_BASE_REAL_INIT);
const struct ovsdb_type ovsdb_type_boolean =
    OVSDB_TYPE_SCALAR_INITIALIZER(OVSDB_BASE_BOOLEAN_INIT);
const struct ovsdb_type ovsdb_type_string =
    OVSDB_TYPE_SCALAR_INITIALIZER(OVSDB_BASE_STRING_INIT);
const struct ovsdb_type ovsdb_type_uuid =
    OVSDB_TYPE_SCALAR_INITIALIZER(OVSDB_BASE_UUID_INIT);

/* Atomic types. */

static const char *const atomic_type_names[OVSDB_N_TYPES] = {
    [OVSDB_TYPE_VOID] = "void",
    [OVSDB_TYPE_INTEGER] = "integer",
    [OVSDB_TYPE_REAL] = "real",
    [OVSDB_TYPE_BOOLEAN] = "boolean",
    [OVSDB_TYPE_STRING] = "string",
    [OVSDB_TYPE_UUID] = "uuid",
};

const char *
ovsdb_atomic_type_to_string(enum ovsdb_atomic_type type)
{
    return (ovsdb_atomic_type_is_valid(type)
            ? atomic_type_names[type]
            : "<invalid>");
}

json_t *
ovsdb_atomic_type_to_json(enum ovsdb_atomic_type type)
{
    return json_string(ovsdb_atomic_type_to_string(type));
}

bool
ovsdb_atomic_type_from_string(const char *string,
                              enum ovsdb_atomic_type *type)
{
    int i;

    for (i = OVSDB_TYPE_INTEGER; i < OVSDB_N_TYPES; i++) {
        if (!strcmp(string, atomic_type_names[i])) {
            *type = i;
            return true;
        }
    }
    return false;
}

struct ovsdb_error *
ovsdb_atomic_type_from_json(enum ovsdb_atomic_type *type, const json_t *json)
{
    if (json_is_string(json)) {
        const char *s = json_string_value(json);

        if (ovsdb_atomic_type_from_string(s, type)) {
            return NULL;
        }
        *type = OVSDB_TYPE_VOID;
        return ovsdb_syntax_error(json, NULL, "\"%s\" is not an atomic-type",
                                  s);
    }
    *type = OVSDB_TYPE_VOID;
    return ovsdb_syntax_error(json, NULL, "atomic-type expected");
}

/* Base types. */

void
ovsdb_base_type_init(struct ovsdb_base_type *base,
                     enum ovsdb_atomic_type type)
{
    memset(base, 0, sizeof *base);
    base->type = type;
    base->enum_ = NULL;

    switch (type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
        break;
    case OVSDB_TYPE_INTEGER:
        base->u.integer.min = INT64_MIN;
        base->u.integer.max = INT64_MAX;
        break;
    case OVSDB_TYPE_REAL:
        base->u.real.min = -DBL_MAX;
        base->u.real.max = DBL_MAX;
        break;
    case OVSDB_TYPE_STRING:
        base->u.string.minLen = 0;
        base->u.string.maxLen = UINT_MAX;
        break;
    case OVSDB_TYPE_UUID:
        base->u.uuid.refTableName = NULL;
        base->u.uuid.refTable = NULL;
        base->u.uuid.refType = OVSDB_REF_STRONG;
        break;
    }
}

const struct ovsdb_type *
ovsdb_base_type_get_enum_type(enum ovsdb_atomic_type atomic_type)
{
    static struct ovsdb_type enum_types[OVSDB_N_TYPES];
    static bool inited;

    if (!inited) {
        int i;

        for (i = 0; i < OVSDB_N_TYPES; i++) {
            struct ovsdb_type *type = &enum_types[i];

            ovsdb_base_type_init(&type->key, i);
            ovsdb_base_type_init(&type->value, OVSDB_TYPE_VOID);
            type->n_min = 1;
            type->n_max = UINT_MAX;
        }
        inited = true;
    }
    return &enum_types[atomic_type];
}

void
ovsdb_base_type_clone(struct ovsdb_base_type *dst,
                      const struct ovsdb_base_type *src)
{
    *dst = *src;

    if (src->enum_) {
        dst->enum_ = xmalloc(sizeof *dst->enum_);
        ovsdb_datum_clone(dst->enum_, src->enum_,
                          ovsdb_base_type_get_enum_type(dst->type));
    }
    if (src->type == OVSDB_TYPE_UUID) {
        dst->u.uuid.refTableName = nullable_xstrdup(src->u.uuid.refTableName);
    }
}

void
ovsdb_base_type_destroy(struct ovsdb_base_type *base)
{
    if (!base) {
        return;
    }
    if (base->enum_) {
        ovsdb_datum_destroy(base->enum_,
                            ovsdb_base_type_get_enum_type(base->type));
        free(base->enum_);
        base->enum_ = NULL;
    }
    if (base->type == OVSDB_TYPE_UUID) {
        free(base->u.uuid.refTableName);
        base->u.uuid.refTableName = NULL;
    }
}

bool
ovsdb_base_type_is_valid(const struct ovsdb_base_type *base)
{
    if (base->enum_ && !base->enum_->n) {
        return false;
    }

    switch (base->type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
        return true;
    case OVSDB_TYPE_INTEGER:
        return base->u.integer.min <= base->u.integer.max;
    case OVSDB_TYPE_REAL:
        return base->u.real.min <= base->u.real.max;
    case OVSDB_TYPE_STRING:
        return base->u.string.minLen <= base->u.string.maxLen;
    case OVSDB_TYPE_UUID:
        return true;
    case OVSDB_N_TYPES:
    default:
        return false;
    }
}

bool
ovsdb_base_type_has_constraints(const struct ovsdb_base_type *base)
{
    if (base->enum_) {
        return true;
    }

    switch (base->type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
        return false;
    case OVSDB_TYPE_INTEGER:
        return (base->u.integer.min != INT64_MIN
                || base->u.integer.max != INT64_MAX);
    case OVSDB_TYPE_REAL:
        return (base->u.real.min != -DBL_MAX
                || base->u.real.max != DBL_MAX);
    case OVSDB_TYPE_STRING:
        return base->u.string.minLen != 0 || base->u.string.maxLen != UINT_MAX;
    case OVSDB_TYPE_UUID:
        return base->u.uuid.refTableName != NULL;
    }
    return false;
}

void
ovsdb_base_type_clear_constraints(struct ovsdb_base_type *base)
{
    enum ovsdb_atomic_type type = base->type;

    ovsdb_base_type_destroy(base);
    ovsdb_base_type_init(base, type);
}

bool
ovsdb_base_type_equals(const struct ovsdb_base_type *a,
                       const struct ovsdb_base_type *b)
{
    if (a->type != b->type) {
        return false;
    }
    if (!a->enum_ != !b->enum_) {
        return false;
    }
    if (a->enum_) {
        const struct ovsdb_type *enum_type;

        enum_type = ovsdb_base_type_get_enum_type(a->type);
        if (!ovsdb_datum_equals(a->enum_, b->enum_, enum_type)) {
            return false;
        }
    }

    switch (a->type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
        return true;
    case OVSDB_TYPE_INTEGER:
        return (a->u.integer.min == b->u.integer.min
                && a->u.integer.max == b->u.integer.max);
    case OVSDB_TYPE_REAL:
        return (a->u.real.min == b->u.real.min
                && a->u.real.max == b->u.real.max);
    case OVSDB_TYPE_STRING:
        return (a->u.string.minLen == b->u.string.minLen
                && a->u.string.maxLen == b->u.string.maxLen);
    case OVSDB_TYPE_UUID:
        if (!a->u.uuid.refTableName || !b->u.uuid.refTableName) {
            return !a->u.uuid.refTableName && !b->u.uuid.refTableName;
        }
        return (!strcmp(a->u.uuid.refTableName, b->u.uuid.refTableName)
                && a->u.uuid.refType == b->u.uuid.refType);
    }
    return false;
}

/* Parses optional integer member 'name' of 'parser' into '*value', which is
 * left alone if the member is absent.  Returns false on a parse error. */
static bool
parse_optional_int(struct ovsdb_parser *parser, const char *name,
                   int64_t *value)
{
    const json_t *json = ovsdb_parser_member(parser, name,
                                             OP_INTEGER | OP_OPTIONAL);
    if (json) {
        *value = json_integer_value(json);
    }
    return !ovsdb_parser_has_error(parser);
}

static bool
parse_optional_real(struct ovsdb_parser *parser, const char *name,
                    double *value)
{
    const json_t *json = ovsdb_parser_member(parser, name,
                                             OP_NUMBER | OP_OPTIONAL);
    if (json) {
        *value = json_number_value(json);
    }
    return !ovsdb_parser_has_error(parser);
}

static struct ovsdb_error *
parse_base_type_object(struct ovsdb_base_type *base, const json_t *json)
{
    struct ovsdb_parser parser;
    struct ovsdb_error *error;
    const json_t *type, *enum_;

    ovsdb_parser_init(&parser, json, "ovsdb type");
    type = ovsdb_parser_member(&parser, "type", OP_STRING);
    if (ovsdb_parser_has_error(&parser)) {
        return ovsdb_parser_finish(&parser);
    }

    enum ovsdb_atomic_type atomic;
    error = ovsdb_atomic_type_from_json(&atomic, type);
    if (error) {
        ovsdb_parser_destroy(&parser);
        return error;
    }
    ovsdb_base_type_init(base, atomic);

    enum_ = ovsdb_parser_member(&parser, "enum",
                                OP_ANY_TYPES | OP_OPTIONAL);
    if (enum_) {
        base->enum_ = xmalloc(sizeof *base->enum_);
        error = ovsdb_datum_from_json(base->enum_,
                                      ovsdb_base_type_get_enum_type(atomic),
                                      enum_, NULL);
        if (error) {
            free(base->enum_);
            base->enum_ = NULL;
            ovsdb_parser_destroy(&parser);
            return error;
        }
    } else if (atomic == OVSDB_TYPE_INTEGER) {
        int64_t min = INT64_MIN, max = INT64_MAX;

        if (parse_optional_int(&parser, "minInteger", &min)
            && parse_optional_int(&parser, "maxInteger", &max)
            && min > max) {
            ovsdb_parser_destroy(&parser);
            return ovsdb_syntax_error(json, NULL,
                                      "minInteger exceeds maxInteger");
        }
        base->u.integer.min = min;
        base->u.integer.max = max;
    } else if (atomic == OVSDB_TYPE_REAL) {
        double min = -DBL_MAX, max = DBL_MAX;

        if (parse_optional_real(&parser, "minReal", &min)
            && parse_optional_real(&parser, "maxReal", &max)
            && min > max) {
            ovsdb_parser_destroy(&parser);
            return ovsdb_syntax_error(json, NULL, "minReal exceeds maxReal");
        }
        base->u.real.min = min;
        base->u.real.max = max;
    } else if (atomic == OVSDB_TYPE_STRING) {
        static const char *const names[2] = { "minLength", "maxLength" };
        int64_t lengths[2] = { 0, UINT_MAX };
        int i;

        for (i = 0; i < 2; i++) {
            const json_t *n = ovsdb_parser_member(&parser, names[i],
                                                  OP_INTEGER | OP_OPTIONAL);
            if (n) {
                lengths[i] = json_integer_value(n);
                if (lengths[i] < 0 || lengths[i] > UINT_MAX) {
                    ovsdb_parser_destroy(&parser);
                    return ovsdb_syntax_error(n, NULL, "%s out of valid "
                                              "range 0 to %u", names[i],
                                              UINT_MAX);
                }
            }
        }

        int64_t min = lengths[0], max = lengths[1];
        if (!ovsdb_parser_has_error(&parser)) {
            if (min > max) {
                ovsdb_parser_destroy(&parser);
                return ovsdb_syntax_error(json, NULL,
                                          "minLength exceeds maxLength");
            }
        }
        base->u.string.minLen = min;
        base->u.string.maxLen = max;
    } else if (atomic == OVSDB_TYPE_UUID) {
        const json_t *ref_table = ovsdb_parser_member(&parser, "refTable",
                                                      OP_ID | OP_OPTIONAL);
        if (ref_table) {
            const json_t *ref_type;

            base->u.uuid.refTableName
                = xstrdup(json_string_value(ref_table));

            /* The table itself is resolved by ovsdb_create(). */
            base->u.uuid.refTable = NULL;

            ref_type = ovsdb_parser_member(&parser, "refType",
                                           OP_STRING | OP_OPTIONAL);
            if (ref_type) {
                const char *s = json_string_value(ref_type);

                if (!strcmp(s, "strong")) {
                    base->u.uuid.refType = OVSDB_REF_STRONG;
                } else if (!strcmp(s, "weak")) {
                    base->u.uuid.refType = OVSDB_REF_WEAK;
                } else {
                    ovsdb_parser_destroy(&parser);
                    return ovsdb_syntax_error(
                        json, NULL, "refType must be \"strong\" or "
                        "\"weak\" (not \"%s\")", s);
                }
            }
        }
    }

    return ovsdb_parser_finish(&parser);
}

struct ovsdb_error *
ovsdb_base_type_from_json(struct ovsdb_base_type *base, const json_t *json)
{
    struct ovsdb_error *error;

    ovsdb_base_type_init(base, OVSDB_TYPE_VOID);
    if (json_is_string(json)) {
        enum ovsdb_atomic_type atomic;

        error = ovsdb_atomic_type_from_json(&atomic, json);
        if (!error) {
            ovsdb_base_type_init(base, atomic);
        }
        return error;
    } else if (!json_is_object(json)) {
        return ovsdb_syntax_error(json, NULL, "base type expected");
    }

    error = parse_base_type_object(base, json);
    if (error) {
        ovsdb_base_type_destroy(base);
        ovsdb_base_type_init(base, OVSDB_TYPE_VOID);
    }
    return error;
}

json_t *
ovsdb_base_type_to_json(const struct ovsdb_base_type *base)
{
    json_t *json;

    if (!ovsdb_base_type_has_constraints(base)) {
        return ovsdb_atomic_type_to_json(base->type);
    }

    json = json_object();
    json_object_set_new(json, "type", ovsdb_atomic_type_to_json(base->type));

    if (base->enum_) {
        const struct ovsdb_type *type;

        type = ovsdb_base_type_get_enum_type(base->type);
        json_object_set_new(json, "enum",
                            ovsdb_datum_to_json(base->enum_, type));
    }

    switch (base->type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_TYPE_BOOLEAN:
    case OVSDB_N_TYPES:
        break;

    case OVSDB_TYPE_INTEGER:
        if (base->u.integer.min != INT64_MIN) {
            json_object_set_new(json, "minInteger",
                                json_integer(base->u.integer.min));
        }
        if (base->u.integer.max != INT64_MAX) {
            json_object_set_new(json, "maxInteger",
                                json_integer(base->u.integer.max));
        }
        break;

    case OVSDB_TYPE_REAL:
        if (base->u.real.min != -DBL_MAX) {
            json_object_set_new(json, "minReal",
                                json_real(base->u.real.min));
        }
        if (base->u.real.max != DBL_MAX) {
            json_object_set_new(json, "maxReal",
                                json_real(base->u.real.max));
        }
        break;

    case OVSDB_TYPE_STRING:
        if (base->u.string.minLen != 0) {
            json_object_set_new(json, "minLength",
                                json_integer(base->u.string.minLen));
        }
        if (base->u.string.maxLen != UINT_MAX) {
            json_object_set_new(json, "maxLength",
                                json_integer(base->u.string.maxLen));
        }
        break;

    case OVSDB_TYPE_UUID:
        if (base->u.uuid.refTableName) {
            json_object_set_new(json, "refTable",
                                json_string(base->u.uuid.refTableName));
            if (base->u.uuid.refType == OVSDB_REF_WEAK) {
                json_object_set_new(json, "refType", json_string("weak"));
            }
        }
        break;
    }

    return json;
}

/* Types. */

void
ovsdb_type_clone(struct ovsdb_type *dst, const struct ovsdb_type *src)
{
    ovsdb_base_type_clone(&dst->key, &src->key);
    ovsdb_base_type_clone(&dst->value, &src->value);
    dst->n_min = src->n_min;
    dst->n_max = src->n_max;
}

void
ovsdb_type_destroy(struct ovsdb_type *type)
{
    ovsdb_base_type_destroy(&type->key);
    ovsdb_base_type_destroy(&type->value);
}

bool
ovsdb_type_is_valid(const struct ovsdb_type *type)
{
    return (type->key.type != OVSDB_TYPE_VOID
            && ovsdb_base_type_is_valid(&type->key)
            && ovsdb_base_type_is_valid(&type->value)
            && type->n_min <= 1
            && type->n_max >= 1);
}

bool
ovsdb_type_equals(const struct ovsdb_type *a, const struct ovsdb_type *b)
{
    return (ovsdb_base_type_equals(&a->key, &b->key)
            && ovsdb_base_type_equals(&a->value, &b->value)
            && a->n_min == b->n_min
            && a->n_max == b->n_max);
}

/* Parses the "min" or "max" member 'json' into '*n', with 'dflt' if absent.
 * "max" may also be "unlimited". */
static struct ovsdb_error *
n_from_json(const json_t *json, unsigned int *n, unsigned int dflt)
{
    if (!json) {
        *n = dflt;
        return NULL;
    } else if (json_is_integer(json)
               && json_integer_value(json) >= 0
               && json_integer_value(json) <= UINT_MAX) {
        *n = json_integer_value(json);
        return NULL;
    } else if (json_is_string(json)
               && !strcmp(json_string_value(json), "unlimited")) {
        *n = UINT_MAX;
        return NULL;
    } else {
        return ovsdb_syntax_error(json, NULL, "bad min or max value");
    }
}

struct ovsdb_error *
ovsdb_type_from_json(struct ovsdb_type *type, const json_t *json)
{
    struct ovsdb_error *error;

    ovsdb_base_type_init(&type->value, OVSDB_TYPE_VOID);
    type->n_min = 1;
    type->n_max = 1;

    if (json_is_string(json)) {
        return ovsdb_base_type_from_json(&type->key, json);
    } else if (json_is_object(json)) {
        const json_t *key, *value, *min, *max;
        struct ovsdb_parser parser;

        ovsdb_base_type_init(&type->key, OVSDB_TYPE_VOID);
        ovsdb_parser_init(&parser, json, "ovsdb type");
        key = ovsdb_parser_member(&parser, "key", OP_STRING | OP_OBJECT);
        value = ovsdb_parser_member(&parser, "value",
                                    OP_STRING | OP_OBJECT | OP_OPTIONAL);
        min = ovsdb_parser_member(&parser, "min", OP_INTEGER | OP_OPTIONAL);
        max = ovsdb_parser_member(&parser, "max",
                                  OP_INTEGER | OP_STRING | OP_OPTIONAL);
        error = ovsdb_parser_finish(&parser);
        if (error) {
            return error;
        }

        error = ovsdb_base_type_from_json(&type->key, key);
        if (error) {
            return error;
        }

        if (value) {
            error = ovsdb_base_type_from_json(&type->value, value);
            if (error) {
                ovsdb_base_type_destroy(&type->key);
                return error;
            }
        }

        error = n_from_json(min, &type->n_min, 1);
        if (!error) {
            error = n_from_json(max, &type->n_max, 1);
        }
        if (!error && !ovsdb_type_is_valid(type)) {
            error = ovsdb_syntax_error(json, NULL,
                                       "ovsdb type fails constraint checks");
        }
        if (error) {
            ovsdb_type_destroy(type);
            ovsdb_base_type_init(&type->key, OVSDB_TYPE_VOID);
            ovsdb_base_type_init(&type->value, OVSDB_TYPE_VOID);
        }
        return error;
    } else {
        ovsdb_base_type_init(&type->key, OVSDB_TYPE_VOID);
        return ovsdb_syntax_error(json, NULL, "ovsdb type expected");
    }
}

json_t *
ovsdb_type_to_json(const struct ovsdb_type *type)
{
    json_t *json;

    if (ovsdb_type_is_scalar(type)
        && !ovsdb_base_type_has_constraints(&type->key)) {
        return ovsdb_base_type_to_json(&type->key);
    }

    json = json_object();
    json_object_set_new(json, "key", ovsdb_base_type_to_json(&type->key));
    if (type->value.type != OVSDB_TYPE_VOID) {
        json_object_set_new(json, "value",
                            ovsdb_base_type_to_json(&type->value));
    }
    if (type->n_min != 1) {
        json_object_set_new(json, "min", json_integer(type->n_min));
    }
    if (type->n_max == UINT_MAX) {
        json_object_set_new(json, "max", json_string("unlimited"));
    } else if (type->n_max != 1) {
        json_object_set_new(json, "max", json_integer(type->n_max));
    }
    return json;
}

char *
ovsdb_type_to_english(const struct ovsdb_type *type)
{
    const char *key = ovsdb_atomic_type_to_string(type->key.type);

    if (ovsdb_type_is_scalar(type)) {
        return xstrdup(key);
    } else {
        struct ds ds = DS_EMPTY_INITIALIZER;
        bool is_map = ovsdb_type_is_map(type);

        ds_put_cstr(&ds, is_map ? "map of " : "set of ");
        if (type->n_max == UINT_MAX) {
            if (type->n_min) {
                ds_put_format(&ds, "%u or more ", type->n_min);
            }
        } else if (type->n_min) {
            ds_put_format(&ds, "%u to %u ", type->n_min, type->n_max);
        } else {
            ds_put_format(&ds, "up to %u ", type->n_max);
        }
        if (is_map) {
            ds_put_format(&ds, "(%s, %s) pairs", key,
                          ovsdb_atomic_type_to_string(type->value.type));
        } else {
            ds_put_format(&ds, "%ss", key);
        }
        return ds_steal_cstr(&ds);
    }
}
