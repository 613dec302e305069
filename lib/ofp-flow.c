/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-flow.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "match.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "openflow/nicira-ext.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-group.h"
#include "openvswitch/ofp-match.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-parse.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "packets.h"

VLOG_DEFINE_THIS_MODULE(ofp_flow);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* "Any group", for out_group. */
#define OFPG_ANY OFPG11_ANY

/* "Any port", for out_port. */
#define OFPP_ANY OFPP_NONE

/* All-ones 64-bit value in network byte order. */
#define OVS_BE64_MAX ((ovs_be64) UINT64_MAX)

/* Flow mod flags.
 *
 * The OFPFF_* bits on the wire, per version: bit 0 send_flow_rem and bit 1
 * check_overlap everywhere; bit 2 emerg in 1.0, reset_counts in 1.2+;
 * bits 3 and 4 no_packet_counts and no_byte_counts in 1.3+. */
struct flow_mod_flag {
    enum ofputil_flow_mod_flags flag; /* OFPUTIL_FF_*. */
    uint16_t wire;              /* OFPFF_* bit. */
    enum ofp_version min_version; /* First version with it. */
    enum ofp_version max_version; /* Last version with it. */
    const char *name;           /* Name in the text syntax. */
};

static const struct flow_mod_flag flow_mod_flags[] = {
    { OFPUTIL_FF_SEND_FLOW_REM, 1 << 0, OFP10_VERSION, OFP16_VERSION,
      "send_flow_rem" },
    { OFPUTIL_FF_CHECK_OVERLAP, 1 << 1, OFP10_VERSION, OFP16_VERSION,
      "check_overlap" },
    { OFPUTIL_FF_EMERG, 1 << 2, OFP10_VERSION, OFP10_VERSION, "emerg" },
    { OFPUTIL_FF_RESET_COUNTS, 1 << 2, OFP12_VERSION, OFP16_VERSION,
      "reset_counts" },
    { OFPUTIL_FF_NO_PKT_COUNTS, 1 << 3, OFP13_VERSION, OFP16_VERSION,
      "no_packet_counts" },
    { OFPUTIL_FF_NO_BYT_COUNTS, 1 << 4, OFP13_VERSION, OFP16_VERSION,
      "no_byte_counts" },
};

/* Converts 'flags' to the OFPFF_* bits of 'version', dropping those that
 * the version cannot express. */
static ovs_be16
encode_flow_mod_flags(enum ofputil_flow_mod_flags flags,
                      enum ofp_version version)
{
    uint16_t raw = 0;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(flow_mod_flags); i++) {
        const struct flow_mod_flag *f = &flow_mod_flags[i];

        if (flags & f->flag
            && version >= f->min_version && version <= f->max_version) {
            raw |= f->wire;
        }
    }
    return htons(raw);
}

/* Converts the OFPFF_* bits 'raw_flags' of 'version' to '*flagsp'.
 * Returns 0 or OFPERR_OFPFMFC_BAD_FLAGS for bits the version lacks. */
static enum ofperr
decode_flow_mod_flags(ovs_be16 raw_flags_, enum ofp_version version,
                      enum ofputil_flow_mod_flags *flagsp)
{
    uint16_t raw_flags = ntohs(raw_flags_);
    size_t i;

    *flagsp = 0;
    for (i = 0; i < ARRAY_SIZE(flow_mod_flags); i++) {
        const struct flow_mod_flag *f = &flow_mod_flags[i];

        if (raw_flags & f->wire
            && version >= f->min_version && version <= f->max_version) {
            *flagsp |= f->flag;
            raw_flags &= ~f->wire;
        }
    }
    return raw_flags ? OFPERR_OFPFMFC_BAD_FLAGS : 0;
}

void
ofputil_flow_mod_flags_format(struct ds *s, enum ofputil_flow_mod_flags flags)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(flow_mod_flags); i++) {
        if (flags & flow_mod_flags[i].flag) {
            ds_put_format(s, "%s ", flow_mod_flags[i].name);
        }
    }
}

/* Returns the OFPFC_* command with the table id in its high byte, as
 * OpenFlow 1.0 flow mods carry it with the flow_mod_table_id extension. */
static ovs_be16
tid_command(const struct ofputil_flow_mod *fm, enum ofputil_protocol protocol)
{
    return htons(protocol & OFPUTIL_P_TID
                 ? (fm->command & 0xff) | (fm->table_id << 8)
                 : fm->command);
}

/* Text syntax. */

/* Which keywords a flow mod command accepts. */
enum {
    F_OUT_PORT = 1 << 0,
    F_ACTIONS = 1 << 1,
    F_IMPORTANCE = 1 << 2,
    F_TIMEOUT = 1 << 3,
    F_PRIORITY = 1 << 4,
    F_FLAGS = 1 << 5,
};

/* Parses 'value' for the field 'mf' into 'match'.  An empty 'value' means
 * "0/0", that is, any value.  Restricts '*usable_protocols' to those that
 * can express the match.  Returns NULL or a malloc()'d error. */
static char *
parse_field(const struct mf_field *mf, const char *value,
            const struct ofputil_port_map *port_map, struct match *match,
            enum ofputil_protocol *usable_protocols)
{
    union mf_value v, m;
    char *error;

    if (!*value) {
        value = "0/0";
    }
    error = mf_parse(mf, value, port_map, &v, &m);
    if (!error) {
        *usable_protocols &= mf_set(mf, &v, &m, match, &error);
    }
    return error;
}

/* The body of parse_ofp_str(), on a modifiable copy 'string'. */
static char *
parse_ofp_str__(struct ofputil_flow_mod *fm, int command, char *string,
                const struct ofputil_port_map *port_map,
                const struct ofputil_table_map *table_map,
                enum ofputil_protocol *usable_protocols)
{
    char *act_str = NULL;
    char *name, *value;
    unsigned int fields;
    char *error;

    *usable_protocols = OFPUTIL_P_ANY;

    if (command == -2) {
        size_t len;

        string += strspn(string, " \t\r\n");
        len = strcspn(string, ", \t\r\n");
        if (!strncmp(string, "add", len)) {
            command = OFPFC_ADD;
        } else if (!strncmp(string, "delete", len)) {
            command = OFPFC_DELETE;
        } else if (!strncmp(string, "delete_strict", len)) {
            command = OFPFC_DELETE_STRICT;
        } else if (!strncmp(string, "modify", len)) {
            command = OFPFC_MODIFY;
        } else if (!strncmp(string, "modify_strict", len)) {
            command = OFPFC_MODIFY_STRICT;
        } else {
            len = 0;
            command = OFPFC_ADD;
        }
        string += len;
    }

    switch (command) {
    case -1:
        fields = F_OUT_PORT;
        break;

    case OFPFC_ADD:
        fields = F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS | F_IMPORTANCE;
        break;

    case OFPFC_DELETE:
        fields = F_OUT_PORT;
        break;

    case OFPFC_DELETE_STRICT:
        fields = F_OUT_PORT | F_PRIORITY;
        break;

    case OFPFC_MODIFY:
        fields = F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS;
        break;

    case OFPFC_MODIFY_STRICT:
        fields = F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS;
        break;

    default:
        OVS_NOT_REACHED();
    }

    memset(fm, 0, sizeof *fm);
    ovs_list_init(&fm->list_node);
    match_init_catchall(&fm->match);
    fm->priority = OFP_DEFAULT_PRIORITY;
    fm->cookie = htobe64(0);
    fm->cookie_mask = htobe64(0);
    if (command == OFPFC_MODIFY || command == OFPFC_MODIFY_STRICT) {
        /* A modify without a cookie leaves the cookies alone. */
        fm->new_cookie = OVS_BE64_MAX;
    } else {
        fm->new_cookie = htobe64(0);
    }
    fm->modify_cookie = false;
    fm->table_id = 0xff;
    fm->command = command;
    fm->idle_timeout = OFP_FLOW_PERMANENT;
    fm->hard_timeout = OFP_FLOW_PERMANENT;
    fm->buffer_id = UINT32_MAX;
    fm->out_port = OFPP_ANY;
    fm->out_group = OFPG_ANY;
    fm->flags = 0;
    fm->importance = 0;

    if (fields & F_ACTIONS) {
        act_str = ofp_extract_actions(string);
        if (!act_str) {
            return xstrdup("must specify an action");
        }
    }

    while (ofputil_parse_key_value(&string, &name, &value)) {
        const struct ofp_protocol *p;
        const struct mf_field *mf;

        error = NULL;
        if (ofp_parse_protocol(name, &p)) {
            match_set_dl_type(&fm->match, htons(p->dl_type));
            if (p->nw_proto) {
                match_set_nw_proto(&fm->match, p->nw_proto);
            }
        } else if (!strcmp(name, "eth")) {
            /* Ethernet packets: the default. */
        } else if (fields & F_FLAGS && !strcmp(name, "send_flow_rem")) {
            fm->flags |= OFPUTIL_FF_SEND_FLOW_REM;
        } else if (fields & F_FLAGS && !strcmp(name, "check_overlap")) {
            fm->flags |= OFPUTIL_FF_CHECK_OVERLAP;
        } else if (fields & F_FLAGS && !strcmp(name, "reset_counts")) {
            fm->flags |= OFPUTIL_FF_RESET_COUNTS;
            *usable_protocols &= OFPUTIL_P_OF12_UP;
        } else if (fields & F_FLAGS && !strcmp(name, "no_packet_counts")) {
            fm->flags |= OFPUTIL_FF_NO_PKT_COUNTS;
            *usable_protocols &= OFPUTIL_P_OF13_UP;
        } else if (fields & F_FLAGS && !strcmp(name, "no_byte_counts")) {
            fm->flags |= OFPUTIL_FF_NO_BYT_COUNTS;
            *usable_protocols &= OFPUTIL_P_OF13_UP;
        } else if (!strcmp(name, "no_readonly_table")
                   || !strcmp(name, "allow_hidden_fields")) {
            /* Only for internal use: ignored here, as upstream. */
        } else if ((mf = mf_from_name(name)) != NULL) {
            error = parse_field(mf, value, port_map, &fm->match,
                                usable_protocols);
        } else if (!*value) {
            return xasprintf("field %s missing value", name);
        } else if (!strcmp(name, "table")) {
            if (!ofputil_table_from_string(value, table_map,
                                           &fm->table_id)) {
                return xasprintf("unknown table \"%s\"", value);
            }
            if (fm->table_id != 0xff) {
                *usable_protocols &= OFPUTIL_P_TID;
            }
        } else if (fields & F_OUT_PORT && !strcmp(name, "out_port")) {
            if (!ofputil_port_from_string(value, port_map, &fm->out_port)) {
                error = xasprintf("%s is not a valid OpenFlow port", value);
            }
        } else if (fields & F_OUT_PORT && !strcmp(name, "out_group")) {
            *usable_protocols &= OFPUTIL_P_OF11_UP;
            if (!ofputil_group_from_string(value, &fm->out_group)) {
                error = xasprintf("%s is not a valid OpenFlow group",
                                  value);
            }
        } else if (fields & F_PRIORITY && !strcmp(name, "priority")) {
            uint16_t priority = 0;

            error = str_to_u16(value, name, &priority);
            fm->priority = priority;
        } else if (fields & F_TIMEOUT && !strcmp(name, "idle_timeout")) {
            error = str_to_u16(value, name, &fm->idle_timeout);
        } else if (fields & F_TIMEOUT && !strcmp(name, "hard_timeout")) {
            error = str_to_u16(value, name, &fm->hard_timeout);
        } else if (fields & F_IMPORTANCE && !strcmp(name, "importance")) {
            error = str_to_u16(value, name, &fm->importance);
        } else if (!strcmp(name, "cookie")) {
            char *mask = strchr(value, '/');

            if (mask) {
                /* A mask means we're searching for a cookie. */
                if (command == OFPFC_ADD) {
                    return xstrdup("flow additions cannot use "
                                   "a cookie mask");
                }
                *mask = '\0';
                error = str_to_be64(value, &fm->cookie);
                if (error) {
                    return error;
                }
                error = str_to_be64(mask + 1, &fm->cookie_mask);

                /* Matching of the cookie is only supported through NXM or
                 * OF1.1+. */
                if (fm->cookie_mask != htobe64(0)) {
                    *usable_protocols &= OFPUTIL_P_NXM_OF11_UP;
                }
            } else {
                /* No mask means that the cookie is being set. */
                if (command != OFPFC_ADD && command != OFPFC_MODIFY
                    && command != OFPFC_MODIFY_STRICT) {
                    return xasprintf("cannot set cookie");
                }
                error = str_to_be64(value, &fm->new_cookie);
                fm->modify_cookie = true;
            }
        } else if (!strcmp(name, "duration")
                   || !strcmp(name, "n_packets")
                   || !strcmp(name, "n_bytes")
                   || !strcmp(name, "idle_age")
                   || !strcmp(name, "hard_age")) {
            /* Ignore these, so that users can feed the output of
             * "ovs-ofctl dump-flows" back into commands that parse
             * flows. */
        } else {
            return xasprintf("unknown keyword %s", name);
        }

        if (error) {
            return error;
        }
    }

