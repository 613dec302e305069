/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "mac-learning.h"

#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "packets.h"
#include "poll-loop.h"
#include "random.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(mac_learning);

/* Returns the hash of ('mac', 'vlan') in 'ml'. */
static uint32_t
mac_table_hash(const struct mac_learning *ml, const struct eth_addr mac,
               uint16_t vlan)
{
    uint64_t word = 0;

    memcpy(&word, mac.ea, 6);
    return hash_int(vlan, hash_uint64_basis(word, ml->secret));
}

/* Clamps 'idle_time' to the supported range. */
static unsigned int
normalize_idle_time(unsigned int idle_time)
{
    return (idle_time < MAC_ENTRY_MIN_IDLE_TIME ? MAC_ENTRY_MIN_IDLE_TIME
            : idle_time > MAC_ENTRY_MAX_IDLE_TIME ? MAC_ENTRY_MAX_IDLE_TIME
            : idle_time);
}

/* Creates and returns a new MAC learning table whose entries expire after
 * 'idle_time' seconds without traffic.  The caller owns the one reference
 * (release it with mac_learning_unref()). */
struct mac_learning *
mac_learning_create(unsigned int idle_time)
{
    struct mac_learning *ml = xzalloc(sizeof *ml);

    hmap_init(&ml->table);
    ovs_list_init(&ml->lrus);
    ml->secret = random_uint32();
    ml->idle_time = normalize_idle_time(idle_time);
    ml->max_entries = MAC_DEFAULT_MAX;
    ml->ref_cnt = 1;
    ovs_rwlock_init(&ml->rwlock);
    return ml;
}

/* Takes a new reference to 'ml_' (NULL is allowed) and returns it. */
struct mac_learning *
mac_learning_ref(const struct mac_learning *ml_)
{
    struct mac_learning *ml = CONST_CAST(struct mac_learning *, ml_);

    if (ml) {
        __atomic_add_fetch(&ml->ref_cnt, 1, __ATOMIC_RELAXED);
    }
    return ml;
}

/* Releases a reference to 'ml' and frees it with the last one.  NULL is
 * allowed. */
void
mac_learning_unref(struct mac_learning *ml)
{
    struct mac_entry *e;

    if (!ml || __atomic_sub_fetch(&ml->ref_cnt, 1, __ATOMIC_ACQ_REL)) {
        return;
    }

    HMAP_FOR_EACH_SAFE (e, hmap_node, &ml->table) {
        hmap_remove(&ml->table, &e->hmap_node);
        free(e);
    }
    hmap_destroy(&ml->table);
    ovs_rwlock_destroy(&ml->rwlock);
    free(ml);
}

/* Changes the idle time of 'ml' to 'idle_time' seconds (clamped to 15
 * ... 3600).  Existing entries keep their current expiration, shortened if
 * the new idle time is shorter. */
void
mac_learning_set_idle_time(struct mac_learning *ml, unsigned int idle_time)
{
    struct mac_entry *e;

    idle_time = normalize_idle_time(idle_time);
    if (idle_time != ml->idle_time) {
        int delta = (int) idle_time - (int) ml->idle_time;

        LIST_FOR_EACH (e, lru_node, &ml->lrus) {
            if (!e->is_static) {
                e->expires += delta;
            }
        }
        ml->idle_time = idle_time;
    }
}

/* Sets the maximum number of entries in 'ml' to 'max_entries' (at least
 * 10).  The excess is evicted by the next mac_learning_run(). */
void
mac_learning_set_max_entries(struct mac_learning *ml, size_t max_entries)
{
    ml->max_entries = MAX(max_entries, 10);
}

/* Returns true if 'src_mac' in 'vlan' may be learned: not a multicast
 * address, and a valid VLAN. */
bool
mac_learning_may_learn(const struct mac_learning *ml OVS_UNUSED,
                       const struct eth_addr src_mac, uint16_t vlan)
{
    return vlan < 4096 && !eth_addr_is_multicast(src_mac);
}

/* Returns the entry for ('dst', 'vlan') in 'ml', or NULL.  A multicast
 * 'dst' never has an entry. */
struct mac_entry *
mac_learning_lookup(const struct mac_learning *ml, const struct eth_addr dst,
                    uint16_t vlan)
{
    struct mac_entry *e;

    if (eth_addr_is_multicast(dst)) {
        return NULL;
    }
    HMAP_FOR_EACH_WITH_HASH (e, hmap_node, mac_table_hash(ml, dst, vlan),
                             &ml->table) {
        if (e->vlan == vlan && !memcmp(e->mac.ea, dst.ea, 6)) {
            return e;
        }
    }
    return NULL;
}

/* Removes the least recently used non-static entry of 'ml' and counts it
 * as evicted.  Returns false if there is none. */
