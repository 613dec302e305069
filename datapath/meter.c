// SPDX-License-Identifier: GPL-2.0
/*
 * Copyright (c) 2026 The Weft Authors.
 *
 * Meters: the ovs_meter generic netlink family (features, set, get,
 * delete) and the meter action, which drops what exceeds a meter's rate.
 *
 * A meter has one band of type drop (max_bands 1, as the kernel's own
 * module reports) with a rate in kbit/s or packets/s and a burst size in
 * the same unit.  The band is a token bucket counted in millionths of the
 * unit, so that it fills by exactly 'rate' per microsecond.  It starts
 * full and holds the burst size at the most, as the kernel's module does
 * (upstream's userspace asks for a burst of one second's rate where
 * OpenFlow gives none).  A packet that finds less than its cost in it (its
 * bits, or one packet) is dropped and counted in the band's statistics.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/openvswitch.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "datapath.h"
#include "flow_netlink.h"
#include "meter.h"

/* A datapath holds at most DP_METER_MAX meters, with any u32 ids (the
 * kernel's module reports the same maximum on a machine with memory to
 * spare; upstream's userspace probes with ids above it). */
#define DP_METER_MAX		200000
#define DP_METER_MAX_BANDS	1

/* Bucket units per unit of rate or burst. */
#define DP_METER_SCALE		1000000ULL

/**
 * struct dp_meter_band - a band of a meter.
 * @type: OVS_METER_BAND_TYPE_DROP.
 * @rate: kbit/s or packets/s, never 0.
 * @burst: kbit or packets: the bucket's size.
 * @bucket: tokens, in millionths of a kbit or a packet.
 * @max_bucket: what @bucket holds at the most.
 * @n_packets: packets dropped by this band.
 * @n_bytes: their bytes.
 */
struct dp_meter_band {
	u32 type;
	u32 rate;
	u32 burst;
	u64 bucket;
	u64 max_bucket;
	u64 n_packets;
	u64 n_bytes;
};

/**
 * struct dp_meter - a meter.
 * @lock: protects everything below that changes per packet.
 * @rcu: for freeing after the last reader.
 * @id: its id.
 * @kbps: rates in kbit/s, else packets/s.
 * @n_bands: bands in use in @bands.
 * @filled_us: monotonic time (us) the buckets were last filled.
 * @used: jiffies of the last packet, 0 if none.
 * @n_packets: packets that reached the meter.
 * @n_bytes: their bytes.
 * @bands: the bands.
 */
struct dp_meter {
	spinlock_t lock;
	struct rcu_head rcu;
	u32 id;
	bool kbps;
	u32 n_bands;
	u64 filled_us;
	unsigned long used;
	u64 n_packets;
	u64 n_bytes;
	struct dp_meter_band bands[DP_METER_MAX_BANDS];
};

void ovs_meters_init(struct dp_meter_table *tbl)
{
	xa_init(&tbl->meters);
	tbl->count = 0;
}

/* Frees every meter of 'tbl' after the last reader.  Called with
 * ovs_mutex. */
void ovs_meters_destroy(struct dp_meter_table *tbl)
{
	struct dp_meter *meter;
	unsigned long id;

	xa_for_each(&tbl->meters, id, meter) {
		xa_erase(&tbl->meters, id);
		kfree_rcu(meter, rcu);
	}
	xa_destroy(&tbl->meters);
	tbl->count = 0;
}

/* Adds to the buckets of 'meter' what they earned since the last fill, at
 * 'now_us'.  Called with the meter's lock. */
static void meter_fill(struct dp_meter *meter, u64 now_us)
{
	u64 delta = now_us - meter->filled_us;
	u32 i;

	if (now_us <= meter->filled_us)
		return;
	meter->filled_us = now_us;
	for (i = 0; i < meter->n_bands; i++) {
		struct dp_meter_band *band = &meter->bands[i];
		u64 room = band->max_bucket - band->bucket;

		/* Compare before multiplying: a long idle time would
		 * overflow. */
		if (delta >= div_u64(room, band->rate))
			band->bucket = band->max_bucket;
		else
			band->bucket += delta * band->rate;
	}
}

