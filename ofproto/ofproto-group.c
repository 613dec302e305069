/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The group table of each switch (see ofproto-group.h). */

#include <config.h>
#include "ofproto/ofproto-group.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "match.h"
#include "ofpbuf.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofproto-dpif.h"
#include "ofproto/ofproto-provider.h"
#include "openflow/openflow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(ofproto_group);

/* The groups of one switch. */
struct group_table {
    struct hmap_node hmap_node; /* In 'group_tables', by hash_pointer() of
                                 * 'ofproto'. */
    const struct ofproto *ofproto; /* The switch. */
    struct hmap groups;         /* "struct ofgroup"s by hash of their
                                 * 'group_id'. */
};

/* Protects 'group_tables', every table and the membership of groups in
 * them (not the groups' counters, which are atomic). */
static struct ovs_mutex group_mutex = OVS_MUTEX_INITIALIZER;
static struct hmap group_tables = HMAP_INITIALIZER(&group_tables);

/* Largest number of dp_hash values a select group maps to buckets; a group
 * whose weights need more uses the hash-of-the-flow method instead. */
#define MAX_HASH_SLOTS 256

/* Moves every element of 'src' to the end of 'dst'. */
static void
list_move_all(struct ovs_list *dst, struct ovs_list *src)
{
    ovs_list_splice(dst, src->next, src);
}

/* Returns the table of 'ofproto', creating it if 'create' (NULL if there
 * is none and !create).  Called with 'group_mutex' held. */
static struct group_table *
group_table_get(const struct ofproto *ofproto, bool create)
{
    struct group_table *table;
    uint32_t hash = hash_pointer(ofproto, 0);

    HMAP_FOR_EACH_WITH_HASH (table, hmap_node, hash, &group_tables) {
        if (table->ofproto == ofproto) {
            return table;
        }
    }
    if (!create) {
        return NULL;
    }
    table = xzalloc(sizeof *table);
    table->ofproto = ofproto;
    hmap_init(&table->groups);
    hmap_insert(&group_tables, &table->hmap_node, hash);
    return table;
}

/* Returns group 'group_id' of 'table' (NULL if none).  Called with
 * 'group_mutex' held. */
static struct ofgroup *
group_table_find(const struct group_table *table, uint32_t group_id)
{
    struct ofgroup *group;

    if (!table) {
        return NULL;
    }
    HMAP_FOR_EACH_WITH_HASH (group, hmap_node, hash_int(group_id, 0),
                             &table->groups) {
        if (group->group_id == group_id) {
            return group;
        }
    }
    return NULL;
}

/* Frees 'group' and its buckets. */
static void
ofgroup_destroy(struct ofgroup *group)
{
    ofputil_bucket_list_destroy(&group->buckets);
    ofputil_group_properties_destroy(&group->props);
    free(group->bucket_array);
    free(group->bucket_stats);
    free(group->hash_map);
    free(group);
}

void
ofgroup_unref(struct ofgroup *group)
{
    if (group && __atomic_sub_fetch(&group->ref_count, 1,
                                    __ATOMIC_ACQ_REL) == 0) {
        ofgroup_destroy(group);
    }
}

/* True if the select group 'group' uses the dp_hash method: the default
 * (no selection method) or "dp_hash". */
static bool
ofgroup_wants_dp_hash(const struct ofgroup *group)
{
    return (group->type == OFPGT11_SELECT
            && (!group->props.selection_method[0]
                || !strcmp(group->props.selection_method, "dp_hash")));
}

/* Builds the dp_hash map of the select group 'group': the smallest power
 * of 2 of at least 16 slots (at most MAX_HASH_SLOTS) in which every bucket
 * with a nonzero weight gets at least one slot at its share, slots handed
 * out one by one to the bucket with the largest weight / (2 * slots + 1)
 * (Webster's method; the first bucket wins ties).  Leaves 'hash_map' NULL
 * if no such map exists. */
