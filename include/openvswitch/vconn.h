/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OPENVSWITCH_VCONN_H
#define OPENVSWITCH_VCONN_H 1

/* OpenFlow connections ("virtual connections"), named as on upstream's
 * command lines:
 *
 *   active                     passive
 *   tcp:HOST[:PORT]            ptcp:[PORT][:HOST]
 *   ssl:HOST[:PORT]            pssl:[PORT][:HOST]
 *   unix:FILE                  punix:FILE
 *
 * The default port for tcp, ssl, ptcp and pssl is 6653 (OFP_PORT).
 *
 * A vconn carries whole OpenFlow messages in "struct ofpbuf"s.  Opening an
 * active vconn, or accepting a passive one, starts the hello exchange:
 * each side sends OFPT_HELLO with the highest version it allows (and, when
 * it allows 1.3.1-style negotiation, a version bitmap element), and the
 * connection uses the highest version both allow.  vconn_connect() (or
 * vconn_recv()/vconn_send(), which call it) completes the exchange; if the
 * two sides share no version, the vconn sends an OFPT_ERROR
 * (OFPHFC_INCOMPATIBLE) and fails with EPROTO.
 *
 * Version sets are bitmaps of 1u << OFPn_VERSION (bit 1 for OpenFlow 1.0,
 * bit 4 for OpenFlow 1.3, ...), as in upstream.
 *
 * Every operation is non-blocking unless its name ends in _block(); use
 * the *_wait() functions with poll_block().  Functions return 0 or a
 * positive errno value; EAGAIN means "try again after waiting", EOF means
 * the peer closed the connection. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openvswitch/list.h"
#include "openvswitch/types.h"

struct ofp_header;
struct ofpbuf;
struct pvconn;
struct vconn;

/* Prints the vconn names this program accepts ('active' and/or 'passive'),
 * as upstream's "Active OpenFlow connection methods:" help text. */
void vconn_usage(bool active, bool passive, bool bootstrap);

/* Active vconns: connections to OpenFlow switches or controllers. */

/* Returns 0 if 'name' is a syntactically valid active vconn name, or a
 * positive errno value (EAFNOSUPPORT for an unknown prefix, EINVAL for a
 * malformed name). */
int vconn_verify_name(const char *name);

/* Starts connecting to the vconn 'name', allowing the OpenFlow versions in
 * the bitmap 'allowed_versions' (0 means the default set, 1.0 to 1.5) and
 * marking packets with DSCP 'dscp'.  On success stores the new vconn in
 * '*vconnp' and returns 0 (the connection and hello exchange may still be
 * in progress); on failure stores NULL and returns a positive errno. */
int vconn_open(const char *name, uint32_t allowed_versions, uint8_t dscp,
               struct vconn **vconnp);

/* Closes 'vconn' and frees it.  Accepts NULL. */
void vconn_close(struct vconn *);

/* Returns 'vconn''s name, e.g. "tcp:127.0.0.1:6653". */
const char *vconn_get_name(const struct vconn *);

/* Returns or sets the bitmap of OpenFlow versions 'vconn' allows.  Setting
 * it only matters before the hello exchange. */
uint32_t vconn_get_allowed_versions(const struct vconn *vconn);
void vconn_set_allowed_versions(struct vconn *vconn,
                                uint32_t allowed_versions);

/* Returns the negotiated OpenFlow version (an OFPn_VERSION value), or -1 if
 * the hello exchange has not completed yet. */
int vconn_get_version(const struct vconn *);

/* By default vconn_recv() drops (with a log message) messages whose version
 * differs from the negotiated one.  After this call it returns them too
 * (ovs-ofctl's "ofp-parse"-like debugging commands want them). */
void vconn_set_recv_any_version(struct vconn *);

/* Drives the connection and the hello exchange forward.  Returns 0 once
 * connected with an agreed version, EAGAIN while still in progress, or a
 * positive errno (EPROTO for a failed version negotiation). */
int vconn_connect(struct vconn *);

/* Receives one OpenFlow message.  On success stores it in '*msgp' (the
 * caller owns it and must ofpbuf_delete() it) and returns 0; otherwise
 * stores NULL and returns EAGAIN, EOF or another positive errno. */
int vconn_recv(struct vconn *, struct ofpbuf **msgp);

/* Queues 'msg' for sending.  On success takes ownership of 'msg' and
 * returns 0.  On failure (EAGAIN if the connection cannot take more now)
 * the caller keeps 'msg'. */
int vconn_send(struct vconn *, struct ofpbuf *msg);

/* Blocking helpers for request/reply tools such as ovs-ofctl. */

/* Receives messages until one with transaction id 'xid' arrives, dropping
 * (and logging) others.  Stores it in '*replyp' and returns 0, or returns a
 * positive errno. */
int vconn_recv_xid(struct vconn *, ovs_be32 xid, struct ofpbuf **replyp);

/* Sends 'request' (always taking ownership) and waits for the reply with
 * the same xid, storing it in '*replyp'.  Echo requests from the peer are
 * answered meanwhile.  Returns 0 or a positive errno. */
int vconn_transact(struct vconn *, struct ofpbuf *request,
                   struct ofpbuf **replyp);

/* Sends 'request' followed by a barrier request and waits for the barrier
 * reply.  If an error or other reply to 'request' arrives first, stores it
 * in '*replyp', otherwise stores NULL.  Returns 0 (whatever the peer
 * answered) or a positive errno for a connection failure. */
int vconn_transact_noreply(struct vconn *, struct ofpbuf *request,
                           struct ofpbuf **replyp);

