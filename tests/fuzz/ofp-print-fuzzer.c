/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* A libFuzzer target for the OpenFlow message decoder.
 *
 * Each input is one OpenFlow message, header included, as a switch or a
 * controller would receive it.  The target:
 *
 *   - prints it with ofp_to_string() at verbosities 0 and 2 (which decodes
 *     every message type the printer knows, with its matches, actions,
 *     instructions, properties and packets);
 *
 *   - for flow mods and packet-outs, the messages a switch acts on, decodes
 *     it as a switch does, re-encodes the result in the same protocol and
 *     checks that the re-encoded message decodes again and that a second
 *     round trip gives the very same bytes (decode(encode(x)) is stable).
 *
 * Built with clang -fsanitize=fuzzer,address,undefined by "make fuzz"
 * (see tests/fuzz/automake.mk); any sanitizer report or abort() is a
 * finding.  The seed corpus comes from the suite's hex messages
 * (tests/fuzz/gen-corpus.py). */

#include <config.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Reports a failed round-trip check on message 'oh' of 'len' bytes with
 * 'what' and aborts, so that libFuzzer saves the input. */
static void
fuzz_fail(const char *what, const void *oh, size_t len)
{
    const uint8_t *p = oh;
    size_t i;

    fprintf(stderr, "ofp-print-fuzzer: %s:", what);
    for (i = 0; i < len; i++) {
        fprintf(stderr, "%02x", p[i]);
    }
    fprintf(stderr, "\n");
    abort();
}

/* Returns true if OpenFlow messages 'a' and 'b' are the same but for their
 * transaction ids (each encoding takes a new one). */
static bool
fuzz_same_message(const struct ofpbuf *a, const struct ofpbuf *b)
{
    const struct ofp_header *ah = a->data;
    const struct ofp_header *bh = b->data;

    return (a->size == b->size
            && !memcmp(ah, bh, offsetof(struct ofp_header, xid))
            && !memcmp(ah + 1, bh + 1, a->size - sizeof *ah));
}

/* Returns true if 'error', from decoding the re-encoding of message 'oh',
 * is one that upstream gives as well: OpenFlow 1.2 still accepts the
 * OpenFlow 1.1 actions (e.g. set_mpls_label) without checking their
 * prerequisites or the range of their argument, but they are re-encoded as
 * set_field, which is checked. */
static bool
fuzz_is_deprecated_action_error(const struct ofp_header *oh,
                                enum ofperr error)
{
    return (oh->version == OFP12_VERSION
            && (error == OFPERR_OFPBAC_MATCH_INCONSISTENT
                || error == OFPERR_OFPBAC_BAD_SET_ARGUMENT));
}

/* Returns the single protocol in which flow mod 'oh', whose raw type is
 * 'raw', was encoded (with the table_id extension for OpenFlow 1.0, so
 * that the table id carried in the command's high byte survives). */
static enum ofputil_protocol
fuzz_flow_mod_protocol(const struct ofp_header *oh, enum ofpraw raw)
{
    if (raw == OFPRAW_NXT_FLOW_MOD) {
        return OFPUTIL_P_OF10_NXM_TID;
    } else if (oh->version == OFP10_VERSION) {
        return OFPUTIL_P_OF10_STD_TID;
    } else {
        return ofputil_protocol_from_ofp_version(oh->version);
    }
}

/* How to decode and encode one kind of message for a round trip: a flow
 * mod or a packet-out, decoded into the union below. */
union fuzz_decoded {
    struct ofputil_flow_mod fm;
    struct ofputil_packet_out po;
};
struct fuzz_codec {
    const char *name;           /* "flow mod", "packet-out". */
    enum ofperr (*decode)(union fuzz_decoded *, const struct ofp_header *,
                          enum ofputil_protocol, struct ofpbuf *ofpacts);
    struct ofpbuf *(*encode)(const union fuzz_decoded *,
                             enum ofputil_protocol);
};

/* Decodes flow mod 'oh' into 'd' (with actions in 'ofpacts') as the switch
 * does, for 'protocol'.  Returns 0 or an OFPERR_* value. */
static enum ofperr
fuzz_decode_flow_mod(union fuzz_decoded *d, const struct ofp_header *oh,
                     enum ofputil_protocol protocol, struct ofpbuf *ofpacts)
{
    return ofputil_decode_flow_mod(&d->fm, oh, protocol, NULL, NULL, ofpacts,
                                   OFPP_MAX, 255);
}

static struct ofpbuf *
fuzz_encode_flow_mod(const union fuzz_decoded *d,
                     enum ofputil_protocol protocol)
{
    return ofputil_encode_flow_mod(&d->fm, protocol);
}

