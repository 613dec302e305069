/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-ofctl's match debugging commands: parse-nxm, parse-nx-match,
 * parse-oxm, parse-ofp10-match, parse-ofp11-match, check-vlan.  Their
 * output is upstream's, byte for byte. */

#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "command-line.h"
#include "flow.h"
#include "match.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "openflow/openflow-1.0.h"
#include "openflow/openflow-1.1.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-match.h"
#include "openvswitch/util.h"
#include "ovs-ofctl.h"
#include "packets.h"

/* Reads a line from stdin into 'line' for the parse-nxm family: a line
 * that starts with '#' is returned as is in '*echo' set to true; otherwise
 * a comment from '#' on is removed, and trailing white space too.  Returns
 * EOF at end of input, 0 otherwise. */
static int
read_nxm_line(struct ds *line, bool *echo)
{
    char *s, *comment;

    if (ds_get_line(line, stdin)) {
        return EOF;
    }
    s = ds_cstr(line);
    *echo = s[0] == '#';
    if (*echo) {
        return 0;
    }
    comment = strchr(s, '#');
    if (comment) {
        ds_truncate(line, comment - s);
    }
    while (line->length && strchr(" \t\r\n", line->string[line->length - 1])) {
        line->length--;
    }
    ds_cstr(line);
    return 0;
}

/* Reads the next line of stdin that is not blank once a '#' comment is
 * removed.  Returns EOF at end of input, 0 otherwise. */
static int
read_test_line(struct ds *line)
{
    for (;;) {
        char *s, *comment;

        if (ds_get_line(line, stdin)) {
            return EOF;
        }
        s = ds_cstr(line);
        comment = strchr(s, '#');
        if (comment) {
            ds_truncate(line, comment - s);
            s = ds_cstr(line);
        }
        if (s[strspn(s, " \t\r\n")]) {
            return 0;
        }
    }
}

/* Parses each line of stdin as NXM ('oxm' false) or as OXM for 'version',
 * decodes it into a match, encodes the match again, and prints that. */
static void
parse_nxm__(bool oxm, enum ofp_version version)
{
    struct ds in = DS_EMPTY_INITIALIZER;
    bool echo;

    while (read_nxm_line(&in, &echo) != EOF) {
        char *s = ds_cstr(&in);
        struct ofpbuf nx_match;
        struct match match;
        ovs_be64 cookie, cookie_mask;
        enum ofperr error;
        int match_len;

        if (echo || !s[0]) {
            puts(s);
            continue;
        }

        ofpbuf_init(&nx_match, 0);
        if (oxm) {
            match_len = oxm_match_from_string(s, &nx_match);
            error = oxm_pull_match_loose(&nx_match, false, NULL, &match);
        } else {
            match_len = nx_match_from_string(s, &nx_match);
            error = nx_pull_match_loose(&nx_match, match_len, &match,
                                        &cookie, &cookie_mask, false, NULL);
        }

        if (!error) {
            char *out;

            ofpbuf_uninit(&nx_match);
            ofpbuf_init(&nx_match, 0);
            if (oxm) {
                match_len = oxm_put_match(&nx_match, &match, version);
                out = oxm_match_to_string(&nx_match, match_len);
            } else {
                match_len = nx_put_match(&nx_match, &match,
                                         cookie, cookie_mask);
                out = nx_match_to_string(nx_match.data, match_len);
            }
            puts(out);
            free(out);
        } else {
            printf("nx_pull_match() returned error %s\n",
                   ofperr_get_name(error));
        }
        ofpbuf_uninit(&nx_match);
    }
    ds_destroy(&in);
}

static void
ofctl_parse_nxm(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    parse_nxm__(false, OFP10_VERSION);
}

static void
ofctl_parse_oxm(struct ovs_cmdl_context *ctx)
{
    static const struct {
        const char *name;       /* Version name. */
        enum ofp_version version; /* Version. */
    } versions[] = {
        { "OpenFlow12", OFP12_VERSION },
        { "OpenFlow13", OFP13_VERSION },
        { "OpenFlow14", OFP14_VERSION },
        { "OpenFlow15", OFP15_VERSION },
    };
    const char *name = ctx->argv[1];

    for (size_t i = 0; i < ARRAY_SIZE(versions); i++) {
        if (!strcasecmp(name, versions[i].name)) {
            parse_nxm__(true, versions[i].version);
            return;
        }
    }
    ovs_fatal(0, "%s: not a valid version for OXM", name);
}

