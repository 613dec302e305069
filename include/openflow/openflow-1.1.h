/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_OPENFLOW11_H
#define OPENFLOW_OPENFLOW11_H 1

/* OpenFlow 1.1 wire formats (OpenFlow Switch Specification 1.1.0), which
 * 1.2 and later extend. */

#include "openflow/openflow-common.h"

/* 32-bit port numbers (OpenFlow 1.1+), in host byte order.  Open vSwitch
 * maps them to the 16-bit space by subtracting OFPP11_OFFSET from the
 * reserved ones. */
#define OFPP11_MAX        ((ofp11_port_t) 0xffffff00)
#define OFPP11_OFFSET     ((ofp11_port_t) 0xffff0000)
#define OFPP11_IN_PORT    ((ofp11_port_t) 0xfffffff8)
#define OFPP11_TABLE      ((ofp11_port_t) 0xfffffff9)
#define OFPP11_NORMAL     ((ofp11_port_t) 0xfffffffa)
#define OFPP11_FLOOD      ((ofp11_port_t) 0xfffffffb)
#define OFPP11_ALL        ((ofp11_port_t) 0xfffffffc)
#define OFPP11_CONTROLLER ((ofp11_port_t) 0xfffffffd)
#define OFPP11_LOCAL      ((ofp11_port_t) 0xfffffffe)
#define OFPP11_ANY        ((ofp11_port_t) 0xffffffff)

/* OpenFlow 1.1+ message types (beyond those in enum ofp_type). */
enum ofp11_type {
    OFPT11_PACKET_IN = 10,      /* Async message. */
    OFPT11_FLOW_REMOVED = 11,   /* Async message. */
    OFPT11_PORT_STATUS = 12,    /* Async message. */
    OFPT11_PACKET_OUT = 13,     /* Controller/switch message. */
    OFPT11_FLOW_MOD = 14,       /* Controller/switch message. */
    OFPT11_GROUP_MOD = 15,      /* Controller/switch message. */
    OFPT11_PORT_MOD = 16,       /* Controller/switch message. */
    OFPT11_TABLE_MOD = 17,      /* Controller/switch message. */
    OFPT11_STATS_REQUEST = 18,  /* Controller/switch (MULTIPART). */
    OFPT11_STATS_REPLY = 19,    /* Controller/switch (MULTIPART). */
    OFPT11_BARRIER_REQUEST = 20, /* Controller/switch message. */
    OFPT11_BARRIER_REPLY = 21,  /* Controller/switch message. */
    OFPT11_QUEUE_GET_CONFIG_REQUEST = 22, /* Controller/switch message. */
    OFPT11_QUEUE_GET_CONFIG_REPLY = 23 /* Controller/switch message. */
};

/* OpenFlow 1.1+ capability bits beyond enum ofp_capabilities. */
enum ofp11_capabilities {
    OFPC11_GROUP_STATS = 1 << 3 /* Group statistics. */
};

/* OpenFlow 1.1+ port state bits beyond enum ofp_port_state. */
enum ofp11_port_state {
    OFPPS11_BLOCKED = 1 << 1,   /* Port is blocked. */
    OFPPS11_LIVE = 1 << 2,      /* Live for fast failover group. */
#define OFPPS11_ALL (OFPPS_LINK_DOWN | OFPPS11_BLOCKED | OFPPS11_LIVE)
};

/* OpenFlow 1.1+ port config bits are those of enum ofp_port_config. */
#define OFPPC11_ALL \
    (OFPPC_PORT_DOWN | OFPPC_NO_RECV | OFPPC_NO_FWD | OFPPC_NO_PACKET_IN)

