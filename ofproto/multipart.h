/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_MULTIPART_H
#define OFPROTO_MULTIPART_H 1

/* Multipart requests in several messages (OpenFlow 1.3+).
 *
 * A controller may split a multipart request (e.g. a table features
 * request that sets the tables) into parts that share an xid, each but the
 * last with OFPMPF_REQ_MORE.  The switch handles the request once the last
 * part arrived, as one message: the parts' bodies in order.  A part whose
 * type differs from the earlier parts' ends the request with
 * OFPERR_OFPBRC_BAD_STAT; a request whose next part does not arrive within
 * MP_ASSEMBLY_TIMEOUT ms ends with OFPERR_OFPBRC_MULTIPART_REQUEST_TIMEOUT,
 * as upstream's switch does. */

#include <stdbool.h>
#include "openvswitch/hmap.h"
#include "openvswitch/ofp-errors.h"

struct ofpbuf;

/* How long (ms) a partial request waits for its next part. */
#define MP_ASSEMBLY_TIMEOUT 1000

/* The partial requests of one connection, by xid. */
struct mp_assembler {
    struct hmap requests;       /* "struct mp_request"s. */
};

void mp_assembler_init(struct mp_assembler *);
void mp_assembler_clear(struct mp_assembler *);
void mp_assembler_destroy(struct mp_assembler *);

/* True if 'msg' must go through mp_assembler_execute(): an OpenFlow 1.3+
 * multipart request with OFPMPF_REQ_MORE, or the last part of a request
 * that 'a' holds. */
bool mp_assembler_wants(const struct mp_assembler *a,
                        const struct ofpbuf *msg);

/* Adds part 'msg' (not taken) to its request, at time 'now'.  Returns the
 * whole request (the caller handles and frees it) if 'msg' was its last
 * part; otherwise NULL, with '*error' nonzero if the request ended with
 * that error (to send in reply to 'msg'). */
struct ofpbuf *mp_assembler_execute(struct mp_assembler *,
                                    const struct ofpbuf *msg,
                                    long long int now, enum ofperr *error);

/* Removes one request that timed out by 'now' and returns its last part
 * (the caller replies OFPERR_OFPBRC_MULTIPART_REQUEST_TIMEOUT to it and
 * frees it), or NULL if none did. */
struct ofpbuf *mp_assembler_run(struct mp_assembler *, long long int now);

/* Makes poll_block() wake when a request times out. */
void mp_assembler_wait(const struct mp_assembler *);

#endif /* ofproto/multipart.h */
