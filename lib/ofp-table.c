/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-table.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_table);

/* One name of a table in a struct ofputil_table_map. */
struct ofputil_table_map_node {
    struct hmap_node number_node; /* In 'by_number', by table id. */
    struct hmap_node name_node; /* In 'by_name', by name. */
    uint8_t table_id;           /* The table. */
    char *name;                 /* Its name. */
    bool duplicate_number;      /* Another name has the same number. */
    bool duplicate_name;        /* Another number has the same name. */
};

void
ofputil_table_map_init(struct ofputil_table_map *map)
{
    hmap_init(&map->by_number);
    hmap_init(&map->by_name);
}

/* Returns the node for 'table_id' in 'map', or NULL. */
static struct ofputil_table_map_node *
table_map_find_by_number(const struct ofputil_table_map *map,
                         uint8_t table_id)
{
    struct ofputil_table_map_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, number_node, hash_int(table_id, 0),
                             &map->by_number) {
        if (node->table_id == table_id) {
            return node;
        }
    }
    return NULL;
}

/* Returns the node named 'name' in 'map', or NULL. */
static struct ofputil_table_map_node *
table_map_find_by_name(const struct ofputil_table_map *map, const char *name)
{
    struct ofputil_table_map_node *node;

    HMAP_FOR_EACH_WITH_HASH (node, name_node, hash_string(name, 0),
                             &map->by_name) {
        if (!strcmp(node->name, name)) {
            return node;
        }
    }
    return NULL;
}

const char *
ofputil_table_map_get_name(const struct ofputil_table_map *map,
                           uint8_t table_id)
{
    struct ofputil_table_map_node *node;

    if (!map) {
        return NULL;
    }
    node = table_map_find_by_number(map, table_id);
    return node && !node->duplicate_number ? node->name : NULL;
}

uint8_t
ofputil_table_map_get_number(const struct ofputil_table_map *map,
                             const char *name)
{
    struct ofputil_table_map_node *node;

    if (!map) {
        return UINT8_MAX;
    }
    node = table_map_find_by_name(map, name);
    return node && !node->duplicate_name ? node->table_id : UINT8_MAX;
}

void
ofputil_table_map_put(struct ofputil_table_map *map, uint8_t table_id,
                      const char *name)
{
    struct ofputil_table_map_node *by_number, *by_name;

    by_number = table_map_find_by_number(map, table_id);
    by_name = table_map_find_by_name(map, name);
    if (by_number && by_number == by_name) {
        return;
    }
    if (by_number) {
        by_number->duplicate_number = true;
    }
    if (by_name) {
        by_name->duplicate_name = true;
    }

    struct ofputil_table_map_node *node = xzalloc(sizeof *node);
    node->table_id = table_id;
    node->name = xstrdup(name);
    node->duplicate_number = by_number != NULL;
    node->duplicate_name = by_name != NULL;
    hmap_insert(&map->by_number, &node->number_node, hash_int(table_id, 0));
    hmap_insert(&map->by_name, &node->name_node, hash_string(name, 0));
}

void
ofputil_table_map_destroy(struct ofputil_table_map *map)
{
    if (map) {
        struct ofputil_table_map_node *node;

        HMAP_FOR_EACH_POP (node, number_node, &map->by_number) {
            free(node->name);
            free(node);
        }
        hmap_destroy(&map->by_number);
        hmap_destroy(&map->by_name);
    }
}

bool
ofputil_table_from_string(const char *s, const struct ofputil_table_map *map,
                          uint8_t *tablep)
{
    unsigned int table;

    long long int negative;

    *tablep = 0;
    if (s[0] == '-' && str_to_llong(s, 10, &negative)) {
        VLOG_WARN("Negative value %s is not a valid table number.", s);
        return false;
    }
    if (str_to_uint(s, 10, &table)) {
        if (table > 255) {
            VLOG_WARN("table %u is outside the supported range 0 through 255",
                      table);
            return false;
        }
        *tablep = table;
        return true;
    }

    uint8_t number = ofputil_table_map_get_number(map, s);
    if (number != UINT8_MAX) {
        *tablep = number;
        return true;
    }
    return false;
}

void
ofputil_format_table(uint8_t table, const struct ofputil_table_map *map,
                     struct ds *s)
{
    const char *name = ofputil_table_map_get_name(map, table);