/* OpenFlow 1.1+ port features. */
enum ofp11_port_features {
    OFPPF11_10MB_HD = 1 << 0,   /* 10 Mb half-duplex rate support. */
    OFPPF11_10MB_FD = 1 << 1,   /* 10 Mb full-duplex rate support. */
    OFPPF11_100MB_HD = 1 << 2,  /* 100 Mb half-duplex rate support. */
    OFPPF11_100MB_FD = 1 << 3,  /* 100 Mb full-duplex rate support. */
    OFPPF11_1GB_HD = 1 << 4,    /* 1 Gb half-duplex rate support. */
    OFPPF11_1GB_FD = 1 << 5,    /* 1 Gb full-duplex rate support. */
    OFPPF11_10GB_FD = 1 << 6,   /* 10 Gb full-duplex rate support. */
    OFPPF11_40GB_FD = 1 << 7,   /* 40 Gb full-duplex rate support. */
    OFPPF11_100GB_FD = 1 << 8,  /* 100 Gb full-duplex rate support. */
    OFPPF11_1TB_FD = 1 << 9,    /* 1 Tb full-duplex rate support. */
    OFPPF11_OTHER = 1 << 10,    /* Other rate, not in the list. */
    OFPPF11_COPPER = 1 << 11,   /* Copper medium. */
    OFPPF11_FIBER = 1 << 12,    /* Fiber medium. */
    OFPPF11_AUTONEG = 1 << 13,  /* Auto-negotiation. */
    OFPPF11_PAUSE = 1 << 14,    /* Pause. */
    OFPPF11_PAUSE_ASYM = 1 << 15 /* Asymmetric pause. */
#define OFPPF11_ALL ((1 << 16) - 1)
};

/* Description of a port (OpenFlow 1.1 to 1.3). */
struct ofp11_port {
    ovs_be32 port_no;           /* Port number. */
    uint8_t pad[4];             /* Align to 64 bits. */
    struct eth_addr hw_addr;    /* Ethernet address. */
    uint8_t pad2[2];            /* Align to 64 bits. */
    char name[OFP_MAX_PORT_NAME_LEN]; /* Null-terminated name. */
    ovs_be32 config;            /* Bitmap of OFPPC_* flags. */
    ovs_be32 state;             /* Bitmap of OFPPS_* and OFPPS11_*. */
    ovs_be32 curr;              /* Current features (OFPPF11_*). */
    ovs_be32 advertised;        /* Features being advertised. */
    ovs_be32 supported;         /* Features supported by the port. */
    ovs_be32 peer;              /* Features advertised by peer. */
    ovs_be32 curr_speed;        /* Current port bitrate in kbps. */
    ovs_be32 max_speed;         /* Max port bitrate in kbps. */
};
OFP_ASSERT(sizeof(struct ofp11_port) == 64);

/* OFPT11_PORT_MOD body (OpenFlow 1.1 to 1.3), follows ofp_header. */
struct ofp11_port_mod {
    ovs_be32 port_no;           /* Port number. */
    uint8_t pad[4];             /* Align to 64 bits. */
    struct eth_addr hw_addr;    /* Must match the port's. */
    uint8_t pad2[2];            /* Align to 64 bits. */
    ovs_be32 config;            /* Bitmap of OFPPC_* flags. */
    ovs_be32 mask;              /* Bitmap of OFPPC_* flags to change. */
    ovs_be32 advertise;         /* OFPPF11_* bits, zero to leave alone. */
    uint8_t pad3[4];            /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_port_mod) == 32);

/* Group numbering (OpenFlow 1.1+). */
enum ofp11_group {
    OFPG11_MAX = 0xffffff00,    /* Last usable group number. */
    OFPG11_ALL = 0xfffffffc,    /* All groups, for group delete. */
    OFPG11_ANY = 0xffffffff     /* Wildcard, for flow stats and delete. */
};

/* Table mod config (OpenFlow 1.1 and 1.2; 1.4 eviction/vacancy). */
enum ofp11_table_config {
    OFPTC11_TABLE_MISS_CONTROLLER = 0 << 0, /* Send to controller. */
    OFPTC11_TABLE_MISS_CONTINUE = 1 << 0, /* Go to next table. */
    OFPTC11_TABLE_MISS_DROP = 2 << 0, /* Drop the packet. */
    OFPTC11_TABLE_MISS_MASK = 3 << 0, /* Mask of the miss bits. */
    OFPTC14_EVICTION = 1 << 2,  /* 1.4+: allow table to evict flows. */
    OFPTC14_VACANCY_EVENTS = 1 << 3 /* 1.4+: enable vacancy events. */
};

/* OFPT11_TABLE_MOD body, follows ofp_header (1.4: then properties). */
struct ofp11_table_mod {
    uint8_t table_id;           /* ID of the table, 0xff for all. */
    uint8_t pad[3];             /* Pad to 32 bits. */
    ovs_be32 config;            /* Bitmap of OFPTC_* flags. */
};
OFP_ASSERT(sizeof(struct ofp11_table_mod) == 8);

