/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* OpenFlow actions and instructions: decoding from and encoding to every
 * OpenFlow version, Open vSwitch's text syntax, and checks.
 *
 * The wire encodings of actions are described once, in
 * lib/ofp-actions.tbl; build-aux/gen-ofp-actions turns the table into
 * "ofp-actions.inc" (included below): the enum of raw encodings, their
 * length rules, the dispatch to the decode_<RAW>() functions of this file
 * and the put_<RAW>() encoders.  Per-ofpact behaviour (encode, format,
 * parse, check) is dispatched through the OFPACTS X-macro of
 * ofp-actions.h. */

#include <config.h>
#include "openvswitch/ofp-actions.h"
#include "byte-order.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "bundle.h"
#include "flow.h"
#include "learn.h"
#include "match.h"
#include "multipath.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "packets.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-parse.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_actions);

/* Rate limit for warnings about bad input. */
static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

#ifndef PAD_SIZE
#define PAD_SIZE(X, UNIT) (ROUND_UP(X, UNIT) - (X))
#endif

/* OpenFlow 1.1+ reserved port numbers map to OpenFlow 1.0 ones by
 * subtracting OFPP11_OFFSET (openflow-1.1.h). */

/* Description of one wire encoding, generated from lib/ofp-actions.tbl. */
struct ofpact_raw_instance {
    int raw;                    /* enum ofp_raw_action_type. */
    enum ofp_version min_version; /* First version with this encoding. */
    enum ofp_version max_version; /* Last version with this encoding. */
    uint32_t vendor;            /* 0 for standard, else NX_VENDOR_ID. */
    uint16_t type;              /* Action type, or NX subtype. */
    uint16_t min_len;           /* Minimum length in bytes. */
    uint16_t max_len;           /* Maximum length in bytes. */
    uint8_t arg_ofs;            /* Offset of a scalar argument. */
    uint8_t arg_len;            /* Length of a scalar argument, or 0. */
    const char *name;           /* Name in log messages. */
};

/* Wire formats.  These are only used here, so they are private. */

/* Header common to every action. */
struct ofp_action_hdr_w {
    ovs_be16 type;              /* OFPAT_*. */
    ovs_be16 len;               /* Length including this header. */
};

/* Header of an experimenter (vendor) action. */
struct ofp_action_vendor_w {
    ovs_be16 type;              /* 0xffff. */
    ovs_be16 len;               /* Length including this header. */
    ovs_be32 vendor;            /* Vendor (experimenter) id. */
};

/* Header of a Nicira extension action. */
struct nx_action_hdr_w {
    ovs_be16 type;              /* 0xffff. */
    ovs_be16 len;               /* Length including this header. */
    ovs_be16 vendor[2];         /* NX_VENDOR_ID (be32, 2-byte aligned so
                                 * that the header is 10 bytes). */
    ovs_be16 subtype;           /* NXAST_*. */
};
_Static_assert(sizeof(struct nx_action_hdr_w) == 10, "NX header size");

/* OFPAT10_OUTPUT. */
struct ofp10_output_w {
    struct ofp_action_hdr_w hdr; /* Header. */
    ovs_be16 port;              /* Output port. */
    ovs_be16 max_len;           /* Max length to send to controller. */
};

/* OFPAT10_ENQUEUE. */
struct ofp10_enqueue_w {
    struct ofp_action_hdr_w hdr; /* Header. */
    ovs_be16 port;              /* Port that the queue belongs to. */
    uint8_t pad[6];             /* Zero. */
    ovs_be32 queue_id;          /* Where to enqueue the packets. */
};

/* OFPAT11_OUTPUT. */
struct ofp11_output_w {
    struct ofp_action_hdr_w hdr; /* Header. */
    ovs_be32 port;              /* Output port. */
    ovs_be16 max_len;           /* Max length to send to controller. */
    uint8_t pad[6];             /* Zero. */
};

/* OFPAT12_SET_FIELD: header, then an OXM TLV, then padding. */
struct ofp12_set_field_w {
    struct ofp_action_hdr_w hdr; /* Header. */
    uint8_t oxm[4];             /* Start of the OXM TLV. */
};

/* OFPAT15_COPY_FIELD: then the source and destination OXM headers. */
struct ofp15_copy_field_w {
    struct ofp_action_hdr_w hdr; /* Header. */
    ovs_be16 n_bits;            /* Number of bits to copy. */
    ovs_be16 src_offset;        /* Starting bit offset in source. */
    ovs_be16 dst_offset;        /* Starting bit offset in destination. */
    uint8_t pad[2];             /* Zero. */
};

/* NXAST_RESUBMIT, NXAST_RESUBMIT_TABLE, NXAST_RESUBMIT_TABLE_CT. */
struct nx_resubmit_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 in_port;           /* New in_port for checking flow table. */
    uint8_t table;              /* Table to resubmit into (not for
                                 * NXAST_RESUBMIT). */
    uint8_t pad[3];             /* Zero. */
};

/* NXAST_REG_MOVE: then the source and destination headers. */
struct nx_reg_move_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 n_bits;            /* Number of bits. */
    ovs_be16 src_ofs;           /* Starting bit offset in source. */
    ovs_be16 dst_ofs;           /* Starting bit offset in destination. */
};

/* NXAST_REG_LOAD. */
struct nx_reg_load_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 ofs_nbits;         /* (ofs << 6) | (n_bits - 1). */
    ovs_be32 dst;               /* Destination NXM header. */
    ovs_be32 value[2];          /* Immediate value (64 bits, 4-aligned). */
};

/* NXAST_REG_LOAD2: header, then OXM TLV(s) with padding. */
struct nx_reg_load2_w {
    struct nx_action_hdr_w hdr; /* Header. */
    uint8_t pad[6];             /* Start of the TLV. */
};

/* NXAST_NOTE. */
struct nx_note_w {
    struct nx_action_hdr_w hdr; /* Header. */
    uint8_t note[6];            /* Start of the note's bytes. */
};

/* NXAST_MULTIPATH. */
struct nx_multipath_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 fields;            /* NX_HASH_FIELDS_*. */
    ovs_be16 basis;             /* Universal hash parameter. */
    ovs_be16 pad0;              /* Zero. */
    ovs_be16 algorithm;         /* NX_MP_ALG_*. */
    ovs_be16 max_link;          /* Number of output links, minus 1. */
    ovs_be16 arg[2];            /* Algorithm-specific argument (be32). */
    ovs_be16 pad1;              /* Zero. */
    ovs_be16 ofs_nbits;         /* (ofs << 6) | (n_bits - 1). */
    ovs_be16 dst[2];            /* Destination NXM header (be32). */
};

/* NXAST_BUNDLE, NXAST_BUNDLE_LOAD. */
struct nx_bundle_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 algorithm;         /* NX_BD_ALG_*. */
    ovs_be16 fields;            /* NX_HASH_FIELDS_*. */
    ovs_be16 basis;             /* Universal hash parameter. */
    ovs_be16 member_type[2];    /* NXM_OF_IN_PORT (be32). */
    ovs_be16 n_members;         /* Number of members. */
    ovs_be16 ofs_nbits;         /* (ofs << 6) | (n_bits - 1). */
    ovs_be16 dst[2];            /* Destination (bundle_load), be32. */
    uint8_t zero[4];            /* Zero. */
};

/* NXAST_OUTPUT_REG. */
struct nx_output_reg_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 ofs_nbits;         /* (ofs << 6) | (n_bits - 1). */
    ovs_be16 src[2];            /* Source NXM header (be32). */
    ovs_be16 max_len;           /* Max length to send to controller. */
    uint8_t zero[6];            /* Zero. */
};

/* NXAST_OUTPUT_REG2: then the source header and padding. */
struct nx_output_reg2_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 ofs_nbits;         /* (ofs << 6) | (n_bits - 1). */
    ovs_be16 max_len;           /* Max length to send to controller. */
};

/* NXAST_LEARN: then the flow mod specs. */
struct nx_learn_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 idle_timeout;      /* Idle time before discarding (s). */
    ovs_be16 hard_timeout;      /* Max time before discarding (s). */
    ovs_be16 priority;          /* Priority level of flow entry. */
    ovs_be16 cookie[4];         /* Cookie for new flow (be64). */
    ovs_be16 flags;             /* NX_LEARN_F_*. */
    uint8_t table_id;           /* Table to insert flow entry. */
    uint8_t pad;                /* Zero. */
    ovs_be16 fin_idle_timeout;  /* Idle timeout after FIN, if nonzero. */
    ovs_be16 fin_hard_timeout;  /* Hard timeout after FIN, if nonzero. */
};

/* NXAST_LEARN2: then an optional result_dst header, then the specs. */
struct nx_learn2_w {
    struct nx_learn_w up;       /* Same as NXAST_LEARN. */
    ovs_be16 limit[2];          /* Maximum number of learned flows (be32). */
    ovs_be16 result_dst_ofs;    /* Starting bit offset in destination. */
    uint8_t pad[2];             /* Zero. */
};

/* NXAST_FIN_TIMEOUT. */
struct nx_fin_timeout_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 fin_idle_timeout;  /* New idle timeout, if nonzero. */
    ovs_be16 fin_hard_timeout;  /* New hard timeout, if nonzero. */
    ovs_be16 pad;               /* Zero. */
};

/* NXAST_CONTROLLER. */
struct nx_controller_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 max_len;           /* Maximum length to send to controller. */
    ovs_be16 controller_id;     /* Controller ID to send packet-in. */
    uint8_t reason;             /* enum ofp_packet_in_reason. */
    uint8_t pad;                /* Zero. */
};

/* NXAST_CONTROLLER2: then properties. */
struct nx_controller2_w {
    struct nx_action_hdr_w hdr; /* Header. */
    uint8_t zeros[6];           /* Zero. */
};

/* NXAST_DEC_TTL_CNT_IDS: then the controller ids, padded. */
struct nx_cnt_ids_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 n_controllers;     /* Number of controllers. */
    uint8_t zeros[4];           /* Zero. */
};

/* NXAST_WRITE_METADATA. */
struct nx_write_metadata_w {
    struct nx_action_hdr_w hdr; /* Header. */
    uint8_t zeros[6];           /* Zero. */
    ovs_be64 metadata;          /* Metadata register. */
    ovs_be64 mask;              /* Metadata mask. */
};

/* NXAST_STACK_PUSH, NXAST_STACK_POP. */
struct nx_stack_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 offset;            /* Bit offset into the field. */
    ovs_be16 field[2];          /* The field (NXM header, be32). */
    ovs_be16 n_bits;            /* Number of bits. */
    uint8_t zero[6];            /* Zero. */
};

/* NXAST_SAMPLE. */
struct nx_sample_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 probability;       /* Fraction of packets to sample. */
    ovs_be32 collector_set_id;  /* ID of collector set. */
    ovs_be32 obs_domain_id;     /* ID of sampling observation domain. */
    ovs_be32 obs_point_id;      /* ID of sampling observation point. */
};

/* NXAST_SAMPLE2, NXAST_SAMPLE3. */
struct nx_sample2_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 probability;       /* Fraction of packets to sample. */
    ovs_be32 collector_set_id;  /* ID of collector set. */
    ovs_be32 obs_domain_id;     /* ID of sampling observation domain. */
    ovs_be32 obs_point_id;      /* ID of sampling observation point. */
    ovs_be16 sampling_port;     /* Sampling port. */
    uint8_t direction;          /* NXAST_SAMPLE3 only. */
    uint8_t zeros[5];           /* Zero. */
};

/* NXAST_CONJUNCTION. */
struct nx_conjunction_w {
    struct nx_action_hdr_w hdr; /* Header. */
    uint8_t clause;             /* Clause number, 0-based. */
    uint8_t n_clauses;          /* Number of clauses. */
    ovs_be16 id[2];             /* Conjunction id (be32). */
};

/* NXAST_CT: then nested actions. */
struct nx_ct_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 flags;             /* NX_CT_F_*. */
    ovs_be16 zone_src[2];       /* Zone field (NXM header), or 0 (be32). */
    ovs_be16 zone;              /* Zone immediate, or ofs_nbits. */
    uint8_t recirc_table;       /* Table to recirculate to. */
    uint8_t pad[3];             /* Zero. */
    ovs_be16 alg;               /* ALG port. */
};

/* NXAST_NAT: then the range fields present. */
struct nx_nat_w {
    struct nx_action_hdr_w hdr; /* Header. */
    uint8_t pad[2];             /* Zero. */
    ovs_be16 flags;             /* NX_NAT_F_*. */
    ovs_be16 range_present;     /* NX_NAT_RANGE_*. */
};

/* NXAST_OUTPUT_TRUNC. */
struct nx_output_trunc_w {
    struct nx_action_hdr_w hdr; /* Header. */
    ovs_be16 port;              /* Output port. */
    ovs_be16 max_len[2];        /* Truncate packet to this size (be32). */
};

/* NXAST_CLONE: then nested actions. */
struct nx_clone_w {
    struct nx_action_hdr_w hdr; /* Header. */
    uint8_t pad[6];             /* Zero. */
};

/* Returns the 32-bit value stored in 'x', in network byte order. */
static ovs_be32
get_be32_2(const ovs_be16 x[2])
{
    ovs_be32 v;

    memcpy(&v, x, sizeof v);
    return v;
}

/* Stores network byte order 'v' in 'x'. */
static void
put_be32_2(ovs_be16 x[2], ovs_be32 v)
{
    memcpy(x, &v, sizeof v);
}

static void *ofpact_put_raw(struct ofpbuf *,
                            const struct ofpact_raw_instance *);

#include "lib/ofp-actions.inc"

/* Appends the action described by 'inst', zeroed except for its header,
 * to 'out' and returns it.  The length is the minimum for the encoding;
 * callers of variable-length encodings fix it up with
 * ofpact_update_raw_len(). */
static void *
ofpact_put_raw(struct ofpbuf *out, const struct ofpact_raw_instance *inst)
{
    struct ofp_action_hdr_w *hdr;

    hdr = ofpbuf_put_zeros(out, inst->min_len);
    hdr->len = htons(inst->min_len);
    if (inst->vendor) {
        struct nx_action_hdr_w *nah = (struct nx_action_hdr_w *) hdr;

        nah->type = htons(0xffff);
        put_be32_2(nah->vendor, htonl(inst->vendor));
        nah->subtype = htons(inst->type);
    } else {
        hdr->type = htons(inst->type);
    }
    return hdr;
}

/* Pads 'out' to a multiple of 8 bytes from the action that starts at
 * 'start_ofs' and stores the action's final length in its header. */
static void
ofpact_update_raw_len(struct ofpbuf *out, size_t start_ofs)
{
    struct ofp_action_hdr_w *hdr;
    size_t len;

    ofpbuf_padto(out, ROUND_UP(out->size, 8));
    len = out->size - start_ofs;
    hdr = ofpbuf_at_assert(out, start_ofs, sizeof *hdr);
    hdr->len = htons(len);
}

/* Basic ofpact manipulation. */

/* Initializes 'ofpact' as an action of 'type' and 'len' bytes, zeroing
 * the rest of it. */
void
ofpact_init(struct ofpact *ofpact, enum ofpact_type type, size_t len)
{
    memset(ofpact, 0, len);
    ofpact->type = type;
    ofpact->raw = 0;
    ofpact->len = len;
}

/* Appends a new action of 'type' and 'len' bytes to 'ofpacts', padding
 * 'ofpacts' first so that the action is aligned.  Returns the action and
 * makes it 'ofpacts->header'. */
void *
ofpact_put(struct ofpbuf *ofpacts, enum ofpact_type type, size_t len)
{
    struct ofpact *ofpact;

    ofpact_pad(ofpacts);
    ofpact = ofpbuf_put_uninit(ofpacts, len);
    ofpacts->header = ofpact;
    ofpact_init(ofpact, type, len);
    return ofpact;
}

/* Sets the length of 'ofpact', which must be 'ofpacts->header', to extend
 * to the end of 'ofpacts', pads 'ofpacts', and returns the action (its
 * address may have changed since it was put). */
struct ofpact *
ofpact_finish(struct ofpbuf *ofpacts, struct ofpact *ofpact)
{
    ptrdiff_t len;

    ovs_assert(ofpact == ofpacts->header);
    len = (char *) ofpbuf_tail(ofpacts) - (char *) ofpact;
    ovs_assert(len > 0 && len <= UINT16_MAX);
    ofpact->len = len;
    ofpact_pad(ofpacts);
    return ofpacts->header;
}

/* Pads 'ofpacts' to a multiple of OFPACT_ALIGNTO bytes. */
void
ofpact_pad(struct ofpbuf *ofpacts)
{
    unsigned int pad = PAD_SIZE(ofpacts->size, OFPACT_ALIGNTO);

    if (pad) {
        ofpbuf_put_zeros(ofpacts, pad);
    }
}

/* Returns the action after 'ofpact', descending into nested actions. */
struct ofpact *
ofpact_next_flattened(const struct ofpact *ofpact)
{
    switch (ofpact->type) {
    case OFPACT_CLONE:
    case OFPACT_WRITE_ACTIONS:
        return ALIGNED_CAST(struct ofpact_nest *, ofpact)->actions;
    case OFPACT_CT:
        return ofpact_get_CT(ofpact)->actions;
    default:
        return ofpact_next(ofpact);
    }
}

/* Returns the last action of the nonempty 'ofpacts'. */
const struct ofpact *
ofpacts_last(const struct ofpact *ofpacts, size_t ofpacts_len)
{
    const struct ofpact *a, *last = NULL;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        last = a;
    }
    return last;
}

/* Returns the name of 'type'. */
const char *
ofpact_name(enum ofpact_type type)
{
    switch (type) {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME) case OFPACT_##ENUM: return NAME;
        OFPACTS
#undef OFPACT
    }
    return "<unknown>";
}

/* Bit manipulation of big-endian byte arrays (field values). */

/* Returns bit 'ofs' (0 is the least significant) of the 'n'-byte array
 * 'p'. */
static bool
bits_get(const uint8_t *p, size_t n, unsigned int ofs)
{
    return (p[n - 1 - ofs / 8] >> (ofs % 8)) & 1;
}

/* Sets bit 'ofs' of the 'n'-byte array 'p' to 'bit'. */
static void
bits_set(uint8_t *p, size_t n, unsigned int ofs, bool bit)
{
    uint8_t *byte = &p[n - 1 - ofs / 8];
    uint8_t mask = 1u << (ofs % 8);

    *byte = bit ? *byte | mask : *byte & ~mask;
}

