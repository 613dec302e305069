/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The "system" datapath: the openvswitch kernel module, driven over the
 * generic netlink families of <linux/openvswitch.h> (ovs_datapath,
 * ovs_vport, ovs_flow, ovs_packet).
 *
 * Sockets come from libnl-3 (nl_socket_alloc(), nl_connect(), and
 * genl_ctrl_resolve() to find the families' ids); requests are built with
 * lib/netlink.h's writer in a struct ofpbuf, sent with send(2) on the
 * socket's descriptor, and replies are read with recv(2) into a buffer
 * sized by MSG_PEEK | MSG_TRUNC and parsed with libnl's nla_parse().
 *
 * Requests that expect an answer go through a pool of sockets, so that
 * any thread may transact; each upcall handler has a socket of its own.
 * Where the datapath accepts OVS_DP_F_DISPATCH_UPCALL_PER_CPU (Linux 5.14
 * and later, and our module), the handlers' port ids are given to the
 * datapath as OVS_DP_ATTR_PER_CPU_PIDS, one per CPU, and the kernel sends
 * each upcall (misses and userspace actions alike) to the handler of the
 * CPU that received the packet.  Otherwise the handlers' ids are
 * registered as the upcall pids of every vport (with OVS_DP_F_VPORT_PIDS,
 * all of them, among which the kernel spreads packets by hash), and
 * userspace actions name one of them (dpif_port_get_pid()).  The vports
 * get the handlers' ids in both modes, so that a datapath that some other
 * program switches back to per-vport dispatch still reaches us.
 *
 * Meters go through the ovs_meter family where the module has it (Linux
 * 4.15 and later, and ours). */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/openvswitch.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "dp-packet.h"
#include "dpif-provider.h"
#include "hash.h"
#include "netdev.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "openflow/openflow-1.3.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-meter.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-thread.h"
#include "poll-loop.h"
#include "sset.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(dpif_netlink);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Generic netlink family ids, resolved once. */
static int ovs_datapath_family;
static int ovs_vport_family;
static int ovs_flow_family;
static int ovs_packet_family;
static int ovs_meter_family;    /* Negative if the module has no meters. */
static int ovs_vport_mcgroup;

/* Size of the header in front of the attributes of every message. */
#define OVS_MSG_HDRLEN (NLMSG_HDRLEN + GENL_HDRLEN \
                        + NLMSG_ALIGN(sizeof(struct ovs_header)))

/* Sequence numbers for requests (any thread). */
static uint32_t next_seq = 1;

static uint32_t
dpif_netlink_next_seq(void)
{
    return __atomic_fetch_add(&next_seq, 1, __ATOMIC_RELAXED);
}

/* Netlink sockets. */

/* Creates a generic netlink socket bound to a port id of its own and
 * stores it in '*sockp'.  Returns 0 or a positive errno. */
static int
nl_sock_create(struct nl_sock **sockp)
{
    struct nl_sock *sock = nl_socket_alloc();
    int err;

    if (!sock) {
        return ENOMEM;
    }
    err = nl_connect(sock, NETLINK_GENERIC);
    if (err < 0) {
        nl_socket_free(sock);
        return EPROTONOSUPPORT;
    }
    *sockp = sock;
    return 0;
}

/* Receives one datagram from 'sock' into 'buf' (replacing its contents).
 * Blocks if 'wait'.  Returns 0, EAGAIN, ENOBUFS (messages were lost) or
 * another errno. */
static int
nl_sock_recv_buf(struct nl_sock *sock, struct ofpbuf *buf, bool wait)
{
    int fd = nl_socket_get_fd(sock);

    for (;;) {
        ssize_t n;

        n = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC
                 | (wait ? 0 : MSG_DONTWAIT));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno == EWOULDBLOCK ? EAGAIN : errno;
        }
        ofpbuf_clear(buf);
        ofpbuf_prealloc_tailroom(buf, n > 0 ? n : 1);
        n = recv(fd, buf->data, n, MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno == EWOULDBLOCK ? EAGAIN : errno;
        }
        buf->size = n;
        return 0;
    }
}

static int
nl_sock_send_buf(struct nl_sock *sock, const struct ofpbuf *msg)
{
    for (;;) {
        ssize_t n = send(nl_socket_get_fd(sock), msg->data, msg->size, 0);

        if (n >= 0) {
            return 0;
        } else if (errno != EINTR) {
            return errno;
        }
    }
}

/* A pool of sockets for transactions from any thread. */
static struct ovs_mutex pool_mutex = OVS_MUTEX_INITIALIZER;
static struct nl_sock *pool[16];
static size_t n_pool;

static int
pool_get(struct nl_sock **sockp)
{
    ovs_mutex_lock(&pool_mutex);
    if (n_pool) {
        *sockp = pool[--n_pool];
        ovs_mutex_unlock(&pool_mutex);
        return 0;
    }
    ovs_mutex_unlock(&pool_mutex);
    return nl_sock_create(sockp);
}

static void
pool_put(struct nl_sock *sock)
{
    ovs_mutex_lock(&pool_mutex);
    if (n_pool < ARRAY_SIZE(pool)) {
        pool[n_pool++] = sock;
        sock = NULL;
    }
    ovs_mutex_unlock(&pool_mutex);
    if (sock) {
        nl_socket_free(sock);
    }
}

/* Message building. */

/* Starts a request of 'family' with command 'cmd' and netlink 'flags'
 * (NLM_F_REQUEST is added) for datapath 'dp_ifindex' in 'msg'. */
static void
ovs_msg_start(struct ofpbuf *msg, int family, uint8_t version, uint8_t cmd,
              uint16_t flags, int dp_ifindex)
{
    struct nlmsghdr *nlh;
    struct genlmsghdr *genl;
    struct ovs_header *ovs_header;

    ofpbuf_init(msg, 1024);
    nlh = ofpbuf_put_zeros(msg, NLMSG_HDRLEN);
    nlh->nlmsg_type = family;
    nlh->nlmsg_flags = NLM_F_REQUEST | flags;
    genl = ofpbuf_put_zeros(msg, GENL_HDRLEN);
    genl->cmd = cmd;
    genl->version = version;
    ovs_header = ofpbuf_put_zeros(msg,
                                  NLMSG_ALIGN(sizeof(struct ovs_header)));
    ovs_header->dp_ifindex = dp_ifindex;
}

static struct nlmsghdr *
msg_nlh(const struct ofpbuf *msg)
{
    return msg->data;
}

/* A parsed message: its command, datapath and attributes. */
struct ovs_msg {
    uint8_t cmd;                /* OVS_*_CMD_*. */
    int dp_ifindex;             /* From struct ovs_header. */
    struct nlattr *attrs[32];   /* Attributes by type (NULL if absent). */
};

/* Parses the message 'nlh' of 'family' into 'm'.  Returns true on
 * success. */
static bool
ovs_msg_parse(struct nlmsghdr *nlh, int family, int max_attr,
              struct ovs_msg *m)
{
    struct genlmsghdr *genl;
    struct ovs_header *ovs_header;

    if (nlh->nlmsg_type != family
        || nlh->nlmsg_len < OVS_MSG_HDRLEN) {
        return false;
    }
    genl = NLMSG_DATA(nlh);
    ovs_header = (struct ovs_header *) ((char *) genl + GENL_HDRLEN);
    m->cmd = genl->cmd;
    m->dp_ifindex = ovs_header->dp_ifindex;
    memset(m->attrs, 0, sizeof m->attrs);
    ovs_assert(max_attr < (int) ARRAY_SIZE(m->attrs));
    return !nla_parse(m->attrs, max_attr,
                      (struct nlattr *) ((char *) nlh + OVS_MSG_HDRLEN),
                      nlh->nlmsg_len - OVS_MSG_HDRLEN, NULL);
}

/* Sends 'request' (which this function uninitializes) and waits for the
 * kernel's acknowledgement.  If 'replyp' is nonnull, asks for the reply
 * message too and stores a copy of it in '*replyp' (caller frees with
 * ofpbuf_delete()), or NULL if the kernel sent none.  Returns 0 or a
 * positive errno. */
static int
nl_transact(struct ofpbuf *request, struct ofpbuf **replyp)
{
    struct nl_sock *sock;
    struct ofpbuf buf;
    uint32_t seq;
    bool done = false;
    int error;

    if (replyp) {
        *replyp = NULL;
    }
    error = pool_get(&sock);
    if (error) {
        ofpbuf_uninit(request);
        return error;
    }

    seq = dpif_netlink_next_seq();
    msg_nlh(request)->nlmsg_len = request->size;
    msg_nlh(request)->nlmsg_seq = seq;
    msg_nlh(request)->nlmsg_flags |= NLM_F_ACK | (replyp ? NLM_F_ECHO : 0);
    error = nl_sock_send_buf(sock, request);
    ofpbuf_uninit(request);
    if (error) {
        pool_put(sock);
        return error;
    }

    ofpbuf_init(&buf, 4096);
    while (!done) {
        struct nlmsghdr *nlh;
        int len;

        error = nl_sock_recv_buf(sock, &buf, true);
        if (error) {
            break;
        }
        len = buf.size;
        for (nlh = buf.data; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
            if (nlh->nlmsg_seq != seq) {
                continue;
            }
            if (nlh->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *err = NLMSG_DATA(nlh);

                error = -err->error;
                done = true;
                break;
            } else if (nlh->nlmsg_type == NLMSG_DONE) {
                done = true;
                break;
            } else if (replyp && !*replyp) {
                *replyp = ofpbuf_clone_data(nlh, nlh->nlmsg_len);
            }
        }
    }
    ofpbuf_uninit(&buf);
    pool_put(sock);

    if (error && replyp && *replyp) {
        ofpbuf_delete(*replyp);
        *replyp = NULL;
    }
    return error;
}