static bool
evict_one(struct mac_learning *ml)
{
    struct mac_entry *e;

    LIST_FOR_EACH (e, lru_node, &ml->lrus) {
        if (!e->is_static) {
            mac_learning_expire(ml, e);
            ml->stats.evicted++;
            return true;
        }
    }
    return false;
}

/* Returns the entry for ('src', 'vlan') in 'ml', creating it (with no port
 * yet, and evicting the least recently used entry if the table is full) if
 * it does not exist.  Refreshes its expiration either way.  The caller must
 * then set its port with mac_entry_set_port(). */
struct mac_entry *
mac_learning_insert(struct mac_learning *ml, const struct eth_addr src,
                    uint16_t vlan)
{
    struct mac_entry *e = mac_learning_lookup(ml, src, vlan);

    if (!e) {
        if (hmap_count(&ml->table) >= ml->max_entries) {
            evict_one(ml);
        }
        e = xzalloc(sizeof *e);
        e->mac = src;
        e->vlan = vlan;
        e->port = NULL;
        ovs_list_init(&e->lru_node);
        hmap_insert(&ml->table, &e->hmap_node,
                    mac_table_hash(ml, src, vlan));
        ml->stats.learned++;
        ml->change_seq++;
    } else if (e->port) {
        ovs_list_remove(&e->lru_node);
        ovs_list_push_back(&ml->lrus, &e->lru_node);
    }
    if (!e->is_static) {
        e->expires = time_now() + ml->idle_time;
    }
    return e;
}

/* Returns the learned port of 'e' (NULL if none yet). */
void *
mac_entry_get_port(const struct mac_learning *ml OVS_UNUSED,
                   const struct mac_entry *e)
{
    return e->port;
}

/* Sets the learned port of 'e' to 'port', counting a move if it had
 * another one, and makes 'e' the most recently used entry. */
void
mac_entry_set_port(struct mac_learning *ml, struct mac_entry *e, void *port)
{
    if (e->port != port) {
        if (e->port) {
            ml->stats.moved++;
            ovs_list_remove(&e->lru_node);
        }
        e->port = port;
        ml->change_seq++;
        if (port) {
            ovs_list_push_back(&ml->lrus, &e->lru_node);
        } else {
            ovs_list_init(&e->lru_node);
        }
    }
}

/* Returns the age of 'e' in seconds (the time since it was last
 * refreshed), or -1 for a static entry. */
int
mac_entry_age(const struct mac_learning *ml, const struct mac_entry *e)
{
    time_t remaining;

    if (e->is_static) {
        return -1;
    }
    remaining = e->expires - time_now();
    return ml->idle_time - remaining;
}

/* Returns true if learning 'src' on 'in_port' in 'vlan' would change
 * anything in 'ml' that is worth the write lock: a new entry, a move, or an
 * entry not refreshed for a second or more.  Requires the read lock. */
static bool
mac_learning_update_needed(const struct mac_learning *ml,
                           const struct eth_addr src, uint16_t vlan,
                           bool is_gratuitous_arp, void *in_port)
{
    const struct mac_entry *e;

    if (!mac_learning_may_learn(ml, src, vlan)) {
        return false;
    }
    e = mac_learning_lookup(ml, src, vlan);
    if (!e || e->port != in_port) {
        if (e && !is_gratuitous_arp && e->grat_arp_lock > time_now()) {
            return false;
        }
        return !e || !e->is_static;
    }
    return !e->is_static && e->expires - time_now() < ml->idle_time;
}

/* Learns that 'src' in 'vlan' is on port 'in_port' of 'ml': creates the
 * entry, moves it from another port, or refreshes it.  A MAC learned from
 * a gratuitous ARP on a bond ('is_gratuitous_arp' and 'is_bond') is locked
 * to its port for MAC_GRAT_ARP_LOCK_TIME seconds, during which only
 * another gratuitous ARP may move it.  Static entries never move.  Takes
 * 'ml->rwlock' itself (the caller must not hold it).  Returns true if an
 * entry was created or moved. */
bool
mac_learning_update(struct mac_learning *ml, const struct eth_addr src,
                    uint16_t vlan, bool is_gratuitous_arp, bool is_bond,
                    void *in_port)
{
    struct mac_entry *e;
    bool needed;
    bool changed = false;

    ovs_rwlock_rdlock(&ml->rwlock);
    needed = mac_learning_update_needed(ml, src, vlan, is_gratuitous_arp,
                                        in_port);
    ovs_rwlock_unlock(&ml->rwlock);
    if (!needed) {
        return false;
    }

    ovs_rwlock_wrlock(&ml->rwlock);
    if (mac_learning_update_needed(ml, src, vlan, is_gratuitous_arp,
                                   in_port)) {
        e = mac_learning_insert(ml, src, vlan);
        if (e->port != in_port) {
            if (!e->port) {
                VLOG_DBG("learned "ETH_ADDR_FMT" on VLAN %d",
                         ETH_ADDR_ARGS(src), vlan);
            }
            mac_entry_set_port(ml, e, in_port);
            changed = true;
        }
        if (is_gratuitous_arp && is_bond) {
            e->grat_arp_lock = time_now() + MAC_GRAT_ARP_LOCK_TIME;
        }
    }
    ovs_rwlock_unlock(&ml->rwlock);
    return changed;
}

