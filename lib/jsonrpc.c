/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "jsonrpc.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "stream.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc);

/* Messages. */

/* Returns a new, unique request id: 0, 1, 2, ... in each process. */
json_t *
jsonrpc_create_id(void)
{
    static unsigned int next_id;
    unsigned int id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);

    return json_integer_create(id);
}

/* Returns a new message of the given type with the given members, taking
 * over the caller's references (any may be NULL). */
static struct jsonrpc_msg *
jsonrpc_create(enum jsonrpc_msg_type type, const char *method,
               json_t *params, json_t *result, json_t *error, json_t *id)
{
    struct jsonrpc_msg *msg = xmalloc(sizeof *msg);

    msg->type = type;
    msg->method = nullable_xstrdup(method);
    msg->params = params;
    msg->result = result;
    msg->error = error;
    msg->id = id;
    return msg;
}

/* Returns a new request to call 'method' with 'params' (a JSON array,
 * whose reference this takes over), with a new unique id.  If 'idp' is
 * nonnull, stores a new reference to the id in '*idp'. */
struct jsonrpc_msg *
jsonrpc_create_request(const char *method, json_t *params, json_t **idp)
{
    json_t *id = jsonrpc_create_id();

    if (idp) {
        *idp = json_clone(id);
    }
    return jsonrpc_create(JSONRPC_REQUEST, method, params, NULL, NULL, id);
}

/* Returns a new notification of 'method' with 'params' (a JSON array,
 * whose reference this takes over). */
struct jsonrpc_msg *
jsonrpc_create_notify(const char *method, json_t *params)
{
    return jsonrpc_create(JSONRPC_NOTIFY, method, params, NULL, NULL, NULL);
}

/* Returns a new successful reply with 'result' (whose reference this
 * takes over) to the request with 'id' (which this clones). */
struct jsonrpc_msg *
jsonrpc_create_reply(json_t *result, const json_t *id)
{
    return jsonrpc_create(JSONRPC_REPLY, NULL, NULL, result, NULL,
                          json_clone(id));
}

/* Returns a new error reply with 'error' (whose reference this takes
 * over) to the request with 'id' (which this clones). */
struct jsonrpc_msg *
jsonrpc_create_error(json_t *error, const json_t *id)
{
    return jsonrpc_create(JSONRPC_ERROR, NULL, NULL, NULL, error,
                          json_clone(id));
}

/* Returns a copy of 'old' (sharing its JSON values, which are never
 * modified once in a message). */
struct jsonrpc_msg *
jsonrpc_msg_clone(const struct jsonrpc_msg *old)
{
    return jsonrpc_create(old->type, old->method,
                          old->params ? json_clone(old->params) : NULL,
                          old->result ? json_clone(old->result) : NULL,
                          old->error ? json_clone(old->error) : NULL,
                          old->id ? json_clone(old->id) : NULL);
}

/* Returns the name of 'type': "request", "notification", "reply" or
 * "error". */
const char *
jsonrpc_msg_type_to_string(enum jsonrpc_msg_type type)
{
    switch (type) {
    case JSONRPC_REQUEST:
        return "request";
    case JSONRPC_NOTIFY:
        return "notification";
    case JSONRPC_REPLY:
        return "reply";
    case JSONRPC_ERROR:
        return "error";
    }
    return "(null)";
}

/* Checks that 'm' has the members its type requires and no others.
 * Returns NULL if so, otherwise an error message that the caller must
 * free(). */
char *
jsonrpc_msg_is_valid(const struct jsonrpc_msg *m)
{
    /* Which members each type must have (1) or must not have (0). */
    static const struct {
        bool method, params, result, error, id;
    } rules[] = {
        [JSONRPC_REQUEST] = { true, true, false, false, true },
        [JSONRPC_NOTIFY] = { true, true, false, false, false },
        [JSONRPC_REPLY] = { false, false, true, false, true },
        [JSONRPC_ERROR] = { false, false, false, true, true },
    };
    const char *type = jsonrpc_msg_type_to_string(m->type);
    const char *bad = NULL;
    bool must = false;

    if (m->params && !json_is_array(m->params)) {
        return xstrdup("\"params\" must be JSON array");
    }

#define CHECK(MEMBER)                                                  \
    if (!bad && (m->MEMBER != NULL) != rules[m->type].MEMBER) {        \
        bad = #MEMBER;                                                 \
        must = rules[m->type].MEMBER;                                  \
    }
    CHECK(method);
    CHECK(params);
    CHECK(result);
    CHECK(error);
    CHECK(id);
#undef CHECK

    return (bad
            ? xasprintf("%s must%s have \"%s\"", type, must ? "" : " not",
                        bad)
            : NULL);
}

/* Frees 'm', which may be NULL, and drops its references. */
void
jsonrpc_msg_destroy(struct jsonrpc_msg *m)
{
    if (m) {
        free(m->method);
        json_decref(m->params);
        json_decref(m->result);
        json_decref(m->error);
        json_decref(m->id);
        free(m);
    }
}

/* Removes member 'name' from 'object' and returns it (the caller owns the
 * reference), or NULL if there is none. */
static json_t *
pull_member(json_t *object, const char *name)
{
    json_t *value = json_object_get(object, name);

    if (value) {
        json_incref(value);
        json_object_del(object, name);
    }
    return value;
}