    if (name) {
        ds_put_cstr(s, name);
    } else {
        ds_put_format(s, "%"PRIu8, table);
    }
}

void
ofputil_table_to_string(uint8_t table, const struct ofputil_table_map *map,
                        char *namebuf, size_t bufsize)
{
    const char *name = ofputil_table_map_get_name(map, table);

    if (name) {
        snprintf(namebuf, bufsize, "%s", name);
    } else {
        snprintf(namebuf, bufsize, "%"PRIu8, table);
    }
}

/* Table miss, eviction, vacancy names. */

const char *
ofputil_table_miss_to_string(enum ofputil_table_miss miss)
{
    switch (miss) {
    case OFPUTIL_TABLE_MISS_DEFAULT: return "default";
    case OFPUTIL_TABLE_MISS_CONTROLLER: return "controller";
    case OFPUTIL_TABLE_MISS_CONTINUE: return "continue";
    case OFPUTIL_TABLE_MISS_DROP: return "drop";
    default: return "***error***";
    }
}

const char *
ofputil_table_eviction_to_string(enum ofputil_table_eviction eviction)
{
    switch (eviction) {
    case OFPUTIL_TABLE_EVICTION_DEFAULT: return "default";
    case OFPUTIL_TABLE_EVICTION_ON: return "on";
    case OFPUTIL_TABLE_EVICTION_OFF: return "off";
    default: return "***error***";
    }
}

const char *
ofputil_table_vacancy_to_string(enum ofputil_table_vacancy vacancy)
{
    switch (vacancy) {
    case OFPUTIL_TABLE_VACANCY_DEFAULT: return "default";
    case OFPUTIL_TABLE_VACANCY_ON: return "on";
    case OFPUTIL_TABLE_VACANCY_OFF: return "off";
    default: return "***error***";
    }
}

/* Table mod. */

/* Returns the OpenFlow 1.1/1.2 table config bits for 'miss'. */
static ovs_be32
table_miss_to_config(enum ofputil_table_miss miss, enum ofp_version version)
{
    if (version == OFP11_VERSION || version == OFP12_VERSION) {
        switch (miss) {
        case OFPUTIL_TABLE_MISS_CONTROLLER:
        case OFPUTIL_TABLE_MISS_DEFAULT:
            return htonl(OFPTC11_TABLE_MISS_CONTROLLER);
        case OFPUTIL_TABLE_MISS_CONTINUE:
            return htonl(OFPTC11_TABLE_MISS_CONTINUE);
        case OFPUTIL_TABLE_MISS_DROP:
            return htonl(OFPTC11_TABLE_MISS_DROP);
        }
    }
    return htonl(0);
}

/* Decodes the OpenFlow 1.1/1.2 table config bits 'config'. */
static enum ofputil_table_miss
table_miss_from_config(ovs_be32 config_, enum ofp_version version)
{
    uint32_t config = ntohl(config_);

    if (version == OFP11_VERSION || version == OFP12_VERSION) {
        switch (config & OFPTC11_TABLE_MISS_MASK) {
        case OFPTC11_TABLE_MISS_CONTROLLER:
            return OFPUTIL_TABLE_MISS_CONTROLLER;
        case OFPTC11_TABLE_MISS_CONTINUE:
            return OFPUTIL_TABLE_MISS_CONTINUE;
        case OFPTC11_TABLE_MISS_DROP:
            return OFPUTIL_TABLE_MISS_DROP;
        default:
            VLOG_WARN("bad table miss config %d",
                      config & OFPTC11_TABLE_MISS_MASK);
            return OFPUTIL_TABLE_MISS_CONTROLLER;
        }
    }
    return OFPUTIL_TABLE_MISS_DEFAULT;
}

enum ofperr
ofputil_decode_table_mod(const struct ofp_header *oh,
                         struct ofputil_table_mod *pm)
{
    struct ofpbuf b;
    enum ofpraw raw;

