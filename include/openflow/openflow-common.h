/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENFLOW_COMMON_H
#define OPENFLOW_COMMON_H 1

/* Wire formats shared by every OpenFlow version (1.0 to 1.5), written from
 * the OpenFlow switch specifications.  Every multi-byte member is in network
 * byte order.  Each struct's size is checked with OFP_ASSERT, because these
 * structs are laid over received bytes. */

#include <stddef.h>
#include <endian.h>
#include <stdint.h>
#include <string.h>
#include "openvswitch/types.h"

/* Compile-time check of a wire struct's size. */
#define OFP_ASSERT(EXPR) _Static_assert(EXPR, #EXPR)

/* A 64-bit network byte order value that is only 4-byte aligned in a
 * message (OpenFlow 1.0 statistics bodies follow a 12-byte header). */
#ifndef OVS_32ALIGNED_BE64_DEFINED
#define OVS_32ALIGNED_BE64_DEFINED 1
typedef struct {
    ovs_be32 hi;                /* High-order 32 bits (first in memory). */
    ovs_be32 lo;                /* Low-order 32 bits. */
} ovs_32aligned_be64;
#endif

/* Returns 'x' as a network byte order 64-bit value. */
static inline ovs_be64
get_32aligned_be64(const ovs_32aligned_be64 *x)
{
    ovs_be64 value;

    memcpy(&value, x, sizeof value);
    return value;
}

/* Stores network byte order 'value' into 'x'. */
static inline void
put_32aligned_be64(ovs_32aligned_be64 *x, ovs_be64 value)
{
    memcpy(x, &value, sizeof value);
}

/* Returns 'x' in host byte order. */
static inline uint64_t
ofp_get_32aligned_be64_host(const ovs_32aligned_be64 *x)
{
    return be64toh(get_32aligned_be64(x));
}

/* Stores host byte order 'value' into 'x'. */
static inline void
ofp_put_32aligned_be64_host(ovs_32aligned_be64 *x, uint64_t value)
{
    put_32aligned_be64(x, htobe64(value));
}

/* The OpenFlow wire protocol versions (ofp_header 'version'). */
enum ofp_version {
    OFP10_VERSION = 0x01,
    OFP11_VERSION = 0x02,
    OFP12_VERSION = 0x03,
    OFP13_VERSION = 0x04,
    OFP14_VERSION = 0x05,
    OFP15_VERSION = 0x06,
    OFP16_VERSION = 0x07
};

/* Vendor (experimenter) IDs. */
#define OF_VENDOR_ID    0x00000000 /* OpenFlow itself. */
#define HPL_VENDOR_ID   0x000004EA /* HP Labs. */
#define NTR_VENDOR_ID   0x0000154d /* Netronome. */
#define NTR_COMPAT_VENDOR_ID 0x00001540 /* Netronome, older. */
#define NX_VENDOR_ID    0x00002320 /* Nicira. */
#define ONF_VENDOR_ID   0x4f4e4600 /* Open Networking Foundation. */
#define INTEL_VENDOR_ID 0x0000AA01 /* Intel. */

/* TCP ports: IANA's, and the one used before IANA assigned it. */
#define OFP_PORT 6653
#define OFP_OLD_PORT 6633

/* Sizes of fixed strings and arrays. */
#define OFP_ETH_ALEN 6          /* Bytes in an Ethernet address. */
#define OFP_MAX_PORT_NAME_LEN 16
#define OFP_MAX_TABLE_NAME_LEN 32
#define DESC_STR_LEN 256
#define SERIAL_NUM_LEN 32

/* Default miss_send_len, flow priority, "permanent" timeout, no buffer. */
#define OFP_DEFAULT_MISS_SEND_LEN 128
#define OFP_DEFAULT_PRIORITY 0x8000
#define OFP_FLOW_PERMANENT 0
#define OFP_NO_BUFFER 0xffffffff

/* Header of every OpenFlow message. */
struct ofp_header {
    uint8_t version;            /* An OFP*_VERSION. */
    uint8_t type;               /* One of the OFPT_* constants. */
    ovs_be16 length;            /* Length including this ofp_header. */
    ovs_be32 xid;               /* Transaction id for replies. */
};
OFP_ASSERT(sizeof(struct ofp_header) == 8);

