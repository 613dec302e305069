// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Weft's kernel datapath: the generic netlink families (ovs_datapath,
 * ovs_vport, ovs_flow, ovs_packet), the per-packet entry point and upcalls,
 * and the module's life cycle.
 *
 * Netlink handlers follow one pattern: check and parse the request and
 * allocate what they can before taking ovs_mutex, change state under it,
 * send notifications after releasing it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/init.h>
#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <net/sock.h>
#include <asm/unaligned.h>

#include "datapath.h"
#include "flow.h"
#include "flow_netlink.h"
#include "flow_table.h"
#include "vport.h"

unsigned int ovs_net_id __read_mostly;

static DEFINE_MUTEX(ovs_mutex);

/* Takes the mutex that serializes every change to datapaths. */
void ovs_lock(void)
{
	mutex_lock(&ovs_mutex);
}

/* Releases what ovs_lock() took. */
void ovs_unlock(void)
{
	mutex_unlock(&ovs_mutex);
}

#ifdef CONFIG_LOCKDEP
/* Returns nonzero if the caller holds ovs_mutex (for RCU checks). */
int lockdep_ovsl_is_held(void)
{
	if (debug_locks)
		return lockdep_is_held(&ovs_mutex);
	return 1;
}
#endif

static struct genl_family dp_datapath_genl_family;
static struct genl_family dp_flow_genl_family;
static struct genl_family dp_packet_genl_family;

/* An all-ones mask: actions of an execute request are checked against the
 * packet's exact key. */
static struct ovs_key exact_mask;

/* Returns the datapath's local port.  Called with ovs_mutex or
 * rcu_read_lock. */
static struct vport *dp_local(const struct datapath *dp)
{
	return ovs_vport_rcu(dp, OVSP_LOCAL);
}

/* Returns the name of 'dp', which is its local port's device's name.
 * Called with ovs_mutex or rcu_read_lock. */
const char *ovs_dp_name(const struct datapath *dp)
{
	struct vport *local = dp_local(dp);

	return local ? local->dev->name : "(destroyed)";
}

/* Returns the ifindex of the local port of 'dp', 0 if it has none left.
 * Called with ovs_mutex or rcu_read_lock. */
int ovs_dp_ifindex(const struct datapath *dp)
{
	struct vport *local = dp_local(dp);

	return local ? local->dev->ifindex : 0;
}

/* Returns the datapath whose local port has ifindex 'dp_ifindex' in 'net',
 * or NULL.  Must be called with rcu_read_lock. */
static struct datapath *get_dp_rcu(struct net *net, int dp_ifindex)
{
	struct net_device *dev = dev_get_by_index_rcu(net, dp_ifindex);
	struct vport *vport;

	if (!dev)
		return NULL;
	vport = ovs_internal_dev_get_vport(dev);
	if (!vport || vport->port_no != OVSP_LOCAL || vport->detached)
		return NULL;
	return vport->dp;
}

/* Like get_dp_rcu().  Called with ovs_mutex, which keeps the result
 * valid. */
static struct datapath *get_dp(struct net *net, int dp_ifindex)
{
	struct datapath *dp;

	rcu_read_lock();
	dp = get_dp_rcu(net, dp_ifindex);
	rcu_read_unlock();
	return dp;
}

/* Returns the datapath whose local port has ifindex 'dp_ifindex' in 'net',
 * or NULL.  Called with ovs_mutex, which keeps the result valid. */
struct datapath *ovs_dp_lookup(struct net *net, int dp_ifindex)
{
	return get_dp(net, dp_ifindex);
}

/* Sends 'skb', the reply to 'info', to the family's multicast group and,
 * if asked with NLM_F_ECHO, to the requester. */
static void ovs_notify(struct genl_family *family, struct sk_buff *skb,
		       struct genl_info *info)
{
	genl_notify(family, skb, info, 0, GFP_KERNEL);
}

/* Multicasts 'msg', a vport notification built without a request. */
void ovs_vport_multicast(struct net *net, struct sk_buff *msg)
{
	genlmsg_multicast_netns(&dp_vport_genl_family, net, msg, 0, 0,
				GFP_KERNEL);
}

/*
 * Attribute checks.  The generic netlink core parses requests liberally
 * (upstream's userspace does not flag nested attributes as such, which
 * strict parsing requires) and its policies report sizes as -ERANGE.  Each
 * family therefore has a table of attribute sizes, and a pre_doit hook
 * rejects unknown, duplicate and wrongly sized attributes with -EINVAL and
 * an extended-ack message pointing at the attribute.  The policies keep only
 * what the core checks well: NUL-terminated strings of bounded length.
 * Reply-only attributes are accepted and ignored, as the kernel's module
 * does.
 */
static const s16 datapath_sizes[OVS_DP_ATTR_MAX + 1] = {
	[OVS_DP_ATTR_NAME] = OVS_ATTR_ANY,
	[OVS_DP_ATTR_UPCALL_PID] = sizeof(u32),
	[OVS_DP_ATTR_STATS] = OVS_ATTR_ANY,
	[OVS_DP_ATTR_MEGAFLOW_STATS] = OVS_ATTR_ANY,
	[OVS_DP_ATTR_USER_FEATURES] = sizeof(u32),
	[OVS_DP_ATTR_PAD] = OVS_ATTR_ANY,
	[OVS_DP_ATTR_MASKS_CACHE_SIZE] = sizeof(u32),
	[OVS_DP_ATTR_PER_CPU_PIDS] = OVS_ATTR_U32_ARRAY,
	[OVS_DP_ATTR_IFINDEX] = sizeof(u32),
};

static const s16 vport_sizes[OVS_VPORT_ATTR_MAX + 1] = {
	[OVS_VPORT_ATTR_PORT_NO] = sizeof(u32),
	[OVS_VPORT_ATTR_TYPE] = sizeof(u32),
	[OVS_VPORT_ATTR_NAME] = OVS_ATTR_ANY,
	[OVS_VPORT_ATTR_OPTIONS] = OVS_ATTR_NESTED,
	[OVS_VPORT_ATTR_UPCALL_PID] = OVS_ATTR_U32_ARRAY,
	[OVS_VPORT_ATTR_STATS] = OVS_ATTR_ANY,
	[OVS_VPORT_ATTR_PAD] = OVS_ATTR_ANY,
	[OVS_VPORT_ATTR_IFINDEX] = sizeof(u32),
	[OVS_VPORT_ATTR_NETNSID] = sizeof(s32),
};

static const s16 flow_sizes[OVS_FLOW_ATTR_MAX + 1] = {
	[OVS_FLOW_ATTR_KEY] = OVS_ATTR_NESTED,
	[OVS_FLOW_ATTR_ACTIONS] = OVS_ATTR_NESTED,
	[OVS_FLOW_ATTR_STATS] = OVS_ATTR_ANY,
	[OVS_FLOW_ATTR_TCP_FLAGS] = OVS_ATTR_ANY,
	[OVS_FLOW_ATTR_USED] = OVS_ATTR_ANY,
	[OVS_FLOW_ATTR_CLEAR] = 0,
	[OVS_FLOW_ATTR_MASK] = OVS_ATTR_NESTED,
	[OVS_FLOW_ATTR_PROBE] = 0,
	[OVS_FLOW_ATTR_UFID] = OVS_ATTR_ANY,
	[OVS_FLOW_ATTR_UFID_FLAGS] = sizeof(u32),
	[OVS_FLOW_ATTR_PAD] = OVS_ATTR_ANY,
};

static const s16 packet_sizes[OVS_PACKET_ATTR_MAX + 1] = {
	[OVS_PACKET_ATTR_PACKET] = OVS_ATTR_ANY,
	[OVS_PACKET_ATTR_KEY] = OVS_ATTR_NESTED,
	[OVS_PACKET_ATTR_ACTIONS] = OVS_ATTR_NESTED,
	[OVS_PACKET_ATTR_USERDATA] = OVS_ATTR_ANY,
	[OVS_PACKET_ATTR_EGRESS_TUN_KEY] = OVS_ATTR_ANY,
	[OVS_PACKET_ATTR_UNUSED1] = OVS_ATTR_ANY,
	[OVS_PACKET_ATTR_UNUSED2] = OVS_ATTR_ANY,
	[OVS_PACKET_ATTR_PROBE] = 0,
	[OVS_PACKET_ATTR_MRU] = sizeof(u16),
	[OVS_PACKET_ATTR_LEN] = OVS_ATTR_ANY,
	[OVS_PACKET_ATTR_HASH] = sizeof(u64),
};

/* Checks the top-level attributes of the request 'nlh' of a family whose
 * highest attribute is 'maxtype' and whose sizes are 'sizes'. */
static int check_request(const struct nlmsghdr *nlh, int maxtype,
			 const s16 *sizes, struct netlink_ext_ack *extack)
{
	int hdrlen = GENL_HDRLEN + sizeof(struct ovs_header);

	if (nlh->nlmsg_len < nlmsg_msg_size(hdrlen)) {
		NL_SET_ERR_MSG_MOD(extack, "message shorter than its headers");
		return -EINVAL;
	}
	return ovs_nla_check_attrs(nlmsg_attrdata(nlh, hdrlen),
				   nlmsg_attrlen(nlh, hdrlen), maxtype, sizes,
				   extack);
}

/* The pre_doit hooks of the four families.  Called by the genetlink core,
 * without locks, before every doit handler. */
static int dp_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
		       struct genl_info *info)
{
	return check_request(info->nlhdr, OVS_DP_ATTR_MAX, datapath_sizes,
			     info->extack);
}

static int vport_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
			  struct genl_info *info)
{
	return check_request(info->nlhdr, OVS_VPORT_ATTR_MAX, vport_sizes,
			     info->extack);
}

static int flow_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
			 struct genl_info *info)
{
	return check_request(info->nlhdr, OVS_FLOW_ATTR_MAX, flow_sizes,
			     info->extack);
}

static int packet_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
			   struct genl_info *info)
{
	return check_request(info->nlhdr, OVS_PACKET_ATTR_MAX, packet_sizes,
			     info->extack);
}

/* ------------------------------------------------------------------------
 * The packet path.
 * ------------------------------------------------------------------------ */

/* Returns the netlink port id that should receive a miss of 'skb'.  Must
 * be called with rcu_read_lock and bottom halves disabled. */