static void
ofgroup_build_hash_map(struct ofgroup *group)
{
    uint64_t total = 0;
    uint32_t min_weight = UINT32_MAX;
    uint32_t *allotted;
    uint32_t n_slots, i, j;

    for (i = 0; i < group->n_buckets; i++) {
        uint32_t w = group->bucket_array[i]->weight;

        if (w) {
            total += w;
            min_weight = MIN(min_weight, w);
        }
    }
    if (!total) {
        return;
    }
    for (n_slots = 16; n_slots < group->n_buckets
                       || (uint64_t) n_slots * min_weight < total;
         n_slots *= 2) {
        if (n_slots >= MAX_HASH_SLOTS) {
            return;
        }
    }

    group->hash_mask = n_slots - 1;
    group->hash_map = xmalloc(n_slots * sizeof *group->hash_map);
    allotted = xcalloc(group->n_buckets, sizeof *allotted);
    for (i = 0; i < n_slots; i++) {
        int best = -1;

        for (j = 0; j < group->n_buckets; j++) {
            uint64_t w = group->bucket_array[j]->weight;

            if (!w) {
                continue;
            }
            if (best < 0
                || (w * (2 * allotted[best] + 1)
                    > (uint64_t) group->bucket_array[best]->weight
                      * (2 * allotted[j] + 1))) {
                best = j;
            }
        }
        allotted[best]++;
        group->hash_map[i] = best;
    }
    free(allotted);
}

/* Creates a group of 'ofproto' from 'gm' (whose buckets it takes) with
 * one reference. */
static struct ofgroup *
ofgroup_create(const struct ofproto *ofproto, struct ofputil_group_mod *gm,
               uint8_t type)
{
    struct ofgroup *group = xzalloc(sizeof *group);
    struct ofputil_bucket *bucket;
    uint32_t i;

    group->ofproto = ofproto;
    group->group_id = gm->group_id;
    group->type = type;
    group->created = time_msec();
    group->ref_count = 1;
    ovs_list_init(&group->buckets);
    list_move_all(&group->buckets, &gm->buckets);
    group->n_buckets = ovs_list_size(&group->buckets);
    group->bucket_array = xcalloc(MAX(group->n_buckets, 1),
                                  sizeof *group->bucket_array);
    i = 0;
    LIST_FOR_EACH (bucket, list_node, &group->buckets) {
        group->bucket_array[i++] = bucket;
    }
    group->bucket_stats = xcalloc(MAX(group->n_buckets, 1),
                                  sizeof *group->bucket_stats);
    ofputil_group_properties_copy(&group->props, &gm->props);
    if (ofgroup_wants_dp_hash(group)) {
        ofgroup_build_hash_map(group);
    }
    return group;
}

uint32_t
ofgroup_bucket_index(const struct ofgroup *group,
                     const struct ofputil_bucket *bucket)
{
    uint32_t i;

    for (i = 0; i < group->n_buckets; i++) {
        if (group->bucket_array[i] == bucket) {
            return i;
        }
    }
    return 0;
}

void
ofgroup_credit_stats(struct ofgroup *group,
                     const struct ofputil_bucket *bucket,
                     uint64_t n_packets, uint64_t n_bytes)
{
    if (!bucket) {
        __atomic_add_fetch(&group->packet_count, n_packets,
                           __ATOMIC_RELAXED);
        __atomic_add_fetch(&group->byte_count, n_bytes, __ATOMIC_RELAXED);
    } else {
        struct bucket_counter *bc
            = &group->bucket_stats[ofgroup_bucket_index(group, bucket)];

        __atomic_add_fetch(&bc->packet_count, n_packets, __ATOMIC_RELAXED);
        __atomic_add_fetch(&bc->byte_count, n_bytes, __ATOMIC_RELAXED);
    }
}

struct ofgroup *
ofproto_group_lookup(const struct ofproto *ofproto, uint32_t group_id)
{
    struct ofgroup *group;

    ovs_mutex_lock(&group_mutex);
    group = group_table_find(group_table_get(ofproto, false), group_id);
    if (group) {
        __atomic_add_fetch(&group->ref_count, 1, __ATOMIC_ACQ_REL);
    }
    ovs_mutex_unlock(&group_mutex);
    return group;
}

size_t
ofproto_group_count(const struct ofproto *ofproto)
{
    struct group_table *table;
    size_t n;

    ovs_mutex_lock(&group_mutex);
    table = group_table_get(ofproto, false);
    n = table ? hmap_count(&table->groups) : 0;
    ovs_mutex_unlock(&group_mutex);
    return n;
}

