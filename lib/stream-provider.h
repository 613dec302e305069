/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef STREAM_PROVIDER_H
#define STREAM_PROVIDER_H 1

/* The interface between the generic stream code (stream.c) and each kind
 * of stream ("tcp", "unix", "ssl" and their passive "ptcp", "punix",
 * "pssl").
 *
 * A stream is a reliable, ordered, bidirectional byte stream to one peer.
 * A passive stream (pstream) listens for and accepts streams.  Every
 * implementation is non-blocking: no member function may wait for the
 * network.  A class tells the generic code what to wait for through its
 * 'wait' function, and the generic code calls back when poll_block()
 * wakes.
 *
 * Errors are positive errno values, except where a function documents a
 * negative return.  EAGAIN always means "not yet, try again after waiting"
 * and is never fatal. */

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "stream.h"

/* Active streams. */

/* Connection states, kept by the generic code. */
enum stream_state {
    SCS_CONNECTING,             /* Connection in progress. */
    SCS_CONNECTED,              /* Connected: data may flow. */
    SCS_DISCONNECTED            /* Connection failed: see 'error'. */
};

/* An active stream.  Each class embeds this as the first member of its own
 * structure and uses CONTAINER_OF to get back to it. */
struct stream {
    const struct stream_class *class; /* The implementation. */
    enum stream_state state;    /* Connection state. */
    int error;                  /* Error, if 'state' is SCS_DISCONNECTED. */
    char *name;                 /* Name, e.g. "tcp:127.0.0.1:6640". */
    char *peer_id;              /* Peer's identity (e.g. from its SSL
                                 * certificate), or NULL if unknown. */
};

void stream_init(struct stream *, const struct stream_class *,
                 int connect_status, char *name);

/* Makes sure that 'stream' belongs to 'class', then returns 'stream'. */
static inline void
stream_assert_class(const struct stream *stream,
                    const struct stream_class *class)
{
    ovs_assert(stream->class == class);
}

/* The functions that implement one kind of active stream. */
struct stream_class {
    /* Prefix of the names of this class's streams, without the colon,
     * e.g. "tcp". */
    const char *name;

    /* True if a connection of this kind can silently die (so that a
     * long-lived user of it should send inactivity probes): true for
     * network streams, false for Unix domain sockets. */
    bool needs_probes;

    /* Starts opening the stream named 'name', whose part after the prefix
     * and colon is 'suffix' (which open may modify), with packets marked
     * with DSCP 'dscp' where that applies.
     *
     * On success, stores a new stream in '*streamp' and returns 0.  The
     * stream is created with stream_init(), whose 'connect_status' says
     * whether the connection is complete (0), in progress (EAGAIN), or
     * failed (an errno value).  The stream takes ownership of a copy of
     * 'name' (open must xstrdup() it).
     *
     * On failure, stores NULL in '*streamp' and returns a positive errno
     * value.  Must not block. */
    int (*open)(const char *name, char *suffix, struct stream **streamp,
                uint8_t dscp);

    /* Closes 'stream' and frees what the class allocated, including
     * 'stream' itself, but not the generic members 'name' and 'peer_id',
     * which the generic code frees. */
    void (*close)(struct stream *stream);

    /* Tries to complete the connection of 'stream', which is in
     * SCS_CONNECTING.  Returns 0 once connected, EAGAIN while still in
     * progress, otherwise a positive errno value (the connection failed).
     *
     * May be null if the class's streams are always connected at once. */
    int (*connect)(struct stream *stream);

    /* Reads up to 'n' bytes (n > 0) from connected 'stream' into
     * 'buffer'.  Returns the number of bytes read (positive), 0 at end of
     * stream, or a negative errno value (-EAGAIN if nothing is available
     * now).  Must not block. */
    ssize_t (*recv)(struct stream *stream, void *buffer, size_t n);