u32 ovs_dp_upcall_portid(const struct datapath *dp, struct sk_buff *skb)
{
	if (dp->user_features & OVS_DP_F_DISPATCH_UPCALL_PER_CPU) {
		struct dp_cpu_pids *pids = rcu_dereference(dp->cpu_pids);

		if (!pids || !pids->n_pids)
			return 0;
		return pids->pids[smp_processor_id() % pids->n_pids];
	}
	return ovs_vport_find_pid(OVS_CB(skb)->input_vport, skb);
}

/* Returns the hash that picks the mask cache entry of 'skb', whose key is
 * 'key': the packet's own hash if it has one (from the device, or computed
 * earlier), else one of the key's fields that tell connections apart.  The
 * key holds the headers already: hashing a few of its words costs a small
 * fraction of skb_get_hash(), which would dissect the headers again for a
 * hash that nothing on the forwarding path needs (an upcall computes it,
 * see ovs_skb_cb's lazy_hash).  0 means "bypass the cache". */
static u32 mask_cache_hash(const struct sk_buff *skb,
			   const struct ovs_key *key)
{
	const u32 *a = (const u32 *)&key->addr;
	u32 ports;

	if (skb->l4_hash || skb->sw_hash)
		return skb->hash;

	/* IPv4 (and ARP) addresses are a[0] and a[1], IPv6 ones a[0..7]. */
	ports = (u32)(__force u16)key->tp_src << 16 |
		(__force u16)key->tp_dst;
	return jhash_3words(a[0] ^ a[2] ^ a[4] ^ a[6] ^
			    get_unaligned((const u32 *)(key->eth_src + 2)),
			    a[1] ^ a[3] ^ a[5] ^ a[7] ^
			    get_unaligned((const u32 *)(key->eth_dst + 2)),
			    ports ^ ((u32)key->ip_proto << 8),
			    key->in_port ^ key->recirc_id ^
			    (__force u16)key->eth_type) | 1;
}

/**
 * ovs_dp_process_packet - looks a packet up and runs its flow's actions.
 * @skb: the packet; OVS_CB(skb)->input_vport is set.  Consumed.
 * @key: its key.
 *
 * A packet that matches no flow goes to userspace as a miss.  Must be
 * called with rcu_read_lock and bottom halves disabled.
 */
void ovs_dp_process_packet(struct sk_buff *skb, struct ovs_key *key)
{
	struct datapath *dp = OVS_CB(skb)->input_vport->dp;
	struct dp_stats_percpu *stats = this_cpu_ptr(dp->stats);
	u32 n_mask_hit, n_cache_hit;
	struct ovs_flow *flow;
	bool hit;

	flow = ovs_flow_tbl_lookup_stats(&dp->table, key,
					 mask_cache_hash(skb, key),
					 &n_mask_hit, &n_cache_hit);
	hit = flow;
	if (likely(flow)) {
		ovs_flow_stats_update(flow, key->tcp_flags, skb);
		ovs_execute_actions(dp, skb, rcu_dereference(flow->acts), key);
	} else {
		struct dp_upcall_info upcall = {
			.cmd = OVS_PACKET_CMD_MISS,
			.portid = ovs_dp_upcall_portid(dp, skb),
			.mru = OVS_CB(skb)->mru,
		};

		if (ovs_dp_upcall(dp, skb, key, &upcall))
			kfree_skb(skb);
		else
			consume_skb(skb);
	}

	u64_stats_update_begin(&stats->syncp);
	if (hit)
		stats->n_hit++;
	else
		stats->n_missed++;
	stats->n_mask_hit += n_mask_hit;
	stats->n_cache_hit += n_cache_hit;
	u64_stats_update_end(&stats->syncp);
}

/* Returns the size of an upcall message carrying 'len' bytes of packet. */
static size_t upcall_msg_size(const struct dp_upcall_info *info,
			      unsigned int len)
{
	size_t size = NLMSG_ALIGN(sizeof(struct ovs_header))
		+ nla_total_size(len)			/* PACKET */
		+ nla_total_size(OVS_KEY_NLA_MAX_SIZE)		/* KEY */
		+ nla_total_size(sizeof(u16))			/* MRU */
		+ nla_total_size(sizeof(u32))			/* LEN */
		+ nla_total_size(sizeof(u64));			/* HASH */

	if (info->userdata)
		size += nla_total_size(nla_len(info->userdata));
	if (info->actions)
		size += nla_total_size(info->actions_len);
	return size;
}

/* Sends one upcall for 'skb', which it does not consume.  Must be called
 * with rcu_read_lock and bottom halves disabled. */
static int queue_userspace_packet(struct datapath *dp, struct sk_buff *skb,
				  const struct ovs_key *key,
				  const struct dp_upcall_info *info,
				  u32 cutlen)
{
	struct sk_buff *nskb = NULL;
	struct sk_buff *msg = NULL;
	struct ovs_header *hdr;
	struct nlattr *nla;
	unsigned int len;
	int err;

	if (skb_vlan_tag_present(skb)) {
		nskb = skb_clone(skb, GFP_ATOMIC);
		if (!nskb)
			return -ENOMEM;
		nskb = __vlan_hwaccel_push_inside(nskb);
		if (!nskb)
			return -ENOMEM;
		skb = nskb;
	}

	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		err = skb_checksum_help(skb);
		if (err)
			goto out;
	}

	len = skb->len;
	if (cutlen && cutlen < len)
		len -= cutlen;
	if (nla_attr_size(len) > USHRT_MAX) {
		err = -EFBIG;
		goto out;
	}

	msg = genlmsg_new(upcall_msg_size(info, len), GFP_ATOMIC);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put(msg, 0, 0, &dp_packet_genl_family, 0, info->cmd);
	if (!hdr) {
		err = -EMSGSIZE;
		goto out;
	}
	hdr->dp_ifindex = ovs_dp_ifindex(dp);

	err = ovs_nla_put_key(msg, OVS_PACKET_ATTR_KEY, key, key, NULL, false);
	if (err)
		goto out;
	if (info->userdata &&
	    nla_put(msg, OVS_PACKET_ATTR_USERDATA, nla_len(info->userdata),
		    nla_data(info->userdata))) {
		err = -EMSGSIZE;
		goto out;
	}
	if (info->actions &&
	    ovs_nla_put_action_list(msg, OVS_PACKET_ATTR_ACTIONS, info->actions,
				    info->actions_len, info->acts)) {
		err = -EMSGSIZE;
		goto out;
	}
	if (info->mru && nla_put_u16(msg, OVS_PACKET_ATTR_MRU, info->mru)) {
		err = -EMSGSIZE;
		goto out;
	}
	if (len != skb->len &&
	    nla_put_u32(msg, OVS_PACKET_ATTR_LEN, skb->len)) {
		err = -EMSGSIZE;
		goto out;
	}
	if (skb->hash) {
		u64 hash = skb->hash;

		if (skb->sw_hash)
			hash |= 1ULL << 32;
		if (skb->l4_hash)
			hash |= 1ULL << 33;
		if (nla_put(msg, OVS_PACKET_ATTR_HASH, sizeof(hash), &hash)) {
			err = -EMSGSIZE;
			goto out;
		}
	}

	/* The packet goes last, so that a userspace that accepts an
	 * unaligned last attribute could be handed it without padding. */
	nla = nla_reserve(msg, OVS_PACKET_ATTR_PACKET, len);
	if (!nla) {
		err = -EMSGSIZE;
		goto out;
	}
	err = skb_copy_bits(skb, 0, nla_data(nla), len);
	if (err)
		goto out;
	genlmsg_end(msg, hdr);

	err = genlmsg_unicast(ovs_dp_get_net(dp), msg, info->portid);
	msg = NULL;
out:
	kfree_skb(msg);
	consume_skb(nskb);
	return err;
}

/**
 * ovs_dp_upcall - sends a packet to userspace.
 * @dp: the datapath.
 * @skb: the packet, not consumed.  A GSO packet goes up segment by segment.
 * @key: its key.
 * @info: where to send it and what to add.
 *
 * Counts a failure as lost.  Returns 0 or a negative errno.  Must be
 * called with rcu_read_lock and bottom halves disabled.
 */
int ovs_dp_upcall(struct datapath *dp, struct sk_buff *skb,
		  const struct ovs_key *key, const struct dp_upcall_info *info)
{
	u32 cutlen = OVS_CB(skb)->cutlen;
	struct dp_stats_percpu *stats;
	int err;

	/* The hash that the lookup did not compute (mask_cache_hash()), for
	 * OVS_PACKET_ATTR_HASH, before a segmentation copies it to every
	 * segment. */
	if (OVS_CB(skb)->lazy_hash)
		skb_get_hash(skb);

	if (!info->portid) {
		err = -ENOTCONN;
		goto err_lost;
	}

	if (!skb_is_gso(skb)) {
		err = queue_userspace_packet(dp, skb, key, info, cutlen);
	} else {
		struct sk_buff *segs, *seg, *next;

		segs = __skb_gso_segment(skb, NETIF_F_SG, false);
		if (IS_ERR_OR_NULL(segs)) {
			err = segs ? PTR_ERR(segs) : -EINVAL;
			goto err_lost;
		}
		err = 0;
		skb_list_walk_safe(segs, seg, next) {
			if (!err)
				err = queue_userspace_packet(dp, seg, key, info,
							     cutlen);
			consume_skb(seg);
		}
	}
	if (!err)
		return 0;

err_lost:
	stats = this_cpu_ptr(dp->stats);
	u64_stats_update_begin(&stats->syncp);
	stats->n_lost++;
	u64_stats_update_end(&stats->syncp);
	return err;
}

/* ------------------------------------------------------------------------
 * Datapaths.
 * ------------------------------------------------------------------------ */

