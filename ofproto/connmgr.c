/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* The OpenFlow connections of a switch: the management socket, passive
 * services, controllers, and the per-connection OpenFlow state. */

#include <config.h>
#include "ofproto/connmgr.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "coverage.h"
#include "dirs.h"
#include "ofproto/bundles.h"
#include "ofproto/flow-monitor.h"
#include "ofproto/multipart.h"
#include "hash.h"
#include "match.h"
#include "ofpbuf.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/hmap.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-flow.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/shash.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "openvswitch/vlog.h"
#include "dp-packet.h"
#include "packets.h"
#include "pinsched.h"
#include "poll-loop.h"
#include "rconn.h"
#include "sset.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(connmgr);

COVERAGE_DEFINE(ofconn_dropped_after_error);

/* Replies a connection may have queued before the switch stops reading
 * its requests (protects the switch from a controller that does not read;
 * replies themselves are never dropped: a multipart reply must arrive
 * whole). */
#define OFCONN_REPLY_MAX 100

/* Packet-ins a connection may have queued. */
#define OFCONN_PACKET_IN_MAX 100

/* Messages handled per connection per connmgr_run(), for fairness. */
#define OFCONN_MSGS_PER_RUN 50

/* An OpenFlow connection. */
struct ofconn {
    struct ovs_list node;       /* In connmgr's 'conns'. */
    struct hmap_node hmap_node; /* In connmgr's 'controllers' by hash of
                                 * target (primary connections only). */
    struct connmgr *connmgr;    /* Owner. */
    enum ofconn_type type;      /* OFCONN_*. */
    struct rconn *rconn;        /* The connection. */
    char *target;               /* Target (primary connections), else
                                 * NULL. */
    int probe_interval;         /* Configured inactivity probe interval,
                                 * seconds (primary connections). */
    char *name;                 /* Name for log messages. */
    unsigned int seqno;         /* rconn_get_connection_seqno() for which
                                 * the state below holds. */

    /* Negotiated state; reset whenever the rconn reconnects. */
    enum ofputil_protocol protocol; /* Flow format, OFPUTIL_P_NONE until
                                     * known. */
    enum ofp12_controller_role role; /* Controller role. */
    enum ofputil_packet_in_format packet_in_format; /* Packet-in format. */
    int miss_send_len;          /* Bytes of table-miss packets to send. */
    uint16_t controller_id;     /* Controller id (NXT_SET_CONTROLLER_ID). */
    struct ofconn_async_cfg async; /* Asynchronous message config. */
    bool async_set;             /* Did the peer set 'async'?  If not, the
                                 * defaults of the negotiated version
                                 * apply. */
    bool stop_on_error;         /* WFTT_STOP_ON_ERROR on: after an error,
                                 * drop messages up to a barrier. */
    bool dropping;              /* Dropping, since an error was sent? */
    unsigned int n_dropped;     /* Messages dropped since then. */

    /* Rate limiting and queues. */
    struct pinsched *pinsched;  /* Packet-in scheduler, NULL if
                                 * unlimited. */
    struct rconn_packet_counter *reply_counter; /* Replies queued. */
    struct rconn_packet_counter *packet_in_counter; /* Packet-ins
                                                     * queued. */

    /* OpenFlow bundles (ofproto/bundles.h). */
    struct hmap bundles;        /* Open bundles, by hash of their id. */

    /* Multipart requests in several parts (ofproto/multipart.h). */
    struct mp_assembler assembler; /* Requests waiting for parts. */
};

/* A passive listener. */
struct ofservice {
    struct hmap_node hmap_node; /* In connmgr's 'services' by hash of
                                 * 'target'. */
    char *target;               /* e.g. "punix:/run/br0.mgmt". */
    struct pvconn *pvconn;      /* The listener. */
    uint32_t allowed_versions;  /* Versions for accepted connections. */
    int probe_interval;         /* Inactivity probe, seconds. */
};

/* The connection manager of one switch. */
struct connmgr {
    struct ofproto *ofproto;    /* Owner. */
    char *name;                 /* Datapath name, for log messages. */
    char *local_port_name;      /* Name of the local port. */
    struct ovs_list conns;      /* Every "struct ofconn", by 'node'. */
    struct hmap controllers;    /* Primary ofconns, by target. */
    struct hmap services;       /* "struct ofservice"s, by target. */
    char *mgmt_target;          /* Target of the management socket. */
    struct pvconn *snoop;       /* Listener of "<rundir>/<name>.snoop",
                                 * NULL if it could not be opened. */
    enum ofproto_fail_mode fail_mode; /* OFPROTO_FAIL_*. */
    uint64_t master_election_id; /* Latest generation id. */
    bool master_election_id_defined; /* 'master_election_id' valid? */
    unsigned int n_service_conns; /* Accepted connections, for names. */
    long long int next_bogus_packet_in; /* When to send the next bogus
                                         * packet-ins while failing open,
                                         * LLONG_MAX if not failing
                                         * open. */
};

static void ofconn_destroy(struct ofconn *);
static void ofconn_reset(struct ofconn *);
static bool ofconn_drop(struct ofconn *, const struct ofpbuf *);

