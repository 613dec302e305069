/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/ofp-errors.h"
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_errors);

/* How one error is encoded in one OpenFlow version: 'vendor' is -1 if the
 * error has no encoding there, 0 for a standard error, else the vendor
 * (experimenter) id. */
struct ofperr_encoding {
    int32_t vendor;             /* -1, 0, NX_VENDOR_ID, ONF_VENDOR_ID... */
    int32_t type;               /* Type (or 1.2+ experimenter exp_type). */
    int32_t code;               /* Code (0 for 1.2+ experimenters). */
};

/* Generated from lib/ofp-errors.def: ofperr_names[], ofperr_encodings[]. */
#include "ofp-errors.inc"

/* Returns the index of 'version' in the encoding tables, or -1. */
static int
version_index(enum ofp_version version)
{
    return (version >= OFP10_VERSION && version <= OFP15_VERSION
            ? version - OFP10_VERSION
            : -1);
}

bool
ofperr_is_valid(enum ofperr error)
{
    return error >= OFPERR_OFS && error < OFPERR_OFS + OFPERR_N_ERRORS;
}

enum ofperr
ofperr_from_name(const char *name)
{
    for (size_t i = 0; i < OFPERR_N_ERRORS; i++) {
        if (!strcmp(name, ofperr_names[i])) {
            return OFPERR_OFS + i;
        }
    }
    return 0;
}

const char *
ofperr_get_name(enum ofperr error)
{
    return (ofperr_is_valid(error)
            ? ofperr_names[error - OFPERR_OFS]
            : "<invalid>");
}

const char *
ofperr_get_description(enum ofperr error)
{
    /* The table carries no prose: the name is the description. */
    return ofperr_get_name(error);
}

const char *
ofperr_domain_get_name(enum ofp_version version)
{
    static const char *const names[] = {
        "OpenFlow 1.0", "OpenFlow 1.1", "OpenFlow 1.2",
        "OpenFlow 1.3", "OpenFlow 1.4", "OpenFlow 1.5",
    };
    int idx = version_index(version);

    return idx >= 0 ? names[idx] : NULL;
}

/* Returns the encoding of 'error' in 'version', or NULL if there is
 * none. */
static const struct ofperr_encoding *
ofperr_get_encoding(enum ofperr error, enum ofp_version version)
{
    int idx = version_index(version);

    if (!ofperr_is_valid(error) || idx < 0) {
        return NULL;
    }
    const struct ofperr_encoding *enc
        = &ofperr_encodings[error - OFPERR_OFS][idx];
    return enc->vendor >= 0 ? enc : NULL;
}

int
ofperr_get_vendor(enum ofperr error, enum ofp_version version)
{
    const struct ofperr_encoding *enc = ofperr_get_encoding(error, version);
    return enc ? enc->vendor : -1;
}

int
ofperr_get_type(enum ofperr error, enum ofp_version version)
{
    const struct ofperr_encoding *enc = ofperr_get_encoding(error, version);
    return enc ? enc->type : -1;
}

int
ofperr_get_code(enum ofperr error, enum ofp_version version)
{
    const struct ofperr_encoding *enc = ofperr_get_encoding(error, version);
    return enc ? enc->code : -1;
}

/* Returns the first error in table order encoded as ('vendor', 'type',
 * 'code') in 'version', or 0. */
static enum ofperr
ofperr_decode(enum ofp_version version, uint32_t vendor, uint16_t type,
              uint16_t code)
{
    int idx = version_index(version);

    if (idx < 0) {
        return 0;
    }
    for (size_t i = 0; i < OFPERR_N_ERRORS; i++) {
        const struct ofperr_encoding *enc = &ofperr_encodings[i][idx];
        if (enc->vendor >= 0 && enc->vendor == vendor
            && enc->type == type && enc->code == code) {
            return OFPERR_OFS + i;
        }
    }
    return 0;
}

