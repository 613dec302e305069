// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Action execution.
 *
 * Actions were validated when the flow was installed (flow_netlink.c), so
 * this file trusts their sizes and nesting.  It keeps the packet's key in
 * step with what the actions do to the packet, so that a later userspace or
 * recirculation action sees the packet as it is.
 *
 * Execution is bounded: sample and clone nest at most OVS_ACTIONS_MAX_DEPTH
 * deep (checked at install time); a packet that comes back into the datapath
 * while its CPU is already executing actions (a loop through internal ports)
 * is dropped past OVS_RECURSION_LIMIT levels; recirculations are queued per
 * CPU and run one after another, at most OVS_RECIRC_LIMIT of them for one
 * received packet.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/sctp.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/dsfield.h>
#include <net/dst_metadata.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/sctp/checksum.h>

#include "datapath.h"
#include "flow.h"
#include "flow_netlink.h"
#include "meter.h"
#include "vport.h"

#define OVS_RECURSION_LIMIT	5
#define OVS_DEFERRED_MAX	10
#define OVS_RECIRC_LIMIT	32

/* A recirculation waiting to run: look 'skb' up again with 'key'. */
struct deferred_recirc {
	struct sk_buff *skb;		/* The packet, owned here. */
	struct ovs_key key;		/* Its key, new recirc_id set. */
};

/* Per-CPU execution state, used with bottom halves disabled. */
struct exec_state {
	int level;			/* ovs_execute_actions() depth. */
	int head;			/* Next entry of 'queue' to run. */
	int tail;			/* Next free entry of 'queue'. */
	struct deferred_recirc queue[OVS_DEFERRED_MAX]; /* Recirculations. */
};

static struct exec_state __percpu *exec_states;

static int do_execute_actions(struct datapath *dp, struct sk_buff *skb,
			      struct ovs_key *key,
			      const struct ovs_actions *acts,
			      const struct nlattr *attr, int len);

/* Called at module load. */
int ovs_actions_init(void)
{
	exec_states = alloc_percpu(struct exec_state);
	return exec_states ? 0 : -ENOMEM;
}

/* Called at module unload. */
void ovs_actions_exit(void)
{
	free_percpu(exec_states);
}

/* ------------------------------------------------------------------------
 * Output and userspace.
 * ------------------------------------------------------------------------ */

/* Sends 'skb' out of port 'port_no', consuming it. */
static void do_output(struct datapath *dp, struct sk_buff *skb, u32 port_no)
{
	struct vport *vport = ovs_vport_rcu(dp, port_no);
	u32 cutlen = OVS_CB(skb)->cutlen;

	if (unlikely(!vport)) {
		kfree_skb(skb);
		return;
	}
	if (unlikely(cutlen)) {
		unsigned int min = skb_network_offset(skb) > 0
				   ? skb_network_offset(skb) : ETH_HLEN;
		unsigned int len = skb->len > cutlen ? skb->len - cutlen : 0;

		if (pskb_trim(skb, max(len, min))) {
			kfree_skb(skb);
			return;
		}
		OVS_CB(skb)->cutlen = 0;
	}
	ovs_vport_send(vport, skb);
}

/* Runs a userspace action: an OVS_PACKET_CMD_ACTION upcall of 'skb', which
 * is not consumed.  'actions' and 'actions_len' are the action list being
 * run, list 'acts' or nested in it. */
