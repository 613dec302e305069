// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * INTERNAL vports: network devices that the datapath creates (a datapath's
 * local port, a bridge's own port).  What the host stack transmits on such
 * a device enters the datapath; what the datapath outputs to it is received
 * by the host stack.  They are ordinary Ethernet devices for `ip`.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ethtool.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <net/dst.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/rtnetlink.h>

#include "datapath.h"
#include "vport.h"

/* The private area of an internal device. */
struct internal_dev {
	struct vport __rcu *vport;	/* NULL once the vport lets go. */
};

/* Returns the private area of internal device 'dev'. */
static struct internal_dev *internal_dev_priv(const struct net_device *dev)
{
	return netdev_priv(dev);
}

/* Takes a frame that the host stack transmits on the device into the
 * datapath.  Called by the core with bottom halves disabled. */
static netdev_tx_t internal_dev_xmit(struct sk_buff *skb,
				     struct net_device *dev)
{
	unsigned int len = skb->len;
	struct vport *vport;
	int err = -ENODEV;

	rcu_read_lock();
	vport = rcu_dereference(internal_dev_priv(dev)->vport);
	if (likely(vport))
		err = ovs_vport_receive(vport, skb);
	else
		kfree_skb(skb);
	rcu_read_unlock();

	if (likely(!err))
		dev_sw_netstats_tx_add(dev, 1, len);
	else
		dev_core_stats_tx_dropped_inc(dev);
	return NETDEV_TX_OK;
}

/* Device callbacks, called by the core with RTNL (open, stop, init) or in
 * any context (ethtool get_drvinfo). */
static int internal_dev_open(struct net_device *dev)
{
	netif_start_queue(dev);
	return 0;
}

static int internal_dev_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	return 0;
}

static int internal_dev_init(struct net_device *dev)
{
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	return dev->tstats ? 0 : -ENOMEM;
}

static void internal_dev_destructor(struct net_device *dev)
{
	free_percpu(dev->tstats);
}

static void internal_dev_getinfo(struct net_device *dev,
				 struct ethtool_drvinfo *info)
{
	strscpy(info->driver, "openvswitch", sizeof(info->driver));
}

static const struct ethtool_ops internal_dev_ethtool_ops = {
	.get_drvinfo = internal_dev_getinfo,
	.get_link = ethtool_op_get_link,
};

static const struct net_device_ops internal_dev_netdev_ops = {
	.ndo_init = internal_dev_init,
	.ndo_open = internal_dev_open,
	.ndo_stop = internal_dev_stop,
	.ndo_start_xmit = internal_dev_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_get_stats64 = dev_get_tstats64,
};

static struct rtnl_link_ops internal_dev_link_ops __read_mostly = {
	.kind = "openvswitch",
};

/* Sets up a new internal device: an Ethernet device with offloads, a
 * random address, and no queue.  Called by alloc_netdev(). */
static void internal_dev_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &internal_dev_netdev_ops;
	dev->ethtool_ops = &internal_dev_ethtool_ops;
	dev->rtnl_link_ops = &internal_dev_link_ops;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_OPENVSWITCH |
			   IFF_NO_QUEUE;
	dev->needs_free_netdev = true;
	dev->priv_destructor = internal_dev_destructor;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU - ETH_HLEN;

	dev->features = NETIF_F_LLTX | NETIF_F_SG | NETIF_F_FRAGLIST |
			NETIF_F_HIGHDMA | NETIF_F_HW_CSUM |
			NETIF_F_GSO_SOFTWARE | NETIF_F_GSO_ENCAP_ALL;
	dev->vlan_features = dev->features;
	dev->hw_enc_features = dev->features;
	dev->features |= NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX;
	dev->hw_features = dev->features & ~NETIF_F_LLTX;
	dev->features |= NETIF_F_NETNS_LOCAL;

	eth_hw_addr_random(dev);
}

/* Returns true if 'dev' is an internal device of this module. */
bool ovs_is_internal_dev(const struct net_device *dev)
{
	return dev->netdev_ops == &internal_dev_netdev_ops;
}

