/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* Exercises lib/stream*, lib/socket-util: "ovstest test-stream [OPTIONS]
 * COMMAND ARGS...".
 *
 * Commands:
 *   roundtrip PASSIVE [SIZE]
 *       Listens on PASSIVE, connects to it through the matching active
 *       name, and sends SIZE (default 1048576) pseudo-random bytes each
 *       way at once, all non-blocking in one poll loop; checks that each
 *       side receives what the other sent.
 *   listen PASSIVE              Prints the pstream's name and port.
 *   connect ACTIVE              Connects (blocking) and prints the result.
 *   echo-server PASSIVE         Echoes what each client sends, forever
 *                               (use --detach, --pidfile); writes the
 *                               bound port to the file "port".
 *   connect-send ACTIVE TEXT    Connects, sends TEXT, prints what comes
 *                               back (the echo) until TEXT's length.
 *   parse-active TARGET [PORT]  Prints the parsed address or "error".
 *   parse-passive TARGET [PORT]
 *   default-port NAME PORT      Prints NAME with the default port added.
 *   long-unix DIR               Binds and connects a Unix socket whose
 *                               name is longer than sockaddr_un allows.
 *
 * Options: the SSL options (-p, -c, -C, --ssl-protocols, --ssl-ciphers,
 * --bootstrap-ca-cert, --peer-ca-cert) and the daemon options. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "fatal-signal.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "ovstest.h"
#include "poll-loop.h"
#include "random.h"
#include "socket-util.h"
#include "stream.h"
#include "stream-ssl.h"
#include "timeval.h"

/* Returns the active name that connects to 'pstream'. */
static char *
active_name(const struct pstream *pstream)
{
    const char *name = pstream_get_name(pstream);

    if (!strncmp(name, "punix:", 6)) {
        return xasprintf("unix:%s", name + 6);
    } else if (!strncmp(name, "ptcp:", 5) || !strncmp(name, "pssl:", 5)) {
        /* "ptcp:PORT:ADDRESS" -> "tcp:ADDRESS:PORT". */
        const char *addr = strchr(name + 5, ':') + 1;
        return xasprintf("%.3s:%s:%"PRIu16, name + 1, addr,
                         pstream_get_bound_port(pstream));
    }
    ovs_fatal(0, "%s: cannot derive active name", name);
}

/* Blocks until 'pstream' accepts a connection, and returns it. */
static struct stream *
accept_one(struct pstream *pstream)
{
    struct stream *stream;
    int error = pstream_accept_block(pstream, &stream);

    if (error) {
        ovs_fatal(error, "%s: accept failed", pstream_get_name(pstream));
    }
    return stream;
}

/* One direction of a round trip. */
struct flow {
    struct stream *tx;          /* Sends. */
    struct stream *rx;          /* Receives. */
    uint8_t *data;              /* What 'tx' sends. */
    size_t size;                /* Bytes in 'data'. */
    size_t sent;                /* Bytes sent so far. */
    size_t received;            /* Bytes received so far. */
    bool mismatch;              /* Received something other than sent? */
};

/* Makes progress on 'f'.  Returns false on a fatal error. */
static bool
flow_run(struct flow *f)
{
    if (f->sent < f->size) {
        int n = stream_send(f->tx, f->data + f->sent,
                            MIN(f->size - f->sent, 65536));
        if (n > 0) {
            f->sent += n;
        } else if (n != -EAGAIN) {
            ovs_error(-n, "send failed");
            return false;
        }
    }
    for (;;) {
        uint8_t buf[8192];
        int n = stream_recv(f->rx, buf, sizeof buf);

        if (n > 0) {
            if (f->received + n > f->size
                || memcmp(buf, f->data + f->received, n)) {
                f->mismatch = true;
            }
            f->received += n;
        } else if (n == -EAGAIN) {
            break;
        } else {
            ovs_error(n ? -n : 0, "receive failed%s", n ? "" : " (EOF)");
            return false;
        }
    }
    return true;
}

