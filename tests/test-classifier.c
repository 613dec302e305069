/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Tests for lib/classifier.c: "ovstest test-classifier COMMAND ...".
 *
 * Most tests compare the classifier with a linear reference (every rule
 * checked in turn) on random rule sets and flows, including the
 * wildcards that lookups return: flows that agree with a looked-up flow
 * on the returned bits must get the same answer. */

#include <config.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "classifier.h"
#include "classifier-private.h"
#include "flow.h"
#include "match.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/util.h"
#include "ovs-rcu.h"
#include "ovstest.h"
#include "random.h"

/* The fields that random rules match on. */
struct tfield {
    const char *name;           /* Name for messages. */
    size_t ofs;                 /* Byte offset in struct flow. */
    size_t len;                 /* Width in bytes. */
    bool prefix;                /* Prefix masks are typical. */
};

#define TF(NAME, MEMBER, PREFIX) \
    { NAME, offsetof(struct flow, MEMBER), \
      sizeof ((struct flow *) 0)->MEMBER, PREFIX }

static const struct tfield tfields[] = {
    TF("in_port", in_port.ofp_port, false),
    TF("reg0", regs[0], false),
    TF("metadata", metadata, false),
    TF("dl_src", dl_src, false),
    TF("dl_dst", dl_dst, false),
    TF("dl_type", dl_type, false),
    TF("vlan_tci", vlans[0].tci, false),
    TF("nw_src", nw_src, true),
    TF("nw_dst", nw_dst, true),
    TF("nw_proto", nw_proto, false),
    TF("nw_tos", nw_tos, false),
    TF("tp_src", tp_src, true),
    TF("tp_dst", tp_dst, true),
    TF("ipv6_src", ipv6_src, true),
    TF("ipv6_dst", ipv6_dst, true),
};
#define N_TFIELDS ARRAY_SIZE(tfields)
#define N_POOL 4

/* Values that random rules and flows draw from, so that they match each
 * other often. */
static uint8_t pool[N_TFIELDS][N_POOL][16];

/* Fields that no rule matches on but flows vary: must never be
 * un-wildcarded. */
static const struct tfield noise_fields[] = {
    TF("reg7", regs[7], false),
    TF("pkt_mark", pkt_mark, false),
    TF("nd_target", nd_target, false),
};

static void
init_pool(void)
{
    for (size_t f = 0; f < N_TFIELDS; f++) {
        uint8_t base[16];

        random_bytes(base, sizeof base);
        for (size_t k = 0; k < N_POOL; k++) {
            memcpy(pool[f][k], base, 16);
            if (k) {
                /* Differ from 'base' in one random bit, so that prefixes
                 * share leading bits. */
                unsigned int bit = random_range(tfields[f].len * 8);

                pool[f][k][bit / 8] ^= 0x80 >> (bit % 8);
            }
        }
    }
}

static inline uint8_t *
fptr(struct flow *flow, size_t ofs)
{
    return (uint8_t *) flow + ofs;
}

/* Sets field 'f' of 'flow' to a pool value, or a random one. */
static void
set_random_value(struct flow *flow, size_t f)
{
    uint8_t *p = fptr(flow, tfields[f].ofs);

    if (random_range(10)) {
        memcpy(p, pool[f][random_range(N_POOL)], tfields[f].len);
    } else {
        random_bytes(p, tfields[f].len);
    }
}

static void
random_flow(struct flow *flow)
{
    memset(flow, 0, sizeof *flow);
    for (size_t f = 0; f < N_TFIELDS; f++) {
        set_random_value(flow, f);
    }
    for (size_t f = 0; f < ARRAY_SIZE(noise_fields); f++) {
        random_bytes(fptr(flow, noise_fields[f].ofs), noise_fields[f].len);
    }
}

/* Sets 'len' bytes at 'p' to a prefix mask of 'plen' bits. */
static void
set_prefix_mask(uint8_t *p, size_t len, unsigned int plen)
{
    memset(p, 0, len);
    for (size_t i = 0; i < len && plen; i++) {
        unsigned int n = MIN(plen, 8);

        p[i] = 0xff << (8 - n);
        plen -= n;
    }
}

/* Makes a random mask: each field with probability 1/'one_in'. */
static void
random_mask(struct flow_wildcards *wc, int one_in)
{
    memset(wc, 0, sizeof *wc);
    for (size_t f = 0; f < N_TFIELDS; f++) {
        uint8_t *p = fptr(&wc->masks, tfields[f].ofs);
        size_t len = tfields[f].len;

        if (random_range(one_in)) {
            continue;
        }
        switch (random_range(tfields[f].prefix ? 4 : 6)) {
        case 0:
            /* Arbitrary bits. */
            random_bytes(p, len);
            break;
        case 1: case 2:
            if (tfields[f].prefix) {
                set_prefix_mask(p, len, 1 + random_range(len * 8));
                break;
            }
            /* Fall through. */
        default:
            memset(p, 0xff, len);
            break;
        }
    }
}

/* A rule of a test, and its reference copy. */
struct test_rule {
    struct cls_rule cls_rule;   /* The rule in the classifier. */
    struct match match;         /* Its match, for the reference. */
    int priority;               /* Its priority. */
    int aux;                    /* Test-specific. */
    bool in_cls;                /* Is it in the classifier? */
    ovs_version_t add_version;  /* Visible from this version... */
    ovs_version_t remove_version; /* ...to this one (exclusive). */
    int n_conj;                 /* Number of conjunctions. */
    struct cls_conjunction conj[2]; /* Conjunctions. */
};

static struct test_rule *
test_rule_from_cls_rule(const struct cls_rule *rule)
{
    return rule ? CONTAINER_OF(rule, struct test_rule, cls_rule) : NULL;
}

static struct test_rule *
test_rule_create(const struct match *match, int priority)
{
    struct test_rule *rule = xzalloc(sizeof *rule);

    rule->match = *match;
    match_zero_wildcarded_fields(&rule->match);
    rule->priority = priority;
    rule->add_version = OVS_VERSION_MIN;
    rule->remove_version = OVS_VERSION_NOT_REMOVED;
    cls_rule_init(&rule->cls_rule, &rule->match, priority);
    return rule;
}

static void
test_rule_free(struct test_rule *rule)
{
    cls_rule_destroy(&rule->cls_rule);
    free(rule);
}

static bool
match_matches(const struct match *match, const struct flow *flow)
{
    const uint64_t *v = flow_u64_const(&match->flow);
    const uint64_t *m = flow_u64_const(&match->wc.masks);
    const uint64_t *f = flow_u64_const(flow);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((v[i] ^ f[i]) & m[i]) {
            return false;
        }
    }
    return true;
}

static bool
ref_visible(const struct test_rule *r, ovs_version_t version)
{
    return (r->in_cls && r->add_version <= version
            && version < r->remove_version);
}

/* The best ordinary rule for 'flow' in 'version', ignoring rules with
 * conjunctions. */
static struct test_rule *
ref_lookup_hard(struct test_rule **rules, size_t n, ovs_version_t version,
                const struct flow *flow)
{
    struct test_rule *best = NULL;

    for (size_t i = 0; i < n; i++) {
        struct test_rule *r = rules[i];

        if (ref_visible(r, version) && !r->n_conj
            && (!best || r->priority > best->priority)
            && match_matches(&r->match, flow)) {
            best = r;
        }
    }
    return best;
}

/* The reference: the highest-priority rule of 'rules' in the classifier
 * that is visible in 'version' and matches 'flow', with conjunctive
 * matches as classifier.h describes them. */
