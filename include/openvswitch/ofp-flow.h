/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_FLOW_H
#define OPENVSWITCH_OFP_FLOW_H 1

/* OpenFlow flows: flow mod (OFPT_FLOW_MOD for OpenFlow 1.0 and 1.1+, and
 * Nicira's NXT_FLOW_MOD), its text syntax (ovs-ofctl add-flow, mod-flows,
 * del-flows, add-flows files), flow stats and aggregate stats requests and
 * replies (dump-flows, dump-aggregate), and flow removed messages. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "match.h"
#include "openflow/openflow-common.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/types.h"

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

/* Flow mod commands beyond those of OpenFlow (OFPFC_ADD is 0, OFPFC_MODIFY
 * 1, OFPFC_MODIFY_STRICT 2, OFPFC_DELETE 3, OFPFC_DELETE_STRICT 4, as on the
 * wire).  ofputil_flow_mod's 'command' is one of those; -2 asks
 * parse_ofp_flow_mod_file() to take the command from a prefix of each line
 * ("add", "modify", "modify_strict", "delete", "delete_strict") as
 * upstream. */

/* Flags of a flow mod, flow stats or flow removed, independent of the
 * version (OFPFF_* on the wire, whose bit numbers differ between 1.0 and
 * 1.1+). */
enum ofputil_flow_mod_flags {
    /* Flags that can be set via OpenFlow (version noted). */
    OFPUTIL_FF_SEND_FLOW_REM = 1 << 0, /* All versions. */
    OFPUTIL_FF_CHECK_OVERLAP = 1 << 1, /* All versions. */
    OFPUTIL_FF_EMERG         = 1 << 2, /* OpenFlow 1.0 only. */
    OFPUTIL_FF_RESET_COUNTS  = 1 << 3, /* OpenFlow 1.2+. */
    OFPUTIL_FF_NO_PKT_COUNTS = 1 << 4, /* OpenFlow 1.3+. */
    OFPUTIL_FF_NO_BYT_COUNTS = 1 << 5, /* OpenFlow 1.3+. */

    /* Flags that are only set by OVS for its internal use.  Cannot be set
     * via OpenFlow. */
    OFPUTIL_FF_HIDDEN_FIELDS = 1 << 6, /* Allow hidden match fields. */
    OFPUTIL_FF_NO_READONLY   = 1 << 7, /* Allow rules in read-only tables. */
};

/* Flags that a flow stats reply reports back. */
#define OFPUTIL_FF_STATE (OFPUTIL_FF_SEND_FLOW_REM      \
                          | OFPUTIL_FF_NO_PKT_COUNTS    \
                          | OFPUTIL_FF_NO_BYT_COUNTS    \
                          | OFPUTIL_FF_CHECK_OVERLAP    \
                          | OFPUTIL_FF_RESET_COUNTS)

/* Appends the names of the flags in 'flags' to 'ds' as the text syntax
 * writes them ("send_flow_rem check_overlap ..."), each followed by a
 * space. */
void ofputil_flow_mod_flags_format(struct ds *, enum ofputil_flow_mod_flags);

/* Protocol-independent flow_mod.
 *
 * The handling of cookies across multiple versions of OpenFlow is a bit
 * confusing.  See the DESIGN file for details. */
struct ofputil_flow_mod {
    struct ovs_list list_node;  /* For queuing flow_mods. */

    struct match match;         /* What to match (fields and masks). */
    int priority;               /* Flow priority, 0 to 65535. */

    /* Cookie matching.  The flow mod affects only flows that have cookies
     * that match 'cookie' with respect to 'cookie_mask'.
     *
     * 'cookie_mask' should be zero for OFPFC_ADD flow_mods. */
    ovs_be64 cookie;            /* Cookie bits to match. */
    ovs_be64 cookie_mask;       /* 1-bit in each 'cookie' bit to match. */

