/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_PACKET_H
#define OPENVSWITCH_OFP_PACKET_H 1

/* OpenFlow packet-in (OFPT_PACKET_IN of OpenFlow 1.0 and 1.1+, Nicira's
 * NXT_PACKET_IN and NXT_PACKET_IN2) and packet-out (OFPT_PACKET_OUT of
 * OpenFlow 1.0 and 1.1+), their text forms as ovs-ofctl prints them, the
 * packet-out text syntax of "ovs-ofctl packet-out", and the packet-in format
 * setting (NXT_SET_PACKET_IN_FORMAT). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "match.h"
#include "openflow/openflow-common.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/types.h"
#include "openvswitch/uuid.h"

struct ds;
struct ofpact;
struct ofpbuf;
struct ofp_header;
struct ofputil_port_map;
struct ofputil_table_map;
struct tun_table;
struct vl_mff_map;

#ifdef __cplusplus
extern "C" {
#endif

/* The format of packet-ins sent to a controller. */
enum ofputil_packet_in_format {
    OFPUTIL_PACKET_IN_STD = 0,  /* OFPT_PACKET_IN for this OpenFlow
                                 * version. */
    OFPUTIL_PACKET_IN_NXT = 1,  /* NXT_PACKET_IN (since OVS v1.1). */
    OFPUTIL_PACKET_IN_NXT2 = 2, /* NXT_PACKET_IN2 (since OVS v2.6). */
};

/* "standard", "nxt_packet_in", "nxt_packet_in2" (upstream's -P names; the
 * parser also accepts "openflow10" for "standard" and "nxm" for
 * "nxt_packet_in").  The parser returns the format or -1. */
int ofputil_packet_in_format_from_string(const char *);
const char *ofputil_packet_in_format_to_string(enum ofputil_packet_in_format);
bool ofputil_packet_in_format_is_valid(enum ofputil_packet_in_format);

/* NXT_SET_PACKET_IN_FORMAT. */
struct ofpbuf *ofputil_encode_set_packet_in_format(
    enum ofp_version, enum ofputil_packet_in_format);
enum ofperr ofputil_decode_set_packet_in_format(
    const struct ofp_header *, enum ofputil_packet_in_format *);

/* The reasons for a packet-in (OFPR_* on the wire).  Names as ovs-ofctl
 * prints them: "no_match", "action", "invalid_ttl", "action_set",
 * "group", "packet_out" (OF1.4 names print as upstream per version). */
const char *ofputil_packet_in_reason_to_string(uint8_t reason,
                                               char *reasonbuf,
                                               size_t bufsize);
bool ofputil_packet_in_reason_from_string(const char *, uint8_t *reason);

/* Abstract packet-in message.
 *
 * This omits the 'total_len' and 'buffer_id' fields, which we handle
 * differently for encoding and decoding. */
struct ofputil_packet_in {
    /* Packet data and metadata.
     *
     * On encoding, the full packet should be supplied, but depending on its
     * other parameters ofputil_encode_packet_in() might send only the first
     * part of the packet.
     *
     * On decoding, the 'len' bytes in 'packet' might only be the first part
     * of the original packet.  ofputil_decode_packet_in() reports the full
     * original length of the packet using its 'total_len' output
     * parameter. */
    void *packet;               /* The packet. */
    size_t packet_len;          /* Length of 'packet' in bytes. */

    /* Input port and other metadata of the packet (in_port, tunnel,
     * registers, metadata, ct_* ...), as a match whose wildcards say which
     * fields are present. */
    struct match flow_metadata; /* Packet metadata. */

    /* Reason that the packet-in is being sent. */
    uint8_t reason;             /* One of OFPR_*. */

    /* Information about the OpenFlow flow that triggered the packet-in.
     *
     * A packet-in triggered by a flow table miss has no associated flow.
     * In that case, 'cookie' is UINT64_MAX. */
    uint8_t table_id;           /* OpenFlow table ID. */
    ovs_be64 cookie;            /* Flow's cookie. */

    /* Arbitrary user-provided data (NXT_PACKET_IN2's userdata, from the
     * "controller(userdata=...)" action). */
    uint8_t *userdata;          /* User data, NULL if none. */
    size_t userdata_len;        /* Length of 'userdata' in bytes. */

