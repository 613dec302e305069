/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_OPENFLOW10_H
#define OPENFLOW_OPENFLOW10_H 1

/* OpenFlow 1.0 wire formats (OpenFlow Switch Specification 1.0.0).  The
 * 16-bit reserved port numbers OFPP_* are in openvswitch/types.h, because
 * the switch numbers its ports that way internally. */

#include "openflow/openflow-common.h"

/* First reserved port number (OFPP_UNSET is Open vSwitch's). */
#define OFPP_FIRST_RESV ((ofp_port_t) 0xfff7)
#define OFPP_LAST_RESV  ((ofp_port_t) 0xffff)

/* OpenFlow 1.0 message types (beyond those in enum ofp_type). */
enum ofp10_type {
    OFPT10_PACKET_IN = 10,      /* Async message. */
    OFPT10_FLOW_REMOVED = 11,   /* Async message. */
    OFPT10_PORT_STATUS = 12,    /* Async message. */
    OFPT10_PACKET_OUT = 13,     /* Controller/switch message. */
    OFPT10_FLOW_MOD = 14,       /* Controller/switch message. */
    OFPT10_PORT_MOD = 15,       /* Controller/switch message. */
    OFPT10_STATS_REQUEST = 16,  /* Controller/switch message. */
    OFPT10_STATS_REPLY = 17,    /* Controller/switch message. */
    OFPT10_BARRIER_REQUEST = 18, /* Controller/switch message. */
    OFPT10_BARRIER_REPLY = 19,  /* Controller/switch message. */
    OFPT10_QUEUE_GET_CONFIG_REQUEST = 20, /* Controller/switch message. */
    OFPT10_QUEUE_GET_CONFIG_REPLY = 21 /* Controller/switch message. */
};

/* OpenFlow 1.0 capability bits. */
enum ofp10_capabilities {
    OFPC10_STP = 1 << 3,        /* 802.1d spanning tree. */
    OFPC10_RESERVED = 1 << 4    /* Reserved, must not be set. */
};

/* OpenFlow 1.0 port config bits beyond enum ofp_port_config. */
enum ofp10_port_config {
    OFPPC10_NO_STP = 1 << 1,    /* Disable 802.1D spanning tree on port. */
    OFPPC10_NO_RECV_STP = 1 << 3, /* Drop received 802.1D STP packets. */
    OFPPC10_NO_FLOOD = 1 << 4,  /* Do not include port when flooding. */
#define OFPPC10_ALL (OFPPC_PORT_DOWN | OFPPC10_NO_STP | OFPPC_NO_RECV | \
                     OFPPC10_NO_RECV_STP | OFPPC10_NO_FLOOD | OFPPC_NO_FWD | \
                     OFPPC_NO_PACKET_IN)
};

/* OpenFlow 1.0 port state: the STP state in bits 8 and 9. */
enum ofp10_port_state {
    OFPPS10_STP_LISTEN = 0 << 8, /* Not learning or relaying frames. */
    OFPPS10_STP_LEARN = 1 << 8, /* Learning but not relaying frames. */
    OFPPS10_STP_FORWARD = 2 << 8, /* Learning and relaying frames. */
    OFPPS10_STP_BLOCK = 3 << 8, /* Not part of spanning tree. */
    OFPPS10_STP_MASK = 3 << 8   /* Bit mask for OFPPS10_STP_* values. */
#define OFPPS10_ALL (OFPPS_LINK_DOWN | OFPPS10_STP_MASK)
};

