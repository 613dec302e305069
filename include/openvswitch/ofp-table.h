/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_TABLE_H
#define OPENVSWITCH_OFP_TABLE_H 1

/* OpenFlow flow tables: table names (the map between table numbers and
 * names that "--names" uses), table mod, table stats, table features and
 * table desc, for every OpenFlow version, with their text forms as
 * ovs-ofctl prints them (dump-tables, dump-table-features, dump-table-desc,
 * mod-table). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow-common.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/types.h"

struct ds;
struct ofpbuf;
struct ofp_header;

#ifdef __cplusplus
extern "C" {
#endif

/* Maximum length of a table name, including the null terminator (OpenFlow
 * OFP_MAX_TABLE_NAME_LEN). */
#define OFPUTIL_TABLE_NAME_LEN 32

/* A map between table numbers and table names, in both directions.  A name
 * or number that appears more than once is ambiguous: lookups of it fail,
 * as upstream. */
struct ofputil_table_map {
    struct hmap by_number;      /* "struct ofputil_table_map_node"s by
                                 * number. */
    struct hmap by_name;        /* The same nodes by name. */
};

/* Initializer for a static or automatic 'struct ofputil_table_map'. */
#define OFPUTIL_TABLE_MAP_INITIALIZER(MAP)                              \
    { HMAP_INITIALIZER(&(MAP)->by_number), HMAP_INITIALIZER(&(MAP)->by_name) }

void ofputil_table_map_init(struct ofputil_table_map *);
const char *ofputil_table_map_get_name(const struct ofputil_table_map *,
                                       uint8_t table_id);
uint8_t ofputil_table_map_get_number(const struct ofputil_table_map *,
                                     const char *name);
void ofputil_table_map_put(struct ofputil_table_map *, uint8_t table_id,
                           const char *name);
void ofputil_table_map_destroy(struct ofputil_table_map *);

/* Table numbers as text.  ofputil_table_from_string() accepts a number or,
 * with a map, a name; ofputil_format_table() prints a name when the map has
 * an unambiguous one, else the number.  ofputil_table_to_string() does the
 * same into a buffer (at least OFPUTIL_TABLE_NAME_LEN + 2 bytes). */
bool ofputil_table_from_string(const char *, const struct ofputil_table_map *,
                               uint8_t *tablep);
void ofputil_format_table(uint8_t table, const struct ofputil_table_map *,
                          struct ds *);
void ofputil_table_to_string(uint8_t table, const struct ofputil_table_map *,
                             char *namebuf, size_t bufsize);

/* What a table does with a packet that matches no flow (OF1.1 table config
 * bits; OF1.3 leaves it to table-miss flows). */
enum ofputil_table_miss {
    OFPUTIL_TABLE_MISS_DEFAULT,     /* Protocol default behavior. */
    OFPUTIL_TABLE_MISS_CONTROLLER,  /* Send to controller. */
    OFPUTIL_TABLE_MISS_CONTINUE,    /* Go to next table. */
    OFPUTIL_TABLE_MISS_DROP,        /* Drop the packet. */
};

/* OpenFlow 1.4+ eviction setting of a table. */
enum ofputil_table_eviction {
    OFPUTIL_TABLE_EVICTION_DEFAULT, /* No value. */
    OFPUTIL_TABLE_EVICTION_ON,      /* Enable eviction. */
    OFPUTIL_TABLE_EVICTION_OFF,     /* Disable eviction. */
};

/* OpenFlow 1.4+ vacancy events setting of a table. */
enum ofputil_table_vacancy {
    OFPUTIL_TABLE_VACANCY_DEFAULT,  /* No value. */
    OFPUTIL_TABLE_VACANCY_ON,       /* Enable vacancy events. */
    OFPUTIL_TABLE_VACANCY_OFF,      /* Disable vacancy events. */
};

const char *ofputil_table_miss_to_string(enum ofputil_table_miss);
const char *ofputil_table_eviction_to_string(enum ofputil_table_eviction);
const char *ofputil_table_vacancy_to_string(enum ofputil_table_vacancy);

