/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-table.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-msgs.h"
#include "nx-match.h"
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

/* OpenFlow 1.4+ table properties: what a table mod or a table desc
 * carries besides its config bits. */
struct table_props {
    uint32_t eviction_flags;    /* UINT32_MAX if absent. */
    bool has_vacancy;           /* Is there a vacancy property? */
    uint8_t vacancy_down;       /* Vacancy threshold down, percent. */
    uint8_t vacancy_up;         /* Vacancy threshold up, percent. */
    uint8_t vacancy;            /* Current vacancy, percent. */
};

/* Decodes the 'len' bytes of table properties at 'p' into '*tp'.  Returns
 * 0 or an OFPERR_* value. */
static enum ofperr
decode_table_props(const uint8_t *p, size_t len, struct table_props *tp)
{
    memset(tp, 0, sizeof *tp);
    tp->eviction_flags = UINT32_MAX;
    while (len > 0) {
        /* Property headers (type, length) must fit, as upstream checks;
         * each property is padded to 8 bytes. */
        size_t prop_len = len >= 4 ? (p[2] << 8) | p[3] : 0;
        uint16_t type = len >= 4 ? (p[0] << 8) | p[1] : 0;

        if (prop_len < 4 || ROUND_UP(prop_len, 8) > len) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        if (type == OFPUTIL_TMPT14_EVICTION && prop_len == 8) {
            ovs_be32 flags;

            memcpy(&flags, p + 4, sizeof flags);
            tp->eviction_flags = ntohl(flags);
        } else if (type == OFPUTIL_TMPT14_VACANCY && prop_len == 8) {
            tp->has_vacancy = true;
            tp->vacancy_down = p[4];
            tp->vacancy_up = p[5];
            tp->vacancy = p[6];
        }
        p += ROUND_UP(prop_len, 8);
        len -= ROUND_UP(prop_len, 8);
    }
    return 0;
}

/* Returns the OpenFlow 1.4+ table config bits for 'eviction' and
 * 'vacancy'. */
static ovs_be32
table_config14(enum ofputil_table_eviction eviction,
               enum ofputil_table_vacancy vacancy)
{
    uint32_t config = 0;

    if (eviction == OFPUTIL_TABLE_EVICTION_ON) {
        config |= OFPTC14_EVICTION;
    }
    if (vacancy == OFPUTIL_TABLE_VACANCY_ON) {
        config |= OFPTC14_VACANCY_EVENTS;
    }
    return htonl(config);
}

/* Appends to 'b' the OpenFlow 1.4+ table mod or table desc properties: an
 * eviction property with 'eviction_flags' unless it is UINT32_MAX, and a
 * vacancy property with thresholds 'down' and 'up' and current vacancy
 * 'cur' if 'vacancy' is on. */
