/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "rtnetlink.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/socket.h>
#include <string.h>
#include "coverage.h"
#include "netdev.h"
#include "openvswitch/list.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "poll-loop.h"

VLOG_DEFINE_THIS_MODULE(rtnetlink);

COVERAGE_DEFINE(rtnetlink_changed);
COVERAGE_DEFINE(rtnetlink_overflow);

/* The socket for queries and changes, created on first use and shared by
 * every thread under 'request_mutex' (a libnl socket is not thread-safe). */
static struct ovs_mutex request_mutex = OVS_MUTEX_INITIALIZER;
static struct nl_sock *request_sock;

/* A registered notification callback. */
struct rtnetlink_notifier {
    struct ovs_list node;           /* In 'notifiers'. */
    rtnetlink_notify_func *cb;      /* Called for each change. */
    void *aux;                      /* Passed to 'cb'. */
};

/* The notification socket and its notifiers: main thread only. */
static struct nl_sock *notify_sock;
static struct ovs_list notifiers = OVS_LIST_INITIALIZER(&notifiers);

/* Translates libnl error 'nlerr' (negative or positive NLE_* code) into a
 * positive errno value. */
static int
rtnetlink_errno(int nlerr)
{
    switch (nlerr < 0 ? -nlerr : nlerr) {
    case 0:
        return 0;
    case NLE_NODEV:
    case NLE_OBJ_NOTFOUND:
        return ENODEV;
    case NLE_PERM:
        return EPERM;
    case NLE_INVAL:
        return EINVAL;
    case NLE_RANGE:
        return ERANGE;
    case NLE_BUSY:
        return EBUSY;
    case NLE_AGAIN:
        return EAGAIN;
    case NLE_NOMEM:
        return ENOMEM;
    case NLE_OPNOTSUPP:
        return EOPNOTSUPP;
    case NLE_EXIST:
        return EEXIST;
    case NLE_NOADDR:
        return EADDRNOTAVAIL;
    case NLE_MSGSIZE:
        return EMSGSIZE;
    case NLE_NOACCESS:
        return EACCES;
    default:
        return EPROTO;
    }
}

/* Returns the request socket, connecting it if necessary, or NULL (and
 * '*errorp' set) on failure.  Must be called with 'request_mutex'. */
static struct nl_sock *
rtnetlink_request_sock(int *errorp)
    OVS_REQUIRES(request_mutex)
{
    if (!request_sock) {
        struct nl_sock *sock = nl_socket_alloc();
        int error;

        if (!sock) {
            *errorp = ENOMEM;
            return NULL;
        }
        error = nl_connect(sock, NETLINK_ROUTE);
        if (error) {
            VLOG_WARN("could not connect rtnetlink socket (%s)",
                      nl_geterror(error));
            nl_socket_free(sock);
            *errorp = rtnetlink_errno(error);
            return NULL;
        }
        request_sock = sock;
    }
    *errorp = 0;
    return request_sock;
}

/* Stores the attributes of libnl link object 'link' into 'out'. */
static void
rtnetlink_link_from_rtnl(struct rtnl_link *link, struct rtnetlink_link *out)
{
    const char *name = rtnl_link_get_name(link);
    struct nl_addr *addr = rtnl_link_get_addr(link);

    memset(out, 0, sizeof *out);
    out->ifindex = rtnl_link_get_ifindex(link);
    if (name) {
        strncpy(out->name, name, sizeof out->name - 1);
    }
    out->flags = rtnl_link_get_flags(link);
    out->mtu = rtnl_link_get_mtu(link);
    if (addr && nl_addr_get_len(addr) == sizeof out->mac.ea) {
        memcpy(out->mac.ea, nl_addr_get_binary_addr(addr),
               sizeof out->mac.ea);
        out->has_mac = true;
    }
    /* IFF_RUNNING: administratively up with carrier (operationally up),
     * which is what a switch's "link state" means. */
    out->carrier = (out->flags & IFF_RUNNING) != 0;
}

/* Fetches the link named 'name' (or, if 'name' is NULL, with index
 * 'ifindex') from the kernel into a new libnl object stored in '*linkp'.
 * Must be called with 'request_mutex'. */
static int
rtnetlink_fetch(const char *name, int ifindex, struct rtnl_link **linkp)
    OVS_REQUIRES(request_mutex)
{
    struct nl_sock *sock;
    int error;

    *linkp = NULL;
    sock = rtnetlink_request_sock(&error);
    if (!sock) {
        return error;
    }
    if (name && (!name[0] || strlen(name) >= IFNAMSIZ)) {
        return ENODEV;
    }
    error = rtnl_link_get_kernel(sock, name ? 0 : ifindex, name, linkp);
    return rtnetlink_errno(error);
}

/* Reads the attributes of the link named 'name' (or, if 'name' is NULL,
 * with index 'ifindex') into '*out'. */
