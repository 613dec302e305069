/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "openvswitch/vconn.h"
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "openflow/openflow.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-print.h"
#include "fatal-signal.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "openvswitch/util.h"
#include "vconn-provider.h"

VLOG_DEFINE_THIS_MODULE(vconn);

/* Connection states of a vconn. */
enum vconn_state {
    VCS_CONNECTING,             /* Underlying connection in progress. */
    VCS_SEND_HELLO,             /* Need to send our hello. */
    VCS_RECV_HELLO,             /* Waiting for the peer's hello. */
    VCS_CONNECTED,              /* Hello exchange done: ready for use. */
    VCS_SEND_ERROR,             /* Need to send an OFPT_ERROR, then fail. */
    VCS_DISCONNECTED            /* Failed: see 'error'. */
};

/* Versions allowed when the caller passes 0: 1.0 to 1.5. */
#define VCONN_DEFAULT_VERSIONS ((1u << OFP10_VERSION)           \
                                | (1u << OFP11_VERSION)         \
                                | (1u << OFP12_VERSION)         \
                                | (1u << OFP13_VERSION)         \
                                | (1u << OFP14_VERSION)         \
                                | (1u << OFP15_VERSION))

static struct vlog_rate_limit bad_ofmsg_rl = VLOG_RATE_LIMIT_INIT(1, 5);

static const struct vconn_class *const vconn_classes[] = {
    &tcp_vconn_class,
    &unix_vconn_class,
    &ssl_vconn_class,
};

static const struct pvconn_class *const pvconn_classes[] = {
    &ptcp_pvconn_class,
    &punix_pvconn_class,
    &pssl_pvconn_class,
};

static int vconn_send_logged(struct vconn *, struct ofpbuf *);
static char *vconn_msg_to_string(const struct ofpbuf *);

/* Prints the vconn names this program understands. */
void
vconn_usage(bool active, bool passive, bool bootstrap OVS_UNUSED)
{
    printf("\n");
    if (active) {
        printf("Active OpenFlow connection methods:\n");
        printf("  tcp:HOST[:PORT]         "
               "PORT (default: %d) at remote HOST\n", OFP_PORT);
        printf("  ssl:HOST[:PORT]         "
               "SSL PORT (default: %d) at remote HOST\n", OFP_PORT);
        printf("  unix:FILE               "
               "Unix domain socket named FILE\n");
    }
    if (passive) {
        printf("Passive OpenFlow connection methods:\n");
        printf("  ptcp:[PORT][:IP]        "
               "listen to TCP PORT (default: %d) on IP\n", OFP_PORT);
        printf("  pssl:[PORT][:IP]        "
               "listen for SSL on PORT (default: %d) on IP\n", OFP_PORT);
        printf("  punix:FILE              "
               "listen on Unix domain socket FILE\n");
    }
    printf("PKI configuration (required to use SSL):\n"
           "  -p, --private-key=FILE  file with private key\n"
           "  -c, --certificate=FILE  file with certificate for private "
           "key\n"
           "  -C, --ca-cert=FILE      file with peer CA certificate\n");
}

/* Finds the active vconn class for 'name', by the prefix before the
 * colon. */
static const struct vconn_class *
vconn_lookup_class(const char *name)
{
    size_t prefix_len = strcspn(name, ":");
    if (name[prefix_len] != ':') {
        return NULL;
    }
    for (size_t i = 0; i < ARRAY_SIZE(vconn_classes); i++) {
        const struct vconn_class *class = vconn_classes[i];
        if (strlen(class->name) == prefix_len
            && !strncmp(name, class->name, prefix_len)) {
            return class;
        }
    }
    return NULL;
}

/* Finds the passive vconn class for 'name'. */
static const struct pvconn_class *
pvconn_lookup_class(const char *name)
{
    size_t prefix_len = strcspn(name, ":");
    if (name[prefix_len] != ':') {
        return NULL;
    }
    for (size_t i = 0; i < ARRAY_SIZE(pvconn_classes); i++) {
        const struct pvconn_class *class = pvconn_classes[i];
        if (strlen(class->name) == prefix_len
            && !strncmp(name, class->name, prefix_len)) {
            return class;
        }
    }
    return NULL;
}

