/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* NXM and OXM encoding and decoding of matches, entries and headers, and
 * their text forms (ovs-ofctl parse-nxm/parse-oxm syntax).  The headers
 * of each field per OpenFlow version come from lib/meta-flow.fields. */

#include <config.h>
#include "nx-match.h"

#include <ctype.h>
#include <endian.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "byte-order.h"
#include "flow.h"
#include "match.h"
#include "ofpbuf.h"
#include "openflow/openflow-1.1.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/vlog.h"
#include "packets.h"

VLOG_DEFINE_THIS_MODULE(nx_match);

/* One NXM/OXM header of a field. */
struct nxm_field_def {
    const char *name;           /* "NXM_OF_IN_PORT", ... */
    uint16_t class;             /* Header class. */
    uint8_t field;              /* Header field number. */
    uint32_t experimenter;      /* Experimenter id for class 0xffff. */
    enum ofp_version version;   /* First version using this header. */
    enum mf_field_id id;        /* The field. */
    uint8_t n_bytes;            /* Width of the value. */
};

#include "nx-match.inc"

/* The Nicira cookie pseudo-field of NXM (class 1, field 30, 8 bytes). */
#define NXM_COOKIE_CLASS 0x0001
#define NXM_COOKIE_FIELD 30

/* A parsed header. */
struct nxm_hdr {
    uint16_t class;             /* Class. */
    uint8_t field;              /* Field number. */
    bool hasmask;               /* Mask follows the value? */
    uint8_t length;             /* Payload length from the header (for
                                 * experimenter headers, including the
                                 * 4-byte experimenter id). */
    uint32_t experimenter;      /* Experimenter id, if class 0xffff. */
};

static bool
is_experimenter(const struct nxm_hdr *h)
{
    return h->class == 0xffff;
}

/* Size of the header itself. */
static size_t
nxm_hdr_len(const struct nxm_hdr *h)
{
    return is_experimenter(h) ? 8 : 4;
}

/* Length of value plus mask. */
static int
nxm_payload_len(const struct nxm_hdr *h)
{
    return is_experimenter(h) ? h->length - 4 : h->length;
}

/* Formats 'h' the way log messages show it:
 * "experimenter:class:field:hasmask:length". */
static char *
nxm_hdr_to_string(const struct nxm_hdr *h)
{
    return xasprintf("%#"PRIx32":%d:%d:%d:%d", h->experimenter, h->class,
                     h->field, h->hasmask, h->length);
}

/* Table lookups. */

static const struct nxm_field_def *
nxm_def_by_header(uint16_t class, uint8_t field, uint32_t experimenter,
                  unsigned int n_bytes)
{
    for (size_t i = 0; i < ARRAY_SIZE(nxm_field_defs); i++) {
        const struct nxm_field_def *d = &nxm_field_defs[i];

        if (d->class == class && d->field == field
            && d->experimenter == experimenter && d->n_bytes == n_bytes) {
            return d;
        }
    }
    return NULL;
}

/* Returns the header used for field 'id' in 'version': the one with the
 * greatest version <= 'version', or else the one with the smallest
 * version; NULL if the field has none. */
static const struct nxm_field_def *
nxm_def_for_field__(enum mf_field_id id, enum ofp_version version)
{
    const struct nxm_field_def *best = NULL, *oldest = NULL;

    for (size_t i = 0; i < ARRAY_SIZE(nxm_field_defs); i++) {
        const struct nxm_field_def *d = &nxm_field_defs[i];

        if (d->id != id) {
            continue;
        }
        if (!oldest || d->version < oldest->version) {
            oldest = d;
        }
        if (d->version <= version
            && (!best || d->version > best->version)) {
            best = d;
        }
    }
    return best ? best : oldest;
}

/* nxm_def_for_field__() for every field and every version from OpenFlow
 * 1.0 to 1.5, computed once: encoding a match looks up dozens of fields,
 * and a dump of many flows encodes many matches. */
static const struct nxm_field_def *
    nxm_def_cache[MFF_N_IDS][OFP15_VERSION - OFP10_VERSION + 1];
static pthread_once_t nxm_def_cache_once = PTHREAD_ONCE_INIT;

static void
nxm_def_cache_init(void)
{
    for (int id = 0; id < MFF_N_IDS; id++) {
        for (int v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
            nxm_def_cache[id][v - OFP10_VERSION] = nxm_def_for_field__(id, v);
        }
    }
}

/* Returns the header used for field 'id' in 'version' (see
 * nxm_def_for_field__()). */
static const struct nxm_field_def *
nxm_def_for_field(enum mf_field_id id, enum ofp_version version)
{
    if ((unsigned int) id >= MFF_N_IDS
        || version < OFP10_VERSION || version > OFP15_VERSION) {
        return nxm_def_for_field__(id, version);
    }
    pthread_once(&nxm_def_cache_once, nxm_def_cache_init);
    return nxm_def_cache[id][version - OFP10_VERSION];
}

static const struct nxm_field_def *
nxm_def_by_name(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(nxm_field_defs); i++) {
        const struct nxm_field_def *d = &nxm_field_defs[i];

        if (strlen(d->name) == len && !memcmp(d->name, name, len)) {
            return d;
        }
    }
    return NULL;
}

/* Looks up 'name', possibly with "_W" appended (sets '*masked'). */
static const struct nxm_field_def *
nxm_def_by_name_masked(const char *name, size_t len, bool *masked)
{
    const struct nxm_field_def *d = nxm_def_by_name(name, len);

    *masked = false;
    if (!d && len > 2 && !memcmp(name + len - 2, "_W", 2)) {
        d = nxm_def_by_name(name, len - 2);
        if (d && mf_from_id(d->id)->maskable == MFM_NONE) {
            /* Only maskable fields have "_W" names. */
            d = NULL;
        }
        if (d) {
            *masked = true;
        }
    }
    return d;
}

const struct mf_field *
nx_field_from_name(const char *name, bool *masked)
{
    const struct nxm_field_def *d;

    d = nxm_def_by_name_masked(name, strlen(name), masked);
    return d ? mf_from_id(d->id) : NULL;
}

/* The 32-bit header of 'd' (without mask). */
static uint32_t
nxm_def_header32(const struct nxm_field_def *d)
{
    int length = d->n_bytes + (d->class == 0xffff ? 4 : 0);

    return nxm_header_make(d->class, d->field, false, length);
}