/* Stores in 'async' the default async config of a connection that speaks
 * 'version', as upstream's: masters and equals get packet-ins, port status
 * and flow removed messages, slaves port status only; OpenFlow 1.4 added
 * reasons that are on by default (packet-ins for the action set, groups
 * and packet-outs; flow removed for meter deletes and evictions). */
static void
async_cfg_default(struct ofconn_async_cfg *async, enum ofp_version version)
{
    async->packet_in[0] = (1u << OFPR_NO_MATCH) | (1u << OFPR_ACTION);
    async->packet_in[1] = 0;
    async->port_status[0] = async->port_status[1] =
        (1u << OFPPR_ADD) | (1u << OFPPR_DELETE) | (1u << OFPPR_MODIFY);
    /* Idle and hard timeouts, deletes, group deletes. */
    async->flow_removed[0] = 0xf;
    async->flow_removed[1] = 0;
    async->role_status[0] = async->role_status[1] = 0;
    async->table_status[0] = async->table_status[1] = 0;
    async->requestforward[0] = async->requestforward[1] = 0;
    if (version >= OFP14_VERSION) {
        async->packet_in[0] |= ((1u << OFPR_ACTION_SET) | (1u << OFPR_GROUP)
                                | (1u << OFPR_PACKET_OUT));
        async->flow_removed[0] = 0x3f;
    }
}

/* Returns the async config in effect on 'ofconn'. */
static const struct ofconn_async_cfg *
ofconn_async(const struct ofconn *ofconn, struct ofconn_async_cfg *buf)
{
    if (ofconn->async_set) {
        return &ofconn->async;
    }
    async_cfg_default(buf, ofputil_protocol_to_ofp_version(ofconn->protocol));
    return buf;
}

/* Opens the passive listener 'target' as a service of 'mgr'.  Returns the
 * service or NULL on failure (logged). */
static struct ofservice *
ofservice_create(struct connmgr *mgr, const char *target,
                 uint32_t allowed_versions, int probe_interval)
{
    struct ofservice *ofservice;
    struct pvconn *pvconn;
    int error;

    error = pvconn_open(target, allowed_versions, 0, &pvconn);
    if (error) {
        VLOG_ERR("%s: failed to listen on %s (%s)", mgr->name, target,
                 ovs_strerror(error));
        return NULL;
    }
    VLOG_DBG("%s: added service controller \"%s\"", mgr->name, target);
    ofservice = xzalloc(sizeof *ofservice);
    ofservice->target = xstrdup(target);
    ofservice->pvconn = pvconn;
    ofservice->allowed_versions = allowed_versions;
    ofservice->probe_interval = probe_interval;
    hmap_insert(&mgr->services, &ofservice->hmap_node,
                hash_string(target, 0));
    return ofservice;
}

/* Closes and frees 'ofservice' of 'mgr'. */
static void
ofservice_destroy(struct connmgr *mgr, struct ofservice *ofservice)
{
    hmap_remove(&mgr->services, &ofservice->hmap_node);
    pvconn_close(ofservice->pvconn);
    free(ofservice->target);
    free(ofservice);
}

/* Returns the service of 'mgr' for 'target', or NULL. */
static struct ofservice *
ofservice_lookup(const struct connmgr *mgr, const char *target)
{
    struct ofservice *ofservice;

    HMAP_FOR_EACH_WITH_HASH (ofservice, hmap_node, hash_string(target, 0),
                             &mgr->services) {
        if (!strcmp(ofservice->target, target)) {
            return ofservice;
        }
    }
    return NULL;
}

struct connmgr *
connmgr_create(struct ofproto *ofproto, const char *dpif_name,
               const char *local_name)
{
    struct connmgr *mgr = xzalloc(sizeof *mgr);

    mgr->ofproto = ofproto;
    mgr->name = xstrdup(dpif_name);
    mgr->local_port_name = xstrdup(local_name);
    ovs_list_init(&mgr->conns);
    hmap_init(&mgr->controllers);
    hmap_init(&mgr->services);
    mgr->fail_mode = OFPROTO_FAIL_STANDALONE;
    mgr->next_bogus_packet_in = LLONG_MAX;
    mgr->mgmt_target = xasprintf("punix:%s/%s.mgmt", ovs_rundir(),
                                 dpif_name);
    ofservice_create(mgr, mgr->mgmt_target, 0, 0);

    char *snoop = xasprintf("punix:%s/%s.snoop", ovs_rundir(), dpif_name);
    int error = pvconn_open(snoop, 0, 0, &mgr->snoop);
    if (error) {
        VLOG_ERR("%s: failed to listen on %s (%s)", mgr->name, snoop,
                 ovs_strerror(error));
        mgr->snoop = NULL;
    }
    free(snoop);
    return mgr;
}

void
connmgr_destroy(struct connmgr *mgr)
{
    struct ofservice *ofservice;
    struct ofconn *ofconn;

    if (!mgr) {
        return;
    }
    LIST_FOR_EACH_SAFE (ofconn, node, &mgr->conns) {
        ofconn_destroy(ofconn);
    }
    HMAP_FOR_EACH_SAFE (ofservice, hmap_node, &mgr->services) {
        ofservice_destroy(mgr, ofservice);
    }
    hmap_destroy(&mgr->controllers);
    hmap_destroy(&mgr->services);
    pvconn_close(mgr->snoop);
    free(mgr->mgmt_target);
    free(mgr->local_port_name);
    free(mgr->name);
    free(mgr);
}

