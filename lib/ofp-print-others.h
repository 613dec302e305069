/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFP_PRINT_OTHERS_H
#define OFP_PRINT_OTHERS_H 1

/* The part of the ofp-print dispatcher that hands messages to the other
 * areas' formatters (flows, packets, tables, groups, meters, queues,
 * bundles), kept apart from lib/ofp-print.c so that wiring in a new area
 * touches only lib/ofp-print-others.c. */

#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"

struct ds;
struct ofputil_port_map;
struct ofputil_table_map;

/* Appends the body of message 'oh' (of raw type 'raw' and type 'type') to
 * 's', after its header line, as upstream's ofp-print does.  Returns 0 or
 * the error that prevented decoding it. */
enum ofperr ofp_print_others(struct ds *s, const struct ofp_header *oh,
                             enum ofpraw raw, enum ofptype type,
                             const struct ofputil_port_map *,
                             const struct ofputil_table_map *,
                             int verbosity);

#endif /* ofp-print-others.h */
