/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_SWITCH_H
#define OPENVSWITCH_OFP_SWITCH_H 1

/* Switch features (features reply), switch configuration (get/set config)
 * and switch description (desc stats). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"

struct ds;
struct ofpbuf;
struct ofputil_phy_port;

/* Switch capabilities, version independent. */
enum ofputil_capabilities {
    /* All versions. */
    OFPUTIL_C_FLOW_STATS = 1 << 0, /* Flow statistics. */
    OFPUTIL_C_TABLE_STATS = 1 << 1, /* Table statistics. */
    OFPUTIL_C_PORT_STATS = 1 << 2, /* Port statistics. */
    OFPUTIL_C_IP_REASM = 1 << 5, /* Can reassemble IP fragments. */
    OFPUTIL_C_QUEUE_STATS = 1 << 6, /* Queue statistics. */

    /* OpenFlow 1.0 and 1.1. */
    OFPUTIL_C_ARP_MATCH_IP = 1 << 7, /* Match IP addresses in ARP pkts. */

    /* OpenFlow 1.0 only. */
    OFPUTIL_C_STP = 1 << 3,     /* 802.1d spanning tree. */

    /* OpenFlow 1.1+ (not the wire bit: that is 1 << 3). */
    OFPUTIL_C_GROUP_STATS = 1 << 4, /* Group statistics. */

    /* OpenFlow 1.2+. */
    OFPUTIL_C_PORT_BLOCKED = 1 << 8, /* Switch will block looping ports. */

    /* OpenFlow 1.4+. */
    OFPUTIL_C_BUNDLES = 1 << 9, /* Switch supports bundles. */
    OFPUTIL_C_FLOW_MONITORING = 1 << 10 /* Switch supports flow monitors. */
};

/* Switch features (the body of a features reply, less the ports). */
struct ofputil_switch_features {
    uint64_t datapath_id;       /* Datapath unique ID. */
    uint32_t n_buffers;         /* Max packets buffered at once. */
    uint8_t n_tables;           /* Number of tables supported. */
    uint8_t auxiliary_id;       /* 1.3+: auxiliary connection id. */
    enum ofputil_capabilities capabilities; /* OFPUTIL_C_* bits. */
    uint64_t ofpacts;           /* 1.0: bitmap of 1 << OFPACT_* supported,
                                 * from the OFPAT10_* bitmap. */
    uint32_t ofp10_actions;     /* 1.0: the raw OFPAT10_* bitmap. */
};

/* Decodes features reply 'oh' into 'features' and sets 'b' to the ports
 * that follow (for ofputil_pull_phy_port()), empty in 1.3+. */
enum ofperr ofputil_pull_switch_features(struct ofpbuf *b,
                                         struct ofputil_switch_features *);
enum ofperr ofputil_decode_switch_features(const struct ofp_header *,
                                           struct ofputil_switch_features *,
                                           struct ofpbuf *b);

/* Returns a features reply with 'features' for 'protocol' and 'xid'; append
 * ports with ofputil_put_switch_features_port(). */
struct ofpbuf *ofputil_encode_switch_features(
    const struct ofputil_switch_features *, enum ofputil_protocol,
    ovs_be32 xid);
void ofputil_put_switch_features_port(const struct ofputil_phy_port *,
                                      struct ofpbuf *);

/* Returns true if features reply 'oh' (1.0 to 1.2) carries as many ports
 * as fit in a message, that is, the port list may be truncated. */
bool ofputil_switch_features_has_ports(struct ofpbuf *b);

/* Appends the features as ofp-print shows them ("dpid:..." etc.). */
void ofputil_switch_features_format(struct ds *,
                                    const struct ofputil_switch_features *);

/* IP fragment handling (ofp_switch_config flags). */
enum ofputil_frag_handling {
    OFPUTIL_FRAG_NORMAL = OFPC_FRAG_NORMAL, /* No special handling. */
    OFPUTIL_FRAG_DROP = OFPC_FRAG_DROP, /* Drop fragments. */
    OFPUTIL_FRAG_REASM = OFPC_FRAG_REASM, /* Reassemble (if supported). */
    OFPUTIL_FRAG_NX_MATCH = OFPC_FRAG_NX_MATCH /* Make fragments matchable. */
};

/* Returns "normal", "drop", "reassemble" or "nx-match". */
const char *ofputil_frag_handling_to_string(enum ofputil_frag_handling);

/* Parses a fragment handling name; returns true on success. */
bool ofputil_frag_handling_from_string(const char *,
                                       enum ofputil_frag_handling *);

/* Switch configuration. */
struct ofputil_switch_config {
    enum ofputil_frag_handling frag; /* Fragment handling. */

    /* 1.1 and 1.2: send packets with invalid TTL to the controller; -1 if
     * the version cannot express it. */
    int invalid_ttl_to_controller;

    uint16_t miss_send_len;     /* Bytes of a table-miss packet to send. */
};

/* Decodes get config reply or set config 'oh' into 'config'. */
enum ofperr ofputil_decode_get_config_reply(const struct ofp_header *,
                                            struct ofputil_switch_config *);
enum ofperr ofputil_decode_set_config(const struct ofp_header *,
                                      struct ofputil_switch_config *);

/* Encodes 'config' as a get config reply to 'request', or as a set config
 * of 'version'. */
struct ofpbuf *ofputil_encode_get_config_reply(
    const struct ofp_header *request, const struct ofputil_switch_config *);
struct ofpbuf *ofputil_encode_set_config(
    const struct ofputil_switch_config *, enum ofp_version);

/* Appends "frags=normal miss_send_len=128" as ofp-print shows it. */
void ofputil_switch_config_format(struct ds *,
                                  const struct ofputil_switch_config *);

/* Switch description (OFPST_DESC reply). */
struct ofputil_switch_desc {
    char mfr_desc[DESC_STR_LEN]; /* Manufacturer description. */
    char hw_desc[DESC_STR_LEN]; /* Hardware description. */
    char sw_desc[DESC_STR_LEN]; /* Software description. */
    char serial_num[SERIAL_NUM_LEN]; /* Serial number. */
    char dp_desc[DESC_STR_LEN]; /* Datapath description. */
};

enum ofperr ofputil_decode_switch_desc(const struct ofp_header *,
                                       struct ofputil_switch_desc *);
struct ofpbuf *ofputil_encode_switch_desc(const struct ofputil_switch_desc *,
                                          const struct ofp_header *request);
void ofputil_switch_desc_format(struct ds *,
                                const struct ofputil_switch_desc *);

#endif /* openvswitch/ofp-switch.h */
