/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-switch.h"
#include <arpa/inet.h>
#include <endian.h>
#include <inttypes.h>
#include <string.h>
#include <strings.h>
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/util.h"

/* One capability bit: where it is on the wire in a range of versions and
 * where it is in enum ofputil_capabilities. */
struct capability_bit {
    uint32_t wire;              /* Bit in ofp_switch_features. */
    enum ofputil_capabilities util; /* OFPUTIL_C_* bit. */
    uint8_t min_version;        /* First version with this bit. */
    uint8_t max_version;        /* Last version with this bit. */
};

static const struct capability_bit capability_bits[] = {
    { OFPC_FLOW_STATS, OFPUTIL_C_FLOW_STATS, OFP10_VERSION, OFP15_VERSION },
    { OFPC_TABLE_STATS, OFPUTIL_C_TABLE_STATS, OFP10_VERSION,
      OFP15_VERSION },
    { OFPC_PORT_STATS, OFPUTIL_C_PORT_STATS, OFP10_VERSION, OFP15_VERSION },
    { OFPC_IP_REASM, OFPUTIL_C_IP_REASM, OFP10_VERSION, OFP15_VERSION },
    { OFPC_QUEUE_STATS, OFPUTIL_C_QUEUE_STATS, OFP10_VERSION,
      OFP15_VERSION },
    { OFPC_ARP_MATCH_IP, OFPUTIL_C_ARP_MATCH_IP, OFP10_VERSION,
      OFP11_VERSION },
    { OFPC10_STP, OFPUTIL_C_STP, OFP10_VERSION, OFP10_VERSION },
    { OFPC11_GROUP_STATS, OFPUTIL_C_GROUP_STATS, OFP11_VERSION,
      OFP15_VERSION },
    { OFPC12_PORT_BLOCKED, OFPUTIL_C_PORT_BLOCKED, OFP12_VERSION,
      OFP15_VERSION },
    { 1u << 9, OFPUTIL_C_BUNDLES, OFP14_VERSION, OFP15_VERSION },
    { 1u << 10, OFPUTIL_C_FLOW_MONITORING, OFP14_VERSION, OFP15_VERSION },
};

/* OpenFlow 1.0 action bits, in the order in which they are printed. */
struct action_bit {
    int bit;                    /* OFPAT10_* (bit number). */
    const char *name;           /* Name as printed. */
};

static const struct action_bit ofp10_action_bits[] = {
    { OFPAT10_OUTPUT, "output" },
    { OFPAT10_ENQUEUE, "enqueue" },
    { OFPAT10_SET_VLAN_VID, "set_vlan_vid" },
    { OFPAT10_SET_VLAN_PCP, "set_vlan_pcp" },
    { OFPAT10_STRIP_VLAN, "strip_vlan" },
    { OFPAT10_SET_DL_SRC, "mod_dl_src" },
    { OFPAT10_SET_DL_DST, "mod_dl_dst" },
    { OFPAT10_SET_NW_SRC, "mod_nw_src" },
    { OFPAT10_SET_NW_DST, "mod_nw_dst" },
    { OFPAT10_SET_NW_TOS, "mod_nw_tos" },
    { OFPAT10_SET_TP_SRC, "mod_tp_src" },
    { OFPAT10_SET_TP_DST, "mod_tp_dst" },
};

static enum ofputil_capabilities
decode_capabilities(uint32_t wire, uint8_t version)
{
    enum ofputil_capabilities caps = 0;

    for (size_t i = 0; i < ARRAY_SIZE(capability_bits); i++) {
        const struct capability_bit *cb = &capability_bits[i];
        if (wire & cb->wire && version >= cb->min_version
            && version <= cb->max_version) {
            caps |= cb->util;
        }
    }
    return caps;
}

static uint32_t
encode_capabilities(enum ofputil_capabilities caps, uint8_t version)
{
    uint32_t wire = 0;

    for (size_t i = 0; i < ARRAY_SIZE(capability_bits); i++) {
        const struct capability_bit *cb = &capability_bits[i];
        if (caps & cb->util && version >= cb->min_version
            && version <= cb->max_version) {
            wire |= cb->wire;
        }
    }
    return wire;
}

