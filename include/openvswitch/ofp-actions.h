/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_ACTIONS_H
#define OPENVSWITCH_OFP_ACTIONS_H 1

/* OpenFlow actions and instructions, in an internal form ("ofpacts").
 *
 * Every OpenFlow version encodes actions differently on the wire, and Open
 * vSwitch's text syntax ("output:1,mod_vlan_vid:5") is a third form.  Weft
 * keeps actions in one version-independent form: a sequence of variable
 * length "struct ofpact"s packed into a buffer, each starting with a
 * 'struct ofpact' header and aligned on OFPACT_ALIGNTO bytes.  Decoders
 * (ofpacts_pull_openflow_*(), ofpacts_parse_*()) build such a sequence;
 * encoders (ofpacts_put_openflow_*(), ofpacts_format()) read it.
 *
 * Instructions (OpenFlow 1.1+) are ofpacts too (OFPACT_GOTO_TABLE,
 * OFPACT_WRITE_METADATA, OFPACT_CLEAR_ACTIONS, OFPACT_WRITE_ACTIONS,
 * OFPACT_METER); the actions of an "apply_actions" instruction are simply
 * the ordinary actions of the sequence.  ofpacts_verify() enforces the
 * order: meter, apply actions, clear_actions, write_actions,
 * write_metadata, goto_table. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include "openflow/openflow-common.h"
#include "openflow/nicira-ext.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/types.h"
#include "openvswitch/util.h"

struct ds;
struct match;
struct ofpbuf;
struct ofputil_port_map;
struct ofputil_table_map;
struct vl_mff_map;

/* An enum stored in the smallest integer type that holds its values. */
#ifndef OVS_PACKED_ENUM
#define OVS_PACKED_ENUM __attribute__((__packed__))
#endif

/* Casts 'POINTER' to 'TYPE *', for pointers known to be suitably
 * aligned. */
#ifndef ALIGNED_CAST
#define ALIGNED_CAST(TYPE, POINTER) \
    ((TYPE) (uintptr_t) (const void *) (POINTER))
#endif

/* Compile-time assertion usable as a declaration. */
#ifndef BUILD_ASSERT_DECL
#define BUILD_ASSERT_DECL(EXPR) _Static_assert(EXPR, #EXPR)
#endif

/* Fields to hash for NXAST_MULTIPATH and NXAST_BUNDLE (the 'fields'
 * member of struct ofpact_multipath and struct ofpact_bundle). */
enum nx_hash_fields {
    NX_HASH_FIELDS_ETH_SRC,           /* "eth_src": Ethernet source. */
    NX_HASH_FIELDS_SYMMETRIC_L4,      /* "symmetric_l4": L2-L4 fields,
                                       * symmetric in both directions. */
    NX_HASH_FIELDS_SYMMETRIC_L3L4,    /* "symmetric_l3l4": IP addresses,
                                       * protocol, TCP/SCTP ports. */
    NX_HASH_FIELDS_SYMMETRIC_L3L4_UDP, /* "symmetric_l3l4+udp": same plus
                                        * UDP ports. */
    NX_HASH_FIELDS_NW_SRC,            /* "nw_src": IPv4/IPv6 source. */
    NX_HASH_FIELDS_NW_DST,            /* "nw_dst": IPv4/IPv6
                                       * destination. */
    NX_HASH_FIELDS_SYMMETRIC_L3,      /* "symmetric_l3": IP addresses,
                                       * symmetric. */
};

/* Link selection algorithms of NXAST_MULTIPATH. */
enum nx_mp_algorithm {
    NX_MP_ALG_MODULO_N,         /* "modulo_n": hash % n_links. */
    NX_MP_ALG_HASH_THRESHOLD,   /* "hash_threshold": hash ranges. */
    NX_MP_ALG_HRW,              /* "hrw": highest random weight. */
    NX_MP_ALG_ITER_HASH,        /* "iter_hash": iterative hash. */
};

/* Member selection algorithms of NXAST_BUNDLE. */
enum nx_bd_algorithm {
    NX_BD_ALG_ACTIVE_BACKUP,    /* "active_backup": first live member. */
    NX_BD_ALG_HRW,              /* "hrw": highest random weight. */
};

/* List of OVS abstracted actions.
 *
 * Each entry is OFPACT(ENUM, STRUCT, MEMBER, NAME):
 *
 *   - ENUM, the OFPACT_<ENUM> enumeration constant.
 *   - STRUCT, "struct <STRUCT>", the structure that holds the action.
 *   - MEMBER, the member of STRUCT that starts its variable-length tail,
 *     or "ofpact" for a fixed-size action.
 *   - NAME, the action's name in Open vSwitch's text syntax (used by
 *     ofpact_name() and ofpact_type_from_name()). */