/* Match types. */
enum ofp11_match_type {
    OFPMT_STANDARD = 0,         /* 1.1: the fixed ofp11_match. */
    OFPMT_OXM = 1               /* 1.2+: OpenFlow Extensible Match. */
};

/* Header of a match (OpenFlow 1.1+). */
struct ofp11_match_header {
    ovs_be16 type;              /* One of OFPMT_*. */
    ovs_be16 length;            /* Length of match, excluding padding. */
};
OFP_ASSERT(sizeof(struct ofp11_match_header) == 4);

/* Flow wildcards (OpenFlow 1.1). */
enum ofp11_flow_wildcards {
    OFPFW11_IN_PORT = 1 << 0,   /* Switch input port. */
    OFPFW11_DL_VLAN = 1 << 1,   /* VLAN id. */
    OFPFW11_DL_VLAN_PCP = 1 << 2, /* VLAN priority. */
    OFPFW11_DL_TYPE = 1 << 3,   /* Ethernet frame type. */
    OFPFW11_NW_TOS = 1 << 4,    /* IP ToS (DSCP field, 6 bits). */
    OFPFW11_NW_PROTO = 1 << 5,  /* IP protocol. */
    OFPFW11_TP_SRC = 1 << 6,    /* TCP/UDP/SCTP source port. */
    OFPFW11_TP_DST = 1 << 7,    /* TCP/UDP/SCTP destination port. */
    OFPFW11_MPLS_LABEL = 1 << 8, /* MPLS label. */
    OFPFW11_MPLS_TC = 1 << 9,   /* MPLS TC. */
    OFPFW11_ALL = ((1 << 10) - 1) /* Wildcard all fields. */
};

/* Special dl_vlan values (OpenFlow 1.1). */
enum ofp11_vlan_id {
    OFPVID11_ANY = 0xfffe,      /* Any VLAN id, tag or not. */
    OFPVID11_NONE = 0xffff      /* No VLAN id was set. */
};

/* The fixed-size match (OpenFlow 1.1, OFPMT_STANDARD). */
struct ofp11_match {
    struct ofp11_match_header omh; /* Type OFPMT_STANDARD, length 88. */
    ovs_be32 in_port;           /* Input switch port. */
    ovs_be32 wildcards;         /* Wildcard fields (OFPFW11_*). */
    struct eth_addr dl_src;     /* Ethernet source address. */
    struct eth_addr dl_src_mask; /* Ethernet source address mask. */
    struct eth_addr dl_dst;     /* Ethernet destination address. */
    struct eth_addr dl_dst_mask; /* Ethernet destination address mask. */
    ovs_be16 dl_vlan;           /* Input VLAN id. */
    uint8_t dl_vlan_pcp;        /* Input VLAN priority. */
    uint8_t pad1[1];            /* Align to 32 bits. */
    ovs_be16 dl_type;           /* Ethernet frame type. */
    uint8_t nw_tos;             /* IP ToS (DSCP field, 6 bits). */
    uint8_t nw_proto;           /* IP protocol or low 8 bits of ARP op. */
    ovs_be32 nw_src;            /* IP source address. */
    ovs_be32 nw_src_mask;       /* IP source address mask. */
    ovs_be32 nw_dst;            /* IP destination address. */
    ovs_be32 nw_dst_mask;       /* IP destination address mask. */
    ovs_be16 tp_src;            /* TCP/UDP/SCTP source port. */
    ovs_be16 tp_dst;            /* TCP/UDP/SCTP destination port. */
    ovs_be32 mpls_label;        /* MPLS label. */
    uint8_t mpls_tc;            /* MPLS TC. */
    uint8_t pad2[3];            /* Align to 64 bits. */
    ovs_be64 metadata;          /* Metadata passed between tables. */
    ovs_be64 metadata_mask;     /* Mask for metadata. */
};
OFP_ASSERT(sizeof(struct ofp11_match) == 88);
#define OFPMT11_STANDARD_LENGTH 88

/* Instruction types (OpenFlow 1.1+). */
enum ofp11_instruction_type {
    OFPIT11_GOTO_TABLE = 1,     /* Setup the next table in the lookup. */
    OFPIT11_WRITE_METADATA = 2, /* Setup the metadata field. */
    OFPIT11_WRITE_ACTIONS = 3,  /* Write actions into the action set. */
    OFPIT11_APPLY_ACTIONS = 4,  /* Apply actions immediately. */
    OFPIT11_CLEAR_ACTIONS = 5,  /* Clear all actions from the set. */
    OFPIT13_METER = 6,          /* 1.3+: apply meter (rate limiter). */
    OFPIT11_EXPERIMENTER = 0xFFFF /* Experimenter instruction. */
};

