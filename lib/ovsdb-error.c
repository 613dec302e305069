/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb-error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"

/* An error. */
struct ovsdb_error {
    const char *tag;            /* String constant, e.g. "syntax error". */
    char *details;              /* Human-readable details, or NULL. */
    json_t *syntax;             /* JSON that caused the error, or NULL. */
    int errno_;                 /* For "I/O error": errno, 0 for EOF. */
};

static struct ovsdb_error *
ovsdb_error_create__(const char *tag, const char *details, va_list args)
{
    struct ovsdb_error *error = xzalloc(sizeof *error);

    error->tag = tag ? tag : "ovsdb error";
    error->details = details ? xvasprintf(details, args) : NULL;
    return error;
}

struct ovsdb_error *
ovsdb_error_valist(const char *tag, const char *details, va_list args)
{
    return ovsdb_error_create__(tag, details, args);
}

struct ovsdb_error *
ovsdb_error(const char *tag, const char *details, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details);
    error = ovsdb_error_create__(tag, details, args);
    va_end(args);
    return error;
}

struct ovsdb_error *
ovsdb_io_error(int errno_, const char *details, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details);
    error = ovsdb_error_create__("I/O error", details, args);
    va_end(args);
    error->errno_ = errno_;
    return error;
}

struct ovsdb_error *
ovsdb_syntax_error(const json_t *json, const char *tag,
                   const char *details, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details);
    error = ovsdb_error_create__(tag ? tag : "syntax error", details, args);
    va_end(args);
    error->syntax = json ? json_incref(CONST_CAST(json_t *, json)) : NULL;
    return error;
}

struct ovsdb_error *
ovsdb_wrap_error(struct ovsdb_error *error, const char *details, ...)
{
    va_list args;
    char *prefix;

    va_start(args, details);
    prefix = xvasprintf(details, args);
    va_end(args);

    if (error->details) {
        char *both = xasprintf("%s: %s", prefix, error->details);
        free(prefix);
        free(error->details);
        error->details = both;
    } else {
        error->details = prefix;
    }
    return error;
}

struct ovsdb_error *
ovsdb_internal_error(struct ovsdb_error *inner_error,
                     const char *file, int line, const char *details, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;

    ds_put_format(&ds, "%s:%d:", file, line);
    if (details) {
        ds_put_char(&ds, ' ');
        va_start(args, details);
        ds_put_format_valist(&ds, details, args);
        va_end(args);
    }
    if (inner_error) {
        char *s = ovsdb_error_to_string_free(inner_error);
        ds_put_format(&ds, " (%s)", s);
        free(s);
    }
    ds_put_format(&ds, " (%s %s)", program_name, get_program_version());
    return ovsdb_error("internal error", "%s", ds_cstr(&ds));
}

struct ovsdb_error *
ovsdb_perm_error(const char *details, ...)
{
    struct ovsdb_error *error;
    va_list args;

    va_start(args, details);
    error = ovsdb_error_create__("permission error", details, args);
    va_end(args);
    return error;
}

void
ovsdb_error_destroy(struct ovsdb_error *error)
{
    if (error) {
        free(error->details);
        if (error->syntax) {
            json_decref(error->syntax);
        }
        free(error);
    }
}

struct ovsdb_error *
ovsdb_error_clone(const struct ovsdb_error *old)
{
    struct ovsdb_error *new;

    if (!old) {
        return NULL;
    }
    new = xmalloc(sizeof *new);
    new->tag = old->tag;
    new->details = nullable_xstrdup(old->details);
    new->syntax = old->syntax ? json_incref(old->syntax) : NULL;
    new->errno_ = old->errno_;
    return new;
}

const char *
ovsdb_error_get_tag(const struct ovsdb_error *error)
{
    return error->tag;
}

char *
ovsdb_error_to_string(const struct ovsdb_error *error)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    if (error->syntax) {
        ds_put_cstr(&ds, "syntax \"");
        json_to_ds(error->syntax, JSSF_SORT, &ds);
        ds_put_cstr(&ds, "\": ");
    }
    ds_put_cstr(&ds, error->tag);
    if (error->details) {
        ds_put_format(&ds, ": %s", error->details);
    }
    if (error->errno_) {
        ds_put_format(&ds, " (%s)", ovs_retval_to_string(error->errno_));
    }
    return ds_steal_cstr(&ds);
}

char *
ovsdb_error_to_string_free(struct ovsdb_error *error)
{
    char *s = ovsdb_error_to_string(error);
    ovsdb_error_destroy(error);
    return s;
}

json_t *
ovsdb_error_to_json(const struct ovsdb_error *error)
{
    json_t *json = json_object_create();

    json_object_put_string(json, "error", error->tag);
    if (error->details) {
        json_object_put_string(json, "details", error->details);
    }
    if (error->syntax) {
        json_object_put(json, "syntax",
                        json_string_create_nocopy(
                            json_to_string(error->syntax, JSSF_SORT)));
    }
    if (error->errno_) {
        json_object_put_string(json, "io-error",
                               ovs_retval_to_string(error->errno_));
    }
    return json;
}

json_t *
ovsdb_error_to_json_free(struct ovsdb_error *error)
{
    json_t *json = ovsdb_error_to_json(error);
    ovsdb_error_destroy(error);
    return json;
}

struct ovsdb_error *
ovsdb_error_from_json(const json_t *json)
{
    const json_t *tag, *details;
    struct ovsdb_error *error;

    if (!json_is_object(json)) {
        return NULL;
    }
    tag = json_object_get(json, "error");
    if (!json_is_string(tag)) {
        return NULL;
    }

    /* 'tag' is not a constant here, so keep a copy of it around for as long
     * as the process lives: error tags form a small, fixed vocabulary. */
    static json_t *tags;
    if (!tags) {
        tags = json_object();
    }
    if (!json_object_get(tags, json_string_value(tag))) {
        json_object_set_new(tags, json_string_value(tag),
                            json_string(json_string_value(tag)));
    }
    error = xzalloc(sizeof *error);
    error->tag = json_string_value(json_object_get(tags,
                                                   json_string_value(tag)));
    details = json_object_get(json, "details");
    if (json_is_string(details)) {
        error->details = xstrdup(json_string_value(details));
    }
    return error;
}

void
ovsdb_error_assert(struct ovsdb_error *error)
{
    if (error) {
        char *s = ovsdb_error_to_string_free(error);
        ovs_abort(0, "unexpected ovsdb error: %s", s);
    }
}
