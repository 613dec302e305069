/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "dp-packet.h"
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include "csum.h"
#include "openvswitch/dynamic-string.h"
#include "packets.h"

/* Newer kernels' UDP segmentation offload (USO) GSO type. */
#ifndef VIRTIO_NET_HDR_GSO_UDP_L4
#define VIRTIO_NET_HDR_GSO_UDP_L4 5
#endif

/* Resets everything in 'b' but its memory. */
static void
dp_packet_init__(struct dp_packet *b)
{
    dp_packet_reset_offsets(b);
    b->rss_hash = 0;
    b->rss_hash_valid = false;
    b->cutlen = 0;
    pkt_metadata_init(&b->md, 0);
    memset(&b->vnet, 0, sizeof b->vnet);
}

static void
dp_packet_use__(struct dp_packet *b, void *base, size_t allocated,
                enum dp_packet_source source)
{
    b->base_ = base;
    b->allocated_ = allocated;
    b->data_ofs = 0;
    b->size_ = 0;
    b->source = source;
    dp_packet_init__(b);
}

/* Initializes 'b' as an empty packet over the 'allocated' bytes at 'base',
 * which must come from malloc(): 'b' takes ownership. */
void
dp_packet_use(struct dp_packet *b, void *base, size_t allocated)
{
    dp_packet_use__(b, base, allocated, DPBUF_MALLOC);
}

/* Initializes 'b' as an empty packet over the caller's 'allocated' bytes at
 * 'base'; growing past them moves the data to the heap. */
void
dp_packet_use_stub(struct dp_packet *b, void *base, size_t allocated)
{
    dp_packet_use__(b, base, allocated, DPBUF_STUB);
}

/* Initializes 'b' as a packet holding the 'size' bytes at 'data', which
 * must not be modified or grown. */
void
dp_packet_use_const(struct dp_packet *b, const void *data, size_t size)
{
    dp_packet_use__(b, CONST_CAST(void *, data), size, DPBUF_STACK);
    dp_packet_set_size(b, size);
}

/* Initializes 'b' as an empty packet with capacity 'size'. */
void
dp_packet_init(struct dp_packet *b, size_t size)
{
    dp_packet_use(b, size ? xmalloc(size) : NULL, size);
}

/* Frees the memory that 'b' owns.  Accepts NULL. */
void
dp_packet_uninit(struct dp_packet *b)
{
    if (b && b->source == DPBUF_MALLOC) {
        free(b->base_);
    }
}

/* Returns a new, empty packet with capacity 'size'. */
struct dp_packet *
dp_packet_new(size_t size)
{
    struct dp_packet *b = xmalloc(sizeof *b);

    dp_packet_init(b, size);
    return b;
}

/* Returns a new, empty packet with capacity 'size' after 'headroom'. */
struct dp_packet *
dp_packet_new_with_headroom(size_t size, size_t headroom)
{
    struct dp_packet *b = dp_packet_new(size + headroom);

    dp_packet_reserve(b, headroom);
    return b;
}

/* Returns a copy of 'b' (data, offsets, metadata, offload state). */
struct dp_packet *
dp_packet_clone(const struct dp_packet *b)
{
    return dp_packet_clone_with_headroom(b, 0);
}

/* Like dp_packet_clone() with 'headroom' bytes of headroom. */
struct dp_packet *
dp_packet_clone_with_headroom(const struct dp_packet *b, size_t headroom)
{
    struct dp_packet *new;

    new = dp_packet_clone_data_with_headroom(dp_packet_data(b),
                                             dp_packet_size(b), headroom);
    new->l2_pad_size = b->l2_pad_size;
    new->l2_5_ofs = b->l2_5_ofs;
    new->l3_ofs = b->l3_ofs;
    new->l4_ofs = b->l4_ofs;
    new->rss_hash = b->rss_hash;
    new->rss_hash_valid = b->rss_hash_valid;
    new->cutlen = b->cutlen;
    new->md = b->md;
    new->vnet = b->vnet;
    return new;
}

/* Returns a new packet holding a copy of the 'size' bytes at 'data'. */
struct dp_packet *
dp_packet_clone_data(const void *data, size_t size)
{
    return dp_packet_clone_data_with_headroom(data, size, 0);
}