/* Returns true if the 'n' bytes at 'p' are all zero. */
static bool
bytes_are_zero(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* Returns true if the 'n' bytes at 'p' are all ones. */
static bool
bytes_are_ones(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    return true;
}

/* Returns the mask bytes of 'sf'.  They follow the value and so need not
 * be aligned for a union mf_value: access them only as bytes. */
static const uint8_t *
sf_mask_bytes(const struct ofpact_set_field *sf)
{
    return (const uint8_t *) sf->value + sf->field->n_bytes;
}

/* Copies the mask of 'sf' into the aligned '*mask'. */
static void
sf_get_mask(const struct ofpact_set_field *sf, union mf_value *mask)
{
    memset(mask, 0, sizeof *mask);
    memcpy(mask, sf_mask_bytes(sf), sf->field->n_bytes);
}

/* Ports. */

/* Checks that 'port' is a valid output port for a switch whose ports are
 * below 'max_ports'. */
enum ofperr
ofpact_check_output_port(ofp_port_t port, ofp_port_t max_ports)
{
    switch (port) {
    case OFPP_IN_PORT:
    case OFPP_TABLE:
    case OFPP_NORMAL:
    case OFPP_FLOOD:
    case OFPP_ALL:
    case OFPP_CONTROLLER:
    case OFPP_LOCAL:
        return 0;

    case OFPP_NONE:
        return OFPERR_OFPBAC_BAD_OUT_PORT;

    default:
        if (port < max_ports) {
            return 0;
        }
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
}

/* Converts OpenFlow 1.1+ port 'ofp11_port' into '*ofp10_port'. */
static enum ofperr
port_from_ofp11(ovs_be32 ofp11_port, ofp_port_t *ofp10_port)
{
    /* ofputil_port_from_ofp11() logs a port out of range, as upstream. */
    enum ofperr error = ofputil_port_from_ofp11(ofp11_port, ofp10_port);

    if (error) {
        *ofp10_port = 0;
    }
    return error;
}

/* Converts 'port' into its OpenFlow 1.1+ number. */
static ovs_be32
port_to_ofp11(ofp_port_t port)
{
    return htonl(port < OFPP_MAX ? port : port + OFPP11_OFFSET);
}

/* Names of the reserved ports, in upstream's spelling. */
static const struct {
    ofp_port_t port;            /* Port number. */
    const char *name;           /* Name. */
} reserved_ports[] = {
    { OFPP_IN_PORT, "IN_PORT" },
    { OFPP_TABLE, "TABLE" },
    { OFPP_NORMAL, "NORMAL" },
    { OFPP_FLOOD, "FLOOD" },
    { OFPP_ALL, "ALL" },
    { OFPP_CONTROLLER, "CONTROLLER" },
    { OFPP_LOCAL, "LOCAL" },
    { OFPP_NONE, "NONE" },
};

/* Appends 'port' to 's': a reserved port's name, else its number. */
static void
format_port(ofp_port_t port, const struct ofputil_port_map *port_map,
            struct ds *s)
{
    if (port_map) {
        ofputil_format_port(port, port_map, s);
        return;
    }
    for (size_t i = 0; i < ARRAY_SIZE(reserved_ports); i++) {
        if (reserved_ports[i].port == port) {
            ds_put_cstr(s, reserved_ports[i].name);
            return;
        }
    }
    ds_put_format(s, "%"PRIu16, port);
}

/* Parses 's' as a port name or number into '*portp'.  Returns true if
 * successful. */
static bool
parse_port(const char *s, const struct ofputil_port_map *port_map,
           ofp_port_t *portp)
{
    unsigned int port32;

    if (port_map) {
        return ofputil_port_from_string(s, port_map, portp);
    }
    *portp = 0;
    if (str_to_uint(s, 10, &port32)) {
        if (port32 < 0x10000) {
            *portp = port32;
            return true;
        } else if (port32 >= OFPP11_MAX) {
            *portp = port32 - OFPP11_OFFSET;
            return true;
        }
        return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(reserved_ports); i++) {
        if (!strcasecmp(s, reserved_ports[i].name)) {
            *portp = reserved_ports[i].port;
            return true;
        }
    }
    if (!strcasecmp(s, "ANY")) {
        *portp = OFPP_NONE;
        return true;
    }
    return false;
}

/* Packet-in reasons, as "controller(reason=...)" names them. */
static const char *const packet_in_reasons[] = {
    "no_match", "action", "invalid_ttl", "action_set", "group",
    "packet_out",
};

/* Appends the name of packet-in reason 'reason' to 's'.  The internal
 * table-miss reasons have an empty name, as upstream prints them (its
 * internal table 254 sends table misses with "controller(reason=)"). */
static void
format_packet_in_reason(uint8_t reason, struct ds *s)
{
    if (reason < ARRAY_SIZE(packet_in_reasons)) {
        ds_put_cstr(s, packet_in_reasons[reason]);
    } else if (reason == OFPR_EXPLICIT_MISS
               || reason == OFPR_IMPLICIT_MISS) {
        /* Nothing to print. */
    } else {
        ds_put_format(s, "%"PRIu8, reason);
    }
}

/* Parses packet-in reason name 's' into '*reason'. */
static bool
parse_packet_in_reason(const char *s, uint8_t *reason)
{
    for (size_t i = 0; i < ARRAY_SIZE(packet_in_reasons); i++) {
        if (!strcasecmp(s, packet_in_reasons[i])) {
            *reason = i;
            return true;
        }
    }
    return false;
}

/* Appends table number 'table' to 's', as its name if 'table_map' has
 * one. */
static void
format_table(uint8_t table, const struct ofputil_table_map *table_map,
             struct ds *s)
{
    if (table_map) {
        ofputil_format_table(table, table_map, s);
    } else {
        ds_put_format(s, "%"PRIu8, table);
    }
}

/* Parses table number (decimal) or name 's' into '*tablep'.  Returns true
 * if successful; the callers word their own error messages, as upstream
 * does. */
static bool
parse_table(const char *s, const struct ofputil_table_map *table_map,
            uint8_t *tablep)
{
    return ofputil_table_from_string(s, table_map, tablep);
}

/* Decoding OpenFlow actions. */

/* Looks up the encoding of the action at 'a' (with 'left' bytes
 * remaining) for 'version'.  On success stores the encoding in '*instp'
 * and the action's length in '*lenp'. */
static enum ofperr
ofpact_decode_header(const uint8_t *a, size_t left, enum ofp_version version,
                     const struct ofpact_raw_instance **instp, size_t *lenp)
{
    const struct ofp_action_hdr_w *hdr = (const void *) a;
    const struct ofpact_raw_instance *found = NULL;
    uint32_t vendor = 0;
    uint16_t type, len;

    *instp = NULL;
    *lenp = 0;
    if (left < sizeof *hdr) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    type = ntohs(hdr->type);
    len = ntohs(hdr->len);
    if (type == 0xffff) {
        const struct ofp_action_vendor_w *v = (const void *) a;

        if (left < sizeof *v) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        vendor = ntohl(v->vendor);
        if (vendor != NX_VENDOR_ID) {
            VLOG_WARN_RL(&rl, "OpenFlow action has unknown vendor "
                         "%#"PRIx32, vendor);
            return OFPERR_OFPBAC_BAD_VENDOR;
        }
        if (left < sizeof(struct nx_action_hdr_w)) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        type = ntohs(((const struct nx_action_hdr_w *) a)->subtype);
    }

    for (size_t i = 0; i < ARRAY_SIZE(ofpact_raw_instances); i++) {
        const struct ofpact_raw_instance *inst = &ofpact_raw_instances[i];

        if (inst->vendor == vendor && inst->type == type
            && version >= inst->min_version
            && version <= inst->max_version) {
            found = inst;
            break;
        }
    }
    if (!found) {
        if (vendor) {
            VLOG_WARN_RL(&rl, "unknown %s action for vendor %#"PRIx32" and "
                         "type %"PRIu16, ofputil_version_to_string(version),
                         vendor, type);
            return OFPERR_OFPBAC_BAD_VENDOR_TYPE;
        }
        VLOG_WARN_RL(&rl, "unknown %s action for vendor 0 and type "
                     "%"PRIu16, ofputil_version_to_string(version), type);
        return OFPERR_OFPBAC_BAD_TYPE;
    }

    if (!vendor && version >= OFP12_VERSION
        && ((type >= 1 && type <= 10) || (type >= 13 && type <= 15))) {
        /* OpenFlow 1.1's "set" actions, which OpenFlow 1.2 replaced by
         * set_field: still accepted. */
        VLOG_INFO_RL(&rl, "%s is deprecated in %s (use Set-Field)",
                     found->name, ofputil_version_to_string(version));
    }

    if (len > left) {
        VLOG_WARN_RL(&rl, "OpenFlow action %s length %"PRIu16" exceeds "
                     "action buffer length %zu", found->name, len, left);
        return OFPERR_OFPBAC_BAD_LEN;
    }
    if (len < found->min_len || len > found->max_len) {
        VLOG_WARN_RL(&rl, "OpenFlow action %s length %"PRIu16" not in "
                     "valid range [%"PRIu16",%"PRIu16"]", found->name, len,
                     found->min_len, found->max_len);
        return OFPERR_OFPBAC_BAD_LEN;
    }
    if (len % 8) {
        VLOG_WARN_RL(&rl, "OpenFlow action %s length %"PRIu16" is not a "
                     "multiple of 8", found->name, len);
        return OFPERR_OFPBAC_BAD_LEN;
    }
    *instp = found;
    *lenp = len;
    return 0;
}

/* Decodes the 'actions_len' bytes of OpenFlow 'version' actions at
 * 'actions', appending ofpacts to 'ofpacts'.  'depth' counts the nesting
 * of clone/ct. */
static enum ofperr
ofpacts_decode__(const void *actions, size_t actions_len,
                 enum ofp_version version,
                 const struct vl_mff_map *vl_mff_map,
                 uint64_t *tlv_bitmap, struct ofpbuf *ofpacts)
{
    const uint8_t *p = actions;
    size_t left = actions_len;

    while (left > 0) {
        const struct ofpact_raw_instance *inst;
        enum ofperr error;
        size_t start;
        size_t len;

        error = ofpact_decode_header(p, left, version, &inst, &len);
        if (!error) {
            ofpact_pad(ofpacts);
            start = ofpacts->size;
            error = ofpact_decode_dispatch(inst, p, version, vl_mff_map,
                                           tlv_bitmap, ofpacts);
            if (!error && ofpacts->size > start) {
                struct ofpact *a = ofpbuf_at_assert(ofpacts, start,
                                                    sizeof *a);
                a->raw = inst->raw;
            }
        }
        if (error) {
            if (!VLOG_DROP_WARN(&rl)) {
                struct ds s = DS_EMPTY_INITIALIZER;

                ds_put_hex_dump(&s, actions, actions_len, 0, false);
                ds_chomp(&s, '\n');
                VLOG_WARN("bad action at offset %td (%s):\n%s",
                          p - (const uint8_t *) actions,
                          ofperr_get_name(error), ds_cstr(&s));
                ds_destroy(&s);
            }
            return error;
        }
        p += len;
        left -= len;
    }
    return 0;
}

/* Current nesting of clone()/ct() in the actions being decoded by this
 * thread (limited to MAX_OFPACT_PARSE_DEPTH). */
static __thread int ofpacts_decode_depth;

/* Like ofpacts_decode__(), but limits nesting. */
static enum ofperr
ofpacts_decode(const void *actions, size_t actions_len,
               enum ofp_version version, const struct vl_mff_map *vl_mff_map,
               uint64_t *tlv_bitmap, struct ofpbuf *ofpacts)
{
    enum ofperr error;

    if (ofpacts_decode_depth >= MAX_OFPACT_PARSE_DEPTH) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    ofpacts_decode_depth++;
    error = ofpacts_decode__(actions, actions_len, version, vl_mff_map,
                             tlv_bitmap, ofpacts);
    ofpacts_decode_depth--;
    return error;
}

/* Appends an OFPACT_OUTPUT to 'out'. */
static enum ofperr
put_output(ofp_port_t port, uint16_t max_len, struct ofpbuf *out)
{
    struct ofpact_output *output;
    enum ofperr error;

    error = ofpact_check_output_port(port, OFPP_MAX);
    if (error) {
        return error;
    }
    output = ofpact_put_OUTPUT(out);
    output->port = port;
    output->max_len = max_len;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_OUTPUT(const struct ofp10_output_w *oao,
                          enum ofp_version version OVS_UNUSED,
                          const struct vl_mff_map *vl_mff_map OVS_UNUSED,
                          uint64_t *tlv_bitmap OVS_UNUSED,
                          struct ofpbuf *out)
{
    return put_output(ntohs(oao->port), ntohs(oao->max_len), out);
}

static enum ofperr
decode_OFPAT_RAW11_OUTPUT(const struct ofp11_output_w *oao,
                          enum ofp_version version OVS_UNUSED,
                          const struct vl_mff_map *vl_mff_map OVS_UNUSED,
                          uint64_t *tlv_bitmap OVS_UNUSED,
                          struct ofpbuf *out)
{
    ofp_port_t port;
    enum ofperr error;

    error = port_from_ofp11(oao->port, &port);
    if (error) {
        return error;
    }
    return put_output(port, ntohs(oao->max_len), out);
}

static enum ofperr
decode_OFPAT_RAW10_ENQUEUE(const struct ofp10_enqueue_w *oae,
                           enum ofp_version version OVS_UNUSED,
                           const struct vl_mff_map *vl_mff_map OVS_UNUSED,
                           uint64_t *tlv_bitmap OVS_UNUSED,
                           struct ofpbuf *out)
{
    struct ofpact_enqueue *enqueue;
    ofp_port_t port = ntohs(oae->port);

    if (port >= OFPP_MAX && port != OFPP_IN_PORT && port != OFPP_LOCAL) {
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    enqueue = ofpact_put_ENQUEUE(out);
    enqueue->port = port;
    enqueue->queue = ntohl(oae->queue_id);
    return 0;
}

static enum ofperr
decode_set_vlan_vid(uint16_t vid, bool push_vlan_if_needed,
                    struct ofpbuf *out)
{
    struct ofpact_vlan_vid *a;

    if (vid & ~0xfff) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    a = ofpact_put_SET_VLAN_VID(out);
    a->vlan_vid = vid;
    a->push_vlan_if_needed = push_vlan_if_needed;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_VLAN_VID(uint16_t vid, enum ofp_version v OVS_UNUSED,
                                struct ofpbuf *out)
{
    return decode_set_vlan_vid(vid, true, out);
}

static enum ofperr
decode_OFPAT_RAW11_SET_VLAN_VID(uint16_t vid, enum ofp_version v OVS_UNUSED,
                                struct ofpbuf *out)
{
    return decode_set_vlan_vid(vid, false, out);
}

static enum ofperr
decode_set_vlan_pcp(uint8_t pcp, bool push_vlan_if_needed,
                    struct ofpbuf *out)
{
    struct ofpact_vlan_pcp *a;

    if (pcp & ~7) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    a = ofpact_put_SET_VLAN_PCP(out);
    a->vlan_pcp = pcp;
    a->push_vlan_if_needed = push_vlan_if_needed;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_VLAN_PCP(uint8_t pcp, enum ofp_version v OVS_UNUSED,
                                struct ofpbuf *out)
{
    return decode_set_vlan_pcp(pcp, true, out);
}

static enum ofperr
decode_OFPAT_RAW11_SET_VLAN_PCP(uint8_t pcp, enum ofp_version v OVS_UNUSED,
                                struct ofpbuf *out)
{
    return decode_set_vlan_pcp(pcp, false, out);
}

static enum ofperr
decode_OFPAT_RAW10_STRIP_VLAN(enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_STRIP_VLAN(out);
    return 0;
}

static enum ofperr
decode_OFPAT_RAW11_POP_VLAN(enum ofp_version v OVS_UNUSED,
                            struct ofpbuf *out)
{
    ofpact_put_STRIP_VLAN(out);
    return 0;
}

static enum ofperr
decode_OFPAT_RAW11_PUSH_VLAN(ovs_be16 eth_type, enum ofp_version v OVS_UNUSED,
                             struct ofpbuf *out)
{
    if (eth_type != htons(ETH_TYPE_VLAN_8021Q)
        && eth_type != htons(ETH_TYPE_VLAN_8021AD)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_PUSH_VLAN(out)->ethertype = eth_type;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_DL_SRC(struct eth_addr mac,
                              enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_ETH_SRC(out)->mac = mac;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_DL_DST(struct eth_addr mac,
                              enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_ETH_DST(out)->mac = mac;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_NW_SRC(ovs_be32 ip, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_IPV4_SRC(out)->ipv4 = ip;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_NW_DST(ovs_be32 ip, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_IPV4_DST(out)->ipv4 = ip;
    return 0;
}

static enum ofperr
decode_set_nw_tos(uint8_t tos, struct ofpbuf *out)
{
    if (tos & ~IP_DSCP_MASK) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_SET_IP_DSCP(out)->dscp = tos;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_NW_TOS(uint8_t tos, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    return decode_set_nw_tos(tos, out);
}

static enum ofperr
decode_OFPAT_RAW11_SET_NW_ECN(uint8_t ecn, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    if (ecn & ~IP_ECN_MASK) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_SET_IP_ECN(out)->ecn = ecn;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW11_SET_NW_TTL(uint8_t ttl, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_IP_TTL(out)->ttl = ttl;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_TP_SRC(uint16_t port, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_L4_SRC_PORT(out)->port = port;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW10_SET_TP_DST(uint16_t port, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_L4_DST_PORT(out)->port = port;
    return 0;
}

static enum ofperr
decode_set_mpls_label(ovs_be32 label, struct ofpbuf *out)
{
    ofpact_put_SET_MPLS_LABEL(out)->label = label;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW11_SET_MPLS_LABEL(ovs_be32 label,
                                  enum ofp_version v OVS_UNUSED,
                                  struct ofpbuf *out)
{
    return decode_set_mpls_label(label, out);
}

static enum ofperr
decode_NXAST_RAW_SET_MPLS_LABEL(ovs_be32 label, enum ofp_version v OVS_UNUSED,
                                struct ofpbuf *out)
{
    return decode_set_mpls_label(label, out);
}

static enum ofperr
decode_set_mpls_tc(uint8_t tc, struct ofpbuf *out)
{
    if (tc & ~7) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_SET_MPLS_TC(out)->tc = tc;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW11_SET_MPLS_TC(uint8_t tc, enum ofp_version v OVS_UNUSED,
                               struct ofpbuf *out)
{
    return decode_set_mpls_tc(tc, out);
}

static enum ofperr
decode_NXAST_RAW_SET_MPLS_TC(uint8_t tc, enum ofp_version v OVS_UNUSED,
                             struct ofpbuf *out)
{
    return decode_set_mpls_tc(tc, out);
}

static enum ofperr
decode_OFPAT_RAW11_SET_MPLS_TTL(uint8_t ttl, enum ofp_version v OVS_UNUSED,
                                struct ofpbuf *out)
{
    ofpact_put_SET_MPLS_TTL(out)->ttl = ttl;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_SET_MPLS_TTL(uint8_t ttl, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_MPLS_TTL(out)->ttl = ttl;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW11_DEC_MPLS_TTL(enum ofp_version v OVS_UNUSED,
                                struct ofpbuf *out)
{
    ofpact_put_DEC_MPLS_TTL(out);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_DEC_MPLS_TTL(enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_DEC_MPLS_TTL(out);
    return 0;
}

static enum ofperr
decode_push_mpls(ovs_be16 ethertype, struct ofpbuf *out)
{
    if (!eth_type_mpls(ethertype)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_PUSH_MPLS(out)->ethertype = ethertype;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW11_PUSH_MPLS(ovs_be16 ethertype, enum ofp_version v OVS_UNUSED,
                             struct ofpbuf *out)
{
    return decode_push_mpls(ethertype, out);
}

static enum ofperr
decode_NXAST_RAW_PUSH_MPLS(ovs_be16 ethertype, enum ofp_version v OVS_UNUSED,
                           struct ofpbuf *out)
{
    return decode_push_mpls(ethertype, out);
}

static enum ofperr
decode_OFPAT_RAW11_POP_MPLS(ovs_be16 ethertype, enum ofp_version v OVS_UNUSED,
                            struct ofpbuf *out)
{
    if (eth_type_mpls(ethertype)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_POP_MPLS(out)->ethertype = ethertype;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_POP_MPLS(ovs_be16 ethertype, enum ofp_version v OVS_UNUSED,
                          struct ofpbuf *out)
{
    return decode_OFPAT_RAW11_POP_MPLS(ethertype, v, out);
}

static enum ofperr
decode_OFPAT_RAW11_SET_QUEUE(uint32_t queue_id, enum ofp_version v OVS_UNUSED,
                             struct ofpbuf *out)
{
    ofpact_put_SET_QUEUE(out)->queue_id = queue_id;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_SET_QUEUE(uint32_t queue_id, enum ofp_version v OVS_UNUSED,
                           struct ofpbuf *out)
{
    ofpact_put_SET_QUEUE(out)->queue_id = queue_id;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_POP_QUEUE(enum ofp_version v OVS_UNUSED, struct ofpbuf *out)
{
    ofpact_put_POP_QUEUE(out);
    return 0;
}

static enum ofperr
decode_OFPAT_RAW11_GROUP(uint32_t group_id, enum ofp_version v OVS_UNUSED,
                         struct ofpbuf *out)
{
    ofpact_put_GROUP(out)->group_id = group_id;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_GROUP(uint32_t group_id, enum ofp_version v OVS_UNUSED,
                       struct ofpbuf *out)
{
    ofpact_put_GROUP(out)->group_id = group_id;
    return 0;
}

static enum ofperr
decode_OFPAT_RAW15_METER(uint32_t meter_id, enum ofp_version v OVS_UNUSED,
                         struct ofpbuf *out)
{
    ofpact_put_METER(out)->meter_id = meter_id;
    return 0;
}

/* Appends a "dec_ttl" with the single controller id 0. */
static void
put_dec_ttl_default(struct ofpbuf *out)
{
    struct ofpact_cnt_ids *ids = ofpact_put_DEC_TTL(out);
    uint16_t id = 0;

    ofpbuf_put(out, &id, sizeof id);
    ids = out->header;
    ids->n_controllers = 1;
    ofpact_finish_DEC_TTL(out, &ids);
}

static enum ofperr
decode_OFPAT_RAW11_DEC_NW_TTL(enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    put_dec_ttl_default(out);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_DEC_TTL(enum ofp_version v OVS_UNUSED, struct ofpbuf *out)
{
    put_dec_ttl_default(out);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_DEC_TTL_CNT_IDS(const struct nx_cnt_ids_w *nac,
                                 enum ofp_version v OVS_UNUSED,
                                 const struct vl_mff_map *vl OVS_UNUSED,
                                 uint64_t *tlv OVS_UNUSED,
                                 struct ofpbuf *out)
{
    struct ofpact_cnt_ids *ids;
    uint16_t n = ntohs(nac->n_controllers);
    size_t ids_size = ntohs(nac->hdr.len) - sizeof *nac - 2;
    const uint8_t *p = (const uint8_t *) nac + sizeof *nac + 2;

    /* The header is 10 bytes, 'n_controllers' and 4 zero bytes bring it
     * to 16; 'sizeof *nac' counts padding differently, so compute it. */
    p = (const uint8_t *) nac + 16;
    ids_size = ntohs(nac->hdr.len) - 16;
    if (!bytes_are_zero(nac->zeros, sizeof nac->zeros)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    if (ids_size < n * sizeof(ovs_be16)) {
        VLOG_WARN_RL(&rl, "Nicira action dec_ttl_cnt_ids only has "
                     "%zu bytes allocated for controller ids.  "
                     "%zu bytes are required for %"PRIu16" "
                     "controllers.", ids_size, n * sizeof(ovs_be16), n);
        return OFPERR_OFPBAC_BAD_LEN;
    }
    ids = ofpact_put_DEC_TTL(out);
    ids->n_controllers = n;
    for (uint16_t i = 0; i < n; i++) {
        ovs_be16 id;
        uint16_t host;

        memcpy(&id, p + 2 * i, sizeof id);
        host = ntohs(id);
        ofpbuf_put(out, &host, sizeof host);
    }
    ids = out->header;
    ofpact_finish_DEC_TTL(out, &ids);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_SET_TUNNEL(uint32_t tun_id, enum ofp_version v OVS_UNUSED,
                            struct ofpbuf *out)
{
    ofpact_put_SET_TUNNEL(out)->tun_id = tun_id;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_SET_TUNNEL64(uint64_t tun_id, enum ofp_version v OVS_UNUSED,
                              struct ofpbuf *out)
{
    ofpact_put_SET_TUNNEL(out)->tun_id = tun_id;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_EXIT(enum ofp_version v OVS_UNUSED, struct ofpbuf *out)
{
    ofpact_put_EXIT(out);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_CT_CLEAR(enum ofp_version v OVS_UNUSED, struct ofpbuf *out)
{
    ofpact_put_CT_CLEAR(out);
    return 0;
}

static enum ofperr
decode_resubmit(const struct nx_resubmit_w *nar, bool table, bool ct,
                struct ofpbuf *out)
{
    struct ofpact_resubmit *resubmit;

    if (table && !bytes_are_zero(nar->pad, sizeof nar->pad)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    resubmit = ofpact_put_RESUBMIT(out);
    resubmit->in_port = ntohs(nar->in_port);
    resubmit->table_id = table ? nar->table : 0xff;
    resubmit->with_ct_orig = ct;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_RESUBMIT(const struct nx_resubmit_w *nar,
                          enum ofp_version v OVS_UNUSED,
                          const struct vl_mff_map *vl OVS_UNUSED,
                          uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    return decode_resubmit(nar, false, false, out);
}

static enum ofperr
decode_NXAST_RAW_RESUBMIT_TABLE(const struct nx_resubmit_w *nar,
                                enum ofp_version v OVS_UNUSED,
                                const struct vl_mff_map *vl OVS_UNUSED,
                                uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    return decode_resubmit(nar, true, false, out);
}

static enum ofperr
decode_NXAST_RAW_RESUBMIT_TABLE_CT(const struct nx_resubmit_w *nar,
                                   enum ofp_version v OVS_UNUSED,
                                   const struct vl_mff_map *vl OVS_UNUSED,
                                   uint64_t *tlv OVS_UNUSED,
                                   struct ofpbuf *out)
{
    return decode_resubmit(nar, true, true, out);
}

/* Pulls a field header from the 'len' bytes at 'p' into '*sf' (with
 * offset 'ofs' and 'n_bits' bits) and returns 0 or an error.  Advances
 * '*b' past the header. */
static enum ofperr
pull_subfield(struct ofpbuf *b, const struct vl_mff_map *vl_mff_map,
              unsigned int ofs, unsigned int n_bits, struct mf_subfield *sf)
{
    enum ofperr error;

    error = nx_pull_header(b, vl_mff_map, &sf->field, NULL);
    sf->ofs = ofs;
    sf->n_bits = n_bits;
    return error;
}

/* Returns 0 if 'sf' names bits that exist in its field, else
 * OFPERR_OFPBAC_BAD_SET_ARGUMENT. */
static enum ofperr
subfield_check_bounds(const struct mf_subfield *sf)
{
    if (!sf->field || !sf->n_bits
        || sf->ofs + sf->n_bits > sf->field->n_bits
        || sf->ofs >= sf->field->n_bits) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    return 0;
}

/* Sets '*sf' from NXM header 'header' and 'ofs_nbits'. */
static enum ofperr
subfield_from_nxm(uint32_t header, ovs_be16 ofs_nbits,
                  struct mf_subfield *sf)
{
    sf->field = mf_from_nxm_header(header, NULL);
    sf->ofs = nxm_decode_ofs(ofs_nbits);
    sf->n_bits = nxm_decode_n_bits(ofs_nbits);
    if (!sf->field) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
    return subfield_check_bounds(sf) ? OFPERR_OFPBAC_BAD_SET_LEN : 0;
}

static enum ofperr
decode_NXAST_RAW_REG_MOVE(const struct nx_reg_move_w *narm,
                          enum ofp_version v OVS_UNUSED,
                          const struct vl_mff_map *vl_mff_map,
                          uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_reg_move *move;
    struct ofpbuf b;
    enum ofperr error;

    move = ofpact_put_REG_MOVE(out);
    ofpbuf_use_const(&b, narm, ntohs(narm->hdr.len));
    ofpbuf_pull(&b, 16);
    error = pull_subfield(&b, vl_mff_map, ntohs(narm->src_ofs),
                          ntohs(narm->n_bits), &move->src);
    if (!error) {
        error = pull_subfield(&b, vl_mff_map, ntohs(narm->dst_ofs),
                              ntohs(narm->n_bits), &move->dst);
    }
    if (error) {
        return error;
    }
    if (!bytes_are_zero(b.data, b.size)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    error = mf_check_src(&move->src, NULL);
    if (!error) {
        error = mf_check_dst(&move->dst, NULL);
    }
    return error;
}

static enum ofperr
decode_OFPAT_RAW15_COPY_FIELD(const struct ofp15_copy_field_w *oacf,
                              enum ofp_version v OVS_UNUSED,
                              const struct vl_mff_map *vl_mff_map,
                              uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_reg_move *move;
    struct ofpbuf b;
    enum ofperr error;

    move = ofpact_put_REG_MOVE(out);
    ofpbuf_use_const(&b, oacf, ntohs(oacf->hdr.len));
    ofpbuf_pull(&b, 12);
    error = pull_subfield(&b, vl_mff_map, ntohs(oacf->src_offset),
                          ntohs(oacf->n_bits), &move->src);
    if (!error) {
        error = pull_subfield(&b, vl_mff_map, ntohs(oacf->dst_offset),
                              ntohs(oacf->n_bits), &move->dst);
    }
    if (error) {
        return error;
    }
    if (!bytes_are_zero(b.data, b.size) || oacf->pad[0] || oacf->pad[1]) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    error = mf_check_src(&move->src, NULL);
    if (!error) {
        error = mf_check_dst(&move->dst, NULL);
    }
    return error;
}

/* Builds, in 'value' and 'mask' ('n' bytes each), a value of 'value_sf'
 * bits 'ofs' to 'ofs + n_bits - 1' taken from the right-justified
 * 'src'/'src_len' bytes. */
static void
bits_place(const uint8_t *src, size_t src_len, unsigned int ofs,
           unsigned int n_bits, uint8_t *value, uint8_t *mask, size_t n)
{
    for (unsigned int i = 0; i < n_bits; i++) {
        if (ofs + i < n * 8) {
            bool bit = i < src_len * 8 ? bits_get(src, src_len, i) : false;

            bits_set(value, n, ofs + i, bit);
            bits_set(mask, n, ofs + i, true);
        }
    }
}

static enum ofperr
decode_NXAST_RAW_REG_LOAD(const struct nx_reg_load_w *narl,
                          enum ofp_version v OVS_UNUSED,
                          const struct vl_mff_map *vl OVS_UNUSED,
                          uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    union mf_value value, mask;
    struct mf_subfield dst;
    enum ofperr error;
    ovs_be64 v64;
    uint64_t host;

    error = subfield_from_nxm(ntohl(narl->dst), narl->ofs_nbits, &dst);
    if (error) {
        return error;
    }
    memcpy(&v64, narl->value, sizeof v64);
    host = ntohll(v64);
    if (dst.n_bits < 64 && host >> dst.n_bits) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (!dst.field->writable) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    memset(&value, 0, sizeof value);
    memset(&mask, 0, sizeof mask);
    bits_place((const uint8_t *) &v64, sizeof v64, dst.ofs, dst.n_bits,
               value.b, mask.b, dst.field->n_bytes);
    ofpact_put_set_field(out, dst.field, &value, &mask);
    return 0;
}

/* Decodes the OXM entry (with optional mask) that starts 'len' bytes at
 * 'p' into an OFPACT_SET_FIELD.  The bytes after the entry must be zero. */
static enum ofperr
decode_set_field_entry(const void *p, size_t len, bool may_mask,
                       const struct vl_mff_map *vl_mff_map OVS_UNUSED,
                       struct ofpbuf *out)
{
    union mf_value value, mask;
    const struct mf_field *field;
    struct ofpbuf b;
    enum ofperr error;

    ofpbuf_use_const(&b, p, len);
    error = nx_pull_set_field_entry(&b, may_mask, &field, &value, &mask);
    if (error) {
        return error;
    }
    if (!bytes_are_zero(b.data, b.size)) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (!field->writable) {
        VLOG_WARN_RL(&rl, "destination field %s is not writable",
                     field->name);
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (field->id == MFF_IN_PORT_OXM) {
        /* OpenFlow 1.1+'s in_port is set as NXM's 16-bit in_port. */
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    /* OpenFlow 1.2+ requires OFPVID_PRESENT in a vlan_vid to set. */
    if (!mf_is_value_valid(field, &value)
        || (field->id == MFF_VLAN_VID && !(value.be16 & htons(0x1000)))) {
        if (!VLOG_DROP_WARN(&rl)) {
            struct ds ds = DS_EMPTY_INITIALIZER;

            mf_format(field, &value, NULL, NULL, &ds);
            VLOG_WARN("Invalid value for set field %s: %s", field->name,
                      ds_cstr(&ds));
            ds_destroy(&ds);
        }
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    ofpact_put_set_field(out, field, &value, &mask);
    return 0;
}

static enum ofperr
decode_OFPAT_RAW12_SET_FIELD(const struct ofp12_set_field_w *oasf,
                             enum ofp_version version,
                             const struct vl_mff_map *vl_mff_map,
                             uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    return decode_set_field_entry(oasf->oxm, ntohs(oasf->hdr.len) - 4,
                                  version >= OFP15_VERSION, vl_mff_map, out);
}

static enum ofperr
decode_NXAST_RAW_REG_LOAD2(const struct nx_reg_load2_w *narl,
                           enum ofp_version v OVS_UNUSED,
                           const struct vl_mff_map *vl_mff_map,
                           uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    return decode_set_field_entry(narl->pad, ntohs(narl->hdr.len) - 10,
                                  true, vl_mff_map, out);
}

static enum ofperr
decode_NXAST_RAW_NOTE(const struct nx_note_w *nan,
                      enum ofp_version v OVS_UNUSED,
                      const struct vl_mff_map *vl OVS_UNUSED,
                      uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    size_t length = ntohs(nan->hdr.len) - 10;
    struct ofpact_note *note;

    note = ofpact_put_NOTE(out);
    note->length = length;
    ofpbuf_put(out, nan->note, length);
    note = out->header;
    ofpact_finish_NOTE(out, &note);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_MULTIPATH(const struct nx_multipath_w *nam,
                           enum ofp_version v OVS_UNUSED,
                           const struct vl_mff_map *vl OVS_UNUSED,
                           uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    uint32_t n_links = ntohs(nam->max_link) + 1;
    size_t min_n_bits = 0;
    struct ofpact_multipath *mp;
    enum ofperr error;

    while ((1u << min_n_bits) < n_links && min_n_bits < 32) {
        min_n_bits++;
    }
    mp = ofpact_put_MULTIPATH(out);
    mp->fields = ntohs(nam->fields);
    mp->basis = ntohs(nam->basis);
    mp->algorithm = ntohs(nam->algorithm);
    mp->max_link = ntohs(nam->max_link);
    mp->arg = ntohl(get_be32_2(nam->arg));
    mp->dst.field = mf_from_nxm_header(ntohl(get_be32_2(nam->dst)), NULL);
    if (!mp->dst.field) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
    if (!multipath_is_valid_fields(mp->fields)) {
        VLOG_WARN_RL(&rl, "unsupported fields %d", (int) mp->fields);
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    } else if (mp->algorithm != NX_MP_ALG_MODULO_N
               && mp->algorithm != NX_MP_ALG_HASH_THRESHOLD
               && mp->algorithm != NX_MP_ALG_HRW
               && mp->algorithm != NX_MP_ALG_ITER_HASH) {
        VLOG_WARN_RL(&rl, "unsupported algorithm %d",
                     (int) mp->algorithm);
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    error = subfield_from_nxm(ntohl(get_be32_2(nam->dst)), nam->ofs_nbits,
                              &mp->dst);
    if (error) {
        return error;
    }
    if (mp->dst.n_bits < min_n_bits) {
        VLOG_WARN_RL(&rl, "multipath action requires at least %zu"
                     " bits for %"PRIu32" links", min_n_bits, n_links);
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return multipath_check(mp, NULL);
}

/* Decodes NXAST_BUNDLE or, if 'load', NXAST_BUNDLE_LOAD. */
static enum ofperr
decode_bundle(bool load, const struct nx_bundle_w *nab, struct ofpbuf *out)
{
    struct ofpact_bundle *bundle;
    uint32_t member_type;
    size_t members_size, i;
    enum ofperr error;

    bundle = ofpact_put_BUNDLE(out);
    bundle->n_members = ntohs(nab->n_members);
    bundle->basis = ntohs(nab->basis);
    bundle->fields = ntohs(nab->fields);
    bundle->algorithm = ntohs(nab->algorithm);
    member_type = ntohl(get_be32_2(nab->member_type));
    members_size = ntohs(nab->hdr.len) - 32;

    error = 0;
    if (!multipath_is_valid_fields(bundle->fields)) {
        VLOG_WARN_RL(&rl, "unsupported fields %d", (int) bundle->fields);
        error = OFPERR_OFPBAC_BAD_ARGUMENT;
    } else if (bundle->algorithm != NX_BD_ALG_HRW
               && bundle->algorithm != NX_BD_ALG_ACTIVE_BACKUP) {
        VLOG_WARN_RL(&rl, "unsupported algorithm %d",
                     (int) bundle->algorithm);
        error = OFPERR_OFPBAC_BAD_ARGUMENT;
    } else if (member_type != mf_nxm_header(MFF_IN_PORT)) {
        VLOG_WARN_RL(&rl, "unsupported member type %"PRIu32,
                     member_type);
        error = OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (!bytes_are_zero(nab->zero, sizeof nab->zero)) {
        VLOG_WARN_RL(&rl, "reserved field is nonzero");
        error = OFPERR_OFPBAC_BAD_ARGUMENT;
    }

    if (load) {
        bundle->dst.field = mf_from_nxm_header(ntohl(get_be32_2(nab->dst)),
                                               NULL);
        bundle->dst.ofs = nxm_decode_ofs(nab->ofs_nbits);
        bundle->dst.n_bits = nxm_decode_n_bits(nab->ofs_nbits);
        if (!bundle->dst.field) {
            return OFPERR_OFPBAC_BAD_SET_TYPE;
        }
        /* As upstream, a known destination field clears the errors found
         * so far. */
        error = 0;
        if (bundle->dst.ofs + bundle->dst.n_bits > bundle->dst.field->n_bits) {
            return OFPERR_OFPBAC_BAD_SET_LEN;
        }
        if (bundle->dst.n_bits < 16) {
            VLOG_WARN_RL(&rl, "bundle_load action requires at least 16 "
                         "bit destination.");
            error = OFPERR_OFPBAC_BAD_ARGUMENT;
        }
    } else {
        if (nab->ofs_nbits || get_be32_2(nab->dst)) {
            VLOG_WARN_RL(&rl, "bundle action has nonzero reserved "
                         "fields");
            error = OFPERR_OFPBAC_BAD_ARGUMENT;
        }
    }

    if (members_size < bundle->n_members * sizeof(ovs_be16)) {
        VLOG_WARN_RL(&rl, "Nicira action %s only has %zu bytes "
                     "allocated for members.  %zu bytes are "
                     "required for %u members.",
                     load ? "bundle_load" : "bundle", members_size,
                     bundle->n_members * sizeof(ovs_be16),
                     bundle->n_members);
        error = OFPERR_OFPBAC_BAD_LEN;
    }
    if (error) {
        return error;
    }

    for (i = 0; i < bundle->n_members; i++) {
        ovs_be16 port;
        ofp_port_t ofp_port;

        memcpy(&port, (const uint8_t *) nab + 32 + 2 * i, sizeof port);
        ofp_port = ntohs(port);
        ofpbuf_put(out, &ofp_port, sizeof ofp_port);
    }
    bundle = out->header;
    ofpact_finish_BUNDLE(out, &bundle);
    if (!error) {
        error = bundle_check(bundle, OFPP_MAX, NULL);
    }
    return error;
}

static enum ofperr
decode_NXAST_RAW_BUNDLE(const struct nx_bundle_w *nab,
                        enum ofp_version v OVS_UNUSED,
                        const struct vl_mff_map *vl OVS_UNUSED,
                        uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    return decode_bundle(false, nab, out);
}

static enum ofperr
decode_NXAST_RAW_BUNDLE_LOAD(const struct nx_bundle_w *nab,
                             enum ofp_version v OVS_UNUSED,
                             const struct vl_mff_map *vl OVS_UNUSED,
                             uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    return decode_bundle(true, nab, out);
}

static enum ofperr
decode_NXAST_RAW_OUTPUT_REG(const struct nx_output_reg_w *naor,
                            enum ofp_version v OVS_UNUSED,
                            const struct vl_mff_map *vl OVS_UNUSED,
                            uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_output_reg *output_reg;
    enum ofperr error;

    if (!bytes_are_zero(naor->zero, sizeof naor->zero)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    output_reg = ofpact_put_OUTPUT_REG(out);
    output_reg->max_len = ntohs(naor->max_len);
    error = subfield_from_nxm(ntohl(get_be32_2(naor->src)), naor->ofs_nbits,
                              &output_reg->src);
    if (error) {
        return error;
    }
    return mf_check_src(&output_reg->src, NULL);
}

static enum ofperr
decode_NXAST_RAW_OUTPUT_REG2(const struct nx_output_reg2_w *naor,
                             enum ofp_version v OVS_UNUSED,
                             const struct vl_mff_map *vl_mff_map,
                             uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_output_reg *output_reg;
    struct ofpbuf b;
    enum ofperr error;

    output_reg = ofpact_put_OUTPUT_REG(out);
    output_reg->max_len = ntohs(naor->max_len);
    ofpbuf_use_const(&b, naor, ntohs(naor->hdr.len));
    ofpbuf_pull(&b, 14);
    error = pull_subfield(&b, vl_mff_map, nxm_decode_ofs(naor->ofs_nbits),
                          nxm_decode_n_bits(naor->ofs_nbits),
                          &output_reg->src);
    if (error) {
        return error;
    }
    if (!bytes_are_zero(b.data, b.size)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    return mf_check_src(&output_reg->src, NULL);
}

static enum ofperr
decode_NXAST_RAW_FIN_TIMEOUT(const struct nx_fin_timeout_w *naft,
                             enum ofp_version v OVS_UNUSED,
                             const struct vl_mff_map *vl OVS_UNUSED,
                             uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_fin_timeout *oft = ofpact_put_FIN_TIMEOUT(out);

    oft->fin_idle_timeout = ntohs(naft->fin_idle_timeout);
    oft->fin_hard_timeout = ntohs(naft->fin_hard_timeout);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_CONTROLLER(const struct nx_controller_w *nac,
                            enum ofp_version v OVS_UNUSED,
                            const struct vl_mff_map *vl OVS_UNUSED,
                            uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_controller *oc = ofpact_put_CONTROLLER(out);

    oc->ofpact.raw = NXAST_RAW_CONTROLLER;
    oc->max_len = ntohs(nac->max_len);
    oc->controller_id = ntohs(nac->controller_id);
    oc->reason = nac->reason;
    oc->meter_id = NX_CTLR_NO_METER;
    ofpact_finish_CONTROLLER(out, &oc);
    return 0;
}

/* Property types of NXAST_CONTROLLER2. */
enum nx_action_controller2_prop_type {
    NXAC2PT_MAX_LEN,            /* ovs_be16 max bytes to send. */
    NXAC2PT_CONTROLLER_ID,      /* ovs_be16 dest controller ID. */
    NXAC2PT_REASON,             /* uint8_t reason (OFPR_*). */
    NXAC2PT_USERDATA,           /* Data to copy into NXPINT_USERDATA. */
    NXAC2PT_PAUSE,              /* Flag to pause pipeline to resume later. */
    NXAC2PT_METER_ID,           /* ovs_b32 meter (default NX_CTLR_NO_METER). */
};

static enum ofperr
decode_NXAST_RAW_CONTROLLER2(const struct nx_controller2_w *nac2,
                             enum ofp_version v OVS_UNUSED,
                             const struct vl_mff_map *vl OVS_UNUSED,
                             uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    size_t start_ofs = out->size;
    struct ofpact_controller *oc;
    const uint8_t *p, *end;

    if (!bytes_are_zero(nac2->zeros, sizeof nac2->zeros)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    oc = ofpact_put_CONTROLLER(out);
    oc->ofpact.raw = NXAST_RAW_CONTROLLER2;
    oc->max_len = UINT16_MAX;
    oc->reason = OFPR_ACTION;
    oc->meter_id = NX_CTLR_NO_METER;

    p = (const uint8_t *) nac2 + 16;
    end = (const uint8_t *) nac2 + ntohs(nac2->hdr.len);
    while (p < end) {
        ovs_be16 type_be, len_be;
        uint16_t type, len;
        const uint8_t *data;
        size_t data_len;

        if (end - p < 4) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        memcpy(&type_be, p, 2);
        memcpy(&len_be, p + 2, 2);
        type = ntohs(type_be);
        len = ntohs(len_be);
        if (len < 4 || ROUND_UP(len, 8) > end - p) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        data = p + 4;
        data_len = len - 4;
        oc = ofpbuf_at_assert(out, start_ofs, sizeof *oc);
        switch (type) {
        case NXAC2PT_MAX_LEN:
        case NXAC2PT_CONTROLLER_ID: {
            ovs_be16 x;

            if (data_len != 2 && data_len != 4) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            memcpy(&x, data, 2);
            if (type == NXAC2PT_MAX_LEN) {
                oc->max_len = ntohs(x);
            } else {
                oc->controller_id = ntohs(x);
            }
            break;
        }
        case NXAC2PT_REASON:
            if (data_len != 1) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            oc->reason = data[0];
            break;
        case NXAC2PT_USERDATA:
            oc->userdata_len = data_len;
            ofpbuf_put(out, data, data_len);
            break;
        case NXAC2PT_PAUSE:
            oc->pause = true;
            break;
        case NXAC2PT_METER_ID: {
            ovs_be32 x;

            if (data_len != 4) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            memcpy(&x, data, 4);
            oc->meter_id = ntohl(x);
            break;
        }
        default:
            return OFPERR_OFPBPC_BAD_TYPE;
        }
        p += ROUND_UP(len, 8);
    }
    oc = ofpbuf_at_assert(out, start_ofs, sizeof *oc);
    out->header = oc;
    ofpact_finish_CONTROLLER(out, &oc);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_WRITE_METADATA(const struct nx_write_metadata_w *nawm,
                                enum ofp_version v OVS_UNUSED,
                                const struct vl_mff_map *vl OVS_UNUSED,
                                uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_metadata *om;

    if (!bytes_are_zero(nawm->zeros, sizeof nawm->zeros)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    om = ofpact_put_WRITE_METADATA(out);
    om->metadata = nawm->metadata;
    om->mask = nawm->mask;
    return 0;
}

/* Decodes NXAST_STACK_PUSH or NXAST_STACK_POP into 'stack'. */
static enum ofperr
decode_stack(const struct nx_stack_w *nasp,
             const struct vl_mff_map *vl_mff_map,
             struct ofpact_stack *stack)
{
    struct ofpbuf b;
    enum ofperr error;

    ofpbuf_use_const(&b, nasp, ntohs(nasp->hdr.len));
    ofpbuf_pull(&b, 12);
    error = pull_subfield(&b, vl_mff_map, ntohs(nasp->offset), 0,
                          &stack->subfield);
    if (error) {
        return error;
    }
    /* The 'n_bits' follow the header. */
    {
        ovs_be16 n_bits;

        if (b.size < 2) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        memcpy(&n_bits, b.data, 2);
        ofpbuf_pull(&b, 2);
        stack->subfield.n_bits = ntohs(n_bits);
    }
    if (!bytes_are_zero(b.data, b.size)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    return 0;
}

static enum ofperr
decode_NXAST_RAW_STACK_PUSH(const struct nx_stack_w *nasp,
                            enum ofp_version v OVS_UNUSED,
                            const struct vl_mff_map *vl_mff_map,
                            uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_stack *push = ofpact_put_STACK_PUSH(out);
    enum ofperr error = decode_stack(nasp, vl_mff_map, push);

    return error ? error : mf_check_src(&push->subfield, NULL);
}

static enum ofperr
decode_NXAST_RAW_STACK_POP(const struct nx_stack_w *nasp,
                           enum ofp_version v OVS_UNUSED,
                           const struct vl_mff_map *vl_mff_map,
                           uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_stack *pop = ofpact_put_STACK_POP(out);
    enum ofperr error = decode_stack(nasp, vl_mff_map, pop);

    return error ? error : mf_check_dst(&pop->subfield, NULL);
}

static enum ofperr
decode_NXAST_RAW_SAMPLE(const struct nx_sample_w *nas,
                        enum ofp_version v OVS_UNUSED,
                        const struct vl_mff_map *vl OVS_UNUSED,
                        uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_sample *sample = ofpact_put_SAMPLE(out);

    sample->probability = ntohs(nas->probability);
    sample->collector_set_id = ntohl(nas->collector_set_id);
    sample->obs_domain_id = ntohl(nas->obs_domain_id);
    sample->obs_point_id = ntohl(nas->obs_point_id);
    sample->sampling_port = OFPP_NONE;
    sample->direction = NX_ACTION_SAMPLE_DEFAULT;
    if (sample->probability == 0) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

/* Decodes NXAST_SAMPLE2 or NXAST_SAMPLE3. */
static enum ofperr
decode_sample2(const struct nx_sample2_w *nas, bool sample3,
               struct ofpbuf *out)
{
    struct ofpact_sample *sample;

    if (sample3 && !bytes_are_zero(nas->zeros, sizeof nas->zeros)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    sample = ofpact_put_SAMPLE(out);

    sample->probability = ntohs(nas->probability);
    sample->collector_set_id = ntohl(nas->collector_set_id);
    sample->obs_domain_id = ntohl(nas->obs_domain_id);
    sample->obs_point_id = ntohl(nas->obs_point_id);
    sample->sampling_port = ntohs(nas->sampling_port);
    sample->direction = sample3 ? nas->direction : NX_ACTION_SAMPLE_DEFAULT;
    if (sample->probability == 0) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (sample->direction != NX_ACTION_SAMPLE_DEFAULT
        && sample->direction != NX_ACTION_SAMPLE_INGRESS
        && sample->direction != NX_ACTION_SAMPLE_EGRESS) {
        VLOG_WARN_RL(&rl, "invalid sample direction %"PRIu8,
                     nas->direction);
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

static enum ofperr
decode_NXAST_RAW_SAMPLE2(const struct nx_sample2_w *nas,
                         enum ofp_version v OVS_UNUSED,
                         const struct vl_mff_map *vl OVS_UNUSED,
                         uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    return decode_sample2(nas, false, out);
}

static enum ofperr
decode_NXAST_RAW_SAMPLE3(const struct nx_sample2_w *nas,
                         enum ofp_version v OVS_UNUSED,
                         const struct vl_mff_map *vl OVS_UNUSED,
                         uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    return decode_sample2(nas, true, out);
}

static enum ofperr
decode_NXAST_RAW_CONJUNCTION(const struct nx_conjunction_w *nac,
                             enum ofp_version v OVS_UNUSED,
                             const struct vl_mff_map *vl OVS_UNUSED,
                             uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_conjunction *oc;

    if (nac->n_clauses < 2 || nac->n_clauses > 64
        || nac->clause >= nac->n_clauses) {
        return OFPERR_NXBAC_BAD_CONJUNCTION;
    }
    oc = ofpact_put_CONJUNCTION(out);
    oc->id = ntohl(get_be32_2(nac->id));
    oc->n_clauses = nac->n_clauses;
    oc->clause = nac->clause;
    return 0;
}

static enum ofperr
decode_NXAST_RAW_OUTPUT_TRUNC(const struct nx_output_trunc_w *natrc,
                              enum ofp_version v OVS_UNUSED,
                              const struct vl_mff_map *vl OVS_UNUSED,
                              uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    struct ofpact_output_trunc *ot;
    ofp_port_t port = ntohs(natrc->port);
    uint32_t max_len = ntohl(get_be32_2(natrc->max_len));

    if (max_len < 60 /* ETH_TOTAL_MIN */) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ot = ofpact_put_OUTPUT_TRUNC(out);
    ot->port = port;
    ot->max_len = max_len;
    return 0;
}

/* Decodes the actions nested in a clone/ct action: the 'len' bytes at
 * 'p'. */
static enum ofperr
decode_nested(const void *p, size_t len, enum ofp_version version,
              const struct vl_mff_map *vl_mff_map, uint64_t *tlv_bitmap,
              struct ofpbuf *out)
{
    return ofpacts_decode(p, len, version, vl_mff_map, tlv_bitmap, out);
}

static enum ofperr
decode_NXAST_RAW_CLONE(const struct nx_clone_w *nac,
                       enum ofp_version version,
                       const struct vl_mff_map *vl_mff_map,
                       uint64_t *tlv_bitmap, struct ofpbuf *out)
{
    size_t ofs = out->size;
    struct ofpact_nest *clone;
    enum ofperr error;

    ofpact_put_CLONE(out);
    error = decode_nested((const uint8_t *) nac + 16,
                          ntohs(nac->hdr.len) - 16, version, vl_mff_map,
                          tlv_bitmap, out);
    if (error) {
        return error;
    }
    clone = ofpbuf_at_assert(out, ofs, sizeof *clone);
    out->header = clone;
    ofpact_finish_CLONE(out, &clone);
    return ofpacts_verify(clone->actions, ofpact_nest_get_action_len(clone),
                          version, 1u << OVSINST_OFPIT11_APPLY_ACTIONS,
                          OFPACT_CLONE, NULL);
}

/* Bits of 'range_present' in NXAST_NAT. */
enum nx_nat_range {
    NX_NAT_RANGE_IPV4_MIN  = 1 << 0, /* ovs_be32 */
    NX_NAT_RANGE_IPV4_MAX  = 1 << 1, /* ovs_be32 */
    NX_NAT_RANGE_IPV6_MIN  = 1 << 2, /* struct in6_addr */
    NX_NAT_RANGE_IPV6_MAX  = 1 << 3, /* struct in6_addr */
    NX_NAT_RANGE_PROTO_MIN = 1 << 4, /* ovs_be16 */
    NX_NAT_RANGE_PROTO_MAX = 1 << 5, /* ovs_be16 */
};

static enum ofperr
decode_NXAST_RAW_NAT(const struct nx_nat_w *nan,
                     enum ofp_version v OVS_UNUSED,
                     const struct vl_mff_map *vl OVS_UNUSED,
                     uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    uint16_t range_present = ntohs(nan->range_present);
    const uint8_t *p = (const uint8_t *) nan + 16;
    const uint8_t *end = (const uint8_t *) nan + ntohs(nan->hdr.len);
    struct ofpact_nat *nat;
    uint16_t flags = ntohs(nan->flags);

    if (flags & ~NX_NAT_F_MASK) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if ((flags & NX_NAT_F_SRC && flags & NX_NAT_F_DST)
        || (flags & NX_NAT_F_PROTO_HASH && flags & NX_NAT_F_PROTO_RANDOM)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }

    nat = ofpact_put_NAT(out);
    nat->flags = flags;
    nat->range_af = AF_UNSPEC;

#define NAT_PULL(DST, SIZE)                     \
    do {                                        \
        if (end - p < (SIZE)) {                 \
            return OFPERR_OFPBAC_BAD_LEN;       \
        }                                       \
        memcpy(DST, p, SIZE);                   \
        p += (SIZE);                            \
    } while (0)

    if (range_present & NX_NAT_RANGE_IPV4_MIN) {
        if (range_present & (NX_NAT_RANGE_IPV6_MIN | NX_NAT_RANGE_IPV6_MAX)) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        NAT_PULL(&nat->range.addr.ipv4.min, 4);
        nat->range_af = AF_INET;
        if (range_present & NX_NAT_RANGE_IPV4_MAX) {
            NAT_PULL(&nat->range.addr.ipv4.max, 4);
            if (ntohl(nat->range.addr.ipv4.max)
                < ntohl(nat->range.addr.ipv4.min)) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
        }
    } else if (range_present & NX_NAT_RANGE_IPV4_MAX) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    } else if (range_present & NX_NAT_RANGE_IPV6_MIN) {
        NAT_PULL(&nat->range.addr.ipv6.min, 16);
        nat->range_af = AF_INET6;
        if (range_present & NX_NAT_RANGE_IPV6_MAX) {
            NAT_PULL(&nat->range.addr.ipv6.max, 16);
            if (memcmp(&nat->range.addr.ipv6.max, &nat->range.addr.ipv6.min,
                       16) < 0) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
        }
    } else if (range_present & NX_NAT_RANGE_IPV6_MAX) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }

    if (range_present & NX_NAT_RANGE_PROTO_MIN) {
        ovs_be16 port;

        if (nat->range_af == AF_UNSPEC) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        NAT_PULL(&port, 2);
        nat->range.proto.min = ntohs(port);
        if (range_present & NX_NAT_RANGE_PROTO_MAX) {
            NAT_PULL(&port, 2);
            nat->range.proto.max = ntohs(port);
            if (nat->range.proto.max < nat->range.proto.min) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
        }
    } else if (range_present & NX_NAT_RANGE_PROTO_MAX) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
#undef NAT_PULL
    return 0;
}

static enum ofperr
decode_NXAST_RAW_CT(const struct nx_ct_w *nac, enum ofp_version version,
                    const struct vl_mff_map *vl_mff_map,
                    uint64_t *tlv_bitmap, struct ofpbuf *out)
{
    size_t ofs = out->size;
    struct ofpact_conntrack *conntrack;
    uint32_t zone_src = ntohl(get_be32_2(nac->zone_src));
    const struct ofpact *a;
    enum ofperr error;

    conntrack = ofpact_put_CT(out);
    conntrack->flags = ntohs(nac->flags);
    if (conntrack->flags & NX_CT_F_FORCE
        && !(conntrack->flags & NX_CT_F_COMMIT)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (zone_src) {
        error = subfield_from_nxm(zone_src, nac->zone, &conntrack->zone_src);
        if (error) {
            return error;
        }
        error = mf_check_src(&conntrack->zone_src, NULL);
        if (error) {
            return error;
        }
        if (conntrack->zone_src.n_bits != 16) {
            VLOG_WARN_RL(&rl, "zone n_bits %d not within valid range "
                         "[16..16]", conntrack->zone_src.n_bits);
            return OFPERR_OFPBAC_BAD_SET_LEN;
        }
    } else {
        conntrack->zone_src.field = NULL;
        conntrack->zone_imm = ntohs(nac->zone);
    }
    conntrack->recirc_table = nac->recirc_table;
    conntrack->alg = ntohs(nac->alg);

    error = decode_nested((const uint8_t *) nac + 24,
                          ntohs(nac->hdr.len) - 24, version, vl_mff_map,
                          tlv_bitmap, out);
    if (error) {
        return error;
    }
    conntrack = ofpbuf_at_assert(out, ofs, sizeof *conntrack);
    out->header = conntrack;
    ofpact_finish_CT(out, &conntrack);

    OFPACT_FOR_EACH (a, conntrack->actions,
                     ofpact_ct_get_action_len(conntrack)) {
        if (a->type == OFPACT_NAT) {
            continue;
        }
        if (a->type == OFPACT_SET_FIELD) {
            const struct mf_field *f = ofpact_get_SET_FIELD(a)->field;

            if (f->id == MFF_CT_MARK || f->id == MFF_CT_LABEL) {
                continue;
            }
        }
        VLOG_WARN_RL(&rl, "unsupported nested action within ct "
                     "(%s)", ofpact_name(a->type));
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

/* Decodes the learn specs in the 'len' bytes at 'p' into 'out', after the
 * ofpact_learn put there. */
static enum ofperr
decode_learn_specs(const uint8_t *p, size_t len, struct ofpbuf *out,
                   const struct vl_mff_map *vl_mff_map)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, p, len);
    while (b.size >= 2) {
        struct ofpact_learn_spec *spec;
        ovs_be16 header_be;
        uint16_t header;
        enum ofperr error;
        size_t spec_ofs;

        memcpy(&header_be, b.data, 2);
        header = ntohs(header_be);
        if (!header) {
            break;
        }
        ofpbuf_pull(&b, 2);

        spec_ofs = out->size;
        spec = ofpbuf_put_zeros(out, sizeof *spec);
        spec->src_type = header & NX_LEARN_SRC_MASK;
        spec->dst_type = header & NX_LEARN_DST_MASK;
        spec->n_bits = header & NX_LEARN_N_BITS_MASK;
        if (spec->dst_type == NX_LEARN_DST_RESERVED || (header >> 14)
            || !spec->n_bits || (header & NX_LEARN_N_BITS_MASK) > 255) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }

        if (spec->src_type == NX_LEARN_SRC_FIELD) {
            const struct mf_field *field;
            ovs_be16 ofs;

            error = nx_pull_header(&b, vl_mff_map, &field, NULL);
            if (error == OFPERR_OFPBMC_BAD_FIELD) {
                return OFPERR_OFPBAC_BAD_SET_TYPE;
            } else if (error || b.size < 2) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
            memcpy(&ofs, b.data, 2);
            ofpbuf_pull(&b, 2);
            spec = ofpbuf_at_assert(out, spec_ofs, sizeof *spec);
            spec->src.field = field;
            spec->src.ofs = ntohs(ofs);
            spec->src.n_bits = spec->n_bits;
        } else {
            unsigned int n_bytes = 2 * DIV_ROUND_UP(spec->n_bits, 16);
            unsigned int imm_bytes = DIV_ROUND_UP(spec->n_bits, 8);
            const uint8_t *src;

            if (b.size < n_bytes) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
            src = ofpbuf_pull(&b, n_bytes);
            if (spec->dst_type != NX_LEARN_DST_OUTPUT) {
                ofpbuf_put(out, src + n_bytes - imm_bytes, imm_bytes);
            }
        }

        spec = ofpbuf_at_assert(out, spec_ofs, sizeof *spec);
        if (spec->dst_type == NX_LEARN_DST_MATCH
            || spec->dst_type == NX_LEARN_DST_LOAD) {
            const struct mf_field *field;
            ovs_be16 ofs;

            error = nx_pull_header(&b, vl_mff_map, &field, NULL);
            if (error == OFPERR_OFPBMC_BAD_FIELD) {
                return OFPERR_OFPBAC_BAD_SET_TYPE;
            } else if (error || b.size < 2) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
            memcpy(&ofs, b.data, 2);
            ofpbuf_pull(&b, 2);
            spec = ofpbuf_at_assert(out, spec_ofs, sizeof *spec);
            spec->dst.field = field;
            spec->dst.ofs = ntohs(ofs);
            spec->dst.n_bits = spec->n_bits;
        }
        ofpact_pad(out);
    }
    if (!bytes_are_zero(b.data, b.size)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

/* Decodes the common part of NXAST_LEARN and NXAST_LEARN2 into a new
 * ofpact_learn in 'out'. */
static enum ofperr
decode_learn_common(const struct nx_learn_w *nal, struct ofpact_learn *learn)
{
    ovs_be64 cookie;

    learn->idle_timeout = ntohs(nal->idle_timeout);
    learn->hard_timeout = ntohs(nal->hard_timeout);
    learn->priority = ntohs(nal->priority);
    memcpy(&cookie, nal->cookie, sizeof cookie);
    learn->cookie = cookie;
    learn->table_id = nal->table_id;
    learn->fin_idle_timeout = ntohs(nal->fin_idle_timeout);
    learn->fin_hard_timeout = ntohs(nal->fin_hard_timeout);
    learn->flags = ntohs(nal->flags);
    if (learn->flags & ~(NX_LEARN_F_SEND_FLOW_REM | NX_LEARN_F_DELETE_LEARNED
                         | NX_LEARN_F_WRITE_RESULT)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (learn->table_id == 0xff || nal->pad) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

static enum ofperr
decode_NXAST_RAW_LEARN(const struct nx_learn_w *nal,
                       enum ofp_version v OVS_UNUSED,
                       const struct vl_mff_map *vl_mff_map,
                       uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    size_t ofs = out->size;
    struct ofpact_learn *learn;
    enum ofperr error;

    learn = ofpact_put_LEARN(out);
    error = decode_learn_common(nal, learn);
    if (error) {
        return error;
    }
    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    error = decode_learn_specs((const uint8_t *) nal + 32,
                               ntohs(nal->hdr.len) - 32, out, vl_mff_map);
    if (error) {
        return error;
    }
    learn = ofpbuf_at_assert(out, ofs, sizeof *learn);
    out->header = learn;
    ofpact_finish_LEARN(out, &learn);
    return 0;
}

static enum ofperr
decode_NXAST_RAW_LEARN2(const struct nx_learn2_w *nal,
                        enum ofp_version v OVS_UNUSED,
                        const struct vl_mff_map *vl_mff_map,
                        uint64_t *tlv OVS_UNUSED, struct ofpbuf *out)
{
    size_t ofs = out->size;
    struct ofpact_learn *learn;
    struct ofpbuf b;
    enum ofperr error;

    if (nal->pad[0] || nal->pad[1]) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    learn = ofpact_put_LEARN(out);
    error = decode_learn_common(&nal->up, learn);
    if (error) {
        return error;
    }
    learn->limit = ntohl(get_be32_2(nal->limit));
    ofpbuf_use_const(&b, nal, ntohs(nal->up.hdr.len));
    ofpbuf_pull(&b, 40);
    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        const struct mf_field *field;

        error = nx_pull_header(&b, vl_mff_map, &field, NULL);
        if (error) {
            return error;
        }
        learn = ofpbuf_at_assert(out, ofs, sizeof *learn);
        learn->result_dst.field = field;
        learn->result_dst.ofs = learn->result_dst_ofs
            = ntohs(nal->result_dst_ofs);
        learn->result_dst.n_bits = 1;
        error = mf_check_dst(&learn->result_dst, NULL);
        if (error) {
            return error;
        }
    } else if (nal->result_dst_ofs) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    error = decode_learn_specs(b.data, b.size, out, vl_mff_map);
    if (error) {
        return error;
    }
    learn = ofpbuf_at_assert(out, ofs, sizeof *learn);
    out->header = learn;
    ofpact_finish_LEARN(out, &learn);
    return 0;
}

/* Pulling actions and instructions from OpenFlow messages. */

/* Returns true if 'a' may appear in an action set (write_actions). */
bool
ofpact_is_allowed_in_actions_set(const struct ofpact *a)
{
    switch (a->type) {
    case OFPACT_DEC_MPLS_TTL:
    case OFPACT_DEC_TTL:
    case OFPACT_GROUP:
    case OFPACT_OUTPUT:
    case OFPACT_OUTPUT_TRUNC:
    case OFPACT_POP_MPLS:
    case OFPACT_PUSH_MPLS:
    case OFPACT_PUSH_VLAN:
    case OFPACT_REG_MOVE:
    case OFPACT_SET_FIELD:
    case OFPACT_SET_ETH_DST:
    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_IP_DSCP:
    case OFPACT_SET_IP_ECN:
    case OFPACT_SET_IP_TTL:
    case OFPACT_SET_IPV4_DST:
    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_L4_DST_PORT:
    case OFPACT_SET_L4_SRC_PORT:
    case OFPACT_SET_MPLS_LABEL:
    case OFPACT_SET_MPLS_TC:
    case OFPACT_SET_MPLS_TTL:
    case OFPACT_SET_QUEUE:
    case OFPACT_SET_TUNNEL:
    case OFPACT_SET_VLAN_PCP:
    case OFPACT_SET_VLAN_VID:
    case OFPACT_STRIP_VLAN:
        return true;

    default:
        return false;
    }
}

/* Returns true if 'a' sets or moves a field. */
bool
ofpact_is_set_or_move_action(const struct ofpact *a)
{
    switch (a->type) {
    case OFPACT_SET_FIELD:
    case OFPACT_REG_MOVE:
    case OFPACT_SET_ETH_DST:
    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_IP_DSCP:
    case OFPACT_SET_IP_ECN:
    case OFPACT_SET_IP_TTL:
    case OFPACT_SET_IPV4_DST:
    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_L4_DST_PORT:
    case OFPACT_SET_L4_SRC_PORT:
    case OFPACT_SET_MPLS_LABEL:
    case OFPACT_SET_MPLS_TC:
    case OFPACT_SET_MPLS_TTL:
    case OFPACT_SET_QUEUE:
    case OFPACT_SET_TUNNEL:
    case OFPACT_SET_VLAN_PCP:
    case OFPACT_SET_VLAN_VID:
        return true;

    default:
        return false;
    }
}

/* Pulls actions, allowing the instructions in 'allowed_ovsinsts'. */
static enum ofperr
ofpacts_pull_openflow_actions__(struct ofpbuf *openflow,
                                unsigned int actions_len,
                                enum ofp_version version,
                                uint32_t allowed_ovsinsts,
                                const struct vl_mff_map *vl_mff_map,
                                uint64_t *ofpacts_tlv_bitmap,
                                struct ofpbuf *ofpacts)
{
    const void *actions;
    enum ofperr error;

    ofpbuf_clear(ofpacts);
    if (actions_len % 8) {
        VLOG_WARN_RL(&rl, "OpenFlow message actions length %u is not a "
                     "multiple of 8", actions_len);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (openflow->size < actions_len) {
        VLOG_WARN_RL(&rl, "OpenFlow message actions length %u exceeds "
                     "remaining message length (%"PRIu32")",
                     actions_len, openflow->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    actions = ofpbuf_pull(openflow, actions_len);
    error = ofpacts_decode(actions, actions_len, version, vl_mff_map,
                           ofpacts_tlv_bitmap, ofpacts);
    if (!error) {
        error = ofpacts_verify(ofpacts->data, ofpacts->size, version,
                               allowed_ovsinsts, 0, NULL);
    }
    if (error) {
        ofpbuf_clear(ofpacts);
    }
    return error;
}

enum ofperr
ofpacts_pull_openflow_actions(struct ofpbuf *openflow,
                              unsigned int actions_len,
                              enum ofp_version version,
                              const struct vl_mff_map *vl_mff_map,
                              uint64_t *ofpacts_tlv_bitmap,
                              struct ofpbuf *ofpacts)
{
    return ofpacts_pull_openflow_actions__(
        openflow, actions_len, version, 1u << OVSINST_OFPIT11_APPLY_ACTIONS,
        vl_mff_map, ofpacts_tlv_bitmap, ofpacts);
}

/* OpenFlow 1.1+ instruction types on the wire. */
enum {
    OFPIT11_GOTO_TABLE_W = 1,
    OFPIT11_WRITE_METADATA_W = 2,
    OFPIT11_WRITE_ACTIONS_W = 3,
    OFPIT11_APPLY_ACTIONS_W = 4,
    OFPIT11_CLEAR_ACTIONS_W = 5,
    OFPIT13_METER_W = 6,
    OFPIT11_EXPERIMENTER_W = 0xffff,
};

/* Wire type of each instruction, by enum ovs_instruction_type. */
static const uint16_t ovsinst_wire_types[N_OVS_INSTRUCTIONS] = {
    [OVSINST_OFPIT13_METER] = OFPIT13_METER_W,
    [OVSINST_OFPIT11_APPLY_ACTIONS] = OFPIT11_APPLY_ACTIONS_W,
    [OVSINST_OFPIT11_CLEAR_ACTIONS] = OFPIT11_CLEAR_ACTIONS_W,
    [OVSINST_OFPIT11_WRITE_ACTIONS] = OFPIT11_WRITE_ACTIONS_W,
    [OVSINST_OFPIT11_WRITE_METADATA] = OFPIT11_WRITE_METADATA_W,
    [OVSINST_OFPIT11_GOTO_TABLE] = OFPIT11_GOTO_TABLE_W,
};

/* Names of the instructions, by enum ovs_instruction_type. */
static const char *const ovsinst_names[N_OVS_INSTRUCTIONS] = {
#define DEFINE_INST(ENUM, STRUCT, EXTENSIBLE, NAME) [OVSINST_##ENUM] = NAME,
    OVS_INSTRUCTIONS
#undef DEFINE_INST
};

/* Whether each instruction has a variable length. */
static const bool ovsinst_extensible[N_OVS_INSTRUCTIONS] = {
#define DEFINE_INST(ENUM, STRUCT, EXTENSIBLE, NAME) \
    [OVSINST_##ENUM] = EXTENSIBLE,
    OVS_INSTRUCTIONS
#undef DEFINE_INST
};

/* Fixed (or minimum) length of each instruction. */
static const uint16_t ovsinst_lengths[N_OVS_INSTRUCTIONS] = {
    [OVSINST_OFPIT13_METER] = 8,
    [OVSINST_OFPIT11_APPLY_ACTIONS] = 8,
    [OVSINST_OFPIT11_CLEAR_ACTIONS] = 8,
    [OVSINST_OFPIT11_WRITE_ACTIONS] = 8,
    [OVSINST_OFPIT11_WRITE_METADATA] = 24,
    [OVSINST_OFPIT11_GOTO_TABLE] = 8,
};

const char *
ovs_instruction_name_from_type(enum ovs_instruction_type type)
{
    return (int) type < N_OVS_INSTRUCTIONS ? ovsinst_names[type] : NULL;
}

int
ovs_instruction_type_from_name(const char *name)
{
    for (int i = 0; i < N_OVS_INSTRUCTIONS; i++) {
        if (!strcasecmp(name, ovsinst_names[i])) {
            return i;
        }
    }
    return -1;
}

enum ovs_instruction_type
ovs_instruction_type_from_ofpact_type(enum ofpact_type type,
                                      enum ofp_version version)
{
    switch (type) {
    case OFPACT_METER:
        return (version >= OFP15_VERSION
                ? OVSINST_OFPIT11_APPLY_ACTIONS
                : OVSINST_OFPIT13_METER);
    case OFPACT_CLEAR_ACTIONS:
        return OVSINST_OFPIT11_CLEAR_ACTIONS;
    case OFPACT_WRITE_ACTIONS:
        return OVSINST_OFPIT11_WRITE_ACTIONS;
    case OFPACT_WRITE_METADATA:
        return OVSINST_OFPIT11_WRITE_METADATA;
    case OFPACT_GOTO_TABLE:
        return OVSINST_OFPIT11_GOTO_TABLE;
    default:
        return OVSINST_OFPIT11_APPLY_ACTIONS;
    }
}

enum ofperr
ovs_instruction_type_from_inst_type(
    enum ovs_instruction_type *instruction_type, const uint16_t inst_type)
{
    for (int i = 0; i < N_OVS_INSTRUCTIONS; i++) {
        if (ovsinst_wire_types[i] == inst_type) {
            *instruction_type = i;
            return 0;
        }
    }
    return OFPERR_OFPBIC_UNKNOWN_INST;
}

ovs_be32
ovsinst_bitmap_to_openflow(uint32_t ovsinst_bitmap, enum ofp_version version)
{
    uint32_t bits = 0;

    for (int i = 0; i < N_OVS_INSTRUCTIONS; i++) {
        if (ovsinst_bitmap & (1u << i)
            && (i != OVSINST_OFPIT13_METER || version >= OFP13_VERSION)) {
            bits |= 1u << ovsinst_wire_types[i];
        }
    }
    return htonl(bits);
}

uint32_t
ovsinst_bitmap_from_openflow(ovs_be32 ofpit_bitmap, enum ofp_version version)
{
    uint32_t bits = ntohl(ofpit_bitmap);
    uint32_t result = 0;

    for (int i = 0; i < N_OVS_INSTRUCTIONS; i++) {
        if (bits & (1u << ovsinst_wire_types[i])
            && (i != OVSINST_OFPIT13_METER || version >= OFP13_VERSION)) {
            result |= 1u << i;
        }
    }
    return result;
}

/* Decodes the action set of a write_actions instruction.  (Upstream
 * accepts any action here and so do we: translation ignores those that make
 * no sense in an action set.) */
static enum ofperr
ofpacts_decode_for_action_set(const void *actions, size_t actions_len,
                              enum ofp_version version,
                              const struct vl_mff_map *vl_mff_map,
                              uint64_t *tlv_bitmap, struct ofpbuf *out)
{
    return ofpacts_decode(actions, actions_len, version, vl_mff_map,
                          tlv_bitmap, out);
}

enum ofperr
ofpacts_pull_openflow_instructions(struct ofpbuf *openflow,
                                   unsigned int instructions_len,
                                   enum ofp_version version,
                                   const struct vl_mff_map *vl_mff_map,
                                   uint64_t *ofpacts_tlv_bitmap,
                                   struct ofpbuf *ofpacts)
{
    const uint8_t *insts[N_OVS_INSTRUCTIONS];
    const uint8_t *p, *instructions;
    size_t left;
    enum ofperr error;

    if (version == OFP10_VERSION) {
        return ofpacts_pull_openflow_actions__(openflow, instructions_len,
                                               version,
                                               (1u << N_OVS_INSTRUCTIONS) - 1,
                                               vl_mff_map,
                                               ofpacts_tlv_bitmap, ofpacts);
    }

    ofpbuf_clear(ofpacts);
    if (instructions_len % 8) {
        VLOG_WARN_RL(&rl, "OpenFlow message instructions length %u is "
                     "not a multiple of 8", instructions_len);
        return OFPERR_OFPBIC_BAD_LEN;
    }
    if (openflow->size < instructions_len) {
        VLOG_WARN_RL(&rl, "OpenFlow message instructions length %u "
                     "exceeds remaining message length (%"PRIu32")",
                     instructions_len, openflow->size);
        return OFPERR_OFPBIC_BAD_LEN;
    }
    instructions = ofpbuf_pull(openflow, instructions_len);

    memset(insts, 0, sizeof insts);
    p = instructions;
    left = instructions_len;
    while (left > 0) {
        enum ovs_instruction_type type;
        ovs_be16 type_be, len_be;
        uint16_t wire_type, len;

        if (left < 8) {
            error = OFPERR_OFPBIC_BAD_LEN;
            goto exit;
        }
        memcpy(&type_be, p, 2);
        memcpy(&len_be, p + 2, 2);
        wire_type = ntohs(type_be);
        len = ntohs(len_be);
        if (len < 8 || len > left || len % 8) {
            error = OFPERR_OFPBIC_BAD_LEN;
            goto exit;
        }
        if (wire_type == OFPIT11_EXPERIMENTER_W) {
            error = OFPERR_OFPBIC_BAD_EXPERIMENTER;
            goto exit;
        }
        error = ovs_instruction_type_from_inst_type(&type, wire_type);
        if (!error && type == OVSINST_OFPIT13_METER
            && version >= OFP15_VERSION) {
            /* OpenFlow 1.5 replaced the meter instruction by an action. */
            error = OFPERR_OFPBIC_UNKNOWN_INST;
        }
        if (error) {
            goto exit;
        }
        if (ovsinst_extensible[type]
            ? len < ovsinst_lengths[type]
            : len != ovsinst_lengths[type]) {
            error = OFPERR_OFPBIC_BAD_LEN;
            goto exit;
        }
        if (insts[type]) {
            error = OFPERR_OFPBIC_DUP_INST;
            goto exit;
        }
        insts[type] = p;
        p += len;
        left -= len;
    }

    if (insts[OVSINST_OFPIT13_METER]) {
        ovs_be32 meter_id;

        memcpy(&meter_id, insts[OVSINST_OFPIT13_METER] + 4, 4);
        ofpact_put_METER(ofpacts)->meter_id = ntohl(meter_id);
    }
    if (insts[OVSINST_OFPIT11_APPLY_ACTIONS]) {
        const uint8_t *inst = insts[OVSINST_OFPIT11_APPLY_ACTIONS];
        ovs_be16 len_be;

        memcpy(&len_be, inst + 2, 2);
        error = ofpacts_decode(inst + 8, ntohs(len_be) - 8, version,
                               vl_mff_map, ofpacts_tlv_bitmap, ofpacts);
        if (error) {
            goto exit;
        }
    }
    if (insts[OVSINST_OFPIT11_CLEAR_ACTIONS]) {
        ofpact_put_CLEAR_ACTIONS(ofpacts);
    }
    if (insts[OVSINST_OFPIT11_WRITE_ACTIONS]) {
        const uint8_t *inst = insts[OVSINST_OFPIT11_WRITE_ACTIONS];
        struct ofpact_nest *on;
        ovs_be16 len_be;
        size_t start;

        ofpact_pad(ofpacts);
        start = ofpacts->size;
        ofpact_put_WRITE_ACTIONS(ofpacts);
        memcpy(&len_be, inst + 2, 2);
        error = ofpacts_decode_for_action_set(inst + 8, ntohs(len_be) - 8,
                                              version, vl_mff_map,
                                              ofpacts_tlv_bitmap, ofpacts);
        if (error) {
            goto exit;
        }
        on = ofpbuf_at_assert(ofpacts, start, sizeof *on);
        ofpacts->header = on;
        ofpact_finish_WRITE_ACTIONS(ofpacts, &on);
    }
    if (insts[OVSINST_OFPIT11_WRITE_METADATA]) {
        const uint8_t *inst = insts[OVSINST_OFPIT11_WRITE_METADATA];
        struct ofpact_metadata *om;
        ovs_be64 metadata, mask;

        memcpy(&metadata, inst + 8, 8);
        memcpy(&mask, inst + 16, 8);
        om = ofpact_put_WRITE_METADATA(ofpacts);
        om->metadata = metadata;
        om->mask = mask;
    }
    if (insts[OVSINST_OFPIT11_GOTO_TABLE]) {
        const uint8_t *inst = insts[OVSINST_OFPIT11_GOTO_TABLE];

        ofpact_put_GOTO_TABLE(ofpacts)->table_id = inst[4];
    }

    error = ofpacts_verify(ofpacts->data, ofpacts->size, version,
                           (1u << N_OVS_INSTRUCTIONS) - 1, 0, NULL);
exit:
    if (error) {
        ofpbuf_clear(ofpacts);
    }
    return error;
}

/* Verifying action lists. */

/* Returns the field that 'ofpact' writes, or NULL. */
const struct mf_field *
ofpact_get_mf_dst(const struct ofpact *ofpact)
{
    if (ofpact->type == OFPACT_SET_FIELD) {
        return ofpact_get_SET_FIELD(ofpact)->field;
    } else if (ofpact->type == OFPACT_REG_MOVE) {
        return ofpact_get_REG_MOVE(ofpact)->dst.field;
    }
    return NULL;
}

/* Reports that 'action' may not be nested in 'outer_action'. */
static enum ofperr
unsupported_nesting(enum ofpact_type action, enum ofpact_type outer_action,
                    char **errorp)
{
    if (errorp) {
        *errorp = xasprintf("%s action doesn't support nested action %s",
                            ofpact_name(outer_action), ofpact_name(action));
    }
    return OFPERR_OFPBAC_BAD_ARGUMENT;
}

/* Checks that 'a' may appear inside 'outer_action' (0 for top level). */
static enum ofperr
ofpacts_verify_nested(const struct ofpact *a, enum ofpact_type outer_action,
                      char **errorp)
{
    const struct mf_field *field = ofpact_get_mf_dst(a);

    if (field && outer_action != OFPACT_CT
        && (field->id == MFF_CT_MARK || field->id == MFF_CT_LABEL)) {
        if (errorp) {
            *errorp = xasprintf("cannot set CT fields outside of ct action");
        }
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (a->type == OFPACT_NAT && outer_action != OFPACT_CT) {
        if (errorp) {
            *errorp = xasprintf("Cannot have NAT action outside of \"ct\" "
                                "action");
        }
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (outer_action == OFPACT_CT) {
        if (a->type == OFPACT_NAT) {
            return 0;
        }
        if (!field) {
            return unsupported_nesting(a->type, outer_action, errorp);
        } else if (field->id != MFF_CT_MARK && field->id != MFF_CT_LABEL) {
            if (errorp) {
                *errorp = xasprintf("%s action doesn't support nested "
                                    "modification of %s",
                                    ofpact_name(outer_action), field->name);
            }
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
    }
    if (outer_action && a->type == OFPACT_METER) {
        return unsupported_nesting(a->type, outer_action, errorp);
    }
    return 0;
}

enum ofperr
ofpacts_verify(const struct ofpact ofpacts[], size_t ofpacts_len,
               enum ofp_version version, uint32_t allowed_ovsinsts,
               enum ofpact_type outer_action, char **errorp)
{
    enum ovs_instruction_type inst = OVSINST_OFPIT13_METER;
    const struct ofpact *a;

    if (errorp) {
        *errorp = NULL;
    }
    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        enum ovs_instruction_type next;
        enum ofperr error;

        if (a->type == OFPACT_CONJUNCTION) {
            OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
                if (a->type != OFPACT_CONJUNCTION && a->type != OFPACT_NOTE) {
                    if (errorp) {
                        *errorp = xasprintf("\"conjunction\" actions may be "
                                            "used along with \"note\" but "
                                            "not any other kind of action "
                                            "(such as the \"%s\" action "
                                            "used here)",
                                            ofpact_name(a->type));
                    }
                    return OFPERR_NXBAC_BAD_CONJUNCTION;
                }
            }
            return 0;
        }

        error = ofpacts_verify_nested(a, outer_action, errorp);
        if (error) {
            return error;
        }

        next = ovs_instruction_type_from_ofpact_type(a->type, version);
        if (a > ofpacts
            && (inst == OVSINST_OFPIT11_APPLY_ACTIONS
                ? next < inst
                : next <= inst)) {
            const char *name = ovs_instruction_name_from_type(inst);
            const char *next_name = ovs_instruction_name_from_type(next);

            if (errorp) {
                if (next == inst) {
                    *errorp = xasprintf("duplicate %s instruction not "
                                        "allowed, for OpenFlow 1.1+ "
                                        "compatibility", name);
                } else {
                    *errorp = xasprintf("invalid instruction ordering: "
                                        "%s must appear before %s, for "
                                        "OpenFlow 1.1+ compatibility",
                                        next_name, name);
                }
            }
            return OFPERR_OFPBAC_UNSUPPORTED_ORDER;
        }
        if (!((1u << next) & allowed_ovsinsts)) {
            const char *name = ovs_instruction_name_from_type(next);

            if (errorp) {
                *errorp = xasprintf(next == OVSINST_OFPIT13_METER
                                    && version >= OFP15_VERSION
                                    ? "%s action not allowed here"
                                    : "%s instruction not allowed here",
                                    name);
            }
            return OFPERR_OFPBIC_UNSUP_INST;
        }
        inst = next;
    }
    return 0;
}

/* Encoding ofpacts into OpenFlow. */

/* Appends an NXAST_REG_LOAD of 'n_bits' bits of 'value' to bits 'ofs' and
 * up of 'field'. */
static void
put_reg_load(struct ofpbuf *out, const struct mf_field *field,
             unsigned int ofs, unsigned int n_bits, uint64_t value)
{
    struct nx_reg_load_w *narl = put_NXAST_RAW_REG_LOAD(out);
    ovs_be64 v = htonll(value);

    narl->ofs_nbits = nxm_encode_ofs_nbits(ofs, n_bits);
    narl->dst = htonl(mf_nxm_header(field->id));
    memcpy(narl->value, &v, sizeof v);
}

/* Encodes 'sf' as NXAST_REG_LOAD actions, one per contiguous run of
 * 1-bits in its mask (split into runs of at most 64 bits). */
static void
set_field_to_reg_load(const struct ofpact_set_field *sf, struct ofpbuf *out)
{
    const uint8_t *mask = sf_mask_bytes(sf);
    size_t n = sf->field->n_bytes;
    unsigned int n_bits = n * 8;
    unsigned int i = 0;

    while (i < n_bits) {
        unsigned int start, len;
        uint64_t value;

        if (!bits_get(mask, n, i)) {
            i++;
            continue;
        }
        start = i;
        value = 0;
        for (len = 0; i < n_bits && len < 64 && bits_get(mask, n, i);
             len++, i++) {
            value |= (uint64_t) bits_get(sf->value->b, n, i) << len;
        }
        put_reg_load(out, sf->field, start, len, value);
    }
}

/* Appends an OXM entry action: 'hdr_len' bytes of header put by 'put',
 * then the entry, then padding. */
static void
set_field_to_entry(const struct ofpact_set_field *sf, bool load2,
                   enum ofp_version version, bool masked, struct ofpbuf *out)
{
    size_t start = out->size;
    union mf_value mask;

    if (load2) {
        put_NXAST_RAW_REG_LOAD2(out);
        out->size -= 6;
    } else {
        put_OFPAT_RAW12_SET_FIELD(out);
        out->size -= 4;
    }
    sf_get_mask(sf, &mask);
    if (masked && bytes_are_zero(&mask, sf->field->n_bytes)) {
        /* A set_field that writes nothing ("ANY") still has its entry,
         * which nx_put_entry() would leave out as a match does. */
        nx_put_header(out, sf->field->id, version, true);
        ofpbuf_put(out, sf->value, sf->field->n_bytes);
        ofpbuf_put(out, &mask, sf->field->n_bytes);
    } else {
        nx_put_entry(out, sf->field, version, sf->value,
                     masked ? &mask : NULL);
    }
    ofpact_update_raw_len(out, start);
}

/* Appends a set_field of 'field' to 'value' (host byte order, the field's
 * low bits) for 'version': OFPAT12_SET_FIELD in OpenFlow 1.2+, else
 * NXAST_REG_LOAD. */
static void
put_set_field(struct ofpbuf *out, enum ofp_version version,
              enum mf_field_id field_id, uint64_t value)
{
    const struct mf_field *field = mf_from_id(field_id);
    uint64_t buf[(sizeof(struct ofpact_set_field) + 256) / 8 + 1];
    struct ofpact_set_field *sf = (struct ofpact_set_field *) buf;
    uint8_t *mask;

    memset(buf, 0, sizeof buf);
    sf->field = field;
    mask = (uint8_t *) sf->value + field->n_bytes;
    for (unsigned int i = 0; i < field->n_bytes * 8; i++) {
        if (i < 64) {
            bits_set(sf->value->b, field->n_bytes, i, (value >> i) & 1);
        }
        if (i < field->n_bits) {
            bits_set(mask, field->n_bytes, i, true);
        }
    }
    if (version >= OFP12_VERSION) {
        set_field_to_entry(sf, false, version, false, out);
    } else {
        set_field_to_reg_load(sf, out);
    }
}

/* Returns the low 64 bits of 'sf''s value. */
static uint64_t
set_field_value_u64(const struct ofpact_set_field *sf)
{
    size_t n = sf->field->n_bytes;
    uint64_t v = 0;

    for (size_t i = 0; i < n && i < 8; i++) {
        v |= (uint64_t) sf->value->b[n - 1 - i] << (8 * i);
    }
    return v;
}

/* Tries to encode 'sf' as an OpenFlow 1.0 or 1.1 action.  Returns true if
 * successful. */
static bool
set_field_to_legacy(const struct ofpact_set_field *sf,
                    enum ofp_version version, struct ofpbuf *out)
{
    uint64_t v = set_field_value_u64(sf);
    bool of10 = version == OFP10_VERSION;

    switch (sf->field->id) {
    case MFF_VLAN_VID:
        if (!(v & 0x1000)) {
            return false;
        }
        /* Fall through. */
    case MFF_DL_VLAN:
        if (of10) {
            put_OFPAT_RAW10_SET_VLAN_VID(out, v & 0xfff);
        } else {
            put_OFPAT_RAW11_SET_VLAN_VID(out, v & 0xfff);
        }
        return true;

    case MFF_VLAN_PCP:
    case MFF_DL_VLAN_PCP:
        if (of10) {
            put_OFPAT_RAW10_SET_VLAN_PCP(out, v & 7);
        } else {
            put_OFPAT_RAW11_SET_VLAN_PCP(out, v & 7);
        }
        return true;

    case MFF_ETH_SRC:
        if (of10) {
            put_OFPAT_RAW10_SET_DL_SRC(out, sf->value->mac);
        } else {
            put_OFPAT_RAW11_SET_DL_SRC(out, sf->value->mac);
        }
        return true;

    case MFF_ETH_DST:
        if (of10) {
            put_OFPAT_RAW10_SET_DL_DST(out, sf->value->mac);
        } else {
            put_OFPAT_RAW11_SET_DL_DST(out, sf->value->mac);
        }
        return true;

    case MFF_IPV4_SRC:
        if (of10) {
            put_OFPAT_RAW10_SET_NW_SRC(out, sf->value->be32);
        } else {
            put_OFPAT_RAW11_SET_NW_SRC(out, sf->value->be32);
        }
        return true;

    case MFF_IPV4_DST:
        if (of10) {
            put_OFPAT_RAW10_SET_NW_DST(out, sf->value->be32);
        } else {
            put_OFPAT_RAW11_SET_NW_DST(out, sf->value->be32);
        }
        return true;

    case MFF_IP_DSCP:
    case MFF_IP_DSCP_SHIFTED: {
        uint8_t tos = (sf->field->id == MFF_IP_DSCP ? v : v << 2) & 0xfc;

        if (of10) {
            put_OFPAT_RAW10_SET_NW_TOS(out, tos);
        } else {
            put_OFPAT_RAW11_SET_NW_TOS(out, tos);
        }
        return true;
    }

    case MFF_IP_ECN:
        if (of10) {
            return false;
        }
        put_OFPAT_RAW11_SET_NW_ECN(out, v & 3);
        return true;

    case MFF_IP_TTL:
        if (of10) {
            return false;
        }
        put_OFPAT_RAW11_SET_NW_TTL(out, v);
        return true;

    case MFF_TCP_SRC:
    case MFF_UDP_SRC:
    case MFF_SCTP_SRC:
        if (of10) {
            put_OFPAT_RAW10_SET_TP_SRC(out, v);
        } else {
            put_OFPAT_RAW11_SET_TP_SRC(out, v);
        }
        return true;

    case MFF_TCP_DST:
    case MFF_UDP_DST:
    case MFF_SCTP_DST:
        if (of10) {
            put_OFPAT_RAW10_SET_TP_DST(out, v);
        } else {
            put_OFPAT_RAW11_SET_TP_DST(out, v);
        }
        return true;

    default:
        return false;
    }
}

static void
encode_SET_FIELD(const struct ofpact_set_field *sf, enum ofp_version version,
                 struct ofpbuf *out)
{
    bool exact = bytes_are_ones(sf_mask_bytes(sf), sf->field->n_bytes);

    if (sf->ofpact.raw == NXAST_RAW_REG_LOAD && version < OFP15_VERSION) {
        set_field_to_reg_load(sf, out);
    } else if (sf->ofpact.raw == NXAST_RAW_REG_LOAD2) {
        set_field_to_entry(sf, true, version, !exact, out);
    } else if (version < OFP12_VERSION) {
        if (!exact || !set_field_to_legacy(sf, version, out)) {
            set_field_to_reg_load(sf, out);
        }
    } else if (exact || version >= OFP15_VERSION) {
        set_field_to_entry(sf, false, version, !exact, out);
    } else {
        set_field_to_reg_load(sf, out);
    }
}

static void
encode_OUTPUT(const struct ofpact_output *output, enum ofp_version version,
              struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        struct ofp10_output_w *oao = put_OFPAT_RAW10_OUTPUT(out);

        oao->port = htons(output->port);
        oao->max_len = htons(output->max_len);
    } else {
        struct ofp11_output_w *oao = put_OFPAT_RAW11_OUTPUT(out);

        oao->port = port_to_ofp11(output->port);
        oao->max_len = htons(output->max_len);
    }
}

static void
encode_GROUP(const struct ofpact_group *group, enum ofp_version version,
             struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_NXAST_RAW_GROUP(out, group->group_id);
    } else {
        put_OFPAT_RAW11_GROUP(out, group->group_id);
    }
}

/* Appends a NXAST_CONTROLLER2 property of 'type' with 'len' bytes of
 * 'data'. */
static void
put_controller2_prop(struct ofpbuf *out, uint16_t type, const void *data,
                     size_t len)
{
    ovs_be16 hdr[2] = { htons(type), htons(4 + len) };

    ofpbuf_put(out, hdr, sizeof hdr);
    ofpbuf_put(out, data, len);
    ofpbuf_padto(out, ROUND_UP(out->size, 8));
}

static void
encode_CONTROLLER(const struct ofpact_controller *controller,
                  enum ofp_version version, struct ofpbuf *out)
{
    if (controller->reason == OFPR_ACTION
        && controller->controller_id == 0
        && !controller->userdata_len
        && !controller->pause
        && controller->meter_id == NX_CTLR_NO_METER
        && controller->ofpact.raw != NXAST_RAW_CONTROLLER
        && controller->ofpact.raw != NXAST_RAW_CONTROLLER2) {
        struct ofpact_output output;

        memset(&output, 0, sizeof output);
        output.port = OFPP_CONTROLLER;
        output.max_len = controller->max_len;
        encode_OUTPUT(&output, version, out);
    } else if (!controller->userdata_len
               && !controller->pause
               && controller->meter_id == NX_CTLR_NO_METER
               && controller->ofpact.raw != NXAST_RAW_CONTROLLER2) {
        struct nx_controller_w *nac = put_NXAST_RAW_CONTROLLER(out);

        nac->max_len = htons(controller->max_len);
        nac->controller_id = htons(controller->controller_id);
        nac->reason = controller->reason;
    } else {
        size_t start = out->size;

        put_NXAST_RAW_CONTROLLER2(out);
        if (controller->max_len != UINT16_MAX) {
            ovs_be16 x[2] = { htons(controller->max_len), 0 };

            put_controller2_prop(out, NXAC2PT_MAX_LEN, x, sizeof x);
        }
        if (controller->controller_id != 0) {
            ovs_be16 x[2] = { htons(controller->controller_id), 0 };

            put_controller2_prop(out, NXAC2PT_CONTROLLER_ID, x, sizeof x);
        }
        if (controller->reason != OFPR_ACTION) {
            uint8_t x = controller->reason;

            put_controller2_prop(out, NXAC2PT_REASON, &x, sizeof x);
        }
        if (controller->userdata_len) {
            put_controller2_prop(out, NXAC2PT_USERDATA, controller->userdata,
                                 controller->userdata_len);
        }
        if (controller->pause) {
            put_controller2_prop(out, NXAC2PT_PAUSE, NULL, 0);
        }
        if (controller->meter_id != NX_CTLR_NO_METER) {
            ovs_be32 x = htonl(controller->meter_id);

            put_controller2_prop(out, NXAC2PT_METER_ID, &x, sizeof x);
        }
        ofpact_update_raw_len(out, start);
    }
}

static void
encode_ENQUEUE(const struct ofpact_enqueue *enqueue,
               enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        struct ofp10_enqueue_w *oae = put_OFPAT_RAW10_ENQUEUE(out);

        oae->port = htons(enqueue->port);
        oae->queue_id = htonl(enqueue->queue);
    } else {
        struct ofp11_output_w *oao;

        put_OFPAT_RAW11_SET_QUEUE(out, enqueue->queue);
        oao = put_OFPAT_RAW11_OUTPUT(out);
        oao->port = port_to_ofp11(enqueue->port);
        oao->max_len = htons(0);
        put_NXAST_RAW_POP_QUEUE(out);
    }
}

static void
encode_OUTPUT_REG(const struct ofpact_output_reg *output_reg,
                  enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    if (output_reg->ofpact.raw == NXAST_RAW_OUTPUT_REG2
        || !mf_nxm_header(output_reg->src.field->id)) {
        size_t start = out->size;
        struct nx_output_reg2_w *naor = put_NXAST_RAW_OUTPUT_REG2(out);

        naor->ofs_nbits = nxm_encode_ofs_nbits(output_reg->src.ofs,
                                               output_reg->src.n_bits);
        naor->max_len = htons(output_reg->max_len);
        out->size = start + 14;
        nx_put_header(out, output_reg->src.field->id, OFP10_VERSION, false);
        if (out->size - start < 24) {
            ofpbuf_put_zeros(out, 24 - (out->size - start));
        }
        ofpact_update_raw_len(out, start);
    } else {
        struct nx_output_reg_w *naor = put_NXAST_RAW_OUTPUT_REG(out);

        naor->ofs_nbits = nxm_encode_ofs_nbits(output_reg->src.ofs,
                                               output_reg->src.n_bits);
        put_be32_2(naor->src, htonl(mf_nxm_header(output_reg->src.field->id)));
        naor->max_len = htons(output_reg->max_len);
    }
}

static void
encode_OUTPUT_TRUNC(const struct ofpact_output_trunc *ot,
                    enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    struct nx_output_trunc_w *natrc = put_NXAST_RAW_OUTPUT_TRUNC(out);

    natrc->port = htons(ot->port);
    put_be32_2(natrc->max_len, htonl(ot->max_len));
}

static void
encode_BUNDLE(const struct ofpact_bundle *bundle,
              enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    size_t start = out->size;
    struct nx_bundle_w *nab;

    nab = (bundle->dst.field
           ? put_NXAST_RAW_BUNDLE_LOAD(out)
           : put_NXAST_RAW_BUNDLE(out));
    nab->algorithm = htons(bundle->algorithm);
    nab->fields = htons(bundle->fields);
    nab->basis = htons(bundle->basis);
    put_be32_2(nab->member_type, htonl(mf_nxm_header(MFF_IN_PORT)));
    nab->n_members = htons(bundle->n_members);
    if (bundle->dst.field) {
        nab->ofs_nbits = nxm_encode_ofs_nbits(bundle->dst.ofs,
                                              bundle->dst.n_bits);
        put_be32_2(nab->dst, htonl(mf_nxm_header(bundle->dst.field->id)));
    }
    for (unsigned int i = 0; i < bundle->n_members; i++) {
        ovs_be16 port = htons(bundle->members[i]);

        ofpbuf_put(out, &port, sizeof port);
    }
    ofpact_update_raw_len(out, start);
}

static void
encode_SET_VLAN_VID(const struct ofpact_vlan_vid *vlan_vid,
                    enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_OFPAT_RAW10_SET_VLAN_VID(out, vlan_vid->vlan_vid);
    } else if (version == OFP11_VERSION) {
        if (vlan_vid->push_vlan_if_needed && !vlan_vid->flow_has_vlan) {
            put_OFPAT_RAW11_PUSH_VLAN(out, htons(ETH_TYPE_VLAN_8021Q));
        }
        put_OFPAT_RAW11_SET_VLAN_VID(out, vlan_vid->vlan_vid);
    } else {
        if (vlan_vid->push_vlan_if_needed && !vlan_vid->flow_has_vlan) {
            put_OFPAT_RAW11_PUSH_VLAN(out, htons(ETH_TYPE_VLAN_8021Q));
        }
        put_set_field(out, version, MFF_VLAN_VID,
                      vlan_vid->vlan_vid | 0x1000);
    }
}

static void
encode_SET_VLAN_PCP(const struct ofpact_vlan_pcp *vlan_pcp,
                    enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_OFPAT_RAW10_SET_VLAN_PCP(out, vlan_pcp->vlan_pcp);
    } else if (version == OFP11_VERSION) {
        if (vlan_pcp->push_vlan_if_needed && !vlan_pcp->flow_has_vlan) {
            put_OFPAT_RAW11_PUSH_VLAN(out, htons(ETH_TYPE_VLAN_8021Q));
        }
        put_OFPAT_RAW11_SET_VLAN_PCP(out, vlan_pcp->vlan_pcp);
    } else {
        if (vlan_pcp->push_vlan_if_needed && !vlan_pcp->flow_has_vlan) {
            put_OFPAT_RAW11_PUSH_VLAN(out, htons(ETH_TYPE_VLAN_8021Q));
        }
        put_set_field(out, version, MFF_VLAN_PCP, vlan_pcp->vlan_pcp);
    }
}

static void
encode_STRIP_VLAN(const struct ofpact_null *null OVS_UNUSED,
                  enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_OFPAT_RAW10_STRIP_VLAN(out);
    } else {
        put_OFPAT_RAW11_POP_VLAN(out);
    }
}

static void
encode_PUSH_VLAN(const struct ofpact_push_vlan *push_vlan,
                 enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        /* PUSH is a side effect of a SET_VLAN_VID/PCP, which should come
         * next. */
    } else {
        put_OFPAT_RAW11_PUSH_VLAN(out, push_vlan->ethertype);
    }
}

/* Encodes "mod_dl_src"/"mod_dl_dst". */
static void
encode_mac(const struct ofpact_mac *mac, bool src, enum ofp_version version,
           struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        (src ? put_OFPAT_RAW10_SET_DL_SRC
         : put_OFPAT_RAW10_SET_DL_DST)(out, mac->mac);
    } else if (version == OFP11_VERSION) {
        (src ? put_OFPAT_RAW11_SET_DL_SRC
         : put_OFPAT_RAW11_SET_DL_DST)(out, mac->mac);
    } else {
        uint64_t v = 0;

        for (int i = 0; i < 6; i++) {
            v = (v << 8) | mac->mac.ea[i];
        }
        put_set_field(out, version, src ? MFF_ETH_SRC : MFF_ETH_DST, v);
    }
}

static void
encode_SET_ETH_SRC(const struct ofpact_mac *mac, enum ofp_version version,
                   struct ofpbuf *out)
{
    encode_mac(mac, true, version, out);
}

static void
encode_SET_ETH_DST(const struct ofpact_mac *mac, enum ofp_version version,
                   struct ofpbuf *out)
{
    encode_mac(mac, false, version, out);
}

/* Encodes "mod_nw_src"/"mod_nw_dst". */
static void
encode_ipv4(const struct ofpact_ipv4 *ipv4, bool src,
            enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        (src ? put_OFPAT_RAW10_SET_NW_SRC
         : put_OFPAT_RAW10_SET_NW_DST)(out, ipv4->ipv4);
    } else if (version == OFP11_VERSION) {
        (src ? put_OFPAT_RAW11_SET_NW_SRC
         : put_OFPAT_RAW11_SET_NW_DST)(out, ipv4->ipv4);
    } else {
        put_set_field(out, version, src ? MFF_IPV4_SRC : MFF_IPV4_DST,
                      ntohl(ipv4->ipv4));
    }
}

static void
encode_SET_IPV4_SRC(const struct ofpact_ipv4 *ipv4, enum ofp_version version,
                    struct ofpbuf *out)
{
    encode_ipv4(ipv4, true, version, out);
}

static void
encode_SET_IPV4_DST(const struct ofpact_ipv4 *ipv4, enum ofp_version version,
                    struct ofpbuf *out)
{
    encode_ipv4(ipv4, false, version, out);
}

static void
encode_SET_IP_DSCP(const struct ofpact_dscp *dscp, enum ofp_version version,
                   struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_OFPAT_RAW10_SET_NW_TOS(out, dscp->dscp);
    } else if (version == OFP11_VERSION) {
        put_OFPAT_RAW11_SET_NW_TOS(out, dscp->dscp);
    } else {
        put_set_field(out, version, MFF_IP_DSCP_SHIFTED, dscp->dscp >> 2);
    }
}

static void
encode_SET_IP_ECN(const struct ofpact_ecn *ip_ecn, enum ofp_version version,
                  struct ofpbuf *out)
{
    if (version == OFP11_VERSION) {
        put_OFPAT_RAW11_SET_NW_ECN(out, ip_ecn->ecn);
    } else {
        put_set_field(out, version, MFF_IP_ECN, ip_ecn->ecn);
    }
}

static void
encode_SET_IP_TTL(const struct ofpact_ip_ttl *ttl, enum ofp_version version,
                  struct ofpbuf *out)
{
    if (version >= OFP11_VERSION) {
        put_OFPAT_RAW11_SET_NW_TTL(out, ttl->ttl);
    } else {
        put_set_field(out, version, MFF_IP_TTL, ttl->ttl);
    }
}

/* Encodes "mod_tp_src"/"mod_tp_dst". */
static void
encode_l4_port(const struct ofpact_l4_port *l4_port, bool src,
               enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        (src ? put_OFPAT_RAW10_SET_TP_SRC
         : put_OFPAT_RAW10_SET_TP_DST)(out, l4_port->port);
    } else if (version == OFP11_VERSION) {
        (src ? put_OFPAT_RAW11_SET_TP_SRC
         : put_OFPAT_RAW11_SET_TP_DST)(out, l4_port->port);
    } else if (!l4_port->flow_ip_proto) {
        /* The protocol is unknown, so no set_field can express this. */
        (src ? put_OFPAT_RAW11_SET_TP_SRC
         : put_OFPAT_RAW11_SET_TP_DST)(out, l4_port->port);
    } else {
        enum mf_field_id field;

        switch (l4_port->flow_ip_proto) {
        case IPPROTO_UDP:
            field = src ? MFF_UDP_SRC : MFF_UDP_DST;
            break;
        case IPPROTO_SCTP:
            field = src ? MFF_SCTP_SRC : MFF_SCTP_DST;
            break;
        default:
            field = src ? MFF_TCP_SRC : MFF_TCP_DST;
            break;
        }
        put_set_field(out, version, field, l4_port->port);
    }
}

static void
encode_SET_L4_SRC_PORT(const struct ofpact_l4_port *l4_port,
                       enum ofp_version version, struct ofpbuf *out)
{
    encode_l4_port(l4_port, true, version, out);
}

static void
encode_SET_L4_DST_PORT(const struct ofpact_l4_port *l4_port,
                       enum ofp_version version, struct ofpbuf *out)
{
    encode_l4_port(l4_port, false, version, out);
}

static void
encode_REG_MOVE(const struct ofpact_reg_move *move,
                enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;
    struct nx_reg_move_w *narm;

    if (version >= OFP15_VERSION) {
        struct ofp15_copy_field_w *copy = put_OFPAT_RAW15_COPY_FIELD(out);

        copy->n_bits = htons(move->dst.n_bits);
        copy->src_offset = htons(move->src.ofs);
        copy->dst_offset = htons(move->dst.ofs);
        out->size -= 4;
        nx_put_header(out, move->src.field->id, version, false);
        nx_put_header(out, move->dst.field->id, version, false);
        ofpact_update_raw_len(out, start);
        return;
    }
    narm = put_NXAST_RAW_REG_MOVE(out);

    narm->n_bits = htons(move->dst.n_bits);
    narm->src_ofs = htons(move->src.ofs);
    narm->dst_ofs = htons(move->dst.ofs);
    out->size -= 8;
    nx_put_header(out, move->src.field->id, OFP10_VERSION, false);
    nx_put_header(out, move->dst.field->id, OFP10_VERSION, false);
    ofpact_update_raw_len(out, start);
}

/* Encodes "push"/"pop". */
static void
encode_stack(const struct ofpact_stack *stack, bool push, struct ofpbuf *out)
{
    struct nx_stack_w *nasp = (push
                               ? put_NXAST_RAW_STACK_PUSH(out)
                               : put_NXAST_RAW_STACK_POP(out));

    nasp->offset = htons(stack->subfield.ofs);
    put_be32_2(nasp->field, htonl(mf_nxm_header(stack->subfield.field->id)));
    nasp->n_bits = htons(stack->subfield.n_bits);
}

static void
encode_STACK_PUSH(const struct ofpact_stack *stack,
                  enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    encode_stack(stack, true, out);
}

static void
encode_STACK_POP(const struct ofpact_stack *stack,
                 enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    encode_stack(stack, false, out);
}

static void
encode_DEC_TTL(const struct ofpact_cnt_ids *dec_ttl,
               enum ofp_version version, struct ofpbuf *out)
{
    if (dec_ttl->ofpact.raw == NXAST_RAW_DEC_TTL_CNT_IDS
        || dec_ttl->n_controllers != 1
        || dec_ttl->cnt_ids[0] != 0) {
        size_t start = out->size;
        struct nx_cnt_ids_w *nac = put_NXAST_RAW_DEC_TTL_CNT_IDS(out);

        nac->n_controllers = htons(dec_ttl->n_controllers);
        for (unsigned int i = 0; i < dec_ttl->n_controllers; i++) {
            ovs_be16 id = htons(dec_ttl->cnt_ids[i]);

            ofpbuf_put(out, &id, sizeof id);
        }
        ofpact_update_raw_len(out, start);
    } else if (version == OFP10_VERSION) {
        put_NXAST_RAW_DEC_TTL(out);
    } else {
        put_OFPAT_RAW11_DEC_NW_TTL(out);
    }
}

static void
encode_SET_MPLS_LABEL(const struct ofpact_mpls_label *label,
                      enum ofp_version version, struct ofpbuf *out)
{
    if (version < OFP12_VERSION) {
        if (version == OFP11_VERSION) {
            put_OFPAT_RAW11_SET_MPLS_LABEL(out, label->label);
        } else {
            put_NXAST_RAW_SET_MPLS_LABEL(out, label->label);
        }
    } else {
        put_set_field(out, version, MFF_MPLS_LABEL, ntohl(label->label));
    }
}

static void
encode_SET_MPLS_TC(const struct ofpact_mpls_tc *tc, enum ofp_version version,
                   struct ofpbuf *out)
{
    if (version < OFP12_VERSION) {
        if (version == OFP11_VERSION) {
            put_OFPAT_RAW11_SET_MPLS_TC(out, tc->tc);
        } else {
            put_NXAST_RAW_SET_MPLS_TC(out, tc->tc);
        }
    } else {
        put_set_field(out, version, MFF_MPLS_TC, tc->tc);
    }
}

static void
encode_SET_MPLS_TTL(const struct ofpact_mpls_ttl *ttl,
                    enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_NXAST_RAW_SET_MPLS_TTL(out, ttl->ttl);
    } else {
        put_OFPAT_RAW11_SET_MPLS_TTL(out, ttl->ttl);
    }
}

static void
encode_DEC_MPLS_TTL(const struct ofpact_null *null OVS_UNUSED,
                    enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_NXAST_RAW_DEC_MPLS_TTL(out);
    } else {
        put_OFPAT_RAW11_DEC_MPLS_TTL(out);
    }
}

static void
encode_PUSH_MPLS(const struct ofpact_push_mpls *push_mpls,
                 enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_NXAST_RAW_PUSH_MPLS(out, push_mpls->ethertype);
    } else {
        put_OFPAT_RAW11_PUSH_MPLS(out, push_mpls->ethertype);
    }
}

static void
encode_POP_MPLS(const struct ofpact_pop_mpls *pop_mpls,
                enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_NXAST_RAW_POP_MPLS(out, pop_mpls->ethertype);
    } else {
        put_OFPAT_RAW11_POP_MPLS(out, pop_mpls->ethertype);
    }
}

static void
encode_SET_TUNNEL(const struct ofpact_tunnel *tunnel,
                  enum ofp_version version, struct ofpbuf *out)
{
    if (version >= OFP12_VERSION) {
        put_set_field(out, version, MFF_TUN_ID, tunnel->tun_id);
    } else if (tunnel->tun_id <= UINT32_MAX
               && tunnel->ofpact.raw != NXAST_RAW_SET_TUNNEL64) {
        put_NXAST_RAW_SET_TUNNEL(out, tunnel->tun_id);
    } else {
        put_NXAST_RAW_SET_TUNNEL64(out, tunnel->tun_id);
    }
}

static void
encode_SET_QUEUE(const struct ofpact_queue *queue, enum ofp_version version,
                 struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_NXAST_RAW_SET_QUEUE(out, queue->queue_id);
    } else {
        put_OFPAT_RAW11_SET_QUEUE(out, queue->queue_id);
    }
}

static void
encode_POP_QUEUE(const struct ofpact_null *null OVS_UNUSED,
                 enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    put_NXAST_RAW_POP_QUEUE(out);
}

static void
encode_FIN_TIMEOUT(const struct ofpact_fin_timeout *fin_timeout,
                   enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    struct nx_fin_timeout_w *naft = put_NXAST_RAW_FIN_TIMEOUT(out);

    naft->fin_idle_timeout = htons(fin_timeout->fin_idle_timeout);
    naft->fin_hard_timeout = htons(fin_timeout->fin_hard_timeout);
}

static void
encode_RESUBMIT(const struct ofpact_resubmit *resubmit,
                enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    struct nx_resubmit_w *nar;

    if (resubmit->table_id == 0xff
        && resubmit->ofpact.raw != NXAST_RAW_RESUBMIT_TABLE
        && !resubmit->with_ct_orig) {
        nar = put_NXAST_RAW_RESUBMIT(out);
    } else {
        nar = (resubmit->with_ct_orig
               ? put_NXAST_RAW_RESUBMIT_TABLE_CT(out)
               : put_NXAST_RAW_RESUBMIT_TABLE(out));
        nar->table = resubmit->table_id;
    }
    nar->in_port = htons(resubmit->in_port);
}

/* Appends the header of a field for a learn spec or learn2 result. */
static void
put_learn_header(struct ofpbuf *out, const struct mf_field *field)
{
    nx_put_header(out, field->id, OFP10_VERSION, false);
}

static void
encode_LEARN(const struct ofpact_learn *learn,
             enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    const struct ofpact_learn_spec *spec;
    struct nx_learn_w *nal;
    size_t start = out->size;
    ovs_be64 cookie = learn->cookie;

    if (learn->ofpact.raw == NXAST_RAW_LEARN2
        || learn->limit != 0
        || learn->flags & NX_LEARN_F_WRITE_RESULT) {
        struct nx_learn2_w *nal2 = put_NXAST_RAW_LEARN2(out);

        put_be32_2(nal2->limit, htonl(learn->limit));
        nal2->result_dst_ofs = htons(learn->result_dst.ofs);
        nal = &nal2->up;
    } else {
        nal = put_NXAST_RAW_LEARN(out);
    }
    nal->idle_timeout = htons(learn->idle_timeout);
    nal->hard_timeout = htons(learn->hard_timeout);
    nal->fin_idle_timeout = htons(learn->fin_idle_timeout);
    nal->fin_hard_timeout = htons(learn->fin_hard_timeout);
    nal->priority = htons(learn->priority);
    memcpy(nal->cookie, &cookie, sizeof cookie);
    nal->flags = htons(learn->flags);
    nal->table_id = learn->table_id;

    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        put_learn_header(out, learn->result_dst.field);
    }

    OFPACT_LEARN_SPEC_FOR_EACH (spec, learn) {
        ovs_be16 header = htons(spec->src_type | spec->dst_type
                                | spec->n_bits);

        ofpbuf_put(out, &header, sizeof header);
        if (spec->src_type == NX_LEARN_SRC_FIELD) {
            ovs_be16 ofs = htons(spec->src.ofs);

            put_learn_header(out, spec->src.field);
            ofpbuf_put(out, &ofs, sizeof ofs);
        } else {
            size_t n_dst_bytes = 2 * DIV_ROUND_UP(spec->n_bits, 16);
            size_t n_imm = DIV_ROUND_UP(spec->n_bits, 8);
            uint8_t *bits = ofpbuf_put_zeros(out, n_dst_bytes);

            if (spec->dst_type != NX_LEARN_DST_OUTPUT) {
                memcpy(bits + n_dst_bytes - n_imm,
                       ofpact_learn_spec_imm(spec), n_imm);
            }
        }
        if (spec->dst_type == NX_LEARN_DST_MATCH
            || spec->dst_type == NX_LEARN_DST_LOAD) {
            ovs_be16 ofs = htons(spec->dst.ofs);

            put_learn_header(out, spec->dst.field);
            ofpbuf_put(out, &ofs, sizeof ofs);
        }
    }
    ofpact_update_raw_len(out, start);
}

static void
encode_CONJUNCTION(const struct ofpact_conjunction *oc,
                   enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    struct nx_conjunction_w *nac = put_NXAST_RAW_CONJUNCTION(out);

    nac->clause = oc->clause;
    nac->n_clauses = oc->n_clauses;
    put_be32_2(nac->id, htonl(oc->id));
}

static void
encode_MULTIPATH(const struct ofpact_multipath *mp,
                 enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    struct nx_multipath_w *nam = put_NXAST_RAW_MULTIPATH(out);

    nam->fields = htons(mp->fields);
    nam->basis = htons(mp->basis);
    nam->algorithm = htons(mp->algorithm);
    nam->max_link = htons(mp->max_link);
    put_be32_2(nam->arg, htonl(mp->arg));
    nam->ofs_nbits = nxm_encode_ofs_nbits(mp->dst.ofs, mp->dst.n_bits);
    put_be32_2(nam->dst, htonl(mf_nxm_header(mp->dst.field->id)));
}

static void
encode_NOTE(const struct ofpact_note *note,
            enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    size_t start = out->size;

    put_NXAST_RAW_NOTE(out);
    out->size -= 6;
    ofpbuf_put(out, note->data, note->length);
    ofpact_update_raw_len(out, start);
    if (out->size - start < 16) {
        ofpbuf_put_zeros(out, 16 - (out->size - start));
        ofpact_update_raw_len(out, start);
    }
}

static void
encode_EXIT(const struct ofpact_null *null OVS_UNUSED,
            enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    put_NXAST_RAW_EXIT(out);
}

static void
encode_SAMPLE(const struct ofpact_sample *sample,
              enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    if (sample->ofpact.raw == NXAST_RAW_SAMPLE3
        || sample->direction != NX_ACTION_SAMPLE_DEFAULT) {
        struct nx_sample2_w *nas = put_NXAST_RAW_SAMPLE3(out);

        nas->probability = htons(sample->probability);
        nas->collector_set_id = htonl(sample->collector_set_id);
        nas->obs_domain_id = htonl(sample->obs_domain_id);
        nas->obs_point_id = htonl(sample->obs_point_id);
        nas->sampling_port = htons(sample->sampling_port);
        nas->direction = sample->direction;
    } else if (sample->ofpact.raw == NXAST_RAW_SAMPLE2
               || sample->sampling_port != OFPP_NONE) {
        struct nx_sample2_w *nas = put_NXAST_RAW_SAMPLE2(out);

        nas->probability = htons(sample->probability);
        nas->collector_set_id = htonl(sample->collector_set_id);
        nas->obs_domain_id = htonl(sample->obs_domain_id);
        nas->obs_point_id = htonl(sample->obs_point_id);
        nas->sampling_port = htons(sample->sampling_port);
    } else {
        struct nx_sample_w *nas = put_NXAST_RAW_SAMPLE(out);

        nas->probability = htons(sample->probability);
        nas->collector_set_id = htonl(sample->collector_set_id);
        nas->obs_domain_id = htonl(sample->obs_domain_id);
        nas->obs_point_id = htonl(sample->obs_point_id);
    }
}

static void
encode_UNROLL_XLATE(const struct ofpact_unroll_xlate *unroll OVS_UNUSED,
                    enum ofp_version version OVS_UNUSED,
                    struct ofpbuf *out OVS_UNUSED)
{
    /* Internal action: never encoded. */
}

static void ofpacts_put_openflow_actions__(const struct ofpact[], size_t,
                                           struct ofpbuf *,
                                           enum ofp_version);

static void
encode_CT(const struct ofpact_conntrack *conntrack,
          enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;
    struct nx_ct_w *nac = put_NXAST_RAW_CT(out);

    nac->flags = htons(conntrack->flags);
    if (conntrack->zone_src.field) {
        put_be32_2(nac->zone_src,
                   htonl(mf_nxm_header(conntrack->zone_src.field->id)));
        nac->zone = nxm_encode_ofs_nbits(conntrack->zone_src.ofs,
                                         conntrack->zone_src.n_bits);
    } else {
        nac->zone = htons(conntrack->zone_imm);
    }
    nac->recirc_table = conntrack->recirc_table;
    nac->alg = htons(conntrack->alg);
    ofpacts_put_openflow_actions__(conntrack->actions,
                                   ofpact_ct_get_action_len(conntrack),
                                   out, version);
    ofpact_update_raw_len(out, start);
}

static void
encode_CT_CLEAR(const struct ofpact_null *null OVS_UNUSED,
                enum ofp_version version OVS_UNUSED, struct ofpbuf *out)
{
    put_NXAST_RAW_CT_CLEAR(out);
}

static void
encode_NAT(const struct ofpact_nat *nat, enum ofp_version version OVS_UNUSED,
           struct ofpbuf *out)
{
    size_t start = out->size;
    struct nx_nat_w *nan = put_NXAST_RAW_NAT(out);
    uint16_t range_present = 0;

    nan->flags = htons(nat->flags);
    if (nat->range_af == AF_INET) {
        if (nat->range.addr.ipv4.min) {
            ofpbuf_put(out, &nat->range.addr.ipv4.min, 4);
            range_present |= NX_NAT_RANGE_IPV4_MIN;
        }
        if (nat->range.addr.ipv4.max) {
            ofpbuf_put(out, &nat->range.addr.ipv4.max, 4);
            range_present |= NX_NAT_RANGE_IPV4_MAX;
        }
    } else if (nat->range_af == AF_INET6) {
        static const struct in6_addr zero6;

        if (memcmp(&nat->range.addr.ipv6.min, &zero6, 16)) {
            ofpbuf_put(out, &nat->range.addr.ipv6.min, 16);
            range_present |= NX_NAT_RANGE_IPV6_MIN;
        }
        if (memcmp(&nat->range.addr.ipv6.max, &zero6, 16)) {
            ofpbuf_put(out, &nat->range.addr.ipv6.max, 16);
            range_present |= NX_NAT_RANGE_IPV6_MAX;
        }
    }
    if (nat->range_af != AF_UNSPEC) {
        if (nat->range.proto.min) {
            ovs_be16 port = htons(nat->range.proto.min);

            ofpbuf_put(out, &port, 2);
            range_present |= NX_NAT_RANGE_PROTO_MIN;
        }
        if (nat->range.proto.max) {
            ovs_be16 port = htons(nat->range.proto.max);

            ofpbuf_put(out, &port, 2);
            range_present |= NX_NAT_RANGE_PROTO_MAX;
        }
    }
    nan = ofpbuf_at_assert(out, start, sizeof *nan);
    nan->range_present = htons(range_present);
    ofpact_update_raw_len(out, start);
}

static void
encode_CLONE(const struct ofpact_nest *clone, enum ofp_version version,
             struct ofpbuf *out)
{
    size_t start = out->size;

    put_NXAST_RAW_CLONE(out);
    ofpacts_put_openflow_actions__(clone->actions,
                                   ofpact_nest_get_action_len(clone),
                                   out, version);
    ofpact_update_raw_len(out, start);
}

static void
encode_METER(const struct ofpact_meter *meter, enum ofp_version version,
             struct ofpbuf *out)
{
    if (version >= OFP15_VERSION) {
        put_OFPAT_RAW15_METER(out, meter->meter_id);
    }
}

static void
encode_CLEAR_ACTIONS(const struct ofpact_null *null OVS_UNUSED,
                     enum ofp_version version OVS_UNUSED,
                     struct ofpbuf *out OVS_UNUSED)
{
    /* Not an action: an instruction (see encode_ofpact()). */
}

static void
encode_WRITE_ACTIONS(const struct ofpact_nest *actions OVS_UNUSED,
                     enum ofp_version version OVS_UNUSED,
                     struct ofpbuf *out OVS_UNUSED)
{
    /* Not an action: an instruction (see encode_ofpact()). */
}

static void
encode_WRITE_METADATA(const struct ofpact_metadata *metadata,
                      enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        struct nx_write_metadata_w *nawm = put_NXAST_RAW_WRITE_METADATA(out);

        nawm->metadata = metadata->metadata;
        nawm->mask = metadata->mask;
    }
    /* In OpenFlow 1.1+ this is an instruction (see encode_ofpact()). */
}

static void
encode_GOTO_TABLE(const struct ofpact_goto_table *goto_table,
                  enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        struct nx_resubmit_w *nar = put_NXAST_RAW_RESUBMIT_TABLE(out);

        nar->table = goto_table->table_id;
        nar->in_port = htons(OFPP_IN_PORT);
    }
    /* In OpenFlow 1.1+ this is an instruction (see encode_ofpact()). */
}

/* Appends the encoding of 'a' for 'version' to 'out'. */
static void
encode_ofpact(const struct ofpact *a, enum ofp_version version,
              struct ofpbuf *out)
{
    switch (a->type) {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    case OFPACT_##ENUM:                                                 \
        encode_##ENUM(ofpact_get_##ENUM(a), version, out);              \
        return;
        OFPACTS
#undef OFPACT
    default:
        OVS_NOT_REACHED();
    }
}

static void
ofpacts_put_openflow_actions__(const struct ofpact ofpacts[],
                               size_t ofpacts_len, struct ofpbuf *openflow,
                               enum ofp_version version)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        encode_ofpact(a, version, openflow);
    }
}

size_t
ofpacts_put_openflow_actions(const struct ofpact ofpacts[],
                             size_t ofpacts_len, struct ofpbuf *openflow,
                             enum ofp_version version)
{
    size_t start_size = openflow->size;

    ofpacts_put_openflow_actions__(ofpacts, ofpacts_len, openflow, version);
    return openflow->size - start_size;
}

/* Appends an instruction header of 'wire_type' and length 8 to 'out' and
 * returns its offset. */
static size_t
put_instruction(struct ofpbuf *out, uint16_t wire_type)
{
    size_t ofs = out->size;
    ovs_be16 *hdr = ofpbuf_put_zeros(out, 8);

    hdr[0] = htons(wire_type);
    hdr[1] = htons(8);
    return ofs;
}

/* Sets the length of the instruction at 'ofs' to reach the end of 'out'. */
static void
finish_instruction(struct ofpbuf *out, size_t ofs)
{
    ovs_be16 *hdr = ofpbuf_at_assert(out, ofs, 4);

    hdr[1] = htons(out->size - ofs);
}

void
ofpacts_put_openflow_instructions(const struct ofpact ofpacts[],
                                  size_t ofpacts_len,
                                  struct ofpbuf *openflow,
                                  enum ofp_version version)
{
    const struct ofpact *end = ofpact_end(ofpacts, ofpacts_len);
    const struct ofpact *a;

    if (version == OFP10_VERSION) {
        ofpacts_put_openflow_actions(ofpacts, ofpacts_len, openflow,
                                     version);
        return;
    }

    a = ofpacts;
    while (a < end) {
        switch (ovs_instruction_type_from_ofpact_type(a->type, version)) {
        case OVSINST_OFPIT11_CLEAR_ACTIONS:
            put_instruction(openflow, OFPIT11_CLEAR_ACTIONS_W);
            a = ofpact_next(a);
            break;

        case OVSINST_OFPIT11_GOTO_TABLE: {
            size_t ofs = put_instruction(openflow, OFPIT11_GOTO_TABLE_W);
            uint8_t *inst = ofpbuf_at_assert(openflow, ofs, 8);

            inst[4] = ofpact_get_GOTO_TABLE(a)->table_id;
            a = ofpact_next(a);
            break;
        }

        case OVSINST_OFPIT11_WRITE_METADATA: {
            const struct ofpact_metadata *om = ofpact_get_WRITE_METADATA(a);
            size_t ofs = put_instruction(openflow, OFPIT11_WRITE_METADATA_W);

            ofpbuf_put(openflow, &om->metadata, 8);
            ofpbuf_put(openflow, &om->mask, 8);
            finish_instruction(openflow, ofs);
            a = ofpact_next(a);
            break;
        }

        case OVSINST_OFPIT13_METER:
            if (version >= OFP13_VERSION) {
                size_t ofs = put_instruction(openflow, OFPIT13_METER_W);
                ovs_be32 id = htonl(ofpact_get_METER(a)->meter_id);

                memcpy(ofpbuf_at_assert(openflow, ofs + 4, 4), &id, 4);
            }
            a = ofpact_next(a);
            break;

        case OVSINST_OFPIT11_APPLY_ACTIONS: {
            size_t ofs = put_instruction(openflow, OFPIT11_APPLY_ACTIONS_W);
            const struct ofpact *action;

            for (action = a;
                 action < end
                 && (ovs_instruction_type_from_ofpact_type(action->type,
                                                           version)
                     == OVSINST_OFPIT11_APPLY_ACTIONS);
                 action = ofpact_next(action)) {
                encode_ofpact(action, version, openflow);
            }
            finish_instruction(openflow, ofs);
            a = action;
            break;
        }

        case OVSINST_OFPIT11_WRITE_ACTIONS: {
            const struct ofpact_nest *on = ofpact_get_WRITE_ACTIONS(a);

            /* An empty action set is not worth an instruction. */
            if (ofpact_nest_get_action_len(on)) {
                size_t ofs = put_instruction(openflow,
                                             OFPIT11_WRITE_ACTIONS_W);

                ofpacts_put_openflow_actions(on->actions,
                                             ofpact_nest_get_action_len(on),
                                             openflow, version);
                finish_instruction(openflow, ofs);
            }
            a = ofpact_next(a);
            break;
        }

        default:
            OVS_NOT_REACHED();
        }
    }
}

/* Formatting ofpacts as text. */

static void ofpacts_format__(const struct ofpact[], size_t,
                             const struct ofpact_format_params *);

static void
format_OUTPUT(const struct ofpact_output *a,
              const struct ofpact_format_params *fp)
{
    if (a->port < OFPP_MAX) {
        ds_put_cstr(fp->s, "output:");
        ofputil_format_port(a->port, fp->port_map, fp->s);
    } else {
        format_port(a->port, fp->port_map, fp->s);
        if (a->port == OFPP_CONTROLLER) {
            ds_put_format(fp->s, ":%"PRIu16, a->max_len);
        }
    }
}

static void
format_GROUP(const struct ofpact_group *a,
             const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "group:%"PRIu32, a->group_id);
}

/* Appends the 'len' bytes at 'data' as "xx.xx.xx". */
static void
format_hex_dotted(const uint8_t *data, size_t len, struct ds *s)
{
    for (size_t i = 0; i < len; i++) {
        if (i) {
            ds_put_char(s, '.');
        }
        ds_put_format(s, "%02"PRIx8, data[i]);
    }
}

static void
format_CONTROLLER(const struct ofpact_controller *a,
                  const struct ofpact_format_params *fp)
{
    if (a->reason == OFPR_ACTION && !a->controller_id && !a->userdata_len
        && !a->pause && a->meter_id == NX_CTLR_NO_METER) {
        ds_put_format(fp->s, "CONTROLLER:%"PRIu16, a->max_len);
    } else {
        enum ofp_packet_in_reason reason = a->reason;

        ds_put_cstr(fp->s, "controller(");
        if (reason != OFPR_ACTION) {
            ds_put_cstr(fp->s, "reason=");
            format_packet_in_reason(reason, fp->s);
            ds_put_char(fp->s, ',');
        }
        if (a->max_len != UINT16_MAX) {
            ds_put_format(fp->s, "max_len=%"PRIu16",", a->max_len);
        }
        if (a->controller_id != 0) {
            ds_put_format(fp->s, "id=%"PRIu16",", a->controller_id);
        }
        if (a->userdata_len) {
            ds_put_cstr(fp->s, "userdata=");
            format_hex_dotted(a->userdata, a->userdata_len, fp->s);
            ds_put_char(fp->s, ',');
        }
        if (a->pause) {
            ds_put_cstr(fp->s, "pause,");
        }
        if (a->meter_id != NX_CTLR_NO_METER) {
            ds_put_format(fp->s, "meter_id=%"PRIu32",", a->meter_id);
        }
        ds_chomp(fp->s, ',');
        ds_put_char(fp->s, ')');
    }
}

static void
format_ENQUEUE(const struct ofpact_enqueue *a,
               const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "enqueue:");
    format_port(a->port, fp->port_map, fp->s);
    ds_put_format(fp->s, ":%"PRIu32, a->queue);
}

static void
format_OUTPUT_REG(const struct ofpact_output_reg *a,
                  const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "output:");
    mf_format_subfield(&a->src, fp->s);
}

static void
format_OUTPUT_TRUNC(const struct ofpact_output_trunc *a,
                    const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "output(port=");
    format_port(a->port, fp->port_map, fp->s);
    ds_put_format(fp->s, ",max_len=%"PRIu32")", a->max_len);
}

static void
format_BUNDLE(const struct ofpact_bundle *a,
              const struct ofpact_format_params *fp)
{
    bundle_format(a, fp->port_map, fp->s);
}

/* Appends the 'n_bits' bits of the big-endian 'n'-byte 'value' starting at
 * bit 'ofs' as a hexadecimal number "0x...". */
static void
format_bits_hex(const uint8_t *value, size_t n, unsigned int ofs,
                unsigned int n_bits, struct ds *s)
{
    unsigned int n_digits = DIV_ROUND_UP(n_bits, 4);
    bool started = false;

    ds_put_cstr(s, "0x");
    for (int d = n_digits - 1; d >= 0; d--) {
        unsigned int digit = 0;

        for (int b = 3; b >= 0; b--) {
            unsigned int bit = d * 4 + b;

            digit <<= 1;
            if (bit < n_bits) {
                digit |= bits_get(value, n, ofs + bit);
            }
        }
        if (digit || started || d == 0) {
            ds_put_format(s, "%x", digit);
            started = true;
        }
    }
}

static void
format_SET_FIELD(const struct ofpact_set_field *a,
                 const struct ofpact_format_params *fp)
{
    const uint8_t *mask = sf_mask_bytes(a);
    size_t n = a->field->n_bytes;

    if (a->ofpact.raw == NXAST_RAW_REG_LOAD) {
        unsigned int n_bits = n * 8;
        unsigned int i = 0;
        bool first = true;

        while (i < n_bits) {
            struct mf_subfield dst;
            unsigned int start;

            if (!bits_get(mask, n, i)) {
                i++;
                continue;
            }
            start = i;
            while (i < n_bits && i - start < 64 && bits_get(mask, n, i)) {
                i++;
            }
            if (!first) {
                ds_put_char(fp->s, ',');
            }
            first = false;
            ds_put_cstr(fp->s, "load:");
            format_bits_hex(a->value->b, n, start, i - start, fp->s);
            ds_put_cstr(fp->s, "->");
            dst.field = a->field;
            dst.ofs = start;
            dst.n_bits = i - start;
            mf_format_subfield(&dst, fp->s);
        }
    } else {
        union mf_value aligned_mask;

        sf_get_mask(a, &aligned_mask);
        ds_put_cstr(fp->s, "set_field:");
        mf_format(a->field, a->value,
                  bytes_are_ones(mask, n) ? NULL : &aligned_mask,
                  fp->port_map, fp->s);
        ds_put_format(fp->s, "->%s", a->field->name);
    }
}

static void
format_SET_VLAN_VID(const struct ofpact_vlan_vid *a,
                    const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "%s:%"PRIu16,
                  a->push_vlan_if_needed ? "mod_vlan_vid" : "set_vlan_vid",
                  a->vlan_vid);
}

static void
format_SET_VLAN_PCP(const struct ofpact_vlan_pcp *a,
                    const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "%s:%"PRIu8,
                  a->push_vlan_if_needed ? "mod_vlan_pcp" : "set_vlan_pcp",
                  a->vlan_pcp);
}

static void
format_STRIP_VLAN(const struct ofpact_null *a,
                  const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, (a->ofpact.raw == OFPAT_RAW11_POP_VLAN
                        ? "pop_vlan" : "strip_vlan"));
}

static void
format_PUSH_VLAN(const struct ofpact_push_vlan *a,
                 const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "push_vlan:%#"PRIx16, ntohs(a->ethertype));
}

static void
format_SET_ETH_SRC(const struct ofpact_mac *a,
                   const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_dl_src:"ETH_ADDR_FMT, ETH_ADDR_ARGS(a->mac));
}

static void
format_SET_ETH_DST(const struct ofpact_mac *a,
                   const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_dl_dst:"ETH_ADDR_FMT, ETH_ADDR_ARGS(a->mac));
}

static void
format_SET_IPV4_SRC(const struct ofpact_ipv4 *a,
                    const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_nw_src:"IP_FMT, IP_ARGS(a->ipv4));
}

static void
format_SET_IPV4_DST(const struct ofpact_ipv4 *a,
                    const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_nw_dst:"IP_FMT, IP_ARGS(a->ipv4));
}

static void
format_SET_IP_DSCP(const struct ofpact_dscp *a,
                   const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_nw_tos:%d", a->dscp);
}

static void
format_SET_IP_ECN(const struct ofpact_ecn *a,
                  const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_nw_ecn:%d", a->ecn);
}

static void
format_SET_IP_TTL(const struct ofpact_ip_ttl *a,
                  const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_nw_ttl:%d", a->ttl);
}

static void
format_SET_L4_SRC_PORT(const struct ofpact_l4_port *a,
                       const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_tp_src:%d", a->port);
}

static void
format_SET_L4_DST_PORT(const struct ofpact_l4_port *a,
                       const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "mod_tp_dst:%d", a->port);
}

static void
format_REG_MOVE(const struct ofpact_reg_move *a,
                const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "move:");
    mf_format_subfield(&a->src, fp->s);
    ds_put_cstr(fp->s, "->");
    mf_format_subfield(&a->dst, fp->s);
}

static void
format_STACK_PUSH(const struct ofpact_stack *a,
                  const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "push:");
    mf_format_subfield(&a->subfield, fp->s);
}

static void
format_STACK_POP(const struct ofpact_stack *a,
                 const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "pop:");
    mf_format_subfield(&a->subfield, fp->s);
}

static void
format_DEC_TTL(const struct ofpact_cnt_ids *a,
               const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "dec_ttl");
    if (a->ofpact.raw == NXAST_RAW_DEC_TTL_CNT_IDS) {
        ds_put_char(fp->s, '(');
        for (unsigned int i = 0; i < a->n_controllers; i++) {
            if (i) {
                ds_put_char(fp->s, ',');
            }
            ds_put_format(fp->s, "%"PRIu16, a->cnt_ids[i]);
        }
        ds_put_char(fp->s, ')');
    }
}

static void
format_SET_MPLS_LABEL(const struct ofpact_mpls_label *a,
                      const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "set_mpls_label(%"PRIu32")", ntohl(a->label));
}

static void
format_SET_MPLS_TC(const struct ofpact_mpls_tc *a,
                   const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "set_mpls_tc(%"PRIu8")", a->tc);
}

static void
format_SET_MPLS_TTL(const struct ofpact_mpls_ttl *a,
                    const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "set_mpls_ttl(%"PRIu8")", a->ttl);
}

static void
format_DEC_MPLS_TTL(const struct ofpact_null *a OVS_UNUSED,
                    const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "dec_mpls_ttl");
}

static void
format_PUSH_MPLS(const struct ofpact_push_mpls *a,
                 const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "push_mpls:0x%04"PRIx16, ntohs(a->ethertype));
}

static void
format_POP_MPLS(const struct ofpact_pop_mpls *a,
                const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "pop_mpls:0x%04"PRIx16, ntohs(a->ethertype));
}

static void
format_SET_TUNNEL(const struct ofpact_tunnel *a,
                  const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "set_tunnel%s:%#"PRIx64,
                  (a->tun_id > UINT32_MAX
                   || a->ofpact.raw == NXAST_RAW_SET_TUNNEL64 ? "64" : ""),
                  a->tun_id);
}

static void
format_SET_QUEUE(const struct ofpact_queue *a,
                 const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "set_queue:%"PRIu32, a->queue_id);
}

static void
format_POP_QUEUE(const struct ofpact_null *a OVS_UNUSED,
                 const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "pop_queue");
}

static void
format_FIN_TIMEOUT(const struct ofpact_fin_timeout *a,
                   const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "fin_timeout(");
    if (a->fin_idle_timeout) {
        ds_put_format(fp->s, "idle_timeout=%"PRIu16",", a->fin_idle_timeout);
    }
    if (a->fin_hard_timeout) {
        ds_put_format(fp->s, "hard_timeout=%"PRIu16",", a->fin_hard_timeout);
    }
    ds_chomp(fp->s, ',');
    ds_put_char(fp->s, ')');
}

static void
format_RESUBMIT(const struct ofpact_resubmit *a,
                const struct ofpact_format_params *fp)
{
    if (a->in_port != OFPP_IN_PORT && a->table_id == 255
        && !a->with_ct_orig) {
        ds_put_cstr(fp->s, "resubmit:");
        format_port(a->in_port, fp->port_map, fp->s);
    } else {
        ds_put_cstr(fp->s, "resubmit(");
        if (a->in_port != OFPP_IN_PORT) {
            format_port(a->in_port, fp->port_map, fp->s);
        }
        ds_put_char(fp->s, ',');
        if (a->table_id != 255) {
            format_table(a->table_id, fp->table_map, fp->s);
        }
        if (a->with_ct_orig) {
            ds_put_cstr(fp->s, ",ct");
        }
        ds_put_char(fp->s, ')');
    }
}

static void
format_LEARN(const struct ofpact_learn *a,
             const struct ofpact_format_params *fp)
{
    learn_format(a, fp->port_map, fp->table_map, fp->s);
}

static void
format_CONJUNCTION(const struct ofpact_conjunction *a,
                   const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "conjunction(%"PRIu32",%d/%"PRIu8")",
                  a->id, a->clause + 1, a->n_clauses);
}

static void
format_MULTIPATH(const struct ofpact_multipath *a,
                 const struct ofpact_format_params *fp)
{
    multipath_format(a, fp->s);
}

static void
format_NOTE(const struct ofpact_note *a,
            const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "note:");
    format_hex_dotted(a->data, a->length, fp->s);
}

static void
format_EXIT(const struct ofpact_null *a OVS_UNUSED,
            const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "exit");
}

static void
format_SAMPLE(const struct ofpact_sample *a,
              const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "sample(probability=%"PRIu16",collector_set_id=%"
                  PRIu32",obs_domain_id=%"PRIu32",obs_point_id=%"PRIu32,
                  a->probability, a->collector_set_id, a->obs_domain_id,
                  a->obs_point_id);
    if (a->sampling_port != OFPP_NONE) {
        ds_put_cstr(fp->s, ",sampling_port=");
        format_port(a->sampling_port, fp->port_map, fp->s);
    }
    if (a->direction == NX_ACTION_SAMPLE_INGRESS) {
        ds_put_cstr(fp->s, ",ingress");
    } else if (a->direction == NX_ACTION_SAMPLE_EGRESS) {
        ds_put_cstr(fp->s, ",egress");
    }
    ds_put_char(fp->s, ')');
}

static void
format_UNROLL_XLATE(const struct ofpact_unroll_xlate *a,
                    const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "unroll_xlate(table=%"PRIu8", cookie=%"PRIu64")",
                  a->rule_table_id, ntohll(a->rule_cookie));
}

static void
format_NAT(const struct ofpact_nat *a, const struct ofpact_format_params *fp)
{
    struct ds *s = fp->s;

    ds_put_cstr(s, "nat");
    if (a->flags & (NX_NAT_F_SRC | NX_NAT_F_DST)) {
        ds_put_char(s, '(');
        ds_put_cstr(s, a->flags & NX_NAT_F_SRC ? "src" : "dst");
        if (a->range_af != AF_UNSPEC) {
            ds_put_char(s, '=');
            if (a->range_af == AF_INET) {
                ds_put_format(s, IP_FMT, IP_ARGS(a->range.addr.ipv4.min));
                if (a->range.addr.ipv4.max
                    && a->range.addr.ipv4.max != a->range.addr.ipv4.min) {
                    ds_put_format(s, "-"IP_FMT,
                                  IP_ARGS(a->range.addr.ipv4.max));
                }
            } else {
                char buf[INET6_ADDRSTRLEN];
                static const struct in6_addr zero6;
                bool brackets = a->range.proto.min != 0;

                if (brackets) {
                    ds_put_char(s, '[');
                }
                inet_ntop(AF_INET6, &a->range.addr.ipv6.min, buf,
                          sizeof buf);
                ds_put_cstr(s, buf);
                if (memcmp(&a->range.addr.ipv6.max, &zero6, 16)
                    && memcmp(&a->range.addr.ipv6.max,
                              &a->range.addr.ipv6.min, 16)) {
                    inet_ntop(AF_INET6, &a->range.addr.ipv6.max, buf,
                              sizeof buf);
                    ds_put_format(s, "-%s", buf);
                }
                if (brackets) {
                    ds_put_char(s, ']');
                }
            }
            if (a->range.proto.min) {
                ds_put_format(s, ":%"PRIu16, a->range.proto.min);
                if (a->range.proto.max
                    && a->range.proto.max != a->range.proto.min) {
                    ds_put_format(s, "-%"PRIu16, a->range.proto.max);
                }
            }
        }
        ds_put_char(s, ',');
        if (a->flags & NX_NAT_F_PERSISTENT) {
            ds_put_cstr(s, "persistent,");
        }
        if (a->flags & NX_NAT_F_PROTO_HASH) {
            ds_put_cstr(s, "hash,");
        }
        if (a->flags & NX_NAT_F_PROTO_RANDOM) {
            ds_put_cstr(s, "random,");
        }
        ds_chomp(s, ',');
        ds_put_char(s, ')');
    }
}

static void
format_CT(const struct ofpact_conntrack *a,
          const struct ofpact_format_params *fp)
{
    const struct ofpact *action = a->actions;
    size_t actions_len = ofpact_ct_get_action_len(a);

    ds_put_cstr(fp->s, "ct(");
    if (a->flags & NX_CT_F_COMMIT) {
        ds_put_cstr(fp->s, "commit,");
    }
    if (a->flags & NX_CT_F_FORCE) {
        ds_put_cstr(fp->s, "force,");
    }
    if (a->recirc_table != NX_CT_RECIRC_NONE) {
        ds_put_format(fp->s, "table=%"PRIu8",", a->recirc_table);
    }
    if (a->zone_src.field) {
        ds_put_cstr(fp->s, "zone=");
        mf_format_subfield(&a->zone_src, fp->s);
        ds_put_char(fp->s, ',');
    } else if (a->zone_imm) {
        ds_put_format(fp->s, "zone=%"PRIu16",", a->zone_imm);
    }
    if (actions_len && action->type == OFPACT_NAT) {
        format_NAT(ofpact_get_NAT(action), fp);
        ds_put_char(fp->s, ',');
        actions_len -= OFPACT_ALIGN(action->len);
        action = ofpact_next(action);
    }
    if (actions_len) {
        ds_put_cstr(fp->s, "exec(");
        ofpacts_format__(action, actions_len, fp);
        ds_put_cstr(fp->s, "),");
    }
    if (a->alg == OFPACT_CT_ALG_FTP) {
        ds_put_cstr(fp->s, "alg=ftp,");
    } else if (a->alg == OFPACT_CT_ALG_TFTP) {
        ds_put_cstr(fp->s, "alg=tftp,");
    } else if (a->alg) {
        ds_put_format(fp->s, "alg=%"PRIu16",", a->alg);
    }
    ds_chomp(fp->s, ',');
    ds_put_char(fp->s, ')');
}

static void
format_CT_CLEAR(const struct ofpact_null *a OVS_UNUSED,
                const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "ct_clear");
}

static void
format_CLONE(const struct ofpact_nest *a,
             const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "clone(");
    ofpacts_format(a->actions, ofpact_nest_get_action_len(a), fp);
    ds_put_char(fp->s, ')');
}

static void
format_METER(const struct ofpact_meter *a,
             const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "meter:%"PRIu32, a->meter_id);
}

static void
format_CLEAR_ACTIONS(const struct ofpact_null *a OVS_UNUSED,
                     const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "clear_actions");
}

static void
format_WRITE_ACTIONS(const struct ofpact_nest *a,
                     const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "write_actions(");
    ofpacts_format(a->actions, ofpact_nest_get_action_len(a), fp);
    ds_put_char(fp->s, ')');
}

static void
format_WRITE_METADATA(const struct ofpact_metadata *a,
                      const struct ofpact_format_params *fp)
{
    ds_put_format(fp->s, "write_metadata:%#"PRIx64, ntohll(a->metadata));
    if (a->mask != UINT64_MAX) {
        ds_put_format(fp->s, "/%#"PRIx64, ntohll(a->mask));
    }
}

static void
format_GOTO_TABLE(const struct ofpact_goto_table *a,
                  const struct ofpact_format_params *fp)
{
    ds_put_cstr(fp->s, "goto_table:");
    format_table(a->table_id, fp->table_map, fp->s);
}

void
ofpact_format(const struct ofpact *a, const struct ofpact_format_params *fp)
{
    switch (a->type) {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    case OFPACT_##ENUM:                                                 \
        format_##ENUM(ALIGNED_CAST(const struct STRUCT *, a), fp);      \
        return;
        OFPACTS
#undef OFPACT
    default:
        OVS_NOT_REACHED();
    }
}

/* Formats the actions without the "drop" for an empty list. */
static void
ofpacts_format__(const struct ofpact *ofpacts, size_t ofpacts_len,
                 const struct ofpact_format_params *fp)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (a != ofpacts) {
            ds_put_char(fp->s, ',');
        }
        ofpact_format(a, fp);
    }
}

void
ofpacts_format(const struct ofpact *ofpacts, size_t ofpacts_len,
               const struct ofpact_format_params *fp)
{
    if (!ofpacts_len) {
        ds_put_cstr(fp->s, "drop");
    } else {
        ofpacts_format__(ofpacts, ofpacts_len, fp);
    }
}

/* Parsing ofpacts from text. */

static bool ovs_scan_conjunction(const char *, uint32_t *id, uint8_t *clause,
                                 uint8_t *n_clauses, int *n);
static char *ofpacts_parse__(char *str, const struct ofpact_parse_params *,
                             bool allow_instructions,
                             enum ofpact_type outer_action)
    OVS_WARN_UNUSED_RESULT;

/* Restricts '*pp->usable_protocols' to 'protocols'. */
static void
restrict_protocols(const struct ofpact_parse_params *pp,
                   enum ofputil_protocol protocols)
{
    if (pp->usable_protocols) {
        *pp->usable_protocols &= protocols;
    }
}

static char * OVS_WARN_UNUSED_RESULT
parse_OUTPUT(char *arg, const struct ofpact_parse_params *pp)
{
    if (strstr(arg, "port") && strstr(arg, "max_len")) {
        struct ofpact_output_trunc *ot = ofpact_put_OUTPUT_TRUNC(pp->ofpacts);
        char *key, *value;

        while (ofputil_parse_key_value(&arg, &key, &value)) {
            char *error = NULL;

            if (!strcmp(key, "port")) {
                if (!parse_port(value, pp->port_map, &ot->port)) {
                    return xasprintf("output to unknown truncate port: %s",
                                     value);
                }
                if (ot->port >= OFPP_MAX) {
                    if (ot->port != OFPP_LOCAL && ot->port != OFPP_IN_PORT) {
                        return xasprintf("output to unsupported truncate "
                                         "port: %s", value);
                    }
                }
            } else if (!strcmp(key, "max_len")) {
                error = str_to_u32(value, &ot->max_len);
            } else {
                return xasprintf("invalid key '%s' in output_trunc "
                                 "argument", key);
            }
            if (error) {
                return error;
            }
        }
        return NULL;
    } else if (strchr(arg, '[')) {
        struct ofpact_output_reg *output_reg;

        output_reg = ofpact_put_OUTPUT_REG(pp->ofpacts);
        output_reg->max_len = UINT16_MAX;
        return mf_parse_subfield(&output_reg->src, arg);
    } else {
        struct ofpact_output *output = ofpact_put_OUTPUT(pp->ofpacts);

        if (!parse_port(arg, pp->port_map, &output->port)) {
            return xasprintf("%s: output to unknown port", arg);
        }
        output->max_len = output->port == OFPP_CONTROLLER ? UINT16_MAX : 0;
        return NULL;
    }
}

static char * OVS_WARN_UNUSED_RESULT
parse_GROUP(char *arg, const struct ofpact_parse_params *pp)
{
    return str_to_u32(arg, &ofpact_put_GROUP(pp->ofpacts)->group_id);
}

/* Parses "xx.xx.xx" (dots optional) hex bytes from 'arg' into 'out'. */
static char * OVS_WARN_UNUSED_RESULT
parse_hex_bytes(const char *arg, const char *what, struct ofpbuf *out)
{
    while (*arg != '\0') {
        int hi, lo;

        if (*arg == '.') {
            arg++;
            continue;
        }
        if (!isxdigit((unsigned char) arg[0])
            || !isxdigit((unsigned char) arg[1])) {
            return xasprintf("bad hex digit in `%s' argument", what);
        }
        hi = isdigit((unsigned char) arg[0]) ? arg[0] - '0'
             : tolower((unsigned char) arg[0]) - 'a' + 10;
        lo = isdigit((unsigned char) arg[1]) ? arg[1] - '0'
             : tolower((unsigned char) arg[1]) - 'a' + 10;
        *(uint8_t *) ofpbuf_put_uninit(out, 1) = (hi << 4) | lo;
        arg += 2;
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_CONTROLLER(char *arg, const struct ofpact_parse_params *pp)
{
    enum ofp_packet_in_reason reason = OFPR_ACTION;
    uint16_t controller_id = 0;
    uint16_t max_len = UINT16_MAX;
    uint32_t meter_id = NX_CTLR_NO_METER;
    const char *userdata = NULL;
    bool pause = false;

    if (!arg[0]) {
        /* Use defaults. */
    } else if (strspn(arg, "0123456789") == strlen(arg)) {
        char *error = str_to_u16(arg, "max_len", &max_len);

        if (error) {
            return error;
        }
    } else {
        char *name, *value;

        while (ofputil_parse_key_value(&arg, &name, &value)) {
            char *error = NULL;

            if (!strcmp(name, "reason")) {
                uint8_t r;

                if (!parse_packet_in_reason(value, &r)) {
                    return xasprintf("unknown reason \"%s\"", value);
                }
                reason = r;
            } else if (!strcmp(name, "max_len")) {
                error = str_to_u16(value, "max_len", &max_len);
            } else if (!strcmp(name, "id")) {
                error = str_to_u16(value, "id", &controller_id);
            } else if (!strcmp(name, "userdata")) {
                userdata = value;
            } else if (!strcmp(name, "pause")) {
                pause = true;
            } else if (!strcmp(name, "meter_id")) {
                error = str_to_u32(value, &meter_id);
            } else {
                return xasprintf("unknown key \"%s\" parsing controller "
                                 "action", name);
            }
            if (error) {
                return error;
            }
        }
    }

    if (reason == OFPR_ACTION && controller_id == 0 && !userdata && !pause
        && meter_id == NX_CTLR_NO_METER) {
        struct ofpact_output *output = ofpact_put_OUTPUT(pp->ofpacts);

        output->port = OFPP_CONTROLLER;
        output->max_len = max_len;
    } else {
        struct ofpact_controller *controller;
        size_t start = pp->ofpacts->size;

        controller = ofpact_put_CONTROLLER(pp->ofpacts);
        controller->max_len = max_len;
        controller->reason = reason;
        controller->controller_id = controller_id;
        controller->pause = pause;
        controller->meter_id = meter_id;
        if (userdata) {
            size_t before = pp->ofpacts->size;
            char *error = parse_hex_bytes(userdata, "userdata", pp->ofpacts);

            if (error) {
                return error;
            }
            controller = ofpbuf_at_assert(pp->ofpacts, start,
                                          sizeof *controller);
            controller->userdata_len = pp->ofpacts->size - before;
        }
        controller = ofpbuf_at_assert(pp->ofpacts, start, sizeof *controller);
        pp->ofpacts->header = controller;
        ofpact_finish_CONTROLLER(pp->ofpacts, &controller);
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_ENQUEUE(char *arg, const struct ofpact_parse_params *pp)
{
    char *sp = NULL;
    char *port = strtok_r(arg, ":q,", &sp);
    char *queue = strtok_r(NULL, "", &sp);
    struct ofpact_enqueue *enqueue;

    if (port == NULL || queue == NULL) {
        return xstrdup("\"enqueue\" syntax is \"enqueue:PORT:QUEUE\" or "
                       "\"enqueue(PORT,QUEUE)\"");
    }
    enqueue = ofpact_put_ENQUEUE(pp->ofpacts);
    if (!parse_port(port, pp->port_map, &enqueue->port)) {
        return xasprintf("%s: enqueue to unknown port", port);
    }
    return str_to_u32(queue, &enqueue->queue);
}

static char * OVS_WARN_UNUSED_RESULT
parse_OUTPUT_REG(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_OUTPUT(arg, pp);
}

static char * OVS_WARN_UNUSED_RESULT
parse_OUTPUT_TRUNC(char *arg OVS_UNUSED,
                   const struct ofpact_parse_params *pp OVS_UNUSED)
{
    /* Parsed by parse_OUTPUT(). */
    return xstrdup("unknown action output_trunc");
}

static char * OVS_WARN_UNUSED_RESULT
parse_BUNDLE(char *arg, const struct ofpact_parse_params *pp)
{
    return bundle_parse(arg, pp->port_map, pp->ofpacts);
}

static char * OVS_WARN_UNUSED_RESULT
parse_bundle_load(char *arg, const struct ofpact_parse_params *pp)
{
    return bundle_parse_load(arg, pp->port_map, pp->ofpacts);
}

/* Builds an OFPACT_SET_FIELD in 'ofpacts'. */
struct ofpact_set_field *
ofpact_put_set_field(struct ofpbuf *ofpacts, const struct mf_field *field,
                     const void *value, const void *mask)
{
    struct ofpact_set_field *sf = ofpact_put_SET_FIELD(ofpacts);
    uint8_t *v, *m;

    sf->field = field;
    v = ofpbuf_put_zeros(ofpacts, 2 * field->n_bytes);
    m = v + field->n_bytes;
    if (value) {
        memcpy(v, value, field->n_bytes);
    }
    if (mask) {
        memcpy(m, mask, field->n_bytes);
    } else {
        memset(m, 0xff, field->n_bytes);
    }
    for (size_t i = 0; i < field->n_bytes; i++) {
        v[i] &= m[i];
    }
    sf = ofpacts->header;
    ofpact_finish_SET_FIELD(ofpacts, &sf);
    return sf;
}

struct ofpact_set_field *
ofpact_put_reg_load(struct ofpbuf *ofpacts, const struct mf_field *field,
                    const void *value, const void *mask)
{
    struct ofpact_set_field *sf = ofpact_put_set_field(ofpacts, field, value,
                                                       mask);

    sf->ofpact.raw = NXAST_RAW_REG_LOAD;
    return sf;
}

struct ofpact_set_field *
ofpact_put_reg_load2(struct ofpbuf *ofpacts, const struct mf_field *field,
                     const void *value, const void *mask)
{
    struct ofpact_set_field *sf = ofpact_put_set_field(ofpacts, field, value,
                                                       mask);

    sf->ofpact.raw = NXAST_RAW_REG_LOAD2;
    return sf;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_FIELD(char *arg, const struct ofpact_parse_params *pp)
{
    union mf_value value, mask;
    const struct mf_field *field;
    char *delim, *error;

    delim = strstr(arg, "->");
    if (!delim) {
        return xasprintf("%s: missing `->'", arg);
    }
    if (strlen(delim) <= strlen("->")) {
        return xasprintf("%s: missing field name following `->'", arg);
    }
    *delim = '\0';
    field = mf_from_name(delim + 2);
    if (!field) {
        return xasprintf("%s is not a valid OXM field name", delim + 2);
    }
    if (!field->writable) {
        return xasprintf("%s is read-only", delim + 2);
    }
    error = mf_parse(field, arg, pp->port_map, &value, &mask);
    if (error) {
        return error;
    }
    if (!mf_is_value_valid(field, &value)) {
        return xasprintf("%s is not a valid value for field %s", arg,
                         delim + 2);
    }
    restrict_protocols(pp, (bytes_are_ones(&mask, field->n_bytes)
                            ? field->usable_protocols_exact
                            : field->usable_protocols_bitwise));
    ofpact_put_set_field(pp->ofpacts, field, &value, &mask);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_reg_load(char *arg, const struct ofpact_parse_params *pp)
{
    union mf_value value, mask;
    struct mf_subfield dst;
    uint8_t src[128];
    char *full_arg = xstrdup(arg);
    char *delim, *error;

    delim = strstr(arg, "->");
    if (!delim) {
        error = xasprintf("%s: missing `->'", full_arg);
        goto exit;
    }
    *delim = '\0';
    error = ofp_parse_big_number(arg, src, sizeof src,
                                 "bad syntax for load value");
    if (error) {
        goto exit;
    }
    error = mf_parse_subfield(&dst, delim + 2);
    if (error) {
        goto exit;
    }
    for (unsigned int i = dst.n_bits; i < sizeof src * 8; i++) {
        if (bits_get(src, sizeof src, i)) {
            error = xasprintf("%s: value %s does not fit into %d bits",
                              full_arg, arg, dst.n_bits);
            goto exit;
        }
    }
    if (!dst.field->writable) {
        error = xasprintf("%s: destination field %s is not writable",
                          full_arg, dst.field->name);
        goto exit;
    }
    memset(&value, 0, sizeof value);
    memset(&mask, 0, sizeof mask);
    bits_place(src, sizeof src, dst.ofs, dst.n_bits, value.b, mask.b,
               dst.field->n_bytes);
    ofpact_put_reg_load(pp->ofpacts, dst.field, &value, &mask);
exit:
    free(full_arg);
    return error;
}

/* Parses a VLAN VID for "mod_vlan_vid" ('push') or "set_vlan_vid". */
static char * OVS_WARN_UNUSED_RESULT
parse_set_vlan_vid(char *arg, bool push, const struct ofpact_parse_params *pp)
{
    struct ofpact_vlan_vid *vlan_vid;
    uint16_t vid;
    char *error;

    error = str_to_u16(arg, "VLAN VID", &vid);
    if (error) {
        return error;
    }
    if (vid & ~0xfff) {
        return xasprintf("%s: not a valid VLAN VID", arg);
    }
    vlan_vid = ofpact_put_SET_VLAN_VID(pp->ofpacts);
    vlan_vid->vlan_vid = vid;
    vlan_vid->push_vlan_if_needed = push;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_VLAN_VID(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_vlan_vid(arg, false, pp);
}

/* Parses a VLAN PCP for "mod_vlan_pcp" ('push') or "set_vlan_pcp". */
static char * OVS_WARN_UNUSED_RESULT
parse_set_vlan_pcp(char *arg, bool push, const struct ofpact_parse_params *pp)
{
    struct ofpact_vlan_pcp *vlan_pcp;
    uint8_t pcp;
    char *error;

    error = str_to_u8(arg, "VLAN PCP", &pcp);
    if (error) {
        return error;
    }
    if (pcp & ~7) {
        return xasprintf("%s: not a valid VLAN PCP", arg);
    }
    vlan_pcp = ofpact_put_SET_VLAN_PCP(pp->ofpacts);
    vlan_pcp->vlan_pcp = pcp;
    vlan_pcp->push_vlan_if_needed = push;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_VLAN_PCP(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_vlan_pcp(arg, false, pp);
}

static char * OVS_WARN_UNUSED_RESULT
parse_STRIP_VLAN(char *arg OVS_UNUSED, const struct ofpact_parse_params *pp)
{
    ofpact_put_STRIP_VLAN(pp->ofpacts)->ofpact.raw = OFPAT_RAW10_STRIP_VLAN;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_pop_vlan(const struct ofpact_parse_params *pp)
{
    ofpact_put_STRIP_VLAN(pp->ofpacts)->ofpact.raw = OFPAT_RAW11_POP_VLAN;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_PUSH_VLAN(char *arg, const struct ofpact_parse_params *pp)
{
    uint16_t ethertype;
    char *error;

    restrict_protocols(pp, OFPUTIL_P_OF11_UP);
    error = str_to_u16(arg, "ethertype", &ethertype);
    if (error) {
        return error;
    }
    if (ethertype != ETH_TYPE_VLAN_8021Q
        && ethertype != ETH_TYPE_VLAN_8021AD) {
        return xasprintf("%s: not a valid VLAN ethertype", arg);
    }
    ofpact_put_PUSH_VLAN(pp->ofpacts)->ethertype = htons(ethertype);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_ETH_SRC(char *arg, const struct ofpact_parse_params *pp)
{
    return str_to_mac(arg, &ofpact_put_SET_ETH_SRC(pp->ofpacts)->mac);
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_ETH_DST(char *arg, const struct ofpact_parse_params *pp)
{
    return str_to_mac(arg, &ofpact_put_SET_ETH_DST(pp->ofpacts)->mac);
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_IPV4_SRC(char *arg, const struct ofpact_parse_params *pp)
{
    return str_to_ip(arg, &ofpact_put_SET_IPV4_SRC(pp->ofpacts)->ipv4);
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_IPV4_DST(char *arg, const struct ofpact_parse_params *pp)
{
    return str_to_ip(arg, &ofpact_put_SET_IPV4_DST(pp->ofpacts)->ipv4);
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_IP_DSCP(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t tos;
    char *error;

    error = str_to_u8(arg, "TOS", &tos);
    if (error) {
        return error;
    }
    if (tos & ~IP_DSCP_MASK) {
        return xasprintf("%s: not a valid TOS", arg);
    }
    ofpact_put_SET_IP_DSCP(pp->ofpacts)->dscp = tos;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_IP_ECN(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t ecn;
    char *error;

    error = str_to_u8(arg, "ECN", &ecn);
    if (error) {
        return error;
    }
    if (ecn & ~IP_ECN_MASK) {
        return xasprintf("%s: not a valid ECN", arg);
    }
    ofpact_put_SET_IP_ECN(pp->ofpacts)->ecn = ecn;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_IP_TTL(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t ttl;
    char *error;

    error = str_to_u8(arg, "TTL", &ttl);
    if (error) {
        return error;
    }
    ofpact_put_SET_IP_TTL(pp->ofpacts)->ttl = ttl;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_L4_SRC_PORT(char *arg, const struct ofpact_parse_params *pp)
{
    return str_to_u16(arg, "source port",
                      &ofpact_put_SET_L4_SRC_PORT(pp->ofpacts)->port);
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_L4_DST_PORT(char *arg, const struct ofpact_parse_params *pp)
{
    return str_to_u16(arg, "destination port",
                      &ofpact_put_SET_L4_DST_PORT(pp->ofpacts)->port);
}

static char * OVS_WARN_UNUSED_RESULT
parse_REG_MOVE(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_reg_move *move = ofpact_put_REG_MOVE(pp->ofpacts);
    char *full_arg = xstrdup(arg);
    char *delim, *error;

    delim = strstr(arg, "->");
    if (!delim) {
        error = xasprintf("%s: missing `->' following source", full_arg);
        goto exit;
    }
    *delim = '\0';
    error = mf_parse_subfield(&move->src, arg);
    if (!error) {
        error = mf_parse_subfield(&move->dst, delim + 2);
    }
    if (!error && move->src.n_bits != move->dst.n_bits) {
        error = xasprintf("%s: source field is %d bits wide but destination "
                          "is %d bits wide", full_arg, move->src.n_bits,
                          move->dst.n_bits);
    }
exit:
    free(full_arg);
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_STACK_PUSH(char *arg, const struct ofpact_parse_params *pp)
{
    return mf_parse_subfield(&ofpact_put_STACK_PUSH(pp->ofpacts)->subfield,
                             arg);
}

static char * OVS_WARN_UNUSED_RESULT
parse_STACK_POP(char *arg, const struct ofpact_parse_params *pp)
{
    return mf_parse_subfield(&ofpact_put_STACK_POP(pp->ofpacts)->subfield,
                             arg);
}

static char * OVS_WARN_UNUSED_RESULT
parse_DEC_TTL(char *arg, const struct ofpact_parse_params *pp)
{
    if (*arg == '\0') {
        put_dec_ttl_default(pp->ofpacts);
    } else {
        struct ofpact_cnt_ids *ids;
        char *cntr, *save_ptr = NULL;
        size_t start = pp->ofpacts->size;
        unsigned int n = 0;

        ids = ofpact_put_DEC_TTL(pp->ofpacts);
        ids->ofpact.raw = NXAST_RAW_DEC_TTL_CNT_IDS;
        for (cntr = strtok_r(arg, ", ", &save_ptr); cntr != NULL;
             cntr = strtok_r(NULL, ", ", &save_ptr)) {
            uint16_t id = atoi(cntr);

            ofpbuf_put(pp->ofpacts, &id, sizeof id);
            n++;
        }
        ids = ofpbuf_at_assert(pp->ofpacts, start, sizeof *ids);
        ids->n_controllers = n;
        pp->ofpacts->header = ids;
        ofpact_finish_DEC_TTL(pp->ofpacts, &ids);
        if (!n) {
            return xstrdup("dec_ttl_cnt_ids: expected at least one "
                           "controller id.");
        }
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_MPLS_LABEL(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_mpls_label *mpls_label;
    uint32_t label;
    char *error;

    if (*arg == '\0') {
        return xstrdup("set_mpls_label: expected label.");
    }
    error = str_to_u32(arg, &label);
    if (error) {
        return error;
    }
    mpls_label = ofpact_put_SET_MPLS_LABEL(pp->ofpacts);
    mpls_label->label = htonl(label);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_MPLS_TC(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t tc;
    char *error;

    if (*arg == '\0') {
        return xstrdup("set_mpls_tc: expected tc.");
    }
    error = str_to_u8(arg, "MPLS TC", &tc);
    if (error) {
        return error;
    }
    ofpact_put_SET_MPLS_TC(pp->ofpacts)->tc = tc;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_MPLS_TTL(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t ttl;
    char *error;

    if (*arg == '\0') {
        return xstrdup("set_mpls_ttl: expected ttl.");
    }
    error = str_to_u8(arg, "MPLS TTL", &ttl);
    if (error) {
        return error;
    }
    ofpact_put_SET_MPLS_TTL(pp->ofpacts)->ttl = ttl;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_DEC_MPLS_TTL(char *arg OVS_UNUSED, const struct ofpact_parse_params *pp)
{
    ofpact_put_DEC_MPLS_TTL(pp->ofpacts);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_PUSH_MPLS(char *arg, const struct ofpact_parse_params *pp)
{
    uint16_t ethertype;
    char *error;

    error = str_to_u16(arg, "push_mpls", &ethertype);
    if (!error) {
        ofpact_put_PUSH_MPLS(pp->ofpacts)->ethertype = htons(ethertype);
    }
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_POP_MPLS(char *arg, const struct ofpact_parse_params *pp)
{
    uint16_t ethertype;
    char *error;

    error = str_to_u16(arg, "pop_mpls", &ethertype);
    if (!error) {
        ofpact_put_POP_MPLS(pp->ofpacts)->ethertype = htons(ethertype);
    }
    return error;
}

/* Parses "set_tunnel" or, if 'tun64', "set_tunnel64". */
static char * OVS_WARN_UNUSED_RESULT
parse_set_tunnel(char *arg, bool tun64, const struct ofpact_parse_params *pp)
{
    struct ofpact_tunnel *tunnel = ofpact_put_SET_TUNNEL(pp->ofpacts);

    tunnel->ofpact.raw = tun64 ? NXAST_RAW_SET_TUNNEL64 : 0;
    return str_to_u64(arg, &tunnel->tun_id);
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_TUNNEL(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_tunnel(arg, false, pp);
}

static char * OVS_WARN_UNUSED_RESULT
parse_SET_QUEUE(char *arg, const struct ofpact_parse_params *pp)
{
    return str_to_u32(arg, &ofpact_put_SET_QUEUE(pp->ofpacts)->queue_id);
}

static char * OVS_WARN_UNUSED_RESULT
parse_POP_QUEUE(char *arg OVS_UNUSED, const struct ofpact_parse_params *pp)
{
    ofpact_put_POP_QUEUE(pp->ofpacts);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_FIN_TIMEOUT(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_fin_timeout *oft = ofpact_put_FIN_TIMEOUT(pp->ofpacts);
    char *key, *value;

    while (ofputil_parse_key_value(&arg, &key, &value)) {
        char *error;

        if (!strcmp(key, "idle_timeout")) {
            error = str_to_u16(value, key, &oft->fin_idle_timeout);
        } else if (!strcmp(key, "hard_timeout")) {
            error = str_to_u16(value, key, &oft->fin_hard_timeout);
        } else {
            error = xasprintf("invalid key '%s' in 'fin_timeout' argument",
                              key);
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_RESUBMIT(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_resubmit *resubmit;
    char *in_port_s, *table_s, *ct_s;

    resubmit = ofpact_put_RESUBMIT(pp->ofpacts);

    in_port_s = strsep(&arg, ",");
    if (in_port_s && in_port_s[0]) {
        if (!parse_port(in_port_s, pp->port_map, &resubmit->in_port)) {
            return xasprintf("%s: resubmit to unknown port", in_port_s);
        }
    } else {
        resubmit->in_port = OFPP_IN_PORT;
    }

    table_s = strsep(&arg, ",");
    if (table_s && table_s[0]) {
        if (!parse_table(table_s, pp->table_map, &resubmit->table_id)) {
            return xasprintf("%s: resubmit to unknown table", table_s);
        }
    } else {
        resubmit->table_id = 255;
    }

    ct_s = strsep(&arg, ",");
    if (ct_s && ct_s[0]) {
        if (strcmp(ct_s, "ct")) {
            return xasprintf("%s: unknown parameter", ct_s);
        }
        resubmit->with_ct_orig = true;
    } else {
        resubmit->with_ct_orig = false;
    }

    if (resubmit->in_port == OFPP_IN_PORT && resubmit->table_id == 255) {
        return xstrdup("at least one \"in_port\" or \"table\" must be "
                       "specified on resubmit");
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_LEARN(char *arg, const struct ofpact_parse_params *pp)
{
    return learn_parse(arg, pp->port_map, pp->table_map, pp->ofpacts);
}

static char * OVS_WARN_UNUSED_RESULT
parse_CONJUNCTION(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t n_clauses;
    uint8_t clause;
    uint32_t id;
    int n;

    if (!ovs_scan_conjunction(arg, &id, &clause, &n_clauses, &n)
        || n != strlen(arg)) {
        return xstrdup("\"conjunction\" syntax is \"conjunction(id,i/n)\"");
    }
    if (n_clauses < 2) {
        return xstrdup("conjunction must have at least 2 clauses");
    } else if (n_clauses > 64) {
        return xstrdup("conjunction must have at most 64 clauses");
    } else if (clause < 1) {
        return xstrdup("clause index must be positive");
    } else if (clause > n_clauses) {
        return xstrdup("clause index must be less than or equal to "
                       "number of clauses");
    }

    struct ofpact_conjunction *oc = ofpact_put_CONJUNCTION(pp->ofpacts);
    oc->id = id;
    oc->clause = clause - 1;
    oc->n_clauses = n_clauses;
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_MULTIPATH(char *arg, const struct ofpact_parse_params *pp)
{
    return multipath_parse(ofpact_put_MULTIPATH(pp->ofpacts), arg);
}

static char * OVS_WARN_UNUSED_RESULT
parse_NOTE(char *arg, const struct ofpact_parse_params *pp)
{
    size_t start = pp->ofpacts->size;
    struct ofpact_note *note = ofpact_put_NOTE(pp->ofpacts);
    size_t before = pp->ofpacts->size;
    char *error;

    (void) note;
    error = parse_hex_bytes(arg, "note", pp->ofpacts);
    if (error) {
        return error;
    }
    note = ofpbuf_at_assert(pp->ofpacts, start, sizeof *note);
    note->length = pp->ofpacts->size - before;
    pp->ofpacts->header = note;
    ofpact_finish_NOTE(pp->ofpacts, &note);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_EXIT(char *arg OVS_UNUSED, const struct ofpact_parse_params *pp)
{
    ofpact_put_EXIT(pp->ofpacts);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_SAMPLE(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_sample *os = ofpact_put_SAMPLE(pp->ofpacts);
    char *key, *value;

    os->sampling_port = OFPP_NONE;
    os->direction = NX_ACTION_SAMPLE_DEFAULT;
    while (ofputil_parse_key_value(&arg, &key, &value)) {
        char *error = NULL;

        if (!strcmp(key, "probability")) {
            error = str_to_u16(value, "probability", &os->probability);
            if (!error && os->probability == 0) {
                error = xasprintf("invalid probability value \"%s\"",
                                  value);
            }
        } else if (!strcmp(key, "collector_set_id")) {
            error = str_to_u32(value, &os->collector_set_id);
        } else if (!strcmp(key, "obs_domain_id")) {
            error = str_to_u32(value, &os->obs_domain_id);
        } else if (!strcmp(key, "obs_point_id")) {
            error = str_to_u32(value, &os->obs_point_id);
        } else if (!strcmp(key, "sampling_port")) {
            if (!parse_port(value, pp->port_map, &os->sampling_port)) {
                error = xasprintf("%s: unknown port", value);
            }
        } else if (!strcmp(key, "ingress")) {
            os->direction = NX_ACTION_SAMPLE_INGRESS;
        } else if (!strcmp(key, "egress")) {
            os->direction = NX_ACTION_SAMPLE_EGRESS;
        } else {
            error = xasprintf("invalid key \"%s\" in \"sample\" argument",
                              key);
        }
        if (error) {
            return error;
        }
    }
    if (os->probability == 0) {
        return xstrdup("non-zero \"probability\" must be specified on "
                       "sample");
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_UNROLL_XLATE(char *arg OVS_UNUSED,
                   const struct ofpact_parse_params *pp OVS_UNUSED)
{
    return xstrdup("UNROLL is an internal action that shouldn't be used via "
                   "OpenFlow");
}

/* Parses a NAT address range "ADDR[-ADDR][:PORT[-PORT]]" into 'on'. */
static char * OVS_WARN_UNUSED_RESULT
parse_nat_range(char *s, struct ofpact_nat *on)
{
    char *ports = NULL;
    char *addr2;

    if (*s == '[') {
        char *end = strchr(s, ']');

        if (!end) {
            return xasprintf("%s: missing ']'", s);
        }
        *end = '\0';
        s++;
        if (end[1] == ':') {
            ports = end + 2;
        } else if (end[1]) {
            return xasprintf("%s: trailing garbage", end + 1);
        }
    } else if (!strchr(s, ':') || strchr(s, '.')) {
        ports = strchr(s, ':');
        if (ports) {
            *ports++ = '\0';
        }
    }

    addr2 = strchr(s, '-');
    if (addr2) {
        *addr2++ = '\0';
    }
    if (inet_pton(AF_INET, s, &on->range.addr.ipv4.min) == 1) {
        on->range_af = AF_INET;
        if (addr2 && inet_pton(AF_INET, addr2, &on->range.addr.ipv4.max)
            != 1) {
            return xasprintf("%s: invalid IP address", addr2);
        }
    } else if (inet_pton(AF_INET6, s, &on->range.addr.ipv6.min) == 1) {
        on->range_af = AF_INET6;
        if (addr2 && inet_pton(AF_INET6, addr2, &on->range.addr.ipv6.max)
            != 1) {
            return xasprintf("%s: invalid IPv6 address", addr2);
        }
    } else {
        return xasprintf("%s: invalid IP address", s);
    }

    if (ports) {
        char *port2 = strchr(ports, '-');
        unsigned int p;

        if (port2) {
            *port2++ = '\0';
        }
        if (!str_to_uint(ports, 10, &p) || p > UINT16_MAX) {
            return xasprintf("%s: invalid port", ports);
        }
        on->range.proto.min = p;
        if (port2) {
            if (!str_to_uint(port2, 10, &p) || p > UINT16_MAX) {
                return xasprintf("%s: invalid port", port2);
            }
            on->range.proto.max = p;
        }
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_NAT(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_nat *on = ofpact_put_NAT(pp->ofpacts);
    char *key, *value;

    on->flags = 0;
    on->range_af = AF_UNSPEC;
    while (ofputil_parse_key_value(&arg, &key, &value)) {
        char *error = NULL;

        if (!strcmp(key, "src")) {
            on->flags |= NX_NAT_F_SRC;
            error = parse_nat_range(value, on);
        } else if (!strcmp(key, "dst")) {
            on->flags |= NX_NAT_F_DST;
            error = parse_nat_range(value, on);
        } else if (!strcmp(key, "persistent")) {
            on->flags |= NX_NAT_F_PERSISTENT;
        } else if (!strcmp(key, "hash")) {
            on->flags |= NX_NAT_F_PROTO_HASH;
        } else if (!strcmp(key, "random")) {
            on->flags |= NX_NAT_F_PROTO_RANDOM;
        } else {
            error = xasprintf("invalid key \"%s\" in \"nat\" argument", key);
        }
        if (error) {
            return error;
        }
    }
    if (on->flags & NX_NAT_F_SRC && on->flags & NX_NAT_F_DST) {
        return xasprintf("May only specify one of \"src\" or \"dst\".");
    }
    if (!(on->flags & (NX_NAT_F_SRC | NX_NAT_F_DST))) {
        if (on->flags) {
            return xasprintf("Flags allowed only with \"src\" or \"dst\".");
        }
        if (on->range_af != AF_UNSPEC) {
            return xasprintf("Range allowed only with \"src\" or \"dst\".");
        }
    }
    if (on->flags & NX_NAT_F_PROTO_HASH && on->flags & NX_NAT_F_PROTO_RANDOM) {
        return xasprintf("Both \"hash\" and \"random\" are not allowed.");
    }
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_CT(char *arg, const struct ofpact_parse_params *pp)
{
    const size_t ct_offset = pp->ofpacts->size;
    struct ofpact_conntrack *oc;
    char *error = NULL;
    char *key, *value;

    oc = ofpact_put_CT(pp->ofpacts);
    oc->flags = 0;
    oc->recirc_table = NX_CT_RECIRC_NONE;
    while (ofputil_parse_key_value(&arg, &key, &value)) {
        if (!strcmp(key, "commit")) {
            oc->flags |= NX_CT_F_COMMIT;
        } else if (!strcmp(key, "force")) {
            oc->flags |= NX_CT_F_FORCE;
        } else if (!strcmp(key, "table")) {
            if (!parse_table(value, pp->table_map, &oc->recirc_table)) {
                error = xasprintf("unknown table %s", value);
            } else if (oc->recirc_table == NX_CT_RECIRC_NONE) {
                error = xasprintf("invalid table %#"PRIx8,
                                  oc->recirc_table);
            }
        } else if (!strcmp(key, "zone")) {
            error = str_to_u16(value, "zone", &oc->zone_imm);
            if (error) {
                free(error);
                error = mf_parse_subfield(&oc->zone_src, value);
                if (error) {
                    return error;
                }
            }
        } else if (!strcmp(key, "alg")) {
            if (!strcmp(value, "ftp")) {
                oc->alg = OFPACT_CT_ALG_FTP;
            } else if (!strcmp(value, "tftp")) {
                oc->alg = OFPACT_CT_ALG_TFTP;
            } else {
                error = str_to_u16(value, "alg", &oc->alg);
            }
        } else if (!strcmp(key, "nat")) {
            const size_t nat_offset = pp->ofpacts->size;

            error = parse_NAT(value, pp);
            /* Update CT action pointer and length. */
            pp->ofpacts->header = ofpbuf_at_assert(pp->ofpacts, ct_offset,
                                                   sizeof *oc);
            oc = pp->ofpacts->header;
            (void) nat_offset;
        } else if (!strcmp(key, "exec")) {
            size_t exec_offset = pp->ofpacts->size;
            struct ofpact_parse_params pp2 = *pp;

            pp2.depth++;
            if (pp2.depth > MAX_OFPACT_PARSE_DEPTH) {
                return xasprintf("action list is too deep");
            }
            error = ofpacts_parse__(value, &pp2, false, OFPACT_CT);
            oc = ofpbuf_at_assert(pp->ofpacts, ct_offset, sizeof *oc);
            pp->ofpacts->header = oc;
            (void) exec_offset;
        } else {
            error = xasprintf("invalid argument to \"ct\" action: `%s'",
                              key);
        }
        if (error) {
            break;
        }
    }
    if (!error && oc->flags & NX_CT_F_FORCE
        && !(oc->flags & NX_CT_F_COMMIT)) {
        error = xasprintf("\"force\" flag requires \"commit\" flag.");
    }
    oc = ofpbuf_at_assert(pp->ofpacts, ct_offset, sizeof *oc);
    pp->ofpacts->header = oc;
    ofpact_finish_CT(pp->ofpacts, &oc);
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_CT_CLEAR(char *arg OVS_UNUSED, const struct ofpact_parse_params *pp)
{
    ofpact_put_CT_CLEAR(pp->ofpacts);
    return NULL;
}

/* Parses the nested actions of "clone" or "write_actions". */
static char * OVS_WARN_UNUSED_RESULT
parse_nest(char *arg, enum ofpact_type type,
           const struct ofpact_parse_params *pp)
{
    const size_t ofs = pp->ofpacts->size;
    struct ofpact_parse_params pp2 = *pp;
    struct ofpact_nest *on;
    char *error;

    ofpact_put(pp->ofpacts, type, OFPACT_CLONE_SIZE);
    pp2.depth++;
    if (pp2.depth > MAX_OFPACT_PARSE_DEPTH) {
        return xasprintf("action list is too deep");
    }
    error = ofpacts_parse__(arg, &pp2, false, type);
    on = ofpbuf_at_assert(pp->ofpacts, ofs, sizeof *on);
    pp->ofpacts->header = on;
    on = ALIGNED_CAST(struct ofpact_nest *,
                      ofpact_finish(pp->ofpacts, &on->ofpact));
    if (!error && type == OFPACT_WRITE_ACTIONS) {
        const struct ofpact *a;

        OFPACT_FOR_EACH (a, on->actions, ofpact_nest_get_action_len(on)) {
            if (!ofpact_is_allowed_in_actions_set(a)) {
                return xasprintf("%s action not allowed in write_actions",
                                 ofpact_name(a->type));
            }
        }
    }
    return error;
}

static char * OVS_WARN_UNUSED_RESULT
parse_CLONE(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_nest(arg, OFPACT_CLONE, pp);
}

static char * OVS_WARN_UNUSED_RESULT
parse_METER(char *arg, const struct ofpact_parse_params *pp)
{
    restrict_protocols(pp, OFPUTIL_P_OF13_UP);
    return str_to_u32(arg, &ofpact_put_METER(pp->ofpacts)->meter_id);
}

static char * OVS_WARN_UNUSED_RESULT
parse_CLEAR_ACTIONS(char *arg OVS_UNUSED,
                    const struct ofpact_parse_params *pp)
{
    ofpact_put_CLEAR_ACTIONS(pp->ofpacts);
    return NULL;
}

static char * OVS_WARN_UNUSED_RESULT
parse_WRITE_ACTIONS(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_nest(arg, OFPACT_WRITE_ACTIONS, pp);
}

static char * OVS_WARN_UNUSED_RESULT
parse_WRITE_METADATA(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_metadata *om;
    char *mask = strchr(arg, '/');
    char *error;

    restrict_protocols(pp, OFPUTIL_P_NXM_OF11_UP);
    om = ofpact_put_WRITE_METADATA(pp->ofpacts);
    if (mask) {
        *mask = '\0';
        error = str_to_be64(mask + 1, &om->mask);
        if (error) {
            return error;
        }
    } else {
        om->mask = UINT64_MAX;
    }
    return str_to_be64(arg, &om->metadata);
}

static char * OVS_WARN_UNUSED_RESULT
parse_GOTO_TABLE(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_goto_table *ogt = ofpact_put_GOTO_TABLE(pp->ofpacts);

    if (!parse_table(arg, pp->table_map, &ogt->table_id)) {
        return xasprintf("unknown table \"%s\"", arg);
    }
    return NULL;
}

char *
ofpact_parse(enum ofpact_type type, char *value,
             const struct ofpact_parse_params *pp)
{
    switch (type) {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    case OFPACT_##ENUM:                                                 \
        return parse_##ENUM(value, pp);
        OFPACTS
#undef OFPACT
    default:
        OVS_NOT_REACHED();
    }
}

bool
ofpact_type_from_name(const char *name, enum ofpact_type *type)
{
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    if (!strcasecmp(name, NAME)) {                                      \
        *type = OFPACT_##ENUM;                                          \
        return true;                                                    \
    }
    OFPACTS
#undef OFPACT

    return false;
}

/* Parses one action or instruction named 'key' with argument 'value'. */
static char * OVS_WARN_UNUSED_RESULT
ofpact_parse_key_value(char *key, char *value, bool *drop,
                       const struct ofpact_parse_params *pp)
{
    enum ofpact_type type;
    ofp_port_t port;

    if (ofpact_type_from_name(key, &type)) {
        return ofpact_parse(type, value, pp);
    } else if (!strcasecmp(key, "mod_vlan_vid")) {
        return parse_set_vlan_vid(value, true, pp);
    } else if (!strcasecmp(key, "mod_vlan_pcp")) {
        return parse_set_vlan_pcp(value, true, pp);
    } else if (!strcasecmp(key, "set_nw_ttl")) {
        return parse_SET_IP_TTL(value, pp);
    } else if (!strcasecmp(key, "pop_vlan")) {
        return parse_pop_vlan(pp);
    } else if (!strcasecmp(key, "set_tunnel64")) {
        return parse_set_tunnel(value, true, pp);
    } else if (!strcasecmp(key, "load")) {
        return parse_reg_load(value, pp);
    } else if (!strcasecmp(key, "bundle_load")) {
        return parse_bundle_load(value, pp);
    } else if (!strcasecmp(key, "drop")) {
        *drop = true;
        return NULL;
    } else if (!strcasecmp(key, "apply_actions")) {
        return xstrdup("apply_actions is the default instruction");
    } else if (parse_port(key, pp->port_map, &port)) {
        struct ofpact_output *output = ofpact_put_OUTPUT(pp->ofpacts);

        output->port = port;
        output->max_len = output->port == OFPP_CONTROLLER ? UINT16_MAX : 0;
        return NULL;
    } else {
        return xasprintf("unknown action %s", key);
    }
}

/* Parses 'str' into 'pp->ofpacts', which are nested in 'outer_action' (0
 * at top level). */
static char * OVS_WARN_UNUSED_RESULT
ofpacts_parse__(char *str, const struct ofpact_parse_params *pp,
                bool allow_instructions, enum ofpact_type outer_action)
{
    size_t orig_size = pp->ofpacts->size;
    bool drop = false;
    char *key, *value;
    char *pos = str;
    enum ofperr retval;
    char *error;

    while (ofputil_parse_key_value(&pos, &key, &value)) {
        error = ofpact_parse_key_value(key, value, &drop, pp);
        if (error) {
            pp->ofpacts->size = orig_size;
            return error;
        }
    }
    ofpact_pad(pp->ofpacts);

    if (drop && pp->ofpacts->size > orig_size) {
        pp->ofpacts->size = orig_size;
        return xstrdup("\"drop\" must not be accompanied by any other action "
                       "or instruction");
    }

    retval = ofpacts_verify((const struct ofpact *)
                            ((uint8_t *) pp->ofpacts->data + orig_size),
                            pp->ofpacts->size - orig_size, OFP11_VERSION,
                            (allow_instructions
                             ? (1u << N_OVS_INSTRUCTIONS) - 1
                             : ((1u << OVSINST_OFPIT11_APPLY_ACTIONS)
                                | (1u << OVSINST_OFPIT13_METER))),
                            outer_action, &error);
    if (retval) {
        pp->ofpacts->size = orig_size;
        return error ? error : xstrdup("Incorrect instruction ordering");
    }

    if (!allow_instructions) {
        /* In a plain action list (a group bucket, for example) "meter" is
         * OpenFlow 1.5's meter action, not OpenFlow 1.3's instruction. */
        const struct ofpact *a;

        OFPACT_FOR_EACH (a, (const struct ofpact *)
                         ((uint8_t *) pp->ofpacts->data + orig_size),
                         pp->ofpacts->size - orig_size) {
            if (a->type == OFPACT_METER) {
                restrict_protocols(pp, OFPUTIL_P_OF15_UP);
            }
        }
    }
    return NULL;
}

/* Copies 's' and parses it. */
static char * OVS_WARN_UNUSED_RESULT
ofpacts_parse_copy(const char *s_, const struct ofpact_parse_params *pp,
                   bool allow_instructions)
{
    char *s = xstrdup(s_);
    char *error;

    error = ofpacts_parse__(s, pp, allow_instructions, 0);
    free(s);
    return error;
}

char *
ofpacts_parse_actions(const char *s, const struct ofpact_parse_params *pp)
{
    return ofpacts_parse_copy(s, pp, false);
}

char *
ofpacts_parse_instructions(const char *s,
                           const struct ofpact_parse_params *pp)
{
    return ofpacts_parse_copy(s, pp, true);
}

/* Parses "ID,CLAUSE/N_CLAUSES" for "conjunction".  Stores the number of
 * characters consumed in '*n'. */
static bool
ovs_scan_conjunction(const char *s, uint32_t *id, uint8_t *clause,
                     uint8_t *n_clauses, int *n)
{
    unsigned int c, nc;

    *n = 0;
    if (sscanf(s, "%"SCNu32" , %u / %u %n", id, &c, &nc, n) < 3
        || c > UINT8_MAX || nc > UINT8_MAX) {
        return false;
    }
    *clause = c;
    *n_clauses = nc;
    return true;
}

/* Checking ofpacts against a match. */

/* Connection tracking state bits (ct_state). */
#define CT_STATE_INV_ 0x10      /* Invalid connection. */
#define CT_STATE_TRK_ 0x20      /* Tracked. */

/* Records that the actions make sense only for a protocol that tolerates
 * inconsistent matches (OpenFlow 1.0). */
static void
inconsistent_match(enum ofputil_protocol *usable_protocols)
{
    *usable_protocols &= OFPUTIL_P_OF10_ANY;
}

static enum ofperr ofpacts_check__(struct ofpact[], size_t,
                                   struct ofpact_check_params *);

/* Checks one action 'a'. */
static enum ofperr
ofpact_check__(struct ofpact *a, struct ofpact_check_params *cp)
{
    struct match *match = cp->match;
    struct flow *flow = &match->flow;

    switch (a->type) {
    case OFPACT_OUTPUT:
        return ofpact_check_output_port(ofpact_get_OUTPUT(a)->port,
                                        cp->max_ports);

    case OFPACT_OUTPUT_TRUNC: {
        ofp_port_t port = ofpact_get_OUTPUT_TRUNC(a)->port;

        if (port >= OFPP_MAX && port != OFPP_LOCAL && port != OFPP_IN_PORT) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        return ofpact_check_output_port(port, cp->max_ports);
    }

    case OFPACT_ENQUEUE: {
        ofp_port_t port = ofpact_get_ENQUEUE(a)->port;

        if (port >= cp->max_ports && port != OFPP_IN_PORT
            && port != OFPP_LOCAL) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
        return 0;
    }

    case OFPACT_OUTPUT_REG:
        return mf_check_src(&ofpact_get_OUTPUT_REG(a)->src, match);

    case OFPACT_BUNDLE:
        return bundle_check(ofpact_get_BUNDLE(a), cp->max_ports, match);

    case OFPACT_SET_VLAN_VID: {
        struct ofpact_vlan_vid *vv = ofpact_get_SET_VLAN_VID(a);
        ovs_be16 *tci = &flow->vlans[0].tci;

        vv->flow_has_vlan = (*tci & htons(VLAN_CFI)) != 0;
        if (!vv->flow_has_vlan && !vv->push_vlan_if_needed) {
            inconsistent_match(&cp->usable_protocols);
        }
        *tci = htons((ntohs(*tci) & ~0xfff) | VLAN_CFI | vv->vlan_vid);
        return 0;
    }

    case OFPACT_SET_VLAN_PCP: {
        struct ofpact_vlan_pcp *vp = ofpact_get_SET_VLAN_PCP(a);
        ovs_be16 *tci = &flow->vlans[0].tci;

        vp->flow_has_vlan = (*tci & htons(VLAN_CFI)) != 0;
        if (!vp->flow_has_vlan && !vp->push_vlan_if_needed) {
            inconsistent_match(&cp->usable_protocols);
        }
        *tci = htons((ntohs(*tci) & ~0xe000) | VLAN_CFI
                     | (vp->vlan_pcp << 13));
        return 0;
    }

    case OFPACT_STRIP_VLAN:
        if (!(flow->vlans[0].tci & htons(VLAN_CFI))) {
            inconsistent_match(&cp->usable_protocols);
        }
        memmove(&flow->vlans[0], &flow->vlans[1],
                sizeof flow->vlans - sizeof flow->vlans[0]);
        memset(&flow->vlans[FLOW_MAX_VLAN_HEADERS - 1], 0,
               sizeof flow->vlans[0]);
        return 0;

    case OFPACT_PUSH_VLAN:
        if (flow->vlans[FLOW_MAX_VLAN_HEADERS - 1].tci & htons(VLAN_CFI)) {
            /* Support maximum (FLOW_MAX_VLAN_HEADERS) VLAN headers. */
            return OFPERR_OFPBAC_BAD_TAG;
        }
        memmove(&flow->vlans[1], &flow->vlans[0],
                sizeof flow->vlans - sizeof flow->vlans[0]);
        flow->vlans[0].tpid = ofpact_get_PUSH_VLAN(a)->ethertype;
        flow->vlans[0].tci = htons(VLAN_CFI);
        return 0;

    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_ETH_DST:
        return 0;

    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_IPV4_DST:
        if (flow->dl_type != htons(ETH_TYPE_IP)) {
            inconsistent_match(&cp->usable_protocols);
        }
        return 0;

    case OFPACT_SET_IP_DSCP:
    case OFPACT_SET_IP_ECN:
    case OFPACT_SET_IP_TTL:
    case OFPACT_DEC_TTL:
        if (!is_ip_any(flow)) {
            inconsistent_match(&cp->usable_protocols);
        }
        return 0;

    case OFPACT_SET_L4_SRC_PORT:
    case OFPACT_SET_L4_DST_PORT: {
        struct ofpact_l4_port *p = ALIGNED_CAST(struct ofpact_l4_port *, a);

        if (!is_ip_any(flow) || flow->nw_frag & FLOW_NW_FRAG_LATER
            || (flow->nw_proto != IPPROTO_TCP
                && flow->nw_proto != IPPROTO_UDP
                && flow->nw_proto != IPPROTO_SCTP)) {
            inconsistent_match(&cp->usable_protocols);
        }
        p->flow_ip_proto = flow->nw_proto;
        return 0;
    }

    case OFPACT_REG_MOVE: {
        struct ofpact_reg_move *move = ofpact_get_REG_MOVE(a);
        enum ofperr error = mf_check_src(&move->src, match);

        return error ? error : mf_check_dst(&move->dst, match);
    }

    case OFPACT_STACK_PUSH:
        return mf_check_src(&ofpact_get_STACK_PUSH(a)->subfield, match);

    case OFPACT_STACK_POP:
        return mf_check_dst(&ofpact_get_STACK_POP(a)->subfield, match);

    case OFPACT_SET_FIELD: {
        struct ofpact_set_field *sf = ofpact_get_SET_FIELD(a);
        const struct mf_field *mf = sf->field;

        if (!mf_are_match_prereqs_ok(mf, match)
            || (mf->id == MFF_VLAN_VID
                && !(flow->vlans[0].tci & htons(VLAN_CFI)))) {
            VLOG_WARN_RL(&rl, "set_field %s lacks correct "
                         "prerequisites", mf->name);
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        if (mf->id == MFF_VLAN_VID) {
            sf->flow_has_vlan = true;
        }
        return 0;
    }

    case OFPACT_SET_MPLS_LABEL:
    case OFPACT_SET_MPLS_TC:
    case OFPACT_SET_MPLS_TTL:
    case OFPACT_DEC_MPLS_TTL:
        if (!eth_type_mpls(flow->dl_type)) {
            inconsistent_match(&cp->usable_protocols);
        }
        return 0;

    case OFPACT_PUSH_MPLS:
        flow->dl_type = ofpact_get_PUSH_MPLS(a)->ethertype;
        return 0;

    case OFPACT_POP_MPLS:
        if (!eth_type_mpls(flow->dl_type)) {
            inconsistent_match(&cp->usable_protocols);
        }
        flow->dl_type = ofpact_get_POP_MPLS(a)->ethertype;
        return 0;

    case OFPACT_FIN_TIMEOUT:
        if (!is_ip_any(flow) || flow->nw_proto != IPPROTO_TCP) {
            inconsistent_match(&cp->usable_protocols);
        }
        return 0;

    case OFPACT_RESUBMIT:
        /* The original direction tuple exists only for a tracked, valid
         * connection: the match must say +trk-inv. */
        if (ofpact_get_RESUBMIT(a)->with_ct_orig
            && ((flow->ct_state & (CT_STATE_TRK_ | CT_STATE_INV_))
                != CT_STATE_TRK_
                || ((match->wc.masks.ct_state
                     & (CT_STATE_TRK_ | CT_STATE_INV_))
                    != (CT_STATE_TRK_ | CT_STATE_INV_)))) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return 0;

    case OFPACT_LEARN:
        return learn_check(ofpact_get_LEARN(a), match);

    case OFPACT_MULTIPATH:
        return multipath_check(ofpact_get_MULTIPATH(a), match);

    case OFPACT_CT: {
        struct ofpact_conntrack *oc = ofpact_get_CT(a);
        enum ofperr error;

        if (!is_ip_any(flow)
            || (flow->nw_frag & FLOW_NW_FRAG_ANY && false)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        if (oc->zone_src.field) {
            error = mf_check_src(&oc->zone_src, match);
            if (error) {
                return error;
            }
        }
        if ((oc->alg == OFPACT_CT_ALG_FTP && flow->nw_proto != IPPROTO_TCP)
            || (oc->alg == OFPACT_CT_ALG_TFTP
                && flow->nw_proto != IPPROTO_UDP)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return ofpacts_check__(oc->actions, ofpact_ct_get_action_len(oc),
                               cp);
    }

    case OFPACT_NAT: {
        struct ofpact_nat *on = ofpact_get_NAT(a);

        if (!is_ip_any(flow)
            || (on->range_af == AF_INET
                && flow->dl_type != htons(ETH_TYPE_IP))
            || (on->range_af == AF_INET6
                && flow->dl_type != htons(ETH_TYPE_IPV6))) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
        return 0;
    }

    case OFPACT_CLONE: {
        struct ofpact_nest *on = ofpact_get_CLONE(a);

        return ofpacts_check__(on->actions, ofpact_nest_get_action_len(on),
                               cp);
    }

    case OFPACT_WRITE_ACTIONS: {
        struct ofpact_nest *on = ofpact_get_WRITE_ACTIONS(a);
        struct ofpact_check_params tmp_cp = *cp;
        struct match tmp = *match;

        /* The consistency of an action set cannot be checked, so use a
         * copy of 'cp' (and of the match) that is then discarded. */
        tmp_cp.match = &tmp;
        return ofpacts_check__(on->actions, ofpact_nest_get_action_len(on),
                               &tmp_cp);
    }

    case OFPACT_METER: {
        uint32_t mid = ofpact_get_METER(a)->meter_id;

        if (mid == 0 || mid > 0xffff0000) {
            return OFPERR_OFPMMFC_INVALID_METER;
        }
        return 0;
    }

    case OFPACT_GOTO_TABLE: {
        uint8_t table_id = ofpact_get_GOTO_TABLE(a)->table_id;

        if ((cp->table_id != 255 && table_id <= cp->table_id)
            || (cp->n_tables != 255 && table_id >= cp->n_tables)) {
            return OFPERR_OFPBIC_BAD_TABLE_ID;
        }
        return 0;
    }

    case OFPACT_GROUP:
    case OFPACT_CONTROLLER:
    case OFPACT_SET_TUNNEL:
    case OFPACT_SET_QUEUE:
    case OFPACT_POP_QUEUE:
    case OFPACT_CONJUNCTION:
    case OFPACT_NOTE:
    case OFPACT_EXIT:
    case OFPACT_SAMPLE:
    case OFPACT_UNROLL_XLATE:
    case OFPACT_CT_CLEAR:
    case OFPACT_CLEAR_ACTIONS:
    case OFPACT_WRITE_METADATA:
        return 0;

    default:
        OVS_NOT_REACHED();
    }
}

static enum ofperr
ofpacts_check__(struct ofpact ofpacts[], size_t ofpacts_len,
                struct ofpact_check_params *cp)
{
    struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        enum ofperr error = ofpact_check__(a, cp);

        if (error) {
            return error;
        }
    }
    return 0;
}

enum ofperr
ofpacts_check(struct ofpact ofpacts[], size_t ofpacts_len,
              struct ofpact_check_params *cp)
{
    struct match *match = cp->match;
    struct match saved = *match;
    enum ofperr error;

    error = ofpacts_check__(ofpacts, ofpacts_len, cp);
    *match = saved;
    return error;
}

enum ofperr
ofpacts_check_consistency(struct ofpact ofpacts[], size_t ofpacts_len,
                          enum ofputil_protocol needed_protocols,
                          struct ofpact_check_params *cp)
{
    enum ofperr error;

    cp->usable_protocols = OFPUTIL_P_ANY;
    error = ofpacts_check(ofpacts, ofpacts_len, cp);
    if (!error && !(cp->usable_protocols & needed_protocols)) {
        return OFPERR_OFPBAC_MATCH_INCONSISTENT;
    }
    return error;
}

/* Queries. */

bool
ofpacts_output_to_port(const struct ofpact *ofpacts, size_t ofpacts_len,
                       ofp_port_t port)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH_FLATTENED (a, ofpacts, ofpacts_len) {
        switch (a->type) {
        case OFPACT_OUTPUT:
            if (ofpact_get_OUTPUT(a)->port == port) {
                return true;
            }
            break;
        case OFPACT_OUTPUT_TRUNC:
            if (ofpact_get_OUTPUT_TRUNC(a)->port == port) {
                return true;
            }
            break;
        case OFPACT_ENQUEUE:
            if (ofpact_get_ENQUEUE(a)->port == port) {
                return true;
            }
            break;
        case OFPACT_CONTROLLER:
            if (port == OFPP_CONTROLLER) {
                return true;
            }
            break;
        case OFPACT_BUNDLE: {
            const struct ofpact_bundle *b = ofpact_get_BUNDLE(a);

            for (unsigned int i = 0; i < b->n_members; i++) {
                if (b->members[i] == port) {
                    return true;
                }
            }
            break;
        }
        default:
            break;
        }
    }
    return false;
}

bool
ofpacts_output_to_group(const struct ofpact *ofpacts, size_t ofpacts_len,
                        uint32_t group_id)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH_FLATTENED (a, ofpacts, ofpacts_len) {
        if (a->type == OFPACT_GROUP
            && ofpact_get_GROUP(a)->group_id == group_id) {
            return true;
        }
    }
    return false;
}

bool
ofpacts_equal(const struct ofpact *a, size_t a_len,
              const struct ofpact *b, size_t b_len)
{
    return a_len == b_len && (!a_len || !memcmp(a, b, a_len));
}

bool
ofpacts_equal_stringwise(const struct ofpact *a, size_t a_len,
                         const struct ofpact *b, size_t b_len)
{
    struct ds a_s = DS_EMPTY_INITIALIZER;
    struct ds b_s = DS_EMPTY_INITIALIZER;
    struct ofpact_format_params a_fp = { .s = &a_s };
    struct ofpact_format_params b_fp = { .s = &b_s };
    bool equal;

    ofpacts_format(a, a_len, &a_fp);
    ofpacts_format(b, b_len, &b_fp);
    equal = !strcmp(ds_cstr(&a_s), ds_cstr(&b_s));
    ds_destroy(&a_s);
    ds_destroy(&b_s);
    return equal;
}

uint32_t
ofpacts_get_meter(const struct ofpact ofpacts[], size_t ofpacts_len)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        enum ovs_instruction_type inst
            = ovs_instruction_type_from_ofpact_type(a->type, OFP13_VERSION);

        if (a->type == OFPACT_METER) {
            return ofpact_get_METER(a)->meter_id;
        } else if (inst > OVSINST_OFPIT13_METER) {
            break;
        }
    }
    return 0;
}

/* Action bitmaps (features reply, table features). */

/* One bit of an OpenFlow action bitmap: action type 'ofpat' in versions
 * 'min_version' to 'max_version' corresponds to OFPACT_<type>. */
struct ofpact_map {
    enum ofpact_type ofpact;    /* Internal action type. */
    int ofpat;                  /* OFPAT_* bit number. */
    enum ofp_version min_version; /* First version. */
    enum ofp_version max_version; /* Last version. */
};

static const struct ofpact_map ofpact_bitmap_maps[] = {
    { OFPACT_OUTPUT, 0, OFP10_VERSION, OFP15_VERSION },
    { OFPACT_SET_VLAN_VID, 1, OFP10_VERSION, OFP11_VERSION },
    { OFPACT_SET_VLAN_PCP, 2, OFP10_VERSION, OFP11_VERSION },
    { OFPACT_STRIP_VLAN, 3, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_SET_ETH_SRC, 4, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_SET_ETH_DST, 5, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_SET_IPV4_SRC, 6, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_SET_IPV4_DST, 7, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_SET_IP_DSCP, 8, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_SET_L4_SRC_PORT, 9, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_SET_L4_DST_PORT, 10, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_ENQUEUE, 11, OFP10_VERSION, OFP10_VERSION },
    { OFPACT_SET_ETH_SRC, 3, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_ETH_DST, 4, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_IPV4_SRC, 5, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_IPV4_DST, 6, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_IP_DSCP, 7, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_IP_ECN, 8, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_L4_SRC_PORT, 9, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_L4_DST_PORT, 10, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_MPLS_LABEL, 13, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_MPLS_TC, 14, OFP11_VERSION, OFP11_VERSION },
    { OFPACT_SET_MPLS_TTL, 15, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_DEC_MPLS_TTL, 16, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_PUSH_VLAN, 17, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_STRIP_VLAN, 18, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_PUSH_MPLS, 19, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_POP_MPLS, 20, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_SET_QUEUE, 21, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_GROUP, 22, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_SET_IP_TTL, 23, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_DEC_TTL, 24, OFP11_VERSION, OFP15_VERSION },
    { OFPACT_SET_FIELD, 25, OFP12_VERSION, OFP15_VERSION },
    { OFPACT_METER, 29, OFP15_VERSION, OFP15_VERSION },
};

uint64_t
ofpact_bitmap_from_openflow(ovs_be32 ofpat_bitmap, enum ofp_version version)
{
    uint32_t bits = ntohl(ofpat_bitmap);
    uint64_t result = 0;

    for (size_t i = 0; i < ARRAY_SIZE(ofpact_bitmap_maps); i++) {
        const struct ofpact_map *m = &ofpact_bitmap_maps[i];

        if (version >= m->min_version && version <= m->max_version
            && bits & (1u << m->ofpat)) {
            result |= UINT64_C(1) << m->ofpact;
        }
    }
    return result;
}

ovs_be32
ofpact_bitmap_to_openflow(uint64_t ofpacts_bitmap, enum ofp_version version)
{
    uint32_t bits = 0;

    for (size_t i = 0; i < ARRAY_SIZE(ofpact_bitmap_maps); i++) {
        const struct ofpact_map *m = &ofpact_bitmap_maps[i];

        if (version >= m->min_version && version <= m->max_version
            && ofpacts_bitmap & (UINT64_C(1) << m->ofpact)) {
            bits |= 1u << m->ofpat;
        }
    }
    return htonl(bits);
}

void
ofpact_bitmap_format(uint64_t ofpacts_bitmap, struct ds *s)
{
    if (!ofpacts_bitmap) {
        ds_put_cstr(s, "<none>");
    } else {
        while (ofpacts_bitmap) {
            int type = __builtin_ctzll(ofpacts_bitmap);

            ds_put_format(s, "%s ", ofpact_name(type));
            ofpacts_bitmap &= ofpacts_bitmap - 1;
        }
        ds_chomp(s, ' ');
    }
}
