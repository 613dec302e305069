/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit test of ofproto and ofproto-dpif through the bridge-facing API
 * (ofproto/ofproto.h) on the dummy datapath, without the database: switch
 * creation, OpenFlow port numbering, the shared datapath and its port
 * number mapping, ports that vanish from the datapath, bundles and
 * deletion.  Prints what it observes; tests/ofproto.at checks it. */

#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "netdev-provider.h"
#include "netdev.h"
#include "ofproto/ofproto-dpif.h"
#include "ofproto/ofproto.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "ovstest.h"
#include "sset.h"

/* Prints the ports of 'ofproto' as "NAME OFPORT TYPE" lines. */
static void
print_ports(const struct ofproto *ofproto)
{
    struct ofproto_port_dump dump;
    struct ofproto_port port;

    printf("%s:", ofproto_get_name(ofproto));
    OFPROTO_PORT_FOR_EACH (&port, &dump, ofproto) {
        printf(" %s=%u", port.name, (unsigned) port.ofp_port);
    }
    printf("\n");
}

/* Prints the names of the ports of datapath 'dpif', sorted. */
static void
print_dp_ports(const struct dpif *dpif)
{
    struct sset names = SSET_INITIALIZER(&names);
    struct dpif_port_dump dump;
    struct dpif_port port;
    const char **sorted;
    size_t i;

    DPIF_PORT_FOR_EACH (&port, &dump, dpif) {
        sset_add(&names, port.name);
    }
    sorted = sset_sort(&names);
    printf("%s:", dpif_name(dpif));
    for (i = 0; i < sset_count(&names); i++) {
        printf(" %s", sorted[i]);
    }
    printf("\n");
    free(sorted);
    sset_destroy(&names);
}

/* Adds a new dummy device 'name' to 'ofproto' requesting OpenFlow port
 * 'request'; prints and returns the result. */
static int
add_port(struct ofproto *ofproto, const char *name, ofp_port_t request)
{
    struct netdev *netdev;
    ofp_port_t ofp_port = request;
    int error;

    error = netdev_open(name, "dummy", &netdev);
    ovs_assert(!error);
    error = ofproto_port_add(ofproto, netdev, &ofp_port);
    printf("add %s to %s: %s", name, ofproto_get_name(ofproto),
           error ? ovs_strerror(error) : "ok");
    if (!error) {
        printf(", port %u", (unsigned) ofp_port);
    }
    printf("\n");
    netdev_close(netdev);
    return error;
}

/* Runs the datapath type's periodic work a few times, so that port changes
 * reach ofproto. */
static void
run_type(const char *type, struct ofproto *a, struct ofproto *b)
{
    int i;

    for (i = 0; i < 3; i++) {
        ofproto_type_run(type);
        if (a) {
            ofproto_run(a);
        }
        if (b) {
            ofproto_run(b);
        }
    }
}

