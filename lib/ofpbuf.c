/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "ofpbuf.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "openvswitch/dynamic-string.h"

/* Initializes 'b' over 'base', 'allocated' bytes, of memory from
 * 'source'. */
static void
ofpbuf_use__(struct ofpbuf *b, void *base, size_t allocated,
             size_t size, enum ofpbuf_source source)
{
    b->base = base;
    b->data = base;
    b->size = size;
    b->allocated = allocated;
    b->source = source;
    b->header = NULL;
    b->msg = NULL;
}

/* Initializes 'b' as an empty buffer over the 'allocated' bytes at 'base',
 * which must come from malloc(): 'b' takes ownership. */
static void
ofpbuf_use(struct ofpbuf *b, void *base, size_t allocated)
{
    ofpbuf_use__(b, base, allocated, 0, OFPBUF_MALLOC);
}

/* Initializes 'b' as a buffer holding the contents of 'ds' (the ds keeps
 * ownership; 'b' must not grow and must not be uninit'ed as malloc()ed
 * memory). */
void
ofpbuf_use_ds(struct ofpbuf *b, const struct ds *ds)
{
    ofpbuf_use__(b, ds->string, ds->length + 1, ds->length, OFPBUF_STACK);
}

/* Initializes 'b' as an empty buffer over the 'allocated' bytes at 'base'
 * that can never be reallocated (growing past them aborts). */
void
ofpbuf_use_stack(struct ofpbuf *b, void *base, size_t allocated)
{
    ofpbuf_use__(b, base, allocated, 0, OFPBUF_STACK);
}

/* Initializes 'b' as an empty buffer over the 'allocated' bytes at 'base'
 * (typically on the stack); growing past them moves the data to the
 * heap. */
void
ofpbuf_use_stub(struct ofpbuf *b, void *base, size_t allocated)
{
    ofpbuf_use__(b, base, allocated, 0, OFPBUF_STUB);
}

/* Initializes 'b' as a read-only buffer holding the 'size' bytes at
 * 'data'. */
void
ofpbuf_use_const(struct ofpbuf *b, const void *data, size_t size)
{
    ofpbuf_use__(b, CONST_CAST(void *, data), size, size, OFPBUF_STACK);
}

/* Initializes 'b' as an empty buffer with an initial capacity of 'size'
 * bytes. */
void
ofpbuf_init(struct ofpbuf *b, size_t size)
{
    ofpbuf_use(b, size ? xmalloc(size) : NULL, size);
}

/* Frees memory that 'b' owns. */
void
ofpbuf_uninit(struct ofpbuf *b)
{
    if (b && b->source == OFPBUF_MALLOC) {
        free(b->base);
    }
}

/* Frees 'b''s memory and reinitializes it with capacity 'size'. */
void
ofpbuf_reinit(struct ofpbuf *b, size_t size)
{
    ofpbuf_uninit(b);
    ofpbuf_init(b, size);
}

/* Returns a new, empty buffer with capacity 'size'. */
struct ofpbuf *
ofpbuf_new(size_t size)
{
    struct ofpbuf *b = xmalloc(sizeof *b);

    ofpbuf_init(b, size);
    return b;
}

/* Returns a new, empty buffer with capacity 'size' after 'headroom' bytes
 * of headroom. */
struct ofpbuf *
ofpbuf_new_with_headroom(size_t size, size_t headroom)
{
    struct ofpbuf *b = ofpbuf_new(size + headroom);

    ofpbuf_reserve(b, headroom);
    return b;
}

/* Returns a new buffer holding a copy of 'b''s data. */
struct ofpbuf *
ofpbuf_clone(const struct ofpbuf *b)
{
    return ofpbuf_clone_with_headroom(b, 0);
}

/* Returns a new buffer holding a copy of 'b''s data after 'headroom' bytes
 * of headroom.  'header' and 'msg' keep their offsets. */
struct ofpbuf *
ofpbuf_clone_with_headroom(const struct ofpbuf *b, size_t headroom)
{
    struct ofpbuf *new = ofpbuf_new_with_headroom(b->size, headroom);

    ofpbuf_put(new, b->data, b->size);
    if (b->header) {
        new->header = (char *) new->data
                      + ((char *) b->header - (char *) b->data);
    }
    if (b->msg) {
        new->msg = (char *) new->data + ((char *) b->msg - (char *) b->data);
    }
    return new;
}

/* Returns a new buffer holding a copy of the 'size' bytes at 'data'. */
struct ofpbuf *
ofpbuf_clone_data(const void *data, size_t size)
{
    struct ofpbuf *b = ofpbuf_new(size);

    ofpbuf_put(b, data, size);
    return b;
}

