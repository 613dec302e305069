# SPDX-License-Identifier: Apache-2.0
"""Support for the Python "ovs" package tests: a private ovsdb-server, and
a minimal JSON-RPC client written with the standard library only, so that
the tests can check the server's contents independently of the package
under test.

The server and tools are taken from the environment:
  OVSDB_SERVER    ovsdb-server binary (required)
  OVSDB_TOOL      ovsdb-tool binary (default: ovsdb-tool next to the
                  server, else the one on PATH)
  VSWITCH_SCHEMA  the Open_vSwitch schema (required)
"""

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time


class TestFailure(Exception):
    pass


def check(condition, message):
    """Raises TestFailure with 'message' unless 'condition'."""
    if not condition:
        raise TestFailure(message)


def check_eq(actual, expected, what):
    if actual != expected:
        raise TestFailure("%s: expected %r, got %r" % (what, expected,
                                                       actual))


def package_name():
    """Returns "weft" if the imported ovs package is Weft's, "upstream"
    otherwise."""
    import ovs.version
    if getattr(ovs.version, "PRODUCT", None) == "Weft":
        return "weft"
    return "upstream"


def check_package(expected):
    """Exits with an error unless the imported ovs package is 'expected'
    ("weft" or "upstream"), so that a test cannot silently test the wrong
    package."""
    import ovs
    actual = package_name()
    if expected and actual != expected:
        sys.stderr.write("expected the %s ovs package, but imported %s "
                         "from %s\n" % (expected, actual, ovs.__file__))
        sys.exit(2)


def _env(name):
    value = os.environ.get(name)
    if not value:
        sys.stderr.write("%s must be set\n" % name)
        sys.exit(2)
    return value


class Server(object):
    """An ovsdb-server with a fresh Open_vSwitch database, listening on
    punix:DIR/db.sock (and, with 'tcp', on a TCP port of 127.0.0.1), in a
    private temporary directory.  Stopped at exit."""

    def __init__(self, tcp=False, extra_args=()):
        self.server = _env("OVSDB_SERVER")
        self.schema = _env("VSWITCH_SCHEMA")
        tool = os.environ.get("OVSDB_TOOL")
        if not tool:
            candidate = os.path.join(os.path.dirname(self.server),
                                     "ovsdb-tool")
            tool = candidate if os.path.exists(candidate) else "ovsdb-tool"
        self.tool = tool
        self.proc = None
        self.dir = tempfile.mkdtemp(prefix="pyovs.", dir="/tmp")
        atexit.register(self.cleanup)
        self.sock_path = os.path.join(self.dir, "db.sock")
        self.db = os.path.join(self.dir, "conf.db")
        self.log = os.path.join(self.dir, "ovsdb-server.log")
        self.ctl = os.path.join(self.dir, "ovsdb-server.ctl")
        self.tcp_port = None
        self.extra_args = list(extra_args)
        self.env = dict(os.environ)
        for var in ("OVS_RUNDIR", "OVS_DBDIR", "OVS_LOGDIR",
                    "OVS_SYSCONFDIR"):
            self.env[var] = self.dir
        subprocess.check_call([self.tool, "create", self.db, self.schema],
                              env=self.env)
        if tcp:
            self.tcp_port = _free_port()
        self.start()

    @property
    def remote(self):
        return "unix:" + self.sock_path

    @property
    def tcp_remote(self):
        return "tcp:127.0.0.1:%d" % self.tcp_port

    def start(self):
        args = [self.server, "--remote=punix:" + self.sock_path,
                "--unixctl=" + self.ctl, "--no-chdir",
                "--log-file=" + self.log,
                "--pidfile=" + os.path.join(self.dir, "ovsdb-server.pid"),
                "-vconsole:off"]
        if self.tcp_port:
            args.append("--remote=ptcp:%d:127.0.0.1" % self.tcp_port)
        args += self.extra_args
        args.append(self.db)
        if os.path.exists(self.sock_path):
            os.unlink(self.sock_path)
        with open(os.path.join(self.dir, "ovsdb-server.stderr"), "a") as err:
            self.proc = subprocess.Popen(args, env=self.env,
                                         stdin=subprocess.DEVNULL,
                                         stderr=err)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise TestFailure("%s exited with status %d; log:\n%s"
                                  % (self.server, self.proc.returncode,
                                     self.log_contents()))
            if os.path.exists(self.sock_path):
                try:
                    RawClient(self.sock_path).close()
                    return
                except OSError:
                    pass
            time.sleep(0.05)
        raise TestFailure("ovsdb-server did not start")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self):
        self.stop()
        self.start()

    def log_contents(self):
        try:
            with open(self.log) as f:
                return f.read()
        except OSError:
            return ""

    def cleanup(self):
        self.stop()
        if not os.path.isdir(self.dir):
            return
        if os.environ.get("PYOVS_KEEP_TMPDIR"):
            sys.stderr.write("keeping %s\n" % self.dir)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


