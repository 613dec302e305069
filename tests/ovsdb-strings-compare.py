#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0

"""Compares our string syntax for OVSDB values (ovsdb_datum_from_string()
and ovsdb_datum_to_string(), through "ovstest test-ovsdb
parse-data-strings") with upstream's, as upstream's ovs-vsctl shows it:
"ovs-vsctl set TABLE RECORD COLUMN=VALUE" then "ovs-vsctl get TABLE RECORD
COLUMN", against an ovsdb-server with the Open_vSwitch schema that the
caller started.

usage: ovsdb-strings-compare.py DB SCHEMA CASES [--ref-bindir DIR]
                                [--ovstest PATH]

DB is the server's remote (e.g. unix:db.sock), SCHEMA the schema file the
server runs, CASES a file of lines "TABLE RECORD COLUMN VALUE" (VALUE is
the rest of the line; empty lines and lines starting with "#" are
skipped).  For each case, upstream's error message (without the
"ovs-vsctl: " prefix) or the value it reads back must equal what we print.
Exits with status 1 if any case differs.
"""

import argparse
import json
import os
import subprocess
import sys


def vsctl(bindir, db, *args):
    p = subprocess.run([os.path.join(bindir, 'ovs-vsctl'), '--no-wait',
                        '--db=' + db, '--'] + list(args),
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('db')
    parser.add_argument('schema')
    parser.add_argument('cases')
    parser.add_argument('--ref-bindir',
                        default=os.environ.get('OVS_REF_BINDIR', '/usr/bin'))
    parser.add_argument('--ovstest', default=os.path.join(
        os.environ.get('abs_top_builddir', '.'), 'tests', 'ovstest'))
    args = parser.parse_args()

    with open(args.schema) as f:
        schema = json.load(f)

    n_cases = n_diffs = 0
    with open(args.cases) as f:
        lines = [l.rstrip('\n') for l in f]
    for line in lines:
        if not line.strip() or line.startswith('#'):
            continue
        table, record, column, value = line.split(' ', 3)
        n_cases += 1

        rc, out, err = vsctl(args.ref_bindir, args.db, 'set', table, record,
                             '%s=%s' % (column, value))
        if rc:
            upstream = err.strip().splitlines()[-1]
            prefix = 'ovs-vsctl: '
            if upstream.startswith(prefix):
                upstream = upstream[len(prefix):]
        else:
            rc, out, err = vsctl(args.ref_bindir, args.db, 'get', table,
                                 record, column)
            upstream = out.rstrip('\n') if not rc else 'get failed: ' + err

        col_type = schema['tables'][table]['columns'][column]['type']
        p = subprocess.run([args.ovstest, 'test-ovsdb', 'parse-data-strings',
                            json.dumps(col_type), value],
                           capture_output=True, text=True)
        if p.returncode:
            ours = 'test-ovsdb failed: ' + p.stderr.strip()
        else:
            ours = p.stdout.splitlines()[0] if p.stdout else ''

        if ours != upstream:
            n_diffs += 1
            print('%s %s %s=%s' % (table, record, column, value))
            print('  upstream: %s' % upstream)
            print('  weft:     %s' % ours)

    if n_diffs:
        print('%d of %d cases differ' % (n_diffs, n_cases))
        sys.exit(1)
    print('%d cases: same results' % n_cases)


if __name__ == '__main__':
    main()
