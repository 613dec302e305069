/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb-parser.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "openvswitch/util.h"
#include "ovsdb-error.h"

void
ovsdb_parser_init(struct ovsdb_parser *parser, const json_t *json,
                  const char *name, ...)
{
    va_list args;

    va_start(args, name);
    parser->name = xvasprintf(name, args);
    va_end(args);

    parser->n_used = 0;
    parser->error = NULL;
    parser->json = json_is_object(json) ? json : NULL;
    if (!parser->json) {
        ovsdb_parser_raise_error(parser, "Object expected.");
    }
    /* Keep the JSON for error messages even when it is not an object. */
    parser->json = json;
}

bool
ovsdb_parser_is_id(const char *s)
{
    unsigned char c = *s;

    if (!isalpha(c) && c != '_') {
        return false;
    }
    while ((c = *++s) != '\0') {
        if (!isalnum(c) && c != '_') {
            return false;
        }
    }
    return true;
}

static bool
member_has_type(const json_t *value, enum ovsdb_parser_types types)
{
    switch (json_typeof(value)) {
    case JSON_NULL:
        return types & OP_NULL;
    case JSON_FALSE:
        return types & OP_FALSE;
    case JSON_TRUE:
        return types & OP_TRUE;
    case JSON_INTEGER:
        return types & OP_INTEGER;
    case JSON_REAL:
        return types & OP_NONINTEGER;
    case JSON_STRING:
        return ((types & OP_STRING)
                || ((types & OP_ID)
                    && ovsdb_parser_is_id(json_string_value(value))));
    case JSON_ARRAY:
        return types & OP_ARRAY;
    case JSON_OBJECT:
        return types & OP_OBJECT;
    default:
        return false;
    }
}

const json_t *
ovsdb_parser_member(struct ovsdb_parser *parser, const char *name,
                    enum ovsdb_parser_types types)
{
    const json_t *value;

    if (parser->error || !json_is_object(parser->json)) {
        return NULL;
    }

    /* One lookup gives both the value and the object's own copy of the
     * name, whose address identifies the member. */
    void *iter = json_object_iter_at(CONST_CAST(json_t *, parser->json),
                                     name);
    if (!iter) {
        if (!(types & OP_OPTIONAL)) {
            ovsdb_parser_raise_error(parser,
                                     "Required '%s' member is missing.",
                                     name);
        }
        return NULL;
    }
    value = json_object_iter_value(iter);

    if (!member_has_type(value, types)) {
        ovsdb_parser_raise_error(parser, "Type mismatch for member '%s'.",
                                 name);
        return NULL;
    }

    const char *key = json_object_iter_key(iter);
    size_t i;
    for (i = 0; i < parser->n_used; i++) {
        if (parser->used[i] == key) {
            break;
        }
    }
    if (i == parser->n_used) {
        ovs_assert(parser->n_used < OVSDB_PARSER_MAX_USED);
        parser->used[parser->n_used++] = key;
    }
    return value;
}

void
ovsdb_parser_raise_error(struct ovsdb_parser *parser, const char *format,
                         ...)
{
    if (!parser->error) {
        va_list args;
        char *message;

        va_start(args, format);
        message = xvasprintf(format, args);
        va_end(args);

        parser->error = ovsdb_syntax_error(parser->json, NULL,
                                           "Parsing %s failed: %s",
                                           parser->name, message);
        free(message);
    }
}

bool
ovsdb_parser_has_error(const struct ovsdb_parser *parser)
{
    return parser->error != NULL;
}

struct ovsdb_error *
ovsdb_parser_get_error(const struct ovsdb_parser *parser)
{
    return parser->error ? ovsdb_error_clone(parser->error) : NULL;
}

void
ovsdb_parser_object_to_shash(const json_t *json, struct shash *sh)
{
    const char *key;
    json_t *value;

    shash_init(sh);
    json_object_foreach (CONST_CAST(json_t *, json), key, value) {
        shash_add(sh, key, value);
    }
}

/* Returns true if member 'name' of 'parser''s object was asked for. */
static bool
ovsdb_parser_was_used(const struct ovsdb_parser *parser, const char *name)
{
    for (size_t i = 0; i < parser->n_used; i++) {
        if (!strcmp(parser->used[i], name)) {
            return true;
        }
    }
    return false;
}

struct ovsdb_error *
ovsdb_parser_finish(struct ovsdb_parser *parser)
{
    if (!parser->error && json_is_object(parser->json)
        && json_object_size(parser->json) != parser->n_used) {
        struct shash members;
        struct shash_node *node;

        ovsdb_parser_object_to_shash(parser->json, &members);
        SHASH_FOR_EACH (node, &members) {
            if (!ovsdb_parser_was_used(parser, node->name)) {
                ovsdb_parser_raise_error(
                    parser, "Member '%s' is present but not allowed here.",
                    node->name);
                break;
            }
        }
        shash_destroy(&members);
    }

    struct ovsdb_error *error = parser->error;
    parser->error = NULL;
    ovsdb_parser_destroy(parser);
    return error;
}

void
ovsdb_parser_destroy(struct ovsdb_parser *parser)
{
    free(parser->name);
    parser->n_used = 0;
    ovsdb_error_destroy(parser->error);
    parser->name = NULL;
    parser->error = NULL;
}
