# SPDX-License-Identifier: Apache-2.0
"""The IDL: an in-memory replica of (part of) an OVSDB database, kept up to
date by monitoring it, and transactions that change it.

Usage, in short:

    helper = SchemaHelper("vswitch.ovsschema")
    helper.register_all()               # or register_table()/_columns()
    idl = Idl("unix:/var/run/openvswitch/db.sock", helper)
    while ...:                          # the program's main loop
        idl.run()                       # process updates from the server
        for row in idl.tables["Bridge"].rows.values():
            print(row.name)             # columns are attributes
        txn = Transaction(idl)          # change something
        row.external_ids = {"k": "v"}
        status = txn.commit_block()     # or commit() from the main loop
        poller = ovs.poller.Poller()
        idl.wait(poller)
        poller.block()

The IDL speaks RFC 7047 plus the extensions of Open vSwitch's ovsdb-server:
it learns about the database from the "_Server" database (so that it can
prefer the leader of a clustered database and notice schema changes), asks
to be told of schema conversions instead of being disconnected
("set_db_change_aware"), and monitors with "monitor_cond_since" (falling
back to "monitor_cond" and then "monitor"), so that it receives only the
rows that match the conditions set with cond_change() and, on reconnection,
only the changes it missed.

A subclass may override notify() to learn of each row created, updated or
deleted by the server."""

import collections
import enum
import functools
import sys
import uuid

import ovs.db.data as data
import ovs.db.parser
import ovs.db.schema
import ovs.db.types
import ovs.json
import ovs.jsonrpc
import ovs.ovsuuid
import ovs.poller
import ovs.timeval
import ovs.vlog
from ovs.db import custom_index
from ovs.db import error

vlog = ovs.vlog.Vlog("idl")

ROW_CREATE = "create"
ROW_UPDATE = "update"
ROW_DELETE = "delete"

OVSDB_UPDATE = 0
OVSDB_UPDATE2 = 1
OVSDB_UPDATE3 = 2

CLUSTERED = "clustered"
RELAY = "relay"

# An event for notify(): 'event' is ROW_CREATE, ROW_UPDATE or ROW_DELETE,
# 'row' the Row, 'updates' (for ROW_UPDATE) a Row with the old values of the
# columns that changed.
Notice = collections.namedtuple('Notice', ('event', 'row', 'updates'))


class Monitor(enum.IntEnum):
    """The monitoring methods, from oldest to newest."""
    monitor = OVSDB_UPDATE
    monitor_cond = OVSDB_UPDATE2
    monitor_cond_since = OVSDB_UPDATE3


# Columns of the _Server database's Database table that the IDL uses.
_SERVER_DB_COLUMNS = ["model", "name", "connected", "leader", "schema",
                      "sid", "cid", "index"]

# Messages processed per call to Idl.run(), so that a flood of updates does
# not keep the caller from its other work.
_MAX_MSGS_PER_RUN = 500


class ColumnDefaultDict(dict):
    """A row's data: a dict from column name to Datum in which a column that
    is absent has its type's default value (as in the "initial", "insert"
    and "modify" rows of update2 notifications, which omit such
    columns)."""

    __slots__ = ('_table', )

    def __init__(self, table):
        self._table = table
        super().__init__()

    def __missing__(self, column):
        column_schema = self._table.columns[column]
        datum = data.Datum.default(column_schema.type)
        self[column] = datum
        return datum

    def keys(self):
        return self._table.columns.keys()

    def values(self):
        return iter(self[k] for k in self)

    def __iter__(self):
        return iter(self.keys())

    def __contains__(self, item):
        return item in self.keys()


class ConditionState(object):
    """The monitoring condition of a table, as it moves from the client to
    the server: 'new' (set by cond_change(), not yet sent), 'requested'
    (sent, not yet acknowledged) and 'acked' (in effect).  A condition is a
    list of clauses, true if any is: each clause is True, False, or
    [column, function, value] as in RFC 7047's <condition>."""

    def __init__(self):
        self._ack_cond = [True]
        self._req_cond = None
        self._new_cond = None

    def __iter__(self):
        return iter(self.latest)

    @property
    def new(self):
        """The condition not yet sent to the server, or None."""
        return self._new_cond

    @property
    def acked(self):
        """The condition that the server has acknowledged."""
        return self._ack_cond

    @property
    def requested(self):
        """The condition sent but not yet acknowledged, or None."""
        return self._req_cond

    @property
    def latest(self):
        """The condition that will be in effect once every change has been
        acknowledged."""
        if self._new_cond is not None:
            return self._new_cond
        if self._req_cond is not None:
            return self._req_cond
        return self._ack_cond

    @staticmethod
    def is_true(condition):
        """Returns True if 'condition' is the condition that matches every
        row."""
        return condition == [True]

    def init(self, cond):
        """Sets 'cond' as the condition to send next."""
        if cond is None:
            cond = [True]
        self._new_cond = cond

    def request(self):
        """Marks the new condition as sent."""
        if self._new_cond is not None:
            self._req_cond = self._new_cond
            self._new_cond = None

    def ack(self):
        """Marks the requested condition as acknowledged."""
        if self._req_cond is not None:
            self._ack_cond = self._req_cond
            self._req_cond = None

    def reset(self):
        """After a reconnection, nothing is in effect on the new connection:
        the latest condition must be sent again."""
        latest = self.latest
        self._req_cond = None
        self._new_cond = latest


class IdlColumn(object):
    """The IDL's view of a column.  In this implementation the IDL uses the
    schema's ColumnSchema objects directly, with an 'alert' attribute added
    (see SchemaHelper.register_columns()); this class exists for programs
    that construct one explicitly, and wraps a ColumnSchema."""

    def __init__(self, column):
        self._column = column
        self.alert = getattr(column, "alert", True)

    def __getattr__(self, attr):
        return getattr(self._column, attr)


class IdlTable(object):
    """The IDL's view of a table.  In this implementation the IDL's tables
    are the schema's TableSchema objects themselves, with the attributes
    that Idl documents added (see Idl.tables)."""

    def __init__(self, idl, table):
        self._table = table
        idl._init_table(table)

    def __getattr__(self, attr):
        return getattr(self._table, attr)

    @property
    def condition(self):
        return self._table.condition

    @property
    def condition_state(self):
        return self._table.condition

    @classmethod
    def schema_tables(cls, idl, schema):
        """Prepares the tables of 'schema' (a DbSchema) for use by 'idl' and
        returns them, a dict from table name to table."""
        for table in schema.tables.values():
            idl._init_table(table)
        return schema.tables


def _condition_to_json(cond):
    """Returns condition 'cond' (a list of clauses; see ConditionState) in
    JSON form."""
    result = []
    for clause in cond:
        if isinstance(clause, (list, tuple)):
            result.append([_clause_value_to_json(v) for v in clause])
        else:
            result.append(clause)
    return result


def _clause_value_to_json(value):
    if isinstance(value, uuid.UUID):
        return ovs.ovsuuid.to_json(value)
    if isinstance(value, Row):
        return ovs.ovsuuid.to_json(value.uuid)
    if isinstance(value, tuple):
        return [_clause_value_to_json(v) for v in value]
    return value


