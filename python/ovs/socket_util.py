# SPDX-License-Identifier: Apache-2.0
"""Socket helpers: Unix domain sockets (including paths too long for
sockaddr_un), nonblocking TCP connections, address parsing."""

import errno
import os
import os.path
import socket

import ovs.fatal_signal
import ovs.poller
import ovs.vlog

vlog = ovs.vlog.Vlog("socket_util")

# Longest path that fits in a struct sockaddr_un, less the terminating null.
_MAX_SUN_PATH = 107

# Directory file descriptors opened to reach long socket paths, by the name
# of the short alias handed out for them.
_short_names = {}


def make_short_name(long_name):
    """Returns a name for 'long_name' that fits in a sockaddr_un, reaching
    the file through /proc/self/fd/N where N is a file descriptor opened on
    its directory.  Free it with free_short_name()."""
    if long_name is None:
        return None
    long_name = os.path.abspath(long_name)
    dirname = os.path.dirname(long_name)
    basename = os.path.basename(long_name)
    fd = os.open(dirname, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    short_name = "/proc/self/fd/%d/%s" % (fd, basename)
    _short_names[short_name] = fd
    return short_name


def free_short_name(short_name):
    """Releases a name returned by make_short_name()."""
    if short_name is None:
        return
    fd = _short_names.pop(short_name, None)
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass


def _needs_short_name(path):
    return path is not None and len(path.encode()) > _MAX_SUN_PATH


def make_unix_socket(style, nonblock, bind_path, connect_path, short=False):
    """Creates a Unix domain socket of the given 'style' (e.g.
    socket.SOCK_STREAM), bound to 'bind_path' (if not None) and connected
    to 'connect_path' (if not None).  If 'nonblock', the socket is made
    nonblocking first, so a connection may still be in progress on return.

    A stale file at 'bind_path' is removed first, and the file is removed
    again when the process exits.  Paths too long for a sockaddr_un are
    handled through /proc/self/fd ('short' forces that).

    Returns (error, socket): (0, socket) on success, (errno, None) on
    failure."""
    try:
        sock = socket.socket(socket.AF_UNIX, style)
    except socket.error as e:
        return get_exception_errno(e), None

    try:
        if nonblock:
            set_nonblocking(sock)
        if bind_path is not None:
            # Remove any stale socket file left behind by a previous run.
            try:
                os.unlink(bind_path)
            except OSError as e:
                if e.errno != errno.ENOENT:
                    return e.errno, None

            ovs.fatal_signal.add_file_to_unlink(bind_path)
            if short or _needs_short_name(bind_path):
                name = make_short_name(bind_path)
                try:
                    sock.bind(name)
                finally:
                    free_short_name(name)
            else:
                sock.bind(bind_path)

            try:
                os.fchmod(sock.fileno(), 0o700)
            except (OSError, AttributeError):
                pass

        if connect_path is not None:
            if short or _needs_short_name(connect_path):
                name = make_short_name(connect_path)
            else:
                name = None
            try:
                sock.connect(name or connect_path)
            except socket.error as e:
                if get_exception_errno(e) != errno.EINPROGRESS:
                    raise
            finally:
                free_short_name(name)

        return 0, sock
    except socket.error as e:
        sock.close()
        if (bind_path is not None and
                os.path.exists(bind_path)):
            ovs.fatal_signal.unlink_file_now(bind_path)
        eno = get_exception_errno(e)
        if eno == errno.EAGAIN:
            # A nonblocking connect() on a Unix socket whose listen queue is
            # full: report it as a connection refusal, which the reconnect
            # logic retries.
            eno = errno.ECONNREFUSED
        return eno, None


def check_connection_completion(sock):
    """Checks whether the nonblocking connect() on 'sock' has finished.
    Returns 0 if it succeeded, EAGAIN if it is still in progress, or the
    errno value with which it failed."""
    p = ovs.poller.get_system_poll()
    p.register(sock, ovs.poller.POLLOUT)
    pfds = p.poll(0)
    if len(pfds) == 1:
        revents = pfds[0][1]
        if revents & ovs.poller.POLLERR or revents & ovs.poller.POLLHUP:
            try:
                # The connection failed; find out why.
                error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if error:
                    return error
                # ERR or HUP with no pending error: the peer went away.
                return errno.ECONNREFUSED
            except socket.error as e:
                return get_exception_errno(e)
        error = get_socket_error(sock)
        return error
    else:
        return errno.EAGAIN


def is_valid_ipv4_address(address):
    """Returns True if 'address' is a dotted-quad IPv4 address."""
    try:
        socket.inet_pton(socket.AF_INET, address)
    except (AttributeError, socket.error, TypeError):
        return False
    return True


def inet_parse_active(target, default_port):
    """Parses 'target', "HOST[:PORT]" where an IPv6 HOST is written inside
    brackets.  Returns (host, port).  Raises ValueError if there is no port
    and 'default_port' is 0 or None."""
    address = target.split(":")
    if len(address) >= 3:
        # IPv6 address: "[ADDR]:PORT" or "[ADDR]".
        if target.startswith("["):
            end = target.find("]")
            if end < 0:
                raise ValueError("%s: bad peer name format" % target)
            host_name = target[1:end]
            rest = target[end + 1:]
            if rest.startswith(":") and rest[1:]:
                port = int(rest[1:])
            elif not rest and default_port:
                port = default_port
            else:
                raise ValueError("%s: port number must be specified"
                                 % target)
        else:
            raise ValueError("%s: IPv6 address must be in brackets"
                             % target)
    else:
        host_name = address[0]
        if not host_name:
            raise ValueError("%s: bad peer name format" % target)
        if len(address) >= 2 and address[1]:
            port = int(address[1])
        elif default_port:
            port = default_port
        else:
            raise ValueError("%s: port number must be specified" % target)
    if not 0 < port < 65536:
        raise ValueError("%s: port number out of range" % target)
    return (host_name, port)


def inet_create_socket_active(style, address):
    """Creates a nonblocking socket of 'style' suitable for connecting to
    'address' (a (host, port) pair).  Returns (family, socket) on success,
    (errno, None) on failure."""
    try:
        is_addr_inet = is_valid_ipv4_address(address[0])
        if is_addr_inet:
            sock = socket.socket(socket.AF_INET, style, 0)
            family = socket.AF_INET
        else:
            sock = socket.socket(socket.AF_INET6, style, 0)
            family = socket.AF_INET6
    except socket.error as e:
        return get_exception_errno(e), None
    sock.setblocking(0)
    return family, sock


def inet_connect_active(sock, address, family, dscp):
    """Starts connecting 'sock' (from inet_create_socket_active()) to
    'address', after setting its DSCP to 'dscp'.  Returns 0 if the
    connection completed or is in progress, otherwise an errno value."""
    try:
        set_dscp(sock, family, dscp)
        error = sock.connect_ex(address)
        if error not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK):
            sock.close()
            return error
        return 0
    except socket.error as e:
        sock.close()
        return get_exception_errno(e)


