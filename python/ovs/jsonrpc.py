# SPDX-License-Identifier: Apache-2.0
"""JSON-RPC 1.0 over streams, as OVSDB (RFC 7047) uses it.

Message is one request, notification, reply or error.  Connection sends and
receives Messages over an ovs.stream.Stream.  Session keeps a Connection up:
it connects (or listens), reconnects with backoff when the connection
drops, answers "echo" requests and probes an idle peer with its own."""

import codecs
import errno
import os
import random

import ovs.json
import ovs.poller
import ovs.reconnect
import ovs.stream
import ovs.timeval
import ovs.util
import ovs.vlog

EOF = ovs.util.EOF
vlog = ovs.vlog.Vlog("jsonrpc")


class Message(object):
    """A JSON-RPC message.  'type' is one of T_REQUEST, T_NOTIFY, T_REPLY,
    T_ERROR; 'method' and 'params' are set for requests and notifications,
    'result' for replies, 'error' for errors, and 'id' for all but
    notifications."""

    T_REQUEST = 0               # Request.
    T_NOTIFY = 1                # Notification.
    T_REPLY = 2                 # Successful reply.
    T_ERROR = 3                 # Error reply.

    __types = {T_REQUEST: "request",
               T_NOTIFY: "notification",
               T_REPLY: "reply",
               T_ERROR: "error"}

    def __init__(self, type_, method, params, result, error, id):
        self.type = type_
        self.method = method
        self.params = params
        self.result = result
        self.error = error
        self.id = id

    _next_id = 0

    @staticmethod
    def _create_id():
        this_id = Message._next_id
        Message._next_id += 1
        return this_id

    @staticmethod
    def create_request(method, params):
        """Returns a request for 'method' with 'params' (a list), with a new
        unique integer id."""
        return Message(Message.T_REQUEST, method, params, None, None,
                       Message._create_id())

    @staticmethod
    def create_notify(method, params):
        return Message(Message.T_NOTIFY, method, params, None, None,
                       None)

    @staticmethod
    def create_reply(result, id):
        return Message(Message.T_REPLY, None, None, result, None, id)

    @staticmethod
    def create_error(error, id):
        return Message(Message.T_ERROR, None, None, None, error, id)

    @staticmethod
    def type_to_string(type_):
        return Message.__types[type_]

    def __validate_arg(self, value, name, must_have):
        if (value is not None) == (must_have != 0):
            return None
        else:
            type_name = Message.type_to_string(self.type)
            if must_have:
                verb = "must"
            else:
                verb = "must not"
            return "%s %s have \"%s\"" % (type_name, verb, name)

    def is_valid(self):
        """Returns None if the members present fit the message's type,
        otherwise a description of the problem."""
        if self.params is not None and not isinstance(self.params, list):
            return "\"params\" must be JSON array"

        pattern = {Message.T_REQUEST: 0x11001,
                   Message.T_NOTIFY: 0x11000,
                   Message.T_REPLY: 0x00101,
                   Message.T_ERROR: 0x00011}.get(self.type)
        if pattern is None:
            return "invalid JSON-RPC message type %s" % self.type

        return (
            self.__validate_arg(self.method, "method", pattern & 0x10000) or
            self.__validate_arg(self.params, "params", pattern & 0x1000) or
            self.__validate_arg(self.result, "result", pattern & 0x100) or
            self.__validate_arg(self.error, "error", pattern & 0x10) or
            self.__validate_arg(self.id, "id", pattern & 0x1))

    @staticmethod
    def from_json(json):
        """Returns the Message that 'json' (a parsed JSON-RPC message)
        represents, or a str describing why it is not valid."""
        if not isinstance(json, dict):
            return "message is not a JSON object"

        members = dict(json)
        method = members.pop("method", None)
        if method is not None and not isinstance(method, str):
            return "method is not a JSON string"
        params = members.pop("params", None)
        has_result = "result" in members
        result = members.pop("result", None)
        error = members.pop("error", None)
        id_ = members.pop("id", None)
        if members:
            return "message has unexpected member \"%s\"" % (
                sorted(members)[0])

        # JSON-RPC 1.0 replies carry both "result" and "error", one of them
        # null; a null "error" means success even if "result" is null too.
        if error is not None:
            msg_type = Message.T_ERROR
            result = None
        elif has_result:
            msg_type = Message.T_REPLY
        elif id_ is not None:
            msg_type = Message.T_REQUEST
        else:
            msg_type = Message.T_NOTIFY

        msg = Message(msg_type, method, params, result, error, id_)
        if msg_type == Message.T_REPLY and result is None:
            # A null result is still a result.
            msg.result = []
            problem = msg.is_valid()
            msg.result = None
        else:
            problem = msg.is_valid()
        if problem is not None:
            return problem
        return msg

    def to_json(self):
        """Returns this message as a JSON-RPC 1.0 object."""
        json = {}

        if self.method is not None:
            json["method"] = self.method

        if self.params is not None:
            json["params"] = self.params

        if self.result is not None or self.type == Message.T_REPLY:
            json["result"] = self.result
        elif self.type == Message.T_ERROR:
            json["result"] = None

        if self.error is not None or self.type == Message.T_ERROR:
            json["error"] = self.error
        elif self.type == Message.T_REPLY:
            json["error"] = None

        if self.id is not None or self.type == Message.T_NOTIFY:
            json["id"] = self.id

        return json

    def __str__(self):
        s = [Message.type_to_string(self.type)]
        if self.method is not None:
            s.append("method=\"%s\"" % self.method)
        if self.params is not None:
            s.append("params=" + ovs.json.to_string(self.params))
        if self.result is not None:
            s.append("result=" + ovs.json.to_string(self.result))
        if self.error is not None:
            s.append("error=" + ovs.json.to_string(self.error))
        if self.id is not None:
            s.append("id=" + ovs.json.to_string(self.id))
        return ", ".join(s)