class Idl(object):
    """A client's replica of an OVSDB database.

    The IDL keeps a replica of the tables and columns registered in its
    SchemaHelper.  Its public attributes are:

    - 'tables': a dict from table name to ovs.db.schema.TableSchema, each
      with these attributes added:
        'rows': an ovs.db.custom_index.IndexedRows, mapping the UUID of each
            row (uuid.UUID) to its Row.
        'condition': the table's ConditionState.
        'idl': this Idl.

    - 'change_seqno': a number that increases whenever the replica changes
      (or the IDL acquires its lock).  run() returns True when it
      increased.

    - 'lock_name', 'has_lock', 'is_lock_contended': see set_lock().

    - 'txn': the Transaction in progress, or None.

    - 'cond_seqno': the number of condition changes acknowledged by the
      server (see cond_change()).

    A program calls run() and wait() from its main loop.  It must not keep
    Row objects across calls to run() unless it is prepared for them to be
    deleted (a deleted row stays readable but is no longer in 'rows').
    """

    IDL_S_INITIAL = 0
    IDL_S_SERVER_SCHEMA_REQUESTED = 1
    IDL_S_SERVER_MONITOR_REQUESTED = 2
    IDL_S_DATA_MONITOR_REQUESTED = 3
    IDL_S_DATA_MONITOR_COND_REQUESTED = 4
    IDL_S_DATA_MONITOR_COND_SINCE_REQUESTED = 5
    IDL_S_MONITORING = 6

    monitor_map = {
        Monitor.monitor: IDL_S_DATA_MONITOR_REQUESTED,
        Monitor.monitor_cond: IDL_S_DATA_MONITOR_COND_REQUESTED,
        Monitor.monitor_cond_since: IDL_S_DATA_MONITOR_COND_SINCE_REQUESTED}

    def __init__(self, remote, schema_helper, probe_interval=None,
                 leader_only=True):
        """Starts replicating, from the server at 'remote', the database
        described by 'schema_helper' (a SchemaHelper, which also says which
        tables and columns to replicate).  'remote' is a remote name
        ("unix:FILE", "tcp:HOST:PORT", "ssl:HOST:PORT"), or several
        separated by commas, tried in turn.

        'probe_interval' is the inactivity probe interval in milliseconds
        (0 to disable probes, None for the default).

        With 'leader_only' (the default), the IDL only stays connected to
        the leader of a clustered database, moving to another server
        otherwise; without it, any server that is part of the cluster will
        do.  A transaction is always forwarded to the leader by the server
        anyway."""

        assert isinstance(schema_helper, SchemaHelper)
        schema = schema_helper.get_idl_schema()

        self.tables = schema.tables
        self.readonly = schema.readonly
        self._db = schema
        remotes = self._parse_remotes(remote)
        self._session = ovs.jsonrpc.Session.open_multiple(
            remotes, probe_interval=probe_interval)
        self._request_id = None
        self._monitor_request_id = None
        self._last_seqno = None
        self.change_seqno = 0
        self.uuid = uuid.uuid1()
        self.last_id = str(uuid.UUID(int=0))

        # Server monitor.
        self._server_schema_request_id = None
        self._server_monitor_request_id = None
        self._db_change_aware_request_id = None
        self._server_db_name = '_Server'
        self._server_db_table = 'Database'
        self.server_tables = None
        self._server_db = None
        self.server_monitor_uuid = uuid.uuid1()
        self.leader_only = leader_only
        self.cluster_id = None
        self._min_index = 0

        self.state = self.IDL_S_INITIAL
        self._ever_connected = False

        # The database lock (see set_lock()): the lock wanted, or None;
        # whether the server granted it; whether the server said someone
        # else holds it; the id of the "lock" request awaiting its reply.
        self.lock_name = None
        self.has_lock = False
        self.is_lock_contended = False
        self._lock_request_id = None

        # Transaction support.
        self.txn = None
        self._outstanding_txns = {}

        # Conditional monitoring.  'cond_seqno' counts the acknowledgments of
        # condition changes made with cond_change(): replies to
        # "monitor_cond_change", and replies to monitor requests that carry
        # such a change ('_monitor_carries_change').
        self.cond_changed = False
        self.cond_seqno = 0
        self._monitor_carries_change = False
        self._cond_change_request_id = None
        self._cond_change_tables = []
        # The monitoring method in use on the current connection.
        self._monitor_method = None

        # Set when run() stopped with messages still to process.
        self._more_to_do = False

        for table in schema.tables.values():
            self._init_table(table)

    def _init_table(self, table):
        for column in table.columns.values():
            if not hasattr(column, 'alert'):
                column.alert = True
        table.need_table = False
        table.rows = custom_index.IndexedRows(table)
        table.idl = self
        table.condition = ConditionState()
        table.cond_changed = False

    def _parse_remotes(self, remote):
        """Splits 'remote', one or more remote names separated by commas,
        into a list."""
        remotes = [r.strip() for r in remote.split(',')]
        return [r for r in remotes if r]

    def set_cluster_id(self, cluster_id):
        """Restricts the IDL to servers of the cluster whose ID is
        'cluster_id' (a string, or None for any)."""
        self.cluster_id = cluster_id
        if self.state != self.IDL_S_INITIAL:
            self.force_reconnect()

    def index_create(self, table, name):
        """Creates an index called 'name' on 'table' (a table name) and
        returns it (see ovs.db.custom_index.MultiColumnIndex)."""
        return self.tables[table].rows.index_create(name)

    def index_irange(self, table, name, start, end):
        """Iterates over the rows of 'table' whose values in index 'name'
        lie between 'start' and 'end' (index entries, see
        ovs.db.custom_index), inclusive."""
        return self.tables[table].rows.indexes[name].irange(start, end)

    def index_equal(self, table, name, value):
        """Iterates over the rows of 'table' whose values in index 'name'
        equal those of 'value'."""
        return self.index_irange(table, name, value, value)

    def close(self):
        """Closes the connection to the database.  The IDL will no longer
        update."""
        self._session.close()

    def run(self):
        """Processes a batch of messages from the database server: updates
        to the replica, replies to transactions and lock requests.  Also
        (re)connects as needed.  Returns True if the replica changed (that
        is, if 'change_seqno' increased).

        Must not be called while a transaction is open (between creating a
        Transaction and committing or aborting it)."""
        assert not self.txn
        initial_change_seqno = self.change_seqno

        self.send_cond_change()
        self._session.run()
        self._more_to_do = False
        n = 0
        while True:
            seqno = self._session.get_seqno()
            if seqno != self._last_seqno:
                # Connected or disconnected: transactions in flight are
                # lost, and a new connection starts the exchange over.
                self._last_seqno = seqno
                self.__txn_abort_all()
                if self._session.is_connected():
                    self.restart_fsm()
                    if self.lock_name:
                        self.__send_lock_request()
                else:
                    self.state = self.IDL_S_INITIAL
                    self.__update_has_lock(False)

            if not self._session.is_connected():
                break

            if n >= _MAX_MSGS_PER_RUN:
                self._more_to_do = True
                break
            msg = self._session.recv()
            if msg is None:
                break
            n += 1
            self.__process_msg(msg)

        return initial_change_seqno != self.change_seqno

    def __process_msg(self, msg):
        """Processes one message 'msg' from the server."""
        if msg.type == ovs.jsonrpc.Message.T_NOTIFY:
            self.__process_notify(msg)
        elif msg.type in (ovs.jsonrpc.Message.T_REPLY,
                          ovs.jsonrpc.Message.T_ERROR):
            self.__process_reply(msg)
        else:
            vlog.dbg("%s: received unexpected %s message"
                     % (self._session.get_name(),
                        ovs.jsonrpc.Message.type_to_string(msg.type)))

    def __process_notify(self, msg):
        method = msg.method
        params = msg.params
        if method in ("update", "update2", "update3"):
            version = {"update": OVSDB_UPDATE, "update2": OVSDB_UPDATE2,
                       "update3": OVSDB_UPDATE3}[method]
            expected = 3 if version == OVSDB_UPDATE3 else 2
            if not isinstance(params, list) or len(params) != expected:
                vlog.warn("%s: malformed %s notification"
                          % (self._session.get_name(), method))
                return
            monitor_id = params[0]
            if monitor_id == str(self.uuid):
                try:
                    if version == OVSDB_UPDATE3:
                        self.__parse_update(params[2], version)
                        self.last_id = params[1]
                    else:
                        self.__parse_update(params[1], version)
                except error.Error as e:
                    # The replica may have missed a change: start over.
                    vlog.err("%s: bad %s notification: %s"
                             % (self._session.get_name(), method, e))
                    self.last_id = str(uuid.UUID(int=0))
                    self.__error()
            elif monitor_id == str(self.server_monitor_uuid):
                self.__parse_server_update(params[1], version)
                self.__check_server_db_changes()
            else:
                vlog.dbg("%s: %s for unknown monitor %s"
                         % (self._session.get_name(), method,
                            ovs.json.to_string(monitor_id)))
        elif method == "monitor_canceled":
            # The server dropped a monitor because the database was
            # converted to a new schema (we asked to be told rather than
            # disconnected, with "set_db_change_aware"): monitor again.
            if (params and params[0] == str(self.uuid)
                    and self._monitor_request_id is None):
                self.__send_monitor_request()
            elif (params and params[0] == str(self.server_monitor_uuid)
                  and self._server_monitor_request_id is None):
                self.__send_server_monitor_request()
        elif method in ("locked", "stolen"):
            if (self.lock_name and isinstance(params, list) and params
                    and params[0] == self.lock_name):
                self.__update_has_lock(method == "locked")
                if method == "stolen":
                    self.is_lock_contended = True
        else:
            vlog.dbg("%s: received unexpected notification %s"
                     % (self._session.get_name(), method))

    def __process_reply(self, msg):
        is_error = msg.type == ovs.jsonrpc.Message.T_ERROR
        if msg.id is None:
            return

        if msg.id == self._monitor_request_id:
            self._monitor_request_id = None
            if is_error:
                self.__monitor_failed(msg)
            else:
                self.__monitor_reply(msg)
        elif msg.id == self._server_schema_request_id:
            self._server_schema_request_id = None
            if is_error:
                # An old server without a _Server database: monitor the data
                # directly.
                self._server_db = None
                self.__send_monitor_request()
            else:
                try:
                    self._server_db = ovs.db.schema.DbSchema.from_json(
                        msg.result)
                except error.Error as e:
                    vlog.warn("%s: error parsing _Server schema: %s"
                              % (self._session.get_name(), e))
                    self._server_db = None
                    self.__send_monitor_request()
                    return
                self.server_tables = self._server_db.tables
                for table in self.server_tables.values():
                    table.rows = custom_index.IndexedRows(table)
                    table.idl = self
                self.__send_server_monitor_request()
        elif msg.id == self._server_monitor_request_id:
            self._server_monitor_request_id = None
            if is_error:
                self._server_db = None
                self.__send_monitor_request()
                return
            self.__parse_server_update(msg.result, OVSDB_UPDATE)
            if self.__check_server_db():
                self.__send_monitor_request()
                self.__send_db_change_aware()
        elif msg.id == self._db_change_aware_request_id:
            self._db_change_aware_request_id = None
        elif msg.id == self._cond_change_request_id:
            self._cond_change_request_id = None
            if is_error:
                vlog.warn("%s: monitor_cond_change failed: %s; reconnecting"
                          % (self._session.get_name(),
                             ovs.json.to_string(msg.error)))
                self.force_reconnect()
                return
            for table in self._cond_change_tables:
                table.condition.ack()
            self._cond_change_tables = []
            self.cond_seqno += 1
        elif msg.id == self._lock_request_id:
            self._lock_request_id = None
            if not is_error:
                self.__parse_lock_reply(msg.result)
        elif msg.id in self._outstanding_txns:
            txn = self._outstanding_txns.pop(msg.id)
            txn._process_reply(msg)
        elif msg.id == "echo":
            pass
        else:
            vlog.dbg("%s: received unexpected reply to request %s"
                     % (self._session.get_name(),
                        ovs.json.to_string(msg.id)))

    def __monitor_failed(self, msg):
        err = msg.error
        if self.state == self.IDL_S_DATA_MONITOR_COND_SINCE_REQUESTED:
            vlog.dbg("%s: monitor_cond_since failed (%s), trying "
                     "monitor_cond" % (self._session.get_name(),
                                       ovs.json.to_string(err)))
            self.__send_monitor_request(Monitor.monitor_cond)
        elif self.state == self.IDL_S_DATA_MONITOR_COND_REQUESTED:
            vlog.dbg("%s: monitor_cond failed (%s), trying monitor"
                     % (self._session.get_name(), ovs.json.to_string(err)))
            self.__send_monitor_request(Monitor.monitor)
        else:
            vlog.err("%s: monitor request failed: %s"
                     % (self._session.get_name(), ovs.json.to_string(err)))
            self.__error()

    def __monitor_reply(self, msg):
        try:
            state = self.state
            if state == self.IDL_S_DATA_MONITOR_COND_SINCE_REQUESTED:
                result = msg.result
                if not isinstance(result, list) or len(result) != 3:
                    raise error.Error("malformed monitor_cond_since reply",
                                      result)
                found, last_id, updates = result
                self.last_id = last_id
                self.__parse_update(updates, OVSDB_UPDATE3,
                                    full=not found)
            elif state == self.IDL_S_DATA_MONITOR_COND_REQUESTED:
                self.__parse_update(msg.result, OVSDB_UPDATE2, full=True)
            else:
                self.__parse_update(msg.result, OVSDB_UPDATE, full=True)
        except error.Error as e:
            vlog.err("%s: bad monitor reply: %s"
                     % (self._session.get_name(), e))
            self.__error()
            return

        for table in self.tables.values():
            table.condition.ack()
        if self._monitor_carries_change:
            self._monitor_carries_change = False
            self.cond_seqno += 1
        self.state = self.IDL_S_MONITORING
        self._ever_connected = True
        self.change_seqno += 1

    def __error(self):
        self._session.force_reconnect()

    def restart_fsm(self):
        """Starts the exchange with a newly connected server over: first
        the _Server database, then the data."""
        # Rows are kept across the reconnection: the first reply brings the
        # differences (or everything, which is compared with what we have).
        self._monitor_request_id = None
        self._server_schema_request_id = None
        self._server_monitor_request_id = None
        self._db_change_aware_request_id = None
        self._cond_change_request_id = None
        self._lock_request_id = None
        self._cond_change_tables = []
        self.sync_conditions()
        self.__send_server_schema_request()

    def sync_conditions(self):
        """Makes every table's condition pending again, to be sent on a new
        connection."""
        for table in self.tables.values():
            table.condition.reset()

    def cond_change(self, table_name, cond):
        """Sets the condition for 'table_name': from now on, the replica only
        contains the rows of that table that satisfy it.

        'cond' is a list of clauses, of which a row must satisfy at least
        one: True, False, or [column, function, value], where 'function' is
        one of "==", "!=", "<", "<=", ">", ">=", "includes", "excludes" and
        'value' is in RFC 7047 JSON notation (["uuid", ...], ["set", [...]],
        ["map", [...]]) or a Python scalar.  [True] (the initial condition)
        selects every row; [] and [False] select none.

        The change takes effect after the server acknowledges it.  Returns
        the value that 'cond_seqno' will have then."""
        table = self.tables.get(table_name)
        if not table:
            raise error.Error('Unknown table "%s"' % table_name)

        if cond == []:
            cond = [False]
        cond = _condition_to_json(cond)

        if table.condition.latest != cond:
            table.condition.init(cond)
            self.cond_changed = True
            table.cond_changed = True

        # The condition is in effect once every request in flight that
        # counts, and the one that will carry it (if it is not sent yet),
        # have been acknowledged.
        pending = 0
        if (self._monitor_request_id is not None
                and self._monitor_carries_change):
            pending += 1
        if self._cond_change_request_id is not None:
            pending += 1
        if table.condition.new is not None:
            pending += 1
        return self.cond_seqno + pending

    def compose_cond_change(self):
        """Returns the <monitor-cond-update-requests> object for the tables
        whose condition changed (marking those conditions as requested), or
        None if none did."""
        change_requests = {}
        tables = []
        for table in self.tables.values():
            if table.condition.new is not None:
                change_requests[table.name] = [
                    {"where": table.condition.new}]
                table.condition.request()
                tables.append(table)
                table.cond_changed = False
        if not change_requests:
            return None
        self._cond_change_tables = tables
        self.cond_changed = False
        return change_requests

    def send_cond_change(self):
        """Sends pending condition changes to the server, if the monitor is
        set up and no earlier change is awaiting its reply."""
        if (self.state != self.IDL_S_MONITORING
                or not self._session.is_connected()
                or self._cond_change_request_id is not None
                or self._monitor_method == Monitor.monitor):
            return
        change_requests = self.compose_cond_change()
        if change_requests is None:
            return
        monitor_id = str(self.uuid)
        msg = ovs.jsonrpc.Message.create_request(
            "monitor_cond_change", [monitor_id, monitor_id, change_requests])
        self._cond_change_request_id = msg.id
        self.send_request(msg)

    def ack_conditions(self):
        """Marks every requested condition as acknowledged."""
        for table in self.tables.values():
            table.condition.ack()

    def wait(self, poller):
        """Arranges for 'poller' to wake up when run() has something to
        do."""
        self._session.wait(poller)
        self._session.recv_wait(poller)
        if self._more_to_do:
            poller.immediate_wake()
        elif (self.state == self.IDL_S_MONITORING
              and self._cond_change_request_id is None
              and self._session.is_connected()
              and self._monitor_method != Monitor.monitor
              and any(t.condition.new is not None
                      for t in self.tables.values())):
            poller.immediate_wake()

    def has_ever_connected(self):
        """Returns True if the IDL has received the database contents from
        the server at least once."""
        return self._ever_connected

    def is_connected(self):
        """Returns True if the IDL is connected to a server."""
        return self._session.is_connected()

    def session_name(self):
        """Returns the name of the remote currently in use."""
        return self._session.get_name()

    def force_reconnect(self):
        """Drops the connection to the server and reconnects at once."""
        self._session.reset_backoff()
        self._session.force_reconnect()

    def send_request(self, request):
        """Sends 'request' (an ovs.jsonrpc.Message) to the server."""
        self._request_id = request.id
        if self._session.is_connected():
            return self._session.send(request)

    def set_lock(self, lock_name):
        """Makes the IDL try to obtain the database lock 'lock_name' (a
        string) and keep it, or gives up the lock held if 'lock_name' is
        None.  Transactions fail with NOT_LOCKED while a lock is wanted but
        not held.  'has_lock' says whether it is held; 'is_lock_contended'
        whether another client holds it."""
        assert not self.txn
        assert not self._outstanding_txns

        if self.lock_name and (not lock_name or lock_name != self.lock_name):
            self.__send_unlock_request()
            self.lock_name = None
            self.is_lock_contended = False

        if lock_name and not self.lock_name:
            self.lock_name = lock_name
            self.__send_lock_request()

    def notify(self, event, row, updates=None):
        """Hook for subclasses, called after each change to the replica made
        by the server.

        :param event:   ROW_CREATE, ROW_UPDATE or ROW_DELETE
        :param row:     the Row that was created, updated or deleted (a
                        deleted row can still be read)
        :param updates: for ROW_UPDATE, a Row that holds the previous values
                        of the columns that changed, and no other columns
        """

    def cooperative_yield(self):
        """Hook for subclasses, called from time to time while a large
        update is processed (for example to let other green threads run).
        """

    def __send_lock_request(self):
        self._lock_request_id = self.__do_send_lock_request("lock")

    def __send_unlock_request(self):
        self.__do_send_lock_request("unlock")

    def __do_send_lock_request(self, method):
        self.__update_has_lock(False)
        self._lock_request_id = None
        if self._session.is_connected():
            msg = ovs.jsonrpc.Message.create_request(method, [self.lock_name])
            msg_id = msg.id
            self._session.send(msg)
        else:
            msg_id = None
        return msg_id

    def __parse_lock_reply(self, result):
        self._lock_request_id = None
        got_lock = isinstance(result, dict) and result.get("locked") is True
        self.__update_has_lock(got_lock)
        if not got_lock:
            self.is_lock_contended = True

    def __update_has_lock(self, new_has_lock):
        if new_has_lock and not self.has_lock:
            # Getting the lock counts as a change, except while the monitor
            # reply is awaited: that reply is a change in any case.
            if self._monitor_request_id is None:
                self.change_seqno += 1
            self.is_lock_contended = False
        self.has_lock = new_has_lock

    def __send_server_schema_request(self):
        self.state = self.IDL_S_SERVER_SCHEMA_REQUESTED
        msg = ovs.jsonrpc.Message.create_request(
            "get_schema", [self._server_db_name])
        self._server_schema_request_id = msg.id
        self.send_request(msg)

    def __send_server_monitor_request(self):
        self.state = self.IDL_S_SERVER_MONITOR_REQUESTED
        table = self.server_tables.get(self._server_db_table)
        columns = [c for c in _SERVER_DB_COLUMNS
                   if table is not None and c in table.columns]
        monitor_requests = {self._server_db_table: [{"columns": columns}]}
        msg = ovs.jsonrpc.Message.create_request(
            "monitor", [self._server_db_name,
                        str(self.server_monitor_uuid),
                        monitor_requests])
        self._server_monitor_request_id = msg.id
        self.send_request(msg)

    def __send_db_change_aware(self):
        msg = ovs.jsonrpc.Message.create_request("set_db_change_aware",
                                                 [True])
        self._db_change_aware_request_id = msg.id
        self.send_request(msg)

    def __send_monitor_request(self, max_version=Monitor.monitor_cond_since):
        """Asks the server to monitor the data with 'max_version' (a
        Monitor), which falls back to older methods if the server does not
        know it."""
        self.state = self.monitor_map[max_version]
        self._monitor_method = max_version
        # Does this request carry a condition that cond_change() set (as
        # opposed to conditions sent again after a reconnection)?
        self._monitor_carries_change = self._monitor_carries_change or any(
            getattr(t, "cond_changed", False) for t in self.tables.values())
        for table in self.tables.values():
            table.cond_changed = False
        self.cond_changed = False
        monitor_requests = {}
        for table in self.tables.values():
            columns = list(table.columns.keys())
            monitor_request = {"columns": columns}
            if max_version != Monitor.monitor:
                cond = table.condition
                # Whatever is pending goes with the monitor request.
                cond.request()
                if cond.requested is None:
                    # Nothing pending: ask for what was in effect.
                    cond._req_cond = cond.acked
                if not ConditionState.is_true(cond.requested):
                    monitor_request["where"] = cond.requested
            monitor_requests[table.name] = [monitor_request]

        args = [self._db.name, str(self.uuid), monitor_requests]
        if max_version == Monitor.monitor_cond_since:
            args.append(self.last_id)
        msg = ovs.jsonrpc.Message.create_request(
            Monitor(max_version).name, args)
        self._monitor_request_id = msg.id
        self.send_request(msg)

    def __parse_server_update(self, table_updates, version):
        """Applies 'table_updates' to the replica of the _Server
        database."""
        if self.server_tables is None:
            return
        if not isinstance(table_updates, dict):
            return
        for table_name, table_update in table_updates.items():
            table = self.server_tables.get(table_name)
            if table is None or not isinstance(table_update, dict):
                continue
            for uuid_string, row_update in table_update.items():
                try:
                    row_uuid = ovs.ovsuuid.from_string(uuid_string)
                except error.Error:
                    continue
                if version == OVSDB_UPDATE:
                    new = row_update.get("new")
                    if new is None:
                        table.rows.pop(row_uuid, None)
                        continue
                    row = table.rows.get(row_uuid)
                    if row is None:
                        row = Row(self, table, row_uuid,
                                  ColumnDefaultDict(table))
                    for column_name, datum_json in new.items():
                        column = table.columns.get(column_name)
                        if column is None:
                            continue
                        try:
                            row._data[column_name] = data.Datum.from_json(
                                column.type, datum_json)
                        except error.Error:
                            pass
                    table.rows[row_uuid] = row
                else:
                    for op, row_json in row_update.items():
                        if op == "delete":
                            table.rows.pop(row_uuid, None)
                            continue
                        row = table.rows.get(row_uuid)
                        if row is None:
                            row = Row(self, table, row_uuid,
                                      ColumnDefaultDict(table))
                        self.__apply_row_json(table, row, row_json,
                                              op == "modify")
                        table.rows[row_uuid] = row

    def __server_database_row(self):
        if self.server_tables is None:
            return None
        table = self.server_tables.get(self._server_db_table)
        if table is None:
            return None
        for row in table.rows.values():
            if row._data["name"].as_scalar() == self._db.name:
                return row
        return None

    def __check_server_db(self):
        """Checks that the server serves our database in a way we accept:
        present, and for a clustered database connected to the cluster,
        the leader if 'leader_only', of the right cluster, and not older
        than what we saw before.  If not, reconnects (to another server, if
        there are several) and returns False."""
        database = self.__server_database_row()
        name = self._session.get_name()
        if database is None:
            vlog.info("%s: server does not have %s database"
                      % (name, self._db.name))
            self.__error()
            return False

        def value(column):
            datum = database._data.get(column) \
                if column in database._table.columns else None
            return datum.as_scalar() if datum is not None else None

        model = value("model")
        if model == CLUSTERED:
            if value("connected") is False:
                vlog.info("%s: clustered database server is disconnected "
                          "from cluster; trying another server" % name)
                self.__reconnect_elsewhere()
                return False
            if self.leader_only and value("leader") is False:
                vlog.info("%s: clustered database server is not cluster "
                          "leader; trying another server" % name)
                self.__reconnect_elsewhere()
                return False
            cid = value("cid")
            if (self.cluster_id is not None and cid is not None
                    and str(cid) != str(self.cluster_id)):
                vlog.info("%s: clustered database server is in cluster %s "
                          "instead of %s; trying another server"
                          % (name, cid, self.cluster_id))
                self.__reconnect_elsewhere()
                return False
            index = value("index")
            if index is not None:
                if index < self._min_index:
                    vlog.warn("%s: clustered database server has stale "
                              "data; trying another server" % name)
                    self.__reconnect_elsewhere()
                    return False
                self._min_index = index
        return True

    def __reconnect_elsewhere(self):
        # With several remotes, try the next one at once; with only one,
        # back off between attempts rather than hammer the same server.
        if self._session.get_num_of_remotes() > 1:
            self._session.reset_backoff()
        self._session.force_reconnect()

    def __check_server_db_changes(self):
        """Called when the _Server database changes while monitoring."""
        if self.state != self.IDL_S_MONITORING:
            return
        if not self.__check_server_db():
            return
        database = self.__server_database_row()
        schema_json = None
        if "schema" in database._table.columns:
            schema_json = database._data["schema"].as_scalar()
        if schema_json:
            schema = ovs.json.from_string(schema_json)
            version = (schema.get("version")
                       if isinstance(schema, dict) else None)
            if version is not None and version != self._db.version:
                # The database was converted to another schema.  The server
                # cancels our monitor ("monitor_canceled"), and we start it
                # over then.
                vlog.info("%s: database %s schema changed to version %s"
                          % (self._session.get_name(), self._db.name,
                             version))
                self._db.version = version

    def __txn_abort_all(self):
        while self._outstanding_txns:
            txn = self._outstanding_txns.popitem()[1]
            txn._status = Transaction.TRY_AGAIN

    def __parse_update(self, table_updates, version, full=False):
        """Applies 'table_updates', in the format of 'version' (OVSDB_UPDATE
        for <table-updates>, OVSDB_UPDATE2 or OVSDB_UPDATE3 for
        <table-updates2>), to the replica, then calls notify() for each
        change.  If 'full', 'table_updates' holds the whole contents of the
        monitored tables: rows not in it are deleted.  Raises
        ovs.db.error.Error on a malformed update."""
        notices = []
        changed = self.__do_parse_update(table_updates, version, notices,
                                         full)
        if changed:
            self.change_seqno += 1
        for notice in notices:
            self.notify(notice.event, notice.row, notice.updates)

    def __do_parse_update(self, table_updates, version, notices, full):
        if not isinstance(table_updates, dict):
            raise error.Error("table updates must be a JSON object",
                              table_updates)

        changed = False
        seen = set() if full else None
        n = 0
        for table_name, table_update in table_updates.items():
            table = self.tables.get(table_name)
            if not table:
                raise error.Error('update for table "%s", which is not '
                                  'monitored' % table_name)

            if not isinstance(table_update, dict):
                raise error.Error('update for table "%s" must be a JSON '
                                  'object' % table_name, table_update)

            for uuid_string, row_update in table_update.items():
                if not ovs.ovsuuid.is_valid_string(uuid_string):
                    raise error.Error('update for table "%s" has "%s" '
                                      'where a row UUID belongs'
                                      % (table_name, uuid_string),
                                      table_update)
                row_uuid = ovs.ovsuuid.from_string(uuid_string)

                if not isinstance(row_update, dict):
                    raise error.Error('update for row %s of table "%s" '
                                      'must be a JSON object'
                                      % (uuid_string, table_name))

                if seen is not None:
                    seen.add((table_name, row_uuid))

                if version == OVSDB_UPDATE:
                    parser = ovs.db.parser.Parser(row_update, "row-update")
                    old = parser.get_optional("old", [dict])
                    new = parser.get_optional("new", [dict])
                    parser.finish()
                    if not old and not new:
                        raise error.Error('row update has neither "old" '
                                          'nor "new"', row_update)
                    if self.__process_update(table, row_uuid, old, new,
                                             notices):
                        changed = True
                else:
                    if self.__process_update2(table, row_uuid, row_update,
                                              notices):
                        changed = True

                n += 1
                if n % 1000 == 0:
                    self.cooperative_yield()

        if seen is not None:
            # A complete snapshot: whatever we have that it lacks is gone.
            for table in self.tables.values():
                for row_uuid in list(table.rows.keys()):
                    if (table.name, row_uuid) not in seen:
                        row = table.rows.pop(row_uuid)
                        notices.append(Notice(ROW_DELETE, row, None))
                        changed = True
        return changed

    def __process_update2(self, table, row_uuid, row_update, notices):
        """Applies one <row-update2>.  Returns True if the replica
        changed."""
        row = table.rows.get(row_uuid)
        if "delete" in row_update:
            if row:
                del table.rows[row_uuid]
                notices.append(Notice(ROW_DELETE, row, None))
                return True
            vlog.warn("server deleted row %s of table %s, which we do not "
                      "have" % (row_uuid, table.name))
            return False
        elif "insert" in row_update or "initial" in row_update:
            row_json = row_update.get("insert", row_update.get("initial"))
            if row is not None:
                # Already present (we are resynchronizing after a
                # reconnection): replace the contents, reporting only a
                # real change.
                return self.__replace_row(table, row, row_json,
                                          OVSDB_UPDATE2, notices)
            row = self.__create_row(table, row_uuid)
            self.__apply_row_json(table, row, row_json, False)
            table.rows[row_uuid] = row
            notices.append(Notice(ROW_CREATE, row, None))
            return True
        elif "modify" in row_update:
            if not row:
                raise error.Error('server modified row %s of table %s, '
                                  'which we do not have'
                                  % (row_uuid, table.name))
            old_values = self.__apply_row_json(table, row,
                                               row_update["modify"], True)
            if old_values is None:
                return False
            table.rows.reindex(row)
            notices.append(Notice(ROW_UPDATE, row,
                                  Row(self, table, row_uuid, old_values)))
            return self.__alerts(table, old_values)
        else:
            raise error.Error('row update with no known operation',
                              row_update)

    def __process_update(self, table, row_uuid, old, new, notices):
        """Applies one <row-update> (monitor version 1).  Returns True if
        the replica changed."""
        row = table.rows.get(row_uuid)
        if not new:
            # Delete row.
            if row:
                del table.rows[row_uuid]
                notices.append(Notice(ROW_DELETE, row, None))
                return True
            vlog.warn("server deleted row %s of table %s, which we do not "
                      "have" % (row_uuid, table.name))
            return False
        elif not old and row is None:
            # Insert row.
            row = self.__create_row(table, row_uuid)
            self.__apply_row_json(table, row, new, False)
            table.rows[row_uuid] = row
            notices.append(Notice(ROW_CREATE, row, None))
            return True
        else:
            # Modify row (or, during a resynchronization, replace it).
            if row is None:
                vlog.warn("server modified row %s of table %s, which we "
                          "do not have" % (row_uuid, table.name))
                row = self.__create_row(table, row_uuid)
                self.__apply_row_json(table, row, new, False)
                table.rows[row_uuid] = row
                notices.append(Notice(ROW_CREATE, row, None))
                return True
            return self.__replace_row(table, row, new, OVSDB_UPDATE,
                                      notices)

    def __replace_row(self, table, row, row_json, version, notices):
        """Gives 'row' the column values of 'row_json' (which, for
        OVSDB_UPDATE2, omits columns with default values).  Reports an
        update if anything changed."""
        new_data = ColumnDefaultDict(table)
        for column_name, datum_json in row_json.items():
            column = table.columns.get(column_name)
            if not column:
                continue
            new_data[column_name] = self.__datum_from_json(
                column, datum_json)
        old_values = {}
        for column_name in table.columns:
            if version == OVSDB_UPDATE and column_name not in row_json:
                continue
            old = row._data[column_name]
            new = new_data[column_name]
            if old != new:
                old_values[column_name] = old
                row._data[column_name] = new
        if not old_values:
            return False
        table.rows.reindex(row)
        notices.append(Notice(ROW_UPDATE, row,
                              Row(self, table, row.uuid, old_values)))
        return self.__alerts(table, old_values)

    @staticmethod
    def __alerts(table, old_values):
        """Returns True if any of the columns in 'old_values' asks for
        change notification (see SchemaHelper.register_columns())."""
        for column_name in old_values:
            if getattr(table.columns[column_name], "alert", True):
                return True
        return False

    def __datum_from_json(self, column, datum_json):
        try:
            return data.Datum.from_json(column.type, datum_json)
        except error.Error as e:
            vlog.warn("error parsing column %s: %s" % (column.name, e))
            return data.Datum.default(column.type)

    def __apply_row_json(self, table, row, row_json, is_diff):
        """Applies 'row_json', a <row> (or, if 'is_diff', the <row> of an
        update2 "modify", whose set and map columns hold differences) to
        'row'.  Returns a dict of the previous values of the columns that
        changed, or None if none did."""
        old_values = {}
        for column_name, datum_json in row_json.items():
            column = table.columns.get(column_name)
            if not column:
                vlog.warn("unknown column %s in table %s"
                          % (column_name, table.name))
                continue

            if is_diff and column.type.n_max > 1:
                # A difference: parse it without the size limits of the
                # column, which apply to the result.
                diff_type = ovs.db.types.Type(column.type.key,
                                              column.type.value, 0,
                                              sys.maxsize)
                try:
                    diff = data.Datum.from_json(diff_type, datum_json)
                except error.Error as e:
                    vlog.warn("error parsing column %s in table %s: %s"
                              % (column_name, table.name, e))
                    continue
                old = row._data[column_name]
                datum = data.Datum(column.type, data._apply_diff(
                    column.type, old.values, diff.values))
            else:
                datum = self.__datum_from_json(column, datum_json)
                old = row._data[column_name] if row._data is not None \
                    else None

            if old != datum:
                old_values[column_name] = old
                row._data[column_name] = datum
        return old_values or None

    def __create_row(self, table, row_uuid):
        return Row(self, table, row_uuid, ColumnDefaultDict(table))