/* Message types with the same number in every version. */
enum ofp_type {
    OFPT_HELLO = 0,             /* Symmetric message. */
    OFPT_ERROR = 1,             /* Symmetric message. */
    OFPT_ECHO_REQUEST = 2,      /* Symmetric message. */
    OFPT_ECHO_REPLY = 3,        /* Symmetric message. */
    OFPT_VENDOR = 4,            /* Symmetric message (EXPERIMENTER). */
    OFPT_FEATURES_REQUEST = 5,  /* Controller/switch message. */
    OFPT_FEATURES_REPLY = 6,    /* Controller/switch message. */
    OFPT_GET_CONFIG_REQUEST = 7, /* Controller/switch message. */
    OFPT_GET_CONFIG_REPLY = 8,  /* Controller/switch message. */
    OFPT_SET_CONFIG = 9,        /* Controller/switch message. */
    OFPT_PACKET_IN = 10,        /* Async message (all versions). */
    OFPT_FLOW_REMOVED = 11,     /* Async message (all versions). */
    OFPT_PORT_STATUS = 12,      /* Async message (all versions). */
    OFPT_PACKET_OUT = 13,       /* Controller/switch (all versions). */
    OFPT_FLOW_MOD = 14          /* Controller/switch (all versions). */
};

/* Hello element types (OpenFlow 1.3.1+). */
enum ofp_hello_elem_type {
    OFPHET_VERSIONBITMAP = 1    /* Bitmap of version supported. */
};

/* Common header of a hello element. */
struct ofp_hello_elem_header {
    ovs_be16 type;              /* One of OFPHET_*. */
    ovs_be16 length;            /* Length of element, excluding padding. */
};
OFP_ASSERT(sizeof(struct ofp_hello_elem_header) == 4);

/* Body of OFPT_ERROR (follows ofp_header); then at least 64 bytes of the
 * failed request, or text for HELLO_FAILED. */
struct ofp_error_msg {
    ovs_be16 type;              /* An OFPET_* type. */
    ovs_be16 code;              /* Code within the type. */
};
OFP_ASSERT(sizeof(struct ofp_error_msg) == 4);

/* OpenFlow 1.2+ experimenter error: follows ofp_header; type is
 * OFPET12_EXPERIMENTER (0xffff). */
struct ofp12_experimenter_error_msg {
    ovs_be16 type;              /* OFPET12_EXPERIMENTER. */
    ovs_be16 exp_type;          /* Experimenter defined. */
    ovs_be32 experimenter;      /* Experimenter ID. */
};
OFP_ASSERT(sizeof(struct ofp12_experimenter_error_msg) == 8);

/* Vendor (experimenter) message: ofp_header then this. */
struct ofp_vendor_header {
    struct ofp_header header;   /* OFPT_VENDOR. */
    ovs_be32 vendor;            /* Vendor ID. */
};
OFP_ASSERT(sizeof(struct ofp_vendor_header) == 12);

/* OpenFlow 1.2+ experimenter message header. */
struct ofp12_experimenter_header {
    struct ofp_header header;   /* OFPT_EXPERIMENTER (OFPT_VENDOR). */
    ovs_be32 experimenter;      /* Experimenter ID. */
    ovs_be32 exp_type;          /* Experimenter defined. */
};
OFP_ASSERT(sizeof(struct ofp12_experimenter_header) == 16);

/* Error types (ofp_error_msg 'type').  Numbers differ by version: 1.0 and
 * 1.1+ share the first five, then diverge. */
