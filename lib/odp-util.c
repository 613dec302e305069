/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "odp-util.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "netlink.h"
#include "ofpbuf.h"
#include "simap.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/util.h"

/* Constants of the frames we describe (kept local so that this module
 * depends only on struct flow). */
#define ODP_ETH_TYPE_IP      0x0800
#define ODP_ETH_TYPE_ARP     0x0806
#define ODP_ETH_TYPE_RARP    0x8035
#define ODP_ETH_TYPE_IPV6    0x86dd
#define ODP_ETH_TYPE_VLAN    0x8100
#define ODP_ETH_TYPE_VLAN_AD 0x88a8
#define ODP_ETH_TYPE_MIN     0x0600
#define ODP_DL_TYPE_NONE     0x05ff  /* struct flow's "not Ethernet II". */
#define ODP_VLAN_CFI         0x1000

#define ODP_IPPROTO_ICMP     1
#define ODP_IPPROTO_TCP      6
#define ODP_IPPROTO_UDP      17
#define ODP_IPPROTO_ICMPV6   58
#define ODP_IPPROTO_SCTP     132

#define ODP_ND_SOLICIT       135
#define ODP_ND_ADVERT        136

/* ------------------------------------------------------------------------
 * Attribute descriptions: one table drives the length checks, the text
 * format and the text parser of every fixed-size key attribute. */

/* How a field is written in text. */
enum odp_field_fmt {
    FF_DEC,                     /* Decimal; masks as hex. */
    FF_HEX,                     /* "%#x": 0 prints as "0". */
    FF_HEX4,                    /* "0x%04x" (Ethernet types). */
    FF_ETH,                     /* xx:xx:xx:xx:xx:xx. */
    FF_IPV4,                    /* Dotted quad. */
    FF_IPV6,                    /* RFC 5952. */
    FF_FRAG,                    /* no, first, later. */
    FF_TCP_FLAGS,               /* fin|syn or +syn-ack. */
    FF_CT_STATE,                /* new|trk or +new-est. */
    FF_U128,                    /* 128-bit hex (ct_label). */
};

/* One field of a key attribute's payload. */
struct odp_field {
    const char *name;           /* Name in text, NULL for a scalar. */
    uint8_t ofs;                /* Offset in the payload. */
    uint8_t size;               /* Size in bytes. */
    bool be;                    /* Integer in network byte order? */
    enum odp_field_fmt fmt;     /* Text format. */
};

#define FIELD(NAME, STRUCT, MEMBER, BE, FMT)                            \
    { NAME, offsetof(struct STRUCT, MEMBER),                            \
      sizeof ((struct STRUCT *) 0)->MEMBER, BE, FMT }

static const struct odp_field eth_fields[] = {
    FIELD("src", ovs_key_ethernet, eth_src, false, FF_ETH),
    FIELD("dst", ovs_key_ethernet, eth_dst, false, FF_ETH),
};

static const struct odp_field ipv4_fields[] = {
    FIELD("src", ovs_key_ipv4, ipv4_src, true, FF_IPV4),
    FIELD("dst", ovs_key_ipv4, ipv4_dst, true, FF_IPV4),
    FIELD("proto", ovs_key_ipv4, ipv4_proto, false, FF_DEC),
    FIELD("tos", ovs_key_ipv4, ipv4_tos, false, FF_HEX),
    FIELD("ttl", ovs_key_ipv4, ipv4_ttl, false, FF_DEC),
    FIELD("frag", ovs_key_ipv4, ipv4_frag, false, FF_FRAG),
};

static const struct odp_field ipv6_fields[] = {
    FIELD("src", ovs_key_ipv6, ipv6_src, false, FF_IPV6),
    FIELD("dst", ovs_key_ipv6, ipv6_dst, false, FF_IPV6),
    FIELD("label", ovs_key_ipv6, ipv6_label, true, FF_HEX),
    FIELD("proto", ovs_key_ipv6, ipv6_proto, false, FF_DEC),
    FIELD("tclass", ovs_key_ipv6, ipv6_tclass, false, FF_HEX),
    FIELD("hlimit", ovs_key_ipv6, ipv6_hlimit, false, FF_DEC),
    FIELD("frag", ovs_key_ipv6, ipv6_frag, false, FF_FRAG),
};

static const struct odp_field tcp_fields[] = {
    FIELD("src", ovs_key_tcp, tcp_src, true, FF_DEC),
    FIELD("dst", ovs_key_tcp, tcp_dst, true, FF_DEC),
};

static const struct odp_field udp_fields[] = {
    FIELD("src", ovs_key_udp, udp_src, true, FF_DEC),
    FIELD("dst", ovs_key_udp, udp_dst, true, FF_DEC),
};

static const struct odp_field sctp_fields[] = {
    FIELD("src", ovs_key_sctp, sctp_src, true, FF_DEC),
    FIELD("dst", ovs_key_sctp, sctp_dst, true, FF_DEC),
};

static const struct odp_field icmp_fields[] = {
    FIELD("type", ovs_key_icmp, icmp_type, false, FF_DEC),
    FIELD("code", ovs_key_icmp, icmp_code, false, FF_DEC),
};

static const struct odp_field icmpv6_fields[] = {
    FIELD("type", ovs_key_icmpv6, icmpv6_type, false, FF_DEC),
    FIELD("code", ovs_key_icmpv6, icmpv6_code, false, FF_DEC),
};

static const struct odp_field arp_fields[] = {
    FIELD("sip", ovs_key_arp, arp_sip, true, FF_IPV4),
    FIELD("tip", ovs_key_arp, arp_tip, true, FF_IPV4),
    FIELD("op", ovs_key_arp, arp_op, true, FF_DEC),
    FIELD("sha", ovs_key_arp, arp_sha, false, FF_ETH),
    FIELD("tha", ovs_key_arp, arp_tha, false, FF_ETH),
};

static const struct odp_field nd_fields[] = {
    FIELD("target", ovs_key_nd, nd_target, false, FF_IPV6),
    FIELD("sll", ovs_key_nd, nd_sll, false, FF_ETH),
    FIELD("tll", ovs_key_nd, nd_tll, false, FF_ETH),
};

static const struct odp_field u32_hex_field[] = { { NULL, 0, 4, false,
                                                    FF_HEX } };
static const struct odp_field u16_hex_field[] = { { NULL, 0, 2, false,
                                                    FF_HEX } };
static const struct odp_field ethertype_field[] = { { NULL, 0, 2, true,
                                                      FF_HEX4 } };
static const struct odp_field tcp_flags_field[] = { { NULL, 0, 2, true,
                                                      FF_TCP_FLAGS } };
static const struct odp_field ct_state_field[] = { { NULL, 0, 4, false,
                                                     FF_CT_STATE } };
static const struct odp_field ct_label_field[] = { { NULL, 0, 16, false,
                                                     FF_U128 } };

/* A key attribute type. */
struct odp_key_desc {
    const char *name;           /* Name in text. */
    int len;                    /* Payload size, -1 if nested. */
    const struct odp_field *fields;  /* Fields, NULL if special. */
    size_t n_fields;            /* Number of 'fields'. */
};

#define DESC(NAME, LEN, FIELDS) { NAME, LEN, FIELDS, ARRAY_SIZE(FIELDS) }

static const struct odp_key_desc key_descs[] = {
    [OVS_KEY_ATTR_ENCAP] = { "encap", -1, NULL, 0 },
    [OVS_KEY_ATTR_PRIORITY] = DESC("skb_priority", 4, u32_hex_field),
    [OVS_KEY_ATTR_IN_PORT] = { "in_port", 4, NULL, 0 },
    [OVS_KEY_ATTR_ETHERNET] = DESC("eth", sizeof (struct ovs_key_ethernet),
                                   eth_fields),
    [OVS_KEY_ATTR_VLAN] = { "vlan", 2, NULL, 0 },
    [OVS_KEY_ATTR_ETHERTYPE] = DESC("eth_type", 2, ethertype_field),
    [OVS_KEY_ATTR_IPV4] = DESC("ipv4", sizeof (struct ovs_key_ipv4),
                               ipv4_fields),
    [OVS_KEY_ATTR_IPV6] = DESC("ipv6", sizeof (struct ovs_key_ipv6),
                               ipv6_fields),
    [OVS_KEY_ATTR_TCP] = DESC("tcp", sizeof (struct ovs_key_tcp),
                              tcp_fields),
    [OVS_KEY_ATTR_UDP] = DESC("udp", sizeof (struct ovs_key_udp),
                              udp_fields),
    [OVS_KEY_ATTR_ICMP] = DESC("icmp", sizeof (struct ovs_key_icmp),
                               icmp_fields),
    [OVS_KEY_ATTR_ICMPV6] = DESC("icmpv6", sizeof (struct ovs_key_icmpv6),
                                 icmpv6_fields),
    [OVS_KEY_ATTR_ARP] = DESC("arp", sizeof (struct ovs_key_arp),
                              arp_fields),
    [OVS_KEY_ATTR_ND] = DESC("nd", sizeof (struct ovs_key_nd), nd_fields),
    [OVS_KEY_ATTR_SKB_MARK] = DESC("skb_mark", 4, u32_hex_field),
    [OVS_KEY_ATTR_TUNNEL] = { "tunnel", -1, NULL, 0 },
    [OVS_KEY_ATTR_SCTP] = DESC("sctp", sizeof (struct ovs_key_sctp),
                               sctp_fields),
    [OVS_KEY_ATTR_TCP_FLAGS] = DESC("tcp_flags", 2, tcp_flags_field),
    [OVS_KEY_ATTR_DP_HASH] = DESC("dp_hash", 4, u32_hex_field),
    [OVS_KEY_ATTR_RECIRC_ID] = DESC("recirc_id", 4, u32_hex_field),
    [OVS_KEY_ATTR_CT_STATE] = DESC("ct_state", 4, ct_state_field),
    [OVS_KEY_ATTR_CT_ZONE] = DESC("ct_zone", 2, u16_hex_field),
    [OVS_KEY_ATTR_CT_MARK] = DESC("ct_mark", 4, u32_hex_field),
    [OVS_KEY_ATTR_CT_LABELS] = DESC("ct_label", 16, ct_label_field),
    [OVS_KEY_ATTR_PACKET_TYPE] = { "packet_type", 4, NULL, 0 },
};

/* Returns the description of key attribute 'type', or NULL if unknown. */
static const struct odp_key_desc *
key_desc(uint16_t type)
{
    if (type < ARRAY_SIZE(key_descs) && key_descs[type].name) {
        return &key_descs[type];
    }
    return NULL;
}

/* Returns the payload size of key attribute 'type': -1 for nested
 * attributes, -2 for types this module does not know. */
int
odp_key_attr_len(uint16_t type)
{
    const struct odp_key_desc *desc = key_desc(type);

    return desc ? desc->len : -2;
}

/* Returns the text name of key attribute 'type' ("ipv4"), or writes
 * "key<N>" into 'buf' and returns it for unknown types. */
const char *
ovs_key_attr_to_string(uint16_t type, char *buf, size_t bufsize)
{
    const struct odp_key_desc *desc = key_desc(type);

    if (desc) {
        return desc->name;
    }
    snprintf(buf, bufsize, "key%u", (unsigned int) type);
    return buf;
}

/* Returns a short name for 'fitness'. */
const char *
odp_key_fitness_to_string(enum odp_key_fitness fitness)
{
    switch (fitness) {
    case ODP_FIT_PERFECT:
        return "OK";
    case ODP_FIT_TOO_MUCH:
        return "too_much";
    case ODP_FIT_TOO_LITTLE:
        return "too_little";
    case ODP_FIT_ERROR:
        return "error";
    }
    return "<unknown>";
}

/* ------------------------------------------------------------------------
 * Port names. */

struct odp_portno_name {
    struct hmap_node hmap_node; /* In a 'portno_names' map. */
    odp_port_t port_no;         /* Datapath port number. */
    char *name;                 /* Its name (owned). */
};

/* Records in 'portno_names' that port 'port_no' is named 'port_name' (a
 * copy is kept), for formatting keys and actions. */
void
odp_portno_names_set(struct hmap *portno_names, odp_port_t port_no,
                     const char *port_name)
{
    struct odp_portno_name *n = xmalloc(sizeof *n);

    n->port_no = port_no;
    n->name = xstrdup(port_name);
    hmap_insert(portno_names, &n->hmap_node, hash_int(port_no, 0));
}

/* Returns the name of 'port_no' in 'portno_names' (which may be NULL), or
 * NULL. */
const char *
odp_portno_names_get(const struct hmap *portno_names, odp_port_t port_no)
{
    const struct odp_portno_name *n;

    if (!portno_names) {
        return NULL;
    }
    HMAP_FOR_EACH_IN_BUCKET (n, hmap_node, hash_int(port_no, 0),
                             portno_names) {
        if (n->port_no == port_no) {
            return n->name;
        }
    }
    return NULL;
}

/* Frees the names in 'portno_names' and empties it (the hmap itself is
 * the caller's to destroy). */
void
odp_portno_names_destroy(struct hmap *portno_names)
{
    struct odp_portno_name *n;

    HMAP_FOR_EACH_POP (n, hmap_node, portno_names) {
        free(n->name);
        free(n);
    }
}

/* Appends port 'port' to 'ds', by name if 'portno_names' has one. */
static void
format_odp_port(struct ds *ds, odp_port_t port,
                const struct hmap *portno_names)
{
    const char *name = odp_portno_names_get(portno_names, port);

    if (name) {
        ds_put_cstr(ds, name);
    } else {
        ds_put_format(ds, "%"PRIu32, odp_to_u32(port));
    }
}

/* ------------------------------------------------------------------------
 * Formatting of scalar values. */

static uint64_t
get_uint(const void *p, size_t size, bool be)
{
    switch (size) {
    case 1:
        return *(const uint8_t *) p;
    case 2: {
        uint16_t x;
        memcpy(&x, p, 2);
        return be ? ntohs(x) : x;
    }
    case 4: {
        uint32_t x;
        memcpy(&x, p, 4);
        return be ? ntohl(x) : x;
    }
    case 8: {
        uint64_t x;
        memcpy(&x, p, 8);
        return x;
    }
    }
    OVS_NOT_REACHED();
}

static void
put_uint(void *p, size_t size, bool be, uint64_t value)
{
    switch (size) {
    case 1:
        *(uint8_t *) p = value;
        return;
    case 2: {
        uint16_t x = be ? htons(value) : value;
        memcpy(p, &x, 2);
        return;
    }
    case 4: {
        uint32_t x = be ? htonl(value) : value;
        memcpy(p, &x, 4);
        return;
    }
    case 8:
        memcpy(p, &value, 8);
        return;
    }
    OVS_NOT_REACHED();
}

static bool
is_all_zeros(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

static bool
is_all_ones(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    return true;
}

/* Appends the 'n' bytes at 'p' as pairs of hex digits. */
static void
format_hex_bytes(struct ds *ds, const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        ds_put_format(ds, "%02x", p[i]);
    }
}

static void
format_eth(struct ds *ds, const uint8_t ea[6])
{
    ds_put_format(ds, "%02x:%02x:%02x:%02x:%02x:%02x",
                  ea[0], ea[1], ea[2], ea[3], ea[4], ea[5]);
}