uint32_t
mf_nxm_header(enum mf_field_id id)
{
    const struct nxm_field_def *d = nxm_def_for_field(id, OFP10_VERSION);

    return d ? nxm_def_header32(d) : 0;
}

uint32_t
mf_oxm_header(enum mf_field_id id, enum ofp_version version)
{
    const struct nxm_field_def *d = nxm_def_for_field(id, version);

    return d ? nxm_def_header32(d) : 0;
}

uint32_t
nxm_header_from_mff(const struct mf_field *mf)
{
    return mf_nxm_header(mf->id);
}

const struct mf_field *
mf_from_nxm_header(uint32_t header, const struct vl_mff_map *vl OVS_UNUSED)
{
    int length = nxm_header_length(header);
    const struct nxm_field_def *d;

    if (nxm_header_hasmask(header)) {
        length /= 2;
    }
    d = nxm_def_by_header(nxm_header_class(header), nxm_header_field(header),
                          0, length);
    return d ? mf_from_id(d->id) : NULL;
}

void
nx_format_field_name(enum mf_field_id id, enum ofp_version version,
                     struct ds *s)
{
    const struct nxm_field_def *d = nxm_def_for_field(id, version);

    ds_put_cstr(s, d ? d->name : mf_from_id(id)->name);
}

/* Headers on the wire. */

/* Parses the header at the start of the 'len' bytes at 'p' into '*h'.
 * Returns 0 or OFPERR_OFPBMC_BAD_LEN. */
static enum ofperr
nxm_parse_hdr(const uint8_t *p, size_t len, struct nxm_hdr *h)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 1);
    uint32_t h32;

    if (len < 4) {
        VLOG_DBG_RL(&rl, "encountered partial (%zu-byte) OXM entry", len);
        return OFPERR_OFPBMC_BAD_LEN;
    }
    memcpy(&h32, p, 4);
    h32 = ntohl(h32);
    h->class = nxm_header_class(h32);
    h->field = nxm_header_field(h32);
    h->hasmask = nxm_header_hasmask(h32);
    h->length = nxm_header_length(h32);
    h->experimenter = 0;
    if (is_experimenter(h)) {
        uint32_t exp;

        if (len < 8) {
            VLOG_DBG_RL(&rl, "encountered partial (%zu-byte) OXM entry",
                        len);
            return OFPERR_OFPBMC_BAD_LEN;
        }
        memcpy(&exp, p + 4, 4);
        h->experimenter = ntohl(exp);
        if (h->length < 4) {
            static struct vlog_rate_limit warn_rl
                = VLOG_RATE_LIMIT_INIT(5, 1);
            char *s = nxm_hdr_to_string(h);

            VLOG_WARN_RL(&warn_rl, "OXM header %s has invalid length %d "
                         "(minimum is 8)", s, h->length);
            free(s);
            return OFPERR_OFPBMC_BAD_LEN;
        }
    }
    return 0;
}

static void
nxm_put_hdr(struct ofpbuf *b, const struct nxm_field_def *d, bool masked)
{
    int n = d->n_bytes * (masked ? 2 : 1);
    ovs_be32 h32;

    if (d->class == 0xffff) {
        ovs_be32 exp = htonl(d->experimenter);

        h32 = htonl(nxm_header_make(d->class, d->field, masked, n + 4));
        ofpbuf_put(b, &h32, 4);
        ofpbuf_put(b, &exp, 4);
    } else {
        h32 = htonl(nxm_header_make(d->class, d->field, masked, n));
        ofpbuf_put(b, &h32, 4);
    }
}

void
nx_put_header(struct ofpbuf *b, enum mf_field_id field,
              enum ofp_version version, bool masked)
{
    const struct nxm_field_def *d = nxm_def_for_field(field, version);

    ovs_assert(d);
    nxm_put_hdr(b, d, masked);
}

void
nx_put_mff_header(struct ofpbuf *b, const struct mf_field *mf,
                  enum ofp_version version, bool masked)
{
    nx_put_header(b, mf->id, version, masked);
}

void
nxm_put_entry_raw(struct ofpbuf *b, enum mf_field_id field,
                  enum ofp_version version,
                  const void *value_, const void *mask_, size_t n_bytes)
{
    const uint8_t *value = value_;
    const uint8_t *mask = mask_;
    bool masked = false;

    if (mask) {
        bool zero = true, ones = true;

        for (size_t i = 0; i < n_bytes; i++) {
            zero = zero && !mask[i];
            ones = ones && mask[i] == 0xff;
        }
        if (zero) {
            return;
        }
        masked = !ones;
    }

    nx_put_header(b, field, version, masked);
    ofpbuf_put(b, value, n_bytes);
    if (masked) {
        ofpbuf_put(b, mask, n_bytes);
    }
}

void
nx_put_entry(struct ofpbuf *b, const struct mf_field *mf,
             enum ofp_version version,
             const union mf_value *value, const union mf_value *mask)
{
    nxm_put_entry_raw(b, mf->id, version, value, mask, mf->n_bytes);
}

/* Pulling entries. */

/* Pulls one entry from the 'len' bytes at 'p'.  Stores its header in
 * '*h', the field in '*dp' (NULL if unknown), and pointers to the value
 * and mask (NULL if none) in '*valuep' and '*maskp', and the total size
 * in '*entry_len'. */
static enum ofperr
nxm_pull_raw_entry(const uint8_t *p, size_t len, struct nxm_hdr *h,
                   const struct nxm_field_def **dp,
                   const uint8_t **valuep, const uint8_t **maskp,
                   unsigned int *n_bytes, size_t *entry_len)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 1);
    enum ofperr error;
    int payload;

    error = nxm_parse_hdr(p, len, h);
    if (error) {
        return error;
    }
    payload = nxm_payload_len(h);
    if (nxm_hdr_len(h) + payload > len) {
        char *s = nxm_hdr_to_string(h);

        VLOG_DBG_RL(&rl, "OXM header %s calls for %d-byte payload but only "
                    "%zu bytes remain", s, payload, len - nxm_hdr_len(h));
        free(s);
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (!payload || (h->hasmask && payload % 2)) {
        char *s = nxm_hdr_to_string(h);

        VLOG_DBG_RL(&rl, "OXM header %s has invalid length", s);
        free(s);
        return OFPERR_OFPBMC_BAD_LEN;
    }

    *n_bytes = h->hasmask ? payload / 2 : payload;
    *valuep = p + nxm_hdr_len(h);
    *maskp = h->hasmask ? *valuep + *n_bytes : NULL;
    *entry_len = nxm_hdr_len(h) + payload;
    *dp = nxm_def_by_header(h->class, h->field, h->experimenter, *n_bytes);
    return 0;
}

