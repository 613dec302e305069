# SPDX-License-Identifier: Apache-2.0
"""A state machine that decides when to connect, reconnect, probe an idle
connection, and give up.

The machine does no I/O and reads no clock: the caller reports events
(connecting(), connected(), disconnected(), activity(), ...) with the
current time in milliseconds, and calls run() to learn what to do next
(CONNECT, DISCONNECT, PROBE, or nothing).  wait() and timeout() say when
run() next needs to be called."""

import os

import ovs.util
import ovs.vlog

# Values returned by Reconnect.run().
CONNECT = 'connect'
DISCONNECT = 'disconnect'
PROBE = 'probe'

EOF = ovs.util.EOF
vlog = ovs.vlog.Vlog("reconnect")


class Reconnect(object):
    """The state machine of one connection (active or passive)."""

    # Each state is a class with a 'name', whether it counts as connected,
    # and two static methods: deadline(fsm, now), the time at which run()
    # must act (None for never), and run(fsm, now), the action to take then.

    class Void(object):
        """Disabled: neither connecting nor listening."""
        name = "VOID"
        is_connected = False

        @staticmethod
        def deadline(fsm, now):
            return None

        @staticmethod
        def run(fsm, now):
            return None

    class Listening(object):
        """Passive: listening for a connection."""
        name = "LISTENING"
        is_connected = False

        @staticmethod
        def deadline(fsm, now):
            return None

        @staticmethod
        def run(fsm, now):
            return None

    class Backoff(object):
        """Waiting 'backoff' ms before the next connection attempt."""
        name = "BACKOFF"
        is_connected = False

        @staticmethod
        def deadline(fsm, now):
            return fsm.state_entered + fsm.backoff

        @staticmethod
        def run(fsm, now):
            return CONNECT

    class ConnectInProgress(object):
        """A connection attempt is in progress."""
        name = "CONNECTING"
        is_connected = False

        @staticmethod
        def deadline(fsm, now):
            return fsm.state_entered + max(1000, fsm.backoff)

        @staticmethod
        def run(fsm, now):
            return DISCONNECT

    class Active(object):
        """Connected, and something was received recently."""
        name = "ACTIVE"
        is_connected = True

        @staticmethod
        def deadline(fsm, now):
            if fsm.probe_interval:
                base = max(fsm.last_activity, fsm.state_entered)
                return fsm._receive_gated(base + fsm.probe_interval, now)
            return None

        @staticmethod
        def run(fsm, now):
            vlog.dbg("%s: idle %d ms, sending inactivity probe"
                     % (fsm.name,
                        now - max(fsm.last_activity, fsm.state_entered)))
            fsm._transition(now, Reconnect.Idle)
            return PROBE

    class Idle(object):
        """Connected, a probe was sent, and nothing has been received
        since."""
        name = "IDLE"
        is_connected = True

        @staticmethod
        def deadline(fsm, now):
            if fsm.probe_interval:
                return fsm._receive_gated(
                    fsm.state_entered + fsm.probe_interval, now)
            return None

        @staticmethod
        def run(fsm, now):
            vlog.err("%s: no response to inactivity probe after %.3g "
                     "seconds, disconnecting"
                     % (fsm.name, (now - fsm.state_entered) / 1000.0))
            return DISCONNECT

    class Reconnect(object):
        """Connected, but the connection must be dropped and made again."""
        name = "RECONNECT"
        is_connected = False

        @staticmethod
        def deadline(fsm, now):
            return fsm.state_entered

        @staticmethod
        def run(fsm, now):
            return DISCONNECT

    def __init__(self, now):
        """Creates a new state machine, initially disabled (see enable()),
        with the default parameters: 1 to 8 s of backoff between attempts
        and an inactivity probe after 5 s.  'now' is the current time in
        milliseconds."""
        self.name = "void"
        self.min_backoff = 1000
        self.max_backoff = 8000
        self.probe_interval = 5000
        self.passive = False
        self._quiet = False
        self.info_level = vlog.info

        self.state = Reconnect.Void
        self.state_entered = now
        self.backoff = 0
        self.last_activity = now
        self.last_receive_attempt = now
        self.last_connected = None
        self.last_disconnected = None
        self.max_tries = None
        self.backoff_free_tries = 0

        self.creation_time = now
        self.n_attempted_connections = 0
        self.n_successful_connections = 0
        self.total_connected_duration = 0
        self.seqno = 0

    def _receive_gated(self, deadline, now):
        """A connection is only declared idle (and probed, or dropped) once
        the caller has tried to receive after 'deadline': otherwise the
        silence may be the caller's, not the peer's.  Returns the deadline
        to use."""
        if self.last_receive_attempt >= deadline:
            return deadline
        return max(deadline, now + 1)

    def _info(self, message):
        # Looks the method up at each call, so that replacing the methods of
        # the Vlog class (as some programs do to redirect logging) also
        # affects this module.
        if self._quiet:
            vlog.dbg(message)
        else:
            vlog.info(message)

    def set_quiet(self, quiet):
        """If 'quiet' is true, logs informational messages about connection
        attempts and failures at debug level instead."""
        self._quiet = bool(quiet)
        if quiet:
            self.info_level = vlog.dbg
        else:
            self.info_level = vlog.info

    def get_name(self):
        return self.name

    def set_name(self, name):
        """Sets the name used in log messages (normally the remote's
        name); None means "void"."""
        if name is None:
            self.name = "void"
        else:
            self.name = name

    def get_min_backoff(self):
        """Returns the minimum time between connection attempts, in ms."""
        return self.min_backoff

    def get_max_backoff(self):
        """Returns the maximum time between connection attempts, in ms."""
        return self.max_backoff

    def get_probe_interval(self):
        """Returns the idle time, in ms, after which a probe is sent (and,
        after as long again without reply, the connection dropped), or 0 if
        probing is disabled."""
        return self.probe_interval

    def set_max_tries(self, max_tries):
        """Limits the number of connection attempts (counting from now) to
        'max_tries'; None means no limit.  Once exhausted, the machine
        becomes disabled."""
        self.max_tries = max_tries

    def get_max_tries(self):
        """Returns the number of connection attempts left, or None for
        unlimited."""
        return self.max_tries

    def set_backoff(self, min_backoff, max_backoff):
        """Sets the range of the time waited between connection attempts.
        Each failure doubles the wait, from 'min_backoff' up to
        'max_backoff' milliseconds.  Values below 1000 ms are raised to
        1000 ms, and 'max_backoff' to at least 'min_backoff'."""
        self.min_backoff = max(min_backoff, 1000)
        if self.max_backoff:
            self.max_backoff = max(max_backoff, 1000)
        else:
            self.max_backoff = 8000
        if self.min_backoff > self.max_backoff:
            self.max_backoff = self.min_backoff

        if (self.state == Reconnect.Backoff and
                self.backoff > self.max_backoff):
            self.backoff = self.max_backoff

    def set_backoff_free_tries(self, backoff_free_tries):
        """Lets the first 'backoff_free_tries' - 1 consecutive failed
        attempts be retried at once (useful to try each of several remotes
        in turn before backing off)."""
        self.backoff_free_tries = backoff_free_tries

    def set_probe_interval(self, probe_interval):
        """Sets the inactivity probe interval to 'probe_interval' ms (at
        least 1000), or disables probing if it is 0."""
        if probe_interval:
            self.probe_interval = max(1000, probe_interval)
        else:
            self.probe_interval = 0

    def is_passive(self):
        """Returns True if the connection is made by listening for the peer
        rather than connecting to it."""
        return self.passive

    def set_passive(self, passive, now):
        """Makes the machine passive (listening for connections) or active
        (connecting) according to 'passive'.  A change that contradicts an
        attempt in progress restarts it at once."""
        if self.passive != passive:
            self.passive = passive

            if ((passive and self.state in (Reconnect.ConnectInProgress,
                                            Reconnect.Reconnect)) or
                    (not passive and self.state == Reconnect.Listening
                     and self.__may_retry())):
                self._transition(now, Reconnect.Backoff)
                self.backoff = 0

    def is_enabled(self):
        """Returns True unless the machine is disabled."""
        return self.state != Reconnect.Void

    def enable(self, now):
        """Enables the machine: the next run() asks to connect (or listen),
        unless the connection attempt limit was reached."""
        if self.state == Reconnect.Void and self.__may_retry():
            self._transition(now, Reconnect.Backoff)
            self.backoff = 0

    def disable(self, now):
        """Disables the machine: run() will ask for nothing until enable()
        is called again."""
        if self.state != Reconnect.Void:
            self._transition(now, Reconnect.Void)

    def force_reconnect(self, now):
        """If connected or connecting, makes the next run() ask to
        disconnect, so that a new connection is made (without backoff if
        the connection had been up for a while)."""
        if self.state in (Reconnect.ConnectInProgress,
                          Reconnect.Active,
                          Reconnect.Idle):
            self._transition(now, Reconnect.Reconnect)

    def disconnected(self, now, error):
        """Reports that the connection was lost or that a connection
        attempt failed.  'error' is a positive errno value, EOF (the peer
        closed the connection) or 0 (no particular reason).  Decides how
        long to wait before the next attempt: not at all for a passive
        connection or one that had been up for a while, otherwise twice as
        long as last time, within the backoff range."""
        if self.state not in (Reconnect.Backoff, Reconnect.Void):
            # Report what happened.
            if self.state in (Reconnect.Active, Reconnect.Idle):
                if error > 0:
                    vlog.warn("%s: connection dropped (%s)"
                              % (self.name, os.strerror(error)))
                elif error == EOF:
                    self._info("%s: connection closed by peer" % self.name)
                else:
                    self._info("%s: connection dropped" % self.name)
            elif self.state == Reconnect.Listening:
                if error > 0:
                    vlog.warn("%s: error listening for connections (%s)"
                              % (self.name, os.strerror(error)))
                else:
                    self._info("%s: error listening for connections"
                               % self.name)
            elif self.backoff < self.max_backoff:
                if self.passive:
                    type_ = "listen"
                else:
                    type_ = "connection"
                if error > 0:
                    vlog.warn("%s: %s attempt failed (%s)"
                              % (self.name, type_, os.strerror(error)))
                else:
                    self._info("%s: %s attempt timed out"
                               % (self.name, type_))

            if self.state in (Reconnect.Active, Reconnect.Idle):
                self.last_disconnected = now

            if not self.__may_retry():
                self._transition(now, Reconnect.Void)
                return

            # Decide how long to wait.
            if self.backoff_free_tries > 1:
                self.backoff_free_tries -= 1
                self.backoff = 0
            elif (self.state in (Reconnect.Active, Reconnect.Idle) and
                    (self.last_activity - self.last_connected >= self.backoff
                     or self.passive)):
                if self.passive:
                    self.backoff = 0
                else:
                    self.backoff = self.min_backoff
            else:
                if self.backoff < self.min_backoff:
                    self.backoff = self.min_backoff
                elif self.backoff < self.max_backoff / 2:
                    self.backoff *= 2
                    if self.passive:
                        action = "trying to listen again"
                    else:
                        action = "reconnect"
                    self._info("%s: waiting %.3g seconds before %s"
                               % (self.name, self.backoff / 1000.0, action))
                else:
                    if self.backoff < self.max_backoff:
                        if self.passive:
                            action = "try to listen"
                        else:
                            action = "connect"
                        self._info("%s: continuing to %s in the background "
                                   "but suppressing further logging"
                                   % (self.name, action))
                    self.backoff = self.max_backoff
            self._transition(now, Reconnect.Backoff)

    def connecting(self, now):
        """Reports that a connection attempt (or, if passive, an attempt to
        listen) has started."""
        if self.state != Reconnect.ConnectInProgress:
            if self.passive:
                self._info("%s: listening..." % self.name)
            elif self.backoff < self.max_backoff:
                self._info("%s: connecting..." % self.name)
            self._transition(now, Reconnect.ConnectInProgress)

    def listening(self, now):
        """Reports that a passive connection is now listening."""
        if self.state != Reconnect.Listening:
            self._info("%s: listening..." % self.name)
            self._transition(now, Reconnect.Listening)

    def listen_error(self, now, error):
        """Reports that listening failed with 'error' (a positive errno
        value, or 0)."""
        if self.state == Reconnect.Listening:
            self.disconnected(now, error)

    def connected(self, now):
        """Reports that the connection is up."""
        if not self.state.is_connected:
            self.connecting(now)

            self._info("%s: connected" % self.name)
            self._transition(now, Reconnect.Active)
            self.last_connected = now

    def connect_failed(self, now, error):
        """Reports that a connection attempt failed with 'error' (a positive
        errno value, or 0)."""
        self.connecting(now)
        self.disconnected(now, error)

    def activity(self, now):
        """Reports that something was received on the connection, proof
        that the peer is alive."""
        if self.state != Reconnect.Active:
            self._transition(now, Reconnect.Active)
        self.last_activity = now

    def receive_attempted(self, now):
        """Reports that the caller tried to receive from the connection (so
        that a lack of activity is the peer's silence)."""
        self.last_receive_attempt = now

    def _transition(self, now, state):
        if self.state == Reconnect.ConnectInProgress:
            self.n_attempted_connections += 1
            if state == Reconnect.Active:
                self.n_successful_connections += 1

        connected_before = self.state.is_connected
        connected_now = state.is_connected
        if connected_before != connected_now:
            if connected_before:
                self.total_connected_duration += now - self.last_connected
            self.seqno += 1

        vlog.dbg("%s: entering %s" % (self.name, state.name))
        self.state = state
        self.state_entered = now

    def run(self, now):
        """Returns what the caller should do now: CONNECT (start connecting,
        or listening if passive), DISCONNECT (drop the connection or the
        attempt, then call disconnected()), PROBE (send an inactivity
        probe), or None (nothing)."""
        deadline = self.state.deadline(self, now)
        if deadline is not None and now >= deadline:
            return self.state.run(self, now)
        else:
            return None

    def wait(self, poller, now):
        """Makes 'poller' wake up when run() has something to do."""
        timeout = self.timeout(now)
        if timeout is not None and timeout >= 0:
            poller.timer_wait(timeout)

    def timeout(self, now):
        """Returns the number of milliseconds until run() has something to
        do (0 if it has something to do now), or None if it has nothing to
        do until the caller reports an event."""
        deadline = self.state.deadline(self, now)
        if deadline is not None:
            remaining = deadline - now
            return max(0, remaining)
        else:
            return None

    def is_connected(self):
        """Returns True if the connection is up (ACTIVE or IDLE)."""
        return self.state.is_connected

    def get_last_connect_elapsed(self, now):
        """Returns the number of milliseconds since the connection last came
        up, or None if it never did."""
        if self.last_connected is not None:
            return now - self.last_connected
        else:
            return None

    def get_last_disconnect_elapsed(self, now):
        """Returns the number of milliseconds since the connection last went
        down, or None if it never did."""
        if self.last_disconnected is not None:
            return now - self.last_disconnected
        else:
            return None

    def get_stats(self, now):
        """Returns an object with statistics about the connection, as
        attributes."""
        class Stats(object):
            pass
        stats = Stats()
        stats.creation_time = self.creation_time
        stats.last_connected = self.last_connected
        stats.last_disconnected = self.last_disconnected
        stats.last_activity = self.last_activity
        stats.backoff = self.backoff
        stats.seqno = self.seqno
        stats.is_connected = self.is_connected()
        stats.msec_since_connect = self.get_last_connect_elapsed(now)
        stats.msec_since_disconnect = self.get_last_disconnect_elapsed(now)
        stats.total_connected_duration = self.total_connected_duration
        if self.is_connected():
            stats.total_connected_duration += (
                self.get_last_connect_elapsed(now))
        stats.n_attempted_connections = self.n_attempted_connections
        stats.n_successful_connections = self.n_successful_connections
        stats.state = self.state.name
        stats.state_elapsed = now - self.state_entered
        return stats

    def __may_retry(self):
        if self.max_tries is None:
            return True
        elif self.max_tries > 0:
            self.max_tries -= 1
            return True
        else:
            return False