/* Parses 'json', taking over the caller's reference, as a JSON-RPC
 * message.  On success, stores the message in '*msgp' (owned by the
 * caller) and returns NULL.  On failure, stores NULL and returns an error
 * message that the caller must free(). */
char *
jsonrpc_msg_from_json(json_t *json, struct jsonrpc_msg **msgp)
{
    json_t *method = NULL, *params = NULL, *result = NULL;
    json_t *error = NULL, *id = NULL;
    struct jsonrpc_msg *msg = NULL;
    enum jsonrpc_msg_type type;
    char *problem = NULL;

    *msgp = NULL;
    if (!json_is_object(json)) {
        problem = xstrdup("message is not a JSON object");
        goto exit;
    }

    /* Work on a copy of the top level, since we take it apart. */
    json_t *object = json_copy(json);
    method = pull_member(object, "method");
    params = pull_member(object, "params");
    result = pull_member(object, "result");
    error = pull_member(object, "error");
    id = pull_member(object, "id");
    if (json_object_size(object)) {
        const char *name = json_object_iter_key(json_object_iter(object));
        problem = xasprintf("message has unexpected member \"%s\"", name);
        json_decref(object);
        goto exit;
    }
    json_decref(object);

    if (method && !json_is_string(method)) {
        problem = xstrdup("method is not a JSON string");
        goto exit;
    }

    /* JSON null means absent, except that a reply may succeed with a null
     * result. */
    if (json_is_null(id)) {
        json_decref(id);
        id = NULL;
    }
    if (json_is_null(error)) {
        json_decref(error);
        error = NULL;
    }
    if (json_is_null(result) && (error || method)) {
        json_decref(result);
        result = NULL;
    }

    type = (method ? (id ? JSONRPC_REQUEST : JSONRPC_NOTIFY)
            : error ? JSONRPC_ERROR
            : result ? JSONRPC_REPLY
            : JSONRPC_REQUEST);
    if (!method && !error && !result) {
        problem = xstrdup("message is not a JSON-RPC request, "
                          "notification, or reply");
        goto exit;
    }

    msg = jsonrpc_create(type, method ? json_string_value(method) : NULL,
                         params, result, error, id);
    params = result = error = id = NULL;
    problem = jsonrpc_msg_is_valid(msg);
    if (problem) {
        jsonrpc_msg_destroy(msg);
        msg = NULL;
    }

exit:
    json_decref(method);
    json_decref(params);
    json_decref(result);
    json_decref(error);
    json_decref(id);
    json_decref(json);
    *msgp = msg;
    return problem;
}

/* Returns 'm' as a JSON object (a new reference) and destroys 'm'. */
json_t *
jsonrpc_msg_to_json(struct jsonrpc_msg *m)
{
    json_t *json = json_object_create();

    /* Open vSwitch prints objects in the order of its hash table, which
     * depends on the order in which members were added; this order gives
     * the same bytes on the wire as upstream's. */
    json_object_put(json, "id", m->id ? m->id : json_null_create());
    m->id = NULL;
    if (m->params) {
        json_object_put(json, "params", m->params);
        m->params = NULL;
    }
    if (m->method) {
        json_object_put_string(json, "method", m->method);
    }
    if (m->type == JSONRPC_ERROR) {
        json_object_put(json, "error", m->error);
        m->error = NULL;
    } else if (m->type == JSONRPC_REPLY) {
        json_object_put(json, "error", json_null_create());
    }
    if (m->result) {
        json_object_put(json, "result", m->result);
        m->result = NULL;
    }

    jsonrpc_msg_destroy(m);
    return json;
}

/* Returns 'm' serialized as on the wire, in a string that the caller must
 * free(). */
char *
jsonrpc_msg_to_string(const struct jsonrpc_msg *m)
{
    json_t *json = jsonrpc_msg_to_json(jsonrpc_msg_clone(m));
    char *s = json_to_string(json, JSSF_SORT);

    json_decref(json);
    return s;
}

/* Connections. */

/* Bytes read from the stream at a time: at first JSONRPC_RX_SIZE, then,
 * each time a read fills the buffer (the peer sends big messages, such as
 * a database's contents or a transaction over thousands of rows), twice
 * as much up to JSONRPC_RX_MAX, so that big messages take fewer reads and
 * fewer trips through the main loop. */
#define JSONRPC_RX_SIZE 4096
#define JSONRPC_RX_MAX (128 * 1024)

/* One serialized message waiting to be sent. */
struct jsonrpc_txbuf {
    struct ovs_list list_node;  /* In jsonrpc's 'output'. */
    char *data;                 /* Serialized message. */
    size_t size;                /* Bytes in 'data'. */
    size_t ofs;                 /* Bytes of 'data' already sent. */
};

/* A JSON-RPC connection. */
struct jsonrpc {
    struct stream *stream;      /* The connection, NULL once closed. */
    char *name;                 /* Stream name, for log messages. */
    int status;                 /* 0, EOF, or an errno value: nonzero
                                 * means the connection is dead. */