static void
test_ofproto_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofproto *br0, *br1, *dup;
    struct ofproto_port port;
    struct ofproto_dpif *br0_dpif;
    struct ofproto_dpif *owner;
    struct dpif_backer *backer;
    struct dpif *dpif;
    odp_port_t odp;
    ofp_port_t slaves[2];
    unsigned long trunks[4096 / (8 * sizeof(unsigned long))];
    struct ofproto_bundle_settings s;
    struct ofbundle *bundle;
    int aux1, aux2;
    struct sset types;

    vlog_set_levels_from_string_assert("ofproto:off");
    vlog_set_levels_from_string_assert("ofproto_dpif:off");
    netdev_dummy_register(false);
    ofproto_init(NULL);

    /* Creation. */
    ovs_assert(!ofproto_create("br0", "dummy", &br0));
    ovs_assert(!ofproto_create("br1", "dummy", &br1));
    printf("create br0 again: %s\n",
           ovs_strerror(ofproto_create("br0", "dummy", &dup)));
    ovs_assert(!dup);
    printf("create on an unknown type: %s\n",
           ovs_strerror(ofproto_create("brx", "nosuchtype", &dup)));
    sset_init(&types);
    ofproto_enumerate_types(&types);
    printf("datapath types include dummy: %s\n",
           sset_contains(&types, "dummy") ? "yes" : "no");
    sset_destroy(&types);
    run_type("dummy", br0, br1);

    /* Port numbering. */
    add_port(br0, "p1", 5);
    add_port(br0, "p2", OFPP_NONE);
    add_port(br0, "p3", OFPP_NONE);
    add_port(br0, "p4", 5);
    add_port(br1, "q1", OFPP_NONE);
    add_port(br1, "p1", OFPP_NONE);
    print_ports(br0);
    print_ports(br1);
    printf("query br0 p2: %s\n",
           ofproto_port_query_by_name(br0, "p2", &port) ? "error" : "ok");
    printf("  %s type %s port %u\n", port.name, port.type,
           (unsigned) port.ofp_port);
    ofproto_port_destroy(&port);
    printf("query br1 p2: %s\n",
           ovs_strerror(ofproto_port_query_by_name(br1, "p2", &port)));

    /* One datapath for both bridges. */
    ovs_assert(!dpif_open("ovs-dummy", "dummy", &dpif));
    print_dp_ports(dpif);

    /* Datapath <-> OpenFlow numbers. */
    br0_dpif = ofproto_dpif_cast(br0);
    backer = ofproto_dpif_get_backer(br0_dpif);
    odp = ofp_port_to_odp_port(br0_dpif, 1);
    ovs_assert(odp != ODPP_NONE);
    printf("br0 port 1 maps back: %s\n",
           (odp_port_to_ofp_port(backer, odp, &owner) == 1
            && owner == br0_dpif) ? "yes" : "no");
    printf("br0 local port is odp %s\n",
           ofp_port_to_odp_port(br0_dpif, OFPP_LOCAL) != ODPP_NONE
           ? "valid" : "none");
    printf("unknown odp port maps to none: %s\n",
           odp_port_to_ofp_port(backer, 4000, &owner) == OFPP_NONE
           && !owner ? "yes" : "no");

    /* Bundles. */
    memset(&s, 0, sizeof s);
    memset(trunks, 0xff, sizeof trunks);
    s.name = "bond";
    slaves[0] = 1;
    slaves[1] = 5;
    s.slaves = slaves;
    s.n_slaves = 2;
    s.vlan_mode = PORT_VLAN_TRUNK;
    s.vlan = -1;
    s.trunks = trunks;
    ovs_assert(!ofproto_bundle_register(br0, &aux1, &s));
    s.name = "p3";
    slaves[0] = 2;
    s.n_slaves = 1;
    s.vlan_mode = PORT_VLAN_ACCESS;
    s.vlan = 10;
    s.trunks = NULL;
    ovs_assert(!ofproto_bundle_register(br0, &aux2, &s));
    printf("bundles: %zu\n", hmap_count(&br0_dpif->bundles));
    /* p1 moves from "bond" to "p3". */
    slaves[0] = 5;
    ovs_assert(!ofproto_bundle_register(br0, &aux2, &s));
    HMAP_FOR_EACH (bundle, hmap_node, &br0_dpif->bundles) {
        printf("bundle %s: %zu port(s), vlan %d\n", bundle->name,
               ovs_list_size(&bundle->ports), bundle->vlan);
    }
    fflush(stdout);
    ovs_assert(!ofproto_bundle_unregister(br0, &aux1));
    printf("bundles after unregister: %zu\n",
           hmap_count(&br0_dpif->bundles));
    run_type("dummy", br0, br1);

    /* A port that vanishes from the datapath leaves its bridge. */
    odp = ofp_port_to_odp_port(br0_dpif, 2);
    ovs_assert(odp != ODPP_NONE);
    ovs_assert(!dpif_port_del(dpif, odp, false));
    run_type("dummy", br0, br1);
    printf("after removing p3 from the datapath: ");
    print_ports(br0);

    /* Deleting a port. */
    printf("del br0 port 1: %s\n",
           ovs_strerror(ofproto_port_del(br0, 1)));
    printf("del br0 port 1 again: %s\n",
           ovs_strerror(ofproto_port_del(br0, 1)));
    print_ports(br0);

    /* Destroying: with 'del' the ports leave the datapath. */
    ofproto_destroy(br1, true);
    run_type("dummy", br0, NULL);
    print_dp_ports(dpif);
    ofproto_destroy(br0, false);
    ofproto_type_run("dummy");
    dpif_close(dpif);
    ovsrcu_barrier();
}

OVSTEST_REGISTER("test-ofproto", test_ofproto_main);