static void output_userspace(struct datapath *dp, struct sk_buff *skb,
			     const struct ovs_key *key,
			     const struct nlattr *attr,
			     const struct ovs_actions *acts,
			     const struct nlattr *actions, int actions_len)
{
	struct dp_upcall_info info = {
		.cmd = OVS_PACKET_CMD_ACTION,
		.mru = OVS_CB(skb)->mru,
	};
	const struct nlattr *a;
	int rem;

	nla_for_each_nested(a, attr, rem) {
		switch (nla_type(a)) {
		case OVS_USERSPACE_ATTR_PID:
			/* With per-CPU dispatch the action's port id is
			 * ignored, as by Linux's own module: the handler of
			 * this CPU gets the upcall. */
			if (dp->user_features &
			    OVS_DP_F_DISPATCH_UPCALL_PER_CPU)
				info.portid = ovs_dp_upcall_portid(dp, skb);
			else
				info.portid = nla_get_u32(a);
			break;
		case OVS_USERSPACE_ATTR_USERDATA:
			info.userdata = a;
			break;
		case OVS_USERSPACE_ATTR_ACTIONS:
			info.actions = actions;
			info.actions_len = actions_len;
			info.acts = acts;
			break;
		}
	}
	ovs_dp_upcall(dp, skb, key, &info);
}

/* ------------------------------------------------------------------------
 * Header rewrites.
 * ------------------------------------------------------------------------ */

/* Returns 'old' with the bits of 'mask' taken from 'new'. */
#define MASKED(old, new, mask) (((new) & (mask)) | ((old) & ~(mask)))

/* A value or mask of an all-ones mask, for plain set actions. */
static const u8 ones[sizeof(struct ovs_key_ipv6)] = {
	[0 ... sizeof(struct ovs_key_ipv6) - 1] = 0xff
};

/* Gives up a receive checksum that header rewrites would invalidate: the
 * stack verifies the packet in software instead. */
static void drop_rx_csum(struct sk_buff *skb)
{
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
}

/* Rewrites the Ethernet addresses.  Must be called with rcu_read_lock and
 * bottom halves disabled, as is every function below that takes a packet. */
static int set_ethernet(struct sk_buff *skb, struct ovs_key *key,
			const struct ovs_key_ethernet *v,
			const struct ovs_key_ethernet *m)
{
	struct ethhdr *eth;
	int err, i;

	err = skb_ensure_writable(skb, ETH_HLEN);
	if (unlikely(err))
		return err;
	drop_rx_csum(skb);
	eth = eth_hdr(skb);
	for (i = 0; i < ETH_ALEN; i++) {
		eth->h_source[i] = MASKED(eth->h_source[i], v->eth_src[i],
					  m->eth_src[i]);
		eth->h_dest[i] = MASKED(eth->h_dest[i], v->eth_dst[i],
					m->eth_dst[i]);
	}
	ether_addr_copy(key->eth_src, eth->h_source);
	ether_addr_copy(key->eth_dst, eth->h_dest);
	return 0;
}

/* Returns true if 'skb' has a whole L4 header of 'hlen' bytes that actions
 * may rewrite: a transport header was found and the packet is not a later
 * fragment. */
static bool have_l4(const struct sk_buff *skb, const struct ovs_key *key,
		    unsigned int hlen)
{
	return key->ip_frag != OVS_FRAG_TYPE_LATER &&
	       skb_transport_header_was_set(skb) &&
	       skb_transport_offset(skb) + hlen <= skb->len;
}

/* Updates the L4 checksum of 'skb' for a change of 'n' 32-bit words of
 * pseudo-header (an address) from 'from' to 'to'. */
static void update_l4_csum_addr(struct sk_buff *skb, struct ovs_key *key,
				const __be32 *from, const __be32 *to, int n)
{
	__sum16 *check = NULL;
	bool udp = false;
	int toff = skb_transport_offset(skb);
	int i;

	if (key->ip_proto == IPPROTO_TCP &&
	    have_l4(skb, key, sizeof(struct tcphdr))) {
		if (skb_ensure_writable(skb, toff + sizeof(struct tcphdr)))
			return;
		check = &tcp_hdr(skb)->check;
	} else if (key->ip_proto == IPPROTO_UDP &&
		   have_l4(skb, key, sizeof(struct udphdr))) {
		if (skb_ensure_writable(skb, toff + sizeof(struct udphdr)))
			return;
		check = &udp_hdr(skb)->check;
		udp = true;
		if (!*check && skb->ip_summed != CHECKSUM_PARTIAL)
			return;	/* No UDP checksum (IPv4 only). */
	} else if (n == 4 && key->ip_proto == IPPROTO_ICMPV6 &&
		   have_l4(skb, key, sizeof(struct icmp6hdr))) {
		if (skb_ensure_writable(skb, toff + sizeof(struct icmp6hdr)))
			return;
		check = &icmp6_hdr(skb)->icmp6_cksum;
	}
	if (!check)
		return;
	for (i = 0; i < n; i++)
		inet_proto_csum_replace4(check, skb, from[i], to[i], true);
	if (udp && !*check)
		*check = CSUM_MANGLED_0;
}