    /* Some combinations of fields need NXM or OXM even though each field
     * alone does not: OpenFlow 1.0's match has no IPv6 protocol, TOS or
     * transport ports. */
    if (fm->match.flow.dl_type == htons(ETH_TYPE_IPV6)
        && fm->match.wc.masks.dl_type == htons(UINT16_MAX)
        && (fm->match.wc.masks.nw_proto || fm->match.wc.masks.nw_tos
            || fm->match.wc.masks.tp_src || fm->match.wc.masks.tp_dst)) {
        *usable_protocols &= OFPUTIL_P_NXM_OXM_ANY;
    }

    if (!fm->cookie_mask && fm->new_cookie == OVS_BE64_MAX
        && (command == OFPFC_MODIFY || command == OFPFC_MODIFY_STRICT)) {
        /* On modifies without a mask, we are supposed to add a flow if
         * one does not exist.  If a cookie wasn't been specified, use a
         * default of zero. */
        fm->new_cookie = htobe64(0);
    }

    if (fields & F_ACTIONS) {
        enum ofputil_protocol action_usable_protocols = OFPUTIL_P_ANY;
        struct ofpbuf ofpacts;
        struct ofpact_parse_params pp = {
            .port_map = port_map,
            .table_map = table_map,
            .ofpacts = &ofpacts,
            .usable_protocols = &action_usable_protocols,
            .depth = 0,
        };
        enum ofperr err;

        ofpbuf_init(&ofpacts, 32);
        error = ofpacts_parse_instructions(act_str, &pp);
        if (!error) {
            struct ofpact_check_params cp = {
                .match = &fm->match,
                .max_ports = OFPP_MAX,
                .table_id = fm->table_id,
                .n_tables = 255,
                .usable_protocols = OFPUTIL_P_ANY,
            };

            err = ofpacts_check(ofpacts.data, ofpacts.size, &cp);
            action_usable_protocols &= cp.usable_protocols;
            if (!err && !(*usable_protocols & action_usable_protocols)) {
                err = OFPERR_OFPBAC_MATCH_INCONSISTENT;
            }
            if (err) {
                error = xasprintf("actions are invalid with specified match "
                                  "(%s)", ofperr_to_string(err));
            }
        }
        if (error) {
            ofpbuf_uninit(&ofpacts);
            return error;
        }

        *usable_protocols &= action_usable_protocols;
        fm->ofpacts_len = ofpacts.size;
        fm->ofpacts = ofpbuf_steal_data(&ofpacts);
    } else {
        fm->ofpacts_len = 0;
        fm->ofpacts = NULL;
    }

    /* Logs the fields whose prerequisites the flow lacks, as upstream does
     * whatever protocol is used later.  The match itself stays as parsed:
     * each encoder leaves such fields out in its own way (OpenFlow 1.0's
     * decoder logs them again). */
    struct match normalized = fm->match;
    ofputil_normalize_match(&normalized);
    return NULL;
}

char *
parse_ofp_str(struct ofputil_flow_mod *fm, int command, const char *str_,
              const struct ofputil_port_map *port_map,
              const struct ofputil_table_map *table_map,
              enum ofputil_protocol *usable_protocols)
{
    char *string = xstrdup(str_);
    char *error;

    error = parse_ofp_str__(fm, command, string, port_map, table_map,
                            usable_protocols);
    if (error) {
        fm->ofpacts = NULL;
        fm->ofpacts_len = 0;
    }
    free(string);
    return error;
}

char *
parse_ofp_flow_mod_str(struct ofputil_flow_mod *fm, const char *string,
                       const struct ofputil_port_map *port_map,
                       const struct ofputil_table_map *table_map,
                       int command, enum ofputil_protocol *usable_protocols)
{
    return parse_ofp_str(fm, command, string, port_map, table_map,
                         usable_protocols);
}

/* Reads one line from 'stream' into 'ds', without the new-line.  Returns 0,
 * EOF at the end of the stream, or an errno value. */
static int
read_line(FILE *stream, struct ds *ds)
{
    int c;

    ds_clear(ds);
    c = getc(stream);
    if (c == EOF) {
        return ferror(stream) ? errno : EOF;
    }
    while (c != EOF && c != '\n') {
        ds_put_char(ds, c);
        c = getc(stream);
    }
    return 0;
}

/* Returns 'line' with comments ('#' to the end) removed and white space
 * trimmed, in place. */
static char *
strip_line(char *line)
{
    char *hash = strchr(line, '#');
    size_t len;

    if (hash) {
        *hash = '\0';
    }
    line += strspn(line, " \t\r\n\v\f");
    len = strlen(line);
    while (len > 0 && strchr(" \t\r\n\v\f", line[len - 1])) {
        line[--len] = '\0';
    }
    return line;
}

char *
parse_ofp_flow_mod_file(const char *file_name,
                        const struct ofputil_port_map *port_map,
                        const struct ofputil_table_map *table_map,
                        int command,
                        struct ofputil_flow_mod **fms, size_t *n_fms,
                        enum ofputil_protocol *usable_protocols)
{
    size_t allocated_fms;
    int line_number;
    FILE *stream;
    struct ds s;

    *usable_protocols = OFPUTIL_P_ANY;

    *fms = NULL;
    *n_fms = 0;

    stream = !strcmp(file_name, "-") ? stdin : fopen(file_name, "r");
    if (stream == NULL) {
        return xasprintf("%s: open failed (%s)",
                         file_name, ovs_strerror(errno));
    }

    allocated_fms = *n_fms;
    ds_init(&s);
    line_number = 0;
    while (!read_line(stream, &s)) {
        enum ofputil_protocol usable;
        char *error, *line;

        line_number++;
        line = strip_line(ds_cstr(&s));
        if (!*line) {
            continue;
        }
        if (*n_fms >= allocated_fms) {
            struct ofputil_flow_mod *new_fms;

            new_fms = x2nrealloc(*fms, &allocated_fms, sizeof **fms);
            *fms = new_fms;
        }
        error = parse_ofp_str(&(*fms)[*n_fms], command, line, port_map,
                              table_map, &usable);
        if (error) {
            char *err_msg;
            size_t i;

            for (i = 0; i < *n_fms; i++) {
                free((*fms)[i].ofpacts);
            }
            free(*fms);
            *fms = NULL;
            *n_fms = 0;

            ds_destroy(&s);
            if (stream != stdin) {
                fclose(stream);
            }

            err_msg = xasprintf("%s:%d: %s", file_name, line_number, error);
            free(error);
            return err_msg;
        }
        *usable_protocols &= usable;
        *n_fms += 1;
    }

    ds_destroy(&s);
    if (stream != stdin) {
        fclose(stream);
    }
    return NULL;
}

void
ofputil_flow_mod_uninit(struct ofputil_flow_mod *fm)
{
    if (fm) {
        free(fm->ofpacts);
        fm->ofpacts = NULL;
        fm->ofpacts_len = 0;
    }
}

/* Flow mod. */

enum ofputil_protocol
ofputil_flow_mod_usable_protocols(const struct ofputil_flow_mod *fms,
                                  size_t n_fms)
{
    enum ofputil_protocol usable_protocols = OFPUTIL_P_ANY;
    size_t i;

    for (i = 0; i < n_fms; i++) {
        const struct ofputil_flow_mod *fm = &fms[i];

        usable_protocols &= ofputil_usable_protocols(&fm->match);
        if (fm->table_id != 0xff) {
            usable_protocols &= OFPUTIL_P_TID;
        }

        /* Matching of the cookie is only supported through NXM or
         * OF1.1+. */
        if (fm->cookie_mask != htobe64(0)) {
            usable_protocols &= OFPUTIL_P_NXM_OF11_UP;
        }
        if (fm->out_group != OFPG_ANY) {
            usable_protocols &= OFPUTIL_P_OF11_UP;
        }
        if (fm->flags & OFPUTIL_FF_RESET_COUNTS) {
            usable_protocols &= OFPUTIL_P_OF12_UP;
        }
        if (fm->flags & (OFPUTIL_FF_NO_PKT_COUNTS
                         | OFPUTIL_FF_NO_BYT_COUNTS)) {
            usable_protocols &= OFPUTIL_P_OF13_UP;
        }
    }
    return usable_protocols;
}