/* Returns the vport of 'dev' if it is an internal device with one, else
 * NULL.  Must be called with rcu_read_lock or RTNL. */
struct vport *ovs_internal_dev_get_vport(struct net_device *dev)
{
	if (!ovs_is_internal_dev(dev))
		return NULL;
	return rcu_dereference_rtnl(internal_dev_priv(dev)->vport);
}

/* Called by the netdevice notifier, with RTNL, when someone else
 * unregisters the device of internal vport 'vport'.  The vport keeps its
 * reference to the device until the notify work removes it. */
void ovs_internal_dev_detach(struct vport *vport)
{
	ASSERT_RTNL();
	RCU_INIT_POINTER(internal_dev_priv(vport->dev)->vport, NULL);
	vport->detached = true;
}

/* Creates an internal vport and its device.  Called with ovs_mutex. */
static struct vport *internal_dev_create(const struct vport_parms *parms)
{
	struct net_device *dev;
	struct vport *vport;
	int err;

	vport = ovs_vport_alloc(&ovs_internal_vport_ops, parms);
	if (IS_ERR(vport))
		return vport;

	dev = alloc_netdev(sizeof(struct internal_dev), parms->name,
			   NET_NAME_USER, internal_dev_setup);
	if (!dev) {
		err = -ENOMEM;
		goto err_free_vport;
	}
	dev_net_set(dev, ovs_dp_get_net(parms->dp));
	dev->ifindex = parms->ifindex;
	RCU_INIT_POINTER(internal_dev_priv(dev)->vport, vport);

	rtnl_lock();
	err = register_netdevice(dev);
	if (err) {
		NL_SET_ERR_MSG_MOD(parms->extack, "cannot register the device (name or ifindex in use?)");
		goto err_unlock;
	}
	netdev_hold(dev, &vport->dev_tracker, GFP_KERNEL);
	vport->dev = dev;
	rtnl_unlock();
	return vport;

err_unlock:
	rtnl_unlock();
	free_netdev(dev);
err_free_vport:
	ovs_vport_free(vport);
	return ERR_PTR(err);
}

/* Destroys an internal vport and, unless someone else already
 * unregistered it, its device.  Called with ovs_mutex. */
static void internal_dev_destroy(struct vport *vport)
{
	struct net_device *dev = vport->dev;

	rtnl_lock();
	if (!vport->detached) {
		vport->detached = true;
		RCU_INIT_POINTER(internal_dev_priv(dev)->vport, NULL);
		netif_stop_queue(dev);
		unregister_netdevice(dev);
		/* unregister_netdevice() waited for readers (synchronize_net),
		 * and the device cannot be freed before rtnl_unlock() finds
		 * its reference count at zero: drop ours now. */
		netdev_put(dev, &vport->dev_tracker);
		vport->dev = NULL;
	}
	rtnl_unlock();
	ovs_vport_free_rcu(vport);
}

/* Hands a frame that the datapath outputs to the device to the host
 * stack.  Called with rcu_read_lock and bottom halves disabled. */
static void internal_dev_recv(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;

	if (unlikely(!(dev->flags & IFF_UP))) {
		dev_core_stats_rx_dropped_inc(dev);
		kfree_skb(skb);
		return;
	}

	skb_dst_drop(skb);
	nf_reset_ct(skb);
	skb->pkt_type = PACKET_HOST;
	skb->protocol = eth_type_trans(skb, dev);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	dev_sw_netstats_rx_add(dev, skb->len);
	netif_rx(skb);
}

const struct vport_ops ovs_internal_vport_ops = {
	.type = OVS_VPORT_TYPE_INTERNAL,
	.create = internal_dev_create,
	.destroy = internal_dev_destroy,
	.send = internal_dev_recv,
};

/* Registers the "openvswitch" link kind, so that `ip -d link` names the
 * devices. */
int ovs_internal_dev_rtnl_link_register(void)
{
	return rtnl_link_register(&internal_dev_link_ops);
}

/* Undoes ovs_internal_dev_rtnl_link_register() at module unload. */
void ovs_internal_dev_rtnl_link_unregister(void)
{
	rtnl_link_unregister(&internal_dev_link_ops);
}
