/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Vports: the ports of a datapath.  Every vport is backed by a network
 * device: an existing one (NETDEV) or one the datapath creates (INTERNAL).
 */

#ifndef WEFT_VPORT_H
#define WEFT_VPORT_H 1

#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>

#include <linux/openvswitch.h>

struct datapath;
struct ovs_key;
struct vport;

/* Upcall port ids of a vport (OVS_VPORT_ATTR_UPCALL_PID). */
struct vport_pids {
	struct rcu_head rcu;		/* Frees the array after readers. */
	u32 n_pids;			/* Entries in 'pids', at least 1. */
	u32 pids[];			/* Netlink port ids. */
};

/**
 * struct vport_parms - what creating a vport needs.
 * @name: device name.
 * @type: OVS_VPORT_TYPE_*.
 * @dp: the datapath the vport joins.
 * @port_no: its port number.
 * @ifindex: ifindex wanted for a new internal device, or 0.
 * @pids: OVS_VPORT_ATTR_UPCALL_PID attribute, or NULL (no upcalls).
 * @extack: where to explain a failure.
 */
struct vport_parms {
	const char *name;
	enum ovs_vport_type type;
	struct datapath *dp;
	u32 port_no;
	int ifindex;
	const struct nlattr *pids;
	struct netlink_ext_ack *extack;
};

/**
 * struct vport_ops - a kind of vport.
 * @type: OVS_VPORT_TYPE_* it implements.
 * @create: makes a vport for @parms, or returns an ERR_PTR.  Called with
 *	ovs_mutex; takes RTNL itself.
 * @destroy: undoes @create and frees the vport after an RCU grace period.
 *	Called with ovs_mutex; takes RTNL itself.
 * @send: transmits @skb on the vport's device, consuming it.  Called with
 *	rcu_read_lock and bottom halves disabled.
 */
struct vport_ops {
	enum ovs_vport_type type;
	struct vport *(*create)(const struct vport_parms *parms);
	void (*destroy)(struct vport *vport);
	void (*send)(struct sk_buff *skb);
};

/**
 * struct vport - one port of a datapath.
 * @dev: the network device; a reference is held while the vport exists.
 * @dev_tracker: tracks that reference.
 * @dp: the datapath.
 * @port_no: the port number.
 * @ops: the vport's kind.
 * @dp_node: in the datapath's port hash (ovs_mutex, RCU readers).
 * @pids: upcall port ids.
 * @detached: the device is being unregistered and no longer feeds the
 *	vport (RTNL); the notify work removes the vport.
 * @rcu: frees the vport after the last reader.
 */
struct vport {
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct datapath *dp;
	u32 port_no;
	const struct vport_ops *ops;
	struct hlist_node dp_node;
	struct vport_pids __rcu *pids;
	bool detached;
	struct rcu_head rcu;
};

struct vport *ovs_vport_alloc(const struct vport_ops *ops,
			      const struct vport_parms *parms);
void ovs_vport_free(struct vport *vport);
void ovs_vport_free_rcu(struct vport *vport);

struct vport *ovs_vport_add(const struct vport_parms *parms);
void ovs_vport_del(struct vport *vport);
struct vport *ovs_vport_locate(struct net *net, const char *name);

int ovs_vport_set_pids(struct vport *vport, const struct nlattr *pids);
int ovs_vport_put_pids(const struct vport *vport, struct sk_buff *skb);
u32 ovs_vport_find_pid(const struct vport *vport, struct sk_buff *skb);
void ovs_vport_get_stats(struct vport *vport, struct ovs_vport_stats *stats);

int ovs_vport_receive(struct vport *vport, struct sk_buff *skb);
void ovs_vport_send(struct vport *vport, struct sk_buff *skb);

extern const struct vport_ops ovs_netdev_vport_ops;
extern const struct vport_ops ovs_internal_vport_ops;

/* vport-netdev.c */
struct vport *ovs_netdev_get_vport(struct net_device *dev);
void ovs_netdev_detach_dev(struct vport *vport);

/* vport-internal_dev.c */
struct vport *ovs_internal_dev_get_vport(struct net_device *dev);
bool ovs_is_internal_dev(const struct net_device *dev);
void ovs_internal_dev_detach(struct vport *vport);
int ovs_internal_dev_rtnl_link_register(void);
void ovs_internal_dev_rtnl_link_unregister(void);

#endif /* WEFT_VPORT_H */
