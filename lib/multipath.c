/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "multipath.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/util.h"

/* Names of the hash field sets, by enum nx_hash_fields. */
static const char *const hash_field_names[] = {
    [NX_HASH_FIELDS_ETH_SRC] = "eth_src",
    [NX_HASH_FIELDS_SYMMETRIC_L4] = "symmetric_l4",
    [NX_HASH_FIELDS_SYMMETRIC_L3L4] = "symmetric_l3l4",
    [NX_HASH_FIELDS_SYMMETRIC_L3L4_UDP] = "symmetric_l3l4+udp",
    [NX_HASH_FIELDS_NW_SRC] = "nw_src",
    [NX_HASH_FIELDS_NW_DST] = "nw_dst",
    [NX_HASH_FIELDS_SYMMETRIC_L3] = "symmetric_l3",
};

/* Names of the multipath algorithms, by enum nx_mp_algorithm. */
static const char *const mp_algorithm_names[] = {
    [NX_MP_ALG_MODULO_N] = "modulo_n",
    [NX_MP_ALG_HASH_THRESHOLD] = "hash_threshold",
    [NX_MP_ALG_HRW] = "hrw",
    [NX_MP_ALG_ITER_HASH] = "iter_hash",
};

/* Returns true if 'fields' is a known hash field set. */
bool
multipath_is_valid_fields(enum nx_hash_fields fields)
{
    return (unsigned int) fields < ARRAY_SIZE(hash_field_names);
}

/* Returns the name of 'fields', or "<unknown>". */
const char *
multipath_hash_fields_to_str(enum nx_hash_fields fields)
{
    return (multipath_is_valid_fields(fields)
            ? hash_field_names[fields] : "<unknown>");
}

/* Looks up the hash field set named 's'. */
bool
multipath_hash_fields_from_str(const char *s, enum nx_hash_fields *fields)
{
    for (size_t i = 0; i < ARRAY_SIZE(hash_field_names); i++) {
        if (!strcasecmp(s, hash_field_names[i])) {
            *fields = i;
            return true;
        }
    }
    return false;
}

enum ofperr
multipath_check(const struct ofpact_multipath *mp,
                const struct match *match)
{
    return mf_check_dst(&mp->dst, match);
}

/* Parses 's' (modified) into 'mp'; 's_' is the original for messages. */
static char * OVS_WARN_UNUSED_RESULT
multipath_parse__(struct ofpact_multipath *mp, const char *s_, char *s)
{
    char *save_ptr = NULL;
    char *fields, *basis, *algorithm, *n_links_str, *arg, *dst;
    char *error;
    int n_links;

    fields = strtok_r(s, ", ", &save_ptr);
    basis = strtok_r(NULL, ", ", &save_ptr);
    algorithm = strtok_r(NULL, ", ", &save_ptr);
    n_links_str = strtok_r(NULL, ", ", &save_ptr);
    arg = strtok_r(NULL, ", ", &save_ptr);
    dst = strtok_r(NULL, ", ", &save_ptr);
    if (!dst) {
        return xasprintf("%s: not enough arguments to multipath action", s_);
    }

    if (!multipath_hash_fields_from_str(fields, &mp->fields)) {
        return xasprintf("%s: unknown fields `%s'", s_, fields);
    }
    mp->basis = atoi(basis);

    for (size_t i = 0; ; i++) {
        if (i >= ARRAY_SIZE(mp_algorithm_names)) {
            return xasprintf("%s: unknown algorithm `%s'", s_, algorithm);
        }
        if (!strcasecmp(algorithm, mp_algorithm_names[i])) {
            mp->algorithm = i;
            break;
        }
    }

    n_links = atoi(n_links_str);
    if (n_links <= 0 || n_links > 65536) {
        return xasprintf("%s: n_links %d is not in valid range 1 to 65536",
                         s_, n_links);
    }
    mp->max_link = n_links - 1;
    mp->arg = atoi(arg);

    error = mf_parse_subfield(&mp->dst, dst);
    if (error) {
        return error;
    }
    if (mp->dst.n_bits < 16 && n_links > (1 << mp->dst.n_bits)) {
        return xasprintf("%s: %d-bit destination field has %u possible "
                         "values, less than specified n_links %d",
                         s_, mp->dst.n_bits, 1u << mp->dst.n_bits, n_links);
    }
    return NULL;
}

char *
multipath_parse(struct ofpact_multipath *mp, const char *s_)
{
    char *s = xstrdup(s_);
    char *error = multipath_parse__(mp, s_, s);

    free(s);
    return error;
}

void
multipath_format(const struct ofpact_multipath *mp, struct ds *s)
{
    const char *algorithm
        = ((unsigned int) mp->algorithm < ARRAY_SIZE(mp_algorithm_names)
           ? mp_algorithm_names[mp->algorithm] : "<unknown>");

    ds_put_format(s, "multipath(%s,%"PRIu16",%s,%d,%"PRIu32",",
                  multipath_hash_fields_to_str(mp->fields), mp->basis,
                  algorithm, mp->max_link + 1, mp->arg);
    mf_format_subfield(&mp->dst, s);
    ds_put_char(s, ')');
}