int
rtnetlink_get_link(const char *name, int ifindex, struct rtnetlink_link *out)
{
    struct rtnl_link *link;
    int error;

    ovs_mutex_lock(&request_mutex);
    error = rtnetlink_fetch(name, ifindex, &link);
    ovs_mutex_unlock(&request_mutex);
    if (!error) {
        rtnetlink_link_from_rtnl(link, out);
        rtnl_link_put(link);
    } else {
        memset(out, 0, sizeof *out);
    }
    return error;
}

/* Reads the kernel's counters for the link with index 'ifindex' into
 * every member of '*stats'. */
int
rtnetlink_get_stats(int ifindex, struct netdev_stats *stats)
{
    struct rtnl_link *link;
    int error;

    ovs_mutex_lock(&request_mutex);
    error = rtnetlink_fetch(NULL, ifindex, &link);
    ovs_mutex_unlock(&request_mutex);
    if (error) {
        return error;
    }

#define RTNETLINK_STAT(MEMBER, ID) \
    stats->MEMBER = rtnl_link_get_stat(link, ID)
    RTNETLINK_STAT(rx_packets, RTNL_LINK_RX_PACKETS);
    RTNETLINK_STAT(tx_packets, RTNL_LINK_TX_PACKETS);
    RTNETLINK_STAT(rx_bytes, RTNL_LINK_RX_BYTES);
    RTNETLINK_STAT(tx_bytes, RTNL_LINK_TX_BYTES);
    RTNETLINK_STAT(rx_errors, RTNL_LINK_RX_ERRORS);
    RTNETLINK_STAT(tx_errors, RTNL_LINK_TX_ERRORS);
    RTNETLINK_STAT(rx_dropped, RTNL_LINK_RX_DROPPED);
    RTNETLINK_STAT(tx_dropped, RTNL_LINK_TX_DROPPED);
    RTNETLINK_STAT(multicast, RTNL_LINK_MULTICAST);
    RTNETLINK_STAT(collisions, RTNL_LINK_COLLISIONS);
    RTNETLINK_STAT(rx_length_errors, RTNL_LINK_RX_LEN_ERR);
    RTNETLINK_STAT(rx_over_errors, RTNL_LINK_RX_OVER_ERR);
    RTNETLINK_STAT(rx_crc_errors, RTNL_LINK_RX_CRC_ERR);
    RTNETLINK_STAT(rx_frame_errors, RTNL_LINK_RX_FRAME_ERR);
    RTNETLINK_STAT(rx_fifo_errors, RTNL_LINK_RX_FIFO_ERR);
    RTNETLINK_STAT(rx_missed_errors, RTNL_LINK_RX_MISSED_ERR);
    RTNETLINK_STAT(tx_aborted_errors, RTNL_LINK_TX_ABORT_ERR);
    RTNETLINK_STAT(tx_carrier_errors, RTNL_LINK_TX_CARRIER_ERR);
    RTNETLINK_STAT(tx_fifo_errors, RTNL_LINK_TX_FIFO_ERR);
    RTNETLINK_STAT(tx_heartbeat_errors, RTNL_LINK_TX_HBEAT_ERR);
    RTNETLINK_STAT(tx_window_errors, RTNL_LINK_TX_WIN_ERR);
#undef RTNETLINK_STAT

    rtnl_link_put(link);
    return 0;
}

/* Asks the kernel to apply 'changes' to the link with index 'ifindex'.
 * Takes ownership of 'changes'. */
static int
rtnetlink_change(int ifindex, struct rtnl_link *changes)
{
    struct rtnl_link *orig = rtnl_link_alloc();
    struct nl_sock *sock;
    int error;

    rtnl_link_set_ifindex(orig, ifindex);
    ovs_mutex_lock(&request_mutex);
    sock = rtnetlink_request_sock(&error);
    if (sock) {
        error = rtnetlink_errno(rtnl_link_change(sock, orig, changes, 0));
    }
    ovs_mutex_unlock(&request_mutex);
    rtnl_link_put(orig);
    rtnl_link_put(changes);
    return error;
}

/* Sets the MTU of the link with index 'ifindex' to 'mtu'. */
int
rtnetlink_set_mtu(int ifindex, int mtu)
{
    struct rtnl_link *changes = rtnl_link_alloc();

    if (mtu <= 0) {
        rtnl_link_put(changes);
        return EINVAL;
    }
    rtnl_link_set_mtu(changes, mtu);
    return rtnetlink_change(ifindex, changes);
}

/* Sets the Ethernet address of the link with index 'ifindex' to 'mac'. */
int
rtnetlink_set_etheraddr(int ifindex, const struct eth_addr mac)
{
    struct rtnl_link *changes = rtnl_link_alloc();
    struct nl_addr *addr = nl_addr_build(AF_LLC, mac.ea, sizeof mac.ea);

    rtnl_link_set_addr(changes, addr);
    nl_addr_put(addr);
    return rtnetlink_change(ifindex, changes);
}

/* Turns off the IFF_* flags in 'off' and turns on those in 'on' for the
 * link with index 'ifindex'. */
