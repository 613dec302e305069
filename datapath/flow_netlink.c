// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Flow keys, masks, identifiers and actions to and from netlink.
 *
 * Everything userspace sends is checked here, before any lock is taken:
 * unknown and duplicate attributes, sizes, attributes that do not fit the
 * key's protocols, and actions that the flow's key and mask do not make
 * safe.  The packet path then trusts what it finds in a flow.
 *
 * A key's netlink form nests the fields inside VLAN tags in
 * OVS_KEY_ATTR_ENCAP: an outer tag is OVS_KEY_ATTR_ETHERTYPE (the TPID),
 * OVS_KEY_ATTR_VLAN (the TCI, with VLAN_CFI_MASK set) and OVS_KEY_ATTR_ENCAP
 * holding the rest; a tag cut short by the end of the packet has TCI 0 and an
 * empty ENCAP.  A mask mirrors the structure of its key.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/slab.h>
#include <net/dst_cache.h>
#include <net/dst_metadata.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/netlink.h>

#include "datapath.h"
#include "flow.h"
#include "flow_netlink.h"
#include "flow_table.h"

/* Sizes of key attributes; the negative values are special. */
#define KLEN_NESTED	-1	/* Nested attributes. */
#define KLEN_ARRAY	-2	/* Any multiple of 4 bytes. */
#define KLEN_ANY	-3	/* Any size. */

static const int key_lens[OVS_KEY_ATTR_MAX + 1] = {
	[OVS_KEY_ATTR_ENCAP] = KLEN_NESTED,
	[OVS_KEY_ATTR_PRIORITY] = sizeof(u32),
	[OVS_KEY_ATTR_IN_PORT] = sizeof(u32),
	[OVS_KEY_ATTR_ETHERNET] = sizeof(struct ovs_key_ethernet),
	[OVS_KEY_ATTR_VLAN] = sizeof(__be16),
	[OVS_KEY_ATTR_ETHERTYPE] = sizeof(__be16),
	[OVS_KEY_ATTR_IPV4] = sizeof(struct ovs_key_ipv4),
	[OVS_KEY_ATTR_IPV6] = sizeof(struct ovs_key_ipv6),
	[OVS_KEY_ATTR_TCP] = sizeof(struct ovs_key_tcp),
	[OVS_KEY_ATTR_UDP] = sizeof(struct ovs_key_udp),
	[OVS_KEY_ATTR_ICMP] = sizeof(struct ovs_key_icmp),
	[OVS_KEY_ATTR_ICMPV6] = sizeof(struct ovs_key_icmpv6),
	[OVS_KEY_ATTR_ARP] = sizeof(struct ovs_key_arp),
	[OVS_KEY_ATTR_ND] = sizeof(struct ovs_key_nd),
	[OVS_KEY_ATTR_SKB_MARK] = sizeof(u32),
	[OVS_KEY_ATTR_TUNNEL] = KLEN_NESTED,
	[OVS_KEY_ATTR_SCTP] = sizeof(struct ovs_key_sctp),
	[OVS_KEY_ATTR_TCP_FLAGS] = sizeof(__be16),
	[OVS_KEY_ATTR_DP_HASH] = sizeof(u32),
	[OVS_KEY_ATTR_RECIRC_ID] = sizeof(u32),
	[OVS_KEY_ATTR_MPLS] = KLEN_ARRAY,
	[OVS_KEY_ATTR_CT_STATE] = sizeof(u32),
	[OVS_KEY_ATTR_CT_ZONE] = sizeof(u16),
	[OVS_KEY_ATTR_CT_MARK] = sizeof(u32),
	[OVS_KEY_ATTR_CT_LABELS] = sizeof(struct ovs_key_ct_labels),
	[OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4] =
		sizeof(struct ovs_key_ct_tuple_ipv4),
	[OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6] =
		sizeof(struct ovs_key_ct_tuple_ipv6),
	[OVS_KEY_ATTR_NSH] = KLEN_NESTED,
	[OVS_KEY_ATTR_PACKET_TYPE] = sizeof(__be32),
	[OVS_KEY_ATTR_ND_EXTENSIONS] = KLEN_ANY,
	[OVS_KEY_ATTR_TUNNEL_INFO] = KLEN_ANY,
	[OVS_KEY_ATTR_IPV6_EXTHDRS] = sizeof(struct ovs_key_ipv6_exthdrs),
};

#define KBIT(type)	BIT_ULL(type)

/* Key attributes this datapath knows but does not implement (no
 * conntrack, MPLS or NSH here).  Every packet it sees has these fields at
 * zero, so they are accepted when they say just that. */
#define UNIMPLEMENTED_ATTRS						\
	(KBIT(OVS_KEY_ATTR_MPLS) |					\
	 KBIT(OVS_KEY_ATTR_CT_STATE) | KBIT(OVS_KEY_ATTR_CT_ZONE) |	\
	 KBIT(OVS_KEY_ATTR_CT_MARK) | KBIT(OVS_KEY_ATTR_CT_LABELS) |	\
	 KBIT(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4) |			\
	 KBIT(OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6) | KBIT(OVS_KEY_ATTR_NSH) | \
	 KBIT(OVS_KEY_ATTR_PACKET_TYPE) |				\
	 KBIT(OVS_KEY_ATTR_ND_EXTENSIONS) |				\
	 KBIT(OVS_KEY_ATTR_IPV6_EXTHDRS))

/* Attributes that only the outermost level of a key may have. */
#define TOP_LEVEL_ATTRS							\
	(KBIT(OVS_KEY_ATTR_PRIORITY) | KBIT(OVS_KEY_ATTR_IN_PORT) |	\
	 KBIT(OVS_KEY_ATTR_ETHERNET) | KBIT(OVS_KEY_ATTR_SKB_MARK) |	\
	 KBIT(OVS_KEY_ATTR_DP_HASH) | KBIT(OVS_KEY_ATTR_RECIRC_ID) |	\
	 KBIT(OVS_KEY_ATTR_TUNNEL) | UNIMPLEMENTED_ATTRS)

enum fill_mode {
	FILL_KEY,	/* Values of a key. */
	FILL_MASK,	/* Values of a mask, shaped by a key. */
	FILL_EXACT,	/* All-ones mask for the attributes a key has. */
};

/* Returns true if the 'len' bytes at 'p' are all zero. */
static bool all_zero(const void *p, int len)
{
	return !memchr_inv(p, 0, len);
}

/* Returns true if every attribute nested in 'nla' carries only zeros. */
static bool nest_is_zero(const struct nlattr *nla)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nla, rem)
		if (!all_zero(nla_data(a), nla_len(a)))
			return false;
	return !rem;
}

/* Returns true if the payload of 'a' has the size 'size' requires. */
static bool attr_size_ok(const struct nlattr *a, s16 size)
{
	int len = nla_len(a);

	switch (size) {
	case OVS_ATTR_ANY:
		return true;
	case OVS_ATTR_NESTED:
		return !len || len >= NLA_HDRLEN;
	case OVS_ATTR_U32_ARRAY:
		return len && !(len % sizeof(u32));
	}
	return len == size;
}

/**
 * ovs_nla_check_attrs - rejects what the generic parser lets through.
 * @head: first attribute.
 * @len: bytes of attributes.
 * @maxtype: highest attribute type known.
 * @sizes: size of each attribute type (see OVS_ATTR_*), or NULL.
 * @extack: where to say which attribute is wrong.
 *
 * Returns -EINVAL if an attribute has type 0 or a type above @maxtype,
 * appears twice or has the wrong size, or if bytes trail the last
 * attribute; 0 otherwise.
 */
int ovs_nla_check_attrs(const struct nlattr *head, int len, int maxtype,
			const s16 *sizes, struct netlink_ext_ack *extack)
{
	DECLARE_BITMAP(seen, 64);
	const struct nlattr *a;
	int rem;

	if (WARN_ON_ONCE(maxtype >= 64))
		return -EINVAL;
	bitmap_zero(seen, 64);
	nla_for_each_attr(a, head, len, rem) {
		int type = nla_type(a);

		if (!type || type > maxtype) {
			NL_SET_ERR_MSG_ATTR(extack, a, "unknown attribute type");
			return -EINVAL;
		}
		if (test_and_set_bit(type, seen)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "duplicate attribute");
			return -EINVAL;
		}
		if (sizes && !attr_size_ok(a, sizes[type])) {
			NL_SET_ERR_MSG_ATTR(extack, a, "attribute has the wrong size");
			return -EINVAL;
		}
	}
	if (rem) {
		NL_SET_ERR_MSG_MOD(extack, "bytes left over after the last attribute");
		return -EINVAL;
	}
	return 0;
}

/* Parses the key attributes nested in 'nest' into 'a' and 'present',
 * checking types, duplicates and sizes. */
