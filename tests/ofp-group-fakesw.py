#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""A stand-in OpenFlow switch for comparing what two ovs-ofctl binaries send.

Usage: ofp-group-fakesw.py SOCKET VERSION LOG PIDFILE

Listens on the Unix socket SOCKET, greets each client with a hello of
OpenFlow wire version VERSION, and appends every message the client sends
(other than hello) to LOG, one hex line per message.  It answers echo
requests, barrier requests, and multipart requests (with an empty reply,
or for table features with one table carrying the required properties, so
that ovs-ofctl's name lookups succeed).
"""

import os
import socket
import struct
import sys


def multipart_reply(version, xid, mp_type):
    body = b''
    if version >= 4 and mp_type == 12:
        # One table with the 8 properties that a table features reply must
        # carry, each empty.
        props = b''.join(struct.pack('!HH4x', t, 4) for t in range(0, 16, 2))
        body = struct.pack('!HB5x32sQQII', 64 + len(props), 0, b't0',
                           0, 0, 0, 1000) + props
    hdr = struct.pack('!HH', mp_type, 0)
    if version > 1:
        hdr += b'\0' * 4
    type_ = 17 if version == 1 else 19
    return struct.pack('!BBHI', version, type_, 8 + len(hdr) + len(body),
                       xid) + hdr + body


def serve(conn, version, log):
    conn.sendall(struct.pack('!BBHI', version, 0, 8, 0))
    buf = b''
    while True:
        data = conn.recv(65536)
        if not data:
            return
        buf += data
        while len(buf) >= 8:
            v, t, length, xid = struct.unpack('!BBHI', buf[:8])
            if length < 8 or len(buf) < length:
                break
            msg, buf = buf[:length], buf[length:]
            if t != 0:
                log.write(msg.hex() + '\n')
                log.flush()
            if t == 2:
                conn.sendall(struct.pack('!BBHI', v, 3, length, xid)
                             + msg[8:])
            elif (v == 1 and t == 16) or (v > 1 and t == 18):
                mp_type = struct.unpack('!H', msg[8:10])[0]
                conn.sendall(multipart_reply(v, xid, mp_type))
            elif (v == 1 and t == 18) or (v > 1 and t == 20):
                conn.sendall(struct.pack('!BBHI', v, t + 1, 8, xid))


def main():
    path, version, log_name, pidfile = sys.argv[1:5]
    version = int(version, 0)
    if os.path.exists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(path)
    listener.listen(5)
    with open(pidfile, 'w') as f:
        f.write('%d\n' % os.getpid())
    with open(log_name, 'a') as log:
        while True:
            conn, _ = listener.accept()
            try:
                serve(conn, version, log)
            except OSError:
                pass
            conn.close()


if __name__ == '__main__':
    main()
