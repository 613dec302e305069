/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit tests of the MAC learning table (ofproto/mac-learning.c).
 *
 *     ovstest test-mac-learning
 *
 * Prints "ok" after each passing check group; any failure aborts. */

#include <config.h>
#include <stdio.h>
#include "ofproto/mac-learning.h"
#include "openvswitch/util.h"
#include "ovstest.h"
#include "packets.h"
#include "timeval.h"

/* Ports are opaque to the table: any distinct addresses do. */
static char port_a, port_b;

static struct eth_addr
mac(uint8_t last)
{
    struct eth_addr ea = { { { 0x50, 0x54, 0x00, 0x00, 0x00, last } } };
    return ea;
}

static void *
lookup(struct mac_learning *ml, struct eth_addr ea, uint16_t vlan)
{
    struct mac_entry *e;
    void *port;

    ovs_rwlock_rdlock(&ml->rwlock);
    e = mac_learning_lookup(ml, ea, vlan);
    port = e ? mac_entry_get_port(ml, e) : NULL;
    ovs_rwlock_unlock(&ml->rwlock);
    return port;
}

static void
test_learn_and_move(void)
{
    struct mac_learning *ml = mac_learning_create(300);
    struct eth_addr bcast = { { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } } };

    /* Learning a new MAC changes the table; learning it again does not. */
    ovs_assert(mac_learning_update(ml, mac(1), 0, false, false, &port_a));
    ovs_assert(!mac_learning_update(ml, mac(1), 0, false, false, &port_a));
    ovs_assert(lookup(ml, mac(1), 0) == &port_a);
    ovs_assert(ml->stats.learned == 1);

    /* VLANs are separate. */
    ovs_assert(!lookup(ml, mac(1), 10));
    ovs_assert(mac_learning_update(ml, mac(1), 10, false, false, &port_b));
    ovs_assert(lookup(ml, mac(1), 10) == &port_b);
    ovs_assert(lookup(ml, mac(1), 0) == &port_a);

    /* A MAC seen on another port moves at once. */
    ovs_assert(mac_learning_update(ml, mac(1), 0, false, false, &port_b));
    ovs_assert(lookup(ml, mac(1), 0) == &port_b);
    ovs_assert(ml->stats.moved == 1);
    ovs_assert(mac_learning_count(ml) == 2);

    /* Multicast sources are never learned, nor looked up. */
    ovs_assert(!mac_learning_may_learn(ml, bcast, 0));
    ovs_assert(!mac_learning_update(ml, bcast, 0, false, false, &port_a));
    ovs_assert(mac_learning_count(ml) == 2);

    /* Flushing empties the table. */
    ovs_rwlock_wrlock(&ml->rwlock);
    mac_learning_flush(ml);
    ovs_rwlock_unlock(&ml->rwlock);
    ovs_assert(mac_learning_count(ml) == 0);
    ovs_assert(!lookup(ml, mac(1), 0));

    mac_learning_unref(ml);
    printf("learn and move: ok\n");
}

static void
test_eviction(void)
{
    struct mac_learning *ml = mac_learning_create(300);
    const struct mac_entry *e;
    int i;

    ovs_rwlock_wrlock(&ml->rwlock);
    mac_learning_set_max_entries(ml, 10);
    ovs_rwlock_unlock(&ml->rwlock);
    for (i = 1; i <= 12; i++) {
        ovs_assert(mac_learning_update(ml, mac(i), 0, false, false,
                                       &port_a));
    }
    /* Inserting beyond the maximum evicts the least recently used. */
    ovs_assert(mac_learning_count(ml) == 10);
    ovs_assert(ml->stats.evicted == 2);
    ovs_assert(!lookup(ml, mac(1), 0) && !lookup(ml, mac(2), 0));
    ovs_assert(lookup(ml, mac(3), 0) == &port_a);

    /* The LRU list is in learning order. */
    i = 3;
    LIST_FOR_EACH (e, lru_node, &ml->lrus) {
        ovs_assert(e->mac.ea[5] == i);
        i++;
    }
    mac_learning_unref(ml);
    printf("eviction: ok\n");
}

