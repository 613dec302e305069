/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DPIF_NETDEV_METER_H
#define DPIF_NETDEV_METER_H 1

/* The meters of the userspace datapath (dpif-netdev).
 *
 * A meter table holds up to DP_METER_MAX meters, each numbered by the
 * datapath meter id that ofproto chose.  A meter has up to
 * DP_METER_MAX_BANDS drop bands, each a token bucket in the meter's unit
 * (packets or kilobits per second) that holds at most the band's burst
 * size (its rate if the meter has no OFPMF13_BURST flag) and starts
 * full.  A packet takes its cost from every band that can pay it; if some
 * band cannot, the packet is dropped and counted in the band with the
 * highest rate among those that could not.
 *
 * Threads: dp_meter_run() may run in any number of forwarding threads at
 * once, concurrently with the other functions (called by the main
 * thread).  Meters are read under RCU and freed after a grace period. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dp_packet_batch;
struct ofputil_meter_config;
struct ofputil_meter_features;
struct ofputil_meter_stats;

/* The number of meters a table supports (meter ids 0 to DP_METER_MAX - 1)
 * and the number of bands per meter, as upstream's userspace datapath. */
#define DP_METER_MAX (1u << 18)
#define DP_METER_MAX_BANDS 8

struct dp_meter_table;

/* Returns a new, empty meter table; dp_meter_table_destroy() frees it
 * (with every meter still in it; NULL is allowed). */
struct dp_meter_table *dp_meter_table_create(void);
void dp_meter_table_destroy(struct dp_meter_table *);

/* Stores what the meters of a table can do in '*features'. */
void dp_meter_get_features(struct ofputil_meter_features *features);

/* Creates meter 'id' of 'table' with the flags and bands of 'config', or
 * replaces it (its statistics start again from zero).  Returns 0, EFBIG if
 * 'id' is not below DP_METER_MAX, ENODEV if a band is not a drop band, or
 * EINVAL if 'config' has too many bands or neither of the OFPMF13_KBPS
 * and OFPMF13_PKTPS flags.  A meter without bands lets every packet
 * pass. */
int dp_meter_set(struct dp_meter_table *table, uint32_t id,
                 const struct ofputil_meter_config *config);

/* Stores the statistics of meter 'id' of 'table' into '*stats' (packet
 * and byte counts, and the counters of up to 'n_bands' bands into the
 * caller's array 'stats->bands', setting 'stats->n_bands').  Returns 0, or
 * ENOENT if there is no such meter. */
int dp_meter_get(const struct dp_meter_table *table, uint32_t id,
                 struct ofputil_meter_stats *stats, uint16_t n_bands);

/* Deletes meter 'id' of 'table', first storing its statistics into
 * '*stats' as dp_meter_get() does if 'stats' is nonnull.  Returns 0, or
 * ENOENT if there is no such meter. */
int dp_meter_del(struct dp_meter_table *table, uint32_t id,
                 struct ofputil_meter_stats *stats, uint16_t n_bands);

/* Runs the packets of 'batch' through meter 'id' of 'table' at time
 * 'now' (time_msec()).  The packets that the meter drops are removed from
 * 'batch' and freed; 'batch' keeps the others, in order.  A meter that
 * does not exist lets every packet pass. */
void dp_meter_run(struct dp_meter_table *table, struct dp_packet_batch *batch,
                  uint32_t id, long long int now);

/* Returns true if the 'actions_len' bytes of datapath actions at 'actions'
 * contain a meter action at their top level. */
bool dp_meter_in_actions(const void *actions, size_t actions_len);

#endif /* dpif-netdev-meter.h */
