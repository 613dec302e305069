/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofproto/ofproto-meter.h"

#include <errno.h>
#include <string.h>
#include "coverage.h"
#include "hash.h"
#include "ofpbuf.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofproto-provider.h"
#include "openflow/openflow.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(ofproto_meter);

COVERAGE_DEFINE(ofproto_meter_add);
COVERAGE_DEFINE(ofproto_meter_modify);
COVERAGE_DEFINE(ofproto_meter_delete);

/* A rule that uses a meter, in the meter's 'rules'. */
struct meter_rule {
    struct hmap_node node;      /* In the meter's 'rules', by
                                 * hash_pointer() of 'rule'. */
    struct rule *rule;          /* The rule (not a reference: the rule
                                 * leaves the map before it is freed). */
};

/* Returns the hash of meter 'id' in ofproto's 'meters': hash_int(), as
 * for every map whose order a listing shows (the same as upstream's). */
static uint32_t
meter_hash(uint32_t id)
{
    return hash_int(id, 0);
}

void
ofproto_meters_init(struct ofproto *ofproto)
{
    hmap_init(&ofproto->meters);
    ofproto->controller_meter_id = UINT32_MAX;
    memset(&ofproto->meter_features, 0, sizeof ofproto->meter_features);
    if (ofproto->ofproto_class->meter_get_features) {
        ofproto->ofproto_class->meter_get_features(
            ofproto, &ofproto->meter_features);
    }
}

struct meter *
ofproto_get_meter(const struct ofproto *ofproto, uint32_t id)
{
    struct meter *meter;

    HMAP_FOR_EACH_WITH_HASH (meter, node, meter_hash(id), &ofproto->meters) {
        if (meter->id == id) {
            return meter;
        }
    }
    return NULL;
}

/* Removes 'meter' from the table of 'ofproto' and from the provider, and
 * frees it.  No rule may use it any more. */
static void
meter_destroy(struct ofproto *ofproto, struct meter *meter)
{
    struct meter_rule *mr;

    hmap_remove(&ofproto->meters, &meter->node);
    if (meter->id == OFPM13_CONTROLLER) {
        __atomic_store_n(&ofproto->controller_meter_id, UINT32_MAX,
                         __ATOMIC_RELEASE);
    }
    if (ofproto->ofproto_class->meter_del) {
        ofproto->ofproto_class->meter_del(ofproto, meter->provider_meter_id);
    }
    HMAP_FOR_EACH_POP (mr, node, &meter->rules) {
        free(mr);
    }
    hmap_destroy(&meter->rules);
    free(meter->bands);
    free(meter);
}

void
ofproto_meters_destroy(struct ofproto *ofproto)
{
    struct meter *meter;

    HMAP_FOR_EACH_SAFE (meter, node, &ofproto->meters) {
        meter_destroy(ofproto, meter);
    }
    hmap_destroy(&ofproto->meters);
}

enum ofperr
ofproto_meters_bind_actions(const struct ofproto *ofproto,
                            struct rule_actions *actions)
{
    return (actions->has_meter
            ? ofproto_meters_bind_ofpacts(ofproto, actions->ofpacts,
                                          actions->ofpacts_len)
            : 0);
}

enum ofperr
ofproto_meters_bind_ofpacts(const struct ofproto *ofproto,
                            struct ofpact *ofpacts, size_t ofpacts_len)
{
    struct ofpact *a;

    OFPACT_FOR_EACH_FLATTENED (a, ofpacts, ofpacts_len) {
        if (a->type == OFPACT_METER) {
            struct ofpact_meter *om = ofpact_get_METER(a);
            const struct meter *meter = ofproto_get_meter(ofproto,
                                                          om->meter_id);

            if (!meter) {
                return OFPERR_OFPMMFC_INVALID_METER;
            }
            om->provider_meter_id = meter->provider_meter_id.uint32;
        }
    }
    return 0;
}

