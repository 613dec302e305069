/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>

#include "ofproto/ofproto-dpif-features.h"

#include <errno.h>
#include <linux/openvswitch.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "dp-packet.h"
#include "dpif.h"
#include "flow.h"
#include "netlink.h"
#include "ofproto/ofproto-dpif.h"
#include "ofpbuf.h"
#include "packets.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "unixctl.h"

VLOG_DEFINE_THIS_MODULE(ofproto_dpif_features);

/* Deepest sample nesting and MPLS stack probed, as upstream. */
#define MAX_SAMPLE_NESTING 10
#define MAX_MPLS_PROBE 3

/* Not in the kernel's numbering up to OVS_ACTION_ATTR_MAX: the explicit
 * drop action of newer kernels (Linux 6.4). */
#define PROBE_ACTION_ATTR_DROP (OVS_ACTION_ATTR_DEC_TTL + 1)

/* Executes 'actions' on a throwaway frame from the datapath's local port
 * (an IPv4/UDP frame if 'ipv4', else a bare Ethernet header) as a probe.
 * Returns true if the datapath accepted them. */
static bool
probe_execute(struct dpif *dpif, const struct ofpbuf *actions, bool ipv4)
{
    static const uint8_t udp_frame[] = {
        /* Ethernet: broadcast from a locally administered address. */
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x08, 0,
        /* IPv4 10.255.0.1 -> 10.255.0.2, UDP, TTL 64, DF. */
        0x45, 0, 0, 28, 0, 0, 0x40, 0, 64, 17, 0x24, 0xd1,
        10, 255, 0, 1, 10, 255, 0, 2,
        /* UDP 1 -> 2, no checksum. */
        0, 1, 0, 2, 0, 8, 0, 0,
    };
    size_t size = ipv4 ? sizeof udp_frame : ETH_HEADER_LEN;
    struct dp_packet *packet;

    packet = dp_packet_new(size);
    dp_packet_put(packet, udp_frame, size);
    return !dpif_probe_execute(dpif, packet, actions);
}

int
dpif_probe_execute(struct dpif *dpif, struct dp_packet *packet,
                   const struct ofpbuf *actions)
{
    struct dpif_execute execute;
    struct flow flow;
    int error;

    pkt_metadata_init(&packet->md, ODPP_LOCAL);
    flow_extract(packet, &flow);

    memset(&execute, 0, sizeof execute);
    execute.actions = actions->data;
    execute.actions_len = actions->size;
    execute.flow = &flow;
    execute.packet = packet;
    execute.probe = true;
    error = dpif_execute(dpif, &execute);
    dp_packet_delete(packet);
    return error;
}

/* Returns true if a userspace datapath ('dpif' calls the upcall callback)
 * runs actions of 'type': those of lib/odp-execute.c and the datapath's
 * own (output, userspace, recirc, meter).  Such a datapath skips the
 * actions it does not know without an error, so executing them proves
 * nothing. */
static bool
userspace_knows_action(enum ovs_action_attr type)
{
    switch (type) {
    case OVS_ACTION_ATTR_OUTPUT:
    case OVS_ACTION_ATTR_USERSPACE:
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED:
    case OVS_ACTION_ATTR_PUSH_VLAN:
    case OVS_ACTION_ATTR_POP_VLAN:
    case OVS_ACTION_ATTR_HASH:
    case OVS_ACTION_ATTR_TRUNC:
    case OVS_ACTION_ATTR_SAMPLE:
    case OVS_ACTION_ATTR_CLONE:
    case OVS_ACTION_ATTR_CT_CLEAR:
    case OVS_ACTION_ATTR_RECIRC:
    case OVS_ACTION_ATTR_METER:
        return true;
    default:
        return false;
    }
}

/* Probes the single action 'actions' (of type 'type') on 'dpif'. */
static bool
probe_action(struct dpif *dpif, enum ovs_action_attr type,
             const struct ofpbuf *actions, bool ipv4)
{
    if (dpif_uses_upcall_cb(dpif) && !userspace_knows_action(type)) {
        return false;
    }
    return probe_execute(dpif, actions, ipv4);
}

