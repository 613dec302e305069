/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* ovs-ofctl "monitor": connects to a switch, configures the connection
 * (miss-send length, invalid TTL to controller, packet-in format, flow
 * monitor), then prints every OpenFlow message the switch sends, on
 * standard error, until the connection ends or "ovs-appctl exit".  While
 * it runs, its control socket takes the commands ofctl/send,
 * ofctl/packet-out, ofctl/barrier, ofctl/set-output-file, ofctl/block,
 * ofctl/unblock and exit.  The behaviour and every message printed are
 * upstream ovs-ofctl's, as observed on its binary. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command-line.h"
#include "daemon.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-errors.h"
#include "openvswitch/ofp-monitor.h"
#include "openvswitch/ofp-msgs.h"
#include "openvswitch/ofp-packet.h"
#include "openvswitch/ofp-print.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/ofp-switch.h"
#include "openvswitch/util.h"
#include "openvswitch/vconn.h"
#include "ofpbuf.h"
#include "ovs-ofctl.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"

/* The state of a running "monitor". */
struct ofctl_monitor {
    struct vconn *vconn;        /* Connection to the switch. */
    const char *name;           /* The switch, as named on the command
                                 * line. */
    bool blocked;               /* Between ofctl/block and ofctl/unblock:
                                 * messages from the switch wait. */
    bool exiting;               /* "exit" received. */
    bool resume;                /* "resume": hand back each paused
                                 * pipeline's continuation? */

    /* ofctl/barrier waiting for its reply, if 'barrier_conn' is nonnull. */
    struct unixctl_conn *barrier_conn; /* Connection to answer. */
    ovs_be32 barrier_xid;       /* The barrier request's xid. */
};

/* The switch, as named on the command line, once the connection is set
 * up (for fetching its port and table names for printing), else NULL. */
static const char *monitor_switch_name;

/* Writes 'msg', formatted by ofp_to_string() at 'verbosity' and preceded
 * by 'prefix', on standard error, where "monitor" prints everything, with
 * the time of day first if --timestamp was given. */
static void
monitor_print(const char *prefix, const struct ofpbuf *msg, int verbosity)
{
    const struct ofputil_table_map *tables = NULL;
    const struct ofputil_port_map *ports = NULL;

    if (monitor_switch_name) {
        /* With --names, the names are fetched before the first print. */
        ofctl_maps_to_show(monitor_switch_name, &ports, &tables);
    }

    char *s = ofp_to_string(msg->data, msg->size, ports, tables, verbosity);

    if (ofctl_options.timestamp) {
        struct tm_msec tm;
        char stamp[64];

        strftime_msec(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S.###: ",
                      localtime_msec(time_wall_msec(), &tm));
        fputs(stamp, stderr);
    }
    fprintf(stderr, "%s%s", prefix, s);
    fflush(stderr);
    free(s);
}

/* Sends 'msg' (taking ownership) to the switch, exiting on failure. */
static void
monitor_send(struct ofctl_monitor *m, struct ofpbuf *msg)
{
    int error = vconn_send_block(m->vconn, msg);

    if (error) {
        ovs_fatal(0, "vconn_send (%s)", ovs_retval_to_string(error));
    }
}

/* Sends a barrier request to the switch and returns its xid. */
static ovs_be32
monitor_send_barrier(struct ofctl_monitor *m)
{
    int version = vconn_get_version(m->vconn);
    struct ofpbuf *barrier = ofpraw_alloc(version == OFP10_VERSION
                                          ? OFPRAW_OFPT10_BARRIER_REQUEST
                                          : OFPRAW_OFPT11_BARRIER_REQUEST,
                                          version, 0);
    ovs_be32 xid = ((const struct ofp_header *) barrier->data)->xid;

    monitor_send(m, barrier);
    return xid;
}

