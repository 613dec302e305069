/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Unit tests of ofproto and ofproto-dpif through the bridge-facing API
 * (ofproto/ofproto.h) on the dummy datapath, without the database.
 *
 *   ovstest test-ofproto
 *
 *     switch creation, OpenFlow port numbering, the shared datapath and its
 *     port number mapping, ports that vanish from the datapath, bundles and
 *     deletion.
 *
 *   ovstest test-ofproto-trace FLOWS < TRACES
 *
 *     builds bridge br0 with ports p1, p2, p3 (OpenFlow and datapath
 *     ports 1, 2, 3, each its own bundle, as a bridge with fail_mode
 *     secure), adds the flows of file FLOWS (one per line, in ovs-ofctl
 *     add-flows syntax), then prints ofproto/trace's output for each flow
 *     of TRACES (one per line, "FLOW" or "FLOW -generate").
 *
 *   ovstest test-ofproto-flow-mod < COMMANDS
 *
 *     applies flow mods to the tables of a bridge, one per line: "add
 *     FLOW", "modify FLOW", "modify_strict FLOW", "delete FLOW",
 *     "delete_strict FLOW", "flush", "batch" ... "end" (the flow mods
 *     in between as one batch), "dump" (prints every rule), "warp MS"
 *     (advances the clock by MS milliseconds and runs the switch, which
 *     expires flows).  FLOW takes
 *     ovs-ofctl's syntax plus "out_port=", "cookie=VALUE/MASK",
 *     "check_overlap", "reset_counts".
 *
 *   ovstest test-ofproto-revalidate
 *
 *     sends a packet through br0 (as above) with a flow "in_port=1,
 *     actions=output:2", then changes and deletes the flow, and prints the
 *     actions of the datapath flow each time revalidation has caught up.
 *
 * Each prints what it observes; tests/ofproto.at and
 * tests/ofproto-pipeline.at check it. */

#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dpif.h"
#include "netdev-provider.h"
#include "netdev.h"
#include "dp-packet.h"
#include "match.h"
#include "netdev-dummy.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "packets.h"
#include "ofproto/ofproto-dpif-trace.h"
#include "ofproto/ofproto-dpif.h"
#include "ofproto/ofproto-provider.h"
#include "ofproto/ofproto.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "ovstest.h"
#include "sset.h"
#include "timeval.h"

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

/* Flows in ovs-ofctl's syntax (a small parser of our own, for the fields
 * that the tests use). */

/* Splits 's' at its top-level commas (not inside parentheses) and returns
 * the pieces in '*pieces' (malloc()ed, each malloc()ed). */
static size_t
split_top_level(const char *s, char ***pieces)
{
    size_t n = 0, allocated = 0;
    int depth = 0;
    const char *start = s;
    const char *p;

    *pieces = NULL;
    for (p = s; ; p++) {
        if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            depth--;
        } else if ((*p == ',' && !depth) || !*p) {
            if (p > start) {
                if (n >= allocated) {
                    allocated = 2 * allocated + 8;
                    *pieces = xrealloc(*pieces, allocated * sizeof **pieces);
                }
                (*pieces)[n++] = xmemdup0(start, p - start);
            }
            if (!*p) {
                break;
            }
            start = p + 1;
        }
    }
    return n;
}

/* Parses 'line' (an ovs-ofctl flow with the extensions described at the
 * top of this file) into 'fm' for 'command' ('ofpacts' receives the
 * actions).  Returns NULL or an error message to free. */
static char *
parse_flow(const char *line, uint16_t command, struct ofputil_flow_mod *fm,
           struct ofpbuf *ofpacts)
{
    const char *actions = strstr(line, "actions=");
    struct ds match_s = DS_EMPTY_INITIALIZER;
    char *match_part;
    char **pieces;
    size_t n, i;
    char *error = NULL;
    int priority;

    memset(fm, 0, sizeof *fm);
    fm->command = command;
    fm->table_id = command == OFPFC_ADD ? 0 : 0xff;
    fm->new_cookie = htobe64(0);
    fm->buffer_id = UINT32_MAX;
    fm->out_port = OFPP_NONE;
    fm->out_group = 0xffffffff;

