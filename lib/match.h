/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef MATCH_H
#define MATCH_H 1

/* struct match: a flow plus the wildcards that say which of its bits
 * matter.  An OpenFlow match, a megaflow, or the subset of fields a
 * command line names.
 *
 * Invariant kept by the setters: bits of 'flow' whose mask bit is 0 are
 * 0, so that two matches for the same packets are bitwise equal.
 *
 * Text: match_format() prints, and match_parse() reads, Open vSwitch's
 * OpenFlow match syntax ("tcp,in_port=1,nw_src=10.0.0.0/8,tp_dst=80")
 * exactly as ovs-ofctl does. */

#include <stdbool.h>
#include <stdint.h>
#include "flow.h"
#include "openvswitch/types.h"

struct ds;
struct ofputil_port_map;

/* The priority of a flow that does not say ("priority=" is not printed
 * for it). */
#ifndef OFP_DEFAULT_PRIORITY
#define OFP_DEFAULT_PRIORITY 0x8000
#endif

struct match {
    struct flow flow;               /* Values; 0 where wildcarded. */
    struct flow_wildcards wc;       /* 1-bits: bits of 'flow' that must
                                     * match. */
};

/* A match that matches every packet. */
#define MATCH_CATCHALL_INITIALIZER { .flow = { .dl_type = 0 } }

void match_init(struct match *, const struct flow *,
                const struct flow_wildcards *);
void match_wc_init(struct match *, const struct flow *);
void match_init_catchall(struct match *);
void match_init_exact(struct match *, const struct flow *);
void match_zero_wildcarded_fields(struct match *);

bool match_equal(const struct match *, const struct match *);
uint32_t match_hash(const struct match *, uint32_t basis);
bool match_matches_flow(const struct match *, const struct flow *);

/* Metadata. */
void match_set_reg(struct match *, unsigned int reg_idx, uint32_t value);
void match_set_reg_masked(struct match *, unsigned int reg_idx,
                          uint32_t value, uint32_t mask);
void match_set_metadata(struct match *, ovs_be64 metadata);
void match_set_metadata_masked(struct match *, ovs_be64 metadata,
                               ovs_be64 mask);
void match_set_tun_id(struct match *, ovs_be64 tun_id);
void match_set_tun_id_masked(struct match *, ovs_be64 tun_id,
                             ovs_be64 mask);
void match_set_tun_src(struct match *, ovs_be32 src);
void match_set_tun_src_masked(struct match *, ovs_be32 src, ovs_be32 mask);
void match_set_tun_dst(struct match *, ovs_be32 dst);
void match_set_tun_dst_masked(struct match *, ovs_be32 dst, ovs_be32 mask);
void match_set_in_port(struct match *, ofp_port_t);
void match_set_skb_priority(struct match *, uint32_t);
void match_set_pkt_mark(struct match *, uint32_t pkt_mark);
void match_set_pkt_mark_masked(struct match *, uint32_t pkt_mark,
                               uint32_t mask);
void match_set_recirc_id(struct match *, uint32_t value);
void match_set_dp_hash(struct match *, uint32_t value);
void match_set_dp_hash_masked(struct match *, uint32_t value, uint32_t mask);
void match_set_conj_id(struct match *, uint32_t value);
void match_set_ct_state(struct match *, uint32_t ct_state);
void match_set_ct_state_masked(struct match *, uint32_t ct_state,
                               uint32_t mask);
void match_set_ct_zone(struct match *, uint16_t ct_zone);
void match_set_ct_mark(struct match *, uint32_t ct_mark);
void match_set_ct_mark_masked(struct match *, uint32_t ct_mark,
                              uint32_t mask);

/* L2. */
void match_set_dl_type(struct match *, ovs_be16);
void match_set_dl_src(struct match *, const struct eth_addr);
void match_set_dl_src_masked(struct match *, const struct eth_addr dl_src,
                             const struct eth_addr mask);
void match_set_dl_dst(struct match *, const struct eth_addr);
void match_set_dl_dst_masked(struct match *, const struct eth_addr dl_dst,
                             const struct eth_addr mask);
void match_set_dl_tci(struct match *, ovs_be16 tci);
void match_set_dl_tci_masked(struct match *, ovs_be16 tci, ovs_be16 mask);
void match_set_vlan_tci(struct match *, int id, ovs_be16 tci);
void match_set_vlan_tci_masked(struct match *, int id, ovs_be16 tci,
                               ovs_be16 mask);
void match_set_any_vid(struct match *);
void match_set_dl_vlan(struct match *, ovs_be16, int id);
void match_set_vlan_vid(struct match *, ovs_be16);
void match_set_vlan_vid_masked(struct match *, ovs_be16 vid, ovs_be16 mask);
void match_set_any_pcp(struct match *);
void match_set_dl_vlan_pcp(struct match *, uint8_t, int id);

