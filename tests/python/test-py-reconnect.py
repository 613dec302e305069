# SPDX-License-Identifier: Apache-2.0
"""Drives ovs.reconnect.Reconnect with a fake clock.

Reads commands from standard input, one per line, and prints what each one
did to the state machine.  The clock starts at 1000 ms and moves only with
"advance".  Commands:

  enable | disable | force-reconnect | connecting | connected | activity
  listening | receive-attempted | run | timeout | stats
  disconnected [ERRNO|EOF]      connect-failed [ERRNO]    listen-error ERRNO
  advance MSEC                  set-passive true|false
  set-max-tries N               set-backoff-free-tries N
  set-probe-interval MSEC       set-backoff MIN MAX
  # comment
"""

import sys

# Keep compiled files out of the source tree.
sys.dont_write_bytecode = True

import errno

import ovs.reconnect

now = 1000


def errno_arg(args, default):
    if not args:
        return default
    if args[0] == "EOF":
        return ovs.reconnect.EOF
    if args[0].isdigit():
        return int(args[0])
    return getattr(errno, args[0])


def show_stats(r, prev):
    """Prints the statistics that changed since 'prev' (a dict).  Returns
    the current statistics."""
    s = r.get_stats(now)
    cur = {
        "state": s.state,
        "state_elapsed": s.state_elapsed,
        "backoff": s.backoff,
        "seqno": s.seqno,
        "is_connected": s.is_connected,
        "last_activity": s.last_activity,
        "last_connected": s.last_connected,
        "last_disconnected": s.last_disconnected,
        "msec_since_connect": s.msec_since_connect,
        "msec_since_disconnect": s.msec_since_disconnect,
        "total_connected_duration": s.total_connected_duration,
        "attempts": s.n_attempted_connections,
        "successes": s.n_successful_connections,
    }
    for key in ("state", "backoff", "seqno", "is_connected", "last_activity",
                "last_connected", "last_disconnected", "attempts",
                "successes"):
        if prev is None or prev.get(key) != cur[key]:
            print("  %s=%s" % (key, cur[key]))
    return cur


def main():
    global now
    r = ovs.reconnect.Reconnect(now)
    r.set_name("remote")
    print("### t=%d ###" % now)
    prev = show_stats(r, None)
    for line in sys.stdin:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        cmd, args = words[0], words[1:]
        print("%s" % line)
        if cmd == "enable":
            r.enable(now)
        elif cmd == "disable":
            r.disable(now)
        elif cmd == "force-reconnect":
            r.force_reconnect(now)
        elif cmd == "disconnected":
            r.disconnected(now, errno_arg(args, 0))
        elif cmd == "connecting":
            r.connecting(now)
        elif cmd == "connected":
            r.connected(now)
        elif cmd == "connect-failed":
            r.connect_failed(now, errno_arg(args, 0))
        elif cmd == "activity":
            r.activity(now)
        elif cmd == "receive-attempted":
            r.receive_attempted(now)
        elif cmd == "listening":
            r.listening(now)
        elif cmd == "listen-error":
            r.listen_error(now, errno_arg(args, 0))
        elif cmd == "run":
            action = r.run(now)
            print("  should %s" % (action if action else "do nothing"))
        elif cmd == "advance":
            now += int(args[0])
            print("### t=%d ###" % now)
        elif cmd == "timeout":
            timeout = r.timeout(now)
            if timeout is None:
                print("  no timeout")
            else:
                print("  timeout=%d" % timeout)
                if timeout >= 0:
                    now += timeout
                    print("### t=%d ###" % now)
        elif cmd == "stats":
            s = r.get_stats(now)
            print("  state_elapsed=%s msec_since_connect=%s "
                  "msec_since_disconnect=%s total_connected_duration=%s "
                  "creation_time=%s" % (
                      s.state_elapsed, s.msec_since_connect,
                      s.msec_since_disconnect, s.total_connected_duration,
                      s.creation_time))
            print("  last_connect_elapsed=%s last_disconnect_elapsed=%s "
                  "is_enabled=%s is_passive=%s" % (
                      r.get_last_connect_elapsed(now),
                      r.get_last_disconnect_elapsed(now),
                      r.is_enabled(), r.is_passive()))
            print("  min_backoff=%s max_backoff=%s probe_interval=%s "
                  "max_tries=%s name=%s" % (
                      r.get_min_backoff(), r.get_max_backoff(),
                      r.get_probe_interval(), r.get_max_tries(),
                      r.get_name()))
        elif cmd == "set-passive":
            r.set_passive(args[0] == "true", now)
        elif cmd == "set-max-tries":
            r.set_max_tries(int(args[0]))
        elif cmd == "set-backoff-free-tries":
            r.set_backoff_free_tries(int(args[0]))
        elif cmd == "set-probe-interval":
            r.set_probe_interval(int(args[0]))
        elif cmd == "set-backoff":
            r.set_backoff(int(args[0]), int(args[1]))
        else:
            sys.stderr.write("unknown command %s\n" % cmd)
            sys.exit(1)
        prev = show_stats(r, prev)


if __name__ == "__main__":
    main()
