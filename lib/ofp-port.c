/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-port.h"
#include <arpa/inet.h>
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "hash.h"
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "packets.h"

VLOG_DEFINE_THIS_MODULE(ofp_port);

/* Copies string 'SRC' into array 'DST', truncating and null-terminating. */
#define ovs_strlcpy_arrays(DST, SRC) \
    copy_name(DST, sizeof DST, SRC, sizeof SRC)

/* Copies the string in the 'src_size'-byte array 'src', which need not be
 * null-terminated, into the 'dst_size'-byte array 'dst', truncating and
 * null-terminating; zeros the rest of 'dst'. */
static void
copy_name(char *dst, size_t dst_size, const char *src, size_t src_size)
{
    size_t len = strnlen(src, MIN(src_size, dst_size - 1));

    memcpy(dst, src, len);
    memset(dst + len, 0, dst_size - len);
}

/* Port number <-> name maps. */

/* A node in a struct ofputil_port_map. */
struct ofputil_port_map_node {
    struct hmap_node name_node;   /* In 'by_name', hashed on 'name'. */
    struct hmap_node number_node; /* In 'by_number', hashed on 'ofp_port'. */
    ofp_port_t ofp_port;          /* Port number. */
    char *name;                   /* Port name. */

    /* A name or number that appears more than once is ambiguous: neither
     * lookup returns it. */
    bool duplicate;
};

void
ofputil_port_map_init(struct ofputil_port_map *map)
{
    hmap_init(&map->by_name);
    hmap_init(&map->by_number);
}

static struct ofputil_port_map_node *
ofputil_port_map_find_by_name(const struct ofputil_port_map *map,
                              const char *name)
{
    struct ofputil_port_map_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, name_node, hash_string(name, 0),
                             &map->by_name) {
        if (!strcmp(name, node->name)) {
            return node;
        }
    }
    return NULL;
}

static struct ofputil_port_map_node *
ofputil_port_map_find_by_number(const struct ofputil_port_map *map,
                                ofp_port_t ofp_port)
{
    struct ofputil_port_map_node *node;

    HMAP_FOR_EACH_IN_BUCKET (node, number_node, hash_int(ofp_port, 0),
                             &map->by_number) {
        if (node->ofp_port == ofp_port) {
            return node;
        }
    }
    return NULL;
}

void
ofputil_port_map_put(struct ofputil_port_map *map, ofp_port_t ofp_port,
                     const char *name)
{
    struct ofputil_port_map_node *name_node, *number_node;

    name_node = ofputil_port_map_find_by_name(map, name);
    number_node = ofputil_port_map_find_by_number(map, ofp_port);
    if (!name_node && !number_node) {
        struct ofputil_port_map_node *node = xzalloc(sizeof *node);
        node->ofp_port = ofp_port;
        node->name = xstrdup(name);
        hmap_insert(&map->by_name, &node->name_node, hash_string(name, 0));
        hmap_insert(&map->by_number, &node->number_node,
                    hash_int(ofp_port, 0));
    } else if (name_node != number_node) {
        if (name_node) {
            name_node->duplicate = true;
        }
        if (number_node) {
            number_node->duplicate = true;
        }
    }
}

void
ofputil_port_map_destroy(struct ofputil_port_map *map)
{
    if (map) {
        struct ofputil_port_map_node *node;

        HMAP_FOR_EACH_SAFE (node, name_node, &map->by_name) {
            hmap_remove(&map->by_name, &node->name_node);
            hmap_remove(&map->by_number, &node->number_node);
            free(node->name);
            free(node);
        }
        hmap_destroy(&map->by_name);
        hmap_destroy(&map->by_number);
    }
}

const char *
ofputil_port_map_get_name(const struct ofputil_port_map *map,
                          ofp_port_t ofp_port)
{
    struct ofputil_port_map_node *node
        = map ? ofputil_port_map_find_by_number(map, ofp_port) : NULL;
    return node && !node->duplicate ? node->name : NULL;
}

ofp_port_t
ofputil_port_map_get_number(const struct ofputil_port_map *map,
                            const char *name)
{
    struct ofputil_port_map_node *node
        = map ? ofputil_port_map_find_by_name(map, name) : NULL;
    return node && !node->duplicate ? node->ofp_port : OFPP_NONE;
}

/* Port numbers. */

enum ofperr
ofputil_port_from_ofp11(ovs_be32 ofp11_port, ofp_port_t *ofp10_port)
{
    uint32_t port = ntohl(ofp11_port);

    if (port < OFPP_MAX) {
        *ofp10_port = port;
        return 0;
    } else if (port >= OFPP11_MAX) {
        *ofp10_port = port - OFPP11_OFFSET;
        return 0;
    } else {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

        VLOG_WARN_RL(&rl, "port %"PRIu32" is outside the supported range 0 "
                     "through %d or 0x%"PRIx32" through 0x%"PRIx32, port,
                     OFPP_MAX - 1, (uint32_t) OFPP11_MAX, UINT32_MAX);
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
}

ovs_be32
ofputil_port_to_ofp11(ofp_port_t ofp10_port)
{
    return htonl(ofp10_port < OFPP_MAX
                 ? ofp10_port
                 : ofp10_port + OFPP11_OFFSET);
}

/* The reserved ports and their names. */
struct reserved_port {
    const char *name;           /* Name, as printed. */
    ofp_port_t port;            /* Number. */
};

static const struct reserved_port reserved_ports[] = {
    { "IN_PORT", OFPP_IN_PORT },
    { "TABLE", OFPP_TABLE },
    { "NORMAL", OFPP_NORMAL },
    { "FLOOD", OFPP_FLOOD },
    { "ALL", OFPP_ALL },
    { "CONTROLLER", OFPP_CONTROLLER },
    { "LOCAL", OFPP_LOCAL },
    { "ANY", OFPP_NONE },
    { "UNSET", OFPP_UNSET },
};

const char *
ofputil_port_get_reserved_name(ofp_port_t port)
{
    for (size_t i = 0; i < ARRAY_SIZE(reserved_ports); i++) {
        if (reserved_ports[i].port == port) {
            return reserved_ports[i].name;
        }
    }
    return NULL;
}

/* Returns true if port name 'name' can be printed without quotes: it does
 * not look like a number or a reserved name and has only "safe"
 * characters. */
static bool
port_name_is_bare(const char *name)
{
    ofp_port_t dummy;

    if (!name[0] || ofputil_port_from_string(name, NULL, &dummy)) {
        return false;
    }
    for (const char *p = name; *p; p++) {
        if (!isalnum((unsigned char) *p) && !strchr("_-.:@", *p)) {
            return false;
        }
    }
    return true;
}

void
ofputil_format_port(ofp_port_t port, const struct ofputil_port_map *map,
                    struct ds *s)
{
    const char *reserved = ofputil_port_get_reserved_name(port);
    if (reserved) {
        ds_put_cstr(s, reserved);
        return;
    }

    const char *name = ofputil_port_map_get_name(map, port);
    if (!name) {
        ds_put_format(s, "%"PRIu16, port);
    } else if (port_name_is_bare(name)) {
        ds_put_cstr(s, name);
    } else {
        ds_put_char(s, '"');
        for (const char *p = name; *p; p++) {
            if (*p == '"' || *p == '\\') {
                ds_put_char(s, '\\');
            }
            ds_put_char(s, *p);
        }
        ds_put_char(s, '"');
    }
}

void
ofputil_port_to_string(ofp_port_t port, const struct ofputil_port_map *map,
                       char *namebuf, size_t bufsize)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ofputil_format_port(port, map, &s);
    ovs_strlcpy(namebuf, ds_cstr(&s), bufsize);
    ds_destroy(&s);
}

