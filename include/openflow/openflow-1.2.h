/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_OPENFLOW12_H
#define OPENFLOW_OPENFLOW12_H 1

/* OpenFlow 1.2 wire formats (OpenFlow Switch Specification 1.2), on top of
 * 1.1's. */

#include "openflow/openflow-1.1.h"

/* OpenFlow 1.2+ message types (beyond those of 1.1). */
enum ofp12_type {
    OFPT12_ROLE_REQUEST = 24,   /* Controller/switch message. */
    OFPT12_ROLE_REPLY = 25      /* Controller/switch message. */
};

/* OpenFlow 1.2+ capability bits. */
enum ofp12_capabilities {
    OFPC12_PORT_BLOCKED = 1 << 8 /* Switch will block looping ports. */
};

/* OXM classes (OpenFlow 1.2+). */
enum ofp12_oxm_class {
    OFPXMC12_NXM_0 = 0x0000,    /* Backward compatibility with NXM. */
    OFPXMC12_NXM_1 = 0x0001,    /* Backward compatibility with NXM. */
    OFPXMC12_OPENFLOW_BASIC = 0x8000, /* Basic class for OpenFlow. */
    OFPXMC15_PACKET_REGS = 0x8001, /* 1.5+: packet registers. */
    OFPXMC12_EXPERIMENTER = 0xffff /* Experimenter class. */
};

/* VLAN id bits in OXM (OpenFlow 1.2+). */
enum ofp12_vlan_id {
    OFPVID12_PRESENT = 0x1000,  /* Bit that indicates that a VLAN id is
                                 * set. */
    OFPVID12_NONE = 0x0000      /* No VLAN id was set. */
};

/* OFPAT12_SET_FIELD action: the OXM TLV follows the first 4 bytes, then
 * padding to a multiple of 8. */
struct ofp12_action_set_field {
    ovs_be16 type;              /* OFPAT12_SET_FIELD. */
    ovs_be16 len;               /* Length is padded to 64 bits. */
    /* Followed by an OXM TLV and zero padding. */
};
OFP_ASSERT(sizeof(struct ofp12_action_set_field) == 4);

/* One table in an OFPST_TABLE reply (OpenFlow 1.2). */
struct ofp12_table_stats {
    uint8_t table_id;           /* Identifier of table. */
    uint8_t pad[7];             /* Align to 64 bits. */
    char name[OFP_MAX_TABLE_NAME_LEN]; /* Table name. */
    ovs_be64 match;             /* Bitmap of (1 << OFPXMT_*) matchable. */
    ovs_be64 wildcards;         /* Bitmap of (1 << OFPXMT_*) wildcardable. */
    ovs_be32 write_actions;     /* Bitmap of 1 << OFPAT_* writable. */
    ovs_be32 apply_actions;     /* Bitmap of 1 << OFPAT_* applicable. */
    ovs_be64 write_setfields;   /* Bitmap of 1 << OFPXMT_* for write. */
    ovs_be64 apply_setfields;   /* Bitmap of 1 << OFPXMT_* for apply. */
    ovs_be64 metadata_match;    /* Bits of metadata table can match. */
    ovs_be64 metadata_write;    /* Bits of metadata table can write. */
    ovs_be32 instructions;      /* Bitmap of 1 << OFPIT_* supported. */
    ovs_be32 config;            /* Bitmap of OFPTC_* values. */
    ovs_be32 max_entries;       /* Max number of entries supported. */
    ovs_be32 active_count;      /* Number of active entries. */
    ovs_be64 lookup_count;      /* Packets looked up in table. */
    ovs_be64 matched_count;     /* Packets that hit table. */
};
OFP_ASSERT(sizeof(struct ofp12_table_stats) == 128);

/* OFPT11_PACKET_IN body (OpenFlow 1.2); then the match, 2 bytes of padding
 * and the frame. */
struct ofp12_packet_in {
    ovs_be32 buffer_id;         /* ID assigned by datapath. */
    ovs_be16 total_len;         /* Full length of frame. */
    uint8_t reason;             /* Reason packet is being sent (OFPR_*). */
    uint8_t table_id;           /* ID of the table that was looked up. */
};
OFP_ASSERT(sizeof(struct ofp12_packet_in) == 8);

/* A queue in a 1.2+ queue config reply; properties follow. */
struct ofp12_packet_queue {
    ovs_be32 queue_id;          /* Id for the specific queue. */
    ovs_be32 port;              /* Port this queue is attached to. */
    ovs_be16 len;               /* Length in bytes of this queue desc. */
    uint8_t pad[6];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp12_packet_queue) == 16);

/* Experimenter queue property (OpenFlow 1.2+). */
struct ofp12_queue_prop_experimenter {
    struct ofp_queue_prop_header prop_header; /* OFPQT_EXPERIMENTER. */
    ovs_be32 experimenter;      /* Experimenter ID. */
    uint8_t pad[4];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp12_queue_prop_experimenter) == 16);

/* Group capabilities (OpenFlow 1.2+ group features). */
enum ofp12_group_capabilities {
    OFPGFC12_SELECT_WEIGHT = 1 << 0, /* Support weight for select groups. */
    OFPGFC12_SELECT_LIVENESS = 1 << 1, /* Support liveness for select. */
    OFPGFC12_CHAINING = 1 << 2, /* Support chaining groups. */
    OFPGFC12_CHAINING_CHECKS = 1 << 3 /* Check chaining for loops. */
};

/* Body of reply to OFPST12_GROUP_FEATURES. */
struct ofp12_group_features_stats {
    ovs_be32 types;             /* Bitmap of OFPGT11_* values supported. */
    ovs_be32 capabilities;      /* Bitmap of OFPGFC12_* capability. */
    ovs_be32 max_groups[4];     /* Maximum number of groups per type. */
    ovs_be32 actions[4];        /* Bitmaps of OFPAT_* supported per type. */
};
OFP_ASSERT(sizeof(struct ofp12_group_features_stats) == 40);

#endif /* openflow/openflow-1.2.h */
