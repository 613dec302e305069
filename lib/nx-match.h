/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef NX_MATCH_H
#define NX_MATCH_H 1

/* NXM and OXM: the type-length-value encodings of flow matches used by the
 * Nicira extensions (NXM, any OpenFlow version) and by OpenFlow 1.2+ (OXM,
 * inside struct ofp11_match_header of type OFPMT_OXM).
 *
 * An entry is a 32-bit header (class:16, field:7, hasmask:1, length:8)
 * followed by the value and, if hasmask, a mask of the same size.  Class
 * 0xffff is the experimenter class: its header is followed by a 32-bit
 * experimenter id that counts in the length.
 *
 * The tables that map fields to headers per OpenFlow version come from
 * lib/meta-flow.fields (see include/openvswitch/meta-flow.h). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include "openflow/openflow-common.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/types.h"

struct ds;
struct flow;
struct flow_wildcards;
struct match;
struct ofpbuf;
struct tun_table;
struct vl_mff_map;

/* Decoding matches.
 *
 * nx_pull_match() pulls 'match_len' bytes of NXM (plus the padding to a
 * multiple of 8 bytes) from the front of 'b' into 'match'.  Unknown fields
 * are errors (OFPERR_OFPBMC_BAD_FIELD); nx_pull_match_loose() skips them.
 * NXM_NX_COOKIE/NXM_NX_COOKIE_W entries are stored in '*cookie' and
 * '*cookie_mask' when those are nonnull (else they are BAD_FIELD errors).
 * With 'pipeline_fields_only', fields that are not pipeline fields are
 * errors.  'tun_table' and 'vl_mff_map' are reserved and must be NULL.
 *
 * oxm_pull_match() pulls a whole struct ofp11_match_header of type
 * OFPMT_OXM, with its padding, from 'b'.
 *
 * Errors: OFPERR_OFPBMC_BAD_LEN (truncated), OFPERR_OFPBMC_BAD_FIELD
 * (unknown or not allowed field), OFPERR_OFPBMC_DUP_FIELD (field given
 * twice), OFPERR_OFPBMC_BAD_MASK (mask not allowed or invalid),
 * OFPERR_OFPBMC_BAD_VALUE (value bits set outside the mask, or invalid
 * value), OFPERR_OFPBMC_BAD_PREREQ (prerequisites not met),
 * OFPERR_OFPBRC_BAD_LEN. */
enum ofperr nx_pull_match(struct ofpbuf *b, unsigned int match_len,
                          struct match *match,
                          ovs_be64 *cookie, ovs_be64 *cookie_mask,
                          bool pipeline_fields_only,
                          const struct tun_table *,
                          const struct vl_mff_map *);
enum ofperr nx_pull_match_loose(struct ofpbuf *b, unsigned int match_len,
                                struct match *match,
                                ovs_be64 *cookie, ovs_be64 *cookie_mask,
                                bool pipeline_fields_only,
                                const struct tun_table *);
enum ofperr oxm_pull_match(struct ofpbuf *b, bool pipeline_fields_only,
                           const struct tun_table *,
                           const struct vl_mff_map *, struct match *);
enum ofperr oxm_pull_match_loose(struct ofpbuf *b, bool pipeline_fields_only,
                                 const struct tun_table *, struct match *);

/* Decodes 'oxm_len' bytes of OXM entries at 'oxm' (no ofp11_match_header,
 * no padding) into 'match', strictly (unknown fields are errors). */
enum ofperr oxm_decode_match(const void *oxm, size_t oxm_len,
                             bool pipeline_fields_only,
                             const struct tun_table *,
                             const struct vl_mff_map *, struct match *);

/* Encoding matches.
 *
 * nx_put_match() appends 'match' as NXM to 'b' (with NXM_NX_COOKIE_W for a
 * nonzero 'cookie_mask'), padded with zeros to a multiple of 8 bytes, and
 * returns the length of the NXM without padding.  oxm_put_match() appends
 * a struct ofp11_match_header of type OFPMT_OXM followed by the entries
 * and padding, for OpenFlow 'version', and returns the length of the
 * match without padding (the ofp11_match_header's 'length').  oxm_put_raw()
 * appends just the entries. */
