/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef VCONN_PROVIDER_H
#define VCONN_PROVIDER_H 1

/* The interface between the generic vconn code (vconn.c: naming, hello
 * exchange, version checks, blocking helpers) and each kind of vconn.
 *
 * Weft has one family of implementations, the stream-based vconns of
 * vconn-stream.c ("tcp", "ssl", "unix" and the passive "ptcp", "pssl",
 * "punix"), which frame OpenFlow messages on a lib/stream byte stream.
 * Every member function is non-blocking. */

#include <stdbool.h>
#include <stdint.h>
#include "openvswitch/vconn.h"

/* Active vconns. */

/* An active vconn.  Each class embeds it in its own structure. */
struct vconn {
    const struct vconn_class *vclass; /* The implementation. */
    int state;                  /* A VCS_* value, private to vconn.c. */
    int error;                  /* Error, once the vconn has failed. */

    /* OpenFlow versions. */
    uint32_t allowed_versions;  /* Bitmap of versions we allow. */
    uint32_t peer_versions;     /* Bitmap the peer's hello announced. */
    int version;                /* Negotiated OFPn_VERSION, -1 if none. */
    bool recv_any_version;      /* Deliver messages of any version? */

    char *name;                 /* Name, e.g. "tcp:127.0.0.1:6653". */
};

/* Initializes the generic part of 'vconn', of class 'vclass', named 'name'
 * (copied), allowing 'allowed_versions'.  'connect_status' is 0 if the
 * underlying connection is complete, EAGAIN if it is in progress, or a
 * positive errno if it already failed. */
void vconn_init(struct vconn *, const struct vconn_class *,
                int connect_status, const char *name,
                uint32_t allowed_versions);

/* Makes sure that 'vconn' belongs to 'vclass'. */
static inline void
vconn_assert_class(const struct vconn *vconn,
                   const struct vconn_class *vclass)
{
    ovs_assert(vconn->vclass == vclass);
}

/* The functions that implement one kind of active vconn. */
struct vconn_class {
    /* Prefix of the names of this class's vconns, without the colon,
     * e.g. "tcp". */
    const char *name;

    /* Starts opening 'name' (whose part after the colon is 'suffix', which
     * 'open' may modify), allowing 'allowed_versions', with DSCP 'dscp'.
     * On success stores a vconn initialized with vconn_init() in '*vconnp'
     * and returns 0; on failure returns a positive errno.  Must not
     * block. */
    int (*open)(const char *name, uint32_t allowed_versions, char *suffix,
                struct vconn **vconnp, uint8_t dscp);

    /* Closes and frees 'vconn'. */
    void (*close)(struct vconn *vconn);

    /* Drives the underlying connection forward: returns 0 when connected,
     * EAGAIN while in progress, or a positive errno.  May be null if the
     * connection is always complete. */
    int (*connect)(struct vconn *vconn);

    /* Receives one complete OpenFlow message into a new ofpbuf stored in
     * '*msgp' (owned by the caller), returning 0, or returns EAGAIN, EOF or
     * a positive errno.  The message's length field has been checked to be
     * at least the size of an OpenFlow header. */
    int (*recv)(struct vconn *vconn, struct ofpbuf **msgp);

    /* Sends or queues 'msg', taking ownership of it and returning 0, or
     * returns EAGAIN (queue full) or a positive errno, leaving 'msg' to the
     * caller. */
    int (*send)(struct vconn *vconn, struct ofpbuf *msg);

    /* Background work (e.g. flushing a send queue) and its wait.  May be
     * null. */
    void (*run)(struct vconn *vconn);
    void (*run_wait)(struct vconn *vconn);

    /* Arranges for poll_block() to wake when 'type' can make progress. */
    void (*wait)(struct vconn *vconn, enum vconn_wait_type type);
};

/* Passive vconns. */

/* A passive vconn.  Each class embeds it in its own structure. */
struct pvconn {
    const struct pvconn_class *pvclass; /* The implementation. */
    char *name;                 /* Name, e.g. "ptcp:6653". */
    uint32_t allowed_versions;  /* Versions accepted connections allow. */
};

/* Initializes the generic part of 'pvconn'; 'name' is copied. */
void pvconn_init(struct pvconn *, const struct pvconn_class *,
                 const char *name, uint32_t allowed_versions);

/* The functions that implement one kind of passive vconn. */
struct pvconn_class {
    /* Prefix of the names, without the colon, e.g. "ptcp". */
    const char *name;

    /* Starts listening on 'name' ('suffix' is the part after the colon).
     * Stores the listener in '*pvconnp' and returns 0, or returns a
     * positive errno. */
    int (*listen)(const char *name, uint32_t allowed_versions,
                  char *suffix, struct pvconn **pvconnp, uint8_t dscp);

    /* Closes and frees 'pvconn'. */
    void (*close)(struct pvconn *pvconn);

    /* Accepts one connection into a new vconn stored in '*new_vconnp' and
     * returns 0, or returns EAGAIN or a positive errno. */
    int (*accept)(struct pvconn *pvconn, struct vconn **new_vconnp);

    /* Arranges for poll_block() to wake when 'accept' may succeed. */
    void (*wait)(struct pvconn *pvconn);

    /* Returns the bound TCP port, or 0.  May be null. */
    uint16_t (*get_bound_port)(const struct pvconn *pvconn);
};

/* The classes, in vconn-stream.c. */
extern const struct vconn_class tcp_vconn_class;
extern const struct vconn_class unix_vconn_class;
extern const struct vconn_class ssl_vconn_class;
extern const struct pvconn_class ptcp_pvconn_class;
extern const struct pvconn_class punix_pvconn_class;
extern const struct pvconn_class pssl_pvconn_class;

#endif /* vconn-provider.h */