/* Receives a message from the switch into '*msgp', exiting on failure. */
static void
monitor_recv_block(struct ofctl_monitor *m, struct ofpbuf **msgp)
{
    int error = vconn_recv_block(m->vconn, msgp);

    if (error) {
        ovs_fatal(0, "talking to %s (%s)", m->name,
                  ovs_retval_to_string(error));
    }
}

/* Handles 'msg' (taking ownership), received while setting the connection
 * up but not a reply awaited: prints it on standard output, as upstream
 * does (this goes to /dev/null once detached). */
static void
monitor_stray_msg(struct ofpbuf *msg)
{
    ofp_print(stdout, msg->data, msg->size, NULL, NULL,
              ofctl_options.verbosity + 2);
    fflush(stdout);
    ofpbuf_delete(msg);
}

/* Sends 'request' (taking ownership) and returns the reply with its xid.
 * Other messages received meanwhile go to monitor_stray_msg(). */
static struct ofpbuf *
monitor_transact(struct ofctl_monitor *m, struct ofpbuf *request)
{
    ovs_be32 xid = ((const struct ofp_header *) request->data)->xid;

    monitor_send(m, request);
    for (;;) {
        struct ofpbuf *msg;

        monitor_recv_block(m, &msg);
        if (((const struct ofp_header *) msg->data)->xid == xid) {
            return msg;
        }
        monitor_stray_msg(msg);
    }
}

/* Sends 'request' (taking ownership) followed by a barrier and waits for
 * the barrier's reply.  Returns the switch's error reply to 'request', if
 * any, otherwise NULL.  Other messages received meanwhile go to
 * monitor_stray_msg(). */
static struct ofpbuf *
monitor_transact_noreply__(struct ofctl_monitor *m, struct ofpbuf *request)
{
    ovs_be32 xid = ((const struct ofp_header *) request->data)->xid;
    struct ofpbuf *error_reply = NULL;
    ovs_be32 barrier_xid;

    monitor_send(m, request);
    barrier_xid = monitor_send_barrier(m);
    for (;;) {
        const struct ofp_header *oh;
        struct ofpbuf *msg;

        monitor_recv_block(m, &msg);
        oh = msg->data;
        if (oh->xid == barrier_xid) {
            ofpbuf_delete(msg);
            return error_reply;
        } else if (oh->xid == xid && !error_reply) {
            error_reply = msg;
        } else {
            monitor_stray_msg(msg);
        }
    }
}

/* Like monitor_transact_noreply__(), but if the switch answers 'request'
 * with an error, prints it as upstream does and exits. */
static void
monitor_transact_noreply(struct ofctl_monitor *m, struct ofpbuf *request)
{
    struct ofpbuf *reply = monitor_transact_noreply__(m, request);

    if (reply) {
        ofp_print(stderr, reply->data, reply->size, NULL, NULL,
                  ofctl_options.verbosity + 2);
        exit(1);
    }
}

/* Asks the switch for its configuration and stores it in '*config'. */
static void
monitor_fetch_config(struct ofctl_monitor *m,
                     struct ofputil_switch_config *config)
{
    int version = vconn_get_version(m->vconn);
    struct ofpbuf *request = ofpraw_alloc(OFPRAW_OFPT_GET_CONFIG_REQUEST,
                                          version, 0);
    struct ofpbuf *reply = monitor_transact(m, request);
    enum ofptype type;

    if (ofptype_decode(&type, reply->data)
        || type != OFPTYPE_GET_CONFIG_REPLY
        || ofputil_decode_get_config_reply(reply->data, config)) {
        ovs_fatal(0, "%s: bad reply to config request", m->name);
    }
    ofpbuf_delete(reply);
}

/* Sets the switch configuration of the connection to '*config', followed
 * by a barrier. */
static void
monitor_set_config(struct ofctl_monitor *m,
                   const struct ofputil_switch_config *config)
{
    monitor_transact_noreply(
        m, ofputil_encode_set_config(config, vconn_get_version(m->vconn)));
}

