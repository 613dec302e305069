/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Exercises lib/jsonrpc: "ovstest test-jsonrpc [OPTIONS] COMMAND ARGS...".
 *
 * Commands:
 *   listen PASSIVE
 *       Serves JSON-RPC on PASSIVE: answers a request for method "error"
 *       with an error whose value is the params, a request for
 *       "shutdown" with a reply and then exits, and any other request with
 *       a reply whose result is the params.  Logs notifications; a
 *       "shutdown" notification makes it exit.  Use --detach, --pidfile.
 *       For a TCP or SSL PASSIVE, writes the bound port to file "port".
 *   listen-silent PASSIVE
 *       Accepts connections and reads from them, but never answers.
 *   request REMOTE METHOD PARAMS
 *       Sends a request and prints the reply as received (members
 *       sorted).
 *   notify REMOTE METHOD PARAMS
 *       Sends a notification.
 *   session REMOTE METHOD PARAMS
 *       Like "request", but through a jsonrpc_session that retries until
 *       REMOTE accepts the connection.
 *   idle REMOTE MSEC
 *       Keeps a jsonrpc_session with a 1-second inactivity probe open for
 *       MSEC ms without sending anything, and prints each change of
 *       connection state.
 *   backlog REMOTE N
 *       Connects with a backlog limit of N messages and queues messages
 *       (to a peer that does not read) until the connection dies.
 *   parse JSON
 *       Parses JSON as a JSON-RPC message and prints it again, or the
 *       error.
 *
 * Options: the SSL options, the daemon options, -v. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "fatal-signal.h"
#include "json.h"
#include "jsonrpc.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "socket-util.h"
#include "stream.h"
#include "stream-ssl.h"
#include "timeval.h"

VLOG_DEFINE_THIS_MODULE(test_jsonrpc);

/* Parses 's' as JSON, exiting on error. */
static json_t *
parse_json(const char *s)
{
    json_t *json;
    char *error = json_parse(s, strlen(s), JSPF_VALUE, &json);

    if (error) {
        ovs_fatal(0, "%s: %s", s, error);
    }
    return json;
}

/* Prints 'msg' in wire form (members sorted) and destroys it. */
static void
print_and_free(struct jsonrpc_msg *msg)
{
    char *s = jsonrpc_msg_to_string(msg);

    puts(s);
    free(s);
    jsonrpc_msg_destroy(msg);
}

/* Handles 'msg', received on 'rpc' by the "listen" server.  Returns true
 * if the server should exit. */
static bool
handle_rpc(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    bool done = false;

    if (msg->type == JSONRPC_REQUEST) {
        struct jsonrpc_msg *reply;

        if (!strcmp(msg->method, "error")) {
            reply = jsonrpc_create_error(json_clone(msg->params), msg->id);
        } else {
            reply = jsonrpc_create_reply(json_clone(msg->params), msg->id);
            done = !strcmp(msg->method, "shutdown");
        }
        jsonrpc_send(rpc, reply);
        if (done) {
            jsonrpc_run(rpc);
        }
    } else if (msg->type == JSONRPC_NOTIFY) {
        char *params = json_to_string(msg->params, 0);
        VLOG_INFO("notification: %s %s", msg->method, params);
        free(params);
        done = !strcmp(msg->method, "shutdown");
    } else {
        VLOG_WARN("unexpected %s message",
                  jsonrpc_msg_type_to_string(msg->type));
    }
    jsonrpc_msg_destroy(msg);
    return done;
}

