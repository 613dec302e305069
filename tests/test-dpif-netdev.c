/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit tests of the userspace datapath: the megaflow classifier against a
 * linear search, the exact-match cache, flow put/get/del/dump semantics
 * through the dpif API on a "dummy" datapath, execute with output to a
 * dummy port recorded in a pcap file, and multi-threaded flow dumps. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include "csum.h"
#include "dp-packet.h"
#include "dpif-netdev-dpcls.h"
#include "dpif-netdev.h"
#include "dpif-provider.h"
#include "dpif.h"
#include "flow.h"
#include "netdev-dummy.h"
#include "netdev-provider.h"
#include "netdev.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "ovstest.h"
#include "packets.h"
#include "pcap-file.h"
#include "poll-loop.h"
#include "random.h"
#include "smap.h"
#include "timeval.h"
#include "unixctl.h"
#include "openvswitch/util.h"

#define CHECK(EXPR)                                                     \
    do {                                                                \
        if (!(EXPR)) {                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,      \
                    __LINE__, #EXPR);                                   \
            exit(1);                                                    \
        }                                                               \
    } while (0)

#define CHECK_ERR(EXPR, ERR)                                            \
    do {                                                                \
        int err__ = (EXPR);                                             \
        if (err__ != (ERR)) {                                           \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d\n", \
                    __FILE__, __LINE__, #EXPR, err__,                   \
                    ovs_strerror(err__), (ERR));                        \
            exit(1);                                                    \
        }                                                               \
    } while (0)

/* dpcls against a linear search. */

/* A classifier rule with its own copy of key and mask, for the linear
 * search. */
struct test_rule {
    struct dpcls_rule cr;       /* In the classifier (or not). */
    struct flow key;            /* Key. */
    struct flow_wildcards wc;   /* Mask. */
    bool in_cls;                /* True if inserted. */
};

static bool
test_rule_matches(const struct test_rule *r, const struct flow *flow)
{
    const uint64_t *k = flow_u64_const(&r->key);
    const uint64_t *m = flow_u64_const(&r->wc.masks);
    const uint64_t *f = flow_u64_const(flow);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((k[i] ^ f[i]) & m[i]) {
            return false;
        }
    }
    return true;
}

/* Fills 'flow' with values drawn from small ranges, so that random
 * packets often match random rules. */
static void
random_flow(struct flow *flow)
{
    memset(flow, 0, sizeof *flow);
    flow->in_port.odp_port = u32_to_odp(random_range(3));
    flow->dl_type = htons(random_range(2) ? 0x0800 : 0x86dd);
    flow->nw_src = htonl(0x0a000000 | random_range(4) << 8 | random_range(4));
    flow->nw_dst = htonl(0x0a000000 | random_range(4));
    flow->nw_proto = random_range(2) ? 6 : 17;
    flow->tp_src = htons(random_range(3));
    flow->tp_dst = htons(80 + random_range(3));
    flow->dl_src.ea[5] = random_range(3);
}

/* Fills 'wc' with one of a handful of masks. */
static void
random_mask(struct flow_wildcards *wc, int n_masks)
{
    int which = random_range(n_masks);

    flow_wildcards_init_catchall(wc);
    WC_MASK_FIELD(wc, in_port);
    if (which & 1) {
        WC_MASK_FIELD(wc, dl_type);
    }
    if (which & 2) {
        wc->masks.nw_src = htonl(0xffffff00);
    }
    if (which & 4) {
        WC_MASK_FIELD(wc, nw_dst);
    }
    if (which & 8) {
        WC_MASK_FIELD(wc, tp_dst);
        WC_MASK_FIELD(wc, nw_proto);
    }
    if (which & 16) {
        WC_MASK_FIELD(wc, dl_src);
    }
    if (which & 32) {
        WC_MASK_FIELD(wc, tp_src);
    }
}

/* Checks that looking up 'n_lookups' random flows in 'cls' finds a rule
 * that matches whenever one of 'rules' that is in the classifier
 * matches, and never a rule that does not match. */
static void
check_lookups(const struct dpcls *cls, struct test_rule *rules,
              size_t n_rules, int n_lookups)
{
    for (int i = 0; i < n_lookups; i++) {
        const struct dpcls_rule *found;
        struct flow flow;
        bool any = false;

        random_flow(&flow);
        for (size_t j = 0; j < n_rules; j++) {
            if (rules[j].in_cls && test_rule_matches(&rules[j], &flow)) {
                any = true;
                break;
            }
        }

        rcu_read_lock();
        found = dpcls_lookup(cls, &flow, NULL);
        if (found) {
            const struct test_rule *r = CONTAINER_OF(found, struct test_rule,
                                                     cr);
            CHECK(r->in_cls);
            CHECK(test_rule_matches(r, &flow));
            CHECK(dpcls_rule_matches(found, &flow));
            CHECK(flow_wildcards_equal(dpcls_rule_mask(found), &r->wc));
        }
        rcu_read_unlock();
        CHECK(any == (found != NULL));
    }
}

static void
test_dpcls(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    for (int round = 0; round < 20; round++) {
        size_t n_rules = 1 + random_range(200);
        int n_masks = 1 + random_range(64);
        struct test_rule *rules = xcalloc(n_rules, sizeof *rules);
        struct dpcls cls;

        dpcls_init(&cls);
        for (size_t i = 0; i < n_rules; i++) {
            random_flow(&rules[i].key);
            random_mask(&rules[i].wc, n_masks);
            dpcls_insert(&cls, &rules[i].cr, &rules[i].key, &rules[i].wc);
            rules[i].in_cls = true;
        }
        CHECK(dpcls_n_subtables(&cls) <= MIN(n_masks, n_rules));
        check_lookups(&cls, rules, n_rules, 2000);

        /* Resize the subtables' hash tables to their rules and check. */
        dpcls_fit(&cls);
        check_lookups(&cls, rules, n_rules, 500);

        /* Re-rank and check again. */
        dpcls_sort_subtables(&cls);
        check_lookups(&cls, rules, n_rules, 500);

        /* Remove half of the rules and check. */
        for (size_t i = 0; i < n_rules; i += 2) {
            dpcls_remove(&cls, &rules[i].cr);
            rules[i].in_cls = false;
        }
        check_lookups(&cls, rules, n_rules, 2000);
        dpcls_fit(&cls);
        check_lookups(&cls, rules, n_rules, 500);

        /* Remove the rest: every subtable must go. */
        for (size_t i = 1; i < n_rules; i += 2) {
            dpcls_remove(&cls, &rules[i].cr);
            rules[i].in_cls = false;
        }
        CHECK(dpcls_n_subtables(&cls) == 0);
        check_lookups(&cls, rules, n_rules, 100);
        dpcls_destroy(&cls);
        ovsrcu_barrier();
        dpcls_run();
        free(rules);
    }

    /* dpcls_lfht_fit() gives a table the smallest power of two (at least
     * the minimum) that is at least twice its nodes, when it has more
     * nodes than buckets or fewer than a quarter, and leaves it alone
     * otherwise. */
    struct cds_lfht *ht = cds_lfht_new(16, 16, 0, CDS_LFHT_AUTO_RESIZE
                                       | CDS_LFHT_ACCOUNTING, NULL);
    /* In order: each step starts from the previous one's buckets. */
    static const struct {
        unsigned long n_nodes;
        unsigned long n_buckets;
    } fits[] = {
        { 10, 16 }, { 1000, 2048 }, { 2000, 2048 }, { 600, 2048 },
        { 300, 1024 }, { 0, 16 },
    };
    unsigned long n_buckets = 16;

    for (size_t i = 0; i < ARRAY_SIZE(fits); i++) {
        dpcls_lfht_fit(ht, fits[i].n_nodes, 16, &n_buckets);
        CHECK(n_buckets == fits[i].n_buckets);
    }
    CHECK(!cds_lfht_destroy(ht, NULL));
    printf("dpcls: ok\n");
}

/* A dummy datapath with ports p1 (1) and p2 (2). */

/* What the test upcall callback does and counts. */
struct test_upcall {
    int n_miss;                 /* Calls with DPIF_UC_MISS. */
    int n_action;               /* Calls with DPIF_UC_ACTION. */
    odp_port_t out_port;        /* Output port of the actions it gives. */
    int error;                  /* What it returns. */
    uint32_t recirc_to;         /* If nonzero, misses with recirc_id 0
                                 * recirculate with this id. */
    bool recirc_loop;           /* If true, misses with a recirc_id
                                 * recirculate with the same id again. */
    uint32_t last_recirc_id;    /* recirc_id of the last miss. */
    char last_userdata[16];     /* Userdata of the last action upcall. */
};

/* The upcall callback: outputs to 'out_port', with a megaflow that
 * matches only on dl_dst (and the input port). */
static int
test_upcall_cb(const struct dp_packet *packet OVS_UNUSED,
               const struct flow *flow OVS_UNUSED, ovs_u128 *ufid OVS_UNUSED,
               unsigned pmd_id OVS_UNUSED, enum dpif_upcall_type type,
               const struct nlattr *userdata OVS_UNUSED,
               struct ofpbuf *actions, struct flow_wildcards *wc,
               struct ofpbuf *put_actions OVS_UNUSED, void *aux)
{
    struct test_upcall *u = aux;

    if (type == DPIF_UC_MISS) {
        u->n_miss++;
        u->last_recirc_id = flow->recirc_id;
        WC_MASK_FIELD(wc, dl_dst);
        if (!flow->recirc_id && u->recirc_to) {
            nl_msg_put_u32(actions, OVS_ACTION_ATTR_RECIRC, u->recirc_to);
        } else if (flow->recirc_id && u->recirc_loop) {
            nl_msg_put_u32(actions, OVS_ACTION_ATTR_RECIRC, flow->recirc_id);
        } else {
            nl_msg_put_u32(actions, OVS_ACTION_ATTR_OUTPUT,
                           odp_to_u32(u->out_port));
        }
    } else {
        u->n_action++;
        memset(u->last_userdata, 0, sizeof u->last_userdata);
        if (userdata) {
            memcpy(u->last_userdata, nl_attr_get(userdata),
                   MIN(nl_attr_get_size(userdata),
                       sizeof u->last_userdata - 1));
        }
    }
    return u->error;
}

/* The test datapath. */
struct test_dp {
    struct dpif *dpif;          /* The datapath. */
    struct netdev *p1, *p2;     /* Its ports 1 and 2. */
    struct test_upcall upcall;  /* Upcall callback state. */
};

static void
test_dp_open(struct test_dp *t, const char *tx_pcap)
{
    odp_port_t port_no;

    netdev_dummy_register(false);
    memset(t, 0, sizeof *t);
    CHECK_ERR(dpif_create_and_open("dp0", "dummy", &t->dpif), 0);
    CHECK(!strcmp(dpif_name(t->dpif), "dummy@dp0"));

    CHECK_ERR(netdev_open("p1", "dummy", &t->p1), 0);
    CHECK_ERR(netdev_open("p2", "dummy", &t->p2), 0);
    if (tx_pcap) {
        struct smap args = SMAP_INITIALIZER(&args);

        smap_add(&args, "tx_pcap", tx_pcap);
        CHECK_ERR(netdev_set_config(t->p2, &args, NULL), 0);
        smap_destroy(&args);
    }
    port_no = ODPP_NONE;
    CHECK_ERR(dpif_port_add(t->dpif, t->p1, &port_no), 0);
    CHECK(port_no == 1);
    port_no = ODPP_NONE;
    CHECK_ERR(dpif_port_add(t->dpif, t->p2, &port_no), 0);
    CHECK(port_no == 2);

    /* Every classifier hit goes into the EMC, for predictable counts. */
    {
        struct smap cfg = SMAP_INITIALIZER(&cfg);

        smap_add(&cfg, "emc-insert-inv-prob", "1");
        CHECK_ERR(dpif_set_config(t->dpif, &cfg), 0);
        smap_destroy(&cfg);
    }
    t->upcall.out_port = 2;
    dpif_register_upcall_cb(t->dpif, test_upcall_cb, &t->upcall);
    dpif_enable_upcall(t->dpif);
}

static void
test_dp_close(struct test_dp *t)
{
    dpif_disable_upcall(t->dpif);
    CHECK_ERR(dpif_port_del(t->dpif, 1, false), 0);
    CHECK_ERR(dpif_port_del(t->dpif, 2, false), 0);
    CHECK_ERR(dpif_port_del(t->dpif, 2, false), ENOENT);
    CHECK_ERR(dpif_port_del(t->dpif, ODPP_LOCAL, false), EINVAL);
    netdev_close(t->p1);
    netdev_close(t->p2);
    CHECK_ERR(dpif_delete(t->dpif), 0);
    dpif_close(t->dpif);
    ovsrcu_barrier();
}

/* Returns a UDP packet from dl_src ...:'src' to dl_dst ...:'dst'. */
static struct dp_packet *
make_packet(int src, int dst, int udp_src)
{
    struct flow flow;
    struct dp_packet *p = dp_packet_new(0);

    memset(&flow, 0, sizeof flow);
    flow.dl_src = (struct eth_addr) { { { 0x50, 0x54, 0, 0, 0, src } } };
    flow.dl_dst = (struct eth_addr) { { { 0x50, 0x54, 0, 0, 0, dst } } };
    flow.dl_type = htons(ETH_TYPE_IP);
    flow.nw_src = htonl(0x0a000001);
    flow.nw_dst = htonl(0x0a000002);
    flow.nw_proto = IPPROTO_UDP;
    flow.nw_ttl = 64;
    flow.tp_src = htons(udp_src);
    flow.tp_dst = htons(53);
    flow_compose(p, &flow, NULL, 0);
    return p;
}

static int
count_flows(struct dpif *dpif)
{
    struct dpif_flow_dump *dump = dpif_flow_dump_create(dpif, false, NULL);
    struct dpif_flow_dump_thread *thread = dpif_flow_dump_thread_create(dump);
    struct dpif_flow flows[10];
    int n, total = 0;

    while ((n = dpif_flow_dump_next(thread, flows, ARRAY_SIZE(flows)))) {
        total += n;
    }
    dpif_flow_dump_thread_destroy(thread);
    CHECK_ERR(dpif_flow_dump_destroy(dump), 0);
    return total;
}

/* Packets through the main thread: misses, megaflow hits, EMC hits, and
 * the EMC forgetting a deleted flow. */
static void
test_emc(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dpif_netdev_stats s;
    struct dpif_dp_stats dp_stats;
    struct netdev_stats ns;
    struct test_dp t;

    test_dp_open(&t, NULL);

    /* First packet: miss, upcall, flow installed, packet output. */
    netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 1000), -1);
    dpif_run(t.dpif);
    CHECK(t.upcall.n_miss == 1);
    dpif_netdev_get_stats_ext(t.dpif, &s);
    CHECK(s.n_received == 1 && s.n_missed == 1 && s.n_flows == 1);
    CHECK(s.n_masks == 1);
    CHECK_ERR(netdev_get_stats(t.p2, &ns), 0);
    CHECK(ns.tx_packets == 1);

    /* Same megaflow, different packet: classifier hit, then cached. */
    netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 1001), -1);
    dpif_run(t.dpif);
    dpif_netdev_get_stats_ext(t.dpif, &s);
    CHECK(t.upcall.n_miss == 1);
    CHECK(s.n_masked_hit == 1 && s.n_emc_hit == 0);

    /* The same packet again: exact-match hit. */
    netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 1001), -1);
    dpif_run(t.dpif);
    dpif_netdev_get_stats_ext(t.dpif, &s);
    CHECK(s.n_masked_hit == 1 && s.n_emc_hit == 1);

    /* A batch of several packets of one new and one known megaflow. */
    for (int i = 0; i < 5; i++) {
        netdev_dummy_queue_packet(t.p1, make_packet(1, 3, 2000 + i), -1);
        netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 1001), -1);
    }
    dpif_run(t.dpif);
    dpif_netdev_get_stats_ext(t.dpif, &s);
    CHECK(t.upcall.n_miss == 2);
    CHECK(s.n_flows == 2);
    CHECK(s.n_emc_hit == 6);
    CHECK_ERR(netdev_get_stats(t.p2, &ns), 0);
    CHECK(ns.tx_packets == 13);
    CHECK_ERR(dpif_get_dp_stats(t.dpif, &dp_stats), 0);
    CHECK(dp_stats.n_hit == 11 && dp_stats.n_missed == 2);
    CHECK(dp_stats.n_flows == 2);

    /* Delete every flow: the cached packet must miss again. */
    CHECK_ERR(dpif_flow_flush(t.dpif), 0);
    CHECK(count_flows(t.dpif) == 0);
    netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 1001), -1);
    dpif_run(t.dpif);
    CHECK(t.upcall.n_miss == 3);
    dpif_netdev_get_stats_ext(t.dpif, &s);
    CHECK(s.n_emc_hit == 6);
    CHECK(count_flows(t.dpif) == 1);

    /* Upcalls disabled: packets are lost, not installed. */
    dpif_disable_upcall(t.dpif);
    netdev_dummy_queue_packet(t.p1, make_packet(1, 9, 1), -1);
    dpif_run(t.dpif);
    CHECK(t.upcall.n_miss == 3);
    CHECK_ERR(dpif_get_dp_stats(t.dpif, &dp_stats), 0);
    CHECK(dp_stats.n_lost == 1);
    dpif_enable_upcall(t.dpif);

    /* An upcall that fails drops the packet. */
    t.upcall.error = EINVAL;
    netdev_dummy_queue_packet(t.p1, make_packet(1, 8, 1), -1);
    dpif_run(t.dpif);
    CHECK(t.upcall.n_miss == 4);
    CHECK(count_flows(t.dpif) == 1);
    t.upcall.error = 0;

    /* emc-insert-inv-prob=0 turns the EMC off. */
    {
        struct smap cfg = SMAP_INITIALIZER(&cfg);
        uint64_t emc_hits;

        smap_add(&cfg, "emc-insert-inv-prob", "0");
        CHECK_ERR(dpif_set_config(t.dpif, &cfg), 0);
        smap_destroy(&cfg);
        CHECK_ERR(dpif_flow_flush(t.dpif), 0);
        dpif_netdev_get_stats_ext(t.dpif, &s);
        emc_hits = s.n_emc_hit;
        for (int i = 0; i < 4; i++) {
            netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 1001), -1);
            dpif_run(t.dpif);
        }
        dpif_netdev_get_stats_ext(t.dpif, &s);
        CHECK(s.n_emc_hit == emc_hits);
        CHECK(t.upcall.n_miss == 5);
    }

    test_dp_close(&t);
    printf("emc: ok\n");
}

