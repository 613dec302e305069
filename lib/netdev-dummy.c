/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Dummy network devices, for tests: types "dummy" and "dummy-internal"
 * (and, with override, "system", "internal" and "tap").
 *
 * A dummy device receives the packets that "ovs-appctl
 * netdev-dummy/receive" injects and counts (and, with options:tx_pcap,
 * records) the packets sent to it.  options:rxq_pcap records the packets
 * it receives.  Its link follows its administrative state, which
 * "netdev-dummy/set-admin-state" sets. */

#include <config.h>
#include "netdev-dummy.h"

#include "netdev-provider.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <strings.h>
#include "csum.h"
#include "dp-packet.h"
#include "flow.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "packets.h"
#include "pcap-file.h"
#include "poll-loop.h"
#include "seq.h"
#include "smap.h"
#include "sset.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(netdev_dummy);

/* Packets a receive queue holds at most; more are dropped. */
#define NETDEV_DUMMY_MAX_QUEUE 100

/* A dummy device. */
struct netdev_dummy {
    struct netdev up;           /* Generic part. */
    struct ovs_list list_node;  /* In 'dummy_list'. */

    struct ovs_mutex mutex;     /* Protects the members below. */
    struct eth_addr hwaddr;     /* Ethernet address. */
    int mtu;                    /* MTU. */
    struct netdev_stats stats;  /* Counters kept. */
    enum netdev_flags flags;    /* NETDEV_UP, NETDEV_PROMISC. */
    char *tx_pcap_name;         /* options:tx_pcap, or NULL. */
    char *rxq_pcap_name;        /* options:rxq_pcap, or NULL. */
    struct pcap_file *tx_pcap;  /* Records sent packets, or NULL. */
    struct pcap_file *rxq_pcap; /* Records received packets, or NULL (may
                                 * equal 'tx_pcap'). */
    struct ovs_list rxes;       /* "struct netdev_rxq_dummy"s. */
};

/* A dummy receive queue. */
struct netdev_rxq_dummy {
    struct netdev_rxq up;       /* Generic part. */
    struct ovs_list node;       /* In the device's 'rxes'. */
    struct ovs_list recv_queue; /* "struct pkt_list_node"s (device's
                                 * mutex). */
    int recv_queue_len;         /* Length of 'recv_queue'. */
    struct seq *seq;            /* Changed when a packet is queued. */
};

/* A queued packet. */
struct pkt_list_node {
    struct ovs_list list_node;  /* In a 'recv_queue'. */
    struct dp_packet *pkt;      /* The packet. */
};

/* Every dummy device, protected by 'dummy_list_mutex'. */
static struct ovs_mutex dummy_list_mutex = OVS_MUTEX_INITIALIZER;
static struct ovs_list dummy_list = OVS_LIST_INITIALIZER(&dummy_list);

static int netdev_dummy_construct(struct netdev *);

static bool
is_dummy_class(const struct netdev_class *class)
{
    return class->construct == netdev_dummy_construct;
}

static struct netdev_dummy *
netdev_dummy_cast(const struct netdev *netdev)
{
    ovs_assert(is_dummy_class(netdev_get_class(netdev)));
    return CONTAINER_OF(netdev, struct netdev_dummy, up);
}

static struct netdev_rxq_dummy *
netdev_rxq_dummy_cast(const struct netdev_rxq *rx)
{
    ovs_assert(is_dummy_class(netdev_get_class(rx->netdev)));
    return CONTAINER_OF(rx, struct netdev_rxq_dummy, up);
}

static struct netdev *
netdev_dummy_alloc(void)
{
    struct netdev_dummy *netdev = xzalloc(sizeof *netdev);

    return &netdev->up;
}

