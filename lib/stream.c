/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "stream.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream-provider.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(stream);

/* The active stream classes, by name prefix. */
static const struct stream_class *const stream_classes[] = {
    &tcp_stream_class,
    &unix_stream_class,
    &ssl_stream_class,
};

/* The passive stream classes, by name prefix. */
static const struct pstream_class *const pstream_classes[] = {
    &ptcp_pstream_class,
    &punix_pstream_class,
    &pssl_pstream_class,
};

/* Returns the length of the class prefix of 'name' (the part before the
 * first colon), or 0 if 'name' has no colon. */
static size_t
class_prefix_len(const char *name)
{
    const char *colon = strchr(name, ':');
    return colon ? colon - name : 0;
}

/* Finds the active stream class for 'name'.  Returns 0 and stores the
 * class in '*classp' if there is one, otherwise EAFNOSUPPORT and NULL. */
static int
stream_lookup_class(const char *name, const struct stream_class **classp)
{
    size_t len = class_prefix_len(name);

    *classp = NULL;
    if (len) {
        for (size_t i = 0; i < ARRAY_SIZE(stream_classes); i++) {
            const struct stream_class *class = stream_classes[i];
            if (strlen(class->name) == len
                && !memcmp(class->name, name, len)) {
                *classp = class;
                return 0;
            }
        }
    }
    return EAFNOSUPPORT;
}

/* Finds the passive stream class for 'name', like stream_lookup_class(). */
static int
pstream_lookup_class(const char *name, const struct pstream_class **classp)
{
    size_t len = class_prefix_len(name);

    *classp = NULL;
    if (len) {
        for (size_t i = 0; i < ARRAY_SIZE(pstream_classes); i++) {
            const struct pstream_class *class = pstream_classes[i];
            if (strlen(class->name) == len
                && !memcmp(class->name, name, len)) {
                *classp = class;
                return 0;
            }
        }
    }
    return EAFNOSUPPORT;
}

/* Prints to stdout the forms of stream names that a program named 'name'
 * accepts: active ones if 'active', passive ones if 'passive', and the
 * bootstrap CA certificate option if 'bootstrap'. */
void
stream_usage(const char *name, bool active, bool passive,
             bool bootstrap)
{
    printf("\n");
    if (active) {
        printf("Active %s connection methods:\n", name);
        printf("  tcp:HOST:PORT           "
               "TCP to PORT on HOST (IPv6 HOST in [brackets])\n");
        printf("  ssl:HOST:PORT           "
               "SSL/TLS to PORT on HOST (IPv6 HOST in [brackets])\n");
        printf("  unix:FILE               "
               "Unix domain socket named FILE\n");
    }
    if (passive) {
        printf("Passive %s connection methods:\n", name);
        printf("  ptcp:PORT[:IP]          "
               "listen for TCP on PORT, on IP if given\n");
        printf("  pssl:PORT[:IP]          "
               "listen for SSL/TLS on PORT, on IP if given\n");
        printf("  punix:FILE              "
               "listen on Unix domain socket FILE\n");
    }
    printf("PKI configuration (required to use SSL):\n"
           "  -p, --private-key=FILE  file with private key\n"
           "  -c, --certificate=FILE  file with certificate for private "
           "key\n"
           "  -C, --ca-cert=FILE      file with peer CA certificate\n");
    if (bootstrap) {
        printf("  --bootstrap-ca-cert=FILE  file with peer CA certificate "
               "to read or create\n");
    }
    printf("SSL options:\n"
           "  --ssl-protocols=PROTOS  list of SSL/TLS protocols to enable "
           "(TLSv1.2,TLSv1.3)\n"
           "  --ssl-ciphers=CIPHERS   list of SSL/TLS ciphers to enable\n");
}

/* Returns 0 if 'name' names an active stream of a known kind, otherwise
 * EAFNOSUPPORT. */
int
stream_verify_name(const char *name)
{
    const struct stream_class *class;
    return stream_lookup_class(name, &class);
}

