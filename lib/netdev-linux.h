/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef NETDEV_LINUX_H
#define NETDEV_LINUX_H 1

/* What the userspace datapath's forwarding threads need from the Linux
 * network devices ("system", "internal", "tap") beyond netdev.h. */

#include <stdbool.h>

struct netdev_rxq;

/* Returns the file descriptor that poll() reports readable (POLLIN) when
 * 'rxq', a receive queue of a Linux device, has something to receive, or
 * -1 if there is nothing to wait for (the device is gone).  This is what
 * netdev_rxq_wait() registers with the poll loop, for a thread that calls
 * poll() itself. */
int netdev_linux_rxq_get_fd(const struct netdev_rxq *rxq);

/* Returns true if reading 'rxq', a receive queue of a Linux device, costs
 * no system call when it is empty (a "system" device's receive ring),
 * false if it does (a tap's). */
bool netdev_linux_rxq_is_ring(const struct netdev_rxq *rxq);

/* Returns the number of receive queues of a "system" device: one per CPU
 * of the machine (online or not, up to a limit), queue c receiving the
 * frames that the kernel received on CPU c (c modulo the number of
 * queues).  A forwarding thread that runs on CPU c should read queue c of
 * every such device: then the CPU that receives a frame wakes the thread
 * that forwards it, itself. */
unsigned int netdev_linux_n_cpus(void);

#endif /* netdev-linux.h */