int
vconn_verify_name(const char *name)
{
    if (!vconn_lookup_class(name)) {
        return EAFNOSUPPORT;
    }
    return stream_verify_name(name);
}

int
vconn_open(const char *name, uint32_t allowed_versions, uint8_t dscp,
           struct vconn **vconnp)
{
    const struct vconn_class *class = vconn_lookup_class(name);
    struct vconn *vconn = NULL;
    int error;

    if (!allowed_versions) {
        allowed_versions = VCONN_DEFAULT_VERSIONS;
    }
    if (!class) {
        error = EAFNOSUPPORT;
    } else {
        char *suffix = xstrdup(name + strlen(class->name) + 1);
        error = class->open(name, allowed_versions, suffix, &vconn, dscp);
        free(suffix);
    }
    if (error) {
        VLOG_DBG("%s: connection failed (%s)", name, ovs_strerror(error));
        vconn = NULL;
    }
    *vconnp = vconn;
    return error;
}

void
vconn_init(struct vconn *vconn, const struct vconn_class *class,
           int connect_status, const char *name, uint32_t allowed_versions)
{
    memset(vconn, 0, sizeof *vconn);
    vconn->vclass = class;
    vconn->state = (connect_status == EAGAIN ? VCS_CONNECTING
                    : !connect_status ? VCS_SEND_HELLO
                    : VCS_DISCONNECTED);
    vconn->error = connect_status == EAGAIN ? 0 : connect_status;
    vconn->allowed_versions = (allowed_versions ? allowed_versions
                               : VCONN_DEFAULT_VERSIONS);
    vconn->version = -1;
    vconn->name = xstrdup(name);
}

void
vconn_close(struct vconn *vconn)
{
    if (vconn) {
        char *name = vconn->name;
        vconn->vclass->close(vconn);
        free(name);
    }
}

const char *
vconn_get_name(const struct vconn *vconn)
{
    return vconn->name;
}

uint32_t
vconn_get_allowed_versions(const struct vconn *vconn)
{
    return vconn->allowed_versions;
}

void
vconn_set_allowed_versions(struct vconn *vconn, uint32_t allowed_versions)
{
    vconn->allowed_versions = allowed_versions;
}

int
vconn_get_version(const struct vconn *vconn)
{
    return vconn->version;
}

void
vconn_set_recv_any_version(struct vconn *vconn)
{
    vconn->recv_any_version = true;
}

int
vconn_get_status(const struct vconn *vconn)
{
    return (vconn->state == VCS_CONNECTED ? 0
            : vconn->state == VCS_DISCONNECTED ? vconn->error
            : EAGAIN);
}

/* Hello messages. */

/* Returns the highest version in 'bitmap' (0 if none). */
static int
leftmost_version(uint32_t bitmap)
{
    return bitmap ? 31 - __builtin_clz(bitmap) : 0;
}

/* True if 'bitmap' is exactly the versions 1 up to its highest. */
static bool
is_contiguous_from_1_0(uint32_t bitmap)
{
    int max = leftmost_version(bitmap);
    return max >= OFP10_VERSION
           && bitmap == (((uint32_t) 1 << (max + 1)) - 2);
}

/* Returns a new OFPT_HELLO for 'allowed', with a version bitmap element
 * unless 'allowed' is every version from 1.0 up to its highest. */
