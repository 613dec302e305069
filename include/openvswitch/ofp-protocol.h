/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_PROTOCOL_H
#define OPENVSWITCH_OFP_PROTOCOL_H 1

/* OpenFlow protocols: a version plus, for OpenFlow 1.0, the flow format
 * (standard match or NXM) and whether flow mods may name a table
 * (NXT_FLOW_MOD_TABLE_ID); and bitmaps of OpenFlow versions. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow.h"

struct ds;
struct ofpbuf;

/* A protocol, or a bitmap of protocols. */
enum ofputil_protocol {
    /* OpenFlow 1.0 with the standard match, without and with table ids in
     * flow mods. */
    OFPUTIL_P_OF10_STD = 1 << 0,
    OFPUTIL_P_OF10_STD_TID = 1 << 1,

    /* OpenFlow 1.0 with NXM, without and with table ids. */
    OFPUTIL_P_OF10_NXM = 1 << 2,
    OFPUTIL_P_OF10_NXM_TID = 1 << 3,
#define OFPUTIL_P_OF10_STD_ANY (OFPUTIL_P_OF10_STD | OFPUTIL_P_OF10_STD_TID)
#define OFPUTIL_P_OF10_NXM_ANY (OFPUTIL_P_OF10_NXM | OFPUTIL_P_OF10_NXM_TID)
#define OFPUTIL_P_OF10_ANY (OFPUTIL_P_OF10_STD_ANY | OFPUTIL_P_OF10_NXM_ANY)

    /* OpenFlow 1.1 (standard match). */
    OFPUTIL_P_OF11_STD = 1 << 4,

    /* OpenFlow 1.2 to 1.5 (OXM). */
    OFPUTIL_P_OF12_OXM = 1 << 5,
    OFPUTIL_P_OF13_OXM = 1 << 6,
    OFPUTIL_P_OF14_OXM = 1 << 7,
    OFPUTIL_P_OF15_OXM = 1 << 8,
#define OFPUTIL_P_ANY_OXM (OFPUTIL_P_OF12_OXM | OFPUTIL_P_OF13_OXM | \
                           OFPUTIL_P_OF14_OXM | OFPUTIL_P_OF15_OXM)

#define OFPUTIL_P_NXM_OF11_UP (OFPUTIL_P_OF10_NXM_ANY | OFPUTIL_P_OF11_STD | \
                               OFPUTIL_P_ANY_OXM)
#define OFPUTIL_P_NXM_OXM_ANY (OFPUTIL_P_OF10_NXM_ANY | OFPUTIL_P_ANY_OXM)
#define OFPUTIL_P_OF15_UP OFPUTIL_P_OF15_OXM
#define OFPUTIL_P_OF14_UP (OFPUTIL_P_OF14_OXM | OFPUTIL_P_OF15_UP)
#define OFPUTIL_P_OF13_UP (OFPUTIL_P_OF13_OXM | OFPUTIL_P_OF14_UP)
#define OFPUTIL_P_OF12_UP (OFPUTIL_P_OF12_OXM | OFPUTIL_P_OF13_UP)
#define OFPUTIL_P_OF11_UP (OFPUTIL_P_OF11_STD | OFPUTIL_P_OF12_UP)

    /* All protocols. */
#define OFPUTIL_P_ANY ((1 << 9) - 1)

    /* Protocols in which a flow mod may specify a table. */
#define OFPUTIL_P_TID (OFPUTIL_P_OF10_STD_TID | OFPUTIL_P_OF10_NXM_TID | \
                       OFPUTIL_P_OF11_STD | OFPUTIL_P_ANY_OXM)

    OFPUTIL_P_NONE = 0          /* No protocol. */
};

/* Protocols to try for flow dumps, most preferred first. */
extern enum ofputil_protocol ofputil_flow_dump_protocols[];
extern size_t ofputil_n_flow_dump_protocols;

/* The protocol that a connection of 'version' starts with, or 0 if
 * 'version' is unknown. */
enum ofputil_protocol ofputil_protocol_from_ofp_version(enum ofp_version);

/* Every protocol usable with 'version', or 0 if unknown. */
enum ofputil_protocol ofputil_protocols_from_ofp_version(enum ofp_version);

/* The OpenFlow version of single protocol 'protocol'. */
enum ofp_version ofputil_protocol_to_ofp_version(enum ofputil_protocol);

/* Returns true if 'protocol' is a single valid protocol. */
bool ofputil_protocol_is_valid(enum ofputil_protocol);

/* Returns 'protocol' with table ids in flow mods enabled or disabled. */
enum ofputil_protocol ofputil_protocol_set_tid(enum ofputil_protocol,
                                               bool enable);

/* Returns 'protocol' without the table id extension. */
enum ofputil_protocol ofputil_protocol_to_base(enum ofputil_protocol);

