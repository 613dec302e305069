/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ovsdb-data.h"

#include <ctype.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "json.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovsdb-error.h"
#include "ovsdb-parser.h"
#include "smap.h"
#include "unicode.h"
#include "uuid.h"

/* Atoms. */

void
ovsdb_atom_init_default(union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        memset(atom, 0, sizeof *atom);
        break;
    case OVSDB_TYPE_INTEGER:
        atom->integer = 0;
        break;
    case OVSDB_TYPE_REAL:
        atom->real = 0.0;
        break;
    case OVSDB_TYPE_BOOLEAN:
        atom->boolean = false;
        break;
    case OVSDB_TYPE_STRING:
        atom->string = xstrdup("");
        break;
    case OVSDB_TYPE_UUID:
        uuid_zero(&atom->uuid);
        break;
    }
}

const union ovsdb_atom *
ovsdb_atom_default(enum ovsdb_atomic_type type)
{
    static union ovsdb_atom defaults[OVSDB_N_TYPES];
    static bool inited;

    if (!inited) {
        int i;

        for (i = 0; i < OVSDB_N_TYPES; i++) {
            if (i != OVSDB_TYPE_VOID) {
                ovsdb_atom_init_default(&defaults[i], i);
            }
        }
        inited = true;
    }
    ovs_assert(ovsdb_atomic_type_is_valid(type));
    return &defaults[type];
}

bool
ovsdb_atom_is_default(const union ovsdb_atom *atom,
                      enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        OVS_NOT_REACHED();
    case OVSDB_TYPE_INTEGER:
        return atom->integer == 0;
    case OVSDB_TYPE_REAL:
        return atom->real == 0.0;
    case OVSDB_TYPE_BOOLEAN:
        return atom->boolean == false;
    case OVSDB_TYPE_STRING:
        return atom->string[0] == '\0';
    case OVSDB_TYPE_UUID:
        return uuid_is_zero(&atom->uuid);
    }
    OVS_NOT_REACHED();
}

void
ovsdb_atom_clone(union ovsdb_atom *new, const union ovsdb_atom *old,
                 enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        new->string = xstrdup(old->string);
    } else {
        *new = *old;
    }
}

void
ovsdb_atom_swap(union ovsdb_atom *a, union ovsdb_atom *b)
{
    union ovsdb_atom tmp = *a;
    *a = *b;
    *b = tmp;
}

uint32_t
ovsdb_atom_hash(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
                uint32_t basis)
{
    switch (type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        OVS_NOT_REACHED();
    case OVSDB_TYPE_INTEGER:
        return hash_uint64_basis(atom->integer, basis);
    case OVSDB_TYPE_REAL:
        return hash_double(atom->real, basis);
    case OVSDB_TYPE_BOOLEAN:
        return hash_boolean(atom->boolean, basis);
    case OVSDB_TYPE_STRING:
        return hash_string(atom->string, basis);
    case OVSDB_TYPE_UUID:
        return hash_int(uuid_hash(&atom->uuid), basis);
    }
    OVS_NOT_REACHED();
}

int
ovsdb_atom_compare_3way(const union ovsdb_atom *a, const union ovsdb_atom *b,
                        enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        OVS_NOT_REACHED();
    case OVSDB_TYPE_INTEGER:
        return a->integer < b->integer ? -1 : a->integer > b->integer;
    case OVSDB_TYPE_REAL:
        return a->real < b->real ? -1 : a->real > b->real;
    case OVSDB_TYPE_BOOLEAN:
        return a->boolean - b->boolean;
    case OVSDB_TYPE_STRING:
        return strcmp(a->string, b->string);
    case OVSDB_TYPE_UUID:
        return uuid_compare_3way(&a->uuid, &b->uuid);
    }
    OVS_NOT_REACHED();
}

/* Symbol tables. */

struct ovsdb_symbol_table *
ovsdb_symbol_table_create(void)
{
    struct ovsdb_symbol_table *symtab = xmalloc(sizeof *symtab);
    shash_init(&symtab->sh);
    return symtab;
}

void
ovsdb_symbol_table_destroy(struct ovsdb_symbol_table *symtab)
{
    if (symtab) {
        shash_destroy_free_data(&symtab->sh);
        free(symtab);
    }
}

struct ovsdb_symbol *
ovsdb_symbol_table_get(const struct ovsdb_symbol_table *symtab,
                       const char *name)
{
    return shash_find_data(&symtab->sh, name);
}

struct ovsdb_symbol *
ovsdb_symbol_table_put(struct ovsdb_symbol_table *symtab, const char *name,
                       const struct uuid *uuid, bool created)
{
    struct ovsdb_symbol *symbol = xzalloc(sizeof *symbol);

    ovs_assert(!ovsdb_symbol_table_get(symtab, name));
    symbol->uuid = *uuid;
    symbol->created = created;
    shash_add(&symtab->sh, name, symbol);
    return symbol;
}

struct ovsdb_symbol *
ovsdb_symbol_table_insert(struct ovsdb_symbol_table *symtab,
                          const char *name)
{
    struct ovsdb_symbol *symbol = ovsdb_symbol_table_get(symtab, name);

    if (!symbol) {
        struct uuid uuid;

        uuid_generate(&uuid);
        symbol = ovsdb_symbol_table_put(symtab, name, &uuid, false);
    }
    return symbol;
}

/* Formats real 'd' as upstream does. */
static void
put_real(struct ds *ds, double d)
{
    if (d == 0) {
        ds_put_char(ds, '0');
    } else {
        ds_put_format(ds, "%.*g", DBL_DIG, d);
    }
}