/* Makes poll_block() wake when 'f' can make progress. */
static void
flow_wait(struct flow *f)
{
    stream_run_wait(f->tx);
    stream_run_wait(f->rx);
    if (f->sent < f->size) {
        stream_send_wait(f->tx);
    }
    if (f->received < f->size) {
        stream_recv_wait(f->rx);
    }
}

static void
do_roundtrip(int argc, char *argv[])
{
    size_t size = argc > 2 ? atoi(argv[2]) : 1 << 20;
    struct stream *client, *server;
    struct pstream *pstream;
    struct flow flows[2];
    char *name;
    int error;

    error = pstream_open(argv[1], &pstream, DSCP_DEFAULT);
    if (error) {
        ovs_fatal(error, "%s: listen failed", argv[1]);
    }

    name = active_name(pstream);
    error = stream_open(name, &client, DSCP_DEFAULT);
    if (error) {
        ovs_fatal(error, "%s: connect failed", name);
    }
    server = accept_one(pstream);

    for (int i = 0; i < 2; i++) {
        struct flow *f = &flows[i];

        f->tx = i ? server : client;
        f->rx = i ? client : server;
        f->size = size;
        f->data = xmalloc(size);
        random_bytes(f->data, size);
        f->sent = f->received = 0;
        f->mismatch = false;
    }

    for (;;) {
        bool done = true;

        for (int i = 0; i < 2; i++) {
            stream_run(flows[i].tx);
            if (!flow_run(&flows[i])) {
                exit(EXIT_FAILURE);
            }
            done = done && flows[i].received >= flows[i].size;
        }
        if (done) {
            break;
        }
        for (int i = 0; i < 2; i++) {
            flow_wait(&flows[i]);
        }
        poll_block();
    }

    for (int i = 0; i < 2; i++) {
        printf("%s: %zu bytes sent, %zu received, %s\n",
               i ? "server to client" : "client to server",
               flows[i].sent, flows[i].received,
               flows[i].mismatch ? "MISMATCH" : "intact");
        free(flows[i].data);
    }

    /* Closing one end makes the other see end of stream. */
    stream_close(client);
    for (;;) {
        char c;
        int n = stream_recv(server, &c, 1);
        if (n != -EAGAIN) {
            printf("after close: %s\n",
                   n == 0 ? "end of stream" : ovs_strerror(-n));
            break;
        }
        stream_run(server);
        stream_recv_wait(server);
        poll_block();
    }

    stream_close(server);
    pstream_close(pstream);
    free(name);
}

static void
do_listen(int argc OVS_UNUSED, char *argv[])
{
    struct pstream *pstream;
    int error = pstream_open(argv[1], &pstream, DSCP_DEFAULT);

    if (error) {
        printf("error: %s\n", ovs_strerror(error));
        exit(EXIT_FAILURE);
    }
    printf("name %s, port %s\n", pstream_get_name(pstream),
           pstream_get_bound_port(pstream) ? "nonzero" : "0");
    pstream_close(pstream);
}

static void
do_connect(int argc OVS_UNUSED, char *argv[])
{
    struct stream *stream;
    int error = stream_open_block(stream_open(argv[1], &stream,
                                              DSCP_DEFAULT),
                                  10000, &stream);

    if (error) {
        printf("error: %s\n", ovs_strerror(error));
        exit(EXIT_FAILURE);
    }
    printf("connected to %s\n", stream_get_name(stream));
    stream_close(stream);
}

/* A client of the echo server. */
struct echo_conn {
    struct stream *stream;      /* Connection. */
    struct ds pending;          /* Received, not yet echoed. */
};

