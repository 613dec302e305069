/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_GROUP_H
#define OFPROTO_GROUP_H 1

/* OpenFlow groups of a switch: the group table of each ofproto, the
 * group-mod and group multipart (desc, stats, features) handlers, and the
 * lookups that translation uses.
 *
 * A group is immutable once it is in the table, except for its counters:
 * a modify group-mod (and insert/remove bucket) replaces the whole object.
 * Translation (any thread) finds a group with ofproto_group_lookup(),
 * which takes a reference that it gives back with ofgroup_unref().
 *
 * Threads: the table of every switch is protected by one internal mutex;
 * group-mods and the multipart handlers run in the main thread. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-group.h"

struct ofconn;
struct ofpact;
struct ofp_header;
struct ofproto;

/* One OpenFlow group. */
struct ofgroup {
    struct hmap_node hmap_node; /* In its table, by hash of 'group_id'. */
    const struct ofproto *ofproto; /* The switch it belongs to. */
    uint32_t group_id;          /* Group id, 0...OFPG_MAX. */
    uint8_t type;               /* OFPGT11_*. */
    long long int created;      /* time_msec() of the add group-mod. */
    unsigned int ref_count;     /* References (__atomic); freed at 0. */

    /* The buckets, in order ("struct ofputil_bucket"s), also as an array
     * by position. */
    struct ovs_list buckets;    /* The buckets (owned). */
    uint32_t n_buckets;         /* Number of buckets. */
    struct ofputil_bucket **bucket_array; /* 'n_buckets' pointers into
                                           * 'buckets', in order. */
    struct ofputil_group_props props; /* Properties (selection method). */

    /* Select groups with the "dp_hash" method (the default): the datapath
     * hashes the packet, then 'hash_map[dp_hash & hash_mask]' is the
     * position of the bucket for that hash, or -1 if none. */
    uint32_t hash_mask;         /* Mask of the dp_hash bits used. */
    int16_t *hash_map;          /* 'hash_mask' + 1 bucket positions. */

    /* Counters (__atomic). */
    uint64_t packet_count;      /* Packets that went through. */
    uint64_t byte_count;        /* Bytes that went through. */
    struct bucket_counter *bucket_stats; /* 'n_buckets' counters. */
};

/* Group-mods and multipart requests, from ofproto.c's handle_openflow().
 * Each returns 0 (after sending any reply on 'ofconn') or an OFPERR_* to
 * send back. */
enum ofperr ofproto_group_mod(struct ofproto *, struct ofconn *,
                              const struct ofp_header *);
enum ofperr ofproto_group_stats_request(struct ofproto *, struct ofconn *,
                                        const struct ofp_header *);
enum ofperr ofproto_group_desc_request(struct ofproto *, struct ofconn *,
                                       const struct ofp_header *);
enum ofperr ofproto_group_features_request(struct ofproto *,
                                           struct ofconn *,
                                           const struct ofp_header *);

/* Returns 0 if every group that the 'ofpacts_len' bytes of 'ofpacts'
 * (nested actions included) refer to exists in 'ofproto', otherwise
 * OFPERR_OFPBAC_BAD_OUT_GROUP, as a flow mod's check. */
enum ofperr ofproto_group_check_ofpacts(const struct ofproto *,
                                        const struct ofpact *ofpacts,
                                        size_t ofpacts_len);

/* Frees every group of 'ofproto' (which is being destroyed). */
void ofproto_group_destroy_all(struct ofproto *);

/* A copy of a switch's group table, to undo the group mods of a bundle
 * whose commit fails (ofproto/bundles.h).  _create() takes a reference to
 * every group of 'ofproto'; _restore() makes the groups of 'ofproto'
 * those of the snapshot again and frees it; _destroy() frees it (NULL is
 * fine). */
struct ofproto_group_snapshot;
struct ofproto_group_snapshot *ofproto_group_snapshot_create(
    const struct ofproto *);
void ofproto_group_snapshot_restore(struct ofproto *,
                                    struct ofproto_group_snapshot *);
void ofproto_group_snapshot_destroy(struct ofproto_group_snapshot *);

/* Returns group 'group_id' of 'ofproto' with a new reference (give it back
 * with ofgroup_unref()), or NULL if there is none.  Any thread. */
struct ofgroup *ofproto_group_lookup(const struct ofproto *,
                                     uint32_t group_id);
void ofgroup_unref(struct ofgroup *);

/* Returns the number of groups of 'ofproto'. */
size_t ofproto_group_count(const struct ofproto *);

/* Adds 'n_packets' and 'n_bytes' to the counters of 'group' if 'bucket'
 * is NULL, otherwise to those of 'bucket' (one of 'group''s).  Any
 * thread. */
void ofgroup_credit_stats(struct ofgroup *, const struct ofputil_bucket *,
                          uint64_t n_packets, uint64_t n_bytes);

/* Returns the position of 'bucket' in 'group'. */
uint32_t ofgroup_bucket_index(const struct ofgroup *,
                              const struct ofputil_bucket *);

#endif /* ofproto/ofproto-group.h */
