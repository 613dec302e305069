/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef NETDEV_H
#define NETDEV_H 1

/* Network devices: what a datapath port sends to and receives from.
 *
 * A netdev is opened by name and type ("system" for an existing Linux
 * interface, "internal" and "tap" for tap devices the switch creates,
 * "dummy" for tests) and reference counted: opening the same name twice
 * returns the same device.  Receive queues (rxqs) deliver batches of
 * packets; send takes a batch.  Errors are positive errno values. */

#include <stdbool.h>
#include <stdint.h>
#include "openvswitch/types.h"

struct dp_packet_batch;
struct netdev;
struct netdev_class;
struct netdev_rxq;
struct smap;
struct sset;

/* Interface flags (a subset of IFF_*). */
enum netdev_flags {
    NETDEV_UP = 0x0001,         /* Device enabled (administratively up). */
    NETDEV_PROMISC = 0x0002,    /* Promiscuous mode. */
    NETDEV_LOOPBACK = 0x0004    /* This is a loopback device. */
};

/* Device statistics; UINT64_MAX for a counter the device does not keep. */
struct netdev_stats {
    uint64_t rx_packets;
    uint64_t tx_packets;
    uint64_t rx_bytes;
    uint64_t tx_bytes;
    uint64_t rx_errors;
    uint64_t tx_errors;
    uint64_t rx_dropped;
    uint64_t tx_dropped;
    uint64_t multicast;
    uint64_t collisions;
    uint64_t rx_length_errors;
    uint64_t rx_over_errors;
    uint64_t rx_crc_errors;
    uint64_t rx_frame_errors;
    uint64_t rx_fifo_errors;
    uint64_t rx_missed_errors;
    uint64_t tx_aborted_errors;
    uint64_t tx_carrier_errors;
    uint64_t tx_fifo_errors;
    uint64_t tx_heartbeat_errors;
    uint64_t tx_window_errors;
};

/* Registration and enumeration. */
void netdev_run(void);
void netdev_wait(void);
int netdev_register_provider(const struct netdev_class *);
int netdev_unregister_provider(const char *type);
void netdev_enumerate_types(struct sset *types);
bool netdev_is_reserved_name(const char *name);

/* Open and close. */
int netdev_open(const char *name, const char *type, struct netdev **);
struct netdev *netdev_ref(const struct netdev *);
void netdev_close(struct netdev *);
void netdev_remove(struct netdev *);

/* Configuration (the Interface's options column).  On error, '*errp' may
 * be set to a message for the Interface's error column (caller frees). */
int netdev_set_config(struct netdev *, const struct smap *args,
                      char **errp);
int netdev_get_config(const struct netdev *, struct smap *);

const char *netdev_get_name(const struct netdev *);
const char *netdev_get_type(const struct netdev *);
const struct netdev_class *netdev_get_class(const struct netdev *);
int netdev_get_mtu(const struct netdev *, int *mtup);
int netdev_set_mtu(struct netdev *, int mtu);
int netdev_get_ifindex(const struct netdev *);
int netdev_set_etheraddr(struct netdev *, const struct eth_addr mac);
int netdev_get_etheraddr(const struct netdev *, struct eth_addr *mac);
int netdev_get_carrier(const struct netdev *, bool *carrier);
long long int netdev_get_carrier_resets(const struct netdev *);
int netdev_get_stats(const struct netdev *, struct netdev_stats *);

/* Device-specific counters ("custom statistics"), which OpenFlow 1.4+ port
 * statistics carry: netdev-dummy's rx_custom_packets_1, rx_q0_bytes...
 * netdev_get_custom_stats() stores in 'stats' an array of counters that
 * the caller frees with netdev_free_custom_stats_counters() (size 0 and
 * no array if the device has none).  Returns 0 or a positive errno. */
#define NETDEV_CUSTOM_STATS_NAME_SIZE 64
struct netdev_custom_counter {
    uint64_t value;             /* Counter value. */
    char name[NETDEV_CUSTOM_STATS_NAME_SIZE]; /* Null-terminated name. */
};
struct netdev_custom_stats {
    uint16_t size;              /* Number of elements in 'counters'. */
    struct netdev_custom_counter *counters; /* The counters (owned). */
};
int netdev_get_custom_stats(const struct netdev *,
                            struct netdev_custom_stats *);
void netdev_free_custom_stats_counters(struct netdev_custom_stats *);
int netdev_get_status(const struct netdev *, struct smap *);
int netdev_get_flags(const struct netdev *, enum netdev_flags *);
int netdev_turn_flags_on(struct netdev *, enum netdev_flags,
                         enum netdev_flags *old_flags);
int netdev_turn_flags_off(struct netdev *, enum netdev_flags,
                          enum netdev_flags *old_flags);
int netdev_n_rxq(const struct netdev *);
int netdev_n_txq(const struct netdev *);
bool netdev_is_pmd(const struct netdev *);
bool netdev_supports_offloads(const struct netdev *);

/* A number that changes whenever the device's status (carrier, flags,
 * MTU, MAC, existence) may have changed; netdev_change_seq wakes the main
 * loop (see seq.h). */
uint64_t netdev_get_change_seq(const struct netdev *);

/* Receiving. */
int netdev_rxq_open(struct netdev *, struct netdev_rxq **, int queue_id);
void netdev_rxq_close(struct netdev_rxq *);
const char *netdev_rxq_get_name(const struct netdev_rxq *);
int netdev_rxq_get_queue_id(const struct netdev_rxq *);
/* Receives up to NETDEV_MAX_BURST packets into 'batch'.  Returns 0 with
 * at least one packet, EAGAIN if none are waiting, or another errno. */
int netdev_rxq_recv(struct netdev_rxq *, struct dp_packet_batch *,
                    int *qfill);
void netdev_rxq_wait(struct netdev_rxq *);
int netdev_rxq_drain(struct netdev_rxq *);

/* Sending: sends every packet of 'batch' on tx queue 'qid' and consumes
 * the packets.  'concurrent_txq' is true if other threads may send on the
 * same queue at the same time.  Packets with offloads the device cannot
 * take are resolved (segmented, checksummed) first.  Returns 0 or the
 * first error (packets that failed are counted as tx_dropped). */
int netdev_send(struct netdev *, int qid, struct dp_packet_batch *,
                bool concurrent_txq);
void netdev_send_wait(struct netdev *, int qid);

/* Global change sequence: changes when any netdev's status changes. */
struct seq *netdev_global_change_seq(void);

#endif /* netdev.h */