static enum ofperr
fuzz_decode_packet_out(union fuzz_decoded *d, const struct ofp_header *oh,
                       enum ofputil_protocol protocol OVS_UNUSED,
                       struct ofpbuf *ofpacts)
{
    return ofputil_decode_packet_out(&d->po, oh, NULL, ofpacts);
}

static struct ofpbuf *
fuzz_encode_packet_out(const union fuzz_decoded *d,
                       enum ofputil_protocol protocol)
{
    return ofputil_encode_packet_out(&d->po, protocol);
}

static const struct fuzz_codec fuzz_flow_mod_codec = {
    "flow mod", fuzz_decode_flow_mod, fuzz_encode_flow_mod,
};
static const struct fuzz_codec fuzz_packet_out_codec = {
    "packet-out", fuzz_decode_packet_out, fuzz_encode_packet_out,
};

/* Round-trips message 'oh' in 'protocol' with 'codec': what decodes must
 * encode into a message that decodes again, and encoding that once more
 * must give the same bytes. */
static void
fuzz_round_trip(const struct fuzz_codec *codec, const struct ofp_header *oh,
                enum ofputil_protocol protocol)
{
    uint64_t stubs[3][1024 / 8];
    struct ofpbuf ofpacts[3];
    union fuzz_decoded d[3];
    struct ofpbuf *msg2 = NULL, *msg3 = NULL, *msg4 = NULL;
    enum ofperr error;

    for (int i = 0; i < 3; i++) {
        ofpbuf_use_stub(&ofpacts[i], stubs[i], sizeof stubs[i]);
    }
    if (!protocol || codec->decode(&d[0], oh, protocol, &ofpacts[0])) {
        goto out;
    }
    msg2 = codec->encode(&d[0], protocol);
    error = codec->decode(&d[1], msg2->data, protocol, &ofpacts[1]);
    if (fuzz_is_deprecated_action_error(oh, error)) {
        goto out;
    } else if (error) {
        fuzz_fail(xasprintf("re-encoded %s does not decode", codec->name),
                  msg2->data, msg2->size);
    }
    msg3 = codec->encode(&d[1], protocol);
    if (codec->decode(&d[2], msg3->data, protocol, &ofpacts[2])) {
        fuzz_fail(xasprintf("twice re-encoded %s does not decode",
                            codec->name), msg3->data, msg3->size);
    }
    msg4 = codec->encode(&d[2], protocol);
    if (!fuzz_same_message(msg3, msg4)) {
        fuzz_fail(xasprintf("%s round trip is not stable", codec->name),
                  msg3->data, msg3->size);
    }

out:
    ofpbuf_delete(msg2);
    ofpbuf_delete(msg3);
    ofpbuf_delete(msg4);
    for (int i = 0; i < 3; i++) {
        ofpbuf_uninit(&ofpacts[i]);
    }
}

/* Turns logging off: the decoders log rate-limited warnings about what they
 * refuse, which only slows the fuzzer down. */
int
LLVMFuzzerInitialize(int *argc OVS_UNUSED, char ***argv OVS_UNUSED)
{
    vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_OFF);
    return 0;
}

/* Runs one input: 'size' bytes at 'data'. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct ofp_header *oh;
    enum ofpraw raw;
    uint8_t *copy;
    char *s;

    /* The decoders expect the message aligned as an ofpbuf's data is, with
     * a length field that says how long it is, as vconn delivers them: give
     * them exactly that, in a heap copy of its exact size so that ASan sees
     * every read past the end. */
    if (size < sizeof *oh || size > UINT16_MAX) {
        return 0;
    }
    copy = xmemdup(data, size);
    ((struct ofp_header *) copy)->length = htons(size);
    oh = (const struct ofp_header *) copy;

    s = ofp_to_string(copy, size, NULL, NULL, 0);
    free(s);
    s = ofp_to_string(copy, size, NULL, NULL, 2);
    free(s);

    if (!ofpraw_decode(&raw, oh)) {
        enum ofptype type = ofptype_from_ofpraw(raw);

        if (type == OFPTYPE_FLOW_MOD) {
            fuzz_round_trip(&fuzz_flow_mod_codec, oh,
                            fuzz_flow_mod_protocol(oh, raw));
        } else if (type == OFPTYPE_PACKET_OUT) {
            fuzz_round_trip(&fuzz_packet_out_codec, oh,
                            ofputil_protocol_from_ofp_version(oh->version));
        }
    }
    free(copy);
    return 0;
}
