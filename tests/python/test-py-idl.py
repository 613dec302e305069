# SPDX-License-Identifier: Apache-2.0
"""Tests an ovs.db.idl implementation against a real ovsdb-server.

The same script tests Weft's package (with Weft's python directory first on
PYTHONPATH) and upstream Open vSwitch's (without it), so that both are held
to the same behaviour.  See pyovs_testlib for the environment variables
that choose the server.

Usage: test-py-idl.py [--package=weft|upstream] TEST...
Tests: basic persist conflict cond resync convert lock remotes tcp

Each test prints the steps it takes; a failed check raises an exception
and makes the script exit with a nonzero status.
"""

import sys

# Keep compiled files out of the source tree.
sys.dont_write_bytecode = True

import argparse
import json
import os
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyovs_testlib as lib  # noqa: E402
from pyovs_testlib import check, check_eq  # noqa: E402

import ovs.db.idl  # noqa: E402
import ovs.poller  # noqa: E402
import ovs.timeval  # noqa: E402

Transaction = ovs.db.idl.Transaction


def step(text):
    print(text)
    sys.stdout.flush()


class RecordingIdl(ovs.db.idl.Idl):
    """An Idl that records the notifications it gets."""

    def __init__(self, *args, **kwargs):
        ovs.db.idl.Idl.__init__(self, *args, **kwargs)
        self.events = []

    def notify(self, event, row, updates=None):
        if row._table.name not in self.tables:
            # Notifications about other databases' rows, if any.
            return
        old = None
        if updates is not None:
            old = {}
            for column in updates._table.columns:
                try:
                    old[column] = getattr(updates, column)
                except AttributeError:
                    pass
        self.events.append((event, row._table.name, row, old))

    def take_events(self, table=None):
        events = [e for e in self.events if table is None or e[1] == table]
        self.events = [e for e in self.events
                       if not (table is None or e[1] == table)]
        return events


def make_idl(remote, tables=None, cls=RecordingIdl, **kwargs):
    helper = ovs.db.idl.SchemaHelper(os.environ["VSWITCH_SCHEMA"])
    if tables is None:
        helper.register_all()
    else:
        for table, columns in tables.items():
            if columns:
                helper.register_columns(table, columns)
            else:
                helper.register_table(table)
    return cls(remote, helper, **kwargs)


def run_until(idls, predicate, what, timeout=10000):
    """Runs every Idl in 'idls' until 'predicate()' is true."""
    deadline = ovs.timeval.msec() + timeout
    while True:
        for idl in idls:
            idl.run()
        if predicate():
            return
        if ovs.timeval.msec() >= deadline:
            raise lib.TestFailure("timed out waiting for %s" % what)
        poller = ovs.poller.Poller()
        for idl in idls:
            idl.wait(poller)
        poller.timer_wait_until(deadline)
        poller.block()


def run_for(idls, msec):
    """Runs every Idl in 'idls' for 'msec' milliseconds."""
    deadline = ovs.timeval.msec() + msec
    while ovs.timeval.msec() < deadline:
        for idl in idls:
            idl.run()
        poller = ovs.poller.Poller()
        for idl in idls:
            idl.wait(poller)
        poller.timer_wait_until(deadline)
        poller.block()


def connect(idls):
    run_until(idls, lambda: all(i.has_ever_connected() for i in idls),
              "connection")


def rows_by_name(idl, table):
    return {row.name: row for row in idl.tables[table].rows.values()}


def commit(idl, build, expected=Transaction.SUCCESS):
    """Runs 'build(txn)' in a new transaction on 'idl' and commits it,
    checking the final status.  Returns the transaction.  As a real client
    would, retries a transaction that returns TRY_AGAIN (unless that is the
    expected status) once the replica has changed."""
    for attempt in range(10):
        seqno = idl.change_seqno
        txn = Transaction(idl)
        build(txn)
        status = txn.commit_block()
        if status != Transaction.TRY_AGAIN or expected == status:
            break
        run_until([idl], lambda: idl.change_seqno != seqno,
                  "a change after TRY_AGAIN")
    check(status == expected, "transaction status %s instead of %s (%s)"
          % (status, expected, txn.get_error()))
    return txn