    memset(pm, 0, sizeof *pm);
    pm->miss = OFPUTIL_TABLE_MISS_DEFAULT;
    pm->eviction = OFPUTIL_TABLE_EVICTION_DEFAULT;
    pm->eviction_flags = UINT32_MAX;
    pm->vacancy = OFPUTIL_TABLE_VACANCY_DEFAULT;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&b);
    if (raw == OFPRAW_OFPT11_TABLE_MOD) {
        const struct ofp11_table_mod *otm = ofpbuf_try_pull(&b, sizeof *otm);

        if (!otm) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        pm->table_id = otm->table_id;
        pm->miss = table_miss_from_config(otm->config, oh->version);
    } else if (raw == OFPRAW_OFPT14_TABLE_MOD) {
        const struct ofp14_table_mod *otm = ofpbuf_try_pull(&b, sizeof *otm);
        uint32_t config;

        if (!otm) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        pm->table_id = otm->table_id;
        config = ntohl(otm->config);
        if (config & OFPTC14_EVICTION) {
            pm->eviction = OFPUTIL_TABLE_EVICTION_ON;
        }
        if (config & OFPTC14_VACANCY_EVENTS) {
            pm->vacancy = OFPUTIL_TABLE_VACANCY_ON;
        }
    } else {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    return 0;
}

struct ofpbuf *
ofputil_encode_table_mod(const struct ofputil_table_mod *tm,
                         enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    struct ofpbuf *b;

    if (version == OFP10_VERSION) {
        ovs_fatal(0, "table mod needs OpenFlow 1.1 or later "
                  "('-O OpenFlow11')");
    } else if (version <= OFP13_VERSION) {
        struct ofp11_table_mod *otm;

        b = ofpraw_alloc(OFPRAW_OFPT11_TABLE_MOD, version, 0);
        otm = ofpbuf_put_zeros(b, sizeof *otm);
        otm->table_id = tm->table_id;
        otm->config = table_miss_to_config(tm->miss, version);
    } else {
        struct ofp14_table_mod *otm;
        uint32_t config = 0;

        b = ofpraw_alloc(OFPRAW_OFPT14_TABLE_MOD, version, 0);
        otm = ofpbuf_put_zeros(b, sizeof *otm);
        otm->table_id = tm->table_id;
        if (tm->eviction == OFPUTIL_TABLE_EVICTION_ON) {
            config |= OFPTC14_EVICTION;
        }
        if (tm->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
            config |= OFPTC14_VACANCY_EVENTS;
        }
        otm->config = htonl(config);
    }
    ofpmsg_update_length(b);
    return b;
}

void
ofputil_table_mod_format(struct ds *string,
                         const struct ofputil_table_mod *pm,
                         const struct ofputil_table_map *table_map)
{
    if (pm->table_id == 0xff) {
        ds_put_cstr(string, " table_id: ALL_TABLES");
    } else {
        ds_put_cstr(string, " table_id=");
        ofputil_format_table(pm->table_id, table_map, string);
    }

    if (pm->miss != OFPUTIL_TABLE_MISS_DEFAULT) {
        ds_put_format(string, ", flow_miss_config=%s",
                      ofputil_table_miss_to_string(pm->miss));
    }
    if (pm->eviction != OFPUTIL_TABLE_EVICTION_DEFAULT) {
        ds_put_format(string, ", eviction=%s",
                      ofputil_table_eviction_to_string(pm->eviction));
    }
    if (pm->vacancy != OFPUTIL_TABLE_VACANCY_DEFAULT) {
        ds_put_format(string, ", vacancy=%s",
                      ofputil_table_vacancy_to_string(pm->vacancy));
    }
}

enum ofperr
ofputil_table_mod_msg_format(struct ds *string, const struct ofp_header *oh,
                             const struct ofputil_table_map *table_map)
{
    struct ofputil_table_mod tm;
    enum ofperr error;

    error = ofputil_decode_table_mod(oh, &tm);
    if (!error) {
        ofputil_table_mod_format(string, &tm, table_map);
    }
    return error;
}

