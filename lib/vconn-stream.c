/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* OpenFlow connections over lib/stream byte streams: each OpenFlow message
 * is framed by the length in its header. */

#include <config.h>
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "openflow/openflow-common.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"
#include "poll-loop.h"
#include "stream.h"
#include "openvswitch/util.h"
#include "vconn-provider.h"

VLOG_DEFINE_THIS_MODULE(vconn_stream);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 25);

/* An active vconn on a stream. */
struct vconn_stream {
    struct vconn vconn;         /* Generic part. */
    struct stream *stream;      /* The byte stream. */
    struct ofpbuf *rxbuf;       /* Partially received message, or NULL. */
    struct ofpbuf *txbuf;       /* Partially sent message, or NULL. */
};

/* A passive vconn on a pstream. */
struct pvconn_pstream {
    struct pvconn pvconn;       /* Generic part. */
    struct pstream *pstream;    /* The listener. */
};

static const struct vconn_class stream_vconn_class;

static struct vconn_stream *
vconn_stream_cast(struct vconn *vconn)
{
    return CONTAINER_OF(vconn, struct vconn_stream, vconn);
}

static struct pvconn_pstream *
pvconn_pstream_cast(struct pvconn *pvconn)
{
    return CONTAINER_OF(pvconn, struct pvconn_pstream, pvconn);
}

/* Wraps 'stream' (whose connection status is 'connect_status') in a new
 * vconn of class 'class', taking ownership of 'stream'. */
static struct vconn *
vconn_stream_new(const struct vconn_class *class, struct stream *stream,
                 int connect_status, uint32_t allowed_versions)
{
    struct vconn_stream *s = xzalloc(sizeof *s);

    vconn_init(&s->vconn, class, connect_status, stream_get_name(stream),
               allowed_versions);
    s->stream = stream;
    return &s->vconn;
}

static int
vconn_stream_open(const struct vconn_class *class, const char *name,
                  uint32_t allowed_versions, struct vconn **vconnp,
                  uint8_t dscp)
{
    struct stream *stream;
    int error;

    error = stream_open_with_default_port(name, OFP_PORT, &stream, dscp);
    if (!error) {
        error = stream_connect(stream);
        if (!error || error == EAGAIN) {
            *vconnp = vconn_stream_new(class, stream, error,
                                       allowed_versions);
            return 0;
        }
        stream_close(stream);
    }
    return error;
}

static int
tcp_vconn_open(const char *name, uint32_t allowed_versions,
               char *suffix OVS_UNUSED, struct vconn **vconnp, uint8_t dscp)
{
    return vconn_stream_open(&tcp_vconn_class, name, allowed_versions,
                             vconnp, dscp);
}

static int
unix_vconn_open(const char *name, uint32_t allowed_versions,
                char *suffix OVS_UNUSED, struct vconn **vconnp, uint8_t dscp)
{
    return vconn_stream_open(&unix_vconn_class, name, allowed_versions,
                             vconnp, dscp);
}

static int
ssl_vconn_open(const char *name, uint32_t allowed_versions,
               char *suffix OVS_UNUSED, struct vconn **vconnp, uint8_t dscp)
{
    return vconn_stream_open(&ssl_vconn_class, name, allowed_versions,
                             vconnp, dscp);
}

static void
vconn_stream_close(struct vconn *vconn)
{
    struct vconn_stream *s = vconn_stream_cast(vconn);

    if (s->txbuf) {
        /* One last try to get a final message (e.g. an error reply) out. */
        stream_send(s->stream, s->txbuf->data, s->txbuf->size);
    }
    stream_close(s->stream);
    ofpbuf_delete(s->rxbuf);
    ofpbuf_delete(s->txbuf);
    free(s);
}

static int
vconn_stream_connect(struct vconn *vconn)
{
    struct vconn_stream *s = vconn_stream_cast(vconn);
    return stream_connect(s->stream);
}

/* Bytes that a read asks the stream for, at least: a burst of small
 * messages (a flow mod and the barrier after it) then takes one recv()
 * instead of two per message.  What follows the message being read stays
 * in 'rxbuf' for the next ones. */
#define VCONN_STREAM_RX_CHUNK 4096

/* Reads into 'rx' until it holds 'want' bytes (perhaps more).  Returns 0
 * when it does, EAGAIN if more is needed later, EOF at a clean end of
 * stream (nothing buffered), or another positive errno. */
static int
vconn_stream_fill(struct vconn_stream *s, struct ofpbuf *rx, size_t want)
{
    while (rx->size < want) {
        if (ofpbuf_headroom(rx) && ofpbuf_tailroom(rx) < want - rx->size) {
            /* Reuse the room of the messages already taken out. */
            ofpbuf_shift(rx, -(int) ofpbuf_headroom(rx));
        }
        ofpbuf_prealloc_tailroom(rx, MAX(want - rx->size,
                                         VCONN_STREAM_RX_CHUNK));
        int retval = stream_recv(s->stream, ofpbuf_tail(rx),
                                 ofpbuf_tailroom(rx));
        if (retval > 0) {
            rx->size += retval;
        } else if (retval == 0) {
            if (rx->size) {
                VLOG_ERR_RL(&rl, "%s: connection dropped mid-packet",
                            s->vconn.name);
                return EPROTO;
            }
            return EOF;
        } else {
            return -retval;
        }
    }
    return 0;
}

