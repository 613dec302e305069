# SPDX-License-Identifier: Apache-2.0
"""Unit checks of ovs.jsonrpc, ovs.stream and ovs.poller, without a
database server: a passive session and an active one in the same process,
over punix:, ptcp: and pssl:.

Usage: test-py-jsonrpc.py messages|unix|tcp|ssl|connection|poller
"""

import sys

# Keep compiled files out of the source tree.
sys.dont_write_bytecode = True

import errno
import os
import shutil
import socket
import subprocess
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyovs_testlib as lib  # noqa: E402
from pyovs_testlib import check, check_eq  # noqa: E402

import ovs.json  # noqa: E402
import ovs.jsonrpc  # noqa: E402
import ovs.poller  # noqa: E402
import ovs.stream  # noqa: E402
import ovs.timeval  # noqa: E402

Message = ovs.jsonrpc.Message


def do_messages():
    """Message parsing and serialization."""
    cases = [
        {"method": "echo", "params": [], "id": 0},
        {"method": "update", "params": [None, {}], "id": None},
        {"result": [1, 2], "error": None, "id": 7},
        {"result": None, "error": {"error": "x"}, "id": "a"},
        {"result": None, "error": None, "id": 8},
        {"method": "m", "params": {}, "id": 1},
        {"method": 5, "params": [], "id": 1},
        {"method": "m", "params": [], "id": 1, "extra": 1},
        {"params": [], "id": 1},
        {"method": "m", "id": 1},
        {"result": 1},
        [1, 2],
        {"method": "m", "params": [], "result": 1, "id": 1},
    ]
    for json in cases:
        msg = Message.from_json(json)
        if isinstance(msg, Message):
            again = Message.from_json(msg.to_json())
            same = (isinstance(again, Message)
                    and again.to_json() == msg.to_json())
            print("%s -> %s; %s; round trip %s" % (
                ovs.json.to_string(json), msg,
                ovs.json.to_string(msg.to_json()), "ok" if same else "BAD"))
        else:
            print("%s -> error: %s" % (ovs.json.to_string(json), msg))

    req = Message.create_request("transact", ["db"])
    req2 = Message.create_request("transact", ["db"])
    check(isinstance(req.id, int) and req2.id != req.id, "request ids")
    print(Message.create_notify("n", [1]))
    print(Message.create_reply({"a": 1}, "x"))
    print(Message.create_error("bad", 3))
    print(" ".join(Message.type_to_string(t) for t in (
        Message.T_REQUEST, Message.T_NOTIFY, Message.T_REPLY,
        Message.T_ERROR)))
    print("is_valid: %s / %s" % (
        Message(Message.T_REQUEST, "m", [], None, None, 1).is_valid(),
        Message(Message.T_REQUEST, "m", [], None, None, None).is_valid()))
    print("names: %s" % [ovs.stream.Stream.is_valid_name(n) for n in (
        "unix:x", "tcp:1.2.3.4:5", "ssl:1.2.3.4:5", "punix:x", "bogus:x")])
    print("passive names: %s" % [
        ovs.stream.PassiveStream.is_valid_name(n) for n in (
            "punix:x", "ptcp:5", "pssl:5", "unix:x")])
    print("probes: %s" % [ovs.stream.stream_or_pstream_needs_probes(n)
                          for n in ("unix:x", "tcp:1.2.3.4:5", "punix:x",
                                    "ptcp:5")])


def run_sessions(sessions, predicate, what, timeout=10000):
    deadline = ovs.timeval.msec() + timeout
    while not predicate():
        if ovs.timeval.msec() > deadline:
            raise lib.TestFailure("timed out waiting for %s" % what)
        for s in sessions:
            s.run()
        if predicate():
            break
        poller = ovs.poller.Poller()
        for s in sessions:
            s.wait(poller)
            s.recv_wait(poller)
        poller.timer_wait_until(deadline)
        poller.block()