/* Serves on 'name'; answers messages unless 'silent'. */
static void
serve(const char *name, bool silent)
{
    struct jsonrpc **rpcs = NULL;
    size_t n_rpcs = 0, allocated = 0;
    struct pstream *pstream;
    bool done = false;
    int error;

    daemonize_start(false, false);
    error = jsonrpc_pstream_open(name, &pstream, DSCP_DEFAULT);
    if (error) {
        ovs_fatal(error, "could not listen on \"%s\"", name);
    }
    if (pstream_get_bound_port(pstream)) {
        FILE *port_file = fopen("port", "w");
        if (!port_file) {
            ovs_fatal(errno, "port: open failed");
        }
        fprintf(port_file, "%d\n", pstream_get_bound_port(pstream));
        fclose(port_file);
    }
    daemonize_complete();

    while (!done) {
        struct stream *stream;

        if (!pstream_accept(pstream, &stream)) {
            if (n_rpcs >= allocated) {
                rpcs = x2nrealloc(rpcs, &allocated, sizeof *rpcs);
            }
            rpcs[n_rpcs++] = jsonrpc_open(stream);
        }

        for (size_t i = 0; i < n_rpcs; ) {
            struct jsonrpc *rpc = rpcs[i];
            struct jsonrpc_msg *msg;

            jsonrpc_run(rpc);
            if (silent) {
                /* Read and discard, to see end of stream. */
                while (!jsonrpc_recv(rpc, &msg)) {
                    jsonrpc_msg_destroy(msg);
                }
            } else if (!jsonrpc_get_backlog(rpc)
                       && !jsonrpc_recv(rpc, &msg)) {
                done = handle_rpc(rpc, msg);
            }

            error = jsonrpc_get_status(rpc);
            if (error) {
                jsonrpc_close(rpc);
                rpcs[i] = rpcs[--n_rpcs];
            } else {
                i++;
            }
        }

        if (done) {
            break;
        }

        pstream_wait(pstream);
        for (size_t i = 0; i < n_rpcs; i++) {
            jsonrpc_wait(rpcs[i]);
            jsonrpc_recv_wait(rpcs[i]);
        }
        poll_block();
    }

    for (size_t i = 0; i < n_rpcs; i++) {
        jsonrpc_close(rpcs[i]);
    }
    free(rpcs);
    pstream_close(pstream);
}

static void
do_listen(int argc OVS_UNUSED, char *argv[])
{
    serve(argv[1], false);
}

static void
do_listen_silent(int argc OVS_UNUSED, char *argv[])
{
    serve(argv[1], true);
}

/* Opens a connection to 'name', exiting on failure. */
static struct jsonrpc *
open_rpc(const char *name)
{
    struct stream *stream;
    int error;

    error = stream_open_block(jsonrpc_stream_open(name, &stream,
                                                  DSCP_DEFAULT),
                              10000, &stream);
    if (error) {
        ovs_fatal(error, "could not open \"%s\"", name);
    }
    return jsonrpc_open(stream);
}

static void
do_request(int argc OVS_UNUSED, char *argv[])
{
    struct jsonrpc *rpc = open_rpc(argv[1]);
    struct jsonrpc_msg *reply;
    int error;

    error = jsonrpc_transact_block(
        rpc, jsonrpc_create_request(argv[2], parse_json(argv[3]), NULL),
        &reply);
    if (error) {
        ovs_fatal(error, "transaction failed");
    }
    print_and_free(reply);
    jsonrpc_close(rpc);
}

static void
do_notify(int argc OVS_UNUSED, char *argv[])
{
    struct jsonrpc *rpc = open_rpc(argv[1]);
    int error;

    error = jsonrpc_send_block(
        rpc, jsonrpc_create_notify(argv[2], parse_json(argv[3])));
    if (error) {
        ovs_fatal(error, "could not send notification");
    }
    jsonrpc_close(rpc);
}

static void
do_session(int argc OVS_UNUSED, char *argv[])
{
    struct jsonrpc_session *s = jsonrpc_session_open(argv[1], true);
    json_t *id = NULL;

    for (;;) {
        struct jsonrpc_msg *msg;

        jsonrpc_session_run(s);
        if (!id && jsonrpc_session_is_connected(s)) {
            jsonrpc_session_send(s, jsonrpc_create_request(
                                     argv[2], parse_json(argv[3]), &id));
        }
        msg = jsonrpc_session_recv(s);
        if (msg) {
            if (id && msg->id && json_equal(msg->id, id)) {
                print_and_free(msg);
                break;
            }
            jsonrpc_msg_destroy(msg);
        }

        jsonrpc_session_wait(s);
        jsonrpc_session_recv_wait(s);
        poll_block();
    }

    struct reconnect_stats stats;
    jsonrpc_session_get_reconnect_stats(s, &stats);
    printf("connected after %u attempt(s), state %s\n",
           stats.n_attempted_connections, stats.state);
    json_decref(id);
    jsonrpc_session_close(s);
}