char *
parse_ofp_table_mod(struct ofputil_table_mod *pm, const char *table_id,
                    const char *setting,
                    const struct ofputil_table_map *table_map,
                    uint32_t *usable_versions)
{
    *usable_versions = 0;
    memset(pm, 0, sizeof *pm);
    pm->miss = OFPUTIL_TABLE_MISS_DEFAULT;
    pm->eviction = OFPUTIL_TABLE_EVICTION_DEFAULT;
    pm->eviction_flags = UINT32_MAX;
    pm->vacancy = OFPUTIL_TABLE_VACANCY_DEFAULT;

    if (!strcasecmp(table_id, "all")) {
        pm->table_id = OFPTT_ALL;
    } else if (!ofputil_table_from_string(table_id, table_map,
                                          &pm->table_id)) {
        return xasprintf("unknown table \"%s\"", table_id);
    }

    if (!strcmp(setting, "controller")) {
        pm->miss = OFPUTIL_TABLE_MISS_CONTROLLER;
        *usable_versions = (1u << OFP11_VERSION) | (1u << OFP12_VERSION);
    } else if (!strcmp(setting, "continue")) {
        pm->miss = OFPUTIL_TABLE_MISS_CONTINUE;
        *usable_versions = (1u << OFP11_VERSION) | (1u << OFP12_VERSION);
    } else if (!strcmp(setting, "drop")) {
        pm->miss = OFPUTIL_TABLE_MISS_DROP;
        *usable_versions = (1u << OFP11_VERSION) | (1u << OFP12_VERSION);
    } else if (!strcmp(setting, "evict")) {
        pm->eviction = OFPUTIL_TABLE_EVICTION_ON;
        *usable_versions = (1u << OFP14_VERSION) | (1u << OFP15_VERSION);
    } else if (!strcmp(setting, "noevict")) {
        pm->eviction = OFPUTIL_TABLE_EVICTION_OFF;
        *usable_versions = (1u << OFP14_VERSION) | (1u << OFP15_VERSION);
    } else if (!strcmp(setting, "vacancy")) {
        pm->vacancy = OFPUTIL_TABLE_VACANCY_ON;
        *usable_versions = (1u << OFP14_VERSION) | (1u << OFP15_VERSION);
    } else if (!strcmp(setting, "novacancy")) {
        pm->vacancy = OFPUTIL_TABLE_VACANCY_OFF;
        *usable_versions = (1u << OFP14_VERSION) | (1u << OFP15_VERSION);
    } else {
        return xasprintf("invalid table_mod setting %s", setting);
    }

    if (pm->table_id == 0xfe
        && pm->miss == OFPUTIL_TABLE_MISS_CONTINUE) {
        return xstrdup("last table's flow miss handling can not be "
                       "continue");
    }

    return NULL;
}

/* Table desc (OpenFlow 1.4+). */

int
ofputil_decode_table_desc(struct ofpbuf *msg, struct ofputil_table_desc *td,
                          enum ofp_version version OVS_UNUSED)
{
    const struct ofp14_table_desc *otd;
    uint32_t config;
    size_t length;

    memset(td, 0, sizeof *td);
    if (!msg->header) {
        enum ofpraw raw;
        enum ofperr error = ofpraw_pull(&raw, msg);

        if (error) {
            return error;
        }
    }
    if (!msg->size) {
        return EOF;
    }
    otd = ofpbuf_try_pull(msg, sizeof *otd);
    if (!otd) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    length = ntohs(otd->length);
    if (length < sizeof *otd || length - sizeof *otd > msg->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ofpbuf_pull(msg, length - sizeof *otd);

    td->table_id = otd->table_id;
    config = ntohl(otd->config);
    td->eviction = (config & OFPTC14_EVICTION
                    ? OFPUTIL_TABLE_EVICTION_ON
                    : OFPUTIL_TABLE_EVICTION_OFF);
    td->eviction_flags = UINT32_MAX;
    td->vacancy = (config & OFPTC14_VACANCY_EVENTS
                   ? OFPUTIL_TABLE_VACANCY_ON
                   : OFPUTIL_TABLE_VACANCY_OFF);
    return 0;
}

void
ofputil_append_table_desc_reply(const struct ofputil_table_desc *td,
                                struct ovs_list *replies,
                                enum ofp_version version OVS_UNUSED)
{
    struct ofp14_table_desc *otd;
    uint32_t config = 0;