    /* Cookie changes.
     *
     * OFPFC_ADD uses 'new_cookie' as the new flow's cookie.  'new_cookie'
     * should not be UINT64_MAX.
     *
     * OFPFC_MODIFY and OFPFC_MODIFY_STRICT have two cases:
     *
     *   - If one or more matching flows exist and 'modify_cookie' is true,
     *     then the flow_mod changes the existing flows' cookies to
     *     'new_cookie'.  'new_cookie' should not be UINT64_MAX.
     *
     *   - If no matching flow exists, 'new_cookie' is not UINT64_MAX, and
     *     'cookie_mask' is 0, then the flow_mod adds a new flow with
     *     'new_cookie' as its cookie. */
    ovs_be64 new_cookie;        /* New cookie to install or UINT64_MAX. */
    bool modify_cookie;         /* Set cookie of existing flow to
                                 * 'new_cookie'? */

    uint8_t table_id;           /* Table, or OFPTT_ALL (0xff) for "any". */
    uint16_t command;           /* One of OFPFC_*. */
    uint16_t idle_timeout;      /* Idle time before discarding (seconds). */
    uint16_t hard_timeout;      /* Max time before discarding (seconds). */
    uint32_t buffer_id;         /* Buffered packet to apply to, or
                                 * UINT32_MAX. */
    ofp_port_t out_port;        /* For deletes: require an output to this
                                 * port (OFPP_ANY/OFPP_NONE for any). */
    uint32_t out_group;         /* For deletes: require this group
                                 * (OFPG_ANY for any). */
    enum ofputil_flow_mod_flags flags; /* OFPUTIL_FF_*. */
    uint16_t importance;        /* Eviction precedence (OF1.4+). */
    struct ofpact *ofpacts;     /* Series of "struct ofpact"s. */
    size_t ofpacts_len;         /* Length of ofpacts, in bytes. */
    uint64_t ofpacts_tlv_bitmap; /* 1-bit for each TLV mapping (tunnel
                                  * metadata fields) the actions use. */
};

/* Decodes the flow mod 'oh' (OFPT_FLOW_MOD of any version, or
 * NXT_FLOW_MOD) into 'fm'.  'protocol' is the connection's protocol: it
 * says whether the table_id extension is enabled (OFPUTIL_P_*_TID) for
 * OpenFlow 1.0.  The actions go into 'ofpacts' (which 'fm->ofpacts' then
 * points into).  'max_port' is the largest valid port number; 'max_table'
 * the largest valid table.  'tun_table' and 'vl_mff_map' may be NULL.
 * Returns 0 or an OFPERR_* value. */
enum ofperr ofputil_decode_flow_mod(struct ofputil_flow_mod *,
                                    const struct ofp_header *,
                                    enum ofputil_protocol,
                                    const struct tun_table *,
                                    const struct vl_mff_map *,
                                    struct ofpbuf *ofpacts,
                                    ofp_port_t max_port,
                                    uint8_t max_table);

/* Encodes 'fm' for 'protocol' (one protocol, not a set): OFPT_FLOW_MOD for
 * OF1.0 (match as ofp10_match), OF1.1+ (OXM), or NXT_FLOW_MOD (NXM) for
 * OFPUTIL_P_OF10_NXM*.  Returns a new message the caller owns. */
struct ofpbuf *ofputil_encode_flow_mod(const struct ofputil_flow_mod *,
                                       enum ofputil_protocol);

/* Returns the set of protocols that can express all of the 'n_fms' flow
 * mods in 'fms' (as parse-flows reports in "usable protocols:"). */
enum ofputil_protocol ofputil_flow_mod_usable_protocols(
    const struct ofputil_flow_mod *fms, size_t n_fms);

/* Formats the flow mod message 'oh' as ofp-print does (the body after the
 * header line, starting with " ADD", " MOD", " DEL"...).  Returns 0 or the
 * OFPERR_* decoding error. */