def _free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class RawClient(object):
    """A blocking JSON-RPC client built on the standard library alone."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(20)
        self.sock.connect(path)
        self.decoder = json.JSONDecoder()
        self.buf = ""
        self.next_id = 1000
        self.notifications = []
        self.lock = threading.Lock()

    def close(self):
        self.sock.close()

    def send(self, msg):
        self.sock.sendall(json.dumps(msg).encode())

    def recv(self):
        """Returns the next message."""
        while True:
            text = self.buf.lstrip()
            if text:
                try:
                    msg, end = self.decoder.raw_decode(text)
                    self.buf = text[end:]
                    return msg
                except ValueError:
                    pass
            data = self.sock.recv(65536)
            if not data:
                raise TestFailure("server closed connection")
            self.buf += data.decode()

    def request(self, method, params):
        """Sends a request and returns the reply's result, answering echo
        requests and keeping notifications meanwhile.  Raises TestFailure on
        an error reply."""
        with self.lock:
            req_id = self.next_id
            self.next_id += 1
            self.send({"method": method, "params": params, "id": req_id})
            while True:
                msg = self.recv()
                if msg.get("method") == "echo" and msg.get("id") is not None:
                    self.send({"result": msg["params"], "error": None,
                               "id": msg["id"]})
                elif msg.get("id") == req_id:
                    if msg.get("error") is not None:
                        raise TestFailure("%s failed: %s"
                                          % (method, msg["error"]))
                    return msg["result"]
                else:
                    self.notifications.append(msg)

    def transact(self, *ops):
        """Runs a transaction on Open_vSwitch; raises TestFailure if any
        operation failed."""
        result = self.request("transact", ["Open_vSwitch"] + list(ops))
        for r in result:
            if isinstance(r, dict) and "error" in r:
                raise TestFailure("transaction failed: %s" % r)
        return result

    def select(self, table, columns, where=()):
        return self.transact({"op": "select", "table": table,
                              "where": list(where),
                              "columns": columns})[0]["rows"]


def init_db(client):
    """Creates the Open_vSwitch table's row, as "ovs-vsctl init" would."""
    return client.transact({"op": "insert", "table": "Open_vSwitch",
                            "row": {}})[0]["uuid"][1]


def atom(value):
    """Converts an OVSDB JSON atom to a plain Python value (UUIDs to
    strings)."""
    if isinstance(value, list) and len(value) == 2 and value[0] == "uuid":
        return value[1]
    return value


def datum(value):
    """Converts an OVSDB JSON datum to a Python value: a sorted list for a
    set, a dict for a map, the atom itself for a single atom."""
    if isinstance(value, list) and len(value) == 2:
        if value[0] == "set":
            return sorted(atom(v) for v in value[1])
        if value[0] == "map":
            return {atom(k): atom(v) for k, v in value[1]}
    return atom(value)


def server_bridges(client):
    """Returns the server's bridges as {name: sorted port names}, read
    directly from the database."""
    ports = {r["_uuid"][1]: r["name"]
             for r in client.select("Port", ["_uuid", "name"])}
    result = {}
    for row in client.select("Bridge", ["name", "ports"]):
        port_uuids = datum(row["ports"])
        if not isinstance(port_uuids, list):
            port_uuids = [port_uuids]
        result[row["name"]] = sorted(ports[u] for u in port_uuids)
    return result


class FakeVswitchd(threading.Thread):
    """Plays the part of ovs-vswitchd for clients (such as ovsdbapp) that
    wait for it: whenever Open_vSwitch's next_cfg changes, it gives each
    Interface without an OpenFlow port number one and copies next_cfg to
    cur_cfg."""

    def __init__(self, sock_path):
        threading.Thread.__init__(self, daemon=True)
        self.client = RawClient(sock_path)
        self.client.sock.settimeout(None)
        self.stopping = False
        self.next_ofport = 1

    def run(self):
        c = self.client
        try:
            c.send({"method": "monitor", "id": "mon",
                    "params": ["Open_vSwitch", None,
                               {"Open_vSwitch": {"columns": ["next_cfg"]}}]})
            while not self.stopping:
                msg = c.recv()
                if msg.get("method") == "echo":
                    c.send({"result": msg["params"], "error": None,
                            "id": msg["id"]})
                    continue
                if msg.get("id") == "mon" or msg.get("method") == "update":
                    updates = (msg["result"] if msg.get("id") == "mon"
                               else msg["params"][1])
                    for row_uuid, change in updates.get(
                            "Open_vSwitch", {}).items():
                        new = change.get("new")
                        if new is not None:
                            self.reconfigure(row_uuid, new["next_cfg"])
                elif msg.get("id", "").startswith("cfg"):
                    pass
        except (OSError, TestFailure, ValueError):
            pass

    def reconfigure(self, row_uuid, next_cfg):
        c = self.client
        ops = []
        # Read the interfaces synchronously would deadlock with our own
        # receive loop, so ask the server to set ofport on every interface
        # whose ofport is empty.
        ops.append({"op": "update", "table": "Interface",
                    "where": [["ofport", "==", ["set", []]]],
                    "row": {"ofport": self.next_ofport}})
        self.next_ofport += 1
        ops.append({"op": "update", "table": "Open_vSwitch",
                    "where": [["_uuid", "==", ["uuid", row_uuid]]],
                    "row": {"cur_cfg": next_cfg}})
        c.send({"method": "transact", "params": ["Open_vSwitch"] + ops,
                "id": "cfg%d" % next_cfg})

    def stop(self):
        self.stopping = True
        try:
            self.client.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