/* Returns the entry of 'rule' in 'meter''s rules, or NULL. */
static struct meter_rule *
meter_find_rule(const struct meter *meter, const struct rule *rule)
{
    struct meter_rule *mr;

    HMAP_FOR_EACH_WITH_HASH (mr, node, hash_pointer(rule, 0),
                             &meter->rules) {
        if (mr->rule == rule) {
            return mr;
        }
    }
    return NULL;
}

/* Records 'rule' in (if 'add') or removes it from the rule sets of the
 * meters that its actions use. */
static void
meters_track_rule(struct ofproto *ofproto, struct rule *rule, bool add)
{
    const struct rule_actions *actions = rule_get_actions(rule);
    const struct ofpact *a;

    if (!actions->has_meter) {
        return;
    }
    OFPACT_FOR_EACH_FLATTENED (a, actions->ofpacts, actions->ofpacts_len) {
        if (a->type != OFPACT_METER) {
            continue;
        }

        struct meter *meter
            = ofproto_get_meter(ofproto, ofpact_get_METER(a)->meter_id);
        struct meter_rule *mr = meter ? meter_find_rule(meter, rule) : NULL;

        if (add && meter && !mr) {
            mr = xmalloc(sizeof *mr);
            mr->rule = rule;
            hmap_insert(&meter->rules, &mr->node, hash_pointer(rule, 0));
        } else if (!add && mr) {
            hmap_remove(&meter->rules, &mr->node);
            free(mr);
        }
    }
}

void
ofproto_meters_rule_added(struct ofproto *ofproto, struct rule *rule)
{
    meters_track_rule(ofproto, rule, true);
}

void
ofproto_meters_rule_removed(struct ofproto *ofproto, struct rule *rule)
{
    meters_track_rule(ofproto, rule, false);
}

/* Meter-mods. */

/* Returns true if a meter-mod may add or modify meter 'id': the usable
 * ids and the two special meters. */
static bool
meter_id_is_valid(uint32_t id)
{
    return ((id && id <= OFPM13_MAX)
            || id == OFPM13_SLOWPATH || id == OFPM13_CONTROLLER);
}

/* Checks the flags, the number of bands and the rates of 'config' against
 * what 'ofproto''s meters can do.  Returns 0 or an OFPERR_OFPMMFC_*. */
static enum ofperr
meter_check_config(const struct ofproto *ofproto,
                   const struct ofputil_meter_config *config)
{
    const struct ofputil_meter_features *mf = &ofproto->meter_features;
    uint16_t rate_flags = config->flags & (OFPMF13_KBPS | OFPMF13_PKTPS);
    size_t i;

    if (rate_flags != OFPMF13_KBPS && rate_flags != OFPMF13_PKTPS) {
        return OFPERR_OFPMMFC_BAD_FLAGS;
    }
    if (config->flags & ~mf->capabilities) {
        return OFPERR_OFPMMFC_BAD_FLAGS;
    }
    if (config->n_bands > mf->max_bands) {
        return OFPERR_OFPMMFC_OUT_OF_BANDS;
    }
    for (i = 0; i < config->n_bands; i++) {
        const struct ofputil_meter_band *band = &config->bands[i];

        /* The provider refuses the band types it does not know, as
         * upstream's do. */
        if (!band->rate) {
            return OFPERR_OFPMMFC_BAD_RATE;
        }
    }
    return 0;
}

/* Gives 'meter' a copy of the flags and bands of 'config'. */
static void
meter_set_config(struct meter *meter,
                 const struct ofputil_meter_config *config)
{
    free(meter->bands);
    meter->flags = config->flags;
    meter->n_bands = config->n_bands;
    meter->bands = (config->n_bands
                    ? xmemdup(config->bands,
                              config->n_bands * sizeof *config->bands)
                    : NULL);
}