/* "monitor SWITCH MISS-LEN": asks for 'miss_len' bytes of the packets
 * that the switch sends to controllers. */
static void
monitor_set_miss_len(struct ofctl_monitor *m, int miss_len)
{
    struct ofputil_switch_config config;

    monitor_fetch_config(m, &config);
    config.miss_send_len = miss_len;
    monitor_set_config(m, &config);
}

/* "monitor SWITCH invalid_ttl": asks for packets whose TTL expires, then
 * checks that the switch took the setting. */
static void
monitor_set_invalid_ttl(struct ofctl_monitor *m)
{
    struct ofputil_switch_config config;

    monitor_fetch_config(m, &config);
    config.invalid_ttl_to_controller = 1;
    monitor_set_config(m, &config);

    monitor_fetch_config(m, &config);
    if (config.invalid_ttl_to_controller != 1) {
        ovs_fatal(0, "setting invalid_ttl_to_controller failed (this "
                  "switch probably doesn't support this flag)");
    }
}

/* Sets the connection's packet-in format to 'format'. */
static void
monitor_set_packet_in_format(struct ofctl_monitor *m,
                             enum ofputil_packet_in_format format)
{
    struct ofpbuf *request = ofputil_encode_set_packet_in_format(
        vconn_get_version(m->vconn), format);
    struct ofpbuf *reply = monitor_transact_noreply__(m, request);

    if (reply) {
        char *s = ofp_to_string(reply->data, reply->size, NULL, NULL, 2);
        ovs_fatal(0, "%s: failed to set packet in format to %s, "
                  "controller replied: %s", vconn_get_name(m->vconn),
                  ofputil_packet_in_format_to_string(format), s);
    }
}

/* "watch:SPEC": sends a flow monitor request described by 'spec' to the
 * switch (OpenFlow 1.0 to 1.2: NXST_FLOW_MONITOR; 1.3: the ONF extension
 * ONFST_FLOW_MONITOR; 1.4 and later: OFPST_FLOW_MONITOR).  The switch's
 * replies are printed by the main loop like every other message. */
static void
monitor_watch(struct ofctl_monitor *m, const char *spec)
{
    enum ofputil_protocol protocol = ofputil_protocol_from_ofp_version(
        vconn_get_version(m->vconn));
    struct ofputil_flow_monitor_request fmr;
    enum ofputil_protocol usable;
    char *error;

    /* Upstream looks the table names up, then the port names. */
    const struct ofputil_table_map *tables = ofctl_tables_to_accept(m->name);
    const struct ofputil_port_map *ports = ofctl_ports_to_accept(m->name);

    error = parse_flow_monitor_request(&fmr, spec, ports, tables, &usable);
    if (error) {
        ovs_fatal(0, "%s", error);
    }
    if (!(usable & protocol)) {
        ovs_fatal(0, "watch: flow monitors are not supported in %s",
                  ofputil_protocol_to_string(protocol));
    }
    monitor_send(m, ofputil_encode_flow_monitor_request(&fmr, protocol));
}

/* Control commands. */

/* "exit": ends the monitor. */
static void
monitor_unixctl_exit(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[] OVS_UNUSED, void *m_)
{
    struct ofctl_monitor *m = m_;

    m->exiting = true;
    unixctl_command_reply(conn, NULL);
}

/* "ofctl/send OFMSG...": sends each OFMSG, an OpenFlow message in hex, to
 * the switch, printing it first with "send: ".  Answers "sent" for each
 * one sent; stops at the first that is not a well-formed message. */
