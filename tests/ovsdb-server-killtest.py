# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Crash test for ovsdb-server: are acknowledged transactions durable?

usage: ovsdb-server-killtest.py write SOCKET PID N ACKFILE
       ovsdb-server-killtest.py check SOCKET ACKFILE

"write" sends a stream of transactions to the "Test" database at SOCKET,
each inserting one "Blob" row with a new sequence number, keeping up to 20
of them in flight.  Once N have been acknowledged, it kills process PID
with SIGKILL while transactions are still in flight, then keeps reading
until the connection drops.  The sequence numbers of all acknowledged
transactions go to ACKFILE, one per line.  Prints "acked K" (K >= N).

"check" verifies that every sequence number in ACKFILE is in the database
at SOCKET, and prints "ok K" or the missing ones.
"""

import json
import os
import signal
import socket
import sys

WINDOW = 20


class Rpc(object):
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.buf = ''
        self.decoder = json.JSONDecoder()

    def send(self, obj):
        self.sock.sendall(json.dumps(obj).encode())

    def recv(self):
        """Returns the next message, or None at end of stream."""
        while True:
            s = self.buf.lstrip()
            if s:
                try:
                    obj, end = self.decoder.raw_decode(s)
                    self.buf = s[end:]
                    return obj
                except ValueError:
                    pass
            try:
                data = self.sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                data = b''
            if not data:
                return None
            self.buf += data.decode()


def insert(seq):
    return {"method": "transact", "id": seq,
            "params": ["Test", {"op": "insert", "table": "Blob",
                                "row": {"seq": seq,
                                        "data": "blob %d " % seq * 20}}]}


def write(path, pid, n, ackfile):
    rpc = Rpc(path)
    acked = []
    next_seq = 0
    in_flight = 0
    killed = False
    while True:
        while in_flight < WINDOW:
            try:
                rpc.send(insert(next_seq))
            except (BrokenPipeError, ConnectionResetError):
                break
            next_seq += 1
            in_flight += 1
        msg = rpc.recv()
        if msg is None:
            break
        in_flight -= 1
        result = msg.get("result")
        if (msg.get("error") is None and isinstance(result, list)
                and len(result) == 1 and "uuid" in result[0]):
            acked.append(msg["id"])
        else:
            sys.stderr.write("unexpected reply %s\n" % json.dumps(msg))
            sys.exit(1)
        if not killed and len(acked) >= n:
            os.kill(pid, signal.SIGKILL)
            killed = True
    if not killed:
        sys.stderr.write("connection closed before %d acks\n" % n)
        sys.exit(1)
    with open(ackfile, "w") as f:
        for seq in acked:
            f.write("%d\n" % seq)
    print("acked %s" % ("enough" if len(acked) >= n else len(acked)))


def check(path, ackfile):
    rpc = Rpc(path)
    rpc.send({"method": "transact", "id": 0,
              "params": ["Test", {"op": "select", "table": "Blob",
                                  "where": [], "columns": ["seq"]}]})
    reply = rpc.recv()
    present = set(row["seq"] for row in reply["result"][0]["rows"])
    acked = [int(line) for line in open(ackfile)]
    missing = [seq for seq in acked if seq not in present]
    if missing:
        print("missing %s" % missing)
        sys.exit(1)
    print("ok")


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