/* Like dp_packet_clone_data() with 'headroom' bytes of headroom. */
struct dp_packet *
dp_packet_clone_data_with_headroom(const void *data, size_t size,
                                   size_t headroom)
{
    struct dp_packet *b = dp_packet_new_with_headroom(size, headroom);

    dp_packet_put(b, data, size);
    return b;
}

/* Frees 'b' and its memory.  Accepts NULL. */
void
dp_packet_delete(struct dp_packet *b)
{
    if (b) {
        dp_packet_uninit(b);
        free(b);
    }
}

/* Reallocates 'b' with 'new_headroom' and 'new_tailroom' around its
 * data. */
static void
dp_packet_resize(struct dp_packet *b, size_t new_headroom,
                 size_t new_tailroom)
{
    size_t new_allocated = new_headroom + dp_packet_size(b) + new_tailroom;
    void *new_base;

    ovs_assert(new_headroom <= UINT16_MAX);
    switch (b->source) {
    case DPBUF_MALLOC:
        if (new_headroom == dp_packet_headroom(b)) {
            new_base = xrealloc(b->base_, new_allocated);
        } else {
            new_base = xmalloc(new_allocated);
            if (dp_packet_size(b)) {
                memcpy((char *) new_base + new_headroom, dp_packet_data(b),
                       dp_packet_size(b));
            }
            free(b->base_);
        }
        break;

    case DPBUF_STUB:
        b->source = DPBUF_MALLOC;
        new_base = xmalloc(new_allocated);
        if (dp_packet_size(b)) {
            memcpy((char *) new_base + new_headroom, dp_packet_data(b),
                   dp_packet_size(b));
        }
        break;

    case DPBUF_STACK:
    default:
        OVS_NOT_REACHED();
    }

    b->allocated_ = new_allocated;
    b->base_ = new_base;
    b->data_ofs = new_headroom;
}

/* Ensures that 'b' has at least 'size' bytes of tailroom. */
void
dp_packet_prealloc_tailroom(struct dp_packet *b, size_t size)
{
    if (!b->base_ || size > dp_packet_tailroom(b)) {
        dp_packet_resize(b, dp_packet_headroom(b), MAX(size, 64));
    }
}

/* Ensures that 'b' has at least 'size' bytes of headroom. */
void
dp_packet_prealloc_headroom(struct dp_packet *b, size_t size)
{
    if (size > dp_packet_headroom(b)) {
        dp_packet_resize(b, MAX(size, 64), dp_packet_tailroom(b));
    }
}

/* Appends 'size' uninitialized bytes to 'b' and returns them. */
void *
dp_packet_put_uninit(struct dp_packet *b, size_t size)
{
    void *p;

    dp_packet_prealloc_tailroom(b, size);
    p = dp_packet_tail(b);
    dp_packet_set_size(b, dp_packet_size(b) + size);
    return p;
}

/* Appends 'size' zero bytes to 'b' and returns them. */
void *
dp_packet_put_zeros(struct dp_packet *b, size_t size)
{
    void *dst = dp_packet_put_uninit(b, size);

    if (size) {
        memset(dst, 0, size);
    }
    return dst;
}

/* Appends a copy of the 'size' bytes at 'p' to 'b' and returns it. */
void *
dp_packet_put(struct dp_packet *b, const void *p, size_t size)
{
    void *dst = dp_packet_put_uninit(b, size);

    if (size) {
        memcpy(dst, p, size);
    }
    return dst;
}

static int
hexit_value(int c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1);
}

/* Parses pairs of hex digits in 's', optionally separated by white space,
 * and appends the bytes to 'b'.  Stores the number of bytes appended in
 * '*n' if 'n' is nonnull.  Returns the first character not parsed. */