struct ofpbuf *
ofputil_encode_flow_mod(const struct ofputil_flow_mod *fm,
                        enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    ovs_be16 raw_flags = encode_flow_mod_flags(fm->flags, version);
    struct ofpbuf *msg;

    switch (protocol) {
    case OFPUTIL_P_OF11_STD:
    case OFPUTIL_P_OF12_OXM:
    case OFPUTIL_P_OF13_OXM:
    case OFPUTIL_P_OF14_OXM:
    case OFPUTIL_P_OF15_OXM: {
        struct ofp11_flow_mod *ofm;
        int tailroom;

        tailroom = ofputil_match_typical_len(protocol) + fm->ofpacts_len;
        msg = ofpraw_alloc(OFPRAW_OFPT11_FLOW_MOD, version, tailroom);
        ofm = ofpbuf_put_zeros(msg, sizeof *ofm);
        if ((protocol == OFPUTIL_P_OF11_STD
             && (fm->command == OFPFC_MODIFY
                 || fm->command == OFPFC_MODIFY_STRICT)
             && fm->cookie_mask == htobe64(0))
            || fm->command == OFPFC_ADD) {
            ofm->cookie = fm->new_cookie;
        } else {
            ofm->cookie = fm->cookie & fm->cookie_mask;
        }
        ofm->cookie_mask = fm->cookie_mask;
        if (fm->table_id != OFPTT_ALL
            || (protocol != OFPUTIL_P_OF11_STD
                && (fm->command == OFPFC_DELETE
                    || fm->command == OFPFC_DELETE_STRICT))) {
            ofm->table_id = fm->table_id;
        } else {
            ofm->table_id = 0;
        }
        ofm->command = fm->command;
        ofm->idle_timeout = htons(fm->idle_timeout);
        ofm->hard_timeout = htons(fm->hard_timeout);
        ofm->priority = htons(fm->priority);
        ofm->buffer_id = htonl(fm->buffer_id);
        ofm->out_port = ofputil_port_to_ofp11(fm->out_port);
        ofm->out_group = htonl(fm->out_group);
        ofm->flags = raw_flags;
        if (version >= OFP14_VERSION && fm->command == OFPFC_ADD) {
            ofm->importance = htons(fm->importance);
        } else {
            ofm->importance = 0;
        }
        ofputil_put_ofp11_match(msg, &fm->match, protocol);
        ofpacts_put_openflow_instructions(fm->ofpacts, fm->ofpacts_len, msg,
                                          version);
        break;
    }

    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID: {
        struct ofp10_flow_mod *ofm;

        msg = ofpraw_alloc(OFPRAW_OFPT10_FLOW_MOD, OFP10_VERSION,
                           fm->ofpacts_len);
        ofm = ofpbuf_put_zeros(msg, sizeof *ofm);
        ofputil_match_to_ofp10_match(&fm->match, &ofm->match);
        ofm->cookie = fm->new_cookie;
        ofm->command = tid_command(fm, protocol);
        ofm->idle_timeout = htons(fm->idle_timeout);
        ofm->hard_timeout = htons(fm->hard_timeout);
        ofm->priority = htons(fm->priority);
        ofm->buffer_id = htonl(fm->buffer_id);
        ofm->out_port = htons(ofp_to_u16(fm->out_port));
        ofm->flags = raw_flags;
        ofpacts_put_openflow_actions(fm->ofpacts, fm->ofpacts_len, msg,
                                     version);
        break;
    }

    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID: {
        struct nx_flow_mod *nfm;
        int match_len;

        msg = ofpraw_alloc(OFPRAW_NXT_FLOW_MOD, OFP10_VERSION,
                           64 + fm->ofpacts_len);
        nfm = ofpbuf_put_zeros(msg, sizeof *nfm);
        nfm->command = tid_command(fm, protocol);
        nfm->cookie = fm->new_cookie;
        match_len = nx_put_match(msg, &fm->match, fm->cookie,
                                 fm->cookie_mask);
        nfm = msg->msg;
        nfm->idle_timeout = htons(fm->idle_timeout);
        nfm->hard_timeout = htons(fm->hard_timeout);
        nfm->priority = htons(fm->priority);
        nfm->buffer_id = htonl(fm->buffer_id);
        nfm->out_port = htons(ofp_to_u16(fm->out_port));
        nfm->flags = raw_flags;
        nfm->match_len = htons(match_len);
        ofpacts_put_openflow_actions(fm->ofpacts, fm->ofpacts_len, msg,
                                     version);
        break;
    }

    default:
        OVS_NOT_REACHED();
    }

    ofpmsg_update_length(msg);
    return msg;
}

enum ofperr
ofputil_decode_flow_mod(struct ofputil_flow_mod *fm,
                        const struct ofp_header *oh,
                        enum ofputil_protocol protocol,
                        const struct tun_table *tun_table,
                        const struct vl_mff_map *vl_mff_map,
                        struct ofpbuf *ofpacts,
                        ofp_port_t max_port, uint8_t max_table)
{
    ovs_be16 raw_flags;
    enum ofperr error;
    struct ofpbuf b;
    enum ofpraw raw;

    memset(fm, 0, sizeof *fm);
    ovs_list_init(&fm->list_node);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&b);
    if (raw == OFPRAW_OFPT11_FLOW_MOD) {
        const struct ofp11_flow_mod *ofm;

        ofm = ofpbuf_pull(&b, sizeof *ofm);

        error = ofputil_pull_ofp11_match(&b, tun_table, vl_mff_map,
                                         &fm->match, NULL);
        if (error) {
            return error;
        }

        fm->priority = ntohs(ofm->priority);
        fm->cookie = ofm->cookie;
        fm->cookie_mask = ofm->cookie_mask;
        if (ofm->command == OFPFC_ADD
            || (oh->version == OFP11_VERSION
                && (ofm->command == OFPFC_MODIFY
                    || ofm->command == OFPFC_MODIFY_STRICT)
                && ofm->cookie_mask == htobe64(0))) {
            fm->new_cookie = ofm->cookie;
        } else {
            fm->new_cookie = OVS_BE64_MAX;
        }
        fm->modify_cookie = false;
        fm->command = ofm->command;

        /* Get table ID.
         *
         * OF1.1 entirely forbids table_id == OFPTT_ALL.
         * OF1.2+ allows table_id == OFPTT_ALL only for deletes. */
        fm->table_id = ofm->table_id;
        if (fm->table_id == OFPTT_ALL
            && (oh->version == OFP11_VERSION
                || (ofm->command != OFPFC_DELETE
                    && ofm->command != OFPFC_DELETE_STRICT))) {
            return OFPERR_OFPFMFC_BAD_TABLE_ID;
        }

        fm->idle_timeout = ntohs(ofm->idle_timeout);
        fm->hard_timeout = ntohs(ofm->hard_timeout);
        if (oh->version >= OFP14_VERSION && ofm->command == OFPFC_ADD) {
            fm->importance = ntohs(ofm->importance);
        } else {
            fm->importance = 0;
        }
        fm->buffer_id = ntohl(ofm->buffer_id);
        error = ofputil_port_from_ofp11(ofm->out_port, &fm->out_port);
        if (error) {
            return error;
        }

        fm->out_group = (ofm->command == OFPFC_DELETE
                         || ofm->command == OFPFC_DELETE_STRICT
                         ? ntohl(ofm->out_group)
                         : OFPG_ANY);
        raw_flags = ofm->flags;
    } else {
        uint16_t command;

        if (raw == OFPRAW_OFPT10_FLOW_MOD) {
            /* Standard OpenFlow 1.0 flow_mod. */
            const struct ofp10_flow_mod *ofm;

            ofm = ofpbuf_pull(&b, sizeof *ofm);

            /* Translate the rule. */
            ofputil_match_from_ofp10_match(&ofm->match, &fm->match);
            ofputil_normalize_match(&fm->match);

            /* OpenFlow 1.0 says that exact-match rules have to have the
             * highest possible priority. */
            fm->priority = (ofm->match.wildcards
                            ? ntohs(ofm->priority)
                            : UINT16_MAX);

            /* Translate the message. */
            command = ntohs(ofm->command);
            fm->cookie = htobe64(0);
            fm->cookie_mask = htobe64(0);
            fm->new_cookie = ofm->cookie;
            fm->idle_timeout = ntohs(ofm->idle_timeout);
            fm->hard_timeout = ntohs(ofm->hard_timeout);
            fm->importance = 0;
            fm->buffer_id = ntohl(ofm->buffer_id);
            fm->out_port = u16_to_ofp(ntohs(ofm->out_port));
            fm->out_group = OFPG_ANY;
            raw_flags = ofm->flags;
        } else if (raw == OFPRAW_NXT_FLOW_MOD) {
            /* Nicira extended flow_mod. */
            const struct nx_flow_mod *nfm;

            nfm = ofpbuf_pull(&b, sizeof *nfm);
            error = nx_pull_match(&b, ntohs(nfm->match_len), &fm->match,
                                  &fm->cookie, &fm->cookie_mask, false,
                                  tun_table, vl_mff_map);
            if (error) {
                return error;
            }

            /* Translate the message. */
            command = ntohs(nfm->command);
            if ((command & 0xff) == OFPFC_ADD && fm->cookie_mask) {
                /* Flow additions may only set a new cookie, not match an
                 * existing cookie. */
                return OFPERR_NXBRC_NXM_INVALID;
            }
            fm->priority = ntohs(nfm->priority);
            fm->new_cookie = nfm->cookie;
            fm->idle_timeout = ntohs(nfm->idle_timeout);
            fm->hard_timeout = ntohs(nfm->hard_timeout);
            fm->importance = 0;
            fm->buffer_id = ntohl(nfm->buffer_id);
            fm->out_port = u16_to_ofp(ntohs(nfm->out_port));
            fm->out_group = OFPG_ANY;
            raw_flags = nfm->flags;
        } else {
            OVS_NOT_REACHED();
        }

        fm->modify_cookie = fm->new_cookie != OVS_BE64_MAX;
        if (protocol & OFPUTIL_P_TID) {
            fm->command = command & 0xff;
            fm->table_id = command >> 8;
        } else {
            if (command > 0xff) {
                VLOG_WARN_RL(&rl, "flow_mod has explicit table_id "
                             "but flow_mod_table_id extension is not "
                             "enabled");
            }
            fm->command = command;
            fm->table_id = 0xff;
        }
    }

    /* Check for mismatched conntrack original direction tuple
     * prerequisites belongs to the match layer; nothing to do here. */

    error = ofpacts_pull_openflow_instructions(&b, b.size, oh->version,
                                               vl_mff_map,
                                               &fm->ofpacts_tlv_bitmap,
                                               ofpacts);
    if (error) {
        return error;
    }
    fm->ofpacts = ofpacts->data;
    fm->ofpacts_len = ofpacts->size;

    error = decode_flow_mod_flags(raw_flags, oh->version, &fm->flags);
    if (error) {
        return error;
    }

    if (fm->flags & OFPUTIL_FF_EMERG) {
        /* We do not support the OpenFlow 1.0 emergency flow cache, which
         * is not required in OpenFlow 1.0.1 and removed from OpenFlow 1.1.
         * There is no good error code, so just state that the flow table
         * is full. */
        return (fm->hard_timeout || fm->idle_timeout
                ? OFPERR_OFPFMFC_BAD_EMERG_TIMEOUT
                : OFPERR_OFPFMFC_TABLE_FULL);
    }

    if (fm->command > OFPFC_DELETE_STRICT) {
        return OFPERR_OFPFMFC_BAD_COMMAND;
    }

    if (fm->table_id != OFPTT_ALL && fm->table_id > max_table) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }

    struct ofpact_check_params cp = {
        .match = &fm->match,
        .max_ports = max_port,
        .table_id = fm->table_id,
        .n_tables = max_table,
        .usable_protocols = OFPUTIL_P_ANY,
    };
    return ofpacts_check_consistency(fm->ofpacts, fm->ofpacts_len, protocol,
                                     &cp);
}

