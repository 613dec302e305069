/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Linux network devices for the userspace datapath.
 *
 *   "system"    an existing Linux interface.  Received through an
 *               AF_PACKET socket with a PACKET_MMAP receive ring, sent
 *               through a second AF_PACKET socket with sendmmsg().
 *   "tap"       a tap device named after the port, created through
 *               /dev/net/tun (the userspace datapath's local port and
 *               internal interfaces, and plain taps).
 *   "internal"  a kernel datapath's internal device, made by the kernel:
 *               attributes only (see netdev_internal_class).
 *
 * Both carry offloads: the sockets and the tap use virtio-net headers, so
 * that a TCP segment of up to 64 kB (GSO) and a packet whose checksum the
 * sender left for the hardware (partial checksum) pass through the
 * datapath as one packet, described by the dp_packet's 'vnet'.
 *
 * Attributes (MTU, Ethernet address, flags, carrier, statistics) come from
 * rtnetlink.  The main thread keeps a cached copy of each device's
 * attributes, updated from link notifications in netdev_linux_run(), and
 * bumps the device's change sequence number when any of them changes or
 * when the device disappears. */

#include <config.h>
#include "rtnetlink.h"

#include <errno.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/virtio_net.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "coverage.h"
#include "dp-packet.h"
#include "netdev-linux.h"
#include "netdev-provider.h"
#include "openvswitch/list.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "poll-loop.h"
#include "smap.h"

VLOG_DEFINE_THIS_MODULE(netdev_linux);

COVERAGE_DEFINE(netdev_linux_rx_copy);
COVERAGE_DEFINE(netdev_linux_rx_truncated);
COVERAGE_DEFINE(netdev_linux_tx_resolved);
COVERAGE_DEFINE(netdev_linux_tx_dropped);
COVERAGE_DEFINE(netdev_linux_changed);

/* Bytes reserved in front of each received frame, so that pushing a VLAN
 * tag or a tunnel header later does not move the packet. */
#define NETDEV_LINUX_HEADROOM 128

/* Largest frame we receive: a 64 kB GSO packet plus its Ethernet and VLAN
 * headers. */
#define NETDEV_LINUX_MAX_FRAME (65536 + ETH_HLEN + 4)

/* Size of an 802.1Q tag. */
#define NETDEV_LINUX_VLAN_HLEN 4

#ifndef PACKET_FANOUT_FLAG_IGNORE_OUTGOING
#define PACKET_FANOUT_FLAG_IGNORE_OUTGOING 0x4000
#endif

/* Most receive queues of a "system" device (one per CPU, see
 * netdev_linux_n_cpus()). */
#define NETDEV_LINUX_MAX_RXQ 64

/* Receive ring geometry (see netdev_linux_rxq_construct_sock()). */
#define NETDEV_LINUX_RING_BLOCK_SIZE (64 * 1024)
#define NETDEV_LINUX_RING_BLOCKS 32

/* A Linux network device of any of the three classes. */
struct netdev_linux {
    struct netdev up;               /* Generic part (netdev.c's). */
    struct ovs_list list_node;      /* In 'netdev_linux_devices'. */

    /* Set by construct(), constant afterwards. */
    bool is_tap;                    /* "tap" (or a userspace datapath's
                                     * "internal"); else "system". */
    bool is_internal;               /* "internal": a kernel datapath's
                                     * internal device, which the kernel
                                     * creates; attached by name, whenever
                                     * it exists. */
    int ifindex;                    /* Kernel interface index. */
    int tx_fd;                      /* "system": AF_PACKET socket used for
                                     * sending; "tap": the /dev/net/tun fd
                                     * (used for both directions). */
    bool created;                   /* "tap": true if opening created the
                                     * device (it goes away on close). */

    /* Cached attributes, kept current from link notifications.  Guarded
     * by 'netdev_linux_mutex'. */
    unsigned int ifi_flags;         /* IFF_* flags. */
    int mtu;                        /* MTU. */
    struct eth_addr mac;            /* Ethernet address. */
    bool carrier;                   /* Operationally up. */
    long long int carrier_resets;   /* Times 'carrier' went false. */
    struct ovs_list rxqs;           /* "system": open netdev_rxq_linux
                                     * structures, for their drop
                                     * counters. */

    /* Read without a lock by the forwarding threads (atomic builtins). */
    bool removed;                   /* Device deleted from under us. */
    unsigned int err_gen;           /* Bumped when the link goes down or
                                     * disappears (see rxq_recv()). */
    uint64_t rx_dropped;            /* Frames we had to drop on receive. */
    uint64_t tx_dropped;            /* Frames we had to drop on send. */

    /* "system": the PACKET_FANOUT group of the receive queues' sockets
     * (see netdev_linux_rxq_join_fanout()), or -1 before queue 0 made one.
     * Used only by the thread that opens the queues. */
    int fanout_id;
};

/* A receive queue. */
struct netdev_rxq_linux {
    struct netdev_rxq up;           /* Generic part. */
    bool is_tap;                    /* Reads the tap fd, else the ring. */
    int fd;                         /* AF_PACKET socket (owned), or the
                                     * device's tap fd (not owned). */

    /* "system": the TPACKET_V2 receive ring. */
    struct ovs_list node;           /* In the device's 'rxqs' (guarded by
                                     * 'netdev_linux_mutex'). */
    uint8_t *ring;                  /* mmap()ed ring, NULL for a tap. */
    size_t ring_size;               /* Bytes mapped. */
    unsigned int frame_size;        /* Bytes per frame. */
    unsigned int frame_nr;          /* Frames in the ring. */
    unsigned int head;              /* Next frame to look at. */
    unsigned int n_empty;           /* Consecutive empty rxq_recv()s. */
    unsigned int err_gen;           /* Device's 'err_gen' last handled. */

    /* "tap": where a frame longer than expected overflows. */
    uint8_t *aux_buf;               /* NETDEV_LINUX_MAX_FRAME bytes. */
    struct dp_packet *spare;        /* Unused packet from the last read
                                     * that found nothing, or NULL. */
};

/* Protects 'netdev_linux_devices' and every device's cached attributes. */
static struct ovs_mutex netdev_linux_mutex = OVS_MUTEX_INITIALIZER;

/* Every open struct netdev_linux. */
static struct ovs_list netdev_linux_devices
    OVS_GUARDED_BY(netdev_linux_mutex)
    = OVS_LIST_INITIALIZER(&netdev_linux_devices);

/* Link notifications (main thread). */
static struct rtnetlink_notifier *netdev_linux_notifier;

static void netdev_linux_link_changed(const struct rtnetlink_change *,
                                      void *aux);
static void netdev_linux_internal_attached(struct netdev_linux *,
                                           const struct rtnetlink_link *);

static bool
is_netdev_linux_class(const struct netdev_class *class)
{
    return (class == &netdev_linux_class
            || class == &netdev_internal_class
            || class == &netdev_tap_class);
}

static struct netdev_linux *
netdev_linux_cast(const struct netdev *netdev)
{
    ovs_assert(is_netdev_linux_class(netdev->netdev_class));
    return CONTAINER_OF(netdev, struct netdev_linux, up);
}

static struct netdev_rxq_linux *
netdev_rxq_linux_cast(const struct netdev_rxq *rxq)
{
    ovs_assert(is_netdev_linux_class(rxq->netdev->netdev_class));
    return CONTAINER_OF(rxq, struct netdev_rxq_linux, up);
}

static bool
netdev_linux_is_removed(const struct netdev_linux *dev)
{
    return __atomic_load_n(&dev->removed, __ATOMIC_ACQUIRE);
}

static void
netdev_linux_count(uint64_t *counter, uint64_t n)
{
    __atomic_add_fetch(counter, n, __ATOMIC_RELAXED);
}

/* Run and wait: link notifications. */

static void
netdev_linux_run(const struct netdev_class *class OVS_UNUSED)
{
    rtnetlink_run();
}

static void
netdev_linux_wait(const struct netdev_class *class OVS_UNUSED)
{
    rtnetlink_wait();
}

/* Stores 'link' as 'dev''s cached attributes.  Returns true if anything a
 * change-sequence user cares about changed. */
