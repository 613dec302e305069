/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* OpenFlow 1.3+ meters.  See include/openvswitch/ofp-meter.h. */

#include <config.h>
#include "openvswitch/ofp-meter.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-parse.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"
#include "unaligned.h"

VLOG_DEFINE_THIS_MODULE(ofp_meter);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Appends "meter=ID" for 'meter_id' to 's', preceded by 'separator'
 * unless it is 0 ("meter=all", "meter=controller", "meter=slowpath" for
 * the reserved meters). */
void
ofputil_format_meter_id(struct ds *s, uint32_t meter_id, char separator)
{
    if (meter_id <= OFPM13_MAX) {
        ds_put_format(s, "meter%c%"PRIu32, separator, meter_id);
    } else {
        const char *name;
        switch (meter_id) {
        case OFPM13_SLOWPATH:
            name = "slowpath";
            break;
        case OFPM13_CONTROLLER:
            name = "controller";
            break;
        case OFPM13_ALL:
            name = "all";
            break;
        default:
            name = "unknown";
        }
        ds_put_format(s, "meter%c%s", separator, name);
    }
}

/* Appends 'mb' to 's' as "type=drop rate=N [burst_size=N]". */
void
ofputil_format_meter_band(struct ds *s, enum ofp13_meter_flags flags,
                          const struct ofputil_meter_band *mb)
{
    ds_put_cstr(s, "type=");
    switch (mb->type) {
    case OFPMBT13_DROP:
        ds_put_cstr(s, "drop");
        break;
    case OFPMBT13_DSCP_REMARK:
        ds_put_cstr(s, "dscp_remark");
        break;
    default:
        ds_put_format(s, "%u", mb->type);
    }

    ds_put_format(s, " rate=%"PRIu32, mb->rate);

    if (flags & OFPMF13_BURST) {
        ds_put_format(s, " burst_size=%"PRIu32, mb->burst_size);
    }
    if (mb->type == OFPMBT13_DSCP_REMARK) {
        ds_put_format(s, " prec_level=%"PRIu8, mb->prec_level);
    }
}

/* Appends the names of the OFPMF13_* bits in 'flags' to 's', each followed
 * by a space. */
static void
format_meter_flags(struct ds *s, uint16_t flags)
{
    if (flags & OFPMF13_KBPS) {
        ds_put_cstr(s, "kbps ");
    }
    if (flags & OFPMF13_PKTPS) {
        ds_put_cstr(s, "pktps ");
    }
    if (flags & OFPMF13_BURST) {
        ds_put_cstr(s, "burst ");
    }
    if (flags & OFPMF13_STATS) {
        ds_put_cstr(s, "stats ");
    }
    flags &= ~(OFPMF13_KBPS | OFPMF13_PKTPS | OFPMF13_BURST | OFPMF13_STATS);
    if (flags) {
        ds_put_format(s, "flags:0x%"PRIx16" ", flags);
    }
}

/* Appends 'mc' to 's' as "meter=1 kbps burst bands=" followed by one line
 * per band, each starting with a new-line. */
void
ofputil_format_meter_config(struct ds *s,
                            const struct ofputil_meter_config *mc)
{
    ofputil_format_meter_id(s, mc->meter_id, '=');
    ds_put_char(s, ' ');
    format_meter_flags(s, mc->flags);
    ds_put_cstr(s, "bands=");
    for (uint16_t i = 0; i < mc->n_bands; i++) {
        ds_put_char(s, '\n');
        ofputil_format_meter_band(s, mc->flags, &mc->bands[i]);
    }
}

/* Bands. */

/* Pulls 'len' bytes of meter bands from 'msg' and appends them to 'bands'
 * as struct ofputil_meter_band, storing their number in '*n_bands' and
 * their flags-check in 'flags'. */
static enum ofperr
pull_bands(struct ofpbuf *msg, size_t len, uint16_t *n_bands,
           struct ofpbuf *bands)
{
    const struct ofp13_meter_band_header *ombh;
    uint16_t n = 0;

    ombh = ofpbuf_try_pull(msg, len);
    if (!ombh) {
        return OFPERR_OFPBRC_BAD_LEN;
    }

