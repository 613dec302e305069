/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_GROUP_H
#define OPENVSWITCH_OFP_GROUP_H 1

/* OpenFlow groups: group-mod, group desc/stats/features multipart messages,
 * their text syntax (ovs-ofctl add-group and friends) and their printed
 * forms (dump-groups, dump-group-stats, dump-group-features).
 *
 * Group mods are supported for OpenFlow 1.1 to 1.5, and for OpenFlow 1.0
 * through the Nicira extension NXT_GROUP_MOD (which carries the OpenFlow
 * 1.5 format).  OpenFlow 1.5 adds bucket ids, insert-bucket/remove-bucket
 * commands and group properties: the Netronome selection method property
 * ("selection_method=hash", "dp_hash") exists only in OpenFlow 1.5 and
 * NXT_GROUP_MOD, as upstream's; OpenFlow 1.1 to 1.4 encodings drop it.
 * Group desc/stats/features requests and replies need OpenFlow 1.1 (1.2
 * for features). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow/openflow.h"
#include "openvswitch/list.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/types.h"

struct ds;
struct ofpact;
struct ofpbuf;
struct ofputil_port_map;
struct ofputil_table_map;
enum ofperr;
enum ofputil_protocol;

/* Group numbers under upstream's version-independent names, if the wire
 * headers do not already provide them. */
#ifndef OFPG_MAX
#define OFPG_MAX OFPG11_MAX     /* Last usable group number. */
#define OFPG_ALL OFPG11_ALL     /* All groups, in group delete. */
#define OFPG_ANY OFPG11_ANY     /* Wildcard group, in stats requests. */
#endif

/* "No port", for watch ports. */
#ifndef OFPP_ANY
#define OFPP_ANY OFPP_NONE
#endif

/* Maximum length of a selection method name, with its null terminator. */
#ifndef NTR_MAX_SELECTION_METHOD_LEN
#define NTR_MAX_SELECTION_METHOD_LEN 16
#endif

/* Longest printed group number, without the terminating null. */
#define MAX_GROUP_NAME_LEN 10

/* Group ids: text forms ("all", "any" or a number). */
bool ofputil_group_from_string(const char *, uint32_t *group_id);
void ofputil_format_group(uint32_t group_id, struct ds *);
void ofputil_group_to_string(uint32_t group_id,
                             char namebuf[MAX_GROUP_NAME_LEN + 1],
                             size_t bufsize);

/* Packet and byte counters of one bucket. */
struct bucket_counter {
    uint64_t packet_count;      /* Number of packets processed by bucket. */
    uint64_t byte_count;        /* Number of bytes processed by bucket. */
};

/* One bucket of a group. */
struct ofputil_bucket {
    struct ovs_list list_node;  /* In a group's or group mod's 'buckets'. */
    uint16_t weight;            /* Relative weight, for "select" groups. */
    ofp_port_t watch_port;      /* Port whose state affects whether this
                                 * bucket is live, OFPP_ANY if none.  Only
                                 * meaningful for fast failover groups. */
    uint32_t watch_group;       /* Group whose state affects whether this
                                 * bucket is live, OFPG_ANY if none.  Only
                                 * meaningful for fast failover groups. */
    uint32_t bucket_id;         /* Bucket id (OpenFlow 1.5); in older
                                 * versions, the bucket's position. */
    struct ofpact *ofpacts;     /* Actions (owned by the bucket). */
    size_t ofpacts_len;         /* Size of 'ofpacts', in bytes. */
    struct bucket_counter stats; /* Counters. */
};

void ofputil_bucket_list_destroy(struct ovs_list *buckets);
void ofputil_bucket_clone_list(struct ovs_list *dest,
                               const struct ovs_list *src,
                               const struct ofputil_bucket *);
struct ofputil_bucket *ofputil_bucket_clone_data(
    const struct ofputil_bucket *);
struct ofputil_bucket *ofputil_bucket_find(const struct ovs_list *,
                                           uint32_t bucket_id);
bool ofputil_bucket_check_duplicate_id(const struct ovs_list *);
struct ofputil_bucket *ofputil_bucket_list_front(const struct ovs_list *);
struct ofputil_bucket *ofputil_bucket_list_back(const struct ovs_list *);

/* True if 'bucket' watches a port or a group (has a notion of liveness). */
static inline bool
ofputil_bucket_has_liveness(const struct ofputil_bucket *bucket)
{
    return (bucket->watch_port != OFPP_ANY
            || bucket->watch_group != OFPG_ANY);
}