    /* On encoding, the number of bytes of 'packet' to include (the
     * controller action's max_len): 0 (or at least 'packet_len') sends the
     * whole packet.  The message's total length is always 'packet_len'.
     * Ignored on decoding. */
    size_t max_len;             /* Bytes to include; 0 = all. */
};

/* A packet-in with the continuation state that NXT_PACKET_IN2 carries in
 * its private (NXPINT_CONTINUATION) property, for "controller(pause)". */
struct ofputil_packet_in_private {
    struct ofputil_packet_in base; /* The public part. */

    /* NXCPT_BRIDGE. */
    struct uuid bridge;         /* Bridge that paused the translation. */

    /* NXCPT_STACK. */
    uint8_t *stack;             /* Translation stack, as bytes. */
    size_t stack_size;          /* Bytes in 'stack'. */

    /* NXCPT_MIRRORS. */
    uint32_t mirrors;           /* Mirrors already output to. */

    /* NXCPT_CONNTRACKED. */
    bool conntracked;           /* Packet went through conntrack? */

    /* NXCPT_ACTIONS. */
    struct ofpact *actions;     /* Actions to execute on resume. */
    size_t actions_len;         /* Bytes in 'actions'. */

    /* NXCPT_ACTION_SET. */
    struct ofpact *action_set;  /* Action set at the pause. */
    size_t action_set_len;      /* Bytes in 'action_set'. */

    /* NXCPT_ODP_PORT. */
    odp_port_t odp_port;        /* Datapath input port. */
};

/* Encodes 'pin' as a packet-in message for 'protocol' in 'format'.
 * OFPUTIL_PACKET_IN_STD gives OFPT_PACKET_IN of the protocol's version (for
 * OpenFlow 1.0 with an NXM protocol still OFPT_PACKET_IN); NXT gives
 * NXT_PACKET_IN; NXT2 gives NXT_PACKET_IN2 (with userdata).  Packet-ins are
 * always unbuffered (buffer_id UINT32_MAX).  Returns a new message the
 * caller owns. */
struct ofpbuf *ofputil_encode_packet_in(const struct ofputil_packet_in *,
                                        enum ofputil_protocol,
                                        enum ofputil_packet_in_format);

/* Like ofputil_encode_packet_in(), for a packet-in with continuation: in
 * NXT_PACKET_IN2 format the continuation goes along. */
struct ofpbuf *ofputil_encode_packet_in_private(
    const struct ofputil_packet_in_private *, enum ofputil_protocol,
    enum ofputil_packet_in_format);

/* Encodes an NXT_RESUME for 'protocol' that hands back the packet-in 'pin'
 * (the whole packet) with its encoded continuation 'continuation' (as
 * ofputil_decode_packet_in() copied it). */
struct ofpbuf *ofputil_encode_resume(const struct ofputil_packet_in *pin,
                                     const struct ofpbuf *continuation,
                                     enum ofputil_protocol protocol);

/* Decodes the packet-in 'oh' (any of the four kinds, or an NXT_RESUME) into 'pin', whose
 * 'packet' and 'userdata' then point into 'oh'.  '*total_len' receives the
 * original length of the packet, '*buffer_id' the buffer id (UINT32_MAX if
 * none); either may be NULL.  If 'continuation' is nonnull, the
 * continuation of an NXT_PACKET_IN2, if any, is copied into it.  'loose'
 * ignores unknown match fields and properties.  Returns 0 or an OFPERR_*
 * value. */
enum ofperr ofputil_decode_packet_in(const struct ofp_header *, bool loose,
                                     const struct tun_table *,
                                     const struct vl_mff_map *,
                                     struct ofputil_packet_in *,
                                     size_t *total_len, uint32_t *buffer_id,
                                     struct ofpbuf *continuation);

/* Decodes a packet-in with its continuation into 'pin', whose members are
 * then malloc()'d: free them with ofputil_packet_in_private_destroy(). */
enum ofperr ofputil_decode_packet_in_private(
    const struct ofp_header *, bool loose, const struct tun_table *,
    const struct vl_mff_map *, struct ofputil_packet_in_private *,
    size_t *total_len, uint32_t *buffer_id);
void ofputil_packet_in_private_destroy(struct ofputil_packet_in_private *);