#define OFPACTS                                                         \
    /* Output. */                                                       \
    OFPACT(OUTPUT,          ofpact_output,      ofpact, "output")       \
    OFPACT(GROUP,           ofpact_group,       ofpact, "group")        \
    OFPACT(CONTROLLER,      ofpact_controller,  userdata, "controller") \
    OFPACT(ENQUEUE,         ofpact_enqueue,     ofpact, "enqueue")      \
    OFPACT(OUTPUT_REG,      ofpact_output_reg,  ofpact, "output_reg")   \
    OFPACT(BUNDLE,          ofpact_bundle,      members, "bundle")      \
                                                                        \
    /* Header changes. */                                               \
    OFPACT(SET_FIELD,       ofpact_set_field,   ofpact, "set_field")    \
    OFPACT(SET_VLAN_VID,    ofpact_vlan_vid,    ofpact, "set_vlan_vid") \
    OFPACT(SET_VLAN_PCP,    ofpact_vlan_pcp,    ofpact, "set_vlan_pcp") \
    OFPACT(STRIP_VLAN,      ofpact_null,        ofpact, "strip_vlan")   \
    OFPACT(PUSH_VLAN,       ofpact_push_vlan,   ofpact, "push_vlan")    \
    OFPACT(SET_ETH_SRC,     ofpact_mac,         ofpact, "mod_dl_src")   \
    OFPACT(SET_ETH_DST,     ofpact_mac,         ofpact, "mod_dl_dst")   \
    OFPACT(SET_IPV4_SRC,    ofpact_ipv4,        ofpact, "mod_nw_src")   \
    OFPACT(SET_IPV4_DST,    ofpact_ipv4,        ofpact, "mod_nw_dst")   \
    OFPACT(SET_IP_DSCP,     ofpact_dscp,        ofpact, "mod_nw_tos")   \
    OFPACT(SET_IP_ECN,      ofpact_ecn,         ofpact, "mod_nw_ecn")   \
    OFPACT(SET_IP_TTL,      ofpact_ip_ttl,      ofpact, "mod_nw_ttl")   \
    OFPACT(SET_L4_SRC_PORT, ofpact_l4_port,     ofpact, "mod_tp_src")   \
    OFPACT(SET_L4_DST_PORT, ofpact_l4_port,     ofpact, "mod_tp_dst")   \
    OFPACT(REG_MOVE,        ofpact_reg_move,    ofpact, "move")         \
    OFPACT(STACK_PUSH,      ofpact_stack,       ofpact, "push")         \
    OFPACT(STACK_POP,       ofpact_stack,       ofpact, "pop")          \
    OFPACT(DEC_TTL,         ofpact_cnt_ids,     cnt_ids, "dec_ttl")     \
    OFPACT(SET_MPLS_LABEL,  ofpact_mpls_label,  ofpact, "set_mpls_label") \
    OFPACT(SET_MPLS_TC,     ofpact_mpls_tc,     ofpact, "set_mpls_tc")  \
    OFPACT(SET_MPLS_TTL,    ofpact_mpls_ttl,    ofpact, "set_mpls_ttl") \
    OFPACT(DEC_MPLS_TTL,    ofpact_null,        ofpact, "dec_mpls_ttl") \
    OFPACT(PUSH_MPLS,       ofpact_push_mpls,   ofpact, "push_mpls")    \
    OFPACT(POP_MPLS,        ofpact_pop_mpls,    ofpact, "pop_mpls")     \
                                                                        \
    /* Metadata. */                                                     \
    OFPACT(SET_TUNNEL,      ofpact_tunnel,      ofpact, "set_tunnel")   \
    OFPACT(SET_QUEUE,       ofpact_queue,       ofpact, "set_queue")    \
    OFPACT(POP_QUEUE,       ofpact_null,        ofpact, "pop_queue")    \
    OFPACT(FIN_TIMEOUT,     ofpact_fin_timeout, ofpact, "fin_timeout")  \
                                                                        \
    /* Flow table interaction. */                                       \
    OFPACT(RESUBMIT,        ofpact_resubmit,    ofpact, "resubmit")     \
    OFPACT(LEARN,           ofpact_learn,       specs, "learn")         \
    OFPACT(CONJUNCTION,     ofpact_conjunction, ofpact, "conjunction")  \
                                                                        \
    /* Arithmetic. */                                                   \
    OFPACT(MULTIPATH,       ofpact_multipath,   ofpact, "multipath")    \
                                                                        \
    /* Other. */                                                        \
    OFPACT(NOTE,            ofpact_note,        data, "note")           \
    OFPACT(EXIT,            ofpact_null,        ofpact, "exit")         \
    OFPACT(SAMPLE,          ofpact_sample,      ofpact, "sample")       \
    OFPACT(UNROLL_XLATE,    ofpact_unroll_xlate, ofpact, "unroll_xlate") \
    OFPACT(CT,              ofpact_conntrack,   ofpact, "ct")           \
    OFPACT(CT_CLEAR,        ofpact_null,        ofpact, "ct_clear")     \
    OFPACT(NAT,             ofpact_nat,         ofpact, "nat")          \
    OFPACT(OUTPUT_TRUNC,    ofpact_output_trunc, ofpact, "output_trunc") \
    OFPACT(CLONE,           ofpact_nest,        actions, "clone")       \
                                                                        \
    /* Instructions ("meter" is an action in OpenFlow 1.5+). */         \
    OFPACT(METER,           ofpact_meter,       ofpact, "meter")        \
    OFPACT(CLEAR_ACTIONS,   ofpact_null,        ofpact, "clear_actions") \
    OFPACT(WRITE_ACTIONS,   ofpact_nest,        actions, "write_actions") \
    OFPACT(WRITE_METADATA,  ofpact_metadata,    ofpact, "write_metadata") \
    OFPACT(GOTO_TABLE,      ofpact_goto_table,  ofpact, "goto_table")

/* enum ofpact_type, with a member OFPACT_<ENUM> for each action. */
enum OVS_PACKED_ENUM ofpact_type {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME) OFPACT_##ENUM,
    OFPACTS
#undef OFPACT
};

/* Number of ofpact types. */
enum {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME) + 1
    N_OFPACTS = OFPACTS
#undef OFPACT
};

/* Header for an action.
 *
 * Each action is a structure "struct ofpact_*" that begins with "struct
 * ofpact", usually followed by other data that describes the action.
 * Actions are padded out to a multiple of OFPACT_ALIGNTO bytes in length.
 *
 * The 'raw' member is only meaningful for actions decoded from OpenFlow: it
 * is the "enum ofp_raw_action_type" of the wire action the ofpact came
 * from, so that re-encoding can reproduce it (e.g. "mod_nw_tos" decoded
 * from OpenFlow 1.0 vs. "set_field:...->ip_dscp").  It is 0 (meaning "the
 * default encoding") for actions parsed from text or built by code. */
struct ofpact {
    /* We want the type to be an 8-bit enum for space reasons, but the
     * compiler does not always let us, so OVS_PACKED_ENUM is used. */
    enum ofpact_type type;      /* OFPACT_*. */
    uint8_t raw;                /* Original type when added, if any. */
    uint16_t len;               /* Length of the action, in bytes, including
                                 * struct ofpact, excluding padding. */
};

/* Alignment of every ofpact in a sequence. */
#define OFPACT_ALIGNTO 8
#define OFPACT_ALIGN(SIZE) ROUND_UP(SIZE, OFPACT_ALIGNTO)

/* Expands to an anonymous union that contains 'MEMBERS' padded out to a
 * multiple of OFPACT_ALIGNTO bytes, so that a flexible array member that
 * follows it starts on an OFPACT_ALIGNTO boundary. */
#define OFPACT_PADDED_MEMBERS(MEMBERS)                                  \
    union {                                                             \
        struct { MEMBERS };                                             \
        uint8_t pad_[ROUND_UP(sizeof (struct { MEMBERS }),              \
                              OFPACT_ALIGNTO)];                         \
    }

/* Returns the ofpact following 'ofpact'. */
static inline struct ofpact *
ofpact_next(const struct ofpact *ofpact)
{
    return (void *) ((uint8_t *) ofpact + OFPACT_ALIGN(ofpact->len));
}

/* Returns the ofpact following 'ofpact', first descending into the actions
 * nested in 'ofpact' (the actions of "clone", "write_actions", "ct"). */
struct ofpact *ofpact_next_flattened(const struct ofpact *);

/* Returns the first byte past the 'ofpacts_len' bytes of actions starting
 * at 'ofpacts'.  ('ofpacts' may be null when 'ofpacts_len' is 0, and adding
 * even 0 to a null pointer is undefined.) */
static inline struct ofpact *
ofpact_end(const struct ofpact *ofpacts, size_t ofpacts_len)
{
    return (ofpacts_len
            ? (void *) ((uint8_t *) ofpacts + ofpacts_len)
            : (void *) ofpacts);
}

/* Returns true if 'ofpact' is the last action in the 'ofpacts_len' bytes
 * starting at 'ofpacts'. */
static inline bool
ofpact_last(const struct ofpact *ofpact, const struct ofpact *ofpacts,
            size_t ofpacts_len)
{
    return ofpact_next(ofpact) == ofpact_end(ofpacts, ofpacts_len);
}

/* Returns the last action in the nonempty 'ofpacts_len' bytes of actions
 * starting at 'ofpacts'. */
const struct ofpact *ofpacts_last(const struct ofpact *ofpacts,
                                  size_t ofpacts_len);

/* Assigns POS to each ofpact, in turn, in the OFPACTS_LEN bytes of ofpacts
 * starting at OFPACTS. */
#define OFPACT_FOR_EACH(POS, OFPACTS, OFPACTS_LEN)                      \
    for ((POS) = (OFPACTS); (POS) < ofpact_end(OFPACTS, OFPACTS_LEN);   \
         (POS) = ofpact_next(POS))

/* Like OFPACT_FOR_EACH, but only visits actions of type OFPACT_<TYPE>,
 * assigning them (cast to the type's struct) to POS. */
#define OFPACT_FOR_EACH_TYPE(POS, TYPE, OFPACTS, OFPACTS_LEN)           \
    for (const struct ofpact *ofpact_iter_ = (OFPACTS);                 \
         ofpact_iter_ < ofpact_end(OFPACTS, OFPACTS_LEN);               \
         ofpact_iter_ = ofpact_next(ofpact_iter_))                      \
        if (ofpact_iter_->type == OFPACT_##TYPE                         \
            && ((POS) = ofpact_get_##TYPE##_nullable(ofpact_iter_),     \
                true))