struct ovsdb_error *
ovsdb_atom_check_constraints(const union ovsdb_atom *atom,
                             const struct ovsdb_base_type *base)
{
    if (base->enum_) {
        const struct ovsdb_type *enum_type;

        if (ovsdb_datum_find_key(base->enum_, atom, base->type, NULL)) {
            return NULL;
        }

        struct ds atom_s = DS_EMPTY_INITIALIZER;
        struct ds valid_s = DS_EMPTY_INITIALIZER;
        struct ovsdb_error *error;

        enum_type = ovsdb_base_type_get_enum_type(base->type);
        ovsdb_atom_to_string(atom, base->type, &atom_s);
        ovsdb_datum_to_string(base->enum_, enum_type, &valid_s);
        error = ovsdb_error("constraint violation",
                            "%s is not one of the allowed values (%s)",
                            ds_cstr(&atom_s), ds_cstr(&valid_s));
        ds_destroy(&atom_s);
        ds_destroy(&valid_s);
        return error;
    }

    switch (base->type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        OVS_NOT_REACHED();

    case OVSDB_TYPE_INTEGER: {
        const struct ovsdb_integer_constraints *c = &base->u.integer;
        int64_t i = atom->integer;

        if (i >= c->min && i <= c->max) {
            return NULL;
        } else if (c->min != INT64_MIN && c->max != INT64_MAX) {
            return ovsdb_error("constraint violation",
                               "%"PRId64" is not in the valid range "
                               "%"PRId64" to %"PRId64" (inclusive)",
                               i, c->min, c->max);
        } else if (c->min != INT64_MIN) {
            return ovsdb_error("constraint violation",
                               "%"PRId64" is less than minimum allowed "
                               "value %"PRId64, i, c->min);
        } else {
            return ovsdb_error("constraint violation",
                               "%"PRId64" is greater than maximum allowed "
                               "value %"PRId64, i, c->max);
        }
    }

    case OVSDB_TYPE_REAL: {
        const struct ovsdb_real_constraints *c = &base->u.real;
        double d = atom->real;
        struct ds s = DS_EMPTY_INITIALIZER;
        struct ovsdb_error *error;

        if (d >= c->min && d <= c->max) {
            return NULL;
        }
        put_real(&s, d);
        if (c->min != -DBL_MAX && c->max != DBL_MAX) {
            ds_put_cstr(&s, " is not in the valid range ");
            put_real(&s, c->min);
            ds_put_cstr(&s, " to ");
            put_real(&s, c->max);
            ds_put_cstr(&s, " (inclusive)");
        } else if (c->min != -DBL_MAX) {
            ds_put_cstr(&s, " is less than minimum allowed value ");
            put_real(&s, c->min);
        } else {
            ds_put_cstr(&s, " is greater than maximum allowed value ");
            put_real(&s, c->max);
        }
        error = ovsdb_error("constraint violation", "%s", ds_cstr(&s));
        ds_destroy(&s);
        return error;
    }

    case OVSDB_TYPE_BOOLEAN:
        return NULL;

    case OVSDB_TYPE_STRING: {
        const struct ovsdb_string_constraints *c = &base->u.string;
        struct ovsdb_error *error = NULL;
        char *msg;
        size_t n;

        /* The JSON parser lets invalid UTF-8 through, as upstream's does,
         * so this is where it is caught. */
        msg = utf8_validate(atom->string, &n);
        if (msg) {
            error = ovsdb_error("constraint violation",
                                "not a valid UTF-8 string: %s", msg);
            free(msg);
            return error;
        }

        if (n < c->minLen || n > c->maxLen) {
            struct ds s = DS_EMPTY_INITIALIZER;

            json_string_escape(atom->string, &s);
            if (n < c->minLen) {
                error = ovsdb_error("constraint violation",
                                    "%s length %zu is less than "
                                    "minimum allowed length %u",
                                    ds_cstr(&s), n, c->minLen);
            } else {
                error = ovsdb_error("constraint violation",
                                    "%s length %zu is greater than "
                                    "maximum allowed length %u",
                                    ds_cstr(&s), n, c->maxLen);
            }
            ds_destroy(&s);
        }
        return error;
    }

    case OVSDB_TYPE_UUID:
        return NULL;
    }
    OVS_NOT_REACHED();
}

/* Parses 'json' as an atom of atomic type 'type' (no constraint checks). */
static struct ovsdb_error *
atom_from_json__(union ovsdb_atom *atom, const struct ovsdb_base_type *base,
                 const json_t *json, struct ovsdb_symbol_table *symtab)
{
    switch (base->type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        OVS_NOT_REACHED();

    case OVSDB_TYPE_INTEGER:
        if (json_is_integer(json)) {
            atom->integer = json_integer_value(json);
            return NULL;
        }
        return ovsdb_syntax_error(json, NULL, "expected integer");

    case OVSDB_TYPE_REAL:
        if (json_is_number(json)) {
            atom->real = json_number_value(json);
            return NULL;
        }
        return ovsdb_syntax_error(json, NULL, "expected real");

    case OVSDB_TYPE_BOOLEAN:
        if (json_is_boolean(json)) {
            atom->boolean = json_is_true(json);
            return NULL;
        }
        return ovsdb_syntax_error(json, NULL, "expected boolean");

    case OVSDB_TYPE_STRING:
        if (json_is_string(json)) {
            atom->string = xmemdup0(json_string_value(json),
                                    json_string_length(json));
            if (strlen(atom->string) != json_string_length(json)) {
                free(atom->string);
                return ovsdb_syntax_error(json, NULL,
                                          "null bytes not supported in "
                                          "strings");
            }
            return NULL;
        }
        return ovsdb_syntax_error(json, NULL, "expected string");

    case OVSDB_TYPE_UUID:
        if (json_is_array(json) && json_array_size(json) == 2
            && json_is_string(json_array_get(json, 0))
            && json_is_string(json_array_get(json, 1))) {
            const char *kind = json_string_value(json_array_get(json, 0));
            const char *value = json_string_value(json_array_get(json, 1));

            if (!strcmp(kind, "uuid")) {
                if (uuid_from_string(&atom->uuid, value)) {
                    return NULL;
                }
                return ovsdb_syntax_error(json, NULL,
                                          "\"%s\" is not a valid UUID",
                                          value);
            } else if (!strcmp(kind, "named-uuid") && symtab) {
                struct ovsdb_symbol *symbol;

                if (!ovsdb_parser_is_id(value)) {
                    return ovsdb_syntax_error(json, NULL,
                                              "named-uuid string is not a "
                                              "valid <id>");
                }
                symbol = ovsdb_symbol_table_insert(symtab, value);
                atom->uuid = symbol->uuid;
                if (ovsdb_base_type_is_strong_ref(base)) {
                    symbol->strong_ref = true;
                } else if (ovsdb_base_type_is_weak_ref(base)) {
                    symbol->weak_ref = true;
                }
                return NULL;
            }
        }
        return ovsdb_syntax_error(json, NULL,
                                  "expected [\"uuid\", <string>]");
    }
    OVS_NOT_REACHED();
}

struct ovsdb_error *
ovsdb_atom_from_json(union ovsdb_atom *atom,
                     const struct ovsdb_base_type *base,
                     const json_t *json, struct ovsdb_symbol_table *symtab)
{
    struct ovsdb_error *error;

    error = atom_from_json__(atom, base, json, symtab);
    if (error) {
        return error;
    }

    error = ovsdb_atom_check_constraints(atom, base);
    if (error) {
        ovsdb_atom_destroy(atom, base->type);
    }
    return error;
}

/* Returns the 2-element array ["'tag'", 'value'], taking ownership of
 * 'value' ('tag' is plain ASCII).  Cheaper than json_pack(). */
static json_t *
json_tag_pair(const char *tag, json_t *value)
{
    json_t *pair = json_array();

    json_array_append_new(pair, json_string_nocheck(tag));
    json_array_append_new(pair, value);
    return pair;
}

json_t *
ovsdb_atom_to_json(const union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    switch (type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        OVS_NOT_REACHED();
    case OVSDB_TYPE_INTEGER:
        return json_integer(atom->integer);
    case OVSDB_TYPE_REAL:
        return json_real(atom->real);
    case OVSDB_TYPE_BOOLEAN:
        return json_boolean(atom->boolean);
    case OVSDB_TYPE_STRING:
        return json_string_create(atom->string);
    case OVSDB_TYPE_UUID: {
        char s[UUID_LEN + 1];

        return json_tag_pair("uuid",
                             json_stringn_nocheck(uuid_to_string(&atom->uuid,
                                                                 s),
                                                  UUID_LEN));
    }
    }
    OVS_NOT_REACHED();
}

