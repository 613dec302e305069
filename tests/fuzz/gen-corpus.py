#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Writes the seed corpus of tests/fuzz/ofp-print-fuzzer.c.

usage: gen-corpus.py OUTDIR FILE...

Finds every OpenFlow message written in hex in FILEs (the suite's message
corpora: tests/ofp-print.corpus, tests/ofp-*.txt, the ofp-print lines of
tests/*.at, tests/fuzz/regress/*.hex) and writes each distinct one to
OUTDIR as a binary file named by its SHA-1, as libFuzzer wants its corpus.
A "message" is a run of hex digits (spaces between bytes allowed) of at
least 8 bytes whose first byte is an OpenFlow version (1 to 6).  Prints
the number of files written."""

import hashlib
import os
import re
import sys

# A run of at least 8 bytes in hex, possibly with spaces between bytes.
HEX_RUN = re.compile(r'(?:[0-9a-fA-F]{2}[ ]?){8,}')


def messages(text):
    """Yields the bytes of every plausible OpenFlow message in 'text'."""
    for line in text.splitlines():
        if line.lstrip().startswith('#'):
            continue
        for m in HEX_RUN.finditer(line):
            digits = m.group(0).replace(' ', '')
            if len(digits) % 2:
                digits = digits[:-1]
            data = bytes.fromhex(digits)
            if 1 <= data[0] <= 6:
                yield data


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        sys.exit(1)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    seen = set()
    for name in sys.argv[2:]:
        if not os.path.exists(name):
            continue            # An unmatched shell pattern.
        with open(name, encoding='utf-8', errors='replace') as f:
            text = f.read()
        for data in messages(text):
            digest = hashlib.sha1(data).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            with open(os.path.join(outdir, digest), 'wb') as f:
                f.write(data)
    print(len(seen))


if __name__ == '__main__':
    main()
