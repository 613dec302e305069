/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Flow keys (what the datapath extracts from a packet), flows and their
 * statistics.
 */

#ifndef WEFT_FLOW_H
#define WEFT_FLOW_H 1

#include <linux/cache.h>
#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/jiffies.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>
#include <net/ip_tunnels.h>

#include <linux/openvswitch.h>

struct metadata_dst;
struct net;
struct ovs_mask;

/* key.in_port of a packet that came from no port (an execute request
 * without OVS_KEY_ATTR_IN_PORT). */
#define OVS_PORT_NONE	0xffffu

/* key.eth_type of a frame without an Ethernet II type (802.2 LLC), which
 * netlink keys express by leaving OVS_KEY_ATTR_ETHERTYPE out. */
#define OVS_ETH_TYPE_NONE	cpu_to_be16(0x05ff)

/* Largest size of a key or mask as nested netlink attributes. */
#define OVS_KEY_NLA_MAX_SIZE	400

/* Tunnel flags that keys keep (TUNNEL_* of <net/ip_tunnels.h>). */
#define OVS_TUNNEL_KEY_FLAGS \
	(TUNNEL_KEY | TUNNEL_DONT_FRAGMENT | TUNNEL_CSUM | TUNNEL_OAM)

/**
 * struct ovs_key_tunnel - the outer headers of a tunneled packet.
 *
 * A packet received from a collect-metadata tunnel device (vxlan, geneve,
 * gre in "external" mode) carries them as its tunnel info; a key without
 * a tunnel has this all zero.  IPv4 and IPv6 addresses have their own
 * storage, so that a mask never depends on the address family of its key.
 */
struct ovs_key_tunnel {
	__be64 tun_id;			/* Tunnel id (VNI, GRE key...). */
	__be32 ipv4_src;		/* Outer IPv4 source, or 0. */
	__be32 ipv4_dst;		/* Outer IPv4 destination, or 0. */
	struct in6_addr ipv6_src;	/* Outer IPv6 source, or zeros. */
	struct in6_addr ipv6_dst;	/* Outer IPv6 destination, or zeros. */
	__be16 flags;			/* OVS_TUNNEL_KEY_FLAGS bits. */
	__be16 tp_src;			/* Outer UDP source port, or 0. */
	__be16 tp_dst;			/* Outer UDP destination port, or 0. */
	u8 tos;				/* Outer TOS or traffic class. */
	u8 ttl;				/* Outer TTL or hop limit. */
	u8 af;				/* AF_INET, AF_INET6, or 0 if none. */
	u8 pad[7];			/* Always 0. */
};

/**
 * struct ovs_key - the fields of a packet that flows match on.
 *
 * A flow's mask has the same layout, 1-bits meaning "must match".  Keys are
 * compared and hashed as arrays of longs, over the range of the mask that is
 * not zero, so a key extracted from a packet must have every field it does
 * not set zeroed, including padding.  Fields that depend on the protocol
 * (addresses, ports) share storage; the Ethernet type and IP protocol say
 * which interpretation holds, which is why a mask that looks at such a field
 * always matches those exactly.
 *
 * ICMP and ICMPv6 keep their type in @tp_src and their code in @tp_dst, as
 * 16-bit network-order values.  ARP keeps its opcode in @ip_proto when it
 * fits in 8 bits (0 otherwise).
 */