enum ofperr
ofputil_pull_switch_features(struct ofpbuf *b,
                             struct ofputil_switch_features *features)
{
    const struct ofp_header *oh = b->data;
    const struct ofp_switch_features *osf;
    enum ofpraw raw;

    raw = ofpraw_pull_assert(b);
    osf = ofpbuf_pull(b, sizeof *osf);

    memset(features, 0, sizeof *features);
    features->datapath_id = be64toh(osf->datapath_id);
    features->n_buffers = ntohl(osf->n_buffers);
    features->n_tables = osf->n_tables;
    if (oh->version >= OFP13_VERSION) {
        features->auxiliary_id = osf->auxiliary_id;
    }
    features->capabilities = decode_capabilities(ntohl(osf->capabilities),
                                                 oh->version);
    if (raw == OFPRAW_OFPT10_FEATURES_REPLY) {
        uint32_t actions = ntohl(osf->actions);

        features->ofp10_actions = actions & ((1u << (OFPAT10_ENQUEUE + 1))
                                             - 1);
    }
    return 0;
}

enum ofperr
ofputil_decode_switch_features(const struct ofp_header *oh,
                               struct ofputil_switch_features *features,
                               struct ofpbuf *b)
{
    ofpbuf_use_const(b, oh, ntohs(oh->length));
    return ofputil_pull_switch_features(b, features);
}

struct ofpbuf *
ofputil_encode_switch_features(const struct ofputil_switch_features *features,
                               enum ofputil_protocol protocol, ovs_be32 xid)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    enum ofpraw raw = (version == OFP10_VERSION
                       ? OFPRAW_OFPT10_FEATURES_REPLY
                       : version <= OFP12_VERSION
                       ? OFPRAW_OFPT11_FEATURES_REPLY
                       : OFPRAW_OFPT13_FEATURES_REPLY);
    struct ofpbuf *b = ofpraw_alloc_xid(raw, version, xid, 0);
    struct ofp_switch_features *osf = ofpbuf_put_zeros(b, sizeof *osf);

    osf->datapath_id = htobe64(features->datapath_id);
    osf->n_buffers = htonl(features->n_buffers);
    osf->n_tables = features->n_tables;
    if (version >= OFP13_VERSION) {
        osf->auxiliary_id = features->auxiliary_id;
    }
    osf->capabilities = htonl(encode_capabilities(features->capabilities,
                                                  version));
    if (version == OFP10_VERSION) {
        osf->actions = htonl(features->ofp10_actions);
    }
    ofpmsg_update_length(b);
    return b;
}

void
ofputil_put_switch_features_port(const struct ofputil_phy_port *pp,
                                 struct ofpbuf *b)
{
    const struct ofp_header *oh = b->header;

    if (oh->version < OFP13_VERSION) {
        /* Drop ports that would overflow the message. */
        size_t port_len = (oh->version == OFP10_VERSION
                           ? sizeof(struct ofp10_phy_port)
                           : sizeof(struct ofp11_port));
        if (b->size + port_len <= UINT16_MAX) {
            ofputil_put_phy_port(oh->version, pp, b);
            ofpmsg_update_length(b);
        }
    }
}

bool
ofputil_switch_features_has_ports(struct ofpbuf *b)
{
    struct ofp_header *oh = b->data;
    size_t phy_port_size;

    if (oh->version >= OFP13_VERSION) {
        return false;
    }
    phy_port_size = (oh->version == OFP10_VERSION
                     ? sizeof(struct ofp10_phy_port)
                     : sizeof(struct ofp11_port));
    if (ntohs(oh->length) + phy_port_size <= UINT16_MAX) {
        return true;
    }
    return false;
}