int nx_put_match(struct ofpbuf *b, const struct match *match,
                 ovs_be64 cookie, ovs_be64 cookie_mask);
int oxm_put_match(struct ofpbuf *b, const struct match *match,
                  enum ofp_version version);
void oxm_put_raw(struct ofpbuf *b, const struct match *match,
                 enum ofp_version version);

/* Entries and headers.
 *
 * nx_pull_entry() pulls one entry (header, value, mask) from 'b'.  With
 * 'is_action', the entry is the payload of a set_field action: masks are
 * then OFPERR_OFPBAC_BAD_SET_MASK errors and invalid values
 * OFPERR_OFPBAC_BAD_SET_ARGUMENT.  'mask' may be NULL if masks are not
 * allowed (then a masked entry is OFPERR_OFPBMC_BAD_MASK).
 *
 * nx_pull_header() pulls just a header (no value), as in NXAST_REG_MOVE
 * and NXAST_LEARN: '*field' is the field and '*masked' whether the header
 * has its hasmask bit set ('masked' may be NULL, then a masked header is an
 * OFPERR_OFPBMC_BAD_MASK error).  Unknown fields are
 * OFPERR_OFPBMC_BAD_FIELD, a truncated header OFPERR_OFPBMC_BAD_LEN. */
enum ofperr nx_pull_entry(struct ofpbuf *b, const struct vl_mff_map *,
                          const struct mf_field **field,
                          union mf_value *value, union mf_value *mask,
                          bool is_action);
enum ofperr nx_pull_header(struct ofpbuf *b, const struct vl_mff_map *,
                           const struct mf_field **field, bool *masked);

/* nx_pull_set_field_entry() pulls the entry of a set_field action
 * (OFPAT_SET_FIELD, NXAST_REG_LOAD2) from 'b', with the error codes
 * upstream gives: an unknown experimenter, or a header whose length leaves
 * no room for a value, is OFPERR_OFPBAC_BAD_SET_TYPE; an unknown field or
 * a value of the wrong width is OFPERR_OFPBAC_BAD_SET_LEN; an entry longer
 * than 'b' is OFPERR_OFPBMC_BAD_LEN; a value with 1-bits outside its mask is
 * OFPERR_OFPBMC_BAD_WILDCARDS; any mask when 'may_mask' is false is
 * OFPERR_OFPBAC_BAD_SET_MASK.  A masked entry's odd trailing byte is
 * ignored.  Stores the field, value and mask (all-ones without one); the
 * caller checks writability and the value. */
enum ofperr nx_pull_set_field_entry(struct ofpbuf *b, bool may_mask,
                                    const struct mf_field **field,
                                    union mf_value *value,
                                    union mf_value *mask);

/* Appends an entry for 'field' with 'n_bytes' of 'value' and, if 'mask' is
 * nonnull and not all-ones, 'mask', choosing the header for 'version'.  An
 * all-zeros mask appends nothing. */
void nxm_put_entry_raw(struct ofpbuf *b, enum mf_field_id field,
                       enum ofp_version version,
                       const void *value, const void *mask, size_t n_bytes);
void nx_put_entry(struct ofpbuf *b, const struct mf_field *,
                  enum ofp_version version,
                  const union mf_value *value, const union mf_value *mask);

/* Appends the header (4 bytes, or 8 for an experimenter OXM) of 'field' for
 * 'version', with the hasmask bit and doubled length if 'masked'. */
void nx_put_header(struct ofpbuf *b, enum mf_field_id field,
                   enum ofp_version version, bool masked);
void nx_put_mff_header(struct ofpbuf *b, const struct mf_field *,
                       enum ofp_version version, bool masked);

/* Header values.
 *
 * mf_nxm_header() returns the 32-bit NXM header of 'id' for OpenFlow 1.0
 * (the header nx_put_match() uses), or 0 if 'id' has none; for a field that
 * only has an experimenter OXM this is the first 32 bits of it.
 * mf_oxm_header() returns the header used for 'version', or 0.
 * mf_from_nxm_header() returns the field with 32-bit NXM/OXM header
 * 'header' (the hasmask bit and length are ignored), or NULL. */