static const struct nla_policy datapath_policy[OVS_DP_ATTR_MAX + 1] = {
	[OVS_DP_ATTR_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

/* Sums the per-CPU counters of 'dp'.  Called with ovs_mutex or
 * rcu_read_lock. */
static void get_dp_stats(const struct datapath *dp, struct ovs_dp_stats *st,
			 struct ovs_dp_megaflow_stats *mst)
{
	int cpu;

	memset(st, 0, sizeof(*st));
	memset(mst, 0, sizeof(*mst));
	st->n_flows = READ_ONCE(dp->table.count);
	mst->n_masks = ovs_flow_tbl_num_masks(&dp->table);

	for_each_possible_cpu(cpu) {
		const struct dp_stats_percpu *s = per_cpu_ptr(dp->stats, cpu);
		struct dp_stats_percpu local;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			local = *s;
		} while (u64_stats_fetch_retry(&s->syncp, start));

		st->n_hit += local.n_hit;
		st->n_missed += local.n_missed;
		st->n_lost += local.n_lost;
		mst->n_mask_hit += local.n_mask_hit;
		mst->n_cache_hit += local.n_cache_hit;
	}
}

/* Returns the size of a datapath message. */
static size_t ovs_dp_cmd_msg_size(void)
{
	return NLMSG_ALIGN(sizeof(struct ovs_header))
		+ nla_total_size(IFNAMSIZ)
		+ nla_total_size_64bit(sizeof(struct ovs_dp_stats))
		+ nla_total_size_64bit(sizeof(struct ovs_dp_megaflow_stats))
		+ nla_total_size(sizeof(u32))		/* USER_FEATURES */
		+ nla_total_size(sizeof(u32))		/* MASKS_CACHE */
		+ nla_total_size(nr_cpu_ids * sizeof(u32)); /* PER_CPU_PIDS */
}

/* Puts a message describing 'dp'.  Called with ovs_mutex or
 * rcu_read_lock. */
static int ovs_dp_cmd_fill_info(struct datapath *dp, struct sk_buff *skb,
				u32 portid, u32 seq, u32 flags, u8 cmd)
{
	struct ovs_dp_megaflow_stats mst;
	struct dp_cpu_pids *pids;
	struct ovs_header *hdr;
	struct ovs_dp_stats st;

	hdr = genlmsg_put(skb, portid, seq, &dp_datapath_genl_family, flags,
			  cmd);
	if (!hdr)
		return -EMSGSIZE;
	hdr->dp_ifindex = ovs_dp_ifindex(dp);

	get_dp_stats(dp, &st, &mst);
	if (nla_put_string(skb, OVS_DP_ATTR_NAME, ovs_dp_name(dp)) ||
	    nla_put_64bit(skb, OVS_DP_ATTR_STATS, sizeof(st), &st,
			  OVS_DP_ATTR_PAD) ||
	    nla_put_64bit(skb, OVS_DP_ATTR_MEGAFLOW_STATS, sizeof(mst), &mst,
			  OVS_DP_ATTR_PAD) ||
	    nla_put_u32(skb, OVS_DP_ATTR_USER_FEATURES, dp->user_features) ||
	    nla_put_u32(skb, OVS_DP_ATTR_MASKS_CACHE_SIZE,
			ovs_flow_tbl_cache_size(&dp->table)))
		goto err_cancel;

	pids = rcu_dereference_ovsl(dp->cpu_pids);
	if ((dp->user_features & OVS_DP_F_DISPATCH_UPCALL_PER_CPU) && pids &&
	    nla_put(skb, OVS_DP_ATTR_PER_CPU_PIDS,
		    min_t(u32, pids->n_pids, nr_cpu_ids) * sizeof(u32),
		    pids->pids))
		goto err_cancel;

	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* Finds the datapath a request names, by OVS_DP_ATTR_NAME or else by
 * dp_ifindex.  Called with ovs_mutex. */
static struct datapath *lookup_datapath(struct net *net,
					const struct ovs_header *hdr,
					struct nlattr *a[],
					struct netlink_ext_ack *extack)
{
	struct datapath *dp = NULL;

	if (a[OVS_DP_ATTR_NAME]) {
		struct vport *vport;

		rcu_read_lock();
		vport = ovs_vport_locate(net, nla_data(a[OVS_DP_ATTR_NAME]));
		if (vport && vport->port_no == OVSP_LOCAL && !vport->detached)
			dp = vport->dp;
		rcu_read_unlock();
	} else {
		dp = get_dp(net, hdr->dp_ifindex);
	}
	if (!dp) {
		NL_SET_ERR_MSG_MOD(extack, "no such datapath");
		return ERR_PTR(-ENODEV);
	}
	return dp;
}

/* User feature bits to refuse as a module that predates them would, so
 * that userspace's fallbacks can be tested (e.g. 8: no per-CPU upcall
 * dispatch, as before Linux 5.14). */
static uint refuse_features;
module_param(refuse_features, uint, 0444);
MODULE_PARM_DESC(refuse_features,
		 "OVS_DP_F_* user feature bits to refuse (for testing)");

/* Applies the settings of a datapath NEW or SET request 'a' to 'dp', all
 * or none.  Called with ovs_mutex. */
static int ovs_dp_change(struct datapath *dp, struct nlattr *a[],
			 struct netlink_ext_ack *extack)
{
	struct dp_cpu_pids *pids = NULL, *old;
	u32 features = dp->user_features;
	int err;

	if (a[OVS_DP_ATTR_USER_FEATURES]) {
		features = nla_get_u32(a[OVS_DP_ATTR_USER_FEATURES]);
		if (features & ~(OVS_DP_F_SUPPORTED & ~refuse_features)) {
			NL_SET_ERR_MSG_ATTR(extack, a[OVS_DP_ATTR_USER_FEATURES], "unsupported user feature bits");
			return -EOPNOTSUPP;
		}
	}
	if (a[OVS_DP_ATTR_MASKS_CACHE_SIZE]) {
		u32 size = nla_get_u32(a[OVS_DP_ATTR_MASKS_CACHE_SIZE]);

		if (size > OVS_MASK_CACHE_MAX || (size & (size - 1))) {
			NL_SET_ERR_MSG_ATTR(extack, a[OVS_DP_ATTR_MASKS_CACHE_SIZE], "masks cache size must be 0 or a power of 2 up to 4096");
			return -EINVAL;
		}
	}
	if (a[OVS_DP_ATTR_PER_CPU_PIDS]) {
		const struct nlattr *nla = a[OVS_DP_ATTR_PER_CPU_PIDS];

		pids = kmalloc(sizeof(*pids) + nla_len(nla), GFP_KERNEL);
		if (!pids)
			return -ENOMEM;
		pids->n_pids = nla_len(nla) / sizeof(u32);
		memcpy(pids->pids, nla_data(nla), nla_len(nla));
	}

	if (a[OVS_DP_ATTR_MASKS_CACHE_SIZE]) {
		err = ovs_flow_tbl_cache_resize(&dp->table,
				nla_get_u32(a[OVS_DP_ATTR_MASKS_CACHE_SIZE]));
		if (err) {
			kfree(pids);
			return err;
		}
	}
	if (pids) {
		old = ovsl_dereference(dp->cpu_pids);
		rcu_assign_pointer(dp->cpu_pids, pids);
		if (old)
			kfree_rcu(old, rcu);
	}
	WRITE_ONCE(dp->user_features, features);
	return 0;
}

/* Frees a datapath after the last RCU reader. */
static void destroy_dp_rcu(struct rcu_head *rcu)
{
	struct datapath *dp = container_of(rcu, struct datapath, rcu);

	free_percpu(dp->stats);
	kfree(dp->ports);
	kfree(rcu_dereference_raw(dp->cpu_pids));
	kfree(dp);
}

/* Removes a vport from its datapath and destroys it.  Called with
 * ovs_mutex. */
void ovs_dp_detach_port(struct vport *vport)
{
	ASSERT_OVSL();
	hlist_del_rcu(&vport->dp_node);
	ovs_vport_del(vport);
}

/* Destroys 'dp': its ports, its flows, and the datapath itself once no
 * reader can see it.  Called with ovs_mutex. */
static void __dp_destroy(struct datapath *dp)
{
	struct vport *local = ovs_vport_ovsl(dp, OVSP_LOCAL);
	int i;

	for (i = 0; i < DP_VPORT_HASH_BUCKETS; i++) {
		struct hlist_node *n;
		struct vport *vport;

		hlist_for_each_entry_safe(vport, n, &dp->ports[i], dp_node)
			if (vport->port_no != OVSP_LOCAL)
				ovs_dp_detach_port(vport);
	}
	list_del_rcu(&dp->list_node);
	if (local)
		ovs_dp_detach_port(local);
	ovs_flow_tbl_destroy(&dp->table);
	ovs_meters_destroy(&dp->meters);
	call_rcu(&dp->rcu, destroy_dp_rcu);
}

/* Destroys 'dp', whose local port's device someone else unregistered, and
 * tells userspace.  Called with ovs_mutex. */
void ovs_dp_destroy_detached(struct datapath *dp)
{
	struct sk_buff *msg = genlmsg_new(ovs_dp_cmd_msg_size(), GFP_KERNEL);
	struct net *net = ovs_dp_get_net(dp);

	if (msg && ovs_dp_cmd_fill_info(dp, msg, 0, 0, 0, OVS_DP_CMD_DEL)) {
		kfree_skb(msg);
		msg = NULL;
	}
	__dp_destroy(dp);
	if (msg)
		genlmsg_multicast_netns(&dp_datapath_genl_family, net, msg, 0,
					0, GFP_KERNEL);
}

/*
 * The handlers of the ovs_datapath family.  The genetlink core calls them
 * without locks (parallel_ops); each takes ovs_mutex around its changes.
 */

/* OVS_DP_CMD_NEW: creates a datapath and its local port. */
static int ovs_dp_cmd_new(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **a = info->attrs;
	struct vport_parms parms;
	struct ovs_net *ovs_net;
	struct sk_buff *reply;
	struct datapath *dp;
	struct vport *vport;
	int err, i;

	if (!a[OVS_DP_ATTR_NAME]) {
		NL_SET_ERR_MSG_MOD(info->extack, "OVS_DP_ATTR_NAME is required");
		return -EINVAL;
	}
	if (!a[OVS_DP_ATTR_UPCALL_PID]) {
		NL_SET_ERR_MSG_MOD(info->extack, "OVS_DP_ATTR_UPCALL_PID is required");
		return -EINVAL;
	}

	reply = genlmsg_new(ovs_dp_cmd_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	err = -ENOMEM;
	dp = kzalloc(sizeof(*dp), GFP_KERNEL);
	if (!dp)
		goto err_free_reply;
	write_pnet(&dp->net, net);
	ovs_meters_init(&dp->meters);
	err = ovs_flow_tbl_init(&dp->table);
	if (err)
		goto err_free_dp;
	err = -ENOMEM;
	dp->stats = netdev_alloc_pcpu_stats(struct dp_stats_percpu);
	if (!dp->stats)
		goto err_destroy_table;
	dp->ports = kmalloc_array(DP_VPORT_HASH_BUCKETS,
				  sizeof(struct hlist_head), GFP_KERNEL);
	if (!dp->ports)
		goto err_free_stats;
	for (i = 0; i < DP_VPORT_HASH_BUCKETS; i++)
		INIT_HLIST_HEAD(&dp->ports[i]);

	parms.name = nla_data(a[OVS_DP_ATTR_NAME]);
	parms.type = OVS_VPORT_TYPE_INTERNAL;
	parms.dp = dp;
	parms.port_no = OVSP_LOCAL;
	parms.pids = a[OVS_DP_ATTR_UPCALL_PID];
	parms.ifindex = a[OVS_DP_ATTR_IFINDEX]
			? nla_get_u32(a[OVS_DP_ATTR_IFINDEX]) : 0;
	parms.extack = info->extack;
	if (parms.ifindex < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_DP_ATTR_IFINDEX], "ifindex out of range");
		err = -EINVAL;
		goto err_free_ports;
	}

	ovs_lock();
	err = ovs_dp_change(dp, a, info->extack);
	if (err)
		goto err_unlock;

	vport = ovs_vport_add(&parms);
	if (IS_ERR(vport)) {
		err = PTR_ERR(vport);
		if (err == -EBUSY)
			err = -EEXIST;
		goto err_unlock;
	}

	ovs_net = net_generic(net, ovs_net_id);
	list_add_tail_rcu(&dp->list_node, &ovs_net->dps);
	err = ovs_dp_cmd_fill_info(dp, reply, info->snd_portid, info->snd_seq,
				   0, OVS_DP_CMD_NEW);
	WARN_ON_ONCE(err < 0);
	ovs_unlock();

	ovs_notify(&dp_datapath_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	kfree(rcu_dereference_raw(dp->cpu_pids));
err_free_ports:
	kfree(dp->ports);
err_free_stats:
	free_percpu(dp->stats);
err_destroy_table:
	ovs_lock();
	ovs_flow_tbl_destroy(&dp->table);
	ovs_unlock();
err_free_dp:
	kfree(dp);
err_free_reply:
	kfree_skb(reply);
	return err;
}

/* OVS_DP_CMD_DEL: destroys a datapath with its ports and flows. */
static int ovs_dp_cmd_del(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;
	struct datapath *dp;
	int err;

	reply = genlmsg_new(ovs_dp_cmd_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	ovs_lock();
	dp = lookup_datapath(genl_info_net(info), info->userhdr, info->attrs,
			     info->extack);
	err = PTR_ERR(dp);
	if (IS_ERR(dp))
		goto err_unlock;

	err = ovs_dp_cmd_fill_info(dp, reply, info->snd_portid, info->snd_seq,
				   0, OVS_DP_CMD_DEL);
	WARN_ON_ONCE(err < 0);
	__dp_destroy(dp);
	ovs_unlock();

	ovs_notify(&dp_datapath_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	kfree_skb(reply);
	return err;
}

/* OVS_DP_CMD_SET: changes features, per-CPU pids or the mask cache. */
static int ovs_dp_cmd_set(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;
	struct datapath *dp;
	int err;

	reply = genlmsg_new(ovs_dp_cmd_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	ovs_lock();
	dp = lookup_datapath(genl_info_net(info), info->userhdr, info->attrs,
			     info->extack);
	err = PTR_ERR(dp);
	if (IS_ERR(dp))
		goto err_unlock;

	err = ovs_dp_change(dp, info->attrs, info->extack);
	if (err)
		goto err_unlock;

	err = ovs_dp_cmd_fill_info(dp, reply, info->snd_portid, info->snd_seq,
				   0, OVS_DP_CMD_SET);
	WARN_ON_ONCE(err < 0);
	ovs_unlock();

	ovs_notify(&dp_datapath_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	kfree_skb(reply);
	return err;
}

/* OVS_DP_CMD_GET: describes one datapath. */
static int ovs_dp_cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;
	struct datapath *dp;
	int err;

	reply = genlmsg_new(ovs_dp_cmd_msg_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	ovs_lock();
	dp = lookup_datapath(genl_info_net(info), info->userhdr, info->attrs,
			     info->extack);
	err = PTR_ERR(dp);
	if (IS_ERR(dp))
		goto err_unlock;
	err = ovs_dp_cmd_fill_info(dp, reply, info->snd_portid, info->snd_seq,
				   0, OVS_DP_CMD_GET);
	WARN_ON_ONCE(err < 0);
	ovs_unlock();

	return genlmsg_reply(reply, info);

err_unlock:
	ovs_unlock();
	kfree_skb(reply);
	return err;
}

/* OVS_DP_CMD_GET dump: describes every datapath of the namespace. */
static int ovs_dp_cmd_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ovs_net *ovs_net = net_generic(sock_net(skb->sk), ovs_net_id);
	struct datapath *dp;
	long skip = cb->args[0];
	long i = 0;

	ovs_lock();
	list_for_each_entry(dp, &ovs_net->dps, list_node) {
		if (i >= skip &&
		    ovs_dp_cmd_fill_info(dp, skb, NETLINK_CB(cb->skb).portid,
					 cb->nlh->nlmsg_seq, NLM_F_MULTI,
					 OVS_DP_CMD_GET) < 0)
			break;
		i++;
	}
	ovs_unlock();

	cb->args[0] = i;
	return skb->len;
}

static const struct genl_small_ops dp_datapath_genl_ops[] = {
	{ .cmd = OVS_DP_CMD_NEW,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_dp_cmd_new
	},
	{ .cmd = OVS_DP_CMD_DEL,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_dp_cmd_del
	},
	{ .cmd = OVS_DP_CMD_GET,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = 0,
	  .doit = ovs_dp_cmd_get,
	  .dumpit = ovs_dp_cmd_dump
	},
	{ .cmd = OVS_DP_CMD_SET,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_dp_cmd_set,
	},
};

static const struct genl_multicast_group ovs_dp_datapath_multicast_group = {
	.name = OVS_DATAPATH_MCGROUP,
};

static struct genl_family dp_datapath_genl_family __ro_after_init = {
	.hdrsize = sizeof(struct ovs_header),
	.name = OVS_DATAPATH_FAMILY,
	.version = OVS_DATAPATH_VERSION,
	.maxattr = OVS_DP_ATTR_MAX,
	.policy = datapath_policy,
	.netnsok = true,
	.parallel_ops = true,
	.pre_doit = dp_pre_doit,
	.small_ops = dp_datapath_genl_ops,
	.n_small_ops = ARRAY_SIZE(dp_datapath_genl_ops),
	.resv_start_op = OVS_DP_CMD_SET + 1,
	.mcgrps = &ovs_dp_datapath_multicast_group,
	.n_mcgrps = 1,
	.module = THIS_MODULE,
};

/* ------------------------------------------------------------------------
 * Vports.
 * ------------------------------------------------------------------------ */

static const struct nla_policy vport_policy[OVS_VPORT_ATTR_MAX + 1] = {
	[OVS_VPORT_ATTR_NAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

/* Returns the size of a vport message with 'n_pids' upcall port ids. */
static size_t vport_msg_size(u32 n_pids)
{
	return NLMSG_ALIGN(sizeof(struct ovs_header))
		+ nla_total_size(sizeof(u32))		/* PORT_NO */
		+ nla_total_size(sizeof(u32))		/* TYPE */
		+ nla_total_size(IFNAMSIZ)		/* NAME */
		+ nla_total_size(sizeof(u32))		/* IFINDEX */
		+ nla_total_size(sizeof(s32))		/* NETNSID */
		+ nla_total_size_64bit(sizeof(struct ovs_vport_stats))
		+ nla_total_size(n_pids * sizeof(u32));	/* UPCALL_PID */
}

/* Puts a message describing 'vport', as seen from 'net'.  Called with
 * ovs_mutex or rcu_read_lock. */
static int ovs_vport_cmd_fill_info(struct vport *vport, struct sk_buff *skb,
				   struct net *net, u32 portid, u32 seq,
				   u32 flags, u8 cmd, gfp_t gfp)
{
	struct ovs_vport_stats stats;
	struct ovs_header *hdr;

	hdr = genlmsg_put(skb, portid, seq, &dp_vport_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	hdr->dp_ifindex = ovs_dp_ifindex(vport->dp);

	if (nla_put_u32(skb, OVS_VPORT_ATTR_PORT_NO, vport->port_no) ||
	    nla_put_u32(skb, OVS_VPORT_ATTR_TYPE, vport->ops->type) ||
	    nla_put_string(skb, OVS_VPORT_ATTR_NAME, vport->dev->name) ||
	    nla_put_u32(skb, OVS_VPORT_ATTR_IFINDEX, vport->dev->ifindex))
		goto err_cancel;

	if (!net_eq(net, dev_net(vport->dev))) {
		int id = peernet2id_alloc(net, dev_net(vport->dev), gfp);

		if (nla_put_s32(skb, OVS_VPORT_ATTR_NETNSID, id))
			goto err_cancel;
	}

	ovs_vport_get_stats(vport, &stats);
	if (nla_put_64bit(skb, OVS_VPORT_ATTR_STATS, sizeof(stats), &stats,
			  OVS_VPORT_ATTR_PAD) ||
	    ovs_vport_put_pids(vport, skb))
		goto err_cancel;

	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * ovs_vport_notify_msg - builds a message describing a vport.
 * @vport: the vport.
 * @portid: netlink port id of the requester, 0 for a notification.
 * @seq: sequence number of the request.
 * @cmd: OVS_VPORT_CMD_*.
 * @gfp: allocation flags.
 *
 * Returns the message or an ERR_PTR.  Called with ovs_mutex.
 */
struct sk_buff *ovs_vport_notify_msg(struct vport *vport, u32 portid,
				     u32 seq, u8 cmd, gfp_t gfp)
{
	struct vport_pids *pids = ovsl_dereference(vport->pids);
	struct sk_buff *skb;
	int err;

	skb = genlmsg_new(vport_msg_size(pids->n_pids), gfp);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	err = ovs_vport_cmd_fill_info(vport, skb, ovs_dp_get_net(vport->dp),
				      portid, seq, 0, cmd, gfp);
	if (err) {
		kfree_skb(skb);
		return ERR_PTR(err);
	}
	return skb;
}

/* Finds the vport a request names: by OVS_VPORT_ATTR_NAME, or by dp_ifindex
 * and OVS_VPORT_ATTR_PORT_NO.  Called with ovs_mutex. */
static struct vport *lookup_vport(struct net *net,
				  const struct ovs_header *hdr,
				  struct nlattr *a[],
				  struct netlink_ext_ack *extack)
{
	struct datapath *dp;
	struct vport *vport;

	if (a[OVS_VPORT_ATTR_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, a[OVS_VPORT_ATTR_IFINDEX], "OVS_VPORT_ATTR_IFINDEX cannot select a vport");
		return ERR_PTR(-EOPNOTSUPP);
	}
	if (a[OVS_VPORT_ATTR_NAME]) {
		rcu_read_lock();
		vport = ovs_vport_locate(net, nla_data(a[OVS_VPORT_ATTR_NAME]));
		rcu_read_unlock();
		if (!vport || vport->detached ||
		    (hdr->dp_ifindex &&
		     hdr->dp_ifindex != ovs_dp_ifindex(vport->dp))) {
			NL_SET_ERR_MSG_ATTR(extack, a[OVS_VPORT_ATTR_NAME], "no vport with this name");
			return ERR_PTR(-ENODEV);
		}
		return vport;
	}
	if (a[OVS_VPORT_ATTR_PORT_NO]) {
		u32 port_no = nla_get_u32(a[OVS_VPORT_ATTR_PORT_NO]);

		if (port_no >= DP_MAX_PORTS) {
			NL_SET_ERR_MSG_ATTR(extack, a[OVS_VPORT_ATTR_PORT_NO], "port number out of range");
			return ERR_PTR(-EFBIG);
		}
		dp = get_dp(net, hdr->dp_ifindex);
		if (!dp) {
			NL_SET_ERR_MSG_MOD(extack, "no such datapath");
			return ERR_PTR(-ENODEV);
		}
		vport = ovs_vport_ovsl(dp, port_no);
		if (!vport || vport->detached) {
			NL_SET_ERR_MSG_ATTR(extack, a[OVS_VPORT_ATTR_PORT_NO], "no vport with this port number");
			return ERR_PTR(-ENODEV);
		}
		return vport;
	}
	NL_SET_ERR_MSG_MOD(extack, "OVS_VPORT_ATTR_NAME or OVS_VPORT_ATTR_PORT_NO is required");
	return ERR_PTR(-EINVAL);
}

/*
 * The handlers of the ovs_vport family, called without locks; each takes
 * ovs_mutex.
 */

/* OVS_VPORT_CMD_NEW: adds a vport to a datapath. */
static int ovs_vport_cmd_new(struct sk_buff *skb, struct genl_info *info)
{
	struct ovs_header *hdr = info->userhdr;
	struct nlattr **a = info->attrs;
	struct vport_parms parms;
	struct sk_buff *reply;
	struct datapath *dp;
	struct vport *vport;
	u32 port_no;
	int err;

	if (!a[OVS_VPORT_ATTR_NAME] || !a[OVS_VPORT_ATTR_TYPE] ||
	    !a[OVS_VPORT_ATTR_UPCALL_PID]) {
		NL_SET_ERR_MSG_MOD(info->extack, "OVS_VPORT_ATTR_NAME, _TYPE and _UPCALL_PID are required");
		return -EINVAL;
	}
	if (a[OVS_VPORT_ATTR_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_IFINDEX], "OVS_VPORT_ATTR_IFINDEX cannot be set");
		return -EOPNOTSUPP;
	}
	port_no = a[OVS_VPORT_ATTR_PORT_NO]
		  ? nla_get_u32(a[OVS_VPORT_ATTR_PORT_NO]) : 0;
	if (port_no >= DP_MAX_PORTS) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_PORT_NO], "port number out of range");
		return -EFBIG;
	}

	reply = genlmsg_new(vport_msg_size(nla_len(a[OVS_VPORT_ATTR_UPCALL_PID])
					   / sizeof(u32)), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	ovs_lock();
	dp = get_dp(genl_info_net(info), hdr->dp_ifindex);
	err = -ENODEV;
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such datapath");
		goto err_unlock;
	}

	if (port_no) {
		err = -EBUSY;
		if (ovs_vport_ovsl(dp, port_no)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_PORT_NO], "port number in use");
			goto err_unlock;
		}
	} else {
		for (port_no = 1; port_no < DP_MAX_PORTS; port_no++)
			if (!ovs_vport_ovsl(dp, port_no))
				break;
		err = -EFBIG;
		if (port_no >= DP_MAX_PORTS) {
			NL_SET_ERR_MSG_MOD(info->extack, "no free port number");
			goto err_unlock;
		}
	}

	parms.name = nla_data(a[OVS_VPORT_ATTR_NAME]);
	parms.type = nla_get_u32(a[OVS_VPORT_ATTR_TYPE]);
	parms.dp = dp;
	parms.port_no = port_no;
	parms.pids = a[OVS_VPORT_ATTR_UPCALL_PID];
	parms.ifindex = 0;
	parms.extack = info->extack;
	if (a[OVS_VPORT_ATTR_OPTIONS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_OPTIONS], "this vport type takes no options");
		err = -EOPNOTSUPP;
		if (parms.type == OVS_VPORT_TYPE_NETDEV ||
		    parms.type == OVS_VPORT_TYPE_INTERNAL)
			goto err_unlock;
	}

	vport = ovs_vport_add(&parms);
	if (IS_ERR(vport)) {
		err = PTR_ERR(vport);
		goto err_unlock;
	}
	err = ovs_vport_cmd_fill_info(vport, reply, genl_info_net(info),
				      info->snd_portid, info->snd_seq, 0,
				      OVS_VPORT_CMD_NEW, GFP_KERNEL);
	WARN_ON_ONCE(err < 0);
	ovs_unlock();

	ovs_notify(&dp_vport_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	kfree_skb(reply);
	return err;
}

/* OVS_VPORT_CMD_SET: changes a vport's upcall port ids. */
static int ovs_vport_cmd_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct sk_buff *reply;
	struct vport *vport;
	u32 n_pids;
	int err;

	ovs_lock();
	vport = lookup_vport(genl_info_net(info), info->userhdr, a,
			     info->extack);
	err = PTR_ERR(vport);
	if (IS_ERR(vport))
		goto err_unlock;

	if (a[OVS_VPORT_ATTR_TYPE] &&
	    nla_get_u32(a[OVS_VPORT_ATTR_TYPE]) != vport->ops->type) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_TYPE], "vport type cannot change");
		err = -EINVAL;
		goto err_unlock;
	}
	if (a[OVS_VPORT_ATTR_OPTIONS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[OVS_VPORT_ATTR_OPTIONS], "this vport type takes no options");
		err = -EOPNOTSUPP;
		goto err_unlock;
	}
	if (a[OVS_VPORT_ATTR_UPCALL_PID]) {
		err = ovs_vport_set_pids(vport, a[OVS_VPORT_ATTR_UPCALL_PID]);
		if (err)
			goto err_unlock;
	}

	n_pids = ovsl_dereference(vport->pids)->n_pids;
	reply = genlmsg_new(vport_msg_size(n_pids), GFP_KERNEL);
	err = -ENOMEM;
	if (!reply)
		goto err_unlock;
	err = ovs_vport_cmd_fill_info(vport, reply, genl_info_net(info),
				      info->snd_portid, info->snd_seq, 0,
				      OVS_VPORT_CMD_SET, GFP_KERNEL);
	WARN_ON_ONCE(err < 0);
	ovs_unlock();

	ovs_notify(&dp_vport_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	return err;
}