def _uuid_name_from_uuid(uuid):
    """Returns the name under which an "insert" operation refers to the row
    with (provisional) UUID 'uuid'."""
    return "row%s" % str(uuid).replace("-", "_")


def _where_uuid_equals(uuid):
    """Returns the <where> clause that selects the row with 'uuid'."""
    return [["_uuid", "==", ["uuid", str(uuid)]]]


class _InsertedRow(object):
    """A row inserted by a transaction: the index of its "insert" operation
    and, once the reply is in, the UUID that the server gave it."""

    def __init__(self, op_index):
        self.op_index = op_index
        self.real = None


class _Mutation(object):
    """The changes made to a set or map column by Row.addvalue(),
    delvalue(), setkey() and delkey(), sent as a "mutate" operation so that
    they combine with concurrent changes by other clients."""

    def __init__(self):
        # Keys (and, for maps, their values) to insert.
        self.inserts = {}
        # Elements (for sets) or keys (for maps) to delete.
        self.removes = {}
        # For maps: key-value pairs to delete only if present as such.
        self.remove_pairs = {}

    def apply(self, datum):
        """Returns a new Datum: 'datum' with these changes applied."""
        values = dict(datum.values)
        for k in self.removes:
            values.pop(k, None)
        for k, v in self.remove_pairs.items():
            if k in values and values[k] == v:
                del values[k]
        for k, v in self.inserts.items():
            if k not in values:
                values[k] = v
        return data.Datum(datum.type, values)

    def to_json(self, column):
        """Returns the <mutation>s for 'column' (a ColumnSchema): deletions
        first, then insertions."""
        mutations = []
        if self.removes:
            mutations.append([column.name, "delete",
                              ["set", [k.to_json()
                                       for k in sorted(self.removes)]]])
        if self.remove_pairs:
            mutations.append([column.name, "delete",
                              ["map", [[k.to_json(), v.to_json()]
                                       for k, v in sorted(
                                           self.remove_pairs.items())]]])
        if self.inserts:
            if column.type.is_map():
                value = ["map", [[k.to_json(), v.to_json()]
                                 for k, v in sorted(self.inserts.items())]]
            else:
                value = ["set", [k.to_json() for k in sorted(self.inserts)]]
            mutations.append([column.name, "insert", value])
        return mutations