char *
dp_packet_put_hex(struct dp_packet *b, const char *s, size_t *n)
{
    size_t initial_size = dp_packet_size(b);

    for (;;) {
        int hi, lo;

        s += strspn(s, " \t\r\n");
        hi = hexit_value((unsigned char) s[0]);
        lo = hi >= 0 ? hexit_value((unsigned char) s[1]) : -1;
        if (hi < 0 || lo < 0) {
            if (n) {
                *n = dp_packet_size(b) - initial_size;
            }
            return CONST_CAST(char *, s);
        }
        *(uint8_t *) dp_packet_put_uninit(b, 1) = hi << 4 | lo;
        s += 2;
    }
}

/* Reserves 'size' bytes of headroom in empty packet 'b'. */
void
dp_packet_reserve(struct dp_packet *b, size_t size)
{
    ovs_assert(!dp_packet_size(b));
    dp_packet_prealloc_tailroom(b, size);
    b->data_ofs += size;
}

/* Prefixes 'size' uninitialized bytes to 'b' and returns them.  Layer
 * offsets are not adjusted (see dp_packet_resize_l2()). */
void *
dp_packet_push_uninit(struct dp_packet *b, size_t size)
{
    dp_packet_prealloc_headroom(b, size);
    b->data_ofs -= size;
    dp_packet_set_size(b, dp_packet_size(b) + size);
    return dp_packet_data(b);
}

/* Prefixes 'size' zero bytes to 'b' and returns them. */
void *
dp_packet_push_zeros(struct dp_packet *b, size_t size)
{
    void *dst = dp_packet_push_uninit(b, size);

    if (size) {
        memset(dst, 0, size);
    }
    return dst;
}

/* Prefixes a copy of the 'size' bytes at 'p' to 'b' and returns it. */
void *
dp_packet_push(struct dp_packet *b, const void *p, size_t size)
{
    void *dst = dp_packet_push_uninit(b, size);

    if (size) {
        memcpy(dst, p, size);
    }
    return dst;
}

/* Removes 'size' bytes from the head of 'b' (which must have them) and
 * returns a pointer to them.  Layer offsets are not adjusted. */
void *
dp_packet_pull(struct dp_packet *b, size_t size)
{
    void *data = dp_packet_data(b);

    ovs_assert(dp_packet_size(b) >= size);
    b->data_ofs += size;
    dp_packet_set_size(b, dp_packet_size(b) - size);
    return data;
}

/* Like dp_packet_pull() but returns NULL if 'b' is shorter than 'size'
 * (plus its L2 padding). */
void *
dp_packet_try_pull(struct dp_packet *b, size_t size)
{
    return (dp_packet_size(b) - b->l2_pad_size >= size
            ? dp_packet_pull(b, size) : NULL);
}

/* Moves 'b''s data 'delta' bytes (positive: toward the tail) within its
 * allocated space. */
void
dp_packet_shift(struct dp_packet *b, int delta)
{
    ovs_assert(delta > 0 ? delta <= dp_packet_tailroom(b)
               : delta < 0 ? -delta <= dp_packet_headroom(b)
               : true);

    if (delta != 0) {
        char *dst = (char *) dp_packet_data(b) + delta;

        memmove(dst, dp_packet_data(b), dp_packet_size(b));
        dp_packet_set_data(b, dst);
    }
}

static void
dp_packet_adjust_layer_offset(uint16_t *offset, int increment)
{
    if (*offset != DP_PACKET_OFS_NONE) {
        *offset += increment;
    }
}

/* Adds (if 'increment' > 0) or removes (if < 0) bytes at the head of 'b'
 * and shifts the L3 and L4 offsets so that they still point to the same
 * headers: for pushing or popping MPLS labels. */
void
dp_packet_resize_l2_5(struct dp_packet *b, int increment)
{
    if (increment >= 0) {
        dp_packet_push_uninit(b, increment);
    } else {
        dp_packet_pull(b, -increment);
    }
    dp_packet_adjust_layer_offset(&b->l3_ofs, increment);
    dp_packet_adjust_layer_offset(&b->l4_ofs, increment);
}

/* Like dp_packet_resize_l2_5() and also shifts the L2.5 offset: for
 * pushing or popping VLAN tags and Ethernet headers. */
void
dp_packet_resize_l2(struct dp_packet *b, int increment)
{
    dp_packet_resize_l2_5(b, increment);
    dp_packet_adjust_layer_offset(&b->l2_5_ofs, increment);
}

