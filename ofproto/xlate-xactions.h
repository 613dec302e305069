/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_XLATE_XACTIONS_H
#define OFPROTO_XLATE_XACTIONS_H 1

/* Translation of the actions that need more than a few lines each: learn
 * (ofproto/xlate-learn.c), multipath, bundle and bundle_load, the register
 * stack, fin_timeout, output with truncation, queues and sample
 * (ofproto/xlate-xactions.c).  do_xlate_actions() in
 * ofproto-dpif-xlate.c dispatches to these functions; each one appends
 * its trace lines, datapath actions and examined fields to 'ctx' as
 * upstream's translation does. */

#include <stdbool.h>
#include <stdint.h>
#include "openvswitch/ofp-actions.h"
#include "openvswitch/types.h"

struct flow;
struct flow_wildcards;
struct rule;
struct xlate_ctx;

/* learn (xlate-learn.c).  With side effects allowed, adds (or refreshes)
 * the flow that 'learn' describes for the current flow, as upstream's
 * ofproto_flow_mod_learn() does: at once on the main thread, otherwise
 * queued for xlate_learn_run().  Without side effects, only reports
 * it. */
void xlate_learn_action(struct xlate_ctx *, const struct ofpact_learn *);

/* Executes the learned-flow changes queued by translation threads other
 * than the main thread, and the deletions of learned flows that
 * "delete_learned" calls for.  Main thread only (ofproto-dpif's
 * type_run()). */
void xlate_learn_run(void);

/* Arranges for poll_block() to wake up when xlate_learn_run() has work. */
void xlate_learn_wait(void);

/* Reduces the idle and hard timeouts of 'rule' to 'idle' and 'hard'
 * seconds (0 leaves one alone) where they are longer or unset, as the
 * fin_timeout action does on a TCP FIN or RST.  At once on the main
 * thread, otherwise queued for xlate_learn_run(). */
void xlate_rule_reduce_timeouts(struct rule *, uint16_t idle, uint16_t hard);

/* Tells the learn bookkeeping that 'rule' left its table, replaced by
 * 'new_rule' (NULL if deleted).  A learned flow replaced by the same
 * learning keeps counting toward its learn action's limit; a learning flow
 * with "delete_learned" removed takes its learned flows with it.  Called
 * by ofproto-dpif with ofproto_mutex held. */
void xlate_learn_rule_removed(struct rule *rule, struct rule *new_rule);

/* Other actions (xlate-xactions.c). */
void xlate_multipath_action(struct xlate_ctx *,
                            const struct ofpact_multipath *);
void xlate_bundle_action(struct xlate_ctx *, const struct ofpact_bundle *);
void xlate_stack_push(struct xlate_ctx *, const struct ofpact_stack *);
void xlate_stack_pop(struct xlate_ctx *, const struct ofpact_stack *);
void xlate_fin_timeout_action(struct xlate_ctx *,
                              const struct ofpact_fin_timeout *);
void xlate_output_trunc_action(struct xlate_ctx *, ofp_port_t port,
                               uint32_t max_len);
void xlate_set_queue_action(struct xlate_ctx *, uint32_t queue_id);
void xlate_pop_queue_action(struct xlate_ctx *);
void xlate_enqueue_action(struct xlate_ctx *, const struct ofpact_enqueue *);
void xlate_sample_action(struct xlate_ctx *, const struct ofpact_sample *);

/* Credits the statistics of the translation (xin's 'resubmit_stats'), if
 * any, to 'rule', which translation just reached by a table lookup. */
void xlate_credit_rule(struct xlate_ctx *, struct rule *);

/* Hashes and masks as upstream's flow_hash_fields() and
 * flow_mask_hash_fields() (used by multipath and bundle): the hash of the
 * 'fields' of 'flow' with 'basis', and the fields it depends on ORed into
 * 'wc'. */
uint32_t xlate_flow_hash_fields(const struct flow *, enum nx_hash_fields,
                                uint16_t basis);
void xlate_flow_mask_hash_fields(const struct flow *, struct flow_wildcards *,
                                 enum nx_hash_fields);

/* Returns the link that multipath algorithm 'algorithm' picks among
 * 'n_links' for 'hash' with argument 'arg', as upstream's
 * multipath_algorithm(). */
uint16_t xlate_multipath_algorithm(uint32_t hash, enum nx_mp_algorithm,
                                   unsigned int n_links, unsigned int arg);

#endif /* ofproto/xlate-xactions.h */
