/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-print.h"
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include "dp-packet.h"
#include "flow.h"
#include "ofpbuf.h"
#include "packets.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-switch.h"
#include "openvswitch/ofp-weft.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ofp-connection.h"
#include "ofp-print-others.h"

VLOG_DEFINE_THIS_MODULE(ofp_print);

static void ofp_to_string__(struct ds *, const struct ofp_header *,
                            size_t len, const struct ofputil_port_map *,
                            const struct ofputil_table_map *, int verbosity);

void
ofp_hex_dump(struct ds *s, const void *data, size_t n_bytes, uintptr_t ofs,
             bool ascii)
{
    size_t start = s->length;

    ds_put_hex_dump(s, data, n_bytes, ofs, ascii);
    if (!ascii) {
        /* Without the ASCII column, a line that ends after its eighth byte
         * has no '-' separator. */
        size_t j = start;
        for (size_t i = start; i < s->length; i++) {
            if (!(s->string[i] == '-' && i + 1 < s->length
                  && s->string[i + 1] == '\n')) {
                s->string[j++] = s->string[i];
            }
        }
        ds_truncate(s, j);
    }
}

void
ofp_print_bit_names(struct ds *s, uint32_t bits,
                    const char *(*bit_to_string)(uint32_t bit), char del)
{
    int n = 0;

    while (bits) {
        uint32_t bit = bits & -bits;
        const char *name = bit_to_string(bit);

        if (n++) {
            ds_put_char(s, del);
        }
        if (name) {
            ds_put_cstr(s, name);
        } else {
            ds_put_format(s, "0x%"PRIx32, bit);
        }
        bits &= ~bit;
    }
}

void
ofp_print_version(const struct ofp_header *oh, struct ds *s)
{
    switch (oh->version) {
    case OFP10_VERSION:
        break;
    case OFP11_VERSION:
    case OFP12_VERSION:
    case OFP13_VERSION:
    case OFP14_VERSION:
    case OFP15_VERSION:
        ds_put_format(s, " (OF1.%d)", oh->version - 1);
        break;
    default:
        ds_put_format(s, " (OF 0x%02"PRIx8")", oh->version);
        break;
    }
}

/* Appends "NAME (OFx.y) (xid=0x...):" for 'oh' of raw type 'raw'. */
static void
ofp_header_to_string__(const struct ofp_header *oh, enum ofpraw raw,
                       struct ds *s)
{
    ds_put_cstr(s, ofpraw_get_name(raw));
    ofp_print_version(oh, s);
    ds_put_format(s, " (xid=0x%"PRIx32"):", ntohl(oh->xid));
}

void
ofp_print_decode_error(struct ds *s, const void *oh, size_t len,
                       enum ofperr error)
{
    if (s->length && s->string[s->length - 1] != '\n') {
        ds_put_char(s, ' ');
    }
    ds_put_format(s, "***decode error: %s***\n", ofperr_get_name(error));
    ds_put_hex_dump(s, oh, len, 0, true);
}

/* Appends " flags=[more][***unknown flags 0x....***]" for the flags of
 * statistics message 'oh', if any are set. */
static void
ofp_print_stats_flags(struct ds *s, const struct ofp_header *oh)
{
    uint16_t flags = ofpmp_flags(oh);

    if (flags) {
        /* Requests may have "more" only from OpenFlow 1.3. */
        bool more_ok = (ofpmsg_is_stat_reply(oh)
                        || oh->version >= OFP13_VERSION);

        ds_put_cstr(s, " flags=");
        if (flags & OFPSF_REPLY_MORE && more_ok) {
            ds_put_cstr(s, "[more]");
            flags &= ~OFPSF_REPLY_MORE;
        }
        if (flags) {
            ds_put_format(s, "[***unknown flags 0x%04"PRIx16"***]", flags);
        }
    }
}

/* Hello. */

static enum ofperr
ofp_print_hello(struct ds *s, const struct ofp_header *oh)
{
    uint32_t allowed;
    bool ok;

    ok = ofputil_decode_hello(oh, &allowed);

    ds_put_cstr(s, "\n version bitmap: ");
    ofputil_format_version_bitmap(s, allowed);
    if (!ok) {
        ds_put_cstr(s, "\n unknown data in hello:\n");
        ds_put_hex_dump(s, oh, ntohs(oh->length), 0, true);
    }
    return 0;
}

/* Echo request and reply. */