/* Rewrites IPv4 addresses, TOS and TTL, fixing the IP and L4 checksums. */
static int set_ipv4(struct sk_buff *skb, struct ovs_key *key,
		    const struct ovs_key_ipv4 *v, const struct ovs_key_ipv4 *m)
{
	int nhoff = skb_network_offset(skb);
	struct iphdr *nh;
	__be32 addr;
	int err;

	err = skb_ensure_writable(skb, nhoff + sizeof(struct iphdr));
	if (unlikely(err))
		return err;
	nh = ip_hdr(skb);
	if (unlikely(nh->version != 4 || nh->ihl < 5))
		return 0;	/* Not a valid IPv4 header: leave it alone. */
	drop_rx_csum(skb);

	addr = MASKED(nh->saddr, v->ipv4_src, m->ipv4_src);
	if (addr != nh->saddr) {
		__be32 old = nh->saddr;

		update_l4_csum_addr(skb, key, &old, &addr, 1);
		nh = ip_hdr(skb);
		csum_replace4(&nh->check, old, addr);
		nh->saddr = addr;
	}
	addr = MASKED(nh->daddr, v->ipv4_dst, m->ipv4_dst);
	if (addr != nh->daddr) {
		__be32 old = nh->daddr;

		update_l4_csum_addr(skb, key, &old, &addr, 1);
		nh = ip_hdr(skb);
		csum_replace4(&nh->check, old, addr);
		nh->daddr = addr;
	}
	if (m->ipv4_tos)
		ipv4_change_dsfield(nh, ~m->ipv4_tos,
				    v->ipv4_tos & m->ipv4_tos);
	if (m->ipv4_ttl) {
		u8 ttl = MASKED(nh->ttl, v->ipv4_ttl, m->ipv4_ttl);

		csum_replace2(&nh->check, htons(nh->ttl << 8), htons(ttl << 8));
		nh->ttl = ttl;
	}

	key->addr.ipv4.src = nh->saddr;
	key->addr.ipv4.dst = nh->daddr;
	key->ip_tos = nh->tos;
	key->ip_ttl = nh->ttl;
	return 0;
}

/* Rewrites the IPv6 address at 'addr' under mask 'm', fixing the L4
 * checksum. */
static void set_ipv6_addr(struct sk_buff *skb, struct ovs_key *key,
			  struct in6_addr *addr, const __be32 *v,
			  const __be32 *m)
{
	__be32 new[4];
	int i;

	for (i = 0; i < 4; i++)
		new[i] = MASKED(addr->s6_addr32[i], v[i], m[i]);
	if (!memcmp(new, addr->s6_addr32, sizeof(new)))
		return;
	update_l4_csum_addr(skb, key, addr->s6_addr32, new, 4);
	/* The checksum update may have moved the header. */
	memcpy(addr->s6_addr32, new, sizeof(new));
}