static bool
netdev_linux_update_cache(struct netdev_linux *dev,
                          const struct rtnetlink_link *link)
    OVS_REQUIRES(netdev_linux_mutex)
{
    bool changed = false;

    if (dev->ifi_flags != link->flags) {
        if ((dev->ifi_flags & IFF_UP) && !(link->flags & IFF_UP)) {
            __atomic_add_fetch(&dev->err_gen, 1, __ATOMIC_RELEASE);
        }
        dev->ifi_flags = link->flags;
        changed = true;
    }
    if (link->mtu && dev->mtu != link->mtu) {
        dev->mtu = link->mtu;
        changed = true;
    }
    if (link->has_mac && memcmp(dev->mac.ea, link->mac.ea, ETH_ALEN)) {
        dev->mac = link->mac;
        changed = true;
    }
    if (dev->carrier != link->carrier) {
        if (dev->carrier) {
            dev->carrier_resets++;
            __atomic_add_fetch(&dev->err_gen, 1, __ATOMIC_RELEASE);
        }
        dev->carrier = link->carrier;
        changed = true;
    }
    return changed;
}

/* Marks 'dev' as deleted from under the switch. */
static void
netdev_linux_mark_removed(struct netdev_linux *dev)
    OVS_REQUIRES(netdev_linux_mutex)
{
    if (!netdev_linux_is_removed(dev)) {
        VLOG_INFO("%s: device removed", dev->up.name);
        __atomic_store_n(&dev->removed, true, __ATOMIC_RELEASE);
        __atomic_add_fetch(&dev->err_gen, 1, __ATOMIC_RELEASE);
        if (dev->carrier) {
            dev->carrier_resets++;
        }
        dev->carrier = false;
        dev->ifi_flags &= ~(IFF_UP | IFF_RUNNING);
        COVERAGE_INC(netdev_linux_changed);
        netdev_change_seq_changed(&dev->up);
    }
}

/* Re-reads the attributes of every device, after notifications were lost.
 */
static void
netdev_linux_refresh_all(void)
    OVS_REQUIRES(netdev_linux_mutex)
{
    struct netdev_linux *dev;

    LIST_FOR_EACH (dev, list_node, &netdev_linux_devices) {
        struct rtnetlink_link link;
        int error;

        if (netdev_linux_is_removed(dev)) {
            continue;
        }
        error = rtnetlink_get_link(NULL, dev->ifindex, &link);
        if (error == ENODEV) {
            netdev_linux_mark_removed(dev);
        } else if (!error && netdev_linux_update_cache(dev, &link)) {
            COVERAGE_INC(netdev_linux_changed);
            netdev_change_seq_changed(&dev->up);
        }
    }
}

/* rtnetlink notifier: applies 'change' (NULL if notifications were lost)
 * to the devices it concerns. */
static void
netdev_linux_link_changed(const struct rtnetlink_change *change,
                          void *aux OVS_UNUSED)
{
    struct netdev_linux *dev;

    ovs_mutex_lock(&netdev_linux_mutex);
    if (!change) {
        netdev_linux_refresh_all();
        ovs_mutex_unlock(&netdev_linux_mutex);
        return;
    }
    LIST_FOR_EACH (dev, list_node, &netdev_linux_devices) {
        if (dev->is_internal && netdev_linux_is_removed(dev)
            && change->nlmsg_type == RTM_NEWLINK
            && !strcmp(change->link.name, dev->up.name)) {
            netdev_linux_internal_attached(dev, &change->link);
            continue;
        }
        if (dev->ifindex != change->link.ifindex
            || netdev_linux_is_removed(dev)) {
            continue;
        }
        if (change->nlmsg_type == RTM_DELLINK) {
            netdev_linux_mark_removed(dev);
        } else if (netdev_linux_update_cache(dev, &change->link)) {
            COVERAGE_INC(netdev_linux_changed);
            netdev_change_seq_changed(&dev->up);
        }
    }
    ovs_mutex_unlock(&netdev_linux_mutex);
}

/* Devices. */

static struct netdev *
netdev_linux_alloc(void)
{
    struct netdev_linux *dev = xzalloc(sizeof *dev);

    dev->tx_fd = -1;
    ovs_list_init(&dev->rxqs);
    return &dev->up;
}

static void
netdev_linux_dealloc(struct netdev *netdev)
{
    free(netdev_linux_cast(netdev));
}

/* Common end of construct(): reads the attributes of 'dev', which must
 * exist now, and adds it to the list of devices.  Returns 0 or an errno. */
static int
netdev_linux_construct_common(struct netdev_linux *dev)
{
    struct rtnetlink_link link;
    int error;

    /* Subscribe before reading, so that no change goes unnoticed. */
    if (!netdev_linux_notifier) {
        netdev_linux_notifier
            = rtnetlink_notifier_create(netdev_linux_link_changed, NULL);
    }

    error = rtnetlink_get_link(dev->up.name, 0, &link);
    if (error) {
        return error;
    }
    dev->ifindex = link.ifindex;
    dev->ifi_flags = link.flags;
    dev->mtu = link.mtu;
    dev->mac = link.mac;
    dev->carrier = link.carrier;
    dev->up.n_rxq = 1;
    dev->up.n_txq = 1;

    ovs_mutex_lock(&netdev_linux_mutex);
    ovs_list_push_back(&netdev_linux_devices, &dev->list_node);
    ovs_mutex_unlock(&netdev_linux_mutex);
    return 0;
}

/* Opens the AF_PACKET socket that "system" device 'dev' sends on.
 *
 * Sending uses sendmmsg() rather than a PACKET_TX_RING: a TX ring has
 * fixed-size frames, so taking 64 kB GSO packets would need 64 kB frames
 * (megabytes per device, mostly unused by ordinary frames), and the kernel
 * copies out of the ring into an skb anyway on most devices.  sendmmsg()
 * sends a whole batch in one system call, takes any size, and is safe to
 * call from several threads on the same socket, so send() needs no lock.
 */
static int
netdev_linux_open_tx_sock(struct netdev_linux *dev)
{
    struct sockaddr_ll sll;
    int one = 1;
    int sndbuf = 4 * 1024 * 1024;
    int fd;

    fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        int error = errno;

        VLOG_WARN("%s: could not create AF_PACKET socket (%s)",
                  dev->up.name, ovs_strerror(error));
        return error;
    }
    if (setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof one)) {
        int error = errno;

        VLOG_WARN("%s: PACKET_VNET_HDR failed (%s)",
                  dev->up.name, ovs_strerror(error));
        close(fd);
        return error;
    }
    /* A batch of GSO packets is a few megabytes. */
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof sndbuf)) {
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    }

    /* Protocol 0: this socket receives nothing.  The kernel takes each
     * frame's protocol from its Ethernet header. */
    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_ifindex = dev->ifindex;
    sll.sll_protocol = 0;
    if (bind(fd, (struct sockaddr *) &sll, sizeof sll)) {
        int error = errno;

        VLOG_WARN("%s: could not bind AF_PACKET socket (%s)",
                  dev->up.name, ovs_strerror(error));
        close(fd);
        return error;
    }
    dev->tx_fd = fd;
    return 0;
}

/* construct() for "system": 'netdev' must name an existing interface. */
static int
netdev_linux_construct(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct rtnetlink_link link;
    int error;

    error = rtnetlink_get_link(netdev->name, 0, &link);
    if (error) {
        if (error != ENODEV) {
            VLOG_WARN("%s: could not read link (%s)", netdev->name,
                      ovs_strerror(error));
        }
        return error;
    }
    dev->ifindex = link.ifindex;
    dev->fanout_id = -1;
    error = netdev_linux_open_tx_sock(dev);
    if (error) {
        return error;
    }
    error = netdev_linux_construct_common(dev);
    if (error) {
        close(dev->tx_fd);
        dev->tx_fd = -1;
    } else {
        dev->up.n_rxq = netdev_linux_n_cpus();
    }
    return error;
}

/* construct() for "internal" and "tap": attaches to the tap device named
 * after 'netdev', creating it if needed.  The device stays down until
 * someone sets it up (as upstream does for the netdev datapath's internal
 * ports). */
