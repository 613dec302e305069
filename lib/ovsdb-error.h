/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_ERROR_H
#define OVSDB_ERROR_H 1

#include <stdarg.h>
#include <jansson.h>
#include "openvswitch/compiler.h"

/* Errors in the OVSDB data model and protocol.
 *
 * An error has a short "tag" that says what kind of error it is, in the
 * words RFC 7047 uses for the "error" member of an error object
 * ("syntax error", "constraint violation", "referential integrity
 * violation", "unknown column", ...), optional human-readable "details",
 * and optionally the JSON that caused it (a "syntax" error) or an errno
 * value (an I/O error).
 *
 * Functions that can fail return a "struct ovsdb_error *": NULL on success,
 * otherwise an error that the caller owns and must eventually free with
 * ovsdb_error_destroy() (or hand to one of the *_free() functions). */

struct ovsdb_error;

/* Creates and returns an error with tag 'tag' (a string constant, which is
 * not copied) and details formatted from 'details' (may be NULL for no
 * details). */
struct ovsdb_error *ovsdb_error(const char *tag, const char *details, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_error_valist(const char *tag, const char *details,
                                       va_list)
    OVS_PRINTF_FORMAT(2, 0) OVS_WARN_UNUSED_RESULT;

/* Creates an "I/O error" for errno value 'error' (EOF means end of file)
 * with details formatted from 'details'. */
struct ovsdb_error *ovsdb_io_error(int error, const char *details, ...)
    OVS_PRINTF_FORMAT(2, 3) OVS_WARN_UNUSED_RESULT;

/* Creates an error for a problem found while parsing 'json' (which may be
 * NULL; if not, the error keeps its own reference to it).  'tag' defaults
 * to "syntax error" when NULL. */
struct ovsdb_error *ovsdb_syntax_error(const json_t *json, const char *tag,
                                      const char *details, ...)
    OVS_PRINTF_FORMAT(3, 4) OVS_WARN_UNUSED_RESULT;

/* Prefixes the details of 'error' with the formatted 'details' and ": ",
 * and returns 'error'. */
struct ovsdb_error *ovsdb_wrap_error(struct ovsdb_error *error,
                                     const char *details, ...)
    OVS_PRINTF_FORMAT(2, 3);

/* Creates an "internal error" (a bug in the program) at 'file':'line' with
 * details formatted from 'details'; if 'inner_error' is nonnull, it is
 * described in the details and freed.  Logs nothing. */
struct ovsdb_error *ovsdb_internal_error(struct ovsdb_error *inner_error,
                                         const char *file, int line,
                                         const char *details, ...)
    OVS_PRINTF_FORMAT(4, 5) OVS_WARN_UNUSED_RESULT;

/* Creates a "permission error" (RBAC refused an operation). */
struct ovsdb_error *ovsdb_perm_error(const char *details, ...)
    OVS_PRINTF_FORMAT(1, 2) OVS_WARN_UNUSED_RESULT;

/* Convenience wrappers for internal errors. */
#define OVSDB_BUG(MSG) \
    ovsdb_internal_error(NULL, __FILE__, __LINE__, "%s", MSG)
#define OVSDB_WRAP_BUG(MSG, ERROR) \
    ovsdb_internal_error(ERROR, __FILE__, __LINE__, "%s", MSG)

/* Frees 'error' (NULL is allowed). */
void ovsdb_error_destroy(struct ovsdb_error *);

/* Returns a copy of 'error' (NULL if 'error' is NULL). */
struct ovsdb_error *ovsdb_error_clone(const struct ovsdb_error *)
    OVS_WARN_UNUSED_RESULT;

/* Returns 'error''s tag, e.g. "syntax error". */
const char *ovsdb_error_get_tag(const struct ovsdb_error *);

/* Returns a malloc'd string that describes 'error' for a human, in the
 * format upstream's tools print:
 *
 *     syntax "<json>": <tag>: <details>     for errors with JSON syntax
 *     <tag>: <details>                      otherwise
 *
 * with " (<strerror>)" appended to I/O errors (" (End of file)" for
 * EOF).  The _free variant also frees 'error'. */
char *ovsdb_error_to_string(const struct ovsdb_error *);
char *ovsdb_error_to_string_free(struct ovsdb_error *);

/* Returns 'error' as an RFC 7047 error object:
 *
 *     {"error": <tag>, "details": <details>, "syntax": <json as string>,
 *      "io-error": <strerror>}
 *
 * where "details", "syntax" and "io-error" appear only if present.  The
 * caller owns the returned reference.  The _free variant also frees 'error'. */
json_t *ovsdb_error_to_json(const struct ovsdb_error *);
json_t *ovsdb_error_to_json_free(struct ovsdb_error *);

/* Parses an RFC 7047 error object 'json' back into an error (the inverse
 * of ovsdb_error_to_json()), or returns NULL if 'json' is not an error
 * object. */
struct ovsdb_error *ovsdb_error_from_json(const json_t *json);

/* If 'error' is nonnull, prints it to stderr and aborts.  For errors that
 * "cannot happen". */
void ovsdb_error_assert(struct ovsdb_error *);

#endif /* ovsdb-error.h */