static void
format_ipv4(struct ds *ds, ovs_be32 ip)
{
    const uint8_t *b = (const uint8_t *) &ip;

    ds_put_format(ds, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

static void
format_ipv6(struct ds *ds, const void *addr)
{
    char buf[INET6_ADDRSTRLEN];

    inet_ntop(AF_INET6, addr, buf, sizeof buf);
    ds_put_cstr(ds, buf);
}

static const char *
frag_to_string(uint8_t frag)
{
    switch (frag) {
    case OVS_FRAG_TYPE_NONE:
        return "no";
    case OVS_FRAG_TYPE_FIRST:
        return "first";
    case OVS_FRAG_TYPE_LATER:
        return "later";
    }
    return NULL;
}

static const char *
tcp_flag_to_string(uint32_t bit)
{
    switch (bit) {
    case 0x001: return "fin";
    case 0x002: return "syn";
    case 0x004: return "rst";
    case 0x008: return "psh";
    case 0x010: return "ack";
    case 0x020: return "urg";
    case 0x040: return "ece";
    case 0x080: return "cwr";
    case 0x100: return "ns";
    }
    return NULL;
}

static const char *
ct_state_to_string(uint32_t bit)
{
    switch (bit) {
    case OVS_CS_F_NEW: return "new";
    case OVS_CS_F_ESTABLISHED: return "est";
    case OVS_CS_F_RELATED: return "rel";
    case OVS_CS_F_REPLY_DIR: return "rpl";
    case OVS_CS_F_INVALID: return "inv";
    case OVS_CS_F_TRACKED: return "trk";
    case OVS_CS_F_SRC_NAT: return "snat";
    case OVS_CS_F_DST_NAT: return "dnat";
    }
    return NULL;
}

static const char *
tun_flag_to_string(uint32_t bit)
{
    switch (bit) {
    case FLOW_TNL_F_OAM: return "oam";
    case FLOW_TNL_F_DONT_FRAGMENT: return "df";
    case FLOW_TNL_F_CSUM: return "csum";
    case FLOW_TNL_F_KEY: return "key";
    }
    return NULL;
}

/* Formats flag bits 'flags' as "a|b" (with 'mask' all ones) or as
 * "+a-b" for each bit in 'mask'. */
static void
format_flags(struct ds *ds, const char *(*to_string)(uint32_t),
             uint32_t flags, uint32_t mask, uint32_t all_ones)
{
    if (mask == all_ones) {
        if (!flags) {
            ds_put_cstr(ds, "0");
            return;
        }
        uint32_t bad = 0;
        for (uint32_t bits = flags; bits; bits &= bits - 1) {
            uint32_t bit = bits & -bits;
            const char *name = to_string(bit);
            if (name) {
                ds_put_format(ds, "%s|", name);
            } else {
                bad |= bit;
            }
        }
        if (bad) {
            ds_put_format(ds, "0x%"PRIx32"|", bad);
        }
        ds_chomp(ds, '|');
    } else if (!mask) {
        ds_put_format(ds, "%#"PRIx32"/0", flags);
    } else {
        for (uint32_t bits = mask; bits; bits &= bits - 1) {
            uint32_t bit = bits & -bits;
            const char *name = to_string(bit);
            ds_put_char(ds, flags & bit ? '+' : '-');
            if (name) {
                ds_put_cstr(ds, name);
            } else {
                ds_put_format(ds, "0x%"PRIx32, bit);
            }
        }
    }
}

/* Formats the value of field 'f' at 'v', with mask 'm' (NULL for an exact
 * value). */
static void
format_field_value__(struct ds *ds, const struct odp_field *f,
                     const uint8_t *v, const uint8_t *m, bool verbose)
{
    bool exact = !m || is_all_ones(m, f->size);
    enum odp_field_fmt fmt = f->fmt;

    if (fmt == FF_CT_STATE && (verbose || !m)) {
        /* Conntrack state prints in hex except in a masked, terse
         * megaflow. */
        fmt = FF_HEX;
    }
    switch (fmt) {
    case FF_DEC:
        ds_put_format(ds, "%"PRIu64, get_uint(v, f->size, f->be));
        break;
    case FF_HEX:
        ds_put_format(ds, "%#"PRIx64, get_uint(v, f->size, f->be));
        break;
    case FF_HEX4:
        ds_put_format(ds, "0x%04"PRIx64, get_uint(v, f->size, f->be));
        break;
    case FF_ETH:
        format_eth(ds, v);
        if (!exact) {
            ds_put_char(ds, '/');
            format_eth(ds, m);
        }
        return;
    case FF_IPV4: {
        ovs_be32 ip;
        memcpy(&ip, v, 4);
        format_ipv4(ds, ip);
        if (!exact) {
            memcpy(&ip, m, 4);
            ds_put_char(ds, '/');
            format_ipv4(ds, ip);
        }
        return;
    }
    case FF_IPV6:
        format_ipv6(ds, v);
        if (!exact) {
            ds_put_char(ds, '/');
            format_ipv6(ds, m);
        }
        return;
    case FF_FRAG: {
        const char *s = frag_to_string(*v);
        if (s) {
            ds_put_cstr(ds, s);
        } else {
            ds_put_format(ds, "<error: unknown frag %#x>", *v);
        }
        break;
    }
    case FF_TCP_FLAGS:
        format_flags(ds, tcp_flag_to_string, get_uint(v, 2, true),
                     m ? get_uint(m, 2, true) : 0xffff, 0xffff);
        return;
    case FF_CT_STATE:
        format_flags(ds, ct_state_to_string, get_uint(v, 4, false),
                     get_uint(m, 4, false), UINT32_MAX);
        return;
    case FF_U128: {
        ovs_u128 x;
        memcpy(&x, v, 16);
        if (!x.u64.hi && !x.u64.lo) {
            ds_put_cstr(ds, "0");
        } else if (!x.u64.hi) {
            ds_put_format(ds, "%#"PRIx64, x.u64.lo);
        } else {
            ds_put_format(ds, "%#"PRIx64"%016"PRIx64, x.u64.hi, x.u64.lo);
        }
        if (!exact) {
            memcpy(&x, m, 16);
            if (!x.u64.hi && !x.u64.lo) {
                ds_put_cstr(ds, "/0");
            } else if (!x.u64.hi) {
                ds_put_format(ds, "/%#"PRIx64, x.u64.lo);
            } else {
                ds_put_format(ds, "/%#"PRIx64"%016"PRIx64,
                              x.u64.hi, x.u64.lo);
            }
        }
        return;
    }
    }
    if (!exact) {
        if (fmt == FF_HEX4) {
            ds_put_format(ds, "/0x%04"PRIx64, get_uint(m, f->size, f->be));
        } else {
            ds_put_format(ds, "/%#"PRIx64, get_uint(m, f->size, f->be));
        }
    }
}

static void
format_field_value(struct ds *ds, const struct odp_field *f,
                   const uint8_t *v, const uint8_t *m)
{
    format_field_value__(ds, f, v, m, false);
}

/* Formats the fields of a fixed-size attribute described by 'desc', from
 * payload 'v' and mask payload 'm' (NULL if none).  Without 'verbose',
 * fields whose mask is all zeros are left out; an unmatched "frag" is left
 * out even with 'verbose', as upstream does ("frag=no/0" would read as a
 * match). */
static void
format_fields(struct ds *ds, const struct odp_key_desc *desc,
              const uint8_t *v, const uint8_t *m, bool verbose)
{
    for (size_t i = 0; i < desc->n_fields; i++) {
        const struct odp_field *f = &desc->fields[i];

        if (m && (!verbose || f->fmt == FF_FRAG)
            && is_all_zeros(m + f->ofs, f->size)) {
            continue;
        }
        if (f->name) {
            ds_put_format(ds, "%s=", f->name);
        }
        format_field_value__(ds, f, v + f->ofs, m ? m + f->ofs : NULL,
                             verbose);
        ds_put_char(ds, ',');
    }
    ds_chomp(ds, ',');
}

/* Formats a VLAN TCI with its mask. */
static void
format_vlan_tci(struct ds *ds, ovs_be16 tci_, ovs_be16 mask_, bool verbose)
{
    uint16_t tci = ntohs(tci_);
    uint16_t mask = ntohs(mask_);

    if (verbose || mask & 0x0fff) {
        ds_put_format(ds, "vid=%u", tci & 0x0fff);
        if ((mask & 0x0fff) != 0x0fff) {
            ds_put_format(ds, "/0x%x", mask & 0x0fff);
        }
        ds_put_char(ds, ',');
    }
    if (verbose || mask & 0xe000) {
        ds_put_format(ds, "pcp=%u", tci >> 13);
        if ((mask & 0xe000) != 0xe000) {
            ds_put_format(ds, "/0x%x", mask >> 13);
        }
        ds_put_char(ds, ',');
    }
    if ((tci & ODP_VLAN_CFI) != (mask & ODP_VLAN_CFI)) {
        ds_put_format(ds, "cfi=%d", !!(tci & ODP_VLAN_CFI));
        if (!(mask & ODP_VLAN_CFI)) {
            ds_put_cstr(ds, "/0");
        }
        ds_put_char(ds, ',');
    }
    ds_chomp(ds, ',');
}

/* ------------------------------------------------------------------------
 * Tunnel keys. */

/* Which OVS_TUNNEL_KEY_ATTR_* attributes a tunnel key had. */
struct odp_tun_parsed {
    struct flow_tnl tnl;        /* Values. */
    uint32_t present;           /* 1 << OVS_TUNNEL_KEY_ATTR_*. */
};

/* Returns the payload size of tunnel key attribute 'type', or -1 if this
 * module does not know it. */
static int
tun_attr_len(uint16_t type)
{
    switch (type) {
    case OVS_TUNNEL_KEY_ATTR_ID: return 8;
    case OVS_TUNNEL_KEY_ATTR_IPV4_SRC: return 4;
    case OVS_TUNNEL_KEY_ATTR_IPV4_DST: return 4;
    case OVS_TUNNEL_KEY_ATTR_TOS: return 1;
    case OVS_TUNNEL_KEY_ATTR_TTL: return 1;
    case OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT: return 0;
    case OVS_TUNNEL_KEY_ATTR_CSUM: return 0;
    case OVS_TUNNEL_KEY_ATTR_OAM: return 0;
    case OVS_TUNNEL_KEY_ATTR_TP_SRC: return 2;
    case OVS_TUNNEL_KEY_ATTR_TP_DST: return 2;
    case OVS_TUNNEL_KEY_ATTR_IPV6_SRC: return 16;
    case OVS_TUNNEL_KEY_ATTR_IPV6_DST: return 16;
    }
    return -1;
}

/* Parses the OVS_TUNNEL_KEY_ATTR_* attributes inside 'attr' into 'out'.
 * Returns ODP_FIT_PERFECT, ODP_FIT_TOO_MUCH if there were attributes we do
 * not know, or ODP_FIT_ERROR. */
static enum odp_key_fitness
tun_key_from_attr(const struct nlattr *attr, struct odp_tun_parsed *out)
{
    enum odp_key_fitness fit = ODP_FIT_PERFECT;
    const struct nlattr *a;
    size_t left;

    memset(out, 0, sizeof *out);
    NL_NESTED_FOR_EACH (a, left, attr) {
        uint16_t type = nl_attr_type(a);
        int len = tun_attr_len(type);

        if (len < 0) {
            fit = ODP_FIT_TOO_MUCH;
            continue;
        }
        if (nl_attr_get_size(a) != len) {
            return ODP_FIT_ERROR;
        }
        out->present |= 1u << type;
        switch (type) {
        case OVS_TUNNEL_KEY_ATTR_ID:
            out->tnl.tun_id = nl_attr_get_be64(a);
            out->tnl.flags |= FLOW_TNL_F_KEY;
            break;
        case OVS_TUNNEL_KEY_ATTR_IPV4_SRC:
            out->tnl.ip_src = nl_attr_get_be32(a);
            break;
        case OVS_TUNNEL_KEY_ATTR_IPV4_DST:
            out->tnl.ip_dst = nl_attr_get_be32(a);
            break;
        case OVS_TUNNEL_KEY_ATTR_IPV6_SRC:
            out->tnl.ipv6_src = nl_attr_get_in6_addr(a);
            break;
        case OVS_TUNNEL_KEY_ATTR_IPV6_DST:
            out->tnl.ipv6_dst = nl_attr_get_in6_addr(a);
            break;
        case OVS_TUNNEL_KEY_ATTR_TOS:
            out->tnl.ip_tos = nl_attr_get_u8(a);
            break;
        case OVS_TUNNEL_KEY_ATTR_TTL:
            out->tnl.ip_ttl = nl_attr_get_u8(a);
            break;
        case OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT:
            out->tnl.flags |= FLOW_TNL_F_DONT_FRAGMENT;
            break;
        case OVS_TUNNEL_KEY_ATTR_CSUM:
            out->tnl.flags |= FLOW_TNL_F_CSUM;
            break;
        case OVS_TUNNEL_KEY_ATTR_OAM:
            out->tnl.flags |= FLOW_TNL_F_OAM;
            break;
        case OVS_TUNNEL_KEY_ATTR_TP_SRC:
            out->tnl.tp_src = nl_attr_get_be16(a);
            break;
        case OVS_TUNNEL_KEY_ATTR_TP_DST:
            out->tnl.tp_dst = nl_attr_get_be16(a);
            break;
        }
    }
    if (left) {
        return ODP_FIT_ERROR;
    }
    return fit;
}

static bool
ipv6_addr_is_set(const struct in6_addr *a)
{
    return !is_all_zeros(a, sizeof *a);
}

/* Appends an OVS_KEY_ATTR_TUNNEL attribute to 'buf' whose values come from
 * 'tnl', for the attributes that 'decider' (the flow's own tunnel key)
 * calls for.  Flag attributes follow 'tnl''s flags. */
static void
tun_key_to_attr(struct ofpbuf *buf, uint16_t type, const struct flow_tnl *tnl,
                const struct flow_tnl *decider)
{
    size_t ofs = nl_msg_start_nested(buf, type);

    if (decider->flags & FLOW_TNL_F_KEY) {
        nl_msg_put_be64(buf, OVS_TUNNEL_KEY_ATTR_ID, tnl->tun_id);
    }
    if (decider->ip_src) {
        nl_msg_put_be32(buf, OVS_TUNNEL_KEY_ATTR_IPV4_SRC, tnl->ip_src);
    }
    if (decider->ip_dst) {
        nl_msg_put_be32(buf, OVS_TUNNEL_KEY_ATTR_IPV4_DST, tnl->ip_dst);
    }
    if (ipv6_addr_is_set(&decider->ipv6_src)) {
        nl_msg_put_in6_addr(buf, OVS_TUNNEL_KEY_ATTR_IPV6_SRC,
                            &tnl->ipv6_src);
    }
    if (ipv6_addr_is_set(&decider->ipv6_dst)) {
        nl_msg_put_in6_addr(buf, OVS_TUNNEL_KEY_ATTR_IPV6_DST,
                            &tnl->ipv6_dst);
    }
    if (decider->ip_tos) {
        nl_msg_put_u8(buf, OVS_TUNNEL_KEY_ATTR_TOS, tnl->ip_tos);
    }
    nl_msg_put_u8(buf, OVS_TUNNEL_KEY_ATTR_TTL, tnl->ip_ttl);
    if (tnl->flags & FLOW_TNL_F_DONT_FRAGMENT) {
        nl_msg_put_flag(buf, OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT);
    }
    if (tnl->flags & FLOW_TNL_F_CSUM) {
        nl_msg_put_flag(buf, OVS_TUNNEL_KEY_ATTR_CSUM);
    }
    if (decider->tp_src) {
        nl_msg_put_be16(buf, OVS_TUNNEL_KEY_ATTR_TP_SRC, tnl->tp_src);
    }
    if (decider->tp_dst) {
        nl_msg_put_be16(buf, OVS_TUNNEL_KEY_ATTR_TP_DST, tnl->tp_dst);
    }
    if (tnl->flags & FLOW_TNL_F_OAM) {
        nl_msg_put_flag(buf, OVS_TUNNEL_KEY_ATTR_OAM);
    }
    nl_msg_end_nested(buf, ofs);
}

/* Appends "name=v[/m]," for an integer tunnel field, in hex if 'hex'; the
 * mask only if 'has_mask' and 'm' is not all ones ('all'). */
static void
format_tun_u(struct ds *ds, const char *name, uint64_t v, uint64_t m,
             bool has_mask, uint64_t all, bool hex)
{
    ds_put_format(ds, hex ? "%s=%#"PRIx64 : "%s=%"PRIu64, name, v);
    if (has_mask && m != all) {
        ds_put_format(ds, "/%#"PRIx64, m);
    }
    ds_put_char(ds, ',');
}

/* Formats a tunnel key attribute 'key' with mask attribute 'mask' (NULL if
 * none). */
static void
format_tunnel(struct ds *ds, const struct nlattr *key,
              const struct nlattr *mask, bool verbose)
{
    struct odp_tun_parsed k, m;

    if (tun_key_from_attr(key, &k) == ODP_FIT_ERROR
        || (mask && tun_key_from_attr(mask, &m) == ODP_FIT_ERROR)) {
        ds_put_cstr(ds, "error");
        return;
    }
    if (!mask) {
        memset(&m, 0xff, sizeof m);
    }

#define TUN_SHOWN(ATTR, MFIELD)                                         \
    ((k.present & (1u << (ATTR)))                                       \
     && (!mask || verbose || !is_all_zeros(&m.tnl.MFIELD,               \
                                           sizeof m.tnl.MFIELD)))
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_ID, tun_id)) {
        format_tun_u(ds, "tun_id", be64toh(k.tnl.tun_id),
                     be64toh(m.tnl.tun_id), mask != NULL, UINT64_MAX, true);
    }
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_IPV4_SRC, ip_src)) {
        ds_put_cstr(ds, "src=");
        format_field_value(ds, &(struct odp_field) { "", 0, 4, true,
                                                     FF_IPV4 },
                           (uint8_t *) &k.tnl.ip_src,
                           mask ? (uint8_t *) &m.tnl.ip_src : NULL);
        ds_put_char(ds, ',');
    }
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_IPV4_DST, ip_dst)) {
        ds_put_cstr(ds, "dst=");
        format_field_value(ds, &(struct odp_field) { "", 0, 4, true,
                                                     FF_IPV4 },
                           (uint8_t *) &k.tnl.ip_dst,
                           mask ? (uint8_t *) &m.tnl.ip_dst : NULL);
        ds_put_char(ds, ',');
    }
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_IPV6_SRC, ipv6_src)) {
        ds_put_cstr(ds, "ipv6_src=");
        format_field_value(ds, &(struct odp_field) { "", 0, 16, false,
                                                     FF_IPV6 },
                           (uint8_t *) &k.tnl.ipv6_src,
                           mask ? (uint8_t *) &m.tnl.ipv6_src : NULL);
        ds_put_char(ds, ',');
    }
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_IPV6_DST, ipv6_dst)) {
        ds_put_cstr(ds, "ipv6_dst=");
        format_field_value(ds, &(struct odp_field) { "", 0, 16, false,
                                                     FF_IPV6 },
                           (uint8_t *) &k.tnl.ipv6_dst,
                           mask ? (uint8_t *) &m.tnl.ipv6_dst : NULL);
        ds_put_char(ds, ',');
    }
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_TOS, ip_tos)) {
        format_tun_u(ds, "tos", k.tnl.ip_tos, m.tnl.ip_tos, mask != NULL,
                     0xff, true);
    }
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_TTL, ip_ttl)) {
        format_tun_u(ds, "ttl", k.tnl.ip_ttl, m.tnl.ip_ttl, mask != NULL,
                     0xff, false);
    }
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_TP_SRC, tp_src)) {
        format_tun_u(ds, "tp_src", ntohs(k.tnl.tp_src), ntohs(m.tnl.tp_src),
                     mask != NULL, 0xffff, false);
    }
    if (TUN_SHOWN(OVS_TUNNEL_KEY_ATTR_TP_DST, tp_dst)) {
        format_tun_u(ds, "tp_dst", ntohs(k.tnl.tp_dst), ntohs(m.tnl.tp_dst),
                     mask != NULL, 0xffff, false);
    }
#undef TUN_SHOWN
    if (mask) {
        if (m.tnl.flags) {
            ds_put_cstr(ds, "flags(");
            format_flags(ds, tun_flag_to_string, k.tnl.flags, m.tnl.flags,
                         UINT32_MAX);
            ds_put_cstr(ds, "),");
        }
    } else if (k.tnl.flags) {
        ds_put_cstr(ds, "flags(");
        format_flags(ds, tun_flag_to_string, k.tnl.flags, 0xffff, 0xffff);
        ds_put_cstr(ds, "),");
    }
    ds_chomp(ds, ',');
}

/* ------------------------------------------------------------------------
 * Formatting keys. */

static bool
attr_is_wildcard(const struct nlattr *m)
{
    return is_all_zeros(nl_attr_get(m), nl_attr_get_size(m));
}

static void format_key_attrs(struct ds *, const struct nlattr *key,
                             size_t key_len, const struct nlattr *mask,
                             size_t mask_len,
                             const struct hmap *portno_names,
                             bool verbose);

/* Formats one key attribute 'a' with mask attribute 'ma' (NULL if there
 * is no mask). */
static void
format_key_attr(struct ds *ds, const struct nlattr *a,
                const struct nlattr *ma, const struct hmap *portno_names,
                bool verbose)
{
    uint16_t type = nl_attr_type(a);
    const struct odp_key_desc *desc = key_desc(type);
    size_t size = nl_attr_get_size(a);
    char namebuf[32];

    ds_put_format(ds, "%s(", ovs_key_attr_to_string(type, namebuf,
                                                    sizeof namebuf));
    if (!desc) {
        format_hex_bytes(ds, nl_attr_get(a), size);
        if (ma) {
            ds_put_char(ds, '/');
            format_hex_bytes(ds, nl_attr_get(ma), nl_attr_get_size(ma));
        }
        ds_put_char(ds, ')');
        return;
    }
    if (desc->len >= 0 && (size != desc->len
                           || (ma && nl_attr_get_size(ma) != size))) {
        ds_put_format(ds, "bad key length %zu, expected %d)(",
                      size, desc->len);
        format_hex_bytes(ds, nl_attr_get(a), size);
        ds_put_char(ds, ')');
        return;
    }

    switch (type) {
    case OVS_KEY_ATTR_ENCAP:
        if (ma && nl_attr_get_size(ma)) {
            format_key_attrs(ds, nl_attr_get(a), size, nl_attr_get(ma),
                             nl_attr_get_size(ma), portno_names, verbose);
        } else {
            format_key_attrs(ds, nl_attr_get(a), size, NULL, 0,
                             portno_names, verbose);
        }
        break;
    case OVS_KEY_ATTR_TUNNEL:
        format_tunnel(ds, a, ma, verbose);
        break;
    case OVS_KEY_ATTR_IN_PORT: {
        uint32_t port = nl_attr_get_u32(a);
        format_odp_port(ds, port, portno_names);
        if (ma && nl_attr_get_u32(ma) != UINT32_MAX) {
            ds_put_format(ds, "/%#"PRIx32, nl_attr_get_u32(ma));
        }
        break;
    }
    case OVS_KEY_ATTR_VLAN:
        format_vlan_tci(ds, nl_attr_get_be16(a),
                        ma ? nl_attr_get_be16(ma) : htons(0xffff), verbose);
        break;
    case OVS_KEY_ATTR_PACKET_TYPE: {
        uint32_t pt = ntohl(nl_attr_get_be32(a));
        uint32_t m = ma ? ntohl(nl_attr_get_be32(ma)) : UINT32_MAX;

        ds_put_format(ds, "ns=%u", pt >> 16);
        if (m >> 16 != 0xffff) {
            ds_put_format(ds, "/%#x", m >> 16);
        }
        ds_put_format(ds, ",id=%#x", pt & 0xffff);
        if ((m & 0xffff) != 0xffff) {
            ds_put_format(ds, "/%#x", m & 0xffff);
        }
        break;
    }
    default:
        format_fields(ds, desc, nl_attr_get(a), ma ? nl_attr_get(ma) : NULL,
                      verbose);
        break;
    }
    ds_put_char(ds, ')');
}