static int
netdev_linux_construct_tap(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    unsigned int offloads;
    struct ifreq ifr;
    int hdr_size = sizeof(struct virtio_net_hdr);
    int error;
    int fd;

    if (strlen(netdev->name) >= IFNAMSIZ || !netdev->name[0]) {
        return EINVAL;
    }
    dev->is_tap = true;
    dev->created = !if_nametoindex(netdev->name);

    fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        error = errno;
        VLOG_WARN("%s: opening /dev/net/tun failed (%s)", netdev->name,
                  ovs_strerror(error));
        return error;
    }

    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
    strncpy(ifr.ifr_name, netdev->name, sizeof ifr.ifr_name - 1);
    if (ioctl(fd, TUNSETIFF, &ifr)) {
        error = errno;
        VLOG_WARN("%s: creating tap device failed (%s)", netdev->name,
                  ovs_strerror(error));
        goto error;
    }
    if (ioctl(fd, TUNSETVNETHDRSZ, &hdr_size)) {
        error = errno;
        VLOG_WARN("%s: TUNSETVNETHDRSZ failed (%s)", netdev->name,
                  ovs_strerror(error));
        goto error;
    }

    /* Let the kernel hand us unchecksummed packets and TCP segments of up
     * to 64 kB, which we pass on as they are. */
    offloads = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
    if (ioctl(fd, TUNSETOFFLOAD, offloads)) {
        VLOG_INFO("%s: TUNSETOFFLOAD failed (%s), receiving without "
                  "offloads", netdev->name, ovs_strerror(errno));
    }

    dev->tx_fd = fd;
    error = netdev_linux_construct_common(dev);
    if (error) {
        goto error;
    }
    return 0;

error:
    close(fd);
    dev->tx_fd = -1;
    return error;
}

static void
netdev_linux_destruct(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);

    ovs_mutex_lock(&netdev_linux_mutex);
    ovs_list_remove(&dev->list_node);
    ovs_mutex_unlock(&netdev_linux_mutex);

    /* Closing a tap's fd deletes the device unless it is persistent, that
     * is, unless someone else created it. */
    if (dev->tx_fd >= 0) {
        close(dev->tx_fd);
    }
}

/* Sending. */

/* Sends 'n' of 'packets' through the sockets or tap of 'dev', stopping at
 * the first packet that fails.  Returns the number sent (which may be 0),
 * storing the error for the first unsent packet in '*errorp'. */
static int
netdev_linux_send_some(struct netdev_linux *dev, struct dp_packet **packets,
                       int n, int *errorp)
{
    struct iovec iov[NETDEV_MAX_BURST][2];
    struct virtio_net_hdr vnet[NETDEV_MAX_BURST];

    n = MIN(n, NETDEV_MAX_BURST);
    for (int i = 0; i < n; i++) {
        vnet[i] = packets[i]->vnet;
        /* "Checksum known good" means nothing on output. */
        vnet[i].flags &= ~VIRTIO_NET_HDR_F_DATA_VALID;
        iov[i][0].iov_base = &vnet[i];
        iov[i][0].iov_len = sizeof vnet[i];
        iov[i][1].iov_base = dp_packet_data(packets[i]);
        iov[i][1].iov_len = dp_packet_size(packets[i]);
    }

    *errorp = 0;
    if (!dev->is_tap) {
        struct mmsghdr mmsg[NETDEV_MAX_BURST];
        int retval;

        memset(mmsg, 0, n * sizeof mmsg[0]);
        for (int i = 0; i < n; i++) {
            mmsg[i].msg_hdr.msg_iov = iov[i];
            mmsg[i].msg_hdr.msg_iovlen = 2;
        }
        do {
            retval = sendmmsg(dev->tx_fd, mmsg, n, MSG_DONTWAIT);
        } while (retval < 0 && errno == EINTR);
        if (retval < 0) {
            *errorp = errno;
            return 0;
        }
        return retval;
    } else {
        /* A tap takes one frame per write. */
        for (int i = 0; i < n; i++) {
            ssize_t retval;

            do {
                retval = writev(dev->tx_fd, iov[i], 2);
            } while (retval < 0 && errno == EINTR);
            if (retval < 0) {
                *errorp = errno;
                return i;
            }
        }
        return n;
    }
}

/* Returns true if 'error' from sending means that no packet can go out now
 * (so that trying the rest of a batch is pointless). */
static bool
netdev_linux_send_error_is_fatal(int error)
{
    return (error == EAGAIN || error == ENOBUFS || error == ENETDOWN
            || error == ENXIO || error == ENODEV || error == EIO
            || error == EBADFD);
}

/* Sends and frees every packet of 'batch' on 'dev'.  Packets with offloads
 * go out with their virtio-net header; one that the kernel refuses is
 * resolved in software (segmented, checksummed) and its pieces sent
 * instead.  Returns 0 or the first errno. */
static int
netdev_linux_send(struct netdev *netdev, int qid OVS_UNUSED,
                  struct dp_packet_batch *batch,
                  bool concurrent_txq OVS_UNUSED)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct dp_packet **packets = batch->packets;
    int n = batch->count;
    int first_error = 0;
    int i = 0;

    if (netdev_linux_is_removed(dev)) {
        netdev_linux_count(&dev->tx_dropped, n);
        first_error = ENODEV;
        goto out;
    }

    while (i < n) {
        int error;

        i += netdev_linux_send_some(dev, &packets[i], n - i, &error);
        if (!error || i >= n) {
            continue;
        }

        if (netdev_linux_send_error_is_fatal(error)) {
            netdev_linux_count(&dev->tx_dropped, n - i);
            COVERAGE_ADD(netdev_linux_tx_dropped, n - i);
            first_error = first_error ? first_error : error;
            if (error != EAGAIN && error != ENOBUFS) {
                static struct vlog_rate_limit rl
                    = VLOG_RATE_LIMIT_INIT(5, 20);
                VLOG_DBG_RL(&rl, "%s: send failed (%s)", netdev->name,
                            ovs_strerror(error));
            }
            break;
        }

        if (error == EINVAL && dp_packet_has_offloads(packets[i])) {
            /* The kernel would not take this packet's offloads: send it
             * resolved instead. */
            struct dp_packet_batch segs;
            int retval;

            COVERAGE_INC(netdev_linux_tx_resolved);
            dp_packet_batch_init(&segs);
            retval = dp_packet_resolve_offloads(packets[i], &segs);
            packets[i] = NULL;
            if (retval) {
                first_error = first_error ? first_error : retval;
            }
            if (!dp_packet_batch_is_empty(&segs)) {
                bool has_offloads = false;
                struct dp_packet *seg;

                DP_PACKET_BATCH_FOR_EACH (j, seg, &segs) {
                    has_offloads |= dp_packet_has_offloads(seg);
                }
                if (has_offloads) {
                    /* Should not happen; avoid recursing forever. */
                    dp_packet_delete_batch(&segs, true);
                    netdev_linux_count(&dev->tx_dropped, 1);
                } else {
                    retval = netdev_linux_send(netdev, 0, &segs, true);
                    first_error = first_error ? first_error : retval;
                }
            }
        } else {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

            VLOG_WARN_RL(&rl, "%s: dropping %"PRIu32"-byte packet (%s)",
                         netdev->name, dp_packet_size(packets[i]),
                         ovs_strerror(error));
            netdev_linux_count(&dev->tx_dropped, 1);
            COVERAGE_INC(netdev_linux_tx_dropped);
            first_error = first_error ? first_error : error;
        }
        i++;
    }

out:
    for (int j = 0; j < n; j++) {
        if (packets[j]) {
            dp_packet_delete(packets[j]);
        }
    }
    dp_packet_batch_init(batch);
    return first_error;
}

static void
netdev_linux_send_wait(struct netdev *netdev, int qid OVS_UNUSED)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);

    if (dev->tx_fd >= 0 && !netdev_linux_is_removed(dev)) {
        poll_fd_wait(dev->tx_fd, POLLOUT);
    }
}

/* Attributes. */

static int
netdev_linux_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error = 0;

    ovs_mutex_lock(&netdev_linux_mutex);
    if (netdev_linux_is_removed(dev)) {
        error = ENODEV;
    } else {
        *mac = dev->mac;
    }
    ovs_mutex_unlock(&netdev_linux_mutex);
    return error;
}

