/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_OPENFLOW14_H
#define OPENFLOW_OPENFLOW14_H 1

/* OpenFlow 1.4 wire formats (the parts Weft needs), on top of 1.3's. */

#include "openflow/openflow-1.3.h"

/* OpenFlow 1.4+ message types (beyond those of 1.3). */
enum ofp14_type {
    OFPT14_ROLE_STATUS = 30,    /* Async message. */
    OFPT14_TABLE_STATUS = 31,   /* Async message. */
    OFPT14_REQUESTFORWARD = 32, /* Async message. */
    OFPT14_BUNDLE_CONTROL = 33, /* Controller/switch message. */
    OFPT14_BUNDLE_ADD_MESSAGE = 34 /* Controller/switch message. */
};

/* Port description property types. */
enum ofp14_port_desc_prop_type {
    OFPPDPT14_ETHERNET = 0,     /* Ethernet property. */
    OFPPDPT14_OPTICAL = 1,      /* Optical property. */
    OFPPDPT14_EXPERIMENTER = 0xFFFF /* Experimenter property. */
};

/* Ethernet port description property. */
struct ofp14_port_desc_prop_ethernet {
    ovs_be16 type;              /* OFPPDPT14_ETHERNET. */
    ovs_be16 length;            /* Length in bytes of this property. */
    uint8_t pad[4];             /* Align to 64 bits. */
    ovs_be32 curr;              /* Current features (OFPPF11_*). */
    ovs_be32 advertised;        /* Features being advertised. */
    ovs_be32 supported;         /* Features supported by the port. */
    ovs_be32 peer;              /* Features advertised by peer. */
    ovs_be32 curr_speed;        /* Current port bitrate in kbps. */
    ovs_be32 max_speed;         /* Max port bitrate in kbps. */
};
OFP_ASSERT(sizeof(struct ofp14_port_desc_prop_ethernet) == 32);

/* Description of a port (OpenFlow 1.4+); properties follow. */
struct ofp14_port {
    ovs_be32 port_no;           /* Port number. */
    ovs_be16 length;            /* Length including properties. */
    uint8_t pad[2];             /* Align to 64 bits. */
    struct eth_addr hw_addr;    /* Ethernet address. */
    uint8_t pad2[2];            /* Align to 64 bits. */
    char name[OFP_MAX_PORT_NAME_LEN]; /* Null-terminated name. */
    ovs_be32 config;            /* Bitmap of OFPPC_* flags. */
    ovs_be32 state;             /* Bitmap of OFPPS_* flags. */
};
OFP_ASSERT(sizeof(struct ofp14_port) == 40);

/* Port mod property types. */
enum ofp14_port_mod_prop_type {
    OFPPMPT14_ETHERNET = 0,     /* Ethernet property. */
    OFPPMPT14_OPTICAL = 1,      /* Optical property. */
    OFPPMPT14_EXPERIMENTER = 0xFFFF /* Experimenter property. */
};

/* Ethernet port mod property. */
struct ofp14_port_mod_prop_ethernet {
    ovs_be16 type;              /* OFPPMPT14_ETHERNET. */
    ovs_be16 length;            /* Length is 8. */
    ovs_be32 advertise;         /* Bitmap of OFPPF11_*; zero for no change. */
};
OFP_ASSERT(sizeof(struct ofp14_port_mod_prop_ethernet) == 8);

/* OFPT11_PORT_MOD body (OpenFlow 1.4+); properties follow. */
struct ofp14_port_mod {
    ovs_be32 port_no;           /* Port number. */
    uint8_t pad[4];             /* Align to 64 bits. */
    struct eth_addr hw_addr;    /* Must match the port's. */
    uint8_t pad2[2];            /* Align to 64 bits. */
    ovs_be32 config;            /* Bitmap of OFPPC_* flags. */
    ovs_be32 mask;              /* Bitmap of OFPPC_* flags to change. */
};
OFP_ASSERT(sizeof(struct ofp14_port_mod) == 24);

/* Port stats property types. */
enum ofp14_port_stats_prop_type {
    OFPPSPT14_ETHERNET = 0,     /* Ethernet property. */
    OFPPSPT14_OPTICAL = 1,      /* Optical property. */
    OFPPSPT14_EXPERIMENTER = 0xFFFF /* Experimenter property. */
};

/* Ethernet port stats property. */
struct ofp14_port_stats_prop_ethernet {
    ovs_be16 type;              /* OFPPSPT14_ETHERNET. */
    ovs_be16 length;            /* Length is 40. */
    uint8_t pad[4];             /* Align to 64 bits. */
    ovs_be64 rx_frame_err;      /* Frame alignment errors. */
    ovs_be64 rx_over_err;       /* Packets with RX overrun. */
    ovs_be64 rx_crc_err;        /* CRC errors. */
    ovs_be64 collisions;        /* Collisions. */
};
OFP_ASSERT(sizeof(struct ofp14_port_stats_prop_ethernet) == 40);

