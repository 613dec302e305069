/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "json.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/util.h"

/* jansson reports allocation failure by returning NULL; Weft's convention
 * is to abort instead, so that callers never check. */
static json_t *
json_nonnull(json_t *json)
{
    if (!json) {
        ovs_abort(0, "virtual memory exhausted (jansson)");
    }
    return json;
}

/* Constructors. */

/* Returns a new reference to JSON null. */
json_t *
json_null_create(void)
{
    return json_null();
}

/* Returns a new reference to JSON true or false, per 'b'. */
json_t *
json_boolean_create(bool b)
{
    return b ? json_true() : json_false();
}

/* Returns a new JSON string holding a copy of 's'.  's' need not be valid
 * UTF-8: validating is the parser's job, not the constructor's. */
json_t *
json_string_create(const char *s)
{
    return json_nonnull(json_stringn_nocheck(s, strlen(s)));
}

/* Returns a new JSON string holding the first 'length' bytes of 's'. */
json_t *
json_string_create_n(const char *s, size_t length)
{
    return json_nonnull(json_stringn_nocheck(s, length));
}

/* Returns a new JSON string holding 's', which this function frees. */
json_t *
json_string_create_nocopy(char *s)
{
    json_t *json = json_string_create(s);
    free(s);
    return json;
}

/* Returns a new JSON integer with value 'n'. */
json_t *
json_integer_create(long long int n)
{
    return json_nonnull(json_integer(n));
}

/* Returns a new JSON real with value 'd', which must be finite. */
json_t *
json_real_create(double d)
{
    ovs_assert(isfinite(d));
    return json_nonnull(json_real(d));
}

/* Returns a new, empty JSON array. */
json_t *
json_array_create_empty(void)
{
    return json_nonnull(json_array());
}

/* Returns a new JSON array whose elements are the 'n' values in
 * 'elements'.  Steals the references in 'elements' (but not the array
 * 'elements' itself, which the caller still owns). */
json_t *
json_array_create(json_t **elements, size_t n)
{
    json_t *array = json_array_create_empty();
    for (size_t i = 0; i < n; i++) {
        json_array_add(array, elements[i]);
    }
    return array;
}

/* Returns a new JSON array holding 'e1', stealing the reference. */
json_t *
json_array_create_1(json_t *e1)
{
    return json_array_create(&e1, 1);
}

/* Returns a new JSON array holding 'e1' and 'e2', stealing the
 * references. */
json_t *
json_array_create_2(json_t *e1, json_t *e2)
{
    json_t *elements[2] = { e1, e2 };
    return json_array_create(elements, 2);
}

/* Returns a new JSON array holding 'e1', 'e2' and 'e3', stealing the
 * references. */
json_t *
json_array_create_3(json_t *e1, json_t *e2, json_t *e3)
{
    json_t *elements[3] = { e1, e2, e3 };
    return json_array_create(elements, 3);
}

/* Appends 'element' to 'array', stealing the reference to 'element'. */
void
json_array_add(json_t *array, json_t *element)
{
    if (json_array_append_new(array, element)) {
        ovs_abort(0, "json_array_add: not an array or out of memory");
    }
}

/* Returns a new, empty JSON object. */
json_t *
json_object_create(void)
{
    return json_nonnull(json_object());
}

/* Sets member 'name' of 'object' to 'value', replacing any member of the
 * same name.  Steals the reference to 'value'. */
void
json_object_put(json_t *object, const char *name, json_t *value)
{
    if (json_object_set_new_nocheck(object, name, value)) {
        ovs_abort(0, "json_object_put: not an object or out of memory");
    }
}

/* Sets member 'name' of 'object' to a JSON string copy of 'value'. */
void
json_object_put_string(json_t *object, const char *name, const char *value)
{
    json_object_put(object, name, json_string_create(value));
}

/* Sets member 'name' of 'object' to a JSON string formatted from 'format'
 * printf()-style. */
void
json_object_put_format(json_t *object, const char *name,
                       const char *format, ...)
{
    va_list args;

    va_start(args, format);
    json_object_put(object, name,
                    json_string_create_nocopy(xvasprintf(format, args)));
    va_end(args);
}

/* Returns a new reference to 'json' (JSON values are immutable by
 * convention once shared, so "cloning" only counts a reference). */
json_t *
json_clone(const json_t *json)
{
    return json_incref(CONST_CAST(json_t *, json));
}

/* Returns a recursive copy of 'json' that shares nothing with it. */
json_t *
json_deep_clone(const json_t *json)
{
    return json_nonnull(json_deep_copy(json));
}

/* Drops a reference to 'json', which may be NULL. */
void
json_destroy(json_t *json)
{
    json_decref(json);
}

/* Returns the name that Open vSwitch uses for JSON type 'type'. */
const char *
json_type_to_string(json_type type)
{
    switch (type) {
    case JSON_NULL:
        return "null";
    case JSON_FALSE:
        return "false";
    case JSON_TRUE:
        return "true";
    case JSON_OBJECT:
        return "object";
    case JSON_ARRAY:
        return "array";
    case JSON_STRING:
        return "string";
    case JSON_INTEGER:
        return "integer";
    case JSON_REAL:
        return "real";
    }
    return "<invalid>";
}

/* Returns a hash of 'json' that starts from 'basis'.  Equal values (per
 * json_equal()) hash equally: in particular the order of an object's
 * members does not matter. */
uint32_t
json_hash(const json_t *json, uint32_t basis)
{
    switch (json_typeof(json)) {
    case JSON_OBJECT: {
        const char *name;
        json_t *value;
        uint32_t hash = 0;

        json_object_foreach (CONST_CAST(json_t *, json), name, value) {
            hash ^= json_hash(value, hash_string(name, basis));
        }
        return hash_add(basis, hash);
    }

    case JSON_ARRAY: {
        size_t i;
        json_t *value;
        uint32_t hash = basis;

        json_array_foreach (json, i, value) {
            hash = json_hash(value, hash);
        }
        return hash_add(hash, json_array_size(json));
    }

    case JSON_STRING:
        return hash_bytes(json_string_value(json), json_string_length(json),
                          basis);

    case JSON_INTEGER:
        return hash_uint64_basis(json_integer_value(json), basis);

    case JSON_REAL:
        return hash_double(json_real_value(json), basis);

    case JSON_NULL:
    case JSON_FALSE:
    case JSON_TRUE:
    default:
        return hash_int(json_typeof(json), basis);
    }
}

