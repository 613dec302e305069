/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_WEFT_EXT_H
#define OPENFLOW_WEFT_EXT_H 1

/* Weft's own OpenFlow extension messages: experimenter (vendor) messages
 * with WFT_VENDOR_ID, the same header in every version (ofp_header, then
 * the 32-bit experimenter ID and the 32-bit subtype, as Nicira's).  A
 * switch without them (Open vSwitch, for one) answers OFPBRC_BAD_VENDOR,
 * so that a client can ask and fall back.  ovs-ofctl(8) says what uses
 * them. */

#include "openflow/openflow-common.h"

#define WFT_VENDOR_ID 0x57465400 /* "WFT\0", as ONF's is "ONF\0". */

/* Subtypes. */
enum wft_type {
    WFTT_STOP_ON_ERROR = 1      /* struct wft_stop_on_error. */
};

/* WFTT_STOP_ON_ERROR: with 'enable' nonzero, once the switch answers any
 * request on this connection with an error, it drops every later message
 * on the connection, unanswered and without effect, up to the next
 * barrier request, which it answers as usual and which ends the dropping.
 * Echo requests are still answered.  So a client may send a batch of
 * requests and one barrier without waiting, and still get the outcome of
 * sending them one at a time and stopping at the first error.  With
 * 'enable' zero, errors stop nothing (the default).  No reply. */
struct wft_stop_on_error {
    uint8_t enable;             /* 1 to drop after an error, 0 not to. */
    uint8_t zeros[7];           /* Must be zero. */
};
OFP_ASSERT(sizeof(struct wft_stop_on_error) == 8);

#endif /* openflow/weft-ext.h */
