# SPDX-License-Identifier: Apache-2.0
"""Byte streams named like OVSDB remotes.

Active streams ("unix:FILE", "tcp:HOST:PORT", "ssl:HOST:PORT") connect to a
peer; passive streams ("punix:FILE", "ptcp:PORT[:IP]", "pssl:PORT[:IP]")
listen for connections.  Everything is nonblocking: operations that cannot
complete return EAGAIN, and the wait methods tell a Poller what to wait
for."""

import errno
import os
import socket

import ovs.fatal_signal
import ovs.poller
import ovs.socket_util
import ovs.timeval
import ovs.vlog

try:
    import ssl
except ImportError:
    ssl = None

vlog = ovs.vlog.Vlog("stream")

# Default TCP port for OVSDB remotes with no port given.
OVSDB_PORT = 6640


def stream_or_pstream_needs_probes(name):
    """Returns True if a connection named 'name' (active or passive) needs
    inactivity probes to detect a dead peer, False if it does not (a local
    Unix socket), or None if 'name' has an unknown connection method."""
    if PassiveStream.is_valid_name(name):
        return PassiveStream.needs_probes(name)
    elif Stream.is_valid_name(name):
        return Stream.needs_probes(name)
    else:
        return None


class Stream(object):
    """A bidirectional byte stream over a socket."""

    # States.
    __S_CONNECTING = 0
    __S_CONNECTED = 1
    __S_DISCONNECTED = 2

    # What wait() waits for.
    W_CONNECT = 0               # Connection completion.
    W_RECV = 1                  # Data received.
    W_SEND = 2                  # Room to send data.

    # The default DSCP of OVSDB and OpenFlow connections: "internetwork
    # control" (IPTOS_PREC_INTERNETCONTROL >> 2).
    IPTOS_PREC_INTERNETCONTROL = 0xc0
    DSCP_DEFAULT = IPTOS_PREC_INTERNETCONTROL >> 2

    _SOCKET_METHODS = {}

    _SSL_private_key_file = None
    _SSL_certificate_file = None
    _SSL_ca_cert_file = None

    @staticmethod
    def register_method(method, cls):
        """Makes names that begin with "'method':" open streams of class
        'cls'."""
        Stream._SOCKET_METHODS[method + ":"] = cls

    @staticmethod
    def _find_method(name):
        for method, cls in Stream._SOCKET_METHODS.items():
            if name.startswith(method):
                return cls
        return None

    @staticmethod
    def is_valid_name(name):
        """Returns True if 'name' is an active stream name ("unix:",
        "tcp:" or "ssl:" followed by an address)."""
        return bool(Stream._find_method(name))

    @classmethod
    def needs_probes(cls, name=None):
        """Returns True if connections of this kind (or named 'name') need
        inactivity probes."""
        if name is None:
            return False
        method = Stream._find_method(name)
        if method is None:
            return False
        return method.needs_probes()

    def __init__(self, socket, name, status, pipe=None, is_server=False):
        self.socket = socket
        self.name = name
        if status == errno.EAGAIN:
            self.state = Stream.__S_CONNECTING
        elif status == 0:
            self.state = Stream.__S_CONNECTED
        else:
            self.state = Stream.__S_DISCONNECTED

        self.error = 0
        self.pipe = pipe
        self.is_server = is_server

    @staticmethod
    def open(name, dscp=DSCP_DEFAULT):
        """Starts connecting to 'name' ("unix:FILE", "tcp:HOST:PORT" or
        "ssl:HOST:PORT").  'dscp' is the DSCP value for TCP connections.

        Returns (error, stream): on success 'error' is 0 and 'stream' is the
        new Stream, whose connection may still be in progress (see
        connect()); on failure 'error' is a positive errno value and
        'stream' is None."""
        if not Stream.is_valid_name(name):
            return errno.EAFNOSUPPORT, None

        cls = Stream._find_method(name)
        suffix = name[name.index(":") + 1:]
        if name.startswith("unix:"):
            suffix = os.path.expanduser(suffix)
        try:
            error, sock = cls._open(suffix, dscp)
        except ValueError:
            return errno.EINVAL, None
        if error:
            return error, None
        else:
            err = cls.check_connection_completion(sock)
            if err == errno.EAGAIN or err == errno.EINPROGRESS:
                status = errno.EAGAIN
                err = 0
            elif err == 0:
                status = 0
            else:
                sock.close()
                return err, None
            stream = cls(sock, name, status)
            return err, stream

    @staticmethod
    def _open(suffix, dscp):
        raise NotImplementedError("This method must be overridden by subclass")

    @staticmethod
    def check_connection_completion(sock):
        return ovs.socket_util.check_connection_completion(sock)

    @staticmethod
    def open_block(error_stream, timeout=None):
        """Waits for the connection of the stream returned by Stream.open()
        to complete or fail.  'error_stream' is the (error, stream) pair
        that Stream.open() returned; 'timeout', if not None, limits the wait
        to that many milliseconds.  Returns (error, stream): the stream on
        success, or an errno value and None on failure (closing the
        stream)."""
        error, stream = error_stream
        if not error:
            deadline = None
            if timeout is not None:
                deadline = ovs.timeval.msec() + timeout
            while True:
                error = stream.connect()
                if error != errno.EAGAIN:
                    break
                if deadline is not None and ovs.timeval.msec() >= deadline:
                    error = errno.ETIMEDOUT
                    break
                stream.run()
                poller = ovs.poller.Poller()
                stream.run_wait(poller)
                stream.connect_wait(poller)
                if deadline is not None:
                    poller.timer_wait_until(deadline)
                poller.block()
            if stream.socket is not None:
                assert error != errno.EINPROGRESS

        if error and stream:
            stream.close()
            stream = None
        return error, stream

    def close(self):
        if self.socket is not None:
            try:
                self.socket.close()
            except socket.error:
                pass
        self.socket = None
        self.state = Stream.__S_DISCONNECTED

    def __scs_connecting(self):
        retval = self.check_connection_completion(self.socket)
        assert retval != errno.EINPROGRESS
        if retval == 0:
            self.state = Stream.__S_CONNECTED
        elif retval != errno.EAGAIN:
            self.state = Stream.__S_DISCONNECTED
            self.error = retval

    def connect(self):
        """Tries to complete the connection.  Returns 0 if it is complete,
        EAGAIN if it is still in progress, or an errno value if it
        failed."""
        if self.state == Stream.__S_CONNECTING:
            self.__scs_connecting()

        if self.state == Stream.__S_CONNECTING:
            return errno.EAGAIN
        elif self.state == Stream.__S_CONNECTED:
            return 0
        else:
            assert self.state == Stream.__S_DISCONNECTED
            return self.error or errno.ECONNRESET

    def recv(self, n):
        """Receives up to 'n' bytes.  Returns (error, data): (0, bytes) with
        at least one byte on success, (0, b"") at end of file, (EAGAIN, b"")
        if no data is available yet, or (errno, b"") on error."""
        retval = self.connect()
        if retval != 0:
            return (retval, b"")
        elif n == 0:
            return (0, b"")
        return self._recv(n)

    def _recv(self, n):
        try:
            return (0, self.socket.recv(n))
        except socket.error as e:
            return (ovs.socket_util.get_exception_errno(e), b"")

    def send(self, buf):
        """Sends as much of 'buf' (bytes or str) as possible without
        blocking.  Returns the number of bytes sent (at least 1), or a
        negative errno value (-EAGAIN if nothing can be sent now)."""
        retval = self.connect()
        if retval != 0:
            return -retval
        elif len(buf) == 0:
            return 0

        if isinstance(buf, str):
            buf = buf.encode('utf-8')
        return self._send(buf)

    def _send(self, buf):
        try:
            return self.socket.send(buf)
        except socket.error as e:
            return -ovs.socket_util.get_exception_errno(e)

    def run(self):
        """Does background work (such as an SSL handshake).  A no-op for
        plain sockets."""
        pass

    def run_wait(self, poller):
        pass

    def wait(self, poller, wait):
        """Arranges for 'poller' to wake up when the stream is ready for
        'wait' (W_CONNECT, W_RECV or W_SEND)."""
        assert wait in (Stream.W_CONNECT, Stream.W_RECV, Stream.W_SEND)

        if self.state == Stream.__S_DISCONNECTED:
            poller.immediate_wake()
            return

        if self.state == Stream.__S_CONNECTING:
            wait = Stream.W_CONNECT

        if wait == Stream.W_RECV:
            poller.fd_wait(self.socket, ovs.poller.POLLIN)
        else:
            poller.fd_wait(self.socket, ovs.poller.POLLOUT)

    def connect_wait(self, poller):
        self.wait(poller, Stream.W_CONNECT)

    def recv_wait(self, poller):
        self.wait(poller, Stream.W_RECV)

    def send_wait(self, poller):
        self.wait(poller, Stream.W_SEND)

    def __del__(self):
        # Only close the socket: deleting a punix: file here could remove
        # the socket of a parent process after fork().
        if getattr(self, "socket", None) is not None:
            try:
                self.socket.close()
            except socket.error:
                pass

    @staticmethod
    def ssl_set_private_key_file(file_name):
        Stream._SSL_private_key_file = file_name

    @staticmethod
    def ssl_set_certificate_file(file_name):
        Stream._SSL_certificate_file = file_name

    @staticmethod
    def ssl_set_ca_cert_file(file_name):
        Stream._SSL_ca_cert_file = file_name