static struct ofpbuf *
vconn_encode_hello(uint32_t allowed)
{
    struct ofpbuf *msg = ofpbuf_new(16);
    struct ofp_header *oh = ofpbuf_put_zeros(msg, sizeof *oh);

    oh->version = leftmost_version(allowed);
    oh->type = OFPT_HELLO;
    oh->xid = alloc_xid();
    if (!is_contiguous_from_1_0(allowed)) {
        struct ofp_hello_elem_header *elem;
        ovs_be32 bitmap = htonl(allowed);

        elem = ofpbuf_put_zeros(msg, sizeof *elem);
        elem->type = htons(OFPHET_VERSIONBITMAP);
        elem->length = htons(sizeof *elem + sizeof bitmap);
        ofpbuf_put(msg, &bitmap, sizeof bitmap);
        ofpbuf_padto(msg, ROUND_UP(msg->size, 8));
    }
    oh = msg->data;
    oh->length = htons(msg->size);
    return msg;
}

/* Decodes the peer's hello 'oh' and returns the bitmap of versions it
 * supports.  Sets '*has_bitmap' to whether it carried a version bitmap.
 * Logs (and otherwise ignores) malformed or unknown trailing data. */
static uint32_t
vconn_decode_hello(const struct vconn *vconn, const struct ofp_header *oh,
                   bool *has_bitmap)
{
    const uint8_t *p = (const uint8_t *) (oh + 1);
    size_t left = ntohs(oh->length) - sizeof *oh;
    uint32_t bitmap = 0;
    bool ok = true;

    *has_bitmap = false;
    while (left > 0) {
        struct ofp_hello_elem_header elem;
        size_t len;

        if (left < sizeof elem) {
            ok = false;
            break;
        }
        memcpy(&elem, p, sizeof elem);
        len = ntohs(elem.length);
        if (len < sizeof elem || len > left) {
            ok = false;
            break;
        }
        if (ntohs(elem.type) == OFPHET_VERSIONBITMAP) {
            if (len >= sizeof elem + 4) {
                ovs_be32 word;
                memcpy(&word, p + sizeof elem, 4);
                bitmap |= ntohl(word);
                *has_bitmap = true;
            } else {
                ok = false;
            }
        }
        len = ROUND_UP(len, 8);
        if (len > left) {
            len = left;
        }
        p += len;
        left -= len;
    }
    if (!ok) {
        struct ds s = DS_EMPTY_INITIALIZER;
        ds_put_hex_dump(&s, oh, ntohs(oh->length), 0, true);
        ds_chomp(&s, '\n');
        VLOG_WARN_RL(&bad_ofmsg_rl, "%s: unknown data in hello:\n%s",
                     vconn->name, ds_cstr(&s));
        ds_destroy(&s);
    }
    if (!*has_bitmap) {
        bitmap = oh->version >= 1 && oh->version < 32
                 ? (((uint32_t) 1 << (oh->version + 1)) - 2)
                 : oh->version >= 32 ? UINT32_MAX - 1 : 0;
    }
    return bitmap;
}

/* Appends to 's' the description of 'bitmap' as upstream's log messages
 * and error texts have it: "version 0x01", "versions 0x01, 0x04", or, for
 * every version from 1.0 up to some later one, "version 0x06 and
 * earlier". */
static void
vconn_format_versions(struct ds *s, uint32_t bitmap)
{
    if (is_contiguous_from_1_0(bitmap)
        && leftmost_version(bitmap) > OFP10_VERSION) {
        ds_put_format(s, "version 0x%02x and earlier",
                      leftmost_version(bitmap));
        return;
    }
    ds_put_cstr(s, (bitmap & (bitmap - 1)) ? "versions " : "version ");
    bool first = true;
    for (int v = 0; v < 32; v++) {
        if (bitmap & (1u << v)) {
            ds_put_format(s, "%s0x%02x", first ? "" : ", ", v);
            first = false;
        }
    }
}