/* Returns true if group 'group_id' exists in 'ofproto'. */
static bool
group_exists(const struct ofproto *ofproto, uint32_t group_id)
{
    bool exists;

    ovs_mutex_lock(&group_mutex);
    exists = group_table_find(group_table_get(ofproto, false),
                              group_id) != NULL;
    ovs_mutex_unlock(&group_mutex);
    return exists;
}

enum ofperr
ofproto_group_check_ofpacts(const struct ofproto *ofproto,
                            const struct ofpact *ofpacts, size_t ofpacts_len)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH_FLATTENED (a, ofpacts, ofpacts_len) {
        if (a->type == OFPACT_GROUP
            && !group_exists(ofproto,
                             ofpact_get_GROUP(a)->group_id)) {
            return OFPERR_OFPBAC_BAD_OUT_GROUP;
        }
    }
    return 0;
}

/* Deletes the flows of 'ofproto' whose actions refer to group
 * 'group_id', as deleting the group does. */
static void
delete_flows_of_group(struct ofproto *ofproto, uint32_t group_id)
{
    struct ofputil_flow_mod fm;

    memset(&fm, 0, sizeof fm);
    match_init_catchall(&fm.match);
    fm.priority = 0;
    fm.command = OFPFC_DELETE;
    fm.table_id = 0xff;
    fm.buffer_id = UINT32_MAX;
    fm.out_port = OFPP_ANY;
    fm.out_group = group_id;
    fm.new_cookie = (ovs_be64) UINT64_MAX;
    ofproto_flow_mod(ofproto, &fm);
}

/* Replaces 'old' in 'table' by 'new', which takes over the counters of
 * the buckets that both have (by bucket id) if 'keep_stats'.  Called with
 * 'group_mutex' held. */
static void
group_table_replace(struct group_table *table, struct ofgroup *old,
                    struct ofgroup *new, bool keep_stats)
{
    if (keep_stats) {
        uint32_t i, j;

        new->created = old->created;
        new->packet_count = __atomic_load_n(&old->packet_count,
                                            __ATOMIC_RELAXED);
        new->byte_count = __atomic_load_n(&old->byte_count,
                                          __ATOMIC_RELAXED);
        for (i = 0; i < new->n_buckets; i++) {
            for (j = 0; j < old->n_buckets; j++) {
                if (new->bucket_array[i]->bucket_id
                    == old->bucket_array[j]->bucket_id) {
                    new->bucket_stats[i] = old->bucket_stats[j];
                    break;
                }
            }
        }
    }
    hmap_replace(&table->groups, &old->hmap_node, &new->hmap_node);
    ofgroup_unref(old);
}

/* Builds in 'gm' the buckets of 'old' with the insert-bucket or
 * remove-bucket command 'gm' applied.  Returns 0 or an OFPERR_*. */