bool
ofputil_port_from_string(const char *s, const struct ofputil_port_map *map,
                         ofp_port_t *portp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    unsigned int port32;

    *portp = 0;
    if (*s == '-') {
        VLOG_WARN_RL(&rl, "Negative value %s is not a valid port number.",
                     s);
        return false;
    }
    if (str_to_uint(s, 10, &port32)) {
        if (port32 < OFPP_MAX) {
            /* A plain port number. */
        } else if (port32 < OFPP_FIRST_RESV) {
            VLOG_WARN_RL(&rl, "port %u is a reserved OF1.0 port number that "
                         "will be translated to %u when talking to an OF1.1 "
                         "or later controller", port32,
                         port32 + OFPP11_OFFSET);
        } else if (port32 <= OFPP_LAST_RESV) {
            /* A reserved port by number: deprecated, but accepted. */
        } else if (port32 < OFPP11_MAX) {
            VLOG_WARN_RL(&rl, "port %u is outside the supported range 0 "
                         "through %x or 0x%"PRIx32" through 0x%"PRIx32,
                         port32, UINT16_MAX, (uint32_t) OFPP11_MAX,
                         UINT32_MAX);
            return false;
        } else {
            port32 -= OFPP11_OFFSET;
        }
        *portp = port32;
        return true;
    }

    for (size_t i = 0; i < ARRAY_SIZE(reserved_ports); i++) {
        if (!strcasecmp(s, reserved_ports[i].name)) {
            *portp = reserved_ports[i].port;
            return true;
        }
    }
    if (!strcasecmp(s, "NONE")) {
        *portp = OFPP_NONE;
        return true;
    }

    ofp_port_t port = OFPP_NONE;
    size_t len = strlen(s);
    if (s[0] != '"') {
        port = ofputil_port_map_get_number(map, s);
    } else if (len > 1 && s[len - 1] == '"') {
        struct ds name = DS_EMPTY_INITIALIZER;

        for (size_t i = 1; i < len - 1; i++) {
            if (s[i] == '\\' && i + 1 < len - 1) {
                i++;
            }
            ds_put_char(&name, s[i]);
        }
        port = ofputil_port_map_get_number(map, ds_cstr(&name));
        ds_destroy(&name);
    }
    if (port != OFPP_NONE) {
        *portp = port;
        return true;
    }
    return false;
}

/* Port features. */

enum netdev_features
netdev_port_features_from_ofp10(ovs_be32 ofp10_)
{
    uint32_t ofp10 = ntohl(ofp10_);

    return (ofp10 & 0x7f) | ((ofp10 & 0xf80) << 4);
}

ovs_be32
netdev_port_features_to_ofp10(enum netdev_features features)
{
    return htonl((features & 0x7f) | ((features & 0xf800) >> 4));
}

enum netdev_features
netdev_port_features_from_ofp11(ovs_be32 ofp11)
{
    return ntohl(ofp11) & 0xffff;
}

ovs_be32
netdev_port_features_to_ofp11(enum netdev_features features)
{
    return htonl(features & 0xffff);
}

/* Returns the highest speed, in bits per second, in 'features', or
 * 'default_bps' if there is none. */
static uint64_t
netdev_features_to_bps(enum netdev_features features, uint64_t default_bps)
{
    static const struct {
        enum netdev_features bits; /* Features at this speed. */
        uint64_t bps;              /* The speed. */
    } speeds[] = {
        { NETDEV_F_1TB_FD, UINT64_C(1000000000000) },
        { NETDEV_F_100GB_FD, UINT64_C(100000000000) },
        { NETDEV_F_40GB_FD, UINT64_C(40000000000) },
        { NETDEV_F_10GB_FD, UINT64_C(10000000000) },
        { NETDEV_F_1GB_HD | NETDEV_F_1GB_FD, UINT64_C(1000000000) },
        { NETDEV_F_100MB_HD | NETDEV_F_100MB_FD, UINT64_C(100000000) },
        { NETDEV_F_10MB_HD | NETDEV_F_10MB_FD, UINT64_C(10000000) },
    };

    for (size_t i = 0; i < ARRAY_SIZE(speeds); i++) {
        if (features & speeds[i].bits) {
            return speeds[i].bps;
        }
    }
    return default_bps;
}

/* Port descriptions. */

/* Returns true if property 'ph' is an experimenter property, which has a
 * longer header. */
static bool
prop_is_experimenter(const struct ofp_prop_header *ph)
{
    return ph->type == htons(0xfffe) || ph->type == htons(0xffff);
}

static enum ofperr
ofputil_decode_ofp10_phy_port(struct ofputil_phy_port *pp,
                              const struct ofp10_phy_port *opp)
{
    memset(pp, 0, sizeof *pp);

    pp->port_no = ntohs(opp->port_no);
    pp->hw_addr = opp->hw_addr;
    ovs_strlcpy_arrays(pp->name, opp->name);

    pp->config = ntohl(opp->config) & OFPPC10_ALL;
    pp->state = ntohl(opp->state) & OFPPS10_ALL;

    pp->curr = netdev_port_features_from_ofp10(opp->curr);
    pp->advertised = netdev_port_features_from_ofp10(opp->advertised);
    pp->supported = netdev_port_features_from_ofp10(opp->supported);
    pp->peer = netdev_port_features_from_ofp10(opp->peer);

    pp->curr_speed = netdev_features_to_bps(pp->curr, 0) / 1000;
    pp->max_speed = netdev_features_to_bps(pp->supported, 0) / 1000;
    return 0;
}

static enum ofperr
ofputil_decode_ofp11_port(struct ofputil_phy_port *pp,
                          const struct ofp11_port *op)
{
    enum ofperr error;

    memset(pp, 0, sizeof *pp);

    error = ofputil_port_from_ofp11(op->port_no, &pp->port_no);
    if (error) {
        return error;
    }
    pp->hw_addr = op->hw_addr;
    ovs_strlcpy_arrays(pp->name, op->name);

    pp->config = ntohl(op->config) & OFPPC11_ALL;
    pp->state = ntohl(op->state) & OFPPS11_ALL;

    pp->curr = netdev_port_features_from_ofp11(op->curr);
    pp->advertised = netdev_port_features_from_ofp11(op->advertised);
    pp->supported = netdev_port_features_from_ofp11(op->supported);
    pp->peer = netdev_port_features_from_ofp11(op->peer);

    pp->curr_speed = ntohl(op->curr_speed);
    pp->max_speed = ntohl(op->max_speed);
    return 0;
}