/* Returns the name of flow mod command 'command'. */
static void
format_flow_mod_command(struct ds *s, uint16_t command)
{
    switch (command) {
    case OFPFC_ADD:
        ds_put_cstr(s, "ADD");
        break;
    case OFPFC_MODIFY:
        ds_put_cstr(s, "MOD");
        break;
    case OFPFC_MODIFY_STRICT:
        ds_put_cstr(s, "MOD_STRICT");
        break;
    case OFPFC_DELETE:
        ds_put_cstr(s, "DEL");
        break;
    case OFPFC_DELETE_STRICT:
        ds_put_cstr(s, "DEL_STRICT");
        break;
    default:
        ds_put_format(s, "cmd:%d", command);
    }
}

/* Returns the last character of 's', or '\0' if it is empty. */
static int
ds_last_char(const struct ds *s)
{
    return s->length ? (unsigned char) s->string[s->length - 1] : '\0';
}

enum ofperr
ofputil_flow_mod_format(struct ds *s, const struct ofp_header *oh,
                        const struct ofputil_port_map *port_map,
                        const struct ofputil_table_map *table_map,
                        int verbosity)
{
    struct ofputil_flow_mod fm;
    struct ofpbuf ofpacts;
    bool need_priority;
    enum ofperr error;
    enum ofpraw raw;
    enum ofputil_protocol protocol;

    protocol = ofputil_protocol_from_ofp_version(oh->version);
    protocol = ofputil_protocol_set_tid(protocol, true);

    ofpbuf_init(&ofpacts, 64);
    error = ofputil_decode_flow_mod(&fm, oh, protocol, NULL, NULL, &ofpacts,
                                    OFPP_MAX, 255);
    if (error) {
        ofpbuf_uninit(&ofpacts);
        return error;
    }

    ds_put_char(s, ' ');
    format_flow_mod_command(s, fm.command);
    if (fm.table_id != 0
        || ofputil_table_map_get_name(table_map, fm.table_id)) {
        ds_put_cstr(s, " table:");
        ofputil_format_table(fm.table_id, table_map, s);
    }

    ds_put_char(s, ' ');
    ofpraw_decode(&raw, oh);
    if (verbosity >= 3 && raw == OFPRAW_OFPT10_FLOW_MOD) {
        const struct ofp10_flow_mod *ofm = ofpmsg_body(oh);

        ofp10_match_print(s, &ofm->match, port_map, verbosity);

        /* ofp_print_match() doesn't print priority. */
        need_priority = true;
    } else if (verbosity >= 3 && raw == OFPRAW_NXT_FLOW_MOD) {
        const struct nx_flow_mod *nfm = ofpmsg_body(oh);
        const void *nxm = nfm + 1;
        char *nxm_s;

        nxm_s = nx_match_to_string(nxm, ntohs(nfm->match_len));
        ds_put_cstr(s, nxm_s);
        free(nxm_s);

        /* nx_match_to_string() doesn't print priority. */
        need_priority = true;
    } else {
        match_format(&fm.match, port_map, s, fm.priority);

        /* match_format() does print priority. */
        need_priority = false;
    }

    if (ds_last_char(s) != ' ') {
        ds_put_char(s, ' ');
    }
    if (fm.new_cookie != htobe64(0) && fm.new_cookie != OVS_BE64_MAX) {
        ds_put_format(s, "cookie:0x%"PRIx64" ", be64toh(fm.new_cookie));
    }
    if (fm.cookie_mask != htobe64(0)) {
        ds_put_format(s, "cookie:0x%"PRIx64"/0x%"PRIx64" ",
                      be64toh(fm.cookie), be64toh(fm.cookie_mask));
    }
    if (fm.idle_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, "idle:%"PRIu16" ", fm.idle_timeout);
    }
    if (fm.hard_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, "hard:%"PRIu16" ", fm.hard_timeout);
    }
    if (fm.importance != 0) {
        ds_put_format(s, "importance:%"PRIu16" ", fm.importance);
    }
    if (fm.priority != OFP_DEFAULT_PRIORITY && need_priority) {
        ds_put_format(s, "pri:%d ", fm.priority);
    }
    if (fm.buffer_id != UINT32_MAX) {
        ds_put_format(s, "buf:0x%"PRIx32" ", fm.buffer_id);
    }
    if (fm.out_port != OFPP_ANY) {
        ds_put_cstr(s, "out_port:");
        ofputil_format_port(fm.out_port, port_map, s);
        ds_put_char(s, ' ');
    }
    if (fm.out_group != OFPG_ANY) {
        ds_put_format(s, "out_group:%"PRIu32" ", fm.out_group);
    }
    ofputil_flow_mod_flags_format(s, fm.flags);

    ds_put_cstr(s, "actions=");
    struct ofpact_format_params fp = {
        .port_map = port_map,
        .table_map = table_map,
        .s = s,
    };
    ofpacts_format(fm.ofpacts, fm.ofpacts_len, &fp);
    ofpbuf_uninit(&ofpacts);
    return 0;
}

/* Returns 'count' unless it is UINT64_MAX ("unknown"), in which case 0. */
static uint64_t
unknown_to_zero(uint64_t count)
{
    return count != UINT64_MAX ? count : 0;
}

/* Appends 'sec' seconds and 'nsec' nanoseconds to 's' as upstream prints
 * durations: "5s", "5.5s", "5.000000001s". */
static void
format_duration(struct ds *s, unsigned int sec, unsigned int nsec)
{
    ds_put_format(s, "%u", sec);
    if (nsec > 0) {
        char buf[16];
        size_t len;

        snprintf(buf, sizeof buf, "%09u", nsec);
        len = strlen(buf);
        while (len > 3 && buf[len - 1] == '0') {
            buf[--len] = '\0';
        }
        ds_put_format(s, ".%s", buf);
    }
    ds_put_char(s, 's');
}

/* OpenFlow 1.5 flow removed: this body, then the match, then a struct
 * ofp_stats holding OXS statistics. */
struct ofp15_flow_removed {
    uint8_t table_id;           /* ID of the table. */
    uint8_t reason;             /* One of OFPRR_*. */
    ovs_be16 priority;          /* Priority level of flow entry. */
    ovs_be16 idle_timeout;      /* Idle timeout from original flow mod. */
    ovs_be16 hard_timeout;      /* Hard timeout from original flow mod. */
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
};
OFP_ASSERT(sizeof(struct ofp15_flow_removed) == 16);

/* OXS statistics fields (class OFPXSC_OPENFLOW_BASIC, 0x8002). */
enum {
    OXS_DURATION = 0,           /* 8 bytes: seconds, nanoseconds. */
    OXS_IDLE_TIME = 1,          /* 8 bytes: seconds, nanoseconds. */
    OXS_FLOW_COUNT = 3,         /* 4 bytes. */
    OXS_PACKET_COUNT = 4,       /* 8 bytes. */
    OXS_BYTE_COUNT = 5,         /* 8 bytes. */
};

/* Appends OXS field 'field' with 'len' bytes of 'value' to 'b'. */
static void
put_oxs(struct ofpbuf *b, int field, const void *value, size_t len)
{
    ovs_be32 header = htonl((0x8002u << 16) | (field << 9) | len);

    ofpbuf_put(b, &header, sizeof header);
    ofpbuf_put(b, value, len);
}

/* Statistics carried as OXS in OpenFlow 1.5. */
struct oxs_stats {
    uint32_t duration_sec;      /* Duration, seconds. */
    uint32_t duration_nsec;     /* ...plus nanoseconds. */
    uint64_t packet_count;      /* Packets, UINT64_MAX if absent. */
    uint64_t byte_count;        /* Bytes, UINT64_MAX if absent. */
    uint32_t flow_count;        /* Flows, UINT32_MAX if absent. */
    int idle_age;               /* Idle time, seconds, -1 if absent. */
};

/* Appends a struct ofp_stats holding 'st' to 'b': the duration unless
 * 'flow_count' is true, in which case the flow count instead. */
static void
put_oxs_stats(struct ofpbuf *b, const struct oxs_stats *st, bool flow_count)
{
    size_t start = b->size;
    ovs_be64 packets = htobe64(st->packet_count);
    ovs_be64 bytes = htobe64(st->byte_count);
    ovs_be16 *hdr;

    ofpbuf_put_zeros(b, 4);
    if (flow_count) {
        ovs_be32 flows = htonl(st->flow_count);
        put_oxs(b, OXS_FLOW_COUNT, &flows, sizeof flows);
    } else {
        ovs_be32 duration[2] = { htonl(st->duration_sec),
                                 htonl(st->duration_nsec) };
        put_oxs(b, OXS_DURATION, duration, sizeof duration);
    }
    if (st->idle_age >= 0) {
        ovs_be32 idle[2] = { htonl(st->idle_age), htonl(0) };
        put_oxs(b, OXS_IDLE_TIME, idle, sizeof idle);
    }
    put_oxs(b, OXS_PACKET_COUNT, &packets, sizeof packets);
    put_oxs(b, OXS_BYTE_COUNT, &bytes, sizeof bytes);
    hdr = ofpbuf_at_assert(b, start, 4);
    hdr[1] = htons(b->size - start);
    ofpbuf_put_zeros(b, ROUND_UP(b->size - start, 8) - (b->size - start));
}

/* Pulls a struct ofp_stats from 'b' into 'st' (absent counters become all
 * ones, an absent duration 0).  Returns 0 or an OFPERR_* value. */