static void
monitor_unixctl_send(struct unixctl_conn *conn, int argc,
                     const char *argv[], void *m_)
{
    struct ofctl_monitor *m = m_;
    struct ds reply = DS_EMPTY_INITIALIZER;
    bool ok = true;

    for (int i = 1; i < argc; i++) {
        struct ofpbuf *msg = ofpbuf_new(0);
        const struct ofp_header *oh;
        const char *rest = ofpbuf_put_hex(msg, argv[i], NULL);

        if (*rest) {
            ofpbuf_delete(msg);
            ds_put_cstr(&reply, "Trailing garbage in hex data");
            ok = false;
            break;
        }
        if (msg->size < sizeof *oh) {
            ofpbuf_delete(msg);
            ds_put_cstr(&reply, "Message too short for OpenFlow");
            ok = false;
            break;
        }
        oh = msg->data;
        if (ntohs(oh->length) != msg->size) {
            ofpbuf_delete(msg);
            ds_put_cstr(&reply,
                        "Message size does not match length in OpenFlow "
                        "header");
            ok = false;
            break;
        }

        monitor_print("send: ", msg, ofctl_options.verbosity);
        int retval = vconn_send_block(m->vconn, msg);
        if (retval) {
            ds_put_cstr(&reply, ovs_strerror(retval));
            ok = false;
            break;
        }
        ds_put_cstr(&reply, "sent\n");
    }

    if (ok) {
        unixctl_command_reply(conn, ds_cstr(&reply));
    } else {
        unixctl_command_reply_error(conn, ds_cstr(&reply));
    }
    ds_destroy(&reply);
}

/* "ofctl/packet-out PACKET-OUT": sends the packet-out described in
 * packet-out syntax, printing it first. */
static void
monitor_unixctl_packet_out(struct unixctl_conn *conn, int argc OVS_UNUSED,
                           const char *argv[], void *m_)
{
    struct ofctl_monitor *m = m_;
    enum ofputil_protocol protocol = ofputil_protocol_from_ofp_version(
        vconn_get_version(m->vconn));
    const struct ofputil_table_map *tables = ofctl_tables_to_accept(m->name);
    const struct ofputil_port_map *ports = ofctl_ports_to_accept(m->name);
    enum ofputil_protocol usable;
    struct ofputil_packet_out po;
    char *error;

    error = parse_ofp_packet_out_str(&po, argv[1], ports, tables, &usable);
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }
    if (!(usable & protocol)) {
        char *usable_s = ofputil_protocols_to_string(usable);
        const char *protocol_s = ofputil_protocol_to_string(protocol);

        error = xasprintf("PACKET_OUT actions are incompatible with the "
                          "OpenFlow connection (usable protocols: %s, "
                          "connection protocol: %s)", usable_s,
                          protocol_s);
        unixctl_command_reply_error(conn, error);
        free(error);
        free(usable_s);
    } else {
        struct ofpbuf *msg = ofputil_encode_packet_out(&po, protocol);

        monitor_print("", msg, ofctl_options.verbosity);
        monitor_send(m, msg);
        unixctl_command_reply(conn, NULL);
    }
    free(CONST_CAST(void *, po.packet));
    free(po.ofpacts);
}

/* "ofctl/barrier": sends a barrier request and answers once its reply
 * has arrived (and been printed). */
static void
monitor_unixctl_barrier(struct unixctl_conn *conn, int argc OVS_UNUSED,
                        const char *argv[] OVS_UNUSED, void *m_)
{
    struct ofctl_monitor *m = m_;

    if (m->barrier_conn) {
        unixctl_command_reply_error(conn, "already waiting for a reply to "
                                    "a barrier request");
        return;
    }
    m->barrier_xid = monitor_send_barrier(m);
    m->barrier_conn = conn;
}

/* "ofctl/set-output-file FILE": from now on, prints to FILE instead of
 * standard error. */
static void
monitor_unixctl_set_output_file(struct unixctl_conn *conn,
                                int argc OVS_UNUSED, const char *argv[],
                                void *m_ OVS_UNUSED)
{
    int fd = open(argv[1], O_CREAT | O_TRUNC | O_WRONLY, 0666);

    if (fd < 0) {
        unixctl_command_reply_error(conn, ovs_strerror(errno));
        return;
    }
    fflush(stderr);
    dup2(fd, STDERR_FILENO);
    close(fd);
    unixctl_command_reply(conn, NULL);
}

