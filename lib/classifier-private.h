/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef CLASSIFIER_PRIVATE_H
#define CLASSIFIER_PRIVATE_H 1

/* The classifier's internal data structures (see classifier.h for the
 * design).  Only lib/classifier.c and its tests should include this.
 *
 * Memory and threads: everything a lookup can reach is published with
 * rcu_assign_pointer() and freed with ovsrcu_postpone() once unlinked,
 * except the cds_lfht tables of an emptied subtable, which may not be
 * destroyed from an RCU callback: an emptied subtable goes on the
 * classifier's 'zombies' list, an RCU callback marks it 'dead' after the
 * grace period, and the writer frees dead zombies on its next change. */

#include "classifier.h"
#include "ovs-rcu.h"

struct cls_head;

/* A set of conjunctions of one rule. */
struct cls_conjunction_set {
    unsigned int n;             /* Number of elements of 'conj'. */
    struct cls_conjunction conj[]; /* The conjunctions. */
};

/* A rule inside the classifier (one per struct cls_rule). */
struct cls_match {
    struct cls_match *next;     /* RCU: next rule with the same match,
                                 * lower or equal priority. */
    struct cls_match *list_next; /* RCU: next in subtable 'rules_list'. */
    struct cls_match *list_prev; /* Previous there (writer only). */
    struct cls_subtable *subtable; /* The subtable of the rule's mask. */
    struct cls_head *head;      /* The entry of the rule's match. */
    const struct cls_rule *cls_rule; /* The rule. */
    int priority;               /* Copy of cls_rule->priority. */
    ovs_version_t add_version;  /* First version the rule is visible in. */
    ovs_version_t remove_version; /* Atomic: first version the rule is no
                                   * longer visible in. */
    struct cls_conjunction_set *conj_set; /* RCU: conjunctions, or NULL
                                           * for an ordinary rule. */
};

/* The entry of one distinct match in a subtable: the chain of rules with
 * that match, in decreasing priority order.  Never reused: a key whose
 * last rule goes away loses its entry, and a later rule gets a new one. */
struct cls_head {
    struct cds_lfht_node node;  /* In cls_subtable 'rules'. */
    uint32_t hash;              /* Hash of 'key'. */
    struct cls_match *first;    /* RCU: highest-priority rule. */
    uint64_t key[];             /* The masked values, one per word of the
                                 * subtable's 'words'. */
};

/* An index of one lookup stage: a count of the rules whose key, hashed up
 * to the end of the stage, gives 'hash'. */
struct cls_index_node {
    struct cds_lfht_node node;  /* In cls_subtable 'indices[i]'. */
    uint32_t hash;              /* Partial hash. */
    unsigned int count;         /* Number of distinct keys with 'hash'
                                 * (writer only). */
};

/* All the rules with one mask. */
struct cls_subtable {
    struct cds_lfht_node map_node; /* In classifier 'subtables_map'. */
    uint32_t mask_hash;         /* Hash of 'mask'. */
    unsigned int serial;        /* Creation order within the classifier. */
    struct cls_subtable *list_next; /* RCU: next in 'subtable_list'. */
    struct cls_subtable *list_prev; /* Previous there (writer only). */
    struct cls_subtable *zombie_next; /* Next in 'zombies'. */
    bool dead;                  /* Atomic: no reader can see it any more. */

    struct cds_lfht *rules;     /* struct cls_head by 'hash'. */
    unsigned long n_heads;      /* Number of heads in 'rules' (writer
                                 * only). */
    struct cls_match *rules_list; /* RCU: every rule, for iteration. */
    int n_rules;                /* Number of rules (writer only). */
    int max_priority;           /* Highest priority of a rule. */
    int max_count;              /* Number of rules with 'max_priority'. */
    struct skiplist *priorities; /* struct cls_priority_count, highest
                                  * priority first (writer only). */

    /* Stages.  Stage i (0 <= i < n_indices) covers words
     * [i ? index_ends[i - 1] : 0, index_ends[i]) of 'words'; the last stage
     * ends at 'n_words'. */
    uint8_t n_indices;          /* Number of staged indices. */
    uint8_t index_ends[CLS_MAX_INDICES]; /* Stage ends, in 'words'. */
    struct cds_lfht *indices[CLS_MAX_INDICES]; /* struct cls_index_node. */
    unsigned long n_index_nodes[CLS_MAX_INDICES]; /* Nodes in each of
                                                   * 'indices' (writer
                                                   * only). */

    /* Prefix tries: a nonzero trie_plen[j] is the prefix length of this
     * subtable's mask on trie j's field, checked before stage
     * trie_stage[j]. */
    uint8_t trie_plen[CLS_MAX_TRIES]; /* Prefix length, 0 if unused. */
    uint8_t trie_stage[CLS_MAX_TRIES]; /* Stage of the field. */

    /* Ports trie: the (tp_src, tp_dst) values of the rules, masked, as
     * 'ports_plen'-bit prefixes; on a miss in the last stage it tells how
     * few port bits decided the miss. */
    struct cls_trie ports_trie; /* Over tp_src and tp_dst. */
    ovs_be32 ports_mask;        /* The mask's tp_src and tp_dst. */
    uint8_t ports_plen;         /* 0 if the ports trie is not used. */

    struct flow_wildcards mask; /* The mask. */
    unsigned int n_words;       /* Number of nonzero words of 'mask'. */
    uint8_t words[FLOW_U64S];   /* Their indices, increasing. */
    uint64_t masks[FLOW_U64S];  /* Their values. */
};

/* The number of rules of one priority in a subtable. */
struct cls_priority_count {
    int priority;               /* The priority. */
    int count;                  /* Number of rules with it. */
};

/* The subtables in decreasing order of 'max_priority', as lookups see
 * them. */
struct cls_subtable_vec {
    size_t n;                   /* Number of entries. */
    struct cls_subtable_entry {
        int priority;           /* The subtable's max_priority. */
        unsigned int serial;    /* The subtable's serial number. */
        struct cls_subtable *subtable; /* The subtable. */
    } entries[];
};

/* A node of a prefix trie: 'n_bits' bits of prefix (left-aligned in
 * 'prefix'), following the bits of the nodes above it. */
struct trie_node {
    uint32_t prefix;            /* Bits, most significant first. */
    uint8_t n_bits;             /* Number of bits, 0 only for the root. */
    unsigned int n_rules;       /* Atomic: rules whose prefix ends here. */
    struct trie_node *edges[2]; /* RCU: children by next bit. */
};

/* Returns true if 'match' is visible in 'version'. */
static inline bool
cls_match_visible_in_version(const struct cls_match *match,
                             ovs_version_t version)
{
    return (match->add_version <= version
            && version < __atomic_load_n(&match->remove_version,
                                         __ATOMIC_ACQUIRE));
}

#endif /* classifier-private.h */
