/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef NETLINK_H
#define NETLINK_H 1

/* Netlink attributes: writing them into a growable struct ofpbuf, and
 * reading them back.
 *
 * Why a writer of our own: libnl-3's struct nl_msg is allocated with a
 * fixed capacity (nlmsg_alloc_size()) and nla_put() fails with -NLE_NOMEM
 * once it is full; it cannot grow.  Datapath flow keys, masks and action
 * lists are built incrementally, nested to any depth, and their final size
 * is not known in advance (a translation may emit hundreds of actions), so
 * we append attributes to a struct ofpbuf, which reallocates as needed and
 * can start on a stack stub.  The byte layout is exactly the kernel's
 * (struct nlattr headers, 4-byte alignment, zeroed padding).
 *
 * Reading uses libnl-3's nla_* functions (nla_type(), nla_data(),
 * nla_len(), nla_parse(), nla_for_each_attr()); the nl_attr_* inlines
 * below are thin wrappers with the names the rest of the tree uses. */

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <netlink/attr.h>
#include "openvswitch/types.h"

struct ofpbuf;

/* Writing attributes at the end of 'msg'.  Each call appends one complete
 * attribute (header, payload, zeroed padding to a 4-byte boundary). */
void *nl_msg_put_unspec_uninit(struct ofpbuf *msg, uint16_t type,
                               size_t size);
void *nl_msg_put_unspec_zero(struct ofpbuf *msg, uint16_t type,
                             size_t size);
void nl_msg_put_unspec(struct ofpbuf *msg, uint16_t type, const void *data,
                       size_t size);
void nl_msg_put_flag(struct ofpbuf *msg, uint16_t type);
void nl_msg_put_u8(struct ofpbuf *msg, uint16_t type, uint8_t value);
void nl_msg_put_u16(struct ofpbuf *msg, uint16_t type, uint16_t value);
void nl_msg_put_u32(struct ofpbuf *msg, uint16_t type, uint32_t value);
void nl_msg_put_u64(struct ofpbuf *msg, uint16_t type, uint64_t value);
void nl_msg_put_u128(struct ofpbuf *msg, uint16_t type, ovs_u128 value);
void nl_msg_put_be16(struct ofpbuf *msg, uint16_t type, ovs_be16 value);
void nl_msg_put_be32(struct ofpbuf *msg, uint16_t type, ovs_be32 value);
void nl_msg_put_be64(struct ofpbuf *msg, uint16_t type, ovs_be64 value);
void nl_msg_put_in6_addr(struct ofpbuf *msg, uint16_t type,
                         const struct in6_addr *value);
void nl_msg_put_odp_port(struct ofpbuf *msg, uint16_t type,
                         odp_port_t value);
void nl_msg_put_string(struct ofpbuf *msg, uint16_t type, const char *value);

/* Nesting: nl_msg_start_nested() opens attribute 'type' and returns its
 * offset in 'msg'; the attributes put afterward go inside it until
 * nl_msg_end_nested() fixes up its length.  nl_msg_cancel_nested()
 * removes the nested attribute and everything put after it.
 * nl_msg_end_non_empty_nested() ends the attribute, but cancels it and
 * returns true if nothing was put inside. */
size_t nl_msg_start_nested(struct ofpbuf *msg, uint16_t type);
void nl_msg_end_nested(struct ofpbuf *msg, size_t offset);
void nl_msg_cancel_nested(struct ofpbuf *msg, size_t offset);
bool nl_msg_end_non_empty_nested(struct ofpbuf *msg, size_t offset);
void nl_msg_put_nested(struct ofpbuf *msg, uint16_t type, const void *data,
                       size_t size);

/* Reading attributes (wrappers over libnl's nla_*). */

/* Size of an attribute with a 'payload'-byte payload, without and with
 * trailing padding. */
static inline size_t
nl_attr_size(size_t payload)
{
    return NLA_HDRLEN + payload;
}

static inline size_t
nl_attr_total_size(size_t payload)
{
    return NLA_ALIGN(nl_attr_size(payload));
}

/* The attribute's type, without the NLA_F_NESTED and NLA_F_NET_BYTEORDER
 * flags. */
static inline uint16_t
nl_attr_type(const struct nlattr *nla)
{
    return nla_type(nla);
}

/* The attribute's payload and its size in bytes. */
static inline const void *
nl_attr_get(const struct nlattr *nla)
{
    return nla_data(nla);
}

static inline size_t
nl_attr_get_size(const struct nlattr *nla)
{
    return nla_len(nla);
}

/* Returns the payload if it is exactly 'size' bytes, otherwise NULL. */
static inline const void *
nl_attr_get_unspec(const struct nlattr *nla, size_t size)
{
    return nl_attr_get_size(nla) == size ? nl_attr_get(nla) : NULL;
}