static bool nxm_value_outside_mask(const struct nxm_hdr *, const uint8_t *v,
                                   const uint8_t *m, unsigned int n);

/* Copies a pulled value and mask into 'value' and 'mask' and validates
 * them for 'mf'. */
static enum ofperr
nxm_check_value(const struct mf_field *mf, const struct nxm_hdr *h,
                const uint8_t *v, const uint8_t *m,
                union mf_value *value, union mf_value *mask, bool is_action)
{
    memset(value, 0, sizeof *value);
    memset(mask, 0xff, sizeof *mask);
    memcpy(value, v, mf->n_bytes);
    if (m) {
        memcpy(mask, m, mf->n_bytes);
        if (!mf_is_mask_valid(mf, mask)) {
            return is_action ? OFPERR_OFPBAC_BAD_SET_MASK
                             : OFPERR_OFPBMC_BAD_MASK;
        }
        if (nxm_value_outside_mask(h, v, m, mf->n_bytes)) {
            return OFPERR_OFPBMC_BAD_WILDCARDS;
        }
    }
    if (!mf_is_value_valid(mf, value)) {
        return is_action ? OFPERR_OFPBAC_BAD_SET_ARGUMENT
                         : OFPERR_OFPBMC_BAD_VALUE;
    }
    return 0;
}

enum ofperr
nx_pull_entry(struct ofpbuf *b, const struct vl_mff_map *vl OVS_UNUSED,
              const struct mf_field **field,
              union mf_value *value, union mf_value *mask, bool is_action)
{
    const struct nxm_field_def *d;
    const uint8_t *v, *m;
    unsigned int n_bytes;
    struct nxm_hdr h;
    size_t entry_len;
    union mf_value tmp_mask;
    enum ofperr error;

    *field = NULL;
    error = nxm_pull_raw_entry(b->data, b->size, &h, &d, &v, &m, &n_bytes,
                               &entry_len);
    if (error) {
        return error;
    }
    if (!d) {
        return OFPERR_OFPBMC_BAD_FIELD;
    }
    if (m && !mask) {
        return is_action ? OFPERR_OFPBAC_BAD_SET_MASK
                         : OFPERR_OFPBMC_BAD_MASK;
    }
    *field = mf_from_id(d->id);
    error = nxm_check_value(*field, &h, v, m, value,
                            mask ? mask : &tmp_mask, is_action);
    if (error) {
        return error;
    }
    ofpbuf_pull(b, entry_len);
    return 0;
}

/* Returns the first field definition with 'class', 'field' and
 * 'experimenter', whatever its width, or NULL. */
static const struct nxm_field_def *
nxm_def_by_class_field(uint16_t class, uint8_t field, uint32_t experimenter)
{
    for (size_t i = 0; i < ARRAY_SIZE(nxm_field_defs); i++) {
        const struct nxm_field_def *d = &nxm_field_defs[i];

        if (d->class == class && d->field == field
            && d->experimenter == experimenter) {
            return d;
        }
    }
    return NULL;
}

/* Returns true if 'experimenter' is one whose fields upstream knows: the
 * Nicira id (upstream's NXOXM_ET fields) or one of our fields' ids. */
static bool
nxm_experimenter_is_known(uint32_t experimenter)
{
    if (experimenter == NX_VENDOR_ID) {
        return true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(nxm_field_defs); i++) {
        if (nxm_field_defs[i].class == 0xffff
            && nxm_field_defs[i].experimenter == experimenter) {
            return true;
        }
    }
    return false;
}

enum ofperr
nx_pull_set_field_entry(struct ofpbuf *b, bool may_mask,
                        const struct mf_field **field,
                        union mf_value *value, union mf_value *mask)
{
    const struct nxm_field_def *d;
    const uint8_t *v, *m;
    unsigned int n_bytes;
    size_t entry_len;
    struct nxm_hdr h;
    enum ofperr error;

    *field = NULL;
    error = nxm_parse_hdr(b->data, b->size, &h);
    if (error) {
        return error;
    }
    if (is_experimenter(&h) && !nxm_experimenter_is_known(h.experimenter)) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
    if (!(h.hasmask ? h.length / 2 : h.length)) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    }
    n_bytes = h.hasmask ? nxm_payload_len(&h) / 2 : nxm_payload_len(&h);
    d = nxm_def_by_class_field(h.class, h.field, h.experimenter);
    if (!d || d->n_bytes != n_bytes) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    entry_len = 4 + h.length;
    if (entry_len > b->size) {
        return OFPERR_OFPBMC_BAD_LEN;
    }

    v = (const uint8_t *) b->data + nxm_hdr_len(&h);
    m = h.hasmask ? v + n_bytes : NULL;
    if (m) {
        if (nxm_value_outside_mask(&h, v, m, n_bytes)) {
            return OFPERR_OFPBMC_BAD_WILDCARDS;
        }
        if (!may_mask) {
            return OFPERR_OFPBAC_BAD_SET_MASK;
        }
    }

    *field = mf_from_id(d->id);
    memset(value, 0, sizeof *value);
    memset(mask, 0xff, sizeof *mask);
    memcpy(value, v, n_bytes);
    if (m) {
        memcpy(mask, m, n_bytes);
    }
    ofpbuf_pull(b, entry_len);
    return 0;
}

enum ofperr
nx_pull_header(struct ofpbuf *b, const struct vl_mff_map *vl OVS_UNUSED,
               const struct mf_field **field, bool *masked)
{
    const struct nxm_field_def *d;
    struct nxm_hdr h;
    enum ofperr error;
    int n_bytes;

    *field = NULL;
    error = nxm_parse_hdr(b->data, b->size, &h);
    if (error) {
        return error;
    }
    n_bytes = nxm_payload_len(&h);
    if (h.hasmask) {
        n_bytes /= 2;
    }
    d = nxm_def_by_header(h.class, h.field, h.experimenter, n_bytes);
    if (!d) {
        return OFPERR_OFPBMC_BAD_FIELD;
    }
    if (h.hasmask && !masked) {
        return OFPERR_OFPBMC_BAD_MASK;
    }
    if (masked) {
        *masked = h.hasmask;
    }
    *field = mf_from_id(d->id);
    ofpbuf_pull(b, nxm_hdr_len(&h));
    return 0;
}

