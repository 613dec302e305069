/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_PORT_H
#define OPENVSWITCH_OFP_PORT_H 1

/* OpenFlow ports: numbers and names, port descriptions in every version,
 * port status, port mod, port statistics and port description requests and
 * replies. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow.h"
#include "openvswitch/hmap.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/types.h"
#include "netdev.h"

struct ds;
struct ofpbuf;
struct ovs_list;
struct ofputil_table_map;

/* Port features, the OpenFlow 1.1+ bit layout (OFPPF11_*), whatever the
 * version on the wire. */
#ifndef NETDEV_FEATURES_DEFINED
#define NETDEV_FEATURES_DEFINED 1
enum netdev_features {
    NETDEV_F_10MB_HD = 1 << 0,  /* 10 Mb half-duplex. */
    NETDEV_F_10MB_FD = 1 << 1,  /* 10 Mb full-duplex. */
    NETDEV_F_100MB_HD = 1 << 2, /* 100 Mb half-duplex. */
    NETDEV_F_100MB_FD = 1 << 3, /* 100 Mb full-duplex. */
    NETDEV_F_1GB_HD = 1 << 4,   /* 1 Gb half-duplex. */
    NETDEV_F_1GB_FD = 1 << 5,   /* 1 Gb full-duplex. */
    NETDEV_F_10GB_FD = 1 << 6,  /* 10 Gb full-duplex. */
    NETDEV_F_40GB_FD = 1 << 7,  /* 40 Gb full-duplex. */
    NETDEV_F_100GB_FD = 1 << 8, /* 100 Gb full-duplex. */
    NETDEV_F_1TB_FD = 1 << 9,   /* 1 Tb full-duplex. */
    NETDEV_F_OTHER = 1 << 10,   /* Other rate, not in the list. */
    NETDEV_F_COPPER = 1 << 11,  /* Copper medium. */
    NETDEV_F_FIBER = 1 << 12,   /* Fiber medium. */
    NETDEV_F_AUTONEG = 1 << 13, /* Auto-negotiation. */
    NETDEV_F_PAUSE = 1 << 14,   /* Pause. */
    NETDEV_F_PAUSE_ASYM = 1 << 15 /* Asymmetric pause. */
};
#endif

/* A map between port numbers and names, for printing and parsing flows with
 * port names (--names). */
struct ofputil_port_map {
    struct hmap by_name;        /* Contains "struct ofputil_port_map_node"s
                                 * hashed on name. */
    struct hmap by_number;      /* Same nodes hashed on number. */
};

#define OFPUTIL_PORT_MAP_INITIALIZER(MAP)                      \
    { HMAP_INITIALIZER(&(MAP)->by_name), HMAP_INITIALIZER(&(MAP)->by_number) }

void ofputil_port_map_init(struct ofputil_port_map *);
void ofputil_port_map_put(struct ofputil_port_map *, ofp_port_t,
                          const char *name);
void ofputil_port_map_destroy(struct ofputil_port_map *);

/* Returns the name of port 'port' in 'map', or NULL if it has none or a
 * name shared by several ports ('map' may be NULL). */
const char *ofputil_port_map_get_name(const struct ofputil_port_map *map,
                                      ofp_port_t port);

/* Returns the number of the port named 'name' in 'map', or OFPP_NONE. */
ofp_port_t ofputil_port_map_get_number(const struct ofputil_port_map *map,
                                       const char *name);

/* Converts OpenFlow 1.1+ port number 'ofp11_port' (network order) into the
 * 16-bit space in '*ofp10_port'.  Returns 0, or OFPERR_OFPBAC_BAD_OUT_PORT
 * if the number has no 16-bit equivalent. */
enum ofperr ofputil_port_from_ofp11(ovs_be32 ofp11_port,
                                    ofp_port_t *ofp10_port);

/* Returns the OpenFlow 1.1+ number (network order) of 'ofp10_port'. */
ovs_be32 ofputil_port_to_ofp11(ofp_port_t ofp10_port);

/* Parses 's' as a port: a number, a reserved name ("LOCAL", "in_port",
 * "ANY"...), or a name in 'map' (possibly quoted).  Returns true and stores
 * the port in '*portp' on success; on failure, logs nothing and returns
 * false. */
bool ofputil_port_from_string(const char *s,
                              const struct ofputil_port_map *map,
                              ofp_port_t *portp);

/* Returns the name of reserved port 'port' ("IN_PORT", "LOCAL", ...), or
 * NULL if it is not a reserved port. */
const char *ofputil_port_get_reserved_name(ofp_port_t port);