/* Abstract ofp_table_mod (OF1.1+). */
struct ofputil_table_mod {
    uint8_t table_id;           /* ID of the table, OFPTT_ALL for all. */
    enum ofputil_table_miss miss; /* OF1.1-1.2 table-miss config. */
    enum ofputil_table_eviction eviction; /* OF1.4+ eviction setting. */
    uint32_t eviction_flags;    /* OFPTMPEF14_*, UINT32_MAX if absent. */
    enum ofputil_table_vacancy vacancy; /* OF1.4+ vacancy setting. */
    uint8_t table_vacancy_down; /* Vacancy threshold down, percent. */
    uint8_t table_vacancy_up;   /* Vacancy threshold up, percent. */
};

enum ofperr ofputil_decode_table_mod(const struct ofp_header *,
                                     struct ofputil_table_mod *);
struct ofpbuf *ofputil_encode_table_mod(const struct ofputil_table_mod *,
                                       enum ofputil_protocol);
void ofputil_table_mod_format(struct ds *, const struct ofputil_table_mod *,
                              const struct ofputil_table_map *);

/* Parses 'table_id' and 'flow_miss_handling' (the arguments of "ovs-ofctl
 * mod-table") into 'tm'.  Returns NULL on success, otherwise a malloc()'d
 * error message; '*usable_versions' receives the OpenFlow versions (as a
 * bitmap of 1u << OFPn_VERSION) that can express the change. */
char *parse_ofp_table_mod(struct ofputil_table_mod *, const char *table_id,
                          const char *flow_miss_handling,
                          const struct ofputil_table_map *,
                          uint32_t *usable_versions)
    OVS_WARN_UNUSED_RESULT;

/* Abstract ofp14_table_desc. */
struct ofputil_table_desc {
    uint8_t table_id;           /* ID of the table. */
    enum ofputil_table_eviction eviction; /* Eviction setting. */
    uint32_t eviction_flags;    /* OFPTMPEF14_*, UINT32_MAX if absent. */
    enum ofputil_table_vacancy vacancy; /* Vacancy setting. */
    uint8_t table_vacancy_down; /* Vacancy threshold down, percent. */
    uint8_t table_vacancy_up;   /* Vacancy threshold up, percent. */
};

int ofputil_decode_table_desc(struct ofpbuf *, struct ofputil_table_desc *,
                              enum ofp_version);
void ofputil_append_table_desc_reply(const struct ofputil_table_desc *,
                                     struct ovs_list *replies,
                                     enum ofp_version);
void ofputil_table_desc_format(struct ds *, const struct ofputil_table_desc *,
                               const struct ofputil_table_map *);

/* Abstract table features (OF1.3+ ofp_table_features, and the parts of
 * OF1.0-1.2 table stats that describe a table rather than count). */
struct ofputil_table_features {
    uint8_t table_id;           /* Identifier of table. */
    char name[OFPUTIL_TABLE_NAME_LEN]; /* Null-terminated table name. */
    ovs_be64 metadata_match;    /* Bits of metadata table can match. */
    ovs_be64 metadata_write;    /* Bits of metadata table can write. */
    uint32_t max_entries;       /* Max number of entries supported. */

    /* True if the table supports OF1.4+ eviction / vacancy events. */
    bool supports_eviction;     /* OFPTC14_EVICTION. */
    bool supports_vacancy_events; /* OFPTC14_VACANCY_EVENTS. */

    /* Table config (OF1.1-1.2 only; OF1.3+ has no such field). */
    enum ofputil_table_miss miss_config; /* Table-miss behavior. */

    /* What the table supports, for regular flows ('nonmiss') and for the
     * table-miss flow ('miss'). */
    struct {
        /* Tables that "goto_table" may jump to: bit i (of the array of
         * longs, as upstream's bitmap.h) set means table i. */
        unsigned long int next[(255 + 8 * sizeof(unsigned long int) - 1)
                               / (8 * sizeof(unsigned long int))];

        /* Bitmap of OVSINST_* (1u << OVSINST_*) instructions supported. */
        uint32_t instructions;  /* Supported instructions. */

