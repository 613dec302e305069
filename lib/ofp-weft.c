/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-weft.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-msgs.h"
#include "ofpbuf.h"
#include "openvswitch/util.h"

/* Returns a WFTT_STOP_ON_ERROR message for 'ofp_version' with 'xid' that
 * turns stopping at the first error on ('enable') or off. */
struct ofpbuf *
ofputil_encode_stop_on_error(uint8_t ofp_version, bool enable, ovs_be32 xid)
{
    struct ofpbuf *msg = ofpraw_alloc_xid(OFPRAW_WFT_STOP_ON_ERROR,
                                          ofp_version, xid, 0);
    struct wft_stop_on_error *wsoe = ofpbuf_put_zeros(msg, sizeof *wsoe);

    wsoe->enable = enable;
    ofpmsg_update_length(msg);
    return msg;
}

/* Decodes WFTT_STOP_ON_ERROR message 'oh' (whose type and length the
 * caller has checked with ofptype_decode()) into '*enable'.  Returns 0 or
 * an OFPERR_* value. */
enum ofperr
ofputil_decode_stop_on_error(const struct ofp_header *oh, bool *enable)
{
    const struct wft_stop_on_error *wsoe = ofpmsg_body(oh);

    for (size_t i = 0; i < sizeof wsoe->zeros; i++) {
        if (wsoe->zeros[i]) {
            return OFPERR_NXBRC_MUST_BE_ZERO;
        }
    }
    *enable = wsoe->enable != 0;
    return 0;
}

/* Appends the body of WFTT_STOP_ON_ERROR message 'oh' to 's' as ofp-print
 * shows it.  Returns 0 or an OFPERR_* value. */
enum ofperr
ofputil_format_stop_on_error(struct ds *s, const struct ofp_header *oh)
{
    enum ofperr error;
    bool enable;

    error = ofputil_decode_stop_on_error(oh, &enable);
    if (!error) {
        ds_put_cstr(s, enable ? " on" : " off");
    }
    return error;
}