/* The string syntax. */

/* Returns true if string 's' must be quoted to read back as itself in the
 * string syntax. */
static bool
string_needs_quotes(const char *s)
{
    const char *p = s;
    unsigned char c;
    struct uuid uuid;

    c = *p++;
    if (!isalpha(c) && c != '_') {
        return true;
    }
    while ((c = *p++) != '\0') {
        if (!isalpha(c) && !isdigit(c) && c != '_' && c != '-' && c != '.') {
            return true;
        }
    }
    if (!strcmp(s, "true") || !strcmp(s, "false")) {
        return true;
    }
    if (uuid_from_string(&uuid, s)) {
        return true;
    }
    return false;
}

/* Parses the integer in 's' into '*value'. */
static bool
parse_integer(const char *s, int64_t *value)
{
    long long int x;

    if (*s && !isspace((unsigned char) *s) && str_to_llong(s, 10, &x)) {
        *value = x;
        return true;
    }
    return false;
}

/* Parses 's' as an atom of 'base''s atomic type without checking
 * constraints. */
static char *
atom_from_string__(union ovsdb_atom *atom, union ovsdb_atom **range_end_atom,
                   const struct ovsdb_base_type *base, const char *s,
                   struct ovsdb_symbol_table *symtab)
{
    switch (base->type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        OVS_NOT_REACHED();

    case OVSDB_TYPE_INTEGER: {
        int64_t start, end;

        if (parse_integer(s, &start)) {
            atom->integer = start;
            return NULL;
        }
        if (range_end_atom) {
            const char *dash = *s ? strchr(s + 1, '-') : NULL;

            if (dash) {
                char *first = xmemdup0(s, dash - s);
                bool ok = (parse_integer(first, &start)
                           && parse_integer(dash + 1, &end));

                free(first);
                if (ok) {
                    if (end < start) {
                        return xasprintf("\"%s\" is not a valid range. "
                                         "Range end cannot be before start.",
                                         s);
                    }
                    atom->integer = start;
                    if (end != start) {
                        *range_end_atom = xmalloc(sizeof **range_end_atom);
                        (*range_end_atom)->integer = end;
                    }
                    return NULL;
                }
            }
            return xasprintf("\"%s\" is not a valid integer or range", s);
        }
        return xasprintf("\"%s\" is not a valid integer", s);
    }

    case OVSDB_TYPE_REAL:
        if (!*s || isspace((unsigned char) *s)
            || !str_to_double(s, &atom->real) || !isfinite(atom->real)) {
            return xasprintf("\"%s\" is not a valid real number", s);
        }
        /* Normalize -0 to 0. */
        if (atom->real == 0) {
            atom->real = 0;
        }
        return NULL;

    case OVSDB_TYPE_BOOLEAN:
        if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")
            || !strcmp(s, "1")) {
            atom->boolean = true;
        } else if (!strcmp(s, "false") || !strcmp(s, "no")
                   || !strcmp(s, "off") || !strcmp(s, "0")) {
            atom->boolean = false;
        } else {
            return xasprintf("\"%s\" is not a valid boolean "
                             "(use \"true\" or \"false\")", s);
        }
        return NULL;

    case OVSDB_TYPE_STRING:
        if (*s == '\0') {
            return xstrdup("An empty string is not valid as input; "
                           "use \"\" to represent the empty string");
        } else if (*s == '"') {
            size_t len = strlen(s);
            char *out;

            if (len < 2 || s[len - 1] != '"') {
                return xasprintf("%s: missing quote at end of "
                                 "quoted string", s);
            }
            if (!json_string_unescape(s + 1, len - 2, &out)) {
                char *error = xasprintf("%s: %s", s, out);
                free(out);
                return error;
            }
            atom->string = out;
        } else {
            atom->string = xstrdup(s);
        }
        return NULL;

    case OVSDB_TYPE_UUID:
        if (*s == '@' && symtab) {
            struct ovsdb_symbol *symbol = ovsdb_symbol_table_insert(symtab,
                                                                    s);
            atom->uuid = symbol->uuid;
            if (ovsdb_base_type_is_strong_ref(base)) {
                symbol->strong_ref = true;
            } else if (ovsdb_base_type_is_weak_ref(base)) {
                symbol->weak_ref = true;
            }
        } else if (!uuid_from_string(&atom->uuid, s)) {
            return xasprintf("\"%s\" is not a valid UUID", s);
        }
        return NULL;
    }
    OVS_NOT_REACHED();
}

char *
ovsdb_atom_from_string(union ovsdb_atom *atom,
                       union ovsdb_atom **range_end_atom,
                       const struct ovsdb_base_type *base, const char *s,
                       struct ovsdb_symbol_table *symtab)
{
    struct ovsdb_error *error;
    char *msg;

    if (range_end_atom) {
        *range_end_atom = NULL;
    }
    msg = atom_from_string__(atom, range_end_atom, base, s, symtab);
    if (msg) {
        return msg;
    }

    error = ovsdb_atom_check_constraints(atom, base);
    if (!error && range_end_atom && *range_end_atom) {
        error = ovsdb_atom_check_constraints(*range_end_atom, base);
    }
    if (error) {
        ovsdb_atom_destroy(atom, base->type);
        if (range_end_atom && *range_end_atom) {
            free(*range_end_atom);
            *range_end_atom = NULL;
        }
        return ovsdb_error_to_string_free(error);
    }
    return NULL;
}

void
ovsdb_atom_to_string(const union ovsdb_atom *atom,
                     enum ovsdb_atomic_type type, struct ds *out)
{
    switch (type) {
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
        OVS_NOT_REACHED();
    case OVSDB_TYPE_INTEGER:
        ds_put_format(out, "%"PRId64, atom->integer);
        break;
    case OVSDB_TYPE_REAL:
        put_real(out, atom->real);
        break;
    case OVSDB_TYPE_BOOLEAN:
        ds_put_cstr(out, atom->boolean ? "true" : "false");
        break;
    case OVSDB_TYPE_STRING:
        if (string_needs_quotes(atom->string)) {
            json_string_escape(atom->string, out);
        } else {
            ds_put_cstr(out, atom->string);
        }
        break;
    case OVSDB_TYPE_UUID:
        ds_put_format(out, UUID_FMT, UUID_ARGS(&atom->uuid));
        break;
    }
}

void
ovsdb_atom_to_bare(const union ovsdb_atom *atom, enum ovsdb_atomic_type type,
                   struct ds *out)
{
    if (type == OVSDB_TYPE_STRING) {
        ds_put_cstr(out, atom->string);
    } else {
        ovsdb_atom_to_string(atom, type, out);
    }
}

/* Datums. */

void
ovsdb_datum_init_empty(struct ovsdb_datum *datum)
{
    datum->n = 0;
    datum->keys = NULL;
    datum->values = NULL;
}

