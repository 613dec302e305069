// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Flow key extraction and flow objects.
 *
 * The key of a packet is built from its headers with one rule: whatever the
 * packet looks like, the datapath reports the key it parsed.  A header that
 * is cut short or malformed leaves its fields zero (the netlink key then has
 * an attribute full of zeros), it never makes the packet disappear.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/ktime.h>
#include <linux/sctp.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/dsfield.h>
#include <net/dst_metadata.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "datapath.h"
#include "flow.h"
#include "flow_netlink.h"
#include "flow_table.h"

/* Flows, with room for nr_cpu_ids counter pointers. */
static struct kmem_cache *flow_cache;

/* The counters of a flow's CPUs other than its first (cache-line aligned:
 * each is written by one CPU). */
static struct kmem_cache *flow_stats_cache;

/* Called at module load. */
int ovs_flow_init(void)
{
	BUILD_BUG_ON(sizeof(struct ovs_key) % sizeof(long));
	BUILD_BUG_ON(sizeof(struct ovs_key) != 192);

	flow_cache = kmem_cache_create("weft_flow",
				       struct_size_t(struct ovs_flow, cpu_stats,
						     nr_cpu_ids),
				       0, 0, NULL);
	if (!flow_cache)
		return -ENOMEM;
	flow_stats_cache = kmem_cache_create("weft_flow_stats",
					     sizeof(struct flow_cpu_stats), 0,
					     SLAB_HWCACHE_ALIGN, NULL);
	if (!flow_stats_cache) {
		kmem_cache_destroy(flow_cache);
		return -ENOMEM;
	}
	return 0;
}

/* Called at module unload, after every flow is gone and rcu_barrier(). */
void ovs_flow_exit(void)
{
	kmem_cache_destroy(flow_stats_cache);
	kmem_cache_destroy(flow_cache);
}

/* Returns a zeroed flow whose counters no CPU has yet, or NULL.  Called in
 * process context.  (A CPU gets its counters on its first packet: see
 * ovs_flow_stats_update().  Allocating every CPU's with the flow, with
 * alloc_percpu(), was the most expensive part of installing a flow.) */
struct ovs_flow *ovs_flow_alloc(void)
{
	struct ovs_flow *flow;

	flow = kmem_cache_zalloc(flow_cache, GFP_KERNEL);
	if (!flow)
		return NULL;
	flow->home_cpu = -1;
	spin_lock_init(&flow->shared_lock);
	u64_stats_init(&flow->home.syncp);
	u64_stats_init(&flow->shared.syncp);
	return flow;
}

/* Frees 'acts' and drops its references to its tunnel metadata dsts (a
 * dst lives on while packets still hold it). */
static void actions_free_now(struct ovs_actions *acts)
{
	u32 i;

	for (i = 0; i < acts->n_tun; i++)
		dst_release(&acts->tun[i].md->dst);
	kfree(acts);
}

/* RCU callback freeing an action list. */
static void actions_free_rcu(struct rcu_head *rcu)
{
	actions_free_now(container_of(rcu, struct ovs_actions, rcu));
}

/* Frees 'acts' now or, if 'deferred', after an RCU grace period (readers
 * may still take references to its metadata dsts until then).  Accepts
 * NULL. */
void ovs_actions_free(struct ovs_actions *acts, bool deferred)
{
	if (!acts)
		return;
	if (deferred)
		call_rcu(&acts->rcu, actions_free_rcu);
	else
		actions_free_now(acts);
}

/* Frees a flow that no reader can reach. */
static void flow_free_now(struct ovs_flow *flow)
{
	struct flow_cpu_stats *s;
	int cpu;

	if (!flow->id.ufid_len)
		kfree(flow->id.unmasked_key);
	ovs_actions_free(rcu_dereference_raw(flow->acts), false);
	for_each_possible_cpu(cpu) {
		s = flow->cpu_stats[cpu];
		if (s && s != &flow->home)
			kmem_cache_free(flow_stats_cache, s);
	}
	kmem_cache_free(flow_cache, flow);
}

/* RCU callback freeing a flow. */
static void flow_free_rcu(struct rcu_head *rcu)
{
	flow_free_now(container_of(rcu, struct ovs_flow, rcu));
}

/* Frees 'flow' with its actions, now or, if 'deferred', after an RCU grace
 * period.  The flow must not be in any table.  Accepts NULL. */