def exchange(passive_name, active_name_fn, probe_interval=None):
    """Opens a passive session on 'passive_name' and an active one on
    active_name_fn(passive session), then exchanges requests and replies
    both ways."""
    server = ovs.jsonrpc.Session.open(passive_name)
    client = None
    received = {"server": [], "client": []}

    def pump():
        for name, s in (("server", server), ("client", client)):
            if s is None:
                continue
            s.run()
            while True:
                msg = s.recv()
                if msg is None:
                    break
                # The session answers and absorbs inactivity probes.
                check(msg.method != "echo" and msg.id != "echo",
                      "%s: probe reached the application: %s" % (name, msg))
                received[name].append(msg)
                if msg.type == Message.T_REQUEST:
                    s.send(Message.create_reply(
                        {"echoed": msg.params}, msg.id))

    # The passive session listens once it has run.
    run_sessions([server], lambda: server.pstream is not None
                 if hasattr(server, "pstream") else True, "listening")
    client = ovs.jsonrpc.Session.open(active_name_fn(server),
                                      probe_interval=probe_interval)

    def connected():
        pump()
        return client.is_connected() and server.is_connected()
    run_sessions([server, client], connected, "connection")
    print("connected: client seqno changed=%s, server connected=%s"
          % (client.get_seqno() > 0, server.is_connected()))

    client.send(Message.create_request("hello", ["from client", "\u00e9"]))
    server.send(Message.create_request("hello", ["from server"]))
    big = "x" * 200000
    client.send(Message.create_notify("big", [big]))

    def done():
        pump()
        return len(received["server"]) >= 3 and len(received["client"]) >= 2
    run_sessions([server, client], done, "messages")
    for name in ("server", "client"):
        for msg in received[name]:
            text = str(msg)
            if len(text) > 80:
                text = text[:60] + "... (%d bytes)" % len(text)
            print("%s received %s" % (name, text))
        received[name] = []

    if probe_interval:
        # Nothing to send for several probe intervals: the probes and their
        # replies keep the connection up.
        seqno = client.get_seqno()
        deadline = ovs.timeval.msec() + 3 * probe_interval
        run_sessions([server, client],
                     lambda: pump() or ovs.timeval.msec() > deadline,
                     "idle time")
        check_eq(client.get_seqno(), seqno,
                 "client seqno after idle time with probes")
        check(client.is_connected(), "still connected")
        print("idle connection survived with inactivity probes")

    # The server goes away: the client notices and keeps trying.
    seqno = client.get_seqno()
    server.close()
    run_sessions([client], lambda: pump() or client.get_seqno() != seqno,
                 "disconnection")
    check(not client.is_connected(), "client disconnected")
    check(client.is_alive(), "client still trying")
    print("client noticed the server closing")
    client.close()


def do_unix():
    tmpdir = tempfile.mkdtemp(prefix="pyovs.", dir="/tmp")
    try:
        path = os.path.join(tmpdir, "test.sock")
        exchange("punix:" + path, lambda s: "unix:" + path)
        check(not os.path.exists(path), "socket file removed on close")

        # A path longer than a sockaddr_un holds.
        deep = os.path.join(tmpdir, "d" * 60, "e" * 60)
        os.makedirs(deep)
        path = os.path.join(deep, "long.sock")
        exchange("punix:" + path, lambda s: "unix:" + path)
        print("long socket path works")
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

    error, stream = ovs.stream.Stream.open_block(
        ovs.stream.Stream.open("unix:/nonexistent/x.sock"))
    print("connect to missing socket: %s" % errno.errorcode.get(error))
    error, stream = ovs.stream.Stream.open("bogus:x")
    print("unknown method: %s" % errno.errorcode.get(error))


def _tcp_port(session):
    return session.pstream.socket.getsockname()[1]


def do_tcp():
    exchange("ptcp:0:127.0.0.1",
             lambda s: "tcp:127.0.0.1:%d" % _tcp_port(s),
             probe_interval=1000)


