/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef NETDEV_LINUX_H
#define NETDEV_LINUX_H 1

/* What the userspace datapath's forwarding threads need from the Linux
 * network devices ("system", "internal", "tap") beyond netdev.h. */

struct netdev_rxq;

/* Returns the file descriptor that poll() reports readable (POLLIN) when
 * 'rxq', a receive queue of a Linux device, has something to receive, or
 * -1 if there is nothing to wait for (the device is gone).  This is what
 * netdev_rxq_wait() registers with the poll loop, for a thread that calls
 * poll() itself. */
int netdev_linux_rxq_get_fd(const struct netdev_rxq *rxq);

#endif /* netdev-linux.h */
