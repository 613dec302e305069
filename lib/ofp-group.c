/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* OpenFlow groups: group-mod, group desc/stats/features, their text syntax
 * and their printed forms.  See include/openvswitch/ofp-group.h. */

#include <config.h>
#include "openvswitch/ofp-group.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lib/nx-match.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-parse.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"
#include "unaligned.h"

VLOG_DEFINE_THIS_MODULE(ofp_group);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Experimenter group property carrying the Netronome selection method. */
#define GROUP_PROP_EXPERIMENTER 0xffff /* OFPGPT15_EXPERIMENTER. */
#define NTRT_SELECTION_METHOD 1        /* Experimenter type. */

/* Wire format of the selection method property (experimenter property of
 * NTR_VENDOR_ID), followed by the hashed fields as OXM headers each
 * followed by its mask, the whole padded to a multiple of 8 bytes. */
struct ntr_group_prop_selection_method {
    ovs_be16 type;              /* GROUP_PROP_EXPERIMENTER. */
    ovs_be16 length;            /* Length, excluding padding. */
    ovs_be32 experimenter;      /* NTR_VENDOR_ID. */
    ovs_be32 exp_type;          /* NTRT_SELECTION_METHOD. */
    ovs_be32 pad;               /* Zeros. */
    char selection_method[NTR_MAX_SELECTION_METHOD_LEN]; /* Method name. */
    ovs_be32 param_hi;          /* High 32 bits of the method parameter. */
    ovs_be32 param_lo;          /* Low 32 bits of the method parameter. */
};
OFP_ASSERT(sizeof(struct ntr_group_prop_selection_method) == 40);

/* 64-bit network byte order helpers (the structs here keep 64-bit values
 * as two 32-bit halves or byte arrays, so alignment does not matter). */

/* Group ids. */

/* Parses 's' as a group id: "all", "any" (case-insensitive) or a decimal
 * number.  Returns true and stores the id in '*group_idp' on success. */
bool
ofputil_group_from_string(const char *s, uint32_t *group_idp)
{
    if (!strcasecmp(s, "any")) {
        *group_idp = OFPG_ANY;
    } else if (!strcasecmp(s, "all")) {
        *group_idp = OFPG_ALL;
    } else {
        unsigned int u;
        if (!str_to_uint(s, 10, &u)) {
            VLOG_WARN("%s is not a valid group ID.  (Valid group IDs are "
                      "32-bit nonnegative integers or the keywords ANY or "
                      "ALL.)", s);
            return false;
        }
        *group_idp = u;
    }
    return true;
}

/* Appends 'group_id' to 's': "ALL", "ANY" or the number. */
void
ofputil_format_group(uint32_t group_id, struct ds *s)
{
    char name[MAX_GROUP_NAME_LEN + 1];

    ofputil_group_to_string(group_id, name, sizeof name);
    ds_put_cstr(s, name);
}

/* Writes 'group_id' as ofputil_format_group() would into 'namebuf'. */
void
ofputil_group_to_string(uint32_t group_id,
                        char namebuf[MAX_GROUP_NAME_LEN + 1], size_t bufsize)
{
    switch (group_id) {
    case OFPG_ALL:
        ovs_strlcpy(namebuf, "ALL", bufsize);
        break;
    case OFPG_ANY:
        ovs_strlcpy(namebuf, "ANY", bufsize);
        break;
    default:
        snprintf(namebuf, bufsize, "%"PRIu32, group_id);
        break;
    }
}

/* Buckets. */

/* Frees every bucket in 'buckets' (may be NULL). */
void
ofputil_bucket_list_destroy(struct ovs_list *buckets)
{
    struct ofputil_bucket *bucket;

    if (!buckets) {
        return;
    }
    LIST_FOR_EACH_SAFE (bucket, list_node, buckets) {
        ovs_list_remove(&bucket->list_node);
        free(bucket->ofpacts);
        free(bucket);
    }
}

/* Returns a newly allocated copy of 'src' (not on any list). */
struct ofputil_bucket *
ofputil_bucket_clone_data(const struct ofputil_bucket *src)
{
    struct ofputil_bucket *dst = xmemdup(src, sizeof *src);

    dst->ofpacts = src->ofpacts_len
                   ? xmemdup(src->ofpacts, src->ofpacts_len) : NULL;
    return dst;
}

/* Appends to 'dest' a copy of every bucket in 'src' except 'skip' (which
 * may be NULL). */
void
ofputil_bucket_clone_list(struct ovs_list *dest, const struct ovs_list *src,
                          const struct ofputil_bucket *skip)
{
    const struct ofputil_bucket *bucket;

    LIST_FOR_EACH (bucket, list_node, src) {
        if (bucket != skip) {
            struct ofputil_bucket *copy = ofputil_bucket_clone_data(bucket);
            ovs_list_push_back(dest, &copy->list_node);
        }
    }
}

/* Returns the bucket in 'buckets' with 'bucket_id' (or the first or last
 * bucket for OFPG15_BUCKET_FIRST/LAST), or NULL. */
struct ofputil_bucket *
ofputil_bucket_find(const struct ovs_list *buckets, uint32_t bucket_id)
{
    struct ofputil_bucket *bucket;

    if (bucket_id == OFPG15_BUCKET_FIRST) {
        return ofputil_bucket_list_front(buckets);
    } else if (bucket_id == OFPG15_BUCKET_LAST) {
        return ofputil_bucket_list_back(buckets);
    }
    LIST_FOR_EACH (bucket, list_node, buckets) {
        if (bucket->bucket_id == bucket_id) {
            return bucket;
        }
    }
    return NULL;
}

/* Returns true if two buckets in 'buckets' have the same id. */
bool
ofputil_bucket_check_duplicate_id(const struct ovs_list *buckets)
{
    const struct ofputil_bucket *i, *j;

    LIST_FOR_EACH (i, list_node, buckets) {
        for (j = CONTAINER_OF(i->list_node.next, struct ofputil_bucket,
                              list_node);
             &j->list_node != buckets;
             j = CONTAINER_OF(j->list_node.next, struct ofputil_bucket,
                              list_node)) {
            if (i->bucket_id == j->bucket_id) {
                return true;
            }
        }
    }
    return false;
}

/* Returns the first bucket of 'buckets', or NULL if it is empty. */
struct ofputil_bucket *
ofputil_bucket_list_front(const struct ovs_list *buckets)
{
    return (ovs_list_is_empty(buckets) ? NULL
            : CONTAINER_OF(buckets->next, struct ofputil_bucket, list_node));
}

/* Returns the last bucket of 'buckets', or NULL if it is empty. */
struct ofputil_bucket *
ofputil_bucket_list_back(const struct ovs_list *buckets)
{
    return (ovs_list_is_empty(buckets) ? NULL
            : CONTAINER_OF(buckets->prev, struct ofputil_bucket, list_node));
}

/* Group properties. */

/* Frees the memory owned by 'gp' (not 'gp' itself). */
void
ofputil_group_properties_destroy(struct ofputil_group_props *gp)
{
    free(gp->fields.values);
    gp->fields.values = NULL;
    gp->fields.values_size = 0;
}

/* Makes 'to' a copy of 'from'. */
void
ofputil_group_properties_copy(struct ofputil_group_props *to,
                              const struct ofputil_group_props *from)
{
    *to = *from;
    to->fields.values = (from->fields.values_size
                         ? xmemdup(from->fields.values,
                                   from->fields.values_size)
                         : NULL);
}

/* Sets field 'id' with mask 'mask' in 'fa', keeping the values in the
 * order of field ids.  The field must not already be present. */
static void
field_array_put(struct ofputil_field_array *fa, enum mf_field_id id,
                const void *mask)
{
    size_t n = mf_from_id(id)->n_bytes;
    size_t ofs = 0;

    for (int i = 0; i < id; i++) {
        if (mf_bitmap_is_set(&fa->used, i)) {
            ofs += mf_from_id(i)->n_bytes;
        }
    }
    fa->values = xrealloc(fa->values, fa->values_size + n);
    memmove(fa->values + ofs + n, fa->values + ofs, fa->values_size - ofs);
    memcpy(fa->values + ofs, mask, n);
    fa->values_size += n;
    mf_bitmap_set(&fa->used, id);
}

/* Returns the number of fields in 'fa'. */
static size_t
field_array_count(const struct ofputil_field_array *fa)
{
    size_t n = 0;

    for (int i = 0; i < MFF_N_IDS; i++) {
        n += mf_bitmap_is_set(&fa->used, i);
    }
    return n;
}

static bool
is_all_ones(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    return true;
}

