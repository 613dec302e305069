/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#include <config.h>
#include "socket-util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fatal-signal.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/util.h"
#include "openvswitch/vlog.h"

VLOG_DEFINE_THIS_MODULE(socket_util);

#ifndef ALIGNED_CAST
/* Casts 'POINTER' to 'TYPE' when the caller knows it is suitably aligned
 * (e.g. a struct sockaddr_storage to a struct sockaddr_in). */
#define ALIGNED_CAST(TYPE, POINTER) ((TYPE) (void *) (POINTER))
#endif

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Puts 'fd' in non-blocking mode. */
int
set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);

    if (flags != -1) {
        if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) != -1) {
            return 0;
        }
        VLOG_ERR("fcntl(F_SETFL) failed: %s", ovs_strerror(errno));
        return errno;
    }
    VLOG_ERR("fcntl(F_GETFL) failed: %s", ovs_strerror(errno));
    return errno;
}

/* Like set_nonblocking(), but aborts on failure. */
void
xset_nonblocking(int fd)
{
    if (set_nonblocking(fd)) {
        ovs_abort(errno, "set_nonblocking failed");
    }
}

/* Disables Nagle's algorithm on TCP socket 'fd', logging any failure. */
void
setsockopt_tcp_nodelay(int fd)
{
    int on = 1;

    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on)) {
        VLOG_ERR_RL(&rl, "setsockopt(TCP_NODELAY): %s",
                    ovs_strerror(errno));
    }
}

/* Sets the DSCP bits of the packets that socket 'fd', of address family
 * 'family', sends to 'dscp' (0...DSCP_MAX).  Sockets that are not IPv4 or
 * IPv6 have no DSCP: for them this does nothing and returns 0. */
int
set_dscp(int fd, int family, uint8_t dscp)
{
    int val;

    if (dscp > DSCP_MAX) {
        return EINVAL;
    }
    val = dscp << 2;

    switch (family) {
    case AF_INET:
        if (setsockopt(fd, IPPROTO_IP, IP_TOS, &val, sizeof val)) {
            return errno;
        }
        return 0;

    case AF_INET6:
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &val, sizeof val)) {
            return errno;
        }
        return 0;

    default:
        return 0;
    }
}

/* Returns the size of socket 'sock''s receive buffer (SO_RCVBUF), or a
 * negative errno value on failure. */
int
get_socket_rcvbuf(int sock)
{
    int rcvbuf;
    socklen_t len = sizeof rcvbuf;

    if (getsockopt(sock, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &len)) {
        return -errno;
    }
    return rcvbuf;
}

/* Returns the pending error on socket 'fd' (SO_ERROR), 0 if none. */
int
get_socket_error(int fd)
{
    int error;
    socklen_t len = sizeof error;

    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len)) {
        return errno;
    }
    return error;
}

/* Checks whether the non-blocking connect() in progress on 'fd' has
 * finished.  Returns 0 if it succeeded, EAGAIN if it is still in
 * progress, otherwise the positive errno value that made it fail. */
int
check_connection_completion(int fd)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int retval;

    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);

    if (retval == 1) {
        if (pfd.revents & (POLLERR | POLLHUP)) {
            int error = get_socket_error(fd);
            return error ? error : ECONNREFUSED;
        }
        return 0;
    } else if (retval < 0) {
        VLOG_ERR_RL(&rl, "poll: %s", ovs_strerror(errno));
        return errno;
    } else {
        return EAGAIN;
    }
}

/* Reads and discards up to 'n_packets' packets (or reads) from 'fd',
 * stopping early if there is nothing more to read. */
void
drain_fd(int fd, size_t n_packets)
{
    for (; n_packets > 0; n_packets--) {
        char buffer[128];

        if (read(fd, buffer, sizeof buffer) <= 0) {
            break;
        }
    }
}

/* Reads and discards everything waiting in non-blocking socket 'fd'.
 * Returns 0 if successful, otherwise a positive errno value. */
int
drain_rcvbuf(int fd)
{
    for (;;) {
        char buffer[2048];
        ssize_t n = recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno == EAGAIN ? 0 : errno;
        } else if (n == 0) {
            return 0;
        }
    }
}

