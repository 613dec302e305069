/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef JSON_H
#define JSON_H 1

/* JSON on top of jansson.
 *
 * Weft's JSON values are jansson's json_t everywhere.  This module adds
 * what jansson lacks and what Open vSwitch compatibility needs:
 *
 *   - An incremental parser, struct json_parser, that accepts a byte
 *     stream in chunks of any size (down to one byte at a time) and
 *     yields one complete JSON text at a time, so that back-to-back
 *     messages on a stream socket can be framed.  Its number, string and
 *     error semantics are Open vSwitch's: for example "1.0" and "1e3"
 *     parse as integers, and errors read "line L, column C, byte B:
 *     MESSAGE".
 *
 *   - Serialization in Open vSwitch's exact byte format, compact or
 *     pretty, optionally with object members sorted by name.
 *
 *   - Small constructors and helpers under Open vSwitch's names.
 *
 * Reference counting is jansson's: functions documented to "steal" a
 * reference take over the caller's reference to that argument; all others
 * leave the caller's references alone.
 *
 * Differences from jansson's own parser worth knowing: a number is an
 * integer whenever its value is integral and fits in 'long long' (even if
 * it was written with a fraction or exponent), strings may not contain
 * U+0000 but, as in Open vSwitch, are not checked for valid UTF-8 (see
 * lib/unicode.h), and nesting is limited to JSON_MAX_DEPTH levels. */

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "openvswitch/compiler.h"

struct ds;

/* Maximum nesting of arrays and objects that the parser accepts. */
#define JSON_MAX_DEPTH 1000

/* Constructors.  All of these return a new reference. */
json_t *json_null_create(void);
json_t *json_boolean_create(bool);
json_t *json_string_create(const char *);
json_t *json_string_create_nocopy(char *);
json_t *json_string_create_n(const char *, size_t length);
json_t *json_integer_create(long long int);
json_t *json_real_create(double);

json_t *json_array_create_empty(void);
json_t *json_array_create(json_t **elements, size_t n);
json_t *json_array_create_1(json_t *);
json_t *json_array_create_2(json_t *, json_t *);
json_t *json_array_create_3(json_t *, json_t *, json_t *);
void json_array_add(json_t *array, json_t *element);

json_t *json_object_create(void);
void json_object_put(json_t *object, const char *name, json_t *value);
void json_object_put_string(json_t *object, const char *name,
                            const char *value);
void json_object_put_format(json_t *object, const char *name,
                            const char *format, ...)
    OVS_PRINTF_FORMAT(3, 4);

/* Reference handling, under Open vSwitch's names. */
json_t *json_clone(const json_t *);
json_t *json_deep_clone(const json_t *);
void json_destroy(json_t *);

/* Queries. */
const char *json_type_to_string(json_type);
uint32_t json_hash(const json_t *, uint32_t basis);

/* Parsing.
 *
 * A parser takes input through json_parser_feed() until
 * json_parser_is_done() (a complete JSON text was seen, or an error
 * happened), then json_parser_finish() yields the value or the error.
 *
 * Without JSPF_TRAILER, json_parser_feed() stops consuming input right
 * after the end of the first complete JSON text, so that a caller framing
 * a stream of back-to-back texts feeds the unconsumed rest to a fresh
 * parser.  With JSPF_TRAILER, the parser consumes everything and reports
 * an error if anything but white space follows the text (use this for
 * files and command-line arguments).
 *
 * As in RFC 4627, a JSON text is an object or an array, unless
 * JSPF_VALUE allows any value.  A number at top level is only complete
 * once a byte follows it (or at json_parser_finish()). */
enum {
    JSPF_TRAILER = 1 << 0,      /* Reject garbage after the value. */
    JSPF_VALUE = 1 << 1         /* Allow scalars at top level. */
};

struct json_parser;

struct json_parser *json_parser_create(int flags);
void json_parser_set_max_size(struct json_parser *, size_t max_size);
size_t json_parser_feed(struct json_parser *, const char *, size_t);
bool json_parser_is_done(const struct json_parser *);
bool json_parser_has_input(const struct json_parser *);
const char *json_parser_get_error(const struct json_parser *);
json_t *json_parser_finish(struct json_parser *);
char *json_parser_finish_value(struct json_parser *, json_t **valuep)
    OVS_WARN_UNUSED_RESULT;
void json_parser_abort(struct json_parser *);

char *json_parse(const char *, size_t length, int flags, json_t **valuep)
    OVS_WARN_UNUSED_RESULT;
json_t *json_from_string(const char *string);
json_t *json_from_file(const char *file_name);
json_t *json_from_stream(FILE *stream);

/* Serialization. */
enum {
    JSSF_PRETTY = 1 << 0,       /* Multiple lines with indentation. */
    JSSF_SORT = 1 << 1          /* Object members sorted by name. */
};
char *json_to_string(const json_t *, int flags);
void json_to_ds(const json_t *, int flags, struct ds *);
void json_string_escape(const char *, struct ds *);
void json_string_escape_n(const char *, size_t length, struct ds *);
bool json_string_unescape(const char *in, size_t in_len, char **outp);

/* Pre-serialized JSON.
 *
 * A server that sends thousands of rows can compose the text of part of a
 * message directly, without building (and then freeing) a tree of small
 * values: json_raw_create() wraps such text in a value that the serializer
 * copies out as it is.  Anything else sees an object with one member whose
 * name starts with a null byte, which no parser produces.
 * json_object_member_order() gives the order in which the serializer would
 * print an object's members, so that composed text is the same, byte for
 * byte, as the serialized tree would be. */
json_t *json_raw_create(const char *text, size_t length);
const char *json_raw_text(const json_t *, size_t *lengthp);
void json_object_member_order(const char *const names[], size_t n,
                              size_t order[]);

#endif /* json.h */