enum ofperr
ofperr_decode_msg(const struct ofp_header *oh, struct ofpbuf *payload)
{
    size_t len = ntohs(oh->length);
    struct ofpbuf b;

    if (oh->type != OFPT_ERROR || len < sizeof *oh
        || version_index(oh->version) < 0) {
        return 0;
    }
    ofpbuf_use_const(&b, oh, len);
    ofpbuf_pull(&b, sizeof *oh);

    const struct ofp_error_msg *em = ofpbuf_try_pull(&b, sizeof *em);
    if (!em) {
        return 0;
    }

    uint32_t vendor = 0;
    uint16_t type = ntohs(em->type);
    uint16_t code = ntohs(em->code);
    if (type == NXET_VENDOR && code == NXVC_VENDOR_ERROR) {
        const struct nx_vendor_error *nve = ofpbuf_try_pull(&b, sizeof *nve);
        if (!nve) {
            return 0;
        }
        vendor = ntohl(nve->vendor);
        type = ntohs(nve->type);
        code = ntohs(nve->code);
    } else if (type == OFPET12_EXPERIMENTER
               && oh->version >= OFP12_VERSION) {
        const ovs_be32 *vendorp = ofpbuf_try_pull(&b, sizeof *vendorp);
        if (!vendorp) {
            return 0;
        }
        vendor = ntohl(*vendorp);
        type = code;
        code = 0;
    }

    enum ofperr error = ofperr_decode(oh->version, vendor, type, code);
    if (error && payload) {
        ofpbuf_use_const(payload, b.data, b.size);
    }
    return error;
}

/* Returns a new error message of 'error' in 'ofp_version' (the header
 * carries 'hdr_version', which differs only for unknown versions) with
 * transaction id 'xid', carrying the 'data_len' bytes of 'data'. */
static struct ofpbuf *
ofperr_encode_msg__(enum ofperr error, enum ofp_version ofp_version,
                    uint8_t hdr_version, ovs_be32 xid,
                    const void *data, size_t data_len)
{
    const struct ofperr_encoding *enc;
    uint8_t wire_version = ofp_version;

    /* An unknown version takes its codes from OpenFlow 1.0, but the
     * layout of vendor errors still follows the version number. */
    if (version_index(ofp_version) < 0) {
        VLOG_ERR("cannot encode error for unknown OpenFlow version 0x%02x",
                 hdr_version);
        ofp_version = hdr_version = OFP10_VERSION;
    }
    enc = ofperr_get_encoding(error, ofp_version);
    if (!enc) {
        VLOG_ERR("cannot encode %s for %s", ofperr_get_name(error),
                 ofperr_domain_get_name(ofp_version));
        enc = ofperr_get_encoding(OFPERR_NXBRC_UNENCODABLE_ERROR,
                                  ofp_version);
    }

    struct ofpbuf *buf = ofpbuf_new(sizeof(struct ofp_header) + 16
                                    + data_len);
    struct ofp_header *oh = ofpbuf_put_zeros(buf, sizeof *oh);
    oh->version = hdr_version;
    oh->type = OFPT_ERROR;
    oh->xid = xid;
    buf->header = oh;

    struct ofp_error_msg *em = ofpbuf_put_zeros(buf, sizeof *em);
    if (!enc->vendor) {
        em->type = htons(enc->type);
        em->code = htons(enc->code);
    } else if (wire_version < OFP12_VERSION) {
        struct nx_vendor_error *nve;

        em->type = htons(NXET_VENDOR);
        em->code = htons(NXVC_VENDOR_ERROR);
        nve = ofpbuf_put_zeros(buf, sizeof *nve);
        nve->vendor = htonl(enc->vendor);
        nve->type = htons(enc->type);
        nve->code = htons(enc->code);
    } else {
        ovs_be32 vendor = htonl(enc->vendor);

        em->type = htons(OFPET12_EXPERIMENTER);
        em->code = htons(enc->type);
        ofpbuf_put(buf, &vendor, sizeof vendor);
    }
    buf->msg = ofpbuf_tail(buf);

    /* An OpenFlow message cannot exceed 65535 bytes. */
    data_len = MIN(data_len, UINT16_MAX - buf->size);
    ofpbuf_put(buf, data, data_len);

    oh = buf->header;
    oh->length = htons(buf->size);
    return buf;
}

struct ofpbuf *
ofperr_encode_reply(enum ofperr error, const struct ofp_header *oh)
{
    return ofperr_encode_msg__(error, oh->version, oh->version, oh->xid,
                               oh, ntohs(oh->length));
}

struct ofpbuf *
ofperr_encode_hello(enum ofperr error, enum ofp_version ofp_version,
                    const char *s)
{
    return ofperr_encode_msg__(error, ofp_version, ofp_version, htonl(0),
                               s, strlen(s));
}

void
ofperr_format(struct ds *ds, enum ofperr error)
{
    if (error) {
        ds_put_cstr(ds, ofperr_to_string(error));
    }
}

const char *
ofperr_to_string(enum ofperr error)
{
    return (ofperr_is_valid(error)
            ? ofperr_get_name(error)
            : ovs_strerror(error));
}