/* Runs the dump request 'request' (uninitialized by this function),
 * calling 'cb' with each message of 'family'.  Returns 0 or a positive
 * errno. */
static int
nl_dump_all(struct ofpbuf *request, int family, int max_attr,
            void (*cb)(struct ovs_msg *, void *aux), void *aux)
{
    struct nl_sock *sock;
    struct ofpbuf buf;
    uint32_t seq;
    bool done = false;
    int error;

    error = pool_get(&sock);
    if (error) {
        ofpbuf_uninit(request);
        return error;
    }
    seq = dpif_netlink_next_seq();
    msg_nlh(request)->nlmsg_len = request->size;
    msg_nlh(request)->nlmsg_seq = seq;
    msg_nlh(request)->nlmsg_flags |= NLM_F_DUMP;
    error = nl_sock_send_buf(sock, request);
    ofpbuf_uninit(request);

    ofpbuf_init(&buf, 4096);
    while (!error && !done) {
        struct nlmsghdr *nlh;
        int len;

        error = nl_sock_recv_buf(sock, &buf, true);
        if (error) {
            break;
        }
        len = buf.size;
        for (nlh = buf.data; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
            struct ovs_msg m;

            if (nlh->nlmsg_seq != seq) {
                continue;
            }
            if (nlh->nlmsg_type == NLMSG_DONE) {
                done = true;
                break;
            } else if (nlh->nlmsg_type == NLMSG_ERROR) {
                error = -((struct nlmsgerr *) NLMSG_DATA(nlh))->error;
                done = true;
                break;
            } else if (ovs_msg_parse(nlh, family, max_attr, &m)) {
                cb(&m, aux);
            }
        }
    }
    ofpbuf_uninit(&buf);
    pool_put(sock);
    return error;
}

/* Resolves the families once.  Returns 0, or ENOENT if the kernel module
 * is not loaded. */
static int
dpif_netlink_init(void)
{
    static struct ovsthread_once once = OVSTHREAD_ONCE_INITIALIZER;
    static int error;

    if (ovsthread_once_start(&once)) {
        struct nl_sock *sock;

        error = nl_sock_create(&sock);
        if (!error) {
            ovs_datapath_family = genl_ctrl_resolve(sock,
                                                    OVS_DATAPATH_FAMILY);
            if (ovs_datapath_family < 0) {
                VLOG_INFO("Generic Netlink family '%s' does not exist. The "
                          "Open vSwitch kernel module is probably not "
                          "loaded.", OVS_DATAPATH_FAMILY);
                error = ENOENT;
            } else {
                ovs_vport_family = genl_ctrl_resolve(sock, OVS_VPORT_FAMILY);
                ovs_flow_family = genl_ctrl_resolve(sock, OVS_FLOW_FAMILY);
                ovs_packet_family = genl_ctrl_resolve(sock,
                                                      OVS_PACKET_FAMILY);
                ovs_meter_family = genl_ctrl_resolve(sock, OVS_METER_FAMILY);
                ovs_vport_mcgroup = genl_ctrl_resolve_grp(sock,
                                                          OVS_VPORT_FAMILY,
                                                          OVS_VPORT_MCGROUP);
                if (ovs_vport_family < 0 || ovs_flow_family < 0
                    || ovs_packet_family < 0) {
                    VLOG_ERR("the kernel module lacks some of the "
                             "ovs_vport, ovs_flow and ovs_packet families");
                    error = ENOENT;
                }
            }
            nl_socket_free(sock);
        }
        ovsthread_once_done(&once);
    }
    return error;
}

/* Datapaths. */

/* An open datapath. */
struct dpif_netlink {
    struct dpif dpif;           /* Generic part. */
    int dp_ifindex;             /* Datapath's ifindex in the kernel. */
    uint32_t user_features;     /* OVS_DP_F_* in effect. */

    /* Upcalls. */
    struct ovs_mutex upcall_lock; /* Protects the members below. */
    bool recv_enabled;          /* True if receiving upcalls. */
    uint32_t n_handlers;        /* Number of handler sockets wanted. */
    struct nl_sock **handlers;  /* 'n_handlers' sockets if enabled. */
    bool per_cpu;               /* True if the datapath dispatches upcalls
                                 * per CPU to 'handlers'. */
    int logged_mode;            /* -1 if no dispatch mode was logged yet,
                                 * else 'per_cpu' when it was. */

    /* Port change notifications. */
    struct nl_sock *port_notifier; /* Member of the ovs_vport group. */
    bool port_notifier_new;     /* True until the first poll reported
                                 * ENOBUFS, so the caller rereads. */
};

static struct dpif_netlink *
dpif_netlink_cast(const struct dpif *dpif)
{
    dpif_assert_class(dpif, &dpif_netlink_class);
    return CONTAINER_OF(dpif, struct dpif_netlink, dpif);
}

/* What a datapath reply says. */
struct dp_reply {
    int dp_ifindex;             /* Datapath's ifindex. */
    char name[IFNAMSIZ + 1];    /* Datapath's name. */
    struct ovs_dp_stats stats;  /* Lookup statistics. */
    bool has_mf_stats;          /* True if 'mf_stats' was present. */
    struct ovs_dp_megaflow_stats mf_stats; /* Megaflow statistics. */
    size_t mf_stats_size;       /* Size of the attribute received. */
    uint32_t user_features;     /* OVS_DP_F_* bits in effect. */
    bool has_cache_size;        /* True if 'cache_size' was present. */
    uint32_t cache_size;        /* Mask cache entries per CPU. */
};

/* Sends a datapath request 'cmd' with 'flags' for the datapath named
 * 'name' (or 'dp_ifindex' if 'name' is NULL), with 'user_features' if
 * 'set_features'.  On success, stores the reply in '*reply' if nonnull. */
static int
dp_transact(uint8_t cmd, uint16_t flags, const char *name, int dp_ifindex,
            bool set_features, uint32_t user_features,
            struct dp_reply *reply)
{
    struct ofpbuf request, *msg;
    int error;

    ovs_msg_start(&request, ovs_datapath_family, OVS_DATAPATH_VERSION, cmd,
                  flags, name ? 0 : dp_ifindex);
    if (name) {
        nl_msg_put_string(&request, OVS_DP_ATTR_NAME, name);
    }
    if (cmd == OVS_DP_CMD_NEW) {
        /* Required by the kernel; handlers are registered per vport. */
        nl_msg_put_u32(&request, OVS_DP_ATTR_UPCALL_PID, 0);
    }
    if (set_features) {
        nl_msg_put_u32(&request, OVS_DP_ATTR_USER_FEATURES, user_features);
    }

    error = nl_transact(&request, reply ? &msg : NULL);
    if (error || !reply) {
        return error;
    }
    if (!msg) {
        return EPROTO;
    }

    struct ovs_msg m;

    memset(reply, 0, sizeof *reply);
    if (!ovs_msg_parse(msg_nlh(msg), ovs_datapath_family, OVS_DP_ATTR_MAX,
                       &m) || !m.attrs[OVS_DP_ATTR_NAME]) {
        ofpbuf_delete(msg);
        return EPROTO;
    }
    reply->dp_ifindex = m.dp_ifindex;
    ovs_strlcpy(reply->name, nla_data(m.attrs[OVS_DP_ATTR_NAME]),
                sizeof reply->name);
    if (m.attrs[OVS_DP_ATTR_STATS]
        && nla_len(m.attrs[OVS_DP_ATTR_STATS]) >= (int) sizeof reply->stats) {
        memcpy(&reply->stats, nla_data(m.attrs[OVS_DP_ATTR_STATS]),
               sizeof reply->stats);
    }
    if (m.attrs[OVS_DP_ATTR_MEGAFLOW_STATS]) {
        size_t size = nla_len(m.attrs[OVS_DP_ATTR_MEGAFLOW_STATS]);

        reply->has_mf_stats = true;
        reply->mf_stats_size = MIN(size, sizeof reply->mf_stats);
        memcpy(&reply->mf_stats, nla_data(m.attrs[OVS_DP_ATTR_MEGAFLOW_STATS]),
               reply->mf_stats_size);
    }
    if (m.attrs[OVS_DP_ATTR_USER_FEATURES]) {
        reply->user_features = nla_get_u32(m.attrs[OVS_DP_ATTR_USER_FEATURES]);
    }
    if (m.attrs[OVS_DP_ATTR_MASKS_CACHE_SIZE]) {
        reply->has_cache_size = true;
        reply->cache_size
            = nla_get_u32(m.attrs[OVS_DP_ATTR_MASKS_CACHE_SIZE]);
    }
    ofpbuf_delete(msg);
    return 0;
}

static void
enumerate_cb(struct ovs_msg *m, void *all_dps_)
{
    struct sset *all_dps = all_dps_;

    if (m->attrs[OVS_DP_ATTR_NAME]) {
        sset_add(all_dps, nla_data(m->attrs[OVS_DP_ATTR_NAME]));
    }
}

static int
dpif_netlink_enumerate(struct sset *all_dps, const void *aux OVS_UNUSED)
{
    struct ofpbuf request;
    int error;

    error = dpif_netlink_init();
    if (error) {
        return error;
    }
    ovs_msg_start(&request, ovs_datapath_family, OVS_DATAPATH_VERSION,
                  OVS_DP_CMD_GET, 0, 0);
    return nl_dump_all(&request, ovs_datapath_family, OVS_DP_ATTR_MAX,
                       enumerate_cb, all_dps);
}

static const char *
dpif_netlink_port_open_type(const struct dpif_class *class OVS_UNUSED,
                            const char *type)
{
    return !strcmp(type, "internal") ? "internal" : type;
}