/**
 * ovs_meter_execute - runs a packet through a meter.
 * @dp: the datapath.
 * @skb: the packet.
 * @meter_id: the meter's id.
 *
 * Returns true if the meter drops the packet.  A meter that does not
 * exist lets everything through.  Called with rcu_read_lock and bottom
 * halves disabled.
 */
bool ovs_meter_execute(struct datapath *dp, struct sk_buff *skb,
		       u32 meter_id)
{
	struct dp_meter *meter = xa_load(&dp->meters.meters, meter_id);
	u64 now_us = div_u64(ktime_get_ns(), NSEC_PER_USEC);
	bool drop = false;
	u64 cost;
	u32 i;

	if (!meter)
		return false;
	cost = meter->kbps ? (u64)skb->len * 8 * (DP_METER_SCALE / 1000)
			   : DP_METER_SCALE;

	spin_lock(&meter->lock);
	meter_fill(meter, now_us);
	meter->used = jiffies;
	meter->n_packets++;
	meter->n_bytes += skb->len;
	for (i = 0; i < meter->n_bands; i++) {
		struct dp_meter_band *band = &meter->bands[i];

		if (band->bucket >= cost) {
			band->bucket -= cost;
		} else {
			band->n_packets++;
			band->n_bytes += skb->len;
			drop = true;
		}
	}
	spin_unlock(&meter->lock);
	return drop;
}

/*
 * The ovs_meter family.
 */

static const struct nla_policy meter_policy[OVS_METER_ATTR_MAX + 1] = {
};

static const s16 meter_sizes[OVS_METER_ATTR_MAX + 1] = {
	[OVS_METER_ATTR_ID] = sizeof(u32),
	[OVS_METER_ATTR_KBPS] = 0,
	[OVS_METER_ATTR_STATS] = OVS_ATTR_ANY,
	[OVS_METER_ATTR_BANDS] = OVS_ATTR_NESTED,
	[OVS_METER_ATTR_USED] = OVS_ATTR_ANY,
	[OVS_METER_ATTR_CLEAR] = 0,
	[OVS_METER_ATTR_MAX_METERS] = OVS_ATTR_ANY,
	[OVS_METER_ATTR_MAX_BANDS] = OVS_ATTR_ANY,
	[OVS_METER_ATTR_PAD] = OVS_ATTR_ANY,
};

static const s16 band_sizes[OVS_BAND_ATTR_MAX + 1] = {
	[OVS_BAND_ATTR_TYPE] = sizeof(u32),
	[OVS_BAND_ATTR_RATE] = sizeof(u32),
	[OVS_BAND_ATTR_BURST] = sizeof(u32),
	[OVS_BAND_ATTR_STATS] = OVS_ATTR_ANY,
};

/* Rejects unknown, duplicate and wrongly sized attributes with -EINVAL
 * (see the attribute checks in datapath.c). */
static int meter_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
			  struct genl_info *info)
{
	int hdrlen = GENL_HDRLEN + sizeof(struct ovs_header);
	const struct nlmsghdr *nlh = info->nlhdr;

	if (nlh->nlmsg_len < nlmsg_msg_size(hdrlen)) {
		NL_SET_ERR_MSG_MOD(info->extack, "message shorter than its headers");
		return -EINVAL;
	}
	return ovs_nla_check_attrs(nlmsg_attrdata(nlh, hdrlen),
				   nlmsg_attrlen(nlh, hdrlen),
				   OVS_METER_ATTR_MAX, meter_sizes,
				   info->extack);
}