static const struct nlattr *
find_mask_attr(const struct nlattr *mask, size_t mask_len, uint16_t type)
{
    return mask ? nl_attr_find__(mask, mask_len, type) : NULL;
}

/* Returns true if the key attributes 'key' with mask 'mask' (NULL: exact)
 * have a packet_type attribute whose mask is not all zeros, that is, one
 * that the terse format shows. */
static bool
key_shows_packet_type(const struct nlattr *key, size_t key_len,
                      const struct nlattr *mask, size_t mask_len)
{
    const struct nlattr *ma;

    if (!nl_attr_find__(key, key_len, OVS_KEY_ATTR_PACKET_TYPE)) {
        return false;
    }
    if (!mask) {
        return true;
    }
    ma = find_mask_attr(mask, mask_len, OVS_KEY_ATTR_PACKET_TYPE);
    return ma && !attr_is_wildcard(ma);
}

/* Appends the 'key_len' bytes of key attributes at 'key' to 'ds', each with
 * its attribute from 'mask' (if nonnull).  Without 'verbose', attributes
 * whose mask is all zeros are left out, except that a wildcarded eth() is
 * shown as "eth()" when no packet_type is shown, to tell that the packet
 * is an Ethernet frame (as upstream prints kernel datapath flows and flows
 * added with dpctl/add-flow; the flows that the switch installs in the
 * userspace datapath show packet_type(ns=0,id=0) instead). */
static void
format_key_attrs(struct ds *ds, const struct nlattr *key, size_t key_len,
                 const struct nlattr *mask, size_t mask_len,
                 const struct hmap *portno_names, bool verbose)
{
    bool show_empty_eth = !key_shows_packet_type(key, key_len,
                                                 mask, mask_len);
    const struct nlattr *a;
    size_t left;

    NL_ATTR_FOR_EACH (a, left, key, key_len) {
        uint16_t type = nl_attr_type(a);
        const struct nlattr *ma = find_mask_attr(mask, mask_len, type);

        if (mask && !ma && type != OVS_KEY_ATTR_ENCAP) {
            /* No mask: the attribute is wildcarded. */
            if (type == OVS_KEY_ATTR_ETHERNET && !verbose
                && show_empty_eth) {
                ds_put_cstr(ds, "eth(),");
            }
            continue;
        }
        if (ma && !verbose && type == OVS_KEY_ATTR_ETHERNET
            && attr_is_wildcard(ma)) {
            if (show_empty_eth) {
                ds_put_cstr(ds, "eth(),");
            }
            continue;
        }
        if (ma && !verbose && type != OVS_KEY_ATTR_ENCAP
            && type != OVS_KEY_ATTR_TUNNEL && attr_is_wildcard(ma)) {
            continue;
        }
        if (ma && !verbose && type == OVS_KEY_ATTR_TUNNEL) {
            struct odp_tun_parsed m;
            if (tun_key_from_attr(ma, &m) != ODP_FIT_ERROR
                && is_all_zeros(&m.tnl, sizeof m.tnl)) {
                continue;
            }
        }
        format_key_attr(ds, a, ma, portno_names, verbose);
        ds_put_char(ds, ',');
    }
    if (left) {
        ds_put_format(ds, "<%zu bytes left>,", left);
    }
    ds_chomp(ds, ',');
}

/* Appends to 'ds' the datapath flow key 'key' with mask 'mask' (NULL or
 * 'mask_len' 0 for an exact key) as text, naming ports from
 * 'portno_names' (may be NULL).  'verbose' prints every attribute and
 * field, with masks, as "dpctl/dump-flows -m" does. */
void
odp_flow_format(const struct nlattr *key, size_t key_len,
                const struct nlattr *mask, size_t mask_len,
                const struct hmap *portno_names, struct ds *ds, bool verbose)
{
    if (!key_len) {
        ds_put_cstr(ds, "<empty>");
        return;
    }
    format_key_attrs(ds, key, key_len, mask_len ? mask : NULL, mask_len,
                     portno_names, verbose);
}

/* Appends the exact key 'key' to 'ds' in full. */
void
odp_flow_key_format(const struct nlattr *key, size_t key_len, struct ds *ds)
{
    odp_flow_format(key, key_len, NULL, 0, NULL, ds, true);
}

/* ------------------------------------------------------------------------
 * struct flow to netlink. */

static uint8_t
ovs_to_odp_frag(uint8_t nw_frag, bool is_mask)
{
    if (is_mask) {
        return nw_frag & FLOW_NW_FRAG_MASK ? 0xff : 0;
    }
    return (!(nw_frag & FLOW_NW_FRAG_ANY) ? OVS_FRAG_TYPE_NONE
            : nw_frag & FLOW_NW_FRAG_LATER ? OVS_FRAG_TYPE_LATER
            : OVS_FRAG_TYPE_FIRST);
}

static bool
flow_has_tunnel(const struct flow_tnl *tnl)
{
    return tnl->ip_dst || ipv6_addr_is_set(&tnl->ipv6_dst);
}

/* Puts the L3 and L4 attributes (and, for VLAN frames, the tags and the
 * nested ENCAP) of 'flow' at VLAN nesting level 'level', taking values
 * from 'data' ('flow' itself, or the mask). */
static void
put_l2_5_onward(struct ofpbuf *buf, const struct flow *flow,
                const struct flow *data, bool export_mask,
                const struct odp_flow_key_parms *parms, int level)
{
    ovs_be16 dl_type = flow->dl_type;

    if (level < FLOW_MAX_VLAN_HEADERS
        && level < (int) (parms->support.max_vlan_headers
                          ? parms->support.max_vlan_headers
                          : FLOW_MAX_VLAN_HEADERS)
        && flow->vlans[level].tci & htons(ODP_VLAN_CFI)) {
        size_t encap;

        nl_msg_put_be16(buf, OVS_KEY_ATTR_ETHERTYPE,
                        export_mask ? htons(0xffff)
                        : flow->vlans[level].tpid);
        nl_msg_put_be16(buf, OVS_KEY_ATTR_VLAN, data->vlans[level].tci);
        encap = nl_msg_start_nested(buf, OVS_KEY_ATTR_ENCAP);
        put_l2_5_onward(buf, flow, data, export_mask, parms, level + 1);
        nl_msg_end_nested(buf, encap);
        return;
    }

    if (level < FLOW_MAX_VLAN_HEADERS
        && (dl_type == htons(ODP_ETH_TYPE_VLAN)
            || dl_type == htons(ODP_ETH_TYPE_VLAN_AD))) {
        /* A truncated VLAN header: the TPID and a zero TCI. */
        nl_msg_put_be16(buf, OVS_KEY_ATTR_ETHERTYPE, data->dl_type);
        nl_msg_put_be16(buf, OVS_KEY_ATTR_VLAN, data->vlans[level].tci);
        return;
    }
    if (ntohs(dl_type) < ODP_ETH_TYPE_MIN) {
        if (export_mask) {
            nl_msg_put_be16(buf, OVS_KEY_ATTR_ETHERTYPE, htons(0xffff));
        }
        return;
    }
    nl_msg_put_be16(buf, OVS_KEY_ATTR_ETHERTYPE, data->dl_type);

    if (dl_type == htons(ODP_ETH_TYPE_IP)) {
        struct ovs_key_ipv4 *ipv4 = nl_msg_put_unspec_uninit(
            buf, OVS_KEY_ATTR_IPV4, sizeof *ipv4);

        ipv4->ipv4_src = data->nw_src;
        ipv4->ipv4_dst = data->nw_dst;
        ipv4->ipv4_proto = data->nw_proto;
        ipv4->ipv4_tos = data->nw_tos;
        ipv4->ipv4_ttl = data->nw_ttl;
        ipv4->ipv4_frag = ovs_to_odp_frag(data->nw_frag, export_mask);
    } else if (dl_type == htons(ODP_ETH_TYPE_IPV6)) {
        struct ovs_key_ipv6 *ipv6 = nl_msg_put_unspec_uninit(
            buf, OVS_KEY_ATTR_IPV6, sizeof *ipv6);

        memcpy(ipv6->ipv6_src, &data->ipv6_src, 16);
        memcpy(ipv6->ipv6_dst, &data->ipv6_dst, 16);
        ipv6->ipv6_label = data->ipv6_label;
        ipv6->ipv6_proto = data->nw_proto;
        ipv6->ipv6_tclass = data->nw_tos;
        ipv6->ipv6_hlimit = data->nw_ttl;
        ipv6->ipv6_frag = ovs_to_odp_frag(data->nw_frag, export_mask);
    } else if (dl_type == htons(ODP_ETH_TYPE_ARP)
               || dl_type == htons(ODP_ETH_TYPE_RARP)) {
        struct ovs_key_arp *arp = nl_msg_put_unspec_zero(
            buf, OVS_KEY_ATTR_ARP, sizeof *arp);

        arp->arp_sip = data->nw_src;
        arp->arp_tip = data->nw_dst;
        arp->arp_op = htons(export_mask && data->nw_proto == 0xff
                            ? 0xffff : data->nw_proto);
        memcpy(arp->arp_sha, data->arp_sha.ea, 6);
        memcpy(arp->arp_tha, data->arp_tha.ea, 6);
        return;
    } else {
        return;
    }

    if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
        return;
    }
    if (flow->nw_proto == ODP_IPPROTO_TCP) {
        struct ovs_key_tcp *tcp = nl_msg_put_unspec_uninit(
            buf, OVS_KEY_ATTR_TCP, sizeof *tcp);

        tcp->tcp_src = data->tp_src;
        tcp->tcp_dst = data->tp_dst;
        if (!parms->mask || flow->tcp_flags || parms->mask->tcp_flags) {
            nl_msg_put_be16(buf, OVS_KEY_ATTR_TCP_FLAGS, data->tcp_flags);
        }
    } else if (flow->nw_proto == ODP_IPPROTO_UDP) {
        struct ovs_key_udp *udp = nl_msg_put_unspec_uninit(
            buf, OVS_KEY_ATTR_UDP, sizeof *udp);

        udp->udp_src = data->tp_src;
        udp->udp_dst = data->tp_dst;
    } else if (flow->nw_proto == ODP_IPPROTO_SCTP) {
        struct ovs_key_sctp *sctp = nl_msg_put_unspec_uninit(
            buf, OVS_KEY_ATTR_SCTP, sizeof *sctp);

        sctp->sctp_src = data->tp_src;
        sctp->sctp_dst = data->tp_dst;
    } else if (dl_type == htons(ODP_ETH_TYPE_IP)
               && flow->nw_proto == ODP_IPPROTO_ICMP) {
        struct ovs_key_icmp *icmp = nl_msg_put_unspec_uninit(
            buf, OVS_KEY_ATTR_ICMP, sizeof *icmp);

        icmp->icmp_type = ntohs(data->tp_src);
        icmp->icmp_code = ntohs(data->tp_dst);
    } else if (dl_type == htons(ODP_ETH_TYPE_IPV6)
               && flow->nw_proto == ODP_IPPROTO_ICMPV6) {
        struct ovs_key_icmpv6 *icmpv6 = nl_msg_put_unspec_uninit(
            buf, OVS_KEY_ATTR_ICMPV6, sizeof *icmpv6);

        icmpv6->icmpv6_type = ntohs(data->tp_src);
        icmpv6->icmpv6_code = ntohs(data->tp_dst);
        if (flow->tp_dst == htons(0)
            && (flow->tp_src == htons(ODP_ND_SOLICIT)
                || flow->tp_src == htons(ODP_ND_ADVERT))) {
            struct ovs_key_nd *nd = nl_msg_put_unspec_uninit(
                buf, OVS_KEY_ATTR_ND, sizeof *nd);

            memcpy(nd->nd_target, &data->nd_target, 16);
            memcpy(nd->nd_sll, data->arp_sha.ea, 6);
            memcpy(nd->nd_tll, data->arp_tha.ea, 6);
        }
    }
}

/* Appends the key (or, with 'export_mask', the mask) of 'parms' to
 * 'buf'.  The choice of attributes always follows 'parms->flow'. */
static void
odp_flow_key_from_flow__(const struct odp_flow_key_parms *parms,
                         bool export_mask, struct ofpbuf *buf)
{
    const struct flow *flow = parms->flow;
    const struct flow *data = export_mask ? parms->mask : flow;
    struct ovs_key_ethernet *eth;

    nl_msg_put_u32(buf, OVS_KEY_ATTR_PRIORITY, data->skb_priority);
    if (flow_has_tunnel(&flow->tunnel)) {
        tun_key_to_attr(buf, OVS_KEY_ATTR_TUNNEL, &data->tunnel,
                        &flow->tunnel);
    }
    nl_msg_put_u32(buf, OVS_KEY_ATTR_SKB_MARK, data->pkt_mark);
    if (parms->support.ct_state) {
        struct ovs_key_ct_labels labels;

        nl_msg_put_u32(buf, OVS_KEY_ATTR_CT_STATE, data->ct_state);
        nl_msg_put_u16(buf, OVS_KEY_ATTR_CT_ZONE, data->ct_zone);
        nl_msg_put_u32(buf, OVS_KEY_ATTR_CT_MARK, data->ct_mark);
        memcpy(&labels, &data->ct_label, sizeof labels);
        nl_msg_put_unspec(buf, OVS_KEY_ATTR_CT_LABELS, &labels,
                          sizeof labels);
    }
    if (parms->support.recirc) {
        nl_msg_put_u32(buf, OVS_KEY_ATTR_RECIRC_ID, data->recirc_id);
        nl_msg_put_u32(buf, OVS_KEY_ATTR_DP_HASH, data->dp_hash);
    }
    if (export_mask || flow->in_port.odp_port != ODPP_NONE) {
        nl_msg_put_odp_port(buf, OVS_KEY_ATTR_IN_PORT,
                            data->in_port.odp_port);
    }
    if (parms->support.packet_type) {
        nl_msg_put_be32(buf, OVS_KEY_ATTR_PACKET_TYPE, data->packet_type);
    }
    eth = nl_msg_put_unspec_uninit(buf, OVS_KEY_ATTR_ETHERNET, sizeof *eth);
    memcpy(eth->eth_src, data->dl_src.ea, 6);
    memcpy(eth->eth_dst, data->dl_dst.ea, 6);

    put_l2_5_onward(buf, flow, data, export_mask, parms, 0);
}

/* Appends to 'buf' the datapath key for 'parms->flow', in the order Open
 * vSwitch uses: skb_priority, tunnel (if any), skb_mark, conntrack
 * fields (if parms->support.ct_state), recirc_id and dp_hash (if
 * parms->support.recirc), in_port (unless ODPP_NONE), packet_type (if
 * parms->support.packet_type), eth, VLAN tags with
 * nested encap, eth_type, L3, L4. */
void
odp_flow_key_from_flow(const struct odp_flow_key_parms *parms,
                       struct ofpbuf *buf)
{
    odp_flow_key_from_flow__(parms, false, buf);
}

/* Appends to 'buf' the mask 'parms->mask' as netlink attributes that
 * parallel the key odp_flow_key_from_flow() builds for 'parms->flow'. */
void
odp_flow_key_from_mask(const struct odp_flow_key_parms *parms,
                       struct ofpbuf *buf)
{
    odp_flow_key_from_flow__(parms, true, buf);
}

/* Computes in 'hash' a 128-bit hash of the 'key_len' bytes at 'key', for
 * use as a UFID. */
void
odp_flow_key_hash(const void *key, size_t key_len, ovs_u128 *hash)
{
    for (int i = 0; i < 4; i++) {
        hash->u32[i] = hash_bytes(key, key_len, 0x9e3779b9u * (i + 1));
    }
}

/* ------------------------------------------------------------------------
 * Netlink to struct flow. */

/* The attributes of one level of a key, indexed by type. */
struct odp_key_attrs {
    const struct nlattr *a[OVS_KEY_ATTR_MAX + 1];  /* By type, or NULL. */
    uint64_t present;           /* Bit per type in 'a'. */
    bool unknown;               /* Had attributes of unknown types? */
};

/* Indexes the attributes of one level of a key by type into 'out'.
 * Returns false, with a message in '*errorp' (if nonnull), for malformed
 * or duplicate attributes. */
static bool
collect_attrs(const struct nlattr *key, size_t key_len,
              struct odp_key_attrs *out, char **errorp)
{
    const struct nlattr *a;
    size_t left;

    memset(out, 0, sizeof *out);
    NL_ATTR_FOR_EACH (a, left, key, key_len) {
        uint16_t type = nl_attr_type(a);
        const struct odp_key_desc *desc = key_desc(type);

        if (!desc) {
            out->unknown = true;
            continue;
        }
        if (desc->len >= 0 && nl_attr_get_size(a) != desc->len) {
            if (errorp) {
                *errorp = xasprintf("attribute %s has length %zu "
                                    "but should have length %d",
                                    desc->name, nl_attr_get_size(a),
                                    desc->len);
            }
            return false;
        }
        if (out->present & (UINT64_C(1) << type)) {
            if (errorp) {
                *errorp = xasprintf("duplicate %s attribute", desc->name);
            }
            return false;
        }
        out->a[type] = a;
        out->present |= UINT64_C(1) << type;
    }
    if (left) {
        if (errorp) {
            *errorp = xasprintf("%zu bytes of garbage in key",
                                left);
        }
        return false;
    }
    return true;
}

#define KBIT(TYPE) (UINT64_C(1) << (TYPE))

/* Attributes that may appear in the outermost level of any key. */
#define ODP_METADATA_ATTRS (KBIT(OVS_KEY_ATTR_PRIORITY)          \
                            | KBIT(OVS_KEY_ATTR_IN_PORT)         \
                            | KBIT(OVS_KEY_ATTR_ETHERNET)        \
                            | KBIT(OVS_KEY_ATTR_SKB_MARK)        \
                            | KBIT(OVS_KEY_ATTR_TUNNEL)          \
                            | KBIT(OVS_KEY_ATTR_DP_HASH)         \
                            | KBIT(OVS_KEY_ATTR_RECIRC_ID)       \
                            | KBIT(OVS_KEY_ATTR_CT_STATE)        \
                            | KBIT(OVS_KEY_ATTR_CT_ZONE)         \
                            | KBIT(OVS_KEY_ATTR_CT_MARK)         \
                            | KBIT(OVS_KEY_ATTR_CT_LABELS)       \
                            | KBIT(OVS_KEY_ATTR_PACKET_TYPE))