enum ofp_error_type_common {
    OFPET_HELLO_FAILED = 0,     /* Hello protocol failed. */
    OFPET_BAD_REQUEST = 1,      /* Request was not understood. */
    OFPET_BAD_ACTION = 2,       /* Error in action description. */
    OFPET10_FLOW_MOD_FAILED = 3, /* 1.0: Problem modifying flow entry. */
    OFPET10_PORT_MOD_FAILED = 4, /* 1.0: Port mod request failed. */
    OFPET10_QUEUE_OP_FAILED = 5, /* 1.0: Queue operation failed. */
    OFPET11_BAD_INSTRUCTION = 3, /* 1.1+: Error in instruction list. */
    OFPET11_BAD_MATCH = 4,      /* 1.1+: Error in match. */
    OFPET11_FLOW_MOD_FAILED = 5, /* 1.1+: Problem modifying flow entry. */
    OFPET11_GROUP_MOD_FAILED = 6, /* 1.1+: Problem modifying group. */
    OFPET11_PORT_MOD_FAILED = 7, /* 1.1+: Port mod request failed. */
    OFPET11_TABLE_MOD_FAILED = 8, /* 1.1+: Table mod request failed. */
    OFPET11_QUEUE_OP_FAILED = 9, /* 1.1+: Queue operation failed. */
    OFPET11_SWITCH_CONFIG_FAILED = 10, /* 1.1+: Switch config failed. */
    OFPET12_ROLE_REQUEST_FAILED = 11, /* 1.2+: Role request failed. */
    OFPET13_METER_MOD_FAILED = 12, /* 1.3+: Meter mod failed. */
    OFPET13_TABLE_FEATURES_FAILED = 13, /* 1.3+: Table features failed. */
    OFPET14_BAD_PROPERTY = 14,  /* 1.4+: Some property is invalid. */
    OFPET14_ASYNC_CONFIG_FAILED = 15, /* 1.4+: Async config failed. */
    OFPET14_FLOW_MONITOR_FAILED = 16, /* 1.4+: Flow monitor failed. */
    OFPET14_BUNDLE_FAILED = 17, /* 1.4+: Bundle operation failed. */
    OFPET12_EXPERIMENTER = 0xffff /* 1.2+: Experimenter error. */
};

/* Hello failed codes. */
enum ofp_hello_failed_code {
    OFPHFC_INCOMPATIBLE = 0,    /* No compatible version. */
    OFPHFC_EPERM = 1            /* Permissions error. */
};

/* OFPT_SET_CONFIG / OFPT_GET_CONFIG_REPLY body (follows ofp_header). */
struct ofp_switch_config {
    ovs_be16 flags;             /* OFPC_* flags. */
    ovs_be16 miss_send_len;     /* Max bytes of new flow to send to the
                                 * controller. */
};
OFP_ASSERT(sizeof(struct ofp_switch_config) == 4);

/* Switch configuration flags. */
enum ofp_config_flags {
    OFPC_FRAG_NORMAL = 0,       /* No special handling for fragments. */
    OFPC_FRAG_DROP = 1,         /* Drop fragments. */
    OFPC_FRAG_REASM = 2,        /* Reassemble (only if OFPC_IP_REASM). */
    OFPC_FRAG_NX_MATCH = 3,     /* Nicira: make first fragments matchable. */
    OFPC_FRAG_MASK = 3,         /* Mask of the fragment bits. */
    OFPC_INVALID_TTL_TO_CONTROLLER = 1 << 2 /* 1.1 and 1.2 only. */
};

/* OFPT_FEATURES_REPLY body (follows ofp_header); then, in 1.0 to 1.2, the
 * ports. */
struct ofp_switch_features {
    ovs_be64 datapath_id;       /* Datapath unique ID. */
    ovs_be32 n_buffers;         /* Max packets buffered at once. */
    uint8_t n_tables;           /* Number of tables supported. */
    uint8_t auxiliary_id;       /* 1.3+: auxiliary connection ID. */
    uint8_t pad[2];             /* Align to 64 bits. */
    ovs_be32 capabilities;      /* OFPC_*, OFPC10_*, OFPC11_*, OFPC12_*. */
    ovs_be32 actions;           /* 1.0: OFPAT10_* bitmap; 1.1+: reserved. */
};
OFP_ASSERT(sizeof(struct ofp_switch_features) == 24);