void ovs_flow_free(struct ovs_flow *flow, bool deferred)
{
	if (!flow)
		return;
	if (deferred)
		call_rcu(&flow->rcu, flow_free_rcu);
	else
		flow_free_now(flow);
}

/* Gives CPU 'cpu' (the caller's) counters of its own for 'flow': the
 * flow's embedded ones if no CPU has them yet, else a new zeroed set.
 * Returns them, or NULL if out of memory (GFP_NOWAIT: called from the
 * packet path). */
static struct flow_cpu_stats *stats_claim(struct ovs_flow *flow, int cpu)
{
	struct flow_cpu_stats *s;

	if (cmpxchg(&flow->home_cpu, -1, cpu) == -1) {
		s = &flow->home;
	} else {
		s = kmem_cache_zalloc(flow_stats_cache,
				      GFP_NOWAIT | __GFP_NOWARN);
		if (!s)
			return NULL;
		u64_stats_init(&s->syncp);
	}
	/* Readers on other CPUs see the zeroed counters behind the
	 * pointer. */
	smp_store_release(&flow->cpu_stats[cpu], s);
	return s;
}

/* Adds a packet of 'len' bytes with TCP flags 'tcp_flags' to 's', whose
 * writers the caller serializes. */
static void stats_add(struct flow_cpu_stats *s, unsigned int len,
		      __be16 tcp_flags)
{
	u64_stats_update_begin(&s->syncp);
	s->packets++;
	s->bytes += len;
	s->used = jiffies;
	s->tcp_flags |= tcp_flags;
	u64_stats_update_end(&s->syncp);
}

/* Counts 'skb' against 'flow', in the calling CPU's counters.  Must be
 * called with rcu_read_lock and bottom halves disabled. */
void ovs_flow_stats_update(struct ovs_flow *flow, __be16 tcp_flags,
			   const struct sk_buff *skb)
{
	int cpu = smp_processor_id();
	struct flow_cpu_stats *s = flow->cpu_stats[cpu];
	unsigned int len = skb->len;

	if (skb_vlan_tag_present(skb))
		len += VLAN_HLEN;

	if (unlikely(!s)) {
		s = stats_claim(flow, cpu);
		if (!s) {
			spin_lock(&flow->shared_lock);
			stats_add(&flow->shared, len, tcp_flags);
			spin_unlock(&flow->shared_lock);
			return;
		}
	}
	stats_add(s, len, tcp_flags);
}

/* Adds the counters 's' to 'sum' (see ovs_flow_stats_get()). */
static void stats_sum(struct flow_cpu_stats *sum,
		      const struct flow_cpu_stats *s)
{
	unsigned int start;
	u64 packets, bytes;
	unsigned long used;
	__be16 flags;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		packets = s->packets;
		bytes = s->bytes;
		used = s->used;
		flags = s->tcp_flags;
	} while (u64_stats_fetch_retry(&s->syncp, start));

	sum->packets += packets;
	sum->bytes += bytes;
	sum->tcp_flags |= flags;
	if (used && (!sum->used || time_after(used, sum->used)))
		sum->used = used;
}

/* Zeroes the counters 's'. */
static void stats_zero(struct flow_cpu_stats *s)
{
	u64_stats_update_begin(&s->syncp);
	s->packets = 0;
	s->bytes = 0;
	s->used = 0;
	s->tcp_flags = 0;
	u64_stats_update_end(&s->syncp);
}

/* Sums the per-CPU counters of 'flow' into 'sum' (whose 'used' is the most
 * recent use in jiffies, 0 if never).  Called with ovs_mutex or
 * rcu_read_lock. */
void ovs_flow_stats_get(const struct ovs_flow *flow,
			struct flow_cpu_stats *sum)
{
	const struct flow_cpu_stats *s;
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		s = smp_load_acquire(&flow->cpu_stats[cpu]);
		if (s)
			stats_sum(sum, s);
	}
	stats_sum(sum, &flow->shared);
}

/* Zeroes the counters of 'flow'.  A packet counted on another CPU at the
 * same moment may survive the clearing.  Called with ovs_mutex. */
void ovs_flow_stats_clear(struct ovs_flow *flow)
{
	struct flow_cpu_stats *s;
	int cpu;

	for_each_possible_cpu(cpu) {
		s = smp_load_acquire(&flow->cpu_stats[cpu]);
		if (s)
			stats_zero(s);
	}
	spin_lock_bh(&flow->shared_lock);
	stats_zero(&flow->shared);
	spin_unlock_bh(&flow->shared_lock);
}