/* Decoding matches. */

static enum ofperr
nx_pull_raw(const uint8_t *p, unsigned int match_len, bool strict,
            bool pipeline_fields_only, struct match *match,
            ovs_be64 *cookie, ovs_be64 *cookie_mask)
{
    bool have_cookie = false;

    match_init_catchall(match);
    if (cookie) {
        *cookie = *cookie_mask = htonll(0);
    }

    while (match_len > 0) {
        const struct nxm_field_def *d;
        const struct mf_field *mf;
        union mf_value value, mask;
        const uint8_t *v, *m;
        unsigned int n_bytes;
        struct nxm_hdr h;
        size_t entry_len;
        enum ofperr error;

        error = nxm_pull_raw_entry(p, match_len, &h, &d, &v, &m, &n_bytes,
                                   &entry_len);
        if (error) {
            return error;
        }

        if (!d && h.class == NXM_COOKIE_CLASS
            && h.field == NXM_COOKIE_FIELD && n_bytes == 8 && cookie) {
            /* The flow cookie, in NXT_FLOW_MOD and friends. */
            ovs_be64 c, cm = htonll(UINT64_MAX);

            if (have_cookie) {
                return OFPERR_OFPBMC_DUP_FIELD;
            }
            memcpy(&c, v, 8);
            if (m) {
                memcpy(&cm, m, 8);
            }
            *cookie = c & cm;
            *cookie_mask = cm;
            have_cookie = true;
        } else if (!d) {
            if (strict) {
                return OFPERR_OFPBMC_BAD_FIELD;
            }
        } else {
            mf = mf_from_id(d->id);
            error = nxm_check_value(mf, &h, v, m, &value, &mask, false);
            if (error) {
                return error;
            }
            if (pipeline_fields_only && !mf_is_pipeline_field(mf)) {
                return OFPERR_OFPBMC_BAD_FIELD;
            }
            if (mf->prereqs != MFP_NONE && !match->wc.masks.packet_type) {
                /* A field with prerequisites implies an Ethernet packet
                 * unless the match gave a packet type already (even if
                 * the field turns out to be all-wildcarded). */
                match->flow.packet_type = htonl(0);
                match->wc.masks.packet_type = htonl(UINT32_MAX);
            }
            if (strict && !mf_are_match_prereqs_ok(mf, match)) {
                return OFPERR_OFPBMC_BAD_PREREQ;
            }
            if (!mf_is_all_wild(mf, &match->wc)) {
                return OFPERR_OFPBMC_DUP_FIELD;
            }
            mf_set(mf, &value, &mask, match, NULL);
        }

        p += entry_len;
        match_len -= entry_len;
    }
    return 0;
}

static enum ofperr
nx_pull_match__(struct ofpbuf *b, unsigned int match_len, bool strict,
                bool pipeline_fields_only, struct match *match,
                ovs_be64 *cookie, ovs_be64 *cookie_mask)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 1);
    const uint8_t *p = NULL;

    if (match_len) {
        p = ofpbuf_try_pull(b, ROUND_UP(match_len, 8));
        if (!p) {
            VLOG_DBG_RL(&rl, "nx_match length %u, rounded up to a multiple "
                        "of 8, is longer than space in message (max "
                        "length %"PRIu32")", match_len, (uint32_t) b->size);
            return OFPERR_OFPBMC_BAD_LEN;
        }
    }
    return nx_pull_raw(p, match_len, strict, pipeline_fields_only, match,
                       cookie, cookie_mask);
}

enum ofperr
nx_pull_match(struct ofpbuf *b, unsigned int match_len, struct match *match,
              ovs_be64 *cookie, ovs_be64 *cookie_mask,
              bool pipeline_fields_only,
              const struct tun_table *tun_table OVS_UNUSED,
              const struct vl_mff_map *vl OVS_UNUSED)
{
    return nx_pull_match__(b, match_len, true, pipeline_fields_only, match,
                           cookie, cookie_mask);
}

enum ofperr
nx_pull_match_loose(struct ofpbuf *b, unsigned int match_len,
                    struct match *match,
                    ovs_be64 *cookie, ovs_be64 *cookie_mask,
                    bool pipeline_fields_only,
                    const struct tun_table *tun_table OVS_UNUSED)
{
    return nx_pull_match__(b, match_len, false, pipeline_fields_only, match,
                           cookie, cookie_mask);
}

static enum ofperr
oxm_pull_match__(struct ofpbuf *b, bool strict, bool pipeline_fields_only,
                 struct match *match)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 1);
    const struct ofp11_match_header *omh = b->data;
    const uint8_t *p;
    unsigned int match_len;

    if (b->size < sizeof *omh) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    match_len = ntohs(omh->length);
    if (match_len < sizeof *omh) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (omh->type != htons(OFPMT_OXM)) {
        return OFPERR_OFPBMC_BAD_TYPE;
    }
    p = ofpbuf_try_pull(b, ROUND_UP(match_len, 8));
    if (!p) {
        VLOG_DBG_RL(&rl, "oxm length %u, rounded up to a multiple of 8, is "
                    "longer than space in message (max length %"PRIu32")",
                    match_len, (uint32_t) b->size);
        return OFPERR_OFPBMC_BAD_LEN;
    }
    return nx_pull_raw(p + sizeof *omh, match_len - sizeof *omh, strict,
                       pipeline_fields_only, match, NULL, NULL);
}

enum ofperr
oxm_pull_match(struct ofpbuf *b, bool pipeline_fields_only,
               const struct tun_table *tun_table OVS_UNUSED,
               const struct vl_mff_map *vl OVS_UNUSED, struct match *match)
{
    return oxm_pull_match__(b, true, pipeline_fields_only, match);
}

enum ofperr
oxm_pull_match_loose(struct ofpbuf *b, bool pipeline_fields_only,
                     const struct tun_table *tun_table OVS_UNUSED,
                     struct match *match)
{
    return oxm_pull_match__(b, false, pipeline_fields_only, match);
}