static void
put_table_config_props(struct ofpbuf *b, uint32_t eviction_flags,
                       enum ofputil_table_vacancy vacancy,
                       uint8_t down, uint8_t up, uint8_t cur)
{
    if (eviction_flags != UINT32_MAX) {
        ovs_be16 hdr[2] = { htons(OFPUTIL_TMPT14_EVICTION), htons(8) };
        ovs_be32 f = htonl(eviction_flags);

        ofpbuf_put(b, hdr, sizeof hdr);
        ofpbuf_put(b, &f, sizeof f);
    }
    if (vacancy == OFPUTIL_TABLE_VACANCY_ON) {
        ovs_be16 hdr[2] = { htons(OFPUTIL_TMPT14_VACANCY), htons(8) };
        uint8_t body[4] = { down, up, cur, 0 };

        ofpbuf_put(b, hdr, sizeof hdr);
        ofpbuf_put(b, body, sizeof body);
    }
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

        struct table_props tp;
        enum ofperr error = decode_table_props(b.data, b.size, &tp);
        if (error) {
            return error;
        }
        pm->eviction_flags = tp.eviction_flags;
        if (tp.has_vacancy) {
            pm->table_vacancy_down = tp.vacancy_down;
            pm->table_vacancy_up = tp.vacancy_up;
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

        b = ofpraw_alloc(OFPRAW_OFPT14_TABLE_MOD, version, 0);
        otm = ofpbuf_put_zeros(b, sizeof *otm);
        otm->table_id = tm->table_id;
        otm->config = table_config14(tm->eviction, tm->vacancy);
        put_table_config_props(b, tm->eviction_flags, tm->vacancy,
                               tm->table_vacancy_down, tm->table_vacancy_up,
                               0);
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
        if (pm->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
            ds_put_format(string, " vacancy:%"PRIu8",%"PRIu8,
                          pm->table_vacancy_down, pm->table_vacancy_up);
        }
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
    } else if (!strncmp(setting, "vacancy:", 8)) {
        const char *down_s = setting + 8;
        const char *comma = strchr(down_s, ',');
        char *down = xmemdup0(down_s, comma ? comma - down_s
                                            : strlen(down_s));
        unsigned int down_v, up_v;
        char *error = NULL;

        if (!down[0]) {
            error = xstrdup("Vacancy down value missing");
        } else if (!comma || !comma[1]) {
            error = xstrdup("Vacancy up value missing");
        } else if (!str_to_uint(down, 10, &down_v) || down_v > 100) {
            error = xasprintf("Invalid vacancy down value \"%s\"", down);
        } else if (!str_to_uint(comma + 1, 10, &up_v) || up_v > 100) {
            error = xasprintf("Invalid vacancy up value \"%s\"", comma + 1);
        } else if (down_v > up_v) {
            error = xasprintf("Invalid vacancy range, vacancy up should be "
                              "greater than vacancy down (%s)",
                              ofperr_to_string(OFPERR_OFPBPC_BAD_VALUE));
        }
        free(down);
        if (error) {
            return error;
        }
        pm->vacancy = OFPUTIL_TABLE_VACANCY_ON;
        pm->table_vacancy_down = down_v;
        pm->table_vacancy_up = up_v;
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
    struct ofp14_table_desc copy; /* Entries may be misaligned. */
    const struct ofp14_table_desc *otd = &copy;
    const void *entry;
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
    entry = ofpbuf_try_pull(msg, sizeof copy);
    if (!entry) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memcpy(&copy, entry, sizeof copy);
    length = ntohs(otd->length);
    if (length < sizeof *otd || length - sizeof *otd > msg->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    const uint8_t *props = ofpbuf_pull(msg, length - sizeof *otd);
    struct table_props tp;
    enum ofperr error = decode_table_props(props, length - sizeof *otd,
                                           &tp);
    if (error) {
        return error;
    }

    td->table_id = otd->table_id;
    config = ntohl(otd->config);
    td->eviction = (config & OFPTC14_EVICTION
                    ? OFPUTIL_TABLE_EVICTION_ON
                    : OFPUTIL_TABLE_EVICTION_OFF);
    td->eviction_flags = tp.eviction_flags;
    td->vacancy = (config & OFPTC14_VACANCY_EVENTS
                   ? OFPUTIL_TABLE_VACANCY_ON
                   : OFPUTIL_TABLE_VACANCY_OFF);
    if (tp.has_vacancy) {
        td->table_vacancy_down = tp.vacancy_down;
        td->table_vacancy_up = tp.vacancy_up;
        td->table_vacancy = tp.vacancy;
    }
    return 0;
}

void
ofputil_append_table_desc_reply(const struct ofputil_table_desc *td,
                                struct ovs_list *replies,
                                enum ofp_version version OVS_UNUSED)
{
    struct ofpbuf *reply = ofpmp_reserve(replies, 0);
    size_t start_ofs = reply->size;
    struct ofp14_table_desc *otd;

    otd = ofpbuf_put_zeros(reply, sizeof *otd);
    otd->table_id = td->table_id;
    otd->config = table_config14(td->eviction, td->vacancy);
    put_table_config_props(reply, td->eviction_flags, td->vacancy,
                           td->table_vacancy_down, td->table_vacancy_up,
                           td->table_vacancy);
    otd = ofpbuf_at_assert(reply, start_ofs, sizeof *otd);
    otd->length = htons(reply->size - start_ofs);
    ofpmp_postappend(replies, start_ofs);
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
        static const char *const names[] = { "OTHER", "IMPORTANCE",
                                             "LIFETIME" };
        uint32_t flags = td->eviction_flags;
        bool first = true;

        for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
            if (flags & (1u << i)) {
                ds_put_format(s, "%s%s", first ? "" : "|", names[i]);
                first = false;
                flags &= ~(1u << i);
            }
        }
        if (flags || first) {
            ds_put_format(s, "%s0x%"PRIx32, first ? "" : "|", flags);
        }
    }
    ds_put_char(s, '\n');
    ds_put_format(s, "   vacancy=%s",
                  ofputil_table_vacancy_to_string(td->vacancy));
    if (td->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
        ds_put_format(s, " vacancy_down=%"PRIu8"%% vacancy_up=%"PRIu8"%% "
                      "vacancy=%"PRIu8"%%", td->table_vacancy_down,
                      td->table_vacancy_up, td->table_vacancy);
    }
    ds_put_char(s, '\n');
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

/* OpenFlow 1.1 wildcard bits and the fields they stand for. */
static const struct {
    uint32_t ofpfw;             /* OFPFW11_* bit. */
    enum mf_field_id field;     /* Field. */
} ofp11_fields[] = {
    { OFPFW11_IN_PORT, MFF_IN_PORT },
    { OFPFW11_DL_VLAN, MFF_VLAN_VID },
    { OFPFW11_DL_VLAN_PCP, MFF_VLAN_PCP },
    { OFPFW11_DL_TYPE, MFF_ETH_TYPE },
    { OFPFW11_NW_TOS, MFF_IP_DSCP },
    { OFPFW11_NW_PROTO, MFF_IP_PROTO },
    { OFPFW11_TP_SRC, MFF_TCP_SRC },
    { OFPFW11_TP_DST, MFF_TCP_DST },
    { OFPFW11_MPLS_LABEL, MFF_MPLS_LABEL },
    { OFPFW11_MPLS_TC, MFF_MPLS_TC },
    /* Upstream's switch also sets bits 11 to 15 (bit 10 clear) for the
     * fields that OpenFlow 1.1 matches with masks, and its ovs-ofctl then
     * lists them: which bit is which cannot be observed, as they always
     * come together. */
    { 1 << 11, MFF_METADATA },
    { 1 << 12, MFF_ETH_SRC },
    { 1 << 13, MFF_ETH_DST },
    { 1 << 14, MFF_IPV4_SRC },
    { 1 << 15, MFF_IPV4_DST },
};

/* Returns the fields named by OpenFlow 1.1 table stats wildcard bits
 * 'ofpfw'. */
static struct mf_bitmap
mf_bitmap_from_ofpfw11(uint32_t ofpfw)
{
    struct mf_bitmap bm = MF_BITMAP_INITIALIZER;

    for (size_t i = 0; i < ARRAY_SIZE(ofp11_fields); i++) {
        if (ofpfw & ofp11_fields[i].ofpfw) {
            mf_bitmap_set(&bm, ofp11_fields[i].field);
        }
    }
    return bm;
}

/* Returns the OpenFlow 1.1 wildcard bits for the fields in 'bm'. */
static uint32_t
mf_bitmap_to_ofpfw11(const struct mf_bitmap *bm)
{
    uint32_t ofpfw = 0;

    for (size_t i = 0; i < ARRAY_SIZE(ofp11_fields); i++) {
        if (mf_bitmap_is_set(bm, ofp11_fields[i].field)) {
            ofpfw |= ofp11_fields[i].ofpfw;
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
        out->wildcards = htonl(mf_bitmap_to_ofpfw11(&features->wildcard));
        out->match = htonl(mf_bitmap_to_ofpfw11(&features->match));
        out->instructions = ovsinst_bitmap_to_openflow(
            features->nonmiss.instructions, version);
        out->write_actions = ofpact_bitmap_to_openflow(
            features->nonmiss.write.ofpacts, version);
        out->apply_actions = ofpact_bitmap_to_openflow(
            features->nonmiss.apply.ofpacts, version);
        /* As upstream's switch: the ofputil_table_miss value itself, not
         * the OFPTC11_* encoding (upstream's decoder reads it back with
         * its own quirks, which table_miss_from_config() reproduces). */
        out->config = htonl(features->miss_config);
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
        out->match = oxm_bitmap_from_mf_bitmap(&features->match, version);
        out->wildcards = oxm_bitmap_from_mf_bitmap(&features->wildcard,
                                                   version);
        out->write_actions = ofpact_bitmap_to_openflow(
            features->nonmiss.write.ofpacts, version);
        out->apply_actions = ofpact_bitmap_to_openflow(
            features->nonmiss.apply.ofpacts, version);
        out->write_setfields = oxm_bitmap_from_mf_bitmap(
            &features->nonmiss.write.set_fields, version);
        out->apply_setfields = oxm_bitmap_from_mf_bitmap(
            &features->nonmiss.apply.set_fields, version);
        out->metadata_match = features->metadata_match;
        out->metadata_write = features->metadata_write;
        out->instructions = ovsinst_bitmap_to_openflow(
            features->nonmiss.instructions, version);
        /* As upstream's switch: the ofputil_table_miss value itself, not
         * the OFPTC11_* encoding (upstream's decoder reads it back with
         * its own quirks, which table_miss_from_config() reproduces). */
        out->config = htonl(features->miss_config);
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
        features->match = features->wildcard
            = mf_bitmap_from_ofpfw11(ntohl(ots->wildcards));
        features->nonmiss.instructions = ovsinst_bitmap_from_openflow(
            ots->instructions, oh->version);
        features->nonmiss.write.ofpacts = ofpact_bitmap_from_openflow(
            ots->write_actions, oh->version);
        features->nonmiss.apply.ofpacts = ofpact_bitmap_from_openflow(
            ots->apply_actions, oh->version);
        features->miss = features->nonmiss;
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
        features->match = oxm_bitmap_to_mf_bitmap(ots->match, oh->version);
        features->wildcard = oxm_bitmap_to_mf_bitmap(ots->wildcards,
                                                     oh->version);
        features->nonmiss.instructions = ovsinst_bitmap_from_openflow(
            ots->instructions, oh->version);
        features->nonmiss.write.ofpacts = ofpact_bitmap_from_openflow(
            ots->write_actions, oh->version);
        features->nonmiss.apply.ofpacts = ofpact_bitmap_from_openflow(
            ots->apply_actions, oh->version);
        features->nonmiss.write.set_fields = oxm_bitmap_to_mf_bitmap(
            ots->write_setfields, oh->version);
        features->nonmiss.apply.set_fields = oxm_bitmap_to_mf_bitmap(
            ots->apply_setfields, oh->version);
        features->miss = features->nonmiss;
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

/* The fields that table features may list, in upstream's order (the order
 * in which upstream prints them): Weft's own fields that have an OXM or NXM
 * header, and the foreign fields of lib/meta-flow.fields that upstream's
 * switch lists and Weft lacks, with the header upstream's switch uses for
 * each in OpenFlow 1.3.  The 'extra' bitmaps of struct
 * ofputil_table_features index this table (only its foreign entries). */
struct tf_field {
    const char *name;           /* Upstream's name of the field. */
    enum mf_field_id id;        /* Weft's field, or MFF_N_IDS if foreign. */
    uint16_t oxm_class;         /* OXM/NXM class. */
    uint8_t oxm_field;          /* Field number within the class. */
    uint32_t experimenter;      /* Experimenter id, if class 0xffff. */
};

static const struct tf_field tf_fields[] = {
#include "meta-flow-tf.inc"
};
BUILD_ASSERT_DECL(ARRAY_SIZE(tf_fields) <= 256);

/* Bit operations on arrays of longs. */
#define TF_BITS_PER_LONG (8 * sizeof(unsigned long int))

static bool
tf_bit_is_set(const unsigned long int *bm, size_t i)
{
    return (bm[i / TF_BITS_PER_LONG] >> (i % TF_BITS_PER_LONG)) & 1;
}

static void
tf_bit_set(unsigned long int *bm, size_t i)
{
    bm[i / TF_BITS_PER_LONG] |= 1UL << (i % TF_BITS_PER_LONG);
}

/* Returns the index in tf_fields[] of the field with the given header
 * parts, or -1. */
static int
tf_field_by_header(uint16_t oxm_class, uint8_t oxm_field,
                   uint32_t experimenter)
{
    for (size_t i = 0; i < ARRAY_SIZE(tf_fields); i++) {
        const struct tf_field *f = &tf_fields[i];

        if (f->oxm_class == oxm_class && f->oxm_field == oxm_field
            && (oxm_class != 0xffff || f->experimenter == experimenter)) {
            return i;
        }
    }
    return -1;
}

/* Appends to 's' the names in 'names' (the 'n' names of a set of fields,
 * in upstream's order) grouped as upstream prints them: a run of names
 * that differ only in a trailing number counting up becomes
 * "first...last", and consecutive names with the same prefix up to an
 * underscore become "prefix_{a,b}", recursively.  'sep' separates the
 * items. */
static void
format_names(struct ds *s, const char **names, size_t n, char sep)
{
    size_t i = 0;

    while (i < n) {
        const char *name = names[i];
        size_t len = strlen(name);
        size_t digits = 0;
        size_t j;

        if (i) {
            ds_put_char(s, sep);
        }

        /* A numbered run: "reg0...reg15". */
        while (digits < len
               && isdigit((unsigned char) name[len - 1 - digits])) {
            digits++;
        }
        if (digits && digits < len) {
            size_t plen = len - digits;
            long int first = strtol(name + plen, NULL, 10);

            for (j = i + 1; j < n; j++) {
                const char *other = names[j];
                size_t olen = strlen(other);

                if (olen <= plen || strncmp(other, name, plen)
                    || strspn(other + plen, "0123456789") != olen - plen
                    || (strtol(other + plen, NULL, 10)
                        != first + (long) (j - i))) {
                    break;
                }
            }
            if (j - i > 2) {
                ds_put_format(s, "%s...%s", name, names[j - 1]);
                i = j;
                continue;
            }
        }

        /* A prefix group: "eth_{src,dst}". */
        const char *underscore = strchr(name, '_');
        if (underscore) {
            size_t plen = underscore - name + 1;

            for (j = i + 1; j < n && !strncmp(names[j], name, plen); j++) {
                continue;
            }
            if (j - i > 1) {
                const char **rest = xmalloc((j - i) * sizeof *rest);

                for (size_t k = i; k < j; k++) {
                    rest[k - i] = names[k] + plen;
                }
                ds_put_format(s, "%.*s{", (int) plen, name);
                format_names(s, rest, j - i, ',');
                ds_put_char(s, '}');
                free(rest);
                i = j;
                continue;
            }
        }

        ds_put_cstr(s, name);
        i++;
    }
}

/* Appends to 's' the fields in 'bm' and 'extra', in upstream's order and
 * grouping. */
static void
format_fields(struct ds *s, const struct mf_bitmap *bm,
              const struct ofputil_tf_extra_fields *extra)
{
    const char *names[ARRAY_SIZE(tf_fields)];
    size_t n = 0;

    for (size_t i = 0; i < ARRAY_SIZE(tf_fields); i++) {
        const struct tf_field *f = &tf_fields[i];

        if (f->id != MFF_N_IDS
            ? mf_bitmap_is_set(bm, f->id)
            : tf_bit_is_set(extra->bm, i)) {
            names[n++] = f->name;
        }
    }
    format_names(s, names, n, ' ');
}

/* Returns true if the 'n' longs at 'bm' are all zero. */
static bool
longs_are_zero(const unsigned long int *bm, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (bm[i]) {
            return false;
        }
    }
    return true;
}

/* Returns true if 'bm' has no fields. */
static bool
mf_bitmap_is_empty(const struct mf_bitmap *bm)
{
    return longs_are_zero(bm->bm, ARRAY_SIZE(bm->bm));
}

/* Returns true if 'x' has no fields. */
static bool
extra_is_empty(const struct ofputil_tf_extra_fields *x)
{
    return longs_are_zero(x->bm, ARRAY_SIZE(x->bm));
}

/* Sets in 'm' and 'extra' (whichever knows it) the field whose OXM/NXM
 * header parts are given.  Unknown fields are ignored. */
static void
put_field_by_header(uint32_t header, uint32_t experimenter,
                    struct mf_bitmap *m,
                    struct ofputil_tf_extra_fields *extra)
{
    uint16_t oxm_class = header >> 16;
    uint8_t oxm_field = (header >> 9) & 0x7f;
    const struct mf_field *mf = NULL;
    int idx;

    if (oxm_class != 0xffff) {
        mf = mf_from_nxm_header(header, NULL);
    }
    if (mf) {
        mf_bitmap_set(m, mf->id);
        return;
    }
    idx = tf_field_by_header(oxm_class, oxm_field, experimenter);
    if (idx >= 0) {
        if (tf_fields[idx].id != MFF_N_IDS) {
            mf_bitmap_set(m, tf_fields[idx].id);
        } else {
            tf_bit_set(extra->bm, idx);
        }
    }
}

static bool
action_features_equal(const struct ofputil_table_action_features *a,
                      const struct ofputil_table_action_features *b)
{
    return (a->ofpacts == b->ofpacts
            && !memcmp(&a->set_fields, &b->set_fields, sizeof a->set_fields)
            && !memcmp(&a->set_fields_extra, &b->set_fields_extra,
                       sizeof a->set_fields_extra));
}

static bool
action_features_empty(const struct ofputil_table_action_features *a)
{
    return (!a->ofpacts && mf_bitmap_is_empty(&a->set_fields)
            && extra_is_empty(&a->set_fields_extra));
}

/* Returns true if 'a' and 'b' are the same, also in next tables if
 * 'check_next'. */
static bool
instruction_features_equal(const struct ofputil_table_instruction_features *a,
                           const struct ofputil_table_instruction_features *b,
                           bool check_next)
{
    return ((!check_next || !memcmp(a->next, b->next, sizeof a->next))
            && a->instructions == b->instructions
            && action_features_equal(&a->write, &b->write)
            && action_features_equal(&a->apply, &b->apply));
}

static bool
next_is_empty(const struct ofputil_table_instruction_features *a)
{
    return longs_are_zero(a->next, ARRAY_SIZE(a->next));
}

static bool
instruction_features_empty(const struct ofputil_table_instruction_features *a)
{
    return (next_is_empty(a) && !a->instructions
            && action_features_empty(&a->write)
            && action_features_empty(&a->apply));
}

/* Returns true if 'a' and 'b' describe the same matching abilities. */
static bool
table_matching_equal(const struct ofputil_table_features *a,
                     const struct ofputil_table_features *b)
{
    return (!memcmp(&a->match, &b->match, sizeof a->match)
            && !memcmp(&a->mask, &b->mask, sizeof a->mask)
            && !memcmp(&a->wildcard, &b->wildcard, sizeof a->wildcard)
            && !memcmp(&a->match_extra, &b->match_extra,
                       sizeof a->match_extra)
            && !memcmp(&a->mask_extra, &b->mask_extra, sizeof a->mask_extra)
            && !memcmp(&a->wildcard_extra, &b->wildcard_extra,
                       sizeof a->wildcard_extra));
}

/* Returns true if 'a' and 'b' are the same, apart from their table ids,
 * names and next tables. */
static bool
table_features_equal(const struct ofputil_table_features *a,
                     const struct ofputil_table_features *b)
{
    return (a->metadata_match == b->metadata_match
            && a->metadata_write == b->metadata_write
            && a->max_entries == b->max_entries
            && a->supports_eviction == b->supports_eviction
            && a->supports_vacancy_events == b->supports_vacancy_events
            && a->miss_config == b->miss_config
            && instruction_features_equal(&a->nonmiss, &b->nonmiss, false)
            && instruction_features_equal(&a->miss, &b->miss, false)
            && table_matching_equal(a, b));
}

/* Returns true if 'tf' describes nothing (OpenFlow 1.3+ table stats). */
static bool
table_features_empty(const struct ofputil_table_features *tf)
{
    return (!tf->max_entries && mf_bitmap_is_empty(&tf->match)
            && extra_is_empty(&tf->match_extra)
            && instruction_features_empty(&tf->nonmiss)
            && instruction_features_empty(&tf->miss));
}

static bool
table_stats_equal(const struct ofputil_table_stats *a,
                  const struct ofputil_table_stats *b)
{
    return (a->active_count == b->active_count
            && a->lookup_count == b->lookup_count
            && a->matched_count == b->matched_count);
}

/* Appends "        actions: ...\n" and the set-field fields of 'a'. */
static void
format_action_features(struct ds *s,
                       const struct ofputil_table_action_features *a)
{
    if (a->ofpacts) {
        ds_put_cstr(s, "        actions: ");
        ofpact_bitmap_format(a->ofpacts, s);
        ds_put_char(s, '\n');
    }
    if (!mf_bitmap_is_empty(&a->set_fields)
        || !extra_is_empty(&a->set_fields_extra)) {
        ds_put_cstr(s, "        supported on Set-Field: ");
        format_fields(s, &a->set_fields, &a->set_fields_extra);
        ds_put_char(s, '\n');
    }
}

/* Appends the ranges of tables in 'next', e.g. "1-253". */
static void
format_next_tables(struct ds *s, const unsigned long int *next)
{
    bool first = true;

    for (int i = 0; i < 255; ) {
        if (!tf_bit_is_set(next, i)) {
            i++;
            continue;
        }

        int j = i;
        while (j + 1 < 255 && tf_bit_is_set(next, j + 1)) {
            j++;
        }
        if (!first) {
            ds_put_char(s, ',');
        }
        first = false;
        if (j > i) {
            ds_put_format(s, "%d-%d", i, j);
        } else {
            ds_put_format(s, "%d", i);
        }
        i = j + 1;
    }
}

/* Appends the instruction features 'info', compared with 'prev' (the
 * previous table's, if nonnull and 'same_actions'). */
static void
format_instruction_features(
    struct ds *s, const struct ofputil_table_instruction_features *info,
    const struct ofputil_table_instruction_features *prev, bool same_actions)
{
    if (!next_is_empty(info)) {
        ds_put_cstr(s, "      next tables: ");
        format_next_tables(s, info->next);
        ds_put_char(s, '\n');
    }
    if (info->instructions) {
        ds_put_cstr(s, "      instructions: ");
        for (int i = 0; i < N_OVS_INSTRUCTIONS; i++) {
            if (info->instructions & (1u << i)) {
                ds_put_format(s, "%s ", ovs_instruction_name_from_type(i));
            }
        }
        ds_chomp(s, ' ');
        ds_put_char(s, '\n');
    }
    if (prev && same_actions
        && action_features_equal(&info->write, &prev->write)
        && action_features_equal(&info->apply, &prev->apply)) {
        ds_put_cstr(s, "      (same actions)\n");
    } else if (action_features_equal(&info->write, &info->apply)) {
        ds_put_cstr(s, "      Write-Actions and Apply-Actions features:\n");
        format_action_features(s, &info->write);
    } else {
        ds_put_cstr(s, "      Write-Actions features:\n");
        format_action_features(s, &info->write);
        ds_put_cstr(s, "      Apply-Actions features:\n");
        format_action_features(s, &info->apply);
    }
}

/* Appends the matching abilities of 'tf'. */
static void
format_matching(struct ds *s, const struct ofputil_table_features *tf)
{
    struct ofputil_tf_extra_fields exact = tf->match_extra;
    struct ofputil_tf_extra_fields wild = tf->match_extra;
    struct mf_bitmap exact_bm = tf->match;
    struct mf_bitmap wild_bm = tf->match;

    /* Fields that may be wildcarded but not masked, and fields that must
     * be matched exactly. */
    for (size_t i = 0; i < ARRAY_SIZE(tf->match.bm); i++) {
        wild_bm.bm[i] &= tf->wildcard.bm[i] & ~tf->mask.bm[i];
        exact_bm.bm[i] &= ~tf->wildcard.bm[i] & ~tf->mask.bm[i];
    }
    for (size_t i = 0; i < ARRAY_SIZE(exact.bm); i++) {
        wild.bm[i] &= tf->wildcard_extra.bm[i] & ~tf->mask_extra.bm[i];
        exact.bm[i] &= ~tf->wildcard_extra.bm[i] & ~tf->mask_extra.bm[i];
    }

    ds_put_cstr(s, "    matching:\n");
    if (!mf_bitmap_is_empty(&tf->mask) || !extra_is_empty(&tf->mask_extra)) {
        ds_put_cstr(s, "      arbitrary mask: ");
        format_fields(s, &tf->mask, &tf->mask_extra);
        ds_put_char(s, '\n');
    }
    if (!mf_bitmap_is_empty(&wild_bm) || !extra_is_empty(&wild)) {
        ds_put_cstr(s, "      exact match or wildcard: ");
        format_fields(s, &wild_bm, &wild);
        ds_put_char(s, '\n');
    }
    if (!mf_bitmap_is_empty(&exact_bm) || !extra_is_empty(&exact)) {
        ds_put_cstr(s, "      must match exactly: ");
        format_fields(s, &exact_bm, &exact);
        ds_put_char(s, '\n');
    }
}

/* Appends table 'features' (with 'stats', if nonnull), compared with the
 * previous table's 'prev_features' (if nonnull). */
static void
table_features_format__(struct ds *s,
                        const struct ofputil_table_features *features,
                        const struct ofputil_table_features *prev_features,
                        const struct ofputil_table_stats *stats,
                        const struct ofputil_table_map *table_map,
                        bool same_actions)
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

    if (table_features_empty(features)) {
        /* No features (OpenFlow 1.3+ table stats). */
        return;
    }
    if (stats && prev_features
        && table_features_equal(features, prev_features)) {
        ds_put_cstr(s, "    (same features)\n");
        return;
    }

    if (features->metadata_match || features->metadata_write) {
        ds_put_format(s, "    metadata: match=%#"PRIx64" write=%#"PRIx64"\n",
                      be64toh(features->metadata_match),
                      be64toh(features->metadata_write));
    }
    if (features->supports_eviction >= 0) {
        ds_put_format(s, "    eviction: %ssupported\n",
                      features->supports_eviction ? "" : "not ");
    }
    if (features->supports_vacancy_events >= 0) {
        ds_put_format(s, "    vacancy events: %ssupported\n",
                      features->supports_vacancy_events ? "" : "not ");
    }
    if (features->miss_config != OFPUTIL_TABLE_MISS_DEFAULT) {
        ds_put_format(s, "    config=%s\n",
                      ofputil_table_miss_to_string(features->miss_config));
    }
    ds_put_format(s, "    max_entries=%"PRIu32"\n", features->max_entries);

    bool has_instructions = (!instruction_features_empty(&features->nonmiss)
                             || !instruction_features_empty(&features->miss));
    if (has_instructions && prev_features
        && instruction_features_equal(&features->nonmiss,
                                      &prev_features->nonmiss, false)
        && instruction_features_equal(&features->miss,
                                      &prev_features->miss, false)) {
        ds_put_cstr(s, "    (same instructions)\n");
    } else if (has_instructions) {
        if (instruction_features_equal(&features->nonmiss, &features->miss,
                                       true)) {
            ds_put_cstr(s, "    instructions (table miss and others):\n");
            format_instruction_features(
                s, &features->nonmiss,
                prev_features ? &prev_features->nonmiss : NULL,
                same_actions);
        } else {
            ds_put_cstr(s, "    instructions (other than table miss):\n");
            format_instruction_features(
                s, &features->nonmiss,
                prev_features ? &prev_features->nonmiss : NULL,
                same_actions);
            ds_put_cstr(s, "    instructions (table miss):\n");
            format_instruction_features(
                s, &features->miss,
                prev_features ? &prev_features->miss : NULL, same_actions);
        }
    }

    if (prev_features && table_matching_equal(features, prev_features)) {
        ds_put_cstr(s, "    (same matching)\n");
    } else if (!mf_bitmap_is_empty(&features->match)
               || !extra_is_empty(&features->match_extra)) {
        format_matching(s, features);
    }
}

void
ofputil_table_features_format(
    struct ds *s, const struct ofputil_table_features *features,
    const struct ofputil_table_features *prev_features,
    const struct ofputil_table_stats *stats,
    const struct ofputil_table_stats *prev_stats OVS_UNUSED,
    const struct ofputil_table_map *table_map)
{
    table_features_format__(s, features, prev_features, stats, table_map,
                            true);
}

void
ofputil_table_printer_init(struct ofputil_table_printer *p)
{
    memset(p, 0, sizeof *p);
    p->first_ditto = -1;
    p->same_actions = true;
}

/* Appends the pending run of "ditto" tables of 'p', if any. */
static void
table_printer_flush(struct ds *s, struct ofputil_table_printer *p)
{
    if (p->first_ditto >= 0) {
        if (p->first_ditto == p->last_ditto) {
            ds_put_format(s, "\n  table %d: ditto\n", p->first_ditto);
        } else {
            ds_put_format(s, "\n  tables %d...%d: ditto\n", p->first_ditto,
                          p->last_ditto);
        }
        p->first_ditto = -1;
    }
}

void
ofputil_table_printer_add(struct ds *s, struct ofputil_table_printer *p,
                          const struct ofputil_table_features *features,
                          const struct ofputil_table_stats *stats,
                          const struct ofputil_table_map *table_map)
{
    if (p->has_prev
        && !features->name[0] && !p->prev_features.name[0]
        && table_features_equal(features, &p->prev_features)
        && (!stats || (p->has_stats
                       && table_stats_equal(stats, &p->prev_stats)))) {
        if (p->first_ditto < 0) {
            p->first_ditto = features->table_id;
        }
        p->last_ditto = features->table_id;
    } else {
        table_printer_flush(s, p);
        table_features_format__(s, features,
                                p->has_prev ? &p->prev_features : NULL,
                                stats, table_map, p->same_actions);
    }
    p->prev_features = *features;
    if (stats) {
        p->prev_stats = *stats;
    }
    p->has_stats = stats != NULL;
    p->has_prev = true;
}

void
ofputil_table_printer_finish(struct ds *s, struct ofputil_table_printer *p)
{
    table_printer_flush(s, p);
}

enum ofperr
ofputil_table_stats_reply_msg_format(struct ds *string,
                                     const struct ofp_header *oh,
                                     const struct ofputil_table_map *tm)
{
    struct ofputil_table_printer printer;
    struct ofpbuf b;

    ofputil_table_printer_init(&printer);
    printer.same_actions = oh->version != OFP11_VERSION;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_table_features features;
        struct ofputil_table_stats stats;
        int retval;

        retval = ofputil_decode_table_stats_reply(&b, &stats, &features);
        if (retval) {
            ofputil_table_printer_finish(string, &printer);
            return retval != EOF ? retval : 0;
        }
        ofputil_table_printer_add(string, &printer, &features, &stats, tm);
    }
}

void
ofputil_table_features_init_ovs(struct ofputil_table_features *tf,
                                uint8_t table_id, uint8_t last_table)
{
    /* OFPAT11_* types upstream's switch lists in OpenFlow 1.1 table stats,
     * and OFPAT_* types (output, then copy_ttl_out to set_field) in
     * OpenFlow 1.2+ messages. */
    static const uint32_t of11_actions = 0x01ffe7ff;
    static const uint32_t of12_actions = 0x03ff8001;
    struct ofputil_table_instruction_features *info = &tf->nonmiss;

    memset(tf, 0, sizeof *tf);
    tf->table_id = table_id;
    tf->metadata_match = tf->metadata_write = (ovs_be64) UINT64_MAX;
    tf->max_entries = 1000000;
    tf->supports_eviction = tf->supports_vacancy_events = 0;
    tf->miss_config = OFPUTIL_TABLE_MISS_DEFAULT;

    info->instructions = (1u << N_OVS_INSTRUCTIONS) - 1;
    if (table_id >= last_table) {
        info->instructions &= ~(1u << OVSINST_OFPIT11_GOTO_TABLE);
    }
    for (int i = table_id + 1; i <= last_table; i++) {
        tf_bit_set(info->next, i);
    }
    info->write.ofpacts
        = (ofpact_bitmap_from_openflow(htonl(of11_actions), OFP11_VERSION)
           | ofpact_bitmap_from_openflow(htonl(of12_actions),
                                         OFP13_VERSION));
    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);

        if (!mf_nxm_header(i) && !mf_oxm_header(i, OFP15_VERSION)) {
            continue;
        }
        mf_bitmap_set(&tf->match, i);
        mf_bitmap_set(&tf->wildcard, i);
        if (mf->maskable != MFM_NONE) {
            mf_bitmap_set(&tf->mask, i);
        }
        if (mf->writable) {
            mf_bitmap_set(&info->write.set_fields, i);
        }
    }
    info->apply = info->write;
    tf->miss = tf->nonmiss;
}