/* Returns a malloc()ed description of 'b': sizes and a hex dump of up to
 * 'maxbytes' of its data. */
char *
dp_packet_to_string(const struct dp_packet *b, size_t maxbytes)
{
    struct ds s;

    ds_init(&s);
    ds_put_format(&s, "size=%"PRIu32", allocated=%"PRIu32", head=%zu, "
                  "tail=%zu\n", dp_packet_size(b), b->allocated_,
                  dp_packet_headroom(b), dp_packet_tailroom(b));
    ds_put_hex_dump(&s, dp_packet_data(b), MIN(dp_packet_size(b), maxbytes),
                    0, false);
    return ds_cstr(&s);
}

/* Appends a clone of every packet of 'src' to 'dst'. */
void
dp_packet_batch_clone(struct dp_packet_batch *dst,
                      const struct dp_packet_batch *src)
{
    struct dp_packet *packet;

    dp_packet_batch_init(dst);
    DP_PACKET_BATCH_FOR_EACH (i, packet, src) {
        dp_packet_batch_add(dst, dp_packet_clone(packet));
    }
    dst->trunc = src->trunc;
}

/* Offloads. */

/* True if 'b' needs segmentation or checksum completion before a device
 * without offloads may send it. */
bool
dp_packet_has_offloads(const struct dp_packet *b)
{
    return ((b->vnet.gso_type & ~VIRTIO_NET_HDR_GSO_ECN)
            != VIRTIO_NET_HDR_GSO_NONE
            || b->vnet.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM);
}

/* Completes the partial checksum of 'b' described by its virtio-net header
 * (the 16-bit one's complement sum from 'csum_start' to the end, stored at
 * 'csum_start' + 'csum_offset', whose field already holds the sum of the
 * pseudo-header).  Returns 0 or EINVAL if the offsets are out of range. */
static int
dp_packet_complete_csum(struct dp_packet *b)
{
    size_t start = b->vnet.csum_start;
    size_t ofs = start + b->vnet.csum_offset;
    uint8_t *data = dp_packet_data(b);
    ovs_be16 sum;

    if (ofs + 2 > dp_packet_size(b) || start > dp_packet_size(b)) {
        return EINVAL;
    }
    sum = csum(data + start, dp_packet_size(b) - start);
    if (!sum && b->vnet.csum_offset == offsetof(struct udp_header,
                                                udp_csum)) {
        /* UDP transmits a zero checksum as all-ones (RFC 768). */
        sum = htons(0xffff);
    }
    memcpy(data + ofs, &sum, 2);
    b->vnet.flags &= ~VIRTIO_NET_HDR_F_NEEDS_CSUM;
    return 0;
}

/* Locates the L3 and L4 headers of Ethernet frame 'b' for segmentation:
 * stores the L3 offset in '*l3', the TCP or UDP header offset in '*l4' and
 * whether it is IPv6 in '*is_ipv6'.  Returns 0 or EINVAL. */
static int
dp_packet_gso_parse(const struct dp_packet *b, size_t *l3, size_t *l4,
                    bool *is_ipv6, uint8_t *proto)
{
    const uint8_t *data = dp_packet_data(b);
    size_t size = dp_packet_size(b);
    size_t ofs = ETH_ADDR_LEN * 2;
    ovs_be16 type;

    for (;;) {
        if (ofs + 2 > size) {
            return EINVAL;
        }
        memcpy(&type, data + ofs, 2);
        ofs += 2;
        if (!eth_type_vlan(type)) {
            break;
        }
        ofs += 2;
    }
    *l3 = ofs;
    if (type == htons(ETH_TYPE_IP)) {
        const struct ip_header *ip = (const void *) (data + ofs);

        if (ofs + IP_HEADER_LEN > size || IP_VER(ip->ip_ihl_ver) != 4
            || IP_IHL(ip->ip_ihl_ver) < 5) {
            return EINVAL;
        }
        *is_ipv6 = false;
        *proto = ip->ip_proto;
        ofs += IP_IHL(ip->ip_ihl_ver) * 4;
    } else if (type == htons(ETH_TYPE_IPV6)) {
        const struct ovs_16aligned_ip6_hdr *ip6 = (const void *) (data + ofs);
        uint8_t nxt;

        if (ofs + IPV6_HEADER_LEN > size) {
            return EINVAL;
        }
        *is_ipv6 = true;
        nxt = ip6->ip6_nxt;
        ofs += IPV6_HEADER_LEN;
        while (nxt == IPPROTO_HOPOPTS || nxt == IPPROTO_ROUTING
               || nxt == IPPROTO_DSTOPTS) {
            if (ofs + 8 > size) {
                return EINVAL;
            }
            nxt = data[ofs];
            ofs += (data[ofs + 1] + 1) * 8;
        }
        *proto = nxt;
    } else {
        return EINVAL;
    }
    *l4 = ofs;
    return ofs <= size ? 0 : EINVAL;
}