/* Adds a static entry ('mac', 'vlan') -> 'port' to 'ml' (replacing a
 * dynamic one).  Returns false if a static entry exists already. */
bool
mac_learning_add_static_entry(struct mac_learning *ml,
                              const struct eth_addr mac, uint16_t vlan,
                              void *port)
{
    struct mac_entry *e = mac_learning_lookup(ml, mac, vlan);

    if (e && e->is_static) {
        return false;
    }
    e = mac_learning_insert(ml, mac, vlan);
    e->is_static = true;
    ml->n_static++;
    mac_entry_set_port(ml, e, port);
    ml->change_seq++;
    return true;
}

/* Removes the static entry ('mac', 'vlan') from 'ml'.  Returns false if
 * there is no such static entry. */
bool
mac_learning_del_static_entry(struct mac_learning *ml,
                              const struct eth_addr mac, uint16_t vlan)
{
    struct mac_entry *e = mac_learning_lookup(ml, mac, vlan);

    if (!e || !e->is_static) {
        return false;
    }
    mac_learning_expire(ml, e);
    return true;
}

/* Removes 'e' from 'ml' and frees it. */
void
mac_learning_expire(struct mac_learning *ml, struct mac_entry *e)
{
    if (e->is_static) {
        ml->n_static--;
    }
    if (e->port) {
        ovs_list_remove(&e->lru_node);
    }
    hmap_remove(&ml->table, &e->hmap_node);
    ml->change_seq++;
    free(e);
}

/* Removes every dynamic entry from 'ml' (static entries stay). */
void
mac_learning_flush(struct mac_learning *ml)
{
    struct mac_entry *e;

    HMAP_FOR_EACH_SAFE (e, hmap_node, &ml->table) {
        if (!e->is_static) {
            mac_learning_expire(ml, e);
        }
    }
    hmap_shrink(&ml->table);
}

/* Removes every entry learned on 'port' (e.g. a port being deleted). */
void
mac_learning_flush_port(struct mac_learning *ml, void *port)
{
    struct mac_entry *e;

    HMAP_FOR_EACH_SAFE (e, hmap_node, &ml->table) {
        if (e->port == port) {
            mac_learning_expire(ml, e);
        }
    }
}

/* Expires the entries of 'ml' idle for too long and evicts the least
 * recently used ones beyond the maximum size.  Returns true if any entry
 * was removed. */
bool
mac_learning_run(struct mac_learning *ml)
{
    struct mac_entry *e;
    bool changed = false;
    time_t now = time_now();

    ovs_rwlock_wrlock(&ml->rwlock);
    while (hmap_count(&ml->table) > ml->max_entries && evict_one(ml)) {
        changed = true;
    }
    HMAP_FOR_EACH_SAFE (e, hmap_node, &ml->table) {
        if (!e->is_static && now >= e->expires) {
            mac_learning_expire(ml, e);
            ml->stats.expired++;
            changed = true;
        }
    }
    ovs_rwlock_unlock(&ml->rwlock);
    return changed;
}

/* Arranges for poll_block() to wake when an entry of 'ml' expires. */
void
mac_learning_wait(struct mac_learning *ml)
{
    const struct mac_entry *e;
    time_t next = 0;
    bool any = false;

    ovs_rwlock_rdlock(&ml->rwlock);
    if (hmap_count(&ml->table) > ml->max_entries) {
        poll_immediate_wake();
    }
    HMAP_FOR_EACH (e, hmap_node, &ml->table) {
        if (!e->is_static && (!any || e->expires < next)) {
            next = e->expires;
            any = true;
        }
    }
    ovs_rwlock_unlock(&ml->rwlock);
    if (any) {
        poll_timer_wait_until(next * 1000LL);
    }
}

/* Returns the number of entries in 'ml'. */
size_t
mac_learning_count(const struct mac_learning *ml)
{
    return hmap_count(&ml->table);
}

/* Zeroes the counters of 'ml'. */
void
mac_learning_clear_statistics(struct mac_learning *ml)
{
    memset(&ml->stats, 0, sizeof ml->stats);
}