static enum ofperr
ofputil_pull_ofp14_port(struct ofputil_phy_port *pp, struct ofpbuf *msg)
{
    const struct ofp14_port *op = ofpbuf_try_pull(msg, sizeof *op);
    enum ofperr error;
    size_t len;

    if (!op) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    len = ntohs(op->length);
    if (len < sizeof *op || len - sizeof *op > msg->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    len -= sizeof *op;

    memset(pp, 0, sizeof *pp);
    error = ofputil_port_from_ofp11(op->port_no, &pp->port_no);
    if (error) {
        return error;
    }
    pp->hw_addr = op->hw_addr;
    ovs_strlcpy_arrays(pp->name, op->name);
    pp->config = ntohl(op->config) & OFPPC11_ALL;
    pp->state = ntohl(op->state) & OFPPS11_ALL;

    struct ofpbuf props;
    ofpbuf_use_const(&props, ofpbuf_pull(msg, len), len);
    while (props.size) {
        const struct ofp_prop_header *ph;
        size_t prop_len;

        if (props.size < sizeof *ph) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        ph = props.data;
        prop_len = ntohs(ph->len);
        if (prop_len < sizeof *ph || ROUND_UP(prop_len, 8) > props.size
            || (prop_is_experimenter(ph)
                && prop_len < sizeof(struct ofp_prop_experimenter))) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        if (ph->type == htons(OFPPDPT14_ETHERNET)) {
            const struct ofp14_port_desc_prop_ethernet *eth = props.data;

            if (prop_len != sizeof *eth) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            pp->curr = netdev_port_features_from_ofp11(eth->curr);
            pp->advertised = netdev_port_features_from_ofp11(
                eth->advertised);
            pp->supported = netdev_port_features_from_ofp11(eth->supported);
            pp->peer = netdev_port_features_from_ofp11(eth->peer);
            pp->curr_speed = ntohl(eth->curr_speed);
            pp->max_speed = ntohl(eth->max_speed);
        }
        ofpbuf_pull(&props, ROUND_UP(prop_len, 8));
    }
    return 0;
}

int
ofputil_pull_phy_port(enum ofp_version ofp_version, struct ofpbuf *b,
                      struct ofputil_phy_port *pp)
{
    if (!b->size) {
        return EOF;
    }

    switch (ofp_version) {
    case OFP10_VERSION: {
        const struct ofp10_phy_port *opp = ofpbuf_try_pull(b, sizeof *opp);
        return opp ? ofputil_decode_ofp10_phy_port(pp, opp)
                   : OFPERR_OFPBRC_BAD_LEN;
    }
    case OFP11_VERSION:
    case OFP12_VERSION:
    case OFP13_VERSION: {
        const struct ofp11_port *op = ofpbuf_try_pull(b, sizeof *op);
        return op ? ofputil_decode_ofp11_port(pp, op) : OFPERR_OFPBRC_BAD_LEN;
    }
    case OFP14_VERSION:
    case OFP15_VERSION:
        return ofputil_pull_ofp14_port(pp, b);
    case OFP16_VERSION:
    default:
        OVS_NOT_REACHED();
    }
}

void
ofputil_put_phy_port(enum ofp_version ofp_version,
                     const struct ofputil_phy_port *pp, struct ofpbuf *b)
{
    switch (ofp_version) {
    case OFP10_VERSION: {
        struct ofp10_phy_port *opp = ofpbuf_put_zeros(b, sizeof *opp);

        opp->port_no = htons(pp->port_no);
        opp->hw_addr = pp->hw_addr;
        ovs_strlcpy_arrays(opp->name, pp->name);
        opp->config = htonl(pp->config & OFPPC10_ALL);
        opp->state = htonl(pp->state & OFPPS10_ALL);
        opp->curr = netdev_port_features_to_ofp10(pp->curr);
        opp->advertised = netdev_port_features_to_ofp10(pp->advertised);
        opp->supported = netdev_port_features_to_ofp10(pp->supported);
        opp->peer = netdev_port_features_to_ofp10(pp->peer);
        break;
    }
    case OFP11_VERSION:
    case OFP12_VERSION:
    case OFP13_VERSION: {
        struct ofp11_port *op = ofpbuf_put_zeros(b, sizeof *op);

        op->port_no = ofputil_port_to_ofp11(pp->port_no);
        op->hw_addr = pp->hw_addr;
        ovs_strlcpy_arrays(op->name, pp->name);
        op->config = htonl(pp->config & OFPPC11_ALL);
        op->state = htonl(pp->state & OFPPS11_ALL);
        op->curr = netdev_port_features_to_ofp11(pp->curr);
        op->advertised = netdev_port_features_to_ofp11(pp->advertised);
        op->supported = netdev_port_features_to_ofp11(pp->supported);
        op->peer = netdev_port_features_to_ofp11(pp->peer);
        op->curr_speed = htonl(pp->curr_speed);
        op->max_speed = htonl(pp->max_speed);
        break;
    }
    case OFP14_VERSION:
    case OFP15_VERSION: {
        struct ofp14_port *op = ofpbuf_put_zeros(b, sizeof *op);
        struct ofp14_port_desc_prop_ethernet *eth;

        op->port_no = ofputil_port_to_ofp11(pp->port_no);
        op->length = htons(sizeof *op + sizeof *eth);
        op->hw_addr = pp->hw_addr;
        ovs_strlcpy_arrays(op->name, pp->name);
        op->config = htonl(pp->config & OFPPC11_ALL);
        op->state = htonl(pp->state & OFPPS11_ALL);

        eth = ofpbuf_put_zeros(b, sizeof *eth);
        eth->type = htons(OFPPDPT14_ETHERNET);
        eth->length = htons(sizeof *eth);
        eth->curr = netdev_port_features_to_ofp11(pp->curr);
        eth->advertised = netdev_port_features_to_ofp11(pp->advertised);
        eth->supported = netdev_port_features_to_ofp11(pp->supported);
        eth->peer = netdev_port_features_to_ofp11(pp->peer);
        eth->curr_speed = htonl(pp->curr_speed);
        eth->max_speed = htonl(pp->max_speed);
        break;
    }
    case OFP16_VERSION:
    default:
        OVS_NOT_REACHED();
    }
}

size_t
ofputil_count_phy_ports(uint8_t ofp_version, struct ofpbuf *b)
{
    struct ofpbuf copy = *b;
    struct ofputil_phy_port pp;
    size_t n = 0;

    while (!ofputil_pull_phy_port(ofp_version, &copy, &pp)) {
        n++;
    }
    return n;
}

/* Printing ports. */

static const char *
ofputil_port_config_to_name(uint32_t bit)
{
    switch ((enum ofputil_port_config) bit) {
    case OFPUTIL_PC_PORT_DOWN:    return "PORT_DOWN";
    case OFPUTIL_PC_NO_STP:       return "NO_STP";
    case OFPUTIL_PC_NO_RECV:      return "NO_RECV";
    case OFPUTIL_PC_NO_RECV_STP:  return "NO_RECV_STP";
    case OFPUTIL_PC_NO_FLOOD:     return "NO_FLOOD";
    case OFPUTIL_PC_NO_FWD:       return "NO_FWD";
    case OFPUTIL_PC_NO_PACKET_IN: return "NO_PACKET_IN";
    }
    return NULL;
}

static const char *
ofputil_port_state_to_name(uint32_t bit)
{
    switch (bit) {
    case OFPUTIL_PS_LINK_DOWN: return "LINK_DOWN";
    case OFPUTIL_PS_BLOCKED:   return "BLOCKED";
    case OFPUTIL_PS_LIVE:      return "LIVE";
    }
    return NULL;
}

static const char *
netdev_feature_to_name(uint32_t bit)
{
    switch ((enum netdev_features) bit) {
    case NETDEV_F_10MB_HD:    return "10MB-HD";
    case NETDEV_F_10MB_FD:    return "10MB-FD";
    case NETDEV_F_100MB_HD:   return "100MB-HD";
    case NETDEV_F_100MB_FD:   return "100MB-FD";
    case NETDEV_F_1GB_HD:     return "1GB-HD";
    case NETDEV_F_1GB_FD:     return "1GB-FD";
    case NETDEV_F_10GB_FD:    return "10GB-FD";
    case NETDEV_F_40GB_FD:    return "40GB-FD";
    case NETDEV_F_100GB_FD:   return "100GB-FD";
    case NETDEV_F_1TB_FD:     return "1TB-FD";
    case NETDEV_F_OTHER:      return "OTHER";
    case NETDEV_F_COPPER:     return "COPPER";
    case NETDEV_F_FIBER:      return "FIBER";
    case NETDEV_F_AUTONEG:    return "AUTO_NEG";
    case NETDEV_F_PAUSE:      return "AUTO_PAUSE";
    case NETDEV_F_PAUSE_ASYM: return "AUTO_PAUSE_ASYM";
    }
    return NULL;
}

/* Appends 'config' as its bit names, or "0". */
static void
ofputil_port_config_format(struct ds *s, enum ofputil_port_config config)
{
    if (!config) {
        ds_put_cstr(s, "0");
    } else {
        ofp_print_bit_names(s, config, ofputil_port_config_to_name, ' ');
    }
    ds_put_char(s, '\n');
}

/* Appends 'state': its STP state (1.0), its bit names, or "0". */
static void
ofputil_port_state_format(struct ds *s, enum ofputil_port_state state)
{
    enum ofputil_port_state stp = state & OFPUTIL_PS_STP_MASK;

    if (stp) {
        ds_put_cstr(s, (stp == OFPUTIL_PS_STP_LEARN ? "STP_LEARN"
                        : stp == OFPUTIL_PS_STP_FORWARD ? "STP_FORWARD"
                        : "STP_BLOCK"));
        state &= ~OFPUTIL_PS_STP_MASK;
        if (state) {
            ofp_print_bit_names(s, state, ofputil_port_state_to_name, ' ');
        }
    } else if (state) {
        ofp_print_bit_names(s, state, ofputil_port_state_to_name, ' ');
    } else {
        ds_put_cstr(s, "0");
    }
    ds_put_char(s, '\n');
}

/* Appends "     LABEL" and the names of 'features', if any are set. */
static void
ofputil_port_features_format(struct ds *s, const char *label,
                             enum netdev_features features)
{
    if (features) {
        ds_put_format(s, "     %-12s", label);
        ofp_print_bit_names(s, features, netdev_feature_to_name, ' ');
        ds_put_char(s, '\n');
    }
}

void
ofputil_phy_port_format(struct ds *s, const struct ofputil_phy_port *pp,
                        const struct ofputil_port_map *map)
{
    char name[sizeof pp->name];

    memcpy(name, pp->name, sizeof name);
    name[sizeof name - 1] = '\0';
    for (char *p = name; *p; p++) {
        if (!isprint((unsigned char) *p)) {
            *p = '\0';
            break;
        }
    }

    ds_put_char(s, ' ');
    ofputil_format_port(pp->port_no, map, s);
    ds_put_format(s, "(%s): addr:"ETH_ADDR_FMT"\n", name,
                  ETH_ADDR_ARGS(pp->hw_addr));

    ds_put_cstr(s, "     config:     ");
    ofputil_port_config_format(s, pp->config);
    ds_put_cstr(s, "     state:      ");
    ofputil_port_state_format(s, pp->state);

    ofputil_port_features_format(s, "current:", pp->curr);
    ofputil_port_features_format(s, "advertised:", pp->advertised);
    ofputil_port_features_format(s, "supported:", pp->supported);
    ofputil_port_features_format(s, "peer:", pp->peer);

    ds_put_format(s, "     speed: %"PRIu32" Mbps now, %"PRIu32" Mbps max\n",
                  pp->curr_speed / 1000, pp->max_speed / 1000);
}

/* Compares two ports by number, for qsort(). */
static int
compare_ports(const void *a_, const void *b_)
{
    const struct ofputil_phy_port *a = a_;
    const struct ofputil_phy_port *b = b_;
    uint16_t ap = a->port_no;
    uint16_t bp = b->port_no;

    return ap < bp ? -1 : ap > bp;
}

enum ofperr
ofputil_phy_ports_format(struct ds *s, uint8_t ofp_version, struct ofpbuf *b)
{
    struct ofputil_phy_port *ports = NULL;
    size_t allocated = 0, n = 0;
    int retval;

    for (;;) {
        if (n >= allocated) {
            allocated = allocated ? allocated * 2 : 8;
            ports = xrealloc(ports, allocated * sizeof *ports);
        }
        retval = ofputil_pull_phy_port(ofp_version, b, &ports[n]);
        if (retval) {
            break;
        }
        n++;
    }

    qsort(ports, n, sizeof *ports, compare_ports);
    for (size_t i = 0; i < n; i++) {
        ofputil_phy_port_format(s, &ports[i], NULL);
    }
    free(ports);

    return retval != EOF ? retval : 0;
}

/* Port status. */

enum ofperr
ofputil_decode_port_status(const struct ofp_header *oh,
                           struct ofputil_port_status *ps)
{
    struct ofpbuf b;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    const struct ofp_port_status *ops = ofpbuf_pull(&b, sizeof *ops);
    if (ops->reason != OFPPR_ADD && ops->reason != OFPPR_DELETE
        && ops->reason != OFPPR_MODIFY) {
        return OFPERR_NXBRC_BAD_REASON;
    }
    ps->reason = ops->reason;

    retval = ofputil_pull_phy_port(oh->version, &b, &ps->desc);
    ovs_assert(retval != EOF);
    return retval;
}

struct ofpbuf *
ofputil_encode_port_status(const struct ofputil_port_status *ps,
                           enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    enum ofpraw raw = (version == OFP10_VERSION ? OFPRAW_OFPT10_PORT_STATUS
                       : version <= OFP13_VERSION ? OFPRAW_OFPT11_PORT_STATUS
                       : OFPRAW_OFPT14_PORT_STATUS);
    struct ofpbuf *b = ofpraw_alloc_xid(raw, version, htonl(0), 0);
    struct ofp_port_status *ops = ofpbuf_put_zeros(b, sizeof *ops);

    ops->reason = ps->reason;
    ofputil_put_phy_port(version, &ps->desc, b);
    ofpmsg_update_length(b);
    return b;
}

void
ofputil_port_status_format(struct ds *s, const struct ofputil_port_status *ps,
                           const struct ofputil_port_map *port_map,
                           const struct ofputil_table_map *table_map
                           OVS_UNUSED)
{
    ds_put_cstr(s, (ps->reason == OFPPR_ADD ? " ADD:"
                    : ps->reason == OFPPR_DELETE ? " DEL:"
                    : " MOD:"));
    ofputil_phy_port_format(s, &ps->desc, port_map);
}

/* Port mod. */

enum ofperr
ofputil_decode_port_mod(const struct ofp_header *oh,
                        struct ofputil_port_mod *pm, bool loose)
{
    struct ofpbuf b;
    enum ofpraw raw;

    memset(pm, 0, sizeof *pm);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&b);

    if (raw == OFPRAW_OFPT10_PORT_MOD) {
        const struct ofp10_port_mod *opm = b.data;

        pm->port_no = ntohs(opm->port_no);
        pm->hw_addr = opm->hw_addr;
        pm->config = ntohl(opm->config) & OFPPC10_ALL;
        pm->mask = ntohl(opm->mask) & OFPPC10_ALL;
        pm->advertise = netdev_port_features_from_ofp10(opm->advertise);
    } else if (raw == OFPRAW_OFPT11_PORT_MOD) {
        const struct ofp11_port_mod *opm = b.data;
        enum ofperr error;

        error = ofputil_port_from_ofp11(opm->port_no, &pm->port_no);
        if (error) {
            return error;
        }
        pm->hw_addr = opm->hw_addr;
        pm->config = ntohl(opm->config) & OFPPC11_ALL;
        pm->mask = ntohl(opm->mask) & OFPPC11_ALL;
        pm->advertise = netdev_port_features_from_ofp11(opm->advertise);
    } else if (raw == OFPRAW_OFPT14_PORT_MOD) {
        const struct ofp14_port_mod *opm = ofpbuf_pull(&b, sizeof *opm);
        enum ofperr error;

        error = ofputil_port_from_ofp11(opm->port_no, &pm->port_no);
        if (error) {
            return error;
        }
        pm->hw_addr = opm->hw_addr;
        pm->config = ntohl(opm->config) & OFPPC11_ALL;
        pm->mask = ntohl(opm->mask) & OFPPC11_ALL;

        while (b.size) {
            const struct ofp_prop_header *ph = b.data;
            size_t prop_len;

            if (b.size < sizeof *ph) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            prop_len = ntohs(ph->len);
            if (prop_len < sizeof *ph || ROUND_UP(prop_len, 8) > b.size) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            if (ph->type == htons(OFPPMPT14_ETHERNET)) {
                const struct ofp14_port_mod_prop_ethernet *eth = b.data;

                if (prop_len != sizeof *eth) {
                    return OFPERR_OFPBPC_BAD_LEN;
                }
                pm->advertise = netdev_port_features_from_ofp11(
                    eth->advertise);
            } else if (!loose) {
                return OFPERR_OFPBPC_BAD_TYPE;
            }
            ofpbuf_pull(&b, ROUND_UP(prop_len, 8));
        }
    } else {
        return OFPERR_OFPBRC_BAD_TYPE;
    }

    pm->config &= pm->mask;
    return 0;
}