def add_bridge(idl, name, ports=(), **columns):
    """Adds bridge 'name' with 'ports' (each with one interface of the same
    name) through 'idl'.  Returns the transaction."""
    def build(txn):
        ovs_row = next(iter(idl.tables["Open_vSwitch"].rows.values()))
        port_rows = []
        for port_name in ports:
            iface = txn.insert(idl.tables["Interface"])
            iface.name = port_name
            port = txn.insert(idl.tables["Port"])
            port.name = port_name
            port.interfaces = [iface]
            port_rows.append(port)
        br = txn.insert(idl.tables["Bridge"])
        br.name = name
        br.ports = port_rows
        for column, value in columns.items():
            setattr(br, column, value)
        ovs_row.addvalue("bridges", br)
        build.br = br
    txn = commit(idl, build)
    txn.br = build.br
    return txn


def test_basic(server):
    raw = lib.RawClient(server.sock_path)
    a = make_idl(server.remote)
    b = make_idl(server.remote,
                 {"Open_vSwitch": ["bridges", "next_cfg"],
                  "Bridge": ["name", "ports", "external_ids", "fail_mode",
                             "flood_vlans"],
                  "Port": ["name", "interfaces"],
                  "Interface": ["name", "type"]})
    connect([a, b])
    step("connected two clients to an empty database")
    check_eq(len(a.tables["Open_vSwitch"].rows), 0, "initial rows")
    check_eq(sorted(b.tables), ["Bridge", "Interface", "Open_vSwitch",
                                "Port"], "b's tables")
    check_eq(sorted(b.tables["Bridge"].columns),
             ["external_ids", "fail_mode", "flood_vlans", "name", "ports"],
             "b's Bridge columns")

    # Insert the root row, then a bridge with two ports.
    def build(txn):
        build.row = txn.insert(a.tables["Open_vSwitch"])
        build.row.external_ids = {"system-id": "test"}
    txn = commit(a, build)
    ovs_uuid = txn.get_insert_uuid(build.row.uuid)
    check(ovs_uuid in a.tables["Open_vSwitch"].rows,
          "inserted row is in the replica under its real UUID")
    check_eq(raw.select("Open_vSwitch", ["_uuid"])[0]["_uuid"][1],
             str(ovs_uuid), "server's Open_vSwitch row")
    step("inserted the Open_vSwitch row")

    txn = add_bridge(a, "br0", ["p1", "p2"],
                     external_ids={"owner": "a"})
    br_uuid = txn.get_insert_uuid(txn.br.uuid)
    br = a.tables["Bridge"].rows[br_uuid]
    check_eq(br.name, "br0", "bridge name")
    check_eq(sorted(p.name for p in br.ports), ["p1", "p2"], "ports")
    check_eq(sorted(p.interfaces[0].name for p in br.ports), ["p1", "p2"],
             "interfaces")
    check_eq(br.external_ids, {"owner": "a"}, "external_ids")
    check_eq(br.fail_mode, [], "unset optional column")
    check_eq(br.stp_enable, False, "unset boolean column")
    check_eq(lib.server_bridges(raw), {"br0": ["p1", "p2"]},
             "server's bridges")
    ovs_row = a.tables["Open_vSwitch"].rows[ovs_uuid]
    check_eq([x.name for x in ovs_row.bridges], ["br0"], "bridges column")
    step("inserted bridge br0 with ports p1 and p2")

    # The second client sees it all, with notifications.
    run_until([b], lambda: len(b.tables["Interface"].rows) == 2,
              "b to see the interfaces")
    b_br = rows_by_name(b, "Bridge")["br0"]
    check_eq(sorted(p.name for p in b_br.ports), ["p1", "p2"], "b's ports")
    check_eq(b_br.uuid, br_uuid, "b's bridge UUID")
    created = sorted((e[1], getattr(e[2], "name", None))
                     for e in b.take_events() if e[0] == "create")
    check_eq(created, [("Bridge", "br0"), ("Interface", "p1"),
                       ("Interface", "p2"), ("Open_vSwitch", None),
                       ("Port", "p1"), ("Port", "p2")],
             "b's create notifications")
    try:
        b_br.datapath_type
        raise lib.TestFailure("unregistered column is readable")
    except AttributeError:
        pass
    step("second client saw the new rows and got create notifications")

    # Update columns in several ways.
    a.take_events()

    def build(txn):
        br.fail_mode = "secure"
        br.setkey("external_ids", "color", "blue")
        br.flood_vlans = [10, 20]
        ovs_row.increment("next_cfg")
    txn = commit(a, build)
    check_eq(txn.get_increment_new_value(), 1, "incremented next_cfg")
    check_eq(br.fail_mode, ["secure"], "fail_mode after commit")
    check_eq(br.external_ids, {"owner": "a", "color": "blue"},
             "external_ids after commit")
    rows = raw.select("Bridge", ["fail_mode", "external_ids",
                                 "flood_vlans"])
    check_eq([lib.datum(rows[0]["fail_mode"]),
              lib.datum(rows[0]["external_ids"]),
              lib.datum(rows[0]["flood_vlans"])],
             ["secure", {"owner": "a", "color": "blue"}, [10, 20]],
             "server's bridge")
    run_until([b], lambda: b_br.fail_mode == ["secure"],
              "b to see fail_mode")
    updates = b.take_events("Bridge")
    check_eq(len(updates), 1, "b's Bridge notifications")
    event, table, row, old = updates[0]
    check_eq((event, row.name), ("update", "br0"), "b's update")
    check_eq(old, {"fail_mode": [], "external_ids": {"owner": "a"},
                   "flood_vlans": []}, "old values in the update")
    check_eq(b.tables["Open_vSwitch"].rows[ovs_uuid].next_cfg, 1,
             "b's next_cfg")
    step("updated bridge columns; the update notification carries the "
         "old values")

    # Element-wise changes combine with concurrent ones.
    def build_a(txn):
        br.addvalue("flood_vlans", 30)
        br.delkey("external_ids", "owner")
    txn_a = Transaction(a)
    build_a(txn_a)
    b_br = rows_by_name(b, "Bridge")["br0"]
    commit(b, lambda txn: b_br.addvalue("flood_vlans", 40))
    check_eq(txn_a.commit_block(), Transaction.SUCCESS, "a's commit")
    run_until([a, b], lambda: br.flood_vlans == [10, 20, 30, 40]
              and b_br.flood_vlans == [10, 20, 30, 40], "merged sets")
    check_eq(lib.datum(raw.select("Bridge", ["flood_vlans"])[0]
                       ["flood_vlans"]), [10, 20, 30, 40],
             "server's flood_vlans")
    check_eq(br.external_ids, {"color": "blue"}, "after delkey")
    commit(a, lambda txn: br.delvalue("flood_vlans", 10))
    check_eq(br.flood_vlans, [20, 30, 40], "after delvalue")
    step("concurrent addvalue() calls from both clients both took effect")

    # Changes are visible in the transaction, and abort() undoes them.
    txn = Transaction(a)
    br.external_ids = {"temp": "1"}
    new_port = txn.insert(a.tables["Port"])
    new_port.name = "p9"
    check_eq(br.external_ids, {"temp": "1"}, "uncommitted write")
    check(new_port.uuid in a.tables["Port"].rows, "uncommitted insert")
    p1 = rows_by_name(a, "Port")["p1"]
    p1.delete()
    check(p1.uuid not in a.tables["Port"].rows, "uncommitted delete")
    txn.abort()
    check_eq(txn.commit(), Transaction.ABORTED, "status after abort")
    check_eq(br.external_ids, {"color": "blue"}, "write after abort")
    check(new_port.uuid not in a.tables["Port"].rows, "insert after abort")
    check(p1.uuid in a.tables["Port"].rows, "delete after abort")
    check_eq(lib.server_bridges(raw), {"br0": ["p1", "p2"]},
             "server after abort")
    step("aborted transaction left replica and server unchanged")

    # Transactions that change nothing are not sent.
    commit(a, lambda txn: setattr(br, "name", "br0"),
           Transaction.UNCHANGED)
    commit(a, lambda txn: None, Transaction.UNCHANGED)
    step("transactions without changes are UNCHANGED")

    # Errors.
    def build(txn):
        dup = txn.insert(a.tables["Bridge"])
        dup.name = "br0"
        ovs_row.addvalue("bridges", dup)
    txn = commit(a, build, Transaction.ERROR)
    check("constraint violation" in txn.get_error(),
          "error message: %s" % txn.get_error())
    check_eq(sorted(rows_by_name(a, "Bridge")), ["br0"],
             "bridges after failed transaction")
    step("duplicate bridge name fails with a constraint violation")

    # Deletion.
    b.take_events()

    def build(txn):
        p2 = rows_by_name(a, "Port")["p2"]
        br.delvalue("ports", p2)
    commit(a, build)
    check_eq(sorted(rows_by_name(a, "Port")), ["p1"],
             "ports after removing p2 (garbage collected)")
    check_eq(sorted(rows_by_name(a, "Interface")), ["p1"],
             "interfaces after removing p2")
    check_eq(lib.server_bridges(raw), {"br0": ["p1"]}, "server's bridges")
    run_until([b], lambda: len(b.tables["Port"].rows) == 1,
              "b to see the deletion")
    deleted = sorted((e[1], e[2].name) for e in b.take_events()
                     if e[0] == "delete")
    check_eq(deleted, [("Interface", "p2"), ("Port", "p2")],
             "b's delete notifications")

    def build(txn):
        ovs_row.delvalue("bridges", br)
        br.delete()
    commit(a, build)
    check_eq(len(a.tables["Bridge"].rows), 0, "bridges after delete")
    check_eq(len(a.tables["Port"].rows), 0, "ports after delete")
    check_eq(lib.server_bridges(raw), {}, "server's bridges")
    run_until([b], lambda: len(b.tables["Bridge"].rows) == 0,
              "b to see the bridge deletion")
    step("deleted a port and a bridge; rows they owned were garbage "
         "collected; the second client got delete notifications")

    # Fetching a column that is not monitored.
    raw.transact({"op": "update", "table": "Open_vSwitch", "where": [],
                  "row": {"cur_cfg": 42}})
    b_ovs = b.tables["Open_vSwitch"].rows[ovs_uuid]
    txn = Transaction(b)
    b_ovs.verify("next_cfg")
    check_eq(txn.commit_block(), Transaction.UNCHANGED, "verify only")
    run_until([a], lambda: ovs_row.cur_cfg == 42, "a to see cur_cfg")
    step("a verify-only transaction is UNCHANGED")