/* Appends a sample action (probability 100%) that holds 'depth' more
 * nested sample actions to 'actions'. */
static void
put_nested_samples(struct ofpbuf *actions, int depth)
{
    size_t sample = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SAMPLE);
    size_t inner;

    nl_msg_put_u32(actions, OVS_SAMPLE_ATTR_PROBABILITY, UINT32_MAX);
    inner = nl_msg_start_nested(actions, OVS_SAMPLE_ATTR_ACTIONS);
    if (depth > 0) {
        put_nested_samples(actions, depth - 1);
    }
    nl_msg_end_nested(actions, inner);
    nl_msg_end_nested(actions, sample);
}

/* Appends a ct() action with the attribute of type 'ct_attr' (a u32 of 0
 * or, for OVS_CT_ATTR_TIMEOUT, the name of a timeout policy) to
 * 'actions'. */
static void
put_ct(struct ofpbuf *actions, enum ovs_ct_attr ct_attr)
{
    size_t ct = nl_msg_start_nested(actions, OVS_ACTION_ATTR_CT);

    if (ct_attr == OVS_CT_ATTR_TIMEOUT) {
        nl_msg_put_string(actions, OVS_CT_ATTR_TIMEOUT, "ovs_test_tp");
    } else {
        nl_msg_put_u32(actions, ct_attr, 0);
    }
    nl_msg_end_nested(actions, ct);
}

/* Probes the action-level features of 'dpif' into 'f'. */
static void
probe_actions(struct dpif *dpif, struct dpif_features *f)
{
    struct ofpbuf a;
    size_t ofs;

    ofpbuf_init(&a, 256);

    /* set_masked(eth(src=02:00:00:00:00:02/ff:ff:ff:ff:ff:ff)). */
    {
        static const uint8_t eth[2 * ETH_ADDR_LEN * 2] = {
            0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 2,
            0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        };

        ofs = nl_msg_start_nested(&a, OVS_ACTION_ATTR_SET_MASKED);
        nl_msg_put_unspec(&a, OVS_KEY_ATTR_ETHERNET, eth, sizeof eth);
        nl_msg_end_nested(&a, ofs);
        f->masked_set = probe_action(dpif, OVS_ACTION_ATTR_SET_MASKED, &a,
                                     false);
    }

    ofpbuf_clear(&a);
    nl_msg_put_u32(&a, OVS_ACTION_ATTR_TRUNC, 100);
    f->trunc = probe_action(dpif, OVS_ACTION_ATTR_TRUNC, &a, false);

    ofpbuf_clear(&a);
    ofs = nl_msg_start_nested(&a, OVS_ACTION_ATTR_CLONE);
    nl_msg_end_nested(&a, ofs);
    f->clone = probe_action(dpif, OVS_ACTION_ATTR_CLONE, &a, false);

    /* Level N: N - 1 sample actions, each nested in the one before (the
     * way upstream counts: Linux's module reaches the limit of 10, ours
     * stops at 9). */
    f->sample_nesting = 1;
    for (int level = 2; level <= MAX_SAMPLE_NESTING; level++) {
        ofpbuf_clear(&a);
        put_nested_samples(&a, level - 2);
        if (!probe_action(dpif, OVS_ACTION_ATTR_SAMPLE, &a, false)) {
            break;
        }
        f->sample_nesting = level;
    }

    ofpbuf_clear(&a);
    put_ct(&a, OVS_CT_ATTR_EVENTMASK);
    f->ct_eventmask = probe_action(dpif, OVS_ACTION_ATTR_CT, &a, true);

    ofpbuf_clear(&a);
    nl_msg_put_flag(&a, OVS_ACTION_ATTR_CT_CLEAR);
    f->ct_clear = probe_action(dpif, OVS_ACTION_ATTR_CT_CLEAR, &a, false);

    ofpbuf_clear(&a);
    ofs = nl_msg_start_nested(&a, OVS_ACTION_ATTR_CHECK_PKT_LEN);
    nl_msg_put_u16(&a, OVS_CHECK_PKT_LEN_ATTR_PKT_LEN, 100);
    nl_msg_end_nested(&a, nl_msg_start_nested(
                          &a, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER));
    nl_msg_end_nested(&a, nl_msg_start_nested(
                          &a, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL));
    nl_msg_end_nested(&a, ofs);
    f->check_pkt_len = probe_action(dpif, OVS_ACTION_ATTR_CHECK_PKT_LEN, &a,
                                    false);

    ofpbuf_clear(&a);
    put_ct(&a, OVS_CT_ATTR_TIMEOUT);
    f->ct_timeout = probe_action(dpif, OVS_ACTION_ATTR_CT, &a, true);

    ofpbuf_clear(&a);
    nl_msg_put_u32(&a, PROBE_ACTION_ATTR_DROP, 0);
    f->explicit_drop = probe_action(dpif, PROBE_ACTION_ATTR_DROP, &a, false);

    ofpbuf_clear(&a);
    {
        struct ovs_action_add_mpls add = {
            .mpls_lse = htonl(0x100),
            .mpls_ethertype = htons(0x8847),
        };

        nl_msg_put_unspec(&a, OVS_ACTION_ATTR_ADD_MPLS, &add, sizeof add);
        f->add_mpls = probe_action(dpif, OVS_ACTION_ATTR_ADD_MPLS, &a,
                                   false);
    }

    ofpbuf_uninit(&a);
}