/* Starts a reply to 'info' with command 'cmd', or returns NULL. */
static struct sk_buff *meter_reply_start(struct genl_info *info, u8 cmd,
					 struct ovs_header **hdrp)
{
	const struct ovs_header *req = info->userhdr;
	struct ovs_header *hdr;
	struct sk_buff *skb;

	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return NULL;
	hdr = genlmsg_put(skb, info->snd_portid, info->snd_seq,
			  &dp_meter_genl_family, 0, cmd);
	if (!hdr) {
		kfree_skb(skb);
		return NULL;
	}
	hdr->dp_ifindex = req->dp_ifindex;
	*hdrp = hdr;
	return skb;
}

/* Puts the id, statistics, last use and band statistics of 'meter'. */
static int meter_put_stats(struct sk_buff *skb, struct dp_meter *meter)
{
	struct ovs_flow_stats stats;
	struct nlattr *bands, *band;
	unsigned long used;
	u64 band_stats[DP_METER_MAX_BANDS][2];
	u32 i;

	spin_lock_bh(&meter->lock);
	stats.n_packets = meter->n_packets;
	stats.n_bytes = meter->n_bytes;
	used = meter->used;
	for (i = 0; i < meter->n_bands; i++) {
		band_stats[i][0] = meter->bands[i].n_packets;
		band_stats[i][1] = meter->bands[i].n_bytes;
	}
	spin_unlock_bh(&meter->lock);

	if (nla_put_u32(skb, OVS_METER_ATTR_ID, meter->id) ||
	    nla_put_64bit(skb, OVS_METER_ATTR_STATS, sizeof(stats), &stats,
			  OVS_METER_ATTR_PAD) ||
	    (used && nla_put_u64_64bit(skb, OVS_METER_ATTR_USED,
				       jiffies_to_msecs(used),
				       OVS_METER_ATTR_PAD)))
		return -EMSGSIZE;
	bands = nla_nest_start_noflag(skb, OVS_METER_ATTR_BANDS);
	if (!bands)
		return -EMSGSIZE;
	for (i = 0; i < meter->n_bands; i++) {
		band = nla_nest_start_noflag(skb, OVS_BAND_ATTR_UNSPEC);
		if (!band)
			return -EMSGSIZE;
		stats.n_packets = band_stats[i][0];
		stats.n_bytes = band_stats[i][1];
		if (nla_put(skb, OVS_BAND_ATTR_STATS, sizeof(stats), &stats))
			return -EMSGSIZE;
		nla_nest_end(skb, band);
	}
	nla_nest_end(skb, bands);
	return 0;
}

/* OVS_METER_CMD_FEATURES: what meters this datapath has. */
static int ovs_meter_cmd_features(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *bands, *band;
	struct ovs_header *hdr;
	struct sk_buff *reply;

	reply = meter_reply_start(info, OVS_METER_CMD_FEATURES, &hdr);
	if (!reply)
		return -ENOMEM;
	if (nla_put_u32(reply, OVS_METER_ATTR_MAX_METERS, DP_METER_MAX) ||
	    nla_put_u32(reply, OVS_METER_ATTR_MAX_BANDS, DP_METER_MAX_BANDS))
		goto nla_put_failure;
	bands = nla_nest_start_noflag(reply, OVS_METER_ATTR_BANDS);
	if (!bands)
		goto nla_put_failure;
	band = nla_nest_start_noflag(reply, OVS_BAND_ATTR_UNSPEC);
	if (!band ||
	    nla_put_u32(reply, OVS_BAND_ATTR_TYPE, OVS_METER_BAND_TYPE_DROP))
		goto nla_put_failure;
	nla_nest_end(reply, band);
	nla_nest_end(reply, bands);
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

nla_put_failure:
	kfree_skb(reply);
	return -EMSGSIZE;
}

/* Returns the id of the request 'info', which must name one, or a
 * negative errno. */
static s64 meter_request_id(struct genl_info *info)
{
	struct nlattr *a = info->attrs[OVS_METER_ATTR_ID];

	if (!a) {
		NL_SET_ERR_MSG_MOD(info->extack, "OVS_METER_ATTR_ID is required");
		return -EINVAL;
	}
	return nla_get_u32(a);
}

