/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_DATA_H
#define OVSDB_DATA_H 1

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <jansson.h>
#include "openvswitch/compiler.h"
#include "openvswitch/shash.h"
#include "openvswitch/uuid.h"
#include "ovsdb-types.h"

/* OVSDB values (RFC 7047 section 5.1, <value>, <atom>, <set>, <map>).
 *
 * An atom (union ovsdb_atom) is one value of an atomic type.  A datum
 * (struct ovsdb_datum) is the value of a column: 'n' keys, and for a map
 * 'n' values too, kept sorted by key (ovsdb_atom_compare_3way()) with no
 * duplicate keys.  A datum never records its own type: every function
 * that needs it takes the column's struct ovsdb_type.
 *
 * Two text forms exist:
 *
 *   - JSON, as on the wire and in the log: 1, 1.5, true, "s",
 *     ["uuid", "..."], ["named-uuid", "name"], ["set", [...]],
 *     ["map", [[k, v], ...]].  A set of exactly one element may be written
 *     as the bare element.
 *
 *   - The "string" syntax that ovs-vsctl and ovsdb-client use: bare or
 *     double-quoted strings, bare UUIDs, "[a, b]" for sets, "{k=v, k2=v2}"
 *     for maps, "[]" and "{}" for empty ones.  Scalars print bare. */

struct ds;
struct smap;

/* One value of some atomic type.  Which member is valid depends on the
 * atomic type, which the atom does not record. */
union ovsdb_atom {
    int64_t integer;            /* OVSDB_TYPE_INTEGER. */
    double real;                /* OVSDB_TYPE_REAL. */
    bool boolean;               /* OVSDB_TYPE_BOOLEAN. */
    char *string;               /* OVSDB_TYPE_STRING: malloc'd UTF-8. */
    struct uuid uuid;           /* OVSDB_TYPE_UUID. */
};

/* Sets 'atom' to the default value of 'type': 0, 0.0, false, "", or the
 * all-zeros UUID. */
void ovsdb_atom_init_default(union ovsdb_atom *, enum ovsdb_atomic_type);

/* Returns a static atom holding the default value of 'type'. */
const union ovsdb_atom *ovsdb_atom_default(enum ovsdb_atomic_type);

/* True if 'atom' holds the default value of 'type'. */
bool ovsdb_atom_is_default(const union ovsdb_atom *, enum ovsdb_atomic_type);

/* Initializes 'new' as a copy of 'old' (strings are duplicated). */
void ovsdb_atom_clone(union ovsdb_atom *new, const union ovsdb_atom *old,
                      enum ovsdb_atomic_type);

/* Exchanges the contents of 'a' and 'b'. */
void ovsdb_atom_swap(union ovsdb_atom *a, union ovsdb_atom *b);

/* True if atoms of 'type' own memory that ovsdb_atom_destroy() frees. */
static inline bool
ovsdb_atom_needs_destruction(enum ovsdb_atomic_type type)
{
    return type == OVSDB_TYPE_STRING;
}

/* Frees what 'atom' (of 'type') owns. */
static inline void
ovsdb_atom_destroy(union ovsdb_atom *atom, enum ovsdb_atomic_type type)
{
    if (type == OVSDB_TYPE_STRING) {
        free(atom->string);
    }
}

/* Hashes 'atom' of 'type' with 'basis'. */
uint32_t ovsdb_atom_hash(const union ovsdb_atom *, enum ovsdb_atomic_type,
                         uint32_t basis);

/* Compares 'a' and 'b' of 'type': negative, zero or positive.  Integers and
 * reals compare numerically, false < true, strings by bytes (strcmp()),
 * UUIDs word by word as in their text form. */
int ovsdb_atom_compare_3way(const union ovsdb_atom *a,
                            const union ovsdb_atom *b,
                            enum ovsdb_atomic_type type);

static inline bool
ovsdb_atom_equals(const union ovsdb_atom *a, const union ovsdb_atom *b,
                  enum ovsdb_atomic_type type)
{
    return !ovsdb_atom_compare_3way(a, b, type);
}

/* Named UUIDs (RFC 7047 <named-uuid>) within one transaction. */
struct ovsdb_symbol {
    struct uuid uuid;           /* The UUID that the name stands for. */
    bool created;               /* Already used by an "insert"? */
    bool strong_ref;            /* Used as a strong reference? */
    bool weak_ref;              /* Used as a weak reference? */
};

/* A set of named UUIDs, by name. */
struct ovsdb_symbol_table {
    struct shash sh;            /* Maps a name to a struct ovsdb_symbol *. */
};

