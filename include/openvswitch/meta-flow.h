/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_META_FLOW_H
#define OPENVSWITCH_META_FLOW_H 1

/* Meta-flow: one description of every field a flow can match on or an
 * action can write, and generic code to read, write, parse and format them.
 *
 * The fields are described once, in lib/meta-flow.fields; the generator
 * build-aux/extract-mf-fields turns that table into the enum below
 * ("meta-flow-ids.inc"), the mf_fields[] array, the name lookup, and the
 * NXM/OXM header tables that nx-match.c uses.
 *
 * Names, meanings and wire codes follow Open vSwitch's.  Fields that Open
 * vSwitch has but that struct flow cannot hold (tun_metadata0..63, the
 * ERSPAN and GTP-U tunnel fields, NSH) are not present yet. */

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openvswitch/ofp-errors.h"
#include "openvswitch/types.h"
#include "openvswitch/util.h"

struct ds;
struct flow;
struct flow_wildcards;
struct match;
struct ofputil_port_map;

/* Every field, in the order of lib/meta-flow.fields: MFF_DP_HASH,
 * MFF_RECIRC_ID, MFF_PACKET_TYPE, MFF_CONJ_ID, MFF_TUN_ID, MFF_TUN_SRC,
 * MFF_TUN_DST, MFF_TUN_IPV6_SRC, MFF_TUN_IPV6_DST, MFF_TUN_FLAGS,
 * MFF_TUN_TTL, MFF_TUN_TOS, MFF_TUN_GBP_ID, MFF_TUN_GBP_FLAGS,
 * MFF_METADATA, MFF_IN_PORT, MFF_IN_PORT_OXM, MFF_ACTSET_OUTPUT,
 * MFF_SKB_PRIORITY, MFF_PKT_MARK, MFF_CT_STATE, MFF_CT_ZONE, MFF_CT_MARK,
 * MFF_CT_LABEL, MFF_CT_NW_PROTO, MFF_CT_NW_SRC, MFF_CT_NW_DST,
 * MFF_CT_IPV6_SRC, MFF_CT_IPV6_DST, MFF_CT_TP_SRC, MFF_CT_TP_DST,
 * MFF_REG0..MFF_REG15, MFF_XREG0..MFF_XREG7, MFF_XXREG0..MFF_XXREG3,
 * MFF_ETH_SRC, MFF_ETH_DST, MFF_ETH_TYPE, MFF_VLAN_TCI, MFF_DL_VLAN,
 * MFF_VLAN_VID, MFF_DL_VLAN_PCP, MFF_VLAN_PCP, MFF_MPLS_LABEL, MFF_MPLS_TC,
 * MFF_MPLS_BOS, MFF_MPLS_TTL, MFF_IPV4_SRC, MFF_IPV4_DST, MFF_IPV6_SRC,
 * MFF_IPV6_DST, MFF_IPV6_LABEL, MFF_IP_PROTO, MFF_IP_DSCP,
 * MFF_IP_DSCP_SHIFTED, MFF_IP_ECN, MFF_IP_TTL, MFF_IP_FRAG, MFF_ARP_OP,
 * MFF_ARP_SPA, MFF_ARP_TPA, MFF_ARP_SHA, MFF_ARP_THA, MFF_TCP_SRC,
 * MFF_TCP_DST, MFF_TCP_FLAGS, MFF_UDP_SRC, MFF_UDP_DST, MFF_SCTP_SRC,
 * MFF_SCTP_DST, MFF_ICMPV4_TYPE, MFF_ICMPV4_CODE, MFF_ICMPV6_TYPE,
 * MFF_ICMPV6_CODE, MFF_ND_TARGET, MFF_ND_SLL, MFF_ND_TLL, MFF_ND_RESERVED,
 * MFF_ND_OPTIONS_TYPE, then MFF_N_IDS.  The enumerators are generated
 * from the table. */
enum mf_field_id {
#include "meta-flow-ids.inc"
    MFF_N_IDS                   /* Number of fields. */
};

/* Registers, by index. */
#define MFF_N_REGS 16           /* MFF_REG0..MFF_REG15. */
#define MFF_N_XREGS 8           /* MFF_XREG0..MFF_XREG7 (pairs of regs). */
#define MFF_N_XXREGS 4          /* MFF_XXREG0..MFF_XXREG3 (quads of regs). */