class Connection(object):
    """A JSON-RPC connection over an ovs.stream.Stream.  Once an error
    occurs, the connection is dead: every operation reports that error
    (EOF when the peer closed it)."""

    def __init__(self, stream):
        self.name = stream.name
        self.stream = stream
        self.status = 0
        self.input = ""
        self.output = b""
        self.parser = None
        self.received_bytes = 0
        self.decoder = codecs.getincrementaldecoder("utf-8")()

    def close(self):
        self.stream.close()
        self.stream = None

    def run(self):
        """Sends as much of the queued output as possible."""
        if self.status:
            return

        while len(self.output):
            retval = self.stream.send(self.output)
            if retval >= 0:
                self.output = self.output[retval:]
            else:
                if retval != -errno.EAGAIN:
                    vlog.warn("%s: send error: %s" %
                              (self.name, os.strerror(-retval)))
                    self.error(-retval)
                break

    def wait(self, poller):
        """Makes 'poller' wake up when run() can make progress."""
        if not self.status:
            self.stream.run_wait(poller)
            if len(self.output):
                self.stream.send_wait(poller)

    def get_status(self):
        """Returns 0 while the connection is healthy, otherwise the error
        (a positive errno value, or EOF) that killed it."""
        return self.status

    def get_backlog(self):
        """Returns the number of bytes queued for sending."""
        if self.status != 0:
            return 0
        else:
            return len(self.output)

    def get_received_bytes(self):
        """Returns the number of bytes received so far."""
        return self.received_bytes

    def __log_msg(self, title, msg):
        if vlog.dbg_is_enabled():
            vlog.dbg("%s: %s %s" % (self.name, title, msg))

    def send(self, msg):
        """Queues 'msg' (a Message) for sending and sends as much as
        possible.  Returns 0, or the connection's error if it is dead."""
        if self.status:
            return self.status

        self.__log_msg("send", msg)

        was_empty = len(self.output) == 0
        self.output += ovs.json.to_string(msg.to_json()).encode("utf-8")
        if was_empty:
            self.run()
        return self.status

    def send_block(self, msg):
        """Sends 'msg' and waits until all queued output has been sent.
        Returns 0 or an error."""
        error = self.send(msg)
        if error:
            return error

        while True:
            self.run()
            if not self.get_backlog() or self.get_status():
                return self.status

            poller = ovs.poller.Poller()
            self.wait(poller)
            poller.block()

    def recv(self):
        """Tries to receive a message.  Returns (error, msg): (0, Message)
        on success, (EAGAIN, None) if no complete message is available yet,
        or (error, None) if the connection is dead (EOF when the peer
        closed it)."""
        if self.status:
            return self.status, None

        while True:
            if not self.input:
                error, data = self.stream.recv(4096)
                if error:
                    if error == errno.EAGAIN:
                        return error, None
                    else:
                        vlog.warn("%s: receive error: %s"
                                  % (self.name, os.strerror(error)))
                        self.error(error)
                        return self.status, None
                elif not data:
                    self.error(EOF)
                    return EOF, None
                else:
                    self.received_bytes += len(data)
                    try:
                        self.input += self.decoder.decode(data)
                    except UnicodeDecodeError:
                        vlog.warn("%s: received invalid UTF-8" % self.name)
                        self.error(errno.EPROTO)
                        return self.status, None
                    if not self.input:
                        # Only part of a multibyte character arrived.
                        continue

            if self.parser is None:
                self.parser = ovs.json.Parser()
            n = self.parser.feed(self.input)
            self.input = self.input[n:]
            if self.parser.is_done():
                msg = self.__process_msg()
                if msg:
                    return 0, msg
                else:
                    return self.status, None

    def __process_msg(self):
        json = self.parser.finish()
        self.parser = None
        if isinstance(json, str):
            vlog.warn("%s: error parsing stream: %s" % (self.name, json))
            self.error(errno.EPROTO)
            return None

        msg = Message.from_json(json)
        if not isinstance(msg, Message):
            vlog.warn("%s: received bad JSON-RPC message: %s"
                      % (self.name, msg))
            self.error(errno.EPROTO)
            return None

        self.__log_msg("received", msg)
        return msg

    def recv_wait(self, poller):
        """Makes 'poller' wake up when recv() may return a message."""
        if self.status or self.input:
            poller.immediate_wake()
        else:
            self.stream.recv_wait(poller)

    def recv_block(self):
        """Waits for a message.  Returns (error, msg) as recv() does, except
        never EAGAIN."""
        while True:
            error, msg = self.recv()
            if error != errno.EAGAIN:
                return error, msg

            self.run()

            poller = ovs.poller.Poller()
            self.wait(poller)
            self.recv_wait(poller)
            poller.block()

    def transact_block(self, request):
        """Sends 'request' and waits for its reply, discarding any other
        message received meanwhile.  Returns (error, reply): the reply (of
        type T_REPLY or T_ERROR) if 'error' is 0."""
        id_ = request.id

        error = self.send(request)
        reply = None
        while not error:
            error, reply = self.recv_block()
            if (reply
                and (reply.type == Message.T_REPLY
                     or reply.type == Message.T_ERROR)
                    and reply.id == id_):
                break
        return error, reply

    def error(self, error):
        """Marks the connection dead with 'error' and closes the stream."""
        if self.status == 0:
            self.status = error
            self.stream.close()
            self.output = b""


