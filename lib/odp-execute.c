/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "odp-execute.h"
#include <arpa/inet.h>
#include <linux/openvswitch.h>
#include <string.h>
#include "dp-packet.h"
#include "flow.h"
#include "netlink.h"
#include "packets.h"
#include "random.h"
#include "openvswitch/util.h"

/* Combines 'old' and 'new' under 'mask' byte by byte into 'out': the bits
 * set in 'mask' come from 'new', the others from 'old'.  'mask' NULL means
 * all of 'new'. */
static void
apply_mask(void *out_, const void *old_, const void *new_, const void *mask_,
           size_t n)
{
    uint8_t *out = out_;
    const uint8_t *old = old_, *new = new_, *mask = mask_;

    for (size_t i = 0; i < n; i++) {
        out[i] = mask ? (old[i] & ~mask[i]) | (new[i] & mask[i]) : new[i];
    }
}

/* Returns the IPv4 header of 'packet', or NULL if it has none. */
static struct ip_header *
packet_ipv4(const struct dp_packet *packet)
{
    struct ip_header *ip = dp_packet_l3(packet);

    return (ip && dp_packet_l3_size(packet) >= IP_HEADER_LEN
            && IP_VER(ip->ip_ihl_ver) == 4) ? ip : NULL;
}

/* Returns the IPv6 header of 'packet', or NULL if it has none. */
static struct ovs_16aligned_ip6_hdr *
packet_ipv6(const struct dp_packet *packet)
{
    struct ovs_16aligned_ip6_hdr *ip6 = dp_packet_l3(packet);

    return (ip6 && dp_packet_l3_size(packet) >= IPV6_HEADER_LEN
            && ip6->ip6_ctlun.ip6_un2_vfc >> 4 == 6) ? ip6 : NULL;
}

/* Returns the transport protocol of 'packet' if it has an L4 header of at
 * least 'size' bytes, otherwise -1. */
static int
packet_l4_proto(const struct dp_packet *packet, size_t size)
{
    const struct ip_header *ip;
    const struct ovs_16aligned_ip6_hdr *ip6;

    if (!dp_packet_l4(packet) || dp_packet_l4_size(packet) < size) {
        return -1;
    }
    ip = packet_ipv4(packet);
    if (ip) {
        return ip->ip_proto;
    }
    ip6 = packet_ipv6(packet);
    if (ip6) {
        /* The L4 offset was found past any extension headers; the type of
         * the last one is what the key's proto describes. */
        return -2;
    }
    return -1;
}

/* True if 'packet' has an L4 header of protocol 'proto' of at least 'size'
 * bytes (for IPv6, whatever protocol the L4 offset found). */
static bool
l4_proto_is(const struct dp_packet *packet, size_t size, int proto)
{
    int p = packet_l4_proto(packet, size);

    return p == proto || p == -2;
}

/* Executes a set ('mask' NULL) or set_masked action of key attribute 'a'
 * (whose payload for set_masked is value then mask) on 'packet'. */