enum ofperr
oxm_decode_match(const void *oxm, size_t oxm_len, bool pipeline_fields_only,
                 const struct tun_table *tun_table OVS_UNUSED,
                 const struct vl_mff_map *vl OVS_UNUSED, struct match *match)
{
    return nx_pull_raw(oxm, oxm_len, true, pipeline_fields_only, match,
                       NULL, NULL);
}

/* Encoding matches. */

/* Set when the encoder appends a field whose prerequisites imply an
 * Ethernet packet type (so that packet_type need not be appended). */
static bool implies_eth;

/* Records that 'b' grew from 'start' by a field 'id'. */
static void
note_put(const struct ofpbuf *b, size_t start, enum mf_field_id id)
{
    if (b->size > start && mf_from_id(id)->prereqs != MFP_NONE) {
        implies_eth = true;
    }
}

/* Appends field 'id' of 'match' (value and mask as meta-flow reads them)
 * if any bit of it is matched. */
static void
put_field(struct ofpbuf *b, enum mf_field_id id, enum ofp_version version,
          const struct match *match)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value value, mask;
    size_t start = b->size;

    if (mf_is_all_wild(mf, &match->wc)) {
        /* Not matched: nothing to put (the common case). */
        return;
    }
    mf_get(mf, match, &value, &mask);
    nx_put_entry(b, mf, version, &value, &mask);
    note_put(b, start, id);
}

/* Appends field 'id' of 'match' exactly (its mask is only used to decide
 * whether it is matched at all: 'matched'). */
static void
put_field_exact(struct ofpbuf *b, enum mf_field_id id,
                enum ofp_version version, const struct match *match,
                bool matched)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value value;

    if (matched) {
        mf_get_value(mf, &match->flow, &value);
        nx_put_entry(b, mf, version, &value, NULL);
        note_put(b, b->size - 1, id);
    }
}

static void
put_vlan(struct ofpbuf *b, enum ofp_version version, const struct match *match)
{
    ovs_be16 tci = match->flow.vlans[0].tci;
    ovs_be16 mask = match->wc.masks.vlans[0].tci;
    ovs_be16 vid_bits = htons(VLAN_VID_MASK | VLAN_CFI);

    size_t start = b->size;

    if (version < OFP12_VERSION) {
        nxm_put_entry_raw(b, MFF_VLAN_TCI, version, &tci, &mask, 2);
        note_put(b, start, MFF_VLAN_TCI);
        return;
    }

    if ((mask & vid_bits) == vid_bits) {
        ovs_be16 vid = tci & vid_bits;

        nxm_put_entry_raw(b, MFF_VLAN_VID, version, &vid, NULL, 2);
    } else if (mask & vid_bits) {
        ovs_be16 vid = tci & vid_bits;
        ovs_be16 vid_mask = mask & vid_bits;

        nxm_put_entry_raw(b, MFF_VLAN_VID, version, &vid, &vid_mask, 2);
    }
    if ((tci & vid_bits) && (mask & htons(VLAN_PCP_MASK))) {
        uint8_t pcp = vlan_tci_to_pcp(tci);

        nxm_put_entry_raw(b, MFF_VLAN_PCP, version, &pcp, NULL, 1);
    }
    note_put(b, start, MFF_VLAN_VID);
}

/* Returns the Ethernet type that the prerequisites of L3 fields see in
 * 'match': the packet type's for a non-Ethernet packet type in the
 * OFPHTN_ETHERTYPE namespace, otherwise dl_type. */
static ovs_be16
effective_dl_type(const struct match *match)
{
    uint32_t pt = ntohl(match->flow.packet_type);

    if (match->wc.masks.packet_type && (pt >> 16) == 1) {
        return htons(pt & 0xffff);
    }
    return match->flow.dl_type;
}

static void
put_l4(struct ofpbuf *b, enum ofp_version version, const struct match *match,
       bool ipv6)
{
    const struct flow *flow = &match->flow;
    const struct flow *m = &match->wc.masks;

    if (!m->nw_proto) {
        return;
    }
    switch (flow->nw_proto) {
    case IPPROTO_TCP:
        put_field(b, MFF_TCP_SRC, version, match);
        put_field(b, MFF_TCP_DST, version, match);
        put_field(b, MFF_TCP_FLAGS, version, match);
        break;
    case IPPROTO_UDP:
        put_field(b, MFF_UDP_SRC, version, match);
        put_field(b, MFF_UDP_DST, version, match);
        break;
    case IPPROTO_SCTP:
        put_field(b, MFF_SCTP_SRC, version, match);
        put_field(b, MFF_SCTP_DST, version, match);
        break;
    case IPPROTO_ICMP:
        if (!ipv6) {
            put_field_exact(b, MFF_ICMPV4_TYPE, version, match,
                            m->tp_src != 0);
            put_field_exact(b, MFF_ICMPV4_CODE, version, match,
                            m->tp_dst != 0);
        }
        break;
    case IPPROTO_ICMPV6:
        if (ipv6) {
            put_field_exact(b, MFF_ICMPV6_TYPE, version, match,
                            m->tp_src != 0);
            put_field_exact(b, MFF_ICMPV6_CODE, version, match,
                            m->tp_dst != 0);
            if ((flow->tp_src == htons(135) || flow->tp_src == htons(136))
                && flow->tp_dst == htons(0)) {
                put_field_exact(b, MFF_ND_RESERVED, version, match,
                                m->igmp_group_ip4 != 0);
                put_field(b, MFF_ND_TARGET, version, match);
                put_field_exact(b, MFF_ND_OPTIONS_TYPE, version, match,
                                m->tcp_flags != 0);
                if (flow->tp_src == htons(135)) {
                    put_field(b, MFF_ND_SLL, version, match);
                } else {
                    put_field(b, MFF_ND_TLL, version, match);
                }
            }
        }
        break;
    default:
        break;
    }
}