/* A set of fields, as a bitmap indexed by enum mf_field_id. */
struct mf_bitmap {
    unsigned long bm[(MFF_N_IDS + 63) / 64]; /* 1-bit: field is in the set. */
};
#define MF_BITMAP_INITIALIZER { { [0] = 0 } }

/* How a field's value is written as text. */
enum mf_string {
    MFS_DECIMAL,                /* Unsigned decimal ("123"). */
    MFS_HEXADECIMAL,            /* Hexadecimal ("0x7b"). */
    MFS_CT_STATE,               /* Connection tracking state flags. */
    MFS_ETHERNET,               /* "01:23:45:67:89:ab". */
    MFS_IPV4,                   /* "192.168.0.1". */
    MFS_IPV6,                   /* "fe80::1". */
    MFS_OFP_PORT,               /* 16-bit OpenFlow 1.0 port number or
                                 * name. */
    MFS_OFP_PORT_OXM,           /* 32-bit OpenFlow 1.1+ port number or
                                 * name. */
    MFS_FRAG,                   /* "no", "yes", "first", "later",
                                 * "not_later". */
    MFS_TNL_FLAGS,              /* FLOW_TNL_F_* flags ("+csum-key"). */
    MFS_TCP_FLAGS,              /* TCP flags ("+syn-ack"). */
    MFS_PACKET_TYPE,            /* "(NS,NS_TYPE)". */
};

/* Whether a field can be matched with a mask. */
enum mf_maskable {
    MFM_NONE,                   /* No sub-field masking. */
    MFM_FULLY,                  /* Every bit is individually maskable. */
};

/* What must be true of a flow (matched exactly) before a field of it may be
 * matched or set. */
enum mf_prereqs {
    MFP_NONE,                   /* No prerequisites. */

    /* L2 requirements. */
    MFP_ETHERNET,               /* packet_type is Ethernet. */
    MFP_ARP,                    /* eth_type is ARP or RARP. */
    MFP_VLAN_VID,               /* A VLAN header is present. */
    MFP_IPV4,                   /* eth_type is IPv4. */
    MFP_IPV6,                   /* eth_type is IPv6. */
    MFP_IP_ANY,                 /* eth_type is IPv4 or IPv6. */

    /* L2.5 requirements. */
    MFP_MPLS,                   /* eth_type is MPLS (unicast or
                                 * multicast). */

    /* L2+L3 requirements. */
    MFP_TCP,                    /* TCP over IPv4 or IPv6. */
    MFP_UDP,                    /* UDP over IPv4 or IPv6. */
    MFP_SCTP,                   /* SCTP over IPv4 or IPv6. */
    MFP_ICMPV4,                 /* ICMP over IPv4. */
    MFP_ICMPV6,                 /* ICMPv6 over IPv6. */
    MFP_CT_VALID,               /* ct_state has +trk and not +inv (implies
                                 * IPv4 or IPv6). */

    /* L2+L3+L4 requirements. */
    MFP_ND,                     /* ICMPv6 neighbor solicit or advert
                                 * (type 135 or 136, code 0). */
    MFP_ND_SOLICIT,             /* ICMPv6 neighbor solicit (135). */
    MFP_ND_ADVERT,              /* ICMPv6 neighbor advert (136). */
};

/* A field that a flow can match on or an action can write. */
struct mf_field {
    /* Identification. */
    enum mf_field_id id;        /* MFF_*. */
    const char *name;           /* Name of the field, e.g. "eth_type". */
    const char *extra_name;     /* Alternate name, e.g. "dl_type", or
                                 * NULL. */

    /* Size.  Most fields have n_bytes * 8 == n_bits; the exceptions are
     * fields stored wider than their meaning, e.g. "dl_vlan" (2 bytes, 12
     * bits), "dl_vlan_pcp" (1 byte, 3 bits), "ip_frag" (1 byte, 2 bits),
     * "ipv6_label" and "mpls_label" (4 bytes, 20 bits), "mpls_tc" (1 byte,
     * 3 bits), "mpls_bos" (1 byte, 1 bit). */
    unsigned int n_bytes;       /* Width of the field in bytes. */
    unsigned int n_bits;        /* Number of significant bits. */
    bool variable_len;          /* Length is variable (width is the
                                 * maximum).  Always false for now. */