/* Parses 'key_s' (with masks) into 'key' and 'mask'. */
static void
parse_key(const char *key_s, struct ofpbuf *key, struct ofpbuf *mask)
{
    char *error = NULL;

    ofpbuf_clear(key);
    ofpbuf_clear(mask);
    if (odp_flow_from_string(key_s, NULL, key, mask, &error)) {
        fprintf(stderr, "%s: %s\n", key_s, error);
        exit(1);
    }
}

static void
put_output(struct ofpbuf *actions, uint32_t port)
{
    ofpbuf_clear(actions);
    nl_msg_put_u32(actions, OVS_ACTION_ATTR_OUTPUT, port);
}

/* Flow put/get/del/dump semantics. */
static void
test_flows(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const char *key1_s =
        "in_port(1),eth(src=00:01:02:03:04:05,dst=00:01:02:03:04:06),"
        "eth_type(0x0800),ipv4(src=10.0.0.0/255.0.0.0,frag=no)";
    static const char *key2_s =
        "in_port(2),eth(),eth_type(0x0800),ipv4(src=10.1.2.3/255.0.0.0,"
        "frag=no)";
    struct ofpbuf key, mask, actions, buf;
    struct dpif_flow_stats stats;
    struct dpif_flow flow;
    ovs_u128 ufid1 = { .u32 = { 1, 2, 3, 4 } };
    ovs_u128 ufid2 = { .u32 = { 5, 6, 7, 8 } };
    struct test_dp t;

    test_dp_open(&t, NULL);
    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&actions, 0);
    ofpbuf_init(&buf, 0);

    /* Create; create again (EEXIST); modify a missing flow (ENOENT). */
    parse_key(key1_s, &key, &mask);
    put_output(&actions, 2);
    CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_CREATE, key.data, key.size,
                            mask.data, mask.size, actions.data, actions.size,
                            &ufid1, PMD_ID_NULL, NULL), 0);
    CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_CREATE | DPIF_FP_PROBE,
                            key.data, key.size, mask.data, mask.size,
                            actions.data, actions.size, &ufid1, PMD_ID_NULL,
                            NULL), EEXIST);
    CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_MODIFY | DPIF_FP_PROBE,
                            key.data, key.size, mask.data, mask.size,
                            actions.data, actions.size, &ufid2, PMD_ID_NULL,
                            NULL), ENOENT);

    /* A malformed key is rejected. */
    CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_CREATE | DPIF_FP_PROBE,
                            key.data, key.size - 4, NULL, 0,
                            actions.data, actions.size, &ufid2, PMD_ID_NULL,
                            NULL) != 0, 1);

    /* A second flow, without UFID: the datapath computes one, and finds
     * the flow again from the key. */
    parse_key(key2_s, &key, &mask);
    CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_CREATE, key.data, key.size,
                            mask.data, mask.size, actions.data, actions.size,
                            NULL, PMD_ID_NULL, NULL), 0);
    CHECK_ERR(dpif_flow_get(t.dpif, key.data, key.size, NULL, PMD_ID_NULL,
                            &buf, &flow), 0);
    CHECK(flow.ufid_present);
    CHECK(flow.pmd_id == NON_PMD_CORE_ID);
    CHECK(count_flows(t.dpif) == 2);

    /* Get by UFID returns key, mask and actions; the key reads back as
     * it was put, with its mask. */
    ofpbuf_clear(&buf);
    CHECK_ERR(dpif_flow_get(t.dpif, NULL, 0, &ufid1, PMD_ID_NULL, &buf,
                            &flow), 0);
    CHECK(!memcmp(&flow.ufid, &ufid1, sizeof ufid1));
    CHECK(flow.actions_len == actions.size
          && !memcmp(flow.actions, actions.data, actions.size));
    CHECK(flow.stats.n_packets == 0 && flow.stats.used == 0);
    {
        struct ds s = DS_EMPTY_INITIALIZER;

        odp_flow_format(flow.key, flow.key_len, flow.mask, flow.mask_len,
                        NULL, &s, false);
        printf("%s\n", ds_cstr(&s));
        ds_destroy(&s);
    }

    /* Modify: new actions, old stats returned. */
    parse_key(key1_s, &key, &mask);
    put_output(&actions, 3);
    CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_MODIFY, key.data, key.size,
                            mask.data, mask.size, actions.data, actions.size,
                            &ufid1, PMD_ID_NULL, &stats), 0);
    CHECK(stats.n_packets == 0);
    ofpbuf_clear(&buf);
    CHECK_ERR(dpif_flow_get(t.dpif, NULL, 0, &ufid1, PMD_ID_NULL, &buf,
                            &flow), 0);
    CHECK(flow.actions_len == actions.size
          && !memcmp(flow.actions, actions.data, actions.size));

    /* Modify with the UFID of a different flow is invalid. */
    parse_key(key2_s, &key, &mask);
    CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_MODIFY | DPIF_FP_PROBE,
                            key.data, key.size, mask.data, mask.size,
                            actions.data, actions.size, &ufid1, PMD_ID_NULL,
                            NULL), EINVAL);

    /* Traffic updates the stats; ZERO_STATS clears them. */
    {
        struct dp_packet *p = make_packet(5, 6, 1);
        struct eth_header *eh = dp_packet_data(p);

        eh->eth_src = (struct eth_addr) { { { 0, 1, 2, 3, 4, 5 } } };
        eh->eth_dst = (struct eth_addr) { { { 0, 1, 2, 3, 4, 6 } } };
        netdev_dummy_queue_packet(t.p1, p, -1);
        dpif_run(t.dpif);
        CHECK(t.upcall.n_miss == 0);
    }
    ofpbuf_clear(&buf);
    CHECK_ERR(dpif_flow_get(t.dpif, NULL, 0, &ufid1, PMD_ID_NULL, &buf,
                            &flow), 0);
    CHECK(flow.stats.n_packets == 1 && flow.stats.used != 0);
    CHECK(flow.stats.n_bytes > 0);
    parse_key(key1_s, &key, &mask);
    CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_MODIFY | DPIF_FP_ZERO_STATS,
                            key.data, key.size, mask.data, mask.size,
                            actions.data, actions.size, &ufid1, PMD_ID_NULL,
                            &stats), 0);
    CHECK(stats.n_packets == 1);
    ofpbuf_clear(&buf);
    CHECK_ERR(dpif_flow_get(t.dpif, NULL, 0, &ufid1, PMD_ID_NULL, &buf,
                            &flow), 0);
    CHECK(flow.stats.n_packets == 0);

    /* Delete by UFID and by key; deleting again fails. */
    CHECK_ERR(dpif_flow_del(t.dpif, NULL, 0, &ufid1, PMD_ID_NULL, &stats),
              0);
    CHECK_ERR(dpif_flow_del(t.dpif, NULL, 0, &ufid1, PMD_ID_NULL, NULL),
              ENOENT);
    CHECK_ERR(dpif_flow_get(t.dpif, NULL, 0, &ufid1, PMD_ID_NULL, &buf,
                            &flow), ENOENT);
    parse_key(key2_s, &key, &mask);
    CHECK_ERR(dpif_flow_del(t.dpif, key.data, key.size, NULL, PMD_ID_NULL,
                            NULL), 0);
    CHECK(count_flows(t.dpif) == 0);

    /* Batched operations: each op gets its own result. */
    {
        struct dpif_op ops[3], *opp[3];

        parse_key(key1_s, &key, &mask);
        memset(ops, 0, sizeof ops);
        for (int i = 0; i < 3; i++) {
            opp[i] = &ops[i];
        }
        ops[0].type = DPIF_OP_FLOW_PUT;
        ops[0].flow_put = (struct dpif_flow_put) {
            .flags = DPIF_FP_CREATE, .key = key.data, .key_len = key.size,
            .mask = mask.data, .mask_len = mask.size,
            .actions = actions.data, .actions_len = actions.size,
            .ufid = &ufid1, .pmd_id = PMD_ID_NULL,
        };
        ops[1] = ops[0];
        ops[1].flow_put.flags |= DPIF_FP_PROBE;
        ops[2].type = DPIF_OP_FLOW_DEL;
        ops[2].flow_del = (struct dpif_flow_del) {
            .ufid = &ufid2, .pmd_id = PMD_ID_NULL,
        };
        dpif_operate(t.dpif, opp, 3);
        CHECK(ops[0].error == 0);
        CHECK(ops[1].error == EEXIST);
        CHECK(ops[2].error == ENOENT);
    }

    /* A flow installed by an upcall can be found and deleted by the key
     * that a dump shows for it. */
    CHECK_ERR(dpif_flow_flush(t.dpif), 0);
    netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 1), -1);
    dpif_run(t.dpif);
    CHECK(t.upcall.n_miss == 1);
    {
        struct dpif_flow_dump *dump = dpif_flow_dump_create(t.dpif, false,
                                                            NULL);
        struct dpif_flow_dump_thread *thread
            = dpif_flow_dump_thread_create(dump);
        struct dpif_flow f;

        CHECK(dpif_flow_dump_next(thread, &f, 1) == 1);
        ofpbuf_clear(&key);
        ofpbuf_put(&key, f.key, f.key_len);
        CHECK(dpif_flow_dump_next(thread, &f, 1) == 0);
        dpif_flow_dump_thread_destroy(thread);
        dpif_flow_dump_destroy(dump);
    }
    ofpbuf_clear(&buf);
    CHECK_ERR(dpif_flow_get(t.dpif, key.data, key.size, NULL, PMD_ID_NULL,
                            &buf, &flow), 0);
    CHECK_ERR(dpif_flow_del(t.dpif, key.data, key.size, NULL, PMD_ID_NULL,
                            NULL), 0);
    CHECK(count_flows(t.dpif) == 0);

    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&actions);
    ofpbuf_uninit(&buf);
    test_dp_close(&t);
    printf("flows: ok\n");
}

