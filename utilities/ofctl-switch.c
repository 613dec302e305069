/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-ofctl commands that talk to a switch about the connection and the
 * switch itself: show, dump-desc, dump-ports, dump-ports-desc, mod-port,
 * get-frags, set-frags, snoop, probe, ping.  Also the helper that every
 * switch command uses to connect (ofctl_open_vconn()). */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "command-line.h"
#include "dirs.h"
#include "openflow/openflow-common.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-port.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-switch.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "ofpbuf.h"
#include "ovs-ofctl.h"
#include "timeval.h"

/* Returns true if 'path' names a Unix domain socket. */
static bool
is_socket(const char *path)
{
    struct stat s;
    return !stat(path, &s) && S_ISSOCK(s.st_mode);
}

/* Returns the vconn name for 'name' as ovs-ofctl's users give it: a vconn
 * name ("tcp:...", "unix:..."), a bridge name (whose socket is
 * RUNDIR/NAME.SUFFIX, where 'suffix' is "mgmt" for management or "snoop"
 * for snooping), or the file name of a socket.  The caller frees the
 * result.  Exits with upstream's message if 'name' is none of these. */
static char *
ofctl_vconn_name(const char *name, const char *suffix)
{
    if (strchr(name, ':')) {
        return xstrdup(name);
    }

    char *bridge_path = xasprintf("%s/%s.%s", ovs_rundir(), name, suffix);
    if (is_socket(bridge_path)) {
        char *vconn_name = xasprintf("unix:%s", bridge_path);
        free(bridge_path);
        return vconn_name;
    }
    free(bridge_path);

    if (is_socket(name)) {
        return xasprintf("unix:%s", name);
    }
    ovs_fatal(0, "%s is not a bridge or a socket", name);
}

/* Connects to the switch 'name' (see ofctl_vconn_name()) with the versions
 * allowed by -O, completing the hello exchange, and stores the vconn in
 * '*vconnp'.  Exits with upstream's messages on failure.  Returns the
 * negotiated OpenFlow version. */
static int
ofctl_open_vconn__(const char *name, const char *suffix,
                   struct vconn **vconnp)
{
    char *vconn_name = ofctl_vconn_name(name, suffix);
    struct vconn *vconn;
    int error;

    error = vconn_open(vconn_name, ofctl_options.allowed_versions, 0,
                       &vconn);
    if (error) {
        ovs_fatal(0, "connecting to %s (%s)", vconn_name,
                  ovs_retval_to_string(error));
    }
    error = vconn_connect_block(vconn, -1);
    if (error) {
        ovs_fatal(0, "%s: failed to connect to socket (%s)", name,
                  ovs_retval_to_string(error));
    }
    free(vconn_name);
    *vconnp = vconn;
    return vconn_get_version(vconn);
}

int
ofctl_open_vconn(const char *name, struct vconn **vconnp)
{
    return ofctl_open_vconn__(name, "mgmt", vconnp);
}

/* Returns a new echo request in 'version' carrying 'payload_size' bytes
 * of payload. */
static struct ofpbuf *
make_echo_request(int version, size_t payload_size)
{
    struct ofpbuf *msg = ofpbuf_new(sizeof(struct ofp_header) + payload_size);
    struct ofp_header *oh = ofpbuf_put_zeros(msg, sizeof *oh);

    oh->version = version;
    oh->type = OFPT_ECHO_REQUEST;
    oh->length = htons(sizeof *oh + payload_size);
    oh->xid = alloc_xid();
    for (size_t i = 0; i < payload_size; i++) {
        uint8_t byte = random() & 0xff;
        ofpbuf_put(msg, &byte, 1);
    }
    return msg;
}

/* Sends 'request' on 'vconn' (named 'name') and returns the reply with the
 * same xid, exiting with upstream's message on failure. */
static struct ofpbuf *
transact_or_die(struct vconn *vconn, const char *name,
                struct ofpbuf *request)
{
    struct ofpbuf *reply;
    int error = vconn_transact(vconn, request, &reply);
    if (error) {
        ovs_fatal(0, "talking to %s (%s)", name, ovs_retval_to_string(error));
    }
    return reply;
}