    match_part = xmemdup0(line, actions ? actions - line : strlen(line));
    n = split_top_level(match_part, &pieces);
    for (i = 0; i < n; i++) {
        char *p = pieces[i];
        char *eq = strchr(p, '=');
        const char *value = eq ? eq + 1 : "";

        if (eq) {
            *eq = '\0';
        }
        if (!strcmp(p, "table")) {
            fm->table_id = atoi(value);
        } else if (!strcmp(p, "cookie")) {
            const char *slash = strchr(value, '/');

            if (slash) {
                fm->cookie = htobe64(strtoull(value, NULL, 0));
                fm->cookie_mask = htobe64(strtoull(slash + 1, NULL, 0));
            } else {
                fm->new_cookie = htobe64(strtoull(value, NULL, 0));
                fm->modify_cookie = true;
            }
        } else if (!strcmp(p, "idle_timeout")) {
            fm->idle_timeout = atoi(value);
        } else if (!strcmp(p, "hard_timeout")) {
            fm->hard_timeout = atoi(value);
        } else if (!strcmp(p, "out_port")) {
            fm->out_port = u16_to_ofp(atoi(value));
        } else if (!strcmp(p, "check_overlap")) {
            fm->flags |= OFPUTIL_FF_CHECK_OVERLAP;
        } else if (!strcmp(p, "reset_counts")) {
            fm->flags |= OFPUTIL_FF_RESET_COUNTS;
        } else {
            ds_put_format(&match_s, "%s%s%s%s", match_s.length ? "," : "",
                          p, eq ? "=" : "", value);
        }
        free(p);
    }
    free(pieces);
    free(match_part);

    error = match_parse(ds_cstr(&match_s), NULL, &fm->match, &priority);
    ds_destroy(&match_s);
    if (error) {
        return error;
    }
    fm->priority = priority;
    if (actions) {
        enum ofputil_protocol usable = OFPUTIL_P_ANY;
        struct ofpact_parse_params pp = {
            .ofpacts = ofpacts,
            .usable_protocols = &usable,
        };

        error = ofpacts_parse_instructions(actions + strlen("actions="), &pp);
        if (error) {
            return error;
        }
    }
    fm->ofpacts = ofpacts->data;
    fm->ofpacts_len = ofpacts->size;
    return NULL;
}

/* Builds bridge br0 with ports p1, p2, p3, each in a bundle of its own
 * (trunks of every VLAN), and no flows. */
static struct ofproto *
make_bridge(void)
{
    static int bundle_keys[4];
    struct ofproto_bundle_settings s;
    struct ofproto *br0;
    ofp_port_t port;
    int i;

    vlog_set_levels_from_string_assert("ofproto:off");
    vlog_set_levels_from_string_assert("ofproto_dpif:off");
    netdev_dummy_register(false);
    ofproto_init(NULL);
    ovs_assert(!ofproto_create("br0", "dummy", &br0));
    for (i = 1; i <= 3; i++) {
        struct netdev *netdev;
        char name[8];

        snprintf(name, sizeof name, "p%d", i);
        ovs_assert(!netdev_open(name, "dummy", &netdev));
        port = u16_to_ofp(i);
        ovs_assert(!ofproto_port_add(br0, netdev, &port));
        netdev_close(netdev);
    }
    for (i = 0; i <= 3; i++) {
        char name[8];

        port = i ? u16_to_ofp(i) : OFPP_LOCAL;
        snprintf(name, sizeof name, i ? "p%d" : "br0", i);
        memset(&s, 0, sizeof s);
        s.name = name;
        s.slaves = &port;
        s.n_slaves = 1;
        s.vlan_mode = PORT_VLAN_TRUNK;
        s.vlan = -1;
        ovs_assert(!ofproto_bundle_register(br0, &bundle_keys[i], &s));
    }
    for (i = 0; i < 3; i++) {
        ofproto_type_run("dummy");
        ofproto_run(br0);
    }
    ofproto_flush_flows(br0);
    return br0;
}

/* Reads a line from 'stream' into 'line' without its new-line.  Returns
 * false at end of file. */
static bool
read_line(FILE *stream, struct ds *line)
{
    ds_clear(line);
    if (ds_get_line(line, stream)) {
        return false;
    }
    return true;
}