/* Execute with output to a port that records into a pcap file. */
static void
test_execute(int argc, char *argv[])
{
    const char *pcap_name = argc > 1 ? argv[1] : "p2-tx.pcap";
    struct dp_packet *packet, *read;
    struct dpif_execute execute;
    struct ofpbuf actions;
    struct pcap_file *pcap;
    struct flow flow;
    struct test_dp t;
    long long int when;

    test_dp_open(&t, pcap_name);

    packet = make_packet(7, 8, 4242);
    flow_extract(packet, &flow);
    ofpbuf_init(&actions, 0);
    put_output(&actions, 2);
    put_output(&actions, 2);
    nl_msg_put_u32(&actions, OVS_ACTION_ATTR_OUTPUT, 2);

    memset(&execute, 0, sizeof execute);
    execute.actions = actions.data;
    execute.actions_len = actions.size;
    execute.flow = &flow;
    execute.packet = packet;
    CHECK_ERR(dpif_execute(t.dpif, &execute), 0);

    /* Output to a port that does not exist drops the packet quietly. */
    put_output(&actions, 77);
    execute.actions = actions.data;
    execute.actions_len = actions.size;
    CHECK_ERR(dpif_execute(t.dpif, &execute), 0);

    /* The packet, twice, byte for byte. */
    pcap = ovs_pcap_open(pcap_name, "rb");
    CHECK(pcap);
    for (int i = 0; i < 2; i++) {
        CHECK_ERR(ovs_pcap_read(pcap, &read, &when), 0);
        CHECK(dp_packet_size(read) == dp_packet_size(packet));
        CHECK(!memcmp(dp_packet_data(read), dp_packet_data(packet),
                      dp_packet_size(packet)));
        dp_packet_delete(read);
    }
    CHECK(ovs_pcap_read(pcap, &read, &when) == EOF);
    ovs_pcap_close(pcap);

    /* Execute is not a flow: nothing installed, no upcall. */
    CHECK(count_flows(t.dpif) == 0);
    CHECK(t.upcall.n_miss == 0);

    dp_packet_delete(packet);
    ofpbuf_uninit(&actions);
    test_dp_close(&t);
    printf("execute: ok\n");
}