static enum ofperr
pull_oxs_stats(struct ofpbuf *b, struct oxs_stats *st)
{
    const uint8_t *p;
    size_t len, padded, ofs;

    memset(st, 0, sizeof *st);
    st->packet_count = st->byte_count = UINT64_MAX;
    st->flow_count = UINT32_MAX;
    st->idle_age = -1;
    if (b->size < 4) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    p = b->data;
    len = (p[2] << 8) | p[3];
    padded = ROUND_UP(len, 8);
    if (len < 4 || padded > b->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    for (ofs = 4; ofs + 4 <= len; ) {
        uint32_t header = ((uint32_t) p[ofs] << 24 | p[ofs + 1] << 16
                           | p[ofs + 2] << 8 | p[ofs + 3]);
        size_t field_len = header & 0xff;
        const uint8_t *value = p + ofs + 4;

        if (ofs + 4 + field_len > len) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        if (header >> 16 == 0x8002) {
            ovs_be64 x64;
            ovs_be32 x32[2];

            switch ((header >> 9) & 0x7f) {
            case OXS_DURATION:
                if (field_len == 8) {
                    memcpy(x32, value, 8);
                    st->duration_sec = ntohl(x32[0]);
                    st->duration_nsec = ntohl(x32[1]);
                }
                break;
            case OXS_IDLE_TIME:
                if (field_len == 8) {
                    memcpy(x32, value, 8);
                    st->idle_age = MIN(ntohl(x32[0]), INT_MAX);
                }
                break;
            case OXS_FLOW_COUNT:
                if (field_len == 4) {
                    memcpy(x32, value, 4);
                    st->flow_count = ntohl(x32[0]);
                }
                break;
            case OXS_PACKET_COUNT:
                if (field_len == 8) {
                    memcpy(&x64, value, 8);
                    st->packet_count = be64toh(x64);
                }
                break;
            case OXS_BYTE_COUNT:
                if (field_len == 8) {
                    memcpy(&x64, value, 8);
                    st->byte_count = be64toh(x64);
                }
                break;
            default:
                break;
            }
        }
        ofs += 4 + field_len;
    }
    ofpbuf_pull(b, padded);
    return 0;
}

/* One flow in an OpenFlow 1.5 flow stats reply; the match, a struct
 * ofp_stats and the instructions follow. */
struct ofp15_flow_desc {
    ovs_be16 length;            /* Length of this entry. */
    uint8_t pad2[2];            /* Align to 32 bits. */
    uint8_t table_id;           /* ID of table flow came from. */
    uint8_t reason;             /* Reason for the stats (0). */
    ovs_be16 priority;          /* Priority of the entry. */
    ovs_be16 idle_timeout;      /* Idle time before expiration (s). */
    ovs_be16 hard_timeout;      /* Time before expiration (s). */
    ovs_be16 flags;             /* OFPFF_* flags. */
    ovs_be16 importance;        /* Eviction precedence. */
    ovs_be64 cookie;            /* Opaque controller-issued identifier. */
};
OFP_ASSERT(sizeof(struct ofp15_flow_desc) == 24);

/* Flow stats requests. */

enum ofperr
ofputil_decode_flow_stats_request(struct ofputil_flow_stats_request *fsr,
                                  const struct ofp_header *oh,
                                  const struct tun_table *tun_table,
                                  const struct vl_mff_map *vl_mff_map)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;

    memset(fsr, 0, sizeof *fsr);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&b);
    switch ((int) raw) {
    case OFPRAW_OFPST10_FLOW_REQUEST:
    case OFPRAW_OFPST10_AGGREGATE_REQUEST: {
        const struct ofp10_flow_stats_request *ofsr;

        ofsr = ofpbuf_try_pull(&b, sizeof *ofsr);
        if (!ofsr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        fsr->aggregate = raw == OFPRAW_OFPST10_AGGREGATE_REQUEST;
        ofputil_match_from_ofp10_match(&ofsr->match, &fsr->match);
        fsr->out_port = u16_to_ofp(ntohs(ofsr->out_port));
        fsr->out_group = OFPG_ANY;
        fsr->table_id = ofsr->table_id;
        fsr->cookie = fsr->cookie_mask = htobe64(0);
        return 0;
    }

    case OFPRAW_OFPST11_FLOW_REQUEST:
    case OFPRAW_OFPST11_AGGREGATE_REQUEST: {
        const struct ofp11_flow_stats_request *ofsr;

        ofsr = ofpbuf_try_pull(&b, sizeof *ofsr);
        if (!ofsr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        fsr->aggregate = raw == OFPRAW_OFPST11_AGGREGATE_REQUEST;
        fsr->table_id = ofsr->table_id;
        error = ofputil_port_from_ofp11(ofsr->out_port, &fsr->out_port);
        if (error) {
            return error;
        }
        fsr->out_group = ntohl(ofsr->out_group);
        fsr->cookie = ofsr->cookie;
        fsr->cookie_mask = ofsr->cookie_mask;
        return ofputil_pull_ofp11_match(&b, tun_table, vl_mff_map,
                                        &fsr->match, NULL);
    }

    case OFPRAW_NXST_FLOW_REQUEST:
    case OFPRAW_NXST_AGGREGATE_REQUEST: {
        const struct nx_flow_stats_request *nfsr;

        nfsr = ofpbuf_try_pull(&b, sizeof *nfsr);
        if (!nfsr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = nx_pull_match(&b, ntohs(nfsr->match_len), &fsr->match,
                              &fsr->cookie, &fsr->cookie_mask, false,
                              tun_table, vl_mff_map);
        if (error) {
            return error;
        }
        if (b.size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        fsr->aggregate = raw == OFPRAW_NXST_AGGREGATE_REQUEST;
        fsr->out_port = u16_to_ofp(ntohs(nfsr->out_port));
        fsr->out_group = OFPG_ANY;
        fsr->table_id = nfsr->table_id;
        return 0;
    }

    default:
        /* Hey, the caller lied. */
        OVS_NOT_REACHED();
    }
}

struct ofpbuf *
ofputil_encode_flow_stats_request(const struct ofputil_flow_stats_request
                                  *fsr, enum ofputil_protocol protocol)
{
    struct ofpbuf *msg;
    enum ofpraw raw;

    switch (protocol) {
    case OFPUTIL_P_OF11_STD:
    case OFPUTIL_P_OF12_OXM:
    case OFPUTIL_P_OF13_OXM:
    case OFPUTIL_P_OF14_OXM:
    case OFPUTIL_P_OF15_OXM: {
        struct ofp11_flow_stats_request *ofsr;

        raw = (fsr->aggregate
               ? OFPRAW_OFPST11_AGGREGATE_REQUEST
               : OFPRAW_OFPST11_FLOW_REQUEST);
        msg = ofpraw_alloc(raw, ofputil_protocol_to_ofp_version(protocol),
                           ofputil_match_typical_len(protocol));
        ofsr = ofpbuf_put_zeros(msg, sizeof *ofsr);
        ofsr->table_id = fsr->table_id;
        ofsr->out_port = ofputil_port_to_ofp11(fsr->out_port);
        ofsr->out_group = htonl(fsr->out_group);
        ofsr->cookie = fsr->cookie;
        ofsr->cookie_mask = fsr->cookie_mask;
        ofputil_put_ofp11_match(msg, &fsr->match, protocol);
        break;
    }

    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID: {
        struct ofp10_flow_stats_request *ofsr;

        raw = (fsr->aggregate
               ? OFPRAW_OFPST10_AGGREGATE_REQUEST
               : OFPRAW_OFPST10_FLOW_REQUEST);
        msg = ofpraw_alloc(raw, OFP10_VERSION, 0);
        ofsr = ofpbuf_put_zeros(msg, sizeof *ofsr);
        ofputil_match_to_ofp10_match(&fsr->match, &ofsr->match);
        ofsr->table_id = fsr->table_id;
        ofsr->out_port = htons(ofp_to_u16(fsr->out_port));
        break;
    }

    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID: {
        struct nx_flow_stats_request *nfsr;
        int match_len;

        raw = (fsr->aggregate
               ? OFPRAW_NXST_AGGREGATE_REQUEST
               : OFPRAW_NXST_FLOW_REQUEST);
        msg = ofpraw_alloc(raw, OFP10_VERSION, 64);
        ofpbuf_put_zeros(msg, sizeof *nfsr);
        match_len = nx_put_match(msg, &fsr->match,
                                 fsr->cookie, fsr->cookie_mask);

        nfsr = msg->msg;
        nfsr->out_port = htons(ofp_to_u16(fsr->out_port));
        nfsr->match_len = htons(match_len);
        nfsr->table_id = fsr->table_id;
        break;
    }

    default:
        OVS_NOT_REACHED();
    }

    ofpmsg_update_length(msg);
    return msg;
}

char *
parse_ofp_flow_stats_request_str(struct ofputil_flow_stats_request *fsr,
                                 bool aggregate, const char *string,
                                 const struct ofputil_port_map *port_map,
                                 const struct ofputil_table_map *table_map,
                                 enum ofputil_protocol *usable_protocols)
{
    struct ofputil_flow_mod fm;
    char *error;

    error = parse_ofp_str(&fm, -1, string, port_map, table_map,
                          usable_protocols);
    if (error) {
        return error;
    }

    /* Special table ID support not required for stats requests. */
    if (*usable_protocols & OFPUTIL_P_OF10_STD_TID) {
        *usable_protocols |= OFPUTIL_P_OF10_STD;
    }
    if (*usable_protocols & OFPUTIL_P_OF10_NXM_TID) {
        *usable_protocols |= OFPUTIL_P_OF10_NXM;
    }

    fsr->aggregate = aggregate;
    fsr->cookie = fm.cookie;
    fsr->cookie_mask = fm.cookie_mask;
    fsr->match = fm.match;
    fsr->out_port = fm.out_port;
    fsr->out_group = fm.out_group;
    fsr->table_id = fm.table_id;
    return NULL;
}

void
ofputil_flow_stats_request_format(struct ds *s,
                                  const struct ofputil_flow_stats_request
                                  *fsr,
                                  const struct ofputil_port_map *port_map,
                                  const struct ofputil_table_map *table_map)
{
    struct ds match = DS_EMPTY_INITIALIZER;

    if (fsr->table_id != 0xff) {
        ds_put_cstr(s, " table=");
        ofputil_format_table(fsr->table_id, table_map, s);
    }
    if (fsr->out_port != OFPP_ANY) {
        ds_put_cstr(s, " out_port=");
        ofputil_format_port(fsr->out_port, port_map, s);
    }

    match_format(&fsr->match, port_map, &match, OFP_DEFAULT_PRIORITY);
    if (match.length) {
        ds_put_char(s, ' ');
        ds_put_cstr(s, ds_cstr(&match));
    }
    ds_destroy(&match);
}

enum ofperr
ofputil_flow_stats_request_msg_format(struct ds *s,
                                      const struct ofp_header *oh,
                                      const struct ofputil_port_map
                                      *port_map,
                                      const struct ofputil_table_map
                                      *table_map,
                                      int verbosity OVS_UNUSED)
{
    struct ofputil_flow_stats_request fsr;
    enum ofperr error;

    error = ofputil_decode_flow_stats_request(&fsr, oh, NULL, NULL);
    if (!error) {
        ofputil_flow_stats_request_format(s, &fsr, port_map, table_map);
    }
    return error;
}

/* Flow stats replies. */

int
ofputil_decode_flow_stats_reply(struct ofputil_flow_stats *fs,
                                struct ofpbuf *msg,
                                bool flow_age_extension,
                                struct ofpbuf *ofpacts)
{
    const struct ofp_header *oh;
    size_t instructions_len;
    enum ofperr error;
    enum ofpraw raw;

    memset(fs, 0, sizeof *fs);
    error = (msg->header ? ofpraw_decode(&raw, msg->header)
             : ofpraw_pull(&raw, msg));
    if (error) {
        return error;
    }
    oh = msg->header;

    if (!msg->size) {
        return EOF;
    } else if (raw == OFPRAW_OFPST13_FLOW_REPLY
               && oh->version >= OFP15_VERSION) {
        const struct ofp15_flow_desc *ofd;
        size_t length, start_size = msg->size;
        struct oxs_stats st;

        ofd = ofpbuf_try_pull(msg, sizeof *ofd);
        if (!ofd) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply has %"PRIu32" leftover "
                         "bytes at end", msg->size);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        length = ntohs(ofd->length);
        if (length < sizeof *ofd || length > start_size) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply claims invalid "
                         "length %zu", length);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofputil_pull_ofp11_match(msg, NULL, NULL, &fs->match, NULL);
        if (error) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply bad match");
            return error;
        }
        error = pull_oxs_stats(msg, &st);
        if (error) {
            return error;
        }
        if (start_size - msg->size > length) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        instructions_len = length - (start_size - msg->size);
        error = ofpacts_pull_openflow_instructions(msg, instructions_len,
                                                   oh->version, NULL, NULL,
                                                   ofpacts);
        if (error) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply bad instructions");
            return error;
        }
        error = decode_flow_mod_flags(ofd->flags, oh->version, &fs->flags);
        if (error) {
            return error;
        }
        fs->priority = ntohs(ofd->priority);
        fs->table_id = ofd->table_id;
        fs->duration_sec = st.duration_sec;
        fs->duration_nsec = st.duration_nsec;
        fs->idle_timeout = ntohs(ofd->idle_timeout);
        fs->hard_timeout = ntohs(ofd->hard_timeout);
        fs->importance = ntohs(ofd->importance);
        fs->idle_age = st.idle_age;
        fs->hard_age = -1;
        fs->cookie = ofd->cookie;
        fs->packet_count = st.packet_count;
        fs->byte_count = st.byte_count;
    } else if (raw == OFPRAW_OFPST11_FLOW_REPLY
               || raw == OFPRAW_OFPST13_FLOW_REPLY) {
        const struct ofp11_flow_stats *ofs;
        size_t length;
        uint16_t padded_match_len;

        ofs = ofpbuf_try_pull(msg, sizeof *ofs);
        if (!ofs) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply has %"PRIu32" leftover "
                         "bytes at end", msg->size);
            return OFPERR_OFPBRC_BAD_LEN;
        }

        length = ntohs(ofs->length);
        if (length < sizeof *ofs) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply claims invalid "
                         "length %zu", length);
            return OFPERR_OFPBRC_BAD_LEN;
        }

        error = ofputil_pull_ofp11_match(msg, NULL, NULL, &fs->match,
                                         &padded_match_len);
        if (error) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply bad match");
            return error;
        }
        if (length < sizeof *ofs + padded_match_len) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply claims invalid "
                         "length %zu", length);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        instructions_len = length - sizeof *ofs - padded_match_len;

        error = ofpacts_pull_openflow_instructions(msg, instructions_len,
                                                   oh->version, NULL, NULL,
                                                   ofpacts);
        if (error) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply bad instructions");
            return error;
        }

        fs->priority = ntohs(ofs->priority);
        fs->table_id = ofs->table_id;
        fs->duration_sec = ntohl(ofs->duration_sec);
        fs->duration_nsec = ntohl(ofs->duration_nsec);
        fs->idle_timeout = ntohs(ofs->idle_timeout);
        fs->hard_timeout = ntohs(ofs->hard_timeout);
        if (oh->version >= OFP14_VERSION) {
            fs->importance = ntohs(ofs->importance);
        } else {
            fs->importance = 0;
        }
        if (raw == OFPRAW_OFPST13_FLOW_REPLY) {
            error = decode_flow_mod_flags(ofs->flags, oh->version,
                                          &fs->flags);
            if (error) {
                return error;
            }
        } else {
            fs->flags = 0;
        }
        fs->idle_age = -1;
        fs->hard_age = -1;
        fs->cookie = ofs->cookie;
        fs->packet_count = be64toh(ofs->packet_count);
        fs->byte_count = be64toh(ofs->byte_count);
    } else if (raw == OFPRAW_OFPST10_FLOW_REPLY) {
        const struct ofp10_flow_stats *ofs;
        size_t length;

        ofs = ofpbuf_try_pull(msg, sizeof *ofs);
        if (!ofs) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply has %"PRIu32" leftover "
                         "bytes at end", msg->size);
            return OFPERR_OFPBRC_BAD_LEN;
        }

        length = ntohs(ofs->length);
        if (length < sizeof *ofs) {
            VLOG_WARN_RL(&rl, "OFPST_FLOW reply claims invalid "
                         "length %zu", length);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        instructions_len = length - sizeof *ofs;

        error = ofpacts_pull_openflow_actions(msg, instructions_len,
                                              oh->version, NULL, NULL,
                                              ofpacts);
        if (error) {
            return error;
        }

        fs->cookie = get_32aligned_be64(&ofs->cookie);
        ofputil_match_from_ofp10_match(&ofs->match, &fs->match);
        fs->priority = ntohs(ofs->priority);
        fs->table_id = ofs->table_id;
        fs->duration_sec = ntohl(ofs->duration_sec);
        fs->duration_nsec = ntohl(ofs->duration_nsec);
        fs->idle_timeout = ntohs(ofs->idle_timeout);
        fs->hard_timeout = ntohs(ofs->hard_timeout);
        fs->importance = 0;
        fs->idle_age = -1;
        fs->hard_age = -1;
        fs->packet_count = ofp_get_32aligned_be64_host(&ofs->packet_count);
        fs->byte_count = ofp_get_32aligned_be64_host(&ofs->byte_count);
        fs->flags = 0;
    } else if (raw == OFPRAW_NXST_FLOW_REPLY) {
        const struct nx_flow_stats *nfs;
        size_t match_len, actions_len, length;
        ovs_be64 cookie, cookie_mask;

        nfs = ofpbuf_try_pull(msg, sizeof *nfs);
        if (!nfs) {
            VLOG_WARN_RL(&rl, "NXST_FLOW reply has %"PRIu32" leftover "
                         "bytes at end", msg->size);
            return OFPERR_OFPBRC_BAD_LEN;
        }

        length = ntohs(nfs->length);
        match_len = ntohs(nfs->match_len);
        if (length < sizeof *nfs + ROUND_UP(match_len, 8)) {
            VLOG_WARN_RL(&rl, "NXST_FLOW reply with match_len=%zu "
                         "claims invalid length %zu",
                         match_len, length);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = nx_pull_match(msg, match_len, &fs->match, &cookie,
                              &cookie_mask, false, NULL, NULL);
        if (error) {
            return error;
        }

        actions_len = length - sizeof *nfs - ROUND_UP(match_len, 8);
        error = ofpacts_pull_openflow_actions(msg, actions_len, oh->version,
                                              NULL, NULL, ofpacts);
        if (error) {
            return error;
        }

        fs->cookie = nfs->cookie;
        fs->table_id = nfs->table_id;
        fs->duration_sec = ntohl(nfs->duration_sec);
        fs->duration_nsec = ntohl(nfs->duration_nsec);
        fs->priority = ntohs(nfs->priority);
        fs->idle_timeout = ntohs(nfs->idle_timeout);
        fs->hard_timeout = ntohs(nfs->hard_timeout);
        fs->importance = 0;
        fs->idle_age = -1;
        fs->hard_age = -1;
        if (flow_age_extension) {
            if (nfs->idle_age) {
                fs->idle_age = ntohs(nfs->idle_age) - 1;
            }
            if (nfs->hard_age) {
                fs->hard_age = ntohs(nfs->hard_age) - 1;
            }
        }
        fs->packet_count = be64toh(nfs->packet_count);
        fs->byte_count = be64toh(nfs->byte_count);
        fs->flags = 0;
    } else {
        OVS_NOT_REACHED();
    }

    fs->ofpacts = ofpacts->data;
    fs->ofpacts_len = ofpacts->size;

    return 0;
}

