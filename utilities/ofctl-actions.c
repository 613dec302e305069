/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-ofctl commands for the action codec: "parse-actions VERSION" and
 * "parse-instructions VERSION" read hex OpenFlow actions (instructions)
 * from stdin, one list per line, decode them, print them in Open vSwitch's
 * text syntax, re-encode them and print the bytes that differ from the
 * input, exactly as upstream's ovs-ofctl does. */

#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "command-line.h"
#include "match.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "ovs-ofctl.h"

/* Prints the bytes of 'a' that differ from 'b', as "OFS: AA -> BB", and
 * the bytes only one of them has, as "(none)". */
static void
print_differences(const char *prefix, const void *a_, size_t a_len,
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

/* The body of "parse-actions" ('instructions' false) and
 * "parse-instructions". */
static void
ofctl_parse_actions__(const char *version_s, bool instructions)
{
    const char *nice = instructions ? "instructions" : "actions";
    enum ofp_version version;
    struct ds in;

    version = ofputil_version_from_string(version_s);
    if (!version) {
        ovs_fatal(0, "%s: not a valid OpenFlow version", version_s);
    }

    ds_init(&in);
    while (!ds_get_preprocessed_line(&in, stdin, NULL)) {
        struct ofpbuf of_out;
        struct ofpbuf of_in;
        struct ofpbuf ofpacts;
        enum ofperr error;
        size_t size;
        struct ds s;
        void *in_copy;

        /* Parse hex bytes. */
        ofpbuf_init(&of_in, 0);
        if (ofpbuf_put_hex(&of_in, ds_cstr(&in), NULL)[0] != '\0') {
            ovs_fatal(0, "Trailing garbage in hex data");
        }
        in_copy = xmemdup(of_in.data, of_in.size);
        size = of_in.size;

        /* Convert to ofpacts. */
        ofpbuf_init(&ofpacts, 0);
        error = (instructions
                 ? ofpacts_pull_openflow_instructions
                 : ofpacts_pull_openflow_actions)(
                     &of_in, of_in.size, version, NULL, NULL, &ofpacts);
        if (!error && instructions) {
            /* Verify actions, enforce consistency. */
            struct match match;
            struct ofpact_check_params cp;

            memset(&match, 0, sizeof match);
            memset(&cp, 0, sizeof cp);
            cp.match = &match;
            cp.max_ports = OFPP_MAX;
            cp.table_id = 0;
            cp.n_tables = 255;
            error = ofpacts_check_consistency(
                ofpacts.data, ofpacts.size,
                ofputil_protocols_from_ofp_version(version), &cp);
        }
        if (error) {
            printf("bad %s %s: %s\n\n", version_s, nice,
                   ofperr_get_name(error));
            ofpbuf_uninit(&ofpacts);
            ofpbuf_uninit(&of_in);
            free(in_copy);
            continue;
        }

        /* Print the ofpacts. */
        ds_init(&s);
        ds_put_cstr(&s, "actions=");
        ofpacts_format(ofpacts.data, ofpacts.size,
                       &(struct ofpact_format_params) { .s = &s });
        puts(ds_cstr(&s));
        ds_destroy(&s);

        /* Convert back to OpenFlow and print differences from the input. */
        ofpbuf_init(&of_out, 0);
        if (instructions) {
            ofpacts_put_openflow_instructions(ofpacts.data, ofpacts.size,
                                              &of_out, version);
        } else {
            ofpacts_put_openflow_actions(ofpacts.data, ofpacts.size,
                                         &of_out, version);
        }
        print_differences("", in_copy, size, of_out.data, of_out.size);
        putchar('\n');

        ofpbuf_uninit(&ofpacts);
        ofpbuf_uninit(&of_in);
        ofpbuf_uninit(&of_out);
        free(in_copy);
    }
    ds_destroy(&in);
}

/* "parse-actions VERSION": reads hex actions from stdin. */
static void
ofctl_parse_actions(struct ovs_cmdl_context *ctx)
{
    ofctl_parse_actions__(ctx->argv[1], false);
}

/* "parse-instructions VERSION": reads hex instructions from stdin. */
static void
ofctl_parse_instructions(struct ovs_cmdl_context *ctx)
{
    ofctl_parse_actions__(ctx->argv[1], true);
}

const struct ovs_cmdl_command ofctl_actions_commands[] = {
    { "parse-actions", NULL, 1, 1, ofctl_parse_actions, OVS_RO },
    { "parse-instructions", NULL, 1, 1, ofctl_parse_instructions, OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};