static struct test_rule *
ref_lookup(struct test_rule **rules, size_t n, ovs_version_t version,
           const struct flow *flow_)
{
    struct test_rule *hard = ref_lookup_hard(rules, n, version, flow_);
    int priority = INT_MAX;

    /* Each priority above 'hard' at which rules with conjunctions match,
     * from the highest. */
    for (;;) {
        int next = INT_MIN;

        for (size_t i = 0; i < n; i++) {
            struct test_rule *r = rules[i];

            if (ref_visible(r, version) && r->n_conj
                && r->priority < priority && r->priority > next
                && (!hard || r->priority > hard->priority)
                && match_matches(&r->match, flow_)) {
                next = r->priority;
            }
        }
        if (next == INT_MIN) {
            return hard;
        }
        priority = next;

        /* Every conjunction (id, n_clauses) with all its clauses
         * matched at 'priority', in order of first appearance. */
        for (size_t i = 0; i < n; i++) {
            const struct test_rule *r = rules[i];

            if (!ref_visible(r, version) || r->priority != priority
                || !match_matches(&r->match, flow_)) {
                continue;
            }
            for (int k = 0; k < r->n_conj; k++) {
                const struct cls_conjunction *c = &r->conj[k];
                uint64_t clauses = 0;

                for (size_t j = 0; j < n; j++) {
                    const struct test_rule *q = rules[j];

                    if (!ref_visible(q, version) || q->priority != priority
                        || !match_matches(&q->match, flow_)) {
                        continue;
                    }
                    for (int l = 0; l < q->n_conj; l++) {
                        if (q->conj[l].id == c->id
                            && q->conj[l].n_clauses == c->n_clauses) {
                            clauses |= UINT64_C(1) << q->conj[l].clause;
                        }
                    }
                }
                if (clauses == (UINT64_C(1) << c->n_clauses) - 1) {
                    struct flow flow = *flow_;
                    struct test_rule *found;

                    flow.conj_id = c->id;
                    found = ref_lookup_hard(rules, n, version, &flow);
                    if (found) {
                        return found;
                    }
                }
            }
        }
    }
}

static void
format_rule(struct ds *s, const struct test_rule *rule)
{
    if (rule) {
        ds_put_format(s, "rule priority %d", rule->priority);
        if (rule->add_version || rule->remove_version
                                 != OVS_VERSION_NOT_REMOVED) {
            ds_put_format(s, " (versions %"PRIu64" to %"PRIu64")",
                          rule->add_version, rule->remove_version);
        }
    } else {
        ds_put_cstr(s, "no rule");
    }
}

/* Checks one lookup of 'flow' against the reference, and the wildcards it
 * returns against 'n_variants' flows that agree with 'flow' on them. */
static void
check_lookup(const struct classifier *cls, struct test_rule **rules,
             size_t n, ovs_version_t version, const struct flow *flow_,
             int n_variants)
{
    struct flow flow = *flow_;
    struct flow_wildcards wc;
    struct test_rule *expected, *actual;

    flow_wildcards_init_catchall(&wc);
    actual = test_rule_from_cls_rule(classifier_lookup(cls, version, &flow,
                                                       &wc));
    expected = ref_lookup(rules, n, version, &flow);
    ovs_assert(flow_equal(&flow, flow_));
    if (actual != expected) {
        struct ds s = DS_EMPTY_INITIALIZER;

        ds_put_cstr(&s, "lookup mismatch: classifier found ");
        format_rule(&s, actual);
        ds_put_cstr(&s, ", reference found ");
        format_rule(&s, expected);
        ovs_fatal(0, "%s", ds_cstr(&s));
    }
    for (size_t f = 0; f < ARRAY_SIZE(noise_fields); f++) {
        const uint8_t *p = fptr(&wc.masks, noise_fields[f].ofs);

        for (size_t i = 0; i < noise_fields[f].len; i++) {
            if (p[i]) {
                ovs_fatal(0, "lookup un-wildcarded %s", noise_fields[f].name);
            }
        }
    }

    for (int v = 0; v < n_variants; v++) {
        const uint64_t *m = flow_u64_const(&wc.masks);
        const uint64_t *o = flow_u64_const(&flow);
        struct flow variant;
        uint64_t *vw;
        struct test_rule *r;

        random_flow(&variant);
        vw = flow_u64(&variant);
        for (size_t i = 0; i < FLOW_U64S; i++) {
            vw[i] = (o[i] & m[i]) | (vw[i] & ~m[i]);
        }
        r = ref_lookup(rules, n, version, &variant);
        if (r != expected) {
            struct ds s = DS_EMPTY_INITIALIZER;

            ds_put_cstr(&s, "wildcards too loose: flow gets ");
            format_rule(&s, expected);
            ds_put_cstr(&s, ", a flow agreeing on the wildcards gets ");
            format_rule(&s, r);
            ovs_fatal(0, "%s", ds_cstr(&s));
        }
        actual = test_rule_from_cls_rule(
            classifier_lookup(cls, version, &variant, NULL));
        ovs_assert(actual == r);
    }
}

/* A flow that matches 'rule' (other fields random). */
static void
flow_for_rule(struct flow *flow, const struct test_rule *rule)
{
    const uint64_t *v = flow_u64_const(&rule->match.flow);
    const uint64_t *m = flow_u64_const(&rule->match.wc.masks);
    uint64_t *w;

    random_flow(flow);
    w = flow_u64(flow);
    for (size_t i = 0; i < FLOW_U64S; i++) {
        w[i] = (w[i] & ~m[i]) | v[i];
    }
}

static void
check_lookups(const struct classifier *cls, struct test_rule **rules,
              size_t n, ovs_version_t version, int n_flows)
{
    for (int i = 0; i < n_flows; i++) {
        struct flow flow;

        if (n && i % 2) {
            flow_for_rule(&flow, rules[random_range(n)]);
        } else {
            random_flow(&flow);
        }
        check_lookup(cls, rules, n, version, &flow, 4);
    }
}

static size_t
count_in_cls(struct test_rule **rules, size_t n)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++) {
        count += rules[i]->in_cls;
    }
    return count;
}

/* Checks iteration of 'cls' against 'rules'. */
static void
check_iteration(const struct classifier *cls, struct test_rule **rules,
                size_t n)
{
    struct test_rule *rule;
    size_t count = 0;

    for (size_t i = 0; i < n; i++) {
        rules[i]->aux = 0;
    }
    CLS_FOR_EACH (rule, cls_rule, cls) {
        ovs_assert(rule->in_cls);
        ovs_assert(!rule->aux);
        rule->aux = 1;
        count++;
    }
    ovs_assert(count == count_in_cls(rules, n));
    ovs_assert(classifier_count(cls) == (int) count);
    ovs_assert(classifier_is_empty(cls) == !count);

    /* Iteration with a target: the loose matches of a random rule's
     * match, with a random rule as the criteria. */
    if (n) {
        const struct test_rule *target = rules[random_range(n)];
        size_t expected = 0;

        for (size_t i = 0; i < n; i++) {
            const struct test_rule *r = rules[i];
            const uint64_t *rm = flow_u64_const(&r->match.wc.masks);
            const uint64_t *tm = flow_u64_const(&target->match.wc.masks);
            const uint64_t *rv = flow_u64_const(&r->match.flow);
            const uint64_t *tv = flow_u64_const(&target->match.flow);
            bool loose = r->in_cls;

            for (size_t w = 0; loose && w < FLOW_U64S; w++) {
                if ((rm[w] & tm[w]) != tm[w] || ((rv[w] ^ tv[w]) & tm[w])) {
                    loose = false;
                }
            }
            expected += loose;
        }
        count = 0;
        CLS_FOR_EACH_TARGET (rule, cls_rule, cls, &target->cls_rule,
                             OVS_VERSION_MAX) {
            ovs_assert(cls_rule_is_loose_match(&rule->cls_rule,
                                               &target->cls_rule.match));
            count++;
        }
        ovs_assert(count == expected);
    }
}

static void
set_tries(struct classifier *cls, bool with_tries)
{
    static const struct cls_prefix_field fields[] = {
        { 1, offsetof(struct flow, nw_dst), 32 },
        { 2, offsetof(struct flow, nw_src), 32 },
        { 3, offsetof(struct flow, ipv6_dst), 128 },
        { 4, offsetof(struct flow, ipv6_src), 128 },
    };

    classifier_set_prefix_fields__(cls, fields,
                                   with_tries ? ARRAY_SIZE(fields) : 0);
}

/* "random [SEED [N_RULES [N_MASKS [N_FLOWS]]]]": random rule sets against
 * the reference, in three configurations (plain, staged, staged with
 * tries); insertion, replacement, lookups with wildcards, removal and
 * iteration. */