/* OVS_VPORT_CMD_DEL: removes a vport (not the local port). */
static int ovs_vport_cmd_del(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;
	struct vport *vport;
	int err;

	ovs_lock();
	vport = lookup_vport(genl_info_net(info), info->userhdr, info->attrs,
			     info->extack);
	err = PTR_ERR(vport);
	if (IS_ERR(vport))
		goto err_unlock;
	if (vport->port_no == OVSP_LOCAL) {
		NL_SET_ERR_MSG_MOD(info->extack, "the local port goes only with its datapath");
		err = -EINVAL;
		goto err_unlock;
	}

	reply = ovs_vport_notify_msg(vport, info->snd_portid, info->snd_seq,
				     OVS_VPORT_CMD_DEL, GFP_KERNEL);
	err = PTR_ERR(reply);
	if (IS_ERR(reply))
		goto err_unlock;
	ovs_dp_detach_port(vport);
	ovs_unlock();

	ovs_notify(&dp_vport_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	return err;
}

/* OVS_VPORT_CMD_GET: describes one vport. */
static int ovs_vport_cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;
	struct vport *vport;
	int err;

	ovs_lock();
	vport = lookup_vport(genl_info_net(info), info->userhdr, info->attrs,
			     info->extack);
	err = PTR_ERR(vport);
	if (IS_ERR(vport))
		goto err_unlock;
	reply = ovs_vport_notify_msg(vport, info->snd_portid, info->snd_seq,
				     OVS_VPORT_CMD_GET, GFP_KERNEL);
	err = PTR_ERR(reply);
	if (IS_ERR(reply))
		goto err_unlock;
	ovs_unlock();

	return genlmsg_reply(reply, info);

err_unlock:
	ovs_unlock();
	return err;
}

