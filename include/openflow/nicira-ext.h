/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_NICIRA_EXT_H
#define OPENFLOW_NICIRA_EXT_H 1

/* Nicira (Open vSwitch) extensions to OpenFlow: vendor messages with vendor
 * NX_VENDOR_ID (0x00002320), vendor stats, and vendor errors. */

#include "openflow/openflow-1.0.h"
#include "openflow/openflow-1.1.h"

/* Nicira extension message subtypes (nicira_header 'subtype'). */
enum nicira_type {
    NXT_ROLE_REQUEST = 10,      /* nx_role_request. */
    NXT_ROLE_REPLY = 11,        /* nx_role_request. */
    NXT_SET_FLOW_FORMAT = 12,   /* nx_set_flow_format. */
    NXT_FLOW_MOD = 13,          /* nx_flow_mod. */
    NXT_FLOW_REMOVED = 14,      /* nx_flow_removed. */
    NXT_FLOW_MOD_TABLE_ID = 15, /* nx_flow_mod_table_id. */
    NXT_SET_PACKET_IN_FORMAT = 16, /* nx_set_packet_in_format. */
    NXT_PACKET_IN = 17,         /* nx_packet_in. */
    NXT_FLOW_AGE = 18,          /* No body. */
    NXT_SET_ASYNC_CONFIG = 19,  /* nx_async_config. */
    NXT_SET_CONTROLLER_ID = 20, /* nx_controller_id. */
    NXT_FLOW_MONITOR_CANCEL = 21, /* nx_flow_monitor_cancel. */
    NXT_FLOW_MONITOR_PAUSED = 22, /* No body. */
    NXT_FLOW_MONITOR_RESUMED = 23, /* No body. */
    NXT_TLV_TABLE_MOD = 24,     /* nx_tlv_table_mod. */
    NXT_TLV_TABLE_REQUEST = 25, /* No body. */
    NXT_TLV_TABLE_REPLY = 26,   /* nx_tlv_table_reply. */
    NXT_SET_ASYNC_CONFIG2 = 27, /* Properties, as 1.4 async config. */
    NXT_RESUME = 28,            /* Properties, as NXT_PACKET_IN2. */
    NXT_CT_FLUSH_ZONE = 29,     /* nx_zone_id. */
    NXT_PACKET_IN2 = 30,        /* Properties (NXPINT_*). */
    NXT_GROUP_MOD = 31,         /* ofp15_group_mod for 1.0 to 1.4. */
    NXT_CT_FLUSH = 32           /* nx_ct_flush, then properties. */
};

/* Nicira extension statistics subtypes. */
enum nicira_stats_type {
    NXST_FLOW = 0,              /* nx_flow_stats_request / nx_flow_stats. */
    NXST_AGGREGATE = 1,         /* nx_aggregate_stats_request. */
    NXST_FLOW_MONITOR = 2,      /* nx_flow_monitor_request. */
    NXST_IPFIX_BRIDGE = 3,      /* IPFIX bridge statistics. */
    NXST_IPFIX_FLOW = 4         /* IPFIX flow statistics. */
};

/* Header of every Nicira vendor message. */
struct nicira_header {
    struct ofp_header header;   /* OFPT_VENDOR. */
    ovs_be32 vendor;            /* NX_VENDOR_ID. */
    ovs_be32 subtype;           /* One of NXT_*. */
};
OFP_ASSERT(sizeof(struct nicira_header) == 16);

