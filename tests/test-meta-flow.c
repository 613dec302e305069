/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit tests of meta-flow and nx-match:
 *
 *   ovstest test-meta-flow set-field < LINES
 *       Each line is "FIELD VALUE": parses VALUE with mf_parse() and prints
 *       "set_field:TEXT->NAME" with TEXT from mf_format(), as ovs-ofctl
 *       prints a set_field action, or "FIELD VALUE: error: MESSAGE".
 *
 *   ovstest test-meta-flow subfield < LINES
 *       Each line is a subfield ("NXM_NX_REG0[0..3]"): prints it back with
 *       mf_format_subfield() or the error of mf_parse_subfield().
 *
 *   ovstest test-meta-flow oxm-flow-mod < LINES
 *   ovstest test-meta-flow decode-oxm < LINES
 *       Each line is OXM text (ovs-ofctl parse-oxm syntax): prints an
 *       OpenFlow 1.3 flow_mod with that match in hex, or decodes it strictly
 *       and prints the match as ovs-ofctl prints a flow's (or "error:
 *       NAME").
 *
 *   ovstest test-meta-flow selftest
 *       Checks the table, header round trips, decoding errors and subfield
 *       reads and writes; prints "ok" or the failures. */

#include <config.h>

#include <endian.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "match.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "openflow/openflow-1.1.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-match.h"
#include "openvswitch/ofp-protocol.h"
#include "ovstest.h"
#include "packets.h"

static int n_failures;

#define CHECK(COND)                                                     \
    do {                                                                \
        if (!(COND)) {                                                  \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__,    \
                   #COND);                                              \
            n_failures++;                                               \
        }                                                               \
    } while (0)

static void
test_set_field(void)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        char *s = ds_cstr(&line);
        char *space = strchr(s, ' ');
        const struct mf_field *mf;
        union mf_value value, mask;
        char *error;

        if (!space) {
            continue;
        }
        *space = '\0';
        mf = mf_from_name(s);
        if (!mf) {
            printf("%s: unknown field\n", s);
            continue;
        }
        error = mf_parse(mf, space + 1, NULL, &value, &mask);
        if (error) {
            printf("%s %s: error: %s\n", s, space + 1, error);
            free(error);
        } else {
            struct ds out = DS_EMPTY_INITIALIZER;

            mf_format(mf, &value, &mask, NULL, &out);
            printf("set_field:%s->%s\n", ds_cstr(&out), mf->name);
            ds_destroy(&out);
        }
    }
    ds_destroy(&line);
}

static void
test_subfield(void)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        struct mf_subfield sf;
        char *error;

        error = mf_parse_subfield(&sf, ds_cstr(&line));
        if (error) {
            printf("error: %s\n", error);
            free(error);
        } else {
            struct ds out = DS_EMPTY_INITIALIZER;

            mf_format_subfield(&sf, &out);
            printf("%s\n", ds_cstr(&out));
            ds_destroy(&out);
        }
    }
    ds_destroy(&line);
}

/* For each line of OXM text on stdin: with 'decode', decodes it strictly
 * (as a flow_mod's match is) and prints the match as ovs-ofctl prints a
 * flow, or "error: NAME"; otherwise prints an OpenFlow 1.3 flow_mod with
 * that match, in hex. */
static void
test_oxm(bool decode)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        struct ofpbuf b;
        ofpbuf_init(&b, 0);
        oxm_match_from_string(ds_cstr(&line), &b);
        if (decode) {
            struct match match;
            enum ofperr error;

            error = oxm_pull_match(&b, false, NULL, NULL, &match);
            if (error) {
                printf("error: %s\n", ofperr_get_name(error));
            } else {
                match_print(&match, NULL);
            }
        } else {
            /* An OpenFlow 1.3 OFPT_FLOW_MOD (add, table 0, priority
             * 0x8000, no buffer, any port and group, no instructions) with
             * this match. */
            const uint8_t *p = b.data;
            size_t total = 48 + b.size;

            printf("040e%04zx00000001", total);
            printf("0000000000000000" "0000000000000000" "0000" "00000000"
                   "8000" "ffffffff" "ffffffff" "ffffffff" "00000000");
            for (size_t i = 0; i < b.size; i++) {
                printf("%02x", p[i]);
            }
            putchar('\n');
        }
        ofpbuf_uninit(&b);
    }
    ds_destroy(&line);
}

