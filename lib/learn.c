/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "learn.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "match.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-parse.h"
#include "openvswitch/ofp-table.h"
#include "openvswitch/util.h"

#ifndef OFP_DEFAULT_PRIORITY
#define OFP_DEFAULT_PRIORITY 0x8000
#endif

/* Checks that 'sf' names bits that exist in its field. */
static enum ofperr
learn_check_bounds(const struct mf_subfield *sf)
{
    if (!sf->field || !sf->n_bits
        || sf->ofs + sf->n_bits > sf->field->n_bits) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

enum ofperr
learn_check(const struct ofpact_learn *learn, const struct match *match)
{
    const struct ofpact_learn_spec *spec;
    struct match learned;

    /* 'learned' accumulates the match of the flow to be learned, so that
     * each spec's destination can be checked against the specs before it
     * (as "eth_type=0x800" must come before "NXM_OF_IP_SRC[]"). */
    match_init_catchall(&learned);

    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        enum ofperr error = mf_check_dst(&learn->result_dst, match);

        if (error) {
            return error;
        }
    }
    OFPACT_LEARN_SPEC_FOR_EACH (spec, learn) {
        enum ofperr error;

        if (spec->src_type == NX_LEARN_SRC_FIELD) {
            error = mf_check_src(&spec->src, match);
            if (error) {
                return error;
            }
        }
        switch (spec->dst_type) {
        case NX_LEARN_DST_MATCH:
            error = learn_check_bounds(&spec->dst);
            if (!error && match) {
                union mf_subvalue value;

                if (!mf_are_match_prereqs_ok(spec->dst.field, &learned)) {
                    return OFPERR_OFPBAC_MATCH_INCONSISTENT;
                }
                /* A field source's value is unknown until the learn
                 * action runs, so only an immediate value can satisfy
                 * the prerequisites of later specs. */
                memset(&value, 0, sizeof value);
                if (spec->src_type == NX_LEARN_SRC_IMMEDIATE) {
                    size_t n = DIV_ROUND_UP(spec->n_bits, 8);

                    memcpy(&value.u8[sizeof value.u8 - n],
                           ofpact_learn_spec_imm(spec), n);
                }
                mf_write_subfield(&spec->dst, &value, &learned);
            }
            break;
        case NX_LEARN_DST_LOAD:
            error = learn_check_bounds(&spec->dst);
            if (!error && !spec->dst.field->writable) {
                error = OFPERR_OFPBAC_BAD_ARGUMENT;
            }
            break;
        default:
            error = 0;
            break;
        }
        if (error) {
            return error;
        }
    }
    return 0;
}

/* Appends a spec to 'ofpacts' and returns its offset. */
static size_t
learn_put_spec(struct ofpbuf *ofpacts, const struct mf_subfield *src,
               const struct mf_subfield *dst, uint16_t src_type,
               uint16_t dst_type, unsigned int n_bits, const uint8_t *imm,
               size_t imm_len)
{
    size_t ofs = ofpacts->size;
    struct ofpact_learn_spec *spec = ofpbuf_put_zeros(ofpacts, sizeof *spec);

    if (src) {
        spec->src = *src;
    }
    if (dst) {
        spec->dst = *dst;
    }
    spec->src_type = src_type;
    spec->dst_type = dst_type;
    spec->n_bits = n_bits;
    if (imm) {
        ofpbuf_put(ofpacts, imm, imm_len);
    }
    ofpact_pad(ofpacts);
    return ofs;
}

/* Parses one spec "name[=value]" into 'ofpacts'. */
static char * OVS_WARN_UNUSED_RESULT
learn_parse_spec(const char *orig, char *name, char *value,
                 const struct ofputil_port_map *port_map,
                 struct ofpbuf *ofpacts)
{
    const struct mf_field *dst_field = mf_from_name(name);
    char *error;