/* Multi-threaded dumps: every flow exactly once. */

struct dump_aux {
    struct dpif_flow_dump *dump; /* The shared dump. */
    ovs_u128 *ufids;            /* Collected UFIDs. */
    size_t n;                   /* Number collected. */
};

static void *
dump_thread_main(void *aux_)
{
    struct dump_aux *aux = aux_;
    struct dpif_flow_dump_thread *thread;
    struct dpif_flow flows[7];
    size_t allocated = 0;
    int n;

    thread = dpif_flow_dump_thread_create(aux->dump);
    while ((n = dpif_flow_dump_next(thread, flows, ARRAY_SIZE(flows)))) {
        for (int i = 0; i < n; i++) {
            struct flow f;

            if (aux->n >= allocated) {
                allocated = allocated ? 2 * allocated : 64;
                aux->ufids = xrealloc(aux->ufids,
                                      allocated * sizeof *aux->ufids);
            }
            aux->ufids[aux->n++] = flows[i].ufid;
            CHECK(odp_flow_key_to_flow(flows[i].key, flows[i].key_len, &f,
                                       NULL) != ODP_FIT_ERROR);
            CHECK(flows[i].actions_len > 0);
        }
    }
    dpif_flow_dump_thread_destroy(thread);
    return NULL;
}