    /* Properties. */
    enum mf_maskable maskable;  /* Whether a mask may be given. */
    enum mf_string string;      /* How the value is written as text. */
    enum mf_prereqs prereqs;    /* What the flow must be first. */
    bool writable;              /* May be written by actions? */
    bool mapped;                /* Variable length field is mapped (always
                                 * false for now). */

    /* Usable protocols: combinations of OFPUTIL_P_* (enum
     * ofputil_protocol, not named here to keep the headers acyclic).  NXM
     * and OXM are extensible, so these are not necessarily the versions the
     * field was introduced in. */
    uint32_t usable_protocols_exact;   /* Matching or setting whole
                                        * field. */
    uint32_t usable_protocols_cidr;    /* Matching a CIDR mask. */
    uint32_t usable_protocols_bitwise; /* Matching arbitrary bits. */

    int flow_be32ofs;           /* The field's offset in struct flow, in
                                 * 32-bit words, if prefix-tree lookup is
                                 * supported for it, otherwise -1. */
};

/* The value of a field, in network byte order, left-justified in the
 * union (a 2-byte field occupies b[0] and b[1]). */
union mf_value {
    uint8_t b[128];             /* Raw bytes. */
    uint8_t tun_metadata[124];  /* Reserved for tunnel metadata. */
    struct in6_addr ipv6;       /* IPv6 addresses. */
    struct eth_addr mac;        /* Ethernet addresses. */
    ovs_u128 be128;             /* 128-bit fields (ct_label, xxregs), as
                                 * 16 bytes in network byte order. */
    ovs_be64 be64;              /* 64-bit fields. */
    ovs_be32 be32;              /* 32-bit fields. */
    ovs_be16 be16;              /* 16-bit fields. */
    uint8_t u8;                 /* 8-bit fields. */
};
_Static_assert(sizeof (union mf_value) == 128, "mf_value is 128 bytes");

/* A mask with every bit set, for an exact match of any field. */
#define MF_EXACT_MASK_INITIALIZER { .b = { [0 ... 127] = 0xff } }

/* Part of a field's data, right-justified: the least significant bit of
 * the subfield is the least significant bit of u8[127].  For example,
 * NXM_OF_VLAN_TCI[0..11] read into a subvalue is the low 12 bits of
 * be16[63]. */
union mf_subvalue {
    /* Access to the full data. */
    uint8_t u8[128];            /* Bytes. */
    ovs_be16 be16[64];          /* 16-bit words. */
    ovs_be32 be32[32];          /* 32-bit words. */
    ovs_be64 be64[16];          /* 64-bit words. */

    /* Convenient access to the least significant bits. */
    struct {
        uint8_t dummy_u8[127];  /* Leading bytes. */
        uint8_t u8_val;         /* Last byte. */
    };
    struct {
        ovs_be16 dummy_be16[63]; /* Leading words. */
        ovs_be16 be16_int;      /* Last 16 bits. */
    };
    struct {
        ovs_be32 dummy_be32[31]; /* Leading words. */
        ovs_be32 be32_int;      /* Last 32 bits. */
    };
    struct {
        ovs_be64 dummy_integer[15]; /* Leading words. */
        ovs_be64 integer;       /* Last 64 bits. */
    };
    struct {
        uint8_t dummy_mac[122]; /* Leading bytes. */
        struct eth_addr mac;    /* Last 48 bits. */
    };
    struct {
        ovs_be32 dummy_ipv4[31]; /* Leading words. */
        ovs_be32 ipv4;          /* Last 32 bits. */
    };
    struct {
        struct in6_addr dummy_ipv6[7]; /* Leading words. */
        struct in6_addr ipv6;   /* Last 128 bits. */
    };
};
_Static_assert(sizeof (union mf_value) == sizeof (union mf_subvalue),
               "mf_value and mf_subvalue have the same size");

/* A contiguous run of bits of a field, e.g. "NXM_NX_REG0[8..15]". */
struct mf_subfield {
    const struct mf_field *field; /* The field. */
    unsigned int ofs;           /* Bit offset (0 is the least significant
                                 * bit). */
    unsigned int n_bits;        /* Number of bits. */
};