/* Formats a decoded packet-in as ovs-ofctl monitor and ofp-print print it
 * ("total_len=60 in_port=1 (via no_match) data_len=60 (unbuffered)" and
 * the packet's flow on the next line, and with 'verbosity' > 0 a dump of
 * the packet). */
void ofputil_packet_in_private_format(struct ds *,
                                      const struct ofputil_packet_in_private *,
                                      size_t total_len, uint32_t buffer_id,
                                      const struct ofputil_port_map *,
                                      const struct ofputil_table_map *,
                                      int verbosity);

/* Abstract packet-out message.
 *
 * ofputil_decode_packet_out() will ensure that 'in_port' is a physical
 * port (OFPP_MAX or less) or one of OFPP_LOCAL, OFPP_NONE, or
 * OFPP_CONTROLLER. */
struct ofputil_packet_out {
    const void *packet;         /* Packet data, if buffer_id == UINT32_MAX. */
    size_t packet_len;          /* Length of packet data in bytes. */
    uint32_t buffer_id;         /* Buffer id or UINT32_MAX if no buffer. */
    struct match flow_metadata; /* Packet's input port (in_port) and other
                                 * metadata (OF1.5 style; only in_port for
                                 * OF1.0-1.4). */
    struct ofpact *ofpacts;     /* Actions. */
    size_t ofpacts_len;         /* Size of ofpacts in bytes. */
};

/* Decodes the packet-out 'oh' into 'po', with its actions in 'ofpacts';
 * 'po->packet' points into 'oh'.  Returns 0 or an OFPERR_* value. */
enum ofperr ofputil_decode_packet_out(struct ofputil_packet_out *,
                                      const struct ofp_header *,
                                      const struct tun_table *,
                                      struct ofpbuf *ofpacts);

/* Encodes 'po' as OFPT_PACKET_OUT for 'protocol'.  Returns a new message
 * the caller owns. */
struct ofpbuf *ofputil_encode_packet_out(const struct ofputil_packet_out *,
                                         enum ofputil_protocol protocol);

/* Formats a decoded packet-out as ofp-print prints it ("in_port=1
 * actions=output:2 data_len=60" and the packet's flow). */
void ofputil_packet_out_format(struct ds *, const struct ofputil_packet_out *,
                               const struct ofputil_port_map *,
                               const struct ofputil_table_map *,
                               int verbosity);

/* Parses the "ovs-ofctl packet-out" syntax "in_port=1,packet=<hex>
 * actions=..." (in any order; "packet" is a hex string) into 'po'.  On
 * success returns NULL, and 'po->packet' and 'po->ofpacts' are malloc()'d
 * for the caller to free; '*usable_protocols' receives the protocols that
 * can express it.  On failure returns a malloc()'d error message. */
char *parse_ofp_packet_out_str(struct ofputil_packet_out *po, const char *str,
                               const struct ofputil_port_map *,
                               const struct ofputil_table_map *,
                               enum ofputil_protocol *usable_protocols)
    OVS_WARN_UNUSED_RESULT;

/* Message-level formatters for the ofp-print dispatcher: each decodes the
 * whole message 'oh' and appends its body (what follows the header line
 * that ofp-print writes) to 'string'; returns 0 or the OFPERR_* value that
 * made decoding fail.
 *
 *   ofputil_packet_in_msg_format: OFPT_PACKET_IN (1.0, 1.1, 1.2, 1.3+),
 *       NXT_PACKET_IN, NXT_PACKET_IN2.
 *   ofputil_packet_out_msg_format: OFPT_PACKET_OUT (1.0, 1.1+).
 *   ofputil_set_packet_in_format_msg_format: NXT_SET_PACKET_IN_FORMAT. */
enum ofperr ofputil_packet_in_msg_format(struct ds *string,
                                         const struct ofp_header *oh,
                                         const struct ofputil_port_map *,
                                         const struct ofputil_table_map *,
                                         int verbosity);
enum ofperr ofputil_packet_out_msg_format(struct ds *string,
                                          const struct ofp_header *oh,
                                          const struct ofputil_port_map *,
                                          const struct ofputil_table_map *,
                                          int verbosity);
enum ofperr ofputil_set_packet_in_format_msg_format(
    struct ds *string, const struct ofp_header *oh);

#ifdef __cplusplus
}
#endif

#endif /* openvswitch/ofp-packet.h */