struct ovsdb_symbol_table *ovsdb_symbol_table_create(void);
void ovsdb_symbol_table_destroy(struct ovsdb_symbol_table *);

/* Returns the symbol named 'name', or NULL. */
struct ovsdb_symbol *ovsdb_symbol_table_get(const struct ovsdb_symbol_table *,
                                            const char *name);

/* Adds symbol 'name' (which must not exist yet) for 'uuid', with 'created'
 * as given, and returns it. */
struct ovsdb_symbol *ovsdb_symbol_table_put(struct ovsdb_symbol_table *,
                                            const char *name,
                                            const struct uuid *,
                                            bool created);

/* Returns symbol 'name', adding it with a fresh random UUID (and 'created'
 * false) if it does not exist yet. */
struct ovsdb_symbol *ovsdb_symbol_table_insert(struct ovsdb_symbol_table *,
                                               const char *name);

/* Parses 'json' as an atom of base type 'base' into 'atom', and checks it
 * against 'base''s constraints.  ["named-uuid", name] is accepted only if
 * 'symtab' is nonnull: it then resolves through
 * ovsdb_symbol_table_insert() and marks the symbol as used as a strong or
 * weak reference according to 'base'.  On error 'atom' is left
 * uninitialized (nothing to free). */
struct ovsdb_error *ovsdb_atom_from_json(union ovsdb_atom *,
                                         const struct ovsdb_base_type *,
                                         const json_t *,
                                         struct ovsdb_symbol_table *)
    OVS_WARN_UNUSED_RESULT;

/* Returns 'atom' of 'type' as JSON (a new reference). */
json_t *ovsdb_atom_to_json(const union ovsdb_atom *, enum ovsdb_atomic_type);

/* Parses 's' in the string syntax as an atom of base type 'base', checks
 * constraints, and returns NULL on success or a malloc'd error message
 * (which the caller frees) on failure.
 *
 * If 'range_end_atom' is nonnull and 'base' is an integer type, "A-B"
 * parses as a range: 'atom' gets A and '*range_end_atom' a malloc'd atom
 * holding B (NULL if 's' is not a range).  A UUID may be given as
 * "@name" if 'symtab' is nonnull (the symbol is inserted as needed). */
char *ovsdb_atom_from_string(union ovsdb_atom *atom,
                             union ovsdb_atom **range_end_atom,
                             const struct ovsdb_base_type *base,
                             const char *s,
                             struct ovsdb_symbol_table *symtab)
    OVS_WARN_UNUSED_RESULT;

/* Appends 'atom' of 'type' to 'out' in the string syntax: strings are
 * double-quoted (with JSON escapes) only when they would not read back as
 * the same bare string, UUIDs are bare. */
void ovsdb_atom_to_string(const union ovsdb_atom *, enum ovsdb_atomic_type,
                          struct ds *out);

/* Like ovsdb_atom_to_string(), but never quotes strings. */
void ovsdb_atom_to_bare(const union ovsdb_atom *, enum ovsdb_atomic_type,
                        struct ds *out);

/* Checks 'atom' against the constraints of 'base' (enum, integer/real
 * range, string length).  Returns a "constraint violation" error or
 * NULL. */
struct ovsdb_error *ovsdb_atom_check_constraints(
    const union ovsdb_atom *, const struct ovsdb_base_type *)
    OVS_WARN_UNUSED_RESULT;

/* The value of one column: a sorted, duplicate-free array of keys and, for
 * maps, the values that go with them. */
struct ovsdb_datum {
    unsigned int n;             /* Number of 'keys' and 'values'. */
    union ovsdb_atom *keys;     /* 'n' atoms of the type's key type. */
    union ovsdb_atom *values;   /* 'n' atoms of the type's value type, or
                                 * NULL if the type is not a map. */
};

/* Initializes 'datum' as empty (no allocation). */
void ovsdb_datum_init_empty(struct ovsdb_datum *);

/* Initializes 'datum' as the default value of 'type': empty if n_min is 0,
 * otherwise one default key (and value). */
void ovsdb_datum_init_default(struct ovsdb_datum *, const struct ovsdb_type *);

/* True if 'datum' is the default value of 'type'. */
bool ovsdb_datum_is_default(const struct ovsdb_datum *,
                            const struct ovsdb_type *);

/* Returns a static datum holding the default value of 'type'. */
const struct ovsdb_datum *ovsdb_datum_default(const struct ovsdb_type *);

/* Initializes 'new' as a deep copy of 'old' of 'type'. */
void ovsdb_datum_clone(struct ovsdb_datum *new, const struct ovsdb_datum *old,
                       const struct ovsdb_type *);