static int
dpif_netlink_open(const struct dpif_class *class OVS_UNUSED,
                  const char *name, bool create, struct dpif **dpifp)
{
    struct dpif_netlink *dpif;
    struct dp_reply reply;
    int error;

    error = dpif_netlink_init();
    if (error) {
        return error;
    }

    if (create) {
        /* Ask for the most features first, then fall back. */
        static const uint32_t tries[] = {
            OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS,
            OVS_DP_F_VPORT_PIDS,
            0,
        };

        error = EINVAL;
        for (size_t i = 0; i < ARRAY_SIZE(tries); i++) {
            error = dp_transact(OVS_DP_CMD_NEW, 0, name, 0, true, tries[i],
                                &reply);
            if (error != EINVAL && error != EOPNOTSUPP) {
                break;
            }
            VLOG_INFO("%s: datapath refused features %#"PRIx32" (%s)",
                      name, tries[i], ovs_strerror(error));
        }
    } else {
        error = dp_transact(OVS_DP_CMD_GET, 0, name, 0, false, 0, &reply);
    }
    if (error) {
        return error;
    }

    dpif = xzalloc(sizeof *dpif);
    dpif_init(&dpif->dpif, &dpif_netlink_class, reply.name,
              reply.dp_ifindex >> 8, reply.dp_ifindex);
    dpif->dp_ifindex = reply.dp_ifindex;
    dpif->user_features = reply.user_features;
    dpif->logged_mode = -1;
    ovs_mutex_init(&dpif->upcall_lock);
    if (create) {
        VLOG_INFO("%s: datapath features: unaligned %s, vport pids %s",
                  reply.name,
                  reply.user_features & OVS_DP_F_UNALIGNED ? "yes" : "no",
                  reply.user_features & OVS_DP_F_VPORT_PIDS ? "yes" : "no");
    }
    *dpifp = &dpif->dpif;
    return 0;
}

static void
destroy_handlers(struct dpif_netlink *dpif)
{
    for (uint32_t i = 0; dpif->handlers && i < dpif->n_handlers; i++) {
        nl_socket_free(dpif->handlers[i]);
    }
    free(dpif->handlers);
    dpif->handlers = NULL;
}

static void
dpif_netlink_close(struct dpif *dpif_)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);

    destroy_handlers(dpif);
    if (dpif->port_notifier) {
        nl_socket_free(dpif->port_notifier);
    }
    ovs_mutex_destroy(&dpif->upcall_lock);
    free(dpif);
}

static int
dpif_netlink_destroy(struct dpif *dpif_)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);

    return dp_transact(OVS_DP_CMD_DEL, 0, NULL, dpif->dp_ifindex, false, 0,
                       NULL);
}

static int
dpif_netlink_get_stats(const struct dpif *dpif_, struct dpif_dp_stats *stats)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct dp_reply reply;
    int error;

    error = dp_transact(OVS_DP_CMD_GET, 0, NULL, dpif->dp_ifindex, false, 0,
                        &reply);
    if (error) {
        return error;
    }
    memset(stats, 0, sizeof *stats);
    stats->n_hit = reply.stats.n_hit;
    stats->n_missed = reply.stats.n_missed;
    stats->n_lost = reply.stats.n_lost;
    stats->n_flows = reply.stats.n_flows;
    if (reply.has_mf_stats) {
        stats->n_mask_hit = reply.mf_stats.n_mask_hit;
        stats->n_masks = reply.mf_stats.n_masks;
        stats->n_cache_hit = (reply.mf_stats_size
                              >= offsetof(struct ovs_dp_megaflow_stats, pad1)
                              ? reply.mf_stats.n_cache_hit : UINT64_MAX);
    } else {
        stats->n_mask_hit = UINT64_MAX;
        stats->n_masks = UINT32_MAX;
        stats->n_cache_hit = UINT64_MAX;
    }
    return 0;
}

static int
dpif_netlink_set_features(struct dpif *dpif_, uint32_t user_features)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct dp_reply reply;
    int error;

    error = dp_transact(OVS_DP_CMD_SET, 0, NULL, dpif->dp_ifindex, true,
                        user_features, &reply);
    if (!error) {
        dpif->user_features = reply.user_features;
    }
    return error;
}

/* Ports. */

static uint32_t
netdev_type_to_vport_type(const char *type)
{
    return (!strcmp(type, "system") || !strcmp(type, "tap")
            ? OVS_VPORT_TYPE_NETDEV
            : !strcmp(type, "internal") ? OVS_VPORT_TYPE_INTERNAL
            : OVS_VPORT_TYPE_UNSPEC);
}

static const char *
vport_type_to_netdev_type(uint32_t type)
{
    switch (type) {
    case OVS_VPORT_TYPE_NETDEV:
        return "system";
    case OVS_VPORT_TYPE_INTERNAL:
        return "internal";
    case OVS_VPORT_TYPE_GRE:
        return "gre";
    case OVS_VPORT_TYPE_VXLAN:
        return "vxlan";
    case OVS_VPORT_TYPE_GENEVE:
        return "geneve";
    default:
        return "unknown";
    }
}

/* Fills 'port' (caller destroys) from the vport message 'm'.  Returns
 * false if 'm' lacks a name, type or number. */
static bool
vport_from_msg(const struct ovs_msg *m, struct dpif_port *port)
{
    if (!m->attrs[OVS_VPORT_ATTR_NAME] || !m->attrs[OVS_VPORT_ATTR_TYPE]
        || !m->attrs[OVS_VPORT_ATTR_PORT_NO]) {
        return false;
    }
    port->name = xstrdup(nla_data(m->attrs[OVS_VPORT_ATTR_NAME]));
    port->type = xstrdup(vport_type_to_netdev_type(
                             nla_get_u32(m->attrs[OVS_VPORT_ATTR_TYPE])));
    port->port_no = u32_to_odp(nla_get_u32(m->attrs[OVS_VPORT_ATTR_PORT_NO]));
    return true;
}

/* Appends the upcall pids for a vport to 'request': every handler's port
 * id (only the first without OVS_DP_F_VPORT_PIDS), or 0 if not receiving.
 * Called with 'dpif->upcall_lock'. */
static void
put_upcall_pids(struct dpif_netlink *dpif, struct ofpbuf *request)
{
    if (dpif->recv_enabled && dpif->handlers && dpif->n_handlers) {
        uint32_t n = (dpif->user_features & OVS_DP_F_VPORT_PIDS
                      ? dpif->n_handlers : 1);
        uint32_t *pids = xmalloc(n * sizeof *pids);

        for (uint32_t i = 0; i < n; i++) {
            pids[i] = nl_socket_get_local_port(dpif->handlers[i]);
        }
        nl_msg_put_unspec(request, OVS_VPORT_ATTR_UPCALL_PID, pids,
                          n * sizeof *pids);
        free(pids);
    } else {
        nl_msg_put_u32(request, OVS_VPORT_ATTR_UPCALL_PID, 0);
    }
}

static int
dpif_netlink_port_add(struct dpif *dpif_, struct netdev *netdev,
                      odp_port_t *port_nop)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    const char *type = netdev_get_type(netdev);
    uint32_t vport_type = netdev_type_to_vport_type(type);
    struct ofpbuf request, *reply;
    struct ovs_msg m;
    int error;

    if (vport_type == OVS_VPORT_TYPE_UNSPEC) {
        VLOG_WARN_RL(&rl, "%s: cannot create a port of type %s in the "
                     "kernel datapath", netdev_get_name(netdev), type);
        return EINVAL;
    }

    ovs_msg_start(&request, ovs_vport_family, OVS_VPORT_VERSION,
                  OVS_VPORT_CMD_NEW, 0, dpif->dp_ifindex);
    nl_msg_put_string(&request, OVS_VPORT_ATTR_NAME, netdev_get_name(netdev));
    nl_msg_put_u32(&request, OVS_VPORT_ATTR_TYPE, vport_type);
    if (*port_nop != ODPP_NONE) {
        nl_msg_put_u32(&request, OVS_VPORT_ATTR_PORT_NO,
                       odp_to_u32(*port_nop));
    }
    ovs_mutex_lock(&dpif->upcall_lock);
    put_upcall_pids(dpif, &request);
    ovs_mutex_unlock(&dpif->upcall_lock);

    error = nl_transact(&request, &reply);
    if (error) {
        return error;
    }
    if (!reply || !ovs_msg_parse(msg_nlh(reply), ovs_vport_family,
                                 OVS_VPORT_ATTR_MAX, &m)
        || !m.attrs[OVS_VPORT_ATTR_PORT_NO]) {
        ofpbuf_delete(reply);
        return EPROTO;
    }
    *port_nop = u32_to_odp(nla_get_u32(m.attrs[OVS_VPORT_ATTR_PORT_NO]));
    ofpbuf_delete(reply);
    return 0;
}

static int
dpif_netlink_port_del(struct dpif *dpif_, odp_port_t port_no)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct ofpbuf request;

    ovs_msg_start(&request, ovs_vport_family, OVS_VPORT_VERSION,
                  OVS_VPORT_CMD_DEL, 0, dpif->dp_ifindex);
    nl_msg_put_u32(&request, OVS_VPORT_ATTR_PORT_NO, odp_to_u32(port_no));
    return nl_transact(&request, NULL);
}

/* Looks up a vport by 'port_no' (if 'name' is NULL) or 'name'. */
static int
port_query(const struct dpif_netlink *dpif, odp_port_t port_no,
           const char *name, struct dpif_port *port)
{
    struct ofpbuf request, *reply;
    struct dpif_port tmp;
    struct ovs_msg m;
    int error;

    ovs_msg_start(&request, ovs_vport_family, OVS_VPORT_VERSION,
                  OVS_VPORT_CMD_GET, 0, dpif->dp_ifindex);
    if (name) {
        nl_msg_put_string(&request, OVS_VPORT_ATTR_NAME, name);
    } else {
        nl_msg_put_u32(&request, OVS_VPORT_ATTR_PORT_NO, odp_to_u32(port_no));
    }
    error = nl_transact(&request, &reply);
    if (error) {
        return error == ENOENT ? ENODEV : error;
    }
    if (!reply || !ovs_msg_parse(msg_nlh(reply), ovs_vport_family,
                                 OVS_VPORT_ATTR_MAX, &m)
        || !vport_from_msg(&m, &tmp)) {
        ofpbuf_delete(reply);
        return EPROTO;
    }
    ofpbuf_delete(reply);
    if (m.dp_ifindex != dpif->dp_ifindex) {
        dpif_port_destroy(&tmp);
        return ENODEV;
    }
    if (port) {
        *port = tmp;
    } else {
        dpif_port_destroy(&tmp);
    }
    return 0;
}

