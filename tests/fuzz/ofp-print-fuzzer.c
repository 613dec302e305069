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

/* Decodes flow mod 'oh' into 'fm' (with actions in 'ofpacts') as the switch
 * does, for 'protocol'.  Returns 0 or an OFPERR_* value. */
static enum ofperr
fuzz_decode_flow_mod(struct ofputil_flow_mod *fm, const struct ofp_header *oh,
                     enum ofputil_protocol protocol, struct ofpbuf *ofpacts)
{
    return ofputil_decode_flow_mod(fm, oh, protocol, NULL, NULL, ofpacts,
                                   OFPP_MAX, 255);
}

/* Round-trips flow mod 'oh' of raw type 'raw'. */
static void
fuzz_flow_mod(const struct ofp_header *oh, enum ofpraw raw)
{
    enum ofputil_protocol protocol = fuzz_flow_mod_protocol(oh, raw);
    uint64_t stub1[1024 / 8], stub2[1024 / 8], stub3[1024 / 8];
    struct ofpbuf ofpacts1, ofpacts2, ofpacts3;
    struct ofputil_flow_mod fm1, fm2, fm3;
    struct ofpbuf *msg2 = NULL, *msg3 = NULL, *msg4 = NULL;
    enum ofperr error;

    ofpbuf_use_stub(&ofpacts1, stub1, sizeof stub1);
    ofpbuf_use_stub(&ofpacts2, stub2, sizeof stub2);
    ofpbuf_use_stub(&ofpacts3, stub3, sizeof stub3);
    if (fuzz_decode_flow_mod(&fm1, oh, protocol, &ofpacts1)) {
        goto out;
    }
    msg2 = ofputil_encode_flow_mod(&fm1, protocol);
    error = fuzz_decode_flow_mod(&fm2, msg2->data, protocol, &ofpacts2);
    if (fuzz_is_deprecated_action_error(oh, error)) {
        goto out;
    } else if (error) {
        fuzz_fail("re-encoded flow mod does not decode",
                  msg2->data, msg2->size);
    }
    msg3 = ofputil_encode_flow_mod(&fm2, protocol);
    if (fuzz_decode_flow_mod(&fm3, msg3->data, protocol, &ofpacts3)) {
        fuzz_fail("twice re-encoded flow mod does not decode",
                  msg3->data, msg3->size);
    }
    msg4 = ofputil_encode_flow_mod(&fm3, protocol);
    if (!fuzz_same_message(msg3, msg4)) {
        fuzz_fail("flow mod round trip is not stable",
                  msg3->data, msg3->size);
    }

out:
    ofpbuf_delete(msg2);
    ofpbuf_delete(msg3);
    ofpbuf_delete(msg4);
    ofpbuf_uninit(&ofpacts1);
    ofpbuf_uninit(&ofpacts2);
    ofpbuf_uninit(&ofpacts3);
}

/* Round-trips packet-out 'oh'. */
static void
fuzz_packet_out(const struct ofp_header *oh)
{
    enum ofputil_protocol protocol
        = ofputil_protocol_from_ofp_version(oh->version);
    uint64_t stub1[1024 / 8], stub2[1024 / 8], stub3[1024 / 8];
    struct ofpbuf ofpacts1, ofpacts2, ofpacts3;
    struct ofputil_packet_out po1, po2, po3;
    struct ofpbuf *msg2 = NULL, *msg3 = NULL, *msg4 = NULL;
    enum ofperr error;

    ofpbuf_use_stub(&ofpacts1, stub1, sizeof stub1);
    ofpbuf_use_stub(&ofpacts2, stub2, sizeof stub2);
    ofpbuf_use_stub(&ofpacts3, stub3, sizeof stub3);
    if (!protocol || ofputil_decode_packet_out(&po1, oh, NULL, &ofpacts1)) {
        goto out;
    }
    msg2 = ofputil_encode_packet_out(&po1, protocol);
    error = ofputil_decode_packet_out(&po2, msg2->data, NULL, &ofpacts2);
    if (fuzz_is_deprecated_action_error(oh, error)) {
        goto out;
    } else if (error) {
        fuzz_fail("re-encoded packet-out does not decode",
                  msg2->data, msg2->size);
    }
    msg3 = ofputil_encode_packet_out(&po2, protocol);
    if (ofputil_decode_packet_out(&po3, msg3->data, NULL, &ofpacts3)) {
        fuzz_fail("twice re-encoded packet-out does not decode",
                  msg3->data, msg3->size);
    }
    msg4 = ofputil_encode_packet_out(&po3, protocol);
    if (!fuzz_same_message(msg3, msg4)) {
        fuzz_fail("packet-out round trip is not stable",
                  msg3->data, msg3->size);
    }

out:
    ofpbuf_delete(msg2);
    ofpbuf_delete(msg3);
    ofpbuf_delete(msg4);
    ofpbuf_uninit(&ofpacts1);
    ofpbuf_uninit(&ofpacts2);
    ofpbuf_uninit(&ofpacts3);
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
            fuzz_flow_mod(oh, raw);
        } else if (type == OFPTYPE_PACKET_OUT) {
            fuzz_packet_out(oh);
        }
    }
    free(copy);
    return 0;
}