static void
odp_set_key(struct dp_packet *packet, const struct nlattr *a, bool masked)
{
    uint16_t type = nl_attr_type(a);
    size_t size = nl_attr_get_size(a) / (masked ? 2 : 1);
    const uint8_t *value = nl_attr_get(a);
    const uint8_t *mask = masked ? value + size : NULL;
    struct pkt_metadata *md = &packet->md;

    switch (type) {
    case OVS_KEY_ATTR_PRIORITY:
        if (size == 4) {
            apply_mask(&md->skb_priority, &md->skb_priority, value, mask, 4);
        }
        break;
    case OVS_KEY_ATTR_SKB_MARK:
        if (size == 4) {
            apply_mask(&md->pkt_mark, &md->pkt_mark, value, mask, 4);
        }
        break;
    case OVS_KEY_ATTR_DP_HASH:
        if (size == 4) {
            apply_mask(&md->dp_hash, &md->dp_hash, value, mask, 4);
        }
        break;
    case OVS_KEY_ATTR_RECIRC_ID:
        if (size == 4) {
            apply_mask(&md->recirc_id, &md->recirc_id, value, mask, 4);
        }
        break;
    case OVS_KEY_ATTR_ETHERNET: {
        struct eth_header *eh = dp_packet_eth(packet);
        struct ovs_key_ethernet cur, new;

        if (!eh || dp_packet_size(packet) < ETH_HEADER_LEN
            || size != sizeof new) {
            break;
        }
        memcpy(cur.eth_src, eh->eth_src.ea, 6);
        memcpy(cur.eth_dst, eh->eth_dst.ea, 6);
        apply_mask(&new, &cur, value, mask, sizeof new);

        struct eth_addr src, dst;
        memcpy(src.ea, new.eth_src, 6);
        memcpy(dst.ea, new.eth_dst, 6);
        packet_set_eth_addr(packet, src, dst);
        break;
    }
    case OVS_KEY_ATTR_IPV4: {
        struct ip_header *ip = packet_ipv4(packet);
        struct ovs_key_ipv4 cur, new;

        if (!ip || size != sizeof new) {
            break;
        }
        memset(&cur, 0, sizeof cur);
        cur.ipv4_src = get_16aligned_be32(&ip->ip_src);
        cur.ipv4_dst = get_16aligned_be32(&ip->ip_dst);
        cur.ipv4_proto = ip->ip_proto;
        cur.ipv4_tos = ip->ip_tos;
        cur.ipv4_ttl = ip->ip_ttl;
        apply_mask(&new, &cur, value, mask, sizeof new);
        packet_set_ipv4(packet, new.ipv4_src, new.ipv4_dst, new.ipv4_tos,
                        new.ipv4_ttl);
        break;
    }
    case OVS_KEY_ATTR_IPV6: {
        struct ovs_16aligned_ip6_hdr *ip6 = packet_ipv6(packet);
        struct ovs_key_ipv6 cur, new;
        uint32_t vfc;

        if (!ip6 || size != sizeof new) {
            break;
        }
        memset(&cur, 0, sizeof cur);
        memcpy(cur.ipv6_src, &ip6->ip6_src, 16);
        memcpy(cur.ipv6_dst, &ip6->ip6_dst, 16);
        vfc = ntohl(get_16aligned_be32(&ip6->ip6_ctlun.ip6_un1.ip6_un1_flow));
        cur.ipv6_label = htonl(vfc & IPV6_LABEL_MASK);
        cur.ipv6_tclass = (vfc >> 20) & 0xff;
        cur.ipv6_hlimit = ip6->ip6_ctlun.ip6_un1.ip6_un1_hlim;
        apply_mask(&new, &cur, value, mask, sizeof new);

        struct in6_addr src, dst;
        memcpy(&src, new.ipv6_src, 16);
        memcpy(&dst, new.ipv6_dst, 16);
        packet_set_ipv6(packet, &src, &dst, new.ipv6_tclass,
                        new.ipv6_label, new.ipv6_hlimit);
        break;
    }
    case OVS_KEY_ATTR_TCP:
    case OVS_KEY_ATTR_UDP:
    case OVS_KEY_ATTR_SCTP: {
        int proto = (type == OVS_KEY_ATTR_TCP ? IPPROTO_TCP
                     : type == OVS_KEY_ATTR_UDP ? IPPROTO_UDP
                     : IPPROTO_SCTP);
        size_t hlen = (type == OVS_KEY_ATTR_TCP ? TCP_HEADER_LEN
                       : type == OVS_KEY_ATTR_UDP ? UDP_HEADER_LEN
                       : SCTP_HEADER_LEN);
        ovs_be16 *ports = dp_packet_l4(packet);
        ovs_be16 cur[2], new[2];

        if (size != sizeof new || !l4_proto_is(packet, hlen, proto)) {
            break;
        }
        memcpy(cur, ports, sizeof cur);
        apply_mask(new, cur, value, mask, sizeof new);
        if (type == OVS_KEY_ATTR_TCP) {
            packet_set_tcp_port(packet, new[0], new[1]);
        } else if (type == OVS_KEY_ATTR_UDP) {
            packet_set_udp_port(packet, new[0], new[1]);
        } else {
            packet_set_sctp_port(packet, new[0], new[1]);
        }
        break;
    }
    case OVS_KEY_ATTR_ICMP:
    case OVS_KEY_ATTR_ICMPV6: {
        uint8_t *hdr = dp_packet_l4(packet);
        uint8_t cur[2], new[2];
        int proto = type == OVS_KEY_ATTR_ICMP ? IPPROTO_ICMP : IPPROTO_ICMPV6;

        if (size != 2 || !l4_proto_is(packet, 4, proto)
            || (type == OVS_KEY_ATTR_ICMP) != (packet_ipv4(packet) != NULL)) {
            break;
        }
        memcpy(cur, hdr, 2);
        apply_mask(new, cur, value, mask, 2);
        packet_set_icmp(packet, new[0], new[1]);
        break;
    }
    case OVS_KEY_ATTR_ND: {
        const struct ovs_nd_msg *ns = dp_packet_l4(packet);
        struct ovs_key_nd cur, new;

        if (size != sizeof new || !packet_ipv6(packet)
            || !l4_proto_is(packet, ND_MSG_LEN, IPPROTO_ICMPV6)) {
            break;
        }
        /* The current link-layer options are only known to
         * packet_set_nd(); with a mask, unmasked options keep zero unless
         * set, so take them from the packet when present. */
        memset(&cur, 0, sizeof cur);
        memcpy(cur.nd_target, &ns->target, 16);
        {
            const uint8_t *opt = (const uint8_t *) (ns + 1);
            size_t left = dp_packet_l4_size(packet) - ND_MSG_LEN;

            while (left >= ND_LLA_OPT_LEN && opt[1]) {
                size_t len = opt[1] * 8;
                if (len > left) {
                    break;
                }
                if (opt[0] == 1 && len == ND_LLA_OPT_LEN) {
                    memcpy(cur.nd_sll, opt + 2, 6);
                } else if (opt[0] == 2 && len == ND_LLA_OPT_LEN) {
                    memcpy(cur.nd_tll, opt + 2, 6);
                }
                opt += len;
                left -= len;
            }
        }
        apply_mask(&new, &cur, value, mask, sizeof new);

        struct in6_addr target;
        struct eth_addr sll, tll;
        memcpy(&target, new.nd_target, 16);
        memcpy(sll.ea, new.nd_sll, 6);
        memcpy(tll.ea, new.nd_tll, 6);
        packet_set_nd(packet, &target, sll, tll);
        break;
    }
    case OVS_KEY_ATTR_ARP: {
        struct arp_eth_header *arp = dp_packet_l3(packet);
        struct ovs_key_arp cur, new;

        if (size != sizeof new || !arp
            || dp_packet_l3_size(packet) < ARP_ETH_HEADER_LEN) {
            break;
        }
        memset(&cur, 0, sizeof cur);
        cur.arp_sip = get_16aligned_be32(&arp->ar_spa);
        cur.arp_tip = get_16aligned_be32(&arp->ar_tpa);
        cur.arp_op = arp->ar_op;
        memcpy(cur.arp_sha, arp->ar_sha.ea, 6);
        memcpy(cur.arp_tha, arp->ar_tha.ea, 6);
        apply_mask(&new, &cur, value, mask, sizeof new);

        struct eth_addr sha, tha;
        memcpy(sha.ea, new.arp_sha, 6);
        memcpy(tha.ea, new.arp_tha, 6);
        packet_set_arp(packet, ntohs(new.arp_op), new.arp_sip, new.arp_tip,
                       sha, tha);
        break;
    }
    default:
        /* Tunnel metadata and anything else: not carried by struct
         * pkt_metadata, nothing to do on the packet. */
        break;
    }
}

