/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit tests of the action codec (lib/ofp-actions.c):
 *
 *   test-ofp-actions parse-text [VERSION]
 *       Reads one action list per line from stdin (Open vSwitch's text
 *       syntax, instructions allowed), parses it and prints
 *       "actions=TEXT" with the list reformatted, or "error: MESSAGE".
 *       With VERSION ("OpenFlow13"...), first encodes the list for that
 *       version and decodes it back, as a flow_mod round trip does.
 *
 *   test-ofp-actions encode VERSION
 *       Like parse-text, but prints the encoding of each list (instructions
 *       for OpenFlow 1.1+, actions for 1.0) in hex, one list per line, for
 *       "ovs-ofctl parse-instructions" to decode.
 *
 *   test-ofp-actions usable-protocols
 *       Reads action lists as parse-text does and prints, for each, the
 *       protocols able to express it after checking it against a flow that
 *       matches everything, as "usable protocols: LIST" (as the first line
 *       of "ovs-ofctl parse-flow"), or "error: MESSAGE".
 *
 *   test-ofp-actions check
 *       Reads lines "MATCH|ACTIONS" from stdin, parses both and checks the
 *       actions against the match with ofpacts_check() (table 255, ports
 *       below OFPP_MAX), printing "ok" or "check error: NAME" (or
 *       "error: MESSAGE" for text that does not parse).
 *
 *   test-ofp-actions parse-actions VERSION
 *   test-ofp-actions parse-instructions VERSION
 *       The ovs-ofctl commands of the same names. */

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
#include "ovstest.h"
#include "../utilities/ovs-ofctl.h"

/* Parses 'text' into 'ofpacts'.  Returns NULL or an error message. */
static char *
parse_text(const char *text, struct ofpbuf *ofpacts)
{
    enum ofputil_protocol usable = OFPUTIL_P_ANY;
    struct ofpact_parse_params pp = {
        .ofpacts = ofpacts,
        .usable_protocols = &usable,
    };

    return ofpacts_parse_instructions(text, &pp);
}

/* Encodes 'ofpacts' for 'version' into 'out': instructions for OpenFlow
 * 1.1+, actions for 1.0. */
static void
encode(const struct ofpbuf *ofpacts, enum ofp_version version,
       struct ofpbuf *out)
{
    ofpacts_put_openflow_instructions(ofpacts->data, ofpacts->size, out,
                                      version);
}

/* Runs "parse-text" ('hex' false) or "encode" ('hex' true). */
static void
run_text(const char *version_s, bool hex)
{
    enum ofp_version version = 0;
    struct ds line = DS_EMPTY_INITIALIZER;

    if (version_s) {
        version = ofputil_version_from_string(version_s);
        if (!version) {
            ovs_fatal(0, "%s: not a valid OpenFlow version", version_s);
        }
    }

    while (!ds_get_preprocessed_line(&line, stdin, NULL)) {
        struct ofpbuf ofpacts;
        struct ds out = DS_EMPTY_INITIALIZER;
        char *error;

        ofpbuf_init(&ofpacts, 0);
        error = parse_text(ds_cstr(&line), &ofpacts);
        if (error) {
            printf("error: %s\n", error);
            free(error);
            ofpbuf_uninit(&ofpacts);
            continue;
        }

        if (version) {
            struct ofpbuf wire;
            enum ofperr err;

            ofpbuf_init(&wire, 0);
            encode(&ofpacts, version, &wire);
            if (hex) {
                for (size_t i = 0; i < wire.size; i++) {
                    printf("%02x", ((uint8_t *) wire.data)[i]);
                }
                putchar('\n');
                ofpbuf_uninit(&wire);
                ofpbuf_uninit(&ofpacts);
                continue;
            }
            err = ofpacts_pull_openflow_instructions(&wire, wire.size,
                                                     version, NULL, NULL,
                                                     &ofpacts);
            ofpbuf_uninit(&wire);
            if (err) {
                printf("decode error: %s\n", ofperr_get_name(err));
                ofpbuf_uninit(&ofpacts);
                continue;
            }
        }

        ds_put_cstr(&out, "actions=");
        ofpacts_format(ofpacts.data, ofpacts.size,
                       &(struct ofpact_format_params) { .s = &out });
        puts(ds_cstr(&out));
        ds_destroy(&out);
        ofpbuf_uninit(&ofpacts);
    }
    ds_destroy(&line);
}