def test_persist(server):
    # (Upstream's 3.1 package accepts persist_uuid but cannot send it.)
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    a = make_idl(server.remote)
    connect([a])
    chosen = uuid.UUID("01234567-89ab-cdef-0123-456789abcdef")

    def build(txn):
        queue = txn.insert(a.tables["Queue"], new_uuid=chosen,
                           persist_uuid=True)
        queue.dscp = [7]
    txn = commit(a, build)
    check_eq(txn.get_insert_uuid(chosen), chosen, "persisted UUID")
    check_eq(a.tables["Queue"].rows[chosen].dscp, [7], "queue dscp")
    check_eq(raw.select("Queue", ["_uuid"])[0]["_uuid"][1], str(chosen),
             "server's queue UUID")
    step("inserted a row with a caller-chosen UUID (persist_uuid)")


def test_conflict(server):
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    a = make_idl(server.remote)
    b = make_idl(server.remote)
    connect([a, b])
    add_bridge(a, "br0", external_ids={"k": "0"})
    run_until([b], lambda: "br0" in rows_by_name(b, "Bridge"),
              "b to see br0")
    a_br = rows_by_name(a, "Bridge")["br0"]
    b_br = rows_by_name(b, "Bridge")["br0"]

    # a reads and verifies external_ids; b changes it first.
    txn = Transaction(a)
    a_br.verify("external_ids")
    ids = a_br.external_ids
    ids["k"] = str(int(ids["k"]) + 1)
    a_br.external_ids = ids
    commit(b, lambda t: b_br.setkey("external_ids", "k", "10"))
    seqno = a.change_seqno
    check_eq(txn.commit_block(), Transaction.TRY_AGAIN,
             "status of the conflicting transaction")
    step("verify() made a conflicting read-modify-write fail with TRY_AGAIN")

    run_until([a], lambda: a.change_seqno != seqno, "a's replica to change")
    txn = Transaction(a)
    a_br.verify("external_ids")
    ids = a_br.external_ids
    ids["k"] = str(int(ids["k"]) + 1)
    a_br.external_ids = ids
    check_eq(txn.commit_block(), Transaction.SUCCESS, "retry")
    check_eq(lib.datum(raw.select("Bridge", ["external_ids"])[0]
                       ["external_ids"]), {"k": "11"}, "server's value")
    step("the retried transaction saw the other client's value")

    # Dry run.
    txn = Transaction(a)
    txn.dry_run = True
    a_br.external_ids = {"dry": "run"}
    check_eq(txn.commit_block(), Transaction.SUCCESS, "dry run status")
    run_for([a], 100)
    check_eq(lib.datum(raw.select("Bridge", ["external_ids"])[0]
                       ["external_ids"]), {"k": "11"}, "after dry run")
    check_eq(a_br.external_ids, {"k": "11"}, "replica after dry run")
    step("a dry run succeeded without changing anything")

    # Bad values are refused without breaking the transaction.
    txn = Transaction(a)
    a_br.stp_enable = "not a boolean"
    a_br.datapath_type = "netdev"
    check_eq(txn.commit_block(), Transaction.SUCCESS, "partly bad txn")
    check_eq(a_br.datapath_type, "netdev",
             "datapath_type after partly bad transaction")
    check_eq(a_br.stp_enable, False, "stp_enable after bad write")
    step("writing a value of the wrong type is ignored")