/* "probe TARGET": succeeds if TARGET answers an echo request. */
static void
ofctl_probe(struct ovs_cmdl_context *ctx)
{
    struct vconn *vconn;
    int version = ofctl_open_vconn(ctx->argv[1], &vconn);
    struct ofpbuf *request = make_echo_request(version, 0);
    struct ofpbuf *reply = transact_or_die(vconn, vconn_get_name(vconn),
                                           request);
    const struct ofp_header *rh = reply->data;

    if (rh->type != OFPT_ECHO_REPLY || ntohs(rh->length) != sizeof *rh) {
        ovs_fatal(0, "reply does not match request");
    }
    ofpbuf_delete(reply);
    vconn_close(vconn);
}

/* "ping TARGET [N]": sends 10 echo requests with N bytes (default 64) of
 * payload and prints the latency of each reply. */
static void
ofctl_ping(struct ovs_cmdl_context *ctx)
{
    size_t max_payload = 65535 - sizeof(struct ofp_header);
    unsigned int payload;
    struct vconn *vconn;
    int version;

    payload = ctx->argc > 2 ? atoi(ctx->argv[2]) : 64;
    if (payload > max_payload) {
        ovs_fatal(0, "payload must be between 0 and %"PRIuMAX" bytes",
                  (uintmax_t) max_payload);
    }

    version = ofctl_open_vconn(ctx->argv[1], &vconn);
    for (int i = 0; i < 10; i++) {
        struct ofpbuf *request = make_echo_request(version, payload);
        struct ofpbuf *copy = ofpbuf_clone(request);
        long long int start = time_usec();
        struct ofpbuf *reply = transact_or_die(vconn, vconn_get_name(vconn),
                                               request);
        long long int end = time_usec();
        const struct ofp_header *rq = copy->data;
        const struct ofp_header *rp = reply->data;

        if (reply->size != copy->size
            || rp->type != OFPT_ECHO_REPLY
            || rp->xid != rq->xid
            || memcmp(rp + 1, rq + 1, payload)) {
            printf("Reply does not match request.  Request:\n");
            ofp_print(stdout, copy->data, copy->size, NULL, NULL, 2);
            printf("Reply:\n");
            ofp_print(stdout, reply->data, reply->size, NULL, NULL, 2);
        }
        printf("%"PRIuMAX" bytes from %s: xid=%08"PRIx32" time=%.1f ms\n",
               (uintmax_t) (reply->size - sizeof *rp),
               vconn_get_name(vconn), ntohl(rp->xid),
               (end - start) / 1000.0);
        ofpbuf_delete(copy);
        ofpbuf_delete(reply);
    }
    vconn_close(vconn);
}

/* Prints 'msg' as ovs-ofctl prints replies. */
static void
print_reply(const struct ofpbuf *msg)
{
    ofp_print(stdout, msg->data, msg->size, NULL, NULL,
              ofctl_options.verbosity + 1);
}

/* Sends the request 'request' (taking ownership) on 'vconn' (named 'name')
 * and prints the reply or, for a multipart request, every reply up to the
 * last one. */
static void
dump_transaction(struct vconn *vconn, const char *name,
                 struct ofpbuf *request)
{
    const struct ofp_header *oh = request->data;
    bool multipart = ofpmsg_is_stat_request(oh);
    ovs_be32 xid = oh->xid;
    struct ofpbuf *reply;
    int error;

    if (!multipart) {
        print_reply(reply = transact_or_die(vconn, name, request));
        ofpbuf_delete(reply);
        return;
    }

    error = vconn_send_block(vconn, request);
    if (error) {
        ovs_fatal(0, "talking to %s (%s)", name, ovs_retval_to_string(error));
    }
    for (;;) {
        error = vconn_recv_xid(vconn, xid, &reply);
        if (error) {
            ovs_fatal(0, "talking to %s (%s)", name,
                      ovs_retval_to_string(error));
        }
        print_reply(reply);

        const struct ofp_header *rh = reply->data;
        bool more = ofpmsg_is_stat_reply(rh) && ofpmp_more(rh);
        ofpbuf_delete(reply);
        if (!more) {
            return;
        }
    }
}

/* Connects to 'name', sends a request of type 'raw' with an empty body,
 * prints the reply or replies, and disconnects. */