/* Starts opening the active stream 'name' (e.g. "tcp:127.0.0.1:6640"),
 * with DSCP 'dscp' for network streams.  On success, stores the new stream
 * in '*streamp' and returns 0: the connection may still be in progress
 * (see stream_connect()).  On failure, stores NULL and returns a positive
 * errno value: EAFNOSUPPORT for an unknown kind of name. */
int
stream_open(const char *name, struct stream **streamp, uint8_t dscp)
{
    const struct stream_class *class;
    struct stream *stream = NULL;
    char *suffix;
    int error;

    error = stream_lookup_class(name, &class);
    if (!class) {
        goto exit;
    }

    suffix = xstrdup(name + strlen(class->name) + 1);
    error = class->open(name, suffix, &stream, dscp);
    free(suffix);
    if (error) {
        stream = NULL;
    }

exit:
    *streamp = stream;
    return error;
}

/* Blocks until '*streamp', just returned by stream_open() with 'error',
 * finishes connecting or 'timeout' milliseconds pass (a negative 'timeout'
 * waits forever).  Returns 0 if connected, otherwise closes the stream,
 * stores NULL in '*streamp' and returns a positive errno value (ETIMEDOUT
 * if the time ran out).  If 'error' is nonzero, just returns it. */
int
stream_open_block(int error, long long int timeout, struct stream **streamp)
{
    struct stream *stream = *streamp;

    if (!error) {
        long long int deadline = (timeout >= 0
                                  ? time_msec() + timeout
                                  : LLONG_MAX);

        while ((error = stream_connect(stream)) == EAGAIN) {
            if (time_msec() >= deadline) {
                VLOG_DBG("%s: connection timed out", stream_get_name(stream));
                error = ETIMEDOUT;
                break;
            }
            stream_run(stream);
            stream_run_wait(stream);
            stream_connect_wait(stream);
            if (deadline != LLONG_MAX) {
                poll_timer_wait_until(deadline);
            }
            poll_block();
        }
    }
    if (error) {
        stream_close(stream);
        *streamp = NULL;
    }
    return error;
}

/* Closes 'stream', which may be NULL. */
void
stream_close(struct stream *stream)
{
    if (stream) {
        char *name = stream->name;
        char *peer_id = stream->peer_id;

        stream->class->close(stream);
        free(name);
        free(peer_id);
    }
}

/* Returns the name of 'stream', as given to stream_open() or chosen by
 * pstream_accept(). */
const char *
stream_get_name(const struct stream *stream)
{
    return stream ? stream->name : "(null)";
}

/* Drives 'stream''s connection forward.  Returns 0 once it is connected,
 * EAGAIN while it is in progress, otherwise the positive errno value with
 * which it failed. */
int
stream_connect(struct stream *stream)
{
    if (stream->state == SCS_CONNECTING) {
        int retval = (stream->class->connect
                      ? stream->class->connect(stream)
                      : 0);
        if (!retval) {
            stream->state = SCS_CONNECTED;
        } else if (retval != EAGAIN) {
            stream->state = SCS_DISCONNECTED;
            stream->error = retval;
        }
    }

    switch (stream->state) {
    case SCS_CONNECTING:
        return EAGAIN;
    case SCS_CONNECTED:
        return 0;
    case SCS_DISCONNECTED:
    default:
        return stream->error;
    }
}

/* Receives up to 'n' bytes from 'stream' into 'buffer', finishing the
 * connection first if necessary.  Returns the number of bytes received
 * (positive), 0 at end of stream, or a negative errno value (-EAGAIN if
 * nothing is available yet). */
int
stream_recv(struct stream *stream, void *buffer, size_t n)
{
    int retval = stream_connect(stream);

    if (retval) {
        return -retval;
    } else if (n == 0) {
        return 0;
    } else {
        ssize_t r = stream->class->recv(stream, buffer, MIN(n, INT_MAX));
        return r;
    }
}

