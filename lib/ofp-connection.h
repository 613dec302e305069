/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFP_CONNECTION_H
#define OFP_CONNECTION_H 1

/* Connection-level messages: asynchronous message configuration. */

#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"

struct ds;

/* Appends to 's' the primary and secondary masks of async config message
 * 'oh' (OFPT_GET_ASYNC_REPLY, OFPT_SET_ASYNC or NXT_SET_ASYNC_CONFIG(2), of
 * raw type 'raw'), as ofp-print shows them.  Returns 0, or the error that
 * prevented decoding it. */
enum ofperr ofputil_async_msg_format(struct ds *s,
                                     const struct ofp_header *oh,
                                     enum ofpraw raw);

#endif /* ofp-connection.h */
