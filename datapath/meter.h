/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Meters: the ovs_meter generic netlink family and the meter action.
 */

#ifndef WEFT_METER_H
#define WEFT_METER_H 1

#include <linux/types.h>
#include <linux/xarray.h>

struct datapath;
struct genl_family;
struct sk_buff;

/**
 * struct dp_meter_table - the meters of a datapath.
 * @meters: struct dp_meter by meter id (any u32).  Readers use RCU;
 *	changes are made with ovs_mutex held.
 * @count: meters in @meters.
 */
struct dp_meter_table {
	struct xarray meters;
	u32 count;
};

extern struct genl_family dp_meter_genl_family;

void ovs_meters_init(struct dp_meter_table *tbl);
void ovs_meters_destroy(struct dp_meter_table *tbl);
bool ovs_meter_execute(struct datapath *dp, struct sk_buff *skb,
		       u32 meter_id);

#endif /* meter.h */