static int
netdev_dummy_construct(struct netdev *netdev_)
{
    static unsigned int next_n = 0xaa550000;
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);
    unsigned int n;

    ovs_mutex_lock(&dummy_list_mutex);
    n = ++next_n;
    ovs_mutex_unlock(&dummy_list_mutex);

    ovs_mutex_init(&netdev->mutex);
    netdev->hwaddr.ea[0] = 0xaa;
    netdev->hwaddr.ea[1] = 0x55;
    netdev->hwaddr.ea[2] = n >> 24;
    netdev->hwaddr.ea[3] = n >> 16;
    netdev->hwaddr.ea[4] = n >> 8;
    netdev->hwaddr.ea[5] = n;
    netdev->mtu = ETH_PAYLOAD_MAX;
    netdev->flags = NETDEV_UP;
    memset(&netdev->stats, 0xff, sizeof netdev->stats);
    netdev->stats.rx_packets = 0;
    netdev->stats.tx_packets = 0;
    netdev->stats.rx_bytes = 0;
    netdev->stats.tx_bytes = 0;
    ovs_list_init(&netdev->rxes);

    ovs_mutex_lock(&dummy_list_mutex);
    ovs_list_push_back(&dummy_list, &netdev->list_node);
    ovs_mutex_unlock(&dummy_list_mutex);
    return 0;
}

static void
netdev_dummy_close_pcaps(struct netdev_dummy *netdev)
{
    if (netdev->rxq_pcap && netdev->rxq_pcap != netdev->tx_pcap) {
        ovs_pcap_close(netdev->rxq_pcap);
    }
    if (netdev->tx_pcap) {
        ovs_pcap_close(netdev->tx_pcap);
    }
    netdev->rxq_pcap = netdev->tx_pcap = NULL;
    free(netdev->tx_pcap_name);
    free(netdev->rxq_pcap_name);
    netdev->tx_pcap_name = netdev->rxq_pcap_name = NULL;
}

static void
netdev_dummy_destruct(struct netdev *netdev_)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);

    ovs_mutex_lock(&dummy_list_mutex);
    ovs_list_remove(&netdev->list_node);
    ovs_mutex_unlock(&dummy_list_mutex);

    ovs_mutex_lock(&netdev->mutex);
    netdev_dummy_close_pcaps(netdev);
    ovs_mutex_unlock(&netdev->mutex);
    ovs_mutex_destroy(&netdev->mutex);
}

static void
netdev_dummy_dealloc(struct netdev *netdev_)
{
    free(netdev_dummy_cast(netdev_));
}

static int
netdev_dummy_get_config(const struct netdev *netdev_, struct smap *args)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);

    ovs_mutex_lock(&netdev->mutex);
    if (netdev->tx_pcap_name && netdev->rxq_pcap_name
        && !strcmp(netdev->tx_pcap_name, netdev->rxq_pcap_name)) {
        smap_add(args, "pcap", netdev->tx_pcap_name);
    } else {
        if (netdev->tx_pcap_name) {
            smap_add(args, "tx_pcap", netdev->tx_pcap_name);
        }
        if (netdev->rxq_pcap_name) {
            smap_add(args, "rxq_pcap", netdev->rxq_pcap_name);
        }
    }
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

/* Opens 'name' for writing packets and writes the file header.  Returns
 * NULL (logged) on failure. */
static struct pcap_file *
netdev_dummy_open_pcap(const char *name)
{
    struct pcap_file *file = ovs_pcap_open(name, "wb");

    if (file) {
        ovs_pcap_write_header(file, PCAP_ETHERNET);
    } else {
        VLOG_WARN("%s: could not open pcap file", name);
    }
    return file;
}

/* Returns true if 'a' and 'b' are both NULL or equal strings. */
static bool
nullable_string_is_equal(const char *a, const char *b)
{
    return a ? b && !strcmp(a, b) : !b;
}

static int
netdev_dummy_set_config(struct netdev *netdev_, const struct smap *args,
                        char **errp OVS_UNUSED)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);
    const char *pcap = smap_get(args, "pcap");
    const char *tx_pcap = pcap ? pcap : smap_get(args, "tx_pcap");
    const char *rxq_pcap = pcap ? pcap : smap_get(args, "rxq_pcap");

    ovs_mutex_lock(&netdev->mutex);
    if (!nullable_string_is_equal(tx_pcap, netdev->tx_pcap_name)
        || !nullable_string_is_equal(rxq_pcap, netdev->rxq_pcap_name)) {
        netdev_dummy_close_pcaps(netdev);
        if (tx_pcap) {
            netdev->tx_pcap = netdev_dummy_open_pcap(tx_pcap);
            netdev->tx_pcap_name = xstrdup(tx_pcap);
        }
        if (rxq_pcap) {
            if (tx_pcap && !strcmp(tx_pcap, rxq_pcap)) {
                netdev->rxq_pcap = netdev->tx_pcap;
            } else {
                netdev->rxq_pcap = netdev_dummy_open_pcap(rxq_pcap);
            }
            netdev->rxq_pcap_name = xstrdup(rxq_pcap);
        }
    }
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