/* Sends up to 'n' bytes from 'buffer' on 'stream', finishing the
 * connection first if necessary.  Returns the number of bytes sent
 * (positive, possibly fewer than 'n'), or a negative errno value (-EAGAIN
 * if none could be sent yet). */
int
stream_send(struct stream *stream, const void *buffer, size_t n)
{
    int retval = stream_connect(stream);

    if (retval) {
        return -retval;
    } else if (n == 0) {
        return 0;
    } else {
        ssize_t r = stream->class->send(stream, buffer, MIN(n, INT_MAX));
        return r;
    }
}

/* Does background work for 'stream' (such as flushing SSL output).  Call
 * it from the main loop for every open stream. */
void
stream_run(struct stream *stream)
{
    if (stream->class->run) {
        stream->class->run(stream);
    }
}

/* Makes poll_block() wake when stream_run() has work to do. */
void
stream_run_wait(struct stream *stream)
{
    if (stream->class->run_wait) {
        stream->class->run_wait(stream);
    }
}

/* Makes poll_block() wake when the operation 'wait' can make progress on
 * 'stream'.  A stream still connecting waits for the connection; a failed
 * one wakes at once. */
void
stream_wait(struct stream *stream, enum stream_wait_type wait)
{
    ovs_assert(wait == STREAM_CONNECT || wait == STREAM_RECV
               || wait == STREAM_SEND);

    switch (stream->state) {
    case SCS_CONNECTING:
        wait = STREAM_CONNECT;
        break;
    case SCS_DISCONNECTED:
        poll_immediate_wake();
        return;
    case SCS_CONNECTED:
        break;
    }
    stream->class->wait(stream, wait);
}

void
stream_connect_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_CONNECT);
}

void
stream_recv_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_RECV);
}

void
stream_send_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_SEND);
}

/* Sets the peer identity of 'stream' to a copy of 'peer_id'. */
void
stream_set_peer_id(struct stream *stream, const char *peer_id)
{
    free(stream->peer_id);
    stream->peer_id = nullable_xstrdup(peer_id);
}

/* Returns the peer identity of 'stream' (e.g. the common name from its
 * SSL certificate), or NULL if it is unknown. */
const char *
stream_get_peer_id(const struct stream *stream)
{
    return stream->peer_id;
}

/* Returns 0 if 'name' names a passive stream of a known kind, otherwise
 * EAFNOSUPPORT. */
int
pstream_verify_name(const char *name)
{
    const struct pstream_class *class;
    return pstream_lookup_class(name, &class);
}

/* Starts listening on passive stream 'name' (e.g. "ptcp:6640"), with DSCP
 * 'dscp' for network streams.  On success, stores the new pstream in
 * '*pstreamp' and returns 0; on failure, stores NULL and returns a
 * positive errno value (EAFNOSUPPORT for an unknown kind of name). */
int
pstream_open(const char *name, struct pstream **pstreamp, uint8_t dscp)
{
    const struct pstream_class *class;
    struct pstream *pstream = NULL;
    char *suffix;
    int error;

    error = pstream_lookup_class(name, &class);
    if (!class) {
        goto exit;
    }

    suffix = xstrdup(name + strlen(class->name) + 1);
    error = class->listen(name, suffix, &pstream, dscp);
    free(suffix);
    if (error) {
        pstream = NULL;
    }

exit:
    *pstreamp = pstream;
    return error;
}

/* Returns the name of 'pstream'.  For a TCP or SSL pstream opened on port
 * 0, the name includes the port actually bound. */
const char *
pstream_get_name(const struct pstream *pstream)
{
    return pstream->name;
}

/* Stops listening on 'pstream', which may be NULL. */
void
pstream_close(struct pstream *pstream)
{
    if (pstream) {
        char *name = pstream->name;
        pstream->class->close(pstream);
        free(name);
    }
}

/* Accepts a waiting connection on 'pstream'.  On success, stores the new
 * stream in '*new_stream' and returns 0.  Otherwise stores NULL and
 * returns EAGAIN if no connection is waiting, or another positive errno
 * value. */