/* Handles the peer's hello 'msg' (or anything else in its place). */
static void
vconn_recv_hello(struct vconn *vconn, struct ofpbuf *msg)
{
    const struct ofp_header *oh = msg->data;

    if (oh->type == OFPT_HELLO) {
        bool has_bitmap;
        uint32_t peer = vconn_decode_hello(vconn, oh, &has_bitmap);
        uint32_t common = peer & vconn->allowed_versions;
        struct ds ours = DS_EMPTY_INITIALIZER;
        struct ds theirs = DS_EMPTY_INITIALIZER;

        vconn->peer_versions = peer;
        vconn_format_versions(&ours, vconn->allowed_versions);
        vconn_format_versions(&theirs, peer);
        if (common) {
            vconn->version = leftmost_version(common);
            vconn->state = VCS_CONNECTED;
            VLOG_DBG("%s: negotiated OpenFlow version 0x%02x "
                     "(we support %s, peer supports %s)", vconn->name,
                     vconn->version, ds_cstr(&ours), ds_cstr(&theirs));
        } else {
            char *text = xasprintf("We support %s, you support %s, "
                                   "no common versions.",
                                   ds_cstr(&ours), ds_cstr(&theirs));
            struct ofpbuf *reply;

            VLOG_WARN_RL(&bad_ofmsg_rl, "%s: version negotiation failed "
                         "(we support %s, peer supports %s)", vconn->name,
                         ds_cstr(&ours), ds_cstr(&theirs));
            reply = ofperr_encode_hello(OFPERR_OFPHFC_INCOMPATIBLE,
                                        oh->version, text);
            free(text);
            /* vconn_connect() flushes the error, then fails. */
            vconn->state = VCS_SEND_ERROR;
            vconn->error = EPROTO;
            if (vconn_send_logged(vconn, reply)) {
                ofpbuf_delete(reply);
            }
        }
        ds_destroy(&ours);
        ds_destroy(&theirs);
    } else {
        char *s = vconn_msg_to_string(msg);
        VLOG_WARN_RL(&bad_ofmsg_rl, "%s: received message while expecting "
                     "hello: %s", vconn->name, s);
        free(s);
        vconn->state = VCS_DISCONNECTED;
        vconn->error = EPROTO;
    }
    ofpbuf_delete(msg);
}

/* Returns 'msg' as ofp_to_string() formats it, without the trailing new
 * line, for a log message.  The caller frees the result. */
static char *
vconn_msg_to_string(const struct ofpbuf *msg)
{
    char *s = ofp_to_string(msg->data, msg->size, NULL, NULL, 1);
    size_t len = strlen(s);

    while (len > 0 && s[len - 1] == '\n') {
        s[--len] = '\0';
    }
    return s;
}

/* Logs received message 'msg' at debug level. */
static void
vconn_log_recv(const struct vconn *vconn, const struct ofpbuf *msg)
{
    if (VLOG_IS_DBG_ENABLED()) {
        char *s = vconn_msg_to_string(msg);
        VLOG_DBG("%s: received: %s", vconn->name, s);
        free(s);
    }
}

/* Sends 'msg' through 'vconn''s class, logging it at debug level.  Takes
 * ownership of 'msg' on success (returns 0) only. */
static int
vconn_send_logged(struct vconn *vconn, struct ofpbuf *msg)
{
    if (VLOG_IS_DBG_ENABLED()) {
        char *s = vconn_msg_to_string(msg);
        int error = vconn->vclass->send(vconn, msg);
        VLOG_DBG("%s: sent (%s): %s", vconn->name, ovs_strerror(error), s);
        free(s);
        return error;
    }
    return vconn->vclass->send(vconn, msg);
}

