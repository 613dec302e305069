// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * What every kind of vport shares: creation by type, upcall port ids,
 * statistics, and the way packets enter and leave the datapath.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/reciprocal_div.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/dst_metadata.h>

#include "datapath.h"
#include "vport.h"

/* Sets the upcall port ids of 'vport' from the u32 array 'nla', or to a
 * single 0 (no upcalls) if 'nla' is NULL.  Returns 0, -EINVAL or -ENOMEM.
 * Called with ovs_mutex. */
int ovs_vport_set_pids(struct vport *vport, const struct nlattr *nla)
{
	struct vport_pids *old = rcu_dereference_protected(vport->pids, true);
	u32 n = nla ? nla_len(nla) / sizeof(u32) : 1;
	struct vport_pids *pids;

	if (nla && (!nla_len(nla) || nla_len(nla) % sizeof(u32)))
		return -EINVAL;
	pids = kmalloc(struct_size(pids, pids, n), GFP_KERNEL);
	if (!pids)
		return -ENOMEM;
	pids->n_pids = n;
	if (nla)
		memcpy(pids->pids, nla_data(nla), n * sizeof(u32));
	else
		pids->pids[0] = 0;
	rcu_assign_pointer(vport->pids, pids);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

/* Puts OVS_VPORT_ATTR_UPCALL_PID: the whole array if userspace asked for
 * OVS_DP_F_VPORT_PIDS, else the first port id.  Called with ovs_mutex or
 * rcu_read_lock. */
int ovs_vport_put_pids(const struct vport *vport, struct sk_buff *skb)
{
	struct vport_pids *pids = rcu_dereference_ovsl(vport->pids);

	if (vport->dp->user_features & OVS_DP_F_VPORT_PIDS)
		return nla_put(skb, OVS_VPORT_ATTR_UPCALL_PID,
			       pids->n_pids * sizeof(u32), pids->pids);
	return nla_put_u32(skb, OVS_VPORT_ATTR_UPCALL_PID, pids->pids[0]);
}

/* Returns the port id that gets the misses of 'skb' received on 'vport':
 * one of its port ids chosen by the packet's hash, so that a connection
 * always goes to the same one.  Must be called with rcu_read_lock. */
u32 ovs_vport_find_pid(const struct vport *vport, struct sk_buff *skb)
{
	struct vport_pids *pids = rcu_dereference(vport->pids);

	if (pids->n_pids == 1)
		return pids->pids[0];
	return pids->pids[reciprocal_scale(skb_get_hash(skb), pids->n_pids)];
}

/**
 * ovs_vport_alloc - allocates the common part of a vport.
 * @ops: the vport's kind.
 * @parms: the creation parameters.
 *
 * Returns the vport, without a device yet, or an ERR_PTR.
 */
struct vport *ovs_vport_alloc(const struct vport_ops *ops,
			      const struct vport_parms *parms)
{
	struct vport *vport;
	int err;

	vport = kzalloc(sizeof(*vport), GFP_KERNEL);
	if (!vport)
		return ERR_PTR(-ENOMEM);
	vport->dp = parms->dp;
	vport->port_no = parms->port_no;
	vport->ops = ops;
	INIT_HLIST_NODE(&vport->dp_node);
	err = ovs_vport_set_pids(vport, parms->pids);
	if (err) {
		kfree(vport);
		return ERR_PTR(err);
	}
	return vport;
}

/* Frees a vport that was never visible to readers. */
void ovs_vport_free(struct vport *vport)
{
	kfree(rcu_dereference_raw(vport->pids));
	kfree(vport);
}

/* RCU callback freeing a vport and dropping its device reference. */
static void vport_free_rcu(struct rcu_head *rcu)
{
	struct vport *vport = container_of(rcu, struct vport, rcu);

	if (vport->dev)
		netdev_put(vport->dev, &vport->dev_tracker);
	ovs_vport_free(vport);
}

/* Frees 'vport' after an RCU grace period, dropping its reference to its
 * device, if it still holds one (vport->dev not NULL). */
void ovs_vport_free_rcu(struct vport *vport)
{
	call_rcu(&vport->rcu, vport_free_rcu);
}

/**
 * ovs_vport_add - creates a vport and adds it to its datapath.
 * @parms: what to create.
 *
 * Returns the vport or an ERR_PTR: -EAFNOSUPPORT for a tunnel type (not
 * implemented here), -EINVAL for an unknown type, or the error of the
 * type's creation.  Called with ovs_mutex.
 */
struct vport *ovs_vport_add(const struct vport_parms *parms)
{
	const struct vport_ops *ops;
	struct vport *vport;

	switch (parms->type) {
	case OVS_VPORT_TYPE_NETDEV:
		ops = &ovs_netdev_vport_ops;
		break;
	case OVS_VPORT_TYPE_INTERNAL:
		ops = &ovs_internal_vport_ops;
		break;
	case OVS_VPORT_TYPE_GRE:
	case OVS_VPORT_TYPE_VXLAN:
	case OVS_VPORT_TYPE_GENEVE:
		NL_SET_ERR_MSG_MOD(parms->extack, "tunnel vports are not supported by this datapath");
		return ERR_PTR(-EAFNOSUPPORT);
	default:
		NL_SET_ERR_MSG_MOD(parms->extack, "unknown vport type");
		return ERR_PTR(-EINVAL);
	}

	vport = ops->create(parms);
	if (IS_ERR(vport))
		return vport;
	hlist_add_head_rcu(&vport->dp_node,
			   &parms->dp->ports[parms->port_no &
					     (DP_VPORT_HASH_BUCKETS - 1)]);
	return vport;
}

/* Destroys 'vport', already taken out of its datapath's port hash.  Called
 * with ovs_mutex. */
void ovs_vport_del(struct vport *vport)
{
	vport->ops->destroy(vport);
}

/* Returns the vport whose device is named 'name' in 'net', or NULL.  Must
 * be called with rcu_read_lock; the vport stays valid while ovs_mutex is
 * held. */
struct vport *ovs_vport_locate(struct net *net, const char *name)
{
	struct net_device *dev = dev_get_by_name_rcu(net, name);
	struct vport *vport;

	if (!dev)
		return NULL;
	vport = ovs_internal_dev_get_vport(dev);
	return vport ? vport : ovs_netdev_get_vport(dev);
}

/* Fills 'stats' from the counters of the vport's device.  Called with
 * ovs_mutex or rcu_read_lock. */
void ovs_vport_get_stats(struct vport *vport, struct ovs_vport_stats *stats)
{
	struct rtnl_link_stats64 s;

	dev_get_stats(vport->dev, &s);
	stats->rx_packets = s.rx_packets;
	stats->tx_packets = s.tx_packets;
	stats->rx_bytes = s.rx_bytes;
	stats->tx_bytes = s.tx_bytes;
	stats->rx_errors = s.rx_errors;
	stats->tx_errors = s.tx_errors;
	stats->rx_dropped = s.rx_dropped;
	stats->tx_dropped = s.tx_dropped;
}

/**
 * ovs_vport_receive - gives the datapath a packet that arrived on a vport.
 * @vport: the vport.
 * @skb: the packet, data at its Ethernet header.  Consumed.
 *
 * Returns 0, or -EINVAL for a frame too short to carry an Ethernet header
 * (dropped).  Must be called with rcu_read_lock and bottom halves
 * disabled.
 */
int ovs_vport_receive(struct vport *vport, struct sk_buff *skb)
{
	struct ovs_key key __uninitialized;	/* ovs_key_extract() zeroes it. */
	int err;

	OVS_CB(skb)->input_vport = vport;
	OVS_CB(skb)->mru = 0;
	OVS_CB(skb)->cutlen = 0;
	OVS_CB(skb)->probe = false;
	OVS_CB(skb)->lazy_hash = true;
	if (unlikely(!net_eq(dev_net(skb->dev),
			     ovs_dp_get_net(vport->dp)))) {
		u32 mark = skb->mark;

		skb_scrub_packet(skb, true);
		skb->mark = mark;
	}

	err = ovs_key_extract(skb, vport->port_no, skb_tunnel_info(skb),
			      &key);
	if (unlikely(err)) {
		kfree_skb(skb);
		return err;
	}
	ovs_dp_process_packet(skb, &key);
	return 0;
}

/* Returns the length of the L3 packet in 'skb' for comparison with an MTU:
 * not counting the Ethernet header nor one VLAN tag. */
static unsigned int l3_length(const struct sk_buff *skb)
{
	unsigned int len = skb->len > ETH_HLEN ? skb->len - ETH_HLEN : 0;

	if (!skb_vlan_tag_present(skb) && eth_type_vlan(skb->protocol) &&
	    len >= VLAN_HLEN)
		len -= VLAN_HLEN;
	return len;
}

/**
 * ovs_vport_send - sends a packet out of a vport.
 * @vport: the vport.
 * @skb: the packet, data at its Ethernet header.  Consumed.
 *
 * A packet larger than the device's MTU (and not GSO) is dropped and
 * counted as a transmit error.  Must be called with rcu_read_lock and
 * bottom halves disabled.
 */
void ovs_vport_send(struct vport *vport, struct sk_buff *skb)
{
	struct net_device *dev = vport->dev;

	if (unlikely(l3_length(skb) > dev->mtu && !skb_is_gso(skb))) {
		net_warn_ratelimited("%s: dropped packet of %u bytes over MTU %u\n",
				     dev->name, l3_length(skb), dev->mtu);
		DEV_STATS_INC(dev, tx_errors);
		kfree_skb(skb);
		return;
	}
	skb->dev = dev;
	skb_clear_tstamp(skb);
	vport->ops->send(skb);
}