/* Returns 'new_base' with the table id setting of 'cur'. */
enum ofputil_protocol ofputil_protocol_set_base(
    enum ofputil_protocol cur, enum ofputil_protocol new_base);

/* Returns the name of single protocol 'protocol' ("OpenFlow10-table_id"
 * and "NXM-table_id" without table ids, "OpenFlow10+table_id" and
 * "NXM+table_id" with, "OpenFlow11", "OXM-OpenFlow13", ...), or of one of
 * the groups "any", "OpenFlow10", "NXM", "OXM"; NULL otherwise. */
const char *ofputil_protocol_to_string(enum ofputil_protocol);

/* Returns a malloc()'d comma-separated list of the names of the protocols
 * in bitmap 'protocols' ("none" if empty). */
char *ofputil_protocols_to_string(enum ofputil_protocol);

/* Parses comma-separated protocol names (and the groups "any",
 * "OpenFlow10", "NXM", "OXM"), ignoring case, into a bitmap.  Aborts with
 * an error message on an unknown name, as upstream. */
enum ofputil_protocol ofputil_protocols_from_string(const char *s);

/* Appends "0x01" style version numbers or "OpenFlow10" style names. */
void ofputil_format_version(struct ds *, enum ofp_version);
void ofputil_format_version_name(struct ds *, enum ofp_version);

/* A bitmap of versions has bit (1u << OFPnn_VERSION) set for each allowed
 * version.  These append "0x01, 0x04" or "OpenFlow10, OpenFlow13". */
void ofputil_format_version_bitmap(struct ds *msg, uint32_t bitmap);
void ofputil_format_version_bitmap_names(struct ds *msg, uint32_t bitmap);

/* Returns the version named 's' ("OpenFlow10" ... "OpenFlow15"), or 0. */
enum ofp_version ofputil_version_from_string(const char *s);

/* Returns the name of 'version' ("OpenFlow10"...), or "Unknown". */
const char *ofputil_version_to_string(enum ofp_version version);

/* Parses comma- or space-separated version names into a bitmap; aborts
 * with an error on an unknown name. */
uint32_t ofputil_versions_from_string(const char *s);
uint32_t ofputil_versions_from_strings(char **const s, size_t count);

/* Conversions between protocol bitmaps and version bitmaps. */
uint32_t ofputil_protocols_to_version_bitmap(enum ofputil_protocol);
enum ofputil_protocol ofputil_protocols_from_version_bitmap(uint32_t);

/* Versions Weft supports and enables by default. */
#define OFPUTIL_SUPPORTED_VERSIONS ((1u << OFP10_VERSION) | \
                                    (1u << OFP11_VERSION) | \
                                    (1u << OFP12_VERSION) | \
                                    (1u << OFP13_VERSION) | \
                                    (1u << OFP14_VERSION) | \
                                    (1u << OFP15_VERSION))
#define OFPUTIL_DEFAULT_VERSIONS OFPUTIL_SUPPORTED_VERSIONS

/* Hello messages.  ofputil_decode_hello() stores in '*allowed_versions' the
 * versions that hello 'oh' allows (from its version bitmap element if any,
 * else every version up to its header version) and returns false if the
 * hello is malformed (the bitmap is then still as well decoded as
 * possible).  ofputil_encode_hello() returns a hello for the highest version
 * in 'version_bitmap', with a version bitmap element unless only versions
 * up to that one, contiguous from 1.0, are set and the highest is below
 * 1.1 (as upstream). */
bool ofputil_decode_hello(const struct ofp_header *,
                          uint32_t *allowed_versions);
struct ofpbuf *ofputil_encode_hello(uint32_t version_bitmap);

/* Returns a message that switches a connection using 'current' to 'want'
 * (NXT_SET_FLOW_FORMAT and/or NXT_FLOW_MOD_TABLE_ID), storing the protocol
 * after the message in '*next', or NULL if no message is needed. */
struct ofpbuf *ofputil_encode_set_protocol(enum ofputil_protocol current,
                                           enum ofputil_protocol want,
                                           enum ofputil_protocol *next);

/* NXT_SET_FLOW_FORMAT. */
struct ofpbuf *ofputil_encode_nx_set_flow_format(enum ofputil_protocol);
enum ofputil_protocol ofputil_nx_flow_format_to_protocol(
    enum nx_flow_format);
bool ofputil_nx_flow_format_is_valid(enum nx_flow_format);

/* Returns the flow format that NXT_SET_FLOW_FORMAT 'oh' asks for, logging
 * a warning if it is not a valid one. */
enum nx_flow_format ofputil_decode_nx_set_flow_format(
    const struct ofp_header *oh);
const char *ofputil_nx_flow_format_to_string(enum nx_flow_format);

#endif /* openvswitch/ofp-protocol.h */