struct ovs_key {
	struct ovs_key_tunnel tun;	/* Tunnel metadata, zero if none. */
	u32 recirc_id;			/* Recirculation id, 0 first. */
	u32 dp_hash;			/* Hash from a hash action, or 0. */
	u32 priority;			/* skb->priority. */
	u32 skb_mark;			/* skb->mark. */
	u32 in_port;			/* Input port or OVS_PORT_NONE. */
	u8 eth_src[ETH_ALEN];		/* Ethernet source. */
	u8 eth_dst[ETH_ALEN];		/* Ethernet destination. */
	__be16 eth_type;		/* Type inside the VLAN tags. */
	__be16 vlan_tpid;		/* Outer VLAN TPID, 0 if untagged. */
	__be16 vlan_tci;		/* Outer TCI with VLAN_CFI_MASK set. */
	__be16 cvlan_tpid;		/* Inner VLAN TPID, 0 if none. */
	__be16 cvlan_tci;		/* Inner TCI with VLAN_CFI_MASK set. */
	u8 ip_proto;			/* IP protocol, or ARP opcode. */
	u8 ip_tos;			/* IPv4 TOS or IPv6 traffic class. */
	u8 ip_ttl;			/* IPv4 TTL or IPv6 hop limit. */
	u8 ip_frag;			/* OVS_FRAG_TYPE_*. */
	__be16 tcp_flags;		/* TCP flags (low 12 bits). */
	__be16 tp_src;			/* L4 source port or ICMP type. */
	__be16 tp_dst;			/* L4 dest. port or ICMP code. */
	u16 ipv6_exthdrs;		/* IPv6 extension header bits. */
	u16 pad16;			/* Always 0. */
	__be32 ipv6_label;		/* IPv6 flow label (20 bits). */
	union {
		struct {
			__be32 src;	/* IPv4 or ARP sender address. */
			__be32 dst;	/* IPv4 or ARP target address. */
		} ipv4;			/* IPv4 and ARP. */
		struct {
			struct in6_addr src;	/* Source address. */
			struct in6_addr dst;	/* Destination address. */
		} ipv6;			/* IPv6. */
	} addr;				/* L3 addresses. */
	union {
		struct {
			u8 sha[ETH_ALEN];	/* Sender hardware address. */
			u8 tha[ETH_ALEN];	/* Target hardware address. */
		} arp;			/* ARP. */
		struct {
			struct in6_addr target;	/* Target address. */
			u8 sll[ETH_ALEN];	/* Source link-layer option. */
			u8 tll[ETH_ALEN];	/* Target link-layer option. */
		} nd;			/* IPv6 neighbor discovery. */
	} l2addr;			/* Addresses inside ARP and ND. */
	u8 pad[8];			/* Always 0. */
} __aligned(sizeof(long));

/* Returns true if a key with Ethernet type 'type' has an outer VLAN tag's
 * TPID there. */
static inline bool ovs_eth_type_vlan(__be16 type)
{
	return type == htons(ETH_P_8021Q) || type == htons(ETH_P_8021AD);
}

/* The range of a mask that is not zero, in bytes, multiples of a long. */
struct ovs_key_range {
	unsigned short start;		/* First byte. */
	unsigned short end;		/* One past the last byte. */
};

/* Most bytes of a unique flow identifier. */
#define OVS_UFID_MAX_SIZE	16

/**
 * struct ovs_flow_id - how userspace names a flow.
 * @ufid_len: length of @ufid, 1 to 16, or 0 if the flow is named by the key
 *	it was created with.
 * @ufid: the unique flow identifier.
 * @unmasked_key: the key as userspace gave it, when @ufid_len is 0.
 */
struct ovs_flow_id {
	u32 ufid_len;
	union {
		u32 ufid[OVS_UFID_MAX_SIZE / 4];
		struct ovs_key *unmasked_key;
	};
};

/* The type of a set(tunnel) action in a list's copy (struct ovs_actions):
 * the nested OVS_KEY_ATTR_TUNNEL attribute's type there is the action's
 * index in the list's @tun array, so that running it finds its metadata
 * dst at once.  Userspace never sees the type: every copy of a list that
 * leaves the module (flow replies, the userspace action's
 * OVS_PACKET_ATTR_ACTIONS) goes through ovs_nla_put_action_list(), and
 * ovs_nla_copy_actions() refuses it from userspace (it is past
 * OVS_ACTION_ATTR_MAX). */
#define OVS_ACTION_ATTR_SET_TUNNEL_IDX	0x3fff

/**
 * struct ovs_tun_dst - the transmit tunnel info of one set(tunnel) action.
 * @md: a metadata dst holding the tunnel key, made at install time; every
 *	packet that the action runs on takes a reference to it.
 * @set_type: the action attribute's nla_type as userspace gave it.
 * @key_type: the nested OVS_KEY_ATTR_TUNNEL attribute's nla_type as
 *	userspace gave it.
 */
struct ovs_tun_dst {
	struct metadata_dst *md;
	u16 set_type;
	u16 key_type;
};