    while (len >= sizeof (struct ofp13_meter_band_drop)) {
        size_t ombh_len = ntohs(ombh->len);
        struct ofputil_meter_band *mb;

        /* All supported band types have the same length. */
        if (ombh_len != sizeof (struct ofp13_meter_band_drop)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        mb = ofpbuf_put_uninit(bands, sizeof *mb);
        mb->type = ntohs(ombh->type);
        if (mb->type != OFPMBT13_DROP && mb->type != OFPMBT13_DSCP_REMARK) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        mb->rate = ntohl(ombh->rate);
        mb->burst_size = ntohl(ombh->burst_size);
        mb->prec_level = (mb->type == OFPMBT13_DSCP_REMARK
                          ? ((const struct ofp13_meter_band_dscp_remark *)
                             ombh)->prec_level
                          : 0);
        n++;
        len -= ombh_len;
        ombh = (const struct ofp13_meter_band_header *)
               ((const uint8_t *) ombh + ombh_len);
    }
    if (len) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    *n_bands = n;
    return 0;
}

/* Appends the 'n_bands' bands 'mb' to 'msg'. */
static void
put_bands(struct ofpbuf *msg, uint16_t n_bands,
          const struct ofputil_meter_band *mb)
{
    for (uint16_t n = 0; n < n_bands; n++, mb++) {
        struct ofp13_meter_band_dscp_remark *ombh;

        ombh = ofpbuf_put_zeros(msg, sizeof *ombh);
        ombh->type = htons(mb->type);
        ombh->len = htons(sizeof *ombh);
        ombh->rate = htonl(mb->rate);
        ombh->burst_size = htonl(mb->burst_size);
        ombh->prec_level = mb->prec_level;
    }
}

/* Meter mods. */

/* Decodes the meter mod 'oh' into 'mm', storing its bands in 'bands'
 * (which the caller initialized); mm->meter.bands points into 'bands'. */
enum ofperr
ofputil_decode_meter_mod(const struct ofp_header *oh,
                         struct ofputil_meter_mod *mm,
                         struct ofpbuf *bands)
{
    const struct ofp13_meter_mod *omm;
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    omm = ofpbuf_pull(&b, sizeof *omm);

    /* Translate the message. */
    mm->command = ntohs(omm->command);
    if (mm->command != OFPMC13_ADD &&
        mm->command != OFPMC13_MODIFY &&
        mm->command != OFPMC13_DELETE) {
        return OFPERR_OFPMMFC_BAD_COMMAND;
    }
    mm->meter.meter_id = ntohl(omm->meter_id);