static struct netdev_rxq *
netdev_dummy_rxq_alloc(void)
{
    struct netdev_rxq_dummy *rx = xzalloc(sizeof *rx);

    return &rx->up;
}

static int
netdev_dummy_rxq_construct(struct netdev_rxq *rxq_)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq_);
    struct netdev_dummy *netdev = netdev_dummy_cast(rx->up.netdev);

    ovs_mutex_lock(&netdev->mutex);
    ovs_list_push_back(&netdev->rxes, &rx->node);
    ovs_list_init(&rx->recv_queue);
    rx->recv_queue_len = 0;
    rx->seq = seq_create();
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

static void
netdev_dummy_rxq_destruct(struct netdev_rxq *rxq_)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq_);
    struct netdev_dummy *netdev = netdev_dummy_cast(rx->up.netdev);
    struct pkt_list_node *pkt;

    ovs_mutex_lock(&netdev->mutex);
    ovs_list_remove(&rx->node);
    LIST_FOR_EACH_POP (pkt, list_node, &rx->recv_queue) {
        dp_packet_delete(pkt->pkt);
        free(pkt);
    }
    seq_destroy(rx->seq);
    ovs_mutex_unlock(&netdev->mutex);
}

static void
netdev_dummy_rxq_dealloc(struct netdev_rxq *rxq_)
{
    free(netdev_rxq_dummy_cast(rxq_));
}

static int
netdev_dummy_rxq_recv(struct netdev_rxq *rxq_, struct dp_packet_batch *batch,
                      int *qfill)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq_);
    struct netdev_dummy *netdev = netdev_dummy_cast(rx->up.netdev);

    ovs_mutex_lock(&netdev->mutex);
    while (!ovs_list_is_empty(&rx->recv_queue)
           && !dp_packet_batch_is_full(batch)) {
        struct pkt_list_node *node;

        node = CONTAINER_OF(ovs_list_pop_front(&rx->recv_queue),
                            struct pkt_list_node, list_node);
        rx->recv_queue_len--;
        netdev->stats.rx_packets++;
        netdev->stats.rx_bytes += dp_packet_size(node->pkt);
        dp_packet_batch_add(batch, node->pkt);
        free(node);
    }
    if (qfill) {
        *qfill = rx->recv_queue_len;
    }
    ovs_mutex_unlock(&netdev->mutex);

    return batch->count ? 0 : EAGAIN;
}

static void
netdev_dummy_rxq_wait(struct netdev_rxq *rxq_)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq_);
    struct netdev_dummy *netdev = netdev_dummy_cast(rx->up.netdev);
    uint64_t seq = seq_read(rx->seq);

    ovs_mutex_lock(&netdev->mutex);
    if (!ovs_list_is_empty(&rx->recv_queue)) {
        poll_immediate_wake();
    } else {
        seq_wait(rx->seq, seq);
    }
    ovs_mutex_unlock(&netdev->mutex);
}

static int
netdev_dummy_rxq_drain(struct netdev_rxq *rxq_)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq_);
    struct netdev_dummy *netdev = netdev_dummy_cast(rx->up.netdev);
    struct pkt_list_node *pkt;

    ovs_mutex_lock(&netdev->mutex);
    LIST_FOR_EACH_POP (pkt, list_node, &rx->recv_queue) {
        dp_packet_delete(pkt->pkt);
        free(pkt);
    }
    rx->recv_queue_len = 0;
    ovs_mutex_unlock(&netdev->mutex);
    seq_change(rx->seq);
    return 0;
}

/* Counts and, with tx_pcap, records each packet of 'batch', then frees
 * them. */