    if (dst_field && value) {
        /* FIELD=VALUE: match on an immediate value. */
        union mf_value imm;
        struct mf_subfield dst;
        size_t n_bytes = DIV_ROUND_UP(dst_field->n_bits, 8);

        error = mf_parse_value(dst_field, value, port_map, &imm);
        if (error) {
            return error;
        }
        dst.field = dst_field;
        dst.ofs = 0;
        dst.n_bits = dst_field->n_bits;
        learn_put_spec(ofpacts, NULL, &dst, NX_LEARN_SRC_IMMEDIATE,
                       NX_LEARN_DST_MATCH, dst_field->n_bits,
                       imm.b + dst_field->n_bytes - n_bytes, n_bytes);
    } else if (strchr(name, '[')) {
        /* DST[..]=SRC[..] or DST[..]. */
        struct mf_subfield dst, src;

        error = mf_parse_subfield(&dst, name);
        if (error) {
            return error;
        }
        if (value && value[0] && !strchr(value, '[')) {
            /* DST[..]=VALUE: match on an immediate value. */
            uint8_t imm[128];
            size_t n_bytes = DIV_ROUND_UP(dst.n_bits, 8);

            error = ofp_parse_big_number(value, imm, sizeof imm,
                                         "bad value");
            if (error) {
                return error;
            }
            for (unsigned int i = dst.n_bits; i < sizeof imm * 8; i++) {
                if (imm[sizeof imm - 1 - i / 8] & (1u << (i % 8))) {
                    return xasprintf("%s: value %s does not fit into %u "
                                     "bits", orig, value, dst.n_bits);
                }
            }
            learn_put_spec(ofpacts, NULL, &dst, NX_LEARN_SRC_IMMEDIATE,
                           NX_LEARN_DST_MATCH, dst.n_bits,
                           imm + sizeof imm - n_bytes, n_bytes);
            return NULL;
        } else if (value && value[0]) {
            error = mf_parse_subfield(&src, value);
            if (error) {
                return error;
            }
            if (src.n_bits != dst.n_bits) {
                return xasprintf("%s: bit widths of %s (%u) and %s (%u) "
                                 "differ", orig, name, dst.n_bits, value,
                                 src.n_bits);
            }
        } else {
            src = dst;
        }
        learn_put_spec(ofpacts, &src, &dst, NX_LEARN_SRC_FIELD,
                       NX_LEARN_DST_MATCH, src.n_bits, NULL, 0);
    } else if (!strcmp(name, "load")) {
        struct mf_subfield dst;
        char *arrow = value ? strstr(value, "->") : NULL;

        if (!arrow) {
            return xasprintf("%s: missing `->' in `%s'", name,
                             value ? value : "");
        }
        *arrow = '\0';
        error = mf_parse_subfield(&dst, arrow + 2);
        if (error) {
            return error;
        }
        if (strchr(value, '[')) {
            struct mf_subfield src;

            error = mf_parse_subfield(&src, value);
            if (error) {
                return error;
            }
            if (src.n_bits != dst.n_bits) {
                return xasprintf("%s: bit widths of %s (%u) and %s (%u) "
                                 "differ", orig, value, src.n_bits,
                                 arrow + 2, dst.n_bits);
            }
            learn_put_spec(ofpacts, &src, &dst, NX_LEARN_SRC_FIELD,
                           NX_LEARN_DST_LOAD, src.n_bits, NULL, 0);
        } else {
            uint8_t imm[128];
            size_t n_bytes = DIV_ROUND_UP(dst.n_bits, 8);

            error = ofp_parse_big_number(value, imm, sizeof imm,
                                         "bad value");
            if (error) {
                return error;
            }
            for (unsigned int i = dst.n_bits; i < sizeof imm * 8; i++) {
                if (imm[sizeof imm - 1 - i / 8] & (1u << (i % 8))) {
                    return xasprintf("%s: value %s does not fit into %u "
                                     "bits", orig, value, dst.n_bits);
                }
            }
            learn_put_spec(ofpacts, NULL, &dst, NX_LEARN_SRC_IMMEDIATE,
                           NX_LEARN_DST_LOAD, dst.n_bits,
                           imm + sizeof imm - n_bytes, n_bytes);
        }
    } else if (!strcmp(name, "output")) {
        struct mf_subfield src;

        error = mf_parse_subfield(&src, value ? value : "");
        if (error) {
            return error;
        }
        learn_put_spec(ofpacts, &src, NULL, NX_LEARN_SRC_FIELD,
                       NX_LEARN_DST_OUTPUT, src.n_bits, NULL, 0);
    } else {
        return xasprintf("%s: unknown keyword %s", orig, name);
    }
    return NULL;
}