/* Reads exactly 'size' bytes from 'fd' into 'p_', retrying short reads and
 * EINTR.  Stores the number of bytes read in '*bytes_read'.  Returns 0 if
 * all were read, EOF if end of file came first, otherwise a positive errno
 * value. */
int
read_fully(int fd, void *p_, size_t size, size_t *bytes_read)
{
    uint8_t *p = p_;

    *bytes_read = 0;
    while (size > 0) {
        ssize_t retval = read(fd, p, size);
        if (retval > 0) {
            *bytes_read += retval;
            size -= retval;
            p += retval;
        } else if (retval == 0) {
            return EOF;
        } else if (errno != EINTR) {
            return errno;
        }
    }
    return 0;
}

/* Writes exactly 'size' bytes from 'p_' to 'fd', retrying short writes and
 * EINTR.  Stores the number of bytes written in '*bytes_written'.
 * Returns 0 if successful, otherwise a positive errno value. */
int
write_fully(int fd, const void *p_, size_t size, size_t *bytes_written)
{
    const uint8_t *p = p_;

    *bytes_written = 0;
    while (size > 0) {
        ssize_t retval = write(fd, p, size);
        if (retval > 0) {
            *bytes_written += retval;
            size -= retval;
            p += retval;
        } else if (retval == 0) {
            VLOG_WARN("write returned 0");
            return EPROTO;
        } else if (errno != EINTR) {
            return errno;
        }
    }
    return 0;
}

/* Creates a pipe in 'fds', aborting on failure. */
void
xpipe(int fds[2])
{
    if (pipe(fds)) {
        ovs_fatal(errno, "failed to create pipe");
    }
}

/* Like xpipe(), but makes both ends non-blocking. */
void
xpipe_nonblocking(int fds[2])
{
    xpipe(fds);
    xset_nonblocking(fds[0]);
    xset_nonblocking(fds[1]);
}

/* Creates a socket pair in 'fds', aborting on failure. */
void
xsocketpair(int domain, int type, int protocol, int fds[2])
{
    if (socketpair(domain, type, protocol, fds)) {
        ovs_fatal(errno, "failed to create socketpair");
    }
}

/* Internet addresses. */

/* Splits 's' in place into a host and a port for an active address,
 * "HOST[:PORT]", where an IPv6 HOST is in square brackets.  Stores the
 * host (without brackets) in '*hostp' and the port (or NULL if there is
 * none) in '*portp'.  Returns false if 's' is malformed. */
bool
inet_parse_host_port_tokens(char *s, char **hostp, char **portp)
{
    char *p;

    if (*s == '[') {
        char *end = strchr(s, ']');
        if (!end) {
            return false;
        }
        *end = '\0';
        *hostp = s + 1;
        p = end + 1;
        if (*p == '\0') {
            *portp = NULL;
            return true;
        } else if (*p != ':') {
            return false;
        }
        p++;
    } else {
        *hostp = s;
        p = strchr(s, ':');
        if (!p) {
            *portp = NULL;
            return true;
        }
        *p++ = '\0';
    }

    /* The port ends at the next colon, if any. */
    *portp = p;
    p = strchr(p, ':');
    if (p) {
        *p = '\0';
    }
    return true;
}

/* Splits 's' in place into a port and a host for a passive address,
 * "[PORT][:HOST]".  Stores the port (or NULL if empty) in '*portp' and the
 * host (without brackets, or NULL if empty) in '*hostp'.  Returns false
 * if 's' is malformed. */
bool
inet_parse_port_host_tokens(char *s, char **portp, char **hostp)
{
    char *colon = strchr(s, ':');
    char *host = NULL;

    if (colon) {
        *colon = '\0';
        host = colon + 1;
        if (*host == '[') {
            size_t len = strlen(host);
            if (len < 2 || host[len - 1] != ']') {
                return false;
            }
            host[len - 1] = '\0';
            host++;
        }
    }
    *portp = *s ? s : NULL;
    *hostp = host && *host ? host : NULL;
    return true;
}

/* Parses 'host_name', which must be an IPv4 address, into '*address'.
 * Returns 0 if successful, otherwise ENOENT. */