/* OpenFlow 1.0 port features. */
enum ofp10_port_features {
    OFPPF10_10MB_HD = 1 << 0,   /* 10 Mb half-duplex rate support. */
    OFPPF10_10MB_FD = 1 << 1,   /* 10 Mb full-duplex rate support. */
    OFPPF10_100MB_HD = 1 << 2,  /* 100 Mb half-duplex rate support. */
    OFPPF10_100MB_FD = 1 << 3,  /* 100 Mb full-duplex rate support. */
    OFPPF10_1GB_HD = 1 << 4,    /* 1 Gb half-duplex rate support. */
    OFPPF10_1GB_FD = 1 << 5,    /* 1 Gb full-duplex rate support. */
    OFPPF10_10GB_FD = 1 << 6,   /* 10 Gb full-duplex rate support. */
    OFPPF10_COPPER = 1 << 7,    /* Copper medium. */
    OFPPF10_FIBER = 1 << 8,     /* Fiber medium. */
    OFPPF10_AUTONEG = 1 << 9,   /* Auto-negotiation. */
    OFPPF10_PAUSE = 1 << 10,    /* Pause. */
    OFPPF10_PAUSE_ASYM = 1 << 11 /* Asymmetric pause. */
};

/* Description of a physical port (OpenFlow 1.0). */
struct ofp10_phy_port {
    ovs_be16 port_no;           /* Port number. */
    struct eth_addr hw_addr;    /* Ethernet address. */
    char name[OFP_MAX_PORT_NAME_LEN]; /* Null-terminated name. */
    ovs_be32 config;            /* Bitmap of OFPPC_* and OFPPC10_*. */
    ovs_be32 state;             /* Bitmap of OFPPS_* and OFPPS10_*. */
    ovs_be32 curr;              /* Current features (OFPPF10_*). */
    ovs_be32 advertised;        /* Features advertised by the port. */
    ovs_be32 supported;         /* Features supported by the port. */
    ovs_be32 peer;              /* Features advertised by peer. */
};
OFP_ASSERT(sizeof(struct ofp10_phy_port) == 48);

/* OFPT_PORT_MOD body (OpenFlow 1.0), follows ofp_header. */
struct ofp10_port_mod {
    ovs_be16 port_no;           /* Port number. */
    struct eth_addr hw_addr;    /* Must match the port's; not changeable. */
    ovs_be32 config;            /* Bitmap of OFPPC_* flags. */
    ovs_be32 mask;              /* Bitmap of OFPPC_* flags to change. */
    ovs_be32 advertise;         /* OFPPF10_* bits, zero to leave alone. */
    uint8_t pad[4];             /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp10_port_mod) == 24);

/* Flow wildcards (OpenFlow 1.0). */
enum ofp10_flow_wildcards {
    OFPFW10_IN_PORT = 1 << 0,   /* Switch input port. */
    OFPFW10_DL_VLAN = 1 << 1,   /* VLAN vid. */
    OFPFW10_DL_SRC = 1 << 2,    /* Ethernet source address. */
    OFPFW10_DL_DST = 1 << 3,    /* Ethernet destination address. */
    OFPFW10_DL_TYPE = 1 << 4,   /* Ethernet frame type. */
    OFPFW10_NW_PROTO = 1 << 5,  /* IP protocol. */
    OFPFW10_TP_SRC = 1 << 6,    /* TCP/UDP source port. */
    OFPFW10_TP_DST = 1 << 7,    /* TCP/UDP destination port. */

    /* Number of low-order bits of nw_src to ignore (>= 32 is all). */
    OFPFW10_NW_SRC_SHIFT = 8,
    OFPFW10_NW_SRC_BITS = 6,
    OFPFW10_NW_SRC_MASK = ((1 << OFPFW10_NW_SRC_BITS) - 1)
                          << OFPFW10_NW_SRC_SHIFT,
    OFPFW10_NW_SRC_ALL = 32 << OFPFW10_NW_SRC_SHIFT,

    /* Number of low-order bits of nw_dst to ignore (>= 32 is all). */
    OFPFW10_NW_DST_SHIFT = 14,
    OFPFW10_NW_DST_BITS = 6,
    OFPFW10_NW_DST_MASK = ((1 << OFPFW10_NW_DST_BITS) - 1)
                          << OFPFW10_NW_DST_SHIFT,
    OFPFW10_NW_DST_ALL = 32 << OFPFW10_NW_DST_SHIFT,

    OFPFW10_DL_VLAN_PCP = 1 << 20, /* VLAN priority. */
    OFPFW10_NW_TOS = 1 << 21,   /* IP ToS (DSCP field, 6 bits). */