static int
vconn_stream_recv(struct vconn *vconn, struct ofpbuf **msgp)
{
    struct vconn_stream *s = vconn_stream_cast(vconn);
    const struct ofp_header *oh;
    size_t length;
    int error;

    if (!s->rxbuf) {
        s->rxbuf = ofpbuf_new(VCONN_STREAM_RX_CHUNK);
    }

    error = vconn_stream_fill(s, s->rxbuf, sizeof *oh);
    if (error) {
        return error;
    }
    oh = s->rxbuf->data;
    length = ntohs(oh->length);
    if (length < sizeof *oh) {
        VLOG_ERR_RL(&rl, "received too-short ofp_header (%"PRIuMAX
                    " bytes)", (uintmax_t) length);
        return EPROTO;
    }

    error = vconn_stream_fill(s, s->rxbuf, length);
    if (error) {
        return error;
    }
    if (s->rxbuf->size == length) {
        /* Nothing else buffered: the buffer becomes the message. */
        *msgp = s->rxbuf;
        s->rxbuf = NULL;
    } else {
        *msgp = ofpbuf_clone_data(s->rxbuf->data, length);
        ofpbuf_pull(s->rxbuf, length);
        if ((uintptr_t) s->rxbuf->data % 8) {
            /* The next message would start misaligned (after, e.g., an
             * OpenFlow 1.0 packet-out of odd length): move it to the start
             * of the buffer, as aligned as the buffer, since it may become
             * a message itself and its header is read in place. */
            ofpbuf_shift(s->rxbuf, -(int) ofpbuf_headroom(s->rxbuf));
        }
    }
    return 0;
}

/* Returns true if 's' holds a whole message already read from its
 * stream. */
static bool
vconn_stream_has_msg(const struct vconn_stream *s)
{
    const struct ofp_header *oh;

    if (!s->rxbuf || s->rxbuf->size < sizeof *oh) {
        return false;
    }
    oh = s->rxbuf->data;
    return s->rxbuf->size >= ntohs(oh->length);
}

/* Tries to send the rest of 'txbuf'. */
static void
vconn_stream_flush(struct vconn_stream *s)
{
    while (s->txbuf) {
        int retval = stream_send(s->stream, s->txbuf->data, s->txbuf->size);
        if (retval > 0) {
            ofpbuf_pull(s->txbuf, retval);
            if (!s->txbuf->size) {
                ofpbuf_delete(s->txbuf);
                s->txbuf = NULL;
            }
        } else {
            if (retval != -EAGAIN) {
                VLOG_WARN_RL(&rl, "%s: send: %s", s->vconn.name,
                             ovs_strerror(-retval));
                ofpbuf_delete(s->txbuf);
                s->txbuf = NULL;
            }
            return;
        }
    }
}

static int
vconn_stream_send(struct vconn *vconn, struct ofpbuf *msg)
{
    struct vconn_stream *s = vconn_stream_cast(vconn);
    int retval;

    if (s->txbuf) {
        return EAGAIN;
    }

    retval = stream_send(s->stream, msg->data, msg->size);
    if (retval == msg->size) {
        ofpbuf_delete(msg);
        return 0;
    } else if (retval >= 0 || retval == -EAGAIN) {
        s->txbuf = msg;
        if (retval > 0) {
            ofpbuf_pull(msg, retval);
        }
        return 0;
    } else {
        return -retval;
    }
}

static void
vconn_stream_run(struct vconn *vconn)
{
    struct vconn_stream *s = vconn_stream_cast(vconn);

    stream_run(s->stream);
    vconn_stream_flush(s);
}

static void
vconn_stream_run_wait(struct vconn *vconn)
{
    struct vconn_stream *s = vconn_stream_cast(vconn);

    stream_run_wait(s->stream);
    if (s->txbuf) {
        stream_send_wait(s->stream);
    }
}

static void
vconn_stream_wait(struct vconn *vconn, enum vconn_wait_type wait)
{
    struct vconn_stream *s = vconn_stream_cast(vconn);

    switch (wait) {
    case WAIT_CONNECT:
        stream_connect_wait(s->stream);
        break;

    case WAIT_SEND:
        /* With a message pending, sending can make progress once the
         * stream takes more bytes; without one, as soon as it does too. */
        stream_send_wait(s->stream);
        break;

    case WAIT_RECV:
        if (vconn_stream_has_msg(s)) {
            poll_immediate_wake();
        } else {
            stream_recv_wait(s->stream);
        }
        break;

    default:
        OVS_NOT_REACHED();
    }
}