static void
test_ofproto_trace_main(int argc, char *argv[])
{
    struct ofproto *br0 = make_bridge();
    struct ds line = DS_EMPTY_INITIALIZER;
    FILE *flows;

    if (argc != 2) {
        ovs_fatal(0, "usage: test-ofproto-trace FLOWS < TRACES");
    }
    flows = fopen(argv[1], "r");
    if (!flows) {
        ovs_fatal(errno, "%s: open failed", argv[1]);
    }
    while (read_line(flows, &line)) {
        struct ofputil_flow_mod fm;
        struct ofpbuf ofpacts;
        enum ofperr err;
        char *error;

        if (!line.length || line.string[0] == '#') {
            continue;
        }
        ofpbuf_init(&ofpacts, 0);
        error = parse_flow(ds_cstr(&line), OFPFC_ADD, &fm, &ofpacts);
        if (error) {
            ovs_fatal(0, "%s: %s", ds_cstr(&line), error);
        }
        err = ofproto_flow_mod(br0, &fm);
        if (err) {
            ovs_fatal(0, "%s: flow mod failed (%d)", ds_cstr(&line), err);
        }
        ofpbuf_uninit(&ofpacts);
    }
    fclose(flows);

    while (read_line(stdin, &line)) {
        struct ds out = DS_EMPTY_INITIALIZER;
        bool generate = false;
        struct flow flow;
        char *space, *error;

        if (!line.length || line.string[0] == '#') {
            continue;
        }
        space = strchr(line.string, ' ');
        if (space) {
            *space = '\0';
            generate = !strcmp(space + 1, "-generate");
        }
        printf("# %s%s\n", line.string, generate ? " -generate" : "");
        error = parse_ofp_exact_flow(&flow, NULL, NULL, line.string, NULL);
        if (error) {
            printf("%s\n", error);
            free(error);
            continue;
        }
        ofproto_trace(ofproto_dpif_cast(br0), &flow, generate, &out);
        fputs(ds_cstr(&out), stdout);
        ds_destroy(&out);
    }
    ds_destroy(&line);
    ofproto_destroy(br0, true);
    ofproto_type_run("dummy");
    ovsrcu_barrier();
}

OVSTEST_REGISTER("test-ofproto-trace", test_ofproto_trace_main);

/* Compares rules for sorting: by table, then priority (descending), then
 * match text. */
static int
compare_rule_lines(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;

    return strcmp(*a, *b);
}

/* Prints every rule of 'ofproto', sorted. */
static void
dump_rules(struct ofproto *ofproto)
{
    struct rule **rules;
    char **lines;
    size_t n, i;

    n = ofproto_collect_rules(ofproto, 0xff, &rules);
    lines = xmalloc((n + 1) * sizeof *lines);
    for (i = 0; i < n; i++) {
        const struct rule *rule = rules[i];
        const struct rule_actions *actions = rule_get_actions(rule);
        struct ofpact_format_params fp;
        struct ds s = DS_EMPTY_INITIALIZER;
        uint64_t packets, bytes;
        long long int used;
        struct match match;

        ofproto->ofproto_class->rule_get_stats(CONST_CAST(struct rule *,
                                                          rule),
                                               &packets, &bytes, &used);
        ofproto_rule_get_match(rule, &match);
        ds_put_format(&s, " table=%d, priority=%05d, cookie=%#"PRIx64", ",
                      rule->table_id, rule->cr.priority,
                      (uint64_t) be64toh(rule->flow_cookie));
        if (rule->idle_timeout) {
            ds_put_format(&s, "idle_timeout=%d, ", rule->idle_timeout);
        }
        if (rule->hard_timeout) {
            ds_put_format(&s, "hard_timeout=%d, ", rule->hard_timeout);
        }
        match_format(&match, NULL, &s, OFP_DEFAULT_PRIORITY);
        if (s.string[s.length - 1] == ' ') {
            ds_chomp(&s, ' ');
            ds_chomp(&s, ',');
        }
        ds_put_cstr(&s, " actions=");
        memset(&fp, 0, sizeof fp);
        fp.s = &s;
        ofpacts_format(actions->ofpacts, actions->ofpacts_len, &fp);
        lines[i] = ds_steal_cstr(&s);
    }
    qsort(lines, n, sizeof *lines, compare_rule_lines);
    for (i = 0; i < n; i++) {
        printf("%s\n", lines[i]);
        free(lines[i]);
    }
    free(lines);
    free(rules);
}