/* Converts a last-use time in jiffies into milliseconds of the monotonic
 * clock, the unit of OVS_FLOW_ATTR_USED. */
u64 ovs_flow_used_time(unsigned long flow_jiffies)
{
	u64 now_ms = ktime_to_ms(ktime_get());
	u64 idle_ms = jiffies_to_msecs(jiffies - flow_jiffies);

	return now_ms > idle_ms ? now_ms - idle_ms : 0;
}

/* Returns true if 'a' and 'b' name the same flow. */
bool ovs_flow_id_equal(const struct ovs_flow_id *a,
		       const struct ovs_flow_id *b)
{
	if (a->ufid_len != b->ufid_len)
		return false;
	if (a->ufid_len)
		return !memcmp(a->ufid, b->ufid, a->ufid_len);
	return !memcmp(a->unmasked_key, b->unmasked_key,
		       sizeof(struct ovs_key));
}

/* Hashes the flow identifier 'id' with 'seed'. */
u32 ovs_flow_id_hash(const struct ovs_flow_id *id, u32 seed)
{
	if (id->ufid_len)
		return jhash(id->ufid, id->ufid_len, seed);
	return jhash2((const u32 *)id->unmasked_key,
		      sizeof(struct ovs_key) / sizeof(u32), seed);
}

/* ------------------------------------------------------------------------
 * Key extraction.
 * ------------------------------------------------------------------------ */

/* Zeroes all of 'key', one 64-bit store at a time.  Every received packet
 * pays for this (ovs_key_extract()).  gcc turns a memset() of this size
 * into "rep stosq", which under emulation (qemu's TCG, where the kernel
 * benchmarks run) goes once through the emulator's loop per 8 bytes, at
 * several times the cost of a plain store (so would a loop: a backward
 * jump ends the emulator's translation block).  The volatile stores keep
 * gcc from turning the loop back into that memset(); the pragma unrolls
 * it. */
static __always_inline void key_zero(struct ovs_key *key)
{
	u64 *p = (u64 *)key;
	size_t i;

	BUILD_BUG_ON(sizeof(*key) % sizeof(u64));
	BUILD_BUG_ON(sizeof(*key) / sizeof(u64) > 32);
#pragma GCC unroll 32
	for (i = 0; i < sizeof(*key) / sizeof(u64); i++)
		WRITE_ONCE(p[i], 0);
}

/* Zeroes every field of 'key' that comes from the packet's headers, keeping
 * the metadata (recirc_id, dp_hash, priority, skb_mark, in_port). */
static void key_clear_headers(struct ovs_key *key)
{
	size_t start = offsetof(struct ovs_key, eth_src);

	memset((u8 *)key + start, 0, sizeof(*key) - start);
}

/* Returns the 16 bits at 'off' in the linear data of 'skb', which the
 * caller has pulled. */
static __be16 get_be16(const struct sk_buff *skb, int off)
{
	return *(const __be16 *)(skb->data + off);
}

/* Parses the L4 header at offset 'off' of a packet whose IP protocol is
 * key->ip_proto; 'ipv6' tells which family.  A header too short leaves the
 * ports zero. */
static void parse_l4(struct sk_buff *skb, int off, struct ovs_key *key,
		     bool ipv6)
{
	u8 proto = key->ip_proto;

	skb_set_transport_header(skb, off);
	if (proto == IPPROTO_TCP) {
		const struct tcphdr *th;
		int doff;

		if (!pskb_may_pull(skb, off + sizeof(struct tcphdr)))
			return;
		th = (const struct tcphdr *)(skb->data + off);
		doff = th->doff * 4;
		if (doff < sizeof(struct tcphdr) ||
		    !pskb_may_pull(skb, off + doff))
			return;
		th = (const struct tcphdr *)(skb->data + off);
		key->tp_src = th->source;
		key->tp_dst = th->dest;
		key->tcp_flags = get_be16(skb, off + 12) & htons(0x0fff);
	} else if (proto == IPPROTO_UDP) {
		const struct udphdr *uh;

		if (!pskb_may_pull(skb, off + sizeof(struct udphdr)))
			return;
		uh = (const struct udphdr *)(skb->data + off);
		key->tp_src = uh->source;
		key->tp_dst = uh->dest;
	} else if (proto == IPPROTO_SCTP) {
		const struct sctphdr *sh;

		if (!pskb_may_pull(skb, off + sizeof(struct sctphdr)))
			return;
		sh = (const struct sctphdr *)(skb->data + off);
		key->tp_src = sh->source;
		key->tp_dst = sh->dest;
	} else if (proto == IPPROTO_ICMP && !ipv6) {
		const struct icmphdr *ih;

		if (!pskb_may_pull(skb, off + sizeof(struct icmphdr)))
			return;
		ih = (const struct icmphdr *)(skb->data + off);
		key->tp_src = htons(ih->type);
		key->tp_dst = htons(ih->code);
	}
}

