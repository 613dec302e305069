/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "learning-switch.h"
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "flow.h"
#include "hash.h"
#include "match.h"
#include "openflow/openflow.h"
#include "openvswitch/hmap.h"
#include "openvswitch/ofp-actions.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-switch.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ofpbuf.h"
#include "packets.h"
#include "poll-loop.h"
#include "rconn.h"
#include "simap.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(learning_switch);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(30, 300);

/* How long a learned MAC address stays valid without being seen, in
 * seconds. */
#define LSWITCH_MAC_IDLE 300

/* A learned MAC address. */
struct lswitch_mac {
    struct hmap_node node;      /* In struct lswitch's 'macs'. */
    struct eth_addr mac;        /* The address. */
    uint16_t vlan;              /* VLAN it was seen on (0 if none). */
    ofp_port_t port;            /* Where it was last seen. */
    long long int used;         /* When (time_msec()). */
};

/* A learning switch on one connection. */
struct lswitch {
    struct rconn *rconn;        /* The connection to the switch (owned). */
    unsigned int seqno;         /* rconn's connection seqno last seen. */
    enum ofputil_protocol protocol; /* Protocol of the connection. */
    uint64_t datapath_id;       /* From the features reply, 0 if unknown. */

    enum lswitch_mode mode;     /* How to forward. */
    uint32_t wildcards;         /* OFPFW10_* fields not to match on. */
    int max_idle;               /* Flow idle timeout (see struct
                                 * lswitch_config). */
    const struct ofputil_flow_mod *default_flows; /* Not owned. */
    size_t n_default_flows;     /* Number of 'default_flows'. */
    uint32_t default_queue;     /* Queue for outputs, UINT32_MAX if none. */
    const struct simap *port_queues; /* Port name to queue (not owned). */
    bool mute;                  /* Never answer? */

    struct hmap macs;           /* "struct lswitch_mac"s. */
    struct rconn_packet_counter *queued; /* Messages in the rconn's
                                          * queue. */
};

/* The most messages queued to the switch at a time. */
#define LSWITCH_QUEUE_LIMIT 50

static void lswitch_process_msg(struct lswitch *, const struct ofpbuf *);

struct lswitch *
lswitch_create(struct rconn *rconn, const struct lswitch_config *cfg)
{
    struct lswitch *sw = xzalloc(sizeof *sw);

    sw->rconn = rconn;
    sw->seqno = rconn_get_connection_seqno(rconn) - 1;
    sw->mode = cfg->mode;
    if (cfg->wildcards == UINT32_MAX) {
        /* Wildcard as much as a learning switch can: match only on the
         * input port, VLAN and Ethernet addresses. */
        sw->wildcards = (OFPFW10_DL_TYPE | OFPFW10_NW_SRC_MASK
                         | OFPFW10_NW_DST_MASK | OFPFW10_NW_PROTO
                         | OFPFW10_TP_SRC | OFPFW10_TP_DST
                         | OFPFW10_DL_VLAN_PCP | OFPFW10_NW_TOS);
    } else {
        sw->wildcards = cfg->wildcards;
    }
    sw->max_idle = cfg->max_idle;
    sw->default_flows = cfg->default_flows;
    sw->n_default_flows = cfg->n_default_flows;
    sw->default_queue = cfg->default_queue;
    sw->port_queues = cfg->port_queues;
    sw->mute = cfg->mute;
    hmap_init(&sw->macs);
    sw->queued = rconn_packet_counter_create();
    return sw;
}

bool
lswitch_is_alive(const struct lswitch *sw)
{
    return rconn_is_alive(sw->rconn);
}

void
lswitch_set_queue(struct lswitch *sw, const char *queue)
{
    sw->default_queue = queue ? strtoul(queue, NULL, 10) : UINT32_MAX;
}

void
lswitch_mute(struct lswitch *sw)
{
    sw->mute = true;
}

void
lswitch_destroy(struct lswitch *sw)
{
    if (sw) {
        struct lswitch_mac *m;

        HMAP_FOR_EACH_POP (m, node, &sw->macs) {
            free(m);
        }
        hmap_destroy(&sw->macs);
        rconn_destroy(sw->rconn);
        rconn_packet_counter_destroy(sw->queued);
        free(sw);
    }
}