/* Allocates room for 'n' elements (keys, and values if 'is_map') in
 * 'datum', which is initialized with n = 0. */
static void
datum_alloc(struct ovsdb_datum *datum, size_t n, bool is_map)
{
    datum->n = 0;
    datum->keys = n ? xmalloc(n * sizeof *datum->keys) : NULL;
    datum->values = n && is_map ? xmalloc(n * sizeof *datum->values) : NULL;
}

void
ovsdb_datum_init_default(struct ovsdb_datum *datum,
                         const struct ovsdb_type *type)
{
    if (type->n_min == 0) {
        ovsdb_datum_init_empty(datum);
    } else {
        datum_alloc(datum, 1, ovsdb_type_is_map(type));
        datum->n = 1;
        ovsdb_atom_init_default(&datum->keys[0], type->key.type);
        if (datum->values) {
            ovsdb_atom_init_default(&datum->values[0], type->value.type);
        }
    }
}

bool
ovsdb_datum_is_default(const struct ovsdb_datum *datum,
                       const struct ovsdb_type *type)
{
    if (type->n_min == 0) {
        return datum->n == 0;
    }
    return (datum->n == 1
            && ovsdb_atom_is_default(&datum->keys[0], type->key.type)
            && (type->value.type == OVSDB_TYPE_VOID
                || ovsdb_atom_is_default(&datum->values[0],
                                         type->value.type)));
}

const struct ovsdb_datum *
ovsdb_datum_default(const struct ovsdb_type *type)
{
    static struct ovsdb_datum empty;
    static struct ovsdb_datum defaults[OVSDB_N_TYPES][OVSDB_N_TYPES];
    static union ovsdb_atom default_atoms[OVSDB_N_TYPES];
    static bool inited;

    if (type->n_min == 0) {
        return &empty;
    }
    if (!inited) {
        int k, v;

        for (k = 0; k < OVSDB_N_TYPES; k++) {
            default_atoms[k] = k ? *ovsdb_atom_default(k) : default_atoms[k];
        }
        for (k = 0; k < OVSDB_N_TYPES; k++) {
            for (v = 0; v < OVSDB_N_TYPES; v++) {
                struct ovsdb_datum *d = &defaults[k][v];

                d->n = 1;
                d->keys = &default_atoms[k];
                d->values = v != OVSDB_TYPE_VOID ? &default_atoms[v] : NULL;
            }
        }
        inited = true;
    }
    return &defaults[type->key.type][type->value.type];
}

void
ovsdb_datum_clone(struct ovsdb_datum *new, const struct ovsdb_datum *old,
                  const struct ovsdb_type *type)
{
    unsigned int i;

    datum_alloc(new, old->n, old->values != NULL);
    for (i = 0; i < old->n; i++) {
        ovsdb_atom_clone(&new->keys[i], &old->keys[i], type->key.type);
        if (old->values) {
            ovsdb_atom_clone(&new->values[i], &old->values[i],
                             type->value.type);
        }
    }
    new->n = old->n;
}

/* Frees the first 'n' atoms of 'atoms', of 'type', and the array. */
static void
free_atoms(union ovsdb_atom *atoms, size_t n, enum ovsdb_atomic_type type)
{
    if (atoms && ovsdb_atom_needs_destruction(type)) {
        size_t i;

        for (i = 0; i < n; i++) {
            ovsdb_atom_destroy(&atoms[i], type);
        }
    }
    free(atoms);
}

void
ovsdb_datum_destroy(struct ovsdb_datum *datum, const struct ovsdb_type *type)
{
    free_atoms(datum->keys, datum->n, type->key.type);
    free_atoms(datum->values, datum->n, type->value.type);
    datum->keys = NULL;
    datum->values = NULL;
    datum->n = 0;
}

void
ovsdb_datum_swap(struct ovsdb_datum *a, struct ovsdb_datum *b)
{
    struct ovsdb_datum tmp = *a;
    *a = *b;
    *b = tmp;
}

/* Sorting. */

struct sort_aux {
    const struct ovsdb_datum *datum; /* Datum being sorted. */
    enum ovsdb_atomic_type key_type; /* Its key type. */
};

static int
compare_indexes(const void *a_, const void *b_, void *aux_)
{
    const unsigned int *a = a_;
    const unsigned int *b = b_;
    const struct sort_aux *aux = aux_;
    int cmp;

    cmp = ovsdb_atom_compare_3way(&aux->datum->keys[*a],
                                  &aux->datum->keys[*b], aux->key_type);
    /* Ties keep the original order, which makes the sort stable. */
    return cmp ? cmp : (*a > *b) - (*a < *b);
}

/* Sorts 'datum' by key, keeping elements with equal keys in their original
 * order.
 *
 * The common case is a sorted datum with a few elements appended (a set
 * rebuilt from an existing row plus new members), so only the part after
 * the longest sorted prefix is sorted, and then merged with the prefix: a
 * datum of n elements whose last k are out of order costs O(n + k log k)
 * comparisons rather than O(n log n). */
static void
datum_sort__(struct ovsdb_datum *datum, enum ovsdb_atomic_type key_type)
{
    struct sort_aux aux = { datum, key_type };
    unsigned int *idx;
    union ovsdb_atom *keys, *values;
    unsigned int n_sorted, i, a, b;

    if (datum->n < 2) {
        return;
    }
    for (n_sorted = 1; n_sorted < datum->n; n_sorted++) {
        if (ovsdb_atom_compare_3way(&datum->keys[n_sorted - 1],
                                    &datum->keys[n_sorted], key_type) > 0) {
            break;
        }
    }
    if (n_sorted == datum->n) {
        return;                 /* Already sorted. */
    }

    /* Sort the indexes of the unsorted tail. */
    idx = xmalloc((datum->n - n_sorted) * sizeof *idx);
    for (i = n_sorted; i < datum->n; i++) {
        idx[i - n_sorted] = i;
    }
    qsort_r(idx, datum->n - n_sorted, sizeof *idx, compare_indexes, &aux);

    /* Merge the sorted prefix [0, n_sorted) with the sorted tail.  On equal
     * keys the prefix goes first, since its indexes are smaller. */
    keys = xmalloc(datum->n * sizeof *keys);
    values = datum->values ? xmalloc(datum->n * sizeof *values) : NULL;
    a = 0;
    b = 0;
    for (i = 0; i < datum->n; i++) {
        unsigned int src;

        if (b >= datum->n - n_sorted
            || (a < n_sorted
                && ovsdb_atom_compare_3way(&datum->keys[a],
                                           &datum->keys[idx[b]],
                                           key_type) <= 0)) {
            src = a++;
        } else {
            src = idx[b++];
        }
        keys[i] = datum->keys[src];
        if (values) {
            values[i] = datum->values[src];
        }
    }
    free(datum->keys);
    free(datum->values);
    datum->keys = keys;
    datum->values = values;
    free(idx);
}