/* OFPMC13_ADD. */
static enum ofperr
meter_add(struct ofproto *ofproto, struct ofputil_meter_config *config)
{
    ofproto_meter_id provider_meter_id = { UINT32_MAX };
    struct meter *meter;
    enum ofperr error;

    if (!meter_id_is_valid(config->meter_id)) {
        return OFPERR_OFPMMFC_INVALID_METER;
    }
    if (ofproto_get_meter(ofproto, config->meter_id)) {
        return OFPERR_OFPMMFC_METER_EXISTS;
    }
    error = meter_check_config(ofproto, config);
    if (error) {
        return error;
    }
    if (!ofproto->ofproto_class->meter_set
        || !ofproto->meter_features.max_meters) {
        return OFPERR_OFPMMFC_OUT_OF_METERS;
    }
    error = ofproto->ofproto_class->meter_set(ofproto, &provider_meter_id,
                                              config);
    if (error) {
        return error;
    }

    COVERAGE_INC(ofproto_meter_add);
    meter = xzalloc(sizeof *meter);
    meter->id = config->meter_id;
    meter->provider_meter_id = provider_meter_id;
    meter->created = time_msec();
    hmap_init(&meter->rules);
    meter_set_config(meter, config);
    hmap_insert(&ofproto->meters, &meter->node, meter_hash(meter->id));
    if (meter->id == OFPM13_CONTROLLER) {
        __atomic_store_n(&ofproto->controller_meter_id,
                         provider_meter_id.uint32, __ATOMIC_RELEASE);
    }
    return 0;
}

/* OFPMC13_MODIFY. */
static enum ofperr
meter_modify(struct ofproto *ofproto, struct ofputil_meter_config *config)
{
    struct meter *meter;
    enum ofperr error;

    if (!meter_id_is_valid(config->meter_id)) {
        return OFPERR_OFPMMFC_INVALID_METER;
    }
    meter = ofproto_get_meter(ofproto, config->meter_id);
    if (!meter) {
        return OFPERR_OFPMMFC_UNKNOWN_METER;
    }
    error = meter_check_config(ofproto, config);
    if (error) {
        return error;
    }
    error = ofproto->ofproto_class->meter_set(ofproto,
                                              &meter->provider_meter_id,
                                              config);
    if (error) {
        return error;
    }
    COVERAGE_INC(ofproto_meter_modify);
    meter_set_config(meter, config);
    return 0;
}

/* Deletes 'meter' of 'ofproto' and the rules that use it. */
static void
meter_delete(struct ofproto *ofproto, struct meter *meter)
{
    if (!hmap_is_empty(&meter->rules)) {
        size_t n = hmap_count(&meter->rules);
        struct rule **rules = xmalloc(n * sizeof *rules);
        struct meter_rule *mr;
        size_t i = 0;

        HMAP_FOR_EACH (mr, node, &meter->rules) {
            rules[i++] = mr->rule;
        }
        /* Deleting the rules also takes them out of 'meter->rules'. */
        ofproto_rules_delete(ofproto, rules, n, OFPRR_METER_DELETE);
        free(rules);
    }
    COVERAGE_INC(ofproto_meter_delete);
    meter_destroy(ofproto, meter);
}

/* OFPMC13_DELETE: of meter 'id', or of every meter if 'id' is OFPM13_ALL.
 * Deleting a meter that does not exist is not an error. */
static void
meter_delete_id(struct ofproto *ofproto, uint32_t id)
{
    if (id == OFPM13_ALL) {
        struct meter *meter;

        HMAP_FOR_EACH_SAFE (meter, node, &ofproto->meters) {
            meter_delete(ofproto, meter);
        }
    } else {
        struct meter *meter = ofproto_get_meter(ofproto, id);

        if (meter) {
            meter_delete(ofproto, meter);
        }
    }
}