int
rtnetlink_update_flags(int ifindex, unsigned int off, unsigned int on)
{
    struct rtnl_link *changes = rtnl_link_alloc();

    if (off) {
        rtnl_link_unset_flags(changes, off);
    }
    if (on) {
        rtnl_link_set_flags(changes, on);
    }
    return rtnetlink_change(ifindex, changes);
}

/* Passes 'change' (NULL after an overflow) to every notifier. */
static void
rtnetlink_report(const struct rtnetlink_change *change)
{
    struct rtnetlink_notifier *n;

    LIST_FOR_EACH_SAFE (n, node, &notifiers) {
        n->cb(change, n->aux);
    }
}

/* nl_msg_parse() callback: reports link object 'obj'. */
static void
rtnetlink_parse_cb(struct nl_object *obj, void *aux OVS_UNUSED)
{
    struct rtnetlink_change change;
    int type = nl_object_get_msgtype(obj);

    if (type != RTM_NEWLINK && type != RTM_DELLINK) {
        return;
    }
    change.nlmsg_type = type;
    rtnetlink_link_from_rtnl((struct rtnl_link *) obj, &change.link);
    COVERAGE_INC(rtnetlink_changed);
    rtnetlink_report(&change);
}

/* libnl "valid message" callback of the notification socket. */
static int
rtnetlink_valid_cb(struct nl_msg *msg, void *aux OVS_UNUSED)
{
    int type = nlmsg_hdr(msg)->nlmsg_type;

    if (type == RTM_NEWLINK || type == RTM_DELLINK) {
        nl_msg_parse(msg, rtnetlink_parse_cb, NULL);
    }
    return NL_OK;
}

/* Opens the notification socket, if it is not open.  Returns 0 or an
 * errno. */
static int
rtnetlink_open_notify_sock(void)
{
    struct nl_sock *sock;
    int error;

    if (notify_sock) {
        return 0;
    }
    sock = nl_socket_alloc();
    if (!sock) {
        return ENOMEM;
    }
    nl_socket_disable_seq_check(sock);
    nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, rtnetlink_valid_cb,
                        NULL);
    error = nl_connect(sock, NETLINK_ROUTE);
    if (!error) {
        error = nl_socket_add_memberships(sock, RTNLGRP_LINK, 0);
    }
    if (!error) {
        error = nl_socket_set_nonblocking(sock);
    }
    if (!error) {
        /* A burst of changes (many devices created at once) should not
         * overflow the socket; if it does, rtnetlink_run() recovers. */
        nl_socket_set_buffer_size(sock, 1024 * 1024, 0);
    }
    if (error) {
        VLOG_WARN("could not open rtnetlink notification socket (%s)",
                  nl_geterror(error));
        nl_socket_free(sock);
        return rtnetlink_errno(error);
    }
    notify_sock = sock;
    return 0;
}

/* Registers 'cb' to be called with 'aux' for every link change that
 * rtnetlink_run() reads.  Returns NULL if notifications are unavailable.
 * Main thread only. */
struct rtnetlink_notifier *
rtnetlink_notifier_create(rtnetlink_notify_func *cb, void *aux)
{
    struct rtnetlink_notifier *n;

    if (rtnetlink_open_notify_sock()) {
        return NULL;
    }
    n = xmalloc(sizeof *n);
    n->cb = cb;
    n->aux = aux;
    ovs_list_push_back(&notifiers, &n->node);
    return n;
}

/* Unregisters and frees 'n' (NULL is allowed).  The notification socket
 * closes with the last notifier. */
void
rtnetlink_notifier_destroy(struct rtnetlink_notifier *n)
{
    if (n) {
        ovs_list_remove(&n->node);
        free(n);
        if (ovs_list_is_empty(&notifiers) && notify_sock) {
            nl_socket_free(notify_sock);
            notify_sock = NULL;
        }
    }
}

/* Reads every pending link notification and passes it to the notifiers,
 * without blocking.  Main thread only. */
void
rtnetlink_run(void)
{
    /* Bounds the work of one call. */
    for (int i = 0; notify_sock && i < 50; i++) {
        int error = nl_recvmsgs_default(notify_sock);

        if (error >= 0) {
            continue;
        } else if (error == -NLE_AGAIN) {
            break;
        } else if (error == -NLE_INTR) {
            continue;
        } else if (error == -NLE_NOMEM) {
            /* ENOBUFS: the kernel dropped notifications. */
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

            VLOG_INFO_RL(&rl, "rtnetlink notification socket overflowed");
            COVERAGE_INC(rtnetlink_overflow);
            rtnetlink_report(NULL);
        } else {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

            VLOG_WARN_RL(&rl, "error reading rtnetlink notifications (%s)",
                         nl_geterror(error));
            break;
        }
    }
}

/* Arranges for poll_block() to wake when a notification arrives. */
void
rtnetlink_wait(void)
{
    if (notify_sock) {
        poll_fd_wait(nl_socket_get_fd(notify_sock), POLLIN);
    }
}