enum ofperr ofputil_flow_mod_format(struct ds *, const struct ofp_header *,
                                    const struct ofputil_port_map *,
                                    const struct ofputil_table_map *,
                                    int verbosity);

/* Text syntax.
 *
 * parse_ofp_str() parses 'str' (as add-flow, mod-flows, del-flows take it)
 * into 'fm' for 'command' (OFPFC_*; -1 parses the match, table, cookie,
 * out_port and out_group of a flow stats request; -2 takes the command
 * from a leading keyword as add-flows files allow).  'port_map' and
 * 'table_map' may be NULL.
 * On success returns NULL, and 'fm->ofpacts' is malloc()'d for the caller
 * to free; '*usable_protocols' receives the protocols that can express the
 * flow.  On failure returns a malloc()'d error message (the exact text of
 * upstream's), and 'fm' holds nothing to free. */
char *parse_ofp_str(struct ofputil_flow_mod *, int command, const char *str,
                    const struct ofputil_port_map *,
                    const struct ofputil_table_map *,
                    enum ofputil_protocol *usable_protocols)
    OVS_WARN_UNUSED_RESULT;

/* Like parse_ofp_str(), but 'string' may start with a command keyword when
 * 'command' is -2. */
char *parse_ofp_flow_mod_str(struct ofputil_flow_mod *, const char *string,
                             const struct ofputil_port_map *,
                             const struct ofputil_table_map *,
                             int command,
                             enum ofputil_protocol *usable_protocols)
    OVS_WARN_UNUSED_RESULT;

/* Parses the file 'file_name' ("-" for stdin) of flows, one per line
 * (blank lines and lines starting with '#' skipped), into a malloc()'d
 * array '*fms' of '*n_fms' flow mods (each with malloc()'d 'ofpacts').
 * '*usable_protocols' receives the protocols that can express them all.
 * Returns NULL or a malloc()'d error message, which names the line
 * ("<file>:<n>: <error>") as upstream. */
char *parse_ofp_flow_mod_file(const char *file_name,
                              const struct ofputil_port_map *,
                              const struct ofputil_table_map *,
                              int command,
                              struct ofputil_flow_mod **fms, size_t *n_fms,
                              enum ofputil_protocol *usable_protocols)
    OVS_WARN_UNUSED_RESULT;

/* Frees what a parsed flow mod owns (its 'ofpacts'); not 'fm' itself. */
void ofputil_flow_mod_uninit(struct ofputil_flow_mod *);

/* Flow stats or aggregate stats request, independent of protocol. */
struct ofputil_flow_stats_request {
    bool aggregate;             /* Aggregate results? */
    struct match match;         /* Fields to match. */
    ovs_be64 cookie;            /* Cookie value to match. */
    ovs_be64 cookie_mask;       /* 1-bits of 'cookie' that must match. */
    ofp_port_t out_port;        /* Require output to this port; OFPP_ANY
                                 * (OFPP_NONE) for any. */
    uint32_t out_group;         /* Require this group; OFPG_ANY for any. */
    uint8_t table_id;           /* Table, or OFPTT_ALL (0xff) for all. */
};

enum ofperr ofputil_decode_flow_stats_request(
    struct ofputil_flow_stats_request *, const struct ofp_header *,
    const struct tun_table *, const struct vl_mff_map *);
struct ofpbuf *ofputil_encode_flow_stats_request(
    const struct ofputil_flow_stats_request *, enum ofputil_protocol);

/* Parses the argument of dump-flows / dump-aggregate ("in_port=1,tcp
 * table=2 ..."), with 'aggregate' saying which. */
char *parse_ofp_flow_stats_request_str(struct ofputil_flow_stats_request *,
                                       bool aggregate, const char *string,
                                       const struct ofputil_port_map *,
                                       const struct ofputil_table_map *,
                                       enum ofputil_protocol *usable_protocols)
    OVS_WARN_UNUSED_RESULT;