static int
netdev_dummy_send(struct netdev *netdev_, int qid OVS_UNUSED,
                  struct dp_packet_batch *batch,
                  bool concurrent_txq OVS_UNUSED)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);
    struct dp_packet *packet;
    int error = 0;

    ovs_mutex_lock(&netdev->mutex);
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        size_t size = dp_packet_size(packet);

        if (size < ETH_HEADER_LEN) {
            error = EMSGSIZE;
            netdev->stats.tx_dropped = (netdev->stats.tx_dropped == UINT64_MAX
                                        ? 1 : netdev->stats.tx_dropped + 1);
            continue;
        }
        netdev->stats.tx_packets++;
        netdev->stats.tx_bytes += size;
        if (netdev->tx_pcap) {
            ovs_pcap_write(netdev->tx_pcap, packet);
        }
    }
    ovs_mutex_unlock(&netdev->mutex);
    dp_packet_delete_batch(batch, true);
    return error;
}

static int
netdev_dummy_set_etheraddr(struct netdev *netdev_, const struct eth_addr mac)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);

    ovs_mutex_lock(&netdev->mutex);
    if (!eth_addr_equals(netdev->hwaddr, mac)) {
        netdev->hwaddr = mac;
        netdev_change_seq_changed(netdev_);
    }
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

static int
netdev_dummy_get_etheraddr(const struct netdev *netdev_, struct eth_addr *mac)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);

    ovs_mutex_lock(&netdev->mutex);
    *mac = netdev->hwaddr;
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

static int
netdev_dummy_get_mtu(const struct netdev *netdev_, int *mtup)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);

    ovs_mutex_lock(&netdev->mutex);
    *mtup = netdev->mtu;
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

#define DUMMY_MIN_MTU 68
#define DUMMY_MAX_MTU 65535

static int
netdev_dummy_set_mtu(struct netdev *netdev_, int mtu)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);

    if (mtu < DUMMY_MIN_MTU || mtu > DUMMY_MAX_MTU) {
        return EINVAL;
    }
    ovs_mutex_lock(&netdev->mutex);
    if (netdev->mtu != mtu) {
        netdev->mtu = mtu;
        netdev_change_seq_changed(netdev_);
    }
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

static int
netdev_dummy_get_carrier(const struct netdev *netdev_, bool *carrier)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);

    ovs_mutex_lock(&netdev->mutex);
    *carrier = (netdev->flags & NETDEV_UP) != 0;
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

static int
netdev_dummy_get_stats(const struct netdev *netdev_,
                       struct netdev_stats *stats)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);

    ovs_mutex_lock(&netdev->mutex);
    *stats = netdev->stats;
    ovs_mutex_unlock(&netdev->mutex);
    return 0;
}

/* Custom statistics, as upstream's dummy devices have them: two counters
 * of received packets, and per-queue packets and bytes (one rx and one tx
 * queue here). */
static int
netdev_dummy_get_custom_stats(const struct netdev *netdev_,
                              struct netdev_custom_stats *custom)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);
    struct netdev_stats st;
    size_t i;

    ovs_mutex_lock(&netdev->mutex);
    st = netdev->stats;
    ovs_mutex_unlock(&netdev->mutex);

    const struct {
        const char *name;       /* Counter name. */
        uint64_t value;         /* Its value. */
    } counters[] = {
        { "rx_custom_packets_1", st.rx_packets },
        { "rx_custom_packets_2", st.rx_packets },
        { "rx_q0_bytes", st.rx_bytes },
        { "rx_q0_packets", st.rx_packets },
        { "tx_q0_bytes", st.tx_bytes },
        { "tx_q0_packets", st.tx_packets },
    };
    custom->size = ARRAY_SIZE(counters);
    custom->counters = xcalloc(custom->size, sizeof *custom->counters);
    for (i = 0; i < ARRAY_SIZE(counters); i++) {
        ovs_strlcpy(custom->counters[i].name, counters[i].name,
                    NETDEV_CUSTOM_STATS_NAME_SIZE);
        custom->counters[i].value = counters[i].value;
    }
    return 0;
}