@functools.total_ordering
class Row(object):
    """A row of the replica.  Its columns are its attributes: reading one
    gives its value as a Python object (see ovs.db.data.Datum.to_python():
    a scalar for a column with exactly one value, a list for sets and
    optional values, a dict for maps, with references to rows of monitored
    tables as Row objects); assigning one, within a Transaction, changes
    it.  'uuid' is the row's UUID."""

    def __init__(self, idl, table, uuid, data, persist_uuid=False):
        # Row overrides __setattr__ (assigning a column writes to the
        # database), so its own attributes go straight into __dict__.
        d = self.__dict__
        d["uuid"] = uuid
        d["_idl"] = idl
        d["_table"] = table
        # The values committed in the database, by column name (a
        # ColumnDefaultDict), or None for a row inserted by the active
        # transaction.
        d["_data"] = data
        # The new values written by the active transaction, by column name;
        # None if the transaction deletes the row.
        d["_changes"] = {}
        # The _Mutation of each set or map column changed element by element
        # (addvalue() and the like) by the active transaction.
        d["_mutations"] = {}
        # The columns that the active transaction verifies (see verify()).
        d["_prereqs"] = {}
        # For a row inserted by the active transaction: whether the server
        # is asked to give it 'uuid' rather than a UUID of its choosing.
        d["_persist_uuid"] = persist_uuid

    def __lt__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return bool(self.__dict__['uuid'] < other.__dict__['uuid'])

    def __eq__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return bool(self.__dict__['uuid'] == other.__dict__['uuid'])

    def __hash__(self):
        return int(self.__dict__['uuid'])

    def __str__(self):
        return "{table}({data})".format(
            table=self._table.name,
            data=", ".join("{col}={val}".format(col=c, val=getattr(self, c))
                           for c in sorted(self._table.columns)
                           if hasattr(self, c)))

    def __repr__(self):
        return "<Row %s %s>" % (self._table.name, self.uuid)

    def _uuid_to_row(self, atom, base):
        if base.ref_table:
            table = self._idl.tables.get(base.ref_table.name)
            if table is None:
                return atom
            return table.rows.get(atom)
        else:
            return atom

    def __current_datum(self, column_name):
        """Returns the row's value for 'column_name' as a Datum, with the
        active transaction's changes, or None if the row has no value for
        it."""
        datum = self._changes.get(column_name)
        if datum is None:
            if self._data is None:
                return None
            if isinstance(self._data, ColumnDefaultDict):
                if column_name not in self._table.columns:
                    return None
                datum = self._data[column_name]
            else:
                datum = self._data.get(column_name)
                if datum is None:
                    return None
        mutation = self._mutations.get(column_name)
        if mutation is not None:
            datum = mutation.apply(datum)
        return datum

    def __getattr__(self, column_name):
        assert self._changes is not None
        assert self._mutations is not None

        try:
            column = self._table.columns[column_name]
        except KeyError:
            raise AttributeError("%s instance has no attribute '%s'" %
                                 (self.__class__.__name__, column_name))
        datum = self.__current_datum(column_name)
        if datum is None:
            raise AttributeError("%s instance has no attribute '%s'" %
                                 (self.__class__.__name__, column_name))
        del column
        return datum.to_python(self._uuid_to_row)

    def __setattr__(self, column_name, value):
        assert self._changes is not None
        assert self._idl.txn

        if ((self._table.name in self._idl.readonly) and
                (column_name in self._idl.readonly[self._table.name])):
            vlog.warn("attempting to write to readonly column %s"
                      % column_name)
            return

        column = self._table.columns[column_name]
        try:
            datum = data.Datum.from_python(column.type, value, _row_to_uuid)
        except error.Error as e:
            # Like Open vSwitch, log the mistake and leave the column as it
            # was.
            vlog.err("attempting to write bad value to column %s (%s)"
                     % (column_name, e))
            return
        self._idl.txn._write(self, column, datum)

    def addvalue(self, column_name, key):
        """Adds 'key' to the set column 'column_name' in the active
        transaction, as a "mutate" operation (so that it does not conflict
        with other clients' changes)."""
        self.__mutate(column_name, "addvalue", key)

    def delvalue(self, column_name, key):
        """Removes 'key' from the set column 'column_name' in the active
        transaction, as a "mutate" operation."""
        self.__mutate(column_name, "delvalue", key)

    def setkey(self, column_name, key, value):
        """Sets 'key' to 'value' in the map column 'column_name' in the
        active transaction, as a "mutate" operation."""
        self.__mutate(column_name, "setkey", key, value)

    def delkey(self, column_name, key, value=None):
        """Removes 'key' from the map column 'column_name' in the active
        transaction (only if it maps to 'value', when 'value' is given), as
        a "mutate" operation."""
        self.__mutate(column_name, "delkey", key, value)

    def __mutate(self, column_name, op, key, value=None):
        assert self._changes is not None
        txn = self._idl.txn
        assert txn

        column = self._table.columns[column_name]
        if column_name in self._idl.readonly.get(self._table.name, []):
            vlog.warn("attempting to write to readonly column %s"
                      % column_name)
            return
        ctype = column.type
        if op in ("setkey", "delkey") and not ctype.is_map():
            raise TypeError("%s is not a map column" % column_name)
        if op in ("addvalue", "delvalue") and ctype.is_map():
            raise TypeError("%s is not a set column" % column_name)

        try:
            key_atom = data.Atom.from_python(ctype.key, _row_to_uuid(key))
            value_atom = None
            if op == "setkey" or (op == "delkey" and value is not None):
                value_atom = data.Atom.from_python(ctype.value,
                                                   _row_to_uuid(value))
        except error.Error as e:
            vlog.err("attempting to write bad value to column %s (%s)"
                     % (column_name, e))
            return

        if self._data is None or column_name in self._changes:
            # The whole column will be written anyway: change the value to
            # write.
            current = self.__current_datum(column_name)
            if current is None:
                current = data.Datum.default(ctype)
            values = dict(current.values)
            if op == "addvalue":
                values[key_atom] = None
            elif op == "delvalue":
                values.pop(key_atom, None)
            elif op == "setkey":
                values[key_atom] = value_atom
            elif value_atom is None or values.get(key_atom) == value_atom:
                values.pop(key_atom, None)
            self._changes[column_name] = data.Datum(ctype, values)
        else:
            mutation = self._mutations.get(column_name)
            if mutation is None:
                mutation = self._mutations[column_name] = _Mutation()
            if op == "addvalue":
                mutation.removes.pop(key_atom, None)
                mutation.inserts[key_atom] = None
            elif op == "delvalue":
                mutation.inserts.pop(key_atom, None)
                mutation.removes[key_atom] = None
            elif op == "setkey":
                mutation.remove_pairs.pop(key_atom, None)
                mutation.removes[key_atom] = None
                mutation.inserts[key_atom] = value_atom
            else:
                mutation.inserts.pop(key_atom, None)
                if value_atom is None:
                    mutation.remove_pairs.pop(key_atom, None)
                    mutation.removes[key_atom] = None
                elif key_atom not in mutation.removes:
                    mutation.remove_pairs[key_atom] = value_atom

        txn._txn_rows[self.uuid] = self
        self._table.rows.reindex(self)

    @classmethod
    def from_json(cls, idl, table, uuid, row_json):
        """Returns a Row (not in any table) for 'row_json', a <row>
        object."""
        data_ = {}
        for column_name, datum_json in row_json.items():
            column = table.columns.get(column_name)
            if not column:
                vlog.warn("unknown column %s in table %s"
                          % (column_name, table.name))
                continue
            try:
                datum = data.Datum.from_json(column.type, datum_json)
            except error.Error as e:
                vlog.warn("error parsing column %s in table %s: %s"
                          % (column_name, table.name, e))
                continue
            data_[column_name] = datum
        return cls(idl, table, uuid, data_)

    def verify(self, column_name):
        """Makes the active transaction check, when it commits, that column
        'column_name' of this row still has the value read from the
        replica; if another client changed it (or deleted the row) since,
        the transaction fails with TRY_AGAIN and the program can redo its
        read-modify-write with the new value.  Does nothing for a row
        inserted by the transaction or a column it already wrote, so call
        it before writing the column."""
        assert self._idl.txn
        assert self._changes is not None
        if not self._data or column_name in self._changes:
            return

        self._prereqs[column_name] = None
        self._idl.txn._txn_rows[self.uuid] = self

    def delete(self):
        """Deletes this row from its table in the active transaction.  The
        row disappears from the table's 'rows' at once (and comes back if
        the transaction fails or is aborted)."""
        assert self._changes is not None
        txn = self._idl.txn
        assert txn
        if self._data is None:
            txn._txn_rows.pop(self.uuid, None)
        else:
            txn._txn_rows[self.uuid] = self
        if self._table.rows.get(self.uuid) is self:
            del self._table.rows[self.uuid]
        self.__dict__["_changes"] = None

    def fetch(self, column_name):
        """Reads the current value of column 'column_name' (which need not
        be monitored) from the server as part of the active transaction;
        after a successful commit, the column is readable."""
        self._idl.txn._fetch(self, column_name)

    def increment(self, column_name):
        """Makes the active transaction add 1 to integer column
        'column_name' of this row on the server, whatever its value there,
        and read back the result (see
        Transaction.get_increment_new_value()).  Unlike a write of a value
        computed from the replica, this cannot fail because of a concurrent
        change.  Open_vSwitch's "next_cfg" is the classic use."""
        self._idl.txn._increment(self, column_name)