/* Returns the datapath that the request 'info' names, or NULL (with an
 * extack message).  Called with ovs_mutex. */
static struct datapath *meter_request_dp(struct genl_info *info)
{
	const struct ovs_header *ovs_header = info->userhdr;
	struct datapath *dp;

	dp = ovs_dp_lookup(genl_info_net(info), ovs_header->dp_ifindex);
	if (!dp)
		NL_SET_ERR_MSG_MOD(info->extack, "no datapath with this ifindex");
	return dp;
}

/* Fills in the bands of 'meter' from OVS_METER_ATTR_BANDS 'bands'. */
static int meter_parse_bands(struct dp_meter *meter, const struct nlattr *bands,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *band;
	int rem, err;

	nla_for_each_nested(band, bands, rem) {
		struct dp_meter_band *b;
		const struct nlattr *a;
		int rem2;

		if (meter->n_bands >= DP_METER_MAX_BANDS) {
			NL_SET_ERR_MSG_ATTR(extack, band, "too many bands (1 at the most)");
			return -EINVAL;
		}
		err = ovs_nla_check_attrs(nla_data(band), nla_len(band),
					  OVS_BAND_ATTR_MAX, band_sizes,
					  extack);
		if (err)
			return err;
		b = &meter->bands[meter->n_bands++];
		nla_for_each_nested(a, band, rem2) {
			switch (nla_type(a)) {
			case OVS_BAND_ATTR_TYPE:
				b->type = nla_get_u32(a);
				break;
			case OVS_BAND_ATTR_RATE:
				b->rate = nla_get_u32(a);
				break;
			case OVS_BAND_ATTR_BURST:
				b->burst = nla_get_u32(a);
				break;
			}
		}
		if (b->type != OVS_METER_BAND_TYPE_DROP) {
			NL_SET_ERR_MSG_ATTR(extack, band, "band type must be OVS_METER_BAND_TYPE_DROP");
			return -EINVAL;
		}
		if (!b->rate) {
			NL_SET_ERR_MSG_ATTR(extack, band, "band rate must be nonzero");
			return -EINVAL;
		}
		b->max_bucket = (u64)b->burst * DP_METER_SCALE;
		b->bucket = b->max_bucket;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, bands, "bytes left over in the bands");
		return -EINVAL;
	}
	if (!meter->n_bands) {
		NL_SET_ERR_MSG_ATTR(extack, bands, "a meter needs a band");
		return -EINVAL;
	}
	return 0;
}

/* OVS_METER_CMD_SET: adds a meter or replaces one (keeping its statistics
 * unless OVS_METER_ATTR_CLEAR says otherwise). */
static int ovs_meter_cmd_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct dp_meter *meter, *old;
	struct ovs_header *hdr;
	struct sk_buff *reply;
	struct datapath *dp;
	s64 id;
	int err;

	id = meter_request_id(info);
	if (id < 0)
		return id;
	if (!a[OVS_METER_ATTR_BANDS]) {
		NL_SET_ERR_MSG_MOD(info->extack, "OVS_METER_ATTR_BANDS is required");
		return -EINVAL;
	}
	meter = kzalloc(sizeof(*meter), GFP_KERNEL);
	if (!meter)
		return -ENOMEM;
	spin_lock_init(&meter->lock);
	meter->id = id;
	meter->kbps = !!a[OVS_METER_ATTR_KBPS];
	meter->filled_us = div_u64(ktime_get_ns(), NSEC_PER_USEC);
	err = meter_parse_bands(meter, a[OVS_METER_ATTR_BANDS], info->extack);
	if (err)
		goto err_free_meter;

	reply = meter_reply_start(info, OVS_METER_CMD_SET, &hdr);
	if (!reply) {
		err = -ENOMEM;
		goto err_free_meter;
	}

	ovs_lock();
	dp = meter_request_dp(info);
	if (!dp) {
		err = -ENODEV;
		goto err_unlock;
	}
	old = xa_load(&dp->meters.meters, id);
	if (!old && dp->meters.count >= DP_METER_MAX) {
		NL_SET_ERR_MSG_MOD(info->extack, "too many meters");
		err = -EFBIG;
		goto err_unlock;
	}
	if (old && !a[OVS_METER_ATTR_CLEAR]) {
		spin_lock_bh(&old->lock);
		meter->used = old->used;
		meter->n_packets = old->n_packets;
		meter->n_bytes = old->n_bytes;
		spin_unlock_bh(&old->lock);
	}
	old = xa_store(&dp->meters.meters, id, meter, GFP_KERNEL);
	if (xa_is_err(old)) {
		err = xa_err(old);
		goto err_unlock;
	}
	if (old)
		kfree_rcu(old, rcu);
	else
		dp->meters.count++;
	err = meter_put_stats(reply, meter);
	ovs_unlock();
	if (err) {
		kfree_skb(reply);
		return err;
	}
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