/* Header of Nicira vendor stats request or reply (OpenFlow 1.0). */
struct nicira10_stats_msg {
    struct ofp10_vendor_stats_msg vsm; /* Vendor NX_VENDOR_ID. */
    ovs_be32 subtype;           /* One of NXST_*. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct nicira10_stats_msg) == 24);

/* Header of Nicira vendor stats request or reply (OpenFlow 1.1+). */
struct nicira11_stats_msg {
    struct ofp11_vendor_stats_msg vsm; /* Vendor NX_VENDOR_ID, NXST_*. */
};
OFP_ASSERT(sizeof(struct nicira11_stats_msg) == 24);

/* Nicira vendor error (OpenFlow 1.0 and 1.1): an ofp_error_msg with type
 * NXET_VENDOR and code NXVC_VENDOR_ERROR, then this, then the payload. */
#define NXET_VENDOR 0xb0c2
#define NXVC_VENDOR_ERROR 0
struct nx_vendor_error {
    ovs_be32 vendor;            /* Vendor ID as in struct ofp_vendor_header. */
    ovs_be16 type;              /* Vendor-defined type. */
    ovs_be16 code;              /* Vendor-defined subtype. */
};
OFP_ASSERT(sizeof(struct nx_vendor_error) == 8);

/* Controller roles (NXT_ROLE_REQUEST / NXT_ROLE_REPLY). */
enum nx_role {
    NX_ROLE_OTHER,              /* Default role, full access. */
    NX_ROLE_MASTER,             /* Full access, at most one. */
    NX_ROLE_SLAVE               /* Read-only access. */
};

/* NXT_ROLE_REQUEST and NXT_ROLE_REPLY body, follows nicira_header. */
struct nx_role_request {
    ovs_be32 role;              /* One of NX_ROLE_*. */
};
OFP_ASSERT(sizeof(struct nx_role_request) == 4);

/* Flow formats (NXT_SET_FLOW_FORMAT). */
enum nx_flow_format {
    NXFF_OPENFLOW10 = 0,        /* Standard OpenFlow 1.0 match. */
    NXFF_NXM = 2                /* Nicira extended match. */
};

/* NXT_SET_FLOW_FORMAT body. */
struct nx_set_flow_format {
    ovs_be32 format;            /* One of NXFF_*. */
};
OFP_ASSERT(sizeof(struct nx_set_flow_format) == 4);

/* Packet-in formats (NXT_SET_PACKET_IN_FORMAT). */
enum nx_packet_in_format {
    NXPIF_STANDARD = 0,         /* OFPT_PACKET_IN for this version. */
    NXPIF_NXT_PACKET_IN = 1,    /* NXT_PACKET_IN (since Open vSwitch 1.1). */
    NXPIF_NXT_PACKET_IN2 = 2    /* NXT_PACKET_IN2 (since 2.6). */
};

/* NXT_SET_PACKET_IN_FORMAT body. */
struct nx_set_packet_in_format {
    ovs_be32 format;            /* One of NXPIF_*. */
};
OFP_ASSERT(sizeof(struct nx_set_packet_in_format) == 4);

/* NXT_FLOW_MOD_TABLE_ID body. */
struct nx_flow_mod_table_id {
    uint8_t set;                /* Nonzero to enable, zero to disable. */
    uint8_t pad[7];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct nx_flow_mod_table_id) == 8);

/* NXT_FLOW_MOD body, follows nicira_header; then the nx_match (match_len
 * bytes, padded to 8) and the actions.  With NXT_FLOW_MOD_TABLE_ID enabled,
 * the high 8 bits of 'command' are the table id. */
struct nx_flow_mod {
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
    ovs_be16 command;           /* OFPFC_* (+ table id << 8). */
    ovs_be16 idle_timeout;      /* Idle time before discarding (s). */
    ovs_be16 hard_timeout;      /* Max time before discarding (s). */
    ovs_be16 priority;          /* Priority level of flow entry. */
    ovs_be32 buffer_id;         /* Buffered packet to apply to. */
    ovs_be16 out_port;          /* For delete: output port filter. */
    ovs_be16 flags;             /* One of OFPFF_*. */
    ovs_be16 match_len;         /* Size of nx_match. */
    uint8_t pad[6];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct nx_flow_mod) == 32);

/* NXT_FLOW_REMOVED body, follows nicira_header; then the nx_match. */
struct nx_flow_removed {
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
    ovs_be16 priority;          /* Priority level of flow entry. */
    uint8_t reason;             /* One of OFPRR_*. */
    uint8_t table_id;           /* Flow's table id. */
    ovs_be32 duration_sec;      /* Time flow was alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
    ovs_be16 idle_timeout;      /* Idle timeout from original flow mod. */
    ovs_be16 match_len;         /* Size of nx_match. */
    ovs_be64 packet_count;      /* Packets in the flow. */
    ovs_be64 byte_count;        /* Bytes in the flow. */
};
OFP_ASSERT(sizeof(struct nx_flow_removed) == 40);

/* NXT_PACKET_IN body, follows nicira_header; then the nx_match, 2 bytes of
 * zeros and the frame. */
struct nx_packet_in {
    ovs_be32 buffer_id;         /* ID assigned by datapath. */
    ovs_be16 total_len;         /* Full length of frame. */
    uint8_t reason;             /* Reason packet is sent (one of OFPR_*). */
    uint8_t table_id;           /* ID of the table that was looked up. */
    ovs_be64 cookie;            /* Cookie of the rule that was looked up. */
    ovs_be16 match_len;         /* Size of nx_match. */
    uint8_t pad[6];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct nx_packet_in) == 24);

/* NXT_PACKET_IN2 and NXT_RESUME property types. */
enum nx_packet_in2_prop_type {
    NXPINT_PACKET,              /* Raw packet data. */
    NXPINT_FULL_LEN,            /* ovs_be32: full packet length. */
    NXPINT_BUFFER_ID,           /* ovs_be32: buffer id. */
    NXPINT_TABLE_ID,            /* uint8_t: table id. */
    NXPINT_COOKIE,              /* ovs_be64: cookie. */
    NXPINT_REASON,              /* uint8_t: one of OFPR_*. */
    NXPINT_METADATA,            /* NXM or OXM for metadata fields. */
    NXPINT_USERDATA,            /* From NXAST_CONTROLLER2 userdata. */
    NXPINT_CONTINUATION         /* Private data for continuing. */
};