static int
netdev_linux_set_etheraddr(struct netdev *netdev, const struct eth_addr mac)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error;

    if (netdev_linux_is_removed(dev)) {
        return ENODEV;
    }
    error = rtnetlink_set_etheraddr(dev->ifindex, mac);
    if (error) {
        VLOG_WARN("%s: setting Ethernet address failed (%s)", netdev->name,
                  ovs_strerror(error));
        return error;
    }
    ovs_mutex_lock(&netdev_linux_mutex);
    if (memcmp(dev->mac.ea, mac.ea, ETH_ALEN)) {
        dev->mac = mac;
        netdev_change_seq_changed(netdev);
    }
    ovs_mutex_unlock(&netdev_linux_mutex);
    return 0;
}

static int
netdev_linux_get_mtu(const struct netdev *netdev, int *mtup)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error = 0;

    ovs_mutex_lock(&netdev_linux_mutex);
    if (netdev_linux_is_removed(dev)) {
        error = ENODEV;
    } else {
        *mtup = dev->mtu;
    }
    ovs_mutex_unlock(&netdev_linux_mutex);
    return error;
}

static int
netdev_linux_set_mtu(struct netdev *netdev, int mtu)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    int error;

    if (netdev_linux_is_removed(dev)) {
        return ENODEV;
    }
    error = rtnetlink_set_mtu(dev->ifindex, mtu);
    if (error) {
        /* netdev.c logs the failure. */
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

        VLOG_DBG_RL(&rl, "%s: setting MTU to %d failed (%s)", netdev->name,
                    mtu, ovs_strerror(error));
        return error;
    }
    ovs_mutex_lock(&netdev_linux_mutex);
    if (dev->mtu != mtu) {
        dev->mtu = mtu;
        netdev_change_seq_changed(netdev);
    }
    ovs_mutex_unlock(&netdev_linux_mutex);
    return 0;
}

static int
netdev_linux_get_ifindex(const struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);

    return netdev_linux_is_removed(dev) ? -ENODEV : dev->ifindex;
}

static int
netdev_linux_get_carrier(const struct netdev *netdev, bool *carrier)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);

    ovs_mutex_lock(&netdev_linux_mutex);
    *carrier = dev->carrier && !netdev_linux_is_removed(dev);
    ovs_mutex_unlock(&netdev_linux_mutex);
    return 0;
}

static long long int
netdev_linux_get_carrier_resets(const struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    long long int resets;

    ovs_mutex_lock(&netdev_linux_mutex);
    resets = dev->carrier_resets;
    ovs_mutex_unlock(&netdev_linux_mutex);
    return resets;
}

/* Adds the frames that the kernel dropped because 'dev''s receive rings
 * were full to its 'rx_dropped' (reading a socket's counters resets
 * them). */
static void
netdev_linux_collect_drops(struct netdev_linux *dev)
    OVS_REQUIRES(netdev_linux_mutex)
{
    struct netdev_rxq_linux *rxq;

    LIST_FOR_EACH (rxq, node, &dev->rxqs) {
        struct tpacket_stats st;
        socklen_t len = sizeof st;

        if (!getsockopt(rxq->fd, SOL_PACKET, PACKET_STATISTICS, &st, &len)
            && st.tp_drops) {
            netdev_linux_count(&dev->rx_dropped, st.tp_drops);
        }
    }
}

/* Reads the kernel's counters for 'netdev' and adds the frames this module
 * (or its receive rings) dropped.  A tap's counters are swapped: what the
 * kernel transmits on a tap is what the switch receives from it, and vice
 * versa. */
static int
netdev_linux_get_stats(const struct netdev *netdev,
                       struct netdev_stats *stats)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct netdev_stats k;
    int error;

    if (netdev_linux_is_removed(dev)) {
        return ENODEV;
    }
    error = rtnetlink_get_stats(dev->ifindex, &k);
    if (error) {
        return error;
    }
    *stats = k;
    ovs_mutex_lock(&netdev_linux_mutex);
    netdev_linux_collect_drops(dev);
    ovs_mutex_unlock(&netdev_linux_mutex);
    if (dev->is_tap || dev->is_internal) {
        stats->rx_packets = k.tx_packets;
        stats->tx_packets = k.rx_packets;
        stats->rx_bytes = k.tx_bytes;
        stats->tx_bytes = k.rx_bytes;
        stats->rx_errors = k.tx_errors;
        stats->tx_errors = k.rx_errors;
        stats->rx_dropped = k.tx_dropped;
        stats->tx_dropped = k.rx_dropped;
    }
    stats->rx_dropped += __atomic_load_n(&dev->rx_dropped, __ATOMIC_RELAXED);
    stats->tx_dropped += __atomic_load_n(&dev->tx_dropped, __ATOMIC_RELAXED);
    return 0;
}

/* Adds the driver's name and versions (from ethtool) to 'smap'. */
static int
netdev_linux_get_status(const struct netdev *netdev, struct smap *smap)
{
    struct ethtool_drvinfo drvinfo;
    struct ifreq ifr;
    int error = 0;
    int fd;

    fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return errno;
    }
    memset(&ifr, 0, sizeof ifr);
    memset(&drvinfo, 0, sizeof drvinfo);
    strncpy(ifr.ifr_name, netdev->name, sizeof ifr.ifr_name - 1);
    drvinfo.cmd = ETHTOOL_GDRVINFO;
    ifr.ifr_data = (void *) &drvinfo;
    if (ioctl(fd, SIOCETHTOOL, &ifr)) {
        error = errno;
    } else {
        smap_add(smap, "driver_name", drvinfo.driver);
        smap_add(smap, "driver_version", drvinfo.version);
        smap_add(smap, "firmware_version", drvinfo.fw_version);
    }
    close(fd);
    return error;
}

/* Converts between enum netdev_flags and IFF_* flags. */
static unsigned int
netdev_flags_to_iff(enum netdev_flags flags)
{
    return ((flags & NETDEV_UP ? IFF_UP : 0)
            | (flags & NETDEV_PROMISC ? IFF_PROMISC : 0)
            | (flags & NETDEV_LOOPBACK ? IFF_LOOPBACK : 0));
}

static enum netdev_flags
iff_to_netdev_flags(unsigned int iff)
{
    return ((iff & IFF_UP ? NETDEV_UP : 0)
            | (iff & IFF_PROMISC ? NETDEV_PROMISC : 0)
            | (iff & IFF_LOOPBACK ? NETDEV_LOOPBACK : 0));
}

static int
netdev_linux_update_flags(struct netdev *netdev, enum netdev_flags off,
                          enum netdev_flags on, enum netdev_flags *old_flagsp)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct rtnetlink_link link;
    unsigned int old, new;
    int error;

    if (netdev_linux_is_removed(dev)) {
        return ENODEV;
    }
    /* Ask the kernel: the cache may lag behind changes made by others. */
    error = rtnetlink_get_link(NULL, dev->ifindex, &link);
    if (error) {
        return error;
    }
    old = link.flags;
    *old_flagsp = iff_to_netdev_flags(old);

    /* NETDEV_LOOPBACK is read-only. */
    off &= ~NETDEV_LOOPBACK;
    on &= ~NETDEV_LOOPBACK;
    new = (old & ~netdev_flags_to_iff(off)) | netdev_flags_to_iff(on);
    if (new != old) {
        error = rtnetlink_update_flags(dev->ifindex,
                                       old & ~new & (IFF_UP | IFF_PROMISC),
                                       new & ~old & (IFF_UP | IFF_PROMISC));
        if (error) {
            /* netdev.c logs the failure. */
            VLOG_DBG("%s: changing flags failed (%s)", netdev->name,
                     ovs_strerror(error));
            return error;
        }
        error = rtnetlink_get_link(NULL, dev->ifindex, &link);
        if (!error) {
            ovs_mutex_lock(&netdev_linux_mutex);
            if (netdev_linux_update_cache(dev, &link)) {
                netdev_change_seq_changed(netdev);
            }
            ovs_mutex_unlock(&netdev_linux_mutex);
        }
    }
    return 0;
}

/* Receive queues. */

static struct netdev_rxq *
netdev_linux_rxq_alloc(void)
{
    struct netdev_rxq_linux *rxq = xzalloc(sizeof *rxq);

    rxq->fd = -1;
    return &rxq->up;
}

static void
netdev_linux_rxq_dealloc(struct netdev_rxq *rxq)
{
    free(netdev_rxq_linux_cast(rxq));
}

