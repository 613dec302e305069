/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_OPENFLOW15_H
#define OPENFLOW_OPENFLOW15_H 1

/* OpenFlow 1.5 wire formats (the parts Weft needs), on top of 1.4's. */

#include "openflow/openflow-1.4.h"

/* OpenFlow 1.5+ message types (beyond those of 1.4). */
enum ofp15_type {
    OFPT15_CONTROLLER_STATUS = 35 /* Async message. */
};

/* Group commands added by OpenFlow 1.5. */
enum ofp15_group_mod_command {
    OFPGC15_INSERT_BUCKET = 3,  /* Insert buckets in an existing group. */
    OFPGC15_REMOVE_BUCKET = 5   /* Remove buckets from a group. */
};

/* Bucket ids (OpenFlow 1.5). */
enum ofp15_group_bucket {
    OFPG15_BUCKET_MAX = 0xffffff00, /* Last usable bucket id. */
    OFPG15_BUCKET_FIRST = 0xfffffffd, /* First bucket in the group. */
    OFPG15_BUCKET_LAST = 0xfffffffe, /* Last bucket in the group. */
    OFPG15_BUCKET_ALL = 0xffffffff /* All buckets in the group. */
};

/* A bucket (OpenFlow 1.5); actions, then properties, follow. */
struct ofp15_bucket {
    ovs_be16 len;               /* Length of bucket including actions and
                                 * properties. */
    ovs_be16 action_array_len;  /* Length of all actions in bytes. */
    ovs_be32 bucket_id;         /* Bucket id. */
};
OFP_ASSERT(sizeof(struct ofp15_bucket) == 8);

/* Group bucket property types (OpenFlow 1.5). */
enum ofp15_group_bucket_prop_type {
    OFPGBPT15_WEIGHT = 0,       /* Select groups only. */
    OFPGBPT15_WATCH_PORT = 1,   /* Fast failover groups only. */
    OFPGBPT15_WATCH_GROUP = 2,  /* Fast failover groups only. */
    OFPGBPT15_EXPERIMENTER = 0xFFFF /* Experimenter defined. */
};

/* OFPGBPT15_WEIGHT property. */
struct ofp15_group_bucket_prop_weight {
    ovs_be16 type;              /* OFPGBPT15_WEIGHT. */
    ovs_be16 length;            /* Length is 8. */
    ovs_be16 weight;            /* Relative weight of bucket. */
    uint8_t pad[2];             /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp15_group_bucket_prop_weight) == 8);

/* OFPGBPT15_WATCH_PORT or OFPGBPT15_WATCH_GROUP property. */
struct ofp15_group_bucket_prop_watch {
    ovs_be16 type;              /* OFPGBPT15_WATCH_PORT or _GROUP. */
    ovs_be16 length;            /* Length is 8. */
    ovs_be32 watch;             /* The port or group. */
};
OFP_ASSERT(sizeof(struct ofp15_group_bucket_prop_watch) == 8);

/* OFPT11_GROUP_MOD body (OpenFlow 1.5); buckets, then properties. */
struct ofp15_group_mod {
    ovs_be16 command;           /* One of OFPGC15_* or OFPGC11_*. */
    uint8_t type;               /* One of OFPGT11_*. */
    uint8_t pad;                /* Pad to 64 bits. */
    ovs_be32 group_id;          /* Group identifier. */
    ovs_be16 bucket_array_len;  /* Length of action buckets data. */
    uint8_t pad1[2];            /* Pad to 64 bits. */
    ovs_be32 command_bucket_id; /* Bucket id for insert/remove. */
};
OFP_ASSERT(sizeof(struct ofp15_group_mod) == 16);

/* One group in an OFPST11_GROUP_DESC reply (OpenFlow 1.5). */
struct ofp15_group_desc_stats {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t type;               /* One of OFPGT11_*. */
    uint8_t pad;                /* Pad to 64 bits. */
    ovs_be32 group_id;          /* Group identifier. */
    ovs_be16 bucket_list_len;   /* Length of action buckets data. */
    uint8_t pad2[6];            /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp15_group_desc_stats) == 16);

/* OFPT11_PACKET_OUT body (OpenFlow 1.5); match, actions, frame. */
struct ofp15_packet_out {
    ovs_be32 buffer_id;         /* ID assigned by datapath or UINT32_MAX. */
    ovs_be16 actions_len;       /* Size of action array in bytes. */
    uint8_t pad[2];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp15_packet_out) == 8);

/* OpenFlow 1.5 meter mod command addition. */
#define OFPMC15_ADD_OR_MOD 0x8000

#endif /* openflow/openflow-1.5.h */