static enum ofperr
ofp_print_echo(struct ds *s, const struct ofp_header *oh, int verbosity)
{
    size_t len = ntohs(oh->length) - sizeof *oh;

    ds_put_format(s, " %zu bytes of payload\n", len);
    if (verbosity > 1) {
        ds_put_hex_dump(s, oh + 1, len, 0, true);
    }
    return 0;
}

/* Error. */

static enum ofperr
ofp_print_error_msg(struct ds *s, const struct ofp_header *oh,
                    const struct ofputil_port_map *port_map,
                    const struct ofputil_table_map *table_map,
                    int verbosity)
{
    struct ofpbuf payload;
    enum ofperr error;

    error = ofperr_decode_msg(oh, &payload);
    if (!error) {
        return OFPERR_OFPBRC_BAD_LEN;
    }

    ds_put_format(s, " %s\n", ofperr_get_name(error));
    if (error == OFPERR_OFPHFC_INCOMPATIBLE || error == OFPERR_OFPHFC_EPERM) {
        ds_put_printable(s, payload.data, payload.size);
    } else {
        /* The failed request starts 4 bytes into the error's body, so it
         * is not 8-byte aligned as the decoders assume: print a copy. */
        void *request = xmemdup(payload.data, payload.size);

        ofp_to_string__(s, request, payload.size, port_map, table_map,
                        verbosity - 1);
        free(request);
    }
    return 0;
}

/* Features and switch configuration. */

static enum ofperr
ofp_print_switch_features(struct ds *s, const struct ofp_header *oh)
{
    struct ofputil_switch_features features;
    struct ofpbuf b;
    enum ofperr error;

    error = ofputil_decode_switch_features(oh, &features, &b);
    if (error) {
        return error;
    }
    ofputil_switch_features_format(s, &features);
    return ofputil_phy_ports_format(s, oh->version, &b);
}

static enum ofperr
ofp_print_switch_config(struct ds *s, const struct ofp_header *oh,
                        enum ofptype type)
{
    struct ofputil_switch_config config;
    enum ofperr error;

    error = (type == OFPTYPE_SET_CONFIG
             ? ofputil_decode_set_config(oh, &config)
             : ofputil_decode_get_config_reply(oh, &config));
    if (error) {
        return error;
    }
    ofputil_switch_config_format(s, &config);
    return 0;
}

/* Roles. */

static const char *
role_to_string(uint32_t role)
{
    switch (role) {
    case OFPCR12_ROLE_NOCHANGE:
        return "nochange";
    case OFPCR12_ROLE_EQUAL:
        return "equal";
    case OFPCR12_ROLE_MASTER:
        return "primary";
    case OFPCR12_ROLE_SLAVE:
        return "secondary";
    default:
        return NULL;
    }
}

static enum ofperr
ofp_print_role_message(struct ds *s, const struct ofp_header *oh,
                       enum ofpraw raw)
{
    struct ofpbuf b;
    uint32_t role;
    uint64_t generation_id = UINT64_MAX;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    if (raw == OFPRAW_NXT_ROLE_REQUEST || raw == OFPRAW_NXT_ROLE_REPLY) {
        const struct nx_role_request *nrr = b.data;

        switch (ntohl(nrr->role)) {
        case NX_ROLE_OTHER:
            role = OFPCR12_ROLE_EQUAL;
            break;
        case NX_ROLE_MASTER:
            role = OFPCR12_ROLE_MASTER;
            break;
        case NX_ROLE_SLAVE:
            role = OFPCR12_ROLE_SLAVE;
            break;
        default:
            return OFPERR_OFPRRFC_BAD_ROLE;
        }
    } else {
        const struct ofp12_role_request *orr = b.data;

        role = ntohl(orr->role);
        if (role > OFPCR12_ROLE_SLAVE) {
            return OFPERR_OFPRRFC_BAD_ROLE;
        }
        if (role != OFPCR12_ROLE_NOCHANGE
            || raw == OFPRAW_OFPT12_ROLE_REPLY) {
            generation_id = be64toh(orr->generation_id);
        }
    }

    ds_put_format(s, " role=%s", role_to_string(role));
    if (generation_id != UINT64_MAX) {
        ds_put_format(s, " generation_id=%"PRIu64, generation_id);
    }
    return 0;
}