/* Puts the start of a probe key into 'key': the local port and a zero
 * Ethernet header.  The caller adds the Ethernet type and the rest. */
static void
put_key_start(struct ofpbuf *key)
{
    static const uint8_t eth[2 * ETH_ADDR_LEN];

    nl_msg_put_u32(key, OVS_KEY_ATTR_IN_PORT, odp_to_u32(ODPP_LOCAL));
    nl_msg_put_unspec(key, OVS_KEY_ATTR_ETHERNET, eth, sizeof eth);
}

/* Installs an exact-match flow for 'key' with no actions on 'dpif', as a
 * probe, and deletes it again.  Returns true if the datapath took it. */
static bool
probe_key(struct dpif *dpif, const struct ofpbuf *key)
{
    ovs_u128 ufid;
    int error;

    dpif_flow_hash(dpif, key->data, key->size, &ufid);
    error = dpif_flow_put(dpif, DPIF_FP_CREATE | DPIF_FP_PROBE,
                          key->data, key->size, NULL, 0, NULL, 0,
                          &ufid, PMD_ID_NULL, NULL);
    if (error == EEXIST) {
        error = 0;
    }
    if (!error) {
        dpif_flow_del(dpif, key->data, key->size, &ufid, PMD_ID_NULL, NULL);
    }
    return !error;
}

/* Probes a key with the Ethernet type 0x1234 and the single attribute
 * 'type' of 'size' bytes from 'value'. */
static bool
probe_key_attr(struct dpif *dpif, enum ovs_key_attr type, const void *value,
               size_t size)
{
    struct ofpbuf key;
    bool ok;

    ofpbuf_init(&key, 128);
    put_key_start(&key);
    nl_msg_put_be16(&key, OVS_KEY_ATTR_ETHERTYPE, htons(0x1234));
    nl_msg_put_unspec(&key, type, value, size);
    ok = probe_key(dpif, &key);
    ofpbuf_uninit(&key);
    return ok;
}

/* Probes a key of an IPv4 (or, if 'ipv6', IPv6) packet without L4 header
 * that matches on the original direction tuple 'tuple' of 'size' bytes
 * (the kernel takes these only in IP flows). */
