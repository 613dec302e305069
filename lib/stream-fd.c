/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "stream-fd.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fatal-signal.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream-provider.h"

VLOG_DEFINE_THIS_MODULE(stream_fd);

/* Active file descriptor stream. */

/* A stream over a connected (or connecting) socket. */
struct stream_fd {
    struct stream stream;       /* Generic part. */
    int fd;                     /* The socket. */
    int fd_type;                /* AF_INET, AF_INET6 or AF_UNIX. */
};

static const struct stream_class stream_fd_class;

static struct stream_fd *
stream_fd_cast(struct stream *stream)
{
    stream_assert_class(stream, &stream_fd_class);
    return CONTAINER_OF(stream, struct stream_fd, stream);
}

/* Creates a stream named 'name' (taking ownership of it) over socket 'fd'
 * (taking ownership of it), of address family 'fd_type'.
 * 'connect_status' is 0 if 'fd' is connected, EAGAIN if a non-blocking
 * connect is in progress, or the errno value of a failed connection.
 * Stores the new stream in '*streamp' and returns 0. */
int
new_fd_stream(char *name, int fd, int connect_status, int fd_type,
              struct stream **streamp)
{
    struct stream_fd *s = xmalloc(sizeof *s);

    stream_init(&s->stream, &stream_fd_class, connect_status, name);
    s->fd = fd;
    s->fd_type = fd_type;
    *streamp = &s->stream;
    return 0;
}

static void
fd_close(struct stream *stream)
{
    struct stream_fd *s = stream_fd_cast(stream);

    close(s->fd);
    free(s);
}

static int
fd_connect(struct stream *stream)
{
    struct stream_fd *s = stream_fd_cast(stream);
    int retval = check_connection_completion(s->fd);

    if (!retval && s->fd_type != AF_UNIX) {
        setsockopt_tcp_nodelay(s->fd);
    }
    return retval;
}

static ssize_t
fd_recv(struct stream *stream, void *buffer, size_t n)
{
    struct stream_fd *s = stream_fd_cast(stream);
    ssize_t retval;

    /* The caller waits for input after EAGAIN: when the last poll found
     * none, save the system call. */
    if (poll_fd_known_idle(s->fd, POLLIN)) {
        return -EAGAIN;
    }
    do {
        retval = recv(s->fd, buffer, n, 0);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0 && errno == EWOULDBLOCK) {
        return -EAGAIN;
    }
    return retval >= 0 ? retval : -errno;
}

static ssize_t
fd_send(struct stream *stream, const void *buffer, size_t n)
{
    struct stream_fd *s = stream_fd_cast(stream);
    ssize_t retval;

    do {
        retval = send(s->fd, buffer, n, MSG_NOSIGNAL);
    } while (retval < 0 && errno == EINTR);
    if (retval < 0 && errno == EWOULDBLOCK) {
        return -EAGAIN;
    }
    return retval >= 0 ? retval : -errno;
}

static void
fd_wait(struct stream *stream, enum stream_wait_type wait)
{
    struct stream_fd *s = stream_fd_cast(stream);

    switch (wait) {
    case STREAM_CONNECT:
    case STREAM_SEND:
        poll_fd_wait(s->fd, POLLOUT);
        break;
    case STREAM_RECV:
        poll_fd_wait(s->fd, POLLIN);
        break;
    default:
        OVS_NOT_REACHED();
    }
}

static const struct stream_class stream_fd_class = {
    .name = "fd",
    .needs_probes = false,
    .open = NULL,
    .close = fd_close,
    .connect = fd_connect,
    .recv = fd_recv,
    .send = fd_send,
    .run = NULL,
    .run_wait = NULL,
    .wait = fd_wait,
};

/* Passive file descriptor stream. */

/* A listening socket. */
struct fd_pstream {
    struct pstream pstream;     /* Generic part. */
    int fd;                     /* The listening socket. */
    int (*accept_cb)(int fd, const struct sockaddr_storage *,
                     size_t ss_len, struct stream **);
                                /* Makes a stream from an accepted
                                 * socket. */
    char *unlink_path;          /* File to remove on close, or NULL. */
};

static const struct pstream_class fd_pstream_class;

static struct fd_pstream *
fd_pstream_cast(struct pstream *pstream)
{
    pstream_assert_class(pstream, &fd_pstream_class);
    return CONTAINER_OF(pstream, struct fd_pstream, pstream);
}

/* Creates a pstream named 'name' (taking ownership of it) over listening
 * socket 'fd' (taking ownership of it).  Each accepted socket becomes a
 * stream through 'accept_cb', which gets the new socket and the peer's
 * address.  If 'unlink_path' is nonnull, this takes ownership of it and
 * removes that file when the pstream is closed.  Stores the new pstream
 * in '*pstreamp' and returns 0. */
int
new_fd_pstream(char *name, int fd,
               int (*accept_cb)(int fd, const struct sockaddr_storage *,
                                size_t ss_len, struct stream **),
               char *unlink_path, struct pstream **pstreamp)
{
    struct fd_pstream *ps = xmalloc(sizeof *ps);

    pstream_init(&ps->pstream, &fd_pstream_class, name);
    ps->fd = fd;
    ps->accept_cb = accept_cb;
    ps->unlink_path = unlink_path;
    *pstreamp = &ps->pstream;
    return 0;
}

static void
pfd_close(struct pstream *pstream)
{
    struct fd_pstream *ps = fd_pstream_cast(pstream);

    close(ps->fd);
    if (ps->unlink_path) {
        fatal_signal_unlink_file_now(ps->unlink_path);
        free(ps->unlink_path);
    }
    free(ps);
}

static int
pfd_accept(struct pstream *pstream, struct stream **new_streamp)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 10);
    struct fd_pstream *ps = fd_pstream_cast(pstream);
    struct sockaddr_storage ss;
    socklen_t ss_len = sizeof ss;
    struct pollfd pfd;
    int new_fd;
    int retval;

    /* Most calls find no pending connection.  accept4() sets up a whole
     * socket and file before it finds that out, poll() is much cheaper:
     * ask it first (this runs in every main loop iteration of every
     * daemon that listens). */
    pfd.fd = ps->fd;
    pfd.events = POLLIN;
    pfd.revents = 0;
    if (poll_fd_known_idle(ps->fd, POLLIN) || poll(&pfd, 1, 0) == 0) {
        return EAGAIN;
    }

    do {
        new_fd = accept4(ps->fd, (struct sockaddr *) &ss, &ss_len,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (new_fd < 0 && errno == EINTR);
    if (new_fd < 0) {
        retval = errno;
        if (retval == EWOULDBLOCK) {
            return EAGAIN;
        }
        VLOG_DBG_RL(&rl, "%s: accept failed: %s",
                    pstream_get_name(pstream), ovs_strerror(retval));
        return retval;
    }

    retval = ps->accept_cb(new_fd, &ss, ss_len, new_streamp);
    if (retval) {
        close(new_fd);
    }
    return retval;
}

static void
pfd_wait(struct pstream *pstream)
{
    struct fd_pstream *ps = fd_pstream_cast(pstream);

    poll_fd_wait(ps->fd, POLLIN);
}

static const struct pstream_class fd_pstream_class = {
    .name = "pstream",
    .needs_probes = false,
    .listen = NULL,
    .close = pfd_close,
    .accept = pfd_accept,
    .wait = pfd_wait,
};