/* Frees what 'datum' of 'type' owns (not 'datum' itself). */
void ovsdb_datum_destroy(struct ovsdb_datum *, const struct ovsdb_type *);

/* Exchanges 'a' and 'b'. */
void ovsdb_datum_swap(struct ovsdb_datum *a, struct ovsdb_datum *b);

/* Sorts the keys of 'datum' (moving values along with them).  Returns an
 * error (tag "ovsdb error", details "set contains duplicate" or "map
 * contains duplicate key" as upstream) if two keys are equal, NULL
 * otherwise.  (A datum is a map iff its 'values' is nonnull.) */
struct ovsdb_error *ovsdb_datum_sort(struct ovsdb_datum *,
                                     enum ovsdb_atomic_type key_type)
    OVS_WARN_UNUSED_RESULT;

/* Like ovsdb_datum_sort(), but aborts on duplicates. */
void ovsdb_datum_sort_assert(struct ovsdb_datum *,
                             enum ovsdb_atomic_type key_type);

/* Sorts 'datum' and drops duplicate keys (for maps: keeping one of the
 * pairs with that key).  Returns the number of elements dropped. */
size_t ovsdb_datum_sort_unique(struct ovsdb_datum *,
                               enum ovsdb_atomic_type key_type,
                               enum ovsdb_atomic_type value_type);

/* Checks every atom of 'datum' against 'type''s base-type constraints
 * (not the element count).  Returns a "constraint violation" or NULL. */
struct ovsdb_error *ovsdb_datum_check_constraints(
    const struct ovsdb_datum *, const struct ovsdb_type *)
    OVS_WARN_UNUSED_RESULT;

/* Parses 'json' as a value of 'type' into 'datum': checks the syntax, each
 * atom's constraints, the element count against n_min/n_max, and sorts
 * (duplicates are an error).  'symtab' as for ovsdb_atom_from_json().  On
 * error 'datum' is left empty. */
struct ovsdb_error *ovsdb_datum_from_json(struct ovsdb_datum *,
                                          const struct ovsdb_type *,
                                          const json_t *,
                                          struct ovsdb_symbol_table *)
    OVS_WARN_UNUSED_RESULT;

/* Returns 'datum' as JSON: a bare atom if 'type' is not a map and 'datum'
 * has exactly one element, else ["set", [...]] or ["map", [[k, v]...]]. */
json_t *ovsdb_datum_to_json(const struct ovsdb_datum *,
                            const struct ovsdb_type *);

/* Appends to 'out' the compact serialization of what ovsdb_atom_to_json()
 * and ovsdb_datum_to_json() return, byte for byte, without building it. */
void ovsdb_atom_to_json_ds(const union ovsdb_atom *, enum ovsdb_atomic_type,
                           struct ds *out);
void ovsdb_datum_to_json_ds(const struct ovsdb_datum *,
                            const struct ovsdb_type *, struct ds *out);

/* Parses 's' in the string syntax as a value of 'type'.  Sets are "[a, b]"
 * (brackets optional for a single value; a bare list "a, b" also works for
 * sets), maps "{k=v, k2=v2}" (braces optional).  Integer sets accept
 * ranges "A-B".  Returns NULL or a malloc'd error message; on error
 * 'datum' is left empty. */
char *ovsdb_datum_from_string(struct ovsdb_datum *,
                              const struct ovsdb_type *, const char *,
                              struct ovsdb_symbol_table *)
    OVS_WARN_UNUSED_RESULT;

/* Appends 'datum' of 'type' to 'out' in the string syntax. */
void ovsdb_datum_to_string(const struct ovsdb_datum *,
                           const struct ovsdb_type *, struct ds *out);

/* Appends 'datum' to 'out' with elements separated by spaces, and for maps
 * "k=v", never quoting strings. */
void ovsdb_datum_to_bare(const struct ovsdb_datum *,
                         const struct ovsdb_type *, struct ds *out);

/* Initializes 'datum' as a string-to-string map holding 'smap'. */
void ovsdb_datum_from_smap(struct ovsdb_datum *, const struct smap *);

/* True if 'datum' is acceptable for 'type' as far as element count and
 * presence of values go (constraints are not checked). */
bool ovsdb_datum_conforms_to_type(const struct ovsdb_datum *,
                                  const struct ovsdb_type *);

/* Hashes / compares / tests equality of whole datums of 'type'. */
uint32_t ovsdb_datum_hash(const struct ovsdb_datum *,
                          const struct ovsdb_type *, uint32_t basis);
int ovsdb_datum_compare_3way(const struct ovsdb_datum *a,
                             const struct ovsdb_datum *b,
                             const struct ovsdb_type *);