int
lookup_ip(const char *host_name, struct in_addr *address)
{
    if (inet_pton(AF_INET, host_name, address) != 1) {
        VLOG_ERR_RL(&rl, "\"%s\" is not a valid IP address", host_name);
        return ENOENT;
    }
    return 0;
}

/* Parses 'host_name', which must be an IPv6 address, into '*address'.
 * Returns 0 if successful, otherwise ENOENT. */
int
lookup_ipv6(const char *host_name, struct in6_addr *address)
{
    if (inet_pton(AF_INET6, host_name, address) != 1) {
        VLOG_ERR_RL(&rl, "\"%s\" is not a valid IPv6 address", host_name);
        return ENOENT;
    }
    return 0;
}

/* Resolves 'host_name' (an IPv4 address or a host name with an IPv4
 * address) into '*address', blocking if DNS must be consulted.  Returns 0
 * if successful, otherwise a positive errno value. */
int
lookup_hostname(const char *host_name, struct in_addr *address)
{
    struct addrinfo hints = { .ai_family = AF_INET };
    struct addrinfo *result;
    int error;

    if (inet_pton(AF_INET, host_name, address) == 1) {
        return 0;
    }

    error = getaddrinfo(host_name, NULL, &hints, &result);
    if (!error) {
        const struct sockaddr_in *sin = ALIGNED_CAST(
            const struct sockaddr_in *, result->ai_addr);
        *address = sin->sin_addr;
        freeaddrinfo(result);
        return 0;
    }
    return (error == EAI_AGAIN ? EAGAIN
            : error == EAI_NONAME || error == EAI_NODATA ? ENOENT
            : error == EAI_MEMORY ? ENOMEM
            : error == EAI_SYSTEM ? errno
            : EPROTO);
}

/* Parses 'host' into the address part of '*ss' (whose port it zeroes).
 * 'host' is an IPv4 or IPv6 address or, with 'resolve_host', a host name
 * (resolved with getaddrinfo(), which may block).  Returns true if
 * successful.  'target' is the whole address, for log messages. */
static bool
parse_sockaddr_host(const char *target, const char *host,
                    struct sockaddr_storage *ss, bool resolve_host,
                    bool *dns_failure)
{
    struct sockaddr_in *sin = ALIGNED_CAST(struct sockaddr_in *, ss);
    struct sockaddr_in6 *sin6 = ALIGNED_CAST(struct sockaddr_in6 *, ss);

    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6;
        return true;
    }

    if (resolve_host) {
        struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
        struct addrinfo *result;

        if (!getaddrinfo(host, NULL, &hints, &result)) {
            memcpy(ss, result->ai_addr,
                   MIN(result->ai_addrlen, sizeof *ss));
            freeaddrinfo(result);
            if (ss->ss_family == AF_INET || ss->ss_family == AF_INET6) {
                return true;
            }
        }
        if (dns_failure) {
            *dns_failure = true;
        }
        VLOG_ERR("%s: could not resolve host name \"%s\"", target, host);
        return false;
    }

    VLOG_ERR("%s: bad IP address \"%s\"", target, host);
    return false;
}

/* Parses 'port_s' (or, if it is null or empty, 'default_port') as the port
 * for 'target'.  Stores it in '*portp' and returns true if successful. */
static bool
parse_port(const char *target, const char *port_s, int default_port,
           uint16_t *portp)
{
    int port;

    if (!port_s || !*port_s) {
        if (default_port < 0) {
            VLOG_ERR("%s: port must be specified", target);
            return false;
        }
        *portp = default_port;
        return true;
    }
    if (!str_to_int(port_s, 10, &port) || port < 0 || port > 65535) {
        VLOG_ERR("%s: bad port number \"%s\"", target, port_s);
        return false;
    }
    *portp = port;
    return true;
}

/* Stores 'port' in 'ss', whose family must be set. */
static void
ss_set_port(struct sockaddr_storage *ss, uint16_t port)
{
    if (ss->ss_family == AF_INET) {
        ALIGNED_CAST(struct sockaddr_in *, ss)->sin_port = htons(port);
    } else {
        ALIGNED_CAST(struct sockaddr_in6 *, ss)->sin6_port = htons(port);
    }
}

