/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OFPROTO_DPIF_XLATE_PRIVATE_H
#define OFPROTO_DPIF_XLATE_PRIVATE_H 1

/* Translation's internals, shared by the files that translate particular
 * actions (groups, learn, multipath, bundle, meters...) so that
 * ofproto-dpif-xlate.c does not have to hold every action itself. */

#include <endian.h>
#include "byte-order.h"
#include "ofproto-dpif-xlate.h"
#include "openvswitch/compiler.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-actions.h"
#include "ofpbuf.h"
#include "ofproto-provider.h"
#include "flow.h"
#include "versions.h"

struct mac_learning;

/* Number of unsigned longs in a bitmap of 4096 VLANs. */
#define VLAN_BITMAP_LONGS (4096 / (8 * sizeof(unsigned long)))

/* Translation's copy of a bridge. */
struct xbridge {
    struct hmap_node hmap_node;   /* In xlate_cfg's 'xbridges'. */
    struct ofproto_dpif *ofproto; /* Key: the bridge in ofproto-dpif. */
    char *name;                   /* Bridge name, e.g. "br0". */
    struct dpif *dpif;            /* Its datapath. */
    struct mac_learning *ml;      /* MAC learning table (a reference). */
    bool forward_bpdu;            /* Forward reserved multicast frames? */
    struct ovs_list xbundles;     /* "struct xbundle"s in creation
                                   * order. */
    struct hmap xports;           /* "struct xport"s by 'ofp_port'. */
};

/* Translation's copy of a bundle. */
struct xbundle {
    struct hmap_node hmap_node;   /* In xlate_cfg's 'xbundles'. */
    struct ovs_list list_node;    /* In xbridge's 'xbundles'. */
    struct ofbundle *ofbundle;    /* Key: the bundle in ofproto-dpif. */
    struct xbridge *xbridge;      /* The bridge it belongs to. */
    char *name;                   /* Name, for traces and logs. */
    enum port_vlan_mode vlan_mode; /* 802.1Q mode. */
    int vlan;                     /* Access/native VLAN, -1 if none. */
    unsigned long *trunks;        /* Trunked VLANs (owned), NULL for
                                   * all. */
    enum port_priority_tags_mode use_priority_tags; /* Priority-tag
                                   * frames that leave untagged? */
    bool floodable;               /* May flooded packets leave here? */
    bool protected;               /* Protected port mode. */
    struct ovs_list xports;       /* "struct xport"s by 'bundle_node'. */
};

/* Translation's copy of an OpenFlow port. */
struct xport {
    struct hmap_node hmap_node;   /* In xlate_cfg's 'xports'. */
    struct hmap_node ofp_node;    /* In xbridge's 'xports'. */
    struct hmap_node odp_node;    /* In xlate_cfg's 'xports_by_odp'. */
    struct ovs_list bundle_node;  /* In xbundle's 'xports' (if any). */
    struct ofport_dpif *ofport;   /* Key: the port in ofproto-dpif. */
    struct xbridge *xbridge;      /* Its bridge. */
    struct xbundle *xbundle;      /* Its bundle, or NULL. */
    struct ofbundle *ofbundle;    /* Key of 'xbundle' (kept even if the
                                   * bundle does not exist yet). */
    ofp_port_t ofp_port;          /* OpenFlow port number. */
    odp_port_t odp_port;          /* Datapath port number. */
    char *name;                   /* Device name. */
    uint32_t config;              /* XLATE_PC_* bits. */
    uint32_t state;               /* XLATE_PS_* bits. */
    bool may_enable;              /* Usable for forwarding? */
};

/* One version of the whole translation configuration. */
struct xlate_cfg {
    struct hmap xbridges;         /* By hash_pointer(ofproto). */
    struct hmap xbundles;         /* By hash_pointer(ofbundle). */
    struct hmap xports;           /* By hash_pointer(ofport). */
    struct hmap xports_by_odp;    /* By hash of (dpif, odp_port). */
};

/* The value of the actset_output field when the action set has no
 * output. */
#ifndef OFPP_UNSET
#define OFPP_UNSET ((ofp_port_t) 0xfff7)
#endif

/* Limits on table lookups (resubmit, goto_table) in one translation: the
 * nesting depth and the total number, as upstream. */
#define XLATE_MAX_DEPTH 64
#define XLATE_MAX_RESUBMITS 4096

/* State of one translation. */
struct xlate_ctx {
    struct xlate_in *xin;         /* The input. */
    struct xlate_out *xout;       /* The output. */
    const struct xbridge *xbridge; /* The bridge. */
    struct flow flow;             /* Current flow, as actions change it. */
    struct flow base_flow;        /* The packet as the datapath has it
                                   * after the actions emitted so far. */
    struct flow_wildcards *wc;    /* Examined fields. */
    struct ofpbuf *odp_actions;   /* Output actions. */
    struct ds *trace;             /* Trace output, or NULL. */

    /* The pipeline. */
    ovs_version_t tables_version; /* Version of the tables to look up. */
    uint8_t table_id;             /* Table of the rule being translated. */
    struct rule *rule;            /* Rule being translated, or NULL. */
    int depth;                    /* Nesting of table lookups. */
    int resubmits;                /* Table lookups so far. */
    bool exit;                    /* Stop translating actions? */
    enum xlate_error error;       /* Error that stopped translation. */
    struct ofpbuf action_set;     /* The action set (write_actions), in
                                   * execution order. */
    const struct ofpact *action;  /* Action being translated. */
    struct ofpbuf stack;          /* Register stack (push/pop): "union
                                   * mf_subvalue"s (xlate-xactions.c). */
    bool in_action_set;           /* Executing the action set? */
    ovs_be64 rule_cookie;         /* Cookie of the rule being translated
                                   * (or that an unroll_xlate restored). */
    int indent;                   /* Trace: indentation of the current
                                   * table's action lines. */

