/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofp-print-others.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-bundle.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-group.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/ofp-monitor.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-queue.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/util.h"

/* Each area's formatters.  Types without a formatter print the header line
 * alone. */
enum ofperr
ofp_print_others(struct ds *s, const struct ofp_header *oh,
                 enum ofpraw raw, enum ofptype type,
                 const struct ofputil_port_map *port_map,
                 const struct ofputil_table_map *table_map,
                 int verbosity)
{
    switch (type) {
    /* Flows (flows helper). */
    case OFPTYPE_FLOW_MOD:
        return ofputil_flow_mod_format(s, oh, port_map, table_map,
                                       verbosity);
    case OFPTYPE_FLOW_REMOVED:
        return ofputil_flow_removed_msg_format(s, oh, port_map, table_map,
                                               verbosity);
    case OFPTYPE_FLOW_STATS_REQUEST:
    case OFPTYPE_AGGREGATE_STATS_REQUEST:
        return ofputil_flow_stats_request_msg_format(s, oh, port_map,
                                                     table_map, verbosity);
    case OFPTYPE_FLOW_STATS_REPLY:
        return ofputil_flow_stats_reply_msg_format(s, oh, port_map,
                                                   table_map, verbosity);
    case OFPTYPE_AGGREGATE_STATS_REPLY:
        return ofputil_aggregate_stats_reply_msg_format(s, oh, port_map,
                                                        table_map,
                                                        verbosity);
    case OFPTYPE_FLOW_MOD_TABLE_ID:
        return ofputil_flow_mod_table_id_msg_format(s, oh, port_map,
                                                    table_map, verbosity);

    /* Packets and tables (flows helper). */
    case OFPTYPE_PACKET_IN:
    case OFPTYPE_NXT_RESUME:
        return ofputil_packet_in_msg_format(s, oh, port_map, table_map,
                                            verbosity);
    case OFPTYPE_PACKET_OUT:
        return ofputil_packet_out_msg_format(s, oh, port_map, table_map,
                                             verbosity);
    case OFPTYPE_SET_PACKET_IN_FORMAT:
        return ofputil_set_packet_in_format_msg_format(s, oh);
    case OFPTYPE_TABLE_MOD:
        return ofputil_table_mod_msg_format(s, oh, table_map);
    case OFPTYPE_TABLE_STATS_REPLY:
        return ofputil_table_stats_reply_msg_format(s, oh, table_map);
    case OFPTYPE_TABLE_FEATURES_STATS_REQUEST:
    case OFPTYPE_TABLE_FEATURES_STATS_REPLY:
        return ofputil_table_features_msg_format(s, oh, table_map);
    case OFPTYPE_TABLE_DESC_REPLY:
        return ofputil_table_desc_reply_msg_format(s, oh, table_map);

    /* Bundles (groups helper). */
    case OFPTYPE_BUNDLE_CONTROL: {
        struct ofputil_bundle_ctrl_msg bcm;
        enum ofperr error = ofputil_decode_bundle_ctrl(oh, &bcm);
        if (!error) {
            ofputil_format_bundle_ctrl_request(s, &bcm);
        }
        return error;
    }
    case OFPTYPE_BUNDLE_ADD_MESSAGE: {
        struct ofputil_bundle_add_msg badd;
        enum ofperr error = ofputil_decode_bundle_add(oh, &badd);
        if (!error) {
            ofputil_format_bundle_add(s, &badd, port_map, table_map,
                                      verbosity);
        }
        return error;
    }

    /* Groups, meters, queues (groups helper). */
    case OFPTYPE_GROUP_MOD:
        return ofputil_group_mod_format(s, oh, port_map, table_map);
    case OFPTYPE_GROUP_STATS_REQUEST:
        return ofputil_group_stats_request_format(s, oh);
    case OFPTYPE_GROUP_STATS_REPLY:
        return ofputil_group_stats_format(s, oh);
    case OFPTYPE_GROUP_DESC_STATS_REQUEST:
        return ofputil_group_desc_request_format(s, oh);
    case OFPTYPE_GROUP_DESC_STATS_REPLY:
        return ofputil_group_desc_format(s, oh, port_map, table_map);
    case OFPTYPE_GROUP_FEATURES_STATS_REPLY:
        ofputil_group_features_format(s, oh);
        return 0;
    case OFPTYPE_METER_MOD:
        return ofputil_meter_mod_format(s, oh);
    case OFPTYPE_METER_STATS_REQUEST:
    case OFPTYPE_METER_CONFIG_STATS_REQUEST:
        return ofputil_meter_request_format(s, oh);
    case OFPTYPE_METER_CONFIG_STATS_REPLY:
        return ofputil_meter_config_reply_format(s, oh);
    case OFPTYPE_METER_STATS_REPLY:
        return ofputil_meter_stats_reply_format(s, oh);
    case OFPTYPE_METER_FEATURES_STATS_REPLY:
        return ofputil_meter_features_reply_format(s, oh);
    case OFPTYPE_QUEUE_GET_CONFIG_REQUEST:
        return ofputil_queue_get_config_request_format(s, oh, port_map);
    case OFPTYPE_QUEUE_GET_CONFIG_REPLY:
        return ofputil_queue_get_config_reply_format(s, oh, port_map);
    case OFPTYPE_QUEUE_STATS_REQUEST:
        return ofputil_queue_stats_request_format(s, oh, port_map);
    case OFPTYPE_QUEUE_STATS_REPLY:
        return ofputil_queue_stats_reply_format(s, oh, port_map, verbosity);

    /* Flow monitors (ofctl helper). */
    case OFPTYPE_FLOW_MONITOR_STATS_REQUEST:
        return ofputil_flow_monitor_request_msg_format(s, oh, port_map,
                                                       table_map);
    case OFPTYPE_FLOW_MONITOR_STATS_REPLY:
        return ofputil_flow_monitor_reply_msg_format(s, oh, port_map,
                                                     table_map);

    default:
        /* No formatter for this type yet: the header line alone. */
        return 0;
    }
}
