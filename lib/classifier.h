/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef CLASSIFIER_H
#define CLASSIFIER_H 1

/* The OpenFlow flow classifier.
 *
 * A classifier holds rules, each a match (struct minimatch) with a
 * priority, and finds the highest-priority rule that matches a given flow
 * ("lookup").  It also returns, in a struct flow_wildcards, the bits of
 * the flow that the lookup examined: every flow that agrees with the
 * looked-up one on those bits gets the same answer, which is what a
 * datapath megaflow needs.
 *
 * Design: tuple space search.  Rules with the same mask share a
 * "subtable", a hash table keyed by the masked flow.  A lookup tries the
 * subtables in decreasing order of the highest priority they hold and
 * stops as soon as no remaining subtable can beat the best match so far.
 *
 * Within a subtable the lookup is staged: the flow is divided into
 * segments (metadata, L2, L3, L4; see classifier_init()) and the
 * subtable keeps, for each segment boundary, the set of hashes of its
 * rules' keys up to there.  The lookup hashes the flow one segment at a
 * time and stops at the first segment whose partial hash no rule has;
 * only the segments consulted are un-wildcarded.
 *
 * Prefix tries (classifier_set_prefix_fields()) over address fields such
 * as nw_src and nw_dst let a lookup skip subtables whose prefix length has
 * no matching rule at all, un-wildcarding only as many leading bits of
 * the address as are needed to tell so, instead of the whole subtable's
 * mask.
 *
 * Rules with identical matches and different priorities are chained in
 * decreasing priority order under one hash table entry; a lookup sees the
 * first of them that is visible in its version.
 *
 * Versions: each rule is visible in versions [add_version,
 * remove_version) (see lib/versions.h).  A writer inserts the rules of a
 * batch with the next version and marks the rules it removes invisible in
 * that version (cls_rule_make_invisible_in_version()), then publishes the
 * version number: lookups in the new version see the whole batch at once.
 *
 * Conjunctive matches: a rule inserted with one or more struct
 * cls_conjunction (the OpenFlow "conjunction(id,k/n)" action) does not
 * match by itself.  When, for some 'id', a flow matches at least one
 * rule of each of the 'n' clauses at the same priority, and no ordinary
 * rule of higher or equal priority matches, the lookup repeats with the
 * flow's conj_id set to 'id' and returns that lookup's result (the rule
 * matching "conj_id=id"), if it finds one.
 *
 * Threads: lookups, classifier_find_*(), classifier_rule_overlaps(),
 * classifier_count() and cls_rule_visible_in_version() are lock-free and
 * may run in any number of threads concurrently with one writer (they
 * take liburcu read-side locks themselves).  Everything that changes the
 * classifier, and iteration with CLS_FOR_EACH*, requires the caller's
 * writer mutex.  A rule removed from the classifier may still be seen by
 * concurrent lookups: free it only after a grace period
 * (ovsrcu_postpone()). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "match.h"
#include "miniflow.h"
#include "versions.h"

/* Declared (and defined) in openvswitch/meta-flow.h. */
enum mf_field_id;

struct cds_lfht;
struct cls_match;
struct cls_subtable;
struct cls_subtable_vec;
struct ds;
struct ofputil_port_map;
struct trie_node;
struct tun_table;

/* Ends of the lookup stages, in 64-bit words of struct flow: the metadata
 * stage is words [0, FLOW_SEGMENT_1_ENDS_AT), L2 up to
 * FLOW_SEGMENT_2_ENDS_AT, L3 up to FLOW_SEGMENT_3_ENDS_AT, L4 the rest. */
#define FLOW_SEGMENT_1_ENDS_AT (offsetof(struct flow, dl_dst) / 8)
#define FLOW_SEGMENT_2_ENDS_AT (offsetof(struct flow, nw_src) / 8)
#define FLOW_SEGMENT_3_ENDS_AT (offsetof(struct flow, tp_src) / 8)

/* The maximum number of stage boundaries (so CLS_MAX_INDICES + 1 stages). */
#define CLS_MAX_INDICES 3

/* The standard segment boundaries for classifier_init(), in words. */
extern const uint8_t flow_segment_u64s[CLS_MAX_INDICES];

/* The maximum number of prefix tries. */
#define CLS_MAX_TRIES 4