static bool
is_all_zeros(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* Returns true if 'mask' ('n' bytes) is a run of 1-bits followed by a run
 * of 0-bits. */
static bool
is_cidr_mask(const uint8_t *mask, size_t n)
{
    bool zeros = false;

    for (size_t i = 0; i < n; i++) {
        for (int bit = 7; bit >= 0; bit--) {
            bool one = (mask[i] >> bit) & 1;
            if (one && zeros) {
                return false;
            } else if (!one) {
                zeros = true;
            }
        }
    }
    return true;
}

/* Group mods. */

/* Initializes 'gm' as an empty group mod. */
void
ofputil_init_group_mod(struct ofputil_group_mod *gm)
{
    memset(gm, 0, sizeof *gm);
    ovs_list_init(&gm->buckets);
}

/* Frees the memory owned by 'gm' (not 'gm' itself). */
void
ofputil_uninit_group_mod(struct ofputil_group_mod *gm)
{
    ofputil_bucket_list_destroy(&gm->buckets);
    ofputil_group_properties_destroy(&gm->props);
}

/* Returns the name of group type 'type', as the text syntax spells it, or
 * NULL if 'type' is unknown. */
const char *
ofputil_group_type_to_string(uint8_t type)
{
    switch (type) {
    case OFPGT11_ALL: return "all";
    case OFPGT11_SELECT: return "select";
    case OFPGT11_INDIRECT: return "indirect";
    case OFPGT11_FF: return "ff";
    default: return NULL;
    }
}

/* Returns the name of group mod command 'command' as ofp-print shows it,
 * or NULL if it is unknown. */
const char *
ofputil_group_command_to_string(uint16_t command)
{
    switch (command) {
    case OFPGC11_ADD: return "ADD";
    case OFPGC11_MODIFY: return "MOD";
    case OFPGC11_ADD_OR_MOD: return "ADD_OR_MOD";
    case OFPGC11_DELETE: return "DEL";
    case OFPGC15_INSERT_BUCKET: return "INSERT_BUCKET";
    case OFPGC15_REMOVE_BUCKET: return "REMOVE_BUCKET";
    default: return NULL;
    }
}

/* Text parsing. */

/* What a group mod command accepts or needs. */
enum {
    F_GROUP_TYPE = 1 << 0,      /* "type=". */
    F_BUCKETS = 1 << 1,         /* "bucket=". */
    F_COMMAND_BUCKET_ID = 1 << 2, /* "command_bucket_id=". */
    F_COMMAND_BUCKET_ID_ALL = 1 << 3 /* ...which may be "all". */
};

/* Parses the value of "fields" (the hashed fields of the "hash" selection
 * method): "FIELD" or "(FIELD[=MASK],...)" already stripped of the
 * parentheses by the caller. */
static char * OVS_WARN_UNUSED_RESULT
parse_select_group_fields(char *s, struct ofputil_field_array *fa,
                          enum ofputil_protocol *usable_protocols)
{
    char *name, *value_str;

    while (ofputil_parse_key_value(&s, &name, &value_str)) {
        const struct mf_field *mf = mf_from_name(name);
        union mf_value value;

        if (!mf) {
            return xasprintf("%s: unknown field %s", s, name);
        }
        if (mf_bitmap_is_set(&fa->used, mf->id)) {
            return xasprintf("%s: duplicate field", name);
        }

        if (*value_str) {
            char *error = mf_parse_value(mf, value_str, NULL, &value);
            if (error) {
                return error;
            }
            if (is_all_zeros((const uint8_t *) &value, mf->n_bytes)) {
                return xasprintf("%s: values are wildcards here and must "
                                 "not be all-zeros", s);
            }
        } else {
            memset(&value, 0xff, mf->n_bytes);
        }
        field_array_put(fa, mf->id, &value);

        if (is_all_ones((const uint8_t *) &value, mf->n_bytes)) {
            *usable_protocols &= mf->usable_protocols_exact;
        } else if (is_cidr_mask((const uint8_t *) &value, mf->n_bytes)) {
            *usable_protocols &= mf->usable_protocols_cidr;
        } else {
            *usable_protocols &= mf->usable_protocols_bitwise;
        }
    }
    return NULL;
}

/* Parses one bucket, the text 'str' that followed "bucket=", for a group
 * of type 'group_type', into 'bucket'. */
static char * OVS_WARN_UNUSED_RESULT
parse_bucket_str(struct ofputil_bucket *bucket, char *str, uint8_t group_type,
                 const struct ofputil_port_map *port_map,
                 const struct ofputil_table_map *table_map,
                 enum ofputil_protocol *usable_protocols)
{
    struct ofpbuf ofpacts;
    struct ofpact_parse_params pp = {
        .port_map = port_map,
        .table_map = table_map,
        .ofpacts = &ofpacts,
        .usable_protocols = usable_protocols,
    };
    struct ds actions;
    char *key, *value;
    char *error;

    bucket->weight = group_type == OFPGT11_SELECT ? 1 : 0;
    bucket->bucket_id = OFPG15_BUCKET_ALL;
    bucket->watch_port = OFPP_ANY;
    bucket->watch_group = OFPG_ANY;

    ds_init(&actions);
    while (ofputil_parse_key_value(&str, &key, &value)) {
        if (!strcasecmp(key, "weight")) {
            error = str_to_u16(value, "weight", &bucket->weight);
        } else if (!strcasecmp(key, "watch_port")) {
            if (!ofputil_port_from_string(value, port_map,
                                          &bucket->watch_port)
                || (ofp_to_u16(bucket->watch_port)
                    >= ofp_to_u16(OFPP_MAX)
                    && bucket->watch_port != OFPP_ANY)) {
                error = xasprintf("%s: invalid watch_port", value);
            } else {
                error = NULL;
            }
        } else if (!strcasecmp(key, "watch_group")) {
            error = str_to_u32(value, &bucket->watch_group);
            if (!error && bucket->watch_group > OFPG_MAX
                && bucket->watch_group != OFPG_ANY) {
                error = xasprintf("invalid watch_group id %"PRIu32,
                                  bucket->watch_group);
            }
        } else if (!strcasecmp(key, "bucket_id")) {
            error = str_to_u32(value, &bucket->bucket_id);
            if (!error && bucket->bucket_id > OFPG15_BUCKET_MAX) {
                error = xasprintf("invalid bucket_id id %"PRIu32,
                                  bucket->bucket_id);
            }
        } else if (!strcasecmp(key, "action") || !strcasecmp(key, "actions")) {
            ds_put_format(&actions, "%s,", value);
            error = NULL;
        } else {
            if (*value) {
                ds_put_format(&actions, "%s(%s),", key, value);
            } else {
                ds_put_format(&actions, "%s,", key);
            }
            error = NULL;
        }
        if (error) {
            ds_destroy(&actions);
            return error;
        }
    }

    if (!actions.length) {
        ds_destroy(&actions);
        return xstrdup("bucket must specify actions");
    }
    if (group_type == OFPGT11_FF && !ofputil_bucket_has_liveness(bucket)) {
        ds_destroy(&actions);
        return xstrdup("fast failover bucket requires watch_port or "
                       "watch_group");
    }
    ds_chomp(&actions, ',');

    ofpbuf_init(&ofpacts, 0);
    error = ofpacts_parse_actions(ds_cstr(&actions), &pp);
    ds_destroy(&actions);
    if (error) {
        ofpbuf_uninit(&ofpacts);
        return error;
    }
    bucket->ofpacts_len = ofpacts.size;
    bucket->ofpacts = ofpbuf_steal_data(&ofpacts);
    return NULL;
}

/* Gives every bucket in 'buckets' that has no explicit id the lowest id
 * that no bucket uses, in order. */
static void
assign_bucket_ids(struct ovs_list *buckets)
{
    struct ofputil_bucket *bucket;
    uint32_t next = 0;

    LIST_FOR_EACH (bucket, list_node, buckets) {
        if (bucket->bucket_id != OFPG15_BUCKET_ALL) {
            continue;
        }
        while (ofputil_bucket_find(buckets, next)) {
            next++;
        }
        bucket->bucket_id = next++;
    }
}

/* The body of parse_ofp_group_mod_str(); 'string' is modified. */
static char * OVS_WARN_UNUSED_RESULT
parse_ofp_group_mod_str__(struct ofputil_group_mod *gm, int command,
                          char *string,
                          const struct ofputil_port_map *port_map,
                          const struct ofputil_table_map *table_map,
                          enum ofputil_protocol *usable_protocols)
{
    bool had_type = false, had_group_id = false;
    bool had_command_bucket_id = false;
    char *name, *value, *error;
    char *bkt_str;
    int fields;

    *usable_protocols = OFPUTIL_P_ANY;

    if (command == -1) {
        size_t len;

        string += strspn(string, " \t\r\n");
        len = strcspn(string, ", \t\r\n");
        if (!strncmp(string, "add", len) && len == 3) {
            command = OFPGC11_ADD;
        } else if (!strncmp(string, "delete", len) && len == 6) {
            command = OFPGC11_DELETE;
        } else if (!strncmp(string, "modify", len) && len == 6) {
            command = OFPGC11_MODIFY;
        } else if (!strncmp(string, "add_or_mod", len) && len == 10) {
            command = OFPGC11_ADD_OR_MOD;
        } else if (!strncmp(string, "insert_bucket", len) && len == 13) {
            command = OFPGC15_INSERT_BUCKET;
        } else if (!strncmp(string, "remove_bucket", len) && len == 13) {
            command = OFPGC15_REMOVE_BUCKET;
        } else {
            len = 0;
            command = OFPGC11_ADD;
        }
        string += len;
    }

    switch (command) {
    case OFPGC11_ADD:
    case OFPGC11_MODIFY:
    case OFPGC11_ADD_OR_MOD:
        fields = F_GROUP_TYPE | F_BUCKETS;
        break;
    case OFPGC11_DELETE:
        fields = 0;
        break;
    case OFPGC15_INSERT_BUCKET:
        fields = F_BUCKETS | F_COMMAND_BUCKET_ID;
        break;
    case OFPGC15_REMOVE_BUCKET:
        fields = F_COMMAND_BUCKET_ID | F_COMMAND_BUCKET_ID_ALL;
        break;
    default:
        OVS_NOT_REACHED();
    }

    ofputil_init_group_mod(gm);
    gm->command = command;
    gm->group_id = OFPG_ANY;
    gm->command_bucket_id = OFPG15_BUCKET_ALL;

    /* Everything from the first "bucket=" on is buckets. */
    bkt_str = strstr(string, "bucket=");
    if (bkt_str) {
        if (!(fields & F_BUCKETS)) {
            return xstrdup("bucket is not needed");
        }
        *bkt_str = '\0';
    }

    while (ofputil_parse_key_value(&string, &name, &value)) {
        if (!strcmp(name, "command_bucket_id")) {
            if (!(fields & F_COMMAND_BUCKET_ID)) {
                return xstrdup("command bucket id is not needed");
            }
            if (!strcmp(value, "all")) {
                gm->command_bucket_id = OFPG15_BUCKET_ALL;
            } else if (!strcmp(value, "first")) {
                gm->command_bucket_id = OFPG15_BUCKET_FIRST;
            } else if (!strcmp(value, "last")) {
                gm->command_bucket_id = OFPG15_BUCKET_LAST;
            } else {
                error = str_to_u32(value, &gm->command_bucket_id);
                if (error) {
                    return error;
                }
                if (gm->command_bucket_id > OFPG15_BUCKET_MAX
                    && (gm->command_bucket_id != OFPG15_BUCKET_FIRST
                        && gm->command_bucket_id != OFPG15_BUCKET_LAST
                        && gm->command_bucket_id != OFPG15_BUCKET_ALL)) {
                    return xasprintf("invalid command bucket id %"PRIu32,
                                     gm->command_bucket_id);
                }
            }
            if (gm->command_bucket_id == OFPG15_BUCKET_ALL
                && !(fields & F_COMMAND_BUCKET_ID_ALL)) {
                return xstrdup("command_bucket_id=all is not permitted");
            }
            had_command_bucket_id = true;
        } else if (!strcmp(name, "group_id")) {
            if (!strcmp(value, "all")) {
                gm->group_id = OFPG_ALL;
            } else {
                error = str_to_u32(value, &gm->group_id);
                if (error) {
                    return error;
                }
                if (gm->group_id != OFPG_ALL && gm->group_id > OFPG_MAX) {
                    return xasprintf("invalid group id %"PRIu32,
                                     gm->group_id);
                }
            }
            had_group_id = true;
        } else if (!strcmp(name, "type")) {
            if (!(fields & F_GROUP_TYPE)) {
                return xstrdup("type is not needed");
            }
            if (!strcmp(value, "all")) {
                gm->type = OFPGT11_ALL;
            } else if (!strcmp(value, "select")) {
                gm->type = OFPGT11_SELECT;
            } else if (!strcmp(value, "indirect")) {
                gm->type = OFPGT11_INDIRECT;
            } else if (!strcmp(value, "ff")
                       || !strcmp(value, "fast_failover")) {
                gm->type = OFPGT11_FF;
            } else {
                return xasprintf("invalid group type %s", value);
            }
            had_type = true;
        } else if (!strcmp(name, "selection_method")) {
            if (!(fields & F_GROUP_TYPE)) {
                return xstrdup("selection method is not needed");
            }
            if (strlen(value) >= NTR_MAX_SELECTION_METHOD_LEN) {
                return xasprintf("selection method is longer than %u bytes "
                                 "long", NTR_MAX_SELECTION_METHOD_LEN - 1);
            }
            memset(gm->props.selection_method, 0,
                   NTR_MAX_SELECTION_METHOD_LEN);
            strcpy(gm->props.selection_method, value);
            *usable_protocols &= OFPUTIL_P_OF10_ANY | OFPUTIL_P_OF15_UP;
        } else if (!strcmp(name, "selection_method_param")) {
            if (!(fields & F_GROUP_TYPE)) {
                return xstrdup("selection method param is not needed");
            }
            error = str_to_u64(value, &gm->props.selection_method_param);
            if (error) {
                return error;
            }
            *usable_protocols &= OFPUTIL_P_OF10_ANY | OFPUTIL_P_OF15_UP;
        } else if (!strcmp(name, "fields")) {
            if (!(fields & F_GROUP_TYPE)) {
                return xstrdup("fields are not needed");
            }
            error = parse_select_group_fields(value, &gm->props.fields,
                                              usable_protocols);
            if (error) {
                return error;
            }
            *usable_protocols &= OFPUTIL_P_OF10_ANY | OFPUTIL_P_OF15_UP;
        } else {
            return xasprintf("unknown keyword %s", name);
        }
    }

    if (!had_group_id) {
        if (command == OFPGC11_DELETE) {
            gm->group_id = OFPG_ALL;
        } else {
            return xstrdup("must specify a group_id");
        }
    }
    if (fields & F_GROUP_TYPE && !had_type) {
        return xstrdup("must specify a type");
    }
    if (fields & F_COMMAND_BUCKET_ID && !had_command_bucket_id) {
        if (command == OFPGC15_INSERT_BUCKET) {
            return xstrdup("must specify a command bucket id");
        }
        gm->command_bucket_id = OFPG15_BUCKET_ALL;
    }

    /* Validate the selection method. */
    if (gm->props.fields.values_size
        && strcmp(gm->props.selection_method, "hash")) {
        return xstrdup("fields may only be specified with "
                       "\"selection_method=hash\"");
    }
    if (gm->props.selection_method_param
        && !gm->props.selection_method[0]) {
        return xstrdup("selection_method_param is only allowed with "
                       "\"selection_method\"");
    }

    /* Parse the buckets. */
    while (bkt_str) {
        struct ofputil_bucket *bucket;
        char *next_bkt_str;

        bkt_str = strchr(bkt_str + 1, '=') + 1;
        next_bkt_str = strstr(bkt_str, "bucket=");
        if (next_bkt_str) {
            *next_bkt_str = '\0';
        }

        bucket = xzalloc(sizeof *bucket);
        ovs_list_push_back(&gm->buckets, &bucket->list_node);
        *usable_protocols = OFPUTIL_P_ANY;
        error = parse_bucket_str(bucket, bkt_str, gm->type, port_map,
                                 table_map, usable_protocols);
        if (error) {
            return error;
        }
        bkt_str = next_bkt_str;
    }

    /* Check the buckets against the group type. */
    {
        struct ofputil_bucket *bucket;

        if (gm->type == OFPGT11_INDIRECT
            && ovs_list_size(&gm->buckets) > 1) {
            return xstrdup("Indirect groups can have at most one bucket.");
        }
        LIST_FOR_EACH (bucket, list_node, &gm->buckets) {
            if (bucket->weight && gm->type != OFPGT11_SELECT) {
                return xstrdup("Only select groups can have bucket "
                               "weights.");
            }
        }
    }
    assign_bucket_ids(&gm->buckets);
    return NULL;
}

/* Parses 'str_' (ovs-ofctl add-group syntax) for 'command' (OFPGC11_*,
 * OFPGC15_*, or -1 to accept a leading command keyword) into 'gm'.  Returns
 * NULL on success (the caller must ofputil_uninit_group_mod(gm)),
 * otherwise a malloc()'d error message (and 'gm' needs no cleanup). */
char *
parse_ofp_group_mod_str(struct ofputil_group_mod *gm, int command,
                        const char *str_,
                        const struct ofputil_port_map *port_map,
                        const struct ofputil_table_map *table_map,
                        enum ofputil_protocol *usable_protocols)
{
    char *string = xstrdup(str_);
    char *error = parse_ofp_group_mod_str__(gm, command, string, port_map,
                                            table_map, usable_protocols);
    free(string);
    if (error) {
        ofputil_uninit_group_mod(gm);
    }
    return error;
}

/* Reads group mods from 'file_name', one per line ("-" is stdin).  See
 * ofp-group.h. */
char *
parse_ofp_group_mod_file(const char *file_name,
                         const struct ofputil_port_map *port_map,
                         const struct ofputil_table_map *table_map,
                         int command,
                         struct ofputil_group_mod **gms, size_t *n_gms,
                         enum ofputil_protocol *usable_protocols)
{
    /* The group mods are parsed into separate allocations, because a group
     * mod's list of buckets cannot move in memory, and only copied into the
     * returned array (fixing up the lists) at the end. */
    struct ofputil_group_mod **parsed = NULL;
    size_t n_parsed = 0, allocated = 0;
    char *error = NULL;
    int line_number;
    FILE *stream;
    struct ds s;

    *gms = NULL;
    *n_gms = 0;

    stream = !strcmp(file_name, "-") ? stdin : fopen(file_name, "r");
    if (stream == NULL) {
        return xasprintf("%s: open failed (%s)",
                         file_name, ovs_strerror(errno));
    }

    ds_init(&s);
    line_number = 0;
    *usable_protocols = OFPUTIL_P_ANY;
    while (!ds_get_preprocessed_line(&s, stream, &line_number)) {
        struct ofputil_group_mod *gm = xmalloc(sizeof *gm);
        enum ofputil_protocol usable;
        char *line_error;

        line_error = parse_ofp_group_mod_str(gm, command, ds_cstr(&s),
                                             port_map, table_map, &usable);
        if (line_error) {
            free(gm);
            error = xasprintf("%s:%d: %s", file_name, line_number,
                              line_error);
            free(line_error);
            break;
        }
        *usable_protocols &= usable;
        if (n_parsed >= allocated) {
            parsed = x2nrealloc(parsed, &allocated, sizeof *parsed);
        }
        parsed[n_parsed++] = gm;
    }
    ds_destroy(&s);
    if (stream != stdin) {
        fclose(stream);
    }

    if (!error && n_parsed) {
        *gms = xmalloc(n_parsed * sizeof **gms);
        *n_gms = n_parsed;
    }
    for (size_t i = 0; i < n_parsed; i++) {
        if (error) {
            ofputil_uninit_group_mod(parsed[i]);
        } else {
            (*gms)[i] = *parsed[i];
            ovs_list_moved(&(*gms)[i].buckets, &parsed[i]->buckets);
        }
        free(parsed[i]);
    }
    free(parsed);
    return error;
}

/* Encoding. */

/* Appends 'buckets' to 'b' in the OpenFlow 1.1 to 1.4 format. */
static void
put_ofp11_buckets(const struct ovs_list *buckets, struct ofpbuf *b,
                  enum ofp_version version)
{
    const struct ofputil_bucket *bucket;

    LIST_FOR_EACH (bucket, list_node, buckets) {
        size_t start = b->size;
        struct ofp11_bucket *ob;

        ofpbuf_put_zeros(b, sizeof *ob);
        ofpacts_put_openflow_actions(bucket->ofpacts, bucket->ofpacts_len,
                                     b, version);
        ob = ofpbuf_at_assert(b, start, sizeof *ob);
        ob->len = htons(b->size - start);
        ob->weight = htons(bucket->weight);
        ob->watch_port = ofputil_port_to_ofp11(bucket->watch_port);
        ob->watch_group = htonl(bucket->watch_group);
    }
}

/* Appends a 4-byte-aligned property of 'type' with the 32-bit 'value'
 * (or a 16-bit value then padding, if 'is16'). */
static void
put_bucket_prop(struct ofpbuf *b, uint16_t type, uint32_t value, bool is16)
{
    uint8_t *p = ofpbuf_put_zeros(b, 8);
    ovs_be16 t = htons(type), len = htons(8);

    memcpy(p, &t, 2);
    memcpy(p + 2, &len, 2);
    if (is16) {
        ovs_be16 v = htons(value);
        memcpy(p + 4, &v, 2);
    } else {
        ovs_be32 v = htonl(value);
        memcpy(p + 4, &v, 4);
    }
}

/* Appends 'buckets' to 'b' in the OpenFlow 1.5 format (also used by
 * NXT_GROUP_MOD), for a group of 'group_type'. */
static void
put_ofp15_buckets(const struct ovs_list *buckets, struct ofpbuf *b,
                  enum ofp_version version, uint8_t group_type)
{
    const struct ofputil_bucket *bucket;

    LIST_FOR_EACH (bucket, list_node, buckets) {
        size_t start = b->size;
        struct ofp15_bucket *ob;
        size_t actions_len;

        ofpbuf_put_zeros(b, sizeof *ob);
        actions_len = ofpacts_put_openflow_actions(bucket->ofpacts,
                                                   bucket->ofpacts_len,
                                                   b, version);
        if (group_type == OFPGT11_SELECT) {
            put_bucket_prop(b, OFPGBPT15_WEIGHT, bucket->weight, true);
        }
        if (bucket->watch_port != OFPP_ANY) {
            put_bucket_prop(b, OFPGBPT15_WATCH_PORT,
                            ntohl(ofputil_port_to_ofp11(bucket->watch_port)),
                            false);
        }
        if (bucket->watch_group != OFPG_ANY) {
            put_bucket_prop(b, OFPGBPT15_WATCH_GROUP, bucket->watch_group,
                            false);
        }
        ob = ofpbuf_at_assert(b, start, sizeof *ob);
        ob->len = htons(b->size - start);
        ob->action_array_len = htons(actions_len);
        ob->bucket_id = htonl(bucket->bucket_id);
    }
}

/* Appends the selection method property for 'gp' to 'b', if 'gp' has a
 * selection method. */
static void
put_group_props(const struct ofputil_group_props *gp, struct ofpbuf *b,
                enum ofp_version version)
{
    struct ntr_group_prop_selection_method *prop;
    size_t start = b->size;
    size_t ofs = 0;

    if (!gp->selection_method[0]) {
        return;
    }
    prop = ofpbuf_put_zeros(b, sizeof *prop);
    prop->type = htons(GROUP_PROP_EXPERIMENTER);
    prop->experimenter = htonl(NTR_VENDOR_ID);
    prop->exp_type = htonl(NTRT_SELECTION_METHOD);
    memcpy(prop->selection_method, gp->selection_method,
           NTR_MAX_SELECTION_METHOD_LEN);
    prop->param_hi = htonl(gp->selection_method_param >> 32);
    prop->param_lo = htonl(gp->selection_method_param & 0xffffffff);

    for (int id = 0; id < MFF_N_IDS; id++) {
        if (mf_bitmap_is_set(&gp->fields.used, id)) {
            size_t n = mf_from_id(id)->n_bytes;
            nx_put_header(b, id, version, false);
            ofpbuf_put(b, gp->fields.values + ofs, n);
            ofs += n;
        }
    }

    prop = ofpbuf_at_assert(b, start, sizeof *prop);
    prop->length = htons(b->size - start);
    ofpbuf_put_zeros(b, ROUND_UP(b->size - start, 8) - (b->size - start));
}

/* Returns a new group mod message for 'gm' in 'ofp_version'. */
struct ofpbuf *
ofputil_encode_group_mod(enum ofp_version ofp_version,
                         const struct ofputil_group_mod *gm,
                         const struct ofputil_port_map *port_map OVS_UNUSED,
                         const struct ofputil_table_map *table_map OVS_UNUSED)
{
    struct ofpbuf *b;

    if (ofp_version >= OFP11_VERSION && ofp_version < OFP15_VERSION) {
        struct ofp11_group_mod *ogm;

        b = ofpraw_alloc(OFPRAW_OFPT11_GROUP_MOD, ofp_version, 0);
        ogm = ofpbuf_put_zeros(b, sizeof *ogm);
        ogm->command = htons(gm->command);
        ogm->type = gm->type;
        ogm->group_id = htonl(gm->group_id);
        put_ofp11_buckets(&gm->buckets, b, ofp_version);
    } else {
        struct ofp15_group_mod *ogm;
        size_t start_ogm, start_buckets;

        b = ofpraw_alloc(ofp_version == OFP10_VERSION
                         ? OFPRAW_NXT_GROUP_MOD : OFPRAW_OFPT15_GROUP_MOD,
                         ofp_version, 0);
        start_ogm = b->size;
        ofpbuf_put_zeros(b, sizeof *ogm);
        start_buckets = b->size;
        put_ofp15_buckets(&gm->buckets, b, ofp_version, gm->type);

        ogm = ofpbuf_at_assert(b, start_ogm, sizeof *ogm);
        ogm->command = htons(gm->command);
        ogm->type = gm->type;
        ogm->group_id = htonl(gm->group_id);
        ogm->command_bucket_id = htonl(gm->command_bucket_id);
        ogm->bucket_array_len = htons(b->size - start_buckets);

        put_group_props(&gm->props, b, ofp_version);
    }
    ofpmsg_update_length(b);
    return b;
}

/* Decoding. */

/* Pulls 'buckets_length' bytes of OpenFlow 1.1-1.4 buckets from 'msg' into
 * 'buckets' (initialized by the caller). */
static enum ofperr
pull_ofp11_buckets(struct ofpbuf *msg, size_t buckets_length,
                   enum ofp_version version, struct ovs_list *buckets)
{
    uint32_t bucket_id = 0;

    while (buckets_length > 0) {
        struct ofputil_bucket *bucket;
        struct ofp11_bucket *ob;
        struct ofpbuf ofpacts;
        enum ofperr error;
        size_t ob_len;

        ob = (buckets_length >= sizeof *ob
              ? ofpbuf_try_pull(msg, sizeof *ob) : NULL);
        if (!ob) {
            VLOG_WARN_RL(&rl, "buckets end with %zu leftover bytes",
                         buckets_length);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }

        ob_len = ntohs(ob->len);
        if (ob_len < sizeof *ob) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket length "
                         "%zu is not valid", ob_len);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        } else if (ob_len > buckets_length) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket length "
                         "%zu exceeds remaining buckets data size "
                         "%zu", ob_len, buckets_length);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
        buckets_length -= ob_len;

        ofpbuf_init(&ofpacts, 0);
        error = ofpacts_pull_openflow_actions(msg, ob_len - sizeof *ob,
                                              version, NULL, NULL, &ofpacts);
        if (error) {
            ofpbuf_uninit(&ofpacts);
            return error;
        }

        bucket = xzalloc(sizeof *bucket);
        bucket->weight = ntohs(ob->weight);
        error = ofputil_port_from_ofp11(ob->watch_port, &bucket->watch_port);
        if (error) {
            ofpbuf_uninit(&ofpacts);
            free(bucket);
            return OFPERR_OFPGMFC_BAD_WATCH;
        }
        bucket->watch_group = ntohl(ob->watch_group);
        bucket->bucket_id = bucket_id++;
        bucket->ofpacts_len = ofpacts.size;
        bucket->ofpacts = ofpbuf_steal_data(&ofpacts);
        ovs_list_push_back(buckets, &bucket->list_node);
    }
    return 0;
}