/* Parsing. */

/* Token types. */
enum json_token_type {
    T_EOF,                      /* End of input. */
    T_BEGIN_ARRAY = '[',
    T_END_ARRAY = ']',
    T_BEGIN_OBJECT = '{',
    T_END_OBJECT = '}',
    T_NAME_SEPARATOR = ':',
    T_VALUE_SEPARATOR = ',',
    T_VALUE = 256               /* Any scalar (false, null, true, number,
                                 * string). */
};

/* Lexer states. */
enum json_lex_state {
    JSON_LEX_START,             /* Between tokens. */
    JSON_LEX_KEYWORD,           /* Within false, null, true. */
    JSON_LEX_NUMBER,            /* Within a number. */
    JSON_LEX_STRING,            /* Within a quoted string. */
    JSON_LEX_ESCAPE             /* Just after '\' in a quoted string. */
};

/* Parser states: what the grammar expects next. */
enum json_parse_state {
    JSON_PARSE_START,           /* The top-level value. */
    JSON_PARSE_END,             /* Nothing (the top-level value is done). */
    JSON_PARSE_OBJECT_INIT,     /* Member name or '}' (after '{'). */
    JSON_PARSE_OBJECT_NAME,     /* Member name (after ','). */
    JSON_PARSE_OBJECT_COLON,    /* ':'. */
    JSON_PARSE_OBJECT_VALUE,    /* Member value. */
    JSON_PARSE_OBJECT_NEXT,     /* ',' or '}'. */
    JSON_PARSE_ARRAY_INIT,      /* Value or ']' (after '['). */
    JSON_PARSE_ARRAY_VALUE,     /* Value (after ','). */
    JSON_PARSE_ARRAY_NEXT       /* ',' or ']'. */
};

/* One array or object being parsed. */
struct json_parser_frame {
    json_t *container;          /* The array or object. */
    void *member;               /* Iterator of the object member whose
                                 * value comes next, or NULL.  The member
                                 * holds a placeholder until then. */
};

/* An incremental JSON parser. */
struct json_parser {
    int flags;                  /* JSPF_*. */
    size_t max_size;            /* Maximum bytes per text, 0 for none. */

    /* Lexer. */
    enum json_lex_state lex_state; /* Where within a token. */
    struct ds buffer;           /* Text of the current token. */
    size_t byte;                /* Bytes consumed so far. */
    size_t line;                /* Newlines consumed so far. */
    size_t column;              /* Bytes consumed since the last newline. */
    bool any_token;             /* Seen anything but white space? */
    bool escaped;               /* Does the quoted string in progress
                                 * have an escape? */

    /* Parser. */
    enum json_parse_state parse_state; /* What the grammar expects. */
    struct json_parser_frame *stack;   /* Open containers, outermost
                                        * first. */
    size_t height;              /* Number of elements in 'stack'. */
    size_t allocated;           /* Number of elements allocated. */
    json_t *value;              /* The top-level value, once complete. */
    bool done;                  /* Value complete (without trailer) or
                                 * error. */
    char *error;                /* Error message, or NULL. */

    /* Short strings already created, to share (JSON values are immutable
     * once shared) rather than create again: a message such as a
     * transaction over thousands of rows repeats the same few names and
     * values ("wait", "uuid", "==", a table or column name) thousands of
     * times.  JSON_STRING_CACHE_SIZE entries, indexed by hash, NULL until
     * the first short string. */
    json_t **string_cache;
};

/* Number of entries in a parser's 'string_cache' (a power of 2), and the
 * longest string that goes there. */
#define JSON_STRING_CACHE_SIZE 64
#define JSON_STRING_CACHE_MAX_LEN 16

static void json_parser_error(struct json_parser *, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);
static void json_parser_add_member(struct json_parser *, const char *name);
static void json_parse_token(struct json_parser *, enum json_token_type,
                             json_t *value);

/* Creates and returns a new parser.  'flags' is a combination of JSPF_*
 * flags. */
struct json_parser *
json_parser_create(int flags)
{
    struct json_parser *p = xzalloc(sizeof *p);

    p->flags = flags;
    ds_init(&p->buffer);
    p->lex_state = JSON_LEX_START;
    p->parse_state = JSON_PARSE_START;
    return p;
}

/* Makes 'p' fail with an error once a JSON text grows beyond 'max_size'
 * bytes (counting any white space before it).  0 means no limit, the
 * default. */
void
json_parser_set_max_size(struct json_parser *p, size_t max_size)
{
    p->max_size = max_size;
}

/* Records an error, formatted printf()-style, at the current position,
 * unless an error was already recorded.  Parsing stops. */
static void
json_parser_error(struct json_parser *p, const char *format, ...)
{
    if (!p->error) {
        va_list args;
        char *message;

        va_start(args, format);
        message = xvasprintf(format, args);
        va_end(args);

        p->error = xasprintf("line %zu, column %zu, byte %zu: %s",
                             p->line, p->column, p->byte, message);
        free(message);
    }
    p->done = true;
}

/* Lexes the keyword in p->buffer. */
static void
json_lex_keyword(struct json_parser *p)
{
    const char *s = ds_cstr(&p->buffer);

    if (!strcmp(s, "false")) {
        json_parse_token(p, T_VALUE, json_false());
    } else if (!strcmp(s, "true")) {
        json_parse_token(p, T_VALUE, json_true());
    } else if (!strcmp(s, "null")) {
        json_parse_token(p, T_VALUE, json_null());
    } else {
        json_parser_error(p, "invalid keyword '%s'", s);
    }
}