#define STREAM_VCONN_CLASS(NAME, OPEN)          \
    {                                           \
        .name = NAME,                           \
        .open = OPEN,                           \
        .close = vconn_stream_close,            \
        .connect = vconn_stream_connect,        \
        .recv = vconn_stream_recv,              \
        .send = vconn_stream_send,              \
        .run = vconn_stream_run,                \
        .run_wait = vconn_stream_run_wait,      \
        .wait = vconn_stream_wait,              \
    }

const struct vconn_class tcp_vconn_class =
    STREAM_VCONN_CLASS("tcp", tcp_vconn_open);
const struct vconn_class unix_vconn_class =
    STREAM_VCONN_CLASS("unix", unix_vconn_open);
const struct vconn_class ssl_vconn_class =
    STREAM_VCONN_CLASS("ssl", ssl_vconn_open);

/* Accepted connections get this class: it is never looked up by name. */
static const struct vconn_class stream_vconn_class =
    STREAM_VCONN_CLASS("stream", NULL);

/* Passive vconns. */

static int
pvconn_pstream_listen(const struct pvconn_class *class, const char *name,
                      uint32_t allowed_versions, struct pvconn **pvconnp,
                      uint8_t dscp)
{
    struct pvconn_pstream *ps;
    struct pstream *pstream;
    int error;

    error = pstream_open_with_default_port(name, OFP_PORT, &pstream, dscp);
    if (error) {
        return error;
    }
    ps = xzalloc(sizeof *ps);
    pvconn_init(&ps->pvconn, class, pstream_get_name(pstream),
                allowed_versions);
    ps->pstream = pstream;
    *pvconnp = &ps->pvconn;
    return 0;
}

static int
ptcp_pvconn_listen(const char *name, uint32_t allowed_versions,
                   char *suffix OVS_UNUSED, struct pvconn **pvconnp,
                   uint8_t dscp)
{
    return pvconn_pstream_listen(&ptcp_pvconn_class, name, allowed_versions,
                                 pvconnp, dscp);
}

static int
punix_pvconn_listen(const char *name, uint32_t allowed_versions,
                    char *suffix OVS_UNUSED, struct pvconn **pvconnp,
                    uint8_t dscp)
{
    return pvconn_pstream_listen(&punix_pvconn_class, name, allowed_versions,
                                 pvconnp, dscp);
}

static int
pssl_pvconn_listen(const char *name, uint32_t allowed_versions,
                   char *suffix OVS_UNUSED, struct pvconn **pvconnp,
                   uint8_t dscp)
{
    return pvconn_pstream_listen(&pssl_pvconn_class, name, allowed_versions,
                                 pvconnp, dscp);
}

static void
pvconn_pstream_close(struct pvconn *pvconn)
{
    struct pvconn_pstream *ps = pvconn_pstream_cast(pvconn);

    pstream_close(ps->pstream);
    free(ps);
}

static int
pvconn_pstream_accept(struct pvconn *pvconn, struct vconn **new_vconnp)
{
    struct pvconn_pstream *ps = pvconn_pstream_cast(pvconn);
    struct stream *stream;
    int error;

    error = pstream_accept(ps->pstream, &stream);
    if (error) {
        if (error != EAGAIN) {
            VLOG_DBG_RL(&rl, "%s: accept: %s",
                        pstream_get_name(ps->pstream), ovs_strerror(error));
        }
        return error;
    }
    *new_vconnp = vconn_stream_new(&stream_vconn_class, stream, 0,
                                   pvconn->allowed_versions);
    return 0;
}

static void
pvconn_pstream_wait(struct pvconn *pvconn)
{
    struct pvconn_pstream *ps = pvconn_pstream_cast(pvconn);
    pstream_wait(ps->pstream);
}

static uint16_t
pvconn_pstream_get_bound_port(const struct pvconn *pvconn)
{
    const struct pvconn_pstream *ps
        = CONTAINER_OF(pvconn, struct pvconn_pstream, pvconn);
    return pstream_get_bound_port(ps->pstream);
}

#define PSTREAM_PVCONN_CLASS(NAME, LISTEN)                      \
    {                                                           \
        .name = NAME,                                           \
        .listen = LISTEN,                                       \
        .close = pvconn_pstream_close,                          \
        .accept = pvconn_pstream_accept,                        \
        .wait = pvconn_pstream_wait,                            \
        .get_bound_port = pvconn_pstream_get_bound_port,        \
    }

const struct pvconn_class ptcp_pvconn_class =
    PSTREAM_PVCONN_CLASS("ptcp", ptcp_pvconn_listen);
const struct pvconn_class punix_pvconn_class =
    PSTREAM_PVCONN_CLASS("punix", punix_pvconn_listen);
const struct pvconn_class pssl_pvconn_class =
    PSTREAM_PVCONN_CLASS("pssl", pssl_pvconn_listen);