/* Prints the bytes of 'a' and 'b' that differ, each line prefixed with
 * 'prefix'. */
static void
print_differences(const char *prefix,
                  const void *a_, size_t a_len,
                  const void *b_, size_t b_len)
{
    const uint8_t *a = a_;
    const uint8_t *b = b_;
    size_t i;

    for (i = 0; i < MIN(a_len, b_len); i++) {
        if (a[i] != b[i]) {
            printf("%s%2zu: %02"PRIx8" -> %02"PRIx8"\n",
                   prefix, i, a[i], b[i]);
        }
    }
    for (i = a_len; i < b_len; i++) {
        printf("%s%2zu: (none) -> %02"PRIx8"\n", prefix, i, b[i]);
    }
    for (i = b_len; i < a_len; i++) {
        printf("%s%2zu: %02"PRIx8" -> (none)\n", prefix, i, a[i]);
    }
}

/* Reads hex from 'line' into 'b', which must come to 'size' bytes. */
static void
read_hex_match(const char *line, struct ofpbuf *b, size_t size)
{
    if (ofpbuf_put_hex(b, line, NULL)[0] != '\0') {
        ovs_fatal(0, "Trailing garbage in hex data");
    }
    if (b->size != size) {
        ovs_fatal(0, "Input is %"PRIu32" bytes, expected %zu",
                  (uint32_t) b->size, size);
    }
}

static void
ofctl_parse_ofp10_match(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    struct ds in = DS_EMPTY_INITIALIZER;

    while (read_test_line(&in) != EOF) {
        struct ofp10_match match_out, match_normal;
        struct ofpbuf match_in;
        struct match match;

        ofpbuf_init(&match_in, 0);
        read_hex_match(ds_cstr(&in), &match_in, sizeof match_out);

        /* Convert to a match and print it. */
        ofputil_match_from_ofp10_match(match_in.data, &match);
        match_print(&match, NULL);

        /* Convert back and print the differences from the input. */
        ofputil_match_to_ofp10_match(&match, &match_out);
        print_differences("", match_in.data, match_in.size,
                          &match_out, sizeof match_out);

        /* Normalize, then convert and compare again. */
        ofputil_normalize_match(&match);
        ofputil_match_to_ofp10_match(&match, &match_normal);
        print_differences("normal: ", &match_out, sizeof match_out,
                          &match_normal, sizeof match_normal);
        putchar('\n');

        ofpbuf_uninit(&match_in);
    }
    ds_destroy(&in);
}

static void
ofctl_parse_ofp11_match(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    struct ds in = DS_EMPTY_INITIALIZER;

    while (read_test_line(&in) != EOF) {
        struct ofp11_match match_out;
        struct ofpbuf match_in;
        struct match match;
        enum ofperr error;

        ofpbuf_init(&match_in, 0);
        read_hex_match(ds_cstr(&in), &match_in, sizeof match_out);

        error = ofputil_match_from_ofp11_match(match_in.data, &match);
        if (error) {
            printf("bad ofp11_match: %s\n\n", ofperr_get_name(error));
            ofpbuf_uninit(&match_in);
            continue;
        }
        match_print(&match, NULL);

        ofputil_match_to_ofp11_match(&match, &match_out);
        print_differences("", match_in.data, match_in.size,
                          &match_out, sizeof match_out);
        putchar('\n');

        ofpbuf_uninit(&match_in);
    }
    ds_destroy(&in);
}

/* check-vlan VLAN_TCI VLAN_TCI_MASK: converts a raw VLAN match through
 * every representation and prints what survives. */