/* "ofctl/block" and "ofctl/unblock": stop and resume reading what the
 * switch sends. */
static void
monitor_unixctl_block(struct unixctl_conn *conn, int argc OVS_UNUSED,
                      const char *argv[] OVS_UNUSED, void *m_)
{
    struct ofctl_monitor *m = m_;

    m->blocked = true;
    unixctl_command_reply(conn, NULL);
}

static void
monitor_unixctl_unblock(struct unixctl_conn *conn, int argc OVS_UNUSED,
                        const char *argv[] OVS_UNUSED, void *m_)
{
    struct ofctl_monitor *m = m_;

    m->blocked = false;
    unixctl_command_reply(conn, NULL);
}

/* Main loop. */

/* Handles 'msg', received from the switch: prints it, answers an echo
 * request, and completes a waiting ofctl/barrier. */
static void
monitor_handle_msg(struct ofctl_monitor *m, struct ofpbuf *msg)
{
    const struct ofp_header *oh = msg->data;
    enum ofptype type;

    monitor_print("", msg, ofctl_options.verbosity + 2);
    if (ofptype_decode(&type, oh)) {
        return;
    }
    if (type == OFPTYPE_ECHO_REQUEST) {
        struct ofpbuf *reply = ofpraw_alloc_reply(OFPRAW_OFPT_ECHO_REPLY, oh,
                                                  msg->size - sizeof *oh);
        ofpbuf_put(reply, oh + 1, msg->size - sizeof *oh);
        monitor_send(m, reply);
    } else if (type == OFPTYPE_PACKET_IN && m->resume) {
        struct ofputil_packet_in pin;
        struct ofpbuf continuation;

        ofpbuf_init(&continuation, 0);
        if (!ofputil_decode_packet_in(oh, true, NULL, NULL, &pin, NULL, NULL,
                                      &continuation)
            && continuation.size) {
            struct ofpbuf *resume = ofputil_encode_resume(
                &pin, &continuation,
                ofputil_protocol_from_ofp_version(oh->version));

            monitor_print("send: ", resume, ofctl_options.verbosity + 2);
            monitor_send(m, resume);
        }
        ofpbuf_uninit(&continuation);
    } else if (type == OFPTYPE_BARRIER_REPLY && m->barrier_conn
               && oh->xid == m->barrier_xid) {
        unixctl_command_reply(m->barrier_conn, NULL);
        m->barrier_conn = NULL;
    }
}

/* Parses the "monitor" arguments after the switch name in 'argc' and
 * 'argv', checking what can be checked before connecting (invalid_ttl
 * needs OpenFlow 1.0 to 1.2, and restricts -O to them). */
static void
monitor_check_args(int argc, char *argv[])
{
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        int miss_len;

        if (!strcmp(arg, "invalid_ttl")) {
            uint32_t ok = ((1u << OFP10_VERSION) | (1u << OFP11_VERSION)
                           | (1u << OFP12_VERSION));

            if (!(ofctl_options.allowed_versions & ok)) {
                struct ds s = DS_EMPTY_INITIALIZER;

                ofputil_format_version_bitmap_names(&s, ok);
                ovs_fatal(0, "invalid_ttl requires one of the OpenFlow "
                          "versions %s but none is enabled (use -O)",
                          ds_cstr(&s));
            }
            ofctl_options.allowed_versions &= ok;
        } else if (!strncmp(arg, "watch:", 6)) {
            /* Parsed once connected: it may name ports and tables. */
        } else if (!strcmp(arg, "resume")) {
            /* Needs NXT_PACKET_IN2, the default format. */
        } else if (!str_to_int(arg, 0, &miss_len)) {
            ovs_fatal(0, "%s: unsupported \"monitor\" argument", arg);
        }
    }
}