/* Parses 'arg' (modified) as the argument of "learn". */
static char * OVS_WARN_UNUSED_RESULT
learn_parse__(char *orig, char *arg, const struct ofputil_port_map *port_map,
              const struct ofputil_table_map *table_map,
              struct ofpbuf *ofpacts)
{
    size_t start = ofpacts->size;
    struct ofpact_learn *learn;
    char *name, *value;

    learn = ofpact_put_LEARN(ofpacts);
    learn->idle_timeout = 0;
    learn->hard_timeout = 0;
    learn->priority = OFP_DEFAULT_PRIORITY;
    learn->table_id = 1;

    while (ofputil_parse_key_value(&arg, &name, &value)) {
        char *error = NULL;

        learn = ofpbuf_at_assert(ofpacts, start, sizeof *learn);
        if (!strcmp(name, "table")) {
            if (!ofputil_table_from_string(value, table_map,
                                           &learn->table_id)) {
                error = xasprintf("unknown table \"%s\"", value);
            } else if (learn->table_id == 255) {
                error = xasprintf("%s: table id 255 not valid for `learn' "
                                  "action", orig);
            }
        } else if (!strcmp(name, "priority")) {
            error = str_to_u16(value, "priority", &learn->priority);
        } else if (!strcmp(name, "idle_timeout")) {
            error = str_to_u16(value, "idle_timeout", &learn->idle_timeout);
        } else if (!strcmp(name, "hard_timeout")) {
            error = str_to_u16(value, "hard_timeout", &learn->hard_timeout);
        } else if (!strcmp(name, "fin_idle_timeout")) {
            error = str_to_u16(value, "fin_idle_timeout",
                               &learn->fin_idle_timeout);
        } else if (!strcmp(name, "fin_hard_timeout")) {
            error = str_to_u16(value, "fin_hard_timeout",
                               &learn->fin_hard_timeout);
        } else if (!strcmp(name, "cookie")) {
            error = str_to_be64(value, &learn->cookie);
        } else if (!strcmp(name, "send_flow_rem")) {
            learn->flags |= NX_LEARN_F_SEND_FLOW_REM;
        } else if (!strcmp(name, "delete_learned")) {
            learn->flags |= NX_LEARN_F_DELETE_LEARNED;
        } else if (!strcmp(name, "limit")) {
            error = str_to_u32(value, &learn->limit);
        } else if (!strcmp(name, "result_dst")) {
            struct mf_subfield dst;

            error = mf_parse_subfield(&dst, value);
            if (!error) {
                if (!dst.field->writable) {
                    error = xasprintf("%s is read-only", value);
                } else if (dst.n_bits != 1) {
                    error = xstrdup("result_dst in 'learn' action must be a "
                                    "single bit");
                } else {
                    learn->flags |= NX_LEARN_F_WRITE_RESULT;
                    learn->result_dst = dst;
                    learn->result_dst_ofs = dst.ofs;
                }
            }
        } else {
            error = learn_parse_spec(orig, name, value[0] ? value : NULL,
                                     port_map, ofpacts);
        }
        if (error) {
            return error;
        }
    }
    learn = ofpbuf_at_assert(ofpacts, start, sizeof *learn);
    ofpacts->header = learn;
    ofpact_finish_LEARN(ofpacts, &learn);
    return NULL;
}

char *
learn_parse(char *arg, const struct ofputil_port_map *port_map,
            const struct ofputil_table_map *table_map,
            struct ofpbuf *ofpacts)
{
    char *orig = xstrdup(arg);
    char *error = learn_parse__(orig, arg, port_map, table_map, ofpacts);

    free(orig);
    return error;
}

/* Appends the immediate value of 'spec' as a hexadecimal number. */
static void
learn_format_imm(const struct ofpact_learn_spec *spec, struct ds *s)
{
    union mf_subvalue sv;
    size_t n = DIV_ROUND_UP(spec->n_bits, 8);

    memset(&sv, 0, sizeof sv);
    memcpy(&sv.u8[sizeof sv.u8 - n], ofpact_learn_spec_imm(spec), n);
    mf_format_subvalue(&sv, s);
}

