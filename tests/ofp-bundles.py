#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Sends raw OpenFlow bundle messages to a switch and prints, in hex, one
line per message that the switch answers.

usage: ofp-bundles.py SOCKET VERSION [idle SECONDS]

VERSION is the OpenFlow wire version: 5 (OpenFlow 1.4 bundles) or 4
(OpenFlow 1.3 with the ONF extension).  Each step is followed by a barrier,
so the answers to one step come before those of the next.  With "idle",
opens a bundle, adds a flow to it, waits SECONDS, then commits it."""

import socket
import struct
import sys
import time

ONF = 0x4f4e4600                # ONF experimenter id.
ATOMIC, ORDERED = 1, 2          # OFPBF_* flags.
OPEN, CLOSE, COMMIT, DISCARD = 0, 2, 4, 6   # OFPBCT_* requests.


def msg(ver, typ, xid, body):
    return struct.pack('!BBHI', ver, typ, 8 + len(body), xid) + body


def bundle_msg(ver, xid, is_add, body):
    if ver == 4:
        subtype = 2301 if is_add else 2300
        return msg(4, 4, xid, struct.pack('!II', ONF, subtype) + body)
    return msg(ver, 34 if is_add else 33, xid, body)


def ctrl(ver, xid, bundle_id, typ, flags):
    return bundle_msg(ver, xid, False,
                      struct.pack('!IHH', bundle_id, typ, flags))


def add(ver, xid, bundle_id, flags, inner):
    return bundle_msg(ver, xid, True,
                      struct.pack('!IHH', bundle_id, 0, flags) + inner)


def flow_mod(ver, xid, priority, port=1, group=None, table=0):
    """An add flow mod in table 'table' matching everything, whose action
    outputs to 'port' or to group 'group'."""
    match = struct.pack('!HHI', 1, 4, 0)
    if group is None:
        action = struct.pack('!HHIH6x', 0, 16, port, 0)
    else:
        action = struct.pack('!HHI', 22, 8, group)
    inst = struct.pack('!HHI', 4, 8 + len(action), 0) + action
    body = struct.pack('!QQBBHHHIIIHH', 0, 0, table, 0, 0, 0, priority,
                       0xffffffff, 0xffffffff, 0xffffffff, 0, 0)
    return msg(ver, 14, xid, body + match + inst)


def run(path, ver, steps, pause=0):
    """Connects to 'path' with version 'ver', sends each step with a
    barrier and prints every answer but the barrier replies.  Waits
    'pause' seconds before the last step."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(msg(ver, 0, 0, b''))
    buf = b''

    def recv_one():
        nonlocal buf
        while True:
            if len(buf) >= 8:
                length = struct.unpack('!H', buf[2:4])[0]
                if len(buf) >= length:
                    m, buf = buf[:length], buf[length:]
                    return m
            data = s.recv(65536)
            if not data:
                raise EOFError
            buf += data

    recv_one()                  # The switch's hello.
    for i, m in enumerate(steps, 1):
        if i == len(steps) and pause:
            time.sleep(pause)
        s.sendall(m + msg(ver, 20, 0xbb000000 + i, b''))
        while True:
            r = recv_one()
            if r[1] == 21:      # Barrier reply.
                break
            print(r.hex())
    s.close()


