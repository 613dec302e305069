/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_OPENFLOW13_H
#define OPENFLOW_OPENFLOW13_H 1

/* OpenFlow 1.3 wire formats (OpenFlow Switch Specification 1.3), on top of
 * 1.2's. */

#include "openflow/openflow-1.2.h"

/* OpenFlow 1.3+ message types (beyond those of 1.2). */
enum ofp13_type {
    OFPT13_GET_ASYNC_REQUEST = 26, /* Controller/switch message. */
    OFPT13_GET_ASYNC_REPLY = 27, /* Controller/switch message. */
    OFPT13_SET_ASYNC = 28,      /* Controller/switch message. */
    OFPT13_METER_MOD = 29       /* Controller/switch message. */
};

/* Multipart type names of 1.3 (same numbers as enum ofp_stats_types). */
#define OFPMP13_DESC OFPST_DESC
#define OFPMP13_PORT_DESC OFPST_PORT_DESC

/* OFPT13_PACKET_IN body (OpenFlow 1.3+); then the match, 2 bytes of padding
 * and the frame. */
struct ofp13_packet_in {
    struct ofp12_packet_in pi;  /* Fields of 1.2. */
    ovs_be64 cookie;            /* Cookie of the flow entry that sent the
                                 * packet; all-ones if none. */
};
OFP_ASSERT(sizeof(struct ofp13_packet_in) == 16);