/* Sets integer socket option 'name' at 'level' on 'fd' to 'value'. */
static int
netdev_linux_setsockopt_int(int fd, int level, int name, int value,
                            const char *what, const char *devname)
{
    if (setsockopt(fd, level, name, &value, sizeof value)) {
        int error = errno;

        VLOG_WARN("%s: setting %s failed (%s)", devname, what,
                  ovs_strerror(error));
        return error;
    }
    return 0;
}

/* Clears a pending error (ENETDOWN after the link went down or away) on
 * 'rxq''s socket, which would otherwise make poll() return at once
 * forever. */
static void
netdev_linux_rxq_clear_error(struct netdev_rxq_linux *rxq)
{
    int soerr;
    socklen_t len = sizeof soerr;

    getsockopt(rxq->fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
}

/* Makes the socket of 'rxq', receive queue 'rxq->up.queue_id' of "system"
 * device 'dev', a member of the device's PACKET_FANOUT group in CPU mode,
 * in which the kernel hands a frame received on CPU c to the group's
 * member c % n, n members in the order they joined.  Queue 0 creates the
 * group and the others join it in order (the datapath opens a device's
 * queues in order), so that queue c receives what CPU c received.
 *
 * A forwarding thread that runs on CPU c and reads queue c of every device
 * is then woken by the CPU that received the frame, itself, without an
 * interprocessor wake-up, and what its own transmission causes at once (a
 * peer's answer, which the kernel produces while delivering the frame, on
 * the same CPU) is on its own queues when it looks next.  Returns 0 or an
 * errno. */
static int
netdev_linux_rxq_join_fanout(struct netdev_rxq_linux *rxq,
                             struct netdev_linux *dev)
{
    const char *name = dev->up.name;
    bool create = rxq->up.queue_id == 0 || dev->fanout_id < 0;
    int mode = PACKET_FANOUT_CPU | PACKET_FANOUT_FLAG_IGNORE_OUTGOING;
    int arg;
    int retval;

    /* A group's sockets all get what the group's hook gets, and the hook
     * ignores the socket's PACKET_IGNORE_OUTGOING: the group needs the
     * flag of its own.  Older kernels lack it; then the frames are
     * filtered when read (see netdev_linux_rxq_recv_sock()). */
    for (;;) {
        if (create) {
            /* A group with a fresh id that nobody else uses. */
            arg = (mode | PACKET_FANOUT_FLAG_UNIQUEID) << 16;
        } else {
            arg = dev->fanout_id | (mode << 16);
        }
        retval = setsockopt(rxq->fd, SOL_PACKET, PACKET_FANOUT, &arg,
                            sizeof arg);
        if (!retval || errno != EINVAL
            || !(mode & PACKET_FANOUT_FLAG_IGNORE_OUTGOING)) {
            break;
        }
        mode &= ~PACKET_FANOUT_FLAG_IGNORE_OUTGOING;
    }
    if (retval) {
        int error = errno;

        VLOG_WARN("%s: could not join PACKET_FANOUT group for receive "
                  "queue %d (%s)", name, rxq->up.queue_id,
                  ovs_strerror(error));
        return error;
    }
    if (create) {
        socklen_t len = sizeof arg;

        if (getsockopt(rxq->fd, SOL_PACKET, PACKET_FANOUT, &arg, &len)) {
            int error = errno;

            VLOG_WARN("%s: could not read PACKET_FANOUT group (%s)", name,
                      ovs_strerror(error));
            return error;
        }
        dev->fanout_id = arg & 0xffff;
    }
    return 0;
}

/* Opens the AF_PACKET socket and receive ring of "system" rxq 'rxq'.
 *
 * The ring is TPACKET_V2, not TPACKET_V3.  V3 packs frames of any size
 * into blocks, but hands a block to userspace only when it is full or
 * when its retire timer (at least 1 ms) fires, which adds up to that much
 * latency to every packet at low rates.  V2 hands over each frame at once
 * and wakes poll() per frame.  Its frames have a fixed size, which we pick
 * for the MTU (2 kB for 1500); a larger frame (a GSO packet of up to
 * 64 kB) does not fit, and PACKET_COPY_THRESH makes the kernel queue a
 * full copy of it on the socket, marked TP_STATUS_COPY in the ring, which
 * we read with recvmsg() (one system call per large packet, which carries
 * up to 44 segments' worth of data).  Ordinary frames cost no system call
 * at all. */
static int
netdev_linux_rxq_construct_sock(struct netdev_rxq_linux *rxq,
                                struct netdev_linux *dev)
{
    const char *name = dev->up.name;
    struct packet_mreq mreq;
    struct tpacket_req req;
    struct sockaddr_ll sll;
    unsigned int frame_size;
    int rcvbuf = 4 * 1024 * 1024;
    int error;
    int fd;
    int mtu;

    /* Protocol 0 until bound, so that nothing arrives before the ring is
     * ready. */
    fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error = errno;
        VLOG_WARN("%s: could not create AF_PACKET socket (%s)", name,
                  ovs_strerror(error));
        return error;
    }
    rxq->fd = fd;

    /* PACKET_VNET_HDR must precede the ring. */
    error = netdev_linux_setsockopt_int(fd, SOL_PACKET, PACKET_VNET_HDR, 1,
                                        "PACKET_VNET_HDR", name);
    if (!error) {
        error = netdev_linux_setsockopt_int(fd, SOL_PACKET, PACKET_VERSION,
                                            TPACKET_V2, "TPACKET_V2", name);
    }
    if (!error) {
        error = netdev_linux_setsockopt_int(fd, SOL_PACKET, PACKET_AUXDATA,
                                            1, "PACKET_AUXDATA", name);
    }
    if (!error) {
        error = netdev_linux_setsockopt_int(fd, SOL_PACKET,
                                            PACKET_COPY_THRESH, 1,
                                            "PACKET_COPY_THRESH", name);
    }
    if (!error) {
        /* Our own transmissions (and anyone else's) are not input. */
        error = netdev_linux_setsockopt_int(fd, SOL_PACKET,
                                            PACKET_IGNORE_OUTGOING, 1,
                                            "PACKET_IGNORE_OUTGOING", name);
    }
    if (error) {
        return error;
    }
    /* Room for a few GSO packets that take the copy path. */
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf)) {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    }

    /* A frame holds the tpacket2 header and address, the virtio-net
     * header, and an MTU-sized frame with Ethernet and VLAN headers. */
    ovs_mutex_lock(&netdev_linux_mutex);
    mtu = dev->mtu;
    ovs_mutex_unlock(&netdev_linux_mutex);
    frame_size = 2048;
    while (frame_size < NETDEV_LINUX_RING_BLOCK_SIZE
           && frame_size < TPACKET2_HDRLEN + 16 + sizeof(struct virtio_net_hdr)
                           + ETH_HLEN + NETDEV_LINUX_VLAN_HLEN + mtu) {
        frame_size *= 2;
    }
    memset(&req, 0, sizeof req);
    req.tp_block_size = NETDEV_LINUX_RING_BLOCK_SIZE;
    /* With more than two queues (CPUs), smaller rings, so that a device
     * never has more than two full rings' worth of memory locked. */
    req.tp_block_nr = MAX(NETDEV_LINUX_RING_BLOCKS * 2
                          / MAX(dev->up.n_rxq, 2), 4);
    req.tp_frame_size = frame_size;
    req.tp_frame_nr = (req.tp_block_size / frame_size) * req.tp_block_nr;
    if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req)) {
        error = errno;
        VLOG_WARN("%s: PACKET_RX_RING failed (%s)", name,
                  ovs_strerror(error));
        return error;
    }
    rxq->ring_size = (size_t) req.tp_block_size * req.tp_block_nr;
    rxq->ring = mmap(NULL, rxq->ring_size, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_LOCKED | MAP_POPULATE, fd, 0);
    if (rxq->ring == MAP_FAILED) {
        /* MAP_LOCKED may exceed RLIMIT_MEMLOCK. */
        rxq->ring = mmap(NULL, rxq->ring_size, PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_POPULATE, fd, 0);
    }
    if (rxq->ring == MAP_FAILED) {
        error = errno;
        rxq->ring = NULL;
        VLOG_WARN("%s: mapping receive ring failed (%s)", name,
                  ovs_strerror(error));
        return error;
    }
    rxq->frame_size = frame_size;
    rxq->frame_nr = req.tp_frame_nr;
    rxq->head = 0;

    /* Promiscuous for as long as the socket is open (this does not show
     * as the device's IFF_PROMISC flag). */
    memset(&mreq, 0, sizeof mreq);
    mreq.mr_ifindex = dev->ifindex;
    mreq.mr_type = PACKET_MR_PROMISC;
    if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq,
                   sizeof mreq)) {
        error = errno;
        VLOG_WARN("%s: could not enter promiscuous mode (%s)", name,
                  ovs_strerror(error));
        return error;
    }

    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_ALL);
    sll.sll_ifindex = dev->ifindex;
    if (bind(fd, (struct sockaddr *) &sll, sizeof sll)) {
        error = errno;
        VLOG_WARN("%s: could not bind AF_PACKET socket (%s)", name,
                  ovs_strerror(error));
        return error;
    }
    if (dev->up.n_rxq > 1) {
        error = netdev_linux_rxq_join_fanout(rxq, dev);
        if (error) {
            return error;
        }
    }
    /* Binding to a device that is down leaves ENETDOWN pending. */
    rxq->err_gen = __atomic_load_n(&dev->err_gen, __ATOMIC_ACQUIRE);
    netdev_linux_rxq_clear_error(rxq);
    return 0;
}