def _row_to_uuid(value):
    """Returns 'value' with Row objects (also inside lists and dicts)
    replaced by their UUIDs."""
    if isinstance(value, Row):
        return value.uuid
    row = getattr(value, "_row", None)
    if isinstance(row, Row):
        # A wrapper around a Row (such as ovsdbapp's RowView).
        return row.uuid
    if isinstance(value, list):
        return [_row_to_uuid(x) for x in value]
    if isinstance(value, dict):
        return {_row_to_uuid(k): _row_to_uuid(v) for k, v in value.items()}
    return value


class Transaction(object):
    """A set of changes to the database, applied atomically.

    Create it, change rows (assign columns, call Row methods such as
    delete(), addvalue(), setkey(), verify(), increment()), insert rows
    with insert(), then call commit() repeatedly (running the Idl between
    calls) or commit_block() once, until the status is final.  Until
    then, the changes are visible in the replica; commit() sends them to
    the server and takes them out of the replica again, which gets the
    server's version of them through the usual updates (which arrive
    before the reply to the transaction).

    A transaction that returns TRY_AGAIN lost a race with another client
    (a verify() failed) or the connection: wait for the replica to change
    (Idl.change_seqno), then redo it from the start with a new
    Transaction.

    Only one transaction may be open on an Idl at a time, and none across
    a call to Idl.run()."""

    # The transaction is being built.
    UNCOMMITTED = "uncommitted"
    # It changed nothing, so nothing was sent.
    UNCHANGED = "unchanged"
    # Sent; the reply has not arrived yet.
    INCOMPLETE = "incomplete"
    # abort() was called.
    ABORTED = "aborted"
    # The server applied it.
    SUCCESS = "success"
    # A transient failure (a verified column changed, the connection was
    # lost): build the transaction again once the replica has changed.
    TRY_AGAIN = "try again"
    # The Idl wants a lock (Idl.set_lock()) that it does not hold.
    NOT_LOCKED = "not locked"
    # The server refused it (see get_error()).
    ERROR = "error"

    @staticmethod
    def status_to_string(status):
        """Returns a readable name for 'status' (which is already one)."""
        return status

    def __init__(self, idl):
        """Opens a transaction on 'idl', which must not have another one
        open."""
        assert idl.txn is None

        idl.txn = self
        self._request_id = None
        self.idl = idl
        self.dry_run = False
        self._txn_rows = {}
        self._status = Transaction.UNCOMMITTED
        self._error = None
        self._comments = []

        self._inc_row = None
        self._inc_column = None
        self._inc_index = None
        self._inc_new_value = None

        self._fetch_requests = []

        # The rows inserted by this transaction: an _InsertedRow per
        # provisional UUID.
        self._inserted_rows = {}

    def add_comment(self, comment):
        """Adds 'comment' to the transaction; the server writes comments to
        its log with the transaction."""
        self._comments.append(comment)

    def wait(self, poller):
        """Makes 'poller' wake up at once if the transaction has finished
        (its status is final)."""
        if self._status not in (Transaction.UNCOMMITTED,
                                Transaction.INCOMPLETE):
            poller.immediate_wake()

    def _substitute_uuids(self, json):
        """Returns 'json' with references to rows inserted by this
        transaction written as named UUIDs."""
        if isinstance(json, dict):
            return {k: self._substitute_uuids(v) for k, v in json.items()}
        if isinstance(json, (list, tuple)):
            if (len(json) == 2 and json[0] == 'uuid'
                    and ovs.ovsuuid.is_valid_string(json[1])):
                row = self._txn_rows.get(ovs.ovsuuid.from_string(json[1]))
                if (row is not None and row._data is None
                        and row._changes is not None
                        and not row._persist_uuid):
                    return ["named-uuid", _uuid_name_from_uuid(row.uuid)]
                return json
            return [self._substitute_uuids(elem) for elem in json]
        return json

    def __disassemble(self):
        """Takes the transaction's changes out of the replica and detaches
        it from the Idl."""
        self.idl.txn = None

        for row in self._txn_rows.values():
            if row._changes is None:
                # Deleted: restore it.
                if row._data is not None:
                    row._table.rows[row.uuid] = row
            elif row._data is None:
                # Inserted: remove it.
                if row._table.rows.get(row.uuid) is row:
                    del row._table.rows[row.uuid]
            row.__dict__["_changes"] = {}
            row.__dict__["_mutations"] = {}
            row.__dict__["_prereqs"] = {}
            row._table.rows.reindex(row)
        self._txn_rows = {}

    def commit(self):
        """Sends the transaction to the server, if that was not done yet,
        and returns its status: INCOMPLETE while the reply is awaited, then
        the final status, which is returned from then on.  Call Idl.run()
        between calls, so that the reply can arrive."""
        if self._status != Transaction.UNCOMMITTED:
            return self._status

        idl = self.idl
        if (not idl._session.is_connected()
                or idl.state != idl.IDL_S_MONITORING):
            self._status = Transaction.TRY_AGAIN
            self.__disassemble()
            return self._status
        if idl.lock_name and not idl.has_lock:
            self._status = Transaction.NOT_LOCKED
            self.__disassemble()
            return self._status

        operations = [idl._db.name]

        if idl.lock_name:
            operations.append({"op": "assert", "lock": idl.lock_name})

        # Prerequisites (verify()) first, so that a failed one stops the
        # transaction before anything else.
        for row in self._txn_rows.values():
            if row._prereqs and row._changes is not None and row._data:
                columns = []
                row_json = {}
                for column_name in row._prereqs:
                    columns.append(column_name)
                    row_json[column_name] = \
                        row._data[column_name].to_json()
                operations.append({"op": "wait",
                                   "table": row._table.name,
                                   "timeout": 0,
                                   "where": _where_uuid_equals(row.uuid),
                                   "until": "==",
                                   "columns": columns,
                                   "rows": [row_json]})

        any_updates = False
        for row in self._txn_rows.values():
            table_name = row._table.name
            if row._changes is None:
                operations.append({"op": "delete",
                                   "table": table_name,
                                   "where": _where_uuid_equals(row.uuid)})
                any_updates = True
            elif row._data is None:
                op = {"op": "insert", "table": table_name,
                      "row": {name: datum.to_json()
                              for name, datum in row._changes.items()}}
                if row._persist_uuid:
                    op["uuid"] = str(row.uuid)
                else:
                    op["uuid-name"] = _uuid_name_from_uuid(row.uuid)
                # (operations[0] is the database name, so the result of the
                # operation appended next has index len(operations) - 1.)
                self._inserted_rows[row.uuid] = _InsertedRow(
                    len(operations) - 1)
                operations.append(op)
                any_updates = True
            else:
                row_json = {name: datum.to_json()
                            for name, datum in row._changes.items()
                            if row._data[name] != datum}
                if row_json:
                    operations.append({"op": "update",
                                       "table": table_name,
                                       "where": _where_uuid_equals(row.uuid),
                                       "row": row_json})
                    any_updates = True

                mutations = []
                for name, mutation in row._mutations.items():
                    if name not in row._changes:
                        mutations.extend(
                            mutation.to_json(row._table.columns[name]))
                if mutations:
                    operations.append({"op": "mutate",
                                       "table": table_name,
                                       "where": _where_uuid_equals(row.uuid),
                                       "mutations": mutations})
                    any_updates = True

        for fetch in self._fetch_requests:
            fetch["index"] = len(operations) - 1
            operations.append({"op": "select",
                               "table": fetch["row"]._table.name,
                               "where": _where_uuid_equals(
                                   fetch["row"].uuid),
                               "columns": [fetch["column_name"]]})
            any_updates = True

        if self._inc_row:
            # A "mutate" that adds 1, then a "select" that reads the result.
            where = _where_uuid_equals(self._inc_row.uuid)
            self._inc_index = len(operations) - 1
            operations.append({"op": "mutate",
                               "table": self._inc_row._table.name,
                               "where": where,
                               "mutations": [[self._inc_column, "+=", 1]]})
            operations.append({"op": "select",
                               "table": self._inc_row._table.name,
                               "where": where,
                               "columns": [self._inc_column]})
            any_updates = True

        if self._comments:
            operations.append({"op": "comment",
                               "comment": "\n".join(self._comments)})

        if self.dry_run:
            operations.append({"op": "abort"})

        if not any_updates:
            self._status = Transaction.UNCHANGED
        else:
            operations = [operations[0]] + [
                self._substitute_uuids(op) for op in operations[1:]]
            msg = ovs.jsonrpc.Message.create_request("transact", operations)
            self._request_id = msg.id
            if not idl._session.send(msg):
                idl._outstanding_txns[self._request_id] = self
                self._status = Transaction.INCOMPLETE
            else:
                self._status = Transaction.TRY_AGAIN

        self.__disassemble()
        return self._status

    def commit_block(self):
        """Commits the transaction and waits for the final status, running
        the Idl meanwhile.  Returns the status (never INCOMPLETE)."""
        while True:
            status = self.commit()
            if status != Transaction.INCOMPLETE:
                return status

            self.idl.run()

            poller = ovs.poller.Poller()
            self.idl.wait(poller)
            self.wait(poller)
            poller.block()

    def get_increment_new_value(self):
        """Returns the value that the column incremented by Row.increment()
        has after a successful commit."""
        assert self._status == Transaction.SUCCESS
        return self._inc_new_value

    def abort(self):
        """Abandons the transaction: its changes leave the replica, and a
        reply, if one is awaited, will be ignored."""
        if self._status == Transaction.UNCOMMITTED:
            self.__disassemble()
        if self._status in (Transaction.UNCOMMITTED,
                            Transaction.INCOMPLETE):
            self._status = Transaction.ABORTED
            self.idl._outstanding_txns.pop(self._request_id, None)

    def get_error(self):
        """Returns the server's description of why the transaction failed,
        if its status is ERROR, otherwise the status itself."""
        if self._status != Transaction.ERROR:
            return Transaction.status_to_string(self._status)
        elif self._error:
            return self._error
        else:
            return "no error details available"

    def __set_error_json(self, json):
        if self._error is None:
            self._error = ovs.json.to_string(json)

    def get_insert_uuid(self, uuid):
        """Returns the UUID that the server gave the row inserted by this
        transaction with provisional UUID 'uuid', or None if there is no
        such row or the transaction did not succeed."""
        inserted_row = self._inserted_rows.get(uuid)
        if inserted_row:
            return inserted_row.real
        return None

    def _increment(self, row, column_name):
        assert not self._inc_row
        self._inc_row = row
        self._inc_column = column_name

    def _fetch(self, row, column_name):
        self._fetch_requests.append({"row": row, "column_name": column_name})

    def _write(self, row, column, datum):
        assert row._changes is not None
        assert row._mutations is not None

        txn = row._idl.txn

        # A column set to its committed value needs no update, but a write
        # always replaces pending element changes.
        row._mutations.pop(column.name, None)
        if (row._data is not None and row._data[column.name] == datum
                and column.name not in row._prereqs):
            row._changes.pop(column.name, None)
        else:
            row._changes[column.name] = datum.copy()
        txn._txn_rows[row.uuid] = row
        row._table.rows.reindex(row)

    def insert(self, table, new_uuid=None, persist_uuid=False):
        """Inserts a row into 'table' (a TableSchema from Idl.tables) and
        returns it.  Its UUID is 'new_uuid' if given, otherwise a random
        one; either way it is provisional (see get_insert_uuid()) unless
        'persist_uuid', which asks the server to use 'new_uuid' itself.

        The row's columns have no value until assigned; unassigned ones
        get their default values in the database.  A row of a non-root
        table must be referred to by another row, or the server deletes it
        at once."""
        assert self._status == Transaction.UNCOMMITTED
        if new_uuid is None:
            new_uuid = uuid.uuid4()
        row = Row(self.idl, table, new_uuid, None, persist_uuid=persist_uuid)
        table.rows[row.uuid] = row
        self._txn_rows[row.uuid] = row
        return row

    def _process_reply(self, msg):
        """Sets the final status from 'msg', the server's reply."""
        if self._status != Transaction.INCOMPLETE:
            # Aborted meanwhile.
            return

        if msg.type == ovs.jsonrpc.Message.T_ERROR:
            self.__set_error_json(msg.error)
            self._status = Transaction.ERROR
            return
        results = msg.result
        if not isinstance(results, list):
            vlog.warn("%s: malformed reply to transaction"
                      % self.idl.session_name())
            self.__set_error_json({"error": "malformed reply"})
            self._status = Transaction.ERROR
            return

        # Classify the failures.  The server stops at the first failed
        # operation; the results after it are null (or absent), and a
        # failure at commit time (a constraint violation, say) comes as one
        # more result after those of the operations.
        failed = retry = not_locked = False
        for result in results:
            if result is None:
                retry = True
            elif not isinstance(result, dict):
                self.__set_error_json(result)
                failed = True
            elif "error" in result:
                err = result["error"]
                if err == "timed out":
                    # A verify() prerequisite failed.
                    retry = True
                elif err == "not owner":
                    not_locked = True
                elif err == "aborted" and self.dry_run:
                    pass
                else:
                    self.__set_error_json(result)
                    failed = True

        if not (failed or retry or not_locked):
            for inserted in self._inserted_rows.values():
                reply = self.__result(results, inserted.op_index)
                try:
                    inserted.real = ovs.ovsuuid.from_json(reply["uuid"])
                except (error.Error, KeyError, TypeError):
                    vlog.warn("bad reply to insert operation")
                    failed = True
            if self._inc_row is not None:
                new_value = self.__selected(results, self._inc_index + 1,
                                            self._inc_column)
                if (self.__result(results, self._inc_index).get("count") != 1
                        or not isinstance(new_value, int)):
                    vlog.warn("increment of %s failed" % self._inc_column)
                    failed = True
                else:
                    self._inc_new_value = new_value
            fetched = False
            for fetch in self._fetch_requests:
                row = fetch["row"]
                name = fetch["column_name"]
                value = self.__selected(results, fetch["index"], name)
                column = row._table.columns.get(name)
                try:
                    datum = data.Datum.from_json(column.type, value)
                except (error.Error, AttributeError):
                    vlog.warn("bad reply to fetch of %s" % name)
                    failed = True
                    continue
                if row._data is not None:
                    row._data[name] = datum
                    row._table.rows.reindex(row)
                    fetched = True
            if fetched:
                self.idl.change_seqno += 1

        if failed:
            self._status = Transaction.ERROR
        elif not_locked:
            self._status = Transaction.NOT_LOCKED
        elif retry:
            self._status = Transaction.TRY_AGAIN
        else:
            self._status = Transaction.SUCCESS

    @staticmethod
    def __result(results, index):
        """Returns the result of operation 'index', or {} if it is missing
        or malformed."""
        if 0 <= index < len(results) and isinstance(results[index], dict):
            return results[index]
        return {}

    @staticmethod
    def __selected(results, index, column_name):
        """Returns the value of 'column_name' in the single row selected by
        operation 'index', or None."""
        rows = Transaction.__result(results, index).get("rows")
        if (isinstance(rows, list) and len(rows) == 1
                and isinstance(rows[0], dict)):
            return rows[0].get(column_name)
        return None