struct ofproto *
connmgr_get_ofproto(const struct connmgr *mgr)
{
    return mgr->ofproto;
}

/* Returns the open bundles of 'ofconn' (see ofproto/bundles.h). */
struct hmap *
ofconn_get_bundles(struct ofconn *ofconn)
{
    return &ofconn->bundles;
}

/* Creates a new connection of 'type' on 'rconn' (taken over) for 'mgr'. */
static struct ofconn *
ofconn_create(struct connmgr *mgr, struct rconn *rconn,
              enum ofconn_type type, const char *name)
{
    struct ofconn *ofconn = xzalloc(sizeof *ofconn);

    ofconn->connmgr = mgr;
    ofconn->type = type;
    ofconn->rconn = rconn;
    ofconn->name = xstrdup(name);
    ofconn->reply_counter = rconn_packet_counter_create();
    ofconn->packet_in_counter = rconn_packet_counter_create();
    hmap_init(&ofconn->bundles);
    mp_assembler_init(&ofconn->assembler);
    ovs_list_push_back(&mgr->conns, &ofconn->node);
    ofconn_reset(ofconn);
    return ofconn;
}

/* Resets the negotiated state of 'ofconn' (on a new connection). */
static void
ofconn_reset(struct ofconn *ofconn)
{
    ofconn->seqno = rconn_get_connection_seqno(ofconn->rconn);
    ofconn->protocol = OFPUTIL_P_NONE;
    ofconn->role = OFPCR12_ROLE_EQUAL;
    ofconn->packet_in_format = OFPUTIL_PACKET_IN_STD;
    ofconn->miss_send_len = (ofconn->type == OFCONN_PRIMARY
                             ? OFP_DEFAULT_MISS_SEND_LEN : 0);
    ofconn->controller_id = 0;
    async_cfg_default(&ofconn->async, OFP10_VERSION);
    ofconn->async_set = false;
    ofconn->stop_on_error = false;
    ofconn->dropping = false;
    ofconn->n_dropped = 0;
    ofp_bundles_discard_all(&ofconn->bundles);
    mp_assembler_clear(&ofconn->assembler);
    ofmonitor_destroy_ofconn(ofconn);
}

/* Closes and frees 'ofconn'. */
static void
ofconn_destroy(struct ofconn *ofconn)
{
    struct connmgr *mgr = ofconn->connmgr;

    ovs_list_remove(&ofconn->node);
    if (ofconn->type == OFCONN_PRIMARY) {
        hmap_remove(&mgr->controllers, &ofconn->hmap_node);
    }
    ofmonitor_destroy_ofconn(ofconn);
    rconn_destroy(ofconn->rconn);
    pinsched_destroy(ofconn->pinsched);
    rconn_packet_counter_destroy(ofconn->reply_counter);
    rconn_packet_counter_destroy(ofconn->packet_in_counter);
    ofp_bundles_discard_all(&ofconn->bundles);
    hmap_destroy(&ofconn->bundles);
    mp_assembler_destroy(&ofconn->assembler);
    free(ofconn->target);
    free(ofconn->name);
    free(ofconn);
}

/* Returns the primary connection of 'mgr' for 'target', or NULL. */
static struct ofconn *
controller_lookup(const struct connmgr *mgr, const char *target)
{
    struct ofconn *ofconn;

    HMAP_FOR_EACH_WITH_HASH (ofconn, hmap_node, hash_string(target, 0),
                             &mgr->controllers) {
        if (!strcmp(ofconn->target, target)) {
            return ofconn;
        }
    }
    return NULL;
}

/* Accepts new connections on 'ofservice'. */
static void
ofservice_run(struct connmgr *mgr, struct ofservice *ofservice)
{
    int i;

    for (i = 0; i < 10; i++) {
        struct vconn *vconn;
        struct rconn *rconn;
        char *name;
        int error;

        error = pvconn_accept(ofservice->pvconn, &vconn);
        if (error) {
            if (error != EAGAIN) {
                static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

                VLOG_WARN_RL(&rl, "%s: accept failed (%s)", mgr->name,
                             ovs_strerror(error));
            }
            return;
        }
        rconn = rconn_create(ofservice->probe_interval, 0, 0,
                             ofservice->allowed_versions);
        name = xasprintf("%s<->%s", mgr->name, vconn_get_name(vconn));
        rconn_connect_unreliably(rconn, vconn, name);
        ofconn_create(mgr, rconn, OFCONN_SERVICE, name);
        free(name);
    }
}

/* Sends the packet-ins that 'ofconn''s scheduler releases. */
static void
ofconn_run_pinsched(struct ofconn *ofconn)
{
    struct ovs_list txq;
    struct ofpbuf *msg;

    if (!ofconn->pinsched) {
        return;
    }
    ovs_list_init(&txq);
    pinsched_run(ofconn->pinsched, &txq);
    LIST_FOR_EACH_POP (msg, list_node, &txq) {
        rconn_send_with_limit(ofconn->rconn, msg, ofconn->packet_in_counter,
                              OFCONN_PACKET_IN_MAX);
    }
}