    /* Sends up to 'n' bytes (n > 0) from 'buffer' on connected 'stream'.
     * Returns the number of bytes sent (positive; possibly fewer than 'n')
     * or a negative errno value (-EAGAIN if none could be sent now).  A
     * class may accept bytes into an internal buffer and count them as
     * sent; it then flushes that buffer from 'run'.  Must not block. */
    ssize_t (*send)(struct stream *stream, const void *buffer, size_t n);

    /* Does background work for 'stream', e.g. flushing buffered output.
     * May be null. */
    void (*run)(struct stream *stream);

    /* Makes poll_block() wake when 'run' has work to do.  May be null. */
    void (*run_wait)(struct stream *stream);

    /* Makes poll_block() wake when the operation 'wait' could make
     * progress on 'stream': STREAM_CONNECT (connect would not return
     * EAGAIN), STREAM_RECV (recv would not return -EAGAIN) or STREAM_SEND
     * (send would not return -EAGAIN). */
    void (*wait)(struct stream *stream, enum stream_wait_type wait);
};

/* Passive streams. */

/* A passive stream.  Each class embeds this as the first member of its
 * own structure. */
struct pstream {
    const struct pstream_class *class; /* The implementation. */
    char *name;                 /* Name, e.g. "ptcp:6640". */
    uint16_t bound_port;        /* Port bound (host byte order), or 0. */
};

void pstream_init(struct pstream *, const struct pstream_class *,
                  char *name);
void pstream_set_bound_port(struct pstream *, uint16_t port);

/* Makes sure that 'pstream' belongs to 'class', then returns it. */
static inline void
pstream_assert_class(const struct pstream *pstream,
                     const struct pstream_class *class)
{
    ovs_assert(pstream->class == class);
}

/* The functions that implement one kind of passive stream. */
struct pstream_class {
    /* Prefix of the names of this class's pstreams, without the colon,
     * e.g. "ptcp". */
    const char *name;

    /* As for struct stream_class: true if streams accepted from this
     * kind of pstream should be probed for inactivity. */
    bool needs_probes;

    /* Starts listening on 'name', whose part after the prefix and colon
     * is 'suffix' (which listen may modify), marking packets with DSCP
     * 'dscp' where that applies.
     *
     * On success, stores a new pstream, created with pstream_init() (and
     * owning a copy of 'name', possibly with the actual port filled in),
     * in '*pstreamp' and returns 0.  On failure, stores NULL and returns a
     * positive errno value.  Must not block. */
    int (*listen)(const char *name, char *suffix, struct pstream **pstreamp,
                  uint8_t dscp);

    /* Stops listening and frees what the class allocated, including
     * 'pstream' itself but not its 'name' (which the generic code frees).
     * Streams already accepted are not affected. */
    void (*close)(struct pstream *pstream);

    /* Accepts a new connection on 'pstream'.  On success, stores the new
     * stream (which may still be completing a handshake) in
     * '*new_streamp' and returns 0.  Returns EAGAIN if no connection is
     * waiting, otherwise a positive errno value; either way stores NULL.
     * Must not block. */
    int (*accept)(struct pstream *pstream, struct stream **new_streamp);

    /* Makes poll_block() wake when 'accept' would not return EAGAIN. */
    void (*wait)(struct pstream *pstream);
};

/* Helper for TCP-based passive classes: returns "PREFIX:PORT:ADDRESS"
 * for a socket bound to 'ss', which the caller must free(). */
struct sockaddr_storage;
char *ptcp_name(const char *prefix, const struct sockaddr_storage *ss);

/* The built-in classes. */
extern const struct stream_class tcp_stream_class;
extern const struct pstream_class ptcp_pstream_class;
extern const struct stream_class unix_stream_class;
extern const struct pstream_class punix_pstream_class;
extern const struct stream_class ssl_stream_class;
extern const struct pstream_class pssl_pstream_class;

#endif /* stream-provider.h */