static void
netdev_linux_rxq_close_sock(struct netdev_rxq_linux *rxq)
{
    if (rxq->ring) {
        munmap(rxq->ring, rxq->ring_size);
        rxq->ring = NULL;
    }
    if (rxq->fd >= 0) {
        close(rxq->fd);
        rxq->fd = -1;
    }
}

static int
netdev_linux_rxq_construct(struct netdev_rxq *rxq_)
{
    struct netdev_rxq_linux *rxq = netdev_rxq_linux_cast(rxq_);
    struct netdev_linux *dev = netdev_linux_cast(rxq_->netdev);
    int error;

    if (netdev_linux_is_removed(dev)) {
        return ENODEV;
    }
    rxq->is_tap = dev->is_tap;
    if (dev->is_tap) {
        rxq->fd = dev->tx_fd;
        rxq->aux_buf = xmalloc(NETDEV_LINUX_MAX_FRAME);
        return 0;
    }
    error = netdev_linux_rxq_construct_sock(rxq, dev);
    if (error) {
        netdev_linux_rxq_close_sock(rxq);
    } else {
        ovs_mutex_lock(&netdev_linux_mutex);
        ovs_list_push_back(&dev->rxqs, &rxq->node);
        ovs_mutex_unlock(&netdev_linux_mutex);
    }
    return error;
}

static void
netdev_linux_rxq_destruct(struct netdev_rxq *rxq_)
{
    struct netdev_rxq_linux *rxq = netdev_rxq_linux_cast(rxq_);

    if (rxq->is_tap) {
        free(rxq->aux_buf);
        rxq->aux_buf = NULL;
        dp_packet_delete(rxq->spare);
        rxq->spare = NULL;
    } else {
        struct netdev_linux *dev = netdev_linux_cast(rxq_->netdev);

        ovs_mutex_lock(&netdev_linux_mutex);
        netdev_linux_collect_drops(dev);
        ovs_list_remove(&rxq->node);
        ovs_mutex_unlock(&netdev_linux_mutex);
        netdev_linux_rxq_close_sock(rxq);
    }
}

/* Finishes received packet 'p': stores virtio-net header 'vnet' (NULL if
 * none) in it and, if 'vlan_valid', puts back the 802.1Q (or 'tpid') tag
 * 'tci' that the kernel took out of the frame into metadata.  'p' must
 * have NETDEV_LINUX_VLAN_HLEN bytes of headroom. */
static void
netdev_linux_rx_finish(struct dp_packet *p, const struct virtio_net_hdr *vnet,
                       bool vlan_valid, uint16_t tpid, uint16_t tci)
{
    if (vnet) {
        p->vnet = *vnet;
        p->vnet.flags &= VIRTIO_NET_HDR_F_NEEDS_CSUM;
    } else {
        memset(&p->vnet, 0, sizeof p->vnet);
    }

    if (vlan_valid && dp_packet_size(p) >= 2 * ETH_ALEN) {
        uint8_t *eth = dp_packet_push_uninit(p, NETDEV_LINUX_VLAN_HLEN);
        ovs_be16 tag[2];

        memmove(eth, eth + NETDEV_LINUX_VLAN_HLEN, 2 * ETH_ALEN);
        tag[0] = htons(tpid ? tpid : ETH_P_8021Q);
        tag[1] = htons(tci);
        memcpy(eth + 2 * ETH_ALEN, tag, sizeof tag);

        /* Offsets in the virtio-net header count from the frame's start. */
        if (p->vnet.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
            p->vnet.csum_start += NETDEV_LINUX_VLAN_HLEN;
        }
        if (p->vnet.gso_type != VIRTIO_NET_HDR_GSO_NONE && p->vnet.hdr_len) {
            p->vnet.hdr_len += NETDEV_LINUX_VLAN_HLEN;
        }
    }
}

/* Reads a frame too large for the ring from the socket's queue (see
 * netdev_linux_rxq_construct_sock()).  Returns the packet or NULL. */
static struct dp_packet *
netdev_linux_rxq_recv_copy(struct netdev_rxq_linux *rxq,
                           struct netdev_linux *dev)
{
    union {
        struct cmsghdr cmsg;
        char buf[CMSG_SPACE(sizeof(struct tpacket_auxdata))];
    } cmsg_buf;
    struct virtio_net_hdr vnet;
    struct iovec iov[2];
    struct msghdr msg;
    struct cmsghdr *cmsg;
    struct dp_packet *p;
    bool vlan_valid = false;
    uint16_t tpid = 0, tci = 0;
    ssize_t retval;

    COVERAGE_INC(netdev_linux_rx_copy);
    p = dp_packet_new_with_headroom(NETDEV_LINUX_MAX_FRAME,
                                    NETDEV_LINUX_HEADROOM);
    iov[0].iov_base = &vnet;
    iov[0].iov_len = sizeof vnet;
    iov[1].iov_base = dp_packet_data(p);
    iov[1].iov_len = dp_packet_tailroom(p);
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = iov;
    msg.msg_iovlen = 2;
    msg.msg_control = &cmsg_buf;
    msg.msg_controllen = sizeof cmsg_buf;
    do {
        retval = recvmsg(rxq->fd, &msg, MSG_DONTWAIT | MSG_TRUNC);
    } while (retval < 0 && errno == EINTR);
    if (retval < (ssize_t) sizeof vnet || msg.msg_flags & MSG_TRUNC) {
        netdev_linux_count(&dev->rx_dropped, 1);
        dp_packet_delete(p);
        return NULL;
    }
    dp_packet_set_size(p, retval - sizeof vnet);

    for (cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
        if (cmsg->cmsg_level == SOL_PACKET
            && cmsg->cmsg_type == PACKET_AUXDATA
            && cmsg->cmsg_len >= CMSG_LEN(sizeof(struct tpacket_auxdata))) {
            struct tpacket_auxdata aux;

            memcpy(&aux, CMSG_DATA(cmsg), sizeof aux);
            vlan_valid = aux.tp_status & TP_STATUS_VLAN_VALID;
            tci = aux.tp_vlan_tci;
            tpid = (aux.tp_status & TP_STATUS_VLAN_TPID_VALID
                    ? aux.tp_vlan_tpid : 0);
        }
    }
    netdev_linux_rx_finish(p, &vnet, vlan_valid, tpid, tci);
    return p;
}

/* rxq_recv() for "system": takes up to a batch of frames off the ring. */
static int
netdev_linux_rxq_recv_sock(struct netdev_rxq_linux *rxq,
                           struct netdev_linux *dev,
                           struct dp_packet_batch *batch)
{
    while (batch->count < NETDEV_MAX_BURST) {
        struct tpacket2_hdr *h
            = (void *) (rxq->ring + (size_t) rxq->head * rxq->frame_size);
        uint32_t status = __atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE);
        struct dp_packet *p = NULL;

        if (!(status & TP_STATUS_USER)) {
            break;
        }