/* Parses active address 'target' ("HOST[:PORT]") into '*ssp'.  A missing
 * port means 'default_port', or an error if that is negative.  Host names
 * are resolved only with 'resolve_host'; '*dns_failure', if nonnull, is
 * set to whether resolution failed.  Logs and returns false on error (and
 * zeroes '*ssp'). */
bool
inet_parse_active(const char *target, int default_port,
                  struct sockaddr_storage *ssp, bool resolve_host,
                  bool *dns_failure)
{
    char *copy = xstrdup(target);
    char *host, *port;
    uint16_t port_n;
    bool ok;

    if (dns_failure) {
        *dns_failure = false;
    }
    if (!inet_parse_host_port_tokens(copy, &host, &port)) {
        VLOG_ERR("%s: syntax error in address", target);
        ok = false;
    } else if (!*host) {
        VLOG_ERR("%s: host must be specified", target);
        ok = false;
    } else {
        ok = (parse_port(target, port, default_port, &port_n)
              && parse_sockaddr_host(target, host, ssp, resolve_host,
                                     dns_failure));
        if (ok) {
            ss_set_port(ssp, port_n);
        }
    }
    if (!ok) {
        memset(ssp, 0, sizeof *ssp);
    }
    free(copy);
    return ok;
}

/* Opens a non-blocking socket of type 'style' (SOCK_STREAM, SOCK_DGRAM)
 * and starts connecting it to active address 'target' (see
 * inet_parse_active()), with DSCP 'dscp'.  Stores the address in '*ssp' if
 * 'ssp' is nonnull.
 *
 * Returns 0 if the connection completed at once, EAGAIN if it is in
 * progress (use check_connection_completion()), and in both cases stores
 * the socket in '*fdp'.  On failure, returns a positive errno value and
 * stores -1 in '*fdp'. */
int
inet_open_active(int style, const char *target, int default_port,
                 struct sockaddr_storage *ssp, int *fdp, uint8_t dscp)
{
    struct sockaddr_storage ss;
    int fd = -1;
    int error;

    if (!inet_parse_active(target, default_port, &ss, true, NULL)) {
        error = EAFNOSUPPORT;
        goto exit;
    }

    fd = socket(ss.ss_family, style | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
        VLOG_ERR("%s: socket: %s", target, ovs_strerror(error));
        goto exit;
    }
    error = set_nonblocking(fd);
    if (error) {
        goto exit;
    }
    error = set_dscp(fd, ss.ss_family, dscp);
    if (error) {
        VLOG_ERR("%s: set_dscp: %s", target, ovs_strerror(error));
        goto exit;
    }

    error = connect(fd, (struct sockaddr *) &ss, ss_length(&ss)) ? errno : 0;
    if (error == EINPROGRESS) {
        error = EAGAIN;
    }

exit:
    if (error && error != EAGAIN) {
        if (ssp) {
            memset(ssp, 0, sizeof *ssp);
        }
        if (fd >= 0) {
            close(fd);
            fd = -1;
        }
    } else if (ssp) {
        *ssp = ss;
    }
    *fdp = fd;
    return error;
}

/* Parses passive address 'target' ("[PORT][:HOST]") into '*ssp'.  A
 * missing port means 'default_port', or an error if that is negative; a
 * missing host means any IPv4 address.  Otherwise like
 * inet_parse_active(). */
bool
inet_parse_passive(const char *target, int default_port,
                   struct sockaddr_storage *ssp, bool resolve_host,
                   bool *dns_failure)
{
    char *copy = xstrdup(target);
    char *host, *port;
    uint16_t port_n;
    bool ok;

    if (dns_failure) {
        *dns_failure = false;
    }
    if (!inet_parse_port_host_tokens(copy, &port, &host)) {
        VLOG_ERR("%s: syntax error in address", target);
        ok = false;
    } else {
        ok = (parse_port(target, port, default_port, &port_n)
              && parse_sockaddr_host(target, host ? host : "0.0.0.0", ssp,
                                     resolve_host, dns_failure));
        if (ok) {
            ss_set_port(ssp, port_n);
        }
    }
    if (!ok) {
        memset(ssp, 0, sizeof *ssp);
    }
    free(copy);
    return ok;
}

