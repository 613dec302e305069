/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit tests of lib/ofp-msgs.c and lib/ofp-errors.c that ovs-ofctl cannot
 * reach: every raw type allocated and decoded back in every version,
 * multipart reply splitting, and every error encoded and decoded back.
 *
 *     ovstest test-ofp-msgs raws
 *     ovstest test-ofp-msgs multipart
 *     ovstest test-ofp-msgs errors */

#include <config.h>
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ofpbuf.h"
#include "openflow/openflow.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/util.h"
#include "ovstest.h"

static int n_failures;

#define CHECK(CONDITION, ...)                           \
    do {                                                \
        if (!(CONDITION)) {                             \
            printf("%s:%d: ", __FILE__, __LINE__);      \
            printf(__VA_ARGS__);                        \
            putchar('\n');                              \
            n_failures++;                               \
        }                                               \
    } while (0)

/* Allocates each raw type in each version with its minimum body and with
 * one variable element, and checks that ofpraw_decode() and ofpraw_pull()
 * give back the same type, and that one byte more or less is refused when
 * the format does not allow it. */
static void
test_raws(void)
{
    int n = 0;

    for (int raw = 0; raw < OFPRAW_N_RAWS; raw++) {
        for (uint8_t version = OFP10_VERSION; version <= OFP15_VERSION;
             version++) {
            size_t min_body, elem;

            if (!ofpraw_get_body_size(raw, version, &min_body, &elem)) {
                continue;
            }
            for (int extra = 0; extra < 2; extra++) {
                size_t body = min_body + (extra ? MAX(elem, 1) : 0);
                struct ofpbuf *msg = ofpraw_alloc_xid(raw, version,
                                                      htonl(raw), 0);
                enum ofpraw decoded;
                enum ofperr error;

                ofpbuf_put_zeros(msg, body);
                ofpmsg_update_length(msg);
                error = ofpraw_decode(&decoded, msg->data);
                if (extra && !elem) {
                    CHECK(error == OFPERR_OFPBRC_BAD_LEN,
                          "%s v%d: extra byte accepted",
                          ofpraw_get_name(raw), version);
                } else {
                    CHECK(!error && decoded == raw,
                          "%s v%d: decodes as %s (%s)",
                          ofpraw_get_name(raw), version,
                          error ? "-" : ofpraw_get_name(decoded),
                          ofperr_to_string(error));
                    if (!error) {
                        struct ofpbuf b;

                        ofpbuf_use_const(&b, msg->data, msg->size);
                        CHECK(!ofpraw_pull(&decoded, &b) && decoded == raw
                              && b.size == body
                              && b.data == ofpmsg_body(msg->data),
                              "%s v%d: pull", ofpraw_get_name(raw),
                              version);
                    }
                }
                if (!extra && min_body && elem != 1) {
                    struct ofp_header *oh = msg->data;

                    oh->length = htons(ntohs(oh->length) - 1);
                    CHECK(ofpraw_decode(&decoded, oh)
                          == OFPERR_OFPBRC_BAD_LEN,
                          "%s v%d: short body accepted",
                          ofpraw_get_name(raw), version);
                }
                ofpbuf_delete(msg);
                n++;
            }
        }
    }
    printf("%d messages\n", n);
}

/* Builds multipart replies bigger than one message and checks the split:
 * every message at most 65535 bytes, OFPSF_REPLY_MORE on all but the
 * last, each a valid reply with the request's xid, no entry lost. */