/* One port in an OFPST_PORT reply (OpenFlow 1.4+); properties follow. */
struct ofp14_port_stats {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t pad[2];             /* Align to 64 bits. */
    ovs_be32 port_no;           /* Port number. */
    ovs_be32 duration_sec;      /* Time port has been alive in seconds. */
    ovs_be32 duration_nsec;     /* Time alive beyond duration_sec. */
    ovs_be64 rx_packets;        /* Number of received packets. */
    ovs_be64 tx_packets;        /* Number of transmitted packets. */
    ovs_be64 rx_bytes;          /* Number of received bytes. */
    ovs_be64 tx_bytes;          /* Number of transmitted bytes. */
    ovs_be64 rx_dropped;        /* Packets dropped by RX. */
    ovs_be64 tx_dropped;        /* Packets dropped by TX. */
    ovs_be64 rx_errors;         /* Receive errors. */
    ovs_be64 tx_errors;         /* Transmit errors. */
};
OFP_ASSERT(sizeof(struct ofp14_port_stats) == 80);

/* One queue in an OFPST_QUEUE reply (OpenFlow 1.4+); properties follow. */
struct ofp14_queue_stats {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t pad[6];             /* Align to 64 bits. */
    struct ofp13_queue_stats qs; /* Fields of 1.3. */
};
OFP_ASSERT(sizeof(struct ofp14_queue_stats) == 48);

/* Body of an OFPST14_QUEUE_DESC request. */
struct ofp14_queue_desc_request {
    ovs_be32 port;              /* All ports if OFPP_ANY. */
    ovs_be32 queue;             /* All queues if OFPQ_ALL. */
};
OFP_ASSERT(sizeof(struct ofp14_queue_desc_request) == 8);

/* One queue in an OFPST14_QUEUE_DESC reply; properties follow. */
struct ofp14_queue_desc {
    ovs_be32 port_no;           /* Port this queue is attached to. */
    ovs_be32 queue_id;          /* Id for the specific queue. */
    ovs_be16 len;               /* Length in bytes of this queue desc. */
    uint8_t pad[6];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp14_queue_desc) == 16);

/* OFPT11_TABLE_MOD body (OpenFlow 1.4+); properties follow. */
struct ofp14_table_mod {
    uint8_t table_id;           /* ID of the table, OFPTT_ALL for all. */
    uint8_t pad[3];             /* Pad to 32 bits. */
    ovs_be32 config;            /* Bitmap of OFPTC14_* flags. */
};
OFP_ASSERT(sizeof(struct ofp14_table_mod) == 8);

/* One table in an OFPST14_TABLE_DESC reply; properties follow. */
struct ofp14_table_desc {
    ovs_be16 length;            /* Length is padded to 64 bits. */
    uint8_t table_id;           /* Identifier of table. */
    uint8_t pad[1];             /* Align to 32 bits. */
    ovs_be32 config;            /* Bitmap of OFPTC14_* values. */
};
OFP_ASSERT(sizeof(struct ofp14_table_desc) == 8);

/* OFPT14_TABLE_STATUS body, follows ofp_header; a table desc follows. */
struct ofp14_table_status {
    uint8_t reason;             /* One of OFPTR_*. */
    uint8_t pad[7];             /* Pad to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp14_table_status) == 8);

/* Table mod property types. */
enum ofp14_table_mod_prop_type {
    OFPTMPT14_EVICTION = 0x2,   /* Eviction property. */
    OFPTMPT14_VACANCY = 0x3,    /* Vacancy property. */
    OFPTMPT14_EXPERIMENTER = 0xFFFF /* Experimenter property. */
};

/* Vacancy table mod property. */
struct ofp14_table_mod_prop_vacancy {
    ovs_be16 type;              /* OFPTMPT14_VACANCY. */
    ovs_be16 length;            /* Length is 8. */
    uint8_t vacancy_down;       /* Vacancy threshold going down (%). */
    uint8_t vacancy_up;         /* Vacancy threshold going up (%). */
    uint8_t vacancy;            /* Current vacancy (%), only in replies. */
    uint8_t pad[1];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp14_table_mod_prop_vacancy) == 8);

/* Role status property types. */
enum ofp14_role_prop_type {
    OFPRPT_EXPERIMENTER = 0xFFFF /* Experimenter property. */
};

#endif /* openflow/openflow-1.4.h */
