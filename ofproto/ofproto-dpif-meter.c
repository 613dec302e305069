/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofproto/ofproto-dpif-meter.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <linux/openvswitch.h>
#include "hash.h"
#include "netlink.h"
#include "ofpbuf.h"
#include "ofproto/ofproto-dpif.h"
#include "ofproto/ofproto-provider.h"
#include "openvswitch/hmap.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofproto_dpif_meter);

/* The datapath meter ids in use in one datapath.  An entry exists only
 * while some id is in use, so that a datapath that goes away leaves
 * nothing behind. */
struct meter_ids {
    struct hmap_node node;      /* In 'all_meter_ids', by hash of
                                 * 'dpif'. */
    const struct dpif *dpif;    /* The datapath. */
    uint32_t max;               /* Ids are below this ('max_meters'). */
    size_t n_used;              /* Number of ids in use. */
    unsigned long *bits;        /* Bitmap of the ids in use. */
};

/* All "struct meter_ids"s (main thread). */
static struct hmap all_meter_ids = HMAP_INITIALIZER(&all_meter_ids);

#define ULONG_BITS (sizeof(unsigned long) * CHAR_BIT)

/* Returns the datapath of bridge 'ofproto'. */
static struct dpif *
ofproto_meter_dpif(const struct ofproto *ofproto)
{
    return ofproto_dpif_cast(ofproto)->backer->dpif;
}

/* Returns the meter ids in use in 'dpif', or NULL if none is. */
static struct meter_ids *
meter_ids_find(const struct dpif *dpif)
{
    struct meter_ids *ids;

    HMAP_FOR_EACH_WITH_HASH (ids, node, hash_pointer(dpif, 0),
                             &all_meter_ids) {
        if (ids->dpif == dpif) {
            return ids;
        }
    }
    return NULL;
}

/* Allocates the lowest free meter id of 'dpif', whose meters number
 * 'max', into '*id'.  Returns false if every id is in use. */
static bool
meter_id_alloc(const struct dpif *dpif, uint32_t max, uint32_t *id)
{
    struct meter_ids *ids = meter_ids_find(dpif);
    size_t n_words = DIV_ROUND_UP(max, ULONG_BITS);

    if (!ids) {
        ids = xzalloc(sizeof *ids);
        ids->dpif = dpif;
        ids->max = max;
        ids->bits = xcalloc(n_words, sizeof *ids->bits);
        hmap_insert(&all_meter_ids, &ids->node, hash_pointer(dpif, 0));
    }
    for (size_t i = 0; i < DIV_ROUND_UP(ids->max, ULONG_BITS); i++) {
        if (ids->bits[i] != ULONG_MAX) {
            uint32_t bit = __builtin_ctzl(~ids->bits[i]);
            uint32_t candidate = i * ULONG_BITS + bit;

            if (candidate >= ids->max) {
                break;
            }
            ids->bits[i] |= 1UL << bit;
            ids->n_used++;
            *id = candidate;
            return true;
        }
    }
    if (!ids->n_used) {
        hmap_remove(&all_meter_ids, &ids->node);
        free(ids->bits);
        free(ids);
    }
    return false;
}

/* Frees meter id 'id' of 'dpif'. */
static void
meter_id_free(const struct dpif *dpif, uint32_t id)
{
    struct meter_ids *ids = meter_ids_find(dpif);

    if (ids && id < ids->max
        && ids->bits[id / ULONG_BITS] & (1UL << (id % ULONG_BITS))) {
        ids->bits[id / ULONG_BITS] &= ~(1UL << (id % ULONG_BITS));
        if (!--ids->n_used) {
            hmap_remove(&all_meter_ids, &ids->node);
            free(ids->bits);
            free(ids);
        }
    }
}

void
ofproto_dpif_meter_get_features(const struct ofproto *ofproto,
                                struct ofputil_meter_features *features)
{
    dpif_meter_get_features(ofproto_meter_dpif(ofproto), features);
}

enum ofperr
ofproto_dpif_meter_set(struct ofproto *ofproto, ofproto_meter_id *id,
                       struct ofputil_meter_config *config)
{
    struct dpif *dpif = ofproto_meter_dpif(ofproto);
    bool allocated = false;
    int error;

    if (id->uint32 == UINT32_MAX) {
        if (!ofproto->meter_features.max_meters
            || !meter_id_alloc(dpif, ofproto->meter_features.max_meters,
                               &id->uint32)) {
            return OFPERR_OFPMMFC_OUT_OF_METERS;
        }
        allocated = true;
    }
    error = dpif_meter_set(dpif, *id, config);
    if (error) {
        if (allocated) {
            meter_id_free(dpif, id->uint32);
            id->uint32 = UINT32_MAX;
        }
        return (error == ENODEV ? OFPERR_OFPMMFC_BAD_BAND
                : error == EFBIG || error == ENOSPC || error == EOPNOTSUPP
                ? OFPERR_OFPMMFC_OUT_OF_METERS
                : OFPERR_OFPMMFC_INVALID_METER);
    }
    /* The controller meter changes the translation of the flows that send
     * to controllers. */
    ofproto_dpif_revalidate(ofproto_dpif_cast(ofproto), REV_RECONFIGURE);
    return 0;
}

enum ofperr
ofproto_dpif_meter_get(const struct ofproto *ofproto, ofproto_meter_id id,
                       struct ofputil_meter_stats *stats)
{
    int error = dpif_meter_get(ofproto_meter_dpif(ofproto), id, stats,
                               stats->n_bands);

    return error ? OFPERR_OFPMMFC_UNKNOWN_METER : 0;
}

void
ofproto_dpif_meter_del(struct ofproto *ofproto, ofproto_meter_id id)
{
    struct dpif *dpif = ofproto_meter_dpif(ofproto);

    if (id.uint32 != UINT32_MAX) {
        dpif_meter_del(dpif, id, NULL, 0);
        meter_id_free(dpif, id.uint32);
        ofproto_dpif_revalidate(ofproto_dpif_cast(ofproto), REV_RECONFIGURE);
    }
}

void
xlate_meter_action(const struct ofpact_meter *om, struct ofpbuf *odp_actions)
{
    if (om->provider_meter_id != UINT32_MAX) {
        nl_msg_put_u32(odp_actions, OVS_ACTION_ATTR_METER,
                       om->provider_meter_id);
    }
}

bool
xlate_controller_meter_start(const struct ofproto_dpif *ofproto,
                             struct ofpbuf *odp_actions, size_t ofs[2])
{
    uint32_t id = __atomic_load_n(&ofproto->up.controller_meter_id,
                                  __ATOMIC_ACQUIRE);

    if (id == UINT32_MAX) {
        return false;
    }
    ofs[0] = nl_msg_start_nested(odp_actions, OVS_ACTION_ATTR_SAMPLE);
    nl_msg_put_u32(odp_actions, OVS_SAMPLE_ATTR_PROBABILITY, UINT32_MAX);
    ofs[1] = nl_msg_start_nested(odp_actions, OVS_SAMPLE_ATTR_ACTIONS);
    nl_msg_put_u32(odp_actions, OVS_ACTION_ATTR_METER, id);
    return true;
}

void
xlate_controller_meter_end(struct ofpbuf *odp_actions, const size_t ofs[2])
{
    nl_msg_end_nested(odp_actions, ofs[1]);
    nl_msg_end_nested(odp_actions, ofs[0]);
}