        const struct sockaddr_ll *sll
            = (const void *) ((const uint8_t *) h
                              + TPACKET_ALIGN(sizeof *h));
        if (OVS_UNLIKELY(sll->sll_pkttype == PACKET_OUTGOING)) {
            /* A transmission, which PACKET_IGNORE_OUTGOING keeps away
             * unless the kernel cannot keep it away from a fanout group
             * (see netdev_linux_rxq_join_fanout()). */
            if (status & TP_STATUS_COPY) {
                dp_packet_delete(netdev_linux_rxq_recv_copy(rxq, dev));
            }
        } else if (status & TP_STATUS_COPY) {
            p = netdev_linux_rxq_recv_copy(rxq, dev);
        } else if (h->tp_snaplen < h->tp_len
                   || h->tp_mac < sizeof(struct virtio_net_hdr)
                   || h->tp_mac + h->tp_snaplen > rxq->frame_size) {
            /* Too large for the ring, and no room for a copy. */
            COVERAGE_INC(netdev_linux_rx_truncated);
            netdev_linux_count(&dev->rx_dropped, 1);
        } else {
            const uint8_t *frame = (const uint8_t *) h + h->tp_mac;
            struct virtio_net_hdr vnet;

            memcpy(&vnet, frame - sizeof vnet, sizeof vnet);
            p = dp_packet_new_with_headroom(h->tp_snaplen,
                                            NETDEV_LINUX_HEADROOM);
            dp_packet_put(p, frame, h->tp_snaplen);
            netdev_linux_rx_finish(p, &vnet,
                                   (status & TP_STATUS_VLAN_VALID) != 0,
                                   (status & TP_STATUS_VLAN_TPID_VALID
                                    ? h->tp_vlan_tpid : 0),
                                   h->tp_vlan_tci);
        }

        /* Give the frame back to the kernel. */
        __atomic_store_n(&h->tp_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
        rxq->head = rxq->head + 1 < rxq->frame_nr ? rxq->head + 1 : 0;
        if (p) {
            dp_packet_batch_add(batch, p);
        }
    }

    if (batch->count) {
        rxq->n_empty = 0;
        return 0;
    }

    /* Nothing waiting.  If the link went down or away, its socket has an
     * error pending that makes poll() return at once: clear it.  Check
     * when told to, and, in case the error came after we were told, on
     * the 2nd, 4th, 8th, ... empty call in a row (cheap if the caller
     * busy-polls).  Not on the 1st: a caller that sleeps between bursts
     * makes exactly one empty call after each, and a pending error wakes
     * it at once for the 2nd. */
    rxq->n_empty++;
    unsigned int gen = __atomic_load_n(&dev->err_gen, __ATOMIC_ACQUIRE);
    if (gen != rxq->err_gen
        || (rxq->n_empty >= 2 && !(rxq->n_empty & (rxq->n_empty - 1)))
        || !(rxq->n_empty % 1024)) {
        rxq->err_gen = gen;
        netdev_linux_rxq_clear_error(rxq);
    }
    return netdev_linux_is_removed(dev) ? ENODEV : EAGAIN;
}

/* rxq_recv() for "internal" and "tap": reads frames from the tap, one per
 * system call (a tap offers nothing better), up to a batch. */
static int
netdev_linux_rxq_recv_tap(struct netdev_rxq_linux *rxq,
                          struct netdev_linux *dev,
                          struct dp_packet_batch *batch)
{
    int mtu = __atomic_load_n(&dev->mtu, __ATOMIC_RELAXED);
    size_t room = ETH_HLEN + NETDEV_LINUX_VLAN_HLEN + MAX(mtu, 1500);
    int error = 0;

    while (batch->count < NETDEV_MAX_BURST) {
        struct virtio_net_hdr vnet;
        struct iovec iov[3];
        struct dp_packet *p;
        ssize_t retval;
        size_t size;

        /* A frame normally fits in 'p'; a GSO frame overflows into
         * 'aux_buf' and is appended (a second copy, rare). */
        p = rxq->spare;
        rxq->spare = NULL;
        if (!p || dp_packet_tailroom(p) < room) {
            dp_packet_delete(p);
            p = dp_packet_new_with_headroom(room, NETDEV_LINUX_HEADROOM);
        }
        iov[0].iov_base = &vnet;
        iov[0].iov_len = sizeof vnet;
        iov[1].iov_base = dp_packet_data(p);
        iov[1].iov_len = room;
        iov[2].iov_base = rxq->aux_buf;
        iov[2].iov_len = NETDEV_LINUX_MAX_FRAME;
        do {
            retval = readv(rxq->fd, iov, 3);
        } while (retval < 0 && errno == EINTR);
        if (retval < (ssize_t) sizeof vnet) {
            /* Keep the packet for next time: no allocation per empty
             * read. */
            rxq->spare = p;
            if (retval < 0) {
                error = errno;
            }
            break;
        }
        size = retval - sizeof vnet;
        if (size <= room) {
            dp_packet_set_size(p, size);
        } else {
            dp_packet_set_size(p, room);
            dp_packet_put(p, rxq->aux_buf, size - room);
        }
        netdev_linux_rx_finish(p, &vnet, false, 0, 0);
        dp_packet_batch_add(batch, p);
    }

    if (batch->count) {
        return 0;
    } else if (netdev_linux_is_removed(dev) || error == EBADFD) {
        return ENODEV;
    } else if (error && error != EAGAIN) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

        VLOG_WARN_RL(&rl, "%s: error receiving (%s)", dev->up.name,
                     ovs_strerror(error));
        return error;
    }
    return EAGAIN;
}

static int
netdev_linux_rxq_recv(struct netdev_rxq *rxq_, struct dp_packet_batch *batch,
                      int *qfill OVS_UNUSED)
{
    struct netdev_rxq_linux *rxq = netdev_rxq_linux_cast(rxq_);
    struct netdev_linux *dev = netdev_linux_cast(rxq_->netdev);

    return (rxq->is_tap
            ? netdev_linux_rxq_recv_tap(rxq, dev, batch)
            : netdev_linux_rxq_recv_sock(rxq, dev, batch));
}

bool
netdev_linux_rxq_is_ring(const struct netdev_rxq *rxq)
{
    return !netdev_rxq_linux_cast(rxq)->is_tap;
}

unsigned int
netdev_linux_n_cpus(void)
{
    long int n = sysconf(_SC_NPROCESSORS_CONF);

    return n < 1 ? 1 : MIN(n, NETDEV_LINUX_MAX_RXQ);
}

int
netdev_linux_rxq_get_fd(const struct netdev_rxq *rxq_)
{
    const struct netdev_rxq_linux *rxq = netdev_rxq_linux_cast(rxq_);
    struct netdev_linux *dev = netdev_linux_cast(rxq_->netdev);

    return netdev_linux_is_removed(dev) ? -1 : rxq->fd;
}

/* Lets the forwarding thread sleep in poll() until a frame arrives (a V2
 * ring's socket is readable as soon as the kernel fills a frame). */
static void
netdev_linux_rxq_wait(struct netdev_rxq *rxq_)
{
    int fd = netdev_linux_rxq_get_fd(rxq_);

    if (fd >= 0) {
        poll_fd_wait(fd, POLLIN);
    }
}

static int
netdev_linux_rxq_drain(struct netdev_rxq *rxq_)
{
    struct netdev_rxq_linux *rxq = netdev_rxq_linux_cast(rxq_);
    struct netdev_linux *dev = netdev_linux_cast(rxq_->netdev);
    struct dp_packet_batch batch;

    for (int i = 0; i < 1024; i++) {
        dp_packet_batch_init(&batch);
        if (netdev_linux_rxq_recv(rxq_, &batch, NULL)) {
            break;
        }
        dp_packet_delete_batch(&batch, true);
    }
    if (!rxq->is_tap && !netdev_linux_is_removed(dev)) {
        char buf[64];

        /* Frames waiting on the socket's own queue. */
        while (recv(rxq->fd, buf, sizeof buf, MSG_DONTWAIT | MSG_TRUNC) >= 0) {
            continue;
        }
    }
    return 0;
}