int
vconn_connect(struct vconn *vconn)
{
    for (;;) {
        enum vconn_state last = vconn->state;
        int error;

        switch ((enum vconn_state) vconn->state) {
        case VCS_CONNECTING:
            error = (vconn->vclass->connect
                     ? vconn->vclass->connect(vconn) : 0);
            if (!error) {
                vconn->state = VCS_SEND_HELLO;
            } else if (error != EAGAIN) {
                vconn->state = VCS_DISCONNECTED;
                vconn->error = error;
            }
            break;

        case VCS_SEND_HELLO: {
            struct ofpbuf *hello = vconn_encode_hello(vconn->allowed_versions);
            error = vconn_send_logged(vconn, hello);
            if (!error) {
                vconn->state = VCS_RECV_HELLO;
            } else {
                ofpbuf_delete(hello);
                if (error != EAGAIN) {
                    vconn->state = VCS_DISCONNECTED;
                    vconn->error = error;
                }
            }
            break;
        }

        case VCS_RECV_HELLO: {
            struct ofpbuf *msg;
            error = vconn->vclass->recv(vconn, &msg);
            if (!error) {
                vconn_log_recv(vconn, msg);
                vconn_recv_hello(vconn, msg);
            } else if (error != EAGAIN) {
                vconn->state = VCS_DISCONNECTED;
                vconn->error = error;
            }
            break;
        }

        case VCS_SEND_ERROR:
            /* The error message has been queued; flush what we can and
             * fail. */
            if (vconn->vclass->run) {
                vconn->vclass->run(vconn);
            }
            vconn->state = VCS_DISCONNECTED;
            break;

        case VCS_CONNECTED:
            return 0;

        case VCS_DISCONNECTED:
            return vconn->error;

        default:
            OVS_NOT_REACHED();
        }

        if (vconn->state == last) {
            return EAGAIN;
        }
    }
}

/* Returns true if an OpenFlow message of type 'type' may arrive in any
 * version, whatever was negotiated. */
static bool
vconn_type_is_version_agnostic(uint8_t type)
{
    return (type == OFPT_HELLO || type == OFPT_ERROR
            || type == OFPT_ECHO_REQUEST || type == OFPT_ECHO_REPLY);
}

int
vconn_recv(struct vconn *vconn, struct ofpbuf **msgp)
{
    struct ofpbuf *msg = NULL;
    int error = vconn_connect(vconn);

    while (!error) {
        error = vconn->vclass->recv(vconn, &msg);
        if (error) {
            msg = NULL;
            break;
        }
        vconn_log_recv(vconn, msg);

        const struct ofp_header *oh = msg->data;
        if (oh->version == vconn->version || vconn->recv_any_version
            || vconn_type_is_version_agnostic(oh->type)) {
            break;
        }
        VLOG_ERR_RL(&bad_ofmsg_rl, "%s: received OpenFlow version 0x%02x "
                    "!= expected %02x", vconn->name, oh->version,
                    vconn->version);

        /* As upstream, tell the peer (in the message's own version, or in
         * OpenFlow 1.0 for a version that has no errors), and go on. */
        struct ofpbuf *reply = ofperr_encode_reply(OFPERR_OFPBRC_BAD_VERSION,
                                                   oh);
        if (vconn_send_logged(vconn, reply)) {
            ofpbuf_delete(reply);
        }
        ofpbuf_delete(msg);
        msg = NULL;
    }
    *msgp = msg;
    return error;
}

int
vconn_send(struct vconn *vconn, struct ofpbuf *msg)
{
    int error = vconn_connect(vconn);
    if (!error) {
        ovs_assert(msg->size >= sizeof(struct ofp_header));
        if (msg->size <= UINT16_MAX) {
            ((struct ofp_header *) msg->data)->length = htons(msg->size);
        }
        error = vconn_send_logged(vconn, msg);
    }
    return error;
}

void
vconn_run(struct vconn *vconn)
{
    if (vconn->state == VCS_CONNECTING || vconn->state == VCS_SEND_HELLO
        || vconn->state == VCS_RECV_HELLO) {
        vconn_connect(vconn);
    }
    if (vconn->vclass->run) {
        vconn->vclass->run(vconn);
    }
}

void
vconn_run_wait(struct vconn *vconn)
{
    if (vconn->state == VCS_CONNECTING || vconn->state == VCS_SEND_HELLO
        || vconn->state == VCS_RECV_HELLO) {
        vconn_connect_wait(vconn);
    }
    if (vconn->vclass->run_wait) {
        vconn->vclass->run_wait(vconn);
    }
}