static void
dump_trivial_transaction(const char *name, enum ofpraw raw)
{
    struct vconn *vconn;
    int version = ofctl_open_vconn(name, &vconn);

    dump_transaction(vconn, name, ofpraw_alloc(raw, version, 0));
    vconn_close(vconn);
}

/* Asks switch 'name' for its port descriptions and looks for the port
 * named 'port_name' or, if 'port_name' is all digits, numbered so.
 * Returns true and stores the port in '*pp' if there is one. */
static bool
fetch_port(const char *name, const char *port_name,
           struct ofputil_phy_port *pp)
{
    struct vconn *vconn;
    int version = ofctl_open_vconn(name, &vconn);
    struct ofpbuf *request = ofputil_encode_port_desc_stats_request(
        version, OFPP_NONE);
    ovs_be32 xid = ((struct ofp_header *) request->data)->xid;
    bool numeric = port_name[0] && strspn(port_name, "0123456789")
                                   == strlen(port_name);
    unsigned long port_no = numeric ? strtoul(port_name, NULL, 10) : 0;
    bool found = false;
    bool more = true;
    int error;

    error = vconn_send_block(vconn, request);
    while (!error && more) {
        struct ofpbuf *reply;
        enum ofpraw raw;

        error = vconn_recv_xid(vconn, xid, &reply);
        if (error) {
            break;
        }
        more = (ofpmsg_is_stat_reply(reply->data)
                && ofpmp_more(reply->data));

        struct ofpbuf b = *reply;
        if (!ofpraw_pull(&raw, &b)) {
            while (!found && !ofputil_pull_phy_port(version, &b, pp)) {
                found = (numeric
                         ? ofp_to_u16(pp->port_no) == port_no
                         : !strcmp(pp->name, port_name));
            }
        }
        ofpbuf_delete(reply);
    }
    if (error) {
        ovs_fatal(0, "talking to %s (%s)", name, ovs_retval_to_string(error));
    }
    vconn_close(vconn);
    return found;
}

/* Returns the port numbered or named 's' (a reserved name such as LOCAL,
 * or the name of a port of switch 'name'), exiting with upstream's message
 * if there is none. */
static ofp_port_t
parse_port(const char *name, const char *s)
{
    struct ofputil_phy_port pp;
    ofp_port_t port;

    if (ofputil_port_from_string(s, NULL, &port)) {
        return port;
    } else if (fetch_port(name, s, &pp)) {
        return pp.port_no;
    }
    ovs_fatal(0, "%s: unknown port `%s'", name, s);
}

/* "show SWITCH": the features reply (and, where it carries no ports, the
 * port descriptions) and the switch configuration. */
static void
ofctl_show(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct vconn *vconn;
    int version = ofctl_open_vconn(name, &vconn);
    struct ofpbuf *request = ofpraw_alloc(OFPRAW_OFPT_FEATURES_REQUEST,
                                          version, 0);
    struct ofpbuf *reply = transact_or_die(vconn, name, request);
    bool has_ports = ofputil_switch_features_has_ports(reply);

    print_reply(reply);
    ofpbuf_delete(reply);
    if (!has_ports) {
        dump_transaction(vconn, name,
                         ofputil_encode_port_desc_stats_request(version,
                                                                OFPP_NONE));
    }
    /* Like upstream, on a connection of its own. */
    dump_trivial_transaction(name, OFPRAW_OFPT_GET_CONFIG_REQUEST);
    vconn_close(vconn);
}

/* "dump-desc SWITCH": the switch description. */
static void
ofctl_dump_desc(struct ovs_cmdl_context *ctx)
{
    dump_trivial_transaction(ctx->argv[1], OFPRAW_OFPST_DESC_REQUEST);
}

/* "dump-ports SWITCH [PORT]": port statistics. */
static void
ofctl_dump_ports(struct ovs_cmdl_context *ctx)
{
    ofp_port_t port = (ctx->argc > 2
                       ? parse_port(ctx->argv[1], ctx->argv[2])
                       : OFPP_NONE);
    struct vconn *vconn;
    int version = ofctl_open_vconn(ctx->argv[1], &vconn);

    dump_transaction(vconn, ctx->argv[1],
                     ofputil_encode_dump_ports_request(version, port));
    vconn_close(vconn);
}

