// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Vports whose device goes away.  When a vport's network device is
 * unregistered by someone else (`ip link del`, a namespace going away, a
 * device moving to another namespace), the netdevice notifier detaches the
 * vport from the device at once, under RTNL, and a work item then removes
 * the vport, or the whole datapath for its local port, under ovs_mutex and
 * tells userspace through the multicast groups.  The notifier cannot do
 * that itself: RTNL nests inside ovs_mutex.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/netns/generic.h>

#include "datapath.h"
#include "vport.h"

/* Removes the detached vports of 'dp' and notifies userspace.  Called with
 * ovs_mutex. */
static void remove_detached_vports(struct datapath *dp)
{
	struct net *net = ovs_dp_get_net(dp);
	int i;

	for (i = 0; i < DP_VPORT_HASH_BUCKETS; i++) {
		struct hlist_node *n;
		struct vport *vport;

		hlist_for_each_entry_safe(vport, n, &dp->ports[i], dp_node) {
			struct sk_buff *msg;

			if (!vport->detached)
				continue;
			msg = ovs_vport_notify_msg(vport, 0, 0,
						   OVS_VPORT_CMD_DEL,
						   GFP_KERNEL);
			ovs_dp_detach_port(vport);
			if (!IS_ERR(msg))
				ovs_vport_multicast(net, msg);
		}
	}
}

/* The work item of a network namespace: removes the vports that the
 * notifier detached. */
void ovs_dp_notify_work(struct work_struct *work)
{
	struct ovs_net *ovs_net = container_of(work, struct ovs_net,
					       notify_work);
	struct datapath *dp, *next;

	ovs_lock();
	list_for_each_entry_safe(dp, next, &ovs_net->dps, list_node) {
		struct vport *local = ovs_vport_ovsl(dp, OVSP_LOCAL);

		if (local && local->detached)
			ovs_dp_destroy_detached(dp);
		else
			remove_detached_vports(dp);
	}
	ovs_unlock();
}

/* The netdevice notifier.  Called with RTNL. */
static int dp_device_event(struct notifier_block *unused,
			   unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct ovs_net *ovs_net;
	struct vport *vport;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;

	vport = ovs_netdev_get_vport(dev);
	if (vport) {
		ovs_netdev_detach_dev(vport);
	} else {
		vport = ovs_internal_dev_get_vport(dev);
		if (!vport || vport->detached)
			return NOTIFY_DONE;
		ovs_internal_dev_detach(vport);
	}

	ovs_net = net_generic(ovs_dp_get_net(vport->dp), ovs_net_id);
	queue_work(system_wq, &ovs_net->notify_work);
	return NOTIFY_DONE;
}

struct notifier_block ovs_dp_device_notifier = {
	.notifier_call = dp_device_event,
};