/* The table of every field, indexed by enum mf_field_id. */
extern const struct mf_field mf_fields[MFF_N_IDS];

/* Finding fields. */
const struct mf_field *mf_from_name(const char *name);
const struct mf_field *mf_from_name_len(const char *name, size_t len);

/* Returns the field whose id is 'id'. */
static inline const struct mf_field *
mf_from_id(enum mf_field_id id)
{
    ovs_assert((unsigned int) id < MFF_N_IDS);
    return &mf_fields[id];
}

/* Inspecting wildcarded bits. */
bool mf_is_all_wild(const struct mf_field *, const struct flow_wildcards *);
bool mf_is_mask_valid(const struct mf_field *, const union mf_value *mask);
void mf_get_mask(const struct mf_field *, const struct flow_wildcards *,
                 union mf_value *mask);

/* Prerequisites.  mf_are_prereqs_ok() says whether 'flow' meets the
 * prerequisites of 'mf' and, if 'wc' is nonnull, marks in it the fields it
 * examined; mf_are_match_prereqs_ok() requires them to be matched exactly
 * in 'match'. */
bool mf_are_prereqs_ok(const struct mf_field *, const struct flow *,
                       struct flow_wildcards *wc);
bool mf_are_match_prereqs_ok(const struct mf_field *, const struct match *);

/* True if 'mf' is an L3 or higher field (its prerequisites imply an IP or
 * ARP packet). */
static inline bool
mf_is_l3_or_higher(const struct mf_field *mf)
{
    return mf->id >= MFF_IPV4_SRC;
}

/* Field values. */
bool mf_is_value_valid(const struct mf_field *, const union mf_value *value);

void mf_get_value(const struct mf_field *, const struct flow *,
                  union mf_value *value);
void mf_set_value(const struct mf_field *, const union mf_value *value,
                  struct match *, char **err_str);
void mf_set_flow_value(const struct mf_field *, const union mf_value *value,
                       struct flow *);
void mf_set_flow_value_masked(const struct mf_field *,
                              const union mf_value *value,
                              const union mf_value *mask, struct flow *);
bool mf_is_tun_metadata(const struct mf_field *);
bool mf_is_frozen_metadata(const struct mf_field *);
bool mf_is_pipeline_field(const struct mf_field *);
bool mf_is_set(const struct mf_field *, const struct flow *);
void mf_mask_field(const struct mf_field *, struct flow_wildcards *);
void mf_mask_field_masked(const struct mf_field *, const union mf_value *mask,
                          struct flow_wildcards *);
int mf_field_len(const struct mf_field *, const union mf_value *value,
                 const union mf_value *mask, bool *is_masked);

/* Reads 'mf' from 'match' into 'value' and 'mask'. */
void mf_get(const struct mf_field *, const struct match *,
            union mf_value *value, union mf_value *mask);

/* Sets 'mf' in 'match' to 'value' under 'mask' (NULL means exact; an
 * all-zeros mask stops matching the field).  Returns the OFPUTIL_P_*
 * protocols that can express what was set (the field's exact, CIDR or
 * bitwise usable protocols).  On an error (none for the fields supported
 * now), stores a malloc()ed message in '*err_str' if 'err_str' is nonnull;
 * otherwise sets '*err_str' to NULL. */
uint32_t mf_set(const struct mf_field *, const union mf_value *value,
                const union mf_value *mask, struct match *, char **err_str);

void mf_set_wild(const struct mf_field *, struct match *, char **err_str);

/* Subfields. */
void mf_write_subfield_flow(const struct mf_subfield *,
                            const union mf_subvalue *, struct flow *);
void mf_write_subfield(const struct mf_subfield *, const union mf_subvalue *,
                       struct match *);
void mf_write_subfield_value(const struct mf_subfield *, const void *src,
                             struct match *);
void mf_set_subfield_value(const struct mf_subfield *, uint64_t value,
                           struct match *);
void mf_mask_subfield(const struct mf_field *,
                      const union mf_subvalue *value,
                      const union mf_subvalue *mask, struct match *);

void mf_read_subfield(const struct mf_subfield *, const struct flow *,
                      union mf_subvalue *);