static int
compare_ufids(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(ovs_u128));
}

static void
test_dump(int argc, char *argv[])
{
    int n_flows = argc > 1 ? atoi(argv[1]) : 1000;
    int n_threads = argc > 2 ? atoi(argv[2]) : 4;
    struct dump_aux *aux = xcalloc(n_threads, sizeof *aux);
    pthread_t *threads = xcalloc(n_threads, sizeof *threads);
    struct ofpbuf key, mask, actions;
    struct dpif_flow_dump *dump;
    ovs_u128 *all;
    size_t n_all = 0;
    struct test_dp t;

    test_dp_open(&t, NULL);
    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&actions, 0);
    put_output(&actions, 2);
    for (int i = 0; i < n_flows; i++) {
        char *s = xasprintf("in_port(1),eth(),eth_type(0x0800),"
                            "ipv4(src=10.%d.%d.%d,frag=no)",
                            i >> 16 & 0xff, i >> 8 & 0xff, i & 0xff);
        parse_key(s, &key, &mask);
        CHECK_ERR(dpif_flow_put(t.dpif, DPIF_FP_CREATE, key.data, key.size,
                                mask.data, mask.size, actions.data,
                                actions.size, NULL, PMD_ID_NULL, NULL), 0);
        free(s);
    }

    dump = dpif_flow_dump_create(t.dpif, false, NULL);
    for (int i = 0; i < n_threads; i++) {
        aux[i].dump = dump;
        threads[i] = ovs_thread_create("dump", dump_thread_main, &aux[i]);
    }
    for (int i = 0; i < n_threads; i++) {
        xpthread_join(threads[i], NULL);
    }
    CHECK_ERR(dpif_flow_dump_destroy(dump), 0);

    all = xcalloc(n_flows + 1, sizeof *all);
    for (int i = 0; i < n_threads; i++) {
        CHECK(n_all + aux[i].n <= n_flows);
        if (aux[i].n) {
            memcpy(&all[n_all], aux[i].ufids, aux[i].n * sizeof *all);
        }
        n_all += aux[i].n;
        free(aux[i].ufids);
    }
    CHECK(n_all == n_flows);
    qsort(all, n_all, sizeof *all, compare_ufids);
    for (size_t i = 1; i < n_all; i++) {
        CHECK(memcmp(&all[i - 1], &all[i], sizeof *all));
    }

    CHECK_ERR(dpif_flow_flush(t.dpif), 0);
    free(all);
    free(aux);
    free(threads);
    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&actions);
    test_dp_close(&t);
    printf("dump: %d flows, %d threads: ok\n", n_flows, n_threads);
}

