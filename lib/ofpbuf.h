/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPBUF_H
#define OFPBUF_H 1

/* A growable byte buffer with headroom, for building and parsing messages:
 * netlink attribute streams (datapath keys and actions), OpenFlow messages.
 *
 * The bytes in use are [data, data + size) inside [base, base +
 * allocated).  Space before 'data' is headroom (ofpbuf_push() uses it),
 * space after is tailroom (ofpbuf_put() uses it).  'header' and 'msg' are
 * optional cursors that parsers set to the start of a message's header and
 * body; they move with the data when the buffer is reallocated. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "openvswitch/util.h"
#include "openvswitch/list.h"

struct ds;

enum ofpbuf_source {
    OFPBUF_MALLOC,              /* Obtained via malloc(). */
    OFPBUF_STACK,               /* Un-movable stack space or static buffer. */
    OFPBUF_STUB                 /* Starts on stack, may expand into heap. */
};

struct ofpbuf {
    void *base;                 /* First byte of allocated space. */
    void *data;                 /* First byte actually in use. */
    uint32_t size;              /* Number of bytes in use. */
    uint32_t allocated;         /* Number of bytes allocated. */
    void *header;               /* OpenFlow/netlink header, or NULL. */
    void *msg;                  /* Message body, or NULL. */
    enum ofpbuf_source source;  /* Source of memory allocated as 'base'. */
    struct ovs_list list_node;  /* Private list element for the owner
                                 * (queues of messages, multipart
                                 * replies). */
};

#define OFPBUF_STUB_INITIALIZER(STUB) {                                 \
        .base = (STUB), .data = (STUB), .size = 0,                      \
        .allocated = sizeof (STUB), .header = NULL, .msg = NULL,        \
        .source = OFPBUF_STUB }

void ofpbuf_use_ds(struct ofpbuf *, const struct ds *);
void ofpbuf_use_stack(struct ofpbuf *, void *, size_t);
void ofpbuf_use_stub(struct ofpbuf *, void *, size_t);
void ofpbuf_use_const(struct ofpbuf *, const void *, size_t);

void ofpbuf_init(struct ofpbuf *, size_t);
void ofpbuf_uninit(struct ofpbuf *);
void ofpbuf_reinit(struct ofpbuf *, size_t);

struct ofpbuf *ofpbuf_new(size_t);
struct ofpbuf *ofpbuf_new_with_headroom(size_t, size_t headroom);
struct ofpbuf *ofpbuf_clone(const struct ofpbuf *);
struct ofpbuf *ofpbuf_clone_with_headroom(const struct ofpbuf *,
                                          size_t headroom);
struct ofpbuf *ofpbuf_clone_data(const void *, size_t);
void ofpbuf_delete(struct ofpbuf *);

void *ofpbuf_at(const struct ofpbuf *, size_t offset, size_t size);
void *ofpbuf_at_assert(const struct ofpbuf *, size_t offset, size_t size);
void *ofpbuf_put_uninit(struct ofpbuf *, size_t);
void *ofpbuf_put_zeros(struct ofpbuf *, size_t);
void *ofpbuf_put(struct ofpbuf *, const void *, size_t);
char *ofpbuf_put_hex(struct ofpbuf *, const char *s, size_t *n);
void ofpbuf_reserve(struct ofpbuf *, size_t);
void *ofpbuf_push_uninit(struct ofpbuf *b, size_t);
void *ofpbuf_push_zeros(struct ofpbuf *, size_t);
void *ofpbuf_push(struct ofpbuf *b, const void *, size_t);
void ofpbuf_prealloc_headroom(struct ofpbuf *, size_t);
void ofpbuf_prealloc_tailroom(struct ofpbuf *, size_t);
void ofpbuf_trim(struct ofpbuf *);
void ofpbuf_padto(struct ofpbuf *, size_t);
void ofpbuf_shift(struct ofpbuf *, int);
void *ofpbuf_steal_data(struct ofpbuf *);
void ofpbuf_insert(struct ofpbuf *, size_t offset, const void *, size_t);
char *ofpbuf_to_string(const struct ofpbuf *, size_t maxbytes);

static inline size_t ofpbuf_headroom(const struct ofpbuf *b)
{
    return (char *) b->data - (char *) b->base;
}

static inline size_t ofpbuf_tailroom(const struct ofpbuf *b)
{
    return (char *) b->base + b->allocated - ((char *) b->data + b->size);
}

/* Returns a pointer just past the end of the data in use. */
static inline void *ofpbuf_tail(const struct ofpbuf *b)
{
    return (char *) b->data + b->size;
}

/* Returns a pointer just past the end of the allocated space. */
static inline void *ofpbuf_end(const struct ofpbuf *b)
{
    return (char *) b->base + b->allocated;
}

static inline void ofpbuf_clear(struct ofpbuf *b)
{
    b->data = b->base;
    b->size = 0;
}

/* Removes 'size' bytes from the head end and returns a pointer to them
 * (valid until the buffer is modified). */
static inline void *ofpbuf_pull(struct ofpbuf *b, size_t size)
{
    void *data = b->data;

    ovs_assert(b->size >= size);
    b->data = (char *) b->data + size;
    b->size -= size;
    return data;
}

/* Like ofpbuf_pull() but returns NULL instead of asserting if there are
 * fewer than 'size' bytes. */
static inline void *ofpbuf_try_pull(struct ofpbuf *b, size_t size)
{
    return b->size >= size ? ofpbuf_pull(b, size) : NULL;
}

static inline bool ofpbuf_equal(const struct ofpbuf *a,
                                const struct ofpbuf *b)
{
    return a->size == b->size
           && (!a->size || memcmp(a->data, b->data, a->size) == 0);
}

static inline bool ofpbuf_oversized(const struct ofpbuf *b)
{
    return (char *) ofpbuf_tail(b) - (char *) b->header > UINT16_MAX;
}

#endif /* ofpbuf.h */