    /* Freezing (xlate-freeze.c): translation stops and each nesting level
     * appends what it has left to 'frozen_actions'. */
    bool freezing;                /* Freezing in progress? */
    struct ofpbuf frozen_actions; /* Actions to resume, innermost first. */
    bool frozen_in_action_set;    /* Froze while executing the action
                                   * set? */
    const struct ofpact_controller *freeze_pause; /* controller(pause)
                                   * that froze, or NULL for a select
                                   * group. */
    uint32_t freeze_basis;        /* Select group: basis of the hash. */
    uint8_t freeze_table_id;      /* Table of the outermost rule. */
    ovs_be64 freeze_cookie;       /* Cookie of the outermost rule. */
    bool unroll_valid;            /* 'unroll_*' hold the last unroll_xlate
                                   * put in 'frozen_actions'? */
    uint8_t unroll_table_id;      /* Its table. */
    ovs_be64 unroll_cookie;       /* Its cookie. */
};

/* Functions of ofproto-dpif-xlate.c that action translators call. */
struct xport *xport_lookup_by_ofp(const struct xbridge *, ofp_port_t);
void xlate_report(struct xlate_ctx *, int indent, const char *format, ...)
    OVS_PRINTF_FORMAT(3, 4);
void xlate_report_drop(struct xlate_ctx *, const char *format, ...)
    OVS_PRINTF_FORMAT(2, 3);
void xlate_report_learn_error(const char *bridge, const struct flow *,
                              enum ofperr);
void commit_changes(struct xlate_ctx *);
void compose_output(struct xlate_ctx *, const struct xport *);
void xlate_output(struct xlate_ctx *, ofp_port_t port, uint16_t max_len);
void xlate_table_action(struct xlate_ctx *, ofp_port_t in_port,
                        uint8_t table_id, bool tail);
void do_xlate_actions(const struct ofpact *ofpacts, size_t ofpacts_len,
                      struct xlate_ctx *, bool is_rule_actions);
void flood_packets(struct xlate_ctx *, bool all);
void xlate_controller_action(struct xlate_ctx *, uint16_t max_len,
                             enum ofp_packet_in_reason reason,
                             uint16_t controller_id);
void xlate_controller_action__(struct xlate_ctx *, uint16_t max_len,
                               enum ofp_packet_in_reason reason,
                               uint16_t controller_id,
                               const uint8_t *userdata, size_t userdata_len,
                               uint32_t continuation_id);
void xlate_metadata_to_match(const struct flow *metadata,
                             ofp_port_t in_port, struct match *);

/* Returns a new recirculation id, unique in the process (any thread). */
uint32_t xlate_alloc_recirc_id(void);

/* Groups (xlate-group.c).  xlate_group_action() translates the group
 * action 'ctx->action' for group 'group_id' (a select group may freeze the
 * translation for after a recirculation).
 * xlate_group_action_set_written() applies, after a write_actions, the
 * rule that an action set with a group has no output.
 * xlate_unroll_action() translates OFPACT_UNROLL_XLATE. */
void xlate_group_action(struct xlate_ctx *, uint32_t group_id);
void xlate_group_action_set_written(struct xlate_ctx *);
void xlate_unroll_action(struct xlate_ctx *,
                         const struct ofpact_unroll_xlate *);

/* Freezing and thawing (xlate-freeze.c).  xlate_freeze_group() freezes
 * at the select group 'ctx->action' (the group runs again after the
 * datapath hashed the packet with 'basis' and recirculated it);
 * xlate_freeze_pause() freezes after 'controller' (with "pause").  While
 * 'ctx->freezing', each nesting level calls xlate_freeze_unroll() with the
 * actions it has left (from 'a' to 'end') and returns; at the top,
 * xlate_freeze_finish() keeps the state and emits the datapath actions.
 * xlate_thaw() resumes the translation of a flow whose 'recirc_id' is
 * nonzero; xlate_resume() resumes the continuation 'pin' of an NXT_RESUME.
 * xlate_frozen_states_remove() forgets the frozen states of a bridge that
 * goes away. */
void xlate_freeze_group(struct xlate_ctx *, uint32_t basis);
void xlate_freeze_pause(struct xlate_ctx *,
                        const struct ofpact_controller *controller);
void xlate_freeze_unroll(struct xlate_ctx *, const struct ofpact *a,
                         const struct ofpact *end);
void xlate_freeze_finish(struct xlate_ctx *);
void xlate_thaw(struct xlate_ctx *);
struct ofputil_packet_in_private;
void xlate_resume(struct xlate_ctx *,
                  const struct ofputil_packet_in_private *pin);
void xlate_frozen_states_remove(const struct ofproto_dpif *);

/* Returns the id of the state of 'ctx' at a plain controller action (with
 * 'userdata_len' bytes of 'userdata'), kept as a frozen state: the same
 * state gets the same id.  xlate_frozen_controller() copies what the state
 * with 'recirc_id' holds into '*metadata', '*table_id' and '*userdata'
 * (malloc()'d, left alone if it has none) and '*userdata_len', if it is
 * one, and returns whether it is. */
uint32_t xlate_freeze_controller(const struct xlate_ctx *,
                                 const uint8_t *userdata,
                                 size_t userdata_len);
bool xlate_frozen_controller(uint32_t recirc_id, struct flow *metadata,
                             uint8_t *table_id, uint8_t **userdata,
                             size_t *userdata_len);

#endif /* ofproto-dpif-xlate-private.h */