/* Converts the L3/L4 attributes of 'attrs' (and nested VLANs starting at
 * 'level') into 'flow'.  With 'is_mask', the values are masks and 'src'
 * (the flow they mask) decides how to read them.  Accumulates expected
 * attribute bits in '*expected'. */
static enum odp_key_fitness
parse_l2_5_onward(const struct odp_key_attrs *attrs, struct flow *flow,
                  bool is_mask, const struct flow *src, int level,
                  char **errorp)
{
    uint64_t expected = 0;
    enum odp_key_fitness fit = ODP_FIT_PERFECT;
    ovs_be16 dl_type;

    /* Ethernet type. */
    if (attrs->a[OVS_KEY_ATTR_ETHERTYPE]) {
        ovs_be16 t = nl_attr_get_be16(attrs->a[OVS_KEY_ATTR_ETHERTYPE]);

        if (!is_mask && ntohs(t) < ODP_ETH_TYPE_MIN) {
            if (errorp) {
                *errorp = xasprintf("invalid Ethertype %"PRIu16" in flow "
                                    "key", ntohs(t));
            }
            return ODP_FIT_ERROR;
        }
        flow->dl_type = t;
        expected |= KBIT(OVS_KEY_ATTR_ETHERTYPE);
    } else if (!is_mask) {
        flow->dl_type = htons(ODP_DL_TYPE_NONE);
    }

    /* VLAN. */
    bool vlan_frame = (is_mask
                       ? (level < FLOW_MAX_VLAN_HEADERS
                          && src->vlans[level].tci & htons(ODP_VLAN_CFI))
                       : (flow->dl_type == htons(ODP_ETH_TYPE_VLAN)
                          || flow->dl_type == htons(ODP_ETH_TYPE_VLAN_AD)));
    if (vlan_frame && level < FLOW_MAX_VLAN_HEADERS) {
        const struct nlattr *va = attrs->a[OVS_KEY_ATTR_VLAN];
        const struct nlattr *ea = attrs->a[OVS_KEY_ATTR_ENCAP];

        if (!is_mask) {
            flow->vlans[level].tpid = flow->dl_type;
        } else {
            flow->vlans[level].tpid = (attrs->a[OVS_KEY_ATTR_ETHERTYPE]
                                       ? flow->dl_type : 0);
        }
        flow->dl_type = 0;
        if (!va) {
            return is_mask ? ODP_FIT_PERFECT : ODP_FIT_TOO_LITTLE;
        }
        flow->vlans[level].tci = nl_attr_get_be16(va);
        if (!is_mask && !(flow->vlans[level].tci & htons(ODP_VLAN_CFI))) {
            /* A truncated VLAN header: no encapsulated attributes. */
            if (flow->vlans[level].tci != htons(0) || ea) {
                if (errorp) {
                    *errorp = xstrdup("OVS_KEY_ATTR_VLAN 0x0000 "
                                      "malformed");
                }
                return ODP_FIT_ERROR;
            }
            flow->dl_type = flow->vlans[level].tpid;
            flow->vlans[level].tpid = 0;
            return attrs->unknown ? ODP_FIT_TOO_MUCH : ODP_FIT_PERFECT;
        }
        if (!ea) {
            return is_mask ? ODP_FIT_PERFECT : ODP_FIT_TOO_LITTLE;
        }

        struct odp_key_attrs inner;
        if (!collect_attrs(nl_attr_get(ea), nl_attr_get_size(ea), &inner,
                           errorp)) {
            return ODP_FIT_ERROR;
        }
        enum odp_key_fitness inner_fit
            = parse_l2_5_onward(&inner, flow, is_mask, src, level + 1,
                                errorp);
        uint64_t outer_extra = attrs->present
            & ~(KBIT(OVS_KEY_ATTR_ETHERTYPE) | KBIT(OVS_KEY_ATTR_VLAN)
                | KBIT(OVS_KEY_ATTR_ENCAP)
                | (level ? 0 : ODP_METADATA_ATTRS));
        if (inner_fit == ODP_FIT_ERROR) {
            return inner_fit;
        }
        if (!is_mask && (attrs->unknown || outer_extra)) {
            return MAX(inner_fit, ODP_FIT_TOO_MUCH);
        }
        return inner_fit;
    }

    dl_type = is_mask ? src->dl_type : flow->dl_type;
    const struct flow *decider = is_mask ? src : flow;

    if (dl_type == htons(ODP_ETH_TYPE_IP)) {
        expected |= KBIT(OVS_KEY_ATTR_IPV4);
        if (attrs->a[OVS_KEY_ATTR_IPV4]) {
            const struct ovs_key_ipv4 *k
                = nl_attr_get(attrs->a[OVS_KEY_ATTR_IPV4]);

            flow->nw_src = k->ipv4_src;
            flow->nw_dst = k->ipv4_dst;
            flow->nw_proto = k->ipv4_proto;
            flow->nw_tos = k->ipv4_tos;
            flow->nw_ttl = k->ipv4_ttl;
            if (is_mask) {
                flow->nw_frag = k->ipv4_frag ? FLOW_NW_FRAG_MASK : 0;
            } else if (k->ipv4_frag > OVS_FRAG_TYPE_LATER) {
                if (errorp) {
                    *errorp = xasprintf("invalid frag %u in flow key",
                                        k->ipv4_frag);
                }
                return ODP_FIT_ERROR;
            } else {
                flow->nw_frag = (k->ipv4_frag == OVS_FRAG_TYPE_NONE ? 0
                                 : k->ipv4_frag == OVS_FRAG_TYPE_FIRST
                                 ? FLOW_NW_FRAG_ANY
                                 : FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
            }
        }
    } else if (dl_type == htons(ODP_ETH_TYPE_IPV6)) {
        expected |= KBIT(OVS_KEY_ATTR_IPV6);
        if (attrs->a[OVS_KEY_ATTR_IPV6]) {
            const struct ovs_key_ipv6 *k
                = nl_attr_get(attrs->a[OVS_KEY_ATTR_IPV6]);

            memcpy(&flow->ipv6_src, k->ipv6_src, 16);
            memcpy(&flow->ipv6_dst, k->ipv6_dst, 16);
            flow->ipv6_label = k->ipv6_label;
            flow->nw_proto = k->ipv6_proto;
            flow->nw_tos = k->ipv6_tclass;
            flow->nw_ttl = k->ipv6_hlimit;
            if (is_mask) {
                flow->nw_frag = k->ipv6_frag ? FLOW_NW_FRAG_MASK : 0;
            } else if (k->ipv6_frag > OVS_FRAG_TYPE_LATER) {
                if (errorp) {
                    *errorp = xasprintf("invalid frag %u in flow key",
                                        k->ipv6_frag);
                }
                return ODP_FIT_ERROR;
            } else {
                flow->nw_frag = (k->ipv6_frag == OVS_FRAG_TYPE_NONE ? 0
                                 : k->ipv6_frag == OVS_FRAG_TYPE_FIRST
                                 ? FLOW_NW_FRAG_ANY
                                 : FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
            }
        }
    } else if (dl_type == htons(ODP_ETH_TYPE_ARP)
               || dl_type == htons(ODP_ETH_TYPE_RARP)) {
        expected |= KBIT(OVS_KEY_ATTR_ARP);
        if (attrs->a[OVS_KEY_ATTR_ARP]) {
            const struct ovs_key_arp *k
                = nl_attr_get(attrs->a[OVS_KEY_ATTR_ARP]);

            if (!is_mask && ntohs(k->arp_op) > 0xff) {
                if (errorp) {
                    *errorp = xasprintf("unsupported ARP opcode %"PRIu16" "
                                        "in flow key", ntohs(k->arp_op));
                }
                return ODP_FIT_ERROR;
            }
            flow->nw_src = k->arp_sip;
            flow->nw_dst = k->arp_tip;
            flow->nw_proto = ntohs(k->arp_op) & 0xff;
            memcpy(flow->arp_sha.ea, k->arp_sha, 6);
            memcpy(flow->arp_tha.ea, k->arp_tha, 6);
        }
    }

    bool l4 = ((dl_type == htons(ODP_ETH_TYPE_IP)
                || dl_type == htons(ODP_ETH_TYPE_IPV6))
               && !(decider->nw_frag & FLOW_NW_FRAG_LATER)
               && (attrs->a[OVS_KEY_ATTR_IPV4]
                   || attrs->a[OVS_KEY_ATTR_IPV6] || is_mask));
    if (l4) {
        uint8_t proto = decider->nw_proto;
        const struct nlattr *a = NULL;

        if (proto == ODP_IPPROTO_TCP) {
            expected |= KBIT(OVS_KEY_ATTR_TCP);
            a = attrs->a[OVS_KEY_ATTR_TCP];
            if (attrs->a[OVS_KEY_ATTR_TCP_FLAGS]) {
                expected |= KBIT(OVS_KEY_ATTR_TCP_FLAGS);
                flow->tcp_flags
                    = nl_attr_get_be16(attrs->a[OVS_KEY_ATTR_TCP_FLAGS]);
            }
        } else if (proto == ODP_IPPROTO_UDP) {
            expected |= KBIT(OVS_KEY_ATTR_UDP);
            a = attrs->a[OVS_KEY_ATTR_UDP];
        } else if (proto == ODP_IPPROTO_SCTP) {
            expected |= KBIT(OVS_KEY_ATTR_SCTP);
            a = attrs->a[OVS_KEY_ATTR_SCTP];
        }
        if (a) {
            const ovs_be16 *ports = nl_attr_get(a);

            flow->tp_src = ports[0];
            flow->tp_dst = ports[1];
        }
        if (dl_type == htons(ODP_ETH_TYPE_IP)
            && proto == ODP_IPPROTO_ICMP) {
            expected |= KBIT(OVS_KEY_ATTR_ICMP);
            if (attrs->a[OVS_KEY_ATTR_ICMP]) {
                const struct ovs_key_icmp *k
                    = nl_attr_get(attrs->a[OVS_KEY_ATTR_ICMP]);
                flow->tp_src = htons(k->icmp_type);
                flow->tp_dst = htons(k->icmp_code);
            }
        } else if (dl_type == htons(ODP_ETH_TYPE_IPV6)
                   && proto == ODP_IPPROTO_ICMPV6) {
            expected |= KBIT(OVS_KEY_ATTR_ICMPV6);
            if (attrs->a[OVS_KEY_ATTR_ICMPV6]) {
                const struct ovs_key_icmpv6 *k
                    = nl_attr_get(attrs->a[OVS_KEY_ATTR_ICMPV6]);
                flow->tp_src = htons(k->icmpv6_type);
                flow->tp_dst = htons(k->icmpv6_code);
            }
            if (decider->tp_dst == htons(0)
                && (decider->tp_src == htons(ODP_ND_SOLICIT)
                    || decider->tp_src == htons(ODP_ND_ADVERT))) {
                expected |= KBIT(OVS_KEY_ATTR_ND);
                if (attrs->a[OVS_KEY_ATTR_ND]) {
                    const struct ovs_key_nd *k
                        = nl_attr_get(attrs->a[OVS_KEY_ATTR_ND]);
                    memcpy(&flow->nd_target, k->nd_target, 16);
                    memcpy(flow->arp_sha.ea, k->nd_sll, 6);
                    memcpy(flow->arp_tha.ea, k->nd_tll, 6);
                }
            }
        }
    }

    if (is_mask) {
        return ODP_FIT_PERFECT;
    }

    /* Compare what the flow calls for with what the key had.  Metadata and
     * Ethernet are optional. */
    uint64_t present = attrs->present & ~(level ? 0 : ODP_METADATA_ATTRS);
    if (expected & ~present) {
        fit = ODP_FIT_TOO_LITTLE;
    } else if (present & ~expected || attrs->unknown) {
        fit = ODP_FIT_TOO_MUCH;
    }
    return fit;
}

/* Parses the metadata and Ethernet attributes of 'attrs' into 'flow'. */
static enum odp_key_fitness
parse_metadata(const struct odp_key_attrs *attrs, struct flow *flow,
               bool is_mask)
{
    const struct nlattr *const *a = attrs->a;
    enum odp_key_fitness fit = ODP_FIT_PERFECT;

    if (a[OVS_KEY_ATTR_PRIORITY]) {
        flow->skb_priority = nl_attr_get_u32(a[OVS_KEY_ATTR_PRIORITY]);
    }
    if (a[OVS_KEY_ATTR_SKB_MARK]) {
        flow->pkt_mark = nl_attr_get_u32(a[OVS_KEY_ATTR_SKB_MARK]);
    }
    if (a[OVS_KEY_ATTR_RECIRC_ID]) {
        flow->recirc_id = nl_attr_get_u32(a[OVS_KEY_ATTR_RECIRC_ID]);
    }
    if (a[OVS_KEY_ATTR_DP_HASH]) {
        flow->dp_hash = nl_attr_get_u32(a[OVS_KEY_ATTR_DP_HASH]);
    }
    if (a[OVS_KEY_ATTR_CT_STATE]) {
        flow->ct_state = nl_attr_get_u32(a[OVS_KEY_ATTR_CT_STATE]);
    }
    if (a[OVS_KEY_ATTR_CT_ZONE]) {
        flow->ct_zone = nl_attr_get_u16(a[OVS_KEY_ATTR_CT_ZONE]);
    }
    if (a[OVS_KEY_ATTR_CT_MARK]) {
        flow->ct_mark = nl_attr_get_u32(a[OVS_KEY_ATTR_CT_MARK]);
    }
    if (a[OVS_KEY_ATTR_CT_LABELS]) {
        flow->ct_label = nl_attr_get_u128(a[OVS_KEY_ATTR_CT_LABELS]);
    }
    if (a[OVS_KEY_ATTR_PACKET_TYPE]) {
        flow->packet_type = nl_attr_get_be32(a[OVS_KEY_ATTR_PACKET_TYPE]);
    }
    if (a[OVS_KEY_ATTR_TUNNEL]) {
        struct odp_tun_parsed t;

        fit = tun_key_from_attr(a[OVS_KEY_ATTR_TUNNEL], &t);
        if (fit == ODP_FIT_ERROR) {
            return fit;
        }
        if (is_mask && t.present & (1u << OVS_TUNNEL_KEY_ATTR_ID)) {
            t.tnl.flags |= FLOW_TNL_F_KEY;
        }
        flow->tunnel = t.tnl;
    }
    if (a[OVS_KEY_ATTR_IN_PORT]) {
        flow->in_port.odp_port = nl_attr_get_u32(a[OVS_KEY_ATTR_IN_PORT]);
    } else if (!is_mask) {
        flow->in_port.odp_port = ODPP_NONE;
    }
    if (a[OVS_KEY_ATTR_ETHERNET]) {
        const struct ovs_key_ethernet *eth
            = nl_attr_get(a[OVS_KEY_ATTR_ETHERNET]);

        memcpy(flow->dl_src.ea, eth->eth_src, 6);
        memcpy(flow->dl_dst.ea, eth->eth_dst, 6);
    }
    return fit;
}

/* Converts the datapath key in the 'key_len' bytes at 'key' into 'flow'
 * (which is zeroed first).  Returns how well the key fits what we expect;
 * on ODP_FIT_ERROR, stores an error message in '*errorp' (if nonnull),
 * which the caller must free. */
enum odp_key_fitness
odp_flow_key_to_flow(const struct nlattr *key, size_t key_len,
                     struct flow *flow, char **errorp)
{
    struct odp_key_attrs attrs;
    enum odp_key_fitness fit, fit2;

    if (errorp) {
        *errorp = NULL;
    }
    memset(flow, 0, sizeof *flow);
    if (!collect_attrs(key, key_len, &attrs, errorp)) {
        return ODP_FIT_ERROR;
    }
    fit = parse_metadata(&attrs, flow, false);
    if (fit == ODP_FIT_ERROR) {
        if (errorp && !*errorp) {
            *errorp = xstrdup("malformed tunnel key");
        }
        return fit;
    }
    fit2 = parse_l2_5_onward(&attrs, flow, false, NULL, 0, errorp);
    return MAX(fit, fit2);
}

/* Converts the datapath mask in the 'mask_key_len' bytes at 'mask_key'
 * into 'mask', interpreting it against 'flow' (the key it masks).
 * Attributes absent from the mask are wildcarded.  An empty mask means an
 * exact match. */
enum odp_key_fitness
odp_flow_key_to_mask(const struct nlattr *mask_key, size_t mask_key_len,
                     struct flow_wildcards *mask, const struct flow *flow,
                     char **errorp)
{
    struct odp_key_attrs attrs;
    enum odp_key_fitness fit;

    if (errorp) {
        *errorp = NULL;
    }
    if (!mask_key_len) {
        memset(&mask->masks, 0xff, sizeof mask->masks);
        return ODP_FIT_PERFECT;
    }
    memset(&mask->masks, 0, sizeof mask->masks);
    if (!collect_attrs(mask_key, mask_key_len, &attrs, errorp)) {
        return ODP_FIT_ERROR;
    }
    fit = parse_metadata(&attrs, &mask->masks, true);
    if (fit == ODP_FIT_ERROR) {
        return fit;
    }
    fit = parse_l2_5_onward(&attrs, &mask->masks, true, flow, 0, errorp);
    return fit == ODP_FIT_ERROR ? fit : ODP_FIT_PERFECT;
}

/* ------------------------------------------------------------------------
 * Parsing keys from text. */

static void
skip_spaces(const char **sp)
{
    while (isspace((unsigned char) **sp)) {
        (*sp)++;
    }
}

/* Copies into 'buf' (of 'size' bytes) the token at '*sp' that ends before
 * any of 'stops', advancing '*sp'.  Returns false if it is empty or too
 * long. */
static bool
get_token(const char **sp, const char *stops, char *buf, size_t size)
{
    size_t n = strcspn(*sp, stops);

    if (!n || n >= size) {
        return false;
    }
    memcpy(buf, *sp, n);
    buf[n] = '\0';
    *sp += n;
    return true;
}

static bool
consume(const char **sp, const char *lit)
{
    size_t n = strlen(lit);

    if (!strncmp(*sp, lit, n)) {
        *sp += n;
        return true;
    }
    return false;
}

/* Parses an unsigned integer (decimal, 0x hex or 0 octal) at most 'max'. */
static bool
parse_uint_tok(const char **sp, uint64_t max, uint64_t *out)
{
    char tok[64];
    char *end;

    if (!get_token(sp, ",)/- ", tok, sizeof tok)) {
        return false;
    }
    errno = 0;
    *out = strtoull(tok, &end, 0);
    return !errno && !*end && *out <= max && tok[0] != '-';
}

/* Parses an Ethernet address xx:xx:xx:xx:xx:xx. */
static bool
parse_eth_tok(const char **sp, uint8_t ea[6])
{
    int n = 0;

    if (sscanf(*sp, "%2hhx:%2hhx:%2hhx:%2hhx:%2hhx:%2hhx%n",
               &ea[0], &ea[1], &ea[2], &ea[3], &ea[4], &ea[5], &n) == 6
        && n) {
        *sp += n;
        return true;
    }
    return false;
}

/* Parses an IPv4 or IPv6 address ('family') or, with 'prefix_ok', a prefix
 * length, into 'addr'. */
static bool
parse_ip_tok(const char **sp, int family, void *addr, bool prefix_ok)
{
    char tok[64];
    size_t size = family == AF_INET ? 4 : 16;

    if (!get_token(sp, ",)/ ", tok, sizeof tok)) {
        return false;
    }
    if (prefix_ok && !strpbrk(tok, ".:")) {
        char *end;
        unsigned long plen = strtoul(tok, &end, 10);
        uint8_t *p = addr;

        if (*end || plen > size * 8) {
            return false;
        }
        memset(addr, 0, size);
        for (size_t i = 0; i < plen; i++) {
            p[i / 8] |= 0x80 >> (i % 8);
        }
        return true;
    }
    return inet_pton(family, tok, addr) == 1;
}

/* Parses flags named by 'to_string' as "a|b" (mask 'all'), "+a-b" (mask
 * the bits named) or a number with optional "/mask". */
static bool
parse_flags_tok(const char **sp, const char *(*to_string)(uint32_t),
                uint32_t all, uint32_t *value, uint32_t *mask)
{
    *value = *mask = 0;
    if (**sp == '+' || **sp == '-') {
        while (**sp == '+' || **sp == '-') {
            bool set = **sp == '+';
            char name[32];
            uint32_t bit;

            (*sp)++;
            if (!get_token(sp, "+-,)/ ", name, sizeof name)) {
                return false;
            }
            for (bit = 1; bit; bit <<= 1) {
                const char *s = to_string(bit);
                if (s && !strcmp(s, name)) {
                    break;
                }
            }
            if (!bit) {
                return false;
            }
            *mask |= bit;
            if (set) {
                *value |= bit;
            }
        }
        return true;
    }
    if (isdigit((unsigned char) **sp)) {
        uint64_t v, m = all;

        if (!parse_uint_tok(sp, all, &v)) {
            return false;
        }
        if (consume(sp, "/") && !parse_uint_tok(sp, all, &m)) {
            return false;
        }
        *value = v;
        *mask = m;
        return true;
    }
    for (;;) {
        char name[32];
        uint32_t bit;

        if (!get_token(sp, "|,)/ ", name, sizeof name)) {
            return false;
        }
        for (bit = 1; bit; bit <<= 1) {
            const char *s = to_string(bit);
            if (s && !strcmp(s, name)) {
                break;
            }
        }
        if (!bit) {
            return false;
        }
        *value |= bit;
        if (!consume(sp, "|")) {
            break;
        }
    }
    *mask = all;
    return true;
}

/* Parses a 128-bit value in 0x hex or a decimal 64-bit one. */
static bool
parse_u128_tok(const char **sp, ovs_u128 *x)
{
    char tok[64];
    size_t n;
    const char *hex;

    if (!get_token(sp, ",)/ ", tok, sizeof tok)) {
        return false;
    }
    memset(x, 0, sizeof *x);
    hex = tok;
    if (!strncmp(hex, "0x", 2) || !strncmp(hex, "0X", 2)) {
        hex += 2;
    } else {
        char *end;
        x->u64.lo = strtoull(tok, &end, 10);
        return !*end;
    }
    n = strlen(hex);
    if (!n || n > 32) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        int c = hex[n - 1 - i];
        int d = (isdigit(c) ? c - '0'
                 : isxdigit(c) ? tolower(c) - 'a' + 10 : -1);
        if (d < 0) {
            return false;
        }
        if (i < 16) {
            x->u64.lo |= (uint64_t) d << (4 * i);
        } else {
            x->u64.hi |= (uint64_t) d << (4 * (i - 16));
        }
    }
    return true;
}

/* Parses one field value (and optional "/mask") at '*sp' into 'v' and 'm'
 * according to 'f'.  Returns false on a syntax error. */
static bool
parse_field(const char **sp, const struct odp_field *f, uint8_t *v,
            uint8_t *m)
{
    uint64_t max = f->size >= 8 ? UINT64_MAX
                   : (UINT64_C(1) << (8 * f->size)) - 1;
    uint64_t x;

    memset(m, 0xff, f->size);
    switch (f->fmt) {
    case FF_DEC:
    case FF_HEX:
    case FF_HEX4:
        if (!parse_uint_tok(sp, max, &x)) {
            return false;
        }
        put_uint(v, f->size, f->be, x);
        if (consume(sp, "/")) {
            if (!parse_uint_tok(sp, max, &x)) {
                return false;
            }
            put_uint(m, f->size, f->be, x);
        }
        return true;
    case FF_FRAG:
        if (consume(sp, "no")) {
            *v = OVS_FRAG_TYPE_NONE;
        } else if (consume(sp, "first")) {
            *v = OVS_FRAG_TYPE_FIRST;
        } else if (consume(sp, "later")) {
            *v = OVS_FRAG_TYPE_LATER;
        } else if (!parse_uint_tok(sp, max, &x)) {
            return false;
        } else {
            *v = x;
        }
        if (consume(sp, "/")) {
            if (!parse_uint_tok(sp, max, &x)) {
                return false;
            }
            *m = x;
        }
        return true;
    case FF_ETH:
        if (!parse_eth_tok(sp, v)) {
            return false;
        }
        return !consume(sp, "/") || parse_eth_tok(sp, m);
    case FF_IPV4:
        if (!parse_ip_tok(sp, AF_INET, v, false)) {
            return false;
        }
        return !consume(sp, "/") || parse_ip_tok(sp, AF_INET, m, true);
    case FF_IPV6:
        if (!parse_ip_tok(sp, AF_INET6, v, false)) {
            return false;
        }
        return !consume(sp, "/") || parse_ip_tok(sp, AF_INET6, m, true);
    case FF_TCP_FLAGS:
    case FF_CT_STATE: {
        uint32_t value, mask;
        bool tcp = f->fmt == FF_TCP_FLAGS;

        if (!parse_flags_tok(sp, tcp ? tcp_flag_to_string
                             : ct_state_to_string,
                             tcp ? 0xffff : UINT32_MAX, &value, &mask)) {
            return false;
        }
        if (!tcp && mask == UINT32_MAX) {
            /* Without a mask, the conntrack state bits that exist. */
            mask = 0xff;
        }
        put_uint(v, f->size, f->be, value);
        put_uint(m, f->size, f->be, mask);
        return true;
    }
    case FF_U128: {
        ovs_u128 a, b;

        if (!parse_u128_tok(sp, &a)) {
            return false;
        }
        memcpy(v, &a, 16);
        if (consume(sp, "/")) {
            if (!parse_u128_tok(sp, &b)) {
                return false;
            }
            memcpy(m, &b, 16);
        }
        return true;
    }
    }
    return false;
}

/* Parser state. */
struct odp_parse {
    const char *s;              /* Current position. */
    const struct simap *port_names;  /* Port name to number, or NULL. */
    char *error;                /* Error message, or NULL. */
    bool attr_error;            /* 'error' names the failed attribute. */
};

/* Records error 'what' at the current position unless an error is already
 * recorded.  Returns false. */
static bool
parse_error(struct odp_parse *p, const char *what)
{
    if (!p->error) {
        p->error = xasprintf("%s at `%s'", what, p->s);
    }
    return false;
}

/* Parses a port number or a name from 'p->port_names'. */
static bool
parse_port(struct odp_parse *p, uint32_t *port)
{
    uint64_t x;
    char name[64];
    const char *save = p->s;

    if (isdigit((unsigned char) *p->s)) {
        if (!parse_uint_tok(&p->s, UINT32_MAX, &x)) {
            p->s = save;
            return parse_error(p, "bad port number");
        }
        *port = x;
        return true;
    }
    if (p->port_names && get_token(&p->s, ",)/ ", name, sizeof name)) {
        const struct simap_node *node = simap_find(p->port_names, name);
        if (node) {
            *port = node->data;
            return true;
        }
    }
    p->s = save;
    return parse_error(p, "unknown port");
}

/* Parses the fields of a fixed-size attribute at 'p->s' (just after the
 * opening parenthesis) into 'v' and 'm'. */
static bool
parse_desc_fields(struct odp_parse *p, const struct odp_key_desc *desc,
                  uint8_t *v, uint8_t *m)
{
    memset(v, 0, desc->len);
    memset(m, 0, desc->len);
    if (!desc->fields[0].name) {
        if (!parse_field(&p->s, &desc->fields[0], v, m)) {
            return parse_error(p, "bad value");
        }
    } else {
        while (*p->s != ')') {
            char name[32];
            const struct odp_field *f = NULL;
            const char *start = p->s;

            if (!get_token(&p->s, "=,)", name, sizeof name)
                || !consume(&p->s, "=")) {
                return parse_error(p, "expected field=value");
            }
            for (size_t i = 0; i < desc->n_fields; i++) {
                if (!strcmp(desc->fields[i].name, name)) {
                    f = &desc->fields[i];
                }
            }
            if (!f) {
                p->s = start;
                return parse_error(p, "unknown field");
            }
            start = p->s;
            if (!parse_field(&p->s, f, v + f->ofs, m + f->ofs)) {
                p->s = start;
                return parse_error(p, "bad field value");
            }
            if (!consume(&p->s, ",")) {
                break;
            }
        }
    }
    if (!consume(&p->s, ")")) {
        return parse_error(p, "expected `)'");
    }
    return true;
}

/* Parses "vid=V,pcp=P[,cfi=C]" (each with optional mask, and "tpid=T" if
 * 'tpid' is nonnull) up to and including the closing parenthesis. */
static bool
parse_vlan(struct odp_parse *p, ovs_be16 *tci, ovs_be16 *mask,
           ovs_be16 *tpid)
{
    uint16_t t = ODP_VLAN_CFI, m = ODP_VLAN_CFI;

    while (*p->s != ')') {
        uint64_t v, vm;
        char name[16];

        if (!get_token(&p->s, "=,)", name, sizeof name)
            || !consume(&p->s, "=")) {
            return parse_error(p, "expected field=value");
        }
        if (!parse_uint_tok(&p->s, 0xffff, &v)) {
            return parse_error(p, "bad value");
        }
        vm = UINT64_MAX;
        if (consume(&p->s, "/") && !parse_uint_tok(&p->s, 0xffff, &vm)) {
            return parse_error(p, "bad mask");
        }
        if (!strcmp(name, "vid") && v <= 0xfff) {
            t = (t & ~0x0fff) | v;
            m = (m & ~0x0fff) | (vm & 0x0fff);
        } else if (!strcmp(name, "pcp") && v <= 7) {
            t = (t & ~0xe000) | (v << 13);
            m = (m & ~0xe000) | ((vm & 7) << 13);
        } else if (!strcmp(name, "cfi") && v <= 1) {
            t = (t & ~ODP_VLAN_CFI) | (v << 12);
            m = (m & ~ODP_VLAN_CFI) | ((vm & 1) << 12);
        } else if (!strcmp(name, "tpid") && tpid) {
            *tpid = htons(v);
        } else {
            return parse_error(p, "bad VLAN field");
        }
        if (!consume(&p->s, ",")) {
            break;
        }
    }
    if (!consume(&p->s, ")")) {
        return parse_error(p, "expected `)'");
    }
    *tci = htons(t);
    *mask = htons(m);
    return true;
}

/* Parses the fields of tunnel(...) into 'key' and 'mask'; 'decider' gets
 * nonzero values for the fields mentioned, for tun_key_to_attr(). */
static bool
parse_tunnel(struct odp_parse *p, struct flow_tnl *key,
             struct flow_tnl *mask, struct flow_tnl *decider)
{
    memset(key, 0, sizeof *key);
    memset(mask, 0, sizeof *mask);
    memset(decider, 0, sizeof *decider);
    while (*p->s != ')') {
        char name[16];
        uint64_t v, m;

        if (!get_token(&p->s, "=,()", name, sizeof name)) {
            return parse_error(p, "expected tunnel field");
        }
        if (!strcmp(name, "flags") && consume(&p->s, "(")) {
            uint32_t fv, fm;

            if (*p->s == ')') {
                fv = 0;
                fm = 0;
            } else if (!parse_flags_tok(&p->s, tun_flag_to_string, 0xffff,
                                        &fv, &fm)) {
                return parse_error(p, "bad tunnel flags");
            }
            if (!consume(&p->s, ")")) {
                return parse_error(p, "expected `)'");
            }
            key->flags |= fv & ~FLOW_TNL_F_KEY;
            mask->flags |= fm & ~FLOW_TNL_F_KEY;
        } else if (!consume(&p->s, "=")) {
            return parse_error(p, "expected `='");
        } else if (!strcmp(name, "src") || !strcmp(name, "dst")) {
            bool src = name[0] == 's';
            ovs_be32 *kv = src ? &key->ip_src : &key->ip_dst;
            ovs_be32 *mv = src ? &mask->ip_src : &mask->ip_dst;

            *mv = htonl(UINT32_MAX);
            if (!parse_ip_tok(&p->s, AF_INET, kv, false)
                || (consume(&p->s, "/")
                    && !parse_ip_tok(&p->s, AF_INET, mv, true))) {
                return parse_error(p, "bad tunnel address");
            }
            *(src ? &decider->ip_src : &decider->ip_dst) = 1;
        } else if (!strcmp(name, "ipv6_src") || !strcmp(name, "ipv6_dst")) {
            bool src = name[5] == 's';
            struct in6_addr *kv = src ? &key->ipv6_src : &key->ipv6_dst;
            struct in6_addr *mv = src ? &mask->ipv6_src : &mask->ipv6_dst;

            memset(mv, 0xff, sizeof *mv);
            if (!parse_ip_tok(&p->s, AF_INET6, kv, false)
                || (consume(&p->s, "/")
                    && !parse_ip_tok(&p->s, AF_INET6, mv, true))) {
                return parse_error(p, "bad tunnel address");
            }
            memset(src ? &decider->ipv6_src : &decider->ipv6_dst, 0xff,
                   sizeof *kv);
        } else {
            uint64_t max = (!strcmp(name, "tun_id") ? UINT64_MAX
                            : !strcmp(name, "tos") || !strcmp(name, "ttl")
                            ? 0xff : 0xffff);

            if (!parse_uint_tok(&p->s, max, &v)) {
                return parse_error(p, "bad tunnel field value");
            }
            m = max;
            if (consume(&p->s, "/") && !parse_uint_tok(&p->s, max, &m)) {
                return parse_error(p, "bad tunnel field mask");
            }
            if (!strcmp(name, "tun_id")) {
                key->tun_id = htobe64(v);
                mask->tun_id = htobe64(m);
                key->flags |= FLOW_TNL_F_KEY;
                decider->flags |= FLOW_TNL_F_KEY;
            } else if (!strcmp(name, "tos")) {
                key->ip_tos = v;
                mask->ip_tos = m;
                decider->ip_tos = 1;
            } else if (!strcmp(name, "ttl")) {
                key->ip_ttl = v;
                mask->ip_ttl = m;
            } else if (!strcmp(name, "tp_src")) {
                key->tp_src = htons(v);
                mask->tp_src = htons(m);
                decider->tp_src = 1;
            } else if (!strcmp(name, "tp_dst")) {
                key->tp_dst = htons(v);
                mask->tp_dst = htons(m);
                decider->tp_dst = 1;
            } else {
                return parse_error(p, "unknown tunnel field");
            }
        }
        if (!consume(&p->s, ",")) {
            break;
        }
    }
    if (!consume(&p->s, ")")) {
        return parse_error(p, "expected `)'");
    }
    return true;
}

static bool parse_key_attrs(struct odp_parse *, struct ofpbuf *key,
                            struct ofpbuf *mask, bool nested);

/* Parses one key attribute "name(...)" at 'p->s', appending it to 'key'
 * and its mask to 'mask' (if nonnull). */
static bool
parse_key_attr(struct odp_parse *p, struct ofpbuf *key, struct ofpbuf *mask)
{
    char name[32];
    uint16_t type;
    const struct odp_key_desc *desc = NULL;

    if (!get_token(&p->s, "(,)", name, sizeof name)
        || !consume(&p->s, "(")) {
        return parse_error(p, "syntax error");
    }
    if (!strcmp(name, "ct_labels")) {
        /* Accepted as a synonym. */
        strcpy(name, "ct_label");
    }
    for (type = 0; type < ARRAY_SIZE(key_descs); type++) {
        if (key_descs[type].name && !strcmp(key_descs[type].name, name)) {
            desc = &key_descs[type];
            break;
        }
    }
    if (!desc) {
        p->s -= strlen(name) + 1;
        return parse_error(p, "unknown key attribute");
    }

    switch (type) {
    case OVS_KEY_ATTR_ENCAP: {
        size_t ko = nl_msg_start_nested(key, OVS_KEY_ATTR_ENCAP);
        size_t mo = mask ? nl_msg_start_nested(mask, OVS_KEY_ATTR_ENCAP) : 0;

        if (!parse_key_attrs(p, key, mask, true)) {
            return false;
        }
        nl_msg_end_nested(key, ko);
        if (mask) {
            nl_msg_end_nested(mask, mo);
        }
        if (!consume(&p->s, ")")) {
            return parse_error(p, "expected `)'");
        }
        return true;
    }
    case OVS_KEY_ATTR_TUNNEL: {
        struct flow_tnl k, m, d;

        if (!parse_tunnel(p, &k, &m, &d)) {
            return false;
        }
        tun_key_to_attr(key, OVS_KEY_ATTR_TUNNEL, &k, &d);
        if (mask) {
            tun_key_to_attr(mask, OVS_KEY_ATTR_TUNNEL, &m, &d);
        }
        return true;
    }
    case OVS_KEY_ATTR_IN_PORT: {
        uint32_t port;
        uint64_t m = UINT32_MAX;

        if (!parse_port(p, &port)) {
            return false;
        }
        if (consume(&p->s, "/") && !parse_uint_tok(&p->s, UINT32_MAX, &m)) {
            return parse_error(p, "bad mask");
        }
        if (!consume(&p->s, ")")) {
            return parse_error(p, "expected `)'");
        }
        nl_msg_put_u32(key, type, port);
        if (mask) {
            nl_msg_put_u32(mask, type, m);
        }
        return true;
    }
    case OVS_KEY_ATTR_VLAN: {
        ovs_be16 tci, m;

        if (!parse_vlan(p, &tci, &m, NULL)) {
            return false;
        }
        nl_msg_put_be16(key, type, tci);
        if (mask) {
            nl_msg_put_be16(mask, type, m);
        }
        return true;
    }
    case OVS_KEY_ATTR_PACKET_TYPE: {
        uint64_t ns = 0, id = 0, nsm = 0xffff, idm = 0xffff;

        if (!consume(&p->s, "ns=") || !parse_uint_tok(&p->s, 0xffff, &ns)
            || (consume(&p->s, "/") && !parse_uint_tok(&p->s, 0xffff, &nsm))
            || !consume(&p->s, ",id=")
            || !parse_uint_tok(&p->s, 0xffff, &id)
            || (consume(&p->s, "/") && !parse_uint_tok(&p->s, 0xffff, &idm))
            || !consume(&p->s, ")")) {
            return parse_error(p, "bad packet_type");
        }
        nl_msg_put_be32(key, type, htonl((ns << 16) | id));
        if (mask) {
            nl_msg_put_be32(mask, type, htonl((nsm << 16) | idm));
        }
        return true;
    }
    default: {
        uint8_t v[64], m[64];

        if (!parse_desc_fields(p, desc, v, m)) {
            return false;
        }
        nl_msg_put_unspec(key, type, v, desc->len);
        if (mask) {
            nl_msg_put_unspec(mask, type, m, desc->len);
        }
        return true;
    }
    }
}

/* Parses key attributes separated by commas or white space, up to the end
 * of the string or, if 'nested', a closing parenthesis.  On error, the
 * message names the attribute that failed, as Open vSwitch's does
 * ("syntax error at ipv4(...)..."). */
static bool
parse_key_attrs(struct odp_parse *p, struct ofpbuf *key,
                struct ofpbuf *mask, bool nested)
{
    for (;;) {
        const char *start;

        skip_spaces(&p->s);
        if (!*p->s || (nested && *p->s == ')')) {
            return true;
        }
        start = p->s;
        if (!parse_key_attr(p, key, mask)) {
            if (!p->attr_error) {
                free(p->error);
                p->error = xasprintf("syntax error at %s", start);
                p->attr_error = true;
            }
            return false;
        }
        skip_spaces(&p->s);
        if (consume(&p->s, ",")) {
            skip_spaces(&p->s);
        }
    }
}

/* Parses the datapath flow 's' (e.g. "in_port(1),eth(...),...") into
 * netlink key attributes appended to 'key' and, if 'mask' is nonnull, mask
 * attributes appended to 'mask' (a field without "/mask" is exact; a
 * field not mentioned is wildcarded).  Port names are looked up in
 * 'port_names' (may be NULL).  Returns 0 or EINVAL; on error, stores a
 * message in '*errorp' (if nonnull), which the caller must free. */
int
odp_flow_from_string(const char *s, const struct simap *port_names,
                     struct ofpbuf *key, struct ofpbuf *mask, char **errorp)
{
    struct odp_parse p = { .s = s, .port_names = port_names };

    if (errorp) {
        *errorp = NULL;
    }
    if (!parse_key_attrs(&p, key, mask, false)) {
        if (errorp) {
            *errorp = p.error;
        } else {
            free(p.error);
        }
        return EINVAL;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Actions: text. */

static void
format_set_action(struct ds *ds, const struct nlattr *a, bool masked)
{
    const struct nlattr *key = nl_attr_get(a);
    size_t size = nl_attr_get_size(a);

    if (size < NLA_HDRLEN || !nl_attr_is_valid(key, size)) {
        ds_put_cstr(ds, "set(<malformed>)");
        return;
    }
    ds_put_cstr(ds, "set(");
    if (!masked) {
        format_key_attr(ds, key, NULL, NULL, false);
    } else {
        size_t half = nl_attr_get_size(key) / 2;
        struct ofpbuf kb, mb;
        uint64_t kstub[64], mstub[64];

        ofpbuf_use_stub(&kb, kstub, sizeof kstub);
        ofpbuf_use_stub(&mb, mstub, sizeof mstub);
        nl_msg_put_unspec(&kb, nl_attr_type(key), nl_attr_get(key), half);
        nl_msg_put_unspec(&mb, nl_attr_type(key),
                          (const uint8_t *) nl_attr_get(key) + half, half);
        format_key_attr(ds, kb.data, mb.data, NULL, false);
        ofpbuf_uninit(&kb);
        ofpbuf_uninit(&mb);
    }
    ds_put_char(ds, ')');
}

static const char *
slow_path_reason_to_string(uint32_t bit)
{
    switch (bit) {
    case ODP_SLOW_CFM: return "cfm";
    case ODP_SLOW_BFD: return "bfd";
    case ODP_SLOW_LACP: return "lacp";
    case ODP_SLOW_STP: return "stp";
    case ODP_SLOW_LLDP: return "lldp";
    case ODP_SLOW_ACTION: return "action";
    case ODP_SLOW_MATCH: return "match";
    }
    return NULL;
}

/* All the ODP_SLOW_* bits. */
#define ODP_SLOW_ALL (ODP_SLOW_MATCH * 2 - 1)

/* Appends ",TEXT" for 'cookie' to 'ds': the decoded form of a cookie of a
 * known type, else the raw bytes of 'userdata' as ",userdata(HEX)". */
static void
format_user_action_cookie(struct ds *ds,
                          const struct user_action_cookie *cookie,
                          const struct nlattr *userdata)
{
    switch (cookie->type) {
    case USER_ACTION_COOKIE_CONTROLLER:
        ds_put_format(ds, ",controller(reason=%"PRIu16
                      ",dont_send=%d,continuation=%d,recirc_id=%"PRIu32
                      ",rule_cookie=%#"PRIx64",controller_id=%"PRIu16
                      ",max_len=%"PRIu16")",
                      cookie->reason, cookie->dont_send != 0,
                      cookie->continuation != 0, cookie->recirc_id,
                      ((uint64_t) ntohl(cookie->rule_cookie_hi) << 32)
                      | ntohl(cookie->rule_cookie_lo),
                      cookie->controller_id, cookie->max_len);
        return;
    case USER_ACTION_COOKIE_SFLOW: {
        uint16_t tci = ntohs(cookie->u.sflow.vlan_tci);

        ds_put_format(ds, ",sFlow(vid=%d,pcp=%d,output=%"PRIu32")",
                      tci & 0xfff, tci >> 13, cookie->u.sflow.output);
        return;
    }
    case USER_ACTION_COOKIE_SLOW_PATH: {
        uint32_t reasons = cookie->u.slow_path_reason;

        /* Names separated by commas, unknown bits in hex. */
        ds_put_cstr(ds, ",slow_path(");
        if (!reasons) {
            ds_put_char(ds, '0');
        }
        for (uint32_t bits = reasons; bits; bits &= bits - 1) {
            uint32_t bit = bits & -bits;
            const char *name = slow_path_reason_to_string(bit);

            if (name) {
                ds_put_format(ds, "%s,", name);
            } else {
                ds_put_format(ds, "%#"PRIx32",", bit);
            }
        }
        ds_chomp(ds, ',');
        ds_put_char(ds, ')');
        return;
    }
    case USER_ACTION_COOKIE_FLOW_SAMPLE:
        ds_put_format(ds, ",flow_sample(probability=%"PRIu16
                      ",collector_set_id=%"PRIu32",obs_domain_id=%"PRIu32
                      ",obs_point_id=%"PRIu32",output_port=%"PRIu32,
                      cookie->u.flow_sample.probability,
                      cookie->u.flow_sample.collector_set_id,
                      cookie->u.flow_sample.obs_domain_id,
                      cookie->u.flow_sample.obs_point_id,
                      cookie->u.flow_sample.output_port);
        if (cookie->u.flow_sample.direction == ODP_SAMPLE_INGRESS) {
            ds_put_cstr(ds, ",ingress");
        } else if (cookie->u.flow_sample.direction == ODP_SAMPLE_EGRESS) {
            ds_put_cstr(ds, ",egress");
        }
        ds_put_char(ds, ')');
        return;
    case USER_ACTION_COOKIE_IPFIX:
        ds_put_format(ds, ",ipfix(output_port=%"PRIu32")",
                      cookie->u.ipfix_output_port);
        return;
    default:
        ds_put_cstr(ds, ",userdata(");
        format_hex_bytes(ds, nl_attr_get(userdata),
                         nl_attr_get_size(userdata));
        ds_put_char(ds, ')');
        return;
    }
}

/* Appends userspace action 'attr'. */
static void
format_userspace(struct ds *ds, const struct nlattr *attr)
{
    const struct nlattr *a;
    size_t left;
    const struct nlattr *pid = NULL, *userdata = NULL, *tun = NULL;
    bool actions = false;

    NL_NESTED_FOR_EACH (a, left, attr) {
        switch (nl_attr_type(a)) {
        case OVS_USERSPACE_ATTR_PID:
            pid = a;
            break;
        case OVS_USERSPACE_ATTR_USERDATA:
            userdata = a;
            break;
        case OVS_USERSPACE_ATTR_EGRESS_TUN_PORT:
            tun = a;
            break;
        case OVS_USERSPACE_ATTR_ACTIONS:
            actions = true;
            break;
        }
    }
    ds_put_format(ds, "userspace(pid=%"PRIu32,
                  pid && nl_attr_get_size(pid) == 4
                  ? nl_attr_get_u32(pid) : 0);
    if (userdata) {
        struct user_action_cookie cookie;

        if (nl_attr_get_size(userdata) == sizeof cookie) {
            memcpy(&cookie, nl_attr_get(userdata), sizeof cookie);
        } else {
            cookie.type = USER_ACTION_COOKIE_UNSPEC;
        }
        format_user_action_cookie(ds, &cookie, userdata);
    }
    if (actions) {
        ds_put_cstr(ds, ",actions");
    }
    if (tun && nl_attr_get_size(tun) == 4) {
        ds_put_format(ds, ",tunnel_out_port=%"PRIu32, nl_attr_get_u32(tun));
    }
    ds_put_char(ds, ')');
}

/* Appends conntrack action 'attr'. */
static void
format_ct(struct ds *ds, const struct nlattr *attr)
{
    const struct nlattr *a;
    size_t left;

    if (!nl_attr_get_size(attr)) {
        ds_put_cstr(ds, "ct");
        return;
    }
    ds_put_cstr(ds, "ct(");
    NL_NESTED_FOR_EACH (a, left, attr) {
        const uint8_t *d = nl_attr_get(a);
        size_t size = nl_attr_get_size(a);

        switch (nl_attr_type(a)) {
        case OVS_CT_ATTR_COMMIT:
            ds_put_cstr(ds, "commit,");
            break;
        case OVS_CT_ATTR_FORCE_COMMIT:
            ds_put_cstr(ds, "force_commit,");
            break;
        case OVS_CT_ATTR_ZONE:
            ds_put_format(ds, "zone=%"PRIu16",", nl_attr_get_u16(a));
            break;
        case OVS_CT_ATTR_MARK:
            if (size == 8) {
                uint32_t v, m;
                memcpy(&v, d, 4);
                memcpy(&m, d + 4, 4);
                ds_put_format(ds, "mark=%#"PRIx32"/%#"PRIx32",", v, m);
            }
            break;
        case OVS_CT_ATTR_LABELS:
            if (size == 32) {
                ds_put_cstr(ds, "label=");
                format_field_value(ds, &ct_label_field[0], d, d + 16);
                ds_put_char(ds, ',');
            }
            break;
        case OVS_CT_ATTR_HELPER:
            ds_put_format(ds, "helper=%.*s,", (int) strnlen((char *) d, size),
                          (const char *) d);
            break;
        case OVS_CT_ATTR_TIMEOUT:
            ds_put_format(ds, "timeout=%.*s,",
                          (int) strnlen((char *) d, size), (const char *) d);
            break;
        case OVS_CT_ATTR_NAT: {
            const struct nlattr *n;
            size_t nleft;
            const struct nlattr *ipmin = NULL, *ipmax = NULL;
            const struct nlattr *pmin = NULL, *pmax = NULL;
            const char *kind = NULL;
            bool persistent = false, hash = false, random = false;

            NL_NESTED_FOR_EACH (n, nleft, a) {
                switch (nl_attr_type(n)) {
                case OVS_NAT_ATTR_SRC: kind = "src"; break;
                case OVS_NAT_ATTR_DST: kind = "dst"; break;
                case OVS_NAT_ATTR_IP_MIN: ipmin = n; break;
                case OVS_NAT_ATTR_IP_MAX: ipmax = n; break;
                case OVS_NAT_ATTR_PROTO_MIN: pmin = n; break;
                case OVS_NAT_ATTR_PROTO_MAX: pmax = n; break;
                case OVS_NAT_ATTR_PERSISTENT: persistent = true; break;
                case OVS_NAT_ATTR_PROTO_HASH: hash = true; break;
                case OVS_NAT_ATTR_PROTO_RANDOM: random = true; break;
                }
            }
            ds_put_cstr(ds, "nat");
            if (kind) {
                ds_put_format(ds, "(%s", kind);
                if (ipmin) {
                    bool v6 = nl_attr_get_size(ipmin) == 16;
                    ds_put_char(ds, '=');
                    if (v6) {
                        ds_put_char(ds, '[');
                        format_ipv6(ds, nl_attr_get(ipmin));
                        ds_put_char(ds, ']');
                    } else {
                        format_ipv4(ds, nl_attr_get_be32(ipmin));
                    }
                    if (ipmax) {
                        ds_put_char(ds, '-');
                        if (v6) {
                            ds_put_char(ds, '[');
                            format_ipv6(ds, nl_attr_get(ipmax));
                            ds_put_char(ds, ']');
                        } else {
                            format_ipv4(ds, nl_attr_get_be32(ipmax));
                        }
                    }
                    if (pmin) {
                        ds_put_format(ds, ":%"PRIu16, nl_attr_get_u16(pmin));
                        if (pmax) {
                            ds_put_format(ds, "-%"PRIu16,
                                          nl_attr_get_u16(pmax));
                        }
                    }
                }
                if (persistent) {
                    ds_put_cstr(ds, ",persistent");
                }
                if (hash) {
                    ds_put_cstr(ds, ",hash");
                }
                if (random) {
                    ds_put_cstr(ds, ",random");
                }
                ds_put_char(ds, ')');
            }
            ds_put_char(ds, ',');
            break;
        }
        }
    }
    ds_chomp(ds, ',');
    ds_put_char(ds, ')');
}

/* Appends to 'ds' the text of the 'actions_len' bytes of actions at
 * 'actions' ("drop" if there are none).  Output ports are named from
 * 'portno_names' if it is nonnull. */
void
format_odp_actions(struct ds *ds, const struct nlattr *actions,
                   size_t actions_len, const struct hmap *portno_names)
{
    const struct nlattr *a;
    size_t left;

    if (!actions_len) {
        ds_put_cstr(ds, "drop");
        return;
    }
    NL_ATTR_FOR_EACH (a, left, actions, actions_len) {
        uint16_t type = nl_attr_type(a);
        size_t size = nl_attr_get_size(a);

        switch (type) {
        case OVS_ACTION_ATTR_OUTPUT:
            format_odp_port(ds, size == 4 ? nl_attr_get_u32(a) : 0,
                            portno_names);
            break;
        case OVS_ACTION_ATTR_USERSPACE:
            format_userspace(ds, a);
            break;
        case OVS_ACTION_ATTR_SET:
            format_set_action(ds, a, false);
            break;
        case OVS_ACTION_ATTR_SET_MASKED:
            format_set_action(ds, a, true);
            break;
        case OVS_ACTION_ATTR_PUSH_VLAN:
            if (size == sizeof (struct ovs_action_push_vlan)) {
                const struct ovs_action_push_vlan *pv = nl_attr_get(a);

                ds_put_cstr(ds, "push_vlan(");
                if (pv->vlan_tpid != htons(ODP_ETH_TYPE_VLAN)) {
                    ds_put_format(ds, "tpid=0x%04"PRIx16",",
                                  ntohs(pv->vlan_tpid));
                }
                format_vlan_tci(ds, pv->vlan_tci, htons(0xffff), false);
                ds_put_char(ds, ')');
            }
            break;
        case OVS_ACTION_ATTR_POP_VLAN:
            ds_put_cstr(ds, "pop_vlan");
            break;
        case OVS_ACTION_ATTR_SAMPLE: {
            const struct nlattr *prob
                = nl_attr_find_nested(a, OVS_SAMPLE_ATTR_PROBABILITY);
            const struct nlattr *acts
                = nl_attr_find_nested(a, OVS_SAMPLE_ATTR_ACTIONS);

            ds_put_format(ds, "sample(sample=%.1f%%,actions(",
                          prob ? 100.0 * nl_attr_get_u32(prob) / UINT32_MAX
                          : 0.0);
            if (acts) {
                format_odp_actions(ds, nl_attr_get(acts),
                                   nl_attr_get_size(acts), portno_names);
            }
            ds_put_cstr(ds, "))");
            break;
        }
        case OVS_ACTION_ATTR_CLONE:
            ds_put_cstr(ds, "clone(");
            format_odp_actions(ds, nl_attr_get(a), size, portno_names);
            ds_put_char(ds, ')');
            break;
        case OVS_ACTION_ATTR_RECIRC:
            ds_put_format(ds, "recirc(%#"PRIx32")", nl_attr_get_u32(a));
            break;
        case OVS_ACTION_ATTR_HASH:
            if (size == sizeof (struct ovs_action_hash)) {
                const struct ovs_action_hash *h = nl_attr_get(a);

                if (h->hash_alg == OVS_HASH_ALG_L4) {
                    ds_put_format(ds, "hash(l4(%"PRIu32"))", h->hash_basis);
                } else if (h->hash_alg == OVS_HASH_ALG_SYM_L4) {
                    ds_put_format(ds, "hash(sym_l4(%"PRIu32"))",
                                  h->hash_basis);
                } else {
                    ds_put_format(ds, "hash(hash_alg(%"PRIu32"),%"PRIu32")",
                                  h->hash_alg, h->hash_basis);
                }
            }
            break;
        case OVS_ACTION_ATTR_TRUNC:
            ds_put_format(ds, "trunc(%"PRIu32")", nl_attr_get_u32(a));
            break;
        case OVS_ACTION_ATTR_CT:
            format_ct(ds, a);
            break;
        case OVS_ACTION_ATTR_CT_CLEAR:
            ds_put_cstr(ds, "ct_clear");
            break;
        case OVS_ACTION_ATTR_METER:
            ds_put_format(ds, "meter(%"PRIu32")", nl_attr_get_u32(a));
            break;
        case OVS_ACTION_ATTR_POP_ETH:
            ds_put_cstr(ds, "pop_eth");
            break;
        default:
            ds_put_format(ds, "action%u(", (unsigned int) type);
            format_hex_bytes(ds, nl_attr_get(a), size);
            ds_put_char(ds, ')');
            break;
        }
        ds_put_char(ds, ',');
    }
    if (left) {
        ds_put_format(ds, "<%zu bytes left>,", left);
    }
    ds_chomp(ds, ',');
}

static bool parse_actions(struct odp_parse *, struct ofpbuf *, bool nested);

/* Sizes of parsed userspace() userdata: the minimum, and the size when
 * none is given (those of Open vSwitch's cookie header and cookie). */
#define ODP_MIN_USERDATA 8
#define ODP_DEFAULT_USERDATA 48

/* Appends to 'out' the bytes written as pairs of hex digits at 'p->s'. */
static bool
parse_hex_bytes(struct odp_parse *p, struct ofpbuf *out)
{
    while (isxdigit((unsigned char) p->s[0])
           && isxdigit((unsigned char) p->s[1])) {
        char hex[3] = { p->s[0], p->s[1], '\0' };
        uint8_t b = strtoul(hex, NULL, 16);

        ofpbuf_put(out, &b, 1);
        p->s += 2;
    }
    return true;
}

/* Parses the key inside "set(...)": a set action if every field is exact
 * (and always for tunnel), otherwise a set_masked action. */
static bool
parse_set_action(struct odp_parse *p, struct ofpbuf *actions)
{
    struct ofpbuf key, mask;
    bool ok;

    ofpbuf_init(&key, 64);
    ofpbuf_init(&mask, 64);
    ok = parse_key_attr(p, &key, &mask) && consume(&p->s, ")");
    if (!ok) {
        parse_error(p, "bad set action");
    } else {
        const struct nlattr *k = key.data;
        const struct nlattr *m = mask.data;

        if (nl_attr_type(k) == OVS_KEY_ATTR_TUNNEL
            || is_all_ones(nl_attr_get(m), nl_attr_get_size(m))) {
            nl_msg_put_nested(actions, OVS_ACTION_ATTR_SET, key.data,
                              key.size);
        } else {
            size_t n = nl_attr_get_size(k);
            size_t ofs = nl_msg_start_nested(actions,
                                             OVS_ACTION_ATTR_SET_MASKED);
            uint8_t *both = nl_msg_put_unspec_uninit(actions, nl_attr_type(k),
                                                     2 * n);
            const uint8_t *kv = nl_attr_get(k);
            const uint8_t *mv = nl_attr_get(m);

            /* The value is kept as written, as Open vSwitch does; bits
             * outside the mask are ignored when the action runs. */
            memcpy(both, kv, n);
            memcpy(both + n, mv, n);
            nl_msg_end_nested(actions, ofs);
        }
    }
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    return ok;
}

/* Initializes 'cookie' as an all-zeros cookie of 'type'. */
static void
user_action_cookie_init(struct user_action_cookie *cookie, uint16_t type)
{
    memset(cookie, 0, sizeof *cookie);
    cookie->type = type;
    cookie->ofp_in_port = OFPP_NONE;
}

/* Parses the fields of "controller(...)" in a userspace action, after the
 * opening parenthesis, into 'cookie' (zeroed first), up to and including
 * the closing parenthesis: any of reason, dont_send, continuation,
 * recirc_id, rule_cookie, controller_id and max_len, each "name=value". */
static bool
parse_controller_cookie(struct odp_parse *p,
                        struct user_action_cookie *cookie)
{
    user_action_cookie_init(cookie, USER_ACTION_COOKIE_CONTROLLER);
    if (consume(&p->s, ")")) {
        return true;
    }
    do {
        uint64_t v;

        if (consume(&p->s, "reason=")
            && parse_uint_tok(&p->s, UINT16_MAX, &v)) {
            cookie->reason = v;
        } else if (consume(&p->s, "dont_send=")
                   && parse_uint_tok(&p->s, 1, &v)) {
            cookie->dont_send = v;
        } else if (consume(&p->s, "continuation=")
                   && parse_uint_tok(&p->s, 1, &v)) {
            cookie->continuation = v;
        } else if (consume(&p->s, "recirc_id=")
                   && parse_uint_tok(&p->s, UINT32_MAX, &v)) {
            cookie->recirc_id = v;
        } else if (consume(&p->s, "rule_cookie=")
                   && parse_uint_tok(&p->s, UINT64_MAX, &v)) {
            cookie->rule_cookie_hi = htonl(v >> 32);
            cookie->rule_cookie_lo = htonl(v);
        } else if (consume(&p->s, "controller_id=")
                   && parse_uint_tok(&p->s, UINT16_MAX, &v)) {
            cookie->controller_id = v;
        } else if (consume(&p->s, "max_len=")
                   && parse_uint_tok(&p->s, UINT16_MAX, &v)) {
            cookie->max_len = v;
        } else {
            return parse_error(p, "bad controller userspace argument");
        }
    } while (consume(&p->s, ","));
    return consume(&p->s, ")") || parse_error(p, "bad controller cookie");
}

/* Parses "NAME=VALUE" at 'p->s' into '*value' (at most 'max'). */
static bool
parse_named_uint(struct odp_parse *p, const char *name, uint64_t max,
                 uint64_t *value)
{
    return (consume(&p->s, name) && consume(&p->s, "=")
            && parse_uint_tok(&p->s, max, value));
}

/* Parses the inside of "sFlow(vid=V,pcp=P,output=O)", after the opening
 * parenthesis, up to and including the closing one, into 'cookie'. */
static bool
parse_sflow_cookie(struct odp_parse *p, struct user_action_cookie *cookie)
{
    uint64_t vid, pcp, output;

    user_action_cookie_init(cookie, USER_ACTION_COOKIE_SFLOW);
    if (!parse_named_uint(p, "vid", UINT64_MAX, &vid)
        || !consume(&p->s, ",")
        || !parse_named_uint(p, "pcp", UINT64_MAX, &pcp)
        || !consume(&p->s, ",")
        || !parse_named_uint(p, "output", UINT32_MAX, &output)
        || !consume(&p->s, ")")) {
        return parse_error(p, "bad sFlow cookie");
    }
    cookie->u.sflow.vlan_tci = htons((vid & 0xfff) | ((pcp << 13) & 0xe000));
    cookie->u.sflow.output = output;
    return true;
}

/* Parses the inside of "slow_path(REASONS)", after the opening parenthesis,
 * up to and including the closing one, into 'cookie': reason names
 * separated by '|', or a number. */
static bool
parse_slow_path_cookie(struct odp_parse *p,
                       struct user_action_cookie *cookie)
{
    const char *end = strchr(p->s, ')');
    uint32_t reasons = 0;
    char *copy, *save_ptr = NULL, *name;
    bool ok = true;

    user_action_cookie_init(cookie, USER_ACTION_COOKIE_SLOW_PATH);
    if (!end) {
        return parse_error(p, "bad slow_path cookie");
    }
    copy = xmemdup0(p->s, end - p->s);
    if (isdigit((unsigned char) copy[0])) {
        char *tail;
        unsigned long long v = strtoull(copy, &tail, 0);

        ok = !*tail && !(v & ~(unsigned long long) ODP_SLOW_ALL);
        reasons = v;
    } else if (copy[0]) {
        for (name = strtok_r(copy, "|", &save_ptr); ok && name;
             name = strtok_r(NULL, "|", &save_ptr)) {
            uint32_t bit;

            for (bit = 1; bit & ODP_SLOW_ALL; bit <<= 1) {
                if (!strcmp(name, slow_path_reason_to_string(bit))) {
                    break;
                }
            }
            ok = (bit & ODP_SLOW_ALL) != 0;
            reasons |= bit;
        }
    }
    free(copy);
    if (!ok) {
        return parse_error(p, "bad slow_path reason");
    }
    p->s = end + 1;
    cookie->u.slow_path_reason = reasons;
    return true;
}

/* Parses the inside of "flow_sample(probability=N,collector_set_id=N,
 * obs_domain_id=N,obs_point_id=N,output_port=N[,ingress|,egress])", after
 * the opening parenthesis, up to and including the closing one, into
 * 'cookie'. */
static bool
parse_flow_sample_cookie(struct odp_parse *p,
                         struct user_action_cookie *cookie)
{
    uint64_t probability, set_id, domain_id, point_id, output;

    user_action_cookie_init(cookie, USER_ACTION_COOKIE_FLOW_SAMPLE);
    if (!parse_named_uint(p, "probability", UINT16_MAX, &probability)
        || !consume(&p->s, ",")
        || !parse_named_uint(p, "collector_set_id", UINT32_MAX, &set_id)
        || !consume(&p->s, ",")
        || !parse_named_uint(p, "obs_domain_id", UINT32_MAX, &domain_id)
        || !consume(&p->s, ",")
        || !parse_named_uint(p, "obs_point_id", UINT32_MAX, &point_id)
        || !consume(&p->s, ",")
        || !parse_named_uint(p, "output_port", UINT32_MAX, &output)) {
        return parse_error(p, "bad flow_sample cookie");
    }
    if (consume(&p->s, ",ingress")) {
        cookie->u.flow_sample.direction = ODP_SAMPLE_INGRESS;
    } else if (consume(&p->s, ",egress")) {
        cookie->u.flow_sample.direction = ODP_SAMPLE_EGRESS;
    }
    if (!consume(&p->s, ")")) {
        return parse_error(p, "bad flow_sample cookie");
    }
    cookie->u.flow_sample.probability = probability;
    cookie->u.flow_sample.collector_set_id = set_id;
    cookie->u.flow_sample.obs_domain_id = domain_id;
    cookie->u.flow_sample.obs_point_id = point_id;
    cookie->u.flow_sample.output_port = output;
    return true;
}

/* Parses the inside of "ipfix(output_port=N)", after the opening
 * parenthesis, up to and including the closing one, into 'cookie'. */
static bool
parse_ipfix_cookie(struct odp_parse *p, struct user_action_cookie *cookie)
{
    uint64_t output;

    user_action_cookie_init(cookie, USER_ACTION_COOKIE_IPFIX);
    if (!parse_named_uint(p, "output_port", UINT32_MAX, &output)
        || !consume(&p->s, ")")) {
        return parse_error(p, "bad ipfix cookie");
    }
    cookie->u.ipfix_output_port = output;
    return true;
}

/* If 'p->s' starts a cookie in text form ("controller(", "sFlow(", ...),
 * parses it, appends it to 'actions' as OVS_USERSPACE_ATTR_USERDATA, sets
 * '*parsed' to true and returns true; on a parse error returns true with
 * '*parsed' false.  Returns false if 'p->s' does not start one. */
static bool
parse_cookie(struct odp_parse *p, struct ofpbuf *actions, bool *parsed)
{
    static const struct {
        const char *prefix;     /* Text up to the opening parenthesis. */
        bool (*parse)(struct odp_parse *, struct user_action_cookie *);
                                /* Parses the rest. */
    } parsers[] = {
        { "controller(", parse_controller_cookie },
        { "sFlow(", parse_sflow_cookie },
        { "slow_path(", parse_slow_path_cookie },
        { "flow_sample(", parse_flow_sample_cookie },
        { "ipfix(", parse_ipfix_cookie },
    };

    for (size_t i = 0; i < ARRAY_SIZE(parsers); i++) {
        if (consume(&p->s, parsers[i].prefix)) {
            struct user_action_cookie cookie;

            *parsed = parsers[i].parse(p, &cookie);
            if (*parsed) {
                nl_msg_put_unspec(actions, OVS_USERSPACE_ATTR_USERDATA,
                                  &cookie, sizeof cookie);
            }
            return true;
        }
    }
    return false;
}

/* Parses the arguments of "userspace(...)". */
static bool
parse_userspace(struct odp_parse *p, struct ofpbuf *actions)
{
    uint64_t pid;
    size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_USERSPACE);
    bool want_actions = false;
    uint64_t tun_port = UINT64_MAX;

    if (!consume(&p->s, "pid=") || !parse_uint_tok(&p->s, UINT32_MAX, &pid)) {
        return parse_error(p, "bad userspace action");
    }
    nl_msg_put_u32(actions, OVS_USERSPACE_ATTR_PID, pid);
    bool have_userdata = false;
    while (consume(&p->s, ",")) {
        if (consume(&p->s, "userdata(")) {
            struct ofpbuf userdata;

            ofpbuf_init(&userdata, 16);
            parse_hex_bytes(p, &userdata);
            /* Like Open vSwitch, userdata is at least as long as the
             * header of its cookies (8 bytes). */
            if (userdata.size < ODP_MIN_USERDATA) {
                ofpbuf_put_zeros(&userdata,
                                 ODP_MIN_USERDATA - userdata.size);
            }
            nl_msg_put_unspec(actions, OVS_USERSPACE_ATTR_USERDATA,
                              userdata.data, userdata.size);
            ofpbuf_uninit(&userdata);
            have_userdata = true;
            if (!consume(&p->s, ")")) {
                return parse_error(p, "bad userdata");
            }
        } else if (parse_cookie(p, actions, &have_userdata)) {
            if (!have_userdata) {
                return false;
            }
        } else if (consume(&p->s, "actions")) {
            want_actions = true;
        } else if (consume(&p->s, "tunnel_out_port=")) {
            if (!parse_uint_tok(&p->s, UINT32_MAX, &tun_port)) {
                return parse_error(p, "bad tunnel_out_port");
            }
        } else {
            return parse_error(p, "bad userspace argument");
        }
    }
    if (!have_userdata) {
        /* Open vSwitch puts an all-zeros cookie of its full size. */
        nl_msg_put_unspec_zero(actions, OVS_USERSPACE_ATTR_USERDATA,
                               ODP_DEFAULT_USERDATA);
    }
    if (tun_port != UINT64_MAX) {
        nl_msg_put_u32(actions, OVS_USERSPACE_ATTR_EGRESS_TUN_PORT,
                       tun_port);
    }
    if (want_actions) {
        nl_msg_put_flag(actions, OVS_USERSPACE_ATTR_ACTIONS);
    }
    nl_msg_end_nested(actions, ofs);
    return consume(&p->s, ")") || parse_error(p, "expected `)'");
}

/* Parses an IPv4 address or a bracketed IPv6 address into attribute
 * 'type'. */
static bool
parse_nat_addr(struct odp_parse *p, struct ofpbuf *actions, uint16_t type)
{
    if (consume(&p->s, "[")) {
        struct in6_addr a;
        char tok[64];

        if (!get_token(&p->s, "]", tok, sizeof tok)
            || inet_pton(AF_INET6, tok, &a) != 1 || !consume(&p->s, "]")) {
            return parse_error(p, "bad NAT address");
        }
        nl_msg_put_in6_addr(actions, type, &a);
    } else {
        ovs_be32 a;
        char tok[32];

        if (!get_token(&p->s, "-:,)", tok, sizeof tok)
            || inet_pton(AF_INET, tok, &a) != 1) {
            return parse_error(p, "bad NAT address");
        }
        nl_msg_put_be32(actions, type, a);
    }
    return true;
}

/* Parses the arguments of "ct(...)". */
static bool
parse_ct(struct odp_parse *p, struct ofpbuf *actions)
{
    size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_CT);

    bool commit = false;

    while (*p->s && *p->s != ')') {
        uint64_t x;

        if (consume(&p->s, "force_commit")) {
            if (commit) {
                return parse_error(p, "commit and force_commit together");
            }
            commit = true;
            nl_msg_put_flag(actions, OVS_CT_ATTR_FORCE_COMMIT);
        } else if (consume(&p->s, "commit")) {
            if (commit) {
                return parse_error(p, "commit and force_commit together");
            }
            commit = true;
            nl_msg_put_flag(actions, OVS_CT_ATTR_COMMIT);
        } else if (consume(&p->s, "zone=")) {
            if (!parse_uint_tok(&p->s, 0xffff, &x)) {
                return parse_error(p, "bad zone");
            }
            nl_msg_put_u16(actions, OVS_CT_ATTR_ZONE, x);
        } else if (consume(&p->s, "mark=")) {
            uint64_t m = UINT32_MAX;
            uint32_t vm[2];

            if (!parse_uint_tok(&p->s, UINT32_MAX, &x)
                || (consume(&p->s, "/")
                    && !parse_uint_tok(&p->s, UINT32_MAX, &m))) {
                return parse_error(p, "bad mark");
            }
            vm[0] = x;
            vm[1] = m;
            nl_msg_put_unspec(actions, OVS_CT_ATTR_MARK, vm, sizeof vm);
        } else if (consume(&p->s, "label=")) {
            ovs_u128 vm[2];

            memset(&vm[1], 0xff, sizeof vm[1]);
            if (!parse_u128_tok(&p->s, &vm[0])
                || (consume(&p->s, "/") && !parse_u128_tok(&p->s, &vm[1]))) {
                return parse_error(p, "bad label");
            }
            nl_msg_put_unspec(actions, OVS_CT_ATTR_LABELS, vm, sizeof vm);
        } else if (consume(&p->s, "helper=") || consume(&p->s, "timeout=")) {
            bool helper = p->s[-2] == 'r';
            char tok[64];

            if (!get_token(&p->s, ",)", tok, sizeof tok)) {
                return parse_error(p, "bad name");
            }
            nl_msg_put_string(actions, helper ? OVS_CT_ATTR_HELPER
                              : OVS_CT_ATTR_TIMEOUT, tok);
        } else if (consume(&p->s, "nat")) {
            size_t nofs = nl_msg_start_nested(actions, OVS_CT_ATTR_NAT);

            if (consume(&p->s, "(")) {
                while (*p->s && *p->s != ')') {
                    bool src = consume(&p->s, "src");
                    if (src || consume(&p->s, "dst")) {
                        nl_msg_put_flag(actions, src ? OVS_NAT_ATTR_SRC
                                        : OVS_NAT_ATTR_DST);
                        if (consume(&p->s, "=")) {
                            if (!parse_nat_addr(p, actions,
                                                OVS_NAT_ATTR_IP_MIN)
                                || (consume(&p->s, "-")
                                    && !parse_nat_addr(p, actions,
                                                       OVS_NAT_ATTR_IP_MAX))) {
                                return false;
                            }
                            if (consume(&p->s, ":")) {
                                if (!parse_uint_tok(&p->s, 0xffff, &x)) {
                                    return parse_error(p, "bad port");
                                }
                                nl_msg_put_u16(actions,
                                               OVS_NAT_ATTR_PROTO_MIN, x);
                                if (consume(&p->s, "-")) {
                                    if (!parse_uint_tok(&p->s, 0xffff, &x)) {
                                        return parse_error(p, "bad port");
                                    }
                                    nl_msg_put_u16(actions,
                                                   OVS_NAT_ATTR_PROTO_MAX, x);
                                }
                            }
                        }
                    } else if (consume(&p->s, "persistent")) {
                        nl_msg_put_flag(actions, OVS_NAT_ATTR_PERSISTENT);
                    } else if (consume(&p->s, "hash")) {
                        nl_msg_put_flag(actions, OVS_NAT_ATTR_PROTO_HASH);
                    } else if (consume(&p->s, "random")) {
                        nl_msg_put_flag(actions, OVS_NAT_ATTR_PROTO_RANDOM);
                    } else {
                        return parse_error(p, "bad nat argument");
                    }
                    if (!consume(&p->s, ",")) {
                        break;
                    }
                }
                if (!consume(&p->s, ")")) {
                    return parse_error(p, "expected `)'");
                }
            }
            nl_msg_end_nested(actions, nofs);
        } else {
            return parse_error(p, "bad ct argument");
        }
        if (!consume(&p->s, ",")) {
            break;
        }
    }
    nl_msg_end_nested(actions, ofs);
    return consume(&p->s, ")") || parse_error(p, "expected `)'");
}

/* Parses one action at 'p->s'. */
static bool
parse_action(struct odp_parse *p, struct ofpbuf *actions)
{
    uint64_t x;

    if (isdigit((unsigned char) *p->s)) {
        uint32_t port;

        if (!parse_port(p, &port)) {
            return false;
        }
        nl_msg_put_u32(actions, OVS_ACTION_ATTR_OUTPUT, port);
        return true;
    }
    if (consume(&p->s, "drop")) {
        return true;
    }
    if (consume(&p->s, "userspace(")) {
        return parse_userspace(p, actions);
    }
    if (consume(&p->s, "set(")) {
        return parse_set_action(p, actions);
    }
    if (consume(&p->s, "push_vlan(")) {
        struct ovs_action_push_vlan pv;
        ovs_be16 mask;

        pv.vlan_tpid = htons(ODP_ETH_TYPE_VLAN);
        if (!parse_vlan(p, &pv.vlan_tci, &mask, &pv.vlan_tpid)) {
            return false;
        }
        nl_msg_put_unspec(actions, OVS_ACTION_ATTR_PUSH_VLAN, &pv, sizeof pv);
        return true;
    }
    if (consume(&p->s, "pop_vlan")) {
        nl_msg_put_flag(actions, OVS_ACTION_ATTR_POP_VLAN);
        return true;
    }
    if (consume(&p->s, "sample(sample=")) {
        char *end;
        double pct = strtod(p->s, &end);
        size_t ofs, aofs;

        if (end == p->s || pct < 0 || pct > 100) {
            return parse_error(p, "bad sample probability");
        }
        p->s = end;
        if (!consume(&p->s, "%,actions(")) {
            return parse_error(p, "bad sample action");
        }
        ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SAMPLE);
        nl_msg_put_u32(actions, OVS_SAMPLE_ATTR_PROBABILITY,
                       (uint32_t) (pct / 100.0 * UINT32_MAX + 0.5));
        aofs = nl_msg_start_nested(actions, OVS_SAMPLE_ATTR_ACTIONS);
        if (!parse_actions(p, actions, true) || !consume(&p->s, "))")) {
            return parse_error(p, "bad sample action");
        }
        nl_msg_end_nested(actions, aofs);
        nl_msg_end_nested(actions, ofs);
        return true;
    }
    if (consume(&p->s, "clone(")) {
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_CLONE);

        if (!parse_actions(p, actions, true) || !consume(&p->s, ")")) {
            return parse_error(p, "bad clone action");
        }
        nl_msg_end_nested(actions, ofs);
        return true;
    }
    if (consume(&p->s, "recirc(")) {
        if (!parse_uint_tok(&p->s, UINT32_MAX, &x) || !consume(&p->s, ")")) {
            return parse_error(p, "bad recirc action");
        }
        nl_msg_put_u32(actions, OVS_ACTION_ATTR_RECIRC, x);
        return true;
    }
    bool sym_l4 = false;
    if (consume(&p->s, "hash(l4(")
        || (sym_l4 = consume(&p->s, "hash(sym_l4("))) {
        struct ovs_action_hash h = {
            .hash_alg = sym_l4 ? OVS_HASH_ALG_SYM_L4 : OVS_HASH_ALG_L4
        };

        if (!parse_uint_tok(&p->s, UINT32_MAX, &x)
            || !consume(&p->s, "))")) {
            return parse_error(p, "bad hash action");
        }
        h.hash_basis = x;
        nl_msg_put_unspec(actions, OVS_ACTION_ATTR_HASH, &h, sizeof h);
        return true;
    }
    if (consume(&p->s, "trunc(")) {
        struct ovs_action_trunc t;

        if (!parse_uint_tok(&p->s, UINT32_MAX, &x) || !consume(&p->s, ")")) {
            return parse_error(p, "bad trunc action");
        }
        t.max_len = x;
        nl_msg_put_unspec(actions, OVS_ACTION_ATTR_TRUNC, &t, sizeof t);
        return true;
    }
    if (consume(&p->s, "ct_clear")) {
        nl_msg_put_flag(actions, OVS_ACTION_ATTR_CT_CLEAR);
        return true;
    }
    if (consume(&p->s, "ct(")) {
        return parse_ct(p, actions);
    }
    if (!strncmp(p->s, "ct", 2) && (p->s[2] == ',' || !p->s[2]
                                    || p->s[2] == ')')) {
        p->s += 2;
        nl_msg_put_nested(actions, OVS_ACTION_ATTR_CT, NULL, 0);
        return true;
    }
    if (consume(&p->s, "meter(")) {
        if (!parse_uint_tok(&p->s, UINT32_MAX, &x) || !consume(&p->s, ")")) {
            return parse_error(p, "bad meter action");
        }
        nl_msg_put_u32(actions, OVS_ACTION_ATTR_METER, x);
        return true;
    }
    if (consume(&p->s, "pop_eth")) {
        nl_msg_put_flag(actions, OVS_ACTION_ATTR_POP_ETH);
        return true;
    }
    if (p->port_names) {
        uint32_t port;
        const char *save = p->s;

        if (parse_port(p, &port)) {
            nl_msg_put_u32(actions, OVS_ACTION_ATTR_OUTPUT, port);
            return true;
        }
        p->s = save;
        free(p->error);
        p->error = NULL;
    }
    return parse_error(p, "unknown action");
}