/* "dump-ports-desc SWITCH [PORT]": port descriptions. */
static void
ofctl_dump_ports_desc(struct ovs_cmdl_context *ctx)
{
    ofp_port_t port = (ctx->argc > 2
                       ? parse_port(ctx->argv[1], ctx->argv[2])
                       : OFPP_NONE);
    struct vconn *vconn;
    int version = ofctl_open_vconn(ctx->argv[1], &vconn);

    dump_transaction(vconn, ctx->argv[1],
                     ofputil_encode_port_desc_stats_request(version, port));
    vconn_close(vconn);
}

/* Fetches the switch configuration of 'vconn' (named 'name') into
 * '*config'. */
static void
fetch_switch_config(struct vconn *vconn, const char *name,
                    struct ofputil_switch_config *config)
{
    struct ofpbuf *request = ofpraw_alloc(OFPRAW_OFPT_GET_CONFIG_REQUEST,
                                          vconn_get_version(vconn), 0);
    struct ofpbuf *reply = transact_or_die(vconn, name, request);
    enum ofptype type;

    if (ofptype_decode(&type, reply->data)
        || type != OFPTYPE_GET_CONFIG_REPLY
        || ofputil_decode_get_config_reply(reply->data, config)) {
        ovs_fatal(0, "%s: bad reply to config request", name);
    }
    ofpbuf_delete(reply);
}

/* "get-frags SWITCH": prints the fragment handling mode. */
static void
ofctl_get_frags(struct ovs_cmdl_context *ctx)
{
    struct ofputil_switch_config config;
    struct vconn *vconn;

    ofctl_open_vconn(ctx->argv[1], &vconn);
    fetch_switch_config(vconn, ctx->argv[1], &config);
    puts(ofputil_frag_handling_to_string(config.frag));
    vconn_close(vconn);
}

/* "set-frags SWITCH MODE": sets the fragment handling mode, and checks
 * that the switch took it. */
static void
ofctl_set_frags(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    const char *mode_s = ctx->argv[2];
    struct ofputil_switch_config config;
    enum ofputil_frag_handling mode;
    struct vconn *vconn;

    if (!ofputil_frag_handling_from_string(mode_s, &mode)) {
        ovs_fatal(0, "%s: unknown fragment handling mode", mode_s);
    }

    int version = ofctl_open_vconn(name, &vconn);
    fetch_switch_config(vconn, name, &config);
    if (config.frag != mode) {
        struct ofpbuf *reply;
        int error;

        config.frag = mode;
        error = vconn_transact_noreply(
            vconn, ofputil_encode_set_config(&config, version), &reply);
        if (error) {
            ovs_fatal(0, "talking to %s (%s)", name,
                      ovs_retval_to_string(error));
        }
        ofpbuf_delete(reply);

        fetch_switch_config(vconn, name, &config);
        if (config.frag != mode) {
            ovs_fatal(0, "%s: setting fragment handling mode failed (this "
                      "switch probably doesn't support mode \"%s\")",
                      name, ofputil_frag_handling_to_string(mode));
        }
    }
    vconn_close(vconn);
}

/* The "mod-port" commands: each sets or clears one port config bit. */
struct mod_port_command {
    const char *name;           /* Command name, e.g. "no-flood". */
    enum ofputil_port_config bit; /* The config bit. */
    bool set;                   /* Set the bit (true) or clear it? */
};

static const struct mod_port_command mod_port_commands[] = {
    { "up", OFPUTIL_PC_PORT_DOWN, false },
    { "down", OFPUTIL_PC_PORT_DOWN, true },
    { "stp", OFPUTIL_PC_NO_STP, false },
    { "no-stp", OFPUTIL_PC_NO_STP, true },
    { "receive", OFPUTIL_PC_NO_RECV, false },
    { "no-receive", OFPUTIL_PC_NO_RECV, true },
    { "receive-stp", OFPUTIL_PC_NO_RECV_STP, false },
    { "no-receive-stp", OFPUTIL_PC_NO_RECV_STP, true },
    { "forward", OFPUTIL_PC_NO_FWD, false },
    { "no-forward", OFPUTIL_PC_NO_FWD, true },
    { "flood", OFPUTIL_PC_NO_FLOOD, false },
    { "no-flood", OFPUTIL_PC_NO_FLOOD, true },
    { "packet-in", OFPUTIL_PC_NO_PACKET_IN, false },
    { "no-packet-in", OFPUTIL_PC_NO_PACKET_IN, true },
};