/* Parses the 'len' bytes of properties of an OpenFlow 1.5 bucket at 'p'
 * into 'bucket'. */
static enum ofperr
parse_ofp15_bucket_props(const uint8_t *p, size_t len,
                         struct ofputil_bucket *bucket)
{
    while (len > 0) {
        ovs_be16 type_be, len_be;
        size_t prop_len;
        uint16_t type;

        if (len < 4) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        memcpy(&type_be, p, 2);
        memcpy(&len_be, p + 2, 2);
        type = ntohs(type_be);
        prop_len = ntohs(len_be);
        if (prop_len < 4 || ROUND_UP(prop_len, 8) > len) {
            return OFPERR_OFPBPC_BAD_LEN;
        }

        switch (type) {
        case OFPGBPT15_WEIGHT: {
            ovs_be16 w;
            if (prop_len != 8) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            memcpy(&w, p + 4, 2);
            bucket->weight = ntohs(w);
            break;
        }
        case OFPGBPT15_WATCH_PORT: {
            ovs_be32 port;
            if (prop_len != 8) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            memcpy(&port, p + 4, 4);
            if (ofputil_port_from_ofp11(port, &bucket->watch_port)) {
                return OFPERR_OFPGMFC_BAD_WATCH;
            }
            break;
        }
        case OFPGBPT15_WATCH_GROUP: {
            ovs_be32 group;
            if (prop_len != 8) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            memcpy(&group, p + 4, 4);
            bucket->watch_group = ntohl(group);
            break;
        }
        default:
            VLOG_WARN_RL(&rl, "unknown group bucket property type %"PRIu16,
                         type);
            return OFPERR_OFPBPC_BAD_TYPE;
        }
        p += ROUND_UP(prop_len, 8);
        len -= ROUND_UP(prop_len, 8);
    }
    return 0;
}