/* Every field can be found by its names and has consistent sizes. */
static void
check_table(void)
{
    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);

        CHECK(mf->id == i);
        CHECK(mf_from_name(mf->name) == mf);
        if (mf->extra_name) {
            CHECK(mf_from_name(mf->extra_name) == mf);
        }
        CHECK(mf->n_bits <= mf->n_bytes * 8);
        CHECK(mf->n_bytes <= sizeof (union mf_value));
    }
    CHECK(mf_from_name("dl_src") == mf_from_id(MFF_ETH_SRC));
    CHECK(mf_from_name("nw_src") == mf_from_id(MFF_IPV4_SRC));
    CHECK(mf_from_name("tp_dst") == mf_from_id(MFF_TCP_DST));
    CHECK(mf_from_name("no_such_field") == NULL);
    CHECK(mf_from_name_len("reg3xyz", 4) == mf_from_id(MFF_REG3));
}

/* Every header round-trips through nx_put_header()/nx_pull_header(). */
static void
check_headers(void)
{
    for (int i = 0; i < MFF_N_IDS; i++) {
        for (int v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
            const struct mf_field *mf = mf_from_id(i);
            const struct mf_field *pulled;
            struct ofpbuf b;
            bool masked;

            if (!mf_oxm_header(i, v)) {
                continue;
            }
            for (int m = 0; m < 2; m++) {
                ofpbuf_init(&b, 0);
                nx_put_header(&b, i, v, m);
                CHECK(!nx_pull_header(&b, NULL, &pulled, &masked));
                CHECK(pulled == mf);
                CHECK(masked == m);
                CHECK(b.size == 0);
                ofpbuf_uninit(&b);
            }
        }
    }
    CHECK(mf_nxm_header(MFF_REG0) == 0x00010004);
    CHECK(mf_nxm_header(MFF_IN_PORT) == 0x00000002);
    CHECK(mf_oxm_header(MFF_TCP_FLAGS, OFP15_VERSION) == 0x80005402);
    CHECK(mf_oxm_header(MFF_TCP_FLAGS, OFP13_VERSION) == 0xffff5406);
    CHECK(mf_from_nxm_header(0x00010004, NULL) == mf_from_id(MFF_REG0));
    CHECK(mf_from_nxm_header(0x00010108, NULL) == mf_from_id(MFF_REG0));
    CHECK(mf_from_nxm_header(0x00012004, NULL) == NULL);
}

/* Decodes the 'n' bytes at 'p' as NXM, strictly or loosely. */
static enum ofperr
pull(const void *p, size_t n, bool strict, struct match *match)
{
    struct ofpbuf b;
    enum ofperr error;
    uint8_t buf[256];

    memset(buf, 0, sizeof buf);
    memcpy(buf, p, n);
    ofpbuf_use_const(&b, buf, ROUND_UP(n, 8));
    error = (strict
             ? nx_pull_match(&b, n, match, NULL, NULL, false, NULL, NULL)
             : nx_pull_match_loose(&b, n, match, NULL, NULL, false, NULL));
    return error;
}