        /* Actions, as bitmaps of 1ull << OFPACT_*-independent OpenFlow
         * action numbers: bit n is OpenFlow action type n of the reply's
         * version (OFPAT_*), with set-field (type 25) standing for all
         * "set_field" actions. */
        struct {
            uint64_t ofpacts;   /* Bitmap of OFPAT_* action types. */
            struct mf_bitmap set_fields; /* Fields for "set_field". */
        } write, apply;         /* Write-actions / apply-actions. */
    } nonmiss, miss;

    /* Matching. */
    struct mf_bitmap match;     /* Fields that may be matched. */
    struct mf_bitmap mask;      /* Subset of 'match' that may have masks. */
    struct mf_bitmap wildcard;  /* Subset of 'match' that may be
                                 * wildcarded. */
};

/* Abstract table stats (the counters of ofp_table_stats). */
struct ofputil_table_stats {
    uint8_t table_id;           /* Identifier of table. */
    uint32_t active_count;      /* Number of active entries. */
    uint64_t lookup_count;      /* Number of packets looked up in table,
                                 * UINT64_MAX if unknown. */
    uint64_t matched_count;     /* Number of packets that hit table,
                                 * UINT64_MAX if unknown. */
};

/* Table stats reply: ofputil_encode_table_stats_reply() starts a reply to
 * 'request', ofputil_append_table_stats_reply() adds one table (OF1.0-1.2
 * replies also carry parts of 'features').  ofputil_decode_table_stats_reply()
 * pulls one table from 'reply' (whose header has been pulled already, or
 * not: the first call pulls it); returns 0 on success, EOF at the end, or an
 * OFPERR_* value. */
struct ofpbuf *ofputil_encode_table_stats_reply(const struct ofp_header *
                                                request);
void ofputil_append_table_stats_reply(struct ofpbuf *reply,
                                      const struct ofputil_table_stats *,
                                      const struct ofputil_table_features *);
int ofputil_decode_table_stats_reply(struct ofpbuf *reply,
                                     struct ofputil_table_stats *,
                                     struct ofputil_table_features *);

/* Table features request and reply (OF1.3+).  'raw_properties', if nonnull,
 * receives the properties of the decoded table as they were on the wire.
 * For now only the fixed part of each table (id, name, metadata bits,
 * max_entries) is decoded and encoded: the properties (instructions,
 * actions, match fields) are skipped on decoding and not sent. */
struct ofpbuf *ofputil_encode_table_features_request(enum ofp_version);
int ofputil_decode_table_features(struct ofpbuf *,
                                  struct ofputil_table_features *,
                                  struct ofpbuf *raw_properties);
void ofputil_append_table_features_reply(
    const struct ofputil_table_features *, struct ovs_list *replies);

/* Table desc request (OF1.4+). */
struct ofpbuf *ofputil_encode_table_desc_request(enum ofp_version);

/* Formats one table of a table stats or table features reply as ovs-ofctl
 * dump-tables and dump-table-features print it.  'prev_features' and
 * 'prev_stats', if nonnull, are the previous table's, so that a property
 * that is the same as the previous table's is printed as "(same as table
 * N)", as upstream. */
void ofputil_table_features_format(
    struct ds *, const struct ofputil_table_features *features,
    const struct ofputil_table_features *prev_features,
    const struct ofputil_table_stats *stats,
    const struct ofputil_table_stats *prev_stats,
    const struct ofputil_table_map *);

/* Message-level formatters for the ofp-print dispatcher.  Each decodes the
 * whole message 'oh' and appends its body (the text after the header line
 * that ofp-print writes itself) to 'string'; returns 0 or the OFPERR_* value
 * that made decoding fail (then 'string' may hold a partial decoding). */
enum ofperr ofputil_table_mod_msg_format(struct ds *string,
                                         const struct ofp_header *oh,
                                         const struct ofputil_table_map *);
enum ofperr ofputil_table_stats_reply_msg_format(
    struct ds *string, const struct ofp_header *oh,
    const struct ofputil_table_map *);
enum ofperr ofputil_table_features_msg_format(
    struct ds *string, const struct ofp_header *oh,
    const struct ofputil_table_map *);
enum ofperr ofputil_table_desc_reply_msg_format(
    struct ds *string, const struct ofp_header *oh,
    const struct ofputil_table_map *);

#ifdef __cplusplus
}
#endif

#endif /* openvswitch/ofp-table.h */