class PassiveStream(object):
    """A listening socket that accepts Stream connections."""

    # The prefixes of passive stream names.
    _METHODS = ("punix:", "ptcp:", "pssl:")

    connect = None
    connect_pending = False

    @staticmethod
    def needs_probes(name):
        return not name.startswith("punix:")

    @staticmethod
    def is_valid_name(name):
        """Returns True if 'name' is a passive stream name ("punix:",
        "ptcp:" or "pssl:" followed by an address)."""
        for method in PassiveStream._METHODS:
            if name.startswith(method):
                return True
        return False

    def __init__(self, sock, name, bind_path, pipe=None):
        self.name = name
        self.pipe = pipe
        self.socket = sock
        self.bind_path = bind_path

    @staticmethod
    def open(name):
        """Starts listening on 'name' ("punix:FILE", "ptcp:PORT[:IP]" or
        "pssl:PORT[:IP]").  Returns (error, pstream): (0, PassiveStream) on
        success, (errno, None) on failure."""
        if not PassiveStream.is_valid_name(name):
            return errno.EAFNOSUPPORT, None

        bind_path = None
        if name.startswith("punix:"):
            bind_path = os.path.expanduser(name[6:])
            error, sock = ovs.socket_util.make_unix_socket(
                socket.SOCK_STREAM, True, bind_path, None)
            if error:
                return error, None
        else:
            suffix = name[5:]
            parts = suffix.split(":", 1)
            try:
                port = int(parts[0]) if parts[0] else OVSDB_PORT
            except ValueError:
                return errno.EINVAL, None
            host = parts[1] if len(parts) > 1 else ""
            if host.startswith("[") and host.endswith("]"):
                host = host[1:-1]
            family = socket.AF_INET
            if ":" in host:
                family = socket.AF_INET6
            elif not host:
                host = "0.0.0.0"
            try:
                sock = socket.socket(family, socket.SOCK_STREAM)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind((host, port))
                sock.setblocking(0)
            except socket.error as e:
                return ovs.socket_util.get_exception_errno(e), None

        try:
            sock.listen(64)
        except socket.error as e:
            vlog.err("%s: listen: %s" % (name, os.strerror(e.errno)))
            sock.close()
            return e.errno, None

        if name.startswith("pssl:"):
            return 0, _PassiveSSLStream(sock, name, bind_path)
        return 0, PassiveStream(sock, name, bind_path)

    def get_port(self):
        """Returns the TCP port that a ptcp: or pssl: stream listens on
        (useful when it was opened with port 0)."""
        return self.socket.getsockname()[1]

    def close(self):
        """Closes this PassiveStream."""
        if self.socket is not None:
            self.socket.close()
            self.socket = None
        if self.bind_path is not None:
            ovs.fatal_signal.unlink_file_now(self.bind_path)
            self.bind_path = None

    def accept(self):
        """Tries to accept a new connection.  Returns (error, stream):
        (0, Stream) if one was accepted, (EAGAIN, None) if none is pending,
        or (errno, None) on error."""
        while True:
            try:
                sock, addr = self.socket.accept()
                ovs.socket_util.set_nonblocking(sock)
                return 0, self._make_stream(sock, addr)
            except socket.error as e:
                error = ovs.socket_util.get_exception_errno(e)
                if error == errno.EWOULDBLOCK:
                    error = errno.EAGAIN
                if error != errno.EAGAIN:
                    vlog.dbg("accept: %s" % os.strerror(error))
                return error, None

    def _make_stream(self, sock, addr):
        if sock.family == socket.AF_UNIX:
            name = "unix:%s" % (addr if addr else self.bind_path)
        elif sock.family == socket.AF_INET6:
            name = "tcp:[%s]:%d" % (addr[0], addr[1])
        else:
            name = "tcp:%s:%d" % (addr[0], addr[1])
        return Stream(sock, name, 0)

    def wait(self, poller):
        poller.fd_wait(self.socket, ovs.poller.POLLIN)

    def __del__(self):
        # Only close the socket: deleting a punix: file here could remove
        # the socket of a parent process after fork().
        if getattr(self, "socket", None) is not None:
            try:
                self.socket.close()
            except socket.error:
                pass