static void
put_ip(struct ofpbuf *b, enum ofp_version version, const struct match *match,
       bool ipv6)
{
    const struct flow *flow = &match->flow;
    const struct flow *m = &match->wc.masks;

    if (ipv6) {
        put_field(b, MFF_IPV6_SRC, version, match);
        put_field(b, MFF_IPV6_DST, version, match);
    } else {
        put_field(b, MFF_IPV4_SRC, version, match);
        put_field(b, MFF_IPV4_DST, version, match);
    }

    if (m->nw_frag & FLOW_NW_FRAG_MASK) {
        uint8_t frag = flow->nw_frag & FLOW_NW_FRAG_MASK;
        uint8_t frag_mask = m->nw_frag & FLOW_NW_FRAG_MASK;

        nxm_put_entry_raw(b, MFF_IP_FRAG, version, &frag,
                          frag_mask == FLOW_NW_FRAG_MASK ? NULL : &frag_mask,
                          1);
        implies_eth = true;
    }
    if (m->nw_tos & IP_DSCP_MASK) {
        if (version < OFP12_VERSION) {
            put_field_exact(b, MFF_IP_DSCP, version, match, true);
        } else {
            put_field_exact(b, MFF_IP_DSCP_SHIFTED, version, match, true);
        }
    }
    put_field_exact(b, MFF_IP_ECN, version, match,
                    (m->nw_tos & IP_ECN_MASK) != 0);
    put_field_exact(b, MFF_IP_TTL, version, match, m->nw_ttl != 0);
    put_field(b, MFF_IPV6_LABEL, version, match);
    put_field_exact(b, MFF_IP_PROTO, version, match, m->nw_proto != 0);
    put_l4(b, version, match, ipv6);
}

static void nx_put_body(struct ofpbuf *, enum ofp_version,
                        const struct match *);

/* Appends the NXM/OXM entries for 'match' for 'version' (OpenFlow 1.0
 * means NXM).  Returns the number of bytes appended. */
static int
nx_put_raw(struct ofpbuf *b, enum ofp_version version,
           const struct match *match, ovs_be64 cookie, ovs_be64 cookie_mask)
{
    const struct flow *flow = &match->flow;
    const struct flow *m = &match->wc.masks;
    size_t start = b->size;
    struct ofpbuf body;

    /* Everything but the packet type goes into 'body' first: the packet
     * type comes first but is left out when it is Ethernet and a field
     * that implies Ethernet follows. */
    ofpbuf_init(&body, 64);
    implies_eth = false;
    nx_put_body(&body, version, match);
    if (m->packet_type
        && !(flow->packet_type == htonl(0) && implies_eth)) {
        put_field_exact(b, MFF_PACKET_TYPE, version, match, true);
    }
    ofpbuf_put(b, body.data, body.size);
    ofpbuf_uninit(&body);

    /* Cookie (NXM only). */
    if (cookie_mask) {
        bool masked = cookie_mask != htonll(UINT64_MAX);
        ovs_be32 h32 = htonl(nxm_header_make(NXM_COOKIE_CLASS,
                                             NXM_COOKIE_FIELD, masked,
                                             masked ? 16 : 8));
        ovs_be64 c = cookie & cookie_mask;

        ofpbuf_put(b, &h32, 4);
        ofpbuf_put(b, &c, 8);
        if (masked) {
            ofpbuf_put(b, &cookie_mask, 8);
        }
    }

    return b->size - start;
}

/* Appends the NXM/OXM entries of 'match' other than the packet type and
 * the cookie. */
static void
nx_put_body(struct ofpbuf *b, enum ofp_version version,
            const struct match *match)
{
    const struct flow *m = &match->wc.masks;
    ovs_be16 dl_type;

    /* Metadata. */
    put_field(b, MFF_DP_HASH, version, match);
    put_field(b, MFF_RECIRC_ID, version, match);
    put_field(b, MFF_CONJ_ID, version, match);
    if (m->in_port.ofp_port) {
        put_field_exact(b, (version < OFP12_VERSION
                            ? MFF_IN_PORT : MFF_IN_PORT_OXM),
                        version, match, true);
    }
    put_field_exact(b, MFF_ACTSET_OUTPUT, version, match,
                    m->actset_output != 0);

    /* Ethernet. */
    put_field(b, MFF_ETH_SRC, version, match);
    put_field(b, MFF_ETH_DST, version, match);
    put_field_exact(b, MFF_ETH_TYPE, version, match, m->dl_type != 0);
    put_vlan(b, version, match);

    /* MPLS. */
    dl_type = effective_dl_type(match);
    if (eth_type_mpls(dl_type)) {
        uint32_t lse_mask = ntohl(m->mpls_lse[0]);

        put_field_exact(b, MFF_MPLS_TC, version, match,
                        (lse_mask & MPLS_TC_MASK) != 0);
        put_field_exact(b, MFF_MPLS_BOS, version, match,
                        (lse_mask & MPLS_BOS_MASK) != 0);
        put_field_exact(b, MFF_MPLS_TTL, version, match,
                        (lse_mask & MPLS_TTL_MASK) != 0);
        put_field_exact(b, MFF_MPLS_LABEL, version, match,
                        (lse_mask & MPLS_LABEL_MASK) != 0);
    }

    /* L3 and L4. */
    if (dl_type == htons(ETH_TYPE_IP)) {
        put_ip(b, version, match, false);
    } else if (dl_type == htons(ETH_TYPE_IPV6)) {
        put_ip(b, version, match, true);
    } else if (dl_type == htons(ETH_TYPE_ARP)
               || dl_type == htons(ETH_TYPE_RARP)) {
        put_field_exact(b, MFF_ARP_OP, version, match, m->nw_proto != 0);
        put_field(b, MFF_ARP_SPA, version, match);
        put_field(b, MFF_ARP_TPA, version, match);
        put_field(b, MFF_ARP_SHA, version, match);
        put_field(b, MFF_ARP_THA, version, match);
    }

    /* Tunnel. */
    put_field(b, MFF_TUN_ID, version, match);
    put_field(b, MFF_TUN_FLAGS, version, match);
    put_field(b, MFF_TUN_SRC, version, match);
    put_field(b, MFF_TUN_DST, version, match);
    put_field(b, MFF_TUN_IPV6_SRC, version, match);
    put_field(b, MFF_TUN_IPV6_DST, version, match);
    put_field(b, MFF_TUN_GBP_ID, version, match);
    put_field(b, MFF_TUN_GBP_FLAGS, version, match);

    /* Registers. */
    if (version >= OFP15_VERSION) {
        for (int i = 0; i < MFF_N_XREGS; i++) {
            put_field(b, MFF_XREG0 + i, version, match);
        }
    } else {
        for (int i = 0; i < MFF_N_REGS; i++) {
            put_field(b, MFF_REG0 + i, version, match);
        }
    }

    put_field(b, MFF_PKT_MARK, version, match);

    /* Connection tracking. */
    put_field(b, MFF_CT_STATE, version, match);
    put_field_exact(b, MFF_CT_ZONE, version, match, m->ct_zone != 0);
    put_field(b, MFF_CT_MARK, version, match);
    put_field(b, MFF_CT_LABEL, version, match);
    put_field(b, MFF_CT_NW_SRC, version, match);
    put_field(b, MFF_CT_NW_DST, version, match);
    put_field(b, MFF_CT_IPV6_SRC, version, match);
    put_field(b, MFF_CT_IPV6_DST, version, match);
    put_field_exact(b, MFF_CT_NW_PROTO, version, match,
                    m->ct_nw_proto != 0);
    if (m->ct_nw_proto) {
        put_field(b, MFF_CT_TP_SRC, version, match);
        put_field(b, MFF_CT_TP_DST, version, match);
    }

    /* OpenFlow 1.1+ metadata. */
    put_field(b, MFF_METADATA, version, match);
}