    if (mm->command == OFPMC13_DELETE) {
        mm->meter.flags = 0;
        mm->meter.n_bands = 0;
        mm->meter.bands = NULL;
    } else {
        enum ofperr error;

        mm->meter.flags = ntohs(omm->flags);
        if (mm->meter.flags & OFPMF13_KBPS &&
            mm->meter.flags & OFPMF13_PKTPS) {
            return OFPERR_OFPMMFC_BAD_FLAGS;
        }

        error = pull_bands(&b, b.size, &mm->meter.n_bands, bands);
        if (error) {
            return error;
        }
        mm->meter.bands = bands->data;
    }
    return 0;
}

/* Returns a new meter mod message for 'mm' in 'ofp_version'. */
struct ofpbuf *
ofputil_encode_meter_mod(enum ofp_version ofp_version,
                         const struct ofputil_meter_mod *mm)
{
    struct ofp13_meter_mod *omm;
    struct ofpbuf *msg;

    msg = ofpraw_alloc(OFPRAW_OFPT13_METER_MOD, ofp_version,
                       mm->meter.n_bands
                       * sizeof(struct ofp13_meter_band_drop));
    omm = ofpbuf_put_zeros(msg, sizeof *omm);
    omm->command = htons(mm->command);
    if (mm->command != OFPMC13_DELETE) {
        omm->flags = htons(mm->meter.flags);
    }
    omm->meter_id = htonl(mm->meter.meter_id);

    put_bands(msg, mm->meter.n_bands, mm->meter.bands);

    ofpmsg_update_length(msg);
    return msg;
}

/* Formats the meter mod 'oh' for ofp-print: " ADD meter=1 kbps bands=...".
 */
enum ofperr
ofputil_meter_mod_format(struct ds *s, const struct ofp_header *oh)
{
    struct ofputil_meter_mod mm;
    struct ofpbuf bands;
    enum ofperr error;

    ofpbuf_init(&bands, 64);
    error = ofputil_decode_meter_mod(oh, &mm, &bands);
    if (error) {
        ofpbuf_uninit(&bands);
        return error;
    }

    switch (mm.command) {
    case OFPMC13_ADD:
        ds_put_cstr(s, " ADD ");
        break;
    case OFPMC13_MODIFY:
        ds_put_cstr(s, " MOD ");
        break;
    case OFPMC13_DELETE:
        ds_put_cstr(s, " DEL ");
        break;
    default:
        ds_put_format(s, " cmd:%d ", mm.command);
    }

    ofputil_format_meter_config(s, &mm.meter);
    ofpbuf_uninit(&bands);
    return 0;
}

/* Text syntax. */

/* Parses "meter=ID" values: a number from 1 to OFPM13_MAX or "all",
 * "controller", "slowpath". */
static char * OVS_WARN_UNUSED_RESULT
parse_meter_id(const char *value, uint32_t *meter_id)
{
    char *error;

    if (!strcmp(value, "all")) {
        *meter_id = OFPM13_ALL;
    } else if (!strcmp(value, "controller")) {
        *meter_id = OFPM13_CONTROLLER;
    } else if (!strcmp(value, "slowpath")) {
        *meter_id = OFPM13_SLOWPATH;
    } else {
        error = str_to_u32(value, meter_id);
        if (error) {
            return error;
        }
        if (*meter_id == 0 || *meter_id > OFPM13_MAX) {
            return xstrdup("invalid value for meter");
        }
    }
    return NULL;
}

/* Parses the band list 'string' (the text after "band=" or "bands=") into
 * 'bands', with the meter's 'flags'. */
static char * OVS_WARN_UNUSED_RESULT
parse_meter_bands(char *string, uint16_t flags, struct ofpbuf *bands,
                  uint16_t *n_bands)
{
    struct ofputil_meter_band *band = NULL;
    char *name, *value;

    *n_bands = 0;
    while (ofputil_parse_key_value(&string, &name, &value)) {
        char *error = NULL;

        if (!*value) {
            return xasprintf("field %s missing value", name);
        }

        if (!strcmp(name, "type")) {
            /* Start a new band. */
            band = ofpbuf_put_zeros(bands, sizeof *band);
            (*n_bands)++;

            if (!strcmp(value, "drop")) {
                band->type = OFPMBT13_DROP;
            } else if (!strcmp(value, "dscp_remark")) {
                band->type = OFPMBT13_DSCP_REMARK;
            } else {
                return xasprintf("field %s unknown value %s", name, value);
            }
            /* Mark 'rate' as not yet set. */
            band->rate = UINT32_MAX;
            band->burst_size = UINT32_MAX;
        } else if (!band) {
            return xstrdup("band must start with the 'type' keyword");
        } else if (!strcmp(name, "rate")) {
            error = str_to_u32(value, &band->rate);
        } else if (!strcmp(name, "burst_size")) {
            error = str_to_u32(value, &band->burst_size);
        } else if (!strcmp(name, "prec_level")) {
            error = str_to_u8(value, name, &band->prec_level);
        } else {
            return xasprintf("unknown keyword %s", name);
        }
        if (error) {
            return error;
        }
    }

    if (!*n_bands) {
        return xstrdup("meter must have bands");
    }

    /* Check the bands. */
    struct ofputil_meter_band *b = bands->data;
    for (uint16_t i = 0; i < *n_bands; i++, b++) {
        if (b->rate == UINT32_MAX) {
            return xstrdup("band must have 'rate'");
        }
        if (flags & OFPMF13_BURST) {
            if (b->burst_size == UINT32_MAX) {
                b->burst_size = 0;
            }
        } else if (b->burst_size != UINT32_MAX) {
            return xstrdup("band may have 'burst_size' only when 'burst' "
                           "flag is set");
        } else {
            b->burst_size = 0;
        }
    }
    return NULL;
}

/* The body of parse_ofp_meter_mod_str(); modifies 'string'. */
static char * OVS_WARN_UNUSED_RESULT
parse_ofp_meter_mod_str__(struct ofputil_meter_mod *mm, char *string,
                          struct ofpbuf *bands, int command,
                          enum ofputil_protocol *usable_protocols)
{
    enum {
        F_METER = 1 << 0,
        F_FLAGS = 1 << 1,
        F_BANDS = 1 << 2,
    } fields;
    char *band_str = NULL;
    char *name, *value;

    /* Meters require at least OF 1.3. */
    *usable_protocols = OFPUTIL_P_OF13_UP;