class SchemaHelper(object):
    """Chooses what an Idl replicates: which tables, and which of their
    columns.

    The schema comes from the file named 'location' or from 'schema_json'
    (a parsed <database-schema> object, as returned by the "get_schema"
    method).  Register what to replicate with register_columns(),
    register_table() and register_all(), then pass the helper to Idl."""

    def __init__(self, location=None, schema_json=None):
        if location and schema_json:
            raise ValueError("give the schema either as a file name or as "
                             "JSON, not both")
        if schema_json is None:
            if location is None:
                raise ValueError("no schema given")
            schema_json = ovs.json.from_file(location)
            if isinstance(schema_json, str):
                raise error.Error("%s: %s" % (location, schema_json))

        self.schema_json = schema_json
        self._tables = {}
        self._readonly = {}
        self._all = False

    def register_columns(self, table, columns, readonly=[]):
        """Replicates 'columns' (a list of column names) of 'table' (a
        table name), in addition to anything registered before.  The
        columns in 'readonly' are replicated but not written by this client
        and do not count as changes to the replica (no 'change_seqno'
        increment) when they change."""
        assert isinstance(table, str)
        assert isinstance(columns, list)

        columns = set(columns) | self._tables.get(table, set())
        self._tables[table] = columns
        self._readonly[table] = readonly

    def register_table(self, table):
        """Replicates every column of 'table' (a table name)."""
        assert isinstance(table, str)
        # No columns listed stands for all of them.
        self._tables[table] = set()

    def register_all(self):
        """Replicates every column of every table."""
        self._all = True

    def get_idl_schema(self):
        """Returns the DbSchema that the Idl replicates: the schema trimmed
        to the registered tables and columns, with a 'readonly' attribute
        (a dict from table name to its read-only columns)."""
        schema = ovs.db.schema.DbSchema.from_json(self.schema_json)
        self.schema_json = None

        if not self._all:
            schema_tables = {}
            for table, columns in self._tables.items():
                schema_tables[table] = (
                    self._keep_table_columns(schema, table, columns))

            schema.tables = schema_tables
        schema.readonly = self._readonly
        for table_name, columns in self._readonly.items():
            table = schema.tables.get(table_name)
            if table is None:
                continue
            for column_name in columns:
                column = table.columns.get(column_name)
                if column is not None:
                    column.alert = False
        return schema

    def _keep_table_columns(self, schema, table_name, columns):
        assert table_name in schema.tables
        table = schema.tables[table_name]

        if not columns:
            return table

        new_columns = {}
        for column_name in columns:
            assert isinstance(column_name, str)
            assert column_name in table.columns

            new_columns[column_name] = table.columns[column_name]

        table.columns = new_columns
        return table