class Session(object):
    """A JSON-RPC session with reconnection."""

    def __init__(self, reconnect, rpc, remotes):
        self.reconnect = reconnect
        self.rpc = rpc
        self.stream = None
        self.pstream = None
        self.seqno = 0
        if type(remotes) != list:
            remotes = [remotes]
        self.remotes = remotes
        # Index in 'remotes' of the remote that pick_remote() chooses next.
        self.next_remote = 0

    @staticmethod
    def open(name, probe_interval=None):
        """Returns a new Session that keeps a connection to 'name' up.

        An active 'name' ("unix:...", "tcp:...", "ssl:...") is connected to,
        and reconnected to with backoff whenever the connection drops.  A
        passive one ("punix:...", "ptcp:...", "pssl:...") is listened on; a
        newly accepted connection replaces the current one.

        'probe_interval' is the inactivity probe interval in milliseconds
        (0 disables probing, values below 1000 count as 1000); None keeps
        the default, which is no probing for Unix sockets and 5 s for the
        others.
        """
        return Session.open_multiple([name], probe_interval=probe_interval)

    @staticmethod
    def open_multiple(remotes, probe_interval=None):
        """Like open(), for a list of 'remotes' tried in turn, in random
        order (so that the clients of a clustered database spread over its
        servers)."""
        remotes = list(remotes)
        random.shuffle(remotes)
        reconnect = ovs.reconnect.Reconnect(ovs.timeval.msec())
        session = Session(reconnect, None, remotes)
        session.pick_remote()
        reconnect.enable(ovs.timeval.msec())
        reconnect.set_backoff_free_tries(len(remotes))
        name = session.remotes[0]
        if ovs.stream.PassiveStream.is_valid_name(name):
            reconnect.set_passive(True, ovs.timeval.msec())

        if not ovs.stream.stream_or_pstream_needs_probes(name):
            reconnect.set_probe_interval(0)
        elif probe_interval is not None:
            reconnect.set_probe_interval(probe_interval)

        return session

    @staticmethod
    def open_unreliably(jsonrpc):
        """Returns a Session over the existing Connection 'jsonrpc' that
        never reconnects once it is lost."""
        reconnect = ovs.reconnect.Reconnect(ovs.timeval.msec())
        session = Session(reconnect, None, [jsonrpc.name])
        reconnect.set_quiet(True)
        session.pick_remote()
        reconnect.set_max_tries(0)
        reconnect.connected(ovs.timeval.msec())
        session.rpc = jsonrpc
        return session

    def pick_remote(self):
        """Makes the next remote in the list the one to connect to."""
        self.reconnect.set_name(self.remotes[self.next_remote])
        self.next_remote = (self.next_remote + 1) % len(self.remotes)

    def close(self):
        if self.rpc is not None:
            self.rpc.close()
            self.rpc = None
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        if self.pstream is not None:
            self.pstream.close()
            self.pstream = None

    def __disconnect(self):
        if self.rpc is not None:
            self.rpc.error(EOF)
            self.rpc.close()
            self.rpc = None
            self.seqno += 1
        elif self.stream is not None:
            self.stream.close()
            self.stream = None

    def __connect(self):
        self.__disconnect()

        name = self.reconnect.get_name()
        if not self.reconnect.is_passive():
            error, self.stream = ovs.stream.Stream.open(name)
            if not error:
                self.reconnect.connecting(ovs.timeval.msec())
            else:
                self.reconnect.connect_failed(ovs.timeval.msec(), error)
                self.pick_remote()
        elif self.pstream is None:
            error, self.pstream = ovs.stream.PassiveStream.open(name)
            if not error:
                self.reconnect.listening(ovs.timeval.msec())
            else:
                self.reconnect.connect_failed(ovs.timeval.msec(), error)
                self.pick_remote()

    def run(self):
        """Does the session's background work: accepting, connecting,
        sending queued data, reconnecting and probing."""
        if self.pstream is not None:
            error, stream = self.pstream.accept()
            if error == 0:
                if self.rpc or self.stream:
                    vlog.info("%s: new connection replacing active "
                              "connection" % self.reconnect.get_name())
                    self.__disconnect()
                self.reconnect.connected(ovs.timeval.msec())
                self.rpc = Connection(stream)
                self.seqno += 1
            elif error != errno.EAGAIN:
                self.reconnect.listen_error(ovs.timeval.msec(), error)
                self.pstream.close()
                self.pstream = None

        if self.rpc:
            backlog = self.rpc.get_backlog()
            self.rpc.run()
            if self.rpc.get_backlog() < backlog:
                # Output that had been waiting for room in the socket went
                # out, so the peer is reading.  (Output accepted by the
                # socket at once proves nothing: kernel buffers would take
                # it even from a dead peer.)
                self.reconnect.activity(ovs.timeval.msec())

            error = self.rpc.get_status()
            if error != 0:
                self.reconnect.disconnected(ovs.timeval.msec(), error)
                self.__disconnect()
                self.pick_remote()
        elif self.stream is not None:
            self.stream.run()
            error = self.stream.connect()
            if error == 0:
                self.reconnect.connected(ovs.timeval.msec())
                self.rpc = Connection(self.stream)
                self.stream = None
                self.seqno += 1
            elif error != errno.EAGAIN:
                self.reconnect.connect_failed(ovs.timeval.msec(), error)
                self.pick_remote()
                self.stream.close()
                self.stream = None

        action = self.reconnect.run(ovs.timeval.msec())
        if action == ovs.reconnect.CONNECT:
            self.__connect()
        elif action == ovs.reconnect.DISCONNECT:
            self.reconnect.disconnected(ovs.timeval.msec(), 0)
            self.__disconnect()
        elif action == ovs.reconnect.PROBE:
            if self.rpc:
                request = Message.create_request("echo", [])
                request.id = "echo"
                self.rpc.send(request)
        else:
            assert action is None

    def wait(self, poller):
        """Makes 'poller' wake up when run() has work to do."""
        if self.rpc is not None:
            self.rpc.wait(poller)
        elif self.stream is not None:
            self.stream.run_wait(poller)
            self.stream.connect_wait(poller)
        if self.pstream is not None:
            self.pstream.wait(poller)
        self.reconnect.wait(poller, ovs.timeval.msec())

    def get_backlog(self):
        if self.rpc is not None:
            return self.rpc.get_backlog()
        else:
            return 0

    def get_name(self):
        return self.reconnect.get_name()

    def send(self, msg):
        """Sends 'msg' if connected.  Returns 0, or ENOTCONN (or the
        connection's error)."""
        if self.rpc is not None:
            return self.rpc.send(msg)
        else:
            return errno.ENOTCONN

    def recv(self):
        """Returns the next message received, or None.  Answers "echo"
        requests itself and swallows the replies to its own probes."""
        if self.rpc is not None:
            received_bytes = self.rpc.get_received_bytes()
            error, msg = self.rpc.recv()
            now = ovs.timeval.msec()
            self.reconnect.receive_attempted(now)
            if received_bytes != self.rpc.get_received_bytes():
                # Any bytes, even part of a message, show that the peer is
                # alive: a large message on a slow link must not be taken
                # for silence.
                self.reconnect.activity(now)

            if not error:
                if msg.type == Message.T_REQUEST and msg.method == "echo":
                    # The peer's probe: answer with its own parameters.
                    self.send(Message.create_reply(msg.params, msg.id))
                elif msg.type == Message.T_REPLY and msg.id == "echo":
                    # The answer to our probe has done its job by arriving.
                    pass
                else:
                    return msg
        return None

    def recv_wait(self, poller):
        if self.rpc is not None:
            self.rpc.recv_wait(poller)

    def is_alive(self):
        """Returns True if the session is connected or still trying to
        connect."""
        if self.rpc is not None or self.stream is not None:
            return True
        else:
            max_tries = self.reconnect.get_max_tries()
            return max_tries is None or max_tries > 0

    def is_connected(self):
        return self.rpc is not None

    def get_seqno(self):
        """Returns a number that changes every time the session connects or
        disconnects."""
        return self.seqno

    def force_reconnect(self):
        """Drops the connection (if any) and connects again."""
        self.reconnect.force_reconnect(ovs.timeval.msec())

    def reset_backoff(self):
        """Lets the next connection attempts, one to each remote (plus one
        for the current connection), happen without waiting; useful before
        force_reconnect()."""
        self.reconnect.set_backoff_free_tries(len(self.remotes) + 1)

    def get_num_of_remotes(self):
        return len(self.remotes)