void
ofputil_append_flow_stats_reply(const struct ofputil_flow_stats *fs,
                                struct ovs_list *replies,
                                const struct tun_table *tun_table OVS_UNUSED)
{
    struct ofpbuf *reply = ofpmp_reserve(replies,
                                         128 + fs->ofpacts_len);
    size_t start_ofs = reply->size;
    enum ofp_version version = ofpmp_version(replies);
    enum ofpraw raw = ofpmp_decode_raw(replies);

    if (raw == OFPRAW_OFPST13_FLOW_REPLY && version >= OFP15_VERSION) {
        struct oxs_stats st = {
            .duration_sec = fs->duration_sec,
            .duration_nsec = fs->duration_nsec,
            .packet_count = fs->packet_count,
            .byte_count = fs->byte_count,
            .idle_age = fs->idle_age,
        };
        struct ofp15_flow_desc *ofd;

        ofpbuf_put_zeros(reply, sizeof *ofd);
        ofputil_put_ofp11_match(reply, &fs->match,
                                ofputil_protocol_from_ofp_version(version));
        put_oxs_stats(reply, &st, false);
        ofpacts_put_openflow_instructions(fs->ofpacts, fs->ofpacts_len,
                                          reply, version);

        ofd = ofpbuf_at_assert(reply, start_ofs, sizeof *ofd);
        ofd->length = htons(reply->size - start_ofs);
        ofd->table_id = fs->table_id;
        ofd->priority = htons(fs->priority);
        ofd->idle_timeout = htons(fs->idle_timeout);
        ofd->hard_timeout = htons(fs->hard_timeout);
        ofd->flags = encode_flow_mod_flags(fs->flags, version);
        ofd->importance = htons(fs->importance);
        ofd->cookie = fs->cookie;
    } else if (raw == OFPRAW_OFPST11_FLOW_REPLY
               || raw == OFPRAW_OFPST13_FLOW_REPLY) {
        struct ofp11_flow_stats *ofs;

        ofpbuf_put_zeros(reply, sizeof *ofs);
        ofputil_put_ofp11_match(reply, &fs->match,
                                ofputil_protocol_from_ofp_version(version));
        ofpacts_put_openflow_instructions(fs->ofpacts, fs->ofpacts_len,
                                          reply, version);

        ofs = ofpbuf_at_assert(reply, start_ofs, sizeof *ofs);
        ofs->length = htons(reply->size - start_ofs);
        ofs->table_id = fs->table_id;
        ofs->duration_sec = htonl(fs->duration_sec);
        ofs->duration_nsec = htonl(fs->duration_nsec);
        ofs->priority = htons(fs->priority);
        ofs->idle_timeout = htons(fs->idle_timeout);
        ofs->hard_timeout = htons(fs->hard_timeout);
        if (raw == OFPRAW_OFPST13_FLOW_REPLY) {
            ofs->flags = encode_flow_mod_flags(fs->flags, version);
        }
        if (version >= OFP14_VERSION) {
            ofs->importance = htons(fs->importance);
        }
        ofs->cookie = fs->cookie;
        ofs->packet_count = htobe64(unknown_to_zero(fs->packet_count));
        ofs->byte_count = htobe64(unknown_to_zero(fs->byte_count));
    } else if (raw == OFPRAW_OFPST10_FLOW_REPLY) {
        struct ofp10_flow_stats *ofs;

        ofpbuf_put_zeros(reply, sizeof *ofs);
        ofpacts_put_openflow_actions(fs->ofpacts, fs->ofpacts_len, reply,
                                     version);
        ofs = ofpbuf_at_assert(reply, start_ofs, sizeof *ofs);
        ofs->length = htons(reply->size - start_ofs);
        ofs->table_id = fs->table_id;
        ofputil_match_to_ofp10_match(&fs->match, &ofs->match);
        ofs->duration_sec = htonl(fs->duration_sec);
        ofs->duration_nsec = htonl(fs->duration_nsec);
        ofs->priority = htons(fs->priority);
        ofs->idle_timeout = htons(fs->idle_timeout);
        ofs->hard_timeout = htons(fs->hard_timeout);
        put_32aligned_be64(&ofs->cookie, fs->cookie);
        ofp_put_32aligned_be64_host(&ofs->packet_count,
                                    unknown_to_zero(fs->packet_count));
        ofp_put_32aligned_be64_host(&ofs->byte_count,
                                    unknown_to_zero(fs->byte_count));
    } else if (raw == OFPRAW_NXST_FLOW_REPLY) {
        struct nx_flow_stats *nfs;
        int match_len;

        ofpbuf_put_zeros(reply, sizeof *nfs);
        match_len = nx_put_match(reply, &fs->match, 0, 0);
        ofpacts_put_openflow_actions(fs->ofpacts, fs->ofpacts_len, reply,
                                     version);
        nfs = ofpbuf_at_assert(reply, start_ofs, sizeof *nfs);
        nfs->length = htons(reply->size - start_ofs);
        nfs->table_id = fs->table_id;
        nfs->duration_sec = htonl(fs->duration_sec);
        nfs->duration_nsec = htonl(fs->duration_nsec);
        nfs->priority = htons(fs->priority);
        nfs->idle_timeout = htons(fs->idle_timeout);
        nfs->hard_timeout = htons(fs->hard_timeout);
        nfs->idle_age = htons(fs->idle_age < 0 ? 0
                              : fs->idle_age < UINT16_MAX
                              ? fs->idle_age + 1
                              : UINT16_MAX);
        nfs->hard_age = htons(fs->hard_age < 0 ? 0
                              : fs->hard_age < UINT16_MAX
                              ? fs->hard_age + 1
                              : UINT16_MAX);
        nfs->match_len = htons(match_len);
        nfs->cookie = fs->cookie;
        nfs->packet_count = htobe64(fs->packet_count);
        nfs->byte_count = htobe64(fs->byte_count);
    } else {
        OVS_NOT_REACHED();
    }

    ofpmp_postappend(replies, start_ofs);
}

