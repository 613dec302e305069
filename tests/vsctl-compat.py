#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Runs a scripted ovs-vsctl session and writes a normalized transcript.

usage: vsctl-compat.py VSCTL SCRIPT > TRANSCRIPT

SCRIPT has one ovs-vsctl invocation per line, written as shell words
(without the program name).  Blank lines and lines starting with '#' are
ignored.  A line may start with one of these markers, which say how to
compare the output where upstream's own output order depends on row UUIDs:

  sort:    sort the lines of stdout
  blocks:  sort stdout's blank-line-separated blocks
  show:    sort the sibling blocks of "ovs-vsctl show" output at every level

"@LAST@" in a line stands for the first line of the previous command's
stdout (e.g. the UUID that "create" printed), "@RUNDIR@" for $OVS_RUNDIR
and "@DB@" for unix:$OVS_RUNDIR/db.sock.

For each line the transcript has the command, its stdout, its stderr and
its exit status, with UUIDs, log time stamps and the path of the program
replaced by fixed tokens, so that two runs of the same session (with
different ovs-vsctl binaries and servers) can be compared with diff."""

import os
import re
import shlex
import subprocess
import sys

UUID_RE = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-'
                     r'[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')
TIME_RE = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z')
HTML_UUID_RE = re.compile(r'(<a (?:name|href)="[^"]*">)[0-9a-f]{8}(</a>)')
# Named UUIDs that the IDL makes up for inserted rows ("row..." in
# transaction errors).
ROWNAME_RE = re.compile(r'row[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_'
                        r'[0-9a-f]{4}_[0-9a-f]{12}')


def normalize(text, vsctl):
    text = text.replace(vsctl, 'ovs-vsctl')
    text = UUID_RE.sub('<uuid>', text)
    text = ROWNAME_RE.sub('<rowname>', text)
    text = TIME_RE.sub('<time>', text)
    # HTML output shows the first 8 digits of UUIDs.
    text = HTML_UUID_RE.sub(r'\1<uuid8>\2', text)
    return text


def sort_blocks(text):
    blocks = text.rstrip('\n').split('\n\n') if text else []
    return '\n\n'.join(sorted(blocks)) + ('\n' if blocks else '')


def canon_show(lines):
    """Returns 'lines' (one level of "show" output and everything below
    it) with the subtrees at each level sorted."""
    if not lines:
        return []
    indent = len(lines[0]) - len(lines[0].lstrip(' '))
    trees = []
    for line in lines:
        this = len(line) - len(line.lstrip(' '))
        if this <= indent or not trees:
            trees.append([line, []])
        else:
            trees[-1][1].append(line)
    out = []
    # Attributes ("key: value") keep their order; child rows are sorted.
    rendered = [[t[0]] + canon_show(t[1]) for t in trees]
    attrs = [r for r in rendered
             if ': ' in r[0] or r[0].rstrip().endswith(':')]
    rows = sorted([r for r in rendered if r not in attrs])
    for r in attrs + rows:
        out.extend(r)
    return out


def main():
    vsctl, script = sys.argv[1], sys.argv[2]
    last = ''
    for raw in open(script):
        line = raw.strip()
        if not line or line.startswith('#'):
            continue
        mode = None
        m = re.match(r'^(sort|blocks|show):\s*(.*)$', line)
        if m:
            mode, line = m.group(1), m.group(2)
        line = line.replace('@LAST@', last)
        line = line.replace('@RUNDIR@', os.environ.get('OVS_RUNDIR', '.'))
        line = line.replace('@DB@', 'unix:%s/db.sock'
                            % os.environ.get('OVS_RUNDIR', '.'))
        args = shlex.split(line)
        try:
            p = subprocess.run([vsctl] + args, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=30)
            out = p.stdout.decode('utf-8', 'replace')
            err = p.stderr.decode('utf-8', 'replace')
            status = p.returncode
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b'').decode('utf-8', 'replace')
            err = (e.stderr or b'').decode('utf-8', 'replace') + 'TIMEOUT\n'
            status = 'timeout'
        last = out.split('\n')[0] if out else ''
        if mode == 'sort':
            out = ''.join(sorted(out.splitlines(True)))
        elif mode == 'blocks':
            out = sort_blocks(out)
        elif mode == 'show':
            out = ''.join(l + '\n' for l in canon_show(out.splitlines()))
        sys.stdout.write('### %s\n' % normalize(line, vsctl))
        sys.stdout.write(normalize(out, vsctl))
        if err:
            sys.stdout.write('--- stderr\n')
            sys.stdout.write(normalize(err, vsctl))
        sys.stdout.write('--- exit %s\n' % status)


if __name__ == '__main__':
    main()