uint64_t mf_get_subfield(const struct mf_subfield *, const struct flow *);

void mf_subfield_copy(const struct mf_subfield *src,
                      const struct mf_subfield *dst,
                      struct flow *, struct flow_wildcards *);
void mf_subfield_swap(const struct mf_subfield *,
                      const struct mf_subfield *,
                      struct flow *flow, struct flow_wildcards *);

/* Checks that 'sf' names bits that exist in its field and that the field's
 * prerequisites are met by 'match' (NULL: not checked).  Returns 0,
 * OFPERR_OFPBAC_BAD_SET_TYPE (no field), OFPERR_OFPBAC_BAD_SET_LEN (bits
 * outside the field, or none), or OFPERR_OFPBAC_MATCH_INCONSISTENT
 * (prerequisites not met); mf_check_dst() also requires a writable field
 * (else OFPERR_OFPBAC_BAD_SET_ARGUMENT). */
enum ofperr mf_check_src(const struct mf_subfield *, const struct match *);
enum ofperr mf_check_dst(const struct mf_subfield *, const struct match *);

/* Parsing and formatting. */
char *mf_parse(const struct mf_field *, const char *,
               const struct ofputil_port_map *,
               union mf_value *value, union mf_value *mask)
    OVS_WARN_UNUSED_RESULT;
char *mf_parse_value(const struct mf_field *, const char *,
                     const struct ofputil_port_map *, union mf_value *)
    OVS_WARN_UNUSED_RESULT;
void mf_format(const struct mf_field *,
               const union mf_value *value, const union mf_value *mask,
               const struct ofputil_port_map *, struct ds *);
void mf_format_subvalue(const union mf_subvalue *subvalue, struct ds *s);
void mf_format_flags(struct ds *, const char *(*namer)(uint32_t),
                     uint32_t flags, uint32_t mask, uint32_t max_mask);

/* Parses a field name (either the mf_field name or its NXM/OXM name) from
 * 's' into '*field'.  Returns NULL or a malloc()ed error message. */
char *mf_parse_field(const struct mf_field **field, const char *s)
    OVS_WARN_UNUSED_RESULT;

/* Subfield syntax: "FIELD[]", "FIELD[BIT]", "FIELD[START..END]", where
 * FIELD is an NXM/OXM name or a field name. */
void mf_format_subfield(const struct mf_subfield *, struct ds *);
char *mf_parse_subfield__(struct mf_subfield *sf, const char **s)
    OVS_WARN_UNUSED_RESULT;
char *mf_parse_subfield(struct mf_subfield *, const char *s)
    OVS_WARN_UNUSED_RESULT;

/* Masks of fields and their prerequisites. */
void mf_set_mask_l3_prereqs(const struct mf_field *, const struct flow *,
                            struct flow_wildcards *);
void mf_mask_field_and_prereqs(const struct mf_field *,
                               struct flow_wildcards *);
void mf_bitmap_set_field_and_prereqs(const struct mf_field *,
                                     struct mf_bitmap *);

/* Subvalues. */
int mf_subvalue_width(const union mf_subvalue *);
void mf_subvalue_shift(union mf_subvalue *, int n);
bool mf_subvalue_intersect(const union mf_subvalue *a_value,
                           const union mf_subvalue *a_mask,
                           const union mf_subvalue *b_value,
                           const union mf_subvalue *b_mask,
                           union mf_subvalue *dst_value,
                           union mf_subvalue *dst_mask);

/* Returns true if 'a' and 'b' name the same bits of the same field. */
static inline bool
mf_subfield_equal(const struct mf_subfield *a, const struct mf_subfield *b)
{
    return a->field == b->field && a->ofs == b->ofs && a->n_bits == b->n_bits;
}

/* Field bitmaps. */
static inline void
mf_bitmap_set(struct mf_bitmap *bm, enum mf_field_id id)
{
    bm->bm[id / 64] |= 1UL << (id % 64);
}

static inline bool
mf_bitmap_is_set(const struct mf_bitmap *bm, enum mf_field_id id)
{
    return (bm->bm[id / 64] & (1UL << (id % 64))) != 0;
}

#endif /* openvswitch/meta-flow.h */