/* Capabilities (ofp_switch_features 'capabilities'). */
enum ofp_capabilities {
    OFPC_FLOW_STATS = 1 << 0,   /* Flow statistics. */
    OFPC_TABLE_STATS = 1 << 1,  /* Table statistics. */
    OFPC_PORT_STATS = 1 << 2,   /* Port statistics. */
    OFPC_IP_REASM = 1 << 5,     /* Can reassemble IP fragments. */
    OFPC_QUEUE_STATS = 1 << 6,  /* Queue statistics. */
    OFPC_ARP_MATCH_IP = 1 << 7  /* 1.0-1.1: match IP in ARP packets. */
};

/* Port config bits common to every version. */
enum ofp_port_config {
    OFPPC_PORT_DOWN = 1 << 0,   /* Port is administratively down. */
    OFPPC_NO_RECV = 1 << 2,     /* Drop all packets received by port. */
    OFPPC_NO_FWD = 1 << 5,      /* Drop packets forwarded to port. */
    OFPPC_NO_PACKET_IN = 1 << 6 /* No packet-in messages for port. */
};

/* Port state bits common to every version. */
enum ofp_port_state {
    OFPPS_LINK_DOWN = 1 << 0    /* No physical link present. */
};

/* Why a port status message was sent. */
enum ofp_port_reason {
    OFPPR_ADD,                  /* The port was added. */
    OFPPR_DELETE,               /* The port was removed. */
    OFPPR_MODIFY,               /* Some attribute of the port changed. */
    OFPPR_N_REASONS             /* Number of reasons. */
};

/* OFPT_PORT_STATUS body prefix (follows ofp_header); the port follows. */
struct ofp_port_status {
    uint8_t reason;             /* One of OFPPR_*. */
    uint8_t pad[7];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp_port_status) == 8);

/* Why a packet was sent to the controller.  The last two are Open vSwitch's
 * internal refinements of OFPR_NO_MATCH. */
enum ofp_packet_in_reason {
    OFPR_NO_MATCH,              /* No matching flow (table-miss). */
    OFPR_ACTION,                /* Action explicitly output to controller. */
    OFPR_INVALID_TTL,           /* Packet has invalid TTL. */
    OFPR_ACTION_SET,            /* 1.4+: output action in action set. */
    OFPR_GROUP,                 /* 1.4+: output action in group bucket. */
    OFPR_PACKET_OUT,            /* 1.4+: output action in packet-out. */
    OFPR_N_REASONS,             /* Number of wire reasons. */
    OFPR_EXPLICIT_MISS = OFPR_N_REASONS, /* Internal: explicit miss rule. */
    OFPR_IMPLICIT_MISS          /* Internal: implicit table-miss. */
};

/* Flow mod commands. */
enum ofp_flow_mod_command {
    OFPFC_ADD = 0,              /* New flow. */
    OFPFC_MODIFY = 1,           /* Modify all matching flows. */
    OFPFC_MODIFY_STRICT = 2,    /* Modify strictly matching flows. */
    OFPFC_DELETE = 3,           /* Delete all matching flows. */
    OFPFC_DELETE_STRICT = 4     /* Strictly match wildcards and priority. */
};

/* Flow mod flags. */
enum ofp_flow_mod_flags {
    OFPFF_SEND_FLOW_REM = 1 << 0, /* Send flow removed when it expires. */
    OFPFF_CHECK_OVERLAP = 1 << 1, /* Check for overlapping entries first. */
    OFPFF10_EMERG = 1 << 2,     /* 1.0: emergency flow cache. */
    OFPFF12_RESET_COUNTS = 1 << 2, /* 1.2+: reset flow counters. */
    OFPFF13_NO_PKT_COUNTS = 1 << 3, /* 1.3+: don't count packets. */
    OFPFF13_NO_BYT_COUNTS = 1 << 4  /* 1.3+: don't count bytes. */
};

/* Why a flow was removed. */
enum ofp_flow_removed_reason {
    OFPRR_IDLE_TIMEOUT,         /* Idle time exceeded idle_timeout. */
    OFPRR_HARD_TIMEOUT,         /* Time exceeded hard_timeout. */
    OFPRR_DELETE,               /* Evicted by a DELETE flow mod. */
    OFPRR_GROUP_DELETE,         /* 1.3+: group was removed. */
    OFPRR_METER_DELETE,         /* 1.3+: meter was removed. */
    OFPRR_EVICTION,             /* 1.4+: switch eviction. */
    OFPRR_N_REASONS             /* Number of reasons. */
};