/* Table features (OpenFlow 1.3+). */

struct ofpbuf *
ofputil_encode_table_features_request(enum ofp_version version)
{
    return ofpraw_alloc(OFPRAW_OFPST13_TABLE_FEATURES_REQUEST, version, 0);
}

/* Decodes the instructions property 'payload' into '*insts'. */
static void
decode_instructions_prop(struct ofpbuf *payload, uint32_t *insts)
{
    while (payload->size >= 4) {
        const ovs_be16 *h = payload->data;
        uint16_t type = ntohs(h[0]);
        uint16_t len = ntohs(h[1]);
        enum ovs_instruction_type it;

        if (len < 4 || len > payload->size) {
            break;
        }
        if (!ovs_instruction_type_from_inst_type(&it, type)) {
            *insts |= 1u << it;
        }
        ofpbuf_pull(payload, len);
    }
}

/* Decodes the actions property 'payload' (in 'version') into
 * '*ofpacts'. */
static void
decode_actions_prop(struct ofpbuf *payload, enum ofp_version version,
                    uint64_t *ofpacts)
{
    while (payload->size >= 4) {
        const ovs_be16 *h = payload->data;
        uint16_t type = ntohs(h[0]);
        uint16_t len = ntohs(h[1]);

        if (len < 4 || len > payload->size) {
            break;
        }
        if (type < 32) {
            *ofpacts |= ofpact_bitmap_from_openflow(htonl(1u << type),
                                                    version);
        }
        ofpbuf_pull(payload, len);
    }
}

