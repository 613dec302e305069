# SPDX-License-Identifier: Apache-2.0
"""Monotonic time in milliseconds, the time base of the poll loop."""

import time


def monotonic():
    """Returns monotonic time in (fractional) seconds."""
    return time.monotonic()


def msec():
    """Returns the current monotonic time in milliseconds, as an integer.

    Only differences between values are meaningful."""
    return int(time.monotonic() * 1000)


def postfork():
    """Called in a child process after fork().  Nothing to reset: the
    monotonic clock is shared with the parent."""
    pass