def usage(name):
    return """
Active %s connection methods:
  unix:FILE               Unix domain socket named FILE
  tcp:HOST:PORT           TCP socket to HOST with port no of PORT
  ssl:HOST:PORT           SSL socket to HOST with port no of PORT

Passive %s connection methods:
  punix:FILE              Listen on Unix domain socket FILE
  ptcp:PORT[:IP]          Listen on TCP port PORT, optionally on IP
  pssl:PORT[:IP]          Listen for SSL on port PORT, optionally on IP""" % (
        name, name)


class UnixStream(Stream):
    @staticmethod
    def needs_probes():
        return False

    @staticmethod
    def _open(suffix, dscp):
        connect_path = suffix
        return ovs.socket_util.make_unix_socket(socket.SOCK_STREAM,
                                                True, None, connect_path)


Stream.register_method("unix", UnixStream)


class TCPStream(Stream):
    @staticmethod
    def needs_probes():
        return True

    @staticmethod
    def _open(suffix, dscp):
        error, sock = ovs.socket_util.inet_open_active(socket.SOCK_STREAM,
                                                       suffix, OVSDB_PORT,
                                                       dscp)
        if not error:
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except socket.error as e:
                sock.close()
                return ovs.socket_util.get_exception_errno(e), None
        return error, sock