/* Lexes the number in p->buffer.  A number whose value is an integer that
 * fits in 'long long' becomes a JSON integer, whatever its spelling (so
 * "1.0" and "1e3" are integers); anything else becomes a JSON real. */
static void
json_lex_number(struct json_parser *p)
{
    const char *start = ds_cstr(&p->buffer);
    const char *s = start;
    bool negative = false;
    const char *int_digits, *frac_digits = "";
    size_t n_int, n_frac = 0;
    long long int exponent = 0;

    if (*s == '-') {
        negative = true;
        s++;
        if (!isdigit((unsigned char) *s)) {
            json_parser_error(p, "'-' must be followed by digit");
            return;
        }
    }

    /* Integer part. */
    if (*s == '0' && isdigit((unsigned char) s[1])) {
        json_parser_error(p, "leading zeros not allowed");
        return;
    }
    int_digits = s;
    while (isdigit((unsigned char) *s)) {
        s++;
    }
    n_int = s - int_digits;

    /* Fraction. */
    if (*s == '.') {
        s++;
        if (!isdigit((unsigned char) *s)) {
            json_parser_error(p, "decimal point must be followed by digit");
            return;
        }
        frac_digits = s;
        while (isdigit((unsigned char) *s)) {
            s++;
        }
        n_frac = s - frac_digits;
    }

    /* Exponent. */
    if (*s == 'e' || *s == 'E') {
        bool negative_exponent = false;
        int e = 0;

        s++;
        if (*s == '+') {
            s++;
        } else if (*s == '-') {
            negative_exponent = true;
            s++;
        }
        if (!isdigit((unsigned char) *s)) {
            json_parser_error(p, "exponent must contain at least one digit");
            return;
        }
        for (; isdigit((unsigned char) *s); s++) {
            if (e >= INT_MAX / 10) {
                json_parser_error(p, "exponent outside valid range");
                return;
            }
            e = e * 10 + (*s - '0');
        }
        exponent = negative_exponent ? -e : e;
    }

    if (*s != '\0') {
        json_parser_error(p, "syntax error in number");
        return;
    }

    /* The significand's digits, without the decimal point and without
     * leading or trailing zeros, times 10**'exponent', is the value. */
    struct ds digits = DS_EMPTY_INITIALIZER;
    ds_put_buffer(&digits, int_digits, n_int);
    ds_put_buffer(&digits, frac_digits, n_frac);
    exponent -= n_frac;

    const char *sig = ds_cstr(&digits);
    size_t n_sig = digits.length;
    while (n_sig && *sig == '0') {
        sig++;
        n_sig--;
    }
    while (n_sig && sig[n_sig - 1] == '0') {
        n_sig--;
        exponent++;
    }

    /* Is it an integer that fits in 'long long'? */
    if (!n_sig || (exponent >= 0 && n_sig + exponent <= 19)) {
        unsigned long long int value = 0;
        unsigned long long int limit = LLONG_MAX;
        bool fits = true;

        if (negative) {
            limit++;            /* -LLONG_MIN is one more than LLONG_MAX. */
        }
        for (long long int i = 0; n_sig && i < n_sig + exponent; i++) {
            unsigned int d = i < n_sig ? sig[i] - '0' : 0;
            if (value > (limit - d) / 10) {
                fits = false;
                break;
            }
            value = value * 10 + d;
        }
        if (fits) {
            long long int n = (negative
                               ? (long long int) (0 - value)
                               : (long long int) value);
            ds_destroy(&digits);
            json_parse_token(p, T_VALUE, json_nonnull(json_integer(n)));
            return;
        }
    }
    ds_destroy(&digits);

    /* A real. */
    errno = 0;
    double d = strtod(start, NULL);
    if (errno == ERANGE && d != 0) {
        json_parser_error(p, "number outside valid range");
        return;
    } else if (d == 0) {
        d = 0;                  /* Underflow (e.g. -1e-400) gives +0. */
    }
    json_parse_token(p, T_VALUE, json_nonnull(json_real(d)));
}

/* Parses the 4 hex digits of a \u escape at '*inp' (of the bytes before
 * 'end') into '*unitp' and advances '*inp' past them.  Returns NULL if
 * successful, otherwise an error message (a string constant). */
static const char *
json_lex_4hex(const char **inp, const char *end, int *unitp)
{
    int unit = 0;

    if (end - *inp < 4) {
        return "quoted string ends within \\u escape";
    }
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char) (*inp)[i];

        unit <<= 4;
        if (c >= '0' && c <= '9') {
            unit += c - '0';
        } else if (c >= 'a' && c <= 'f') {
            unit += c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            unit += c - 'A' + 10;
        } else {
            return "malformed \\u escape";
        }
    }
    *inp += 4;
    *unitp = unit;
    return NULL;
}

/* Decodes the \u escape whose hex digits start at '*inp' (of the bytes
 * before 'end'), with the second half of a surrogate pair if one must
 * follow, appends its UTF-8 encoding to 'out', and advances '*inp' past
 * it.  Returns NULL if successful, otherwise an error message (a string
 * constant).  As in Open vSwitch, a lone trailing surrogate is encoded as
 * is. */
static const char *
json_lex_unicode(const char **inp, const char *end, struct ds *out)
{
    const char *error;
    int c0, c1;

    error = json_lex_4hex(inp, end, &c0);
    if (error) {
        return error;
    } else if (!c0) {
        return "null bytes not supported in quoted strings";
    } else if (c0 >= 0xd800 && c0 <= 0xdbff) {
        if (end - *inp < 2 || (*inp)[0] != '\\' || (*inp)[1] != 'u') {
            return "malformed escaped surrogate pair";
        }
        *inp += 2;
        error = json_lex_4hex(inp, end, &c1);
        if (error) {
            return error;
        } else if (c1 < 0xdc00 || c1 > 0xdfff) {
            return ("second half of escaped surrogate pair is not trailing "
                    "surrogate");
        }
        c0 = 0x10000 + ((c0 - 0xd800) << 10) + (c1 - 0xdc00);
    }
    ds_put_utf8(out, c0);
    return NULL;
}

