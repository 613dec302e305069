# SPDX-License-Identifier: Apache-2.0
"""The unixctl protocol: commands that a daemon answers on its control
socket (<rundir>/<program>.<pid>.ctl), as ovs-appctl sends them.

A command is a JSON-RPC request whose method is the command name and whose
params are its arguments, all strings; the reply's result is the output (a
string), or its error the error message."""

import ovs.dirs
import ovs.util

# Registered commands: name -> _UnixctlCommand.
commands = {}


class _UnixctlCommand(object):
    def __init__(self, usage, min_args, max_args, callback, aux):
        self.usage = usage
        self.min_args = min_args
        self.max_args = max_args
        self.callback = callback
        self.aux = aux


def _unixctl_help(conn, unused_argv, unused_aux):
    reply = "The available commands are:\n"
    for name in sorted(commands):
        reply += "  %-23s %s\n" % (name, commands[name].usage)
    conn.reply(reply)


def command_register(name, usage, min_args, max_args, callback, aux):
    """Registers a command named 'name' that takes between 'min_args' and
    'max_args' arguments ('usage' describes them, for "list-commands").
    When it is received, callback(conn, argv, aux) is called, where 'conn'
    is a UnixctlConnection on which it must (eventually) call reply() or
    reply_error(), and 'argv' the list of arguments."""
    assert isinstance(name, str)
    assert isinstance(usage, str)
    assert isinstance(min_args, int)
    assert isinstance(max_args, int)
    assert callable(callback)

    if name not in commands:
        commands[name] = _UnixctlCommand(usage, min_args, max_args, callback,
                                         aux)


def socket_name_from_target(target):
    """Returns (error, path): the control socket of 'target', which is a
    path (kept as is if absolute) or a daemon's name, whose pid is read from
    <rundir>/<target>.pid."""
    assert isinstance(target, str)

    if target.startswith("/"):
        return 0, target

    pidfile_name = "%s/%s.pid" % (ovs.dirs.RUNDIR, target)
    try:
        with open(pidfile_name) as f:
            pid = int(f.readline())
    except (IOError, OSError, ValueError) as e:
        return getattr(e, "errno", 0) or 2, ("cannot read pidfile \"%s\""
                                              % pidfile_name)
    return 0, "%s/%s.%d.ctl" % (ovs.dirs.RUNDIR, target, pid)


command_register("list-commands", "", 0, 0, _unixctl_help, None)