void
vconn_wait(struct vconn *vconn, enum vconn_wait_type wait)
{
    ovs_assert(wait == WAIT_CONNECT || wait == WAIT_RECV
               || wait == WAIT_SEND);

    switch ((enum vconn_state) vconn->state) {
    case VCS_CONNECTING:
        wait = WAIT_CONNECT;
        break;

    case VCS_SEND_HELLO:
    case VCS_SEND_ERROR:
        wait = WAIT_SEND;
        break;

    case VCS_RECV_HELLO:
        wait = WAIT_RECV;
        break;

    case VCS_CONNECTED:
        break;

    case VCS_DISCONNECTED:
        poll_immediate_wake();
        return;
    }
    vconn->vclass->wait(vconn, wait);
}

void
vconn_connect_wait(struct vconn *vconn)
{
    vconn_wait(vconn, WAIT_CONNECT);
}

void
vconn_recv_wait(struct vconn *vconn)
{
    vconn_wait(vconn, WAIT_RECV);
}

void
vconn_send_wait(struct vconn *vconn)
{
    vconn_wait(vconn, WAIT_SEND);
}

/* Blocking helpers. */

int
vconn_open_block(const char *name, uint32_t allowed_versions, uint8_t dscp,
                 long long int timeout, struct vconn **vconnp)
{
    struct vconn *vconn;
    int error;

    fatal_signal_run();
    error = vconn_open(name, allowed_versions, dscp, &vconn);
    if (!error) {
        error = vconn_connect_block(vconn, timeout);
    }
    if (error) {
        vconn_close(vconn);
        vconn = NULL;
    }
    *vconnp = vconn;
    return error;
}

int
vconn_connect_block(struct vconn *vconn, long long int timeout)
{
    long long int deadline = timeout >= 0 ? time_msec() + timeout : -1;
    int error;

    while ((error = vconn_connect(vconn)) == EAGAIN) {
        if (deadline >= 0 && time_msec() >= deadline) {
            return ETIMEDOUT;
        }
        vconn_run(vconn);
        vconn_run_wait(vconn);
        vconn_connect_wait(vconn);
        if (deadline >= 0) {
            poll_timer_wait_until(deadline);
        }
        poll_block();
    }
    ovs_assert(error != EINPROGRESS);
    return error;
}

int
vconn_send_block(struct vconn *vconn, struct ofpbuf *msg)
{
    int error;

    fatal_signal_run();
    while ((error = vconn_send(vconn, msg)) == EAGAIN) {
        vconn_run(vconn);
        vconn_run_wait(vconn);
        vconn_send_wait(vconn);
        poll_block();
    }
    return error;
}

int
vconn_recv_block(struct vconn *vconn, struct ofpbuf **msgp)
{
    int error;

    fatal_signal_run();
    while ((error = vconn_recv(vconn, msgp)) == EAGAIN) {
        vconn_run(vconn);
        vconn_run_wait(vconn);
        vconn_recv_wait(vconn);
        poll_block();
    }
    return error;
}

bool
vconn_answer_echo(struct vconn *vconn, const struct ofpbuf *msg)
{
    const struct ofp_header *oh = msg->data;

    if (oh->type != OFPT_ECHO_REQUEST) {
        return false;
    }
    struct ofpbuf *reply = ofpbuf_clone(msg);
    struct ofp_header *rh = reply->data;
    rh->type = OFPT_ECHO_REPLY;
    if (vconn_send_block(vconn, reply)) {
        ofpbuf_delete(reply);
    }
    return true;
}

int
vconn_recv_xid(struct vconn *vconn, ovs_be32 xid, struct ofpbuf **replyp)
{
    for (;;) {
        struct ofpbuf *reply;
        int error = vconn_recv_block(vconn, &reply);
        if (error) {
            *replyp = NULL;
            return error;
        }

        const struct ofp_header *oh = reply->data;
        if (oh->xid == xid) {
            *replyp = reply;
            return 0;
        }
        if (!vconn_answer_echo(vconn, reply)) {
            VLOG_DBG_RL(&bad_ofmsg_rl, "%s: received reply with xid %08"
                        PRIx32" != expected %08"PRIx32, vconn->name,
                        ntohl(oh->xid), ntohl(xid));
        }
        ofpbuf_delete(reply);
    }
}

