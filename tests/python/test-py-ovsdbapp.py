# SPDX-License-Identifier: Apache-2.0
"""Runs ovsdbapp (Debian's python3-ovsdbapp) against a real ovsdb-server,
on whichever "ovs" package comes first on the Python path, and checks the
results against the server's contents.

A thread stands in for ovs-vswitchd (which ovsdbapp waits for after each
change), answering through its own standard-library JSON-RPC client.  See
pyovs_testlib for the environment variables that choose the server.

Usage: test-py-ovsdbapp.py [--package=weft|upstream]
"""

import sys

# Keep compiled files out of the source tree.
sys.dont_write_bytecode = True

import argparse
import logging
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyovs_testlib as lib  # noqa: E402
from pyovs_testlib import check, check_eq  # noqa: E402


def step(text):
    print(text)
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", choices=["weft", "upstream"])
    args = parser.parse_args()
    lib.check_package(args.package)

    # ovsdbapp logs failures through Python's logging; show them.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    from ovsdbapp.backend.ovs_idl import connection
    from ovsdbapp.backend.ovs_idl import event as idl_event
    from ovsdbapp.backend.ovs_idl import idlutils
    from ovsdbapp.backend.ovs_idl import vlog as ovsdbapp_vlog
    from ovsdbapp.schema.open_vswitch import impl_idl

    server = lib.Server()
    try:
        run(server, connection, idl_event, idlutils, ovsdbapp_vlog, impl_idl)
    except lib.TestFailure as e:
        sys.stderr.write("FAILED: %s\n" % e)
        sys.stderr.write("server log:\n%s" % server.log_contents())
        sys.exit(1)
    finally:
        server.cleanup()