/* Statistics/multipart message types (same numbers in every version; the
 * later ones exist only from the version in their name). */
enum ofp_stats_types {
    OFPST_DESC = 0,             /* Description of this switch. */
    OFPST_FLOW = 1,             /* Individual flow statistics. */
    OFPST_AGGREGATE = 2,        /* Aggregate flow statistics. */
    OFPST_TABLE = 3,            /* Flow table statistics. */
    OFPST_PORT = 4,             /* Physical port statistics. */
    OFPST_QUEUE = 5,            /* Queue statistics for a port. */
    OFPST11_GROUP = 6,          /* 1.1+: group counters. */
    OFPST11_GROUP_DESC = 7,     /* 1.1+: group description. */
    OFPST12_GROUP_FEATURES = 8, /* 1.2+: group features. */
    OFPST13_METER = 9,          /* 1.3+: meter statistics. */
    OFPST13_METER_CONFIG = 10,  /* 1.3+: meter configuration. */
    OFPST13_METER_FEATURES = 11, /* 1.3+: meter features. */
    OFPST13_TABLE_FEATURES = 12, /* 1.3+: table features. */
    OFPST_PORT_DESC = 13,       /* 1.3+ (and Open vSwitch for 1.0). */
    OFPST14_TABLE_DESC = 14,    /* 1.4+: table description. */
    OFPST14_QUEUE_DESC = 15,    /* 1.4+: queue description. */
    OFPST14_FLOW_MONITOR = 16,  /* 1.4+: flow monitor. */
    OFPST15_FLOW_DESC = 17,     /* 1.5: flow description. */
    OFPST15_FLOW_STATS = 18,    /* 1.5: flow statistics (stats-only). */
    OFPST15_CONTROLLER_STATUS = 19, /* 1.5: controller status. */
    OFPST15_BUNDLE_FEATURES = 20, /* 1.5: bundle features. */
    OFPST_VENDOR = 0xffff       /* Vendor (experimenter) extension. */
};

/* Multipart names for the same numbers (OpenFlow 1.3+ terminology). */
#define OFPMP_DESC OFPST_DESC
#define OFPMP_FLOW OFPST_FLOW
#define OFPMP_AGGREGATE OFPST_AGGREGATE
#define OFPMP_TABLE OFPST_TABLE
#define OFPMP_PORT_STATS OFPST_PORT
#define OFPMP_QUEUE OFPST_QUEUE
#define OFPMP_GROUP OFPST11_GROUP
#define OFPMP_GROUP_DESC OFPST11_GROUP_DESC
#define OFPMP_GROUP_FEATURES OFPST12_GROUP_FEATURES
#define OFPMP_METER OFPST13_METER
#define OFPMP_METER_CONFIG OFPST13_METER_CONFIG
#define OFPMP_METER_FEATURES OFPST13_METER_FEATURES
#define OFPMP_TABLE_FEATURES OFPST13_TABLE_FEATURES
#define OFPMP_PORT_DESC OFPST_PORT_DESC
#define OFPMP_EXPERIMENTER OFPST_VENDOR

/* Stats/multipart flags. */
enum ofp_stats_reply_flags {
    OFPSF_REPLY_MORE = 1 << 0   /* More replies to follow. */
};
enum ofp_stats_request_flags {
    OFPSF_REQ_MORE = 1 << 0     /* 1.3+: more requests to follow. */
};

/* Body of reply to OFPST_DESC. */
struct ofp_desc_stats {
    char mfr_desc[DESC_STR_LEN]; /* Manufacturer description. */
    char hw_desc[DESC_STR_LEN]; /* Hardware description. */
    char sw_desc[DESC_STR_LEN]; /* Software description. */
    char serial_num[SERIAL_NUM_LEN]; /* Serial number. */
    char dp_desc[DESC_STR_LEN]; /* Human readable description of dp. */
};
OFP_ASSERT(sizeof(struct ofp_desc_stats) == 1056);