int
vconn_transact(struct vconn *vconn, struct ofpbuf *request,
               struct ofpbuf **replyp)
{
    ovs_be32 send_xid = ((struct ofp_header *) request->data)->xid;
    int error;

    *replyp = NULL;
    error = vconn_send_block(vconn, request);
    if (error) {
        ofpbuf_delete(request);
        return error;
    }
    return vconn_recv_xid(vconn, send_xid, replyp);
}

/* Returns a new barrier request in 'version'. */
static struct ofpbuf *
vconn_make_barrier(int version)
{
    struct ofpbuf *msg = ofpbuf_new(sizeof(struct ofp_header));
    struct ofp_header *oh = ofpbuf_put_zeros(msg, sizeof *oh);

    oh->version = version;
    oh->type = (version == OFP10_VERSION
                ? OFPT10_BARRIER_REQUEST : OFPT11_BARRIER_REQUEST);
    oh->length = htons(sizeof *oh);
    oh->xid = alloc_xid();
    return msg;
}

/* Returns true if 'oh' is a barrier reply. */
static bool
vconn_is_barrier_reply(const struct ofp_header *oh)
{
    return oh->type == (oh->version == OFP10_VERSION
                        ? OFPT10_BARRIER_REPLY : OFPT11_BARRIER_REPLY);
}

/* Sends 'request' (taking ownership) followed by a barrier and collects
 * the first reply to it (other than the barrier reply) into '*replyp'. */
int
vconn_transact_noreply(struct vconn *vconn, struct ofpbuf *request,
                       struct ofpbuf **replyp)
{
    ovs_be32 barrier_xid;
    int error;

    *replyp = NULL;
    error = vconn_send_with_barrier(vconn, request, &barrier_xid);
    return error ? error : vconn_recv_barrier_reply(vconn, barrier_xid,
                                                    replyp);
}

/* Sends 'msg' (several OpenFlow messages back to back, their lengths
 * already set) through 'vconn''s class as it is, blocking until it is
 * queued.  Takes ownership of 'msg' on success only. */
static int
vconn_send_raw_block(struct vconn *vconn, struct ofpbuf *msg)
{
    fatal_signal_run();
    for (;;) {
        int error = vconn_connect(vconn);

        if (!error) {
            error = vconn->vclass->send(vconn, msg);
        }
        if (error != EAGAIN) {
            return error;
        }
        vconn_run(vconn);
        vconn_run_wait(vconn);
        vconn_send_wait(vconn);
        poll_block();
    }
}

int
vconn_send_batch_block(struct vconn *vconn, struct ofpbuf *msgs)
{
    int error = vconn_connect_block(vconn, -1);

    if (error) {
        ofpbuf_delete(msgs);
        return error;
    }
    if (!VLOG_IS_DBG_ENABLED()) {
        error = vconn_send_raw_block(vconn, msgs);
        if (error) {
            ofpbuf_delete(msgs);
        }
        return error;
    }

    /* One message at a time, so that each one is logged. */
    const uint8_t *p = msgs->data;
    size_t left = msgs->size;
    while (!error && left >= sizeof(struct ofp_header)) {
        const struct ofp_header *oh = (const struct ofp_header *) p;
        size_t len = ntohs(oh->length);

        ovs_assert(len >= sizeof *oh && len <= left);
        struct ofpbuf *msg = ofpbuf_clone_data(p, len);
        error = vconn_send_block(vconn, msg);
        if (error) {
            ofpbuf_delete(msg);
        }
        p += len;
        left -= len;
    }
    ofpbuf_delete(msgs);
    return error;
}