/* "mod-port SWITCH PORT ACTION": changes one config bit of PORT (a port
 * name or number). */
static void
ofctl_mod_port(struct ovs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    const struct mod_port_command *cmd = NULL;
    struct ofputil_port_mod pm;
    struct ofputil_phy_port pp;
    struct vconn *vconn;
    struct ofpbuf *reply;
    int version;
    int error;

    if (!fetch_port(name, ctx->argv[2], &pp)) {
        ovs_fatal(0, "%s: couldn't find port `%s'", name, ctx->argv[2]);
    }
    /* As upstream, "noX" and "no-X" negate command X (e.g. "noflood",
     * "no-up"), in any case. */
    const char *arg = ctx->argv[3];
    bool negate = false;

    for (int pass = 0; !cmd && pass < 2; pass++) {
        for (size_t i = 0; i < ARRAY_SIZE(mod_port_commands); i++) {
            if (pass && !strncmp(mod_port_commands[i].name, "no-", 3)) {
                /* "no-no-X" is not "X". */
                continue;
            }
            if (!strcasecmp(arg, mod_port_commands[i].name)) {
                cmd = &mod_port_commands[i];
                break;
            }
        }
        if (!cmd && !pass && !strncasecmp(arg, "no", 2)) {
            arg += 2 + (arg[2] == '-');
            negate = true;
        } else {
            break;
        }
    }
    if (!cmd) {
        ovs_fatal(0, "unknown mod-port command '%s'", ctx->argv[3]);
    }

    memset(&pm, 0, sizeof pm);
    pm.port_no = pp.port_no;
    pm.hw_addr = pp.hw_addr;
    pm.config = cmd->set != negate ? cmd->bit : 0;
    pm.mask = cmd->bit;
    pm.advertise = 0;

    version = ofctl_open_vconn(name, &vconn);
    error = vconn_transact_noreply(
        vconn, ofputil_encode_port_mod(
            &pm, ofputil_protocol_from_ofp_version(version)),
        &reply);
    if (error) {
        ovs_fatal(0, "talking to %s (%s)", name, ovs_retval_to_string(error));
    }
    if (reply) {
        ofp_print(stderr, reply->data, reply->size, NULL, NULL,
                  ofctl_options.verbosity + 2);
        exit(1);
    }
    vconn_close(vconn);
}

/* "snoop SWITCH": prints every message between the switch and its
 * controllers, through the bridge's snoop socket, until the connection
 * ends. */
static void
ofctl_snoop(struct ovs_cmdl_context *ctx)
{
    struct vconn *vconn;

    ofctl_open_vconn__(ctx->argv[1], "snoop", &vconn);
    vconn_set_recv_any_version(vconn);
    for (;;) {
        struct ofpbuf *msg;
        int error = vconn_recv_block(vconn, &msg);

        if (error == EOF) {
            break;
        } else if (error) {
            ovs_fatal(0, "vconn_recv (%s)", ovs_retval_to_string(error));
        }
        ofp_print(stdout, msg->data, msg->size, NULL, NULL,
                  ofctl_options.verbosity + 2);
        fflush(stdout);
        ofpbuf_delete(msg);
    }
    vconn_close(vconn);
}

const struct ovs_cmdl_command ofctl_switch_commands[] = {
    { "mod-port", "switch iface act", 3, 3, ofctl_mod_port, OVS_RW },
    { "get-frags", "switch", 1, 1, ofctl_get_frags, OVS_RO },
    { "set-frags", "switch frag_mode", 2, 2, ofctl_set_frags, OVS_RW },
    { "snoop", "switch", 1, 1, ofctl_snoop, OVS_RO },
    { "show", "switch", 1, 1, ofctl_show, OVS_RO },
    { "dump-desc", "switch", 1, 1, ofctl_dump_desc, OVS_RO },
    { "dump-ports", "switch [port]", 1, 2, ofctl_dump_ports, OVS_RO },
    { "dump-ports-desc", "switch [port]", 1, 2, ofctl_dump_ports_desc,
      OVS_RO },
    { "probe", "target", 1, 1, ofctl_probe, OVS_RO },
    { "ping", "target [n]", 1, 2, ofctl_ping, OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};