/* Sets the bytes that the next output cuts from 'packet' so that at most
 * 'max_len' bytes remain. */
static void
set_cutlen(struct dp_packet *packet, uint32_t max_len)
{
    uint32_t size = dp_packet_size(packet);
    uint32_t cut = size > max_len ? size - max_len : 0;

    if (cut > packet->cutlen) {
        packet->cutlen = cut;
    }
}

/* True if action 'type' is for the datapath's callback. */
static bool
requires_datapath_assistance(uint16_t type)
{
    switch (type) {
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED:
    case OVS_ACTION_ATTR_PUSH_VLAN:
    case OVS_ACTION_ATTR_POP_VLAN:
    case OVS_ACTION_ATTR_SAMPLE:
    case OVS_ACTION_ATTR_HASH:
    case OVS_ACTION_ATTR_TRUNC:
    case OVS_ACTION_ATTR_CLONE:
    case OVS_ACTION_ATTR_CT_CLEAR:
        return false;
    default:
        return true;
    }
}

/* Runs 'actions' on copies of the packets of 'batch' (or on the packets
 * themselves if 'last' and 'steal'). */
static void
execute_on_copy(void *dp, struct dp_packet_batch *batch, bool steal,
                bool last, const struct nlattr *actions, size_t actions_len,
                odp_execute_cb cb)
{
    if (last && steal) {
        odp_execute_actions(dp, batch, true, actions, actions_len, cb);
        dp_packet_batch_init(batch);
    } else {
        struct dp_packet_batch copy;

        dp_packet_batch_clone(&copy, batch);
        odp_execute_actions(dp, &copy, true, actions, actions_len, cb);
    }
}

/* Runs sample action 'action': each packet is picked with the action's
 * probability and a copy of it (the packet itself if this is the 'last'
 * action and we 'steal') goes through the nested actions. */
