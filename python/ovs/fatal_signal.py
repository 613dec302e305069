# SPDX-License-Identifier: Apache-2.0
"""Cleanup on termination: hooks to run and files to delete when the
process exits or is killed by SIGTERM, SIGINT, SIGHUP or SIGALRM."""

import atexit
import os
import signal
import sys

import ovs.vlog

vlog = ovs.vlog.Vlog("fatal-signal")

_hooks = []
_files = {}
_inited = False
_added_hook = False
recurse = False


def add_hook(hook, cancel, run_at_exit):
    """Registers 'hook' to be called (with no arguments) when a fatal signal
    is received and, if 'run_at_exit', when the process exits normally.
    'cancel', if not None, is called instead in a child process after fork()
    (see fork())."""
    _init()
    _hooks.append((hook, cancel, run_at_exit))


def fork():
    """Forks.  In the child, the hooks are cancelled (their 'cancel'
    functions are called and they are forgotten), so that the child does
    not clean up its parent's resources.  Returns what os.fork() returns."""
    pid = os.fork()
    if pid == 0:
        for hook, cancel, run_at_exit in _hooks:
            if cancel:
                cancel()
        del _hooks[:]
        _files.clear()
    return pid


def add_file_to_unlink(file):
    """Arranges for 'file' to be deleted when the process exits or dies of
    a fatal signal."""
    global _added_hook
    if not _added_hook:
        _added_hook = True
        add_hook(_unlink_files, _cancel_files, True)
    _files[file] = None


def add_file_to_close_and_unlink(file, fd=None):
    """Like add_file_to_unlink(), and also closes file descriptor 'fd'
    (if not None) before unlinking."""
    global _added_hook
    if not _added_hook:
        _added_hook = True
        add_hook(_unlink_files, _cancel_files, True)
    _files[file] = fd


def remove_file_to_unlink(file):
    """Cancels the deletion of 'file' at exit."""
    if file in _files:
        del _files[file]


def unlink_file_now(file):
    """Deletes 'file' at once and forgets it.  Returns 0 or a positive
    errno value."""
    error = _unlink(file)
    if error:
        vlog.warn("could not unlink \"%s\" (%s)" % (file,
                                                    os.strerror(error)))
    remove_file_to_unlink(file)
    return error


def _unlink_files():
    for file_, fd in list(_files.items()):
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass
        _unlink(file_)


def _cancel_files():
    global _added_hook
    _added_hook = False
    _files.clear()


def _unlink(file_):
    try:
        os.unlink(file_)
        return 0
    except OSError as e:
        return e.errno


def _signal_handler(signr, _):
    _call_hooks(signr)

    # Re-raise the signal with the default handling so that the program
    # termination status reflects that we were killed by this signal.
    signal.signal(signr, signal.SIG_DFL)
    os.kill(os.getpid(), signr)


def _atexit_handler():
    _call_hooks(0)


def _call_hooks(signr):
    global recurse
    if recurse:
        return
    recurse = True

    for hook, cancel, run_at_exit in _hooks:
        if signr != 0 or run_at_exit:
            hook()


def _init():
    global _inited
    if not _inited:
        _inited = True
        if sys.platform == "win32":
            signals = [signal.SIGTERM, signal.SIGINT]
        else:
            signals = [signal.SIGTERM, signal.SIGINT, signal.SIGHUP,
                       signal.SIGALRM]

        for signr in signals:
            try:
                if signal.getsignal(signr) == signal.SIG_DFL:
                    signal.signal(signr, _signal_handler)
            except ValueError:
                # Not the main thread: signal handlers cannot be installed.
                pass
        atexit.register(_atexit_handler)


def signal_alarm(timeout):
    """Arranges for SIGALRM (and thus cleanup and termination) after
    'timeout' seconds.  Zero or None cancels it."""
    if not timeout:
        timeout = 0
    signal.alarm(timeout)