/* Opens a non-blocking socket of type 'style' bound to passive address
 * 'target' (see inet_parse_passive()) and, for SOCK_STREAM, listening,
 * with DSCP 'dscp'.  Stores the bound address (with the actual port) in
 * '*ssp' if 'ssp' is nonnull.  With 'kernel_print_port', logs the port
 * that the kernel chose when 'target' asked for port 0.
 *
 * Returns the socket (nonnegative) on success, otherwise a negative errno
 * value. */
int
inet_open_passive(int style, const char *target, int default_port,
                  struct sockaddr_storage *ssp, uint8_t dscp,
                  bool kernel_print_port)
{
    struct sockaddr_storage ss;
    socklen_t ss_len;
    int fd, error;
    int on = 1;

    if (!inet_parse_passive(target, default_port, &ss, true, NULL)) {
        return -EAFNOSUPPORT;
    }
    kernel_print_port = kernel_print_port && !ss_get_port(&ss);

    fd = socket(ss.ss_family, style | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
        VLOG_ERR("%s: socket: %s", target, ovs_strerror(error));
        return -error;
    }
    error = set_nonblocking(fd);
    if (error) {
        goto error;
    }
    if (style == SOCK_STREAM
        && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0) {
        error = errno;
        VLOG_ERR("%s: setsockopt(SO_REUSEADDR): %s",
                 target, ovs_strerror(error));
        goto error;
    }
    if (bind(fd, (struct sockaddr *) &ss, ss_length(&ss)) < 0) {
        error = errno;
        VLOG_ERR("%s: bind: %s", target, ovs_strerror(error));
        goto error;
    }
    error = set_dscp(fd, ss.ss_family, dscp);
    if (error) {
        VLOG_ERR("%s: set_dscp: %s", target, ovs_strerror(error));
        goto error;
    }
    if (style == SOCK_STREAM && listen(fd, 64) < 0) {
        error = errno;
        VLOG_ERR("%s: listen: %s", target, ovs_strerror(error));
        goto error;
    }

    ss_len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *) &ss, &ss_len) < 0) {
        error = errno;
        VLOG_ERR("%s: getsockname: %s", target, ovs_strerror(error));
        goto error;
    }
    if (kernel_print_port) {
        VLOG_INFO("%s: listening on port %"PRIu16, target, ss_get_port(&ss));
    }
    if (ssp) {
        *ssp = ss;
    }
    return fd;

error:
    if (ssp) {
        memset(ssp, 0, sizeof *ssp);
    }
    close(fd);
    return -error;
}

/* Parses 'target', an IPv4 or IPv6 address (without port or brackets),
 * into '*ss'.  Returns NULL if successful, otherwise an error message that
 * the caller must free(). */
char *
inet_parse_address(const char *target, struct sockaddr_storage *ss)
{
    struct sockaddr_in *sin = ALIGNED_CAST(struct sockaddr_in *, ss);
    struct sockaddr_in6 *sin6 = ALIGNED_CAST(struct sockaddr_in6 *, ss);

    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET, target, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        return NULL;
    }
    if (inet_pton(AF_INET6, target, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6;
        return NULL;
    }
    return xasprintf("%s: could not parse address", target);
}

/* Returns the port in 'ss' (host byte order), or 0 if 'ss' is neither
 * IPv4 nor IPv6. */
uint16_t
ss_get_port(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET) {
        return ntohs(ALIGNED_CAST(const struct sockaddr_in *, ss)->sin_port);
    } else if (ss->ss_family == AF_INET6) {
        return ntohs(ALIGNED_CAST(const struct sockaddr_in6 *,
                                  ss)->sin6_port);
    }
    return 0;
}

/* Returns the length of the sockaddr that 'ss' holds. */
size_t
ss_length(const struct sockaddr_storage *ss)
{
    switch (ss->ss_family) {
    case AF_INET:
        return sizeof(struct sockaddr_in);
    case AF_INET6:
        return sizeof(struct sockaddr_in6);
    case AF_UNIX:
        return sizeof(struct sockaddr_un);
    default:
        return sizeof *ss;
    }
}

/* Appends the address in 'ss' to 'ds', an IPv6 address without
 * brackets. */
