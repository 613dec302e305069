/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_OFP_METER_H
#define OPENVSWITCH_OFP_METER_H 1

/* OpenFlow 1.3+ meters: meter-mod, meter config/stats/features multipart
 * messages, the text syntax of ovs-ofctl add-meter and friends, and the
 * printed forms of dump-meters, meter-stats and meter-features. */

#include <stdint.h>
#include "openflow/openflow.h"
#include "openvswitch/list.h"
#include "openvswitch/types.h"

struct ds;
struct ofpbuf;
enum ofperr;
enum ofputil_protocol;

/* One meter band. */
struct ofputil_meter_band {
    uint16_t type;              /* OFPMBT13_DROP or OFPMBT13_DSCP_REMARK. */
    uint8_t prec_level;         /* Precedence increase, for DSCP remark
                                 * bands only. */
    uint32_t rate;              /* Rate, in kb/s or packets/s depending on
                                 * the meter's flags. */
    uint32_t burst_size;        /* Burst size, in kb or packets. */
};

/* Formats 'band' as "type=drop rate=1000 burst_size=100" (the burst size
 * only with OFPMF13_BURST in 'flags'). */
void ofputil_format_meter_band(struct ds *, enum ofp13_meter_flags flags,
                               const struct ofputil_meter_band *);

/* Counters of one meter band. */
struct ofputil_meter_band_stats {
    uint64_t packet_count;      /* Packets in band. */
    uint64_t byte_count;        /* Bytes in band. */
};

/* A meter's configuration. */
struct ofputil_meter_config {
    uint32_t meter_id;          /* Meter id, or OFPM13_ALL etc. */
    uint16_t flags;             /* OFPMF13_* flags. */
    uint16_t n_bands;           /* Number of elements in 'bands'. */
    struct ofputil_meter_band *bands; /* The bands (not owned: decoders
                                       * point it into a caller's buffer). */
};

/* Meter configuration. */
void ofputil_append_meter_config(struct ovs_list *replies,
                                 const struct ofputil_meter_config *);
/* Pulls the next meter config from 'msg' into 'mc', storing its bands in
 * 'bands' (which the caller initialized and uninitializes).  Returns 0 on
 * success, EOF at the end of the message, otherwise an OFPERR_* value. */
int ofputil_decode_meter_config(struct ofpbuf *msg,
                                struct ofputil_meter_config *mc,
                                struct ofpbuf *bands);
void ofputil_format_meter_config(struct ds *,
                                 const struct ofputil_meter_config *);

/* Abstract meter-mod. */
struct ofputil_meter_mod {
    uint16_t command;           /* OFPMC13_ADD, OFPMC13_MODIFY or
                                 * OFPMC13_DELETE. */
    struct ofputil_meter_config meter; /* The meter's configuration. */
};

enum ofperr ofputil_decode_meter_mod(const struct ofp_header *,
                                     struct ofputil_meter_mod *,
                                     struct ofpbuf *bands);
struct ofpbuf *ofputil_encode_meter_mod(enum ofp_version,
                                        const struct ofputil_meter_mod *);
enum ofperr ofputil_meter_mod_format(struct ds *, const struct ofp_header *);

/* Parses 'string' (ovs-ofctl add-meter syntax, e.g.
 * "meter=1,kbps,burst,band=type=drop,rate=1000,burst_size=100") for
 * 'command' (OFPMC13_*, or -1 for the add-meters file syntax with an
 * optional leading "add"/"modify"/"delete") into '*mm'.  On success returns
 * NULL; mm->meter.bands is malloc()'d and the caller must free it.  On
 * failure returns a malloc()'d error message.  'string' may be NULL for a
 * command that needs no meter (it then means "all meters"). */
char *parse_ofp_meter_mod_str(struct ofputil_meter_mod *, const char *string,
                              int command,
                              enum ofputil_protocol *usable_protocols)
    OVS_WARN_UNUSED_RESULT;

/* Meter statistics. */
struct ofputil_meter_stats {
    uint32_t meter_id;          /* Meter id. */
    uint32_t flow_count;        /* Number of flows bound to the meter. */
    uint64_t packet_in_count;   /* Packets in input. */
    uint64_t byte_in_count;     /* Bytes in input. */
    uint32_t duration_sec;      /* Time the meter has been alive, seconds. */
    uint32_t duration_nsec;     /* ...and nanoseconds beyond that. */
    uint16_t n_bands;           /* Number of elements in 'bands'. */
    struct ofputil_meter_band_stats *bands; /* Per-band counters (not
                                             * owned). */
};

void ofputil_append_meter_stats(struct ovs_list *replies,
                                const struct ofputil_meter_stats *);
/* Pulls the next meter stats from 'msg' into 'ms', storing its band
 * counters in 'bands'.  Returns 0, EOF, or an OFPERR_* value. */
int ofputil_decode_meter_stats(struct ofpbuf *msg,
                               struct ofputil_meter_stats *ms,
                               struct ofpbuf *bands);
void ofputil_format_meter_stats(struct ds *,
                                const struct ofputil_meter_stats *);

/* Meter features. */
struct ofputil_meter_features {
    uint32_t max_meters;        /* Maximum number of meters. */
    uint32_t band_types;        /* Bitmap of (1 << OFPMBT13_*). */
    uint32_t capabilities;      /* Bitmap of OFPMF13_* flags. */
    uint8_t max_bands;          /* Maximum bands per meter. */
    uint8_t max_color;          /* Maximum color value. */
};

void ofputil_decode_meter_features(const struct ofp_header *,
                                   struct ofputil_meter_features *);
struct ofpbuf *ofputil_encode_meter_features_reply(
    const struct ofputil_meter_features *, const struct ofp_header *request);
void ofputil_format_meter_features(struct ds *,
                                   const struct ofputil_meter_features *);

/* Meter multipart requests. */
enum ofputil_meter_request_type {
    OFPUTIL_METER_FEATURES,     /* Meter features request. */
    OFPUTIL_METER_CONFIG,       /* Meter config request. */
    OFPUTIL_METER_STATS         /* Meter stats request. */
};

void ofputil_decode_meter_request(const struct ofp_header *,
                                  uint32_t *meter_id);
struct ofpbuf *ofputil_encode_meter_request(enum ofp_version,
                                            enum ofputil_meter_request_type,
                                            uint32_t meter_id);

/* Formats 'meter_id' as "meter=ID" (or "meter=all", "meter=controller",
 * "meter=slowpath"), preceded by 'separator' unless it is 0. */
void ofputil_format_meter_id(struct ds *, uint32_t meter_id, char separator);

/* Whole-message formatters for ofp-print's dispatcher.  Each formats the
 * body of the message 'oh' (after the header line) into the string as
 * "ovs-ofctl ofp-print" prints it, returning 0 or an OFPERR_* value for a
 * malformed message. */
enum ofperr ofputil_meter_request_format(struct ds *,
                                         const struct ofp_header *);
enum ofperr ofputil_meter_config_reply_format(struct ds *,
                                              const struct ofp_header *);
enum ofperr ofputil_meter_stats_reply_format(struct ds *,
                                             const struct ofp_header *);
enum ofperr ofputil_meter_features_reply_format(struct ds *,
                                                const struct ofp_header *);

#endif /* openvswitch/ofp-meter.h */