void
ofputil_flow_stats_format(struct ds *string,
                          const struct ofputil_flow_stats *fs,
                          const struct ofputil_port_map *port_map,
                          const struct ofputil_table_map *table_map,
                          bool show_stats)
{
    if (show_stats || fs->cookie) {
        ds_put_format(string, "cookie=0x%"PRIx64", ", be64toh(fs->cookie));
    }
    if (show_stats) {
        ds_put_cstr(string, "duration=");
        format_duration(string, fs->duration_sec, fs->duration_nsec);
        ds_put_cstr(string, ", ");
    }

    if (show_stats || fs->table_id
        || ofputil_table_map_get_name(table_map, fs->table_id) != NULL) {
        ds_put_cstr(string, "table=");
        ofputil_format_table(fs->table_id, table_map, string);
        ds_put_cstr(string, ", ");
    }
    if (show_stats) {
        ds_put_format(string, "n_packets=%"PRIu64", ", fs->packet_count);
        ds_put_format(string, "n_bytes=%"PRIu64", ", fs->byte_count);
    }
    if (fs->idle_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(string, "idle_timeout=%"PRIu16", ", fs->idle_timeout);
    }
    if (fs->hard_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(string, "hard_timeout=%"PRIu16", ", fs->hard_timeout);
    }
    if (fs->flags) {
        ofputil_flow_mod_flags_format(string, fs->flags);
    }
    if (fs->importance != 0) {
        ds_put_format(string, "importance=%"PRIu16", ", fs->importance);
    }
    if (show_stats && fs->idle_age >= 0) {
        ds_put_format(string, "idle_age=%d, ", fs->idle_age);
    }
    if (show_stats && fs->hard_age >= 0
        && fs->hard_age != (int) fs->duration_sec) {
        ds_put_format(string, "hard_age=%d, ", fs->hard_age);
    }

    match_format(&fs->match, port_map, string, fs->priority);
    if (ds_last_char(string) != ' ') {
        ds_put_char(string, ' ');
    }

    ds_put_cstr(string, "actions=");
    struct ofpact_format_params fp = {
        .port_map = port_map,
        .table_map = table_map,
        .s = string,
    };
    ofpacts_format(fs->ofpacts, fs->ofpacts_len, &fp);
}

enum ofperr
ofputil_flow_stats_reply_msg_format(struct ds *string,
                                    const struct ofp_header *oh,
                                    const struct ofputil_port_map *port_map,
                                    const struct ofputil_table_map
                                    *table_map,
                                    int verbosity OVS_UNUSED)
{
    struct ofpbuf ofpacts;
    struct ofpbuf b;
    enum ofperr error = 0;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&ofpacts, 64);
    for (;;) {
        struct ofputil_flow_stats fs;
        int retval;

        retval = ofputil_decode_flow_stats_reply(&fs, &b, true, &ofpacts);
        if (retval) {
            if (retval != EOF) {
                error = retval;
            }
            break;
        }
        ds_put_cstr(string, "\n ");
        ofputil_flow_stats_format(string, &fs, port_map, table_map, true);
    }
    ofpbuf_uninit(&ofpacts);
    return error;
}

/* Aggregate stats. */

struct ofpbuf *
ofputil_encode_aggregate_stats_reply(
    const struct ofputil_aggregate_stats *stats,
    const struct ofp_header *request)
{
    struct ofp_aggregate_stats_reply *asr;
    uint64_t packet_count;
    uint64_t byte_count;
    struct ofpbuf *msg;
    enum ofpraw raw;

    ofpraw_decode(&raw, request);
    if (raw == OFPRAW_OFPST10_AGGREGATE_REQUEST) {
        packet_count = unknown_to_zero(stats->packet_count);
        byte_count = unknown_to_zero(stats->byte_count);
    } else {
        packet_count = stats->packet_count;
        byte_count = stats->byte_count;
    }

    msg = ofpraw_alloc_stats_reply(request, 0);
    if (request->version >= OFP15_VERSION) {
        struct oxs_stats st = {
            .packet_count = packet_count,
            .byte_count = byte_count,
            .flow_count = stats->flow_count,
            .idle_age = -1,
        };

        put_oxs_stats(msg, &st, true);
        ofpmsg_update_length(msg);
        return msg;
    }
    asr = ofpbuf_put_zeros(msg, sizeof *asr);
    ofp_put_32aligned_be64_host(&asr->packet_count, packet_count);
    ofp_put_32aligned_be64_host(&asr->byte_count, byte_count);
    asr->flow_count = htonl(stats->flow_count);
    ofpmsg_update_length(msg);

    return msg;
}

enum ofperr
ofputil_decode_aggregate_stats_reply(struct ofputil_aggregate_stats *stats,
                                     const struct ofp_header *reply)
{
    const struct ofp_aggregate_stats_reply *asr;
    struct ofpbuf msg;
    enum ofpraw raw;

    ofpbuf_use_const(&msg, reply, ntohs(reply->length));
    raw = ofpraw_pull_assert(&msg);
    if (raw == OFPRAW_OFPST15_AGGREGATE_REPLY) {
        struct oxs_stats st;
        enum ofperr error = pull_oxs_stats(&msg, &st);

        if (error) {
            return error;
        }
        stats->packet_count = st.packet_count;
        stats->byte_count = st.byte_count;
        stats->flow_count = st.flow_count;
        return 0;
    }
    if (raw != OFPRAW_OFPST_AGGREGATE_REPLY
        && raw != OFPRAW_NXST_AGGREGATE_REPLY) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    asr = ofpbuf_try_pull(&msg, sizeof *asr);
    if (!asr) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    stats->packet_count = ofp_get_32aligned_be64_host(&asr->packet_count);
    stats->byte_count = ofp_get_32aligned_be64_host(&asr->byte_count);
    stats->flow_count = ntohl(asr->flow_count);

    return 0;
}

void
ofputil_aggregate_stats_format(struct ds *s,
                               const struct ofputil_aggregate_stats *as)
{
    ds_put_format(s, " packet_count=%"PRIu64, as->packet_count);
    ds_put_format(s, " byte_count=%"PRIu64, as->byte_count);
    ds_put_format(s, " flow_count=%"PRIu32, as->flow_count);
}

enum ofperr
ofputil_aggregate_stats_reply_msg_format(
    struct ds *s, const struct ofp_header *oh,
    const struct ofputil_port_map *port_map OVS_UNUSED,
    const struct ofputil_table_map *table_map OVS_UNUSED,
    int verbosity OVS_UNUSED)
{
    struct ofputil_aggregate_stats as;
    enum ofperr error;

    error = ofputil_decode_aggregate_stats_reply(&as, oh);
    if (!error) {
        ofputil_aggregate_stats_format(s, &as);
    }
    return error;
}


/* Flow removed. */