void
learn_format(const struct ofpact_learn *learn,
             const struct ofputil_port_map *port_map,
             const struct ofputil_table_map *table_map OVS_UNUSED,
             struct ds *s)
{
    const struct ofpact_learn_spec *spec;

    ds_put_format(s, "learn(table=%"PRIu8, learn->table_id);
    if (learn->idle_timeout) {
        ds_put_format(s, ",idle_timeout=%"PRIu16, learn->idle_timeout);
    }
    if (learn->hard_timeout) {
        ds_put_format(s, ",hard_timeout=%"PRIu16, learn->hard_timeout);
    }
    if (learn->fin_idle_timeout) {
        ds_put_format(s, ",fin_idle_timeout=%"PRIu16,
                      learn->fin_idle_timeout);
    }
    if (learn->fin_hard_timeout) {
        ds_put_format(s, ",fin_hard_timeout=%"PRIu16,
                      learn->fin_hard_timeout);
    }
    if (learn->priority != OFP_DEFAULT_PRIORITY) {
        ds_put_format(s, ",priority=%"PRIu16, learn->priority);
    }
    if (learn->flags & NX_LEARN_F_SEND_FLOW_REM) {
        ds_put_cstr(s, ",send_flow_rem");
    }
    if (learn->flags & NX_LEARN_F_DELETE_LEARNED) {
        ds_put_cstr(s, ",delete_learned");
    }
    if (learn->cookie != 0) {
        ds_put_format(s, ",cookie=%#"PRIx64, be64toh(learn->cookie));
    }
    if (learn->limit != 0) {
        ds_put_format(s, ",limit=%"PRIu32, learn->limit);
    }
    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        ds_put_cstr(s, ",result_dst=");
        mf_format_subfield(&learn->result_dst, s);
    }

    OFPACT_LEARN_SPEC_FOR_EACH (spec, learn) {
        ds_put_char(s, ',');
        switch (spec->src_type | spec->dst_type) {
        case NX_LEARN_SRC_IMMEDIATE | NX_LEARN_DST_MATCH:
            if (spec->dst.ofs == 0
                && spec->dst.n_bits == spec->dst.field->n_bits) {
                union mf_value value;
                size_t n = DIV_ROUND_UP(spec->n_bits, 8);
                size_t nb = spec->dst.field->n_bytes;

                memset(&value, 0, sizeof value);
                memcpy(&value.b[nb - n], ofpact_learn_spec_imm(spec), n);
                ds_put_format(s, "%s=", spec->dst.field->name);
                mf_format(spec->dst.field, &value, NULL, port_map, s);
            } else {
                mf_format_subfield(&spec->dst, s);
                ds_put_char(s, '=');
                learn_format_imm(spec, s);
            }
            break;

        case NX_LEARN_SRC_FIELD | NX_LEARN_DST_MATCH:
            mf_format_subfield(&spec->dst, s);
            if (spec->src.field != spec->dst.field
                || spec->src.ofs != spec->dst.ofs) {
                ds_put_char(s, '=');
                mf_format_subfield(&spec->src, s);
            }
            break;

        case NX_LEARN_SRC_IMMEDIATE | NX_LEARN_DST_LOAD:
            ds_put_cstr(s, "load:");
            learn_format_imm(spec, s);
            ds_put_cstr(s, "->");
            mf_format_subfield(&spec->dst, s);
            break;

        case NX_LEARN_SRC_FIELD | NX_LEARN_DST_LOAD:
            ds_put_cstr(s, "load:");
            mf_format_subfield(&spec->src, s);
            ds_put_cstr(s, "->");
            mf_format_subfield(&spec->dst, s);
            break;

        case NX_LEARN_SRC_FIELD | NX_LEARN_DST_OUTPUT:
            ds_put_cstr(s, "output:");
            mf_format_subfield(&spec->src, s);
            break;
        }
    }
    ds_put_char(s, ')');
}
