/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_MATCH_H
#define OPENVSWITCH_OFP_MATCH_H 1

/* Flow matches in OpenFlow messages: the fixed OpenFlow 1.0 match with
 * wildcard bits (struct ofp10_match), the OpenFlow 1.1 standard match
 * (struct ofp11_match), and, through lib/nx-match.h, NXM and OXM.
 * Conversion to and from struct match, normalization, and the choice of
 * encoding for a protocol. */

#include <stdbool.h>
#include <stdint.h>
#include "openflow/openflow-common.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/types.h"

struct ds;
struct flow_wildcards;
struct match;
struct mf_bitmap;
struct ofp10_match;
struct ofp11_match;
struct ofpbuf;
struct ofputil_port_map;
struct tun_table;
struct vl_mff_map;

/* OpenFlow 1.0.
 *
 * ofputil_wildcard_from_ofpfw10() converts the OFPFW10_* bits 'ofpfw' (in
 * host byte order) into '*wc'.  ofputil_match_from_ofp10_match() converts
 * '*ofmatch' into '*match' (wildcarded fields are zeroed; no
 * normalization).  ofputil_match_to_ofp10_match() does the reverse, losing
 * what OpenFlow 1.0 cannot express (everything but a full or CIDR match on
 * the OpenFlow 1.0 fields).
 *
 * ofputil_normalize_match() clears the fields of 'match' whose
 * prerequisites it does not meet (e.g. tp_src without a TCP/UDP/SCTP/ICMP
 * nw_proto), as OpenFlow 1.0 switches do, and logs "normalization changed
 * ofp_match, details:" with the before and after at INFO level (rate
 * limited) when that changes it; ofputil_normalize_match_quiet() does not
 * log. */
void ofputil_wildcard_from_ofpfw10(uint32_t ofpfw, struct flow_wildcards *);
void ofputil_match_from_ofp10_match(const struct ofp10_match *,
                                    struct match *);
void ofputil_normalize_match(struct match *);
void ofputil_normalize_match_quiet(struct match *);
void ofputil_match_to_ofp10_match(const struct match *, struct ofp10_match *);

/* Formats '*om' as ovs-ofctl prints an OpenFlow 1.0 match ("in_port=1,
 * dl_vlan=..."), with all fields shown for 'verbosity' >= 2. */
void ofp10_match_print(struct ds *, const struct ofp10_match *,
                       const struct ofputil_port_map *, int verbosity);
char *ofp10_match_to_string(const struct ofp10_match *,
                            const struct ofputil_port_map *, int verbosity);

/* OpenFlow 1.1+.
 *
 * ofputil_pull_ofp11_match() pulls a match from the front of 'b': a struct
 * ofp11_match (OFPMT_STANDARD) or an OXM match (OFPMT_OXM) with its
 * padding.  Stores the padded length in '*padded_match_len' if nonnull.
 * Errors: OFPERR_OFPBMC_BAD_LEN, OFPERR_OFPBMC_BAD_TYPE and the OXM
 * errors.  'tun_table' and 'vl_mff_map' are reserved and must be NULL.
 *
 * ofputil_match_from_ofp11_match() converts a standard match (errors:
 * OFPERR_OFPBMC_BAD_PORT for a bad in_port, OFPERR_OFPBMC_BAD_TAG and
 * OFPERR_OFPBMC_BAD_VALUE for VLAN/MPLS matches it cannot express,
 * OFPERR_OFPBMC_BAD_FIELD for unknown wildcard bits).
 *
 * ofputil_put_ofp11_match() appends 'match' in the form 'protocol' uses
 * (OFPMT_STANDARD for OpenFlow 1.1, OXM for 1.2+) and returns the number
 * of bytes appended (with padding). */
enum ofperr ofputil_pull_ofp11_match(struct ofpbuf *b,
                                     const struct tun_table *,
                                     const struct vl_mff_map *,
                                     struct match *,
                                     uint16_t *padded_match_len);
enum ofperr ofputil_match_from_ofp11_match(const struct ofp11_match *,
                                           struct match *);
int ofputil_put_ofp11_match(struct ofpbuf *b, const struct match *,
                            enum ofputil_protocol);
void ofputil_match_to_ofp11_match(const struct match *,
                                  struct ofp11_match *);

/* Returns the typical length of a match for 'protocol' (for buffer
 * preallocation). */
int ofputil_match_typical_len(enum ofputil_protocol);

/* dl_type translation between OpenFlow and struct flow: OpenFlow writes
 * "no Ethernet type" (802.2 frames) as 0x05ff, struct flow as 0x5ff too
 * (FLOW_DL_TYPE_NONE); both map to each other. */
ovs_be16 ofputil_dl_type_to_openflow(ovs_be16 flow_dl_type);
ovs_be16 ofputil_dl_type_from_openflow(ovs_be16 ofp_dl_type);

/* OXM/NXM matching for a protocol: appends 'match' to 'b' encoded as
 * 'protocol' needs in a flow_mod-like message body (OpenFlow 1.0: struct
 * ofp10_match; NXM: nx_put_match(); OpenFlow 1.1+: ofputil_put_ofp11_match())
 * and returns the number of bytes of match (as for the 'match_len' of an
 * NXM message, unpadded). */
int ofputil_put_match(struct ofpbuf *b, const struct match *,
                      enum ofputil_protocol);

/* Returns the OFPUTIL_P_* protocols able to express 'match' (e.g. only
 * NXM and OXM for a register match), judging from the match alone.  Text
 * parsers that want upstream's "usable protocols" for what was written
 * (e.g. "dl_vlan=5" is usable with any protocol but "vlan_tci=0x1005/0x1fff"
 * only with NXM or OXM, although both give the same match) should instead
 * AND together the values that mf_set() returns for each field parsed. */
enum ofputil_protocol ofputil_usable_protocols(const struct match *);

#endif /* openvswitch/ofp-match.h */