/* Generic instruction header; also Write/Apply/Clear-Actions (actions
 * follow). */
struct ofp11_instruction {
    ovs_be16 type;              /* Instruction type. */
    ovs_be16 len;               /* Length of this struct in bytes. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_instruction) == 8);

/* OFPIT11_WRITE_ACTIONS, APPLY_ACTIONS, CLEAR_ACTIONS. */
struct ofp11_instruction_actions {
    ovs_be16 type;              /* One of OFPIT11_*_ACTIONS. */
    ovs_be16 len;               /* Length including actions. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_instruction_actions) == 8);

/* OFPIT11_GOTO_TABLE. */
struct ofp11_instruction_goto_table {
    ovs_be16 type;              /* OFPIT11_GOTO_TABLE. */
    ovs_be16 len;               /* Length is 8. */
    uint8_t table_id;           /* Set next table in the lookup. */
    uint8_t pad[3];             /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_instruction_goto_table) == 8);

/* OFPIT11_WRITE_METADATA. */
struct ofp11_instruction_write_metadata {
    ovs_be16 type;              /* OFPIT11_WRITE_METADATA. */
    ovs_be16 len;               /* Length is 24. */
    uint8_t pad[4];             /* Align to 64 bits. */
    ovs_be64 metadata;          /* Metadata value to write. */
    ovs_be64 metadata_mask;     /* Metadata write bitmask. */
};
OFP_ASSERT(sizeof(struct ofp11_instruction_write_metadata) == 24);

/* OFPIT11_EXPERIMENTER. */
struct ofp11_instruction_experimenter {
    ovs_be16 type;              /* OFPIT11_EXPERIMENTER. */
    ovs_be16 len;               /* Length, a multiple of 8. */
    ovs_be32 experimenter;      /* Experimenter ID. */
};
OFP_ASSERT(sizeof(struct ofp11_instruction_experimenter) == 8);

/* Action types (OpenFlow 1.1+). */
enum ofp11_action_type {
    OFPAT11_OUTPUT = 0,         /* Output to switch port. */
    OFPAT11_SET_VLAN_VID = 1,   /* Set the 802.1q VLAN id. */
    OFPAT11_SET_VLAN_PCP = 2,   /* Set the 802.1q priority. */
    OFPAT11_SET_DL_SRC = 3,     /* Ethernet source address. */
    OFPAT11_SET_DL_DST = 4,     /* Ethernet destination address. */
    OFPAT11_SET_NW_SRC = 5,     /* IP source address. */
    OFPAT11_SET_NW_DST = 6,     /* IP destination address. */
    OFPAT11_SET_NW_TOS = 7,     /* IP ToS (DSCP field, 6 bits). */
    OFPAT11_SET_NW_ECN = 8,     /* IP ECN (2 bits). */
    OFPAT11_SET_TP_SRC = 9,     /* TCP/UDP/SCTP source port. */
    OFPAT11_SET_TP_DST = 10,    /* TCP/UDP/SCTP destination port. */
    OFPAT11_COPY_TTL_OUT = 11,  /* Copy TTL "outwards". */
    OFPAT11_COPY_TTL_IN = 12,   /* Copy TTL "inwards". */
    OFPAT11_SET_MPLS_LABEL = 13, /* MPLS label. */
    OFPAT11_SET_MPLS_TC = 14,   /* MPLS TC. */
    OFPAT11_SET_MPLS_TTL = 15,  /* MPLS TTL. */
    OFPAT11_DEC_MPLS_TTL = 16,  /* Decrement MPLS TTL. */
    OFPAT11_PUSH_VLAN = 17,     /* Push a new VLAN tag. */
    OFPAT11_POP_VLAN = 18,      /* Pop the outer VLAN tag. */
    OFPAT11_PUSH_MPLS = 19,     /* Push a new MPLS tag. */
    OFPAT11_POP_MPLS = 20,      /* Pop the outer MPLS tag. */
    OFPAT11_SET_QUEUE = 21,     /* Set queue id when outputting. */
    OFPAT11_GROUP = 22,         /* Apply group. */
    OFPAT11_SET_NW_TTL = 23,    /* IP TTL. */
    OFPAT11_DEC_NW_TTL = 24,    /* Decrement IP TTL. */
    OFPAT12_SET_FIELD = 25,     /* 1.2+: set a header field using OXM. */
    OFPAT13_PUSH_PBB = 26,      /* 1.3+: push a new PBB service tag. */
    OFPAT13_POP_PBB = 27,       /* 1.3+: pop the outer PBB service tag. */
    OFPAT11_EXPERIMENTER = 0xffff /* Experimenter action. */
};

/* OFPAT11_OUTPUT. */
struct ofp11_action_output {
    ovs_be16 type;              /* OFPAT11_OUTPUT. */
    ovs_be16 len;               /* Length is 16. */
    ovs_be32 port;              /* Output port. */
    ovs_be16 max_len;           /* Max length to send to controller. */
    uint8_t pad[6];             /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_action_output) == 16);