/* Appends 'port' to 's': its reserved name, its quoted or plain name from
 * 'map', or its number. */
void ofputil_format_port(ofp_port_t port, const struct ofputil_port_map *map,
                         struct ds *s);

/* Writes 'port' into 'namebuf' (of 'bufsize' bytes) as
 * ofputil_format_port() would. */
void ofputil_port_to_string(ofp_port_t port,
                            const struct ofputil_port_map *map,
                            char *namebuf, size_t bufsize);

/* Port config bits, version independent. */
enum ofputil_port_config {
    OFPUTIL_PC_PORT_DOWN = 1 << 0, /* OFPPC_PORT_DOWN. */
    OFPUTIL_PC_NO_STP = 1 << 1, /* OFPPC10_NO_STP. */
    OFPUTIL_PC_NO_RECV = 1 << 2, /* OFPPC_NO_RECV. */
    OFPUTIL_PC_NO_RECV_STP = 1 << 3, /* OFPPC10_NO_RECV_STP. */
    OFPUTIL_PC_NO_FLOOD = 1 << 4, /* OFPPC10_NO_FLOOD. */
    OFPUTIL_PC_NO_FWD = 1 << 5, /* OFPPC_NO_FWD. */
    OFPUTIL_PC_NO_PACKET_IN = 1 << 6 /* OFPPC_NO_PACKET_IN. */
};

/* Port state bits, version independent. */
enum ofputil_port_state {
    OFPUTIL_PS_LINK_DOWN = 1 << 0, /* OFPPS_LINK_DOWN. */
    OFPUTIL_PS_BLOCKED = 1 << 1, /* OFPPS11_BLOCKED. */
    OFPUTIL_PS_LIVE = 1 << 2,   /* OFPPS11_LIVE. */

    /* OpenFlow 1.0 STP state. */
    OFPUTIL_PS_STP_LISTEN = 0 << 8, /* Not learning or relaying frames. */
    OFPUTIL_PS_STP_LEARN = 1 << 8, /* Learning but not relaying frames. */
    OFPUTIL_PS_STP_FORWARD = 2 << 8, /* Learning and relaying frames. */
    OFPUTIL_PS_STP_BLOCK = 3 << 8, /* Not part of spanning tree. */
    OFPUTIL_PS_STP_MASK = 3 << 8 /* Bit mask for OFPUTIL_PS_STP_*. */
};

/* A port, version independent. */
struct ofputil_phy_port {
    ofp_port_t port_no;         /* Port number. */
    struct eth_addr hw_addr;    /* Ethernet address. */
    char name[OFP_MAX_PORT_NAME_LEN]; /* Null-terminated name. */
    enum ofputil_port_config config; /* OFPUTIL_PC_* bits. */
    enum ofputil_port_state state; /* OFPUTIL_PS_* bits. */

    /* NETDEV_F_* bitmasks. */
    enum netdev_features curr;  /* Current features. */
    enum netdev_features advertised; /* Features advertised by the port. */
    enum netdev_features supported; /* Features supported by the port. */
    enum netdev_features peer;  /* Features advertised by peer. */

    /* Speed. */
    uint32_t curr_speed;        /* Current speed, in kbps. */
    uint32_t max_speed;         /* Maximum supported speed, in kbps. */
};

/* Pulls one port description of 'ofp_version' from 'b' into 'pp'.  Returns
 * 0, EOF if 'b' is empty, or an OFPERR_* if the port is malformed. */
int ofputil_pull_phy_port(enum ofp_version ofp_version, struct ofpbuf *b,
                          struct ofputil_phy_port *pp);

/* Appends 'pp' to 'b' in the format of 'ofp_version'. */
void ofputil_put_phy_port(enum ofp_version ofp_version,
                          const struct ofputil_phy_port *pp,
                          struct ofpbuf *b);

/* Returns the number of ports in the features reply or port desc reply in
 * 'b' (from 'b->data'), of 'ofp_version'. */
size_t ofputil_count_phy_ports(uint8_t ofp_version, struct ofpbuf *b);

/* Appends the multi-line description of 'port' as ofp-print shows it
 * (" 1(eth0): addr:..." then config, state, speed). */
void ofputil_phy_port_format(struct ds *, const struct ofputil_phy_port *,
                             const struct ofputil_port_map *);

/* Appends the ports in 'b' (port descriptions of 'ofp_version'), sorted by
 * number, as ofp-print shows them; returns 0 or the decode error. */
enum ofperr ofputil_phy_ports_format(struct ds *, uint8_t ofp_version,
                                     struct ofpbuf *b);