struct ofpbuf *
ofputil_encode_port_mod(const struct ofputil_port_mod *pm,
                        enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    struct ofpbuf *b;

    switch (version) {
    case OFP10_VERSION: {
        struct ofp10_port_mod *opm;

        b = ofpraw_alloc(OFPRAW_OFPT10_PORT_MOD, version, 0);
        opm = ofpbuf_put_zeros(b, sizeof *opm);
        opm->port_no = htons(pm->port_no);
        opm->hw_addr = pm->hw_addr;
        opm->config = htonl(pm->config & OFPPC10_ALL);
        opm->mask = htonl(pm->mask & OFPPC10_ALL);
        opm->advertise = netdev_port_features_to_ofp10(pm->advertise);
        break;
    }
    case OFP11_VERSION:
    case OFP12_VERSION:
    case OFP13_VERSION: {
        struct ofp11_port_mod *opm;

        b = ofpraw_alloc(OFPRAW_OFPT11_PORT_MOD, version, 0);
        opm = ofpbuf_put_zeros(b, sizeof *opm);
        opm->port_no = ofputil_port_to_ofp11(pm->port_no);
        opm->hw_addr = pm->hw_addr;
        opm->config = htonl(pm->config & OFPPC11_ALL);
        opm->mask = htonl(pm->mask & OFPPC11_ALL);
        opm->advertise = netdev_port_features_to_ofp11(pm->advertise);
        break;
    }
    case OFP14_VERSION:
    case OFP15_VERSION: {
        struct ofp14_port_mod *opm;

        b = ofpraw_alloc(OFPRAW_OFPT14_PORT_MOD, version, 0);
        opm = ofpbuf_put_zeros(b, sizeof *opm);
        opm->port_no = ofputil_port_to_ofp11(pm->port_no);
        opm->hw_addr = pm->hw_addr;
        opm->config = htonl(pm->config & OFPPC11_ALL);
        opm->mask = htonl(pm->mask & OFPPC11_ALL);
        if (pm->advertise) {
            struct ofp14_port_mod_prop_ethernet *eth;

            eth = ofpbuf_put_zeros(b, sizeof *eth);
            eth->type = htons(OFPPMPT14_ETHERNET);
            eth->length = htons(sizeof *eth);
            eth->advertise = netdev_port_features_to_ofp11(pm->advertise);
        }
        break;
    }
    case OFP16_VERSION:
    default:
        OVS_NOT_REACHED();
    }
    ofpmsg_update_length(b);
    return b;
}