/* Ports: numbering, queries, dumps, errors. */
static void
test_ports(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dpif_port_dump dump;
    struct dpif_port port;
    struct netdev *br5, *foo;
    odp_port_t port_no;
    struct test_dp t;

    test_dp_open(&t, NULL);
    CHECK_ERR(netdev_open("br5", "dummy-internal", &br5), 0);
    CHECK_ERR(netdev_open("foo", "dummy", &foo), 0);

    port_no = ODPP_NONE;
    CHECK_ERR(dpif_port_add(t.dpif, br5, &port_no), 0);
    CHECK(port_no == 105);
    port_no = ODPP_NONE;
    CHECK_ERR(dpif_port_add(t.dpif, t.p1, &port_no), EEXIST);
    port_no = 2;
    CHECK_ERR(dpif_port_add(t.dpif, foo, &port_no), EBUSY);
    port_no = ODPP_NONE;
    CHECK_ERR(dpif_port_add(t.dpif, foo, &port_no), 0);
    CHECK(port_no == 3);

    CHECK_ERR(dpif_port_query_by_name(t.dpif, "br5", &port), 0);
    CHECK(port.port_no == 105 && !strcmp(port.type, "dummy-internal"));
    dpif_port_destroy(&port);
    CHECK_ERR(dpif_port_query_by_name(t.dpif, "nosuch", &port), ENODEV);
    CHECK(dpif_port_exists(t.dpif, "foo"));
    CHECK(!dpif_port_exists(t.dpif, "nosuch"));

    DPIF_PORT_FOR_EACH (&port, &dump, t.dpif) {
        printf("port %"PRIu32": %s (%s)\n", odp_to_u32(port.port_no),
               port.name, port.type);
    }

    CHECK_ERR(dpif_port_del(t.dpif, 105, false), 0);
    CHECK_ERR(dpif_port_del(t.dpif, 3, false), 0);
    netdev_close(br5);
    netdev_close(foo);
    test_dp_close(&t);
}

/* "pcap-hex FILE": prints each packet of a pcap file in hex, one per
 * line. */
static void
test_pcap_hex(int argc OVS_UNUSED, char *argv[])
{
    struct pcap_file *pcap = ovs_pcap_open(argv[1], "rb");
    struct dp_packet *packet;
    long long int when;

    /* Opening for reading reads and checks the file header. */
    if (!pcap) {
        ovs_fatal(errno, "%s: open failed", argv[1]);
    }
    while (!ovs_pcap_read(pcap, &packet, &when)) {
        const uint8_t *data = dp_packet_data(packet);

        for (size_t i = 0; i < dp_packet_size(packet); i++) {
            printf("%02x", data[i]);
        }
        putchar('\n');
        dp_packet_delete(packet);
    }
    ovs_pcap_close(pcap);
}

static void
test_serve_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                const char *argv[] OVS_UNUSED, void *exiting_)
{
    bool *exiting = exiting_;

    *exiting = true;
    unixctl_command_reply(conn, NULL);
}

/* "serve SOCKET": a small daemon with datapath dummy@dp0, ports p1 (1,
 * options:rxq_pcap=p1-rx.pcap) and p2 (2, options:tx_pcap=p2-tx.pcap),
 * and an upcall callback that outputs every packet to p2 (megaflow on
 * dl_dst), serving the netdev-dummy commands on SOCKET until "exit". */
static void
test_serve(int argc OVS_UNUSED, char *argv[])
{
    struct unixctl_server *server;
    struct smap args = SMAP_INITIALIZER(&args);
    bool exiting = false;
    struct test_dp t;
    int error;

    test_dp_open(&t, "p2-tx.pcap");
    smap_add(&args, "rxq_pcap", "p1-rx.pcap");
    CHECK_ERR(netdev_set_config(t.p1, &args, NULL), 0);
    smap_destroy(&args);

    error = unixctl_server_create(argv[1], &server);
    if (error) {
        ovs_fatal(error, "%s: cannot listen", argv[1]);
    }
    unixctl_command_register("exit", "", 0, 0, test_serve_exit, &exiting);

    while (!exiting) {
        unixctl_server_run(server);
        dpif_run(t.dpif);
        netdev_run();

        unixctl_server_wait(server);
        dpif_wait(t.dpif);
        netdev_wait();
        if (exiting) {
            poll_immediate_wake();
        }
        poll_block();
    }
    unixctl_server_destroy(server);
    test_dp_close(&t);
}

/* "threads [N_THREADS]": forwarding threads on the "netdev" datapath, with
 * two tap ports, t1 and t2 (run it in a network namespace of its own, as
 * root).  Frames sent out of t1 by the kernel are read by a forwarding
 * thread, which upcalls, installs a flow in its own table and outputs to
 * t2, where the kernel receives them.  With N_THREADS 0, the main thread
 * does the work in dpif_run(). */
