/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Weft's kernel datapath: the objects every part of the module shares.
 */

#ifndef WEFT_DATAPATH_H
#define WEFT_DATAPATH_H 1

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "flow.h"
#include "flow_table.h"
#include "meter.h"
#include "vport.h"

/* Port numbers run from 0 (OVSP_LOCAL) to DP_MAX_PORTS - 1. */
#define DP_MAX_PORTS		USHRT_MAX
#define DP_VPORT_HASH_BUCKETS	1024

/* Features that userspace may ask for in OVS_DP_ATTR_USER_FEATURES. */
#define OVS_DP_F_SUPPORTED	(OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS | \
				 OVS_DP_F_DISPATCH_UPCALL_PER_CPU)

/* Counters of one datapath on one CPU. */
struct dp_stats_percpu {
	u64 n_hit;			/* Packets that matched a flow. */
	u64 n_missed;			/* Packets sent up as misses. */
	u64 n_lost;			/* Upcalls that could not be sent. */
	u64 n_mask_hit;			/* Masks tried by lookups. */
	u64 n_cache_hit;		/* Lookups the mask cache answered. */
	struct u64_stats_sync syncp;	/* Guards the counters on 32-bit. */
};

/* Upcall port ids of the per-CPU dispatch mode. */
struct dp_cpu_pids {
	struct rcu_head rcu;		/* Frees the array after readers. */
	u32 n_pids;			/* Number of entries in 'pids'. */
	u32 pids[];			/* Netlink port id per CPU number. */
};

/**
 * struct datapath - a datapath: a set of vports and a flow table.
 * @rcu: frees the datapath after the last reader.
 * @list_node: in the network namespace's &struct ovs_net.dps (ovs_mutex).
 * @table: the megaflow table.
 * @ports: DP_VPORT_HASH_BUCKETS lists of &struct vport by port number;
 *	written under ovs_mutex, read under RCU.
 * @stats: per-CPU packet counters.
 * @net: the network namespace the datapath lives in.
 * @user_features: OVS_DP_F_* bits enabled by userspace.
 * @cpu_pids: port ids of the per-CPU upcall mode, or NULL.
 * @meters: the meters.
 */
struct datapath {
	struct rcu_head rcu;
	struct list_head list_node;
	struct flow_table table;
	struct hlist_head *ports;
	struct dp_stats_percpu __percpu *stats;
	possible_net_t net;
	u32 user_features;
	struct dp_cpu_pids __rcu *cpu_pids;
	struct dp_meter_table meters;
};

/**
 * struct ovs_skb_cb - what the datapath keeps in skb->cb while it owns a
 * packet.
 * @input_vport: the vport the packet came in on; the local port for packets
 *	that userspace injects without a valid in_port.
 * @mru: largest fragment size of a reassembled packet, or 0.
 * @cutlen: bytes a truncate action cuts from the next output.
 * @probe: the packet comes from a probing execute request: log nothing.
 * @lazy_hash: the packet came in on a vport, and the datapath did not give
 *	it a hash (skb_get_hash()) when it looked it up: an upcall computes
 *	one, so that userspace gets OVS_PACKET_ATTR_HASH as before.
 */
struct ovs_skb_cb {
	struct vport *input_vport;
	u16 mru;
	u32 cutlen;
	bool probe;
	bool lazy_hash;
};

#define OVS_CB(skb) ((struct ovs_skb_cb *)(skb)->cb)

/**
 * struct dp_upcall_info - what goes into an upcall besides the packet.
 * @cmd: OVS_PACKET_CMD_MISS or OVS_PACKET_CMD_ACTION.
 * @portid: the netlink port id to send it to; 0 means nobody listens.
 * @userdata: OVS_USERSPACE_ATTR_USERDATA to copy, or NULL.
 * @actions: the actions to include, or NULL: in @acts (encoded, see
 *	ovs_nla_put_action_list()).
 * @actions_len: size of @actions in bytes.
 * @acts: the list that @actions is in, if @actions is nonnull.
 * @mru: value of OVS_PACKET_ATTR_MRU, or 0 to leave it out.
 */