static void
test_random(int argc, char *argv[])
{
    uint32_t seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
    size_t n_rules = argc > 2 ? atoi(argv[2]) : 200;
    size_t n_masks = argc > 3 ? atoi(argv[3]) : 20;
    int n_flows = argc > 4 ? atoi(argv[4]) : 2000;

    random_set_seed(seed);
    init_pool();
    for (int config = 0; config < 4; config++) {
        struct flow_wildcards *masks = xmalloc(n_masks * sizeof *masks);
        struct test_rule **rules = xmalloc(n_rules * sizeof *rules);
        int *prios = xmalloc(n_rules * sizeof *prios);
        struct classifier cls;
        size_t n = 0;

        classifier_init(&cls, config ? flow_segment_u64s : NULL);
        if (config >= 2) {
            set_tries(&cls, true);
        }
        if (config == 3) {
            classifier_defer(&cls);
        }
        for (size_t i = 0; i < n_masks; i++) {
            random_mask(&masks[i], 3);
        }

        /* Unique priorities, in random order. */
        for (size_t i = 0; i < n_rules; i++) {
            prios[i] = i * 3 + 1;
        }
        for (size_t i = 0; i < n_rules; i++) {
            size_t j = i + random_range(n_rules - i);
            int tmp = prios[i];

            prios[i] = prios[j];
            prios[j] = tmp;
        }

        for (size_t i = 0; i < n_rules; i++) {
            struct match match;

            if (n && !random_range(8)) {
                /* The same match as an earlier rule. */
                match = rules[random_range(n)]->match;
            } else {
                struct flow flow;

                random_flow(&flow);
                match_init(&match, &flow, &masks[random_range(n_masks)]);
            }
            rules[n] = test_rule_create(&match, prios[i]);
            classifier_insert(&cls, &rules[n]->cls_rule, OVS_VERSION_MIN,
                              NULL, 0);
            rules[n]->in_cls = true;
            n++;
        }
        if (config == 3) {
            classifier_publish(&cls);
        }
        ovs_assert(classifier_count(&cls) == (int) n);
        check_lookups(&cls, rules, n, OVS_VERSION_MIN, n_flows);
        check_iteration(&cls, rules, n);

        /* Replace some rules by identical ones. */
        for (size_t i = 0; i < n; i += 7) {
            struct test_rule *r = test_rule_create(&rules[i]->match,
                                                   rules[i]->priority);
            const struct cls_rule *old;

            old = classifier_replace(&cls, &r->cls_rule, OVS_VERSION_MIN,
                                     NULL, 0);
            ovs_assert(old == &rules[i]->cls_rule);
            ovs_assert(!cls_rule_visible_in_version(old, OVS_VERSION_MIN));
            r->in_cls = true;
            ovsrcu_postpone(test_rule_free, rules[i]);
            rules[i] = r;
            ovs_assert(classifier_find_rule_exactly(&cls, &r->cls_rule,
                                                    OVS_VERSION_MIN)
                       == &r->cls_rule);
        }
        ovs_assert(classifier_count(&cls) == (int) n);
        check_lookups(&cls, rules, n, OVS_VERSION_MIN, n_flows / 4);

        /* Tries can change under a loaded classifier. */
        if (config == 1) {
            set_tries(&cls, true);
            check_lookups(&cls, rules, n, OVS_VERSION_MIN, n_flows / 4);
        } else if (config == 2) {
            set_tries(&cls, false);
            check_lookups(&cls, rules, n, OVS_VERSION_MIN, n_flows / 4);
            set_tries(&cls, true);
        }

        /* Remove a random half, then the rest. */
        for (int pass = 0; pass < 2; pass++) {
            if (config == 3) {
                classifier_defer(&cls);
            }
            for (size_t i = 0; i < n; i++) {
                if (rules[i]->in_cls && (pass || random_range(2))) {
                    ovs_assert(classifier_remove(&cls, &rules[i]->cls_rule)
                               == &rules[i]->cls_rule);
                    ovs_assert(!classifier_remove(&cls,
                                                  &rules[i]->cls_rule));
                    rules[i]->in_cls = false;
                }
            }
            if (config == 3) {
                classifier_publish(&cls);
            }
            ovs_assert(classifier_count(&cls)
                       == (int) count_in_cls(rules, n));
            check_lookups(&cls, rules, n, OVS_VERSION_MIN, n_flows / 2);
            check_iteration(&cls, rules, n);
        }
        ovs_assert(classifier_is_empty(&cls));
        classifier_destroy(&cls);
        ovsrcu_barrier();
        for (size_t i = 0; i < n; i++) {
            test_rule_free(rules[i]);
        }
        free(rules);
        free(prios);
        free(masks);
    }
    ovsrcu_barrier();
    printf("random: ok\n");
}

/* Inserts 'rule' into 'cls' with classifier_replace(), keeping 'rules'
 * (the first 'n') up to date if it displaces one. */
static void
insert_rule(struct classifier *cls, struct test_rule **rules, size_t n,
            struct test_rule *rule)
{
    const struct cls_rule *old;

    old = classifier_replace(cls, &rule->cls_rule, rule->add_version,
                             rule->conj, rule->n_conj);
    rule->in_cls = true;
    if (old) {
        for (size_t i = 0; i < n; i++) {
            if (&rules[i]->cls_rule == old) {
                rules[i]->in_cls = false;
            }
        }
    }
}

/* "random-versions [SEED [N_RULES [N_MASKS [N_FLOWS]]]]": rules visible in
 * random ranges of versions, looked up in each version. */
static void
test_random_versions(int argc, char *argv[])
{
    uint32_t seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
    size_t n_rules = argc > 2 ? atoi(argv[2]) : 200;
    size_t n_masks = argc > 3 ? atoi(argv[3]) : 20;
    int n_flows = argc > 4 ? atoi(argv[4]) : 500;
    struct flow_wildcards *masks = xmalloc(n_masks * sizeof *masks);
    struct test_rule **rules = xmalloc(n_rules * sizeof *rules);
    struct classifier cls;

    random_set_seed(seed);
    init_pool();
    classifier_init(&cls, flow_segment_u64s);
    set_tries(&cls, true);
    for (size_t i = 0; i < n_masks; i++) {
        random_mask(&masks[i], 3);
    }
    for (size_t i = 0; i < n_rules; i++) {
        struct match match;
        struct flow flow;

        if (i && !random_range(4)) {
            /* Same match and priority as an earlier rule, in another range
             * of versions. */
            struct test_rule *other = rules[random_range(i)];
            ovs_version_t add = 0;

            rules[i] = test_rule_create(&other->match, other->priority);

            /* As ofproto does: the identical rule that is live becomes
             * invisible in the version where the new one appears (and no
             * two identical rules are ever visible in one version). */
            for (size_t j = 0; j < i; j++) {
                struct test_rule *r = rules[j];

                if (r->in_cls && r->priority == other->priority
                    && match_equal(&r->match, &other->match)) {
                    if (r->remove_version == OVS_VERSION_NOT_REMOVED) {
                        r->remove_version = r->add_version
                                            + random_range(4);
                        cls_rule_make_invisible_in_version(
                            &r->cls_rule, r->remove_version);
                    }
                    add = MAX(add, r->remove_version);
                }
            }
            rules[i]->add_version = add;
        } else {
            random_flow(&flow);
            match_init(&match, &flow, &masks[random_range(n_masks)]);
            rules[i] = test_rule_create(&match, i * 2 + 1);
            rules[i]->add_version = random_range(4);
        }
        insert_rule(&cls, rules, i, rules[i]);
        if (!random_range(3)) {
            rules[i]->remove_version = rules[i]->add_version
                                       + random_range(4);
            cls_rule_make_invisible_in_version(&rules[i]->cls_rule,
                                               rules[i]->remove_version);
        }
    }
    for (ovs_version_t v = 0; v < 9; v++) {
        check_lookups(&cls, rules, n_rules, v, n_flows);
    }

    /* Restore some, and iterate in each version. */
    for (size_t i = 0; i < n_rules; i += 3) {
        struct test_rule *r = rules[i];

        if (r->in_cls && r->remove_version != OVS_VERSION_NOT_REMOVED) {
            /* Only if no identical live rule would become visible along
             * with it. */
            bool clash = false;

            for (size_t j = 0; j < n_rules; j++) {
                if (j != i && rules[j]->in_cls
                    && rules[j]->priority == r->priority
                    && match_equal(&rules[j]->match, &r->match)) {
                    clash = true;
                }
            }
            if (!clash) {
                cls_rule_restore_visibility(&r->cls_rule);
                r->remove_version = OVS_VERSION_NOT_REMOVED;
            }
        }
    }
    for (ovs_version_t v = 0; v < 9; v++) {
        struct test_rule *rule;
        size_t expected = 0, count = 0;

        check_lookups(&cls, rules, n_rules, v, n_flows / 4);
        for (size_t i = 0; i < n_rules; i++) {
            expected += ref_visible(rules[i], v);
        }
        CLS_FOR_EACH_TARGET (rule, cls_rule, &cls, NULL, v) {
            ovs_assert(ref_visible(rule, v));
            count++;
        }
        ovs_assert(count == expected);
    }

    for (size_t i = 0; i < n_rules; i++) {
        if (rules[i]->in_cls) {
            classifier_remove_assert(&cls, &rules[i]->cls_rule);
        }
    }
    ovs_assert(classifier_is_empty(&cls));
    classifier_destroy(&cls);
    ovsrcu_barrier();
    for (size_t i = 0; i < n_rules; i++) {
        test_rule_free(rules[i]);
    }
    free(rules);
    free(masks);
    printf("random-versions: ok\n");
}

