#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Drives Weft's WFTT_STOP_ON_ERROR extension (include/openflow/weft-ext.h)
with raw OpenFlow messages and prints, one line each, what the switch sends
back: "TYPE xid=0x..", with the error type and code for an error.

usage: ofp-stop-on-error.py SOCKET VERSION SCENARIO

VERSION is the OpenFlow wire version (1 for 1.0, 4 for 1.3).  Each flow
mod adds a flow matching everything with the priority it is named by, in
table 0, its action output to port 1, or "bad" (a flow mod with an
undefined command, which the switch refuses with OFPFMFC_BAD_COMMAND).
Every message is sent at once, without waiting for answers, then the
script reads answers up to the reply to the last message, a barrier.

SCENARIO is one of:
  stop      stop-on-error on; 1, bad, 3, echo, 4, barrier, 5, barrier
  nostop    stop-on-error never turned on; the same messages
  off       turned on then off; the same messages
  malformed stop-on-error with nonzero padding, then one 6 bytes short,
            then 1, bad, 3, barrier (so it stayed off)"""

import socket
import struct
import sys

WFT = 0x57465400                # Weft's experimenter ID ("WFT\0").
NAMES = {1: "ERROR", 3: "ECHO_REPLY", 19: "BARRIER_REPLY",
         21: "BARRIER_REPLY"}


def msg(ver, typ, xid, body):
    return struct.pack('!BBHI', ver, typ, 8 + len(body), xid) + body


def stop_on_error(ver, xid, enable, pad=b'\0' * 7):
    return msg(ver, 4, xid, struct.pack('!IIB', WFT, 1, enable) + pad)


def barrier(ver, xid):
    return msg(ver, 18 if ver == 1 else 20, xid, b'')


def flow_mod(ver, xid, priority, bad=False):
    command = 9 if bad else 0
    if ver == 1:
        match = struct.pack('!I36x', 0x3fffff)        # Wildcard all.
        action = struct.pack('!HHHH', 0, 8, 1, 0)
        body = struct.pack('!QHHHHIHH', 0, command, 0, 0, priority,
                           0xffffffff, 0xffff, 0)
        return msg(ver, 14, xid, match + body + action)
    match = struct.pack('!HHI', 1, 4, 0)
    action = struct.pack('!HHIH6x', 0, 16, 1, 0)
    inst = struct.pack('!HHI', 4, 8 + len(action), 0) + action
    body = struct.pack('!QQBBHHHIIIHH', 0, 0, 0, command, 0, 0, priority,
                       0xffffffff, 0xffffffff, 0xffffffff, 0, 0)
    return msg(ver, 14, xid, body + match + inst)


def steps(ver, scenario):
    fm = lambda xid, prio, bad=False: flow_mod(ver, xid, prio, bad)
    common = [fm(2, 1), fm(3, 0, bad=True), fm(4, 3),
              msg(ver, 2, 5, b'echo'), fm(6, 4), barrier(ver, 7),
              fm(8, 5), barrier(ver, 9)]
    if scenario == 'stop':
        return [stop_on_error(ver, 1, 1)] + common
    if scenario == 'nostop':
        return common
    if scenario == 'off':
        return [stop_on_error(ver, 1, 1), stop_on_error(ver, 10, 0)] + common
    if scenario == 'malformed':
        short = msg(ver, 4, 11, struct.pack('!IIB', WFT, 1, 1) + b'\0')
        return [stop_on_error(ver, 10, 1, pad=b'\0\0\0\1\0\0\0'), short,
                fm(2, 1), fm(3, 0, bad=True), fm(4, 3), barrier(ver, 7)]
    raise SystemExit("unknown scenario %s" % scenario)


def main():
    path, ver, scenario = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(msg(ver, 0, 0, b''))
    todo = steps(ver, scenario)
    last_xid = struct.unpack('!I', todo[-1][4:8])[0]
    s.sendall(b''.join(todo))

    buf = b''
    hello = False
    while True:
        while len(buf) < 8 or len(buf) < struct.unpack('!H', buf[2:4])[0]:
            data = s.recv(65536)
            if not data:
                raise SystemExit("connection closed")
            buf += data
        length = struct.unpack('!H', buf[2:4])[0]
        m, buf = buf[:length], buf[length:]
        typ, xid = m[1], struct.unpack('!I', m[4:8])[0]
        if typ == 0 and not hello:
            hello = True
            continue
        line = "%s xid=%#x" % (NAMES.get(typ, "type %d" % typ), xid)
        if typ == 1:
            line += " type=%d code=%d" % struct.unpack('!HH', m[8:12])
        print(line)
        if xid == last_xid and typ in (19, 21):
            break
    s.close()


if __name__ == '__main__':
    main()