static enum ofperr
apply_bucket_command(const struct ofgroup *old, struct ofputil_group_mod *gm)
{
    struct ofputil_bucket *bucket, *at;
    struct ovs_list buckets;

    ovs_list_init(&buckets);
    if (gm->command == OFPGC15_INSERT_BUCKET) {
        LIST_FOR_EACH (bucket, list_node, &gm->buckets) {
            if (ofputil_bucket_find(&old->buckets, bucket->bucket_id)) {
                return OFPERR_OFPGMFC_BUCKET_EXISTS;
            }
        }
        if (gm->command_bucket_id == OFPG15_BUCKET_FIRST) {
            at = NULL;
        } else if (gm->command_bucket_id == OFPG15_BUCKET_LAST) {
            at = ofputil_bucket_list_back(&old->buckets);
        } else {
            at = ofputil_bucket_find(&old->buckets, gm->command_bucket_id);
            if (!at) {
                return OFPERR_OFPGMFC_UNKNOWN_BUCKET;
            }
        }
        /* The new buckets go after 'at' (first if NULL). */
        if (!at) {
            list_move_all(&buckets, &gm->buckets);
        }
        LIST_FOR_EACH (bucket, list_node, &old->buckets) {
            struct ofputil_bucket *copy = ofputil_bucket_clone_data(bucket);

            ovs_list_push_back(&buckets, &copy->list_node);
            if (bucket == at) {
                list_move_all(&buckets, &gm->buckets);
            }
        }
    } else {
        const struct ofputil_bucket *skip = NULL;

        if (gm->command_bucket_id == OFPG15_BUCKET_ALL) {
            ovs_list_init(&gm->buckets);
            return 0;
        }
        if (gm->command_bucket_id == OFPG15_BUCKET_FIRST) {
            skip = ofputil_bucket_list_front(&old->buckets);
        } else if (gm->command_bucket_id == OFPG15_BUCKET_LAST) {
            skip = ofputil_bucket_list_back(&old->buckets);
        } else {
            skip = ofputil_bucket_find(&old->buckets, gm->command_bucket_id);
            if (!skip) {
                return OFPERR_OFPGMFC_UNKNOWN_BUCKET;
            }
        }
        ofputil_bucket_clone_list(&buckets, &old->buckets, skip);
    }
    ofputil_bucket_list_destroy(&gm->buckets);
    ovs_list_init(&gm->buckets);
    list_move_all(&gm->buckets, &buckets);
    return 0;
}

/* Applies the decoded group mod 'gm' to 'ofproto'.  Returns 0 or an
 * OFPERR_*. */
static enum ofperr
group_mod_apply(struct ofproto *ofproto, struct ofputil_group_mod *gm)
{
    struct group_table *table;
    struct ofgroup *old, *new;
    enum ofperr error = 0;
    uint16_t command = gm->command;
    uint32_t deleted_id = 0;
    uint32_t *deleted = NULL;
    size_t n_deleted = 0;
    size_t i;

    if (command != OFPGC11_DELETE && gm->group_id > OFPG_MAX) {
        return OFPERR_OFPGMFC_INVALID_GROUP;
    }

    ovs_mutex_lock(&group_mutex);
    table = group_table_get(ofproto, true);
    old = group_table_find(table, gm->group_id);
    if (command == OFPGC11_ADD_OR_MOD) {
        command = old ? OFPGC11_MODIFY : OFPGC11_ADD;
    }
    switch (command) {
    case OFPGC11_ADD:
        if (old) {
            error = OFPERR_OFPGMFC_GROUP_EXISTS;
        } else if (ofputil_bucket_check_duplicate_id(&gm->buckets)) {
            error = OFPERR_OFPGMFC_BUCKET_EXISTS;
        } else {
            new = ofgroup_create(ofproto, gm, gm->type);
            hmap_insert(&table->groups, &new->hmap_node,
                        hash_int(new->group_id, 0));
        }
        break;

    case OFPGC11_MODIFY:
        if (!old) {
            error = OFPERR_OFPGMFC_UNKNOWN_GROUP;
        } else if (ofputil_bucket_check_duplicate_id(&gm->buckets)) {
            error = OFPERR_OFPGMFC_BUCKET_EXISTS;
        } else {
            new = ofgroup_create(ofproto, gm, gm->type);
            group_table_replace(table, old, new, false);
        }
        break;

    case OFPGC15_INSERT_BUCKET:
    case OFPGC15_REMOVE_BUCKET:
        if (!old) {
            error = OFPERR_OFPGMFC_UNKNOWN_GROUP;
            break;
        }
        error = apply_bucket_command(old, gm);
        if (!error && old->type == OFPGT11_INDIRECT
            && ovs_list_size(&gm->buckets) > 1) {
            error = OFPERR_OFPGMFC_INVALID_GROUP;
        }
        if (!error) {
            new = ofgroup_create(ofproto, gm, old->type);
            ofputil_group_properties_destroy(&new->props);
            ofputil_group_properties_copy(&new->props, &old->props);
            if (ofgroup_wants_dp_hash(new) && !new->hash_map) {
                ofgroup_build_hash_map(new);
            }
            group_table_replace(table, old, new, true);
        }
        break;

    case OFPGC11_DELETE:
        if (gm->group_id == OFPG_ALL) {
            struct ofgroup *group;

            deleted = xmalloc(MAX(hmap_count(&table->groups), 1)
                              * sizeof *deleted);
            HMAP_FOR_EACH_POP (group, hmap_node, &table->groups) {
                deleted[n_deleted++] = group->group_id;
                ofgroup_unref(group);
            }
        } else if (old) {
            hmap_remove(&table->groups, &old->hmap_node);
            deleted_id = old->group_id;
            deleted = &deleted_id;
            n_deleted = 1;
            ofgroup_unref(old);
        }
        break;

    default:
        error = OFPERR_OFPGMFC_BAD_COMMAND;
        break;
    }
    ovs_mutex_unlock(&group_mutex);

    /* Flows that refer to a deleted group go with it. */
    for (i = 0; i < n_deleted; i++) {
        delete_flows_of_group(ofproto, deleted[i]);
    }
    if (deleted != &deleted_id) {
        free(deleted);
    }
    if (!error && ofproto->ofproto_class == &ofproto_dpif_class) {
        /* Groups changed: datapath flows must be translated again. */
        ofproto_dpif_revalidate(ofproto_dpif_cast(ofproto), REV_FLOW_TABLE);
    }
    return error;
}

