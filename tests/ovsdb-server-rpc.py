# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Raw JSON-RPC driver for ovsdb-server tests.

usage: ovsdb-server-rpc.py run SOCKET < SCRIPT
       ovsdb-server-rpc.py nodetails < OUTPUT
       ovsdb-server-rpc.py uuidfilt < TEXT

"run" connects to the Unix socket SOCKET (as many times as the script
asks) and executes SCRIPT, one command per line:

    N> JSON       send JSON (any text, sent as is) on connection N,
                  connecting first if needed
    N>> TEXT      send TEXT without a trailing anything (same as N>)
    N<            wait for the next message on connection N and print it
                  as "N: " plus the message with sorted keys
    N<raw         wait for the next message on connection N and print it
                  as "N: " plus the message exactly as the server sent it
                  (for comparing the server's member order)
    N<K           wait for the next K messages on connection N and print
                  them as above, in sorted order (for messages whose
                  relative order does not matter)
    N<?           print the next message if one arrives within 0.5 s,
                  otherwise "N: (none)"
    N<eof         wait until connection N is closed by the server and
                  print "N: EOF"
    N close       close connection N
    sleep SECS    sleep
    # ...         comment

Waiting gives up (printing "N: TIMEOUT" and exiting 1) after 10 seconds.

"nodetails" copies the output of "run" from standard input to standard
output, dropping the "details" member of every object.

"uuidfilt" copies standard input to standard output replacing every
UUID by <0>, <1>, ... in order of first appearance; lines in the form
that "run" prints are printed again with sorted keys afterward, so that
the order of members does not depend on the UUIDs' values.
"""

import json
import re
import select
import socket
import sys
import time

TIMEOUT = 10.0
UUID_RE = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                     r'[0-9a-f]{12}')


class Conn(object):
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.buf = ''
        self.eof = False
        self.decoder = json.JSONDecoder()
        self.raw = None         # Text of the last message parsed.

    def send(self, text):
        self.sock.sendall(text.encode('utf-8'))

    def _parse(self):
        s = self.buf.lstrip()
        if not s:
            self.buf = ''
            return None
        try:
            obj, end = self.decoder.raw_decode(s)
        except ValueError:
            return None
        self.raw = s[:end]
        self.buf = s[end:]
        return obj

    def recv(self, timeout):
        deadline = time.time() + timeout
        while True:
            obj = self._parse()
            if obj is not None:
                return obj
            if self.eof:
                return 'EOF'
            left = deadline - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.sock], [], [], left)
            if r:
                try:
                    data = self.sock.recv(65536)
                except ConnectionResetError:
                    data = b''
                if not data:
                    self.eof = True
                else:
                    self.buf += data.decode('utf-8')


def fmt(obj):
    return json.dumps(obj, sort_keys=True, separators=(',', ':'))


def run(path):
    conns = {}
    for line in sys.stdin:
        line = line.rstrip('\n')
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        if line.startswith('sleep '):
            time.sleep(float(line.split()[1]))
            continue
        m = re.match(r'(\d+)(>>|>|<eof|<raw|<\?|<\d+|<| close)\s?(.*)$',
                     line)
        if not m:
            sys.stderr.write('bad script line: %s\n' % line)
            sys.exit(2)
        n, op, arg = int(m.group(1)), m.group(2), m.group(3)
        if n not in conns:
            conns[n] = Conn(path)
        c = conns[n]
        if op in ('>', '>>'):
            c.send(arg)
        elif op == ' close':
            c.sock.close()
            del conns[n]
        elif op in ('<', '<raw'):
            obj = c.recv(TIMEOUT)
            if obj is None:
                print('%d: TIMEOUT' % n)
                sys.exit(1)
            elif obj == 'EOF':
                print('%d: EOF' % n)
            else:
                print('%d: %s' % (n, c.raw if op == '<raw' else fmt(obj)))
        elif op.startswith('<') and op[1:].isdigit():
            lines = []
            for _ in range(int(op[1:])):
                obj = c.recv(TIMEOUT)
                if obj is None:
                    print('%d: TIMEOUT' % n)
                    sys.exit(1)
                lines.append('%d: %s' % (n, 'EOF' if obj == 'EOF'
                                         else fmt(obj)))
            for l in sorted(lines):
                print(l)
        elif op == '<?':
            obj = c.recv(0.5)
            if obj is None:
                print('%d: (none)' % n)
            else:
                print('%d: %s' % (n, 'EOF' if obj == 'EOF' else fmt(obj)))
        elif op == '<eof':
            deadline = time.time() + TIMEOUT
            while True:
                obj = c.recv(max(deadline - time.time(), 0))
                if obj == 'EOF':
                    print('%d: EOF' % n)
                    break
                if obj is None:
                    print('%d: TIMEOUT' % n)
                    sys.exit(1)
        sys.stdout.flush()


def uuidfilt():
    seen = {}

    def sub(m):
        u = m.group(0)
        if u not in seen:
            seen[u] = '<%d>' % len(seen)
        return seen[u]
    for line in sys.stdin:
        line = UUID_RE.sub(sub, line)
        n, sep, rest = line.rstrip('\n').partition(': ')
        if sep and n.isdigit():
            try:
                line = n + sep + fmt(json.loads(rest)) + '\n'
            except ValueError:
                pass
        sys.stdout.write(line)


def nodetails():
    def strip(obj):
        if isinstance(obj, dict):
            return dict((k, strip(v)) for k, v in obj.items()
                        if k != "details")
        elif isinstance(obj, list):
            return [strip(x) for x in obj]
        return obj
    for line in sys.stdin:
        n, sep, rest = line.rstrip('\n').partition(': ')
        try:
            rest = fmt(strip(json.loads(rest)))
        except ValueError:
            pass
        print(n + sep + rest)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == 'run':
        run(sys.argv[2])
    elif len(sys.argv) == 2 and sys.argv[1] == 'nodetails':
        nodetails()
    elif len(sys.argv) == 2 and sys.argv[1] == 'uuidfilt':
        uuidfilt()
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == '__main__':
    main()