static int parse_level(const struct nlattr *nest, const struct nlattr **a,
		       u64 *present, bool log, struct netlink_ext_ack *extack)
{
	const struct nlattr *nla;
	int rem;

	*present = 0;
	memset(a, 0, sizeof(*a) * (OVS_KEY_ATTR_MAX + 1));
	nla_for_each_nested(nla, nest, rem) {
		int type = nla_type(nla);
		int len = nla_len(nla);
		int want;

		if (!type || type > OVS_KEY_ATTR_MAX) {
			OVS_NLERR(log, "unknown flow key attribute %d", type);
			NL_SET_ERR_MSG_ATTR(extack, nla, "unknown flow key attribute");
			return -EINVAL;
		}
		if (*present & KBIT(type)) {
			OVS_NLERR(log, "duplicate flow key attribute %d", type);
			NL_SET_ERR_MSG_ATTR(extack, nla, "duplicate flow key attribute");
			return -EINVAL;
		}
		want = key_lens[type];
		if ((want >= 0 && len != want) ||
		    (want == KLEN_ARRAY && len % 4)) {
			OVS_NLERR(log, "flow key attribute %d has size %d", type,
				  len);
			NL_SET_ERR_MSG_ATTR(extack, nla, "flow key attribute has the wrong size");
			return -EINVAL;
		}
		if (type == OVS_KEY_ATTR_TUNNEL_INFO) {
			NL_SET_ERR_MSG_ATTR(extack, nla, "OVS_KEY_ATTR_TUNNEL_INFO is internal to the kernel");
			return -EINVAL;
		}
		if (KBIT(type) & UNIMPLEMENTED_ATTRS) {
			bool zero = want == KLEN_NESTED
				    ? nest_is_zero(nla)
				    : all_zero(nla_data(nla), len);

			if (!zero) {
				OVS_NLERR(log, "flow key attribute %d is not supported",
					  type);
				NL_SET_ERR_MSG_ATTR(extack, nla, "flow key attribute not supported by this datapath");
				return -EINVAL;
			}
		}
		a[type] = nla;
		*present |= KBIT(type);
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "bytes left over in flow key");
		return -EINVAL;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * Tunnel keys (OVS_KEY_ATTR_TUNNEL, and the set(tunnel(...)) action).
 * ------------------------------------------------------------------------ */

/* Size of each OVS_TUNNEL_KEY_ATTR_*: bytes, or KLEN_*; KLEN_NONE marks
 * the attributes this datapath refuses. */
#define KLEN_NONE	-4

static const int tun_lens[OVS_TUNNEL_KEY_ATTR_MAX + 1] = {
	[OVS_TUNNEL_KEY_ATTR_ID] = sizeof(__be64),
	[OVS_TUNNEL_KEY_ATTR_IPV4_SRC] = sizeof(__be32),
	[OVS_TUNNEL_KEY_ATTR_IPV4_DST] = sizeof(__be32),
	[OVS_TUNNEL_KEY_ATTR_TOS] = 1,
	[OVS_TUNNEL_KEY_ATTR_TTL] = 1,
	[OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT] = 0,
	[OVS_TUNNEL_KEY_ATTR_CSUM] = 0,
	[OVS_TUNNEL_KEY_ATTR_OAM] = 0,
	[OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS] = KLEN_ARRAY,
	[OVS_TUNNEL_KEY_ATTR_TP_SRC] = sizeof(__be16),
	[OVS_TUNNEL_KEY_ATTR_TP_DST] = sizeof(__be16),
	[OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS] = KLEN_NESTED,
	[OVS_TUNNEL_KEY_ATTR_IPV6_SRC] = sizeof(struct in6_addr),
	[OVS_TUNNEL_KEY_ATTR_IPV6_DST] = sizeof(struct in6_addr),
	[OVS_TUNNEL_KEY_ATTR_PAD] = KLEN_NONE,
	[OVS_TUNNEL_KEY_ATTR_ERSPAN_OPTS] = KLEN_NONE,
	[OVS_TUNNEL_KEY_ATTR_IPV4_INFO_BRIDGE] = KLEN_NONE,
};

/* Sets the fields of mask 'm' that a tunnel of address family 'af' uses
 * to all ones: the mask of a tunnel key that userspace gave no mask for. */
static void tun_mask_exact(struct ovs_key_tunnel *m, u8 af)
{
	m->tun_id = cpu_to_be64(~0ULL);
	if (af == AF_INET6) {
		memset(&m->ipv6_src, 0xff, sizeof(m->ipv6_src));
		memset(&m->ipv6_dst, 0xff, sizeof(m->ipv6_dst));
	} else {
		m->ipv4_src = htonl(0xffffffff);
		m->ipv4_dst = htonl(0xffffffff);
	}
	m->flags = OVS_TUNNEL_KEY_FLAGS;
	m->tp_src = htons(0xffff);
	m->tp_dst = htons(0xffff);
	m->tos = 0xff;
	m->ttl = 0xff;
	m->af = 0xff;
}

/* Reads the OVS_TUNNEL_KEY_ATTR_* nested in 'nla' into 't', which the
 * caller zeroed: a tunnel key if 'is_mask' is false, else a mask, in which
 * a missing attribute means "wildcarded" and the flag attributes present
 * say which flags match.  Returns 0 or -EINVAL. */
static int tun_from_nla(const struct nlattr *nla, struct ovs_key_tunnel *t,
			bool is_mask, bool log, struct netlink_ext_ack *extack)
{
	bool ipv4 = false, ipv6 = false, ttl = false;
	const struct nlattr *a;
	__be16 flags = 0;
	u32 seen = 0;
	int rem;

	nla_for_each_nested(a, nla, rem) {
		int type = nla_type(a);
		int len = nla_len(a);
		int want;

		want = type <= OVS_TUNNEL_KEY_ATTR_MAX ? tun_lens[type]
						       : KLEN_NONE;
		if (want == KLEN_NONE) {
			OVS_NLERR(log, "tunnel key attribute %d not supported",
				  type);
			NL_SET_ERR_MSG_ATTR(extack, a, "unknown or unsupported tunnel key attribute");
			return -EINVAL;
		}
		if (seen & BIT(type)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "duplicate tunnel key attribute");
			return -EINVAL;
		}
		seen |= BIT(type);
		if ((want >= 0 && len != want) ||
		    (want == KLEN_ARRAY && len % 4) ||
		    (want == KLEN_NESTED && len && len < NLA_HDRLEN)) {
			OVS_NLERR(log, "tunnel key attribute %d has size %d",
				  type, len);
			NL_SET_ERR_MSG_ATTR(extack, a, "tunnel key attribute has the wrong size");
			return -EINVAL;
		}

		switch (type) {
		case OVS_TUNNEL_KEY_ATTR_ID:
			t->tun_id = nla_get_be64(a);
			flags |= TUNNEL_KEY;
			break;
		case OVS_TUNNEL_KEY_ATTR_IPV4_SRC:
			t->ipv4_src = nla_get_in_addr(a);
			ipv4 = true;
			break;
		case OVS_TUNNEL_KEY_ATTR_IPV4_DST:
			t->ipv4_dst = nla_get_in_addr(a);
			ipv4 = true;
			break;
		case OVS_TUNNEL_KEY_ATTR_IPV6_SRC:
			t->ipv6_src = nla_get_in6_addr(a);
			ipv6 = true;
			break;
		case OVS_TUNNEL_KEY_ATTR_IPV6_DST:
			t->ipv6_dst = nla_get_in6_addr(a);
			ipv6 = true;
			break;
		case OVS_TUNNEL_KEY_ATTR_TOS:
			t->tos = nla_get_u8(a);
			break;
		case OVS_TUNNEL_KEY_ATTR_TTL:
			t->ttl = nla_get_u8(a);
			ttl = true;
			break;
		case OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT:
			flags |= TUNNEL_DONT_FRAGMENT;
			break;
		case OVS_TUNNEL_KEY_ATTR_CSUM:
			flags |= TUNNEL_CSUM;
			break;
		case OVS_TUNNEL_KEY_ATTR_OAM:
			flags |= TUNNEL_OAM;
			break;
		case OVS_TUNNEL_KEY_ATTR_TP_SRC:
			t->tp_src = nla_get_be16(a);
			break;
		case OVS_TUNNEL_KEY_ATTR_TP_DST:
			t->tp_dst = nla_get_be16(a);
			break;
		case OVS_TUNNEL_KEY_ATTR_GENEVE_OPTS:
		case OVS_TUNNEL_KEY_ATTR_VXLAN_OPTS:
			/* Options are not kept in keys: only "none" (or,
			 * in a mask, "ignored") can be said. */
			if (len && (!is_mask ||
				    (want == KLEN_NESTED ? !nest_is_zero(a)
				     : !all_zero(nla_data(a), len)))) {
				OVS_NLERR(log, "tunnel options not supported");
				NL_SET_ERR_MSG_ATTR(extack, a, "tunnel options are not supported by this datapath");
				return -EINVAL;
			}
			break;
		}
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "bytes left over in tunnel key");
		return -EINVAL;
	}
	if (ipv4 && ipv6) {
		OVS_NLERR(log, "tunnel key mixes IPv4 and IPv6 addresses");
		NL_SET_ERR_MSG_ATTR(extack, nla, "tunnel key mixes IPv4 and IPv6 addresses");
		return -EINVAL;
	}
	t->flags = flags;
	if (is_mask) {
		t->af = 0xff;
		return 0;
	}
	if (ipv6 ? ipv6_addr_any(&t->ipv6_dst) : !t->ipv4_dst) {
		OVS_NLERR(log, "tunnel key without a destination address");
		NL_SET_ERR_MSG_ATTR(extack, nla, "tunnel key without a destination address");
		return -EINVAL;
	}
	if (!ttl) {
		OVS_NLERR(log, "tunnel key without a TTL");
		NL_SET_ERR_MSG_ATTR(extack, nla, "tunnel key without a TTL");
		return -EINVAL;
	}
	t->af = ipv6 ? AF_INET6 : AF_INET;
	return 0;
}