/* Pulls 'buckets_length' bytes of OpenFlow 1.5 buckets from 'msg' into
 * 'buckets' (initialized by the caller), for a group of 'group_type'. */
static enum ofperr
pull_ofp15_buckets(struct ofpbuf *msg, size_t buckets_length,
                   enum ofp_version version, uint8_t group_type,
                   struct ovs_list *buckets)
{
    while (buckets_length > 0) {
        struct ofputil_bucket *bucket;
        struct ofp15_bucket *ob;
        struct ofpbuf ofpacts;
        size_t ob_len, actions_len, props_len;
        enum ofperr error;
        const uint8_t *props;

        ob = (buckets_length >= sizeof *ob
              ? ofpbuf_try_pull(msg, sizeof *ob) : NULL);
        if (!ob) {
            VLOG_WARN_RL(&rl, "buckets end with %zu"
                         " leftover bytes", buckets_length);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }

        ob_len = ntohs(ob->len);
        actions_len = ntohs(ob->action_array_len);
        if (ob_len < sizeof *ob) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket length "
                         "%zu is not valid", ob_len);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        } else if (ob_len > buckets_length) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket length %zu"
                         " exceeds remaining buckets data size %zu",
                         ob_len, buckets_length);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        } else if (actions_len > ob_len - sizeof *ob) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket actions length "
                         "%zu exceeds remaining bucket data size "
                         "%zu", actions_len, ob_len - sizeof *ob);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
        buckets_length -= ob_len;

        ofpbuf_init(&ofpacts, 0);
        error = ofpacts_pull_openflow_actions(msg, actions_len, version,
                                              NULL, NULL, &ofpacts);
        if (error) {
            ofpbuf_uninit(&ofpacts);
            return error;
        }

        bucket = xzalloc(sizeof *bucket);
        bucket->weight = group_type == OFPGT11_SELECT ? 1 : 0;
        bucket->watch_port = OFPP_ANY;
        bucket->watch_group = OFPG_ANY;
        bucket->bucket_id = ntohl(ob->bucket_id);
        bucket->ofpacts_len = ofpacts.size;
        bucket->ofpacts = ofpbuf_steal_data(&ofpacts);
        ovs_list_push_back(buckets, &bucket->list_node);

        props_len = ob_len - sizeof *ob - actions_len;
        props = ofpbuf_try_pull(msg, props_len);
        if (!props && props_len) {
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
        error = parse_ofp15_bucket_props(props, props_len, bucket);
        if (error) {
            return error;
        }

        if (bucket->bucket_id > OFPG15_BUCKET_MAX) {
            VLOG_WARN_RL(&rl, "bucket id (%u) is out of range",
                         bucket->bucket_id);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
    }
    return 0;
}