/* Rewrites IPv6 addresses, traffic class, flow label and hop limit. */
static int set_ipv6(struct sk_buff *skb, struct ovs_key *key,
		    const struct ovs_key_ipv6 *v, const struct ovs_key_ipv6 *m)
{
	int nhoff = skb_network_offset(skb);
	struct ipv6hdr *nh;
	int err;

	err = skb_ensure_writable(skb, nhoff + sizeof(struct ipv6hdr));
	if (unlikely(err))
		return err;
	if (unlikely(ipv6_hdr(skb)->version != 6))
		return 0;
	drop_rx_csum(skb);

	/* The L4 header is made writable up front, so that the addresses
	 * below stay where they are while their checksum is updated. */
	if (have_l4(skb, key, 8))
		skb_ensure_writable(skb, skb_transport_offset(skb) +
				    (key->ip_proto == IPPROTO_TCP
				     ? sizeof(struct tcphdr) : 8));
	nh = ipv6_hdr(skb);
	set_ipv6_addr(skb, key, &nh->saddr, v->ipv6_src, m->ipv6_src);
	set_ipv6_addr(skb, key, &nh->daddr, v->ipv6_dst, m->ipv6_dst);
	if (m->ipv6_tclass)
		ipv6_change_dsfield(nh, ~m->ipv6_tclass,
				    v->ipv6_tclass & m->ipv6_tclass);
	if (m->ipv6_label) {
		__be32 *word = (__be32 *)nh;

		*word = MASKED(*word, v->ipv6_label, m->ipv6_label &
			       htonl(0xfffff));
	}
	if (m->ipv6_hlimit)
		nh->hop_limit = MASKED(nh->hop_limit, v->ipv6_hlimit,
				       m->ipv6_hlimit);

	key->addr.ipv6.src = nh->saddr;
	key->addr.ipv6.dst = nh->daddr;
	key->ip_tos = ipv6_get_dsfield(nh);
	key->ipv6_label = *(__be32 *)nh & htonl(0xfffff);
	key->ip_ttl = nh->hop_limit;
	return 0;
}

/* Rewrites L4 ports: 'v' and 'm' hold the new source and destination port
 * values and masks. */
static int set_ports(struct sk_buff *skb, struct ovs_key *key, u8 proto,
		     const __be16 *v, const __be16 *m)
{
	int toff = skb_transport_offset(skb);
	__be16 *ports, src, dst;
	unsigned int hlen;
	int err;

	hlen = proto == IPPROTO_TCP ? sizeof(struct tcphdr) :
	       proto == IPPROTO_UDP ? sizeof(struct udphdr) :
	       sizeof(struct sctphdr);
	if (key->ip_proto != proto || !have_l4(skb, key, hlen))
		return 0;
	err = skb_ensure_writable(skb, toff + hlen);
	if (unlikely(err))
		return err;
	drop_rx_csum(skb);

	ports = (__be16 *)skb_transport_header(skb);
	src = MASKED(ports[0], v[0], m[0]);
	dst = MASKED(ports[1], v[1], m[1]);

	if (proto == IPPROTO_SCTP) {
		struct sctphdr *sh = sctp_hdr(skb);
		__le32 old_correct, new_correct;

		if (skb->ip_summed == CHECKSUM_PARTIAL) {
			sh->source = src;
			sh->dest = dst;
		} else {
			/* Keep a wrong checksum wrong. */
			old_correct = sctp_compute_cksum(skb, toff);
			sh->source = src;
			sh->dest = dst;
			new_correct = sctp_compute_cksum(skb, toff);
			sh->checksum = sh->checksum ^ old_correct ^ new_correct;
		}
	} else {
		__sum16 *check = proto == IPPROTO_TCP ? &tcp_hdr(skb)->check
						      : &udp_hdr(skb)->check;
		bool csum = proto == IPPROTO_TCP || *check ||
			    skb->ip_summed == CHECKSUM_PARTIAL;

		if (csum) {
			inet_proto_csum_replace2(check, skb, ports[0], src,
						 false);
			inet_proto_csum_replace2(check, skb, ports[1], dst,
						 false);
			if (proto == IPPROTO_UDP && !*check)
				*check = CSUM_MANGLED_0;
		}
		ports[0] = src;
		ports[1] = dst;
	}
	key->tp_src = src;
	key->tp_dst = dst;
	return 0;
}