void
ofputil_port_mod_format(struct ds *s, const struct ofputil_port_mod *pm,
                        const struct ofputil_port_map *port_map)
{
    ds_put_cstr(s, " port: ");
    ofputil_format_port(pm->port_no, port_map, s);
    ds_put_format(s, ": addr:"ETH_ADDR_FMT"\n", ETH_ADDR_ARGS(pm->hw_addr));

    ds_put_cstr(s, "     config: ");
    ofputil_port_config_format(s, pm->config);
    ds_put_cstr(s, "     mask:   ");
    ofputil_port_config_format(s, pm->mask);

    ds_put_cstr(s, "     advertise: ");
    if (pm->advertise) {
        ofp_print_bit_names(s, pm->advertise, netdev_feature_to_name, ' ');
    } else {
        ds_put_cstr(s, "UNCHANGED");
    }
    ds_put_char(s, '\n');
}

/* Port description requests. */

enum ofperr
ofputil_decode_port_desc_stats_request(const struct ofp_header *request,
                                       ofp_port_t *portp)
{
    struct ofpbuf b;
    enum ofpraw raw;

    ofpbuf_use_const(&b, request, ntohs(request->length));
    raw = ofpraw_pull_assert(&b);
    if (raw == OFPRAW_OFPST10_PORT_DESC_REQUEST) {
        *portp = OFPP_NONE;
        return 0;
    } else if (raw == OFPRAW_OFPST15_PORT_DESC_REQUEST) {
        const ovs_be32 *p = b.data;
        return ofputil_port_from_ofp11(*p, portp);
    }
    return OFPERR_OFPBRC_BAD_TYPE;
}

