/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef STREAM_H
#define STREAM_H 1

/* Byte streams, named by strings as on upstream's command lines:
 *
 *   active                     passive
 *   tcp:HOST[:PORT]            ptcp:[PORT][:HOST]
 *   ssl:HOST[:PORT]            pssl:[PORT][:HOST]
 *   unix:FILE                  punix:FILE
 *
 * HOST is an IPv4 address or an IPv6 address in brackets ("[::1]"); a
 * relative FILE is relative to the run directory (ovs_rundir()).  Ports
 * may be omitted where the caller supplies a default (see
 * stream_open_with_default_port()).
 *
 * All operations are non-blocking, except the *_block() helpers: use
 * stream_run()/stream_wait() in a poll loop.  Functions return 0 or a
 * positive errno value unless documented otherwise. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include "openvswitch/util.h"

struct pstream;
struct stream;
struct vlog_module;

/* Well-known ports. */
#define OVSDB_PORT 6640         /* IANA-assigned OVSDB port. */
#define OFP_PORT 6653           /* IANA-assigned OpenFlow port. */
#define OFP_OLD_PORT 6633       /* Pre-IANA OpenFlow port. */

void stream_usage(const char *name, bool active, bool passive,
                  bool bootstrap);

/* Active streams. */
int stream_verify_name(const char *name);
int stream_open(const char *name, struct stream **, uint8_t dscp);
int stream_open_block(int error, long long int timeout, struct stream **);
void stream_close(struct stream *);
const char *stream_get_name(const struct stream *);
int stream_connect(struct stream *);
int stream_recv(struct stream *, void *buffer, size_t n);
int stream_send(struct stream *, const void *buffer, size_t n);

void stream_run(struct stream *);
void stream_run_wait(struct stream *);

/* What stream_wait() waits for. */
enum stream_wait_type {
    STREAM_CONNECT,             /* stream_connect() can make progress. */
    STREAM_RECV,                /* stream_recv() can make progress. */
    STREAM_SEND                 /* stream_send() can make progress. */
};
void stream_wait(struct stream *, enum stream_wait_type);
void stream_connect_wait(struct stream *);
void stream_recv_wait(struct stream *);
void stream_send_wait(struct stream *);

void stream_set_peer_id(struct stream *, const char *);
const char *stream_get_peer_id(const struct stream *);

/* Passive streams. */
int pstream_verify_name(const char *name);
int pstream_open(const char *name, struct pstream **, uint8_t dscp);
const char *pstream_get_name(const struct pstream *);
void pstream_close(struct pstream *);
int pstream_accept(struct pstream *, struct stream **);
int pstream_accept_block(struct pstream *, struct stream **);
void pstream_wait(struct pstream *);
uint16_t pstream_get_bound_port(const struct pstream *);

/* Default ports. */
int stream_open_with_default_port(const char *name, uint16_t default_port,
                                  struct stream **, uint8_t dscp);
int pstream_open_with_default_port(const char *name, uint16_t default_port,
                                   struct pstream **, uint8_t dscp);
char *stream_name_with_default_port(const char *name, uint16_t default_port);
char *pstream_name_with_default_port(const char *name,
                                     uint16_t default_port);
bool stream_parse_target_with_default_port(const char *target,
                                           int default_port,
                                           struct sockaddr_storage *);
int stream_or_pstream_needs_probes(const char *name);

/* What a stream carries, for diagnosing a misconfigured connection. */
enum stream_content_type {
    STREAM_UNKNOWN,
    STREAM_OPENFLOW,
    STREAM_SSL,
    STREAM_JSONRPC
};
void stream_report_content(const void *, ssize_t,
                           enum stream_content_type expected,
                           struct vlog_module *, const char *stream_name);

#endif /* stream.h */