    otd = ofpmp_append(replies, sizeof *otd);
    memset(otd, 0, sizeof *otd);
    otd->length = htons(sizeof *otd);
    otd->table_id = td->table_id;
    if (td->eviction == OFPUTIL_TABLE_EVICTION_ON) {
        config |= OFPTC14_EVICTION;
    }
    if (td->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
        config |= OFPTC14_VACANCY_EVENTS;
    }
    otd->config = htonl(config);
}

void
ofputil_table_desc_format(struct ds *s, const struct ofputil_table_desc *td,
                          const struct ofputil_table_map *table_map)
{
    ds_put_format(s, "\n  table ");
    ofputil_format_table(td->table_id, table_map, s);
    ds_put_cstr(s, ":\n");
    ds_put_format(s, "   eviction=%s eviction_flags=",
                  ofputil_table_eviction_to_string(td->eviction));
    if (td->eviction_flags == UINT32_MAX) {
        ds_put_cstr(s, "(default)");
    } else {
        ds_put_format(s, "0x%"PRIx32, td->eviction_flags);
    }
    ds_put_char(s, '\n');
    ds_put_format(s, "   vacancy=%s\n",
                  ofputil_table_vacancy_to_string(td->vacancy));
}

struct ofpbuf *
ofputil_encode_table_desc_request(enum ofp_version version)
{
    return ofpraw_alloc(OFPRAW_OFPST14_TABLE_DESC_REQUEST, version, 0);
}

enum ofperr
ofputil_table_desc_reply_msg_format(struct ds *string,
                                    const struct ofp_header *oh,
                                    const struct ofputil_table_map *tm)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_table_desc td;
        int retval = ofputil_decode_table_desc(&b, &td, oh->version);

        if (retval) {
            return retval != EOF ? retval : 0;
        }
        ofputil_table_desc_format(string, &td, tm);
    }
}

/* Table stats. */

/* The OpenFlow 1.0 wildcard bits and the fields they stand for, in the
 * order of enum mf_field_id. */
static const struct {
    uint32_t ofpfw;             /* OFPFW10_* bit(s). */
    enum mf_field_id field;     /* The field. */
} ofp10_fields[] = {
    { OFPFW10_IN_PORT, MFF_IN_PORT },
    { OFPFW10_DL_SRC, MFF_ETH_SRC },
    { OFPFW10_DL_DST, MFF_ETH_DST },
    { OFPFW10_DL_TYPE, MFF_ETH_TYPE },
    { OFPFW10_DL_VLAN, MFF_VLAN_VID },
    { OFPFW10_DL_VLAN_PCP, MFF_VLAN_PCP },
    { OFPFW10_NW_SRC_MASK, MFF_IPV4_SRC },
    { OFPFW10_NW_DST_MASK, MFF_IPV4_DST },
    { OFPFW10_NW_PROTO, MFF_IP_PROTO },
    { OFPFW10_NW_TOS, MFF_IP_DSCP },
    { OFPFW10_TP_SRC, MFF_TCP_SRC },
    { OFPFW10_TP_DST, MFF_TCP_DST },
};

/* Returns the fields named by OpenFlow 1.0 wildcard bits 'ofpfw'. */
static struct mf_bitmap
mf_bitmap_from_ofpfw10(uint32_t ofpfw)
{
    struct mf_bitmap bm = MF_BITMAP_INITIALIZER;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(ofp10_fields); i++) {
        if (ofpfw & ofp10_fields[i].ofpfw) {
            mf_bitmap_set(&bm, ofp10_fields[i].field);
        }
    }
    return bm;
}

/* Returns the OpenFlow 1.0 wildcard bits for the fields in 'bm'. */
static uint32_t
mf_bitmap_to_ofpfw10(const struct mf_bitmap *bm)
{
    uint32_t ofpfw = 0;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(ofp10_fields); i++) {
        if (mf_bitmap_is_set(bm, ofp10_fields[i].field)) {
            ofpfw |= ofp10_fields[i].ofpfw;
        }
    }
    return ofpfw;
}

struct ofpbuf *
ofputil_encode_table_stats_reply(const struct ofp_header *request)
{
    return ofpraw_alloc_stats_reply(request, 0);
}