/* Parses comma-separated actions up to the end or, if 'nested', a closing
 * parenthesis. */
static bool
parse_actions(struct odp_parse *p, struct ofpbuf *actions, bool nested)
{
    for (;;) {
        skip_spaces(&p->s);
        if (!*p->s || (nested && *p->s == ')')) {
            return true;
        }
        if (!parse_action(p, actions)) {
            return false;
        }
        skip_spaces(&p->s);
        if (!consume(&p->s, ",")) {
            skip_spaces(&p->s);
            if (*p->s && !(nested && *p->s == ')')) {
                return parse_error(p, "syntax error");
            }
        }
    }
}

/* Parses the datapath actions 's' (e.g. "set(eth(src=...)),2") and appends
 * them as netlink attributes to 'odp_actions'.  Output ports may be given
 * by name if 'port_names' is nonnull.  Returns 0 or EINVAL; on error,
 * 'odp_actions' may hold a partial result. */
int
odp_actions_from_string(const char *s, const struct simap *port_names,
                        struct ofpbuf *odp_actions)
{
    struct odp_parse p = { .s = s, .port_names = port_names };
    bool ok = parse_actions(&p, odp_actions, false);

    free(p.error);
    return ok ? 0 : EINVAL;
}

/* Like odp_actions_from_string(), but on error also stores a message in
 * '*errorp' (if nonnull), which the caller must free. */