/**
 * struct ovs_actions - a validated list of actions.
 * @rcu: frees the list after the last reader.
 * @len: size of @actions in bytes.
 * @n_tun: number of set(tunnel) actions in the list, nested ones included.
 * @tun: their metadata dsts (@n_tun of them, after @actions in the same
 *	allocation), released with the list.
 * @actions: the OVS_ACTION_ATTR_* attributes, as userspace gave them but
 *	for the set(tunnel) actions (see OVS_ACTION_ATTR_SET_TUNNEL_IDX).
 */
struct ovs_actions {
	struct rcu_head rcu;
	u32 len;
	u32 n_tun;
	struct ovs_tun_dst *tun;
	struct nlattr actions[];
};

/* Counters of one flow on one CPU (or on the CPUs that share a flow's
 * fallback counters). */
struct flow_cpu_stats {
	u64 packets;			/* Packets matched. */
	u64 bytes;			/* Bytes matched. */
	unsigned long used;		/* Jiffies of last match, or 0. */
	__be16 tcp_flags;		/* OR of the TCP flags seen. */
	struct u64_stats_sync syncp;	/* Guards the counters on 32-bit. */
};

/**
 * struct ovs_flow - a megaflow.
 * @rcu: frees the flow after the last reader.
 * @mask_node: in its mask's hash table; one node per table version.
 * @id_node: in the table of flows by identifier; one node per version.
 * @hash: hash of @key over the mask's range, with the mask's seed.
 * @id_hash: hash of @id, with the identifier table's seed.
 * @id: the flow's name.
 * @mask: the flow's mask, shared with the flows that have the same.
 * @acts: the actions.
 * @key: the key, already masked.
 * @home_cpu: the CPU whose counters are @home, or -1 before the flow's
 *	first packet.
 * @shared_lock: serializes the writers of @shared.
 * @home: the counters of the first CPU that counted a packet of the flow,
 *	allocated with the flow.
 * @shared: counters of the CPUs that could not get their own: a CPU other
 *	than @home_cpu allocates its counters on its first packet, in the
 *	packet path (GFP_NOWAIT), and counts here, under @shared_lock, while
 *	that fails.
 * @cpu_stats: each CPU's counters (@home or its own allocation), NULL
 *	until its first packet; written only by that CPU (release), read by
 *	any (acquire).  nr_cpu_ids of them.
 *
 * A flow is written under ovs_mutex and read under RCU.
 */
struct ovs_flow {
	struct rcu_head rcu;
	struct hlist_node mask_node[2];
	struct hlist_node id_node[2];
	u32 hash;
	u32 id_hash;
	struct ovs_flow_id id;
	struct ovs_mask *mask;
	struct ovs_actions __rcu *acts;
	struct ovs_key key;
	int home_cpu;
	spinlock_t shared_lock;
	struct flow_cpu_stats home;
	struct flow_cpu_stats shared;
	struct flow_cpu_stats *cpu_stats[];
};

int ovs_flow_init(void);
void ovs_flow_exit(void);

struct ovs_flow *ovs_flow_alloc(void);
void ovs_flow_free(struct ovs_flow *flow, bool deferred);
void ovs_actions_free(struct ovs_actions *acts, bool deferred);

void ovs_flow_stats_update(struct ovs_flow *flow, __be16 tcp_flags,
			   const struct sk_buff *skb);
void ovs_flow_stats_get(const struct ovs_flow *flow,
			struct flow_cpu_stats *stats);
void ovs_flow_stats_clear(struct ovs_flow *flow);
u64 ovs_flow_used_time(unsigned long flow_jiffies);

int ovs_key_extract(struct sk_buff *skb, u32 in_port,
		    const struct ip_tunnel_info *tun_info, struct ovs_key *key);
int ovs_key_extract_userspace(struct net *net, const struct nlattr *attr,
			      struct sk_buff *skb, struct ovs_key *key,
			      bool log, struct netlink_ext_ack *extack);
int ovs_key_update(struct sk_buff *skb, struct ovs_key *key);

bool ovs_flow_id_equal(const struct ovs_flow_id *a,
		       const struct ovs_flow_id *b);
u32 ovs_flow_id_hash(const struct ovs_flow_id *id, u32 seed);

#endif /* WEFT_FLOW_H */