void
ofputil_append_table_stats_reply(struct ofpbuf *reply,
                                 const struct ofputil_table_stats *stats,
                                 const struct ofputil_table_features *features)
{
    const struct ofp_header *oh = reply->header;
    enum ofp_version version = oh->version; /* 'oh' moves as we append. */

    ovs_assert(stats->table_id == features->table_id);

    switch (version) {
    case OFP10_VERSION: {
        struct ofp10_table_stats *out = ofpbuf_put_zeros(reply, sizeof *out);

        out->table_id = features->table_id;
        ovs_strlcpy(out->name, features->name, sizeof out->name);
        out->wildcards = htonl(mf_bitmap_to_ofpfw10(&features->wildcard));
        out->max_entries = htonl(features->max_entries);
        out->active_count = htonl(stats->active_count);
        ofp_put_32aligned_be64_host(&out->lookup_count,
                                    stats->lookup_count);
        ofp_put_32aligned_be64_host(&out->matched_count,
                                    stats->matched_count);
        break;
    }

    case OFP11_VERSION: {
        struct ofp11_table_stats *out = ofpbuf_put_zeros(reply, sizeof *out);

        out->table_id = features->table_id;
        ovs_strlcpy(out->name, features->name, sizeof out->name);
        out->config = table_miss_to_config(features->miss_config,
                                           version);
        out->max_entries = htonl(features->max_entries);
        out->active_count = htonl(stats->active_count);
        out->lookup_count = htobe64(stats->lookup_count);
        out->matched_count = htobe64(stats->matched_count);
        break;
    }

    case OFP12_VERSION: {
        struct ofp12_table_stats *out = ofpbuf_put_zeros(reply, sizeof *out);

        out->table_id = features->table_id;
        ovs_strlcpy(out->name, features->name, sizeof out->name);
        out->metadata_match = features->metadata_match;
        out->metadata_write = features->metadata_write;
        out->config = table_miss_to_config(features->miss_config,
                                           version);
        out->max_entries = htonl(features->max_entries);
        out->active_count = htonl(stats->active_count);
        out->lookup_count = htobe64(stats->lookup_count);
        out->matched_count = htobe64(stats->matched_count);
        break;
    }

    case OFP13_VERSION:
    case OFP14_VERSION:
    case OFP15_VERSION:
    case OFP16_VERSION: {
        struct ofp13_table_stats *out = ofpbuf_put_zeros(reply, sizeof *out);

        out->table_id = features->table_id;
        out->active_count = htonl(stats->active_count);
        out->lookup_count = htobe64(stats->lookup_count);
        out->matched_count = htobe64(stats->matched_count);
        break;
    }

    default:
        OVS_NOT_REACHED();
    }
}

int
ofputil_decode_table_stats_reply(struct ofpbuf *msg,
                                 struct ofputil_table_stats *stats,
                                 struct ofputil_table_features *features)
{
    const struct ofp_header *oh;

    if (!msg->header) {
        enum ofpraw raw;
        enum ofperr error = ofpraw_pull(&raw, msg);

        if (error) {
            return error;
        }
    }
    oh = msg->header;

    if (!msg->size) {
        return EOF;
    }

    memset(stats, 0, sizeof *stats);
    memset(features, 0, sizeof *features);
    features->supports_eviction = -1;
    features->supports_vacancy_events = -1;

    switch ((enum ofp_version) oh->version) {
    case OFP10_VERSION: {
        const struct ofp10_table_stats *ots;
        uint32_t wc;

        ots = ofpbuf_try_pull(msg, sizeof *ots);
        if (!ots) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        features->table_id = ots->table_id;
        ovs_strlcpy(features->name, ots->name, sizeof features->name);
        features->max_entries = ntohl(ots->max_entries);
        wc = ntohl(ots->wildcards);
        features->match = features->wildcard = mf_bitmap_from_ofpfw10(wc);
        stats->table_id = ots->table_id;
        stats->active_count = ntohl(ots->active_count);
        stats->lookup_count = ofp_get_32aligned_be64_host(&ots->lookup_count);
        stats->matched_count
            = ofp_get_32aligned_be64_host(&ots->matched_count);
        return 0;
    }

    case OFP11_VERSION: {
        const struct ofp11_table_stats *ots;

        ots = ofpbuf_try_pull(msg, sizeof *ots);
        if (!ots) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        features->table_id = ots->table_id;
        ovs_strlcpy(features->name, ots->name, sizeof features->name);
        features->max_entries = ntohl(ots->max_entries);
        features->miss_config = table_miss_from_config(ots->config,
                                                       oh->version);
        stats->table_id = ots->table_id;
        stats->active_count = ntohl(ots->active_count);
        stats->lookup_count = be64toh(ots->lookup_count);
        stats->matched_count = be64toh(ots->matched_count);
        return 0;
    }

    case OFP12_VERSION: {
        const struct ofp12_table_stats *ots;

        ots = ofpbuf_try_pull(msg, sizeof *ots);
        if (!ots) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        features->table_id = ots->table_id;
        ovs_strlcpy(features->name, ots->name, sizeof features->name);
        features->metadata_match = ots->metadata_match;
        features->metadata_write = ots->metadata_write;
        features->max_entries = ntohl(ots->max_entries);
        features->miss_config = table_miss_from_config(ots->config,
                                                       oh->version);
        stats->table_id = ots->table_id;
        stats->active_count = ntohl(ots->active_count);
        stats->lookup_count = be64toh(ots->lookup_count);
        stats->matched_count = be64toh(ots->matched_count);
        return 0;
    }

    case OFP13_VERSION:
    case OFP14_VERSION:
    case OFP15_VERSION:
    case OFP16_VERSION: {
        const struct ofp13_table_stats *ots;

        ots = ofpbuf_try_pull(msg, sizeof *ots);
        if (!ots) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        features->table_id = ots->table_id;
        stats->table_id = ots->table_id;
        stats->active_count = ntohl(ots->active_count);
        stats->lookup_count = be64toh(ots->lookup_count);
        stats->matched_count = be64toh(ots->matched_count);
        return 0;
    }

    default:
        OVS_NOT_REACHED();
    }
}