/* Accepts connections on the snoop socket: each gets a copy of the
 * traffic of a controller connection (that of the controller with the
 * target that sorts first), or is closed if there is no controller. */
static void
connmgr_run_snoop(struct connmgr *mgr)
{
    struct vconn *vconn;

    while (mgr->snoop && !pvconn_accept(mgr->snoop, &vconn)) {
        struct ofconn *best = NULL;
        struct ofconn *ofconn;

        HMAP_FOR_EACH (ofconn, hmap_node, &mgr->controllers) {
            if (!best || strcmp(ofconn->target, best->target) < 0) {
                best = ofconn;
            }
        }
        if (best) {
            rconn_add_monitor(best->rconn, vconn);
        } else {
            vconn_close(vconn);
        }
    }
}

void
connmgr_run(struct connmgr *mgr,
            void (*handle_openflow)(struct ofconn *,
                                    const struct ovs_list *msgs))
{
    struct ofservice *ofservice;
    struct ofconn *ofconn;

    HMAP_FOR_EACH (ofservice, hmap_node, &mgr->services) {
        ofservice_run(mgr, ofservice);
    }
    connmgr_run_snoop(mgr);
    ofmonitor_run(mgr);

    LIST_FOR_EACH_SAFE (ofconn, node, &mgr->conns) {
        int i;

        rconn_run(ofconn->rconn);
        if (rconn_get_connection_seqno(ofconn->rconn) != ofconn->seqno) {
            ofconn_reset(ofconn);
        }
        ofconn_run_pinsched(ofconn);
        ofp_bundles_run(ofconn);
        for (i = 0; i < OFCONN_MSGS_PER_RUN
                    && (rconn_packet_counter_n_packets(ofconn->reply_counter)
                        < OFCONN_REPLY_MAX); i++) {
            struct ofpbuf *msg = rconn_recv(ofconn->rconn);
            struct ovs_list msgs;

            if (!msg) {
                break;
            }
            if (ofconn->protocol == OFPUTIL_P_NONE) {
                int version = rconn_get_version(ofconn->rconn);

                if (version > 0) {
                    ofconn->protocol = ofputil_protocol_from_ofp_version(
                        version);
                }
            }
            if (ofconn->dropping && ofconn_drop(ofconn, msg)) {
                ofpbuf_delete(msg);
                continue;
            }
            if (mp_assembler_wants(&ofconn->assembler, msg)) {
                /* One part of a multipart request. */
                struct ofpbuf *whole;
                enum ofperr error;

                whole = mp_assembler_execute(&ofconn->assembler, msg,
                                             time_msec(), &error);
                if (error) {
                    ofconn_send_error(ofconn, msg->data, error);
                }
                ofpbuf_delete(msg);
                if (!whole) {
                    continue;
                }
                msg = whole;
            }
            ovs_list_init(&msgs);
            ovs_list_push_back(&msgs, &msg->list_node);
            handle_openflow(ofconn, &msgs);
            ofpbuf_delete(msg);
        }
        for (;;) {
            struct ofpbuf *part = mp_assembler_run(&ofconn->assembler,
                                                   time_msec());
            if (!part) {
                break;
            }
            ofconn_send_error(ofconn, part->data,
                              OFPERR_OFPBRC_MULTIPART_REQUEST_TIMEOUT);
            ofpbuf_delete(part);
        }
        if (ofconn->type == OFCONN_SERVICE
            && !rconn_is_alive(ofconn->rconn)) {
            ofconn_destroy(ofconn);
        }
    }
}

void
connmgr_wait(struct connmgr *mgr)
{
    struct ofservice *ofservice;
    struct ofconn *ofconn;

    HMAP_FOR_EACH (ofservice, hmap_node, &mgr->services) {
        pvconn_wait(ofservice->pvconn);
    }
    if (mgr->snoop) {
        pvconn_wait(mgr->snoop);
    }
    if (connmgr_has_controllers(mgr)
        && mgr->fail_mode == OFPROTO_FAIL_STANDALONE) {
        /* Fail open is decided by time. */
        poll_timer_wait(1000);
        if (mgr->next_bogus_packet_in != LLONG_MAX) {
            poll_timer_wait_until(mgr->next_bogus_packet_in);
        }
    }
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        rconn_run_wait(ofconn->rconn);
        if (rconn_packet_counter_n_packets(ofconn->reply_counter)
            < OFCONN_REPLY_MAX) {
            rconn_recv_wait(ofconn->rconn);
        }
        if (ofconn->pinsched) {
            pinsched_wait(ofconn->pinsched);
        }
        ofp_bundles_wait(ofconn);
        mp_assembler_wait(&ofconn->assembler);
    }
}

/* Returns the inactivity probe interval of the connection to controller
 * 'c': none for a local (unix:) controller, as upstream, which still uses
 * the configured interval to decide when to fail open. */
static int
controller_probe_interval(const struct ofproto_controller *c)
{
    return !strncmp(c->target, "unix:", 5) ? 0 : c->probe_interval;
}

/* Returns true if 'target' names a passive (listening) connection. */
static bool
target_is_passive(const char *target)
{
    return !pvconn_verify_name(target);
}