/* "random-conj [SEED [N_RULES [N_FLOWS]]]": random conjunctive matches
 * against the reference. */
static void
test_random_conj(int argc, char *argv[])
{
    uint32_t seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
    size_t n_rules = argc > 2 ? atoi(argv[2]) : 200;
    int n_flows = argc > 3 ? atoi(argv[3]) : 2000;
    struct test_rule **rules = xmalloc(n_rules * sizeof *rules);
    enum { N_GROUPS = 6 };
    int n_clauses[N_GROUPS];
    struct classifier cls;

    random_set_seed(seed);
    init_pool();
    classifier_init(&cls, flow_segment_u64s);
    set_tries(&cls, true);
    for (int g = 0; g < N_GROUPS; g++) {
        n_clauses[g] = 1 + random_range(3);
    }
    for (size_t i = 0; i < n_rules; i++) {
        struct flow_wildcards wc;
        struct match match;
        struct flow flow;
        struct test_rule *r;
        int kind = random_range(4);

        random_flow(&flow);
        random_mask(&wc, kind ? 4 : 6);
        if (kind == 3) {
            /* The rule for a conjunction: "conj_id=ID". */
            flow.conj_id = 1 + random_range(N_GROUPS);
            WC_MASK_FIELD(&wc, conj_id);
        }
        match_init(&match, &flow, &wc);
        if (kind == 0 || kind == 1) {
            /* A clause of the conjunction of group 'g', all at one
             * priority per group (above or among the ordinary rules). */
            int g = random_range(N_GROUPS);

            r = test_rule_create(&match, 100 * g + 50);
            r->n_conj = 1;
            r->conj[0].id = g + 1;
            r->conj[0].n_clauses = n_clauses[g];
            r->conj[0].clause = random_range(n_clauses[g]);
        } else {
            r = test_rule_create(&match, i * 3 + 1);
        }
        rules[i] = r;
        insert_rule(&cls, rules, i, r);
    }
    check_lookups(&cls, rules, n_rules, OVS_VERSION_MIN, n_flows);

    /* Change some conjunctions in place. */
    for (size_t i = 0; i < n_rules; i += 5) {
        struct test_rule *r = rules[i];

        if (r->in_cls && r->n_conj) {
            int g = r->conj[0].id - 1;

            r->conj[0].clause = random_range(n_clauses[g]);
            cls_rule_set_conjunctions(&r->cls_rule, r->conj, r->n_conj);
        }
    }
    check_lookups(&cls, rules, n_rules, OVS_VERSION_MIN, n_flows / 2);

    for (size_t i = 0; i < n_rules; i++) {
        if (rules[i]->in_cls) {
            classifier_remove_assert(&cls, &rules[i]->cls_rule);
        }
    }
    classifier_destroy(&cls);
    ovsrcu_barrier();
    for (size_t i = 0; i < n_rules; i++) {
        test_rule_free(rules[i]);
    }
    free(rules);
    printf("random-conj: ok\n");
}

/* Makes a rule from the match text 's' (parsed by match_parse()). */
static struct test_rule *
parse_rule(const char *s, int priority)
{
    struct match match;
    char *error = match_parse(s, NULL, &match, NULL);

    if (error) {
        ovs_fatal(0, "%s: %s", s, error);
    }
    return test_rule_create(&match, priority);
}

static void
parse_flow(const char *s, struct flow *flow)
{
    struct match match;
    char *error = match_parse(s, NULL, &match, NULL);

    if (error) {
        ovs_fatal(0, "%s: %s", s, error);
    }
    *flow = match.flow;
}

/* Prints the wildcards 'wc' as "field/mask" in hex for the fields of
 * tfields and conj_id. */
static void
print_wc(const struct flow_wildcards *wc)
{
    static const struct tfield extra[] = {
        TF("conj_id", conj_id, false),
    };
    struct ds s = DS_EMPTY_INITIALIZER;

    for (size_t f = 0; f < N_TFIELDS + ARRAY_SIZE(extra); f++) {
        const struct tfield *tf = (f < N_TFIELDS ? &tfields[f]
                                   : &extra[f - N_TFIELDS]);
        const uint8_t *p = (const uint8_t *) &wc->masks + tf->ofs;
        bool nonzero = false;

        for (size_t i = 0; i < tf->len; i++) {
            nonzero |= p[i] != 0;
        }
        if (nonzero) {
            ds_put_format(&s, "%s%s=0x", s.length ? " " : "", tf->name);
            for (size_t i = 0; i < tf->len; i++) {
                ds_put_format(&s, "%02x", p[i]);
            }
        }
    }
    printf("%s\n", s.length ? ds_cstr(&s) : "(none)");
    ds_destroy(&s);
}

/* "lookup [--no-tries] [--megaflow] RULE... -- FLOW...": inserts each RULE
 * ("PRIORITY MATCH") and prints, for each FLOW, the rule found (its index,
 * counted from 0) and the wildcards.  With --megaflow, the wildcards are
 * printed as the megaflow that ofproto/trace would show for a table of
 * rules with simple actions: with in_port, dl_type and nw_frag (for IP)
 * added, as translation does, in OpenFlow match syntax. */
static void
test_lookup(int argc, char *argv[])
{
    struct test_rule **rules = xmalloc(argc * sizeof *rules);
    struct classifier cls;
    bool tries = true;
    bool megaflow = false;
    size_t n = 0;
    int i = 1;

    for (; i < argc && !strncmp(argv[i], "--", 2) && argv[i][2]; i++) {
        if (!strcmp(argv[i], "--no-tries")) {
            tries = false;
        } else if (!strcmp(argv[i], "--megaflow")) {
            megaflow = true;
        } else {
            ovs_fatal(0, "%s: unknown option", argv[i]);
        }
    }
    classifier_init(&cls, flow_segment_u64s);
    if (megaflow && tries) {
        /* ovs-vswitchd's default prefix fields. */
        static const struct cls_prefix_field fields[] = {
            { 1, offsetof(struct flow, nw_dst), 32 },
            { 2, offsetof(struct flow, nw_src), 32 },
        };

        classifier_set_prefix_fields__(&cls, fields, ARRAY_SIZE(fields));
    } else {
        set_tries(&cls, tries);
    }
    for (; i < argc && strcmp(argv[i], "--"); i++) {
        char *end, *conj, *text;
        int priority = strtol(argv[i], &end, 10);
        struct cls_conjunction c[2];
        int n_conj = 0;

        /* "PRIORITY MATCH [conjunction(ID,K/N)]...". */
        text = xstrdup(end + strspn(end, " "));
        while ((conj = strstr(text, "conjunction("))) {
            unsigned int id, k, n_clauses;

            if (sscanf(conj, "conjunction(%u,%u/%u)", &id, &k, &n_clauses)
                != 3 || n_conj >= ARRAY_SIZE(c) || k < 1 || k > n_clauses) {
                ovs_fatal(0, "%s: bad conjunction", argv[i]);
            }
            c[n_conj].id = id;
            c[n_conj].clause = k - 1;
            c[n_conj].n_clauses = n_clauses;
            n_conj++;
            *conj = '\0';
            memmove(conj, strchr(conj + 1, ')') + 1,
                    strlen(strchr(conj + 1, ')') + 1) + 1);
        }
        rules[n] = parse_rule(text, priority);
        free(text);
        rules[n]->aux = n;
        rules[n]->in_cls = true;
        rules[n]->n_conj = n_conj;
        memcpy(rules[n]->conj, c, n_conj * sizeof c[0]);
        classifier_insert(&cls, &rules[n]->cls_rule, OVS_VERSION_MIN,
                          rules[n]->conj, n_conj);
        n++;
    }
    for (i++; i < argc; i++) {
        struct flow_wildcards wc;
        const struct test_rule *r;
        struct flow flow;

        parse_flow(argv[i], &flow);
        flow_wildcards_init_catchall(&wc);
        r = test_rule_from_cls_rule(classifier_lookup(&cls, OVS_VERSION_MIN,
                                                      &flow, &wc));
        {
            /* Rules of equal priority that overlap may come in any
             * order. */
            const struct test_rule *ref = ref_lookup(rules, n,
                                                     OVS_VERSION_MIN, &flow);

            ovs_assert(r ? ref && r->priority == ref->priority : !ref);
        }
        if (r) {
            printf("rule %d: ", r->aux);
        } else {
            printf("no match: ");
        }
        if (megaflow) {
            struct match m;
            char *s;

            flow_wildcards_clear_non_packet_fields(&wc);
            if (!flow.vlans[0].tci) {
                WC_UNMASK_FIELD(&wc, vlans);
            }
            WC_MASK_FIELD(&wc, in_port);
            WC_MASK_FIELD(&wc, dl_type);
            if (is_ip_any(&flow)) {
                wc.masks.nw_frag |= FLOW_NW_FRAG_MASK;
            }
            match_init(&m, &flow, &wc);
            s = match_to_string(&m, NULL, OFP_DEFAULT_PRIORITY);
            printf("%s\n", s);
            free(s);
        } else {
            print_wc(&wc);
        }
    }
    for (size_t j = 0; j < n; j++) {
        classifier_remove_assert(&cls, &rules[j]->cls_rule);
    }
    classifier_destroy(&cls);
    ovsrcu_barrier();
    for (size_t j = 0; j < n; j++) {
        test_rule_free(rules[j]);
    }
    free(rules);
}