/* Assigns POS to each ofpact, in turn, in the OFPACTS_LEN bytes of ofpacts
 * starting at OFPACTS, descending into nested actions (clone,
 * write_actions, ct) as well. */
#define OFPACT_FOR_EACH_FLATTENED(POS, OFPACTS, OFPACTS_LEN)            \
    for ((POS) = (OFPACTS); (POS) < ofpact_end(OFPACTS, OFPACTS_LEN);   \
         (POS) = ofpact_next_flattened(POS))

/* Like OFPACT_FOR_EACH_TYPE but also visits nested actions. */
#define OFPACT_FOR_EACH_TYPE_FLATTENED(POS, TYPE, OFPACTS, OFPACTS_LEN) \
    for (const struct ofpact *ofpact_iter_ = (OFPACTS);                 \
         ofpact_iter_ < ofpact_end(OFPACTS, OFPACTS_LEN);               \
         ofpact_iter_ = ofpact_next_flattened(ofpact_iter_))            \
        if (ofpact_iter_->type == OFPACT_##TYPE                         \
            && ((POS) = ofpact_get_##TYPE##_nullable(ofpact_iter_),     \
                true))

/* Action structure for each OFPACT_*. */

/* OFPACT_STRIP_VLAN, OFPACT_POP_QUEUE, OFPACT_EXIT, OFPACT_CLEAR_ACTIONS,
 * OFPACT_DEC_MPLS_TTL, OFPACT_CT_CLEAR.
 *
 * Used for actions with no argument. */
struct ofpact_null {
    struct ofpact ofpact;       /* Header. */
};

/* OFPACT_OUTPUT.
 *
 * Used for OFPAT10_OUTPUT, OFPAT11_OUTPUT. */
struct ofpact_output {
    struct ofpact ofpact;       /* Header. */
    ofp_port_t port;            /* Output port. */
    uint16_t max_len;           /* Max send len, for port OFPP_CONTROLLER. */
};

/* Properties of a "controller" action that the switch may send back to the
 * controller with a paused packet (continuations). */
#define NX_CTLR_NO_METER 0      /* 'meter_id' value meaning "no meter". */

/* OFPACT_CONTROLLER.
 *
 * Used for NXAST_CONTROLLER, NXAST_CONTROLLER2, and OFPAT_OUTPUT to
 * OFPP_CONTROLLER with max_len and the default reason and id. */
struct ofpact_controller {
    OFPACT_PADDED_MEMBERS(
        struct ofpact ofpact;       /* Header. */
        uint16_t max_len;           /* Max length to send to controller. */
        uint16_t controller_id;     /* Controller ID to send packet-in. */
        enum ofp_packet_in_reason reason; /* Reason to put in packet-in. */
        uint32_t meter_id;          /* Controller meter, or
                                     * NX_CTLR_NO_METER. */
        bool pause;                 /* Pause the pipeline (continuation)? */
        uint32_t userdata_len;      /* Length of 'userdata' in bytes. */
    );
    uint8_t userdata[];         /* Arbitrary data for the controller. */
};

/* OFPACT_ENQUEUE.
 *
 * Used for OFPAT10_ENQUEUE. */
struct ofpact_enqueue {
    struct ofpact ofpact;       /* Header. */
    ofp_port_t port;            /* Output port. */
    uint32_t queue;             /* Queue on 'port'. */
};

/* OFPACT_OUTPUT_REG.
 *
 * Used for NXAST_OUTPUT_REG, NXAST_OUTPUT_REG2. */
struct ofpact_output_reg {
    struct ofpact ofpact;       /* Header. */
    uint16_t max_len;           /* Max send len, for OFPP_CONTROLLER. */
    struct mf_subfield src;     /* Field holding the output port. */
};

/* OFPACT_OUTPUT_TRUNC.
 *
 * Used for NXAST_OUTPUT_TRUNC. */
struct ofpact_output_trunc {
    struct ofpact ofpact;       /* Header. */
    ofp_port_t port;            /* Output port. */
    uint32_t max_len;           /* Truncate packets to this length. */
};

/* OFPACT_BUNDLE.
 *
 * Used for NXAST_BUNDLE and NXAST_BUNDLE_LOAD. */
struct ofpact_bundle {
    OFPACT_PADDED_MEMBERS(
        struct ofpact ofpact;       /* Header. */

        /* Member choice algorithm to apply to hash value. */
        enum nx_bd_algorithm algorithm; /* One of NX_BD_ALG_*. */

        /* What fields to hash and how. */
        enum nx_hash_fields fields; /* One of NX_HASH_FIELDS_*. */
        uint16_t basis;             /* Universal hash parameter. */

        struct mf_subfield dst;     /* Destination for bundle_load (n_bits
                                     * 0 for plain "bundle"). */

        /* Members for output. */
        unsigned int n_members;     /* Number of elements of 'members'. */
    );
    ofp_port_t members[];       /* The member ports. */
};

/* OFPACT_SET_VLAN_VID.
 *
 * We keep track if vlan was present at action validation time to avoid a
 * PUSH_VLAN when translating the actions.
 *
 * Used for OFPAT10_SET_VLAN_VID and OFPAT11_SET_VLAN_VID. */
struct ofpact_vlan_vid {
    struct ofpact ofpact;       /* Header. */
    uint16_t vlan_vid;          /* VLAN VID in low 12 bits, 0 in other
                                 * bits. */
    bool push_vlan_if_needed;   /* OF 1.0 semantics: push a VLAN header if
                                 * none is present ("mod_vlan_vid"). */
    bool flow_has_vlan;         /* VLAN present at action validation
                                 * time? */
};

/* OFPACT_SET_VLAN_PCP.
 *
 * Used for OFPAT10_SET_VLAN_PCP and OFPAT11_SET_VLAN_PCP. */
struct ofpact_vlan_pcp {
    struct ofpact ofpact;       /* Header. */
    uint8_t vlan_pcp;           /* VLAN PCP in low 3 bits, 0 in other
                                 * bits. */
    bool push_vlan_if_needed;   /* OF 1.0 semantics: push a VLAN header if
                                 * none is present ("mod_vlan_pcp"). */
    bool flow_has_vlan;         /* VLAN present at action validation
                                 * time? */
};

/* OFPACT_PUSH_VLAN.
 *
 * Used for OFPAT11_PUSH_VLAN. */
struct ofpact_push_vlan {
    struct ofpact ofpact;       /* Header. */
    ovs_be16 ethertype;         /* 0x8100 (ETH_TYPE_VLAN_8021Q) or 0x88a8
                                 * (ETH_TYPE_VLAN_8021AD). */
};

/* OFPACT_SET_ETH_SRC, OFPACT_SET_ETH_DST.
 *
 * Used for OFPAT10_SET_DL_SRC, OFPAT10_SET_DL_DST. */
struct ofpact_mac {
    struct ofpact ofpact;       /* Header. */
    struct eth_addr mac;        /* New Ethernet address. */
};

/* OFPACT_SET_IPV4_SRC, OFPACT_SET_IPV4_DST.
 *
 * Used for OFPAT10_SET_NW_SRC, OFPAT10_SET_NW_DST. */
struct ofpact_ipv4 {
    struct ofpact ofpact;       /* Header. */
    ovs_be32 ipv4;              /* New IPv4 address. */
};