uint32_t mf_nxm_header(enum mf_field_id id);
uint32_t mf_oxm_header(enum mf_field_id id, enum ofp_version version);
uint32_t nxm_header_from_mff(const struct mf_field *);
const struct mf_field *mf_from_nxm_header(uint32_t header,
                                          const struct vl_mff_map *);

/* Returns the field whose NXM/OXM name is 'name' ("NXM_OF_IN_PORT",
 * "OXM_OF_IN_PORT", or with "_W" appended, which sets '*masked'), or
 * NULL. */
const struct mf_field *nx_field_from_name(const char *name, bool *masked);

/* Returns the name ("NXM_OF_IN_PORT", "OXM_OF_IN_PORT", ...) of the header
 * used for 'id' in 'version', appended to 's'. */
void nx_format_field_name(enum mf_field_id id, enum ofp_version version,
                          struct ds *s);

/* Text.
 *
 * nx_match_to_string() formats 'match_len' bytes of NXM at 'p' as
 * ovs-ofctl's parse-nx-match prints them ("NXM_OF_IN_PORT(0001),
 * NXM_OF_ETH_TYPE(0800)", "<any>" for none, "<N bytes of trailing
 * garbage>" etc.).  oxm_match_to_string() does the same for a struct
 * ofp11_match_header with OXM at the front of 'b'.  Both return malloc()ed
 * strings.
 *
 * nx_match_from_string() and oxm_match_from_string() parse that syntax and
 * append the encoding to 'b': nx_match_from_string() appends raw NXM plus
 * padding and returns the unpadded length; oxm_match_from_string() appends
 * an ofp11_match_header with padding and returns the unpadded length. */
char *nx_match_to_string(const uint8_t *p, unsigned int match_len);
char *oxm_match_to_string(const struct ofpbuf *b, unsigned int match_len);
int nx_match_from_string(const char *s, struct ofpbuf *b);
int oxm_match_from_string(const char *s, struct ofpbuf *b);

/* OXM bitmaps (OpenFlow 1.2 table stats' match/wildcards/write_setfields
 * fields: bit N is OXM field N of class OFPXMC12_OPENFLOW_BASIC). */
ovs_be64 oxm_bitmap_from_mf_bitmap(const struct mf_bitmap *,
                                   enum ofp_version);
struct mf_bitmap oxm_bitmap_to_mf_bitmap(ovs_be64 oxm_bitmap,
                                         enum ofp_version);
struct mf_bitmap oxm_writable_fields(void);
struct mf_bitmap oxm_matchable_fields(void);
struct mf_bitmap oxm_maskable_fields(void);

/* Pieces of a 32-bit NXM/OXM header. */
static inline uint32_t
nxm_header_make(int class, int field, bool hasmask, int length)
{
    return ((uint32_t) class << 16) | ((uint32_t) field << 9)
           | ((uint32_t) hasmask << 8) | (uint32_t) length;
}

static inline int nxm_header_class(uint32_t h) { return h >> 16; }
static inline int nxm_header_field(uint32_t h) { return (h >> 9) & 0x7f; }
static inline bool nxm_header_hasmask(uint32_t h) { return h & 0x100; }
static inline int nxm_header_length(uint32_t h) { return h & 0xff; }

/* The 'ofs_nbits' members of several Nicira extension actions. */
static inline ovs_be16
nxm_encode_ofs_nbits(int ofs, int n_bits)
{
    return htons((ofs << 6) | (n_bits - 1));
}

static inline int
nxm_decode_ofs(ovs_be16 ofs_nbits)
{
    return ntohs(ofs_nbits) >> 6;
}

static inline int
nxm_decode_n_bits(ovs_be16 ofs_nbits)
{
    return (ntohs(ofs_nbits) & 0x3f) + 1;
}

/* Upper bound on the length of an nx_match, and a typical length for
 * preallocating buffers. */
#define NXM_MAX_LEN 4096
#define NXM_TYPICAL_LEN 64

/* Writes the bits of 'src_data' into the subfield 'dst' of 'flow' and
 * marks them in 'wc' (if nonnull), as NXAST_REG_LOAD does. */
void nxm_reg_load(const struct mf_subfield *dst, uint64_t src_data,
                  struct flow *flow, struct flow_wildcards *wc);

#endif /* nx-match.h */