int
pstream_accept(struct pstream *pstream, struct stream **new_stream)
{
    int retval = pstream->class->accept(pstream, new_stream);

    if (retval) {
        *new_stream = NULL;
    } else {
        ovs_assert((*new_stream)->state != SCS_CONNECTING
                   || (*new_stream)->class->connect);
    }
    return retval;
}

/* Like pstream_accept(), but blocks until a connection arrives (or an
 * error other than EAGAIN occurs). */
int
pstream_accept_block(struct pstream *pstream, struct stream **new_stream)
{
    int error;

    while ((error = pstream_accept(pstream, new_stream)) == EAGAIN) {
        pstream_wait(pstream);
        poll_block();
    }
    if (error) {
        *new_stream = NULL;
    }
    return error;
}

/* Makes poll_block() wake when pstream_accept() would not return
 * EAGAIN. */
void
pstream_wait(struct pstream *pstream)
{
    pstream->class->wait(pstream);
}

/* Returns the TCP port that 'pstream' is bound to (host byte order), or 0
 * for a pstream that is not TCP or SSL. */
uint16_t
pstream_get_bound_port(const struct pstream *pstream)
{
    return pstream->bound_port;
}

/* Initializes the generic part of 'stream', for a class's open or accept
 * function.  'connect_status' is 0 if the connection is complete, EAGAIN
 * if it is in progress, otherwise the errno value with which it failed.
 * Takes ownership of 'name'. */
void
stream_init(struct stream *stream, const struct stream_class *class,
            int connect_status, char *name)
{
    memset(stream, 0, sizeof *stream);
    stream->class = class;
    stream->state = (connect_status == EAGAIN ? SCS_CONNECTING
                     : !connect_status ? SCS_CONNECTED
                     : SCS_DISCONNECTED);
    stream->error = connect_status;
    stream->name = name;
    ovs_assert(stream->state != SCS_CONNECTING || class->connect);
}

/* Initializes the generic part of 'pstream', for a class's listen
 * function.  Takes ownership of 'name'. */
void
pstream_init(struct pstream *pstream, const struct pstream_class *class,
             char *name)
{
    memset(pstream, 0, sizeof *pstream);
    pstream->class = class;
    pstream->name = name;
}

/* Records that 'pstream' is bound to TCP port 'port' (host order). */
void
pstream_set_bound_port(struct pstream *pstream, uint16_t port)
{
    pstream->bound_port = port;
}

/* Default ports. */

/* Returns true if 'name' begins with 'prefix' followed by a colon. */
static bool
has_prefix(const char *name, const char *prefix)
{
    size_t len = strlen(prefix);
    return !strncmp(name, prefix, len) && name[len] == ':';
}

/* Returns 'name' (which the caller must free()) with 'default_port'
 * added if 'name' is a "tcp:" or "ssl:" name without a port, e.g.
 * "tcp:10.0.0.1" becomes "tcp:10.0.0.1:6640" and "ssl:[::1]" becomes
 * "ssl:[::1]:6640". */
char *
stream_name_with_default_port(const char *name, uint16_t default_port)
{
    if (has_prefix(name, "tcp") || has_prefix(name, "ssl")) {
        char *copy = xstrdup(name + 4);
        char *host, *port;
        bool add = (inet_parse_host_port_tokens(copy, &host, &port)
                    && (!port || !*port));
        bool has_colon = port != NULL;

        free(copy);
        if (add) {
            return xasprintf("%s%s%"PRIu16, name, has_colon ? "" : ":",
                             default_port);
        }
    }
    return xstrdup(name);
}

/* Returns 'name' (which the caller must free()) with 'default_port'
 * inserted if 'name' is a "ptcp:" or "pssl:" name without a port, e.g.
 * "ptcp:" becomes "ptcp:6640" and "pssl::127.0.0.1" becomes
 * "pssl:6640:127.0.0.1". */
