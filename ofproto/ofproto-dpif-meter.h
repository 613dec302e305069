/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_DPIF_METER_H
#define OFPROTO_DPIF_METER_H 1

/* ofproto-dpif's meters: the ofproto_class meter members (see
 * ofproto-provider.h) implemented on the datapath's meters (dpif.h), and
 * the translation of OFPACT_METER.
 *
 * The datapath meter ids of a datapath (shared by every bridge of its
 * type) are allocated lowest first, as upstream does. */

#include <stdbool.h>
#include <stddef.h>
#include "dpif.h"
#include "openvswitch/ofp-errors.h"

struct ofproto;
struct ofproto_dpif;
struct ofpact_meter;
struct ofpbuf;
struct ofputil_meter_config;
struct ofputil_meter_features;
struct ofputil_meter_stats;

void ofproto_dpif_meter_get_features(const struct ofproto *,
                                     struct ofputil_meter_features *);
enum ofperr ofproto_dpif_meter_set(struct ofproto *, ofproto_meter_id *,
                                   struct ofputil_meter_config *);
enum ofperr ofproto_dpif_meter_get(const struct ofproto *, ofproto_meter_id,
                                   struct ofputil_meter_stats *);
void ofproto_dpif_meter_del(struct ofproto *, ofproto_meter_id);

/* Appends to 'odp_actions' the datapath action for 'om' (a meter action of
 * a rule: its provider id was set when the rule was created), if the
 * meter exists in the datapath. */
void xlate_meter_action(const struct ofpact_meter *om,
                        struct ofpbuf *odp_actions);

/* Packets to controllers go through the meter OFPM13_CONTROLLER of their
 * switch, if it exists, as upstream: the datapath actions become
 * "sample(sample=100.0%,actions(meter(N),userspace(...)))".  If 'ofproto'
 * (the bridge) has that meter, xlate_controller_meter_start() opens the sample action
 * and the meter in 'odp_actions', stores what xlate_controller_meter_end()
 * needs to close it in 'ofs', and returns true; otherwise it returns
 * false and appends nothing.  Any thread. */
bool xlate_controller_meter_start(const struct ofproto_dpif *ofproto,
                                  struct ofpbuf *odp_actions,
                                  size_t ofs[2]);
void xlate_controller_meter_end(struct ofpbuf *odp_actions,
                                const size_t ofs[2]);

#endif /* ofproto/ofproto-dpif-meter.h */