/* Parses the neighbor discovery message (solicitation or advertisement)
 * whose ICMPv6 header is at 'off'.  An invalid message leaves the ND fields
 * zero. */
static void parse_nd(struct sk_buff *skb, int off, struct ovs_key *key)
{
	int len = skb->len - off;
	int opt = 24;
	u8 buf[8];

	if (len < 24 || !pskb_may_pull(skb, off + 24))
		return;
	memcpy(&key->l2addr.nd.target, skb->data + off + 8,
	       sizeof(struct in6_addr));

	while (opt + 8 <= len) {
		const u8 *o = skb_header_pointer(skb, off + opt, 8, buf);
		int opt_len;

		if (!o)
			goto invalid;
		opt_len = o[1] * 8;
		if (!opt_len || opt + opt_len > len)
			goto invalid;
		if (o[0] == ND_OPT_SOURCE_LL_ADDR && opt_len == 8) {
			if (!is_zero_ether_addr(key->l2addr.nd.sll))
				goto invalid;
			ether_addr_copy(key->l2addr.nd.sll, o + 2);
		} else if (o[0] == ND_OPT_TARGET_LL_ADDR && opt_len == 8) {
			if (!is_zero_ether_addr(key->l2addr.nd.tll))
				goto invalid;
			ether_addr_copy(key->l2addr.nd.tll, o + 2);
		}
		opt += opt_len;
	}
	return;

invalid:
	memset(&key->l2addr.nd, 0, sizeof(key->l2addr.nd));
}

/* Parses the IPv4 header at 'off' and what follows.  A header too short
 * or with a bad length leaves the IPv4 fields zero.  Like every parser here,
 * works on a packet the caller owns; no lock needed. */
static void parse_ipv4(struct sk_buff *skb, int off, struct ovs_key *key)
{
	const struct iphdr *iph;
	int ihl;

	if (!pskb_may_pull(skb, off + sizeof(struct iphdr)))
		return;
	iph = (const struct iphdr *)(skb->data + off);
	ihl = iph->ihl * 4;
	if (ihl < sizeof(struct iphdr) || !pskb_may_pull(skb, off + ihl))
		return;
	iph = (const struct iphdr *)(skb->data + off);

	key->addr.ipv4.src = iph->saddr;
	key->addr.ipv4.dst = iph->daddr;
	key->ip_proto = iph->protocol;
	key->ip_tos = iph->tos;
	key->ip_ttl = iph->ttl;
	skb_set_transport_header(skb, off + ihl);

	if (iph->frag_off & htons(IP_MF | IP_OFFSET)) {
		if (iph->frag_off & htons(IP_OFFSET)) {
			key->ip_frag = OVS_FRAG_TYPE_LATER;
			return;
		}
		key->ip_frag = OVS_FRAG_TYPE_FIRST;
	}
	parse_l4(skb, off + ihl, key, false);
}

/* Parses the IPv6 header at 'off', its extension headers and what
 * follows. */