enum ofperr
ofputil_decode_flow_removed(struct ofputil_flow_removed *fr,
                            const struct ofp_header *oh)
{
    struct ofpbuf b;
    enum ofpraw raw;

    memset(fr, 0, sizeof *fr);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    raw = ofpraw_pull_assert(&b);
    if (raw == OFPRAW_OFPT11_FLOW_REMOVED) {
        const struct ofp11_flow_removed *ofr;
        enum ofperr error;

        ofr = ofpbuf_try_pull(&b, sizeof *ofr);
        if (!ofr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofputil_pull_ofp11_match(&b, NULL, NULL, &fr->match, NULL);
        if (error) {
            return error;
        }

        fr->priority = ntohs(ofr->priority);
        fr->table_id = ofr->table_id;
        fr->cookie = ofr->cookie;
        fr->reason = ofr->reason;
        fr->duration_sec = ntohl(ofr->duration_sec);
        fr->duration_nsec = ntohl(ofr->duration_nsec);
        fr->idle_timeout = ntohs(ofr->idle_timeout);
        fr->hard_timeout = ntohs(ofr->hard_timeout);
        fr->packet_count = be64toh(ofr->packet_count);
        fr->byte_count = be64toh(ofr->byte_count);
    } else if (raw == OFPRAW_OFPT15_FLOW_REMOVED) {
        const struct ofp15_flow_removed *ofr;
        enum ofperr error;

        ofr = ofpbuf_try_pull(&b, sizeof *ofr);
        if (!ofr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofputil_pull_ofp11_match(&b, NULL, NULL, &fr->match, NULL);
        if (error) {
            return error;
        }
        fr->priority = ntohs(ofr->priority);
        fr->table_id = ofr->table_id;
        fr->cookie = ofr->cookie;
        fr->reason = ofr->reason;
        fr->idle_timeout = ntohs(ofr->idle_timeout);
        fr->hard_timeout = ntohs(ofr->hard_timeout);
        struct oxs_stats st;

        error = pull_oxs_stats(&b, &st);
        if (error) {
            return error;
        }
        fr->duration_sec = st.duration_sec;
        fr->duration_nsec = st.duration_nsec;
        fr->packet_count = st.packet_count;
        fr->byte_count = st.byte_count;
    } else if (raw == OFPRAW_OFPT10_FLOW_REMOVED) {
        const struct ofp10_flow_removed *ofr;

        ofr = ofpbuf_try_pull(&b, sizeof *ofr);
        if (!ofr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ofputil_match_from_ofp10_match(&ofr->match, &fr->match);
        fr->priority = ntohs(ofr->priority);
        fr->table_id = 255;
        fr->cookie = ofr->cookie;
        fr->reason = ofr->reason;
        fr->duration_sec = ntohl(ofr->duration_sec);
        fr->duration_nsec = ntohl(ofr->duration_nsec);
        fr->idle_timeout = ntohs(ofr->idle_timeout);
        fr->hard_timeout = 0;
        fr->packet_count = be64toh(ofr->packet_count);
        fr->byte_count = be64toh(ofr->byte_count);
    } else if (raw == OFPRAW_NXT_FLOW_REMOVED) {
        const struct nx_flow_removed *nfr;
        ovs_be64 cookie, cookie_mask;
        enum ofperr error;

        nfr = ofpbuf_try_pull(&b, sizeof *nfr);
        if (!nfr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = nx_pull_match(&b, ntohs(nfr->match_len), &fr->match,
                              &cookie, &cookie_mask, false, NULL, NULL);
        if (error) {
            return error;
        }
        if (b.size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }

        fr->priority = ntohs(nfr->priority);
        fr->table_id = nfr->table_id - 1;
        fr->cookie = nfr->cookie;
        fr->reason = nfr->reason;
        fr->duration_sec = ntohl(nfr->duration_sec);
        fr->duration_nsec = ntohl(nfr->duration_nsec);
        fr->idle_timeout = ntohs(nfr->idle_timeout);
        fr->hard_timeout = 0;
        fr->packet_count = be64toh(nfr->packet_count);
        fr->byte_count = be64toh(nfr->byte_count);
    } else {
        return OFPERR_OFPBRC_BAD_TYPE;
    }

    return 0;
}

struct ofpbuf *
ofputil_encode_flow_removed(const struct ofputil_flow_removed *fr,
                            enum ofputil_protocol protocol)
{
    struct ofpbuf *msg;
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);

    switch (protocol) {
    case OFPUTIL_P_OF15_OXM: {
        struct ofp15_flow_removed *ofr;

        msg = ofpraw_alloc_xid(OFPRAW_OFPT15_FLOW_REMOVED, version, htonl(0),
                               ofputil_match_typical_len(protocol) + 48);
        ofr = ofpbuf_put_zeros(msg, sizeof *ofr);
        ofr->table_id = fr->table_id;
        ofr->reason = fr->reason;
        ofr->priority = htons(fr->priority);
        ofr->idle_timeout = htons(fr->idle_timeout);
        ofr->hard_timeout = htons(fr->hard_timeout);
        ofr->cookie = fr->cookie;
        struct oxs_stats st = {
            .duration_sec = fr->duration_sec,
            .duration_nsec = fr->duration_nsec,
            .packet_count = fr->packet_count,
            .byte_count = fr->byte_count,
            .idle_age = -1,
        };
        ofputil_put_ofp11_match(msg, &fr->match, protocol);
        put_oxs_stats(msg, &st, false);
        break;
    }

    case OFPUTIL_P_OF11_STD:
    case OFPUTIL_P_OF12_OXM:
    case OFPUTIL_P_OF13_OXM:
    case OFPUTIL_P_OF14_OXM: {
        struct ofp11_flow_removed *ofr;

        msg = ofpraw_alloc_xid(OFPRAW_OFPT11_FLOW_REMOVED, version, htonl(0),
                               ofputil_match_typical_len(protocol));
        ofr = ofpbuf_put_zeros(msg, sizeof *ofr);
        ofr->cookie = fr->cookie;
        ofr->priority = htons(fr->priority);
        ofr->reason = fr->reason;
        ofr->table_id = fr->table_id;
        ofr->duration_sec = htonl(fr->duration_sec);
        ofr->duration_nsec = htonl(fr->duration_nsec);
        ofr->idle_timeout = htons(fr->idle_timeout);
        ofr->hard_timeout = htons(fr->hard_timeout);
        ofr->packet_count = htobe64(fr->packet_count);
        ofr->byte_count = htobe64(fr->byte_count);
        ofputil_put_ofp11_match(msg, &fr->match, protocol);
        break;
    }

    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID: {
        struct ofp10_flow_removed *ofr;

        msg = ofpraw_alloc_xid(OFPRAW_OFPT10_FLOW_REMOVED, OFP10_VERSION,
                               htonl(0), 0);
        ofr = ofpbuf_put_zeros(msg, sizeof *ofr);
        ofputil_match_to_ofp10_match(&fr->match, &ofr->match);
        ofr->cookie = fr->cookie;
        ofr->priority = htons(fr->priority);
        ofr->reason = fr->reason;
        ofr->duration_sec = htonl(fr->duration_sec);
        ofr->duration_nsec = htonl(fr->duration_nsec);
        ofr->idle_timeout = htons(fr->idle_timeout);
        ofr->packet_count = htobe64(unknown_to_zero(fr->packet_count));
        ofr->byte_count = htobe64(unknown_to_zero(fr->byte_count));
        break;
    }

    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID: {
        struct nx_flow_removed *nfr;
        int match_len;

        msg = ofpraw_alloc_xid(OFPRAW_NXT_FLOW_REMOVED, OFP10_VERSION,
                               htonl(0), 64);
        ofpbuf_put_zeros(msg, sizeof *nfr);
        match_len = nx_put_match(msg, &fr->match, 0, 0);

        nfr = msg->msg;
        nfr->cookie = fr->cookie;
        nfr->priority = htons(fr->priority);
        nfr->reason = fr->reason;
        nfr->table_id = fr->table_id + 1;
        nfr->duration_sec = htonl(fr->duration_sec);
        nfr->duration_nsec = htonl(fr->duration_nsec);
        nfr->idle_timeout = htons(fr->idle_timeout);
        nfr->match_len = htons(match_len);
        nfr->packet_count = htobe64(fr->packet_count);
        nfr->byte_count = htobe64(fr->byte_count);
        break;
    }

    default:
        OVS_NOT_REACHED();
    }

    ofpmsg_update_length(msg);
    return msg;
}

const char *
ofp_flow_removed_reason_to_string(uint8_t reason, char *reasonbuf,
                                  size_t bufsize)
{
    switch (reason) {
    case OFPRR_IDLE_TIMEOUT:
        return "idle";
    case OFPRR_HARD_TIMEOUT:
        return "hard";
    case OFPRR_DELETE:
        return "delete";
    case OFPRR_GROUP_DELETE:
        return "group_delete";
    case OFPRR_EVICTION:
        return "eviction";
    case OFPRR_METER_DELETE:
        return "meter_delete";
    default:
        snprintf(reasonbuf, bufsize, "%d", (int) reason);
        return reasonbuf;
    }
}

void
ofputil_flow_removed_format(struct ds *string,
                            const struct ofputil_flow_removed *fr,
                            const struct ofputil_port_map *port_map,
                            const struct ofputil_table_map *table_map)
{
    char reasonbuf[16];

    ds_put_char(string, ' ');
    match_format(&fr->match, port_map, string, fr->priority);

    ds_put_format(string, " reason=%s",
                  ofp_flow_removed_reason_to_string(fr->reason, reasonbuf,
                                                    sizeof reasonbuf));

    if (fr->table_id != 255) {
        ds_put_cstr(string, " table_id=");
        ofputil_format_table(fr->table_id, table_map, string);
    }

    if (fr->cookie != htobe64(0)) {
        ds_put_format(string, " cookie:0x%"PRIx64, be64toh(fr->cookie));
    }
    ds_put_cstr(string, " duration");
    format_duration(string, fr->duration_sec, fr->duration_nsec);
    ds_put_format(string, " idle%"PRIu16, fr->idle_timeout);
    if (fr->hard_timeout) {
        /* The hard timeout was only added in OF1.2, so only print it if it
         * is actually in use to avoid gratuitous change to the formatting. */
        ds_put_format(string, " hard%"PRIu16, fr->hard_timeout);
    }
    ds_put_format(string, " pkts%"PRIu64" bytes%"PRIu64"\n",
                  fr->packet_count, fr->byte_count);
}

enum ofperr
ofputil_flow_removed_msg_format(struct ds *string,
                                const struct ofp_header *oh,
                                const struct ofputil_port_map *port_map,
                                const struct ofputil_table_map *table_map,
                                int verbosity OVS_UNUSED)
{
    struct ofputil_flow_removed fr;
    enum ofperr error;

    error = ofputil_decode_flow_removed(&fr, oh);
    if (!error) {
        ofputil_flow_removed_format(string, &fr, port_map, table_map);
        /* ofp-print ends the message itself. */
        if (ds_last_char(string) == '\n') {
            string->length--;
            string->string[string->length] = '\0';
        }
    }
    return error;
}

/* NXT_FLOW_MOD_TABLE_ID. */

struct ofpbuf *
ofputil_encode_nx_flow_mod_table_id(bool enable)
{
    struct nx_flow_mod_table_id *nfmti;
    struct ofpbuf *msg;

    msg = ofpraw_alloc(OFPRAW_NXT_FLOW_MOD_TABLE_ID, OFP10_VERSION, 0);
    nfmti = ofpbuf_put_zeros(msg, sizeof *nfmti);
    nfmti->set = enable;
    return msg;
}

bool
ofputil_decode_nx_flow_mod_table_id(const struct ofp_header *oh)
{
    const struct nx_flow_mod_table_id *nfmti = ofpmsg_body(oh);

    return nfmti->set != 0;
}

enum ofperr
ofputil_flow_mod_table_id_msg_format(
    struct ds *string, const struct ofp_header *oh,
    const struct ofputil_port_map *port_map OVS_UNUSED,
    const struct ofputil_table_map *table_map OVS_UNUSED,
    int verbosity OVS_UNUSED)
{
    if (ntohs(oh->length) < 16 + sizeof(struct nx_flow_mod_table_id)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ds_put_format(string, " %s",
                  ofputil_decode_nx_flow_mod_table_id(oh)
                  ? "enable" : "disable");
    return 0;
}