/* OVS_VPORT_CMD_GET dump: describes the vports of a datapath, under
 * rcu_read_lock. */
static int ovs_vport_cmd_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ovs_header *hdr = genlmsg_data(nlmsg_data(cb->nlh));
	int bucket = cb->args[0], skip = cb->args[1];
	struct datapath *dp;
	int i, j = 0;

	rcu_read_lock();
	dp = get_dp_rcu(sock_net(skb->sk), hdr->dp_ifindex);
	if (!dp) {
		rcu_read_unlock();
		return -ENODEV;
	}
	for (i = bucket; i < DP_VPORT_HASH_BUCKETS; i++) {
		struct vport *vport;

		j = 0;
		hlist_for_each_entry_rcu(vport, &dp->ports[i], dp_node) {
			if (j >= skip &&
			    ovs_vport_cmd_fill_info(vport, skb,
						    sock_net(skb->sk),
						    NETLINK_CB(cb->skb).portid,
						    cb->nlh->nlmsg_seq,
						    NLM_F_MULTI,
						    OVS_VPORT_CMD_GET,
						    GFP_ATOMIC) < 0)
				goto out;
			j++;
		}
		skip = 0;
	}
out:
	rcu_read_unlock();
	cb->args[0] = i;
	cb->args[1] = j;
	return skb->len;
}

static const struct genl_small_ops dp_vport_genl_ops[] = {
	{ .cmd = OVS_VPORT_CMD_NEW,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_vport_cmd_new
	},
	{ .cmd = OVS_VPORT_CMD_DEL,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_vport_cmd_del
	},
	{ .cmd = OVS_VPORT_CMD_GET,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = 0,
	  .doit = ovs_vport_cmd_get,
	  .dumpit = ovs_vport_cmd_dump
	},
	{ .cmd = OVS_VPORT_CMD_SET,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_vport_cmd_set,
	},
};