/* Queues 'msg' to the switch, unless muted. */
static void
lswitch_send(struct lswitch *sw, struct ofpbuf *msg)
{
    if (sw->mute) {
        ofpbuf_delete(msg);
        return;
    }
    int error = rconn_send_with_limit(sw->rconn, msg, sw->queued,
                                      LSWITCH_QUEUE_LIMIT);
    if (error && error != ENOTCONN) {
        VLOG_WARN_RL(&rl, "%s: send: %s", rconn_get_name(sw->rconn),
                     ovs_strerror(error));
    }
}

/* Sends what a newly connected switch needs: a features request, a switch
 * configuration that sends whole packets to us, a table-miss flow for
 * OpenFlow 1.3 and later (where a miss drops by default), and the default
 * flows. */
static void
lswitch_handshake(struct lswitch *sw)
{
    int version = rconn_get_version(sw->rconn);
    struct ofputil_switch_config config = {
        .frag = OFPUTIL_FRAG_NORMAL,
        .invalid_ttl_to_controller = -1,
        .miss_send_len = UINT16_MAX,
    };

    sw->protocol = ofputil_protocol_from_ofp_version(version);
    sw->datapath_id = 0;
    lswitch_send(sw, ofpraw_alloc(OFPRAW_OFPT_FEATURES_REQUEST, version, 0));
    lswitch_send(sw, ofputil_encode_set_config(&config, version));

    if (version >= OFP13_VERSION) {
        struct ofputil_flow_mod fm;
        uint64_t stub[64 / 8];
        struct ofpbuf ofpacts;
        struct ofpact_output *output;

        ofpbuf_use_stub(&ofpacts, stub, sizeof stub);
        output = ofpact_put_OUTPUT(&ofpacts);
        output->port = OFPP_CONTROLLER;
        output->max_len = UINT16_MAX;

        memset(&fm, 0, sizeof fm);
        match_init_catchall(&fm.match);
        fm.priority = 0;
        fm.new_cookie = 0;
        fm.table_id = 0;
        fm.command = OFPFC_ADD;
        fm.buffer_id = UINT32_MAX;
        fm.out_port = OFPP_NONE;
        fm.out_group = UINT32_MAX;
        fm.ofpacts = ofpacts.data;
        fm.ofpacts_len = ofpacts.size;
        lswitch_send(sw, ofputil_encode_flow_mod(&fm, sw->protocol));
        ofpbuf_uninit(&ofpacts);
    }

    for (size_t i = 0; i < sw->n_default_flows; i++) {
        lswitch_send(sw, ofputil_encode_flow_mod(&sw->default_flows[i],
                                                 sw->protocol));
    }
}

void
lswitch_run(struct lswitch *sw)
{
    rconn_run(sw->rconn);

    if (rconn_is_connected(sw->rconn)
        && sw->seqno != rconn_get_connection_seqno(sw->rconn)) {
        sw->seqno = rconn_get_connection_seqno(sw->rconn);
        lswitch_handshake(sw);
    }

    for (int i = 0; i < 50; i++) {
        struct ofpbuf *msg = rconn_recv(sw->rconn);
        if (!msg) {
            break;
        }
        if (!sw->mute) {
            lswitch_process_msg(sw, msg);
        }
        ofpbuf_delete(msg);
    }
}

void
lswitch_wait(struct lswitch *sw)
{
    rconn_run_wait(sw->rconn);
    rconn_recv_wait(sw->rconn);
}

/* MAC learning. */

static uint32_t
lswitch_mac_hash(const struct eth_addr mac, uint16_t vlan)
{
    return hash_bytes(&mac, sizeof mac, vlan);
}

static struct lswitch_mac *
lswitch_mac_lookup(const struct lswitch *sw, const struct eth_addr mac,
                   uint16_t vlan)
{
    struct lswitch_mac *m;

    HMAP_FOR_EACH_WITH_HASH (m, node, lswitch_mac_hash(mac, vlan),
                             &sw->macs) {
        if (eth_addr_equals(m->mac, mac) && m->vlan == vlan) {
            if (time_msec() - m->used > LSWITCH_MAC_IDLE * 1000LL) {
                return NULL;
            }
            return m;
        }
    }
    return NULL;
}

