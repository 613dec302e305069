/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef MULTIPATH_H
#define MULTIPATH_H 1

/* NXAST_MULTIPATH: text syntax and checks of the "multipath" action.
 *
 *   multipath(FIELDS, BASIS, ALGORITHM, N_LINKS, ARG, DST[START..END])
 *
 * hashes FIELDS with BASIS, picks a link among N_LINKS with ALGORITHM (and
 * its ARG) and stores the link number in DST. */

#include <stdbool.h>
#include "openvswitch/compiler.h"
#include "openvswitch/ofp-actions.h"

struct ds;
struct match;

/* Checks 'mp' against a flow matching 'match' (NULL: no prerequisite
 * checks).  Returns 0 or an OFPERR_*. */
enum ofperr multipath_check(const struct ofpact_multipath *,
                            const struct match *);

/* Parses the argument of "multipath(...)" in 's' into 'mp' (already
 * initialized as an OFPACT_MULTIPATH).  Returns NULL or a malloc()ed
 * error message. */
char *multipath_parse(struct ofpact_multipath *mp, const char *s)
    OVS_WARN_UNUSED_RESULT;

/* Appends "multipath(...)" for 'mp' to 's'. */
void multipath_format(const struct ofpact_multipath *mp, struct ds *s);

/* Hash field sets (shared with "bundle"). */
bool multipath_is_valid_fields(enum nx_hash_fields);
const char *multipath_hash_fields_to_str(enum nx_hash_fields);
bool multipath_hash_fields_from_str(const char *, enum nx_hash_fields *);

#endif /* multipath.h */
