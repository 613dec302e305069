/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "netlink.h"
#include <string.h>
#include "ofpbuf.h"
#include "openvswitch/util.h"

/* Appends the header of an attribute of 'type' with a 'size'-byte payload
 * to 'msg', followed by room for the payload whose padding is zeroed.
 * Returns the (uninitialized) payload. */
void *
nl_msg_put_unspec_uninit(struct ofpbuf *msg, uint16_t type, size_t size)
{
    size_t total = nl_attr_total_size(size);
    struct nlattr *nla;

    ovs_assert(nl_attr_size(size) <= UINT16_MAX);
    nla = ofpbuf_put_uninit(msg, total);
    nla->nla_len = nl_attr_size(size);
    nla->nla_type = type;
    memset((uint8_t *) nla + nla->nla_len, 0, total - nla->nla_len);
    return nla + 1;
}

/* Appends an attribute of 'type' with a 'size'-byte zeroed payload and
 * returns the payload. */
void *
nl_msg_put_unspec_zero(struct ofpbuf *msg, uint16_t type, size_t size)
{
    void *data = nl_msg_put_unspec_uninit(msg, type, size);

    memset(data, 0, size);
    return data;
}

/* Appends an attribute of 'type' whose payload is the 'size' bytes at
 * 'data'. */
void
nl_msg_put_unspec(struct ofpbuf *msg, uint16_t type, const void *data,
                  size_t size)
{
    void *p = nl_msg_put_unspec_uninit(msg, type, size);

    if (size) {
        memcpy(p, data, size);
    }
}

/* Appends a payload-less attribute of 'type'. */
void
nl_msg_put_flag(struct ofpbuf *msg, uint16_t type)
{
    nl_msg_put_unspec(msg, type, NULL, 0);
}

/* Typed forms of nl_msg_put_unspec(). */
void
nl_msg_put_u8(struct ofpbuf *msg, uint16_t type, uint8_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u16(struct ofpbuf *msg, uint16_t type, uint16_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u32(struct ofpbuf *msg, uint16_t type, uint32_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u64(struct ofpbuf *msg, uint16_t type, uint64_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u128(struct ofpbuf *msg, uint16_t type, ovs_u128 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be16(struct ofpbuf *msg, uint16_t type, ovs_be16 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be32(struct ofpbuf *msg, uint16_t type, ovs_be32 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be64(struct ofpbuf *msg, uint16_t type, ovs_be64 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_in6_addr(struct ofpbuf *msg, uint16_t type,
                    const struct in6_addr *value)
{
    nl_msg_put_unspec(msg, type, value, sizeof *value);
}

void
nl_msg_put_odp_port(struct ofpbuf *msg, uint16_t type, odp_port_t value)
{
    nl_msg_put_u32(msg, type, odp_to_u32(value));
}

/* Appends a string attribute, including its terminating null byte. */
void
nl_msg_put_string(struct ofpbuf *msg, uint16_t type, const char *value)
{
    nl_msg_put_unspec(msg, type, value, strlen(value) + 1);
}

/* Opens a nested attribute of 'type' at the end of 'msg' and returns its
 * offset, to pass to nl_msg_end_nested() or nl_msg_cancel_nested(). */
size_t
nl_msg_start_nested(struct ofpbuf *msg, uint16_t type)
{
    size_t offset = msg->size;

    nl_msg_put_unspec_uninit(msg, type, 0);
    return offset;
}

/* Closes the nested attribute at 'offset': its length becomes everything
 * put since nl_msg_start_nested(). */
void
nl_msg_end_nested(struct ofpbuf *msg, size_t offset)
{
    struct nlattr *nla = ofpbuf_at_assert(msg, offset, sizeof *nla);

    ovs_assert(msg->size - offset <= UINT16_MAX);
    nla->nla_len = msg->size - offset;
}

/* Removes the nested attribute at 'offset' and all that follows it. */
void
nl_msg_cancel_nested(struct ofpbuf *msg, size_t offset)
{
    ovs_assert(offset <= msg->size);
    msg->size = offset;
}

/* Closes the nested attribute at 'offset', or removes it if it is empty.
 * Returns true if it was removed. */
bool
nl_msg_end_non_empty_nested(struct ofpbuf *msg, size_t offset)
{
    if (msg->size - offset <= NLA_HDRLEN) {
        nl_msg_cancel_nested(msg, offset);
        return true;
    }
    nl_msg_end_nested(msg, offset);
    return false;
}

/* Appends a nested attribute of 'type' whose content is the 'size' bytes
 * of attributes at 'data'. */
void
nl_msg_put_nested(struct ofpbuf *msg, uint16_t type, const void *data,
                  size_t size)
{
    size_t offset = nl_msg_start_nested(msg, type);

    if (size) {
        ofpbuf_put(msg, data, size);
    }
    nl_msg_end_nested(msg, offset);
}

/* See netlink.h. */
const struct nlattr *
nl_attr_find__(const struct nlattr *attrs, size_t size, uint16_t type)
{
    const struct nlattr *nla;
    size_t left;

    NL_ATTR_FOR_EACH (nla, left, attrs, size) {
        if (nl_attr_type(nla) == type) {
            return nla;
        }
    }
    return NULL;
}

const struct nlattr *
nl_attr_find_nested(const struct nlattr *nla, uint16_t type)
{
    return nl_attr_find__(nl_attr_get(nla), nl_attr_get_size(nla), type);
}