/* NXT_SET_ASYNC_CONFIG body: like ofp13_async_config. */
struct nx_async_config {
    ovs_be32 packet_in_mask[2]; /* Bitmasks of 1 << OFPR_*. */
    ovs_be32 port_status_mask[2]; /* Bitmasks of 1 << OFPPR_*. */
    ovs_be32 flow_removed_mask[2]; /* Bitmasks of 1 << OFPRR_*. */
};
OFP_ASSERT(sizeof(struct nx_async_config) == 24);

/* NXT_SET_CONTROLLER_ID body. */
struct nx_controller_id {
    uint8_t zero[6];            /* Must be zero. */
    ovs_be16 controller_id;     /* New controller connection ID. */
};
OFP_ASSERT(sizeof(struct nx_controller_id) == 8);

/* Body of NXST_FLOW request, follows nicira10_stats_msg; the nx_match
 * (match_len bytes, padded to 8) follows. */
struct nx_flow_stats_request {
    ovs_be16 out_port;          /* Require matching output, or OFPP_NONE. */
    ovs_be16 match_len;         /* Length of nx_match. */
    uint8_t table_id;           /* Table to read, or 0xff for all. */
    uint8_t pad[3];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct nx_flow_stats_request) == 8);

/* One flow in an NXST_FLOW reply; nx_match and actions follow. */
struct nx_flow_stats {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t table_id;           /* ID of table flow came from. */
    uint8_t pad;                /* Align to 32 bits. */
    ovs_be32 duration_sec;      /* Time flow has been alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
    ovs_be16 priority;          /* Priority of the entry. */
    ovs_be16 idle_timeout;      /* Idle time before expiration (s). */
    ovs_be16 hard_timeout;      /* Time before expiration (s). */
    ovs_be16 match_len;         /* Length of nx_match. */
    ovs_be16 idle_age;          /* Seconds since last packet, plus one. */
    ovs_be16 hard_age;          /* Seconds since last modification, plus
                                 * one. */
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
    ovs_be64 packet_count;      /* Number of packets, UINT64_MAX if
                                 * unknown. */
    ovs_be64 byte_count;        /* Number of bytes, UINT64_MAX if
                                 * unknown. */
};
OFP_ASSERT(sizeof(struct nx_flow_stats) == 48);

/* Body of NXST_AGGREGATE request; the nx_match follows.  The reply body is
 * struct ofp_aggregate_stats_reply. */
struct nx_aggregate_stats_request {
    ovs_be16 out_port;          /* Require matching output, or OFPP_NONE. */
    ovs_be16 match_len;         /* Length of nx_match. */
    uint8_t table_id;           /* Table to read, or 0xff for all. */
    uint8_t pad[3];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct nx_aggregate_stats_request) == 8);

/* NXT_FLOW_MONITOR_CANCEL body. */
struct nx_flow_monitor_cancel {
    ovs_be32 id;                /* 'id' from nx_flow_monitor_request. */
};
OFP_ASSERT(sizeof(struct nx_flow_monitor_cancel) == 4);

/* NXT_CT_FLUSH_ZONE body. */
struct nx_zone_id {
    uint8_t zero[6];            /* Must be zero. */
    ovs_be16 zone_id;           /* Connection tracking zone. */
};
OFP_ASSERT(sizeof(struct nx_zone_id) == 8);

/* NXT_TLV_TABLE_MOD commands. */
enum nx_tlv_table_mod_command {
    NXTTMC_ADD,                 /* New mappings (fails if an option is
                                 * already mapped). */
    NXTTMC_DELETE,              /* Delete mappings, identified by index. */
    NXTTMC_CLEAR                /* Clear all mappings. */
};

/* One TLV mapping in NXT_TLV_TABLE_MOD/REPLY. */
struct nx_tlv_map {
    ovs_be16 option_class;      /* Geneve option class. */
    uint8_t option_type;        /* Geneve option type. */
    uint8_t option_len;         /* Geneve option length (multiple of 4). */
    ovs_be16 index;             /* tun_metadata<index>. */
    uint8_t pad[2];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct nx_tlv_map) == 8);

/* NXT_TLV_TABLE_MOD body; nx_tlv_map entries follow. */
struct nx_tlv_table_mod {
    ovs_be16 command;           /* One of NXTTMC_*. */
    uint8_t pad[6];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct nx_tlv_table_mod) == 8);

/* NXT_TLV_TABLE_REPLY body; nx_tlv_map entries follow. */
struct nx_tlv_table_reply {
    ovs_be32 max_option_space;  /* Maximum total of option sizes. */
    ovs_be16 max_fields;        /* Maximum number of match fields. */
    uint8_t reserved[10];       /* Reserved for future use. */
};
OFP_ASSERT(sizeof(struct nx_tlv_table_reply) == 16);

/* Nicira error types used inside vendor/experimenter errors are given by
 * the ofp-errors table (lib/ofp-errors.def); this is the experimenter id
 * they carry. */
#define NX_ERROR_VENDOR_ID NX_VENDOR_ID

#endif /* openflow/nicira-ext.h */