int
odp_actions_from_string__(const char *s, const struct simap *port_names,
                          struct ofpbuf *odp_actions, char **errorp)
{
    struct odp_parse p = { .s = s, .port_names = port_names };
    bool ok = parse_actions(&p, odp_actions, false);

    if (errorp) {
        *errorp = p.error;
    } else {
        free(p.error);
    }
    return ok ? 0 : EINVAL;
}

/* ------------------------------------------------------------------------
 * Building actions. */

size_t
odp_put_userspace_action(uint32_t pid, const void *userdata,
                         size_t userdata_size, odp_port_t tunnel_out_port,
                         bool include_actions, struct ofpbuf *odp_actions)
{
    size_t ofs = nl_msg_start_nested(odp_actions, OVS_ACTION_ATTR_USERSPACE);
    size_t userdata_ofs = 0;

    nl_msg_put_u32(odp_actions, OVS_USERSPACE_ATTR_PID, pid);
    if (userdata) {
        void *p = nl_msg_put_unspec_uninit(odp_actions,
                                           OVS_USERSPACE_ATTR_USERDATA,
                                           userdata_size);
        userdata_ofs = (char *) p - (char *) odp_actions->data;
        memcpy(p, userdata, userdata_size);
    }
    if (tunnel_out_port != ODPP_NONE) {
        nl_msg_put_odp_port(odp_actions, OVS_USERSPACE_ATTR_EGRESS_TUN_PORT,
                            tunnel_out_port);
    }
    if (include_actions) {
        nl_msg_put_flag(odp_actions, OVS_USERSPACE_ATTR_ACTIONS);
    }
    nl_msg_end_nested(odp_actions, ofs);
    return userdata_ofs;
}