static const char *
ofputil_capabilities_to_name(uint32_t bit)
{
    switch ((enum ofputil_capabilities) bit) {
    case OFPUTIL_C_FLOW_STATS:      return "FLOW_STATS";
    case OFPUTIL_C_TABLE_STATS:     return "TABLE_STATS";
    case OFPUTIL_C_PORT_STATS:      return "PORT_STATS";
    case OFPUTIL_C_IP_REASM:        return "IP_REASM";
    case OFPUTIL_C_QUEUE_STATS:     return "QUEUE_STATS";
    case OFPUTIL_C_ARP_MATCH_IP:    return "ARP_MATCH_IP";
    case OFPUTIL_C_STP:             return "STP";
    case OFPUTIL_C_GROUP_STATS:     return "GROUP_STATS";
    case OFPUTIL_C_PORT_BLOCKED:    return "PORT_BLOCKED";
    case OFPUTIL_C_BUNDLES:         return "BUNDLES";
    case OFPUTIL_C_FLOW_MONITORING: return "FLOW_MONITORING";
    }
    return NULL;
}

void
ofputil_switch_features_format(struct ds *s,
                               const struct ofputil_switch_features *features)
{
    ds_put_format(s, " dpid:%016"PRIx64"\n", features->datapath_id);
    ds_put_format(s, "n_tables:%"PRIu8", n_buffers:%"PRIu32,
                  features->n_tables, features->n_buffers);
    if (features->auxiliary_id) {
        ds_put_format(s, ", auxiliary_id:%"PRIu8, features->auxiliary_id);
    }
    ds_put_char(s, '\n');

    ds_put_cstr(s, "capabilities: ");
    if (features->capabilities) {
        ofp_print_bit_names(s, features->capabilities,
                            ofputil_capabilities_to_name, ' ');
    } else {
        ds_put_char(s, '0');
    }
    ds_put_char(s, '\n');

    if (features->ofp10_actions) {
        ds_put_cstr(s, "actions:");
        for (size_t i = 0; i < ARRAY_SIZE(ofp10_action_bits); i++) {
            if (features->ofp10_actions & (1u << ofp10_action_bits[i].bit)) {
                ds_put_format(s, " %s", ofp10_action_bits[i].name);
            }
        }
        ds_put_char(s, '\n');
    }
}

/* Switch configuration. */

const char *
ofputil_frag_handling_to_string(enum ofputil_frag_handling frag)
{
    switch (frag) {
    case OFPUTIL_FRAG_NORMAL:   return "normal";
    case OFPUTIL_FRAG_DROP:     return "drop";
    case OFPUTIL_FRAG_REASM:    return "reassemble";
    case OFPUTIL_FRAG_NX_MATCH: return "nx-match";
    }
    OVS_NOT_REACHED();
}

bool
ofputil_frag_handling_from_string(const char *s,
                                  enum ofputil_frag_handling *frag)
{
    static const enum ofputil_frag_handling all[] = {
        OFPUTIL_FRAG_NORMAL, OFPUTIL_FRAG_DROP, OFPUTIL_FRAG_REASM,
        OFPUTIL_FRAG_NX_MATCH,
    };

    for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
        if (!strcasecmp(s, ofputil_frag_handling_to_string(all[i]))) {
            *frag = all[i];
            return true;
        }
    }
    return false;
}

/* Decodes the ofp_switch_config in 'oh' (of raw type 'raw') into
 * 'config'. */
static enum ofperr
ofputil_decode_switch_config(const struct ofp_header *oh,
                             struct ofputil_switch_config *config)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    const struct ofp_switch_config *osc = ofpbuf_pull(&b, sizeof *osc);
    uint16_t flags = ntohs(osc->flags);
    uint16_t valid = OFPC_FRAG_MASK;

    config->frag = flags & OFPC_FRAG_MASK;
    config->miss_send_len = ntohs(osc->miss_send_len);
    if (oh->version < OFP13_VERSION) {
        valid |= OFPC_INVALID_TTL_TO_CONTROLLER;
        config->invalid_ttl_to_controller
            = (flags & OFPC_INVALID_TTL_TO_CONTROLLER) != 0;
    } else {
        config->invalid_ttl_to_controller = -1;
    }
    return flags & ~valid ? OFPERR_OFPSCFC_BAD_FLAGS : 0;
}

enum ofperr
ofputil_decode_get_config_reply(const struct ofp_header *oh,
                                struct ofputil_switch_config *config)
{
    /* Replies are decoded loosely: bad flags are ignored. */
    ofputil_decode_switch_config(oh, config);
    return 0;
}

enum ofperr
ofputil_decode_set_config(const struct ofp_header *oh,
                          struct ofputil_switch_config *config)
{
    return ofputil_decode_switch_config(oh, config);
}