static void
execute_sample(void *dp, struct dp_packet_batch *batch, bool steal,
               bool last, const struct nlattr *action, odp_execute_cb cb)
{
    const struct nlattr *prob_a
        = nl_attr_find_nested(action, OVS_SAMPLE_ATTR_PROBABILITY);
    const struct nlattr *acts
        = nl_attr_find_nested(action, OVS_SAMPLE_ATTR_ACTIONS);
    uint32_t prob = prob_a && nl_attr_get_size(prob_a) == 4
                    ? nl_attr_get_u32(prob_a) : 0;
    struct dp_packet_batch chosen, rest;
    struct dp_packet *packet;

    if (!acts) {
        return;
    }
    dp_packet_batch_init(&chosen);
    dp_packet_batch_init(&rest);
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        bool take = prob == UINT32_MAX || (prob && random_uint32() <= prob);

        if (!take) {
            if (last && steal) {
                dp_packet_delete(packet);
            } else {
                dp_packet_batch_add(&rest, packet);
            }
        } else if (last && steal) {
            dp_packet_batch_add(&chosen, packet);
        } else {
            dp_packet_batch_add(&chosen, dp_packet_clone(packet));
            dp_packet_batch_add(&rest, packet);
        }
    }
    if (!dp_packet_batch_is_empty(&chosen)) {
        odp_execute_actions(dp, &chosen, true, nl_attr_get(acts),
                            nl_attr_get_size(acts), cb);
    }
    *batch = rest;
}

/* See odp-execute.h. */
void
odp_execute_actions(void *dp, struct dp_packet_batch *batch, bool steal,
                    const struct nlattr *actions, size_t actions_len,
                    odp_execute_cb dp_execute_action)
{
    const struct nlattr *a;
    size_t left;

    NL_ATTR_FOR_EACH (a, left, actions, actions_len) {
        uint16_t type = nl_attr_type(a);
        bool last = left <= NLA_ALIGN(a->nla_len);
        struct dp_packet *packet;

        if (requires_datapath_assistance(type)) {
            if (dp_execute_action) {
                bool should_steal = steal && last;

                dp_execute_action(dp, batch, a, should_steal);
                if (should_steal) {
                    /* The callback owns the packets now. */
                    dp_packet_batch_init(batch);
                    return;
                }
                if (dp_packet_batch_is_empty(batch)) {
                    return;
                }
            }
            continue;
        }

        switch (type) {
        case OVS_ACTION_ATTR_SET: {
            const struct nlattr *key = nl_attr_get(a);

            if (nl_attr_get_size(a) >= NLA_HDRLEN
                && nl_attr_is_valid(key, nl_attr_get_size(a))) {
                DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                    odp_set_key(packet, key, false);
                }
            }
            break;
        }
        case OVS_ACTION_ATTR_SET_MASKED: {
            const struct nlattr *key = nl_attr_get(a);

            if (nl_attr_get_size(a) >= NLA_HDRLEN
                && nl_attr_is_valid(key, nl_attr_get_size(a))) {
                DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                    odp_set_key(packet, key, true);
                }
            }
            break;
        }
        case OVS_ACTION_ATTR_PUSH_VLAN:
            if (nl_attr_get_size(a) == sizeof (struct ovs_action_push_vlan)) {
                const struct ovs_action_push_vlan *pv = nl_attr_get(a);

                DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                    eth_push_vlan(packet, pv->vlan_tpid, pv->vlan_tci);
                }
            }
            break;
        case OVS_ACTION_ATTR_POP_VLAN:
            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                eth_pop_vlan(packet);
            }
            break;
        case OVS_ACTION_ATTR_HASH:
            if (nl_attr_get_size(a) == sizeof (struct ovs_action_hash)) {
                const struct ovs_action_hash *h = nl_attr_get(a);

                DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                    struct flow flow;
                    struct dp_packet copy = *packet;
                    uint32_t hash;

                    /* flow_extract() resets the layer offsets of the
                     * packet it parses: parse a shallow copy. */
                    flow_extract(&copy, &flow);
                    hash = (h->hash_alg == OVS_HASH_ALG_SYM_L4
                            ? flow_hash_symmetric_l4(&flow, h->hash_basis)
                            : flow_hash_5tuple(&flow, h->hash_basis));
                    packet->md.dp_hash = hash ? hash : 1;
                }
            }
            break;
        case OVS_ACTION_ATTR_TRUNC:
            if (nl_attr_get_size(a) == sizeof (struct ovs_action_trunc)) {
                const struct ovs_action_trunc *t = nl_attr_get(a);

                batch->trunc = true;
                DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                    set_cutlen(packet, t->max_len);
                }
            }
            break;
        case OVS_ACTION_ATTR_SAMPLE:
            execute_sample(dp, batch, steal, last, a, dp_execute_action);
            if (last && steal) {
                return;
            }
            break;
        case OVS_ACTION_ATTR_CLONE:
            execute_on_copy(dp, batch, steal, last, nl_attr_get(a),
                            nl_attr_get_size(a), dp_execute_action);
            if (last && steal) {
                return;
            }
            break;
        case OVS_ACTION_ATTR_CT_CLEAR:
            /* Conntrack state is not part of struct pkt_metadata. */
            break;
        }
    }
    dp_packet_delete_batch(batch, steal);
}