/* Returns the L4 checksum of the segment 'seg' whose IP header is at 'l3'
 * and L4 header at 'l4' (with its checksum field zero). */
static ovs_be16
gso_l4_csum(const uint8_t *seg, size_t size, size_t l3, size_t l4,
            bool is_ipv6, uint8_t proto)
{
    uint32_t partial = 0;

    if (is_ipv6) {
        const struct ovs_16aligned_ip6_hdr *ip6 = (const void *) (seg + l3);

        partial = csum_continue(partial, &ip6->ip6_src, 32);
    } else {
        const struct ip_header *ip = (const void *) (seg + l3);

        partial = csum_continue(partial, &ip->ip_src, 8);
    }
    partial = csum_add16(partial, htons(proto));
    partial = csum_add16(partial, htons(size - l4));
    partial = csum_continue(partial, seg + l4, size - l4);
    return csum_finish(partial);
}

/* Segments TCP or UDP GSO packet 'b' (consumed) into complete frames of at
 * most 'gso_size' bytes of L4 payload each, stored in a malloc()ed array
 * in '*segsp' ('*n_segsp' elements), each with complete checksums.
 * Returns 0 or EINVAL for a packet whose headers cannot be segmented (then
 * 'b' is deleted and '*n_segsp' is 0). */
int
dp_packet_gso_segment(struct dp_packet *b, struct dp_packet ***segsp,
                      size_t *n_segsp)
{
    uint8_t gso_type = b->vnet.gso_type & ~VIRTIO_NET_HDR_GSO_ECN;
    size_t mss = b->vnet.gso_size;
    size_t l3, l4, hdr_len, payload, n_segs;
    const uint8_t *data = dp_packet_data(b);
    struct dp_packet **segs;
    bool is_ipv6;
    uint8_t proto;
    int error;

    *segsp = NULL;
    *n_segsp = 0;
    error = dp_packet_gso_parse(b, &l3, &l4, &is_ipv6, &proto);
    if (error || !mss
        || (gso_type == VIRTIO_NET_HDR_GSO_TCPV4
            && (is_ipv6 || proto != IPPROTO_TCP))
        || (gso_type == VIRTIO_NET_HDR_GSO_TCPV6
            && (!is_ipv6 || proto != IPPROTO_TCP))
        || (gso_type == VIRTIO_NET_HDR_GSO_UDP_L4 && proto != IPPROTO_UDP)
        || (gso_type != VIRTIO_NET_HDR_GSO_TCPV4
            && gso_type != VIRTIO_NET_HDR_GSO_TCPV6
            && gso_type != VIRTIO_NET_HDR_GSO_UDP_L4)) {
        dp_packet_delete(b);
        return EINVAL;
    }
    if (proto == IPPROTO_TCP) {
        const struct tcp_header *th = (const void *) (data + l4);

        if (l4 + TCP_HEADER_LEN > dp_packet_size(b)
            || TCP_OFFSET(th->tcp_ctl) < 5) {
            dp_packet_delete(b);
            return EINVAL;
        }
        hdr_len = l4 + TCP_OFFSET(th->tcp_ctl) * 4;
    } else {
        hdr_len = l4 + UDP_HEADER_LEN;
    }
    if (hdr_len > dp_packet_size(b)) {
        dp_packet_delete(b);
        return EINVAL;
    }

    payload = dp_packet_size(b) - hdr_len;
    n_segs = MAX(DIV_ROUND_UP(payload, mss), 1);
    segs = xmalloc(n_segs * sizeof *segs);
    for (size_t i = 0; i < n_segs; i++) {
        size_t chunk = MIN(mss, payload - i * mss);
        size_t size = hdr_len + chunk;
        struct dp_packet *seg;
        uint8_t *p;

        seg = dp_packet_new_with_headroom(size, dp_packet_headroom(b));
        p = dp_packet_put(seg, data, hdr_len);
        dp_packet_put(seg, data + hdr_len + i * mss, chunk);
        seg->md = b->md;
        seg->l2_5_ofs = DP_PACKET_OFS_NONE;
        seg->l3_ofs = l3;
        seg->l4_ofs = l4;

        if (is_ipv6) {
            struct ovs_16aligned_ip6_hdr *ip6 = (void *) (p + l3);

            ip6->ip6_plen = htons(size - l3 - IPV6_HEADER_LEN);
        } else {
            struct ip_header *ip = (void *) (p + l3);

            ip->ip_tot_len = htons(size - l3);
            ip->ip_id = htons(ntohs(ip->ip_id) + i);
            ip->ip_csum = 0;
            ip->ip_csum = csum(ip, l4 - l3);
        }
        if (proto == IPPROTO_TCP) {
            struct tcp_header *th = (void *) (p + l4);
            uint16_t flags = TCP_FLAGS(th->tcp_ctl);

            put_16aligned_be32(&th->tcp_seq,
                               htonl(ntohl(get_16aligned_be32(&th->tcp_seq))
                                     + i * mss));
            if (i != n_segs - 1) {
                flags &= ~(TCP_FIN | TCP_PSH);
            }
            if (i != 0) {
                flags &= ~TCP_CWR;
            }
            th->tcp_ctl = TCP_CTL(flags, TCP_OFFSET(th->tcp_ctl));
            th->tcp_csum = 0;
            th->tcp_csum = gso_l4_csum(p, size, l3, l4, is_ipv6, proto);
        } else {
            struct udp_header *uh = (void *) (p + l4);

            uh->udp_len = htons(size - l4);
            uh->udp_csum = 0;
            uh->udp_csum = gso_l4_csum(p, size, l3, l4, is_ipv6, proto);
            if (!uh->udp_csum) {
                uh->udp_csum = htons(0xffff);
            }
        }
        segs[i] = seg;
    }
    dp_packet_delete(b);
    *segsp = segs;
    *n_segsp = n_segs;
    return 0;
}

