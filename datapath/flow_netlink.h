/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Flow keys, masks, identifiers and actions to and from netlink attributes.
 */

#ifndef WEFT_FLOW_NETLINK_H
#define WEFT_FLOW_NETLINK_H 1

#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "flow.h"

/* Most bytes of validated actions, and deepest nesting of sample and clone
 * actions. */
#define OVS_ACTIONS_MAX_SIZE	(32 * 1024)
#define OVS_ACTIONS_MAX_DEPTH	8

int ovs_nla_get_match(const struct nlattr *key_attr,
		      const struct nlattr *mask_attr,
		      struct ovs_key *key, struct ovs_key *mask,
		      bool log, struct netlink_ext_ack *extack);
int ovs_nla_get_metadata(const struct nlattr *key_attr, struct ovs_key *key,
			 bool log, struct netlink_ext_ack *extack);
int ovs_nla_get_tunnel(const struct nlattr *attr, struct ovs_key_tunnel *tun,
		       bool log, struct netlink_ext_ack *extack);
int ovs_nla_put_key(struct sk_buff *skb, int attrtype,
		    const struct ovs_key *vals, const struct ovs_key *key,
		    const struct ovs_key *mask, bool is_mask);

int ovs_nla_get_ufid(const struct nlattr *attr, struct ovs_flow_id *id,
		     bool log, struct netlink_ext_ack *extack);
int ovs_nla_put_flow_id(struct sk_buff *skb, const struct ovs_flow *flow);

int ovs_nla_copy_actions(const struct nlattr *attr, const struct ovs_key *key,
			 const struct ovs_key *mask, struct ovs_actions **acts,
			 bool log, struct netlink_ext_ack *extack);
int ovs_nla_put_actions(struct sk_buff *skb, const struct ovs_actions *acts);
int ovs_nla_put_action_list(struct sk_buff *skb, int attrtype,
			    const struct nlattr *actions, int len,
			    const struct ovs_actions *acts);

/* Sizes for ovs_nla_check_attrs(): a byte count, or one of these. */
#define OVS_ATTR_ANY		-1	/* Any size, or checked later. */
#define OVS_ATTR_NESTED		-2	/* Empty, or nested attrs. */
#define OVS_ATTR_U32_ARRAY	-3	/* One or more u32. */

int ovs_nla_check_attrs(const struct nlattr *head, int len, int maxtype,
			const s16 *sizes, struct netlink_ext_ack *extack);

#endif /* WEFT_FLOW_NETLINK_H */
