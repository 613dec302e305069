/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "dpif-netdev-meter.h"

#include <errno.h>
#include <string.h>
#include <linux/openvswitch.h>
#include "dp-packet.h"
#include "netlink.h"
#include "openflow/openflow.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/util.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"

/* Meters live in chunks of DP_METER_CHUNK pointers, allocated when the
 * first meter of the chunk is created, so that an empty table is small
 * while lookups stay two array indexes. */
#define DP_METER_CHUNK 1024
#define DP_METER_N_CHUNKS (DP_METER_MAX / DP_METER_CHUNK)

/* Longest time that refills a bucket at once, in milliseconds: a bucket
 * is full long before, and the cap keeps the products below in 64
 * bits. */
#define DP_METER_MAX_ELAPSED (1000LL * 1000 * 1000)

/* One band of a meter: a token bucket and its counters. */
struct dp_meter_band {
    uint32_t rate;              /* Rate, in the meter's unit per second. */
    uint64_t capacity;          /* Bucket size, in tokens. */
    uint64_t bucket;            /* Tokens in the bucket (at most
                                 * 'capacity').  A token is a thousandth
                                 * of a packet for OFPMF13_PKTPS meters, a
                                 * bit for OFPMF13_KBPS meters, so that
                                 * 'rate' tokens drip in every
                                 * millisecond. */
    uint64_t packet_count;      /* Packets counted in this band. */
    uint64_t byte_count;        /* Bytes counted in this band. */
};

/* A meter. */
struct dp_meter {
    struct ovs_mutex mutex;     /* Protects the members below that change:
                                 * 'used', the counters and buckets. */
    bool kbps;                  /* Rates in kbit/s (else packets/s). */
    long long int used;         /* time_msec() of the last refill. */
    uint64_t packet_count;      /* Packets through the meter. */
    uint64_t byte_count;        /* Bytes through the meter. */
    uint16_t n_bands;           /* Number of elements of 'bands'. */
    struct dp_meter_band bands[]; /* The bands, in configuration order. */
};

/* A meter table. */
struct dp_meter_table {
    struct ovs_mutex mutex;     /* Serializes changes (not lookups). */
    struct dp_meter **chunks[DP_METER_N_CHUNKS]; /* Chunks of meter
                                                  * pointers, NULL where no
                                                  * meter was ever created
                                                  * (__atomic). */
};

struct dp_meter_table *
dp_meter_table_create(void)
{
    struct dp_meter_table *table = xzalloc(sizeof *table);

    ovs_mutex_init(&table->mutex);
    return table;
}

static void
dp_meter_free(struct dp_meter *meter)
{
    if (meter) {
        ovs_mutex_destroy(&meter->mutex);
        free(meter);
    }
}

void
dp_meter_table_destroy(struct dp_meter_table *table)
{
    if (!table) {
        return;
    }
    for (size_t i = 0; i < DP_METER_N_CHUNKS; i++) {
        struct dp_meter **chunk = table->chunks[i];

        if (chunk) {
            for (size_t j = 0; j < DP_METER_CHUNK; j++) {
                dp_meter_free(chunk[j]);
            }
            free(chunk);
        }
    }
    ovs_mutex_destroy(&table->mutex);
    free(table);
}

void
dp_meter_get_features(struct ofputil_meter_features *features)
{
    memset(features, 0, sizeof *features);
    features->max_meters = DP_METER_MAX;
    features->band_types = 1u << OFPMBT13_DROP;
    features->capabilities = (OFPMF13_KBPS | OFPMF13_PKTPS | OFPMF13_BURST
                              | OFPMF13_STATS);
    features->max_bands = DP_METER_MAX_BANDS;
    features->max_color = 0;
}

/* Returns the address of the slot of meter 'id' in 'table', or NULL if its
 * chunk does not exist. */