static bool
probe_ct_tuple(struct dpif *dpif, bool ipv6, const void *tuple, size_t size)
{
    struct ofpbuf key;
    bool ok;

    ofpbuf_init(&key, 128);
    put_key_start(&key);
    if (!ipv6) {
        struct ovs_key_ipv4 ip = {
            .ipv4_src = htonl(0x0aff0001),
            .ipv4_dst = htonl(0x0aff0002),
            .ipv4_proto = 59,
            .ipv4_ttl = 64,
        };

        nl_msg_put_be16(&key, OVS_KEY_ATTR_ETHERTYPE, htons(ETH_TYPE_IP));
        nl_msg_put_unspec(&key, OVS_KEY_ATTR_IPV4, &ip, sizeof ip);
        nl_msg_put_unspec(&key, OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4, tuple, size);
    } else {
        struct ovs_key_ipv6 ip = {
            .ipv6_proto = 59,
            .ipv6_hlimit = 64,
        };

        ip.ipv6_src[3] = htonl(1);
        ip.ipv6_dst[3] = htonl(2);
        nl_msg_put_be16(&key, OVS_KEY_ATTR_ETHERTYPE, htons(ETH_TYPE_IPV6));
        nl_msg_put_unspec(&key, OVS_KEY_ATTR_IPV6, &ip, sizeof ip);
        nl_msg_put_unspec(&key, OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6, tuple, size);
    }
    ok = probe_key(dpif, &key);
    ofpbuf_uninit(&key);
    return ok;
}

/* Appends 'n' VLAN tags around the Ethernet type 0x1234 to 'key'. */
static void
put_vlans(struct ofpbuf *key, int n)
{
    if (!n) {
        nl_msg_put_be16(key, OVS_KEY_ATTR_ETHERTYPE, htons(0x1234));
        return;
    }
    nl_msg_put_be16(key, OVS_KEY_ATTR_ETHERTYPE, htons(ETH_TYPE_VLAN));
    nl_msg_put_be16(key, OVS_KEY_ATTR_VLAN, htons(VLAN_CFI | 10));
    size_t encap = nl_msg_start_nested(key, OVS_KEY_ATTR_ENCAP);
    put_vlans(key, n - 1);
    nl_msg_end_nested(key, encap);
}