/* OFPAT11_SET_VLAN_VID. */
struct ofp11_action_vlan_vid {
    ovs_be16 type;              /* OFPAT11_SET_VLAN_VID. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be16 vlan_vid;          /* VLAN id. */
    uint8_t pad[2];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp11_action_vlan_vid) == 8);

/* OFPAT11_SET_VLAN_PCP. */
struct ofp11_action_vlan_pcp {
    ovs_be16 type;              /* OFPAT11_SET_VLAN_PCP. */
    ovs_be16 len;               /* Length is 8. */
    uint8_t vlan_pcp;           /* VLAN priority. */
    uint8_t pad[3];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp11_action_vlan_pcp) == 8);

/* OFPAT11_SET_NW_ECN. */
struct ofp11_action_nw_ecn {
    ovs_be16 type;              /* OFPAT11_SET_NW_ECN. */
    ovs_be16 len;               /* Length is 8. */
    uint8_t nw_ecn;             /* IP ECN (2 bits). */
    uint8_t pad[3];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp11_action_nw_ecn) == 8);

/* OFPAT11_SET_MPLS_LABEL. */
struct ofp11_action_mpls_label {
    ovs_be16 type;              /* OFPAT11_SET_MPLS_LABEL. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be32 mpls_label;        /* MPLS label. */
};
OFP_ASSERT(sizeof(struct ofp11_action_mpls_label) == 8);

/* OFPAT11_SET_MPLS_TC. */
struct ofp11_action_mpls_tc {
    ovs_be16 type;              /* OFPAT11_SET_MPLS_TC. */
    ovs_be16 len;               /* Length is 8. */
    uint8_t mpls_tc;            /* MPLS TC. */
    uint8_t pad[3];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp11_action_mpls_tc) == 8);

/* OFPAT11_SET_MPLS_TTL. */
struct ofp11_action_mpls_ttl {
    ovs_be16 type;              /* OFPAT11_SET_MPLS_TTL. */
    ovs_be16 len;               /* Length is 8. */
    uint8_t mpls_ttl;           /* MPLS TTL. */
    uint8_t pad[3];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp11_action_mpls_ttl) == 8);

/* OFPAT11_SET_NW_TTL. */
struct ofp11_action_nw_ttl {
    ovs_be16 type;              /* OFPAT11_SET_NW_TTL. */
    ovs_be16 len;               /* Length is 8. */
    uint8_t nw_ttl;             /* IP TTL. */
    uint8_t pad[3];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp11_action_nw_ttl) == 8);

/* OFPAT11_PUSH_VLAN, OFPAT11_PUSH_MPLS, OFPAT13_PUSH_PBB. */
struct ofp11_action_push {
    ovs_be16 type;              /* One of OFPAT11_PUSH_*. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be16 ethertype;         /* Ethertype. */
    uint8_t pad[2];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp11_action_push) == 8);

/* OFPAT11_POP_MPLS. */
struct ofp11_action_pop_mpls {
    ovs_be16 type;              /* OFPAT11_POP_MPLS. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be16 ethertype;         /* Ethertype. */
    uint8_t pad[2];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp11_action_pop_mpls) == 8);

/* OFPAT11_SET_QUEUE. */
struct ofp11_action_set_queue {
    ovs_be16 type;              /* OFPAT11_SET_QUEUE. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be32 queue_id;          /* Queue id for the packets. */
};
OFP_ASSERT(sizeof(struct ofp11_action_set_queue) == 8);