static void
test_threads(int argc, char *argv[])
{
    int n_threads = argc > 1 ? atoi(argv[1]) : 2;
    struct smap cfg = SMAP_INITIALIZER(&cfg);
    struct netdev *t1, *t2;
    struct dpif_netdev_stats st;
    struct test_upcall upcall;
    struct dpif *dpif;
    odp_port_t p1 = ODPP_NONE, p2 = ODPP_NONE;
    int tx_fd, rx_fd, n_rx = 0;
    const int n_tx = 50;

    netdev_linux_register();
    CHECK_ERR(dpif_create_and_open("ovs-netdev", "netdev", &dpif), 0);
    CHECK_ERR(netdev_open("t1", "tap", &t1), 0);
    CHECK_ERR(netdev_open("t2", "tap", &t2), 0);
    CHECK_ERR(netdev_turn_flags_on(t1, NETDEV_UP, NULL), 0);
    CHECK_ERR(netdev_turn_flags_on(t2, NETDEV_UP, NULL), 0);
    smap_add_format(&cfg, "n-forwarding-threads", "%d", n_threads);
    CHECK_ERR(dpif_set_config(dpif, &cfg), 0);
    smap_destroy(&cfg);
    CHECK_ERR(dpif_port_add(dpif, t1, &p1), 0);
    CHECK_ERR(dpif_port_add(dpif, t2, &p2), 0);

    memset(&upcall, 0, sizeof upcall);
    upcall.out_port = p2;
    dpif_register_upcall_cb(dpif, test_upcall_cb, &upcall);
    dpif_enable_upcall(dpif);

    dpif_netdev_get_stats_ext(dpif, &st);
    CHECK(st.n_threads == n_threads);

    tx_fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    rx_fd = socket(AF_PACKET, SOCK_RAW, htons(0x88b5));
    CHECK(tx_fd >= 0 && rx_fd >= 0);
    struct sockaddr_ll sll = {
        .sll_family = AF_PACKET,
        .sll_protocol = htons(0x88b5),
        .sll_ifindex = netdev_get_ifindex(t2),
    };
    CHECK(!bind(rx_fd, (struct sockaddr *) &sll, sizeof sll));
    sll.sll_ifindex = netdev_get_ifindex(t1);
    CHECK(!bind(tx_fd, (struct sockaddr *) &sll, sizeof sll));
    struct timeval tv = { .tv_sec = 0, .tv_usec = 100000 };
    setsockopt(rx_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    for (int i = 0; i < n_tx; i++) {
        uint8_t frame[60] = {
            0x02, 0, 0, 0, 0, 0x02,     /* dst */
            0x02, 0, 0, 0, 0, 0x01,     /* src */
            0x88, 0xb5,                 /* local experimental ethertype */
        };

        frame[14] = i;
        CHECK(send(tx_fd, frame, sizeof frame, 0) == sizeof frame);
    }

    long long int deadline = time_msec() + 10000;
    while (n_rx < n_tx && time_msec() < deadline) {
        uint8_t buf[2048];
        ssize_t n;

        if (!n_threads) {
            dpif_run(dpif);
        }
        n = recv(rx_fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n >= 15 && buf[12] == 0x88 && buf[13] == 0xb5) {
            n_rx++;
        } else if (n < 0) {
            if (n_threads) {
                fd_set fds;
                FD_ZERO(&fds);
                FD_SET(rx_fd, &fds);
                struct timeval t = { 0, 100000 };
                select(rx_fd + 1, &fds, NULL, NULL, &t);
            } else {
                dpif_wait(dpif);
                poll_fd_wait(rx_fd, POLLIN);
                poll_timer_wait(100);
                poll_block();
            }
        }
    }
    CHECK(n_rx == n_tx);

    /* The flow is in the table of the thread that read it. */
    {
        struct dpif_flow_dump *dump = dpif_flow_dump_create(dpif, false,
                                                            NULL);
        struct dpif_flow_dump_thread *thread
            = dpif_flow_dump_thread_create(dump);
        struct dpif_flow flows[10];
        bool found = false;
        int n;

        while ((n = dpif_flow_dump_next(thread, flows, 10)) > 0) {
            for (int i = 0; i < n; i++) {
                struct flow f;

                CHECK(odp_flow_key_to_flow(flows[i].key, flows[i].key_len,
                                           &f, NULL) != ODP_FIT_ERROR);
                if (f.dl_type == htons(0x88b5)) {
                    found = true;
                    CHECK(n_threads ? flows[i].pmd_id < n_threads
                          : flows[i].pmd_id == NON_PMD_CORE_ID);
                    CHECK(flows[i].stats.n_packets + 1 >= n_tx);
                }
            }
        }
        dpif_flow_dump_thread_destroy(thread);
        dpif_flow_dump_destroy(dump);
        CHECK(found);
    }
    dpif_netdev_get_stats_ext(dpif, &st);
    CHECK(st.n_received >= n_tx);

    /* Idle forwarding threads sleep: half a second of idleness costs
     * (much) less than 100 ms of CPU. */
    if (n_threads) {
        struct rusage r0, r1;

        getrusage(RUSAGE_SELF, &r0);
        usleep(500000);
        getrusage(RUSAGE_SELF, &r1);
        long long int used = (timeval_to_msec(&r1.ru_utime)
                              + timeval_to_msec(&r1.ru_stime)
                              - timeval_to_msec(&r0.ru_utime)
                              - timeval_to_msec(&r0.ru_stime));
        CHECK(used < 100);
    }

    close(tx_fd);
    close(rx_fd);
    dpif_disable_upcall(dpif);
    CHECK_ERR(dpif_port_del(dpif, p1, false), 0);
    CHECK_ERR(dpif_port_del(dpif, p2, false), 0);
    netdev_close(t1);
    netdev_close(t2);
    CHECK_ERR(dpif_delete(dpif), 0);
    dpif_close(dpif);
    ovsrcu_barrier();
    printf("threads: %d: ok\n", n_threads);
}

/* Recirculation and userspace actions. */
static void
test_actions(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct dpif_netdev_stats s;
    struct netdev_stats ns;
    struct test_dp t;

    test_dp_open(&t, NULL);

    /* A miss that recirculates: a second lookup with recirc_id 7 misses
     * too, and its flow outputs the packet. */
    t.upcall.recirc_to = 7;
    netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 1), -1);
    dpif_run(t.dpif);
    CHECK(t.upcall.n_miss == 2);
    CHECK(t.upcall.last_recirc_id == 7);
    CHECK(count_flows(t.dpif) == 2);
    CHECK_ERR(netdev_get_stats(t.p2, &ns), 0);
    CHECK(ns.tx_packets == 1);

    /* The next packet hits both flows without upcalls. */
    netdev_dummy_queue_packet(t.p1, make_packet(1, 2, 2), -1);
    dpif_run(t.dpif);
    CHECK(t.upcall.n_miss == 2);
    dpif_netdev_get_stats_ext(t.dpif, &s);
    CHECK(s.n_masked_hit + s.n_emc_hit == 2);
    CHECK_ERR(netdev_get_stats(t.p2, &ns), 0);
    CHECK(ns.tx_packets == 2);

    /* A recirculation loop stops at the maximum depth. */
    CHECK_ERR(dpif_flow_flush(t.dpif), 0);
    t.upcall.recirc_loop = true;
    netdev_dummy_queue_packet(t.p1, make_packet(1, 4, 3), -1);
    dpif_run(t.dpif);
    CHECK(t.upcall.n_miss == 4);
    CHECK_ERR(netdev_get_stats(t.p2, &ns), 0);
    CHECK(ns.tx_packets == 2);
    t.upcall.recirc_loop = false;
    t.upcall.recirc_to = 0;

    /* A userspace action calls the callback with the userdata. */
    {
        struct dp_packet *packet = make_packet(3, 4, 5);
        struct dpif_execute execute;
        struct ofpbuf actions;
        struct flow flow;
        size_t ofs;

        ofpbuf_init(&actions, 0);
        ofs = nl_msg_start_nested(&actions, OVS_ACTION_ATTR_USERSPACE);
        nl_msg_put_u32(&actions, OVS_USERSPACE_ATTR_PID, 0);
        nl_msg_put_unspec(&actions, OVS_USERSPACE_ATTR_USERDATA, "cookie!", 7);
        nl_msg_end_nested(&actions, ofs);
        nl_msg_put_u32(&actions, OVS_ACTION_ATTR_OUTPUT, 2);

        flow_extract(packet, &flow);
        memset(&execute, 0, sizeof execute);
        execute.actions = actions.data;
        execute.actions_len = actions.size;
        execute.flow = &flow;
        execute.packet = packet;
        CHECK_ERR(dpif_execute(t.dpif, &execute), 0);
        CHECK(t.upcall.n_action == 1);
        CHECK(!strcmp(t.upcall.last_userdata, "cookie!"));
        CHECK_ERR(netdev_get_stats(t.p2, &ns), 0);
        CHECK(ns.tx_packets == 3);
        ofpbuf_uninit(&actions);
        dp_packet_delete(packet);
    }

    test_dp_close(&t);
    printf("actions: ok\n");
}