static const struct genl_multicast_group ovs_dp_vport_multicast_group = {
	.name = OVS_VPORT_MCGROUP,
};

struct genl_family dp_vport_genl_family __ro_after_init = {
	.hdrsize = sizeof(struct ovs_header),
	.name = OVS_VPORT_FAMILY,
	.version = OVS_VPORT_VERSION,
	.maxattr = OVS_VPORT_ATTR_MAX,
	.policy = vport_policy,
	.netnsok = true,
	.parallel_ops = true,
	.pre_doit = vport_pre_doit,
	.small_ops = dp_vport_genl_ops,
	.n_small_ops = ARRAY_SIZE(dp_vport_genl_ops),
	.resv_start_op = OVS_VPORT_CMD_SET + 1,
	.mcgrps = &ovs_dp_vport_multicast_group,
	.n_mcgrps = 1,
	.module = THIS_MODULE,
};

/* ------------------------------------------------------------------------
 * Flows.
 * ------------------------------------------------------------------------ */

static const struct nla_policy flow_policy[OVS_FLOW_ATTR_MAX + 1] = {
};

/* Returns the OVS_UFID_F_* flags of a request. */
static u32 get_ufid_flags(struct nlattr *a[])
{
	return a[OVS_FLOW_ATTR_UFID_FLAGS]
	       ? nla_get_u32(a[OVS_FLOW_ATTR_UFID_FLAGS]) : 0;
}

/* Returns the largest size of a flow message with 'acts_len' bytes of
 * actions. */
static size_t flow_msg_size(u32 acts_len)
{
	return NLMSG_ALIGN(sizeof(struct ovs_header))
		+ nla_total_size(OVS_KEY_NLA_MAX_SIZE)	/* KEY as name */
		+ nla_total_size(OVS_UFID_MAX_SIZE)	/* UFID */
		+ nla_total_size(OVS_KEY_NLA_MAX_SIZE)	/* KEY */
		+ nla_total_size(OVS_KEY_NLA_MAX_SIZE)	/* MASK */
		+ nla_total_size_64bit(sizeof(struct ovs_flow_stats))
		+ nla_total_size(1)			/* TCP_FLAGS */
		+ nla_total_size_64bit(8)		/* USED */
		+ nla_total_size(acts_len);		/* ACTIONS */
}

/* Puts a message describing 'flow'.  Called with ovs_mutex or
 * rcu_read_lock. */
static int ovs_flow_cmd_fill_info(const struct ovs_flow *flow, int dp_ifindex,
				  struct sk_buff *skb, u32 portid, u32 seq,
				  u32 flags, u8 cmd, u32 ufid_flags)
{
	const struct ovs_key *mask = &flow->mask->key;
	struct flow_cpu_stats st;
	struct ovs_header *hdr;
	int err;

	hdr = genlmsg_put(skb, portid, seq, &dp_flow_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	hdr->dp_ifindex = dp_ifindex;

	err = ovs_nla_put_flow_id(skb, flow);
	if (err)
		goto err_cancel;
	if (flow->id.ufid_len && !(ufid_flags & OVS_UFID_F_OMIT_KEY)) {
		err = ovs_nla_put_key(skb, OVS_FLOW_ATTR_KEY, &flow->key,
				      &flow->key, mask, false);
		if (err)
			goto err_cancel;
	}
	if (!(ufid_flags & OVS_UFID_F_OMIT_MASK)) {
		err = ovs_nla_put_key(skb, OVS_FLOW_ATTR_MASK, mask,
				      &flow->key, mask, true);
		if (err)
			goto err_cancel;
	}

	ovs_flow_stats_get(flow, &st);
	err = -EMSGSIZE;
	if (st.used &&
	    nla_put_u64_64bit(skb, OVS_FLOW_ATTR_USED,
			      ovs_flow_used_time(st.used), OVS_FLOW_ATTR_PAD))
		goto err_cancel;
	if (st.packets) {
		struct ovs_flow_stats s = {
			.n_packets = st.packets,
			.n_bytes = st.bytes,
		};

		if (nla_put_64bit(skb, OVS_FLOW_ATTR_STATS, sizeof(s), &s,
				  OVS_FLOW_ATTR_PAD))
			goto err_cancel;
	}
	if ((u8)ntohs(st.tcp_flags) &&
	    nla_put_u8(skb, OVS_FLOW_ATTR_TCP_FLAGS, (u8)ntohs(st.tcp_flags)))
		goto err_cancel;

	if (!(ufid_flags & OVS_UFID_F_OMIT_ACTIONS)) {
		err = ovs_nla_put_actions(skb,
					  rcu_dereference_ovsl(flow->acts));
		if (err)
			goto err_cancel;
	}

	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return err;
}

/* Returns true if a reply to 'info' is wanted: the requester asked for an
 * echo, or someone listens to the flow multicast group. */
static bool flow_reply_wanted(struct genl_info *info)
{
	return (info->nlhdr->nlmsg_flags & NLM_F_ECHO) ||
	       genl_has_listeners(&dp_flow_genl_family, genl_info_net(info), 0);
}

/* Builds the reply about 'flow' for 'info', or returns NULL if none is
 * wanted or memory is short (the change stands anyway).  Called with
 * ovs_mutex. */
static struct sk_buff *flow_reply(const struct ovs_flow *flow, int dp_ifindex,
				  struct genl_info *info, u8 cmd,
				  u32 ufid_flags, bool always)
{
	const struct ovs_actions *acts = ovsl_dereference(flow->acts);
	struct sk_buff *skb;

	if (!always && !flow_reply_wanted(info))
		return NULL;
	skb = genlmsg_new(flow_msg_size(acts->len), GFP_KERNEL);
	if (!skb)
		return NULL;
	if (ovs_flow_cmd_fill_info(flow, dp_ifindex, skb, info->snd_portid,
				   info->snd_seq, 0, cmd, ufid_flags)) {
		WARN_ON_ONCE(1);
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/* Sets 'id' from the request: its UFID, else a copy of 'key'. */
static int get_flow_id(struct nlattr *a[], const struct ovs_key *key,
		       struct ovs_flow_id *id, bool log,
		       struct netlink_ext_ack *extack)
{
	if (a[OVS_FLOW_ATTR_UFID])
		return ovs_nla_get_ufid(a[OVS_FLOW_ATTR_UFID], id, log, extack);
	id->ufid_len = 0;
	id->unmasked_key = kmemdup(key, sizeof(*key), GFP_KERNEL);
	return id->unmasked_key ? 0 : -ENOMEM;
}

/* Frees what get_flow_id() allocated. */
static void put_flow_id(struct ovs_flow_id *id)
{
	if (!id->ufid_len)
		kfree(id->unmasked_key);
}

/* Returns true if 'flow' has mask 'mask' and masked key 'key'. */
static bool flow_matches(const struct ovs_flow *flow, const struct ovs_key *key,
			 const struct ovs_key *mask)
{
	return ovs_key_equal(&flow->key, key) &&
	       ovs_key_equal(&flow->mask->key, mask);
}

/* Returns the first flow that 'key' would hit, ignoring the mask cache.
 * Called with ovs_mutex. */
static struct ovs_flow *flow_lookup_key(struct flow_table *table,
					const struct ovs_key *key)
{
	u32 n_mask_hit, n_cache_hit;
	struct ovs_flow *flow;

	rcu_read_lock();
	flow = ovs_flow_tbl_lookup_stats(table, key, 0, &n_mask_hit,
					 &n_cache_hit);
	rcu_read_unlock();
	return flow;
}

/*
 * The handlers of the ovs_flow family, called without locks: they parse
 * and validate keys, masks and actions first, then take ovs_mutex.
 */

/* OVS_FLOW_CMD_NEW: installs a flow, or replaces the actions of the same
 * flow unless NLM_F_CREATE or NLM_F_EXCL is set. */
static int ovs_flow_cmd_new(struct sk_buff *skb, struct genl_info *info)
{
	struct ovs_header *hdr = info->userhdr;
	struct nlattr **a = info->attrs;
	bool log = !a[OVS_FLOW_ATTR_PROBE];
	struct ovs_flow *new_flow, *flow;
	struct ovs_key key, mask;
	struct ovs_actions *acts;
	struct sk_buff *reply;
	struct datapath *dp;
	int err;

	if (!a[OVS_FLOW_ATTR_KEY]) {
		NL_SET_ERR_MSG_MOD(info->extack, "OVS_FLOW_ATTR_KEY is required");
		return -EINVAL;
	}
	if (!a[OVS_FLOW_ATTR_ACTIONS]) {
		NL_SET_ERR_MSG_MOD(info->extack, "OVS_FLOW_ATTR_ACTIONS is required");
		return -EINVAL;
	}

	new_flow = ovs_flow_alloc();
	if (!new_flow)
		return -ENOMEM;
	err = ovs_nla_get_match(a[OVS_FLOW_ATTR_KEY], a[OVS_FLOW_ATTR_MASK],
				&key, &mask, log, info->extack);
	if (err)
		goto err_free_flow;
	ovs_key_mask(&new_flow->key, &key, &mask);
	err = get_flow_id(a, &key, &new_flow->id, log, info->extack);
	if (err)
		goto err_free_flow;
	err = ovs_nla_copy_actions(a[OVS_FLOW_ATTR_ACTIONS], &new_flow->key,
				   &mask, &acts, log, info->extack);
	if (err)
		goto err_free_flow;

	ovs_lock();
	dp = get_dp(genl_info_net(info), hdr->dp_ifindex);
	err = -ENODEV;
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such datapath");
		goto err_unlock;
	}

	flow = NULL;
	if (new_flow->id.ufid_len)
		flow = ovs_flow_tbl_lookup_id(&dp->table, &new_flow->id);
	if (!flow)
		flow = flow_lookup_key(&dp->table, &key);

	if (!flow) {
		rcu_assign_pointer(new_flow->acts, acts);
		err = ovs_flow_tbl_insert(&dp->table, new_flow, &mask);
		if (err) {
			RCU_INIT_POINTER(new_flow->acts, NULL);
			goto err_unlock;
		}
		reply = flow_reply(new_flow, hdr->dp_ifindex, info,
				   OVS_FLOW_CMD_NEW, get_ufid_flags(a), false);
		ovs_unlock();
	} else {
		struct ovs_actions *old;

		/* NLM_F_CREATE (or NLM_F_EXCL) asks for a new flow only. */
		err = -EEXIST;
		if (info->nlhdr->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL))
			goto err_unlock;

		/* An update must name the flow exactly. */
		if (!flow_matches(flow, &new_flow->key, &mask)) {
			if (!flow->id.ufid_len)
				flow = ovs_flow_tbl_lookup_exact(&dp->table,
								 &new_flow->key,
								 &mask);
			else
				flow = NULL;
			if (!flow ||
			    !ovs_flow_id_equal(&flow->id, &new_flow->id)) {
				NL_SET_ERR_MSG_MOD(info->extack, "an overlapping flow exists with another match");
				err = -ENOENT;
				goto err_unlock;
			}
		}
		old = ovsl_dereference(flow->acts);
		rcu_assign_pointer(flow->acts, acts);
		reply = flow_reply(flow, hdr->dp_ifindex, info,
				   OVS_FLOW_CMD_NEW, get_ufid_flags(a), false);
		ovs_unlock();
		ovs_actions_free(old, true);
		ovs_flow_free(new_flow, false);
	}

	if (reply)
		ovs_notify(&dp_flow_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	ovs_actions_free(acts, false);
err_free_flow:
	ovs_flow_free(new_flow, false);
	return err;
}

/* Reads the flow identifier, and key and mask if given, of a SET, GET or
 * DEL request. */
static int parse_flow_request(struct nlattr *a[], struct ovs_flow_id *id,
			      struct ovs_key *key, struct ovs_key *mask,
			      bool log, struct netlink_ext_ack *extack)
{
	int err;

	if (a[OVS_FLOW_ATTR_KEY]) {
		err = ovs_nla_get_match(a[OVS_FLOW_ATTR_KEY],
					a[OVS_FLOW_ATTR_MASK], key, mask, log,
					extack);
		if (err)
			return err;
	} else if (!a[OVS_FLOW_ATTR_UFID]) {
		NL_SET_ERR_MSG_MOD(extack, "OVS_FLOW_ATTR_KEY or OVS_FLOW_ATTR_UFID is required");
		return -EINVAL;
	}
	return get_flow_id(a, key, id, log, extack);
}

/* OVS_FLOW_CMD_SET: replaces a flow's actions and/or clears its stats. */
static int ovs_flow_cmd_set(struct sk_buff *skb, struct genl_info *info)
{
	struct ovs_header *hdr = info->userhdr;
	struct nlattr **a = info->attrs;
	bool log = !a[OVS_FLOW_ATTR_PROBE];
	struct ovs_actions *acts = NULL, *old = NULL;
	struct ovs_key key, mask, masked;
	struct sk_buff *reply;
	struct ovs_flow_id id;
	struct ovs_flow *flow;
	struct datapath *dp;
	int err;

	err = parse_flow_request(a, &id, &key, &mask, log, info->extack);
	if (err)
		return err;
	if (a[OVS_FLOW_ATTR_ACTIONS]) {
		if (!a[OVS_FLOW_ATTR_KEY]) {
			NL_SET_ERR_MSG_MOD(info->extack, "new actions need OVS_FLOW_ATTR_KEY to be checked against");
			err = -EINVAL;
			goto err_put_id;
		}
		ovs_key_mask(&masked, &key, &mask);
		err = ovs_nla_copy_actions(a[OVS_FLOW_ATTR_ACTIONS], &masked,
					   &mask, &acts, log, info->extack);
		if (err)
			goto err_put_id;
	}

	ovs_lock();
	dp = get_dp(genl_info_net(info), hdr->dp_ifindex);
	err = -ENODEV;
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such datapath");
		goto err_unlock;
	}
	flow = ovs_flow_tbl_lookup_id(&dp->table, &id);
	err = -ENOENT;
	if (!flow) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such flow");
		goto err_unlock;
	}
	if (acts) {
		if (!flow_matches(flow, &masked, &mask)) {
			NL_SET_ERR_MSG_MOD(info->extack, "key and mask differ from the flow's");
			err = -EINVAL;
			goto err_unlock;
		}
		old = ovsl_dereference(flow->acts);
		rcu_assign_pointer(flow->acts, acts);
		acts = NULL;
	}
	if (a[OVS_FLOW_ATTR_CLEAR])
		ovs_flow_stats_clear(flow);
	reply = flow_reply(flow, hdr->dp_ifindex, info, OVS_FLOW_CMD_SET,
			   get_ufid_flags(a), false);
	ovs_unlock();

	ovs_actions_free(old, true);
	put_flow_id(&id);
	if (reply)
		ovs_notify(&dp_flow_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	ovs_actions_free(acts, false);
err_put_id:
	put_flow_id(&id);
	return err;
}

/* OVS_FLOW_CMD_GET: describes one flow. */
static int ovs_flow_cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	struct ovs_header *hdr = info->userhdr;
	struct nlattr **a = info->attrs;
	bool log = !a[OVS_FLOW_ATTR_PROBE];
	struct sk_buff *reply = NULL;
	struct ovs_key key, mask;
	struct ovs_flow_id id;
	struct ovs_flow *flow;
	struct datapath *dp;
	int err;

	err = parse_flow_request(a, &id, &key, &mask, log, info->extack);
	if (err)
		return err;

	ovs_lock();
	dp = get_dp(genl_info_net(info), hdr->dp_ifindex);
	err = -ENODEV;
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such datapath");
		goto out_unlock;
	}
	flow = ovs_flow_tbl_lookup_id(&dp->table, &id);
	err = -ENOENT;
	if (!flow) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such flow");
		goto out_unlock;
	}
	reply = flow_reply(flow, hdr->dp_ifindex, info, OVS_FLOW_CMD_GET,
			   get_ufid_flags(a), true);
	err = reply ? 0 : -ENOMEM;