def run(server, connection, idl_event, idlutils, ovsdbapp_vlog, impl_idl):
    raw = lib.RawClient(server.sock_path)
    lib.init_db(raw)
    vswitchd = lib.FakeVswitchd(server.sock_path)
    vswitchd.start()

    # Route the ovs package's logging into Python's logging, as OpenStack
    # services do; this replaces methods of ovs.vlog.Vlog.
    ovsdbapp_vlog.use_python_logger()
    check(ovsdbapp_vlog.is_patched(ovsdbapp_vlog.ERROR),
          "ovs.vlog.Vlog methods replaced")

    class NotifyingIdl(connection.OvsdbIdl):
        """Passes the IDL's notifications to an ovsdbapp event handler, the
        way neutron's agents do."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.notify_handler = idl_event.RowEventHandler()

        def notify(self, event, row, updates=None):
            self.notify_handler.notify(event, row, updates)

    idl = NotifyingIdl.from_server(server.remote, "Open_vSwitch")
    conn = connection.Connection(idl=idl, timeout=10)
    api = impl_idl.OvsdbIdl(conn)
    check(api.idl is idl, "backend uses our Idl")
    check("name" in api.tables["Bridge"].rows.indexes,
          "ovsdbapp created its index on Bridge.name")
    step("ovsdbapp connected and indexed the Open_vSwitch database")

    # Bridges.
    class PortCreated(idl_event.WaitEvent):
        event_name = "PortCreated"

        def __init__(self, name):
            super().__init__((self.ROW_CREATE,), "Port",
                             (("name", "=", name),), timeout=10)

    port_event = PortCreated("br-a")
    idl.notify_handler.watch_event(port_event)

    api.add_br("br-a").execute(check_error=True)
    api.add_br("br-b", datapath_type="netdev").execute(check_error=True)
    api.add_br("br-a", may_exist=True).execute(check_error=True)
    check_eq(sorted(api.list_br().execute(check_error=True)),
             ["br-a", "br-b"], "list_br")
    check_eq(lib.server_bridges(raw), {"br-a": ["br-a"], "br-b": ["br-b"]},
             "server's bridges")
    check(api.br_exists("br-a").execute(check_error=True), "br_exists br-a")
    check(not api.br_exists("br-x").execute(check_error=True),
          "br_exists br-x")
    check_eq(api.db_get("Bridge", "br-b", "datapath_type").execute(
        check_error=True), "netdev", "datapath_type")
    check_eq(api.db_get("Interface", "br-a", "type").execute(
        check_error=True), "internal", "internal interface type")
    check(port_event.wait(), "WaitEvent for the Port row of br-a fired")
    step("add_br created br-a and br-b with their internal ports; a "
         "WaitEvent saw the Port")

    # Ports.
    api.add_port("br-a", "p1").execute(check_error=True)
    with api.transaction(check_error=True) as txn:
        txn.add(api.add_port("br-a", "p2"))
        txn.add(api.add_port("br-b", "p3"))
        txn.add(api.db_set("Port", "p2", ("tag", 42)))
        txn.add(api.iface_set_external_id("p3", "iface-id", "vm1"))
    check_eq(sorted(api.list_ports("br-a").execute(check_error=True)),
             ["p1", "p2"], "list_ports br-a")
    check_eq(sorted(api.list_ifaces("br-b").execute(check_error=True)),
             ["p3"], "list_ifaces br-b")
    check_eq(lib.server_bridges(raw),
             {"br-a": ["br-a", "p1", "p2"], "br-b": ["br-b", "p3"]},
             "server's bridges")
    check_eq(api.port_to_br("p2").execute(check_error=True), "br-a",
             "port_to_br")
    check_eq(api.iface_to_br("p3").execute(check_error=True), "br-b",
             "iface_to_br")
    check_eq(api.db_get("Port", "p2", "tag").execute(check_error=True),
             42, "tag")
    check_eq(api.iface_get_external_id("p3", "iface-id").execute(
        check_error=True), "vm1", "iface external id")
    tags = [lib.datum(r["tag"]) for r in raw.select(
        "Port", ["tag"], [["name", "==", "p2"]])]
    check_eq(tags, [42], "server's tag for p2")
    step("add_port and a multi-command transaction added p1, p2, p3")

    # Columns, maps and lookups.
    api.br_set_external_id("br-a", "owner", "test").execute(check_error=True)
    check_eq(api.br_get_external_id("br-a", "owner").execute(
        check_error=True), "test", "br external id")
    api.db_set("Bridge", "br-a", ("other_config", {"k1": "v1"})).execute(
        check_error=True)
    api.db_set("Bridge", "br-a", ("other_config", {"k2": "v2"})).execute(
        check_error=True)
    api.db_remove("Bridge", "br-a", "other_config", "k1").execute(
        check_error=True)
    api.db_add("Bridge", "br-a", "flood_vlans", 5, 6).execute(
        check_error=True)
    check_eq(api.db_get("Bridge", "br-a", "other_config").execute(
        check_error=True), {"k2": "v2"}, "other_config")
    row = raw.select("Bridge", ["other_config", "flood_vlans",
                                "external_ids"],
                     [["name", "==", "br-a"]])[0]
    check_eq((lib.datum(row["other_config"]), lib.datum(row["flood_vlans"]),
              lib.datum(row["external_ids"])),
             ({"k2": "v2"}, [5, 6], {"owner": "test"}),
             "server's br-a columns")
    found = api.db_find("Port", ("tag", "=", 42),
                        columns=["name"]).execute(check_error=True)
    check_eq(found, [{"name": "p2"}], "db_find")
    found = api.db_find_rows("Bridge", ("datapath_type", "=", "netdev")
                             ).execute(check_error=True)
    check_eq([r.name for r in found], ["br-b"], "db_find_rows")
    listed = api.db_list("Bridge", ["br-b"], columns=["name", "ports"]
                         ).execute(check_error=True)
    check_eq(len(listed), 1, "db_list rows")
    check_eq(listed[0]["name"], "br-b", "db_list name")
    uuid_ = api.db_create("Queue", dscp=10).execute(check_error=True)
    check_eq([lib.datum(r["dscp"]) for r in raw.select("Queue", ["dscp"])],
             [10], "server's queue")
    api.db_destroy("Queue", uuid_).execute(check_error=True)
    check_eq(raw.select("Queue", ["dscp"]), [], "queues after destroy")
    step("external ids, db_set/db_add/db_remove, db_find, db_list, "
         "db_create/db_destroy")

    # Controllers and fail mode.
    api.set_controller("br-a", ["tcp:127.0.0.1:6653", "unix:/x"]).execute(
        check_error=True)
    check_eq(sorted(api.get_controller("br-a").execute(check_error=True)),
             ["tcp:127.0.0.1:6653", "unix:/x"], "get_controller")
    api.set_fail_mode("br-a", "secure").execute(check_error=True)
    row = raw.select("Bridge", ["fail_mode", "controller"],
                     [["name", "==", "br-a"]])[0]
    check_eq(lib.datum(row["fail_mode"]), "secure", "server's fail_mode")
    check_eq(len(lib.datum(row["controller"])), 2, "server's controllers")
    api.del_controller("br-a").execute(check_error=True)
    check_eq(raw.select("Controller", ["target"]), [],
             "controllers after del_controller")
    api.add_manager("ptcp:6640").execute(check_error=True)
    check_eq(api.get_manager().execute(check_error=True), ["ptcp:6640"],
             "get_manager")
    api.remove_manager("ptcp:6640").execute(check_error=True)
    check_eq(raw.select("Manager", ["target"]), [], "managers")
    step("controllers, fail mode and managers")

    # Deletion.
    api.del_port("p1").execute(check_error=True)
    api.del_port("p3", bridge="br-b").execute(check_error=True)
    check_eq(lib.server_bridges(raw),
             {"br-a": ["br-a", "p2"], "br-b": ["br-b"]}, "after del_port")
    api.del_br("br-a").execute(check_error=True)
    check_eq(api.list_br().execute(check_error=True), ["br-b"],
             "list_br after del_br")
    api.del_br("br-b").execute(check_error=True)
    api.del_br("br-x", if_exists=True).execute(check_error=True)
    check_eq(lib.server_bridges(raw), {}, "server's bridges at the end")
    check_eq(raw.select("Interface", ["name"]), [], "interfaces at the end")
    step("del_port and del_br removed everything")

    # Errors surface as exceptions.
    try:
        api.del_br("br-x", if_exists=False).execute(check_error=True,
                                                  log_errors=False)
        raise lib.TestFailure("del_br of a missing bridge succeeded")
    except RuntimeError:
        pass
    try:
        api.add_port("br-x", "p").execute(check_error=True,
                                              log_errors=False)
        raise lib.TestFailure("add_port on a missing bridge succeeded")
    except idlutils.RowNotFound:
        pass
    step("errors are reported")

    conn.stop()
    vswitchd.stop()


if __name__ == "__main__":
    main()