/* "prefix-fields": classifier_set_prefix_fields() with field ids. */
static void
test_prefix_fields(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const enum mf_field_id fields[] = {
        MFF_IPV4_DST, MFF_ETH_SRC, MFF_IPV4_SRC, MFF_IPV4_DST,
    };
    static const enum mf_field_id v6[] = { MFF_IPV6_DST, MFF_IPV6_SRC };
    struct test_rule *rule;
    struct classifier cls;
    struct flow_wildcards wc;
    struct flow flow;
    struct ds s = DS_EMPTY_INITIALIZER;

    classifier_init(&cls, flow_segment_u64s);
    rule = parse_rule("ip,nw_src=10.0.0.0/8,nw_dst=20.0.0.0/8", 5);
    classifier_insert(&cls, &rule->cls_rule, OVS_VERSION_MIN, NULL, 0);
    cls_rule_format(&rule->cls_rule, NULL, NULL, &s);
    printf("%s\n", ds_cstr(&s));
    ds_destroy(&s);

    /* eth_src has no prefix lookup and the duplicate is dropped. */
    ovs_assert(classifier_set_prefix_fields(&cls, fields,
                                            ARRAY_SIZE(fields)));
    ovs_assert(cls.n_tries == 2);
    ovs_assert(!classifier_set_prefix_fields(&cls, fields,
                                             ARRAY_SIZE(fields)));

    parse_flow("ip,nw_src=10.1.1.1,nw_dst=192.168.1.1", &flow);
    flow_wildcards_init_catchall(&wc);
    ovs_assert(!classifier_lookup(&cls, OVS_VERSION_MIN, &flow, &wc));
    print_wc(&wc);
    parse_flow("ip,nw_src=192.168.1.1,nw_dst=20.1.1.1", &flow);
    flow_wildcards_init_catchall(&wc);
    ovs_assert(!classifier_lookup(&cls, OVS_VERSION_MIN, &flow, &wc));
    print_wc(&wc);

    /* IPv6 tries: no longer any for IPv4. */
    ovs_assert(classifier_set_prefix_fields(&cls, v6, ARRAY_SIZE(v6)));
    flow_wildcards_init_catchall(&wc);
    ovs_assert(!classifier_lookup(&cls, OVS_VERSION_MIN, &flow, &wc));
    print_wc(&wc);

    ovs_assert(classifier_set_prefix_fields(&cls, NULL, 0));
    ovs_assert(cls.n_tries == 0);
    classifier_remove_assert(&cls, &rule->cls_rule);
    classifier_destroy(&cls);
    ovsrcu_barrier();
    test_rule_free(rule);
}

/* "rule-api": cls_rule and minimatch helpers. */
static void
test_rule_api(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct test_rule *a = parse_rule("tcp,nw_src=10.0.0.0/8,tp_dst=80", 7);
    struct test_rule *b = parse_rule("tcp,nw_src=10.0.0.0/8,tp_dst=80", 7);
    struct test_rule *c = parse_rule("tcp,nw_src=10.0.0.0/8", 7);
    struct test_rule *any = parse_rule("", 0);
    struct cls_rule clone, moved;
    struct classifier cls;
    struct match m;
    struct flow flow;

    ovs_assert(cls_rule_equal(&a->cls_rule, &b->cls_rule));
    ovs_assert(cls_rule_hash(&a->cls_rule, 1) == cls_rule_hash(&b->cls_rule,
                                                               1));
    ovs_assert(!cls_rule_equal(&a->cls_rule, &c->cls_rule));
    ovs_assert(cls_rule_is_catchall(&any->cls_rule));
    ovs_assert(!cls_rule_is_catchall(&a->cls_rule));

    /* 'a' is more specific than 'c', not the reverse. */
    ovs_assert(cls_rule_is_loose_match(&a->cls_rule, &c->cls_rule.match));
    ovs_assert(!cls_rule_is_loose_match(&c->cls_rule, &a->cls_rule.match));
    ovs_assert(cls_rule_is_loose_match(&c->cls_rule, &any->cls_rule.match));

    cls_rule_clone(&clone, &a->cls_rule);
    ovs_assert(cls_rule_equal(&clone, &a->cls_rule));
    cls_rule_move(&moved, &clone);
    ovs_assert(cls_rule_equal(&moved, &a->cls_rule));
    cls_rule_destroy(&clone);

    minimatch_expand(&moved.match, &m);
    ovs_assert(match_equal(&m, &a->match));
    parse_flow("tcp,nw_src=10.9.9.9,tp_dst=80", &flow);
    ovs_assert(minimatch_matches_flow(&moved.match, &flow));
    flow.tp_dst = htons(81);
    ovs_assert(!minimatch_matches_flow(&moved.match, &flow));

    classifier_init(&cls, flow_segment_u64s);
    classifier_insert(&cls, &a->cls_rule, OVS_VERSION_MIN, NULL, 0);
    ovs_assert(classifier_find_minimatch_exactly(&cls, &moved.match, 7,
                                                 OVS_VERSION_MIN)
               == &a->cls_rule);
    ovs_assert(!classifier_find_minimatch_exactly(&cls, &moved.match, 8,
                                                  OVS_VERSION_MIN));
    ovs_assert(classifier_find_rule_exactly(&cls, &b->cls_rule,
                                            OVS_VERSION_MIN)
               == &a->cls_rule);
    ovs_assert(!classifier_find_rule_exactly(&cls, &c->cls_rule,
                                             OVS_VERSION_MIN));
    ovs_assert(classifier_rule_overlaps(&cls, &c->cls_rule,
                                        OVS_VERSION_MIN));
    ovs_assert(!classifier_remove(&cls, &b->cls_rule));
    classifier_remove_assert(&cls, &a->cls_rule);
    classifier_destroy(&cls);
    ovsrcu_barrier();

    cls_rule_destroy(&moved);
    test_rule_free(a);
    test_rule_free(b);
    test_rule_free(c);
    test_rule_free(any);
    printf("rule-api: ok\n");
}