/* Parses a flow mod command line "COMMAND FLOW" into 'fm'.  Returns NULL
 * or an error message to free. */
static char *
parse_command(const char *line, struct ofputil_flow_mod *fm,
              struct ofpbuf *ofpacts)
{
    static const struct {
        const char *name;
        uint16_t command;
    } commands[] = {
        { "add ", OFPFC_ADD },
        { "modify ", OFPFC_MODIFY },
        { "modify_strict ", OFPFC_MODIFY_STRICT },
        { "delete ", OFPFC_DELETE },
        { "delete_strict ", OFPFC_DELETE_STRICT },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(commands); i++) {
        size_t len = strlen(commands[i].name);

        if (!strncmp(line, commands[i].name, len)) {
            return parse_flow(line + len, commands[i].command, fm, ofpacts);
        }
    }
    return xasprintf("%s: unknown command", line);
}

static void
test_ofproto_flow_mod_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofproto *br0 = make_bridge();
    struct ds line = DS_EMPTY_INITIALIZER;
    struct ofputil_flow_mod *batch = NULL;
    struct ofpbuf *batch_ofpacts = NULL;
    size_t n_batch = 0;
    bool in_batch = false;

    while (read_line(stdin, &line)) {
        const char *s = ds_cstr(&line);

        if (!line.length || s[0] == '#') {
            continue;
        }
        printf("# %s\n", s);
        if (!strcmp(s, "dump")) {
            dump_rules(br0);
        } else if (!strcmp(s, "flush")) {
            ofproto_flush_flows(br0);
        } else if (!strncmp(s, "warp ", 5)) {
            /* Advances the (stopped) clock and runs the switch, which
             * expires flows. */
            timeval_stop();
            timeval_warp(atoi(s + 5));
            ofproto_run(br0);
        } else if (!strcmp(s, "batch")) {
            in_batch = true;
        } else if (!strcmp(s, "end")) {
            enum ofperr err = ofproto_flow_mod_batch(br0, batch, n_batch);
            size_t i;

            printf("batch: %s\n", err ? ofperr_get_name(err) : "ok");
            for (i = 0; i < n_batch; i++) {
                ofpbuf_uninit(&batch_ofpacts[i]);
            }
            free(batch);
            free(batch_ofpacts);
            batch = NULL;
            batch_ofpacts = NULL;
            n_batch = 0;
            in_batch = false;
        } else {
            struct ofputil_flow_mod fm;
            struct ofpbuf ofpacts;
            char *error;

            ofpbuf_init(&ofpacts, 0);
            error = parse_command(s, &fm, &ofpacts);
            if (error) {
                printf("%s\n", error);
                free(error);
                ofpbuf_uninit(&ofpacts);
            } else if (in_batch) {
                batch = xrealloc(batch, (n_batch + 1) * sizeof *batch);
                batch_ofpacts = xrealloc(batch_ofpacts,
                                         (n_batch + 1)
                                         * sizeof *batch_ofpacts);
                batch_ofpacts[n_batch] = ofpacts;
                batch[n_batch] = fm;
                n_batch++;
            } else {
                enum ofperr err = ofproto_flow_mod(br0, &fm);

                if (err) {
                    printf("error: %s\n", ofperr_get_name(err));
                }
                ofpbuf_uninit(&ofpacts);
            }
        }
    }
    ds_destroy(&line);
    ofproto_destroy(br0, true);
    ofproto_type_run("dummy");
    ovsrcu_barrier();
}

OVSTEST_REGISTER("test-ofproto-flow-mod", test_ofproto_flow_mod_main);

/* Returns the actions of the only datapath flow of 'dpif', as text, or
 * NULL if it has no flow (the caller frees the result). */