static void
ofctl_check_vlan(struct ovs_cmdl_context *ctx)
{
    struct match match, nxm_match, of10_match, of11_match;
    struct ofp10_match of10_raw;
    struct ofp11_match of11_raw;
    struct ofpbuf nxm;
    enum ofperr error;
    char *string_s, *nxm_s, *parse_error;
    int match_len;

    match_init_catchall(&match);
    match.flow.vlans[0].tci = htons(strtoul(ctx->argv[1], NULL, 16));
    match.wc.masks.vlans[0].tci = htons(strtoul(ctx->argv[2], NULL, 16));

    /* Through the text form. */
    string_s = match_to_string(&match, NULL, OFP_DEFAULT_PRIORITY);
    printf("%s -> ", string_s);
    fflush(stdout);
    {
        struct match parsed;

        parse_error = match_parse(string_s, NULL, &parsed, NULL);
        if (parse_error) {
            ovs_fatal(0, "%s", parse_error);
        }
        printf("%04"PRIx16"/%04"PRIx16"\n",
               ntohs(parsed.flow.vlans[0].tci),
               ntohs(parsed.wc.masks.vlans[0].tci));
    }
    free(string_s);

    /* Through NXM. */
    ofpbuf_init(&nxm, 0);
    match_len = nx_put_match(&nxm, &match, 0, 0);
    nxm_s = nx_match_to_string(nxm.data, match_len);
    error = nx_pull_match(&nxm, match_len, &nxm_match, NULL, NULL, false,
                          NULL, NULL);
    printf("NXM: %s -> ", nxm_s);
    if (error) {
        printf("%s\n", ofperr_get_name(error));
    } else {
        printf("%04"PRIx16"/%04"PRIx16"\n",
               ntohs(nxm_match.flow.vlans[0].tci),
               ntohs(nxm_match.wc.masks.vlans[0].tci));
    }
    free(nxm_s);
    ofpbuf_uninit(&nxm);

    /* Through OXM. */
    ofpbuf_init(&nxm, 0);
    match_len = oxm_put_match(&nxm, &match, OFP12_VERSION);
    nxm_s = oxm_match_to_string(&nxm, match_len);
    error = oxm_pull_match(&nxm, false, NULL, NULL, &nxm_match);
    printf("OXM: %s -> ", nxm_s);
    if (error) {
        printf("%s\n", ofperr_get_name(error));
    } else {
        uint16_t vid = ntohs(nxm_match.flow.vlans[0].tci)
                       & (VLAN_VID_MASK | VLAN_CFI);
        uint16_t mask = ntohs(nxm_match.wc.masks.vlans[0].tci)
                        & (VLAN_VID_MASK | VLAN_CFI);

        printf("%04"PRIx16"/%04"PRIx16",", vid, mask);
        if (nxm_match.wc.masks.vlans[0].tci & htons(VLAN_PCP_MASK)) {
            printf("%02d\n", vlan_tci_to_pcp(nxm_match.flow.vlans[0].tci));
        } else {
            printf("--\n");
        }
    }
    free(nxm_s);
    ofpbuf_uninit(&nxm);

    /* Through OpenFlow 1.0. */
    ofputil_match_to_ofp10_match(&match, &of10_raw);
    printf("OF1.0: %04"PRIx16"/%d,%02"PRIx8"/%d -> ",
           ntohs(of10_raw.dl_vlan),
           (of10_raw.wildcards & htonl(OFPFW10_DL_VLAN)) != 0,
           of10_raw.dl_vlan_pcp,
           (of10_raw.wildcards & htonl(OFPFW10_DL_VLAN_PCP)) != 0);
    ofputil_match_from_ofp10_match(&of10_raw, &of10_match);
    printf("%04"PRIx16"/%04"PRIx16"\n",
           ntohs(of10_match.flow.vlans[0].tci),
           ntohs(of10_match.wc.masks.vlans[0].tci));

    /* Through OpenFlow 1.1. */
    ofputil_match_to_ofp11_match(&match, &of11_raw);
    printf("OF1.1: %04"PRIx16"/%d,%02"PRIx8"/%d -> ",
           ntohs(of11_raw.dl_vlan),
           (of11_raw.wildcards & htonl(OFPFW11_DL_VLAN)) != 0,
           of11_raw.dl_vlan_pcp,
           (of11_raw.wildcards & htonl(OFPFW11_DL_VLAN_PCP)) != 0);
    error = ofputil_match_from_ofp11_match(&of11_raw, &of11_match);
    if (error) {
        printf("%s\n", ofperr_get_name(error));
    } else {
        printf("%04"PRIx16"/%04"PRIx16"\n",
               ntohs(of11_match.flow.vlans[0].tci),
               ntohs(of11_match.wc.masks.vlans[0].tci));
    }
}

const struct ovs_cmdl_command ofctl_match_commands[] = {
    { "parse-nx-match", NULL, 0, 0, ofctl_parse_nxm, OVS_RO },
    { "parse-nxm", NULL, 0, 0, ofctl_parse_nxm, OVS_RO },
    { "parse-oxm", NULL, 1, 1, ofctl_parse_oxm, OVS_RO },
    { "parse-ofp10-match", NULL, 0, 0, ofctl_parse_ofp10_match, OVS_RO },
    { "parse-ofp11-match", NULL, 0, 0, ofctl_parse_ofp11_match, OVS_RO },
    { "check-vlan", NULL, 2, 2, ofctl_check_vlan, OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};