/* The fields a "hash" selection method hashes, with their masks: the
 * shape of upstream's "struct field_array" (which meta-flow.h does not
 * provide here).  For each field in 'used', in order of field id, 'values'
 * holds the value then the mask, each mf_field's n_bytes long. */
struct ofputil_field_array {
    struct mf_bitmap used;      /* Fields present. */
    size_t values_size;         /* Number of bytes in 'values'. */
    uint8_t *values;            /* Values and masks (malloc()'d). */
};

/* Group properties (the Nicira selection method property, usable in
 * OpenFlow 1.5 and as an experimenter extension in 1.1 to 1.4). */
struct ofputil_group_props {
    /* Selection method name, e.g. "hash" or "dp_hash", or the empty string
     * for the default. */
    char selection_method[NTR_MAX_SELECTION_METHOD_LEN];
    uint64_t selection_method_param; /* Parameter (hash basis). */
    struct ofputil_field_array fields; /* Fields for the "hash" method. */
};

void ofputil_group_properties_destroy(struct ofputil_group_props *);
void ofputil_group_properties_copy(struct ofputil_group_props *to,
                                   const struct ofputil_group_props *from);

/* Abstract group-mod, independent of the OpenFlow version. */
struct ofputil_group_mod {
    uint16_t command;           /* One of OFPGC15_*, or OFPGC11_ADD_OR_MOD. */
    uint8_t type;               /* One of OFPGT11_*. */
    uint32_t group_id;          /* Group identifier. */
    uint32_t command_bucket_id; /* Bucket id for insert-bucket (the bucket
                                 * before which to insert) and remove-bucket
                                 * (the bucket to remove), or one of
                                 * OFPG15_BUCKET_FIRST/LAST/ALL; only with
                                 * OFPGC15_INSERT_BUCKET and
                                 * OFPGC15_REMOVE_BUCKET. */
    struct ovs_list buckets;    /* List of struct ofputil_bucket. */
    struct ofputil_group_props props; /* Group properties. */
};

void ofputil_init_group_mod(struct ofputil_group_mod *);
void ofputil_uninit_group_mod(struct ofputil_group_mod *);

/* Text syntax of groups, as ovs-ofctl add-group, mod-group, del-groups,
 * insert-buckets and remove-buckets take it.  'command' is an OFPGC11_* or
 * OFPGC15_* value, or -1 to accept a leading "add", "modify", "delete",
 * "insert_bucket" or "remove_bucket" keyword in each line (add-groups file
 * syntax; the default is "add").  On success returns NULL and fills in
 * '*gm' (the caller must ofputil_uninit_group_mod() it) and
 * '*usable_protocols'; on failure returns a malloc()'d error message. */
char *parse_ofp_group_mod_str(struct ofputil_group_mod *, int command,
                              const char *string,
                              const struct ofputil_port_map *,
                              const struct ofputil_table_map *,
                              enum ofputil_protocol *usable_protocols)
    OVS_WARN_UNUSED_RESULT;

/* Reads 'file_name' ("-" for stdin), one group per line (blank lines and
 * lines starting with '#' are skipped), parsing each as
 * parse_ofp_group_mod_str() does with 'command'.  On success returns NULL
 * and stores a malloc()'d array of '*n_gms' group mods in '*gms'. */
char *parse_ofp_group_mod_file(const char *file_name,
                               const struct ofputil_port_map *,
                               const struct ofputil_table_map *,
                               int command,
                               struct ofputil_group_mod **gms,
                               size_t *n_gms,
                               enum ofputil_protocol *usable_protocols)
    OVS_WARN_UNUSED_RESULT;

/* Group mod encoding and decoding. */
struct ofpbuf *ofputil_encode_group_mod(enum ofp_version,
                                        const struct ofputil_group_mod *,
                                        const struct ofputil_port_map *,
                                        const struct ofputil_table_map *);
enum ofperr ofputil_decode_group_mod(const struct ofp_header *,
                                     struct ofputil_group_mod *);
enum ofperr ofputil_group_mod_format(struct ds *, const struct ofp_header *,
                                     const struct ofputil_port_map *,
                                     const struct ofputil_table_map *);

/* Checks 'gm' for consistency, as a switch does before applying it
 * (e.g. watch ports in fast failover groups, bucket ids). */
enum ofperr ofputil_check_group_mod(const struct ofputil_group_mod *);