static int
dpif_netlink_port_query_by_number(const struct dpif *dpif_,
                                  odp_port_t port_no, struct dpif_port *port)
{
    return port_query(dpif_netlink_cast(dpif_), port_no, NULL, port);
}

static int
dpif_netlink_port_query_by_name(const struct dpif *dpif_,
                                const char *devname, struct dpif_port *port)
{
    return port_query(dpif_netlink_cast(dpif_), ODPP_NONE, devname, port);
}

/* A port dump: every vport, read at the start. */
struct port_dump_state {
    struct dpif_port *ports;    /* The ports. */
    size_t n, allocated;        /* Number of ports, allocated slots. */
    size_t next;                /* Next one to return. */
    bool has_last;              /* True if 'ports[next - 1]' was
                                 * returned (freed at the next call). */
};

static void
port_dump_cb(struct ovs_msg *m, void *state_)
{
    struct port_dump_state *state = state_;
    struct dpif_port port;

    if (vport_from_msg(m, &port)) {
        if (state->n >= state->allocated) {
            state->ports = x2nrealloc(state->ports, &state->allocated,
                                      sizeof *state->ports);
        }
        state->ports[state->n++] = port;
    }
}

static int
dpif_netlink_port_dump_start(const struct dpif *dpif_, void **statep)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct port_dump_state *state = xzalloc(sizeof *state);
    struct ofpbuf request;
    int error;

    ovs_msg_start(&request, ovs_vport_family, OVS_VPORT_VERSION,
                  OVS_VPORT_CMD_GET, 0, dpif->dp_ifindex);
    error = nl_dump_all(&request, ovs_vport_family, OVS_VPORT_ATTR_MAX,
                        port_dump_cb, state);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: port dump failed (%s)", dpif_name(dpif_),
                     ovs_strerror(error));
    }
    *statep = state;
    return 0;
}

static int
dpif_netlink_port_dump_next(const struct dpif *dpif OVS_UNUSED, void *state_,
                            struct dpif_port *port)
{
    struct port_dump_state *state = state_;

    if (state->next >= state->n) {
        return EOF;
    }
    *port = state->ports[state->next++];
    return 0;
}

static int
dpif_netlink_port_dump_done(const struct dpif *dpif OVS_UNUSED, void *state_)
{
    struct port_dump_state *state = state_;

    for (size_t i = 0; i < state->n; i++) {
        dpif_port_destroy(&state->ports[i]);
    }
    free(state->ports);
    free(state);
    return 0;
}

/* Port change notifications. */

static int
dpif_netlink_port_poll(const struct dpif *dpif_, char **devnamep)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct ofpbuf buf;
    int error;

    if (!dpif->port_notifier) {
        struct nl_sock *sock;

        if (ovs_vport_mcgroup < 0) {
            return EAGAIN;
        }
        error = nl_sock_create(&sock);
        if (error) {
            return error;
        }
        if (nl_socket_add_membership(sock, ovs_vport_mcgroup) < 0) {
            nl_socket_free(sock);
            return EAGAIN;
        }
        nl_socket_set_nonblocking(sock);
        dpif->port_notifier = sock;
        /* Changes before we joined are unknown: the caller rereads. */
        return ENOBUFS;
    }

    ofpbuf_init(&buf, 4096);
    for (;;) {
        struct nlmsghdr *nlh;
        int len;

        error = nl_sock_recv_buf(dpif->port_notifier, &buf, false);
        if (error) {
            break;
        }
        len = buf.size;
        for (nlh = buf.data; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
            struct ovs_msg m;

            if (ovs_msg_parse(nlh, ovs_vport_family, OVS_VPORT_ATTR_MAX, &m)
                && m.dp_ifindex == dpif->dp_ifindex
                && (m.cmd == OVS_VPORT_CMD_NEW || m.cmd == OVS_VPORT_CMD_DEL
                    || m.cmd == OVS_VPORT_CMD_SET)
                && m.attrs[OVS_VPORT_ATTR_NAME]) {
                *devnamep = xstrdup(nla_data(m.attrs[OVS_VPORT_ATTR_NAME]));
                ofpbuf_uninit(&buf);
                return 0;
            }
        }
    }
    ofpbuf_uninit(&buf);
    return error;
}

static void
dpif_netlink_port_poll_wait(const struct dpif *dpif_)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);

    if (dpif->port_notifier) {
        poll_fd_wait(nl_socket_get_fd(dpif->port_notifier), POLLIN);
    } else {
        poll_immediate_wake();
    }
}

/* Flows. */

/* Fills 'flow' from the flow message 'm' (whose attributes stay in the
 * caller's buffer). */
static void
flow_from_msg(const struct dpif *dpif, const struct ovs_msg *m,
              struct dpif_flow *flow)
{
    struct nlattr *const *a = m->attrs;

    memset(flow, 0, sizeof *flow);
    if (a[OVS_FLOW_ATTR_KEY]) {
        flow->key = nla_data(a[OVS_FLOW_ATTR_KEY]);
        flow->key_len = nla_len(a[OVS_FLOW_ATTR_KEY]);
    }
    if (a[OVS_FLOW_ATTR_MASK]) {
        flow->mask = nla_data(a[OVS_FLOW_ATTR_MASK]);
        flow->mask_len = nla_len(a[OVS_FLOW_ATTR_MASK]);
    }
    if (a[OVS_FLOW_ATTR_ACTIONS]) {
        flow->actions = nla_data(a[OVS_FLOW_ATTR_ACTIONS]);
        flow->actions_len = nla_len(a[OVS_FLOW_ATTR_ACTIONS]);
    }
    if (a[OVS_FLOW_ATTR_UFID]
        && nla_len(a[OVS_FLOW_ATTR_UFID]) == sizeof flow->ufid) {
        memcpy(&flow->ufid, nla_data(a[OVS_FLOW_ATTR_UFID]),
               sizeof flow->ufid);
        flow->ufid_present = true;
    } else if (flow->key) {
        dpif_flow_hash(dpif, flow->key, flow->key_len, &flow->ufid);
    }
    flow->pmd_id = PMD_ID_NULL;
    if (a[OVS_FLOW_ATTR_STATS]
        && nla_len(a[OVS_FLOW_ATTR_STATS]) >= (int) sizeof(struct
                                                            ovs_flow_stats)) {
        struct ovs_flow_stats s;

        memcpy(&s, nla_data(a[OVS_FLOW_ATTR_STATS]), sizeof s);
        flow->stats.n_packets = s.n_packets;
        flow->stats.n_bytes = s.n_bytes;
    }
    if (a[OVS_FLOW_ATTR_USED]) {
        uint64_t used;

        memcpy(&used, nla_data(a[OVS_FLOW_ATTR_USED]), sizeof used);
        flow->stats.used = used;
    }
    if (a[OVS_FLOW_ATTR_TCP_FLAGS]) {
        flow->stats.tcp_flags = nla_get_u8(a[OVS_FLOW_ATTR_TCP_FLAGS]);
    }
    flow->attrs.offloaded = false;
    flow->attrs.dp_layer = "ovs";
}

static void
stats_from_reply(const struct ofpbuf *reply, struct dpif_flow_stats *stats)
{
    struct ovs_msg m;

    memset(stats, 0, sizeof *stats);
    if (reply && ovs_msg_parse(msg_nlh(reply), ovs_flow_family,
                               OVS_FLOW_ATTR_MAX, &m)) {
        struct dpif_flow f;

        flow_from_msg(NULL, &m, &f);
        *stats = f.stats;
    }
}

/* Adds the flow identification (UFID and/or key) to 'request'. */
static void
put_flow_id(struct ofpbuf *request, const struct nlattr *key, size_t key_len,
            const ovs_u128 *ufid)
{
    if (ufid) {
        nl_msg_put_unspec(request, OVS_FLOW_ATTR_UFID, ufid, sizeof *ufid);
    }
    if (key) {
        nl_msg_put_unspec(request, OVS_FLOW_ATTR_KEY, key, key_len);
    }
}

/* Builds the request for a flow put into 'request'; returns true if the
 * caller wants the reply (for the old statistics). */
static bool
build_flow_put(struct dpif_netlink *dpif, const struct dpif_flow_put *put,
               struct ofpbuf *request)
{
    enum dpif_flow_put_flags flags = put->flags;
    uint16_t nl_flags = 0;
    uint8_t cmd;

    /* NEW with NLM_F_CREATE | NLM_F_EXCL fails if the flow exists; NEW
     * without them creates or modifies; SET modifies only. */
    if (flags & DPIF_FP_CREATE) {
        cmd = OVS_FLOW_CMD_NEW;
        if (!(flags & DPIF_FP_MODIFY)) {
            nl_flags = NLM_F_CREATE | NLM_F_EXCL;
        }
    } else {
        cmd = OVS_FLOW_CMD_SET;
    }