void
connmgr_set_controllers(struct connmgr *mgr, const struct shash *controllers)
{
    struct shash_node *node;
    struct ofservice *ofservice;
    struct ofconn *ofconn;

    /* Add or update. */
    SHASH_FOR_EACH (node, controllers) {
        const struct ofproto_controller *c = node->data;

        if (target_is_passive(c->target)) {
            ofservice = ofservice_lookup(mgr, c->target);
            if (!ofservice) {
                ofservice_create(mgr, c->target, c->allowed_versions,
                                 c->probe_interval);
            }
            continue;
        }

        ofconn = controller_lookup(mgr, c->target);
        if (!ofconn) {
            struct rconn *rconn;
            char *name;

            if (vconn_verify_name(c->target)) {
                VLOG_WARN("%s: unsupported controller \"%s\"", mgr->name,
                          c->target);
                continue;
            }
            rconn = rconn_create(controller_probe_interval(c),
                                 c->max_backoff, c->dscp,
                                 c->allowed_versions);
            name = xasprintf("%s<->%s", mgr->name, c->target);
            ofconn = ofconn_create(mgr, rconn, OFCONN_PRIMARY, name);
            free(name);
            ofconn->target = xstrdup(c->target);
            hmap_insert(&mgr->controllers, &ofconn->hmap_node,
                        hash_string(c->target, 0));
            rconn_connect(rconn, c->target, ofconn->name);
            ofconn->probe_interval = c->probe_interval;
        } else {
            ofconn->probe_interval = c->probe_interval;
            rconn_set_probe_interval(ofconn->rconn,
                                     controller_probe_interval(c));
            rconn_set_max_backoff(ofconn->rconn, c->max_backoff);
        }
        if (c->rate_limit > 0) {
            if (!ofconn->pinsched) {
                ofconn->pinsched = pinsched_create(c->rate_limit,
                                                   c->burst_limit);
            } else {
                pinsched_set_limits(ofconn->pinsched, c->rate_limit,
                                    c->burst_limit);
            }
        } else if (ofconn->pinsched) {
            pinsched_destroy(ofconn->pinsched);
            ofconn->pinsched = NULL;
        }
    }

    /* Remove what is no longer configured. */
    HMAP_FOR_EACH_SAFE (ofconn, hmap_node, &mgr->controllers) {
        if (!shash_find(controllers, ofconn->target)) {
            ofconn_destroy(ofconn);
        }
    }
    HMAP_FOR_EACH_SAFE (ofservice, hmap_node, &mgr->services) {
        if (strcmp(ofservice->target, mgr->mgmt_target)
            && !shash_find(controllers, ofservice->target)) {
            ofservice_destroy(mgr, ofservice);
        }
    }
}

bool
connmgr_has_controllers(const struct connmgr *mgr)
{
    return !hmap_is_empty(&mgr->controllers);
}

bool
connmgr_is_any_controller_connected(const struct connmgr *mgr)
{
    const struct ofconn *ofconn;

    HMAP_FOR_EACH (ofconn, hmap_node, &mgr->controllers) {
        if (rconn_is_connected(ofconn->rconn)) {
            return true;
        }
    }
    return false;
}

/* Returns the database name of 'role'. */
static const char *
role_to_string(enum ofp12_controller_role role)
{
    return (role == OFPCR12_ROLE_MASTER ? "master"
            : role == OFPCR12_ROLE_SLAVE ? "slave"
            : "other");
}

void
connmgr_get_controller_info(struct connmgr *mgr, struct shash *info)
{
    const struct ofconn *ofconn;
    time_t now = time_wall();

    HMAP_FOR_EACH (ofconn, hmap_node, &mgr->controllers) {
        struct ofproto_controller_info *cinfo = xzalloc(sizeof *cinfo);
        const struct rconn *rconn = ofconn->rconn;
        time_t last_connection = rconn_get_last_connection(rconn);
        time_t last_disconnect = rconn_get_last_disconnect(rconn);
        int last_error = rconn_get_last_error(rconn);

        cinfo->is_connected = rconn_is_connected(rconn);
        cinfo->role = role_to_string(ofconn->role);
        cinfo->last_error = (last_error
                             ? xstrdup(last_error == EOF
                                       ? "End of file"
                                       : ovs_strerror(last_error))
                             : NULL);
        cinfo->state = xstrdup(rconn_get_state(rconn));
        cinfo->sec_since_connect = (last_connection != TIME_MIN
                                    && last_connection > 0
                                    ? (int) (now - last_connection) : -1);
        cinfo->sec_since_disconnect = (last_disconnect != TIME_MIN
                                       && last_disconnect > 0
                                       ? (int) (now - last_disconnect)
                                       : -1);
        shash_add(info, ofconn->target, cinfo);
    }
}

void
connmgr_free_controller_info(struct shash *info)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, info) {
        struct ofproto_controller_info *cinfo = node->data;

        free(cinfo->last_error);
        free(cinfo->state);
        free(cinfo);
    }
    shash_destroy(info);
}

void
connmgr_set_fail_mode(struct connmgr *mgr, enum ofproto_fail_mode fail_mode)
{
    mgr->fail_mode = fail_mode;
}