char *
pstream_name_with_default_port(const char *name, uint16_t default_port)
{
    if ((has_prefix(name, "ptcp") || has_prefix(name, "pssl"))
        && (name[5] == '\0' || name[5] == ':')) {
        return xasprintf("%.5s%"PRIu16"%s", name, default_port, name + 5);
    }
    return xstrdup(name);
}

/* Like stream_open(), but a "tcp:" or "ssl:" name without a port gets
 * 'default_port'. */
int
stream_open_with_default_port(const char *name, uint16_t default_port,
                              struct stream **streamp, uint8_t dscp)
{
    char *full = stream_name_with_default_port(name, default_port);
    int error = stream_open(full, streamp, dscp);

    free(full);
    return error;
}

/* Like pstream_open(), but a "ptcp:" or "pssl:" name without a port gets
 * 'default_port'. */
int
pstream_open_with_default_port(const char *name, uint16_t default_port,
                               struct pstream **pstreamp, uint8_t dscp)
{
    char *full = pstream_name_with_default_port(name, default_port);
    int error = pstream_open(full, pstreamp, dscp);

    free(full);
    return error;
}

/* If 'target' is a "tcp:" or "ssl:" name, parses its address (with
 * 'default_port' if it has none) into '*ss' and returns true.  Otherwise,
 * or if the address is malformed, returns false. */
bool
stream_parse_target_with_default_port(const char *target, int default_port,
                                      struct sockaddr_storage *ss)
{
    return ((has_prefix(target, "tcp") || has_prefix(target, "ssl"))
            && inet_parse_active(target + 4, default_port, ss, true, NULL));
}

/* Returns 1 if connections named 'name' (active or passive) should be
 * probed for inactivity, 0 if not, and -1 if 'name' is of no known
 * kind. */
int
stream_or_pstream_needs_probes(const char *name)
{
    const struct pstream_class *pclass;
    const struct stream_class *class;

    if (!stream_lookup_class(name, &class)) {
        return class->needs_probes;
    } else if (!pstream_lookup_class(name, &pclass)) {
        return pclass->needs_probes;
    } else {
        return -1;
    }
}

/* Guesses what the 'size' bytes in 'data', the first ones received on a
 * stream, are. */
static enum stream_content_type
stream_guess_content(const uint8_t *data, ssize_t size)
{
    if (size >= 2) {
        if (data[0] == 0x16 && data[1] == 0x03) {
            /* A TLS handshake record. */
            return STREAM_SSL;
        } else if (data[0] == '{') {
            return STREAM_JSONRPC;
        } else if (size >= 4 && data[0] >= 0x01 && data[0] <= 0x06
                   && data[1] <= 0x40 /* OFPT_* */) {
            return STREAM_OPENFLOW;
        }
    }
    return STREAM_UNKNOWN;
}

/* Returns a name for 'type'. */
static const char *
stream_content_type_to_string(enum stream_content_type type)
{
    switch (type) {
    case STREAM_UNKNOWN:
    default:
        return "unknown";
    case STREAM_OPENFLOW:
        return "OpenFlow";
    case STREAM_SSL:
        return "SSL";
    case STREAM_JSONRPC:
        return "JSON-RPC";
    }
}

/* Logs a warning to 'module' if the 'size' bytes in 'data', the first ones
 * received on the stream named 'stream_name', look like a protocol other
 * than 'expected' (for example, a TLS handshake arriving where JSON-RPC was
 * expected). */
void
stream_report_content(const void *data, ssize_t size,
                      enum stream_content_type expected,
                      struct vlog_module *module, const char *stream_name)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    enum stream_content_type actual = stream_guess_content(data, size);

    if (actual != expected && actual != STREAM_UNKNOWN
        && !vlog_should_drop(module, VLL_WARN, &rl)) {
        vlog(module, VLL_WARN, "%s: received %s data on %s channel",
             stream_name, stream_content_type_to_string(actual),
             stream_content_type_to_string(expected));
    }
}