out_unlock:
	ovs_unlock();
	put_flow_id(&id);
	return reply ? genlmsg_reply(reply, info) : err;
}

/* OVS_FLOW_CMD_DEL: deletes one flow, or every flow if none is named. */
static int ovs_flow_cmd_del(struct sk_buff *skb, struct genl_info *info)
{
	struct ovs_header *hdr = info->userhdr;
	struct nlattr **a = info->attrs;
	bool log = !a[OVS_FLOW_ATTR_PROBE];
	struct sk_buff *reply;
	struct ovs_key key, mask;
	struct ovs_flow_id id;
	struct ovs_flow *flow;
	struct datapath *dp;
	int err;

	if (!a[OVS_FLOW_ATTR_KEY] && !a[OVS_FLOW_ATTR_UFID]) {
		/* No flow named: delete them all. */
		ovs_lock();
		dp = get_dp(genl_info_net(info), hdr->dp_ifindex);
		if (dp)
			ovs_flow_tbl_flush(&dp->table);
		else
			NL_SET_ERR_MSG_MOD(info->extack, "no such datapath");
		ovs_unlock();
		return dp ? 0 : -ENODEV;
	}

	err = parse_flow_request(a, &id, &key, &mask, log, info->extack);
	if (err)
		return err;

	ovs_lock();
	dp = get_dp(genl_info_net(info), hdr->dp_ifindex);
	err = -ENODEV;
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such datapath");
		goto err_unlock;
	}
	flow = ovs_flow_tbl_lookup_id(&dp->table, &id);
	err = -ENOENT;
	if (!flow) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such flow");
		goto err_unlock;
	}
	reply = flow_reply(flow, hdr->dp_ifindex, info, OVS_FLOW_CMD_DEL,
			   get_ufid_flags(a), false);
	ovs_flow_tbl_remove(&dp->table, flow);
	ovs_unlock();

	ovs_flow_free(flow, true);
	put_flow_id(&id);
	if (reply)
		ovs_notify(&dp_flow_genl_family, reply, info);
	return 0;

err_unlock:
	ovs_unlock();
	put_flow_id(&id);
	return err;
}

/* OVS_FLOW_CMD_GET dump: describes the flows of a datapath, under
 * rcu_read_lock. */
static int ovs_flow_cmd_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ovs_header *hdr = genlmsg_data(nlmsg_data(cb->nlh));
	struct nlattr *a[OVS_FLOW_ATTR_MAX + 1];
	struct datapath *dp;
	u32 ufid_flags;
	int err;

	err = check_request(cb->nlh, OVS_FLOW_ATTR_MAX, flow_sizes, cb->extack);
	if (err)
		return err;
	err = genlmsg_parse_deprecated(cb->nlh, &dp_flow_genl_family, a,
				       OVS_FLOW_ATTR_MAX, flow_policy, NULL);
	if (err)
		return err;
	ufid_flags = get_ufid_flags(a);

	rcu_read_lock();
	dp = get_dp_rcu(sock_net(skb->sk), hdr->dp_ifindex);
	if (!dp) {
		rcu_read_unlock();
		return -ENODEV;
	}
	for (;;) {
		u32 bucket = cb->args[0], idx = cb->args[1];
		struct ovs_flow *flow;

		flow = ovs_flow_tbl_dump_next(&dp->table, &bucket, &idx);
		if (!flow)
			break;
		if (ovs_flow_cmd_fill_info(flow, hdr->dp_ifindex, skb,
					   NETLINK_CB(cb->skb).portid,
					   cb->nlh->nlmsg_seq, NLM_F_MULTI,
					   OVS_FLOW_CMD_GET, ufid_flags) < 0)
			break;
		cb->args[0] = bucket;
		cb->args[1] = idx;
	}
	rcu_read_unlock();
	return skb->len;
}

static const struct genl_small_ops dp_flow_genl_ops[] = {
	{ .cmd = OVS_FLOW_CMD_NEW,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_flow_cmd_new
	},
	{ .cmd = OVS_FLOW_CMD_DEL,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_flow_cmd_del
	},
	{ .cmd = OVS_FLOW_CMD_GET,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = 0,
	  .doit = ovs_flow_cmd_get,
	  .dumpit = ovs_flow_cmd_dump
	},
	{ .cmd = OVS_FLOW_CMD_SET,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_flow_cmd_set,
	},
};

static const struct genl_multicast_group ovs_dp_flow_multicast_group = {
	.name = OVS_FLOW_MCGROUP,
};

static struct genl_family dp_flow_genl_family __ro_after_init = {
	.hdrsize = sizeof(struct ovs_header),
	.name = OVS_FLOW_FAMILY,
	.version = OVS_FLOW_VERSION,
	.maxattr = OVS_FLOW_ATTR_MAX,
	.policy = flow_policy,
	.netnsok = true,
	.parallel_ops = true,
	.pre_doit = flow_pre_doit,
	.small_ops = dp_flow_genl_ops,
	.n_small_ops = ARRAY_SIZE(dp_flow_genl_ops),
	.resv_start_op = OVS_FLOW_CMD_SET + 1,
	.mcgrps = &ovs_dp_flow_multicast_group,
	.n_mcgrps = 1,
	.module = THIS_MODULE,
};