static void parse_ipv6(struct sk_buff *skb, int off, struct ovs_key *key)
{
	const struct ipv6hdr *ip6;
	int hoff = off + sizeof(struct ipv6hdr);
	u8 nexthdr;
	int i;

	if (!pskb_may_pull(skb, hoff))
		return;
	ip6 = (const struct ipv6hdr *)(skb->data + off);
	key->addr.ipv6.src = ip6->saddr;
	key->addr.ipv6.dst = ip6->daddr;
	key->ipv6_label = *(const __be32 *)ip6 & IPV6_FLOWLABEL_MASK;
	key->ip_tos = ipv6_get_dsfield(ip6);
	key->ip_ttl = ip6->hop_limit;
	nexthdr = ip6->nexthdr;

	/* Walk the extension headers, at most a few dozen of them. */
	for (i = 0; i < 32; i++) {
		const u8 *h;
		u8 buf[8];
		int hlen;

		if (nexthdr != NEXTHDR_HOP && nexthdr != NEXTHDR_ROUTING &&
		    nexthdr != NEXTHDR_DEST && nexthdr != NEXTHDR_AUTH &&
		    nexthdr != NEXTHDR_FRAGMENT)
			break;
		h = skb_header_pointer(skb, hoff, 8, buf);
		if (!h) {
			/* A truncated extension header ends the parse; the
			 * protocol stays the one announced. */
			key->ip_proto = nexthdr;
			return;
		}
		if (nexthdr == NEXTHDR_FRAGMENT) {
			__be16 frag_off = *(const __be16 *)(h + 2);

			if (frag_off & htons(IP6_OFFSET)) {
				key->ip_frag = OVS_FRAG_TYPE_LATER;
				key->ip_proto = h[0];
				return;
			}
			key->ip_frag = OVS_FRAG_TYPE_FIRST;
			hlen = 8;
		} else if (nexthdr == NEXTHDR_AUTH) {
			hlen = (h[1] + 2) * 4;
		} else {
			hlen = (h[1] + 1) * 8;
		}
		nexthdr = h[0];
		hoff += hlen;
	}
	key->ip_proto = nexthdr;

	if (nexthdr == IPPROTO_ICMPV6) {
		const struct icmp6hdr *ih;

		skb_set_transport_header(skb, hoff);
		if (!pskb_may_pull(skb, hoff + sizeof(struct icmp6hdr)))
			return;
		ih = (const struct icmp6hdr *)(skb->data + hoff);
		key->tp_src = htons(ih->icmp6_type);
		key->tp_dst = htons(ih->icmp6_code);
		if (!ih->icmp6_code &&
		    (ih->icmp6_type == NDISC_NEIGHBOUR_SOLICITATION ||
		     ih->icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT))
			parse_nd(skb, hoff, key);
	} else {
		parse_l4(skb, hoff, key, true);
	}
}

/* Parses an Ethernet/IPv4 ARP packet at 'off'; other ARP packets leave the
 * fields zero. */
static void parse_arp(struct sk_buff *skb, int off, struct ovs_key *key)
{
	const u8 *a;
	u16 op;

	if (!pskb_may_pull(skb, off + 28))
		return;
	a = skb->data + off;
	if (get_be16(skb, off) != htons(ARPHRD_ETHER) ||
	    get_be16(skb, off + 2) != htons(ETH_P_IP) ||
	    a[4] != ETH_ALEN || a[5] != 4)
		return;

	op = ntohs(get_be16(skb, off + 6));
	key->ip_proto = op <= 0xff ? op : 0;
	ether_addr_copy(key->l2addr.arp.sha, a + 8);
	memcpy(&key->addr.ipv4.src, a + 14, 4);
	ether_addr_copy(key->l2addr.arp.tha, a + 18);
	memcpy(&key->addr.ipv4.dst, a + 24, 4);
}

/* Fills the header fields of 'key' from 'skb', whose data starts at the
 * Ethernet header.  Sets the skb's MAC, network and transport header
 * offsets.  Returns -EINVAL only for a frame shorter than an Ethernet
 * header. */
static int key_extract_headers(struct sk_buff *skb, struct ovs_key *key)
{
	const struct ethhdr *eth;
	int n_tags = 0;
	int toff = 12;
	__be16 type;
	int l3off;

	skb_reset_mac_header(skb);
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN)))
		return -EINVAL;
	eth = eth_hdr(skb);
	ether_addr_copy(key->eth_src, eth->h_source);
	ether_addr_copy(key->eth_dst, eth->h_dest);

	/* skb->protocol is the type after the addresses, as eth_type_trans()
	 * sets it: the VLAN actions and GSO rely on it. */
	type = get_be16(skb, toff);
	skb->protocol = eth_proto_is_802_3(type) ? type : htons(ETH_P_802_2);

	if (skb_vlan_tag_present(skb)) {
		key->vlan_tpid = skb->vlan_proto;
		key->vlan_tci = htons(skb_vlan_tag_get(skb) | VLAN_CFI_MASK);
		n_tags = 1;
	}

	type = get_be16(skb, toff);
	while (n_tags < 2 && ovs_eth_type_vlan(type)) {
		__be16 *tpid = n_tags ? &key->cvlan_tpid : &key->vlan_tpid;
		__be16 *tci = n_tags ? &key->cvlan_tci : &key->vlan_tci;

		*tpid = type;
		if (!pskb_may_pull(skb, toff + 6)) {
			/* Truncated tag: TCI 0 (no VLAN_CFI_MASK) and nothing
			 * inside. */
			skb_set_network_header(skb, skb->len);
			skb_reset_mac_len(skb);
			return 0;
		}
		*tci = get_be16(skb, toff + 2) | htons(VLAN_CFI_MASK);
		toff += 4;
		type = get_be16(skb, toff);
		n_tags++;
	}

	l3off = toff + 2;
	if (eth_proto_is_802_3(type)) {
		key->eth_type = type;
	} else {
		/* An 802.2 frame, or SNAP encapsulating an Ethernet type. */
		const u8 *llc;

		key->eth_type = OVS_ETH_TYPE_NONE;
		if (pskb_may_pull(skb, l3off + 8)) {
			llc = skb->data + l3off;
			if (llc[0] == 0xaa && llc[1] == 0xaa &&
			    llc[2] == 0x03 && !llc[3] && !llc[4] && !llc[5] &&
			    eth_proto_is_802_3(get_be16(skb, l3off + 6))) {
				key->eth_type = get_be16(skb, l3off + 6);
				l3off += 8;
			}
		}
	}
	skb_set_network_header(skb, l3off);
	skb_reset_mac_len(skb);

	if (key->eth_type == htons(ETH_P_IP))
		parse_ipv4(skb, l3off, key);
	else if (key->eth_type == htons(ETH_P_IPV6))
		parse_ipv6(skb, l3off, key);
	else if (key->eth_type == htons(ETH_P_ARP) ||
		 key->eth_type == htons(ETH_P_RARP))
		parse_arp(skb, l3off, key);
	return 0;
}