int
nx_put_match(struct ofpbuf *b, const struct match *match,
             ovs_be64 cookie, ovs_be64 cookie_mask)
{
    int match_len = nx_put_raw(b, OFP10_VERSION, match, cookie, cookie_mask);

    ofpbuf_put_zeros(b, (ROUND_UP(match_len, 8) - match_len));
    return match_len;
}

void
oxm_put_raw(struct ofpbuf *b, const struct match *match,
            enum ofp_version version)
{
    nx_put_raw(b, version, match, 0, 0);
}

int
oxm_put_match(struct ofpbuf *b, const struct match *match,
              enum ofp_version version)
{
    size_t start = b->size;
    struct ofp11_match_header *omh;
    int match_len;

    ofpbuf_put_uninit(b, sizeof *omh);
    match_len = nx_put_raw(b, version, match, 0, 0) + sizeof *omh;
    ofpbuf_put_zeros(b, (ROUND_UP(match_len, 8) - match_len));

    omh = ofpbuf_at(b, start, sizeof *omh);
    omh->type = htons(OFPMT_OXM);
    omh->length = htons(match_len);
    return match_len;
}

/* Text. */

/* Returns true (and logs a warning) if the 'n' bytes of value 'v' have
 * 1-bits where mask 'm' has 0-bits. */
static bool
nxm_value_outside_mask(const struct nxm_hdr *h, const uint8_t *v,
                       const uint8_t *m, unsigned int n)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 2);

    for (unsigned int i = 0; i < n; i++) {
        if (v[i] & ~m[i]) {
            char *s = nxm_hdr_to_string(h);

            VLOG_WARN_RL(&rl, "Rejecting NXM/OXM entry %s with 1-bits in "
                         "value for bits wildcarded by the mask.", s);
            free(s);
            return true;
        }
    }
    return false;
}

/* Formats the entries in the 'len' bytes at 'p' into 's'. */
static void
nx_format_entries(const uint8_t *p, unsigned int len, struct ds *s)
{
    bool first = true;

    while (len > 0) {
        const struct nxm_field_def *d;
        const uint8_t *v, *m;
        unsigned int n_bytes;
        struct nxm_hdr h;
        size_t entry_len;

        if (nxm_pull_raw_entry(p, len, &h, &d, &v, &m, &n_bytes,
                               &entry_len)) {
            break;
        }
        if (m && nxm_value_outside_mask(&h, v, m, n_bytes)) {
            /* Upstream stops formatting at an entry that it rejects. */
            p += entry_len;
            len -= entry_len;
            break;
        }
        if (!first) {
            ds_put_cstr(s, ", ");
        }
        first = false;

        if (d) {
            ds_put_cstr(s, d->name);
        } else if (h.class == NXM_COOKIE_CLASS
                   && h.field == NXM_COOKIE_FIELD && n_bytes == 8) {
            ds_put_cstr(s, "NXM_NX_COOKIE");
        } else if (is_experimenter(&h)) {
            ds_put_format(s, "%"PRIu32":%d:%d", h.experimenter, h.class,
                          h.field);
        } else {
            ds_put_format(s, "%d:%d", h.class, h.field);
        }
        if (m) {
            ds_put_cstr(s, "_W");
        }
        ds_put_char(s, '(');
        for (unsigned int i = 0; i < n_bytes; i++) {
            ds_put_format(s, "%02x", v[i]);
        }
        if (m) {
            ds_put_char(s, '/');
            for (unsigned int i = 0; i < n_bytes; i++) {
                ds_put_format(s, "%02x", m[i]);
            }
        }
        ds_put_char(s, ')');

        p += entry_len;
        len -= entry_len;
    }

    if (len) {
        if (!first) {
            ds_put_cstr(s, ", ");
        }
        ds_put_format(s, "<%u invalid bytes>", len);
    }
}

char *
nx_match_to_string(const uint8_t *p, unsigned int match_len)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    if (!match_len) {
        return xstrdup("<any>");
    }
    nx_format_entries(p, match_len, &s);
    return ds_steal_cstr(&s);
}

char *
oxm_match_to_string(const struct ofpbuf *b, unsigned int match_len)
{
    const struct ofp11_match_header *omh = b->data;
    struct ds s = DS_EMPTY_INITIALIZER;

    if (match_len < sizeof *omh || b->size < match_len) {
        ds_put_format(&s, "<match too short: %u>", match_len);
    } else if (omh->type != htons(OFPMT_OXM)) {
        ds_put_format(&s, "<bad match type field: %u>", ntohs(omh->type));
    } else if (ntohs(omh->length) != match_len) {
        ds_put_format(&s, "<bad length field: %u>", ntohs(omh->length));
    } else if (match_len == sizeof *omh) {
        ds_put_cstr(&s, "<any>");
    } else {
        nx_format_entries((const uint8_t *) b->data + sizeof *omh,
                          match_len - sizeof *omh, &s);
    }
    return ds_steal_cstr(&s);
}

/* Parses hex digit pairs (white space allowed around them) from the front
 * of 's' into 'b', which must come to 'n' bytes.  Returns the first
 * character not parsed.  Exits with upstream's message otherwise: for a
 * value ('is_mask' false) "expected to read N bytes but got M", for a mask
 * "XX: hex digits expected" (XX: the first two characters not parsed). */