/* Returns the 32-bit big-endian value at offset 'ofs' of 'p', which need
 * not be aligned. */
static uint32_t
tf_get_be32(const void *p, size_t ofs)
{
    ovs_be32 x;

    memcpy(&x, (const uint8_t *) p + ofs, sizeof x);
    return ntohl(x);
}

/* Decodes the OXM list property 'payload' into 'm' and 'extra', and the
 * fields with the "has mask" bit also into 'masked' and 'masked_extra' if
 * they are nonnull. */
static void
decode_oxm_prop(struct ofpbuf *payload, struct mf_bitmap *m,
                struct ofputil_tf_extra_fields *extra,
                struct mf_bitmap *masked,
                struct ofputil_tf_extra_fields *masked_extra)
{
    while (payload->size >= 4) {
        uint32_t header = tf_get_be32(payload->data, 0);
        uint32_t experimenter = 0;
        size_t len = 4;

        if (header >> 16 == 0xffff) {
            if (payload->size < 8) {
                break;
            }
            experimenter = tf_get_be32(payload->data, 4);
            len = 8;
        }
        put_field_by_header(header, experimenter, m, extra);
        if (masked && header & 0x100) {
            put_field_by_header(header, experimenter, masked, masked_extra);
        }
        ofpbuf_pull(payload, len);
    }
}