def change_condition(idl, table, cond, expected_names):
    """Sets 'cond' on 'table' and waits for the rows to be exactly those
    named in 'expected_names' and for the server to acknowledge it."""
    seqno = idl.cond_seqno
    target = idl.cond_change(table, cond)
    run_until([idl], lambda: (idl.cond_seqno > seqno
                              and sorted(rows_by_name(idl, table))
                              == expected_names),
              "condition %s" % cond)
    if lib.package_name() == "weft":
        # Weft's cond_change() returns the exact sequence number at which
        # the condition is in effect.  (Upstream's 3.1 package returns one
        # more than that.)
        check_eq(idl.cond_seqno, target, "cond_seqno")


def test_cond(server):
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    a = make_idl(server.remote)
    c = make_idl(server.remote, {"Bridge": ["name", "external_ids"]})
    connect([a, c])
    for name in ("br1", "br2", "br3"):
        add_bridge(a, name)
    run_until([c], lambda: len(c.tables["Bridge"].rows) == 3,
              "c to see three bridges")
    c.take_events()
    step("c sees br1 br2 br3 with the default condition")

    change_condition(c, "Bridge", [["name", "==", "br1"]], ["br1"])
    deleted = sorted(e[2].name for e in c.take_events()
                     if e[0] == "delete")
    check_eq(deleted, ["br2", "br3"], "rows that left the condition")
    step("condition name == br1: c sees only br1")

    change_condition(c, "Bridge",
                     [["external_ids", "includes", ["map", [["role", "x"]]]],
                      ["name", "==", "br2"]], ["br2"])
    created = [e[2].name for e in c.take_events() if e[0] == "create"]
    check_eq(created, ["br2"], "create notification for br2")
    step("condition external_ids includes role=x or name == br2: br2")

    a_br3 = rows_by_name(a, "Bridge")["br3"]
    commit(a, lambda t: a_br3.setkey("external_ids", "role", "x"))
    run_until([c], lambda: "br3" in rows_by_name(c, "Bridge"),
              "br3 to enter the condition")
    created = [e[2].name for e in c.take_events() if e[0] == "create"]
    check_eq(created, ["br3"], "create notification for br3")
    add_bridge(a, "br4", external_ids={"role": "x"})
    run_until([c], lambda: "br4" in rows_by_name(c, "Bridge"),
              "br4 to appear")
    commit(a, lambda t: a_br3.delkey("external_ids", "role"))
    run_until([c], lambda: "br3" not in rows_by_name(c, "Bridge"),
              "br3 to leave the condition")
    check_eq(sorted(rows_by_name(c, "Bridge")), ["br2", "br4"],
             "rows matching")
    step("rows enter and leave the condition as they change")

    change_condition(c, "Bridge", [False], [])
    change_condition(c, "Bridge", [True], ["br1", "br2", "br3", "br4"])
    step("conditions [False] and [True] select nothing and everything")

    # A condition set before connecting is used from the start.
    d = make_idl(server.remote, {"Bridge": ["name"]})
    target = d.cond_change("Bridge", [["name", "!=", "br1"]])
    connect([d])
    if lib.package_name() == "weft":
        check_eq(d.cond_seqno, target, "cond_seqno after connecting")
    check_eq(sorted(rows_by_name(d, "Bridge")), ["br2", "br3", "br4"],
             "rows of a client with an initial condition")
    step("a condition set before connecting applies to the first contents")


