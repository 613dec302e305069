/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_BUNDLE_H
#define OPENVSWITCH_OFP_BUNDLE_H 1

/* OpenFlow 1.4+ bundles (and the OpenFlow 1.3 ONF extension 230):
 * decoding, encoding and printing of bundle control and bundle add
 * messages.  The switch side is ofproto/bundles.c; ovs-ofctl --bundle
 * sends them through vconn_bundle_transact(). */

#include <stdint.h>
#include "openflow/openflow.h"

struct ds;
struct ofpbuf;
struct ofputil_port_map;
struct ofputil_table_map;
enum ofperr;

/* Bundle control message. */
struct ofputil_bundle_ctrl_msg {
    uint32_t bundle_id;         /* Bundle id. */
    uint16_t type;              /* OFPBCT_* type. */
    uint16_t flags;             /* OFPBF_* flags. */
};

/* Bundle add message. */
struct ofputil_bundle_add_msg {
    uint32_t bundle_id;         /* Bundle id. */
    uint16_t flags;             /* OFPBF_* flags. */
    const struct ofp_header *msg; /* The inner message (points into the
                                   * decoded message). */
};

enum ofperr ofputil_decode_bundle_ctrl(const struct ofp_header *,
                                       struct ofputil_bundle_ctrl_msg *);
struct ofpbuf *ofputil_encode_bundle_ctrl_request(
    enum ofp_version, struct ofputil_bundle_ctrl_msg *);
struct ofpbuf *ofputil_encode_bundle_ctrl_reply(
    const struct ofp_header *, struct ofputil_bundle_ctrl_msg *);
void ofputil_format_bundle_ctrl_request(
    struct ds *, const struct ofputil_bundle_ctrl_msg *);

/* Decodes the bundle add message 'oh' into 'msg'.  Only the outer header
 * and the inner message's header are checked. */
enum ofperr ofputil_decode_bundle_add(const struct ofp_header *,
                                      struct ofputil_bundle_add_msg *);
struct ofpbuf *ofputil_encode_bundle_add(enum ofp_version,
                                         struct ofputil_bundle_add_msg *);
void ofputil_format_bundle_add(struct ds *,
                               const struct ofputil_bundle_add_msg *,
                               const struct ofputil_port_map *,
                               const struct ofputil_table_map *,
                               int verbosity);

#endif /* openvswitch/ofp-bundle.h */
