/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_METER_H
#define OFPROTO_METER_H 1

/* OpenFlow meters of a switch: the meter table of each ofproto (its
 * 'meters' member), the meter-mod and meter multipart (config, stats,
 * features) handlers, and the bookkeeping that ties rules to the meters
 * their actions use.
 *
 * A meter exists in the provider under a number of its own (the datapath
 * meter id, ofproto_meter_id), which ofproto stores into the
 * 'provider_meter_id' of every OFPACT_METER of a rule's actions when the
 * rule is created, so that translation needs no lookup.  A rule may only
 * use meters that exist (OFPERR_OFPMMFC_INVALID_METER otherwise), and
 * deleting a meter deletes the rules that use it (flow removed reason
 * OFPRR_METER_DELETE).
 *
 * Threads: everything here runs in the main thread. */

#include <stddef.h>
#include <stdint.h>
#include "dpif.h"
#include "openvswitch/hmap.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-meter.h"

struct ofconn;
struct ofpact;
struct ofp_header;
struct ofproto;
struct rule;
struct rule_actions;

/* One OpenFlow meter. */
struct meter {
    struct hmap_node node;      /* In ofproto's 'meters', by hash of
                                 * 'id'. */
    uint32_t id;                /* OpenFlow meter id. */
    ofproto_meter_id provider_meter_id; /* The provider's number for it. */
    uint16_t flags;             /* OFPMF13_* flags. */
    uint16_t n_bands;           /* Number of elements of 'bands'. */
    struct ofputil_meter_band *bands; /* The bands, in order (owned). */
    long long int created;      /* time_msec() of the add meter-mod. */
    struct hmap rules;          /* "struct meter_rule"s: the rules (visible
                                 * ones, in the tables' indexes) whose
                                 * actions use this meter. */
};

/* Sets up the meter table of 'ofproto', whose provider was just
 * constructed, and asks the provider what its meters can do. */
void ofproto_meters_init(struct ofproto *);

/* Deletes every meter of 'ofproto' (from the provider too) and frees the
 * table.  The switch has no rules any more. */
void ofproto_meters_destroy(struct ofproto *);

/* Returns meter 'id' of 'ofproto', or NULL. */
struct meter *ofproto_get_meter(const struct ofproto *, uint32_t id);

/* Checks that every meter that 'actions' (of a rule being created, not yet
 * visible to any other thread) uses exists in 'ofproto', and stores each
 * one's provider number in its OFPACT_METER.  Returns 0 or
 * OFPERR_OFPMMFC_INVALID_METER. */
enum ofperr ofproto_meters_bind_actions(const struct ofproto *,
                                        struct rule_actions *actions);

/* The same for the 'ofpacts_len' bytes of actions at 'ofpacts' (e.g. of a
 * packet-out), which the caller may change. */
enum ofperr ofproto_meters_bind_ofpacts(const struct ofproto *,
                                        struct ofpact *ofpacts,
                                        size_t ofpacts_len);

/* Tells the meter table that 'rule' became visible (so it counts in the
 * flow_count of the meters it uses, and goes away with them), or stopped
 * being visible. */
void ofproto_meters_rule_added(struct ofproto *, struct rule *);
void ofproto_meters_rule_removed(struct ofproto *, struct rule *);

/* OFPT_METER_MOD, and the meter config, meter stats and meter features
 * multipart requests, from ofproto.c's handle_openflow().  Each returns 0
 * (after sending any reply on 'ofconn') or an OFPERR_* to send back. */
enum ofperr ofproto_handle_meter_mod(struct ofconn *,
                                     const struct ofp_header *);
enum ofperr ofproto_handle_meter_request(struct ofconn *,
                                         const struct ofp_header *);
enum ofperr ofproto_handle_meter_features_request(struct ofconn *,
                                                  const struct ofp_header *);

#endif /* ofproto/ofproto-meter.h */