static void
do_echo_server(int argc OVS_UNUSED, char *argv[])
{
    struct echo_conn *conns = NULL;
    size_t n_conns = 0, allocated = 0;
    struct pstream *pstream;
    FILE *port_file;
    int error;

    daemonize_start(false, false);
    error = pstream_open(argv[1], &pstream, DSCP_DEFAULT);
    if (error) {
        ovs_fatal(error, "%s: listen failed", argv[1]);
    }
    port_file = fopen("port", "w");
    if (!port_file) {
        ovs_fatal(errno, "port: open failed");
    }
    fprintf(port_file, "%"PRIu16"\n", pstream_get_bound_port(pstream));
    fclose(port_file);
    daemonize_complete();

    for (;;) {
        struct stream *stream;

        if (!pstream_accept(pstream, &stream)) {
            if (n_conns >= allocated) {
                conns = x2nrealloc(conns, &allocated, sizeof *conns);
            }
            conns[n_conns].stream = stream;
            ds_init(&conns[n_conns].pending);
            n_conns++;
        }

        for (size_t i = 0; i < n_conns; ) {
            struct echo_conn *c = &conns[i];
            bool dead = false;
            char buf[4096];
            int n;

            stream_run(c->stream);
            n = stream_recv(c->stream, buf, sizeof buf);
            if (n > 0) {
                ds_put_buffer(&c->pending, buf, n);
            } else if (n != -EAGAIN) {
                dead = true;
            }
            if (!dead && c->pending.length) {
                n = stream_send(c->stream, c->pending.string,
                                c->pending.length);
                if (n > 0) {
                    memmove(c->pending.string, c->pending.string + n,
                            c->pending.length - n);
                    ds_truncate(&c->pending, c->pending.length - n);
                } else if (n != -EAGAIN) {
                    dead = true;
                }
            }
            if (dead) {
                stream_close(c->stream);
                ds_destroy(&c->pending);
                conns[i] = conns[--n_conns];
            } else {
                i++;
            }
        }

        pstream_wait(pstream);
        for (size_t i = 0; i < n_conns; i++) {
            stream_run_wait(conns[i].stream);
            stream_recv_wait(conns[i].stream);
            if (conns[i].pending.length) {
                stream_send_wait(conns[i].stream);
            }
        }
        poll_block();
    }
}

static void
do_connect_send(int argc OVS_UNUSED, char *argv[])
{
    const char *text = argv[2];
    size_t len = strlen(text), sent = 0;
    struct ds reply = DS_EMPTY_INITIALIZER;
    struct stream *stream;
    int error;

    error = stream_open_block(stream_open(argv[1], &stream, DSCP_DEFAULT),
                              10000, &stream);
    if (error) {
        printf("error: %s\n", ovs_strerror(error));
        exit(EXIT_FAILURE);
    }

    while (reply.length < len) {
        int n;

        stream_run(stream);
        if (sent < len) {
            n = stream_send(stream, text + sent, len - sent);
            if (n > 0) {
                sent += n;
            } else if (n != -EAGAIN) {
                printf("error: %s\n", ovs_strerror(-n));
                exit(EXIT_FAILURE);
            }
        }

        char buf[256];
        n = stream_recv(stream, buf, sizeof buf);
        if (n > 0) {
            ds_put_buffer(&reply, buf, n);
        } else if (n != -EAGAIN) {
            printf("error: %s\n", n ? ovs_strerror(-n) : "end of stream");
            exit(EXIT_FAILURE);
        }
        if (reply.length >= len) {
            break;
        }

        stream_run_wait(stream);
        stream_recv_wait(stream);
        if (sent < len) {
            stream_send_wait(stream);
        }
        poll_block();
    }
    printf("%s\n", ds_cstr(&reply));
    if (stream_get_peer_id(stream)) {
        printf("peer: %s\n", stream_get_peer_id(stream));
    }
    ds_destroy(&reply);
    stream_close(stream);
}

/* Prints 'ss' or "error". */
static void
print_ss(bool ok, const struct sockaddr_storage *ss)
{
    if (ok) {
        char *s = ss_format_address_port(ss);
        printf("%s %s\n", ss->ss_family == AF_INET ? "IPv4" : "IPv6", s);
        free(s);
    } else {
        printf("error\n");
    }
}