/* A prefix trie over one field of struct flow. */
struct cls_trie {
    int field_id;               /* enum mf_field_id, or -1 if unused. */
    uint16_t ofs;               /* Byte offset of the field in the flow. */
    uint16_t n_bits;            /* Width of the field in bits. */
    struct trie_node *root;     /* RCU: the root (a node of 0 bits), or
                                 * NULL if the trie is unused. */
};

/* A flow classifier.  Its members are private. */
struct classifier {
    int n_rules;                /* Number of rules, visible or not. */
    uint8_t n_flow_segments;    /* Number of entries in 'flow_segments'. */
    uint8_t flow_segments[CLS_MAX_INDICES]; /* Stage ends, in words. */
    struct cds_lfht *subtables_map; /* "struct cls_subtable"s by mask. */
    struct cls_subtable_vec *subtables; /* RCU: subtables by decreasing
                                         * max priority. */
    struct cls_subtable *subtable_list; /* RCU: every subtable, linked
                                         * through 'list_next', for
                                         * iteration. */
    struct cls_subtable *zombies; /* Emptied subtables to free once no
                                   * reader can see them (writer only). */
    struct cls_trie tries[CLS_MAX_TRIES]; /* Prefix tries. */
    unsigned int n_tries;       /* RCU: number of tries in use. */
    bool publish;               /* False between classifier_defer() and
                                 * classifier_publish(). */
    bool vec_dirty;             /* 'subtables' needs rebuilding. */
    unsigned int next_serial;   /* Serial number of the next subtable
                                 * (subtables of equal priority are tried
                                 * in creation order). */
};

/* One clause of a conjunctive match: "conjunction(id, clause/n_clauses)"
 * with 'clause' counted from 0 here (OpenFlow text counts from 1). */
struct cls_conjunction {
    uint32_t id;                /* Conjunction id (the conj_id value). */
    uint8_t clause;             /* This rule's clause, 0...n_clauses-1. */
    uint8_t n_clauses;          /* Number of clauses, 2...64 (1 allowed). */
};

/* A rule to be inserted into the classifier: embed it in the structure
 * that the rule stands for (an OpenFlow flow). */
struct cls_rule {
    int priority;               /* Larger numbers are higher priorities. */
    struct cls_match *cls_match; /* RCU: private data, NULL if not in a
                                  * classifier. */
    const struct minimatch match; /* The match. */
};

/* Constructor, destructor and comparisons. */
void cls_rule_init(struct cls_rule *, const struct match *, int priority);
void cls_rule_init_from_minimatch(struct cls_rule *, const struct minimatch *,
                                  int priority);
void cls_rule_clone(struct cls_rule *, const struct cls_rule *);
void cls_rule_move(struct cls_rule *dst, struct cls_rule *src);
void cls_rule_destroy(struct cls_rule *);
void cls_rule_set_conjunctions(struct cls_rule *,
                               const struct cls_conjunction *, size_t n);
bool cls_rule_equal(const struct cls_rule *, const struct cls_rule *);
uint32_t cls_rule_hash(const struct cls_rule *, uint32_t basis);
void cls_rule_format(const struct cls_rule *, const struct tun_table *,
                     const struct ofputil_port_map *, struct ds *);
bool cls_rule_is_catchall(const struct cls_rule *);
bool cls_rule_is_loose_match(const struct cls_rule *rule,
                             const struct minimatch *criteria);

/* Versioned visibility. */
void cls_rule_make_invisible_in_version(const struct cls_rule *,
                                        ovs_version_t);
void cls_rule_restore_visibility(const struct cls_rule *);
bool cls_rule_visible_in_version(const struct cls_rule *, ovs_version_t);

/* Constructor and destructor.  'flow_segments' lists up to
 * CLS_MAX_INDICES stage boundaries (in words of struct flow, increasing,
 * e.g. flow_segment_u64s); NULL means no staging. */
void classifier_init(struct classifier *, const uint8_t *flow_segments);
void classifier_destroy(struct classifier *);

/* Sets the fields to keep prefix tries for (MFF_IPV4_SRC, MFF_IPV4_DST,
 * MFF_IPV6_SRC, MFF_IPV6_DST, MFF_TUN_SRC, MFF_TUN_DST; others are
 * ignored), at most CLS_MAX_TRIES.  Returns true if the set changed. */