    switch (command) {
    case -1:
        fields = F_METER;
        break;
    case OFPMC13_ADD:
        fields = F_METER | F_FLAGS | F_BANDS;
        break;
    case OFPMC13_DELETE:
        fields = F_METER;
        break;
    case OFPMC13_MODIFY:
        fields = F_METER | F_FLAGS | F_BANDS;
        break;
    default:
        OVS_NOT_REACHED();
    }

    mm->command = command;
    mm->meter.meter_id = 0;
    mm->meter.flags = 0;
    mm->meter.n_bands = 0;
    mm->meter.bands = NULL;

    if (fields & F_BANDS) {
        band_str = strstr(string, "band");
        if (!band_str) {
            return xstrdup("must specify bands");
        }
        *band_str = '\0';

        band_str = strchr(band_str + 1, '=');
        if (!band_str) {
            return xstrdup("must specify bands");
        }
        band_str++;
    }

    while (ofputil_parse_key_value(&string, &name, &value)) {
        if (fields & F_FLAGS && !strcmp(name, "kbps")) {
            mm->meter.flags |= OFPMF13_KBPS;
        } else if (fields & F_FLAGS && !strcmp(name, "pktps")) {
            mm->meter.flags |= OFPMF13_PKTPS;
        } else if (fields & F_FLAGS && !strcmp(name, "burst")) {
            mm->meter.flags |= OFPMF13_BURST;
        } else if (fields & F_FLAGS && !strcmp(name, "stats")) {
            mm->meter.flags |= OFPMF13_STATS;
        } else if (!*value) {
            return xasprintf("field %s missing value", name);
        } else if (!strcmp(name, "meter")) {
            char *error = parse_meter_id(value, &mm->meter.meter_id);
            if (error) {
                return error;
            }
        } else {
            return xasprintf("unknown keyword %s", name);
        }
    }

    if (fields & F_METER && !mm->meter.meter_id) {
        return xstrdup("must specify 'meter'");
    }
    if (fields & F_FLAGS && !mm->meter.flags) {
        return xstrdup("meter must specify either 'kbps' or 'pktps'");
    }

    if (fields & F_BANDS) {
        char *error = parse_meter_bands(band_str, mm->meter.flags, bands,
                                        &mm->meter.n_bands);
        if (error) {
            return error;
        }
        mm->meter.bands = bands->data;
    }
    return NULL;
}

/* Parses 'str_' as a meter (ovs-ofctl add-meter syntax).  See
 * ofp-meter.h. */
char *
parse_ofp_meter_mod_str(struct ofputil_meter_mod *mm, const char *str_,
                        int command, enum ofputil_protocol *usable_protocols)
{
    struct ofpbuf bands;
    char *string;
    char *error;

    ofpbuf_init(&bands, 64);
    string = xstrdup(str_ ? str_ : "");
    error = parse_ofp_meter_mod_str__(mm, string, &bands, command,
                                      usable_protocols);
    free(string);
    if (error || !mm->meter.n_bands) {
        mm->meter.bands = NULL;
        ofpbuf_uninit(&bands);
    } else {
        mm->meter.bands = ofpbuf_steal_data(&bands);
    }
    return error;
}

/* Meter config. */

/* Appends 'mc' to the multipart reply 'replies'. */
void
ofputil_append_meter_config(struct ovs_list *replies,
                            const struct ofputil_meter_config *mc)
{
    struct ofpbuf *msg = ofpmp_reserve(replies, 8);
    size_t start_ofs = msg->size;
    struct ofp13_meter_config *reply;

    ofpbuf_put_uninit(msg, sizeof *reply);
    put_bands(msg, mc->n_bands, mc->bands);

    reply = ofpbuf_at_assert(msg, start_ofs, sizeof *reply);
    reply->flags = htons(mc->flags);
    reply->meter_id = htonl(mc->meter_id);
    reply->length = htons(msg->size - start_ofs);

    ofpmp_postappend(replies, start_ofs);
}

/* Pulls the next meter config from 'msg'. */
int
ofputil_decode_meter_config(struct ofpbuf *msg,
                            struct ofputil_meter_config *mc,
                            struct ofpbuf *bands)
{
    const struct ofp13_meter_config *omc;
    enum ofperr err;

    /* Pull OpenFlow headers for the first call. */
    if (!msg->header) {
        ofpraw_pull_assert(msg);
    }

    if (!msg->size) {
        return EOF;
    }

