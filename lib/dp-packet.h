/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef DP_PACKET_H
#define DP_PACKET_H 1

/* A packet as the datapath carries it: the frame's bytes with headroom (so
 * that pushing a VLAN tag or a tunnel header does not copy), offsets of
 * its layers (set by flow_extract()), its datapath metadata, and the
 * offload state that a virtio-net header describes (GSO, partial
 * checksum), so that large TCP segments can pass through the userspace
 * datapath untouched between devices that accept them.
 *
 * The frame is [data, data + size) inside [base, base + allocated). */

#include <linux/virtio_net.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "openvswitch/types.h"
#include "openvswitch/util.h"

struct ds;

/* Where a packet's memory came from. */
enum dp_packet_source {
    DPBUF_MALLOC,               /* malloc()ed; freed by dp_packet_delete(). */
    DPBUF_STACK,                /* Caller's memory, never reallocated. */
    DPBUF_STUB,                 /* Caller's memory, may move to the heap. */
};

/* Metadata that travels with a packet through the datapath (the non-header
 * part of a datapath flow key). */
struct pkt_metadata {
    uint32_t recirc_id;         /* Recirculation id; 0 on first pass. */
    uint32_t dp_hash;           /* Hash computed by the "hash" action. */
    uint32_t skb_priority;      /* QoS priority. */
    uint32_t pkt_mark;          /* Packet mark. */
    odp_port_t in_port;         /* Datapath input port. */
};

/* Layer offsets are UINT16_MAX when the layer is absent. */
#define DP_PACKET_OFS_NONE UINT16_MAX

struct dp_packet {
    void *base_;                /* First byte of allocated space. */
    uint32_t allocated_;        /* Bytes allocated. */
    uint32_t size_;             /* Bytes in use. */
    uint16_t data_ofs;          /* Offset of the frame from 'base_'. */
    enum dp_packet_source source;
    uint32_t rss_hash;          /* Packet hash, valid if rss_hash_valid. */
    bool rss_hash_valid;
    uint16_t l2_pad_size;       /* Padding after the L3 payload. */
    uint16_t l2_5_ofs;          /* MPLS label stack offset. */
    uint16_t l3_ofs;            /* Network header offset. */
    uint16_t l4_ofs;            /* Transport header offset. */
    uint32_t cutlen;            /* Bytes to cut on output (trunc action). */
    struct pkt_metadata md;     /* Datapath metadata. */

    /* Offloads: GSO and partial checksum, as a virtio-net header describes
     * them.  All zero (VIRTIO_NET_HDR_GSO_NONE, no flags) means a complete
     * frame with valid checksums.  Devices that cannot take such a packet
     * must call dp_packet_resolve_offloads() (segment and checksum) before
     * sending it. */
    struct virtio_net_hdr vnet;
};

/* Batches: devices receive and send, and the datapath processes, up to
 * NETDEV_MAX_BURST packets at a time. */
#define NETDEV_MAX_BURST 32

struct dp_packet_batch {
    size_t count;               /* Packets in 'packets'. */
    bool trunc;                 /* True if any packet has a 'cutlen'. */
    struct dp_packet *packets[NETDEV_MAX_BURST];
};

/* Allocation. */
struct dp_packet *dp_packet_new(size_t);
struct dp_packet *dp_packet_new_with_headroom(size_t, size_t headroom);
struct dp_packet *dp_packet_clone(const struct dp_packet *);
struct dp_packet *dp_packet_clone_with_headroom(const struct dp_packet *,
                                                size_t headroom);
struct dp_packet *dp_packet_clone_data(const void *, size_t);
struct dp_packet *dp_packet_clone_data_with_headroom(const void *, size_t,
                                                     size_t headroom);
