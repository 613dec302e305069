#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0

"""Runs the same OVSDB transactions through upstream's "ovsdb-tool transact"
and through our "ovstest test-ovsdb execute-nowait", and compares the
results.

usage: ovsdb-compare.py SCHEMA TXNS [--ref-bindir DIR] [--ovstest PATH]
                        [--tool PATH] [--show]

TXNS has one "transact" params array per line; empty lines and lines that
start with "#" are ignored.  Results are compared after normalization:
UUIDs are replaced by <0>, <1>, ... (numbered first from "insert" results,
then in order of appearance), "_version" values by <version>, and the
rows of "select" results and the elements of sets are sorted, since their
order depends on hashing.  Prints the differences and exits with status 1
if there are any; with --show, prints the normalized results too.  With
--tool, our side runs "PATH create" and "PATH transact" (our ovsdb-tool)
on a database file instead of the in-memory "test-ovsdb execute-nowait".
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

UUID_RE = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                     r'[0-9a-f]{12}')


class Normalizer(object):
    """Normalizes the results of one run (keeps the UUID numbering across
    transactions)."""

    def __init__(self):
        self.uuids = {}

    def number(self, uuid):
        if uuid not in self.uuids:
            self.uuids[uuid] = len(self.uuids)
        return '<%d>' % self.uuids[uuid]

    def text(self, s):
        return UUID_RE.sub(lambda m: self.number(m.group(0)), s)

    def value(self, v, key=None):
        if key == '_version':
            return '<version>'
        if isinstance(v, list):
            if len(v) == 2 and v[0] in ('uuid', 'named-uuid') \
               and isinstance(v[1], str):
                return [v[0], self.text(v[1])]
            if len(v) == 2 and v[0] in ('set', 'map') \
               and isinstance(v[1], list):
                elems = [self.value(e) for e in v[1]]
                elems.sort(key=lambda e: json.dumps(e, sort_keys=True))
                return [v[0], elems]
            return [self.value(e) for e in v]
        if isinstance(v, dict):
            out = {}
            for k in sorted(v):
                out[self.text(k)] = self.value(v[k], k)
            if 'rows' in out and isinstance(out['rows'], list):
                out['rows'].sort(key=lambda r: json.dumps(r, sort_keys=True))
            return out
        if isinstance(v, str):
            return self.text(v)
        return v

    def line(self, s):
        try:
            results = json.loads(s)
        except ValueError:
            return self.text(s)
        # Number the UUIDs of inserted rows first, in order.
        if isinstance(results, list):
            for r in results:
                if isinstance(r, dict) and 'uuid' in r \
                   and isinstance(r['uuid'], list) and len(r['uuid']) == 2:
                    self.number(r['uuid'][1])
        return json.dumps(self.value(results), sort_keys=True,
                          separators=(',', ':'))


def read_txns(name):
    txns = []
    with open(name) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                txns.append(line)
    return txns


def run_tool(tool, schema, txns):
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'db')
        subprocess.run([tool, 'create', db, schema], check=True)
        for txn in txns:
            p = subprocess.run([tool, 'transact', db, txn],
                               capture_output=True, text=True)
            if p.returncode:
                out.append('ERROR: ' + p.stderr.strip())
            else:
                out.append(p.stdout.strip())
    return out


def run_ours(ovstest, schema, txns):
    with open(schema) as f:
        schema_json = f.read()
    p = subprocess.run([ovstest, 'test-ovsdb', 'execute-nowait',
                        schema_json] + txns,
                       capture_output=True, text=True)
    if p.returncode:
        sys.stderr.write(p.stderr)
        sys.exit(2)
    return p.stdout.splitlines()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('schema')
    parser.add_argument('txns')
    parser.add_argument('--ref-bindir',
                        default=os.environ.get('OVS_REF_BINDIR', '/usr/bin'))
    parser.add_argument('--ovstest', default=os.path.join(
        os.environ.get('abs_top_builddir', '.'), 'tests', 'ovstest'))
    parser.add_argument('--tool')
    parser.add_argument('--show', action='store_true')
    args = parser.parse_args()

    txns = read_txns(args.txns)
    ref = run_tool(os.path.join(args.ref_bindir, 'ovsdb-tool'), args.schema,
                   txns)
    if args.tool:
        ours = run_tool(args.tool, args.schema, txns)
    else:
        ours = run_ours(args.ovstest, args.schema, txns)

    ref_norm, ours_norm = Normalizer(), Normalizer()
    n_diffs = 0
    for i, txn in enumerate(txns):
        r = ref_norm.line(ref[i]) if i < len(ref) else '<missing>'
        o = ours_norm.line(ours[i]) if i < len(ours) else '<missing>'
        if args.show:
            print('txn %d: %s' % (i + 1, txn))
            print('  result: %s' % r)
        if r != o:
            n_diffs += 1
            print('txn %d differs: %s' % (i + 1, txn))
            print('  upstream: %s' % r)
            print('  weft:     %s' % o)
    if len(ours) != len(txns):
        print('weft printed %d results for %d transactions'
              % (len(ours), len(txns)))
        n_diffs += 1
    if n_diffs:
        print('%d of %d transactions differ' % (n_diffs, len(txns)))
        sys.exit(1)
    print('%d transactions: same results' % len(txns))


if __name__ == '__main__':
    main()