/* Runs set(tunnel(...)) action 'a' of list 'acts' (retyped
 * OVS_ACTION_ATTR_SET_TUNNEL_IDX at install time, its key attribute's type
 * the index of its metadata dst): the packet gets a reference to that
 * dst, the action's tunnel key as transmit tunnel info, which a
 * collect-metadata tunnel device that it is then sent to uses for the
 * outer headers.  The flow key keeps the tunnel the packet came in with. */
static int set_tunnel(struct sk_buff *skb, const struct ovs_actions *acts,
		      const struct nlattr *a)
{
	u16 i = ((const struct nlattr *)nla_data(a))->nla_type;
	struct dst_entry *dst;

	if (unlikely(i >= acts->n_tun))
		return -EINVAL;
	dst = &acts->tun[i].md->dst;
	dst_hold(dst);
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	return 0;
}

/* Runs a set or set_masked action whose key attribute is 'ka' (not a
 * tunnel: see set_tunnel()). */
static int execute_set(struct sk_buff *skb, struct ovs_key *key,
		       const struct nlattr *ka, bool masked)
{
	const void *v = nla_data(ka);
	const void *m = masked ? v + nla_len(ka) / 2 : (const void *)ones;

	switch (nla_type(ka)) {
	case OVS_KEY_ATTR_PRIORITY:
		skb->priority = MASKED(skb->priority, *(const u32 *)v,
				       *(const u32 *)m);
		key->priority = skb->priority;
		return 0;
	case OVS_KEY_ATTR_SKB_MARK:
		skb->mark = MASKED(skb->mark, *(const u32 *)v,
				   *(const u32 *)m);
		key->skb_mark = skb->mark;
		return 0;
	case OVS_KEY_ATTR_ETHERNET:
		return set_ethernet(skb, key, v, m);
	case OVS_KEY_ATTR_IPV4:
		return set_ipv4(skb, key, v, m);
	case OVS_KEY_ATTR_IPV6:
		return set_ipv6(skb, key, v, m);
	case OVS_KEY_ATTR_TCP:
		return set_ports(skb, key, IPPROTO_TCP, v, m);
	case OVS_KEY_ATTR_UDP:
		return set_ports(skb, key, IPPROTO_UDP, v, m);
	case OVS_KEY_ATTR_SCTP:
		return set_ports(skb, key, IPPROTO_SCTP, v, m);
	}
	return -EINVAL;
}

/* Pushes a VLAN tag; the previous outer tag becomes the inner one. */
static int push_vlan(struct sk_buff *skb, struct ovs_key *key,
		     const struct ovs_action_push_vlan *pv)
{
	int err;

	err = skb_vlan_push(skb, pv->vlan_tpid,
			    ntohs(pv->vlan_tci) & ~VLAN_CFI_MASK);
	if (unlikely(err))
		return err;
	key->cvlan_tpid = key->vlan_tpid;
	key->cvlan_tci = key->vlan_tci;
	key->vlan_tpid = pv->vlan_tpid;
	key->vlan_tci = pv->vlan_tci;
	return 0;
}

/* Pops the outer VLAN tag; an inner tag becomes the outer one. */
static int pop_vlan(struct sk_buff *skb, struct ovs_key *key)
{
	int err;

	err = skb_vlan_pop(skb);
	if (unlikely(err))
		return err;
	key->vlan_tpid = key->cvlan_tpid;
	key->vlan_tci = key->cvlan_tci;
	key->cvlan_tpid = 0;
	key->cvlan_tci = 0;
	return 0;
}

/* Sets the key's dp_hash from the packet's L4 hash (symmetric for
 * OVS_HASH_ALG_SYM_L4, so both ways of a connection pick the same select
 * group bucket) and the action's basis; never 0, which means "no hash". */