Stream.register_method("tcp", TCPStream)


def _ssl_context(server):
    """Returns an SSL context configured with the files set through
    Stream.ssl_set_*(), for a server or a client.  Raises ssl.SSLError or
    OSError if they cannot be loaded."""
    if server:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    else:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
    if Stream._SSL_certificate_file and Stream._SSL_private_key_file:
        ctx.load_cert_chain(Stream._SSL_certificate_file,
                            Stream._SSL_private_key_file)
    if Stream._SSL_ca_cert_file and Stream._SSL_ca_cert_file != "none":
        ctx.load_verify_locations(Stream._SSL_ca_cert_file)
        ctx.verify_mode = ssl.CERT_REQUIRED
    else:
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


class SSLStream(Stream):
    """A TLS connection.  The TCP connection completes first, then the
    handshake, both without blocking."""

    @staticmethod
    def needs_probes():
        return True

    def __init__(self, socket, name, status, pipe=None, is_server=False):
        Stream.__init__(self, socket, name, status, pipe, is_server)
        self._handshake_done = False
        # What the handshake (or an SSL operation) waits for next:
        # POLLIN or POLLOUT.
        self._want = ovs.poller.POLLOUT

    @staticmethod
    def _open(suffix, dscp):
        if ssl is None:
            return errno.EAFNOSUPPORT, None
        error, sock = TCPStream._open(suffix, dscp)
        if error:
            return error, None
        try:
            ctx = _ssl_context(False)
            sock = ctx.wrap_socket(sock, do_handshake_on_connect=False,
                                   server_side=False)
        except (ssl.SSLError, OSError) as e:
            vlog.err("SSL configuration failed: %s" % e)
            sock.close()
            return errno.EPROTO, None
        return 0, sock

    def connect(self):
        retval = Stream.connect(self)
        if retval or self._handshake_done:
            return retval
        try:
            self.socket.do_handshake()
        except ssl.SSLWantReadError:
            self._want = ovs.poller.POLLIN
            return errno.EAGAIN
        except ssl.SSLWantWriteError:
            self._want = ovs.poller.POLLOUT
            return errno.EAGAIN
        except ssl.SSLError as e:
            vlog.warn("%s: SSL handshake failed: %s" % (self.name, e))
            self.close()
            self.error = errno.EPROTO
            return errno.EPROTO
        except socket.error as e:
            error = ovs.socket_util.get_exception_errno(e)
            self.close()
            self.error = error
            return error
        self._handshake_done = True
        return 0

    def wait(self, poller, wait):
        if (self.socket is not None and not self._handshake_done
                and Stream.connect(self) == 0):
            poller.fd_wait(self.socket, self._want)
            return
        Stream.wait(self, poller, wait)

    def recv(self, n):
        retval = self.connect()
        if retval != 0:
            return (retval, b"")
        try:
            return (0, self.socket.recv(n))
        except ssl.SSLWantReadError:
            return (errno.EAGAIN, b"")
        except ssl.SSLWantWriteError:
            return (errno.EAGAIN, b"")
        except ssl.SSLZeroReturnError:
            return (0, b"")
        except ssl.SSLError:
            return (errno.EPROTO, b"")
        except socket.error as e:
            return (ovs.socket_util.get_exception_errno(e), b"")

    def send(self, buf):
        retval = self.connect()
        if retval != 0:
            return -retval
        if isinstance(buf, str):
            buf = buf.encode('utf-8')
        if not buf:
            return 0
        try:
            return self.socket.send(buf)
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
            return -errno.EAGAIN
        except ssl.SSLError:
            return -errno.EPROTO
        except socket.error as e:
            return -ovs.socket_util.get_exception_errno(e)

    def close(self):
        if self.socket is not None:
            try:
                self.socket.unwrap()
            except (ssl.SSLError, socket.error, ValueError):
                pass
        Stream.close(self)


if ssl:
    Stream.register_method("ssl", SSLStream)


class _PassiveSSLStream(PassiveStream):
    """A pssl: listener: accepted connections are wrapped in TLS."""

    def _make_stream(self, sock, addr):
        name = "ssl:%s:%d" % (addr[0], addr[1])
        try:
            ctx = _ssl_context(True)
            sock = ctx.wrap_socket(sock, do_handshake_on_connect=False,
                                   server_side=True)
        except (ssl.SSLError, OSError) as e:
            vlog.err("SSL configuration failed: %s" % e)
            sock.close()
            raise socket.error(errno.EPROTO, "SSL configuration failed")
        return SSLStream(sock, name, 0, is_server=True)