/* OFPACT_SET_IP_DSCP.
 *
 * Used for OFPAT10_SET_NW_TOS. */
struct ofpact_dscp {
    struct ofpact ofpact;       /* Header. */
    uint8_t dscp;               /* DSCP in high 6 bits, rest ignored. */
};

/* OFPACT_SET_IP_ECN.
 *
 * Used for OFPAT11_SET_NW_ECN. */
struct ofpact_ecn {
    struct ofpact ofpact;       /* Header. */
    uint8_t ecn;                /* ECN in low 2 bits, rest ignored. */
};

/* OFPACT_SET_IP_TTL.
 *
 * Used for OFPAT11_SET_NW_TTL. */
struct ofpact_ip_ttl {
    struct ofpact ofpact;       /* Header. */
    uint8_t ttl;                /* New TTL. */
};

/* OFPACT_SET_L4_SRC_PORT, OFPACT_SET_L4_DST_PORT.
 *
 * Used for OFPAT10_SET_TP_SRC, OFPAT10_SET_TP_DST. */
struct ofpact_l4_port {
    struct ofpact ofpact;       /* Header. */
    uint16_t port;              /* TCP, UDP or SCTP port number. */
    uint8_t  flow_ip_proto;     /* IP proto from corresponding match, or 0
                                 * (filled in by ofpacts_check()). */
};

/* OFPACT_SET_FIELD.
 *
 * Used for NXAST_REG_LOAD and OFPAT12_SET_FIELD. */
struct ofpact_set_field {
    OFPACT_PADDED_MEMBERS(
        struct ofpact ofpact;       /* Header. */
        bool flow_has_vlan;         /* VLAN present at action validation
                                     * time. */
        const struct mf_field *field; /* The field to set. */
    );
    union mf_value value[];     /* 'field->n_bytes' bytes of value, followed
                                 * by 'field->n_bytes' bytes of mask (access
                                 * the mask with ofpact_set_field_mask()). */
};

/* Returns the mask of 'sf' (1-bits: bits of the field to set).  The mask
 * directly follows the value, so it is only aligned as a union mf_value
 * when 'sf->field->n_bytes' is a multiple of 8: read it as bytes
 * ('->b'), or copy it, rather than through wider members. */
static inline union mf_value *
ofpact_set_field_mask(const struct ofpact_set_field *sf)
{
    return ALIGNED_CAST(union mf_value *,
                        (uint8_t *) sf->value + sf->field->n_bytes);
}

/* OFPACT_REG_MOVE.
 *
 * Used for NXAST_REG_MOVE, OFPAT15_COPY_FIELD, ONFACT_ET_COPY_FIELD. */
struct ofpact_reg_move {
    struct ofpact ofpact;       /* Header. */
    struct mf_subfield src;     /* Source bits. */
    struct mf_subfield dst;     /* Destination bits (same width). */
};

/* OFPACT_STACK_PUSH, OFPACT_STACK_POP.
 *
 * Used for NXAST_STACK_PUSH and NXAST_STACK_POP. */
struct ofpact_stack {
    struct ofpact ofpact;       /* Header. */
    struct mf_subfield subfield; /* Bits pushed or popped. */
};

/* OFPACT_DEC_TTL.
 *
 * Used for OFPAT11_DEC_NW_TTL, NXAST_DEC_TTL and NXAST_DEC_TTL_CNT_IDS. */
struct ofpact_cnt_ids {
    OFPACT_PADDED_MEMBERS(
        struct ofpact ofpact;       /* Header. */
        unsigned int n_controllers; /* Number of elements of 'cnt_ids'. */
    );
    uint16_t cnt_ids[];         /* Controller ids to get the packet-in. */
};

/* OFPACT_SET_MPLS_LABEL.
 *
 * Used for OFPAT11_SET_MPLS_LABEL and NXAST_SET_MPLS_LABEL. */
struct ofpact_mpls_label {
    struct ofpact ofpact;       /* Header. */
    ovs_be32 label;             /* MPLS label in low 20 bits. */
};

/* OFPACT_SET_MPLS_TC.
 *
 * Used for OFPAT11_SET_MPLS_TC and NXAST_SET_MPLS_TC. */
struct ofpact_mpls_tc {
    struct ofpact ofpact;       /* Header. */
    uint8_t tc;                 /* MPLS traffic class in low 3 bits. */
};

/* OFPACT_SET_MPLS_TTL.
 *
 * Used for OFPAT11_SET_MPLS_TTL and NXAST_SET_MPLS_TTL. */
struct ofpact_mpls_ttl {
    struct ofpact ofpact;       /* Header. */
    uint8_t ttl;                /* New MPLS TTL. */
};

/* OFPACT_PUSH_MPLS.
 *
 * Used for OFPAT11_PUSH_MPLS and NXAST_PUSH_MPLS. */
struct ofpact_push_mpls {
    struct ofpact ofpact;       /* Header. */
    ovs_be16 ethertype;         /* 0x8847 or 0x8848. */
};

/* OFPACT_POP_MPLS.
 *
 * Used for OFPAT11_POP_MPLS and NXAST_POP_MPLS. */
struct ofpact_pop_mpls {
    struct ofpact ofpact;       /* Header. */
    ovs_be16 ethertype;         /* Ethertype of the packet after the pop. */
};

/* OFPACT_SET_TUNNEL.
 *
 * Used for NXAST_SET_TUNNEL, NXAST_SET_TUNNEL64. */
struct ofpact_tunnel {
    struct ofpact ofpact;       /* Header. */
    uint64_t tun_id;            /* Tunnel ID. */
};

/* OFPACT_SET_QUEUE.
 *
 * Used for NXAST_SET_QUEUE and OFPAT11_SET_QUEUE. */
struct ofpact_queue {
    struct ofpact ofpact;       /* Header. */
    uint32_t queue_id;          /* Queue ID. */
};

/* OFPACT_FIN_TIMEOUT.
 *
 * Used for NXAST_FIN_TIMEOUT. */
struct ofpact_fin_timeout {
    struct ofpact ofpact;       /* Header. */
    uint16_t fin_idle_timeout;  /* New idle timeout on FIN/RST, or 0. */
    uint16_t fin_hard_timeout;  /* New hard timeout on FIN/RST, or 0. */
};

/* OFPACT_RESUBMIT.
 *
 * Used for NXAST_RESUBMIT, NXAST_RESUBMIT_TABLE, NXAST_RESUBMIT_TABLE_CT. */
struct ofpact_resubmit {
    struct ofpact ofpact;       /* Header. */
    ofp_port_t in_port;         /* Port to resubmit as, or OFPP_IN_PORT. */
    uint8_t table_id;           /* Table, or 255 for the current one. */
    bool with_ct_orig;          /* Use the conntrack original tuple? */
};

/* Bits for 'flags' in struct ofpact_learn (and on the wire in
 * NXAST_LEARN/NXAST_LEARN2). */
enum nx_learn_flags {
    NX_LEARN_F_SEND_FLOW_REM = 1 << 0,  /* Learned flows send flow
                                         * removed. */
    NX_LEARN_F_DELETE_LEARNED = 1 << 1, /* Delete learned flows with the
                                         * learning flow. */
    NX_LEARN_F_WRITE_RESULT = 1 << 2,   /* Write the result (NXAST_LEARN2
                                         * only). */
};

/* The header of a learn spec on the wire: source and destination types and
 * the number of bits. */
#define NX_LEARN_N_BITS_MASK    0x3ff     /* Number of bits. */