/* Formats a decoded flow stats request as ofp-print does. */
void ofputil_flow_stats_request_format(
    struct ds *, const struct ofputil_flow_stats_request *,
    const struct ofputil_port_map *, const struct ofputil_table_map *);

/* Flow stats reply, independent of protocol. */
struct ofputil_flow_stats {
    struct match match;         /* Flow's match. */
    ovs_be64 cookie;            /* Flow's cookie. */
    uint8_t table_id;           /* Table the flow is in. */
    uint16_t priority;          /* Flow priority. */
    uint16_t idle_timeout;      /* Idle timeout, seconds; 0 = none. */
    uint16_t hard_timeout;      /* Hard timeout, seconds; 0 = none. */
    uint32_t duration_sec;      /* Time flow has been alive, seconds. */
    uint32_t duration_nsec;     /* ...plus nanoseconds beyond it. */
    int idle_age;               /* Seconds since last packet, -1 if
                                 * unknown. */
    int hard_age;               /* Seconds since last change, -1 if
                                 * unknown. */
    uint64_t packet_count;      /* Packet count, UINT64_MAX if unknown. */
    uint64_t byte_count;        /* Byte count, UINT64_MAX if unknown. */
    const struct ofpact *ofpacts; /* The flow's actions. */
    size_t ofpacts_len;         /* Length of 'ofpacts', in bytes. */
    enum ofputil_flow_mod_flags flags; /* OFPUTIL_FF_* (state flags). */
    uint16_t importance;        /* Eviction precedence (OF1.4+). */
};

/* Pulls one flow from the flow stats reply 'msg' (on the first call the
 * message header is pulled too) into 'fs', with its actions in 'ofpacts'.
 * 'flow_age_extension' says whether NXST_FLOW replies' idle_age and
 * hard_age are to be used.  Returns 0, EOF when no flows remain, or an
 * OFPERR_* value. */
int ofputil_decode_flow_stats_reply(struct ofputil_flow_stats *,
                                    struct ofpbuf *msg,
                                    bool flow_age_extension,
                                    struct ofpbuf *ofpacts);

/* Appends 'fs' to the multipart reply 'replies' (a list of ofpbufs started
 * with ofpmp_init() on the request), starting a new message when the last
 * one is full. */
void ofputil_append_flow_stats_reply(const struct ofputil_flow_stats *,
                                     struct ovs_list *replies,
                                     const struct tun_table *);

/* Formats 'fs' as one line of ovs-ofctl dump-flows (without the leading
 * space or trailing newline: " cookie=0x0, duration=1.5s, table=0,
 * n_packets=0, n_bytes=0, priority=5,in_port=1 actions=drop" is what
 * dump-flows prints with a leading space).  'show_stats' false omits
 * duration, n_packets, n_bytes, idle_age and hard_age (--no-stats). */
void ofputil_flow_stats_format(struct ds *, const struct ofputil_flow_stats *,
                               const struct ofputil_port_map *,
                               const struct ofputil_table_map *,
                               bool show_stats);

/* Aggregate stats reply. */
struct ofputil_aggregate_stats {
    uint64_t packet_count;      /* Packet count, UINT64_MAX if unknown. */
    uint64_t byte_count;        /* Byte count, UINT64_MAX if unknown. */
    uint32_t flow_count;        /* Number of flows. */
};

struct ofpbuf *ofputil_encode_aggregate_stats_reply(
    const struct ofputil_aggregate_stats *stats,
    const struct ofp_header *request);
enum ofperr ofputil_decode_aggregate_stats_reply(
    struct ofputil_aggregate_stats *, const struct ofp_header *reply);
void ofputil_aggregate_stats_format(struct ds *,
                                    const struct ofputil_aggregate_stats *);