/* MPLS. */
void match_set_mpls_lse(struct match *, int idx, ovs_be32 lse);
void match_set_mpls_label(struct match *, int idx, ovs_be32 label);
void match_set_mpls_tc(struct match *, int idx, uint8_t tc);
void match_set_mpls_bos(struct match *, int idx, uint8_t bos);
void match_set_mpls_ttl(struct match *, int idx, uint8_t ttl);

/* L3. */
void match_set_nw_src(struct match *, ovs_be32);
void match_set_nw_src_masked(struct match *, ovs_be32 ip, ovs_be32 mask);
void match_set_nw_dst(struct match *, ovs_be32);
void match_set_nw_dst_masked(struct match *, ovs_be32 ip, ovs_be32 mask);
void match_set_nw_proto(struct match *, uint8_t);
void match_set_nw_dscp(struct match *, uint8_t);
void match_set_nw_ecn(struct match *, uint8_t);
void match_set_nw_ttl(struct match *, uint8_t);
void match_set_nw_tos_masked(struct match *, uint8_t tos, uint8_t mask);
void match_set_nw_frag(struct match *, uint8_t nw_frag);
void match_set_nw_frag_masked(struct match *, uint8_t nw_frag,
                              uint8_t mask);
void match_set_ipv6_src(struct match *, const struct in6_addr *);
void match_set_ipv6_src_masked(struct match *, const struct in6_addr *,
                               const struct in6_addr *);
void match_set_ipv6_dst(struct match *, const struct in6_addr *);
void match_set_ipv6_dst_masked(struct match *, const struct in6_addr *,
                               const struct in6_addr *);
void match_set_ipv6_label(struct match *, ovs_be32);
void match_set_ipv6_label_masked(struct match *, ovs_be32, ovs_be32);
void match_set_arp_opcode_masked(struct match *, uint8_t opcode,
                                 uint8_t mask);
void match_set_arp_sha(struct match *, const struct eth_addr);
void match_set_arp_sha_masked(struct match *, const struct eth_addr,
                              const struct eth_addr mask);
void match_set_arp_tha(struct match *, const struct eth_addr);
void match_set_arp_tha_masked(struct match *, const struct eth_addr,
                              const struct eth_addr mask);
void match_set_nd_target(struct match *, const struct in6_addr *);
void match_set_nd_target_masked(struct match *, const struct in6_addr *,
                                const struct in6_addr *);

/* L4. */
void match_set_tp_src(struct match *, ovs_be16);
void match_set_tp_src_masked(struct match *, ovs_be16 port, ovs_be16 mask);
void match_set_tp_dst(struct match *, ovs_be16);
void match_set_tp_dst_masked(struct match *, ovs_be16 port, ovs_be16 mask);
void match_set_tcp_flags(struct match *, ovs_be16);
void match_set_tcp_flags_masked(struct match *, ovs_be16 flags,
                                ovs_be16 mask);
void match_set_icmp_type(struct match *, uint8_t);
void match_set_icmp_code(struct match *, uint8_t);

/* Text.  'port_map' is reserved for port names and must be NULL for
 * now. */
void match_format(const struct match *, const struct ofputil_port_map *,
                  struct ds *, int priority);
char *match_to_string(const struct match *, const struct ofputil_port_map *,
                      int priority);
void match_print(const struct match *, const struct ofputil_port_map *);

/* Parses 's', a list of "field=value" and shorthand ("tcp") items
 * separated by commas or white space, into 'match' (initialized here).
 * Stores the value of a "priority=" item in '*priority' if 'priority' is
 * nonnull (OFP_DEFAULT_PRIORITY if none).  Returns NULL if successful,
 * otherwise a malloc()ed error message. */
char *match_parse(const char *s, const struct ofputil_port_map *,
                  struct match *, int *priority) OVS_WARN_UNUSED_RESULT;

/* Parses 's' into the exact flow '*flow' (fields not named are 0) and, if
 * 'wc' is nonnull, the fields named into '*wc'.  As upstream's
 * parse_ofp_exact_flow() (ofproto/trace BRIDGE FLOW): field names follow
 * the OXM/NXM definitions ("tp_src" is TCP's, "icmp_type" ICMPv4's), each
 * field's prerequisites must be met by the items before it, and masks are
 * errors.  Error messages are upstream's, 's' first ("tcp,tp_src=x: bad
 * value for tp_src (x: bad syntax for tcp_src value)"); ofproto/trace
 * prints them after "Bad openflow flow syntax: ".  'tun_table' and
 * 'port_map' are reserved and must be NULL.  Returns NULL or a malloc()ed
 * error message. */
char *parse_ofp_exact_flow(struct flow *, struct flow_wildcards *,
                           const void *tun_table, const char *s,
                           const struct ofputil_port_map *)
    OVS_WARN_UNUSED_RESULT;

#endif /* match.h */
