/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef LEARN_H
#define LEARN_H 1

/* NXAST_LEARN and NXAST_LEARN2: text syntax and checks of the "learn"
 * action, which adds or modifies a flow:
 *
 *   learn(table=N, idle_timeout=N, hard_timeout=N, fin_idle_timeout=N,
 *         fin_hard_timeout=N, priority=N, cookie=N, send_flow_rem,
 *         delete_learned, limit=N, result_dst=FIELD[BIT],
 *         FIELD=VALUE, DST[..]=SRC[..], DST[..],
 *         load:SRC[..]->DST[..], load:VALUE->DST[..], output:SRC[..]) */

#include "openvswitch/compiler.h"
#include "openvswitch/ofp-actions.h"

struct ds;
struct match;
struct ofpbuf;
struct ofputil_port_map;
struct ofputil_table_map;

/* Checks 'learn' against a flow matching 'match' (NULL: only the fields'
 * bounds are checked).  Returns 0 or an OFPERR_*. */
enum ofperr learn_check(const struct ofpact_learn *, const struct match *);

/* Parses the argument of "learn(...)" in 'arg' and appends an OFPACT_LEARN
 * to 'ofpacts'.  Returns NULL or a malloc()ed error message. */
char *learn_parse(char *arg, const struct ofputil_port_map *,
                  const struct ofputil_table_map *, struct ofpbuf *ofpacts)
    OVS_WARN_UNUSED_RESULT;

/* Appends "learn(...)" for 'learn' to 's'. */
void learn_format(const struct ofpact_learn *,
                  const struct ofputil_port_map *,
                  const struct ofputil_table_map *, struct ds *s);

#endif /* learn.h */