/* Decodes the JSON escapes in the 'in_len' bytes at 'in', the inside of a
 * quoted string (without the quotes).  Other bytes are copied as they
 * are.  On success, returns true and stores the decoded string in
 * '*outp'; on failure, returns false and stores an error message in
 * '*outp'.  Either way, the caller must free '*outp'. */
bool
json_string_unescape(const char *in, size_t in_len, char **outp)
{
    const char *end = in + in_len;
    const char *error = NULL;
    struct ds out = DS_EMPTY_INITIALIZER;

    ds_reserve(&out, in_len);
    while (in < end && !error) {
        if (*in == '"') {
            error = "quoted string may not include unescaped \"";
            break;
        } else if (*in != '\\') {
            ds_put_char(&out, *in++);
            continue;
        } else if (++in >= end) {
            error = "quoted string may not end with backslash";
            break;
        }

        switch (*in++) {
        case '"': case '\\': case '/':
            ds_put_char(&out, in[-1]);
            break;
        case 'b':
            ds_put_char(&out, '\b');
            break;
        case 'f':
            ds_put_char(&out, '\f');
            break;
        case 'n':
            ds_put_char(&out, '\n');
            break;
        case 'r':
            ds_put_char(&out, '\r');
            break;
        case 't':
            ds_put_char(&out, '\t');
            break;
        case 'u':
            error = json_lex_unicode(&in, end, &out);
            break;
        default:
            ds_destroy(&out);
            *outp = xasprintf("bad escape \\%c", in[-1]);
            return false;
        }
    }
    if (error) {
        ds_destroy(&out);
        *outp = xstrdup(error);
        return false;
    }
    *outp = ds_steal_cstr(&out);
    return true;
}

/* Returns a JSON string holding the 'n' bytes at 's', shared with earlier
 * strings of 'p' with the same contents if it is short. */
static json_t *
json_parser_string(struct json_parser *p, const char *s, size_t n)
{
    json_t **slot, *value;

    if (n > JSON_STRING_CACHE_MAX_LEN) {
        return json_string_create_n(s, n);
    }
    if (!p->string_cache) {
        p->string_cache = xcalloc(JSON_STRING_CACHE_SIZE,
                                  sizeof *p->string_cache);
    }
    slot = &p->string_cache[hash_bytes(s, n, 0)
                            & (JSON_STRING_CACHE_SIZE - 1)];
    if (*slot && json_string_length(*slot) == n
        && !memcmp(json_string_value(*slot), s, n)) {
        return json_incref(*slot);
    }

    value = json_string_create_n(s, n);
    json_decref(*slot);
    *slot = json_incref(value);
    return value;
}

/* Lexes the contents of the quoted string in p->buffer (without the
 * quotes, with the escapes still in place).  As in Open vSwitch, bytes
 * outside escapes are not checked for valid UTF-8: whoever gives a string
 * meaning checks it (OVSDB, for one, with utf8_validate() when it checks a
 * string atom's constraints). */
static void
json_lex_string(struct json_parser *p)
{
    const char *in = p->buffer.string ? p->buffer.string : "";
    size_t n = p->buffer.length;
    char *s;

    bool is_name = (!p->error
                    && (p->parse_state == JSON_PARSE_OBJECT_INIT
                        || p->parse_state == JSON_PARSE_OBJECT_NAME));

    if (!p->escaped) {
        /* Nothing to decode (the lexer ends a string at its first
         * unescaped '"', so there is none inside): take the bytes as they
         * are, without a decoded copy.  A member name needs no JSON string
         * at all (the lexer rejects control characters, so there is no
         * null byte inside). */
        if (is_name) {
            json_parser_add_member(p, in);
        } else {
            json_parse_token(p, T_VALUE, json_parser_string(p, in, n));
        }
        return;
    }
    if (!json_string_unescape(in, n, &s)) {
        json_parser_error(p, "%s", s);
        free(s);
        return;
    }
    if (is_name) {
        json_parser_add_member(p, s);
        free(s);
        return;
    }

    json_parse_token(p, T_VALUE, json_string_create_nocopy(s));
}

/* Reports an invalid character 'c' outside a token. */
static void
json_lex_invalid_char(struct json_parser *p, unsigned char c)
{
    if (isprint(c)) {
        json_parser_error(p, "invalid character '%c'", c);
    } else {
        json_parser_error(p, "invalid character U+%04x", c);
    }
}

/* Ends the keyword or number token in progress, if any. */
static void
json_lex_end_token(struct json_parser *p)
{
    if (p->lex_state == JSON_LEX_KEYWORD) {
        p->lex_state = JSON_LEX_START;
        json_lex_keyword(p);
    } else if (p->lex_state == JSON_LEX_NUMBER) {
        p->lex_state = JSON_LEX_START;
        json_lex_number(p);
    }
    ds_clear(&p->buffer);
}

/* Feeds byte 'c' to the lexer.  Returns true if 'c' was consumed, false if
 * it only ended the token in progress and must be fed again. */