def test_resync(server):
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    a = make_idl(server.remote)
    b = make_idl(server.remote)
    connect([a, b])
    add_bridge(a, "br0", ["p1"])
    add_bridge(a, "br1")
    run_until([b], lambda: len(b.tables["Bridge"].rows) == 2, "b to sync")
    b_br0 = rows_by_name(b, "Bridge")["br0"]

    # b loses its connection; changes happen meanwhile.
    b.force_reconnect()
    run_for([b], 50)
    a_br1 = rows_by_name(a, "Bridge")["br1"]
    a_ovs = next(iter(a.tables["Open_vSwitch"].rows.values()))

    def build(txn):
        a_ovs.delvalue("bridges", a_br1)
        rows_by_name(a, "Bridge")["br0"].external_ids = {"after": "1"}
    commit(a, build)
    add_bridge(a, "br2")
    run_until([b], lambda: b._session.is_connected(), "b to reconnect")
    run_until([b], lambda: sorted(rows_by_name(b, "Bridge"))
              == ["br0", "br2"], "b to resynchronize")
    if lib.package_name() == "weft":
        # Weft's IDL keeps the Row objects of rows that still exist.
        # (Upstream's 3.1 package replaces them.)
        check(rows_by_name(b, "Bridge")["br0"] is b_br0,
              "rows that survived keep their Row objects")
    b_br0 = rows_by_name(b, "Bridge")["br0"]
    check_eq(b_br0.external_ids, {"after": "1"}, "changed column")
    check_eq(sorted(p.name for p in b_br0.ports), ["p1"], "ports")
    step("after a reconnection the replica caught up with changes made "
         "while disconnected")

    # The server restarts.
    seqnos = (a.change_seqno, b.change_seqno)
    server.restart()
    run_until([a, b], lambda: (a.change_seqno, b.change_seqno) != seqnos,
              "reconnection")
    add_bridge(a, "br3")
    run_until([b], lambda: "br3" in rows_by_name(b, "Bridge"),
              "b to see br3 after the server restart")
    check_eq(lib.server_bridges(raw.__class__(server.sock_path)),
             {"br0": ["p1"], "br2": [], "br3": []}, "server's bridges")
    step("both clients reconnected after the server restarted")


