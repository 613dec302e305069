/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef JSONRPC_H
#define JSONRPC_H 1

/* JSON-RPC 1.0 over a stream, as OVSDB (RFC 7047) and unixctl use it.
 *
 * Three layers:
 *
 *   - struct jsonrpc_msg: one request, notification, reply or error.
 *
 *   - struct jsonrpc: messages over one connected stream.  Sending queues
 *     the message (up to a backlog limit) and never blocks; receiving
 *     frames complete JSON texts from the byte stream.  Any error closes
 *     the connection for good.
 *
 *   - struct jsonrpc_session: a jsonrpc that reconnects (with backoff, see
 *     reconnect.h) and keeps itself alive with "echo" probes, answering the
 *     peer's "echo" requests itself.  It can also listen ("ptcp:", ...)
 *     and adopt an accepted connection.
 *
 * On the wire, members come in the order upstream Open vSwitch uses:
 * {"id","method","params"} for requests and notifications ("id" null for
 * the latter), {"id","result","error":null} for replies and
 * {"id","error"} for errors. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "json.h"
#include "openvswitch/compiler.h"

struct pstream;
struct reconnect_stats;
struct stream;

/* Messages. */

enum jsonrpc_msg_type {
    JSONRPC_REQUEST,            /* Request: has "method", "params", "id". */
    JSONRPC_NOTIFY,             /* Notification: "method", "params". */
    JSONRPC_REPLY,              /* Success: "result", "id". */
    JSONRPC_ERROR               /* Failure: "error", "id". */
};

/* A JSON-RPC message.  Members that the type does not use are NULL.  The
 * message owns a reference to each non-NULL member. */
struct jsonrpc_msg {
    enum jsonrpc_msg_type type; /* Type of message. */
    char *method;               /* Request or notification only. */
    json_t *params;             /* Request or notification only (an
                                 * array). */
    json_t *result;             /* Reply only. */
    json_t *error;              /* Error only. */
    json_t *id;                 /* Request, reply or error only. */
};

struct jsonrpc_msg *jsonrpc_create_request(const char *method,
                                           json_t *params, json_t **idp);
struct jsonrpc_msg *jsonrpc_create_notify(const char *method,
                                          json_t *params);
struct jsonrpc_msg *jsonrpc_create_reply(json_t *result, const json_t *id);
struct jsonrpc_msg *jsonrpc_create_error(json_t *error, const json_t *id);
json_t *jsonrpc_create_id(void);

struct jsonrpc_msg *jsonrpc_msg_clone(const struct jsonrpc_msg *);
const char *jsonrpc_msg_type_to_string(enum jsonrpc_msg_type);
char *jsonrpc_msg_is_valid(const struct jsonrpc_msg *)
    OVS_WARN_UNUSED_RESULT;
void jsonrpc_msg_destroy(struct jsonrpc_msg *);

char *jsonrpc_msg_from_json(json_t *, struct jsonrpc_msg **)
    OVS_WARN_UNUSED_RESULT;
json_t *jsonrpc_msg_to_json(struct jsonrpc_msg *);
char *jsonrpc_msg_to_string(const struct jsonrpc_msg *);

/* Connections. */

struct jsonrpc;

int jsonrpc_stream_open(const char *name, struct stream **, uint8_t dscp);
int jsonrpc_pstream_open(const char *name, struct pstream **, uint8_t dscp);

struct jsonrpc *jsonrpc_open(struct stream *);
void jsonrpc_close(struct jsonrpc *);

void jsonrpc_run(struct jsonrpc *);
void jsonrpc_wait(struct jsonrpc *);

int jsonrpc_get_status(const struct jsonrpc *);
size_t jsonrpc_get_backlog(const struct jsonrpc *);
void jsonrpc_set_backlog_threshold(struct jsonrpc *, size_t max_n_msgs,
                                   size_t max_backlog_bytes);
void jsonrpc_set_max_msg_size(struct jsonrpc *, size_t max_size);
unsigned int jsonrpc_get_received_bytes(const struct jsonrpc *);
const char *jsonrpc_get_name(const struct jsonrpc *);
const char *jsonrpc_get_peer_id(const struct jsonrpc *);

int jsonrpc_send(struct jsonrpc *, struct jsonrpc_msg *);
int jsonrpc_recv(struct jsonrpc *, struct jsonrpc_msg **);
void jsonrpc_recv_wait(struct jsonrpc *);

int jsonrpc_send_block(struct jsonrpc *, struct jsonrpc_msg *);
int jsonrpc_recv_block(struct jsonrpc *, struct jsonrpc_msg **);
int jsonrpc_transact_block(struct jsonrpc *, struct jsonrpc_msg *,
                           struct jsonrpc_msg **);

/* Sessions. */

struct jsonrpc_session;

struct jsonrpc_session *jsonrpc_session_open(const char *name, bool retry);
struct jsonrpc_session *jsonrpc_session_open_multiple(
    const char *const *names, size_t n_names, bool retry);
struct jsonrpc_session *jsonrpc_session_open_unreliably(struct jsonrpc *,
                                                        uint8_t dscp);
void jsonrpc_session_close(struct jsonrpc_session *);

struct jsonrpc *jsonrpc_session_steal(struct jsonrpc_session *);
void jsonrpc_session_replace(struct jsonrpc_session *, struct jsonrpc *);

void jsonrpc_session_run(struct jsonrpc_session *);
void jsonrpc_session_wait(struct jsonrpc_session *);

size_t jsonrpc_session_get_backlog(const struct jsonrpc_session *);
const char *jsonrpc_session_get_name(const struct jsonrpc_session *);
size_t jsonrpc_session_get_n_remotes(const struct jsonrpc_session *);

int jsonrpc_session_send(struct jsonrpc_session *, struct jsonrpc_msg *);
struct jsonrpc_msg *jsonrpc_session_recv(struct jsonrpc_session *);
void jsonrpc_session_recv_wait(struct jsonrpc_session *);

bool jsonrpc_session_is_alive(const struct jsonrpc_session *);
bool jsonrpc_session_is_connected(const struct jsonrpc_session *);
unsigned int jsonrpc_session_get_seqno(const struct jsonrpc_session *);
int jsonrpc_session_get_status(const struct jsonrpc_session *);
int jsonrpc_session_get_last_error(const struct jsonrpc_session *);
void jsonrpc_session_get_reconnect_stats(const struct jsonrpc_session *,
                                         struct reconnect_stats *);
const char *jsonrpc_session_get_id(const struct jsonrpc_session *);

void jsonrpc_session_enable_reconnect(struct jsonrpc_session *);
void jsonrpc_session_force_reconnect(struct jsonrpc_session *);
void jsonrpc_session_reset_backoff(struct jsonrpc_session *);

void jsonrpc_session_set_max_backoff(struct jsonrpc_session *,
                                     int max_backoff);
void jsonrpc_session_set_probe_interval(struct jsonrpc_session *,
                                        int probe_interval);
void jsonrpc_session_set_dscp(struct jsonrpc_session *, uint8_t dscp);
void jsonrpc_session_set_backlog_threshold(struct jsonrpc_session *,
                                           size_t max_n_msgs,
                                           size_t max_backlog_bytes);

#endif /* jsonrpc.h */