enum ofproto_fail_mode
connmgr_get_fail_mode(const struct connmgr *mgr)
{
    return mgr->fail_mode;
}

int
connmgr_fail_open_trigger(const struct connmgr *mgr)
{
    const struct ofconn *ofconn;
    int probe = 0;

    HMAP_FOR_EACH (ofconn, hmap_node, &mgr->controllers) {
        probe = MAX(probe, ofconn->probe_interval);
    }
    return MAX(3 * probe, 1);
}

/* Sends a "bogus" packet-in (a RARP from a random Nicira MAC, as if from
 * the local port) to every connected controller, as upstream does every 2
 * seconds while failing open, so that a controller that has not admitted
 * the switch yet gets a chance to take it over. */
static void
connmgr_send_bogus_packet_ins(struct connmgr *mgr)
{
    struct ofputil_packet_in pin;
    struct eth_addr mac;
    struct dp_packet *b;
    struct ofconn *ofconn;

    eth_addr_nicira_random(&mac);
    b = dp_packet_new(0);
    compose_rarp(b, mac);

    memset(&pin, 0, sizeof pin);
    pin.packet = dp_packet_data(b);
    pin.packet_len = dp_packet_size(b);
    pin.reason = OFPR_NO_MATCH;
    pin.cookie = (ovs_be64) UINT64_MAX;
    match_init_catchall(&pin.flow_metadata);
    match_set_in_port(&pin.flow_metadata, OFPP_LOCAL);

    HMAP_FOR_EACH (ofconn, hmap_node, &mgr->controllers) {
        if (rconn_is_connected(ofconn->rconn)) {
            rconn_send(ofconn->rconn,
                       ofputil_encode_packet_in(&pin,
                                                ofconn_get_protocol(ofconn),
                                                ofconn->packet_in_format),
                       NULL);
        }
    }
    dp_packet_delete(b);
}

void
connmgr_fail_open_run(struct connmgr *mgr, bool failing_open)
{
    long long int now = time_msec();

    if (!failing_open) {
        mgr->next_bogus_packet_in = LLONG_MAX;
    } else if (mgr->next_bogus_packet_in == LLONG_MAX) {
        mgr->next_bogus_packet_in = now + 2000;
    } else if (now >= mgr->next_bogus_packet_in) {
        connmgr_send_bogus_packet_ins(mgr);
        mgr->next_bogus_packet_in = now + 2000;
    }
}

bool
connmgr_wants_fail_open(const struct connmgr *mgr)
{
    const struct ofconn *ofconn;
    int trigger;

    if (mgr->fail_mode != OFPROTO_FAIL_STANDALONE
        || !connmgr_has_controllers(mgr)) {
        return false;
    }
    trigger = connmgr_fail_open_trigger(mgr);
    HMAP_FOR_EACH (ofconn, hmap_node, &mgr->controllers) {
        /* A connected controller that has not admitted the switch yet
         * (sent nothing but hello, echo or features requests) does not
         * keep it from failing open, as upstream. */
        if (rconn_failure_duration(ofconn->rconn) < trigger) {
            return false;
        }
    }
    return true;
}

void
connmgr_reconnect(const struct connmgr *mgr)
{
    struct ofconn *ofconn;

    HMAP_FOR_EACH (ofconn, hmap_node, &mgr->controllers) {
        rconn_reconnect(ofconn->rconn);
    }
}

/* Returns true if 'ofconn' receives asynchronous messages at all: every
 * controller does; a service connection (e.g. "ovs-ofctl monitor") only
 * once it set a miss_send_len, as upstream. */
static bool
ofconn_receives_async_msgs(const struct ofconn *ofconn)
{
    return (ofconn->protocol != OFPUTIL_P_NONE
            && rconn_is_connected(ofconn->rconn)
            && (ofconn->type == OFCONN_PRIMARY || ofconn->miss_send_len));
}

/* Returns the index into async masks for 'ofconn''s role. */
static int
ofconn_async_index(const struct ofconn *ofconn)
{
    return ofconn->role == OFPCR12_ROLE_SLAVE ? 1 : 0;
}

void
connmgr_send_port_status(struct connmgr *mgr,
                         const struct ofputil_phy_port *pp, uint8_t reason)
{
    struct ofputil_port_status ps;
    struct ofconn *ofconn;

    ps.reason = reason;
    ps.desc = *pp;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        struct ofpbuf *msg;

        struct ofconn_async_cfg buf;

        if (!ofconn_receives_async_msgs(ofconn)
            || !(ofconn_async(ofconn, &buf)
                 ->port_status[ofconn_async_index(ofconn)]
                 & (1u << reason))) {
            continue;
        }
        msg = ofputil_encode_port_status(&ps, ofconn->protocol);
        rconn_send(ofconn->rconn, msg, NULL);
    }
}

void
connmgr_send_flow_removed(struct connmgr *mgr,
                          const struct ofputil_flow_removed *fr)
{
    struct ofconn *ofconn;

    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        struct ofconn_async_cfg buf;

        if (ofconn_receives_async_msgs(ofconn)
            && (ofconn_async(ofconn, &buf)
                ->flow_removed[ofconn_async_index(ofconn)]
                & (1u << fr->reason))) {
            rconn_send(ofconn->rconn,
                       ofputil_encode_flow_removed(fr, ofconn->protocol),
                       NULL);
        }
    }
}