/* Parses the group properties in the remaining 'msg' into 'gp', for a
 * group of 'group_type'. */
static enum ofperr
parse_group_props(struct ofpbuf *msg, uint8_t group_type,
                  enum ofp_version version OVS_UNUSED,
                  struct ofputil_group_props *gp)
{
    while (msg->size > 0) {
        const uint8_t *p = msg->data;
        ovs_be16 type_be, len_be;
        size_t prop_len, padded;
        struct ofpbuf payload;
        ovs_be32 exp, exp_type;

        if (msg->size < 4) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        memcpy(&type_be, p, 2);
        memcpy(&len_be, p + 2, 2);
        prop_len = ntohs(len_be);
        padded = ROUND_UP(prop_len, 8);
        if (prop_len < 4 || padded > msg->size) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        ofpbuf_pull(msg, padded);

        if (ntohs(type_be) != GROUP_PROP_EXPERIMENTER) {
            VLOG_WARN_RL(&rl, "unknown group property type %"PRIu16,
                         ntohs(type_be));
            return OFPERR_OFPBPC_BAD_TYPE;
        }
        if (prop_len < 12) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        memcpy(&exp, p + 4, 4);
        memcpy(&exp_type, p + 8, 4);
        if (ntohl(exp) != NTR_VENDOR_ID
            && ntohl(exp) != NTR_COMPAT_VENDOR_ID) {
            return OFPERR_OFPBPC_BAD_EXPERIMENTER;
        }
        if (ntohl(exp_type) != NTRT_SELECTION_METHOD) {
            return OFPERR_OFPBPC_BAD_EXP_TYPE;
        }

        const struct ntr_group_prop_selection_method *prop = (const void *) p;
        if (prop_len < sizeof *prop) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        if (group_type != OFPGT11_SELECT) {
            VLOG_WARN_RL(&rl, "ntr selection method property is only "
                         "allowed for select groups");
            return OFPERR_OFPBPC_BAD_VALUE;
        }

        char method[NTR_MAX_SELECTION_METHOD_LEN];
        memcpy(method, prop->selection_method, sizeof method);
        method[sizeof method - 1] = '\0';
        if (strcmp(method, "hash") && strcmp(method, "dp_hash")) {
            VLOG_WARN_RL(&rl, "ntr selection method '%s' is not supported",
                         method);
            return OFPERR_OFPBPC_BAD_VALUE;
        }
        memset(gp->selection_method, 0, sizeof gp->selection_method);
        strcpy(gp->selection_method, method);
        gp->selection_method_param = get_unaligned_be64_host(&prop->param_hi);

        ofpbuf_use_const(&payload, p + sizeof *prop, prop_len - sizeof *prop);
        if (payload.size && strcmp(method, "hash")) {
            VLOG_WARN_RL(&rl, "ntr selection method fields are only "
                         "allowed with the hash selection method");
            return OFPERR_OFPBPC_BAD_VALUE;
        }
        while (payload.size > 0) {
            const struct mf_field *field;
            enum ofperr error;
            bool masked;

            error = nx_pull_header(&payload, NULL, &field, &masked);
            if (error) {
                return error;
            }
            if (masked || payload.size < field->n_bytes) {
                return OFPERR_OFPBPC_BAD_VALUE;
            }
            if (mf_bitmap_is_set(&gp->fields.used, field->id)) {
                VLOG_WARN_RL(&rl, "duplicate selection method field %s",
                             field->name);
                return OFPERR_OFPBPC_BAD_VALUE;
            }
            field_array_put(&gp->fields, field->id, payload.data);
            ofpbuf_pull(&payload, field->n_bytes);
        }
    }
    return 0;
}