/* ------------------------------------------------------------------------
 * Packets.
 * ------------------------------------------------------------------------ */

static const struct nla_policy packet_policy[OVS_PACKET_ATTR_MAX + 1] = {
};

/* OVS_PACKET_CMD_EXECUTE: runs actions on a packet from userspace.  Called
 * without locks; runs the actions under rcu_read_lock with bottom halves
 * disabled. */
static int ovs_packet_cmd_execute(struct sk_buff *skb, struct genl_info *info)
{
	struct ovs_header *hdr = info->userhdr;
	struct net *net = genl_info_net(info);
	struct nlattr **a = info->attrs;
	bool log = !a[OVS_PACKET_ATTR_PROBE];
	struct ovs_actions *acts;
	struct sk_buff *packet;
	struct vport *input;
	struct datapath *dp;
	struct ovs_key key;
	int len, err;

	if (!a[OVS_PACKET_ATTR_PACKET] || !a[OVS_PACKET_ATTR_KEY] ||
	    !a[OVS_PACKET_ATTR_ACTIONS]) {
		NL_SET_ERR_MSG_MOD(info->extack, "OVS_PACKET_ATTR_PACKET, _KEY and _ACTIONS are required");
		return -EINVAL;
	}

	len = nla_len(a[OVS_PACKET_ATTR_PACKET]);
	packet = __dev_alloc_skb(NET_IP_ALIGN + len, GFP_KERNEL);
	if (!packet)
		return -ENOMEM;
	skb_reserve(packet, NET_IP_ALIGN);
	nla_memcpy(__skb_put(packet, len), a[OVS_PACKET_ATTR_PACKET], len);

	if (a[OVS_PACKET_ATTR_MRU]) {
		u16 mru = nla_get_u16(a[OVS_PACKET_ATTR_MRU]);

		if (mru && mru < packet->len)
			packet->ignore_df = 1;
		OVS_CB(packet)->mru = mru;
	} else {
		OVS_CB(packet)->mru = 0;
	}
	if (a[OVS_PACKET_ATTR_HASH]) {
		u64 hash = nla_get_u64(a[OVS_PACKET_ATTR_HASH]);

		__skb_set_hash(packet, hash & 0xffffffff,
			       !!(hash & (1ULL << 32)),
			       !!(hash & (1ULL << 33)));
	}

	err = ovs_key_extract_userspace(net, a[OVS_PACKET_ATTR_KEY], packet,
					&key, log, info->extack);
	if (err)
		goto err_free_packet;
	err = ovs_nla_copy_actions(a[OVS_PACKET_ATTR_ACTIONS], &key,
				   &exact_mask, &acts, log, info->extack);
	if (err)
		goto err_free_packet;

	rcu_read_lock();
	dp = get_dp_rcu(net, hdr->dp_ifindex);
	err = -ENODEV;
	if (!dp) {
		NL_SET_ERR_MSG_MOD(info->extack, "no such datapath");
		goto err_unlock;
	}
	input = key.in_port != OVS_PORT_NONE ? ovs_vport_rcu(dp, key.in_port)
					     : NULL;
	if (!input)
		input = ovs_vport_rcu(dp, OVSP_LOCAL);
	if (!input)
		goto err_unlock;

	packet->dev = input->dev;
	OVS_CB(packet)->input_vport = input;
	OVS_CB(packet)->cutlen = 0;
	OVS_CB(packet)->probe = !log;
	OVS_CB(packet)->lazy_hash = false;

	local_bh_disable();
	err = ovs_execute_actions(dp, packet, acts, &key);
	local_bh_enable();
	rcu_read_unlock();

	ovs_actions_free(acts, false);
	return err;

err_unlock:
	rcu_read_unlock();
	ovs_actions_free(acts, false);
err_free_packet:
	kfree_skb(packet);
	return err;
}

static const struct genl_small_ops dp_packet_genl_ops[] = {
	{ .cmd = OVS_PACKET_CMD_EXECUTE,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_packet_cmd_execute
	}
};

static struct genl_family dp_packet_genl_family __ro_after_init = {
	.hdrsize = sizeof(struct ovs_header),
	.name = OVS_PACKET_FAMILY,
	.version = OVS_PACKET_VERSION,
	.maxattr = OVS_PACKET_ATTR_MAX,
	.policy = packet_policy,
	.netnsok = true,
	.parallel_ops = true,
	.pre_doit = packet_pre_doit,
	.small_ops = dp_packet_genl_ops,
	.n_small_ops = ARRAY_SIZE(dp_packet_genl_ops),
	.resv_start_op = OVS_PACKET_CMD_EXECUTE + 1,
	.module = THIS_MODULE,
};

/* ------------------------------------------------------------------------
 * Module and namespaces.
 * ------------------------------------------------------------------------ */

static struct genl_family * const dp_genl_families[] = {
	&dp_datapath_genl_family,
	&dp_vport_genl_family,
	&dp_flow_genl_family,
	&dp_packet_genl_family,
	&dp_meter_genl_family,
};

/* Unregisters the first 'n_families' families. */
static void dp_unregister_genl(int n_families)
{
	int i;

	for (i = 0; i < n_families; i++)
		genl_unregister_family(dp_genl_families[i]);
}

/* Registers the families. */
static int __init dp_register_genl(void)
{
	int err, i;

	for (i = 0; i < ARRAY_SIZE(dp_genl_families); i++) {
		err = genl_register_family(dp_genl_families[i]);
		if (err) {
			dp_unregister_genl(i);
			return err;
		}
	}
	return 0;
}

#define OVS_REBALANCE_INTERVAL	HZ

/* Puts the busiest masks of every datapath of a namespace first, then runs
 * again a second later.  Takes ovs_mutex. */
static void ovs_rebalance_work(struct work_struct *work)
{
	struct ovs_net *ovs_net = container_of(to_delayed_work(work),
					       struct ovs_net, rebalance_work);
	struct datapath *dp;

	ovs_lock();
	list_for_each_entry(dp, &ovs_net->dps, list_node)
		ovs_flow_tbl_rebalance(&dp->table);
	ovs_unlock();
	schedule_delayed_work(&ovs_net->rebalance_work,
			      OVS_REBALANCE_INTERVAL);
}

/* Sets up a network namespace. */
static int __net_init ovs_init_net(struct net *net)
{
	struct ovs_net *ovs_net = net_generic(net, ovs_net_id);

	INIT_LIST_HEAD(&ovs_net->dps);
	INIT_WORK(&ovs_net->notify_work, ovs_dp_notify_work);
	INIT_DELAYED_WORK(&ovs_net->rebalance_work, ovs_rebalance_work);
	schedule_delayed_work(&ovs_net->rebalance_work,
			      OVS_REBALANCE_INTERVAL);
	return 0;
}

/* Destroys the datapaths of a namespace that goes away (or of every
 * namespace when the module unloads).  Takes ovs_mutex. */
static void __net_exit ovs_exit_net(struct net *net)
{
	struct ovs_net *ovs_net = net_generic(net, ovs_net_id);
	struct datapath *dp, *next;

	cancel_delayed_work_sync(&ovs_net->rebalance_work);
	ovs_lock();
	list_for_each_entry_safe(dp, next, &ovs_net->dps, list_node)
		__dp_destroy(dp);
	ovs_unlock();
	cancel_work_sync(&ovs_net->notify_work);
}

static struct pernet_operations ovs_net_ops = {
	.init = ovs_init_net,
	.exit = ovs_exit_net,
	.id = &ovs_net_id,
	.size = sizeof(struct ovs_net),
};

/* Module load. */
static int __init dp_init(void)
{
	int err;

	BUILD_BUG_ON(sizeof(struct ovs_skb_cb) >
		     sizeof_field(struct sk_buff, cb));
	memset(&exact_mask, 0xff, sizeof(exact_mask));

	err = ovs_actions_init();
	if (err)
		goto err;
	err = ovs_flow_init();
	if (err)
		goto err_actions_exit;
	err = ovs_internal_dev_rtnl_link_register();
	if (err)
		goto err_flow_exit;
	err = register_netdevice_notifier(&ovs_dp_device_notifier);
	if (err)
		goto err_link_unregister;
	err = register_pernet_device(&ovs_net_ops);
	if (err)
		goto err_notifier_unregister;
	err = dp_register_genl();
	if (err)
		goto err_pernet_unregister;

	pr_info("Weft datapath loaded\n");
	return 0;

err_pernet_unregister:
	unregister_pernet_device(&ovs_net_ops);
err_notifier_unregister:
	unregister_netdevice_notifier(&ovs_dp_device_notifier);
err_link_unregister:
	ovs_internal_dev_rtnl_link_unregister();
err_flow_exit:
	ovs_flow_exit();
err_actions_exit:
	ovs_actions_exit();
err:
	pr_err("cannot load the datapath: %d\n", err);
	return err;
}

/* Module unload: every datapath is destroyed. */
static void __exit dp_exit(void)
{
	dp_unregister_genl(ARRAY_SIZE(dp_genl_families));
	/* The datapaths go first: unregistering the notifier replays
	 * NETDEV_UNREGISTER for every device, which would detach their vports
	 * from devices that must still be destroyed. */
	unregister_pernet_device(&ovs_net_ops);
	unregister_netdevice_notifier(&ovs_dp_device_notifier);
	rcu_barrier();
	ovs_internal_dev_rtnl_link_unregister();
	ovs_flow_exit();
	ovs_actions_exit();
	pr_info("Weft datapath unloaded\n");
}

module_init(dp_init);
module_exit(dp_exit);

MODULE_DESCRIPTION("Weft switching datapath (Open vSwitch compatible)");
MODULE_LICENSE("GPL");
MODULE_ALIAS_GENL_FAMILY(OVS_DATAPATH_FAMILY);
MODULE_ALIAS_GENL_FAMILY(OVS_VPORT_FAMILY);
MODULE_ALIAS_GENL_FAMILY(OVS_FLOW_FAMILY);
MODULE_ALIAS_GENL_FAMILY(OVS_PACKET_FAMILY);
MODULE_ALIAS_GENL_FAMILY(OVS_METER_FAMILY);
MODULE_ALIAS_RTNL_LINK("openvswitch");