static void
check_decode_errors(void)
{
    static const uint8_t ip_src_only[] = {
        0x00, 0x00, 0x0e, 0x04, 1, 2, 3, 4,
    };
    static const uint8_t ip_src_after[] = {
        0x00, 0x00, 0x0e, 0x04, 1, 2, 3, 4,
        0x00, 0x00, 0x06, 0x02, 0x08, 0x00,
    };
    static const uint8_t eth_type_ip_src[] = {
        0x00, 0x00, 0x06, 0x02, 0x08, 0x00,
        0x00, 0x00, 0x0e, 0x04, 1, 2, 3, 4,
    };
    static const uint8_t dup[] = {
        0x00, 0x01, 0x00, 0x04, 0, 0, 0, 1,
        0x00, 0x01, 0x00, 0x04, 0, 0, 0, 1,
    };
    static const uint8_t unknown[] = {
        0x00, 0x01, 0xfe, 0x04, 0, 0, 0, 1,
        0x00, 0x01, 0x00, 0x04, 0, 0, 0, 7,
    };
    static const uint8_t truncated_header[] = { 0x00, 0x01, 0x00 };
    static const uint8_t truncated_value[] = { 0x00, 0x01, 0x00, 0x04, 0 };
    static const uint8_t zero_length[] = { 0x00, 0x01, 0x00, 0x00 };
    static const uint8_t bad_wildcards[] = {
        0x00, 0x01, 0x01, 0x08, 0, 0, 0, 3, 0, 0, 0, 1,
    };
    static const uint8_t bad_mask[] = {
        0x00, 0x00, 0x07, 0x04, 0x08, 0x00, 0xff, 0x00,
    };
    static const uint8_t bad_value[] = {
        0x00, 0x00, 0x06, 0x02, 0x08, 0x00,
        0x00, 0x00, 0x0a, 0x01, 0x03,
    };
    struct match match;

    CHECK(pull(ip_src_only, sizeof ip_src_only, true, &match)
          == OFPERR_OFPBMC_BAD_PREREQ);
    CHECK(pull(ip_src_only, sizeof ip_src_only, false, &match) == 0);
    CHECK(pull(ip_src_after, sizeof ip_src_after, true, &match)
          == OFPERR_OFPBMC_BAD_PREREQ);
    CHECK(pull(eth_type_ip_src, sizeof eth_type_ip_src, true, &match) == 0);
    CHECK(match.flow.nw_src == htonl(0x01020304));
    CHECK(match.wc.masks.nw_src == htonl(UINT32_MAX));
    CHECK(pull(dup, sizeof dup, false, &match) == OFPERR_OFPBMC_DUP_FIELD);
    CHECK(pull(unknown, sizeof unknown, true, &match)
          == OFPERR_OFPBMC_BAD_FIELD);
    CHECK(pull(unknown, sizeof unknown, false, &match) == 0);
    CHECK(match.flow.regs[0] == 7);
    CHECK(pull(truncated_header, sizeof truncated_header, false, &match)
          == OFPERR_OFPBMC_BAD_LEN);
    CHECK(pull(truncated_value, sizeof truncated_value, false, &match)
          == OFPERR_OFPBMC_BAD_LEN);
    CHECK(pull(zero_length, sizeof zero_length, false, &match)
          == OFPERR_OFPBMC_BAD_LEN);
    CHECK(pull(bad_wildcards, sizeof bad_wildcards, false, &match)
          == OFPERR_OFPBMC_BAD_WILDCARDS);
    CHECK(pull(bad_mask, sizeof bad_mask, false, &match)
          == OFPERR_OFPBMC_BAD_MASK);
    CHECK(pull(bad_value, sizeof bad_value, false, &match)
          == OFPERR_OFPBMC_BAD_VALUE);

    /* An OXM match header of the wrong type. */
    {
        static const uint8_t bad_type[8] = { 0x00, 0x02, 0x00, 0x04 };
        struct ofpbuf b;

        ofpbuf_use_const(&b, bad_type, sizeof bad_type);
        CHECK(oxm_pull_match(&b, false, NULL, NULL, &match)
              == OFPERR_OFPBMC_BAD_TYPE);
    }
}

/* Encoding then decoding gives back the match, for NXM and every OXM
 * version. */
static void
check_round_trip(void)
{
    struct match match, back;
    struct ofpbuf b;
    int len;

    match_init_catchall(&match);
    match_set_dl_type(&match, htons(ETH_TYPE_IP));
    match_set_nw_proto(&match, IPPROTO_TCP);
    match_set_nw_src_masked(&match, htonl(0x0a000000), htonl(0xff000000));
    match_set_tp_dst(&match, htons(80));
    match_set_reg_masked(&match, 3, 0x10, 0xf0);
    match_set_metadata(&match, htobe64(0x1234));
    match_set_in_port(&match, 5);
    match_set_vlan_vid(&match, htons(0x1005));
    /* Decoding a field with prerequisites implies an Ethernet packet. */
    match.flow.packet_type = htonl(0);
    match.wc.masks.packet_type = htonl(UINT32_MAX);

    ofpbuf_init(&b, 0);
    len = nx_put_match(&b, &match, 0, 0);
    CHECK(b.size == ROUND_UP(len, 8));
    CHECK(!nx_pull_match(&b, len, &back, NULL, NULL, false, NULL, NULL));
    CHECK(match_equal(&match, &back));
    ofpbuf_uninit(&b);

    for (int v = OFP12_VERSION; v <= OFP15_VERSION; v++) {
        ofpbuf_init(&b, 0);
        len = oxm_put_match(&b, &match, v);
        CHECK(b.size == ROUND_UP(len, 8));
        CHECK(!oxm_pull_match(&b, false, NULL, NULL, &back));
        CHECK(match_equal(&match, &back));
        CHECK(b.size == 0);
        ofpbuf_uninit(&b);
    }

    /* OpenFlow 1.1 standard match. */
    {
        struct ofp11_match om;

        match_init_catchall(&match);
        match_set_dl_type(&match, htons(ETH_TYPE_IP));
        match_set_nw_proto(&match, IPPROTO_UDP);
        match_set_tp_src(&match, htons(53));
        match_set_metadata_masked(&match, htobe64(1), htobe64(3));
        ofputil_match_to_ofp11_match(&match, &om);
        CHECK(!ofputil_match_from_ofp11_match(&om, &back));
        /* A decoded match on Ethernet fields says packet_type=Ethernet,
         * as the NXM/OXM decoders do, so that one flow added in several
         * versions is one flow. */
        CHECK(back.wc.masks.packet_type == htonl(UINT32_MAX));
        CHECK(back.flow.packet_type == htonl(0));
        match.wc.masks.packet_type = htonl(UINT32_MAX);
        match.flow.packet_type = htonl(0);
        CHECK(match_equal(&match, &back));
    }

    /* Usable protocols. */
    match_init_catchall(&match);
    match_set_nw_src_masked(&match, htonl(0x0a000000), htonl(0xff000000));
    match_set_dl_type(&match, htons(ETH_TYPE_IP));
    CHECK(ofputil_usable_protocols(&match) == OFPUTIL_P_ANY);
    match_set_reg(&match, 0, 1);
    CHECK(ofputil_usable_protocols(&match) == OFPUTIL_P_NXM_OXM_ANY);
}