#define NX_LEARN_SRC_FIELD     (0 << 13) /* Copy from field. */
#define NX_LEARN_SRC_IMMEDIATE (1 << 13) /* Copy from immediate value. */
#define NX_LEARN_SRC_MASK      (1 << 13) /* Source type bits. */

#define NX_LEARN_DST_MATCH     (0 << 11) /* Add match criterion. */
#define NX_LEARN_DST_LOAD      (1 << 11) /* Add NXAST_REG_LOAD action. */
#define NX_LEARN_DST_OUTPUT    (2 << 11) /* Add OFPAT_OUTPUT action. */
#define NX_LEARN_DST_RESERVED  (3 << 11) /* Not yet defined. */
#define NX_LEARN_DST_MASK      (3 << 11) /* Destination type bits. */

/* Part of struct ofpact_learn, below. */
struct ofpact_learn_spec {
    OFPACT_PADDED_MEMBERS(
        struct mf_subfield src;     /* NX_LEARN_SRC_FIELD only. */
        struct mf_subfield dst;     /* NX_LEARN_DST_MATCH,
                                     * NX_LEARN_DST_LOAD only. */
        uint16_t src_type;          /* One of NX_LEARN_SRC_*. */
        uint16_t dst_type;          /* One of NX_LEARN_DST_*. */
        uint8_t n_bits;             /* Number of bits in source and dest. */
    );
    /* Followed by 'DIV_ROUND_UP(n_bits, 8)' bytes of immediate data (the
     * value's least significant bytes, right-justified, in network byte
     * order) when 'src_type' is NX_LEARN_SRC_IMMEDIATE and 'dst_type' is
     * NX_LEARN_DST_MATCH or NX_LEARN_DST_LOAD, then padding to
     * OFPACT_ALIGNTO. */
};

/* Returns the immediate data of 'spec' (see struct ofpact_learn_spec). */
static inline const void *
ofpact_learn_spec_imm(const struct ofpact_learn_spec *spec)
{
    return spec + 1;
}

/* Returns the learn spec that follows 'spec'. */
static inline const struct ofpact_learn_spec *
ofpact_learn_spec_next(const struct ofpact_learn_spec *spec)
{
    size_t imm = (spec->src_type == NX_LEARN_SRC_IMMEDIATE
                  && spec->dst_type != NX_LEARN_DST_OUTPUT
                  ? DIV_ROUND_UP(spec->n_bits, 8) : 0);
    return (const void *) ((const uint8_t *) (spec + 1)
                           + OFPACT_ALIGN(imm));
}

/* OFPACT_LEARN.
 *
 * Used for NXAST_LEARN and NXAST_LEARN2. */
struct ofpact_learn {
    OFPACT_PADDED_MEMBERS(
        struct ofpact ofpact;       /* Header. */

        uint16_t idle_timeout;      /* Idle time before discarding (s). */
        uint16_t hard_timeout;      /* Max time before discarding (s). */
        uint16_t priority;          /* Priority level of flow entry. */
        uint8_t table_id;           /* Table to insert flow entry. */
        enum nx_learn_flags flags;  /* NX_LEARN_F_*. */
        ovs_be64 cookie;            /* Cookie for new flow. */
        uint16_t fin_idle_timeout;  /* Idle timeout after FIN, if nonzero. */
        uint16_t fin_hard_timeout;  /* Hard timeout after FIN, if
                                     * nonzero. */
        uint32_t limit;             /* Maximum number of learned flows, 0
                                     * for unlimited (NXAST_LEARN2). */
        uint32_t result_dst_ofs;    /* Offset of 'result_dst' (LEARN2). */
        struct mf_subfield result_dst; /* Where to write the result
                                        * (NX_LEARN_F_WRITE_RESULT). */
    );
    struct ofpact_learn_spec specs[]; /* The learn specs. */
};

/* Returns the first byte past the specs of 'learn'. */
static inline const struct ofpact_learn_spec *
ofpact_learn_spec_end(const struct ofpact_learn *learn)
{
    return ALIGNED_CAST(const struct ofpact_learn_spec *,
                        ((const uint8_t *) learn
                         + OFPACT_ALIGN(learn->ofpact.len)));
}

/* Assigns SPEC to each learn spec of LEARN, in turn. */
#define OFPACT_LEARN_SPEC_FOR_EACH(SPEC, LEARN)                         \
    for ((SPEC) = (LEARN)->specs;                                       \
         (SPEC) < ofpact_learn_spec_end(LEARN);                         \
         (SPEC) = ofpact_learn_spec_next(SPEC))

/* OFPACT_CONJUNCTION.
 *
 * Used for NXAST_CONJUNCTION. */
struct ofpact_conjunction {
    struct ofpact ofpact;       /* Header. */
    uint8_t clause;             /* Clause number, 0-based. */
    uint8_t n_clauses;          /* Number of clauses, 2 to 64. */
    uint32_t id;                /* Conjunction id. */
};

/* OFPACT_MULTIPATH.
 *
 * Used for NXAST_MULTIPATH. */
struct ofpact_multipath {
    struct ofpact ofpact;       /* Header. */

    /* What fields to hash and how. */
    enum nx_hash_fields fields; /* One of NX_HASH_FIELDS_*. */
    uint16_t basis;             /* Universal hash parameter. */

    /* Multipath link choice algorithm to apply to hash value. */
    enum nx_mp_algorithm algorithm; /* One of NX_MP_ALG_*. */
    uint16_t max_link;          /* Number of output links, minus 1. */
    uint32_t arg;               /* Algorithm-specific argument. */

    /* Where to store the result. */
    struct mf_subfield dst;     /* Destination of the link number. */
};

/* OFPACT_NOTE.
 *
 * Used for NXAST_NOTE. */
struct ofpact_note {
    OFPACT_PADDED_MEMBERS(
        struct ofpact ofpact;       /* Header. */
        size_t length;              /* Number of bytes in 'data'. */
    );
    uint8_t data[];             /* The note's bytes. */
};

/* Direction of sampled packets (NXAST_SAMPLE2/3). */
enum nx_action_sample_direction {
    NX_ACTION_SAMPLE_DEFAULT,   /* Decided by the sampling point. */
    NX_ACTION_SAMPLE_INGRESS,   /* Sample on ingress. */
    NX_ACTION_SAMPLE_EGRESS,    /* Sample on egress. */
};

/* OFPACT_SAMPLE.
 *
 * Used for NXAST_SAMPLE, NXAST_SAMPLE2 and NXAST_SAMPLE3. */
struct ofpact_sample {
    struct ofpact ofpact;       /* Header. */
    uint16_t probability;       /* Number of packets out of 65535 to
                                 * sample. */
    uint32_t collector_set_id;  /* IPFIX collector set id. */
    uint32_t obs_domain_id;     /* Observation domain id. */
    uint32_t obs_point_id;      /* Observation point id. */
    ofp_port_t sampling_port;   /* Sampling port, or OFPP_NONE. */
    enum nx_action_sample_direction direction; /* Ingress or egress. */
};

/* OFPACT_UNROLL_XLATE.
 *
 * Internal use only, inserted by translation: restores the rule's table and
 * cookie when a pipeline is resumed. */
struct ofpact_unroll_xlate {
    struct ofpact ofpact;       /* Header. */
    uint8_t rule_table_id;      /* Table of the rule that was being
                                 * translated. */
    ovs_be64 rule_cookie;       /* Cookie of that rule. */
};

/* Bits for 'flags' in struct ofpact_conntrack (and in NXAST_CT). */
enum nx_conntrack_flags {
    NX_CT_F_COMMIT = 1 << 0,    /* Commit the connection. */
    NX_CT_F_FORCE = 1 << 1,     /* Force commit in this direction. */
};