    /* Input. */
    char *rxbuf;                /* Bytes received, not yet parsed. */
    size_t rx_size;             /* Bytes allocated for 'rxbuf'. */
    bool rx_grow;               /* The last read filled 'rxbuf'. */
    size_t rx_ofs;              /* First unparsed byte in 'rxbuf'. */
    size_t rx_len;              /* Bytes in 'rxbuf' from 'rx_ofs'. */
    struct json_parser *parser; /* Parser for the message in progress. */
    size_t max_msg_size;        /* Largest message accepted, 0 for any. */
    unsigned int received_bytes; /* Bytes received (wraps around). */
    bool reported_content;      /* Checked what the peer sends? */

    /* Output. */
    struct ovs_list output;     /* Contains struct jsonrpc_txbufs. */
    size_t output_count;        /* Number of messages in 'output'. */
    size_t backlog;             /* Bytes in 'output' not yet sent. */
    size_t max_output;          /* Most messages allowed in 'output', 0 for
                                 * no limit. */
    size_t max_backlog;         /* Most bytes allowed in 'output', 0 for no
                                 * limit. */
};

static void jsonrpc_cleanup(struct jsonrpc *);
static void jsonrpc_error(struct jsonrpc *, int error);

/* Like stream_open(), but a "tcp:" or "ssl:" name without a port gets the
 * OVSDB port, 6640. */
int
jsonrpc_stream_open(const char *name, struct stream **streamp, uint8_t dscp)
{
    return stream_open_with_default_port(name, OVSDB_PORT, streamp, dscp);
}

/* Like pstream_open(), but a "ptcp:" or "pssl:" name without a port gets
 * the OVSDB port, 6640. */
int
jsonrpc_pstream_open(const char *name, struct pstream **pstreamp,
                     uint8_t dscp)
{
    return pstream_open_with_default_port(name, OVSDB_PORT, pstreamp, dscp);
}

/* Returns a new JSON-RPC connection over 'stream' (which it takes over, and
 * which may still be connecting). */
struct jsonrpc *
jsonrpc_open(struct stream *stream)
{
    struct jsonrpc *rpc;

    ovs_assert(stream != NULL);

    rpc = xzalloc(sizeof *rpc);
    rpc->name = xstrdup(stream_get_name(stream));
    rpc->rx_size = JSONRPC_RX_SIZE;
    rpc->rxbuf = xmalloc(rpc->rx_size);
    rpc->stream = stream;
    ovs_list_init(&rpc->output);
    return rpc;
}

/* Closes 'rpc' (which may be NULL), discarding anything unsent. */
void
jsonrpc_close(struct jsonrpc *rpc)
{
    if (rpc) {
        jsonrpc_cleanup(rpc);
        free(rpc->rxbuf);
        free(rpc->name);
        free(rpc);
    }
}

/* Sends what it can of 'rpc''s queued output.  Call it from the main
 * loop. */
void
jsonrpc_run(struct jsonrpc *rpc)
{
    if (rpc->status) {
        return;
    }

    stream_run(rpc->stream);
    while (!ovs_list_is_empty(&rpc->output)) {
        struct jsonrpc_txbuf *buf = CONTAINER_OF(ovs_list_front(&rpc->output),
                                                 struct jsonrpc_txbuf,
                                                 list_node);
        int retval = stream_send(rpc->stream, buf->data + buf->ofs,
                                 buf->size - buf->ofs);

        if (retval >= 0) {
            rpc->backlog -= retval;
            buf->ofs += retval;
            if (buf->ofs >= buf->size) {
                ovs_list_remove(&buf->list_node);
                rpc->output_count--;
                free(buf->data);
                free(buf);
            }
        } else {
            if (retval != -EAGAIN) {
                static struct vlog_rate_limit rl
                    = VLOG_RATE_LIMIT_INIT(5, 5);
                VLOG_WARN_RL(&rl, "%s: send error: %s",
                             rpc->name, ovs_strerror(-retval));
                jsonrpc_error(rpc, -retval);
            }
            break;
        }
    }
}

/* Makes poll_block() wake when jsonrpc_run() has work to do. */
void
jsonrpc_wait(struct jsonrpc *rpc)
{
    if (!rpc->status) {
        stream_run_wait(rpc->stream);
        if (!ovs_list_is_empty(&rpc->output)) {
            stream_send_wait(rpc->stream);
        }
    }
}

/* Returns 0 if 'rpc' is usable, otherwise why it died: EOF if the peer
 * closed it, or a positive errno value.  Once nonzero it never changes. */
int
jsonrpc_get_status(const struct jsonrpc *rpc)
{
    return rpc->status;
}

/* Returns the number of bytes queued for sending on 'rpc'. */
size_t
jsonrpc_get_backlog(const struct jsonrpc *rpc)
{
    return rpc->status ? 0 : rpc->backlog;
}

/* Limits 'rpc''s send queue to 'max_n_msgs' messages and
 * 'max_backlog_bytes' bytes (0 for no limit).  Queuing a message beyond
 * either limit kills the connection (with EOVERFLOW) rather than let a
 * stalled peer use up memory. */
void
jsonrpc_set_backlog_threshold(struct jsonrpc *rpc, size_t max_n_msgs,
                              size_t max_backlog_bytes)
{
    rpc->max_output = max_n_msgs;
    rpc->max_backlog = max_backlog_bytes;
}

/* Limits each message that 'rpc' receives to 'max_size' bytes (0 for no
 * limit, the default).  A larger message kills the connection (with
 * EPROTO). */