def main():
    path, ver = sys.argv[1], int(sys.argv[2])
    A, O = ATOMIC, ORDERED

    def fm(xid, prio, **kw):
        return flow_mod(ver, xid, prio, **kw)

    if len(sys.argv) > 4 and sys.argv[3] == 'idle':
        run(path, ver, [ctrl(ver, 1, 1, OPEN, A),
                        add(ver, 2, 1, A, fm(2, 300)),
                        add(ver, 3, 2, A, fm(3, 301)),
                        ctrl(ver, 4, 1, COMMIT, A)],
            pause=float(sys.argv[4]))
        return

    run(path, ver, [
        ctrl(ver, 1, 1, OPEN, A),
        ctrl(ver, 2, 1, OPEN, A),               # Exists: BAD_ID.
        add(ver, 3, 1, A, fm(3, 100)),
        add(ver, 4, 1, O, fm(4, 101)),          # Other flags: BAD_FLAGS.
        add(ver, 5, 1, A, fm(6, 101)),          # Other xid: MSG_BAD_XID.
        add(ver, 7, 1, A, msg(ver, 2, 7, b'')),  # Echo: MSG_UNSUP.
        add(ver, 8, 1, A, fm(8, 102, table=254)),  # EPERM at once.
        add(ver, 9, 1, A, fm(9, 103, group=9)),
        ctrl(ver, 10, 1, CLOSE, O),             # BAD_FLAGS, discards.
        ctrl(ver, 11, 1, CLOSE, A),             # BAD_ID.
        add(ver, 13, 1, A, fm(13, 104)),        # Opens 1 again.
        ctrl(ver, 14, 2, COMMIT, A),            # BAD_ID.
        ctrl(ver, 15, 3, DISCARD, A),           # BAD_ID.
        ctrl(ver, 16, 1, COMMIT, O),            # BAD_FLAGS, discards.
        ctrl(ver, 17, 1, COMMIT, A),            # BAD_ID.
        add(ver, 19, 5, A | O, fm(19, 105)),    # Opens 5.
        add(ver, 20, 5, A | O, fm(20, 106)),
        ctrl(ver, 21, 5, COMMIT, A | O),        # Both flows.
        add(ver, 22, 6, 0, fm(22, 107)),
        ctrl(ver, 23, 6, DISCARD, 0),
        ctrl(ver, 24, 6, COMMIT, 0),            # BAD_ID.
        ctrl(ver, 25, 7, 9, 0),                 # Undefined type.
        ctrl(ver, 26, 7, 1, 0),                 # A reply: BAD_TYPE.
        add(ver, 27, 8, 0, msg(ver, 4, 27, b'')),  # MSG_UNSUP.
        ctrl(ver, 28, 9, OPEN, 0),
        ctrl(ver, 29, 9, COMMIT, 0),            # Empty commit.
        ctrl(ver, 30, 10, OPEN, 0xff00),        # Unknown flags.
        ctrl(ver, 31, 10, DISCARD, 0xff00),
        ctrl(ver, 32, 7, OPEN, 0),              # Type 9 did not open 7.
        ctrl(ver, 33, 11, OPEN, A),
        ctrl(ver, 34, 11, CLOSE, A),
        add(ver, 35, 11, A, fm(35, 109)),       # BUNDLE_CLOSED, discards.
        ctrl(ver, 36, 11, CLOSE, A),            # BAD_ID.
        ctrl(ver, 38, 12, OPEN, A),
        add(ver, 39, 12, A, fm(39, 110)),
        add(ver, 40, 12, A, fm(40, 111, group=9)),
        add(ver, 41, 12, A, fm(41, 112)),
        ctrl(ver, 42, 12, COMMIT, A),           # Fails: nothing added.
        add(ver, 43, 13, A, fm(43, 113)),
        add(ver, 44, 13, A, fm(44, 114, table=254)),  # EPERM.
        ctrl(ver, 45, 13, COMMIT, A),           # 113 only.
        add(ver, 46, 14, A, bytes([ver - 1]) + fm(46, 115)[1:]),
        add(ver, 47, 14, A, fm(46, 116)),       # MSG_BAD_XID.
        add(ver, 48, 14, A, fm(48, 117)[:-8]),  # MSG_BAD_LEN.
        ctrl(ver, 49, 14, COMMIT, A),           # Never opened: BAD_ID.
        ctrl(ver, 50, 15, OPEN, A),
        add(ver, 51, 15, A, fm(51, 118)),
    ])
    # The bundles of a connection go with it.
    run(path, ver, [ctrl(ver, 52, 15, COMMIT, A)])


if __name__ == '__main__':
    main()
