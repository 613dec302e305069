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

/* OpenFlow 1.4+ table properties (in table mods and table descs). */
#define OFPUTIL_TMPT14_EVICTION 2 /* Eviction flags (uint32). */
#define OFPUTIL_TMPT14_VACANCY 3  /* Vacancy down, up, current. */

/* OFPTMPEF14_* eviction flags. */
#define OFPUTIL_TMPEF14_OTHER (1u << 0)      /* Other factors. */
#define OFPUTIL_TMPEF14_IMPORTANCE (1u << 1) /* By flow importance. */
#define OFPUTIL_TMPEF14_LIFETIME (1u << 2)   /* By remaining lifetime. */

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
    uint8_t table_vacancy;      /* Current vacancy, percent. */
};

int ofputil_decode_table_desc(struct ofpbuf *, struct ofputil_table_desc *,
                              enum ofp_version);
void ofputil_append_table_desc_reply(const struct ofputil_table_desc *,
                                     struct ovs_list *replies,
                                     enum ofp_version);
void ofputil_table_desc_format(struct ds *, const struct ofputil_table_desc *,
                               const struct ofputil_table_map *);

/* Fields named by table features that have no meta-flow field here (for
 * example tun_metadata0...63 and the NSH fields), so that they are printed
 * as upstream prints them: a bitmap over an internal table of upstream's
 * field names and OXM/NXM headers in lib/ofp-table.c. */
struct ofputil_tf_extra_fields {
    unsigned long int bm[256 / (8 * sizeof(unsigned long int))];
                                /* 1-bit: field is in the set. */
};

/* What a table supports in write-actions or apply-actions. */
struct ofputil_table_action_features {
    uint64_t ofpacts;           /* Bitmap of 1ull << OFPACT_*. */
    struct mf_bitmap set_fields; /* Fields for "set_field". */
    struct ofputil_tf_extra_fields set_fields_extra; /* More of them. */
};

/* What a table supports for regular flows or for the table-miss flow. */
struct ofputil_table_instruction_features {
    /* Tables that "goto_table" may jump to: bit i (of the array of longs)
     * set means table i. */
    unsigned long int next[(255 + 8 * sizeof(unsigned long int) - 1)
                           / (8 * sizeof(unsigned long int))];

    uint32_t instructions;      /* Bitmap of 1u << OVSINST_*. */
    struct ofputil_table_action_features write; /* Write-actions. */
    struct ofputil_table_action_features apply; /* Apply-actions. */
};

/* Abstract table features (OF1.3+ ofp_table_features, and the parts of
 * OF1.0-1.2 table stats that describe a table). */
struct ofputil_table_features {
    uint8_t table_id;           /* Identifier of table. */
    char name[OFPUTIL_TABLE_NAME_LEN]; /* Null-terminated table name. */
    ovs_be64 metadata_match;    /* Bits of metadata table can match. */
    ovs_be64 metadata_write;    /* Bits of metadata table can write. */
    uint32_t max_entries;       /* Max number of entries supported. */

    /* OF1.4+ table capabilities: 1 if the table supports eviction
     * (OFPTC14_EVICTION) / vacancy events (OFPTC14_VACANCY_EVENTS), 0 if
     * not, -1 if the version cannot say. */
    int supports_eviction;      /* OFPTC14_EVICTION. */
    int supports_vacancy_events; /* OFPTC14_VACANCY_EVENTS. */

    /* Table config (OF1.1-1.2 only; OF1.3+ has no such field). */
    enum ofputil_table_miss miss_config; /* Table-miss behavior. */

    /* What the table supports, for regular flows ('nonmiss') and for the
     * table-miss flow ('miss'). */
    struct ofputil_table_instruction_features nonmiss, miss;

    /* Matching. */
    struct mf_bitmap match;     /* Fields that may be matched. */
    struct mf_bitmap mask;      /* Subset of 'match' that may have masks. */
    struct mf_bitmap wildcard;  /* Subset of 'match' that may be
                                 * wildcarded. */
    struct ofputil_tf_extra_fields match_extra;    /* More of 'match'. */
    struct ofputil_tf_extra_fields mask_extra;     /* More of 'mask'. */
    struct ofputil_tf_extra_fields wildcard_extra; /* More of 'wildcard'. */
};

/* Initializes 'tf' to what the switch advertises for table 'table_id' of
 * tables 0 to 'last_table', built the way upstream's switch builds its own
 * (so that the two agree on every field both have): every instruction (no
 * goto_table in the last table), next tables 'table_id' + 1 to
 * 'last_table', the actions upstream's switch lists for OpenFlow 1.1 and
 * for 1.2+, every writable field of lib/meta-flow.fields for set_field,
 * every field there with an OXM/NXM header for matching (masks where
 * allowed), metadata bits all ones, 1,000,000 entries; miss config default,
 * and eviction and vacancy events not supported.  The foreign fields of
 * lib/meta-flow.fields, which upstream's switch lists too, are not. */
void ofputil_table_features_init_ovs(struct ofputil_table_features *tf,
                                     uint8_t table_id, uint8_t last_table);

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
 * The properties (instructions, next tables, actions, set-field fields,
 * match fields, wildcards; for the table-miss flow too) are decoded into
 * the struct and encoded from it, in upstream's order. */
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

/* Prints a sequence of tables (of table stats replies, or of table features
 * replies, possibly across several messages) as upstream does: a table
 * that is the same as the previous one (features and counters) is not
 * printed but counted, and a run of them becomes "tables N...M: ditto".
 * Initialize with ofputil_table_printer_init(), call
 * ofputil_table_printer_add() for each table ('stats' is NULL for table
 * features) and ofputil_table_printer_finish() at the end. */
struct ofputil_table_printer {
    struct ofputil_table_features prev_features; /* Previous table's. */
    struct ofputil_table_stats prev_stats; /* Previous table's counters. */
    bool has_prev;              /* Is there a previous table? */
    bool has_stats;             /* Were there counters? */
    int first_ditto;            /* First table of the run, -1 if none. */
    int last_ditto;             /* Last table of the run. */
    bool same_actions;          /* May print "(same actions)" (not for
                                 * OF1.1 table stats, as upstream). */
};

void ofputil_table_printer_init(struct ofputil_table_printer *);
void ofputil_table_printer_add(struct ds *, struct ofputil_table_printer *,
                               const struct ofputil_table_features *,
                               const struct ofputil_table_stats *,
                               const struct ofputil_table_map *);
void ofputil_table_printer_finish(struct ds *,
                                  struct ofputil_table_printer *);

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