    omc = ofpbuf_try_pull(msg, sizeof *omc);
    if (!omc) {
        VLOG_WARN_RL(&rl, "OFPMP_METER_CONFIG reply has %"PRIu32" leftover "
                     "bytes at end", msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }

    ofpbuf_clear(bands);
    size_t len = ntohs(omc->length);
    if (len < sizeof *omc) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    err = pull_bands(msg, len - sizeof *omc, &mc->n_bands, bands);
    if (err) {
        return err;
    }
    mc->meter_id = ntohl(omc->meter_id);
    mc->flags = ntohs(omc->flags);
    mc->bands = bands->data;

    return 0;
}

/* Meter stats. */

/* Appends 'ms' to the multipart reply 'replies'. */
void
ofputil_append_meter_stats(struct ovs_list *replies,
                           const struct ofputil_meter_stats *ms)
{
    size_t len = sizeof(struct ofp13_meter_stats)
                 + ms->n_bands * sizeof(struct ofp13_meter_band_stats);
    struct ofp13_meter_stats *reply = ofpmp_append(replies, len);
    uint8_t *p = (uint8_t *) (reply + 1);

    memset(reply, 0, len);
    reply->meter_id = htonl(ms->meter_id);
    reply->len = htons(len);
    reply->flow_count = htonl(ms->flow_count);
    put_unaligned_be64_host(&reply->packet_in_count, ms->packet_in_count);
    put_unaligned_be64_host(&reply->byte_in_count, ms->byte_in_count);
    reply->duration_sec = htonl(ms->duration_sec);
    reply->duration_nsec = htonl(ms->duration_nsec);

    for (uint16_t n = 0; n < ms->n_bands; n++) {
        put_unaligned_be64_host(p, ms->bands[n].packet_count);
        put_unaligned_be64_host(p + 8, ms->bands[n].byte_count);
        p += 16;
    }
}

/* Pulls the next meter stats from 'msg'. */
int
ofputil_decode_meter_stats(struct ofpbuf *msg,
                           struct ofputil_meter_stats *ms,
                           struct ofpbuf *bands)
{
    const struct ofp13_meter_stats *oms;
    const uint8_t *p;
    size_t len, n;

    /* Pull OpenFlow headers for the first call. */
    if (!msg->header) {
        ofpraw_pull_assert(msg);
    }

    if (!msg->size) {
        return EOF;
    }