/* No recirculation after "ct" (the 'recirc_table' member). */
#define NX_CT_RECIRC_NONE 0xff

/* Conntrack ALG ports (the 'alg' member of struct ofpact_conntrack). */
#define OFPACT_CT_ALG_FTP  21   /* "alg=ftp". */
#define OFPACT_CT_ALG_TFTP 69   /* "alg=tftp". */

/* OFPACT_CT.
 *
 * Used for NXAST_CT. */
struct ofpact_conntrack {
    OFPACT_PADDED_MEMBERS(
        struct ofpact ofpact;       /* Header. */
        uint16_t flags;             /* NX_CT_F_*. */
        uint16_t zone_imm;          /* Immediate zone, if 'zone_src' is
                                     * unset. */
        struct mf_subfield zone_src; /* Field holding the zone, or
                                      * 'field' NULL. */
        uint16_t alg;               /* ALG port (OFPACT_CT_ALG_*), or 0. */
        uint8_t recirc_table;       /* Table to recirculate to, or
                                     * NX_CT_RECIRC_NONE. */
    );
    struct ofpact actions[];    /* Nested actions (nat, set_field for
                                 * ct_mark/ct_label). */
};

/* Returns the length in bytes of the actions nested in 'oc'. */
static inline size_t
ofpact_ct_get_action_len(const struct ofpact_conntrack *oc)
{
    return oc->ofpact.len - offsetof(struct ofpact_conntrack, actions);
}

/* Bits for 'flags' in struct ofpact_nat (and in NXAST_NAT). */
enum nx_nat_flags {
    NX_NAT_F_SRC          = 1 << 0, /* Source NAT. */
    NX_NAT_F_DST          = 1 << 1, /* Destination NAT. */
    NX_NAT_F_PERSISTENT   = 1 << 2, /* "persistent". */
    NX_NAT_F_PROTO_HASH   = 1 << 3, /* "hash". */
    NX_NAT_F_PROTO_RANDOM = 1 << 4, /* "random". */
    NX_NAT_F_MASK = (NX_NAT_F_SRC | NX_NAT_F_DST | NX_NAT_F_PERSISTENT
                     | NX_NAT_F_PROTO_HASH | NX_NAT_F_PROTO_RANDOM)
};

/* OFPACT_NAT.
 *
 * Used for NXAST_NAT (only inside "ct"). */
struct ofpact_nat {
    struct ofpact ofpact;       /* Header. */
    uint8_t range_af;           /* AF_UNSPEC, AF_INET, or AF_INET6. */
    uint16_t flags;             /* NX_NAT_F_*. */
    struct {
        struct {
            uint16_t min;       /* First port of the range. */
            uint16_t max;       /* Last port of the range. */
        } proto;                /* Port range, or 0s. */
        union {
            struct {
                ovs_be32 min;   /* First address. */
                ovs_be32 max;   /* Last address. */
            } ipv4;             /* IPv4 address range. */
            struct {
                struct in6_addr min; /* First address. */
                struct in6_addr max; /* Last address. */
            } ipv6;             /* IPv6 address range. */
        } addr;                 /* Address range. */
    } range;                    /* NAT range. */
};

/* OFPACT_CLONE, OFPACT_WRITE_ACTIONS.
 *
 * Used for NXAST_CLONE and OFPIT11_WRITE_ACTIONS. */
struct ofpact_nest {
    OFPACT_PADDED_MEMBERS(
        struct ofpact ofpact;       /* Header. */
    );
    struct ofpact actions[];    /* The nested actions. */
};

/* Returns the length in bytes of the actions nested in 'on'. */
static inline size_t
ofpact_nest_get_action_len(const struct ofpact_nest *on)
{
    return on->ofpact.len - offsetof(struct ofpact_nest, actions);
}

/* OFPACT_GROUP.
 *
 * Used for OFPAT11_GROUP. */
struct ofpact_group {
    struct ofpact ofpact;       /* Header. */
    uint32_t group_id;          /* Group to process the packet with. */
};

/* OFPACT_METER.
 *
 * Used for OFPIT13_METER and OFPAT15_METER. */
struct ofpact_meter {
    struct ofpact ofpact;       /* Header. */
    uint32_t meter_id;          /* OpenFlow meter id. */
    uint32_t provider_meter_id; /* Datapath meter id, set by ofproto. */
};

/* OFPACT_WRITE_METADATA.
 *
 * Used for NXAST_WRITE_METADATA and OFPIT11_WRITE_METADATA. */
struct ofpact_metadata {
    struct ofpact ofpact;       /* Header. */
    ovs_be64 metadata;          /* Metadata value to write. */
    ovs_be64 mask;              /* Metadata bits to write. */
};

/* OFPACT_GOTO_TABLE.
 *
 * Used for OFPIT11_GOTO_TABLE. */
struct ofpact_goto_table {
    struct ofpact ofpact;       /* Header. */
    uint8_t table_id;           /* Table to continue in. */
};

/* Building and reading ofpacts.
 *
 * ofpact_put(ofpacts, type, len) appends a zeroed action of 'len' bytes
 * (at least the size of the type's struct), pads 'ofpacts' for it, sets
 * 'ofpacts->header' to it and returns it.  After appending variable-length
 * data behind such an action (e.g. with ofpbuf_put()), call
 * ofpact_finish() (or ofpact_finish_<ENUM>()) to fix its 'len' and pad the
 * buffer; because ofpbuf_put() may move the buffer, ofpact_finish()
 * returns the action's possibly new address. */
void *ofpact_put(struct ofpbuf *, enum ofpact_type, size_t len);
void ofpact_init(struct ofpact *, enum ofpact_type, size_t len);
struct ofpact *ofpact_finish(struct ofpbuf *, struct ofpact *);
void ofpact_pad(struct ofpbuf *);