def inet_open_active(style, target, default_port, dscp):
    """Starts a nonblocking connection to 'target' ("HOST[:PORT]").  Returns
    (error, socket)."""
    try:
        address = inet_parse_active(target, default_port)
    except ValueError:
        return errno.EINVAL, None
    family, sock = inet_create_socket_active(style, address)
    if sock is None:
        return family, sock
    error = inet_connect_active(sock, address, family, dscp)
    if error:
        return error, None
    return 0, sock


def get_socket_error(sock):
    """Returns the pending error on 'sock' (0 if none), clearing it."""
    return sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)


def get_exception_errno(e):
    """Returns the errno value carried by exception 'e' (a socket.error,
    OSError or similar), or EPROTO if it carries none."""
    if isinstance(e, OSError) and e.errno is not None:
        return e.errno
    if e.args and isinstance(e.args[0], int):
        return e.args[0]
    return errno.EPROTO


null_fd = -1


def get_null_fd():
    """Returns a file descriptor open on /dev/null (the same one every
    time), or a negative errno value on failure."""
    global null_fd
    if null_fd < 0:
        try:
            null_fd = os.open(os.devnull, os.O_RDWR)
        except OSError as e:
            vlog.err("could not open %s: %s" % (os.devnull,
                                                os.strerror(e.errno)))
            return -e.errno
    return null_fd


def write_fully(fd, buf):
    """Writes all of 'buf' (bytes or str) to file descriptor 'fd'.  Returns
    (error, bytes_written): error is 0 if all of it was written, otherwise
    an errno value, with 'bytes_written' the amount written before the
    error."""
    if isinstance(buf, str):
        buf = buf.encode("utf-8")
    bytes_written = 0
    if len(buf) == 0:
        return 0, 0
    while True:
        try:
            retval = os.write(fd, buf)
            assert retval >= 0
            if retval == len(buf):
                return 0, bytes_written + len(buf)
            elif retval == 0:
                vlog.warn("write returned 0")
                return errno.EPROTO, bytes_written
            else:
                bytes_written += retval
                buf = buf[retval:]
        except OSError as e:
            return e.errno, bytes_written


def set_nonblocking(sock):
    """Makes 'sock' nonblocking."""
    try:
        sock.setblocking(0)
    except socket.error as e:
        vlog.err("could not set nonblocking mode on socket: %s"
                 % os.strerror(get_exception_errno(e)))


def set_dscp(sock, family, dscp):
    """Sets the DSCP bits of the IP header for traffic sent on 'sock', of
    address 'family', to 'dscp' (0 to 63)."""
    if dscp > 63:
        raise ValueError("Invalid dscp %d" % dscp)

    val = dscp << 2
    if family == socket.AF_INET:
        try:
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, val)
        except socket.error as e:
            if get_exception_errno(e) not in (errno.ENOPROTOOPT,
                                              errno.EINVAL):
                raise
    elif family == socket.AF_INET6:
        try:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, val)
        except socket.error as e:
            if get_exception_errno(e) not in (errno.ENOPROTOOPT,
                                              errno.EINVAL):
                raise
    else:
        raise ValueError('Invalid family %d' % family)