void
jsonrpc_set_max_msg_size(struct jsonrpc *rpc, size_t max_size)
{
    rpc->max_msg_size = max_size;
    if (rpc->parser) {
        json_parser_set_max_size(rpc->parser, max_size);
    }
}

/* Returns the number of bytes received so far on 'rpc' (modulo
 * UINT_MAX + 1): a change means the peer is alive. */
unsigned int
jsonrpc_get_received_bytes(const struct jsonrpc *rpc)
{
    return rpc->received_bytes;
}

/* Returns the name of 'rpc''s stream. */
const char *
jsonrpc_get_name(const struct jsonrpc *rpc)
{
    return rpc->name;
}

/* Returns the identity of 'rpc''s peer (e.g. from its SSL certificate), or
 * NULL if unknown. */
const char *
jsonrpc_get_peer_id(const struct jsonrpc *rpc)
{
    return rpc->stream ? stream_get_peer_id(rpc->stream) : NULL;
}

/* Logs 'msg', which 'rpc' is sending or receiving per 'title', at debug
 * level. */
static void
jsonrpc_log_msg(const struct jsonrpc *rpc, const char *title,
                const struct jsonrpc_msg *msg)
{
    if (VLOG_IS_DBG_ENABLED()) {
        struct ds s = DS_EMPTY_INITIALIZER;

        if (msg->method) {
            ds_put_format(&s, ", method=\"%s\"", msg->method);
        }
        if (msg->params) {
            ds_put_cstr(&s, ", params=");
            json_to_ds(msg->params, 0, &s);
        }
        if (msg->result) {
            ds_put_cstr(&s, ", result=");
            json_to_ds(msg->result, 0, &s);
        }
        if (msg->error) {
            ds_put_cstr(&s, ", error=");
            json_to_ds(msg->error, 0, &s);
        }
        if (msg->id) {
            ds_put_cstr(&s, ", id=");
            json_to_ds(msg->id, 0, &s);
        }
        VLOG_DBG("%s: %s %s%s", rpc->name, title,
                 jsonrpc_msg_type_to_string(msg->type), ds_cstr(&s));
        ds_destroy(&s);
    }
}

/* Queues 'msg' for sending on 'rpc' and starts sending it.  Takes over
 * 'msg'.  Returns 0 if it was queued (which does not mean that it was
 * sent), otherwise the connection's status (nonzero once it is dead). */
int
jsonrpc_send(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    struct jsonrpc_txbuf *buf;
    json_t *json;
    struct ds ds = DS_EMPTY_INITIALIZER;

    if (rpc->status) {
        jsonrpc_msg_destroy(msg);
        return rpc->status;
    }

    jsonrpc_log_msg(rpc, "send", msg);
    json = jsonrpc_msg_to_json(msg);
    json_to_ds(json, 0, &ds);
    json_decref(json);

    buf = xmalloc(sizeof *buf);
    buf->size = ds.length;
    buf->data = ds_steal_cstr(&ds);
    buf->ofs = 0;
    ovs_list_push_back(&rpc->output, &buf->list_node);
    rpc->output_count++;
    rpc->backlog += buf->size;

    if ((rpc->max_output && rpc->output_count > rpc->max_output)
        || (rpc->max_backlog && rpc->backlog > rpc->max_backlog)) {
        VLOG_WARN("%s: excessive sending backlog, jsonrpc: %"PRIuMAX
                  " messages, %"PRIuMAX" bytes (limits: %"PRIuMAX
                  " messages, %"PRIuMAX" bytes), disconnecting",
                  rpc->name, (uintmax_t) rpc->output_count,
                  (uintmax_t) rpc->backlog, (uintmax_t) rpc->max_output,
                  (uintmax_t) rpc->max_backlog);
        jsonrpc_error(rpc, EOVERFLOW);
        return rpc->status;
    }

    if (rpc->output_count == 1) {
        jsonrpc_run(rpc);
    }
    return rpc->status;
}

/* Handles the complete JSON text in 'rpc''s parser.  Stores a valid
 * message in '*msgp'; otherwise kills the connection. */
static void
jsonrpc_received(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
    json_t *json;
    char *error;

    error = json_parser_finish_value(rpc->parser, &json);
    rpc->parser = NULL;
    if (error) {
        VLOG_WARN_RL(&rl, "%s: error parsing stream: %s", rpc->name, error);
        free(error);
        jsonrpc_error(rpc, EPROTO);
        return;
    }

    error = jsonrpc_msg_from_json(json, msgp);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: received bad JSON-RPC message: %s",
                     rpc->name, error);
        free(error);
        jsonrpc_error(rpc, EPROTO);
        return;
    }
    jsonrpc_log_msg(rpc, "received", *msgp);
}

/* Tries to receive a message on 'rpc'.  Returns 0 and stores the message
 * (owned by the caller) in '*msgp' if one was available; otherwise stores
 * NULL and returns EAGAIN if none is available yet, or the connection's
 * status (EOF or an errno value) if it is dead. */