struct ofpbuf *
ofputil_encode_port_desc_stats_request(enum ofp_version ofp_version,
                                       ofp_port_t port)
{
    struct ofpbuf *request;

    if (ofp_version <= OFP14_VERSION) {
        request = ofpraw_alloc(OFPRAW_OFPST10_PORT_DESC_REQUEST,
                               ofp_version, 0);
    } else {
        ovs_be32 *p;

        request = ofpraw_alloc(OFPRAW_OFPST15_PORT_DESC_REQUEST,
                               ofp_version, 0);
        p = ofpbuf_put_zeros(request, 8);
        *p = ofputil_port_to_ofp11(port);
    }
    ofpmsg_update_length(request);
    return request;
}

/* Port statistics. */

struct ofpbuf *
ofputil_encode_dump_ports_request(enum ofp_version ofp_version,
                                  ofp_port_t port)
{
    struct ofpbuf *request;

    if (ofp_version == OFP10_VERSION) {
        struct ofp10_port_stats_request *req;

        request = ofpraw_alloc(OFPRAW_OFPST10_PORT_REQUEST, ofp_version, 0);
        req = ofpbuf_put_zeros(request, sizeof *req);
        req->port_no = htons(port);
    } else {
        struct ofp11_port_stats_request *req;

        request = ofpraw_alloc(OFPRAW_OFPST11_PORT_REQUEST, ofp_version, 0);
        req = ofpbuf_put_zeros(request, sizeof *req);
        req->port_no = ofputil_port_to_ofp11(port);
    }
    ofpmsg_update_length(request);
    return request;
}

enum ofperr
ofputil_decode_port_stats_request(const struct ofp_header *request,
                                  ofp_port_t *ofp10_port)
{
    struct ofpbuf b;
    enum ofpraw raw;

    ofpbuf_use_const(&b, request, ntohs(request->length));
    raw = ofpraw_pull_assert(&b);
    if (raw == OFPRAW_OFPST10_PORT_REQUEST) {
        const struct ofp10_port_stats_request *req = b.data;

        *ofp10_port = ntohs(req->port_no);
        return 0;
    } else if (raw == OFPRAW_OFPST11_PORT_REQUEST) {
        const struct ofp11_port_stats_request *req = b.data;

        return ofputil_port_from_ofp11(req->port_no, ofp10_port);
    }
    return OFPERR_OFPBRC_BAD_TYPE;
}

size_t
ofputil_count_port_stats(const struct ofp_header *oh)
{
    struct ofputil_port_stats ps;
    struct ofpbuf b;
    size_t n = 0;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    while (!ofputil_decode_port_stats(&ps, &b)) {
        n++;
    }
    return n;
}

/* Returns the 64-bit counter in 'x'. */
static uint64_t
get_counter(const ovs_32aligned_be64 *x)
{
    return ofp_get_32aligned_be64_host(x);
}

static void decode_custom_stats(struct ofputil_port_stats *,
                                const uint8_t *p, size_t len);

/* Fills the counters of 'ps->stats' that OpenFlow does not carry with
 * UINT64_MAX. */
static void
port_stats_init(struct ofputil_port_stats *ps)
{
    memset(ps, 0xff, sizeof *ps);
    ps->port_no = 0;
    ps->n_custom = 0;
}

static void
decode_ofp11_port_stats_counters(struct netdev_stats *st,
                                 const struct ofp11_port_stats *ps)
{
    st->rx_packets = be64toh(ps->rx_packets);
    st->tx_packets = be64toh(ps->tx_packets);
    st->rx_bytes = be64toh(ps->rx_bytes);
    st->tx_bytes = be64toh(ps->tx_bytes);
    st->rx_dropped = be64toh(ps->rx_dropped);
    st->tx_dropped = be64toh(ps->tx_dropped);
    st->rx_errors = be64toh(ps->rx_errors);
    st->tx_errors = be64toh(ps->tx_errors);
    st->rx_frame_errors = be64toh(ps->rx_frame_err);
    st->rx_over_errors = be64toh(ps->rx_over_err);
    st->rx_crc_errors = be64toh(ps->rx_crc_err);
    st->collisions = be64toh(ps->collisions);
}

int
ofputil_decode_port_stats(struct ofputil_port_stats *ps, struct ofpbuf *msg)
{
    static struct vlog_rate_limit bad_len_rl = VLOG_RATE_LIMIT_INIT(1, 5);
    enum ofperr error;
    enum ofpraw raw;

    if (!msg->header) {
        error = ofpraw_pull(&raw, msg);
        if (error) {
            return error;
        }
    } else {
        error = ofpraw_decode(&raw, msg->header);
        if (error) {
            return error;
        }
    }
    if (!msg->size) {
        return EOF;
    }

    port_stats_init(ps);
    if (raw == OFPRAW_OFPST10_PORT_REPLY) {
        const struct ofp10_port_stats *p = ofpbuf_try_pull(msg, sizeof *p);
        if (!p) {
            goto bad_len;
        }
        ps->port_no = ntohs(p->port_no);
        ps->stats.rx_packets = get_counter(&p->rx_packets);
        ps->stats.tx_packets = get_counter(&p->tx_packets);
        ps->stats.rx_bytes = get_counter(&p->rx_bytes);
        ps->stats.tx_bytes = get_counter(&p->tx_bytes);
        ps->stats.rx_dropped = get_counter(&p->rx_dropped);
        ps->stats.tx_dropped = get_counter(&p->tx_dropped);
        ps->stats.rx_errors = get_counter(&p->rx_errors);
        ps->stats.tx_errors = get_counter(&p->tx_errors);
        ps->stats.rx_frame_errors = get_counter(&p->rx_frame_err);
        ps->stats.rx_over_errors = get_counter(&p->rx_over_err);
        ps->stats.rx_crc_errors = get_counter(&p->rx_crc_err);
        ps->stats.collisions = get_counter(&p->collisions);
        ps->duration_sec = ps->duration_nsec = UINT32_MAX;
    } else if (raw == OFPRAW_OFPST11_PORT_REPLY
               || raw == OFPRAW_OFPST13_PORT_REPLY) {
        size_t size = (raw == OFPRAW_OFPST13_PORT_REPLY
                       ? sizeof(struct ofp13_port_stats)
                       : sizeof(struct ofp11_port_stats));
        const struct ofp11_port_stats *p = ofpbuf_try_pull(msg, size);
        if (!p) {
            goto bad_len;
        }
        error = ofputil_port_from_ofp11(p->port_no, &ps->port_no);
        if (error) {
            return error;
        }
        decode_ofp11_port_stats_counters(&ps->stats, p);
        if (raw == OFPRAW_OFPST13_PORT_REPLY) {
            const struct ofp13_port_stats *p13 = (const void *) p;
            ps->duration_sec = ntohl(p13->duration_sec);
            ps->duration_nsec = ntohl(p13->duration_nsec);
        } else {
            ps->duration_sec = ps->duration_nsec = UINT32_MAX;
        }
    } else if (raw == OFPRAW_OFPST14_PORT_REPLY) {
        const struct ofp14_port_stats *p = ofpbuf_try_pull(msg, sizeof *p);
        size_t len;

        if (!p) {
            goto bad_len;
        }
        len = ntohs(p->length);
        if (len < sizeof *p || len - sizeof *p > msg->size) {
            goto bad_len;
        }
        len -= sizeof *p;

        error = ofputil_port_from_ofp11(p->port_no, &ps->port_no);
        if (error) {
            return error;
        }
        ps->duration_sec = ntohl(p->duration_sec);
        ps->duration_nsec = ntohl(p->duration_nsec);
        ps->stats.rx_packets = be64toh(p->rx_packets);
        ps->stats.tx_packets = be64toh(p->tx_packets);
        ps->stats.rx_bytes = be64toh(p->rx_bytes);
        ps->stats.tx_bytes = be64toh(p->tx_bytes);
        ps->stats.rx_dropped = be64toh(p->rx_dropped);
        ps->stats.tx_dropped = be64toh(p->tx_dropped);
        ps->stats.rx_errors = be64toh(p->rx_errors);
        ps->stats.tx_errors = be64toh(p->tx_errors);

        struct ofpbuf props;
        ofpbuf_use_const(&props, ofpbuf_pull(msg, len), len);
        while (props.size) {
            const struct ofp_prop_header *ph = props.data;
            size_t prop_len;

            if (props.size < sizeof *ph) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            prop_len = ntohs(ph->len);
            if (prop_len < sizeof *ph
                || ROUND_UP(prop_len, 8) > props.size
                || (prop_is_experimenter(ph)
                    && prop_len < sizeof(struct ofp_prop_experimenter))) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            if (prop_is_experimenter(ph)) {
                decode_custom_stats(ps, props.data, prop_len);
            } else if (ph->type == htons(OFPPSPT14_ETHERNET)) {
                const struct ofp14_port_stats_prop_ethernet *eth = props.data;

                if (prop_len != sizeof *eth) {
                    return OFPERR_OFPBPC_BAD_LEN;
                }
                ps->stats.rx_frame_errors = be64toh(eth->rx_frame_err);
                ps->stats.rx_over_errors = be64toh(eth->rx_over_err);
                ps->stats.rx_crc_errors = be64toh(eth->rx_crc_err);
                ps->stats.collisions = be64toh(eth->collisions);
            }
            ofpbuf_pull(&props, ROUND_UP(prop_len, 8));
        }
    } else {
        OVS_NOT_REACHED();
    }
    return 0;

bad_len:
    VLOG_WARN_RL(&bad_len_rl, "OFPST_PORT reply has %"PRIu32" leftover "
                 "bytes at end", msg->size);
    return OFPERR_OFPBRC_BAD_LEN;
}