/**
 * ovs_nla_get_tunnel - reads a tunnel key, as in a set(tunnel(...)) action.
 * @attr: OVS_KEY_ATTR_TUNNEL.
 * @tun: set to the key (zeroed first).
 * @log: whether to log a rejection.
 * @extack: where to explain it, or NULL.
 *
 * Returns 0 or -EINVAL.
 */
int ovs_nla_get_tunnel(const struct nlattr *attr, struct ovs_key_tunnel *tun,
		       bool log, struct netlink_ext_ack *extack)
{
	memset(tun, 0, sizeof(*tun));
	return tun_from_nla(attr, tun, false, log, extack);
}

/* Puts tunnel key or mask 'v' as OVS_KEY_ATTR_TUNNEL.  Returns 0 or
 * -EMSGSIZE. */
static int put_tunnel(struct sk_buff *skb, const struct ovs_key_tunnel *v)
{
	struct nlattr *nest;

	nest = nla_nest_start_noflag(skb, OVS_KEY_ATTR_TUNNEL);
	if (!nest)
		return -EMSGSIZE;
	if ((v->flags & TUNNEL_KEY) &&
	    nla_put_be64(skb, OVS_TUNNEL_KEY_ATTR_ID, v->tun_id,
			 OVS_TUNNEL_KEY_ATTR_PAD))
		goto err;
	if ((v->ipv4_src &&
	     nla_put_in_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV4_SRC,
			     v->ipv4_src)) ||
	    (v->ipv4_dst &&
	     nla_put_in_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV4_DST,
			     v->ipv4_dst)) ||
	    (!ipv6_addr_any(&v->ipv6_src) &&
	     nla_put_in6_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV6_SRC,
			      &v->ipv6_src)) ||
	    (!ipv6_addr_any(&v->ipv6_dst) &&
	     nla_put_in6_addr(skb, OVS_TUNNEL_KEY_ATTR_IPV6_DST,
			      &v->ipv6_dst)) ||
	    (v->tos && nla_put_u8(skb, OVS_TUNNEL_KEY_ATTR_TOS, v->tos)) ||
	    nla_put_u8(skb, OVS_TUNNEL_KEY_ATTR_TTL, v->ttl) ||
	    ((v->flags & TUNNEL_DONT_FRAGMENT) &&
	     nla_put_flag(skb, OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT)) ||
	    ((v->flags & TUNNEL_CSUM) &&
	     nla_put_flag(skb, OVS_TUNNEL_KEY_ATTR_CSUM)) ||
	    ((v->flags & TUNNEL_OAM) &&
	     nla_put_flag(skb, OVS_TUNNEL_KEY_ATTR_OAM)) ||
	    (v->tp_src &&
	     nla_put_be16(skb, OVS_TUNNEL_KEY_ATTR_TP_SRC, v->tp_src)) ||
	    (v->tp_dst &&
	     nla_put_be16(skb, OVS_TUNNEL_KEY_ATTR_TP_DST, v->tp_dst)))
		goto err;
	nla_nest_end(skb, nest);
	return 0;

err:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Field readers: the attribute's value, or all ones for an exact mask. */
static u32 get_u32(const struct nlattr *nla, bool ones)
{
	return ones ? U32_MAX : nla_get_u32(nla);
}

static __be16 get_be16(const struct nlattr *nla, bool ones)
{
	return ones ? htons(0xffff) : nla_get_be16(nla);
}

static void get_bytes(void *dst, const void *src, size_t n, bool ones)
{
	if (ones)
		memset(dst, 0xff, n);
	else
		memcpy(dst, src, n);
}

/* Returns true if key attribute 'type' fits a key shaped like 'k'. */
static bool l3_attr_fits(int type, const struct ovs_key *k)
{
	bool ipv4 = k->eth_type == htons(ETH_P_IP);
	bool ipv6 = k->eth_type == htons(ETH_P_IPV6);
	bool l4 = (ipv4 || ipv6) && k->ip_frag != OVS_FRAG_TYPE_LATER;

	switch (type) {
	case OVS_KEY_ATTR_IPV4:
		return ipv4;
	case OVS_KEY_ATTR_IPV6:
		return ipv6;
	case OVS_KEY_ATTR_ARP:
		return k->eth_type == htons(ETH_P_ARP) ||
		       k->eth_type == htons(ETH_P_RARP);
	case OVS_KEY_ATTR_TCP:
	case OVS_KEY_ATTR_TCP_FLAGS:
		return l4 && k->ip_proto == IPPROTO_TCP;
	case OVS_KEY_ATTR_UDP:
		return l4 && k->ip_proto == IPPROTO_UDP;
	case OVS_KEY_ATTR_SCTP:
		return l4 && k->ip_proto == IPPROTO_SCTP;
	case OVS_KEY_ATTR_ICMP:
		return l4 && ipv4 && k->ip_proto == IPPROTO_ICMP;
	case OVS_KEY_ATTR_ICMPV6:
		return l4 && ipv6 && k->ip_proto == IPPROTO_ICMPV6;
	case OVS_KEY_ATTR_ND:
		return l4 && ipv6 && k->ip_proto == IPPROTO_ICMPV6 &&
		       (k->tp_src == htons(NDISC_NEIGHBOUR_SOLICITATION) ||
			k->tp_src == htons(NDISC_NEIGHBOUR_ADVERTISEMENT)) &&
		       !k->tp_dst;
	}
	return false;
}

/* Stores the fields of L3/L4 attribute 'nla' of type 'type' in 'out'. */
static int fill_l3_attr(struct ovs_key *out, int type,
			const struct nlattr *nla, enum fill_mode mode,
			bool log, struct netlink_ext_ack *extack)
{
	bool ones = mode == FILL_EXACT;
	const void *data = nla_data(nla);

	switch (type) {
	case OVS_KEY_ATTR_IPV4: {
		const struct ovs_key_ipv4 *v = data;

		if (mode == FILL_KEY && v->ipv4_frag > OVS_FRAG_TYPE_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, nla, "unknown IPv4 fragment type");
			return -EINVAL;
		}
		get_bytes(&out->addr.ipv4.src, &v->ipv4_src, 4, ones);
		get_bytes(&out->addr.ipv4.dst, &v->ipv4_dst, 4, ones);
		out->ip_proto = ones ? 0xff : v->ipv4_proto;
		out->ip_tos = ones ? 0xff : v->ipv4_tos;
		out->ip_ttl = ones ? 0xff : v->ipv4_ttl;
		out->ip_frag = ones ? 0xff : v->ipv4_frag;
		break;
	}
	case OVS_KEY_ATTR_IPV6: {
		const struct ovs_key_ipv6 *v = data;
		__be32 label = v->ipv6_label;

		if (mode == FILL_KEY) {
			if (v->ipv6_frag > OVS_FRAG_TYPE_MAX) {
				NL_SET_ERR_MSG_ATTR(extack, nla, "unknown IPv6 fragment type");
				return -EINVAL;
			}
			if (label & ~htonl(0xfffff)) {
				NL_SET_ERR_MSG_ATTR(extack, nla, "IPv6 flow label has more than 20 bits");
				return -EINVAL;
			}
		}
		get_bytes(&out->addr.ipv6.src, v->ipv6_src, 16, ones);
		get_bytes(&out->addr.ipv6.dst, v->ipv6_dst, 16, ones);
		out->ipv6_label = (ones ? htonl(0xffffffff) : label) &
				  htonl(0xfffff);
		out->ip_proto = ones ? 0xff : v->ipv6_proto;
		out->ip_tos = ones ? 0xff : v->ipv6_tclass;
		out->ip_ttl = ones ? 0xff : v->ipv6_hlimit;
		out->ip_frag = ones ? 0xff : v->ipv6_frag;
		break;
	}
	case OVS_KEY_ATTR_ARP: {
		const struct ovs_key_arp *v = data;
		u16 op = ntohs(v->arp_op);

		if (mode == FILL_KEY && op > 0xff) {
			OVS_NLERR(log, "ARP opcode %u does not fit a flow", op);
			NL_SET_ERR_MSG_ATTR(extack, nla, "ARP opcode above 255");
			return -EINVAL;
		}
		get_bytes(&out->addr.ipv4.src, &v->arp_sip, 4, ones);
		get_bytes(&out->addr.ipv4.dst, &v->arp_tip, 4, ones);
		out->ip_proto = ones ? 0xff : op & 0xff;
		get_bytes(out->l2addr.arp.sha, v->arp_sha, ETH_ALEN, ones);
		get_bytes(out->l2addr.arp.tha, v->arp_tha, ETH_ALEN, ones);
		break;
	}
	case OVS_KEY_ATTR_TCP: {
		const struct ovs_key_tcp *v = data;

		out->tp_src = ones ? htons(0xffff) : v->tcp_src;
		out->tp_dst = ones ? htons(0xffff) : v->tcp_dst;
		break;
	}
	case OVS_KEY_ATTR_TCP_FLAGS:
		out->tcp_flags = get_be16(nla, ones) & htons(0x0fff);
		break;
	case OVS_KEY_ATTR_UDP: {
		const struct ovs_key_udp *v = data;

		out->tp_src = ones ? htons(0xffff) : v->udp_src;
		out->tp_dst = ones ? htons(0xffff) : v->udp_dst;
		break;
	}
	case OVS_KEY_ATTR_SCTP: {
		const struct ovs_key_sctp *v = data;

		out->tp_src = ones ? htons(0xffff) : v->sctp_src;
		out->tp_dst = ones ? htons(0xffff) : v->sctp_dst;
		break;
	}
	case OVS_KEY_ATTR_ICMP: {
		const struct ovs_key_icmp *v = data;

		out->tp_src = htons(ones ? 0xff : v->icmp_type);
		out->tp_dst = htons(ones ? 0xff : v->icmp_code);
		break;
	}
	case OVS_KEY_ATTR_ICMPV6: {
		const struct ovs_key_icmpv6 *v = data;

		out->tp_src = htons(ones ? 0xff : v->icmpv6_type);
		out->tp_dst = htons(ones ? 0xff : v->icmpv6_code);
		break;
	}
	case OVS_KEY_ATTR_ND: {
		const struct ovs_key_nd *v = data;

		get_bytes(&out->l2addr.nd.target, v->nd_target, 16, ones);
		get_bytes(out->l2addr.nd.sll, v->nd_sll, ETH_ALEN, ones);
		get_bytes(out->l2addr.nd.tll, v->nd_tll, ETH_ALEN, ones);
		break;
	}
	}
	return 0;
}

