/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

/* "unix:FILE" and "punix:FILE" streams: Unix domain stream sockets.  A
 * relative FILE is relative to the run directory, so that
 * "unix:db.sock" means $OVS_RUNDIR/db.sock. */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dirs.h"
#include "fatal-signal.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "socket-util.h"
#include "stream-fd.h"
#include "stream-provider.h"

VLOG_DEFINE_THIS_MODULE(stream_unix);

/* Active Unix domain sockets. */

static int
unix_open(const char *name, char *suffix, struct stream **streamp,
          uint8_t dscp OVS_UNUSED)
{
    char *connect_path;
    int fd;

    if (!*suffix) {
        VLOG_ERR("%s: file name must be specified", name);
        return EINVAL;
    }

    connect_path = abs_file_name(ovs_rundir(), suffix);
    fd = make_unix_socket(SOCK_STREAM, true, NULL, connect_path);
    free(connect_path);
    if (fd < 0) {
        VLOG_DBG("%s: connection failed (%s)", name, ovs_strerror(-fd));
        return -fd;
    }

    return new_fd_stream(xstrdup(name), fd, check_connection_completion(fd),
                         AF_UNIX, streamp);
}

const struct stream_class unix_stream_class = {
    .name = "unix",
    .needs_probes = false,
    .open = unix_open,
    .close = NULL,
    .connect = NULL,
    .recv = NULL,
    .send = NULL,
    .run = NULL,
    .run_wait = NULL,
    .wait = NULL,
};

/* Passive Unix domain sockets. */

/* Makes a stream from 'fd', just accepted from a punix pstream.  Names it
 * after the peer's bound name if it has one, otherwise "unix#N". */
static int
punix_accept(int fd, const struct sockaddr_storage *ss, size_t ss_len,
             struct stream **streamp)
{
    static unsigned int serial;
    const struct sockaddr_un *sun = (const struct sockaddr_un *) ss;
    int name_len = get_unix_name_len(sun, ss_len);
    char *name;

    if (name_len > 0) {
        name = xasprintf("unix:%.*s", name_len, sun->sun_path);
    } else {
        name = xasprintf("unix#%u", serial++);
    }
    return new_fd_stream(name, fd, 0, AF_UNIX, streamp);
}

static int
punix_open(const char *name, char *suffix, struct pstream **pstreamp,
           uint8_t dscp OVS_UNUSED)
{
    char *bind_path;
    int fd, error;

    if (!*suffix) {
        VLOG_ERR("%s: file name must be specified", name);
        return EINVAL;
    }

    bind_path = abs_file_name(ovs_rundir(), suffix);
    fd = make_unix_socket(SOCK_STREAM, true, bind_path, NULL);
    if (fd < 0) {
        VLOG_ERR("%s: binding failed: %s", bind_path, ovs_strerror(-fd));
        free(bind_path);
        return -fd;
    }

    if (listen(fd, 64) < 0) {
        error = errno;
        VLOG_ERR("%s: listen: %s", name, ovs_strerror(error));
        close(fd);
        fatal_signal_unlink_file_now(bind_path);
        free(bind_path);
        return error;
    }

    return new_fd_pstream(xstrdup(name), fd, punix_accept, bind_path,
                          pstreamp);
}

const struct pstream_class punix_pstream_class = {
    .name = "punix",
    .needs_probes = false,
    .listen = punix_open,
    .close = NULL,
    .accept = NULL,
    .wait = NULL,
};
