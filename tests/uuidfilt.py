#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0

"""Copies the files named on the command line (or standard input) to
standard output, replacing each distinct UUID by <0>, <1>, ... in order of
first appearance, so that test output with random UUIDs is stable."""

import re
import sys

UUID_RE = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-'
                     r'[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')


def main():
    uuids = {}

    def replace(match):
        uuid = match.group(0).lower()
        if uuid not in uuids:
            uuids[uuid] = len(uuids)
        return '<%d>' % uuids[uuid]

    files = sys.argv[1:] or ['-']
    for name in files:
        f = sys.stdin if name == '-' else open(name)
        for line in f:
            sys.stdout.write(UUID_RE.sub(replace, line))


if __name__ == '__main__':
    main()
