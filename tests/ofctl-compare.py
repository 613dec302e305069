#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Runs two ovs-ofctl binaries on the same inputs and reports differences.

Usage:
    ofctl-compare.py OURS REF ofp-print CORPUS [SECTION-REGEX [VERBOSITY]]
    ofctl-compare.py OURS REF commands FILE

"ofp-print": CORPUS holds one hex message per line; a line "# TEXT" starts
a section named TEXT.  Every message of the sections whose name matches
SECTION-REGEX (default: all) is given to "ovs-ofctl ofp-print HEX
[VERBOSITY]".

"commands": each line of FILE is one ovs-ofctl command line (split as the
shell would, without expansions); "#" lines are comments.

Standard output, exit status and standard error are compared; in standard
error, the time stamp and sequence number of log lines are ignored.
Prints each difference and the number of inputs, and exits with status 1
if there was any difference.
"""

import re
import shlex
import subprocess
import sys


def run(binary, args):
    p = subprocess.run([binary] + args, capture_output=True)
    err = re.sub(rb"(?m)^\d{4}-\d\d-\d\dT[\d:.]+Z\|\d+\|", b"", p.stderr)
    err = re.sub(rb"(?m)^[^:\n]*ovs-ofctl: ", b"ovs-ofctl: ", err)
    return p.returncode, p.stdout, err


def compare(ours, ref, cases):
    n_diff = 0
    for args in cases:
        a = run(ref, args)
        b = run(ours, args)
        if a != b:
            n_diff += 1
            print("difference for: %s" % " ".join(shlex.quote(x)
                                                  for x in args))
            for what, x, y in (("status", a[0], b[0]),
                               ("stdout", a[1], b[1]),
                               ("stderr", a[2], b[2])):
                if x != y:
                    print("  %s: expected %r" % (what, x))
                    print("  %s:   actual %r" % (what, y))
    print("%d inputs, %d differences" % (len(cases), n_diff))
    return n_diff


def ofp_print_cases(corpus, regex, verbosity):
    cases = []
    take = regex is None
    with open(corpus) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                take = regex is None or re.search(regex, line[1:].strip())
            elif take:
                cases.append(["ofp-print", line] + verbosity)
    return cases


def command_cases(filename):
    cases = []
    with open(filename) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                cases.append(shlex.split(line))
    return cases


def main():
    if len(sys.argv) < 5:
        sys.stderr.write(__doc__)
        sys.exit(2)
    ours, ref, mode, filename = sys.argv[1:5]
    if mode == "ofp-print":
        regex = sys.argv[5] if len(sys.argv) > 5 else None
        verbosity = sys.argv[6:7]
        cases = ofp_print_cases(filename, regex, verbosity)
    elif mode == "commands":
        cases = command_cases(filename)
    else:
        sys.stderr.write("unknown mode %s\n" % mode)
        sys.exit(2)
    if not cases:
        print("no inputs")
        sys.exit(1)
    sys.exit(1 if compare(ours, ref, cases) else 0)


if __name__ == "__main__":
    main()