    ovs_msg_start(request, ovs_flow_family, OVS_FLOW_VERSION, cmd, nl_flags,
                  dpif->dp_ifindex);
    put_flow_id(request, put->key, put->key_len, put->ufid);
    if (put->mask) {
        nl_msg_put_unspec(request, OVS_FLOW_ATTR_MASK, put->mask,
                          put->mask_len);
    }
    /* An empty action list drops: send it explicitly. */
    nl_msg_put_unspec(request, OVS_FLOW_ATTR_ACTIONS,
                      put->actions ? put->actions : (const void *) "",
                      put->actions ? put->actions_len : 0);
    if (flags & DPIF_FP_ZERO_STATS) {
        nl_msg_put_flag(request, OVS_FLOW_ATTR_CLEAR);
    }
    if (flags & DPIF_FP_PROBE) {
        nl_msg_put_flag(request, OVS_FLOW_ATTR_PROBE);
    }
    return put->stats != NULL;
}

static bool
build_flow_del(struct dpif_netlink *dpif, const struct dpif_flow_del *del,
               struct ofpbuf *request)
{
    ovs_msg_start(request, ovs_flow_family, OVS_FLOW_VERSION,
                  OVS_FLOW_CMD_DEL, 0, dpif->dp_ifindex);
    /* With a UFID, the key adds nothing but a chance for the kernel to
     * reject a key it installed itself (from a malformed packet). */
    put_flow_id(request, del->ufid ? NULL : del->key, del->key_len,
                del->ufid);
    if (del->terse) {
        nl_msg_put_u32(request, OVS_FLOW_ATTR_UFID_FLAGS,
                       OVS_UFID_F_OMIT_KEY | OVS_UFID_F_OMIT_MASK
                       | OVS_UFID_F_OMIT_ACTIONS);
    }
    return del->stats != NULL;
}

static bool
build_flow_get(struct dpif_netlink *dpif, const struct dpif_flow_get *get,
               struct ofpbuf *request)
{
    ovs_msg_start(request, ovs_flow_family, OVS_FLOW_VERSION,
                  OVS_FLOW_CMD_GET, 0, dpif->dp_ifindex);
    put_flow_id(request, get->key, get->key_len, get->ufid);
    return true;
}

static bool
build_execute(struct dpif_netlink *dpif, const struct dpif_execute *exec,
              struct ofpbuf *request)
{
    struct odp_flow_key_parms parms = {
        .flow = exec->flow,
        .support = { .max_vlan_headers = 2, .recirc = true,
                     .ct_state = true },
    };
    struct ofpbuf key;
    size_t offset;

    ovs_msg_start(request, ovs_packet_family, OVS_PACKET_VERSION,
                  OVS_PACKET_CMD_EXECUTE, 0, dpif->dp_ifindex);
    nl_msg_put_unspec(request, OVS_PACKET_ATTR_PACKET,
                      dp_packet_data(exec->packet),
                      dp_packet_size(exec->packet));

    /* The kernel takes the metadata (in_port, priority, mark, tunnel...)
     * from the key and extracts the rest from the packet. */
    ofpbuf_init(&key, 256);
    odp_flow_key_from_flow(&parms, &key);
    offset = nl_msg_start_nested(request, OVS_PACKET_ATTR_KEY);
    ofpbuf_put(request, key.data, key.size);
    nl_msg_end_nested(request, offset);
    ofpbuf_uninit(&key);

    nl_msg_put_unspec(request, OVS_PACKET_ATTR_ACTIONS,
                      exec->actions ? exec->actions : (const void *) "",
                      exec->actions ? exec->actions_len : 0);
    if (exec->probe) {
        nl_msg_put_flag(request, OVS_PACKET_ATTR_PROBE);
    }
    if (exec->mtu) {
        nl_msg_put_u16(request, OVS_PACKET_ATTR_MRU, exec->mtu);
    }
    return false;
}

/* Builds the request for 'op' into 'request' and sets '*want_reply'.
 * Returns 0, or an errno for an operation that cannot be sent (then
 * 'request' is not initialized). */
static int
build_op(struct dpif_netlink *dpif, const struct dpif_op *op,
         struct ofpbuf *request, bool *want_reply)
{
    switch (op->type) {
    case DPIF_OP_FLOW_PUT:
        *want_reply = build_flow_put(dpif, &op->flow_put, request);
        return 0;
    case DPIF_OP_FLOW_DEL:
        if (!op->flow_del.key && !op->flow_del.ufid) {
            /* A DEL with neither would flush the whole table. */
            return EINVAL;
        }
        *want_reply = build_flow_del(dpif, &op->flow_del, request);
        return 0;
    case DPIF_OP_EXECUTE:
        *want_reply = build_execute(dpif, &op->execute, request);
        return 0;
    case DPIF_OP_FLOW_GET:
        if (!op->flow_get.key && !op->flow_get.ufid) {
            return EINVAL;
        }
        *want_reply = build_flow_get(dpif, &op->flow_get, request);
        return 0;
    default:
        return EOPNOTSUPP;
    }
}

/* Completes 'op' from its result 'error' and 'reply' (may be NULL). */
static void
finish_op(struct dpif_netlink *dpif, struct dpif_op *op, int error,
          const struct ofpbuf *reply)
{
    op->error = error;
    switch (op->type) {
    case DPIF_OP_FLOW_PUT:
        if (!error && op->flow_put.stats) {
            stats_from_reply(reply, op->flow_put.stats);
        }
        break;
    case DPIF_OP_FLOW_DEL:
        if (!error && op->flow_del.stats) {
            stats_from_reply(reply, op->flow_del.stats);
        }
        break;
    case DPIF_OP_EXECUTE:
        if (error && !op->execute.probe) {
            VLOG_WARN_RL(&rl, "%s: execute failed (%s)",
                         dpif_name(&dpif->dpif), ovs_strerror(error));
        }
        break;
    case DPIF_OP_FLOW_GET:
        if (!error) {
            const struct dpif_flow_get *get = &op->flow_get;
            struct ovs_msg m;

            /* The flow points into the caller's buffer. */
            ofpbuf_clear(get->buffer);
            if (reply) {
                ofpbuf_put(get->buffer, reply->data, reply->size);
            }
            if (!reply || !ovs_msg_parse(get->buffer->data, ovs_flow_family,
                                         OVS_FLOW_ATTR_MAX, &m)) {
                op->error = EPROTO;
            } else {
                flow_from_msg(&dpif->dpif, &m, get->flow);
            }
        }
        break;
    default:
        break;
    }
}

/* One request of a batch in flight. */
struct op_txn {
    struct dpif_op *op;         /* The operation. */
    uint32_t seq;               /* Its request's sequence number. */
    bool want_reply;            /* True if the reply message is needed. */
    bool done;                  /* True once acknowledged. */
    int error;                  /* Result. */
    struct ofpbuf *reply;       /* Copy of the reply, or NULL. */
};

/* Most requests sent before reading the answers. */
#define MAX_BATCH 64

/* Sends the 'n' requests of 'txns' (already built in 'requests') on one
 * socket back to back, then reads every answer, matching them by sequence
 * number. */
static void
operate_batch(struct dpif_netlink *dpif, struct op_txn *txns,
              struct ofpbuf *requests, size_t n)
{
    struct nl_sock *sock = NULL;
    size_t n_sent = 0, n_done = 0;
    struct ofpbuf buf;
    int error;

    error = pool_get(&sock);
    for (size_t i = 0; i < n; i++) {
        struct nlmsghdr *nlh = msg_nlh(&requests[i]);

        if (!error) {
            txns[i].seq = dpif_netlink_next_seq();
            nlh->nlmsg_len = requests[i].size;
            nlh->nlmsg_seq = txns[i].seq;
            nlh->nlmsg_flags |= NLM_F_ACK
                                | (txns[i].want_reply ? NLM_F_ECHO : 0);
            error = nl_sock_send_buf(sock, &requests[i]);
        }
        if (error) {
            txns[i].error = error;
            txns[i].done = true;
        } else {
            n_sent++;
        }
        ofpbuf_uninit(&requests[i]);
    }

    ofpbuf_init(&buf, 4096);
    while (n_done < n_sent) {
        struct nlmsghdr *nlh;
        int len;

        error = nl_sock_recv_buf(sock, &buf, true);
        if (error) {
            /* Lost answers: fail whatever is still pending. */
            for (size_t i = 0; i < n; i++) {
                if (!txns[i].done) {
                    txns[i].error = error;
                    txns[i].done = true;
                }
            }
            nl_socket_free(sock);
            sock = NULL;
            break;
        }
        len = buf.size;
        for (nlh = buf.data; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
            struct op_txn *txn = NULL;

            for (size_t i = 0; i < n; i++) {
                if (!txns[i].done && txns[i].seq == nlh->nlmsg_seq) {
                    txn = &txns[i];
                    break;
                }
            }
            if (!txn) {
                continue;
            }
            if (nlh->nlmsg_type == NLMSG_ERROR) {
                txn->error = -((struct nlmsgerr *) NLMSG_DATA(nlh))->error;
                txn->done = true;
                n_done++;
            } else if (txn->want_reply && !txn->reply) {
                txn->reply = ofpbuf_clone_data(nlh, nlh->nlmsg_len);
            }
        }
    }
    ofpbuf_uninit(&buf);
    if (sock) {
        pool_put(sock);
    }

    for (size_t i = 0; i < n; i++) {
        finish_op(dpif, txns[i].op, txns[i].error,
                  txns[i].error ? NULL : txns[i].reply);
        ofpbuf_delete(txns[i].reply);
    }
}

static void
dpif_netlink_operate(struct dpif *dpif_, struct dpif_op **ops, size_t n_ops)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct ofpbuf requests[MAX_BATCH];
    struct op_txn txns[MAX_BATCH];

    while (n_ops > 0) {
        size_t n = 0;

        while (n_ops > 0 && n < MAX_BATCH) {
            struct dpif_op *op = *ops++;
            bool want_reply = false;
            int error;

            n_ops--;
            error = build_op(dpif, op, &requests[n], &want_reply);
            if (error) {
                op->error = error;
                continue;
            }
            txns[n] = (struct op_txn) { .op = op, .want_reply = want_reply };
            n++;
        }
        if (n) {
            operate_batch(dpif, txns, requests, n);
        }
    }
}

