/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef NETDEV_DUMMY_H
#define NETDEV_DUMMY_H 1

/* Dummy network devices (see netdev-dummy.c); netdev_dummy_register() is
 * declared in netdev-provider.h. */

#include <stdbool.h>

struct dp_packet;
struct netdev;

/* Queues 'packet' for reception on rx queue 'queue_id' of 'netdev' (a
 * dummy device), or on every queue if 'queue_id' is -1, as
 * "netdev-dummy/receive" does.  Consumes 'packet'. */
void netdev_dummy_queue_packet(struct netdev *netdev, struct dp_packet *packet,
                               int queue_id);

/* True if 'netdev' is a dummy device. */
bool netdev_is_dummy(const struct netdev *netdev);

#endif /* netdev-dummy.h */