static const char *
parse_hex_bytes(struct ofpbuf *b, const char *s, unsigned int n,
                bool is_mask)
{
    const char *end;
    size_t got;

    end = ofpbuf_put_hex(b, s, &got);
    if (got != n) {
        if (is_mask) {
            ovs_fatal(0, "%.2s: hex digits expected", end);
        }
        ovs_fatal(0, "expected to read %u bytes but got %zu", n, got);
    }
    return end;
}

/* Appends the entries written in 's' to 'b'.  Returns the number of bytes
 * appended.  Exits on a syntax error, as upstream's does. */
static int
nx_match_from_string_raw(const char *s, struct ofpbuf *b)
{
    const char *full_s = s;
    size_t start = b->size;

    if (!strcmp(s, "<any>")) {
        return 0;
    }

    for (s += strspn(s, ", "); *s; s += strspn(s, ", ")) {
        const struct nxm_field_def *d;
        const char *name = s;
        size_t name_len = strcspn(s, "(");
        unsigned int n_bytes;
        bool masked;

        if (!s[name_len]) {
            ovs_fatal(0, "%s: missing ( at end of nx_match", full_s);
        }
        d = nxm_def_by_name_masked(name, name_len, &masked);
        if (d) {
            nxm_put_hdr(b, d, masked);
            n_bytes = d->n_bytes;
        } else if (name_len >= 13 && !memcmp(name, "NXM_NX_COOKIE", 13)
                   && (name_len == 13
                       || (name_len == 15 && !memcmp(name + 13, "_W", 2)))) {
            ovs_be32 h32;

            masked = name_len == 15;
            h32 = htonl(nxm_header_make(NXM_COOKIE_CLASS, NXM_COOKIE_FIELD,
                                        masked, masked ? 16 : 8));
            ofpbuf_put(b, &h32, 4);
            n_bytes = 8;
        } else {
            ovs_fatal(0, "%s: unknown field `%.*s'", full_s,
                      (int) name_len, name);
        }
        s += name_len + 1;

        s = parse_hex_bytes(b, s, n_bytes, false);
        if (masked) {
            if (*s != '/') {
                ovs_fatal(0, "%s: missing / in masked field %.*s", full_s,
                          (int) name_len, name);
            }
            s = parse_hex_bytes(b, s + 1, n_bytes, true);
        }
        if (*s != ')') {
            ovs_fatal(0, "%s: missing ) following field %.*s", full_s,
                      (int) name_len, name);
        }
        s++;
    }
    return b->size - start;
}

int
nx_match_from_string(const char *s, struct ofpbuf *b)
{
    int match_len = nx_match_from_string_raw(s, b);

    ofpbuf_put_zeros(b, (ROUND_UP(match_len, 8) - match_len));
    return match_len;
}

int
oxm_match_from_string(const char *s, struct ofpbuf *b)
{
    size_t start = b->size;
    struct ofp11_match_header *omh;
    int match_len;

    ofpbuf_put_uninit(b, sizeof *omh);
    match_len = nx_match_from_string_raw(s, b) + sizeof *omh;
    ofpbuf_put_zeros(b, (ROUND_UP(match_len, 8) - match_len));

    omh = ofpbuf_at(b, start, sizeof *omh);
    omh->type = htons(OFPMT_OXM);
    omh->length = htons(match_len);
    return match_len;
}

/* OXM bitmaps. */

ovs_be64
oxm_bitmap_from_mf_bitmap(const struct mf_bitmap *fields,
                          enum ofp_version version)
{
    uint64_t oxm_bitmap = 0;

    for (int i = 0; i < MFF_N_IDS; i++) {
        if (mf_bitmap_is_set(fields, i)) {
            const struct nxm_field_def *d = nxm_def_for_field(i, version);

            if (d && d->class == 0x8000 && d->version <= version) {
                oxm_bitmap |= UINT64_C(1) << d->field;
            }
        }
    }
    return htonll(oxm_bitmap);
}

struct mf_bitmap
oxm_bitmap_to_mf_bitmap(ovs_be64 oxm_bitmap, enum ofp_version version)
{
    struct mf_bitmap fields = MF_BITMAP_INITIALIZER;
    uint64_t bm = be64toh(oxm_bitmap);

    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct nxm_field_def *d = nxm_def_for_field(i, version);

        if (d && d->class == 0x8000 && d->version <= version
            && (bm & (UINT64_C(1) << d->field))) {
            mf_bitmap_set(&fields, i);
        }
    }
    return fields;
}

static struct mf_bitmap
oxm_fields_where(bool (*pred)(const struct mf_field *))
{
    struct mf_bitmap fields = MF_BITMAP_INITIALIZER;

    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);

        if (mf_oxm_header(i, OFP15_VERSION) && pred(mf)) {
            mf_bitmap_set(&fields, i);
        }
    }
    return fields;
}

static bool
mf_writable(const struct mf_field *mf)
{
    return mf->writable;
}

static bool
mf_any(const struct mf_field *mf OVS_UNUSED)
{
    return true;
}

static bool
mf_maskable(const struct mf_field *mf)
{
    return mf->maskable != MFM_NONE;
}

struct mf_bitmap
oxm_writable_fields(void)
{
    return oxm_fields_where(mf_writable);
}

struct mf_bitmap
oxm_matchable_fields(void)
{
    return oxm_fields_where(mf_any);
}

struct mf_bitmap
oxm_maskable_fields(void)
{
    return oxm_fields_where(mf_maskable);
}

/* Register load. */

void
nxm_reg_load(const struct mf_subfield *dst, uint64_t src_data,
             struct flow *flow, struct flow_wildcards *wc)
{
    union mf_subvalue src;

    memset(&src, 0, sizeof src);
    src.integer = htonll(src_data);
    if (wc) {
        union mf_value mask;
        union mf_subvalue ones;
        struct mf_subfield sf = *dst;
        struct flow mflow;

        /* Marks the subfield's bits in 'wc'. */
        memset(&ones, 0xff, sizeof ones);
        memset(&mflow, 0, sizeof mflow);
        mf_write_subfield_flow(&sf, &ones, &mflow);
        mf_get_value(dst->field, &mflow, &mask);
        mf_mask_field_masked(dst->field, &mask, wc);
    }
    mf_write_subfield_flow(dst, &src, flow);
}