struct dp_upcall_info {
	u8 cmd;
	u32 portid;
	const struct nlattr *userdata;
	const struct nlattr *actions;
	int actions_len;
	const struct ovs_actions *acts;
	u16 mru;
};

/**
 * struct ovs_net - the datapath module's state in one network namespace.
 * @dps: the namespace's datapaths (ovs_mutex).
 * @notify_work: removes vports whose device went away and tells userspace.
 * @rebalance_work: sorts each datapath's masks by use, once a second.
 */
struct ovs_net {
	struct list_head dps;
	struct work_struct notify_work;
	struct delayed_work rebalance_work;
};

extern unsigned int ovs_net_id;

/* DOC: Locking
 *
 * One mutex, ovs_mutex, serializes every change to datapaths, vports and
 * flow tables.  The packet path and dumps only read, under RCU: everything
 * they can reach is freed through call_rcu().  RTNL nests inside ovs_mutex
 * (vports create and destroy network devices); code called with RTNL held,
 * such as the netdevice notifier, must therefore never take ovs_mutex and
 * defers its work to a workqueue instead.  Per-CPU counters and caches are
 * touched with bottom halves disabled.
 */
void ovs_lock(void);
void ovs_unlock(void);

#ifdef CONFIG_LOCKDEP
int lockdep_ovsl_is_held(void);
#else
#define lockdep_ovsl_is_held()	1
#endif

#define ASSERT_OVSL()		WARN_ON(!lockdep_ovsl_is_held())
#define ovsl_dereference(p) \
	rcu_dereference_protected(p, lockdep_ovsl_is_held())
#define rcu_dereference_ovsl(p) \
	rcu_dereference_check(p, lockdep_ovsl_is_held())

static inline struct net *ovs_dp_get_net(const struct datapath *dp)
{
	return read_pnet(&dp->net);
}

/* Must be called with rcu_read_lock or ovs_mutex. */
static inline struct vport *ovs_vport_rcu(const struct datapath *dp,
					  u32 port_no)
{
	struct vport *vport;

	struct hlist_head *head;

	head = &dp->ports[port_no & (DP_VPORT_HASH_BUCKETS - 1)];
	hlist_for_each_entry_rcu(vport, head, dp_node,
				 lockdep_ovsl_is_held())
		if (vport->port_no == port_no)
			return vport;
	return NULL;
}

/* Called with ovs_mutex. */
static inline struct vport *ovs_vport_ovsl(const struct datapath *dp,
					   u32 port_no)
{
	ASSERT_OVSL();
	return ovs_vport_rcu(dp, port_no);
}

const char *ovs_dp_name(const struct datapath *dp);
struct datapath *ovs_dp_lookup(struct net *net, int dp_ifindex);
int ovs_dp_ifindex(const struct datapath *dp);
void ovs_dp_process_packet(struct sk_buff *skb, struct ovs_key *key);
int ovs_dp_upcall(struct datapath *dp, struct sk_buff *skb,
		  const struct ovs_key *key, const struct dp_upcall_info *info);
u32 ovs_dp_upcall_portid(const struct datapath *dp, struct sk_buff *skb);
void ovs_dp_detach_port(struct vport *vport);
void ovs_dp_destroy_detached(struct datapath *dp);
struct sk_buff *ovs_vport_notify_msg(struct vport *vport, u32 portid,
				     u32 seq, u8 cmd, gfp_t gfp);
void ovs_dp_notify_work(struct work_struct *work);
void ovs_vport_multicast(struct net *net, struct sk_buff *msg);

int ovs_execute_actions(struct datapath *dp, struct sk_buff *skb,
			const struct ovs_actions *acts, struct ovs_key *key);
int ovs_actions_init(void);
void ovs_actions_exit(void);

extern struct notifier_block ovs_dp_device_notifier;
extern struct genl_family dp_vport_genl_family;

/* Logs a rejected request unless it was a probe.  The message goes to the
 * kernel log at info level, rate limited. */
#define OVS_NLERR(logging_allowed, fmt, ...)			\
do {								\
	if (logging_allowed)					\
		net_info_ratelimited(fmt "\n", ##__VA_ARGS__);	\
} while (0)

#endif /* WEFT_DATAPATH_H */