/* "versions": visibility of rules across versions. */
static void
test_versions(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct test_rule *r1, *r2, *r3, *rules[3];
    const struct cls_rule *found;
    struct classifier cls;
    struct flow flow;

    classifier_init(&cls, flow_segment_u64s);
    parse_flow("ip,nw_dst=10.0.0.1", &flow);

    /* r1 appears in version 1. */
    r1 = parse_rule("ip,nw_dst=10.0.0.1", 10);
    classifier_insert(&cls, &r1->cls_rule, 1, NULL, 0);
    ovs_assert(!classifier_lookup(&cls, 0, &flow, NULL));
    ovs_assert(classifier_lookup(&cls, 1, &flow, NULL) == &r1->cls_rule);
    ovs_assert(classifier_lookup(&cls, 5, &flow, NULL) == &r1->cls_rule);
    ovs_assert(!cls_rule_visible_in_version(&r1->cls_rule, 0));
    ovs_assert(cls_rule_visible_in_version(&r1->cls_rule, 1));

    /* r2, identical, replaces it in version 2. */
    r2 = parse_rule("ip,nw_dst=10.0.0.1", 10);
    cls_rule_make_invisible_in_version(&r1->cls_rule, 2);
    classifier_insert(&cls, &r2->cls_rule, 2, NULL, 0);
    ovs_assert(classifier_count(&cls) == 2);
    ovs_assert(classifier_lookup(&cls, 1, &flow, NULL) == &r1->cls_rule);
    ovs_assert(classifier_lookup(&cls, 2, &flow, NULL) == &r2->cls_rule);
    ovs_assert(classifier_find_rule_exactly(&cls, &r1->cls_rule, 1)
               == &r1->cls_rule);
    ovs_assert(classifier_find_rule_exactly(&cls, &r1->cls_rule, 2)
               == &r2->cls_rule);

    /* Undo, then redo. */
    cls_rule_restore_visibility(&r1->cls_rule);
    ovs_assert(classifier_lookup(&cls, 3, &flow, NULL) == &r2->cls_rule
               || classifier_lookup(&cls, 3, &flow, NULL) == &r1->cls_rule);
    cls_rule_make_invisible_in_version(&r1->cls_rule, 2);

    /* Iteration sees only what is visible. */
    {
        struct test_rule *rule;
        int n = 0;

        CLS_FOR_EACH_TARGET (rule, cls_rule, &cls, NULL, 1) {
            ovs_assert(rule == r1);
            n++;
        }
        ovs_assert(n == 1);
        n = 0;
        CLS_FOR_EACH (rule, cls_rule, &cls) {
            ovs_assert(rule == r2);
            n++;
        }
        ovs_assert(n == 1);
    }

    /* A lower-priority rule shows through once r1 goes and before r2
     * comes. */
    r3 = parse_rule("ip,nw_dst=10.0.0.1", 5);
    classifier_insert(&cls, &r3->cls_rule, 0, NULL, 0);
    ovs_assert(classifier_lookup(&cls, 0, &flow, NULL) == &r3->cls_rule);
    ovs_assert(classifier_lookup(&cls, 1, &flow, NULL) == &r1->cls_rule);
    ovs_assert(classifier_remove(&cls, &r1->cls_rule) == &r1->cls_rule);
    ovs_assert(classifier_lookup(&cls, 1, &flow, NULL) == &r3->cls_rule);
    ovs_assert(classifier_lookup(&cls, 2, &flow, NULL) == &r2->cls_rule);

    /* Replacing a live identical rule returns it. */
    rules[0] = parse_rule("ip,nw_dst=10.0.0.1", 5);
    found = classifier_replace(&cls, &rules[0]->cls_rule, 3, NULL, 0);
    ovs_assert(found == &r3->cls_rule);
    ovs_assert(classifier_lookup(&cls, 3, &flow, NULL) == &r2->cls_rule);
    classifier_remove_assert(&cls, &r2->cls_rule);
    ovs_assert(classifier_lookup(&cls, 3, &flow, NULL)
               == &rules[0]->cls_rule);
    ovs_assert(!classifier_lookup(&cls, 2, &flow, NULL));

    /* Overlaps: same priority only. */
    rules[1] = parse_rule("ip,nw_dst=10.0.0.0/8", 5);
    rules[2] = parse_rule("ip,nw_dst=11.0.0.0/8", 5);
    ovs_assert(classifier_rule_overlaps(&cls, &rules[1]->cls_rule, 3));
    ovs_assert(!classifier_rule_overlaps(&cls, &rules[1]->cls_rule, 2));
    ovs_assert(!classifier_rule_overlaps(&cls, &rules[2]->cls_rule, 3));
    {
        struct match m;

        match_init_catchall(&m);
        match_set_dl_type(&m, htons(0x0800));
        match_set_nw_dst(&m, htonl(0x0a000001));
        ovs_assert(classifier_find_match_exactly(&cls, &m, 5, 3)
                   == &rules[0]->cls_rule);
        ovs_assert(!classifier_find_match_exactly(&cls, &m, 6, 3));
    }

    classifier_remove_assert(&cls, &rules[0]->cls_rule);
    ovs_assert(classifier_is_empty(&cls));
    classifier_destroy(&cls);
    ovsrcu_barrier();
    test_rule_free(r1);
    test_rule_free(r2);
    test_rule_free(r3);
    for (int i = 0; i < 3; i++) {
        test_rule_free(rules[i]);
    }
    printf("versions: ok\n");
}

/* "conjunctions": conjunctive matches. */
static void
test_conjunctions(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    static const struct {
        const char *match;      /* The rule's match. */
        int priority;           /* Its priority. */
        int n_conj;             /* Number of conjunctions. */
        struct cls_conjunction conj[2]; /* Them. */
    } specs[] = {
        /* Conjunction 1: nw_src in {1, 2} and tp_dst in {80, 443}. */
        { "tcp,nw_src=10.0.0.1", 100, 1, { { 1, 0, 2 } } },
        { "tcp,nw_src=10.0.0.2", 100, 1, { { 1, 0, 2 } } },
        { "tcp,tp_dst=80", 100, 1, { { 1, 1, 2 } } },
        /* This one takes part in conjunction 2 as well. */
        { "tcp,tp_dst=443", 100, 2, { { 1, 1, 2 }, { 2, 1, 2 } } },
        /* Conjunction 2: nw_dst=10.1.0.0/16 and tp_dst=443. */
        { "tcp,nw_dst=10.1.0.0/16", 100, 1, { { 2, 0, 2 } } },
        { "conj_id=1", 100, 0, { { 0, 0, 0 } } },
        { "conj_id=2", 100, 0, { { 0, 0, 0 } } },
        { "", 0, 0, { { 0, 0, 0 } } },
        /* Ordinary rules around them. */
        { "tcp,nw_src=10.0.0.9", 200, 0, { { 0, 0, 0 } } },
        { "tcp,nw_src=10.0.0.2,tp_dst=443", 150, 0, { { 0, 0, 0 } } },
        { "tcp,nw_src=10.0.0.1", 50, 0, { { 0, 0, 0 } } },
    };
    static const struct {
        const char *flow;       /* A flow. */
        int expected;           /* Index in specs[] of the result. */
    } cases[] = {
        { "tcp,nw_src=10.0.0.1,nw_dst=9.9.9.9,tp_dst=80", 5 },
        { "tcp,nw_src=10.0.0.1,nw_dst=9.9.9.9,tp_dst=443", 5 },
        { "tcp,nw_src=10.0.0.2,nw_dst=9.9.9.9,tp_dst=80", 5 },
        { "tcp,nw_src=10.0.0.2,nw_dst=9.9.9.9,tp_dst=443", 9 },
        { "tcp,nw_src=10.0.0.3,nw_dst=9.9.9.9,tp_dst=80", 7 },
        { "tcp,nw_src=10.0.0.1,nw_dst=9.9.9.9,tp_dst=22", 10 },
        { "tcp,nw_src=10.0.0.3,nw_dst=10.1.2.3,tp_dst=443", 6 },
        { "tcp,nw_src=10.0.0.3,nw_dst=10.1.2.3,tp_dst=80", 7 },
        { "tcp,nw_src=10.0.0.9,nw_dst=10.1.2.3,tp_dst=443", 8 },
        { "udp,nw_src=10.0.0.1,nw_dst=9.9.9.9,tp_dst=80", 7 },
    };
    struct test_rule *rules[ARRAY_SIZE(specs)];
    struct classifier cls;

    classifier_init(&cls, flow_segment_u64s);
    set_tries(&cls, true);
    for (size_t i = 0; i < ARRAY_SIZE(specs); i++) {
        rules[i] = parse_rule(specs[i].match, specs[i].priority);
        classifier_insert(&cls, &rules[i]->cls_rule, OVS_VERSION_MIN,
                          specs[i].conj, specs[i].n_conj);
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
            const struct cls_rule *found;
            struct flow_wildcards wc;
            struct flow flow;

            parse_flow(cases[i].flow, &flow);
            flow_wildcards_init_catchall(&wc);
            found = classifier_lookup(&cls, OVS_VERSION_MIN, &flow, &wc);
            if (found != &rules[cases[i].expected]->cls_rule) {
                int got = -1;

                for (size_t j = 0; j < ARRAY_SIZE(specs); j++) {
                    if (found == &rules[j]->cls_rule) {
                        got = j;
                    }
                }
                ovs_fatal(0, "%s: expected rule %d, got %d", cases[i].flow,
                          cases[i].expected, got);
            }
            ovs_assert(flow.conj_id == 0);
        }

        /* Taking away one clause's rules breaks conjunction 1 for them. */
        if (!pass) {
            struct cls_conjunction none[1];

            cls_rule_set_conjunctions(&rules[2]->cls_rule, none, 0);
            {
                struct flow flow;

                parse_flow("tcp,nw_src=10.0.0.1,nw_dst=9.9.9.9,tp_dst=80",
                           &flow);
                ovs_assert(classifier_lookup(&cls, OVS_VERSION_MIN, &flow,
                                             NULL) == &rules[2]->cls_rule);
            }
            cls_rule_set_conjunctions(&rules[2]->cls_rule, specs[2].conj,
                                      1);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(specs); i++) {
        classifier_remove_assert(&cls, &rules[i]->cls_rule);
    }
    classifier_destroy(&cls);
    ovsrcu_barrier();
    for (size_t i = 0; i < ARRAY_SIZE(specs); i++) {
        test_rule_free(rules[i]);
    }
    printf("conjunctions: ok\n");
}

