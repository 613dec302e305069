/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef ODP_UTIL_H
#define ODP_UTIL_H 1

/* The datapath's flow language ("ODP"): flow keys, masks and actions as
 * nested netlink attributes in the numbering of <linux/openvswitch.h>
 * (OVS_KEY_ATTR_*, OVS_ACTION_ATTR_*), converted to and from struct flow /
 * struct flow_wildcards and to and from the text syntax that ovs-dpctl,
 * ovs-appctl dpctl/... and netdev-dummy/receive use, e.g.
 *
 *   in_port(1),eth(src=e0:91:f5:21:d0:b2,dst=00:02:e3:0f:80:a4),
 *   eth_type(0x0800),ipv4(src=10.0.0.0/255.0.0.0,proto=17,frag=no),
 *   udp(src=49163,dst=80)
 *
 * and actions such as "set(ipv4(src=1.2.3.4,...)),push_vlan(vid=10,pcp=0),
 * 2".  The text is byte-identical to Open vSwitch's. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "openvswitch/hmap.h"
#include "openvswitch/types.h"
#include <linux/openvswitch.h>

struct ds;
struct nlattr;
struct ofpbuf;
struct simap;

/* How well a datapath key fits what userspace understands.  Ordered from
 * best to worst. */
enum odp_key_fitness {
    ODP_FIT_PERFECT,            /* The key had exactly the fields expected. */
    ODP_FIT_TOO_MUCH,           /* The key had fields we do not know. */
    ODP_FIT_TOO_LITTLE,         /* The key lacked fields we expected. */
    ODP_FIT_ERROR,              /* The key was malformed. */
};
const char *odp_key_fitness_to_string(enum odp_key_fitness);

/* What a datapath supports, which affects the keys we build. */
struct odp_support {
    size_t max_vlan_headers;    /* VLAN tags to encode as nested keys, at
                                 * most FLOW_MAX_VLAN_HEADERS; 0 means
                                 * FLOW_MAX_VLAN_HEADERS. */
    bool recirc;                /* Emit OVS_KEY_ATTR_RECIRC_ID/DP_HASH. */
    bool ct_state;              /* Emit conntrack keys (state, zone, mark,
                                 * labels). */
    bool packet_type;           /* Emit OVS_KEY_ATTR_PACKET_TYPE (the
                                 * userspace datapath does). */
};

/* Parameters of odp_flow_key_from_flow() and odp_flow_key_from_mask(). */
struct odp_flow_key_parms {
    const struct flow *flow;    /* The flow to encode. */
    const struct flow *mask;    /* Required for from_mask: the mask, with
                                 * 'flow' telling which attributes apply.
                                 * Optional for from_flow (pass the same
                                 * mask for a megaflow's key): with a mask,
                                 * optional attributes that are zero and
                                 * wildcarded (tcp_flags) are left out of
                                 * both key and mask. */
    struct odp_support support; /* Datapath capabilities. */
};

/* Keys and masks. */
void odp_flow_key_from_flow(const struct odp_flow_key_parms *,
                            struct ofpbuf *key);
void odp_flow_key_from_mask(const struct odp_flow_key_parms *,
                            struct ofpbuf *mask);
enum odp_key_fitness odp_flow_key_to_flow(const struct nlattr *key,
                                          size_t key_len, struct flow *,
                                          char **errorp);
enum odp_key_fitness odp_flow_key_to_mask(const struct nlattr *mask_key,
                                          size_t mask_key_len,
                                          struct flow_wildcards *mask,
                                          const struct flow *flow,
                                          char **errorp);
void odp_flow_key_hash(const void *key, size_t key_len, ovs_u128 *hash);

/* The expected payload size of key attribute 'type', -1 if variable
 * (nested), -2 if unknown. */
int odp_key_attr_len(uint16_t type);
const char *ovs_key_attr_to_string(uint16_t type, char *buf, size_t bufsize);

/* Text. */
void odp_flow_format(const struct nlattr *key, size_t key_len,
                     const struct nlattr *mask, size_t mask_len,
                     const struct hmap *portno_names, struct ds *,
                     bool verbose);
void odp_flow_key_format(const struct nlattr *key, size_t key_len,
                         struct ds *);
int odp_flow_from_string(const char *s, const struct simap *port_names,
                         struct ofpbuf *key, struct ofpbuf *mask,
                         char **errorp);

void format_odp_actions(struct ds *, const struct nlattr *actions,
                        size_t actions_len, const struct hmap *portno_names);
int odp_actions_from_string(const char *, const struct simap *port_names,
                            struct ofpbuf *odp_actions);
int odp_actions_from_string__(const char *, const struct simap *port_names,
                              struct ofpbuf *odp_actions, char **errorp);

/* Port names for formatting: a map from datapath port number to name,
 * filled by odp_portno_names_set() (which takes a copy of 'port_name'),
 * emptied by odp_portno_names_destroy(). */
void odp_portno_names_set(struct hmap *portno_names, odp_port_t port_no,
                          const char *port_name);
const char *odp_portno_names_get(const struct hmap *portno_names,
                                 odp_port_t port_no);
void odp_portno_names_destroy(struct hmap *portno_names);

/* The userdata of the userspace datapath actions (the cookie that comes
 * back with the upcall).  format_odp_actions() prints a cookie of this
 * size and a known type the way Open vSwitch does, e.g.
 * "userspace(pid=0,controller(reason=1,dont_send=0,...))",
 * "userspace(pid=0,sFlow(vid=0,pcp=0,output=2))" or
 * "userspace(pid=0,slow_path(lacp))", and odp_actions_from_string() parses
 * that text back into one.  Translation emits controller cookies. */