static void execute_hash(struct sk_buff *skb, struct ovs_key *key,
			 const struct ovs_action_hash *h)
{
	u32 l4 = (h->hash_alg == OVS_HASH_ALG_SYM_L4
		  ? __skb_get_hash_symmetric(skb) : skb_get_hash(skb));
	u32 hash = jhash_1word(l4, h->hash_basis);

	key->dp_hash = hash ? hash : 1;
}

/* ------------------------------------------------------------------------
 * Nested actions and recirculation.
 * ------------------------------------------------------------------------ */

/* Runs 'actions', nested in list 'acts', on 'skb' (consumed if 'last') or
 * on a copy, with a copy of the key unless 'last'. */
static int clone_execute(struct datapath *dp, struct sk_buff *skb,
			 const struct ovs_key *key,
			 const struct ovs_actions *acts,
			 const struct nlattr *actions, int len, bool last)
{
	struct ovs_key copy;

	if (!last) {
		skb = skb_clone(skb, GFP_ATOMIC);
		if (!skb)
			return 0;	/* Out of memory: skip the copy. */
	}
	copy = *key;
	return do_execute_actions(dp, skb, &copy, acts, actions, len);
}

/* Runs the nested actions of sample action 'attr' of list 'list' with its
 * probability. */
static int execute_sample(struct datapath *dp, struct sk_buff *skb,
			  const struct ovs_key *key,
			  const struct ovs_actions *list,
			  const struct nlattr *attr, bool last)
{
	const struct nlattr *acts = NULL, *a;
	u32 probability = 0;
	int rem;

	nla_for_each_nested(a, attr, rem) {
		if (nla_type(a) == OVS_SAMPLE_ATTR_PROBABILITY)
			probability = nla_get_u32(a);
		else if (nla_type(a) == OVS_SAMPLE_ATTR_ACTIONS)
			acts = a;
	}
	if (!acts || (probability != U32_MAX &&
		      get_random_u32() > probability)) {
		if (last)
			consume_skb(skb);
		return 0;
	}
	return clone_execute(dp, skb, key, list, nla_data(acts), nla_len(acts),
			     last);
}

/* Queues 'skb' (consumed if 'last', else a copy) for another lookup with
 * recirculation id 'recirc_id'. */
static void execute_recirc(struct datapath *dp, struct sk_buff *skb,
			   const struct ovs_key *key, u32 recirc_id, bool last)
{
	struct exec_state *es = this_cpu_ptr(exec_states);
	struct deferred_recirc *d;

	if (!last) {
		skb = skb_clone(skb, GFP_ATOMIC);
		if (!skb)
			return;
	}
	if (es->tail >= OVS_DEFERRED_MAX) {
		net_warn_ratelimited("%s: recirculation queue full, packet dropped\n",
				     ovs_dp_name(dp));
		kfree_skb(skb);
		return;
	}
	d = &es->queue[es->tail++];
	d->skb = skb;
	d->key = *key;
	d->key.recirc_id = recirc_id;
}

/* Runs the action list 'attr' of 'len' bytes, list 'acts' or nested in it,
 * on 'skb', which it consumes.  Must be called with rcu_read_lock and
 * bottom halves disabled. */