/* "monitor SWITCH [MISS-LEN] [invalid_ttl] [watch:[SPEC...]]". */
static void
ofctl_monitor(struct ovs_cmdl_context *ctx)
{
    struct ofctl_monitor m = { .name = ctx->argv[1] };
    enum ofputil_packet_in_format format = OFPUTIL_PACKET_IN_NXT2;
    struct unixctl_server *server;
    int error;

    monitor_check_args(ctx->argc, ctx->argv);
    if (ofctl_options.preferred_packet_in_format) {
        format = ofputil_packet_in_format_from_string(
            ofctl_options.preferred_packet_in_format);
    }

    /* What "monitor" prints goes to standard error, which stays open when
     * it detaches. */
    daemon_save_fd(STDERR_FILENO);
    daemonize_start(false, false);
    error = unixctl_server_create(ofctl_options.unixctl_path, &server);
    if (error) {
        ovs_fatal(error, "failed to create unixctl server");
    }
    unixctl_command_register("exit", "", 0, 0, monitor_unixctl_exit, &m);
    unixctl_command_register("ofctl/send", "OFMSG...", 1, INT_MAX,
                             monitor_unixctl_send, &m);
    unixctl_command_register("ofctl/packet-out",
                             "\"in_port=<port> packet=<hex data> "
                             "actions=...\"", 1, 1,
                             monitor_unixctl_packet_out, &m);
    unixctl_command_register("ofctl/barrier", "", 0, 0,
                             monitor_unixctl_barrier, &m);
    unixctl_command_register("ofctl/set-output-file", "FILE", 1, 1,
                             monitor_unixctl_set_output_file, &m);
    unixctl_command_register("ofctl/block", "", 0, 0,
                             monitor_unixctl_block, &m);
    unixctl_command_register("ofctl/unblock", "", 0, 0,
                             monitor_unixctl_unblock, &m);

    ofctl_open_vconn(m.name, &m.vconn);

    /* The arguments act in the order given. */
    for (int i = 2; i < ctx->argc; i++) {
        const char *arg = ctx->argv[i];
        int miss_len;

        if (!strcmp(arg, "invalid_ttl")) {
            monitor_set_invalid_ttl(&m);
        } else if (!strncmp(arg, "watch:", 6)) {
            monitor_watch(&m, arg + 6);
        } else if (!strcmp(arg, "resume")) {
            /* (Undocumented, as upstream's: for testing "pause".) */
            m.resume = true;
        } else if (str_to_int(arg, 0, &miss_len)) {
            monitor_set_miss_len(&m, miss_len);
        }
    }
    monitor_set_packet_in_format(&m, format);
    monitor_switch_name = m.name;

    daemonize_complete();

    for (;;) {
        unixctl_server_run(server);
        while (!m.blocked && !m.exiting) {
            struct ofpbuf *msg;

            vconn_run(m.vconn);
            error = vconn_recv(m.vconn, &msg);
            if (error == EAGAIN) {
                break;
            } else if (error) {
                ovs_fatal(0, "vconn_recv (%s)", ovs_retval_to_string(error));
            }
            monitor_handle_msg(&m, msg);
            ofpbuf_delete(msg);
        }
        if (m.exiting) {
            break;
        }

        vconn_run(m.vconn);
        vconn_run_wait(m.vconn);
        if (!m.blocked) {
            vconn_recv_wait(m.vconn);
        }
        unixctl_server_wait(server);
        poll_block();
    }
    vconn_close(m.vconn);
    unixctl_server_destroy(server);
    ofctl_free_maps();
}

const struct ovs_cmdl_command ofctl_monitor_commands[] = {
    { "monitor", "switch [misslen] [invalid_ttl] [watch:[...]]", 1, 3,
      ofctl_monitor, OVS_RO },
    { NULL, NULL, 0, 0, NULL, OVS_RO },
};