int
jsonrpc_recv(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    *msgp = NULL;
    if (rpc->status) {
        return rpc->status;
    }

    /* Bound the work done per call so that a fast sender cannot starve
     * the rest of the main loop. */
    for (int i = 0; i < 50; i++) {
        if (!rpc->rx_len) {
            if (rpc->rx_grow && rpc->rx_size < JSONRPC_RX_MAX) {
                /* Empty, so nothing to copy. */
                free(rpc->rxbuf);
                rpc->rx_size *= 2;
                rpc->rxbuf = xmalloc(rpc->rx_size);
            }

            int retval = stream_recv(rpc->stream, rpc->rxbuf,
                                     rpc->rx_size);
            if (retval < 0) {
                if (retval == -EAGAIN) {
                    return EAGAIN;
                }
                static struct vlog_rate_limit rl
                    = VLOG_RATE_LIMIT_INIT(5, 5);
                VLOG_WARN_RL(&rl, "%s: receive error: %s",
                             rpc->name, ovs_strerror(-retval));
                jsonrpc_error(rpc, -retval);
                return rpc->status;
            } else if (retval == 0) {
                jsonrpc_error(rpc, EOF);
                return EOF;
            }
            if (!rpc->reported_content) {
                rpc->reported_content = true;
                stream_report_content(rpc->rxbuf, retval, STREAM_JSONRPC,
                                      THIS_MODULE, rpc->name);
            }
            rpc->rx_ofs = 0;
            rpc->rx_len = retval;
            rpc->rx_grow = (size_t) retval == rpc->rx_size;
            rpc->received_bytes += retval;
        } else {
            size_t used;

            if (!rpc->parser) {
                rpc->parser = json_parser_create(0);
                json_parser_set_max_size(rpc->parser, rpc->max_msg_size);
            }
            used = json_parser_feed(rpc->parser, &rpc->rxbuf[rpc->rx_ofs],
                                    rpc->rx_len);
            rpc->rx_ofs += used;
            rpc->rx_len -= used;

            if (json_parser_is_done(rpc->parser)) {
                jsonrpc_received(rpc, msgp);
                if (*msgp) {
                    return 0;
                }
                if (rpc->status) {
                    return rpc->status;
                }
            }
        }
    }
    return EAGAIN;
}

/* Makes poll_block() wake when jsonrpc_recv() would not return EAGAIN. */
void
jsonrpc_recv_wait(struct jsonrpc *rpc)
{
    if (rpc->status || rpc->rx_len) {
        poll_immediate_wake();
    } else {
        stream_recv_wait(rpc->stream);
    }
}

/* Sends 'msg' on 'rpc' (taking it over) and waits until it and everything
 * queued before it has been sent.  Returns 0 or the connection's status
 * if it died. */
int
jsonrpc_send_block(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    int error = jsonrpc_send(rpc, msg);

    if (error) {
        return error;
    }
    for (;;) {
        jsonrpc_run(rpc);
        if (ovs_list_is_empty(&rpc->output) || rpc->status) {
            return rpc->status;
        }
        jsonrpc_wait(rpc);
        poll_block();
    }
}

/* Waits for a message on 'rpc' and stores it in '*msgp'.  Returns 0, or the
 * connection's status if it died (with NULL in '*msgp'). */
int
jsonrpc_recv_block(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    for (;;) {
        int error = jsonrpc_recv(rpc, msgp);
        if (error != EAGAIN) {
            return error;
        }

        jsonrpc_run(rpc);
        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        poll_block();
    }
}

/* Sends 'request' on 'rpc' (taking it over) and waits for the reply or
 * error with the same id, discarding other messages that arrive
 * meanwhile.  Returns 0 and stores the reply in '*replyp', or returns the
 * connection's status if it died (with NULL in '*replyp'). */
int
jsonrpc_transact_block(struct jsonrpc *rpc, struct jsonrpc_msg *request,
                       struct jsonrpc_msg **replyp)
{
    struct jsonrpc_msg *reply = NULL;
    json_t *id = json_clone(request->id);
    int error;

    error = jsonrpc_send_block(rpc, request);
    if (!error) {
        for (;;) {
            error = jsonrpc_recv_block(rpc, &reply);
            if (error) {
                break;
            }
            if ((reply->type == JSONRPC_REPLY
                 || reply->type == JSONRPC_ERROR)
                && json_equal(id, reply->id)) {
                break;
            }
            jsonrpc_msg_destroy(reply);
            reply = NULL;
        }
    }
    *replyp = error ? NULL : reply;
    json_decref(id);
    return error;
}

/* Kills 'rpc' with 'error' (EOF or an errno value), unless it is already
 * dead. */
static void
jsonrpc_error(struct jsonrpc *rpc, int error)
{
    ovs_assert(error);
    if (!rpc->status) {
        rpc->status = error;
        jsonrpc_cleanup(rpc);
    }
}

/* Closes 'rpc''s stream and frees its buffers. */
static void
jsonrpc_cleanup(struct jsonrpc *rpc)
{
    struct jsonrpc_txbuf *buf;

    stream_close(rpc->stream);
    rpc->stream = NULL;

    json_parser_abort(rpc->parser);
    rpc->parser = NULL;
    rpc->rx_len = 0;

    LIST_FOR_EACH_POP (buf, list_node, &rpc->output) {
        free(buf->data);
        free(buf);
    }
    rpc->output_count = 0;
    rpc->backlog = 0;
}

/* Sessions. */