void
ss_format_address_nobracks(const struct sockaddr_storage *ss, struct ds *ds)
{
    char buf[INET6_ADDRSTRLEN];

    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *sin
            = ALIGNED_CAST(const struct sockaddr_in *, ss);
        ds_put_cstr(ds, inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf));
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *sin6
            = ALIGNED_CAST(const struct sockaddr_in6 *, ss);
        ds_put_cstr(ds, inet_ntop(AF_INET6, &sin6->sin6_addr, buf,
                                  sizeof buf));
    } else {
        ds_put_format(ds, "<address family %d>", ss->ss_family);
    }
}

/* Appends the address in 'ss' to 'ds', an IPv6 address in brackets. */
void
ss_format_address(const struct sockaddr_storage *ss, struct ds *ds)
{
    if (ss->ss_family == AF_INET6) {
        ds_put_char(ds, '[');
        ss_format_address_nobracks(ss, ds);
        ds_put_char(ds, ']');
    } else {
        ss_format_address_nobracks(ss, ds);
    }
}

/* Returns "ADDRESS:PORT" for 'ss' (e.g. "127.0.0.1:6640" or
 * "[::1]:6640"), which the caller must free(). */
char *
ss_format_address_port(const struct sockaddr_storage *ss)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    ss_format_address(ss, &ds);
    ds_put_format(&ds, ":%"PRIu16, ss_get_port(ss));
    return ds_steal_cstr(&ds);
}

/* Unix domain sockets. */

/* A Unix socket name that fits in sockaddr_un: 'path' itself if it is
 * short enough, otherwise a name under /proc/self/fd that reaches the
 * same file through an open descriptor for its directory. */
struct unix_name {
    struct sockaddr_un sun;     /* The address to use. */
    socklen_t sun_len;          /* Length of 'sun'. */
    int dirfd;                  /* Directory descriptor to close, or -1. */
};

/* Fills in 'name' for 'path'.  Returns 0 or a positive errno value. */
static int
unix_name_init(struct unix_name *name, const char *path)
{
    size_t max = sizeof name->sun.sun_path - 1;
    size_t len = strlen(path);

    memset(&name->sun, 0, sizeof name->sun);
    name->sun.sun_family = AF_UNIX;
    name->dirfd = -1;

    if (len > max) {
        char *dir = dir_name(path);
        char *base = base_name(path);
        char *short_path;

        name->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (name->dirfd < 0) {
            int error = errno;
            free(dir);
            free(base);
            return error;
        }
        short_path = xasprintf("/proc/self/fd/%d/%s", name->dirfd, base);
        free(dir);
        free(base);

        len = strlen(short_path);
        if (len > max) {
            free(short_path);
            close(name->dirfd);
            name->dirfd = -1;
            return ENAMETOOLONG;
        }
        memcpy(name->sun.sun_path, short_path, len);
        free(short_path);
    } else {
        memcpy(name->sun.sun_path, path, len);
    }
    name->sun_len = offsetof(struct sockaddr_un, sun_path) + len + 1;
    return 0;
}

/* Frees what 'name' holds. */
static void
unix_name_destroy(struct unix_name *name)
{
    if (name->dirfd >= 0) {
        close(name->dirfd);
    }
}

/* Creates a Unix domain socket of type 'style' (SOCK_STREAM,
 * SOCK_DGRAM), non-blocking if 'nonblock'.  If 'bind_path' is nonnull,
 * binds it to that name, first removing any file of that name, with mode
 * 0750 (less the umask), and registers the name to be unlinked at exit
 * (the caller should call fatal_signal_unlink_file_now() when done with
 * it).  If 'connect_path' is nonnull, connects to it.  Either path may be
 * longer than sockaddr_un allows.
 *
 * Returns the socket (nonnegative) if successful, otherwise a negative
 * errno value.  A non-blocking connect that is still in progress is a
 * success (see check_connection_completion()). */