/* Appends set(tunnel(...)) for 'tunnel' to 'odp_actions'. */
void
odp_put_tunnel_action(const struct flow_tnl *tunnel,
                      struct ofpbuf *odp_actions)
{
    size_t ofs = nl_msg_start_nested(odp_actions, OVS_ACTION_ATTR_SET);

    tun_key_to_attr(odp_actions, OVS_KEY_ATTR_TUNNEL, tunnel, tunnel);
    nl_msg_end_nested(odp_actions, ofs);
}

/* Appends set(tunnel(...)) if 'flow' has a tunnel that differs from
 * 'base''s, and updates 'base'. */
void
commit_odp_tunnel_action(const struct flow *flow, struct flow *base,
                         struct ofpbuf *odp_actions)
{
    if (flow_has_tunnel(&flow->tunnel)
        && memcmp(&flow->tunnel, &base->tunnel, sizeof flow->tunnel)) {
        odp_put_tunnel_action(&flow->tunnel, odp_actions);
        base->tunnel = flow->tunnel;
    }
}

/* Emits a set or set_masked action of key attribute 'type' that turns the
 * 'size' bytes at 'old' into those at 'new', if they differ.  A masked set
 * covers the whole of each field (as the key attribute's description
 * divides it) that changed; without 'use_masked', or with
 * 'force_unmasked', or if every field changed, the whole attribute is
 * set. */