static int
netdev_dummy_get_status(const struct netdev *netdev OVS_UNUSED,
                        struct smap *smap OVS_UNUSED)
{
    return 0;
}

static int
netdev_dummy_update_flags__(struct netdev_dummy *netdev,
                            enum netdev_flags off, enum netdev_flags on,
                            enum netdev_flags *old_flagsp)
{
    enum netdev_flags new_flags;

    if ((off | on) & ~(NETDEV_UP | NETDEV_PROMISC)) {
        return EINVAL;
    }
    *old_flagsp = netdev->flags;
    new_flags = (netdev->flags | on) & ~off;
    if (new_flags != netdev->flags) {
        netdev->flags = new_flags;
        netdev_change_seq_changed(&netdev->up);
    }
    return 0;
}

static int
netdev_dummy_update_flags(struct netdev *netdev_, enum netdev_flags off,
                          enum netdev_flags on, enum netdev_flags *old_flagsp)
{
    struct netdev_dummy *netdev = netdev_dummy_cast(netdev_);
    int error;

    ovs_mutex_lock(&netdev->mutex);
    error = netdev_dummy_update_flags__(netdev, off, on, old_flagsp);
    ovs_mutex_unlock(&netdev->mutex);
    return error;
}

/* The class every dummy type is a copy of. */
static const struct netdev_class dummy_class = {
    .type = "dummy",
    .is_pmd = false,
    .alloc = netdev_dummy_alloc,
    .construct = netdev_dummy_construct,
    .destruct = netdev_dummy_destruct,
    .dealloc = netdev_dummy_dealloc,
    .get_config = netdev_dummy_get_config,
    .set_config = netdev_dummy_set_config,
    .send = netdev_dummy_send,
    .set_etheraddr = netdev_dummy_set_etheraddr,
    .get_etheraddr = netdev_dummy_get_etheraddr,
    .get_mtu = netdev_dummy_get_mtu,
    .set_mtu = netdev_dummy_set_mtu,
    .get_carrier = netdev_dummy_get_carrier,
    .get_stats = netdev_dummy_get_stats,
    .get_custom_stats = netdev_dummy_get_custom_stats,
    .get_status = netdev_dummy_get_status,
    .update_flags = netdev_dummy_update_flags,
    .rxq_alloc = netdev_dummy_rxq_alloc,
    .rxq_construct = netdev_dummy_rxq_construct,
    .rxq_destruct = netdev_dummy_rxq_destruct,
    .rxq_dealloc = netdev_dummy_rxq_dealloc,
    .rxq_recv = netdev_dummy_rxq_recv,
    .rxq_wait = netdev_dummy_rxq_wait,
    .rxq_drain = netdev_dummy_rxq_drain,
};

/* Returns the dummy device named 'name' with a reference the caller must
 * release with netdev_close(), or NULL. */
static struct netdev_dummy *
netdev_dummy_find(const char *name)
{
    struct netdev_dummy *found = NULL, *dev;

    ovs_mutex_lock(&dummy_list_mutex);
    LIST_FOR_EACH (dev, list_node, &dummy_list) {
        if (!strcmp(netdev_get_name(&dev->up), name)) {
            found = dev;
            netdev_ref(&dev->up);
            break;
        }
    }
    ovs_mutex_unlock(&dummy_list_mutex);
    return found;
}

/* Queues 'packet' on rx queue 'queue_id' of 'dummy' (or, if 'queue_id' is
 * -1, on every queue: the packet is cloned), and records it with
 * rxq_pcap.  Consumes 'packet'. */
static void
netdev_dummy_queue_packet__(struct netdev_dummy *dummy,
                          struct dp_packet *packet, int queue_id)
{
    struct netdev_rxq_dummy *rx, *prev = NULL;