/* Body of reply to OFPST_AGGREGATE (all versions). */
struct ofp_aggregate_stats_reply {
    ovs_32aligned_be64 packet_count; /* Number of packets in flows. */
    ovs_32aligned_be64 byte_count; /* Number of bytes in flows. */
    ovs_be32 flow_count;        /* Number of flows. */
    uint8_t pad[4];             /* Align to 64 bits. */
};
OFP_ASSERT(sizeof(struct ofp_aggregate_stats_reply) == 24);

/* Queue property types. */
enum ofp_queue_properties {
    OFPQT_NONE = 0,             /* 1.0: no property. */
    OFPQT_MIN_RATE = 1,         /* Minimum datarate guaranteed. */
    OFPQT_MAX_RATE = 2,         /* 1.2+: maximum datarate. */
    OFPQT_EXPERIMENTER = 0xffff /* 1.2+: experimenter property. */
};

/* Common header of queue properties. */
struct ofp_queue_prop_header {
    ovs_be16 property;          /* One of OFPQT_*. */
    ovs_be16 len;               /* Length of property, incl. header. */
    uint8_t pad[4];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp_queue_prop_header) == 8);

/* Min-rate or max-rate queue property. */
struct ofp_queue_prop_rate {
    struct ofp_queue_prop_header prop_header; /* OFPQT_MIN/MAX_RATE. */
    ovs_be16 rate;              /* In 1/10 of a percent; >1000 disabled. */
    uint8_t pad[6];             /* 64-bit alignment. */
};
OFP_ASSERT(sizeof(struct ofp_queue_prop_rate) == 16);

/* Table numbers. */
enum ofp_table {
    OFPTT_MAX = 0xfe,           /* Last usable table number. */
    OFPTT_ALL = 0xff            /* Wildcard table (all tables). */
};

/* Controller roles (OpenFlow 1.2+). */
enum ofp12_controller_role {
    OFPCR12_ROLE_NOCHANGE,      /* Don't change current role. */
    OFPCR12_ROLE_EQUAL,         /* Default role, full access. */
    OFPCR12_ROLE_MASTER,        /* Full access, at most one master. */
    OFPCR12_ROLE_SLAVE          /* Read-only access. */
};

/* Role request and reply body (OpenFlow 1.2+), follows ofp_header. */
struct ofp12_role_request {
    ovs_be32 role;              /* One of OFPCR12_ROLE_*. */
    uint8_t pad[4];             /* Align to 64 bits. */
    ovs_be64 generation_id;     /* Master election generation id. */
};
OFP_ASSERT(sizeof(struct ofp12_role_request) == 16);

/* Role status reasons (OpenFlow 1.4+). */
enum ofp14_controller_role_reason {
    OFPCRR_MASTER_REQUEST = 0,  /* Another controller asked to be master. */
    OFPCRR_CONFIG = 1,          /* Configuration changed on the switch. */
    OFPCRR_EXPERIMENTER = 2,    /* Experimenter data changed. */
    OFPCRR_N_REASONS            /* Number of reasons. */
};

/* Role status body (OpenFlow 1.4+), follows ofp_header; then
 * properties. */
struct ofp14_role_status {
    ovs_be32 role;              /* One of OFPCR12_ROLE_*. */
    uint8_t reason;             /* One of OFPCRR_*. */
    uint8_t pad[3];             /* Align to 64 bits. */
    ovs_be64 generation_id;     /* Master election generation id. */
};
OFP_ASSERT(sizeof(struct ofp14_role_status) == 16);

/* Generic property header (OpenFlow 1.3+ TLVs, padded to 8 bytes). */
struct ofp_prop_header {
    ovs_be16 type;              /* Property type. */
    ovs_be16 len;               /* Length, excluding padding. */
};
OFP_ASSERT(sizeof(struct ofp_prop_header) == 4);

/* Experimenter property header. */
struct ofp_prop_experimenter {
    ovs_be16 type;              /* 0xfffe or 0xffff, usually. */
    ovs_be16 len;               /* Length, excluding padding. */
    ovs_be32 experimenter;      /* Experimenter ID. */
    ovs_be32 exp_type;          /* Experimenter defined. */
};
OFP_ASSERT(sizeof(struct ofp_prop_experimenter) == 12);

