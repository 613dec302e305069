/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef MAC_LEARNING_H
#define MAC_LEARNING_H 1

/* The MAC learning table of one bridge (the "forwarding database").
 *
 * Each entry maps (MAC, VLAN) to the port on which that MAC was last seen
 * as a source.  Ports are opaque pointers chosen by the caller (ofproto-dpif
 * uses its struct ofbundle).  Entries expire after 'idle_time' seconds
 * without being refreshed; when the table is full the least recently used
 * entry is evicted.
 *
 * Locking: handler and revalidator threads look entries up and learn
 * concurrently.  Every function that reads the table requires 'rwlock' held
 * at least for reading and every function that changes it requires it held
 * for writing, except mac_learning_create(), _ref() and _unref(), which
 * take no lock, and mac_learning_run(), which takes it itself.
 *
 * Time is measured in seconds with time_now(), so that "time/warp" in tests
 * ages entries. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/types.h"
#include "ovs-thread.h"

struct ds;

/* Default maximum time, in seconds, that an entry stays without being
 * refreshed. */
#define MAC_ENTRY_DEFAULT_IDLE_TIME 300

/* Bounds on the idle time that mac_learning_set_idle_time() accepts. */
#define MAC_ENTRY_MIN_IDLE_TIME 15
#define MAC_ENTRY_MAX_IDLE_TIME 3600

/* Default maximum number of entries in a table. */
#define MAC_DEFAULT_MAX 8192

/* Seconds during which an entry learned from a gratuitous ARP on a bond may
 * not move to another port, except by another gratuitous ARP: the
 * "learning lock" that keeps a bond's reflected ARPs from moving a MAC. */
#define MAC_GRAT_ARP_LOCK_TIME 5

/* One learned (MAC, VLAN) -> port binding. */
struct mac_entry {
    struct hmap_node hmap_node;   /* In struct mac_learning's 'table'. */
    time_t expires;               /* Expiration time (time_now()). */
    time_t grat_arp_lock;         /* Gratuitous ARP lock expiration. */
    struct eth_addr mac;          /* Known MAC address. */
    uint16_t vlan;                /* VLAN tag (0 = untagged/VLAN 0). */
    bool is_static;               /* Added by fdb/add: never expires. */
    struct ovs_list lru_node;     /* In 'lrus' (only if port known). */
    void *port;                   /* Learned port; NULL if none yet. */
};

/* Counters for fdb/stats-show. */
struct mac_learning_stats {
    uint64_t learned;             /* Entries learned. */
    uint64_t expired;             /* Entries that aged out. */
    uint64_t evicted;             /* Entries removed to make room. */
    uint64_t moved;               /* Entries that moved to another port. */
};

/* A MAC learning table. */
struct mac_learning {
    struct hmap table;            /* Contains "struct mac_entry"s. */
    struct ovs_list lrus;         /* In LRU order, least recent first. */
    uint32_t secret;              /* Hash secret. */
    unsigned int idle_time;       /* Max idle time before expiring, s. */
    size_t max_entries;           /* Max number of entries. */
    size_t n_static;              /* Number of static entries. */
    struct mac_learning_stats stats; /* Counters. */
    uint64_t change_seq;          /* Incremented whenever an entry's port
                                   * changes, an entry is added, expires or
                                   * is removed: a cached forwarding
                                   * decision may be stale. */
    int ref_cnt;                  /* Reference count (atomic). */
    struct ovs_rwlock rwlock;     /* Protects everything above except
                                   * 'ref_cnt', 'secret'. */
};

/* Life cycle. */
struct mac_learning *mac_learning_create(unsigned int idle_time);
struct mac_learning *mac_learning_ref(const struct mac_learning *);
void mac_learning_unref(struct mac_learning *);

/* Periodic work: expires idle entries and trims the table to its maximum
 * size.  Takes 'ml->rwlock' itself.  Returns true if any entry was removed
 * (so that cached forwarding decisions should be revalidated). */
bool mac_learning_run(struct mac_learning *);
void mac_learning_wait(struct mac_learning *);

/* Configuration. */
void mac_learning_set_idle_time(struct mac_learning *ml,
                                unsigned int idle_time)
    OVS_REQ_WRLOCK(ml->rwlock);
void mac_learning_set_max_entries(struct mac_learning *ml,
                                  size_t max_entries)
    OVS_REQ_WRLOCK(ml->rwlock);

/* Learning. */
bool mac_learning_may_learn(const struct mac_learning *,
                            const struct eth_addr src_mac, uint16_t vlan);
struct mac_entry *mac_learning_insert(struct mac_learning *,
                                      const struct eth_addr src,
                                      uint16_t vlan);
bool mac_learning_update(struct mac_learning *, const struct eth_addr src,
                         uint16_t vlan, bool is_gratuitous_arp,
                         bool is_bond, void *in_port);

/* Lookup. */
struct mac_entry *mac_learning_lookup(const struct mac_learning *,
                                      const struct eth_addr dst,
                                      uint16_t vlan);

/* Port of an entry. */
void *mac_entry_get_port(const struct mac_learning *,
                         const struct mac_entry *);
void mac_entry_set_port(struct mac_learning *, struct mac_entry *,
                        void *port);
int mac_entry_age(const struct mac_learning *, const struct mac_entry *);

/* Static entries (fdb/add, fdb/del). */
bool mac_learning_add_static_entry(struct mac_learning *,
                                   const struct eth_addr, uint16_t vlan,
                                   void *port);
bool mac_learning_del_static_entry(struct mac_learning *,
                                   const struct eth_addr, uint16_t vlan);

/* Removal. */
void mac_learning_expire(struct mac_learning *, struct mac_entry *);
void mac_learning_flush(struct mac_learning *);
void mac_learning_flush_port(struct mac_learning *, void *port);

/* Statistics. */
size_t mac_learning_count(const struct mac_learning *);
void mac_learning_clear_statistics(struct mac_learning *);

/* Iterates over every entry in 'ML' (the caller holds 'ML->rwlock'). */
#define MAC_LEARNING_FOR_EACH(E, ML) \
    HMAP_FOR_EACH (E, hmap_node, &(ML)->table)

#endif /* mac-learning.h */