/* The two halves of vconn_transact_noreply(), so that a caller can do
 * something else while the peer works: vconn_send_with_barrier() sends
 * 'request' (always taking ownership) followed by a barrier request, and
 * stores the barrier's xid in '*barrier_xidp'; vconn_recv_barrier_reply()
 * then waits for the reply to that barrier, storing in '*replyp' the first
 * other message (an error, usually) that arrives before it, or NULL.  Both
 * return 0 or a positive errno for a connection failure. */
int vconn_send_with_barrier(struct vconn *, struct ofpbuf *request,
                            ovs_be32 *barrier_xidp);
int vconn_recv_barrier_reply(struct vconn *, ovs_be32 barrier_xid,
                             struct ofpbuf **replyp);

/* Like vconn_transact_noreply() for each "struct ofpbuf" in 'requests' (a
 * list linked through their 'list_node's, all taken over by this call):
 * stores in '*replyp' the first reply (an error, usually) to any of them,
 * or NULL if there was none. */
int vconn_transact_multiple_noreply(struct vconn *, struct ovs_list *requests,
                                    struct ofpbuf **replyp);

/* Sends the multipart request messages in 'request' (a list of "struct
 * ofpbuf", all taken over) and appends every reply message to 'replies'
 * (linked through 'list_node'; the caller frees them) until one arrives
 * without the "more" flag, or an error arrives (which is appended too).
 * Returns 0 or a positive errno. */
int vconn_transact_multipart(struct vconn *, struct ovs_list *request,
                             struct ovs_list *replies);

/* Sends the messages in 'requests' (a list of "struct ofpbuf", all taken
 * over) to the switch as one OpenFlow bundle with 'bundle_flags' (OFPBF_*):
 * an open request, each message in a bundle add message (with the
 * message's own xid), a barrier, and a commit request, or a discard
 * request if the switch refused one of the added messages.  OpenFlow 1.4+
 * bundles, or the ONF extension of OpenFlow 1.3; EOPNOTSUPP for earlier
 * versions.  Each error message received goes to 'error_reporter' (if
 * nonnull).  Returns 0 if the bundle was committed, EPROTO if the switch
 * sent an error, or another positive errno. */
int vconn_bundle_transact(struct vconn *, struct ovs_list *requests,
                          uint16_t bundle_flags,
                          void (*error_reporter)(const struct ofp_header *));

/* Does whatever work 'vconn' needs done in the background (e.g. flushing
 * queued output), and registers with the poll loop for it. */
void vconn_run(struct vconn *);
void vconn_run_wait(struct vconn *);

/* Returns 0 if 'vconn' is healthy, EAGAIN while connecting, or the error
 * with which it failed. */
int vconn_get_status(const struct vconn *);

/* Opens 'name' and waits for the hello exchange to complete, for at most
 * 'timeout' milliseconds (negative means forever).  Returns 0 and stores
 * the vconn in '*vconnp', or returns a positive errno (ETIMEDOUT on
 * timeout) and stores NULL. */
int vconn_open_block(const char *name, uint32_t allowed_versions,
                     uint8_t dscp, long long int timeout,
                     struct vconn **vconnp);
int vconn_connect_block(struct vconn *, long long int timeout);
int vconn_send_block(struct vconn *, struct ofpbuf *);
int vconn_recv_block(struct vconn *, struct ofpbuf **);

/* Sends 'msgs', several complete OpenFlow messages back to back (each one's
 * length already set), in as few writes as the connection allows, blocking
 * until all are queued.  Always takes ownership of 'msgs'.  Returns 0 or a
 * positive errno. */
int vconn_send_batch_block(struct vconn *, struct ofpbuf *msgs);

/* Answers 'msg' (which the caller keeps) if it is an echo request, as the
 * blocking receive functions above do.  Returns true if it was. */
bool vconn_answer_echo(struct vconn *, const struct ofpbuf *msg);

/* What vconn_wait() waits for. */
enum vconn_wait_type {
    WAIT_CONNECT,               /* vconn_connect() can make progress. */
    WAIT_RECV,                  /* vconn_recv() can make progress. */
    WAIT_SEND                   /* vconn_send() can make progress. */
};
void vconn_wait(struct vconn *, enum vconn_wait_type);
void vconn_connect_wait(struct vconn *);
void vconn_recv_wait(struct vconn *);
void vconn_send_wait(struct vconn *);

/* Passive vconns: listeners for incoming OpenFlow connections. */

/* Returns 0 if 'name' is a syntactically valid passive vconn name, or a
 * positive errno value. */
int pvconn_verify_name(const char *name);

/* Starts listening on 'name', for connections that will allow the versions
 * in 'allowed_versions' (0 means the default set).  Stores the listener in
 * '*pvconnp' and returns 0, or stores NULL and returns a positive errno. */
int pvconn_open(const char *name, uint32_t allowed_versions, uint8_t dscp,
                struct pvconn **pvconnp);

/* Returns 'pvconn''s name, e.g. "ptcp:6653". */
const char *pvconn_get_name(const struct pvconn *);

/* Closes 'pvconn' and frees it.  Accepts NULL. */
void pvconn_close(struct pvconn *);

/* Accepts one incoming connection, storing a new vconn (whose hello has
 * been sent) in '*vconnp' and returning 0, or storing NULL and returning
 * EAGAIN or another positive errno. */
int pvconn_accept(struct pvconn *, struct vconn **vconnp);

/* Arranges for poll_block() to wake when pvconn_accept() may succeed. */
void pvconn_wait(struct pvconn *);

/* Returns the TCP port 'pvconn' listens on, or 0 if it is not TCP-based
 * (useful with "ptcp:0"). */
uint16_t pvconn_get_bound_port(const struct pvconn *);

#endif /* openvswitch/vconn.h */