    ovs_mutex_lock(&dummy->mutex);
    if (dummy->rxq_pcap) {
        ovs_pcap_write(dummy->rxq_pcap, packet);
    }
    LIST_FOR_EACH (rx, node, &dummy->rxes) {
        if (queue_id >= 0 && rx->up.queue_id != queue_id) {
            continue;
        }
        if (prev && prev->recv_queue_len < NETDEV_DUMMY_MAX_QUEUE) {
            struct pkt_list_node *node = xmalloc(sizeof *node);

            node->pkt = dp_packet_clone(packet);
            ovs_list_push_back(&prev->recv_queue, &node->list_node);
            prev->recv_queue_len++;
            seq_change(prev->seq);
        }
        prev = rx;
    }
    if (prev && prev->recv_queue_len < NETDEV_DUMMY_MAX_QUEUE) {
        struct pkt_list_node *node = xmalloc(sizeof *node);

        node->pkt = packet;
        ovs_list_push_back(&prev->recv_queue, &node->list_node);
        prev->recv_queue_len++;
        seq_change(prev->seq);
    } else {
        dp_packet_delete(packet);
    }
    ovs_mutex_unlock(&dummy->mutex);
}

void
netdev_dummy_queue_packet(struct netdev *netdev, struct dp_packet *packet,
                          int queue_id)
{
    netdev_dummy_queue_packet__(netdev_dummy_cast(netdev), packet, queue_id);
}

bool
netdev_is_dummy(const struct netdev *netdev)
{
    return is_dummy_class(netdev_get_class(netdev));
}

/* Returns true if 's' is an even number of hex digits. */
static bool
is_hex_string(const char *s)
{
    size_t n = 0;

    for (; *s; s++, n++) {
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')
              || (*s >= 'A' && *s <= 'F'))) {
            return false;
        }
    }
    return n && !(n % 2);
}

/* Pads 'packet', composed from 'flow', with zeros to 'size' bytes and
 * fixes up the IP length and the checksums.  The UDP length comes out as
 * the L4 size plus the padding again, exactly as upstream's
 * netdev-dummy/receive --len writes it. */
static void
packet_expand(struct dp_packet *packet, const struct flow *flow, size_t size)
{
    size_t pad = size - dp_packet_size(packet);
    uint8_t proto = flow->nw_proto;
    void *l4;

    if (!pad) {
        return;
    }
    dp_packet_put_zeros(packet, pad);
    l4 = dp_packet_l4(packet);
    if (flow->dl_type == htons(ETH_TYPE_IP) && l4) {
        struct ip_header *ip = dp_packet_l3(packet);
        size_t l4_size = dp_packet_l4_size(packet);
        uint32_t pseudo;

        ip->ip_tot_len = htons(ntohs(ip->ip_tot_len) + pad);
        ip->ip_csum = 0;
        ip->ip_csum = csum(ip, IP_IHL(ip->ip_ihl_ver) * 4);
        pseudo = packet_csum_pseudoheader(ip);
        if (proto == IPPROTO_UDP && l4_size >= UDP_HEADER_LEN) {
            struct udp_header *udp = l4;

            udp->udp_len = htons(l4_size + pad);
            udp->udp_csum = 0;
            udp->udp_csum = csum_finish(csum_continue(pseudo, udp, l4_size));
            if (!udp->udp_csum) {
                udp->udp_csum = htons(0xffff);
            }
        } else if (proto == IPPROTO_TCP && l4_size >= TCP_HEADER_LEN) {
            struct tcp_header *tcp = l4;

            tcp->tcp_csum = 0;
            tcp->tcp_csum = csum_finish(csum_continue(pseudo, tcp, l4_size));
        } else if (proto == IPPROTO_ICMP && l4_size >= ICMP_HEADER_LEN) {
            struct icmp_header *icmp = l4;

            icmp->icmp_csum = 0;
            icmp->icmp_csum = csum(icmp, l4_size);
        }
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6) && l4) {
        struct ovs_16aligned_ip6_hdr *ip6 = dp_packet_l3(packet);
        size_t l4_size = dp_packet_l4_size(packet);

        ip6->ip6_plen = htons(ntohs(ip6->ip6_plen) + pad);
        if (proto == IPPROTO_UDP && l4_size >= UDP_HEADER_LEN) {
            struct udp_header *udp = l4;

            udp->udp_len = htons(l4_size + pad);
            udp->udp_csum = 0;
            udp->udp_csum = packet_csum_upperlayer6(ip6, udp, proto, l4_size);
        } else if (proto == IPPROTO_TCP && l4_size >= TCP_HEADER_LEN) {
            struct tcp_header *tcp = l4;

            tcp->tcp_csum = 0;
            tcp->tcp_csum = packet_csum_upperlayer6(ip6, tcp, proto, l4_size);
        } else if (proto == IPPROTO_ICMPV6 && l4_size >= 4) {
            struct icmp6_header *icmp6 = l4;

            icmp6->icmp6_cksum = 0;
            icmp6->icmp6_cksum = packet_csum_upperlayer6(ip6, icmp6, proto,
                                                         l4_size);
        }
    }
}