#define NETDEV_LINUX_CLASS_COMMON                               \
    .is_pmd = false,                                            \
    .run = netdev_linux_run,                                    \
    .wait = netdev_linux_wait,                                  \
    .alloc = netdev_linux_alloc,                                \
    .destruct = netdev_linux_destruct,                          \
    .dealloc = netdev_linux_dealloc,                            \
    .send = netdev_linux_send,                                  \
    .send_wait = netdev_linux_send_wait,                        \
    .set_etheraddr = netdev_linux_set_etheraddr,                \
    .get_etheraddr = netdev_linux_get_etheraddr,                \
    .get_mtu = netdev_linux_get_mtu,                            \
    .set_mtu = netdev_linux_set_mtu,                            \
    .get_ifindex = netdev_linux_get_ifindex,                    \
    .get_carrier = netdev_linux_get_carrier,                    \
    .get_carrier_resets = netdev_linux_get_carrier_resets,      \
    .get_stats = netdev_linux_get_stats,                        \
    .get_status = netdev_linux_get_status,                      \
    .update_flags = netdev_linux_update_flags,                  \
    .rxq_alloc = netdev_linux_rxq_alloc,                        \
    .rxq_construct = netdev_linux_rxq_construct,                \
    .rxq_destruct = netdev_linux_rxq_destruct,                  \
    .rxq_dealloc = netdev_linux_rxq_dealloc,                    \
    .rxq_recv = netdev_linux_rxq_recv,                          \
    .rxq_wait = netdev_linux_rxq_wait,                          \
    .rxq_drain = netdev_linux_rxq_drain

const struct netdev_class netdev_linux_class = {
    .type = "system",
    .construct = netdev_linux_construct,
    NETDEV_LINUX_CLASS_COMMON,
};

/* "internal": a kernel datapath's internal port.
 *
 * The kernel creates the device when the datapath adds the vport
 * (OVS_VPORT_TYPE_INTERNAL) and forwards its packets itself, so this class
 * creates nothing, sends and receives nothing: it only attaches, by name, to
 * the device when it exists, and reads and changes its attributes through
 * rtnetlink.  ofproto opens the netdev before the vport exists, and a
 * datapath deleted and made again gives the device a new ifindex, so the
 * device may appear, disappear and reappear under one open netdev: until it
 * exists, the attributes are ENODEV.  (A userspace datapath maps "internal"
 * to "tap" through its port_open_type(); see dpif_port_open_type().) */

/* Takes 'link', the attributes of the device just created under 'dev''s
 * name, as 'dev''s, and marks it present. */
static void
netdev_linux_internal_attached(struct netdev_linux *dev,
                               const struct rtnetlink_link *link)
    OVS_REQUIRES(netdev_linux_mutex)
{
    dev->ifindex = link->ifindex;
    dev->ifi_flags = link->flags;
    dev->mtu = link->mtu;
    if (link->has_mac) {
        dev->mac = link->mac;
    }
    dev->carrier = link->carrier;
    __atomic_store_n(&dev->removed, false, __ATOMIC_RELEASE);
    COVERAGE_INC(netdev_linux_changed);
    netdev_change_seq_changed(&dev->up);
}

/* If 'netdev''s device is not known to exist, looks it up by name (the
 * notification of its creation may not have been read yet).  Returns 0 if
 * the device exists now, else ENODEV or another errno. */
static int
netdev_linux_internal_attach(const struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct rtnetlink_link link;
    int error;

    if (!netdev_linux_is_removed(dev)) {
        return 0;
    }
    error = rtnetlink_get_link(netdev->name, 0, &link);
    if (!error) {
        ovs_mutex_lock(&netdev_linux_mutex);
        if (netdev_linux_is_removed(dev)) {
            netdev_linux_internal_attached(dev, &link);
        }
        ovs_mutex_unlock(&netdev_linux_mutex);
    }
    return error;
}

/* construct() for "internal": attaches to the device named after
 * 'netdev' if it exists; otherwise the netdev waits for it (see above). */
static int
netdev_linux_construct_internal(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct rtnetlink_link link;
    int error;

    if (strlen(netdev->name) >= IFNAMSIZ || !netdev->name[0]) {
        return EINVAL;
    }
    dev->is_internal = true;

    /* Subscribe before reading, so that no creation goes unnoticed. */
    if (!netdev_linux_notifier) {
        netdev_linux_notifier
            = rtnetlink_notifier_create(netdev_linux_link_changed, NULL);
    }
    error = rtnetlink_get_link(netdev->name, 0, &link);
    if (error && error != ENODEV) {
        VLOG_WARN("%s: could not read link (%s)", netdev->name,
                  ovs_strerror(error));
        return error;
    }

    ovs_mutex_lock(&netdev_linux_mutex);
    if (error) {
        dev->removed = true;
    } else {
        dev->ifindex = link.ifindex;
        dev->ifi_flags = link.flags;
        dev->mtu = link.mtu;
        dev->mac = link.mac;
        dev->carrier = link.carrier;
    }
    ovs_list_push_back(&netdev_linux_devices, &dev->list_node);
    ovs_mutex_unlock(&netdev_linux_mutex);
    return 0;
}

static int
netdev_linux_internal_get_etheraddr(const struct netdev *netdev,
                                    struct eth_addr *mac)
{
    netdev_linux_internal_attach(netdev);
    return netdev_linux_get_etheraddr(netdev, mac);
}

static int
netdev_linux_internal_set_etheraddr(struct netdev *netdev,
                                    const struct eth_addr mac)
{
    netdev_linux_internal_attach(netdev);
    return netdev_linux_set_etheraddr(netdev, mac);
}

static int
netdev_linux_internal_get_mtu(const struct netdev *netdev, int *mtup)
{
    netdev_linux_internal_attach(netdev);
    return netdev_linux_get_mtu(netdev, mtup);
}

static int
netdev_linux_internal_set_mtu(struct netdev *netdev, int mtu)
{
    netdev_linux_internal_attach(netdev);
    return netdev_linux_set_mtu(netdev, mtu);
}

static int
netdev_linux_internal_get_ifindex(const struct netdev *netdev)
{
    netdev_linux_internal_attach(netdev);
    return netdev_linux_get_ifindex(netdev);
}

static int
netdev_linux_internal_get_carrier(const struct netdev *netdev, bool *carrier)
{
    netdev_linux_internal_attach(netdev);
    return netdev_linux_get_carrier(netdev, carrier);
}

static int
netdev_linux_internal_get_stats(const struct netdev *netdev,
                                struct netdev_stats *stats)
{
    netdev_linux_internal_attach(netdev);
    return netdev_linux_get_stats(netdev, stats);
}

static int
netdev_linux_internal_update_flags(struct netdev *netdev,
                                   enum netdev_flags off,
                                   enum netdev_flags on,
                                   enum netdev_flags *old_flagsp)
{
    int error = netdev_linux_internal_attach(netdev);

    if (error) {
        *old_flagsp = 0;
        return error;
    }
    return netdev_linux_update_flags(netdev, off, on, old_flagsp);
}

const struct netdev_class netdev_internal_class = {
    .type = "internal",
    .is_pmd = false,
    .run = netdev_linux_run,
    .wait = netdev_linux_wait,
    .alloc = netdev_linux_alloc,
    .construct = netdev_linux_construct_internal,
    .destruct = netdev_linux_destruct,
    .dealloc = netdev_linux_dealloc,
    .set_etheraddr = netdev_linux_internal_set_etheraddr,
    .get_etheraddr = netdev_linux_internal_get_etheraddr,
    .get_mtu = netdev_linux_internal_get_mtu,
    .set_mtu = netdev_linux_internal_set_mtu,
    .get_ifindex = netdev_linux_internal_get_ifindex,
    .get_carrier = netdev_linux_internal_get_carrier,
    .get_carrier_resets = netdev_linux_get_carrier_resets,
    .get_stats = netdev_linux_internal_get_stats,
    .get_status = netdev_linux_get_status,
    .update_flags = netdev_linux_internal_update_flags,
};

const struct netdev_class netdev_tap_class = {
    .type = "tap",
    .construct = netdev_linux_construct_tap,
    NETDEV_LINUX_CLASS_COMMON,
};

/* Registers "system", "internal" and "tap" (once). */
void
netdev_linux_register(void)
{
    static bool registered;

    if (!registered) {
        registered = true;
        netdev_register_provider(&netdev_linux_class);
        netdev_register_provider(&netdev_internal_class);
        netdev_register_provider(&netdev_tap_class);
    }
}
