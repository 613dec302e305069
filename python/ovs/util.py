# SPDX-License-Identifier: Apache-2.0
"""Miscellaneous helpers shared by the package."""

import os
import os.path
import sys

# The name of the running program (as Open vSwitch's package has it, with
# any ".py" suffix kept), for messages, log files and control sockets.
PROGRAM_NAME = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] \
    else "python"

# End of file: returned in place of an errno by the functions that read from
# streams and connections.
EOF = -1


def abs_file_name(dir_, file_name):
    """Returns 'file_name' made absolute relative to 'dir_'.  If 'file_name'
    is already absolute, or 'dir_' is None, returns 'file_name' unchanged."""
    if file_name.startswith("/") or dir_ is None:
        return file_name
    if dir_.endswith("/"):
        return dir_ + file_name
    return "%s/%s" % (dir_, file_name)


def ovs_retval_to_string(retval):
    """Returns a description of 'retval': "" for 0, "End of file" for EOF,
    the system's message for a positive errno value."""
    if not retval:
        return ""
    if retval > 0:
        return os.strerror(retval)
    if retval == EOF:
        return "End of file"
    return "***unknown return value: %s***" % retval


def ovs_error(err_no, message, vlog=None):
    """Prints 'message' on stderr, prefixed by the program name and followed
    by a description of 'err_no' when it is nonzero.  Also logs it at ERR
    level through 'vlog' when one is given."""
    err_msg = "%s: %s" % (PROGRAM_NAME, message)
    if err_no:
        err_msg += " (%s)" % ovs_retval_to_string(err_no)
    sys.stderr.write("%s\n" % err_msg)
    if vlog:
        vlog.err(err_msg)


def ovs_fatal(*args, **kwargs):
    """Like ovs_error(), then exits with status 1."""
    ovs_error(*args, **kwargs)
    sys.exit(1)
