/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_WEFT_H
#define OPENVSWITCH_OFP_WEFT_H 1

/* Weft's own OpenFlow extension messages (include/openflow/weft-ext.h):
 * encoding, decoding and printing. */

#include <stdbool.h>
#include "openflow/openflow.h"
#include "openvswitch/ofp-errors.h"

struct ds;
struct ofpbuf;

struct ofpbuf *ofputil_encode_stop_on_error(uint8_t ofp_version,
                                            bool enable, ovs_be32 xid);
enum ofperr ofputil_decode_stop_on_error(const struct ofp_header *,
                                         bool *enable);
enum ofperr ofputil_format_stop_on_error(struct ds *,
                                         const struct ofp_header *);

#endif /* openvswitch/ofp-weft.h */