static bool
json_lex_input(struct json_parser *p, unsigned char c)
{
    switch (p->lex_state) {
    case JSON_LEX_START:
        switch (c) {
        case ' ': case '\t': case '\n': case '\r':
            return true;

        case '[': case ']': case '{': case '}': case ':': case ',':
            p->any_token = true;
            json_parse_token(p, c, NULL);
            return true;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
            p->any_token = true;
            p->lex_state = JSON_LEX_NUMBER;
            ds_put_char(&p->buffer, c);
            return true;

        case '"':
            p->any_token = true;
            p->lex_state = JSON_LEX_STRING;
            p->escaped = false;
            return true;

        default:
            if (c >= 'a' && c <= 'z') {
                p->any_token = true;
                p->lex_state = JSON_LEX_KEYWORD;
                ds_put_char(&p->buffer, c);
            } else {
                json_lex_invalid_char(p, c);
            }
            return true;
        }

    case JSON_LEX_KEYWORD:
        if (isalpha(c)) {
            ds_put_char(&p->buffer, c);
            return true;
        }
        json_lex_end_token(p);
        return false;

    case JSON_LEX_NUMBER:
        if (strchr(".0123456789eE+-", c) && c) {
            ds_put_char(&p->buffer, c);
            return true;
        }
        json_lex_end_token(p);
        return false;

    case JSON_LEX_STRING:
    case JSON_LEX_ESCAPE:
        if (c < 0x20) {
            json_parser_error(p, "U+%04X must be escaped in quoted string",
                              c);
        } else if (p->lex_state == JSON_LEX_ESCAPE) {
            ds_put_char(&p->buffer, c);
            p->lex_state = JSON_LEX_STRING;
        } else if (c == '\\') {
            ds_put_char(&p->buffer, c);
            p->lex_state = JSON_LEX_ESCAPE;
            p->escaped = true;
        } else if (c == '"') {
            p->lex_state = JSON_LEX_START;
            json_lex_string(p);
            ds_clear(&p->buffer);
        } else {
            ds_put_char(&p->buffer, c);
        }
        return true;
    }
    OVS_NOT_REACHED();
}

/* Returns the innermost open container's frame. */
static struct json_parser_frame *
json_parser_top(struct json_parser *p)
{
    return &p->stack[p->height - 1];
}

/* Sets the parser state for what follows a complete value, given the
 * innermost container (if any). */
static void
json_parser_after_value(struct json_parser *p)
{
    if (!p->height) {
        p->parse_state = JSON_PARSE_END;
        if (!(p->flags & JSPF_TRAILER)) {
            p->done = true;
        }
    } else if (json_is_array(json_parser_top(p)->container)) {
        p->parse_state = JSON_PARSE_ARRAY_NEXT;
    } else {
        p->parse_state = JSON_PARSE_OBJECT_NEXT;
    }
}

/* Adds complete 'value' to the innermost container or makes it the
 * top-level value.  Steals 'value'. */
static void
json_parser_put_value(struct json_parser *p, json_t *value)
{
    if (!p->height) {
        p->value = value;
    } else {
        struct json_parser_frame *top = json_parser_top(p);
        if (json_is_array(top->container)) {
            json_array_add(top->container, value);
        } else {
            json_object_iter_set_new(top->container, top->member, value);
            top->member = NULL;
        }
    }
    json_parser_after_value(p);
}

/* Opens a new array or object, per 'type'. */
static void
json_parser_push(struct json_parser *p, enum json_token_type type)
{
    if (p->height >= JSON_MAX_DEPTH) {
        json_parser_error(p, "input exceeds maximum nesting depth %d",
                          JSON_MAX_DEPTH);
        return;
    }
    if (p->height >= p->allocated) {
        p->stack = x2nrealloc(p->stack, &p->allocated, sizeof *p->stack);
    }

    struct json_parser_frame *frame = &p->stack[p->height++];
    if (type == T_BEGIN_ARRAY) {
        frame->container = json_array_create_empty();
        p->parse_state = JSON_PARSE_ARRAY_INIT;
    } else {
        frame->container = json_object_create();
        p->parse_state = JSON_PARSE_OBJECT_INIT;
    }
    frame->member = NULL;
}

/* Closes the innermost array or object. */
static void
json_parser_pop(struct json_parser *p)
{
    json_t *container = json_parser_top(p)->container;

    p->height--;
    json_parser_put_value(p, container);
}

/* Handles a value token ('type' is T_VALUE, with 'value') or the start of
 * an array or object, where the grammar expects a value. */
static void
json_parser_value(struct json_parser *p, enum json_token_type type,
                  json_t *value)
{
    if (type == T_VALUE) {
        json_parser_put_value(p, value);
    } else if (type == T_BEGIN_ARRAY || type == T_BEGIN_OBJECT) {
        json_parser_push(p, type);
    } else {
        json_parser_error(p, "syntax error expecting value");
    }
}

/* Adds member 'name' to the innermost object, whose value comes next.
 * The member is in the object from now on, in its place in insertion order,
 * with a placeholder value: then setting the value needs no second lookup
 * and the parser keeps no copy of the name. */
static void
json_parser_add_member(struct json_parser *p, const char *name)
{
    struct json_parser_frame *top = json_parser_top(p);

    json_object_put(top->container, name, json_null());
    top->member = json_object_iter_at(top->container, name);
    p->parse_state = JSON_PARSE_OBJECT_COLON;
}

/* Feeds one token to the parser.  'value' is the token's value for
 * T_VALUE, otherwise NULL.  Steals 'value'. */
static void
json_parse_token(struct json_parser *p, enum json_token_type type,
                 json_t *value)
{
    if (p->error) {
        json_decref(value);
        return;
    }

    switch (p->parse_state) {
    case JSON_PARSE_START:
        if (type == T_BEGIN_ARRAY || type == T_BEGIN_OBJECT
            || (type == T_VALUE && p->flags & JSPF_VALUE)) {
            json_parser_value(p, type, value);
            return;
        }
        json_parser_error(p, "syntax error at beginning of input");
        break;

    case JSON_PARSE_END:
        json_parser_error(p, "trailing garbage at end of input");
        break;

    case JSON_PARSE_OBJECT_INIT:
        if (type == T_END_OBJECT) {
            json_parser_pop(p);
            return;
        }
        /* Fall through. */
    case JSON_PARSE_OBJECT_NAME:
        if (type == T_VALUE && json_is_string(value)) {
            json_parser_add_member(p, json_string_value(value));
        } else {
            json_parser_error(p, "syntax error parsing object expecting "
                              "string");
        }
        break;

    case JSON_PARSE_OBJECT_COLON:
        if (type == T_NAME_SEPARATOR) {
            p->parse_state = JSON_PARSE_OBJECT_VALUE;
        } else {
            json_parser_error(p, "syntax error parsing object expecting "
                              "':'");
        }
        break;

    case JSON_PARSE_OBJECT_VALUE:
    case JSON_PARSE_ARRAY_VALUE:
        json_parser_value(p, type, value);
        return;

    case JSON_PARSE_OBJECT_NEXT:
        if (type == T_VALUE_SEPARATOR) {
            p->parse_state = JSON_PARSE_OBJECT_NAME;
        } else if (type == T_END_OBJECT) {
            json_parser_pop(p);
        } else {
            json_parser_error(p, "syntax error expecting '}' or ','");
        }
        break;

    case JSON_PARSE_ARRAY_INIT:
        if (type == T_END_ARRAY) {
            json_parser_pop(p);
            return;
        }
        json_parser_value(p, type, value);
        return;

    case JSON_PARSE_ARRAY_NEXT:
        if (type == T_VALUE_SEPARATOR) {
            p->parse_state = JSON_PARSE_ARRAY_VALUE;
        } else if (type == T_END_ARRAY) {
            json_parser_pop(p);
        } else {
            json_parser_error(p, "syntax error expecting ']' or ','");
        }
        break;
    }
    json_decref(value);
}