err_unlock:
	ovs_unlock();
	kfree_skb(reply);
err_free_meter:
	kfree(meter);
	return err;
}

/* OVS_METER_CMD_GET and OVS_METER_CMD_DEL: a meter's statistics, and for
 * DEL its removal. */
static int ovs_meter_cmd_get_or_del(struct sk_buff *skb,
				    struct genl_info *info)
{
	bool del = info->genlhdr->cmd == OVS_METER_CMD_DEL;
	struct dp_meter *meter;
	struct ovs_header *hdr;
	struct sk_buff *reply;
	struct datapath *dp;
	s64 id;
	int err;

	id = meter_request_id(info);
	if (id < 0)
		return id;
	reply = meter_reply_start(info, info->genlhdr->cmd, &hdr);
	if (!reply)
		return -ENOMEM;

	ovs_lock();
	dp = meter_request_dp(info);
	if (!dp) {
		err = -ENODEV;
		goto err_unlock;
	}
	meter = xa_load(&dp->meters.meters, id);
	if (!meter) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[OVS_METER_ATTR_ID],
				    "no meter with this id");
		err = -ENOENT;
		goto err_unlock;
	}
	err = meter_put_stats(reply, meter);
	if (err)
		goto err_unlock;
	if (del) {
		xa_erase(&dp->meters.meters, id);
		dp->meters.count--;
		kfree_rcu(meter, rcu);
	}
	ovs_unlock();
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

err_unlock:
	ovs_unlock();
	kfree_skb(reply);
	return err;
}

static const struct genl_small_ops dp_meter_genl_ops[] = {
	{ .cmd = OVS_METER_CMD_FEATURES,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = 0,
	  .doit = ovs_meter_cmd_features
	},
	{ .cmd = OVS_METER_CMD_SET,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_meter_cmd_set
	},
	{ .cmd = OVS_METER_CMD_GET,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = 0,
	  .doit = ovs_meter_cmd_get_or_del
	},
	{ .cmd = OVS_METER_CMD_DEL,
	  .validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP,
	  .flags = GENL_UNS_ADMIN_PERM,
	  .doit = ovs_meter_cmd_get_or_del
	},
};

static const struct genl_multicast_group ovs_meter_multicast_group = {
	.name = OVS_METER_MCGROUP,
};

struct genl_family dp_meter_genl_family __ro_after_init = {
	.hdrsize = sizeof(struct ovs_header),
	.name = OVS_METER_FAMILY,
	.version = OVS_METER_VERSION,
	.maxattr = OVS_METER_ATTR_MAX,
	.policy = meter_policy,
	.netnsok = true,
	.parallel_ops = true,
	.pre_doit = meter_pre_doit,
	.small_ops = dp_meter_genl_ops,
	.n_small_ops = ARRAY_SIZE(dp_meter_genl_ops),
	.resv_start_op = OVS_METER_CMD_GET + 1,
	.mcgrps = &ovs_meter_multicast_group,
	.n_mcgrps = 1,
	.module = THIS_MODULE,
};