/* Builds a packet from 's': hex bytes (at least an Ethernet header), or a
 * datapath flow composed into a packet of 'packet_size' bytes (the
 * smallest that holds the headers if 0).  Returns the packet, or NULL and
 * a message in '*errorp' (caller frees). */
static struct dp_packet *
eth_from_packet_or_flow(const char *s, size_t packet_size, char **errorp)
{
    struct dp_packet *packet;

    *errorp = NULL;
    if (is_hex_string(s)) {
        size_t n = strlen(s) / 2;

        if (n >= ETH_HEADER_LEN) {
            packet = dp_packet_new(n);
            if (!dp_packet_put_hex(packet, s, NULL)[0]) {
                if (packet_size && packet_size != dp_packet_size(packet)) {
                    dp_packet_delete(packet);
                    *errorp = xstrdup("packet size does not match --len");
                    return NULL;
                }
                return packet;
            }
            dp_packet_delete(packet);
        }
    }

    struct ofpbuf key;
    struct flow flow;
    char *error = NULL;

    ofpbuf_init(&key, 0);
    if (odp_flow_from_string(s, NULL, &key, NULL, &error)
        || odp_flow_key_to_flow(key.data, key.size, &flow, NULL)
           == ODP_FIT_ERROR) {
        free(error);
        ofpbuf_uninit(&key);
        *errorp = xasprintf("syntax error at %s", s);
        return NULL;
    }
    ofpbuf_uninit(&key);

    packet = dp_packet_new(0);
    if (packet_size) {
        if (packet_size < ETH_TOTAL_MIN) {
            dp_packet_delete(packet);
            *errorp = xstrdup("too small packet len");
            return NULL;
        }
        flow_compose(packet, &flow, NULL, 0);
        if (dp_packet_size(packet) > packet_size) {
            dp_packet_delete(packet);
            *errorp = xstrdup("too small packet len");
            return NULL;
        }
        packet_expand(packet, &flow, packet_size);
    } else if (is_ip_any(&flow)) {
        /* Like upstream: IP packets get 64 bytes of payload 0, 1, 2... */
        uint8_t l7[64];

        for (size_t i = 0; i < sizeof l7; i++) {
            l7[i] = i;
        }
        flow_compose(packet, &flow, l7, sizeof l7);
    } else {
        flow_compose(packet, &flow, NULL, 0);
    }
    return packet;
}

/* netdev-dummy/receive NAME [--qid N] PACKET|FLOW [--len N]... */
static void
netdev_dummy_receive(struct unixctl_conn *conn, int argc, const char *argv[],
                     void *aux OVS_UNUSED)
{
    struct netdev_dummy *dummy = netdev_dummy_find(argv[1]);
    int queue_id = -1;
    int i, k = 2;

    if (!dummy) {
        unixctl_command_reply_error(conn, "no such dummy netdev");
        return;
    }

    if (argc > k + 1 && !strcmp(argv[k], "--qid")) {
        int n_rxq = netdev_n_rxq(&dummy->up);

        queue_id = atoi(argv[k + 1]);
        if (queue_id < 0 || queue_id >= n_rxq) {
            unixctl_command_reply_error(conn, "bad rx queue id.");
            goto exit;
        }
        k += 2;
    }

    for (i = k; i < argc; i++) {
        size_t packet_size = 0;
        struct dp_packet *packet;
        char *error;

        if (i + 2 < argc && !strcmp(argv[i + 1], "--len")) {
            packet_size = strtoul(argv[i + 2], NULL, 10);
        }
        packet = eth_from_packet_or_flow(argv[i], packet_size, &error);
        if (!packet) {
            unixctl_command_reply_error(conn, error);
            free(error);
            goto exit;
        }
        netdev_dummy_queue_packet__(dummy, packet, queue_id);
        if (packet_size) {
            i += 2;
        }
    }
    unixctl_command_reply(conn, NULL);

exit:
    netdev_close(&dummy->up);
}