/* Feeds the 'n' bytes in 'data' to 'p'.  Returns the number of bytes
 * consumed: fewer than 'n' once json_parser_is_done() (the value is
 * complete, or an error occurred). */
size_t
json_parser_feed(struct json_parser *p, const char *data, size_t n)
{
    size_t i = 0;

    while (!p->done && i < n) {
        unsigned char c = data[i];

        if (p->lex_state == JSON_LEX_STRING) {
            /* Fast path: copy a run of ordinary bytes within a quoted
             * string in one go.  They are not newlines, so only the byte
             * and column counts move. */
            size_t limit = n - i;
            size_t run = 0;

            if (p->max_size) {
                limit = (p->byte < p->max_size
                         ? MIN(limit, p->max_size - p->byte) : 0);
            }
            while (run < limit) {
                unsigned char d = data[i + run];
                if (d < 0x20 || d == '"' || d == '\\') {
                    break;
                }
                run++;
            }
            if (run) {
                ds_put_buffer(&p->buffer, &data[i], run);
                p->byte += run;
                p->column += run;
                i += run;
                continue;
            }
        }
        if (p->max_size && p->byte >= p->max_size) {
            json_parser_error(p, "input exceeds maximum size of %zu bytes",
                              p->max_size);
            break;
        }
        if (json_lex_input(p, c)) {
            p->byte++;
            if (c == '\n') {
                p->line++;
                p->column = 0;
            } else {
                p->column++;
            }
            i++;
        }
    }
    return i;
}

/* Returns true if 'p' needs no more input: it has a complete JSON text
 * (and JSPF_TRAILER is not in effect) or it has found an error. */
bool
json_parser_is_done(const struct json_parser *p)
{
    return p->done;
}

/* Returns true if 'p' has consumed anything besides white space, that is,
 * if it is within a JSON text. */
bool
json_parser_has_input(const struct json_parser *p)
{
    return p->any_token;
}

/* Returns the error that 'p' found, or NULL if none so far.  The error
 * string is owned by 'p'. */
const char *
json_parser_get_error(const struct json_parser *p)
{
    return p->error;
}

/* Ends the input to 'p' and destroys it.  If 'p' holds a complete, valid
 * JSON text, returns NULL and stores it in '*valuep' (the caller owns the
 * reference).  Otherwise, stores NULL in '*valuep' and returns an error
 * message that the caller must free(). */
char *
json_parser_finish_value(struct json_parser *p, json_t **valuep)
{
    char *error;

    if (!p->error) {
        if (p->lex_state == JSON_LEX_STRING
            || p->lex_state == JSON_LEX_ESCAPE) {
            json_parser_error(p, "unexpected end of input in quoted string");
        } else if (p->lex_state != JSON_LEX_START) {
            /* End the pending number or keyword as Open vSwitch does, with
             * a virtual space that counts in the error position. */
            json_parser_feed(p, " ", 1);
        }
    }
    if (!p->error && p->parse_state != JSON_PARSE_END) {
        json_parser_error(p, (p->any_token
                              ? "unexpected end of input"
                              : "empty input stream"));
    }

    error = p->error;
    p->error = NULL;
    if (error) {
        *valuep = NULL;
    } else {
        *valuep = p->value;
        p->value = NULL;
    }
    json_parser_abort(p);
    return error;
}

/* Ends the input to 'p' and destroys it.  Returns the JSON text (an array
 * or object) that it holds or, on error, a JSON string containing the
 * error message.  Either way, the caller owns the reference.
 *
 * With JSPF_VALUE, a string result is ambiguous; use
 * json_parser_finish_value() instead. */
json_t *
json_parser_finish(struct json_parser *p)
{
    json_t *value;
    char *error = json_parser_finish_value(p, &value);

    return error ? json_string_create_nocopy(error) : value;
}

/* Destroys 'p' and anything it holds. */
void
json_parser_abort(struct json_parser *p)
{
    if (p) {
        for (size_t i = 0; i < p->height; i++) {
            json_decref(p->stack[i].container);
        }
        free(p->stack);
        json_decref(p->value);
        ds_destroy(&p->buffer);
        free(p->error);
        if (p->string_cache) {
            for (size_t i = 0; i < JSON_STRING_CACHE_SIZE; i++) {
                json_decref(p->string_cache[i]);
            }
            free(p->string_cache);
        }
        free(p);
    }
}

/* Parses the 'length' bytes at 's' as one JSON text, with 'flags' as for
 * json_parser_create() plus JSPF_TRAILER.  On success, returns NULL and
 * stores the value in '*valuep' (owned by the caller); on failure,
 * returns an error message (owned by the caller) and stores NULL. */
char *
json_parse(const char *s, size_t length, int flags, json_t **valuep)
{
    struct json_parser *p = json_parser_create(flags | JSPF_TRAILER);

    json_parser_feed(p, s, length);
    return json_parser_finish_value(p, valuep);
}