int
ofputil_decode_table_features(struct ofpbuf *msg,
                              struct ofputil_table_features *tf,
                              struct ofpbuf *raw_properties)
{
    const struct ofp13_table_features *otf;
    const struct ofp_header *oh;
    struct ofpbuf props;
    size_t len;

    memset(tf, 0, sizeof *tf);
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

    otf = ofpbuf_try_pull(msg, sizeof *otf);
    if (!otf) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    len = ntohs(otf->length);
    if (len < sizeof *otf || len % 8 || len - sizeof *otf > msg->size) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    ofpbuf_use_const(&props, msg->data, len - sizeof *otf);
    if (raw_properties) {
        *raw_properties = props;
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
    if (oh->version >= OFP14_VERSION) {
        uint32_t config = ntohl(otf->config);

        tf->supports_eviction = (config & OFPTC14_EVICTION) != 0;
        tf->supports_vacancy_events
            = (config & OFPTC14_VACANCY_EVENTS) != 0;
    } else {
        tf->supports_eviction = tf->supports_vacancy_events = -1;
    }

    while (props.size >= 4) {
        const ovs_be16 *h = props.data;
        uint16_t type = ntohs(h[0]);
        uint16_t plen = ntohs(h[1]);
        struct ofputil_table_instruction_features *info;
        struct ofpbuf payload;

        if (plen < 4 || plen > props.size) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        ofpbuf_use_const(&payload, (const uint8_t *) props.data + 4,
                         plen - 4);
        ofpbuf_pull(&props, MIN(ROUND_UP(plen, 8), props.size));

        info = ((type < OFPTFPT13_MATCH && type & 1)
                || type == OFPTFPT13_WRITE_SETFIELD_MISS
                || type == OFPTFPT13_APPLY_SETFIELD_MISS
                ? &tf->miss : &tf->nonmiss);
        switch (type) {
        case OFPTFPT13_INSTRUCTIONS:
        case OFPTFPT13_INSTRUCTIONS_MISS:
            decode_instructions_prop(&payload, &info->instructions);
            break;

        case OFPTFPT13_NEXT_TABLES:
        case OFPTFPT13_NEXT_TABLES_MISS:
            for (size_t i = 0; i < payload.size; i++) {
                uint8_t id = ((const uint8_t *) payload.data)[i];

                if (id < 255) {
                    tf_bit_set(info->next, id);
                }
            }
            break;

        case OFPTFPT13_WRITE_ACTIONS:
        case OFPTFPT13_WRITE_ACTIONS_MISS:
            decode_actions_prop(&payload, oh->version, &info->write.ofpacts);
            break;

        case OFPTFPT13_APPLY_ACTIONS:
        case OFPTFPT13_APPLY_ACTIONS_MISS:
            decode_actions_prop(&payload, oh->version, &info->apply.ofpacts);
            break;

        case OFPTFPT13_MATCH:
            decode_oxm_prop(&payload, &tf->match, &tf->match_extra,
                            &tf->mask, &tf->mask_extra);
            break;

        case OFPTFPT13_WILDCARDS:
            decode_oxm_prop(&payload, &tf->wildcard, &tf->wildcard_extra,
                            NULL, NULL);
            break;

        case OFPTFPT13_WRITE_SETFIELD:
        case OFPTFPT13_WRITE_SETFIELD_MISS:
            decode_oxm_prop(&payload, &info->write.set_fields,
                            &info->write.set_fields_extra, NULL, NULL);
            break;

        case OFPTFPT13_APPLY_SETFIELD:
        case OFPTFPT13_APPLY_SETFIELD_MISS:
            decode_oxm_prop(&payload, &info->apply.set_fields,
                            &info->apply.set_fields_extra, NULL, NULL);
            break;

        default:
            /* Experimenter and unknown properties are skipped. */
            break;
        }
    }
    return 0;
}

/* Appends to 'b' a table feature property of 'type' whose body is the
 * 'size' bytes at 'body', padded to 8 bytes. */
static void
put_tf_prop(struct ofpbuf *b, uint16_t type, const void *body, size_t size)
{
    ovs_be16 hdr[2] = { htons(type), htons(4 + size) };

    ofpbuf_put(b, hdr, sizeof hdr);
    ofpbuf_put(b, body, size);
    ofpbuf_put_zeros(b, ROUND_UP(4 + size, 8) - (4 + size));
}

/* Appends to 'b' a property of 'type' listing the OXM headers of the
 * fields in 'm' for 'version' (with the "has mask" bit for those in
 * 'masked', if nonnull). */
static void
put_tf_oxm_prop(struct ofpbuf *b, uint16_t type, const struct mf_bitmap *m,
                const struct mf_bitmap *masked, enum ofp_version version)
{
    struct ofpbuf body;

    ofpbuf_init(&body, 0);
    for (size_t i = 0; i < MFF_N_IDS; i++) {
        if (mf_bitmap_is_set(m, i) && mf_oxm_header(i, version)) {
            nx_put_header(&body, i, version,
                          masked && mf_bitmap_is_set(masked, i));
        }
    }
    put_tf_prop(b, type, body.data, body.size);
    ofpbuf_uninit(&body);
}

/* Appends to 'b' a property of 'type' listing the action types in
 * 'ofpacts' for 'version'. */
static void
put_tf_actions_prop(struct ofpbuf *b, uint16_t type, uint64_t ofpacts,
                    enum ofp_version version)
{
    uint32_t ofpat = ntohl(ofpact_bitmap_to_openflow(ofpacts, version));
    struct ofpbuf body;