/* The L3 and L4 attributes, in the order they must be read: each may
 * depend on the fields set by those before it. */
static const int l3_attr_order[] = {
	OVS_KEY_ATTR_IPV4, OVS_KEY_ATTR_IPV6, OVS_KEY_ATTR_ARP,
	OVS_KEY_ATTR_TCP, OVS_KEY_ATTR_TCP_FLAGS, OVS_KEY_ATTR_UDP,
	OVS_KEY_ATTR_SCTP, OVS_KEY_ATTR_ICMP, OVS_KEY_ATTR_ICMPV6,
	OVS_KEY_ATTR_ND,
};

/* Fills the Ethernet type and L3/L4 fields of 'out' from the innermost
 * level 'a' of a key or mask.  'k' shapes the interpretation: 'out' itself
 * for a key, the key for a mask. */
static int fill_inner(struct ovs_key *out, const struct nlattr **a,
		      u64 present, const struct ovs_key *k,
		      enum fill_mode mode, bool log,
		      struct netlink_ext_ack *extack)
{
	const struct nlattr *et = a[OVS_KEY_ATTR_ETHERTYPE];
	int i, err;

	if (mode == FILL_KEY) {
		if (et) {
			__be16 type = nla_get_be16(et);

			if (!eth_proto_is_802_3(type)) {
				OVS_NLERR(log, "ethertype %#x is below 0x600",
					  ntohs(type));
				NL_SET_ERR_MSG_ATTR(extack, et, "ethertype below 0x600");
				return -EINVAL;
			}
			out->eth_type = type;
		} else {
			out->eth_type = OVS_ETH_TYPE_NONE;
		}
	} else if (mode == FILL_EXACT) {
		out->eth_type = htons(0xffff);
	} else if (et) {
		out->eth_type = nla_get_be16(et);
	}

	for (i = 0; i < ARRAY_SIZE(l3_attr_order); i++) {
		int type = l3_attr_order[i];
		const struct nlattr *nla = a[type];

		if (!nla)
			continue;
		if (!l3_attr_fits(type, k)) {
			if (mode == FILL_MASK &&
			    all_zero(nla_data(nla), nla_len(nla)))
				continue;
			OVS_NLERR(log, "flow key attribute %d does not fit ethertype %#x, IP protocol %u",
				  type, ntohs(k->eth_type), k->ip_proto);
			NL_SET_ERR_MSG_ATTR(extack, nla, "flow key attribute does not fit the key's ethertype or IP protocol");
			return -EINVAL;
		}
		err = fill_l3_attr(out, type, nla, mode, log, extack);
		if (err)
			return err;
	}
	return 0;
}

/* Fills 'out' from the key or mask attributes nested in 'nest'.  For a mask
 * ('mode' FILL_MASK or FILL_EXACT), 'key' is the key already parsed. */
static int fill_key(struct ovs_key *out, const struct nlattr *nest,
		    const struct ovs_key *key, enum fill_mode mode,
		    bool log, struct netlink_ext_ack *extack)
{
	const struct nlattr *a[OVS_KEY_ATTR_MAX + 1];
	const struct ovs_key *k = mode == FILL_KEY ? out : key;
	bool ones = mode == FILL_EXACT;
	u64 present;
	int level;
	int err;

	memset(out, 0, sizeof(*out));
	err = parse_level(nest, a, &present, log, extack);
	if (err)
		return err;

	if (a[OVS_KEY_ATTR_RECIRC_ID])
		out->recirc_id = get_u32(a[OVS_KEY_ATTR_RECIRC_ID], ones);
	if (a[OVS_KEY_ATTR_DP_HASH])
		out->dp_hash = get_u32(a[OVS_KEY_ATTR_DP_HASH], ones);
	if (a[OVS_KEY_ATTR_PRIORITY])
		out->priority = get_u32(a[OVS_KEY_ATTR_PRIORITY], ones);
	if (a[OVS_KEY_ATTR_SKB_MARK])
		out->skb_mark = get_u32(a[OVS_KEY_ATTR_SKB_MARK], ones);
	if (mode == FILL_EXACT && key->tun.af)
		tun_mask_exact(&out->tun, key->tun.af);
	if (a[OVS_KEY_ATTR_TUNNEL] && mode != FILL_EXACT) {
		err = tun_from_nla(a[OVS_KEY_ATTR_TUNNEL], &out->tun,
				   mode == FILL_MASK, log, extack);
		if (err)
			return err;
	}
	if (a[OVS_KEY_ATTR_IN_PORT]) {
		out->in_port = get_u32(a[OVS_KEY_ATTR_IN_PORT], ones);
		if (mode == FILL_KEY && out->in_port >= DP_MAX_PORTS) {
			NL_SET_ERR_MSG_ATTR(extack, a[OVS_KEY_ATTR_IN_PORT], "in_port out of range");
			return -EINVAL;
		}
	} else if (mode == FILL_KEY) {
		out->in_port = OVS_PORT_NONE;
	}
	if (a[OVS_KEY_ATTR_ETHERNET]) {
		const struct ovs_key_ethernet *eth;

		eth = nla_data(a[OVS_KEY_ATTR_ETHERNET]);
		get_bytes(out->eth_src, eth->eth_src, ETH_ALEN, ones);
		get_bytes(out->eth_dst, eth->eth_dst, ETH_ALEN, ones);
	}

	/* Up to two VLAN tags, each opening a nested level. */
	for (level = 0; level < 2; level++) {
		const struct nlattr *vlan = a[OVS_KEY_ATTR_VLAN];
		const struct nlattr *encap = a[OVS_KEY_ATTR_ENCAP];
		const struct nlattr *et = a[OVS_KEY_ATTR_ETHERTYPE];
		__be16 *tpid = level ? &out->cvlan_tpid : &out->vlan_tpid;
		__be16 *tci = level ? &out->cvlan_tci : &out->vlan_tci;
		bool vlan_et = et && ovs_eth_type_vlan(nla_get_be16(et));
		__be16 key_tci;
		bool tagged;

		if (mode == FILL_KEY) {
			tagged = vlan;
			if (vlan && !vlan_et) {
				NL_SET_ERR_MSG_ATTR(extack, vlan, "VLAN attribute without a VLAN ethertype");
				return -EINVAL;
			}
			if (vlan && !encap) {
				NL_SET_ERR_MSG_ATTR(extack, vlan, "VLAN attribute without ENCAP");
				return -EINVAL;
			}
			if (!vlan && encap) {
				NL_SET_ERR_MSG_ATTR(extack, encap, "ENCAP attribute without VLAN");
				return -EINVAL;
			}
			if (!vlan && vlan_et) {
				NL_SET_ERR_MSG_ATTR(extack, et, "VLAN ethertype without VLAN attribute");
				return -EINVAL;
			}
		} else {
			tagged = level ? key->cvlan_tpid : key->vlan_tpid;
		}
		if (!tagged)
			break;

		if (mode == FILL_KEY) {
			*tpid = nla_get_be16(et);
			*tci = nla_get_be16(vlan);
			key_tci = *tci;
			if (!(key_tci & htons(VLAN_CFI_MASK)) &&
			    (key_tci || nla_len(encap))) {
				NL_SET_ERR_MSG_ATTR(extack, vlan, "VLAN TCI without VLAN_CFI_MASK must be 0 with an empty ENCAP");
				return -EINVAL;
			}
		} else {
			*tpid = htons(0xffff);
			if (vlan)
				*tci = get_be16(vlan, ones);
			key_tci = level ? key->cvlan_tci : key->vlan_tci;
		}
		if (!(key_tci & htons(VLAN_CFI_MASK)) || !encap)
			return 0;	/* Truncated tag: nothing inside. */

		err = parse_level(encap, a, &present, log, extack);
		if (err)
			return err;
		if (present & TOP_LEVEL_ATTRS) {
			NL_SET_ERR_MSG_ATTR(extack, encap, "attribute not allowed inside ENCAP");
			return -EINVAL;
		}
	}
	if (level == 2 && mode == FILL_KEY &&
	    (a[OVS_KEY_ATTR_VLAN] || a[OVS_KEY_ATTR_ENCAP])) {
		NL_SET_ERR_MSG_MOD(extack, "more than two VLAN tags in flow key");
		return -EINVAL;
	}
	return fill_inner(out, a, present, k, mode, log, extack);
}