static struct dp_meter **
dp_meter_slot(const struct dp_meter_table *table, uint32_t id)
{
    struct dp_meter **chunk;

    chunk = __atomic_load_n(&table->chunks[id / DP_METER_CHUNK],
                            __ATOMIC_ACQUIRE);
    return chunk ? &chunk[id % DP_METER_CHUNK] : NULL;
}

/* Returns meter 'id' of 'table', or NULL. */
static struct dp_meter *
dp_meter_lookup(const struct dp_meter_table *table, uint32_t id)
{
    struct dp_meter **slot;

    if (id >= DP_METER_MAX) {
        return NULL;
    }
    slot = dp_meter_slot(table, id);
    return slot ? __atomic_load_n(slot, __ATOMIC_ACQUIRE) : NULL;
}

/* Replaces meter 'id' of 'table' by 'meter' (NULL to delete it), freeing
 * the old one after an RCU grace period.  The caller holds the table's
 * mutex. */
static void
dp_meter_replace(struct dp_meter_table *table, uint32_t id,
                 struct dp_meter *meter)
{
    struct dp_meter **slot = dp_meter_slot(table, id);
    struct dp_meter *old;

    if (!slot) {
        struct dp_meter **chunk = xcalloc(DP_METER_CHUNK, sizeof *chunk);

        __atomic_store_n(&table->chunks[id / DP_METER_CHUNK], chunk,
                         __ATOMIC_RELEASE);
        slot = &chunk[id % DP_METER_CHUNK];
    }
    old = *slot;
    __atomic_store_n(slot, meter, __ATOMIC_RELEASE);
    if (old) {
        ovsrcu_postpone(dp_meter_free, old);
    }
}

int
dp_meter_set(struct dp_meter_table *table, uint32_t id,
             const struct ofputil_meter_config *config)
{
    bool kbps = config->flags & OFPMF13_KBPS;
    struct dp_meter *meter;

    if (id >= DP_METER_MAX) {
        return EFBIG;
    }
    if (config->n_bands > DP_METER_MAX_BANDS
        || !(config->flags & (OFPMF13_KBPS | OFPMF13_PKTPS))) {
        return EINVAL;
    }
    for (size_t i = 0; i < config->n_bands; i++) {
        if (config->bands[i].type != OFPMBT13_DROP) {
            return ENODEV;
        }
    }

    meter = xzalloc(sizeof *meter + config->n_bands * sizeof *meter->bands);
    ovs_mutex_init(&meter->mutex);
    meter->kbps = kbps;
    meter->used = -1;
    meter->n_bands = config->n_bands;
    for (size_t i = 0; i < config->n_bands; i++) {
        const struct ofputil_meter_band *src = &config->bands[i];
        struct dp_meter_band *band = &meter->bands[i];
        uint32_t size = (config->flags & OFPMF13_BURST && src->burst_size
                         ? src->burst_size : src->rate);

        band->rate = src->rate;
        band->capacity = (uint64_t) size * 1000;
        band->bucket = band->capacity;
    }

    ovs_mutex_lock(&table->mutex);
    dp_meter_replace(table, id, meter);
    ovs_mutex_unlock(&table->mutex);
    return 0;
}

/* Copies the statistics of 'meter' into 'stats' (see dp_meter_get()). */
static void
dp_meter_read_stats(struct dp_meter *meter, struct ofputil_meter_stats *stats,
                    uint16_t n_bands)
{
    ovs_mutex_lock(&meter->mutex);
    stats->packet_in_count = meter->packet_count;
    stats->byte_in_count = meter->byte_count;
    stats->n_bands = MIN(n_bands, meter->n_bands);
    for (size_t i = 0; i < stats->n_bands; i++) {
        stats->bands[i].packet_count = meter->bands[i].packet_count;
        stats->bands[i].byte_count = meter->bands[i].byte_count;
    }
    ovs_mutex_unlock(&meter->mutex);
}

/* Reads the statistics of meter 'id' of 'table' into 'stats' (if
 * nonnull), then deletes the meter if 'delete'.  Returns ENOENT if there is
 * no such meter. */
