/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit test of translation (the NORMAL action): builds a translation
 * configuration for one bridge with bundles in every 802.1Q mode, then
 * traces the flows given one per line on stdin ("FLOW" or "FLOW
 * -generate"), printing each trace in ofproto/trace's format, and finally
 * the MAC learning table in fdb/show's format (without ages).
 *
 *     ovstest test-xlate < flows
 *
 * The bridge ("br2"), as the reference switch numbers it:
 *
 *     bundle  ofport odp  mode
 *     r6      6      15   trunk, priority tags if nonzero
 *     r3      3      21   native-untagged, VLAN 0
 *     r9      9      17   native-tagged, VLAN 10, trunks 20
 *     r7      7      14   access, VLAN 7, priority tags if nonzero
 *     r1      1      20   trunk
 *     r5      5      23   trunk, VLANs 10 and 20
 *     r10     10     16   access, VLAN 10
 *     r8      8      18   native-untagged, VLAN 20, trunks 10
 *     r4      4      19   native-tagged, VLAN 0
 *     r2      2      22   access, VLAN 0
 *     br2     LOCAL  102  trunk
 *
 * (listed in the order in which flooding visits them). */

#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ofproto/mac-learning.h"
#include "match.h"
#include "ofproto/ofproto-dpif-trace.h"
#include "ofproto/ofproto-dpif-xlate.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "ovstest.h"
#include "packets.h"

/* One bundle of the test bridge. */
struct test_bundle {
    const char *name;           /* Bundle and port name. */
    ofp_port_t ofp_port;        /* OpenFlow port number. */
    odp_port_t odp_port;        /* Datapath port number. */
    enum port_vlan_mode mode;   /* VLAN mode. */
    int vlan;                   /* Access/native VLAN or -1. */
    int trunks[3];              /* Trunked VLANs, -1 terminated; an empty
                                 * list means all. */
    bool priority_tags;         /* Priority tags if PCP != 0. */
};

static const struct test_bundle bundles[] = {
    { "r6", 6, 15, PORT_VLAN_TRUNK, -1, { -1 }, true },
    { "r3", 3, 21, PORT_VLAN_NATIVE_UNTAGGED, 0, { -1 }, false },
    { "r9", 9, 17, PORT_VLAN_NATIVE_TAGGED, 10, { 20, -1 }, false },
    { "r7", 7, 14, PORT_VLAN_ACCESS, 7, { -1 }, true },
    { "r1", 1, 20, PORT_VLAN_TRUNK, -1, { -1 }, false },
    { "r5", 5, 23, PORT_VLAN_TRUNK, -1, { 10, 20, -1 }, false },
    { "r10", 10, 16, PORT_VLAN_ACCESS, 10, { -1 }, false },
    { "r8", 8, 18, PORT_VLAN_NATIVE_UNTAGGED, 20, { 10, -1 }, false },
    { "r4", 4, 19, PORT_VLAN_NATIVE_TAGGED, 0, { -1 }, false },
    { "r2", 2, 22, PORT_VLAN_ACCESS, 0, { -1 }, false },
    { "br2", OFPP_LOCAL, 102, PORT_VLAN_TRUNK, -1, { -1 }, false },
};
#define N_BUNDLES ARRAY_SIZE(bundles)

/* Opaque keys that stand for ofproto-dpif's objects. */
static char bridge_key;
static char bundle_keys[N_BUNDLES];
static char port_keys[N_BUNDLES];

#define TRUNK_LONGS (4096 / (8 * sizeof(unsigned long)))

static void
configure(struct mac_learning *ml)
{
    struct ofproto_dpif *ofproto = (struct ofproto_dpif *) &bridge_key;
    size_t i;

    xlate_txn_start();
    xlate_ofproto_set(ofproto, "br2", NULL, ml, false);
    for (i = 0; i < N_BUNDLES; i++) {
        const struct test_bundle *b = &bundles[i];
        struct ofbundle *bundle = (struct ofbundle *) &bundle_keys[i];
        unsigned long trunks[TRUNK_LONGS];
        bool all = b->trunks[0] < 0;
        int j;

        memset(trunks, 0, sizeof trunks);
        for (j = 0; b->trunks[j] >= 0; j++) {
            int v = b->trunks[j];

            trunks[v / (8 * sizeof(unsigned long))]
                |= 1UL << (v % (8 * sizeof(unsigned long)));
        }
        xlate_bundle_set(ofproto, bundle, b->name, b->mode, b->vlan,
                         all ? NULL : trunks, b->priority_tags, true, false);
        xlate_ofport_set(ofproto, bundle,
                         (struct ofport_dpif *) &port_keys[i], b->ofp_port,
                         b->odp_port, b->name, 0, 0, true);
    }
    xlate_txn_commit();
}

/* Prints the MAC learning table as fdb/show does, without ages. */
static void
print_fdb(struct mac_learning *ml)
{
    const struct mac_entry *e;

    printf(" port  VLAN  MAC                Age\n");
    ovs_rwlock_rdlock(&ml->rwlock);
    LIST_FOR_EACH (e, lru_node, &ml->lrus) {
        size_t idx = (char *) e->port - bundle_keys;
        char port[16];

        ovs_assert(idx < N_BUNDLES);
        if (bundles[idx].ofp_port == OFPP_LOCAL) {
            snprintf(port, sizeof port, "LOCAL");
        } else {
            snprintf(port, sizeof port, "%d", bundles[idx].ofp_port);
        }
        printf("%5s  %4d  "ETH_ADDR_FMT"\n", port, e->vlan,
               ETH_ADDR_ARGS(e->mac));
    }
    ovs_rwlock_unlock(&ml->rwlock);
}

static void
test_xlate_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct mac_learning *ml = mac_learning_create(300);
    struct ofproto_dpif *ofproto = (struct ofproto_dpif *) &bridge_key;
    char line[1024];

    configure(ml);
    /* Reconfiguring with the same settings must change nothing. */
    configure(ml);

    while (fgets(line, sizeof line, stdin)) {
        struct ds out = DS_EMPTY_INITIALIZER;
        bool generate = false;
        struct flow flow;
        char *space, *error;

        line[strcspn(line, "\n")] = '\0';
        if (!line[0]) {
            continue;
        }
        space = strchr(line, ' ');
        if (space) {
            *space = '\0';
            generate = !strcmp(space + 1, "-generate");
        }
        printf("# %s%s\n", line, generate ? " -generate" : "");
        error = parse_ofp_exact_flow(&flow, NULL, NULL, line, NULL);
        if (error) {
            printf("%s\n", error);
            free(error);
            continue;
        }
        ofproto_trace(ofproto, &flow, generate, &out);
        fputs(ds_cstr(&out), stdout);
        ds_destroy(&out);
    }
    print_fdb(ml);

    xlate_remove_ofproto(ofproto);
    mac_learning_unref(ml);
}

OVSTEST_REGISTER("test-xlate", test_xlate_main);