int
make_unix_socket(int style, bool nonblock,
                 const char *bind_path, const char *connect_path)
{
    int error;
    int fd;

    fd = socket(PF_UNIX, style | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -errno;
    }
    if (nonblock) {
        error = set_nonblocking(fd);
        if (error) {
            goto error;
        }
    }

    if (bind_path) {
        struct unix_name name;

        if (unlink(bind_path) && errno != ENOENT) {
            VLOG_WARN("%s: unlink failed (%s)", bind_path,
                      ovs_strerror(errno));
        }
        fatal_signal_add_file_to_unlink(bind_path);

        error = unix_name_init(&name, bind_path);
        if (!error) {
            if (fchmod(fd, S_IRWXU | S_IRGRP | S_IXGRP)) {
                error = errno;
            } else if (bind(fd, (struct sockaddr *) &name.sun,
                            name.sun_len)) {
                error = errno;
            }
            unix_name_destroy(&name);
        }
        if (error) {
            fatal_signal_remove_file_to_unlink(bind_path);
            goto error;
        }
    }

    if (connect_path) {
        struct unix_name name;

        error = unix_name_init(&name, connect_path);
        if (!error) {
            if (connect(fd, (struct sockaddr *) &name.sun, name.sun_len)
                && errno != EINPROGRESS) {
                error = errno;
            }
            unix_name_destroy(&name);
        }
        if (error) {
            goto error;
        }
    }
    return fd;

error:
    if (error == EAGAIN) {
        /* connect() on a Unix socket says EAGAIN when the listener's
         * backlog is full: to callers that is a refusal. */
        error = ECONNREFUSED;
    }
    if (bind_path) {
        fatal_signal_unlink_file_now(bind_path);
    }
    close(fd);
    return -error;
}

/* Returns the length of the name in 'sun', whose size (as returned by
 * accept(), getsockname() etc.) is 'sun_len'. */
int
get_unix_name_len(const struct sockaddr_un *sun, socklen_t sun_len)
{
    return (sun_len > offsetof(struct sockaddr_un, sun_path)
            && sun->sun_path[0] != 0
            ? strnlen(sun->sun_path,
                      sun_len - offsetof(struct sockaddr_un, sun_path))
            : 0);
}

/* Describes 'fd' for log messages, e.g. "127.0.0.1:36772<->127.0.0.1:6640"
 * or "unix:/var/run/openvswitch/db.sock".  The caller must free() the
 * result. */
char *
describe_fd(int fd)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct stat s;

    if (fstat(fd, &s)) {
        ds_put_format(&ds, "fstat failed (%s)", ovs_strerror(errno));
    } else if (S_ISSOCK(s.st_mode)) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;

        if (getsockname(fd, (struct sockaddr *) &ss, &len)) {
            ds_put_format(&ds, "socket (%s)", ovs_strerror(errno));
        } else if (ss.ss_family == AF_UNIX) {
            const struct sockaddr_un *sun
                = ALIGNED_CAST(const struct sockaddr_un *, &ss);
            int name_len = get_unix_name_len(sun, len);

            ds_put_cstr(&ds, "unix");
            if (name_len) {
                ds_put_format(&ds, ":%.*s", name_len, sun->sun_path);
            }
        } else if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) {
            struct sockaddr_storage peer;
            socklen_t peer_len = sizeof peer;
            char *local = ss_format_address_port(&ss);

            ds_put_format(&ds, "%s<->", local);
            free(local);
            if (!getpeername(fd, (struct sockaddr *) &peer, &peer_len)) {
                char *remote = ss_format_address_port(&peer);
                ds_put_cstr(&ds, remote);
                free(remote);
            }
        } else {
            ds_put_format(&ds, "socket (family %d)", ss.ss_family);
        }
    } else {
        ds_put_format(&ds, "%s",
                      (S_ISFIFO(s.st_mode) ? "FIFO"
                       : S_ISREG(s.st_mode) ? "file"
                       : S_ISDIR(s.st_mode) ? "directory"
                       : S_ISCHR(s.st_mode) ? "character device"
                       : S_ISBLK(s.st_mode) ? "block device"
                       : "unknown"));
    }
    return ds_steal_cstr(&ds);
}

/* Returns the error from the last socket call. */
int
sock_errno(void)
{
    return errno;
}

/* Returns a string describing socket error 'error'. */
const char *
sock_strerror(int error)
{
    return ovs_strerror(error);
}