    ofpbuf_init(&body, 0);
    for (int i = 0; i < 32; i++) {
        if (ofpat & (1u << i)) {
            ovs_be16 h[2] = { htons(i), htons(4) };
            ofpbuf_put(&body, h, sizeof h);
        }
    }
    put_tf_prop(b, type, body.data, body.size);
    ofpbuf_uninit(&body);
}

/* Appends the properties of 'info' (for the table-miss flow if 'miss') for
 * 'version'. */
static void
put_tf_instruction_props(struct ofpbuf *b,
                         const struct ofputil_table_instruction_features *info,
                         bool miss, enum ofp_version version)
{
    struct ofpbuf body;

    /* OpenFlow 1.5 meters are an action, no longer an instruction. */
    uint32_t insts = info->instructions;
    if (version >= OFP15_VERSION) {
        insts &= ~(1u << OVSINST_OFPIT13_METER);
    }
    uint32_t ofpit = ntohl(ovsinst_bitmap_to_openflow(insts, version));

    ofpbuf_init(&body, 0);
    for (int type = 0; type < 32; type++) {
        if (ofpit & (1u << type)) {
            ovs_be16 h[2] = { htons(type), htons(4) };
            ofpbuf_put(&body, h, sizeof h);
        }
    }
    put_tf_prop(b, OFPTFPT13_INSTRUCTIONS + miss, body.data, body.size);

    ofpbuf_clear(&body);
    for (int i = 0; i < 255; i++) {
        if (tf_bit_is_set(info->next, i)) {
            uint8_t id = i;
            ofpbuf_put(&body, &id, 1);
        }
    }
    put_tf_prop(b, OFPTFPT13_NEXT_TABLES + miss, body.data, body.size);
    ofpbuf_uninit(&body);

    put_tf_actions_prop(b, OFPTFPT13_WRITE_ACTIONS + miss,
                        info->write.ofpacts, version);
    put_tf_oxm_prop(b, OFPTFPT13_WRITE_SETFIELD + miss,
                    &info->write.set_fields, NULL, version);
    put_tf_actions_prop(b, OFPTFPT13_APPLY_ACTIONS + miss,
                        info->apply.ofpacts, version);
    put_tf_oxm_prop(b, OFPTFPT13_APPLY_SETFIELD + miss,
                    &info->apply.set_fields, NULL, version);
}

void
ofputil_append_table_features_reply(const struct ofputil_table_features *tf,
                                    struct ovs_list *replies)
{
    struct ofpbuf *reply = ofpmp_reserve(replies, 0);
    enum ofp_version version = ((const struct ofp_header *)
                                reply->data)->version;
    size_t start_ofs = reply->size;
    struct ofp13_table_features *otf;