/* OFPAT11_GROUP. */
struct ofp11_action_group {
    ovs_be16 type;              /* OFPAT11_GROUP. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be32 group_id;          /* Group identifier. */
};
OFP_ASSERT(sizeof(struct ofp11_action_group) == 8);

/* Statistics (multipart) request or reply header (OpenFlow 1.1+). */
struct ofp11_stats_msg {
    struct ofp_header header;   /* OFPT11_STATS_REQUEST or _REPLY. */
    ovs_be16 type;              /* One of the OFPST_* constants. */
    ovs_be16 flags;             /* OFPSF_* flags. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_stats_msg) == 16);

/* Vendor statistics request or reply header (OpenFlow 1.1+). */
struct ofp11_vendor_stats_msg {
    struct ofp11_stats_msg osm; /* Type OFPST_VENDOR. */
    ovs_be32 vendor;            /* Vendor ID. */
    ovs_be32 subtype;           /* Vendor-defined subtype. */
};
OFP_ASSERT(sizeof(struct ofp11_vendor_stats_msg) == 24);

/* OFPT11_PACKET_IN body (OpenFlow 1.1 only); the frame follows. */
struct ofp11_packet_in {
    ovs_be32 buffer_id;         /* ID assigned by datapath. */
    ovs_be32 in_port;           /* Port on which frame was received. */
    ovs_be32 in_phy_port;       /* Physical port of in_port. */
    ovs_be16 total_len;         /* Full length of frame. */
    uint8_t reason;             /* Reason packet is being sent (OFPR_*). */
    uint8_t table_id;           /* ID of the table that was looked up. */
};
OFP_ASSERT(sizeof(struct ofp11_packet_in) == 16);

/* OFPT11_PACKET_OUT body (OpenFlow 1.1 to 1.4); actions, then frame. */
struct ofp11_packet_out {
    ovs_be32 buffer_id;         /* ID assigned by datapath or UINT32_MAX. */
    ovs_be32 in_port;           /* Packet's input port or OFPP_CONTROLLER. */
    ovs_be16 actions_len;       /* Size of action array in bytes. */
    uint8_t pad[6];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_packet_out) == 16);

/* OFPT11_FLOW_MOD body (OpenFlow 1.1+); match and instructions follow. */
struct ofp11_flow_mod {
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
    ovs_be64 cookie_mask;       /* Mask on cookie for modify/delete. */
    uint8_t table_id;           /* ID of the table to put the flow in. */
    uint8_t command;            /* One of OFPFC_*. */
    ovs_be16 idle_timeout;      /* Idle time before discarding (s). */
    ovs_be16 hard_timeout;      /* Max time before discarding (s). */
    ovs_be16 priority;          /* Priority level of flow entry. */
    ovs_be32 buffer_id;         /* Buffered packet to apply to. */
    ovs_be32 out_port;          /* For delete: output port filter. */
    ovs_be32 out_group;         /* For delete: output group filter. */
    ovs_be16 flags;             /* One of OFPFF_*. */
    ovs_be16 importance;        /* 1.4+: eviction precedence; else pad. */
};
OFP_ASSERT(sizeof(struct ofp11_flow_mod) == 40);

/* OFPT11_FLOW_REMOVED body (OpenFlow 1.1+); the match follows. */
struct ofp11_flow_removed {
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
    ovs_be16 priority;          /* Priority level of flow entry. */
    uint8_t reason;             /* One of OFPRR_*. */
    uint8_t table_id;           /* ID of the table. */
    ovs_be32 duration_sec;      /* Time flow was alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
    ovs_be16 idle_timeout;      /* Idle timeout from original flow mod. */
    ovs_be16 hard_timeout;      /* Hard timeout from original flow mod. */
    ovs_be64 packet_count;      /* Packets in the flow. */
    ovs_be64 byte_count;        /* Bytes in the flow. */
};
OFP_ASSERT(sizeof(struct ofp11_flow_removed) == 40);

/* Group commands (OpenFlow 1.1+; Open vSwitch adds ADD_OR_MOD). */
enum ofp11_group_mod_command {
    OFPGC11_ADD,                /* New group. */
    OFPGC11_MODIFY,             /* Modify all matching groups. */
    OFPGC11_DELETE,             /* Delete all matching groups. */
    OFPGC11_ADD_OR_MOD = 0x8000 /* Open vSwitch: add or modify. */
};