int
vconn_send_with_barrier(struct vconn *vconn, struct ofpbuf *request,
                        ovs_be32 *barrier_xidp)
{
    int error = vconn_connect_block(vconn, -1);

    *barrier_xidp = htonl(0);
    if (error) {
        ofpbuf_delete(request);
        return error;
    }

    struct ofpbuf *barrier = vconn_make_barrier(vconn->version);
    *barrier_xidp = ((struct ofp_header *) barrier->data)->xid;

    if (!VLOG_IS_DBG_ENABLED()
        && request->size >= sizeof(struct ofp_header)
        && request->size <= UINT16_MAX) {
        /* Nothing to log message by message: one write carries both, so
         * that the peer wakes once for the pair. */
        ((struct ofp_header *) request->data)->length = htons(request->size);
        ofpbuf_put(request, barrier->data, barrier->size);
        ofpbuf_delete(barrier);
        error = vconn_send_raw_block(vconn, request);
        if (error) {
            ofpbuf_delete(request);
        }
        return error;
    }

    error = vconn_send_block(vconn, request);
    if (error) {
        ofpbuf_delete(request);
        ofpbuf_delete(barrier);
        return error;
    }
    error = vconn_send_block(vconn, barrier);
    if (error) {
        ofpbuf_delete(barrier);
    }
    return error;
}

int
vconn_recv_barrier_reply(struct vconn *vconn, ovs_be32 barrier_xid,
                         struct ofpbuf **replyp)
{
    *replyp = NULL;
    for (;;) {
        struct ofpbuf *msg;
        int error = vconn_recv_block(vconn, &msg);

        if (error) {
            ofpbuf_delete(*replyp);
            *replyp = NULL;
            return error;
        }

        const struct ofp_header *oh = msg->data;
        if (oh->xid == barrier_xid && vconn_is_barrier_reply(oh)) {
            ofpbuf_delete(msg);
            return 0;
        } else if (vconn_answer_echo(vconn, msg)) {
            ofpbuf_delete(msg);
        } else if (!*replyp) {
            *replyp = msg;
        } else {
            ofpbuf_delete(msg);
        }
    }
}

/* Passive vconns. */

int
pvconn_verify_name(const char *name)
{
    if (!pvconn_lookup_class(name)) {
        return EAFNOSUPPORT;
    }
    return pstream_verify_name(name);
}

int
pvconn_open(const char *name, uint32_t allowed_versions, uint8_t dscp,
            struct pvconn **pvconnp)
{
    const struct pvconn_class *class = pvconn_lookup_class(name);
    struct pvconn *pvconn = NULL;
    int error;

    if (!allowed_versions) {
        allowed_versions = VCONN_DEFAULT_VERSIONS;
    }
    if (!class) {
        error = EAFNOSUPPORT;
    } else {
        char *suffix = xstrdup(name + strlen(class->name) + 1);
        error = class->listen(name, allowed_versions, suffix, &pvconn, dscp);
        free(suffix);
    }
    if (error) {
        pvconn = NULL;
    }
    *pvconnp = pvconn;
    return error;
}

void
pvconn_init(struct pvconn *pvconn, const struct pvconn_class *class,
            const char *name, uint32_t allowed_versions)
{
    pvconn->pvclass = class;
    pvconn->name = xstrdup(name);
    pvconn->allowed_versions = allowed_versions;
}

const char *
pvconn_get_name(const struct pvconn *pvconn)
{
    return pvconn->name;
}

void
pvconn_close(struct pvconn *pvconn)
{
    if (pvconn) {
        char *name = pvconn->name;
        pvconn->pvclass->close(pvconn);
        free(name);
    }
}

int
pvconn_accept(struct pvconn *pvconn, struct vconn **new_vconn)
{
    int error = pvconn->pvclass->accept(pvconn, new_vconn);
    if (error) {
        *new_vconn = NULL;
    } else {
        vconn_connect(*new_vconn);
    }
    return error;
}

void
pvconn_wait(struct pvconn *pvconn)
{
    pvconn->pvclass->wait(pvconn);
}

uint16_t
pvconn_get_bound_port(const struct pvconn *pvconn)
{
    return (pvconn->pvclass->get_bound_port
            ? pvconn->pvclass->get_bound_port(pvconn) : 0);
}