    OFPFW10_ALL = ((1 << 22) - 1) /* Wildcard all fields. */
};

/* The wildcards for ICMP type and code share the transport port bits. */
#define OFPFW10_ICMP_TYPE OFPFW10_TP_SRC
#define OFPFW10_ICMP_CODE OFPFW10_TP_DST

/* dl_vlan value meaning "no 802.1Q header" (OpenFlow 1.0). */
#define OFP10_VLAN_NONE 0xffff

/* Fields to match against flows (OpenFlow 1.0). */
struct ofp10_match {
    ovs_be32 wildcards;         /* Wildcard fields (OFPFW10_*). */
    ovs_be16 in_port;           /* Input switch port. */
    struct eth_addr dl_src;     /* Ethernet source address. */
    struct eth_addr dl_dst;     /* Ethernet destination address. */
    ovs_be16 dl_vlan;           /* Input VLAN. */
    uint8_t dl_vlan_pcp;        /* Input VLAN priority. */
    uint8_t pad1[1];            /* Align to 64 bits. */
    ovs_be16 dl_type;           /* Ethernet frame type. */
    uint8_t nw_tos;             /* IP ToS (DSCP field, 6 bits). */
    uint8_t nw_proto;           /* IP protocol or low 8 bits of ARP op. */
    uint8_t pad2[2];            /* Align to 64 bits. */
    ovs_be32 nw_src;            /* IP source address. */
    ovs_be32 nw_dst;            /* IP destination address. */
    ovs_be16 tp_src;            /* TCP/UDP source port or ICMP type. */
    ovs_be16 tp_dst;            /* TCP/UDP destination port or ICMP code. */
};
OFP_ASSERT(sizeof(struct ofp10_match) == 40);

/* OFPT_PACKET_IN body (OpenFlow 1.0), follows ofp_header; the frame
 * follows. */
struct ofp10_packet_in {
    ovs_be32 buffer_id;         /* ID assigned by datapath. */
    ovs_be16 total_len;         /* Full length of frame. */
    ovs_be16 in_port;           /* Port on which frame was received. */
    uint8_t reason;             /* Reason packet is being sent (OFPR_*). */
    uint8_t pad;                /* Pad. */
    uint8_t data[];             /* The frame, at offset 10. */
};
OFP_ASSERT(sizeof(struct ofp10_packet_in) == 12);
OFP_ASSERT(offsetof(struct ofp10_packet_in, data) == 10);

/* OFPT_PACKET_OUT body (OpenFlow 1.0), follows ofp_header; then the actions
 * and the frame. */
struct ofp10_packet_out {
    ovs_be32 buffer_id;         /* ID assigned by datapath or UINT32_MAX. */
    ovs_be16 in_port;           /* Packet's input port or OFPP_NONE. */
    ovs_be16 actions_len;       /* Size of action array in bytes. */
};
OFP_ASSERT(sizeof(struct ofp10_packet_out) == 8);

/* OFPT_FLOW_MOD body (OpenFlow 1.0), follows ofp_header; then actions. */
struct ofp10_flow_mod {
    struct ofp10_match match;   /* Fields to match. */
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
    ovs_be16 command;           /* One of OFPFC_*. */
    ovs_be16 idle_timeout;      /* Idle time before discarding (s). */
    ovs_be16 hard_timeout;      /* Max time before discarding (s). */
    ovs_be16 priority;          /* Priority level of flow entry. */
    ovs_be32 buffer_id;         /* Buffered packet to apply to, or
                                 * UINT32_MAX. */
    ovs_be16 out_port;          /* For delete: output port filter. */
    ovs_be16 flags;             /* One of OFPFF_*. */
};
OFP_ASSERT(sizeof(struct ofp10_flow_mod) == 64);