static enum ofperr
ofp_print_role_status(struct ds *s, const struct ofp_header *oh)
{
    const struct ofp14_role_status *rs;
    const char *role_name;
    uint64_t generation_id;
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    rs = b.data;

    role_name = role_to_string(ntohl(rs->role));
    if (!role_name) {
        return OFPERR_OFPRRFC_BAD_ROLE;
    }
    ds_put_format(s, " role=%s", role_name);
    generation_id = be64toh(rs->generation_id);
    if (generation_id != UINT64_MAX) {
        ds_put_format(s, " generation_id=%"PRIu64, generation_id);
    }
    ds_put_cstr(s, " reason=");
    switch (rs->reason) {
    case OFPCRR_MASTER_REQUEST:
        ds_put_cstr(s, "primary_request");
        break;
    case OFPCRR_CONFIG:
        ds_put_cstr(s, "configuration_changed");
        break;
    case OFPCRR_EXPERIMENTER:
        ds_put_cstr(s, "experimenter_data_changed");
        break;
    default:
        ds_put_cstr(s, "(unknown)");
        break;
    }
    return 0;
}

/* Ports. */

static enum ofperr
ofp_print_port_status(struct ds *s, const struct ofp_header *oh,
                      const struct ofputil_port_map *port_map,
                      const struct ofputil_table_map *table_map)
{
    struct ofputil_port_status ps;
    enum ofperr error;

    error = ofputil_decode_port_status(oh, &ps);
    if (error) {
        return error;
    }
    ofputil_port_status_format(s, &ps, port_map, table_map);
    return 0;
}

static enum ofperr
ofp_print_port_mod(struct ds *s, const struct ofp_header *oh,
                   const struct ofputil_port_map *port_map)
{
    struct ofputil_port_mod pm;
    enum ofperr error;

    error = ofputil_decode_port_mod(oh, &pm, true);
    if (error) {
        return error;
    }
    ofputil_port_mod_format(s, &pm, port_map);
    return 0;
}

static enum ofperr
ofp_print_port_desc_request(struct ds *s, const struct ofp_header *oh,
                            const struct ofputil_port_map *port_map)
{
    ofp_port_t port;
    enum ofperr error;

    error = ofputil_decode_port_desc_stats_request(oh, &port);
    if (error) {
        return error;
    }
    ds_put_cstr(s, " port=");
    ofputil_format_port(port, port_map, s);
    return 0;
}

static enum ofperr
ofp_print_port_desc_reply(struct ds *s, const struct ofp_header *oh)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    ds_put_char(s, '\n');
    return ofputil_phy_ports_format(s, oh->version, &b);
}

static enum ofperr
ofp_print_port_stats_request(struct ds *s, const struct ofp_header *oh,
                             const struct ofputil_port_map *port_map)
{
    ofp_port_t port;
    enum ofperr error;

    error = ofputil_decode_port_stats_request(oh, &port);
    if (error) {
        return error;
    }
    ds_put_cstr(s, " port_no=");
    ofputil_format_port(port, port_map, s);
    return 0;
}

static enum ofperr
ofp_print_port_stats_reply(struct ds *s, const struct ofp_header *oh,
                           const struct ofputil_port_map *port_map)
{
    struct ofputil_port_stats ps;
    struct ofpbuf b;
    int retval;

    ds_put_format(s, " %zu ports\n", ofputil_count_port_stats(oh));

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        retval = ofputil_decode_port_stats(&ps, &b);
        if (retval) {
            return retval != EOF ? retval : 0;
        }
        ofputil_format_port_stats(s, &ps, port_map);
    }
}

static enum ofperr
ofp_print_desc_reply(struct ds *s, const struct ofp_header *oh)
{
    struct ofputil_switch_desc desc;
    enum ofperr error;

    error = ofputil_decode_switch_desc(oh, &desc);
    if (error) {
        return error;
    }
    ofputil_switch_desc_format(s, &desc);
    return 0;
}

