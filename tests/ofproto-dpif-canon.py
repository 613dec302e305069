#! /usr/bin/python3
# Copyright (c) 2026 The Weft Authors.
# SPDX-License-Identifier: Apache-2.0
"""Puts datapath actions and flow dumps in a canonical form for tests.

A switch floods a packet to its ports in an order that depends on its hash
tables, which differs between implementations (and is not part of the
behaviour that matters): what matters is which port gets the packet with
which VLAN tag.  This filter rewrites

  - "Datapath actions: A" lines (ofproto/trace's last line) and
  - the ", actions:A" part of dpif/dump-flows and dpctl/dump-flows lines

so that output actions become a sorted list of PORT or PORT:VLAN items
(the tag the packet carries when it goes out, followed through push_vlan
and pop_vlan), with datapath port numbers replaced by port names, and
"in_port(N)" by "in_port(NAME)".  Other actions are kept in place as
separators.

usage: ofproto-dpif-canon.py DPIF_SHOW_FILE [VLAN] < INPUT

DPIF_SHOW_FILE holds "ovs-appctl dpif/show" output (for the port names);
VLAN is the VLAN the packet arrives with, for trace output (default none).
"""

import re
import sys


def read_ports(path):
    """Returns a map from datapath port number (string) to port name."""
    ports = {}
    with open(path) as f:
        for line in f:
            m = re.match(r'\s+(\S+) (\d+)/(\d+):', line)
            if m:
                ports[m.group(3)] = m.group(1)
    return ports


def split_actions(s):
    """Splits an action list at top-level commas."""
    items, depth, cur = [], 0, ''
    for c in s:
        if c == ',' and depth == 0:
            items.append(cur)
            cur = ''
            continue
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
        cur += c
    if cur:
        items.append(cur)
    return items


def canon_actions(actions, ports, vlan):
    """Returns the canonical form of action list 'actions'."""
    if actions in ('drop', ''):
        return actions
    groups, outs = [], []
    for a in split_actions(actions):
        m = re.match(r'push_vlan\(vid=(\d+)', a)
        if m:
            vlan = m.group(1)
        elif a == 'pop_vlan':
            vlan = None
        elif re.match(r'^\d+$', a):
            name = ports.get(a, a)
            outs.append(name if vlan is None else '%s:%s' % (name, vlan))
        else:
            groups.append(' '.join(sorted(outs)))
            groups.append(a)
            outs = []
    groups.append(' '.join(sorted(outs)))
    return ' | '.join(g for g in groups if g)


def flow_vlan(line):
    """Returns the VLAN of a dump-flows line's key, or None."""
    m = re.search(r'vlan\(vid=(\d+)', line)
    return m.group(1) if m else None


def main():
    ports = read_ports(sys.argv[1])
    vlan = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
    for line in sys.stdin:
        line = line.rstrip('\n')
        if line.startswith('Datapath actions: '):
            line = 'Datapath actions: ' + canon_actions(
                line[len('Datapath actions: '):], ports, vlan)
        elif ', actions:' in line:
            head, actions = line.split(', actions:', 1)
            head = re.sub(r'in_port\((\d+)\)',
                          lambda m: 'in_port(%s)' % ports.get(m.group(1),
                                                              m.group(1)),
                          head)
            line = '%s, actions:%s' % (
                head, canon_actions(actions, ports, flow_vlan(head)))
        print(line)


if __name__ == '__main__':
    main()