/* Group types (OpenFlow 1.1+). */
enum ofp11_group_type {
    OFPGT11_ALL,                /* All (multicast/broadcast) group. */
    OFPGT11_SELECT,             /* Select group. */
    OFPGT11_INDIRECT,           /* Indirect group. */
    OFPGT11_FF                  /* Fast failover group. */
};

/* A bucket in a group mod or group desc (OpenFlow 1.1 to 1.4); actions
 * follow. */
struct ofp11_bucket {
    ovs_be16 len;               /* Length of bucket including actions. */
    ovs_be16 weight;            /* Relative weight (select groups). */
    ovs_be32 watch_port;        /* Port whose state affects liveness. */
    ovs_be32 watch_group;       /* Group whose state affects liveness. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_bucket) == 16);

/* OFPT11_GROUP_MOD body (OpenFlow 1.1 to 1.4); buckets follow. */
struct ofp11_group_mod {
    ovs_be16 command;           /* One of OFPGC11_*. */
    uint8_t type;               /* One of OFPGT11_*. */
    uint8_t pad;                /* Pad to 64 bits. */
    ovs_be32 group_id;          /* Group identifier. */
};
OFP_ASSERT(sizeof(struct ofp11_group_mod) == 8);

/* Body of OFPST11_GROUP request. */
struct ofp11_group_stats_request {
    ovs_be32 group_id;          /* All groups if OFPG11_ALL. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_group_stats_request) == 8);

/* Counters for one bucket in a group stats reply. */
struct ofp11_bucket_counter {
    ovs_be64 packet_count;      /* Packets processed by bucket. */
    ovs_be64 byte_count;        /* Bytes processed by bucket. */
};
OFP_ASSERT(sizeof(struct ofp11_bucket_counter) == 16);

/* One group in an OFPST11_GROUP reply (1.1, 1.2); bucket counters
 * follow. */
struct ofp11_group_stats {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t pad[2];             /* Align to 64 bits. */
    ovs_be32 group_id;          /* Group identifier. */
    ovs_be32 ref_count;         /* Number of flows or groups forwarding to
                                 * this group. */
    uint8_t pad2[4];            /* Align to 64 bits. */
    ovs_be64 packet_count;      /* Packets processed by group. */
    ovs_be64 byte_count;        /* Bytes processed by group. */
};
OFP_ASSERT(sizeof(struct ofp11_group_stats) == 32);

/* One group in an OFPST11_GROUP_DESC reply; buckets follow. */
struct ofp11_group_desc_stats {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t type;               /* One of OFPGT11_*. */
    uint8_t pad;                /* Pad to 64 bits. */
    ovs_be32 group_id;          /* Group identifier. */
};
OFP_ASSERT(sizeof(struct ofp11_group_desc_stats) == 8);

/* Body of OFPST_FLOW and OFPST_AGGREGATE requests (OpenFlow 1.1+); the
 * match follows. */
struct ofp11_flow_stats_request {
    uint8_t table_id;           /* Table to read, or OFPTT_ALL. */
    uint8_t pad[3];             /* Align to 32 bits. */
    ovs_be32 out_port;          /* Require matching output, or OFPP11_ANY. */
    ovs_be32 out_group;         /* Require matching group, or OFPG11_ANY. */
    uint8_t pad2[4];            /* Align to 64 bits. */
    ovs_be64 cookie;            /* Require matching cookie (under mask). */
    ovs_be64 cookie_mask;       /* Mask on cookie; 0 = no restriction. */
};
OFP_ASSERT(sizeof(struct ofp11_flow_stats_request) == 32);

/* One flow in an OFPST_FLOW reply (OpenFlow 1.1+); match and instructions
 * follow. */
struct ofp11_flow_stats {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t table_id;           /* ID of table flow came from. */
    uint8_t pad;                /* Align to 32 bits. */
    ovs_be32 duration_sec;      /* Time flow has been alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
    ovs_be16 priority;          /* Priority of the entry. */
    ovs_be16 idle_timeout;      /* Idle time before expiration (s). */
    ovs_be16 hard_timeout;      /* Time before expiration (s). */
    ovs_be16 flags;             /* 1.3+: OFPFF_* flags; else pad. */
    ovs_be16 importance;        /* 1.4+: eviction precedence; else pad. */
    uint8_t pad2[2];            /* Align to 64 bits. */
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
    ovs_be64 packet_count;      /* Number of packets in flow. */
    ovs_be64 byte_count;        /* Number of bytes in flow. */
};
OFP_ASSERT(sizeof(struct ofp11_flow_stats) == 48);

/* One table in an OFPST_TABLE reply (OpenFlow 1.1). */
struct ofp11_table_stats {
    uint8_t table_id;           /* Identifier of table. */
    uint8_t pad[7];             /* Align to 64 bits. */
    char name[OFP_MAX_TABLE_NAME_LEN]; /* Table name. */
    ovs_be32 wildcards;         /* Bitmap of OFPFW11_* supported. */
    ovs_be32 match;             /* Bitmap of OFPFW11_* matchable. */
    ovs_be32 instructions;      /* Bitmap of 1 << OFPIT11_*. */
    ovs_be32 write_actions;     /* Bitmap of 1 << OFPAT11_* writable. */
    ovs_be32 apply_actions;     /* Bitmap of 1 << OFPAT11_* applicable. */
    ovs_be32 config;            /* Bitmap of OFPTC11_* values. */
    ovs_be32 max_entries;       /* Max number of entries supported. */
    ovs_be32 active_count;      /* Number of active entries. */
    ovs_be64 lookup_count;      /* Packets looked up in table. */
    ovs_be64 matched_count;     /* Packets that hit table. */
};
OFP_ASSERT(sizeof(struct ofp11_table_stats) == 88);

/* Body of OFPST_PORT request (OpenFlow 1.1+). */
struct ofp11_port_stats_request {
    ovs_be32 port_no;           /* Port number, or OFPP11_ANY for all. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp11_port_stats_request) == 8);

/* One port in an OFPST_PORT reply (OpenFlow 1.1, 1.2). */
struct ofp11_port_stats {
    ovs_be32 port_no;           /* Port number. */
    uint8_t pad[4];             /* Align to 64 bits. */
    ovs_be64 rx_packets;        /* Number of received packets. */
    ovs_be64 tx_packets;        /* Number of transmitted packets. */
    ovs_be64 rx_bytes;          /* Number of received bytes. */
    ovs_be64 tx_bytes;          /* Number of transmitted bytes. */
    ovs_be64 rx_dropped;        /* Packets dropped by RX. */
    ovs_be64 tx_dropped;        /* Packets dropped by TX. */
    ovs_be64 rx_errors;         /* Receive errors. */
    ovs_be64 tx_errors;         /* Transmit errors. */
    ovs_be64 rx_frame_err;      /* Frame alignment errors. */
    ovs_be64 rx_over_err;       /* Packets with RX overrun. */
    ovs_be64 rx_crc_err;        /* CRC errors. */
    ovs_be64 collisions;        /* Collisions. */
};
OFP_ASSERT(sizeof(struct ofp11_port_stats) == 104);

/* Body of OFPST_QUEUE request (OpenFlow 1.1+). */
struct ofp11_queue_stats_request {
    ovs_be32 port_no;           /* All ports if OFPP11_ANY. */
    ovs_be32 queue_id;          /* All queues if OFPQ_ALL. */
};
OFP_ASSERT(sizeof(struct ofp11_queue_stats_request) == 8);

/* One queue in an OFPST_QUEUE reply (OpenFlow 1.1, 1.2). */
struct ofp11_queue_stats {
    ovs_be32 port_no;           /* Port number. */
    ovs_be32 queue_id;          /* Queue id. */
    ovs_be64 tx_bytes;          /* Number of transmitted bytes. */
    ovs_be64 tx_packets;        /* Number of transmitted packets. */
    ovs_be64 tx_errors;         /* Packets dropped due to overrun. */
};
OFP_ASSERT(sizeof(struct ofp11_queue_stats) == 32);

/* OFPT11_QUEUE_GET_CONFIG_REQUEST body (1.1 to 1.3). */
struct ofp11_queue_get_config_request {
    ovs_be32 port;              /* Port to be queried, or OFPP11_ANY. */
    uint8_t pad[4];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp11_queue_get_config_request) == 8);

/* OFPT11_QUEUE_GET_CONFIG_REPLY body (1.1 to 1.3); queues follow
 * (ofp10_packet_queue in 1.1, ofp12_packet_queue in 1.2+). */
struct ofp11_queue_get_config_reply {
    ovs_be32 port;              /* Port that was queried. */
    uint8_t pad[4];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp11_queue_get_config_reply) == 8);

#endif /* openflow/openflow-1.1.h */