enum ofperr
ofproto_group_mod(struct ofproto *ofproto, struct ofconn *ofconn,
                  const struct ofp_header *oh)
{
    struct ofputil_group_mod gm;
    enum ofperr error;

    if (ofconn_get_role(ofconn) == OFPCR12_ROLE_SLAVE) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    error = ofputil_decode_group_mod(oh, &gm);
    if (!error) {
        error = ofputil_check_group_mod(&gm);
    }
    if (!error) {
        error = group_mod_apply(ofproto, &gm);
    }
    ofputil_uninit_group_mod(&gm);
    return error;
}

/* qsort() comparison of groups by id. */
static int
compare_groups(const void *a_, const void *b_)
{
    const struct ofgroup *const *a = a_;
    const struct ofgroup *const *b = b_;

    return ((*a)->group_id < (*b)->group_id ? -1
            : (*a)->group_id > (*b)->group_id);
}

/* Returns in '*n' and a malloc()'d array the groups of 'ofproto' that
 * 'group_id' selects (OFPG_ALL for all), sorted by id, each with a
 * reference that the caller gives back with ofgroup_unref(). */
static struct ofgroup **
collect_groups(const struct ofproto *ofproto, uint32_t group_id, size_t *n)
{
    struct group_table *table;
    struct ofgroup **groups;
    struct ofgroup *group;

    ovs_mutex_lock(&group_mutex);
    table = group_table_get(ofproto, false);
    groups = xmalloc(MAX(table ? hmap_count(&table->groups) : 0, 1)
                     * sizeof *groups);
    *n = 0;
    if (table) {
        HMAP_FOR_EACH (group, hmap_node, &table->groups) {
            if (group_id == OFPG_ALL || group->group_id == group_id) {
                __atomic_add_fetch(&group->ref_count, 1, __ATOMIC_ACQ_REL);
                groups[(*n)++] = group;
            }
        }
    }
    ovs_mutex_unlock(&group_mutex);
    qsort(groups, *n, sizeof *groups, compare_groups);
    return groups;
}

/* Returns the number of flows of 'ofproto' whose actions refer to
 * 'group_id'. */
static uint32_t
count_group_refs(const struct ofproto *ofproto, uint32_t group_id)
{
    ovs_version_t version = ofproto_get_tables_version(ofproto);
    const struct oftable *table;
    uint32_t n = 0;

    OFPROTO_FOR_EACH_TABLE (table, ofproto) {
        const struct rule *rule;

        CLS_FOR_EACH (rule, cr, &table->cls) {
            const struct rule_actions *actions = rule_get_actions(rule);

            if (actions->has_groups
                && cls_rule_visible_in_version(&rule->cr, version)
                && ofpacts_output_to_group(actions->ofpacts,
                                           actions->ofpacts_len,
                                           group_id)) {
                n++;
            }
        }
    }
    return n;
}

