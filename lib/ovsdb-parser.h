/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_PARSER_H
#define OVSDB_PARSER_H 1

#include <stdbool.h>
#include <jansson.h>
#include "openvswitch/compiler.h"
#include "openvswitch/shash.h"
#include "sset.h"

/* Parsing JSON objects member by member, with upstream's error texts:
 *
 *     struct ovsdb_parser parser;
 *
 *     ovsdb_parser_init(&parser, json, "ovsdb operation %d of %d", i, n);
 *     table = ovsdb_parser_member(&parser, "table", OP_ID);
 *     row = ovsdb_parser_member(&parser, "row", OP_OBJECT | OP_OPTIONAL);
 *     error = ovsdb_parser_finish(&parser);
 *
 * The first problem found is recorded and later calls return NULL;
 * ovsdb_parser_finish() reports it, or else any member that nobody asked
 * for, as a syntax error on the whole object: "Parsing <name> failed:
 * Required 'table' member is missing." / "Type mismatch for member
 * 'row'." / "Member 'x' is present but not allowed here." */

/* Types that a member may have, or'ed together. */
enum ovsdb_parser_types {
    OP_NULL = 1 << 0,           /* null. */
    OP_FALSE = 1 << 1,          /* false. */
    OP_TRUE = 1 << 2,           /* true. */
    OP_BOOLEAN = OP_FALSE | OP_TRUE, /* true or false. */
    OP_INTEGER = 1 << 3,        /* An integer. */
    OP_NONINTEGER = 1 << 4,     /* A real. */
    OP_NUMBER = OP_INTEGER | OP_NONINTEGER, /* Any number. */
    OP_STRING = 1 << 5,         /* Any string. */
    OP_ID = 1 << 6,             /* A string that is a valid identifier. */
    OP_ARRAY = 1 << 7,          /* An array. */
    OP_OBJECT = 1 << 8,         /* An object. */
    OP_OPTIONAL = 1 << 9        /* May be absent. */
};

/* Any JSON at all. */
#define OP_ANY_TYPES (OP_NULL | OP_BOOLEAN | OP_NUMBER | OP_STRING \
                      | OP_ARRAY | OP_OBJECT)

/* Most distinct members that a parser keeps track of: more than any
 * caller asks for. */
#define OVSDB_PARSER_MAX_USED 32

struct ovsdb_parser {
    char *name;                 /* What is being parsed, for messages. */
    const char *used[OVSDB_PARSER_MAX_USED]; /* Names of the members asked
                                 * for and found, each once: the object's
                                 * own copies, so compared by address. */
    size_t n_used;              /* Number of names in 'used'. */
    const json_t *json;         /* The object being parsed. */
    struct ovsdb_error *error;  /* First error found, if any. */
};

/* Starts parsing 'json' (which should be an object) as 'name'. */
void ovsdb_parser_init(struct ovsdb_parser *, const json_t *json,
                       const char *name, ...)
    OVS_PRINTF_FORMAT(3, 4);

/* Returns member 'name' if it exists and has one of 'types', else NULL
 * (recording an error unless it is optional and absent). */
const json_t *ovsdb_parser_member(struct ovsdb_parser *, const char *name,
                                  enum ovsdb_parser_types types);

/* Records error 'format' (details for a syntax error on the whole object)
 * unless an error is already recorded. */
void ovsdb_parser_raise_error(struct ovsdb_parser *, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);

/* True if an error has been recorded. */
bool ovsdb_parser_has_error(const struct ovsdb_parser *);

/* Returns the recorded error, or an error for an unused member, or NULL,
 * and frees the parser. */
struct ovsdb_error *ovsdb_parser_finish(struct ovsdb_parser *)
    OVS_WARN_UNUSED_RESULT;

/* Returns a copy of the recorded error (or NULL); the parser keeps the
 * error, so that ovsdb_parser_finish() reports it too. */
struct ovsdb_error *ovsdb_parser_get_error(const struct ovsdb_parser *)
    OVS_WARN_UNUSED_RESULT;

/* Frees the parser (and any recorded error). */
void ovsdb_parser_destroy(struct ovsdb_parser *);

/* True if 's' is an identifier: [A-Za-z_][A-Za-z0-9_]*. */
bool ovsdb_parser_is_id(const char *s);

/* Initializes 'sh' with the members of JSON object 'json' (each name maps
 * to its "const json_t *" value), added in the order of the JSON text.
 * Iterating 'sh' with SHASH_FOR_EACH then visits the members in the order
 * upstream's code visits them (upstream keeps JSON objects in a shash), so
 * that errors and output follow upstream's order.  The caller destroys
 * 'sh' with shash_destroy(). */
void ovsdb_parser_object_to_shash(const json_t *json, struct shash *sh);

#endif /* ovsdb-parser.h */