/* Typed payload readers.  The caller has checked the size (for instance
 * with nla_parse() and a policy, or odp-util's length table).  The payload
 * of a netlink attribute is only 4-byte aligned, so 64-bit values are
 * copied. */
static inline bool
nl_attr_get_flag(const struct nlattr *nla)
{
    return nla != NULL;
}

static inline uint8_t
nl_attr_get_u8(const struct nlattr *nla)
{
    return *(const uint8_t *) nl_attr_get(nla);
}

static inline uint16_t
nl_attr_get_u16(const struct nlattr *nla)
{
    uint16_t x;

    memcpy(&x, nl_attr_get(nla), sizeof x);
    return x;
}

static inline uint32_t
nl_attr_get_u32(const struct nlattr *nla)
{
    uint32_t x;

    memcpy(&x, nl_attr_get(nla), sizeof x);
    return x;
}

static inline uint64_t
nl_attr_get_u64(const struct nlattr *nla)
{
    uint64_t x;

    memcpy(&x, nl_attr_get(nla), sizeof x);
    return x;
}

static inline ovs_u128
nl_attr_get_u128(const struct nlattr *nla)
{
    ovs_u128 x;

    memcpy(&x, nl_attr_get(nla), sizeof x);
    return x;
}

static inline ovs_be16
nl_attr_get_be16(const struct nlattr *nla)
{
    return nl_attr_get_u16(nla);
}

static inline ovs_be32
nl_attr_get_be32(const struct nlattr *nla)
{
    return nl_attr_get_u32(nla);
}

static inline ovs_be64
nl_attr_get_be64(const struct nlattr *nla)
{
    return nl_attr_get_u64(nla);
}

static inline odp_port_t
nl_attr_get_odp_port(const struct nlattr *nla)
{
    return u32_to_odp(nl_attr_get_u32(nla));
}

static inline struct in6_addr
nl_attr_get_in6_addr(const struct nlattr *nla)
{
    struct in6_addr x;

    memcpy(&x, nl_attr_get(nla), sizeof x);
    return x;
}

/* The payload as a string; the caller has checked that it is
 * null-terminated. */
static inline const char *
nl_attr_get_string(const struct nlattr *nla)
{
    return nl_attr_get(nla);
}

/* True if 'nla' is a complete attribute within the 'left' bytes that start
 * at it. */
static inline bool
nl_attr_is_valid(const struct nlattr *nla, size_t left)
{
    return (left >= NLA_HDRLEN
            && nla->nla_len >= NLA_HDRLEN
            && nla->nla_len <= left);
}

/* The attribute after 'nla' (which must be valid). */
static inline const struct nlattr *
nl_attr_next(const struct nlattr *nla)
{
    return (const struct nlattr *) ((const uint8_t *) nla
                                    + NLA_ALIGN(nla->nla_len));
}

/* Iterates ITER over the attributes in the 'ATTRS_LEN' bytes at ATTRS,
 * with LEFT (a size_t) counting the bytes left.  Stops at the first
 * malformed attribute, leaving LEFT nonzero. */
#define NL_ATTR_FOR_EACH(ITER, LEFT, ATTRS, ATTRS_LEN)                  \
    for ((ITER) = (ATTRS), (LEFT) = (ATTRS_LEN);                        \
         nl_attr_is_valid(ITER, LEFT);                                  \
         (LEFT) = ((LEFT) > NLA_ALIGN((ITER)->nla_len)                  \
                   ? (LEFT) - NLA_ALIGN((ITER)->nla_len) : 0),          \
         (ITER) = nl_attr_next(ITER))

/* The same for attributes already validated. */
#define NL_ATTR_FOR_EACH_UNSAFE(ITER, LEFT, ATTRS, ATTRS_LEN)           \
    NL_ATTR_FOR_EACH (ITER, LEFT, ATTRS, ATTRS_LEN)

/* Iterates over the attributes nested inside 'NLA'. */
#define NL_NESTED_FOR_EACH(ITER, LEFT, NLA)                             \
    NL_ATTR_FOR_EACH (ITER, LEFT, nl_attr_get(NLA), nl_attr_get_size(NLA))
#define NL_NESTED_FOR_EACH_UNSAFE(ITER, LEFT, NLA)                      \
    NL_NESTED_FOR_EACH (ITER, LEFT, NLA)

/* Returns the first attribute of type 'type' among the 'size' bytes of
 * attributes at 'attrs', or inside 'nla', or NULL. */
const struct nlattr *nl_attr_find__(const struct nlattr *attrs, size_t size,
                                    uint16_t type);
const struct nlattr *nl_attr_find_nested(const struct nlattr *nla,
                                         uint16_t type);

#endif /* netlink.h */