/* Decodes the custom statistics experimenter property 'p' ('len' bytes)
 * into 'ps', if it is one (experimenter 0xaa01, type 2: a 32-bit count,
 * then per counter a 1-byte name length, the name and a 64-bit value). */
static void
decode_custom_stats(struct ofputil_port_stats *ps, const uint8_t *p,
                    size_t len)
{
    const struct ofp_prop_experimenter *pe = (const void *) p;
    size_t ofs = sizeof *pe + 4;
    uint32_t n;

    if (len < ofs
        || ntohl(pe->experimenter) != 0xaa01 || ntohl(pe->exp_type) != 2) {
        return;
    }
    n = ((uint32_t) p[12] << 24) | (p[13] << 16) | (p[14] << 8) | p[15];
    for (unsigned int i = 0; i < n && ofs < len; i++) {
        size_t name_len = p[ofs];
        ovs_be64 value;

        if (ofs + 1 + name_len + 8 > len) {
            break;
        }
        if (ps->n_custom < OFPUTIL_PORT_STATS_MAX_CUSTOM) {
            struct ofputil_port_custom_stat *c = &ps->custom[ps->n_custom++];

            memcpy(&value, &p[ofs + 1 + name_len], sizeof value);
            ovs_strlcpy(c->name, (const char *) &p[ofs + 1],
                        MIN(name_len + 1, sizeof c->name));
            c->value = be64toh(value);
        }
        ofs += 1 + name_len + 8;
    }
}

/* Appends "NAME=VALUE, " for counter 'value', or "NAME=?, " if it is
 * unknown, as upstream's dump-ports does. */
static void
print_port_stat(struct ds *s, const char *leader, uint64_t value, int more)
{
    ds_put_cstr(s, leader);
    if (value != UINT64_MAX) {
        ds_put_format(s, "%"PRIu64, value);
    } else {
        ds_put_char(s, '?');
    }
    if (more) {
        ds_put_cstr(s, ", ");
    } else {
        ds_put_cstr(s, "\n");
    }
}

void
ofputil_format_port_stats(struct ds *s, const struct ofputil_port_stats *ps,
                          const struct ofputil_port_map *port_map)
{
    ds_put_cstr(s, "  port ");
    if (ps->port_no < 10) {
        ds_put_char(s, ' ');
    }
    ofputil_format_port(ps->port_no, port_map, s);

    ds_put_cstr(s, ": rx ");
    print_port_stat(s, "pkts=", ps->stats.rx_packets, 1);
    print_port_stat(s, "bytes=", ps->stats.rx_bytes, 1);
    print_port_stat(s, "drop=", ps->stats.rx_dropped, 1);
    print_port_stat(s, "errs=", ps->stats.rx_errors, 1);
    print_port_stat(s, "frame=", ps->stats.rx_frame_errors, 1);
    print_port_stat(s, "over=", ps->stats.rx_over_errors, 1);
    print_port_stat(s, "crc=", ps->stats.rx_crc_errors, 0);

    ds_put_cstr(s, "           tx ");
    print_port_stat(s, "pkts=", ps->stats.tx_packets, 1);
    print_port_stat(s, "bytes=", ps->stats.tx_bytes, 1);
    print_port_stat(s, "drop=", ps->stats.tx_dropped, 1);
    print_port_stat(s, "errs=", ps->stats.tx_errors, 1);
    print_port_stat(s, "coll=", ps->stats.collisions, 0);

    if (ps->duration_sec != UINT32_MAX) {
        ds_put_format(s, "           duration=%"PRIu32, ps->duration_sec);
        if (ps->duration_nsec) {
            ds_put_format(s, ".%03"PRIu32, ps->duration_nsec / 1000000);
            if (ps->duration_nsec % 1000000) {
                ds_put_format(s, "%06"PRIu32, ps->duration_nsec % 1000000);
            }
        }
        ds_put_cstr(s, "s\n");
    }
    if (ps->n_custom) {
        ds_put_cstr(s, "           CUSTOM Statistics");
        for (size_t i = 0; i < ps->n_custom; i++) {
            ds_put_cstr(s, i % 3 ? " " : "\n                      ");
            ds_put_format(s, "%s=%"PRIu64",", ps->custom[i].name,
                          ps->custom[i].value);
        }
        ds_put_char(s, '\n');
    }
}

void
ofputil_append_port_desc_stats_reply(const struct ofputil_phy_port *pp,
                                     struct ovs_list *replies)
{
    struct ofpbuf *reply = ofpmp_reserve(replies, 0);
    size_t start_ofs = reply->size;

    ofputil_put_phy_port(ofpmp_version(replies), pp, reply);
    ofpmp_postappend(replies, start_ofs);
}

/* Returns counter 'x' in network byte order (unknown counters, UINT64_MAX,
 * stay all-ones, as OpenFlow wants). */
static ovs_be64
counter_to_be64(uint64_t x)
{
    return htobe64(x);
}