static int
dp_meter_read__(struct dp_meter_table *table, uint32_t id,
                struct ofputil_meter_stats *stats, uint16_t n_bands,
                bool delete)
{
    struct dp_meter *meter;
    int error = 0;

    /* The table's mutex keeps the meter from being freed meanwhile. */
    ovs_mutex_lock(&table->mutex);
    meter = dp_meter_lookup(table, id);
    if (meter) {
        if (stats) {
            dp_meter_read_stats(meter, stats, n_bands);
        }
        if (delete) {
            dp_meter_replace(table, id, NULL);
        }
    } else {
        error = ENOENT;
    }
    ovs_mutex_unlock(&table->mutex);
    return error;
}

int
dp_meter_get(const struct dp_meter_table *table, uint32_t id,
             struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    return dp_meter_read__(CONST_CAST(struct dp_meter_table *, table), id,
                           stats, n_bands, false);
}

int
dp_meter_del(struct dp_meter_table *table, uint32_t id,
             struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    return dp_meter_read__(table, id, stats, n_bands, true);
}

/* Adds to the buckets of 'meter' the tokens of the time since it was last
 * used, if 'now' is later.  The caller holds the meter's mutex. */
static void
dp_meter_refill(struct dp_meter *meter, long long int now)
{
    long long int elapsed;

    if (meter->used < 0) {
        /* The buckets start full. */
        meter->used = now;
        return;
    }
    elapsed = now - meter->used;
    if (elapsed <= 0) {
        return;
    }
    meter->used = now;
    elapsed = MIN(elapsed, DP_METER_MAX_ELAPSED);
    for (size_t i = 0; i < meter->n_bands; i++) {
        struct dp_meter_band *band = &meter->bands[i];
        uint64_t room = band->capacity - band->bucket;
        uint64_t add = (uint64_t) elapsed * band->rate;

        band->bucket += MIN(add, room);
    }
}

void
dp_meter_run(struct dp_meter_table *table, struct dp_packet_batch *batch,
             uint32_t id, long long int now)
{
    struct dp_meter *meter = dp_meter_lookup(table, id);
    struct dp_packet_batch kept;

    if (!meter || dp_packet_batch_is_empty(batch)) {
        return;
    }

    dp_packet_batch_init(&kept);
    kept.trunc = batch->trunc;
    ovs_mutex_lock(&meter->mutex);
    dp_meter_refill(meter, now);
    for (size_t i = 0; i < batch->count; i++) {
        struct dp_packet *packet = batch->packets[i];
        uint32_t size = dp_packet_size(packet);
        uint64_t cost = meter->kbps ? (uint64_t) size * 8 : 1000;
        int exceeded = -1;

        meter->packet_count++;
        meter->byte_count += size;
        for (size_t j = 0; j < meter->n_bands; j++) {
            struct dp_meter_band *band = &meter->bands[j];

            if (band->bucket >= cost) {
                band->bucket -= cost;
            } else if (exceeded < 0
                       || band->rate > meter->bands[exceeded].rate) {
                exceeded = j;
            }
        }
        if (exceeded >= 0) {
            meter->bands[exceeded].packet_count++;
            meter->bands[exceeded].byte_count += size;
        } else {
            kept.packets[kept.count++] = packet;
            batch->packets[i] = NULL;
        }
    }
    ovs_mutex_unlock(&meter->mutex);

    /* What is left in 'batch' was dropped. */
    for (size_t i = 0; i < batch->count; i++) {
        if (batch->packets[i]) {
            dp_packet_delete(batch->packets[i]);
        }
    }
    *batch = kept;
}

bool
dp_meter_in_actions(const void *actions, size_t actions_len)
{
    const struct nlattr *a;
    size_t left;

    NL_ATTR_FOR_EACH (a, left, actions, actions_len) {
        if (nl_attr_type(a) == OVS_ACTION_ATTR_METER) {
            return true;
        }
    }
    return false;
}