/**
 * ovs_key_extract - builds the flow key of a received packet.
 * @skb: the packet, data at its Ethernet header.
 * @in_port: the port it came in on.
 * @tun_info: the tunnel info the packet arrived with (from a
 *	collect-metadata tunnel device), or NULL.
 * @key: filled in; every field is set, unused ones to zero.
 *
 * Returns 0, or -EINVAL for a frame too short to have an Ethernet header.
 * Must be called with rcu_read_lock.
 */
int ovs_key_extract(struct sk_buff *skb, u32 in_port,
		    const struct ip_tunnel_info *tun_info, struct ovs_key *key)
{
	key_zero(key);
	if (tun_info && !(tun_info->mode & IP_TUNNEL_INFO_TX)) {
		const struct ip_tunnel_key *k = &tun_info->key;
		struct ovs_key_tunnel *t = &key->tun;

		t->tun_id = k->tun_id;
		if (ip_tunnel_info_af(tun_info) == AF_INET6) {
			t->ipv6_src = k->u.ipv6.src;
			t->ipv6_dst = k->u.ipv6.dst;
			t->af = AF_INET6;
		} else {
			t->ipv4_src = k->u.ipv4.src;
			t->ipv4_dst = k->u.ipv4.dst;
			t->af = AF_INET;
		}
		t->flags = k->tun_flags & OVS_TUNNEL_KEY_FLAGS;
		t->tp_src = k->tp_src;
		t->tp_dst = k->tp_dst;
		t->tos = k->tos;
		t->ttl = k->ttl;
	}
	key->priority = skb->priority;
	key->skb_mark = skb->mark;
	key->in_port = in_port;
	return key_extract_headers(skb, key);
}

/**
 * ovs_key_extract_userspace - builds the key of a packet to execute.
 * @net: the datapath's network namespace (unused for now).
 * @attr: OVS_PACKET_ATTR_KEY, which supplies the metadata.
 * @skb: the packet, data at its Ethernet header.
 * @key: filled in.
 * @log: whether to log a rejected key.
 * @extack: where to explain a failure.
 *
 * Returns 0 or a negative errno.
 */
int ovs_key_extract_userspace(struct net *net, const struct nlattr *attr,
			      struct sk_buff *skb, struct ovs_key *key,
			      bool log, struct netlink_ext_ack *extack)
{
	int err;

	memset(key, 0, sizeof(*key));
	err = ovs_nla_get_metadata(attr, key, log, extack);
	if (err)
		return err;
	skb->priority = key->priority;
	skb->mark = key->skb_mark;
	err = key_extract_headers(skb, key);
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "packet shorter than an Ethernet header");
	return err;
}

/* Re-reads the header fields of 'key' from 'skb' after actions changed the
 * packet in ways the key did not follow, keeping the metadata.  Must be
 * called with rcu_read_lock. */
int ovs_key_update(struct sk_buff *skb, struct ovs_key *key)
{
	key_clear_headers(key);
	return key_extract_headers(skb, key);
}