/* Appends to 'reply' the two experimenter properties
 * (experimenter 0xaa01) with which upstream's switch sends a port's custom
 * counters in OpenFlow 1.4+: type 1, 21 RFC 2819 counters, all
 * unknown here, and type 2, the custom counters of 'ops' (a 32-bit count,
 * then per counter a 1-byte name length, the name and a 64-bit value),
 * padded to 8 bytes. */
static void
append_custom_stats_props(struct ofpbuf *reply,
                          const struct ofputil_port_stats *ops)
{
    struct ofp_prop_experimenter *pe;
    ovs_be32 n = htonl(ops->n_custom);
    size_t start, i;

    start = reply->size;
    pe = ofpbuf_put_zeros(reply, sizeof *pe + 4);
    pe->type = htons(OFPPSPT14_EXPERIMENTER);
    pe->experimenter = htonl(0xaa01);
    pe->exp_type = htonl(1);
    memset(ofpbuf_put_uninit(reply, 21 * 8), 0xff, 21 * 8);
    pe = ofpbuf_at_assert(reply, start, sizeof *pe);
    pe->len = htons(reply->size - start);

    start = reply->size;
    pe = ofpbuf_put_zeros(reply, sizeof *pe);
    pe->type = htons(OFPPSPT14_EXPERIMENTER);
    pe->experimenter = htonl(0xaa01);
    pe->exp_type = htonl(2);
    ofpbuf_put(reply, &n, sizeof n);
    for (i = 0; i < ops->n_custom; i++) {
        size_t len = strlen(ops->custom[i].name);
        uint8_t len8 = len;
        ovs_be64 value = htobe64(ops->custom[i].value);

        ofpbuf_put(reply, &len8, 1);
        ofpbuf_put(reply, ops->custom[i].name, len);
        ofpbuf_put(reply, &value, sizeof value);
    }
    pe = ofpbuf_at_assert(reply, start, sizeof *pe);
    pe->len = htons(reply->size - start);
    ofpbuf_put_zeros(reply, ROUND_UP(reply->size - start, 8)
                     - (reply->size - start));
}

void
ofputil_append_port_stat(struct ovs_list *replies,
                         const struct ofputil_port_stats *ops)
{
    const struct netdev_stats *st = &ops->stats;

    switch (ofpmp_version(replies)) {
    case OFP10_VERSION: {
        struct ofp10_port_stats *ps = ofpmp_append(replies, sizeof *ps);

        memset(ps, 0, sizeof *ps);
        ps->port_no = htons(ops->port_no);
        ofp_put_32aligned_be64_host(&ps->rx_packets, st->rx_packets);
        ofp_put_32aligned_be64_host(&ps->tx_packets, st->tx_packets);
        ofp_put_32aligned_be64_host(&ps->rx_bytes, st->rx_bytes);
        ofp_put_32aligned_be64_host(&ps->tx_bytes, st->tx_bytes);
        ofp_put_32aligned_be64_host(&ps->rx_dropped, st->rx_dropped);
        ofp_put_32aligned_be64_host(&ps->tx_dropped, st->tx_dropped);
        ofp_put_32aligned_be64_host(&ps->rx_errors, st->rx_errors);
        ofp_put_32aligned_be64_host(&ps->tx_errors, st->tx_errors);
        ofp_put_32aligned_be64_host(&ps->rx_frame_err, st->rx_frame_errors);
        ofp_put_32aligned_be64_host(&ps->rx_over_err, st->rx_over_errors);
        ofp_put_32aligned_be64_host(&ps->rx_crc_err, st->rx_crc_errors);
        ofp_put_32aligned_be64_host(&ps->collisions, st->collisions);
        break;
    }
    case OFP11_VERSION:
    case OFP12_VERSION:
    case OFP13_VERSION: {
        size_t size = (ofpmp_version(replies) == OFP13_VERSION
                       ? sizeof(struct ofp13_port_stats)
                       : sizeof(struct ofp11_port_stats));
        struct ofp11_port_stats *ps = ofpmp_append(replies, size);

        memset(ps, 0, size);
        ps->port_no = ofputil_port_to_ofp11(ops->port_no);
        ps->rx_packets = counter_to_be64(st->rx_packets);
        ps->tx_packets = counter_to_be64(st->tx_packets);
        ps->rx_bytes = counter_to_be64(st->rx_bytes);
        ps->tx_bytes = counter_to_be64(st->tx_bytes);
        ps->rx_dropped = counter_to_be64(st->rx_dropped);
        ps->tx_dropped = counter_to_be64(st->tx_dropped);
        ps->rx_errors = counter_to_be64(st->rx_errors);
        ps->tx_errors = counter_to_be64(st->tx_errors);
        ps->rx_frame_err = counter_to_be64(st->rx_frame_errors);
        ps->rx_over_err = counter_to_be64(st->rx_over_errors);
        ps->rx_crc_err = counter_to_be64(st->rx_crc_errors);
        ps->collisions = counter_to_be64(st->collisions);
        if (size == sizeof(struct ofp13_port_stats)) {
            struct ofp13_port_stats *ps13 = (struct ofp13_port_stats *) ps;
            ps13->duration_sec = htonl(ops->duration_sec);
            ps13->duration_nsec = htonl(ops->duration_nsec);
        }
        break;
    }
    case OFP14_VERSION:
    case OFP15_VERSION: {
        struct ofp14_port_stats_prop_ethernet *eth;
        struct ofp14_port_stats *ps;

        ps = ofpmp_append(replies, sizeof *ps + sizeof *eth);
        memset(ps, 0, sizeof *ps + sizeof *eth);
        ps->length = htons(sizeof *ps + sizeof *eth);
        ps->port_no = ofputil_port_to_ofp11(ops->port_no);
        ps->duration_sec = htonl(ops->duration_sec);
        ps->duration_nsec = htonl(ops->duration_nsec);
        ps->rx_packets = counter_to_be64(st->rx_packets);
        ps->tx_packets = counter_to_be64(st->tx_packets);
        ps->rx_bytes = counter_to_be64(st->rx_bytes);
        ps->tx_bytes = counter_to_be64(st->tx_bytes);
        ps->rx_dropped = counter_to_be64(st->rx_dropped);
        ps->tx_dropped = counter_to_be64(st->tx_dropped);
        ps->rx_errors = counter_to_be64(st->rx_errors);
        ps->tx_errors = counter_to_be64(st->tx_errors);

        eth = (struct ofp14_port_stats_prop_ethernet *) (ps + 1);
        eth->type = htons(OFPPSPT14_ETHERNET);
        eth->length = htons(sizeof *eth);
        eth->rx_frame_err = counter_to_be64(st->rx_frame_errors);
        eth->rx_over_err = counter_to_be64(st->rx_over_errors);
        eth->rx_crc_err = counter_to_be64(st->rx_crc_errors);
        eth->collisions = counter_to_be64(st->collisions);
        if (ops->n_custom) {
            struct ofpbuf *reply = ofpbuf_from_list(ovs_list_back(replies));
            size_t start_ofs = (uint8_t *) ps - (uint8_t *) reply->data;

            append_custom_stats_props(reply, ops);
            ps = ofpbuf_at_assert(reply, start_ofs, sizeof *ps);
            ps->length = htons(reply->size - start_ofs);
            ofpmp_postappend(replies, start_ofs);
        }
        break;
    }
    case OFP16_VERSION:
    default:
        OVS_NOT_REACHED();
    }
}