/* Applies the rules every mask obeys so that a masked key is never
 * ambiguous: the VLAN TPIDs and the tags' presence bits always match
 * exactly, the Ethernet type matches exactly whenever a protocol field is
 * looked at, and the IP protocol (or ICMPv6 type) whenever a field that
 * depends on it is. */
static int mask_finish(const struct ovs_key *key, struct ovs_key *mask,
		       struct netlink_ext_ack *extack)
{
	size_t l3 = offsetof(struct ovs_key, ip_proto);

	if (key->tun.af || !all_zero(&mask->tun, sizeof(mask->tun)))
		mask->tun.af = 0xff;
	mask->tun.flags &= OVS_TUNNEL_KEY_FLAGS;
	mask->vlan_tpid = htons(0xffff);
	mask->cvlan_tpid = htons(0xffff);
	if (key->vlan_tpid)
		mask->vlan_tci |= htons(VLAN_CFI_MASK);
	if (key->cvlan_tpid)
		mask->cvlan_tci |= htons(VLAN_CFI_MASK);

	if (memchr_inv((u8 *)mask + l3, 0, sizeof(*mask) - l3))
		mask->eth_type = htons(0xffff);
	else if (mask->eth_type && mask->eth_type != htons(0xffff)) {
		NL_SET_ERR_MSG_MOD(extack, "ethertype mask must be 0 or exact");
		return -EINVAL;
	}

	if ((key->eth_type == htons(ETH_P_IP) ||
	     key->eth_type == htons(ETH_P_IPV6)) &&
	    (mask->tp_src || mask->tp_dst || mask->tcp_flags ||
	     !all_zero(&mask->l2addr, sizeof(mask->l2addr))))
		mask->ip_proto = 0xff;
	if (key->eth_type == htons(ETH_P_IPV6) &&
	    !all_zero(&mask->l2addr, sizeof(mask->l2addr))) {
		mask->tp_src = htons(0xff);
		mask->tp_dst = htons(0xff);
	}
	return 0;
}

/**
 * ovs_nla_get_match - parses a flow's key and mask.
 * @key_attr: OVS_FLOW_ATTR_KEY.
 * @mask_attr: OVS_FLOW_ATTR_MASK, or NULL for an exact match on every
 *	field @key_attr has.
 * @key: set to the key, as given (not masked).
 * @mask: set to the mask.
 * @log: whether to log rejections.
 * @extack: where to explain them.
 *
 * Returns 0 or a negative errno.
 */
int ovs_nla_get_match(const struct nlattr *key_attr,
		      const struct nlattr *mask_attr,
		      struct ovs_key *key, struct ovs_key *mask,
		      bool log, struct netlink_ext_ack *extack)
{
	int err;

	err = fill_key(key, key_attr, NULL, FILL_KEY, log, extack);
	if (err)
		return err;
	if (mask_attr)
		err = fill_key(mask, mask_attr, key, FILL_MASK, log, extack);
	else
		err = fill_key(mask, key_attr, key, FILL_EXACT, log, extack);
	if (err)
		return err;
	return mask_finish(key, mask, extack);
}

/**
 * ovs_nla_get_metadata - reads the metadata of a packet to execute.
 * @key_attr: OVS_PACKET_ATTR_KEY.
 * @key: its metadata fields are set (in_port to OVS_PORT_NONE if absent).
 * @log: whether to log rejections.
 * @extack: where to explain them.
 *
 * The whole key is validated; its header fields are ignored, since the
 * datapath reads those from the packet.  Returns 0 or a negative errno.
 */
int ovs_nla_get_metadata(const struct nlattr *key_attr, struct ovs_key *key,
			 bool log, struct netlink_ext_ack *extack)
{
	struct ovs_key parsed;
	int err;

	err = fill_key(&parsed, key_attr, NULL, FILL_KEY, log, extack);
	if (err)
		return err;
	key->tun = parsed.tun;
	key->recirc_id = parsed.recirc_id;
	key->dp_hash = parsed.dp_hash;
	key->priority = parsed.priority;
	key->skb_mark = parsed.skb_mark;
	key->in_port = parsed.in_port;
	return 0;
}

/* ------------------------------------------------------------------------
 * Keys to netlink.
 * ------------------------------------------------------------------------ */

/* Puts the Ethernet type and L3/L4 attributes: values from 'v', shape from
 * 'k'. */
static int put_inner(struct sk_buff *skb, const struct ovs_key *v,
		     const struct ovs_key *k, bool is_mask)
{
	bool ipv4 = k->eth_type == htons(ETH_P_IP);
	bool ipv6 = k->eth_type == htons(ETH_P_IPV6);

	if ((is_mask || k->eth_type != OVS_ETH_TYPE_NONE) &&
	    nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE, v->eth_type))
		return -EMSGSIZE;

	if (ipv4) {
		struct ovs_key_ipv4 *p;
		struct nlattr *nla;

		nla = nla_reserve(skb, OVS_KEY_ATTR_IPV4, sizeof(*p));
		if (!nla)
			return -EMSGSIZE;
		p = nla_data(nla);
		p->ipv4_src = v->addr.ipv4.src;
		p->ipv4_dst = v->addr.ipv4.dst;
		p->ipv4_proto = v->ip_proto;
		p->ipv4_tos = v->ip_tos;
		p->ipv4_ttl = v->ip_ttl;
		p->ipv4_frag = v->ip_frag;
	} else if (ipv6) {
		struct ovs_key_ipv6 *p;
		struct nlattr *nla;

		nla = nla_reserve(skb, OVS_KEY_ATTR_IPV6, sizeof(*p));
		if (!nla)
			return -EMSGSIZE;
		p = nla_data(nla);
		memcpy(p->ipv6_src, &v->addr.ipv6.src, 16);
		memcpy(p->ipv6_dst, &v->addr.ipv6.dst, 16);
		p->ipv6_label = v->ipv6_label;
		p->ipv6_proto = v->ip_proto;
		p->ipv6_tclass = v->ip_tos;
		p->ipv6_hlimit = v->ip_ttl;
		p->ipv6_frag = v->ip_frag;
	} else if (k->eth_type == htons(ETH_P_ARP) ||
		   k->eth_type == htons(ETH_P_RARP)) {
		struct ovs_key_arp *p;
		struct nlattr *nla;

		nla = nla_reserve(skb, OVS_KEY_ATTR_ARP, sizeof(*p));
		if (!nla)
			return -EMSGSIZE;
		p = nla_data(nla);
		memset(p, 0, sizeof(*p));
		p->arp_sip = v->addr.ipv4.src;
		p->arp_tip = v->addr.ipv4.dst;
		p->arp_op = htons(v->ip_proto);
		ether_addr_copy(p->arp_sha, v->l2addr.arp.sha);
		ether_addr_copy(p->arp_tha, v->l2addr.arp.tha);
		return 0;
	} else {
		return 0;
	}

	if (k->ip_frag == OVS_FRAG_TYPE_LATER)
		return 0;

	if (k->ip_proto == IPPROTO_TCP) {
		struct ovs_key_tcp p = { .tcp_src = v->tp_src,
					 .tcp_dst = v->tp_dst };

		if (nla_put(skb, OVS_KEY_ATTR_TCP, sizeof(p), &p) ||
		    nla_put_be16(skb, OVS_KEY_ATTR_TCP_FLAGS, v->tcp_flags))
			return -EMSGSIZE;
	} else if (k->ip_proto == IPPROTO_UDP) {
		struct ovs_key_udp p = { .udp_src = v->tp_src,
					 .udp_dst = v->tp_dst };

		if (nla_put(skb, OVS_KEY_ATTR_UDP, sizeof(p), &p))
			return -EMSGSIZE;
	} else if (k->ip_proto == IPPROTO_SCTP) {
		struct ovs_key_sctp p = { .sctp_src = v->tp_src,
					  .sctp_dst = v->tp_dst };

		if (nla_put(skb, OVS_KEY_ATTR_SCTP, sizeof(p), &p))
			return -EMSGSIZE;
	} else if (ipv4 && k->ip_proto == IPPROTO_ICMP) {
		struct ovs_key_icmp p = { .icmp_type = ntohs(v->tp_src),
					  .icmp_code = ntohs(v->tp_dst) };

		if (nla_put(skb, OVS_KEY_ATTR_ICMP, sizeof(p), &p))
			return -EMSGSIZE;
	} else if (ipv6 && k->ip_proto == IPPROTO_ICMPV6) {
		struct ovs_key_icmpv6 p = { .icmpv6_type = ntohs(v->tp_src),
					    .icmpv6_code = ntohs(v->tp_dst) };

		if (nla_put(skb, OVS_KEY_ATTR_ICMPV6, sizeof(p), &p))
			return -EMSGSIZE;
		if (l3_attr_fits(OVS_KEY_ATTR_ND, k)) {
			struct ovs_key_nd nd;

			memcpy(nd.nd_target, &v->l2addr.nd.target, 16);
			ether_addr_copy(nd.nd_sll, v->l2addr.nd.sll);
			ether_addr_copy(nd.nd_tll, v->l2addr.nd.tll);
			if (nla_put(skb, OVS_KEY_ATTR_ND, sizeof(nd), &nd))
				return -EMSGSIZE;
		}
	}
	return 0;
}