/* Subfield reads and writes and checks. */
static void
check_subfields(void)
{
    struct mf_subfield a, b;
    union mf_subvalue x;
    struct flow flow;
    struct flow_wildcards wc;
    struct match match;
    char *error;

    memset(&flow, 0, sizeof flow);
    flow.regs[0] = 0x12345678;

    error = mf_parse_subfield(&a, "NXM_NX_REG0[8..15]");
    CHECK(!error);
    free(error);
    CHECK(a.field == mf_from_id(MFF_REG0) && a.ofs == 8 && a.n_bits == 8);
    CHECK(mf_get_subfield(&a, &flow) == 0x56);

    error = mf_parse_subfield(&b, "reg1[16..23]");
    CHECK(!error);
    free(error);
    flow_wildcards_init_catchall(&wc);
    mf_subfield_copy(&a, &b, &flow, &wc);
    CHECK(flow.regs[1] == 0x00560000);
    CHECK(wc.masks.regs[0] == 0x0000ff00);
    CHECK(wc.masks.regs[1] == 0x00ff0000);

    mf_subfield_swap(&a, &b, &flow, NULL);
    CHECK(flow.regs[0] == 0x12345678 && flow.regs[1] == 0x00560000);

    memset(&x, 0, sizeof x);
    x.u8_val = 0xab;
    mf_write_subfield_flow(&a, &x, &flow);
    CHECK(flow.regs[0] == 0x1234ab78);

    match_init_catchall(&match);
    mf_write_subfield(&a, &x, &match);
    CHECK(match.flow.regs[0] == 0x0000ab00);
    CHECK(match.wc.masks.regs[0] == 0x0000ff00);

    error = mf_parse_subfield(&a, "NXM_OF_TCP_SRC[]");
    CHECK(!error);
    free(error);
    CHECK(mf_check_src(&a, NULL) == 0);
    CHECK(mf_check_src(&a, &match) == OFPERR_OFPBAC_MATCH_INCONSISTENT);
    error = mf_parse_subfield(&a, "NXM_OF_ETH_TYPE[]");
    CHECK(!error);
    free(error);
    CHECK(mf_check_dst(&a, NULL) == OFPERR_OFPBAC_BAD_SET_ARGUMENT);

    /* xxreg0 spans reg0..reg3, most significant first. */
    memset(&flow, 0, sizeof flow);
    flow.regs[0] = 1;
    flow.regs[3] = 4;
    error = mf_parse_subfield(&a, "xxreg0[96..127]");
    CHECK(!error);
    free(error);
    CHECK(mf_get_subfield(&a, &flow) == 1);
    error = mf_parse_subfield(&a, "xxreg0[0..31]");
    CHECK(!error);
    free(error);
    CHECK(mf_get_subfield(&a, &flow) == 4);
}

static void
test_meta_flow_main(int argc, char *argv[])
{
    const char *cmd = argc > 1 ? argv[1] : "";

    if (!strcmp(cmd, "set-field")) {
        test_set_field();
    } else if (!strcmp(cmd, "subfield")) {
        test_subfield();
    } else if (!strcmp(cmd, "oxm-flow-mod")) {
        test_oxm(false);
    } else if (!strcmp(cmd, "decode-oxm")) {
        test_oxm(true);
    } else if (!strcmp(cmd, "selftest")) {
        check_table();
        check_headers();
        check_decode_errors();
        check_round_trip();
        check_subfields();
        if (n_failures) {
            printf("%d failures\n", n_failures);
            exit(1);
        }
        printf("ok\n");
    } else {
        ovs_fatal(0, "usage: test-meta-flow set-field|subfield|selftest");
    }
}

OVSTEST_REGISTER("test-meta-flow", test_meta_flow_main);