/* Returns true if 'ofconn' takes table-miss packet-ins. */
static bool
ofconn_wants_packet_in_on_miss(const struct ofconn *ofconn)
{
    return (ofconn_receives_async_msgs(ofconn)
            && ofputil_protocol_to_ofp_version(ofconn->protocol)
               < OFP13_VERSION);
}

bool
connmgr_wants_packet_in_on_miss(const struct connmgr *mgr)
{
    const struct ofconn *ofconn;

    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn_wants_packet_in_on_miss(ofconn)) {
            return true;
        }
    }
    return false;
}

/* Returns the packet-in reason that 'ofconn' sees for the internal
 * reason 'reason', as upstream: a table-miss flow's packet-ins are
 * "no_match" for OpenFlow 1.3+ and "action" before; the reasons that
 * OpenFlow 1.4 added are "action" before it. */
static uint8_t
ofconn_wire_reason(const struct ofconn *ofconn, uint8_t reason)
{
    enum ofp_version version
        = ofputil_protocol_to_ofp_version(ofconn->protocol);

    switch (reason) {
    case OFPR_EXPLICIT_MISS:
        return version >= OFP13_VERSION ? OFPR_NO_MATCH : OFPR_ACTION;
    case OFPR_IMPLICIT_MISS:
        return OFPR_NO_MATCH;
    case OFPR_ACTION_SET:
    case OFPR_GROUP:
    case OFPR_PACKET_OUT:
        return version >= OFP14_VERSION ? reason : OFPR_ACTION;
    default:
        return reason;
    }
}

void
connmgr_send_async_msg(struct connmgr *mgr,
                       const struct ofproto_async_msg *am)
{
    struct ofconn *ofconn;

    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        struct ofconn_async_cfg buf;
        struct ofputil_packet_in pin;
        struct ovs_list txq;
        struct ofpbuf *msg;
        uint8_t reason;

        if (!ofconn_receives_async_msgs(ofconn)) {
            continue;
        }
        reason = ofconn_wire_reason(ofconn, am->pin.reason);
        if ((am->controller_id
             && am->controller_id != ofconn->controller_id)
            || (am->table_miss && !ofconn_wants_packet_in_on_miss(ofconn))
            || !(ofconn_async(ofconn, &buf)
                 ->packet_in[ofconn_async_index(ofconn)]
                 & (1u << reason))) {
            continue;
        }
        pin = am->pin;
        pin.reason = reason;
        if (reason == OFPR_NO_MATCH && !ofconn->miss_send_len) {
            continue;
        }
        /* The switch buffers no packets, so that packet-ins carry the
         * whole packet whatever max_len or miss_send_len say, as
         * upstream's. */
        pin.max_len = 0;
        if (am->continuation) {
            /* Only NXT_PACKET_IN2 carries the continuation. */
            struct ofputil_packet_in_private priv = *am->continuation;

            priv.base = pin;
            msg = ofputil_encode_packet_in_private(&priv, ofconn->protocol,
                                                   ofconn->packet_in_format);
        } else {
            msg = ofputil_encode_packet_in(&pin, ofconn->protocol,
                                           ofconn->packet_in_format);
        }
        ovs_list_init(&txq);
        pinsched_send(ofconn->pinsched,
                      pin.flow_metadata.flow.in_port.ofp_port,
                      msg, &txq);
        LIST_FOR_EACH_POP (msg, list_node, &txq) {
            rconn_send_with_limit(ofconn->rconn, msg,
                                  ofconn->packet_in_counter,
                                  OFCONN_PACKET_IN_MAX);
        }
    }
}

void
ofproto_async_msg_free(struct ofproto_async_msg *am)
{
    if (am) {
        free(am->pin.packet);
        free(am->pin.userdata);
        if (am->continuation) {
            free(am->continuation->stack);
            free(am->continuation->actions);
            free(am->continuation->action_set);
            free(am->continuation);
        }
        free(am);
    }
}

enum ofconn_type
ofconn_get_type(const struct ofconn *ofconn)
{
    return ofconn->type;
}

struct connmgr *
ofconn_get_connmgr(const struct ofconn *ofconn)
{
    return ofconn->connmgr;
}

enum ofp_version
ofconn_get_version(const struct ofconn *ofconn)
{
    int version = rconn_get_version(ofconn->rconn);

    return version > 0 ? version : OFP10_VERSION;
}

enum ofputil_protocol
ofconn_get_protocol(const struct ofconn *ofconn)
{
    if (ofconn->protocol == OFPUTIL_P_NONE) {
        return ofputil_protocol_from_ofp_version(ofconn_get_version(ofconn));
    }
    return ofconn->protocol;
}

void
ofconn_set_protocol(struct ofconn *ofconn, enum ofputil_protocol protocol)
{
    ofconn->protocol = protocol;
}

enum ofp12_controller_role
ofconn_get_role(const struct ofconn *ofconn)
{
    return ofconn->role;
}