bool classifier_set_prefix_fields(struct classifier *,
                                  const enum mf_field_id *trie_fields,
                                  unsigned int n_trie_fields);

/* The same with the fields given by position: 'ofs' is the field's byte
 * offset in struct flow, 'n_bits' its width (a multiple of 8, at most
 * 128), 'field_id' any identifying number (an enum mf_field_id). */
struct cls_prefix_field {
    int field_id;               /* Identifies the field. */
    uint16_t ofs;               /* Byte offset in struct flow. */
    uint16_t n_bits;            /* Width in bits. */
};
bool classifier_set_prefix_fields__(struct classifier *,
                                    const struct cls_prefix_field *,
                                    unsigned int n_fields);

/* Modifications (writer only). */
bool classifier_rule_overlaps(const struct classifier *,
                              const struct cls_rule *, ovs_version_t);
const struct cls_rule *classifier_replace(struct classifier *,
                                          const struct cls_rule *,
                                          ovs_version_t,
                                          const struct cls_conjunction *,
                                          size_t n_conjunctions);
void classifier_insert(struct classifier *, const struct cls_rule *,
                       ovs_version_t, const struct cls_conjunction *,
                       size_t n_conjunctions);
const struct cls_rule *classifier_remove(struct classifier *,
                                         const struct cls_rule *);
void classifier_remove_assert(struct classifier *, const struct cls_rule *);

/* Batching: between classifier_defer() and classifier_publish(), changes
 * to the order of subtables are not published to lookups. */
void classifier_defer(struct classifier *);
void classifier_publish(struct classifier *);

/* Lookups.  'flow' is only modified temporarily (conj_id, during
 * conjunctive matching).  'wc', if nonnull, accumulates (ORs in) the bits
 * examined. */
const struct cls_rule *classifier_lookup(const struct classifier *,
                                         ovs_version_t, struct flow *,
                                         struct flow_wildcards *);
const struct cls_rule *classifier_find_rule_exactly(const struct classifier *,
                                                    const struct cls_rule *,
                                                    ovs_version_t);
const struct cls_rule *classifier_find_match_exactly(const struct classifier *,
                                                     const struct match *,
                                                     int priority,
                                                     ovs_version_t);
const struct cls_rule *classifier_find_minimatch_exactly(
    const struct classifier *, const struct minimatch *, int priority,
    ovs_version_t);
bool classifier_is_empty(const struct classifier *);
int classifier_count(const struct classifier *);

/* Iteration (writer only).
 *
 * CLS_FOR_EACH visits every rule not made invisible;
 * CLS_FOR_EACH_TARGET every rule visible in VERSION that is a loose match
 * of TARGET (TARGET NULL: every rule).  The body may remove the rule it
 * is given, and rules already visited, but not rules yet to come. */
struct cls_cursor {
    const struct classifier *cls; /* The classifier. */
    const struct cls_subtable *subtable; /* Subtable of 'match'. */
    const struct cls_rule *target; /* Criteria, or NULL for all. */
    ovs_version_t version;      /* Only rules visible in this version. */
    const struct cls_match *match; /* Position of 'rule'. */
    const struct cls_rule *rule; /* Rule to visit next, NULL at end. */
};

struct cls_cursor cls_cursor_start(const struct classifier *,
                                   const struct cls_rule *target,
                                   ovs_version_t);
void cls_cursor_advance(struct cls_cursor *);

#define CLS_FOR_EACH(RULE, MEMBER, CLS)                                 \
    CLS_FOR_EACH_TARGET(RULE, MEMBER, CLS, NULL, OVS_VERSION_MAX)
#define CLS_FOR_EACH_TARGET(RULE, MEMBER, CLS, TARGET, VERSION)         \
    for (struct cls_cursor cursor__ = cls_cursor_start(CLS, TARGET,     \
                                                       VERSION);        \
         (cursor__.rule                                                 \
          ? ((RULE) = OBJECT_CONTAINING(cursor__.rule, RULE, MEMBER),   \
             cls_cursor_advance(&cursor__),                             \
             true)                                                      \
          : false);                                                     \
        )

#endif /* classifier.h */