/**
 * ovs_nla_put_key - puts a key or a mask as nested attributes.
 * @skb: the message.
 * @attrtype: the attribute that holds them.
 * @vals: the values to put: a key, or a mask.
 * @key: the key that gives the attributes their structure.
 * @mask: the flow's mask, which decides whether IN_PORT and DP_HASH appear,
 *	or NULL for a packet's key.
 * @is_mask: whether @vals is a mask.
 *
 * Returns 0 or -EMSGSIZE.
 */
int ovs_nla_put_key(struct sk_buff *skb, int attrtype,
		    const struct ovs_key *vals, const struct ovs_key *key,
		    const struct ovs_key *mask, bool is_mask)
{
	struct nlattr *nest, *encap = NULL, *encap2 = NULL;
	struct ovs_key_ethernet eth;
	bool in_port, dp_hash;
	int err = -EMSGSIZE;

	nest = nla_nest_start_noflag(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;

	in_port = mask ? mask->in_port : key->in_port != OVS_PORT_NONE;
	dp_hash = mask ? mask->dp_hash : key->dp_hash;
	if (nla_put_u32(skb, OVS_KEY_ATTR_RECIRC_ID, vals->recirc_id) ||
	    (dp_hash &&
	     nla_put_u32(skb, OVS_KEY_ATTR_DP_HASH, vals->dp_hash)) ||
	    nla_put_u32(skb, OVS_KEY_ATTR_PRIORITY, vals->priority) ||
	    (in_port &&
	     nla_put_u32(skb, OVS_KEY_ATTR_IN_PORT, vals->in_port)) ||
	    nla_put_u32(skb, OVS_KEY_ATTR_SKB_MARK, vals->skb_mark))
		goto err_cancel;
	if ((key->tun.af ||
	     (is_mask && !all_zero(&vals->tun, sizeof(vals->tun)))) &&
	    put_tunnel(skb, &vals->tun))
		goto err_cancel;

	ether_addr_copy(eth.eth_src, vals->eth_src);
	ether_addr_copy(eth.eth_dst, vals->eth_dst);
	if (nla_put(skb, OVS_KEY_ATTR_ETHERNET, sizeof(eth), &eth))
		goto err_cancel;

	if (key->vlan_tpid) {
		if (nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE,
				 vals->vlan_tpid) ||
		    nla_put_be16(skb, OVS_KEY_ATTR_VLAN, vals->vlan_tci))
			goto err_cancel;
		encap = nla_nest_start_noflag(skb, OVS_KEY_ATTR_ENCAP);
		if (!encap)
			goto err_cancel;
		if (!(key->vlan_tci & htons(VLAN_CFI_MASK)))
			goto done;
		if (key->cvlan_tpid) {
			if (nla_put_be16(skb, OVS_KEY_ATTR_ETHERTYPE,
					 vals->cvlan_tpid) ||
			    nla_put_be16(skb, OVS_KEY_ATTR_VLAN,
					 vals->cvlan_tci))
				goto err_cancel;
			encap2 = nla_nest_start_noflag(skb, OVS_KEY_ATTR_ENCAP);
			if (!encap2)
				goto err_cancel;
			if (!(key->cvlan_tci & htons(VLAN_CFI_MASK)))
				goto done;
		}
	}
	err = put_inner(skb, vals, key, is_mask);
	if (err)
		goto err_cancel;

done:
	if (encap2)
		nla_nest_end(skb, encap2);
	if (encap)
		nla_nest_end(skb, encap);
	nla_nest_end(skb, nest);
	return 0;

err_cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* ------------------------------------------------------------------------
 * Flow identifiers.
 * ------------------------------------------------------------------------ */

/* Reads OVS_FLOW_ATTR_UFID 'attr' into 'id'.  Returns 0 or -EINVAL. */
int ovs_nla_get_ufid(const struct nlattr *attr, struct ovs_flow_id *id,
		     bool log, struct netlink_ext_ack *extack)
{
	int len = nla_len(attr);

	if (len < 1 || len > OVS_UFID_MAX_SIZE) {
		OVS_NLERR(log, "UFID of %d bytes", len);
		NL_SET_ERR_MSG_ATTR(extack, attr, "UFID must have 1 to 16 bytes");
		return -EINVAL;
	}
	memset(id->ufid, 0, sizeof(id->ufid));
	memcpy(id->ufid, nla_data(attr), len);
	id->ufid_len = len;
	return 0;
}

/* Puts the name of 'flow': its UFID, or the key it was created with. */
int ovs_nla_put_flow_id(struct sk_buff *skb, const struct ovs_flow *flow)
{
	if (flow->id.ufid_len)
		return nla_put(skb, OVS_FLOW_ATTR_UFID, flow->id.ufid_len,
			       flow->id.ufid);
	return ovs_nla_put_key(skb, OVS_FLOW_ATTR_KEY, flow->id.unmasked_key,
			       flow->id.unmasked_key, &flow->mask->key, false);
}

/* ------------------------------------------------------------------------
 * Actions.
 * ------------------------------------------------------------------------ */

/* Sizes of actions; negative values as for keys. */
static const int action_lens[OVS_ACTION_ATTR_MAX + 1] = {
	[OVS_ACTION_ATTR_OUTPUT] = sizeof(u32),
	[OVS_ACTION_ATTR_USERSPACE] = KLEN_NESTED,
	[OVS_ACTION_ATTR_SET] = KLEN_NESTED,
	[OVS_ACTION_ATTR_PUSH_VLAN] = sizeof(struct ovs_action_push_vlan),
	[OVS_ACTION_ATTR_POP_VLAN] = 0,
	[OVS_ACTION_ATTR_SAMPLE] = KLEN_NESTED,
	[OVS_ACTION_ATTR_RECIRC] = sizeof(u32),
	[OVS_ACTION_ATTR_HASH] = sizeof(struct ovs_action_hash),
	[OVS_ACTION_ATTR_PUSH_MPLS] = sizeof(struct ovs_action_push_mpls),
	[OVS_ACTION_ATTR_POP_MPLS] = sizeof(__be16),
	[OVS_ACTION_ATTR_SET_MASKED] = KLEN_NESTED,
	[OVS_ACTION_ATTR_CT] = KLEN_NESTED,
	[OVS_ACTION_ATTR_TRUNC] = sizeof(struct ovs_action_trunc),
	[OVS_ACTION_ATTR_PUSH_ETH] = sizeof(struct ovs_action_push_eth),
	[OVS_ACTION_ATTR_POP_ETH] = 0,
	[OVS_ACTION_ATTR_CT_CLEAR] = 0,
	[OVS_ACTION_ATTR_PUSH_NSH] = KLEN_NESTED,
	[OVS_ACTION_ATTR_POP_NSH] = 0,
	[OVS_ACTION_ATTR_METER] = sizeof(u32),
	[OVS_ACTION_ATTR_CLONE] = KLEN_NESTED,
	[OVS_ACTION_ATTR_CHECK_PKT_LEN] = KLEN_NESTED,
	[OVS_ACTION_ATTR_ADD_MPLS] = sizeof(struct ovs_action_add_mpls),
	[OVS_ACTION_ATTR_DEC_TTL] = KLEN_NESTED,
};

/* What validating an action list needs to know. */
struct act_check {
	const struct ovs_key *key;	/* The flow's key, masked. */
	const struct ovs_key *mask;	/* The flow's mask. */
	bool log;			/* Log rejections. */
	struct netlink_ext_ack *extack;	/* Where to explain them. */
};

static const s16 userspace_sizes[OVS_USERSPACE_ATTR_MAX + 1] = {
	[OVS_USERSPACE_ATTR_PID] = sizeof(u32),
	[OVS_USERSPACE_ATTR_USERDATA] = OVS_ATTR_ANY,
	[OVS_USERSPACE_ATTR_EGRESS_TUN_PORT] = sizeof(u32),
	[OVS_USERSPACE_ATTR_ACTIONS] = 0,
};

static const s16 sample_sizes[OVS_SAMPLE_ATTR_MAX + 1] = {
	[OVS_SAMPLE_ATTR_PROBABILITY] = sizeof(u32),
	[OVS_SAMPLE_ATTR_ACTIONS] = OVS_ATTR_NESTED,
};

/* Finds the attributes nested in 'attr', which ovs_nla_check_attrs()
 * accepted, by type. */
static void get_nested(const struct nlattr *attr, const struct nlattr **a,
		       int maxtype)
{
	const struct nlattr *nla;
	int rem;

	memset(a, 0, sizeof(*a) * (maxtype + 1));
	nla_for_each_nested(nla, attr, rem)
		a[nla_type(nla)] = nla;
}

static int check_actions(const struct nlattr *attr, int depth,
			 const struct act_check *c);

/* Checks a userspace action: known attributes, a port id. */
static int check_userspace(const struct nlattr *attr,
			   const struct act_check *c)
{
	const struct nlattr *a[OVS_USERSPACE_ATTR_MAX + 1];
	int err;

	err = ovs_nla_check_attrs(nla_data(attr), nla_len(attr),
				  OVS_USERSPACE_ATTR_MAX, userspace_sizes,
				  c->extack);
	if (err)
		return err;
	get_nested(attr, a, OVS_USERSPACE_ATTR_MAX);
	if (!a[OVS_USERSPACE_ATTR_PID]) {
		NL_SET_ERR_MSG_ATTR(c->extack, attr, "userspace action without OVS_USERSPACE_ATTR_PID");
		return -EINVAL;
	}
	if (!nla_get_u32(a[OVS_USERSPACE_ATTR_PID])) {
		OVS_NLERR(c->log, "userspace action with port id 0");
		NL_SET_ERR_MSG_ATTR(c->extack, a[OVS_USERSPACE_ATTR_PID], "userspace action with netlink port id 0");
		return -EINVAL;
	}
	return 0;
}

/* Checks a sample action and its nested actions. */
static int check_sample(const struct nlattr *attr, int depth,
			const struct act_check *c)
{
	const struct nlattr *a[OVS_SAMPLE_ATTR_MAX + 1];
	int err;

	err = ovs_nla_check_attrs(nla_data(attr), nla_len(attr),
				  OVS_SAMPLE_ATTR_MAX, sample_sizes, c->extack);
	if (err)
		return err;
	get_nested(attr, a, OVS_SAMPLE_ATTR_MAX);
	if (!a[OVS_SAMPLE_ATTR_PROBABILITY] || !a[OVS_SAMPLE_ATTR_ACTIONS]) {
		NL_SET_ERR_MSG_ATTR(c->extack, attr, "sample action needs a probability and actions");
		return -EINVAL;
	}
	return check_actions(a[OVS_SAMPLE_ATTR_ACTIONS], depth + 1, c);
}

/* Checks a set (or, if 'masked', set_masked) action against the flow. */
static int check_set(const struct nlattr *attr, bool masked,
		     const struct act_check *c)
{
	const struct nlattr *ka = nla_data(attr);
	const struct ovs_key *key = c->key;
	const struct ovs_key *mask = c->mask;
	int type, want, len;
	const void *v, *m;

	if (nla_len(attr) < NLA_HDRLEN || !nla_ok(ka, nla_len(attr)) ||
	    nla_total_size(nla_len(ka)) != nla_len(attr)) {
		NL_SET_ERR_MSG_ATTR(c->extack, attr, "set action must hold exactly one key attribute");
		return -EINVAL;
	}
	type = nla_type(ka);
	len = nla_len(ka);
	if (type == OVS_KEY_ATTR_TUNNEL) {
		struct ovs_key_tunnel tun;

		if (masked) {
			NL_SET_ERR_MSG_ATTR(c->extack, ka, "a tunnel can only be set whole, not masked");
			return -EINVAL;
		}
		return ovs_nla_get_tunnel(ka, &tun, c->log, c->extack);
	}
	want = type > 0 && type <= OVS_KEY_ATTR_MAX ? key_lens[type] : -1;
	if (want < 0 || len != (masked ? 2 * want : want)) {
		NL_SET_ERR_MSG_ATTR(c->extack, ka, "set action field unknown or of the wrong size");
		return -EINVAL;
	}
	v = nla_data(ka);
	m = masked ? v + want : NULL;

	switch (type) {
	case OVS_KEY_ATTR_PRIORITY:
	case OVS_KEY_ATTR_SKB_MARK:
	case OVS_KEY_ATTR_ETHERNET:
		return 0;

	case OVS_KEY_ATTR_IPV4: {
		const struct ovs_key_ipv4 *iv = v, *im = m;

		if (key->eth_type != htons(ETH_P_IP) ||
		    mask->eth_type != htons(0xffff))
			goto err_prereq;
		if (masked ? im->ipv4_proto || im->ipv4_frag
			   : iv->ipv4_proto != key->ip_proto ||
			     iv->ipv4_frag != key->ip_frag) {
			NL_SET_ERR_MSG_ATTR(c->extack, ka, "set action cannot change the IP protocol or fragment type");
			return -EINVAL;
		}
		return 0;
	}
	case OVS_KEY_ATTR_IPV6: {
		const struct ovs_key_ipv6 *iv = v, *im = m;

		if (key->eth_type != htons(ETH_P_IPV6) ||
		    mask->eth_type != htons(0xffff))
			goto err_prereq;
		if (masked ? im->ipv6_proto || im->ipv6_frag
			   : iv->ipv6_proto != key->ip_proto ||
			     iv->ipv6_frag != key->ip_frag) {
			NL_SET_ERR_MSG_ATTR(c->extack, ka, "set action cannot change the IP protocol or fragment type");
			return -EINVAL;
		}
		if ((masked ? im->ipv6_label : iv->ipv6_label) &
		    ~htonl(0xfffff)) {
			NL_SET_ERR_MSG_ATTR(c->extack, ka, "IPv6 flow label has more than 20 bits");
			return -EINVAL;
		}
		return 0;
	}
	case OVS_KEY_ATTR_TCP:
	case OVS_KEY_ATTR_UDP:
	case OVS_KEY_ATTR_SCTP: {
		u8 proto = type == OVS_KEY_ATTR_TCP ? IPPROTO_TCP :
			   type == OVS_KEY_ATTR_UDP ? IPPROTO_UDP :
			   IPPROTO_SCTP;

		if ((key->eth_type != htons(ETH_P_IP) &&
		     key->eth_type != htons(ETH_P_IPV6)) ||
		    mask->eth_type != htons(0xffff) ||
		    key->ip_proto != proto || mask->ip_proto != 0xff)
			goto err_prereq;
		return 0;
	}
	}
	OVS_NLERR(c->log, "set action on key attribute %d", type);
	NL_SET_ERR_MSG_ATTR(c->extack, ka, "this field cannot be set");
	return -EINVAL;

err_prereq:
	OVS_NLERR(c->log, "set action on attribute %d without its protocol",
		  type);
	NL_SET_ERR_MSG_ATTR(c->extack, ka, "set action needs the flow to match the field's protocol exactly");
	return -EINVAL;
}

/* Checks the action list nested in 'attr', at nesting 'depth'. */
static int check_actions(const struct nlattr *attr, int depth,
			 const struct act_check *c)
{
	const struct nlattr *a;
	int rem, err;

	if (depth > OVS_ACTIONS_MAX_DEPTH) {
		OVS_NLERR(c->log, "actions nested deeper than %d",
			  OVS_ACTIONS_MAX_DEPTH);
		NL_SET_ERR_MSG_ATTR(c->extack, attr, "actions nested too deeply");
		return -EINVAL;
	}

	nla_for_each_nested(a, attr, rem) {
		int type = nla_type(a);
		int want;

		if (!type || type > OVS_ACTION_ATTR_MAX) {
			OVS_NLERR(c->log, "unknown action %d", type);
			NL_SET_ERR_MSG_ATTR(c->extack, a, "unknown action type");
			return -EINVAL;
		}
		want = action_lens[type];
		if (want >= 0 && nla_len(a) != want) {
			OVS_NLERR(c->log, "action %d has size %d", type,
				  nla_len(a));
			NL_SET_ERR_MSG_ATTR(c->extack, a, "action has the wrong size");
			return -EINVAL;
		}

		switch (type) {
		case OVS_ACTION_ATTR_OUTPUT:
			if (nla_get_u32(a) >= DP_MAX_PORTS) {
				NL_SET_ERR_MSG_ATTR(c->extack, a, "output port out of range");
				return -EINVAL;
			}
			break;

		case OVS_ACTION_ATTR_USERSPACE:
			err = check_userspace(a, c);
			if (err)
				return err;
			break;

		case OVS_ACTION_ATTR_SET:
		case OVS_ACTION_ATTR_SET_MASKED:
			err = check_set(a,
					type == OVS_ACTION_ATTR_SET_MASKED, c);
			if (err)
				return err;
			break;

		case OVS_ACTION_ATTR_PUSH_VLAN: {
			const struct ovs_action_push_vlan *pv = nla_data(a);

			if (!ovs_eth_type_vlan(pv->vlan_tpid)) {
				NL_SET_ERR_MSG_ATTR(c->extack, a, "push_vlan TPID must be 802.1Q or 802.1ad");
				return -EINVAL;
			}
			if (!(pv->vlan_tci & htons(VLAN_CFI_MASK))) {
				NL_SET_ERR_MSG_ATTR(c->extack, a, "push_vlan TCI must have VLAN_CFI_MASK set");
				return -EINVAL;
			}
			break;
		}

		case OVS_ACTION_ATTR_POP_VLAN:
		case OVS_ACTION_ATTR_RECIRC:
		case OVS_ACTION_ATTR_METER:
			break;

		case OVS_ACTION_ATTR_HASH: {
			const struct ovs_action_hash *h = nla_data(a);

			if (h->hash_alg != OVS_HASH_ALG_L4 &&
			    h->hash_alg != OVS_HASH_ALG_SYM_L4) {
				NL_SET_ERR_MSG_ATTR(c->extack, a, "unknown hash algorithm");
				return -EINVAL;
			}
			break;
		}

		case OVS_ACTION_ATTR_TRUNC: {
			const struct ovs_action_trunc *t = nla_data(a);

			if (t->max_len < ETH_HLEN) {
				NL_SET_ERR_MSG_ATTR(c->extack, a, "trunc length below an Ethernet header");
				return -EINVAL;
			}
			break;
		}

		case OVS_ACTION_ATTR_SAMPLE:
			err = check_sample(a, depth, c);
			if (err)
				return err;
			break;

		case OVS_ACTION_ATTR_CLONE:
			err = check_actions(a, depth + 1, c);
			if (err)
				return err;
			break;

		default:
			OVS_NLERR(c->log, "action %d is not supported", type);
			NL_SET_ERR_MSG_ATTR(c->extack, a, "action not supported by this datapath");
			return -EINVAL;
		}
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(c->extack, attr, "bytes left over in action list");
		return -EINVAL;
	}
	return 0;
}

/* Makes the transmit tunnel info of set(tunnel) key attribute 'ka' (which
 * check_set() accepted) as a metadata dst with one reference, or returns
 * NULL if out of memory.  Its route cache lets the tunnel device reuse its
 * route lookups from packet to packet. */
static struct metadata_dst *tunnel_dst_new(const struct nlattr *ka)
{
	struct ip_tunnel_info *info;
	struct ovs_key_tunnel tun;
	struct metadata_dst *md;

	if (ovs_nla_get_tunnel(ka, &tun, false, NULL))
		return NULL;
	md = metadata_dst_alloc(0, METADATA_IP_TUNNEL, GFP_KERNEL);
	if (!md)
		return NULL;
	info = &md->u.tun_info;
	if (dst_cache_init(&info->dst_cache, GFP_KERNEL)) {
		metadata_dst_free(md);
		return NULL;
	}
	info->mode = IP_TUNNEL_INFO_TX;
	if (tun.af == AF_INET6) {
		info->mode |= IP_TUNNEL_INFO_IPV6;
		info->key.u.ipv6.src = tun.ipv6_src;
		info->key.u.ipv6.dst = tun.ipv6_dst;
	} else {
		info->key.u.ipv4.src = tun.ipv4_src;
		info->key.u.ipv4.dst = tun.ipv4_dst;
	}
	info->key.tun_id = tun.tun_id;
	info->key.tun_flags = tun.flags;
	info->key.tos = tun.tos;
	info->key.ttl = tun.ttl;
	info->key.tp_src = tun.tp_src;
	info->key.tp_dst = tun.tp_dst;
	info->options_len = 0;
	return md;
}

/* Walks the validated action list 'attr' of 'len' bytes, nested lists
 * included, and counts its set(tunnel) actions; if 'acts' is nonnull
 * ('attr' is then in acts->actions), also makes each one's metadata dst
 * into acts->tun[acts->n_tun++] and retypes the action to
 * OVS_ACTION_ATTR_SET_TUNNEL_IDX with that index.  Returns the count, or
 * -ENOMEM. */
static int walk_tunnels(struct nlattr *attr, int len,
			struct ovs_actions *acts)
{
	struct nlattr *a, *sa;
	int rem, srem, n = 0, k;

	for (a = attr, rem = len; rem > 0; a = nla_next(a, &rem)) {
		k = 0;
		switch (nla_type(a)) {
		case OVS_ACTION_ATTR_SET:
			if (nla_type(nla_data(a)) != OVS_KEY_ATTR_TUNNEL)
				break;
			k = 1;
			if (acts) {
				struct ovs_tun_dst *t = &acts->tun[acts->n_tun];
				struct nlattr *ka = nla_data(a);

				t->md = tunnel_dst_new(ka);
				if (!t->md)
					return -ENOMEM;
				t->set_type = a->nla_type;
				t->key_type = ka->nla_type;
				a->nla_type = OVS_ACTION_ATTR_SET_TUNNEL_IDX;
				ka->nla_type = acts->n_tun++;
			}
			break;
		case OVS_ACTION_ATTR_CLONE:
			k = walk_tunnels(nla_data(a), nla_len(a), acts);
			break;
		case OVS_ACTION_ATTR_SAMPLE:
			nla_for_each_nested(sa, a, srem) {
				if (nla_type(sa) == OVS_SAMPLE_ATTR_ACTIONS)
					k = walk_tunnels(nla_data(sa),
							 nla_len(sa), acts);
			}
			break;
		}
		if (k < 0)
			return k;
		n += k;
	}
	return n;
}

/**
 * ovs_nla_copy_actions - validates actions and copies them.
 * @attr: OVS_FLOW_ATTR_ACTIONS or OVS_PACKET_ATTR_ACTIONS.
 * @key: the flow's key, masked (a packet's key for an execute request).
 * @mask: the flow's mask (all ones for an execute request).
 * @acts: set to the new copy.
 * @log: whether to log rejections.
 * @extack: where to explain them.
 *
 * Returns 0 or a negative errno: -EMSGSIZE for a list over
 * OVS_ACTIONS_MAX_SIZE bytes, -EINVAL for anything else wrong, including
 * an action this datapath does not implement (as the kernel's own module
 * answers for what it does not know; userspace probes rely on it).
 */
int ovs_nla_copy_actions(const struct nlattr *attr, const struct ovs_key *key,
			 const struct ovs_key *mask, struct ovs_actions **acts,
			 bool log, struct netlink_ext_ack *extack)
{
	struct act_check c = {
		.key = key, .mask = mask, .log = log, .extack = extack,
	};
	struct ovs_actions *new;
	size_t size;
	int err, n_tun;

	if (nla_len(attr) > OVS_ACTIONS_MAX_SIZE) {
		OVS_NLERR(log, "%d bytes of actions", nla_len(attr));
		NL_SET_ERR_MSG_ATTR(extack, attr, "action list too long");
		return -EMSGSIZE;
	}
	err = check_actions(attr, 0, &c);
	if (err)
		return err;

	n_tun = walk_tunnels((struct nlattr *)nla_data(attr), nla_len(attr),
			     NULL);
	size = sizeof(*new) + ALIGN(nla_len(attr), sizeof(void *));
	new = kmalloc(size + n_tun * sizeof(struct ovs_tun_dst), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->len = nla_len(attr);
	memcpy(new->actions, nla_data(attr), new->len);
	new->n_tun = 0;
	new->tun = (void *)new + size;
	if (n_tun && walk_tunnels(new->actions, new->len, new) < 0) {
		ovs_actions_free(new, false);
		return -ENOMEM;
	}
	*acts = new;
	return 0;
}

/* Gives the set(tunnel) actions in 'attr', a copy of 'len' bytes of
 * acts->actions (or of a list nested in it) in a message for userspace,
 * back the attribute types that userspace gave them (see
 * OVS_ACTION_ATTR_SET_TUNNEL_IDX), so that the copy is byte for byte what
 * userspace installed. */
static void restore_actions(struct nlattr *attr, int len,
			     const struct ovs_actions *acts)
{
	struct nlattr *a, *sa, *ka;
	int rem, srem;

	for (a = attr, rem = len; rem > 0; a = nla_next(a, &rem)) {
		switch (nla_type(a)) {
		case OVS_ACTION_ATTR_SET_TUNNEL_IDX:
			ka = nla_data(a);
			if (ka->nla_type < acts->n_tun) {
				const struct ovs_tun_dst *t =
					&acts->tun[ka->nla_type];

				a->nla_type = t->set_type;
				ka->nla_type = t->key_type;
			}
			break;
		case OVS_ACTION_ATTR_CLONE:
			restore_actions(nla_data(a), nla_len(a), acts);
			break;
		case OVS_ACTION_ATTR_SAMPLE:
			nla_for_each_nested(sa, a, srem) {
				if (nla_type(sa) == OVS_SAMPLE_ATTR_ACTIONS)
					restore_actions(nla_data(sa),
							nla_len(sa), acts);
			}
			break;
		}
	}
}

/**
 * ovs_nla_put_action_list - puts actions in a message for userspace.
 * @skb: the message.
 * @attrtype: the attribute to put them as.
 * @actions: acts->actions, or a list nested in it.
 * @len: the size of @actions in bytes.
 * @acts: the list.
 *
 * Puts the actions as userspace gave them (see
 * OVS_ACTION_ATTR_SET_TUNNEL_IDX).  Returns 0 or -EMSGSIZE.
 */
int ovs_nla_put_action_list(struct sk_buff *skb, int attrtype,
			    const struct nlattr *actions, int len,
			    const struct ovs_actions *acts)
{
	struct nlattr *nla = nla_reserve(skb, attrtype, len);

	if (!nla)
		return -EMSGSIZE;
	memcpy(nla_data(nla), actions, len);
	if (acts->n_tun)
		restore_actions(nla_data(nla), len, acts);
	return 0;
}

/* Puts 'acts' as OVS_FLOW_ATTR_ACTIONS, as userspace gave them.  Returns 0
 * or -EMSGSIZE. */
int ovs_nla_put_actions(struct sk_buff *skb, const struct ovs_actions *acts)
{
	return ovs_nla_put_action_list(skb, OVS_FLOW_ATTR_ACTIONS,
				       acts->actions, acts->len, acts);
}