/* Appends the fields in 'bm' to 's' as upstream groups them: consecutive
 * fields with the same prefix before '_' become "prefix_{a,b}". */
static void
format_field_bitmap(struct ds *s, const struct mf_bitmap *bm)
{
    const char *names[MFF_N_IDS];
    size_t n = 0, i;

    for (i = 0; i < MFF_N_IDS; i++) {
        if (mf_bitmap_is_set(bm, i)) {
            names[n++] = mf_from_id(i)->name;
        }
    }

    for (i = 0; i < n; ) {
        const char *underscore = strchr(names[i], '_');
        size_t prefix_len = underscore ? underscore - names[i] + 1 : 0;
        size_t j = i + 1;

        while (prefix_len && j < n
               && !strncmp(names[j], names[i], prefix_len)) {
            j++;
        }
        if (i) {
            ds_put_char(s, ' ');
        }
        if (j - i > 1) {
            size_t k;

            ds_put_format(s, "%.*s{", (int) prefix_len, names[i]);
            for (k = i; k < j; k++) {
                ds_put_format(s, "%s%s", k > i ? "," : "",
                              names[k] + prefix_len);
            }
            ds_put_char(s, '}');
        } else {
            ds_put_cstr(s, names[i]);
        }
        i = j;
    }
}

/* Returns true if 'a' and 'b' describe the same matching abilities. */
static bool
table_matching_equal(const struct ofputil_table_features *a,
                     const struct ofputil_table_features *b)
{
    return (!memcmp(&a->match, &b->match, sizeof a->match)
            && !memcmp(&a->mask, &b->mask, sizeof a->mask)
            && !memcmp(&a->wildcard, &b->wildcard, sizeof a->wildcard));
}

/* Returns true if 'a' and 'b' are the same, apart from their table ids and
 * names. */
static bool
table_features_equal(const struct ofputil_table_features *a,
                     const struct ofputil_table_features *b)
{
    return (a->metadata_match == b->metadata_match
            && a->metadata_write == b->metadata_write
            && a->max_entries == b->max_entries
            && a->miss_config == b->miss_config
            && table_matching_equal(a, b));
}

/* Returns true if 'bm' has no fields. */
static bool
mf_bitmap_is_empty(const struct mf_bitmap *bm)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(bm->bm); i++) {
        if (bm->bm[i]) {
            return false;
        }
    }
    return true;
}

void
ofputil_table_features_format(
    struct ds *s, const struct ofputil_table_features *features,
    const struct ofputil_table_features *prev_features,
    const struct ofputil_table_stats *stats,
    const struct ofputil_table_stats *prev_stats OVS_UNUSED,
    const struct ofputil_table_map *table_map)
{
    int table = features->table_id;

    ds_put_format(s, "\n  table %d", table);
    if (features->name[0]) {
        ds_put_format(s, " (\"%s\")", features->name);
    } else {
        const char *name = ofputil_table_map_get_name(table_map, table);

        if (name) {
            ds_put_format(s, " (\"%s\")", name);
        }
    }
    ds_put_cstr(s, ":\n");

    if (stats) {
        ds_put_format(s, "    active=%"PRIu32", ", stats->active_count);
        ds_put_format(s, "lookup=%"PRIu64", ", stats->lookup_count);
        ds_put_format(s, "matched=%"PRIu64"\n", stats->matched_count);
    }

    if (!features->max_entries && mf_bitmap_is_empty(&features->match)) {
        /* No features (OpenFlow 1.3+ table stats). */
        return;
    }
    if (prev_features && table_features_equal(features, prev_features)) {
        ds_put_cstr(s, "    (same features)\n");
        return;
    }

    ds_put_format(s, "    max_entries=%"PRIu32"\n", features->max_entries);
    if (prev_features && table_matching_equal(features, prev_features)) {
        ds_put_cstr(s, "    (same matching)\n");
    } else if (!mf_bitmap_is_empty(&features->match)) {
        ds_put_cstr(s, "    matching:\n");
        ds_put_cstr(s, "      exact match or wildcard: ");
        format_field_bitmap(s, &features->wildcard);
        ds_put_char(s, '\n');
    }
}