/* Parses 'string' as a JSON text (an array or object).  Returns the value
 * or, on error, a JSON string holding the error message. */
json_t *
json_from_string(const char *string)
{
    json_t *value;
    char *error = json_parse(string, strlen(string), 0, &value);

    return error ? json_string_create_nocopy(error) : value;
}

/* Reads and parses all of 'stream' as a JSON text, like
 * json_from_string(). */
json_t *
json_from_stream(FILE *stream)
{
    struct json_parser *p = json_parser_create(JSPF_TRAILER);
    char buffer[BUFSIZ];
    size_t n;
    json_t *json;

    while ((n = fread(buffer, 1, sizeof buffer, stream)) > 0) {
        json_parser_feed(p, buffer, n);
    }
    if (ferror(stream)) {
        json_parser_abort(p);
        return json_string_create_nocopy(
            xasprintf("error reading JSON stream: %s",
                      ovs_strerror(errno)));
    }
    json = json_parser_finish(p);
    return json;
}

/* Reads and parses file 'file_name' as a JSON text, like
 * json_from_string(). */
json_t *
json_from_file(const char *file_name)
{
    FILE *stream = fopen(file_name, "r");
    json_t *json;

    if (!stream) {
        return json_string_create_nocopy(
            xasprintf("error opening \"%s\": %s", file_name,
                      ovs_strerror(errno)));
    }
    json = json_from_stream(stream);
    fclose(stream);
    return json;
}

/* Serialization. */

/* State of one serialization. */
struct json_serializer {
    struct ds *ds;              /* Output. */
    int depth;                  /* Current nesting, for indentation. */
    int flags;                  /* JSSF_*. */
};

static void json_serialize(const json_t *, struct json_serializer *);

/* Starts a new line at the current depth, if pretty-printing. */
static void
json_serialize_indent(struct json_serializer *s)
{
    if (s->flags & JSSF_PRETTY) {
        ds_put_char(s->ds, '\n');
        ds_put_char_multiple(s->ds, ' ', s->depth * 2);
    }
}

/* One object member, for putting members in Open vSwitch's order. */
struct json_member_node {
    struct hmap_node hmap_node; /* In the ordering map, by name hash. */
    const char *name;           /* Member name (owned by the object). */
    const json_t *value;        /* Member value (owned by the object). */
};

/* qsort() comparison function for object members, by name. */
static int
json_compare_members(const void *a_, const void *b_)
{
    const struct json_member_node *a = a_;
    const struct json_member_node *b = b_;

    return strcmp(a->name, b->name);
}

/* Serializes object member 'm', the 'i'th printed (counting from 0). */
static void
json_serialize_member(const struct json_member_node *m, size_t i,
                      struct json_serializer *s)
{
    if (i) {
        ds_put_char(s->ds, ',');
        json_serialize_indent(s);
    }
    json_string_escape(m->name, s->ds);
    ds_put_char(s->ds, ':');
    if (s->flags & JSSF_PRETTY) {
        ds_put_char(s->ds, ' ');
    }
    json_serialize(m->value, s);
}

/* The name of the only member of a json_raw_create() value: it starts
 * with a null byte, so the parser never produces it. */
static const char json_raw_key[] = "\0raw";
#define JSON_RAW_KEY_LEN (sizeof json_raw_key - 1)

/* Returns a value that serializes as the 'length' bytes at 'text', which
 * must be one complete JSON value in the compact form (the serializer
 * copies it as it is, even when pretty-printing). */
json_t *
json_raw_create(const char *text, size_t length)
{
    json_t *object = json_object_create();

    json_object_setn_new_nocheck(object, json_raw_key, JSON_RAW_KEY_LEN,
                                 json_string_create_n(text, length));
    return object;
}

/* If 'json' was created by json_raw_create(), returns its text and stores
 * its length in '*lengthp'; otherwise returns NULL. */
const char *
json_raw_text(const json_t *json, size_t *lengthp)
{
    const json_t *text;

    if (!json_is_object(json) || json_object_size(json) != 1) {
        return NULL;
    }
    text = json_object_getn(json, json_raw_key, JSON_RAW_KEY_LEN);
    if (!text || !json_is_string(text)) {
        return NULL;
    }
    *lengthp = json_string_length(text);
    return json_string_value(text);
}

/* One member name, for json_object_member_order(). */
struct json_order_node {
    struct hmap_node hmap_node; /* In the ordering map, by name hash. */
    size_t index;               /* Index of the name. */
};

/* Stores in 'order' the indexes 0...n-1 of the 'n' member names in
 * 'names', in the order in which the serializer prints (without JSSF_SORT)
 * an object whose members were added in the order of 'names'. */
void
json_object_member_order(const char *const names[], size_t n,
                         size_t order[])
{
    struct json_order_node nodes_stub[8];
    struct json_order_node *nodes;
    const struct json_order_node *node;
    struct hmap map;
    size_t i;

    if (n < 2) {
        for (i = 0; i < n; i++) {
            order[i] = i;
        }
        return;
    }

    /* The same map, with the same insertions, as json_serialize_object()
     * uses. */
    nodes = (n <= ARRAY_SIZE(nodes_stub)
             ? nodes_stub
             : xmalloc(n * sizeof *nodes));
    hmap_init(&map);
    for (i = 0; i < n; i++) {
        nodes[i].index = i;
        hmap_insert(&map, &nodes[i].hmap_node, hash_string(names[i], 0));
    }
    i = 0;
    HMAP_FOR_EACH (node, hmap_node, &map) {
        order[i++] = node->index;
    }
    hmap_destroy(&map);
    if (nodes != nodes_stub) {
        free(nodes);
    }
}

/* Serializes object 'json'.  Members come in Open vSwitch's order for an
 * object built in the same insertion order, or sorted by name with
 * JSSF_SORT. */