/* Probes the key-level features of 'dpif' into 'f'. */
static void
probe_keys(struct dpif *dpif, struct dpif_features *f)
{
    struct ofpbuf key;
    ovs_u128 ufid;
    int error;

    ofpbuf_init(&key, 256);

    /* UFID: a flow installed by UFID can be found by it. */
    put_key_start(&key);
    nl_msg_put_be16(&key, OVS_KEY_ATTR_ETHERTYPE, htons(0x1234));
    dpif_flow_hash(dpif, key.data, key.size, &ufid);
    error = dpif_flow_put(dpif, DPIF_FP_CREATE | DPIF_FP_PROBE,
                          key.data, key.size, NULL, 0, NULL, 0, &ufid,
                          PMD_ID_NULL, NULL);
    f->ufid = !error || error == EEXIST;
    if (f->ufid) {
        f->ufid = !dpif_flow_del(dpif, NULL, 0, &ufid, PMD_ID_NULL, NULL);
    }

    f->max_vlan_headers = 0;
    for (int n = 1; n <= FLOW_MAX_VLAN_HEADERS; n++) {
        ofpbuf_clear(&key);
        put_key_start(&key);
        put_vlans(&key, n);
        if (!probe_key(dpif, &key)) {
            break;
        }
        f->max_vlan_headers = n;
    }

    f->max_mpls_depth = 0;
    for (int n = 1; n <= MAX_MPLS_PROBE; n++) {
        ovs_be32 lses[MAX_MPLS_PROBE];

        for (int i = 0; i < n; i++) {
            /* Label 100 + i, bottom of stack on the last, TTL 64. */
            lses[i] = htonl(((100 + i) << 12) | (i == n - 1 ? 0x100 : 0)
                            | 64);
        }
        ofpbuf_clear(&key);
        put_key_start(&key);
        nl_msg_put_be16(&key, OVS_KEY_ATTR_ETHERTYPE, htons(ETH_TYPE_MPLS));
        nl_msg_put_unspec(&key, OVS_KEY_ATTR_MPLS, lses, n * sizeof *lses);
        if (!probe_key(dpif, &key)) {
            break;
        }
        f->max_mpls_depth = n;
    }
    ofpbuf_uninit(&key);

    uint32_t recirc_id = 1;
    f->recirc = probe_key_attr(dpif, OVS_KEY_ATTR_RECIRC_ID, &recirc_id,
                               sizeof recirc_id);

    uint32_t state = OVS_CS_F_TRACKED | OVS_CS_F_NEW;
    f->ct_state = probe_key_attr(dpif, OVS_KEY_ATTR_CT_STATE, &state,
                                 sizeof state);
    uint16_t zone = 1;
    f->ct_zone = probe_key_attr(dpif, OVS_KEY_ATTR_CT_ZONE, &zone,
                                sizeof zone);
    uint32_t mark = 1;
    f->ct_mark = probe_key_attr(dpif, OVS_KEY_ATTR_CT_MARK, &mark,
                                sizeof mark);
    uint8_t labels[16] = { 1 };
    f->ct_label = probe_key_attr(dpif, OVS_KEY_ATTR_CT_LABELS, labels,
                                 sizeof labels);
    uint32_t nat_state = (OVS_CS_F_TRACKED | OVS_CS_F_ESTABLISHED
                          | OVS_CS_F_SRC_NAT);
    f->ct_state_nat = (f->ct_state
                       && probe_key_attr(dpif, OVS_KEY_ATTR_CT_STATE,
                                         &nat_state, sizeof nat_state));
    struct ovs_key_ct_tuple_ipv4 tuple4 = {
        .ipv4_src = htonl(0x0aff0001),
        .ipv4_dst = htonl(0x0aff0002),
        .src_port = htons(1),
        .dst_port = htons(2),
        .ipv4_proto = 17,
    };
    f->ct_orig_tuple = probe_ct_tuple(dpif, false, &tuple4, sizeof tuple4);
    struct ovs_key_ct_tuple_ipv6 tuple6 = {
        .src_port = htons(1),
        .dst_port = htons(2),
        .ipv6_proto = 17,
    };
    tuple6.ipv6_src[3] = htonl(1);
    tuple6.ipv6_dst[3] = htonl(2);
    f->ct_orig_tuple6 = probe_ct_tuple(dpif, true, &tuple6, sizeof tuple6);
    /* A reserved word and an options type, padded: 8 bytes.  Nonzero,
     * because our module accepts unimplemented fields that are zero. */
    uint8_t nd_ext[8] = { 0, 0, 0, 1, 1 };
    f->nd_ext = probe_key_attr(dpif, OVS_KEY_ATTR_ND_EXTENSIONS, &nd_ext,
                               sizeof nd_ext);
}

/* Returns true if this system's kernel is Linux 'major'.'minor' or
 * later. */
static bool
kernel_is_at_least(int major, int minor)
{
    struct utsname u;
    int ma, mi;

    return (!uname(&u) && sscanf(u.release, "%d.%d", &ma, &mi) == 2
            && (ma > major || (ma == major && mi >= minor)));
}

/* Probes what 'dpif' supports into 'f'.  'sym_l4_hash' is the result of
 * ofproto-dpif's own probe of the symmetric L4 hash. */
void
dpif_features_probe(struct dpif *dpif, bool sym_l4_hash,
                    struct dpif_features *f)
{
    memset(f, 0, sizeof *f);
    probe_actions(dpif, f);
    probe_keys(dpif, f);
    f->max_hash_alg = sym_l4_hash ? OVS_HASH_ALG_SYM_L4 : OVS_HASH_ALG_L4;

    /* Tunnel push/pop and lb_output are userspace datapath actions that
     * ours does not implement; the kernel never has them. */
    f->tnl_push_pop = false;
    f->lb_output = false;