enum ofperr
ofproto_handle_meter_mod(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofproto *ofproto = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ofputil_meter_mod mm;
    uint64_t bands_stub[256 / 8];
    struct ofpbuf bands;
    enum ofperr error;

    if (ofconn_get_role(ofconn) == OFPCR12_ROLE_SLAVE) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }

    ofpbuf_use_stub(&bands, bands_stub, sizeof bands_stub);
    error = ofputil_decode_meter_mod(oh, &mm, &bands);
    if (!error) {
        switch (mm.command) {
        case OFPMC13_ADD:
            error = meter_add(ofproto, &mm.meter);
            break;
        case OFPMC13_MODIFY:
            error = meter_modify(ofproto, &mm.meter);
            break;
        case OFPMC13_DELETE:
            meter_delete_id(ofproto, mm.meter.meter_id);
            break;
        default:
            error = OFPERR_OFPMMFC_BAD_COMMAND;
            break;
        }
    }
    ofpbuf_uninit(&bands);
    return error;
}

/* Meter multipart requests. */

/* Appends the statistics of 'meter' of 'ofproto' to 'replies'. */
static void
meter_append_stats(const struct ofproto *ofproto, const struct meter *meter,
                   struct ovs_list *replies)
{
    struct ofputil_meter_band_stats *band_stats;
    struct ofputil_meter_stats stats;
    long long int msec = time_msec() - meter->created;

    memset(&stats, 0, sizeof stats);
    band_stats = xcalloc(MAX(meter->n_bands, 1), sizeof *band_stats);
    stats.bands = band_stats;
    stats.n_bands = meter->n_bands;
    if (ofproto->ofproto_class->meter_get) {
        ofproto->ofproto_class->meter_get(ofproto, meter->provider_meter_id,
                                          &stats);
    }
    /* Every band is listed, counted or not. */
    stats.n_bands = meter->n_bands;
    stats.meter_id = meter->id;
    stats.flow_count = hmap_count(&meter->rules);
    msec = MAX(msec, 0);
    stats.duration_sec = msec / 1000;
    stats.duration_nsec = msec % 1000 * 1000 * 1000;
    ofputil_append_meter_stats(replies, &stats);
    free(band_stats);
}

/* Appends the configuration of 'meter' to 'replies'. */
static void
meter_append_config(const struct meter *meter, struct ovs_list *replies)
{
    struct ofputil_meter_config config;

    config.meter_id = meter->id;
    config.flags = meter->flags;
    config.n_bands = meter->n_bands;
    config.bands = meter->bands;
    ofputil_append_meter_config(replies, &config);
}

enum ofperr
ofproto_handle_meter_request(struct ofconn *ofconn,
                             const struct ofp_header *oh)
{
    struct ofproto *ofproto = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));
    struct ovs_list replies;
    enum ofpraw raw;
    uint32_t id;

    if (ofpraw_decode(&raw, oh)) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    ofputil_decode_meter_request(oh, &id);

    ofpmp_init(&replies, oh);
    if (id == OFPM13_ALL) {
        const struct meter *meter;

        HMAP_FOR_EACH (meter, node, &ofproto->meters) {
            if (raw == OFPRAW_OFPST13_METER_REQUEST) {
                meter_append_stats(ofproto, meter, &replies);
            } else {
                meter_append_config(meter, &replies);
            }
        }
    } else {
        const struct meter *meter = ofproto_get_meter(ofproto, id);

        if (!meter) {
            ofpmp_destroy(&replies);
            return OFPERR_OFPMMFC_UNKNOWN_METER;
        }
        if (raw == OFPRAW_OFPST13_METER_REQUEST) {
            meter_append_stats(ofproto, meter, &replies);
        } else {
            meter_append_config(meter, &replies);
        }
    }
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

enum ofperr
ofproto_handle_meter_features_request(struct ofconn *ofconn,
                                      const struct ofp_header *oh)
{
    struct ofproto *ofproto = connmgr_get_ofproto(ofconn_get_connmgr(ofconn));

    ofconn_send_reply(ofconn, ofputil_encode_meter_features_reply(
                          &ofproto->meter_features, oh));
    return 0;
}