static void
test_expiry(void)
{
    struct mac_learning *ml = mac_learning_create(300);
    struct mac_entry *e;

    timeval_stop();
    ovs_assert(mac_learning_update(ml, mac(1), 0, false, false, &port_a));
    ovs_assert(mac_learning_update(ml, mac(2), 0, false, false, &port_a));

    timeval_warp(5000);
    ovs_rwlock_rdlock(&ml->rwlock);
    e = mac_learning_lookup(ml, mac(1), 0);
    ovs_assert(e && mac_entry_age(ml, e) == 5);
    ovs_rwlock_unlock(&ml->rwlock);

    /* Refresh mac(2) only. */
    timeval_warp(200 * 1000);
    ovs_assert(!mac_learning_update(ml, mac(2), 0, false, false, &port_a));
    ovs_rwlock_rdlock(&ml->rwlock);
    e = mac_learning_lookup(ml, mac(2), 0);
    ovs_assert(e && mac_entry_age(ml, e) == 0);
    ovs_rwlock_unlock(&ml->rwlock);

    /* After the idle time, only mac(1) expires. */
    timeval_warp(94 * 1000);
    ovs_assert(!mac_learning_run(ml));
    timeval_warp(1000);
    ovs_assert(mac_learning_run(ml));
    ovs_assert(!lookup(ml, mac(1), 0));
    ovs_assert(lookup(ml, mac(2), 0) == &port_a);
    ovs_assert(ml->stats.expired == 1);

    /* Idle times are clamped to 15...3600 seconds. */
    ovs_rwlock_wrlock(&ml->rwlock);
    mac_learning_set_idle_time(ml, 1);
    ovs_assert(ml->idle_time == MAC_ENTRY_MIN_IDLE_TIME);
    ovs_rwlock_unlock(&ml->rwlock);
    timeval_warp(16 * 1000);
    ovs_assert(mac_learning_run(ml));
    ovs_assert(mac_learning_count(ml) == 0);

    mac_learning_unref(ml);
    printf("expiry: ok\n");
}

static void
test_grat_arp_lock(void)
{
    struct mac_learning *ml = mac_learning_create(300);

    timeval_stop();
    /* A gratuitous ARP learned on a bond locks the MAC to its port. */
    ovs_assert(mac_learning_update(ml, mac(1), 0, true, true, &port_a));
    ovs_assert(!mac_learning_update(ml, mac(1), 0, false, false, &port_b));
    ovs_assert(lookup(ml, mac(1), 0) == &port_a);
    /* Another gratuitous ARP may move it. */
    ovs_assert(mac_learning_update(ml, mac(1), 0, true, false, &port_b));
    ovs_assert(lookup(ml, mac(1), 0) == &port_b);
    /* Once the lock expires, ordinary traffic moves it. */
    ovs_assert(mac_learning_update(ml, mac(1), 0, true, true, &port_b) ==
               false);
    ovs_assert(!mac_learning_update(ml, mac(1), 0, false, false, &port_a));
    timeval_warp((MAC_GRAT_ARP_LOCK_TIME + 1) * 1000);
    ovs_assert(mac_learning_update(ml, mac(1), 0, false, false, &port_a));
    ovs_assert(lookup(ml, mac(1), 0) == &port_a);

    mac_learning_unref(ml);
    printf("gratuitous ARP lock: ok\n");
}

static void
test_static(void)
{
    struct mac_learning *ml = mac_learning_create(300);

    timeval_stop();
    ovs_rwlock_wrlock(&ml->rwlock);
    ovs_assert(mac_learning_add_static_entry(ml, mac(1), 0, &port_a));
    ovs_assert(!mac_learning_add_static_entry(ml, mac(1), 0, &port_a));
    ovs_assert(ml->n_static == 1);
    ovs_rwlock_unlock(&ml->rwlock);

    /* Static entries neither move nor expire nor get flushed. */
    ovs_assert(!mac_learning_update(ml, mac(1), 0, false, false, &port_b));
    timeval_warp(4000 * 1000);
    mac_learning_run(ml);
    ovs_rwlock_wrlock(&ml->rwlock);
    mac_learning_flush(ml);
    ovs_rwlock_unlock(&ml->rwlock);
    ovs_assert(lookup(ml, mac(1), 0) == &port_a);

    ovs_rwlock_wrlock(&ml->rwlock);
    ovs_assert(mac_learning_del_static_entry(ml, mac(1), 0));
    ovs_assert(!mac_learning_del_static_entry(ml, mac(1), 0));
    ovs_rwlock_unlock(&ml->rwlock);
    ovs_assert(mac_learning_count(ml) == 0 && ml->n_static == 0);

    mac_learning_unref(ml);
    printf("static entries: ok\n");
}

static void
test_mac_learning_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    test_learn_and_move();
    test_eviction();
    test_expiry();
    test_grat_arp_lock();
    test_static();
}

OVSTEST_REGISTER("test-mac-learning", test_mac_learning_main);