/* One port in an OFPST_PORT reply (OpenFlow 1.3). */
struct ofp13_port_stats {
    struct ofp11_port_stats ps; /* Fields of 1.1. */
    ovs_be32 duration_sec;      /* Time port has been alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
};
OFP_ASSERT(sizeof(struct ofp13_port_stats) == 112);

/* One queue in an OFPST_QUEUE reply (OpenFlow 1.3). */
struct ofp13_queue_stats {
    struct ofp11_queue_stats qs; /* Fields of 1.1. */
    ovs_be32 duration_sec;      /* Time queue has been alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
};
OFP_ASSERT(sizeof(struct ofp13_queue_stats) == 40);

/* One group in an OFPST11_GROUP reply (OpenFlow 1.3+); bucket counters
 * follow. */
struct ofp13_group_stats {
    struct ofp11_group_stats gs; /* Fields of 1.1. */
    ovs_be32 duration_sec;      /* Time group has been alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
};
OFP_ASSERT(sizeof(struct ofp13_group_stats) == 40);

/* One table in an OFPST_TABLE reply (OpenFlow 1.3+). */
struct ofp13_table_stats {
    uint8_t table_id;           /* Identifier of table. */
    uint8_t pad[3];             /* Align to 32 bits. */
    ovs_be32 active_count;      /* Number of active entries. */
    ovs_be64 lookup_count;      /* Packets looked up in table. */
    ovs_be64 matched_count;     /* Packets that hit table. */
};
OFP_ASSERT(sizeof(struct ofp13_table_stats) == 24);

/* One table in an OFPST13_TABLE_FEATURES request or reply; properties
 * follow. */
struct ofp13_table_features {
    ovs_be16 length;            /* Length is padded to 64 bits. */
    uint8_t table_id;           /* Identifier of table. */
    uint8_t pad[5];             /* Align to 64 bits. */
    char name[OFP_MAX_TABLE_NAME_LEN]; /* Table name. */
    ovs_be64 metadata_match;    /* Bits of metadata table can match. */
    ovs_be64 metadata_write;    /* Bits of metadata table can write. */
    ovs_be32 config;            /* Bitmap of OFPTC_* values. */
    ovs_be32 max_entries;       /* Max number of entries supported. */
};
OFP_ASSERT(sizeof(struct ofp13_table_features) == 64);

/* Table feature property types (OpenFlow 1.3+). */
enum ofp13_table_feature_prop_type {
    OFPTFPT13_INSTRUCTIONS = 0,
    OFPTFPT13_INSTRUCTIONS_MISS = 1,
    OFPTFPT13_NEXT_TABLES = 2,
    OFPTFPT13_NEXT_TABLES_MISS = 3,
    OFPTFPT13_WRITE_ACTIONS = 4,
    OFPTFPT13_WRITE_ACTIONS_MISS = 5,
    OFPTFPT13_APPLY_ACTIONS = 6,
    OFPTFPT13_APPLY_ACTIONS_MISS = 7,
    OFPTFPT13_MATCH = 8,
    OFPTFPT13_WILDCARDS = 10,
    OFPTFPT13_WRITE_SETFIELD = 12,
    OFPTFPT13_WRITE_SETFIELD_MISS = 13,
    OFPTFPT13_APPLY_SETFIELD = 14,
    OFPTFPT13_APPLY_SETFIELD_MISS = 15,
    OFPTFPT13_EXPERIMENTER = 0xFFFE,
    OFPTFPT13_EXPERIMENTER_MISS = 0xFFFF
};

/* Async config body (OpenFlow 1.3), follows ofp_header.  Element 0 of each
 * array is for the master/equal role, element 1 for the slave role. */
struct ofp13_async_config {
    ovs_be32 packet_in_mask[2]; /* Bitmasks of 1 << OFPR_*. */
    ovs_be32 port_status_mask[2]; /* Bitmasks of 1 << OFPPR_*. */
    ovs_be32 flow_removed_mask[2]; /* Bitmasks of 1 << OFPRR_*. */
};
OFP_ASSERT(sizeof(struct ofp13_async_config) == 24);

/* Meter numbering (OpenFlow 1.3+). */
enum ofp13_meter {
    OFPM13_MAX = 0xffff0000,    /* Last usable meter. */
    OFPM13_SLOWPATH = 0xfffffffd, /* Meter for slow datapath. */
    OFPM13_CONTROLLER = 0xfffffffe, /* Meter for controller connection. */
    OFPM13_ALL = 0xffffffff     /* All meters, for stats requests. */
};

/* Meter band types. */
enum ofp13_meter_band_type {
    OFPMBT13_DROP = 1,          /* Drop packet. */
    OFPMBT13_DSCP_REMARK = 2,   /* Remark DSCP in the IP header. */
    OFPMBT13_EXPERIMENTER = 0xFFFF /* Experimenter meter band. */
};

/* Common header of all meter bands. */
struct ofp13_meter_band_header {
    ovs_be16 type;              /* One of OFPMBT13_*. */
    ovs_be16 len;               /* Length in bytes of this band. */
    ovs_be32 rate;              /* Rate for this band. */
    ovs_be32 burst_size;        /* Size of bursts. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_header) == 12);

/* OFPMBT13_DROP band. */
struct ofp13_meter_band_drop {
    ovs_be16 type;              /* OFPMBT13_DROP. */
    ovs_be16 len;               /* Length is 16. */
    ovs_be32 rate;              /* Rate for dropping packets. */
    ovs_be32 burst_size;        /* Size of bursts. */
    uint8_t pad[4];             /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_drop) == 16);

/* OFPMBT13_DSCP_REMARK band. */
struct ofp13_meter_band_dscp_remark {
    ovs_be16 type;              /* OFPMBT13_DSCP_REMARK. */
    ovs_be16 len;               /* Length is 16. */
    ovs_be32 rate;              /* Rate for remarking packets. */
    ovs_be32 burst_size;        /* Size of bursts. */
    uint8_t prec_level;         /* Number of drop precedence levels to
                                 * add. */
    uint8_t pad[3];             /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_dscp_remark) == 16);

/* OFPMBT13_EXPERIMENTER band. */
struct ofp13_meter_band_experimenter {
    ovs_be16 type;              /* OFPMBT13_EXPERIMENTER. */
    ovs_be16 len;               /* Length, a multiple of 8. */
    ovs_be32 rate;              /* Rate for this band. */
    ovs_be32 burst_size;        /* Size of bursts. */
    ovs_be32 experimenter;      /* Experimenter ID. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_experimenter) == 16);

/* Meter commands. */
enum ofp13_meter_mod_command {
    OFPMC13_ADD,                /* New meter. */
    OFPMC13_MODIFY,             /* Modify specified meter. */
    OFPMC13_DELETE              /* Delete specified meter. */
};

/* Meter configuration flags. */
enum ofp13_meter_flags {
    OFPMF13_KBPS = 1 << 0,      /* Rate value in kb/s. */
    OFPMF13_PKTPS = 1 << 1,     /* Rate value in packet/sec. */
    OFPMF13_BURST = 1 << 2,     /* Do burst size. */
    OFPMF13_STATS = 1 << 3      /* Collect statistics. */
};

/* OFPT13_METER_MOD body, follows ofp_header; bands follow. */
struct ofp13_meter_mod {
    ovs_be16 command;           /* One of OFPMC13_*. */
    ovs_be16 flags;             /* Bitmap of OFPMF13_* flags. */
    ovs_be32 meter_id;          /* Meter instance. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_mod) == 8);

/* Body of OFPST13_METER and OFPST13_METER_CONFIG requests. */
struct ofp13_meter_multipart_request {
    ovs_be32 meter_id;          /* Meter instance, or OFPM13_ALL. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_multipart_request) == 8);

/* Statistics for one meter band. */
struct ofp13_meter_band_stats {
    ovs_be64 packet_band_count; /* Packets in band. */
    ovs_be64 byte_band_count;   /* Bytes in band. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_stats) == 16);

/* One meter in an OFPST13_METER reply; band stats follow. */
struct ofp13_meter_stats {
    ovs_be32 meter_id;          /* Meter instance. */
    ovs_be16 len;               /* Length in bytes of this stats. */
    uint8_t pad[6];             /* Align to 64 bits. */
    ovs_be32 flow_count;        /* Flows bound to meter. */
    ovs_be64 packet_in_count;   /* Packets in input. */
    ovs_be64 byte_in_count;     /* Bytes in input. */
    ovs_be32 duration_sec;      /* Time meter has been alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_stats) == 40);

/* One meter in an OFPST13_METER_CONFIG reply; bands follow. */
struct ofp13_meter_config {
    ovs_be16 length;            /* Length of this entry. */
    ovs_be16 flags;             /* OFPMF13_* flags. */
    ovs_be32 meter_id;          /* Meter instance. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_config) == 8);

/* Body of reply to OFPST13_METER_FEATURES. */
struct ofp13_meter_features {
    ovs_be32 max_meter;         /* Maximum number of meters. */
    ovs_be32 band_types;        /* Bitmap of 1 << OFPMBT13_* supported. */
    ovs_be32 capabilities;      /* Bitmap of OFPMF13_* flags supported. */
    uint8_t max_bands;          /* Maximum bands per meter. */
    uint8_t max_color;          /* Maximum color value. */
    uint8_t pad[2];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp13_meter_features) == 16);

/* OFPIT13_METER instruction. */
struct ofp13_instruction_meter {
    ovs_be16 type;              /* OFPIT13_METER. */
    ovs_be16 len;               /* Length is 8. */
    ovs_be32 meter_id;          /* Meter instance. */
};
OFP_ASSERT(sizeof(struct ofp13_instruction_meter) == 8);

#endif /* openflow/openflow-1.3.h */
