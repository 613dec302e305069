/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "bundle.h"
#include "openvswitch/ofp-port.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "multipath.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(bundle);

/* Rate limit for warnings about bad input. */
static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

enum ofperr
bundle_check(const struct ofpact_bundle *bundle, ofp_port_t max_ports,
             const struct match *match)
{
    if (bundle->dst.field) {
        enum ofperr error = mf_check_dst(&bundle->dst, match);

        if (error) {
            return error;
        }
    }
    for (unsigned int i = 0; i < bundle->n_members; i++) {
        ofp_port_t ofp_port = bundle->members[i];

        if (ofp_port != OFPP_NONE) {
            enum ofperr error = ofpact_check_output_port(ofp_port,
                                                         max_ports);
            if (error) {
                VLOG_WARN_RL(&rl, "invalid member %"PRIu16, ofp_port);
                return error;
            }
        }
        /* Controller members are unsupported due to the lack of a max_len
         * argument. */
        if (ofp_port == OFPP_CONTROLLER) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
    }
    return 0;
}

/* Parses a port number or reserved port name. */
static bool
bundle_parse_port(const char *s, ofp_port_t *port)
{
    static const struct {
        const char *name;
        ofp_port_t port;
    } names[] = {
        { "IN_PORT", OFPP_IN_PORT }, { "TABLE", OFPP_TABLE },
        { "NORMAL", OFPP_NORMAL }, { "FLOOD", OFPP_FLOOD },
        { "ALL", OFPP_ALL }, { "CONTROLLER", OFPP_CONTROLLER },
        { "LOCAL", OFPP_LOCAL }, { "NONE", OFPP_NONE },
    };
    unsigned int u;

    if (str_to_uint(s, 10, &u) && u <= UINT16_MAX) {
        *port = u;
        return true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (!strcasecmp(s, names[i].name)) {
            *port = names[i].port;
            return true;
        }
    }
    return false;
}

/* Parses the members list and the rest of a bundle action. */
static char * OVS_WARN_UNUSED_RESULT
bundle_parse__(const char *s_, char *s, bool load,
               struct ofpbuf *ofpacts)
{
    char *save_ptr = NULL;
    char *fields, *basis, *algorithm, *member_type, *member_delim, *dst = NULL;
    struct ofpact_bundle *bundle;
    size_t start = ofpacts->size;
    char *error;

    fields = strtok_r(s, ", ", &save_ptr);
    basis = strtok_r(NULL, ", ", &save_ptr);
    algorithm = strtok_r(NULL, ", ", &save_ptr);
    member_type = strtok_r(NULL, ", ", &save_ptr);
    if (load) {
        dst = strtok_r(NULL, ", ", &save_ptr);
    }
    member_delim = strtok_r(NULL, ": ", &save_ptr);
    if (!member_type || (load && !dst) || !member_delim) {
        return xasprintf("%s: not enough arguments to bundle action", s_);
    }
    if (strcasecmp(member_delim, "members")
        && strcasecmp(member_delim, "slaves")) {
        return xasprintf("%s: missing member delimiter, expected `members', "
                         "got `%s'", s_, member_delim);
    }

    bundle = ofpact_put_BUNDLE(ofpacts);
    for (;;) {
        ofp_port_t member_port;
        char *member;

        member = strtok_r(NULL, ", []", &save_ptr);
        if (!member) {
            break;
        }
        if (!bundle_parse_port(member, &member_port)) {
            return xasprintf("%s: bad port number", member);
        }
        ofpbuf_put(ofpacts, &member_port, sizeof member_port);
        bundle = ofpbuf_at_assert(ofpacts, start, sizeof *bundle);
        bundle->n_members++;
    }
    bundle = ofpbuf_at_assert(ofpacts, start, sizeof *bundle);
    ofpacts->header = bundle;
    ofpact_finish_BUNDLE(ofpacts, &bundle);

    bundle->basis = atoi(basis);
    if (!multipath_hash_fields_from_str(fields, &bundle->fields)) {
        return xasprintf("%s: unknown fields `%s'", s_, fields);
    }
    if (!strcasecmp(algorithm, "active_backup")) {
        bundle->algorithm = NX_BD_ALG_ACTIVE_BACKUP;
    } else if (!strcasecmp(algorithm, "hrw")) {
        bundle->algorithm = NX_BD_ALG_HRW;
    } else {
        return xasprintf("%s: unknown algorithm `%s'", s_, algorithm);
    }
    if (strcasecmp(member_type, "ofport")) {
        return xasprintf("%s: unknown member_type `%s'", s_, member_type);
    }
    if (dst) {
        error = mf_parse_subfield(&bundle->dst, dst);
        if (error) {
            return error;
        }
        if (!mf_nxm_header(bundle->dst.field->id)) {
            return xasprintf("%s: experimenter OXM field '%s' not supported",
                             s_, dst);
        }
    }
    return NULL;
}

char *
bundle_parse(const char *s, const struct ofputil_port_map *port_map
             OVS_UNUSED, struct ofpbuf *ofpacts)
{
    char *copy = xstrdup(s);
    char *error = bundle_parse__(s, copy, false, ofpacts);

    free(copy);
    return error;
}

char *
bundle_parse_load(const char *s, const struct ofputil_port_map *port_map
                  OVS_UNUSED, struct ofpbuf *ofpacts)
{
    char *copy = xstrdup(s);
    char *error = bundle_parse__(s, copy, true, ofpacts);

    free(copy);
    return error;
}

void
bundle_format(const struct ofpact_bundle *bundle,
              const struct ofputil_port_map *port_map,
              struct ds *s)
{
    const char *action, *algorithm;

    algorithm = (bundle->algorithm == NX_BD_ALG_HRW ? "hrw"
                 : bundle->algorithm == NX_BD_ALG_ACTIVE_BACKUP
                 ? "active_backup" : "<unknown>");
    action = bundle->dst.field ? "bundle_load" : "bundle";
    ds_put_format(s, "%s(%s,%"PRIu16",%s,%s,", action,
                  multipath_hash_fields_to_str(bundle->fields),
                  bundle->basis, algorithm, "ofport");
    if (bundle->dst.field) {
        mf_format_subfield(&bundle->dst, s);
        ds_put_char(s, ',');
    }
    ds_put_cstr(s, "members:");
    for (unsigned int i = 0; i < bundle->n_members; i++) {
        if (i) {
            ds_put_char(s, ',');
        }
        ofputil_format_port(bundle->members[i], port_map, s);
    }
    ds_put_char(s, ')');
}