/* OFPT_FLOW_REMOVED body (OpenFlow 1.0), follows ofp_header. */
struct ofp10_flow_removed {
    struct ofp10_match match;   /* Description of fields. */
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
    ovs_be16 priority;          /* Priority level of flow entry. */
    uint8_t reason;             /* One of OFPRR_*. */
    uint8_t pad[1];             /* Align to 32 bits. */
    ovs_be32 duration_sec;      /* Time flow was alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
    ovs_be16 idle_timeout;      /* Idle timeout from original flow mod. */
    uint8_t pad2[2];            /* Align to 64 bits. */
    ovs_be64 packet_count;      /* Packets in the flow. */
    ovs_be64 byte_count;        /* Bytes in the flow. */
};
OFP_ASSERT(sizeof(struct ofp10_flow_removed) == 80);

/* OpenFlow 1.0 action types. */
enum ofp10_action_type {
    OFPAT10_OUTPUT,             /* Output to switch port. */
    OFPAT10_SET_VLAN_VID,       /* Set the 802.1q VLAN id. */
    OFPAT10_SET_VLAN_PCP,       /* Set the 802.1q priority. */
    OFPAT10_STRIP_VLAN,         /* Strip the 802.1q header. */
    OFPAT10_SET_DL_SRC,         /* Ethernet source address. */
    OFPAT10_SET_DL_DST,         /* Ethernet destination address. */
    OFPAT10_SET_NW_SRC,         /* IP source address. */
    OFPAT10_SET_NW_DST,         /* IP destination address. */
    OFPAT10_SET_NW_TOS,         /* IP ToS (DSCP field, 6 bits). */
    OFPAT10_SET_TP_SRC,         /* TCP/UDP source port. */
    OFPAT10_SET_TP_DST,         /* TCP/UDP destination port. */
    OFPAT10_ENQUEUE,            /* Output to queue. */
    OFPAT10_VENDOR = 0xffff     /* Vendor extension. */
};

/* Action header common to every version: type and length, then 4 bytes
 * the action defines. */
struct ofp_action_header {
    ovs_be16 type;              /* One of OFPAT*. */
    ovs_be16 len;               /* Length of action, including this
                                 * header; a multiple of 8. */
    uint8_t pad[4];             /* Action specific. */
};
OFP_ASSERT(sizeof(struct ofp_action_header) == 8);

/* OFPAT10_OUTPUT. */
struct ofp10_action_output {
    ovs_be16 type;              /* OFPAT10_OUTPUT. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be16 port;              /* Output port. */
    ovs_be16 max_len;           /* Max length to send to controller. */
};
OFP_ASSERT(sizeof(struct ofp10_action_output) == 8);

/* OFPAT10_ENQUEUE. */
struct ofp10_action_enqueue {
    ovs_be16 type;              /* OFPAT10_ENQUEUE. */
    ovs_be16 len;               /* Len is 16. */
    ovs_be16 port;              /* Port that queue belongs to. */
    uint8_t pad[6];             /* Pad for 64-bit alignment. */
    ovs_be32 queue_id;          /* Where to enqueue the packets. */
};
OFP_ASSERT(sizeof(struct ofp10_action_enqueue) == 16);

/* OFPAT*_SET_VLAN_VID. */
struct ofp_action_vlan_vid {
    ovs_be16 type;              /* OFPAT*_SET_VLAN_VID. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be16 vlan_vid;          /* VLAN id. */
    uint8_t pad[2];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp_action_vlan_vid) == 8);

/* OFPAT*_SET_VLAN_PCP. */
struct ofp_action_vlan_pcp {
    ovs_be16 type;              /* OFPAT*_SET_VLAN_PCP. */
    ovs_be16 len;               /* Length is 8. */
    uint8_t vlan_pcp;           /* VLAN priority. */
    uint8_t pad[3];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp_action_vlan_pcp) == 8);

/* OFPAT*_SET_DL_SRC/DST. */
struct ofp_action_dl_addr {
    ovs_be16 type;              /* OFPAT*_SET_DL_SRC or _DST. */
    ovs_be16 len;               /* Length is 16. */
    struct eth_addr dl_addr;    /* Ethernet address. */
    uint8_t pad[6];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp_action_dl_addr) == 16);