def test_convert(server):
    # (Upstream's 3.1 package stays connected too, but its replica stops
    # following the database after the conversion.)
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    a = make_idl(server.remote)
    connect([a])
    add_bridge(a, "br0")
    seqno = a._session.get_seqno()

    # Convert the database online to a newer version of its schema.
    with open(os.environ["VSWITCH_SCHEMA"]) as f:
        schema = json.load(f)
    version = schema["version"].split(".")
    version[2] = str(int(version[2]) + 1)
    schema["version"] = ".".join(version)
    schema["tables"]["Open_vSwitch"]["columns"]["extra"] = {
        "type": {"key": "string", "min": 0, "max": 1}}
    converter = lib.RawClient(server.sock_path)
    converter.request("convert", ["Open_vSwitch", schema])
    run_for([a], 300)
    check_eq(a._session.get_seqno(), seqno,
             "session seqno (the server must not disconnect an IDL that "
             "asked to be told of schema changes)")
    step("the IDL stayed connected while the database was converted")

    raw = lib.RawClient(server.sock_path)
    raw.transact({"op": "insert", "table": "Queue",
                  "row": {"dscp": 5}})
    run_until([a], lambda: len(a.tables["Queue"].rows) == 1,
              "a to see a change made after the conversion")
    add_bridge(a, "br1")
    check_eq(lib.server_bridges(raw), {"br0": [], "br1": []},
             "server's bridges")
    step("the replica follows the converted database, and commits work")


