#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Prints the contents of an OVSDB database without UUIDs.

usage: ovsdb-client dump -f json DB | vsctl-dbcanon.py

Reads the JSON tables that "ovsdb-client dump -f json" prints (one object
per line, with "caption", "headings" and "data") and prints every row as
one line, "TABLE {column: value, ...}", rows sorted, where each reference
to another row is replaced by that row's own canonical form (recursively),
so that two databases with the same contents but different row UUIDs
print the same text.  Columns listed with -i COLUMN are left out."""

import json
import sys


def main():
    ignore = set()
    args = sys.argv[1:]
    while args:
        if args[0] == '-i':
            ignore.add(args[1])
            args = args[2:]
        else:
            sys.exit('usage: vsctl-dbcanon.py [-i COLUMN]...')

    rows = {}                   # UUID -> (table, {column: json value})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        t = json.loads(line)
        table = t['caption'].split(' ')[0]
        headings = t['headings']
        for d in t['data']:
            r = dict(zip(headings, d))
            uuid = r.pop('_uuid')[1]
            rows[uuid] = (table, r)

    memo = {}
    active = set()

    def canon_value(v):
        if isinstance(v, list) and len(v) == 2 and v[0] == 'uuid':
            return canon_row(v[1])
        if isinstance(v, list) and len(v) == 2 and v[0] == 'set':
            return '[' + ', '.join(sorted(canon_value(x) for x in v[1])) + ']'
        if isinstance(v, list) and len(v) == 2 and v[0] == 'map':
            return '{' + ', '.join(sorted('%s=%s' % (canon_value(k),
                                                     canon_value(x))
                                          for k, x in v[1])) + '}'
        return json.dumps(v)

    def canon_row(uuid):
        if uuid not in rows:
            return '<dangling>'
        if uuid in memo:
            return memo[uuid]
        if uuid in active:
            return '<cycle>'
        active.add(uuid)
        table, r = rows[uuid]
        s = '%s{%s}' % (table, ', '.join(
            '%s: %s' % (c, canon_value(r[c]))
            for c in sorted(r) if c not in ignore))
        active.discard(uuid)
        memo[uuid] = s
        return s

    for line in sorted(canon_row(u) for u in rows):
        print(line)


if __name__ == '__main__':
    main()