static void
test_usable_protocols(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_preprocessed_line(&line, stdin, NULL)) {
        enum ofputil_protocol usable = OFPUTIL_P_ANY;
        struct ofpbuf ofpacts;
        struct ofpact_parse_params pp = {
            .ofpacts = &ofpacts,
            .usable_protocols = &usable,
        };
        struct ofpact_check_params cp;
        struct match match;
        enum ofperr err;
        char *error;

        ofpbuf_init(&ofpacts, 0);
        error = ofpacts_parse_instructions(ds_cstr(&line), &pp);
        if (error) {
            printf("error: %s\n", error);
            free(error);
            ofpbuf_uninit(&ofpacts);
            continue;
        }
        match_init_catchall(&match);
        memset(&cp, 0, sizeof cp);
        cp.match = &match;
        cp.max_ports = OFPP_MAX;
        cp.table_id = 255;
        cp.n_tables = 255;
        cp.usable_protocols = usable;
        err = ofpacts_check(ofpacts.data, ofpacts.size, &cp);
        if (err) {
            printf("check error: %s\n", ofperr_get_name(err));
        } else if (!cp.usable_protocols) {
            printf("no usable protocol\n");
        } else {
            char *s = ofputil_protocols_to_string(cp.usable_protocols);

            printf("usable protocols: %s\n", s);
            free(s);
        }
        ofpbuf_uninit(&ofpacts);
    }
    ds_destroy(&line);
}

static void
test_check(struct ovs_cmdl_context *ctx OVS_UNUSED)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_preprocessed_line(&line, stdin, NULL)) {
        char *text = ds_cstr(&line);
        char *bar = strchr(text, '|');
        struct ofpact_check_params cp;
        struct ofpbuf ofpacts;
        struct match match;
        enum ofperr err;
        char *error;

        if (!bar) {
            ovs_fatal(0, "%s: missing `|'", text);
        }
        *bar = '\0';
        error = match_parse(text, NULL, &match, NULL);
        if (!error) {
            ofpbuf_init(&ofpacts, 0);
            error = parse_text(bar + 1, &ofpacts);
            if (!error) {
                memset(&cp, 0, sizeof cp);
                cp.match = &match;
                cp.max_ports = OFPP_MAX;
                cp.table_id = 255;
                cp.n_tables = 255;
                cp.usable_protocols = OFPUTIL_P_ANY;
                err = ofpacts_check(ofpacts.data, ofpacts.size, &cp);
                if (err) {
                    printf("check error: %s\n", ofperr_get_name(err));
                } else {
                    printf("ok\n");
                }
            }
            ofpbuf_uninit(&ofpacts);
        }
        if (error) {
            printf("error: %s\n", error);
            free(error);
        }
    }
    ds_destroy(&line);
}

static void
test_parse_text(struct ovs_cmdl_context *ctx)
{
    run_text(ctx->argc > 1 ? ctx->argv[1] : NULL, false);
}

static void
test_encode(struct ovs_cmdl_context *ctx)
{
    run_text(ctx->argv[1], true);
}

/* Runs the ovs-ofctl command 'name' of utilities/ofctl-actions.c. */
static void
run_ofctl(struct ovs_cmdl_context *ctx, const char *name)
{
    for (const struct ovs_cmdl_command *p = ofctl_actions_commands; p->name;
         p++) {
        if (!strcmp(p->name, name)) {
            p->handler(ctx);
            return;
        }
    }
    OVS_NOT_REACHED();
}

static void
test_parse_actions(struct ovs_cmdl_context *ctx)
{
    run_ofctl(ctx, "parse-actions");
}

static void
test_parse_instructions(struct ovs_cmdl_context *ctx)
{
    run_ofctl(ctx, "parse-instructions");
}

static const struct ovs_cmdl_command commands[] = {
    { "parse-text", "[VERSION]", 0, 1, test_parse_text, OVS_RO },
    { "encode", "VERSION", 1, 1, test_encode, OVS_RO },
    { "usable-protocols", NULL, 0, 0, test_usable_protocols, OVS_RO },
    { "check", NULL, 0, 0, test_check, OVS_RO },
    { "parse-actions", "VERSION", 1, 1, test_parse_actions, OVS_RO },
    { "parse-instructions", "VERSION", 1, 1, test_parse_instructions,
      OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};

static void
test_ofp_actions_main(int argc, char *argv[])
{
    struct ovs_cmdl_context ctx = {
        .argc = argc - 1,
        .argv = argv + 1,
    };

    ovs_cmdl_run_command(&ctx, commands);
}

OVSTEST_REGISTER("test-ofp-actions", test_ofp_actions_main);