bool ovsdb_datum_equals(const struct ovsdb_datum *a,
                        const struct ovsdb_datum *b,
                        const struct ovsdb_type *);

/* Looks for 'key' of 'key_type' in sorted 'datum'.  Returns true and
 * stores its index in '*pos' if found; otherwise returns false and stores
 * in '*pos' the index where it would be inserted.  'pos' may be NULL. */
bool ovsdb_datum_find_key(const struct ovsdb_datum *,
                          const union ovsdb_atom *key,
                          enum ovsdb_atomic_type key_type,
                          unsigned int *pos);

/* Returns the index of the element of 'datum' with key 'key' and (if
 * 'value_type' is not OVSDB_TYPE_VOID) value 'value', or UINT_MAX. */
unsigned int ovsdb_datum_find_key_value(const struct ovsdb_datum *,
                                        const union ovsdb_atom *key,
                                        enum ovsdb_atomic_type key_type,
                                        const union ovsdb_atom *value,
                                        enum ovsdb_atomic_type value_type);

/* True if every element (key, and value for maps) of 'b' is in 'a' /
 * no element of 'b' is in 'a'.  Both have type 'type'. */
bool ovsdb_datum_includes_all(const struct ovsdb_datum *a,
                              const struct ovsdb_datum *b,
                              const struct ovsdb_type *);
bool ovsdb_datum_excludes_all(const struct ovsdb_datum *a,
                              const struct ovsdb_datum *b,
                              const struct ovsdb_type *);

/* Adds to 'a' every element of 'b' whose key is not in 'a' (so for maps,
 * existing keys keep their values: the "insert" mutator).  Both have type
 * 'type'.  'a' stays sorted. */
void ovsdb_datum_union(struct ovsdb_datum *a, const struct ovsdb_datum *b,
                       const struct ovsdb_type *type);

/* Removes from 'a' (of 'a_type') the elements of 'b' (of 'b_type'): if
 * 'b_type' is a map, only pairs whose key and value both match; if it is a
 * set, every element of 'a' whose key is in 'b' (the "delete" mutator). */
void ovsdb_datum_subtract(struct ovsdb_datum *a,
                          const struct ovsdb_type *a_type,
                          const struct ovsdb_datum *b,
                          const struct ovsdb_type *b_type);

/* Appends 'key' (and 'value' for maps) to 'datum' without keeping it
 * sorted; the caller must ovsdb_datum_sort() afterward.  The atoms are
 * copied.  If 'range_end_atom' is nonnull, adds every integer from 'key'
 * through '*range_end_atom'. */
void ovsdb_datum_add_unsafe(struct ovsdb_datum *,
                            const union ovsdb_atom *key,
                            const union ovsdb_atom *value,
                            const struct ovsdb_type *,
                            const union ovsdb_atom *range_end_atom);

/* Removes element 'idx' from 'datum' by moving the last element into its
 * place (so 'datum' becomes unsorted). */
void ovsdb_datum_remove_unsafe(struct ovsdb_datum *, size_t idx,
                               const struct ovsdb_type *);

/* Computes in 'diff' the difference from 'old' to 'new' (both of 'type'),
 * as upstream's update2 "modify" and "_is_diff" log records express it:
 * for sets, the symmetric difference; for maps, the pairs of 'old' whose
 * key is gone from 'new', plus the pairs of 'new' that are not in 'old'
 * (new keys, and existing keys with new values).  Not meaningful for
 * scalars (whose "diff" is simply the new value). */
void ovsdb_datum_diff(struct ovsdb_datum *diff,
                      const struct ovsdb_datum *old,
                      const struct ovsdb_datum *new,
                      const struct ovsdb_type *type);

/* Applies 'diff' (from ovsdb_datum_diff()) to 'old' and stores the result
 * in 'new'.  Returns a "constraint violation" error if the result would
 * have more than n_max elements or fewer than n_min, leaving 'new' empty.
 * The _in_place variant modifies 'a' (unchanged on error). */
struct ovsdb_error *ovsdb_datum_apply_diff(struct ovsdb_datum *new,
                                           const struct ovsdb_datum *old,
                                           const struct ovsdb_datum *diff,
                                           const struct ovsdb_type *type)
    OVS_WARN_UNUSED_RESULT;
struct ovsdb_error *ovsdb_datum_apply_diff_in_place(
    struct ovsdb_datum *a, const struct ovsdb_datum *diff,
    const struct ovsdb_type *type)
    OVS_WARN_UNUSED_RESULT;

#endif /* ovsdb-data.h */
