/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* "tcp:HOST:PORT" and "ptcp:[PORT][:HOST]" streams. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "socket-util.h"
#include "stream-fd.h"
#include "stream-provider.h"

VLOG_DEFINE_THIS_MODULE(stream_tcp);

/* Active TCP. */

static int
tcp_open(const char *name, char *suffix, struct stream **streamp,
         uint8_t dscp)
{
    struct sockaddr_storage ss;
    int fd, error;

    error = inet_open_active(SOCK_STREAM, suffix, -1, &ss, &fd, dscp);
    if (fd < 0) {
        VLOG_ERR("%s: connect: %s", name, ovs_strerror(error));
        return error;
    }
    if (!error) {
        setsockopt_tcp_nodelay(fd);
    }
    return new_fd_stream(xstrdup(name), fd, error, ss.ss_family, streamp);
}

const struct stream_class tcp_stream_class = {
    .name = "tcp",
    .needs_probes = true,
    .open = tcp_open,
    .close = NULL,
    .connect = NULL,
    .recv = NULL,
    .send = NULL,
    .run = NULL,
    .run_wait = NULL,
    .wait = NULL,
};

/* Passive TCP. */

/* Returns the name "PREFIX:PORT:ADDRESS" for a pstream bound to 'ss'
 * (e.g. "ptcp:6640:0.0.0.0" or "pssl:6640:[::1]"). */
char *
ptcp_name(const char *prefix, const struct sockaddr_storage *ss)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    ds_put_format(&ds, "%s:%"PRIu16":", prefix, ss_get_port(ss));
    ss_format_address(ss, &ds);
    return ds_steal_cstr(&ds);
}

/* Makes a stream named "tcp:ADDRESS:PORT" (for the peer) from 'fd', just
 * accepted from a ptcp pstream. */
static int
ptcp_accept(int fd, const struct sockaddr_storage *ss,
            size_t ss_len OVS_UNUSED, struct stream **streamp)
{
    char *peer = ss_format_address_port(ss);
    char *name = xasprintf("tcp:%s", peer);

    free(peer);
    setsockopt_tcp_nodelay(fd);
    return new_fd_stream(name, fd, 0, ss->ss_family, streamp);
}

static int
ptcp_open(const char *name OVS_UNUSED, char *suffix,
          struct pstream **pstreamp, uint8_t dscp)
{
    struct sockaddr_storage ss;
    int fd, error;

    fd = inet_open_passive(SOCK_STREAM, suffix, -1, &ss, dscp, true);
    if (fd < 0) {
        return -fd;
    }

    error = new_fd_pstream(ptcp_name("ptcp", &ss), fd, ptcp_accept, NULL,
                           pstreamp);
    if (!error) {
        pstream_set_bound_port(*pstreamp, ss_get_port(&ss));
    }
    return error;
}

const struct pstream_class ptcp_pstream_class = {
    .name = "ptcp",
    .needs_probes = true,
    .listen = ptcp_open,
    .close = NULL,
    .accept = NULL,
    .wait = NULL,
};