static void
test_multipart(void)
{
    static const size_t sizes[] = { 104, 4096, 40000 };

    for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
        struct ofpbuf *request = ofpraw_alloc_xid(
            OFPRAW_OFPST_DESC_REQUEST, OFP13_VERSION, htonl(42), 0);
        struct ovs_list replies;
        size_t n_entries = 0;
        size_t entry = sizes[i];

        ofpmsg_update_length(request);
        ofpmp_init(&replies, request->data);
        for (size_t j = 0; j < 3 * 65536 / entry + 3; j++) {
            if (j % 2) {
                uint8_t *p = ofpmp_append(&replies, entry);
                memset(p, (int) j, entry);
            } else {
                struct ofpbuf *reply = ofpmp_reserve(&replies, 0);
                size_t start_ofs = reply->size;

                memset(ofpbuf_put_uninit(reply, entry), (int) j, entry);
                ofpmp_postappend(&replies, start_ofs);
            }
            n_entries++;
        }
        CHECK(ofpmp_version(&replies) == OFP13_VERSION, "version");
        CHECK(ofpmp_decode_raw(&replies) == OFPRAW_OFPST_DESC_REPLY, "raw");

        size_t n_msgs = 0, n_found = 0;
        struct ofpbuf *msg;
        while ((msg = ofpmp_pop(&replies))) {
            const struct ofp_header *oh = msg->data;
            bool last = ovs_list_is_empty(&replies);
            enum ofpraw raw;

            n_msgs++;
            CHECK(msg->size <= UINT16_MAX && ntohs(oh->length) == msg->size,
                  "entry %zu: message %zu has size %"PRIu32, entry, n_msgs,
                  msg->size);
            CHECK(oh->xid == htonl(42), "xid");
            CHECK(ofpmp_more(oh) == !last, "more flag on message %zu",
                  n_msgs);
            CHECK(!ofpraw_decode_partial(&raw, oh, msg->size)
                  && raw == OFPRAW_OFPST_DESC_REPLY, "reply type");
            CHECK((msg->size - sizeof(struct ofp11_stats_msg)) % entry == 0,
                  "entry %zu: message %zu splits an entry", entry, n_msgs);
            n_found += (msg->size - sizeof(struct ofp11_stats_msg)) / entry;
            ofpbuf_delete(msg);
        }
        CHECK(n_found == n_entries, "entry %zu: %zu entries, found %zu",
              entry, n_entries, n_found);
        CHECK(n_msgs > 1, "entry %zu: not split", entry);
        printf("entry size %zu: %zu entries in %zu messages\n",
               entry, n_entries, n_msgs);
        ofpbuf_delete(request);
    }

    /* ofpmp_destroy() frees what is left. */
    struct ofpbuf *request = ofpraw_alloc_xid(OFPRAW_OFPST_DESC_REQUEST,
                                              OFP10_VERSION, htonl(1), 0);
    struct ovs_list replies;
    ofpmsg_update_length(request);
    ofpmp_init(&replies, request->data);
    for (int j = 0; j < 1000; j++) {
        ofpmp_append(&replies, 1000);
    }
    CHECK(ofpbuf_from_list(ovs_list_back(&replies))
          == ofpmp_reserve(&replies, 0), "ofpbuf_from_list");
    ofpmp_destroy(&replies);
    CHECK(ovs_list_is_empty(&replies), "destroy");
    ofpbuf_delete(request);
}

/* Encodes every error in every version and decodes it back: the decoded
 * error has the same encoding (the first error with that encoding) and the
 * payload is the request. */
static void
test_errors(void)
{
    int n = 0;

    for (int i = 0; i < OFPERR_N_ERRORS; i++) {
        enum ofperr error = OFPERR_OFS + i;

        CHECK(ofperr_from_name(ofperr_get_name(error)) == error, "name");
        for (uint8_t v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
            struct ofpbuf *request, *reply, payload;
            enum ofperr decoded;

            if (ofperr_get_vendor(error, v) < 0) {
                continue;
            }
            request = ofpraw_alloc_xid(OFPRAW_OFPT_ECHO_REQUEST, v,
                                       htonl(i), 0);
            ofpbuf_put(request, "payload", 7);
            ofpmsg_update_length(request);

            reply = ofperr_encode_reply(error, request->data);
            decoded = ofperr_decode_msg(reply->data, &payload);
            CHECK(decoded
                  && ofperr_get_vendor(decoded, v)
                     == ofperr_get_vendor(error, v)
                  && ofperr_get_type(decoded, v) == ofperr_get_type(error, v)
                  && ofperr_get_code(decoded, v) == ofperr_get_code(error, v),
                  "%s v%d decodes as %s", ofperr_get_name(error), v,
                  ofperr_get_name(decoded));
            CHECK(payload.size == request->size
                  && !memcmp(payload.data, request->data, request->size),
                  "%s v%d: payload", ofperr_get_name(error), v);
            ofpbuf_delete(request);
            ofpbuf_delete(reply);
            n++;
        }
    }

    struct ofpbuf *hello = ofperr_encode_hello(OFPERR_OFPHFC_INCOMPATIBLE,
                                               OFP13_VERSION, "no version");
    struct ofpbuf payload;
    CHECK(ofperr_decode_msg(hello->data, &payload)
          == OFPERR_OFPHFC_INCOMPATIBLE
          && payload.size == 10 && !memcmp(payload.data, "no version", 10),
          "hello failed");
    ofpbuf_delete(hello);
    CHECK(!ofperr_from_name("OFPBRC_NONEXISTENT"), "unknown name");
    CHECK(!strcmp(ofperr_to_string(OFPERR_OFPBRC_BAD_LEN),
                  "OFPBRC_BAD_LEN"), "to_string");
    printf("%d errors\n", n);
}

static void
test_ofp_msgs_main(int argc, char *argv[])
{
    const char *what = argc > 1 ? argv[1] : "";

    if (!strcmp(what, "raws")) {
        test_raws();
    } else if (!strcmp(what, "multipart")) {
        test_multipart();
    } else if (!strcmp(what, "errors")) {
        test_errors();
    } else {
        ovs_fatal(0, "usage: test-ofp-msgs raws|multipart|errors");
    }
    if (n_failures) {
        printf("%d failures\n", n_failures);
        exit(EXIT_FAILURE);
    }
}

OVSTEST_REGISTER("test-ofp-msgs", test_ofp_msgs_main);