/* Async config property types (OpenFlow 1.4+). */
enum ofp14_async_config_prop_type {
    OFPACPT_PACKET_IN_SLAVE = 0,
    OFPACPT_PACKET_IN_MASTER = 1,
    OFPACPT_PORT_STATUS_SLAVE = 2,
    OFPACPT_PORT_STATUS_MASTER = 3,
    OFPACPT_FLOW_REMOVED_SLAVE = 4,
    OFPACPT_FLOW_REMOVED_MASTER = 5,
    OFPACPT_ROLE_STATUS_SLAVE = 6,
    OFPACPT_ROLE_STATUS_MASTER = 7,
    OFPACPT_TABLE_STATUS_SLAVE = 8,
    OFPACPT_TABLE_STATUS_MASTER = 9,
    OFPACPT_REQUESTFORWARD_SLAVE = 10,
    OFPACPT_REQUESTFORWARD_MASTER = 11,
    OFPTFPT_EXPERIMENTER_SLAVE = 0xFFFE,
    OFPTFPT_EXPERIMENTER_MASTER = 0xFFFF
};

/* Async config property with a 32-bit reason mask (OpenFlow 1.4+). */
struct ofp14_async_config_prop_reasons {
    ovs_be16 type;              /* One of OFPACPT_*. */
    ovs_be16 length;            /* 8. */
    ovs_be32 mask;              /* Bitmask of reasons. */
};
OFP_ASSERT(sizeof(struct ofp14_async_config_prop_reasons) == 8);

/* Table status reasons (OpenFlow 1.4+). */
enum ofp14_table_reason {
    OFPTR_VACANCY_DOWN = 3,     /* Vacancy down threshold event. */
    OFPTR_VACANCY_UP = 4,       /* Vacancy up threshold event. */
    OFPTR_N_REASONS
};

/* Requestforward reasons (OpenFlow 1.4+). */
enum ofp14_requestforward_reason {
    OFPRFR_GROUP_MOD = 0,       /* Forward group mod requests. */
    OFPRFR_METER_MOD = 1,       /* Forward meter mod requests. */
    OFPRFR_N_REASONS
};

/* Bundle control (OpenFlow 1.4+, and ONF extension for 1.3). */
enum ofp14_bundle_ctrl_type {
    OFPBCT_OPEN_REQUEST = 0,
    OFPBCT_OPEN_REPLY = 1,
    OFPBCT_CLOSE_REQUEST = 2,
    OFPBCT_CLOSE_REPLY = 3,
    OFPBCT_COMMIT_REQUEST = 4,
    OFPBCT_COMMIT_REPLY = 5,
    OFPBCT_DISCARD_REQUEST = 6,
    OFPBCT_DISCARD_REPLY = 7
};

/* Bundle flags. */
enum ofp14_bundle_flags {
    OFPBF_ATOMIC = 1 << 0,      /* Execute atomically. */
    OFPBF_ORDERED = 1 << 1      /* Execute in specified order. */
};

/* Bundle control message body, follows ofp_header (or the ONF experimenter
 * header in 1.3); then properties. */
struct ofp14_bundle_ctrl_msg {
    ovs_be32 bundle_id;         /* Identify the bundle. */
    ovs_be16 type;              /* OFPBCT_*. */
    ovs_be16 flags;             /* Bitmap of OFPBF_* flags. */
};
OFP_ASSERT(sizeof(struct ofp14_bundle_ctrl_msg) == 8);

/* Bundle add message body, follows ofp_header; then the message. */
struct ofp14_bundle_add_msg {
    ovs_be32 bundle_id;         /* Identify the bundle. */
    uint8_t pad[2];             /* Align to 64 bits. */
    ovs_be16 flags;             /* Bitmap of OFPBF_* flags. */
};
OFP_ASSERT(sizeof(struct ofp14_bundle_add_msg) == 8);

/* ONF extension message subtypes (experimenter ONF_VENDOR_ID, 1.3). */
enum onf_type {
    ONFT_BUNDLE_CONTROL = 2300,
    ONFT_BUNDLE_ADD_MESSAGE = 2301
};

#endif /* openflow/openflow-common.h */