/* Resolves the offloads of 'b' (consumed): a GSO packet becomes complete
 * segments, a packet with a partial checksum gets it completed, a packet
 * without offloads stays as it is; the results are appended to 'out'.
 * Returns 0, EINVAL if 'b' cannot be resolved (it is dropped), or ENOBUFS
 * if 'out' filled up (the segments that did not fit are dropped: callers
 * that may see more than NETDEV_MAX_BURST segments per packet, as 64 kB
 * TSO with a 1448-byte MSS gives, should use dp_packet_gso_segment()). */
int
dp_packet_resolve_offloads(struct dp_packet *b, struct dp_packet_batch *out)
{
    struct dp_packet **segs;
    size_t n_segs;
    int error;

    if ((b->vnet.gso_type & ~VIRTIO_NET_HDR_GSO_ECN)
        == VIRTIO_NET_HDR_GSO_NONE) {
        if (b->vnet.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
            error = dp_packet_complete_csum(b);
            if (error) {
                dp_packet_delete(b);
                return error;
            }
        }
        if (dp_packet_batch_is_full(out)) {
            dp_packet_delete(b);
            return ENOBUFS;
        }
        dp_packet_batch_add(out, b);
        return 0;
    }

    error = dp_packet_gso_segment(b, &segs, &n_segs);
    for (size_t i = 0; i < n_segs; i++) {
        if (dp_packet_batch_is_full(out)) {
            error = ENOBUFS;
        }
        dp_packet_batch_add(out, segs[i]);
    }
    free(segs);
    return error;
}
