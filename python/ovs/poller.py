# SPDX-License-Identifier: Apache-2.0
"""The poll loop: wait for file descriptors or timers.

Each iteration of a main loop creates or reuses a Poller, calls the wait()
method of every module (which calls fd_wait() and timer_wait() on the
Poller), then calls block() to sleep until one of the events occurs."""

import errno
import select
import sys

import ovs.timeval
import ovs.vlog

vlog = ovs.vlog.Vlog("poller")

POLLIN = 0x001
POLLOUT = 0x004
POLLERR = 0x008
POLLHUP = 0x010
POLLNVAL = 0x020


def _using_eventlet_green_select():
    """Returns True if eventlet has replaced the 'select' module with its
    green version (which lacks poll()).

    Looks only at modules already loaded: if eventlet is not loaded,
    nothing can have patched 'select', and importing it here (merely
    because it is installed, e.g. with os-ken) would be slow and, from a
    thread other than the main one, can hang the process at exit."""
    patcher = sys.modules.get("eventlet.patcher")
    if patcher is None:
        return False
    return patcher.is_monkey_patched(select)


class _SelectSelect(object):
    """A select.poll() look-alike implemented with select.select(), for
    environments (eventlet, gevent) that do not offer poll()."""

    def __init__(self):
        self.rlist = []
        self.wlist = []
        self.xlist = []

    def register(self, fd, events):
        if not isinstance(fd, int):
            fd = fd.fileno()
        if events & POLLIN:
            self.rlist.append(fd)
            events &= ~POLLIN
        if events & POLLOUT:
            self.wlist.append(fd)
            events &= ~POLLOUT
        if events:
            self.xlist.append(fd)

    def poll(self, timeout):
        # 'timeout' is in milliseconds, None or negative for "forever".
        if timeout is not None and timeout < 0:
            timeout = None
        if timeout is not None:
            timeout = float(timeout) / 1000
        rlist, wlist, xlist = select.select(self.rlist, self.wlist,
                                            self.xlist, timeout)
        events_dict = {}
        for fd in rlist:
            events_dict[fd] = events_dict.get(fd, 0) | POLLIN
        for fd in wlist:
            events_dict[fd] = events_dict.get(fd, 0) | POLLOUT
        for fd in xlist:
            events_dict[fd] = events_dict.get(fd, 0) | (POLLERR |
                                                        POLLHUP |
                                                        POLLNVAL)
        return list(events_dict.items())


SelectPoll = _SelectSelect


def get_system_poll():
    """Returns an object with the register() and poll() methods of
    select.poll() objects."""
    if hasattr(select, "poll") and not _using_eventlet_green_select():
        return select.poll()
    return _SelectSelect()


class Poller(object):
    """Collects the events that the next call to block() waits for."""

    def __init__(self):
        self.__reset()

    def fd_wait(self, fd, events):
        """Makes the next block() wake up when file descriptor 'fd' (an int
        or an object with a fileno() method) has any of 'events' (a
        combination of POLLIN and POLLOUT).  POLLERR, POLLHUP and POLLNVAL
        always wake it up."""
        if not isinstance(fd, int):
            fd = fd.fileno()
        self.fds[fd] = self.fds.get(fd, 0) | events

    def __timer_wait(self, msec):
        if self.timeout < 0 or msec < self.timeout:
            self.timeout = msec

    def timer_wait(self, msec):
        """Makes the next block() wake up after 'msec' milliseconds at the
        latest.  Zero or negative means at once."""
        if msec <= 0:
            self.immediate_wake()
        else:
            self.__timer_wait(msec)

    def timer_wait_until(self, msec):
        """Makes the next block() wake up no later than 'msec', a time as
        returned by ovs.timeval.msec()."""
        now = ovs.timeval.msec()
        if msec <= now:
            self.immediate_wake()
        else:
            self.__timer_wait(msec - now)

    def immediate_wake(self):
        """Makes the next block() return at once."""
        self.timeout = 0

    def block(self):
        """Sleeps until one of the awaited events occurs, then forgets all of
        them so that the Poller can be used for the next iteration."""
        try:
            poller = get_system_poll()
            for fd, events in self.fds.items():
                poller.register(fd, events)
            if self.timeout < 0:
                timeout = -1
            else:
                timeout = self.timeout
            try:
                events = poller.poll(timeout)
            except (select.error, OSError) as e:
                error = e.args[0] if e.args else 0
                if error != errno.EINTR:
                    vlog.err("poll: %s" % e)
                events = []
            self.__log_wakeup(events)
        finally:
            self.__reset()

    def __log_wakeup(self, events):
        if not events:
            vlog.dbg("%d-ms timeout" % self.timeout)
        else:
            for fd, revents in events:
                if revents != 0:
                    s = ""
                    if revents & POLLIN:
                        s += "[POLLIN]"
                    if revents & POLLOUT:
                        s += "[POLLOUT]"
                    if revents & POLLERR:
                        s += "[POLLERR]"
                    if revents & POLLHUP:
                        s += "[POLLHUP]"
                    if revents & POLLNVAL:
                        s += "[POLLNVAL]"
                    vlog.dbg("%s on fd %d" % (s, fd))

    def __reset(self):
        self.fds = {}
        self.timeout = -1