    oms = ofpbuf_try_pull(msg, sizeof *oms);
    if (!oms) {
        VLOG_WARN_RL(&rl, "OFPMP_METER reply has %"PRIu32" leftover bytes "
                     "at end", msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    len = ntohs(oms->len);
    if (len < sizeof *oms) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    len -= sizeof *oms;
    if (len % sizeof(struct ofp13_meter_band_stats)) {
        /* Not a whole number of bands (and the next meter would be
         * misaligned). */
        return OFPERR_OFPBRC_BAD_LEN;
    }
    p = ofpbuf_try_pull(msg, len);
    if (!p) {
        VLOG_WARN_RL(&rl, "OFPMP_METER reply has %"PRIu32" leftover bytes "
                     "at end", msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    n = len / sizeof(struct ofp13_meter_band_stats);

    ofpbuf_clear(bands);
    for (size_t i = 0; i < n; i++) {
        struct ofputil_meter_band_stats *mbs;

        mbs = ofpbuf_put_uninit(bands, sizeof *mbs);
        mbs->packet_count = get_unaligned_be64_host(p + i * 16);
        mbs->byte_count = get_unaligned_be64_host(p + i * 16 + 8);
    }

    ms->meter_id = ntohl(oms->meter_id);
    ms->flow_count = ntohl(oms->flow_count);
    ms->packet_in_count = get_unaligned_be64_host(&oms->packet_in_count);
    ms->byte_in_count = get_unaligned_be64_host(&oms->byte_in_count);
    ms->duration_sec = ntohl(oms->duration_sec);
    ms->duration_nsec = ntohl(oms->duration_nsec);
    ms->n_bands = n;
    ms->bands = bands->data;

    return 0;
}

/* Appends "S[.FRACTION]s" to 's'. */
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

/* Appends 'ms' to 's' as "meter:1 flow_count:... bands:" then one line per
 * band, each starting with a new-line. */
void
ofputil_format_meter_stats(struct ds *s, const struct ofputil_meter_stats *ms)
{
    ofputil_format_meter_id(s, ms->meter_id, ':');
    ds_put_char(s, ' ');
    ds_put_format(s, "flow_count:%"PRIu32" ", ms->flow_count);
    ds_put_format(s, "packet_in_count:%"PRIu64" ", ms->packet_in_count);
    ds_put_format(s, "byte_in_count:%"PRIu64" ", ms->byte_in_count);
    ds_put_cstr(s, "duration:");
    format_duration(s, ms->duration_sec, ms->duration_nsec);
    ds_put_char(s, ' ');

    ds_put_cstr(s, "bands:");
    for (uint16_t i = 0; i < ms->n_bands; i++) {
        ds_put_format(s, "\n%d: ", i);
        ds_put_format(s, "packet_count:%"PRIu64" ",
                      ms->bands[i].packet_count);
        ds_put_format(s, "byte_count:%"PRIu64, ms->bands[i].byte_count);
    }
}

/* Meter features. */

/* Decodes the meter features reply 'oh' into 'mf'. */
void
ofputil_decode_meter_features(const struct ofp_header *oh,
                              struct ofputil_meter_features *mf)
{
    const struct ofp13_meter_features *omf = ofpmsg_body(oh);

    mf->max_meters = ntohl(omf->max_meter);
    mf->band_types = ntohl(omf->band_types);
    mf->capabilities = ntohl(omf->capabilities);
    mf->max_bands = omf->max_bands;
    mf->max_color = omf->max_color;
}

/* Returns a reply to the meter features request 'request'. */
struct ofpbuf *
ofputil_encode_meter_features_reply(const struct ofputil_meter_features *mf,
                                    const struct ofp_header *request)
{
    struct ofp13_meter_features *omf;
    struct ofpbuf *reply;

    reply = ofpraw_alloc_xid(OFPRAW_OFPST13_METER_FEATURES_REPLY,
                             request->version, request->xid, 0);
    omf = ofpbuf_put_zeros(reply, sizeof *omf);
    omf->max_meter = htonl(mf->max_meters);
    omf->band_types = htonl(mf->band_types);
    omf->capabilities = htonl(mf->capabilities);
    omf->max_bands = mf->max_bands;
    omf->max_color = mf->max_color;
    ofpmsg_update_length(reply);
    return reply;
}

/* Appends the names of the bits in 'bits' separated by spaces ("0" if
 * none), naming each with 'name'. */
static void
format_bits(struct ds *s, uint32_t bits, const char *(*name)(uint32_t bit))
{
    if (!bits) {
        ds_put_cstr(s, "0");
        return;
    }
    bool first = true;
    uint32_t unnamed = 0;
    for (int i = 0; i < 32; i++) {
        uint32_t bit = 1u << i;
        if (bits & bit) {
            const char *n = name(bit);
            if (n) {
                if (!first) {
                    ds_put_char(s, ' ');
                }
                first = false;
                ds_put_cstr(s, n);
            } else {
                unnamed |= bit;
            }
        }
    }
    if (unnamed) {
        if (!first) {
            ds_put_char(s, ' ');
        }
        ds_put_format(s, "0x%"PRIx32, unnamed);
    }
}

static const char *
meter_band_type_name(uint32_t bit)
{
    switch (bit) {
    case 1 << OFPMBT13_DROP: return "drop";
    case 1 << OFPMBT13_DSCP_REMARK: return "dscp_remark";
    }
    return NULL;
}

static const char *
meter_flag_name(uint32_t bit)
{
    switch (bit) {
    case OFPMF13_KBPS: return "kbps";
    case OFPMF13_PKTPS: return "pktps";
    case OFPMF13_BURST: return "burst";
    case OFPMF13_STATS: return "stats";
    }
    return NULL;
}

/* Appends 'mf' to 's' in three lines (no trailing new-line). */
void
ofputil_format_meter_features(struct ds *s,
                              const struct ofputil_meter_features *mf)
{
    ds_put_format(s, "max_meter:%"PRIu32, mf->max_meters);
    ds_put_format(s, " max_bands:%"PRIu8, mf->max_bands);
    ds_put_format(s, " max_color:%"PRIu8"\n", mf->max_color);

    ds_put_cstr(s, "band_types: ");
    format_bits(s, mf->band_types, meter_band_type_name);
    ds_put_char(s, '\n');

    ds_put_cstr(s, "capabilities: ");
    format_bits(s, mf->capabilities, meter_flag_name);
}

/* Meter requests. */

/* Decodes the meter stats or config request 'oh' into '*meter_id'
 * (OFPM13_ALL for a features request). */
void
ofputil_decode_meter_request(const struct ofp_header *oh, uint32_t *meter_id)
{
    enum ofpraw raw = ofpraw_decode_assert(oh);

    if (raw == OFPRAW_OFPST13_METER_REQUEST
        || raw == OFPRAW_OFPST13_METER_CONFIG_REQUEST) {
        const struct ofp13_meter_multipart_request *omr = ofpmsg_body(oh);
        *meter_id = ntohl(omr->meter_id);
    } else {
        *meter_id = OFPM13_ALL;
    }
}

/* Returns a new meter request of 'type' for 'meter_id'. */
struct ofpbuf *
ofputil_encode_meter_request(enum ofp_version ofp_version,
                             enum ofputil_meter_request_type type,
                             uint32_t meter_id)
{
    struct ofpbuf *msg;
    enum ofpraw raw;

    switch (type) {
    case OFPUTIL_METER_CONFIG:
        raw = OFPRAW_OFPST13_METER_CONFIG_REQUEST;
        break;
    case OFPUTIL_METER_STATS:
        raw = OFPRAW_OFPST13_METER_REQUEST;
        break;
    default:
    case OFPUTIL_METER_FEATURES:
        raw = OFPRAW_OFPST13_METER_FEATURES_REQUEST;
        break;
    }

    msg = ofpraw_alloc(raw, ofp_version, 0);
    if (type != OFPUTIL_METER_FEATURES) {
        struct ofp13_meter_multipart_request *omr;
        omr = ofpbuf_put_zeros(msg, sizeof *omr);
        omr->meter_id = htonl(meter_id);
    }
    ofpmsg_update_length(msg);
    return msg;
}

/* Whole-message formatters for ofp-print. */

/* Meter stats or config request: " meter=ID"; features request: "". */
enum ofperr
ofputil_meter_request_format(struct ds *s, const struct ofp_header *oh)
{
    enum ofpraw raw = ofpraw_decode_assert(oh);
    uint32_t meter_id;

    if (raw == OFPRAW_OFPST13_METER_FEATURES_REQUEST) {
        return 0;
    }
    ofputil_decode_meter_request(oh, &meter_id);
    ds_put_char(s, ' ');
    ofputil_format_meter_id(s, meter_id, '=');
    return 0;
}

/* Meter config reply: "\nmeter=1 ..." per meter, a blank line between. */
enum ofperr
ofputil_meter_config_reply_format(struct ds *s, const struct ofp_header *oh)
{
    struct ofpbuf bands;
    struct ofpbuf b;
    bool first = true;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&bands, 64);
    for (;;) {
        struct ofputil_meter_config mc;
        int retval;

        retval = ofputil_decode_meter_config(&b, &mc, &bands);
        if (retval) {
            ofpbuf_uninit(&bands);
            return retval != EOF ? retval : 0;
        }
        if (!first) {
            ds_put_char(s, '\n');
        }
        first = false;
        ds_put_char(s, '\n');
        ofputil_format_meter_config(s, &mc);
    }
}

/* Meter stats reply: "\nmeter:1 ..." per meter, a blank line between. */
enum ofperr
ofputil_meter_stats_reply_format(struct ds *s, const struct ofp_header *oh)
{
    struct ofpbuf bands;
    struct ofpbuf b;
    bool first = true;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&bands, 64);
    for (;;) {
        struct ofputil_meter_stats ms;
        int retval;

        retval = ofputil_decode_meter_stats(&b, &ms, &bands);
        if (retval) {
            ofpbuf_uninit(&bands);
            if (retval != EOF && !first) {
                /* Upstream prints a decoding error after the last good
                 * meter on a line of its own. */
                ds_put_char(s, '\n');
            }
            return retval != EOF ? retval : 0;
        }
        if (!first) {
            ds_put_char(s, '\n');
        }
        first = false;
        ds_put_char(s, '\n');
        ofputil_format_meter_stats(s, &ms);
    }
}

/* Meter features reply: "\nmax_meter:..." (three lines). */
enum ofperr
ofputil_meter_features_reply_format(struct ds *s, const struct ofp_header *oh)
{
    struct ofputil_meter_features mf;

    ofputil_decode_meter_features(oh, &mf);
    ds_put_char(s, '\n');
    ofputil_format_meter_features(s, &mf);
    return 0;
}