/* Appends the body of message 'oh', of type 'type' and raw type 'raw'. */
static enum ofperr
ofp_to_string__body(struct ds *s, const struct ofp_header *oh,
                    enum ofpraw raw, enum ofptype type,
                    const struct ofputil_port_map *port_map,
                    const struct ofputil_table_map *table_map,
                    int verbosity)
{
    if (ofpmsg_is_stat(oh)) {
        ofp_print_stats_flags(s, oh);
    }

    switch (type) {
    case OFPTYPE_HELLO:
        return ofp_print_hello(s, oh);
    case OFPTYPE_ERROR:
        return ofp_print_error_msg(s, oh, port_map, table_map, verbosity);
    case OFPTYPE_ECHO_REQUEST:
    case OFPTYPE_ECHO_REPLY:
        return ofp_print_echo(s, oh, verbosity);
    case OFPTYPE_FEATURES_REPLY:
        return ofp_print_switch_features(s, oh);
    case OFPTYPE_GET_CONFIG_REPLY:
    case OFPTYPE_SET_CONFIG:
        return ofp_print_switch_config(s, oh, type);
    case OFPTYPE_ROLE_REQUEST:
    case OFPTYPE_ROLE_REPLY:
        return ofp_print_role_message(s, oh, raw);
    case OFPTYPE_ROLE_STATUS:
        return ofp_print_role_status(s, oh);
    case OFPTYPE_GET_ASYNC_REPLY:
    case OFPTYPE_SET_ASYNC_CONFIG:
        return ofputil_async_msg_format(s, oh, raw);
    case OFPTYPE_PORT_STATUS:
        return ofp_print_port_status(s, oh, port_map, table_map);
    case OFPTYPE_PORT_MOD:
        return ofp_print_port_mod(s, oh, port_map);
    case OFPTYPE_PORT_DESC_STATS_REQUEST:
        return ofp_print_port_desc_request(s, oh, port_map);
    case OFPTYPE_PORT_DESC_STATS_REPLY:
        return ofp_print_port_desc_reply(s, oh);
    case OFPTYPE_PORT_STATS_REQUEST:
        return ofp_print_port_stats_request(s, oh, port_map);
    case OFPTYPE_PORT_STATS_REPLY:
        return ofp_print_port_stats_reply(s, oh, port_map);
    case OFPTYPE_DESC_STATS_REPLY:
        return ofp_print_desc_reply(s, oh);

    case OFPTYPE_SET_FLOW_FORMAT: {
        enum nx_flow_format format = ofputil_decode_nx_set_flow_format(oh);
        ds_put_format(s, " format=%s",
                      (ofputil_nx_flow_format_is_valid(format)
                       ? ofputil_nx_flow_format_to_string(format)
                       : "(unknown)"));
        return 0;
    }
    case OFPTYPE_SET_CONTROLLER_ID: {
        const struct nx_controller_id *nci = ofpmsg_body(oh);
        ds_put_format(s, " id=%"PRIu16, ntohs(nci->controller_id));
        return 0;
    }
    case OFPTYPE_CT_FLUSH_ZONE: {
        const struct nx_zone_id *nzi = ofpmsg_body(oh);
        ds_put_format(s, " zone_id=%"PRIu16, ntohs(nzi->zone_id));
        return 0;
    }
    case OFPTYPE_STOP_ON_ERROR:
        return ofputil_format_stop_on_error(s, oh);
    case OFPTYPE_FLOW_MONITOR_CANCEL: {
        const struct nx_flow_monitor_cancel *nfmc = ofpmsg_body(oh);
        ds_put_format(s, " id=%"PRIu32, ntohl(nfmc->id));
        return 0;
    }

    case OFPTYPE_FEATURES_REQUEST:
    case OFPTYPE_GET_CONFIG_REQUEST:
    case OFPTYPE_BARRIER_REQUEST:
    case OFPTYPE_BARRIER_REPLY:
    case OFPTYPE_GET_ASYNC_REQUEST:
    case OFPTYPE_DESC_STATS_REQUEST:
    case OFPTYPE_TABLE_STATS_REQUEST:
    case OFPTYPE_GROUP_FEATURES_STATS_REQUEST:
    case OFPTYPE_METER_FEATURES_STATS_REQUEST:
    case OFPTYPE_TABLE_DESC_REQUEST:
    case OFPTYPE_FLOW_AGE:
    case OFPTYPE_NXT_TLV_TABLE_REQUEST:
    case OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST:
    case OFPTYPE_IPFIX_FLOW_STATS_REQUEST:
    case OFPTYPE_FLOW_MONITOR_PAUSED:
    case OFPTYPE_FLOW_MONITOR_RESUMED:
        return 0;

    default:
        return ofp_print_others(s, oh, raw, type, port_map, table_map,
                                verbosity);
    }
}

/* Appends a description of 'oh', whose length field is 'len', known to be
 * at least sizeof(struct ofp_header) and consistent. */