static void
netdev_dummy_set_admin_state__(struct netdev_dummy *dev, bool admin_state)
{
    enum netdev_flags old_flags;

    ovs_mutex_lock(&dev->mutex);
    if (admin_state) {
        netdev_dummy_update_flags__(dev, 0, NETDEV_UP, &old_flags);
    } else {
        netdev_dummy_update_flags__(dev, NETDEV_UP, 0, &old_flags);
    }
    ovs_mutex_unlock(&dev->mutex);
}

/* netdev-dummy/set-admin-state [NAME] up|down */
static void
netdev_dummy_set_admin_state(struct unixctl_conn *conn, int argc,
                             const char *argv[], void *aux OVS_UNUSED)
{
    bool up;

    if (!strcasecmp(argv[argc - 1], "up")) {
        up = true;
    } else if (!strcasecmp(argv[argc - 1], "down")) {
        up = false;
    } else {
        unixctl_command_reply_error(conn, "Invalid Admin State");
        return;
    }

    if (argc > 2) {
        struct netdev_dummy *dummy = netdev_dummy_find(argv[1]);

        if (!dummy) {
            unixctl_command_reply_error(conn, "Unknown Dummy Interface");
            return;
        }
        netdev_dummy_set_admin_state__(dummy, up);
        netdev_close(&dummy->up);
    } else {
        struct netdev_dummy *dev;

        ovs_mutex_lock(&dummy_list_mutex);
        LIST_FOR_EACH (dev, list_node, &dummy_list) {
            netdev_dummy_set_admin_state__(dev, up);
        }
        ovs_mutex_unlock(&dummy_list_mutex);
    }
    unixctl_command_reply(conn, "OK");
}

/* netdev-dummy/conn-state [NAME]: the state of a device's stream
 * connection.  Streams are not supported, so a named device's state is
 * "unknown" and the list of connected devices is empty. */
static void
netdev_dummy_conn_state(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *aux OVS_UNUSED)
{
    if (argc > 1) {
        char *reply = xasprintf("%s: unknown", argv[1]);

        unixctl_command_reply(conn, reply);
        free(reply);
    } else {
        unixctl_command_reply(conn, "");
    }
}

/* Registers 'class' as a copy of the dummy class with type 'type'. */
static void
netdev_dummy_register_type(const char *type)
{
    struct netdev_class *class = xmalloc(sizeof *class);

    *class = dummy_class;
    class->type = xstrdup(type);
    netdev_register_provider(class);
}

/* Registers the dummy classes and the netdev-dummy commands; with
 * 'override', also replaces "system", "internal" and "tap". */
void
netdev_dummy_register(bool override)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;

    if (!ovsthread_once_start(&once)) {
        return;
    }

    unixctl_command_register("netdev-dummy/receive",
                             "name [--qid queue_id] packet|flow "
                             "[--len packet_len]",
                             2, INT_MAX, netdev_dummy_receive, NULL);
    unixctl_command_register("netdev-dummy/set-admin-state",
                             "[netdev] up|down", 1, 2,
                             netdev_dummy_set_admin_state, NULL);
    unixctl_command_register("netdev-dummy/conn-state", "[netdev]", 0, 1,
                             netdev_dummy_conn_state, NULL);

    if (override) {
        static const char *const types[] = { "system", "internal", "tap" };

        for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
            struct sset all = SSET_INITIALIZER(&all);

            netdev_enumerate_types(&all);
            if (sset_contains(&all, types[i])) {
                netdev_unregister_provider(types[i]);
            }
            sset_destroy(&all);
            netdev_dummy_register_type(types[i]);
        }
    }
    netdev_register_provider(&dummy_class);
    netdev_dummy_register_type("dummy-internal");
    ovsthread_once_done(&once);
}