enum ofperr
ofputil_table_stats_reply_msg_format(struct ds *string,
                                     const struct ofp_header *oh,
                                     const struct ofputil_table_map *tm)
{
    struct ofputil_table_features prev_features;
    struct ofputil_table_stats prev_stats;
    struct ofpbuf b;
    int i;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (i = 0;; i++) {
        struct ofputil_table_features features;
        struct ofputil_table_stats stats;
        int retval;

        retval = ofputil_decode_table_stats_reply(&b, &stats, &features);
        if (retval) {
            return retval != EOF ? retval : 0;
        }

        ofputil_table_features_format(string, &features,
                                      i ? &prev_features : NULL,
                                      &stats, i ? &prev_stats : NULL, tm);
        prev_features = features;
        prev_stats = stats;
    }
}

/* Table features (OpenFlow 1.3+): the fixed part of each table only. */

struct ofpbuf *
ofputil_encode_table_features_request(enum ofp_version version)
{
    return ofpraw_alloc(OFPRAW_OFPST13_TABLE_FEATURES_REQUEST, version, 0);
}

int
ofputil_decode_table_features(struct ofpbuf *msg,
                              struct ofputil_table_features *tf,
                              struct ofpbuf *raw_properties)
{
    const struct ofp13_table_features *otf;
    size_t len;

    memset(tf, 0, sizeof *tf);
    if (!msg->header) {
        enum ofpraw raw;
        enum ofperr error = ofpraw_pull(&raw, msg);

        if (error) {
            return error;
        }
    }
    if (!msg->size) {
        return EOF;
    }

    otf = ofpbuf_try_pull(msg, sizeof *otf);
    if (!otf) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    len = ntohs(otf->length);
    if (len < sizeof *otf || len % 8 || len - sizeof *otf > msg->size) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    if (raw_properties) {
        ofpbuf_use_const(raw_properties, msg->data, len - sizeof *otf);
    }
    ofpbuf_pull(msg, len - sizeof *otf);

    tf->table_id = otf->table_id;
    if (tf->table_id == OFPTT_ALL) {
        return OFPERR_OFPTFFC_BAD_TABLE;
    }
    ovs_strlcpy(tf->name, otf->name, sizeof tf->name);
    tf->metadata_match = otf->metadata_match;
    tf->metadata_write = otf->metadata_write;
    tf->max_entries = ntohl(otf->max_entries);
    tf->miss_config = OFPUTIL_TABLE_MISS_DEFAULT;
    return 0;
}

void
ofputil_append_table_features_reply(const struct ofputil_table_features *tf,
                                    struct ovs_list *replies)
{
    struct ofp13_table_features *otf;

    otf = ofpmp_append(replies, sizeof *otf);
    memset(otf, 0, sizeof *otf);
    otf->length = htons(sizeof *otf);
    otf->table_id = tf->table_id;
    ovs_strlcpy(otf->name, tf->name, sizeof otf->name);
    otf->metadata_match = tf->metadata_match;
    otf->metadata_write = tf->metadata_write;
    otf->max_entries = htonl(tf->max_entries);
}

enum ofperr
ofputil_table_features_msg_format(struct ds *string,
                                  const struct ofp_header *oh,
                                  const struct ofputil_table_map *tm)
{
    struct ofputil_table_features prev;
    struct ofpbuf b;
    int i;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (i = 0;; i++) {
        struct ofputil_table_features tf;
        int retval;

        retval = ofputil_decode_table_features(&b, &tf, NULL);
        if (retval) {
            return retval != EOF ? retval : 0;
        }
        ofputil_table_features_format(string, &tf, i ? &prev : NULL, NULL,
                                      NULL, tm);
        prev = tf;
    }
}