static void
commit_set_attr(struct ofpbuf *odp_actions, uint16_t type,
                const void *old_, const void *new_, size_t size,
                bool use_masked, bool force_unmasked)
{
    const struct odp_key_desc *desc = key_desc(type);
    const uint8_t *old = old_, *new = new_;
    uint8_t mask[64];

    if (!memcmp(old, new, size)) {
        return;
    }
    memset(mask, 0, size);
    if (desc && desc->fields) {
        for (size_t i = 0; i < desc->n_fields; i++) {
            const struct odp_field *f = &desc->fields[i];

            if (memcmp(old + f->ofs, new + f->ofs, f->size)) {
                memset(mask + f->ofs, 0xff, f->size);
            }
        }
    } else {
        memset(mask, 0xff, size);
    }
    if (!use_masked || force_unmasked || is_all_ones(mask, size)) {
        size_t ofs = nl_msg_start_nested(odp_actions, OVS_ACTION_ATTR_SET);
        nl_msg_put_unspec(odp_actions, type, new, size);
        nl_msg_end_nested(odp_actions, ofs);
    } else {
        size_t ofs = nl_msg_start_nested(odp_actions,
                                         OVS_ACTION_ATTR_SET_MASKED);
        uint8_t *both = nl_msg_put_unspec_uninit(odp_actions, type,
                                                 2 * size);

        /* The kernel wants the value's bits outside the mask zero. */
        for (size_t i = 0; i < size; i++) {
            both[i] = new[i] & mask[i];
            both[size + i] = mask[i];
        }
        nl_msg_end_nested(odp_actions, ofs);
    }
}

/* Appends the pop_vlan and push_vlan actions that turn 'base''s VLAN tags
 * into 'flow''s (keeping the innermost tags they share), marks the input's
 * tags in 'wc' (if nonnull) and updates 'base'. */
void
commit_odp_vlan_actions(const struct flow *flow, struct flow *base,
                        struct ofpbuf *odp_actions,
                        struct flow_wildcards *wc)
{
    int base_n = flow_count_vlan_headers(base);
    int flow_n = flow_count_vlan_headers(flow);
    int keep = 0;

    /* Tags that stay the same, counted from the innermost. */
    while (keep < base_n && keep < flow_n
           && base->vlans[base_n - 1 - keep].qtag
              == flow->vlans[flow_n - 1 - keep].qtag) {
        keep++;
    }
    if (wc) {
        /* The input's tags, and the absence of one more, decide what to
         * pop. */
        for (int i = 0; i <= base_n && i < FLOW_MAX_VLAN_HEADERS; i++) {
            WC_MASK_FIELD(wc, vlans[i]);
        }
    }
    for (int i = 0; i < base_n - keep; i++) {
        nl_msg_put_flag(odp_actions, OVS_ACTION_ATTR_POP_VLAN);
    }
    for (int i = flow_n - keep - 1; i >= 0; i--) {
        struct ovs_action_push_vlan pv;

        pv.vlan_tpid = flow->vlans[i].tpid ? flow->vlans[i].tpid
                       : htons(ODP_ETH_TYPE_VLAN);
        pv.vlan_tci = flow->vlans[i].tci | htons(ODP_VLAN_CFI);
        nl_msg_put_unspec(odp_actions, OVS_ACTION_ATTR_PUSH_VLAN,
                          &pv, sizeof pv);
    }
    memcpy(base->vlans, flow->vlans, sizeof base->vlans);
}

/* Marks the 'size' bytes at offset 'ofs' of struct flow as examined in 'wc'
 * (if nonnull): a field that a set action rewrites. */
static void
mask_flow_bytes(struct flow_wildcards *wc, size_t ofs, size_t size)
{
    if (wc) {
        memset((uint8_t *) &wc->masks + ofs, 0xff, size);
    }
}

#define MASK_FIELD(WC, FIELD) \
    mask_flow_bytes(WC, offsetof(struct flow, FIELD), \
                    sizeof ((struct flow *) 0)->FIELD)

/* See odp-util.h. */
void
commit_odp_actions(const struct flow *flow, struct flow *base,
                   struct ofpbuf *odp_actions, struct flow_wildcards *wc,
                   bool use_masked)
{
    /* Ethernet. */
    if (memcmp(&flow->dl_src, &base->dl_src, sizeof flow->dl_src)
        || memcmp(&flow->dl_dst, &base->dl_dst, sizeof flow->dl_dst)) {
        struct ovs_key_ethernet o, n;

        memcpy(o.eth_src, base->dl_src.ea, 6);
        memcpy(o.eth_dst, base->dl_dst.ea, 6);
        memcpy(n.eth_src, flow->dl_src.ea, 6);
        memcpy(n.eth_dst, flow->dl_dst.ea, 6);
        commit_set_attr(odp_actions, OVS_KEY_ATTR_ETHERNET, &o, &n, sizeof n,
                        use_masked, false);
        MASK_FIELD(wc, dl_src);
        MASK_FIELD(wc, dl_dst);
        base->dl_src = flow->dl_src;
        base->dl_dst = flow->dl_dst;
    }

    commit_odp_vlan_actions(flow, base, odp_actions, wc);

    /* L3. */
    if (flow->dl_type == htons(ODP_ETH_TYPE_IP)
        && base->dl_type == flow->dl_type) {
        struct ovs_key_ipv4 o = {
            .ipv4_src = base->nw_src, .ipv4_dst = base->nw_dst,
            .ipv4_proto = base->nw_proto, .ipv4_tos = base->nw_tos,
            .ipv4_ttl = base->nw_ttl,
            .ipv4_frag = ovs_to_odp_frag(base->nw_frag, false),
        };
        struct ovs_key_ipv4 n = {
            .ipv4_src = flow->nw_src, .ipv4_dst = flow->nw_dst,
            .ipv4_proto = base->nw_proto, .ipv4_tos = flow->nw_tos,
            .ipv4_ttl = flow->nw_ttl,
            .ipv4_frag = ovs_to_odp_frag(base->nw_frag, false),
        };
        if (memcmp(&o, &n, sizeof o)) {
            MASK_FIELD(wc, nw_src);
            MASK_FIELD(wc, nw_dst);
            MASK_FIELD(wc, nw_tos);
            MASK_FIELD(wc, nw_ttl);
            MASK_FIELD(wc, nw_proto);
            MASK_FIELD(wc, nw_frag);
            commit_set_attr(odp_actions, OVS_KEY_ATTR_IPV4, &o, &n, sizeof n,
                            use_masked, false);
            base->nw_src = flow->nw_src;
            base->nw_dst = flow->nw_dst;
            base->nw_tos = flow->nw_tos;
            base->nw_ttl = flow->nw_ttl;
        }
    } else if (flow->dl_type == htons(ODP_ETH_TYPE_IPV6)
               && base->dl_type == flow->dl_type) {
        struct ovs_key_ipv6 o, n;

        memset(&o, 0, sizeof o);
        memcpy(o.ipv6_src, &base->ipv6_src, 16);
        memcpy(o.ipv6_dst, &base->ipv6_dst, 16);
        o.ipv6_label = base->ipv6_label;
        o.ipv6_proto = base->nw_proto;
        o.ipv6_tclass = base->nw_tos;
        o.ipv6_hlimit = base->nw_ttl;
        o.ipv6_frag = ovs_to_odp_frag(base->nw_frag, false);
        n = o;
        memcpy(n.ipv6_src, &flow->ipv6_src, 16);
        memcpy(n.ipv6_dst, &flow->ipv6_dst, 16);
        n.ipv6_label = flow->ipv6_label;
        n.ipv6_tclass = flow->nw_tos;
        n.ipv6_hlimit = flow->nw_ttl;
        if (memcmp(&o, &n, sizeof o)) {
            MASK_FIELD(wc, ipv6_src);
            MASK_FIELD(wc, ipv6_dst);
            MASK_FIELD(wc, ipv6_label);
            MASK_FIELD(wc, nw_tos);
            MASK_FIELD(wc, nw_ttl);
            MASK_FIELD(wc, nw_proto);
            MASK_FIELD(wc, nw_frag);
            commit_set_attr(odp_actions, OVS_KEY_ATTR_IPV6, &o, &n, sizeof n,
                            use_masked, false);
            base->ipv6_src = flow->ipv6_src;
            base->ipv6_dst = flow->ipv6_dst;
            base->ipv6_label = flow->ipv6_label;
            base->nw_tos = flow->nw_tos;
            base->nw_ttl = flow->nw_ttl;
        }
    }

    /* L4 ports. */
    if (is_ip_any(base) && base->dl_type == flow->dl_type
        && !(base->nw_frag & FLOW_NW_FRAG_LATER)
        && (base->tp_src != flow->tp_src || base->tp_dst != flow->tp_dst)) {
        uint16_t type = (base->nw_proto == ODP_IPPROTO_TCP
                         ? OVS_KEY_ATTR_TCP
                         : base->nw_proto == ODP_IPPROTO_UDP
                         ? OVS_KEY_ATTR_UDP
                         : base->nw_proto == ODP_IPPROTO_SCTP
                         ? OVS_KEY_ATTR_SCTP : 0);
        if (type) {
            ovs_be16 o[2] = { base->tp_src, base->tp_dst };
            ovs_be16 n[2] = { flow->tp_src, flow->tp_dst };

            MASK_FIELD(wc, nw_proto);
            MASK_FIELD(wc, tp_src);
            MASK_FIELD(wc, tp_dst);
            commit_set_attr(odp_actions, type, o, n, sizeof n, use_masked,
                            false);
            base->tp_src = flow->tp_src;
            base->tp_dst = flow->tp_dst;
        }
    }

    /* Metadata. */
    if (base->skb_priority != flow->skb_priority) {
        commit_set_attr(odp_actions, OVS_KEY_ATTR_PRIORITY,
                        &base->skb_priority, &flow->skb_priority, 4,
                        use_masked, true);
        MASK_FIELD(wc, skb_priority);
        base->skb_priority = flow->skb_priority;
    }
    if (base->pkt_mark != flow->pkt_mark) {
        commit_set_attr(odp_actions, OVS_KEY_ATTR_SKB_MARK,
                        &base->pkt_mark, &flow->pkt_mark, 4,
                        use_masked, true);
        MASK_FIELD(wc, pkt_mark);
        base->pkt_mark = flow->pkt_mark;
    }
    commit_odp_tunnel_action(flow, base, odp_actions);
}