struct ovsdb_error *
ovsdb_datum_sort(struct ovsdb_datum *datum, enum ovsdb_atomic_type key_type)
{
    unsigned int i;

    datum_sort__(datum, key_type);
    for (i = 1; i < datum->n; i++) {
        if (ovsdb_atom_equals(&datum->keys[i - 1], &datum->keys[i],
                              key_type)) {
            return ovsdb_error(NULL, datum->values
                               ? "map contains duplicate key"
                               : "set contains duplicate");
        }
    }
    return NULL;
}

void
ovsdb_datum_sort_assert(struct ovsdb_datum *datum,
                        enum ovsdb_atomic_type key_type)
{
    struct ovsdb_error *error = ovsdb_datum_sort(datum, key_type);
    ovsdb_error_assert(error);
}

size_t
ovsdb_datum_sort_unique(struct ovsdb_datum *datum,
                        enum ovsdb_atomic_type key_type,
                        enum ovsdb_atomic_type value_type)
{
    unsigned int src, dst;
    size_t n_removed;

    if (datum->n < 2) {
        return 0;
    }
    datum_sort__(datum, key_type);

    dst = 1;
    for (src = 1; src < datum->n; src++) {
        if (ovsdb_atom_equals(&datum->keys[src], &datum->keys[dst - 1],
                              key_type)) {
            ovsdb_atom_destroy(&datum->keys[src], key_type);
            if (datum->values) {
                ovsdb_atom_destroy(&datum->values[src], value_type);
            }
        } else {
            if (src != dst) {
                datum->keys[dst] = datum->keys[src];
                if (datum->values) {
                    datum->values[dst] = datum->values[src];
                }
            }
            dst++;
        }
    }
    n_removed = datum->n - dst;
    datum->n = dst;
    return n_removed;
}