/* Group stats. */
struct ofputil_group_stats {
    uint32_t group_id;          /* Group identifier. */
    uint32_t ref_count;         /* Number of flows or groups pointing here;
                                 * UINT32_MAX if unknown. */
    uint64_t packet_count;      /* Packet count, UINT64_MAX if unknown. */
    uint64_t byte_count;        /* Byte count, UINT64_MAX if unknown. */
    uint32_t duration_sec;      /* UINT32_MAX if unknown. */
    uint32_t duration_nsec;     /* Nanoseconds beyond 'duration_sec'. */
    uint32_t n_buckets;         /* Number of elements in 'bucket_stats'. */
    struct bucket_counter *bucket_stats; /* Per-bucket counters. */
};

struct ofpbuf *ofputil_encode_group_stats_request(enum ofp_version,
                                                  uint32_t group_id);
enum ofperr ofputil_decode_group_stats_request(
    const struct ofp_header *request, uint32_t *group_id);
enum ofperr ofputil_group_stats_request_format(struct ds *,
                                               const struct ofp_header *);
void ofputil_append_group_stats(struct ovs_list *replies,
                                const struct ofputil_group_stats *);
/* Pulls the next group stats from 'msg' into 'gs'.  Returns 0 on success,
 * EOF at the end of the message, otherwise an OFPERR_* value.  The caller
 * must free(gs->bucket_stats). */
int ofputil_decode_group_stats_reply(struct ofpbuf *msg,
                                     struct ofputil_group_stats *gs);
enum ofperr ofputil_group_stats_format(struct ds *,
                                       const struct ofp_header *);

/* Group features. */
struct ofputil_group_features {
    uint32_t types;             /* Bitmap of (1 << OFPGT_*) values. */
    uint32_t capabilities;      /* Bitmap of OFPGFC12_* capabilities. */
    uint32_t max_groups[4];     /* Maximum number of groups of each type. */
    uint64_t ofpacts[4];        /* Bitmaps of (1 << OFPACT_*) values
                                 * supported by each group type. */
};

struct ofpbuf *ofputil_encode_group_features_request(enum ofp_version);
struct ofpbuf *ofputil_encode_group_features_reply(
    const struct ofputil_group_features *, const struct ofp_header *request);
void ofputil_decode_group_features_reply(const struct ofp_header *,
                                         struct ofputil_group_features *);
void ofputil_group_features_format(struct ds *, const struct ofp_header *);

/* Group desc. */
struct ofputil_group_desc {
    uint8_t type;               /* One of OFPGT_*. */
    uint32_t group_id;          /* Group identifier. */
    struct ovs_list buckets;    /* List of struct ofputil_bucket. */
    struct ofputil_group_props props; /* Group properties. */
};

void ofputil_group_desc_destroy(struct ofputil_group_desc *);
struct ofpbuf *ofputil_encode_group_desc_request(enum ofp_version,
                                                 uint32_t group_id);
/* Returns the group id asked for by a group desc request (OFPG_ALL for
 * every group; OpenFlow 1.1 to 1.4 requests always ask for every group). */
uint32_t ofputil_decode_group_desc_request(const struct ofp_header *);
enum ofperr ofputil_group_desc_request_format(struct ds *,
                                              const struct ofp_header *);
void ofputil_append_group_desc_reply(const struct ofputil_group_desc *,
                                     const struct ovs_list *buckets,
                                     struct ovs_list *replies);
/* Pulls the next group description from 'msg' into 'gd' (which the caller
 * must ofputil_group_desc_destroy()).  Returns 0 on success, EOF at the end
 * of the message, otherwise an OFPERR_* value. */
int ofputil_decode_group_desc_reply(struct ofputil_group_desc *,
                                    struct ofpbuf *, enum ofp_version);
enum ofperr ofputil_group_desc_format(struct ds *, const struct ofp_header *,
                                      const struct ofputil_port_map *,
                                      const struct ofputil_table_map *);

/* Formats one group (type, buckets, properties) as dump-groups prints it:
 * "group_id=1,type=select,bucket=...".  Bucket ids appear for OpenFlow 1.5
 * and 1.0 (NXT_GROUP_MOD) encodings; 'suppress_type' leaves out "type="
 * (insert-bucket and remove-bucket); 'buckets' may be NULL. */
void ofputil_group_format(struct ds *, uint32_t group_id, uint8_t type,
                          const struct ovs_list *buckets,
                          const struct ofputil_group_props *,
                          enum ofp_version, bool suppress_type,
                          const struct ofputil_port_map *,
                          const struct ofputil_table_map *);

/* Group type and command names ("all", "select", "indirect", "ff";
 * "add", "mod", ...). */
const char *ofputil_group_type_to_string(uint8_t type);
const char *ofputil_group_command_to_string(uint16_t command);

#endif /* openvswitch/ofp-group.h */