/* Appends 'config' as an ofp_switch_config for 'version' to 'b'. */
static struct ofpbuf *
ofputil_put_switch_config(const struct ofputil_switch_config *config,
                          uint8_t version, struct ofpbuf *b)
{
    struct ofp_switch_config *osc = ofpbuf_put_zeros(b, sizeof *osc);
    uint16_t flags = config->frag;

    if (config->invalid_ttl_to_controller > 0 && version < OFP13_VERSION) {
        flags |= OFPC_INVALID_TTL_TO_CONTROLLER;
    }
    osc->flags = htons(flags);
    osc->miss_send_len = htons(config->miss_send_len);
    ofpmsg_update_length(b);
    return b;
}

struct ofpbuf *
ofputil_encode_get_config_reply(const struct ofp_header *request,
                                const struct ofputil_switch_config *config)
{
    struct ofpbuf *b = ofpraw_alloc_reply(OFPRAW_OFPT_GET_CONFIG_REPLY,
                                          request, 0);
    return ofputil_put_switch_config(config, request->version, b);
}

struct ofpbuf *
ofputil_encode_set_config(const struct ofputil_switch_config *config,
                          enum ofp_version version)
{
    struct ofpbuf *b = ofpraw_alloc(OFPRAW_OFPT_SET_CONFIG, version, 0);
    return ofputil_put_switch_config(config, version, b);
}

void
ofputil_switch_config_format(struct ds *s,
                             const struct ofputil_switch_config *config)
{
    ds_put_format(s, " frags=%s",
                  ofputil_frag_handling_to_string(config->frag));
    if (config->invalid_ttl_to_controller > 0) {
        ds_put_cstr(s, " invalid_ttl_to_controller");
    }
    ds_put_format(s, " miss_send_len=%"PRIu16"\n", config->miss_send_len);
}

/* Switch description. */

enum ofperr
ofputil_decode_switch_desc(const struct ofp_header *oh,
                           struct ofputil_switch_desc *desc)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    const struct ofp_desc_stats *ods = ofpbuf_try_pull(&b, sizeof *ods);
    if (!ods || b.size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }

    /* Not null-terminated if the wire field is full, as on the wire. */
#define COPY_DESC(FIELD)                                        \
    memcpy(desc->FIELD, ods->FIELD, sizeof desc->FIELD);
    COPY_DESC(mfr_desc);
    COPY_DESC(hw_desc);
    COPY_DESC(sw_desc);
    COPY_DESC(serial_num);
    COPY_DESC(dp_desc);
#undef COPY_DESC
    return 0;
}

struct ofpbuf *
ofputil_encode_switch_desc(const struct ofputil_switch_desc *desc,
                           const struct ofp_header *request)
{
    struct ofpbuf *b = ofpraw_alloc_stats_reply(request, 0);
    struct ofp_desc_stats *ods = ofpbuf_put_zeros(b, sizeof *ods);

#define PUT_DESC(FIELD)                                                 \
    memcpy(ods->FIELD, desc->FIELD,                                     \
           strnlen(desc->FIELD, sizeof ods->FIELD));
    PUT_DESC(mfr_desc);
    PUT_DESC(hw_desc);
    PUT_DESC(sw_desc);
    PUT_DESC(serial_num);
    PUT_DESC(dp_desc);
#undef PUT_DESC
    ofpmsg_update_length(b);
    return b;
}

void
ofputil_switch_desc_format(struct ds *s, const struct ofputil_switch_desc *d)
{
    ds_put_format(s, "\nManufacturer: %.*s\n",
                  (int) sizeof d->mfr_desc, d->mfr_desc);
    ds_put_format(s, "Hardware: %.*s\n", (int) sizeof d->hw_desc, d->hw_desc);
    ds_put_format(s, "Software: %.*s\n", (int) sizeof d->sw_desc, d->sw_desc);
    ds_put_format(s, "Serial Num: %.*s\n",
                  (int) sizeof d->serial_num, d->serial_num);
    ds_put_format(s, "DP Description: %.*s\n",
                  (int) sizeof d->dp_desc, d->dp_desc);
}