/* A JSON-RPC session: a connection that comes back. */
struct jsonrpc_session {
    char **remotes;             /* Names to connect to (or listen on). */
    size_t n_remotes;           /* Number of elements in 'remotes'. */
    size_t next_remote;         /* Index in 'remotes' of the next try. */
    struct reconnect *reconnect; /* When to (re)connect and probe. */
    struct jsonrpc *rpc;        /* Connection, if connected. */
    struct stream *stream;      /* Connection attempt in progress. */
    struct pstream *pstream;    /* Listener, if passive. */
    int last_error;             /* Most recent connection error. */
    unsigned int seqno;         /* Changes on connect and disconnect. */
    uint8_t dscp;               /* DSCP for new connections. */
    size_t max_n_msgs;          /* Backlog limit in messages, 0: none. */
    size_t max_backlog_bytes;   /* Backlog limit in bytes, 0: none. */
};

/* Applies the session's backlog limits to its connection. */
static void
jsonrpc_session_set_backlog(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_set_backlog_threshold(s->rpc, s->max_n_msgs,
                                      s->max_backlog_bytes);
    }
}

/* Returns a new session that connects to the first that works of the
 * 'n_names' remotes in 'names' (in turn, each tried once before backing
 * off), or listens if they are passive names ("ptcp:", "pssl:",
 * "punix:").  Without 'retry', it gives up after the first failure or
 * disconnection. */
struct jsonrpc_session *
jsonrpc_session_open_multiple(const char *const *names, size_t n_names,
                              bool retry)
{
    struct jsonrpc_session *s = xzalloc(sizeof *s);
    const char *name;

    ovs_assert(n_names > 0);
    s->remotes = xmalloc(n_names * sizeof *s->remotes);
    for (size_t i = 0; i < n_names; i++) {
        s->remotes[i] = xstrdup(names[i]);
    }
    s->n_remotes = n_names;
    name = s->remotes[0];

    s->reconnect = reconnect_create(time_msec());
    reconnect_set_name(s->reconnect, name);
    reconnect_enable(s->reconnect, time_msec());
    reconnect_set_backoff_free_tries(s->reconnect, n_names);
    s->last_error = 0;
    s->dscp = 0;

    if (!pstream_verify_name(name)) {
        reconnect_set_passive(s->reconnect, true, time_msec());
    }
    if (!retry) {
        reconnect_set_max_tries(s->reconnect, 1);
    }
    if (!stream_or_pstream_needs_probes(name)) {
        reconnect_set_probe_interval(s->reconnect, 0);
    }
    return s;
}

/* Returns a new session for the single remote 'name' (see
 * jsonrpc_session_open_multiple()). */
struct jsonrpc_session *
jsonrpc_session_open(const char *name, bool retry)
{
    return jsonrpc_session_open_multiple(&name, 1, retry);
}

/* Returns a new session around 'jsonrpc', an already connected (e.g.
 * accepted) connection, that never reconnects: once the connection dies,
 * so does the session.  It still sends and answers inactivity probes
 * (except over Unix domain sockets). */
struct jsonrpc_session *
jsonrpc_session_open_unreliably(struct jsonrpc *jsonrpc, uint8_t dscp)
{
    struct jsonrpc_session *s = xzalloc(sizeof *s);
    const char *name = jsonrpc_get_name(jsonrpc);

    s->remotes = xmalloc(sizeof *s->remotes);
    s->remotes[0] = xstrdup(name);
    s->n_remotes = 1;

    s->reconnect = reconnect_create(time_msec());
    reconnect_set_quiet(s->reconnect, true);
    reconnect_set_name(s->reconnect, name);
    reconnect_set_max_tries(s->reconnect, 0);
    reconnect_connected(s->reconnect, time_msec());
    if (!strncmp(name, "unix", 4)) {
        reconnect_set_probe_interval(s->reconnect, 0);
    }

    s->dscp = dscp;
    s->rpc = jsonrpc;
    s->seqno = 1;
    return s;
}

/* Drops the session's connection, connection attempt and listener. */
static void
jsonrpc_session_disconnect(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_error(s->rpc, EOF);
        jsonrpc_close(s->rpc);
        s->rpc = NULL;
        s->seqno++;
    } else if (s->stream) {
        stream_close(s->stream);
        s->stream = NULL;
    }
}

/* Closes 's' (which may be NULL) and its connection. */
void
jsonrpc_session_close(struct jsonrpc_session *s)
{
    if (s) {
        jsonrpc_close(s->rpc);
        stream_close(s->stream);
        pstream_close(s->pstream);
        reconnect_destroy(s->reconnect);
        for (size_t i = 0; i < s->n_remotes; i++) {
            free(s->remotes[i]);
        }
        free(s->remotes);
        free(s);
    }
}

/* Takes the connection out of 's', which must be connected, destroys 's'
 * and returns the connection. */
struct jsonrpc *
jsonrpc_session_steal(struct jsonrpc_session *s)
{
    struct jsonrpc *rpc = s->rpc;

    s->rpc = NULL;
    jsonrpc_session_close(s);
    return rpc;
}

/* Replaces 's''s connection (if any) by 'rpc'. */
void
jsonrpc_session_replace(struct jsonrpc_session *s, struct jsonrpc *rpc)
{
    if (s->rpc) {
        jsonrpc_close(s->rpc);
    }
    s->rpc = rpc;
    if (s->rpc) {
        reconnect_set_name(s->reconnect, jsonrpc_get_name(s->rpc));
        reconnect_connected(s->reconnect, time_msec());
        jsonrpc_session_set_backlog(s);
    }
    s->seqno++;
}