    /* The kernel's conntrack has taken SNAT to all-zero addresses since
     * Linux 5.10; our userspace datapath has no conntrack. */
    f->ct_zero_snat = (!dpif_uses_upcall_cb(dpif)
                       && !strcmp(dpif_type(dpif), "system")
                       && kernel_is_at_least(5, 10));

    VLOG_DBG("%s: datapath features: ufid %s, recirc %s, "
              "max VLAN headers %d, max MPLS depth %d, sample nesting %d, "
              "ct %s, check_pkt_len %s, clone %s, trunc %s",
              dpif_name(dpif), f->ufid ? "yes" : "no",
              f->recirc ? "yes" : "no", f->max_vlan_headers,
              f->max_mpls_depth, f->sample_nesting,
              f->ct_state ? "yes" : "no", f->check_pkt_len ? "yes" : "no",
              f->clone ? "yes" : "no", f->trunc ? "yes" : "no");
}

/* Appends "NAME: Yes" or "NAME: No" and a new-line to 's'. */
static void
put_bool(struct ds *s, const char *name, bool value)
{
    ds_put_format(s, "%s: %s\n", name, value ? "Yes" : "No");
}

/* Appends 'f' to 's' in the format of upstream's dpif/show-dp-features. */
void
dpif_features_format(const struct dpif_features *f, struct ds *s)
{
    put_bool(s, "Masked set action", f->masked_set);
    put_bool(s, "Tunnel push pop", f->tnl_push_pop);
    put_bool(s, "Ufid", f->ufid);
    put_bool(s, "Truncate action", f->trunc);
    put_bool(s, "Clone action", f->clone);
    ds_put_format(s, "Sample nesting: %d\n", f->sample_nesting);
    put_bool(s, "Conntrack eventmask", f->ct_eventmask);
    put_bool(s, "Conntrack clear", f->ct_clear);
    ds_put_format(s, "Max dp_hash algorithm: %d\n", f->max_hash_alg);
    put_bool(s, "Check pkt length action", f->check_pkt_len);
    put_bool(s, "Conntrack timeout policy", f->ct_timeout);
    put_bool(s, "Explicit Drop action", f->explicit_drop);
    put_bool(s, "Optimized Balance TCP mode", f->lb_output);
    put_bool(s, "Conntrack all-zero IP SNAT", f->ct_zero_snat);
    put_bool(s, "MPLS Label add", f->add_mpls);
    ds_put_format(s, "Max VLAN headers: %d\n", f->max_vlan_headers);
    ds_put_format(s, "Max MPLS depth: %d\n", f->max_mpls_depth);
    put_bool(s, "Recirc", f->recirc);
    put_bool(s, "CT state", f->ct_state);
    put_bool(s, "CT zone", f->ct_zone);
    put_bool(s, "CT mark", f->ct_mark);
    put_bool(s, "CT label", f->ct_label);
    put_bool(s, "CT state NAT", f->ct_state_nat);
    put_bool(s, "CT orig tuple", f->ct_orig_tuple);
    put_bool(s, "CT orig tuple for IPv6", f->ct_orig_tuple6);
    put_bool(s, "IPv6 ND Extension", f->nd_ext);
}

/* "dpif/show-dp-features BRIDGE". */
static void
show_dp_features(struct unixctl_conn *conn, int argc OVS_UNUSED,
                 const char *argv[], void *aux OVS_UNUSED)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_lookup_by_name(argv[1]);
    struct dpif_backer *backer;
    struct ds s = DS_EMPTY_INITIALIZER;

    if (!ofproto) {
        unixctl_command_reply_error(conn, "no such bridge");
        return;
    }
    backer = ofproto_dpif_get_backer(ofproto);
    if (!backer->features) {
        unixctl_command_reply_error(conn, "datapath not probed yet");
        return;
    }
    dpif_features_format(backer->features, &s);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* Registers "dpif/show-dp-features". */
void
dpif_features_unixctl_init(void)
{
    unixctl_command_register("dpif/show-dp-features", "bridge", 1, 1,
                             show_dp_features, NULL);
}