/* "iterate": removal during iteration, targets. */
static void
test_iterate(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    enum { N = 300 };
    struct test_rule *rules[N];
    struct test_rule *rule;
    struct classifier cls;
    struct test_rule *target;
    size_t n = 0;

    random_set_seed(7);
    init_pool();
    classifier_init(&cls, flow_segment_u64s);
    set_tries(&cls, true);
    for (size_t i = 0; i < N; i++) {
        struct flow_wildcards wc;
        struct match match;
        struct flow flow;

        random_mask(&wc, 2);
        random_flow(&flow);
        match_init(&match, &flow, &wc);
        rules[i] = test_rule_create(&match, i);
        rules[i]->in_cls = true;
        classifier_insert(&cls, &rules[i]->cls_rule, OVS_VERSION_MIN,
                          NULL, 0);
    }
    check_iteration(&cls, rules, N);

    /* Remove every rule, as it is visited. */
    CLS_FOR_EACH (rule, cls_rule, &cls) {
        classifier_remove_assert(&cls, &rule->cls_rule);
        rule->in_cls = false;
        n++;
    }
    ovs_assert(n == N);
    ovs_assert(classifier_is_empty(&cls));

    /* A catchall target visits everything. */
    target = parse_rule("", 0);
    for (size_t i = 0; i < N; i++) {
        rules[i]->in_cls = true;
        classifier_insert(&cls, &rules[i]->cls_rule, OVS_VERSION_MIN,
                          NULL, 0);
    }
    n = 0;
    CLS_FOR_EACH_TARGET (rule, cls_rule, &cls, &target->cls_rule,
                         OVS_VERSION_MIN) {
        n++;
    }
    ovs_assert(n == N);
    for (size_t i = 0; i < N; i++) {
        classifier_remove_assert(&cls, &rules[i]->cls_rule);
    }
    classifier_destroy(&cls);
    ovsrcu_barrier();
    for (size_t i = 0; i < N; i++) {
        test_rule_free(rules[i]);
    }
    test_rule_free(target);
    printf("iterate: ok\n");
}

/* Concurrency: readers look up while a writer changes the classifier. */
struct concurrent_ctx {
    struct classifier cls;      /* The classifier. */
    ovs_version_t version;      /* Atomic: the version to look up in. */
    bool done;                  /* Atomic: readers stop. */
    struct flow flow;           /* The flow the readers look up. */
    long long int n_lookups;    /* Atomic: lookups done. */
};

static void *
concurrent_reader(void *ctx_)
{
    struct concurrent_ctx *ctx = ctx_;
    long long int n = 0;

    while (!__atomic_load_n(&ctx->done, __ATOMIC_ACQUIRE)) {
        struct flow flow = ctx->flow;
        struct flow_wildcards wc;
        const struct test_rule *r;
        ovs_version_t version;

        rcu_read_lock();
        version = __atomic_load_n(&ctx->version, __ATOMIC_ACQUIRE);
        flow_wildcards_init_catchall(&wc);
        r = test_rule_from_cls_rule(classifier_lookup(&ctx->cls, version,
                                                      &flow, &wc));
        if (!r || r->aux != (int) version) {
            ovs_fatal(0, "reader in version %"PRIu64" found %s %d",
                      version, r ? "rule of version" : "no rule",
                      r ? r->aux : 0);
        }
        rcu_read_unlock();
        n++;
    }
    __atomic_add_fetch(&ctx->n_lookups, n, __ATOMIC_RELAXED);
    return NULL;
}

/* "concurrent [N_READERS [N_ROUNDS]]". */
static void
test_concurrent(int argc, char *argv[])
{
    int n_readers = argc > 1 ? atoi(argv[1]) : 2;
    int n_rounds = argc > 2 ? atoi(argv[2]) : 300;
    struct concurrent_ctx *ctx = xzalloc(sizeof *ctx);
    pthread_t *threads = xmalloc(n_readers * sizeof *threads);
    struct test_rule *noise[64] = { NULL };
    struct test_rule *current;
    struct match match;

    random_set_seed(3);
    init_pool();
    classifier_init(&ctx->cls, flow_segment_u64s);
    set_tries(&ctx->cls, true);
    parse_flow("tcp,in_port=1,nw_src=10.0.0.1,nw_dst=10.0.0.2,tp_dst=80",
               &ctx->flow);

    /* The rule for 'flow' in version 0. */
    match_init_exact(&match, &ctx->flow);
    current = test_rule_create(&match, 100);
    current->aux = 0;
    classifier_insert(&ctx->cls, &current->cls_rule, 0, NULL, 0);
    ctx->version = 0;

    for (int i = 0; i < n_readers; i++) {
        pthread_create(&threads[i], NULL, concurrent_reader, ctx);
    }
    for (int round = 1; round <= n_rounds; round++) {
        ovs_version_t v = round;
        struct test_rule *next;
        struct flow_wildcards wc;
        struct flow flow;

        /* Version 'v' gets a new rule for 'flow', with a random mask, at
         * the same priority. */
        random_mask(&wc, 2);
        WC_MASK_FIELD(&wc, tp_dst);
        match_init(&match, &ctx->flow, &wc);
        next = test_rule_create(&match, 100);
        next->aux = round;
        classifier_defer(&ctx->cls);
        cls_rule_make_invisible_in_version(&current->cls_rule, v);
        classifier_insert(&ctx->cls, &next->cls_rule, v, NULL, 0);

        /* Noise: rules that do not change the answer for 'flow' (lower
         * priority, or not matching it), with random masks, created and
         * removed. */
        for (int k = 0; k < 8; k++) {
            int idx = random_range(ARRAY_SIZE(noise));

            if (noise[idx]) {
                classifier_remove_assert(&ctx->cls, &noise[idx]->cls_rule);
                ovsrcu_postpone(test_rule_free, noise[idx]);
                noise[idx] = NULL;
            } else {
                random_mask(&wc, 3);
                random_flow(&flow);
                if (random_range(2)) {
                    WC_MASK_FIELD(&wc, tp_dst);
                    flow.tp_dst = htons(81);
                    noise[idx] = test_rule_create(&(struct match) {
                                                      .flow = flow,
                                                      .wc = wc }, 1000);
                } else {
                    noise[idx] = test_rule_create(&(struct match) {
                                                      .flow = flow,
                                                      .wc = wc }, 10);
                }
                const struct cls_rule *displaced = classifier_replace(
                    &ctx->cls, &noise[idx]->cls_rule,
                    random_range(2) ? 0 : v, NULL, 0);

                /* An identical noise rule gets replaced. */
                for (size_t j = 0; displaced && j < ARRAY_SIZE(noise); j++) {
                    if (noise[j] && &noise[j]->cls_rule == displaced) {
                        ovsrcu_postpone(test_rule_free, noise[j]);
                        noise[j] = NULL;
                    }
                }
            }
        }
        classifier_publish(&ctx->cls);

        /* The prefix tries change under the readers too. */
        if (round % 50 == 0) {
            set_tries(&ctx->cls, round % 100 != 0);
        }

        /* Publish 'v', wait for readers of the old version, then remove
         * the old rule. */
        __atomic_store_n(&ctx->version, v, __ATOMIC_RELEASE);
        ovsrcu_synchronize();
        classifier_remove_assert(&ctx->cls, &current->cls_rule);
        ovsrcu_postpone(test_rule_free, current);
        current = next;
    }
    __atomic_store_n(&ctx->done, true, __ATOMIC_RELEASE);
    for (int i = 0; i < n_readers; i++) {
        pthread_join(threads[i], NULL);
    }

    classifier_remove_assert(&ctx->cls, &current->cls_rule);
    for (size_t i = 0; i < ARRAY_SIZE(noise); i++) {
        if (noise[i]) {
            classifier_remove_assert(&ctx->cls, &noise[i]->cls_rule);
        }
    }
    ovs_assert(classifier_is_empty(&ctx->cls));
    classifier_destroy(&ctx->cls);
    ovsrcu_barrier();
    test_rule_free(current);
    for (size_t i = 0; i < ARRAY_SIZE(noise); i++) {
        if (noise[i]) {
            test_rule_free(noise[i]);
        }
    }
    printf("concurrent: ok (%d rounds, %d readers, %s lookups)\n",
           n_rounds, n_readers,
           ctx->n_lookups > n_rounds ? "many" : "few");
    free(threads);
    free(ctx);
}