/* Learns that 'mac' on 'vlan' lives on 'port'. */
static void
lswitch_learn(struct lswitch *sw, const struct eth_addr mac, uint16_t vlan,
              ofp_port_t port)
{
    struct lswitch_mac *m;

    if (eth_addr_is_multicast(mac)) {
        return;
    }
    HMAP_FOR_EACH_WITH_HASH (m, node, lswitch_mac_hash(mac, vlan),
                             &sw->macs) {
        if (eth_addr_equals(m->mac, mac) && m->vlan == vlan) {
            break;
        }
    }
    if (!m) {
        m = xzalloc(sizeof *m);
        m->mac = mac;
        m->vlan = vlan;
        hmap_insert(&sw->macs, &m->node, lswitch_mac_hash(mac, vlan));
    }
    if (m->port != port) {
        VLOG_DBG_RL(&rl, "%016"PRIx64": learned that "ETH_ADDR_FMT" is on "
                    "port %"PRIu16, sw->datapath_id, ETH_ADDR_ARGS(mac),
                    ofp_to_u16(port));
    }
    m->port = port;
    m->used = time_msec();
}

/* Builds in 'match' the flow-table match for 'flow' according to
 * 'sw->wildcards'. */
static void
lswitch_build_match(const struct lswitch *sw, const struct flow *flow,
                    struct match *match)
{
    uint32_t wc = sw->wildcards;
    bool is_ip = flow->dl_type == htons(ETH_TYPE_IP);
    bool is_arp = flow->dl_type == htons(ETH_TYPE_ARP);

    match_init_catchall(match);
    if (!(wc & OFPFW10_IN_PORT)) {
        match_set_in_port(match, flow->in_port.ofp_port);
    }
    if (!(wc & OFPFW10_DL_SRC)) {
        match_set_dl_src(match, flow->dl_src);
    }
    if (!(wc & OFPFW10_DL_DST)) {
        match_set_dl_dst(match, flow->dl_dst);
    }
    if (!(wc & OFPFW10_DL_VLAN)) {
        match_set_dl_tci(match, flow->vlans[0].tci);
    }
    if (wc & OFPFW10_DL_TYPE) {
        return;
    }
    match_set_dl_type(match, flow->dl_type);
    if (!is_ip && !is_arp) {
        return;
    }
    if ((wc & OFPFW10_NW_SRC_MASK) == 0) {
        match_set_nw_src(match, flow->nw_src);
    }
    if ((wc & OFPFW10_NW_DST_MASK) == 0) {
        match_set_nw_dst(match, flow->nw_dst);
    }
    if (is_ip && !(wc & OFPFW10_NW_TOS)) {
        match_set_nw_dscp(match, flow->nw_tos);
    }
    if (wc & OFPFW10_NW_PROTO) {
        return;
    }
    match_set_nw_proto(match, flow->nw_proto);
    if (is_ip && !(flow->nw_frag & FLOW_NW_FRAG_LATER)
        && (flow->nw_proto == IPPROTO_TCP || flow->nw_proto == IPPROTO_UDP
            || flow->nw_proto == IPPROTO_ICMP)) {
        if (!(wc & OFPFW10_TP_SRC)) {
            match_set_tp_src(match, flow->tp_src);
        }
        if (!(wc & OFPFW10_TP_DST)) {
            match_set_tp_dst(match, flow->tp_dst);
        }
    }
}

