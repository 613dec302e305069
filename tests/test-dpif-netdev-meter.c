/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit test of the userspace datapath's meters (lib/dpif-netdev-meter.c):
 * the token buckets, band selection and counters, called directly with
 * batches of packets and chosen times.  Prints nothing and exits 0 on
 * success; aborts on the first failed check. */

#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "dp-packet.h"
#include "dpif-netdev-meter.h"
#include "openflow/openflow.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/util.h"
#include "ovs-rcu.h"
#include "ovstest.h"

/* Fills 'batch' with 'n' packets of 'size' bytes. */
static void
make_batch(struct dp_packet_batch *batch, size_t n, size_t size)
{
    dp_packet_batch_init(batch);
    for (size_t i = 0; i < n; i++) {
        struct dp_packet *p = dp_packet_new(size);

        dp_packet_put_zeros(p, size);
        dp_packet_batch_add(batch, p);
    }
}

/* Runs 'n' packets of 'size' bytes through meter 'id' of 'table' at time
 * 'now' and returns how many passed. */
static size_t
run(struct dp_meter_table *table, uint32_t id, size_t n, size_t size,
    long long int now)
{
    struct dp_packet_batch batch;
    size_t passed;

    make_batch(&batch, n, size);
    dp_meter_run(table, &batch, id, now);
    passed = batch.count;
    dp_packet_delete_batch(&batch, true);
    return passed;
}

/* Sets meter 'id' of 'table' to 'flags' and the 'n' drop bands of 'rates'
 * (with burst size 'burst' each).  Returns dp_meter_set()'s result. */
static int
set(struct dp_meter_table *table, uint32_t id, uint16_t flags,
    const uint32_t *rates, size_t n, uint32_t burst, uint16_t type)
{
    struct ofputil_meter_band bands[16];
    struct ofputil_meter_config mc;

    ovs_assert(n <= ARRAY_SIZE(bands));
    memset(bands, 0, sizeof bands);
    for (size_t i = 0; i < n; i++) {
        bands[i].type = type;
        bands[i].rate = rates[i];
        bands[i].burst_size = burst;
    }
    memset(&mc, 0, sizeof mc);
    mc.meter_id = id + 1;
    mc.flags = flags;
    mc.n_bands = n;
    mc.bands = bands;
    return dp_meter_set(table, id, &mc);
}

static void
test_dpif_netdev_meter_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofputil_meter_band_stats band_stats[8];
    struct dp_meter_table *table = dp_meter_table_create();
    struct ofputil_meter_features mf;
    struct ofputil_meter_stats ms;
    static const uint32_t ten[] = { 10 };
    static const uint32_t two[] = { 10, 20 };
    static const uint32_t nine[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };

    dp_meter_get_features(&mf);
    ovs_assert(mf.max_meters == DP_METER_MAX && mf.max_bands == 8);
    ovs_assert(mf.band_types == 1u << OFPMBT13_DROP);

    /* Refused configurations. */
    ovs_assert(set(table, DP_METER_MAX, OFPMF13_PKTPS, ten, 1, 0,
                   OFPMBT13_DROP) == EFBIG);
    ovs_assert(set(table, 1, OFPMF13_PKTPS, ten, 1, 0,
                   OFPMBT13_DSCP_REMARK) == ENODEV);
    ovs_assert(set(table, 1, OFPMF13_PKTPS, nine, 9, 0, OFPMBT13_DROP)
               == EINVAL);
    ovs_assert(set(table, 1, OFPMF13_STATS, ten, 1, 0, OFPMBT13_DROP)
               == EINVAL);
    ovs_assert(dp_meter_get(table, 1, &ms, 0) == ENOENT);
    ovs_assert(dp_meter_del(table, 1, NULL, 0) == ENOENT);

    /* A meter that does not exist lets everything through. */
    ovs_assert(run(table, 5, 20, 100, 0) == 20);

    /* 10 packets per second: a full bucket of 10, then one packet per
     * 100 ms, fractions carried over. */
    ovs_assert(!set(table, 5, OFPMF13_PKTPS, ten, 1, 0, OFPMBT13_DROP));
    ovs_assert(run(table, 5, 25, 100, 1000) == 10);
    ovs_assert(run(table, 5, 5, 100, 1100) == 1);
    ovs_assert(run(table, 5, 1, 100, 1150) == 0);
    ovs_assert(run(table, 5, 1, 100, 1200) == 1);
    ovs_assert(run(table, 5, 20, 100, 3200) == 10);  /* At most full. */
    ovs_assert(run(table, 5, 1, 100, 3100) == 0);    /* Time going back. */
    ms.bands = band_stats;
    ovs_assert(!dp_meter_get(table, 5, &ms, ARRAY_SIZE(band_stats)));
    ovs_assert(ms.packet_in_count == 53 && ms.byte_in_count == 5300);
    ovs_assert(ms.n_bands == 1 && band_stats[0].packet_count == 31
               && band_stats[0].byte_count == 3100);

    /* Burst size, and replacing a meter starts it again. */
    ovs_assert(!set(table, 5, OFPMF13_PKTPS | OFPMF13_BURST, ten, 1, 30,
                    OFPMBT13_DROP));
    ovs_assert(!dp_meter_get(table, 5, &ms, ARRAY_SIZE(band_stats)));
    ovs_assert(ms.packet_in_count == 0 && band_stats[0].packet_count == 0);
    ovs_assert(run(table, 5, 35, 100, 0) == 30);
    ovs_assert(run(table, 5, 35, 100, 100000) == 30);

    /* Kilobits per second: 8 kbit/s holds 1000 bytes. */
    ovs_assert(!set(table, 7, OFPMF13_KBPS, (uint32_t[]) { 8 }, 1, 0,
                    OFPMBT13_DROP));
    ovs_assert(run(table, 7, 15, 106, 0) == 9);
    ovs_assert(run(table, 7, 15, 106, 1000) == 9);

    /* Two bands: a packet counts in the band of highest rate among those
     * it exceeds. */
    ovs_assert(!set(table, 9, OFPMF13_PKTPS, two, 2, 0, OFPMBT13_DROP));
    ovs_assert(run(table, 9, 25, 100, 0) == 10);
    ovs_assert(!dp_meter_del(table, 9, &ms, ARRAY_SIZE(band_stats)));
    ovs_assert(ms.n_bands == 2 && ms.packet_in_count == 25);
    ovs_assert(band_stats[0].packet_count == 10
               && band_stats[1].packet_count == 5);
    ovs_assert(dp_meter_get(table, 9, &ms, 0) == ENOENT);

    /* Fewer band counters than bands. */
    ovs_assert(!dp_meter_get(table, 5, &ms, 0));
    ovs_assert(ms.n_bands == 0);

    /* Meter ids in different chunks; a meter without bands. */
    ovs_assert(!set(table, DP_METER_MAX - 1, OFPMF13_PKTPS, ten, 0, 0,
                    OFPMBT13_DROP));
    ovs_assert(run(table, DP_METER_MAX - 1, 30, 100, 0) == 30);

    dp_meter_table_destroy(table);
    ovsrcu_barrier();
}

OVSTEST_REGISTER("test-dpif-netdev-meter", test_dpif_netdev_meter_main);
