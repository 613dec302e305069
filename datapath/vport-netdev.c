// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * NETDEV vports: an existing Ethernet device becomes a datapath port.  An
 * rx handler takes every frame the device receives; the device is linked
 * below the datapath's local device, as a bridge port is below its bridge,
 * and put in promiscuous mode.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

#include "datapath.h"
#include "vport.h"

/* Receives a frame from a vport's device.  Called by the core with
 * rcu_read_lock in softirq context. */
static rx_handler_result_t netdev_frame_hook(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vport *vport;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	vport = rcu_dereference(skb->dev->rx_handler_data);
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;

	/* Give the datapath the frame from its Ethernet header. */
	skb_push_rcsum(skb, skb->data - skb_mac_header(skb));
	ovs_vport_receive(vport, skb);
	return RX_HANDLER_CONSUMED;
}

/* Returns the vport of 'dev' if it is a NETDEV vport's device, else NULL.
 * Must be called with rcu_read_lock or RTNL. */
struct vport *ovs_netdev_get_vport(struct net_device *dev)
{
	if (netif_is_ovs_port(dev) &&
	    rcu_access_pointer(dev->rx_handler) == netdev_frame_hook)
		return rcu_dereference_rtnl(dev->rx_handler_data);
	return NULL;
}

/* Undoes what netdev_create() did to the device.  Called with RTNL. */
static void netdev_detach(struct vport *vport)
{
	struct net_device *dev = vport->dev;

	ASSERT_RTNL();
	dev->priv_flags &= ~IFF_OVS_DATAPATH;
	netdev_rx_handler_unregister(dev);
	netdev_upper_dev_unlink(dev, netdev_master_upper_dev_get(dev));
	dev_set_promiscuity(dev, -1);
	vport->detached = true;
}

/* Called by the netdevice notifier, with RTNL, when the device of 'vport'
 * is going away. */
void ovs_netdev_detach_dev(struct vport *vport)
{
	netdev_detach(vport);
}

/* Creates a NETDEV vport.  Called with ovs_mutex. */
static struct vport *netdev_create(const struct vport_parms *parms)
{
	struct vport *local = ovs_vport_ovsl(parms->dp, OVSP_LOCAL);
	struct net_device *dev;
	struct vport *vport;
	int err;

	vport = ovs_vport_alloc(&ovs_netdev_vport_ops, parms);
	if (IS_ERR(vport))
		return vport;

	dev = dev_get_by_name(ovs_dp_get_net(parms->dp), parms->name);
	if (!dev) {
		NL_SET_ERR_MSG_MOD(parms->extack, "no network device with this name");
		err = -ENODEV;
		goto err_free_vport;
	}
	netdev_tracker_alloc(dev, &vport->dev_tracker, GFP_KERNEL);
	vport->dev = dev;

	if ((dev->flags & IFF_LOOPBACK) || dev->type != ARPHRD_ETHER ||
	    ovs_is_internal_dev(dev)) {
		NL_SET_ERR_MSG_MOD(parms->extack, "device cannot be a datapath port (loopback, not Ethernet, or internal)");
		err = -EINVAL;
		goto err_put_dev;
	}
	if (!local) {
		err = -ENODEV;
		goto err_put_dev;
	}

	rtnl_lock();
	err = netdev_master_upper_dev_link(dev, local->dev, NULL, NULL,
					   parms->extack);
	if (err)
		goto err_unlock;
	err = netdev_rx_handler_register(dev, netdev_frame_hook, vport);
	if (err) {
		NL_SET_ERR_MSG_MOD(parms->extack, "device already has a receive handler (bridge or bond port?)");
		goto err_unlink;
	}
	dev->priv_flags |= IFF_OVS_DATAPATH;
	dev_disable_lro(dev);
	dev_set_promiscuity(dev, 1);
	rtnl_unlock();
	return vport;

err_unlink:
	netdev_upper_dev_unlink(dev, local->dev);
err_unlock:
	rtnl_unlock();
err_put_dev:
	netdev_put(dev, &vport->dev_tracker);
err_free_vport:
	ovs_vport_free(vport);
	return ERR_PTR(err);
}

/* Destroys a NETDEV vport.  Called with ovs_mutex. */
static void netdev_destroy(struct vport *vport)
{
	rtnl_lock();
	if (!vport->detached)
		netdev_detach(vport);
	rtnl_unlock();
	ovs_vport_free_rcu(vport);
}

/* Transmits 'skb' on the vport's device.  Called with rcu_read_lock and
 * bottom halves disabled. */
static void netdev_send(struct sk_buff *skb)
{
	dev_queue_xmit(skb);
}

const struct vport_ops ovs_netdev_vport_ops = {
	.type = OVS_VPORT_TYPE_NETDEV,
	.create = netdev_create,
	.destroy = netdev_destroy,
	.send = netdev_send,
};
