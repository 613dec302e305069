/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_DPIF_FEATURES_H
#define OFPROTO_DPIF_FEATURES_H 1

/* What a datapath can do, probed once when ofproto-dpif opens it, and
 * shown by "ovs-appctl dpif/show-dp-features BRIDGE" in upstream's format
 * (one "Name: Yes/No" or "Name: N" line per feature, in upstream's order).
 *
 * Actions are probed by executing them on a throwaway packet, and keys by
 * installing (then deleting) a flow that matches on them, both marked as
 * probes so that neither side logs the refusals.  A userspace datapath
 * runs whatever actions it knows and skips the others without an error,
 * so for those the actions that lib/odp-execute.c implements count. */

#include <stdbool.h>

struct dpif;
struct ds;

/* The probed capabilities of one datapath. */
struct dpif_features {
    bool masked_set;            /* OVS_ACTION_ATTR_SET_MASKED. */
    bool tnl_push_pop;          /* Userspace tunnel push/pop actions. */
    bool ufid;                  /* Flows identified by UFID. */
    bool trunc;                 /* OVS_ACTION_ATTR_TRUNC. */
    bool clone;                 /* OVS_ACTION_ATTR_CLONE. */
    int sample_nesting;         /* Nesting level of sample actions. */
    bool ct_eventmask;          /* OVS_CT_ATTR_EVENTMASK in ct(). */
    bool ct_clear;              /* OVS_ACTION_ATTR_CT_CLEAR. */
    int max_hash_alg;           /* Highest OVS_HASH_ALG_* of hash(). */
    bool check_pkt_len;         /* OVS_ACTION_ATTR_CHECK_PKT_LEN. */
    bool ct_timeout;            /* OVS_CT_ATTR_TIMEOUT in ct(). */
    bool explicit_drop;         /* The explicit drop action. */
    bool lb_output;             /* Userspace lb_output (balance-tcp). */
    bool ct_zero_snat;          /* Conntrack SNAT to all-zero addresses. */
    bool add_mpls;              /* OVS_ACTION_ATTR_ADD_MPLS. */
    int max_vlan_headers;       /* VLAN tags a key may hold. */
    int max_mpls_depth;         /* MPLS labels a key may hold. */
    bool recirc;                /* OVS_KEY_ATTR_RECIRC_ID in keys. */
    bool ct_state;              /* OVS_KEY_ATTR_CT_STATE in keys. */
    bool ct_zone;               /* OVS_KEY_ATTR_CT_ZONE in keys. */
    bool ct_mark;               /* OVS_KEY_ATTR_CT_MARK in keys. */
    bool ct_label;              /* OVS_KEY_ATTR_CT_LABELS in keys. */
    bool ct_state_nat;          /* NAT bits of ct_state in keys. */
    bool ct_orig_tuple;         /* OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4. */
    bool ct_orig_tuple6;        /* OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6. */
    bool nd_ext;                /* OVS_KEY_ATTR_ND_EXTENSIONS in keys. */
};

void dpif_features_probe(struct dpif *, bool sym_l4_hash,
                         struct dpif_features *);

/* Has 'dpif' execute 'actions' on 'packet' as if it came from the
 * datapath's local port, as a probe (a failure is not logged), then frees
 * 'packet'.  Returns 0 or the datapath's error. */
struct dp_packet;
struct ofpbuf;
int dpif_probe_execute(struct dpif *, struct dp_packet *,
                       const struct ofpbuf *actions);
void dpif_features_format(const struct dpif_features *, struct ds *);
void dpif_features_unixctl_init(void);

#endif /* ofproto-dpif-features.h */
