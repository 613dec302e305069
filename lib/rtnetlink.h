/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef RTNETLINK_H
#define RTNETLINK_H 1

/* Linux network links through rtnetlink (libnl-route).
 *
 * Two halves:
 *
 *   - Queries and changes, which may run in any thread (one request
 *     socket, serialized by a mutex): rtnetlink_get_link(),
 *     rtnetlink_get_stats(), rtnetlink_set_mtu(), rtnetlink_set_etheraddr(),
 *     rtnetlink_update_flags().
 *
 *   - Notifications of link changes (RTNLGRP_LINK), for the main thread:
 *     a module registers a callback with rtnetlink_notifier_create() and
 *     calls rtnetlink_run() and rtnetlink_wait() from its run and wait
 *     functions; rtnetlink_run() reads every pending notification without
 *     blocking and passes each to every notifier.  If the kernel dropped
 *     notifications (socket overflow), the notifiers are called once with
 *     a NULL change: they must then re-read what they care about.
 *
 * Every function returns 0 or a positive errno; a link that does not exist
 * is ENODEV. */

#include <net/if.h>
#include <stdbool.h>
#include "openvswitch/types.h"

struct netdev_stats;

/* A link's attributes, as the kernel reports them. */
struct rtnetlink_link {
    int ifindex;                /* Interface index. */
    char name[IFNAMSIZ];        /* Interface name. */
    unsigned int flags;         /* IFF_* flags, as in ifinfomsg. */
    int mtu;                    /* MTU, 0 if unknown. */
    bool has_mac;               /* True if 'mac' is valid. */
    struct eth_addr mac;        /* Link-layer address. */
    bool carrier;               /* True if the link has carrier. */
};

/* A change to a link. */
struct rtnetlink_change {
    int nlmsg_type;             /* RTM_NEWLINK or RTM_DELLINK. */
    struct rtnetlink_link link; /* The link's attributes after the
                                 * change (its last ones for RTM_DELLINK). */
};

/* Queries and changes ('name' or, if 'name' is NULL, 'ifindex'). */
int rtnetlink_get_link(const char *name, int ifindex,
                       struct rtnetlink_link *);
int rtnetlink_get_stats(int ifindex, struct netdev_stats *);
int rtnetlink_set_mtu(int ifindex, int mtu);
int rtnetlink_set_etheraddr(int ifindex, const struct eth_addr);
int rtnetlink_update_flags(int ifindex, unsigned int off, unsigned int on);

/* Notifications. */
typedef void rtnetlink_notify_func(const struct rtnetlink_change *,
                                   void *aux);
struct rtnetlink_notifier *rtnetlink_notifier_create(rtnetlink_notify_func *,
                                                     void *aux);
void rtnetlink_notifier_destroy(struct rtnetlink_notifier *);
void rtnetlink_run(void);
void rtnetlink_wait(void);

#endif /* rtnetlink.h */