/* OFPAT*_SET_NW_SRC/DST. */
struct ofp_action_nw_addr {
    ovs_be16 type;              /* OFPAT*_SET_NW_SRC or _DST. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be32 nw_addr;           /* IP address. */
};
OFP_ASSERT(sizeof(struct ofp_action_nw_addr) == 8);

/* OFPAT*_SET_NW_TOS. */
struct ofp_action_nw_tos {
    ovs_be16 type;              /* OFPAT*_SET_NW_TOS. */
    ovs_be16 len;               /* Length is 8. */
    uint8_t nw_tos;             /* DSCP in high 6 bits, rest ignored. */
    uint8_t pad[3];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp_action_nw_tos) == 8);

/* OFPAT*_SET_TP_SRC/DST. */
struct ofp_action_tp_port {
    ovs_be16 type;              /* OFPAT*_SET_TP_SRC or _DST. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be16 tp_port;           /* TCP/UDP port. */
    uint8_t pad[2];             /* Pad. */
};
OFP_ASSERT(sizeof(struct ofp_action_tp_port) == 8);

/* Vendor (experimenter) action header, every version. */
struct ofp_action_vendor_header {
    ovs_be16 type;              /* OFPAT10_VENDOR / OFPAT11_EXPERIMENTER. */
    ovs_be16 len;               /* Length, a multiple of 8. */
    ovs_be32 vendor;            /* Vendor ID. */
};
OFP_ASSERT(sizeof(struct ofp_action_vendor_header) == 8);

/* Statistics request or reply header (OpenFlow 1.0). */
struct ofp10_stats_msg {
    struct ofp_header header;   /* OFPT10_STATS_REQUEST or _REPLY. */
    ovs_be16 type;              /* One of the OFPST_* constants. */
    ovs_be16 flags;             /* OFPSF_* flags. */
};
OFP_ASSERT(sizeof(struct ofp10_stats_msg) == 12);

/* Vendor statistics request or reply header (OpenFlow 1.0). */
struct ofp10_vendor_stats_msg {
    struct ofp10_stats_msg osm; /* Type OFPST_VENDOR. */
    ovs_be32 vendor;            /* Vendor ID. */
};
OFP_ASSERT(sizeof(struct ofp10_vendor_stats_msg) == 16);

/* Body of OFPST_FLOW and OFPST_AGGREGATE requests (OpenFlow 1.0). */
struct ofp10_flow_stats_request {
    struct ofp10_match match;   /* Fields to match. */
    uint8_t table_id;           /* Table to read, or 0xff for all. */
    uint8_t pad;                /* Align to 32 bits. */
    ovs_be16 out_port;          /* Require matching output, or OFPP_NONE. */
};
OFP_ASSERT(sizeof(struct ofp10_flow_stats_request) == 44);

/* One flow in an OFPST_FLOW reply (OpenFlow 1.0); actions follow. */
struct ofp10_flow_stats {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t table_id;           /* ID of table flow came from. */
    uint8_t pad;                /* Align to 32 bits. */
    struct ofp10_match match;   /* Description of fields. */
    ovs_be32 duration_sec;      /* Time flow has been alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
    ovs_be16 priority;          /* Priority of the entry. */
    ovs_be16 idle_timeout;      /* Idle time before expiration (s). */
    ovs_be16 hard_timeout;      /* Time before expiration (s). */
    uint8_t pad2[6];            /* Align to 64 bits. */
    ovs_32aligned_be64 cookie;  /* Opaque controller-issued identifier. */
    ovs_32aligned_be64 packet_count; /* Number of packets in flow. */
    ovs_32aligned_be64 byte_count; /* Number of bytes in flow. */
};
OFP_ASSERT(sizeof(struct ofp10_flow_stats) == 88);