void
ofconn_set_role(struct ofconn *ofconn, enum ofp12_controller_role role)
{
    if (role == OFPCR12_ROLE_MASTER) {
        struct ofconn *other;

        LIST_FOR_EACH (other, node, &ofconn->connmgr->conns) {
            if (other != ofconn && other->role == OFPCR12_ROLE_MASTER) {
                other->role = OFPCR12_ROLE_SLAVE;
            }
        }
    }
    ofconn->role = role;
}

bool
ofconn_set_master_election_id(struct ofconn *ofconn, uint64_t id)
{
    struct connmgr *mgr = ofconn->connmgr;

    if (mgr->master_election_id_defined
        && (int64_t) (id - mgr->master_election_id) < 0) {
        return false;
    }
    mgr->master_election_id = id;
    mgr->master_election_id_defined = true;
    return true;
}

uint64_t
ofconn_get_master_election_id(const struct ofconn *ofconn)
{
    const struct connmgr *mgr = ofconn->connmgr;

    return mgr->master_election_id_defined ? mgr->master_election_id
                                           : UINT64_MAX;
}

enum ofputil_packet_in_format
ofconn_get_packet_in_format(struct ofconn *ofconn)
{
    return ofconn->packet_in_format;
}

void
ofconn_set_packet_in_format(struct ofconn *ofconn,
                            enum ofputil_packet_in_format format)
{
    ofconn->packet_in_format = format;
}

int
ofconn_get_miss_send_len(const struct ofconn *ofconn)
{
    return ofconn->miss_send_len;
}

void
ofconn_set_miss_send_len(struct ofconn *ofconn, int miss_send_len)
{
    ofconn->miss_send_len = miss_send_len;
}

void
ofconn_set_controller_id(struct ofconn *ofconn, uint16_t controller_id)
{
    ofconn->controller_id = controller_id;
}

void
ofconn_get_async_config(const struct ofconn *ofconn,
                        struct ofconn_async_cfg *async)
{
    *async = *ofconn_async(ofconn, async);
}

void
ofconn_set_async_config(struct ofconn *ofconn,
                        const struct ofconn_async_cfg *async)
{
    ofconn->async = *async;
    ofconn->async_set = true;
}

void
ofconn_send_reply(const struct ofconn *ofconn, struct ofpbuf *msg)
{
    ofpmsg_update_length(msg);
    rconn_send(ofconn->rconn, msg, ofconn->reply_counter);
}

void
ofconn_send_counted(const struct ofconn *ofconn, struct ofpbuf *msg,
                    struct rconn_packet_counter *counter)
{
    ofpmsg_update_length(msg);
    rconn_send(ofconn->rconn, msg, counter);
}

void
ofconn_send_replies(const struct ofconn *ofconn, struct ovs_list *replies)
{
    struct ofpbuf *reply;

    while ((reply = ofpmp_pop(replies)) != NULL) {
        rconn_send(ofconn->rconn, reply, ofconn->reply_counter);
    }
}

/* Turns 'ofconn''s stopping at the first error (WFTT_STOP_ON_ERROR) on
 * ('enable') or off. */
void
ofconn_set_stop_on_error(struct ofconn *ofconn, bool enable)
{
    ofconn->stop_on_error = enable;
    if (!enable) {
        ofconn->dropping = false;
        ofconn->n_dropped = 0;
    }
}

/* Returns true if 'ofconn', which is dropping messages since it sent an
 * error with stop-on-error on, must drop 'msg'.  A barrier request ends
 * the dropping (and is then handled); an echo request is answered. */
static bool
ofconn_drop(struct ofconn *ofconn, const struct ofpbuf *msg)
{
    enum ofptype type;

    if (ofptype_decode(&type, msg->data)) {
        type = OFPTYPE_HELLO;   /* Any type that is dropped. */
    }
    if (type == OFPTYPE_ECHO_REQUEST) {
        return false;
    } else if (type == OFPTYPE_BARRIER_REQUEST) {
        VLOG_DBG("%s: dropped %u messages after an error", ofconn->name,
                 ofconn->n_dropped);
        ofconn->dropping = false;
        ofconn->n_dropped = 0;
        return false;
    }
    COVERAGE_INC(ofconn_dropped_after_error);
    ofconn->n_dropped++;
    return true;
}

/* Sends 'ofconn' an error reply 'error' to 'request'.  With stop-on-error
 * on, 'ofconn' then drops what follows up to the next barrier request. */
void
ofconn_send_error(struct ofconn *ofconn,
                  const struct ofp_header *request, enum ofperr error)
{
    static struct vlog_rate_limit err_rl = VLOG_RATE_LIMIT_INIT(10, 10);
    struct ofpbuf *reply = ofperr_encode_reply(error, request);

    if (!VLOG_DROP_INFO(&err_rl)) {
        enum ofptype type;

        VLOG_INFO("%s: sending %s error reply to %s message",
                  ofconn->name, ofperr_to_string(error),
                  (ofptype_decode(&type, request)
                   ? "unknown" : ofptype_get_name(type)));
    }
    if (reply) {
        ofconn_send_reply(ofconn, reply);
    }
    if (ofconn->stop_on_error) {
        ofconn->dropping = true;
    }
}

const char *
ofconn_get_name(const struct ofconn *ofconn)
{
    return ofconn->name;
}