/* Starts connecting (or listening) to the next remote. */
static void
jsonrpc_session_connect(struct jsonrpc_session *s)
{
    const char *name = s->remotes[s->next_remote];
    int error;

    s->next_remote = (s->next_remote + 1) % s->n_remotes;
    jsonrpc_session_disconnect(s);
    reconnect_set_name(s->reconnect, name);

    if (!reconnect_is_passive(s->reconnect)) {
        error = jsonrpc_stream_open(name, &s->stream, s->dscp);
        if (!error) {
            reconnect_connecting(s->reconnect, time_msec());
        }
    } else {
        error = (s->pstream
                 ? 0
                 : jsonrpc_pstream_open(name, &s->pstream, s->dscp));
        if (!error) {
            reconnect_listening(s->reconnect, time_msec());
        }
    }

    if (error) {
        reconnect_connect_failed(s->reconnect, time_msec(), error);
        s->last_error = error;
    }
}

/* Does the session's work: accepts, connects, sends queued output, sends
 * probes, reconnects.  Call it from the main loop. */
void
jsonrpc_session_run(struct jsonrpc_session *s)
{
    if (s->pstream) {
        struct stream *stream;
        int error = pstream_accept(s->pstream, &stream);

        if (!error) {
            if (s->rpc || s->stream) {
                static struct vlog_rate_limit rl
                    = VLOG_RATE_LIMIT_INIT(1, 1);
                VLOG_INFO_RL(&rl, "%s: new connection replacing active "
                             "connection", reconnect_get_name(s->reconnect));
                jsonrpc_session_disconnect(s);
            }
            reconnect_connected(s->reconnect, time_msec());
            s->rpc = jsonrpc_open(stream);
            jsonrpc_session_set_backlog(s);
            s->seqno++;
        } else if (error != EAGAIN) {
            reconnect_listen_error(s->reconnect, time_msec(), error);
            pstream_close(s->pstream);
            s->pstream = NULL;
            s->last_error = error;
        }
    }

    if (s->rpc) {
        size_t backlog = jsonrpc_get_backlog(s->rpc);
        int error;

        jsonrpc_run(s->rpc);
        if (jsonrpc_get_backlog(s->rpc) < backlog) {
            /* Queued data went out.  (Data sent at once does not count:
             * it may just be sitting in kernel buffers of a dead
             * connection.) */
            reconnect_activity(s->reconnect, time_msec());
        }

        error = jsonrpc_get_status(s->rpc);
        if (error) {
            reconnect_disconnected(s->reconnect, time_msec(), error);
            jsonrpc_session_disconnect(s);
            s->last_error = error;
        }
    } else if (s->stream) {
        int error;

        stream_run(s->stream);
        error = stream_connect(s->stream);
        if (!error) {
            reconnect_connected(s->reconnect, time_msec());
            s->rpc = jsonrpc_open(s->stream);
            s->stream = NULL;
            jsonrpc_session_set_backlog(s);
            s->seqno++;
        } else if (error != EAGAIN) {
            reconnect_connect_failed(s->reconnect, time_msec(), error);
            stream_close(s->stream);
            s->stream = NULL;
            s->last_error = error;
        }
    }

    switch (reconnect_run(s->reconnect, time_msec())) {
    case RECONNECT_CONNECT:
        jsonrpc_session_connect(s);
        break;

    case RECONNECT_DISCONNECT:
        reconnect_disconnected(s->reconnect, time_msec(), 0);
        jsonrpc_session_disconnect(s);
        break;

    case RECONNECT_PROBE:
        if (s->rpc) {
            struct jsonrpc_msg *request;

            request = jsonrpc_create_request("echo",
                                             json_array_create_empty(), NULL);
            json_decref(request->id);
            request->id = json_string_create("echo");
            jsonrpc_send(s->rpc, request);
        }
        break;
    }
}

/* Makes poll_block() wake when jsonrpc_session_run() has work to do. */
void
jsonrpc_session_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_wait(s->rpc);
    } else if (s->stream) {
        stream_run_wait(s->stream);
        stream_connect_wait(s->stream);
    }
    if (s->pstream) {
        pstream_wait(s->pstream);
    }
    reconnect_wait(s->reconnect, time_msec());
}

/* Returns the number of bytes queued for sending on 's'. */
size_t
jsonrpc_session_get_backlog(const struct jsonrpc_session *s)
{
    return s->rpc ? jsonrpc_get_backlog(s->rpc) : 0;
}

/* Returns the name of the remote that 's' is connected or connecting to
 * (or last tried). */
const char *
jsonrpc_session_get_name(const struct jsonrpc_session *s)
{
    return reconnect_get_name(s->reconnect);
}

/* Returns the number of remotes that 's' cycles through. */
size_t
jsonrpc_session_get_n_remotes(const struct jsonrpc_session *s)
{
    return s->n_remotes;
}

/* Sends 'msg' (taking it over) if 's' is connected.  Returns 0 if it was
 * queued, ENOTCONN if 's' is not connected, or the connection's error. */
int
jsonrpc_session_send(struct jsonrpc_session *s, struct jsonrpc_msg *msg)
{
    if (s->rpc) {
        return jsonrpc_send(s->rpc, msg);
    } else {
        jsonrpc_msg_destroy(msg);
        return ENOTCONN;
    }
}