/* For each OFPACT_<ENUM> with a corresponding struct <STRUCT>, this defines
 * the following commonly useful functions:
 *
 *   struct <STRUCT> *ofpact_put_<ENUM>(struct ofpbuf *ofpacts);
 *
 *     Appends a new 'ofpact', of length OFPACT_<ENUM>_SIZE, to 'ofpacts',
 *     initializes it with ofpact_init_<ENUM>(), and returns it.  Also sets
 *     'ofpacts->header' to the returned action.
 *
 *     After using this function to add a variable-length action, add the
 *     elements of the flexible array (e.g. with ofpbuf_put()), then use
 *     ofpact_finish_<ENUM>() to pad the action to a multiple of
 *     OFPACT_ALIGNTO bytes and update its embedded length field.
 *
 *   struct <STRUCT> *ofpact_get_<ENUM>(const struct ofpact *ofpact);
 *
 *     Returns 'ofpact' cast to "struct <STRUCT> *".  'ofpact->type' must be
 *     OFPACT_<ENUM>.  ofpact_get_<ENUM>_nullable() also accepts NULL.
 *
 *   void ofpact_init_<ENUM>(struct <STRUCT> *ofpact);
 *
 *     Initializes the parts of 'ofpact' that identify it as having type
 *     OFPACT_<ENUM> and length OFPACT_<ENUM>_SIZE and zeros the rest.
 *
 *   void ofpact_finish_<ENUM>(struct ofpbuf *, struct <STRUCT> **ofpactp);
 *
 *     Computes the length of the action '*ofpactp' as the distance to the
 *     end of the buffer, pads the buffer and updates '*ofpactp' (the
 *     buffer may have been reallocated since the action was put). */
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    BUILD_ASSERT_DECL(offsetof(struct STRUCT, ofpact) == 0);            \
                                                                        \
    enum { OFPACT_##ENUM##_SIZE                                         \
           = (offsetof(struct STRUCT, MEMBER)                           \
              ? offsetof(struct STRUCT, MEMBER)                         \
              : OFPACT_ALIGN(sizeof(struct STRUCT))) };                 \
                                                                        \
    static inline struct STRUCT *                                       \
    ofpact_get_##ENUM(const struct ofpact *ofpact)                      \
    {                                                                   \
        ovs_assert(ofpact->type == OFPACT_##ENUM);                      \
        return ALIGNED_CAST(struct STRUCT *, ofpact);                   \
    }                                                                   \
                                                                        \
    static inline struct STRUCT *                                       \
    ofpact_get_##ENUM##_nullable(const struct ofpact *ofpact)           \
    {                                                                   \
        ovs_assert(!ofpact || ofpact->type == OFPACT_##ENUM);           \
        return ALIGNED_CAST(struct STRUCT *, ofpact);                   \
    }                                                                   \
                                                                        \
    static inline struct STRUCT *                                       \
    ofpact_put_##ENUM(struct ofpbuf *ofpacts)                           \
    {                                                                   \
        return (struct STRUCT *) ofpact_put(ofpacts, OFPACT_##ENUM,     \
                                            OFPACT_##ENUM##_SIZE);      \
    }                                                                   \
                                                                        \
    static inline void                                                  \
    ofpact_init_##ENUM(struct STRUCT *ofpact)                           \
    {                                                                   \
        ofpact_init(&ofpact->ofpact, OFPACT_##ENUM,                     \
                    OFPACT_##ENUM##_SIZE);                              \
    }                                                                   \
                                                                        \
    static inline void                                                  \
    ofpact_finish_##ENUM(struct ofpbuf *ofpbuf, struct STRUCT **ofpactp) \
    {                                                                   \
        struct ofpact *ofpact = &(*ofpactp)->ofpact;                    \
        ovs_assert(ofpact->type == OFPACT_##ENUM);                      \
        *ofpactp = (struct STRUCT *) ofpact_finish(ofpbuf, ofpact);     \
    }
OFPACTS
#undef OFPACT

/* Additional functions for composing ofpacts. */

/* Appends an OFPACT_SET_FIELD for 'field', with 'value' and 'mask' (each
 * 'field->n_bytes' bytes; 'mask' NULL means all-ones) to 'ofpacts', and
 * returns it. */
struct ofpact_set_field *ofpact_put_set_field(struct ofpbuf *ofpacts,
                                              const struct mf_field *,
                                              const void *value,
                                              const void *mask);

/* Appends an OFPACT_SET_FIELD for "load:VALUE->FIELD[ofs..ofs+n_bits-1]"
 * ('value' holds 'field->n_bytes' bytes, the value already shifted into
 * place), marked to be encoded as NXAST_REG_LOAD. */
struct ofpact_set_field *ofpact_put_reg_load(struct ofpbuf *ofpacts,
                                             const struct mf_field *,
                                             const void *value,
                                             const void *mask);

/* Like ofpact_put_reg_load() but takes the value of a subfield. */
struct ofpact_set_field *ofpact_put_reg_load2(struct ofpbuf *ofpacts,
                                              const struct mf_field *,
                                              const void *value,
                                              const void *mask);

/* Converting ofpacts to and from OpenFlow.
 *
 * ofpacts_pull_openflow_actions() pulls 'actions_len' bytes of OpenFlow
 * actions for 'version' from the front of 'openflow' and appends the
 * corresponding ofpacts to 'ofpacts' (which it clears first).  It checks
 * them with ofpacts_verify() (only actions are allowed).  'vl_mff_map' (may
 * be NULL) maps variable-length fields; '*ofpacts_tlv_bitmap' (may be NULL)
 * receives the bitmap of TLV fields used.  Returns 0 or an OFPERR_*. On
 * error 'ofpacts' is cleared.
 *
 * ofpacts_pull_openflow_instructions() is the same for OpenFlow 1.1+
 * instructions (for 'version' OFP10_VERSION, it decodes actions, as an
 * OpenFlow 1.0 flow_mod holds actions, not instructions).
 *
 * ofpacts_put_openflow_actions() appends the encoding of 'ofpacts' for
 * 'version' to 'openflow' and returns the number of bytes appended.
 * ofpacts_put_openflow_instructions() does the same for instructions. */
enum ofperr ofpacts_pull_openflow_actions(struct ofpbuf *openflow,
                                          unsigned int actions_len,
                                          enum ofp_version version,
                                          const struct vl_mff_map *,
                                          uint64_t *ofpacts_tlv_bitmap,
                                          struct ofpbuf *ofpacts);
enum ofperr ofpacts_pull_openflow_instructions(struct ofpbuf *openflow,
                                               unsigned int
                                               instructions_len,
                                               enum ofp_version version,
                                               const struct vl_mff_map *,
                                               uint64_t *ofpacts_tlv_bitmap,
                                               struct ofpbuf *ofpacts);
size_t ofpacts_put_openflow_actions(const struct ofpact[],
                                    size_t ofpacts_len,
                                    struct ofpbuf *openflow,
                                    enum ofp_version);
void ofpacts_put_openflow_instructions(const struct ofpact[],
                                       size_t ofpacts_len,
                                       struct ofpbuf *openflow,
                                       enum ofp_version ofp_version);

/* Checking ofpacts against a flow.
 *
 * ofpacts_check() checks that the actions are valid for a flow matching
 * '*cp->match' in table 'cp->table_id' of a switch with 'cp->n_tables'
 * tables and ports below 'cp->max_ports': e.g. that "mod_tp_src" applies
 * to a flow that matches TCP, UDP or SCTP.  It may update
 * '*cp->match' (e.g. to reflect VLAN pushes) while checking, and it
 * restores it.  Where an action is only valid with some protocols, it
 * removes the others from 'cp->usable_protocols'.  Returns 0 or an
 * OFPERR_*, OFPERR_OFPBAC_MATCH_INCONSISTENT when a prerequisite fails.
 *
 * ofpacts_check_consistency() is like ofpacts_check() but also fails
 * with OFPERR_OFPBAC_MATCH_INCONSISTENT when the actions are only usable
 * with protocols outside 'needed_protocols'. */
struct ofpact_check_params {
    /* Input. */
    struct match *match;        /* Flow the actions are for (may be
                                 * modified temporarily). */
    ofp_port_t max_ports;       /* Ports must be below this, or reserved. */
    uint8_t table_id;           /* Table the flow is in. */
    uint8_t n_tables;           /* Number of tables in the switch. */

    /* Output. */
    enum ofputil_protocol usable_protocols; /* Protocols able to express
                                             * the actions. */
};

enum ofperr ofpacts_check(struct ofpact[], size_t ofpacts_len,
                          struct ofpact_check_params *);
enum ofperr ofpacts_check_consistency(struct ofpact[], size_t ofpacts_len,
                                      enum ofputil_protocol needed_protocols,
                                      struct ofpact_check_params *);
enum ofperr ofpact_check_output_port(ofp_port_t port, ofp_port_t max_ports);

/* Checks that the 'ofpacts_len' bytes of ofpacts are in a valid order for
 * 'version': each instruction at most once, in the order OpenFlow 1.1+
 * requires, only instructions in 'allowed_ovsinsts' (a bitmap of
 * 1u << OVSINST_*), and within 'outer_action' (OFPACT_CLONE, OFPACT_CT,
 * OFPACT_WRITE_ACTIONS, or 0 at top level) only the actions allowed there.
 * On error, if 'errorp' is nonnull, stores an explanation (to free) in
 * '*errorp'. */
enum ofperr ofpacts_verify(const struct ofpact ofpacts[],
                           size_t ofpacts_len, enum ofp_version,
                           uint32_t allowed_ovsinsts,
                           enum ofpact_type outer_action,
                           char **errorp);

/* Queries. */
bool ofpacts_output_to_port(const struct ofpact[], size_t ofpacts_len,
                            ofp_port_t port);
bool ofpacts_output_to_group(const struct ofpact[], size_t ofpacts_len,
                             uint32_t group_id);
bool ofpacts_equal(const struct ofpact a[], size_t a_len,
                   const struct ofpact b[], size_t b_len);
bool ofpacts_equal_stringwise(const struct ofpact a[], size_t a_len,
                              const struct ofpact b[], size_t b_len);
const struct mf_field *ofpact_get_mf_dst(const struct ofpact *ofpact);
uint32_t ofpacts_get_meter(const struct ofpact[], size_t ofpacts_len);

/* Formatting and parsing ofpacts (Open vSwitch's text syntax). */

/* Parameters for formatting actions. */
struct ofpact_format_params {
    /* Port and table names to print instead of numbers (may be NULL). */
    const struct ofputil_port_map *port_map;   /* Port names. */
    const struct ofputil_table_map *table_map; /* Table names. */

    /* Output buffer.  Formatting appends to it. */
    struct ds *s;               /* Output. */
};

/* Appends the text form of the 'ofpacts_len' bytes of ofpacts to
 * 'fp->s': "drop" for none, else the comma-separated actions (and
 * instructions) in upstream's syntax. */
void ofpacts_format(const struct ofpact[], size_t ofpacts_len,
                    const struct ofpact_format_params *);
void ofpact_format(const struct ofpact *, const struct ofpact_format_params *);

/* Returns the text name of 'type' ("output", "mod_dl_src", ...). */
const char *ofpact_name(enum ofpact_type);

/* Parameters for parsing actions. */
struct ofpact_parse_params {
    /* Port and table names to accept instead of numbers (may be NULL). */
    const struct ofputil_port_map *port_map;   /* Port names. */
    const struct ofputil_table_map *table_map; /* Table names. */

    /* Output.  Parsing appends the actions to 'ofpacts' and restricts
     * '*usable_protocols' (which the caller initializes, normally to
     * OFPUTIL_P_ANY) to the protocols able to express the actions. */
    struct ofpbuf *ofpacts;     /* Parsed actions are appended here. */
    enum ofputil_protocol *usable_protocols; /* Protocols able to express
                                              * the actions. */

    /* Nesting depth of the actions being parsed (clone, write_actions,
     * ct), for the limit on nesting.  Callers set it to 0. */
    unsigned int depth;         /* Current nesting depth. */
};

/* Maximum depth of nested actions (clone(clone(...))) accepted by the
 * parsers and decoders. */
#define MAX_OFPACT_PARSE_DEPTH 100

/* ofpacts_parse_actions() parses 's' as a comma-separated list of actions
 * (no instructions) and appends them to 'pp->ofpacts'.
 * ofpacts_parse_instructions() accepts instructions as well.  Each returns
 * NULL on success, otherwise a malloc()ed error message (and
 * 'pp->ofpacts' is restored to its size on entry). */
char *ofpacts_parse_actions(const char *, const struct ofpact_parse_params *)
    OVS_WARN_UNUSED_RESULT;
char *ofpacts_parse_instructions(const char *,
                                 const struct ofpact_parse_params *)
    OVS_WARN_UNUSED_RESULT;

/* Looks up the action named 'name' ("output", "mod_dl_src", ...).  Stores
 * its type in '*type' and returns true, or returns false. */
bool ofpact_type_from_name(const char *name, enum ofpact_type *type);

/* Parses one action of 'type' whose argument (possibly empty) is 'value'
 * and appends it to 'pp->ofpacts'.  Returns NULL or a malloc()ed error
 * message. */
char *ofpact_parse(enum ofpact_type, char *value,
                   const struct ofpact_parse_params *pp)
    OVS_WARN_UNUSED_RESULT;

/* Internal use by helpers (learn, multipath, bundle): checks that the
 * actions of a nested list are valid as actions inside 'outer_action'. */
bool ofpact_is_set_or_move_action(const struct ofpact *);
bool ofpact_is_allowed_in_actions_set(const struct ofpact *);

/* OpenFlow bitmaps of supported actions (features reply, table features).
 *
 * The internal bitmap has bit (1ULL << OFPACT_<ENUM>) for each action. */
uint64_t ofpact_bitmap_from_openflow(ovs_be32 ofpat_bitmap,
                                     enum ofp_version);
ovs_be32 ofpact_bitmap_to_openflow(uint64_t ofpacts_bitmap,
                                   enum ofp_version);
void ofpact_bitmap_format(uint64_t ofpacts_bitmap, struct ds *);

/* Instructions, in the order that OpenFlow 1.1+ requires them
 * (DEFINE_INST(ENUM, STRUCT, EXTENSIBLE, NAME)). */
#define OVS_INSTRUCTIONS                                        \
    DEFINE_INST(OFPIT13_METER,                                  \
                ofp13_instruction_meter,          false,        \
                "meter")                                        \
                                                                \
    DEFINE_INST(OFPIT11_APPLY_ACTIONS,                          \
                ofp11_instruction_actions,        true,         \
                "apply_actions")                                \
                                                                \
    DEFINE_INST(OFPIT11_CLEAR_ACTIONS,                          \
                ofp11_instruction,                false,        \
                "clear_actions")                                \
                                                                \
    DEFINE_INST(OFPIT11_WRITE_ACTIONS,                          \
                ofp11_instruction_actions,        true,         \
                "write_actions")                                \
                                                                \
    DEFINE_INST(OFPIT11_WRITE_METADATA,                         \
                ofp11_instruction_write_metadata, false,        \
                "write_metadata")                               \
                                                                \
    DEFINE_INST(OFPIT11_GOTO_TABLE,                             \
                ofp11_instruction_goto_table,     false,        \
                "goto_table")

/* One member OVSINST_<ENUM> per instruction, in the required order. */
enum ovs_instruction_type {
#define DEFINE_INST(ENUM, STRUCT, EXTENSIBLE, NAME) OVSINST_##ENUM,
    OVS_INSTRUCTIONS
#undef DEFINE_INST
};

/* Number of instruction types. */
enum {
#define DEFINE_INST(ENUM, STRUCT, EXTENSIBLE, NAME) + 1
    N_OVS_INSTRUCTIONS = OVS_INSTRUCTIONS
#undef DEFINE_INST
};

const char *ovs_instruction_name_from_type(enum ovs_instruction_type type);
int ovs_instruction_type_from_name(const char *name);
enum ovs_instruction_type ovs_instruction_type_from_ofpact_type(
    enum ofpact_type, enum ofp_version);
enum ofperr ovs_instruction_type_from_inst_type(
    enum ovs_instruction_type *instruction_type, const uint16_t inst_type);
ovs_be32 ovsinst_bitmap_to_openflow(uint32_t ovsinst_bitmap,
                                    enum ofp_version);
uint32_t ovsinst_bitmap_from_openflow(ovs_be32 ofpit_bitmap,
                                      enum ofp_version);

#endif /* openvswitch/ofp-actions.h */