enum user_action_cookie_type {
    USER_ACTION_COOKIE_UNSPEC = 0,      /* Unknown. */
    USER_ACTION_COOKIE_SFLOW = 1,       /* Packet for sFlow sampling. */
    USER_ACTION_COOKIE_SLOW_PATH = 2,   /* Packet handled in userspace. */
    USER_ACTION_COOKIE_FLOW_SAMPLE = 3, /* Packet for per-flow IPFIX. */
    USER_ACTION_COOKIE_IPFIX = 4,       /* Packet for per-bridge IPFIX. */
    USER_ACTION_COOKIE_CONTROLLER = 5   /* Send a packet-in. */
};

/* The reasons of USER_ACTION_COOKIE_SLOW_PATH cookies, with the bits and
 * names ("slow_path(cfm,lacp)") of Open vSwitch's text. */
enum odp_slow_path_reason {
    ODP_SLOW_CFM = 1 << 0,      /* "cfm". */
    ODP_SLOW_BFD = 1 << 1,      /* "bfd". */
    ODP_SLOW_LACP = 1 << 2,     /* "lacp". */
    ODP_SLOW_STP = 1 << 3,      /* "stp". */
    ODP_SLOW_LLDP = 1 << 4,     /* "lldp". */
    ODP_SLOW_ACTION = 1 << 5,   /* "action". */
    ODP_SLOW_MATCH = 1 << 6,    /* "match". */
};

/* Directions of USER_ACTION_COOKIE_FLOW_SAMPLE cookies. */
enum odp_sample_direction {
    ODP_SAMPLE_DEFAULT = 0,     /* Neither. */
    ODP_SAMPLE_INGRESS = 1,     /* ",ingress". */
    ODP_SAMPLE_EGRESS = 2,      /* ",egress". */
};

struct user_action_cookie {
    uint16_t type;              /* USER_ACTION_COOKIE_*. */
    ofp_port_t ofp_in_port;     /* OpenFlow input port. */

    /* USER_ACTION_COOKIE_CONTROLLER. */
    uint8_t dont_send;          /* Nonzero: the packet-in must not be sent
                                 * (translation without side effects). */
    uint8_t continuation;       /* Nonzero: a paused pipeline to resume. */
    uint16_t reason;            /* enum ofp_packet_in_reason. */
    uint32_t recirc_id;         /* Id of the pipeline state at the action
                                 * (for continuations). */
    uint16_t controller_id;     /* Controller to send to (0: all). */
    uint16_t max_len;           /* Bytes of the packet to send. */
    ovs_be32 rule_cookie_hi;    /* Cookie of the rule, high 32 bits. */
    ovs_be32 rule_cookie_lo;    /* Cookie of the rule, low 32 bits. */

    /* The other types. */
    union {
        struct {
            ovs_be16 vlan_tci;  /* VLAN of the sampled packet. */
            uint32_t output;    /* sFlow output port encoding. */
        } sflow;                /* USER_ACTION_COOKIE_SFLOW. */
        uint32_t slow_path_reason; /* USER_ACTION_COOKIE_SLOW_PATH:
                                 * ODP_SLOW_* bits. */
        struct {
            uint16_t probability;       /* Out of 65535. */
            uint8_t direction;          /* enum odp_sample_direction. */
            uint32_t collector_set_id;  /* IPFIX collector set. */
            uint32_t obs_domain_id;     /* Observation domain. */
            uint32_t obs_point_id;      /* Observation point. */
            uint32_t output_port;       /* Datapath output port. */
        } flow_sample;          /* USER_ACTION_COOKIE_FLOW_SAMPLE. */
        uint32_t ipfix_output_port; /* USER_ACTION_COOKIE_IPFIX: datapath
                                 * output port. */
    } u;                        /* By 'type'. */
};

/* Building actions. */

/* Appends an OVS_ACTION_ATTR_USERSPACE action to 'odp_actions': the upcall
 * goes to netlink port 'pid' with the 'userdata_size' bytes at 'userdata'
 * (if nonnull) as cookie; 'tunnel_out_port' (if not ODPP_NONE) adds the
 * egress tunnel port; 'include_actions' asks for the flow's actions.
 * Returns the offset within 'odp_actions' of the cookie's payload, so that
 * the caller may fill it in later. */
size_t odp_put_userspace_action(uint32_t pid, const void *userdata,
                                size_t userdata_size,
                                odp_port_t tunnel_out_port,
                                bool include_actions,
                                struct ofpbuf *odp_actions);

/* Appends set(tunnel(...)) for 'tunnel' to 'odp_actions'. */
void odp_put_tunnel_action(const struct flow_tnl *tunnel,
                           struct ofpbuf *odp_actions);

/* Appends to 'odp_actions' the set/set_masked (and pop_vlan/push_vlan)
 * actions that turn a packet matching 'base' into one matching 'flow',
 * then updates 'base' to 'flow'.  Every field compared is marked in 'wc'
 * (if nonnull).  With 'use_masked', fields of one header that change only
 * in part use OVS_ACTION_ATTR_SET_MASKED; otherwise OVS_ACTION_ATTR_SET
 * with the whole header.  Metadata (skb_priority, pkt_mark) and the
 * tunnel are included. */
void commit_odp_actions(const struct flow *flow, struct flow *base,
                        struct ofpbuf *odp_actions,
                        struct flow_wildcards *wc, bool use_masked);

/* Only the tunnel part of commit_odp_actions(). */
void commit_odp_tunnel_action(const struct flow *flow, struct flow *base,
                              struct ofpbuf *odp_actions);

/* Only the VLAN part of commit_odp_actions(). */
void commit_odp_vlan_actions(const struct flow *flow, struct flow *base,
                             struct ofpbuf *odp_actions,
                             struct flow_wildcards *wc);

#endif /* odp-util.h */