static int
dpif_netlink_flow_flush(struct dpif *dpif_)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct ofpbuf request;

    ovs_msg_start(&request, ovs_flow_family, OVS_FLOW_VERSION,
                  OVS_FLOW_CMD_DEL, 0, dpif->dp_ifindex);
    return nl_transact(&request, NULL);
}

/* Flow dumps: one netlink dump shared by the dump's threads; each thread
 * takes whole datagrams under the mutex. */
struct dpif_netlink_flow_dump {
    struct dpif_flow_dump up;   /* Generic part. */
    struct ovs_mutex mutex;     /* Protects the members below. */
    struct nl_sock *sock;       /* The dump's socket. */
    uint32_t seq;               /* The dump request's sequence number. */
    bool done;                  /* True once NLMSG_DONE or an error came. */
    int status;                 /* 0 or the dump's error. */
};

struct dpif_netlink_flow_dump_thread {
    struct dpif_flow_dump_thread up; /* Generic part. */
    struct dpif_netlink_flow_dump *dump; /* The dump. */
    struct ofpbuf buf;          /* Last datagram received. */
    size_t ofs;                 /* Next message's offset in 'buf'. */
};

static struct dpif_flow_dump *
dpif_netlink_flow_dump_create(const struct dpif *dpif_, bool terse,
                              struct dpif_flow_dump_types *types OVS_UNUSED)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct dpif_netlink_flow_dump *dump = xzalloc(sizeof *dump);
    struct ofpbuf request;

    dump->up.dpif = dpif_;
    dump->up.terse = terse;
    ovs_mutex_init(&dump->mutex);
    dump->status = pool_get(&dump->sock);
    if (dump->status) {
        dump->done = true;
        return &dump->up;
    }

    dump->seq = dpif_netlink_next_seq();
    ovs_msg_start(&request, ovs_flow_family, OVS_FLOW_VERSION,
                  OVS_FLOW_CMD_GET, NLM_F_DUMP, dpif->dp_ifindex);
    if (terse) {
        nl_msg_put_u32(&request, OVS_FLOW_ATTR_UFID_FLAGS,
                       OVS_UFID_F_OMIT_KEY | OVS_UFID_F_OMIT_MASK
                       | OVS_UFID_F_OMIT_ACTIONS);
    }
    msg_nlh(&request)->nlmsg_len = request.size;
    msg_nlh(&request)->nlmsg_seq = dump->seq;
    dump->status = nl_sock_send_buf(dump->sock, &request);
    ofpbuf_uninit(&request);
    if (dump->status) {
        dump->done = true;
    }
    return &dump->up;
}

static int
dpif_netlink_flow_dump_destroy(struct dpif_flow_dump *dump_)
{
    struct dpif_netlink_flow_dump *dump
        = CONTAINER_OF(dump_, struct dpif_netlink_flow_dump, up);
    int status = dump->status;

    if (dump->sock) {
        if (!dump->done) {
            /* Unread replies would confuse the socket's next user. */
            nl_socket_free(dump->sock);
        } else {
            pool_put(dump->sock);
        }
    }
    ovs_mutex_destroy(&dump->mutex);
    free(dump);
    return status;
}

static struct dpif_flow_dump_thread *
dpif_netlink_flow_dump_thread_create(struct dpif_flow_dump *dump_)
{
    struct dpif_netlink_flow_dump_thread *thread = xzalloc(sizeof *thread);

    thread->up.dpif = dump_->dpif;
    thread->dump = CONTAINER_OF(dump_, struct dpif_netlink_flow_dump, up);
    ofpbuf_init(&thread->buf, 4096);
    return &thread->up;
}

static void
dpif_netlink_flow_dump_thread_destroy(struct dpif_flow_dump_thread *thread_)
{
    struct dpif_netlink_flow_dump_thread *thread
        = CONTAINER_OF(thread_, struct dpif_netlink_flow_dump_thread, up);

    ofpbuf_uninit(&thread->buf);
    free(thread);
}

static int
dpif_netlink_flow_dump_next(struct dpif_flow_dump_thread *thread_,
                            struct dpif_flow *flows, int max_flows)
{
    struct dpif_netlink_flow_dump_thread *thread
        = CONTAINER_OF(thread_, struct dpif_netlink_flow_dump_thread, up);
    struct dpif_netlink_flow_dump *dump = thread->dump;
    int n = 0;

    while (n < max_flows) {
        if (thread->ofs < thread->buf.size) {
            struct nlmsghdr *nlh = (struct nlmsghdr *)
                ((char *) thread->buf.data + thread->ofs);
            int left = thread->buf.size - thread->ofs;
            struct ovs_msg m;

            if (!NLMSG_OK(nlh, left)) {
                thread->ofs = thread->buf.size;
                continue;
            }
            thread->ofs += NLMSG_ALIGN(nlh->nlmsg_len);
            if (nlh->nlmsg_seq != dump->seq) {
                continue;
            }
            if (nlh->nlmsg_type == NLMSG_DONE
                || nlh->nlmsg_type == NLMSG_ERROR) {
                ovs_mutex_lock(&dump->mutex);
                if (nlh->nlmsg_type == NLMSG_ERROR && !dump->status) {
                    dump->status = -((struct nlmsgerr *)
                                     NLMSG_DATA(nlh))->error;
                }
                dump->done = true;
                ovs_mutex_unlock(&dump->mutex);
                thread->ofs = thread->buf.size;
                break;
            }
            if (ovs_msg_parse(nlh, ovs_flow_family, OVS_FLOW_ATTR_MAX, &m)) {
                flow_from_msg(thread->up.dpif, &m, &flows[n++]);
            }
            continue;
        }

        /* The flows already returned point into 'buf': stop here. */
        if (n) {
            break;
        }

        ovs_mutex_lock(&dump->mutex);
        if (dump->done) {
            ovs_mutex_unlock(&dump->mutex);
            break;
        }
        int error = nl_sock_recv_buf(dump->sock, &thread->buf, true);
        if (error) {
            dump->status = error;
            dump->done = true;
        }
        ovs_mutex_unlock(&dump->mutex);
        if (error) {
            break;
        }
        thread->ofs = 0;
    }
    return n;
}

/* Upcalls. */

/* Points every vport's upcall pids at the current handlers (or at 0).
 * Called with 'dpif->upcall_lock'. */
static int
refresh_vport_pids(struct dpif_netlink *dpif)
{
    struct dpif_port_dump dump;
    struct dpif_port port;
    int lasterror = 0;

    DPIF_PORT_FOR_EACH (&port, &dump, &dpif->dpif) {
        struct ofpbuf request;
        int error;

        ovs_msg_start(&request, ovs_vport_family, OVS_VPORT_VERSION,
                      OVS_VPORT_CMD_SET, 0, dpif->dp_ifindex);
        nl_msg_put_u32(&request, OVS_VPORT_ATTR_PORT_NO,
                       odp_to_u32(port.port_no));
        put_upcall_pids(dpif, &request);
        error = nl_transact(&request, NULL);
        VLOG_DBG("%s: port %s: upcall pids set for %"PRIu32" handlers "
                 "(%s)", dpif_name(&dpif->dpif), port.name,
                 dpif->handlers ? dpif->n_handlers : 0,
                 ovs_strerror(error));
        if (error) {
            VLOG_WARN_RL(&rl, "%s: failed to set upcall pid on port %s (%s)",
                         dpif_name(&dpif->dpif), port.name,
                         ovs_strerror(error));
            lasterror = error;
        }
    }
    return lasterror;
}

/* Asks 'dpif''s datapath for the user features 'features' and, if
 * 'pids' is nonnull, for the 'n_pids' per-CPU upcall port ids in 'pids'.
 * On success, records the features the datapath reports. */
static int
set_dp_features(struct dpif_netlink *dpif, uint32_t features,
                const uint32_t *pids, size_t n_pids)
{
    struct ofpbuf request, *msg;
    struct ovs_msg m;
    int error;

    ovs_msg_start(&request, ovs_datapath_family, OVS_DATAPATH_VERSION,
                  OVS_DP_CMD_SET, 0, dpif->dp_ifindex);
    nl_msg_put_u32(&request, OVS_DP_ATTR_USER_FEATURES, features);
    if (pids) {
        nl_msg_put_unspec(&request, OVS_DP_ATTR_PER_CPU_PIDS, pids,
                          n_pids * sizeof *pids);
    }
    error = nl_transact(&request, &msg);
    if (error) {
        return error;
    }
    if (msg && ovs_msg_parse(msg_nlh(msg), ovs_datapath_family,
                             OVS_DP_ATTR_MAX, &m)
        && m.attrs[OVS_DP_ATTR_USER_FEATURES]) {
        dpif->user_features = nla_get_u32(m.attrs[OVS_DP_ATTR_USER_FEATURES]);
    } else {
        dpif->user_features = features;
    }
    ofpbuf_delete(msg);
    return 0;
}

/* Returns the number of per-CPU upcall port ids to give the datapath: one
 * per configured CPU (the kernel wraps around for CPUs beyond them). */
static size_t
n_dispatch_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_CONF);

    return n < 1 ? 1 : MIN(n, 4096);
}

/* Makes 'dpif''s datapath deliver upcalls to the current handlers: per
 * CPU if the datapath accepts OVS_DP_F_DISPATCH_UPCALL_PER_CPU, else
 * through the vports' port ids (OVS_DP_F_VPORT_PIDS), unaligned if
 * possible.  A datapath that an earlier run or another program opened may
 * have other features (upstream's tools turn on per-CPU dispatch without
 * port ids, for one): they are replaced.  Keeps the other feature bits.
 * Called with 'dpif->upcall_lock', after the handlers were created. */