static char *
datapath_flow_actions(struct dpif *dpif)
{
    struct dpif_flow_dump *dump = dpif_flow_dump_create(dpif, false, NULL);
    struct dpif_flow_dump_thread *thread;
    struct dpif_flow flows[4];
    char *result = NULL;
    int n;

    thread = dpif_flow_dump_thread_create(dump);
    while ((n = dpif_flow_dump_next(thread, flows, ARRAY_SIZE(flows))) > 0) {
        if (!result) {
            struct ds s = DS_EMPTY_INITIALIZER;

            format_odp_actions(&s, flows[0].actions, flows[0].actions_len,
                               NULL);
            result = ds_steal_cstr(&s);
        }
    }
    dpif_flow_dump_thread_destroy(thread);
    dpif_flow_dump_destroy(dump);
    return result;
}

/* Sends an ICMP packet into port 1 of 'br0'. */
static void
send_packet(struct ofproto *br0)
{
    struct dp_packet *packet = dp_packet_new(0);
    struct flow flow;

    memset(&flow, 0, sizeof flow);
    flow.dl_type = htons(0x0800);
    eth_addr_from_string("50:54:00:00:00:01", &flow.dl_src);
    eth_addr_from_string("50:54:00:00:00:02", &flow.dl_dst);
    flow.nw_src = htonl(0x0a000001);
    flow.nw_dst = htonl(0x0a000002);
    flow.nw_proto = 1;
    flow.nw_ttl = 64;
    flow.tp_src = htons(8);
    flow_compose(packet, &flow, NULL, 64);
    netdev_dummy_queue_packet(ofproto_get_port(br0, 1)->netdev, packet, 0);
}

/* Runs the datapath and 'br0' until the datapath flow's actions are
 * 'expected' (NULL: until there is no flow), sending the packet again
 * whenever the datapath has no flow.  Prints the result. */
static void
wait_for_actions(struct ofproto *br0, struct dpif *dpif,
                 const char *expected)
{
    char *actions = NULL;
    int i;

    for (i = 0; i < 2000; i++) {
        ofproto_type_run("dummy");
        ofproto_run(br0);
        free(actions);
        actions = datapath_flow_actions(dpif);
        if (expected ? actions && !strcmp(actions, expected) : !actions) {
            break;
        }
        if (!actions && expected && i % 50 == 0) {
            send_packet(br0);
        }
        usleep(5000);
    }
    printf("datapath flow actions: %s\n", actions ? actions : "(no flow)");
    free(actions);
}

static void
test_ofproto_revalidate_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ofproto *br0 = make_bridge();
    struct ofputil_flow_mod fm;
    struct ofpbuf ofpacts;
    struct dpif *dpif;

    ovs_assert(!dpif_open("ovs-dummy", "dummy", &dpif));
    ofpbuf_init(&ofpacts, 0);
    memset(&fm, 0, sizeof fm);
    match_init_catchall(&fm.match);
    match_set_in_port(&fm.match, u16_to_ofp(1));
    fm.priority = 100;
    fm.command = OFPFC_ADD;
    fm.buffer_id = UINT32_MAX;
    fm.out_port = OFPP_NONE;
    fm.out_group = UINT32_MAX;
    ofpact_put_OUTPUT(&ofpacts)->port = u16_to_ofp(2);
    fm.ofpacts = ofpacts.data;
    fm.ofpacts_len = ofpacts.size;
    ovs_assert(!ofproto_flow_mod(br0, &fm));
    wait_for_actions(br0, dpif, "2");

    /* The new actions reach the datapath flow. */
    ofpbuf_clear(&ofpacts);
    ofpact_put_OUTPUT(&ofpacts)->port = u16_to_ofp(3);
    fm.ofpacts = ofpacts.data;
    fm.ofpacts_len = ofpacts.size;
    fm.command = OFPFC_MODIFY_STRICT;
    ovs_assert(!ofproto_flow_mod(br0, &fm));
    wait_for_actions(br0, dpif, "3");

    /* Without the flow, the packet misses table 0 and is dropped. */
    fm.command = OFPFC_DELETE_STRICT;
    ovs_assert(!ofproto_flow_mod(br0, &fm));
    wait_for_actions(br0, dpif, "drop");

    ofpbuf_uninit(&ofpacts);
    dpif_close(dpif);
    ofproto_destroy(br0, true);
    ofproto_type_run("dummy");
    ovsrcu_barrier();
}

OVSTEST_REGISTER("test-ofproto-revalidate", test_ofproto_revalidate_main);