/* One table in an OFPST_TABLE reply (OpenFlow 1.0). */
struct ofp10_table_stats {
    uint8_t table_id;           /* Identifier of table. */
    uint8_t pad[3];             /* Align to 32 bits. */
    char name[OFP_MAX_TABLE_NAME_LEN]; /* Table name. */
    ovs_be32 wildcards;         /* Bitmap of OFPFW10_* supported. */
    ovs_be32 max_entries;       /* Max number of entries supported. */
    ovs_be32 active_count;      /* Number of active entries. */
    ovs_32aligned_be64 lookup_count; /* Packets looked up in table. */
    ovs_32aligned_be64 matched_count; /* Packets that hit table. */
};
OFP_ASSERT(sizeof(struct ofp10_table_stats) == 64);

/* Body of OFPST_PORT request (OpenFlow 1.0). */
struct ofp10_port_stats_request {
    ovs_be16 port_no;           /* Port number, or OFPP_NONE for all. */
    uint8_t pad[6];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp10_port_stats_request) == 8);

/* One port in an OFPST_PORT reply (OpenFlow 1.0).  All-ones counters are
 * unavailable. */
struct ofp10_port_stats {
    ovs_be16 port_no;           /* Port number. */
    uint8_t pad[6];             /* Align to 64 bits. */
    ovs_32aligned_be64 rx_packets; /* Number of received packets. */
    ovs_32aligned_be64 tx_packets; /* Number of transmitted packets. */
    ovs_32aligned_be64 rx_bytes; /* Number of received bytes. */
    ovs_32aligned_be64 tx_bytes; /* Number of transmitted bytes. */
    ovs_32aligned_be64 rx_dropped; /* Packets dropped by RX. */
    ovs_32aligned_be64 tx_dropped; /* Packets dropped by TX. */
    ovs_32aligned_be64 rx_errors; /* Receive errors. */
    ovs_32aligned_be64 tx_errors; /* Transmit errors. */
    ovs_32aligned_be64 rx_frame_err; /* Frame alignment errors. */
    ovs_32aligned_be64 rx_over_err; /* Packets with RX overrun. */
    ovs_32aligned_be64 rx_crc_err; /* CRC errors. */
    ovs_32aligned_be64 collisions; /* Collisions. */
};
OFP_ASSERT(sizeof(struct ofp10_port_stats) == 104);

/* All queues. */
#define OFPQ_ALL 0xffffffff

/* Body of OFPST_QUEUE request (OpenFlow 1.0). */
struct ofp10_queue_stats_request {
    ovs_be16 port_no;           /* All ports if OFPP_ALL. */
    uint8_t pad[2];             /* Align to 32 bits. */
    ovs_be32 queue_id;          /* All queues if OFPQ_ALL. */
};
OFP_ASSERT(sizeof(struct ofp10_queue_stats_request) == 8);

/* One queue in an OFPST_QUEUE reply (OpenFlow 1.0). */
struct ofp10_queue_stats {
    ovs_be16 port_no;           /* Port number. */
    uint8_t pad[2];             /* Align to 32 bits. */
    ovs_be32 queue_id;          /* Queue id. */
    ovs_32aligned_be64 tx_bytes; /* Number of transmitted bytes. */
    ovs_32aligned_be64 tx_packets; /* Number of transmitted packets. */
    ovs_32aligned_be64 tx_errors; /* Packets dropped due to overrun. */
};
OFP_ASSERT(sizeof(struct ofp10_queue_stats) == 32);

/* OFPT10_QUEUE_GET_CONFIG_REQUEST body. */
struct ofp10_queue_get_config_request {
    ovs_be16 port;              /* Port to be queried. */
    uint8_t pad[2];             /* 32-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp10_queue_get_config_request) == 4);

/* OFPT10_QUEUE_GET_CONFIG_REPLY body; then ofp10_packet_queue list. */
struct ofp10_queue_get_config_reply {
    ovs_be16 port;              /* Port that was queried. */
    uint8_t pad[6];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp10_queue_get_config_reply) == 8);

/* A queue in a 1.0 or 1.1 queue config reply; properties follow. */
struct ofp10_packet_queue {
    ovs_be32 queue_id;          /* Id for the specific queue. */
    ovs_be16 len;               /* Length in bytes of this queue desc. */
    uint8_t pad[2];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp10_packet_queue) == 8);

#endif /* openflow/openflow-1.0.h */
