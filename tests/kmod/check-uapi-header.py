#!/usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""check-uapi-header.py OURS [REFERENCE]

Checks that our include/linux/openvswitch.h keeps the kernel ABI of the
reference uapi header (default: the installed /usr/include/linux/
openvswitch.h from linux-libc-dev): every enumerator and macro of the
reference has the same value in ours, and every structure the same size and
member offsets.  It compiles one small C program against each header and
compares what they print.  Ours may define more; it may not differ.
"""

import os
import re
import subprocess
import sys
import tempfile


def strip_comments(text):
    return re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)


def names_and_structs(text):
    text = strip_comments(text)
    names = set()
    for body in re.findall(r'\benum\s*\w*\s*\{(.*?)\}', text, flags=re.S):
        for item in body.split(','):
            item = item.strip()
            if item:
                names.add(re.split(r'[\s=]', item)[0])
    for m in re.finditer(r'^\s*#\s*define\s+([A-Za-z]\w*)\s+\S', text,
                         flags=re.M):
        names.add(m.group(1))
    structs = []
    for name, body in re.findall(r'\bstruct\s+(\w+)\s*\{(.*?)\};', text,
                                 flags=re.S):
        members = re.findall(r'(\w+)\s*(?:\[[^\]]*\])?\s*;', body)
        structs.append((name, members))
    return sorted(names), structs


def program(header, names, structs):
    lines = ['#include <stdio.h>', '#include <stddef.h>',
             '#include "%s"' % header, 'int main(void) {']
    for n in names:
        if n.endswith(('_FAMILY', '_MCGROUP')):
            lines.append('printf("%s %%s\\n", %s);' % (n, n))
        else:
            lines.append('printf("%s %%lld\\n", (long long) (%s));' % (n, n))
    for s, members in structs:
        lines.append('printf("sizeof(struct %s) %%zu\\n", '
                     'sizeof(struct %s));' % (s, s))
        for m in members:
            lines.append('printf("offsetof(struct %s, %s) %%zu\\n", '
                         'offsetof(struct %s, %s));' % (s, m, s, m))
    lines.append('return 0; }')
    return '\n'.join(lines) + '\n'


def run(header, names, structs, tmp):
    src = os.path.join(tmp, 'p.c')
    exe = os.path.join(tmp, 'p')
    with open(src, 'w') as f:
        f.write(program(os.path.abspath(header), names, structs))
    subprocess.run(['gcc', '-o', exe, src], check=True)
    return subprocess.run([exe], check=True, capture_output=True,
                          text=True).stdout.splitlines()


def main():
    ours = sys.argv[1]
    ref = sys.argv[2] if len(sys.argv) > 2 else \
        '/usr/include/linux/openvswitch.h'
    with open(ref) as f:
        names, structs = names_and_structs(f.read())
    with tempfile.TemporaryDirectory() as tmp:
        want = run(ref, names, structs, tmp)
        got = run(ours, names, structs, tmp)
    bad = [(w, g) for w, g in zip(want, got) if w != g]
    for w, g in bad:
        print('reference: %s\n     ours: %s' % (w, g))
    print('%d names, %d structures compared with %s: %s'
          % (len(names), len(structs), ref,
             'identical' if not bad else '%d differ' % len(bad)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