static double
now_sec(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* "benchmark N_RULES N_MASKS N_LOOKUPS": lookups per second. */
static void
test_benchmark(int argc, char *argv[])
{
    int n_rules = argc > 1 ? atoi(argv[1]) : 1000;
    int n_masks = argc > 2 ? atoi(argv[2]) : 10;
    int n_lookups = argc > 3 ? atoi(argv[3]) : 1000000;
    struct flow_wildcards *masks = xmalloc(n_masks * sizeof *masks);
    struct test_rule **rules = xmalloc(n_rules * sizeof *rules);
    struct flow *flows;
    struct classifier cls;
    int n_flows = 4096, n_matched = 0;
    double start, elapsed;

    random_set_seed(42);
    init_pool();
    classifier_init(&cls, flow_segment_u64s);
    set_tries(&cls, true);

    /* Masks over a few fields each, like real flow tables: in_port, L2,
     * IP prefixes, L4 ports. */
    for (int i = 0; i < n_masks; i++) {
        struct flow_wildcards *wc = &masks[i];

        memset(wc, 0, sizeof *wc);
        WC_MASK_FIELD(wc, dl_type);
        switch (i % 5) {
        case 0:
            WC_MASK_FIELD(wc, in_port);
            WC_MASK_FIELD(wc, dl_dst);
            break;
        case 1:
            wc->masks.nw_dst = htonl(~0u << (32 - (8 + i % 25)));
            break;
        case 2:
            wc->masks.nw_src = htonl(~0u << (32 - (16 + i % 17)));
            WC_MASK_FIELD(wc, nw_proto);
            WC_MASK_FIELD(wc, tp_dst);
            break;
        case 3:
            WC_MASK_FIELD(wc, nw_dst);
            WC_MASK_FIELD(wc, nw_src);
            WC_MASK_FIELD(wc, nw_proto);
            WC_MASK_FIELD(wc, tp_src);
            WC_MASK_FIELD(wc, tp_dst);
            break;
        case 4:
            WC_MASK_FIELD(wc, metadata);
            wc->masks.regs[0] = UINT32_MAX >> (i % 7);
            break;
        }
    }

    start = now_sec();
    for (int i = 0; i < n_rules; i++) {
        struct match match;
        struct flow flow;

        /* Random values, so that rules rarely share a match. */
        random_flow(&flow);
        random_bytes(&flow.in_port.ofp_port, 2);
        random_bytes(&flow.dl_dst, sizeof flow.dl_dst);
        random_bytes(&flow.metadata, 8);
        random_bytes(&flow.regs[0], 4);
        random_bytes(&flow.nw_dst, 4);
        random_bytes(&flow.nw_src, 4);
        random_bytes(&flow.tp_src, 2);
        random_bytes(&flow.tp_dst, 2);
        flow.dl_type = htons(0x0800);
        match_init(&match, &flow, &masks[i % n_masks]);
        rules[i] = test_rule_create(&match, random_range(65536));
        classifier_replace(&cls, &rules[i]->cls_rule, OVS_VERSION_MIN,
                           NULL, 0);
    }
    elapsed = now_sec() - start;

    /* liburcu grows hash tables in a background thread, which may lag
     * behind a burst of insertions on a loaded machine: bring every table
     * to its size at once, as time would, before measuring lookups. */
    for (struct cls_subtable *st = cls.subtable_list; st;
         st = st->list_next) {
        unsigned long size = 1;

        while (size < (unsigned long) st->n_rules) {
            size *= 2;
        }
        cds_lfht_resize(st->rules, size);
        for (unsigned int i = 0; i < st->n_indices; i++) {
            cds_lfht_resize(st->indices[i], size);
        }
    }
    printf("classifier benchmark: %d rules, %d masks: inserted in %.3f s "
           "(%.0f rules/s)\n", n_rules, n_masks, elapsed,
           n_rules / (elapsed > 0 ? elapsed : 1e-9));

    /* Flows: half built from rules (they match something), half
     * random. */
    flows = xmalloc(n_flows * sizeof *flows);
    for (int i = 0; i < n_flows; i++) {
        if (i % 2) {
            flow_for_rule(&flows[i], rules[random_range(n_rules)]);
        } else {
            random_flow(&flows[i]);
            flows[i].dl_type = htons(0x0800);
        }
    }

    start = now_sec();
    for (int i = 0; i < n_lookups; i++) {
        struct flow_wildcards wc;

        flow_wildcards_init_catchall(&wc);
        n_matched += classifier_lookup(&cls, OVS_VERSION_MIN,
                                       &flows[i % n_flows], &wc) != NULL;
    }
    elapsed = now_sec() - start;
    printf("classifier benchmark: %d rules, %d masks: %d lookups in %.3f s: "
           "%.0f lookups/s (%d%% matched)\n", n_rules, n_masks, n_lookups,
           elapsed, n_lookups / (elapsed > 0 ? elapsed : 1e-9),
           (int) (n_lookups ? 100LL * n_matched / n_lookups : 0));

    for (int i = 0; i < n_rules; i++) {
        classifier_remove(&cls, &rules[i]->cls_rule);
    }
    classifier_destroy(&cls);
    ovsrcu_barrier();
    for (int i = 0; i < n_rules; i++) {
        test_rule_free(rules[i]);
    }
    free(rules);
    free(masks);
    free(flows);
}

static const struct ovstest_command commands[] = {
    { "random", 0, 4, test_random },
    { "random-versions", 0, 4, test_random_versions },
    { "random-conj", 0, 3, test_random_conj },
    { "lookup", 0, INT_MAX, test_lookup },
    { "versions", 0, 0, test_versions },
    { "rule-api", 0, 0, test_rule_api },
    { "prefix-fields", 0, 0, test_prefix_fields },
    { "conjunctions", 0, 0, test_conjunctions },
    { "iterate", 0, 0, test_iterate },
    { "concurrent", 0, 2, test_concurrent },
    { "benchmark", 0, 3, test_benchmark },
    { NULL, 0, 0, NULL },
};

static void
test_classifier_main(int argc, char *argv[])
{
    ovstest_run_commands(argc, argv, commands);
}

OVSTEST_REGISTER("test-classifier", test_classifier_main);
