/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef BUNDLE_H
#define BUNDLE_H 1

/* NXAST_BUNDLE and NXAST_BUNDLE_LOAD: text syntax and checks of the
 * "bundle" and "bundle_load" actions:
 *
 *   bundle(FIELDS, BASIS, ALGORITHM, ofport, members:PORT...)
 *   bundle_load(FIELDS, BASIS, ALGORITHM, ofport, DST, members:PORT...)
 *
 * ("slaves:" is accepted for "members:"). */

#include "openvswitch/compiler.h"
#include "openvswitch/ofp-actions.h"

struct ds;
struct match;
struct ofpbuf;
struct ofputil_port_map;

/* Checks 'bundle': members must be valid output ports below 'max_ports'
 * and a bundle_load destination must be writable in 'match' (NULL: no
 * prerequisite checks).  Returns 0 or an OFPERR_*. */
enum ofperr bundle_check(const struct ofpact_bundle *, ofp_port_t max_ports,
                         const struct match *);

/* Parse the argument of "bundle(...)" or "bundle_load(...)" in 's' and
 * append an OFPACT_BUNDLE to 'ofpacts'.  Return NULL or a malloc()ed error
 * message. */
char *bundle_parse(const char *s, const struct ofputil_port_map *,
                   struct ofpbuf *ofpacts) OVS_WARN_UNUSED_RESULT;
char *bundle_parse_load(const char *s, const struct ofputil_port_map *,
                        struct ofpbuf *ofpacts) OVS_WARN_UNUSED_RESULT;

/* Appends "bundle(...)" or "bundle_load(...)" for 'bundle' to 's'. */
void bundle_format(const struct ofpact_bundle *,
                   const struct ofputil_port_map *, struct ds *s);

#endif /* bundle.h */