/* Flow removed message, independent of protocol. */
struct ofputil_flow_removed {
    struct match match;         /* The removed flow's match. */
    ovs_be64 cookie;            /* The removed flow's cookie. */
    uint16_t priority;          /* The removed flow's priority. */
    uint8_t reason;             /* One of OFPRR_*. */
    uint8_t table_id;           /* 255 if message didn't include table
                                 * ID. */
    uint32_t duration_sec;      /* Time flow was alive, seconds. */
    uint32_t duration_nsec;     /* ...plus nanoseconds beyond it. */
    uint16_t idle_timeout;      /* Flow's idle timeout. */
    uint16_t hard_timeout;      /* Flow's hard timeout. */
    uint64_t packet_count;      /* Packet count, UINT64_MAX if unknown. */
    uint64_t byte_count;        /* Byte count, UINT64_MAX if unknown. */
};

enum ofperr ofputil_decode_flow_removed(struct ofputil_flow_removed *,
                                        const struct ofp_header *);
struct ofpbuf *ofputil_encode_flow_removed(const struct ofputil_flow_removed *,
                                           enum ofputil_protocol);
void ofputil_flow_removed_format(struct ds *,
                                 const struct ofputil_flow_removed *,
                                 const struct ofputil_port_map *,
                                 const struct ofputil_table_map *);

/* Returns the name of the flow removed reason 'reason' (OFPRR_*), or its
 * number written into 'reasonbuf' if it has no name. */
const char *ofp_flow_removed_reason_to_string(uint8_t reason,
                                              char *reasonbuf,
                                              size_t bufsize);

/* The NXT_FLOW_MOD_TABLE_ID extension (lets OpenFlow 1.0 flow mods carry a
 * table id in the high byte of the command). */
struct ofpbuf *ofputil_encode_nx_flow_mod_table_id(bool enable);
bool ofputil_decode_nx_flow_mod_table_id(const struct ofp_header *);

/* Message-level formatters for the ofp-print dispatcher, like
 * ofputil_flow_mod_format(): each decodes the whole message 'oh' and
 * appends its body (what follows the header line that ofp-print writes) to
 * 'string'; returns 0 or the OFPERR_* value that made decoding fail.
 *
 *   ofputil_flow_removed_msg_format: OFPT_FLOW_REMOVED, NXT_FLOW_REMOVED.
 *   ofputil_flow_stats_request_msg_format: OFPST_FLOW / OFPST_AGGREGATE
 *       requests, NXST_FLOW / NXST_AGGREGATE requests.
 *   ofputil_flow_stats_reply_msg_format: OFPST_FLOW / NXST_FLOW replies
 *       (one line per flow, each starting with "\n").
 *   ofputil_aggregate_stats_reply_msg_format: OFPST_AGGREGATE /
 *       NXST_AGGREGATE replies.
 *   ofputil_flow_mod_table_id_msg_format: NXT_FLOW_MOD_TABLE_ID. */
enum ofperr ofputil_flow_removed_msg_format(struct ds *string,
                                            const struct ofp_header *oh,
                                            const struct ofputil_port_map *,
                                            const struct ofputil_table_map *,
                                            int verbosity);
enum ofperr ofputil_flow_stats_request_msg_format(
    struct ds *string, const struct ofp_header *oh,
    const struct ofputil_port_map *, const struct ofputil_table_map *,
    int verbosity);
enum ofperr ofputil_flow_stats_reply_msg_format(
    struct ds *string, const struct ofp_header *oh,
    const struct ofputil_port_map *, const struct ofputil_table_map *,
    int verbosity);
enum ofperr ofputil_aggregate_stats_reply_msg_format(
    struct ds *string, const struct ofp_header *oh,
    const struct ofputil_port_map *, const struct ofputil_table_map *,
    int verbosity);
enum ofperr ofputil_flow_mod_table_id_msg_format(
    struct ds *string, const struct ofp_header *oh,
    const struct ofputil_port_map *, const struct ofputil_table_map *,
    int verbosity);

#ifdef __cplusplus
}
#endif

#endif /* openvswitch/ofp-flow.h */