enum ofperr
ofproto_group_stats_request(struct ofproto *ofproto, struct ofconn *ofconn,
                            const struct ofp_header *oh)
{
    long long int now = time_msec();
    struct ofgroup **groups;
    struct ovs_list replies;
    uint32_t group_id;
    enum ofperr error;
    size_t n, i;

    error = ofputil_decode_group_stats_request(oh, &group_id);
    if (error) {
        return error;
    }
    groups = collect_groups(ofproto, group_id, &n);
    ofpmp_init(&replies, oh);
    for (i = 0; i < n; i++) {
        struct ofgroup *group = groups[i];
        struct ofputil_group_stats gs;
        long long int age = now - group->created;
        uint32_t j;

        memset(&gs, 0, sizeof gs);
        gs.group_id = group->group_id;
        gs.ref_count = count_group_refs(ofproto, group->group_id);
        gs.packet_count = __atomic_load_n(&group->packet_count,
                                          __ATOMIC_RELAXED);
        gs.byte_count = __atomic_load_n(&group->byte_count,
                                        __ATOMIC_RELAXED);
        gs.duration_sec = age / 1000;
        gs.duration_nsec = (age % 1000) * 1000000;
        gs.n_buckets = group->n_buckets;
        gs.bucket_stats = xcalloc(MAX(group->n_buckets, 1),
                                  sizeof *gs.bucket_stats);
        for (j = 0; j < group->n_buckets; j++) {
            gs.bucket_stats[j].packet_count = __atomic_load_n(
                &group->bucket_stats[j].packet_count, __ATOMIC_RELAXED);
            gs.bucket_stats[j].byte_count = __atomic_load_n(
                &group->bucket_stats[j].byte_count, __ATOMIC_RELAXED);
        }
        ofputil_append_group_stats(&replies, &gs);
        free(gs.bucket_stats);
        ofgroup_unref(group);
    }
    free(groups);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

enum ofperr
ofproto_group_desc_request(struct ofproto *ofproto, struct ofconn *ofconn,
                           const struct ofp_header *oh)
{
    uint32_t group_id = ofputil_decode_group_desc_request(oh);
    struct ofgroup **groups;
    struct ovs_list replies;
    size_t n, i;

    groups = collect_groups(ofproto, group_id, &n);
    ofpmp_init(&replies, oh);
    for (i = 0; i < n; i++) {
        struct ofgroup *group = groups[i];
        struct ofputil_group_desc gd;

        memset(&gd, 0, sizeof gd);
        gd.type = group->type;
        gd.group_id = group->group_id;
        ovs_list_init(&gd.buckets);
        gd.props = group->props;
        ofputil_append_group_desc_reply(&gd, &group->buckets, &replies);
        ofgroup_unref(group);
    }
    free(groups);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

enum ofperr
ofproto_group_features_request(struct ofproto *ofproto OVS_UNUSED,
                               struct ofconn *ofconn,
                               const struct ofp_header *oh)
{
    struct ofputil_group_features features;
    uint64_t ofpacts;
    int i;

    ofpacts = ((UINT64_C(1) << OFPACT_OUTPUT)
               | (UINT64_C(1) << OFPACT_ENQUEUE)
               | (UINT64_C(1) << OFPACT_GROUP)
               | (UINT64_C(1) << OFPACT_SET_FIELD)
               | (UINT64_C(1) << OFPACT_SET_VLAN_VID)
               | (UINT64_C(1) << OFPACT_SET_VLAN_PCP)
               | (UINT64_C(1) << OFPACT_STRIP_VLAN)
               | (UINT64_C(1) << OFPACT_PUSH_VLAN)
               | (UINT64_C(1) << OFPACT_SET_ETH_SRC)
               | (UINT64_C(1) << OFPACT_SET_ETH_DST)
               | (UINT64_C(1) << OFPACT_SET_IPV4_SRC)
               | (UINT64_C(1) << OFPACT_SET_IPV4_DST)
               | (UINT64_C(1) << OFPACT_SET_IP_DSCP)
               | (UINT64_C(1) << OFPACT_SET_IP_ECN)
               | (UINT64_C(1) << OFPACT_SET_IP_TTL)
               | (UINT64_C(1) << OFPACT_SET_L4_SRC_PORT)
               | (UINT64_C(1) << OFPACT_SET_L4_DST_PORT)
               | (UINT64_C(1) << OFPACT_DEC_TTL)
               | (UINT64_C(1) << OFPACT_SET_MPLS_LABEL)
               | (UINT64_C(1) << OFPACT_SET_MPLS_TC)
               | (UINT64_C(1) << OFPACT_SET_MPLS_TTL)
               | (UINT64_C(1) << OFPACT_DEC_MPLS_TTL)
               | (UINT64_C(1) << OFPACT_PUSH_MPLS)
               | (UINT64_C(1) << OFPACT_POP_MPLS)
               | (UINT64_C(1) << OFPACT_SET_QUEUE));
    memset(&features, 0, sizeof features);
    features.types = ((1u << OFPGT11_ALL) | (1u << OFPGT11_SELECT)
                      | (1u << OFPGT11_INDIRECT) | (1u << OFPGT11_FF));
    features.capabilities = (OFPGFC12_SELECT_WEIGHT
                             | OFPGFC12_SELECT_LIVENESS
                             | OFPGFC12_CHAINING);
    for (i = 0; i < 4; i++) {
        features.max_groups[i] = OFPG_MAX;
        features.ofpacts[i] = ofpacts;
    }
    ofconn_send_reply(ofconn,
                      ofputil_encode_group_features_reply(&features, oh));
    return 0;
}

/* A copy of the group table of a switch: a reference to each of its
 * groups, which do not change once created. */
struct ofproto_group_snapshot {
    struct ofgroup **groups;    /* The groups, each with a reference. */
    size_t n;                   /* Number of groups. */
};

struct ofproto_group_snapshot *
ofproto_group_snapshot_create(const struct ofproto *ofproto)
{
    struct ofproto_group_snapshot *snap = xzalloc(sizeof *snap);
    struct group_table *table;
    struct ofgroup *group;

    ovs_mutex_lock(&group_mutex);
    table = group_table_get(ofproto, false);
    if (table) {
        snap->groups = xmalloc(MAX(hmap_count(&table->groups), 1)
                               * sizeof *snap->groups);
        HMAP_FOR_EACH (group, hmap_node, &table->groups) {
            __atomic_add_fetch(&group->ref_count, 1, __ATOMIC_ACQ_REL);
            snap->groups[snap->n++] = group;
        }
    }
    ovs_mutex_unlock(&group_mutex);
    return snap;
}

void
ofproto_group_snapshot_restore(struct ofproto *ofproto,
                               struct ofproto_group_snapshot *snap)
{
    struct group_table *table;
    struct ofgroup *group;
    size_t i;

    ovs_mutex_lock(&group_mutex);
    table = group_table_get(ofproto, true);
    HMAP_FOR_EACH_POP (group, hmap_node, &table->groups) {
        ofgroup_unref(group);
    }
    for (i = 0; i < snap->n; i++) {
        /* The table takes over the snapshot's reference. */
        hmap_insert(&table->groups, &snap->groups[i]->hmap_node,
                    hash_int(snap->groups[i]->group_id, 0));
    }
    snap->n = 0;
    ovs_mutex_unlock(&group_mutex);
    ofproto_group_snapshot_destroy(snap);
    if (ofproto->ofproto_class == &ofproto_dpif_class) {
        ofproto_dpif_revalidate(ofproto_dpif_cast(ofproto), REV_FLOW_TABLE);
    }
}

void
ofproto_group_snapshot_destroy(struct ofproto_group_snapshot *snap)
{
    if (snap) {
        for (size_t i = 0; i < snap->n; i++) {
            ofgroup_unref(snap->groups[i]);
        }
        free(snap->groups);
        free(snap);
    }
}

void
ofproto_group_destroy_all(struct ofproto *ofproto)
{
    struct group_table *table;
    struct ofgroup *group;

    ovs_mutex_lock(&group_mutex);
    table = group_table_get(ofproto, false);
    if (table) {
        HMAP_FOR_EACH_POP (group, hmap_node, &table->groups) {
            ofgroup_unref(group);
        }
        hmap_destroy(&table->groups);
        hmap_remove(&group_tables, &table->hmap_node);
        free(table);
    }
    ovs_mutex_unlock(&group_mutex);
}