def test_lock(server):
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    a = make_idl(server.remote)
    b = make_idl(server.remote)
    connect([a, b])
    a.set_lock("my_lock")
    run_until([a], lambda: a.has_lock, "a to get the lock")
    b.set_lock("my_lock")
    run_until([a, b], lambda: b.is_lock_contended, "b to find it taken")
    check(not b.has_lock, "b does not have the lock")
    step("a holds the lock; b is told it is contended")

    b_ovs = next(iter(b.tables["Open_vSwitch"].rows.values()))
    commit(b, lambda t: b_ovs.setkey("external_ids", "who", "b"),
           Transaction.NOT_LOCKED)
    a_ovs = next(iter(a.tables["Open_vSwitch"].rows.values()))
    commit(a, lambda t: a_ovs.setkey("external_ids", "who", "a"))
    step("without the lock b cannot commit; a can")

    a.set_lock(None)
    run_until([a, b], lambda: b.has_lock, "b to get the lock")
    commit(b, lambda t: b_ovs.setkey("external_ids", "who", "b"))
    check_eq(lib.datum(raw.select("Open_vSwitch", ["external_ids"])[0]
                       ["external_ids"]), {"who": "b"}, "server's value")
    step("once a released it, b got the lock and committed")


def test_remotes(server):
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    bad = "unix:" + os.path.join(server.dir, "nonexistent.sock")
    a = make_idl("%s,%s" % (bad, server.remote), leader_only=False)
    connect([a])
    check_eq(len(a.tables["Open_vSwitch"].rows), 1, "rows")
    step("connected through the second of two remotes")

    a = make_idl(server.remote, probe_interval=1000, leader_only=True)
    connect([a])
    run_for([a], 2500)
    check(a.has_ever_connected(), "still connected")
    step("probe_interval and leader_only arguments accepted")


def test_tcp(server):
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    a = make_idl(server.tcp_remote)
    connect([a])
    add_bridge(a, "br-tcp")
    check_eq(lib.server_bridges(raw), {"br-tcp": []}, "server's bridges")
    step("connected and committed over TCP")


TESTS = {
    "basic": test_basic,
    "persist": test_persist,
    "conflict": test_conflict,
    "cond": test_cond,
    "resync": test_resync,
    "convert": test_convert,
    "lock": test_lock,
    "remotes": test_remotes,
    "tcp": test_tcp,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", choices=["weft", "upstream"])
    parser.add_argument("tests", nargs="+", choices=sorted(TESTS))
    args = parser.parse_args()
    lib.check_package(args.package)
    for name in args.tests:
        server = lib.Server(tcp=(name == "tcp"))
        try:
            TESTS[name](server)
        except lib.TestFailure as e:
            sys.stderr.write("FAILED: %s\n" % e)
            sys.stderr.write("server log:\n%s" % server.log_contents())
            sys.exit(1)
        finally:
            server.cleanup()


if __name__ == "__main__":
    main()