/* Checks the decoded 'gm' for consistency.  Returns 0 or an OFPERR_*. */
enum ofperr
ofputil_check_group_mod(const struct ofputil_group_mod *gm)
{
    const struct ofputil_bucket *bucket;

    switch (gm->type) {
    case OFPGT11_INDIRECT:
        if (gm->command != OFPGC15_INSERT_BUCKET
            && ovs_list_size(&gm->buckets) > 1) {
            return OFPERR_OFPGMFC_INVALID_GROUP;
        }
        break;
    case OFPGT11_ALL:
    case OFPGT11_SELECT:
    case OFPGT11_FF:
        break;
    default:
        return OFPERR_OFPGMFC_BAD_TYPE;
    }

    switch (gm->command) {
    case OFPGC11_ADD:
    case OFPGC11_MODIFY:
    case OFPGC11_ADD_OR_MOD:
    case OFPGC11_DELETE:
    case OFPGC15_INSERT_BUCKET:
        break;
    case OFPGC15_REMOVE_BUCKET:
        if (!ovs_list_is_empty(&gm->buckets)) {
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
        break;
    default:
        return OFPERR_OFPGMFC_BAD_COMMAND;
    }

    LIST_FOR_EACH (bucket, list_node, &gm->buckets) {
        if (bucket->weight && gm->type != OFPGT11_SELECT
            && gm->command != OFPGC15_INSERT_BUCKET) {
            return OFPERR_OFPGMFC_INVALID_GROUP;
        }
        switch (gm->type) {
        case OFPGT11_ALL:
        case OFPGT11_INDIRECT:
            if (ofputil_bucket_has_liveness(bucket)) {
                return OFPERR_OFPGMFC_WATCH_UNSUPPORTED;
            }
            break;
        case OFPGT11_SELECT:
            break;
        case OFPGT11_FF:
            if (!ofputil_bucket_has_liveness(bucket)) {
                return OFPERR_OFPGMFC_INVALID_GROUP;
            }
            break;
        }
    }
    return 0;
}

/* Decodes the group mod 'oh' into 'gm', which the caller must
 * ofputil_uninit_group_mod() even on error. */
enum ofperr
ofputil_decode_group_mod(const struct ofp_header *oh,
                         struct ofputil_group_mod *gm)
{
    enum ofp_version version = oh->version;
    struct ofpbuf msg;
    enum ofperr err;
    enum ofpraw raw;

    ofputil_init_group_mod(gm);
    ofpbuf_use_const(&msg, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&msg);

    if (raw == OFPRAW_OFPT11_GROUP_MOD) {
        const struct ofp11_group_mod *ogm = ofpbuf_pull(&msg, sizeof *ogm);

        gm->command = ntohs(ogm->command);
        gm->type = ogm->type;
        gm->group_id = ntohl(ogm->group_id);
        gm->command_bucket_id = OFPG15_BUCKET_ALL;
        err = pull_ofp11_buckets(&msg, msg.size, version, &gm->buckets);
        if (err) {
            return err;
        }
    } else {
        const struct ofp15_group_mod *ogm = ofpbuf_pull(&msg, sizeof *ogm);
        size_t bucket_array_len;

        gm->command = ntohs(ogm->command);
        gm->type = ogm->type;
        gm->group_id = ntohl(ogm->group_id);
        gm->command_bucket_id = ntohl(ogm->command_bucket_id);
        switch (gm->command) {
        case OFPGC15_REMOVE_BUCKET:
            if (gm->command_bucket_id == OFPG15_BUCKET_ALL) {
                break;
            }
            /* Fall through. */
        case OFPGC15_INSERT_BUCKET:
            if (gm->command_bucket_id <= OFPG15_BUCKET_MAX
                || gm->command_bucket_id == OFPG15_BUCKET_FIRST
                || gm->command_bucket_id == OFPG15_BUCKET_LAST) {
                break;
            }
            /* Fall through. */
        case OFPGC11_ADD:
        case OFPGC11_MODIFY:
        case OFPGC11_ADD_OR_MOD:
        case OFPGC11_DELETE:
        default:
            if (gm->command_bucket_id == OFPG15_BUCKET_ALL) {
                break;
            }
            VLOG_WARN_RL(&rl, "command bucket id (%u) is out of range",
                         gm->command_bucket_id);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }

        bucket_array_len = ntohs(ogm->bucket_array_len);
        if (bucket_array_len > msg.size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        err = pull_ofp15_buckets(&msg, bucket_array_len, version, gm->type,
                                 &gm->buckets);
        if (err) {
            return err;
        }
        err = parse_group_props(&msg, gm->type, version, &gm->props);
        if (err) {
            return err;
        }
        if (ofputil_bucket_check_duplicate_id(&gm->buckets)) {
            VLOG_WARN_RL(&rl, "Duplicate bucket id");
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
    }

    return ofputil_check_group_mod(gm);
}

/* Formatting. */

/* Appends the hashed fields of 'fa' to 's': "fields=F" or
 * "fields(F1,F2=MASK)". */
static void
format_group_fields(struct ds *s, const struct ofputil_field_array *fa)
{
    size_t n = field_array_count(fa);
    size_t ofs = 0;
    bool first = true;

    ds_put_cstr(s, n > 1 ? ",fields(" : ",fields=");
    for (int id = 0; id < MFF_N_IDS; id++) {
        if (mf_bitmap_is_set(&fa->used, id)) {
            const struct mf_field *mf = mf_from_id(id);
            const uint8_t *mask = fa->values + ofs;

            if (!first) {
                ds_put_char(s, ',');
            }
            first = false;
            ds_put_cstr(s, mf->name);
            if (!is_all_ones(mask, mf->n_bytes)) {
                union mf_value value;

                memset(&value, 0, sizeof value);
                memcpy(&value, mask, mf->n_bytes);
                ds_put_char(s, '=');
                mf_format(mf, &value, NULL, NULL, s);
            }
            ofs += mf->n_bytes;
        }
    }
    if (n > 1) {
        ds_put_char(s, ')');
    }
}

/* Appends 'group_id', 'type', 'props' and 'buckets' to 's' as dump-groups
 * prints them.  'ofp_version' decides whether bucket ids appear (OpenFlow
 * 1.5 and the Nicira 1.0 extension carry them); 'suppress_type' omits the
 * type (group delete). */
void
ofputil_group_format(struct ds *s, uint32_t group_id, uint8_t type,
                     const struct ovs_list *buckets,
                     const struct ofputil_group_props *props,
                     enum ofp_version ofp_version, bool suppress_type,
                     const struct ofputil_port_map *port_map,
                     const struct ofputil_table_map *table_map)
{
    struct ofpact_format_params fp = {
        .port_map = port_map,
        .table_map = table_map,
        .s = s,
    };
    const struct ofputil_bucket *bucket;
    bool bucket_ids = (ofp_version >= OFP15_VERSION
                       || ofp_version == OFP10_VERSION);

    ds_put_format(s, "group_id=%"PRIu32, group_id);

    if (!suppress_type) {
        const char *name = ofputil_group_type_to_string(type);
        if (name) {
            ds_put_format(s, ",type=%s", name);
        } else {
            ds_put_format(s, ",type=%"PRIu8, type);
        }
    }

    if (props->selection_method[0]) {
        ds_put_format(s, ",selection_method=%s", props->selection_method);
        if (props->selection_method_param) {
            ds_put_format(s, ",selection_method_param=%"PRIu64,
                          props->selection_method_param);
        }
        if (props->fields.values_size) {
            format_group_fields(s, &props->fields);
        }
    }

    if (!buckets) {
        return;
    }

    LIST_FOR_EACH (bucket, list_node, buckets) {
        ds_put_cstr(s, ",bucket=");
        if (bucket_ids) {
            ds_put_format(s, "bucket_id:%"PRIu32",", bucket->bucket_id);
        }
        if (type == OFPGT11_SELECT && bucket->weight != 1) {
            ds_put_format(s, "weight:%"PRIu16",", bucket->weight);
        }
        if (bucket->watch_port != OFPP_NONE) {
            ds_put_cstr(s, "watch_port:");
            ofputil_format_port(bucket->watch_port, port_map, s);
            ds_put_char(s, ',');
        }
        if (bucket->watch_group != OFPG_ANY) {
            ds_put_format(s, "watch_group:%"PRIu32",", bucket->watch_group);
        }
        ds_put_cstr(s, "actions=");
        ofpacts_format(bucket->ofpacts, bucket->ofpacts_len, &fp);
    }
}

/* Formats a group mod body as ofp-print shows it after the header:
 * "\n ADD group_id=...". */
static void
group_mod_format__(struct ds *s, enum ofp_version ofp_version,
                   const struct ofputil_group_mod *gm,
                   const struct ofputil_port_map *port_map,
                   const struct ofputil_table_map *table_map)
{
    const char *cmd = ofputil_group_command_to_string(gm->command);
    bool bucket_command = false;

    ds_put_cstr(s, "\n ");
    if (cmd) {
        ds_put_cstr(s, cmd);
    } else {
        ds_put_format(s, "cmd:%"PRIu16, gm->command);
    }
    ds_put_char(s, ' ');

    if (gm->command == OFPGC15_INSERT_BUCKET
        || gm->command == OFPGC15_REMOVE_BUCKET) {
        bucket_command = true;
        ds_put_cstr(s, "command_bucket_id:");
        switch (gm->command_bucket_id) {
        case OFPG15_BUCKET_FIRST:
            ds_put_cstr(s, "first");
            break;
        case OFPG15_BUCKET_LAST:
            ds_put_cstr(s, "last");
            break;
        case OFPG15_BUCKET_ALL:
            ds_put_cstr(s, "all");
            break;
        default:
            ds_put_format(s, "%"PRIu32, gm->command_bucket_id);
            break;
        }
        ds_put_char(s, ',');
    }

    ofputil_group_format(s, gm->group_id, gm->type, &gm->buckets,
                         &gm->props, ofp_version, bucket_command,
                         port_map, table_map);
}

/* Formats a group mod 'oh' for ofp-print (everything after the header
 * line's "):"). */
enum ofperr
ofputil_group_mod_format(struct ds *s, const struct ofp_header *oh,
                         const struct ofputil_port_map *port_map,
                         const struct ofputil_table_map *table_map)
{
    struct ofputil_group_mod gm;
    enum ofperr error;

    error = ofputil_decode_group_mod(oh, &gm);
    if (error) {
        ofputil_uninit_group_mod(&gm);
        return error;
    }
    group_mod_format__(s, oh->version, &gm, port_map, table_map);
    ofputil_uninit_group_mod(&gm);
    return 0;
}

/* Group stats. */

/* Returns a new group stats request for 'group_id' (OFPG_ALL for all). */
struct ofpbuf *
ofputil_encode_group_stats_request(enum ofp_version ofp_version,
                                   uint32_t group_id)
{
    struct ofp11_group_stats_request *req;
    struct ofpbuf *request;

    request = ofpraw_alloc(ofp_version == OFP10_VERSION
                           ? OFPRAW_NXST_GROUP_REQUEST
                           : OFPRAW_OFPST11_GROUP_REQUEST, ofp_version, 0);
    req = ofpbuf_put_zeros(request, sizeof *req);
    req->group_id = htonl(group_id);
    ofpmsg_update_length(request);
    return request;
}

/* Decodes the group stats request 'request' into '*group_id'. */
enum ofperr
ofputil_decode_group_stats_request(const struct ofp_header *request,
                                   uint32_t *group_id)
{
    const struct ofp11_group_stats_request *gsr11 = ofpmsg_body(request);
    *group_id = ntohl(gsr11->group_id);
    return 0;
}

/* Formats a group stats request for ofp-print: " group_id=N". */
enum ofperr
ofputil_group_stats_request_format(struct ds *s, const struct ofp_header *oh)
{
    uint32_t group_id;
    enum ofperr error = ofputil_decode_group_stats_request(oh, &group_id);

    if (!error) {
        ds_put_cstr(s, " group_id=");
        ofputil_format_group(group_id, s);
    }
    return error;
}

/* Appends the group stats 'gs' to the multipart reply 'replies'. */
void
ofputil_append_group_stats(struct ovs_list *replies,
                           const struct ofputil_group_stats *gs)
{
    enum ofp_version version = ofpmp_version(replies);
    size_t bucket_counter_size = gs->n_buckets * 16;
    size_t length;
    uint8_t *p;

    /* OpenFlow 1.0's NXST_GROUP reply has the OpenFlow 1.3 layout. */
    bool with_duration = (version >= OFP13_VERSION
                          || version == OFP10_VERSION);

    length = (with_duration ? sizeof(struct ofp13_group_stats)
              : sizeof(struct ofp11_group_stats)) + bucket_counter_size;
    p = ofpmp_append(replies, length);
    memset(p, 0, length);

    struct ofp11_group_stats *gs11 = (struct ofp11_group_stats *) p;
    gs11->length = htons(length);
    gs11->group_id = htonl(gs->group_id);
    gs11->ref_count = htonl(gs->ref_count);
    put_unaligned_be64_host(&gs11->packet_count, gs->packet_count);
    put_unaligned_be64_host(&gs11->byte_count, gs->byte_count);
    p += sizeof *gs11;
    if (with_duration) {
        struct ofp13_group_stats *gs13 = (struct ofp13_group_stats *) gs11;
        gs13->duration_sec = htonl(gs->duration_sec);
        gs13->duration_nsec = htonl(gs->duration_nsec);
        p += 8;
    }
    for (uint32_t i = 0; i < gs->n_buckets; i++) {
        put_unaligned_be64_host(p, gs->bucket_stats[i].packet_count);
        put_unaligned_be64_host(p + 8, gs->bucket_stats[i].byte_count);
        p += 16;
    }
}

/* Pulls the next group stats from 'msg'. */
int
ofputil_decode_group_stats_reply(struct ofpbuf *msg,
                                 struct ofputil_group_stats *gs)
{
    /* An entry's length need not be a multiple of 8, so the entry after it
     * may be misaligned: decode each entry's fixed part from a copy. */
    union {
        struct ofp11_group_stats gs11;   /* OpenFlow 1.1 and 1.2. */
        struct ofp13_group_stats gs13;   /* OpenFlow 1.3 and later. */
    } copy;
    const struct ofp11_group_stats *ogs11;
    const void *entry;
    enum ofpraw raw;
    size_t base_len;
    size_t length;
    const uint8_t *p;

    gs->bucket_stats = NULL;
    raw = msg->header ? ofpraw_decode_assert(msg->header)
                      : ofpraw_pull_assert(msg);
    if (!msg->size) {
        return EOF;
    }

    if (raw == OFPRAW_OFPST11_GROUP_REPLY) {
        base_len = sizeof copy.gs11;
    } else if (raw == OFPRAW_OFPST13_GROUP_REPLY
               || raw == OFPRAW_NXST_GROUP_REPLY) {
        base_len = sizeof copy.gs13;
    } else {
        OVS_NOT_REACHED();
    }
    entry = ofpbuf_try_pull(msg, base_len);
    if (!entry) {
        VLOG_WARN_RL(&rl, "%s reply has %"PRIu32" leftover bytes at end",
                     ofpraw_get_name(raw), msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    memcpy(&copy, entry, base_len);
    if (raw == OFPRAW_OFPST11_GROUP_REPLY) {
        ogs11 = &copy.gs11;
        gs->duration_sec = gs->duration_nsec = UINT32_MAX;
    } else {
        ogs11 = &copy.gs13.gs;
        gs->duration_sec = ntohl(copy.gs13.duration_sec);
        gs->duration_nsec = ntohl(copy.gs13.duration_nsec);
    }
    length = ntohs(ogs11->length);
    if (length < base_len) {
        VLOG_WARN_RL(&rl, "%s reply claims invalid length %zu",
                     ofpraw_get_name(raw), length);
        return OFPERR_OFPBRC_BAD_LEN;
    }

    gs->group_id = ntohl(ogs11->group_id);
    gs->ref_count = ntohl(ogs11->ref_count);
    gs->packet_count = get_unaligned_be64_host(&ogs11->packet_count);
    gs->byte_count = get_unaligned_be64_host(&ogs11->byte_count);

    gs->n_buckets = (length - base_len) / 16;
    p = ofpbuf_try_pull(msg, length - base_len);
    if (!p) {
        VLOG_WARN_RL(&rl, "%s reply has %"PRIu32" leftover bytes at end",
                     ofpraw_get_name(raw), msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    gs->bucket_stats = xmalloc(gs->n_buckets * sizeof *gs->bucket_stats
                               + 1);
    for (uint32_t i = 0; i < gs->n_buckets; i++) {
        gs->bucket_stats[i].packet_count = get_unaligned_be64_host(p + i * 16);
        gs->bucket_stats[i].byte_count = get_unaligned_be64_host(p + i * 16 + 8);
    }
    return 0;
}

/* Appends a duration "S[.NNN]s" to 's', trailing zeros of the fraction
 * removed. */
static void
format_duration(struct ds *s, uint32_t sec, uint32_t nsec)
{
    ds_put_format(s, "%"PRIu32, sec);
    if (nsec > 0) {
        ds_put_format(s, ".%09"PRIu32, nsec);
        while (s->string[s->length - 1] == '0') {
            s->length--;
        }
        s->string[s->length] = '\0';
    }
    ds_put_char(s, 's');
}

/* Formats a group stats reply for ofp-print: one "\n group_id=..." line
 * per group. */
enum ofperr
ofputil_group_stats_format(struct ds *s, const struct ofp_header *oh)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_group_stats gs;
        int retval;

        retval = ofputil_decode_group_stats_reply(&b, &gs);
        if (retval) {
            free(gs.bucket_stats);
            if (retval != EOF) {
                /* As upstream prints a group stats decoding error. */
                ds_put_cstr(s, " ***parse error***\n");
            }
            return retval != EOF ? retval : 0;
        }

        ds_put_char(s, '\n');
        ds_put_char(s, ' ');
        ds_put_format(s, "group_id=%"PRIu32",", gs.group_id);

        if (gs.duration_sec != UINT32_MAX) {
            ds_put_cstr(s, "duration=");
            format_duration(s, gs.duration_sec, gs.duration_nsec);
            ds_put_char(s, ',');
        }
        ds_put_format(s, "ref_count=%"PRIu32",", gs.ref_count);
        ds_put_format(s, "packet_count=%"PRIu64",", gs.packet_count);
        ds_put_format(s, "byte_count=%"PRIu64, gs.byte_count);

        for (uint32_t bucket_i = 0; bucket_i < gs.n_buckets; bucket_i++) {
            if (gs.bucket_stats[bucket_i].packet_count != UINT64_MAX) {
                ds_put_format(s, ",bucket%"PRIu32":", bucket_i);
                ds_put_format(s, "packet_count=%"PRIu64",",
                              gs.bucket_stats[bucket_i].packet_count);
                ds_put_format(s, "byte_count=%"PRIu64,
                              gs.bucket_stats[bucket_i].byte_count);
            }
        }

        free(gs.bucket_stats);
    }
}

/* Group features. */

/* Returns a new group features request. */
struct ofpbuf *
ofputil_encode_group_features_request(enum ofp_version ofp_version)
{
    struct ofpbuf *b = ofpraw_alloc(ofp_version < OFP12_VERSION
                                    ? OFPRAW_NXST_GROUP_FEATURES_REQUEST
                                    : OFPRAW_OFPST12_GROUP_FEATURES_REQUEST,
                                    ofp_version, 0);
    ofpmsg_update_length(b);
    return b;
}

/* Returns a reply to the group features request 'request' for 'features'.
 */
struct ofpbuf *
ofputil_encode_group_features_reply(
    const struct ofputil_group_features *features,
    const struct ofp_header *request)
{
    struct ofp12_group_features_stats *ogf;
    struct ofpbuf *reply;
    enum ofpraw raw;

    /* OpenFlow 1.0 and 1.1 ask with the Nicira request. */
    reply = ofpraw_alloc_xid((!ofpraw_decode(&raw, request)
                              && raw == OFPRAW_NXST_GROUP_FEATURES_REQUEST
                              ? OFPRAW_NXST_GROUP_FEATURES_REPLY
                              : OFPRAW_OFPST12_GROUP_FEATURES_REPLY),
                             request->version, request->xid, 0);
    ogf = ofpbuf_put_zeros(reply, sizeof *ogf);
    ogf->types = htonl(features->types);
    ogf->capabilities = htonl(features->capabilities);
    for (int i = 0; i < 4; i++) {
        ogf->max_groups[i] = htonl(features->max_groups[i]);
        ogf->actions[i] = ofpact_bitmap_to_openflow(features->ofpacts[i],
                                                    request->version);
    }
    ofpmsg_update_length(reply);
    return reply;
}

/* Decodes the group features reply 'oh' into 'features'. */
void
ofputil_decode_group_features_reply(const struct ofp_header *oh,
                                    struct ofputil_group_features *features)
{
    const struct ofp12_group_features_stats *ogf = ofpmsg_body(oh);

    features->types = ntohl(ogf->types);
    features->capabilities = ntohl(ogf->capabilities);
    for (int i = 0; i < 4; i++) {
        features->max_groups[i] = ntohl(ogf->max_groups[i]);
        features->ofpacts[i] = ofpact_bitmap_from_openflow(
            ogf->actions[i], oh->version);
    }
}

/* Formats a group features reply for ofp-print. */
void
ofputil_group_features_format(struct ds *string, const struct ofp_header *oh)
{
    struct ofputil_group_features features;

    ofputil_decode_group_features_reply(oh, &features);

    ds_put_format(string, "\n Group table:\n");
    ds_put_format(string, "    Types:  0x%"PRIx32"\n", features.types);
    ds_put_format(string, "    Capabilities:  0x%"PRIx32"\n",
                  features.capabilities);

    for (int i = 0; i < 4; i++) {
        static const char *names[4] = {
            "all", "select", "indirect", "fast failover",
        };
        if (features.types & (1u << i)) {
            ds_put_format(string, "    %s group:\n", names[i]);
            ds_put_format(string, "       max_groups=%#"PRIx32"\n",
                          features.max_groups[i]);
            ds_put_format(string, "       actions: ");
            ofpact_bitmap_format(features.ofpacts[i], string);
            ds_put_char(string, '\n');
        }
    }
    ds_chomp(string, '\n');
}

/* Group desc. */

/* Frees the memory owned by 'gd' (not 'gd' itself). */
void
ofputil_group_desc_destroy(struct ofputil_group_desc *gd)
{
    ofputil_bucket_list_destroy(&gd->buckets);
    ofputil_group_properties_destroy(&gd->props);
}

/* Returns a new group desc request for 'group_id' (OFPG_ALL for all; only
 * OpenFlow 1.5 can ask for a single group). */
struct ofpbuf *
ofputil_encode_group_desc_request(enum ofp_version ofp_version,
                                  uint32_t group_id)
{
    struct ofpbuf *request;

    if (ofp_version >= OFP15_VERSION || ofp_version == OFP10_VERSION) {
        ovs_be32 *req;

        /* OpenFlow 1.0's NXST_GROUP_DESC has the OpenFlow 1.5 layout. */
        request = ofpraw_alloc(ofp_version == OFP10_VERSION
                               ? OFPRAW_NXST_GROUP_DESC_REQUEST
                               : OFPRAW_OFPST15_GROUP_DESC_REQUEST,
                               ofp_version, 0);
        req = ofpbuf_put_zeros(request, 8);
        *req = htonl(group_id);
    } else {
        request = ofpraw_alloc(OFPRAW_OFPST11_GROUP_DESC_REQUEST,
                               ofp_version, 0);
    }
    ofpmsg_update_length(request);
    return request;
}

/* Returns the group id that the group desc request 'oh' asks for. */
uint32_t
ofputil_decode_group_desc_request(const struct ofp_header *oh)
{
    enum ofpraw raw = ofpraw_decode_assert(oh);

    if (raw == OFPRAW_OFPST15_GROUP_DESC_REQUEST
        || raw == OFPRAW_NXST_GROUP_DESC_REQUEST) {
        ovs_be32 group_id;
        memcpy(&group_id, ofpmsg_body(oh), 4);
        return ntohl(group_id);
    }
    return OFPG_ALL;
}

/* Formats a group desc request for ofp-print: " group_id=N". */
enum ofperr
ofputil_group_desc_request_format(struct ds *s, const struct ofp_header *oh)
{
    ds_put_cstr(s, " group_id=");
    ofputil_format_group(ofputil_decode_group_desc_request(oh), s);
    return 0;
}

/* Appends the description of group 'gds' with 'buckets' to the multipart
 * reply 'replies'. */
void
ofputil_append_group_desc_reply(const struct ofputil_group_desc *gds,
                                const struct ovs_list *buckets,
                                struct ovs_list *replies)
{
    enum ofp_version version = ofpmp_version(replies);
    struct ofpbuf *reply = ofpmp_reserve(replies, 16);
    size_t start_ogds = reply->size;

    /* OpenFlow 1.0 (NXST_GROUP_DESC) uses the OpenFlow 1.5 layout. */
    if (version >= OFP11_VERSION && version < OFP15_VERSION) {
        struct ofp11_group_desc_stats *ogds;

        ofpbuf_put_zeros(reply, sizeof *ogds);
        put_ofp11_buckets(buckets, reply, version);
        ogds = ofpbuf_at_assert(reply, start_ogds, sizeof *ogds);
        ogds->length = htons(reply->size - start_ogds);
        ogds->type = gds->type;
        ogds->group_id = htonl(gds->group_id);
    } else {
        struct ofp15_group_desc_stats *ogds;
        size_t start_buckets;

        ofpbuf_put_zeros(reply, sizeof *ogds);
        start_buckets = reply->size;
        put_ofp15_buckets(buckets, reply, version, gds->type);
        ogds = ofpbuf_at_assert(reply, start_ogds, sizeof *ogds);
        ogds->type = gds->type;
        ogds->group_id = htonl(gds->group_id);
        ogds->bucket_list_len = htons(reply->size - start_buckets);
        put_group_props(&gds->props, reply, version);
        ogds = ofpbuf_at_assert(reply, start_ogds, sizeof *ogds);
        ogds->length = htons(reply->size - start_ogds);
    }
    ofpmp_postappend(replies, start_ogds);
}

/* Pulls the next group description from 'msg'. */
int
ofputil_decode_group_desc_reply(struct ofputil_group_desc *gd,
                                struct ofpbuf *msg, enum ofp_version version)
{
    size_t length;
    enum ofperr error;

    memset(gd, 0, sizeof *gd);
    ovs_list_init(&gd->buckets);
    if (!msg->header) {
        ofpraw_pull_assert(msg);
    }
    if (!msg->size) {
        return EOF;
    }

    if (version >= OFP11_VERSION && version < OFP15_VERSION) {
        const struct ofp11_group_desc_stats *ogds;

        ogds = ofpbuf_try_pull(msg, sizeof *ogds);
        if (!ogds) {
            VLOG_WARN_RL(&rl, "OFPST11_GROUP_DESC reply has %"PRIu32" "
                         "leftover bytes at end", msg->size);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        gd->type = ogds->type;
        gd->group_id = ntohl(ogds->group_id);

        length = ntohs(ogds->length);
        if (length < sizeof *ogds || length - sizeof *ogds > msg->size) {
            VLOG_WARN_RL(&rl, "OFPST11_GROUP_DESC reply claims invalid "
                         "length %zu", length);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        return pull_ofp11_buckets(msg, length - sizeof *ogds, version,
                                  &gd->buckets);
    } else {
        const struct ofp15_group_desc_stats *ogds;
        size_t bucket_list_len;
        struct ofpbuf props;

        ogds = ofpbuf_try_pull(msg, sizeof *ogds);
        if (!ogds) {
            VLOG_WARN_RL(&rl, "OFPST11_GROUP_DESC reply has %"PRIu32" "
                         "leftover bytes at end", msg->size);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        gd->type = ogds->type;
        gd->group_id = ntohl(ogds->group_id);

        length = ntohs(ogds->length);
        if (length < sizeof *ogds || length - sizeof *ogds > msg->size) {
            VLOG_WARN_RL(&rl, "OFPST11_GROUP_DESC reply claims invalid "
                         "length %zu", length);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        bucket_list_len = ntohs(ogds->bucket_list_len);
        if (length < bucket_list_len + sizeof *ogds) {
            VLOG_WARN_RL(&rl, "OFPST11_GROUP_DESC reply claims invalid "
                         "bucket list length %zu", bucket_list_len);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = pull_ofp15_buckets(msg, bucket_list_len, version, gd->type,
                                   &gd->buckets);
        if (error) {
            return error;
        }

        length -= sizeof *ogds + bucket_list_len;
        ofpbuf_use_const(&props, ofpbuf_pull(msg, length), length);
        return parse_group_props(&props, gd->type, version, &gd->props);
    }
}

/* Formats a group desc reply for ofp-print: one "\n group_id=..." line
 * per group. */
enum ofperr
ofputil_group_desc_format(struct ds *s, const struct ofp_header *oh,
                          const struct ofputil_port_map *port_map,
                          const struct ofputil_table_map *table_map)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_group_desc gd;
        int retval;

        retval = ofputil_decode_group_desc_reply(&gd, &b, oh->version);
        if (retval) {
            ofputil_group_desc_destroy(&gd);
            return retval != EOF ? retval : 0;
        }

        ds_put_cstr(s, "\n ");
        ofputil_group_format(s, gd.group_id, gd.type, &gd.buckets,
                             &gd.props, oh->version, false,
                             port_map, table_map);
        ofputil_group_desc_destroy(&gd);
    }
}
