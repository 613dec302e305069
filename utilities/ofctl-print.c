/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-ofctl's debugging commands on OpenFlow messages: ofp-print,
 * ofp-parse, print-error, encode-error-reply, encode-hello. */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command-line.h"
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "ovs-ofctl.h"

/* "ofp-print HEXSTRING [VERBOSITY]": prints the OpenFlow message given in
 * hex (white space between bytes is allowed). */
static void
ofctl_ofp_print(struct ovs_cmdl_context *ctx)
{
    struct ofpbuf packet;
    const char *tail;

    ofpbuf_init(&packet, strlen(ctx->argv[1]) / 2);
    tail = ofpbuf_put_hex(&packet, ctx->argv[1], NULL);
    if (tail[0] != '\0') {
        ovs_fatal(0, "trailing garbage following hex bytes");
    }
    ofp_print(stdout, packet.data, packet.size, NULL, NULL,
              ctx->argc > 2 ? atoi(ctx->argv[2])
              : ofctl_options.verbosity + 2);
    ofpbuf_uninit(&packet);
}

/* Reads exactly 'n' bytes from 'stream' into 'p'.  Returns 0 on success,
 * EOF if the stream ended before the first byte, or EPROTO if it ended in
 * the middle. */
static int
read_fully(FILE *stream, void *p, size_t n)
{
    size_t got = fread(p, 1, n, stream);

    return got == n ? 0 : !got ? EOF : EPROTO;
}

/* "ofp-parse FILE": prints each OpenFlow message in binary file FILE ("-"
 * for standard input). */
static void
ofctl_ofp_parse(struct ovs_cmdl_context *ctx)
{
    const char *filename = ctx->argv[1];
    struct ofpbuf b;
    FILE *file;

    file = !strcmp(filename, "-") ? stdin : fopen(filename, "r");
    if (!file) {
        ovs_fatal(errno, "%s: open", filename);
    }

    ofpbuf_init(&b, 65536);
    for (;;) {
        struct ofp_header *oh;
        size_t length;
        int retval;

        ofpbuf_clear(&b);
        oh = ofpbuf_put_uninit(&b, sizeof *oh);
        retval = read_fully(file, oh, sizeof *oh);
        if (retval == EOF) {
            break;
        } else if (retval) {
            ovs_fatal(0, "%s: unexpected end of file mid-message", filename);
        }

        length = ntohs(oh->length);
        if (length < sizeof *oh) {
            ovs_fatal(0, "%s: %zu-byte message is too short for OpenFlow",
                      filename, length);
        }
        ofpbuf_put_uninit(&b, length - sizeof *oh);
        if (length > sizeof *oh
            && read_fully(file, (uint8_t *) b.data + sizeof *oh,
                          length - sizeof *oh)) {
            ovs_fatal(0, "%s: unexpected end of file mid-message", filename);
        }

        ofp_print(stdout, b.data, b.size, NULL, NULL,
                  ofctl_options.verbosity + 2);
    }
    ofpbuf_uninit(&b);
    if (file != stdin) {
        fclose(file);
    }
}

/* "print-error ENUM": prints the encodings of error ENUM in each
 * version. */
static void
ofctl_print_error(struct ovs_cmdl_context *ctx)
{
    enum ofperr error = ofperr_from_name(ctx->argv[1]);

    if (!error) {
        ovs_fatal(0, "unknown error \"%s\"", ctx->argv[1]);
    }
    for (int version = OFP10_VERSION; version <= OFP15_VERSION; version++) {
        const char *name = ofperr_domain_get_name(version);
        int vendor = ofperr_get_vendor(error, version);
        int type = ofperr_get_type(error, version);
        int code = ofperr_get_code(error, version);

        if (name && vendor >= 0) {
            printf("%s: vendor %#x, type %d, code %d\n",
                   name, vendor, type, code);
        }
    }
}

/* "encode-error-reply ENUM REQUEST": prints the error reply ENUM to the
 * OpenFlow message REQUEST given in hex. */
static void
ofctl_encode_error_reply(struct ovs_cmdl_context *ctx)
{
    const struct ofp_header *oh;
    struct ofpbuf request, *reply;
    enum ofperr error;

    error = ofperr_from_name(ctx->argv[1]);
    if (!error) {
        ovs_fatal(0, "unknown error \"%s\"", ctx->argv[1]);
    }

    ofpbuf_init(&request, 0);
    if (ofpbuf_put_hex(&request, ctx->argv[2], NULL)[0] != '\0') {
        ovs_fatal(0, "Trailing garbage in hex data");
    }
    if (request.size < sizeof(struct ofp_header)) {
        ovs_fatal(0, "Request too short");
    }
    oh = request.data;
    if (request.size != ntohs(oh->length)) {
        ovs_fatal(0, "Request size inconsistent");
    }

    reply = ofperr_encode_reply(error, request.data);
    ofpbuf_uninit(&request);

    struct ds s = DS_EMPTY_INITIALIZER;
    ofp_hex_dump(&s, reply->data, reply->size, 0, false);
    fputs(ds_cstr(&s), stdout);
    ds_destroy(&s);
    ofpbuf_delete(reply);
}

/* "encode-hello BITMAP": prints a hello message that allows the versions in
 * BITMAP. */
static void
ofctl_encode_hello(struct ovs_cmdl_context *ctx)
{
    uint32_t bitmap = strtol(ctx->argv[1], NULL, 0);
    struct ofpbuf *hello;

    if (!(bitmap & ~1u)) {
        ovs_fatal(0, "%s: version bitmap allows no OpenFlow version",
                  ctx->argv[1]);
    }
    hello = ofputil_encode_hello(bitmap);

    struct ds s = DS_EMPTY_INITIALIZER;
    ofp_hex_dump(&s, hello->data, hello->size, 0, false);
    fputs(ds_cstr(&s), stdout);
    ds_destroy(&s);

    ofp_print(stdout, hello->data, hello->size, NULL, NULL,
              ofctl_options.verbosity);
    ofpbuf_delete(hello);
}

const struct ovs_cmdl_command ofctl_print_commands[] = {
    { "ofp-parse", "file", 1, 1, ofctl_ofp_parse, OVS_RO },
    { "print-error", NULL, 1, 1, ofctl_print_error, OVS_RO },
    { "encode-error-reply", NULL, 2, 2, ofctl_encode_error_reply, OVS_RO },
    { "ofp-print", NULL, 1, 2, ofctl_ofp_print, OVS_RO },
    { "encode-hello", NULL, 1, 1, ofctl_encode_hello, OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};