/* Returns the next message received on 's' (owned by the caller), or NULL
 * if none is available.  Answers "echo" requests and swallows replies to
 * its own probes. */
struct jsonrpc_msg *
jsonrpc_session_recv(struct jsonrpc_session *s)
{
    if (s->rpc) {
        unsigned int received_bytes = jsonrpc_get_received_bytes(s->rpc);
        struct jsonrpc_msg *msg;
        long long int now;

        jsonrpc_recv(s->rpc, &msg);
        now = time_msec();
        reconnect_receive_attempted(s->reconnect, now);
        if (received_bytes != jsonrpc_get_received_bytes(s->rpc)) {
            reconnect_activity(s->reconnect, now);
        }

        if (msg) {
            if (msg->type == JSONRPC_REQUEST
                && !strcmp(msg->method, "echo")) {
                /* Answer the peer's probe. */
                jsonrpc_session_send(
                    s, jsonrpc_create_reply(json_clone(msg->params),
                                            msg->id));
            } else if (msg->type == JSONRPC_REPLY && msg->id
                       && json_is_string(msg->id)
                       && !strcmp(json_string_value(msg->id), "echo")) {
                /* The answer to our probe: nothing more to do. */
            } else {
                return msg;
            }
            jsonrpc_msg_destroy(msg);
        }
    }
    return NULL;
}

/* Makes poll_block() wake when jsonrpc_session_recv() may return a
 * message. */
void
jsonrpc_session_recv_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_recv_wait(s->rpc);
    }
}

/* Returns true if 's' is connected, or trying to connect or listen, or
 * will try again. */
bool
jsonrpc_session_is_alive(const struct jsonrpc_session *s)
{
    return (s->rpc || s->stream || s->pstream
            || reconnect_get_max_tries(s->reconnect));
}

/* Returns true if 's' is connected. */
bool
jsonrpc_session_is_connected(const struct jsonrpc_session *s)
{
    return s->rpc != NULL;
}

/* Returns a number that changes whenever 's' connects or disconnects, so
 * that a caller can tell that it must resynchronize with its peer. */
unsigned int
jsonrpc_session_get_seqno(const struct jsonrpc_session *s)
{
    return s->seqno;
}

/* Returns the status of 's''s connection (0 if there is none). */
int
jsonrpc_session_get_status(const struct jsonrpc_session *s)
{
    return s && s->rpc ? jsonrpc_get_status(s->rpc) : 0;
}

/* Returns the error from 's''s most recent connection failure, or 0. */
int
jsonrpc_session_get_last_error(const struct jsonrpc_session *s)
{
    return s->last_error;
}

/* Fills in 'stats' from 's''s reconnection state machine. */
void
jsonrpc_session_get_reconnect_stats(const struct jsonrpc_session *s,
                                    struct reconnect_stats *stats)
{
    reconnect_get_stats(s->reconnect, time_msec(), stats);
}

/* Returns the identity of 's''s peer (e.g. from its SSL certificate), or
 * NULL if unknown or not connected. */
const char *
jsonrpc_session_get_id(const struct jsonrpc_session *s)
{
    return s->rpc ? jsonrpc_get_peer_id(s->rpc) : NULL;
}

/* Makes 's' reconnect forever, even if it was opened without 'retry'. */
void
jsonrpc_session_enable_reconnect(struct jsonrpc_session *s)
{
    reconnect_set_max_tries(s->reconnect, UINT_MAX);
    reconnect_enable(s->reconnect, time_msec());
}

/* Makes 's' drop its connection and connect again. */
void
jsonrpc_session_force_reconnect(struct jsonrpc_session *s)
{
    reconnect_force_reconnect(s->reconnect, time_msec());
}

/* Lets 's' try each of its remotes once more without backing off. */
void
jsonrpc_session_reset_backoff(struct jsonrpc_session *s)
{
    reconnect_set_backoff_free_tries(s->reconnect, s->n_remotes);
}

/* Sets the longest time, in ms, that 's' waits between connection
 * attempts. */
void
jsonrpc_session_set_max_backoff(struct jsonrpc_session *s, int max_backoff)
{
    reconnect_set_backoff(s->reconnect, 0, max_backoff);
}

/* Sets 's''s inactivity probe interval, in ms (0 disables probes). */
void
jsonrpc_session_set_probe_interval(struct jsonrpc_session *s,
                                   int probe_interval)
{
    reconnect_set_probe_interval(s->reconnect, probe_interval);
}

/* Sets the DSCP of 's''s packets; a change reconnects to apply it. */
void
jsonrpc_session_set_dscp(struct jsonrpc_session *s, uint8_t dscp)
{
    if (s->dscp != dscp) {
        pstream_close(s->pstream);
        s->pstream = NULL;
        s->dscp = dscp;
        jsonrpc_session_force_reconnect(s);
    }
}

/* Sets 's''s send queue limits (see jsonrpc_set_backlog_threshold()). */
void
jsonrpc_session_set_backlog_threshold(struct jsonrpc_session *s,
                                      size_t max_n_msgs,
                                      size_t max_backlog_bytes)
{
    s->max_n_msgs = max_n_msgs;
    s->max_backlog_bytes = max_backlog_bytes;
    jsonrpc_session_set_backlog(s);
}