void dp_packet_init(struct dp_packet *, size_t);
void dp_packet_uninit(struct dp_packet *);
void dp_packet_delete(struct dp_packet *);
void dp_packet_use(struct dp_packet *, void *, size_t);
void dp_packet_use_stub(struct dp_packet *, void *, size_t);
void dp_packet_use_const(struct dp_packet *, const void *, size_t);

/* Growing and shrinking. */
void dp_packet_prealloc_tailroom(struct dp_packet *, size_t);
void dp_packet_prealloc_headroom(struct dp_packet *, size_t);
void *dp_packet_put_uninit(struct dp_packet *, size_t);
void *dp_packet_put_zeros(struct dp_packet *, size_t);
void *dp_packet_put(struct dp_packet *, const void *, size_t);
char *dp_packet_put_hex(struct dp_packet *, const char *s, size_t *n);
void dp_packet_reserve(struct dp_packet *, size_t);
void *dp_packet_push_uninit(struct dp_packet *, size_t);
void *dp_packet_push_zeros(struct dp_packet *, size_t);
void *dp_packet_push(struct dp_packet *, const void *, size_t);
void *dp_packet_pull(struct dp_packet *, size_t);
void *dp_packet_try_pull(struct dp_packet *, size_t);
void dp_packet_shift(struct dp_packet *, int);
void dp_packet_resize_l2(struct dp_packet *, int increment);
void dp_packet_resize_l2_5(struct dp_packet *, int increment);

/* Offloads: segments a GSO packet into a batch of MTU-sized packets
 * appended to 'out' (the original is consumed), or completes a partial
 * checksum in place.  Returns 0 or a positive errno. */
int dp_packet_resolve_offloads(struct dp_packet *,
                               struct dp_packet_batch *out);
bool dp_packet_has_offloads(const struct dp_packet *);
int dp_packet_gso_segment(struct dp_packet *, struct dp_packet ***segsp,
                          size_t *n_segsp);

/* Hex dump, and the same in the form netdev-dummy/receive accepts. */
char *dp_packet_to_string(const struct dp_packet *, size_t maxbytes);

static inline void *
dp_packet_base(const struct dp_packet *b)
{
    return b->base_;
}

static inline void *
dp_packet_data(const struct dp_packet *b)
{
    return (char *) b->base_ + b->data_ofs;
}

static inline uint32_t
dp_packet_size(const struct dp_packet *b)
{
    return b->size_;
}

static inline void
dp_packet_set_size(struct dp_packet *b, uint32_t v)
{
    b->size_ = v;
}

static inline void
dp_packet_set_data(struct dp_packet *b, void *data)
{
    b->data_ofs = data ? (char *) data - (char *) b->base_ : 0;
}

static inline void *
dp_packet_tail(const struct dp_packet *b)
{
    return (char *) dp_packet_data(b) + dp_packet_size(b);
}

static inline void *
dp_packet_end(const struct dp_packet *b)
{
    return (char *) b->base_ + b->allocated_;
}

static inline size_t
dp_packet_headroom(const struct dp_packet *b)
{
    return b->data_ofs;
}

static inline size_t
dp_packet_tailroom(const struct dp_packet *b)
{
    return (char *) dp_packet_end(b) - (char *) dp_packet_tail(b);
}

static inline void
dp_packet_clear(struct dp_packet *b)
{
    b->data_ofs = 0;
    b->size_ = 0;
}

static inline void
dp_packet_reset_offsets(struct dp_packet *b)
{
    b->l2_pad_size = 0;
    b->l2_5_ofs = DP_PACKET_OFS_NONE;
    b->l3_ofs = DP_PACKET_OFS_NONE;
    b->l4_ofs = DP_PACKET_OFS_NONE;
}

/* Layer pointers: NULL when the layer is absent. */
static inline void *
dp_packet_eth(const struct dp_packet *b)
{
    return dp_packet_size(b) ? dp_packet_data(b) : NULL;
}

static inline void *
dp_packet_l3(const struct dp_packet *b)
{
    return b->l3_ofs != DP_PACKET_OFS_NONE
           ? (char *) dp_packet_data(b) + b->l3_ofs : NULL;
}