static void
do_parse_active(int argc, char *argv[])
{
    struct sockaddr_storage ss;
    int port = argc > 2 ? atoi(argv[2]) : -1;

    print_ss(inet_parse_active(argv[1], port, &ss, false, NULL), &ss);
}

static void
do_parse_passive(int argc, char *argv[])
{
    struct sockaddr_storage ss;
    int port = argc > 2 ? atoi(argv[2]) : -1;

    print_ss(inet_parse_passive(argv[1], port, &ss, false, NULL), &ss);
}

static void
do_default_port(int argc OVS_UNUSED, char *argv[])
{
    int port = atoi(argv[2]);
    char *active = stream_name_with_default_port(argv[1], port);
    char *passive = pstream_name_with_default_port(argv[1], port);

    printf("active %s, passive %s, probes %d\n", active, passive,
           stream_or_pstream_needs_probes(argv[1]));
    free(active);
    free(passive);
}

static void
do_long_unix(int argc OVS_UNUSED, char *argv[])
{
    struct ds path = DS_EMPTY_INITIALIZER;
    struct stream *client, *server;
    struct pstream *pstream;
    char *name;
    int error;

    /* Build a directory whose name alone exceeds sockaddr_un. */
    ds_put_cstr(&path, argv[1]);
    for (int i = 0; i < 3; i++) {
        ds_put_format(&path, "/%s", "a-rather-long-directory-name-to-make-"
                      "the-socket-path-exceed-the-limit");
        if (mkdir(ds_cstr(&path), 0700) && errno != EEXIST) {
            ovs_fatal(errno, "%s: mkdir failed", ds_cstr(&path));
        }
    }
    ds_put_cstr(&path, "/sock");
    printf("path length %zu > %zu\n", path.length,
           sizeof ((struct sockaddr_un *) NULL)->sun_path);

    name = xasprintf("punix:%s", ds_cstr(&path));
    error = pstream_open(name, &pstream, 0);
    free(name);
    if (error) {
        ovs_fatal(error, "listen failed");
    }

    name = xasprintf("unix:%s", ds_cstr(&path));
    error = stream_open_block(stream_open(name, &client, 0), 10000, &client);
    free(name);
    if (error) {
        ovs_fatal(error, "connect failed");
    }
    server = accept_one(pstream);

    error = stream_send(client, "x", 1);
    printf("sent %d\n", error);
    for (;;) {
        char c;
        int n = stream_recv(server, &c, 1);
        if (n != -EAGAIN) {
            printf("received %d '%c'\n", n, n == 1 ? c : '?');
            break;
        }
        stream_recv_wait(server);
        poll_block();
    }

    stream_close(client);
    stream_close(server);
    pstream_close(pstream);
    printf("socket file %s after close\n",
           access(ds_cstr(&path), F_OK) ? "removed" : "still there");
    ds_destroy(&path);
}

static const struct ovstest_command commands[] = {
    { "roundtrip", 1, 2, do_roundtrip },
    { "listen", 1, 1, do_listen },
    { "connect", 1, 1, do_connect },
    { "echo-server", 1, 1, do_echo_server },
    { "connect-send", 2, 2, do_connect_send },
    { "parse-active", 1, 2, do_parse_active },
    { "parse-passive", 1, 2, do_parse_passive },
    { "default-port", 2, 2, do_default_port },
    { "long-unix", 1, 1, do_long_unix },
    { NULL, 0, 0, NULL },
};

static void
test_stream_main(int argc, char *argv[])
{
    enum {
        OPT_BOOTSTRAP_CA_CERT = UCHAR_MAX + 1,
        OPT_PEER_CA_CERT,
        STREAM_SSL_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        STREAM_SSL_LONG_OPTIONS,
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
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

        case OPT_PEER_CA_CERT:
            stream_ssl_set_peer_ca_cert_file(optarg);
            break;

        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS

        default:
            exit(EXIT_FAILURE);
        }
    }

    ovstest_run_commands(argc - optind + 1, argv + optind - 1, commands);
}

OVSTEST_REGISTER("test-stream", test_stream_main);