static void
json_serialize_object(const json_t *json, struct json_serializer *s)
{
    size_t n = json_object_size(json);
    struct json_member_node nodes_stub[8];
    struct json_member_node *nodes = (n <= ARRAY_SIZE(nodes_stub)
                                      ? nodes_stub
                                      : xmalloc(n * sizeof *nodes));
    const char *name;
    json_t *value;
    size_t i = 0;

    json_object_foreach (CONST_CAST(json_t *, json), name, value) {
        nodes[i].name = name;
        nodes[i].value = value;
        i++;
    }

    if (n == 1 && !nodes[0].name[0]) {
        size_t length;
        const char *text = json_raw_text(json, &length);

        if (text) {
            ds_put_buffer(s->ds, text, length);
            return;
        }
    }

    if (s->flags & JSSF_SORT || n < 2) {
        qsort(nodes, n, sizeof *nodes, json_compare_members);
    } else {
        /* Open vSwitch keeps an object's members in a string hash map and
         * prints them in its iteration order.  Scripts and tests compare
         * output byte for byte, so reproduce that order: insert the
         * members into an hmap in insertion order, hashed as an shash
         * hashes them (our hmap hashes and grows as upstream's does), and
         * take them out in its order.  The nodes come from one array, with
         * a stack stub for small objects, not one allocation each. */
        struct hmap map = HMAP_INITIALIZER(&map);
        const struct json_member_node *node;

        for (i = 0; i < n; i++) {
            hmap_insert(&map, &nodes[i].hmap_node,
                        hash_string(nodes[i].name, 0));
        }

        ds_put_char(s->ds, '{');
        s->depth++;
        json_serialize_indent(s);
        i = 0;
        HMAP_FOR_EACH (node, hmap_node, &map) {
            json_serialize_member(node, i++, s);
        }
        s->depth--;
        ds_put_char(s->ds, '}');
        hmap_destroy(&map);
        if (nodes != nodes_stub) {
            free(nodes);
        }
        return;
    }

    ds_put_char(s->ds, '{');
    s->depth++;
    json_serialize_indent(s);
    for (i = 0; i < n; i++) {
        json_serialize_member(&nodes[i], i, s);
    }
    s->depth--;
    ds_put_char(s->ds, '}');
    if (nodes != nodes_stub) {
        free(nodes);
    }
}

/* Serializes array 'json'. */
static void
json_serialize_array(const json_t *json, struct json_serializer *s)
{
    size_t n = json_array_size(json);

    if (!n) {
        ds_put_cstr(s->ds, "[]");
        return;
    }

    ds_put_char(s->ds, '[');
    s->depth++;
    json_serialize_indent(s);
    for (size_t i = 0; i < n; i++) {
        if (i) {
            ds_put_char(s->ds, ',');
            json_serialize_indent(s);
        }
        json_serialize(json_array_get(json, i), s);
    }
    s->depth--;
    ds_put_char(s->ds, ']');
}

/* Serializes 'json' into s->ds. */
static void
json_serialize(const json_t *json, struct json_serializer *s)
{
    switch (json_typeof(json)) {
    case JSON_NULL:
        ds_put_cstr(s->ds, "null");
        break;
    case JSON_FALSE:
        ds_put_cstr(s->ds, "false");
        break;
    case JSON_TRUE:
        ds_put_cstr(s->ds, "true");
        break;
    case JSON_OBJECT:
        json_serialize_object(json, s);
        break;
    case JSON_ARRAY:
        json_serialize_array(json, s);
        break;
    case JSON_INTEGER:
        ds_put_format(s->ds, "%lld", (long long int) json_integer_value(json));
        break;
    case JSON_REAL:
        ds_put_format(s->ds, "%.*g", 15, json_real_value(json));
        break;
    case JSON_STRING:
        json_string_escape_n(json_string_value(json),
                             json_string_length(json), s->ds);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

/* Appends 'json' to 'ds', serialized per 'flags' (JSSF_*). */
void
json_to_ds(const json_t *json, int flags, struct ds *ds)
{
    struct json_serializer s = { .ds = ds, .depth = 0, .flags = flags };

    json_serialize(json, &s);
}

/* Returns 'json' serialized per 'flags' (JSSF_*), as a string that the
 * caller must free().  The output is the same, byte for byte, as Open
 * vSwitch's for the same value and flags. */
char *
json_to_string(const json_t *json, int flags)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    json_to_ds(json, flags, &ds);
    return ds_steal_cstr(&ds);
}

/* Appends the 'length' bytes at 's' to 'out' as a quoted JSON string. */
void
json_string_escape_n(const char *s, size_t length, struct ds *out)
{
    ds_put_char(out, '"');
    for (size_t i = 0; i < length; i++) {
        unsigned char c = s[i];

        if (c >= 0x20 && c != '"' && c != '\\') {
            /* Copy a run of bytes that need no escape in one go. */
            size_t start = i;

            while (i + 1 < length) {
                unsigned char d = s[i + 1];
                if (d < 0x20 || d == '"' || d == '\\') {
                    break;
                }
                i++;
            }
            ds_put_buffer(out, &s[start], i - start + 1);
            continue;
        }
        switch (c) {
        case '"':
            ds_put_cstr(out, "\\\"");
            break;
        case '\\':
            ds_put_cstr(out, "\\\\");
            break;
        case '\b':
            ds_put_cstr(out, "\\b");
            break;
        case '\f':
            ds_put_cstr(out, "\\f");
            break;
        case '\n':
            ds_put_cstr(out, "\\n");
            break;
        case '\r':
            ds_put_cstr(out, "\\r");
            break;
        case '\t':
            ds_put_cstr(out, "\\t");
            break;
        default:
            if (c < 0x20) {
                ds_put_format(out, "\\u%04x", c);
            } else {
                ds_put_char(out, c);
            }
            break;
        }
    }
    ds_put_char(out, '"');
}

/* Appends null-terminated 's' to 'out' as a quoted JSON string. */
void
json_string_escape(const char *s, struct ds *out)
{
    json_string_escape_n(s, strlen(s), out);
}