static void
do_idle(int argc OVS_UNUSED, char *argv[])
{
    struct jsonrpc_session *s = jsonrpc_session_open(argv[1], false);
    long long int deadline = time_msec() + atoi(argv[2]);
    const char *last_state = "";

    jsonrpc_session_set_probe_interval(s, 1000);
    while (time_msec() < deadline) {
        struct reconnect_stats stats;
        struct jsonrpc_msg *msg;

        jsonrpc_session_run(s);
        msg = jsonrpc_session_recv(s);
        jsonrpc_msg_destroy(msg);

        jsonrpc_session_get_reconnect_stats(s, &stats);
        if (strcmp(stats.state, last_state)) {
            printf("%s\n", stats.state);
            last_state = stats.state;
        }
        if (!jsonrpc_session_is_alive(s)) {
            printf("gave up\n");
            break;
        }

        jsonrpc_session_wait(s);
        jsonrpc_session_recv_wait(s);
        poll_timer_wait_until(deadline);
        poll_block();
    }
    jsonrpc_session_close(s);
}

static void
do_backlog(int argc OVS_UNUSED, char *argv[])
{
    struct jsonrpc *rpc = open_rpc(argv[1]);
    int max = atoi(argv[2]);
    char *big = xmalloc(65536);
    int n, error = 0;

    memset(big, 'x', 65535);
    big[65535] = '\0';
    jsonrpc_set_backlog_threshold(rpc, max, 0);
    for (n = 0; n < 100000 && !error; n++) {
        error = jsonrpc_send(rpc, jsonrpc_create_notify(
                                 "data", json_array_create_1(
                                     json_string_create(big))));
    }
    printf("%s after queuing more than the limit\n",
           ovs_retval_to_string(error));
    free(big);
    jsonrpc_close(rpc);
}

static void
do_parse(int argc OVS_UNUSED, char *argv[])
{
    struct jsonrpc_msg *msg;
    char *error = jsonrpc_msg_from_json(parse_json(argv[1]), &msg);

    if (error) {
        printf("error: %s\n", error);
        free(error);
    } else {
        json_t *json = jsonrpc_msg_to_json(jsonrpc_msg_clone(msg));
        char *s = json_to_string(json, 0);

        printf("%s: %s\n", jsonrpc_msg_type_to_string(msg->type), s);
        free(s);
        json_decref(json);
        jsonrpc_msg_destroy(msg);
    }
}

static const struct ovstest_command commands[] = {
    { "listen", 1, 1, do_listen },
    { "listen-silent", 1, 1, do_listen_silent },
    { "request", 3, 3, do_request },
    { "notify", 3, 3, do_notify },
    { "session", 3, 3, do_session },
    { "idle", 2, 2, do_idle },
    { "backlog", 2, 2, do_backlog },
    { "parse", 1, 1, do_parse },
    { NULL, 0, 0, NULL },
};

static void
test_jsonrpc_main(int argc, char *argv[])
{
    enum {
        OPT_BOOTSTRAP_CA_CERT = UCHAR_MAX + 1,
        STREAM_SSL_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        STREAM_SSL_LONG_OPTIONS,
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };

    fatal_ignore_sigpipe();
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "+p:c:C:v::", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        STREAM_SSL_OPTION_HANDLERS

        case OPT_BOOTSTRAP_CA_CERT:
            stream_ssl_set_ca_cert_file(optarg, true);
            break;

        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS

        default:
            exit(EXIT_FAILURE);
        }
    }

    ovstest_run_commands(argc - optind + 1, argv + optind - 1, commands);
}

OVSTEST_REGISTER("test-jsonrpc", test_jsonrpc_main);