static void
claim_upcall_features(struct dpif_netlink *dpif)
{
    uint32_t base = OVS_DP_F_UNALIGNED | OVS_DP_F_VPORT_PIDS;
    bool tried_per_cpu = false;
    uint32_t features;
    struct dp_reply reply;
    int error;

    error = dp_transact(OVS_DP_CMD_GET, 0, NULL, dpif->dp_ifindex, false, 0,
                        &reply);
    if (error) {
        return;
    }
    dpif->user_features = reply.user_features;
    features = reply.user_features | base;

    dpif->per_cpu = false;
    if (dpif->handlers && dpif->n_handlers) {
        size_t n_cpus = n_dispatch_cpus();
        uint32_t *pids = xmalloc(n_cpus * sizeof *pids);

        for (size_t cpu = 0; cpu < n_cpus; cpu++) {
            pids[cpu] = nl_socket_get_local_port(
                dpif->handlers[cpu % dpif->n_handlers]);
        }
        error = set_dp_features(dpif,
                                features | OVS_DP_F_DISPATCH_UPCALL_PER_CPU,
                                pids, n_cpus);
        free(pids);
        tried_per_cpu = true;
        if (!error
            && dpif->user_features & OVS_DP_F_DISPATCH_UPCALL_PER_CPU) {
            dpif->per_cpu = true;
        } else {
            VLOG_DBG("%s: per-CPU upcall dispatch refused (%s)",
                     dpif_name(&dpif->dpif), ovs_strerror(error));
        }
    }

    /* A refused request may still have changed the features (Linux applies
     * them before the port ids), so set them again after a refusal. */
    features &= ~OVS_DP_F_DISPATCH_UPCALL_PER_CPU;
    if (!dpif->per_cpu
        && (tried_per_cpu || features != dpif->user_features)) {
        error = set_dp_features(dpif, features, NULL, 0);
        if (error) {
            /* An older datapath: at least leave per-CPU dispatch. */
            error = set_dp_features(dpif, features & ~OVS_DP_F_UNALIGNED,
                                    NULL, 0);
        }
        if (error) {
            VLOG_WARN("%s: could not set datapath features (%s)",
                      dpif_name(&dpif->dpif), ovs_strerror(error));
        }
    }
    if (dpif->logged_mode != dpif->per_cpu) {
        dpif->logged_mode = dpif->per_cpu;
        VLOG_INFO("Datapath dispatch mode: %s",
                  dpif->per_cpu ? "per-cpu" : "per-vport");
    }
}

/* Creates the handler sockets if receiving is enabled, or destroys them,
 * then refreshes the vports.  Called with 'dpif->upcall_lock'. */
static int
refresh_handlers(struct dpif_netlink *dpif)
{
    destroy_handlers(dpif);
    dpif->per_cpu = false;
    if (dpif->recv_enabled && dpif->n_handlers) {
        dpif->handlers = xcalloc(dpif->n_handlers, sizeof *dpif->handlers);
        for (uint32_t i = 0; i < dpif->n_handlers; i++) {
            int error = nl_sock_create(&dpif->handlers[i]);

            if (error) {
                for (uint32_t j = 0; j < i; j++) {
                    nl_socket_free(dpif->handlers[j]);
                }
                free(dpif->handlers);
                dpif->handlers = NULL;
                return error;
            }
            nl_socket_set_nonblocking(dpif->handlers[i]);
            nl_socket_set_buffer_size(dpif->handlers[i], 4 * 1024 * 1024, 0);
        }
        claim_upcall_features(dpif);
    }
    return refresh_vport_pids(dpif);
}

static int
dpif_netlink_recv_set(struct dpif *dpif_, bool enable)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    int error = 0;

    ovs_mutex_lock(&dpif->upcall_lock);
    if (dpif->recv_enabled != enable) {
        dpif->recv_enabled = enable;
        if (!dpif->n_handlers) {
            dpif->n_handlers = 1;
        }
        error = refresh_handlers(dpif);
    }
    ovs_mutex_unlock(&dpif->upcall_lock);
    return error;
}

static int
dpif_netlink_handlers_set(struct dpif *dpif_, uint32_t n_handlers)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    int error = 0;

    ovs_mutex_lock(&dpif->upcall_lock);
    if (dpif->n_handlers != n_handlers || !dpif->handlers) {
        /* The sockets go with the count they were made for. */
        destroy_handlers(dpif);
        dpif->n_handlers = n_handlers;
        if (dpif->recv_enabled) {
            error = refresh_handlers(dpif);
        }
    }
    ovs_mutex_unlock(&dpif->upcall_lock);
    return error;
}

/* Returns the port id that a userspace action in a flow from 'port_no'
 * names: one of the handlers, always the same for a port, or 0 when not
 * receiving.  With per-CPU dispatch the kernel sends the upcall to the
 * handler of the CPU instead, but Linux's module still refuses a userspace
 * action whose port id is 0: the first handler's then. */
static uint32_t
dpif_netlink_port_get_pid(const struct dpif *dpif_, odp_port_t port_no)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    uint32_t pid = 0;

    ovs_mutex_lock(&dpif->upcall_lock);
    if (dpif->handlers && dpif->n_handlers) {
        uint32_t n = (!dpif->per_cpu
                      && dpif->user_features & OVS_DP_F_VPORT_PIDS
                      ? dpif->n_handlers : 1);

        pid = nl_socket_get_local_port(
            dpif->handlers[hash_int(odp_to_u32(port_no), 0) % n]);
    }
    ovs_mutex_unlock(&dpif->upcall_lock);
    return pid;
}

/* Parses the upcall message in 'buf' into 'upcall'.  Returns 0 or EINVAL
 * for a message that is not an upcall. */
static int
parse_upcall(struct dpif_netlink *dpif, struct ofpbuf *buf,
             struct dpif_upcall *upcall)
{
    struct nlmsghdr *nlh = buf->data;
    struct nlattr **a;
    struct ovs_msg m;

    if (buf->size < NLMSG_HDRLEN || nlh->nlmsg_len > buf->size
        || !ovs_msg_parse(nlh, ovs_packet_family, OVS_PACKET_ATTR_MAX, &m)
        || (m.cmd != OVS_PACKET_CMD_MISS && m.cmd != OVS_PACKET_CMD_ACTION)
        || !m.attrs[OVS_PACKET_ATTR_PACKET] || !m.attrs[OVS_PACKET_ATTR_KEY]
        || m.dp_ifindex != dpif->dp_ifindex) {
        return EINVAL;
    }
    a = m.attrs;

    memset(upcall, 0, sizeof *upcall);
    upcall->type = (m.cmd == OVS_PACKET_CMD_MISS
                    ? DPIF_UC_MISS : DPIF_UC_ACTION);
    upcall->key = nla_data(a[OVS_PACKET_ATTR_KEY]);
    upcall->key_len = nla_len(a[OVS_PACKET_ATTR_KEY]);
    dpif_flow_hash(&dpif->dpif, upcall->key, upcall->key_len, &upcall->ufid);
    upcall->userdata = a[OVS_PACKET_ATTR_USERDATA];
    upcall->out_tun_key = a[OVS_PACKET_ATTR_EGRESS_TUN_KEY];
    upcall->actions = a[OVS_PACKET_ATTR_ACTIONS];
    upcall->mru = a[OVS_PACKET_ATTR_MRU];
    upcall->hash = a[OVS_PACKET_ATTR_HASH];
    upcall->cutlen = a[OVS_PACKET_ATTR_LEN];

    /* The packet lives in 'buf'; if the upcall handler grows it, dp_packet
     * reallocates. */
    dp_packet_use_stub(&upcall->packet, nla_data(a[OVS_PACKET_ATTR_PACKET]),
                       nla_len(a[OVS_PACKET_ATTR_PACKET]));
    dp_packet_set_size(&upcall->packet, nla_len(a[OVS_PACKET_ATTR_PACKET]));
    return 0;
}

static int
dpif_netlink_recv(struct dpif *dpif_, uint32_t handler_id,
                  struct dpif_upcall *upcall, struct ofpbuf *buf)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct nl_sock *sock;
    int error = EAGAIN;

    ovs_mutex_lock(&dpif->upcall_lock);
    sock = (dpif->handlers && handler_id < dpif->n_handlers
            ? dpif->handlers[handler_id] : NULL);
    ovs_mutex_unlock(&dpif->upcall_lock);
    if (!sock) {
        return EAGAIN;
    }

    /* Bounded, so that one handler cannot starve the main loop. */
    for (int i = 0; i < 50; i++) {
        error = nl_sock_recv_buf(sock, buf, false);
        if (error == ENOBUFS) {
            VLOG_WARN_RL(&rl, "%s: upcalls lost (receive buffer overflow)",
                         dpif_name(dpif_));
            continue;
        } else if (error) {
            return error;
        }
        if (!parse_upcall(dpif, buf, upcall)) {
            return 0;
        }
    }
    return EAGAIN;
}

static void
dpif_netlink_recv_wait(struct dpif *dpif_, uint32_t handler_id)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);

    ovs_mutex_lock(&dpif->upcall_lock);
    if (dpif->handlers && handler_id < dpif->n_handlers) {
        poll_fd_wait(nl_socket_get_fd(dpif->handlers[handler_id]), POLLIN);
    }
    ovs_mutex_unlock(&dpif->upcall_lock);
}

static void
dpif_netlink_recv_purge(struct dpif *dpif_)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct ofpbuf buf;

    ofpbuf_init(&buf, 4096);
    ovs_mutex_lock(&dpif->upcall_lock);
    for (uint32_t i = 0; dpif->handlers && i < dpif->n_handlers; i++) {
        while (nl_sock_recv_buf(dpif->handlers[i], &buf, false) != EAGAIN) {
            continue;
        }
    }
    ovs_mutex_unlock(&dpif->upcall_lock);
    ofpbuf_uninit(&buf);
}