static void
ofp_print_one(struct ds *s, const struct ofp_header *oh,
              const struct ofputil_port_map *port_map,
              const struct ofputil_table_map *table_map, int verbosity)
{
    size_t len = ntohs(oh->length);
    enum ofptype type;
    enum ofpraw raw;
    enum ofperr error;

    error = ofpraw_decode(&raw, oh);
    if (error) {
        ofp_print_decode_error(s, oh, len, error);
        return;
    }
    type = ofptype_from_ofpraw(raw);

    ofp_header_to_string__(oh, raw, s);
    size_t header_end = s->length;
    error = ofp_to_string__body(s, oh, raw, type, port_map, table_map,
                                verbosity);
    if (error) {
        ofp_print_decode_error(s, oh, len, error);
        return;
    }
    if (s->length == header_end || s->string[s->length - 1] != '\n') {
        ds_put_char(s, '\n');
    }
    if (verbosity > 4) {
        ds_put_hex_dump(s, oh, len, 0, true);
    }
}

/* Appends to 's' the description of the 'len' bytes at 'oh'. */
static void
ofp_to_string__(struct ds *s, const struct ofp_header *oh, size_t len,
                const struct ofputil_port_map *port_map,
                const struct ofputil_table_map *table_map, int verbosity)
{
    if (!len) {
        ds_put_cstr(s, "OpenFlow message is empty\n");
    } else if (len < sizeof(struct ofp_header)) {
        ds_put_format(s, "OpenFlow packet too short (only %zu bytes):\n",
                      len);
        ds_put_hex_dump(s, oh, len, 0, true);
    } else if (ntohs(oh->length) > len) {
        enum ofpraw raw;

        if (!ofpraw_decode_partial(&raw, oh, len)) {
            ofp_header_to_string__(oh, raw, s);
            ds_put_char(s, '\n');
        }
        ds_put_format(s, "(***truncated to %zu bytes from %"PRIu16"***)\n",
                      len, ntohs(oh->length));
        ds_put_hex_dump(s, oh, len, 0, true);
    } else if (ntohs(oh->length) < len) {
        ds_put_format(s, "(***only uses %"PRIu16" bytes out of %zu***)\n",
                      ntohs(oh->length), len);
        ds_put_hex_dump(s, oh, len, 0, true);
    } else {
        struct ds body = DS_EMPTY_INITIALIZER;

        ofp_print_one(&body, oh, port_map, table_map, verbosity);
        ds_put_buffer(s, body.string, body.length);
        ds_destroy(&body);
    }
}

char *
ofp_to_string(const void *oh, size_t len,
              const struct ofputil_port_map *port_map,
              const struct ofputil_table_map *table_map, int verbosity)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ofp_to_string__(&s, oh, len, port_map, table_map, verbosity);
    return ds_steal_cstr(&s);
}

void
ofp_print(FILE *stream, const void *oh, size_t len,
          const struct ofputil_port_map *port_map,
          const struct ofputil_table_map *table_map, int verbosity)
{
    char *s = ofp_to_string(oh, len, port_map, table_map, verbosity);

    fputs(s, stream);
    free(s);
}

char *
ofp_packet_to_string(const void *data, size_t len,
                     ovs_be32 packet_type OVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct dp_packet buf;
    struct flow flow;

    /* The flow the packet belongs to, then the transport checksum. */
    dp_packet_use_const(&buf, data, len);
    flow_extract(&buf, &flow);
    flow_format(&s, &flow);

    const void *l4 = dp_packet_l4(&buf);
    size_t l4_size = dp_packet_l4_size(&buf);
    if (l4 && (flow.dl_type == htons(ETH_TYPE_IP)
               || flow.dl_type == htons(ETH_TYPE_IPV6))) {
        if (flow.nw_proto == IPPROTO_TCP
            && l4_size >= sizeof(struct tcp_header)) {
            const struct tcp_header *th = l4;
            ds_put_format(&s, " tcp_csum:%"PRIx16, ntohs(th->tcp_csum));
        } else if (flow.nw_proto == IPPROTO_UDP
                   && l4_size >= sizeof(struct udp_header)) {
            const struct udp_header *uh = l4;
            ds_put_format(&s, " udp_csum:%"PRIx16, ntohs(uh->udp_csum));
        } else if (flow.nw_proto == IPPROTO_SCTP
                   && l4_size >= sizeof(struct sctp_header)) {
            const struct sctp_header *sh = l4;
            ovs_be32 csum;

            memcpy(&csum, &sh->sctp_csum, sizeof csum);
            ds_put_format(&s, " sctp_csum:%"PRIx32, ntohl(csum));
        }
    }
    ds_put_char(&s, '\n');
    dp_packet_uninit(&buf);
    return ds_steal_cstr(&s);
}

void
ofp_print_packet(FILE *stream, const void *data, size_t len,
                 ovs_be32 packet_type)
{
    char *s = ofp_packet_to_string(data, len, packet_type);

    fputs(s, stream);
    free(s);
}