def do_ssl():
    tmpdir = tempfile.mkdtemp(prefix="pyovs.", dir="/tmp")
    try:
        def openssl(*args):
            subprocess.check_call(("openssl",) + args,
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, cwd=tmpdir)
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=test CA")
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout",
                "peer.key", "-out", "peer.csr", "-subj", "/CN=peer")
        openssl("x509", "-req", "-in", "peer.csr", "-CA", "ca.pem",
                "-CAkey", "ca.key", "-CAcreateserial", "-out", "peer.pem",
                "-days", "2")
        ovs.stream.Stream.ssl_set_private_key_file(
            os.path.join(tmpdir, "peer.key"))
        ovs.stream.Stream.ssl_set_certificate_file(
            os.path.join(tmpdir, "peer.pem"))
        ovs.stream.Stream.ssl_set_ca_cert_file(
            os.path.join(tmpdir, "ca.pem"))
        exchange("pssl:0:127.0.0.1",
                 lambda s: "ssl:127.0.0.1:%d" % _tcp_port(s))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


class _SocketStream(ovs.stream.Stream):
    pass


def do_connection():
    """A Connection over one end of a socketpair, fed by hand in awkward
    pieces."""
    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    stream = ovs.stream.Stream(ours, "socketpair", 0)
    conn = ovs.jsonrpc.Connection(stream)
    data = ('{"method":"a","params":["\u00e9\u20ac"],"id":1}'
            '{"method":"b","params":[],"id":null} '
            '{"result":{"x":"}]"},"error":null,"id":2}').encode("utf-8")
    for i in range(len(data)):
        theirs.send(data[i:i + 1])
        error, msg = conn.recv()
        while error == 0:
            print("received %s" % msg)
            error, msg = conn.recv()
        check_eq(error, errno.EAGAIN, "recv error between messages")

    conn.send(Message.create_reply([1], 5))
    print("sent %s" % theirs.recv(1000).decode())
    theirs.send(b'{"method":"c",')
    theirs.send(b'"params":[1, ]}')
    error, msg = conn.recv()
    print("malformed message: %s" % errno.errorcode.get(error))
    print("status after error: %s" % errno.errorcode.get(conn.get_status()))

    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    conn = ovs.jsonrpc.Connection(ovs.stream.Stream(ours, "pair2", 0))
    theirs.close()
    error, msg = conn.recv()
    print("peer closed: %s" % ("EOF" if error == ovs.jsonrpc.EOF else error))


def do_poller():
    r, w = os.pipe()
    poller = ovs.poller.Poller()
    poller.fd_wait(r, ovs.poller.POLLIN)
    poller.timer_wait(100)
    start = ovs.timeval.msec()
    poller.block()
    elapsed = ovs.timeval.msec() - start
    check(90 <= elapsed < 2000, "timer wakeup after %d ms" % elapsed)
    print("timer woke the poller")

    os.write(w, b"x")
    poller.fd_wait(r, ovs.poller.POLLIN)
    poller.timer_wait(10000)
    start = ovs.timeval.msec()
    poller.block()
    check(ovs.timeval.msec() - start < 5000, "fd wakeup")
    print("readable fd woke the poller")

    poller.immediate_wake()
    poller.timer_wait(10000)
    start = ovs.timeval.msec()
    poller.block()
    check(ovs.timeval.msec() - start < 5000, "immediate wake")
    poller.timer_wait_until(ovs.timeval.msec() + 50)
    start = ovs.timeval.msec()
    poller.block()
    check(ovs.timeval.msec() - start >= 40, "timer_wait_until")
    print("immediate_wake and timer_wait_until work")

    # A poller can be reused: block() forgets the events.
    poller.timer_wait(50)
    start = ovs.timeval.msec()
    poller.block()
    check(ovs.timeval.msec() - start >= 40,
          "the earlier fd_wait was forgotten")
    print("block() resets the poller")
    os.close(r)
    os.close(w)


def main():
    commands = {"messages": do_messages, "unix": do_unix, "tcp": do_tcp,
                "ssl": do_ssl, "connection": do_connection,
                "poller": do_poller}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.stderr.write(__doc__)
        sys.exit(1)
    try:
        commands[sys.argv[1]]()
    except lib.TestFailure as e:
        sys.stderr.write("FAILED: %s\n" % e)
        sys.exit(1)


if __name__ == "__main__":
    main()