/* Handles a packet-in. */
static void
lswitch_process_packet_in(struct lswitch *sw, const struct ofp_header *oh)
{
    struct ofputil_packet_in pin;
    struct dp_packet packet;
    uint32_t buffer_id;
    size_t total_len;
    struct flow flow;
    enum ofperr error;
    ofp_port_t in_port, out_port;

    error = ofputil_decode_packet_in(oh, true, NULL, NULL, &pin, &total_len,
                                     &buffer_id, NULL);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: failed to decode packet-in: %s",
                     rconn_get_name(sw->rconn), ofperr_to_string(error));
        return;
    }
    if (pin.reason != OFPR_NO_MATCH && pin.reason != OFPR_ACTION) {
        return;
    }

    in_port = pin.flow_metadata.flow.in_port.ofp_port;
    dp_packet_use_const(&packet, pin.packet, pin.packet_len);
    flow_extract(&packet, &flow);
    flow.in_port.ofp_port = in_port;
    dp_packet_uninit(&packet);

    uint16_t vlan = ntohs(flow.vlans[0].tci) & VLAN_VID_MASK;
    if (sw->mode == LSW_LEARN) {
        lswitch_learn(sw, flow.dl_src, vlan, in_port);
    }

    /* Where does it go? */
    if (sw->mode == LSW_NORMAL) {
        out_port = OFPP_NORMAL;
    } else if (sw->mode == LSW_FLOOD) {
        out_port = OFPP_FLOOD;
    } else {
        const struct lswitch_mac *m = lswitch_mac_lookup(sw, flow.dl_dst,
                                                         vlan);
        out_port = m ? m->port : OFPP_FLOOD;
        if (out_port == in_port) {
            /* Don't send a packet back out its input port. */
            out_port = OFPP_NONE;
        }
    }

    uint64_t stub[64 / 8];
    struct ofpbuf ofpacts;
    ofpbuf_use_stub(&ofpacts, stub, sizeof stub);
    if (out_port != OFPP_NONE) {
        if (sw->default_queue != UINT32_MAX) {
            ofpact_put_SET_QUEUE(&ofpacts)->queue_id = sw->default_queue;
        }
        ofpact_put_OUTPUT(&ofpacts)->port = out_port;
    }

    /* Install a flow for known destinations. */
    if (out_port != OFPP_FLOOD && sw->max_idle >= 0) {
        struct ofputil_flow_mod fm;

        memset(&fm, 0, sizeof fm);
        lswitch_build_match(sw, &flow, &fm.match);
        fm.priority = OFP_DEFAULT_PRIORITY;
        fm.table_id = 0;
        fm.command = OFPFC_ADD;
        fm.idle_timeout = sw->max_idle;
        fm.buffer_id = UINT32_MAX;
        fm.out_port = OFPP_NONE;
        fm.out_group = UINT32_MAX;
        fm.ofpacts = ofpacts.data;
        fm.ofpacts_len = ofpacts.size;
        lswitch_send(sw, ofputil_encode_flow_mod(&fm, sw->protocol));
    }

    /* Send the packet itself. */
    if (out_port != OFPP_NONE) {
        struct ofputil_packet_out po;

        memset(&po, 0, sizeof po);
        po.packet = pin.packet;
        po.packet_len = pin.packet_len;
        po.buffer_id = UINT32_MAX;
        match_init_catchall(&po.flow_metadata);
        match_set_in_port(&po.flow_metadata, in_port);
        po.ofpacts = ofpacts.data;
        po.ofpacts_len = ofpacts.size;
        lswitch_send(sw, ofputil_encode_packet_out(&po, sw->protocol));
    }
    ofpbuf_uninit(&ofpacts);
}

/* Handles one message from the switch. */
static void
lswitch_process_msg(struct lswitch *sw, const struct ofpbuf *msg)
{
    const struct ofp_header *oh = msg->data;
    enum ofptype type;

    if (ofptype_decode(&type, oh)) {
        return;
    }

    switch (type) {
    case OFPTYPE_ECHO_REQUEST: {
        struct ofpbuf *reply = ofpbuf_clone(msg);
        ((struct ofp_header *) reply->data)->type = OFPT_ECHO_REPLY;
        lswitch_send(sw, reply);
        break;
    }

    case OFPTYPE_FEATURES_REPLY: {
        struct ofputil_switch_features features;
        struct ofpbuf b = *msg;

        if (!ofputil_pull_switch_features(&b, &features)) {
            sw->datapath_id = features.datapath_id;
            VLOG_DBG("%s: datapath id %016"PRIx64,
                     rconn_get_name(sw->rconn), sw->datapath_id);
        }
        break;
    }

    case OFPTYPE_PACKET_IN:
        lswitch_process_packet_in(sw, oh);
        break;

    case OFPTYPE_ERROR:
        if (VLOG_IS_DBG_ENABLED()) {
            char *s = ofp_to_string(msg->data, msg->size, NULL, NULL, 2);
            VLOG_DBG_RL(&rl, "%s: received %s", rconn_get_name(sw->rconn),
                        s);
            free(s);
        }
        break;

    default:
        break;
    }
}