    otf = ofpbuf_put_zeros(reply, sizeof *otf);
    otf->table_id = tf->table_id;
    ovs_strlcpy(otf->name, tf->name, sizeof otf->name);
    otf->metadata_match = tf->metadata_match;
    otf->metadata_write = tf->metadata_write;
    if (version >= OFP14_VERSION) {
        uint32_t config = 0;

        if (tf->supports_eviction > 0) {
            config |= OFPTC14_EVICTION;
        }
        if (tf->supports_vacancy_events > 0) {
            config |= OFPTC14_VACANCY_EVENTS;
        }
        otf->config = htonl(config);
    }
    otf->max_entries = htonl(tf->max_entries);

    put_tf_instruction_props(reply, &tf->nonmiss, false, version);
    put_tf_instruction_props(reply, &tf->miss, true, version);
    put_tf_oxm_prop(reply, OFPTFPT13_MATCH, &tf->match, &tf->mask, version);
    put_tf_oxm_prop(reply, OFPTFPT13_WILDCARDS, &tf->wildcard, NULL,
                    version);

    otf = ofpbuf_at_assert(reply, start_ofs, sizeof *otf);
    otf->length = htons(reply->size - start_ofs);
    ofpmp_postappend(replies, start_ofs);
}

enum ofperr
ofputil_table_features_msg_format(struct ds *string,
                                  const struct ofp_header *oh,
                                  const struct ofputil_table_map *tm)
{
    struct ofputil_table_printer printer;
    struct ofpbuf b;

    ofputil_table_printer_init(&printer);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_table_features tf;
        int retval;

        retval = ofputil_decode_table_features(&b, &tf, NULL);
        if (retval) {
            ofputil_table_printer_finish(string, &printer);
            return retval != EOF ? retval : 0;
        }
        ofputil_table_printer_add(string, &printer, &tf, NULL, tm);
    }
}
