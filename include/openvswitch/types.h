/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_TYPES_H
#define OPENVSWITCH_TYPES_H 1

/* Scalar types shared by every layer of the switch: network byte order
 * integers, the two port number spaces (OpenFlow and datapath) and 128-bit
 * identifiers. */

#include <stdint.h>

/* Integers in network byte order.  Plain typedefs: they document intent at
 * the declaration; htons()/ntohs() and friends convert. */
typedef uint16_t ovs_be16;
typedef uint32_t ovs_be32;
typedef uint64_t ovs_be64;

/* A 32-bit network byte order value stored as two 16-bit halves, for
 * headers that are only 2-byte aligned in a frame (the IPv4 addresses that
 * follow a 14-byte Ethernet header). */
typedef struct {
    ovs_be16 hi, lo;            /* hi is the first in memory. */
} ovs_16aligned_be32;

/* A 128-bit value: UFIDs, IPv6 labels in hashes, conntrack labels. */
typedef union {
    uint32_t u32[4];
    struct {
        uint64_t lo, hi;        /* lo holds u32[0] and u32[1]. */
    } u64;
} ovs_u128;

/* A port number as OpenFlow sees it (16 bits, OpenFlow 1.0 numbering; the
 * reserved ports are OFPP_*). */
typedef uint16_t ofp_port_t;

/* A port number as the datapath sees it (the vport number). */
typedef uint32_t odp_port_t;

/* An OpenFlow 1.1+ port number (32 bits). */
typedef uint32_t ofp11_port_t;

/* Conversions that keep the two spaces apart at call sites. */
static inline uint16_t ofp_to_u16(ofp_port_t p) { return p; }
static inline ofp_port_t u16_to_ofp(uint16_t p) { return p; }
static inline uint32_t odp_to_u32(odp_port_t p) { return p; }
static inline odp_port_t u32_to_odp(uint32_t p) { return p; }

/* The datapath's local port (the bridge's own internal device) and "no
 * port". */
#define ODPP_LOCAL ((odp_port_t) 0)
#define ODPP_NONE  ((odp_port_t) UINT32_MAX)

/* OpenFlow 1.0 reserved port numbers (in host byte order). */
#define OFPP_MAX        ((ofp_port_t) 0xff00) /* Largest physical port. */
#define OFPP_UNSET      ((ofp_port_t) 0xfff7) /* Output port not yet set. */
#define OFPP_IN_PORT    ((ofp_port_t) 0xfff8) /* Back out the input port. */
#define OFPP_TABLE      ((ofp_port_t) 0xfff9) /* Run the flow table. */
#define OFPP_NORMAL     ((ofp_port_t) 0xfffa) /* L2 learning switch. */
#define OFPP_FLOOD      ((ofp_port_t) 0xfffb) /* All ports but in_port and
                                               * those with flooding off. */
#define OFPP_ALL        ((ofp_port_t) 0xfffc) /* All ports but in_port. */
#define OFPP_CONTROLLER ((ofp_port_t) 0xfffd) /* To the controller. */
#define OFPP_LOCAL      ((ofp_port_t) 0xfffe) /* The bridge's local port. */
#define OFPP_NONE       ((ofp_port_t) 0xffff) /* Not associated with a port. */

/* An Ethernet address. */
struct eth_addr {
    union {
        uint8_t ea[6];
        ovs_be16 be16[3];
    };
};

#endif /* openvswitch/types.h */