/* Frees 'b' and its memory.  Accepts NULL. */
void
ofpbuf_delete(struct ofpbuf *b)
{
    if (b) {
        ofpbuf_uninit(b);
        free(b);
    }
}

/* Returns a pointer to 'size' bytes at 'offset' within 'b''s data, or NULL
 * if they are not all there. */
void *
ofpbuf_at(const struct ofpbuf *b, size_t offset, size_t size)
{
    return offset + size <= b->size ? (char *) b->data + offset : NULL;
}

/* Like ofpbuf_at() but asserts that the bytes are there. */
void *
ofpbuf_at_assert(const struct ofpbuf *b, size_t offset, size_t size)
{
    ovs_assert(offset + size <= b->size);
    ovs_assert(b->data);
    return (char *) b->data + offset;
}

/* Reallocates 'b' to 'new_headroom' bytes of headroom and 'new_tailroom'
 * bytes of tailroom around its data, moving 'header' and 'msg' along. */
static void
ofpbuf_resize__(struct ofpbuf *b, size_t new_headroom, size_t new_tailroom)
{
    size_t new_allocated = new_headroom + b->size + new_tailroom;
    void *new_base, *new_data;
    ptrdiff_t diff;

    switch (b->source) {
    case OFPBUF_MALLOC:
        if (new_headroom == ofpbuf_headroom(b)) {
            new_base = xrealloc(b->base, new_allocated);
        } else {
            new_base = xmalloc(new_allocated);
            if (b->size) {
                memcpy((char *) new_base + new_headroom, b->data, b->size);
            }
            free(b->base);
        }
        break;

    case OFPBUF_STUB:
        b->source = OFPBUF_MALLOC;
        new_base = xmalloc(new_allocated);
        if (b->size) {
            memcpy((char *) new_base + new_headroom, b->data, b->size);
        }
        break;

    case OFPBUF_STACK:
    default:
        OVS_NOT_REACHED();
    }

    b->allocated = new_allocated;
    new_data = (char *) new_base + new_headroom;
    diff = b->data ? (char *) new_data - (char *) b->data : 0;
    b->base = new_base;
    if (b->header) {
        b->header = (char *) b->header + diff;
    }
    if (b->msg) {
        b->msg = (char *) b->msg + diff;
    }
    b->data = new_data;
}

/* Ensures that 'b' has at least 'size' bytes of tailroom. */
void
ofpbuf_prealloc_tailroom(struct ofpbuf *b, size_t size)
{
    if (!b->base || size > ofpbuf_tailroom(b)) {
        ofpbuf_resize__(b, ofpbuf_headroom(b), MAX(size, 64));
    }
}

/* Ensures that 'b' has at least 'size' bytes of headroom. */
void
ofpbuf_prealloc_headroom(struct ofpbuf *b, size_t size)
{
    if (size > ofpbuf_headroom(b)) {
        ofpbuf_resize__(b, MAX(size, 64), ofpbuf_tailroom(b));
    }
}

/* Trims the allocated space of a malloc()ed 'b' to its data. */
void
ofpbuf_trim(struct ofpbuf *b)
{
    if (b->source == OFPBUF_MALLOC
        && (ofpbuf_headroom(b) || ofpbuf_tailroom(b))) {
        ofpbuf_resize__(b, 0, 0);
    }
}

/* Appends zeros to 'b' until it holds at least 'length' bytes. */
void
ofpbuf_padto(struct ofpbuf *b, size_t length)
{
    if (b->size < length) {
        ofpbuf_put_zeros(b, length - b->size);
    }
}

/* Moves 'b''s data 'delta' bytes (positive: toward the tail) within its
 * allocated space, which must have room for that. */
void
ofpbuf_shift(struct ofpbuf *b, int delta)
{
    ovs_assert(delta > 0 ? delta <= ofpbuf_tailroom(b)
               : delta < 0 ? -delta <= ofpbuf_headroom(b)
               : true);

    if (delta != 0) {
        char *dst = (char *) b->data + delta;

        memmove(dst, b->data, b->size);
        b->data = dst;
    }
}

/* Appends 'size' uninitialized bytes to 'b' and returns them. */
void *
ofpbuf_put_uninit(struct ofpbuf *b, size_t size)
{
    void *p;

    ofpbuf_prealloc_tailroom(b, size);
    p = ofpbuf_tail(b);
    b->size += size;
    return p;
}