/* netdev_send() to a device that cannot take offloads: a TCP GSO packet
 * arrives as complete segments with valid checksums. */
static void
test_offloads(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct smap args = SMAP_INITIALIZER(&args);
    struct dp_packet_batch batch;
    struct dp_packet *packet, *seg;
    struct pcap_file *pcap;
    struct netdev *netdev;
    struct flow flow;
    long long int when;
    uint8_t payload[3000];
    int n = 0;

    netdev_dummy_register(false);
    CHECK_ERR(netdev_open("gso0", "dummy", &netdev), 0);
    smap_add(&args, "tx_pcap", "gso0.pcap");
    CHECK_ERR(netdev_set_config(netdev, &args, NULL), 0);
    smap_destroy(&args);
    CHECK(!netdev_supports_offloads(netdev));

    memset(&flow, 0, sizeof flow);
    flow.dl_type = htons(ETH_TYPE_IP);
    flow.nw_src = htonl(0x0a000001);
    flow.nw_dst = htonl(0x0a000002);
    flow.nw_proto = IPPROTO_TCP;
    flow.nw_ttl = 64;
    flow.tp_src = htons(1234);
    flow.tp_dst = htons(80);
    for (size_t i = 0; i < sizeof payload; i++) {
        payload[i] = i;
    }
    packet = dp_packet_new(0);
    flow_compose(packet, &flow, payload, sizeof payload);
    packet->vnet.gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
    packet->vnet.gso_size = 1000;
    packet->vnet.hdr_len = 54;
    packet->vnet.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
    packet->vnet.csum_start = 34;
    packet->vnet.csum_offset = 16;
    CHECK(dp_packet_has_offloads(packet));

    dp_packet_batch_init_packet(&batch, packet);
    CHECK_ERR(netdev_send(netdev, 0, &batch, false), 0);
    netdev_close(netdev);

    pcap = ovs_pcap_open("gso0.pcap", "rb");
    CHECK(pcap);
    while (!ovs_pcap_read(pcap, &seg, &when)) {
        struct ip_header *ip;
        struct tcp_header *tcp;
        uint32_t partial;

        CHECK(dp_packet_size(seg) == 54 + 1000);
        ip = (struct ip_header *) ((char *) dp_packet_data(seg) + 14);
        tcp = (struct tcp_header *) (ip + 1);
        CHECK(ntohs(ip->ip_tot_len) == 20 + 20 + 1000);
        CHECK(!csum(ip, 20) || csum(ip, 20) == htons(0xffff));
        partial = packet_csum_pseudoheader(ip);
        partial = csum_continue(partial, tcp, 1020);
        CHECK(!csum_finish(partial) || csum_finish(partial) == htons(0xffff));
        CHECK(!memcmp((char *) (tcp + 1), payload + 1000 * n, 1000));
        dp_packet_delete(seg);
        n++;
    }
    ovs_pcap_close(pcap);
    CHECK(n == 3);
    printf("offloads: ok\n");
}

/* dpif_flow_hash(): the same key gives the same UFID, every byte counts
 * (also the last one to three of a key that is not a whole number of
 * 32-bit words, at any alignment), and the UFID is shaped as a version 4
 * UUID. */
static void
test_ufid(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    uint8_t buf[1 + 40];

    for (size_t i = 0; i < sizeof buf; i++) {
        buf[i] = i * 37 + 11;
    }
    for (size_t align = 0; align < 2; align++) {
        for (size_t len = 1; len <= 40; len++) {
            uint8_t *key = buf + align;
            ovs_u128 a, b;

            dpif_flow_hash(NULL, key, len, &a);
            dpif_flow_hash(NULL, key, len, &b);
            CHECK(!memcmp(&a, &b, sizeof a));
            CHECK((a.u32[1] & 0xf000) == 0x4000);
            CHECK((a.u32[2] & 0xc0000000) == 0x80000000);
            for (size_t i = 0; i < len; i++) {
                key[i] ^= 0x01;
                dpif_flow_hash(NULL, key, len, &b);
                key[i] ^= 0x01;
                CHECK(memcmp(&a, &b, sizeof a));
            }
            /* A longer key with a zero byte more is another key. */
            if (len < 40) {
                uint8_t saved = key[len];

                key[len] = 0;
                dpif_flow_hash(NULL, key, len + 1, &b);
                key[len] = saved;
                CHECK(memcmp(&a, &b, sizeof a));
            }
        }
    }
    printf("ufid: ok\n");
}

/* A table holds at most 65536 flows: the next put fails with E2BIG. */
static void
test_limit(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    const int limit = 65536;
    struct ofpbuf key, mask, actions;
    struct flow flow;
    struct test_dp t;
    int error = 0, n;

    test_dp_open(&t, NULL);
    ofpbuf_init(&key, 0);
    ofpbuf_init(&mask, 0);
    ofpbuf_init(&actions, 0);
    put_output(&actions, 2);
    parse_key("in_port(1),eth(),eth_type(0x0800),ipv4(src=10.0.0.0,frag=no)",
              &key, &mask);
    CHECK(odp_flow_key_to_flow(key.data, key.size, &flow, NULL)
          == ODP_FIT_PERFECT);

    for (n = 0; n <= limit; n++) {
        struct odp_flow_key_parms parms = { .flow = &flow };

        flow.nw_src = htonl(0x0a000000 | n);
        ofpbuf_clear(&key);
        odp_flow_key_from_flow(&parms, &key);
        error = dpif_flow_put(t.dpif, DPIF_FP_CREATE | DPIF_FP_PROBE,
                              key.data, key.size, mask.data, mask.size,
                              actions.data, actions.size, NULL, PMD_ID_NULL,
                              NULL);
        if (error) {
            break;
        }
    }
    CHECK(n == limit);
    CHECK(error == E2BIG);
    CHECK(count_flows(t.dpif) == limit);
    CHECK_ERR(dpif_flow_flush(t.dpif), 0);

    ofpbuf_uninit(&key);
    ofpbuf_uninit(&mask);
    ofpbuf_uninit(&actions);
    test_dp_close(&t);
    printf("limit: ok\n");
}

static const struct ovstest_command commands[] = {
    { "limit", 0, 0, test_limit },
    { "ufid", 0, 0, test_ufid },
    { "offloads", 0, 0, test_offloads },
    { "actions", 0, 0, test_actions },
    { "threads", 0, 1, test_threads },
    { "pcap-hex", 1, 1, test_pcap_hex },
    { "serve", 1, 1, test_serve },
    { "dpcls", 0, 0, test_dpcls },
    { "emc", 0, 0, test_emc },
    { "flows", 0, 0, test_flows },
    { "execute", 0, 1, test_execute },
    { "dump", 0, 2, test_dump },
    { "ports", 0, 0, test_ports },
    { NULL, 0, 0, NULL },
};

static void
test_dpif_netdev_main(int argc, char *argv[])
{
    random_init();
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-dpif-netdev", test_dpif_netdev_main);
