/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofp-connection.h"
#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_connection);

/* Asynchronous message configuration. */

/* One kind of asynchronous message in an async config. */
struct async_kind {
    const char *name;           /* Name as printed. */
    uint32_t mask13;            /* Reasons valid in 1.3 and NX configs. */
    uint32_t mask14;            /* Reasons valid in 1.4+ configs. */
    const char *reasons[8];     /* Name of each reason bit. */
};

static const struct async_kind async_kinds[] = {
    { "PACKET_IN", 0x7, 0x3f,
      { "no_match", "action", "invalid_ttl", "action_set", "group",
        "packet_out" } },
    { "PORT_STATUS", 0x7, 0x7, { "add", "delete", "modify" } },
    { "FLOW_REMOVED", 0x3f, 0x3f,
      { "idle", "hard", "delete", "group_delete", "meter_delete",
        "eviction" } },
    { "ROLE_STATUS", 0, 0x7,
      { "primary_request", "configuration_changed",
        "experimenter_data_changed" } },
    { "TABLE_STATUS", 0, 0x18,
      { NULL, NULL, NULL, "vacancy_down", "vacancy_up" } },
    { "REQUESTFORWARD", 0, 0x3,
      { "group_mod_request", "meter_mod_request" } },
};

/* An async config: for each kind, the mask for the primary (master or
 * equal) role and for the secondary (slave) role. */
struct async_config {
    uint32_t primary[ARRAY_SIZE(async_kinds)];   /* Primary role masks. */
    uint32_t secondary[ARRAY_SIZE(async_kinds)]; /* Secondary role masks. */
};

static enum ofperr
decode_async_props(struct ofpbuf *b, struct async_config *ac)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

    while (b->size) {
        const struct ofp_prop_header *ph = b->data;
        size_t len;

        if (b->size < sizeof *ph) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        len = ntohs(ph->len);
        if (len < sizeof *ph || ROUND_UP(len, 8) > b->size) {
            return OFPERR_OFPBPC_BAD_LEN;
        }

        uint16_t type = ntohs(ph->type);
        if (type == OFPTFPT_EXPERIMENTER_SLAVE
            || type == OFPTFPT_EXPERIMENTER_MASTER) {
            const struct ofp_prop_experimenter *pe = b->data;

            if (len < sizeof *pe) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            VLOG_WARN_RL(&rl, "unknown async config property type for "
                         "exp_id %#"PRIx32", exp_type %"PRIu32,
                         ntohl(pe->experimenter), ntohl(pe->exp_type));
            return (pe->experimenter == htonl(NX_VENDOR_ID)
                    || pe->experimenter == htonl(ONF_VENDOR_ID)
                    ? OFPERR_OFPBPC_BAD_EXP_TYPE
                    : OFPERR_OFPBPC_BAD_EXPERIMENTER);
        } else if (type >= 2 * ARRAY_SIZE(async_kinds)) {
            {
                VLOG_WARN_RL(&rl, "unknown async config property type %"
                             PRIu16, type);
                return OFPERR_OFPACFC_UNSUPPORTED;
            }
        } else {
            const struct async_kind *kind = &async_kinds[type / 2];
            const struct ofp14_async_config_prop_reasons *r = b->data;
            uint32_t mask;

            if (len != sizeof *r) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            mask = ntohl(r->mask);
            if (mask & ~kind->mask14) {
                VLOG_WARN_RL(&rl, "bad value %#"PRIx32" for %s (allowed "
                             "mask %#"PRIx32")", mask, kind->name,
                             kind->mask14);
                return OFPERR_OFPACFC_INVALID;
            }
            if (type % 2) {
                ac->primary[type / 2] = mask;
            } else {
                ac->secondary[type / 2] = mask;
            }
        }
        ofpbuf_pull(b, ROUND_UP(len, 8));
    }
    return 0;
}

enum ofperr
ofputil_async_msg_format(struct ds *s, const struct ofp_header *oh,
                         enum ofpraw raw)
{
    struct async_config ac;
    struct ofpbuf b;
    enum ofperr error;

    memset(&ac, 0, sizeof ac);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    if (raw == OFPRAW_OFPT13_SET_ASYNC
        || raw == OFPRAW_OFPT13_GET_ASYNC_REPLY
        || raw == OFPRAW_NXT_SET_ASYNC_CONFIG) {
        const struct ofp13_async_config *msg = b.data;

        for (int i = 0; i < 2; i++) {
            uint32_t *masks = i ? ac.secondary : ac.primary;

            masks[0] = ntohl(msg->packet_in_mask[i]) & async_kinds[0].mask13;
            masks[1] = (ntohl(msg->port_status_mask[i])
                        & async_kinds[1].mask13);
            masks[2] = (ntohl(msg->flow_removed_mask[i])
                        & async_kinds[2].mask13);
        }
    } else {
        error = decode_async_props(&b, &ac);
        if (error) {
            return error;
        }
    }

    ds_put_char(s, '\n');
    for (int i = 0; i < 2; i++) {
        const uint32_t *masks = i ? ac.secondary : ac.primary;

        ds_put_format(s, "%s %s:\n", i ? "\n" : "",
                      i ? "secondary" : "primary");
        for (size_t k = 0; k < ARRAY_SIZE(async_kinds); k++) {
            const struct async_kind *kind = &async_kinds[k];

            ds_put_format(s, "%16s:", kind->name);
            if (!masks[k]) {
                ds_put_cstr(s, " (off)");
            }
            for (int bit = 0; bit < 32; bit++) {
                if (masks[k] & (1u << bit)) {
                    const char *name = bit < 8 ? kind->reasons[bit] : NULL;
                    if (name) {
                        ds_put_format(s, " %s", name);
                    } else {
                        ds_put_format(s, " %d", bit);
                    }
                }
            }
            ds_put_char(s, '\n');
        }
    }
    return 0;
}