static inline void
dp_packet_set_l3(struct dp_packet *b, void *l3)
{
    b->l3_ofs = l3 ? (char *) l3 - (char *) dp_packet_data(b)
                   : DP_PACKET_OFS_NONE;
}

static inline size_t
dp_packet_l3_size(const struct dp_packet *b)
{
    return b->l3_ofs != DP_PACKET_OFS_NONE
           ? dp_packet_size(b) - b->l3_ofs - b->l2_pad_size : 0;
}

static inline void *
dp_packet_l4(const struct dp_packet *b)
{
    return b->l4_ofs != DP_PACKET_OFS_NONE
           ? (char *) dp_packet_data(b) + b->l4_ofs : NULL;
}

static inline void
dp_packet_set_l4(struct dp_packet *b, void *l4)
{
    b->l4_ofs = l4 ? (char *) l4 - (char *) dp_packet_data(b)
                   : DP_PACKET_OFS_NONE;
}

static inline size_t
dp_packet_l4_size(const struct dp_packet *b)
{
    return b->l4_ofs != DP_PACKET_OFS_NONE
           ? dp_packet_size(b) - b->l4_ofs - b->l2_pad_size : 0;
}

static inline uint32_t
dp_packet_get_rss_hash(const struct dp_packet *b)
{
    return b->rss_hash;
}

static inline void
dp_packet_set_rss_hash(struct dp_packet *b, uint32_t hash)
{
    b->rss_hash = hash;
    b->rss_hash_valid = true;
}

static inline bool
dp_packet_rss_valid(const struct dp_packet *b)
{
    return b->rss_hash_valid;
}

static inline uint32_t
dp_packet_get_cutlen(const struct dp_packet *b)
{
    return b->cutlen;
}

static inline void
pkt_metadata_init(struct pkt_metadata *md, odp_port_t port)
{
    memset(md, 0, sizeof *md);
    md->in_port = port;
}

/* Batches. */
static inline void
dp_packet_batch_init(struct dp_packet_batch *batch)
{
    batch->count = 0;
    batch->trunc = false;
}

static inline void
dp_packet_batch_add(struct dp_packet_batch *batch, struct dp_packet *packet)
{
    if (batch->count < NETDEV_MAX_BURST) {
        batch->packets[batch->count++] = packet;
    } else {
        dp_packet_delete(packet);
    }
}

static inline size_t
dp_packet_batch_size(const struct dp_packet_batch *batch)
{
    return batch->count;
}

static inline bool
dp_packet_batch_is_empty(const struct dp_packet_batch *batch)
{
    return !batch->count;
}

static inline bool
dp_packet_batch_is_full(const struct dp_packet_batch *batch)
{
    return batch->count == NETDEV_MAX_BURST;
}

static inline void
dp_packet_batch_init_packet(struct dp_packet_batch *batch,
                            struct dp_packet *p)
{
    batch->count = 1;
    batch->trunc = false;
    batch->packets[0] = p;
}

/* Deletes the batch's packets if 'should_steal', then empties it. */
static inline void
dp_packet_delete_batch(struct dp_packet_batch *batch, bool should_steal)
{
    if (should_steal) {
        for (size_t i = 0; i < batch->count; i++) {
            dp_packet_delete(batch->packets[i]);
        }
        dp_packet_batch_init(batch);
    }
}

/* Copies every packet of 'src' into 'dst'. */
void dp_packet_batch_clone(struct dp_packet_batch *dst,
                           const struct dp_packet_batch *src);

#define DP_PACKET_BATCH_FOR_EACH(IDX, PACKET, BATCH)                    \
    for (size_t IDX = 0; IDX < (BATCH)->count                           \
         && ((PACKET) = (BATCH)->packets[IDX], true); IDX++)

#endif /* dp-packet.h */