/* Port status. */
struct ofputil_port_status {
    enum ofp_port_reason reason; /* OFPPR_*. */
    struct ofputil_phy_port desc; /* The port. */
};

enum ofperr ofputil_decode_port_status(const struct ofp_header *,
                                       struct ofputil_port_status *);
struct ofpbuf *ofputil_encode_port_status(const struct ofputil_port_status *,
                                          enum ofputil_protocol);
void ofputil_port_status_format(struct ds *,
                                const struct ofputil_port_status *,
                                const struct ofputil_port_map *,
                                const struct ofputil_table_map *);

/* Port mod. */
struct ofputil_port_mod {
    ofp_port_t port_no;         /* Port to modify. */
    struct eth_addr hw_addr;    /* The port's address (a sanity check). */
    enum ofputil_port_config config; /* New config bits. */
    enum ofputil_port_config mask; /* Bits of 'config' to apply. */
    enum netdev_features advertise; /* NETDEV_F_* to advertise, 0 for no
                                     * change. */
};

/* Decodes port mod 'oh' into 'pm'.  With 'loose', ignores config bits that
 * the version cannot express instead of failing with
 * OFPERR_OFPPMFC_BAD_CONFIG... (upstream's semantics). */
enum ofperr ofputil_decode_port_mod(const struct ofp_header *,
                                    struct ofputil_port_mod *, bool loose);
struct ofpbuf *ofputil_encode_port_mod(const struct ofputil_port_mod *,
                                       enum ofputil_protocol);
void ofputil_port_mod_format(struct ds *, const struct ofputil_port_mod *,
                             const struct ofputil_port_map *);

/* Port description requests and replies. */
enum ofperr ofputil_decode_port_desc_stats_request(const struct ofp_header *,
                                                   ofp_port_t *portp);
struct ofpbuf *ofputil_encode_port_desc_stats_request(
    enum ofp_version ofp_version, ofp_port_t);
void ofputil_append_port_desc_stats_reply(const struct ofputil_phy_port *pp,
                                          struct ovs_list *replies);

/* Port statistics. */
/* Most custom counters kept from an OpenFlow 1.4+ port stats entry. */
#define OFPUTIL_PORT_STATS_MAX_CUSTOM 32

/* One custom counter (OpenFlow 1.4+ experimenter property 0xaa01/2 that
 * upstream's switch sends for netdevs with custom statistics). */
struct ofputil_port_custom_stat {
    char name[64];              /* Counter name, null-terminated. */
    uint64_t value;             /* Counter value. */
};

struct ofputil_port_stats {
    ofp_port_t port_no;         /* Port number. */
    struct netdev_stats stats;  /* Counters; UINT64_MAX if unknown. */
    uint32_t duration_sec;      /* UINT32_MAX if unknown. */
    uint32_t duration_nsec;     /* Nanoseconds beyond duration_sec. */

    /* Custom counters (decoded, and printed as "CUSTOM Statistics"). */
    size_t n_custom;            /* Number of 'custom' in use. */
    struct ofputil_port_custom_stat custom[OFPUTIL_PORT_STATS_MAX_CUSTOM];
};

struct ofpbuf *ofputil_encode_dump_ports_request(enum ofp_version, ofp_port_t);
enum ofperr ofputil_decode_port_stats_request(const struct ofp_header *,
                                              ofp_port_t *ofp10_port);
void ofputil_append_port_stat(struct ovs_list *replies,
                              const struct ofputil_port_stats *ops);
size_t ofputil_count_port_stats(const struct ofp_header *);

/* Pulls one port's statistics from port stats reply 'msg' (as from
 * ofpraw_pull() on the first call).  Returns 0, EOF at the end, or an
 * OFPERR_*. */
int ofputil_decode_port_stats(struct ofputil_port_stats *,
                              struct ofpbuf *msg);

/* Appends one port's statistics as ofp-print and dump-ports show them. */
void ofputil_format_port_stats(struct ds *,
                               const struct ofputil_port_stats *,
                               const struct ofputil_port_map *);

/* Feature bit conversions between versions' wire bits and
 * NETDEV_F_* bits. */
enum netdev_features netdev_port_features_from_ofp10(ovs_be32 ofp10);
ovs_be32 netdev_port_features_to_ofp10(enum netdev_features);
enum netdev_features netdev_port_features_from_ofp11(ovs_be32 ofp11);
ovs_be32 netdev_port_features_to_ofp11(enum netdev_features);

#endif /* openvswitch/ofp-port.h */