/* Appends 'size' zero bytes to 'b' and returns them. */
void *
ofpbuf_put_zeros(struct ofpbuf *b, size_t size)
{
    void *dst = ofpbuf_put_uninit(b, size);

    if (size) {
        memset(dst, 0, size);
    }
    return dst;
}

/* Appends a copy of the 'size' bytes at 'p' to 'b' and returns the
 * copy. */
void *
ofpbuf_put(struct ofpbuf *b, const void *p, size_t size)
{
    void *dst = ofpbuf_put_uninit(b, size);

    if (size) {
        memcpy(dst, p, size);
    }
    return dst;
}

/* Returns the value of hex digit 'c', or -1. */
static int
hexit_value(int c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1);
}

/* Parses pairs of hex digits in 's', optionally separated by white space,
 * and appends the bytes they encode to 'b'.  Stores the number of bytes
 * appended in '*n' if 'n' is nonnull.  Returns the first character of 's'
 * that was not parsed (a null byte if all of it was). */
char *
ofpbuf_put_hex(struct ofpbuf *b, const char *s, size_t *n)
{
    size_t initial_size = b->size;

    for (;;) {
        int hi, lo;

        s += strspn(s, " \t\r\n");
        hi = hexit_value((unsigned char) s[0]);
        lo = hi >= 0 ? hexit_value((unsigned char) s[1]) : -1;
        if (hi < 0 || lo < 0) {
            if (n) {
                *n = b->size - initial_size;
            }
            return CONST_CAST(char *, s);
        }
        *(uint8_t *) ofpbuf_put_uninit(b, 1) = hi << 4 | lo;
        s += 2;
    }
}

/* Reserves 'size' bytes of headroom in empty buffer 'b'. */
void
ofpbuf_reserve(struct ofpbuf *b, size_t size)
{
    ovs_assert(!b->size);
    ofpbuf_prealloc_tailroom(b, size);
    b->data = (char *) b->data + size;
}

/* Prefixes 'size' uninitialized bytes to 'b''s data and returns them. */
void *
ofpbuf_push_uninit(struct ofpbuf *b, size_t size)
{
    ofpbuf_prealloc_headroom(b, size);
    b->data = (char *) b->data - size;
    b->size += size;
    return b->data;
}

/* Prefixes 'size' zero bytes to 'b''s data and returns them. */
void *
ofpbuf_push_zeros(struct ofpbuf *b, size_t size)
{
    void *dst = ofpbuf_push_uninit(b, size);

    if (size) {
        memset(dst, 0, size);
    }
    return dst;
}

/* Prefixes a copy of the 'size' bytes at 'p' to 'b''s data and returns
 * the copy. */
void *
ofpbuf_push(struct ofpbuf *b, const void *p, size_t size)
{
    void *dst = ofpbuf_push_uninit(b, size);

    if (size) {
        memcpy(dst, p, size);
    }
    return dst;
}

/* Returns 'b''s data, which the caller must free(), and leaves 'b' empty
 * (still to be uninit'ed or reused). */
void *
ofpbuf_steal_data(struct ofpbuf *b)
{
    void *p;

    if (b->source == OFPBUF_MALLOC && b->data == b->base) {
        p = b->data;
    } else {
        p = xmemdup(b->data, b->size);
        if (b->source == OFPBUF_MALLOC) {
            free(b->base);
        }
    }
    b->base = NULL;
    b->data = NULL;
    b->header = NULL;
    b->msg = NULL;
    b->size = 0;
    b->allocated = 0;
    b->source = OFPBUF_MALLOC;
    return p;
}

/* Inserts the 'size' bytes at 'data' at 'offset' within 'b''s data. */
void
ofpbuf_insert(struct ofpbuf *b, size_t offset, const void *data, size_t size)
{
    if (offset < b->size) {
        ofpbuf_put_uninit(b, size);
        memmove((char *) b->data + offset + size, (char *) b->data + offset,
                b->size - size - offset);
        memcpy((char *) b->data + offset, data, size);
    } else {
        ovs_assert(offset == b->size);
        ofpbuf_put(b, data, size);
    }
}

/* Returns a malloc()ed description of 'b': sizes, then a hex dump of at
 * most 'maxbytes' of its data. */
char *
ofpbuf_to_string(const struct ofpbuf *b, size_t maxbytes)
{
    struct ds s;

    ds_init(&s);
    ds_put_format(&s, "size=%"PRIu32", allocated=%"PRIu32", head=%zu, "
                  "tail=%zu\n", b->size, b->allocated, ofpbuf_headroom(b),
                  ofpbuf_tailroom(b));
    ds_put_hex_dump(&s, b->data, MIN(b->size, maxbytes), 0, false);
    return ds_cstr(&s);
}