struct ovsdb_error *
ovsdb_datum_check_constraints(const struct ovsdb_datum *datum,
                              const struct ovsdb_type *type)
{
    struct ovsdb_error *error;
    unsigned int i;

    for (i = 0; i < datum->n; i++) {
        error = ovsdb_atom_check_constraints(&datum->keys[i], &type->key);
        if (error) {
            return error;
        }
    }
    if (type->value.type != OVSDB_TYPE_VOID && datum->values) {
        for (i = 0; i < datum->n; i++) {
            error = ovsdb_atom_check_constraints(&datum->values[i],
                                                 &type->value);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

/* JSON. */

/* Parses the element array 'elems' of a ["set", ...] or ["map", ...] (or
 * a lone atom if 'single' is nonnull). */
struct ovsdb_error *
ovsdb_datum_from_json(struct ovsdb_datum *datum,
                      const struct ovsdb_type *type, const json_t *json,
                      struct ovsdb_symbol_table *symtab)
{
    bool is_map = ovsdb_type_is_map(type);
    const json_t *elems = NULL;
    struct ovsdb_error *error;
    size_t i, n;

    ovsdb_datum_init_empty(datum);

    if (is_map) {
        if (!json_is_array(json) || json_array_size(json) != 2
            || !json_is_string(json_array_get(json, 0))
            || strcmp(json_string_value(json_array_get(json, 0)), "map")
            || !json_is_array(json_array_get(json, 1))) {
            return ovsdb_syntax_error(json, NULL,
                                      "expected [\"map\", <array>]");
        }
        elems = json_array_get(json, 1);
    } else if (json_is_array(json) && json_array_size(json) >= 1
               && json_is_string(json_array_get(json, 0))
               && !strcmp(json_string_value(json_array_get(json, 0)),
                          "set")) {
        if (json_array_size(json) != 2
            || !json_is_array(json_array_get(json, 1))) {
            return ovsdb_syntax_error(json, NULL,
                                      "expected [\"set\", <array>]");
        }
        elems = json_array_get(json, 1);
    }

    if (!elems) {
        /* A bare atom. */
        datum_alloc(datum, 1, false);
        error = ovsdb_atom_from_json(&datum->keys[0], &type->key, json,
                                     symtab);
        if (error) {
            free(datum->keys);
            ovsdb_datum_init_empty(datum);
            return error;
        }
        datum->n = 1;
        return NULL;
    }

    n = json_array_size(elems);
    if (n < type->n_min || n > type->n_max) {
        return ovsdb_syntax_error(json, NULL,
                                  "%s must have %u to %u members but "
                                  "%zu are present",
                                  is_map ? "map" : "set",
                                  type->n_min, type->n_max, n);
    }

    datum_alloc(datum, n, is_map);
    for (i = 0; i < n; i++) {
        const json_t *elem = json_array_get(elems, i);
        const json_t *key = elem;

        if (is_map) {
            if (!json_is_array(elem) || json_array_size(elem) != 2) {
                error = ovsdb_syntax_error(elem, NULL,
                                           "expected 2-element array");
                goto error;
            }
            key = json_array_get(elem, 0);
        }

        error = ovsdb_atom_from_json(&datum->keys[i], &type->key, key,
                                     symtab);
        if (error) {
            goto error;
        }
        if (is_map) {
            error = ovsdb_atom_from_json(&datum->values[i], &type->value,
                                         json_array_get(elem, 1), symtab);
            if (error) {
                ovsdb_atom_destroy(&datum->keys[i], type->key.type);
                goto error;
            }
        }
        datum->n++;
    }

    error = ovsdb_datum_sort(datum, type->key.type);
    if (error) {
        goto error;
    }
    return NULL;

error:
    ovsdb_datum_destroy(datum, type);
    return error;
}

json_t *
ovsdb_datum_to_json(const struct ovsdb_datum *datum,
                    const struct ovsdb_type *type)
{
    json_t *elems;
    unsigned int i;

    if (ovsdb_type_is_map(type)) {
        elems = json_array();
        for (i = 0; i < datum->n; i++) {
            json_t *pair = json_array();

            json_array_append_new(pair,
                                  ovsdb_atom_to_json(&datum->keys[i],
                                                     type->key.type));
            json_array_append_new(pair,
                                  ovsdb_atom_to_json(&datum->values[i],
                                                     type->value.type));
            json_array_append_new(elems, pair);
        }
        return json_tag_pair("map", elems);
    } else if (datum->n == 1) {
        return ovsdb_atom_to_json(&datum->keys[0], type->key.type);
    } else {
        elems = json_array();
        for (i = 0; i < datum->n; i++) {
            json_array_append_new(elems,
                                  ovsdb_atom_to_json(&datum->keys[i],
                                                     type->key.type));
        }
        return json_tag_pair("set", elems);
    }
}

void
ovsdb_atom_to_json_ds(const union ovsdb_atom *atom,
                      enum ovsdb_atomic_type type, struct ds *out)
{
    switch (type) {
    case OVSDB_TYPE_INTEGER:
        ds_put_format(out, "%lld", (long long int) atom->integer);
        break;
    case OVSDB_TYPE_BOOLEAN:
        ds_put_cstr(out, atom->boolean ? "true" : "false");
        break;
    case OVSDB_TYPE_STRING:
        json_string_escape(atom->string, out);
        break;
    case OVSDB_TYPE_UUID: {
        char s[UUID_LEN + 1];

        ds_put_cstr(out, "[\"uuid\",\"");
        ds_put_buffer(out, uuid_to_string(&atom->uuid, s), UUID_LEN);
        ds_put_cstr(out, "\"]");
        break;
    }
    case OVSDB_TYPE_REAL:
    case OVSDB_TYPE_VOID:
    case OVSDB_N_TYPES:
    default: {
        /* Rare: let the serializer format it exactly as it would. */
        json_t *json = ovsdb_atom_to_json(atom, type);

        json_to_ds(json, 0, out);
        json_decref(json);
        break;
    }
    }
}

void
ovsdb_datum_to_json_ds(const struct ovsdb_datum *datum,
                       const struct ovsdb_type *type, struct ds *out)
{
    unsigned int i;

    if (ovsdb_type_is_map(type)) {
        ds_put_cstr(out, "[\"map\",[");
        for (i = 0; i < datum->n; i++) {
            if (i) {
                ds_put_char(out, ',');
            }
            ds_put_char(out, '[');
            ovsdb_atom_to_json_ds(&datum->keys[i], type->key.type, out);
            ds_put_char(out, ',');
            ovsdb_atom_to_json_ds(&datum->values[i], type->value.type, out);
            ds_put_char(out, ']');
        }
        ds_put_cstr(out, "]]");
    } else if (datum->n == 1) {
        ovsdb_atom_to_json_ds(&datum->keys[0], type->key.type, out);
    } else {
        ds_put_cstr(out, "[\"set\",[");
        for (i = 0; i < datum->n; i++) {
            if (i) {
                ds_put_char(out, ',');
            }
            ovsdb_atom_to_json_ds(&datum->keys[i], type->key.type, out);
        }
        ds_put_cstr(out, "]]");
    }
}

/* The string syntax for datums. */

static const char *
skip_spaces(const char *p)
{
    while (isspace((unsigned char) *p)) {
        p++;
    }
    return p;
}

/* Extracts the token that starts at '*s' into '*tokenp' (malloc'd, empty
 * if '*s' starts with a delimiter) and advances '*s' past it.  A token is
 * a run of characters other than white space and ",=:[]{}"; double quotes
 * enclose delimiters (the quotes and what they enclose stay in the token,
 * for ovsdb_atom_from_string() to decode), and outside quotes a backslash
 * makes the next character an ordinary one (the backslash is dropped).
 * Returns NULL or a malloc'd error message. */
static char *
ovsdb_token_parse(const char **s, char **tokenp)
{
    struct ds token = DS_EMPTY_INITIALIZER;
    const char *start = *s;
    const char *p = start;
    bool in_quotes = false;

    for (;;) {
        unsigned char c = *p;

        if (c == '\0') {
            if (in_quotes) {
                ds_destroy(&token);
                return xasprintf("%s: quoted string extends past end of "
                                 "argument", start);
            }
            break;
        } else if (c == '\\') {
            if (p[1] == '\0') {
                ds_destroy(&token);
                return xasprintf("%s: backslash at end of argument", start);
            }
            if (in_quotes) {
                ds_put_char(&token, c);
            }
            ds_put_char(&token, p[1]);
            p += 2;
            continue;
        } else if (in_quotes) {
            if (c == '"') {
                in_quotes = false;
            }
        } else if (c == '"') {
            in_quotes = true;
        } else if (isspace(c) || strchr(",=:[]{}", c)) {
            break;
        }
        ds_put_char(&token, c);
        p++;
    }

    *tokenp = ds_steal_cstr(&token);
    if (!*tokenp) {
        *tokenp = xstrdup("");
    }
    *s = p;
    return NULL;
}

/* Parses the token at '*s' as an atom of 'base'. */
static char *
parse_atom_token(const char **s, const struct ovsdb_base_type *base,
                 union ovsdb_atom *atom, union ovsdb_atom **range_end_atom,
                 struct ovsdb_symbol_table *symtab)
{
    char *token, *error;

    error = ovsdb_token_parse(s, &token);
    if (!error) {
        error = ovsdb_atom_from_string(atom, range_end_atom, base, token,
                                       symtab);
        free(token);
    }
    return error;
}

/* Grows 'datum' so that it has room for at least 'n' elements. */
static void
datum_reserve(struct ovsdb_datum *datum, size_t *allocated, size_t n,
              bool is_map)
{
    if (n > *allocated) {
        *allocated = MAX(n, *allocated * 2);
        datum->keys = xrealloc(datum->keys, *allocated * sizeof *datum->keys);
        if (is_map) {
            datum->values = xrealloc(datum->values,
                                     *allocated * sizeof *datum->values);
        }
    }
}

char *
ovsdb_datum_from_string(struct ovsdb_datum *datum,
                        const struct ovsdb_type *type, const char *s,
                        struct ovsdb_symbol_table *symtab)
{
    bool is_map = ovsdb_type_is_map(type);
    size_t allocated = 0;
    const char *p;
    char *error;
    int end_delim = 0;

    ovsdb_datum_init_empty(datum);

    p = skip_spaces(s);
    if (*p == (is_map ? '{' : '[')) {
        end_delim = is_map ? '}' : ']';
        p = skip_spaces(p + 1);
    }

    while (*p && *p != end_delim) {
        union ovsdb_atom key, value, *range_end = NULL;
        const char *start = p;

        if (strchr(",=:[]{}", *p)) {
            char *english = ovsdb_type_to_english(type);
            error = xasprintf("%s: unexpected \"%c\" parsing %s",
                              s, *p, english);
            free(english);
            goto error;
        }

        error = parse_atom_token(&p, &type->key, &key,
                                 is_map ? NULL : &range_end, symtab);
        if (error) {
            goto error;
        }

        if (is_map) {
            p = skip_spaces(p);
            if (*p != '=') {
                error = xasprintf("%s: syntax error at \"%c\" expecting "
                                  "\"=\"", start, *p);
                ovsdb_atom_destroy(&key, type->key.type);
                goto error;
            }
            p = skip_spaces(p + 1);
            error = parse_atom_token(&p, &type->value, &value, NULL, symtab);
            if (error) {
                ovsdb_atom_destroy(&key, type->key.type);
                goto error;
            }
        }

        if (range_end) {
            uint64_t n_range = (uint64_t) range_end->integer - key.integer + 1;
            int64_t i;

            if (datum->n + n_range > type->n_max) {
                error = xasprintf("%s: %"PRIu64" value(s) specified but the "
                                  "maximum number is %u", s,
                                  datum->n + n_range, type->n_max);
                free(range_end);
                goto error;
            }
            datum_reserve(datum, &allocated,
                          datum->n + (range_end->integer - key.integer) + 1,
                          false);
            for (i = key.integer; i <= range_end->integer; i++) {
                datum->keys[datum->n++].integer = i;
            }
            free(range_end);
        } else {
            datum_reserve(datum, &allocated, datum->n + 1, is_map);
            datum->keys[datum->n] = key;
            if (is_map) {
                datum->values[datum->n] = value;
            }
            datum->n++;
        }

        p = skip_spaces(p);
        if (*p == ',') {
            p = skip_spaces(p + 1);
        }
    }

    if (end_delim) {
        if (*p != end_delim) {
            error = xasprintf("%s: missing \"%c\" at end of data", s,
                              end_delim);
            goto error;
        }
        p = skip_spaces(p + 1);
        if (*p) {
            error = xasprintf("%s: trailing garbage after \"%c\"", s,
                              end_delim);
            goto error;
        }
    }

    if (datum->n < type->n_min) {
        error = xasprintf("%s: %u value(s) specified but the minimum number "
                          "is %u", s, datum->n, type->n_min);
        goto error;
    } else if (datum->n > type->n_max) {
        error = xasprintf("%s: %u value(s) specified but the maximum number "
                          "is %u", s, datum->n, type->n_max);
        goto error;
    }

    struct ovsdb_error *dup = ovsdb_datum_sort(datum, type->key.type);
    if (dup) {
        ovsdb_error_destroy(dup);
        error = xasprintf("%s: %s", s,
                          is_map ? "map contains duplicate key"
                          : "set contains duplicate value");
        goto error;
    }
    return NULL;

error:
    ovsdb_datum_destroy(datum, type);
    return error;
}

void
ovsdb_datum_to_string(const struct ovsdb_datum *datum,
                      const struct ovsdb_type *type, struct ds *out)
{
    bool is_map = ovsdb_type_is_map(type);
    bool brackets = !is_map && (type->n_max > 1 || datum->n != 1);
    unsigned int i;

    if (is_map) {
        ds_put_char(out, '{');
    } else if (brackets) {
        ds_put_char(out, '[');
    }
    for (i = 0; i < datum->n; i++) {
        if (i > 0) {
            ds_put_cstr(out, ", ");
        }
        ovsdb_atom_to_string(&datum->keys[i], type->key.type, out);
        if (is_map) {
            ds_put_char(out, '=');
            ovsdb_atom_to_string(&datum->values[i], type->value.type, out);
        }
    }
    if (is_map) {
        ds_put_char(out, '}');
    } else if (brackets) {
        ds_put_char(out, ']');
    }
}

void
ovsdb_datum_to_bare(const struct ovsdb_datum *datum,
                    const struct ovsdb_type *type, struct ds *out)
{
    bool is_map = ovsdb_type_is_map(type);
    unsigned int i;

    for (i = 0; i < datum->n; i++) {
        if (i > 0) {
            ds_put_char(out, ' ');
        }
        ovsdb_atom_to_bare(&datum->keys[i], type->key.type, out);
        if (is_map) {
            ds_put_char(out, '=');
            ovsdb_atom_to_bare(&datum->values[i], type->value.type, out);
        }
    }
}

void
ovsdb_datum_from_smap(struct ovsdb_datum *datum, const struct smap *smap)
{
    const struct smap_node *node;
    size_t i = 0;

    datum_alloc(datum, smap_count(smap), true);
    SMAP_FOR_EACH (node, smap) {
        datum->keys[i].string = xstrdup(node->key);
        datum->values[i].string = xstrdup(node->value);
        i++;
    }
    datum->n = i;
    ovsdb_datum_sort_assert(datum, OVSDB_TYPE_STRING);
}

bool
ovsdb_datum_conforms_to_type(const struct ovsdb_datum *datum,
                             const struct ovsdb_type *type)
{
    return (datum->n >= type->n_min && datum->n <= type->n_max
            && (!ovsdb_type_is_map(type) || !datum->n || datum->values));
}

uint32_t
ovsdb_datum_hash(const struct ovsdb_datum *datum,
                 const struct ovsdb_type *type, uint32_t basis)
{
    unsigned int i;

    basis = hash_int(datum->n, basis);
    for (i = 0; i < datum->n; i++) {
        basis = ovsdb_atom_hash(&datum->keys[i], type->key.type, basis);
        if (type->value.type != OVSDB_TYPE_VOID) {
            basis = ovsdb_atom_hash(&datum->values[i], type->value.type,
                                    basis);
        }
    }
    return basis;
}

int
ovsdb_datum_compare_3way(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    unsigned int i;
    int cmp;

    if (a->n != b->n) {
        return a->n < b->n ? -1 : 1;
    }
    for (i = 0; i < a->n; i++) {
        cmp = ovsdb_atom_compare_3way(&a->keys[i], &b->keys[i],
                                      type->key.type);
        if (cmp) {
            return cmp;
        }
    }
    if (type->value.type != OVSDB_TYPE_VOID) {
        for (i = 0; i < a->n; i++) {
            cmp = ovsdb_atom_compare_3way(&a->values[i], &b->values[i],
                                          type->value.type);
            if (cmp) {
                return cmp;
            }
        }
    }
    return 0;
}

bool
ovsdb_datum_equals(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
                   const struct ovsdb_type *type)
{
    return !ovsdb_datum_compare_3way(a, b, type);
}

bool
ovsdb_datum_find_key(const struct ovsdb_datum *datum,
                     const union ovsdb_atom *key,
                     enum ovsdb_atomic_type key_type, unsigned int *pos)
{
    unsigned int low = 0, high = datum->n;

    while (low < high) {
        unsigned int mid = low + (high - low) / 2;
        int cmp = ovsdb_atom_compare_3way(key, &datum->keys[mid], key_type);

        if (cmp < 0) {
            high = mid;
        } else if (cmp > 0) {
            low = mid + 1;
        } else {
            if (pos) {
                *pos = mid;
            }
            return true;
        }
    }
    if (pos) {
        *pos = low;
    }
    return false;
}

unsigned int
ovsdb_datum_find_key_value(const struct ovsdb_datum *datum,
                           const union ovsdb_atom *key,
                           enum ovsdb_atomic_type key_type,
                           const union ovsdb_atom *value,
                           enum ovsdb_atomic_type value_type)
{
    unsigned int idx;

    if (!ovsdb_datum_find_key(datum, key, key_type, &idx)) {
        return UINT_MAX;
    }
    if (value_type != OVSDB_TYPE_VOID && datum->values
        && !ovsdb_atom_equals(&datum->values[idx], value, value_type)) {
        return UINT_MAX;
    }
    return idx;
}

/* Returns the index in 'a' of element 'i' of 'b' (key and, if 'b' is a
 * map, value), or UINT_MAX. */
static unsigned int
find_element(const struct ovsdb_datum *a, const struct ovsdb_datum *b,
             unsigned int i, const struct ovsdb_type *type)
{
    return ovsdb_datum_find_key_value(a, &b->keys[i], type->key.type,
                                      b->values ? &b->values[i] : NULL,
                                      b->values ? type->value.type
                                      : OVSDB_TYPE_VOID);
}

bool
ovsdb_datum_includes_all(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    unsigned int i;

    if (a->n < b->n) {
        return false;
    }
    for (i = 0; i < b->n; i++) {
        if (find_element(a, b, i, type) == UINT_MAX) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_datum_excludes_all(const struct ovsdb_datum *a,
                         const struct ovsdb_datum *b,
                         const struct ovsdb_type *type)
{
    unsigned int i;

    for (i = 0; i < b->n; i++) {
        if (find_element(a, b, i, type) != UINT_MAX) {
            return false;
        }
    }
    return true;
}

void
ovsdb_datum_add_unsafe(struct ovsdb_datum *datum,
                       const union ovsdb_atom *key,
                       const union ovsdb_atom *value,
                       const struct ovsdb_type *type,
                       const union ovsdb_atom *range_end_atom)
{
    bool is_map = type->value.type != OVSDB_TYPE_VOID;
    size_t n_new = 1;

    if (range_end_atom) {
        n_new = range_end_atom->integer - key->integer + 1;
    }

    datum->keys = xrealloc(datum->keys,
                           (datum->n + n_new) * sizeof *datum->keys);
    if (is_map) {
        datum->values = xrealloc(datum->values,
                                 (datum->n + n_new) * sizeof *datum->values);
    }

    if (range_end_atom) {
        int64_t i;

        for (i = key->integer; i <= range_end_atom->integer; i++) {
            datum->keys[datum->n++].integer = i;
        }
    } else {
        ovsdb_atom_clone(&datum->keys[datum->n], key, type->key.type);
        if (is_map) {
            ovsdb_atom_clone(&datum->values[datum->n], value,
                             type->value.type);
        }
        datum->n++;
    }
}

void
ovsdb_datum_remove_unsafe(struct ovsdb_datum *datum, size_t idx,
                          const struct ovsdb_type *type)
{
    ovsdb_atom_destroy(&datum->keys[idx], type->key.type);
    datum->keys[idx] = datum->keys[datum->n - 1];
    if (datum->values) {
        ovsdb_atom_destroy(&datum->values[idx], type->value.type);
        datum->values[idx] = datum->values[datum->n - 1];
    }
    datum->n--;
}

void
ovsdb_datum_union(struct ovsdb_datum *a, const struct ovsdb_datum *b,
                  const struct ovsdb_type *type)
{
    struct ovsdb_datum head = *a;   /* The sorted original elements. */
    unsigned int i;

    for (i = 0; i < b->n; i++) {
        if (!ovsdb_datum_find_key(&head, &b->keys[i], type->key.type, NULL)) {
            ovsdb_datum_add_unsafe(a, &b->keys[i],
                                   b->values ? &b->values[i] : NULL,
                                   type, NULL);
            head.keys = a->keys;
            head.values = a->values;
        }
    }
    if (a->n != head.n) {
        ovsdb_datum_sort_assert(a, type->key.type);
    }
}

void
ovsdb_datum_subtract(struct ovsdb_datum *a, const struct ovsdb_type *a_type,
                     const struct ovsdb_datum *b,
                     const struct ovsdb_type *b_type)
{
    bool match_values = (b_type->value.type != OVSDB_TYPE_VOID
                         && a_type->value.type != OVSDB_TYPE_VOID);
    unsigned int src, dst;

    dst = 0;
    for (src = 0; src < a->n; src++) {
        unsigned int idx;
        bool remove = false;

        if (ovsdb_datum_find_key(b, &a->keys[src], a_type->key.type, &idx)) {
            remove = (!match_values
                      || ovsdb_atom_equals(&a->values[src], &b->values[idx],
                                           a_type->value.type));
        }
        if (remove) {
            ovsdb_atom_destroy(&a->keys[src], a_type->key.type);
            if (a->values) {
                ovsdb_atom_destroy(&a->values[src], a_type->value.type);
            }
        } else {
            a->keys[dst] = a->keys[src];
            if (a->values) {
                a->values[dst] = a->values[src];
            }
            dst++;
        }
    }
    a->n = dst;
}

void
ovsdb_datum_diff(struct ovsdb_datum *diff, const struct ovsdb_datum *old,
                 const struct ovsdb_datum *new,
                 const struct ovsdb_type *type)
{
    bool is_map = ovsdb_type_is_map(type);
    unsigned int i = 0, j = 0;

    datum_alloc(diff, old->n + new->n, is_map);
    while (i < old->n || j < new->n) {
        int cmp;

        if (i >= old->n) {
            cmp = 1;
        } else if (j >= new->n) {
            cmp = -1;
        } else {
            cmp = ovsdb_atom_compare_3way(&old->keys[i], &new->keys[j],
                                          type->key.type);
        }

        if (cmp < 0) {
            /* Only in 'old': removed. */
            ovsdb_atom_clone(&diff->keys[diff->n], &old->keys[i],
                             type->key.type);
            if (is_map) {
                ovsdb_atom_clone(&diff->values[diff->n], &old->values[i],
                                 type->value.type);
            }
            diff->n++;
            i++;
        } else if (cmp > 0) {
            /* Only in 'new': added. */
            ovsdb_atom_clone(&diff->keys[diff->n], &new->keys[j],
                             type->key.type);
            if (is_map) {
                ovsdb_atom_clone(&diff->values[diff->n], &new->values[j],
                                 type->value.type);
            }
            diff->n++;
            j++;
        } else {
            /* In both: for a map, a changed value. */
            if (is_map && !ovsdb_atom_equals(&old->values[i], &new->values[j],
                                             type->value.type)) {
                ovsdb_atom_clone(&diff->keys[diff->n], &new->keys[j],
                                 type->key.type);
                ovsdb_atom_clone(&diff->values[diff->n], &new->values[j],
                                 type->value.type);
                diff->n++;
            }
            i++;
            j++;
        }
    }
    if (!diff->n) {
        free(diff->keys);
        free(diff->values);
        ovsdb_datum_init_empty(diff);
    }
}

struct ovsdb_error *
ovsdb_datum_apply_diff(struct ovsdb_datum *new,
                       const struct ovsdb_datum *old,
                       const struct ovsdb_datum *diff,
                       const struct ovsdb_type *type)
{
    /* Merging 'old' with 'diff' is computing the difference between them:
     * what only one of them has stays, what both have goes, except that
     * a map key with a new value in 'diff' takes that value. */
    ovsdb_datum_diff(new, old, diff, type);

    if (new->n < type->n_min || new->n > type->n_max) {
        unsigned int n = new->n;

        ovsdb_datum_destroy(new, type);
        return ovsdb_error("constraint violation",
                           "applying a diff yields %u element(s) where "
                           "the column's type allows %u to %u", n,
                           type->n_min, type->n_max);
    }
    return NULL;
}

struct ovsdb_error *
ovsdb_datum_apply_diff_in_place(struct ovsdb_datum *a,
                                const struct ovsdb_datum *diff,
                                const struct ovsdb_type *type)
{
    struct ovsdb_datum new;
    struct ovsdb_error *error;

    error = ovsdb_datum_apply_diff(&new, a, diff, type);
    if (!error) {
        ovsdb_datum_destroy(a, type);
        *a = new;
    }
    return error;
}