static int do_execute_actions(struct datapath *dp, struct sk_buff *skb,
			      struct ovs_key *key,
			      const struct ovs_actions *acts,
			      const struct nlattr *attr, int len)
{
	const struct nlattr *a;
	int rem;

	for (a = attr, rem = len; rem > 0; a = nla_next(a, &rem)) {
		bool last = rem <= NLA_ALIGN(a->nla_len);
		int err = 0;

		switch (nla_type(a)) {
		case OVS_ACTION_ATTR_OUTPUT: {
			u32 port_no = nla_get_u32(a);
			struct sk_buff *clone;

			if (last) {
				do_output(dp, skb, port_no);
				return 0;
			}
			clone = skb_clone(skb, GFP_ATOMIC);
			if (clone)
				do_output(dp, clone, port_no);
			OVS_CB(skb)->cutlen = 0;
			break;
		}

		case OVS_ACTION_ATTR_TRUNC: {
			const struct ovs_action_trunc *t = nla_data(a);

			OVS_CB(skb)->cutlen = skb->len > t->max_len
					      ? skb->len - t->max_len : 0;
			break;
		}

		case OVS_ACTION_ATTR_USERSPACE:
			output_userspace(dp, skb, key, a, acts, attr, len);
			OVS_CB(skb)->cutlen = 0;
			if (last) {
				consume_skb(skb);
				return 0;
			}
			break;

		case OVS_ACTION_ATTR_HASH:
			execute_hash(skb, key, nla_data(a));
			break;

		case OVS_ACTION_ATTR_PUSH_VLAN:
			err = push_vlan(skb, key, nla_data(a));
			break;

		case OVS_ACTION_ATTR_POP_VLAN:
			err = pop_vlan(skb, key);
			break;

		case OVS_ACTION_ATTR_RECIRC:
			execute_recirc(dp, skb, key, nla_get_u32(a), last);
			if (last)
				return 0;
			break;

		case OVS_ACTION_ATTR_SET:
			err = execute_set(skb, key, nla_data(a), false);
			break;

		case OVS_ACTION_ATTR_SET_TUNNEL_IDX:
			err = set_tunnel(skb, acts, a);
			break;

		case OVS_ACTION_ATTR_SET_MASKED:
			err = execute_set(skb, key, nla_data(a), true);
			break;

		case OVS_ACTION_ATTR_SAMPLE:
			err = execute_sample(dp, skb, key, acts, a, last);
			if (last)
				return err;
			break;

		case OVS_ACTION_ATTR_CLONE:
			err = clone_execute(dp, skb, key, acts, nla_data(a),
					    nla_len(a), last);
			if (last)
				return err;
			break;

		case OVS_ACTION_ATTR_METER:
			if (ovs_meter_execute(dp, skb, nla_get_u32(a))) {
				consume_skb(skb);
				return 0;
			}
			break;
		}

		if (unlikely(err)) {
			kfree_skb(skb);
			return err;
		}
	}
	consume_skb(skb);
	return 0;
}

/* Runs the queued recirculations of this CPU, and those they queue, up to
 * OVS_RECIRC_LIMIT of them. */
static void run_deferred(struct datapath *dp, struct exec_state *es)
{
	int n = 0;

	while (es->head < es->tail) {
		struct deferred_recirc d = es->queue[es->head++];

		/* Free the queue for what this packet may queue in turn. */
		if (es->head == es->tail)
			es->head = es->tail = 0;
		if (n++ < OVS_RECIRC_LIMIT) {
			ovs_dp_process_packet(d.skb, &d.key);
		} else {
			net_warn_ratelimited("%s: too many recirculations, packet dropped\n",
					     ovs_dp_name(dp));
			kfree_skb(d.skb);
		}
	}
}

/**
 * ovs_execute_actions - runs a flow's actions on a packet.
 * @dp: the datapath.
 * @skb: the packet, consumed.
 * @acts: the actions.
 * @key: the packet's key; actions update it.
 *
 * Returns 0 or a negative errno.  Must be called with rcu_read_lock and
 * bottom halves disabled.
 */
int ovs_execute_actions(struct datapath *dp, struct sk_buff *skb,
			const struct ovs_actions *acts, struct ovs_key *key)
{
	struct exec_state *es = this_cpu_ptr(exec_states);
	int err;

	if (unlikely(++es->level > OVS_RECURSION_LIMIT)) {
		net_crit_ratelimited("%s: packet loop detected, packet dropped\n",
				     ovs_dp_name(dp));
		kfree_skb(skb);
		err = -ENETDOWN;
		goto out;
	}

	OVS_CB(skb)->cutlen = 0;
	err = do_execute_actions(dp, skb, key, acts, acts->actions, acts->len);
	if (es->level == 1)
		run_deferred(dp, es);
out:
	es->level--;
	return err;
}