/* Shows the datapath's caches in "dpctl/show". */
static void
dpif_netlink_show_extra(const struct dpif *dpif_, struct ds *reply)
{
    struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct dp_reply dp;

    if (!dp_transact(OVS_DP_CMD_GET, 0, NULL, dpif->dp_ifindex, false, 0,
                     &dp) && dp.has_cache_size) {
        ds_put_format(reply, "  caches:\n    masks-cache: size:%"PRIu32"\n",
                      dp.cache_size);
    }
}

/* Meters. */

/* Sends the meter request 'cmd' for meter 'meter_id' (with 'config' for
 * OVS_METER_CMD_SET) to 'dpif' and, if 'stats' is nonnull, stores the
 * statistics of the reply there (up to 'n_bands' bands).  Returns 0 or a
 * positive errno. */
static int
meter_transact(const struct dpif *dpif_, uint8_t cmd,
               ofproto_meter_id meter_id,
               const struct ofputil_meter_config *config,
               struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    const struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct ofpbuf request, *msg;
    struct ovs_msg m;
    int error;

    if (ovs_meter_family < 0) {
        return EOPNOTSUPP;
    }
    ovs_msg_start(&request, ovs_meter_family, OVS_METER_VERSION, cmd, 0,
                  dpif->dp_ifindex);
    nl_msg_put_u32(&request, OVS_METER_ATTR_ID, meter_id.uint32);
    if (config) {
        size_t bands_ofs;

        if (config->flags & OFPMF13_KBPS) {
            nl_msg_put_flag(&request, OVS_METER_ATTR_KBPS);
        }
        /* The statistics of a replaced meter start again, as dpif.h
         * says. */
        nl_msg_put_flag(&request, OVS_METER_ATTR_CLEAR);
        bands_ofs = nl_msg_start_nested(&request, OVS_METER_ATTR_BANDS);
        for (size_t i = 0; i < config->n_bands; i++) {
            const struct ofputil_meter_band *band = &config->bands[i];
            size_t band_ofs;

            if (band->type != OFPMBT13_DROP) {
                ofpbuf_uninit(&request);
                return ENODEV;
            }
            band_ofs = nl_msg_start_nested(&request, OVS_BAND_ATTR_UNSPEC);
            nl_msg_put_u32(&request, OVS_BAND_ATTR_TYPE,
                           OVS_METER_BAND_TYPE_DROP);
            nl_msg_put_u32(&request, OVS_BAND_ATTR_RATE, band->rate);
            /* Without a burst size, as upstream: one second's worth. */
            nl_msg_put_u32(&request, OVS_BAND_ATTR_BURST,
                           (config->flags & OFPMF13_BURST
                            ? band->burst_size : band->rate));
            nl_msg_end_nested(&request, band_ofs);
        }
        nl_msg_end_nested(&request, bands_ofs);
    }

    error = nl_transact(&request, stats ? &msg : NULL);
    if (error || !stats) {
        return error;
    }
    if (!msg || !ovs_msg_parse(msg_nlh(msg), ovs_meter_family,
                               OVS_METER_ATTR_MAX, &m)) {
        ofpbuf_delete(msg);
        return EPROTO;
    }
    memset(stats, 0, offsetof(struct ofputil_meter_stats, bands));
    stats->meter_id = meter_id.uint32;
    if (m.attrs[OVS_METER_ATTR_STATS]
        && nla_len(m.attrs[OVS_METER_ATTR_STATS])
           >= (int) sizeof(struct ovs_flow_stats)) {
        struct ovs_flow_stats fs;

        memcpy(&fs, nla_data(m.attrs[OVS_METER_ATTR_STATS]), sizeof fs);
        stats->packet_in_count = fs.n_packets;
        stats->byte_in_count = fs.n_bytes;
    }
    if (m.attrs[OVS_METER_ATTR_BANDS]) {
        struct nlattr *band;
        int rem;

        nla_for_each_nested (band, m.attrs[OVS_METER_ATTR_BANDS], rem) {
            struct nlattr *ba[OVS_BAND_ATTR_MAX + 1];
            struct ofputil_meter_band_stats *bs;
            struct ovs_flow_stats fs;

            if (stats->n_bands >= n_bands) {
                break;
            }
            bs = &stats->bands[stats->n_bands++];
            memset(bs, 0, sizeof *bs);
            if (!nla_parse_nested(ba, OVS_BAND_ATTR_MAX, band, NULL)
                && ba[OVS_BAND_ATTR_STATS]
                && nla_len(ba[OVS_BAND_ATTR_STATS]) >= (int) sizeof fs) {
                memcpy(&fs, nla_data(ba[OVS_BAND_ATTR_STATS]), sizeof fs);
                bs->packet_count = fs.n_packets;
                bs->byte_count = fs.n_bytes;
            }
        }
    }
    ofpbuf_delete(msg);
    return 0;
}

static void
dpif_netlink_meter_get_features(const struct dpif *dpif_,
                                struct ofputil_meter_features *features)
{
    const struct dpif_netlink *dpif = dpif_netlink_cast(dpif_);
    struct ofpbuf request, *msg;
    struct ovs_msg m;

    memset(features, 0, sizeof *features);
    if (ovs_meter_family < 0) {
        return;
    }
    ovs_msg_start(&request, ovs_meter_family, OVS_METER_VERSION,
                  OVS_METER_CMD_FEATURES, 0, dpif->dp_ifindex);
    if (nl_transact(&request, &msg) || !msg) {
        return;
    }
    if (ovs_msg_parse(msg_nlh(msg), ovs_meter_family, OVS_METER_ATTR_MAX,
                      &m)
        && m.attrs[OVS_METER_ATTR_MAX_METERS]
        && m.attrs[OVS_METER_ATTR_MAX_BANDS]) {
        uint32_t max_bands = nla_get_u32(m.attrs[OVS_METER_ATTR_MAX_BANDS]);

        features->max_meters = nla_get_u32(m.attrs[OVS_METER_ATTR_MAX_METERS]);
        features->max_bands = MIN(max_bands, UINT8_MAX);
        if (m.attrs[OVS_METER_ATTR_BANDS]) {
            struct nlattr *band;
            int rem;

            nla_for_each_nested (band, m.attrs[OVS_METER_ATTR_BANDS], rem) {
                struct nlattr *ba[OVS_BAND_ATTR_MAX + 1];

                if (!nla_parse_nested(ba, OVS_BAND_ATTR_MAX, band, NULL)
                    && ba[OVS_BAND_ATTR_TYPE]
                    && (nla_get_u32(ba[OVS_BAND_ATTR_TYPE])
                        == OVS_METER_BAND_TYPE_DROP)) {
                    features->band_types |= 1u << OFPMBT13_DROP;
                }
            }
        }
        features->capabilities = (OFPMF13_KBPS | OFPMF13_PKTPS
                                  | OFPMF13_BURST | OFPMF13_STATS);
    }
    ofpbuf_delete(msg);
}

static int
dpif_netlink_meter_set(struct dpif *dpif, ofproto_meter_id meter_id,
                       struct ofputil_meter_config *config)
{
    return meter_transact(dpif, OVS_METER_CMD_SET, meter_id, config, NULL,
                          0);
}

static int
dpif_netlink_meter_get(const struct dpif *dpif, ofproto_meter_id meter_id,
                       struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    return meter_transact(dpif, OVS_METER_CMD_GET, meter_id, NULL, stats,
                          n_bands);
}

static int
dpif_netlink_meter_del(struct dpif *dpif, ofproto_meter_id meter_id,
                       struct ofputil_meter_stats *stats, uint16_t n_bands)
{
    struct ofputil_meter_stats scratch;

    /* The reply is wanted even without 'stats': it is the only sign that
     * the meter existed. */
    return meter_transact(dpif, OVS_METER_CMD_DEL, meter_id, NULL,
                          stats ? stats : &scratch, stats ? n_bands : 0);
}

const struct dpif_class dpif_netlink_class = {
    .type = "system",
    .cleanup_required = false,
    .enumerate = dpif_netlink_enumerate,
    .port_open_type = dpif_netlink_port_open_type,
    .open = dpif_netlink_open,
    .close = dpif_netlink_close,
    .destroy = dpif_netlink_destroy,
    .get_stats = dpif_netlink_get_stats,
    .set_features = dpif_netlink_set_features,
    .port_add = dpif_netlink_port_add,
    .port_del = dpif_netlink_port_del,
    .port_query_by_number = dpif_netlink_port_query_by_number,
    .port_query_by_name = dpif_netlink_port_query_by_name,
    .port_dump_start = dpif_netlink_port_dump_start,
    .port_dump_next = dpif_netlink_port_dump_next,
    .port_dump_done = dpif_netlink_port_dump_done,
    .port_poll = dpif_netlink_port_poll,
    .port_poll_wait = dpif_netlink_port_poll_wait,
    .flow_flush = dpif_netlink_flow_flush,
    .flow_dump_create = dpif_netlink_flow_dump_create,
    .flow_dump_destroy = dpif_netlink_flow_dump_destroy,
    .flow_dump_thread_create = dpif_netlink_flow_dump_thread_create,
    .flow_dump_thread_destroy = dpif_netlink_flow_dump_thread_destroy,
    .flow_dump_next = dpif_netlink_flow_dump_next,
    .operate = dpif_netlink_operate,
    .recv_set = dpif_netlink_recv_set,
    .handlers_set = dpif_netlink_handlers_set,
    .port_get_pid = dpif_netlink_port_get_pid,
    .recv = dpif_netlink_recv,
    .recv_wait = dpif_netlink_recv_wait,
    .recv_purge = dpif_netlink_recv_purge,
    .show_extra = dpif_netlink_show_extra,
    .meter_get_features = dpif_netlink_meter_get_features,
    .meter_set = dpif_netlink_meter_set,
    .meter_get = dpif_netlink_meter_get,
    .meter_del = dpif_netlink_meter_del,
};
